"""The notebooks of the optimizer and experiment pages (scripts/notebooks.py), as a reader downloads them.

Every notebook of the built site, in both languages, is executed with nbclient in a kernel that cannot
reach this repository (``import optimizers`` and ``import scripts`` fail, its folder is not on the path, and
the working folder is an empty temporary one) nor the network (socket connections are refused). Its printed
tables must hold the numbers of its page: each printed row's numbers appear, in order, in the row of the
same name in one of the page's tables (the page may hold more, e.g. ranks). Every optimizer and experiment
page links its own notebook, and the notebooks' code cells are the package's files as they are.
"""

from __future__ import annotations

import ast
import asyncio
import os
import re
import tempfile
import textwrap
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import need
from site_build import ROOT, built_site

from optimizers import OPTIMIZERS
from scripts import notebooks

LANGS = ("ko", "en")
PAGES = sorted(notebooks.pages())
CASES = [(page, lang) for page in PAGES for lang in LANGS]
#: seconds a cell may take (they take about one)
TIMEOUT = 300
#: kernels run at once
WORKERS = max(2, min(os.cpu_count() or 2, 4))
#: a number as the pages write them: 14.8, 1.95e-4, 0, 645, 97.1
NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")

#: run first in every kernel (IPython's startup folder): no repository, no network
ISOLATION = textwrap.dedent('''
    def _isolate(repo):
        import os
        import socket
        import sys

        class NotHere:
            """The notebook must carry its own code: the package and the build are not importable."""
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("optimizers", "scripts"):
                    raise ModuleNotFoundError(f"No module named {name!r} (a notebook carries its own code)")
                return None

        sys.meta_path.insert(0, NotHere())
        sys.path[:] = [p for p in sys.path if os.path.realpath(p or os.getcwd()) != repo]

        def refuse(*args, **kwargs):
            raise OSError("no network in the notebook tests")
        socket.socket.connect = socket.socket.connect_ex = refuse
        socket.create_connection = refuse

    _isolate(REPO)
    del _isolate
''')


def _site_notebook(site: Path, page: str, lang: str) -> Path:
    return site / notebooks.notebook_path(page, lang)


def _page_html(site: Path, page: str, lang: str) -> Path:
    return site / ("" if lang == "ko" else "en") / page / "index.html"


@lru_cache(maxsize=None)
def _kernel_home() -> Path:
    """An IPython folder whose startup file isolates the kernel, and an empty working folder."""
    home = Path(tempfile.mkdtemp(prefix="notebook-kernels-"))
    startup = home / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-isolate.py").write_text(f"REPO = {str(ROOT)!r}\n" + ISOLATION + "del REPO\n", encoding="utf-8")
    (home / "work").mkdir()
    return home


def execute(nb):
    """Run a notebook (nbformat node) in an isolated kernel; return it with its outputs."""
    nbclient = need("nbclient", "make test installs requirements-test.lock (nbclient, ipykernel)")
    need("ipykernel", "make test installs requirements-test.lock (nbclient, ipykernel)")
    home = _kernel_home()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSTARTUP", "MPLBACKEND")}
    env["IPYTHONDIR"] = str(home / "ipython")
    env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")   # several kernels at once
    client = nbclient.NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(home / "work")}})
    # asyncio.run closes its loop; nbclient's sync execute() leaves one open per thread, and the garbage
    # collector's later "unclosed event loop" warning lands in whichever test is running then
    asyncio.run(client.async_execute(env=env, cwd=str(home / "work")))
    return nb


def printed(nb) -> str:
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")


def printed_tables(text: str) -> list[list[list[str]]]:
    """The ``| a | b |`` tables in a notebook's output: a list of tables, each a list of data rows (header dropped)."""
    tables, lines = [], text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("|---") and i > 0:
            rows = []
            for row in lines[i + 1:]:
                if not row.startswith("| "):
                    break
                rows.append([c.strip() for c in row.strip().strip("|").split(" | ")])
            tables.append(rows)
    return tables


