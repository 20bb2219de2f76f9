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
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Callable

from tqdm import tqdm

from optimizers import OPTIMIZERS, PROBLEMS

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
    with its sharp copy for HiDPI screens. ``keys`` maps each style to its cache key. A study's job carries its
    figure function and result, so a worker forked before the studies were computed can draw it."""
    kind, lang, keys, what = job
    if kind == "study":
        draw, result = what
        light = figures.draw_study(draw, result, "light", lang)
    else:
        light = figures.render(kind, what, experiments.problem_runs(what), "light", lang)
    out = {}
    for style, key in keys.items():
        data = figures.styled(light, style)
        cache.atomic_write(cache.path_for("figures", key, HIDPI_EXT), data.hidpi)   # first: the .png marks it done
        cache.atomic_write(cache.path_for("figures", key, ".png"), data)
        out[style] = data
    return out


#: rough relative cost of rendering a figure (kind or study), to start the slow ones first
_COST = {"panels-tuned": 5, "noise-2d": 10, "init-activations": 7, "sweep": 2, "data-logreg": 3}
#: worker processes that render figures (each job is one figure)
WORKERS = min(os.cpu_count() or 1, 4)


def _progress(iterable=None, **kw):
    return tqdm(iterable, file=sys.stderr, dynamic_ncols=True, mininterval=0.5, **kw)


def study_figure_name(name: str, style: str, lang: str) -> str:
    return f"study-{name}-{lang}-{style}.png"


def run_experiments() -> dict[str, dict]:
    missing = [p for p in PROBLEMS
               if not cache.path_for("runs", experiments._key(p, experiments.SWEEP), ".npz").exists()]
    for p in _progress(PROBLEMS, desc="experiments", disable=not missing, unit="problem"):
        experiments.problem_runs(p)
    studies.load_all()
    claims.load_all()                                  # each optimizer's verdicts are a study too
    missing = [n for n in studies.STUDIES if not cache.path_for("studies", _study_key(n), ".json").exists()]
    for name in _progress(missing, desc="studies", disable=not missing, unit="study"):
        study_result(name)
    return {p: experiments.summaries(p) for p in PROBLEMS}


def _figure_jobs(out: dict, todo: list) -> list:
    """Jobs for the figures in ``todo`` [({style: file name}, {style: key}, job)] not in the cache (one job draws
    both styles); cached ones go to ``out``."""
    jobs = []
    for names, keys, job in todo:
        paths = {s: (cache.path_for("figures", k, ".png"), cache.path_for("figures", k, HIDPI_EXT))
                 for s, k in keys.items()}
        if all(p.exists() and h.exists() for p, h in paths.values()):
            out.update({names[s]: figures.Rendered(p.read_bytes(), h.read_bytes()) for s, (p, h) in paths.items()})
        else:
            jobs.append((job(), names))
    return jobs


def _problem_figures() -> list:
    return [({s: pages.figure_name(problem, kind, s, lang) for s in figures.STYLES},
             keys, lambda kind=kind, lang=lang, keys=keys, problem=problem: (kind, lang, keys, problem))
            for lang in LANGUAGES for problem in PROBLEMS for kind in figures.KINDS
            for keys in [{s: _figure_key(problem, kind, s, lang) for s in figures.STYLES}]]


def _study_figures() -> list:
    return [({s: study_figure_name(name, s, lang) for s in figures.STYLES}, keys,
             lambda lang=lang, keys=keys, name=name, study=study:
             ("study", lang, keys, (study.figure, study_result(name))))
            for lang in LANGUAGES for name, study in studies.STUDIES.items() if study.figure is not None
            for keys in [{s: _study_figure_key(name, s, lang) for s in figures.STYLES}]]


def _cost(names: dict) -> int:
    name = names["light"]
    return max((c for k, c in _COST.items() if f"-{k}-" in name), default=1)


def render_figures(meanwhile: Callable[[], object] | None = None) -> dict[str, bytes]:
    """{file name: PNG bytes (figures.Rendered, with the sharp copy)} for every figure, rendering only the cache misses.

    Problem figures need only the runs: worker processes render them while ``meanwhile()`` (the
    studies, which run on one thread) goes on in this process, so no core waits. The study figures
    follow. Every job is one figure, the slowest first."""
    out: dict[str, bytes] = {}
    pool, futures, serial = None, {}, []

    def submit(jobs: list) -> None:
        nonlocal pool
        jobs.sort(key=lambda jn: -_cost(jn[1]))
        if WORKERS < 2:
            serial.extend(jobs)
            return
        if pool is None and jobs:
            figures.warm_up()              # fonts and the math parser, loaded once before the workers fork
            pool = ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("fork"))
        futures.update({pool.submit(_render_job, job): name for job, name in jobs})

    try:
        submit(_figure_jobs(out, _problem_figures()))
        if meanwhile is not None:
            meanwhile()
        submit(_figure_jobs(out, _study_figures()))
        with _progress(total=len(futures) + len(serial), desc="figures", unit="fig",
                       disable=not (futures or serial)) as bar:
            for job, names in serial:
                out.update({names[s]: data for s, data in _render_job(job).items()})
                bar.update()
            for future in as_completed(futures):
                out.update({futures[future][s]: data for s, data in future.result().items()})
                bar.update()
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
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
    out.update(claim_pages.home_values())
    return out


def study_figure_md(name: str, lang: str, depth: int) -> str:
    """The figure block of a study, for a page ``depth`` folders below the site root."""
    study = studies.STUDIES[name]
    if study.figure is None:
        raise KeyError(f"study {name!r} has no figure")
    result = study_result(name)
    fmt = {k: (pages.fmt_num(v) if isinstance(v, float) else v) for k, v in result.items()}
    # every problem's start point, so a caption never types one by hand: {start_bowl}
    fmt.update({f"start_{p}": pages.fmt_point(PROBLEMS[p].start) for p in PROBLEMS})
    return pages.figure_block(name, lambda style: study_figure_name(name, style, lang),
                              study.alt[lang].format(**fmt), study.caption[lang].format(**fmt), depth)


def figure_csvs() -> dict[str, bytes]:
    """The numbers every figure plots, one CSV per figure (both languages and styles): the link at the end of
    its caption (scripts/figure_data.py)."""
    studies.load_all()
    files = {}
    for p in PROBLEMS:
        for kind, (_, which) in figures.KINDS.items():
            files[figure_data.csv_path(f"{p}-{kind}")] = figure_data.problem_csv(kind, experiments.problem_runs(p),
                                                                                 which)
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
    for p in _progress(PROBLEMS, desc="experiments", unit="problem", disable=all(
            cache.path_for("runs", experiments._key(p, experiments.SWEEP), ".npz").exists() for p in PROBLEMS)):
        experiments.problem_runs(p)      # the problem figures need only these: they render while the studies run
    results: dict = {}
    rendered = render_figures(meanwhile=lambda: results.update(summ=run_experiments()))
    summ = results["summ"]
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
