"""mkdocs-gen-files entry point: put the computed pages, figures and assets in the docs tree."""

import sys
from pathlib import Path

import mkdocs_gen_files

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.build import build_all  # noqa: E402

for path, data in build_all().items():
    with mkdocs_gen_files.open(path, "wb") as fh:
        fh.write(data)
