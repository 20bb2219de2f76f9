"""Lion against lucidrains' lion-pytorch: steps by hand, the golden file, a live comparison,
batching, dtype, validation and bad calls.

The golden file is written by ``tests/fixtures/make_lion_golden.py`` (which runs the real
``lion_pytorch.Lion``); the live comparison runs when ``lion_pytorch`` imports, and under
``CI=true`` its absence fails instead of skipping (``make test`` installs it from
``requirements-test.lock``).
"""

from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

import numpy as np
import pytest

from helpers import FIXTURES, assert_same_tree, assert_update_refused, need, quadratic_grad, read_only
from optimizers import PROBLEMS, Lion, Optimizer

sys.path.insert(0, str(FIXTURES))
import make_lion_golden as gen  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")

GOLDEN_PATH = FIXTURES / "lion_golden.json"
LOCK = Path(__file__).resolve().parent.parent / "requirements-test.lock"
REGENERATE = "regenerate it: .venv/bin/python tests/fixtures/make_lion_golden.py"
CASE_IDS = list(gen.CASES)


# ---------------------------------------------------------------------------------------------
# Defaults and the first steps by hand
# ---------------------------------------------------------------------------------------------

def test_defaults_are_lion_pytorchs():
    opt = Lion()
    assert opt.hyperparameters == {"lr": 1e-4, "betas": (0.9, 0.99), "weight_decay": 0.0}
    for v in (opt.lr, *opt.betas, opt.weight_decay):
        assert type(v) is float
    assert "Lion(" in repr(opt)


def test_defaults_match_the_reference_signature():
    import inspect
    lion_pytorch = need("lion_pytorch")
    theirs = {k: p.default for k, p in inspect.signature(lion_pytorch.Lion.__init__).parameters.items()}
    for key, ours in Lion().hyperparameters.items():
        assert tuple(theirs[key]) == ours if key == "betas" else theirs[key] == ours, key


@pytest.mark.parametrize("form", ["vector", "scalars"])
@pytest.mark.parametrize("weight_decay", [0.0, 0.5])
def test_first_steps_by_hand(weight_decay, form):
    # From θ₀ = (0, 0) on the quadratic, g₀ = (−4, −8), lr = 0.1, β = (0.9, 0.99):
    #   c₁ = 0.1·g₀ < 0, so θ₁ = θ₀(1 − 0.1λ) + 0.1·(1, 1) = (0.1, 0.1);  m₁ = 0.01·g₀ = (−0.04, −0.08)
    #   g₁ = (0.3 − 4, 0.3 − 8) = (−3.7, −7.7);  c₂ = 0.9·m₁ + 0.1·g₁ < 0
    #   θ₂ = θ₁(1 − 0.1λ) + (0.1, 0.1): (0.2, 0.2) with λ = 0, (0.195, 0.195) with λ = 0.5
    #   m₂ = 0.99·m₁ + 0.01·g₁ = (−0.0396 − 0.037, −0.0792 − 0.077) = (−0.0766, −0.1562)
    opt = Lion(lr=0.1, weight_decay=weight_decay)
    theta2 = 0.1 * (1 - 0.1 * weight_decay) + 0.1
    expected = [(0.1, 0.1), (theta2, theta2)]
    xy = np.zeros(2)
    scalars = {"x": np.array(0.0), "y": np.array(0.0)}
    for t, want in enumerate(expected, start=1):
        if form == "vector":
            opt.update(xy, quadratic_grad(xy))
        else:
            g = quadratic_grad(np.array([scalars["x"], scalars["y"]]))
            opt.update(scalars, {"x": np.array(g[0]), "y": np.array(g[1])})
            xy = np.array([scalars["x"], scalars["y"]])
        assert xy == pytest.approx(want, rel=1e-12), f"step {t}"
    m = (opt.state[Optimizer.SINGLE_KEY]["exp_avg"] if form == "vector"
         else np.array([opt.state[k]["exp_avg"] for k in "xy"]))
    assert m == pytest.approx([-0.0766, -0.1562], rel=1e-12)


def test_every_coordinate_moves_by_lr_whatever_the_gradient():
    opt = Lion(lr=0.01)
    x = np.zeros(4)
    opt.update(x, np.array([1e-12, -3e6, 0.0, 5.0]))
    np.testing.assert_array_equal(x, [-0.01, 0.01, 0.0, -0.01])      # sign(0) = 0: no move


# ---------------------------------------------------------------------------------------------
# The golden file (always) and the live reference (when installed)
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def golden():
    return json.loads(GOLDEN_PATH.read_text())


