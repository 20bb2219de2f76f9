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


def _digits(x: float, n: int) -> str:
    """``x`` to ``n`` significant digits, trailing zeros dropped; below 1e-3 as 1.25e-4 (the site's form)."""
    if x != 0 and abs(x) < 1e-3:
        mant, exp = f"{x:.{n - 1}e}".split("e")
        mant = mant.rstrip("0").rstrip(".") if "." in mant else mant
        return f"{mant}e{int(exp)}"
    return f"{x:.{n}g}"


def answer_digits(*xs: float, most: int = 8) -> list[str]:
    """Numbers a worked answer prints side by side: the fewest significant digits (at least 3) that write every one
    exactly (0.9975, 0.998875, not 0.998 and 0.999); where some are never exact within ``most`` digits, the fewest
    at which numbers that differ print differently (μ₁ = 0.45007, μ₂ = 0.45015, not 0.45 twice)."""
    def exact(n):
        return all(abs(float(_digits(x, n)) - x) <= 1e-9 * max(1.0, abs(x)) for x in xs)

    def apart(n):
        out = [_digits(x, n) for x in xs]
        return all(out[i] != out[j] for i in range(len(xs)) for j in range(i)
                   if abs(xs[i] - xs[j]) > 1e-9 * max(1.0, abs(xs[i])))
    n = next((n for n in range(3, most + 1) if exact(n)), None)
    n = n or next((n for n in range(3, most + 1) if apart(n)), most)
    return [_digits(x, n) for x in xs]


#: words for the direction of a move along one axis (an exercise's answer says it; a distance is never negative)
DIRECTION = {"ko": {-1: "아래로", 1: "위로"}, "en": {-1: "down", 1: "up"}}


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
    out.update(_schedulefree())
    out.update(_lion_adafactor())
    out.update(_adam_variants())
    return out


def _schedulefree() -> dict:
    """SGDScheduleFree's first two steps (x is the average of the z's) and the averaging weight under warm-up;
    AdamWScheduleFree's first step (η·sign(g), as Adam's) and where eval() moves the point after two steps."""
    from optimizers import AdamWScheduleFree, SGDScheduleFree
    out: dict = {}
    lr, beta, theta0, g1, g2 = 0.1, 0.9, 1.0, 0.5, 0.5
    opt = SGDScheduleFree(lr=lr, momentum=beta)
    params = {"theta": np.array([theta0])}
    opt.train(params)
    ys, zs = [], []
    for g in (g1, g2):
        opt.update(params, {"theta": np.array([g])})
        ys.append(float(params["theta"][0]))
        zs.append(float(opt.state["theta"]["z"][0]))
    x2 = float(opt.averaged(params)["theta"][0])
    st = opt.state["theta"]
    out.update(sgdsf_lr=lr, sgdsf_beta=beta, sgdsf_theta0=theta0, sgdsf_g1=g1, sgdsf_g2=g2, sgdsf_y1=ys[0],
               sgdsf_z1=zs[0], sgdsf_y2=ys[1], sgdsf_z2=zs[1], sgdsf_x2=x2,
               sgdsf_c2=float(st["lr_max"]) ** 2 / float(st["weight_sum"]))
    # warm-up of W steps: the second point's share of the average, c₂ = w₂ / (w₁ + w₂), w_t = η_max,t²
    W = 4
    opt = SGDScheduleFree(lr=lr, warmup_steps=W)
    params = {"theta": np.array([theta0])}
    opt.train(params)
    for g in (g1, g2):
        opt.update(params, {"theta": np.array([g])})
    st = opt.state["theta"]
    for k, text in zip(("y1", "z1", "y2", "z2", "x2"), answer_digits(ys[0], zs[0], ys[1], zs[1], x2)):
        out[f"sgdsf_{k}_text"] = text
    out.update(sgdsf_warmup=W, sgdsf_warm_lr2=float(st["lr_max"]),
               sgdsf_warm_c2=float(st["lr_max"]) ** 2 / float(st["weight_sum"]))
    # AdamWScheduleFree at its defaults: the first step, then a gradient of the other sign
    opt = AdamWScheduleFree()
    params = {"theta": np.array([theta0])}
    opt.train(params)
    opt.update(params, {"theta": np.array([g1])})
    y1 = float(params["theta"][0])
    opt.update(params, {"theta": np.array([-g1])})
    y2, z2 = float(params["theta"][0]), float(opt.state["theta"]["z"][0])
    x2 = float(opt.eval(params)["theta"][0])
    out.update(adamwsf_lr=opt.lr, adamwsf_beta1=opt.betas[0], adamwsf_beta2=opt.betas[1], adamwsf_eps=opt.eps,
               adamwsf_theta0=theta0, adamwsf_g1=g1, adamwsf_g2=-g1, adamwsf_y1=y1,
               adamwsf_step1_ratio=(theta0 - y1) / opt.lr, adamwsf_y2=y2, adamwsf_z2=z2, adamwsf_x2=x2,
               adamwsf_eval_move=x2 - y2)
    for k, text in zip(("theta0", "y1", "y2", "z2", "x2"), answer_digits(theta0, y1, y2, z2, x2)):
        out[f"adamwsf_{k}_text"] = text
    sign = 1 if x2 > y2 else -1
    out.update(adamwsf_eval_distance=abs(x2 - y2), adamwsf_eval_dir_ko=DIRECTION["ko"][sign],
               adamwsf_eval_dir_en=DIRECTION["en"][sign])
    return out


