"""Measurements shared by the claims: the standard settings and what is measured on a path.

The standard settings of a claim about the 2-D problems: every problem of the
registry, once at the default learning rate and once at the tuned one (the runs of
``scripts/experiments.py``, so the claims see exactly what the problem pages show).
"""

from __future__ import annotations

import numpy as np

from optimizers import OPTIMIZERS, PROBLEMS, History, run

from .. import experiments
from ..fmt import GAP_FLOOR, shown_gap

#: gaps below this count as "reached the minimum": two such runs tie
FLOOR = GAP_FLOOR
#: a coordinate "moves" in a step when it changes by more than this
MOVE = 1e-9
LR_KINDS = ("default", "tuned")


def history(problem: str, name: str, lr_kind: str) -> History:
    r = experiments.problem_runs(problem)[name]
    return r.default if lr_kind == "default" else r.tuned()


def lr_of(problem: str, name: str, lr_kind: str) -> float:
    r = experiments.problem_runs(problem)[name]
    return r.default_lr if lr_kind == "default" else r.tuned_lr


def at_lr(problem: str, name: str, lr: float) -> History:
    """``name`` on ``problem`` at ``lr``: a row of its sweep when the grid has it, else a fresh run."""
    r = experiments.problem_runs(problem)[name]
    k = int(np.argmin(np.abs(np.log(r.lrs / lr))))
    if abs(np.log(r.lrs[k] / lr)) < 1e-9:
        i = slice(k, k + 1)
        return History(r.sweep.trajectory[:, i], r.sweep.loss[:, i], r.sweep.diverged_at[i], r.sweep.f_min)
    return run(OPTIMIZERS[name](lr=lr), PROBLEMS[problem])


def standard_settings() -> list[dict]:
    """Every problem × {default lr, tuned lr}, as the keys of a setting."""
    return [{"problem": p, "lr_kind": k} for p in PROBLEMS for k in LR_KINDS]


def final_gap(h: History) -> float:
    """The last gap, floored at FLOOR; +inf for a diverged run."""
    return float("inf") if h.diverged[0] else max(float(h.gap[-1, 0]), FLOOR)


def _moving_part(h: History) -> np.ndarray:
    """The path up to where it reached the floor (later steps are rounding noise) or diverged."""
    path = h.trajectory[:, 0]
    end = len(path)
    if h.diverged[0]:
        end = int(h.diverged_at[0])
    below = np.flatnonzero(h.gap[:end, 0] <= FLOOR)
    if below.size:
        end = int(below[0]) + 1
    return path[:end]


def reversal_share(h: History) -> float:
    """Zig-zag: in the coordinate where it happens most, the share of steps that reverse the step before.

    Only steps longer than ``MOVE`` count, so a coordinate that has stopped does not flip on rounding noise.
    """
    steps = np.diff(_moving_part(h), axis=0)
    share = 0.0
    for d in steps.T:
        d = d[np.abs(d) > MOVE]
        if len(d) >= 2:
            share = max(share, float(np.mean(d[1:] * d[:-1] < 0)))
    return share


def overshoot(h: History, problem: str) -> float:
    """How far the path went past the minimum it ended at, along the line from the start.

    As a share of the start's distance to that minimum; 0 when it never crossed it.
    """
    p = PROBLEMS[problem]
    path = _moving_part(h)
    m = np.asarray(p.minima[int(p.nearest_minimum(path[-1]))])
    u = path[0] - m
    d0 = float(np.linalg.norm(u))
    if d0 == 0:
        return 0.0
    along = (path - m) @ (u / d0)          # > 0 on the start's side, < 0 past the minimum
    return float(max(0.0, -along.min()) / d0)


def step_lengths(h: History) -> np.ndarray:
    return np.linalg.norm(np.diff(_moving_part(h), axis=0), axis=1)


def rank(scores: dict[str, float], name: str) -> int:
    """1 + the number of optimizers strictly better than ``name`` as the pages print the gaps (``shown_gap``: 3
    significant digits, every gap at the floor alike), so equal values share the better rank."""
    return 1 + sum(1 for n, v in scores.items() if shown_gap(v) < shown_gap(scores[name]))
