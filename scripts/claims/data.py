"""The claims judged on data or from random start points, over several seeds.

* ``momentum_escape``   Momentum "rolls out of local minima thanks to inertia": Rastrigin
  from random start points; control: SGD at the same *effective* step η/(1 − μ).
* ``adagrad_sparse``    AdaGrad "is strong on sparse data": the loss on the test rows that
  hold a rare feature; control: SGD (no per-coordinate scaling), each at its tuned lr.
* ``adam_generalise``   Adam "sometimes generalises worse than SGD": test error, each at
  its tuned lr, on an over-parameterised regression, breast cancer and digits.
* ``adamw_generalise``  AdamW "generalises better than Adam + L2": test error, each with its
  own tuned λ.
* ``adamw_lambda``      AdamW "λ needs tuning": is torch's default λ within 10 % of the tuned λ?

Every tuned value (lr or λ) comes from :func:`scripts.study_data.grow_until_interior`: the
grid grows a decade at a time while the best value is an end of it, and a value still on
an end at the limits is flagged. Each setting lists its tunings under ``"tuning"`` so the
test ``tests/test_claims_data.py`` can check that no tuned value sits unflagged on a wall.
"""

from __future__ import annotations

import inspect

import numpy as np

from optimizers import OPTIMIZERS, PROBLEMS, Adam, AdamW, Momentum, SGD, run
from optimizers.problems import datasets as D

from .. import experiments
from ..studies import study_result
from ..study_claims import WD_D, WD_N, WD_STEPS, _regression_data, _train
from ..study_data import (MLP_SETTINGS, SEEDS, SPARSE, SWEEP, first_given, grow_until_interior, single_threaded, tune_then_seeds,
                          tuning_record)
from . import Claim, claim

# ---------------------------------------------------------------------------------------------- Momentum

#: escaped: ended (not diverged) at least this far below the value of the local minimum it started beside
#: (neighbouring minima of Rastrigin differ by ≥ 1, so 0.5 means "one minimum lower or better")
ESCAPE_DROP = 0.5
#: the claim holds when Momentum escapes from at least this many more of the starts than its control
ESCAPE_MARGIN = 0.05
ESCAPE_STARTS = 200
#: two points a decade from 1e-4 up to 1e-2, about the largest lr at which Momentum can still settle in a
#: Rastrigin basin (2(1 + μ)/L ≈ 0.0096 with L ≈ 2 + 40π² at the minima); Momentum's default lr is one of them
ESCAPE_LRS = tuple(float(x) for x in np.logspace(-4, -2, 5))


def _escapes(cls, lrs: np.ndarray, starts: np.ndarray, n: int) -> np.ndarray:
    """The share of runs that escaped, per block of ``n`` consecutive runs; run i at ``lrs[i]`` from ``starts[i]``.

    Every run is on its own (the rule and Rastrigin act row by row), so all blocks go as one batch."""
    p = PROBLEMS["rastrigin"]
    h = run(cls(lr=lrs), p, start=starts)
    beside = p.f(np.round(starts))              # the local minima of Rastrigin sit next to the integer points
    escaped = (h.loss[-1] < beside - ESCAPE_DROP) & ~h.diverged
    return np.array([float(np.mean(block)) for block in escaped.reshape(-1, n)])


