"""What the pages say about Keras, optax and *Deep Learning from Scratch*, checked by running them.

Every difference an optimizer page, the DLfS page or the guide states about another library
(defaults, where ε goes, the Nesterov form, how weight decay couples, bias correction) has a
small side-by-side run here that fails if the statement is wrong. torch is checked the same way
in ``test_optimizers.py``.

* Keras 3 runs on the JAX backend (CPU), optax on JAX, both in float64. They are test-only
  dependencies (``requirements-test.lock``, installed by ``make test``). Without them the tests
  skip; under ``CI=true`` they fail.
* The book's code is not installable, so its runs are a fixture (``fixtures/dlfs_golden.json``,
  made from a checkout by ``fixtures/dlfs_make_golden.py``). With ``DLFS_REPO`` pointing at a
  checkout, the fixture is also regenerated and compared live.
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import re
import sys
from pathlib import Path

import numpy as np
import pytest

from helpers import need
from optimizers import NAG, SGD, AdaDelta, AdaGrad, Adam, AdamW, Momentum, RMSProp

os.environ.setdefault("KERAS_BACKEND", "jax")

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(FIXTURES))
import dlfs_make_golden as dlfs  # noqa: E402

# keras' Variable.__array__ predates NumPy 2's copy keyword; harmless here
pytestmark = pytest.mark.filterwarnings("ignore:__array__ implementation:DeprecationWarning")
T0 = np.array([1.0, -2.0, 0.5])


def grad(theta):
    """Coordinates with gradients of very different size (as in test_tutorial.py)."""
    return np.array([0.1, 4.0, -1.0]) * theta + np.array([0.3, 0.0, 0.2])


@pytest.fixture(scope="module")
def jnp():
    jax = need("jax")
    jax.config.update("jax_enable_x64", True)
    return importlib.import_module("jax.numpy")


@pytest.fixture(scope="module")
def keras(jnp):
    keras = need("keras")
    assert keras.backend.backend() == "jax", "set KERAS_BACKEND=jax before keras is imported"
    keras.config.set_floatx("float64")
    return keras


@pytest.fixture(scope="module")
def optax(jnp):
    return need("optax")


# --------------------------------------------------------------------------- runners


def ours(opt, steps=3, gf=grad, t0=T0):
    theta = t0.copy()
    for _ in range(steps):
        opt.update(theta, gf(theta))
    return theta


def run_keras(keras, jnp, opt, steps=3, gf=grad, t0=T0):
    var = keras.Variable(t0.copy(), dtype="float64")
    for _ in range(steps):
        opt.apply_gradients([(jnp.asarray(gf(np.asarray(var.numpy()))), var)])
    return np.asarray(var.numpy())


def run_optax(optax, jnp, tx, steps=3, gf=grad, t0=T0):
    params = jnp.asarray(t0)
    state = tx.init(params)
    for _ in range(steps):
        updates, state = tx.update(jnp.asarray(gf(np.asarray(params))), state, params)
        params = optax.apply_updates(params, updates)
    return np.asarray(params)


def const(g):
    return lambda theta: np.full_like(theta, g)


def defaults(fn) -> dict:
    return {k: p.default for k, p in inspect.signature(fn).parameters.items()
            if p.default is not inspect.Parameter.empty}


# --------------------------------------------------------------------------- defaults the pages state

#: (library, optimizer, {argument: value}) for every default a page states in prose or a code comment
STATED_DEFAULTS = [
    ("keras", "SGD", {"learning_rate": 0.01, "momentum": 0.0, "nesterov": False}),
    ("keras", "Adagrad", {"learning_rate": 0.001, "initial_accumulator_value": 0.1, "epsilon": 1e-7}),
    ("keras", "RMSprop", {"learning_rate": 0.001, "rho": 0.9, "epsilon": 1e-7, "centered": False}),
    ("keras", "Adadelta", {"learning_rate": 0.001, "rho": 0.95, "epsilon": 1e-7}),
    ("keras", "Adam", {"learning_rate": 0.001, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7}),
    ("keras", "AdamW", {"learning_rate": 0.001, "weight_decay": 0.004, "epsilon": 1e-7}),
    ("optax", "adagrad", {"initial_accumulator_value": 0.1, "eps": 1e-7}),
    ("optax", "rmsprop", {"decay": 0.9, "eps": 1e-8, "eps_in_sqrt": True, "centered": False}),
    ("optax", "adadelta", {"rho": 0.9, "eps": 1e-6}),
    ("optax", "adam", {"b1": 0.9, "b2": 0.999, "eps": 1e-8, "eps_root": 0.0}),
    ("optax", "adamw", {"weight_decay": 1e-4, "eps": 1e-8}),
]


@pytest.mark.parametrize("lib,name,stated", STATED_DEFAULTS, ids=lambda x: x if isinstance(x, str) else "")
def test_stated_defaults(lib, name, stated, request):
    module = request.getfixturevalue(lib)
    fn = getattr(module.optimizers if lib == "keras" else module, name)
    real = defaults(fn.__init__ if lib == "keras" else fn)
    for arg, value in stated.items():
        assert real.get(arg) == value, f"{lib}.{name}({arg}=…): the pages say {value}, the library has {real.get(arg)}"


def test_optax_has_no_default_learning_rate(optax):
    """The pages give optax no default lr: its sgd, adagrad, rmsprop, adam, adamw require one."""
    for name in ("sgd", "adagrad", "rmsprop", "adam", "adamw"):
        p = inspect.signature(getattr(optax, name)).parameters["learning_rate"]
        assert p.default is inspect.Parameter.empty, name


def test_keras_study_numbers_use_keras_defaults(keras):
    from scripts.study_libraries import KERAS
    d = defaults(keras.optimizers.Adam.__init__)
    assert KERAS["adam_epsilon"] == d["epsilon"]
    assert KERAS["rmsprop_epsilon"] == defaults(keras.optimizers.RMSprop.__init__)["epsilon"]


CODE_COMMENT = re.compile(r"(keras\.optimizers|optax)\.(\w+)\(.*\)\s*#\s*(.*)$")
ASSIGN = re.compile(r"(\w+)=([^,\s]+)")


def _page_default_comments():
    """``keras.optimizers.X(...)  # arg=value, ...`` lines: the comment states defaults."""
    out = []
    for page in sorted(DOCS.glob("*/optimizers/*.md")):
        for line in page.read_text(encoding="utf-8").splitlines():
            m = CODE_COMMENT.search(line)
            if m:
                for arg, value in ASSIGN.findall(m.group(3)):
                    out.append((page.relative_to(DOCS).as_posix(), m.group(1), m.group(2), arg, value))
    return out


