"""AdaGrad's pros and cons: "adapts per parameter"; "its step decays until learning stops".

"Strong on sparse data" is judged on the sparse-features data set (``claims/data.py``).
"""

from __future__ import annotations

import numpy as np

from optimizers import PROBLEMS, AdaGrad

from . import DEF_TRUE, Claim, claim
from .common import at_lr, final_gap, history, lr_of, standard_settings

#: "learning stops": AdaGrad ends at least this many times further from f* than its control
STALL_RATIO = 10.0


def first_steps() -> dict:
    """From s₀ = 0 the first step is η·sign(g) in every coordinate, whatever |g| is (bowl, default lr)."""
    p = PROBLEMS["bowl"]
    opt = AdaGrad()
    theta = np.array(p.start, dtype=float)
    g = p.gradient(theta)
    before = theta.copy()
    opt.update(theta, g)
    step = before - theta
    return {"lr": opt.lr, "step_x": float(step[0]), "step_y": float(step[1]),
            "grad_x": float(g[0]), "grad_y": float(g[1])}


claim(Claim("adagrad_auto", "AdaGrad", "pro", definition=DEF_TRUE, facts=first_steps,
            evidence="optimizers/adagrad.md#fig-adagrad-effective-step"))


def versus_rmsprop() -> list[dict]:
    """AdaGrad and its control RMSProp (the same per-coordinate division, but s forgets) at AdaGrad's lr."""
    out = []
    for s in standard_settings():
        lr = lr_of(s["problem"], "AdaGrad", s["lr_kind"])
        a = history(s["problem"], "AdaGrad", s["lr_kind"])
        r = at_lr(s["problem"], "RMSProp", lr)
        out.append({**s, "lr": lr, "gap": final_gap(a), "gap_rmsprop": final_gap(r),
                    "applies": not bool(a.diverged[0])})
    return out


def stalls(s: dict) -> bool:
    return s["gap"] > STALL_RATIO * s["gap_rmsprop"]


claim(Claim("adagrad_decay", "AdaGrad", "con", versus_rmsprop, stalls, {"ratio": STALL_RATIO},
            evidence="optimizers/adagrad.md#fig-adagrad-effective-step"))
