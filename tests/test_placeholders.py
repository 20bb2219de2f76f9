"""No placeholder reaches a reader: every ``{{ … }}`` of a page is filled at build time, or the build stops.

The hook (scripts/mkdocs_hooks.py) fills ``{{ value:KEY }}`` and ``{{ figure:NAME }}`` and refuses any other
``{{ … }}`` outside code; this test reads the built HTML, as a reader gets it, for whatever slipped past.
"""

import re

import pytest

from tests.site_build import built_site

#: where braces are the text itself: code listings (BibTeX's {{…}}), KaTeX's TeX source for screen readers,
#: scripts and styles
_LITERAL = re.compile(r"<(pre|code|script|style|annotation)\b[^>]*>.*?</\1>", re.S)


def leftovers(html: str) -> list[str]:
    text = _LITERAL.sub("", html)
    return [text[max(0, m.start() - 40):m.end() + 40].replace("\n", " ")
            for m in re.finditer(r"\{\{|\}\}|\{%|%\}", text)]


def test_the_checker_sees_a_placeholder_outside_code():
    assert leftovers("<p>tanh: {{ value:study.init-activations.tanh.std=1.sat5_pct }}%</p>")
    assert leftovers("<p>done }}</p>")
    assert not leftovers('<pre><code>author = {{Optimizer Study contributors}}</code></pre>')
    assert not leftovers('<annotation encoding="application/x-tex">\\frac{1}{\\sqrt{v}}}</annotation>')


def test_no_unfilled_placeholder_in_the_built_site():
    site, _ = built_site()
    found = {}
    for page in sorted(site.rglob("*.html")):
        hits = leftovers(page.read_text(encoding="utf-8"))
        if hits:
            found[str(page.relative_to(site))] = hits[:3]
    assert not found, "unfilled placeholders:\n" + "\n".join(f"{p}: {h}" for p, h in found.items())
