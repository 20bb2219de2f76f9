"""Draw one figure of the site again, the same bytes as the site's PNG, or ask "what if" with other settings.

    make figure NAME=rosenbrock-panels-tuned LANG=ko                    # the site's figure (STYLE=dark: the other)
    .venv/bin/python -m scripts.figure rosenbrock-panels-tuned --lang ko --style light -o out.png
    .venv/bin/python -m scripts.figure rosenbrock-paths-default --lr 0.01                # every optimizer at lr 0.01
    .venv/bin/python -m scripts.figure rosenbrock-paths-default --lr 0.01 --optimizer Adam,SGD   # only those two
    .venv/bin/python -m scripts.figure rosenbrock-loss-tuned --steps 3000 --start -1.5,2 --csv out.csv

A figure's name is its file name without the language and style: ``<problem>-<kind>`` or ``study-<study>``
(scripts/figure_data.py). Without overrides the figure is drawn by the build's own functions from the build's
runs (computed, or read from ``.cache/`` when an earlier build left them), so the file equals
``site/assets/figures/<name>-<lang>-<style>.png``. The overrides apply to problem figures:

* ``--lr X``: the runs at lr X, for every optimizer or for those named by ``--optimizer`` (the others keep the
  page's runs); on a "tuned" figure the run at X takes the tuned run's place;
* ``--steps N`` and ``--start x,y``: the problem's budget and start point, for every run (the sweep and its
  tuned lr included, so a "tuned" figure is tuned again).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import sys
from pathlib import Path

import numpy as np

from optimizers import OPTIMIZERS, PLANAR, PROBLEMS, run

from . import experiments, figure_data, figures, studies
from .build import study_result
from .experiments import OptimizerRuns
from .text import LANGUAGES

MAX_STEPS = 100_000


def known() -> dict[str, tuple[str, str]]:
    """{figure name: (kind, problem)} for problem figures and ("study", study) for study figures, in site order."""
    out = {f"{p}-{kind}": (kind, p) for p in PROBLEMS for kind in figures.KINDS}
    studies.load_all()
    out.update({f"{figure_data.STUDY_PREFIX}{n}": ("study", n) for n, s in studies.STUDIES.items()
                if s.figure is not None})
    return out


class FigureError(ValueError):
    """A bad figure name or argument: the message names it and says what would do."""


def _positive(text: str, arg: str, kind=float):
    try:
        value = kind(text)
    except ValueError:
        raise FigureError(f"{arg} must be a {'whole ' if kind is int else ''}number, not {text!r}") from None
    if not (np.isfinite(value) and value > 0):
        raise FigureError(f"{arg} must be positive, not {text!r}")
    return value


def _point(text: str) -> tuple[float, float]:
    try:
        x, y = (float(v) for v in text.split(","))
    except ValueError:
        raise FigureError(f"--start must be two numbers x,y (e.g. --start -1.5,2), not {text!r}") from None
    if not (np.isfinite(x) and np.isfinite(y)):
        raise FigureError(f"--start must be finite, not {text!r}")
    return x, y


@contextlib.contextmanager
def _problem_with(name: str, **changes):
    """PROBLEMS[name] with other settings (steps, start) while the runs are made and the figure drawn."""
    old = PROBLEMS[name]
    PROBLEMS[name] = dataclasses.replace(old, **changes) if changes else old
    try:
        yield PROBLEMS[name]
    finally:
        PROBLEMS[name] = old


def _at_lr(name: str, problem, lr: float) -> OptimizerRuns:
    """One optimizer's run at ``lr``, standing for both its default and its tuned run."""
    history = run(OPTIMIZERS[name](lr=lr), problem)
    return OptimizerRuns(history, history, np.array([lr]), experiments.objective(history), 0, lr)


def problem_runs(problem: str, lr: float | None = None, only: tuple[str, ...] = (), changed: bool = False,
                 which: str | None = "tuned") -> dict[str, OptimizerRuns]:
    """The runs a problem figure draws: the build's (``experiments.problem_runs``), with the overrides. Call it
    inside ``_problem_with`` when the problem's steps or start are changed (``changed``): the runs are then made
    again, the sweep only when the figure (``which``: "default", "tuned" or None for the sweep) needs it."""
    base = None if changed else experiments.problem_runs(problem)
    out = {}
    for name in PLANAR:
        if lr is not None and (not only or name in only):
            out[name] = _at_lr(name, PROBLEMS[problem], lr)
        elif not changed:
            out[name] = base[name]
        elif which == "default":
            out[name] = _at_lr(name, PROBLEMS[problem], experiments.default_lr(name))
        else:
            out[name] = experiments.run_optimizer(name, problem)
    return out


