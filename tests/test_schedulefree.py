"""SGDScheduleFree and AdamWScheduleFree against facebookresearch's schedulefree 1.4.1: steps by
hand, the golden file, a live comparison, train/eval, batching, dtype, validation and bad calls.

The golden file is written by ``tests/fixtures/make_schedulefree_golden.py`` (which runs the
real ``schedulefree`` classes); the live comparison runs when ``schedulefree`` imports, and under
``CI=true`` its absence fails instead of skipping (``make test`` installs it from
``requirements-test.lock``).
"""

from __future__ import annotations

import copy
import inspect
import json
import re
import sys
from pathlib import Path

import numpy as np
import pytest

from helpers import FIXTURES, assert_same_tree, assert_update_refused, need, quadratic_grad, read_only, snapshot
from optimizers import PROBLEMS, AdamWScheduleFree, Optimizer, SGDScheduleFree

sys.path.insert(0, str(FIXTURES))
import make_schedulefree_golden as gen  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")

GOLDEN_PATH = FIXTURES / "schedulefree_golden.json"
LOCK = Path(__file__).resolve().parent.parent / "requirements-test.lock"
REGENERATE = "regenerate it: .venv/bin/python tests/fixtures/make_schedulefree_golden.py"
CLASSES = {"SGDScheduleFree": SGDScheduleFree, "AdamWScheduleFree": AdamWScheduleFree}
CASES = gen.case_ids()                                   # [(case id, class name, kwargs)]
CASE_PARAMS = [pytest.param(cid, name, kw, id=cid) for cid, name, kw in CASES]
NAMES = list(CLASSES)


def beta_of(name, kwargs):
    full = {**CLASSES[name]().hyperparameters, **kwargs}
    return full["momentum"] if name == "SGDScheduleFree" else full["betas"][0]


# ---------------------------------------------------------------------------------------------
# Defaults and the first steps by hand
# ---------------------------------------------------------------------------------------------

def test_defaults_are_schedulefrees():
    assert SGDScheduleFree().hyperparameters == dict(lr=1.0, momentum=0.9, weight_decay=0.0, warmup_steps=0.0,
                                                     r=0.0, weight_lr_power=2.0)
    assert AdamWScheduleFree().hyperparameters == dict(lr=0.0025, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0,
                                                       warmup_steps=0.0, r=0.0, weight_lr_power=2.0)
    for name in NAMES:
        opt = CLASSES[name]()
        for value in opt.hyperparameters.values():
            for v in value if isinstance(value, tuple) else (value,):
                assert type(v) is float
        assert opt.train_mode is False, "as the reference, an optimizer starts in eval mode"


@pytest.mark.parametrize("name", NAMES)
def test_defaults_match_the_reference_signature(name):
    schedulefree = need("schedulefree")
    theirs = {k: p.default for k, p in inspect.signature(getattr(schedulefree, name).__init__).parameters.items()}
    for key, ours in CLASSES[name]().hyperparameters.items():
        assert (tuple(theirs[key]) if key == "betas" else theirs[key]) == ours, key
    assert set(theirs) - set(CLASSES[name]().hyperparameters) == {"self", "params", "foreach"}


def _run_by_hand(opt, steps, form):
    xy = np.zeros(2)
    scalars = {"x": np.array(0.0), "y": np.array(0.0)}
    opt.train(xy if form == "vector" else scalars)
    out = []
    for _ in range(steps):
        if form == "vector":
            opt.update(xy, quadratic_grad(xy))
        else:
            g = quadratic_grad(np.array([scalars["x"], scalars["y"]]))
            opt.update(scalars, {"x": np.array(g[0]), "y": np.array(g[1])})
            xy = np.array([scalars["x"], scalars["y"]])
        out.append(xy.copy())
    opt.eval(xy if form == "vector" else scalars)
    x = xy if form == "vector" else np.array([scalars["x"], scalars["y"]])
    z = (opt.state[Optimizer.SINGLE_KEY]["z"] if form == "vector"
         else np.array([opt.state[k]["z"] for k in "xy"]))
    return out, x, z


