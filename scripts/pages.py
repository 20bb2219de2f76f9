"""Markdown of the generated pages: one per problem, and the comparison page."""

from __future__ import annotations

import inspect
from pathlib import Path

import numpy as np

from optimizers import OPTIMIZERS, PLANAR, PROBLEMS

from . import figure_data, interactive
from .experiments import SWEEP, OptimizerRuns, Summary
from .fmt import GAP_FLOOR, fmt_gap, fmt_num, fmt_point, fmt_power, fmt_tex, shown_gap  # noqa: F401  (re-exported)
from .korean import fill
from .text import TEXT, opt_label, problem_title

DOCS = Path(__file__).resolve().parent.parent / "docs"

FIGURE_DIR = "assets/figures"


def figure_name(problem: str, kind: str, style: str, lang: str) -> str:
    """A problem figure's file: one per colour scheme and per language (its words are the page's)."""
    return f"{problem}-{kind}-{lang}-{style}.png"


def hidpi_name(name: str) -> str:
    """The file of a figure's sharp copy (2x, WebP) beside ``name``; scripts/mkdocs_hooks.py offers it
    to HiDPI screens (``srcset``) and opens it when a reader taps the figure."""
    return name.removesuffix(".png") + "@2x.webp"


def figure_block(fig_id: str, name_of, alt: str, caption: str, depth: int, lazy: bool = True) -> str:
    """A figure in both colour schemes; ``name_of(style)`` is its file name in FIGURE_DIR, in the
    language of the page.

    The first figure of a page is its largest paint: ``lazy=False`` lets the browser
    fetch it at once."""
    up = "../" * depth
    light, dark = (f"{up}{FIGURE_DIR}/{name_of(style)}" for style in ("light", "dark"))
    alt = alt.replace('"', "'").replace("[", "(").replace("]", ")")
    # every caption ends with the command that draws the figure again and a link to the numbers it plots
    name, lang, _ = figure_data.split_file_name(name_of("light"))
    caption = f"{caption} " + TEXT[lang]["figure_again"].format(command=figure_data.command(name, lang),
                                                                  csv=figure_data.csv_href(up, lang) + figure_data.csv_path(name))
    attrs = "{ loading=lazy }" if lazy else ""
    return (f'<figure markdown="span" id="fig-{fig_id}">\n'
            f"  ![{alt}]({light}#only-light){attrs}\n"
            f"  ![{alt}]({dark}#only-dark){attrs}\n"
            f"  <figcaption>{caption}</figcaption>\n"
            f"</figure>\n")


def figure_md(problem: str, kind: str, lang: str, alt: str, caption: str, depth: int, lazy: bool = True) -> str:
    """A figure of a problem page, drawn in the page's language."""
    return figure_block(f"{problem}-{kind}", lambda style: figure_name(problem, kind, style, lang), alt, caption,
                        depth, lazy)


def _status(s: Summary, t: dict, lang: str) -> str:
    return fill(t["diverged"], lang, step=s.diverged_at) if s.diverged_at >= 0 else t["ok"]


def _steps(s: Summary, t: dict) -> str:
    return str(s.steps_to_target) if s.steps_to_target >= 0 else t["never"]


def _alt_summary(rows: dict[str, Summary], t: dict, lang: str) -> str:
    rows = {opt_label(n, lang): s for n, s in rows.items()}
    live = {n: s for n, s in rows.items() if s.diverged_at < 0}
    parts = []
    if live:
        gap = min(s.final_gap for s in live.values())
        # every run within rounding of the best gap shares the lead (e.g. all stuck in one local minimum)
        best = [n for n, s in live.items() if s.final_gap <= gap * (1 + 1e-6) + 1e-15]
        if len(best) == 1:
            parts.append(fill(t["alt_best"], lang, best=best[0], gap=fmt_gap(gap, lang)))
        else:
            key = "alt_tie_exact" if gap == 0 else "alt_tie_floor" if gap <= GAP_FLOOR else "alt_tie"
            parts.append(fill(t[key], lang, names=", ".join(best), n=len(best), gap=fmt_gap(gap, lang)))
    dead = [n for n, s in rows.items() if s.diverged_at >= 0]
    if dead:
        parts.append(fill(t["alt_diverged"], lang, names=", ".join(dead)))
    return " ".join(parts)


