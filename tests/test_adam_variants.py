"""Adamax, NAdam, RAdam and Adam/AdamW's flags (``amsgrad``, ``decoupled_weight_decay``) against
torch.optim 2.13: first steps by hand, a golden file (always), a live run (when torch imports),
float32, batched runs, bad input.

These classes are in ``OPTIMIZERS`` (the modern group), and the flags are not in the
shared table of tests/cases.py (it varies numbers, and batches every case of a class into one
optimizer, while a flag is one value for all K runs), so this file holds their own table: the cases
of ``tests/fixtures/make_torch_golden_adam_variants.py``. Regenerate the golden file with
``.venv/bin/python tests/fixtures/make_torch_golden_adam_variants.py``.
"""

from __future__ import annotations

import copy
import inspect
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

import optimizers
from helpers import FIXTURES, assert_same_tree, assert_update_refused, load_fixture_script, need, quadratic_grad
from optimizers import OPTIMIZERS, PROBLEMS, Adam, Adamax, AdamW, NAdam, Optimizer, RAdam

pytestmark = pytest.mark.filterwarnings("error")

GOLDEN_PATH = FIXTURES / "torch_golden_adam_variants.json"
REGENERATE = "regenerate it: .venv/bin/python tests/fixtures/make_torch_golden_adam_variants.py"

make_golden = load_fixture_script("make_torch_golden_adam_variants")   # imports torch only for a torch run

CLASSES = {"Adamax": Adamax, "NAdam": NAdam, "RAdam": RAdam, "Adam": Adam, "AdamW": AdamW}
CASES = make_golden.CASES
CASE_PARAMS = [pytest.param(cid, name, kw, id=cid) for cid, name, kw in make_golden.ALL_CASES]
NEW = ["Adamax", "NAdam", "RAdam"]
NAN = float("nan")


def signature_defaults(name):
    sig = inspect.signature(CLASSES[name].__init__)
    return {k: p.default for k, p in sig.parameters.items() if k != "self"}


def full_kwargs(name, kwargs):
    return {**signature_defaults(name), **kwargs}


def is_flag(value):
    return isinstance(value, bool)


def need_torch():
    return need("torch", "make test installs it")


@pytest.fixture
def torch64():
    """torch with float64 as its default dtype, restored afterwards.

    torch keeps NAdam's ``mu_product`` (and every ``step``) in a 0-d tensor of the default dtype:
    under float32, NAdam's float64 parameters would drift from float64 arithmetic by ~1e-10.
    """
    torch = need_torch()
    old = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    yield torch
    torch.set_default_dtype(old)


# ---------------------------------------------------------------------------------------------
# The package: exported and registered, torch's signatures, snippets
# ---------------------------------------------------------------------------------------------

def test_exported_and_registered_as_modern():
    for name in NEW:
        assert getattr(optimizers, name) is CLASSES[name] and name in optimizers.__all__
        assert OPTIMIZERS[name] is CLASSES[name] and name in optimizers.GROUPS["modern"]


#: torch's signature without ``params`` and the code-path options the package has no use for
TORCH_ONLY = {"params", "foreach", "maximize", "capturable", "differentiable", "fused"}


@pytest.mark.parametrize("name", list(CLASSES))
def test_signature_is_torchs(name):
    """Same names, order, kinds (positional or keyword-only) and defaults as torch.optim's."""
    torch = need_torch()
    ours = [(p.name, p.kind, p.default) for p in inspect.signature(CLASSES[name].__init__).parameters.values()
            if p.name != "self"]
    theirs = [(p.name, p.kind, p.default) for p in inspect.signature(getattr(torch.optim, name).__init__)
              .parameters.values() if p.name not in TORCH_ONLY | {"self"}]
    assert [(n, k) for n, k, _ in ours] == [(n, k) for n, k, _ in theirs]
    for (n, _, mine), (_, _, default) in zip(ours, theirs):
        assert mine == default and type(mine) in (type(default), float), (n, mine, default)


def test_defaults_and_hyperparameters():
    assert signature_defaults("Adamax") == dict(lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)
    assert signature_defaults("NAdam") == dict(lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0,
                                               momentum_decay=4e-3, decoupled_weight_decay=False)
    assert signature_defaults("RAdam") == dict(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0,
                                               decoupled_weight_decay=False)
    assert signature_defaults("Adam") == dict(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0,
                                              amsgrad=False, decoupled_weight_decay=False)
    assert signature_defaults("AdamW") == dict(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2,
                                               amsgrad=False)
    for cid, name, kwargs in make_golden.ALL_CASES:
        opt = CLASSES[name](**kwargs)
        assert opt.batch_size is None
        assert list(opt.hyperparameters) == list(signature_defaults(name)), cid
        for key, value in opt.hyperparameters.items():
            expected = full_kwargs(name, kwargs)[key]
            assert value == expected and getattr(opt, key) == expected
            # numbers stay Python floats (a np.float64 would promote float32 arrays), flags bools
            for v in value if isinstance(value, tuple) else (value,):
                assert type(v) is (bool if is_flag(expected) else float), (cid, key, type(v))
        assert name in repr(opt)