def _lion_adafactor() -> dict:
    """Lion's first two steps (each moves exactly η, whatever |g|) and one step with decoupled weight decay;
    Adafactor's first step on a 2×2 matrix (the factored V̂ beside g², the clipping, the step) and the state a
    4096×4096 matrix needs, counted from the classes' own state shapes."""
    from optimizers import Adafactor, Lion
    out: dict = {}
    lr, theta0, g1, g2 = 0.1, 1.0, 0.5, -2.0
    opt = Lion(lr=lr)
    th, m = _run(opt, theta0, [g1, g2], "exp_avg")
    b1, b2 = opt.betas
    out.update(lion_lr=lr, lion_beta1=b1, lion_beta2=b2, lion_theta0=theta0, lion_g1=g1, lion_g2=g2,
               lion_c1=(1 - b1) * g1, lion_m1=m[0], lion_theta1=th[0],
               lion_c2=b1 * m[0] + (1 - b1) * g2, lion_m2=m[1], lion_theta2=th[1], lion_g_ratio=abs(g2) / abs(g1))
    lam, theta0_wd, g = 0.5, 2.0, 0.5
    th, _ = _run(Lion(lr=lr, weight_decay=lam), theta0_wd, [g])
    out.update(lion_wd_lambda=lam, lion_wd_theta0=theta0_wd, lion_wd_g=g, lion_wd_decayed=theta0_wd * (1 - lr * lam),
               lion_wd_theta1=th[0])
    # Adafactor, torch's defaults but lr = 0.01 is the default too; θ₀ = all ones, G = [[1, 2], [3, 4]]
    opt = Adafactor()
    G = np.array([[1.0, 2.0], [3.0, 4.0]])
    params = {"W": np.ones((2, 2))}
    opt.update(params, {"W": G.copy()})
    R, C = opt.state["W"]["row_var"][:, 0], opt.state["W"]["col_var"][0]
    V = np.outer(R, C) / R.mean()
    U = G / np.sqrt(V)
    for i in range(2):
        for j in range(2):
            k = f"{i + 1}{j + 1}"
            out.update({f"adafactor_g{k}": float(G[i, j]), f"adafactor_gsq{k}": float(G[i, j] ** 2),
                        f"adafactor_v{k}": float(V[i, j]), f"adafactor_u{k}": float(U[i, j]),
                        f"adafactor_theta1_{k}": float(params["W"][i, j])})
    out.update(adafactor_lr=opt.lr, adafactor_eps2=opt.eps[1], adafactor_d=opt.d,
               adafactor_r1=float(R[0]), adafactor_r2=float(R[1]), adafactor_c1=float(C[0]), adafactor_c2=float(C[1]),
               adafactor_rbar=float(R.mean()), adafactor_rms_u=float(np.sqrt(np.mean(U * U))),
               adafactor_alpha1=float((1.0 - params["W"][0, 0]) / U[0, 0]))     # the step's size α₁, read back
    # a 4096×4096 matrix: the state each class would create, from its own shapes (a broadcast view: no memory)
    n = 4096
    big = np.broadcast_to(np.zeros((), dtype=np.float32), (n, n))
    shapes = Adafactor()._state_shapes(big)
    from optimizers import Adam
    out.update(adafactor_big_n=n, adafactor_big_params=n * n,
               adafactor_big_adam=len(Adam.state_names) * n * n,
               adafactor_big_ours=int(sum(np.prod(s) for s in shapes.values())),
               adafactor_big_ratio=len(Adam.state_names) * n * n / int(sum(np.prod(s) for s in shapes.values())))
    return out


