"""Weight initialisation ("Deep Learning from Scratch" 6.2, the seed slides).

* ``init-activations``: push 1000 standard-normal inputs through five layers of 100
  units and look at every layer's activations, for four initialisations (std 1,
  std 0.01, Xavier, He) and three activations (sigmoid, tanh, ReLU);
* ``init-training``: train a deeper MLP on 8×8 digits from each initialisation,
  with ReLU and with tanh, five seeds each (all 4 × 5 runs of one activation are
  one batch: an initialisation is only a different starting point).
"""

from __future__ import annotations

import numpy as np

from optimizers import SGD
from optimizers.problems import datasets as D

from .figures import _figure, _png, words
from .fmt import fmt_num
from .korean import by_count
from .studies import Study, register
from .study_data import md_table, plain, quartiles, single_threaded

INIT_NAMES = list(D.INITS)
ACT_NAMES = ("sigmoid", "tanh", "relu")
HIST = dict(n_samples=1000, width=100, layers=5, seed=0, bins=40)
INIT_TEX = {"std=1": r"$\sigma = 1$", "std=0.01": r"$\sigma = 0.01$", "Xavier": r"Xavier $\sigma = 1/\sqrt{n}$",
            "He": r"He $\sigma = \sqrt{2/n}$"}


def _activations(act: str, init: str) -> list[np.ndarray]:
    """The outputs h_1 … h_5 of the five layers (same input and same random draws for every case)."""
    s = HIST
    model = D.MLP((s["width"],) * (s["layers"] + 1), act)
    rng = np.random.default_rng(s["seed"])
    x = rng.standard_normal((s["n_samples"], s["width"]))
    params = model.init([s["seed"] + 1], scheme=init)
    phi = D.ACTIVATIONS[act][0]
    h, out = x, []
    for l in range(1, s["layers"] + 1):
        h = phi(h @ params[f"W{l}"][0])
        out.append(h)
    return out


@single_threaded
def compute_activations() -> dict:
    s = HIST
    hist, rows_std = {}, {}
    for act in ACT_NAMES:
        for init in INIT_NAMES:
            hs = _activations(act, init)
            if act == "relu":
                edges = np.logspace(-12, 8, s["bins"] + 1)
                counts = [np.histogram(h[h > 0], edges)[0] / h.size for h in hs]
                zero = [float(np.mean(h <= 0)) for h in hs]
            else:
                lo = 0.0 if act == "sigmoid" else -1.0
                edges = np.linspace(lo, 1.0, s["bins"] + 1)
                counts = [np.histogram(h, edges)[0] / h.size for h in hs]
                zero = [0.0] * len(hs)
            if act == "sigmoid":
                sat = [float(np.mean((h < 0.01) | (h > 0.99))) for h in hs]
            elif act == "tanh":
                sat = [float(np.mean(np.abs(h) > 0.99)) for h in hs]
            else:
                sat = zero
            std = [float(h.std()) for h in hs]
            hist[f"{act}/{init}"] = {"edges": edges.tolist(), "counts": [c.tolist() for c in counts],
                                     "std": std, "saturated": sat, "zero": zero}
            rows_std[(act, init)] = (std, sat)

    def table(lang):
        ko = lang == "ko"
        head = ["초기화" if ko else "Initialisation"] + [
            f"{a}: {'1층 → 5층 표준편차' if ko else 'std, layer 1 → 5'}" for a in ACT_NAMES]
        rows = []
        for init in INIT_NAMES:
            cells = [init]
            for act in ACT_NAMES:
                std, sat = rows_std[(act, init)]
                cells.append(f"{fmt_num(std[0])} → {fmt_num(std[-1])}")
            rows.append(cells)
        return md_table(head, rows)

    out = {**HIST, "table_ko": table("ko"), "table_en": table("en"), "hist": hist}
    for act in ACT_NAMES:
        for init in INIT_NAMES:
            std, sat = rows_std[(act, init)]
            key = f"{act}.{init}"
            out[f"{key}.std1"], out[f"{key}.std5"] = std[0], std[-1]
            out[f"{key}.sat5_pct"] = 100 * sat[-1]
            out[f"{key}.sat1_pct"] = 100 * sat[0]
    return plain(out)


