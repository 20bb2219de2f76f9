"""The figures shown beside the pros and cons of the optimizer pages.

Each study here draws one picture of a behaviour the pros and cons talk about (SGD's
zig-zag, Momentum's overshoot, RMSProp's α, the lr sensitivity grid, weight decay). The
verdicts themselves are not made here: each claim's experiment and rule live in
``scripts/claims/<optimizer>.py`` and its words in ``scripts/claim_text.py``.

Every run is a vectorised batch (a grid of learning rates, or of start points, as
the leading axis K), so each study takes well under two seconds.
"""

from __future__ import annotations

import functools

import numpy as np

from optimizers import OPTIMIZERS, PLANAR, PROBLEMS, Adam, AdamW, RMSProp, SGD, run

from .text import opt_label
from .figures import _contour, _figure, _png, look, short_title, words
from .studies import Study, register


def _n(x) -> str:
    """A number for a caption (3 significant digits, like the tables)."""
    from .fmt import fmt_num
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    return fmt_num(float(x))


def _sign_changes(steps: np.ndarray) -> np.ndarray:
    """How often consecutive steps point in opposite directions, per run (axis 0 is time)."""
    s = np.sign(steps)
    return np.sum((s[1:] * s[:-1]) < 0, axis=0)


# --------------------------------------------------------------------------- SGD zig-zag

BOWL = "bowl"


def _tuned_lrs(problem: str) -> dict[str, float]:
    from .experiments import problem_runs
    return {n: r.tuned_lr for n, r in problem_runs(problem).items()}


def compute_zigzag() -> dict:
    """SGD on the skewed bowl at its tuned lr and at a large lr just under the steep axis' stability bound.

    Gradient descent multiplies y by 1 − ηλ_y each step (λ_y: the bowl's curvature along y, from the Hessian);
    the bound is η < 2/λ_y. Near the bound the factor is close to −1: y flips sign every step and shrinks
    slowly (a visible zig-zag). At the tuned lr the factor is small: y flips too, but is gone in a few steps.
    """
    from .study_exercises import _curvatures
    p = PROBLEMS[BOWL]
    lam_y = float(_curvatures(BOWL)[-1])
    limit = 2 / lam_y
    out: dict = {"problem": BOWL, "steps": p.steps, "show": ZIGZAG_SHOW, "curv_y": lam_y, "lr_limit": limit,
                 "near_pct": round(100 * ZIGZAG_NEAR)}
    for kind, lr in (("tuned", _tuned_lrs(BOWL)["SGD"]), ("near", ZIGZAG_NEAR * limit)):
        h = run(SGD(lr=lr), p)
        path = h.trajectory[:, 0, :]
        y = path[:, 1]
        small = np.abs(y) <= ZIGZAG_SMALL * abs(y[0])
        out[f"{kind}_lr"] = float(lr)
        out[f"{kind}_factor"] = abs(1 - lr * lam_y)                  # |y_t / y_{t−1}|
        out[f"{kind}_flips"] = int(_sign_changes(np.diff(y[:ZIGZAG_SHOW + 1])))
        out[f"{kind}_small_at"] = int(np.argmax(small)) if small.any() else -1
        out[f"{kind}_gap"] = float(h.gap[-1, 0])
        out[f"{kind}_x"] = path[:, 0].tolist()
        out[f"{kind}_y"] = path[:, 1].tolist()
    out["small_pct"] = round(100 * ZIGZAG_SMALL)
    return out


#: the large lr of the zig-zag figure, as a share of SGD's stability bound 2/λ_y on the bowl's steep axis
ZIGZAG_NEAR = 0.95
#: steps shown on the right panel (and counted for sign flips)
ZIGZAG_SHOW = 30
#: "gone": |y_t| at most this share of |y_0|
ZIGZAG_SMALL = 0.01
#: the two runs' words in the legend
ZIGZAG_LABEL = {"ko": {"tuned": "SGD, 튜닝한 학습률 {lr}", "near": "SGD, 한계 가까운 학습률 {lr}"},
                "en": {"tuned": "SGD, tuned lr {lr}", "near": "SGD, lr {lr} near the bound"}}