@pytest.mark.parametrize("page,lib,name,arg,value", _page_default_comments())
def test_defaults_in_code_comments(page, lib, name, arg, value, request):
    module = request.getfixturevalue("keras" if lib.startswith("keras") else "optax")
    fn = getattr(module.optimizers if lib.startswith("keras") else module, name)
    real = defaults(fn.__init__ if lib.startswith("keras") else fn)
    assert arg in real, f"{page}: {lib}.{name} has no argument {arg}"
    assert real[arg] == float(value), f"{page}: {lib}.{name} default {arg} is {real[arg]}, page says {value}"


# --------------------------------------------------------------------------- SGD, weight decay


def test_keras_and_optax_sgd_is_ours(keras, optax, jnp):
    np.testing.assert_allclose(run_keras(keras, jnp, keras.optimizers.SGD(0.1)), ours(SGD(lr=0.1)), rtol=1e-13)
    np.testing.assert_allclose(run_optax(optax, jnp, optax.sgd(0.1)), ours(SGD(lr=0.1)), rtol=1e-13)


def test_weight_decay_same_for_plain_sgd_different_with_momentum_and_adam(keras, jnp):
    """sgd.md: Keras' decoupled weight_decay is torch's L2 for plain SGD; not with momentum or Adam."""
    lr, lam = 0.1, 0.5
    np.testing.assert_allclose(run_keras(keras, jnp, keras.optimizers.SGD(lr, weight_decay=lam)),
                               ours(SGD(lr=lr, weight_decay=lam)), rtol=1e-13)
    # momentum: torch puts λθ into the buffer, Keras decays θ outside it
    k_mom = run_keras(keras, jnp, keras.optimizers.SGD(lr, momentum=0.9, weight_decay=lam))
    assert not np.allclose(k_mom, ours(Momentum(lr=lr, weight_decay=lam)), rtol=1e-3)
    theta, b = T0.copy(), np.zeros(3)                   # decoupled by hand: θ ← θ(1 − ηλ), then momentum on g
    for _ in range(3):
        g = grad(theta)
        theta = theta * (1 - lr * lam)
        b = 0.9 * b + g
        theta = theta - lr * b
    np.testing.assert_allclose(k_mom, theta, rtol=1e-12)
    # adaptive denominator: Keras' Adam(weight_decay) is AdamW, not torch's Adam(weight_decay) (eps = 0: same form)
    k_adam = run_keras(keras, jnp, keras.optimizers.Adam(lr, weight_decay=lam, epsilon=0.0))
    np.testing.assert_allclose(k_adam, ours(AdamW(lr=lr, weight_decay=lam, eps=0.0)), rtol=1e-12)
    assert not np.allclose(k_adam, ours(Adam(lr=lr, weight_decay=lam, eps=0.0)), rtol=1e-3)


# --------------------------------------------------------------------------- Momentum, NAG


def test_momentum_forms(keras, optax, jnp):
    """momentum.md: Keras' velocity form and optax's buffer form give our (torch's) path at a fixed lr."""
    np.testing.assert_allclose(run_keras(keras, jnp, keras.optimizers.SGD(0.1, momentum=0.9), 5),
                               ours(Momentum(lr=0.1), 5), rtol=1e-12)
    np.testing.assert_allclose(run_optax(optax, jnp, optax.sgd(0.1, momentum=0.9), 5),
                               ours(Momentum(lr=0.1), 5), rtol=1e-12)


def test_momentum_forms_part_under_a_schedule(keras, optax, jnp):
    """momentum.md: with a changing lr, Keras' velocity keeps old lrs, optax's/torch's buffer does not."""
    sched = lambda t: 0.1 / (1 + t)                      # noqa: E731
    theta_v, theta_b, v, b = T0.copy(), T0.copy(), np.zeros(3), np.zeros(3)
    for t in range(5):
        v = 0.9 * v - sched(t) * grad(theta_v)
        theta_v = theta_v + v
        b = 0.9 * b + grad(theta_b)
        theta_b = theta_b - sched(t) * b
    assert not np.allclose(theta_v, theta_b, rtol=1e-3)
    ks = keras.optimizers.schedules.InverseTimeDecay(0.1, decay_steps=1, decay_rate=1.0)
    np.testing.assert_allclose(run_keras(keras, jnp, keras.optimizers.SGD(ks, momentum=0.9), 5), theta_v, rtol=1e-9)
    tx = optax.sgd(lambda t: 0.1 / (1 + t), momentum=0.9)
    np.testing.assert_allclose(run_optax(optax, jnp, tx, 5), theta_b, rtol=1e-9)


def test_torch_dampening_skips_the_first_step():
    """momentum.md: torch's first step sets b₁ = g (no dampening); later b ← μb + (1 − d)g."""
    torch = need("torch")
    p = torch.tensor(T0.copy(), requires_grad=True)
    opt = torch.optim.SGD([p], lr=0.1, momentum=0.9, dampening=0.5)
    b = None
    for _ in range(3):
        g = grad(p.detach().numpy())
        p.grad = torch.tensor(g)
        b = g.copy() if b is None else 0.9 * b + (1 - 0.5) * g
        opt.step()
        np.testing.assert_allclose(opt.state[p]["momentum_buffer"].numpy(), b, rtol=1e-13)


def test_nesterov(keras, optax, jnp):
    """nag.md: Keras' velocity form and optax's nesterov=True give our NAG at a fixed lr."""
    np.testing.assert_allclose(run_keras(keras, jnp, keras.optimizers.SGD(0.1, momentum=0.9, nesterov=True), 5),
                               ours(NAG(lr=0.1), 5), rtol=1e-12)
    np.testing.assert_allclose(run_optax(optax, jnp, optax.sgd(0.1, momentum=0.9, nesterov=True), 5),
                               ours(NAG(lr=0.1), 5), rtol=1e-12)
    theta, v = T0.copy(), np.zeros(3)                    # the page's form: v ← μv − ηg, θ ← θ + μv − ηg
    for _ in range(5):
        g = grad(theta)
        v = 0.9 * v - 0.1 * g
        theta = theta + 0.9 * v - 0.1 * g
    np.testing.assert_allclose(theta, ours(NAG(lr=0.1), 5), rtol=1e-12)


