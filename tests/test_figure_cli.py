"""Reproduce any figure: the command at the end of every caption gives back the site's bytes (scripts/figure.py),
its overrides change the figure, bad arguments are named, and every caption links the numbers it plots."""

from __future__ import annotations

import html
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import figure, figure_data

from site_build import ROOT, built_site, mkdocs_env

#: (figure, language) run through the command itself; each is also made in the other language in-process
SAMPLE = [("rosenbrock-paths-default", "ko"), ("bowl-loss-default", "en"),
          ("study-overshoot", "en"), ("study-sgd-zigzag", "ko")]
OTHER = {"ko": "en", "en": "ko"}
CAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.S)
COMMAND = re.compile(r"<code>(make figure NAME=([\w.-]+) LANG=(ko|en))</code>")


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts.figure", *args], cwd=ROOT, capture_output=True,
                          text=True, env=mkdocs_env())


def _site_png(site: Path, name: str, lang: str, style: str = "light") -> bytes:
    return (site / "assets" / "figures" / f"{name}-{lang}-{style}.png").read_bytes()


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()[0]


@pytest.mark.parametrize("name,lang", SAMPLE)
def test_the_command_gives_back_the_sites_bytes(site, tmp_path, name, lang):
    out = tmp_path / "out.png"
    proc = _cli(name, "--lang", lang, "--style", "light", "-o", str(out), "--csv", str(tmp_path / "out.csv"))
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == _site_png(site, name, lang)
    assert (tmp_path / "out.csv").read_bytes() == (site / figure_data.csv_path(name)).read_bytes()
    other = OTHER[lang]
    png, _ = figure.make(name, other, "dark")
    assert png == _site_png(site, name, other, "dark")


def test_make_figure_runs_the_caption_command(site, tmp_path):
    """The caption's own words, `make figure NAME=… LANG=…`, from the repository's root."""
    page = (site / "en" / "problems" / "bowl" / "index.html").read_text(encoding="utf-8")
    command = next(m.group(1) for m in COMMAND.finditer(page) if m.group(2) == "bowl-paths-default")
    out = tmp_path / "bowl.png"
    proc = subprocess.run(shlex.split(command) + [f"ARGS=-o {out}"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert out.read_bytes() == _site_png(site, "bowl-paths-default", "en")


def test_overrides_change_the_figure_and_its_numbers(site):
    base = _site_png(site, "bowl-paths-default", "en")
    base_csv = (site / figure_data.csv_path("bowl-paths-default")).read_bytes()
    png, csv = figure.make("bowl-paths-default", "en", lr=0.05)
    assert png != base
    assert {line.split(",")[1] for line in csv.decode().splitlines()[1:]} == {"0.05"}
    png_one, csv_one = figure.make("bowl-paths-default", "en", lr=0.05, only=("Adam",))
    rows = [line.split(",") for line in csv_one.decode().splitlines()[1:]]
    assert {r[1] for r in rows if r[0] == "Adam"} == {"0.05"}
    assert {r[1] for r in rows if r[0] == "SGD"} != {"0.05"}
    png_steps, csv_steps = figure.make("bowl-loss-tuned", "en", steps=30)
    assert png_steps != _site_png(site, "bowl-loss-tuned", "en")
    assert max(int(line.split(",")[2]) for line in csv_steps.decode().splitlines()[1:]) == 30
    png_start, csv_start = figure.make("bowl-paths-default", "en", start=(5.0, -3.0))
    assert png_start != base and csv_start != base_csv
    assert csv_start.decode().splitlines()[1].split(",")[3:5] == ["5", "-3"]


def test_an_unknown_name_lists_the_known_ones():
    proc = _cli("rosenbrock-paths-tunde")
    assert proc.returncode == 2
    assert "unknown figure 'rosenbrock-paths-tunde'" in proc.stderr
    assert "rosenbrock-panels-tuned" in proc.stderr and "study-overshoot" in proc.stderr


@pytest.mark.parametrize("args,message", [
    (["bowl-sweep", "--lr", "0.1"], "--lr: bowl-sweep plots every lr"),
    (["bowl-paths-default", "--lr", "fast"], "--lr must be a number, not 'fast'"),
    (["bowl-paths-default", "--lr", "-1"], "--lr must be positive"),
    (["bowl-paths-default", "--steps", "2.5"], "--steps must be a whole number"),
    (["bowl-paths-default", "--start", "1"], "--start must be two numbers x,y"),
    (["bowl-paths-default", "--lr", "0.1", "--optimizer", "Adamm"], "--optimizer: unknown 'Adamm'"),
    (["bowl-paths-default", "--optimizer", "Adam"], "give --lr too"),
    (["study-overshoot", "--steps", "10"], "--steps: the overrides apply to problem figures"),
    (["bowl-paths-default", "--lang", "fr"], "--lang must be one of ko, en"),
    (["bowl-paths-default", "--style", "sepia"], "--style must be one of light, dark"),
])
def test_a_bad_argument_is_named(args, message, capsys):
    with pytest.raises(SystemExit) as exit_:
        figure.main(args)
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err


def test_every_caption_ends_with_its_command_and_a_csv_that_exists(site):
    known = figure.known()
    captions = 0
    for page in sorted(site.rglob("*.html")):
        lang = "en" if page.relative_to(site).parts[0] == "en" else "ko"
        for caption in CAPTION.findall(page.read_text(encoding="utf-8")):
            captions += 1
            where = f"{page.relative_to(site)}: {caption[-200:]}"
            m = COMMAND.search(caption)
            assert m, f"no command in the caption of {where}"
            assert m.group(2) in known and m.group(3) == lang, where
            links = [html.unescape(h) for h in re.findall(r'href="([^"]+\.csv)"', caption)]
            assert len(links) == 1, where
            target = (page.parent / links[0]).resolve()
            assert target == (site / figure_data.csv_path(m.group(2))).resolve(), where
            assert target.is_file() and 0 < target.stat().st_size < 2_000_000, where
            assert caption.rstrip().endswith("</a>"), f"the caption should end with the data link: {where}"
    assert captions > 50


def test_every_figure_the_readme_and_makefile_name_exists():
    """The README's and the Makefile's `make figure NAME=…` examples name figures the command knows."""
    text = "\n".join((ROOT / f).read_text(encoding="utf-8") for f in ("README.md", "Makefile"))
    names = re.findall(r"NAME=([a-z0-9][\w-]*)", text)
    assert names, "no `make figure NAME=…` example found"
    unknown = [n for n in names if n not in figure.known()]
    assert not unknown, f"examples name figures that do not exist: {unknown}"
