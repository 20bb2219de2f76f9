"""Adafactor against torch.optim.Adafactor 2.13: a golden file (always), a live run (when torch
imports), a first step by hand, float32, batched runs, and bad input.

Adafactor is in ``OPTIMIZERS`` and the shared table of tests/cases.py; this file also holds its own table of
cases against torch. Regenerate the golden file with
``.venv/bin/python tests/fixtures/make_adafactor_muon_golden.py``.
"""

from __future__ import annotations

import copy
import functools
import inspect
import json
import math
import re

import numpy as np
import pytest

from helpers import FIXTURES, assert_same_tree, assert_update_refused, load_fixture_script
from helpers import random_problem as _random_problem
from helpers import replay as _replay
from optimizers import Adafactor

pytestmark = pytest.mark.filterwarnings("error")

GOLDEN_PATH = FIXTURES / "adafactor_golden.json"
REGENERATE = "regenerate it: .venv/bin/python tests/fixtures/make_adafactor_muon_golden.py"

make_golden = load_fixture_script("make_adafactor_muon_golden")   # imports torch only for a torch run

CASES = make_golden.ADAFACTOR_CASES
CASE_IDS = [",".join(f"{k}={v}" for k, v in kw.items()) or "defaults" for kw in CASES]
SHAPES = make_golden.ADAFACTOR_SHAPES


@pytest.fixture(scope="module")
def golden():
    return json.loads(GOLDEN_PATH.read_text())


replay = functools.partial(_replay, Adafactor)


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
    case = golden["cases"][i]
    path, opt = replay(CASES[i], golden["problem"]["start"], golden["problem"]["grads"])
    for k, expected in case["float64"].items():
        expected = np.array(expected)
        assert path[k].shape == expected.shape
        np.testing.assert_allclose(path[k], expected, rtol=1e-9, atol=1e-12, err_msg=k)
    assert opt.state["W"]["step"] == golden["meta"]["steps"]


TOL = {"float64": dict(rtol=1e-9, atol=1e-12), "float32": dict(rtol=2e-5, atol=1e-6)}


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("i", range(len(CASES)), ids=CASE_IDS)
def test_matches_torch_live(i, dtype, rng):
    pytest.importorskip("torch")
    shapes = {**SHAPES, "M": (5, 1), "R": (1, 4)}            # and the degenerate matrices
    start, grads = _random_problem(rng, shapes, dtype=np.dtype(dtype))
    theirs, their_state = make_golden.run_torch("Adafactor", CASES[i], start, grads, dtype=dtype)
    ours, opt = replay(CASES[i], start, grads, dtype=np.dtype(dtype))
    for k in shapes:
        assert ours[k].dtype == np.dtype(dtype)
        np.testing.assert_allclose(ours[k], theirs[k], **TOL[dtype], err_msg=k)
        names = [n for n in their_state[k] if n != "step"]
        assert set(opt.state[k]) == set(their_state[k])           # torch's state names, and only those
        assert opt.state[k]["step"] == their_state[k]["step"].item()
        for n in names:
            assert opt.state[k][n].shape == their_state[k][n].shape
            np.testing.assert_allclose(opt.state[k][n], their_state[k][n], **TOL[dtype], err_msg=f"{k}: {n}")


def test_defaults_match_torch():
    torch = pytest.importorskip("torch")
    theirs = {k: p.default for k, p in inspect.signature(torch.optim.Adafactor.__init__).parameters.items()}
    ours = {k: p.default for k, p in inspect.signature(Adafactor.__init__).parameters.items()}
    assert set(ours) - {"self"} == set(theirs) - {"self", "params", "foreach"}
    for k, v in ours.items():
        if k != "self":
            assert v == theirs[k], k