@pytest.mark.parametrize("form", ["vector", "scalars"])
def test_sgd_first_steps_by_hand(form):
    # lr = 0.5, β = 0.9, from 0 on the quadratic, g₀ = (−4, −8).
    # t = 1: η₁ = 0.5, w₁ = 1·0.5² = 0.25, Σw = 0.25, c = 1:  z₁ = −0.5·g₀ = (2, 4) and x₁ = z₁, y₁ = z₁
    # t = 2: g₁ = ∇f(2, 4) = (4, 2);  w₂ = 0.25, Σw = 0.5, c = 0.5
    #   z₂ = (2, 4) − 0.5·(4, 2) = (0, 3);  x₂ = 0.5·x₁ + 0.5·z₂ = (1, 3.5)
    #   y₂ = 0.1·z₂ + 0.9·x₂ = (0.9, 3.45)   (the code: (1 − c)y₁ + c z₁ + η(β(1 − c) − 1)g₁ = (2, 4) − 0.275·(4, 2))
    ys, x, z = _run_by_hand(SGDScheduleFree(lr=0.5), 2, form)
    np.testing.assert_allclose(ys, [(2, 4), (0.9, 3.45)], rtol=1e-14)
    np.testing.assert_allclose(x, (1, 3.5), rtol=1e-14)
    np.testing.assert_allclose(z, (0, 3), atol=1e-15)


@pytest.mark.parametrize("form", ["vector", "scalars"])
def test_sgd_warmup_by_hand(form):
    # lr = 0.5, warmup_steps = 2, β = 0.9.  t = 1: η₁ = 0.25, w₁ = 0.25² = 0.0625, c = 1
    #   z₁ = x₁ = y₁ = −0.25·g₀ = (1, 2)
    # t = 2: g₁ = ∇f(1, 2) = (0, −3);  η₂ = 0.5, w₂ = 0.25, Σw = 0.3125, c = 0.8
    #   z₂ = (1, 2) − 0.5·(0, −3) = (1, 3.5);  x₂ = 0.2·(1, 2) + 0.8·(1, 3.5) = (1, 3.2)
    #   y₂ = 0.1·z₂ + 0.9·x₂ = (1, 3.23)
    opt = SGDScheduleFree(lr=0.5, warmup_steps=2)
    ys, x, z = _run_by_hand(opt, 2, form)
    np.testing.assert_allclose(ys, [(1, 2), (1, 3.23)], rtol=1e-14)
    np.testing.assert_allclose(x, (1, 3.2), rtol=1e-14)
    np.testing.assert_allclose(z, (1, 3.5), rtol=1e-14)
    state = opt.state[Optimizer.SINGLE_KEY if form == "vector" else "x"]
    assert state["lr_max"] == 0.5 and state["weight_sum"] == 0.3125 and state["step"] == 2


def test_adamw_first_step_by_hand():
    # lr = 0.1: v₁ = 0.001·g₀², v̂₁ = g₀², ĝ = g₀/(|g₀| + ε) ≈ (−1, −1);  c = 1, so y₁ = z₁ = x₁ = −0.1·ĝ
    eps = 1e-8
    ys, x, z = _run_by_hand(AdamWScheduleFree(lr=0.1), 1, "vector")
    expected = 0.1 * np.array([4 / (4 + eps), 8 / (8 + eps)])
    np.testing.assert_allclose(ys[0], expected, rtol=1e-14)
    np.testing.assert_allclose(x, expected, rtol=1e-14)
    np.testing.assert_allclose(z, expected, rtol=1e-14)


# ---------------------------------------------------------------------------------------------
# The golden file (always) and the live reference (when installed)
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def golden():
    return json.loads(GOLDEN_PATH.read_text())


def test_golden_file_is_current(golden):
    assert set(golden["cases"]) == {cid for cid, _, _ in CASES}, f"the cases differ from CASES; {REGENERATE}"
    for cid, name, kw in CASES:
        assert golden["cases"][cid]["optimizer"] == name
        assert golden["cases"][cid]["kwargs"] == kw, f"{cid} changed; {REGENERATE}"
    assert golden["meta"]["actions"] == gen.ACTIONS, f"the actions changed; {REGENERATE}"
    assert golden["meta"]["steps"] >= 20 and golden["meta"]["dtype"] == "float64"
    pin = re.search(r"^schedulefree==(\S+)$", LOCK.read_text(), re.M)
    assert pin and pin.group(1) == "1.4.1", "pin schedulefree==1.4.1 in requirements-test.lock"
    assert golden["meta"]["reference"] == "schedulefree==1.4.1", REGENERATE
    assert GOLDEN_PATH.stat().st_size < 150_000


def _replay(name, kwargs, golden, block=None, dtype=np.float64):
    """The golden file's ACTIONS on the package: the parameters after every action."""
    params = {k: np.array(v, dtype=dtype) for k, v in golden["random"]["start"].items()}
    opt = CLASSES[name](**kwargs)
    if block:
        opt.BLOCK = block              # 'w' (6 elements) then goes through the block-by-block path
    path = {k: [] for k in params}
    grads = iter(golden["random"]["grads"])
    for action in gen.ACTIONS:
        if action == "step":
            opt.update(params, {k: np.array(v, dtype=dtype) for k, v in next(grads).items()})
        else:
            assert getattr(opt, action)(params) is params
        for k, p in params.items():
            path[k].append(p.copy())
    return opt, params, path