def test_snippet_markers_wrap_each_update():
    for path, names in [("optimizers/adam_variants.py", ["adamax", "nadam", "radam"]),
                        ("optimizers/adam.py", ["adam", "adamw"])]:
        source = (Path(__file__).parent.parent / path).read_text()
        for name in names:
            found = re.findall(rf"# --8<-- \[start:{name}\]\n(.*?)# --8<-- \[end:{name}\]", source, re.S)
            assert len(found) == 1, (path, name)
            assert found[0].lstrip().startswith("def _update("), (path, name)


# ---------------------------------------------------------------------------------------------
# First steps by hand, on f(x, y) = x² + y² + xy − 4x − 8y from (0, 0): g₀ = ∇f(0, 0) = (−4, −8)
# ---------------------------------------------------------------------------------------------

def run_quadratic(opt, steps=2):
    xy = np.zeros(2)
    path = []
    for _ in range(steps):
        opt.update(xy, quadratic_grad(xy))
        path.append(xy.copy())
    return path, opt.state[Optimizer.SINGLE_KEY]


def test_adamax_by_hand():
    # lr = 0.1, β = (0.9, 0.999), ε = 1e−8.  m₁ = 0.1·g₀ = (−0.4, −0.8);  u₁ = max(0, |g₀| + ε) = (4 + ε, 8 + ε)
    # θ₁ = −0.1/(1 − 0.9)·m₁/u₁ = (0.4/(4 + ε), 0.8/(8 + ε)) ≈ (0.1, 0.1);  g₁ ≈ (0.3 − 4, 0.3 − 8) = (−3.7, −7.7)
    # m₂ = 0.9·m₁ + 0.1·g₁ ≈ (−0.73, −1.49);  u₂ = max(0.999·u₁, |g₁| + ε) ≈ (3.996, 7.992): the decayed
    #   maximum, not this gradient;  θ₂ = θ₁ − 0.1/(1 − 0.81)·m₂/u₂ ≈ θ₁ + (0.096149, 0.098124)
    eps = 1e-8
    theta1 = np.array([0.4 / (4 + eps), 0.8 / (8 + eps)])
    g1 = quadratic_grad(theta1)
    m2 = 0.9 * np.array([-0.4, -0.8]) + 0.1 * g1
    u2 = np.maximum(0.999 * np.array([4 + eps, 8 + eps]), np.abs(g1) + eps)
    theta2 = theta1 - 0.1 / 0.19 * m2 / u2
    assert u2 == pytest.approx([3.996, 7.992]) and m2 == pytest.approx([-0.73, -1.49], rel=1e-6)
    assert theta2 - theta1 == pytest.approx([0.096149, 0.098124], abs=1e-6)
    path, state = run_quadratic(Adamax(lr=0.1))
    np.testing.assert_allclose(path, [theta1, theta2], rtol=1e-12)
    np.testing.assert_allclose(state["exp_avg"], m2, rtol=1e-12)
    np.testing.assert_allclose(state["exp_inf"], u2, rtol=1e-12)