def results_table(summ: dict[str, dict[str, Summary]], problem: str, t: dict, lang: str) -> str:
    target = fmt_tex(SWEEP.target_gap)
    many = len(PROBLEMS[problem].minima) > 1
    reach = fill(t["steps_to"], lang, target=target)
    head = [t["optimizer"], t["default_lr"], t["final_gap"], reach, t["status"],
            t["tuned_lr"], t["final_gap"], reach, t["status"]]
    if many:
        head.append(t["reached"])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name in PLANAR:
        d, u = summ["default"][name], summ["tuned"][name]
        cells = [f"[{opt_label(name, lang)}](../optimizers/{name.lower()}.md)",
                 fmt_num(d.lr), fmt_gap(d.final_gap, lang), _steps(d, t), _status(d, t, lang),
                 fmt_num(u.lr), fmt_gap(u.final_gap, lang), _steps(u, t), _status(u, t, lang)]
        if many:
            cells.append(fmt_point(np.round(PROBLEMS[problem].minima[u.minimum], 3)))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def protocol(t: dict, lang: str) -> str:
    return fill(t["protocol"], lang, n=len(SWEEP.lrs), lo=fmt_tex(SWEEP.lrs[0]), hi=fmt_tex(SWEEP.lrs[-1]),
                tail=int(SWEEP.tail * 100), target=fmt_tex(SWEEP.target_gap),
                floor=fmt_tex(10.0 ** SWEEP.lr_floor_exp), ceiling=fmt_tex(10.0 ** SWEEP.lr_ceiling_exp))


def problem_page(name: str, runs: dict[str, OptimizerRuns], summ: dict[str, dict[str, Summary]],
                 lang: str) -> str:
    t = TEXT[lang]
    p = PROBLEMS[name]
    title = problem_title(name, lang)
    steps, start = p.steps, fmt_point(p.start)
    lrs_default = ", ".join(f"{opt_label(n, lang)} {fmt_num(r.default_lr)}" for n, r in runs.items())
    minima = ", ".join(fmt_point(np.round(m, 4)) for m in p.minima)
    (x0, x1), (y0, y1) = p.bounds
    common = dict(problem=title, steps=steps, start=start, target=fmt_tex(SWEEP.target_gap))
    n = len(runs)
    src = inspect.getsourcefile(p.f)
    rel = src[src.index("optimizers/"):]
    # a hand-written companion page (docs/<lang>/problems/<name>-by-hand.md), when the problem has one
    by_hand = (DOCS / lang / "problems" / f"{name}-by-hand.md").exists()
    out = [
        f"# {problem_title(name, lang, full=True)} {{ #{name} }}\n",
        f"{t['page_intro']}\n" + (f"\n{fill(t['by_hand'], lang, page=f'{name}-by-hand.md')}\n" if by_hand else ""),
        "$$\nf(x, y) = " + p.formula + "\n$$\n",
        f"| {t['settings']} | {t['value']} |\n|---|---|\n"
        f"| {t['minimum']} | {minima} |\n| {t['f_min']} | {fmt_num(p.f_min)} |\n"
        f"| {t['start']} | {start} |\n| {t['steps']} | {steps} |\n"
        f"| {t['bounds']} | $x \\in [{x0:g}, {x1:g}]$, $y \\in [{y0:g}, {y1:g}]$ |\n",
        f"## {t['paths_default_title']} {{ #paths-default }}\n",
        figure_md(name, "paths-default", lang, fill(t["alt_paths"], lang, problem=title, n=n,
                  summary=_alt_summary(summ["default"], t, lang)),
                  fill(t["paths_default_caption"], lang, lrs=lrs_default, **common), 2, lazy=False),
        f"## {t['panels_title']} {{ #panels }}\n",
        figure_md(name, "panels-tuned", lang, fill(t["alt_panels"], lang, problem=title, n=n),
                  fill(t["panels_caption"], lang, **common), 2),
        f"## {t['loss_title']} {{ #loss }}\n",
        figure_md(name, "loss-default", lang, fill(t["alt_loss"], lang, problem=title,
                                             summary=_alt_summary(summ["default"], t, lang)),
                  fill(t["loss_default_caption"], lang, **common), 2),
        figure_md(name, "loss-tuned", lang, fill(t["alt_loss"], lang, problem=title,
                                           summary=_alt_summary(summ["tuned"], t, lang)),
                  fill(t["loss_tuned_caption"], lang, **common), 2),
        f"## {t['sweep_title']} {{ #sweep }}\n",
        f"{protocol(t, lang)}\n",
        figure_md(name, "sweep", lang, fill(t["alt_sweep"], lang, problem=title,
                                      summary=_alt_summary(summ["tuned"], t, lang)),
                  fill(t["sweep_caption"], lang, n=len(SWEEP.lrs), lo=fmt_tex(SWEEP.lrs[0]),
                       hi=fmt_tex(SWEEP.lrs[-1]), tail=int(SWEEP.tail * 100), **common), 2),
        interactive.problem_section(name, lang, 2),
        f"## {t['results_title']} {{ #results }}\n",
        fill(t["results_intro"], lang, target=fmt_tex(SWEEP.target_gap), gap_legend=gap_legend(lang)) + "\n",
        results_table(summ, name, t, lang)
        # the matrix-only rule (Muon) is registered but cannot step a point: the page says why it is missing
        + "".join(f"\n\n{t['muon_absent']}\n" for n in OPTIMIZERS if n not in PLANAR),
        f"## {t['code_title']} {{ #code }}\n",
        f'```python title="{rel}"\n--8<-- "{rel}:{name}"\n```\n',
    ]
    return "\n".join(out)


