"""The numbers of the exercises on the optimizer pages and of the guide's answers.

Each exercise gives a reader a small input (a start θ₀, a gradient g or a sequence of gradients, the
hyperparameters) and asks for the first steps by hand. The worked answers quote what the package's own classes
compute on exactly those inputs, so an answer cannot drift from the code. ``tests/test_exercises.py`` writes the
same formulas out by hand and checks these numbers against them.

Keys are ``study.exercises.<optimizer>_<what>``; the inputs are values too (``adam_g``, ``adam_lr``, …), so a page
never types a number it asks about.
"""

from __future__ import annotations

import numpy as np

from optimizers import PROBLEMS, SGD, AdaDelta, AdaGrad, Adam, AdamW, Momentum, NAG, RMSProp

from .studies import Study, register


def _run(opt, theta0: float, grads, state: str | None = None) -> tuple[list[float], list[float]]:
    """θ after each step of ``opt`` on one scalar parameter fed the given gradients (a number or θ ↦ g),
    and the state entry ``state`` after each step."""
    params = {"theta": np.array([float(theta0)])}
    thetas, states = [], []
    for g in grads:
        gv = g(params["theta"][0]) if callable(g) else g
        opt.update(params, {"theta": np.array([float(gv)])})
        thetas.append(float(params["theta"][0]))
        if state is not None:
            states.append(float(opt.state["theta"][state][0]))
    return thetas, states


def _curvatures(problem: str, h: float = 1e-4) -> np.ndarray:
    """Eigenvalues of the Hessian at the minimum, by central differences of the problem's gradient."""
    p = PROBLEMS[problem]
    x0 = np.array(p.minima[0], dtype=float)
    cols = [(p.grad(x0 + h * e) - p.grad(x0 - h * e)) / (2 * h) for e in np.eye(2)]
    hess = np.stack(cols, axis=1)
    return np.sort(np.linalg.eigvalsh((hess + hess.T) / 2))


