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
from .korean import by_count, fill, josa
from .studies import study_result
from optimizers import OPTIMIZERS

from .fmt import fmt_gap, fmt_power
from .text import opt_label, problem_title


SHARES = {"confirm": round(100 * claims.CONFIRM_SHARE), "reject": round(100 * claims.REJECT_SHARE)}


def judged() -> dict[str, dict]:
    """Every claim's verdict and settings, by id (from the cache when nothing changed)."""
    claims.load_all()
    out = {}
    for c in claims.CLAIMS.values():
        out[c.id] = study_result(claims.study_name(c))["claims"][c.id]
    return out


def _fill(template: str, lang: str, values: dict) -> str:
    """Fill a template; a gap (a key ``gap…``) reads as every table writes it (``fmt_gap``: "10⁻¹² 이하" at the
    floor), the floor itself as "10⁻¹²", and a diverged run's +inf reads "diverged"."""
    shown = {}
    for k, v in values.items():
        if isinstance(v, float) and v == float("inf"):
            v = PAGE[lang]["diverged"]
        elif isinstance(v, float) and k.startswith("gap"):
            v = fmt_gap(v, lang)
        elif k in ("floor", "target"):                       # thresholds that are powers of ten: 10⁻¹², 10⁻⁶
            v = fmt_power(v)
        elif isinstance(v, str) and v in OPTIMIZERS:          # an optimizer's name as the page writes it
            v = opt_label(v, lang)
        elif k.startswith("reach"):                           # steps to the target, "—" when never
            v = PAGE[lang]["reach_never"] if v == "—" else fill(PAGE[lang]["reach_steps"], lang, steps=v)
        shown[k] = v
    return fill(template, lang, **shown)


def count_words(held: int, n: int, lang: str) -> str:
    """In how many of the settings a claim held, read right for none, all and some ("5개 모두")."""
    return by_count(held, n, *PAGE[lang]["count"], lang=lang)


def setting_label(s: dict, lang: str, lr_kind: bool = True) -> str:
    """What sets a setting apart: the problem, the lr kind (left out, ``lr_kind=False``, when every setting of the
    claim has the same), the data, the case a claim names in words (``case_<lang>``: κ and a schedule), the seed."""
    page = PAGE[lang]
    parts = []
    if "problem" in s:
        parts.append(problem_title(s["problem"], lang))
    if "lr_kind" in s and lr_kind:
        parts.append(page["lr_kind"][s["lr_kind"]])
    for key in ("data", "case", "seed"):
        if key == "case":
            if f"case_{lang}" in s:
                parts.append(s[f"case_{lang}"])
        elif key in s:
            words = page.get(key, "{" + key + "}")      # a dict names each value (data sets), else a template
            parts.append(words[s[key]] if isinstance(words, dict) else fill(words, lang, **{key: s[key]}))
    return ", ".join(parts)


def claim_row(c, result: dict, lang: str) -> str:
    page, words = PAGE[lang], WORDS[lang][c.id]
    count = (count_words(result["held"], result["n"], lang) if result["n"]
             else page["count_none"])
    return (f"| {page['side'][c.side]} | [{words['claim']}](#claim-{c.id.replace('_', '-')}) | "
            f"**{VERDICT[lang][result['kind']]}** | {count} |")


def reading_text(words: dict, counts: dict, thresholds: dict, lang: str) -> str:
    """The sentences under a settings table that say how to read it (``words["reading"]``: a template per count,
    shown when that count is not 0), filled with the claim's ``reading`` counts."""
    return " ".join(_fill(template, lang, {**thresholds, **counts})
                    for key, template in words.get("reading", {}).items() if counts.get(key))


def claim_details(c, result: dict, lang: str) -> str:
    page, words = PAGE[lang], WORDS[lang][c.id]
    thresholds = dict(c.thresholds)
    anchor = f"claim-{c.id.replace('_', '-')}"
    body: list[str] = []
    if "fact" in words:
        facts = dict(result["facts"])
        for name, (k, n, *forms) in words.get("counts", {}).items():
            facts[name] = by_count(facts[k], facts[n], *forms, lang=lang)
        body.append(f"**{page['fact']}.** " + _fill(words["fact"], lang, facts))
    else:
        body.append(f"**{page['question']}.** " + words["question"])
        body.append(f"**{page['method']}.** " + _fill(words["method"], lang, thresholds))
        body.append(f"**{page['rule']}.** " + _fill(words["rule"], lang, thresholds) + " "
                    + fill(page["verdict_rule"], lang, **SHARES,
                           **{f"w_{k}": f"**{VERDICT[lang][k]}**" for k in (claims.CONFIRMED, claims.REJECTED, claims.DEPENDS)}))
        head = page["setting_head"]
        rows = [f"| {head[0]} | {head[1]} | {head[2]} |", "|---|---|---|"]
        lr_kinds = len({s.get("lr_kind") for s in result["settings"]}) > 1
        for s in result["settings"]:
            mark = page["skip"] if s["held"] is None else (page["yes"] if s["held"] else page["no"])
            rows.append(f"| {setting_label(s, lang, lr_kinds)} | {_fill(words['row'], lang, {**thresholds, **s})} | {mark} |")
        body.append(f"**{page['settings']}** ({count_words(result['held'], result['n'], lang)}, "
                    f"**{VERDICT[lang][result['kind']]}**)\n\n" + "\n".join(rows))
        reading = reading_text(words, result.get("reading") or {}, thresholds, lang)
        if reading:
            body.append(reading)
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


def verdict_words(lang: str, kinds) -> dict[str, str]:
    """The verdicts used (``kinds``), quoted, as a list a page can print ("one of …"), and a note on what the
    verdicts judged by definition mean (``def_true``, ``def_false``), naming only those used."""
    page = PAGE[lang]
    order = (claims.CONFIRMED, claims.REJECTED, claims.DEPENDS, claims.DEF_TRUE, claims.DEF_FALSE)
    used = [k for k in order if k in set(kinds)]
    quoted = [f'"{VERDICT[lang][k]}"' for k in used]
    listed = ", ".join(quoted[:-1]) + (", " if lang == "ko" else ", or ") + quoted[-1] if len(quoted) > 1 else quoted[0]
    notes = []
    for k in (claims.DEF_TRUE, claims.DEF_FALSE):
        if k in used:
            word = VERDICT[lang][k]
            particle = josa(word, "은/는")[len(word):] if lang == "ko" else ""
            notes.append(page["def_note"][k].format(quoted=f'"{word}"{particle}'))
    if notes:
        notes.append(page["def_tail"])
    return {"list": page["verdict_or"].format(verdicts=listed), "defs": " ".join(notes)}


def values() -> dict[str, object]:
    out: dict[str, object] = {f"claims.{k}_percent": v for k, v in SHARES.items()}     # the verdict rule's shares
    kinds = [r["kind"] for r in judged().values()]
    for lang in VERDICT:
        words = verdict_words(lang, kinds)
        out[f"claims.verdict_list_{lang}"], out[f"claims.verdict_defs_{lang}"] = words["list"], words["defs"]
    for cid, r in judged().items():
        for lang in VERDICT:
            out[f"claim.{cid}.claim_{lang}"] = WORDS[lang][cid]["claim"]
            out[f"claim.{cid}.verdict_{lang}"] = VERDICT[lang][r["kind"]]
            out[f"claim.{cid}.count_{lang}"] = (count_words(r["held"], r["n"], lang)
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
            out[f"{key}.count_{lang}"] = count_words(r["held"], r["n"], lang)
    return out
