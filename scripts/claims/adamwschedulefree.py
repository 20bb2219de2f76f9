"""AdamWScheduleFree's pros and cons: the rules and runs of ``claims/sgdschedulefree.py``, on the pair
AdamW + warm-up + cosine / AdamWScheduleFree (both with AdamW's default weight decay)."""

from __future__ import annotations

from . import Claim, claim
from .sgdschedulefree import eval_runs, forgetting_eval_costs, length_runs, matches_cosine, thresholds

claim(Claim("adamwsf_length", "AdamWScheduleFree", "pro", lambda: length_runs("AdamWScheduleFree"), matches_cosine,
            thresholds("AdamW"), evidence="optimizers/adamwschedulefree.md#length"))
claim(Claim("adamwsf_eval", "AdamWScheduleFree", "con", lambda: eval_runs("AdamWScheduleFree"),
            forgetting_eval_costs, thresholds("AdamW"), evidence="optimizers/adamwschedulefree.md#train-eval"))
