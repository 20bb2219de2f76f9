"""Muon against AdamW where Muon's idea can show: on weight matrices.

Muon orthogonalises the update of a whole matrix, so a 2-D point (the problem pages) cannot show
it. Two matrix-shaped problems do:

* the least-squares fit of a 16 × 8 weight matrix of ``optimizers/problems/matrix.py``, with
  input covariances of condition number κ = 1, 10, 100, 1000 (Σ in a random basis);
* the MLP on digits of ``study_data`` (``data-mlp``): Muon on the weight matrices W1, W2, W3,
  AdamW on the biases, as torch users pair them (:class:`MuonWithAdamW`).

Equal tuning: both optimizers have one knob, the lr, tuned on the same grid by the same protocol as
the data studies (the grid as one batch on ``TUNE_SEED``, grown a decade at a time while the best lr
is an end of it; then the tuned lr re-run on ``SEEDS``). Everything else is fixed and shared:
the same decoupled weight decay (AdamW's default λ, also for Muon, whose torch default is 0.1), and
Muon's ``adjust_lr_fn="match_rms_adamw"``, torch's option that scales Muon's step to AdamW's typical
size so that one lr serves both halves of the MLP. Each comparison is run twice: with a constant lr
and with a cosine decay to 0 over the run (``CosineAnnealingLR``, as Muon is used in practice).

The study ``muon`` holds the numbers (the claim ``muon_matrix`` in ``claims/muon.py`` judges them)
and draws the figure: the singular values of one update (Muon's orthogonalised: all near 1) and the
loss curves against κ.
"""

from __future__ import annotations

import numpy as np

from optimizers import AdamW, Muon
from optimizers.problems import datasets as D
from optimizers.problems.matrix import SHAPE, descend, least_squares, stack
from optimizers.schedules import CosineAnnealingLR

from .experiments import SWEEP
from .figures import _figure, _png, look, words
from .studies import Study, register
from .study_data import (MLP_GRID, MLP_SETTINGS, SEEDS, TUNE_SEED, Unmeasured, final_measures, first_given,
                         grow_until_interior, plain, single_threaded)

KAPPAS = (1, 10, 100, 1000)
STEPS = 100
#: the matrix problem's lr grid: 1e-3 … 1, four points a decade, grown past any wall
GRID = np.logspace(-3, 0, 13)
SCHEDULES = ("constant", "cosine")
#: the weight decay both use: AdamW's default (torch's Muon defaults to 0.1)
WEIGHT_DECAY = AdamW().weight_decay
ADJUST = "match_rms_adamw"
#: the κ of the figure's singular-value panel
SV_KAPPA = 100


# --8<-- [start:split]
class MuonWithAdamW:
    """Muon for every weight matrix, AdamW for the rest (biases), with one lr and one weight decay.

    torch's Muon refuses a parameter that is not a matrix, so a network is trained with two
    optimizers: ``Muon(matrices)`` and ``AdamW(everything else)``. With K batched runs a matrix is
    a (K, m, n) array and a bias a (K, n) one, so the split is by the number of axes.
    """

    def __init__(self, lr, weight_decay=WEIGHT_DECAY, batched=True):
        self.muon = Muon(lr=lr, weight_decay=weight_decay, adjust_lr_fn=ADJUST)
        self.adamw = AdamW(lr=lr, weight_decay=weight_decay)
        self.matrix_ndim = 3 if batched else 2

    def update(self, params, grads):
        matrices = [k for k, p in params.items() if p.ndim == self.matrix_ndim]
        rest = [k for k in params if k not in matrices]
        self.muon.update({k: params[k] for k in matrices}, {k: grads[k] for k in matrices})
        self.adamw.update({k: params[k] for k in rest}, {k: grads[k] for k in rest})
# --8<-- [end:split]


class Cosine:
    """An optimizer (or a pair) whose lr decays along a cosine to 0 over ``total`` updates."""

    def __init__(self, opt, total: int):
        self.opt = opt
        inner = [opt.muon, opt.adamw] if isinstance(opt, MuonWithAdamW) else [opt]
        self.schedules = [CosineAnnealingLR(o, T_max=total) for o in inner]

    def update(self, params, grads):
        self.opt.update(params, grads)
        for s in self.schedules:
            s.step()


def _matrix_opt(name: str, lr):
    if name == "Muon":
        return Muon(lr=lr, weight_decay=WEIGHT_DECAY, adjust_lr_fn=ADJUST)
    return AdamW(lr=lr, weight_decay=WEIGHT_DECAY)


def _matrix_runs(name: str, schedule: str, problem, lrs) -> np.ndarray:
    opt = _matrix_opt(name, np.asarray(lrs, dtype=float))
    sched = CosineAnnealingLR(opt, T_max=STEPS) if schedule == "cosine" else None
    return descend(opt, problem, STEPS, schedule=sched).loss


