"""Muon's claim, judged on weight matrices (a 2-D point is not a matrix, so no 2-D problem can judge it).

* ``muon_matrix``  Muon "beats AdamW on matrix parameters at equal tuning": the least-squares fit of
  a weight matrix at four condition numbers κ, and the MLP on digits (Muon on the weight matrices,
  AdamW on the biases); each optimizer at its own lr tuned on the same grid, with a constant lr and
  with a cosine decay. The numbers are the study ``muon`` (``scripts/study_muon.py``).
"""

from __future__ import annotations

from ..claim_text import MUON_SCHEDULE
from ..studies import study_result
from ..study_muon import KAPPAS, SCHEDULES, STEPS, WEIGHT_DECAY
from ..study_data import SEEDS
from . import Claim, DEF_TRUE, claim

#: "beats": Muon's final loss at most this factor of AdamW's (a tie within 5 % is not a win)
BEATS = 0.95


def _case(schedule: str, kappa=None) -> dict:
    """What a setting's row names: κ (matrix problem only) and the schedule, in each language."""
    return {f"case_{lang}": (f"κ = {kappa}, " if kappa is not None else "") + words[schedule]
            for lang, words in MUON_SCHEDULE.items()}


def matrix_runs() -> list[dict]:
    """One setting per (problem, κ, schedule, seed): Muon's and AdamW's final loss, each at its tuned lr."""
    r = study_result("muon")
    out = []
    for kappa in KAPPAS:
        for schedule in SCHEDULES:
            m, a = r["matrix"][f"{kappa}/{schedule}/Muon"], r["matrix"][f"{kappa}/{schedule}/AdamW"]
            for k, seed in enumerate(SEEDS):
                out.append({"data": "matrix", "kappa": kappa, "schedule": schedule, "seed": seed,
                            "lr_kind": "tuned", "lr": m["lr"], "lr_adamw": a["lr"],
                            "loss": m["final"][k], "loss_adamw": a["final"][k],
                            "tuning": [m["tuning"], a["tuning"]], **_case(schedule, kappa)})
    for schedule in SCHEDULES:
        m, a = r["mlp"][f"{schedule}/Muon"], r["mlp"][f"{schedule}/AdamW"]
        for k, seed in enumerate(SEEDS):
            out.append({"data": "digits", "schedule": schedule, "seed": seed, "lr_kind": "tuned",
                        "lr": m["lr"], "lr_adamw": a["lr"], "loss": m["final"][k], "loss_adamw": a["final"][k],
                        "tuning": [m["tuning"], a["tuning"]], **_case(schedule)})
    return out


def beats_adamw(s: dict) -> bool:
    return s["loss"] <= BEATS * s["loss_adamw"]


claim(Claim("muon_matrix", "Muon", "pro", matrix_runs, beats_adamw,
            {"factor": BEATS, "n_seeds": len(SEEDS), "steps": STEPS, "weight_decay": WEIGHT_DECAY,
             "kappas": ", ".join(map(str, KAPPAS))},
            evidence="optimizers/muon.md#matrix-problems"))


def matrix_only_facts() -> dict:
    """What Muon refuses, from the class itself: a parameter that is not one matrix (or K of them)."""
    from optimizers import OPTIMIZERS
    import numpy as np
    refused = []
    for label, shape in (("bias", (8,)), ("scalar", ()), ("conv", (4, 3, 3, 3))):
        try:
            OPTIMIZERS["Muon"]().update({label: np.zeros(shape)}, {label: np.ones(shape)})
        except ValueError:
            refused.append(label)
    return {"refused": len(refused), "tried": 3, "matrix_only": bool(OPTIMIZERS["Muon"].matrix_only)}


claim(Claim("muon_matrix_only", "Muon", "con", definition=DEF_TRUE, facts=matrix_only_facts))
