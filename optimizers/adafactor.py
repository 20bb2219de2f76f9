"""Adafactor: a second moment kept as row and column averages, so a matrix costs m + n numbers, not m·n."""

from __future__ import annotations

from typing import Any

import numpy as np

from .base import Optimizer, check_hyperparameter

__all__ = ["Adafactor"]


def check_torch_style(name: str, value: Any, condition: str, low: float = 0.0,
                      high: float | None = None) -> float | np.ndarray:
    """``check_hyperparameter``, worded as torch's newer optimizers (Adafactor, Muon) word it:
    ``"<name> should be <condition> but is: <value>"``."""
    try:
        return check_hyperparameter(name, value, low, high)
    except ValueError as e:
        hint = " (give a float or a 1-D array of K values)" if "(give" in str(e) else ""
        raise ValueError(f"{name} should be {condition} but is: {value}{hint}") from None


def run_axes(p: np.ndarray, batched: bool) -> tuple[int, ...]:
    """The axes of one run's parameter: all of them, or all but the leading K."""
    return tuple(range(1 if batched else 0, p.ndim))


def maximum(a, b):
    """``max`` that stays a Python float for two scalars (``np.maximum`` would return np.float64,
    which promotes float32 arrays) and broadcasts K batched values."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.maximum(a, b)
    return max(a, b)


def minimum(a, b):
    """``min``, likewise."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.minimum(a, b)
    return min(a, b)


def rms(x: np.ndarray, batched: bool):
    """Root mean square over one run: a Python float, or shape (K, 1, ..., 1) for K runs."""
    if not batched:
        return float(np.sqrt(np.mean(x * x))) if x.size else 0.0
    return np.sqrt(np.mean(x * x, axis=run_axes(x, batched), keepdims=True))


