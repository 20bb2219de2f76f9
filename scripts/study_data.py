"""Fair comparisons on data and under noise: tuned learning rates, several seeds, ranks.

Studies (all in this module, because the last one, ``results``, aggregates the
others and a study's cache key is the source of its module):

* ``data-logreg``  the seed notebook's experiment redone: logistic regression on
  breast-cancer data, one shared lr for every optimizer against each one's tuned lr;
* ``data-mlp``     a 64-32-10 ReLU network on 8×8 digits, default against tuned lr;
* ``data-sparse``  logistic regression on rare binary features (the AdaGrad claim);
* ``noise-2d``     the 2-D problems with Gaussian gradient noise, lr re-tuned under noise;
* ``results``      the rank of every optimizer on every problem, and the verdicts
  of "which optimizer should I try first?", computed from those ranks.

Protocol (the one of ``scripts/experiments.py``, applied to minibatch training):
the lr grid is tried as one batch on the tuning seed; the tuned lr has the lowest
mean minibatch loss over the last 10 % of steps (diverged = +inf, ties → smaller
lr); then the tuned lr (and any other lr of interest) is rerun on ``SEEDS``,
which are never used for tuning. Test accuracy plays no part in choosing the lr.
Spreads are the interquartile range over the seeds (for 5 seeds: 2nd and 4th value).
"""

from __future__ import annotations

import contextlib
import functools

import numpy as np

from optimizers import GROUPS, OPTIMIZERS, PLANAR, PROBLEMS, run
from optimizers.problems import datasets as D

from .experiments import SWEEP, SweepConfig, can_extend, decade_beyond, edge_of, objective, summaries
from .figures import _figure, _png, look, short_title, words
from .fmt import fmt_num, fmt_tex, shown, shown_gap
from .korean import by_count, fill
from .studies import Study, register
from .text import opt_label, problem_title

TUNE_SEED = 0
SEEDS = (1, 2, 3, 4, 5)
NAMES = list(GROUPS["classic"])   # the data sets run the classics (the modern rules have their own studies)


# -- shared helpers ------------------------------------------------------------------------------

def single_threaded(compute):
    """Run a study with one BLAS thread: its matrices are small, and on a shared 2-core machine
    OpenBLAS's threads cost several times more than they save (measured: 1348×64 by 64×352
    product 1.9 ms on one thread, 9–30 ms threaded under load). Results are the same."""
    @functools.wraps(compute)
    def wrapper():
        try:
            from threadpoolctl import threadpool_limits      # installed with scikit-learn
        except ImportError:
            limits = contextlib.nullcontext()
        else:
            limits = threadpool_limits(1)
        with limits:
            return compute()
    return wrapper


def quartiles(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """(25 %, 50 %, 75 %) along ``axis``; 'nearest' never mixes inf into NaN."""
    return np.percentile(x, [25, 50, 75], axis=axis, method="nearest")


def cell(q, digits_as_pct: bool = False, lang: str = "en") -> str:
    """'median (q25–q75)' for a table; inf (a diverged run) reads 'div.' ('발산' on a Korean page)."""
    div = "발산" if lang == "ko" else "div."

    def f(v):
        if not np.isfinite(v):
            return div
        return f"{100 * v:.1f}" if digits_as_pct else fmt_num(float(v))
    lo, med, hi = q
    if not np.isfinite(lo):
        return div
    return f"{f(med)} ({f(lo)}–{f(hi)})"


def ranks(score: dict) -> dict[str, int]:
    """1 = lowest score; equal scores share a rank (1, 2, 2, 4). Scores may be tuples (tie-breaks)."""
    return {n: 1 + sum(bool(score[m] < score[n]) for m in score) for n in score}


def plain(x):
    """NumPy scalars and arrays → Python numbers and lists, so a result is plain JSON."""
    if isinstance(x, dict):
        return {str(k): plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple, np.ndarray)):
        return [plain(v) for v in x]
    if isinstance(x, np.bool_):
        return bool(x)
    if isinstance(x, np.integer):
        return int(x)
    if isinstance(x, np.floating):
        return float(x)
    return x


def md_table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def opt_link(name: str, lang: str = "en") -> str:
    return f"[{opt_label(name, lang)}](../optimizers/{name.lower()}.md)"


def grow_until_interior(try_values, grid, *, floor_exp: int, ceiling_exp: int, per_decade: int | None = None):
    """No tuning into a wall: try ``grid``, and while the best value is an end of it, try the next decade
    on that side (one more batch), up to 10^floor_exp … 10^ceiling_exp.

    ``try_values(values)`` returns a dict of arrays whose *last* axis runs over ``values``, with the
    tuning score (lower is better) under ``"score"``. Returns ``(grid, results, index, edge)``: the grown
    grid, the results concatenated along the last axis, the index of the best value (first minimum =
    smaller value on ties) and ``edge``, "low"/"high" when the best value still sits on an end because
    the limit was reached (the page must then say so), else "".
    """
    grid = np.asarray(grid, dtype=float)
    if per_decade is None:
        per_decade = int(round(1 / np.log10(grid[1] / grid[0])))
    limits = SweepConfig(lr_floor_exp=floor_exp, lr_ceiling_exp=ceiling_exp)
    results = {k: np.asarray(v) for k, v in try_values(grid).items()}
    while True:
        best = int(np.argmin(results["score"]))
        side = edge_of(best, len(grid))
        if not side or not can_extend(grid, side, limits):
            return grid, results, best, side
        more = decade_beyond(grid, side, per_decade)
        extra = try_values(more)
        low = side == "low"
        results = {k: np.concatenate([extra[k], v] if low else [v, extra[k]], axis=-1) for k, v in results.items()}
        grid = np.concatenate([more, grid] if low else [grid, more])


class Unmeasured:
    """``model`` for ``D.train`` without its measurements: train measures the whole training set's loss and the
    test accuracy before the first epoch and after every epoch, and with small minibatches that costs as much
    as a third of the run. A run that needs none of them (a tuning sweep scores the minibatch losses) or only
    the last (see :func:`final_measures`) skips them; they read 0 in the history. The updates are the model's."""

    def __init__(self, model):
        self.model = model

    def loss_grad(self, params, X, y):
        return self.model.loss_grad(params, X, y)

    def loss(self, params, X, y):
        return np.zeros(len(next(iter(params.values()))))

    accuracy = loss


def final_measures(model, params: dict, data) -> tuple[np.ndarray, np.ndarray]:
    """The whole training set's loss (+inf where not finite) and the test accuracy of ``params`` after training:
    the same numbers as the last row of ``D.train``'s ``train_loss`` and ``test_accuracy`` (train leaves a
    diverged run at the parameters it measured)."""
    with np.errstate(all="ignore"):
        loss = model.loss(params, data.X_train, data.y_train)
        acc = model.accuracy(params, data.X_test, data.y_test)
    return np.where(np.isfinite(loss), loss, np.inf), acc


def first_given(first: dict, rest):
    """A ``try_values`` for :func:`grow_until_interior` whose first call (the base grid) is already computed."""
    pending = [first]

    def try_values(values):
        if pending:
            return pending.pop()
        return rest(values)
    return try_values


