r"""A matrix-shaped problem whose conditioning is chosen: least squares for a weight matrix.

Muon orthogonalises the update of a whole weight matrix, so its idea cannot show on a
2-D point. This problem is the smallest place where it can: fit a weight matrix
W (A × B) so that a linear layer y = xᵀW reproduces a teacher y = xᵀW*, for inputs x
whose covariance Σ has a condition number κ that you choose.

.. math::

    f(W) = \tfrac12\,\mathbb E_x\,\lVert x^\top (W - W^\star) \rVert^2
         = \tfrac12 \operatorname{tr}\!\big(E^\top \Sigma E\big), \quad E = W - W^\star \qquad
    \nabla f(W) = \Sigma E

Σ = Q diag(λ) Qᵀ with λ spread geometrically from 1 down to 1/κ and Q a random rotation,
so the Hessian (Σ acting on each column of W) has exactly the condition number κ, and the
axes of the ill-conditioning are not the coordinate axes (an optimizer that scales each
coordinate on its own cannot read them off). The minimum is W = W*, f* = 0.

Vectorised like the rest of the package: W may carry leading axes of independent runs,
(K, A, B), and the problem's own arrays may carry the same leading axis (:func:`stack`), so
K runs with different κ, seeds and learning rates are one call.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

__all__ = ["MatrixLeastSquares", "least_squares", "stack", "descend", "MATRIX_PROBLEMS", "MatrixHistory"]

#: the default shape of W: A inputs × B outputs (a small layer)
SHAPE = (16, 8)


@dataclass(frozen=True)
class MatrixLeastSquares:
    """½ tr((W − W*)ᵀ Σ (W − W*)); arrays may carry a leading run axis K."""

    Sigma: np.ndarray = field(repr=False)      # (…, A, A), symmetric positive definite
    W_star: np.ndarray = field(repr=False)     # (…, A, B), the minimum
    start: np.ndarray = field(repr=False)      # (…, A, B), where runs begin
    kappa: np.ndarray                          # (…,) the condition number asked for
    f_min: float = 0.0

    @property
    def shape(self) -> tuple[int, int]:
        return self.W_star.shape[-2:]

    # --8<-- [start:matrix_problem]
    def loss(self, W: np.ndarray) -> np.ndarray:
        E = W - self.W_star                                        # E = W − W*
        return 0.5 * np.sum(E * (self.Sigma @ E), axis=(-2, -1))   # ½ tr(Eᵀ Σ E)

    def grad(self, W: np.ndarray) -> np.ndarray:
        return self.Sigma @ (W - self.W_star)                      # Σ E
    # --8<-- [end:matrix_problem]

    def condition_number(self) -> np.ndarray:
        """κ of the Hessian, measured from Σ's eigenvalues (equals ``kappa`` up to rounding)."""
        lam = np.linalg.eigvalsh(self.Sigma)
        return lam[..., -1] / lam[..., 0]

    def repeat(self, n: int) -> "MatrixLeastSquares":
        """Each run repeated n times in a row along the leading axis (for n learning rates per problem)."""
        one = self.Sigma.ndim == 2                                  # a single problem: give it the run axis

        def r(a):
            a = np.asarray(a)
            return np.repeat(a[None] if one else a, n, axis=0)
        return MatrixLeastSquares(r(self.Sigma), r(self.W_star), r(self.start), r(self.kappa), self.f_min)


def least_squares(kappa: float, seed: int = 0, shape: tuple[int, int] = SHAPE,
                  start: str = "zeros") -> MatrixLeastSquares:
    """One problem: Σ with eigenvalues 1 … 1/κ (geometric) in a random basis, W* ~ N(0, 1/A).

    ``seed`` draws the rotation Q and the teacher W*; ``start`` is "zeros" (W = 0) or "normal"
    (W ~ N(0, 1/A), a fresh layer's scale, drawn after W*).
    """
    if not kappa >= 1:
        raise ValueError(f"the condition number must be >= 1, not {kappa}")
    A, B = shape
    rng = np.random.default_rng(seed)
    Q, R = np.linalg.qr(rng.standard_normal((A, A)))
    Q = Q * np.sign(np.diag(R))                                    # a uniformly random rotation
    lam = kappa ** (-np.arange(A) / max(A - 1, 1))                 # 1 … 1/κ
    Sigma = (Q * lam) @ Q.T
    Sigma = 0.5 * (Sigma + Sigma.T)
    W_star = rng.standard_normal((A, B)) / np.sqrt(A)
    if start == "zeros":
        W0 = np.zeros((A, B))
    elif start == "normal":
        W0 = rng.standard_normal((A, B)) / np.sqrt(A)
    else:
        raise ValueError(f"start must be 'zeros' or 'normal', not {start!r}")
    return MatrixLeastSquares(Sigma, W_star, W0, np.asarray(float(kappa)))


def stack(problems) -> MatrixLeastSquares:
    """Several problems as one with a leading run axis K (their shapes must agree)."""
    problems = list(problems)
    return MatrixLeastSquares(np.stack([p.Sigma for p in problems]), np.stack([p.W_star for p in problems]),
                              np.stack([p.start for p in problems]), np.stack([p.kappa for p in problems]))


@dataclass
class MatrixHistory:
    """``loss`` (steps + 1, K): f at the start and after each step; a diverged run stays +inf from
    the step it diverged at (``diverged_at``, −1 if never); ``W`` the final parameters."""

    loss: np.ndarray
    diverged_at: np.ndarray
    W: np.ndarray

    @property
    def diverged(self) -> np.ndarray:
        return self.diverged_at >= 0


def descend(optimizer, problem: MatrixLeastSquares, steps: int, key: str = "W",
            max_loss: float = 1e12, schedule=None) -> MatrixHistory:
    """``steps`` full-gradient steps of K runs at once from ``problem.start`` (shape (K, A, B)).

    ``schedule``, if given, is a learning-rate schedule attached to ``optimizer``
    (``optimizers.schedules``); it is stepped after each update, as torch's are.

    A run whose loss leaves [0, ``max_loss``] or stops being finite is frozen and counts as diverged.
    """
    W = np.array(problem.start, dtype=float)
    k = W.shape[0]
    loss = np.empty((steps + 1, k))
    diverged_at = np.full(k, -1)
    frozen = W.copy()
    with np.errstate(all="ignore"):
        loss[0] = problem.loss(W)
        for t in range(1, steps + 1):
            optimizer.update({key: W}, {key: problem.grad(W)})
            if schedule is not None:
                schedule.step()
            f = problem.loss(W)
            bad = ~(f <= max_loss) & (diverged_at < 0)
            diverged_at[bad] = t
            dead = diverged_at >= 0
            if dead.any():                          # the dead keep their last finite W
                keep = dead.reshape((k,) + (1,) * (W.ndim - 1))
                np.copyto(W, frozen, where=keep)
                np.copyto(frozen, W, where=~keep)
                loss[t] = np.where(dead, np.inf, f)
            else:
                np.copyto(frozen, W)
                loss[t] = f
    return MatrixHistory(loss, diverged_at, W)


#: name → constructor, as ``PROBLEMS`` is for the 2-D functions (these take κ and a seed)
MATRIX_PROBLEMS = {"least_squares": least_squares}