def gap_legend(lang: str) -> str:
    """The sentence under a table of final gaps: how a gap at the floor is written (``fmt_gap``)."""
    return fill(TEXT[lang]["gap_legend"], lang, floor=fmt_power(GAP_FLOOR), at_floor=fmt_gap(0.0, lang))


def _ranks(values: dict[str, float]) -> dict[str, int]:
    """1 = smallest final gap; gaps that print alike (``shown_gap``) share a rank (1, 2, 2, 4)."""
    shown = {n: shown_gap(v) for n, v in values.items()}
    return {n: 1 + sum(shown[m] < shown[n] for m in shown) for n in shown}


def comparison_page(all_summ: dict[str, dict[str, dict[str, Summary]]], lang: str) -> str:
    t = TEXT[lang]
    out = [f"# {t['comparison']} {{ #comparison }}\n", f"{t['comparison_page_intro']}\n",
           fill(t["comparison_intro"], lang, rank_ties=t["rank_ties"], gap_legend=gap_legend(lang)) + "\n",
           f"{protocol(t, lang)}\n"]
    for which, label, anchor in (("tuned", t["at_tuned"], "tuned"), ("default", t["at_default"], "default")):
        out.append(f"## {label} {{ #{anchor} }}\n")
        head = [t["optimizer"]] + [f"[{problem_title(p, lang)}](problems/{p}.md)" for p in PROBLEMS]
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        ranks = {}
        for p in PROBLEMS:
            rows = all_summ[p][which]
            ranks[p] = _ranks({n: (np.inf if s.diverged_at >= 0 else s.final_gap) for n, s in rows.items()})
        for name in PLANAR:
            cells = [f"[{opt_label(name, lang)}](optimizers/{name.lower()}.md)"]
            for p in PROBLEMS:
                s = all_summ[p][which][name]
                value = fill(t["diverged"], lang, step=s.diverged_at) if s.diverged_at >= 0 else fmt_gap(s.final_gap, lang)
                cells.append(f"{value} ({ranks[p][name]})")
            lines.append("| " + " | ".join(cells) + " |")
        out.append("\n".join(lines) + "\n")
    out.append(f"## {t['tuned_lrs']} {{ #tuned-lrs }}\n")
    head = [t["optimizer"], t["default_lr"]] + [problem_title(p, lang) for p in PROBLEMS]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name in PLANAR:
        d = next(iter(all_summ.values()))["default"][name].lr
        lines.append("| " + " | ".join([opt_label(name, lang), fmt_num(d)] + [fmt_num(all_summ[p]["tuned"][name].lr)
                                                             for p in PROBLEMS]) + " |")
    out.append("\n".join(lines) + "\n")
    return "\n".join(out)


def _default_literal(value) -> str:
    """A default as code, small powers of ten as the pages write them (1e-8, not 1e-08 or 0.0001)."""
    if isinstance(value, float) and 0 < abs(value) < 1e-3 and fmt_num(value).lstrip("-").startswith("1e"):
        return fmt_num(value)
    if isinstance(value, tuple):
        return "(" + ", ".join(_default_literal(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    return repr(value)


def defaults_fragment(name: str, lang: str) -> str:
    """The defaults table of an optimizer page, read from the class's signature."""
    t = TEXT[lang]
    cls = OPTIMIZERS[name]
    sig = inspect.signature(cls.__init__)
    lines = [f"| {t['hyperparameter']} | {t['default']} |", "|---|---|"]
    for pname, par in sig.parameters.items():
        if pname == "self":
            continue
        lines.append(f"| `{pname}` | `{_default_literal(par.default)}` |")
    if cls.state_names:
        lines.append(f"| {t['state']} | " + ", ".join(f'`state["{s}"]`' for s in cls.state_names) + " |")
    return "\n".join(lines) + "\n"