@pytest.mark.parametrize("block", [None, 2], ids=["whole", "blocked"])
@pytest.mark.parametrize("cid, name, kwargs", CASE_PARAMS)
def test_golden_random_gradients_with_train_and_eval(golden, cid, name, kwargs, block):
    expected = golden["cases"][cid]["random"]
    opt, params, path = _replay(name, kwargs, golden, block)
    for k in params:
        np.testing.assert_allclose(np.array(path[k]), np.array(expected["params"][k]), rtol=1e-9, atol=1e-12,
                                   err_msg=k)
        for state_name in CLASSES[name].state_names:
            np.testing.assert_allclose(opt.state[k][state_name], np.array(expected["state"][state_name][k]),
                                       rtol=1e-9, atol=1e-12, err_msg=f"{k}: {state_name}")
        assert opt.state[k]["step"] == expected["group"]["k"]
        assert opt.state[k]["lr_max"] == pytest.approx(expected["group"]["lr_max"], rel=1e-12)
        assert opt.state[k]["weight_sum"] == pytest.approx(expected["group"]["weight_sum"], rel=1e-12)
    assert set(expected["state"]) == set(CLASSES[name].state_names)


@pytest.mark.parametrize("cid, name, kwargs", CASE_PARAMS)
def test_golden_rosenbrock(golden, cid, name, kwargs):
    expected = golden["cases"][cid]["rosenbrock"]
    problem = PROBLEMS["rosenbrock"]
    opt = CLASSES[name](**kwargs)
    x = np.array(problem.start, dtype=np.float64)
    opt.train(x)
    path = [x.copy()]
    for _ in range(len(expected["y"]) - 1):
        opt.update(x, problem.grad(x))                 # the gradient at y, in train mode
        path.append(x.copy())
    np.testing.assert_allclose(np.array(path), np.array(expected["y"]), rtol=1e-9, atol=1e-12)
    opt.eval(x)
    np.testing.assert_allclose(x, np.array(expected["x"]), rtol=1e-9, atol=1e-12)


TOL = {np.float64: dict(rtol=1e-11, atol=1e-13), np.float32: dict(rtol=2e-5, atol=2e-6)}
LIVE_ACTIONS = ["train"] + ["step"] * 9 + ["eval", "train"] + ["step"] * 9 + ["eval", "eval", "train", "train"] \
    + ["step"] * 7 + ["eval"]


