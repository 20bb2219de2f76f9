"""The build is reproducible: same commit, same bytes, even after a build was killed.

Heavy (three cold builds, ~35 s each on 2 cores), and part of ``make test``; select
them with ``-m reproducible`` or leave them out with ``-m "not reproducible"``.

1. Two cold builds (each with its own empty cache, ``OPTIMIZERS_CACHE_DIR``) into
   separate folders give byte-identical sites, apart from ``MAY_DIFFER`` (empty).
2. A cold build killed with SIGKILL while figures render (the whole process group,
   workers too), then run again on the same cache and folder, gives the clean site.
3. The session's site, built on the shared warm ``.cache/``, equals the cold one:
   a cache hit gives what a recomputation gives.

One clean cold build serves as the reference for all three.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from site_build import ROOT, build, built_site, mkdocs_env

pytestmark = pytest.mark.reproducible

#: files of the site that are allowed to differ between two builds of one commit, with the reason
MAY_DIFFER: dict[str, str] = {}


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _first_difference(a: bytes, b: bytes) -> str:
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"sizes {len(a)} / {len(b)}, first difference at byte {i}: {a[max(0, i - 40):i + 40]!r} / " \
           f"{b[max(0, i - 40):i + 40]!r}"


def differences(a: Path, b: Path) -> list[str]:
    ta, tb = tree(a), tree(b)
    out = [f"only in the first: {n}" for n in sorted(set(ta) - set(tb)) if n not in MAY_DIFFER]
    out += [f"only in the second: {n}" for n in sorted(set(tb) - set(ta)) if n not in MAY_DIFFER]
    out += [f"{n}: {_first_difference(ta[n], tb[n])}" for n in sorted(set(ta) & set(tb))
            if ta[n] != tb[n] and n not in MAY_DIFFER]
    return out


def _assert_same(a: Path, b: Path, what: str) -> None:
    diff = differences(a, b)
    if diff:
        pytest.fail(f"{what}: {len(diff)} files differ\n  " + "\n  ".join(diff[:40]), pytrace=False)


def _cold_build(folder: Path) -> Path:
    proc = build(folder / "site", folder / "cache")
    if proc.returncode != 0:
        raise AssertionError("cold build failed:\n" + proc.stdout[-3000:] + proc.stderr[-3000:])
    return folder / "site"


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Path:
    """The reference: one cold build with an empty cache of its own."""
    return _cold_build(tmp_path_factory.mktemp("clean"))


def test_two_cold_builds_are_byte_identical(clean, tmp_path):
    _assert_same(clean, _cold_build(tmp_path), "two cold builds of one commit")


def test_cache_hit_gives_the_same_site_as_a_cold_build(clean):
    _assert_same(clean, built_site()[0], "the session's (warm cache) build and a cold build")


def _figures_in(cache: Path) -> list[Path]:
    folder = cache / "figures"
    return [p for p in folder.iterdir() if p.suffix == ".png"] if folder.is_dir() else []


def test_build_killed_while_rendering_figures_then_rebuilt(clean, tmp_path):
    cache, site = tmp_path / "cache", tmp_path / "site"
    env = mkdocs_env()
    env["OPTIMIZERS_CACHE_DIR"] = str(cache)
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 900
    try:
        while not _figures_in(cache):
            if proc.poll() is not None:
                pytest.fail(f"the build ended (code {proc.returncode}) before any figure was rendered")
            if time.monotonic() > deadline:
                pytest.fail("no figure rendered in 15 minutes")
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the build and its rendering workers
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the build finished before it could be killed"
    # the kill left whole cache entries or none: every PNG under its final name is complete
    from PIL import Image
    for png in _figures_in(cache):
        with Image.open(png) as im:
            im.load()
    rendered = len(_figures_in(cache))
    proc = build(site, cache)
    assert proc.returncode == 0, "rebuild after the kill failed:\n" + proc.stdout[-3000:] + proc.stderr[-3000:]
    _assert_same(clean, site, f"a rebuild after a build killed with {rendered} figures in the cache, and a clean build")