def test_nadam_by_hand():
    # lr = 0.1, β = (0.9, 0.999), ψ = 0.004.  μₜ = 0.9·(1 − 0.5·0.96^(0.004 t)):
    #   μ₁ = 0.9·(1 − 0.5·0.9998367) ≈ 0.4500735,  μ₂ ≈ 0.4501469,  Π₁ = μ₁
    # m₁ = 0.1·g₀, v₁ = 0.001·g₀², √v̂₁ = |g₀|:  θ₁ = −0.1·(1 − μ₁)/(1 − μ₁)·g₀/|g₀| − 0.1·μ₂/(1 − μ₁μ₂)·0.1·g₀/|g₀|
    #   = 0.1·(1 + 0.1·μ₂/(1 − μ₁μ₂))·(1, 1) ≈ 0.1·(1 + 0.0564518)·(1, 1) = (0.1056452, 0.1056452)
    # step 2: g₁ = ∇f(θ₁), m₂, v₂ as Adam, Π₂ = μ₁μ₂, and the same two terms with μ₂, μ₃
    eps = 1e-8

    def mu(t):
        return 0.9 * (1 - 0.5 * 0.96 ** (0.004 * t))

    assert (mu(1), mu(2)) == pytest.approx((0.4500735, 0.4501469), abs=1e-7)
    g0 = np.array([-4.0, -8.0])
    m1, v1 = 0.1 * g0, 0.001 * g0 * g0
    d1 = np.sqrt(v1 / 0.001) + eps
    theta1 = -0.1 * (1 - mu(1)) / (1 - mu(1)) * g0 / d1 - 0.1 * mu(2) / (1 - mu(1) * mu(2)) * m1 / d1
    assert theta1 == pytest.approx([0.1056452, 0.1056452], abs=1e-7)
    g1 = quadratic_grad(theta1)
    m2, v2, pi2 = 0.9 * m1 + 0.1 * g1, 0.999 * v1 + 0.001 * g1 * g1, mu(1) * mu(2)
    d2 = np.sqrt(v2 / (1 - 0.999 ** 2)) + eps
    theta2 = theta1 - 0.1 * (1 - mu(2)) / (1 - pi2) * g1 / d2 - 0.1 * mu(3) / (1 - pi2 * mu(3)) * m2 / d2
    path, state = run_quadratic(NAdam(lr=0.1))
    np.testing.assert_allclose(path, [theta1, theta2], rtol=1e-12)
    np.testing.assert_allclose(state["exp_avg"], m2, rtol=1e-12)
    np.testing.assert_allclose(state["exp_avg_sq"], v2, rtol=1e-12)
    assert type(state["mu_product"]) is float and state["mu_product"] == pytest.approx(pi2, rel=1e-15)


def test_radam_by_hand():
    # lr = 0.1, β = (0.9, 0.999): ρ∞ = 2/0.001 − 1 = 1999.  ρ₁ = 1999 − 2·0.999/0.001 = 1 ≤ 5: no rectification,
    #   θ₁ = −0.1·m̂₁ = −0.1·g₀ = (0.4, 0.8);  g₁ = (0.8 + 0.8 − 4, 1.6 + 0.4 − 8) = (−2.4, −6)
    # ρ₂ = 1999 − 4·0.998001/0.001999 ≈ 2.0 ≤ 5:  m₂ = 0.9·(−0.4, −0.8) + 0.1·(−2.4, −6) = (−0.6, −1.32),
    #   m̂₂ = m₂/0.19,  θ₂ = θ₁ − 0.1·m̂₂ = (0.4 + 6/19, 0.8 + 13.2/19)
    path, state = run_quadratic(RAdam(lr=0.1))
    np.testing.assert_allclose(path, [(0.4, 0.8), (0.4 + 6 / 19, 0.8 + 13.2 / 19)], rtol=1e-12)
    np.testing.assert_allclose(state["exp_avg"], [-0.6, -1.32], rtol=1e-12)


def test_radam_rectifies_from_step_6_with_the_defaults():
    """ρ₅ ≈ 4.996 ≤ 5 < ρ₆ ≈ 5.994: steps 1–5 are momentum alone (θ ← θ − η m̂), step 6 is rₜ lₜ-scaled."""
    def rho(t, beta2=0.999):
        rho_inf = 2 / (1 - beta2) - 1
        return rho_inf - 2 * t * beta2 ** t / (1 - beta2 ** t)

    assert [round(rho(t), 3) for t in (1, 5, 6)] == [1.0, 4.996, 5.994]
    lr, eps = 0.1, 1e-8
    xy, m, v = np.zeros(2), np.zeros(2), np.zeros(2)
    opt, ours = RAdam(lr=lr), np.zeros(2)
    for t in range(1, 8):
        g = quadratic_grad(xy)
        m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
        m_hat = m / (1 - 0.9 ** t)
        if t <= 5:
            xy = xy - lr * m_hat
        else:
            rho_inf, rho_t = 1999.0, rho(t)
            r = math.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t))
            xy = xy - lr * m_hat * r * math.sqrt(1 - 0.999 ** t) / (np.sqrt(v) + eps)
        opt.update(ours, quadratic_grad(ours))
        np.testing.assert_allclose(ours, xy, rtol=1e-12, err_msg=f"step {t}")