def tune_then_seeds(model, data, name: str, grid: np.ndarray, *, epochs: int, batch_size: int,
                    extra_lrs=(), init=None, curves: bool = True, seeds=SEEDS) -> dict:
    """The protocol: the grid as one batch on TUNE_SEED (grown a decade at a time while the best lr is an
    end of it, see :func:`grow_until_interior`), then (extra lrs + tuned lr) × ``seeds`` as one batch.

    ``edge`` is "low"/"high" when the tuned lr is still on an end of the grid at the sweep's limits
    (``SWEEP.lr_floor_exp`` … ``SWEEP.lr_ceiling_exp``): every page that shows it must say so.
    ``params`` are the evaluation runs' final parameters, (n_lrs · S, …), run j·S + s at lrs[j], seeds[s].
    Without ``curves`` the evaluation runs are measured only at the end (no ``curve_loss``, ``curve_acc``).
    """
    cls = OPTIMIZERS[name]
    init = init or (lambda seeds: model.init(seeds))

    def try_lrs(lrs):
        G = len(lrs)
        params = init([TUNE_SEED] * G)
        # only the final measures count for a sweep: measured once, not after every epoch
        h = D.train(Unmeasured(model), cls(lr=lrs), params, data, epochs=epochs, batch_size=batch_size,
                    seeds=[TUNE_SEED] * G)
        final_loss, test_acc = final_measures(model, params, data)
        return {"score": h.objective(SWEEP.tail), "final_loss": np.where(h.diverged, np.inf, final_loss),
                "test_acc": test_acc, "steps_per_epoch": np.full(G, h.steps_per_epoch)}

    grid, sweep, tuned, edge = grow_until_interior(try_lrs, grid, floor_exp=SWEEP.lr_floor_exp,
                                                   ceiling_exp=SWEEP.lr_ceiling_exp)
    lrs = list(extra_lrs) + [float(grid[tuned])]
    S = len(seeds)
    lr_k = np.repeat(lrs, S)
    seeds_k = list(seeds) * len(lrs)
    params = init(seeds_k)
    ev = D.train(model if curves else Unmeasured(model), cls(lr=lr_k), params, data, epochs=epochs,
                 batch_size=batch_size, seeds=seeds_k)
    last_loss, last_acc = (ev.train_loss[-1], ev.test_accuracy[-1]) if curves else final_measures(model, params, data)
    div = ev.diverged.reshape(len(lrs), S)
    final_loss = np.where(div, np.inf, last_loss.reshape(len(lrs), S))
    curve = {"curve_loss": ev.train_loss.reshape(-1, len(lrs), S),       # (epochs + 1, n_lrs, S)
             "curve_acc": ev.test_accuracy.reshape(-1, len(lrs), S)} if curves else {}
    return {
        "grid": grid, "score": sweep["score"], "tuned_index": tuned, "tuned_lr": float(grid[tuned]),
        "edge": edge,
        "sweep_final_loss": sweep["final_loss"],
        "sweep_test_acc": sweep["test_acc"],
        "lrs": lrs,
        "final_loss": final_loss,                                   # (n_lrs, S)
        "test_acc": last_acc.reshape(len(lrs), S),                  # (n_lrs, S)
        "diverged": div,
        **curve,
        "steps_per_epoch": int(sweep["steps_per_epoch"][0]),
        "params": params,
    }


def tuning_record(r: dict) -> dict:
    """What a page (and the wall test) needs to know about one tuning: its grid, the pick, the flag."""
    grid = np.asarray(r["grid"])
    return {"lo": float(grid[0]), "hi": float(grid[-1]), "n": len(grid), "index": int(r["tuned_index"]),
            "value": float(grid[r["tuned_index"]]), "edge": r["edge"]}


def edge_notes(tuning: dict[str, dict]) -> dict[str, str]:
    """The sentence a page shows when some tuned lr is still on an end of its grid at the limits; else ""."""
    walled = [(n, t) for n, t in tuning.items() if t["edge"]]
    if not walled:
        return {"edge_note_ko": "", "edge_note_en": ""}
    ko = ", ".join(f"{n}(학습률 {fmt_num(t['value'])})" for n, t in walled)
    en = ", ".join(f"{n} (lr {fmt_num(t['value'])})" for n, t in walled)
    return {
        "edge_note_ko": (f"주의: {ko}의 튜닝한 학습률은 격자를 {fmt_num(10.0 ** SWEEP.lr_floor_exp)} … "
                         f"{fmt_num(10.0 ** SWEEP.lr_ceiling_exp)}까지 넓혀도 격자의 끝에 있습니다. 더 좋은 값이 격자 "
                         "밖에 있을 수 있으므로, 이 옵티마이저의 비교는 공정하다고 단정할 수 없습니다. 표에서 † 표시가 "
                         "붙은 값입니다."),
        "edge_note_en": (f"Caution: the tuned lr of {en} is still an end of the grid after growing it to "
                         f"{fmt_num(10.0 ** SWEEP.lr_floor_exp)} … {fmt_num(10.0 ** SWEEP.lr_ceiling_exp)}. A better "
                         "value may lie outside the grid, so the comparison cannot be called fair for it. Such values "
                         "are marked † in the tables."),
    }


def lr_cell(r: dict) -> str:
    """A tuned lr in a table; † when it is still on an end of its grid (see :func:`edge_notes`)."""
    return fmt_num(r["tuned_lr"]) + (" †" if r["edge"] else "")


def _tuned_per_seed(opt: dict) -> dict:
    """Per optimizer: the tuning record (grid, pick, wall flag), and the tuned lr's test accuracy and final
    training loss on each of SEEDS; plus the page's note when a tuned lr is still on a grid end."""
    tuning = {n: tuning_record(r) for n, r in opt.items()}
    return {"tuning": tuning, **edge_notes(tuning),
            "lr_floor_exp": SWEEP.lr_floor_exp, "lr_ceiling_exp": SWEEP.lr_ceiling_exp,
            "tuned_test_acc": {n: r["test_acc"][-1].tolist() for n, r in opt.items()},
            "tuned_final_loss": {n: r["final_loss"][-1].tolist() for n, r in opt.items()}}


def _finite_or(x, fill):
    x = np.asarray(x, dtype=float)
    return np.where(np.isfinite(x), x, fill)


