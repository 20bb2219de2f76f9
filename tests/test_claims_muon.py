"""Muon's claim rule (scripts/claims/muon.py) on made-up settings: it must be able to say both yes and no."""

from scripts.claims import muon


def test_beats_adamw_rule_says_both():
    assert muon.beats_adamw({"loss": 0.9, "loss_adamw": 1.0})
    assert not muon.beats_adamw({"loss": 0.97, "loss_adamw": 1.0})       # within 5 %: a tie is not a win
    assert not muon.beats_adamw({"loss": 2.0, "loss_adamw": 1.0})
    assert not muon.beats_adamw({"loss": float("inf"), "loss_adamw": 1.0})  # a diverged Muon never wins