#: (kwargs, torch's message): both reject these
BAD = [
    ({"lr": -0.1}, "Learning rate should be >= 0 but is: -0.1"),
    ({"lr": float("nan")}, "Learning rate should be >= 0 but is: nan"),
    ({"beta2_decay": 0.5}, "beta2_decay should be <= 0 but is: 0.5"),
    ({"beta2_decay": float("nan")}, "beta2_decay should be <= 0 but is: nan"),
    ({"eps": (-1e-30, 1e-3)}, "epsilon1 should be >= 0 but is: -1e-30"),
    ({"eps": (float("nan"), 1e-3)}, "epsilon1 should be >= 0 but is: nan"),
    ({"eps": (None, -1e-3)}, "epsilon2 should be >= 0 but is: -0.001"),
    ({"d": 0.5}, "Clipping threshold d should be >= 1 but is: 0.5"),
    ({"d": float("nan")}, "Clipping threshold d should be >= 1 but is: nan"),
    ({"weight_decay": -0.01}, "weight_decay should be >= 0 but is: -0.01"),
    ({"weight_decay": float("nan")}, "weight_decay should be >= 0 but is: nan"),
]


@pytest.mark.parametrize("kwargs, message", BAD, ids=[str(kw) for kw, _ in BAD])
def test_bad_hyperparameter_raises_with_torchs_message(kwargs, message):
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        Adafactor(**kwargs)
    torch = pytest.importorskip("torch")
    with pytest.raises(ValueError) as err:
        torch.optim.Adafactor([torch.zeros(2)], **kwargs)
    assert str(err.value) == message