def test_adam_amsgrad_by_hand():
    # lr = 0.1, β = (0.9, 0.999); g₁ = (1, −2), then g₂ = 0, so v falls and AMSGrad keeps v₁:
    # m₁ = (0.1, −0.2), v₁ = (0.001, 0.004), θ₁ ≈ −0.1·sign(g₁) = (−0.1, 0.1)
    # m₂ = 0.9·m₁, v₂ = 0.999·v₁ < vᵐᵃˣ = v₁:  θ₂ = θ₁ − 0.1·(m₂/0.19)/(√(v₁/0.001999) + ε)
    #   x: −0.1 − 0.1·(0.09/0.19)/√(0.001/0.001999) ≈ −0.1669723   (plain Adam: √(0.000999/0.001999), −0.1670058)
    eps = 1e-8
    g1 = np.array([1.0, -2.0])
    m1, v1 = 0.1 * g1, 0.001 * g1 * g1
    theta1 = -0.1 * (m1 / 0.1) / (np.sqrt(v1 / 0.001) + eps)
    theta2 = theta1 - 0.1 * (0.9 * m1 / 0.19) / (np.sqrt(v1 / 0.001999) + eps)
    plain2 = theta1 - 0.1 * (0.9 * m1 / 0.19) / (np.sqrt(0.999 * v1 / 0.001999) + eps)
    assert (theta2[0], plain2[0]) == pytest.approx((-0.1669723, -0.1670058), abs=1e-7)
    for opt, expected in [(Adam(lr=0.1, amsgrad=True), theta2), (AdamW(lr=0.1, weight_decay=0.0, amsgrad=True),
                                                                  theta2), (Adam(lr=0.1), plain2)]:
        xy = np.zeros(2)
        opt.update(xy, g1)
        np.testing.assert_allclose(xy, theta1, rtol=1e-12)
        opt.update(xy, np.zeros(2))
        np.testing.assert_allclose(xy, expected, rtol=1e-12)
        state = opt.state[Optimizer.SINGLE_KEY]
        np.testing.assert_allclose(state["exp_avg_sq"], 0.999 * v1, rtol=1e-12)
        if opt.amsgrad:
            np.testing.assert_allclose(state["max_exp_avg_sq"], v1, rtol=1e-12)
        else:
            assert "max_exp_avg_sq" not in state


def test_adam_decoupled_weight_decay_by_hand():
    # lr = 0.1, λ = 0.5.  θ₁ ≈ (0.1, 0.1) (the decay of θ₀ = 0 is 0);  g₁ = ∇f(θ₁), with no λθ in it
    # θ₂ = θ₁·(1 − 0.1·0.5) − 0.1·m̂₂/(√v̂₂ + ε), m₂ = 0.9·(−0.4, −0.8) + 0.1·g₁, v₂ = 0.999·(0.016, 0.064) + 0.001·g₁²
    eps = 1e-8
    theta1 = 0.1 * np.array([4 / (4 + eps), 8 / (8 + eps)])
    g1 = quadratic_grad(theta1)
    m2 = 0.9 * np.array([-0.4, -0.8]) + 0.1 * g1
    v2 = 0.999 * np.array([0.016, 0.064]) + 0.001 * g1 ** 2
    theta2 = theta1 * 0.95 - 0.1 * (m2 / 0.19) / (np.sqrt(v2 / 0.001999) + eps)
    path, state = run_quadratic(Adam(lr=0.1, weight_decay=0.5, decoupled_weight_decay=True))
    np.testing.assert_allclose(path, [theta1, theta2], rtol=1e-12)
    np.testing.assert_allclose(state["exp_avg"], m2, rtol=1e-12)     # the decay never enters m, v
    np.testing.assert_allclose(state["exp_avg_sq"], v2, rtol=1e-12)


@pytest.mark.parametrize("amsgrad", [False, True])
def test_adam_decoupled_is_adamw_bit_for_bit(amsgrad, rng):
    a, w = Adam(lr=0.05, weight_decay=0.3, amsgrad=amsgrad, decoupled_weight_decay=True), \
        AdamW(lr=0.05, weight_decay=0.3, amsgrad=amsgrad)
    pa = {"w": rng.standard_normal((3, 2)), "b": rng.standard_normal(2)}
    pw = copy.deepcopy(pa)
    for _ in range(10):
        g = {k: rng.standard_normal(p.shape) for k, p in pa.items()}
        a.update(pa, g)
        w.update(pw, g)
    assert_same_tree(pa, pw)
    assert_same_tree(a.state, w.state)


# ---------------------------------------------------------------------------------------------
# torch.optim: the golden file (always) and a live comparison (when torch is installed)
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def golden():
    return json.loads(GOLDEN_PATH.read_text())


def test_golden_file_is_current(golden):
    expected = {cid: kw for cid, name, kw in make_golden.ALL_CASES}
    assert set(golden["cases"]) == set(expected), f"the golden file's cases differ from the generator's; {REGENERATE}"
    for cid, kw in expected.items():
        assert golden["cases"][cid]["kwargs"] == json.loads(json.dumps(kw)), f"{cid} changed; {REGENERATE}"
    assert golden["meta"]["steps"] == make_golden.STEPS and golden["meta"]["dtype"] == "float64"
    assert GOLDEN_PATH.stat().st_size < 300_000


