"""Math rendered at build time: TeX → KaTeX HTML, by one Node process per build.

pymdownx.arithmatex marks math up as ``<span class="arithmatex">\\(…\\)</span>`` and
``<div class="arithmatex">\\[…\\]</div>``; figure captions (raw HTML) carry ``\\(…\\)``.
Both are replaced by KaTeX's HTML, so a page shows its formulas with no script at all
(faster to paint, and readable with JavaScript off); only katex.min.css and its fonts
are served. A formula KaTeX cannot parse stops the build and names the page.
"""

from __future__ import annotations

import atexit
import html
import json
import re
import subprocess
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "katex_render.js"

_ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])\s*</(?P=tag)>',
    re.S)
_FIGCAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.S)
_INLINE = re.compile(r"\\\((.+?)\\\)", re.S)


class KatexError(ValueError):
    pass


class _Renderer:
    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None

    def _start(self) -> subprocess.Popen:
        if self.proc is None or self.proc.poll() is not None:
            if not (ROOT / "node_modules" / "katex").is_dir():
                raise FileNotFoundError("KaTeX is missing from node_modules: run `make setup` (npm ci) first")
            self.proc = subprocess.Popen(["node", str(SCRIPT)], cwd=ROOT, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1)
            atexit.register(self.close)
        return self.proc

    def render(self, tex: str, display: bool) -> str:
        proc = self._start()
        proc.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
        proc.stdin.flush()
        answer = json.loads(proc.stdout.readline())
        if "error" in answer:
            raise KatexError(answer["error"])
        return answer["html"]

    def close(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)


_RENDERER = _Renderer()


@lru_cache(maxsize=None)
def render(tex: str, display: bool) -> str:
    return _RENDERER.render(tex, display)


def render_page(content: str, where: str, tex_only: bool = False) -> str:
    """Every formula of a page's HTML, rendered; ``where`` names the page in errors. ``tex_only``: each formula
    as its TeX source instead, what the search index reads (KaTeX's markup is most of a page's tags)."""
    def one(tex: str, display: bool) -> str:
        tex = html.unescape(tex).strip()
        if tex_only:
            return html.escape(tex)
        try:
            return render(tex, display)
        except KatexError as err:
            raise KatexError(f"{where}: KaTeX cannot render {tex!r}: {err}") from None

    def arithmatex(m: re.Match) -> str:
        display = m.group("display") is not None
        body = one(m.group("display") if display else m.group("inline"), display)
        return f'<{m.group("tag")} class="arithmatex">{body}</{m.group("tag")}>'

    def caption(m: re.Match) -> str:
        inner = _INLINE.sub(lambda k: f'<span class="arithmatex">{one(k.group(1), False)}</span>', m.group(1))
        return f"<figcaption>{inner}</figcaption>"

    content = _ARITHMATEX.sub(arithmatex, content)
    return _FIGCAPTION.sub(caption, content)