def _tail(loss: np.ndarray) -> np.ndarray:
    n = max(1, int(round(STEPS * SWEEP.tail)))
    return loss[-n:].mean(axis=0)


def _record(what, grid, i, edge) -> dict:
    return {"what": what, "lo": float(grid[0]), "hi": float(grid[-1]), "n": len(grid), "index": int(i),
            "value": float(grid[i]), "edge": edge}


def matrix_comparison() -> dict:
    """Per κ, schedule and optimizer: the tuned lr (on the TUNE_SEED instance) and the final loss on SEEDS.

    Every κ goes in one batch (the runs are independent, so run by run the numbers are those of one κ at a
    time): the base grid of all κ, then the tuned lrs of all κ on SEEDS; only a grid that grows is run per κ."""
    out = {}
    tunes = [least_squares(kappa, seed=TUNE_SEED) for kappa in KAPPAS]
    evals = stack([least_squares(kappa, seed=s) for kappa in KAPPAS for s in SEEDS])   # run k·S + s: κ_k, SEEDS[s]
    G, S = len(GRID), len(SEEDS)
    for schedule in SCHEDULES:
        for name in ("Muon", "AdamW"):
            base = _tail(_matrix_runs(name, schedule, stack([t for t in tunes for _ in GRID]),
                                      np.tile(GRID, len(KAPPAS))))                       # run k·G + j: κ_k, GRID[j]
            tuned = []
            for k, (kappa, tune) in enumerate(zip(KAPPAS, tunes)):
                def try_lrs(lrs):
                    return {"score": _tail(_matrix_runs(name, schedule, tune.repeat(len(lrs)), lrs))}
                grid, _, i, edge = grow_until_interior(first_given({"score": base[k * G:(k + 1) * G]}, try_lrs),
                                                       GRID, floor_exp=SWEEP.lr_floor_exp,
                                                       ceiling_exp=SWEEP.lr_ceiling_exp)
                tuned.append((kappa, grid, i, edge))
            loss = _matrix_runs(name, schedule, evals, np.repeat([grid[i] for _, grid, i, _ in tuned], S))
            for k, (kappa, grid, i, edge) in enumerate(tuned):
                runs = loss[:, k * S:(k + 1) * S]
                out[f"{kappa}/{schedule}/{name}"] = {
                    "lr": float(grid[i]), "final": runs[-1].tolist(),
                    "curve": np.median(runs, axis=1).tolist(),
                    "tuning": _record(f"lr {name} (κ = {kappa}, {schedule})", grid, i, edge)}
    return out


