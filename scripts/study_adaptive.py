"""Studies of the adaptive step size (AdaGrad and its successors)."""

from __future__ import annotations

import numpy as np

from optimizers import PROBLEMS, AdaGrad, RMSProp, run

from .figures import _figure, _png, look, words
from .studies import Study, register

BOWL = "bowl"


def _effective_step(opt_cls, name, lr, steps):
    opt = opt_cls(lr=lr)
    state = opt_cls.state_names[0]
    h = run(opt, PROBLEMS[BOWL], steps, record_state=(state,))
    s = h.state[state][:, 0, :]                        # (steps, 2): s_t per coordinate
    return lr / (np.sqrt(s) + opt.eps)                 # η / (√s_t + ε)


def compute_effective_step() -> dict:
    steps, lr = 200, 0.5
    ada = _effective_step(AdaGrad, "AdaGrad", lr, steps)
    rms = _effective_step(RMSProp, "RMSProp", lr, steps)
    return {
        "steps": steps, "lr": lr, "problem": BOWL,
        "adagrad_x": ada[:, 0].tolist(), "adagrad_y": ada[:, 1].tolist(),
        "rmsprop_x": rms[:, 0].tolist(), "rmsprop_y": rms[:, 1].tolist(),
        "adagrad_y_first": float(ada[0, 1]), "adagrad_y_last": float(ada[-1, 1]),
        "adagrad_shrink": float(ada[0, 1] / ada[-1, 1]),
        "rmsprop_y_last": float(rms[-1, 1]),
    }


def figure_effective_step(result: dict, style, lang: str) -> bytes:
    w = words(lang)
    fig, ax, rc = _figure(style, size=(6.4, 4.0), lang=lang)
    import matplotlib.pyplot as plt
    with plt.rc_context(rc):
        t = np.arange(1, result["steps"] + 1)
        for name, key in (("AdaGrad", "adagrad"), ("RMSProp", "rmsprop")):
            lk = look(name, style)
            ax.plot(t, result[f"{key}_x"], color=lk["color"], linestyle="-",
                    label=w["coord"].format(name=name, axis="x"))
            ax.plot(t, result[f"{key}_y"], color=lk["color"], linestyle="--",
                    label=w["coord"].format(name=name, axis="y"))
        ax.set_yscale("log")
        ax.set_xlabel(w["step_axis"])
        ax.set_ylabel(w["effective_step_axis"])
        ax.grid(True, alpha=0.5)
        ax.legend(fontsize=8)
        return _png(fig)


register(Study(
    name="adagrad-effective-step",
    compute=compute_effective_step,
    figure=figure_effective_step,
    alt={"ko": "AdaGrad의 좌표별 유효 학습률은 스텝마다 계속 줄어들고, RMSProp의 유효 학습률은 일정한 수준에서 "
               "멈춥니다. AdaGrad의 y 좌표 유효 학습률은 처음보다 {adagrad_shrink}배 작아졌습니다.",
         "en": "AdaGrad's per-coordinate effective step size keeps shrinking while RMSProp's levels off. "
               "AdaGrad's y step shrank {adagrad_shrink} times."},
    caption={"ko": "비등방 그릇, 학습률 {lr}, {steps}스텝, 문제의 기본 시작점. "
                   "좌표마다 \\(\\eta/(\\sqrt{{s_t}}+\\epsilon)\\) (로그 축).",
             "en": "Skewed bowl, lr = {lr}, {steps} steps from the problem's default start. "
                   "\\(\\eta/(\\sqrt{{s_t}}+\\epsilon)\\) per coordinate (log axis)."},
))