# --------------------------------------------------------------------------- ε inside or outside the root


def test_adagrad_eps_inside_the_root(keras, optax, jnp):
    """adagrad.md: Keras and optax divide by √(s + ε); torch (and we) by √s + ε."""
    g = grad(T0)
    inside = T0 - 0.1 * g / np.sqrt(g * g + 1e-2)
    outside = T0 - 0.1 * g / (np.abs(g) + 1e-2)
    kw = dict(initial_accumulator_value=0.0)
    np.testing.assert_allclose(run_keras(keras, jnp, keras.optimizers.Adagrad(0.1, epsilon=1e-2, **kw), 1),
                               inside, rtol=1e-13)
    np.testing.assert_allclose(run_optax(optax, jnp, optax.adagrad(0.1, eps=1e-2, **kw), 1), inside, rtol=1e-13)
    np.testing.assert_allclose(ours(AdaGrad(lr=0.1, eps=1e-2), 1), outside, rtol=1e-13)


def test_adagrad_initial_accumulator_nearly_matches_keras(keras, optax, jnp):
    """adagrad.md: with s₀ = 0.1 and ε = 1e-7 we match Keras/optax to ~1e-7 (ε's place barely matters)."""
    mine = ours(AdaGrad(lr=0.1, eps=1e-7, initial_accumulator_value=0.1), 20)
    for theirs in (run_keras(keras, jnp, keras.optimizers.Adagrad(0.1), 20),
                   run_optax(optax, jnp, optax.adagrad(0.1), 20)):
        np.testing.assert_allclose(theirs, mine, rtol=1e-6)
        assert not np.array_equal(theirs, mine)
    # with torch's s₀ = 0 instead, the first steps are far apart
    assert not np.allclose(ours(AdaGrad(lr=0.1, eps=1e-7), 1), run_keras(keras, jnp, keras.optimizers.Adagrad(0.1), 1),
                           rtol=1e-2)


def test_rmsprop_eps_inside_the_root(keras, optax, jnp):
    """rmsprop.md: Keras and optax (eps_in_sqrt=True) use √(s + ε); torch √s + ε."""
    g = grad(T0)
    s = 0.1 * g * g
    inside = T0 - 0.1 * g / np.sqrt(s + 1e-2)
    np.testing.assert_allclose(run_keras(keras, jnp, keras.optimizers.RMSprop(0.1, rho=0.9, epsilon=1e-2), 1),
                               inside, rtol=1e-13)
    np.testing.assert_allclose(run_optax(optax, jnp, optax.rmsprop(0.1, decay=0.9, eps=1e-2), 1), inside, rtol=1e-13)
    np.testing.assert_allclose(ours(RMSProp(lr=0.1, alpha=0.9, eps=1e-2), 1), T0 - 0.1 * g / (np.sqrt(s) + 1e-2),
                               rtol=1e-13)


def test_rmsprop_keras_step_ratio_matches_the_study(keras, jnp):
    """The page's numbers: Keras' first step over torch's at |g| = 1e-3 … 1e-6 (same α, lr)."""
    from scripts.study_libraries import PROBE_GRADS, keras_rmsprop_first_step_ratio
    torch_like = RMSProp()
    for g in PROBE_GRADS:
        k = -run_keras(keras, jnp, keras.optimizers.RMSprop(torch_like.lr, rho=torch_like.alpha), 1, const(g),
                       np.zeros(1))[0]
        mine = -ours(RMSProp(), 1, const(g), np.zeros(1))[0]
        np.testing.assert_allclose(k / mine, keras_rmsprop_first_step_ratio(g), rtol=1e-10)


def test_rmsprop_porting_cannot_match_eps_exactly(keras, jnp):
    """guide question 5: rho=α and the lr match; no epsilon makes √(s + ε) equal √s + ε_torch at every s."""
    alpha, lr, eps_t = 0.99, 0.01, 1e-8
    for g in (1e-2, 1e-6):
        mine = -ours(RMSProp(lr=lr, alpha=alpha, eps=eps_t), 1, const(g), np.zeros(1))[0]
        for eps_k in (0.0, eps_t, eps_t ** 2):
            k = -run_keras(keras, jnp, keras.optimizers.RMSprop(lr, rho=alpha, epsilon=eps_k), 1, const(g),
                           np.zeros(1))[0]
            assert k != mine
        # the one ε that matches at this |g| (solve √((1−α)g² + ε) = √(1−α)|g| + ε_torch) fails at another
    s1, s2 = (1 - alpha) * 1e-6 ** 2, (1 - alpha) * 1e-2 ** 2
    e1 = (np.sqrt(s1) + eps_t) ** 2 - s1
    e2 = (np.sqrt(s2) + eps_t) ** 2 - s2
    assert abs(e1 - e2) / e2 > 1e-3


def test_rmsprop_centered():
    """rmsprop.md: torch's centered=True is η g / (√(s − ḡ²) + ε)."""
    torch = need("torch")
    p = torch.tensor(T0.copy(), requires_grad=True)
    opt = torch.optim.RMSprop([p], lr=0.1, alpha=0.9, eps=1e-2, centered=True)
    theta, s, gbar = T0.copy(), np.zeros(3), np.zeros(3)
    for _ in range(3):
        g = grad(theta)
        p.grad = torch.tensor(g)
        opt.step()
        s = 0.9 * s + 0.1 * g * g
        gbar = 0.9 * gbar + 0.1 * g
        theta = theta - 0.1 * g / (np.sqrt(s - gbar ** 2) + 1e-2)
        np.testing.assert_allclose(p.detach().numpy(), theta, rtol=1e-12)


def test_rmsprop_centered_keras_optax_inside(keras, optax, jnp):
    g = grad(T0)
    s, gbar = 0.1 * g * g, 0.1 * g
    inside = T0 - 0.1 * g / np.sqrt(s - gbar ** 2 + 1e-2)
    np.testing.assert_allclose(run_keras(keras, jnp, keras.optimizers.RMSprop(0.1, rho=0.9, epsilon=1e-2,
                                                                                centered=True), 1), inside, rtol=1e-12)
    np.testing.assert_allclose(run_optax(optax, jnp, optax.rmsprop(0.1, decay=0.9, eps=1e-2, centered=True), 1),
                               inside, rtol=1e-12)


