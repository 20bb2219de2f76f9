"""The printable handout (docs/<lang>/handout.md): printed by Chromium to A4, at most two pages, no typed number.

* Its markdown has no digit outside ``{{ value:… }}`` placeholders and math, so every number it shows is the
  build's: the defaults from ``scripts/study_handout.py``, the verdicts from the claims.
* Printed as a reader would (``page.pdf(format="A4")`` from the built page, print stylesheet
  docs/assets/stylesheets/handout.css), each language fits on at most two pages, and every number in the printed text
  outside the formulas is one of the build's values.
* The Keras and optax defaults it quotes are the ones ``tests/test_libraries.py`` checks on the real libraries.

The PDFs are written to a temporary folder, or to ``HANDOUT_PDF_DIR`` when it is set.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from browser import chromium, require_chromium, serve
from site_build import built_site

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("ko", "en")
MAX_PAGES = 2
#: the URL path of each language's handout in the built site (Korean is the default locale, at the root)
URL = {"ko": "handout/", "en": "en/handout/"}

_PLACEHOLDER = re.compile(r"\{\{[^{}]*\}\}")
_MATH = re.compile(r"\$[^$]+\$")
_ATTR = re.compile(r"\{\s*#[\w-]+\s*\}")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
#: a number as the pages write one: 0.001, 1.00e-8, 12
NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e[-+−]?\d+)?")


def typed_digits(markdown: str) -> list[str]:
    """The lines of ``markdown`` with a digit outside placeholders, math, heading ids and link targets."""
    out = []
    for line in markdown.splitlines():
        rest = _LINK_TARGET.sub("]", _ATTR.sub("", _MATH.sub("", _PLACEHOLDER.sub("", line))))
        if re.search(r"\d", rest):
            out.append(line)
    return out


def count_pages(pdf: bytes) -> int:
    """Pages of a PDF, by its page objects (``/Type /Page``, not ``/Pages``)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_the_checkers_can_say_no():
    assert typed_digits("η = 0.001 이 기본값") and typed_digits("- **SGD** · 3 of 5")
    assert not typed_digits("| $\\beta_1$ = {{ value:study.handout.package.Adam.beta1 }} | [x](a2.md) |")
    assert count_pages(b"<< /Type /Pages /Count 2 >> << /Type /Page >> << /Type/Page >>") == 2


@pytest.mark.parametrize("lang", LANGS)
def test_the_handout_types_no_number(lang):
    md = (ROOT / "docs" / lang / "handout.md").read_text(encoding="utf-8")
    assert "{{ value:" in md
    assert not typed_digits(md), "typed numbers (quote a {{ value:KEY }} instead):\n" + "\n".join(typed_digits(md))


def test_both_languages_have_the_same_heading_ids():
    ids = [re.findall(r"\{\s*#([\w-]+)\s*\}", (ROOT / "docs" / lang / "handout.md").read_text(encoding="utf-8"))
           for lang in LANGS]
    assert ids[0] == ids[1] and ids[0]


def test_the_quoted_library_defaults_are_the_checked_ones():
    """Every Keras and optax default of the handout is in test_libraries' table, which runs the real libraries."""
    from scripts.study_handout import KERAS, OPTAX
    from test_libraries import STATED_DEFAULTS
    checked = {(lib, name): stated for lib, name, stated in STATED_DEFAULTS}
    for lib, table in (("keras", KERAS), ("optax", OPTAX)):
        for ours, (name, args) in table.items():
            for arg, value in args.items():
                assert checked.get((lib, name), {}).get(arg) == value, f"{lib}.{name}({arg}=…) for {ours}"


def _value_numbers() -> set[str]:
    """Every number token that any value of the build prints as (the hook's formatting)."""
    from scripts import build, pages
    out: set[str] = set()
    for v in build.values().values():
        out.update(NUMBER.findall(pages.fmt_num(v) if isinstance(v, float) else str(v)))
    return out


_TEXT_OUTSIDE_MATH = """() => {
  const article = document.querySelector('.md-content article').cloneNode(true);
  article.querySelectorAll('.katex, .arithmatex, script, style, .headerlink').forEach(e => e.remove());
  return article.textContent;
}"""


def test_the_handout_prints_on_two_a4_pages_with_only_computed_numbers(tmp_path):
    require_chromium()
    from playwright.sync_api import sync_playwright
    site = built_site()[0]
    allowed = _value_numbers()
    with serve(site) as base, sync_playwright() as pw:
        browser = chromium(pw)
        try:
            for lang in LANGS:
                page = browser.new_page()       # a fresh page each: nothing of one print carries into the next
                page.goto(base + URL[lang], wait_until="load")
                assert page.locator(".handout").count() == 1, lang
                pdf = page.pdf(format="A4", print_background=False)
                # HANDOUT_PDF_DIR=folder keeps the printed sheets (e.g. to hand them out); else a temporary folder
                out = Path(os.environ.get("HANDOUT_PDF_DIR") or tmp_path)
                out.mkdir(parents=True, exist_ok=True)
                (out / f"handout-{lang}.pdf").write_bytes(pdf)
                pages = count_pages(pdf)
                assert 1 <= pages <= MAX_PAGES, f"{lang}: the handout prints on {pages} A4 pages"
                page.emulate_media(media="print")
                text = page.evaluate(_TEXT_OUTSIDE_MATH)
                page.close()
                stray = sorted(set(NUMBER.findall(text)) - allowed)
                assert not stray, f"{lang}: numbers on the handout that no value of the build prints: {stray}"
        finally:
            browser.close()
