"""The seed function by hand: f(x, y) = x² + y² + xy − 4x − 8y (problems/quadratic-by-hand.md).

Three sets of numbers a student can check with a pencil:

* the gradient at the start, the Hessian and its eigenvalues (``numpy.linalg.eigvalsh``), hence the bound
  η < 2/λ_max for plain gradient descent, and an lr sweep of SGD around it (one vectorised run);
* the first iterates of every optimizer of the original notes, at the notebook's settings, run by the package;
* the notebook's own arithmetic (its update rules, with and without its ``round(..., 4)``), so the page can say
  which printed numbers differ from the exact ones and why. The printed numbers themselves are quoted on the
  page from the notebook; ``rounded`` here only shows that its rounding explains them.
"""

from __future__ import annotations

import numpy as np

from optimizers import NAG, PROBLEMS, SGD, AdaGrad, Adam, Momentum, RMSProp, run

from .figures import _figure, _png, words
from .studies import Study, register

PROBLEM = "quadratic"
#: iterates shown in the page's table, and computed in the notebook's arithmetic for the comparison
SHOWN, NOTEBOOK_STEPS = 4, 10
#: the sweep: SGD lrs 0.02, 0.04, …, 0.9 (steps of 0.02 bracket 2/3 with 0.66 and 0.68), distance after N steps
SWEEP_LRS = np.round(np.arange(1, 46) * 0.02, 2)
SWEEP_STEPS = 50
#: the notebook's ε (all three adaptive rules) and its settings, as torch-named hyperparameters
NB_EPS = 1e-7
SETTINGS = {
    "SGD": dict(lr=0.5),
    "Momentum": dict(lr=0.5, momentum=0.5),
    "NAG": dict(lr=0.2, momentum=0.8),
    "AdaGrad": dict(lr=10.0, eps=NB_EPS),
    "RMSProp": dict(lr=0.9, alpha=0.75, eps=NB_EPS),
    "Adam": dict(lr=0.9, betas=(0.9, 0.999)),
}
CLASSES = {"SGD": SGD, "Momentum": Momentum, "NAG": NAG, "AdaGrad": AdaGrad, "RMSProp": RMSProp, "Adam": Adam}


def cell(v: float) -> str:
    """An iterate as the table prints it: at most 6 decimals, no trailing zeros (2, 0.5, 1.3184, 0.116283)."""
    s = f"{v:.6f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def point(xy) -> str:
    return f"({cell(xy[0])}, {cell(xy[1])})"


# --- the notebook's update rules, in its own letters (v for Momentum/NAG is its velocity, h its accumulator) ---

def _notebook_run(name: str, steps: int, rnd) -> tuple[list, list]:
    """Iterates (and NAG's velocity v) of the notebook's rule for ``name``; ``rnd`` is its round(., 4) or not."""
    s = SETTINGS[name]

    def grad(x, y):
        return [rnd(2 * x + y - 4.0), rnd(2 * y + x - 8.0)]

    p, v, h, m, t = [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], 0
    out, vel = [], []
    for _ in range(steps):
        g = grad(*p)
        t += 1
        for i in range(2):
            if name == "SGD":
                p[i] -= s["lr"] * g[i]
            elif name == "Momentum":
                v[i] = s["momentum"] * v[i] - s["lr"] * g[i]
                p[i] += v[i]
            elif name == "NAG":
                mu = s["momentum"]
                p[i] += mu * mu * v[i]
                p[i] -= (1 + mu) * s["lr"] * g[i]
                v[i] = mu * v[i] - s["lr"] * g[i]
            elif name == "AdaGrad":
                h[i] = rnd(h[i] + g[i] * g[i])
                p[i] = rnd(p[i] - s["lr"] * g[i] / (np.sqrt(h[i]) + NB_EPS))
            elif name == "RMSProp":
                gamma = s["alpha"]
                h[i] = rnd(gamma * h[i] + (1 - gamma) * g[i] * g[i])
                p[i] = rnd(p[i] - s["lr"] * g[i] / (np.sqrt(h[i]) + NB_EPS))
            elif name == "Adam":
                b1, b2 = s["betas"]
                lr_t = s["lr"] * np.sqrt(1.0 - b2 ** t) / (1.0 - b1 ** t)
                m[i] = rnd(b1 * m[i] + (1.0 - b1) * g[i])
                h[i] = rnd(b2 * h[i] + (1.0 - b2) * g[i] ** 2)
                p[i] = rnd(p[i] - lr_t * m[i] / np.sqrt(h[i] + NB_EPS))
        out.append([float(p[0]), float(p[1])])
        vel.append([float(v[0]), float(v[1])])
    return out, vel


