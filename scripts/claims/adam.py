"""Adam's pros and cons: "stable and fast"; "less sensitive to the lr".

"Sometimes generalises worse" is judged on data (``claims/data.py``).
"""

from __future__ import annotations

import numpy as np

from optimizers import GROUPS, PROBLEMS

from .. import experiments
from . import Claim, claim
from .common import final_gap, history, lr_of, rank, standard_settings

#: "fast": Adam's final gap ranks among the best this many of the eight (and it did not diverge)
TOP_RANK = 3
#: "a good lr": a tuning objective within this factor of the best any optimizer reached (or below the target)
GOOD_FACTOR = 10.0


def ranking() -> list[dict]:
    out = []
    for s in standard_settings():
        gaps = {n: final_gap(history(s["problem"], n, s["lr_kind"])) for n in GROUPS["classic"]}
        out.append({**s, "lr": lr_of(s["problem"], "Adam", s["lr_kind"]), "gap": gaps["Adam"],
                    "rank": rank(gaps, "Adam"), "n_optimizers": len(gaps), "diverged": bool(np.isinf(gaps["Adam"]))})
    return out


def fast_and_stable(s: dict) -> bool:
    return not s["diverged"] and s["rank"] <= TOP_RANK


claim(Claim("adam_fast", "Adam", "pro", ranking, fast_and_stable, {"top": TOP_RANK}, evidence="comparison.md"))


def good_widths() -> list[dict]:
    """Per problem: how many decades of the shared lr grid give a good result, Adam against the median of the others."""
    sweep = experiments.SWEEP
    out = []
    for p in PROBLEMS:
        runs = experiments.problem_runs(p)
        scores = {n: r.score[r.on_grid(sweep.lrs)] for n, r in runs.items()}
        best = min(float(np.min(v)) for v in scores.values())
        good = max(GOOD_FACTOR * best, sweep.target_gap)
        width = {n: float(np.sum(v <= good)) / sweep.per_decade for n, v in scores.items()}
        others = [w for n, w in width.items() if n != "Adam"]
        out.append({"problem": p, "width": width["Adam"], "others_median": float(np.median(others)),
                    "widest": max(width, key=width.get)})
    return out


def less_sensitive(s: dict) -> bool:
    return s["width"] > s["others_median"]


claim(Claim("adam_robust", "Adam", "pro", good_widths, less_sensitive, {"factor": GOOD_FACTOR},
            evidence="optimizers/adam.md#fig-lr-robustness"))