def figure_zigzag(result: dict, style, lang: str) -> bytes:
    import matplotlib.pyplot as plt
    w = words(lang)
    fig, (ax0, ax1), rc = _figure(style, size=(10.0, 3.8), ncols=2, lang=lang)
    show = result["show"]
    with plt.rc_context(rc):
        _contour(ax0, BOWL, style)
        base = look("SGD", style)
        looks = {"tuned": base,
                 "near": dict(color=style.palette[4], linestyle="--", marker="s")}
        for kind in ("near", "tuned"):
            lk = looks[kind]
            x, y = result[f"{kind}_x"], result[f"{kind}_y"]
            label = ZIGZAG_LABEL[lang][kind].format(lr=f"{result[f'{kind}_lr']:.3g}")
            ax0.plot(x, y, color=lk["color"], linestyle=lk["linestyle"], marker=lk["marker"], markersize=3,
                     markevery=4, linewidth=1.2, label=label)
            ax1.plot(np.arange(show + 1), y[:show + 1], color=lk["color"], linestyle=lk["linestyle"],
                     marker=lk["marker"], markersize=3, linewidth=1.2, label=label)
        ax0.legend(fontsize=8, loc="lower right")
        ax1.axhline(0, color=style.grid, linewidth=0.8)
        ax1.set_xlim(0, show)
        ax1.set_xlabel(w["step_axis"])
        ax1.set_ylabel("$y_t$")
        ax1.grid(True, alpha=0.5)
        ax1.legend(fontsize=8, loc="upper right")
        fig.tight_layout()
        return _png(fig)


register(Study(
    name="sgd-zigzag",
    compute=compute_zigzag,
    figure=figure_zigzag,
    alt={"ko": "비등방 그릇에서 SGD의 y 좌표. 한계 가까운 학습률 {near_lr}에서는 매 스텝 부호가 바뀌며 한 스텝에 "
               "{near_factor}배씩만 줄어, 처음 {show}스텝 내내 지그재그가 보입니다. 튜닝한 학습률 {tuned_lr}에서도 "
               "부호는 바뀌지만 한 스텝에 {tuned_factor}배로 줄어, {tuned_small_at}스텝 만에 처음의 {small_pct}% "
               "아래가 됩니다.",
         "en": "SGD's y coordinate on the skewed bowl. At lr {near_lr}, near the bound, it changes sign every step and "
               "shrinks only by a factor {near_factor} per step, so the zig-zag lasts through the first {show} steps. "
               "At the tuned lr {tuned_lr} it changes sign too, but shrinks by a factor {tuned_factor} per step and is "
               "under {small_pct}% of its start after {tuned_small_at} steps."},
    caption={"ko": "비등방 그릇 \\(\\tfrac{{1}}{{20}}x^2+y^2\\), 시작점 {start_bowl}, {steps}스텝. SGD를 두 학습률로 "
                   "돌렸습니다: 튜닝한 학습률 {tuned_lr}, 한계 가까운 학습률 {near_lr}(가파른 \\(y\\) 방향의 안정 한계 \\(2/\\lambda_y = "
                   "{lr_limit}\\)의 {near_pct}%). \\(y\\)는 스텝마다 \\(1-\\eta\\lambda_y\\)배가 됩니다. "
                   "왼쪽은 궤적, 오른쪽은 처음 {show}스텝의 \\(y_t\\)입니다.",
             "en": "Skewed bowl \\(\\tfrac{{1}}{{20}}x^2+y^2\\) from {start_bowl}, {steps} steps. SGD at its tuned lr "
                   "{tuned_lr} and at lr {near_lr}, near the bound ({near_pct}% of the stability bound "
                   "\\(2/\\lambda_y = {lr_limit}\\) of the steep \\(y\\) direction). Each step multiplies \\(y\\) by "
                   "\\(1-\\eta\\lambda_y\\). Left: paths. Right: \\(y_t\\) over the first {show} steps."},
))


# --------------------------------------------------------------------------- overshoot

OVERSHOOT_LRS = np.logspace(-3, 0, 13)
OVERSHOOT_STEPS = 200


