"""Muon: momentum, then the update matrix orthogonalised by a Newton–Schulz iteration."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .adafactor import check_torch_style
from .base import Optimizer, check_hyperparameter

__all__ = ["Muon", "zeropower_via_newtonschulz"]

#: torch.optim's defaults, from Keller Jordan's Muon post
DEFAULT_NS_COEFFICIENTS = (3.4445, -4.7750, 2.0315)
ADJUST_LR_FNS = (None, "original", "match_rms_adamw")


def _like(x: np.ndarray, v):
    """A batched hyperparameter in the iterate's dtype (a Python float is already weak)."""
    return v.astype(x.dtype) if isinstance(v, np.ndarray) else v


# --8<-- [start:newton_schulz]
def zeropower_via_newtonschulz(G: np.ndarray, ns_coefficients, ns_steps: int, eps) -> np.ndarray:
    r"""Approximately orthogonalise each matrix on the last two axes of ``G``, as torch's
    ``_zeropower_via_newtonschulz`` does, but in ``G``'s dtype instead of bfloat16.

    :math:`X_0 = G / \max(\lVert G \rVert_F, \varepsilon)` (transposed first when G has more rows
    than columns, so that :math:`X X^\top` is the smaller Gram matrix), then k times
    :math:`A = X X^\top,\; X \leftarrow a X + (b A + c A^2) X`.

    :math:`A` is symmetric, so :math:`A^2 = A A^\top`: written so, NumPy sees a matrix times its own
    transpose, as in :math:`X X^\top`, and computes only one triangle of the (symmetric) result: half
    the multiplications of a general product, the same numbers up to rounding. The matrices of the
    loop are written into the same memory at every step (``out=``, ``*=``) instead of new arrays.
    """
    a, b, c = (_like(G, v) for v in ns_coefficients)
    tall = G.shape[-2] > G.shape[-1]
    X = G.swapaxes(-1, -2) if tall else G
    X = X / np.maximum(np.linalg.norm(X, axis=(-2, -1), keepdims=True), _like(G, eps))   # X ← G / max(‖G‖, ε)
    A = B = BX = None                                  # allocated at the first step, then reused
    for _ in range(ns_steps):
        A = np.matmul(X, X.swapaxes(-1, -2), out=A)    # A ← X Xᵀ
        B = np.matmul(A, A.swapaxes(-1, -2), out=B)    # B ← A² = A Aᵀ (A is symmetric)
        B *= c
        B += np.multiply(b, A, out=A)                  # B ← b A + c A²
        BX = np.matmul(B, X, out=BX)
        X *= a
        X += BX                                        # X ← a X + B X
    return X.swapaxes(-1, -2) if tall else X
# --8<-- [end:newton_schulz]


def adjusted_lr_ratio(adjust_lr_fn: str | None, m: int, n: int) -> float:
    """torch's ``_adjust_lr``: √max(1, m/n) ("original", the default) or 0.2·√max(m, n) ("match_rms_adamw")."""
    if adjust_lr_fn is None or adjust_lr_fn == "original":
        return math.sqrt(max(1, m / n))
    return 0.2 * math.sqrt(max(m, n))


