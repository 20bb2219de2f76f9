"""Muon against torch.optim.Muon 2.13: a golden file (always), a live run (when torch imports), the
Newton–Schulz iteration and a first step by hand, float32, batched runs, and bad input.

torch runs Newton–Schulz in bfloat16; the package runs it in the parameter's dtype. The float64
comparisons therefore use torch's own ``Muon.step`` with only that cast removed (see
``newton_schulz_in_own_dtype`` in the fixture script), and match to 1e-9; torch as shipped is
compared too, to a tolerance that says how far bfloat16 moves the trajectory.

Muon is in ``OPTIMIZERS`` (matrix-only: the shared tests step it on matrices); this file holds its own table too.
Regenerate the golden file with ``.venv/bin/python tests/fixtures/make_adafactor_muon_golden.py``.
"""

from __future__ import annotations

import copy
import functools
import inspect
import json
import re

import numpy as np
import pytest

from helpers import FIXTURES, assert_update_refused, load_fixture_script
from helpers import random_problem as _random_problem
from helpers import replay as _replay
from optimizers import Muon
from optimizers.muon import DEFAULT_NS_COEFFICIENTS, zeropower_via_newtonschulz

pytestmark = pytest.mark.filterwarnings("error")

GOLDEN_PATH = FIXTURES / "muon_golden.json"
REGENERATE = "regenerate it: .venv/bin/python tests/fixtures/make_adafactor_muon_golden.py"

make_golden = load_fixture_script("make_adafactor_muon_golden")   # imports torch only for a torch run

CASES = make_golden.MUON_CASES
CASE_IDS = [",".join(f"{k}={v}" for k, v in kw.items()) or "defaults" for kw in CASES]
SHAPES = make_golden.MUON_SHAPES

#: how far torch as shipped (bfloat16 Newton–Schulz) may be from the package, as a fraction of how far
#: the parameters moved in the 20 steps: bfloat16 keeps 8 significant bits, so each O_t is ~1% off
BF16_REL = 0.05


@pytest.fixture(scope="module")
def golden():
    return json.loads(GOLDEN_PATH.read_text())


replay = functools.partial(_replay, Muon)


# ---------------------------------------------------------------------------------------------
# torch: the golden file (always) and a live comparison (when torch is installed)
# ---------------------------------------------------------------------------------------------

def test_golden_file_is_current(golden):
    stored = [c["kwargs"] for c in golden["cases"]]
    assert stored == json.loads(json.dumps(CASES)), f"the golden file's cases differ from the script's; {REGENERATE}"
    assert golden["meta"]["steps"] == make_golden.STEPS
    assert {k: np.shape(v) for k, v in golden["problem"]["start"].items()} == SHAPES
    assert GOLDEN_PATH.stat().st_size < 200_000


@pytest.mark.parametrize("i", range(len(CASES)), ids=CASE_IDS)
def test_golden(golden, i):
    """torch's step with float64 Newton–Schulz, to 1e-9; torch as shipped (bfloat16), to BF16_REL."""
    case = golden["cases"][i]
    path, _ = replay(CASES[i], golden["problem"]["start"], golden["problem"]["grads"])
    for k in SHAPES:
        expected = np.array(case["float64"][k])
        assert path[k].shape == expected.shape
        np.testing.assert_allclose(path[k], expected, rtol=1e-9, atol=1e-12, err_msg=k)
        shipped = np.array(case["bfloat16"][k])
        moved = np.abs(path[k] - path[k][0]).max()
        assert np.abs(path[k] - shipped).max() <= BF16_REL * moved, k


#: float32: both run Newton–Schulz in float32, with different summation orders, which its
#: polynomial amplifies (its slope at 0 is a⁵ ≈ 500 for five steps)
TOL = {"float64": dict(rtol=1e-9, atol=1e-12), "float32": dict(rtol=1e-4, atol=1e-5)}


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("i", range(len(CASES)), ids=CASE_IDS)
def test_matches_torch_live(i, dtype, rng):
    pytest.importorskip("torch")
    shapes = {**SHAPES, "M": (5, 1), "R": (1, 4)}            # and the degenerate matrices
    start, grads = _random_problem(rng, shapes, dtype=np.dtype(dtype))
    theirs, their_state = make_golden.run_torch("Muon", CASES[i], start, grads, dtype=dtype)
    ours, opt = replay(CASES[i], start, grads, dtype=np.dtype(dtype))
    for k in shapes:
        assert ours[k].dtype == np.dtype(dtype)
        np.testing.assert_allclose(ours[k], theirs[k], **TOL[dtype], err_msg=k)
        assert set(opt.state[k]) - {"step"} == set(their_state[k]) == {"momentum_buffer"}
        np.testing.assert_allclose(opt.state[k]["momentum_buffer"], their_state[k]["momentum_buffer"],
                                   **TOL[dtype], err_msg=k)