def replay_random(name, kwargs, golden, block=None, dtype=np.float64):
    params = {k: np.array(v, dtype=dtype) for k, v in golden["random"]["start"].items()}
    opt = CLASSES[name](**kwargs)
    if block:
        opt.BLOCK = block              # 'w' (6 elements) then goes through the block-by-block path
    path = {k: [p.copy()] for k, p in params.items()}
    for g in golden["random"]["grads"]:
        opt.update(params, {k: np.array(v) for k, v in g.items()})
        for k, p in params.items():
            path[k].append(p.copy())
    return {k: np.array(v) for k, v in path.items()}


@pytest.mark.parametrize("block", [None, 2], ids=["whole", "blocked"])
@pytest.mark.parametrize("cid, name, kwargs", CASE_PARAMS)
def test_golden_random_gradients(golden, cid, name, kwargs, block):
    expected = golden["cases"][cid]["random"]
    path = replay_random(name, kwargs, golden, block)
    assert len(path["w"]) == make_golden.STEPS + 1
    for k in path:
        np.testing.assert_allclose(path[k], np.array(expected[k]), rtol=1e-9, atol=1e-12, err_msg=k)


@pytest.mark.parametrize("cid, name, kwargs", CASE_PARAMS)
def test_golden_rosenbrock(golden, cid, name, kwargs):
    expected = np.array(golden["cases"][cid]["rosenbrock"])
    problem = PROBLEMS["rosenbrock"]
    opt = CLASSES[name](**kwargs)
    x = np.array(problem.start, dtype=np.float64)
    path = [x.copy()]
    for _ in range(len(expected) - 1):       # shorter than 20 steps where torch left the plot bounds
        opt.update(x, problem.grad(x))
        path.append(x.copy())
    np.testing.assert_allclose(np.array(path), expected, rtol=1e-9, atol=1e-12)


def test_golden_cases_exercise_the_flags(golden):
    """The fixture would not catch a broken flag if the flag changed nothing on its problems."""
    for cid, name, kwargs in make_golden.ALL_CASES:
        for flag in ("amsgrad", "decoupled_weight_decay"):
            if kwargs.get(flag):
                without = {**kwargs, flag: False}
                other = replay_random(name, without, golden)
                gap = max(np.abs(other[k] - np.array(golden["cases"][cid]["random"][k])).max() for k in other)
                assert gap > 1e-6, (cid, flag, gap)


TOL = {np.float64: dict(rtol=1e-10, atol=1e-13), np.float32: dict(rtol=2e-5, atol=1e-6)}


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["float64", "float32"])
@pytest.mark.parametrize("cid, name, kwargs", CASE_PARAMS)
def test_matches_torch_live(torch64, cid, name, kwargs, dtype, rng):
    torch = torch64
    shapes = {"w": (3, 2), "b": (2,), "s": ()}
    params = {k: np.asarray(rng.standard_normal(s), dtype=dtype) for k, s in shapes.items()}
    tensors = {k: torch.tensor(p) for k, p in params.items()}
    topt = make_golden.torch_optimizer(name, kwargs, list(tensors.values()))
    opt = CLASSES[name](**kwargs)
    for t in range(25):
        scale = 0.0 if t == 7 else 3.0 if t < 15 else 0.03         # v falls late: AMSGrad's maximum matters
        grads = {k: np.asarray(rng.standard_normal(s) * scale, dtype=dtype) for k, s in shapes.items()}
        opt.update(params, grads)
        for k, tensor in tensors.items():
            tensor.grad = torch.from_numpy(grads[k].copy())
        with torch.no_grad():
            topt.step()
        for k, tensor in tensors.items():
            np.testing.assert_allclose(params[k], tensor.numpy(), **TOL[dtype], err_msg=f"step {t + 1}: {k}")
    for k, tensor in tensors.items():
        assert params[k].dtype == dtype
        theirs = topt.state[tensor]
        assert set(opt.state[k]) == set(theirs), "the state, by torch's own names"
        assert opt.state[k]["step"] == theirs["step"].item() == 25
        for state_name, value in theirs.items():
            if state_name != "step":
                np.testing.assert_allclose(opt.state[k][state_name], value.numpy(), **TOL[dtype],
                                           err_msg=f"{k}: {state_name}")


@pytest.mark.parametrize("cid, name, kwargs", CASE_PARAMS)
def test_matches_torch_live_rosenbrock(torch64, cid, name, kwargs):
    torch = torch64
    problem = PROBLEMS["rosenbrock"]
    (xlo, xhi), (ylo, yhi) = problem.bounds
    x = np.array(problem.start)
    t = torch.tensor(problem.start, dtype=torch.float64)
    topt = make_golden.torch_optimizer(name, kwargs, [t])
    opt = CLASSES[name](**kwargs)
    for step in range(40):
        opt.update(x, problem.grad(x))
        t.grad = torch.from_numpy(problem.grad(t.numpy().copy()))
        with torch.no_grad():
            topt.step()
        np.testing.assert_allclose(x, t.numpy(), rtol=1e-9, atol=1e-12, err_msg=f"step {step + 1}")
        if not (xlo <= x[0] <= xhi and ylo <= x[1] <= yhi):
            break                                                  # diverged: compare no further