def _band(ax, x, curves, lk, label, style):
    """Median line with an interquartile band; curves (len(x), S)."""
    lo, med, hi = quartiles(curves, axis=1)
    ax.fill_between(x, lo, hi, color=lk["color"], alpha=0.18, linewidth=0)
    ax.plot(x, med, color=lk["color"], linestyle=lk["linestyle"], marker=lk["marker"],
            markevery=max(1, len(x) // 8), markersize=4, linewidth=1.4, label=label)


def _sweep_panel(ax, result, key, style, lang, ylabel, log=True, marks=()):
    for name in NAMES:
        r = result["opt"][name]
        lk = look(name, style)
        y = np.asarray(r[key], dtype=float)
        ok = np.isfinite(y)
        grid = np.asarray(r["grid"])
        ax.plot(grid[ok], y[ok], color=lk["color"], linestyle=lk["linestyle"], marker=lk["marker"],
                markersize=3, linewidth=1.2, label=opt_label(name, lang))
        i = r["tuned_index"]
        if ok[i]:
            ax.plot(grid[i], y[i], marker=lk["marker"], markersize=10, markerfacecolor="none",
                    markeredgewidth=1.8, color=lk["color"], linestyle="none")
    for lr in marks:
        ax.axvline(lr, color=style.foreground, linewidth=0.8, linestyle=":", alpha=0.7)
    ax.set_xscale("log")
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(words(lang)["lr_axis"])
    ax.set_ylabel(ylabel)
    ax.grid(True, which="major", alpha=0.5)


# -- logistic regression: the seed's experiment redone ------------------------------------------

LOGREG = dict(epochs=20, batch_size=32, init_std=0.01)
SHARED_LRS = (1e-3, 1e-2, 1e-1, 1.0)


@single_threaded
def compute_logreg() -> dict:
    data = D.load("breast_cancer")
    model = D.LogisticRegression(data.n_features)
    init = lambda seeds: model.init(seeds, std=LOGREG["init_std"])    # noqa: E731
    opt = {}
    for name in NAMES:
        r = tune_then_seeds(model, data, name, SWEEP.lrs, epochs=LOGREG["epochs"],
                            batch_size=LOGREG["batch_size"], extra_lrs=SHARED_LRS, init=init, curves=False)
        opt[name] = r
    # scores per column: shared lrs, then tuned (last row of each)
    columns = [fmt_num(lr) for lr in SHARED_LRS]
    acc_q = {n: [quartiles(opt[n]["test_acc"][j]) for j in range(len(SHARED_LRS) + 1)] for n in NAMES}
    loss_q = {n: [quartiles(opt[n]["final_loss"][j]) for j in range(len(SHARED_LRS) + 1)] for n in NAMES}
    # rank by median test accuracy (higher is better), ties broken by median final loss
    col_ranks, winners = [], []
    for j in range(len(SHARED_LRS) + 1):
        key = {n: (-acc_q[n][j][1], loss_q[n][j][1]) for n in NAMES}
        order = sorted(NAMES, key=lambda n: key[n])
        col_ranks.append(ranks(key))
        winners.append(order[0])
    spread_shared = [float(max(acc_q[n][j][1] for n in NAMES) - min(acc_q[n][j][1] for n in NAMES))
                     for j in range(len(SHARED_LRS))]
    spread_tuned = float(max(acc_q[n][-1][1] for n in NAMES) - min(acc_q[n][-1][1] for n in NAMES))

    def tables(lang):
        ko = lang == "ko"
        head = ["옵티마이저" if ko else "Optimizer"]
        head += [f"공통 학습률 {c}" if ko else f"shared lr = {c}" for c in columns]
        head += ["튜닝한 학습률" if ko else "tuned lr"]
        acc_rows, loss_rows = [], []
        for n in NAMES:
            acc_rows.append([opt_link(n, lang)] + [f"{cell(acc_q[n][j], True, lang)} **{col_ranks[j][n]}**"
                                             for j in range(len(SHARED_LRS))]
                            + [lr_cell(opt[n]), f"{cell(acc_q[n][-1], True, lang)} **{col_ranks[-1][n]}**"])
            loss_rows.append([opt_link(n, lang)] + [cell(loss_q[n][j], lang=lang) for j in range(len(SHARED_LRS))]
                             + [lr_cell(opt[n]), cell(loss_q[n][-1], lang=lang)])
        return (md_table(head + ["튜닝 후 정확도" if ko else "accuracy, tuned"], acc_rows),
                md_table(head + ["튜닝 후 최종 손실" if ko else "final loss, tuned"], loss_rows))

    out = {
        "epochs": LOGREG["epochs"], "batch_size": LOGREG["batch_size"], "init_std": LOGREG["init_std"],
        "n_train": len(data.y_train), "n_test": len(data.y_test), "n_features": data.n_features,
        "n_seeds": len(SEEDS), "seeds": ", ".join(map(str, SEEDS)), "tune_seed": TUNE_SEED,
        "n_grid": len(SWEEP.lrs), "shared_lrs": ", ".join(columns),
        "steps": LOGREG["epochs"] * opt[NAMES[0]]["steps_per_epoch"],
        "spread_tuned_pct": 100 * spread_tuned,
        "spread_shared_max_pct": 100 * max(spread_shared),
        "spread_shared_min_pct": 100 * min(spread_shared),
        "n_distinct_winners": len(set(winners[:-1])), "n_shared_lrs": len(SHARED_LRS),
        "winners_ko": (f"공통 학습률 {len(SHARED_LRS)}개마다 1위가 모두 달랐습니다."
                       if len(set(winners[:-1])) == len(SHARED_LRS) else
                       f"공통 학습률 {len(SHARED_LRS)}개에서 1위는 {len(set(winners[:-1]))}가지였습니다."),
        "nag_momentum_max_diff_pct": 100 * max(abs(acc_q["NAG"][j][1] - acc_q["Momentum"][j][1])
                                               for j in range(len(SHARED_LRS))),
        "tuned_winner": winners[-1],
        "opt": {n: {"grid": opt[n]["grid"].tolist(), "tuned_index": opt[n]["tuned_index"],
                    "sweep_final_loss": _finite_or(opt[n]["sweep_final_loss"], np.inf).tolist(),
                    "sweep_test_acc": opt[n]["sweep_test_acc"].tolist()} for n in NAMES},
    }
    for j, lr in enumerate(columns):
        out[f"winner_shared_{j}"] = winners[j]
        out[f"shared_lr_{j}"] = SHARED_LRS[j]
        out[f"spread_shared_{j}_pct"] = 100 * spread_shared[j]
    for n in NAMES:
        out[f"{n}.tuned_lr"] = opt[n]["tuned_lr"]
        out[f"{n}.tuned_acc_pct"] = 100 * float(acc_q[n][-1][1])
        out[f"{n}.rank_tuned"] = col_ranks[-1][n]
        for j in range(len(SHARED_LRS)):
            out[f"{n}.rank_shared_{j}"] = col_ranks[j][n]
            out[f"{n}.acc_shared_{j}_pct"] = 100 * float(acc_q[n][j][1])
    out["rank_tuned_json"] = {n: col_ranks[-1][n] for n in NAMES}
    out["final_loss_median"] = {n: float(loss_q[n][-1][1]) for n in NAMES}
    out.update(_tuned_per_seed(opt))
    for lang in ("ko", "en"):
        out[f"table_acc_{lang}"], out[f"table_loss_{lang}"] = tables(lang)
    # how far each optimizer's best lr lies from the others: the reason one shared lr misleads
    tuned = np.array([opt[n]["tuned_lr"] for n in NAMES])
    out["one_sample_pct"] = 100 / len(data.y_test)
    out["spread_tuned_samples"] = int(round(spread_tuned * len(data.y_test)))
    out["momentum_gain"] = 1 / (1 - OPTIMIZERS["Momentum"]().momentum)
    out["tuned_lr_min"], out["tuned_lr_max"] = float(tuned.min()), float(tuned.max())
    out["tuned_lr_ratio"] = float(tuned.max() / tuned.min())
    out["tuned_lr_min_name"] = NAMES[int(tuned.argmin())]
    out["tuned_lr_max_name"] = NAMES[int(tuned.argmax())]
    return plain(out)


def figure_logreg(result: dict, style, lang: str) -> bytes:
    w = words(lang)
    fig, axes, rc = _figure(style, size=(11.0, 4.0), ncols=2, lang=lang)
    import matplotlib.pyplot as plt
    with plt.rc_context(rc):
        marks = [float(x) for x in result["shared_lrs"].split(", ")]
        _sweep_panel(axes[0], result, "sweep_final_loss", style, lang, w["final_train_loss_axis"], marks=marks)
        _sweep_panel(axes[1], result, "sweep_test_acc", style, lang, w["test_acc_axis"], log=False, marks=marks)
        axes[1].set_ylim(0.5, 1.0)
        axes[1].legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, borderaxespad=0)
        fig.tight_layout()
        return _png(fig)


register(Study(
    name="data-logreg",
    compute=compute_logreg,
    figure=figure_logreg,
    alt={"ko": "유방암 데이터 로지스틱 회귀에서 학습률에 따른 최종 학습 손실(왼쪽)과 테스트 정확도(오른쪽). "
               "옵티마이저마다 곡선이 좌우로 밀려 있어서, 학습률 하나를 정해 놓고 비교하면 그 학습률이 무엇이냐에 "
               "따라 순위가 바뀝니다.",
         "en": "Final training loss (left) and test accuracy (right) against learning rate, logistic regression "
               "on breast-cancer data. The curves are shifted sideways, so a ranking at one shared lr depends "
               "on which lr was shared."},
    caption={"ko": "학습률 격자 {n_grid}개를 옵티마이저마다 한꺼번에, 튜닝용 시드 {tune_seed} 하나로 실행. "
                   "미니배치 {batch_size}, {epochs} 에폭({steps}스텝), 가중치 초깃값 N(0, {init_std}²). "
                   "큰 빈 표시는 튜닝한 학습률, 점선은 공통 학습률 {shared_lrs}. 나머지 하이퍼파라미터는 torch 기본값.",
             "en": "{n_grid} learning rates, one batch per optimizer, on the tuning seed {tune_seed}. Minibatch "
                   "{batch_size}, {epochs} epochs ({steps} steps), weights initialised N(0, {init_std}²). Large "
                   "open marker: tuned lr; dotted lines: the shared lrs {shared_lrs}. Other hyperparameters at "
                   "torch's defaults."},
))


# -- MLP on digits ---------------------------------------------------------------------------------

MLP_SETTINGS = dict(sizes=(64, 32, 10), activation="relu", init="He", epochs=6, batch_size=32)
MLP_GRID = np.logspace(-4, 1, 11)


@single_threaded
def compute_mlp() -> dict:
    data = D.load("digits")
    s = MLP_SETTINGS
    model = D.MLP(s["sizes"], s["activation"])
    init = lambda seeds: model.init(seeds, scheme=s["init"])   # noqa: E731
    opt = {}
    for name in NAMES:
        default_lr = OPTIMIZERS[name]().lr
        opt[name] = tune_then_seeds(model, data, name, MLP_GRID, epochs=s["epochs"],
                                    batch_size=s["batch_size"], extra_lrs=(default_lr,), init=init)
    loss_q = {n: quartiles(opt[n]["final_loss"][-1]) for n in NAMES}
    acc_q = {n: quartiles(opt[n]["test_acc"][-1]) for n in NAMES}
    dacc_q = {n: quartiles(opt[n]["test_acc"][0]) for n in NAMES}
    loss_rank = ranks({n: shown(float(loss_q[n][1])) for n in NAMES})
    acc_key = {n: (-acc_q[n][1], loss_q[n][1]) for n in NAMES}
    acc_rank = ranks(acc_key)

    def table(lang):
        ko = lang == "ko"
        head = (["옵티마이저", "기본 학습률", "기본 학습률에서 테스트 정확도 (%)", "튜닝한 학습률", "최종 학습 손실", "테스트 정확도 (%)",
                 "순위 (손실)"] if ko else
                ["Optimizer", "Default lr", "Test accuracy at default lr (%)", "Tuned lr", "Final training loss",
                 "Test accuracy (%)", "Rank (loss)"])
        rows = [[opt_link(n, lang), fmt_num(opt[n]["lrs"][0]), cell(dacc_q[n], True, lang), lr_cell(opt[n]),
                 cell(loss_q[n], lang=lang), cell(acc_q[n], True, lang), str(loss_rank[n])] for n in NAMES]
        return md_table(head, rows)

    best = min(NAMES, key=lambda n: loss_rank[n])
    best_acc = min(NAMES, key=lambda n: acc_rank[n])
    med_acc = np.array([acc_q[n][1] for n in NAMES])
    d_acc = np.array([dacc_q[n][1] for n in NAMES])
    out = {
        **{k: (", ".join(map(str, v)) if isinstance(v, tuple) else v) for k, v in s.items()},
        "sizes": "-".join(map(str, s["sizes"])),
        "n_train": len(data.y_train), "n_test": len(data.y_test),
        "steps": s["epochs"] * opt[NAMES[0]]["steps_per_epoch"],
        "n_grid": len(MLP_GRID), "grid_lo": float(MLP_GRID[0]), "grid_hi": float(MLP_GRID[-1]),
        "n_seeds": len(SEEDS), "seeds": ", ".join(map(str, SEEDS)), "tune_seed": TUNE_SEED,
        "best_loss": best, "best_acc": best_acc,
        "acc_spread_pct": 100 * float(med_acc.max() - med_acc.min()),
        "acc_min_pct": 100 * float(med_acc.min()), "acc_max_pct": 100 * float(med_acc.max()),
        "default_acc_min_pct": 100 * float(d_acc.min()), "default_acc_max_pct": 100 * float(d_acc.max()),
        "default_worst": NAMES[int(d_acc.argmin())], "default_best": NAMES[int(d_acc.argmax())],
        "table_ko": table("ko"), "table_en": table("en"),
        "loss_vs_acc_ko": (fill("학습 손실은 {best:이/가} 가장 낮았고, 테스트 정확도는 {acc:이/가} 가장 높았습니다. "
                                "두 순위는 이렇게 다를 수 있습니다. 옵티마이저는 학습 손실을 줄이는 도구이고, 일반화는 "
                                "또 다른 문제입니다.", "ko", best=best, acc=best_acc) if best != best_acc else
                           fill("학습 손실과 테스트 정확도 모두 {best:이/가} 가장 좋았습니다. 다만 표의 사분위 범위가 "
                                "겹치는지 함께 보세요.", "ko", best=best)),
        "loss_vs_acc_en": (f"The lowest training loss belongs to {best}, the highest test accuracy to {best_acc}. The two "
                           "rankings can differ: an optimizer reduces the training loss; generalisation is another "
                           "matter." if best != best_acc else
                           f"{best} was best on both training loss and test accuracy; check whether the interquartile "
                           "ranges in the table overlap."),
        "rank_tuned_json": loss_rank,
        "final_loss_median": {n: float(loss_q[n][1]) for n in NAMES},
        **_tuned_per_seed(opt),
        "curves": {n: {"loss": _finite_or(opt[n]["curve_loss"][:, -1], np.nan).tolist(),
                       "acc": opt[n]["curve_acc"][:, -1].tolist(),
                       "diverged": bool(opt[n]["diverged"][-1].any())} for n in NAMES},
    }
    for n in NAMES:
        out[f"{n}.tuned_lr"] = opt[n]["tuned_lr"]
        out[f"{n}.acc_pct"] = 100 * float(acc_q[n][1])
        out[f"{n}.default_acc_pct"] = 100 * float(dacc_q[n][1])
        out[f"{n}.rank"] = loss_rank[n]
    return plain(out)


def _curve_figure(result: dict, style, lang: str, ylabel_loss: str) -> bytes:
    w = words(lang)
    fig, axes, rc = _figure(style, size=(11.0, 4.0), ncols=2, lang=lang)
    import matplotlib.pyplot as plt
    with plt.rc_context(rc):
        for name in NAMES:
            c = result["curves"][name]
            lk = look(name, style)
            loss = np.asarray(c["loss"], dtype=float)
            x = np.arange(loss.shape[0])
            if np.isfinite(loss).all():
                _band(axes[0], x, loss, lk, opt_label(name, lang), style)
            _band(axes[1], x, np.asarray(c["acc"]), lk, opt_label(name, lang), style)
        axes[0].set_yscale("log")
        axes[0].set_ylabel(w[ylabel_loss])
        axes[1].set_ylabel(w["test_acc_axis"])
        for ax in axes:
            ax.set_xlabel(w["epoch_axis"])
            ax.grid(True, alpha=0.5)
        axes[1].legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, borderaxespad=0)
        fig.tight_layout()
        return _png(fig)


