"""Plain gradient descent and its two momentum variants (torch.optim.SGD)."""

from __future__ import annotations

import numpy as np

from .base import Optimizer, check_hyperparameter, weight_decay_gradient

__all__ = ["SGD", "Momentum", "NAG"]


class SGD(Optimizer):
    r"""Stochastic gradient descent.

    .. math::

        g_t \leftarrow \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1} \qquad
        \theta_t \leftarrow \theta_{t-1} - \eta\, g_t

    Let :math:`\eta` be ``lr`` and :math:`\lambda` be ``weight_decay``.
    torch.optim.SGD with ``momentum=0``.
    """

    def __init__(self, lr=1e-3, weight_decay=0.0):
        super().__init__(lr=check_hyperparameter("learning rate", lr),
                         weight_decay=check_hyperparameter("weight_decay value", weight_decay))

    # --8<-- [start:sgd]
    def _update(self, p, g, state, lr, weight_decay):
        g = weight_decay_gradient(p, g, weight_decay)
        p -= lr * g                                   # θ ← θ − η g
    # --8<-- [end:sgd]


class Momentum(Optimizer):
    r"""Gradient descent with heavy-ball momentum, in torch's form.

    .. math::

        b_t \leftarrow \mu\, b_{t-1} + g_t \qquad
        \theta_t \leftarrow \theta_{t-1} - \eta\, b_t

    Let :math:`\eta` be ``lr``, :math:`\mu` be ``momentum`` and :math:`b` be
    ``state["momentum_buffer"]`` (zero before the first step). torch.optim.SGD with
    ``momentum=μ, dampening=0``.
    """

    state_names = ("momentum_buffer",)

    def __init__(self, lr=1e-3, momentum=0.9, weight_decay=0.0):
        super().__init__(lr=check_hyperparameter("learning rate", lr),
                         momentum=check_hyperparameter("momentum value", momentum, 0.0, 1.0),
                         weight_decay=check_hyperparameter("weight_decay value", weight_decay))

    # --8<-- [start:momentum]
    def _update(self, p, g, state, lr, momentum, weight_decay):
        g = weight_decay_gradient(p, g, weight_decay)
        b = state["momentum_buffer"]
        b *= momentum
        b += g                                        # b ← μ b + g
        p -= lr * b                                   # θ ← θ − η b
    # --8<-- [end:momentum]


class NAG(Optimizer):
    r"""Nesterov accelerated gradient, in torch's form (``nesterov=True``).

    .. math::

        b_t \leftarrow \mu\, b_{t-1} + g_t \qquad
        \theta_t \leftarrow \theta_{t-1} - \eta\,(g_t + \mu\, b_t)

    Let :math:`\eta` be ``lr``, :math:`\mu` be ``momentum`` and :math:`b` be
    ``state["momentum_buffer"]``. The gradient is taken at the current point; the
    "look-ahead" of Nesterov's method is folded into the step :math:`g + \mu b`.
    """

    state_names = ("momentum_buffer",)

    def __init__(self, lr=1e-3, momentum=0.9, weight_decay=0.0):
        super().__init__(lr=check_hyperparameter("learning rate", lr),
                         momentum=check_hyperparameter("momentum value", momentum, 0.0, 1.0),
                         weight_decay=check_hyperparameter("weight_decay value", weight_decay))
        if not np.all(np.asarray(momentum) > 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")

    # --8<-- [start:nag]
    def _update(self, p, g, state, lr, momentum, weight_decay):
        g = weight_decay_gradient(p, g, weight_decay)
        b = state["momentum_buffer"]
        b *= momentum
        b += g                                        # b ← μ b + g
        p -= lr * (g + momentum * b)                  # θ ← θ − η (g + μ b)
    # --8<-- [end:nag]
