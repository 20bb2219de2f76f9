"""Small real data sets and the models trained on them, vectorised over K runs.

Three data sets (``DATASETS``):

* ``breast_cancer``: scikit-learn's Wisconsin breast-cancer table (569 × 30, two
  classes), for logistic regression, the seed notebook's experiment;
* ``digits``: scikit-learn's 8×8 handwritten digits (1797 × 64, ten classes), for a
  small multi-layer perceptron, the analogue of "Deep Learning from Scratch"'s MNIST;
* ``sparse``: a synthetic binary-feature table in which most features are rarely
  non-zero, to test the claim that AdaGrad suits sparse data (NumPy only).

Every split is fixed (a permutation from ``np.random.default_rng(0)``). The
features of the two scikit-learn sets are standardised with the training set's
mean and standard deviation; the sparse set keeps its raw 0/1 features.
The two scikit-learn sets are read from the files bundled with scikit-learn, parsed
as its ``load_breast_cancer``/``load_digits`` parse them (the same arrays), without
importing it: importing scikit-learn costs about 2 s of CPU, more than training on
its data. So the package itself still needs nothing but NumPy.

The models follow the call shape of the optimizers: parameters are a dict of
arrays whose leading axis holds K independent runs (``W`` has shape (K, n_in,
n_out)). ``loss_grad(params, X, y)`` takes a minibatch per run, ``X`` of shape
(K, B, d), and returns the K losses and a dict of gradients shaped like the
parameters. ``train`` runs K runs at once, each with its own minibatch order drawn
from ``np.random.default_rng(seed_k)``; with ``lr`` given to the optimizer as a
length-K array, a learning-rate sweep over several seeds is one batch.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np

from ..base import Optimizer

__all__ = ["Dataset", "DATASETS", "load", "LogisticRegression", "MLP", "INITS", "ACTIVATIONS",
           "TrainHistory", "train", "split_standardise", "make_sparse"]


@dataclass(frozen=True)
class Dataset:
    """A fixed train/test split, features standardised with the training statistics."""

    name: str
    title: str
    X_train: np.ndarray = field(repr=False)
    y_train: np.ndarray = field(repr=False)
    X_test: np.ndarray = field(repr=False)
    y_test: np.ndarray = field(repr=False)
    n_classes: int

    @property
    def n_features(self) -> int:
        return self.X_train.shape[1]


def _split(n: int, test_fraction: float, seed: int = 0):
    order = np.random.default_rng(seed).permutation(n)
    n_test = int(round(n * test_fraction))
    return order[n_test:], order[:n_test]


def split_standardise(X: np.ndarray, y: np.ndarray, test_fraction: float, seed: int = 0, *,
                      centre: bool = True):
    """Shuffle with ``default_rng(seed)``, split, and standardise both parts with the train statistics.

    Constant training columns (std 0) are not scaled. With ``centre=False`` the
    columns are only scaled, so zeros stay zeros (for sparse features).
    """
    X = np.asarray(X, dtype=np.float64)
    train, test = _split(len(y), test_fraction, seed)
    mean = X[train].mean(axis=0) if centre else np.zeros(X.shape[1])
    std = X[train].std(axis=0)
    std = np.where(std > 0, std, 1.0)
    return (X[train] - mean) / std, np.asarray(y)[train], (X[test] - mean) / std, np.asarray(y)[test]


def _sklearn_file(name: str):
    """A data file bundled with scikit-learn, found without importing scikit-learn (an optional dependency)."""
    import importlib.util
    from pathlib import Path
    spec = importlib.util.find_spec("sklearn")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("this data set is scikit-learn's: pip install scikit-learn", name="sklearn")
    return Path(spec.origin).parent / "datasets" / "data" / name


def _load_breast_cancer():
    """(X, y) as ``sklearn.datasets.load_breast_cancer(return_X_y=True)`` reads them (its ``load_csv_data``)."""
    import csv
    with open(_sklearn_file("breast_cancer.csv"), encoding="utf-8") as f:
        rows = csv.reader(f)
        head = next(rows)
        X = np.empty((int(head[0]), int(head[1])))
        y = np.empty(int(head[0]), dtype=int)
        for i, row in enumerate(rows):
            X[i] = np.asarray(row[:-1], dtype=np.float64)
            y[i] = np.asarray(row[-1], dtype=int)
    return X, y


def _load_digits():
    """(X, y) as ``sklearn.datasets.load_digits(return_X_y=True)`` reads them."""
    import gzip
    with open(_sklearn_file("digits.csv.gz"), "rb") as f, gzip.open(f, mode="rt", encoding="utf-8") as text:
        data = np.loadtxt(text, delimiter=",")
    return data[:, :-1], data[:, -1].astype(int, copy=False)


def _breast_cancer() -> Dataset:
    X, y = _load_breast_cancer()
    parts = split_standardise(X, y.astype(np.float64), test_fraction=0.3)
    return Dataset("breast_cancer", "Breast cancer (logistic regression)", *parts, n_classes=2)


def _digits() -> Dataset:
    X, y = _load_digits()
    parts = split_standardise(X, y.astype(np.int64), test_fraction=0.25)
    return Dataset("digits", "Digits 8×8 (MLP)", *parts, n_classes=10)


# --8<-- [start:sparse]
def make_sparse(n_samples: int = 3000, n_features: int = 100, p_max: float = 0.5, p_min: float = 0.005,
                seed: int = 0):
    """Binary features, feature j non-zero with probability p_j (log-spaced from p_max down to p_min).

    The label is drawn from a logistic model whose true weights are the same size
    for every feature, so the rare features matter as much per occurrence as the
    common ones, but a learner sees their gradients far less often.
    """
    rng = np.random.default_rng(seed)
    p = np.geomspace(p_max, p_min, n_features)
    X = (rng.random((n_samples, n_features)) < p).astype(np.float64)
    w_true = rng.choice([-1.0, 1.0], n_features) * 2.0
    z = X @ w_true
    z -= np.median(z)                                   # balanced classes
    y = (rng.random(n_samples) < 1 / (1 + np.exp(-z))).astype(np.float64)
    return X, y, p
# --8<-- [end:sparse]


def _sparse() -> Dataset:
    X, y, _ = make_sparse()
    train, test = _split(len(y), 1 / 3)                 # raw 0/1 features, as in bag-of-words data
    parts = X[train], y[train], X[test], y[test]
    return Dataset("sparse", "Sparse binary features (logistic regression)", *parts, n_classes=2)


_LOADERS = {"breast_cancer": _breast_cancer, "digits": _digits, "sparse": _sparse}

#: name → English title; ``load(name)`` gives the Dataset (loaded once per process).
DATASETS = {
    "breast_cancer": "Breast cancer (logistic regression)",
    "digits": "Digits 8×8 (MLP)",
    "sparse": "Sparse binary features (logistic regression)",
}


@functools.lru_cache(maxsize=None)
def load(name: str) -> Dataset:
    if name not in _LOADERS:
        raise KeyError(f"unknown data set {name!r}; known: {sorted(_LOADERS)}")
    return _LOADERS[name]()


# -- models -------------------------------------------------------------------------------------

def _batch(X: np.ndarray, k: int) -> np.ndarray:
    """Shared data (n, d) → (K, n, d) view; per-run data (K, B, d) as is."""
    return np.broadcast_to(X, (k,) + X.shape) if X.ndim == 2 else X


class LogisticRegression:
    r"""Binary logistic regression with the mean binary cross-entropy.

    .. math::

        z = X w + b \qquad
        L = \frac{1}{B}\sum_i \big(\log(1 + e^{z_i}) - y_i z_i\big) \qquad
        \nabla_w L = \frac{1}{B} X^\top(\sigma(z) - y) \qquad \nabla_b L = \overline{\sigma(z) - y}
    """

    def __init__(self, n_features: int):
        self.n_features = n_features

    def init(self, seeds, std: float = 0.01) -> dict[str, np.ndarray]:
        """K runs, run k's weights ~ N(0, std²) from ``default_rng(seeds[k])``, bias 0."""
        w = np.stack([np.random.default_rng(s).normal(0.0, std, self.n_features) for s in seeds])
        return {"w": w, "b": np.zeros(len(seeds))}

    def logits(self, params, X):
        X = _batch(X, params["w"].shape[0])
        return np.einsum("kbd,kd->kb", X, params["w"]) + params["b"][:, None]

    # --8<-- [start:logistic]
    def loss_grad(self, params, X, y):
        w, b = params["w"], params["b"]
        X = _batch(X, w.shape[0])                                  # (K, B, d)
        z = np.einsum("kbd,kd->kb", X, w) + b[:, None]             # z = X w + b
        loss = np.mean(np.logaddexp(0.0, z) - y * z, axis=1)       # BCE, no overflow for large |z|
        r = (1.0 / (1.0 + np.exp(-z)) - y) / z.shape[1]            # (σ(z) − y) / B
        return loss, {"w": np.einsum("kbd,kb->kd", X, r), "b": r.sum(axis=1)}
    # --8<-- [end:logistic]

    def loss(self, params, X, y):
        z = self.logits(params, X)
        return np.mean(np.logaddexp(0.0, z) - y * z, axis=1)

    def accuracy(self, params, X, y):
        return np.mean((self.logits(params, X) > 0) == (y > 0.5), axis=1)


