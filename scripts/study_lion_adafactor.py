"""The numbers the Lion and Adafactor pages quote in their prose, and the figure of Lion's lr ratio.

Studies:

* ``lion-lr``           AdamW's tuned lr ÷ Lion's, in every setting of the claim ``lion_lr``
  (``scripts/claims/lion.py``), beside the ratio that would give both the same step length; with a figure;
* ``adafactor-memory``  the bytes of the optimizer state on the MLP (``scripts/claims/state_memory.py``) and the
  medians of the claim ``adafactor_cost`` (``scripts/claims/adafactor.py``).

Nothing is run here that the claims do not run: both read the cached claim studies.
"""

from __future__ import annotations

import numpy as np

from . import claims
from .claims import adafactor as adafactor_claims, lion as lion_claims
from .claims.state_memory import memory_facts
from .figures import _figure, _png, look, short_title, words
from .korean import by_count
from .studies import Study, register, study_result


def _settings(optimizer: str, cid: str) -> list[dict]:
    claims.load_all()
    return study_result(f"claims-{optimizer.lower()}")["claims"][cid]["settings"]


def compute_lion() -> dict:
    rows = _settings("Lion", "lion_lr")
    two_d = [s for s in rows if "problem" in s]
    mlp = [s for s in rows if s.get("data") == "digits"]

    def ratios(ss):
        return np.array([s["ratio"] for s in ss])

    def step_ratios(ss):
        return np.array([s["step_lion"] / s["step_adamw"] for s in ss])
    out = {
        "lo": lion_claims.RATIO_LO, "hi": lion_claims.RATIO_HI,
        "n_2d": len(two_d), "n_mlp": len(mlp),
        "held_2d": sum(bool(s["held"]) for s in two_d), "held_mlp": sum(bool(s["held"]) for s in mlp),
        "n_smaller": int(np.sum(ratios(rows) > 1)), "n_settings": len(rows),
        **{f"band_{k}_ko": by_count(sum(bool(s["held"]) for s in ss), len(ss), "띠 안에 든 것은 하나도 없습니다",
                                    "{n}개 모두 띠 안에 듭니다", "띠 안에 든 것은 {n}개 중 {k}개입니다")
           for k, ss in (("2d", two_d), ("mlp", mlp))},
        "ratio_2d_min": float(ratios(two_d).min()), "ratio_2d_max": float(ratios(two_d).max()),
        "ratio_2d_median": float(np.median(ratios(two_d))),
        "ratio_mlp_min": float(ratios(mlp).min()), "ratio_mlp_max": float(ratios(mlp).max()),
        "ratio_mlp_median": float(np.median(ratios(mlp))),
        "step_adamw_mlp_median": float(np.median([s["step_adamw"] for s in mlp])),
        "step_lion_mlp_median": float(np.median([s["step_lion"] for s in mlp])),
        "step_ratio_mlp_median": float(np.median(step_ratios(mlp))),
        "step_adamw_2d_min": float(min(s["step_adamw"] for s in two_d)),
        "step_adamw_2d_max": float(max(s["step_adamw"] for s in two_d)),
        "step_ratio_2d_min": float(step_ratios(two_d).min()), "step_ratio_2d_max": float(step_ratios(two_d).max()),
        "lion_default_lr": lion_claims.OPTIMIZERS["Lion"]().lr, "adamw_default_lr": lion_claims.OPTIMIZERS["AdamW"]().lr,
        "n_seeds": len(mlp), "grid_lo": float(lion_claims.RATIO_GRID[0]), "grid_hi": float(lion_claims.RATIO_GRID[-1]),
        "per_decade": lion_claims.RATIO_PER_DECADE, "per_decade_2d": lion_claims.SWEEP.per_decade,
        "settings": [{k: s.get(k) for k in ("problem", "seed", "ratio", "step_adamw", "step_lion", "held")}
                     for s in rows],
    }
    out["default_ratio"] = out["adamw_default_lr"] / out["lion_default_lr"]
    return out


def figure_lion(result: dict, style, lang: str) -> bytes:
    w = words(lang)
    rows = result["settings"]
    labels = [short_title(s["problem"], lang) if s.get("problem") else w["lion_seed"].format(seed=s["seed"])
              for s in rows]
    x = np.arange(len(rows))
    fig, ax, rc = _figure(style, size=(9.0, 4.0), lang=lang)
    import matplotlib.pyplot as plt
    with plt.rc_context(rc):
        ax.axhspan(result["lo"], result["hi"], color=style.grid, alpha=0.6, linewidth=0,
                   label=w["lion_band"].format(lo=f"{result['lo']:g}", hi=f"{result['hi']:g}"))
        lk = look("Lion", style)
        ax.plot(x, [s["ratio"] for s in rows], linestyle="none", marker=lk["marker"], markersize=8,
                color=lk["color"], label=w["lion_tuned_ratio"])
        ak = look("AdamW", style)
        ax.plot(x, [s["step_lion"] / s["step_adamw"] for s in rows], linestyle="none", marker="o", markersize=8,
                markerfacecolor="none", markeredgewidth=1.5, color=ak["color"], label=w["lion_step_ratio"])
        n2 = sum(1 for s in rows if s.get("problem"))
        ax.axvline(n2 - 0.5, color=style.foreground, linewidth=0.8, linestyle=":")
        ax.set_xticks(x)
        ax.set_xticklabels(labels, rotation=35, ha="right", fontsize=8)
        ax.set_yscale("log")
        ax.set_ylabel(w["lion_ratio_axis"])
        ax.grid(True, axis="y", which="major", alpha=0.5)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, borderaxespad=0)
        fig.tight_layout()
        return _png(fig)


