"""A content-addressed cache: a result is stored under the hash of everything it depends on.

A key is the SHA-256 of a JSON description of the inputs: the source code that
produces the result, its settings and the versions of the libraries involved.
Change any of them and the key changes; change none and the result is reused.
Writes go to a temporary name in the same folder and are renamed into place, so a
build killed halfway leaves either the whole entry or none of it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import inspect
import json
import os
import sys
import tempfile
from pathlib import Path
from types import ModuleType

try:
    import fcntl
except ImportError:                 # Windows: no lock, at worst an entry computed twice
    fcntl = None

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = Path(os.environ.get("OPTIMIZERS_CACHE_DIR", ROOT / ".cache"))


@functools.lru_cache(maxsize=None)
def source_of(*objects: ModuleType | type | object) -> str:
    """The source text of modules, classes or functions, for a cache key."""
    return "\n".join(inspect.getsource(o) for o in objects)


@functools.lru_cache(maxsize=None)
def package_source(package_dir: Path) -> str:
    """Every .py file below a folder, in a fixed order."""
    files = sorted(p for p in package_dir.rglob("*.py") if "__pycache__" not in p.parts)
    return "\n".join(f"# {p.relative_to(package_dir)}\n{p.read_text(encoding='utf-8')}" for p in files)


@functools.lru_cache(maxsize=None)
def versions(*names: str) -> dict[str, str]:
    out = {"python": sys.version.split()[0]}
    for name in names:
        module = sys.modules.get(name) or __import__(name)
        out[name] = getattr(module, "__version__", "?")
    return out


def key_of(*parts: object) -> str:
    blob = json.dumps(parts, sort_keys=True, default=repr, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:24]


def path_for(kind: str, key: str, suffix: str) -> Path:
    return CACHE_DIR / kind / f"{key}{suffix}"


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


@contextlib.contextmanager
def computing(path: Path):
    """Held while one process computes the entry at ``path``: another build process that needs the same entry
    waits here, then finds it written (check ``path.exists()`` again inside), instead of computing it twice.
    The build's workers compute studies that read each other's results. No lock where fcntl is missing."""
    if fcntl is None:
        yield
        return
    lock = CACHE_DIR / "locks" / f"{path.parent.name}-{path.name}.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "wb") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