def test_rmsprop_momentum_and_centered_exist(keras, optax):
    for fn in (keras.optimizers.RMSprop.__init__, optax.rmsprop):
        assert {"momentum", "centered"} <= set(inspect.signature(fn).parameters)


def test_adadelta_same_form(keras, optax, jnp):
    """adadelta.md: with the same lr, ρ and ε, Keras and optax are our (torch's) AdaDelta."""
    np.testing.assert_allclose(run_keras(keras, jnp, keras.optimizers.Adadelta(1.0, rho=0.9, epsilon=1e-6), 5),
                               ours(AdaDelta(), 5), rtol=1e-12)
    np.testing.assert_allclose(run_optax(optax, jnp, optax.adadelta(1.0, rho=0.9, eps=1e-6), 5),
                               ours(AdaDelta(), 5), rtol=1e-12)
    assert "To match the exact form in the original paper" in keras.optimizers.Adadelta.__doc__
    assert "use 1.0" in keras.optimizers.Adadelta.__doc__


# --------------------------------------------------------------------------- Adam, AdamW


def test_optax_adam_is_ours(optax, jnp):
    """adam.md: optax adds ε to √v̂ after bias correction, like torch and this package."""
    np.testing.assert_allclose(run_optax(optax, jnp, optax.adam(0.1), 5), ours(Adam(lr=0.1), 5), rtol=1e-12)
    tiny = const(1e-7)
    np.testing.assert_allclose(run_optax(optax, jnp, optax.adam(1e-3), 5, tiny), ours(Adam(), 5, tiny), rtol=1e-12)


def test_keras_adam_folded_eps_hat(keras, jnp):
    """adam.md: Keras' step is torch's with ε_t = ε̂ / √(1 − β₂ᵗ), a different ε every step."""
    eps_hat, lr, b1, b2 = 1e-7, 1e-3, 0.9, 0.999
    gf = lambda th: 1e-6 * grad(th)                       # noqa: E731 gradients near ε
    theta, m, v = T0.copy(), np.zeros(3), np.zeros(3)
    for t in range(1, 11):
        g = gf(theta)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        eps_t = eps_hat / np.sqrt(1 - b2 ** t)
        theta = theta - lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps_t)
    np.testing.assert_allclose(run_keras(keras, jnp, keras.optimizers.Adam(lr), 10, gf), theta, rtol=1e-10)
    # with ε = 0 the two forms are the same update
    np.testing.assert_allclose(run_keras(keras, jnp, keras.optimizers.Adam(0.1, epsilon=0.0), 5),
                               ours(Adam(lr=0.1, eps=0.0), 5), rtol=1e-12)


def test_keras_adam_first_step_ratio_matches_the_study(keras, jnp):
    """The page's "0.76×": the study computes it with this package; here real Keras gives it."""
    from scripts.study_libraries import PROBE_GRADS, compute, keras_adam_first_step_ratio
    values = compute()
    for g in PROBE_GRADS:
        k = -run_keras(keras, jnp, keras.optimizers.Adam(), 1, const(g), np.zeros(1))[0]
        mine = -ours(Adam(), 1, const(g), np.zeros(1))[0]
        np.testing.assert_allclose(k / mine, keras_adam_first_step_ratio(g), rtol=1e-9)
    assert 0.75 < values["keras_adam_ratio_g5"] < 0.77                 # the 0.76


def test_adamw_decay_is_lr_times_lambda(keras, optax, jnp):
    """adamw.md: Keras and optax decay θ by ηλθ per step, before the Adam step, like torch."""
    lr, lam = 0.1, 0.5
    mine = ours(AdamW(lr=lr, weight_decay=lam), 5)
    np.testing.assert_allclose(run_optax(optax, jnp, optax.adamw(lr, weight_decay=lam), 5), mine, rtol=1e-12)
    np.testing.assert_allclose(run_keras(keras, jnp, keras.optimizers.AdamW(lr, weight_decay=lam, epsilon=0.0), 5),
                               ours(AdamW(lr=lr, weight_decay=lam, eps=0.0), 5), rtol=1e-12)
    zero = const(0.0)                                     # a zero gradient: only the decay acts (Keras' ε = 0 → 0/0)
    np.testing.assert_allclose(run_optax(optax, jnp, optax.adamw(lr, weight_decay=lam), 1, zero),
                               T0 * (1 - lr * lam), rtol=1e-13)


def test_decay_masks_exist(keras, optax):
    """adamw.md: Keras `exclude_from_weight_decay`, optax `mask`."""
    assert callable(getattr(keras.optimizers.AdamW, "exclude_from_weight_decay"))
    assert "mask" in inspect.signature(optax.adamw).parameters


# --------------------------------------------------------------------------- Deep Learning from Scratch


@pytest.fixture(scope="module")
def book():
    return json.loads((FIXTURES / "dlfs_golden.json").read_text(encoding="utf-8"))


def book_run_ours(run: dict, cls, **kw):
    scale = run["scale"]
    gf = lambda th: scale * np.array([th[0] / 10.0, 2.0 * th[1]])   # noqa: E731 the book's df
    theta = np.array(run["start"], dtype=float)
    path = [theta.copy()]
    opt = cls(**kw)
    for _ in range(run["steps"]):
        opt.update(theta, gf(theta))
        path.append(theta.copy())
    return np.array(path)


def test_fixture_is_the_generator_s_table(book):
    """The fixture holds every run of the generator's table (edit both together)."""
    assert set(book["runs"]) == {r[0] for r in dlfs.RUNS}
    assert book["fix_commit"] == dlfs.FIX_COMMIT


