"""Build the site once per test session, into a temporary folder (never into site/).

Every test module that needs the built site calls ``built_site()``; the first call
builds (fast when .cache/ is warm), later calls return the same folder.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_SITE: Path | None = None
_OUTPUT = ""


def mkdocs_env() -> dict:
    return dict(os.environ, DISABLE_MKDOCS_2_WARNING="true", NO_MKDOCS_2_WARNING="1")


def build(dest: Path, cache_dir: Path | None = None) -> subprocess.CompletedProcess:
    env = mkdocs_env()
    if cache_dir is not None:
        env["OPTIMIZERS_CACHE_DIR"] = str(cache_dir)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)],
                          cwd=ROOT, env=env, capture_output=True, text=True)


def built_site() -> tuple[Path, str]:
    """(site folder, build output)."""
    global _SITE, _OUTPUT
    if _SITE is None:
        tmp = Path(tempfile.mkdtemp(prefix="optimizers-site-"))
        atexit.register(shutil.rmtree, tmp, True)
        proc = build(tmp / "site")
        if proc.returncode != 0:
            raise AssertionError("mkdocs build --strict failed:\n" + proc.stdout + proc.stderr)
        _SITE, _OUTPUT = tmp / "site", proc.stdout + proc.stderr
    return _SITE, _OUTPUT
