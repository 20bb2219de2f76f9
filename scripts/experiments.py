"""The experiments behind every page: default-lr runs and learning-rate sweeps.

For each problem and each optimizer in the registries:

* one run at torch's default hyperparameters;
* one vectorised sweep over a log-spaced grid of learning rates (the lr as a
  length-K array, so the K runs are a single batch), with the other
  hyperparameters at their defaults;
* the tuned lr: the grid point with the lowest *tuning objective*, the mean gap
  f − f* over the last 10 % of steps (a diverged run scores +inf). Ties (several
  lrs reaching the minimum to machine precision) go to the one that first reaches
  a gap of 1e-6, then to the smaller lr.

Results are cached by a hash of the package source, this file and the settings.
"""

from __future__ import annotations

import functools
import io
from dataclasses import asdict, dataclass, field

import numpy as np

import optimizers
from optimizers import OPTIMIZERS, PLANAR, PROBLEMS, History, run

from . import cache


@dataclass(frozen=True)
class SweepConfig:
    """The tuning protocol, shared by every optimizer and problem (same budget for all)."""

    lr_min_exp: int = -6        # grid from 10^lr_min_exp ...
    lr_max_exp: int = 2         # ... to 10^lr_max_exp
    per_decade: int = 5         # points per decade (41 in all)
    tail: float = 0.1           # objective: mean gap over this last fraction of steps
    target_gap: float = 1e-6    # "steps to reach" threshold
    # No tuning into a wall: when the best lr is a grid end, the grid grows a decade at a time on that side,
    # up to these limits. A tuned lr still on an end is then flagged on every page that shows it.
    lr_floor_exp: int = -8
    lr_ceiling_exp: int = 3

    @property
    def lrs(self) -> np.ndarray:
        n = (self.lr_max_exp - self.lr_min_exp) * self.per_decade + 1
        return np.logspace(self.lr_min_exp, self.lr_max_exp, n)


SWEEP = SweepConfig()


def default_lr(name: str) -> float:
    return OPTIMIZERS[name]().lr


def objective(history: History, tail: float = SWEEP.tail) -> np.ndarray:
    """Mean f − f* over the last ``tail`` fraction of steps, +inf for diverged runs."""
    steps = history.loss.shape[0] - 1
    n = max(1, int(round(steps * tail)))
    score = history.gap[-n:].mean(axis=0)
    return np.where(history.diverged, np.inf, score)


def pick_tuned(score: np.ndarray, steps_to: np.ndarray) -> int:
    """Index of the best lr (see the module docstring for the tie rule)."""
    best = np.min(score)
    if not np.isfinite(best):
        return int(np.argmin(score))
    ties = np.flatnonzero(score <= best * (1 + 1e-9) + 1e-15)
    reach = np.where(steps_to[ties] >= 0, steps_to[ties], np.iinfo(np.int64).max)
    return int(ties[np.lexsort((ties, reach))[0]])


@dataclass
class OptimizerRuns:
    """Everything one optimizer did on one problem."""

    default: History            # K = 1, torch's default hyperparameters
    sweep: History              # K = len(lrs)
    lrs: np.ndarray
    score: np.ndarray           # tuning objective per lr
    tuned_index: int
    default_lr: float

    @property
    def tuned_lr(self) -> float:
        return float(self.lrs[self.tuned_index])

    @property
    def edge(self) -> str:
        """"low"/"high" when the tuned lr is still an end of the (grown) grid: the page must say so."""
        return edge_of(self.tuned_index, len(self.lrs))

    def on_grid(self, grid: np.ndarray) -> np.ndarray:
        """Indices of the shared grid's points in this optimizer's (possibly grown) grid."""
        return np.array([int(np.argmin(np.abs(np.log(self.lrs / g)))) for g in grid])

    def tuned(self) -> History:
        """The tuned run: one row of the sweep."""
        i = slice(self.tuned_index, self.tuned_index + 1)
        return History(self.sweep.trajectory[:, i], self.sweep.loss[:, i],
                       self.sweep.diverged_at[i], self.sweep.f_min)


def edge_of(index: int, n: int) -> str:
    """"low" or "high" when ``index`` is the first or last of ``n`` grid points, else ""."""
    return "low" if index == 0 else ("high" if index == n - 1 else "")


def decade_beyond(lrs: np.ndarray, side: str, per_decade: int) -> np.ndarray:
    """The next decade of a log grid past its low or high end (``per_decade`` new points)."""
    step = 10.0 ** (1.0 / per_decade)
    k = np.arange(1, per_decade + 1)
    return lrs[0] / step ** k[::-1] if side == "low" else lrs[-1] * step ** k


def can_extend(lrs: np.ndarray, side: str, sweep: SweepConfig) -> bool:
    if side == "low":
        return lrs[0] > 10.0 ** sweep.lr_floor_exp * (1 + 1e-9)
    return lrs[-1] < 10.0 ** sweep.lr_ceiling_exp * (1 - 1e-9)


