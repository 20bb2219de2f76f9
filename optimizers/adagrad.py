"""Per-coordinate step sizes from accumulated squared gradients."""

from __future__ import annotations

import numpy as np

from .base import Optimizer, check_hyperparameter, weight_decay_gradient

__all__ = ["AdaGrad", "RMSProp", "AdaDelta"]


class AdaGrad(Optimizer):
    r"""AdaGrad (Duchi, Hazan & Singer, 2011), as torch.optim.Adagrad.

    .. math::

        s_t \leftarrow s_{t-1} + g_t^2 \qquad
        \theta_t \leftarrow \theta_{t-1} - \eta\,\frac{g_t}{\sqrt{s_t} + \epsilon}

    Let :math:`\eta` be ``lr``, :math:`\epsilon` be ``eps`` and :math:`s` be
    ``state["sum"]``, which starts at ``initial_accumulator_value``. The effective
    step size of each coordinate, :math:`\eta / (\sqrt{s_t} + \epsilon)`, only ever
    shrinks.
    """

    state_names = ("sum",)

    def __init__(self, lr=0.01, eps=1e-10, initial_accumulator_value=0.0, weight_decay=0.0):
        super().__init__(lr=check_hyperparameter("learning rate", lr),
                         eps=check_hyperparameter("epsilon value", eps),
                         initial_accumulator_value=check_hyperparameter(
                             "initial_accumulator_value value", initial_accumulator_value),
                         weight_decay=check_hyperparameter("weight_decay value", weight_decay))

    def _initial_state(self, name, param):
        s = np.zeros_like(param)
        s += self._hyperparameters_for(param)["initial_accumulator_value"]
        return s

    # --8<-- [start:adagrad]
    def _update(self, p, g, state, lr, eps, initial_accumulator_value, weight_decay):
        g = weight_decay_gradient(p, g, weight_decay)
        s = state["sum"]
        s += g * g                                    # s ← s + g²
        p -= lr * g / (np.sqrt(s) + eps)              # θ ← θ − η g / (√s + ε)
    # --8<-- [end:adagrad]


class RMSProp(Optimizer):
    r"""RMSProp (Tieleman & Hinton, 2012), as torch.optim.RMSprop.

    .. math::

        s_t \leftarrow \alpha\, s_{t-1} + (1 - \alpha)\, g_t^2 \qquad
        \theta_t \leftarrow \theta_{t-1} - \eta\,\frac{g_t}{\sqrt{s_t} + \epsilon}

    Let :math:`\eta` be ``lr``, :math:`\alpha` be ``alpha`` (the decay rate; Keras
    calls it ``rho``), :math:`\epsilon` be ``eps`` and :math:`s` be
    ``state["square_avg"]``.
    """

    state_names = ("square_avg",)

    def __init__(self, lr=0.01, alpha=0.99, eps=1e-8, weight_decay=0.0):
        super().__init__(lr=check_hyperparameter("learning rate", lr),
                         alpha=check_hyperparameter("alpha value", alpha, 0.0, 1.0),
                         eps=check_hyperparameter("epsilon value", eps),
                         weight_decay=check_hyperparameter("weight_decay value", weight_decay))

    # --8<-- [start:rmsprop]
    def _update(self, p, g, state, lr, alpha, eps, weight_decay):
        g = weight_decay_gradient(p, g, weight_decay)
        s = state["square_avg"]
        s *= alpha
        s += (1 - alpha) * g * g                      # s ← α s + (1 − α) g²
        p -= lr * g / (np.sqrt(s) + eps)              # θ ← θ − η g / (√s + ε)
    # --8<-- [end:rmsprop]


class AdaDelta(Optimizer):
    r"""AdaDelta (Zeiler, 2012), as torch.optim.Adadelta.

    .. math::

        s_t \leftarrow \rho\, s_{t-1} + (1 - \rho)\, g_t^2 \qquad
        \Delta_t \leftarrow \frac{\sqrt{u_{t-1} + \epsilon}}{\sqrt{s_t + \epsilon}}\, g_t \\
        u_t \leftarrow \rho\, u_{t-1} + (1 - \rho)\, \Delta_t^2 \qquad
        \theta_t \leftarrow \theta_{t-1} - \eta\, \Delta_t

    Let :math:`\eta` be ``lr`` (1.0 in torch and in the paper, which has none),
    :math:`\rho` be ``rho``, :math:`\epsilon` be ``eps``, :math:`s` be
    ``state["square_avg"]`` and :math:`u` be ``state["acc_delta"]``.
    """

    state_names = ("square_avg", "acc_delta")

    def __init__(self, lr=1.0, rho=0.9, eps=1e-6, weight_decay=0.0):
        super().__init__(lr=check_hyperparameter("learning rate", lr),
                         rho=check_hyperparameter("rho value", rho, 0.0, 1.0),
                         eps=check_hyperparameter("epsilon value", eps),
                         weight_decay=check_hyperparameter("weight_decay value", weight_decay))

    # --8<-- [start:adadelta]
    def _update(self, p, g, state, lr, rho, eps, weight_decay):
        g = weight_decay_gradient(p, g, weight_decay)
        s, u = state["square_avg"], state["acc_delta"]
        s *= rho
        s += (1 - rho) * g * g                        # s ← ρ s + (1 − ρ) g²
        delta = np.sqrt(u + eps) / np.sqrt(s + eps) * g   # Δ ← √(u + ε) / √(s + ε) · g
        u *= rho
        u += (1 - rho) * delta * delta                # u ← ρ u + (1 − ρ) Δ²
        p -= lr * delta                               # θ ← θ − η Δ
    # --8<-- [end:adadelta]
