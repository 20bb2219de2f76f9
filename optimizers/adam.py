"""Adam and AdamW: momentum on the gradient, RMSProp on its square, bias-corrected.

Both take torch's two flags: ``amsgrad`` (normalise by the largest second moment so far) and, for
Adam, ``decoupled_weight_decay`` (AdamW's decay), with torch.optim.Adam's names.
"""

from __future__ import annotations

import numpy as np

from .base import Optimizer, check_hyperparameter, weight_decay_gradient

__all__ = ["Adam", "AdamW"]


def _check_adam(lr, betas, eps, weight_decay):
    try:
        beta1, beta2 = betas
    except (TypeError, ValueError):
        raise ValueError(f"Invalid betas: {betas!r} (expected a pair (beta1, beta2))") from None
    return dict(lr=check_hyperparameter("learning rate", lr),
                betas=(check_hyperparameter("beta parameter at index 0", beta1, 0.0, 1.0, high_open=True),
                       check_hyperparameter("beta parameter at index 1", beta2, 0.0, 1.0, high_open=True)),
                eps=check_hyperparameter("epsilon value", eps),
                weight_decay=check_hyperparameter("weight_decay value", weight_decay))


def _check_flag(label, value):
    """A flag such as ``amsgrad``: True or False, one value for all K runs.

    torch reads flags by truth value; here anything but a bool is refused, so that
    ``amsgrad="False"`` or an array of K flags cannot silently mean True.
    """
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"Invalid {label} value: {value!r} (True or False, one value for all K runs)")
    return bool(value)


class Adam(Optimizer):
    r"""Adam (Kingma & Ba, 2015), as torch.optim.Adam.

    .. math::

        m_t \leftarrow \beta_1 m_{t-1} + (1-\beta_1)\, g_t \qquad
        v_t \leftarrow \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2 \\
        \hat m_t \leftarrow \frac{m_t}{1-\beta_1^t} \qquad
        \hat v_t \leftarrow \frac{v_t}{1-\beta_2^t} \qquad
        \theta_t \leftarrow \theta_{t-1} - \eta\,\frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}

    Let :math:`\eta` be ``lr``, :math:`\beta_1, \beta_2` be ``betas``, :math:`\epsilon`
    be ``eps``, :math:`m` be ``state["exp_avg"]`` and :math:`v` be
    ``state["exp_avg_sq"]``. ``weight_decay`` :math:`\lambda` is an L2 term added to
    the gradient, :math:`g_t \leftarrow g_t + \lambda\theta_{t-1}` (see AdamW for the
    decoupled form).

    Two flags, as torch's:

    * ``amsgrad=True`` (Reddi et al., 2018) normalises by the largest second moment
      seen so far, :math:`v^{\max}_t \leftarrow \max(v^{\max}_{t-1}, v_t)` and
      :math:`\hat v_t \leftarrow v^{\max}_t / (1-\beta_2^t)`; :math:`v^{\max}` is
      ``state["max_exp_avg_sq"]``, which exists only with this flag.
    * ``decoupled_weight_decay=True`` replaces the L2 term by AdamW's decay,
      :math:`\theta_{t-1} \leftarrow \theta_{t-1}(1 - \eta\lambda)` before the step.

    Flags are one value for all K runs; the numbers may be length-K arrays.
    """

    state_names = ("exp_avg", "exp_avg_sq")

    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False, *,
                 decoupled_weight_decay=False):
        super().__init__(**_check_adam(lr, betas, eps, weight_decay), amsgrad=_check_flag("amsgrad", amsgrad),
                         decoupled_weight_decay=_check_flag("decoupled_weight_decay", decoupled_weight_decay))
        if self.amsgrad:
            self.state_names = (*Adam.state_names, "max_exp_avg_sq")

    # --8<-- [start:adam]
    def _update(self, p, g, state, lr, betas, eps, weight_decay, amsgrad, decoupled_weight_decay):
        if decoupled_weight_decay:
            p *= 1 - lr * weight_decay                # θ ← θ (1 − η λ), as AdamW
        else:
            g = weight_decay_gradient(p, g, weight_decay)   # g ← g + λ θ
        beta1, beta2 = betas
        m, v, t = state["exp_avg"], state["exp_avg_sq"], state["step"]
        m *= beta1
        m += (1 - beta1) * g                          # m ← β₁ m + (1 − β₁) g
        v *= beta2
        v += (1 - beta2) * g * g                      # v ← β₂ v + (1 − β₂) g²
        if amsgrad:
            v_max = state["max_exp_avg_sq"]
            v = np.maximum(v_max, v, out=v_max)       # vᵐᵃˣ ← max(vᵐᵃˣ, v), used for v̂ below
        m_hat = m / (1 - beta1 ** t)                  # m̂ ← m / (1 − β₁ᵗ)
        v_hat = v / (1 - beta2 ** t)                  # v̂ ← v / (1 − β₂ᵗ)
        p -= lr * m_hat / (np.sqrt(v_hat) + eps)      # θ ← θ − η m̂ / (√v̂ + ε)
    # --8<-- [end:adam]


class AdamW(Adam):
    r"""AdamW (Loshchilov & Hutter, 2019), as torch.optim.AdamW.

    .. math::

        \theta_{t-1} \leftarrow \theta_{t-1}\,(1 - \eta\lambda) \quad\text{then the Adam step}

    The decay is decoupled from the gradient: it does not pass through
    :math:`m` and :math:`v`, so every weight shrinks by the same factor. Let
    :math:`\lambda` be ``weight_decay`` (0.01 by default, as torch). ``amsgrad`` is
    Adam's flag. The same rule is ``Adam(decoupled_weight_decay=True)``.
    """

    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False):
        Optimizer.__init__(self, **_check_adam(lr, betas, eps, weight_decay),
                           amsgrad=_check_flag("amsgrad", amsgrad))     # torch's AdamW has no decoupled flag
        if self.amsgrad:
            self.state_names = (*Adam.state_names, "max_exp_avg_sq")

    # --8<-- [start:adamw]
    def _update(self, p, g, state, lr, betas, eps, weight_decay, amsgrad):
        p *= 1 - lr * weight_decay                    # θ ← θ (1 − η λ)
        super()._update(p, g, state, lr=lr, betas=betas, eps=eps, weight_decay=0.0, amsgrad=amsgrad,
                        decoupled_weight_decay=False)
    # --8<-- [end:adamw]