def _concat(a: History, b: History, low: bool) -> History:
    first, second = (b, a) if low else (a, b)
    return History(np.concatenate([first.trajectory, second.trajectory], axis=1),
                   np.concatenate([first.loss, second.loss], axis=1),
                   np.concatenate([first.diverged_at, second.diverged_at]), a.f_min)


def run_optimizer(name: str, problem_name: str, sweep: SweepConfig = SWEEP) -> OptimizerRuns:
    cls, problem = OPTIMIZERS[name], PROBLEMS[problem_name]
    default = run(cls(), problem)
    lrs = sweep.lrs
    swept = run(cls(lr=lrs), problem)                 # the whole sweep: one batch of K runs
    while True:
        score = objective(swept, sweep.tail)
        tuned = pick_tuned(score, swept.steps_to(sweep.target_gap))
        side = edge_of(tuned, len(lrs))
        if not side or not can_extend(lrs, side, sweep):
            break
        more = decade_beyond(lrs, side, sweep.per_decade)   # one more batch, on the side of the wall
        swept = _concat(swept, run(cls(lr=more), problem), side == "low")
        lrs = np.concatenate([more, lrs] if side == "low" else [lrs, more])
    return OptimizerRuns(default, swept, lrs, score, tuned, default_lr(name))


@functools.lru_cache(maxsize=None)
def _key(problem_name: str, sweep: SweepConfig) -> str:
    return cache.key_of("runs", problem_name, asdict(sweep), sorted(PLANAR),
                        cache.package_source(cache.ROOT / "optimizers"),
                        cache.source_of(__import__(__name__, fromlist=["_"])),
                        cache.versions("numpy"))


def _save(runs: dict[str, OptimizerRuns]) -> bytes:
    arrays = {}
    for name, r in runs.items():
        for label, h in (("default", r.default), ("sweep", r.sweep)):
            arrays[f"{name}/{label}/trajectory"] = h.trajectory
            arrays[f"{name}/{label}/loss"] = h.loss
            arrays[f"{name}/{label}/diverged_at"] = h.diverged_at
            arrays[f"{name}/{label}/f_min"] = np.float64(h.f_min)
        arrays[f"{name}/lrs"] = r.lrs
        arrays[f"{name}/score"] = r.score
        arrays[f"{name}/meta"] = np.array([r.tuned_index, r.default_lr])
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def _load(data: bytes) -> dict[str, OptimizerRuns]:
    z = np.load(io.BytesIO(data))
    names = list(dict.fromkeys(k.split("/")[0] for k in z.files))
    out = {}
    for name in names:
        def hist(label):
            return History(z[f"{name}/{label}/trajectory"], z[f"{name}/{label}/loss"],
                           z[f"{name}/{label}/diverged_at"], float(z[f"{name}/{label}/f_min"]))
        tuned_index, d_lr = z[f"{name}/meta"]
        out[name] = OptimizerRuns(hist("default"), hist("sweep"), z[f"{name}/lrs"], z[f"{name}/score"],
                                  int(tuned_index), float(d_lr))
    return out


_MEMO: dict[str, dict[str, OptimizerRuns]] = {}


def problem_runs(problem_name: str, sweep: SweepConfig = SWEEP) -> dict[str, OptimizerRuns]:
    """All optimizers on one problem, from the cache when the inputs are unchanged."""
    key = _key(problem_name, sweep)
    if key in _MEMO:
        return _MEMO[key]
    path = cache.path_for("runs", key, ".npz")
    runs = None
    if not path.exists():
        with cache.computing(path):           # a build worker may be running them: wait for its result
            if not path.exists():
                runs = {name: run_optimizer(name, problem_name, sweep) for name in PLANAR}
                cache.atomic_write(path, _save(runs))
    if runs is None:
        runs = _load(path.read_bytes())
    _MEMO[key] = runs
    return runs


@dataclass
class Summary:
    """One table row: what a run achieved."""

    lr: float
    final_gap: float
    steps_to_target: int        # -1: never
    diverged_at: int            # -1: never
    minimum: int = field(default=0)   # index of the nearest listed minimum

    @classmethod
    def of(cls, history: History, lr: float, problem_name: str, target: float = SWEEP.target_gap):
        problem = PROBLEMS[problem_name]
        end = history.trajectory[-1, 0]
        return cls(lr=float(lr), final_gap=float(history.gap[-1, 0]),
                   steps_to_target=int(history.steps_to(target)[0]),
                   diverged_at=int(history.diverged_at[0]),
                   minimum=int(problem.nearest_minimum(end)))


@functools.lru_cache(maxsize=None)
def summaries(problem_name: str) -> dict[str, dict[str, Summary]]:
    """{"default": {optimizer: Summary}, "tuned": {...}} for one problem."""
    runs = problem_runs(problem_name)
    return {
        "default": {n: Summary.of(r.default, r.default_lr, problem_name) for n, r in runs.items()},
        "tuned": {n: Summary.of(r.tuned(), r.tuned_lr, problem_name) for n, r in runs.items()},
    }


__all__ = ["SWEEP", "SweepConfig", "OptimizerRuns", "Summary", "problem_runs", "summaries", "objective",
           "pick_tuned", "default_lr", "optimizers"]
