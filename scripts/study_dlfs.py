"""The book's chapter 6 next to this package: its settings, its defaults, its ε (the DLfS page).

*Deep Learning from Scratch* (repository oreilly-japan/deep-learning-from-scratch) draws its
figures 6-3 to 6-8 with ``ch06/optimizer_compare_naive.py``: each optimizer at a learning rate
of its own, 30 updates on f(x, y) = x²/20 + y² from (−7, 2). This study runs those settings with
this package, and the same optimizers at this package's (torch's) default learning rates.

The book's numbers are data here (``BOOK_*``), transcribed from its code. The book cannot be
installed, so ``tests/test_libraries.py`` checks every one of them, and the paths computed here,
against the book's own code (the fixture ``tests/fixtures/dlfs_golden.json``, regenerated from a
checkout by ``tests/fixtures/dlfs_make_golden.py``).
"""

from __future__ import annotations

import inspect

import numpy as np

from optimizers import OPTIMIZERS, PROBLEMS, run

from .figures import _contour, _figure, _png, look
from .studies import Study, register
from .text import opt_label

PROBLEM = "bowl"                 # x²/20 + y² from (−7, 2): the book's f and init_pos
#: common/optimizer.py: each class's keyword defaults
BOOK_DEFAULTS = {
    "SGD": {"lr": 0.01},
    "Momentum": {"lr": 0.01, "momentum": 0.9},
    "Nesterov": {"lr": 0.01, "momentum": 0.9},
    "AdaGrad": {"lr": 0.01},
    "RMSprop": {"lr": 0.01, "decay_rate": 0.99},
    "Adam": {"lr": 0.001, "beta1": 0.9, "beta2": 0.999},
}
#: the book's ε, typed into AdaGrad, RMSprop and Adam (not an argument), added outside the square root
BOOK_EPS = 1e-7
#: the book's class → this package's
BOOK_TO_PACKAGE = {"SGD": "SGD", "Momentum": "Momentum", "Nesterov": "NAG", "AdaGrad": "AdaGrad",
                   "RMSprop": "RMSProp", "Adam": "Adam"}
#: ch06/optimizer_compare_naive.py
NAIVE_LRS = {"SGD": 0.95, "Momentum": 0.1, "AdaGrad": 1.5, "Adam": 0.3}
NAIVE_STEPS = 30


def package_defaults(name: str) -> dict:
    sig = inspect.signature(OPTIMIZERS[name].__init__)
    return {k: p.default for k, p in sig.parameters.items() if k != "self"}


def book_settings(book_name: str, lr: float) -> dict:
    """This package's arguments for the book's class at ``lr``, with the book's ε made explicit.

    Adam's ε cannot be matched (see ``study_libraries``): ε = BOOK_EPS is the nearest constant.
    """
    kw = {"lr": lr}
    if book_name in ("AdaGrad", "RMSprop", "Adam"):
        kw["eps"] = BOOK_EPS
    return kw


def _path(name: str, **kw) -> tuple[np.ndarray, float]:
    h = run(OPTIMIZERS[name](**kw), PROBLEMS[PROBLEM], NAIVE_STEPS)
    return h.trajectory[:, 0, :], float(h.gap[-1, 0])


#: at the default lr an optimizer "hardly leaves the start" when its gap is still at least this share of the start's
STUCK_SHARE = 0.8
#: ... and gets only a little way when at least this share is left
LITTLE_SHARE = 0.5


def default_sentence(kept: dict, start_gap: float, steps: int, lang: str) -> str:
    """What the bottom row shows, by a rule: who kept at least STUCK_SHARE of the start's gap, and how far the
    others got. ``kept``: {optimizer: final gap / start gap}."""
    from .fmt import fmt_num
    from .korean import josa
    ko = lang == "ko"
    stuck = [n for n, k in kept.items() if k >= STUCK_SHARE]
    moved = [n for n, k in kept.items() if k < STUCK_SHARE]
    g0 = fmt_num(start_gap)
    out = []
    if stuck:
        names = ", ".join(stuck) if ko or len(stuck) < 2 else ", ".join(stuck[:-1]) + " and " + stuck[-1]
        out.append(f"{steps}스텝 동안 {josa(names, '은/는')} 시작점을 거의 벗어나지 못합니다(최솟값과의 차이가 처음 "
                   f"{g0}의 {STUCK_SHARE:.0%} 이상 남음)." if ko else
                   f"In {steps} steps {names} hardly {'leaves' if len(stuck) == 1 else 'leave'} the start (the gap stays above {STUCK_SHARE:.0%} of its "
                   f"start, {g0}).")
    for n in moved:
        g = fmt_num(kept[n] * start_gap)
        little = kept[n] >= LITTLE_SHARE
        out.append(f"{josa(n, '은/는')} 최솟값과의 차이를 {g0}에서 {josa(g, '으로/로')} "
                   f"{'줄이는 데 그칩니다' if little else '줄입니다'}." if ko else
                   f"{n} {'only ' if little else ''}brings the gap from {g0} down to {g}.")
    return " ".join(out)


