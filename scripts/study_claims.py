"""The experiments behind the pros and cons on the optimizer pages.

Each study tests one or more claims of the seed notes' pros/cons table ("SGD
oscillates", "NAG overshoots less than Momentum", ...). Its ``compute()`` returns
the measured numbers *and*, per claim, the claim in both languages
(``claim_<id>_ko``/``_en``) and a verdict (``verdict_<id>_ko``/``_en``) derived
from those numbers by a rule written next to it. The optimizer pages and the
overview table quote both with ``{{ value:study.<name>.<key> }}``, so a verdict
changes by itself when the numbers do, and the two pages never disagree.

Every run is a vectorised batch (a grid of learning rates, or of start points, as
the leading axis K), so each study takes well under two seconds.
"""

from __future__ import annotations

import inspect

import numpy as np

from optimizers import OPTIMIZERS, PROBLEMS, AdaDelta, Adam, AdamW, Momentum, NAG, RMSProp, SGD, run

from .figures import _contour, _figure, _png, look
from .studies import Study, register

# --------------------------------------------------------------------------- verdicts

SUPPORTED, NOT_SUPPORTED, DEPENDS, NOT_TESTED = "supported", "not", "depends", "untested"
_WORDS = {
    SUPPORTED: ("지지됨", "supported"),
    NOT_SUPPORTED: ("우리 실험에서는 지지되지 않음", "not supported in our runs"),
    DEPENDS: ("조건에 따라 다름", "depends"),
    NOT_TESTED: ("여기서는 검증하지 않음", "not tested here"),
}


def _n(x) -> str:
    """A number for a verdict sentence (3 significant digits, like the tables)."""
    from .fmt import fmt_num
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    return fmt_num(float(x))


def claim(cid: str, ko: str, en: str, kind: str, why_ko: str, why_en: str) -> dict:
    """The four strings of one claim: its text and its verdict, in both languages."""
    word_ko, word_en = _WORDS[kind]
    return {f"claim_{cid}_ko": ko, f"claim_{cid}_en": en,
            f"verdict_{cid}_ko": f"**{word_ko}**: {why_ko}",
            f"verdict_{cid}_en": f"**{word_en}**: {why_en}",
            f"word_{cid}_ko": word_ko, f"word_{cid}_en": word_en,
            f"kind_{cid}": kind}


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
    """SGD and Momentum on the skewed bowl, each at its own tuned lr."""
    p = PROBLEMS[BOWL]
    lrs = _tuned_lrs(BOWL)
    out: dict = {"problem": BOWL, "steps": p.steps}
    for name in ("SGD", "Momentum"):
        h = run(OPTIMIZERS[name](lr=lrs[name]), p)
        path = h.trajectory[:, 0, :]
        dy = np.diff(path[:, 1])
        out[f"{name}_lr"] = lrs[name]
        out[f"{name}_flips"] = int(_sign_changes(dy))
        out[f"{name}_steps_to"] = int(h.steps_to(1e-6)[0])
        out[f"{name}_gap"] = float(h.gap[-1, 0])
        out[f"{name}_x"] = path[:, 0].tolist()
        out[f"{name}_y"] = path[:, 1].tolist()
    pairs = p.steps - 1                                  # consecutive step pairs
    out["pairs"] = pairs
    frac = out["SGD_flips"] / pairs
    out["SGD_flip_share"] = frac
    kind = SUPPORTED if frac > 0.5 else NOT_SUPPORTED
    out.update(claim(
        "oscillates", "진동이 심하다", "oscillates",
        kind,
        f"튜닝한 학습률 {_n(lrs['SGD'])}에서 $y$ 방향 이동의 부호가 {pairs}번 중 {out['SGD_flips']}번 바뀌었다",
        f"at its tuned lr {_n(lrs['SGD'])} the $y$-step changed sign {out['SGD_flips']} times out of {pairs}"))
    sgd_to, mom_to = out["SGD_steps_to"], out["Momentum_steps_to"]
    sgd_gap, mom_gap = out["SGD_gap"], out["Momentum_gap"]
    # slower: reaches the target later, or (if neither reaches it) ends with the larger gap
    if sgd_to >= 0 and mom_to >= 0:
        slow = sgd_to > mom_to
    elif sgd_to >= 0 or mom_to >= 0:
        slow = sgd_to < 0
    else:
        slow = sgd_gap > mom_gap
    out["SGD_slower"] = bool(slow)

    def reach(to, gap, ko):
        if ko:
            return f"{to} 스텝에 도달" if to >= 0 else f"도달 못 함 (최종 격차 {_n(gap)})"
        return f"reached it in {to} steps" if to >= 0 else f"did not reach it (final gap {_n(gap)})"
    out.update(claim(
        "slow", "수렴이 느리다", "converges slowly",
        SUPPORTED if slow else NOT_SUPPORTED,
        f"{p.steps} 스텝 안에 격차 $10^{{-6}}$: SGD {reach(sgd_to, sgd_gap, True)}, 모멘텀 "
        f"{reach(mom_to, mom_gap, True)} (둘 다 튜닝한 학습률, 모멘텀 계수는 0.9 고정)",
        f"gap $10^{{-6}}$ within {p.steps} steps: SGD {reach(sgd_to, sgd_gap, False)}, Momentum "
        f"{reach(mom_to, mom_gap, False)} (both at their tuned lr, momentum fixed at 0.9)"))
    mom_ko, mom_en = reach(mom_to, mom_gap, True), reach(mom_to, mom_gap, False)
    calmer = out["Momentum_flips"] < out["SGD_flips"]
    faster = not slow and (mom_to >= 0 or mom_gap < sgd_gap)
    kind = SUPPORTED if calmer and faster else (DEPENDS if calmer or faster else NOT_SUPPORTED)
    out.update(claim(
        "momentum_fast", "빠르게 수렴하고 진동이 줄어든다", "converges faster, oscillates less",
        kind,
        f"$y$ 이동의 부호 바뀜은 {out['Momentum_flips']}번으로 SGD({out['SGD_flips']}번)보다 적지만, 격차 $10^{{-6}}$은 "
        f"{mom_ko} (SGD {reach(sgd_to, sgd_gap, True)})",
        f"fewer $y$-step sign changes, {out['Momentum_flips']} (SGD {out['SGD_flips']}); gap $10^{{-6}}$: Momentum "
        f"{mom_en} (SGD {reach(sgd_to, sgd_gap, False)})"))
    return out