def _mlp_train(name: str, schedule: str, lrs, seeds, data, model, final: bool = True):
    """The history, and with ``final`` the whole training set's loss and the test accuracy at the end (the
    only ones used: none is measured after the other epochs; a tuning sweep scores the minibatch losses)."""
    s = MLP_SETTINGS
    lrs = np.asarray(lrs, dtype=float)
    opt = MuonWithAdamW(lrs) if name == "Muon" else AdamW(lr=lrs, weight_decay=WEIGHT_DECAY)
    if schedule == "cosine":
        opt = Cosine(opt, s["epochs"] * (len(data.y_train) // s["batch_size"]))
    params = model.init(seeds, scheme=s["init"])
    h = D.train(Unmeasured(model), opt, params, data, epochs=s["epochs"], batch_size=s["batch_size"], seeds=seeds)
    return h, (final_measures(model, params, data) if final else None)


def mlp_comparison() -> dict:
    """The MLP on digits, protocol of ``data-mlp``. AdamW at a constant lr is that study's own run."""
    from .studies import study_result
    data = D.load("digits")
    model = D.MLP(MLP_SETTINGS["sizes"], MLP_SETTINGS["activation"])
    out = {}
    base = study_result("data-mlp")
    out["constant/AdamW"] = {"lr": base["tuning"]["AdamW"]["value"], "final": base["tuned_final_loss"]["AdamW"],
                             "acc": base["tuned_test_acc"]["AdamW"],
                             "tuning": {**base["tuning"]["AdamW"], "what": "lr AdamW (digits, constant)"}}
    for schedule in SCHEDULES:
        for name in ("Muon", "AdamW"):
            if f"{schedule}/{name}" in out:
                continue

            def try_lrs(lrs):
                h, _ = _mlp_train(name, schedule, lrs, [TUNE_SEED] * len(lrs), data, model, final=False)
                return {"score": h.objective(SWEEP.tail)}
            grid, _, i, edge = grow_until_interior(try_lrs, MLP_GRID, floor_exp=SWEEP.lr_floor_exp,
                                                   ceiling_exp=SWEEP.lr_ceiling_exp)
            h, (last_loss, last_acc) = _mlp_train(name, schedule, np.full(len(SEEDS), grid[i]), list(SEEDS), data,
                                                  model)
            out[f"{schedule}/{name}"] = {
                "lr": float(grid[i]), "final": np.where(h.diverged, np.inf, last_loss).tolist(),
                "acc": last_acc.tolist(),
                "tuning": _record(f"lr {name} (digits, {schedule})", grid, i, edge)}
    return out


def singular_values() -> dict:
    """The first update of each optimizer on one κ = SV_KAPPA instance: its singular values (and the gradient's)."""
    p = least_squares(SV_KAPPA, seed=TUNE_SEED)
    G = p.grad(p.start)
    out = {"gradient": np.linalg.svd(G, compute_uv=False).tolist()}
    for name in ("Muon", "AdamW"):
        W = p.start.copy()
        opt = _matrix_opt(name, 1.0)
        opt.update({"W": W}, {"W": G})
        step = p.start - W                              # weight decay is 0 at W = 0: the step is the update
        out[name] = np.linalg.svd(step, compute_uv=False).tolist()
    return out


#: the exercise: a diagonal gradient, so every singular value is a diagonal entry
EX_G = ((3.0, 0.0), (0.0, 1.0))


def exercise() -> dict:
    """The page's exercises: Muon's first step on EX_G (defaults, lr 1), and the two lr ratios for a 16×8 matrix."""
    from optimizers.muon import DEFAULT_NS_COEFFICIENTS, adjusted_lr_ratio, zeropower_via_newtonschulz
    G = np.array(EX_G)
    mu = Muon().momentum
    B = (1 - mu) * G
    B_tilde = (1 - mu) * G + mu * B
    X0 = B_tilde / np.linalg.norm(B_tilde)
    a, b, c = DEFAULT_NS_COEFFICIENTS
    x = np.diag(X0)
    x1 = a * x + b * x ** 3 + c * x ** 5
    O = zeropower_via_newtonschulz(B_tilde, DEFAULT_NS_COEFFICIENTS, Muon().ns_steps, Muon().eps)
    W = np.zeros((2, 2))
    Muon(lr=1.0, weight_decay=0.0).update({"W": W}, {"W": G})
    A, Bc = SHAPE
    return {"ex_g1": G[0, 0], "ex_g2": G[1, 1], "ex_mu": mu, "ex_b": (1 - mu), "ex_btilde": (1 - mu) * (1 + mu),
            "ex_x0_1": x[0], "ex_x0_2": x[1], "ex_x1_1": x1[0], "ex_x1_2": x1[1],
            "ex_o1": O[0, 0], "ex_o2": O[1, 1], "ex_step1": -W[0, 0], "ex_step2": -W[1, 1],
            "ex_a": a, "ex_b_ns": b, "ex_c": c, "ex_ns_steps": Muon().ns_steps,
            "ex_ratio_original": adjusted_lr_ratio("original", A, Bc),
            "ex_ratio_rms": adjusted_lr_ratio("match_rms_adamw", A, Bc)}


@single_threaded
def compute() -> dict:
    A, B = SHAPE
    sv = singular_values()
    muon_sv = np.asarray(sv["Muon"])
    return plain({
        "matrix": matrix_comparison(), "mlp": mlp_comparison(), "sv": sv,
        "kappas": list(KAPPAS), "n_kappas": len(KAPPAS), "steps": STEPS, "rows": A, "cols": B, "n_seeds": len(SEEDS),
        "seeds": ", ".join(map(str, SEEDS)), "tune_seed": TUNE_SEED, "weight_decay": WEIGHT_DECAY,
        "grid_lo": float(GRID[0]), "grid_hi": float(GRID[-1]), "n_grid": len(GRID),
        "mlp_grid_lo": float(MLP_GRID[0]), "mlp_grid_hi": float(MLP_GRID[-1]), "n_mlp_grid": len(MLP_GRID),
        "mlp_epochs": MLP_SETTINGS["epochs"], "sv_kappa": SV_KAPPA,
        "muon_sv_min": float(muon_sv.min()), "muon_sv_max": float(muon_sv.max()),
        "grad_sv_ratio": float(sv["gradient"][0] / sv["gradient"][-1]),
        "adamw_sv_ratio": float(sv["AdamW"][0] / sv["AdamW"][-1]),
        "muon_sv_ratio": float(muon_sv.max() / muon_sv.min()),
        **exercise(),
    })


def _muon_look(style) -> dict:
    """Muon is not in PLANAR (no 2-D colour of its own): a colour AdamW does not use, a solid line."""
    adamw = look("AdamW", style)["color"]
    colour = next(c for c in style.palette[1:] if c != adamw)
    return dict(color=colour, marker="*", linestyle="-")


def figure(result: dict, style, lang: str) -> bytes:
    import matplotlib.pyplot as plt
    w = words(lang)
    kappas = result["kappas"]
    fig, axes, rc = _figure(style, size=(12.0, 3.6), ncols=1 + len(kappas), lang=lang)
    looks = {"Muon": _muon_look(style), "AdamW": look("AdamW", style)}
    with plt.rc_context(rc):
        ax = axes[0]
        sv = result["sv"]
        i = np.arange(1, len(sv["gradient"]) + 1)
        g = np.asarray(sv["gradient"])
        ax.plot(i, g / g[0], color=style.foreground, linestyle=":", marker="o", markersize=3, linewidth=1.0,
                label=w["muon_gradient"])
        for name in ("AdamW", "Muon"):
            s = np.asarray(sv[name])
            lk = looks[name]
            ax.plot(i, s / s[0], color=lk["color"], linestyle=lk["linestyle"], marker=lk["marker"], markersize=4,
                    linewidth=1.3, label=name)
        ax.set_yscale("log")
        ax.set_xlabel(w["muon_sv_index"])
        ax.set_ylabel(w["muon_sv_axis"])
        ax.set_title(w["muon_sv_title"].format(kappa=result["sv_kappa"]), fontsize=9, color=style.foreground)
        ax.grid(True, alpha=0.4)
        ax.legend(fontsize=7)
        x = np.arange(result["steps"] + 1)
        for ax, kappa in zip(axes[1:], kappas):
            for name in ("AdamW", "Muon"):
                for schedule in ("constant", "cosine"):
                    r = result["matrix"][f"{kappa}/{schedule}/{name}"]
                    lk = looks[name]
                    ax.plot(x, np.maximum(np.asarray(r["curve"], dtype=float), 1e-12), color=lk["color"],
                            linestyle="-" if schedule == "cosine" else ":", linewidth=1.3,
                            label=f"{name}, {w['muon_' + schedule]}")
            ax.set_yscale("log")
            ax.set_title(f"κ = {kappa}", fontsize=9, color=style.foreground)
            ax.set_xlabel(w["step_axis"])
            ax.grid(True, alpha=0.4)
        axes[1].set_ylabel(w["muon_loss_axis"])
        axes[-1].legend(fontsize=7)
        fig.tight_layout()
        return _png(fig)


register(Study(
    name="muon",
    compute=compute,
    figure=figure,
    alt={"ko": "왼쪽: κ = {sv_kappa}인 행렬 문제에서 첫 갱신의 특잇값을 가장 큰 값으로 나눈 것. 기울기와 AdamW의 갱신은 "
               "특잇값이 크게 퍼져 있고, Muon의 갱신은 모두 1 근처에 모여 있습니다. 오른쪽 {n_kappas}개: κ마다 "
               "Muon과 AdamW의 손실 곡선(시드 {n_seeds}개의 중앙값), 상수 학습률(점선)과 코사인 감쇠(실선).",
         "en": "Left: the singular values of the first update on the matrix problem with κ = {sv_kappa}, each divided "
               "by the largest. The gradient's and AdamW's update spread widely; Muon's all sit near 1. Right, "
               "{n_kappas} panels: per κ, the loss curves of Muon and AdamW (median of {n_seeds} seeds), constant lr "
               "(dotted) and cosine decay (solid)."},
    caption={"ko": "{rows}×{cols} 가중치 행렬의 최소제곱 문제, 입력 공분산의 조건수 κ, 0에서 시작해 {steps}스텝. "
                   "학습률은 옵티마이저와 κ, 스케줄마다 같은 격자({grid_lo} … {grid_hi}, {n_grid}개, 가장 좋은 값이 "
                   "격자 끝이면 격자를 넓힘)를 튜닝용 시드 {tune_seed}에서 돌려 골랐고, 곡선은 시드 {seeds}의 중앙값입니다. 가중치 감쇠는 둘 "
                   "다 λ = {weight_decay}, Muon은 adjust_lr_fn=\"match_rms_adamw\".",
             "en": "Least squares for a {rows}×{cols} weight matrix, input covariance of condition number κ, from 0, "
                   "{steps} steps. The lr of each optimizer, κ and schedule was tuned on the same grid ({grid_lo} … "
                   "{grid_hi}, {n_grid} values, grown at a wall) on the tuning seed {tune_seed}; curves: median over "
                   "seeds {seeds}. Weight decay λ = {weight_decay} for both; Muon with "
                   "adjust_lr_fn=\"match_rms_adamw\"."},
))