def test_golden_file_is_current(golden):
    assert set(golden["cases"]) == set(gen.CASES), f"the golden file's cases differ from CASES; {REGENERATE}"
    for cid, kw in gen.CASES.items():
        assert golden["cases"][cid]["kwargs"] == kw, f"{cid} changed; {REGENERATE}"
    assert golden["meta"]["steps"] >= 20 and golden["meta"]["dtype"] == "float64"
    pin = re.search(r"^lion-pytorch==(\S+)$", LOCK.read_text(), re.M)
    assert pin, "pin lion-pytorch in requirements-test.lock"
    assert golden["meta"]["reference"] == f"lion-pytorch=={pin.group(1)}", f"the pin moved; {REGENERATE}"
    assert GOLDEN_PATH.stat().st_size < 100_000


@pytest.mark.parametrize("block", [None, 2], ids=["whole", "blocked"])
@pytest.mark.parametrize("cid", CASE_IDS)
def test_golden_random_gradients(golden, cid, block):
    case = golden["cases"][cid]
    params = {k: np.array(v, dtype=np.float64) for k, v in golden["random"]["start"].items()}
    opt = Lion(**case["kwargs"])
    if block:
        opt.BLOCK = block              # 'w' (6 elements) then goes through the block-by-block path
    path = {k: [p.copy()] for k, p in params.items()}
    for g in golden["random"]["grads"]:
        opt.update(params, {k: np.array(v) for k, v in g.items()})
        for k, p in params.items():
            path[k].append(p.copy())
    for k in params:
        np.testing.assert_allclose(np.array(path[k]), np.array(case["random"]["params"][k]),
                                   rtol=1e-9, atol=1e-12, err_msg=k)
        np.testing.assert_allclose(opt.state[k]["exp_avg"], np.array(case["random"]["exp_avg"][k]),
                                   rtol=1e-9, atol=1e-12, err_msg=f"{k}: exp_avg")


@pytest.mark.parametrize("cid", CASE_IDS)
def test_golden_rosenbrock(golden, cid):
    expected = np.array(golden["cases"][cid]["rosenbrock"])
    problem = PROBLEMS["rosenbrock"]
    opt = Lion(**golden["cases"][cid]["kwargs"])
    x = np.array(problem.start, dtype=np.float64)
    path = [x.copy()]
    for _ in range(len(expected) - 1):
        opt.update(x, problem.grad(x))
        path.append(x.copy())
    assert len(path) > 20
    np.testing.assert_allclose(np.array(path), expected, rtol=1e-9, atol=1e-12)


TOL = {np.float64: dict(rtol=1e-12, atol=1e-15), np.float32: dict(rtol=1e-6, atol=1e-7)}


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["float64", "float32"])
@pytest.mark.parametrize("cid", CASE_IDS)
def test_matches_lion_pytorch_live(cid, dtype, rng):
    torch = need("torch")
    lion_pytorch = need("lion_pytorch")
    kwargs = gen.CASES[cid]
    shapes = {"w": (3, 2), "b": (2,), "s": ()}
    params = {k: np.asarray(rng.standard_normal(s), dtype=dtype) for k, s in shapes.items()}
    tensors = {k: torch.tensor(p) for k, p in params.items()}
    topt = lion_pytorch.Lion(list(tensors.values()), **kwargs)
    opt = Lion(**kwargs)
    worst = 0.0
    for t in range(25):
        grads = {k: np.asarray(rng.standard_normal(s) * (0.0 if t == 7 else 3.0), dtype=dtype)
                 for k, s in shapes.items()}
        opt.update(params, grads)
        for k, tensor in tensors.items():
            tensor.grad = torch.from_numpy(grads[k].copy())
        with torch.no_grad():
            topt.step()
        for k, tensor in tensors.items():
            worst = max(worst, float(np.max(np.abs(params[k] - tensor.numpy()))))
            np.testing.assert_allclose(params[k], tensor.numpy(), **TOL[dtype], err_msg=f"step {t + 1}: {k}")
    for k, tensor in tensors.items():
        assert params[k].dtype == dtype and opt.state[k]["exp_avg"].dtype == dtype
        np.testing.assert_allclose(opt.state[k]["exp_avg"], topt.state[tensor]["exp_avg"].numpy(),
                                   **TOL[dtype], err_msg=f"{k}: exp_avg")
    print(f"Lion {cid} {np.dtype(dtype).name}: max |ours − lion-pytorch| = {worst:.3g}")