@pytest.mark.parametrize("i", range(len(CASES)), ids=CASE_IDS)
def test_close_to_torch_as_shipped(i, rng):
    """torch's bfloat16 Newton–Schulz against the package's float64 one, step by step from the same
    point and momentum buffer. bfloat16 keeps 8 significant bits: a typical step differs by 1-3% of its
    size (Frobenius); a step whose momentum matrix is nearly singular differs more (up to ~25% here),
    because the iteration multiplies the rounding of a small singular value by up to a⁵ ≈ 490."""
    torch = pytest.importorskip("torch")
    start, grads = _random_problem(rng, SHAPES, steps=20)
    tensors = {k: torch.tensor(v) for k, v in start.items()}
    topt = torch.optim.Muon(list(tensors.values()), **CASES[i])
    opt = Muon(**CASES[i])
    errors = []
    for t, g in enumerate(grads):
        ours = {k: tensor.numpy().copy() for k, tensor in tensors.items()}     # torch's point ...
        for k, tensor in tensors.items():                                       # ... and buffer
            opt.state[k] = {"step": t, "momentum_buffer": (topt.state[tensor]["momentum_buffer"].numpy().copy()
                                                           if t else np.zeros(SHAPES[k]))}
            tensor.grad = torch.from_numpy(g[k].copy())
        with torch.no_grad():
            topt.step()
        before = copy.deepcopy(ours)
        opt.update(ours, g)
        for k, tensor in tensors.items():
            our_step, their_step = ours[k] - before[k], tensor.numpy() - before[k]
            errors.append(np.linalg.norm(our_step - their_step) / np.linalg.norm(our_step))
    assert np.median(errors) <= 0.03 and max(errors) <= 0.4, (np.median(errors), max(errors))


def test_newton_schulz_equals_torchs_in_float64(rng):
    """torch's own _zeropower_via_newtonschulz, run on float64 with its bfloat16 cast removed."""
    torch = pytest.importorskip("torch")
    from torch.optim._muon import _zeropower_via_newtonschulz
    for shape in [(4, 3), (3, 5), (6, 6), (1, 4), (5, 1)]:
        for coefficients, steps in [(DEFAULT_NS_COEFFICIENTS, 5), ((1.5, -0.5, 0.0), 12), ((2.0, -1.5, 0.5), 0)]:
            G = rng.standard_normal(shape)
            with make_golden.newton_schulz_in_own_dtype(torch):
                theirs = _zeropower_via_newtonschulz(torch.tensor(G), coefficients, steps, 1e-7)
            assert theirs.dtype == torch.float64
            ours = zeropower_via_newtonschulz(G, coefficients, steps, 1e-7)
            np.testing.assert_allclose(ours, theirs.numpy(), rtol=1e-12, atol=1e-14)
            shipped = _zeropower_via_newtonschulz(torch.tensor(G), coefficients, steps, 1e-7)
            assert shipped.dtype == torch.bfloat16                 # what torch adds to the parameter
            np.testing.assert_allclose(ours, shipped.double().numpy(), atol=0.05 * max(1.0, np.abs(ours).max()))


def test_defaults_match_torch():
    torch = pytest.importorskip("torch")
    theirs = {k: p.default for k, p in inspect.signature(torch.optim.Muon.__init__).parameters.items()}
    ours = {k: p.default for k, p in inspect.signature(Muon.__init__).parameters.items()}
    assert set(ours) - {"self"} == set(theirs) - {"self", "params"}
    for k, v in ours.items():
        if k != "self":
            assert v == theirs[k], k


# ---------------------------------------------------------------------------------------------
# By hand
# ---------------------------------------------------------------------------------------------