def make(name: str, lang: str = "ko", style: str = "light", lr: float | None = None, only: tuple[str, ...] = (),
         steps: int | None = None, start: tuple[float, float] | None = None) -> tuple[bytes, bytes]:
    """(PNG bytes, CSV bytes) of figure ``name``; with no override, the site's files."""
    figs = known()
    if name not in figs:
        raise FigureError(f"unknown figure {name!r}; the figures are: {', '.join(figs)}")
    if lang not in LANGUAGES:
        raise FigureError(f"--lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    if style not in figures.STYLES:
        raise FigureError(f"--style must be one of {', '.join(figures.STYLES)}, not {style!r}")
    bad = [o for o in only if o not in PLANAR]
    if bad:
        raise FigureError(f"--optimizer: unknown {', '.join(map(repr, bad))}; the optimizers are: "
                          f"{', '.join(PLANAR)}")
    if only and lr is None:
        raise FigureError("--optimizer says whose runs --lr changes: give --lr too")
    kind, what = figs[name]
    overrides = [a for a, v in (("--lr", lr), ("--steps", steps), ("--start", start)) if v is not None]
    if kind == "study":
        if overrides:
            raise FigureError(f"{', '.join(overrides)}: the overrides apply to problem figures; {name} is a study's "
                              "figure, drawn from its own experiment (scripts/study_*.py)")
        study = studies.STUDIES[what]
        result = study_result(what)
        return bytes(figures.draw_study(study.figure, result, style, lang)), figure_data.study_csv(result)
    if lr is not None and figures.KINDS[kind][1] is None:
        raise FigureError(f"--lr: {name} plots every lr of the sweep; try --steps or --start, or --lr on "
                          f"{what}-paths-default")
    if steps is not None and not 1 <= steps <= MAX_STEPS:
        raise FigureError(f"--steps must be between 1 and {MAX_STEPS}, not {steps}")
    changes = {k: v for k, v in (("steps", steps), ("start", start)) if v is not None}
    with _problem_with(what, **changes):
        runs = problem_runs(what, lr, only, changed=bool(changes), which=figures.KINDS[kind][1])
        png = figures.render(kind, what, runs, style, lang)
    return bytes(png), figure_data.problem_csv(kind, runs, figures.KINDS[kind][1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.figure", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("name", nargs="?", help="e.g. rosenbrock-panels-tuned or study-<study>; --list shows all")
    parser.add_argument("--list", action="store_true", help="print every figure's name")
    parser.add_argument("--lang", default="ko", help=f"language of the words drawn: {', '.join(LANGUAGES)}")
    parser.add_argument("--style", default="light", help=f"colour scheme: {', '.join(figures.STYLES)}")
    parser.add_argument("-o", "--output", help="PNG to write (default: <name>-<lang>-<style>.png here)")
    parser.add_argument("--csv", help="also write the numbers it plots to this CSV")
    parser.add_argument("--lr", help="problem figures: run at this learning rate")
    parser.add_argument("--optimizer", help="with --lr: only these optimizers (comma-separated)")
    parser.add_argument("--steps", help="problem figures: this many steps")
    parser.add_argument("--start", help="problem figures: start at x,y (e.g. -1.5,2)")
    argv = list(sys.argv[1:] if argv is None else argv)
    # "--start -1.5,2": argparse would take the negative x for an option; glue it to its flag
    for i, a in enumerate(argv[:-1]):
        if a == "--start":
            argv[i:i + 2] = [f"--start={argv[i + 1]}"]
            break
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(known()))
        return 0
    try:
        if not args.name:
            raise FigureError(f"name a figure; the figures are: {', '.join(known())}")
        png, csv = make(args.name, args.lang, args.style,
                        lr=None if args.lr is None else _positive(args.lr, "--lr"),
                        only=tuple(o.strip() for o in args.optimizer.split(",") if o.strip()) if args.optimizer
                        else (),
                        steps=None if args.steps is None else _positive(args.steps, "--steps", int),
                        start=None if args.start is None else _point(args.start))
    except FigureError as e:
        parser.error(str(e))
    out = Path(args.output or f"{args.name}-{args.lang}-{args.style}.png")
    out.write_bytes(png)
    print(f"wrote {out}", file=sys.stderr)
    if args.csv:
        Path(args.csv).write_bytes(csv)
        print(f"wrote {args.csv}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