def _round4(x: float) -> float:
    return round(float(x), 4)


def _same(x: float) -> float:
    return float(x)


def compute() -> dict:
    problem = PROBLEMS[PROBLEM]
    start = np.asarray(problem.start, dtype=float)
    g0 = problem.grad(start)
    # the Hessian of a quadratic is constant: column i is ∇f(e_i) − ∇f(0), exactly
    hess = np.stack([problem.grad(np.eye(2)[i]) - problem.grad(np.zeros(2)) for i in range(2)], axis=1)
    lam = np.linalg.eigvalsh(hess)
    bound = 2.0 / float(lam[-1])
    x_star = np.asarray(problem.minima[0])

    out: dict = {
        "start": point(start), "grad_x0": float(g0[0]), "grad_y0": float(g0[1]), "grad0": point(g0),
        "h_xx": float(hess[0, 0]), "h_xy": float(hess[0, 1]), "h_yy": float(hess[1, 1]),
        "lam_min": float(lam[0]), "lam_max": float(lam[-1]), "bound": bound,
        "x_star": point(x_star), "f_min": float(problem.f_min),
    }

    # the sweep: one SGD with a length-K lr, one run of K trajectories
    h = run(SGD(lr=SWEEP_LRS), problem, SWEEP_STEPS, escape=1e15)
    dist = np.linalg.norm(h.trajectory[-1] - x_star, axis=-1)
    d0 = float(np.linalg.norm(start - x_star))
    shrank = dist < d0
    out.update({
        "sweep_lrs": SWEEP_LRS.tolist(), "sweep_dist": dist.tolist(), "sweep_diverged": h.diverged.tolist(),
        "sweep_steps": SWEEP_STEPS, "sweep_n": len(SWEEP_LRS), "sweep_lr_lo": float(SWEEP_LRS[0]),
        "sweep_lr_hi": float(SWEEP_LRS[-1]), "sweep_lr_step": float(SWEEP_LRS[1] - SWEEP_LRS[0]), "d0": d0,
        "stable_max_lr": float(SWEEP_LRS[shrank].max()), "unstable_min_lr": float(SWEEP_LRS[~shrank].min()),
        "all_below_shrink": bool(shrank[SWEEP_LRS < bound].all()),
        "all_above_grow": bool((~shrank[SWEEP_LRS > bound]).all()),
    })
    for lr in (0.3, 0.66, 0.68):
        out[f"sweep_dist_{lr}"] = float(dist[np.isclose(SWEEP_LRS, lr)][0])
    # per-step factor of the slowest/fastest direction, |1 − ηλ|, at the two lrs that bracket the bound
    for lr in (0.66, 0.68):
        out[f"factor_{lr}"] = float(abs(1 - lr * lam[-1]))

    # first iterates of every optimizer, by the package, and the notebook's rule without rounding beside them
    for name, kw in SETTINGS.items():
        opt = CLASSES[name](**kw)
        rec = {"Momentum": ("momentum_buffer",), "NAG": ("momentum_buffer",), "Adam": ("exp_avg", "exp_avg_sq")}.get(name, ())
        hist = run(opt, problem, NOTEBOOK_STEPS, escape=1e6, record_state=rec)
        ours = hist.trajectory[1:, 0, :]
        exact_nb, vel = _notebook_run(name, NOTEBOOK_STEPS, _same)
        rounded_nb, _ = _notebook_run(name, NOTEBOOK_STEPS, _round4)
        key = name.lower()
        out[f"{key}.settings"] = ", ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in kw.items())
        for t in (3, 7):     # the exact gradient at an iterate whose gradient the notebook rounds (see the page)
            out[f"{key}.{t}.grad"] = point(problem.grad(ours[t - 1]))
            out[f"{key}.{t}.grad_y"] = cell(problem.grad(ours[t - 1])[1])
        if name == "Adam":
            for t in (1, 2):
                out[f"adam.{t}.m"] = point(hist.state["exp_avg"][t - 1, 0])
                out[f"adam.{t}.v"] = point(hist.state["exp_avg_sq"][t - 1, 0])
        out[f"{key}.iterates"] = ours.tolist()
        out[f"{key}.notebook_rounded"] = rounded_nb
        out[f"{key}.notebook_form_maxdiff"] = float(np.abs(ours[:SHOWN] - np.asarray(exact_nb[:SHOWN])).max())
        for t in range(1, NOTEBOOK_STEPS + 1):
            out[f"{key}.{t}"] = point(ours[t - 1])
            out[f"{key}.{t}.x"] = cell(ours[t - 1, 0])
            out[f"{key}.{t}.y"] = cell(ours[t - 1, 1])
        if name in ("Momentum", "NAG"):
            # the notebook's velocity is v_t = −η b_t: torch's buffer b times −lr
            b = hist.state["momentum_buffer"][:, 0, :]
            v = -kw["lr"] * b
            out[f"{key}.v_vs_notebook_maxdiff"] = float(np.abs(v[:SHOWN] - np.asarray(vel[:SHOWN])).max())
            for t in range(1, SHOWN + 1):
                out[f"{key}.{t}.v"] = point(v[t - 1])
    out["momentum_forms_maxdiff"] = max(out["momentum.notebook_form_maxdiff"], out["nag.notebook_form_maxdiff"],
                                        out["momentum.v_vs_notebook_maxdiff"], out["nag.v_vs_notebook_maxdiff"])
    out["momentum_forms_equal"] = bool(out["momentum_forms_maxdiff"] < 1e-12)
    # how far the package's Adam (ε outside √v̂) is from the notebook's (ε inside √v) over the shown steps
    out["adam_eps_maxdiff"] = out["adam.notebook_form_maxdiff"]
    return out