def figure_activations(result: dict, style, lang: str) -> bytes:
    w = words(lang)
    fig, axes, rc = _figure(style, size=(11.0, 9.0), nrows=len(INIT_NAMES), ncols=len(ACT_NAMES), lang=lang)
    import matplotlib.pyplot as plt
    cmap = plt.get_cmap("viridis")
    with plt.rc_context(rc):
        for j, act in enumerate(ACT_NAMES):
            for i, init in enumerate(INIT_NAMES):
                ax = axes[i, j]
                d = result["hist"][f"{act}/{init}"]
                edges = np.asarray(d["edges"])
                L = len(d["counts"])
                for l, c in enumerate(d["counts"]):
                    c = np.asarray(c)
                    top = max(c.max(), 1e-12)
                    base = l * 1.1
                    ax.stairs(base + c / top, edges, baseline=base, fill=True, color=cmap(l / max(L - 1, 1)),
                              alpha=0.8)
                    note = f"{d['std'][l]:.2g}"
                    if act == "relu":
                        note = w["std_zeros"].format(std=note, pct=f"{100 * d['zero'][l]:.0f}")
                    ax.text(1.0, base + 0.45, note, transform=ax.get_yaxis_transform(), fontsize=7,
                            ha="right", color=style.foreground)
                ax.set_yticks([l * 1.1 + 0.5 for l in range(L)])
                ax.set_yticklabels([f"$h_{l + 1}$" for l in range(L)], fontsize=8)
                if act == "relu":
                    ax.set_xscale("log")
                if i == 0:
                    ax.set_title(w["relu_title"].format(act=act) if act == "relu" else act, fontsize=10,
                                 color=style.foreground)
                if j == 0:
                    ax.set_ylabel(INIT_TEX[init], fontsize=9)
                ax.tick_params(labelsize=7)
        fig.tight_layout()
        return _png(fig)


register(Study(
    name="init-activations",
    compute=compute_activations,
    figure=figure_activations,
    alt={"ko": "초기화 네 가지(행)와 활성화 함수 세 가지(열)마다, 5개 층의 활성값 분포를 아래(층 1)에서 위(층 5)로 "
               "쌓은 히스토그램.",
         "en": "For four initialisations (rows) and three activations (columns), histograms of the activations "
               "of five layers stacked from layer 1 (bottom) to layer 5 (top)."},
    caption={"ko": "입력 {n_samples}개 × {width}차원, 표준정규분포(난수 시드 {seed}). 층마다 뉴런 {width}개, 5개 층, 편향 0. "
                   "히스토그램은 층마다 최댓값을 1로 맞췄습니다. 오른쪽 숫자는 그 층 활성값의 표준편차이고, ReLU 열에는 0인 값의 비율도 적었습니다. "
                   "ReLU 열의 가로축은 양수 값만 로그 축으로 그렸습니다.",
             "en": "{n_samples} inputs of dimension {width}, standard normal (seed {seed}); five layers of {width} "
                   "units, zero biases. Each histogram is scaled to a peak of 1; the number at the right is the "
                   "standard deviation of that layer's activations (for ReLU also the share of zeros). The ReLU "
                   "column shows positive values on a log axis."},
))


TRAIN = dict(sizes=(64, 64, 64, 64, 10), lr=0.1, epochs=5, batch_size=32)
TRAIN_SEEDS = (1, 2, 3, 4, 5)
TRAIN_ACTS = ("relu", "tanh")


