"""Everything the site needs from the package, computed or taken from the cache.

``build_all()`` returns {path in the docs tree: bytes}. It is called by
``scripts/gen_pages.py`` (mkdocs-gen-files) once per language build, so the
result is memoised for the life of the process.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import sys
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from tqdm import tqdm

from optimizers import GROUPS, OPTIMIZERS, PROBLEMS

from . import cache, claim_pages, claims, experiments, figure_data, figures, interactive, notebooks, pages, studies
from .studies import _study_key, study_result  # noqa: F401  (the cache of study results lives with the registry)
from .text import LANGUAGES, problem_title

KATEX_DIR = cache.ROOT / "node_modules" / "katex" / "dist"
FRAGMENT_DIR = cache.CACHE_DIR / "fragments"
HIDPI_EXT = "@2x.webp"      # a figure's sharp copy in the cache, beside its .png


def _figure_inputs(lang: str) -> tuple:
    """What every figure in ``lang`` depends on besides its data: the drawing code, the words drawn,
    the problems' names, the font file and the library versions."""
    return (lang, cache.source_of(figures), figures.DPI, figures.HIDPI, figures.HIDPI_MAX_WIDTH, figures.words(lang),
            {p: problem_title(p, lang) for p in PROBLEMS}, figures.font_hash(),
            cache.versions("numpy", "matplotlib", "PIL"))


def _figure_key(problem: str, kind: str, style: str, lang: str) -> str:
    return cache.key_of("figure", kind, problem, style, experiments._key(problem, experiments.SWEEP),
                        _figure_inputs(lang))


def _study_figure_key(name: str, style: str, lang: str) -> str:
    return cache.key_of("study-figure", _study_key(name), style, _figure_inputs(lang))


def _render_job(job: tuple) -> dict[str, figures.Rendered]:
    """Draw one figure (in a worker process), in the light style with its dark variant, and cache both, each
    with its sharp copy for HiDPI screens. ``keys`` maps each style to its cache key; ``what`` is a problem's
    name or a study's (whose result the worker reads from the cache)."""
    kind, lang, keys, what = job
    if kind == "study":
        light = figures.draw_study(studies.STUDIES[what].figure, study_result(what), "light", lang)
    else:
        light = figures.render(kind, what, experiments.problem_runs(what), "light", lang)
    out = {}
    for style, key in keys.items():
        data = figures.styled(light, style)
        cache.atomic_write(cache.path_for("figures", key, HIDPI_EXT), data.hidpi)   # first: the .png marks it done
        cache.atomic_write(cache.path_for("figures", key, ".png"), data)
        out[style] = data
    return out


def _job(task: tuple):
    """One task of the build, in a worker: ("runs", problem), ("published", problem), ("study", name) or
    ("figure", figure job)."""
    what, arg = task
    if what == "runs":
        experiments.problem_runs(arg)
    elif what == "published":             # what the site publishes of a problem's runs besides its figures
        for kind in figures.KINDS:
            _problem_csv(arg, kind)
        for style in figures.STYLES:
            interactive.contour_image(arg, style)
        interactive.data_json(arg)
    elif what == "study":
        study_result(arg)
    else:
        return _render_job(arg)
    return None


#: rough relative cost of a task, to start the slow ones first: a figure by kind or study, runs by problem
_COST = {"panels-tuned": 5, "noise-2d": 10, "init-activations": 7, "sweep": 2, "data-logreg": 3}
_RUNS_COST = {"rosenbrock": 3, "beale": 3}
#: worker processes that compute (each task is one problem's runs, one study or one figure)
WORKERS = min(os.cpu_count() or 1, 4)


def _progress(iterable=None, **kw):
    return tqdm(iterable, file=sys.stderr, dynamic_ncols=True, mininterval=0.5, **kw)


def study_figure_name(name: str, style: str, lang: str) -> str:
    return f"study-{name}-{lang}-{style}.png"


def _runs_cached(problem: str) -> bool:
    return cache.path_for("runs", experiments._key(problem, experiments.SWEEP), ".npz").exists()


def _study_cached(name: str) -> bool:
    return cache.path_for("studies", _study_key(name), ".json").exists()


def _figures() -> list[tuple[tuple, dict, dict, tuple]]:
    """Every figure: (what it needs, ("runs", problem) or ("study", name); {style: file name}; {style: key}; job)."""
    out = []
    for lang in LANGUAGES:
        for problem in PROBLEMS:
            for kind in figures.KINDS:
                keys = {s: _figure_key(problem, kind, s, lang) for s in figures.STYLES}
                out.append((("runs", problem), {s: pages.figure_name(problem, kind, s, lang) for s in figures.STYLES},
                            keys, (kind, lang, keys, problem)))
        for name, study in studies.STUDIES.items():
            if study.figure is not None:
                keys = {s: _study_figure_key(name, s, lang) for s in figures.STYLES}
                out.append((("study", name), {s: study_figure_name(name, s, lang) for s in figures.STYLES},
                            keys, ("study", lang, keys, name)))
    return out


