"""SGDScheduleFree's pros and cons, and the rules both schedule-free pages share.

* ``sgdsf_length``  "matches a tuned cosine schedule without choosing the training length":
  on the MLP on digits, for each of three lengths L (a quarter, half and all of the budget)
  and each seed, SGD with momentum 0.9 + warm-up + cosine, *tuned for L*, against
  SGDScheduleFree tuned once at the full length and stopped at L (measured at x, after
  ``eval``). The control is the scheduled rule the claim names.
* ``sgdsf_eval``    "forgetting ``eval()`` before evaluating costs": the same schedule-free runs
  measured at y (the parameters in train mode) against x (after ``eval``).

The runs are the study ``schedulefree-lengths`` (``scripts/study_schedules.py``); AdamWScheduleFree's
claims (``claims/adamwschedulefree.py``) use the same rules on its own pair.
"""

from __future__ import annotations

from ..studies import study_result
import numpy as np

from ..study_schedules import ADAM_GRID, LENGTH_SHARES, WARMUP_SHARE
from ..study_data import SEEDS
from . import Claim, claim

#: "matches": the schedule-free loss at L is at most this factor of the cosine schedule's (same seed, same L)
MATCH = 1.1
#: "forgetting eval costs": the loss measured at y is more than this factor of the loss at x
FORGET = 1.1


def length_runs(sf_name: str) -> list[dict]:
    """One setting per (length, seed): final training loss and test accuracy of both rules."""
    r = study_result("schedulefree-lengths")
    p = r["pairs"][sf_name]
    out = []
    for L in r["lengths"]:
        c, s = p["cosine"][str(L)], p["sf"][str(L)]
        tuning = [{**c["tuning"], "what": f"lr {p['scheduled']} + warm-up + cosine, {L} steps"},
                  {**p["sf_tuning"], "what": f"lr {sf_name}, {r['steps']} steps"}]
        for k, seed in enumerate(SEEDS):
            out.append({"seed": seed, "lr_kind": "tuned", "length": L, "steps": r["steps"],
                        "lr": p["sf_lr"], "lr_cos": c["lr"], "scheduled": p["scheduled"],
                        "loss": s["loss"][k], "loss_cos": c["loss"][k], "acc": s["acc"][k], "acc_cos": c["acc"][k],
                        "applies": not c["diverged"][k], "tuning": tuning})
    return out


def eval_runs(sf_name: str) -> list[dict]:
    r = study_result("schedulefree-lengths")
    p = r["pairs"][sf_name]
    out = []
    for L in r["lengths"]:
        s = p["sf"][str(L)]
        for k, seed in enumerate(SEEDS):
            out.append({"seed": seed, "lr_kind": "tuned", "length": L, "lr": p["sf_lr"],
                        "loss": s["loss"][k], "loss_y": s["loss_y"][k], "acc": s["acc"][k], "acc_y": s["acc_y"][k],
                        "applies": not p["sf_diverged"][k]})
    return out


def matches_cosine(s: dict) -> bool:
    return s["loss"] <= MATCH * s["loss_cos"]


def forgetting_eval_costs(s: dict) -> bool:
    return s["loss_y"] > FORGET * s["loss"]


def thresholds(scheduled: str) -> dict:
    return {"factor": MATCH, "forget": FORGET, "n_seeds": len(SEEDS), "n_lengths": len(LENGTH_SHARES),
            "warmup": WARMUP_SHARE, "scheduled": scheduled,
            "per_decade": int(round(1 / np.log10(ADAM_GRID[1] / ADAM_GRID[0])))}


claim(Claim("sgdsf_length", "SGDScheduleFree", "pro", lambda: length_runs("SGDScheduleFree"), matches_cosine,
            thresholds("Momentum"), evidence="optimizers/sgdschedulefree.md#length"))
claim(Claim("sgdsf_eval", "SGDScheduleFree", "con", lambda: eval_runs("SGDScheduleFree"), forgetting_eval_costs,
            thresholds("Momentum"), evidence="optimizers/sgdschedulefree.md#train-eval"))
