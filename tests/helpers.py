"""Helpers the optimizer test files share (importable because pytest puts this directory on
``sys.path``, as for ``cases.py``)."""

from __future__ import annotations

import copy
import importlib
import importlib.util
import os
from pathlib import Path

import numpy as np
import pytest

from optimizers import PROBLEMS

FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: under ``CI=true`` a missing test dependency fails instead of skipping
CI = os.environ.get("CI", "").lower() == "true"


def need(module: str, hint: str = "make test installs requirements-test.lock"):
    """Import ``module``; when it is missing, skip (fail under ``CI=true``)."""
    try:
        return importlib.import_module(module)
    except ImportError as e:                           # pragma: no cover - depends on the machine
        msg = f"{module} is not installed ({e}); {hint}"
        if CI:
            pytest.fail(msg)
        pytest.skip(msg)


def load_fixture_script(name: str):
    """``tests/fixtures/<name>.py`` as a module (its cases and torch runners; torch is imported only
    when a torch run is asked for)."""
    spec = importlib.util.spec_from_file_location(name, FIXTURES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def quadratic_grad(xy):
    """The seed notebook's f(x, y) = x² + y² + xy − 4x − 8y: ∇f = (2x + y − 4, 2y + x − 8)."""
    return PROBLEMS["quadratic"].grad(xy)


def snapshot(opt, params):
    return copy.deepcopy(params), copy.deepcopy(opt.state)


def assert_same_tree(a, b):
    """Equal nested dicts of arrays and scalars: same keys, dtypes and bits (NaN-safe)."""
    if isinstance(a, dict):
        assert isinstance(b, dict) and list(a) == list(b)
        for k in a:
            assert_same_tree(a[k], b[k])
    elif isinstance(a, np.ndarray):
        assert isinstance(b, np.ndarray) and a.dtype == b.dtype and a.shape == b.shape
        np.testing.assert_array_equal(a, b)
    else:
        assert type(a) is type(b) and a == b


def assert_update_refused(opt, params, bad_params, bad_grads, error, key):
    """``opt.update(bad_params, bad_grads)`` raises ``error`` naming ``key``, and leaves ``params`` and
    ``opt.state`` as they were. Returns pytest's ExceptionInfo."""
    before_params, before_state = snapshot(opt, params)
    with pytest.raises(error) as err:
        opt.update(bad_params, bad_grads)
    assert key in str(err.value), str(err.value)
    assert_same_tree(before_params, params)
    assert_same_tree(before_state, opt.state)
    return err


def read_only(a):
    a = a.copy()
    a.setflags(write=False)
    return a


def replay(cls, kwargs, start, grads, dtype=np.float64):
    """``cls(**kwargs)`` run from ``start`` through ``grads``: ({key: path (steps + 1, *shape)}, optimizer)."""
    opt = cls(**kwargs)
    params = {k: np.array(v, dtype=dtype) for k, v in start.items()}
    path = {k: [p.copy()] for k, p in params.items()}
    for g in grads:
        opt.update(params, {k: np.array(v, dtype=dtype) for k, v in g.items()})
        for k, p in params.items():
            path[k].append(p.copy())
    return {k: np.array(v) for k, v in path.items()}, opt


def random_problem(rng, shapes, steps=25, dtype=np.float64):
    """A random start and ``steps`` gradients (step 8 all zero) for ``{key: shape}``."""
    start = {k: rng.standard_normal(s).astype(dtype) for k, s in shapes.items()}
    grads = [{k: (rng.standard_normal(s) * (0.0 if t == 7 else 3.0)).astype(dtype) for k, s in shapes.items()}
             for t in range(steps)]
    return start, grads