def escape_runs() -> list[dict]:
    """Per seed: ESCAPE_STARTS start points drawn uniformly over the plot; Momentum, SGD at η/(1 − μ), SGD at η."""
    p = PROBLEMS["rastrigin"]
    (xlo, xhi), (ylo, yhi) = p.bounds
    mu = Momentum().momentum
    runs = experiments.problem_runs("rastrigin")["Momentum"]
    lrs = [(lr, "default" if np.isclose(lr, runs.default_lr) else "") for lr in ESCAPE_LRS]
    lrs.append((runs.tuned_lr, "tuned"))
    starts = {seed: np.random.default_rng(seed).uniform([xlo, ylo], [xhi, yhi], (ESCAPE_STARTS, 2))
              for seed in SEEDS}
    # every (seed, lr) block of starts in one batch per rule (the same numbers as one run per block)
    K = ESCAPE_STARTS
    all_starts = np.concatenate([starts[seed] for seed in SEEDS for _ in lrs])
    lr_k = np.concatenate([np.full(K, lr) for _ in SEEDS for lr, _ in lrs])
    escaped = _escapes(Momentum, lr_k, all_starts, K)
    escaped_sgd_effective = _escapes(SGD, np.concatenate([np.full(K, lr / (1 - mu)) for _ in SEEDS for lr, _ in lrs]),
                                     all_starts, K)
    escaped_sgd = _escapes(SGD, lr_k, all_starts, K)
    out = []
    for i, (seed, (lr, kind)) in enumerate((seed, lk) for seed in SEEDS for lk in lrs):
        s = {"seed": seed, "lr": float(lr), "lr_effective": float(lr / (1 - mu)),
             "escaped": float(escaped[i]), "escaped_sgd_effective": float(escaped_sgd_effective[i]),
             "escaped_sgd": float(escaped_sgd[i]), "n_starts": K}
        if kind:
            s["lr_kind"] = kind
        if kind == "tuned":
            s["tuning"] = [{"what": "lr Momentum (rastrigin)", "lo": float(runs.lrs[0]),
                            "hi": float(runs.lrs[-1]), "n": len(runs.lrs), "index": int(runs.tuned_index),
                            "value": float(runs.tuned_lr), "edge": runs.edge}]
        out.append(s)
    return out


def escapes_by_inertia(s: dict) -> bool:
    return s["escaped"] >= s["escaped_sgd_effective"] + ESCAPE_MARGIN


claim(Claim("momentum_escape", "Momentum", "pro", escape_runs, escapes_by_inertia,
            {"drop": ESCAPE_DROP, "margin": ESCAPE_MARGIN, "n_starts": ESCAPE_STARTS,
             "mu": Momentum().momentum, "gain": 1 / (1 - Momentum().momentum),
             "lr_lo": ESCAPE_LRS[0], "lr_hi": ESCAPE_LRS[-1], "n_lrs": len(ESCAPE_LRS), "n_seeds": len(SEEDS)},
            evidence="problems/rastrigin.md"))

# ---------------------------------------------------------------------------------------------- AdaGrad

#: rare: non-zero in fewer than this share of the training rows (as on the sparse-features page)
RARE = 0.02
#: "strong": AdaGrad's loss on the rare rows is at least this much lower than its control's
RARE_GAIN = 0.05


_SPARSE_SHAPE = {k: v.default for k, v in inspect.signature(D.make_sparse).parameters.items()
                 if k in ("n_features", "p_max", "p_min")}


def _sparse_data(seed: int) -> D.Dataset:
    """The sparse-features data set, drawn and split with ``seed`` (the site's own set is seed 0)."""
    X, y, _ = D.make_sparse(seed=seed)
    train, test = D._split(len(y), 1 / 3, seed)
    return D.Dataset(f"sparse-{seed}", "Sparse binary features", X[train], y[train], X[test], y[test], n_classes=2)


def sparse_runs() -> list[dict]:
    """Per seed (data, split, initialisation and minibatch order): AdaGrad and SGD, each tuned on its own grid."""
    out = []
    for seed in SEEDS:
        data = _sparse_data(seed)
        model = D.LogisticRegression(data.n_features)
        rare = (data.X_train != 0).mean(axis=0) < RARE
        rows = (data.X_test[:, rare] != 0).any(axis=1)
        init = lambda seeds: model.init(seeds, std=SPARSE["init_std"])      # noqa: E731
        r = {}
        for name in ("AdaGrad", "SGD"):
            # the only run used is the one whose initialisation and order use this seed: run alone
            t = tune_then_seeds(model, data, name, SWEEP.lrs, epochs=SPARSE["epochs"],
                                batch_size=SPARSE["batch_size"], init=init, curves=False, seeds=(seed,))
            params = t["params"]
            r[name] = {"lr": t["tuned_lr"], "rare_loss": float(model.loss(params, data.X_test[rows],
                                                                          data.y_test[rows])[0]),
                       "loss": float(model.loss(params, data.X_test, data.y_test)[0]),
                       "diverged": bool(t["diverged"][0, 0]), "tuning": {**tuning_record(t), "what": f"lr {name}"}}
        a, g = r["AdaGrad"], r["SGD"]
        out.append({"seed": seed, "lr_kind": "tuned", "lr": a["lr"], "lr_sgd": g["lr"],
                    "loss_rare": a["rare_loss"], "loss_rare_sgd": g["rare_loss"],
                    "loss_all": a["loss"], "loss_all_sgd": g["loss"],
                    "n_rare_rows": int(rows.sum()), "n_test": len(data.y_test),
                    "applies": not (a["diverged"] or g["diverged"]), "tuning": [a["tuning"], g["tuning"]]})
    return out