@single_threaded
def compute_training() -> dict:
    data = D.load("digits")
    s = TRAIN
    S = len(TRAIN_SEEDS)
    curves, finals = {}, {}
    for act in TRAIN_ACTS:
        model = D.MLP(s["sizes"], act)
        schemes = [i for i in INIT_NAMES for _ in TRAIN_SEEDS]
        seeds = list(TRAIN_SEEDS) * len(INIT_NAMES)
        params = model.init(seeds, scheme=schemes)
        h = D.train(model, SGD(lr=s["lr"]), params, data, epochs=s["epochs"], batch_size=s["batch_size"],
                    seeds=seeds)
        for i, init in enumerate(INIT_NAMES):
            sl = slice(i * S, (i + 1) * S)
            div = h.diverged[sl]
            curves[f"{act}/{init}"] = {"loss": h.train_loss[:, sl].tolist(), "acc": h.test_accuracy[:, sl].tolist(),
                                       "diverged": int(div.sum())}
            finals[(act, init)] = (quartiles(np.where(div, np.inf, h.train_loss[-1, sl])),
                                   quartiles(h.test_accuracy[-1, sl]), int(div.sum()))

    def table(lang):
        ko = lang == "ko"
        head = ["초기화" if ko else "Initialisation"]
        for act in TRAIN_ACTS:
            head += [f"{act}: {'최종 학습 손실' if ko else 'final training loss'}",
                     f"{act}: {'테스트 정확도 (%)' if ko else 'test accuracy (%)'}"]
        from .study_data import cell
        rows = []
        for init in INIT_NAMES:
            cells = [init]
            for act in TRAIN_ACTS:
                lq, aq, nd = finals[(act, init)]
                note = (" (" + by_count(nd, S, "", "시드 {n}개 모두 발산", "시드 {n}개 중 {k}개 발산") + ")" if ko
                        else f" ({nd} of {S} seeds diverged)") if nd else ""
                cells += [cell(lq, lang=lang) + note, cell(aq, True, lang)]
            rows.append(cells)
        return md_table(head, rows)

    out = {**{k: v for k, v in s.items() if k != "sizes"}, "sizes": "-".join(map(str, s["sizes"])),
           "n_seeds": S, "seeds": ", ".join(map(str, TRAIN_SEEDS)), "steps": s["epochs"] * h.steps_per_epoch,
           "table_ko": table("ko"), "table_en": table("en"), "curves": curves}
    for (act, init), (lq, aq, nd) in finals.items():
        out[f"{act}.{init}.acc_pct"] = 100 * float(aq[1])
        out[f"{act}.{init}.loss"] = float(lq[1]) if np.isfinite(lq[1]) else "diverged"
        out[f"{act}.{init}.diverged"] = nd
    n_test = len(data.y_test)
    out["n_test"] = n_test
    summary = {}
    for act in TRAIN_ACTS:
        best = max(INIT_NAMES, key=lambda i: (finals[(act, i)][1][1], -finals[(act, i)][0][1]))
        out[f"{act}.best"] = best
        loss_best = min(INIT_NAMES, key=lambda i: finals[(act, i)][0][1])
        first, second = sorted(INIT_NAMES, key=lambda i: -finals[(act, i)][1][1])[:2]
        lead = round((finals[(act, first)][1][1] - finals[(act, second)][1][1]) * n_test)   # in test samples
        summary[act] = dict(loss_best=loss_best, acc_first=first, acc_second=second, lead=lead)
        out[f"{act}.loss_best"], out[f"{act}.acc_lead"] = loss_best, lead
    out["conclusion_ko"], out["conclusion_en"] = (init_conclusion(summary, lang) for lang in ("ko", "en"))
    return plain(out)


#: the book's advice (DLfS 6.2.2 and 6.2.3): He for ReLU, Xavier for tanh
RECOMMENDED = {"relu": "He", "tanh": "Xavier"}
#: two initialisations whose median test accuracies differ by at most this many test samples are not told apart
ACC_TIE_SAMPLES = 2
ACT_TITLE = {"relu": "ReLU", "tanh": "tanh"}


