"""The numbers and figure of the Adamax, NAdam and RAdam pages.

* ``adam-variants``  what the update rules themselves say, computed with the package: RAdam's ρₜ and rₜ (which
  steps are momentum alone, how slowly the rectifier rises), NAdam's momentum schedule μₜ;
* ``radam-warmup``   "RAdam removes the need for warm-up": the MLP on digits at large learning rates, several
  seeds, RAdam without warm-up against Adam with a linear warm-up (``LinearLR``, stepped after each update as in
  torch) and Adam without; the claim's rule is in ``scripts/claims/radam.py``.
"""

from __future__ import annotations

import numpy as np

from optimizers import Adam, Adamax, NAdam, RAdam
from optimizers.adam_variants import _mu, _rectifier
from optimizers.problems import datasets as D
from optimizers.schedules import LinearLR

from .figures import _figure, _png, look, words
from .studies import Study, register
from .study_data import SEEDS, Unmeasured, final_measures, plain, quartiles, single_threaded


# -- what the rules say ---------------------------------------------------------------------------

#: the steps at which the pages quote RAdam's rectifier and NAdam's μₜ
RHO_STEPS = (1, 2, 5, 6, 10, 100, 1000, 10000)


def _rho(t, beta2):
    rho_inf = 2 / (1 - beta2) - 1
    return rho_inf - 2 * t * beta2 ** t / (1 - beta2 ** t), rho_inf


#: the constant gradient of the quoted first steps
FIRST_STEPS_G = 0.5


def _radam_first_steps(n: int = 7) -> list[float]:
    """|θ's change| / η of RAdam's first n steps under the constant gradient FIRST_STEPS_G: |g| while ρₜ ≤ 5
    (θ ← θ − η m̂, and m̂ = g), then rₜ (m̂ lₜ = g/|g|, as √v̂ = |g|)."""
    lr = 1.0
    opt, theta = RAdam(lr=lr), np.zeros(1)
    out = []
    for _ in range(n):
        before = float(theta[0])
        opt.update(theta, np.array([FIRST_STEPS_G]))
        out.append(abs(float(theta[0]) - before) / lr)
    return out


def _shown(x: float):
    """ρ as a page shows it: an integer when it is one (ρ∞ = 1999, not 1998.9999…), three decimals below 10, one
    decimal from 1000 on (fmt_num's three significant digits would write 1998.1 as 2e+03)."""
    if abs(x - round(x)) < 1e-9:
        return int(round(x))
    if abs(x) < 10:                       # 4.996 and 5.994 around the threshold 5: fmt_num would write 5 and 5.99
        return f"{x:.3f}"
    return f"{x:.1f}" if abs(x) >= 1000 else x


def compute_rules() -> dict:
    out: dict = {}
    beta1, beta2 = RAdam().betas
    out["radam_beta2"] = beta2
    _, rho_inf = _rho(1, beta2)
    out["radam_rho_inf"] = _shown(rho_inf)
    for t in RHO_STEPS:
        rho_t, _ = _rho(t, beta2)
        out[f"radam_rho_{t}"] = _shown(rho_t)
        out[f"radam_r_{t}"] = _rectifier(rho_t, rho_inf) if rho_t > 5 else 0.0
    first = [t for t in range(1, 100) if _rho(t, beta2)[0] > 5][0]
    out["radam_first_rectified"] = first
    out["radam_last_momentum"] = first - 1
    for share in (0.5, 0.9):               # the step from which rₜ ≥ share
        t = first
        while _rectifier(_rho(t, beta2)[0], rho_inf) < share:
            t += 1
        out[f"radam_r_reaches_{round(100 * share)}"] = t
    steps = _radam_first_steps()
    out["radam_step_g"] = FIRST_STEPS_G
    out["radam_step_ratio_1"] = steps[0]
    out["radam_step_ratio_5"] = steps[4]
    out["radam_step_ratio_6"] = steps[5]
    # NAdam's momentum schedule with torch's ψ = 0.004
    b1, psi = NAdam().betas[0], NAdam().momentum_decay
    out["nadam_beta1"], out["nadam_psi"] = b1, psi
    for t in RHO_STEPS:
        out[f"nadam_mu_{t}"] = _mu(b1, psi, t)
    out["nadam_mu_limit"] = b1
    # Adamax: what is left of a large gradient in u after 1000 steps (u ← β₂u while the gradients are smaller)
    ax_b2 = Adamax().betas[1]
    out["adamax_beta2"], out["adamax_keep_1000"] = ax_b2, ax_b2 ** 1000
    out["nadam_mu_keras_100"] = _mu(b1, 1.0, 100)      # Keras' Nadam: 0.96ᵗ, as torch's with ψ = 1
    return plain(out)


