"""MkDocs hooks: the navigation from the registries, and generated pages in both languages.

1. ``on_config`` builds the navigation from ``OPTIMIZERS`` and ``PROBLEMS``, so a
   new optimizer or problem appears in the menu with no edit to mkdocs.yml.
2. mkdocs-static-i18n 1.3 rebuilds each language's files from ``docs_dir`` and
   drops pages made by mkdocs-gen-files (they live in a temporary folder): it logs
   "Unhandled file case" and the page is lost. ``on_files`` (after gen-files,
   before i18n) records where each generated file really is, and a thin wrapper
   around i18n's ``create_i18n_file`` points the new File back there.
"""

from __future__ import annotations

import math
import os
import re
import sys
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs_static_i18n import folder as i18n_folder

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

_GENERATED = "_generated_abs_src_path"
_create_i18n_file = i18n_folder.create_i18n_file


def _create_keeping_generated(file, *args, **kwargs):
    new = _create_i18n_file(file, *args, **kwargs)
    real = getattr(file, _GENERATED, None)
    if real:
        new.abs_src_path = real
        setattr(new, _GENERATED, real)
        new.generated_by = file.generated_by
    return new


i18n_folder.create_i18n_file = _create_keeping_generated


#: hand-written pages outside the registries, in menu order (paths inside docs/<lang>/)
GUIDE_PAGES = ["guide.md", "overview.md", "dlfs.md", "glossary.md", "handout.md", "cite.md"]
EXPERIMENT_PAGES = ["experiments/index.md", "experiments/logistic.md", "experiments/mlp.md", "experiments/sparse.md", "experiments/init.md", "experiments/noise.md", "experiments/results.md", "schedules.md"]


def navigation() -> list:
    from optimizers import GROUPS, PROBLEMS
    return [
        {"Home": "index.md"},
        {"Guide": GUIDE_PAGES},
        {"Optimizers": [{"Classics": [f"optimizers/{n.lower()}.md" for n in GROUPS["classic"]]},
                        {"Modern": [f"optimizers/{n.lower()}.md" for n in GROUPS["modern"]]}]},
        {"Problems": [page for p in PROBLEMS for page in
                      [f"problems/{p}.md", *(["problems/quadratic-by-hand.md"] if p == "quadratic" else [])]]},
        {"Experiments": EXPERIMENT_PAGES + ["comparison.md"]},
    ]


@event_priority(100)
def on_config(config):
    config.nav = navigation()
    # mkdocs.yml names the generated fragments' folder as the default cache's (.cache/fragments); with
    # OPTIMIZERS_CACHE_DIR elsewhere (make bench's cold build) the snippets must be read from that cache instead
    # (scripts/cache.py's CACHE_DIR rule, written out: ProperDocs runs on_config before `scripts` can be imported)
    cache_dir = Path(os.environ.get("OPTIMIZERS_CACHE_DIR", Path(__file__).resolve().parent.parent / ".cache"))
    snippets = config.mdx_configs.get("pymdownx.snippets", {})
    snippets["base_path"] = [str(cache_dir / "fragments") if Path(b).parts[-2:] == (".cache", "fragments")
                             else b for b in snippets.get("base_path", [])]
    return config


@event_priority(-50)
def on_files(files, config):
    for f in files:
        if getattr(f, "generated_by", None) == "mkdocs-gen-files" and not getattr(f, _GENERATED, None):
            setattr(f, _GENERATED, f.abs_src_path)
            f.abs_src_path = os.path.join(config.docs_dir, f.src_path)
    return files


_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
#: what the glightbox plugin puts in every page: its style and script in <head>, and its set-up at the end of <body>
_GLIGHTBOX_HEAD = re.compile(r'<link href="[^"]*/glightbox\.min\.css" rel="stylesheet">'
                             r'|<script src="[^"]*/glightbox\.min\.js"></script>')
_GLIGHTBOX_INIT = re.compile(r'<script id="init-glightbox">\s*const lightbox = GLightbox\((\{[^<]*?\})\);'
                             r'\s*document\$\.subscribe\(\(\)=>\{ lightbox\.reload\(\); \}\);\s*</script>')