def _sigmoid(a):
    return 0.5 * (1.0 + np.tanh(0.5 * a))                         # stable for any a


#: name → (activation, its derivative given the pre-activation a and the output h)
ACTIVATIONS = {
    "relu": (lambda a: np.maximum(a, 0.0), lambda a, h: (a > 0).astype(a.dtype)),
    "sigmoid": (_sigmoid, lambda a, h: h * (1.0 - h)),
    "tanh": (np.tanh, lambda a, h: 1.0 - h * h),
}

#: initialisation → standard deviation of W given the fan-in n (biases start at 0)
INITS = {
    "std=1": lambda n: 1.0,
    "std=0.01": lambda n: 0.01,
    "Xavier": lambda n: np.sqrt(1.0 / n),
    "He": lambda n: np.sqrt(2.0 / n),
}


class MLP:
    r"""A fully connected network with softmax cross-entropy, K runs at once.

    ``sizes`` = (n_in, hidden..., n_classes). Layer l computes
    :math:`a_l = h_{l-1} W_l + b_l`, :math:`h_l = \phi(a_l)`; the last layer has no
    activation, and the loss is :math:`\frac{1}{B}\sum_i \big(\log\sum_c e^{a_{ic}} - a_{i y_i}\big)`.
    """

    def __init__(self, sizes, activation: str = "relu"):
        if activation not in ACTIVATIONS:
            raise KeyError(f"unknown activation {activation!r}; known: {sorted(ACTIVATIONS)}")
        self.sizes = tuple(int(s) for s in sizes)
        self.activation = activation
        self.n_layers = len(self.sizes) - 1

    def init(self, seeds, scheme: str = "He") -> dict[str, np.ndarray]:
        """K runs: run k's weights drawn from ``default_rng(seeds[k])`` with the std of ``INITS[scheme]``.

        ``scheme`` may also be a list of K names (one per run), so several
        initialisations train in one batch.
        """
        schemes = [scheme] * len(seeds) if isinstance(scheme, str) else list(scheme)
        params = {}
        rngs = [np.random.default_rng(s) for s in seeds]
        for l in range(self.n_layers):
            n_in, n_out = self.sizes[l], self.sizes[l + 1]
            params[f"W{l + 1}"] = np.stack([r.standard_normal((n_in, n_out)) * INITS[s](n_in)
                                            for r, s in zip(rngs, schemes)])
            params[f"b{l + 1}"] = np.zeros((len(seeds), n_out))
        return params

    def forward(self, params, X, keep: bool = False):
        """Logits (K, B, n_classes); with ``keep``, also the list of (a_l, h_l) per layer."""
        k = params["W1"].shape[0]
        h = X
        phi = ACTIVATIONS[self.activation][0]
        cache = []
        for l in range(1, self.n_layers + 1):
            W = params[f"W{l}"]
            if h.ndim == 2:                    # data shared by the K runs: one (n, d) × (d, K·h) product
                a = (h @ W.transpose(1, 0, 2).reshape(W.shape[1], -1)).reshape(len(h), k, -1)
                a = np.ascontiguousarray(a.transpose(1, 0, 2))
                h = _batch(h, k)
            else:
                a = h @ W
            a = a + params[f"b{l}"][:, None, :]
            h_prev, h = h, (phi(a) if l < self.n_layers else a)
            if keep:
                cache.append((h_prev, a, h))
        return (h, cache) if keep else h

    # --8<-- [start:mlp]
    def loss_grad(self, params, X, y):
        logits, cache = self.forward(params, X, keep=True)         # (K, B, C)
        K, B = logits.shape[:2]
        shifted = logits - logits.max(axis=-1, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
        label = np.arange(K)[:, None], np.arange(B), y                # [k, i, y_ki]: the true class's entry
        loss = -log_p[label].mean(axis=1)
        delta = np.exp(log_p)                                      # ∂L/∂a_L = (softmax − onehot) / B
        delta[label] -= 1
        delta /= B
        dphi = ACTIVATIONS[self.activation][1]
        grads = {}
        for l in range(self.n_layers, 0, -1):
            h_prev, a, h = cache[l - 1]
            grads[f"W{l}"] = np.swapaxes(h_prev, 1, 2) @ delta      # h_{l−1}ᵀ δ_l
            grads[f"b{l}"] = delta.sum(axis=1)
            if l > 1:
                a_prev, h_out = cache[l - 2][1], cache[l - 2][2]
                delta = (delta @ np.swapaxes(params[f"W{l}"], 1, 2)) * dphi(a_prev, h_out)
        return loss, grads
    # --8<-- [end:mlp]

    def loss(self, params, X, y):
        logits = self.forward(params, X)
        shifted = logits - logits.max(axis=-1, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
        return -np.take_along_axis(log_p, np.broadcast_to(y, log_p.shape[:2])[..., None], axis=-1)[..., 0].mean(1)

    def accuracy(self, params, X, y):
        return np.mean(self.forward(params, X).argmax(axis=-1) == y, axis=1)


# -- training -----------------------------------------------------------------------------------

@dataclass
class TrainHistory:
    """What K training runs did.

    ``loss`` (steps, K): the minibatch loss before each update. ``train_loss`` and
    ``test_accuracy`` (epochs + 1, K): on the whole training / test set, row 0 at
    the start. A diverged run (a parameter that is not finite, or a minibatch loss
    that is not finite or above ``max_loss``) is frozen at
    its last finite parameters; ``diverged_at[k]`` is the step it diverged at, or -1.
    ``loss`` of a diverged run stays at +inf from that step on; the other arrays
    keep the frozen run's values, so none of them holds NaN.
    """

    loss: np.ndarray
    train_loss: np.ndarray
    test_accuracy: np.ndarray
    diverged_at: np.ndarray
    steps_per_epoch: int
    batch_size: int

    @property
    def diverged(self) -> np.ndarray:
        return self.diverged_at >= 0

    def objective(self, tail: float = 0.1) -> np.ndarray:
        """Mean minibatch loss over the last ``tail`` of steps; +inf for diverged runs."""
        n = max(1, int(round(self.loss.shape[0] * tail)))
        return np.where(self.diverged, np.inf, self.loss[-n:].mean(axis=0))


def train(model, optimizer: Optimizer, params: dict, data: Dataset, *, epochs: int, batch_size: int,
          seeds, max_loss: float = 1e6) -> TrainHistory:
    """Minibatch training of K runs at once; run k shuffles with ``default_rng(seeds[k])``.

    ``params`` (leading axis K) is updated in place. Every epoch visits
    ``n // batch_size`` minibatches without replacement (the rest is dropped).
    A run whose minibatch loss leaves [0, ``max_loss``] or whose parameters stop
    being finite counts as diverged (a cross-entropy at chance level is ln C, a few
    units, so 10⁶ is far beyond any run that is still learning).
    """
    seeds = list(seeds)
    k = len(seeds)
    n = len(data.y_train)
    per_epoch = n // batch_size
    # one generator per distinct seed (runs that share a seed share their order: a tuning batch is one seed)
    distinct = {}
    which = [distinct.setdefault(s if isinstance(s, (int, np.integer)) else id(s), len(distinct)) for s in seeds]
    rngs = [np.random.default_rng(seeds[which.index(i)]) for i in range(len(distinct))]
    loss = np.empty((epochs * per_epoch, k))
    train_loss = np.empty((epochs + 1, k))
    test_acc = np.empty((epochs + 1, k))
    diverged_at = np.full(k, -1)
    frozen = {name: p.copy() for name, p in params.items()}
    dead, any_dead = np.zeros(k, dtype=bool), False

    def evaluate(e):
        with np.errstate(all="ignore"):
            train_loss[e] = model.loss(params, data.X_train, data.y_train)
            test_acc[e] = model.accuracy(params, data.X_test, data.y_test)
        train_loss[e] = np.where(np.isfinite(train_loss[e]), train_loss[e], np.inf)

    evaluate(0)
    t = 0
    with np.errstate(all="ignore"):
        for e in range(1, epochs + 1):
            order = np.stack([r.permutation(n) for r in rngs])[which]       # (K, n): one order per run
            for i in range(per_epoch):
                idx = order[:, i * batch_size:(i + 1) * batch_size]          # (K, B)
                X, y = np.take(data.X_train, idx, axis=0), np.take(data.y_train, idx)   # = X_train[idx], faster
                batch_loss, grads = model.loss_grad(params, X, y)
                optimizer.update(params, grads)
                bad = ~(batch_loss <= max_loss)                          # also catches NaN
                for name, p in params.items():
                    if not np.isfinite(p).all():                         # one check when all is well
                        bad |= ~np.isfinite(p.reshape(k, -1)).all(axis=1)
                if bad.any():
                    new = bad & (diverged_at < 0)
                    diverged_at[new] = t
                    dead = diverged_at >= 0
                    any_dead = True
                if any_dead:                                             # the dead keep their last finite values
                    for name, p in params.items():
                        keep = dead.reshape((k,) + (1,) * (p.ndim - 1))
                        np.copyto(p, frozen[name], where=keep)
                        np.copyto(frozen[name], p, where=~keep)
                    loss[t] = np.where(dead, np.inf, batch_loss)
                else:
                    for name, p in params.items():
                        np.copyto(frozen[name], p)
                    loss[t] = batch_loss
                t += 1
            evaluate(e)
    return TrainHistory(loss, train_loss, test_acc, diverged_at, per_epoch, batch_size)