def compute_overshoot() -> dict:
    """SGD, Momentum and NAG from (−7, 2) on the bowl, over a grid of lrs (one batch each).

    Overshoot: how far x goes past the minimum x* = 0, as a share of the start
    distance |x₀| = 7 (x only moves towards 0 for plain gradient descent at these lrs).
    """
    p = PROBLEMS[BOWL]
    x0 = abs(p.start[0])
    lrs = OVERSHOOT_LRS
    out: dict = {"problem": BOWL, "steps": OVERSHOOT_STEPS, "lr_min": float(lrs[0]), "lr_max": float(lrs[-1]),
                 "n_lrs": len(lrs), "lrs": lrs.tolist()}
    for name in ("SGD", "Momentum", "NAG"):
        h = run(OPTIMIZERS[name](lr=lrs), p, OVERSHOOT_STEPS)
        over = np.maximum(h.trajectory[:, :, 0].max(axis=0), 0.0) / x0
        over = np.where(h.diverged, np.nan, over)
        out[f"{name}_over"] = [None if np.isnan(v) else float(v) for v in over]
        out[f"{name}_diverged"] = int(h.diverged.sum())
    mid = int(np.argmin(np.abs(lrs - 0.1)))
    out["lr_show"] = float(lrs[mid])
    for name in ("SGD", "Momentum", "NAG"):
        h = run(OPTIMIZERS[name](lr=float(lrs[mid])), p, 60)
        out[f"{name}_xt"] = h.trajectory[:, 0, 0].tolist()

    sgd = np.array([np.nan if v is None else v for v in out["SGD_over"]])
    mom = np.array([np.nan if v is None else v for v in out["Momentum_over"]])
    nag = np.array([np.nan if v is None else v for v in out["NAG_over"]])
    thr = 0.01                                        # 1 % of the start distance
    mom_over = int(np.sum(mom > thr))
    sgd_over = int(np.sum(sgd > thr))
    out.update(mom_over=mom_over, sgd_over=sgd_over, mom_over_max=float(np.nanmax(mom)),
               sgd_over_max=float(np.nanmax(sgd)))
    both = (mom > thr) & np.isfinite(nag)
    less = int(np.sum(nag[both] < mom[both]))
    more = int(np.sum(nag[both] > mom[both]))
    ratio = float(np.nanmedian(nag[both] / mom[both])) if both.any() else float("nan")
    out.update(nag_less=less, nag_more=more, nag_cases=int(both.sum()), nag_ratio=ratio)
    # "NAG is complicated to implement": measured on our code, in lines.
    return out


def figure_overshoot(result: dict, style, lang: str) -> bytes:
    import matplotlib.pyplot as plt
    w = words(lang)
    fig, (ax0, ax1), rc = _figure(style, size=(10.0, 3.8), ncols=2, lang=lang)
    with plt.rc_context(rc):
        lrs = np.array(result["lrs"])
        for name in ("SGD", "Momentum", "NAG"):
            lk = look(name, style)
            over = np.array([np.nan if v is None else 100 * v for v in result[f"{name}_over"]])
            ax0.plot(lrs, over, color=lk["color"], linestyle=lk["linestyle"], marker=lk["marker"], markersize=4,
                     linewidth=1.3, label=opt_label(name, lang))
            xt = result[f"{name}_xt"]
            ax1.plot(np.arange(len(xt)), xt, color=lk["color"], linestyle=lk["linestyle"], marker=lk["marker"],
                     markersize=3, markevery=3, linewidth=1.3, label=opt_label(name, lang))
        ax0.set_xscale("log")
        ax0.set_xlabel(w["lr_axis"])
        ax0.set_ylabel(w["overshoot_axis"])
        ax0.grid(True, alpha=0.5)
        ax0.legend(fontsize=8)
        ax1.axhline(0, color=style.foreground, linewidth=0.8, linestyle=":")
        ax1.set_xlabel(w["step_axis"])
        ax1.set_ylabel("$x_t$")
        ax1.set_title(w["lr_title"].format(lr=f"{result['lr_show']:.3g}"), fontsize=9)
        ax1.grid(True, alpha=0.5)
        ax1.legend(fontsize=8)
        fig.tight_layout()
        return _png(fig)


register(Study(
    name="overshoot",
    compute=compute_overshoot,
    figure=figure_overshoot,
    alt={"ko": "학습률마다 최솟값을 얼마나 지나쳤는지 그린 그림입니다. SGD는 한 번도 지나치지 않고, 모멘텀은 "
               "학습률 {mom_over}개에서 지나치며, NAG는 대개 모멘텀보다 조금 덜 지나칩니다.",
         "en": "How far each method runs past the minimum, against the learning rate. SGD never does; Momentum does "
               "at {mom_over} learning rates; NAG mostly a little less than Momentum."},
    caption={"ko": "비등방 그릇, 시작점 {start_bowl}, {steps}스텝, \\(\\mu=0.9\\). 학습률 {n_lrs}개({lr_min} … {lr_max}, "
                   "로그 간격)를 한꺼번에 실행. 왼쪽: \\(x\\)가 최솟값 \\(x^\\star=0\\)을 넘어간 최대 거리(시작 거리 7에 "
                   "대한 %). 오른쪽: 학습률 {lr_show}에서의 \\(x_t\\).",
             "en": "Skewed bowl from {start_bowl}, {steps} steps, {n_lrs} learning rates ({lr_min} … {lr_max}, log-spaced) "
                   "run together (vectorised), \\(\\mu=0.9\\). Left: the furthest \\(x\\) went past \\(x^\\star=0\\) (% of the start distance "
                   "7). Right: \\(x_t\\) at lr = {lr_show}."},
))


