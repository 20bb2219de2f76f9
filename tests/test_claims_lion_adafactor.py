"""The claims of the Lion and Adafactor pages: their rules at and around their thresholds, and what they measure.

The rules' yes/no pair sits in ``tests/test_claims.py`` (EXAMPLES) with every other claim's; here, the edges.
"""

from __future__ import annotations

import numpy as np
import pytest

from scripts import claims
from scripts.claims import adafactor as A, lion as L
from scripts.claims.state_memory import memory_facts

claims.load_all()


@pytest.mark.parametrize("ratio,held", [(2.99, False), (3.0, True), (3.98, True), (5.62, True), (10.0, True),
                                        (10.000000000000002, True), (10.1, False), (1.58, False), (0.5, False)])
def test_lion_ratio_rule_includes_both_ends(ratio, held):
    assert L.ratio_in_range({"ratio": ratio}) is held


@pytest.mark.parametrize("acc,held", [(0.95, True), (0.948, True), (0.94799, False), (0.99, True)])
def test_adafactor_cost_rule_is_one_point_below_adamw(acc, held):
    assert A.little_cost({"acc": acc, "acc_adamw": 0.958}) is held


def test_memory_facts_are_the_state_arrays_the_classes_create():
    f = memory_facts()
    n = f["matrix_params"]                                   # 64·32 + 32·10 for the data experiments' MLP
    assert n == 64 * 32 + 32 * 10
    assert f["AdamW_matrix_numbers"] == f["Adam_matrix_numbers"] == 2 * n
    assert f["Lion_matrix_numbers"] == n and f["Lion_share_of_adamw"] == 0.5
    assert f["Adafactor_matrix_numbers"] == (64 + 32) + (32 + 10)          # a row and a column per matrix
    assert f["Adafactor_all_numbers"] == f["Adafactor_matrix_numbers"] + 32 + 10   # biases kept whole
    assert f["AdamW_matrix_bytes"] == 8 * f["AdamW_matrix_numbers"]
    assert f["factor_saving"] == pytest.approx(n / 138)


def test_lion_step_length_meter():
    """The meter that explains the ratio: Lion's step per unit lr is exactly 1 where the gradient is non-zero."""
    from optimizers import Lion
    lrs = np.array([1e-3, 1e-2])
    meter = L._StepMeter(Lion(lr=lrs), lrs)
    params = {"w": np.zeros((2, 3, 2))}
    for _ in range(3):
        meter.update(params, {"w": np.random.default_rng(0).standard_normal((2, 3, 2))})
    np.testing.assert_allclose(meter.mean(), 1.0, rtol=1e-12)


def test_the_thresholds_are_quoted():
    c = claims.CLAIMS["lion_lr"]
    assert (c.thresholds["lo"], c.thresholds["hi"]) == (L.RATIO_LO, L.RATIO_HI)
    assert claims.CLAIMS["adafactor_cost"].thresholds["margin"] == A.COST_ACC
    assert claims.CLAIMS["lion_memory"].definition == claims.DEF_TRUE
    assert claims.CLAIMS["adafactor_memory"].definition == claims.DEF_TRUE


@pytest.mark.parametrize("optimizer", ["Lion", "Adafactor"])
def test_no_tuned_lr_sits_unflagged_on_a_wall(optimizer):
    """Every tuning behind these verdicts ended inside its grid, or on an end only at the sweep's limits."""
    from scripts.experiments import SWEEP, can_extend
    from scripts.studies import study_result
    seen = 0
    for cid, judged in study_result(f"claims-{optimizer.lower()}")["claims"].items():
        for s in judged["settings"]:
            for record in s.get("tuning", []):
                seen += 1
                i, n = record["index"], record["n"]
                on_end = "low" if i == 0 else ("high" if i == n - 1 else "")
                assert record["edge"] == on_end, (cid, record)
                if on_end:
                    assert not can_extend(np.array([record["lo"], record["hi"]]), on_end, SWEEP), (cid, record)
                    assert s.get("applies") is False, f"{cid}: a walled tuning must not count"
    assert seen > 0
