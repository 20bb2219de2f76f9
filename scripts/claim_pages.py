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
    out: dict[str, object] = {f"claims.{k}_percent": v for k, v in SHARES.items()}     # the verdict rule's shares
    for cid, r in judged().items():
        for lang in VERDICT:
            out[f"claim.{cid}.claim_{lang}"] = WORDS[lang][cid]["claim"]
            out[f"claim.{cid}.verdict_{lang}"] = VERDICT[lang][r["kind"]]
            out[f"claim.{cid}.count_{lang}"] = (fill(PAGE[lang]["count"], lang, held=r["held"], n=r["n"])
                                                if r["n"] else PAGE[lang]["count_none"])
            out[f"claim.{cid}.summary_{lang}"] = (out[f"claim.{cid}.verdict_{lang}"] + (
                ", " + out[f"claim.{cid}.count_{lang}"] if r["n"] else ""))
        out[f"claim.{cid}.held"], out[f"claim.{cid}.n"], out[f"claim.{cid}.kind"] = r["held"], r["n"], r["kind"]
        # how often a claim held on each data set, and at each kind of lr (claim.<id>.held.<data or lr kind>,
        # claim.<id>.n.<...>): e.g. claim.adam_generalise.held.regression, claim.adam_fast.held.default
        for field in ("data", "lr_kind"):
            for part in dict.fromkeys(st[field] for st in r["settings"] if field in st):
                mine = [st for st in r["settings"] if st.get(field) == part and st["held"] is not None]
                out[f"claim.{cid}.held.{part}"] = sum(bool(st["held"]) for st in mine)
                out[f"claim.{cid}.n.{part}"] = len(mine)
    return out


#: how many verdicts against folklore the home page shows
HOME_FOLKLORE = 3


def folklore(k: int = HOME_FOLKLORE) -> list[str]:
    """The ids of the claims the home page shows as folklore our runs overturned: chosen by a rule, not by hand.

    Every pro and con is a sentence of the original study notes' table, the beliefs a textbook or a tutorial
    repeats. Of those judged by an experiment, the rejected ones ("not confirmed in our runs") come first, the most
    clearly rejected first: the smallest share of settings where the claim held, then the most settings, then page
    order. At most one per optimizer, so three pages are shown. Should fewer than ``k`` be rejected, the next
    smallest shares fill in; the page shows each claim's own verdict, so it never calls one rejected that is not.
    """
    results, order = judged(), list(claims.CLAIMS)
    tested = [cid for cid, r in results.items() if r["n"]]
    tested.sort(key=lambda cid: (results[cid]["kind"] != claims.REJECTED, results[cid]["held"] / results[cid]["n"],
                                 -results[cid]["n"], order.index(cid)))
    chosen: list[str] = []
    for cid in tested:
        if claims.CLAIMS[cid].optimizer not in {claims.CLAIMS[c].optimizer for c in chosen}:
            chosen.append(cid)
    if len(chosen) < k:
        raise ValueError(f"the home page shows {k} verdicts, but only {len(chosen)} optimizers have a tested claim")
    return chosen[:k]


def home_values() -> dict[str, object]:
    """``home.folklore_<i>.<field>`` for the home page's verdicts (i = 1 … HOME_FOLKLORE): ``optimizer``, ``link``
    (the claim's anchor on its optimizer page, from docs/<lang>/), ``kind``, ``claim_<lang>``, ``verdict_<lang>``,
    ``count_<lang>``; and ``home.claims_tested`` / ``home.claims_rejected``, the counts the rule chose from."""
    results = judged()
    out: dict[str, object] = {
        "home.claims_tested": sum(1 for r in results.values() if r["n"]),
        "home.claims_rejected": sum(1 for r in results.values() if r["n"] and r["kind"] == claims.REJECTED),
    }
    for i, cid in enumerate(folklore(), start=1):
        c, r, key = claims.CLAIMS[cid], results[cid], f"home.folklore_{i}"
        out[f"{key}.optimizer"] = c.optimizer
        out[f"{key}.link"] = f"optimizers/{c.optimizer.lower()}.md#claim-{cid.replace('_', '-')}"
        out[f"{key}.kind"] = r["kind"]
        for lang in VERDICT:
            out[f"{key}.claim_{lang}"] = WORDS[lang][cid]["claim"]
            out[f"{key}.verdict_{lang}"] = VERDICT[lang][r["kind"]]
            out[f"{key}.count_{lang}"] = fill(PAGE[lang]["count"], lang, held=r["held"], n=r["n"])
    return out
