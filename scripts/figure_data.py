"""How to make a figure again: its name, the one command that redraws it, and the numbers it plots as CSV.

Every figure of the site has a name: ``<problem>-<kind>`` for a problem figure (``rosenbrock-panels-tuned``)
and ``study-<study>`` for a study's. Its files are ``assets/figures/<name>-<lang>-<style>.png``; its numbers are
``assets/data/figures/<name>.csv``, one file for both languages and styles (the numbers are the same), written at
build time by scripts/build.py; the command is ``make figure NAME=<name> LANG=<lang>`` (scripts/figure.py, the
Makefile's ``figure`` target), which writes the same bytes as the site's PNG.

This module needs neither the runs nor matplotlib: scripts/pages.py uses it to end every caption.
"""

from __future__ import annotations

import io
import math

import numpy as np

DATA_DIR = "assets/data/figures"
STUDY_PREFIX = "study-"
#: significant digits of the numbers in the CSV: enough to redraw the figure, few enough to stay small
DIGITS = 6


def split_file_name(file_name: str) -> tuple[str, str, str]:
    """``rosenbrock-panels-tuned-ko-light.png`` → (``rosenbrock-panels-tuned``, ``ko``, ``light``)."""
    name, lang, style = file_name.removesuffix(".png").rsplit("-", 2)
    return name, lang, style


def command(name: str, lang: str) -> str:
    """The command that redraws figure ``name`` in ``lang`` (light scheme; ``STYLE=dark`` for the other)."""
    return f"make figure NAME={name} LANG={lang}"


def csv_path(name: str) -> str:
    """The CSV of figure ``name``, from the root of the docs tree."""
    return f"{DATA_DIR}/{name}.csv"


#: stands for the way up from a page to the site's root in a raw ``<a href>`` of a caption (a caption is not
#: Markdown, so MkDocs does not rewrite it); scripts/mkdocs_hooks.py replaces it from the page's own URL, which
#: differs between the served site (``adam/``) and the offline copy (``adam.html``), and for index pages
SITE_ROOT = "@@SITE_ROOT@@/"


def csv_href(up: str, lang: str) -> str:
    """The start of a CSV link in a caption: the site's root, filled in per page by the hook."""
    return SITE_ROOT


def _num(v) -> str:
    """A number as the CSV writes it: ``DIGITS`` significant digits, an empty cell for inf or NaN (a diverged
    run), so no NaN reaches the file."""
    if isinstance(v, (bool, np.bool_)):
        return str(int(v))
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    v = float(v)
    return f"{v:.{DIGITS}g}" if math.isfinite(v) else ""


def _csv(header: list[str], rows) -> bytes:
    out = io.StringIO()
    out.write(",".join(header) + "\n")
    for row in rows:
        out.write(",".join(c if isinstance(c, str) else _num(c) for c in row) + "\n")
    return out.getvalue().encode("utf-8")


def _visible(history) -> tuple[np.ndarray, np.ndarray]:
    """The drawn part of a K = 1 run: up to and including the step it diverged at (as scripts/figures.py draws it)."""
    end = int(history.diverged_at[0]) + 1 if history.diverged_at[0] >= 0 else None
    return history.trajectory[:end, 0], history.gap[:end, 0]


def problem_csv(kind: str, runs: dict, which: str | None) -> bytes:
    """The numbers of a problem figure. Paths, panels and loss curves (``which`` = "default" or "tuned"):
    ``optimizer,lr,step,x,y,gap`` for every drawn step (gap = f − f*; empty from where a run diverged).
    The sweep (``which`` None): ``optimizer,lr,tail_gap,diverged,tuned,default_lr``, one row per lr of the grid."""
    if which is None:
        rows = []
        for name, r in runs.items():
            for i, (lr, score) in enumerate(zip(r.lrs, r.score)):
                rows.append((name, lr, score, not np.isfinite(score), i == r.tuned_index, r.default_lr))
        return _csv(["optimizer", "lr", "tail_gap", "diverged", "tuned", "default_lr"], rows)
    rows = []
    for name, r in runs.items():
        history, lr = (r.default, r.default_lr) if which == "default" else (r.tuned(), r.tuned_lr)
        path, gap = _visible(history)
        rows.extend((name, lr, step, x, y, g) for step, ((x, y), g) in enumerate(zip(path, gap)))
    return _csv(["optimizer", "lr", "step", "x", "y", "gap"], rows)


def _flatten(value, index: str):
    if isinstance(value, dict):
        for k in sorted(value, key=str):
            yield from _flatten(value[k], f"{index}/{k}" if index else str(k))
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            yield from _flatten(v, f"{index}/{i}" if index else str(i))
    else:
        yield index, value


def study_csv(result: dict) -> bytes:
    """The numbers of a study figure: its result, every entry flattened to ``key,index,value`` (``index`` is
    the path inside a list or dict, ``a/3``; empty for a single number or word)."""
    rows = []
    for key in sorted(result):
        for index, value in _flatten(result[key], ""):
            cell = value if isinstance(value, (int, float, np.number)) and not isinstance(value, bool) else \
                ("" if value is None else str(value).replace(",", ";").replace("\n", " "))
            rows.append((key, index, cell))
    return _csv(["key", "index", "value"], rows)