@pytest.mark.parametrize("foreach", [True, False], ids=["foreach", "for-loop"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["float64", "float32"])
@pytest.mark.parametrize("cid, name, kwargs", CASE_PARAMS)
def test_matches_schedulefree_live(cid, name, kwargs, dtype, foreach, rng):
    torch = need("torch")
    schedulefree = need("schedulefree")
    shapes = {"w": (3, 2), "b": (2,), "s": ()}
    params = {k: np.asarray(rng.standard_normal(s), dtype=dtype) for k, s in shapes.items()}
    tensors = {k: torch.tensor(p) for k, p in params.items()}
    topt = getattr(schedulefree, name)(list(tensors.values()), foreach=foreach, **kwargs)
    opt = CLASSES[name](**kwargs)
    worst = 0.0
    for i, action in enumerate(LIVE_ACTIONS):
        if action == "step":
            grads = {k: np.asarray(rng.standard_normal(s) * (0.0 if i == 7 else 3.0), dtype=dtype)
                     for k, s in shapes.items()}
            opt.update(params, grads)
            for k, tensor in tensors.items():
                tensor.grad = torch.from_numpy(grads[k].copy())     # the reference overwrites its grads
            with torch.no_grad():
                topt.step()
        else:
            getattr(opt, action)(params)
            getattr(topt, action)()
        for k, tensor in tensors.items():
            assert params[k].dtype == dtype
            worst = max(worst, float(np.max(np.abs(params[k] - tensor.numpy()))))
            np.testing.assert_allclose(params[k], tensor.numpy(), **TOL[dtype], err_msg=f"{i}: {action}: {k}")
    for k, tensor in tensors.items():
        for state_name in CLASSES[name].state_names:                # the state, by the reference's names
            assert opt.state[k][state_name].dtype == dtype
            np.testing.assert_allclose(opt.state[k][state_name], topt.state[tensor][state_name].numpy(),
                                       **TOL[dtype], err_msg=f"{k}: {state_name}")
    group = topt.param_groups[0]
    assert opt.state["w"]["step"] == group["k"] and opt.train_mode == group["train_mode"]
    assert opt.state["w"]["lr_max"] == pytest.approx(group["lr_max"], rel=1e-15)
    assert opt.state["w"]["weight_sum"] == pytest.approx(group["weight_sum"], rel=1e-15)
    print(f"{cid} {np.dtype(dtype).name} foreach={foreach}: max |ours − schedulefree| = {worst:.3g}")


@pytest.mark.parametrize("cid, name, kwargs", CASE_PARAMS)
def test_matches_schedulefree_live_rosenbrock(cid, name, kwargs):
    torch = need("torch")
    schedulefree = need("schedulefree")
    problem = PROBLEMS["rosenbrock"]
    (xlo, xhi), (ylo, yhi) = problem.bounds
    x = np.array(problem.start)
    t = torch.tensor(problem.start, dtype=torch.float64)
    topt = getattr(schedulefree, name)([t], **kwargs)
    opt = CLASSES[name](**kwargs)
    opt.train(x)
    topt.train()
    for step in range(40):
        opt.update(x, problem.grad(x))
        t.grad = torch.from_numpy(problem.grad(t.numpy().copy()))
        with torch.no_grad():
            topt.step()
        np.testing.assert_allclose(x, t.numpy(), rtol=1e-9, atol=1e-12, err_msg=f"step {step + 1}")
        if not (xlo <= x[0] <= xhi and ylo <= x[1] <= yhi):
            break                                                  # diverged: compare no further
    opt.eval(x)
    topt.eval()
    np.testing.assert_allclose(x, t.numpy(), rtol=1e-9, atol=1e-12, err_msg="x after eval")


# ---------------------------------------------------------------------------------------------
# train and eval
# ---------------------------------------------------------------------------------------------

def _trained(name, rng, steps=5, **kwargs):
    opt = CLASSES[name](**({"lr": 0.05} | kwargs))
    params = {"a": rng.standard_normal((3, 2)), "b": rng.standard_normal(2)}
    opt.train(params)
    for _ in range(steps):
        opt.update(params, {k: rng.standard_normal(p.shape) for k, p in params.items()})
    return opt, params


@pytest.mark.parametrize("name", NAMES)
def test_update_in_eval_mode_is_refused_and_changes_nothing(name, rng):
    opt = CLASSES[name]()
    x = rng.standard_normal(3)
    before = x.copy()
    with pytest.raises(RuntimeError, match=r"eval mode: call opt\.train\(params\)"):
        opt.update(x, np.ones(3))
    np.testing.assert_array_equal(x, before)
    assert opt.state == {}
    opt, params = _trained(name, rng)
    opt.eval(params)
    before_params, before_state = snapshot(opt, params)
    with pytest.raises(RuntimeError, match="eval mode"):
        opt.update(params, {k: np.ones_like(p) for k, p in params.items()})
    assert_same_tree(before_params, params)
    assert_same_tree(before_state, opt.state)


@pytest.mark.parametrize("name", NAMES)
def test_eval_puts_the_average_and_train_puts_y_back(name, rng):
    opt, params = _trained(name, rng, momentum=0.8) if name == "SGDScheduleFree" else \
        _trained(name, rng, betas=(0.8, 0.99))
    beta = 0.8
    y = copy.deepcopy(params)
    assert opt.eval(params) is params and opt.train_mode is False
    for k, p in params.items():
        z = opt.state[k]["z"]
        np.testing.assert_allclose(p, (y[k] - (1 - beta) * z) / beta, rtol=1e-13)     # x = (y − (1 − β) z)/β
        np.testing.assert_allclose((1 - beta) * z + beta * p, y[k], rtol=1e-13)        # y = (1 − β) z + β x
    x = copy.deepcopy(params)
    opt.eval(params)                                   # already in eval mode: nothing moves
    assert_same_tree(x, params)
    opt.train(params)
    assert opt.train_mode is True
    for k in params:
        np.testing.assert_allclose(params[k], y[k], rtol=1e-13)
    y2 = copy.deepcopy(params)
    opt.train(params)                                  # already in train mode: nothing moves
    assert_same_tree(y2, params)


@pytest.mark.parametrize("name", NAMES)
def test_train_and_eval_leave_parameters_without_state_alone(name, rng):
    opt, params = _trained(name, rng)
    params["new"] = rng.standard_normal(4)             # never updated: x = y = z = it
    new = params["new"].copy()
    opt.eval(params)
    opt.train(params)
    np.testing.assert_array_equal(params["new"], new)
    x = np.ones(3)                                     # before any step, train and eval move nothing
    fresh = CLASSES[name]()
    fresh.train(x)
    fresh.eval(x)
    np.testing.assert_array_equal(x, np.ones(3))


#: (label, how to break a call to train/eval, error, text the message must hold). The broken key is
#: 'b', the last one: switching 'a' before checking 'b' would show.
BAD_SWITCHES = [
    ("missing parameter", lambda p: p.pop("b"), KeyError, "'b'"),
    ("wrong shape", lambda p: p.update(b=np.ones(3)), ValueError, "'b'"),
    ("list", lambda p: p.update(b=[1.0, 2.0]), TypeError, "'b'"),
    ("integer", lambda p: p.update(b=np.ones(2, dtype=np.int64)), TypeError, "'b'"),
    ("read-only", lambda p: p.update(b=read_only(p["b"])), ValueError, "'b'"),
    ("same memory twice", lambda p: p.update(b=p["a"][0]), ValueError, "'a' and 'b'"),
]


@pytest.mark.parametrize("call", ["eval", "train"])
@pytest.mark.parametrize("mutate, error, text", [c[1:] for c in BAD_SWITCHES], ids=[c[0] for c in BAD_SWITCHES])
@pytest.mark.parametrize("name", NAMES)
def test_bad_train_or_eval_raises_and_changes_nothing(name, mutate, error, text, call, rng):
    opt, params = _trained(name, rng)
    if call == "train":
        opt.eval(params)
    mode = opt.train_mode
    bad = dict(params)
    mutate(bad)
    before_params, before_state = snapshot(opt, params)
    with pytest.raises(error) as err:
        getattr(opt, call)(bad)
    assert text in str(err.value), str(err.value)
    assert_same_tree(before_params, params)
    assert_same_tree(before_state, opt.state)
    assert opt.train_mode == mode
    getattr(opt, call)(params)                         # and the right call still works
    assert opt.train_mode != mode


@pytest.mark.parametrize("name", NAMES)
def test_train_and_eval_take_the_containers_update_takes(name, rng):
    opt = CLASSES[name]()
    with pytest.raises(TypeError, match="dict of ndarrays"):
        opt.train([np.ones(2)])
    assert opt.train_mode is False
    x = rng.standard_normal(3)
    assert opt.train(x) is x
    opt.update(x, rng.standard_normal(3))
    assert opt.eval(x) is x


# ---------------------------------------------------------------------------------------------
# Many runs at once, dtype, in place, state
# ---------------------------------------------------------------------------------------------

def _full(name, kw):
    return {**CLASSES[name]().hyperparameters, **{k: tuple(v) if k == "betas" else v for k, v in kw.items()}}


def _batched(name, cases):
    full = [_full(name, kw) for kw in cases]
    out = {}
    for key in full[0]:
        if key == "betas":
            out[key] = tuple(np.array([c[key][i] for c in full]) for i in range(2))
        else:
            out[key] = np.array([c[key] for c in full], dtype=np.float64)
    return out


ACTIONS_BATCH = ["train"] + ["step"] * 6 + ["eval", "train"] + ["step"] * 6 + ["eval"]


def _batch_and_singles(name, batch_kwargs, cases, dtype, rng):
    k = len(cases)
    shapes = {"w": (3, 2), "b": (2,)}
    batch = {key: rng.standard_normal((k, *s)).astype(dtype) for key, s in shapes.items()}
    singles = [{key: batch[key][i].copy() for key in shapes} for i in range(k)]
    opt = CLASSES[name](**batch_kwargs)
    assert opt.batch_size == k
    single_opts = [CLASSES[name](**kw) for kw in cases]
    for action in ACTIONS_BATCH:
        if action == "step":
            grads = {key: (rng.standard_normal((k, *s)) * 2).astype(dtype) for key, s in shapes.items()}
            opt.update(batch, grads)
            for i in range(k):
                single_opts[i].update(singles[i], {key: grads[key][i] for key in shapes})
        else:
            getattr(opt, action)(batch)
            for i in range(k):
                getattr(single_opts[i], action)(singles[i])
    # float64: to the last bits; float32 to a few roundings (a batch's float64 hyperparameters round once less)
    tol = dict(rtol=1e-14, atol=1e-15) if dtype == np.float64 else dict(rtol=1e-5, atol=1e-6)
    for i, (single, sopt) in enumerate(zip(singles, single_opts)):
        for key in shapes:
            assert batch[key].dtype == dtype
            np.testing.assert_allclose(batch[key][i], single[key], **tol, err_msg=f"run {i}: {key}")
            for state_name in CLASSES[name].state_names:
                assert opt.state[key][state_name].dtype == dtype
                np.testing.assert_allclose(opt.state[key][state_name][i], sopt.state[key][state_name], **tol,
                                           err_msg=f"run {i}: {key}: {state_name}")
            for number in ("lr_max", "weight_sum"):
                assert np.ravel(opt.state[key][number])[i] == sopt.state[key][number], (i, key, number)


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["float64", "float32"])
@pytest.mark.parametrize("name", NAMES)
def test_batch_equals_separate_runs(name, dtype, rng):
    """Every hyperparameter (warmup_steps, r and weight_lr_power too) a length-K array, train/eval included."""
    cases = [kw for _, n, kw in CASES if n == name]
    _batch_and_singles(name, _batched(name, cases), cases, dtype, rng)