# --------------------------------------------------------------------------- RMSProp α

ALPHAS = (0.5, 0.9, 0.99, 0.999)
ALPHA_PROBLEMS = ("quadratic", "bowl", "rosenbrock", "beale", "himmelblau", "saddle")
ALPHA_SHOW = "himmelblau"


@functools.lru_cache(maxsize=None)
def rmsprop_alpha_scores(problem: str) -> np.ndarray:
    """RMSProp's tuning objective on ``problem`` for α × the lr grid, (len(ALPHAS), len(SWEEP.lrs)), run as
    one batch; computed once per process for this study and the claim ``rmsprop_alpha`` (read-only)."""
    from .experiments import SWEEP, objective
    a, lr = np.meshgrid(np.array(ALPHAS), SWEEP.lrs, indexing="ij")
    h = run(RMSProp(lr=lr.ravel(), alpha=a.ravel()), PROBLEMS[problem])
    score = objective(h).reshape(a.shape)
    score.flags.writeable = False
    return score


def compute_rmsprop_alpha() -> dict:
    """RMSProp with α × lr as one batch, on several problems: how much does α matter?"""
    from .experiments import SWEEP
    lrs = SWEEP.lrs
    floor = SWEEP.target_gap
    out: dict = {"alphas": list(ALPHAS), "lrs": lrs.tolist(), "show": ALPHA_SHOW, "n_lrs": len(lrs),
                 "lr_min": float(lrs[0]), "lr_max": float(lrs[-1])}
    sensitive = []
    for name in ALPHA_PROBLEMS:
        score = rmsprop_alpha_scores(name)
        best = np.maximum(score.min(axis=1), floor)          # best over lr, per α (floored at the target)
        spread = float(best.max() / best.min())
        out[f"{name}_spread"] = spread
        if spread > 10:
            sensitive.append(name)
        if name == ALPHA_SHOW:
            out["score"] = [[None if not np.isfinite(v) else float(v) for v in row] for row in score]
    n = len(ALPHA_PROBLEMS)
    out["n_problems"], out["n_sensitive"] = n, len(sensitive)
    return out


def figure_rmsprop_alpha(result: dict, style, lang: str) -> bytes:
    import matplotlib.pyplot as plt
    from .figures import LINESTYLES, MARKERS
    w = words(lang)
    fig, ax, rc = _figure(style, size=(6.4, 4.0), lang=lang)
    with plt.rc_context(rc):
        lrs = np.array(result["lrs"])
        floor = 1e-16
        for i, (alpha, row) in enumerate(zip(result["alphas"], result["score"])):
            s = np.array([np.nan if v is None else max(v, floor) for v in row])
            ax.plot(lrs, s, color=style.palette[i], linestyle=LINESTYLES[i], marker=MARKERS[i], markersize=4,
                    linewidth=1.3, label=rf"$\alpha = {alpha}$")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(w["lr_axis"])
        ax.set_ylabel(w["tail_gap_axis"].format(tail=10))
        ax.set_title(w["rmsprop_on"].format(problem=short_title(result["show"], lang)), fontsize=9)
        ax.grid(True, alpha=0.5)
        ax.legend(fontsize=8)
        return _png(fig)


register(Study(
    name="rmsprop-alpha",
    compute=compute_rmsprop_alpha,
    figure=figure_rmsprop_alpha,
    alt={"ko": "RMSProp의 유지 비율 α를 바꿔 가며, 학습률에 따라 마지막에 남은 오차를 그린 곡선입니다. α가 작으면 "
               "어느 학습률에서도 오차가 크게 남습니다.",
         "en": "RMSProp's final gap against the learning rate for several decay rates α. With a small α the gap "
               "stays large at every learning rate."},
    caption={"ko": "힘멜블라우, 시작점 {start_himmelblau}. α와 학습률 {n_lrs}개({lr_min} … {lr_max})의 모든 조합을 "
                   "한꺼번에 실행. 세로축은 마지막 10% 스텝에서 최솟값과의 차이의 평균. 판정은 같은 실험을 문제 "
                   "{n_problems}개에서 돌린 결과로 내렸습니다.",
             "en": "Himmelblau from {start_himmelblau}, α × {n_lrs} learning rates ({lr_min} … {lr_max}) run together (vectorised). Vertical "
                   "axis: mean gap over the last 10% of steps. The verdict uses the same run on {n_problems} "
                   "problems."},
))


# --------------------------------------------------------------------------- lr robustness

