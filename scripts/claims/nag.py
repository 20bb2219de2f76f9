"""NAG's pros and cons: "overshoots less than Momentum"; "complicated to implement"."""

from __future__ import annotations

import inspect

from optimizers import NAG, Momentum

from . import DEF_FALSE, Claim, claim
from .common import at_lr, history, lr_of, overshoot, standard_settings
from .momentum import OVERSHOOT_SHARE


def versus_momentum() -> list[dict]:
    """NAG and its control, Momentum, at the *same* lr (Momentum's), so only the look-ahead differs.

    A setting applies where Momentum overshot: elsewhere there is nothing to do less of.
    """
    out = []
    for s in standard_settings():
        lr = lr_of(s["problem"], "Momentum", s["lr_kind"])
        m = history(s["problem"], "Momentum", s["lr_kind"])
        n = at_lr(s["problem"], "NAG", lr)
        om = overshoot(m, s["problem"])
        out.append({**s, "lr": lr, "overshoot": overshoot(n, s["problem"]), "overshoot_momentum": om,
                    "applies": bool(om > OVERSHOOT_SHARE and not n.diverged[0] and not m.diverged[0])})
    return out


def overshoots_less(s: dict) -> bool:
    return s["overshoot"] < s["overshoot_momentum"]


claim(Claim("nag_less", "NAG", "pro", versus_momentum, overshoots_less, {"share": OVERSHOOT_SHARE},
            evidence="optimizers/momentum.md#fig-overshoot"))


def code_difference() -> dict:
    """Lines of NAG's update that Momentum's lacks, and gradient evaluations per step (one each)."""
    def body(cls):
        return [s.split("#")[0].strip() for s in inspect.getsource(cls._update).splitlines()[1:]]
    mom = body(Momentum)
    return {"extra_lines": sum(1 for s in body(NAG) if s and s not in mom), "gradients_per_step": 1}


claim(Claim("nag_complex", "NAG", "con", definition=DEF_FALSE, facts=code_difference,
            evidence="optimizers/nag.md#implementation"))