# ---------------------------------------------------------------------------------------------
# State: torch's names, created lazily; max_exp_avg_sq only with amsgrad; NAdam's Π
# ---------------------------------------------------------------------------------------------

STATE = {"Adamax": {"exp_avg", "exp_inf"}, "NAdam": {"exp_avg", "exp_avg_sq", "mu_product"},
         "RAdam": {"exp_avg", "exp_avg_sq"}, "Adam": {"exp_avg", "exp_avg_sq"}, "AdamW": {"exp_avg", "exp_avg_sq"}}


@pytest.mark.parametrize("cid, name, kwargs", CASE_PARAMS)
def test_state_names(cid, name, kwargs, rng):
    opt = CLASSES[name](**kwargs)
    assert opt.state == {}, "state is created lazily, at the first update"
    expected = STATE[name] | ({"max_exp_avg_sq"} if kwargs.get("amsgrad") else set())
    assert set(opt.state_names) == expected - {"mu_product"}
    params = {"w": rng.standard_normal((3, 2)), "b": rng.standard_normal(2)}
    for t in range(1, 4):
        opt.update(params, {k: rng.standard_normal(p.shape) for k, p in params.items()})
        for k, p in params.items():
            assert set(opt.state[k]) == {"step"} | expected
            assert opt.state[k]["step"] == t
            for s in opt.state_names:
                assert opt.state[k][s].shape == p.shape and opt.state[k][s] is not p
    assert Adam.state_names == AdamW.state_names == ("exp_avg", "exp_avg_sq"), "the class keeps Adam's two"


def test_nadam_mu_product_is_the_product_of_mu(rng):
    opt = NAdam(betas=(0.8, 0.99), momentum_decay=0.05)
    x = rng.standard_normal(4)
    for t in range(1, 8):
        opt.update(x, rng.standard_normal(4))
        expected = math.prod(0.8 * (1 - 0.5 * 0.96 ** (i * 0.05)) for i in range(1, t + 1))
        assert opt.state[Optimizer.SINGLE_KEY]["mu_product"] == pytest.approx(expected, rel=1e-14)


def test_nadam_advances_mu_product_once_per_step_when_blocked(rng):
    """A large parameter goes through in blocks; Π must still move once a step, not once a block."""
    whole, blocked = NAdam(lr=0.01), NAdam(lr=0.01)
    blocked.BLOCK = 3
    xw = rng.standard_normal(20)
    xb = xw.copy()
    for _ in range(5):
        g = rng.standard_normal(20)
        whole.update(xw, g)
        blocked.update(xb, g)
    np.testing.assert_array_equal(xw, xb)
    assert_same_tree(whole.state, blocked.state)


# ---------------------------------------------------------------------------------------------
# Many runs at once, dtype
# ---------------------------------------------------------------------------------------------

def flag_groups(name):
    """The cases of ``name`` grouped by their flags: one batched optimizer per group."""
    groups = {}
    for kw in CASES[name]:
        full = full_kwargs(name, kw)
        key = tuple((k, v) for k, v in full.items() if is_flag(v))
        groups.setdefault(key, []).append(kw)
    return list(groups.items())


GROUP_PARAMS = [pytest.param(name, dict(flags), cases,
                             id=f"{name}-{','.join(f'{k}={v}' for k, v in flags) or 'no flags'}")
                for name in CLASSES for flags, cases in flag_groups(name)]


def batched_kwargs(name, cases):
    """One optimizer holding K = len(cases) runs: every number a length-K array, flags as they are."""
    full = [full_kwargs(name, kw) for kw in cases]
    out = {}
    for key, value in full[0].items():
        if is_flag(value):
            assert all(c[key] == value for c in full)
            out[key] = value
        elif key == "betas":
            out[key] = tuple(np.array([c[key][i] for c in full]) for i in range(2))
        else:
            out[key] = np.array([c[key] for c in full], dtype=np.float64)
    return out


def batch_and_singles(name, batch_kwargs, cases, dtype, rng, steps=12):
    k = len(cases)
    shapes = {"w": (3, 2), "b": (2,)}
    batch = {key: rng.standard_normal((k, *s)).astype(dtype) for key, s in shapes.items()}
    singles = [{key: batch[key][i].copy() for key in shapes} for i in range(k)]
    opt = CLASSES[name](**batch_kwargs)
    assert opt.batch_size == k
    single_opts = [CLASSES[name](**kw) for kw in cases]
    for _ in range(steps):
        grads = {key: (rng.standard_normal((k, *s)) * 2).astype(dtype) for key, s in shapes.items()}
        opt.update(batch, grads)
        for i in range(k):
            single_opts[i].update(singles[i], {key: grads[key][i] for key in shapes})
    return batch, singles, opt, single_opts