@pytest.mark.parametrize("name", NAMES)
def test_learning_rate_sweep_equals_separate_runs(name, rng):
    lrs = [0.0, 1e-3, 1e-2, 0.1]
    kw = {"warmup_steps": 4, "r": 1.0, "weight_decay": 0.01}
    _batch_and_singles(name, {**kw, "lr": np.array(lrs)}, [{**kw, "lr": lr} for lr in lrs], np.float64, rng)


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float32", "float64"])
@pytest.mark.parametrize("name", NAMES)
def test_dtype_and_in_place(name, dtype, rng):
    params = {"w": rng.standard_normal((3, 2)).astype(dtype), "s": np.array(0.5, dtype=dtype),
              "t": rng.standard_normal((4, 3)).astype(dtype)[:, ::2]}      # not contiguous
    same = dict(params)
    opt = CLASSES[name](lr=0.05, weight_decay=0.1, warmup_steps=2)
    opt.train(params)
    for gd in (np.float64, np.float32, np.int64):                        # the gradient's dtype never leaks in
        grads = {k: (rng.uniform(1, 2, p.shape) * rng.choice([-1, 1], p.shape) * 3).astype(gd)
                 for k, p in params.items()}
        saved = copy.deepcopy(grads)
        before = copy.deepcopy(params)
        assert opt.update(params, grads) is params
        for k, p in params.items():
            assert p is same[k] and p.dtype == dtype
            for state_name in CLASSES[name].state_names:
                s = opt.state[k][state_name]
                assert s.dtype == dtype and s.shape == p.shape and s is not p
            assert type(opt.state[k]["lr_max"]) is float and type(opt.state[k]["weight_sum"]) is float
            assert not np.array_equal(p, before[k]), f"{k} did not move"
            assert_same_tree(saved[k], grads[k])
    opt.eval(params)
    opt.train(params)
    for k, p in params.items():
        assert p is same[k] and p.dtype == dtype