@event_priority(-100)   # after the glightbox plugin has written its tags
def on_post_page(output, page, config):
    """Drop Material's ``<link rel="alternate" hreflang>`` tags from <head>, and load glightbox on demand.

    Material's script fetches ``sitemap.xml`` relative to each of them, expecting
    language *roots*; static-i18n points them at the same page in the other
    language, so every page view logged a 404. The language switch in the header
    (which static-i18n already points at the same page) is not affected, and the
    sitemap still lists every page's alternates.

    The glightbox plugin's script in <head> blocked every page's first paint (Lighthouse, mobile); its options stay
    in the page as JSON for assets/javascripts/zoom.js, which fetches script and style when a reader reaches for a
    figure. If the plugin ever writes its set-up differently, the page keeps the plugin's own tags untouched.

    Two more things kept out of a phone's first paint: the handout's style is for print only, and the search index
    is fetched when a reader opens search (``_search_on_demand``).
    """
    output = _HEAD_ALTERNATE.sub("", output)
    init = _GLIGHTBOX_INIT.search(output)
    if init and len(_GLIGHTBOX_HEAD.findall(output)) == 2:
        output = (output[:init.start()] + '<script id="init-glightbox" type="application/json">' + init.group(1)
                  + "</script>" + output[init.end():])
        output = _GLIGHTBOX_HEAD.sub("", output)
    return _search_on_demand(_print_only(output))


#: Material's script, at the end of <body>
_BUNDLE = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')
#: the handout's style (docs/assets/stylesheets/handout.css): all of it is for paper
_HANDOUT_CSS = re.compile(r'(<link rel="stylesheet" href="[^"]*assets/stylesheets/handout\.css")>')
_SEARCH_ON_DEMAND = Path(__file__).resolve().parent.parent / "docs" / "assets" / "javascripts" / "search_on_demand.js"


def _print_only(output: str) -> str:
    """The handout's style applies to print only: ``media="print"`` keeps it from blocking the page's first paint
    on screen."""
    return _HANDOUT_CSS.sub(r'\1 media="print">', output)


def _search_on_demand(output: str) -> str:
    """assets/javascripts/search_on_demand.js, inline just before Material's script (it must run first): the
    search index is fetched when a reader opens search, not while the page starts."""
    bundle = _BUNDLE.search(output)
    if not bundle:
        return output
    script = "\n".join(line for line in _SEARCH_ON_DEMAND.read_text(encoding="utf-8").splitlines()
                       if not line.lstrip().startswith("//"))        # its comments stay in the file
    return output[:bundle.start()] + f"<script>{script}</script>" + output[bundle.start():]


#: ``{{ value:KEY }}``, ``{{ value:KEY|으로/로 }}`` (a Korean particle chosen for the value), ``{{ figure:NAME }}``.
#: Keys may hold any character but whitespace, braces and "|" (e.g. ``study.init-activations.tanh.std=1.sat5_pct``).
_PLACEHOLDER = re.compile(r"\{\{\s*(value|figure):([^\s{}|]+)\s*(?:\|\s*([^\s{}|]+)\s*)?\}\}")
#: ``{{ count:K_KEY/N_KEY | none | all | some }}``: the sentence for K of N that reads right for every count
#: (``korean.by_count``); the three templates may use ``{k}``, ``{n}`` and particles (``{k:이/가}``)
_COUNT = re.compile(r"\{\{\s*count:([^\s{}|/]+)/([^\s{}|]+)\s*\|([^|]*)\|([^|]*)\|(.*?)\}\}(?!\})", re.S)
#: whatever is left that looks like one: a typo the build must not print as text
_LEFTOVER = re.compile(r"\{\{\s*(value|figure)\b[^\n]*?\}\}|\{\{\s*(value|figure)\b|\{\{[^\n{}]*\}\}")


