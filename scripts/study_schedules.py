"""Learning-rate schedules and schedule-free training, on the MLP on digits.

Studies (one module: the second reuses the first's warm-up + cosine runs, and a study's cache
key is the source of its module):

* ``schedules``  AdamW with five schedules of ``optimizers.schedules`` (constant, StepLR,
  CosineAnnealingLR, warm-up + cosine, OneCycleLR), each tuned on its own lr grid and rerun
  on the seeds; the pitfall that CosineAnnealingLR rises again after ``T_max``; and the size
  of Adam's first steps with and without warm-up.
* ``schedulefree-lengths``  the claim "schedule-free matches a tuned cosine schedule without
  choosing the training length": for each of three lengths L (a quarter, half and all of
  the budget T), warm-up + cosine is tuned *for L* and rerun; the schedule-free rule is tuned
  once, at T, and simply read off at L (evaluated at x, after ``eval``; and at y, as if
  ``eval`` were forgotten). Two pairs: AdamW / AdamWScheduleFree and Momentum (SGD with
  momentum 0.9) / SGDScheduleFree.

Protocol, as ``scripts/study_data.py``: the lr grid as one batch on TUNE_SEED, grown a decade
at a time while the best lr is an end of it; the tuned lr is the one with the lowest training
loss on the whole training set after the run (for a schedule-free rule: at x); then the tuned
lr is rerun on SEEDS, which are never used for tuning. Schedules step torch's way: ``sched.step()``
after each ``opt.update`` (not after the last one, whose lr would never be used).
"""

from __future__ import annotations

import numpy as np

from optimizers import OPTIMIZERS, AdamW
from optimizers import schedules as S
from optimizers.problems import datasets as D

from .experiments import SWEEP
from .figures import _figure, _png, words
from .fmt import fmt_num
from .korean import fill
from .studies import Study, register, study_result
from .text import opt_label
from .study_data import (SEEDS, TUNE_SEED, cell, grow_until_interior, md_table, plain, quartiles,
                         single_threaded)

MODEL = dict(sizes=(64, 32, 10), activation="relu", init="He", epochs=4, batch_size=32)
#: warm-up: this share of a run's steps (LinearLR from 1/W of the lr up to the lr, then cosine)
WARMUP_SHARE = 0.05
#: StepLR: the lr is multiplied by STEP_GAMMA every STEP_SHARE of the run
STEP_SHARE, STEP_GAMMA = 1 / 3, 0.1
#: the lengths at which schedule-free is read off, as shares of the budget T
LENGTH_SHARES = (0.25, 0.5, 1.0)            # named "short", "mid", "full" in the values
#: lr grids, 2 points a decade (grown by grow_until_interior when the best lr is an end)
ADAM_GRID = np.logspace(-3, 0, 7)
SGD_GRID = np.logspace(-2, 1, 7)
#: AdamW's default decoupled weight decay, given to AdamWScheduleFree too (its default is 0), so that the
#: pair differs only in schedule against averaging
ADAMW_DECAY = AdamW().weight_decay
#: the first steps shown in the warm-up table
FIRST_STEPS = (1, 2, 5, 10, 20)
#: a coordinate "moves by the full lr" on the first step when it moves by at least this share of η
FULL_STEP = 0.9
SCHEDULES = ("constant", "step", "cosine", "warmup_cosine", "onecycle")

_DATA: list = []


def _data() -> D.Dataset:
    if not _DATA:
        _DATA.append(D.load("digits"))
    return _DATA[0]


def _model() -> D.MLP:
    return D.MLP(MODEL["sizes"], MODEL["activation"])


def steps_per_epoch() -> int:
    return len(_data().y_train) // MODEL["batch_size"]


def budget() -> int:
    """T: the steps of the full run."""
    return MODEL["epochs"] * steps_per_epoch()


def warmup_steps(length: int) -> int:
    return max(1, int(round(WARMUP_SHARE * length)))


# --8<-- [start:schedules]
def make_schedule(kind: str, opt, length: int):
    """The schedule ``kind`` for a run of ``length`` updates, attached to ``opt`` (whose lr is the peak)."""
    if kind == "constant":
        return None
    if kind == "step":                       # × 0.1 after each third of the run
        return S.StepLR(opt, step_size=int(round(STEP_SHARE * length)), gamma=STEP_GAMMA)
    if kind == "cosine":                     # from the lr down to 0 at the last step
        return S.CosineAnnealingLR(opt, T_max=length)
    if kind == "warmup_cosine":              # linear warm-up over W steps, then cosine over the rest
        W = warmup_steps(length)
        return S.SequentialLR(opt, [S.LinearLR(opt, start_factor=1 / W, total_iters=W),
                                    S.CosineAnnealingLR(opt, T_max=length - W)], milestones=[W])
    if kind == "onecycle":                   # torch's defaults: up for 30 %, then down to lr/25/10⁴
        return S.OneCycleLR(opt, max_lr=opt.lr, total_steps=length)
    raise KeyError(kind)
