"""The pros and cons as the pages show them: a table per optimizer, and the evidence of each verdict.

Reads the judged claims (``scripts/claims``, cached as the studies ``claims-<optimizer>``)
and the words (``scripts/claim_text.py``); writes

* the fragment ``<lang>/claims-<optimizer>.md`` that an optimizer page includes in
  its pros-and-cons section;
* the values ``claim.<id>.claim_<lang>``, ``.verdict_<lang>``, ``.count_<lang>``,
  ``.held``, ``.n`` and ``.kind`` that other pages quote (the overview table).
"""

from __future__ import annotations

from . import claims
from .claim_text import CLAIMS as WORDS, PAGE, VERDICT
from .korean import fill
from .studies import study_result
from .claims import common as claims_common
from .text import problem_title


SHARES = {"confirm": round(100 * claims.CONFIRM_SHARE), "reject": round(100 * claims.REJECT_SHARE)}


def judged() -> dict[str, dict]:
    """Every claim's verdict and settings, by id (from the cache when nothing changed)."""
    claims.load_all()
    out = {}
    for c in claims.CLAIMS.values():
        out[c.id] = study_result(claims.study_name(c))["claims"][c.id]
    return out


def _fill(template: str, lang: str, values: dict) -> str:
    """Fill a template; a gap at the floor reads "≤ 1e-12" and a diverged run's +inf reads "diverged"."""
    shown = {}
    for k, v in values.items():
        if isinstance(v, float) and v == float("inf"):
            v = PAGE[lang]["diverged"]
        elif isinstance(v, float) and k.startswith("gap") and v <= claims_common.FLOOR:
            v = PAGE[lang]["at_floor"]
        shown[k] = v
    return fill(template, lang, **shown)


def setting_label(s: dict, lang: str) -> str:
    page = PAGE[lang]
    parts = []
    if "problem" in s:
        parts.append(problem_title(s["problem"], lang))
    if "lr_kind" in s:
        parts.append(page["lr_kind"][s["lr_kind"]])
    for key in ("data", "seed"):
        if key in s:
            words = page.get(key, "{" + key + "}")      # a dict names each value (data sets), else a template
            parts.append(words[s[key]] if isinstance(words, dict) else fill(words, lang, **{key: s[key]}))
    return ", ".join(parts)


def claim_row(c, result: dict, lang: str) -> str:
    page, words = PAGE[lang], WORDS[lang][c.id]
    count = (fill(page["count"], lang, held=result["held"], n=result["n"]) if result["n"]
             else page["count_none"])
    return (f"| {page['side'][c.side]} | [{words['claim']}](#claim-{c.id.replace('_', '-')}) | "
            f"**{VERDICT[lang][result['kind']]}** | {count} |")


def claim_details(c, result: dict, lang: str) -> str:
    page, words = PAGE[lang], WORDS[lang][c.id]
    thresholds = dict(c.thresholds)
    anchor = f"claim-{c.id.replace('_', '-')}"
    body: list[str] = []
    if "fact" in words:
        body.append(f"**{page['fact']}.** " + _fill(words["fact"], lang, result["facts"]))
    else:
        body.append(f"**{page['question']}.** " + words["question"])
        body.append(f"**{page['method']}.** " + _fill(words["method"], lang, thresholds))
        body.append(f"**{page['rule']}.** " + _fill(words["rule"], lang, thresholds) + " "
                    + fill(page["verdict_rule"], lang, **SHARES,
                           **{f"w_{k}": VERDICT[lang][k] for k in (claims.CONFIRMED, claims.REJECTED, claims.DEPENDS)}))
        head = page["setting_head"]
        rows = [f"| {head[0]} | {head[1]} | {head[2]} |", "|---|---|---|"]
        for s in result["settings"]:
            mark = page["skip"] if s["held"] is None else (page["yes"] if s["held"] else page["no"])
            rows.append(f"| {setting_label(s, lang)} | {_fill(words['row'], lang, {**thresholds, **s})} | {mark} |")
        body.append(f"**{page['settings']}** ({fill(page['count'], lang, held=result['held'], n=result['n'])}, "
                    f"**{VERDICT[lang][result['kind']]}**)\n\n" + "\n".join(rows))
    if c.evidence:
        body.append(f"**{page['evidence']}:** [{page['evidence_link']}](../{c.evidence})")
    inner = "\n\n".join(body)
    indented = "\n".join(("    " + line) if line else "" for line in inner.splitlines())
    return (f'<span id="{anchor}"></span>\n\n'
            f'??? note "{fill(page["details"], lang, claim=words["claim"])}"\n\n{indented}\n')


def fragment(optimizer: str, lang: str) -> str:
    """The pros-and-cons section body of one optimizer page."""
    results = judged()
    mine = [c for c in claims.CLAIMS.values() if c.optimizer == optimizer]
    mine.sort(key=lambda c: c.side != "pro")
    head = PAGE[lang]["head"]
    table = [f"| {' | '.join(head)} |", "|---|---|---|---|"] + [claim_row(c, results[c.id], lang) for c in mine]
    return "\n".join(table) + "\n\n" + "\n".join(claim_details(c, results[c.id], lang) for c in mine)


def values() -> dict[str, object]:
    out: dict[str, object] = {}
    for cid, r in judged().items():
        for lang in VERDICT:
            out[f"claim.{cid}.claim_{lang}"] = WORDS[lang][cid]["claim"]
            out[f"claim.{cid}.verdict_{lang}"] = VERDICT[lang][r["kind"]]
            out[f"claim.{cid}.count_{lang}"] = (fill(PAGE[lang]["count"], lang, held=r["held"], n=r["n"])
                                                if r["n"] else PAGE[lang]["count_none"])
            out[f"claim.{cid}.summary_{lang}"] = (out[f"claim.{cid}.verdict_{lang}"] + (
                ", " + out[f"claim.{cid}.count_{lang}"] if r["n"] else ""))
        out[f"claim.{cid}.held"], out[f"claim.{cid}.n"], out[f"claim.{cid}.kind"] = r["held"], r["n"], r["kind"]
    return out