def test_newton_schulz_of_a_scaled_identity_is_the_scalar_iteration():
    # G = 3I (2 × 2): X₀ = G/‖G‖_F = I/√2, and every step keeps X = x I with x ← a x + b x³ + c x⁵
    a, b, c = DEFAULT_NS_COEFFICIENTS
    x = 1 / np.sqrt(2)
    for _ in range(5):
        x = a * x + b * x ** 3 + c * x ** 5
    np.testing.assert_allclose(zeropower_via_newtonschulz(3 * np.eye(2), DEFAULT_NS_COEFFICIENTS, 5, 1e-7),
                               x * np.eye(2), rtol=1e-14)
    assert 0.68 < x < 1.2                                          # near 1, not onto it


@pytest.mark.parametrize("shape", [(4, 3), (3, 5), (2, 4, 3), (2, 3, 5)], ids=["tall", "wide", "K tall", "K wide"])
@pytest.mark.parametrize("steps", [0, 1, 5])
def test_newton_schulz_leaves_its_input_alone_and_equals_the_plain_formula(shape, steps, rng):
    """The loop reuses its matrices in place (A Aᵀ for A², out=, *=): G is never written, and the result is
    the formula written with new arrays at every step, A @ A included, to rounding."""
    G = rng.standard_normal(shape)
    saved = G.copy()
    ours = zeropower_via_newtonschulz(G, DEFAULT_NS_COEFFICIENTS, steps, 1e-7)
    np.testing.assert_array_equal(G, saved)
    a, b, c = DEFAULT_NS_COEFFICIENTS
    X = G.swapaxes(-1, -2) if shape[-2] > shape[-1] else G
    X = X / np.linalg.norm(X, axis=(-2, -1), keepdims=True)
    for _ in range(steps):
        A = X @ X.swapaxes(-1, -2)
        X = a * X + (b * A + c * (A @ A)) @ X
    plain = X.swapaxes(-1, -2) if shape[-2] > shape[-1] else X
    assert ours.shape == G.shape
    np.testing.assert_allclose(ours, plain, rtol=1e-12, atol=1e-14)


def test_newton_schulz_orthogonalises(rng):
    G = rng.standard_normal((6, 4)) @ np.diag([1.0, 0.5, 0.2, 0.1])
    U, _, Vt = np.linalg.svd(G, full_matrices=False)
    # the cubic iteration 1.5 X − 0.5 X Xᵀ X converges to U Vᵀ for singular values in (0, √3)
    O = zeropower_via_newtonschulz(G, (1.5, -0.5, 0.0), 60, 1e-7)
    np.testing.assert_allclose(O, U @ Vt, atol=1e-9)
    # the default quintic: same singular vectors, singular values in roughly (0.7, 1.2)
    O = zeropower_via_newtonschulz(G, DEFAULT_NS_COEFFICIENTS, 5, 1e-7)
    s = np.linalg.svd(O, compute_uv=False)
    assert np.all((0.6 < s) & (s < 1.25)), s
    np.testing.assert_allclose(U.T @ O @ Vt.T, np.diag(np.diag(U.T @ O @ Vt.T)), atol=1e-12)
    np.testing.assert_array_equal(zeropower_via_newtonschulz(np.zeros((3, 2)), DEFAULT_NS_COEFFICIENTS, 5, 1e-7),
                                  np.zeros((3, 2)))


def test_first_step_by_hand():
    # g = 3I (2 × 2), θ₀ = I, defaults μ = 0.95, Nesterov, λ = 0.1, η = 1e−3 (here 0.1):
    # B₁ = 0.05 g;  B̃ = (1 − μ) g + μ B₁ = 0.0975 g, a multiple of I: O = x I (the scalar iteration above)
    # s = √max(1, 2/2) = 1;  θ₁ = I (1 − 0.1·0.1) − 0.1·x I
    a, b, c = DEFAULT_NS_COEFFICIENTS
    x = 1 / np.sqrt(2)
    for _ in range(5):
        x = a * x + b * x ** 3 + c * x ** 5
    theta = np.eye(2)
    opt = Muon(lr=0.1)
    opt.update(theta, 3 * np.eye(2))
    np.testing.assert_allclose(theta, np.eye(2) * (0.99 - 0.1 * x), rtol=1e-14)
    np.testing.assert_allclose(opt.state[Muon.SINGLE_KEY]["momentum_buffer"], 0.15 * np.eye(2), rtol=1e-15)