def figure_mlp(result: dict, style, lang: str) -> bytes:
    return _curve_figure(result, style, lang, "train_loss_ce")


register(Study(
    name="data-mlp",
    compute=compute_mlp,
    figure=figure_mlp,
    alt={"ko": "숫자 데이터로 학습한 다층 퍼셉트론의 에폭별 학습 손실과 테스트 정확도. 옵티마이저마다 튜닝한 "
               "학습률을 썼고, 선은 시드 {n_seeds}개의 중앙값, 띠는 사분위 범위입니다.",
         "en": "Training loss and test accuracy per epoch of an MLP on digits, each optimizer at its tuned lr. "
               "Line: median of {n_seeds} seeds; band: interquartile range."},
    caption={"ko": "MLP {sizes} (ReLU, He 초기화), 미니배치 {batch_size}, {epochs} 에폭({steps}스텝). 학습률은 "
                   "\\(10^{{-4}}\\) … \\(10^{{1}}\\) 사이 {n_grid}개를 시드 {tune_seed}에서 한꺼번에 실행해 "
                   "튜닝하고, 그 학습률로 시드 {seeds}에서 다시 돌렸습니다. 선: 중앙값, 띠: 사분위 범위(25–75%). "
                   "나머지 하이퍼파라미터는 torch 기본값.",
             "en": "MLP {sizes} (ReLU, He initialisation), minibatch {batch_size}, {epochs} epochs ({steps} steps). "
                   "The lr was tuned over {n_grid} values from \\(10^{{-4}}\\) to \\(10^{{1}}\\) on seed {tune_seed} "
                   "(one batch), then rerun on seeds {seeds}. Line: median; band: interquartile range (25–75 %). "
                   "Other hyperparameters at torch's defaults."},
))