def strong_on_rare(s: dict) -> bool:
    return s["loss_rare"] <= (1 - RARE_GAIN) * s["loss_rare_sgd"]


def default_lr(name: str) -> float:
    """The lr an optimizer's class uses when none is given (its signature, as torch's)."""
    return float(inspect.signature(OPTIMIZERS[name].__init__).parameters["lr"].default)


claim(Claim("adagrad_sparse", "AdaGrad", "pro", sparse_runs, strong_on_rare,
            {"rare": RARE, "gain": RARE_GAIN, "n_seeds": len(SEEDS), **_SPARSE_SHAPE,
             "lr_default": default_lr("AdaGrad"), "lr_sgd_default": default_lr("SGD"),
             "default_ratio": default_lr("AdaGrad") / default_lr("SGD")}, evidence="experiments/sparse.md"))

# ---------------------------------------------------------------------------------------------- Adam, AdamW

#: "generalises worse": the test error is more than this factor of the control's
WORSE = 1.1
#: "generalises better": AdamW's test error at most this factor of Adam + L2's
BETTER = 0.95
#: "λ needs tuning": torch's default λ gives a test error more than this factor of the tuned λ's
NEEDS_TUNING = 1.1
TORCH_LAMBDA = AdamW().weight_decay
#: the λ grid (4 points a decade) and how far it may grow
LAMBDAS = np.logspace(-4, 1, 21)
LAMBDA_FLOOR_EXP, LAMBDA_CEILING_EXP = -8, 3
N_VAL = 1000                       # the first N_VAL test samples are the validation set that picks λ


def _regression(seed: int):
    x, y, x_rest, y_rest = _regression_data(seed)
    return x, y, x_rest[:N_VAL], y_rest[:N_VAL], x_rest[N_VAL:], y_rest[N_VAL:]


def _mse(w, x, y):
    with np.errstate(all="ignore"):
        e = ((w @ x.T - y) ** 2).mean(axis=-1)
    return np.where(np.isfinite(e), e, np.inf)


def _train_seeds(opt, xs: np.ndarray, ys: np.ndarray, g: int) -> np.ndarray:
    """:func:`_train` on S data sets at once (``xs`` (S, n, d), ``ys`` (S, n)): runs s·g … s·g + g − 1 fit set s.

    Each set's products are the same matrix products as in ``_train`` (one per set), and the update acts
    run by run, so run s·g + j ends exactly where ``_train`` on set s alone ends its run j."""
    S, n, d = xs.shape
    w = np.zeros((S * g, d))
    ws, xT, yb = w.reshape(S, g, d), np.swapaxes(xs, 1, 2), ys[:, None, :]
    for _ in range(WD_STEPS):
        opt.update(w, ((ws @ xT - yb) @ xs / n).reshape(S * g, d))   # ∇ of ½ mean squared error, per set
    return w


def _tune_lr(name: str, x, y, base: dict):
    """The lr with the lowest final training error (λ = 0), on the shared grid grown past any wall.

    ``base``: the scores on the shared grid (computed for every seed in one batch, :func:`_tune_lrs`)."""
    cls = OPTIMIZERS[name]

    def try_lrs(lrs):
        with np.errstate(all="ignore"):                 # the largest lrs diverge: +inf, by design
            return {"score": _mse(_train(cls(lr=lrs), x, y, len(lrs), WD_STEPS), x, y)}
    grid, _, i, edge = grow_until_interior(first_given(base, try_lrs), SWEEP.lrs, floor_exp=SWEEP.lr_floor_exp,
                                           ceiling_exp=SWEEP.lr_ceiling_exp)
    return float(grid[i]), {"what": f"lr {name}", "lo": float(grid[0]), "hi": float(grid[-1]), "n": len(grid),
                            "index": int(i), "value": float(grid[i]), "edge": edge}


