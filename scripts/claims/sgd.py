"""SGD's pros and cons (seed notes: "simple and cheap"; "oscillates"; "converges slowly")."""

from __future__ import annotations

import numpy as np

from optimizers import GROUPS, OPTIMIZERS

from . import Claim, DEF_TRUE, claim
from .common import FLOOR, final_gap, history, lr_of, reversal_share, standard_settings

#: "oscillates": at least this share of consecutive steps point backwards
OSCILLATION_SHARE = 0.25


def state_arrays() -> dict:
    """Extra arrays each optimizer keeps per parameter (by its definition, not measured)."""
    return {f"{n}_state": len(c.state_names) for n, c in OPTIMIZERS.items()}


claim(Claim("sgd_simple", "SGD", "pro", definition=DEF_TRUE, facts=state_arrays))


def oscillation() -> list[dict]:
    out = []
    for s in standard_settings():
        h = history(s["problem"], "SGD", s["lr_kind"])
        out.append({**s, "lr": lr_of(s["problem"], "SGD", s["lr_kind"]), "reversals": reversal_share(h),
                    "applies": not bool(h.diverged[0])})
    return out


def oscillates(s: dict) -> bool:
    return s["reversals"] >= OSCILLATION_SHARE


claim(Claim("sgd_oscillates", "SGD", "con", oscillation, oscillates, {"share": OSCILLATION_SHARE},
            evidence="problems/bowl.md#panels"))


def speed() -> list[dict]:
    """SGD's final gap against the median of the other optimizers at the same kind of lr (the control)."""
    out = []
    for s in standard_settings():
        gaps = {n: final_gap(history(s["problem"], n, s["lr_kind"])) for n in GROUPS["classic"]}
        others = [v for n, v in gaps.items() if n != "SGD"]
        out.append({**s, "lr": lr_of(s["problem"], "SGD", s["lr_kind"]), "gap": gaps["SGD"],
                    "gap_others": float(np.median(others))})
    return out


def slow(s: dict) -> bool:
    return s["gap"] > s["gap_others"] and s["gap"] > FLOOR


claim(Claim("sgd_slow", "SGD", "con", speed, slow, {"floor": FLOOR}, evidence="comparison.md"))