class Muon(Optimizer):
    r"""Muon (Jordan et al., 2024), as torch.optim.Muon: for weight matrices only.

    .. math::

        B_t \leftarrow \mu B_{t-1} + (1 - \mu)\, g_t \qquad
        \tilde B_t \leftarrow \begin{cases} (1-\mu)\, g_t + \mu B_t & \text{nesterov} \\
                                            B_t & \text{otherwise} \end{cases} \\
        O_t \leftarrow \mathrm{NS}^{(a,b,c)}_k(\tilde B_t;\ \varepsilon) \qquad
        \theta_t \leftarrow \theta_{t-1}(1 - \eta\lambda) - \eta\, s\, O_t, \quad
        s = \begin{cases} \sqrt{\max(1, m/n)} & \text{"original"} \\
                          0.2\sqrt{\max(m, n)} & \text{"match\_rms\_adamw"} \end{cases}

    Let :math:`\eta` be ``lr``, :math:`\mu` be ``momentum``, :math:`\lambda` be ``weight_decay``,
    :math:`(a, b, c)` be ``ns_coefficients``, :math:`k` be ``ns_steps``, :math:`\varepsilon` be
    ``eps``, :math:`s` the ratio chosen by ``adjust_lr_fn`` (``None`` means "original") for an
    m × n parameter, and :math:`B` be ``state["momentum_buffer"]``. :math:`\mathrm{NS}` is
    :func:`zeropower_via_newtonschulz`: normalise by the Frobenius norm, then k steps of
    :math:`X \leftarrow aX + (bA + cA^2)X` with :math:`A = XX^\top`, which pushes every singular
    value towards 1 (near, not onto, 1 with the default coefficients) and keeps the singular vectors.

    The momentum is the exponential moving average torch computes (``buf.lerp_(grad, 1 - momentum)``),
    not the :math:`B_t = \mu B_{t-1} + g_t` of torch's docstring; Nesterov is
    ``grad.lerp(buf, momentum)``. The weight decay is decoupled and uses the unadjusted :math:`\eta`.

    Precision: torch runs the Newton–Schulz iteration in bfloat16 (8 significant bits) and adds that
    bfloat16 :math:`O_t` to the parameter; this class runs it in the parameter's own dtype (float64
    or float32). In float64 it equals torch's step with only that cast removed; against torch as
    shipped, :math:`O_t` differs by about 1% of its size.

    Like torch, it refuses a parameter that is not a matrix (use AdamW for biases and
    embeddings); with K batched runs a (K, m, n) parameter is K matrices. ``momentum`` may not
    exceed 1 here (torch accepts it, and the average then diverges); ``eps`` must be ≥ 0 and
    ``ns_steps`` an integer in [0, 100).
    """

    state_names = ("momentum_buffer",)
    matrix_only = True

    def __init__(self, lr=1e-3, weight_decay=0.1, momentum=0.95, nesterov=True,
                 ns_coefficients=DEFAULT_NS_COEFFICIENTS, eps=1e-7, ns_steps=5, adjust_lr_fn=None):
        momentum = check_torch_style("momentum", momentum, ">= 0")
        if np.any(np.asarray(momentum) > 1.0):
            raise ValueError(f"momentum should be <= 1 but is: {momentum} "
                             "(torch accepts it, but the moving average then diverges)")
        if not isinstance(nesterov, (bool, np.bool_)):
            raise ValueError(f"nesterov should be True or False but is: {nesterov!r}")
        try:
            if len(ns_coefficients) != 3:
                raise TypeError
        except TypeError:
            raise ValueError(f"Coefficients must be a tuple of exactly 3 values, not {ns_coefficients!r}") from None
        coefficients = []
        for i, v in enumerate(ns_coefficients):
            v = check_hyperparameter(f"Newton-Schulz coefficient at index {i}", v, low=-np.inf)
            if not np.all(np.isfinite(v)):
                raise ValueError(f"Invalid Newton-Schulz coefficient at index {i}: {ns_coefficients[i]!r}")
            coefficients.append(v)
        if isinstance(ns_steps, (bool, np.bool_)) or not isinstance(ns_steps, (int, np.integer)) or ns_steps < 0:
            raise ValueError(f"ns_steps should be a non-negative integer but is: {ns_steps!r}")
        if ns_steps >= 100:
            raise ValueError("Number of steps must be less than 100 for computational efficiency")
        if adjust_lr_fn not in ADJUST_LR_FNS:
            raise ValueError(f"Adjust learning rate function {adjust_lr_fn} is not supported")
        super().__init__(lr=check_torch_style("Learning rate", lr, ">= 0"),
                         weight_decay=check_torch_style("weight decay", weight_decay, ">= 0"),
                         momentum=momentum,
                         nesterov=bool(nesterov),
                         ns_coefficients=tuple(coefficients),
                         eps=check_torch_style("epsilon", eps, ">= 0"),
                         ns_steps=int(ns_steps),
                         adjust_lr_fn=adjust_lr_fn)

    def _check_pair(self, key: Any, p: Any, g: Any) -> None:
        super()._check_pair(key, p, g)
        if self.batch_size is None and p.ndim != 2:
            raise ValueError(f"Muon only supports 2D parameters, but parameter {key!r} has shape {p.shape}; "
                             "optimize biases, scalars and other non-matrix parameters with e.g. AdamW")
        if self.batch_size is not None and p.ndim != 3:
            raise ValueError(f"Muon only supports 2D parameters: with K={self.batch_size} runs each parameter "
                             f"must have shape (K, m, n), but parameter {key!r} has shape {p.shape}; optimize "
                             "biases, scalars and other non-matrix parameters with e.g. AdamW")

    def _apply(self, p: np.ndarray, g: np.ndarray, state: dict[str, Any]) -> None:
        """The whole matrix at once: Newton–Schulz mixes all its elements."""
        self._update(p, g, state, **self._hyperparameters_for(p))

    # --8<-- [start:muon]
    def _update(self, p, g, state, lr, weight_decay, momentum, nesterov, ns_coefficients, eps, ns_steps,
                adjust_lr_fn):
        B = state["momentum_buffer"]
        B *= momentum
        B += (1 - momentum) * g                                    # B ← μ B + (1 − μ) g
        B_tilde = (1 - momentum) * g + momentum * B if nesterov else B   # B̃ ← (1 − μ) g + μ B
        O = zeropower_via_newtonschulz(B_tilde.astype(p.dtype, copy=False),   # O ← NSₖ(B̃; ε), in θ's dtype
                                       ns_coefficients, ns_steps, eps)
        m, n = p.shape[-2:]
        s = adjusted_lr_ratio(adjust_lr_fn, m, n)
        p *= 1 - lr * weight_decay                                 # θ ← θ (1 − ηλ)
        p -= lr * s * O                                            # θ ← θ − η s O
    # --8<-- [end:muon]
