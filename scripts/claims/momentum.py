"""Momentum's pros and cons: "faster, less zig-zag", "rolls out of local minima", "overshoots"."""

from __future__ import annotations

from . import Claim, claim
from .common import final_gap, history, lr_of, overshoot, reversal_share, standard_settings

#: "overshoots": the path goes past the minimum by more than this share of the start distance
OVERSHOOT_SHARE = 0.01


def versus_sgd() -> list[dict]:
    """Momentum and its control, the same rule without momentum (SGD), at each one's lr of the setting."""
    out = []
    for s in standard_settings():
        m, g = (history(s["problem"], n, s["lr_kind"]) for n in ("Momentum", "SGD"))
        out.append({**s, "lr": lr_of(s["problem"], "Momentum", s["lr_kind"]),
                    "lr_sgd": lr_of(s["problem"], "SGD", s["lr_kind"]),
                    "gap": final_gap(m), "gap_sgd": final_gap(g),
                    "reversals": reversal_share(m), "reversals_sgd": reversal_share(g)})
    return out


def faster_and_calmer(s: dict) -> bool:
    return s["gap"] < s["gap_sgd"] and s["reversals"] <= s["reversals_sgd"]


claim(Claim("momentum_fast", "Momentum", "pro", versus_sgd, faster_and_calmer, evidence="problems/bowl.md#loss"))


def overshooting() -> list[dict]:
    out = []
    for s in standard_settings():
        m, g = (history(s["problem"], n, s["lr_kind"]) for n in ("Momentum", "SGD"))
        out.append({**s, "lr": lr_of(s["problem"], "Momentum", s["lr_kind"]),
                    "overshoot": overshoot(m, s["problem"]), "overshoot_sgd": overshoot(g, s["problem"]),
                    "applies": not bool(m.diverged[0])})
    return out


def overshoots(s: dict) -> bool:
    return s["overshoot"] > OVERSHOOT_SHARE and s["overshoot"] > s["overshoot_sgd"]


claim(Claim("momentum_overshoot", "Momentum", "con", overshooting, overshoots, {"share": OVERSHOOT_SHARE},
            evidence="optimizers/momentum.md#fig-overshoot"))