# -- sparse features: the AdaGrad claim ---------------------------------------------------------------

SPARSE = dict(epochs=10, batch_size=64, init_std=0.01)


@single_threaded
def compute_sparse() -> dict:
    data = D.load("sparse")
    model = D.LogisticRegression(data.n_features)
    init = lambda seeds: model.init(seeds, std=SPARSE["init_std"])   # noqa: E731
    opt = {n: tune_then_seeds(model, data, n, SWEEP.lrs, epochs=SPARSE["epochs"], batch_size=SPARSE["batch_size"],
                              init=init) for n in NAMES}
    loss_q = {n: quartiles(opt[n]["final_loss"][-1]) for n in NAMES}
    acc_q = {n: quartiles(opt[n]["test_acc"][-1]) for n in NAMES}
    rank = ranks({n: shown(float(loss_q[n][1])) for n in NAMES})
    _, _, p = D.make_sparse()
    freq = (data.X_train != 0).mean(axis=0)

    def table(lang):
        ko = lang == "ko"
        head = (["옵티마이저", "튜닝한 학습률", "최종 학습 손실", "테스트 정확도 (%)", "순위 (손실)"] if ko else
                ["Optimizer", "Tuned lr", "Final training loss", "Test accuracy (%)", "Rank (loss)"])
        return md_table(head, [[opt_link(n, lang), lr_cell(opt[n]), cell(loss_q[n], lang=lang), cell(acc_q[n], True, lang),
                                str(rank[n])] for n in NAMES])

    sgd, ada = float(loss_q["SGD"][1]), float(loss_q["AdaGrad"][1])
    from .studies import study_result                     # the dense logistic regression, from the cache
    dense = ranks({n: shown(v) for n, v in study_result("data-logreg")["final_loss_median"].items()})
    # per-coordinate step sizes: every optimizer that keeps a sum or average of squared gradients
    adaptive = [n for n in NAMES if {"sum", "square_avg", "exp_avg_sq"} & set(OPTIMIZERS[n].state_names)]
    ad_sparse = float(np.mean([rank[n] for n in adaptive]))
    ad_dense = float(np.mean([dense[n] for n in adaptive]))
    acc_med = np.array([acc_q[n][1] for n in NAMES])
    out = {
        **SPARSE, "n_train": len(data.y_train), "n_test": len(data.y_test), "n_features": data.n_features,
        "p_max": float(p.max()), "p_min": float(p.min()),
        "nonzero_pct": 100 * float((data.X_train != 0).mean()),
        "rare_features": int((freq < 0.02).sum()),            # rare: non-zero in < 2 % of rows
        "steps": SPARSE["epochs"] * opt[NAMES[0]]["steps_per_epoch"],
        "n_grid": len(SWEEP.lrs), "n_seeds": len(SEEDS), "seeds": ", ".join(map(str, SEEDS)),
        "tune_seed": TUNE_SEED,
        "adagrad_rank": rank["AdaGrad"], "n_optimizers": len(NAMES),
        "best": min(NAMES, key=lambda n: (rank[n], NAMES.index(n))),
        "adagrad_vs_sgd_pct": 100 * (sgd - ada) / sgd,
        "adagrad_dense_rank": dense["AdaGrad"],
        "adaptive": ", ".join(adaptive), "adaptive_rank_sparse": ad_sparse, "adaptive_rank_dense": ad_dense,
        "acc_spread_pct": 100 * float(acc_med.max() - acc_med.min()),
        "rare_threshold_pct": 2,
        "adaptive_verdict_ko": ("좌표마다 보폭을 따로 정하는 방법들은 밀집 특성보다 희소 특성에서 앞쪽에 섭니다."
                                if ad_sparse < ad_dense else
                                "좌표마다 보폭을 따로 정하는 방법들이 희소 특성에서 더 앞서지는 않았습니다."),
        "adaptive_verdict_en": ("The per-coordinate methods rank higher on sparse features than on dense ones."
                                if ad_sparse < ad_dense else
                                "The per-coordinate methods do not rank higher on sparse features than on dense ones."),
        **_adagrad_sparse_verdict(rank["AdaGrad"], dense["AdaGrad"], ada < sgd, len(NAMES)),
        "table_ko": table("ko"), "table_en": table("en"),
        "rank_tuned_json": rank,
        "final_loss_median": {n: float(loss_q[n][1]) for n in NAMES},
        **_tuned_per_seed(opt),
        "curves": {n: {"loss": _finite_or(opt[n]["curve_loss"][:, -1], np.nan).tolist(),
                       "acc": opt[n]["curve_acc"][:, -1].tolist()} for n in NAMES},
    }
    return plain(out)


def _adagrad_sparse_verdict(sparse_rank: int, dense_rank: int, beats_sgd: bool, n: int) -> dict:
    """The verdict on "AdaGrad is strong on sparse data", from its ranks on sparse and dense features."""
    if sparse_rank < dense_rank and beats_sgd:
        word = {"ko": "확인됨", "en": "confirmed"}
    elif sparse_rank <= dense_rank or beats_sgd:
        word = {"ko": "조건에 따라 다름", "en": "depends"}
    else:
        word = {"ko": "이번 실험에선 확인 안 됨", "en": "not confirmed in our runs"}
    return {
        "adagrad_verdict_word_ko": word["ko"], "adagrad_verdict_word_en": word["en"],
        "adagrad_verdict_ko": (f"{word['ko']}. AdaGrad는 옵티마이저 {n}개 중 희소 특성에서 {sparse_rank}위, "
                               f"밀집 특성(유방암 데이터)에서 {dense_rank}위였고, 최종 손실은 SGD보다 "
                               f"{'낮았습니다' if beats_sgd else '높았습니다'}."),
        "adagrad_verdict_en": (f"{word['en']}: rank {sparse_rank} of {n} on sparse features, {dense_rank} on dense "
                               f"ones (breast cancer); final loss {'below' if beats_sgd else 'above'} SGD's"),
    }


def figure_sparse(result: dict, style, lang: str) -> bytes:
    return _curve_figure(result, style, lang, "train_loss_bce")