register(Study(name="adam-variants", compute=compute_rules))


# -- NAdam at Adam's default lr on the 2-D problems ------------------------------------------------------

def compute_nadam_same_lr() -> dict:
    """On each 2-D problem: Adam at its default lr, NAdam at its own default (twice Adam's) and at Adam's: how
    much of NAdam's lead at the default lr is its larger default lr (the runs of the problem pages)."""
    from . import experiments
    from optimizers import PROBLEMS
    lr_adam, lr_nadam = Adam().lr, NAdam().lr
    out: dict = {"lr_adam": lr_adam, "lr_nadam": lr_nadam, "n_problems": len(PROBLEMS)}
    same_better = own_better = 0
    for p in PROBLEMS:
        runs = experiments.problem_runs(p)
        adam = float(runs["Adam"].default.gap[-1, 0])
        nadam_own = float(runs["NAdam"].default.gap[-1, 0])
        r = runs["NAdam"]
        k = int(np.argmin(np.abs(np.log(r.lrs / lr_adam))))
        assert abs(np.log(r.lrs[k] / lr_adam)) < 1e-9, "Adam's default lr is a point of the shared grid"
        nadam_same = float(r.sweep.gap[-1, k])
        same_better += nadam_same < adam
        own_better += nadam_own < adam
    out["same_lr_better"], out["own_lr_better"] = same_better, own_better
    return plain(out)


register(Study(name="nadam-same-lr", compute=compute_nadam_same_lr))


# -- RAdam and warm-up on the MLP --------------------------------------------------------------------

#: the MLP of the data studies (64-32-10, ReLU, He initialisation), a few epochs, large learning rates
WARMUP = dict(sizes=(64, 32, 10), activation="relu", init="He", epochs=4, batch_size=32)
WARMUP_LRS = tuple(float(x) for x in np.logspace(-2, -0.5, 4))      # 0.01 … 0.316, the same for every arm
#: the linear warm-up: from WARMUP_START × lr up to lr over the first WARMUP_SHARE of the steps
WARMUP_START, WARMUP_SHARE = 0.01, 0.1
ARMS = ("radam", "adam_warmup", "adam")


class _Scheduled:
    """An optimizer with its schedule stepped after each update, as a torch training loop does."""

    def __init__(self, optimizer, schedule):
        self.optimizer, self.schedule = optimizer, schedule

    def update(self, params, grads):
        self.optimizer.update(params, grads)
        self.schedule.step()


@single_threaded
def compute_warmup() -> dict:
    data = D.load("digits")
    s = WARMUP
    model = D.MLP(s["sizes"], s["activation"])
    lrs, seeds = np.array(WARMUP_LRS), list(SEEDS)
    lr_k, seeds_k = np.repeat(lrs, len(seeds)), seeds * len(lrs)
    per_epoch = len(data.y_train) // s["batch_size"]
    steps = s["epochs"] * per_epoch
    warm_steps = max(1, round(WARMUP_SHARE * steps))
    out: dict = {"lrs": lrs.tolist(), "seeds": seeds, "steps": steps, "warmup_steps": warm_steps,
                 "warmup_start": WARMUP_START, "epochs": s["epochs"], "batch_size": s["batch_size"],
                 "n_lrs": len(lrs), "n_seeds": len(seeds), "lr_lo": float(lrs[0]), "lr_hi": float(lrs[-1]),
                 "sizes": "-".join(map(str, s["sizes"])), "n_settings": len(lrs) * len(seeds)}
    for arm in ARMS:
        params = model.init(seeds_k, scheme=s["init"])
        opt = RAdam(lr=lr_k.copy()) if arm == "radam" else Adam(lr=lr_k.copy())
        if arm == "adam_warmup":
            opt = _Scheduled(opt, LinearLR(opt, start_factor=WARMUP_START, total_iters=warm_steps))
        # only the end counts: measured once, not after every epoch
        h = D.train(Unmeasured(model), opt, params, data, epochs=s["epochs"], batch_size=s["batch_size"],
                    seeds=seeds_k)
        last_loss, last_acc = final_measures(model, params, data)
        final = np.where(h.diverged, np.inf, last_loss).reshape(len(lrs), len(seeds))
        out[f"final_{arm}"] = final.tolist()                                  # (lrs, seeds)
        out[f"acc_{arm}"] = last_acc.reshape(len(lrs), len(seeds)).tolist()
    beta2 = RAdam().betas[1]
    rho_t, rho_inf = _rho(steps, beta2)
    out["radam_r_last"] = _rectifier(rho_t, rho_inf)
    out["radam_last_momentum"] = max(t for t in range(1, 100) if _rho(t, beta2)[0] <= 5)
    return plain(out)


