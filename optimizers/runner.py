"""Run an optimizer on a 2-D problem, many independent runs at once."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .base import Optimizer
from .problems import Problem2D

__all__ = ["History", "run"]


@dataclass
class History:
    """What a run did. K is the number of independent runs (1 for a single run).

    ``trajectory`` has shape (steps + 1, K, 2) and ``loss`` shape (steps + 1, K);
    row 0 is the start. A diverged run is frozen where it was last seen (the first
    point that left the region, or the last finite one), so neither array ever
    holds NaN or inf; ``diverged_at[k]`` is the step it diverged at, or -1.
    """

    trajectory: np.ndarray
    loss: np.ndarray
    diverged_at: np.ndarray
    f_min: float
    state: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def diverged(self) -> np.ndarray:
        return self.diverged_at >= 0

    @property
    def gap(self) -> np.ndarray:
        """f − f*, clipped below at 0 (rounding can make it −1e−16)."""
        return np.maximum(self.loss - self.f_min, 0.0)

    def steps_to(self, tol: float) -> np.ndarray:
        """First step with f − f* ≤ tol for each run, or -1 if never (or diverged first)."""
        hit = self.gap <= tol
        first = np.where(hit.any(axis=0), hit.argmax(axis=0), -1)
        return np.where(self.diverged & (first > self.diverged_at), -1, first)


def run(optimizer: Optimizer, problem: Problem2D, steps: int | None = None, start=None, *,
        noise: float = 0.0, seed: int = 0, escape: float = 10.0,
        record_state: tuple[str, ...] = ()) -> History:
    """Run ``optimizer`` on ``problem`` for ``steps`` steps from ``start``.

    If the optimizer holds K hyperparameter values (e.g. ``lr`` as a length-K
    array), or ``start`` has shape (K, 2), K runs go at once, each on its own.
    ``noise`` adds Gaussian noise of that standard deviation to every gradient,
    drawn from ``np.random.default_rng(seed)``; with ``seed`` a length-K sequence,
    run k draws from its own generator seeded ``seed[k]``, so run k of a batch is
    the same as a single run with that seed. A schedule-free optimizer (one with ``train``/``averaged``)
    takes its gradients at y and is recorded at x, its averaged point, which is what it returns after
    ``eval``. A run diverges when it stops being finite or leaves the
    plot bounds enlarged ``escape`` times about their centre; it is then frozen and
    reported, never raised.
    """
    if optimizer.matrix_only:
        raise ValueError(f"{type(optimizer).__name__} only supports 2D parameters (matrices), and a point of a 2-D "
                         f"problem is a vector of 2 coordinates: parameter 'param' cannot be run on {problem.name!r}")
    steps = problem.steps if steps is None else int(steps)
    if steps < 0:
        raise ValueError(f"Invalid number of steps: {steps}")
    start = np.asarray(problem.start if start is None else start, dtype=np.float64)
    if start.shape[-1:] != (2,) or start.ndim > 2:
        raise ValueError(f"start must have shape (2,) or (K, 2), not {start.shape}")
    k = optimizer.batch_size or (start.shape[0] if start.ndim == 2 else 1)
    x = np.array(np.broadcast_to(start, (k, 2)))
    (xlo, xhi), (ylo, yhi) = problem.bounds
    centre = np.array([(xlo + xhi) / 2, (ylo + yhi) / 2])
    reach = escape * np.array([(xhi - xlo) / 2, (yhi - ylo) / 2])
    seeds = np.atleast_1d(np.asarray(seed))
    if seeds.ndim != 1 or (seeds.size > 1 and seeds.size != k) or not np.issubdtype(seeds.dtype, np.integer):
        raise ValueError(f"seed must be an integer or {k} integers (one per run), not {seed!r}")
    # one generator per distinct seed: runs that share a seed share their noise
    unique_seeds, which = np.unique(seeds, return_inverse=True)
    rngs = [np.random.default_rng(int(s)) for s in unique_seeds] if seeds.size > 1 else None
    rng = np.random.default_rng(int(seeds[0]))

    trajectory = np.empty((steps + 1, k, 2))
    loss = np.empty((steps + 1, k))
    recorded = {name: np.empty((steps, k, 2)) for name in record_state}
    trajectory[0] = x
    loss[0] = problem.f(x)
    averaged = getattr(optimizer, "averaged", None)
    if averaged is not None:
        optimizer.train(x)                # gradients at y (at the start x = y = z: nothing moves)
    diverged_at = np.full(k, -1)
    if noise:
        # every draw up front, in the order the steps would draw them (a generator's stream is the same
        # whether its numbers are drawn one step at a time or all at once), times σ
        draws = (np.stack([r.standard_normal((steps, 2)) for r in rngs], axis=1)[:, which] if rngs is not None
                 else rng.standard_normal((steps, k, 2)))
        kicks = noise * draws
    dead = np.zeros(k, dtype=bool)     # diverged before this step: frozen
    dead_col, any_dead = dead[:, None], False
    check_finite = averaged is not None or not np.isfinite(reach).all()   # else the bounds check covers it
    with np.errstate(all="ignore"):
        for t in range(1, steps + 1):
            g = problem.grad(x)
            if noise:
                g = g + kicks[t - 1]
            previous = x.copy()
            optimizer.update(x, g)
            shown = x if averaged is None else averaged(x)
            f = problem.f(shown)
            # inside the enlarged bounds, hence finite (NaN compares False); x too, when it is the point shown
            good = (np.abs(shown - centre) <= reach).all(axis=1) & np.isfinite(f)
            if check_finite:
                good &= np.isfinite(x).all(axis=1) & np.isfinite(shown).all(axis=1)
            if any_dead:
                good |= dead                           # frozen already: not new
            if good.all():                             # nothing new this step
                if not any_dead:                       # the usual step: nothing frozen either
                    trajectory[t] = shown
                    loss[t] = f
                else:
                    np.copyto(x, previous, where=dead_col)
                    trajectory[t] = np.where(dead_col, trajectory[t - 1], shown)
                    loss[t] = np.where(dead, loss[t - 1], f)
            else:
                new = ~good
                diverged_at[new] = t
                finite = np.isfinite(x).all(axis=1) & np.isfinite(shown).all(axis=1) & np.isfinite(f)
                frozen = dead | (new & ~finite)        # left the bounds but finite: shown this once, then frozen
                np.copyto(x, previous, where=frozen[:, None])
                trajectory[t] = np.where(frozen[:, None], trajectory[t - 1], shown)
                loss[t] = np.where(frozen, loss[t - 1], f)
                dead = dead | new
                dead_col, any_dead = dead[:, None], True
            for name in record_state:
                recorded[name][t - 1] = optimizer.state[Optimizer.SINGLE_KEY][name]
    return History(trajectory, loss, diverged_at, problem.f_min, recorded)