@pytest.mark.parametrize("kwargs, message", [
    ({"lr": np.array([0.1, -0.1])}, "Learning rate should be >= 0"),
    ({"d": [1.0, 0.5]}, "Clipping threshold d should be >= 1"),
    ({"lr": [[0.1]]}, "Learning rate should be >= 0 but is: [[0.1]] (give a float or a 1-D array"),
    ({"eps": 1e-3}, "Invalid eps"),
    ({"eps": (None, 1e-3, 1.0)}, "Invalid eps"),
    ({"maximize": None}, "maximize should be True or False"),
])
def test_bad_batches_and_shapes(kwargs, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        Adafactor(**kwargs)


def test_hyperparameters_stay_python_floats():
    opt = Adafactor(lr=1, beta2_decay=-1, eps=(1e-30, 1), d=2, weight_decay=0)
    assert opt.hyperparameters == {"lr": 1.0, "beta2_decay": -1.0, "eps": (1e-30, 1.0), "d": 2.0,
                                   "weight_decay": 0.0, "maximize": False}
    for v in (opt.lr, opt.beta2_decay, *opt.eps, opt.d, opt.weight_decay):
        assert type(v) is float
    assert Adafactor().eps == (None, 1e-3)


# ---------------------------------------------------------------------------------------------
# First steps by hand
# ---------------------------------------------------------------------------------------------

def test_first_step_by_hand_vector():
    # t = 1: β̂₂ = 1 − 1^τ = 0, so V̂ = g² and U = g/|g| = sign(g); RMS(U) = 1 = d: no clipping.
    # ρ = min(0.01, 1/√1) = 0.01;  α = max(1e-3, RMS(θ₀)) ρ with RMS((3, −4)) = √12.5
    theta = np.array([3.0, -4.0])
    g = np.array([0.5, -2.0])
    Adafactor().update(theta, g)
    alpha = math.sqrt(12.5) * 0.01
    np.testing.assert_allclose(theta, [3.0 - alpha, -4.0 + alpha], rtol=1e-15)


def test_first_step_by_hand_matrix():
    # A rank-one g = u vᵀ has g² = (u²)(v²)ᵀ: R = u² mean(v²), C = mean(u²) v², mean(R) = mean(u²) mean(v²),
    # so V̂ = R C / mean(R) = g² exactly and U = sign(g), as for the vector. θ₀ = 0: α = ε₂ ρ = 1e−3 · 0.01.
    u, v = np.array([1.0, -2.0, 0.5]), np.array([3.0, 0.25])
    g = np.outer(u, v)
    theta = np.zeros((3, 2))
    opt = Adafactor()
    opt.update(theta, g)
    np.testing.assert_allclose(theta, -1e-5 * np.sign(g), rtol=1e-14)
    state = opt.state[Adafactor.SINGLE_KEY]
    np.testing.assert_allclose(state["row_var"], (u ** 2 * np.mean(v ** 2))[:, None], rtol=1e-15)
    np.testing.assert_allclose(state["col_var"], (np.mean(u ** 2) * v ** 2)[None, :], rtol=1e-15)
    assert set(state) == {"step", "row_var", "col_var"}


def test_second_step_by_hand():
    # θ₀ = (1, 1), lr = 0.5, g₁ = (1, 1):  V̂₁ = g₁², U = (1, 1), RMS(U) = 1 = d;  α₁ = RMS(θ₀)·min(0.5, 1) = 0.5
    #   θ₁ = (0.5, 0.5)
    # g₂ = (1, 0), β̂₂ = 1 − 2^−0.8:  V̂₂ = β̂₂(1, 1) + (1 − β̂₂)(1, 0) = (1, β̂₂),  U = (1, 0),  RMS(U) = 1/√2 < d
    #   ρ₂ = min(0.5, 1/√2) = 0.5,  α₂ = RMS(θ₁)·ρ₂ = 0.25:  θ₂ = (0.25, 0.5)
    theta = np.array([1.0, 1.0])
    opt = Adafactor(lr=0.5)
    opt.update(theta, np.array([1.0, 1.0]))
    np.testing.assert_allclose(theta, [0.5, 0.5], rtol=1e-15)
    opt.update(theta, np.array([1.0, 0.0]))
    np.testing.assert_allclose(theta, [0.25, 0.5], rtol=1e-15)
    beta2 = 1 - 2 ** -0.8
    np.testing.assert_allclose(opt.state[Adafactor.SINGLE_KEY]["variance"], [1.0, beta2], rtol=1e-15)


def test_update_clipping_by_hand():
    # g₁ = 0: V̂₁ = 0, U = 0/max(0, ε₁) = 0, θ stays (1, 1)
    # g₂ = (1, 1): V̂₂ = (1 − β̂₂)·1 = 2^−0.8, so U = 2^0.4·(1, 1) with RMS 2^0.4 ≈ 1.32 > d = 1:
    #   Û = U / 2^0.4 = (1, 1);  α₂ = RMS(θ₁)·min(1, 1/√2) = 1/√2:  θ₂ = (1 − 1/√2)·(1, 1)
    # with d = 2 the same U passes unclipped: θ₂ = (1 − 2^0.4/√2)·(1, 1)
    for d, step in [(1.0, 1 / math.sqrt(2)), (2.0, 2 ** 0.4 / math.sqrt(2))]:
        theta = np.array([1.0, 1.0])
        opt = Adafactor(lr=1.0, d=d)
        opt.update(theta, np.zeros(2))
        np.testing.assert_array_equal(theta, [1.0, 1.0])
        opt.update(theta, np.ones(2))
        np.testing.assert_allclose(theta, [1 - step, 1 - step], rtol=1e-14)


def test_state_is_small_for_matrices():
    """The reason for Adafactor: a 300 × 200 matrix keeps 300 + 200 numbers, not 60 000."""
    params = {"W": np.zeros((300, 200)), "b": np.zeros(200), "T": np.zeros((4, 30, 20))}
    opt = Adafactor()
    opt.update(params, {k: np.ones_like(p) for k, p in params.items()})
    sizes = {k: sum(v.size for v in s.values() if isinstance(v, np.ndarray)) for k, s in opt.state.items()}
    assert sizes == {"W": 500, "b": 200, "T": 4 * (30 + 20)}
    assert opt.state["T"]["row_var"].shape == (4, 30, 1) and opt.state["T"]["col_var"].shape == (4, 1, 20)


# ---------------------------------------------------------------------------------------------
# dtype and batched runs
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("batched", [False, True], ids=["float-hyper", "array-hyper"])
def test_float32_is_kept(batched, rng):
    k = 3
    kwargs = (dict(lr=np.array([0.01, 0.1, 1.0]), eps=(np.array([1e-30, 1e-8, 1e-3]), np.full(k, 1e-3)))
              if batched else dict(lr=0.1, weight_decay=0.1))
    lead = (k,) if batched else ()
    params = {"W": rng.standard_normal(lead + (4, 3)).astype(np.float32),
              "b": rng.standard_normal(lead + (3,)).astype(np.float32),
              "s": rng.standard_normal(lead).astype(np.float32)}
    opt = Adafactor(**kwargs)
    for gd in (np.float64, np.float32, np.int64):
        opt.update(params, {key: (rng.standard_normal(p.shape) * 3).astype(gd) for key, p in params.items()})
        for key, p in params.items():
            assert p.dtype == np.float32, key
            for name, s in opt.state[key].items():
                if name != "step":
                    assert s.dtype == np.float32, (key, name)
            assert np.isfinite(p).all()


#: K = 4 runs, every hyperparameter a length-K array (eps₁ too; it cannot mix None with numbers)
BATCH = [dict(lr=0.01, beta2_decay=-0.8, eps=(1e-30, 1e-3), d=1.0, weight_decay=0.0, maximize=False),
         dict(lr=0.1, beta2_decay=-0.5, eps=(1e-8, 1e-2), d=2.0, weight_decay=0.1, maximize=False),
         dict(lr=1.0, beta2_decay=0.0, eps=(1e-3, 1e-3), d=10.0, weight_decay=0.0, maximize=False),
         dict(lr=0.05, beta2_decay=-1.0, eps=(0.0, 0.0), d=1.0, weight_decay=0.5, maximize=False)]


def _batched_kwargs(cases):
    out = {}
    for key in cases[0]:
        if key == "eps":
            out[key] = tuple(np.array([c[key][i] for c in cases]) for i in range(2))
        elif key == "maximize":
            out[key] = cases[0][key]
        else:
            out[key] = np.array([c[key] for c in cases])
    return out


@pytest.mark.parametrize("dtype, tol", [(np.float64, dict(rtol=1e-12, atol=1e-15)),
                                        (np.float32, dict(rtol=2e-5, atol=1e-6))], ids=["float64", "float32"])
@pytest.mark.parametrize("sweep", [False, True], ids=["every-hyper", "lr-sweep"])
def test_batch_equals_separate_runs(sweep, dtype, tol, rng):
    """A (K, m, n) parameter is K matrices, (K, n) K vectors, (K,) K scalars: each with its own RMS."""
    cases = [{**BATCH[1], "lr": lr} for lr in (1e-3, 1e-2, 0.1, 1.0)] if sweep else BATCH
    kwargs = {**BATCH[1], "lr": np.array([c["lr"] for c in cases])} if sweep else _batched_kwargs(cases)
    k = len(cases)
    shapes = {"W": (4, 3), "T": (2, 3, 2), "b": (3,), "s": ()}
    batch = {key: rng.standard_normal((k, *s)).astype(dtype) for key, s in shapes.items()}
    singles = [{key: np.array(batch[key][i]) for key in shapes} for i in range(k)]   # 0-d stays an array
    opt = Adafactor(**kwargs)
    assert opt.batch_size == k
    single_opts = [Adafactor(**kw) for kw in cases]
    for t in range(12):
        grads = {key: (rng.standard_normal((k, *s)) * (0 if t == 3 else 2)).astype(dtype)
                 for key, s in shapes.items()}
        opt.update(batch, grads)
        for i in range(k):
            single_opts[i].update(singles[i], {key: grads[key][i] for key in shapes})
    assert set(opt.state["W"]) == {"step", "row_var", "col_var"}
    assert set(opt.state["b"]) == set(opt.state["s"]) == {"step", "variance"}
    for i in range(k):
        for key in shapes:
            np.testing.assert_allclose(batch[key][i], singles[i][key], **tol, err_msg=f"run {i}: {key}")
            for name, s in single_opts[i].state[key].items():
                if name != "step":
                    np.testing.assert_allclose(opt.state[key][name][i], s, **tol, err_msg=f"run {i}: {key}: {name}")


# ---------------------------------------------------------------------------------------------
# Bad calls: raise naming the culprit, change nothing
# ---------------------------------------------------------------------------------------------

BAD_CALLS = [
    ("gradient shape", lambda p, g, k: g.update(z=np.ones(g["z"].shape + (1,))), ValueError, "'z'"),
    ("gradient transposed", lambda p, g, k: g.update(a=g["a"].swapaxes(-1, -2)), ValueError, "'a'"),
    ("missing gradient", lambda p, g, k: g.pop("z"), KeyError, "'z'"),
    ("integer param", lambda p, g, k: p.update(z=np.ones(p["z"].shape, dtype=np.int64)), TypeError, "'z'"),
    ("vector becomes matrix", lambda p, g, k: (p.update(z=np.ones(p["z"].shape + (2,))),
                                               g.update(z=np.ones(p["z"].shape + (2,)))), ValueError, "'z'"),
    ("matrix changes shape", lambda p, g, k: (p.update(a=np.ones(p["a"].shape[:-1] + (5,))),
                                              g.update(a=np.ones(p["a"].shape[:-1] + (5,)))), ValueError, "'a'"),
]


@pytest.mark.parametrize("batched", [False, True], ids=["single", "batched"])
@pytest.mark.parametrize("label, mutate, error, key", BAD_CALLS, ids=[c[0] for c in BAD_CALLS])
def test_bad_update_raises_and_changes_nothing(label, mutate, error, key, batched, rng):
    k = 3 if batched else None
    lead = (k,) if batched else ()
    opt = Adafactor(lr=np.array([0.01, 0.1, 1.0]) if batched else 0.1)
    params = {"a": rng.standard_normal(lead + (3, 2)), "b": rng.standard_normal(lead + (2,)),
              "z": rng.standard_normal(lead + (4,))}
    grads = {name: rng.standard_normal(p.shape) for name, p in params.items()}
    for _ in range(2):
        opt.update(params, grads)
    bad_params, bad_grads = dict(params), dict(grads)
    mutate(bad_params, bad_grads, k)
    assert_update_refused(opt, params, bad_params, bad_grads, error, key)
    opt.update(params, grads)
    assert opt.state["a"]["step"] == 3


def test_batched_parameter_without_the_run_axis_is_refused(rng):
    opt = Adafactor(lr=np.array([0.1, 0.2]))
    params = {"W": rng.standard_normal((2, 3, 2)), "v": rng.standard_normal(3)}
    before = copy.deepcopy(params)
    with pytest.raises(ValueError, match="'v'.*K=2"):
        opt.update(params, {k: np.ones_like(p) for k, p in params.items()})
    assert_same_tree(before, params)
    assert opt.state == {}


def test_not_cut_into_element_blocks(golden):
    """The base class updates large parameters in element blocks; this rule needs whole matrices."""
    start, grads = golden["problem"]["start"], golden["problem"]["grads"]
    whole, _ = replay(CASES[1], start, grads)
    blocked = Adafactor(**CASES[1])
    blocked.BLOCK = 2
    params = {k: np.array(v) for k, v in start.items()}
    for g in grads:
        blocked.update(params, {k: np.array(v) for k, v in g.items()})
    for k, p in params.items():
        np.testing.assert_array_equal(p, whole[k][-1], err_msg=k)
