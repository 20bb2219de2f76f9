"""AdaDelta's pros and cons: "no learning rate to set"; "starts slowly"."""

from __future__ import annotations

from optimizers import PROBLEMS

from .. import experiments
from . import Claim, claim
from .common import final_gap, history, lr_of, standard_settings, step_lengths

#: "as good as tuned": the default's final gap within this factor of the tuned one (or both below the target)
DEFAULT_FACTOR = 10.0
#: "starts slowly": its largest step is at least this many times its first step
SLOW_START_RATIO = 10.0


def default_versus_tuned() -> list[dict]:
    out = []
    for p in PROBLEMS:
        d, t = history(p, "AdaDelta", "default"), history(p, "AdaDelta", "tuned")
        out.append({"problem": p, "lr": lr_of(p, "AdaDelta", "default"), "lr_tuned": lr_of(p, "AdaDelta", "tuned"),
                    "gap": final_gap(d), "gap_tuned": final_gap(t)})
    return out


def default_is_enough(s: dict) -> bool:
    return s["gap"] <= max(DEFAULT_FACTOR * s["gap_tuned"], experiments.SWEEP.target_gap)


claim(Claim("adadelta_nolr", "AdaDelta", "pro", default_versus_tuned, default_is_enough,
            {"factor": DEFAULT_FACTOR, "target": experiments.SWEEP.target_gap}, evidence="comparison.md#tuned-lrs"))


def growth(h) -> float:
    steps = step_lengths(h)
    if len(steps) < 2 or steps[0] == 0:
        return 1.0
    return float(steps.max() / steps[0])


def start_speed() -> list[dict]:
    """How much AdaDelta's steps grow after the first, against Adam (the control: steps that start full size)."""
    out = []
    for s in standard_settings():
        d, a = (history(s["problem"], n, s["lr_kind"]) for n in ("AdaDelta", "Adam"))
        out.append({**s, "lr": lr_of(s["problem"], "AdaDelta", s["lr_kind"]), "growth": growth(d),
                    "growth_adam": growth(a), "applies": not bool(d.diverged[0])})
    return out


def starts_slowly(s: dict) -> bool:
    return s["growth"] >= SLOW_START_RATIO and s["growth"] > s["growth_adam"]


claim(Claim("adadelta_slow", "AdaDelta", "con", start_speed, starts_slowly, {"ratio": SLOW_START_RATIO},
            evidence="problems/bowl.md#loss"))
