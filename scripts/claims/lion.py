"""Lion's pros and cons: "uses less memory than Adam" (by definition); "its lr should be 3–10× smaller than AdamW's".

The learning-rate claim compares each optimizer's *own* tuned lr, on the same grid with the same budget:

* the 2-D problems: the tuned lrs of ``scripts/experiments.py`` (every problem, the grid grown past any wall);
* the MLP on digits (the data experiments' network and budget): AdamW and Lion tuned on every seed of ``SEEDS``
  separately, so each seed gives one ratio. One batch per optimizer: grid × seeds run at once.

Beside each ratio, the setting records how long the two optimizers' steps were per unit of lr (the root mean
square of θ_t − θ_{t−1} over the parameters, divided by η, averaged over the steps of the tuned run). For Lion it
is 1 wherever sign(c) ≠ 0, by the update rule; for AdamW it is |m̂/(√v̂+ε)|, which the data decide. The ratio
that would give both optimizers the same step length is AdamW's number ÷ Lion's: the "why" of the folklore.
"""

from __future__ import annotations

import numpy as np

from optimizers import OPTIMIZERS, PROBLEMS
from optimizers.problems import datasets as D

from .. import experiments
from ..experiments import SWEEP, can_extend, decade_beyond
from ..study_data import MLP_SETTINGS, SEEDS, Unmeasured, single_threaded
from . import Claim, DEF_TRUE, claim
from .common import history
from .state_memory import memory_facts

#: the folklore's range: AdamW's tuned lr ÷ Lion's tuned lr within [RATIO_LO, RATIO_HI] (ends included)
RATIO_LO, RATIO_HI = 3.0, 10.0
#: the MLP's lr grid for both optimizers (4 points a decade, so ratios 10^(k/4) can be told apart: 3.16, 5.62, 10),
#: grown a decade at a time while any seed's best lr is an end of it, up to SWEEP's limits. Two decades, to keep
#: the build's CPU time low (the first version, 1e-4 … 1e-1, tuned every seed to the same lrs as this one)
RATIO_GRID = np.logspace(-3.25, -1.25, 9)
RATIO_PER_DECADE = 4


# ---------------------------------------------------------------------------------------------- memory

claim(Claim("lion_memory", "Lion", "pro", definition=DEF_TRUE, facts=memory_facts))


# ---------------------------------------------------------------------------------------------- lr ratio

def _step_rms_per_lr(h, lr: float) -> float:
    """Mean over the steps of RMS(θ_t − θ_{t−1}) / η on a 2-D path (up to divergence)."""
    path = h.trajectory[:, 0]
    if h.diverged[0]:
        path = path[:int(h.diverged_at[0])]
    d = np.diff(path, axis=0)
    if len(d) == 0:
        return float("nan")
    return float(np.mean(np.sqrt(np.mean(d * d, axis=1))) / lr)


def _in_range(ratio: float) -> bool:
    return RATIO_LO * (1 - 1e-9) <= ratio <= RATIO_HI * (1 + 1e-9)


def problem_ratios() -> list[dict]:
    """Per 2-D problem: AdamW's and Lion's tuned lrs (experiments.py) and their step lengths per unit lr."""
    out = []
    for p in PROBLEMS:
        runs = experiments.problem_runs(p)
        a, l = runs["AdamW"], runs["Lion"]
        ha, hl = history(p, "AdamW", "tuned"), history(p, "Lion", "tuned")
        out.append({"problem": p, "lr_kind": "tuned", "lr_adamw": a.tuned_lr, "lr_lion": l.tuned_lr,
                    "ratio": a.tuned_lr / l.tuned_lr,
                    "step_adamw": _step_rms_per_lr(ha, a.tuned_lr), "step_lion": _step_rms_per_lr(hl, l.tuned_lr),
                    "applies": not (a.edge or l.edge or ha.diverged[0] or hl.diverged[0]),
                    "tuning": [{"what": f"lr {n} ({p})", "lo": float(r.lrs[0]), "hi": float(r.lrs[-1]),
                                "n": len(r.lrs), "index": int(r.tuned_index), "value": r.tuned_lr, "edge": r.edge}
                               for n, r in (("AdamW", a), ("Lion", l))]})
    return out


class _StepMeter:
    """Wraps an optimizer for ``datasets.train``: after each update, adds RMS(θ_t − θ_{t−1}) / η per run."""

    def __init__(self, opt, lrs: np.ndarray):
        self.opt, self.lrs = opt, np.asarray(lrs, dtype=float)
        self.total, self.steps = np.zeros(len(self.lrs)), 0

    def update(self, params, grads):
        before = {k: p.copy() for k, p in params.items()}
        self.opt.update(params, grads)
        K = len(self.lrs)
        sq = sum(((params[k] - before[k]) ** 2).reshape(K, -1).sum(axis=1) for k in params)
        n = sum(params[k][0].size for k in params)
        with np.errstate(all="ignore"):
            self.total += np.sqrt(sq / n) / self.lrs
        self.steps += 1

    def mean(self) -> np.ndarray:
        return self.total / max(self.steps, 1)