def compute() -> dict:
    out: dict = {}

    # SGD on f(θ) = θ² (g = 2θ): each step multiplies θ by 1 − 2η.
    lr, theta0 = 0.1, 1.0
    th, _ = _run(SGD(lr=lr), theta0, [lambda t: 2 * t] * 2)
    out.update(sgd_lr=lr, sgd_theta0=theta0, sgd_theta1=th[0], sgd_theta2=th[1], sgd_factor=th[0] / theta0)
    # the skewed bowl: curvatures and SGD's stability bound η < 2/λ per direction
    lam_x, lam_y = (float(c) for c in _curvatures("bowl"))
    out.update(bowl_curv_x=lam_x, bowl_curv_y=lam_y, bowl_lr_limit_x=2 / lam_x, bowl_lr_limit_y=2 / lam_y)
    # checked with the class on the y direction alone (g = λ_y y): the factor |y_{t+1} / y_t| per step,
    # just under the bound (η = 0.9 · 2/λ_y) and just over it (η = 1.1 · 2/λ_y)
    for name, factor in (("under", 0.9), ("over", 1.1)):
        t, _ = _run(SGD(lr=factor * 2 / lam_y), 1.0, [lambda v: lam_y * v])
        out[f"bowl_y_lr_{name}"] = factor * 2 / lam_y
        out[f"bowl_y_factor_{name}"] = abs(t[0])

    # Momentum and NAG: a constant gradient g = 1, μ = 0.9, η = 0.1, from θ₀ = 0.
    lr, mu, g, theta0 = 0.1, 0.9, 1.0, 0.0
    th, buf = _run(Momentum(lr=lr, momentum=mu), theta0, [g] * 2, "momentum_buffer")
    out.update(mom_lr=lr, mom_mu=mu, mom_g=g, mom_theta0=theta0,
               momentum_b1=buf[0], momentum_b2=buf[1], momentum_theta1=th[0], momentum_theta2=th[1])
    _, buf = _run(Momentum(lr=lr, momentum=mu), theta0, [g] * 200, "momentum_buffer")
    out.update(momentum_b200=buf[-1], momentum_gain=buf[-1] / g)
    th, buf = _run(NAG(lr=lr, momentum=mu), theta0, [g] * 2, "momentum_buffer")
    out.update(nag_b1=buf[0], nag_b2=buf[1], nag_theta1=th[0], nag_theta2=th[1],
               nag_step1=theta0 - th[0], nag_step2=th[0] - th[1])

    # AdaGrad and RMSProp: gradients 2 then 1, from θ₀ = 0.
    g1, g2 = 2.0, 1.0
    lr = 0.1
    th, s = _run(AdaGrad(lr=lr), 0.0, [g1, g2], "sum")
    out.update(ada_lr=lr, ada_g1=g1, ada_g2=g2, adagrad_s1=s[0], adagrad_s2=s[1],
               adagrad_theta1=th[0], adagrad_theta2=th[1], adagrad_step2=th[0] - th[1])
    opt = AdaGrad(lr=lr)
    _, s = _run(opt, 0.0, [1.0] * 100, "sum")
    out.update(adagrad_eff100=lr / (np.sqrt(s[-1]) + opt.eps))
    lr, alpha = 0.01, 0.99
    th, s = _run(RMSProp(lr=lr, alpha=alpha), 0.0, [g1, g2], "square_avg")
    out.update(rms_lr=lr, rms_alpha=alpha, rmsprop_s1=s[0], rmsprop_s2=s[1],
               rmsprop_theta1=th[0], rmsprop_theta2=th[1], rmsprop_step1=-th[0], rmsprop_step2=th[0] - th[1])
    th, _ = _run(RMSProp(lr=lr, alpha=alpha), 0.0, [1.0] * 1000)
    out.update(rmsprop_step1000=th[-2] - th[-1])

    # AdaDelta: a constant gradient g = 1 with torch's defaults (η = 1, ρ = 0.9, ε = 1e-6).
    opt = AdaDelta()
    th, s = _run(opt, 0.0, [1.0] * 2, "square_avg")
    _, u = _run(AdaDelta(), 0.0, [1.0] * 2, "acc_delta")
    out.update(adadelta_lr=opt.lr, adadelta_rho=opt.rho, adadelta_eps=opt.eps,
               adadelta_s1=s[0], adadelta_u1=u[0], adadelta_delta1=-th[0], adadelta_delta2=th[0] - th[1],
               adadelta_theta2=th[1])
    th, _ = _run(AdaDelta(), 0.0, [1.0] * 100)
    out.update(adadelta_step100=th[-2] - th[-1])

    # Adam: the first step from a given g, with the defaults; and a gradient far below ε.
    opt = Adam()
    g, theta0 = 0.5, 1.0
    th, m = _run(opt, theta0, [g], "exp_avg")
    _, v = _run(Adam(), theta0, [g], "exp_avg_sq")
    out.update(adam_lr=opt.lr, adam_beta1=opt.betas[0], adam_beta2=opt.betas[1], adam_eps=opt.eps,
               adam_g=g, adam_theta0=theta0, adam_m1=m[0], adam_v1=v[0], adam_theta1=th[0],
               adam_step1=theta0 - th[0], adam_step1_ratio=(theta0 - th[0]) / opt.lr)
    g_big = -40.0
    th, _ = _run(Adam(), theta0, [g_big])
    out.update(adam_g_big=g_big, adam_step1_big_ratio=(theta0 - th[0]) / opt.lr)
    g_tiny = 1e-9
    th, _ = _run(Adam(), theta0, [g_tiny])
    out.update(adam_g_tiny=g_tiny, adam_step1_tiny=theta0 - th[0], adam_step1_tiny_ratio=(theta0 - th[0]) / opt.lr)

    # AdamW against Adam + L2: one step from θ₀ = 2, g = 0.5, η = 0.1, λ = 0.1.
    lr, lam, theta0, g = 0.1, 0.1, 2.0, 0.5
    th_w, _ = _run(AdamW(lr=lr, weight_decay=lam), theta0, [g])
    th_l2, _ = _run(Adam(lr=lr, weight_decay=lam), theta0, [g])
    th_0, _ = _run(Adam(lr=lr), theta0, [g])
    out.update(adamw_lr=lr, adamw_lambda=lam, adamw_theta0=theta0, adamw_g=g,
               adamw_theta1=th_w[0], adam_l2_theta1=th_l2[0], adam_plain_theta1=th_0[0],
               adamw_decay=theta0 * lr * lam, adam_l2_g=g + lam * theta0)
    return out


register(Study(name="exercises", compute=compute))