def test_book_constants_in_the_study_are_the_book_s(book):
    """scripts/study_dlfs.py transcribes the book's defaults, ε and naive settings: all as its code has them."""
    from scripts import study_dlfs as s
    assert s.BOOK_DEFAULTS == book["defaults"]
    assert {r["class"]: r["kwargs"]["lr"] for n, r in book["runs"].items() if n.startswith("naive-")} == s.NAIVE_LRS
    assert all(r["steps"] == s.NAIVE_STEPS for r in book["runs"].values())
    from optimizers import PROBLEMS
    assert tuple(book["runs"]["naive-SGD"]["start"]) == PROBLEMS[s.PROBLEM].start
    # ε: one step from 0 with g = 1e-7 gives lr·g/(|g| + ε) — ε = 1e-7, outside the root
    g = book["probes"]["AdaGrad"]["grad"]
    assert book["probes"]["AdaGrad"]["step"] == pytest.approx(-g / (g + s.BOOK_EPS), rel=1e-12)
    rms = book["probes"]["RMSprop"]
    assert rms["step"] == pytest.approx(-g / (np.sqrt(0.01) * g + s.BOOK_EPS), rel=1e-12)
    b1, b2 = s.BOOK_DEFAULTS["Adam"]["beta1"], s.BOOK_DEFAULTS["Adam"]["beta2"]
    lr_t = np.sqrt(1 - b2) / (1 - b1)
    assert book["probes"]["Adam"]["step"] == pytest.approx(
        -lr_t * (1 - b1) * g / (np.sqrt((1 - b2) * g * g) + s.BOOK_EPS), rel=1e-12)


def test_book_default_lrs_differ_from_ours_where_the_page_says(book):
    """dlfs.md: the book's SGD/Momentum/Nesterov default to lr 0.01, this package (torch 2.13) to 1e-3."""
    from scripts.study_dlfs import BOOK_TO_PACKAGE, package_defaults
    differ = {b for b, p in BOOK_TO_PACKAGE.items() if book["defaults"][b]["lr"] != package_defaults(p)["lr"]}
    assert differ == {"SGD", "Momentum", "Nesterov"}


@pytest.mark.parametrize("name,cls,kw", [
    ("naive-SGD", SGD, dict(lr=0.95)),
    ("naive-Momentum", Momentum, dict(lr=0.1)),
    ("naive-AdaGrad", AdaGrad, dict(lr=1.5, eps=1e-7)),
    ("default-SGD", SGD, dict(lr=0.01)),
    ("default-Momentum", Momentum, dict(lr=0.01)),
    ("default-Nesterov", NAG, dict(lr=0.01)),
    ("default-AdaGrad", AdaGrad, dict(lr=0.01, eps=1e-7)),
    ("default-RMSprop", RMSProp, dict(lr=0.01, alpha=0.99, eps=1e-7)),
    ("nesterov-current", NAG, dict(lr=0.1, momentum=0.9)),
])
def test_book_runs_are_ours_with_the_book_s_numbers(book, name, cls, kw):
    """dlfs.md's table: the book's class at its numbers is this package's class with those numbers made explicit."""
    run = book["runs"][name]
    np.testing.assert_allclose(book_run_ours(run, cls, **kw), run["path"], rtol=1e-11, atol=1e-14)


def test_book_nesterov_before_the_fix_is_not_nag(book):
    """nag.md: before 2021 the book moved θ with the new v: θ ← θ + μ³v − (1 + μ + μ²)ηg. Not NAG."""
    run = book["runs"]["nesterov-pre_fix"]
    eta, mu = run["kwargs"]["lr"], run["kwargs"]["momentum"]
    theta, v, path = np.array(run["start"]), np.zeros(2), [np.array(run["start"])]
    for _ in range(run["steps"]):
        g = np.array([theta[0] / 10, 2 * theta[1]])
        theta = theta + mu ** 3 * v - (1 + mu + mu ** 2) * eta * g
        v = mu * v - eta * g
        path.append(theta.copy())
    np.testing.assert_allclose(path, run["path"], rtol=1e-11, atol=1e-14)
    nag = book_run_ours(run, NAG, lr=eta, momentum=mu)
    assert np.abs(nag - np.array(run["path"])).max() > 0.1


def test_book_adam_no_constant_eps_reproduces_it(book):
    """dlfs.md: no `eps` makes this package's Adam give the book's Adam where gradients are near ε."""
    run = book["runs"]["tiny-Adam"]
    path = np.array(run["path"])
    eps_grid = np.concatenate([np.logspace(-12, -3, 361), [1e-7]])
    best = min(np.abs(book_run_ours(run, Adam, lr=0.001, eps=e) - path).max() for e in eps_grid)
    step = np.abs(path[-1] - path[0]).max()
    assert best > 1e-3 * step, "some constant eps reproduced the book's Adam"
    # and the step-dependent ε_t = ε̂/√(1 − β₂ᵗ) does, exactly
    b1, b2, scale = 0.9, 0.999, run["scale"]
    theta, m, v, out = path[0].copy(), np.zeros(2), np.zeros(2), [path[0].copy()]
    for t in range(1, run["steps"] + 1):
        g = scale * np.array([theta[0] / 10, 2 * theta[1]])
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        theta = theta - 0.001 * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + 1e-7 / np.sqrt(1 - b2 ** t))
        out.append(theta.copy())
    np.testing.assert_allclose(out, path, rtol=1e-10)


def test_book_adam_at_its_naive_lr_is_close_to_ours_with_eps_1e7(book):
    """dlfs.md: at the book's settings (gradients far above ε) our Adam(eps=1e-7) is the book's path, nearly."""
    run = book["runs"]["naive-Adam"]
    np.testing.assert_allclose(book_run_ours(run, Adam, lr=0.3, eps=1e-7), run["path"], rtol=0, atol=1e-5)


def test_study_dlfs_paths_are_the_book_s(book):
    """The DLfS figure's top row (computed by the study with this package) is the book's own paths."""
    from scripts import study_dlfs as s
    r = s.compute()
    for b, lr in s.NAIVE_LRS.items():
        key = s.BOOK_TO_PACKAGE[b].lower()
        tol = 1e-5 if b == "Adam" else 1e-11
        np.testing.assert_allclose(r[f"{key}_naive_path"], book["runs"][f"naive-{b}"]["path"], rtol=0, atol=tol)