@pytest.mark.parametrize("cid", CASE_IDS)
def test_matches_lion_pytorch_live_rosenbrock(cid):
    torch = need("torch")
    lion_pytorch = need("lion_pytorch")
    problem = PROBLEMS["rosenbrock"]
    x = np.array(problem.start)
    t = torch.tensor(problem.start, dtype=torch.float64)
    topt = lion_pytorch.Lion([t], **gen.CASES[cid])
    opt = Lion(**gen.CASES[cid])
    for step in range(40):
        opt.update(x, problem.grad(x))
        t.grad = torch.from_numpy(problem.grad(t.numpy().copy()))
        with torch.no_grad():
            topt.step()
        np.testing.assert_allclose(x, t.numpy(), rtol=1e-9, atol=1e-12, err_msg=f"step {step + 1}")


# ---------------------------------------------------------------------------------------------
# Many runs at once, dtype, in place, state
# ---------------------------------------------------------------------------------------------

def _full(kw):
    return {**Lion().hyperparameters, **{k: tuple(v) if k == "betas" else v for k, v in kw.items()}}


def _batched(cases):
    full = [_full(kw) for kw in cases]
    return {"lr": np.array([c["lr"] for c in full]), "weight_decay": np.array([c["weight_decay"] for c in full]),
            "betas": tuple(np.array([c["betas"][i] for c in full]) for i in range(2))}


def _batch_and_singles(batch_kwargs, cases, dtype, rng, steps=15):
    k = len(cases)
    shapes = {"w": (3, 2), "b": (2,)}
    batch = {key: rng.standard_normal((k, *s)).astype(dtype) for key, s in shapes.items()}
    singles = [{key: batch[key][i].copy() for key in shapes} for i in range(k)]
    opt = Lion(**batch_kwargs)
    assert opt.batch_size == k
    single_opts = [Lion(**kw) for kw in cases]
    for t in range(steps):
        grads = {key: (rng.standard_normal((k, *s)) * (0 if t == 3 else 2)).astype(dtype)
                 for key, s in shapes.items()}
        opt.update(batch, grads)
        for i in range(k):
            single_opts[i].update(singles[i], {key: grads[key][i] for key in shapes})
    # float64: bit for bit; float32 to a few roundings (a batch's float64 betas round once less)
    tol = dict(rtol=0, atol=0) if dtype == np.float64 else dict(rtol=1e-5, atol=1e-7)
    for i, (single, sopt) in enumerate(zip(singles, single_opts)):
        for key in shapes:
            assert batch[key].dtype == dtype and opt.state[key]["exp_avg"].dtype == dtype
            np.testing.assert_allclose(batch[key][i], single[key], **tol, err_msg=f"run {i}: {key}")
            np.testing.assert_allclose(opt.state[key]["exp_avg"][i], sopt.state[key]["exp_avg"], **tol,
                                       err_msg=f"run {i}: {key}: exp_avg")


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["float64", "float32"])
def test_batch_equals_separate_runs(dtype, rng):
    """Every hyperparameter a length-K array: K runs at once are K single runs."""
    cases = [gen.CASES[c] for c in CASE_IDS]
    _batch_and_singles(_batched(cases), cases, dtype, rng)


def test_learning_rate_sweep_equals_separate_runs(rng):
    lrs = [1e-4, 1e-3, 1e-2, 0.1]
    kw = {"betas": (0.95, 0.98), "weight_decay": 0.1}
    _batch_and_singles({**kw, "lr": np.array(lrs)}, [{**kw, "lr": lr} for lr in lrs], np.float64, rng)


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float32", "float64"])
def test_dtype_and_in_place(dtype, rng):
    params = {"w": rng.standard_normal((3, 2)).astype(dtype), "s": np.array(0.5, dtype=dtype),
              "t": rng.standard_normal((4, 3)).astype(dtype)[:, ::2]}      # not contiguous
    same = dict(params)
    opt = Lion(lr=0.01, weight_decay=0.1)
    for gd in (np.float64, np.float32, np.int64):                        # the gradient's dtype never leaks in
        grads = {k: (rng.uniform(1, 2, p.shape) * rng.choice([-1, 1], p.shape) * 3).astype(gd)
                 for k, p in params.items()}
        saved = copy.deepcopy(grads)
        before = copy.deepcopy(params)
        assert opt.update(params, grads) is params
        for k, p in params.items():
            assert p is same[k] and p.dtype == dtype
            assert opt.state[k]["exp_avg"].dtype == dtype and opt.state[k]["exp_avg"].shape == p.shape
            assert not np.array_equal(p, before[k]), f"{k} did not move"
            assert_same_tree(saved[k], grads[k])


