"""Adamax's pros: "its step is bounded by the lr" (true by the update rule) and "more robust than Adam to rare,
large gradients" (the infinity norm u = max(β₂u, |g|) against Adam's mean square).

The robustness experiment: every 2-D problem, with gradient *spikes*: at each step, with probability SPIKE_P (drawn
per run from its seed), the gradient is multiplied by SPIKE. Adamax and its control Adam, which differ only in the
norm of the denominator, are each tuned under the spikes (the shared lr grid on TUNE_SEED, grown past any wall),
then run at the tuned lr on SEEDS. The spike-free tuned runs of the problem pages are quoted beside, so the page can
tell an effect of the spikes from a difference the two have anyway.
"""

from __future__ import annotations

import numpy as np

from optimizers import PROBLEMS, Adam, Adamax

from .. import experiments
from ..study_data import SEEDS, TUNE_SEED, grow_until_interior
from . import DEF_TRUE, Claim, claim
from .common import FLOOR, final_gap, history, lr_of

# ------------------------------------------------------------------------- the bound (true by definition)

#: the gradients of the fact: a long quiet stretch of |g| = QUIET, then one gradient SPIKE times larger
QUIET, QUIET_STEPS = 1e-3, 100


#: the step quoted after the spike, once the gradients are quiet again
AFTER = 10


def _steps_on_spike(cls) -> dict:
    """θ's change, in units of lr: at the spike after QUIET_STEPS quiet steps, AFTER quiet steps later, the
    largest over all steps, and the last quiet step before the spike."""
    lr = 1.0
    opt, theta = cls(lr=lr), np.zeros(1)
    grads = [QUIET] * QUIET_STEPS + [QUIET * SPIKE] + [QUIET] * AFTER
    steps = []
    for g in grads:
        before = theta.copy()
        opt.update(theta, np.array([g]))
        steps.append(abs(float(theta[0] - before[0])) / lr)
    return {"before": steps[QUIET_STEPS - 1], "spike": steps[QUIET_STEPS], "after": steps[-1], "max": max(steps)}


def bound_facts() -> dict:
    a, x = _steps_on_spike(Adam), _steps_on_spike(Adamax)
    b1, b2 = Adam().betas
    return {"quiet": QUIET, "quiet_steps": QUIET_STEPS, "spike_factor": SPIKE, "after_steps": AFTER,
            **{f"adam_{k}": v for k, v in a.items()}, **{f"adamax_{k}": v for k, v in x.items()},
            "adam_bound": (1 - b1) / (1 - b2) ** 0.5, "adamax_bound": (1 - b1) / (1 - b1 / b2)}


# ------------------------------------------------------------------------- robustness to gradient spikes

#: each step's gradient is multiplied by SPIKE with probability SPIKE_P
SPIKE_P, SPIKE = 0.02, 100.0
#: "more robust": Adamax's tuning objective (mean gap over the last 10 % of steps) at most this share of Adam's
ROBUST = 0.5
TAIL = experiments.SWEEP.tail


def _spiky_runs(cls, problem: str, lrs: np.ndarray, seeds: list[int]) -> np.ndarray:
    """Objective (mean f − f* over the last TAIL of steps; +inf if it left the finite numbers or the plot
    enlarged 10×) of K runs, run k at lrs[k] with spikes drawn from default_rng(seeds[k])."""
    p = PROBLEMS[problem]
    K = len(lrs)
    x = np.array(np.broadcast_to(np.asarray(p.start, dtype=float), (K, 2)))
    spikes = np.stack([np.random.default_rng(s).random(p.steps) < SPIKE_P for s in seeds], axis=1)  # (steps, K)
    (xlo, xhi), (ylo, yhi) = p.bounds
    centre = np.array([(xlo + xhi) / 2, (ylo + yhi) / 2])
    reach = 10 * np.array([(xhi - xlo) / 2, (yhi - ylo) / 2])
    opt = cls(lr=np.asarray(lrs, dtype=float))
    n_tail = max(1, int(round(p.steps * TAIL)))
    tail = np.zeros(K)
    bad = np.zeros(K, dtype=bool)
    with np.errstate(all="ignore"):
        for t in range(p.steps):
            g = p.grad(x) * np.where(spikes[t], SPIKE, 1.0)[:, None]
            g = np.where(bad[:, None], 0.0, g)
            opt.update(x, g)
            gap = p.f(x) - p.f_min
            bad |= ~np.isfinite(gap) | (np.abs(x - centre) > reach).any(axis=1)
            x[bad] = np.asarray(p.start)                    # frozen somewhere finite; counted +inf below
            if t >= p.steps - n_tail:
                tail += np.where(bad, 0.0, gap)
    return np.where(bad, np.inf, tail / n_tail)


def _tuned(cls, problem: str) -> tuple[float, dict]:
    def try_lrs(lrs):
        return {"score": _spiky_runs(cls, problem, lrs, [TUNE_SEED] * len(lrs))}
    sweep = experiments.SWEEP
    grid, _, i, edge = grow_until_interior(try_lrs, sweep.lrs, floor_exp=sweep.lr_floor_exp,
                                           ceiling_exp=sweep.lr_ceiling_exp)
    return float(grid[i]), {"what": f"lr {cls.__name__} ({problem})", "lo": float(grid[0]), "hi": float(grid[-1]),
                            "n": len(grid), "index": int(i), "value": float(grid[i]), "edge": edge}


def spike_runs() -> list[dict]:
    out = []
    for problem in PROBLEMS:
        lr_x, t_x = _tuned(Adamax, problem)
        lr_a, t_a = _tuned(Adam, problem)
        seeds = list(SEEDS)
        gx = _spiky_runs(Adamax, problem, np.full(len(seeds), lr_x), seeds)
        ga = _spiky_runs(Adam, problem, np.full(len(seeds), lr_a), seeds)
        clean_x, clean_a = final_gap(history(problem, "Adamax", "tuned")), final_gap(history(problem, "Adam", "tuned"))
        for k, seed in enumerate(seeds):
            out.append({"problem": problem, "seed": seed, "lr": lr_x, "lr_adam": lr_a,
                        "gap": max(float(gx[k]), FLOOR), "gap_adam": max(float(ga[k]), FLOOR),
                        "gap_clean": clean_x, "gap_clean_adam": clean_a, "lr_clean": lr_of(problem, "Adamax", "tuned"),
                        "lr_clean_adam": lr_of(problem, "Adam", "tuned"), "tuning": [t_x, t_a]})
    return out


def more_robust(s: dict) -> bool:
    return bool(np.isfinite(s["gap"])) and s["gap"] < s["gap_adam"] and s["gap"] <= ROBUST * s["gap_adam"]


claim(Claim("adamax_bounded", "Adamax", "pro", facts=bound_facts, definition=DEF_TRUE))
claim(Claim("adamax_spikes", "Adamax", "pro", spike_runs, more_robust,
            {"p": SPIKE_P, "spike": SPIKE, "share": ROBUST, "n_seeds": len(SEEDS)}))
