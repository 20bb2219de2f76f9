"""Bad input refused by every optimizer class, old and new, in base.py once: duplicate parameters,
numbers given as text, booleans as torch reads them, and hyperparameters changed between steps.

Loops over ``OPTIMIZERS`` and every other public ``Optimizer`` subclass the package exports, so a class
is covered the moment it is exported, before it is registered.
"""

from __future__ import annotations

import copy
import inspect
import numbers

import numpy as np
import pytest

import optimizers
from helpers import snapshot
from optimizers import OPTIMIZERS, Optimizer

pytestmark = pytest.mark.filterwarnings("error")

CLASSES = {**OPTIMIZERS, **{name: obj for name, obj in vars(optimizers).items()
                            if inspect.isclass(obj) and issubclass(obj, Optimizer) and obj is not Optimizer
                            and not name.startswith("_")}}
NAMES = list(CLASSES)


def _label(name, index=None):
    return optimizers.base.torch_label(name, index)


def _numeric_arguments(cls):
    """(argument, index or None, default) for every constructor default that is a number or a flag."""
    sig = inspect.signature(cls.__init__)
    out = []
    for name, p in list(sig.parameters.items())[1:]:
        d = p.default
        if isinstance(d, numbers.Real):
            out.append((name, None, d))
        elif isinstance(d, tuple):
            out.extend((name, i, x) for i, x in enumerate(d) if isinstance(x, numbers.Real))
    return out


TEXT_CASES = [pytest.param(cls_name, arg, i, default, id=f"{cls_name}-{arg}{'' if i is None else f'[{i}]'}")
              for cls_name in NAMES for arg, i, default in _numeric_arguments(CLASSES[cls_name])]


def _good(rng):
    # matrices, so that every class (Muon too) takes them
    params = {"a": rng.standard_normal((3, 2)), "b": rng.standard_normal((4, 2)), "z": rng.standard_normal((2, 2))}
    return params, {k: rng.standard_normal(p.shape) for k, p in params.items()}


def _ready(name, params):
    """A new optimizer of class ``name``, in training mode for the schedule-free ones."""
    opt = CLASSES[name]()
    if hasattr(opt, "train"):
        opt.train(params)
    return opt


def _assert_same(a, b):
    assert repr(a) == repr(b)


# ---------------------------------------------------------------------------------------------
# Numbers given as text: TypeError, as torch's `"0.9" < 0.0` raises
# ---------------------------------------------------------------------------------------------

def test_every_class_has_text_cases():
    covered = {p.values[0] for p in TEXT_CASES}
    assert covered == set(NAMES)


@pytest.mark.parametrize("cls_name, arg, index, default", TEXT_CASES)
def test_text_hyperparameter_raises_type_error(cls_name, arg, index, default):
    cls = CLASSES[cls_name]
    value = str(default)
    if index is not None:
        value = tuple(value if i == index else x for i, x in enumerate(inspect.signature(cls.__init__)
                                                                       .parameters[arg].default))
        shown = repr(str(default))
    else:
        shown = repr(value)
    with pytest.raises(TypeError, match="^" + __import__("re").escape(f"Invalid {_label(arg, index)}: {shown}")):
        cls(**{arg: value})


@pytest.mark.parametrize("name", NAMES)
def test_text_inside_an_array_of_runs(name):
    for value in (["0.1", "0.2"], np.array(["0.1", "0.2"]), [0.1, "0.2"], np.array([0.1, "0.2"], dtype=object),
                  b"0.1"):
        with pytest.raises(TypeError, match="^Invalid learning rate"):
            CLASSES[name](lr=value)


@pytest.mark.parametrize("name", NAMES)
def test_none_and_complex_learning_rates_raise_type_error(name):
    for value in (None, 0.1 + 0j, object()):
        with pytest.raises(TypeError, match="(?i)^Invalid learning rate"):      # Adafactor, Muon: "Learning"
            CLASSES[name](lr=value)


def test_torch_raises_type_error_for_text_too():
    torch = pytest.importorskip("torch")
    param = [torch.zeros(1, requires_grad=True)]
    for cls, kwargs in [("SGD", {"lr": "0.1"}), ("SGD", {"lr": 0.1, "momentum": "0.9"}), ("Adam", {"lr": "0.1"}),
                        ("Adam", {"betas": ("0.9", 0.999)}), ("RMSprop", {"alpha": "0.9"}), ("SGD", {"lr": None})]:
        with pytest.raises(TypeError, match="not supported between instances"):
            getattr(torch.optim, cls)(param, **kwargs)


# ---------------------------------------------------------------------------------------------
# Booleans: numbers 0 and 1, as torch reads them
# ---------------------------------------------------------------------------------------------

def test_booleans_count_as_zero_and_one_like_torch():
    from optimizers import Adam, Momentum
    assert Momentum(lr=True, momentum=False).hyperparameters == {"lr": 1.0, "momentum": 0.0, "weight_decay": 0.0}
    assert type(Momentum(lr=True).lr) is float
    with pytest.raises(ValueError, match="^Invalid beta parameter at index 0: True$"):
        Adam(betas=(True, 0.999))                     # β₁ = 1 is out of [0, 1), in torch's words
    np.testing.assert_array_equal(Momentum(lr=np.array([True, False])).lr, [1.0, 0.0])


