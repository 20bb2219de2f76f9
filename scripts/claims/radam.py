"""RAdam's pro: "removes the need for warm-up".

The experiment is the study ``radam-warmup`` (``scripts/study_adam_variants.py``): the MLP on digits at large
learning rates, one setting per (lr, seed). The claim only has something to say where warm-up helps Adam, so a
setting counts only where Adam without warm-up ends clearly worse than Adam with it; there, RAdam without warm-up
must end about as well as Adam with it.
"""

from __future__ import annotations

import numpy as np

from ..studies import study_result
from ..study_adam_variants import WARMUP, WARMUP_LRS, WARMUP_SHARE, WARMUP_START
from ..study_data import SEEDS
from . import Claim, claim

#: warm-up "helps" Adam in a setting when Adam without it ends with a training loss above this factor of Adam with it
WARMUP_HELPS = 1.1
#: the claim holds when RAdam (no warm-up) ends with a training loss at most this factor of Adam with warm-up
WITHIN = 1.1


def warmup_runs() -> list[dict]:
    r = study_result("radam-warmup")
    out = []
    for i, lr in enumerate(r["lrs"]):
        for k, seed in enumerate(r["seeds"]):
            s = {"lr": lr, "seed": seed, "loss": r["final_radam"][i][k], "loss_warmup": r["final_adam_warmup"][i][k],
                 "loss_adam": r["final_adam"][i][k]}
            s["applies"] = bool(np.isfinite(s["loss_warmup"])) and s["loss_adam"] > WARMUP_HELPS * s["loss_warmup"]
            out.append(s)
    return out


def no_warmup_needed(s: dict) -> bool:
    return bool(np.isfinite(s["loss"])) and s["loss"] <= WITHIN * s["loss_warmup"]


claim(Claim("radam_warmup", "RAdam", "pro", warmup_runs, no_warmup_needed,
            {"helps": WARMUP_HELPS, "within": WITHIN, "start": WARMUP_START, "share": WARMUP_SHARE,
             "sizes": "-".join(map(str, WARMUP["sizes"])), "batch_size": WARMUP["batch_size"],
             "epochs": WARMUP["epochs"], "n_lrs": len(WARMUP_LRS), "lr_lo": WARMUP_LRS[0], "lr_hi": WARMUP_LRS[-1],
             "n_seeds": len(SEEDS)},
            evidence="optimizers/radam.md#fig-radam-warmup"))


#: "slow start": at the lr that suits Adam best here, RAdam ends with a training loss above this factor of Adam's
SLOWER = 1.1


def best_adam_lr_runs() -> list[dict]:
    """Per seed, at the lr of the study's grid where Adam without warm-up has the lowest median final loss."""
    r = study_result("radam-warmup")
    adam = np.array(r["final_adam"], dtype=float)
    i = int(np.argmin(np.median(np.where(np.isfinite(adam), adam, np.inf), axis=1)))
    return [{"lr": r["lrs"][i], "seed": seed, "loss": r["final_radam"][i][k], "loss_adam": r["final_adam"][i][k],
             "loss_warmup": r["final_adam_warmup"][i][k], "r_last": r["radam_r_last"], "steps": r["steps"]}
            for k, seed in enumerate(r["seeds"])]


def slower_at_adams_lr(s: dict) -> bool:
    return not np.isfinite(s["loss"]) or s["loss"] > SLOWER * s["loss_adam"]


claim(Claim("radam_slow_start", "RAdam", "con", best_adam_lr_runs, slower_at_adams_lr, {"factor": SLOWER},
            evidence="optimizers/radam.md#fig-radam-warmup"))