def figure_zigzag(result: dict, style) -> bytes:
    import matplotlib.pyplot as plt
    fig, (ax0, ax1), rc = _figure(style, size=(10.0, 3.8), ncols=2)
    with plt.rc_context(rc):
        _contour(ax0, BOWL, style)
        for name in ("SGD", "Momentum"):
            lk = look(name, style)
            x, y = result[f"{name}_x"], result[f"{name}_y"]
            label = f"{name} (lr={result[f'{name}_lr']:.3g})"
            ax0.plot(x, y, color=lk["color"], linestyle=lk["linestyle"], marker=lk["marker"], markersize=3,
                     markevery=4, linewidth=1.2, label=label)
            ax1.plot(np.arange(len(y)), y, color=lk["color"], linestyle=lk["linestyle"], marker=lk["marker"],
                     markersize=3, markevery=4, linewidth=1.2, label=label)
        ax0.legend(fontsize=8, loc="lower right")
        ax1.axhline(0, color=style.grid, linewidth=0.8)
        ax1.set_xlim(0, 30)
        ax1.set_xlabel("step $t$")
        ax1.set_ylabel("$y_t$")
        ax1.grid(True, alpha=0.5)
        ax1.legend(fontsize=8)
        fig.tight_layout()
        return _png(fig)