def on_page_markdown(markdown, page, config, files):
    """Fill ``{{ value:<key> }}`` and ``{{ figure:<study> }}`` from the build's results.

    So no number in the prose is typed by hand. An unknown key, or a ``{{ … }}`` that is not a placeholder this
    hook knows, stops the build and names the page. ``{{ value:KEY|을/를 }}`` appends the Korean particle that fits
    the value as it is said (scripts/korean.py).
    """
    markdown = _with_notebook(markdown, page)
    if "{{" not in markdown:
        return markdown
    from scripts import build, pages
    from scripts.korean import by_count, josa

    src = page.file.src_uri
    parts = src.split("/")
    lang, depth = parts[0], len(parts) - 1
    values = build.values()

    def fill(m):
        kind, key, particle = m.groups()
        if kind == "value":
            if key not in values:
                raise KeyError(f"{src}: unknown value {{{{ value:{key} }}}}; known keys look like "
                               f"{next(iter(values))!r}")
            v = values[key]
            if isinstance(v, float) and key.endswith("_pct") and "acc" in key.rsplit(".", 1)[-1]:
                text = f"{v:.1f}"          # an accuracy in percent as every table writes it: 96.0, not 96
            else:
                text = pages.fmt_num(v) if isinstance(v, float) else pages.opt_label(str(v), lang)   # 모멘텀 in Korean
            return josa(text, particle) if particle else text
        if particle:
            raise ValueError(f"{src}: a figure takes no particle: {m.group(0)}")
        # the page's first image is likely its largest paint: fetched at once, not when layout reaches it
        before = counted[:m.start()]
        first = "![" not in before and "<img" not in before and not re.search(r"\{\{\s*figure:", before)
        return build.study_figure_md(key, lang, depth, lazy=not first)

    def count(m):
        k_key, n_key, *forms = m.groups()
        for key in (k_key, n_key):
            if key not in values:
                raise KeyError(f"{src}: unknown value {key!r} in {m.group(0)}")
        none, all_, some = (" ".join(f.split()) for f in forms)
        return by_count(values[k_key], values[n_key], none, all_, some, lang)

    counted = _COUNT.sub(count, markdown)          # the text ``fill``'s matches index
    out = _PLACEHOLDER.sub(fill, counted)
    left = [m.group(0) for m in _LEFTOVER.finditer(_without_code(out))]
    if left:
        raise ValueError(f"{src}: placeholder(s) the build cannot fill: {', '.join(left[:5])}")
    return out


def _with_notebook(markdown: str, page) -> str:
    """Under the title of a page that has a notebook (scripts/notebooks.py), the link to download it."""
    from scripts import notebooks
    block = notebooks.page_block(page.file.src_uri)
    if not block:
        return markdown
    title, _, rest = markdown.partition("\n") if markdown.startswith("# ") else ("", "", markdown)
    return f"{title}\n\n{block}\n{rest}" if title else f"{block}\n{rest}"


def _without_code(markdown: str) -> str:
    """The page without fenced code blocks and inline code, where ``{{`` may be literal (BibTeX, templates)."""
    markdown = re.sub(r"^([ \t]*)(`{3,}|~{3,}).*?^\1\2", "", markdown, flags=re.S | re.M)
    return re.sub(r"`[^`\n]*`", "", markdown)


_IMG = re.compile(r'<img (?P<attrs>[^>]*?)src="(?P<src>[^"#]+\.png)(?P<frag>#[^"]*)?"(?P<rest>[^>]*)>')


#: CSS px that the smallest text of a figure reaches in the tap-to-zoom view (tests/test_figures_phone.py: ≥ 10)
ZOOM_TEXT_PX = 11
_SCHEME = {"#only-light": "light", "#only-dark": "dark"}


def _zoom_width(png: bytes, width: int) -> int:
    """CSS width of a figure in the zoomed view on a phone: its 1x size, or more where its smallest text
    (the PNG's ``min-font-pt`` chunk, scripts/figures.py) would fall under ``ZOOM_TEXT_PX``."""
    import io

    from PIL import Image

    from scripts import figures
    font_pt = float(Image.open(io.BytesIO(png)).text.get(figures.FONT_CHUNK, 10))
    return math.ceil(width * max(1.0, ZOOM_TEXT_PX / (font_pt * figures.DPI / 72)))