def test_large_parameters_go_block_by_block_with_the_same_result(rng):
    x = rng.standard_normal(1000)
    y = x.copy()
    whole, blocked = Lion(lr=0.01, weight_decay=0.1), Lion(lr=0.01, weight_decay=0.1)
    blocked.BLOCK = 64
    for _ in range(5):
        g = rng.standard_normal(1000)
        whole.update(x, g)
        blocked.update(y, g)
    np.testing.assert_array_equal(x, y)
    np.testing.assert_array_equal(whole.state["param"]["exp_avg"], blocked.state["param"]["exp_avg"])


def test_state_is_exp_avg_created_lazily(rng):
    assert Lion.state_names == ("exp_avg",)
    opt = Lion()
    assert opt.state == {}
    params = {"w": rng.standard_normal((3, 2)), "b": rng.standard_normal(2)}
    for t in range(1, 3):
        opt.update(params, {k: np.ones_like(p) for k, p in params.items()})
        for k, p in params.items():
            assert set(opt.state[k]) == {"step", "exp_avg"} and opt.state[k]["step"] == t


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------

NAN = float("nan")
BAD = [
    ({"lr": -0.1}, "Invalid learning rate: -0.1"),
    ({"lr": NAN}, "Invalid learning rate: nan"),
    ({"lr": [0.1, -1.0]}, "Invalid learning rate"),
    ({"lr": []}, "Invalid learning rate"),
    ({"betas": (1.5, 0.99)}, "Invalid beta parameter at index 0: 1.5"),
    ({"betas": (-0.1, 0.99)}, "Invalid beta parameter at index 0: -0.1"),
    ({"betas": (0.9, 1.01)}, "Invalid beta parameter at index 1: 1.01"),
    ({"betas": (0.9, NAN)}, "Invalid beta parameter at index 1: nan"),
    ({"betas": (0.9,)}, "Invalid betas"),
    ({"betas": 0.9}, "Invalid betas"),
    ({"betas": (np.array([0.9, 2.0]), 0.99)}, "Invalid beta parameter at index 0"),
    ({"weight_decay": -0.01}, "Invalid weight_decay value: -0.01"),
    ({"weight_decay": NAN}, "Invalid weight_decay value: nan"),
    ({"lr": np.ones(2), "weight_decay": np.zeros(3)}, "Batched hyperparameters of Lion have different lengths"),
]


@pytest.mark.parametrize("kwargs, message", BAD, ids=[repr(kw) for kw, _ in BAD])
def test_bad_hyperparameter_raises(kwargs, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        Lion(**kwargs)


def test_boundaries_accepted_as_lion_pytorch_does():
    for betas in [(0.0, 0.0), (1.0, 1.0)]:                    # lion-pytorch: 0 <= beta <= 1
        assert Lion(betas=betas).betas == betas
    assert Lion(lr=1e6, weight_decay=0.0).lr == 1e6
    # lion-pytorch asserts lr > 0 when it is built; torch.optim (and a schedule that ends at 0) allow 0
    opt = Lion(lr=0.0)
    x = np.ones(2)
    opt.update(x, np.array([1.0, -1.0]))
    np.testing.assert_array_equal(x, np.ones(2))
    opt = Lion(lr=0.1)
    opt.lr = 0.0
    assert opt.lr == 0.0


BAD_CALLS = [
    ("missing gradient", lambda p, g: g.pop("z"), KeyError, "'z'"),
    ("extra gradient", lambda p, g: g.update(zz=np.ones(2)), KeyError, "'zz'"),
    ("gradient shape", lambda p, g: g.update(z=np.ones(5)), ValueError, "'z'"),
    ("integer param", lambda p, g: p.update(z=np.ones(4, dtype=np.int64)), TypeError, "'z'"),
    ("read-only param", lambda p, g: p.update(z=read_only(p["z"])), ValueError, "'z'"),
    ("known param, new shape", lambda p, g: (p.update(z=np.ones(5)), g.update(z=np.ones(5))), ValueError, "'z'"),
]


@pytest.mark.parametrize("mutate, error, key", [c[1:] for c in BAD_CALLS], ids=[c[0] for c in BAD_CALLS])
def test_bad_update_raises_and_changes_nothing(mutate, error, key, rng):
    opt = Lion(lr=0.01, weight_decay=0.1)
    params = {"a": rng.standard_normal((3, 2)), "b": rng.standard_normal(2), "z": rng.standard_normal(4)}
    grads = {k: rng.standard_normal(p.shape) for k, p in params.items()}
    opt.update(params, grads)
    bad_params, bad_grads = dict(params), dict(grads)
    mutate(bad_params, bad_grads)
    assert_update_refused(opt, params, bad_params, bad_grads, error, key)