@pytest.mark.parametrize("shape, original, match", [((4, 3), np.sqrt(4 / 3), 0.4), ((3, 5), 1.0, 0.2 * np.sqrt(5)),
                                                    ((6, 6), 1.0, 0.2 * np.sqrt(6))])
def test_adjust_lr_by_hand(shape, original, match, rng):
    """With momentum 0 and no decay, θ₁ − θ₀ = −η s NS(g): s by shape and adjust_lr_fn."""
    g = rng.standard_normal(shape)
    O = zeropower_via_newtonschulz(g, DEFAULT_NS_COEFFICIENTS, 5, 1e-7)
    for fn, s in [(None, original), ("original", original), ("match_rms_adamw", match)]:
        theta = np.zeros(shape)
        Muon(lr=0.1, momentum=0.0, weight_decay=0.0, adjust_lr_fn=fn).update(theta, g)
        np.testing.assert_allclose(theta, -0.1 * s * O, rtol=1e-13, err_msg=str(fn))


def test_nesterov_off_uses_the_buffer(rng):
    # momentum 0.5, no Nesterov: B₂ = 0.5·(0.5 g₁) + 0.5 g₂, and the step is NS(B₂)
    g1, g2 = rng.standard_normal((2, 3, 4))
    theta = np.zeros((3, 4))
    opt = Muon(lr=1.0, momentum=0.5, nesterov=False, weight_decay=0.0)
    opt.update(theta, g1)
    after1 = theta.copy()
    opt.update(theta, g2)
    B2 = 0.25 * g1 + 0.5 * g2
    np.testing.assert_allclose(theta - after1, -zeropower_via_newtonschulz(B2, DEFAULT_NS_COEFFICIENTS, 5, 1e-7),
                               rtol=1e-12, atol=1e-14)


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------

#: (kwargs, torch's message): both reject these
BAD = [
    ({"lr": -0.1}, "Learning rate should be >= 0 but is: -0.1"),
    ({"lr": float("nan")}, "Learning rate should be >= 0 but is: nan"),
    ({"momentum": -0.1}, "momentum should be >= 0 but is: -0.1"),
    ({"momentum": float("nan")}, "momentum should be >= 0 but is: nan"),
    ({"weight_decay": -0.01}, "weight decay should be >= 0 but is: -0.01"),
    ({"weight_decay": float("nan")}, "weight decay should be >= 0 but is: nan"),
    ({"adjust_lr_fn": "spectral"}, "Adjust learning rate function spectral is not supported"),
]
#: the package is stricter than torch here, and checks at construction what torch checks at step time
STRICTER = [
    ({"momentum": 1.5}, "momentum should be <= 1 but is: 1.5"),
    ({"eps": -1e-7}, "epsilon should be >= 0 but is: -1e-07"),
    ({"eps": float("nan")}, "epsilon should be >= 0 but is: nan"),
    ({"ns_steps": 100}, "Number of steps must be less than 100 for computational efficiency"),
    ({"ns_steps": -1}, "ns_steps should be a non-negative integer but is: -1"),
    ({"ns_steps": 2.5}, "ns_steps should be a non-negative integer but is: 2.5"),
    ({"ns_coefficients": (1.5, -0.5)}, "Coefficients must be a tuple of exactly 3 values"),
    ({"ns_coefficients": 1.5}, "Coefficients must be a tuple of exactly 3 values"),
    ({"ns_coefficients": (1.5, float("nan"), 0.0)}, "Invalid Newton-Schulz coefficient at index 1"),
    ({"nesterov": None}, "nesterov should be True or False"),
    ({"lr": [0.1, -0.1]}, "Learning rate should be >= 0 but is: [0.1, -0.1]"),
]


@pytest.mark.parametrize("kwargs, message", BAD, ids=[str(kw) for kw, _ in BAD])
def test_bad_hyperparameter_raises_with_torchs_message(kwargs, message):
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        Muon(**kwargs)
    torch = pytest.importorskip("torch")
    with pytest.raises(ValueError) as err:
        torch.optim.Muon([torch.zeros(2, 2)], **kwargs)
    assert str(err.value) == message