register(Study(
    name="data-sparse",
    compute=compute_sparse,
    figure=figure_sparse,
    alt={"ko": "희소한 이진 특성으로 학습한 로지스틱 회귀의 에폭별 학습 손실과 테스트 정확도. 손실 기준으로 "
               "AdaGrad는 {n_optimizers}개 중 {adagrad_rank}위입니다.",
         "en": "Training loss and test accuracy per epoch of logistic regression on sparse binary features. "
               "AdaGrad ranks {adagrad_rank} of {n_optimizers} by loss."},
    caption={"ko": "합성 데이터: 특성 {n_features}개, 특성마다 0이 아닐 확률이 {p_max}에서 {p_min}까지 로그 간격 "
                   "(0이 아닌 칸 {nonzero_pct}%). 미니배치 {batch_size}, {epochs} 에폭({steps}스텝), 학습률 "
                   "{n_grid}개를 시드 {tune_seed}에서 튜닝한 뒤 시드 {seeds}에서 다시 실행. 선: 중앙값, 띠: 사분위 범위.",
             "en": "Synthetic data: {n_features} features, feature j non-zero with probability log-spaced from "
                   "{p_max} to {p_min} ({nonzero_pct}% of entries non-zero). Minibatch {batch_size}, {epochs} "
                   "epochs ({steps} steps); lr tuned over {n_grid} values on seed {tune_seed}, rerun on seeds "
                   "{seeds}. Line: median; band: interquartile range."},
))


# -- the 2-D problems with gradient noise ---------------------------------------------------------------

NOISE = dict(sigma=1.0, repeats=5, seed="0–4", points=120)


@single_threaded
def compute_noise() -> dict:
    """Every optimizer × problem: the lr grid × ``repeats`` noisy runs in one batch, lr re-tuned under noise."""
    lrs, R = SWEEP.lrs, NOISE["repeats"]
    problems, all_ranks, clean_ranks = {}, {}, {}
    for p, prob in PROBLEMS.items():
        steps = prob.steps
        idx = np.unique(np.round(np.geomspace(1, steps + 1, NOISE["points"])).astype(int) - 1)
        per = {}
        for name, cls in ((n, OPTIMIZERS[n]) for n in NAMES):
            # seeds 0 … R−1 for every lr: each lr meets the same R noise sequences
            h = run(cls(lr=np.repeat(lrs, R)), prob, noise=NOISE["sigma"], seed=np.tile(np.arange(R), len(lrs)))
            score = objective(h).reshape(len(lrs), R)          # (lr, repeat)
            med = quartiles(score, axis=1)[1]
            t = int(np.argmin(med))
            gap = h.gap.reshape(steps + 1, len(lrs), R)[:, t]   # (steps + 1, R)
            div = h.diverged.reshape(len(lrs), R)[t]
            q = quartiles(score[t])
            per[name] = {"lr": float(lrs[t]), "q": [float(v) for v in q], "diverged": int(div.sum()),
                         "curve": gap[idx].tolist()}
        problems[p] = {"steps": steps, "x": idx.tolist(), "opt": per}
        # values that print alike share a rank, here (3 significant digits) and on the clean problems (``shown_gap``)
        all_ranks[p] = ranks({n: shown(per[n]["q"][1]) for n in NAMES})
        clean_ranks[p] = _gap_ranks(summaries(p)["tuned"], NAMES)

    def table(lang):
        ko = lang == "ko"
        head = ["옵티마이저" if ko else "Optimizer"] + [
            f"[{problem_title(p, lang).split(' (')[0] if ko else p}](../problems/{p}.md)" for p in PROBLEMS]
        rows = []
        for n in NAMES:
            cells = [opt_link(n, lang)]
            for p in PROBLEMS:
                r = problems[p]["opt"][n]
                cells.append(f"{cell(r['q'], lang=lang)} · {'학습률' if ko else 'lr'} {fmt_num(r['lr'])} · "
                             f"**{all_ranks[p][n]}**")
            rows.append(cells)
        return md_table(head, rows)

    # a problem's winners, as on the results page: every optimizer ranked 1 (ties share the rank)
    win_noisy = {p: {n for n in NAMES if all_ranks[p][n] == 1} for p in PROBLEMS}
    win_clean = {p: {n for n in NAMES if clean_ranks[p][n] == 1} for p in PROBLEMS}
    differ = sum(win_noisy[p] != win_clean[p] for p in PROBLEMS)           # the set of winners is not the same
    disjoint = sum(not (win_noisy[p] & win_clean[p]) for p in PROBLEMS)    # no winner in common
    # rank agreement: mean |noisy rank − clean rank|
    shift = float(np.mean([abs(all_ranks[p][n] - clean_ranks[p][n]) for p in PROBLEMS for n in NAMES]))
    smaller = sum(problems[p]["opt"][n]["lr"] < summaries(p)["tuned"][n].lr for p in PROBLEMS for n in NAMES)
    larger = sum(problems[p]["opt"][n]["lr"] > summaries(p)["tuned"][n].lr for p in PROBLEMS for n in NAMES)
    return plain({
        "sigma": NOISE["sigma"], "repeats": R, "seed": NOISE["seed"], "n_grid": len(lrs),
        "n_problems": len(PROBLEMS), "n_runs": len(PROBLEMS) * len(NAMES),
        "winners_differ": differ, "winners_disjoint": disjoint, "mean_rank_shift": shift,
        "tail_pct": int(100 * SWEEP.tail),
        "lr_verdict_ko": ("잡음이 있으면 경로가 최솟값에 다가간 뒤에도 그 근처에서 학습률과 σ에 비례하는 폭으로 계속 "
                          "흔들립니다. 그래서 작은 보폭이 유리해집니다."
                          if smaller > larger else "잡음이 있어도 튜닝한 학습률이 대체로 작아지지는 않았습니다."),
        "lr_verdict_en": ("With noise the iterate keeps jittering near the minimum by an amount proportional to the lr "
                          "and σ, so smaller steps pay off." if smaller > larger else
                          "Noise did not push the tuned learning rates down on balance."),
        "lr_smaller": smaller, "lr_larger": larger, "lr_same": len(PROBLEMS) * len(NAMES) - smaller - larger,
        "table_ko": table("ko"), "table_en": table("en"),
        "rank_json": all_ranks, "clean_rank_json": clean_ranks,
        "problems": problems,
    })