def _with_sizes(html: str, page) -> str:
    """Give every generated figure its width and height, so the page does not jump as images load; offer
    its sharp copy to HiDPI screens (``srcset``), and wrap it in a glightbox link that opens that copy,
    shown at least at its 1x size so its text can be read on a phone (the glightbox plugin in mkdocs.yml,
    ``manual``, brings the script and leaves the wrapping to this hook). A figure of one colour scheme
    opens among the figures of its scheme (``data-gallery``); extra.css hides the link with its image."""
    import io
    import posixpath
    import struct

    from PIL import Image

    from scripts import build, pages
    built = build.build_all()
    url = page.url or ""                      # "en/problems/bowl/", or "en/problems/bowl.html" offline
    base = posixpath.dirname(url if url.endswith(".html") else url + "index.html")

    def size(m):
        tag = m.group(0)
        data = built.get(posixpath.normpath(posixpath.join(base, m.group("src"))))
        if data is None or data[:8] != b"\x89PNG\r\n\x1a\n":
            return tag
        width, height = struct.unpack(">II", data[16:24])
        if "width=" not in m.group("attrs") + m.group("rest"):
            tag = tag[:-1].rstrip("/").rstrip() + f' width="{width}" height="{height}">'
        tag = _loading(tag, m.group("frag"))
        sharp_src = pages.hidpi_name(m.group("src"))
        sharp = built.get(posixpath.normpath(posixpath.join(base, sharp_src)))
        if sharp is None or "srcset=" in tag:
            return tag
        sharp_width = Image.open(io.BytesIO(sharp)).width       # reads the header only
        tag = tag[:-1] + f' srcset="{m.group("src")} 1x, {sharp_src} {sharp_width / width:.3g}x">'
        before = html[:m.start()]
        if before.rfind("<a ") > before.rfind("</a>"):
            return tag                                  # already a link: it keeps its own target
        frag = m.group("frag") or ""
        gallery = _SCHEME.get(frag, "figures")
        return (f'<a class="glightbox" href="{sharp_src}{frag}" data-type="image" data-gallery="{gallery}" '
                f'data-width="{_zoom_width(data, width)}px" data-height="auto">{tag}</a>')

    return _IMG.sub(size, html)


def _loading(tag: str, frag: str | None) -> str:
    """An eager figure (the page's largest paint, scripts/pages.py ``lazy=False``) is fetched first
    (``fetchpriority``); its copy for the other colour scheme, hidden, waits (``loading=lazy``: a hidden lazy
    image is never fetched), so a phone does not load both while the page is still painting."""
    if "loading=" in tag:
        return tag
    if frag == "#only-dark":
        return tag[:-1] + ' loading="lazy">'
    if frag == "#only-light" and "fetchpriority=" not in tag:
        return tag[:-1] + ' fetchpriority="high">'
    return tag


def root_prefix(url: str) -> str:
    """The relative way from a page's URL to the site's root: "" for the home page, "../../" for
    ``optimizers/adam/`` (served) and "../" for ``optimizers/adam.html`` (the offline copy)."""
    folder = url if url.endswith("/") or not url else url.rsplit("/", 1)[0] + "/" if "/" in url else ""
    return "../" * folder.count("/")


def on_page_content(html, page, config, files):
    """Render the page's math to HTML now (scripts/katex.py), size its figures, and point caption links
    (scripts/figure_data.SITE_ROOT) at the site's root from this page."""
    from scripts import katex
    from scripts.figure_data import SITE_ROOT
    html = html.replace(SITE_ROOT, root_prefix(page.url))
    _SEARCH_TEXT[page.file.src_uri] = katex.render_page(html, page.file.src_uri, tex_only=True)
    return _with_sizes(katex.render_page(html, page.file.src_uri), page)


#: each page's HTML with its formulas as TeX source, for the search index (``on_pre_build``)
_SEARCH_TEXT: dict[str, str] = {}


def on_pre_build(config):
    """The search plugin indexes each page with its formulas as TeX source, not KaTeX's markup: parsing
    those tags in Python was about a third of a warm build, and their text (one glyph per tag, twice over with
    the MathML copy) found nothing a reader would type."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(search, "search_index", None)
    if index is None or "add_entry_from_context" in vars(index):
        return
    add = index.add_entry_from_context

    def add_with_tex(page):
        rendered = page.content
        page.content = _SEARCH_TEXT.pop(page.file.src_uri, rendered)
        try:
            add(page)
        finally:
            page.content = rendered

    index.add_entry_from_context = add_with_tex