def compute_lr_robustness() -> dict:
    """How many decades of learning rate give a good result, per optimizer and problem.

    "Good": a tuning objective within 10× of the best any optimizer reached on that
    problem, floored at the target gap (10⁻⁶), so "converged to machine precision"
    and "converged to 10⁻⁹" count alike.
    """
    from .experiments import SWEEP, problem_runs
    names, problems = list(PLANAR), list(PROBLEMS)
    width = np.zeros((len(names), len(problems)))
    for j, p in enumerate(problems):
        runs = problem_runs(p)
        best = min(float(np.min(r.score)) for r in runs.values())
        thr = max(10 * best, SWEEP.target_gap)
        for i, n in enumerate(names):
            width[i, j] = np.sum(runs[n].score <= thr) / SWEEP.per_decade
    mean = width.mean(axis=1)
    order = np.argsort(-mean, kind="stable")
    rank = {names[i]: r + 1 for r, i in enumerate(order)}
    out: dict = {"names": names, "problems": problems, "width": width.tolist(), "per_decade": SWEEP.per_decade,
                 "n_lrs": len(SWEEP.lrs), "n_problems": len(problems), "n_optimizers": len(names)}
    for i, n in enumerate(names):
        out[f"{n}_mean_width"] = float(mean[i])
        out[f"{n}_rank"] = rank[n]
        out[f"{n}_zero"] = int(np.sum(width[i] == 0))
    return out


def figure_lr_robustness(result: dict, style, lang: str) -> bytes:
    import matplotlib.pyplot as plt
    width = np.array(result["width"])
    names, problems = result["names"], result["problems"]
    fig, ax, rc = _figure(style, size=(7.4, 4.2), lang=lang)
    with plt.rc_context(rc):
        im = ax.imshow(width, cmap="Blues" if style.name == "light" else "Blues_r", aspect="auto", vmin=0)
        for i in range(width.shape[0]):
            for j in range(width.shape[1]):
                v = width[i, j]
                dark_cell = (v > 0.6 * width.max()) == (style.name == "light")
                ax.text(j, i, f"{v:.1f}", ha="center", va="center", fontsize=8,
                        color="white" if dark_cell else "black")
        ax.set_xticks(range(len(problems)), [short_title(p, lang) for p in problems], rotation=30, ha="right")
        ax.set_yticks(range(len(names)), names)
        cb = fig.colorbar(im, ax=ax)
        cb.set_label(words(lang)["good_lr_width"])
        return _png(fig)


register(Study(
    name="lr-robustness",
    compute=compute_lr_robustness,
    figure=figure_lr_robustness,
    alt={"ko": "옵티마이저(행)와 문제(열)마다, 좋은 결과를 내는 학습률이 10배 구간 몇 개에 걸쳐 있는지 적은 "
               "표입니다. Adam은 평균 {Adam_mean_width}개 구간으로 {Adam_rank}위입니다.",
         "en": "A grid of optimizers (rows) by problems (columns): how many decades of learning rate give a good "
               "result. Adam averages {Adam_mean_width} decades, rank {Adam_rank}."},
    caption={"ko": "문제마다 학습률 {n_lrs}개 격자(10배 구간마다 {per_decade}개)를 옵티마이저마다 한꺼번에 실행. "
                   "칸의 값은 '좋은' 학습률이 걸친 10배 구간의 수. '좋은' 학습률: 튜닝 기준값이 그 문제에서 "
                   "모든 옵티마이저 중 가장 좋은 값의 10배 이내(\\(10^{{-6}}\\) 이하는 모두 좋음).",
             "en": "Per problem, a grid of {n_lrs} learning rates ({per_decade} per decade), one batch per optimizer. "
                   "A cell is how many decades of lr are 'good': a tuning objective within 10× of the best any "
                   "optimizer reached on that problem (anything below \\(10^{{-6}}\\) counts as good)."},
))


# --------------------------------------------------------------------------- weight decay and generalisation

WD_LAMBDAS = np.logspace(-3, 1, 9)
WD_STEPS = 1500
#: the regression's training samples and weights: more weights than samples
WD_N, WD_D = 40, 80


def _regression_data(seed: int = 0):
    """An over-parameterised linear regression: WD_N noisy samples, WD_D weights, features of mixed scale."""
    rng = np.random.default_rng(seed)
    n, d, n_test = WD_N, WD_D, 2000
    scale = np.logspace(-1, 0.5, d)
    w_true = rng.standard_normal(d) * (rng.random(d) < 0.2)
    x = rng.standard_normal((n, d)) * scale
    x_test = rng.standard_normal((n_test, d)) * scale
    y = x @ w_true + 0.5 * rng.standard_normal(n)
    y_test = x_test @ w_true + 0.5 * rng.standard_normal(n_test)
    return x, y, x_test, y_test


