"""The build's cache under several worker processes (scripts/cache.py, scripts/build.py).

The build's workers compute studies that read each other's results: a study that a
worker is computing is waited for, never computed a second time.
"""

from __future__ import annotations

import multiprocessing
import time

from scripts import build, cache


def _compute_once(path, log, hold: float) -> None:
    """What study_result does: compute under the entry's lock unless the entry is there."""
    if not path.exists():
        with cache.computing(path):
            if not path.exists():
                with open(log, "a") as fh:
                    fh.write("computed\n")
                time.sleep(hold)
                cache.atomic_write(path, b"result")


def test_an_entry_being_computed_is_waited_for_not_computed_twice(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "CACHE_DIR", tmp_path)
    path, log = tmp_path / "studies" / "x.json", tmp_path / "log"
    ctx = multiprocessing.get_context("fork")
    first = ctx.Process(target=_compute_once, args=(path, log, 0.5))
    first.start()
    while not log.exists():                  # the first process holds the lock and is computing
        time.sleep(0.01)
    second = ctx.Process(target=_compute_once, args=(path, log, 0.0))
    second.start()
    first.join(10)
    second.join(10)
    assert first.exitcode == second.exitcode == 0
    assert log.read_text() == "computed\n", "the second process computed the entry again"
    assert path.read_bytes() == b"result"


def test_every_figure_waits_for_what_it_plots():
    """Each figure task names the runs or study it draws, and every one of those is a task of the build."""
    from optimizers import PROBLEMS
    from scripts import studies
    figures = build._figures()
    assert figures, "no figures"
    inputs = {("runs", p) for p in PROBLEMS} | {("study", n) for n in studies.STUDIES}
    assert {needs for needs, *_ in figures} <= inputs
    names = [n for _, names, _, _ in figures for n in names.values()]
    assert len(names) == len(set(names)), "two figures write the same file"
