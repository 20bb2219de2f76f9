"""Muon's claim rule (scripts/claims/muon.py) on made-up settings: it must be able to say both yes and no."""

from scripts.claims import muon


def test_beats_adamw_rule_says_both():
    assert muon.beats_adamw({"loss": 0.9, "loss_adamw": 1.0})
    assert not muon.beats_adamw({"loss": 0.97, "loss_adamw": 1.0})       # within 5 %: a tie is not a win
    assert not muon.beats_adamw({"loss": 2.0, "loss_adamw": 1.0})
    assert not muon.beats_adamw({"loss": float("inf"), "loss_adamw": 1.0})  # a diverged Muon never wins


def test_the_registered_claim_muon_matrix_uses_that_rule():
    from scripts import claims
    claims.load_all()
    rule = claims.CLAIMS["muon_matrix"].holds
    assert rule({"loss": 0.9, "loss_adamw": 1.0}) is True
    assert rule({"loss": 0.97, "loss_adamw": 1.0}) is False


def test_matrix_only_is_labelled_true_by_definition_with_facts_from_the_class():
    from scripts import claims
    claims.load_all()
    c = claims.CLAIMS["muon_matrix_only"]
    assert c.definition == claims.DEF_TRUE and c.experiment is None
    assert muon.matrix_only_facts() == {"refused": 3, "tried": 3, "matrix_only": True}