def _tune_lrs(name: str, sets: list) -> list:
    """:func:`_tune_lr` for every data set: the shared grid for all of them as one batch, any growth per set."""
    xs, ys = np.stack([s[0] for s in sets]), np.stack([s[1] for s in sets])
    G = len(SWEEP.lrs)
    with np.errstate(all="ignore"):
        w = _train_seeds(OPTIMIZERS[name](lr=np.tile(SWEEP.lrs, len(sets))), xs, ys, G)
        base = [{"score": _mse(w[k * G:(k + 1) * G], x, y)} for k, (x, y, *_) in enumerate(sets)]
    return [_tune_lr(name, x, y, b) for (x, y, *_), b in zip(sets, base)]


def _tune_lambda(cls, lr: float, x, y, x_val, y_val, base: dict):
    """λ with the lowest validation error at ``lr``; returns (λ, tuning record, w at that λ).

    ``base``: the result on the λ grid LAMBDAS (computed for every seed in one batch, :func:`_tune_lambdas`)."""
    def try_lams(lams):
        w = _train(cls(lr=lr, weight_decay=lams), x, y, len(lams), WD_STEPS)
        return {"score": _mse(w, x_val, y_val), "w": np.moveaxis(w, 0, -1)}
    grid, res, i, edge = grow_until_interior(first_given(base, try_lams), LAMBDAS, floor_exp=LAMBDA_FLOOR_EXP,
                                             ceiling_exp=LAMBDA_CEILING_EXP)
    return float(grid[i]), {"what": f"λ {cls.__name__}", "lo": float(grid[0]), "hi": float(grid[-1]),
                            "n": len(grid), "index": int(i), "value": float(grid[i]), "edge": edge}, res["w"][..., i]


def _tune_lambdas(cls, lrs: list[float], sets: list) -> list:
    """:func:`_tune_lambda` for every data set (set k at ``lrs[k]``): LAMBDAS for all as one batch, growth per set."""
    xs, ys = np.stack([s[0] for s in sets]), np.stack([s[1] for s in sets])
    G = len(LAMBDAS)
    w = _train_seeds(cls(lr=np.repeat(lrs, G), weight_decay=np.tile(LAMBDAS, len(sets))), xs, ys, G)
    base = [{"score": _mse(w[k * G:(k + 1) * G], xv, yv), "w": np.moveaxis(w[k * G:(k + 1) * G], 0, -1)}
            for k, (_, _, xv, yv, *_) in enumerate(sets)]
    return [_tune_lambda(cls, lr, x, y, xv, yv, b) for lr, (x, y, xv, yv, *_), b in zip(lrs, sets, base)]


@single_threaded
def regression_runs() -> list[dict]:
    """Per data seed: SGD and Adam at their tuned lrs; Adam + L2 and AdamW at Adam's lr, each with its tuned λ.

    The seeds' runs go as one batch per rule (:func:`_train_seeds`), the same numbers as one seed at a time."""
    sets = [_regression(seed) for seed in SEEDS]
    xs, ys = np.stack([s[0] for s in sets]), np.stack([s[1] for s in sets])
    (lr_sgd, t_sgd), (lr_adam, t_adam) = (list(zip(*_tune_lrs(name, sets))) for name in ("SGD", "Adam"))
    with np.errstate(all="ignore"):
        w_sgd = _train_seeds(SGD(lr=np.array(lr_sgd)), xs, ys, 1)
        w_adam = _train_seeds(Adam(lr=np.array(lr_adam)), xs, ys, 1)
    lam_l2, t_l2, w_l2 = zip(*_tune_lambdas(Adam, lr_adam, sets))
    lam_w, t_w, w_w = zip(*_tune_lambdas(AdamW, lr_adam, sets))
    w_default = _train_seeds(AdamW(lr=np.array(lr_adam), weight_decay=np.full(len(SEEDS), TORCH_LAMBDA)), xs, ys, 1)
    out = []
    for k, (seed, (x, y, xv, yv, xt, yt)) in enumerate(zip(SEEDS, sets)):
        row = slice(k, k + 1)
        out.append({"data": "regression", "seed": seed, "lr_kind": "tuned", "lr": lr_adam[k], "lr_sgd": lr_sgd[k],
                    "test_adam": float(_mse(w_adam[row], xt, yt)[0]), "test_sgd": float(_mse(w_sgd[row], xt, yt)[0]),
                    "train_adam": float(_mse(w_adam[row], x, y)[0]), "train_sgd": float(_mse(w_sgd[row], x, y)[0]),
                    "lambda_l2": lam_l2[k], "lambda_w": lam_w[k], "lambda_default": TORCH_LAMBDA,
                    "test_l2": float(_mse(w_l2[k], xt, yt)), "test_w": float(_mse(w_w[k], xt, yt)),
                    "test_w_default": float(_mse(w_default[row], xt, yt)[0]),
                    "tuning": [t_sgd[k], t_adam[k], t_l2[k], t_w[k]]})
    return out