@pytest.mark.parametrize("name", NAMES)
def test_large_parameters_go_block_by_block_with_the_same_result(name, rng):
    x = rng.standard_normal(1000)
    y = x.copy()
    whole, blocked = (CLASSES[name](lr=0.05, weight_decay=0.1, warmup_steps=3) for _ in range(2))
    blocked.BLOCK = 64
    whole.train(x)
    blocked.train(y)
    for _ in range(5):
        g = rng.standard_normal(1000)
        whole.update(x, g)
        blocked.update(y, g)
    whole.eval(x)
    blocked.eval(y)
    np.testing.assert_array_equal(x, y)
    assert_same_tree(whole.state, blocked.state)


@pytest.mark.parametrize("name", NAMES)
def test_scratch_memory_shared_by_parameters_changes_nothing(name, rng):
    """One optimizer reuses its scratch arrays for every parameter and block (float32 and float64, a
    scalar, a view, a large one cut into blocks): each parameter ends as with an optimizer of its own."""
    params = {"big": rng.standard_normal(300), "w32": rng.standard_normal((5, 4)).astype(np.float32),
              "s": np.array(0.3), "view": rng.standard_normal((6, 5))[:, ::2], "small": rng.standard_normal(7)}
    alone = {k: (np.array(p), CLASSES[name](lr=0.05, weight_decay=0.1, warmup_steps=2)) for k, p in params.items()}
    opt = CLASSES[name](lr=0.05, weight_decay=0.1, warmup_steps=2)
    for o in (opt, *(o for _, o in alone.values())):
        o.BLOCK = 64                                 # "big" (300 elements) goes block by block
    opt.train(params)
    for k, (p, o) in alone.items():
        o.train(p)
    for _ in range(4):
        grads = {k: rng.standard_normal(p.shape) for k, p in params.items()}
        opt.update(params, grads)
        for k, (p, o) in alone.items():
            o.update(p, grads[k])
    opt.eval(params)
    for k, (p, o) in alone.items():
        o.eval(p)
        np.testing.assert_array_equal(params[k], p, err_msg=k)
        assert params[k].dtype == p.dtype
        assert set(opt.state[k]) == {"step", "lr_max", "weight_sum", *CLASSES[name].state_names}
        for state_name in CLASSES[name].state_names:
            np.testing.assert_array_equal(opt.state[k][state_name], o.state[Optimizer.SINGLE_KEY][state_name])