register(Study(
    name="sgd-zigzag",
    compute=compute_zigzag,
    figure=figure_zigzag,
    alt={"ko": "비등방 그릇에서 SGD는 y 방향으로 매 스텝 부호를 바꾸며 지그재그로 움직이고, 모멘텀은 부드럽게 휘어 들어간다. "
               "SGD의 y 이동 부호는 {pairs}번 중 {SGD_flips}번 바뀌었다.",
         "en": "On the skewed bowl SGD zig-zags in y, flipping direction almost every step, while Momentum curves in "
               "smoothly. SGD's y-step changed sign {SGD_flips} times out of {pairs}."},
    caption={"ko": "비등방 그릇 \\(\\tfrac{{1}}{{20}}x^2+y^2\\), 시작점 {start_bowl}, {steps} 스텝, 각자 튜닝한 학습률 "
                   "(SGD {SGD_lr}, 모멘텀 {Momentum_lr}, \\(\\mu=0.9\\)). 왼쪽: 궤적. 오른쪽: 처음 30 스텝의 \\(y_t\\).",
             "en": "Skewed bowl \\(\\tfrac{{1}}{{20}}x^2+y^2\\) from {start_bowl}, {steps} steps, each at its tuned lr "
                   "(SGD {SGD_lr}, Momentum {Momentum_lr}, \\(\\mu=0.9\\)). Left: paths. Right: \\(y_t\\) over the first "
                   "30 steps."},
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
    n = len(lrs)
    kind = SUPPORTED if mom_over > sgd_over and mom_over >= n / 3 else (DEPENDS if mom_over else NOT_SUPPORTED)
    out.update(claim(
        "overshoot", "최솟값을 지나쳐 버린다 (overshoot)", "overshoots the minimum",
        kind,
        f"학습률 {n}개 중 {mom_over}개에서 $x$가 최솟값을 시작 거리의 1% 넘게 지나쳤다 (최대 {_n(100 * np.nanmax(mom))}%). "
        f"SGD는 {sgd_over}개",
        f"for {mom_over} of {n} learning rates, $x$ went past the minimum by more than 1% of the start distance "
        f"(at most {_n(100 * np.nanmax(mom))}%); SGD did so for {sgd_over}"))
    both = (mom > thr) & np.isfinite(nag)
    less = int(np.sum(nag[both] < mom[both]))
    more = int(np.sum(nag[both] > mom[both]))
    ratio = float(np.nanmedian(nag[both] / mom[both])) if both.any() else float("nan")
    out.update(nag_less=less, nag_more=more, nag_cases=int(both.sum()), nag_ratio=ratio)
    if both.sum() == 0:
        kind = NOT_SUPPORTED
    elif less == both.sum():
        kind = SUPPORTED
    elif less > more:
        kind = DEPENDS
    else:
        kind = NOT_SUPPORTED
    out.update(claim(
        "nag_less", "모멘텀보다 덜 지나친다", "overshoots less than Momentum",
        kind,
        f"모멘텀이 지나친 학습률 {int(both.sum())}개 중 {less}개에서 NAG가 덜 지나쳤다 "
        f"(지나친 거리의 비 NAG/모멘텀, 중앙값 {_n(ratio)})",
        f"of the {int(both.sum())} learning rates where Momentum overshot, NAG overshot less at {less} "
        f"(median ratio NAG/Momentum {_n(ratio)})"))
    # "NAG is complicated to implement": measured on our code, in lines.
    extra = _extra_lines(NAG, Momentum)
    out["nag_extra_lines"] = extra
    out.update(claim(
        "nag_complex", "구현이 복잡하다", "complicated to implement",
        NOT_SUPPORTED if extra <= 1 else DEPENDS,
        f"torch 형태로 쓰면 모멘텀 코드와 {extra}줄만 다르다 (Sutskever 형태의 '미리 가 보기'는 이 한 줄로 접힌다)",
        f"in torch's form it differs from Momentum's code in {extra} line(s); Sutskever's look-ahead folds into "
        "that line"))
    return out


def _extra_lines(a, b) -> int:
    la = [s.split("#")[0].strip() for s in inspect.getsource(a._update).splitlines()[1:]]
    lb = [s.split("#")[0].strip() for s in inspect.getsource(b._update).splitlines()[1:]]
    return sum(1 for s in la if s and s not in lb)


def figure_overshoot(result: dict, style) -> bytes:
    import matplotlib.pyplot as plt
    fig, (ax0, ax1), rc = _figure(style, size=(10.0, 3.8), ncols=2)
    with plt.rc_context(rc):
        lrs = np.array(result["lrs"])
        for name in ("SGD", "Momentum", "NAG"):
            lk = look(name, style)
            over = np.array([np.nan if v is None else 100 * v for v in result[f"{name}_over"]])
            ax0.plot(lrs, over, color=lk["color"], linestyle=lk["linestyle"], marker=lk["marker"], markersize=4,
                     linewidth=1.3, label=name)
            xt = result[f"{name}_xt"]
            ax1.plot(np.arange(len(xt)), xt, color=lk["color"], linestyle=lk["linestyle"], marker=lk["marker"],
                     markersize=3, markevery=3, linewidth=1.3, label=name)
        ax0.set_xscale("log")
        ax0.set_xlabel(r"learning rate $\eta$")
        ax0.set_ylabel(r"overshoot past $x^\star$ (% of $|x_0|$)")
        ax0.grid(True, alpha=0.5)
        ax0.legend(fontsize=8)
        ax1.axhline(0, color=style.foreground, linewidth=0.8, linestyle=":")
        ax1.set_xlabel("step $t$")
        ax1.set_ylabel("$x_t$")
        ax1.set_title(f"lr = {result['lr_show']:.3g}", fontsize=9)
        ax1.grid(True, alpha=0.5)
        ax1.legend(fontsize=8)
        fig.tight_layout()
        return _png(fig)


register(Study(
    name="overshoot",
    compute=compute_overshoot,
    figure=figure_overshoot,
    alt={"ko": "학습률에 따라 최솟값을 지나친 거리. SGD는 지나치지 않고, 모멘텀은 {mom_over}개 학습률에서 지나치며, "
               "NAG는 대개 모멘텀보다 조금 덜 지나친다.",
         "en": "How far each method runs past the minimum, against the learning rate. SGD never does; Momentum does "
               "at {mom_over} learning rates; NAG mostly a little less than Momentum."},
    caption={"ko": "비등방 그릇, 시작점 {start_bowl}, {steps} 스텝, 학습률 {n_lrs}개 ({lr_min} … {lr_max}, 로그 간격)를 한 번의 "
                   "배치로 실행, \\(\\mu=0.9\\). 왼쪽: \\(x\\)가 최솟값 \\(x^\\star=0\\)을 넘어간 최대 거리 (시작 거리 7에 대한 %). "
                   "오른쪽: lr = {lr_show}에서 \\(x_t\\).",
             "en": "Skewed bowl from {start_bowl}, {steps} steps, {n_lrs} learning rates ({lr_min} … {lr_max}, log-spaced) "
                   "as one batch, \\(\\mu=0.9\\). Left: the furthest \\(x\\) went past \\(x^\\star=0\\) (% of the start distance "
                   "7). Right: \\(x_t\\) at lr = {lr_show}."},
))


# --------------------------------------------------------------------------- AdaGrad stall / RMSProp

def compute_adaptive_claims() -> dict:
    """AdaGrad and RMSProp at the same lr on the bowl: does AdaGrad's step die out?"""
    from optimizers import AdaGrad
    p = PROBLEMS[BOWL]
    lr, steps = 0.1, 500
    out: dict = {"problem": BOWL, "lr": lr, "steps": steps}
    for name, cls, key in (("AdaGrad", AdaGrad, "sum"), ("RMSProp", RMSProp, "square_avg")):
        opt = cls(lr=lr)
        h = run(opt, p, steps, record_state=(key,))
        s = h.state[key][:, 0, 0]                            # x coordinate
        eff = lr / (np.sqrt(s) + opt.eps)
        out[f"{name}_shrink"] = float(eff[0] / eff[-1])
        out[f"{name}_x_end"] = float(h.trajectory[-1, 0, 0])
        out[f"{name}_gap"] = float(h.gap[-1, 0])
    x0 = abs(p.start[0])
    left = abs(out["AdaGrad_x_end"]) / x0
    out["adagrad_x_left"] = left
    stalled = out["AdaGrad_shrink"] > 5 and left > 0.1
    out.update(claim(
        "adagrad_decay", "학습률이 계속 줄어 학습이 멈출 수 있다", "the step size decays until learning stops",
        SUPPORTED if stalled else DEPENDS,
        f"lr {lr}로 {steps} 스텝 동안 $x$ 좌표의 유효 학습률이 {_n(out['AdaGrad_shrink'])}배 줄었고, "
        f"$x$는 시작 거리의 {_n(100 * left)}%를 남기고 거의 멈췄다 (RMSProp은 격차 {_n(out['RMSProp_gap'])})",
        f"at lr {lr}, over {steps} steps the effective step of $x$ shrank {_n(out['AdaGrad_shrink'])} times and "
        f"$x$ crawled with {_n(100 * left)}% of the start distance still to go (RMSProp: gap "
        f"{_n(out['RMSProp_gap'])})"))
    better = out["RMSProp_gap"] < out["AdaGrad_gap"]
    out.update(claim(
        "rmsprop_stable", "AdaGrad보다 안정적이다 (학습이 멈추지 않는다)", "more stable than AdaGrad (keeps learning)",
        SUPPORTED if better else NOT_SUPPORTED,
        f"같은 lr {lr}, {steps} 스텝에서 RMSProp의 유효 학습률은 줄지 않았고 (마지막 값이 처음의 "
        f"{_n(1 / out['RMSProp_shrink'])}배), 최종 격차는 {_n(out['RMSProp_gap'])} (AdaGrad {_n(out['AdaGrad_gap'])})",
        f"same lr {lr}, {steps} steps: RMSProp's effective step did not shrink (it ended at "
        f"{_n(1 / out['RMSProp_shrink'])}× its first value); final gap {_n(out['RMSProp_gap'])} (AdaGrad "
        f"{_n(out['AdaGrad_gap'])})"))
    # per-coordinate step: the first effective steps of x and y differ by the gradient ratio
    g = p.gradient(np.asarray(p.start))
    ratio = float(abs(g[1]) / abs(g[0]))
    out["first_step_ratio"] = ratio
    out.update(claim(
        "adagrad_auto", "파라미터마다 학습률을 자동으로 맞춘다", "adapts the step size per parameter",
        SUPPORTED if ratio > 2 else DEPENDS,
        f"첫 스텝에서 $x$의 유효 학습률이 $y$의 {_n(ratio)}배: 기울기가 작은 쪽이 더 큰 보폭을 받는다",
        f"at the first step the effective step of $x$ is {_n(ratio)} times that of $y$: the flat direction gets "
        "the bigger stride"))
    return out


register(Study(name="adaptive-claims", compute=compute_adaptive_claims))


# --------------------------------------------------------------------------- RMSProp α

ALPHAS = (0.5, 0.9, 0.99, 0.999)
ALPHA_PROBLEMS = ("quadratic", "bowl", "rosenbrock", "beale", "himmelblau", "saddle")
ALPHA_SHOW = "himmelblau"


def compute_rmsprop_alpha() -> dict:
    """RMSProp with α × lr as one batch, on several problems: how much does α matter?"""
    from .experiments import SWEEP, objective
    alphas = np.array(ALPHAS)
    lrs = SWEEP.lrs
    a, lr = np.meshgrid(alphas, lrs, indexing="ij")
    floor = SWEEP.target_gap
    out: dict = {"alphas": list(ALPHAS), "lrs": lrs.tolist(), "show": ALPHA_SHOW, "n_lrs": len(lrs),
                 "lr_min": float(lrs[0]), "lr_max": float(lrs[-1])}
    sensitive = []
    for name in ALPHA_PROBLEMS:
        h = run(RMSProp(lr=lr.ravel(), alpha=a.ravel()), PROBLEMS[name])
        score = objective(h).reshape(a.shape)
        best = np.maximum(score.min(axis=1), floor)          # best over lr, per α (floored at the target)
        spread = float(best.max() / best.min())
        out[f"{name}_spread"] = spread
        if spread > 10:
            sensitive.append(name)
        if name == ALPHA_SHOW:
            out["score"] = [[None if not np.isfinite(v) else float(v) for v in row] for row in score]
    n = len(ALPHA_PROBLEMS)
    out["n_problems"], out["n_sensitive"] = n, len(sensitive)
    kind = SUPPORTED if len(sensitive) == n else (NOT_SUPPORTED if not sensitive else DEPENDS)
    from .text import problem_title
    names_ko = ", ".join(problem_title(s, "ko").split(" (")[0] for s in sensitive) or "없음"
    names_en = ", ".join(PROBLEMS[s].title.split(" (")[0] for s in sensitive) or "none"
    out.update(claim(
        "rmsprop_beta", "감쇠율 β(torch의 α)에 민감하다", "sensitive to the decay rate β (torch's α)",
        kind,
        f"문제 {n}개 중 {len(sensitive)}개({names_ko})에서, 학습률을 각각 튜닝해도 α에 따라 최종 격차가 10배 넘게 달랐다",
        f"on {len(sensitive)} of {n} problems ({names_en}), even with the lr tuned for each α, the best final "
        "gap changed more than 10× across α"))
    return out


def figure_rmsprop_alpha(result: dict, style) -> bytes:
    import matplotlib.pyplot as plt
    from .figures import LINESTYLES, MARKERS
    fig, ax, rc = _figure(style, size=(6.4, 4.0))
    with plt.rc_context(rc):
        lrs = np.array(result["lrs"])
        floor = 1e-16
        for i, (alpha, row) in enumerate(zip(result["alphas"], result["score"])):
            s = np.array([np.nan if v is None else max(v, floor) for v in row])
            ax.plot(lrs, s, color=style.palette[i], linestyle=LINESTYLES[i], marker=MARKERS[i], markersize=4,
                    linewidth=1.3, label=rf"$\alpha = {alpha}$")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(r"learning rate $\eta$")
        ax.set_ylabel(r"mean $f - f^\star$, last 10% of steps")
        ax.set_title(f"RMSProp on {PROBLEMS[result['show']].title}", fontsize=9)
        ax.grid(True, alpha=0.5)
        ax.legend(fontsize=8)
        return _png(fig)


register(Study(
    name="rmsprop-alpha",
    compute=compute_rmsprop_alpha,
    figure=figure_rmsprop_alpha,
    alt={"ko": "RMSProp의 감쇠율 α를 바꾸며 학습률에 따른 최종 격차를 그린 곡선. α가 작으면 어떤 학습률에서도 격차가 크게 남는다.",
         "en": "RMSProp's final gap against the learning rate for several decay rates α. With a small α the gap "
               "stays large at every learning rate."},
    caption={"ko": "힘멜블라우, 시작점 {start_himmelblau}, α × 학습률 {n_lrs}개 ({lr_min} … {lr_max})를 한 번의 배치로 실행. "
                   "세로축은 마지막 10% 스텝의 평균 격차. 같은 실험을 문제 {n_problems}개에 돌려 판정에 썼다.",
             "en": "Himmelblau from {start_himmelblau}, α × {n_lrs} learning rates ({lr_min} … {lr_max}) as one batch. Vertical "
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
    names, problems = list(OPTIMIZERS), list(PROBLEMS)
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
    r = rank["Adam"]
    kind = SUPPORTED if r == 1 else (DEPENDS if r <= len(names) // 2 else NOT_SUPPORTED)
    out.update(claim(
        "adam_robust", "하이퍼파라미터(학습률)에 덜 민감하다", "less sensitive to hyperparameters (the lr)",
        kind,
        f"좋은 결과를 내는 학습률 폭이 평균 {_n(mean[names.index('Adam')])} 자릿수(decade)로 {len(names)}개 중 {r}위. "
        f"다만 문제 {out['Adam_zero']}개에서는 그런 학습률이 하나도 없었다",
        f"the range of good learning rates spans {_n(mean[names.index('Adam')])} decades on average, rank {r} of "
        f"{len(names)}; on {out['Adam_zero']} problem(s) no lr was good"))
    # Zeiler: "no learning rate to set"
    from .experiments import summaries
    ok = 0
    for p in problems:
        s = summaries(p)
        d, t = s["default"]["AdaDelta"].final_gap, s["tuned"]["AdaDelta"].final_gap
        if s["default"]["AdaDelta"].diverged_at < 0 and d <= max(10 * t, SWEEP.target_gap):
            ok += 1
    out["adadelta_default_ok"] = ok
    kind = SUPPORTED if ok == len(problems) else (NOT_SUPPORTED if ok == 0 else DEPENDS)
    out.update(claim(
        "adadelta_nolr", "학습률을 정하지 않아도 된다", "no learning rate to set",
        kind,
        f"기본값 lr = 1.0이 튜닝한 학습률만큼(10배 이내) 좋았던 문제는 {len(problems)}개 중 {ok}개",
        f"the default lr = 1.0 was as good as the tuned lr (within 10×) on {ok} of {len(problems)} problems"))
    return out


def figure_lr_robustness(result: dict, style) -> bytes:
    import matplotlib.pyplot as plt
    width = np.array(result["width"])
    names, problems = result["names"], result["problems"]
    fig, ax, rc = _figure(style, size=(7.4, 4.2))
    with plt.rc_context(rc):
        im = ax.imshow(width, cmap="Blues" if style.name == "light" else "Blues_r", aspect="auto", vmin=0)
        for i in range(width.shape[0]):
            for j in range(width.shape[1]):
                v = width[i, j]
                dark_cell = (v > 0.6 * width.max()) == (style.name == "light")
                ax.text(j, i, f"{v:.1f}", ha="center", va="center", fontsize=8,
                        color="white" if dark_cell else "black")
        ax.set_xticks(range(len(problems)), [PROBLEMS[p].title.split(" (")[0] for p in problems], rotation=30,
                      ha="right")
        ax.set_yticks(range(len(names)), names)
        cb = fig.colorbar(im, ax=ax)
        cb.set_label("decades of good lr")
        return _png(fig)


register(Study(
    name="lr-robustness",
    compute=compute_lr_robustness,
    figure=figure_lr_robustness,
    alt={"ko": "옵티마이저(행) × 문제(열)마다 좋은 결과를 내는 학습률 구간의 폭을 자릿수로 적은 표. "
               "Adam의 평균 폭은 {Adam_mean_width} 자릿수로 {Adam_rank}위.",
         "en": "A grid of optimizers (rows) by problems (columns): how many decades of learning rate give a good "
               "result. Adam averages {Adam_mean_width} decades, rank {Adam_rank}."},
    caption={"ko": "문제마다 학습률 {n_lrs}개 격자(한 자릿수에 {per_decade}개)를 옵티마이저마다 한 번의 배치로 실행. "
                   "칸의 값은 '좋은' 학습률이 차지하는 자릿수: 튜닝 목표값이 그 문제에서 모든 옵티마이저 중 "
                   "가장 좋은 값의 10배 이내 (단, \\(10^{{-6}}\\) 이하는 모두 좋음).",
             "en": "Per problem, a grid of {n_lrs} learning rates ({per_decade} per decade), one batch per optimizer. "
                   "A cell is how many decades of lr are 'good': a tuning objective within 10× of the best any "
                   "optimizer reached on that problem (anything below \\(10^{{-6}}\\) counts as good)."},
))


# --------------------------------------------------------------------------- weight decay and generalisation

WD_LAMBDAS = np.logspace(-3, 1, 9)
WD_STEPS = 1500


def _regression_data(seed: int = 0):
    """An over-parameterised linear regression: 40 noisy samples, 80 weights, features of mixed scale."""
    rng = np.random.default_rng(seed)
    n, d, n_test = 40, 80, 2000
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
    worse = out["adam_test"] > 1.1 * out["sgd_test"]
    out.update(claim(
        "adam_generalise", "종종 일반화 성능이 낮다", "sometimes generalises worse",
        SUPPORTED if worse else NOT_SUPPORTED,
        f"과매개변수 선형 회귀에서 두 방법 모두 훈련 오차를 거의 0으로 만들었지만 (Adam {_n(out['adam_train'])}, "
        f"SGD {_n(out['sgd_train'])}), 시험 오차는 Adam {_n(out['adam_test'])}, SGD {_n(out['sgd_test'])}",
        f"in an over-parameterised linear regression both fit the training set (Adam {_n(out['adam_train'])}, "
        f"SGD {_n(out['sgd_train'])}), but the test error was Adam {_n(out['adam_test'])}, SGD "
        f"{_n(out['sgd_test'])}"))
    better = out["adamw_best"] < 0.95 * out["adam_l2_best"]
    kind = SUPPORTED if better else (NOT_SUPPORTED if out["adamw_best"] > 1.05 * out["adam_l2_best"] else DEPENDS)
    out.update(claim(
        "adamw_generalise", "일반화 성능이 좋아진다 (정규화 효과)", "generalises better (regularisation effect)",
        kind,
        f"λ를 각각 튜닝했을 때 시험 오차: AdamW {_n(out['adamw_best'])} (λ = {_n(lams[b_w])}), "
        f"Adam + L2 {_n(out['adam_l2_best'])} (λ = {_n(lams[b_l2])}). 감쇠 없는 Adam은 {_n(out['adam_test'])}",
        f"test error with λ tuned for each: AdamW {_n(out['adamw_best'])} (λ = {_n(lams[b_w])}), Adam + L2 "
        f"{_n(out['adam_l2_best'])} (λ = {_n(lams[b_l2])}); Adam without decay {_n(out['adam_test'])}"))
    spread = float(max(out["adamw_test"]) / min(out["adamw_test"]))
    out["adamw_spread"] = spread
    out.update(claim(
        "adamw_lambda", "λ(감쇠 계수)를 튜닝해야 한다", "λ (the decay coefficient) needs tuning",
        SUPPORTED if spread > 1.5 else NOT_SUPPORTED,
        f"λ 격자 {k}개({_n(lams[0])} … {_n(lams[-1])})에서 AdamW의 시험 오차가 최대 {_n(spread)}배 차이 났다",
        f"over a grid of {k} values of λ ({_n(lams[0])} … {_n(lams[-1])}) AdamW's test error varied up to "
        f"{_n(spread)}×"))
    return out


def figure_weight_decay(result: dict, style) -> bytes:
    import matplotlib.pyplot as plt
    fig, ax, rc = _figure(style, size=(6.4, 4.0))
    with plt.rc_context(rc):
        lams = np.array(result["lambdas"])
        for name, key, label in (("Adam", "adam_l2_test", "Adam + L2 (weight_decay=λ)"),
                                 ("AdamW", "adamw_test", "AdamW (decoupled λ)")):
            lk = look(name, style)
            ax.plot(lams, result[key], color=lk["color"], linestyle=lk["linestyle"], marker=lk["marker"],
                    markersize=5, linewidth=1.4, label=label)
        for name, key, label in (("SGD", "sgd_test", "SGD, λ = 0"), ("Adam", "adam_test", "Adam, λ = 0")):
            lk = look(name, style)
            ax.axhline(result[key], color=lk["color"], linestyle=":" if name == "SGD" else "-.", linewidth=1.2,
                       label=label)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(r"weight decay $\lambda$")
        ax.set_ylabel("test mean squared error")
        ax.grid(True, alpha=0.5)
        ax.legend(fontsize=8)
        return _png(fig)


register(Study(
    name="weight-decay",
    compute=compute_weight_decay,
    figure=figure_weight_decay,
    alt={"ko": "λ에 따른 시험 오차: Adam + L2와 AdamW, 그리고 감쇠 없는 SGD와 Adam의 기준선. "
               "가장 좋은 시험 오차는 AdamW {adamw_best}, Adam + L2 {adam_l2_best}.",
         "en": "Test error against λ for Adam + L2 and AdamW, with SGD and Adam without decay as baselines. Best "
               "test error: AdamW {adamw_best}, Adam + L2 {adam_l2_best}."},
    caption={"ko": "선형 회귀 (훈련 표본 {n}개, 가중치 {d}개, 특성마다 크기가 다름, 잡음 0.5, 고정 시드). "
                   "0에서 시작해 {steps} 스텝, Adam 계열 lr {lr_adam}, SGD lr {lr_sgd}. λ 격자 {lam_min} … {lam_max}를 "
                   "한 번의 배치로 실행.",
             "en": "Linear regression ({n} training samples, {d} weights, features of mixed scale, noise 0.5, fixed "
                   "seed), from zero for {steps} steps; Adam-family lr {lr_adam}, SGD lr {lr_sgd}. The λ grid "
                   "{lam_min} … {lam_max} runs as one batch."},
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
                 "steps": p.steps, "names": list(OPTIMIZERS)}
    already = float(np.mean((np.abs(starts) < 0.5).all(axis=1)))
    out["already"] = already
    share = {}
    for name, cls in OPTIMIZERS.items():
        h = run(cls(lr=np.repeat(ESCAPE_LRS, k)), p, start=np.tile(starts, (n_lr, 1)))
        end = h.trajectory[-1].reshape(n_lr, k, 2)
        ok = (np.abs(end) < 0.5).all(axis=-1) & ~h.diverged.reshape(n_lr, k)
        frac = ok.mean(axis=1)
        i = int(np.argmax(frac))
        share[name] = float(frac[i])
        out[f"{name}_share"] = float(frac[i])
        out[f"{name}_lr"] = float(ESCAPE_LRS[i])
    out["shares"] = [share[n] for n in OPTIMIZERS]
    m, s = share["Momentum"], share["SGD"]
    kind = SUPPORTED if m >= 2 * max(s, 1e-12) else (DEPENDS if m > s else NOT_SUPPORTED)
    out.update(claim(
        "momentum_escape", "관성 덕분에 지역 최솟값을 빠져나올 수 있다", "can roll out of local minima",
        kind,
        f"라스트리긴에서 시작점 {k}개 중 전역 최솟값에 도착한 비율: 모멘텀 {_n(100 * m)}% "
        f"(lr {_n(out['Momentum_lr'])}), SGD {_n(100 * s)}% (lr {_n(out['SGD_lr'])}). "
        f"학습률을 잘못 고르면 모멘텀도 갇힌다",
        f"share of {k} Rastrigin starts that ended in the global minimum: Momentum {_n(100 * m)}% "
        f"(lr {_n(out['Momentum_lr'])}), SGD {_n(100 * s)}% (lr {_n(out['SGD_lr'])}); at other lrs Momentum "
        "is stuck too"))
    return out


def figure_escape(result: dict, style) -> bytes:
    import matplotlib.pyplot as plt
    fig, ax, rc = _figure(style, size=(6.4, 3.8))
    with plt.rc_context(rc):
        names = result["names"]
        shares = 100 * np.array(result["shares"])
        hatches = ("", "//", "\\\\", "xx", "..", "--", "++", "oo")
        for i, (name, v) in enumerate(zip(names, shares)):
            lk = look(name, style)
            ax.bar(i, v, color=lk["color"], edgecolor=style.foreground, hatch=hatches[i % len(hatches)],
                   linewidth=0.6)
            ax.text(i, v, f"{v:.0f}%\nlr={result[f'{name}_lr']:.0e}", ha="center", va="bottom", fontsize=7)
        ax.axhline(100 * result["already"], color=style.foreground, linestyle=":", linewidth=1,
                   label="starts already in the global basin")
        ax.set_xticks(range(len(names)), names, rotation=30, ha="right")
        ax.set_ylabel("starts ending at the global minimum (%)")
        ax.set_ylim(0, max(shares.max() * 1.35, 10))
        ax.legend(fontsize=8, loc="upper left")
        ax.grid(True, axis="y", alpha=0.5)
        return _png(fig)


register(Study(
    name="rastrigin-escape",
    compute=compute_escape,
    figure=figure_escape,
    alt={"ko": "라스트리긴에서 시작점 {n_starts}개 중 전역 최솟값에 도착한 비율을 옵티마이저마다 막대로 그렸다. "
               "모멘텀 {Momentum_share}, SGD {SGD_share} (비율).",
         "en": "Bars: the share of {n_starts} Rastrigin start points that ended at the global minimum, per "
               "optimizer. Momentum {Momentum_share}, SGD {SGD_share} (fractions)."},
    caption={"ko": "라스트리긴, 시작점 {n_starts}개(10 × 10 격자, −4.5 … 4.5) × 학습률 {n_lrs}개({lr_min} … {lr_max})를 "
                   "옵티마이저마다 한 번의 배치로 {steps} 스텝. 막대는 가장 좋은 학습률에서의 성공 비율 "
                   "(전역 최솟값의 분지 \\(|x|,|y|<0.5\\)에 도착). 점선은 처음부터 그 분지에 있던 시작점의 비율.",
             "en": "Rastrigin, {n_starts} start points (10 × 10 grid over −4.5 … 4.5) × {n_lrs} learning rates "
                   "({lr_min} … {lr_max}), one batch per optimizer, {steps} steps. A bar is the success share at "
                   "the optimizer's best lr (ending in the global basin \\(|x|,|y|<0.5\\)). Dotted: the share of "
                   "starts already in that basin."},
))


# --------------------------------------------------------------------------- AdaDelta's slow start, state size

def compute_misc() -> dict:
    """Claims answered by one short run or by the code itself."""
    p = PROBLEMS[BOWL]
    out: dict = {}
    h = run(AdaDelta(), p, 10)
    moved = float(np.linalg.norm(h.trajectory[-1, 0] - h.trajectory[0, 0]))
    dist = float(np.linalg.norm(np.asarray(p.start)))
    out.update(adadelta_moved=moved, adadelta_dist=dist, adadelta_share=moved / dist)
    # Adam's first step without bias correction, as a multiple of η: (1 − β₁)/√(1 − β₂) at the defaults
    beta1, beta2 = Adam().betas
    out.update(adam_uncorrected_first_step=(1 - beta1) / (1 - beta2) ** 0.5)
    out.update(claim(
        "adadelta_slow", "처음 몇 스텝이 매우 느리다", "starts very slowly",
        SUPPORTED if moved / dist < 0.01 else NOT_SUPPORTED,
        f"기본값으로 비등방 그릇에서 첫 10 스텝 동안 움직인 거리가 최솟값까지 거리의 {_n(100 * moved / dist)}%",
        f"with its defaults on the skewed bowl it moved {_n(100 * moved / dist)}% of the distance to the minimum "
        "in its first 10 steps"))
    sizes = {n: len(c.state_names) for n, c in OPTIMIZERS.items()}
    out.update({f"{n}_state": v for n, v in sizes.items()})
    fewest = sizes["SGD"] == min(sizes.values())
    out.update(claim(
        "sgd_simple", "단순하고 계산이 가볍다", "simple and cheap",
        SUPPORTED if fewest else NOT_SUPPORTED,
        f"파라미터마다 추가로 들고 다니는 상태 배열: SGD {sizes['SGD']}개, 모멘텀 {sizes['Momentum']}개, "
        f"Adam {sizes['Adam']}개",
        f"extra state arrays per parameter: SGD {sizes['SGD']}, Momentum {sizes['Momentum']}, Adam "
        f"{sizes['Adam']}"))
    # Adam "trains stably and fast": its rank at the tuned lr over every problem
    from .experiments import summaries
    ranks, fails = [], 0
    for pname in PROBLEMS:
        rows = summaries(pname)["tuned"]
        score = {n: (np.inf if s.diverged_at >= 0 else max(s.final_gap, 1e-12)) for n, s in rows.items()}
        better = sum(1 for n in score if score[n] < score["Adam"])
        ranks.append(better + 1)
        fails += rows["Adam"].diverged_at >= 0
    med = float(np.median(ranks))
    out.update(adam_median_rank=med, adam_diverged=int(fails), n_problems=len(ranks), n_optimizers=len(OPTIMIZERS))
    kind = SUPPORTED if med <= 2 and not fails else (DEPENDS if med <= len(OPTIMIZERS) / 2 else NOT_SUPPORTED)
    out.update(claim(
        "adam_fast", "학습이 안정적이고 빠르게 수렴한다", "trains stably and converges fast",
        kind,
        f"튜닝한 학습률에서 문제 {len(ranks)}개의 최종 격차 순위 중앙값 {_n(med)}위 ({len(OPTIMIZERS)}개 중), "
        f"발산 {fails}번 (격차 $10^{{-12}}$ 이하는 동률)",
        f"at the tuned lr, median rank {_n(med)} of {len(OPTIMIZERS)} by final gap over {len(ranks)} problems, "
        f"{fails} divergence(s) (gaps below $10^{{-12}}$ tie)"))
    return out


register(Study(name="misc-claims", compute=compute_misc))