register(Study(
    name="lion-lr",
    compute=compute_lion,
    figure=figure_lion,
    alt={"ko": "설정마다 튜닝한 AdamW 학습률을 튜닝한 Lion 학습률로 나눈 비율(속이 찬 표시)과, 두 옵티마이저의 한 걸음 "
               "길이가 같아지는 비율(속이 빈 동그라미)을 로그 축에 나타낸 그림입니다. 회색 띠는 흔히 권하는 범위"
               "({lo}–{hi}배)입니다. 2차원 문제 {n_2d}개에서는 비율이 {ratio_2d_min}–{ratio_2d_max}배이고, "
               "{band_2d_ko}. 손글씨 숫자 MLP에서는 난수 시드 {n_mlp}개에서 비율이 "
               "{ratio_mlp_min}–{ratio_mlp_max}배이고, {band_mlp_ko}.",
         "en": "For each setting, AdamW's tuned lr divided by Lion's (filled marks) and the ratio that would make the "
               "two optimizers' steps equally long (open circles), on a log axis. The grey band is the folklore's "
               "{lo}–{hi}×. On the {n_2d} 2-D problems the ratio runs from {ratio_2d_min} to {ratio_2d_max}, "
               "{held_2d} inside the band; on the {n_mlp} seeds of the digits MLP from {ratio_mlp_min} to "
               "{ratio_mlp_max}, {held_mlp} inside the band."},
    caption={"ko": "점선 왼쪽: 2차원 문제마다 각자 튜닝한 학습률(문제 페이지와 같은 실행, 10배 구간마다 {per_decade_2d}개인 격자). "
                   "오른쪽: 손글씨 숫자 MLP, 시드마다 두 옵티마이저를 각자 튜닝(격자 {grid_lo} … {grid_hi}, 10배 "
                   "구간마다 {per_decade}개, 가장 좋은 값이 격자 끝이면 격자를 넓힘). 빈 동그라미: 튜닝한 실행에서 잰 한 걸음의 RMS를 "
                   "학습률로 나눈 값의 비(Lion ÷ AdamW). 참고로 기본 학습률의 비(AdamW {adamw_default_lr} ÷ Lion "
                   "{lion_default_lr})는 {default_ratio}배입니다.",
             "en": "Left of the dotted line: each 2-D problem, each optimizer at its own tuned lr (the problem pages' "
                   "runs, {per_decade_2d} points a decade). Right: the digits MLP, both optimizers tuned on every seed (grid "
                   "{grid_lo} … {grid_hi}, {per_decade} points a decade, grown when the best value is at an end). Open circles: the ratio "
                   "of the step's RMS per unit lr measured in the tuned runs (Lion ÷ AdamW). For reference, the ratio of the "
                   "default learning rates (AdamW {adamw_default_lr} ÷ Lion {lion_default_lr}) is {default_ratio}×."},
))


def compute_adafactor() -> dict:
    rows = _settings("Adafactor", "adafactor_cost")
    out = dict(memory_facts())
    out.update({
        "cost_margin_pct": 100 * adafactor_claims.COST_ACC,
        "cost_held": sum(bool(s["held"]) for s in rows), "cost_n": len(rows),
        "cost_lr": rows[0]["lr"], "cost_lr_adamw": rows[0]["lr_adamw"],
        "cost_acc_pct": 100 * float(np.median([s["acc"] for s in rows])),
        "cost_acc_adamw_pct": 100 * float(np.median([s["acc_adamw"] for s in rows])),
        "cost_loss": float(np.median([s["loss"] for s in rows])),
        "cost_loss_adamw": float(np.median([s["loss_adamw"] for s in rows])),
        "adafactor_saving": 1 / out["Adafactor_share_of_adamw"],
        # "about 1/34 of AdamW's": the share as a whole fraction, since "34.3 times smaller" reads badly in Korean
        "adafactor_one_in": int(round(1 / out["Adafactor_share_of_adamw"])),
    })
    return out


register(Study(name="adafactor-memory", compute=compute_adafactor))