@pytest.mark.skipif(not os.environ.get("DLFS_REPO"), reason="DLFS_REPO does not point at a checkout of the book")
def test_fixture_matches_the_book_s_code_live(book):
    """With DLFS_REPO=/path/to/deep-learning-from-scratch: regenerate the fixture and compare."""
    live = dlfs.golden(Path(os.environ["DLFS_REPO"]))
    assert live["defaults"] == book["defaults"]
    assert live["probes"] == book["probes"]
    for name, r in book["runs"].items():
        np.testing.assert_allclose(live["runs"][name]["path"], r["path"], rtol=1e-15, err_msg=name)


# --------------------------------------------------------------------------- Muon (docs/*/optimizers/muon.md)


def _defaults(f):
    return {k: p.default for k, p in inspect.signature(f).parameters.items() if p.default is not inspect.Parameter.empty}


def test_muon_torch_defaults_and_refusal():
    """The PyTorch tab: torch.optim.Muon's defaults, and its refusal of a bias (not a matrix)."""
    torch = need("torch")
    from optimizers import Muon
    theirs = _defaults(torch.optim.Muon.__init__)
    assert theirs["lr"] == 1e-3 and theirs["weight_decay"] == 0.1 and theirs["momentum"] == 0.95
    assert theirs["nesterov"] is True and theirs["ns_steps"] == 5 and theirs["eps"] == 1e-7
    assert tuple(theirs["ns_coefficients"]) == (3.4445, -4.775, 2.0315) and theirs["adjust_lr_fn"] is None
    assert {k: v for k, v in _defaults(Muon.__init__).items()} == {k: theirs[k] for k in _defaults(Muon.__init__)}
    with pytest.raises(ValueError):
        torch.optim.Muon([torch.zeros(3, requires_grad=True)])
    with pytest.raises(ValueError):
        Muon().update({"b": np.zeros(3)}, {"b": np.ones(3)})


def test_muon_keras_defaults(keras):
    """The Keras tab: keras.optimizers.Muon exists, with torch's coefficients, momentum and steps, but its own
    weight decay (0.004), a built-in AdamW for the other variables, and rms_rate 0.2 (torch's match_rms_adamw)."""
    d = _defaults(keras.optimizers.Muon.__init__)
    assert d["learning_rate"] == 1e-3 and d["momentum"] == 0.95 and d["ns_steps"] == 5 and d["nesterov"] is True
    assert (d["muon_a"], d["muon_b"], d["muon_c"]) == (3.4445, -4.775, 2.0315)
    assert d["weight_decay"] == 0.004 and d["adam_weight_decay"] == 0.004 and d["rms_rate"] == 0.2
    assert d["epsilon"] == 1e-7 and d["exclude_embeddings"] is True


def test_muon_optax_defaults(optax):
    """The optax tab: Muon is optax.contrib.muon (not optax.muon), eps 1e-8, no weight decay by default, and
    Adam for the parameters that are not matrices."""
    assert not hasattr(optax, "muon")
    d = _defaults(optax.contrib.muon)
    assert tuple(d["ns_coeffs"]) == (3.4445, -4.775, 2.0315) and d["ns_steps"] == 5 and d["beta"] == 0.95
    assert d["eps"] == 1e-8 and d["weight_decay"] == 0.0 and d["nesterov"] is True
    assert d["adam_b1"] == 0.9 and d["adam_b2"] == 0.999


# --------------------------------------------------------------------------- Lion, Adafactor (lion.md, adafactor.md)

_M0 = np.random.default_rng(0).standard_normal((6, 4))
_MA = np.random.default_rng(1).standard_normal((6, 4))


def _matrix_grad(theta):
    """A 6×4 matrix parameter with gradients of mixed sign and size (Adafactor factors it)."""
    return _MA * theta + 0.3 * np.sign(_MA)


def _ours_matrix(opt, steps):
    params = {"w": _M0.copy()}
    for _ in range(steps):
        opt.update(params, {"w": _matrix_grad(params["w"])})
    return params["w"]


def test_lion_not_in_torch_but_in_lion_pytorch():
    """lion.md: torch 2.13 has no Lion; lion-pytorch's defaults are lr 1e-4, betas (0.9, 0.99), weight_decay 0."""
    torch = need("torch")
    assert not hasattr(torch.optim, "Lion")
    lion_pytorch = need("lion_pytorch")
    from optimizers import Lion
    d = _defaults(lion_pytorch.Lion.__init__)
    assert d["lr"] == 1e-4 and tuple(d["betas"]) == (0.9, 0.99) and d["weight_decay"] == 0.0
    assert {k: (tuple(v) if k == "betas" else v) for k, v in _defaults(Lion.__init__).items()} == \
        {"lr": 1e-4, "betas": (0.9, 0.99), "weight_decay": 0.0}


def test_lion_keras_defaults_and_rule(keras, jnp):
    """lion.md, Keras tab: keras.optimizers.Lion defaults to lr 1e-3 (10× lion-pytorch's), the same betas, and
    steps exactly as ours, decoupled weight decay included."""
    from optimizers import Lion
    d = _defaults(keras.optimizers.Lion.__init__)
    assert d["learning_rate"] == 1e-3 and d["beta_1"] == 0.9 and d["beta_2"] == 0.99 and d["weight_decay"] is None
    for wd in (0.0, 0.5):
        kw = {"weight_decay": wd} if wd else {}
        np.testing.assert_allclose(run_keras(keras, jnp, keras.optimizers.Lion(1e-2, **kw), 5),
                                   ours(Lion(lr=1e-2, weight_decay=wd), 5), rtol=1e-13, atol=1e-15)


def test_lion_optax_defaults_and_rule(optax, jnp):
    """lion.md, optax tab: optax.lion needs an lr, decays by default (weight_decay 1e-3, not 0) and otherwise
    steps exactly as ours."""
    from optimizers import Lion
    p = inspect.signature(optax.lion).parameters
    assert p["learning_rate"].default is inspect.Parameter.empty
    assert p["b1"].default == 0.9 and p["b2"].default == 0.99 and p["weight_decay"].default == 1e-3
    for wd in (0.0, 1e-3, 0.5):
        np.testing.assert_allclose(run_optax(optax, jnp, optax.lion(1e-2, weight_decay=wd), 5),
                                   ours(Lion(lr=1e-2, weight_decay=wd), 5), rtol=1e-13, atol=1e-15)


