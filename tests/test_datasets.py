"""The data-set models: gradients against finite differences, K runs at once = K single runs."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from optimizers import OPTIMIZERS
from optimizers.problems import datasets as D


def numerical_grads(loss_of, params, h=1e-6):
    """Central differences of sum_k loss_k with respect to every parameter entry (float64)."""
    out = {}
    for key, p in params.items():
        g = np.zeros_like(p)
        for i in np.ndindex(p.shape):
            old = p[i]
            p[i] = old + h
            up = loss_of(params).sum()
            p[i] = old - h
            down = loss_of(params).sum()
            p[i] = old
            g[i] = (up - down) / (2 * h)
        out[key] = g
    return out


def tiny_data(rng, n=40, d=5, classes=2) -> D.Dataset:
    X = rng.standard_normal((n, d))
    y = (X[:, 0] > 0).astype(np.float64) if classes == 2 else rng.integers(0, classes, n)
    return D.Dataset("tiny", "tiny", X[:30], y[:30], X[30:], y[30:], n_classes=classes)


def test_logistic_gradient_matches_finite_differences(rng):
    model = D.LogisticRegression(4)
    params = model.init([1, 2, 3], std=0.5)
    params["b"][:] = [0.3, -0.2, 0.1]
    X = rng.standard_normal((3, 7, 4))
    y = (rng.random((3, 7)) < 0.5).astype(np.float64)
    loss, grads = model.loss_grad(params, X, y)
    assert loss.shape == (3,)
    num = numerical_grads(lambda p: model.loss_grad(p, X, y)[0], params)
    for key in params:
        assert grads[key].shape == params[key].shape
        np.testing.assert_allclose(grads[key], num[key], rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("activation", sorted(D.ACTIVATIONS))
def test_mlp_gradient_matches_finite_differences(rng, activation):
    model = D.MLP((5, 4, 3, 3), activation)
    params = model.init([1, 2], scheme="Xavier")
    for key in params:
        if key.startswith("b"):
            params[key][:] = rng.normal(0, 0.1, params[key].shape)
    X = rng.standard_normal((2, 6, 5))
    y = rng.integers(0, 3, (2, 6))
    loss, grads = model.loss_grad(params, X, y)
    assert loss.shape == (2,)
    num = numerical_grads(lambda p: model.loss_grad(p, X, y)[0], params)
    for key in params:
        assert grads[key].shape == params[key].shape
        np.testing.assert_allclose(grads[key], num[key], rtol=1e-5, atol=1e-8)


def test_mlp_loss_on_shared_data_equals_per_run_data(rng):
    model = D.MLP((5, 4, 3))
    params = model.init([0, 1, 2])
    X = rng.standard_normal((9, 5))
    y = rng.integers(0, 3, 9)
    shared = model.loss(params, X, y)
    per_run = model.loss_grad(params, np.broadcast_to(X, (3, 9, 5)), np.broadcast_to(y, (3, 9)))[0]
    np.testing.assert_allclose(shared, per_run, rtol=1e-12)


@pytest.mark.parametrize("name", ["SGD", "Momentum", "AdaGrad", "Adam"])
def test_batch_of_k_equals_k_single_runs(rng, name):
    data = tiny_data(rng, classes=3)
    model = D.MLP((5, 6, 3))
    lrs, seeds = np.array([0.01, 0.1, 0.3]), [4, 5, 6]
    batch = model.init(seeds)
    hb = D.train(model, OPTIMIZERS[name](lr=lrs), batch, data, epochs=2, batch_size=8, seeds=seeds)
    for k, (lr, s) in enumerate(zip(lrs, seeds)):
        single = model.init([s])
        hs = D.train(model, OPTIMIZERS[name](lr=float(lr)), single, data, epochs=2, batch_size=8, seeds=[s])
        for key in batch:
            np.testing.assert_allclose(batch[key][k], single[key][0], rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(hb.loss[:, k], hs.loss[:, 0], rtol=1e-12)
        np.testing.assert_allclose(hb.test_accuracy[:, k], hs.test_accuracy[:, 0])


def test_history_shapes_and_reproducibility(rng):
    data = tiny_data(rng)
    model = D.LogisticRegression(5)

    def once():
        params = model.init([0, 1])
        return D.train(model, OPTIMIZERS["Adam"](lr=np.array([0.01, 0.1])), params, data,
                       epochs=3, batch_size=10, seeds=[0, 1]), params

    (h1, p1), (h2, p2) = once(), once()
    assert h1.loss.shape == (3 * 3, 2)
    assert h1.train_loss.shape == h1.test_accuracy.shape == (4, 2)
    np.testing.assert_array_equal(h1.loss, h2.loss)
    np.testing.assert_array_equal(p1["w"], p2["w"])
    assert not h1.diverged.any()
    assert np.all(np.isfinite(h1.objective()))


def test_divergence_is_frozen_not_nan(rng):
    data = tiny_data(rng, classes=3)
    model = D.MLP((5, 6, 3))
    params = model.init([0, 1], scheme="std=1")
    h = D.train(model, OPTIMIZERS["SGD"](lr=np.array([0.01, 1e10])), params, data, epochs=3,
                batch_size=10, seeds=[0, 1])
    assert h.diverged.tolist() == [False, True]
    assert np.isinf(h.objective()[1]) and np.isfinite(h.objective()[0])
    for p in params.values():
        assert np.all(np.isfinite(p))
    assert not np.isnan(h.train_loss).any() and not np.isnan(h.test_accuracy).any()


def test_sparse_data_is_sparse_and_fixed():
    data = D.load("sparse")
    nonzero = (data.X_train != 0).mean(axis=0)
    assert nonzero.max() > 0.3 and nonzero.min() < 0.02
    assert (data.X_train != 0).mean() < 0.2
    X1, y1, _ = D.make_sparse()
    X2, y2, _ = D.make_sparse()
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)


def test_digits_split_is_standardised():
    pytest.importorskip("sklearn")
    data = D.load("digits")
    assert data.X_train.shape[1] == 64 and data.n_classes == 10
    assert len(data.y_train) + len(data.y_test) == 1797
    np.testing.assert_allclose(data.X_train.mean(axis=0), 0, atol=1e-12)
    assert set(np.unique(data.y_test)) == set(range(10))


def test_package_import_does_not_import_sklearn():
    code = "import sys, optimizers, optimizers.problems.datasets; print('sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("name,loader", [("breast_cancer", D._load_breast_cancer), ("digits", D._load_digits)])
def test_bundled_files_read_as_scikit_learn_reads_them(name, loader):
    """The package reads scikit-learn's bundled files itself (importing scikit-learn, and SciPy with it, cost each
    build worker ~2 s): the arrays must be exactly what scikit-learn's own loader returns."""
    datasets = pytest.importorskip("sklearn.datasets")
    X_ref, y_ref = getattr(datasets, f"load_{name}")(return_X_y=True)
    X, y = loader()
    assert X.dtype == X_ref.dtype and y.dtype == y_ref.dtype
    np.testing.assert_array_equal(X, X_ref)
    np.testing.assert_array_equal(y, y_ref)