class Adafactor(Optimizer):
    r"""Adafactor (Shazeer & Stern, 2018), as torch.optim.Adafactor.

    .. math::

        \hat\beta_{2,t} \leftarrow 1 - t^{\tau} \qquad
        \rho_t \leftarrow \min\!\big(\eta, 1/\sqrt{t}\big) \qquad
        \alpha_t \leftarrow \max\!\big(\epsilon_2, \mathrm{RMS}(\theta_{t-1})\big)\,\rho_t \\
        \theta \leftarrow \theta_{t-1}\,(1 - \eta\lambda) \\
        \text{matrix } (m \times n):\quad
        R_t \leftarrow \hat\beta_{2,t} R_{t-1} + (1-\hat\beta_{2,t})\,\tfrac1n \textstyle\sum_j g_{ij}^2 \qquad
        C_t \leftarrow \hat\beta_{2,t} C_{t-1} + (1-\hat\beta_{2,t})\,\tfrac1m \textstyle\sum_i g_{ij}^2 \qquad
        \hat V_t \leftarrow \frac{R_t C_t}{\max(\overline{R_t}, \epsilon_1)} \\
        \text{vector}:\quad \hat V_t \leftarrow \hat\beta_{2,t} \hat V_{t-1} + (1-\hat\beta_{2,t})\, g_t^2 \\
        U_t \leftarrow \frac{g_t}{\max(\sqrt{\hat V_t}, \epsilon_1)} \qquad
        \hat U_t \leftarrow \frac{U_t}{\max\big(1, \mathrm{RMS}(U_t)/d\big)} \qquad
        \theta_t \leftarrow \theta - \alpha_t \hat U_t

    Let :math:`\eta` be ``lr``, :math:`\tau` be ``beta2_decay``, :math:`(\epsilon_1, \epsilon_2)` be
    ``eps`` (:math:`\epsilon_1` = ``None`` means the machine epsilon of the parameter's dtype),
    :math:`d` be ``d``, :math:`\lambda` be ``weight_decay``, :math:`R` be ``state["row_var"]``
    (shape m × 1), :math:`C` be ``state["col_var"]`` (1 × n) and, for vectors and scalars,
    :math:`\hat V` be ``state["variance"]``. :math:`\overline{R_t}` is the mean of the row factor,
    :math:`\mathrm{RMS}` the root mean square over the whole parameter, and ``maximize=True`` uses
    :math:`-g_t`. There is no first moment (no momentum), and :math:`\beta_2` grows towards 1
    with :math:`t` instead of being fixed.

    As in torch, a parameter with more than two axes keeps a row and a column factor over its
    last two axes. With K batched runs, a (K, m, n) parameter is K matrices and a (K, n) one
    K vectors; each run has its own RMS. ``foreach`` is not an argument here: in torch it
    chooses a code path, not a result. The state is created at a parameter's first update,
    so ``state_names`` is empty; ``factored_state_names`` and ``unfactored_state_names`` list it.
    """

    factored_state_names = ("row_var", "col_var")
    unfactored_state_names = ("variance",)

    def __init__(self, lr=1e-2, beta2_decay=-0.8, eps=(None, 1e-3), d=1.0, weight_decay=0.0, *,
                 maximize=False):
        try:
            eps1, eps2 = eps
        except (TypeError, ValueError):
            raise ValueError(f"Invalid eps: {eps!r} (expected a pair (eps1, eps2); eps1 may be None)") from None
        if not isinstance(maximize, (bool, np.bool_)):
            raise ValueError(f"maximize should be True or False but is: {maximize!r}")
        super().__init__(
            lr=check_torch_style("Learning rate", lr, ">= 0"),
            beta2_decay=check_torch_style("beta2_decay", beta2_decay, "<= 0", low=-np.inf, high=0.0),
            eps=(None if eps1 is None else check_torch_style("epsilon1", eps1, ">= 0"),
                 check_torch_style("epsilon2", eps2, ">= 0")),
            d=check_torch_style("Clipping threshold d", d, ">= 1", low=1.0),
            weight_decay=check_torch_style("weight_decay", weight_decay, ">= 0"),
            maximize=bool(maximize))

    def _factored(self, p: np.ndarray) -> bool:
        """A matrix (or more axes) per run: keep row and column factors, as torch does for dim > 1."""
        return p.ndim - (self.batch_size is not None) > 1

    def _state_shapes(self, p: np.ndarray) -> dict[str, tuple[int, ...]]:
        if self._factored(p):
            return {"row_var": p.shape[:-1] + (1,), "col_var": p.shape[:-2] + (1,) + p.shape[-1:]}
        return {"variance": p.shape}

    def _initial_state(self, name: str, param: np.ndarray) -> np.ndarray:
        return np.zeros(self._state_shapes(param)[name], dtype=param.dtype)

    def _check_pair(self, key: Any, p: Any, g: Any) -> None:
        super()._check_pair(key, p, g)
        state = self.state.get(key)
        if state is None:
            return
        expected = self._state_shapes(p)
        held = {k: v.shape for k, v in state.items() if isinstance(v, np.ndarray)}
        if held != expected:
            raise ValueError(f"parameter {key!r} has shape {p.shape} but its optimizer state is {held}; "
                             "use a new optimizer for new parameters")

    def _apply(self, p: np.ndarray, g: np.ndarray, state: dict[str, Any]) -> None:
        """The whole parameter at once: the row and column means and the RMS span all its elements."""
        if state["step"] == 1:
            for name in self._state_shapes(p):
                state[name] = self._initial_state(name, p)
        self._update(p, g, state, **self._hyperparameters_for(p))

    # --8<-- [start:adafactor]
    def _update(self, p, g, state, lr, beta2_decay, eps, d, weight_decay, maximize):
        batched = self.batch_size is not None
        eps1, eps2 = eps
        if eps1 is None:
            eps1 = float(np.finfo(p.dtype).eps)
        if maximize:
            g = -g
        t = state["step"]
        beta2_t = 1 - t ** beta2_decay                            # β̂₂ ← 1 − t^τ
        rho = minimum(lr, 1 / t ** 0.5)                            # ρ ← min(η, 1/√t)
        alpha = maximum(eps2, rms(p, batched)) * rho               # α ← max(ε₂, RMS(θ)) ρ
        if np.any(weight_decay != 0):
            p *= 1 - lr * weight_decay                             # θ ← θ (1 − ηλ)
        g2 = g * g
        if self._factored(p):
            R, C = state["row_var"], state["col_var"]
            R *= beta2_t
            R += (1 - beta2_t) * g2.mean(axis=-1, keepdims=True)   # R ← β̂₂ R + (1 − β̂₂) meanⱼ g²
            C *= beta2_t
            C += (1 - beta2_t) * g2.mean(axis=-2, keepdims=True)   # C ← β̂₂ C + (1 − β̂₂) meanᵢ g²
            V_hat = R * C / np.maximum(R.mean(axis=-2, keepdims=True), eps1)   # V̂ ← R C / max(R̄, ε₁)
        else:
            V_hat = state["variance"]
            V_hat *= beta2_t
            V_hat += (1 - beta2_t) * g2                            # V̂ ← β̂₂ V̂ + (1 − β̂₂) g²
        U = g / np.sqrt(np.maximum(V_hat, eps1 * eps1))            # U ← g / max(√V̂, ε₁)
        U_hat = U / maximum(1.0, rms(U, batched) / d)              # Û ← U / max(1, RMS(U)/d)
        p -= alpha * U_hat                                         # θ ← θ − α Û
    # --8<-- [end:adafactor]
