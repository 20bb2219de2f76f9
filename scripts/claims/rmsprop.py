"""RMSProp's pros and cons: "keeps learning where AdaGrad stops"; "sensitive to its decay rate α"."""

from __future__ import annotations

import numpy as np

from optimizers import PROBLEMS

from .. import experiments
from ..study_claims import ALPHAS, rmsprop_alpha_scores    # the α grid and runs of the study rmsprop-alpha
from . import Claim, claim
from .common import final_gap, history, lr_of, standard_settings

#: "sensitive to α": the best result over the lr grid changes by more than this factor across α
ALPHA_SPREAD = 10.0


def versus_adagrad() -> list[dict]:
    out = []
    for s in standard_settings():
        r, a = (history(s["problem"], n, s["lr_kind"]) for n in ("RMSProp", "AdaGrad"))
        out.append({**s, "lr": lr_of(s["problem"], "RMSProp", s["lr_kind"]),
                    "lr_adagrad": lr_of(s["problem"], "AdaGrad", s["lr_kind"]),
                    "gap": final_gap(r), "gap_adagrad": final_gap(a)})
    return out


def keeps_learning(s: dict) -> bool:
    return s["gap"] <= s["gap_adagrad"]


claim(Claim("rmsprop_stable", "RMSProp", "pro", versus_adagrad, keeps_learning, evidence="comparison.md"))


def alpha_sweep() -> list[dict]:
    """Per problem, α × the lr grid as one batch; the best tuning objective per α, floored at the target gap."""
    sweep = experiments.SWEEP
    out = []
    for p in PROBLEMS:
        score = rmsprop_alpha_scores(p)
        best = np.maximum(score.min(axis=1), sweep.target_gap)
        out.append({"problem": p, "best_by_alpha": best.tolist(), "alphas": list(ALPHAS),
                    "spread": float(best.max() / best.min())})
    return out


def alpha_sensitive(s: dict) -> bool:
    return s["spread"] > ALPHA_SPREAD


claim(Claim("rmsprop_alpha", "RMSProp", "con", alpha_sweep, alpha_sensitive, {"spread": ALPHA_SPREAD},
            evidence="optimizers/rmsprop.md#fig-rmsprop-alpha"))
