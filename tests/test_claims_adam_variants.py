"""The rules of Adamax's, NAdam's and RAdam's claims (scripts/claims/adamax.py, nadam.py, radam.py) on made-up
settings: each must be able to say both yes and no, including at its edges."""

import math

from scripts.claims import adamax, nadam, radam

INF = math.inf


def test_nadam_faster_rule():
    # both reach the target: fewer steps wins, a tie is not faster
    assert nadam.faster({"steps": 40, "steps_adam": 60, "gap": 1e-12, "gap_adam": 1e-12})
    assert not nadam.faster({"steps": 60, "steps_adam": 60, "gap": 1e-12, "gap_adam": 1e-12})
    # only one reaches it
    assert nadam.faster({"steps": 900, "steps_adam": -1, "gap": 1e-12, "gap_adam": 1e-3})
    assert not nadam.faster({"steps": -1, "steps_adam": 900, "gap": 1e-3, "gap_adam": 1e-12})
    # neither: the smaller final gap; a diverged NAdam is never faster
    assert nadam.faster({"steps": -1, "steps_adam": -1, "gap": 1.0, "gap_adam": 2.0})
    assert not nadam.faster({"steps": -1, "steps_adam": -1, "gap": 2.0, "gap_adam": 1.0})
    assert not nadam.faster({"steps": -1, "steps_adam": -1, "gap": INF, "gap_adam": INF})


def test_nadam_reading_counts_and_words():
    from scripts.claim_pages import reading_text
    from scripts.claim_text import CLAIMS as WORDS

    def setting(kind, steps, steps_adam, held):
        return {"lr_kind": kind, "steps": steps, "steps_adam": steps_adam, "held": held}
    settings = [setting("default", -1, -1, True), setting("default", -1, -1, True), setting("default", 30, 50, True),
                setting("tuned", 30, 50, True), setting("tuned", 60, 50, False), setting("tuned", -1, -1, None)]
    counts = nadam.race_reading(settings)
    assert counts == {"held": 4, "default_neither": 2, "n_tuned": 2, "tuned_held": 1}
    ko = reading_text(WORDS["ko"]["nadam_fast"], counts, {"target": 1e-6}, "ko")
    assert "성립한 4개 중 2개는" in ko and "2개 중 1개" in ko
    en = reading_text(WORDS["en"]["nadam_fast"], counts, {"target": 1e-6}, "en")
    assert "Of the 4 settings" in en and "1 of the 2" in en
    # no default-lr setting where neither reached the target: that sentence is left out
    none = reading_text(WORDS["ko"]["nadam_fast"], {**counts, "default_neither": 0}, {"target": 1e-6}, "ko")
    assert "성립한" not in none and "2개 중 1개" in none


def test_adamax_spike_rule():
    assert adamax.more_robust({"gap": adamax.ROBUST * 1.0, "gap_adam": 1.0})          # the edge counts
    assert not adamax.more_robust({"gap": 0.9, "gap_adam": 1.0})
    assert adamax.more_robust({"gap": 1.0, "gap_adam": INF})                          # Adam diverged
    assert not adamax.more_robust({"gap": INF, "gap_adam": INF})
    assert not adamax.more_robust({"gap": 1e-12, "gap_adam": 1e-12})                  # both at the floor: a tie


def test_adamax_bound_facts_are_the_rule_s():
    f = adamax.bound_facts()
    assert f["adamax_max"] <= f["adamax_bound"] and f["adamax_spike"] < 1 < f["adam_spike"] < f["adam_bound"]
    assert f["adamax_after"] < f["adam_after"]       # Adamax remembers the spike longer


def test_radam_warmup_rule():
    assert radam.no_warmup_needed({"loss": radam.WITHIN * 0.1, "loss_warmup": 0.1})
    assert not radam.no_warmup_needed({"loss": 0.2, "loss_warmup": 0.1})
    assert not radam.no_warmup_needed({"loss": INF, "loss_warmup": 0.1})
    assert radam.slower_at_adams_lr({"loss": 0.2, "loss_adam": 0.1})
    assert radam.slower_at_adams_lr({"loss": INF, "loss_adam": 0.1})
    assert not radam.slower_at_adams_lr({"loss": 0.105, "loss_adam": 0.1})


def test_radam_warmup_counts_only_where_warmup_helps(monkeypatch):
    fake = {"lrs": [0.1, 0.3], "seeds": [1], "final_radam": [[0.1], [0.5]], "final_adam_warmup": [[0.1], [1.0]],
            "final_adam": [[0.105], [2.0]]}
    monkeypatch.setattr(radam, "study_result", lambda name: fake)
    rows = radam.warmup_runs()
    assert [r["applies"] for r in rows] == [False, True]     # 0.105 ≤ 1.1 × 0.1: warm-up did not help