def compute() -> dict:
    p = PROBLEMS[PROBLEM]
    out: dict = {"problem": PROBLEM, "steps": NAIVE_STEPS, "book_eps": BOOK_EPS, "names": list(NAIVE_LRS)}
    for book, ours in BOOK_TO_PACKAGE.items():
        mine = package_defaults(ours)
        key = ours.lower()
        out[f"{key}_book_lr"] = BOOK_DEFAULTS[book]["lr"]
        out[f"{key}_default_lr"] = mine["lr"]
        out[f"{key}_lr_ratio"] = BOOK_DEFAULTS[book]["lr"] / mine["lr"]
        if "eps" in mine:
            out[f"{key}_default_eps"] = mine["eps"]
    out["rmsprop_book_alpha"] = BOOK_DEFAULTS["RMSprop"]["decay_rate"]
    out["rmsprop_default_alpha"] = package_defaults("RMSProp")["alpha"]
    for book, lr in NAIVE_LRS.items():
        ours = BOOK_TO_PACKAGE[book]
        key = ours.lower()
        path, gap = _path(ours, **book_settings(book, lr))
        out[f"{key}_naive_lr"] = lr
        out[f"{key}_naive_gap"] = gap
        out[f"{key}_naive_path"] = path.tolist()
        dpath, dgap = _path(ours)
        out[f"{key}_dflt_gap"] = dgap
        out[f"{key}_dflt_path"] = dpath.tolist()
        out[f"{key}_dflt_moved"] = float(np.linalg.norm(dpath[-1] - dpath[0]))
    out["start_distance"] = float(np.linalg.norm(np.subtract(p.start, p.minima[0])))
    start_gap = float(p.f(np.asarray(p.start, dtype=float)) - p.f(np.asarray(p.minima[0], dtype=float)))
    out["start_gap"] = start_gap
    kept = {BOOK_TO_PACKAGE[b]: out[f"{BOOK_TO_PACKAGE[b].lower()}_dflt_gap"] / start_gap for b in NAIVE_LRS}
    # the names as each language's pages write them (모멘텀 in Korean)
    out["dflt_ko"], out["dflt_en"] = (default_sentence({opt_label(n, lang): k for n, k in kept.items()}, start_gap,
                                                       NAIVE_STEPS, lang) for lang in ("ko", "en"))
    # the book's Adam is torch's with ε_t = ε̂/√(1 − β₂ᵗ): no single ε over the run
    beta2 = BOOK_DEFAULTS["Adam"]["beta2"]
    out["adam_eps_t1"] = float(BOOK_EPS / np.sqrt(1 - beta2))
    out["adam_eps_tlast"] = float(BOOK_EPS / np.sqrt(1 - beta2 ** NAIVE_STEPS))
    return out


def figure(result: dict, style, lang: str = "ko") -> bytes:
    from .fmt import fmt_num
    from .text import FIGURE_WORDS
    words = FIGURE_WORDS[lang]
    names = result["names"]
    fig, axes, rc = _figure(style, lang=lang, size=(11.0, 5.2), nrows=2, ncols=len(names), sharex=True, sharey=True)
    import matplotlib.pyplot as plt
    with plt.rc_context(rc):
        for col, book in enumerate(names):
            ours = BOOK_TO_PACKAGE[book]
            key = ours.lower()
            lk = look(ours, style)
            for row, (which, lr) in enumerate((("naive", result[f"{key}_naive_lr"]),
                                               ("dflt", result[f"{key}_default_lr"]))):
                ax = axes[row, col]
                _contour(ax, result["problem"], style)
                path = np.asarray(result[f"{key}_{which}_path"])
                ax.plot(path[:, 0], path[:, 1], color=lk["color"], marker=lk["marker"], markersize=3,
                        linewidth=1.2, linestyle="-")
                ax.set_title(words["dlfs_panel"].format(name=opt_label(ours, lang), lr=fmt_num(lr)), fontsize=9)
                if col:
                    ax.set_ylabel("")
                if row == 0:
                    ax.set_xlabel("")
            axes[0, 0].set_ylabel(words["dlfs_row_book"] + "\n$y$")
            axes[1, 0].set_ylabel(words["dlfs_row_default"] + "\n$y$")
        return _png(fig)


register(Study(
    name="dlfs",
    compute=compute,
    figure=figure,
    alt={"ko": "비등방 그릇 위의 궤적 여덟 개. 윗줄은 교재의 학습률로 돌린 것으로, {steps}스텝 뒤 최솟값과의 차이는 "
               "SGD {sgd_naive_gap}, 모멘텀 {momentum_naive_gap}, AdaGrad {adagrad_naive_gap}, Adam {adam_naive_gap}입니다. "
               "아랫줄은 이 패키지의 기본 학습률로 돌린 것으로, 차이는 SGD {sgd_dflt_gap}, 모멘텀 {momentum_dflt_gap}, "
               "AdaGrad {adagrad_dflt_gap}, Adam {adam_dflt_gap}입니다.",
         "en": "Eight paths on the skewed bowl. Top row, the book's learning rates; the gap to the minimum after "
               "{steps} steps is SGD {sgd_naive_gap}, Momentum {momentum_naive_gap}, AdaGrad {adagrad_naive_gap}, "
               "Adam {adam_naive_gap}. Bottom row, this package's default learning rates: SGD {sgd_dflt_gap}, "
               "Momentum {momentum_dflt_gap}, AdaGrad {adagrad_dflt_gap}, Adam {adam_dflt_gap}."},
    caption={"ko": "\\(f(x, y) = \\tfrac{{1}}{{20}}x^2 + y^2\\), 시작점 {start_bowl}, {steps}스텝. 윗줄: 교재 "
                   "`ch06/optimizer_compare_naive.py`의 학습률 (AdaGrad와 Adam은 교재의 "
                   "\\(\\epsilon\\) = {book_eps}). 아랫줄: 이 패키지의 기본 학습률 (torch.optim과 같음).",
             "en": "\\(f(x, y) = \\tfrac{{1}}{{20}}x^2 + y^2\\), start {start_bowl}, {steps} steps. Top row: the "
                   "learning rates of the book's `ch06/optimizer_compare_naive.py` (AdaGrad and Adam with the "
                   "book's \\(\\epsilon\\) = {book_eps}). Bottom row: this package's default learning rates "
                   "(torch.optim's)."},
))