@pytest.mark.parametrize("name", NAMES)
def test_state_is_created_lazily_with_the_references_names(name, rng):
    names = {"SGDScheduleFree": ("z",), "AdamWScheduleFree": ("z", "exp_avg_sq")}[name]
    assert CLASSES[name].state_names == names
    opt = CLASSES[name]()
    opt.train({})
    assert opt.state == {}
    params = {"w": rng.standard_normal((3, 2)), "b": rng.standard_normal(2)}
    start = copy.deepcopy(params)
    opt.update(params, {k: np.ones_like(p) for k, p in params.items()})
    for k in params:
        assert set(opt.state[k]) == {"step", *names, "lr_max", "weight_sum"} and opt.state[k]["step"] == 1
    # z starts at the parameters (then takes the step): z₁ = θ₀ − η₁ ĝ
    opt2 = CLASSES[name]()
    p = {"w": start["w"].copy()}
    opt2.train(p)
    opt2.update(p, {"w": np.zeros((3, 2))})
    np.testing.assert_array_equal(opt2.state["w"]["z"], start["w"])


def test_warmup_raises_the_learning_rate_linearly_then_holds(rng):
    """η_t = η min(1, t/T): lr_max (the largest η_t so far) climbs for T steps, then stays at η."""
    opt = SGDScheduleFree(lr=0.4, warmup_steps=4)
    x = np.zeros(2)
    opt.train(x)
    seen = []
    for _ in range(7):
        opt.update(x, rng.standard_normal(2))
        seen.append(opt.state[Optimizer.SINGLE_KEY]["lr_max"])
    assert seen == pytest.approx([0.1, 0.2, 0.3, 0.4, 0.4, 0.4, 0.4], rel=1e-15)


def test_snippet_markers_wrap_each_rule():
    text = (Path(__file__).resolve().parent.parent / "optimizers" / "schedulefree.py").read_text()
    for name in ("schedulefree_schedule", "sgdschedulefree", "adamwschedulefree"):
        start, end = f"# --8<-- [start:{name}]", f"# --8<-- [end:{name}]"
        assert text.count(start) == 1 and text.count(end) == 1 and text.index(start) < text.index(end)


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------

NAN = float("nan")
#: (classes, kwargs, message). Both classes where it applies.
BAD = [
    (NAMES, {"lr": -0.1}, "Invalid learning rate: -0.1"),
    (NAMES, {"lr": NAN}, "Invalid learning rate: nan"),
    (NAMES, {"lr": [0.1, -0.1]}, "Invalid learning rate"),
    (NAMES, {"weight_decay": -0.01}, "Invalid weight_decay value: -0.01"),
    (NAMES, {"warmup_steps": -1}, "Invalid warmup_steps value: -1"),
    (NAMES, {"warmup_steps": 2.5}, "Invalid warmup_steps value: 2.5"),
    (NAMES, {"warmup_steps": NAN}, "Invalid warmup_steps value: nan"),
    (NAMES, {"warmup_steps": [0, 1.5]}, "Invalid warmup_steps value"),
    (NAMES, {"warmup_steps": float("inf")}, "Invalid warmup_steps value: inf"),
    (NAMES, {"r": -1.0}, "Invalid r value: -1.0"),
    (NAMES, {"r": float("inf")}, "Invalid r value: inf"),
    (NAMES, {"weight_lr_power": NAN}, "Invalid weight_lr_power value: nan"),
    (NAMES, {"weight_lr_power": -2.0}, "Invalid weight_lr_power value: -2.0"),
    (NAMES, {"lr": np.ones(2), "r": np.zeros(3)}, "Batched hyperparameters"),
    (["SGDScheduleFree"], {"momentum": 0.0}, "Invalid momentum value: 0.0"),
    (["SGDScheduleFree"], {"momentum": 1.0}, "Invalid momentum value: 1.0"),
    (["SGDScheduleFree"], {"momentum": -0.5}, "Invalid momentum value: -0.5"),
    (["SGDScheduleFree"], {"momentum": NAN}, "Invalid momentum value: nan"),
    (["SGDScheduleFree"], {"momentum": [0.9, 0.0]}, "Invalid momentum value"),
    (["AdamWScheduleFree"], {"betas": (0.0, 0.999)}, "Invalid beta parameter at index 0: 0.0"),
    (["AdamWScheduleFree"], {"betas": (1.0, 0.999)}, "Invalid beta parameter at index 0: 1.0"),
    (["AdamWScheduleFree"], {"betas": (0.9, 1.0)}, "Invalid beta parameter at index 1: 1.0"),
    (["AdamWScheduleFree"], {"betas": (0.9, NAN)}, "Invalid beta parameter at index 1: nan"),
    (["AdamWScheduleFree"], {"betas": (0.9,)}, "Invalid betas"),
    (["AdamWScheduleFree"], {"eps": -1e-8}, "Invalid epsilon value: -1e-08"),
]
BAD_PARAMS = [pytest.param(name, kw, msg, id=f"{name}-{kw!r}") for names, kw, msg in BAD for name in names]