def test_adafactor_torch_defaults():
    """adafactor.md, PyTorch tab: torch.optim.Adafactor's defaults are ours."""
    torch = need("torch")
    from optimizers import Adafactor
    d = _defaults(torch.optim.Adafactor.__init__)
    assert d["lr"] == 1e-2 and d["beta2_decay"] == -0.8 and tuple(d["eps"]) == (None, 1e-3)
    assert d["d"] == 1.0 and d["weight_decay"] == 0.0
    ours_d = _defaults(Adafactor.__init__)
    assert {k: ours_d[k] for k in ("lr", "beta2_decay", "d", "weight_decay")} == \
        {"lr": 1e-2, "beta2_decay": -0.8, "d": 1.0, "weight_decay": 0.0} and tuple(ours_d["eps"]) == (None, 1e-3)


def test_adafactor_keras_defaults_and_rule(keras, jnp):
    """adafactor.md, Keras tab: lr 1e-3 (torch 1e-2), ε₁ = 1e-30 (torch: the dtype's machine ε), ε₂ = 1e-3,
    beta_2_decay −0.8, clip_threshold 1 (torch's d); at the same lr it steps as ours to about 1e-8 (relative)."""
    from optimizers import Adafactor
    d = _defaults(keras.optimizers.Adafactor.__init__)
    assert d["learning_rate"] == 1e-3 and d["epsilon_1"] == 1e-30 and d["epsilon_2"] == 1e-3
    assert d["beta_2_decay"] == -0.8 and d["clip_threshold"] == 1.0 and d["relative_step"] is True
    var = keras.Variable(_M0.copy(), dtype="float64")
    opt = keras.optimizers.Adafactor(1e-2)
    for _ in range(10):
        opt.apply_gradients([(jnp.asarray(_matrix_grad(np.asarray(var.numpy()))), var)])
    mine = _ours_matrix(Adafactor(lr=1e-2), 10)
    moved = np.abs(mine - _M0).max()
    assert moved > 0.1
    assert np.abs(np.asarray(var.numpy()) - mine).max() < 1e-7 * moved


def test_adafactor_optax_factors_only_large_matrices(optax, jnp):
    """adafactor.md, optax tab: optax.adafactor has no default lr (None) and factors a matrix only when both
    sides are at least min_dim_size_to_factor = 128, so the MLP's 64×32 matrix keeps a full second moment."""
    d = _defaults(optax.adafactor)
    assert d["learning_rate"] is None and d["min_dim_size_to_factor"] == 128 and d["decay_rate"] == 0.8
    assert d["clipping_threshold"] == 1.0 and d["momentum"] is None and d["eps"] == 1e-30

    def second_moment_shapes(shape):
        state = optax.adafactor(1e-2).init(jnp.ones(shape))
        factored = state[0]
        return factored.v_row.shape, factored.v_col.shape, factored.v.shape
    assert second_moment_shapes((64, 32)) == ((1,), (1,), (64, 32))
    assert second_moment_shapes((128, 256)) == ((128,), (256,), (1,))


# --------------------------------------------------------------------------- schedule-free (sgdschedulefree.md, adamwschedulefree.md)

def _ours_sf(opt, steps=6):
    """Our schedule-free rule in train mode: (y, the parameters after the steps; x, where eval() puts them)."""
    theta = T0.copy()
    opt.train(theta)
    for _ in range(steps):
        opt.update(theta, grad(theta))
    return theta.copy(), opt.averaged(theta)


def test_schedulefree_not_in_torch_defaults_of_the_reference():
    """schedule-free pages, PyTorch tab: torch 2.13 has no schedule-free optimizer; facebookresearch's
    schedulefree 1.4.1 has both, with our defaults (AdamW lr 0.0025, SGD lr 1.0 and momentum 0.9; warmup_steps 0,
    r 0, weight_lr_power 2). Step-by-step agreement: tests/test_schedulefree.py."""
    torch = need("torch")
    assert not [n for n in dir(torch.optim) if "schedulefree" in n.lower()]
    schedulefree = need("schedulefree")
    from optimizers import AdamWScheduleFree, SGDScheduleFree
    for ref, mine in ((schedulefree.AdamWScheduleFree, AdamWScheduleFree), (schedulefree.SGDScheduleFree,
                                                                            SGDScheduleFree)):
        d, m = defaults(ref.__init__), defaults(mine.__init__)
        d.pop("foreach")
        assert {k: (tuple(v) if k == "betas" else v) for k, v in d.items()} == \
            {k: (tuple(v) if k == "betas" else v) for k, v in m.items()}
    assert defaults(AdamWScheduleFree.__init__)["lr"] == 0.0025 and defaults(SGDScheduleFree.__init__)["lr"] == 1.0


def test_schedulefree_keras(keras, jnp):
    """adamwschedulefree.md, Keras tab: keras.optimizers.ScheduleFreeAdamW (defaults lr 0.0025, β 0.9/0.999,
    ε 1e-8, warmup_steps 0) averages with weight 1/t, as ours with weight_lr_power=0: the same steps without
    warm-up, different ones with warm-up at our default weight_lr_power 2; its weight decay is Keras' own
    (different); the variables hold y and there is no eval(). Keras has no schedule-free SGD."""
    from optimizers import AdamWScheduleFree
    k = keras.optimizers
    assert not [n for n in dir(k) if "schedulefree" in n.lower() and "sgd" in n.lower()]
    d = defaults(k.ScheduleFreeAdamW.__init__)
    assert (d["learning_rate"], d["beta_1"], d["beta_2"], d["epsilon"], d["warmup_steps"], d["weight_decay"]) == \
        (0.0025, 0.9, 0.999, 1e-8, 0, None)
    y, _ = _ours_sf(AdamWScheduleFree(lr=0.01))
    np.testing.assert_allclose(run_keras(keras, jnp, k.ScheduleFreeAdamW(0.01), 6), y, rtol=1e-12, atol=1e-14)
    warm = run_keras(keras, jnp, k.ScheduleFreeAdamW(0.01, warmup_steps=3), 6)
    np.testing.assert_allclose(warm, _ours_sf(AdamWScheduleFree(lr=0.01, warmup_steps=3, weight_lr_power=0.0))[0],
                               rtol=1e-12, atol=1e-14)
    assert not np.allclose(warm, _ours_sf(AdamWScheduleFree(lr=0.01, warmup_steps=3))[0], rtol=1e-6)
    decayed = run_keras(keras, jnp, k.ScheduleFreeAdamW(0.01, weight_decay=0.5), 6)
    assert not np.allclose(decayed, _ours_sf(AdamWScheduleFree(lr=0.01, weight_decay=0.5))[0], rtol=1e-6)
    assert not hasattr(k.ScheduleFreeAdamW(), "eval")


