"""Everything the site needs from the package, computed or taken from the cache.

``build_all()`` returns {path in the docs tree: bytes}. It is called by
``scripts/gen_pages.py`` (mkdocs-gen-files) once per language build, so the
result is memoised for the life of the process.
"""

from __future__ import annotations

import functools
import json
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType

from tqdm import tqdm

from optimizers import OPTIMIZERS, PROBLEMS

from . import cache, experiments, figures, interactive, pages, studies
from .studies import _study_key, study_result  # noqa: F401  (the cache of study results lives with the registry)
from .text import LANGUAGES

KATEX_DIR = cache.ROOT / "node_modules" / "katex" / "dist"
FRAGMENT_DIR = cache.CACHE_DIR / "fragments"


def _figure_key(problem: str, kind: str, style: str) -> str:
    return cache.key_of("figure", kind, problem, style, experiments._key(problem, experiments.SWEEP),
                        cache.source_of(figures), figures.DPI, cache.versions("numpy", "matplotlib"))


def _render_job(job: tuple[str, str, str, str]) -> tuple[str, bytes]:
    problem, kind, style, key = job
    if kind == "study":
        study = studies.STUDIES[problem]
        data = study.figure(study_result(problem), figures.STYLES[style])
    else:
        data = figures.render(kind, problem, experiments.problem_runs(problem), style)
    cache.atomic_write(cache.path_for("figures", key, ".png"), data)
    return key, data


def _progress(iterable=None, **kw):
    return tqdm(iterable, file=sys.stderr, dynamic_ncols=True, mininterval=0.5, **kw)


def study_figure_name(name: str, style: str) -> str:
    return f"study-{name}-{style}.png"


def run_experiments() -> dict[str, dict]:
    missing = [p for p in PROBLEMS
               if not cache.path_for("runs", experiments._key(p, experiments.SWEEP), ".npz").exists()]
    for p in _progress(PROBLEMS, desc="experiments", disable=not missing, unit="problem"):
        experiments.problem_runs(p)
    studies.load_all()
    missing = [n for n in studies.STUDIES if not cache.path_for("studies", _study_key(n), ".json").exists()]
    for name in _progress(missing, desc="studies", disable=not missing, unit="study"):
        study_result(name)
    return {p: experiments.summaries(p) for p in PROBLEMS}


def render_figures() -> dict[str, bytes]:
    """{file name: PNG bytes} for every figure, rendering only the cache misses."""
    jobs, out = [], {}
    for problem in PROBLEMS:
        for kind in figures.KINDS:
            for style in figures.STYLES:
                key = _figure_key(problem, kind, style)
                name = pages.figure_name(problem, kind, style)
                path = cache.path_for("figures", key, ".png")
                if path.exists():
                    out[name] = path.read_bytes()
                else:
                    jobs.append(((problem, kind, style, key), name))
    for name, study in studies.STUDIES.items():
        if study.figure is None:
            continue
        for style in figures.STYLES:
            key = cache.key_of(_study_key(name), style)
            fname = study_figure_name(name, style)
            path = cache.path_for("figures", key, ".png")
            if path.exists():
                out[fname] = path.read_bytes()
            else:
                jobs.append(((name, "study", style, key), fname))
    if jobs:
        workers = min(len(jobs), os.cpu_count() or 1, 4)
        names = {job[3]: name for job, name in jobs}
        bar = _progress(total=len(jobs), desc="figures", unit="fig")
        if workers > 1:
            ctx = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
                for key, data in pool.map(_render_job, [j for j, _ in jobs], chunksize=2):
                    out[names[key]] = data
                    bar.update()
        else:
            for job, name in jobs:
                out[name] = _render_job(job)[1]
                bar.update()
        bar.close()
    return out


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
    """Generated pieces that the hand-written pages include with --8<--."""
    for lang in LANGUAGES:
        for name in OPTIMIZERS:
            path = FRAGMENT_DIR / lang / f"{name.lower()}-defaults.md"
            data = pages.defaults_fragment(name, lang).encode("utf-8")
            if not path.exists() or path.read_bytes() != data:
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
    for name in studies.STUDIES:
        for k, v in study_result(name).items():
            if not isinstance(v, (list, dict)):
                out[f"study.{name}.{k}"] = v
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
    return pages.figure_block(name, lambda style: study_figure_name(name, style), study.alt[lang].format(**fmt),
                              study.caption[lang].format(**fmt), depth)


_BUILT: dict[str, bytes] | None = None


def build_all() -> dict[str, bytes]:
    global _BUILT
    if _BUILT is not None:
        return _BUILT
    summ = run_experiments()
    files: dict[str, bytes] = {}
    for name, data in render_figures().items():
        files[f"{pages.FIGURE_DIR}/{name}"] = data
    for lang in LANGUAGES:
        for p in PROBLEMS:
            md = pages.problem_page(p, experiments.problem_runs(p), summ[p], lang)
            files[f"{lang}/problems/{p}.md"] = md.encode("utf-8")
        files[f"{lang}/comparison.md"] = pages.comparison_page(summ, lang).encode("utf-8")
    files.update(interactive.files())
    files.update(katex_assets())
    write_fragments()
    _BUILT = files
    return files


if __name__ == "__main__":  # python -m scripts.build: warm the cache without mkdocs
    print(f"{len(build_all())} files", file=sys.stderr)
