"""The tutorial pages say what the package does.

* Every optimizer page exists in Korean and English, with the same explicit
  heading ids (so anchors and citations don't depend on the language) and the
  sections in the order the tutorial promises.
* The pseudo-code of each page, written out here line by line with the page's
  letters, gives the same first steps as the package on a fixed input.
* The facts the pages state about first steps (Adam ≈ η·sign g, RMSProp
  η/√(1−α), …) and about the textbook's Nesterov hold.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from optimizers import OPTIMIZERS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LANGS = ("ko", "en")
SECTIONS = ["in-short", "update-rule", "implementation", "hyperparameters", "pros-cons", "when-to-use",
            "pitfalls", "references"]
HEADING_ID = re.compile(r"^#{1,6} .*\{ #([\w-]+) \}\s*$", re.M)

# A fixed input: two steps on a parameter with coordinates of very different gradient size.
THETA0 = np.array([1.0, -2.0, 0.5])
# ... and for a rule defined only on matrices (Muon), a 2 × 3 matrix whose rows see that same gradient
THETA0_MATRIX = np.array([[1.0, -2.0, 0.5], [0.3, 0.7, -1.2]])


def start(name):
    return (THETA0_MATRIX if OPTIMIZERS[name].matrix_only else THETA0).copy()


def grad(theta):
    return np.array([0.1, 4.0, -1.0]) * theta + np.array([0.3, 0.0, 0.2])


def ids(path: Path) -> list[str]:
    return HEADING_ID.findall(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- pages


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_page_exists_in_both_languages_with_the_same_ids(name):
    pages = {lang: DOCS / lang / "optimizers" / f"{name.lower()}.md" for lang in LANGS}
    for lang, page in pages.items():
        assert page.exists(), f"{name}: no {lang} page"
    assert ids(pages["ko"]) == ids(pages["en"]), f"{name}: heading ids differ between ko and en"


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_page_has_the_tutorial_sections_in_order(name):
    found = ids(DOCS / "ko" / "optimizers" / f"{name.lower()}.md")
    present = [s for s in found if s in SECTIONS]
    assert present == SECTIONS, f"{name}: sections {present}, expected {SECTIONS}"


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_page_includes_the_code_and_quotes_computed_verdicts(name):
    for lang in LANGS:
        text = (DOCS / lang / "optimizers" / f"{name.lower()}.md").read_text(encoding="utf-8")
        assert f':{name.lower()}"' in text, f"{name} ({lang}): the source is not included with --8<--"
        assert f'--8<-- "{lang}/{name.lower()}-defaults.md"' in text
        assert f'--8<-- "{lang}/claims-{name.lower()}.md"' in text, f"{name} ({lang}): the judged pros and cons are not included"
        assert "```text" in text, f"{name} ({lang}): no pseudo-code block"


@pytest.mark.parametrize("page", ["index.md", "guide.md", "overview.md", "dlfs.md", "glossary.md", "cite.md"])
def test_guide_pages_have_the_same_ids_in_both_languages(page):
    assert ids(DOCS / "ko" / page) == ids(DOCS / "en" / page)


def test_external_links_are_https():
    for lang in LANGS:
        for page in (DOCS / lang).rglob("*.md"):
            for url in re.findall(r"\]\((http[^)\s]*)", page.read_text(encoding="utf-8")):
                assert url.startswith("https://"), f"{page}: {url}"


# --------------------------------------------------------------------------- pseudo-code = package


def pseudo(name, steps=2):
    """The page's pseudo-code, line for line, with the page's default hyperparameters. For the schedule-free
    rules, the point returned is y, which the parameters hold in train mode."""
    theta = start(name)
    if name == "SGD":
        eta = 1e-3
        for _ in range(steps):
            g = grad(theta)
            theta = theta - eta * g
    elif name in ("Momentum", "NAG"):
        eta, mu, b = 1e-3, 0.9, np.zeros(3)
        for _ in range(steps):
            g = grad(theta)
            b = mu * b + g
            theta = theta - eta * (b if name == "Momentum" else g + mu * b)
    elif name == "AdaGrad":
        eta, eps, s = 0.01, 1e-10, np.zeros(3)
        for _ in range(steps):
            g = grad(theta)
            s = s + g * g
            theta = theta - eta * g / (np.sqrt(s) + eps)
    elif name == "RMSProp":
        eta, alpha, eps, s = 0.01, 0.99, 1e-8, np.zeros(3)
        for _ in range(steps):
            g = grad(theta)
            s = alpha * s + (1 - alpha) * g * g
            theta = theta - eta * g / (np.sqrt(s) + eps)
    elif name == "AdaDelta":
        eta, rho, eps, s, u = 1.0, 0.9, 1e-6, np.zeros(3), np.zeros(3)
        for _ in range(steps):
            g = grad(theta)
            s = rho * s + (1 - rho) * g * g
            delta = np.sqrt(u + eps) / np.sqrt(s + eps) * g
            u = rho * u + (1 - rho) * delta * delta
            theta = theta - eta * delta
    elif name in ("Adam", "AdamW"):
        eta, b1, b2, eps, lam = 1e-3, 0.9, 0.999, 1e-8, (1e-2 if name == "AdamW" else 0.0)
        m, v = np.zeros(3), np.zeros(3)
        for t in range(1, steps + 1):
            g = grad(theta)
            theta = theta * (1 - eta * lam)
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g * g
            m_hat, v_hat = m / (1 - b1 ** t), v / (1 - b2 ** t)
            theta = theta - eta * m_hat / (np.sqrt(v_hat) + eps)
    elif name == "Adamax":
        eta, b1, b2, eps, m, u = 2e-3, 0.9, 0.999, 1e-8, np.zeros(3), np.zeros(3)
        for t in range(1, steps + 1):
            g = grad(theta)
            m = b1 * m + (1 - b1) * g
            u = np.maximum(b2 * u, np.abs(g) + eps)
            theta = theta - eta / (1 - b1 ** t) * m / u
    elif name == "NAdam":
        eta, b1, b2, eps, psi, m, v, Pi = 2e-3, 0.9, 0.999, 1e-8, 4e-3, np.zeros(3), np.zeros(3), 1.0
        for t in range(1, steps + 1):
            g = grad(theta)
            mu_t, mu_next = b1 * (1 - 0.5 * 0.96 ** (t * psi)), b1 * (1 - 0.5 * 0.96 ** ((t + 1) * psi))
            Pi = Pi * mu_t
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g * g
            d = np.sqrt(v / (1 - b2 ** t)) + eps
            theta = theta - eta * (1 - mu_t) / (1 - Pi) * g / d - eta * mu_next / (1 - Pi * mu_next) * m / d
    elif name == "RAdam":
        eta, b1, b2, eps, m, v = 1e-3, 0.9, 0.999, 1e-8, np.zeros(3), np.zeros(3)
        rho_inf = 2 / (1 - b2) - 1
        for t in range(1, steps + 1):
            g = grad(theta)
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g * g
            m_hat = m / (1 - b1 ** t)
            rho_t = rho_inf - 2 * t * b2 ** t / (1 - b2 ** t)
            if rho_t > 5:
                r_t = np.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t))
                l_t = np.sqrt(1 - b2 ** t) / (np.sqrt(v) + eps)
                theta = theta - eta * m_hat * r_t * l_t
            else:
                theta = theta - eta * m_hat
    elif name == "Adafactor":        # a vector: the unfactored V̂; ε₁ = None is float64's machine ε
        eta, tau, eps1, eps2, d, lam, V = 1e-2, -0.8, np.finfo(np.float64).eps, 1e-3, 1.0, 0.0, np.zeros(3)

        def rms(x):
            return np.sqrt(np.mean(x * x))
        for t in range(1, steps + 1):
            g = grad(theta)
            b2_hat, rho = 1 - t ** tau, min(eta, 1 / np.sqrt(t))
            alpha = max(eps2, rms(theta)) * rho
            theta = theta * (1 - eta * lam)
            V = b2_hat * V + (1 - b2_hat) * g * g
            U = g / np.maximum(np.sqrt(V), eps1)
            U_hat = U / max(1.0, rms(U) / d)
            theta = theta - alpha * U_hat
    elif name == "Lion":
        eta, b1, b2, lam, m = 1e-4, 0.9, 0.99, 0.0, np.zeros(3)
        for _ in range(steps):
            g = grad(theta)
            c = b1 * m + (1 - b1) * g
            theta = theta * (1 - eta * lam) - eta * np.sign(c)
            m = b2 * m + (1 - b2) * g
    elif name == "Muon":             # a 2 × 3 matrix: s = √max(1, m/n) = 1 ("original", the default)
        eta, mu, (a, b, c), k, lam, eps, s = 1e-3, 0.95, (3.4445, -4.7750, 2.0315), 5, 0.1, 1e-7, 1.0
        B = np.zeros_like(theta)
        for _ in range(steps):
            g = grad(theta)
            B = mu * B + (1 - mu) * g
            B_tilde = (1 - mu) * g + mu * B
            X = B_tilde / max(np.linalg.norm(B_tilde), eps)
            for _ in range(k):
                A = X @ X.T
                X = a * X + (b * A + c * A @ A) @ X
            theta = theta * (1 - eta * lam) - eta * s * X
    elif name == "SGDScheduleFree":  # T_w = 0: no warm-up, η_t = η
        eta, beta, lam, r, p = 1.0, 0.9, 0.0, 0.0, 2.0
        z, y, sum_w, eta_max = theta.copy(), theta.copy(), 0.0, -1.0
        for t in range(1, steps + 1):
            g = grad(y) + lam * y
            eta_t = eta
            eta_max = max(eta_max, eta_t)
            w = t ** r * eta_max ** p
            sum_w = sum_w + w
            c = w / sum_w
            y = (1 - c) * y + c * z + eta_t * (beta * (1 - c) - 1) * g
            z = z - eta_t * g
        theta = y
    elif name == "AdamWScheduleFree":
        eta, b1, b2, eps, lam, r, p = 2.5e-3, 0.9, 0.999, 1e-8, 0.0, 0.0, 2.0
        z, y, v, sum_w, eta_max = theta.copy(), theta.copy(), np.zeros(3), 0.0, -1.0
        for t in range(1, steps + 1):
            g = grad(y)
            eta_t = eta
            eta_max = max(eta_max, eta_t)
            w = t ** r * eta_max ** p
            sum_w = sum_w + w
            c = w / sum_w
            v = b2 * v + (1 - b2) * g * g
            v_hat = v / (1 - b2 ** t)
            g_hat = g / (np.sqrt(v_hat) + eps) + lam * y
            y = (1 - c) * y + c * z + eta_t * (b1 * (1 - c) - 1) * g_hat
            z = z - eta_t * g_hat
        theta = y
    else:  # a new optimizer needs its pseudo-code here (and a page)
        raise AssertionError(f"no pseudo-code for {name}")
    return theta


def package(name, steps=2, **kw):
    theta = start(name)
    opt = OPTIMIZERS[name](**kw)
    if hasattr(opt, "train"):        # schedule-free: steps only in train mode, where θ holds y (the page's opt.train)
        opt.train(theta)
    for _ in range(steps):
        opt.update(theta, grad(theta))
    return theta


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_pseudo_code_matches_the_package(name):
    np.testing.assert_allclose(package(name), pseudo(name), rtol=1e-12, atol=0)


def test_momentum_conventions_agree_at_a_fixed_lr():
    """Sutskever's v ← μv − ηg, θ ← θ + v equals torch's b ← μb + g, θ ← θ − ηb (v = −ηb)."""
    eta, mu, theta, v = 0.01, 0.9, THETA0.copy(), np.zeros(3)
    for _ in range(5):
        v = mu * v - eta * grad(theta)
        theta = theta + v
    np.testing.assert_allclose(theta, package("Momentum", 5, lr=eta), rtol=1e-12)


def dlfs_nesterov(order: str, steps=5, eta=0.01, mu=0.9):
    theta, v = THETA0.copy(), np.zeros(3)
    for _ in range(steps):
        g = grad(theta)
        if order == "old-v":                 # θ first, with the old v (the page's form)
            theta = theta + mu * mu * v - (1 + mu) * eta * g
            v = mu * v - eta * g
        else:                                # v first, then θ with the new v
            v = mu * v - eta * g
            theta = theta + mu * mu * v - (1 + mu) * eta * g
    return theta


def test_dlfs_nesterov_matches_nag_only_in_the_right_order():
    nag = package("NAG", 5, lr=0.01)
    np.testing.assert_allclose(dlfs_nesterov("old-v"), nag, rtol=1e-12)
    assert not np.allclose(dlfs_nesterov("new-v"), nag, rtol=1e-6)


# --------------------------------------------------------------------------- facts stated on the pages


def first_step(name, **kw):
    return package(name, 1, **kw) - THETA0


def test_first_steps_stated_on_the_pages():
    g = grad(THETA0)
    # AdaGrad (s₀ = 0) and Adam: about η·sign(g) whatever |g|
    np.testing.assert_allclose(first_step("AdaGrad", lr=0.1), -0.1 * np.sign(g), rtol=1e-8)
    np.testing.assert_allclose(first_step("Adam", lr=0.1), -0.1 * np.sign(g), rtol=1e-6)
    # RMSProp: η / √(1 − α) · sign(g), ≈ 10η at α = 0.99
    np.testing.assert_allclose(first_step("RMSProp", lr=0.1, alpha=0.99), -0.1 / np.sqrt(0.01) * np.sign(g),
                               rtol=1e-6)
    # Adam without bias correction would move η(1 − β₁)/√(1 − β₂) ≈ 3.16η
    assert abs((1 - 0.9) / np.sqrt(1 - 0.999) - 3.16) < 0.01
    # Keras' epsilon hat: ε̂ = ε√(1 − β₂ᵗ) gives torch's step exactly
    eta, b1, b2, eps, t = 0.1, 0.9, 0.999, 1e-3, 1
    m, v = (1 - b1) * g, (1 - b2) * g * g
    torch_step = eta * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
    lr_t = eta * np.sqrt(1 - b2 ** t) / (1 - b1 ** t)
    keras_step = lr_t * m / (np.sqrt(v) + eps * np.sqrt(1 - b2 ** t))
    np.testing.assert_allclose(keras_step, torch_step, rtol=1e-12)


def test_adamw_decay_is_lr_times_lambda():
    """With a zero gradient AdamW only decays: θ ← θ(1 − ηλ), as the page states."""
    theta = THETA0.copy()
    opt = OPTIMIZERS["AdamW"](lr=0.1, weight_decay=0.5)
    opt.update(theta, np.zeros(3))
    np.testing.assert_allclose(theta, THETA0 * (1 - 0.1 * 0.5), rtol=1e-12)


def test_adadelta_first_step_is_set_by_eps():
    """The page: the first step is about √ε / √((1 − ρ) g²) · g, so ε sets how fast AdaDelta starts."""
    g = grad(THETA0)
    eps, rho = 1e-6, 0.9
    expected = -np.sqrt(eps) / np.sqrt((1 - rho) * g * g + eps) * g
    np.testing.assert_allclose(first_step("AdaDelta"), expected, rtol=1e-12)


# --------------------------------------------------------------------------- "Coming from Deep Learning from Scratch"


def test_dlfs_example_runs_and_matches():
    """The runnable example on docs/*/dlfs.md (included from here, so it is tested)."""
    # --8<-- [start:dlfs]
    import numpy as np

    from optimizers import AdaGrad, Adam, Momentum, RMSProp

    def grad(params):                      # f(x, y) = x²/20 + y², the book's skewed bowl
        return {"x": params["x"] / 10, "y": 2 * params["y"]}

    # the book's classes → this package, with the book's numbers made explicit
    book_to_package = {
        "Momentum(lr=0.01, momentum=0.9)": Momentum(lr=0.01, momentum=0.9),
        "AdaGrad(lr=0.01)": AdaGrad(lr=0.01, eps=1e-7),
        "RMSprop(lr=0.01, decay_rate=0.99)": RMSProp(lr=0.01, alpha=0.99, eps=1e-7),
        "Adam(lr=0.001)": Adam(lr=0.001, betas=(0.9, 0.999)),
    }
    for name, opt in book_to_package.items():
        params = {"x": np.array([-7.0]), "y": np.array([2.0])}   # arrays: updated in place
        for _ in range(100):
            opt.update(params, grad(params))
        print(f"{name:36s} x = {params['x'][0]:+.4f}, y = {params['y'][0]:+.4f}")
    # --8<-- [end:dlfs]

    # the same 100 steps written the book's way (velocity form, h, decay_rate, folded Adam)
    def book(kind):
        p = {"x": np.array([-7.0]), "y": np.array([2.0])}
        v = {k: np.zeros(1) for k in p}
        h = {k: np.zeros(1) for k in p}
        for it in range(1, 101):
            g = grad(p)
            for k in p:
                if kind == "momentum":
                    v[k] = 0.9 * v[k] - 0.01 * g[k]
                    p[k] += v[k]
                elif kind == "adagrad":
                    h[k] += g[k] * g[k]
                    p[k] -= 0.01 * g[k] / (np.sqrt(h[k]) + 1e-7)
                elif kind == "rmsprop":
                    h[k] *= 0.99
                    h[k] += (1 - 0.99) * g[k] * g[k]
                    p[k] -= 0.01 * g[k] / (np.sqrt(h[k]) + 1e-7)
                else:                                   # Adam with the correction folded into lr_t
                    lr_t = 0.001 * np.sqrt(1 - 0.999 ** it) / (1 - 0.9 ** it)
                    v[k] += (1 - 0.9) * (g[k] - v[k])
                    h[k] += (1 - 0.999) * (g[k] ** 2 - h[k])
                    p[k] -= lr_t * v[k] / (np.sqrt(h[k]) + 1e-7)
        return np.array([p["x"][0], p["y"][0]])

    for kind, cls_kw in (("momentum", (Momentum, dict(lr=0.01, momentum=0.9))),
                         ("adagrad", (AdaGrad, dict(lr=0.01, eps=1e-7))),
                         ("rmsprop", (RMSProp, dict(lr=0.01, alpha=0.99, eps=1e-7))),
                         ("adam", (Adam, dict(lr=0.001)))):
        cls, kw = cls_kw
        p = {"x": np.array([-7.0]), "y": np.array([2.0])}
        opt = cls(**kw)
        for _ in range(100):
            opt.update(p, grad(p))
        # identical up to rounding; Adam differs only by where ε sits (ε̂ = 1e-7 vs ε = 1e-8)
        np.testing.assert_allclose([p["x"][0], p["y"][0]], book(kind), rtol=1e-9 if kind != "adam" else 1e-5,
                                   atol=1e-12 if kind != "adam" else 1e-6)
