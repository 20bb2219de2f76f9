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