def _cost(task: tuple) -> int:
    what, arg = task
    if what == "runs":
        return _RUNS_COST.get(arg, 1)
    if what == "published":
        return 1
    if what == "study":
        name = arg
    else:                                  # a figure job: (kind, lang, keys, problem or study name)
        kind, _, _, of = arg
        name = of if kind == "study" else kind
    return _COST.get(name, 1)


def compute_all() -> dict[str, figures.Rendered]:
    """Every problem's runs, every study and every figure, from the cache or computed; returns {file name:
    figures.Rendered} for the figures.

    Worker processes take the tasks one at a time, the costly first within each kind: runs and studies first,
    each figure as soon as what it plots is there. A study that reads another's result, or a problem's runs,
    that a worker is still computing waits for it (``cache.computing``) rather than computing it again."""
    studies.load_all()
    claims.load_all()                                  # each optimizer's verdicts are a study too
    out: dict[str, figures.Rendered] = {}
    todo = []
    for needs, names, keys, job in _figures():
        paths = {s: (cache.path_for("figures", k, ".png"), cache.path_for("figures", k, HIDPI_EXT))
                 for s, k in keys.items()}
        if all(p.exists() and h.exists() for p, h in paths.values()):
            out.update({names[s]: figures.Rendered(p.read_bytes(), h.read_bytes()) for s, (p, h) in paths.items()})
        else:
            todo.append((needs, names, job))
    inputs = sorted([("runs", p) for p in PROBLEMS if not _runs_cached(p)], key=lambda t: -_cost(t))
    inputs += sorted([("study", n) for n in studies.STUDIES if not _study_cached(n)], key=lambda t: -_cost(t))
    waiting: dict[tuple, list] = {}
    ready = []
    for needs, names, job in todo:
        (waiting.setdefault(needs, []) if needs in inputs else ready).append((("figure", job), names))
    published = [p for p in PROBLEMS if ("runs", p) in inputs]
    for p in published:     # new runs: their CSVs and the explorer's data, cached here, off the main process's path
        waiting.setdefault(("runs", p), []).append((("published", p), None))
    if not inputs and not ready:
        return dict(sorted(out.items()))

    def done(task, result, names) -> list:
        if names is not None:
            out.update({names[s]: data for s, data in result.items()})
        follow = waiting.pop(task, []) if task[0] in ("runs", "study") else []   # nothing waits for the rest
        return sorted(follow, key=lambda tn: -_cost(tn[0]))

    bar = _progress(total=len(inputs) + len(todo) + len(published), desc="runs, studies, figures", unit="task")
    ready.sort(key=lambda tn: -_cost(tn[0]))
    queue = [(t, None) for t in inputs] + ready
    if WORKERS < 2:
        while queue:
            task, names = queue.pop(0)
            queue += done(task, _job(task), names)
            bar.update()
        bar.close()
        return dict(sorted(out.items()))
    figures.warm_up()              # fonts and the math parser, loaded once before the workers fork
    pool = ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("fork"))
    try:
        futures = {pool.submit(_job, task): (task, names) for task, names in queue}
        while futures:
            finished, _ = wait(futures, return_when=FIRST_COMPLETED)
            for future in finished:
                task, names = futures.pop(future)
                for follow, follow_names in done(task, future.result(), names):
                    futures[pool.submit(_job, follow)] = (follow, follow_names)
                bar.update()
    finally:
        pool.shutdown(cancel_futures=True)
        bar.close()
    return dict(sorted(out.items()))


def katex_assets() -> dict[str, bytes]:
    if not KATEX_DIR.is_dir():
        raise FileNotFoundError(f"KaTeX is missing at {KATEX_DIR}: run `make setup` (npm ci) first")
    # formulas are rendered at build time (scripts/katex.py): readers need the style and fonts only
    # the "swap" variant shows text at once in a fallback font while KaTeX's fonts load
    files = {"katex-swap.min.css": KATEX_DIR / "katex-swap.min.css"}
    for font in sorted((KATEX_DIR / "fonts").glob("*.woff2")):
        files[f"fonts/{font.name}"] = font
    return {f"assets/katex/{k}": v.read_bytes() for k, v in files.items()}


def write_fragments() -> None:
    """Generated pieces that the hand-written pages include with --8<--: defaults and pros and cons."""
    for lang in LANGUAGES:
        for name in OPTIMIZERS:
            for path, text in ((FRAGMENT_DIR / lang / f"{name.lower()}-defaults.md", pages.defaults_fragment(name, lang)),
                               (FRAGMENT_DIR / lang / f"claims-{name.lower()}.md", claim_pages.fragment(name, lang))):
                data = text.encode("utf-8")
                if not path.exists() or path.read_bytes() != data:
                    cache.atomic_write(path, data)
        path, data = FRAGMENT_DIR / lang / "home-animation.md", interactive.home_section(lang).encode("utf-8")
        if not path.exists() or path.read_bytes() != data:     # the home page's animation (docs/<lang>/index.md)
            cache.atomic_write(path, data)