# --8<-- [end:schedules]


def train(opt, kind: str | None, seeds, length: int, checks=(), schedule_free: bool = False) -> dict:
    """K runs (run k: He initialisation and minibatch order from ``seeds[k]``) for ``length`` updates.

    At each step of ``checks`` (and at the end) the whole training set's loss and the test accuracy
    are recorded; for a schedule-free rule at x (``opt.averaged``) and, under ``_y``, at y (the
    parameters themselves, as a user who forgot ``eval`` would measure).
    """
    data, model = _data(), _model()
    seeds = list(seeds)
    params = model.init(seeds, scheme=MODEL["init"])
    if schedule_free:
        opt.train(params)
    sched = make_schedule(kind, opt, length) if kind else None
    distinct = sorted(set(seeds), key=seeds.index)         # runs that share a seed share their order
    rngs = [np.random.default_rng(s) for s in distinct]
    which = [distinct.index(s) for s in seeds]
    n, B = len(data.y_train), MODEL["batch_size"]
    checks = sorted(set(checks) | {length})
    rec = {k: [] for k in ("loss", "acc", "loss_y", "acc_y")}
    bad = np.zeros(len(seeds), dtype=bool)

    def record(p, suffix=""):
        loss = model.loss(p, data.X_train, data.y_train)
        rec["loss" + suffix].append(np.where(np.isfinite(loss) & ~bad, loss, np.inf))
        rec["acc" + suffix].append(model.accuracy(p, data.X_test, data.y_test))

    t = 0
    with np.errstate(all="ignore"):
        while t < length:
            order = np.stack([r.permutation(n) for r in rngs])[which]
            for i in range(n // B):
                idx = order[:, i * B:(i + 1) * B]
                X, y = np.take(data.X_train, idx, axis=0), np.take(data.y_train, idx)   # = X_train[idx], faster
                batch_loss, grads = model.loss_grad(params, X, y)
                opt.update(params, grads)
                t += 1
                bad |= ~(batch_loss <= 1e6)
                if sched is not None and t < length:
                    sched.step()
                if t in checks:
                    for p in params.values():
                        bad |= ~np.isfinite(p.reshape(len(seeds), -1)).all(axis=1)
                    record(opt.averaged(params) if schedule_free else params)
                    if schedule_free:
                        record(params, "_y")
                if t == length:
                    break
    out = {k: np.array(v) for k, v in rec.items() if v}
    out["checks"], out["diverged"] = checks, bad
    return out


def tune(name: str, kind: str | None, grid, length: int, checks=(), schedule_free_warmup: int | None = None,
         **hyper) -> dict:
    """Tune ``name``'s lr (with schedule ``kind``) for a run of ``length`` steps, then rerun it on SEEDS."""
    cls = OPTIMIZERS[name]
    sf = schedule_free_warmup is not None
    if sf:
        hyper = {**hyper, "warmup_steps": schedule_free_warmup}

    def try_lrs(lrs):
        r = train(cls(lr=lrs, **hyper), kind, [TUNE_SEED] * len(lrs), length, schedule_free=sf)
        return {"score": r["loss"][-1]}

    grid, sweep, i, edge = grow_until_interior(try_lrs, grid, floor_exp=SWEEP.lr_floor_exp,
                                               ceiling_exp=SWEEP.lr_ceiling_exp)
    lr = float(grid[i])
    ev = train(cls(lr=np.full(len(SEEDS), lr), **hyper), kind, SEEDS, length, checks, schedule_free=sf)
    return {"lr": lr, "tuning": {"lo": float(grid[0]), "hi": float(grid[-1]), "n": len(grid), "index": int(i),
                                 "value": lr, "edge": edge},
            "sweep": sweep["score"], "grid": grid, **ev}


def _lr_shape(kind: str, length: int, steps: int | None = None, **schedule) -> list[float]:
    """The lr of each update 1 … ``steps`` as a share of the peak, stepping the schedule after each."""
    opt = AdamW(lr=1.0)
    sched = (S.CosineAnnealingLR(opt, **schedule) if schedule else make_schedule(kind, opt, length))
    out = []
    for t in range(steps or length):
        out.append(float(opt.lr))
        if sched is not None and t < (steps or length) - 1:
            sched.step()
    return out


def _first_steps(lr: float) -> dict:
    """AdamW's first updates of the MLP at ``lr``, seed SEEDS[0], without and with warm-up (W of the budget)."""
    data, model = _data(), _model()
    W = warmup_steps(budget())
    out = {}
    for kind in ("none", "warmup"):
        opt = AdamW(lr=lr)
        params = model.init([SEEDS[0]], scheme=MODEL["init"])
        sched = None if kind == "none" else S.LinearLR(opt, start_factor=1 / W, total_iters=W)
        rng = np.random.default_rng(SEEDS[0])
        order = rng.permutation(len(data.y_train))
        B = MODEL["batch_size"]
        sizes, losses = [], []
        for t in range(max(FIRST_STEPS)):
            idx = order[None, t * B:(t + 1) * B]
            loss, grads = model.loss_grad(params, data.X_train[idx], data.y_train[idx])
            before = {k: v.copy() for k, v in params.items()}
            opt.update(params, grads)
            moved = np.concatenate([np.abs(params[k] - before[k]).ravel() for k in params])
            if t == 0:
                g = np.concatenate([np.abs(v).ravel() for v in grads.values()])
                live = g > 0
                out[kind + ".g_p10"], out[kind + ".g_p90"] = np.percentile(g[live], [10, 90]).tolist()
                out[kind + ".first_p10"], out[kind + ".first_p90"] = (np.percentile(moved[live], [10, 90]) / lr).tolist()
                out[kind + ".share_full"] = float(np.mean(moved[live] >= FULL_STEP * lr))
                out["n_coords"], out["n_dead"] = int(g.size), int((~live).sum())
            sizes.append(float(np.sqrt(np.mean(moved ** 2)) / lr))
            losses.append(float(model.loss(params, data.X_train, data.y_train)[0]))
            if sched is not None:
                sched.step()
        out[kind + ".rms"] = sizes
        out[kind + ".loss"] = losses
    return out


# -- the schedules page --------------------------------------------------------------------------

@single_threaded
def compute_schedules() -> dict:
    T = budget()
    res = {kind: tune("AdamW", kind, ADAM_GRID, T) for kind in SCHEDULES}
    loss_q = {k: quartiles(res[k]["loss"][-1]) for k in SCHEDULES}
    acc_q = {k: quartiles(res[k]["acc"][-1]) for k in SCHEDULES}
    rank = {k: 1 + sum(loss_q[j][1] < loss_q[k][1] for j in SCHEDULES) for k in SCHEDULES}
    best = min(SCHEDULES, key=lambda k: (rank[k], k != "constant"))

    def table(lang):
        ko = lang == "ko"
        head = (["스케줄", "튜닝한 최대 학습률", "최종 학습 손실", "테스트 정확도 (%)", "순위 (손실)"] if ko else
                ["Schedule", "Tuned peak lr", "Final training loss", "Test accuracy (%)", "Rank (loss)"])
        rows = [[SCHEDULE_NAMES[lang][k], fmt_num(res[k]["lr"]) + (" †" if res[k]["tuning"]["edge"] else ""),
                 cell(loss_q[k], lang=lang), cell(acc_q[k], True, lang), str(rank[k])] for k in SCHEDULES]
        return md_table(head, rows)

    # the pitfall: CosineAnnealingLR keeps going after T_max
    over = _lr_shape("cosine", T, 2 * T + 1, T_max=T)
    epochs = MODEL["epochs"]
    per_batch = _lr_shape("cosine", T, T, T_max=epochs)            # T_max given in epochs, stepped per batch
    tops = sum(1 for t in range(1, T) if per_batch[t] >= 0.999 and per_batch[t - 1] < 0.999)

    def pitfall_table(lang):
        ko = lang == "ko"
        head = ["스텝 $t$" if ko else "step $t$"] + [str(t) for t in (0, T // 2, T, 3 * T // 2, 2 * T)]
        row = ["$\\eta_t / \\eta_0$"] + [f"{over[t]:.3f}" for t in (0, T // 2, T, 3 * T // 2, 2 * T)]
        return md_table(head, [row])

    fs = _first_steps(res["warmup_cosine"]["lr"])          # the peak lr that warm-up + cosine was tuned to
    W = warmup_steps(T)

    def first_table(lang):
        ko = lang == "ko"
        head = (["스텝", "워밍업 없이", "워밍업 있음", "학습 손실 (워밍업 없이)", "학습 손실 (워밍업 있음)"] if ko else
                ["Step", "No warm-up", "Warm-up", "Training loss (no warm-up)", "Training loss (warm-up)"])
        rows = [[str(t), f"{fs['none.rms'][t - 1]:.3f}", f"{fs['warmup.rms'][t - 1]:.3f}",
                 fmt_num(fs["none.loss"][t - 1]), fmt_num(fs["warmup.loss"][t - 1])] for t in FIRST_STEPS]
        return md_table(head, rows)

    out = {
        "sizes": "-".join(map(str, MODEL["sizes"])), "epochs": epochs, "batch_size": MODEL["batch_size"],
        "steps": T, "warmup": W, "warmup_pct": 100 * WARMUP_SHARE, "step_every": int(round(STEP_SHARE * T)),
        "step_gamma": STEP_GAMMA, "n_seeds": len(SEEDS), "seeds": ", ".join(map(str, SEEDS)),
        "tune_seed": TUNE_SEED, "n_grid": len(ADAM_GRID), "grid_lo": float(ADAM_GRID[0]),
        "grid_hi": float(ADAM_GRID[-1]), "weight_decay": ADAMW_DECAY, "best": best,
        "best_ko": SCHEDULE_NAMES["ko"][best], "best_en": SCHEDULE_NAMES["en"][best],
        "table_ko": table("ko"), "table_en": table("en"),
        "pitfall_table_ko": pitfall_table("ko"), "pitfall_table_en": pitfall_table("en"),
        "first_table_ko": first_table("ko"), "first_table_en": first_table("en"),
        "lr_at_tmax": over[T], "lr_at_2tmax": over[2 * T], "lr_at_1_5tmax": over[3 * T // 2],
        "per_batch_restarts": tops, "per_batch_tmax": epochs,
        "first_lr": res["warmup_cosine"]["lr"], "w1_std": float(D.INITS[MODEL["init"]](MODEL["sizes"][0])),
        "first_seed": SEEDS[0], "full_step": FULL_STEP,
        "first_g_spread": fs["none.g_p90"] / fs["none.g_p10"], "first_share_full_pct": 100 * fs["none.share_full"],
        "first_vs_init_pct": 100 * res["warmup_cosine"]["lr"] / float(D.INITS[MODEL["init"]](MODEL["sizes"][0])), "first_warmup_ratio": fs["warmup.rms"][0] / fs["none.rms"][0],
        **{f"first.{k}": v for k, v in fs.items() if not isinstance(v, list)},
        "shapes": {k: _lr_shape(k, T) for k in SCHEDULES}, "over": over, "per_batch": per_batch,
        "first_rms": {k: fs[k + ".rms"] for k in ("none", "warmup")},
        "tuning": {k: res[k]["tuning"] for k in SCHEDULES},
        "final_loss": {k: res[k]["loss"][-1].tolist() for k in SCHEDULES},
        # the warm-up + cosine runs at the full length, for the schedule-free study
        "warmup_cosine_full": {"lr": res["warmup_cosine"]["lr"], "tuning": res["warmup_cosine"]["tuning"],
                               "loss": res["warmup_cosine"]["loss"].tolist(),
                               "acc": res["warmup_cosine"]["acc"].tolist(),
                               "diverged": res["warmup_cosine"]["diverged"].tolist()},
    }
    for k in SCHEDULES:
        out[f"{k}.lr"] = res[k]["lr"]
        out[f"{k}.loss"] = float(loss_q[k][1])
        out[f"{k}.acc_pct"] = 100 * float(acc_q[k][1])
        out[f"{k}.rank"] = rank[k]
    out["warmup_gain"] = out["warmup_cosine.loss"] / out["cosine.loss"]    # below 1: the warm-up helped
    return plain(out)


SCHEDULE_NAMES = {
    "ko": {"constant": "고정 학습률", "step": "StepLR (계단식)", "cosine": "CosineAnnealingLR (코사인)",
           "warmup_cosine": "워밍업 + 코사인", "onecycle": "OneCycleLR"},
    "en": {"constant": "constant", "step": "StepLR", "cosine": "CosineAnnealingLR",
           "warmup_cosine": "warm-up + cosine", "onecycle": "OneCycleLR"},
}


SCHEDULE_SHORT = {
    "ko": {"constant": "고정", "step": "StepLR", "cosine": "코사인", "warmup_cosine": "워밍업+코사인",
           "onecycle": "OneCycle"},
    "en": {"constant": "constant", "step": "StepLR", "cosine": "cosine", "warmup_cosine": "warm-up+cosine",
           "onecycle": "OneCycle"},
}


def figure_schedules(result: dict, style, lang: str) -> bytes:
    w = words(lang)
    fig, axes, rc = _figure(style, size=(13.0, 4.0), ncols=3, lang=lang)
    import matplotlib.pyplot as plt
    T = result["steps"]
    lines = ("-", "--", "-.", ":", (0, (5, 1, 1, 1)))
    with plt.rc_context(rc):
        for i, k in enumerate(SCHEDULES):
            colour = style.palette[i]
            axes[0].plot(np.arange(T), result["shapes"][k], color=colour, linestyle=lines[i], linewidth=1.6,
                         label=SCHEDULE_NAMES[lang][k])
            final = np.asarray(result["final_loss"][k], dtype=float)
            final = final[np.isfinite(final)]
            axes[2].plot(np.full(len(final), i), final, marker="o", markersize=4, linestyle="none", color=colour,
                         alpha=0.8)
            if len(final):
                axes[2].plot([i - 0.3, i + 0.3], [np.median(final)] * 2, color=colour, linewidth=2.2)
        over = result["over"]
        axes[1].plot(np.arange(len(over)), over, color=style.palette[2], linewidth=1.6,
                     label=w["sched_cosine_over"].format(T=T))
        axes[1].plot(np.arange(T), result["per_batch"], color=style.palette[3], linewidth=0.6, alpha=0.7,
                     label=w["sched_cosine_epochs"].format(T=result["per_batch_tmax"]))
        axes[1].axvline(T, color=style.foreground, linewidth=0.8, linestyle=":")
        axes[1].annotate("$T_{\\max}$", (T, 1.12), ha="center", fontsize=9)
        axes[0].set_title(w["sched_shapes"], fontsize=10)
        axes[1].set_title(w["sched_pitfall"], fontsize=10)
        axes[2].set_title(w["sched_losses"], fontsize=10)
        for ax in axes[:2]:
            ax.set_ylabel(w["sched_lr_share"])
            ax.set_ylim(-0.03, 1.2)
        axes[2].set_yscale("log")
        axes[2].set_ylabel(w["final_train_loss_axis"])
        axes[2].set_xticks(range(len(SCHEDULES)), [SCHEDULE_SHORT[lang][k] for k in SCHEDULES], fontsize=8,
                           rotation=20, fontfamily=rc["font.family"])
        for ax in axes[:2]:
            ax.set_xlabel(w["step_axis"])
        for ax in axes:
            ax.grid(True, alpha=0.5)
        axes[0].legend(fontsize=7, loc="upper right")
        axes[1].legend(fontsize=7, loc="lower left")
        fig.tight_layout()
        return _png(fig)


register(Study(
    name="schedules",
    compute=compute_schedules,
    figure=figure_schedules,
    alt={"ko": "왼쪽: 다섯 가지 스케줄의 학습률 모양. 가운데: CosineAnnealingLR을 T_max 뒤에도 계속 스텝하면 학습률이 "
               "다시 올라가고, T_max를 에폭 수로 주고 배치마다 스텝하면 학습률이 {per_batch_restarts}번 다시 최댓값으로 "
               "돌아옵니다. 오른쪽: 스케줄마다 튜닝한 학습률에서 AdamW의 최종 학습 손실(학습 데이터 전체). 점 하나가 난수 시드 하나(모두 {n_seeds}개)이고, "
               "막대가 중앙값입니다. "
               "최종 학습 손실이 가장 낮은 것은 {best_ko}입니다.",
         "en": "Left: the lr shapes of the five schedules. Middle: CosineAnnealingLR stepped past T_max climbs back "
               "up; with T_max given in epochs but stepped every batch, the lr returns to its peak "
               "{per_batch_restarts} times. Right: AdamW's final training loss (whole training set) at each schedule's tuned lr, one dot per "
               "seed ({n_seeds} seeds), the bar at the median. The lowest final training loss: {best_en}."},
    caption={"ko": "{sizes} MLP, 손글씨 숫자, AdamW(λ = {weight_decay}), 미니배치 {batch_size}, {epochs} 에폭({steps}스텝). "
                   "학습률은 스케줄마다 격자 {n_grid}개({grid_lo} … {grid_hi})를 시드 {tune_seed}에서 한꺼번에 돌려 최종 "
                   "학습 손실(학습 데이터 전체)로 튜닝하고, 시드 {seeds}에서 다시 실행. StepLR은 {step_every}스텝마다 ×{step_gamma}, 워밍업은 "
                   "{warmup}스텝.",
             "en": "{sizes} MLP on digits, AdamW (λ = {weight_decay}), minibatch {batch_size}, {epochs} epochs ({steps} "
                   "steps). Each schedule's lr tuned on {n_grid} values ({grid_lo} … {grid_hi}) as one batch on seed "
                   "{tune_seed} by the final training loss (whole training set), then rerun on seeds {seeds}. StepLR: ×{step_gamma} every "
                   "{step_every} steps; warm-up: {warmup} steps."},
))


# -- schedule-free against a cosine schedule tuned for each length ------------------------------

#: (scheduled rule, its schedule-free counterpart, lr grid, extra hyperparameters of both)
PAIRS = (("AdamW", "AdamWScheduleFree", ADAM_GRID, {"weight_decay": ADAMW_DECAY}),
         ("Momentum", "SGDScheduleFree", SGD_GRID, {}))


@single_threaded
def compute_lengths() -> dict:
    T = budget()
    lengths = [int(round(s * T)) for s in LENGTH_SHARES]
    full = study_result("schedules")["warmup_cosine_full"]
    out = {"steps": T, "lengths": lengths, "warmup_pct": 100 * WARMUP_SHARE, "warmup": warmup_steps(T),
           "n_seeds": len(SEEDS), "seeds": ", ".join(map(str, SEEDS)), "tune_seed": TUNE_SEED,
           "n_lengths": len(lengths), "lengths_text": ", ".join(map(str, lengths)),
           "weight_decay": ADAMW_DECAY, "epochs": MODEL["epochs"], "pairs": {}}
    for sched_name, sf_name, grid, hyper in PAIRS:
        cos = {}
        for L in lengths:
            if sched_name == "AdamW" and L == T:
                r = {"lr": full["lr"], "tuning": full["tuning"], "loss": np.asarray(full["loss"]),
                     "acc": np.asarray(full["acc"]), "diverged": np.asarray(full["diverged"])}
            else:
                r = tune(sched_name, "warmup_cosine", grid, L, **hyper)
            cos[L] = {"lr": r["lr"], "tuning": r["tuning"], "loss": r["loss"][-1].tolist(),
                      "acc": r["acc"][-1].tolist(), "diverged": np.asarray(r["diverged"]).tolist()}
        sf = tune(sf_name, None, grid, T, lengths, schedule_free_warmup=warmup_steps(T), **hyper)
        at = {L: sf["checks"].index(L) for L in lengths}
        out["pairs"][sf_name] = {
            "scheduled": sched_name, "sf_lr": sf["lr"], "sf_tuning": sf["tuning"],
            "sf_diverged": sf["diverged"].tolist(),
            "cosine": {str(L): c for L, c in cos.items()},
            "sf": {str(L): {"loss": sf["loss"][at[L]].tolist(), "acc": sf["acc"][at[L]].tolist(),
                            "loss_y": sf["loss_y"][at[L]].tolist(), "acc_y": sf["acc_y"][at[L]].tolist()}
                   for L in lengths},
        }
        for tag, L in zip(("short", "mid", "full"), lengths):
            c, s = cos[L], out["pairs"][sf_name]["sf"][str(L)]
            key = f"{sf_name}.{tag}"
            out[f"{key}.steps"] = L
            out[f"{key}.loss_sf"] = float(np.median(s["loss"]))
            out[f"{key}.loss_cos"] = float(np.median(c["loss"]))
            out[f"{key}.lr_cos"] = c["lr"]
            out[f"{key}.loss_y"] = float(np.median(s["loss_y"]))
            out[f"{key}.acc_sf_pct"] = 100 * float(np.median(s["acc"]))
            out[f"{key}.acc_y_pct"] = 100 * float(np.median(s["acc_y"]))
            out[f"{key}.acc_cos_pct"] = 100 * float(np.median(c["acc"]))
            out[f"{key}.forget_ratio"] = out[f"{key}.loss_y"] / out[f"{key}.loss_sf"]
        out[f"{sf_name}.lr"] = sf["lr"]
        for lang in ("ko", "en"):
            out[f"{sf_name}.full.forget_{lang}"] = forget_sentence(out, sf_name, lang)
            out[f"{sf_name}.lr_advice_{lang}"] = lr_advice(out, sf_name, sched_name, lang)
        out[f"{sf_name}.n_lower"] = sum(out[f"{sf_name}.{tag}.loss_sf"] < out[f"{sf_name}.{tag}.loss_cos"]
                                        for tag in ("short", "mid", "full"))
        for lang in ("ko", "en"):
            out[f"{sf_name}.table_{lang}"] = _lengths_table(out, sf_name, sched_name, lengths, lang)
    return plain(out)


#: y and x "about equal" when the loss at y is within this factor of the loss at x, either way
SAME_LOSS = 1.01

LENGTH_WORDS = {
    "ko": {
        "forget_better": "이 실험에서는 `eval()`을 잊고 $y$를 재도 손해가 없었습니다. {steps}스텝 뒤 학습 손실이 $y$에서 "
                         "{loss_y:으로/로}, $x$({loss_sf})보다 오히려 {pct}% 낮았습니다.",
        "forget_same": "이 실험에서는 `eval()`을 잊고 $y$를 재도 {steps}스텝 뒤 학습 손실이 거의 같았습니다($x$ {loss_sf}, "
                       "$y$ {loss_y}).",
        "forget_worse": "이 실험에서 `eval()`을 잊고 $y$를 재면 {steps}스텝 뒤 학습 손실이 {loss_y:으로/로}, $x$({loss_sf})의 "
                        "{ratio}배였습니다.",
        "lr_differ": "이 실험에서 튜닝한 학습률은 schedule-free {sf}, 전체 길이의 {sched} + 코사인 {cos}입니다. "
                     "따로 튜닝하세요.",
        "lr_full_same": "이 실험의 전체 길이({steps}스텝)에서는 두 쪽 모두 {sf:이/가} 가장 좋았지만, 더 짧게 돌린 {sched} + "
                        "코사인의 학습률은 {others:이었습니다/였습니다}. 스케줄과 학습 길이에 따라 알맞은 학습률이 "
                        "달라지므로 따로 튜닝하세요.",
        "lr_other": "{steps}스텝에서 {lr}",
        "and": "스텝과 ",
        "lr_all_same": "이 실험에서는 schedule-free와 길이마다 튜닝한 {sched} + 코사인 모두 {sf:이/가} 가장 좋았습니다. "
                       "그래도 문제와 스케줄에 따라 알맞은 학습률이 달라질 수 있으니 따로 튜닝하세요.",
    },
    "en": {
        "forget_better": "Here forgetting `eval()` and measuring $y$ cost nothing: after {steps} steps the training loss "
                         "at $y$ was {loss_y}, {pct}% lower than at $x$ ({loss_sf}).",
        "forget_same": "Here forgetting `eval()` and measuring $y$ gave about the same training loss after {steps} steps "
                       "($x$ {loss_sf}, $y$ {loss_y}).",
        "forget_worse": "Measuring $y$ with `eval()` forgotten gave, after {steps} steps, a training loss of {loss_y}, "
                        "{ratio} times that at $x$ ({loss_sf}).",
        "lr_differ": "Here the tuned lrs were {sf} for schedule-free and {cos} for {sched} + cosine at the full length. "
                     "Tune it.",
        "lr_full_same": "At this experiment's full length ({steps} steps) both were best at {sf}, but the shorter runs of "
                        "{sched} + cosine took {others}. The right lr depends on the schedule and the length: tune it.",
        "lr_other": "{lr} at {steps} steps",
        "and": " and ",
        "lr_all_same": "Here {sf} was best both for schedule-free and for {sched} + cosine tuned at every length. On "
                       "another problem or schedule the right lr may differ: tune it.",
    },
}


def forget_sentence(out: dict, sf_name: str, lang: str) -> str:
    """What forgetting ``eval()`` did at the full length: the words follow the sign of the difference."""
    k = f"{sf_name}.full"
    ratio = out[f"{k}.forget_ratio"]
    kind = ("forget_same" if 1 / SAME_LOSS <= ratio <= SAME_LOSS else
            "forget_better" if ratio < 1 else "forget_worse")
    return fill(LENGTH_WORDS[lang][kind], lang, steps=out[f"{k}.steps"], loss_y=out[f"{k}.loss_y"],
                loss_sf=out[f"{k}.loss_sf"], ratio=ratio, pct=int(round(100 * (1 - ratio))))


def lr_advice(out: dict, sf_name: str, sched_name: str, lang: str) -> str:
    """The tuned lrs of schedule-free and of the cosine schedule, said so that equal lrs do not read as "reuse it"."""
    w, sf = LENGTH_WORDS[lang], out[f"{sf_name}.lr"]
    full = out[f"{sf_name}.full.lr_cos"]
    if not np.isclose(sf, full, rtol=1e-9):
        return fill(w["lr_differ"], lang, sf=sf, cos=full, sched=sched_name)
    others = [(out[f"{sf_name}.{tag}.steps"], out[f"{sf_name}.{tag}.lr_cos"]) for tag in ("short", "mid")
              if not np.isclose(out[f"{sf_name}.{tag}.lr_cos"], sf, rtol=1e-9)]
    if not others:
        return fill(w["lr_all_same"], lang, sf=sf, sched=sched_name)
    groups: list[tuple[list[int], float]] = []              # lengths that took the same lr are named together
    for L, lr in others:
        same = [g for g in groups if np.isclose(g[1], lr, rtol=1e-9)]
        (same[0][0].append(L) if same else groups.append(([L], lr)))
    listed = ", ".join(fill(w["lr_other"], lang, steps=w["and"].join(map(str, Ls)), lr=lr) for Ls, lr in groups)
    return fill(w["lr_full_same"], lang, sf=sf, sched=sched_name, steps=out[f"{sf_name}.full.steps"], others=listed)


def _lengths_table(out, sf_name, sched_name, lengths, lang):
    ko = lang == "ko"
    head = (["학습 길이 (스텝)", f"{opt_label(sched_name, lang)} + 워밍업 + 코사인: 학습률", "학습 손실", "테스트 정확도 (%)",
             f"{sf_name} (eval 후 x): 학습 손실", "테스트 정확도 (%)", "eval을 잊으면 (y): 학습 손실", "테스트 정확도 (%)"]
            if ko else
            ["Length (steps)", f"{sched_name} + warm-up + cosine: lr", "training loss", "test accuracy (%)",
             f"{sf_name} (x, after eval): training loss", "test accuracy (%)", "eval forgotten (y): training loss",
             "test accuracy (%)"])
    rows = []
    for tag, L in zip(("short", "mid", "full"), lengths):
        k = f"{sf_name}.{tag}"
        rows.append([str(L), fmt_num(out[f"{k}.lr_cos"]), fmt_num(out[f"{k}.loss_cos"]),
                     f"{out[f'{k}.acc_cos_pct']:.1f}", fmt_num(out[f"{k}.loss_sf"]), f"{out[f'{k}.acc_sf_pct']:.1f}",
                     fmt_num(out[f"{k}.loss_y"]), f"{out[f'{k}.acc_y_pct']:.1f}"])
    return md_table(head, rows)


def figure_lengths(result: dict, style, lang: str) -> bytes:
    """Final training loss against the length of the run: per pair, the cosine schedule tuned for each
    length, schedule-free stopped there (at x), and the same run measured at y (eval forgotten)."""
    w = words(lang)
    pairs = list(result["pairs"])
    fig, axes, rc = _figure(style, size=(11.0, 4.2), ncols=len(pairs), lang=lang)
    import matplotlib.pyplot as plt
    lengths = result["lengths"]
    with plt.rc_context(rc):
        for ax, sf_name in zip(axes, pairs):
            p = result["pairs"][sf_name]
            series = [(w["cos_tuned"].format(name=opt_label(p["scheduled"], lang)), [p["cosine"][str(L)]["loss"] for L in lengths],
                       style.palette[0], "o", "--", -0.03),
                      (w["sf_x"].format(name=sf_name), [p["sf"][str(L)]["loss"] for L in lengths],
                       style.palette[4], "s", "-", 0.0),
                      (w["sf_y"], [p["sf"][str(L)]["loss_y"] for L in lengths], style.palette[3], "^", ":", 0.03)]
            for label, values, colour, marker, line, shift in series:
                v = np.asarray(values, dtype=float)                  # (lengths, seeds)
                v = np.where(np.isfinite(v), v, np.nan)
                lo, med, hi = np.nanpercentile(v, [25, 50, 75], axis=1, method="nearest")
                x = np.asarray(lengths) * (1 + shift)
                ax.errorbar(x, med, yerr=[med - lo, hi - med], color=colour, marker=marker, linestyle=line,
                            linewidth=1.4, markersize=6, capsize=3, label=label)
            ax.set_xscale("log")
            ax.set_yscale("log")
            ax.set_xticks(lengths, [str(L) for L in lengths])
            ax.minorticks_off()
            ax.set_title(f"{sf_name} / {opt_label(p['scheduled'], lang)}", fontsize=10)
            ax.set_xlabel(w["run_length_axis"])
            ax.set_ylabel(w["run_final_loss_axis"])
            ax.grid(True, alpha=0.5)
            ax.legend(fontsize=7, loc="upper right")
        fig.tight_layout()
        return _png(fig)


register(Study(
    name="schedulefree-lengths",
    compute=compute_lengths,
    figure=figure_lengths,
    alt={"ko": "학습 길이 {lengths_text}스텝에서 잰 실행이 끝날 때의 학습 손실(학습 데이터 전체, 두 축 모두 로그). 파선은 길이마다 따로 튜닝한 "
               "워밍업 + 코사인, 실선은 전체 길이에서 한 번 튜닝하고 중간에 멈춘 schedule-free를 eval 후 x에서 잰 값, "
               "점선은 같은 실행을 eval 없이 y에서 잰 값입니다.",
         "en": "Training loss (whole training set) at the end of runs of {lengths_text} steps (both axes log). Dashed: warm-up + cosine "
               "tuned separately for each length; solid: schedule-free tuned once at the full length and stopped "
               "early, measured at x after eval; dotted: the same runs measured at y, without eval."},
    caption={"ko": "손글씨 숫자 MLP, 미니배치 32, 전체 {steps}스텝. 난수 시드 {n_seeds}개의 중앙값(막대: 사분위 범위). "
                   "워밍업은 각 실행 길이의 {warmup_pct}%(schedule-free는 전체 길이 기준 {warmup}스텝). 왼쪽은 AdamWScheduleFree와 "
                   "AdamW + 코사인(둘 다 λ = {weight_decay}), 오른쪽은 SGDScheduleFree와 모멘텀 + 코사인(가중치 감쇠 없음)입니다.",
             "en": "MLP on digits, minibatch 32, {steps} steps in all. Median over {n_seeds} seeds (bars: interquartile "
                   "range). Warm-up: {warmup_pct}% of each run's length (schedule-free: {warmup} steps, from the full "
                   "length). Left: AdamWScheduleFree and AdamW + cosine (both λ = {weight_decay}); right: SGDScheduleFree and Momentum + "
                   "cosine (no weight decay)."},
))
