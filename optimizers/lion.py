"""Lion: the sign of an interpolated momentum, as lucidrains' ``lion-pytorch``."""

from __future__ import annotations

import numpy as np

from .base import Optimizer, check_hyperparameter

__all__ = ["Lion"]


class Lion(Optimizer):
    r"""Lion (Chen et al., 2023, "Symbolic Discovery of Optimization Algorithms"), as
    ``lion_pytorch.Lion`` (lucidrains' ``lion-pytorch`` 0.2.5, the package people install).

    .. math::

        \theta_{t-1} \leftarrow \theta_{t-1}\,(1 - \eta\lambda) \\
        c_t \leftarrow \beta_1 m_{t-1} + (1-\beta_1)\, g_t \qquad
        \theta_t \leftarrow \theta_{t-1} - \eta\,\operatorname{sign}(c_t) \\
        m_t \leftarrow \beta_2 m_{t-1} + (1-\beta_2)\, g_t

    Let :math:`\eta` be ``lr`` (1e-4 by default, as lion-pytorch: Lion wants a learning rate
    several times smaller than AdamW's), :math:`\beta_1, \beta_2` be ``betas``, :math:`\lambda`
    be ``weight_decay`` (decoupled, as AdamW's: every weight shrinks by the same factor),
    :math:`m` be ``state["exp_avg"]`` and :math:`c` the interpolation the step takes the sign
    of. Every coordinate moves by exactly :math:`\eta` (or 0 where :math:`c_t = 0`), whatever
    the gradient's size. Note the two betas: :math:`\beta_1` mixes the gradient into the
    step, :math:`\beta_2` (slower) into the momentum that is kept.

    As in lion-pytorch, each beta lies in [0, 1]. ``lr`` ≥ 0 as in torch.optim (lion-pytorch
    asserts ``lr > 0`` at construction, but a learning-rate schedule may bring it down to 0), and
    ``weight_decay`` ≥ 0 (lion-pytorch does not check it). lion-pytorch's
    ``decoupled_weight_decay`` and ``use_triton`` options are not offered.
    """

    state_names = ("exp_avg",)

    def __init__(self, lr=1e-4, betas=(0.9, 0.99), weight_decay=0.0):
        try:
            beta1, beta2 = betas
        except (TypeError, ValueError):
            raise ValueError(f"Invalid betas: {betas!r} (expected a pair (beta1, beta2))") from None
        super().__init__(lr=check_hyperparameter("learning rate", lr),
                         betas=(check_hyperparameter("beta parameter at index 0", beta1, 0.0, 1.0),
                                check_hyperparameter("beta parameter at index 1", beta2, 0.0, 1.0)),
                         weight_decay=check_hyperparameter("weight_decay value", weight_decay))

    # --8<-- [start:lion]
    def _update(self, p, g, state, lr, betas, weight_decay):
        beta1, beta2 = betas
        m = state["exp_avg"]
        p *= 1 - lr * weight_decay                    # θ ← θ (1 − η λ)
        c = beta1 * m + (1 - beta1) * g               # c ← β₁ m + (1 − β₁) g
        p -= lr * np.sign(c)                          # θ ← θ − η sign(c)
        m *= beta2
        m += (1 - beta2) * g                          # m ← β₂ m + (1 − β₂) g
    # --8<-- [end:lion]