def assert_batch_equals_singles(batch, singles, opt, single_opts, **tol):
    for i, (single, sopt) in enumerate(zip(singles, single_opts)):
        for key in batch:
            np.testing.assert_allclose(batch[key][i], single[key], **tol, err_msg=f"run {i}: {key}")
            assert set(opt.state[key]) == set(sopt.state[key])
            for state_name, value in sopt.state[key].items():
                ours = opt.state[key][state_name]
                if state_name in opt.state_names:
                    ours = ours[i]
                elif isinstance(ours, np.ndarray):          # NAdam's Π: one per run, shape (K, 1, ...)
                    ours = ours.reshape(-1)[i]
                np.testing.assert_allclose(ours, value, **tol, err_msg=f"run {i}: {key}: {state_name}")


@pytest.mark.parametrize("dtype, tol", [(np.float64, dict(rtol=1e-12, atol=0)),
                                        (np.float32, dict(rtol=1e-5, atol=1e-7))], ids=["float64", "float32"])
@pytest.mark.parametrize("name, flags, cases", GROUP_PARAMS)
def test_batch_equals_separate_runs(name, flags, cases, dtype, tol, rng):
    """Every number (lr, betas, eps, weight_decay, momentum_decay) a length-K array; flags shared."""
    assert_batch_equals_singles(*batch_and_singles(name, batched_kwargs(name, cases), cases, dtype, rng), **tol)


@pytest.mark.parametrize("name, flags, cases", GROUP_PARAMS)
def test_learning_rate_sweep_equals_separate_runs(name, flags, cases, rng):
    lrs = [1e-3, 1e-2, 0.1, 0.3]
    kw = cases[-1]
    runs = [{**kw, "lr": lr} for lr in lrs]
    assert_batch_equals_singles(*batch_and_singles(name, {**kw, "lr": np.array(lrs)}, runs, np.float64, rng),
                                rtol=1e-12, atol=0)


def test_radam_runs_on_both_sides_of_the_threshold(rng):
    """β₂ = 0.999 is rectified from step 6, β₂ = 0.8 from step 7, β₂ = 0.5 never: at step 6 the K runs
    take different branches in one call."""
    beta2s = [0.999, 0.8, 0.5]
    runs = [{"lr": 0.01, "betas": (0.9, b)} for b in beta2s]

    def rho(t, b):
        return 2 / (1 - b) - 1 - 2 * t * b ** t / (1 - b ** t)

    assert [rho(6, b) > 5 for b in beta2s] == [True, False, False]
    assert [rho(7, b) > 5 for b in beta2s] == [True, True, False]
    batched = {"lr": 0.01, "betas": (np.full(3, 0.9), np.array(beta2s))}
    assert_batch_equals_singles(*batch_and_singles("RAdam", batched, runs, np.float64, rng), rtol=1e-12, atol=0)