def _tune_every_seed(name: str, model, data, init) -> dict:
    """``name`` on the grid × every seed as one batch; the grid grows while some seed's best lr is an end of it."""
    cls = OPTIMIZERS[name]
    S = len(SEEDS)
    s = MLP_SETTINGS

    def try_lrs(lrs):
        G = len(lrs)
        lr_k = np.tile(lrs, S)                           # run i·G + j: seed SEEDS[i], lr lrs[j]
        seeds_k = list(np.repeat(SEEDS, G))
        meter = _StepMeter(cls(lr=lr_k), lr_k)
        # the score is the minibatch losses': the whole-set measurements after each epoch would go unused
        h = D.train(Unmeasured(model), meter, init(seeds_k), data, epochs=s["epochs"],
                    batch_size=s["batch_size"], seeds=seeds_k)
        return {"score": h.objective(SWEEP.tail).reshape(S, G), "step": meter.mean().reshape(S, G),
                "diverged": h.diverged.reshape(S, G)}

    grid = np.asarray(RATIO_GRID, dtype=float)
    res = try_lrs(grid)
    while True:
        best = np.argmin(res["score"], axis=1)
        sides = {experiments.edge_of(int(b), len(grid)) for b in best} - {""}
        grown = False
        for side in sorted(sides):
            if can_extend(grid, side, SWEEP):
                more = decade_beyond(grid, side, RATIO_PER_DECADE)
                extra = try_lrs(more)
                low = side == "low"
                res = {k: np.concatenate([extra[k], v] if low else [v, extra[k]], axis=1) for k, v in res.items()}
                grid = np.concatenate([more, grid] if low else [grid, more])
                grown = True
        if not grown:
            break
    best = np.argmin(res["score"], axis=1)
    return {"grid": grid, "best": best, "lr": grid[best], "step": res["step"][np.arange(S), best],
            "diverged": res["diverged"][np.arange(S), best],
            "edge": [experiments.edge_of(int(b), len(grid)) for b in best]}


@single_threaded
def mlp_ratios() -> list[dict]:
    """Per seed: AdamW's and Lion's lrs, each tuned on that seed (its initialisation and minibatch order)."""
    data = D.load("digits")
    s = MLP_SETTINGS
    model = D.MLP(s["sizes"], s["activation"])
    init = lambda seeds: model.init(seeds, scheme=s["init"])      # noqa: E731
    t = {n: _tune_every_seed(n, model, data, init) for n in ("AdamW", "Lion")}
    out = []
    for i, seed in enumerate(SEEDS):
        a, l = t["AdamW"], t["Lion"]
        out.append({"data": "digits", "seed": seed, "lr_kind": "tuned",
                    "lr_adamw": float(a["lr"][i]), "lr_lion": float(l["lr"][i]),
                    "ratio": float(a["lr"][i] / l["lr"][i]),
                    "step_adamw": float(a["step"][i]), "step_lion": float(l["step"][i]),
                    "applies": not (a["edge"][i] or l["edge"][i] or a["diverged"][i] or l["diverged"][i]),
                    "tuning": [{"what": f"lr {n} (digits, seed {seed})", "lo": float(r["grid"][0]),
                                "hi": float(r["grid"][-1]), "n": len(r["grid"]), "index": int(r["best"][i]),
                                "value": float(r["lr"][i]), "edge": r["edge"][i]} for n, r in (("AdamW", a), ("Lion", l))]})
    return out


def lr_ratios() -> list[dict]:
    return problem_ratios() + mlp_ratios()


def ratio_in_range(s: dict) -> bool:
    return _in_range(s["ratio"])


claim(Claim("lion_lr", "Lion", "con", lr_ratios, ratio_in_range,
            {"lo": RATIO_LO, "hi": RATIO_HI, "n_seeds": len(SEEDS), "n_problems": len(PROBLEMS),
             "grid_lo": float(RATIO_GRID[0]), "grid_hi": float(RATIO_GRID[-1]), "per_decade": RATIO_PER_DECADE,
             "per_decade_2d": SWEEP.per_decade, "epochs": MLP_SETTINGS["epochs"],
             "batch_size": MLP_SETTINGS["batch_size"], "sizes": "-".join(map(str, MLP_SETTINGS["sizes"]))},
            evidence="comparison.md"))
