"""A study's run measured only at the end gives the numbers of one measured after every epoch."""

from __future__ import annotations

import numpy as np
import pytest

from optimizers import OPTIMIZERS
from optimizers.problems import datasets as D
from scripts.study_data import Unmeasured, final_measures


def tiny_data(rng, n=40, d=5, classes=2) -> D.Dataset:
    X = rng.standard_normal((n, d))
    y = (X[:, 0] > 0).astype(np.float64) if classes == 2 else rng.integers(0, classes, n)
    return D.Dataset("tiny", "tiny", X[:30], y[:30], X[30:], y[30:], n_classes=classes)


@pytest.mark.parametrize("kind", ["logistic", "mlp"])
def test_unmeasured_run_ends_with_the_measured_runs_numbers(rng, kind):
    """Same minibatch losses, divergence and parameters; the final measures equal train's last row, bit for bit,
    also for a run that diverged (frozen at its last finite parameters)."""
    if kind == "logistic":
        data, model = tiny_data(rng), D.LogisticRegression(5)
        init = lambda: model.init([0, 1, 2])                        # noqa: E731
    else:
        data, model = tiny_data(rng, classes=3), D.MLP((5, 6, 3))
        init = lambda: model.init([0, 1, 2], scheme="std=1")        # noqa: E731
    lrs = np.array([0.01, 0.3, 1e10])
    runs = {}
    for label, m in (("measured", model), ("unmeasured", Unmeasured(model))):
        params = init()
        h = D.train(m, OPTIMIZERS["SGD"](lr=lrs), params, data, epochs=3, batch_size=10, seeds=[0, 1, 2])
        runs[label] = h, params
    (h, p), (hu, pu) = runs["measured"], runs["unmeasured"]
    assert h.diverged.tolist() == hu.diverged.tolist() == [False, False, True]
    np.testing.assert_array_equal(h.loss, hu.loss)
    for key in p:
        np.testing.assert_array_equal(p[key], pu[key])
    loss, acc = final_measures(model, pu, data)
    assert loss.tobytes() == h.train_loss[-1].tobytes()
    assert acc.tobytes() == h.test_accuracy[-1].tobytes()