def test_booleans_as_torch_reads_them():
    torch = pytest.importorskip("torch")
    param = [torch.zeros(1, requires_grad=True)]
    torch.optim.SGD(param, lr=True, momentum=True)                  # accepted
    with pytest.raises(ValueError, match="^Invalid beta parameter at index 0: True$"):
        torch.optim.Adam(param, betas=(True, 0.999))


# ---------------------------------------------------------------------------------------------
# The same array under two keys
# ---------------------------------------------------------------------------------------------

DUPLICATES = [
    ("same array", lambda p: p["a"], "the same array"),
    ("a view of it", lambda p: p["a"][1:], "views of the same memory"),
    ("a reshaped view", lambda p: p["a"].reshape(2, 3), "views of the same memory"),
    ("its transpose", lambda p: p["a"].T, "views of the same memory"),
]


@pytest.mark.parametrize("label, make, words", DUPLICATES, ids=[d[0] for d in DUPLICATES])
@pytest.mark.parametrize("name", NAMES)
def test_duplicate_parameters_raise_and_change_nothing(name, label, make, words, rng):
    params, grads = _good(rng)
    opt = _ready(name, params)
    for _ in range(2):
        opt.update(params, grads)
    before_params, before_state = snapshot(opt, params)
    bad_params = {**params, "dup": make(params)}
    bad_grads = {**grads, "dup": np.ones(bad_params["dup"].shape)}
    with pytest.raises(ValueError, match=f"parameters 'a' and 'dup' are {words}") as err:
        opt.update(bad_params, bad_grads)
    assert "torch" in str(err.value)
    _assert_same(before_params, params)
    _assert_same(before_state, opt.state)
    opt.update(params, grads)
    assert opt.state["a"]["step"] == 3


@pytest.mark.parametrize("name", NAMES)
def test_disjoint_views_of_one_buffer_are_distinct_parameters(name, rng):
    """Interleaved or side-by-side slices of one buffer share no element: each is its own parameter."""
    buf = rng.standard_normal((4, 6))
    params = {"even": buf[:, ::2], "odd": buf[:, 1::2], "top": buf[:2, :0], "w": rng.standard_normal((2, 2))}
    params = {k: v for k, v in params.items() if v.size}
    before = buf.copy()
    _ready(name, params).update(params, {k: np.ones(v.shape) for k, v in params.items()})
    assert not np.array_equal(buf, before)


@pytest.mark.parametrize("name", ["SGD", "Adam"])
def test_empty_array_twice(name):
    e = np.zeros((0, 2))
    with pytest.raises(ValueError, match="'x' and 'y' are the same array"):
        CLASSES[name]().update({"x": e, "y": e}, {"x": e.copy(), "y": e.copy()})


def test_torch_refuses_duplicates_too():
    torch = pytest.importorskip("torch")
    x = torch.zeros(2, requires_grad=True)
    with pytest.raises(ValueError, match="some parameters appear in more than one parameter group"):
        torch.optim.SGD([{"params": [x]}, {"params": [x]}], lr=0.1)


def test_duplicate_check_is_cheap(rng):
    """Sorted by address, so the per-step check grows as n log n: 2000 parameters in well under a step."""
    import time
    params = {i: rng.standard_normal(3) for i in range(2000)}
    opt = CLASSES["SGD"]()
    start = time.perf_counter()
    opt._check_distinct(params)
    assert time.perf_counter() - start < 0.5


# ---------------------------------------------------------------------------------------------
# Changing hyperparameters between steps (what a schedule does)
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_lr_setter_validates_and_changes_nothing_on_refusal(name):
    opt = CLASSES[name]()
    lr = opt.lr
    before = copy.deepcopy(opt.__dict__)
    for bad, error in [(-0.1, ValueError), ("0.1", TypeError), (None, TypeError), (np.array([0.1, 0.2]), ValueError)]:
        with pytest.raises(error):
            opt.lr = bad
        _assert_same(before, opt.__dict__)
    opt.lr = lr / 2
    assert opt.lr == lr / 2 and type(opt.lr) is float and opt.hyperparameters["lr"] == lr / 2


def test_set_hyperparameters_is_atomic():
    from optimizers import Adam, Momentum
    opt = Adam(lr=0.01)
    before = copy.deepcopy(opt.__dict__)
    with pytest.raises(ValueError, match="beta parameter at index 0"):
        opt.set_hyperparameters(lr=0.5, betas=(1.5, 0.999))
    _assert_same(before, opt.__dict__)
    with pytest.raises(AttributeError, match="no hyperparameter 'momentum'"):
        opt.set_hyperparameters(momentum=0.9)
    m = Momentum(lr=np.array([0.1, 0.2]))
    with pytest.raises(ValueError, match="hold 1 run"):
        m.lr = 0.1
    with pytest.raises(TypeError, match="^Invalid momentum value: '0.5'"):
        m.momentum = "0.5"
    m.momentum = 0.5
    assert m.momentum == 0.5 and m.hyperparameters["momentum"] == 0.5