def _train(opt, x, y, k: int, steps: int) -> np.ndarray:
    w = np.zeros((k, x.shape[1]))
    for _ in range(steps):
        opt.update(w, (w @ x.T - y) @ x / len(y))         # ∇ of ½ mean squared error
    return w


def compute_weight_decay() -> dict:
    x, y, x_test, y_test = _regression_data()
    lams = WD_LAMBDAS
    k = len(lams)

    def test(w):
        return ((w @ x_test.T - y_test) ** 2).mean(axis=-1)

    def train(w):
        return ((w @ x.T - y) ** 2).mean(axis=-1)

    lr_adam, lr_sgd = 1e-2, 2e-2
    out: dict = {"lambdas": lams.tolist(), "steps": WD_STEPS, "lr_adam": lr_adam, "lr_sgd": lr_sgd,
                 "n": x.shape[0], "d": x.shape[1], "lam_min": float(lams[0]), "lam_max": float(lams[-1])}
    l2 = _train(Adam(lr=lr_adam, weight_decay=lams), x, y, k, WD_STEPS)
    dec = _train(AdamW(lr=lr_adam, weight_decay=lams), x, y, k, WD_STEPS)
    plain = _train(SGD(lr=lr_sgd, weight_decay=np.array([0.0, 0.0])), x, y, 2, WD_STEPS)[:1]
    adam = _train(Adam(lr=lr_adam, weight_decay=np.array([0.0, 0.0])), x, y, 2, WD_STEPS)[:1]
    out["adam_l2_test"], out["adamw_test"] = test(l2).tolist(), test(dec).tolist()
    out["sgd_test"], out["adam_test"] = float(test(plain)[0]), float(test(adam)[0])
    out["sgd_train"], out["adam_train"] = float(train(plain)[0]), float(train(adam)[0])
    b_l2, b_w = int(np.argmin(out["adam_l2_test"])), int(np.argmin(out["adamw_test"]))
    out.update(adam_l2_best=out["adam_l2_test"][b_l2], adam_l2_best_lambda=float(lams[b_l2]),
               adamw_best=out["adamw_test"][b_w], adamw_best_lambda=float(lams[b_w]))
    spread = float(max(out["adamw_test"]) / min(out["adamw_test"]))
    out["adamw_spread"] = spread
    # The words of this figure (alt, caption, the AdamW page and the guide) say: Adam + L2 is best inside the λ
    # grid; AdamW only gets worse as λ grows, so its best is the grid's smallest λ, next to Adam without decay
    # (a smaller λ cannot beat that: the grid is not too small). If the numbers stop saying so, the words must change.
    rises = bool(np.all(np.diff(out["adamw_test"]) > 0))
    if not (0 < b_l2 < k - 1 and rises and b_w == 0):
        raise ValueError("weight-decay study: the figure's words no longer fit its numbers (Adam + L2 best inside "
                         "the λ grid, AdamW rising with λ); rewrite them in study_claims.py and the pages")
    from .study_data import SEEDS
    out["n_seeds"] = len(SEEDS)
    return out


def _plain_log_formatter(**kw):
    """matplotlib's log-axis labels on the same ticks, as plain numbers ("6", not "6×10⁰")."""
    from matplotlib.ticker import LogFormatterSciNotation

    class Plain(LogFormatterSciNotation):
        def __call__(self, x, pos=None):
            return f"{x:g}" if super().__call__(x, pos) else ""
    return Plain(**kw)


def figure_weight_decay(result: dict, style, lang: str) -> bytes:
    import matplotlib.pyplot as plt
    w = words(lang)
    fig, ax, rc = _figure(style, size=(6.4, 4.0), lang=lang)
    with plt.rc_context(rc):
        lams = np.array(result["lambdas"])
        for name, key, label in (("Adam", "adam_l2_test", w["adam_l2"]),
                                 ("AdamW", "adamw_test", w["adamw_decoupled"])):
            lk = look(name, style)
            ax.plot(lams, result[key], color=lk["color"], linestyle=lk["linestyle"], marker=lk["marker"],
                    markersize=5, linewidth=1.4, label=label)
        for name, key in (("SGD", "sgd_test"), ("Adam", "adam_test")):
            lk = look(name, style)
            ax.axhline(result[key], color=lk["color"], linestyle=":" if name == "SGD" else "-.", linewidth=1.2,
                       label=w["no_decay"].format(name=name))
        ax.set_xscale("log")
        ax.set_yscale("log")
        # the y range is under two decades: its ticks read as plain numbers (20, 10, 6), not as 6×10⁰
        ax.yaxis.set_major_formatter(_plain_log_formatter())
        ax.yaxis.set_minor_formatter(_plain_log_formatter(labelOnlyBase=False))
        ax.set_xlabel(w["wd_axis"])
        ax.set_ylabel(w["test_mse_axis"])
        ax.grid(True, alpha=0.5)
        ax.legend(fontsize=8)
        return _png(fig)


