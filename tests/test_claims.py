"""Every verdict is a rule that could have said no, and every claim's words fill for every value it can get.

* The one rule from "held in k of n settings" to a verdict gives each of its verdicts.
* Each claim's rule, fed made-up settings, says both "held" and "did not hold".
* Each claim has words in both languages, and its evidence renders in both.
* No tuned learning rate of the 2-D sweeps sits on an end of its grid.
"""

from __future__ import annotations

import re

import pytest

from optimizers import OPTIMIZERS, PROBLEMS
from scripts import claim_pages, claims, experiments
from scripts.claim_text import CLAIMS as WORDS

claims.load_all()

# made-up settings: (one where the claim holds, one where it does not)
EXAMPLES = {
    "sgd_oscillates": ({"reversals": 0.9}, {"reversals": 0.05}),
    "sgd_slow": ({"gap": 1e-2, "gap_others": 1e-6}, {"gap": 1e-12, "gap_others": 1e-12}),
    "momentum_fast": ({"gap": 1e-8, "gap_sgd": 1e-3, "reversals": 0.0, "reversals_sgd": 0.5},
                      {"gap": 1e-8, "gap_sgd": 1e-3, "reversals": 0.6, "reversals_sgd": 0.1}),
    "momentum_overshoot": ({"overshoot": 0.2, "overshoot_sgd": 0.0}, {"overshoot": 0.005, "overshoot_sgd": 0.0}),
    "nag_less": ({"overshoot": 0.1, "overshoot_momentum": 0.2}, {"overshoot": 0.3, "overshoot_momentum": 0.2}),
    "adagrad_decay": ({"gap": 1.0, "gap_rmsprop": 1e-6}, {"gap": 1e-6, "gap_rmsprop": 1e-6}),
    "rmsprop_stable": ({"gap": 1e-6, "gap_adagrad": 1.0}, {"gap": 1.0, "gap_adagrad": 1e-6}),
    "rmsprop_alpha": ({"spread": 100.0}, {"spread": 2.0}),
    "adadelta_nolr": ({"gap": 1e-3, "gap_tuned": 5e-4}, {"gap": 1.0, "gap_tuned": 1e-3}),
    "adadelta_slow": ({"growth": 50.0, "growth_adam": 1.0}, {"growth": 2.0, "growth_adam": 1.0}),
    "adam_fast": ({"rank": 2, "diverged": False}, {"rank": 6, "diverged": False}),
    "adam_robust": ({"width": 3.0, "others_median": 2.0}, {"width": 1.0, "others_median": 2.0}),
    "adamax_spikes": ({"gap": 0.1, "gap_adam": 1.0}, {"gap": 0.6, "gap_adam": 1.0}),
    "nadam_fast": ({"steps": 40, "steps_adam": 60, "gap": 1e-12, "gap_adam": 1e-12},
                   {"steps": 60, "steps_adam": 40, "gap": 1e-12, "gap_adam": 1e-12}),
    "radam_warmup": ({"loss": 0.1, "loss_warmup": 0.1}, {"loss": 0.3, "loss_warmup": 0.1}),
    "radam_slow_start": ({"loss": 0.3, "loss_adam": 0.1}, {"loss": 0.1, "loss_adam": 0.1}),
    # the folklore's 3–10×, ends included (a grid of 4 or 5 points a decade lands on 10 exactly)
    "lion_lr": ({"ratio": 10.000000000000002}, {"ratio": 25.1}),
    "adafactor_cost": ({"acc": 0.951, "acc_adamw": 0.958}, {"acc": 0.94, "acc_adamw": 0.958}),
    "sgdsf_length": ({"loss": 0.105, "loss_cos": 0.1}, {"loss": 0.12, "loss_cos": 0.1}),
    "adamwsf_length": ({"loss": 0.05, "loss_cos": 0.1}, {"loss": 0.2, "loss_cos": 0.1}),
    "sgdsf_eval": ({"loss_y": 0.3, "loss": 0.1}, {"loss_y": 0.105, "loss": 0.1}),
    "adamwsf_eval": ({"loss_y": 0.12, "loss": 0.1}, {"loss_y": 0.08, "loss": 0.1}),
}


@pytest.mark.parametrize("held,n,kind", [
    (5, 5, claims.CONFIRMED), (4, 5, claims.CONFIRMED), (3, 5, claims.DEPENDS), (1, 5, claims.REJECTED),
    (0, 14, claims.REJECTED), (7, 14, claims.DEPENDS), (12, 14, claims.CONFIRMED)])
def test_the_verdict_rule_gives_every_verdict(held, n, kind):
    assert claims.verdict(held, n) == kind