@pytest.mark.parametrize("batched", [False, True], ids=["float-hyper", "array-hyper"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float32", "float64"])
@pytest.mark.parametrize("name, flags, cases", GROUP_PARAMS)
def test_dtype_is_preserved(name, flags, cases, dtype, batched, rng):
    k = len(cases)
    kwargs = batched_kwargs(name, cases) if batched else cases[-1]
    params = {"w": rng.standard_normal((k, 3)).astype(dtype), "b": rng.standard_normal(k).astype(dtype)}
    opt = CLASSES[name](**kwargs)
    for gd in [np.float64, np.float32, np.int64]:              # the gradient's dtype must not leak in
        grads = {key: (rng.standard_normal(p.shape) * 3).astype(gd) for key, p in params.items()}
        opt.update(params, grads)
        for key, p in params.items():
            assert p.dtype == dtype, (key, p.dtype)
            for state_name in opt.state_names:
                s = opt.state[key][state_name]
                assert isinstance(s, np.ndarray) and s.dtype == dtype and s.shape == p.shape, (key, state_name)
            assert np.isfinite(p).all()
    if name == "NAdam" and not batched:
        assert type(opt.state["w"]["mu_product"]) is float


# ---------------------------------------------------------------------------------------------
# Bad input: torch's messages, and nothing touched
# ---------------------------------------------------------------------------------------------

#: (hyperparameter, bad value, torch's message); each applies to every class here that has the argument
BAD_HYPERPARAMETERS = [
    ("lr", -0.1, "Invalid learning rate: -0.1"),
    ("lr", NAN, "Invalid learning rate: nan"),
    ("eps", -1e-08, "Invalid epsilon value: -1e-08"),
    ("eps", NAN, "Invalid epsilon value: nan"),
    ("weight_decay", -0.01, "Invalid weight_decay value: -0.01"),
    ("weight_decay", NAN, "Invalid weight_decay value: nan"),
    ("betas", (1.0, 0.999), "Invalid beta parameter at index 0: 1.0"),
    ("betas", (-0.1, 0.999), "Invalid beta parameter at index 0: -0.1"),
    ("betas", (NAN, 0.999), "Invalid beta parameter at index 0: nan"),
    ("betas", (0.9, 1.0), "Invalid beta parameter at index 1: 1.0"),
    ("betas", (0.9, NAN), "Invalid beta parameter at index 1: nan"),
    ("momentum_decay", -0.1, "Invalid momentum_decay value: -0.1"),
    ("momentum_decay", NAN, "Invalid momentum_decay value: nan"),
]
BAD_PARAMS = [pytest.param(name, key, value, message, id=f"{name}-{key}={value!r}")
              for key, value, message in BAD_HYPERPARAMETERS for name in CLASSES if key in signature_defaults(name)]


@pytest.mark.parametrize("name, key, value, message", BAD_PARAMS)
def test_bad_hyperparameter_raises(name, key, value, message):
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        CLASSES[name](**{key: value})
    with pytest.raises(ValueError, match="^" + re.escape(message.split(":")[0])):   # one bad run of K
        CLASSES[name](**{key: tuple(np.array([g, b]) for g, b in zip(signature_defaults(name)[key], value))
                         if key == "betas" else np.array([signature_defaults(name)[key], value])})


@pytest.mark.parametrize("name, key, value, message", BAD_PARAMS)
def test_bad_hyperparameter_messages_are_torchs(torch64, name, key, value, message):
    with pytest.raises(ValueError) as err:
        getattr(torch64.optim, name)([torch64.zeros(1)], **{key: value})
    assert str(err.value) == message


@pytest.mark.parametrize("name, flag", [("Adam", "amsgrad"), ("Adam", "decoupled_weight_decay"), ("AdamW", "amsgrad"),
                                        ("NAdam", "decoupled_weight_decay"), ("RAdam", "decoupled_weight_decay")])
def test_flags_are_one_bool(name, flag):
    """torch reads a flag by its truth value; here a flag is True or False, one value for all K runs."""
    for bad in (np.array([True, False]), 1, None, 0.0):
        with pytest.raises(ValueError, match=f"^Invalid {flag} value"):
            CLASSES[name](**{flag: bad})
    assert getattr(CLASSES[name](**{flag: np.True_}), flag) is True


def test_adamw_has_no_decoupled_flag():
    """As torch.optim.AdamW: its decay is always decoupled."""
    with pytest.raises(TypeError):
        AdamW(decoupled_weight_decay=False)


def _bad_calls(k):
    lead = () if k is None else (k,)
    return [
        ("missing gradient", lambda p, g: g.pop("z"), KeyError),
        ("gradient shape", lambda p, g: g.update(z=np.ones(lead + (5,))), ValueError),
        ("known param, new shape",
         lambda p, g: (p.update(z=np.ones(lead + (4, 2))), g.update(z=np.ones(lead + (4, 2)))), ValueError),
        ("integer param", lambda p, g: p.update(z=np.ones(lead + (4,), dtype=np.int64)), TypeError),
    ]


@pytest.mark.parametrize("batched", [False, True], ids=["single", "batched"])
@pytest.mark.parametrize("cid, name, kwargs", CASE_PARAMS)
def test_bad_update_raises_and_changes_nothing(cid, name, kwargs, batched, rng):
    """The last key is the bad one: a rule that updated 'a' and 'b' (or NAdam's Π) before checking would show."""
    k = 3 if batched else None
    kw = {**kwargs, "lr": np.array([1e-3, 1e-2, 0.1])} if batched else kwargs
    lead = () if k is None else (k,)
    for label, mutate, error in _bad_calls(k):
        opt = CLASSES[name](**kw)
        params = {"a": rng.standard_normal(lead + (3, 2)), "b": rng.standard_normal(lead + (2,)),
                  "z": rng.standard_normal(lead + (4,))}
        grads = {key: rng.standard_normal(p.shape) for key, p in params.items()}
        for _ in range(2):
            opt.update(params, grads)
        bad_params, bad_grads = dict(params), dict(grads)
        mutate(bad_params, bad_grads)
        assert_update_refused(opt, params, bad_params, bad_grads, error, "'z'")
        opt.update(params, grads)                                   # and the optimizer still works
        assert opt.state["a"]["step"] == 3, label