def init_conclusion(summary: dict, lang: str) -> str:
    """What the training table says, by a rule: the lowest final training loss (median over seeds) per activation;
    test accuracy tells two initialisations apart only when their medians differ by more than ACC_TIE_SAMPLES test
    samples; the book's advice holds for an activation when its pick has both the lowest loss and a clear lead in
    accuracy. ``summary[act]``: loss_best, acc_first, acc_second, lead (test samples)."""
    from .korean import josa
    ko = lang == "ko"
    acts = list(summary)
    t = ACT_TITLE
    losses = {summary[a]["loss_best"] for a in acts}
    if len(losses) == 1:
        b = losses.pop()
        out = [f"최종 학습 손실은 {'와 '.join(t[a] for a in acts)} 모두 {josa(b, '이/가')} 가장 낮았습니다." if ko else
               f"The final training loss was lowest with {b} for both {' and '.join(t[a] for a in acts)}."]
    else:
        parts = ", ".join(f"{t[a]}에서 {summary[a]['loss_best']}" if ko else f"{summary[a]['loss_best']} for {t[a]}"
                          for a in acts)
        out = [f"최종 학습 손실이 가장 낮은 초기화는 {parts}입니다." if ko else
               f"The lowest final training loss came from {parts}."]
    for a in acts:
        s = summary[a]
        first, second, lead = s["acc_first"], s["acc_second"], s["lead"]
        samples = f"{lead} test sample" + ("" if lead == 1 else "s")
        if lead == 0:
            out.append(f"{t[a]}의 테스트 정확도는 {josa(first, '과/와')} {josa(second, '이/가')} 같습니다." if ko else
                       f"Under {t[a]}, {first} and {second} have the same test accuracy.")
        elif lead <= ACC_TIE_SAMPLES:
            out.append(f"{t[a]}의 테스트 정확도는 {josa(first, '과/와')} {second}의 차이가 테스트 표본 {lead}개뿐이라 "
                       "둘을 가려내지 못합니다." if ko else
                       f"Under {t[a]}, {first} and {second} differ in test accuracy by only {samples}: too close to "
                       "tell apart.")
        else:
            out.append(f"{t[a]}의 테스트 정확도는 {josa(first, '이/가')} {second}보다 테스트 표본 {lead}개만큼 "
                       "높습니다." if ko else
                       f"Under {t[a]}, {first} leads {second} in test accuracy by {samples}.")
    held = [a for a in acts if summary[a]["loss_best"] == RECOMMENDED[a] == summary[a]["acc_first"]
            and summary[a]["lead"] > ACC_TIE_SAMPLES]
    advice = ", ".join(f"{t[a]}에는 {RECOMMENDED[a]}" if ko else f"{RECOMMENDED[a]} for {t[a]}" for a in acts)
    if len(held) == len(acts):
        out.append(f"교재의 권장({advice})과 맞는 결과입니다." if ko else f"This agrees with the book's advice ({advice}).")
    elif not held:
        out.append(f"교재의 권장({advice})을 이 작은 실험이 가려내지는 못했습니다." if ko else
                   f"This small experiment does not single out the book's advice ({advice}).")
    else:
        names = "와 ".join(t[a] for a in held) if ko else " and ".join(t[a] for a in held)
        out.append(f"교재의 권장({advice})은 {names}에서만 이 실험으로 확인됩니다." if ko else
                   f"The book's advice ({advice}) is borne out only for {names}.")
    return " ".join(out)


def figure_training(result: dict, style, lang: str) -> bytes:
    w = words(lang)
    fig, axes, rc = _figure(style, size=(11.0, 4.0), ncols=len(TRAIN_ACTS), lang=lang)
    import matplotlib.pyplot as plt
    from .study_data import _band
    lines = ("-", "--", "-.", ":")
    markers = ("o", "s", "^", "D")
    with plt.rc_context(rc):
        for ax, act in zip(axes, TRAIN_ACTS):
            for i, init in enumerate(INIT_NAMES):
                c = result["curves"][f"{act}/{init}"]
                loss = np.asarray(c["loss"], dtype=float)
                lk = dict(color=style.palette[i], linestyle=lines[i], marker=markers[i])
                label = w["init_diverged"].format(init=init, n=c["diverged"]) if c["diverged"] else init
                _band(ax, np.arange(loss.shape[0]), np.minimum(loss, 1e3), lk, label, style)
            ax.set_yscale("log")
            ax.set_title(act, fontsize=10, color=style.foreground)
            ax.set_xlabel(w["epoch_axis"])
            ax.grid(True, alpha=0.5)
        axes[0].set_ylabel(w["train_loss_ce"])
        axes[-1].legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, borderaxespad=0)
        fig.tight_layout()
        return _png(fig)


register(Study(
    name="init-training",
    compute=compute_training,
    figure=figure_training,
    alt={"ko": "숫자 데이터에서 초기화 네 가지로 학습한 MLP의 에폭별 학습 손실, 왼쪽 ReLU, 오른쪽 tanh.",
         "en": "Training loss per epoch of an MLP on digits from four initialisations; ReLU left, tanh right."},
    caption={"ko": "MLP {sizes}, SGD 학습률 {lr}, 미니배치 {batch_size}, {epochs} 에폭({steps}스텝), 난수 시드 {seeds}. "
                   "초기화 4가지 × 시드 {n_seeds}개를 한꺼번에 학습. 선: 중앙값, 띠: 사분위 범위.",
             "en": "MLP {sizes}, SGD lr = {lr}, minibatch {batch_size}, {epochs} epochs ({steps} steps), seeds "
                   "{seeds}. The 4 initialisations × {n_seeds} seeds train together (vectorised). Line: median; band: "
                   "interquartile range."},
))