_REGRESSION: list[dict] = []


def _regression_cached() -> list[dict]:
    """The regression runs serve three claims (two of them on the AdamW page): computed once per process."""
    if not _REGRESSION:
        _REGRESSION.extend(regression_runs())
    return [dict(s) for s in _REGRESSION]


def generalisation_runs() -> list[dict]:
    """Adam against SGD, test error per seed: the regression, and the logistic and MLP studies' seeds.

    Tuned lrs only: at the defaults SGD (lr 1e-3) has barely started to fit the MLP in its 6 epochs, so a
    comparison there would measure under-fitting, not generalisation."""
    out = []
    for s in _regression_cached():
        out.append({k: s[k] for k in ("data", "seed", "lr_kind", "lr", "lr_sgd", "tuning")}
                   | {"error": s["test_adam"], "error_sgd": s["test_sgd"], "metric": "mse"})
    for data, study in (("breast_cancer", "data-logreg"), ("digits", "data-mlp")):
        r = study_result(study)
        tuning = [{**r["tuning"][n], "what": f"lr {n} ({data})"} for n in ("Adam", "SGD")]
        for k, seed in enumerate(SEEDS):
            out.append({"data": data, "seed": seed, "lr_kind": "tuned", "lr": r["tuning"]["Adam"]["value"],
                        "lr_sgd": r["tuning"]["SGD"]["value"], "error": 1 - r["tuned_test_acc"]["Adam"][k],
                        "error_sgd": 1 - r["tuned_test_acc"]["SGD"][k], "metric": "error_rate", "tuning": tuning})
    return out


def generalises_worse(s: dict) -> bool:
    return s["error"] > WORSE * s["error_sgd"]


claim(Claim("adam_generalise", "Adam", "con", generalisation_runs, generalises_worse,
            {"factor": WORSE, "n_seeds": len(SEEDS), "steps": WD_STEPS, "n_train": WD_N, "n_weights": WD_D,
             "lr_sgd_default": default_lr("SGD"), "mlp_epochs": MLP_SETTINGS["epochs"]}, evidence="optimizers/adamw.md"))


def decay_runs() -> list[dict]:
    return [{k: s[k] for k in ("data", "seed", "lr_kind", "lr", "lambda_l2", "lambda_w", "test_l2", "test_w",
                               "lambda_default", "test_w_default", "tuning")} for s in _regression_cached()]


def decoupled_better(s: dict) -> bool:
    return s["test_w"] <= BETTER * s["test_l2"]


def default_lambda_off(s: dict) -> bool:
    return s["test_w_default"] > NEEDS_TUNING * s["test_w"]


_LAMBDA_WORDS = {"lam_lo": float(LAMBDAS[0]), "lam_hi": float(LAMBDAS[-1]), "n_lams": len(LAMBDAS),
                 "lam_floor": 10.0 ** LAMBDA_FLOOR_EXP, "lam_ceiling": 10 ** LAMBDA_CEILING_EXP,
                 "n_val": N_VAL, "steps": WD_STEPS, "n_seeds": len(SEEDS), "n_train": WD_N, "n_weights": WD_D}
claim(Claim("adamw_generalise", "AdamW", "pro", decay_runs, decoupled_better,
            {"factor": BETTER, **_LAMBDA_WORDS}, evidence="optimizers/adamw.md"))
claim(Claim("adamw_lambda", "AdamW", "con", decay_runs, default_lambda_off,
            {"factor": NEEDS_TUNING, "lam_default": TORCH_LAMBDA, **_LAMBDA_WORDS}, evidence="optimizers/adamw.md"))
