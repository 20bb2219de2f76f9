"""The offline copy of the site: ``site.zip``, to unpack and open from file:// with no server.

As a script (``make build`` runs it)::

    python scripts/offline_zip.py [site.zip]

builds the site with ``mkdocs.offline.yml`` (mkdocs.yml plus Material's offline
plugin) into a temporary folder and writes it, as the folder ``optimizer-study/``,
into a zip that is the same bytes for the same commit: sorted entries, fixed
timestamps and permissions, fixed compression, and ``SOURCE_DATE_EPOCH`` set to the
commit's time (so the sitemap's dates do not follow the clock).

As a MkDocs hook (listed in mkdocs.offline.yml only) it puts the iframe-worker shim,
installed from npm, where ``extra.polyfills`` points: Material's search runs in a
Web Worker, which file:// does not allow, and the offline plugin would otherwise take
the shim from unpkg.com.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.offline.yml"
SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_IN_SITE = "assets/javascripts/iframe-worker.js"
FOLDER = "optimizer-study"  # what unpacking the zip gives
EPOCH_1980 = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold
STORED = {".png", ".jpg", ".webp", ".woff2", ".gz", ".zip"}  # already compressed


# --- the MkDocs hook -----------------------------------------------------------------

def on_post_build(config, **kwargs):
    if not SHIM.is_file():
        raise FileNotFoundError(f"iframe-worker is missing at {SHIM}: run `make setup` (npm ci) first")
    dest = Path(config.site_dir) / SHIM_IN_SITE
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHIM, dest)


# --- the script ----------------------------------------------------------------------

def source_date_epoch() -> str | None:
    """The time of the checked-out commit, for SOURCE_DATE_EPOCH (None outside git)."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    except OSError:
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


def build_env() -> dict:
    env = dict(os.environ, DISABLE_MKDOCS_2_WARNING="true", NO_MKDOCS_2_WARNING="1")
    if "SOURCE_DATE_EPOCH" not in env:
        epoch = source_date_epoch()
        if epoch:
            env["SOURCE_DATE_EPOCH"] = epoch
    return env


def build_offline(dest: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of the offline variant into ``dest``."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(CONFIG),
                           "--site-dir", str(dest)], cwd=ROOT, env=env or build_env(), capture_output=True,
                          text=True)


def write_zip(site: Path, out: Path, folder: str = FOLDER) -> int:
    """Zip ``site`` as ``folder/...`` into ``out``, deterministically. Returns the number of files."""
    files = sorted((p for p in site.rglob("*") if p.is_file()), key=lambda p: p.relative_to(site).as_posix())
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh, zipfile.ZipFile(fh, "w") as zf:
            for path in files:
                info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site).as_posix()}", date_time=EPOCH_1980)
                info.create_system = 3  # Unix, so the permissions below are read
                info.external_attr = 0o100644 << 16
                if path.suffix in STORED:
                    info.compress_type = zipfile.ZIP_STORED
                    zf.writestr(info, path.read_bytes())
                else:
                    info.compress_type = zipfile.ZIP_DEFLATED
                    zf.writestr(info, path.read_bytes(), compresslevel=9)
        os.chmod(tmp, 0o644)                        # mkstemp makes it 0600: a zip to share is readable
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(files)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "site.zip"
    with tempfile.TemporaryDirectory(prefix="optimizers-offline-") as tmp:
        site = Path(tmp) / FOLDER
        proc = build_offline(site)
        if proc.returncode != 0:
            sys.stderr.write(proc.stdout + proc.stderr)
            return proc.returncode
        n = write_zip(site, out)
    print(f"{out}: {n} files, {out.stat().st_size / 1e6:.1f} MB; unpack it and open {FOLDER}/index.html",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