@pytest.mark.parametrize("name, kwargs, message", BAD_PARAMS)
def test_bad_hyperparameter_raises(name, kwargs, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        CLASSES[name](**kwargs)


@pytest.mark.parametrize("kwargs", [{"lr": -0.1}, {"weight_decay": -0.01}])
def test_messages_are_the_references_where_it_checks(kwargs):
    """schedulefree's SGD checks lr and weight_decay with torch's words; the package says the same."""
    torch = need("torch")
    schedulefree = need("schedulefree")
    with pytest.raises(ValueError) as theirs:
        schedulefree.SGDScheduleFree([torch.zeros(1)], **kwargs)
    with pytest.raises(ValueError) as ours:
        SGDScheduleFree(**kwargs)
    assert str(ours.value) == str(theirs.value)


@pytest.mark.parametrize("name", NAMES)
def test_boundaries_are_accepted(name):
    opt = CLASSES[name](lr=0.0, weight_decay=0.0, warmup_steps=0, r=0.0, weight_lr_power=0.0)
    assert opt.lr == 0.0 and opt.warmup_steps == 0.0
    if name == "SGDScheduleFree":
        assert SGDScheduleFree(momentum=1e-6).momentum == 1e-6
        assert SGDScheduleFree(momentum=0.999999).momentum == 0.999999
    else:
        assert AdamWScheduleFree(betas=(1e-6, 0.0), eps=0.0).betas == (1e-6, 0.0)


BAD_CALLS = [
    ("missing gradient", lambda p, g: g.pop("z"), KeyError, "'z'"),
    ("extra gradient", lambda p, g: g.update(zz=np.ones(2)), KeyError, "'zz'"),
    ("gradient shape", lambda p, g: g.update(z=np.ones(5)), ValueError, "'z'"),
    ("integer param", lambda p, g: p.update(z=np.ones(4, dtype=np.int64)), TypeError, "'z'"),
    ("read-only param", lambda p, g: p.update(z=read_only(p["z"])), ValueError, "'z'"),
    ("known param, new shape", lambda p, g: (p.update(z=np.ones(5)), g.update(z=np.ones(5))), ValueError, "'z'"),
]


@pytest.mark.parametrize("mutate, error, key", [c[1:] for c in BAD_CALLS], ids=[c[0] for c in BAD_CALLS])
@pytest.mark.parametrize("name", NAMES)
def test_bad_update_raises_and_changes_nothing(name, mutate, error, key, rng):
    opt = CLASSES[name](lr=0.05, weight_decay=0.1, warmup_steps=3)
    params = {"a": rng.standard_normal((3, 2)), "b": rng.standard_normal(2), "z": rng.standard_normal(4)}
    grads = {k: rng.standard_normal(p.shape) for k, p in params.items()}
    opt.train(params)
    opt.update(params, grads)
    bad_params, bad_grads = dict(params), dict(grads)
    mutate(bad_params, bad_grads)
    assert_update_refused(opt, params, bad_params, bad_grads, error, key)


@pytest.mark.parametrize("cls", [SGDScheduleFree, AdamWScheduleFree])
def test_averaged_is_eval_without_moving_anything(cls):
    """``averaged`` gives the point ``eval`` would move to, and leaves the parameters and the mode as they were."""
    rng = np.random.default_rng(3)
    opt = cls(lr=0.1)
    params = {"w": rng.standard_normal(4), "b": rng.standard_normal((2, 3))}
    opt.train(params)
    for _ in range(5):
        opt.update(params, {k: rng.standard_normal(v.shape) for k, v in params.items()})
    before = {k: v.copy() for k, v in params.items()}
    x = opt.averaged(params)
    assert opt.train_mode and all(np.array_equal(params[k], before[k]) for k in params)
    opt.eval(params)
    assert all(np.allclose(x[k], params[k], rtol=0, atol=1e-15) for k in params)


def test_the_2d_runner_scores_schedule_free_at_its_average():
    """run() takes the gradients at y and records x: the same numbers as stepping by hand and calling eval."""
    from optimizers import run
    problem = PROBLEMS["rosenbrock"]
    h = run(AdamWScheduleFree(lr=0.01), problem, steps=20)
    opt, y = AdamWScheduleFree(lr=0.01), np.array([problem.start], dtype=float)
    opt.train(y)
    for t in range(1, 21):
        opt.update(y, problem.grad(y))
        assert np.allclose(h.trajectory[t], opt.averaged(y), rtol=0, atol=1e-14)
