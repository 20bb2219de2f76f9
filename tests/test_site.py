"""The whole site builds, strictly, in both languages, with every optimizer on every problem page."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_build import built_site

from optimizers import OPTIMIZERS, PROBLEMS
from scripts.text import opt_label

LANG_PREFIX = {"ko": "", "en": "en/"}


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()[0]


def test_build_output_has_no_banners():
    output = built_site()[1]
    for banner in ("end of life", "MkDocs 2.0", "properdocs build", "WARNING"):
        assert banner not in output, f"{banner!r} in the build output:\n{output}"


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_every_optimizer_on_every_problem_page(site, lang):
    for p in PROBLEMS:
        html = (site / LANG_PREFIX[lang] / "problems" / p / "index.html").read_text(encoding="utf-8")
        for name in OPTIMIZERS:
            # by the name the page's language gives it (모멘텀 on a Korean page)
            assert f">{opt_label(name, lang)}</a>" in html, f"{name} missing from {lang} page of {p}"


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_optimizer_pages_include_the_source(site, lang):
    import inspect
    for name, cls in OPTIMIZERS.items():
        html = (site / LANG_PREFIX[lang] / "optimizers" / name.lower() / "index.html").read_text(encoding="utf-8")
        first_line = inspect.getsource(cls._update).splitlines()[0].strip()
        assert "_update" in html and "def" in html, f"{name}: implementation not included"
        assert first_line.split("(")[0].replace("def ", "") in html


def test_language_switch_points_at_the_same_page(site):
    html = (site / "problems" / "rosenbrock" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../en/problems/rosenbrock/" hreflang="en"' in html
    html = (site / "en" / "problems" / "rosenbrock" / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="ko"' in html and 'href="../../../problems/rosenbrock/"' in html


def test_math_assets_are_local(site):
    assert (site / "assets" / "katex" / "katex-swap.min.css").stat().st_size > 10_000
    assert list((site / "assets" / "katex" / "fonts").glob("*.woff2"))
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for cdn in ("cdn.jsdelivr", "unpkg.com", "fonts.googleapis", "fonts.gstatic", "cdnjs"):
            assert cdn not in text, f"{page} refers to {cdn}"


def test_properdocs_builds_the_same_config(tmp_path):
    """mkdocs-gen-files pulls in ProperDocs, the maintained fork: mkdocs.yml must stay valid for it too."""
    import subprocess
    import sys
    from pathlib import Path

    from site_build import ROOT, mkdocs_env
    properdocs = Path(sys.executable).with_name("properdocs")
    proc = subprocess.run([str(properdocs), "build", "--strict", "--site-dir", str(tmp_path / "site")], cwd=ROOT,
                          env=mkdocs_env(), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp_path / "site" / "en" / "problems" / "rosenbrock" / "index.html").exists()
    for banner in ("end of life", "MkDocs 2.0"):
        assert banner not in proc.stdout + proc.stderr


def test_search_indexes_formulas_as_tex(site):
    """The search index reads each formula as its TeX source (scripts/mkdocs_hooks.py on_pre_build), not as
    KaTeX's rendered markup, whose text is one glyph per tag with zero-width spaces between."""
    import json
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    adam = " ".join(d["text"] for d in docs if d["location"].startswith("optimizers/adam/"))
    assert "\\hat" in adam and "\\eta" in adam, "Adam's formulas are not in the index as TeX"
    assert not any("\u200b" in d["text"] for d in docs), "KaTeX's rendered text reached the search index"
