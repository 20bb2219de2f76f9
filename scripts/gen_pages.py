"""mkdocs-gen-files entry point: put the computed pages, figures and assets in the docs tree.

Under `mkdocs serve` the same process rebuilds the site after every change. When a
Python file of the package or of the build has changed since it was imported, the
modules are dropped and imported afresh, so the site never shows results of code
that is no longer there (mkdocs.yml watches optimizers/ and scripts/).
"""

import sys
from pathlib import Path

import mkdocs_gen_files

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _fingerprint() -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for folder in ("optimizers", "scripts")
                        for p in (ROOT / folder).rglob("*.py")))


def _fresh_modules() -> None:
    loaded = sys.modules.get("scripts.build")
    current = _fingerprint()
    if loaded is not None and getattr(loaded, "SOURCE_FINGERPRINT", None) != current:
        package = sys.modules.get("scripts")
        for name in list(sys.modules):
            if name == "optimizers" or name.startswith("optimizers.") or (
                    name.startswith("scripts.") and name != "scripts.mkdocs_hooks"):
                del sys.modules[name]
                # `from . import x` reads the package's attribute first: drop the stale one too
                if package is not None and name.count(".") == 1:
                    package.__dict__.pop(name.split(".", 1)[1], None)
    import scripts.build
    scripts.build.SOURCE_FINGERPRINT = current


_fresh_modules()
from scripts.build import build_all  # noqa: E402

for path, data in build_all().items():
    with mkdocs_gen_files.open(path, "wb") as fh:
        fh.write(data)