def figure_sweep(result: dict, style, lang: str) -> bytes:
    w = words(lang)
    fig, ax, rc = _figure(style, size=(6.4, 3.8), lang=lang)
    import matplotlib.pyplot as plt
    with plt.rc_context(rc):
        lrs, dist = np.asarray(result["sweep_lrs"]), np.asarray(result["sweep_dist"])
        below = lrs < result["bound"]
        ax.plot(lrs, dist, color=style.palette[0], linestyle="-", linewidth=1)
        ax.plot(lrs[below], dist[below], color=style.palette[0], marker="o", markersize=4, linestyle="none",
                label=w["quad_shrinks"])
        ax.plot(lrs[~below], dist[~below], color=style.palette[3], marker="x", markersize=5, linestyle="none",
                label=w["quad_grows"])
        ax.axvline(result["bound"], color=style.foreground, linestyle="--", linewidth=1,
                   label=w["quad_bound"].format(bound=f"{result['bound']:.3g}"))
        ax.axhline(result["d0"], color=style.foreground, alpha=0.6, linestyle=":", linewidth=1, label=w["quad_start_dist"])
        ax.set_yscale("log")
        ax.set_xlabel(w["lr_axis"])
        ax.set_ylabel(w["quad_dist_axis"].format(steps=result["sweep_steps"]))
        ax.grid(True, alpha=0.5)
        ax.legend(fontsize=8, loc="upper left")
        return _png(fig)


register(Study(
    name="quadratic-by-hand",
    compute=compute,
    figure=figure_sweep,
    alt={"ko": "SGD의 학습률을 {sweep_lr_lo}부터 {sweep_lr_hi}까지 바꾸며 {sweep_steps}스텝 뒤 최적점까지의 거리를 그린 "
               "그래프입니다. 경계 2/3 아래에서는 거리가 시작할 때보다 줄고, 경계 위에서는 커집니다.",
         "en": "SGD's distance to the minimum after {sweep_steps} steps, for learning rates from {sweep_lr_lo} to "
               "{sweep_lr_hi}. Below the bound 2/3 it shrinks from its start; above it, it grows."},
    caption={"ko": "원본 스터디 노트의 이차 함수에서 시작점 {start}, SGD를 학습률 {sweep_n}개({sweep_lr_lo}~{sweep_lr_hi}, "
                   "간격 {sweep_lr_step})로 벡터화해서 한 번에 {sweep_steps}스텝 실행. 세로축은 로그 축, 점선은 "
                   "\\(\\eta = 2/\\lambda_{{\\max}}\\).",
             "en": "The seed quadratic from {start}: SGD at {sweep_n} learning rates ({sweep_lr_lo} to "
                   "{sweep_lr_hi}, step {sweep_lr_step}) run as one vectorised call for {sweep_steps} steps. "
                   "Log vertical axis; the dashed line is \\(\\eta = 2/\\lambda_{{\\max}}\\)."},
))
