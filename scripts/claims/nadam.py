"""NAdam's pro: "converges faster than Adam" (Nesterov's look-ahead in Adam).

The standard 2-D settings; control: Adam in the same setting. At the default lr each runs at its own torch
default (NAdam 2e-3, Adam 1e-3: what a user gets), at the tuned lr each at its own. NAdam at Adam's lr is recorded
beside it (a reference, not part of the rule), so the page can tell the look-ahead from the doubled default lr.
"""

from __future__ import annotations

import numpy as np

from optimizers import Adam, NAdam
from optimizers.adam_variants import _mu

from .. import experiments
from . import DEF_TRUE, Claim, claim
from .common import at_lr, final_gap, history, lr_of, standard_settings

#: "faster": reaches the target gap (the problem pages' f − f* ≤ 1e-6) in fewer steps than Adam; when neither
#: reaches it, ends with a smaller final gap (+inf when diverged)
TARGET = experiments.SWEEP.target_gap


def _reach(h) -> int:
    """Steps to the target, -1 if never (or diverged first)."""
    return int(h.steps_to(TARGET)[0])


def race() -> list[dict]:
    out = []
    for s in standard_settings():
        p, kind = s["problem"], s["lr_kind"]
        n, a = history(p, "NAdam", kind), history(p, "Adam", kind)
        row = {**s, "lr": lr_of(p, "NAdam", kind), "lr_adam": lr_of(p, "Adam", kind),
               "steps": _reach(n), "steps_adam": _reach(a), "gap": final_gap(n), "gap_adam": final_gap(a)}
        same = at_lr(p, "NAdam", row["lr_adam"])   # NAdam at Adam's lr: only the look-ahead differs (reference)
        row["steps_same_lr"], row["gap_same_lr"] = _reach(same), final_gap(same)
        for key in ("steps", "steps_adam", "steps_same_lr"):      # what the page shows: "—" for never
            row[key.replace("steps", "reach")] = row[key] if row[key] >= 0 else "—"
        out.append(row)
    return out


def faster(s: dict) -> bool:
    n, a = s["steps"], s["steps_adam"]
    if n >= 0 and a >= 0:
        return n < a
    if n >= 0 or a >= 0:
        return n >= 0
    return bool(np.isfinite(s["gap"])) and s["gap"] < s["gap_adam"]


def race_reading(settings: list[dict]) -> dict:
    """How to read the verdict: how many of the settings where it held are default-lr settings where neither reached
    the target (NAdam only ended with a smaller gap), and in how many tuned settings NAdam was faster."""
    held = [s for s in settings if s["held"]]
    tuned = [s for s in settings if s["lr_kind"] == "tuned" and s["held"] is not None]
    return {"held": len(held),
            "default_neither": sum(1 for s in held if s["lr_kind"] == "default"
                                   and s["steps"] < 0 and s["steps_adam"] < 0),
            "n_tuned": len(tuned), "tuned_held": sum(1 for s in tuned if s["held"])}


claim(Claim("nadam_fast", "NAdam", "pro", race, faster,
            {"target": TARGET, "lr_nadam": NAdam().lr, "lr_adam_default": Adam().lr}, evidence="comparison.md",
            reading=race_reading))


#: the steps at which the momentum schedule is quoted
MU_STEPS = (1, 100, 1000, 10000)


def mu_facts() -> dict:
    """torch's μₜ = β₁(1 − ½·0.96^(tψ)) with ψ = momentum_decay = 0.004, and Keras' (ψ = 1, 0.96ᵗ)."""
    opt = NAdam()
    b1, psi = opt.betas[0], opt.momentum_decay
    out = {"beta1": b1, "psi": psi}
    for t in MU_STEPS:
        out[f"mu_{t}"] = _mu(b1, psi, t)
        out[f"mu_keras_{t}"] = _mu(b1, 1.0, t)
    return out


claim(Claim("nadam_weak_momentum", "NAdam", "con", facts=mu_facts, definition=DEF_TRUE))
