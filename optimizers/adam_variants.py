"""Three relatives of Adam, as torch.optim has them: Adamax, NAdam and RAdam."""

from __future__ import annotations

import numpy as np

from .adam import _check_adam, _check_flag
from .base import Optimizer, check_hyperparameter, weight_decay_gradient

__all__ = ["Adamax", "NAdam", "RAdam"]


class Adamax(Optimizer):
    r"""Adamax (Kingma & Ba, 2015, section 7.1), as torch.optim.Adamax.

    .. math::

        m_t \leftarrow \beta_1 m_{t-1} + (1-\beta_1)\, g_t \qquad
        u_t \leftarrow \max\bigl(\beta_2 u_{t-1},\ |g_t| + \epsilon\bigr) \\
        \theta_t \leftarrow \theta_{t-1} - \frac{\eta}{1-\beta_1^t}\,\frac{m_t}{u_t}

    Let :math:`\eta` be ``lr``, :math:`\beta_1, \beta_2` be ``betas``, :math:`\epsilon`
    be ``eps``, :math:`m` be ``state["exp_avg"]`` and :math:`u` be ``state["exp_inf"]``.
    Adam's :math:`\sqrt{v}` becomes an exponentially weighted infinity norm :math:`u`,
    which needs no bias correction. :math:`\epsilon` is added to :math:`|g_t|` inside
    the maximum (torch's placement), so :math:`u_t \ge \epsilon` and the division is safe.
    ``weight_decay`` :math:`\lambda` is an L2 term, :math:`g_t \leftarrow g_t + \lambda\theta_{t-1}`.
    """

    state_names = ("exp_avg", "exp_inf")

    def __init__(self, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        super().__init__(**_check_adam(lr, betas, eps, weight_decay))

    # --8<-- [start:adamax]
    def _update(self, p, g, state, lr, betas, eps, weight_decay):
        g = weight_decay_gradient(p, g, weight_decay)     # g ← g + λ θ
        beta1, beta2 = betas
        m, u, t = state["exp_avg"], state["exp_inf"], state["step"]
        m *= beta1
        m += (1 - beta1) * g                              # m ← β₁ m + (1 − β₁) g
        u *= beta2
        np.maximum(u, np.abs(g) + eps, out=u)             # u ← max(β₂ u, |g| + ε)
        p -= lr / (1 - beta1 ** t) * m / u                # θ ← θ − η/(1 − β₁ᵗ) · m/u
    # --8<-- [end:adamax]


def _mu(beta1, momentum_decay, t):
    """NAdam's momentum schedule μₜ = β₁ (1 − ½ · 0.96^(t ψ))."""
    return beta1 * (1 - 0.5 * 0.96 ** (t * momentum_decay))


class NAdam(Optimizer):
    r"""NAdam (Dozat, 2016): Adam with Nesterov momentum, as torch.optim.NAdam.

    .. math::

        \mu_t \leftarrow \beta_1\bigl(1 - \tfrac12\, 0.96^{\,t\psi}\bigr) \qquad
        \Pi_t \leftarrow \Pi_{t-1}\,\mu_t \quad (\Pi_0 = 1) \\
        m_t \leftarrow \beta_1 m_{t-1} + (1-\beta_1)\, g_t \qquad
        v_t \leftarrow \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2 \qquad
        \hat v_t \leftarrow \frac{v_t}{1-\beta_2^t} \\
        \theta_t \leftarrow \theta_{t-1}
            - \eta\,\frac{1-\mu_t}{1-\Pi_t}\,\frac{g_t}{\sqrt{\hat v_t} + \epsilon}
            - \eta\,\frac{\mu_{t+1}}{1-\Pi_t\,\mu_{t+1}}\,\frac{m_t}{\sqrt{\hat v_t} + \epsilon}

    Let :math:`\eta` be ``lr``, :math:`\beta_1, \beta_2` be ``betas``, :math:`\epsilon`
    be ``eps``, :math:`\psi` be ``momentum_decay``, :math:`m` be ``state["exp_avg"]``,
    :math:`v` be ``state["exp_avg_sq"]`` and :math:`\Pi_t = \prod_{i\le t}\mu_i` be
    ``state["mu_product"]`` (a number per parameter, or K numbers for K runs, as torch's
    0-d tensor). The step mixes the current gradient and the momentum that will be
    applied next (:math:`\mu_{t+1}`), Nesterov's look-ahead. ``weight_decay``
    :math:`\lambda` is an L2 term, :math:`g_t \leftarrow g_t + \lambda\theta_{t-1}`, or
    with ``decoupled_weight_decay=True`` AdamW's decay,
    :math:`\theta_{t-1} \leftarrow \theta_{t-1}(1 - \eta\lambda)`.
    """

    state_names = ("exp_avg", "exp_avg_sq")

    def __init__(self, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, momentum_decay=4e-3,
                 decoupled_weight_decay=False):
        super().__init__(**_check_adam(lr, betas, eps, weight_decay),
                         momentum_decay=check_hyperparameter("momentum_decay value", momentum_decay),
                         decoupled_weight_decay=_check_flag("decoupled_weight_decay", decoupled_weight_decay))

    def _apply(self, p, g, state):
        # Π is one number per parameter (per run), not an array like p: advance it here, once a
        # step, since _update may see a large p block by block (and only reads it)
        hyper = self._hyperparameters_for(p)
        mu = _mu(hyper["betas"][0], hyper["momentum_decay"], state["step"])
        state["mu_product"] = state.get("mu_product", 1.0) * mu      # Π ← Π μₜ
        super()._apply(p, g, state)

    # --8<-- [start:nadam]
    def _update(self, p, g, state, lr, betas, eps, weight_decay, momentum_decay, decoupled_weight_decay):
        if decoupled_weight_decay:
            p *= 1 - lr * weight_decay                    # θ ← θ (1 − η λ)
        else:
            g = weight_decay_gradient(p, g, weight_decay)   # g ← g + λ θ
        beta1, beta2 = betas
        m, v, t = state["exp_avg"], state["exp_avg_sq"], state["step"]
        mu_product = state["mu_product"]                  # Π = μ₁ ⋯ μₜ (advanced once a step, in _apply)
        mu = _mu(beta1, momentum_decay, t)                # μₜ ← β₁ (1 − ½ · 0.96^(t ψ))
        mu_next = _mu(beta1, momentum_decay, t + 1)       # μₜ₊₁
        m *= beta1
        m += (1 - beta1) * g                              # m ← β₁ m + (1 − β₁) g
        v *= beta2
        v += (1 - beta2) * g * g                          # v ← β₂ v + (1 − β₂) g²
        denom = np.sqrt(v / (1 - beta2 ** t)) + eps       # √v̂ + ε
        p -= lr * (1 - mu) / (1 - mu_product) * g / denom            # θ ← θ − η (1 − μₜ)/(1 − Π) · g/(√v̂ + ε)
        p -= lr * mu_next / (1 - mu_product * mu_next) * m / denom   #       − η μₜ₊₁/(1 − Π μₜ₊₁) · m/(√v̂ + ε)
    # --8<-- [end:nadam]


def _rectifier(rho_t, rho_inf):
    """RAdam's rₜ = √((ρₜ − 4)(ρₜ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρₜ)), for ρₜ > 5 (where it is real)."""
    return ((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t)) ** 0.5


class RAdam(Optimizer):
    r"""RAdam (Liu et al., 2020): Adam with a rectified adaptive step, as torch.optim.RAdam.

    .. math::

        m_t \leftarrow \beta_1 m_{t-1} + (1-\beta_1)\, g_t \qquad
        v_t \leftarrow \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2 \qquad
        \hat m_t \leftarrow \frac{m_t}{1-\beta_1^t} \\
        \rho_\infty \leftarrow \frac{2}{1-\beta_2} - 1 \qquad
        \rho_t \leftarrow \rho_\infty - \frac{2t\,\beta_2^t}{1-\beta_2^t} \\
        \text{if } \rho_t > 5:\quad
        r_t \leftarrow \sqrt{\frac{(\rho_t-4)(\rho_t-2)\,\rho_\infty}{(\rho_\infty-4)(\rho_\infty-2)\,\rho_t}}
        \qquad l_t \leftarrow \frac{\sqrt{1-\beta_2^t}}{\sqrt{v_t} + \epsilon} \qquad
        \theta_t \leftarrow \theta_{t-1} - \eta\, \hat m_t\, r_t\, l_t \\
        \text{else}:\quad \theta_t \leftarrow \theta_{t-1} - \eta\, \hat m_t

    Let :math:`\eta` be ``lr``, :math:`\beta_1, \beta_2` be ``betas``, :math:`\epsilon`
    be ``eps``, :math:`m` be ``state["exp_avg"]`` and :math:`v` be ``state["exp_avg_sq"]``.
    :math:`\rho_t` is the length of the simple moving average that :math:`v_t`
    approximates; while it is 5 or less the variance of the adaptive step is not
    tractable, and the step is plain momentum (with the defaults, steps 1 to 5).
    :math:`\epsilon` is added to :math:`\sqrt{v_t}` before the bias correction
    :math:`\sqrt{1-\beta_2^t}` (torch's placement). ``weight_decay`` :math:`\lambda` is an
    L2 term, :math:`g_t \leftarrow g_t + \lambda\theta_{t-1}`, or with
    ``decoupled_weight_decay=True`` AdamW's decay,
    :math:`\theta_{t-1} \leftarrow \theta_{t-1}(1 - \eta\lambda)`.
    """

    state_names = ("exp_avg", "exp_avg_sq")

    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, decoupled_weight_decay=False):
        super().__init__(**_check_adam(lr, betas, eps, weight_decay),
                         decoupled_weight_decay=_check_flag("decoupled_weight_decay", decoupled_weight_decay))

    # --8<-- [start:radam]
    def _update(self, p, g, state, lr, betas, eps, weight_decay, decoupled_weight_decay):
        if decoupled_weight_decay:
            p *= 1 - lr * weight_decay                    # θ ← θ (1 − η λ)
        else:
            g = weight_decay_gradient(p, g, weight_decay)   # g ← g + λ θ
        beta1, beta2 = betas
        m, v, t = state["exp_avg"], state["exp_avg_sq"], state["step"]
        m *= beta1
        m += (1 - beta1) * g                              # m ← β₁ m + (1 − β₁) g
        v *= beta2
        v += (1 - beta2) * g * g                          # v ← β₂ v + (1 − β₂) g²
        m_hat = m / (1 - beta1 ** t)                      # m̂ ← m / (1 − β₁ᵗ)
        rho_inf = 2 / (1 - beta2) - 1                     # ρ∞ ← 2/(1 − β₂) − 1
        rho_t = rho_inf - 2 * t * beta2 ** t / (1 - beta2 ** t)   # ρₜ ← ρ∞ − 2t β₂ᵗ/(1 − β₂ᵗ)
        if np.all(rho_t > 5):                             # the adaptive step's variance is tractable
            r = _rectifier(rho_t, rho_inf)                # rₜ ← √((ρₜ − 4)(ρₜ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρₜ))
            l = (1 - beta2 ** t) ** 0.5 / (np.sqrt(v) + eps)  # lₜ ← √(1 − β₂ᵗ)/(√v + ε)
            p -= lr * m_hat * r * l                       # θ ← θ − η m̂ rₜ lₜ
        elif np.all(rho_t <= 5):
            p -= lr * m_hat                               # θ ← θ − η m̂  (momentum alone)
        else:                                             # K runs, some on each side of ρₜ = 5
            rectified = rho_t > 5
            with np.errstate(divide="ignore", invalid="ignore"):    # rₜ is NaN where unused
                r = _rectifier(rho_t, rho_inf)
            l = (1 - beta2 ** t) ** 0.5 / (np.sqrt(v) + eps)
            p -= lr * m_hat * np.where(rectified, r * l, 1.0)
    # --8<-- [end:radam]