@pytest.mark.parametrize("name", ["SGDScheduleFree", "AdamWScheduleFree"])
def test_schedulefree_optax(optax, jnp, name):
    """schedule-free pages, optax tab: optax.contrib.schedule_free_sgd / schedule_free_adamw (defaults lr 1.0 /
    0.0025, b1 0.9, weight_lr_power 2, no r) step as ours without warm-up, weight decay included, and
    schedule_free_eval_params gives our x; their warm-up starts at lr 0 (the first step does not move), ours at η/W."""
    from optimizers import OPTIMIZERS
    c = optax.contrib
    fn = c.schedule_free_sgd if name == "SGDScheduleFree" else c.schedule_free_adamw
    d = defaults(fn)
    assert d["learning_rate"] == (1.0 if name == "SGDScheduleFree" else 0.0025)
    assert d["b1"] == 0.9 and d["weight_lr_power"] == 2.0 and d["warmup_steps"] is None and "r" not in d
    lr = 0.1 if name == "SGDScheduleFree" else 0.01
    for wd in (0.0, 0.5):
        tx = fn(lr, weight_decay=wd)
        params = jnp.asarray(T0)
        state = tx.init(params)
        for _ in range(6):
            updates, state = tx.update(jnp.asarray(grad(np.asarray(params))), state, params)
            params = optax.apply_updates(params, updates)
        y, x = _ours_sf(OPTIMIZERS[name](lr=lr, weight_decay=wd))
        np.testing.assert_allclose(np.asarray(params), y, rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(np.asarray(c.schedule_free_eval_params(state, params)), x, rtol=1e-12, atol=1e-14)
    np.testing.assert_array_equal(run_optax(optax, jnp, fn(lr, warmup_steps=3), 1), T0)
    assert not np.allclose(run_optax(optax, jnp, fn(lr, warmup_steps=3), 6),
                           _ours_sf(OPTIMIZERS[name](lr=lr, warmup_steps=3))[0], rtol=1e-6)


# --------------------------------------------------------------------------- Adamax, NAdam, RAdam


def test_adam_variants_keras_optax_defaults(keras, optax):
    """adamax.md, nadam.md, radam.md, Keras and optax tabs: Keras' Adamax and Nadam default to lr 1e-3 (torch:
    2e-3) and ε 1e-7; Keras has no RAdam; optax needs an lr, has ε 1e-8, and radam's threshold is ρₜ = 5."""
    for name in ("Adamax", "Nadam"):
        d = _defaults(getattr(keras.optimizers, name).__init__)
        assert d["learning_rate"] == 1e-3 and d["beta_1"] == 0.9 and d["beta_2"] == 0.999 and d["epsilon"] == 1e-7
    assert not hasattr(keras.optimizers, "RAdam") and not hasattr(keras.optimizers, "Radam")
    for name in ("adamax", "nadam", "radam"):
        p = inspect.signature(getattr(optax, name)).parameters
        assert p["learning_rate"].default is inspect.Parameter.empty, name
        assert p["b1"].default == 0.9 and p["b2"].default == 0.999 and p["eps"].default == 1e-8, name
    assert inspect.signature(optax.radam).parameters["threshold"].default == 5.0
    assert "momentum_decay" not in inspect.signature(optax.nadam).parameters


def test_adamax_keras_and_optax_step_as_ours(keras, optax, jnp):
    """adamax.md: optax.adamax is ours exactly; Keras' Adamax is ours with the same ε, up to where ε sits (Keras
    adds it outside the maximum, torch inside): 1e-8 apart after 30 steps."""
    from optimizers import Adamax
    np.testing.assert_allclose(run_optax(optax, jnp, optax.adamax(1e-2), 30), ours(Adamax(lr=1e-2), 30),
                               rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(run_keras(keras, jnp, keras.optimizers.Adamax(1e-2, epsilon=1e-7), 30),
                               ours(Adamax(lr=1e-2, eps=1e-7), 30), rtol=0, atol=1e-8)


def test_nadam_keras_is_torch_with_momentum_decay_1(keras, jnp):
    """nadam.md: Keras' Nadam uses μₜ = β₁(1 − ½·0.96ᵗ), torch's NAdam 0.96^(tψ) with ψ = 0.004: Keras' is ours
    with momentum_decay=1 exactly, and differs from torch's default."""
    from optimizers import NAdam
    keras_path = run_keras(keras, jnp, keras.optimizers.Nadam(1e-2, epsilon=1e-7), 30)
    np.testing.assert_allclose(keras_path, ours(NAdam(lr=1e-2, eps=1e-7, momentum_decay=1.0), 30),
                               rtol=1e-13, atol=1e-15)
    assert np.max(np.abs(keras_path - ours(NAdam(lr=1e-2, eps=1e-7), 30))) > 1e-3


def test_nadam_optax_has_no_mu_schedule(optax, jnp):
    """nadam.md: optax.nadam is Adam with a Nesterov step and a constant β₁ (no μₜ schedule): it matches neither
    torch's ψ = 0.004 nor Keras' ψ = 1."""
    from optimizers import NAdam
    path = run_optax(optax, jnp, optax.nadam(1e-2), 30)
    for psi in (4e-3, 1.0):
        assert np.max(np.abs(path - ours(NAdam(lr=1e-2, momentum_decay=psi), 30))) > 1e-3, psi


def test_radam_optax_steps_as_ours(optax, jnp):
    """radam.md: optax.radam follows the same rule (momentum alone while ρₜ < 5); it adds ε after the bias
    correction rather than before, so it agrees to about 1e-7 of the distance moved, not exactly."""
    from optimizers import RAdam
    for steps in (3, 30):
        got, want = run_optax(optax, jnp, optax.radam(1e-2), steps), ours(RAdam(lr=1e-2), steps)
        np.testing.assert_allclose(got - T0, want - T0, rtol=1e-6)
    assert not np.array_equal(got, want)          # ε sits elsewhere: close, not the same
