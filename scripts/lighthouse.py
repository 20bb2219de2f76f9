"""Lighthouse scores of three pages, desktop and mobile, for ``make bench``.

    python scripts/lighthouse.py [--site DIR] [--runs N] [--json OUT] [--reports DIR] [--pages P..] [--forms F..]

Builds the site into a temporary folder (or takes ``--site``), serves it on
127.0.0.1 the way a static host would (text gzip-compressed), and runs npm's ``lighthouse`` (pinned in package.json) with Debian's
Chromium on the home page, one optimizer page and one problem page. Prints the
four category scores (0-100) of each, against the targets of issue 12:
performance ≥ 95 on mobile and 100 on desktop; accessibility, best practices and
SEO 100. Exits 0 either way: these are figures to report, not a test.

A single run is noisy on a small machine (mobile performance moved by 10-20 points
between runs while other builds ran): each page and form factor is run ``--runs``
times (default 3) and the median of each score is printed, with every run's
performance beside it. Below target, the median run's metrics follow, with what
Lighthouse blames: the scripts that cost the main thread most, the
render-blocking requests and the largest paint's element. ``--reports`` keeps
every run's full JSON report.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --no-first-run --disable-sync")
PAGES = {"home": "", "optimizer": "optimizers/adam/", "problem": "problems/rosenbrock/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
           "speed-index")
TARGETS = {"desktop": {"performance": 100}, "mobile": {"performance": 95}}
DEFAULT_TARGET = 100


class _Host(http.server.SimpleHTTPRequestHandler):
    """A static host as the site would have (GitHub Pages, nginx): text is sent gzip-compressed.

    Python's plain http.server compresses nothing, and Lighthouse would score that
    server, not the site.
    """

    TEXT = {".html", ".css", ".js", ".json", ".svg", ".xml", ".map", ".txt"}

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in self.TEXT or "gzip" not in self.headers.get("Accept-Encoding", "") \
                or not path.is_file() or not self.path.split("?")[0].endswith(("/", path.suffix)):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)


def build(dest: Path) -> None:
    env = dict(os.environ, DISABLE_MKDOCS_2_WARNING="true", NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit("mkdocs build failed:\n" + proc.stdout + proc.stderr)


def _items(report: dict, audit: str) -> list[dict]:
    return (report["audits"].get(audit, {}).get("details") or {}).get("items", [])


def _short(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[-1] or "/"


def blame(report: dict) -> dict[str, list[str]]:
    """What Lighthouse's own audits hold against a page: the scripts costing the main thread most (ms), the
    render-blocking requests, the element of the largest paint and its phases."""
    out = {"main-thread": [f"{_short(i['url'])} {i['total']:.0f}" for i in _items(report, "bootup-time")[:4]],
           "render-blocking": [_short(i["url"]) for i in _items(report, "render-blocking-resources")]}
    lcp = _items(report, "largest-contentful-paint-element")
    for block in lcp:
        for i in block.get("items", []):
            if "node" in i:
                out["lcp-element"] = [i["node"].get("selector", "?")]
            elif "phase" in i:
                out.setdefault("lcp-phases", []).append(f"{i['phase']} {i['timing']:.0f}")
    return out


def lighthouse(url: str, form: str, keep: Path | None = None) -> dict:
    cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
           f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(CATEGORIES)]
    if form == "desktop":
        cmd.append("--preset=desktop")
    proc = subprocess.run(cmd, env=dict(os.environ, CHROME_PATH=CHROMIUM), capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url} ({form}):\n{proc.stderr[-2000:]}")
    if keep:
        keep.write_text(proc.stdout, encoding="utf-8")
    report = json.loads(proc.stdout)
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    failing = {}
    for c in CATEGORIES:
        for ref in report["categories"][c]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failing.setdefault(c, []).append(ref["id"])
    metrics = {m: report["audits"][m].get("displayValue", "") for m in METRICS}
    return {"scores": scores, "failing": failing, "metrics": metrics, "blame": blame(report)}


def median_of(runs: list[dict]) -> dict:
    """Each score's median over the runs; failing audits, metrics and blame of the run with the median
    performance."""
    middle = sorted(runs, key=lambda r: r["scores"]["performance"])[(len(runs) - 1) // 2]
    scores = {c: round(statistics.median(r["scores"][c] for r in runs)) for c in CATEGORIES}
    return {**middle, "scores": scores, "runs": [r["scores"]["performance"] for r in runs]}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each page and form factor (median; default 3)")
    parser.add_argument("--json", type=Path, help="also write all results as JSON here")
    parser.add_argument("--reports", type=Path, help="keep every run's Lighthouse report (JSON) in this folder")
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), default=list(PAGES),
                        help="only these pages (default: all three)")
    parser.add_argument("--forms", nargs="+", choices=("desktop", "mobile"), default=["desktop", "mobile"],
                        help="only these form factors (default: both)")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(f"lighthouse is missing at {LIGHTHOUSE}: run `make setup` (npm ci)", file=sys.stderr)
        return 1
    if not Path(CHROMIUM).exists():
        print(f"Chromium is missing at {CHROMIUM}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="optimizers-lighthouse-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site)
        handler = functools.partial(_Host, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        results = {}
        if args.reports:
            args.reports.mkdir(parents=True, exist_ok=True)
        print(f"median of {args.runs} runs")
        print(f"{'page':<10} {'form':<8} " + " ".join(f"{c:>15}" for c in CATEGORIES) + "  performance by run")
        try:
            for name in args.pages:
                path = PAGES[name]
                for form in args.forms:
                    r = median_of([lighthouse(base + path, form,
                                              args.reports / f"{name}-{form}-{i}.json" if args.reports else None)
                                   for i in range(args.runs)])
                    results[f"{name}/{form}"] = r
                    cells = []
                    for c in CATEGORIES:
                        target = TARGETS[form].get(c, DEFAULT_TARGET)
                        mark = "" if r["scores"][c] >= target else f" (<{target})"
                        cells.append(f"{str(r['scores'][c]) + mark:>15}")
                    print(f"{name:<10} {form:<8} " + " ".join(cells) + "  " + " ".join(map(str, r["runs"])),
                          flush=True)
        finally:
            server.shutdown()
    for key, r in results.items():
        for c, audits in r["failing"].items():
            print(f"  {key} {c}: " + ", ".join(audits))
        if r["scores"]["performance"] < TARGETS[key.split("/")[1]]["performance"]:
            print(f"  {key} metrics: " + ", ".join(f"{m} {v}" for m, v in r["metrics"].items()))
            for what, items in r["blame"].items():
                if items:
                    print(f"  {key} {what}: " + ", ".join(items))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