class _Tables(HTMLParser):
    """Every table row of a page with <td> cells, as a list of cell texts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows, self._row, self._cell = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._row = []
        elif tag == "td" and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row:
                self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def page_rows(html: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    out: dict[str, list[list[str]]] = {}
    for row in parser.rows:
        out.setdefault(row[0], []).append(row)
    return out


def numbers(cells: list[str]) -> list[str]:
    return [m.group(0) for c in cells for m in NUMBER.finditer(c.replace("−", "-"))]


def is_subsequence(small: list[str], big: list[str]) -> bool:
    it = iter(big)
    return all(any(x == y for y in it) for x in small)


def _has_table(page: str) -> bool:
    """False for the page of an optimizer that no 2-D problem runs: its notebook carries the code and runs nothing."""
    section, name = page.split("/")
    if section != "optimizers":
        return True
    return bool(notebooks.optimizer_table(next(n for n in OPTIMIZERS if n.lower() == name), "en"))


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()[0]


@pytest.fixture(scope="module")
def executed(site):
    """Every notebook of the site, executed, several kernels at once: {(page, lang): notebook or exception}."""
    nbformat = need("nbformat", "make setup installs requirements.lock")
    need("nbclient", "make test installs requirements-test.lock (nbclient, ipykernel)")
    need("ipykernel", "make test installs requirements-test.lock (nbclient, ipykernel)")

    def one(case):
        try:
            return case, execute(nbformat.read(_site_notebook(site, *case), as_version=4))
        except Exception as e:                     # reported by the test of that notebook
            return case, e

    with ThreadPoolExecutor(WORKERS) as pool:
        return dict(pool.map(one, CASES))


@pytest.mark.parametrize("page,lang", CASES, ids=[f"{lang}-{page}" for page, lang in CASES])
def test_notebook_runs_alone_and_prints_the_pages_numbers(executed, site, page, lang):
    nb = executed[(page, lang)]
    if isinstance(nb, Exception):
        raise AssertionError(f"{notebooks.notebook_path(page, lang)} failed to run: {nb}") from nb
    tables = printed_tables(printed(nb))
    if not _has_table(page):               # an optimizer the 2-D problems do not run (Muon): its code only
        return
    assert tables and all(tables), f"{page} ({lang}) printed no table:\n{printed(nb)}"
    rows = page_rows(_page_html(site, page, lang).read_text(encoding="utf-8"))
    for table in tables:
        for row in table:
            label, got = row[0], numbers(row[1:])
            assert len(got) >= 2, f"{page} ({lang}): the row {row} prints too few numbers"
            assert label in rows, f"{page} ({lang}): no table row {label!r} on the page (rows: {sorted(rows)})"
            shown = [numbers(r[1:]) for r in rows[label]]
            assert any(is_subsequence(got, s) for s in shown), (
                f"{page} ({lang}), row {label!r}: the notebook prints {got}, the page shows {shown}")


def test_every_optimizer_and_experiment_page_links_its_notebook(site):
    expected = {f"optimizers/{n.lower()}" for n in OPTIMIZERS if (ROOT / "docs/ko/optimizers" / f"{n.lower()}.md").exists()}
    expected |= {f"experiments/{p.stem}" for p in (ROOT / "docs/ko/experiments").glob("*.md") if p.stem != "index"}
    assert expected <= set(PAGES), f"pages without a notebook: {sorted(expected - set(PAGES))}"
    for page in sorted(expected):
        for lang in LANGS:
            html_path = _page_html(site, page, lang)
            html = html_path.read_text(encoding="utf-8")
            links = re.findall(r'<a download="[^"]*" href="([^"]+\.ipynb)"|<a href="([^"]+\.ipynb)" download', html)
            hrefs = [a or b for a, b in links]
            assert len(hrefs) == 1, f"{page} ({lang}) links {len(hrefs)} notebooks: {hrefs}"
            target = (html_path.parent / hrefs[0]).resolve()
            assert target == _site_notebook(site, page, lang).resolve(), f"{page} ({lang}) links {hrefs[0]}"
            assert target.is_file(), f"{page} ({lang}): {hrefs[0]} is not in the site"


def test_code_cells_are_the_package_files_and_import_nothing_of_the_repository(site):
    nbformat = need("nbformat", "make setup installs requirements.lock")
    package_cells = {notebooks.cell_source(p, lang): p for p in (ROOT / "optimizers").rglob("*.py")
                     if p.name != "__init__.py" for lang in LANGS}
    for page, lang in CASES:
        nb = nbformat.read(_site_notebook(site, page, lang), as_version=4)
        nbformat.validate(nb)
        titles = [c.source for c in nb.cells if c.cell_type == "markdown"]
        files = re.findall(r"`(optimizers/[\w/]+\.py)`", "\n".join(titles))
        code = [c.source for c in nb.cells if c.cell_type == "code"]
        included = [package_cells[c] for c in code if c in package_cells]
        assert [p.relative_to(ROOT).as_posix() for p in included] == [f for f in files if f.startswith("optimizers/")][
            :len(included)], f"{page} ({lang}): a package file's cell is not the file as it is"
        assert included, f"{page} ({lang}) carries no package file"
        for source in code:
            for node in ast.walk(ast.parse(source)):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                         [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
                for name in names:
                    assert name.split(".")[0] not in {"optimizers", "scripts", "urllib", "requests", "socket",
                                                      "http"}, f"{page} ({lang}) imports {name}"
                assert not (isinstance(node, ast.ImportFrom) and node.level), f"{page} ({lang}): a relative import"
        if lang == "ko":
            assert re.search("[가-힣]", titles[0]), f"{page}: the Korean notebook's text is not Korean"


def test_the_isolation_holds():
    """A control for the test above: in the same kernel, the package cannot be imported and nothing connects."""
    nbformat = need("nbformat", "make setup installs requirements.lock")
    cells = ["import numpy, matplotlib\nprint('numpy ok')",
             "try:\n    import optimizers\nexcept ImportError:\n    print('no package')",
             "import socket\ntry:\n    socket.create_connection(('127.0.0.1', 9))\nexcept OSError as e:\n"
             "    print('no network' if 'no network' in str(e) else e)"]
    nb = execute(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells]))
    assert printed(nb).split() == ["numpy", "ok", "no", "package", "no", "network"], printed(nb)