@functools.lru_cache(maxsize=None)
def values() -> dict[str, object]:
    """Every number a hand-written page may quote, by key (see scripts/mkdocs_hooks.py).

    ``<problem>.<Optimizer>.<default|tuned>.<lr|final_gap|steps_to_target|diverged_at>``
    and ``study.<name>.<key>``.
    """
    out: dict[str, object] = {}
    for p in PROBLEMS:
        for which, rows in experiments.summaries(p).items():
            for name, s in rows.items():
                for field in ("lr", "final_gap", "steps_to_target", "diverged_at"):
                    out[f"{p}.{name}.{which}.{field}"] = getattr(s, field)
    studies.load_all()
    claims.load_all()              # every study registered first: a study's result may import a claim module
    for name in list(studies.STUDIES):
        for k, v in study_result(name).items():
            if not isinstance(v, (list, dict)):
                out[f"study.{name}.{k}"] = v
    out.update(claim_pages.values())
    out.update({f"registry.{group}_count": len(names) for group, names in GROUPS.items()})
    out.update(claim_pages.home_values())
    return out


def study_figure_md(name: str, lang: str, depth: int, lazy: bool = True) -> str:
    """The figure block of a study, for a page ``depth`` folders below the site root (``lazy=False``: the
    page's first image, fetched at once)."""
    study = studies.STUDIES[name]
    if study.figure is None:
        raise KeyError(f"study {name!r} has no figure")
    result = study_result(name)
    fmt = {k: (pages.fmt_num(v) if isinstance(v, float) else v) for k, v in result.items()}
    # every problem's start point, so a caption never types one by hand: {start_bowl}
    fmt.update({f"start_{p}": pages.fmt_point(PROBLEMS[p].start) for p in PROBLEMS})
    return pages.figure_block(name, lambda style: study_figure_name(name, style, lang),
                              study.alt[lang].format(**fmt), study.caption[lang].format(**fmt), depth, lazy)


def _problem_csv(problem: str, kind: str) -> bytes:
    """The numbers of one problem figure, cached: writing every drawn step of 15 runs as text was a tenth of a
    warm build."""
    key = cache.key_of("figure-csv", problem, kind, experiments._key(problem, experiments.SWEEP),
                       cache.source_of(figure_data))
    path = cache.path_for("csv", key, ".csv")
    if not path.exists():
        which = figures.KINDS[kind][1]
        cache.atomic_write(path, figure_data.problem_csv(kind, experiments.problem_runs(problem), which))
    return path.read_bytes()


def figure_csvs() -> dict[str, bytes]:
    """The numbers every figure plots, one CSV per figure (both languages and styles): the link at the end of
    its caption (scripts/figure_data.py)."""
    studies.load_all()
    files = {}
    for p in PROBLEMS:
        for kind in figures.KINDS:
            files[figure_data.csv_path(f"{p}-{kind}")] = _problem_csv(p, kind)
    for name, study in studies.STUDIES.items():
        if study.figure is not None:
            files[figure_data.csv_path(f"{figure_data.STUDY_PREFIX}{name}")] = figure_data.study_csv(
                study_result(name))
    return files


_BUILT: dict[str, bytes] | None = None


def build_all() -> dict[str, bytes]:
    global _BUILT
    if _BUILT is not None:
        return _BUILT
    rendered = compute_all()
    summ = {p: experiments.summaries(p) for p in PROBLEMS}
    files: dict[str, bytes] = {}
    for name, data in rendered.items():
        files[f"{pages.FIGURE_DIR}/{name}"] = data
        files[f"{pages.FIGURE_DIR}/{pages.hidpi_name(name)}"] = data.hidpi    # srcset 2x, and the zoomed view
    for lang in LANGUAGES:
        for p in PROBLEMS:
            md = pages.problem_page(p, experiments.problem_runs(p), summ[p], lang)
            files[f"{lang}/problems/{p}.md"] = md.encode("utf-8")
        files[f"{lang}/comparison.md"] = pages.comparison_page(summ, lang).encode("utf-8")
    files.update(figure_csvs())
    files.update(interactive.files())
    files.update(katex_assets())
    files.update(notebooks.files())      # a notebook per optimizer and experiment page (scripts/notebooks.py)
    write_fragments()
    _BUILT = files
    return files


if __name__ == "__main__":  # python -m scripts.build: warm the cache without mkdocs
    print(f"{len(build_all())} files", file=sys.stderr)