def figure_noise(result: dict, style, lang: str) -> bytes:
    n = len(result["problems"])
    ncols = 4
    nrows = -(-n // ncols)
    w = words(lang)
    fig, axes, rc = _figure(style, size=(12.0, 3.0 * nrows), nrows=nrows, ncols=ncols, lang=lang)
    import matplotlib.pyplot as plt
    with plt.rc_context(rc):
        axes = np.atleast_1d(axes).ravel()
        floor = 1e-12
        for ax, (p, d) in zip(axes, result["problems"].items()):
            x = np.asarray(d["x"]) + 1
            for name in NAMES:
                lk = look(name, style)
                _band(ax, x, np.maximum(np.asarray(d["opt"][name]["curve"]), floor), lk, opt_label(name, lang), style)
            ax.set_xscale("log")
            ax.set_yscale("log")
            ax.set_title(short_title(p, lang), fontsize=9, color=style.foreground)
            ax.grid(True, alpha=0.4)
            ax.set_xlabel(w["step_axis_plus1"], fontsize=8)
        axes[0].set_ylabel(w["gap_axis"])
        handles, labels = axes[0].get_legend_handles_labels()
        for ax in axes[n:]:
            ax.set_visible(False)
        if n < len(axes):
            axes[n].set_visible(True)
            axes[n].axis("off")
            axes[n].legend(handles, labels, loc="center", fontsize=8)
        fig.tight_layout()
        return _png(fig)


register(Study(
    name="noise-2d",
    compute=compute_noise,
    figure=figure_noise,
    alt={"ko": "기울기에 잡음을 더한 2차원 문제 {n_problems}개에서, 잡음 속에서 튜닝한 학습률로 돌린 최솟값과의 "
               "차이 곡선. 선은 실행 {repeats}개의 중앙값, 띠는 사분위 범위입니다.",
         "en": "Gap curves on the {n_problems} 2-D problems with gradient noise, each optimizer at the lr tuned "
               "under noise. Line: median of {repeats} runs; band: interquartile range."},
    caption={"ko": "매 스텝 기울기의 좌표마다 표준편차 σ = {sigma}인 가우스 잡음을 더했습니다. 학습률 {n_grid}개 × "
                   "실행 {repeats}개를 옵티마이저마다 한꺼번에 실행하고(잡음 시드 {seed}: 모든 학습률이 같은 잡음 "
                   "{repeats}벌을 받음), 실행 {repeats}개의 튜닝 기준값 중앙값이 가장 작은 학습률을 골랐습니다. 스텝 수는 "
                   "문제의 기본값. 선: 중앙값, 띠: 사분위 범위(25–75%). 나머지 하이퍼파라미터는 torch 기본값.",
             "en": "Gaussian noise of standard deviation σ = {sigma} added to every gradient coordinate at every "
                   "step. {n_grid} learning rates × {repeats} runs run together (vectorised) per optimizer (noise seeds "
                   "{seed}: every lr meets the same {repeats} noise sequences); the lr with the lowest median objective over "
                   "the {repeats} runs was kept. Steps: each problem's default. Line: median; band: interquartile "
                   "range (25–75 %). Other hyperparameters at torch's defaults."},
))


# -- results: ranks everywhere, and what to try first -------------------------------------------------

DATA_STUDIES = {"breast_cancer": "data-logreg", "digits": "data-mlp", "sparse": "data-sparse"}


def _gap_ranks(rows: dict, among) -> dict[str, int]:
    """Ranks by final gap of the optimizers ``among`` in a problem's summaries (a diverged run ranks last); gaps that
    the pages print alike (``shown_gap``) share a rank."""
    return ranks({n: (np.inf if s.diverged_at >= 0 else shown_gap(s.final_gap)) for n, s in rows.items() if n in among})


def _rank_stats(rank: dict, columns, names) -> tuple[dict, dict, dict]:
    """Each optimizer's mean rank, number of first places (ties included) and worst rank over ``columns``."""
    mean = {n: float(np.mean([rank[c][n] for c in columns])) for n in names}
    firsts = {n: sum(rank[c][n] == 1 for c in columns) for n in names}
    worst = {n: max(rank[c][n] for c in columns) for n in names}
    return mean, firsts, worst


def _rank_row(n: str, rank: dict, columns, mean: dict, firsts: dict, worst: dict) -> list[str]:
    """A rank table's cells for optimizer ``n``: its rank in each column (first places bold), then its summary."""
    return ([f"**{rank[c][n]}**" if rank[c][n] == 1 else str(rank[c][n]) for c in columns]
            + [f"{mean[n]:.2f}", str(firsts[n]), str(worst[n])])


def results_verdict(lang: str, *, n_names: int, n_columns: int, mean: dict, worst: dict, firsts: dict, best: str,
                    robust: str, most: str) -> str:
    """The results page's verdict on the classics' ranks: the best mean rank, the best worst case (the same
    optimizer or another), the most first places, and the optimizers never first (or that there are none)."""
    never = [n for n in firsts if firsts[n] == 0]
    same = best == robust
    if lang == "ko":                    # names as the Korean pages write them (모멘텀)
        mean, worst, firsts = ({opt_label(n, lang): v for n, v in d.items()} for d in (mean, worst, firsts))
        best, robust, most = (opt_label(n, lang) for n in (best, robust, most))
        never = [opt_label(n, lang) for n in never]
        return (f"고전 옵티마이저 {n_names}개를 문제 {n_columns}개에서 비교하면, 평균 순위가 가장 좋은 것은 **{best}**"
                f"(평균 {mean[best]:.2f}위)"
                + (f"이고, 최악 순위도 {worst[best]}위로 가장 좋았습니다. " if same else
                   f"이고, 최악의 경우가 가장 나은 것은 **{robust}**(어느 문제에서도 {worst[robust]}위 밖으로 밀리지 "
                   f"않음)입니다. ")
                + f"1위(공동 포함)를 가장 자주 한 것은 {most}입니다("
                + by_count(firsts[most], n_columns, "{n}개 중 하나도 없음", "{n}개 모두", "{n}개 중 {k}개") + "). "
                + (f"한 번도 1위를 하지 못한 것은 {', '.join(never)}입니다." if never else
                   "모든 옵티마이저가 한 번 이상 1위를 했습니다."))
    return (f"Comparing the {n_names} classic optimizers over all {n_columns} problems, **{best}** had the best mean "
            f"rank ({mean[best]:.2f})"
            + (f" and also the best worst rank ({worst[best]}). " if same else
               f", and **{robust}** the best worst case (never below rank {worst[robust]}). ")
            + f"{most} was first (ties included) most often, on {firsts[most]} of the {n_columns} problems. "
            + (f"Never first: {', '.join(never)}." if never else "Every optimizer was first at least once."))


def compute_results() -> dict:
    """Ranks of every optimizer on every problem (tuned lr), and verdicts computed from them.

    2-D problems: rank by final gap (as on the comparison page); noisy 2-D: by the
    median objective over the noisy runs; data sets: by the median final training
    loss over the seeds. Every verdict below is a function of these ranks.
    """
    from .studies import study_result                   # the other studies, from the cache
    noise = study_result("noise-2d")
    columns, rank = [], {}
    clean_default = {}
    reached = {n: [] for n in PLANAR}        # the 2-D problems run every optimizer that steps a point
    rank_2d = {}                              # every such optimizer, ranked on the clean 2-D problems
    for p in PROBLEMS:
        summ = summaries(p)
        rank[p] = _gap_ranks(summ["tuned"], NAMES)
        rank_2d[p] = _gap_ranks(summ["tuned"], PLANAR)
        clean_default[p] = _gap_ranks(summ["default"], NAMES)
        rank[f"{p}+noise"] = noise["rank_json"][p]
        for n in PLANAR:
            s = summ["tuned"][n]
            if s.steps_to_target >= 0:
                reached[n].append(s.steps_to_target)
    for d, study in DATA_STUDIES.items():
        rank[d] = study_result(study)["rank_tuned_json"] if d != "breast_cancer" else ranks(
            {n: shown(v) for n, v in study_result(study)["final_loss_median"].items()})
    columns = list(rank)
    N = len(columns)
    mean, firsts, worst = _rank_stats(rank, columns, NAMES)
    order = sorted(NAMES, key=lambda n: (mean[n], NAMES.index(n)))
    best = order[0]
    robust = min(NAMES, key=lambda n: (worst[n], mean[n]))
    most = max(NAMES, key=lambda n: (firsts[n], -mean[n]))
    # a problem's winners: every optimizer ranked 1 (ties share the rank); "changed" = no winner in common
    changed = sum(not ({n for n in NAMES if clean_default[p][n] == 1} & {n for n in NAMES if rank[p][n] == 1})
                  for p in PROBLEMS)
    mean_default_2d = {n: float(np.mean([clean_default[p][n] for p in PROBLEMS])) for n in NAMES}
    best_default_2d = min(NAMES, key=lambda n: (mean_default_2d[n], NAMES.index(n)))
    mean_tuned_2d = _rank_stats(rank, PROBLEMS, NAMES)[0]
    best_tuned_2d = min(NAMES, key=lambda n: (mean_tuned_2d[n], NAMES.index(n)))
    n_2d = len(PROBLEMS)
    mean_2d, firsts_2d, worst_2d = _rank_stats(rank_2d, PROBLEMS, PLANAR)
    order_2d = sorted(PLANAR, key=lambda n: (mean_2d[n], PLANAR.index(n)))
    group_of = {n: g for g, names in GROUPS.items() for n in names}
    group_word = {"ko": {"classic": "고전", "modern": "최신"}, "en": {"classic": "classic", "modern": "modern"}}

    data_names = {"breast_cancer": ("유방암 (로지스틱)", "Breast cancer (logistic)", "logistic"),
                  "digits": ("손글씨 숫자 (MLP)", "Digits (MLP)", "mlp"),
                  "sparse": ("희소 특성", "Sparse features", "sparse")}

    def header(c, lang):
        """A column's name in the page's language, linked to the page it comes from."""
        noisy = c.endswith("+noise")
        key = c[:-6] if noisy else c
        if key in PROBLEMS:
            name = problem_title(key, lang).split(" (")[0]
            link = f"[{name}](../problems/{key}.md)"
            return f"{link} + [{'잡음' if lang == 'ko' else 'noise'}](noise.md)" if noisy else link
        ko_name, en_name, page = data_names[key]
        return f"[{ko_name if lang == 'ko' else en_name}]({page}.md)"

    def table(lang):
        ko = lang == "ko"
        head = ["옵티마이저" if ko else "Optimizer"] + [header(c, lang) for c in columns] + (
            ["평균 순위", "1위 횟수", "최악 순위"] if ko else ["Mean rank", "Firsts", "Worst rank"])
        return md_table(head, [[opt_link(n, lang)] + _rank_row(n, rank, columns, mean, firsts, worst) for n in order])

    def table_2d(lang):
        """Every optimizer that steps a point, classic and modern, ranked on the clean 2-D problems."""
        ko = lang == "ko"
        group = group_word[lang]
        head = (["옵티마이저", "분류"] if ko else ["Optimizer", "Group"]) + [header(p, lang) for p in PROBLEMS] + (
            ["평균 순위", "1위 횟수", "최악 순위"] if ko else ["Mean rank", "Firsts", "Worst rank"])
        return md_table(head, [[opt_link(n, lang), group[group_of[n]]]
                               + _rank_row(n, rank_2d, PROBLEMS, mean_2d, firsts_2d, worst_2d) for n in order_2d])

    def steps_table(lang):
        ko = lang == "ko"
        target = f"${fmt_tex(SWEEP.target_gap)}$"
        head = (["옵티마이저", f"최솟값과의 차이 {target} 도달 (문제 수)", "도달 스텝 중앙값"] if ko else
                ["Optimizer", f"Reached gap {target} (problems)", "Median steps when reached"])
        return md_table(head, [[opt_link(n, lang), f"{len(reached[n])}/{n_2d}",
                                str(int(np.median(reached[n]))) if reached[n] else "—"] for n in PLANAR])

    first_cap = max(firsts.values())
    verdict = {lang: results_verdict(lang, n_names=len(NAMES), n_columns=N, mean=mean, worst=worst, firsts=firsts,
                                     best=best, robust=robust, most=most) for lang in ("ko", "en")}
    tuning = {
        "ko": (f"2차원 문제 {n_2d}개에서 평균 순위가 가장 좋은 것은 기본 학습률에서 {opt_label(best_default_2d, 'ko')}, "
               f"튜닝한 학습률에서 {opt_label(best_tuned_2d, 'ko')}입니다. "
               + by_count(changed, n_2d, "튜닝 전후로 1위(공동 포함)가 하나도 겹치지 않은 문제는 없습니다.",
                          "문제 {n}개 모두 튜닝 전후로 1위(공동 포함)가 하나도 겹치지 않습니다.",
                          "튜닝 전후로 1위(공동 포함)가 하나도 겹치지 않은 문제가 {n}개 중 {k}개입니다.")),
        "en": (f"On the {n_2d} 2-D problems, the best mean rank at default learning rates belongs to "
               f"{best_default_2d}; with tuned learning rates, to {best_tuned_2d}. On {changed} of the {n_2d} "
               f"problems, no winner (ties included) at the default lr was still a winner after tuning."),
    }
    # Not advice: a mean rank over small problems is no reason to pick an optimizer (see its page's cons).
    first = {
        "ko": (f"이 순위는 어떤 옵티마이저부터 쓰라는 권고가 아닙니다. 위에서 평균 순위가 가장 좋았던 {opt_label(best, 'ko')}도 문제가 작고 "
               f"스텝 수가 적은 이 실험에서 나온 결과일 뿐입니다. 고르기 전에 [{opt_label(best, 'ko')} 페이지의 장단점]"
               f"(../optimizers/{best.lower()}.md#pros-cons)도 함께 보세요. 이 실험에서 얻을 수 있는 교훈은 하나입니다. "
               f"어떤 옵티마이저를 고르든 학습률은 로그 격자로 훑어야 합니다."
               + (f" 앞에서 본 {changed}개 문제처럼 튜닝 전후로 1위가 완전히 바뀔 수 있기 때문입니다." if changed else "")),
        "en": (f"This ranking is not advice on which optimizer to start with. {best}, with the best mean rank above, got "
               f"it on small problems with few steps; read [{best}'s pros and cons](../optimizers/{best.lower()}.md#pros-cons) "
               f"before choosing it. One lesson from these runs: whichever optimizer you pick, sweep its learning rate "
               f"over a log grid."
               + (f" As on the {changed} problems above, tuning can change the winners completely." if changed else "")),
    }
    out = {
        "tail_pct": int(100 * SWEEP.tail), "tune_seed": TUNE_SEED, "seeds": ", ".join(map(str, SEEDS)),
        "n_seeds": len(SEEDS), "n_grid_2d": len(SWEEP.lrs), "n_problems": N, "n_2d": n_2d, "best": best, "best_mean": mean[best], "robust": robust,
        "robust_worst": worst[robust], "most_firsts": most, "most_firsts_n": firsts[most], "first_cap": first_cap,
        "winner_changed_2d": changed, "best_default_2d": best_default_2d, "best_tuned_2d": best_tuned_2d,
        "table_ko": table("ko"), "table_en": table("en"), "table_2d_ko": table_2d("ko"), "table_2d_en": table_2d("en"),
        "n_planar": len(PLANAR), "best_2d_all": order_2d[0], "best_2d_all_mean": mean_2d[order_2d[0]],
        "best_2d_all_group_ko": group_word["ko"][group_of[order_2d[0]]],
        "best_2d_all_group_en": group_word["en"][group_of[order_2d[0]]],
        "modern_in_top_half": sum(group_of[n] == "modern" for n in order_2d[:len(order_2d) // 2]),
        "top_half": len(order_2d) // 2,
        "steps_table_ko": steps_table("ko"), "steps_table_en": steps_table("en"),
    }
    for lang in ("ko", "en"):
        out[f"verdict_{lang}"] = verdict[lang]
        out[f"tuning_{lang}"] = tuning[lang]
        out[f"first_{lang}"] = first[lang]
    for n in NAMES:
        out[f"{n}.mean_rank"] = mean[n]
        out[f"{n}.firsts"] = firsts[n]
        out[f"{n}.worst"] = worst[n]
    return plain(out)


register(Study(name="results", compute=compute_results))