def figure_warmup(result: dict, style, lang: str) -> bytes:
    w = words(lang)
    fig, axes, rc = _figure(style, size=(10.5, 4.0), ncols=2, lang=lang)
    import matplotlib.pyplot as plt
    lrs = np.array(result["lrs"])
    colours = {"radam": look("RAdam", style), "adam_warmup": look("Adam", style), "adam": look("Adam", style)}
    dash = {"radam": "-", "adam_warmup": "-", "adam": ":"}
    with plt.rc_context(rc):
        ax = axes[0]
        for arm in ARMS:
            final = np.array(result[f"final_{arm}"], dtype=float)
            lo, med, hi = quartiles(np.where(np.isfinite(final), final, np.nan), axis=1)
            lk = colours[arm]
            ax.fill_between(lrs, lo, hi, color=lk["color"], alpha=0.18, linewidth=0)
            ax.plot(lrs, med, color=lk["color"], linestyle=dash[arm], marker=lk["marker"], markersize=5,
                    linewidth=1.5, label=w[f"warmup_{arm}"])
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(w["lr_axis"])
        ax.set_ylabel(w["final_train_loss_axis"])
        ax.grid(True, which="major", alpha=0.5)
        ax.legend(fontsize=8)
        # the multipliers of the lr over the run: the linear warm-up's factor, RAdam's rectifier rₜ
        ax = axes[1]
        t = np.arange(1, result["steps"] + 1)
        n = result["warmup_steps"]
        factor = np.minimum(1.0, result["warmup_start"] + (1 - result["warmup_start"]) * (t - 1) / n)
        beta2 = RAdam().betas[1]
        rho_t, rho_inf = _rho(t, beta2)
        with np.errstate(invalid="ignore"):
            r = np.where(rho_t > 5, _rectifier(np.maximum(rho_t, 5), rho_inf), np.nan)
        ax.plot(t, factor, color=colours["adam_warmup"]["color"], linewidth=1.5, label=w["warmup_factor"])
        ax.plot(t, r, color=colours["radam"]["color"], linewidth=1.5, label=w["warmup_rectifier"])
        ax.axvspan(1, result["radam_last_momentum"], alpha=0.15, color=style.grid, linewidth=0)
        ax.set_ylim(0, 1.05)
        ax.set_xlabel(w["step_axis"])
        ax.set_ylabel(w["warmup_multiplier_axis"])
        ax.grid(True, which="major", alpha=0.5)
        ax.legend(fontsize=8, loc="lower right")
        fig.tight_layout()
        return _png(fig)


register(Study(
    name="radam-warmup",
    compute=compute_warmup,
    figure=figure_warmup,
    alt={"ko": "왼쪽: 손글씨 숫자 MLP에서 학습률에 따른 최종 학습 손실(학습 데이터 전체), 워밍업 없는 RAdam, 선형 워밍업을 붙인 Adam, "
               "워밍업 없는 Adam. 오른쪽: 스텝마다 학습률에 곱해지는 값, 선형 워밍업의 계수와 RAdam의 보정 계수 r_t.",
         "en": "Left: final training loss (whole training set) against learning rate on the digits MLP, for RAdam without warm-up, Adam "
               "with a linear warm-up and Adam without. Right: what multiplies the learning rate at each step, the "
               "linear warm-up's factor and RAdam's rectifier r_t."},
    caption={"ko": "MLP {sizes}, 미니배치 {batch_size}, {epochs} 에폭({steps}스텝), 학습률 {n_lrs}개({lr_lo}부터 "
                   "{lr_hi}까지) × 시드 {n_seeds}개를 한꺼번에 실행. 선은 시드 {n_seeds}개의 중앙값, 띠는 사분위 범위. 워밍업은 "
                   "처음 {warmup_steps}스텝 동안 학습률의 {warmup_start}배에서 1배까지 선형으로(LinearLR). "
                   "오른쪽 그림의 회색 구간은 RAdam이 적응형 분모 없이 모멘텀만으로 가는 스텝입니다.",
             "en": "MLP {sizes}, minibatch {batch_size}, {epochs} epochs ({steps} steps), {n_lrs} learning rates "
                   "({lr_lo} to {lr_hi}) × {n_seeds} seeds in one batch. Line: median over the seeds; band: "
                   "interquartile range. Warm-up: linear from {warmup_start}× the lr to 1× over the first "
                   "{warmup_steps} steps (LinearLR). Grey on the right: the steps RAdam takes with momentum alone, "
                   "without the adaptive denominator."},
))