register(Study(
    name="weight-decay",
    compute=compute_weight_decay,
    figure=figure_weight_decay,
    alt={"ko": "λ에 따라 테스트 오차가 어떻게 바뀌는지 Adam + L2와 AdamW로 그리고, 감쇠 없이 돌린 SGD와 Adam을 "
               "기준선으로 함께 그렸습니다. Adam + L2는 λ = {adam_l2_best_lambda}에서 가장 좋았습니다(테스트 오차 "
               "{adam_l2_best}). AdamW는 λ를 키울수록 나빠져, 격자의 가장 작은 λ({lam_min})에서 가장 좋았고"
               "(테스트 오차 {adamw_best}), 감쇠 없는 Adam({adam_test})과 거의 같습니다.",
         "en": "Test error against λ for Adam + L2 and AdamW, with SGD and Adam without decay as baselines. Adam + L2 "
               "is best at λ = {adam_l2_best_lambda} (test error {adam_l2_best}). AdamW only gets worse as λ grows: "
               "its best is at the grid's smallest λ ({lam_min}, test error {adamw_best}), next to Adam without "
               "decay ({adam_test})."},
    caption={"ko": "예시 실험: 선형 회귀(학습 표본 {n}개, 가중치 {d}개, 특성마다 크기가 다름, 잡음 0.5, 고정 시드 하나). "
                   "0에서 시작해 {steps}스텝, Adam 계열 학습률 {lr_adam}, SGD 학습률 {lr_sgd}로 고정. λ 격자"
                   "({lam_min} … {lam_max})는 한꺼번에 실행. 장단점 표의 판정은 이 그림과 따로, 시드 {n_seeds}개와 "
                   "튜닝한 학습률, 검증 오차로 고른 λ로 돌린 실험에서 나옵니다.",
             "en": "An illustration: linear regression ({n} training samples, {d} weights, features of mixed scale, "
                   "noise 0.5, one fixed seed), from zero for {steps} steps; Adam-family lr fixed at {lr_adam}, SGD lr "
                   "{lr_sgd}. The λ grid {lam_min} … {lam_max} runs together (vectorised). The verdicts in the pros "
                   "and cons come from a separate experiment: {n_seeds} seeds, tuned learning rates, and λ chosen on "
                   "validation error."},
))


# --------------------------------------------------------------------------- local minima on Rastrigin

ESCAPE_GRID = 10             # start points: a 10 × 10 grid
ESCAPE_LRS = np.logspace(-4, 0, 13)


def compute_escape() -> dict:
    """Every optimizer from 100 start points × 13 lrs on Rastrigin (one batch per optimizer).

    Success: ending in the global minimum's basin (|x|, |y| < 0.5) without diverging.
    Each optimizer is credited with its best lr of the grid.
    """
    p = PROBLEMS["rastrigin"]
    g = np.linspace(-4.5, 4.5, ESCAPE_GRID)
    starts = np.stack(np.meshgrid(g, g), axis=-1).reshape(-1, 2)
    k, n_lr = len(starts), len(ESCAPE_LRS)
    out: dict = {"n_starts": k, "n_lrs": n_lr, "lr_min": float(ESCAPE_LRS[0]), "lr_max": float(ESCAPE_LRS[-1]),
                 "steps": p.steps, "names": list(PLANAR)}
    already = float(np.mean((np.abs(starts) < 0.5).all(axis=1)))
    out["already"] = already
    share = {}
    for name in PLANAR:
        h = run(OPTIMIZERS[name](lr=np.repeat(ESCAPE_LRS, k)), p, start=np.tile(starts, (n_lr, 1)))
        end = h.trajectory[-1].reshape(n_lr, k, 2)
        ok = (np.abs(end) < 0.5).all(axis=-1) & ~h.diverged.reshape(n_lr, k)
        frac = ok.mean(axis=1)
        i = int(np.argmax(frac))
        share[name] = float(frac[i])
        out[f"{name}_share"] = float(frac[i])
        out[f"{name}_lr"] = float(ESCAPE_LRS[i])
    out["shares"] = [share[n] for n in PLANAR]
    return out