def _adam_variants() -> dict:
    """Adamax's first step and its memory of a large gradient; NAdam's first step and μₜ; RAdam's ρₜ and its
    first (momentum-only) step, and the sixth, the first rectified one."""
    from optimizers import Adamax, NAdam, RAdam
    from optimizers.adam_variants import _mu
    out: dict = {}
    g, theta0 = 0.5, 1.0
    # Adamax: θ₁ = θ₀ − η/(1 − β₁) · m₁/u₁ with m₁ = (1 − β₁) g, u₁ = |g| + ε
    opt = Adamax()
    th, m = _run(opt, theta0, [g], "exp_avg")
    _, u = _run(Adamax(), theta0, [g], "exp_inf")
    out.update(adamax_lr=opt.lr, adamax_beta1=opt.betas[0], adamax_beta2=opt.betas[1], adamax_eps=opt.eps,
               adamax_g=g, adamax_theta0=theta0, adamax_m1=m[0], adamax_u1=u[0], adamax_theta1=th[0],
               adamax_step1_ratio=(theta0 - th[0]) / opt.lr)
    # a large gradient, then the small one again: u keeps the large one (decayed by β₂)
    g_big = 5.0
    th, u = _run(Adamax(), theta0, [g, g_big, g], "exp_inf")
    out.update(adamax_g_big=g_big, adamax_u3=u[2], adamax_step3_ratio=(th[1] - th[2]) / opt.lr)
    th_a, _ = _run(Adam(), theta0, [g, g_big, g])
    out.update(adam_spike_step3_ratio=(th_a[1] - th_a[2]) / Adam().lr)
    # NAdam: the first step is η (1 + (1 − β₁) μ₂/(1 − μ₁μ₂)) sign(g): a little longer than Adam's
    opt = NAdam()
    th, _ = _run(opt, theta0, [g])
    b1, psi = opt.betas[0], opt.momentum_decay
    out.update(nadam_lr=opt.lr, nadam_beta1=b1, nadam_psi=psi, nadam_g=g, nadam_theta0=theta0,
               nadam_mu1=_mu(b1, psi, 1), nadam_mu2=_mu(b1, psi, 2), nadam_theta1=th[0],
               nadam_step1_ratio=(theta0 - th[0]) / opt.lr)
    out["nadam_mu1_text"], out["nadam_mu2_text"] = answer_digits(out["nadam_mu1"], out["nadam_mu2"])
    out["nadam_theta1_text"] = answer_digits(theta0, th[0])[1]
    # RAdam: ρₜ ≤ 5 for t ≤ 5: θ ← θ − η m̂ (momentum alone, the step scales with g); t = 6: η m̂ r₆ l₆
    opt = RAdam()
    beta2 = opt.betas[1]
    rho_inf = 2 / (1 - beta2) - 1
    rho_inf = int(round(rho_inf)) if abs(rho_inf - round(rho_inf)) < 1e-9 else rho_inf   # 1999, as said
    th, _ = _run(opt, theta0, [g] * 6)
    out.update(radam_lr=opt.lr, radam_beta2=beta2, radam_g=g, radam_theta0=theta0, radam_rho_inf=rho_inf,
               radam_theta1=th[0], radam_step1=theta0 - th[0], radam_step1_ratio=(theta0 - th[0]) / opt.lr,
               radam_step5_ratio=(th[3] - th[4]) / opt.lr, radam_step6_ratio=(th[4] - th[5]) / opt.lr)
    out["radam_theta1_text"] = answer_digits(theta0, th[0])[1]
    for t in (1, 2, 5, 6):
        out[f"radam_rho{t}"] = rho_inf - 2 * t * beta2 ** t / (1 - beta2 ** t)
    return out


register(Study(name="exercises", compute=compute))