@pytest.mark.parametrize("kwargs, message", STRICTER, ids=[str(kw) for kw, _ in STRICTER])
def test_stricter_than_torch(kwargs, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        Muon(**kwargs)


def test_hyperparameters_keep_their_types():
    opt = Muon(lr=1, weight_decay=0, momentum=1, ns_coefficients=(2, -1, 0), eps=0, ns_steps=np.int64(3))
    assert opt.hyperparameters == {"lr": 1.0, "weight_decay": 0.0, "momentum": 1.0, "nesterov": True,
                                   "ns_coefficients": (2.0, -1.0, 0.0), "eps": 0.0, "ns_steps": 3,
                                   "adjust_lr_fn": None}
    for v in (opt.lr, opt.weight_decay, opt.momentum, *opt.ns_coefficients, opt.eps):
        assert type(v) is float
    assert type(opt.ns_steps) is int and type(opt.nesterov) is bool


# ---------------------------------------------------------------------------------------------
# dtype and batched runs
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("batched", [False, True], ids=["float-hyper", "array-hyper"])
def test_float32_is_kept(batched, rng):
    k = 3
    kwargs = dict(lr=np.array([0.01, 0.1, 1.0]), momentum=np.array([0.0, 0.5, 0.95])) if batched else dict(lr=0.1)
    lead = (k,) if batched else ()
    params = {"W": rng.standard_normal(lead + (4, 3)).astype(np.float32),
              "V": rng.standard_normal(lead + (2, 5)).astype(np.float32)}
    opt = Muon(**kwargs)
    for gd in (np.float64, np.float32, np.int64):
        opt.update(params, {key: (rng.standard_normal(p.shape) * 3).astype(gd) for key, p in params.items()})
        for key, p in params.items():
            assert p.dtype == np.float32 and opt.state[key]["momentum_buffer"].dtype == np.float32
            assert np.isfinite(p).all()


BATCH = [dict(lr=1e-3, weight_decay=0.1, momentum=0.95, ns_coefficients=DEFAULT_NS_COEFFICIENTS, eps=1e-7),
         dict(lr=0.02, weight_decay=0.0, momentum=0.9, ns_coefficients=(1.5, -0.5, 0.0), eps=1e-5),
         dict(lr=0.1, weight_decay=0.5, momentum=0.0, ns_coefficients=(3.0, -3.2, 1.2), eps=1e-9),
         dict(lr=0.05, weight_decay=0.01, momentum=1.0, ns_coefficients=DEFAULT_NS_COEFFICIENTS, eps=1e-7)]


def _batched_kwargs(cases):
    out = {}
    for key in cases[0]:
        if key == "ns_coefficients":
            out[key] = tuple(np.array([c[key][i] for c in cases]) for i in range(3))
        else:
            out[key] = np.array([c[key] for c in cases])
    return out


@pytest.mark.parametrize("flags", [dict(), dict(nesterov=False, adjust_lr_fn="match_rms_adamw", ns_steps=7)],
                         ids=["defaults", "flags"])
@pytest.mark.parametrize("dtype, tol", [(np.float64, dict(rtol=1e-10, atol=1e-13)),
                                        (np.float32, dict(rtol=1e-4, atol=1e-5))], ids=["float64", "float32"])
@pytest.mark.parametrize("sweep", [False, True], ids=["every-hyper", "lr-sweep"])
def test_batch_equals_separate_runs(sweep, dtype, tol, flags, rng):
    """A (K, m, n) parameter is K matrices, each orthogonalised on its own."""
    base = {**BATCH[1], **flags}
    cases = [{**base, "lr": lr} for lr in (1e-3, 1e-2, 0.1, 1.0)] if sweep else [{**c, **flags} for c in BATCH]
    kwargs = {**base, "lr": np.array([c["lr"] for c in cases])} if sweep else {**_batched_kwargs(BATCH), **flags}
    k = len(cases)
    shapes = {"W": (4, 3), "V": (2, 5), "Q": (3, 3)}
    batch = {key: rng.standard_normal((k, *s)).astype(dtype) for key, s in shapes.items()}
    singles = [{key: batch[key][i].copy() for key in shapes} for i in range(k)]
    opt = Muon(**kwargs)
    assert opt.batch_size == k
    single_opts = [Muon(**kw) for kw in cases]
    for t in range(12):
        grads = {key: (rng.standard_normal((k, *s)) * (0 if t == 3 else 2)).astype(dtype)
                 for key, s in shapes.items()}
        opt.update(batch, grads)
        for i in range(k):
            single_opts[i].update(singles[i], {key: grads[key][i] for key in shapes})
    for i in range(k):
        for key in shapes:
            np.testing.assert_allclose(batch[key][i], singles[i][key], **tol, err_msg=f"run {i}: {key}")
            np.testing.assert_allclose(opt.state[key]["momentum_buffer"][i],
                                       single_opts[i].state[key]["momentum_buffer"], **tol, err_msg=f"run {i}: {key}")


# ---------------------------------------------------------------------------------------------
# Bad calls: raise naming the culprit, change nothing
# ---------------------------------------------------------------------------------------------

BAD_CALLS = [
    ("vector", lambda p, g, lead: (p.update(z=np.ones(lead + (3,))), g.update(z=np.ones(lead + (3,)))),
     ValueError, "'z'"),
    ("3-axis tensor", lambda p, g, lead: (p.update(z=np.ones(lead + (2, 3, 2))), g.update(z=np.ones(lead + (2, 3, 2)))),
     ValueError, "'z'"),
    ("scalar", lambda p, g, lead: (p.update(z=np.ones(lead)), g.update(z=np.ones(lead))), ValueError, "'z'"),
    ("gradient shape", lambda p, g, lead: g.update(b=g["b"].swapaxes(-1, -2)), ValueError, "'b'"),
    ("integer param", lambda p, g, lead: p.update(b=p["b"].astype(np.int64)), TypeError, "'b'"),
    ("matrix changes shape", lambda p, g, lead: (p.update(b=np.ones(lead + (4, 4))), g.update(b=np.ones(lead + (4, 4)))),
     ValueError, "'b'"),
]


@pytest.mark.parametrize("batched", [False, True], ids=["single", "batched"])
@pytest.mark.parametrize("label, mutate, error, key", BAD_CALLS, ids=[c[0] for c in BAD_CALLS])
def test_bad_update_raises_and_changes_nothing(label, mutate, error, key, batched, rng):
    lead = (3,) if batched else ()
    opt = Muon(lr=np.array([0.01, 0.1, 1.0]) if batched else 0.1)
    params = {"a": rng.standard_normal(lead + (3, 2)), "b": rng.standard_normal(lead + (2, 4))}
    grads = {name: rng.standard_normal(p.shape) for name, p in params.items()}
    for _ in range(2):
        opt.update(params, grads)
    bad_params, bad_grads = dict(params), dict(grads)
    mutate(bad_params, bad_grads, lead)
    err = assert_update_refused(opt, params, bad_params, bad_grads, error, key)
    if label in ("vector", "3-axis tensor", "scalar"):
        assert "Muon only supports 2D parameters" in str(err.value)
    opt.update(params, grads)
    assert opt.state["a"]["step"] == 3


def test_non_matrix_refused_at_the_first_call():
    opt = Muon()
    params = {"W": np.ones((3, 2)), "bias": np.zeros(2)}
    with pytest.raises(ValueError, match=r"^Muon only supports 2D parameters, but parameter 'bias' has shape \(2,\)"):
        opt.update(params, {k: np.ones_like(p) for k, p in params.items()})
    np.testing.assert_array_equal(params["W"], np.ones((3, 2)))
    assert opt.state == {}


def test_not_cut_into_element_blocks(golden):
    """The base class updates large parameters in element blocks; this rule needs whole matrices."""
    start, grads = golden["problem"]["start"], golden["problem"]["grads"]
    whole, _ = replay(CASES[1], start, grads)
    blocked = Muon(**CASES[1])
    blocked.BLOCK = 2
    params = {k: np.array(v) for k, v in start.items()}
    for g in grads:
        blocked.update(params, {k: np.array(v) for k, v in g.items()})
    for k, p in params.items():
        np.testing.assert_array_equal(p, whole[k][-1], err_msg=k)