def figure_escape(result: dict, style, lang: str) -> bytes:
    import matplotlib.pyplot as plt
    w = words(lang)
    fig, ax, rc = _figure(style, size=(6.4, 3.8), lang=lang)
    with plt.rc_context(rc):
        names = result["names"]
        shares = 100 * np.array(result["shares"])
        hatches = ("", "//", "\\\\", "xx", "..", "--", "++", "oo")
        for i, (name, v) in enumerate(zip(names, shares)):
            lk = look(name, style)
            ax.bar(i, v, color=lk["color"], edgecolor=style.foreground, hatch=hatches[i % len(hatches)],
                   linewidth=0.6)
            ax.text(i, v, w["bar_note"].format(pct=f"{v:.0f}", lr=f"{result[f'{name}_lr']:.0e}"), ha="center",
                    va="bottom", fontsize=7)
        ax.axhline(100 * result["already"], color=style.foreground, linestyle=":", linewidth=1,
                   label=w["already_in_basin"])
        ax.set_xticks(range(len(names)), names, rotation=30, ha="right")
        ax.set_ylabel(w["reached_global_axis"])
        ax.set_ylim(0, max(shares.max() * 1.35, 10))
        ax.legend(fontsize=8, loc="upper left")
        ax.grid(True, axis="y", alpha=0.5)
        return _png(fig)


register(Study(
    name="rastrigin-escape",
    compute=compute_escape,
    figure=figure_escape,
    alt={"ko": "라스트리긴에서 시작점 {n_starts}개 가운데 전역 최솟값에 도착한 비율을 옵티마이저마다 막대로 "
               "그렸습니다. 비율은 모멘텀 {Momentum_share}, SGD {SGD_share}.",
         "en": "Bars: the share of {n_starts} Rastrigin start points that ended at the global minimum, per "
               "optimizer. Momentum {Momentum_share}, SGD {SGD_share} (fractions)."},
    caption={"ko": "라스트리긴, 시작점 {n_starts}개(−4.5 … 4.5의 10 × 10 격자)와 학습률 {n_lrs}개"
                   "({lr_min} … {lr_max})의 모든 조합을 옵티마이저마다 한꺼번에 {steps}스텝 실행. 막대는 가장 좋은 "
                   "학습률에서 전역 최솟값의 분지 \\(|x|,|y|<0.5\\)에 도착한 비율이고, 막대 위의 η는 그 학습률. "
                   "점선은 처음부터 그 분지에 있던 시작점의 비율.",
             "en": "Rastrigin, {n_starts} start points (10 × 10 grid over −4.5 … 4.5) × {n_lrs} learning rates "
                   "({lr_min} … {lr_max}), one batch per optimizer, {steps} steps. A bar is the success share at "
                   "the optimizer's best lr (ending in the global basin \\(|x|,|y|<0.5\\)). Dotted: the share of "
                   "starts already in that basin."},
))


# --------------------------------------------------------------------------- Adam without bias correction

def compute_adam_first_step() -> dict:
    """Adam's first step without bias correction, as a multiple of η: (1 − β₁)/√(1 − β₂) at the defaults."""
    beta1, beta2 = Adam().betas
    return {"adam_uncorrected_first_step": (1 - beta1) / (1 - beta2) ** 0.5}


register(Study(name="adam-first-step", compute=compute_adam_first_step))


# --------------------------------------------------------------------------- AdamW's tuned lr on the bowl

def compute_adamw_bowl() -> dict:
    """AdamW on the skewed bowl at its tuned lr, with torch's default λ and with λ = 0 (the control).

    The bowl's minimum is the origin, so the decay θ ← θ(1 − ηλ) alone pulls θ to the minimum: at a large
    tuned lr the decay, not the Adam step, is what brings the gap down.
    """
    p = PROBLEMS[BOWL]
    lr = _tuned_lrs(BOWL)["AdamW"]
    lam = AdamW().weight_decay
    with_decay = run(AdamW(lr=lr, weight_decay=lam), p)
    without = run(AdamW(lr=lr, weight_decay=0.0), p)
    if not np.allclose(p.minima[0], 0.0):
        raise ValueError("adamw-bowl: the AdamW page says the bowl's minimum is the origin")
    return {"lr": lr, "lam": lam, "decay": lr * lam, "gap": float(with_decay.gap[-1, 0]),
            "gap_no_decay": float(without.gap[-1, 0]), "steps": p.steps}


register(Study(name="adamw-bowl", compute=compute_adamw_bowl))