def test_the_verdict_rule_refuses_impossible_counts():
    with pytest.raises(ValueError):
        claims.verdict(0, 0)
    with pytest.raises(ValueError):
        claims.verdict(6, 5)


def test_a_claim_needs_a_rule_or_a_definition():
    with pytest.raises(ValueError, match="rule"):
        claims.Claim("x", "SGD", "pro", experiment=lambda: [])
    with pytest.raises(ValueError, match="either"):
        claims.Claim("x", "SGD", "pro")
    with pytest.raises(ValueError, match="side"):
        claims.Claim("x", "SGD", "both", definition=claims.DEF_TRUE)


def _data_test_source() -> str:
    """Where the rules judged on runs of their own are fed made-up settings: test_claims_data.py and the other
    optimizers' test_claims_<name>.py files."""
    from pathlib import Path
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(Path(__file__).parent.glob("test_claims_*.py")))


@pytest.mark.parametrize("cid", sorted(claims.CLAIMS))
def test_every_rule_can_say_yes_and_no(cid):
    c = claims.CLAIMS[cid]
    if c.experiment is None:
        assert c.definition in (claims.DEF_TRUE, claims.DEF_FALSE)
        return
    if cid not in EXAMPLES:
        assert re.search(rf"\b{cid}\b", _data_test_source()), f"{cid}: no made-up settings test its rule"
        return
    yes, no = EXAMPLES[cid]
    assert c.holds(dict(yes)) is True
    assert c.holds(dict(no)) is False


@pytest.mark.parametrize("cid", sorted(claims.CLAIMS))
def test_every_claim_has_words_in_both_languages(cid):
    keys = {lang: set(WORDS[lang].get(cid, {})) for lang in ("ko", "en")}
    assert keys["ko"], f"{cid}: no Korean words"
    assert keys["ko"] == keys["en"], f"{cid}: the two languages have different parts"
    definition = claims.CLAIMS[cid].experiment is None
    assert keys["ko"] - {"reading", "counts"} == ({"claim", "fact"} if definition else {"claim", "question", "method", "rule", "row"})
    # "counts": optional sentences about k of n (korean.by_count), named in the other parts
    if "reading" in keys["ko"]:       # how to read the settings: a template per count the claim's reading() gives
        assert claims.CLAIMS[cid].reading is not None, f"{cid}: words to read its settings, but no counts"
        assert set(WORDS["ko"][cid]["reading"]) == set(WORDS["en"][cid]["reading"])


@pytest.mark.parametrize("name", OPTIMIZERS)
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_optimizer_page_has_judged_claims_that_render(name, lang):
    text = claim_pages.fragment(name, lang)
    assert text.count("??? note") >= 2, f"{name}: fewer than two judged claims"
    assert "{" not in re.sub(r"\$[^$]*\$", "", text), f"{name} ({lang}): an unfilled template field"
    assert "nan" not in text.lower().replace("nanum", "")
    if lang == "ko":
        assert not re.search(r"[)\w](이\(가\)|을\(를\)|은\(는\)|\(으\)로)", text), "a particle the build could not choose"


def test_every_counted_setting_carries_its_verdict():
    for cid, r in claim_pages.judged().items():
        if r["n"]:
            assert r["held"] == sum(1 for s in r["settings"] if s["held"]), cid
            assert r["n"] == sum(1 for s in r["settings"] if s["held"] is not None), cid
            assert r["kind"] == claims.verdict(r["held"], r["n"]), cid


@pytest.mark.parametrize("problem", PROBLEMS)
def test_no_tuned_learning_rate_sits_on_an_end_of_its_grid(problem):
    for name, r in experiments.problem_runs(problem).items():
        assert not r.edge, (f"{name} on {problem}: tuned lr {r.tuned_lr:g} is the {r.edge} end of its grid "
                            f"({r.lrs[0]:g} … {r.lrs[-1]:g}); widen SweepConfig's limits or flag it on the page")


def test_the_grid_grows_past_a_wall():
    lrs = experiments.SWEEP.lrs
    more = experiments.decade_beyond(lrs, "high", experiments.SWEEP.per_decade)
    assert len(more) == experiments.SWEEP.per_decade and more[0] > lrs[-1]
    assert more[-1] == pytest.approx(lrs[-1] * 10)
    less = experiments.decade_beyond(lrs, "low", experiments.SWEEP.per_decade)
    assert less[-1] < lrs[0] and less[0] == pytest.approx(lrs[0] / 10)
    assert experiments.edge_of(0, 5) == "low" and experiments.edge_of(4, 5) == "high" and experiments.edge_of(2, 5) == ""
