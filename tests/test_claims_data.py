"""The claims judged on data (scripts/claims/data.py) and the rule "no tuning into a wall".

* every rule of claims/data.py can say "held" and "did not hold" (made-up settings);
* the grid grows past a wall, and flags a wall it cannot pass;
* no tuned lr or λ behind a page (data studies, data claims) sits on an end of its grid unflagged.
"""

from __future__ import annotations

import numpy as np
import pytest

from scripts import claims
from scripts.claims import data as C
from scripts.experiments import SWEEP, SweepConfig, can_extend, edge_of
from scripts.study_data import grow_until_interior

# ------------------------------------------------------------------------------- each rule says yes and no


@pytest.mark.parametrize("rule, yes, no", [
    (C.escapes_by_inertia,
     {"escaped": 0.20, "escaped_sgd_effective": 0.05},
     {"escaped": 0.20, "escaped_sgd_effective": 0.20 - C.ESCAPE_MARGIN / 2}),
    (C.strong_on_rare,
     {"loss_rare": 0.20, "loss_rare_sgd": 0.30},
     {"loss_rare": 0.30, "loss_rare_sgd": 0.30 * (1 - C.RARE_GAIN / 2)}),
    (C.generalises_worse,
     {"error": 0.05, "error_sgd": 0.02},
     {"error": 0.02, "error_sgd": 0.02}),
    (C.decoupled_better,
     {"test_w": 1.0, "test_l2": 2.0},
     {"test_w": 2.0, "test_l2": 2.0}),
    (C.default_lambda_off,
     {"test_w_default": 3.0, "test_w": 2.0},
     {"test_w_default": 2.0 * (1 + (C.NEEDS_TUNING - 1) / 2), "test_w": 2.0}),
])
def test_rule_can_say_yes_and_no(rule, yes, no):
    assert rule(yes) is True
    assert rule(no) is False


def test_every_data_claim_has_a_tested_rule():
    claims.load_all()
    mine = {c.id: c.holds for c in claims.CLAIMS.values() if c.experiment and c.experiment.__module__ == C.__name__}
    assert set(mine) == {"momentum_escape", "adagrad_sparse", "adam_generalise", "adamw_generalise", "adamw_lambda"}
    tested = {C.escapes_by_inertia, C.strong_on_rare, C.generalises_worse, C.decoupled_better, C.default_lambda_off}
    assert set(mine.values()) <= tested


@pytest.mark.parametrize("held, n, kind", [(5, 5, claims.CONFIRMED), (3, 5, claims.DEPENDS), (0, 5, claims.REJECTED)])
def test_the_verdict_over_settings_can_be_each_kind(held, n, kind):
    assert claims.verdict(held, n) == kind


# ------------------------------------------------------------------------------- growing past a wall


def _bowl(best):
    """A tuning score with its minimum at ``best`` (on a log axis)."""
    return lambda v: {"score": (np.log10(v) - np.log10(best)) ** 2, "v": np.asarray(v)}


def test_grid_grows_until_the_optimum_is_interior():
    grid, res, i, edge = grow_until_interior(_bowl(30.0), np.logspace(-2, 0, 9), floor_exp=-8, ceiling_exp=3)
    assert edge == ""
    assert edge_of(i, len(grid)) == ""
    assert 10 < grid[i] < 100 and grid[-1] <= 1e3 * (1 + 1e-9)
    np.testing.assert_allclose(res["v"], grid)            # results stay aligned with the grown grid
    assert np.all(np.diff(grid) > 0)


def test_grid_grows_downwards_too():
    grid, _, i, edge = grow_until_interior(_bowl(3e-5), np.logspace(-2, 0, 9), floor_exp=-8, ceiling_exp=3)
    assert edge == "" and 1e-5 < grid[i] < 1e-4


def test_a_wall_at_the_limit_is_flagged():
    grid, _, i, edge = grow_until_interior(_bowl(1e6), np.logspace(-2, 0, 9), floor_exp=-8, ceiling_exp=3)
    assert edge == "high" and i == len(grid) - 1
    assert not can_extend(grid, "high", SweepConfig(lr_floor_exp=-8, lr_ceiling_exp=3))


# ------------------------------------------------------------------------------- nothing unflagged on a wall


def _check(record: dict, where: str) -> None:
    side = edge_of(record["index"], record["n"])
    if not side:
        assert record["edge"] == "", f"{where}: flagged {record['edge']!r} but interior"
        return
    assert record["edge"] == side, (f"{where}: tuned value {record['value']} is the {side} end of its grid "
                                    f"({record['lo']} … {record['hi']}) and not flagged")


@pytest.mark.parametrize("study", ["data-logreg", "data-mlp", "data-sparse"])
def test_data_studies_have_no_unflagged_wall(study):
    from scripts.studies import load_all, study_result
    load_all()
    result = study_result(study)
    assert set(result["tuning"]) == set(result["tuned_test_acc"])
    for name, record in result["tuning"].items():
        _check(record, f"{study} {name}")
        if record["edge"]:
            grid = np.array([record["lo"], record["hi"]])
            assert not can_extend(grid, record["edge"], SWEEP), f"{study} {name}: flagged before the limit"
            assert "†" in result.get("table_ko", "") + result.get("table_acc_ko", "")
            assert result["edge_note_ko"] and result["edge_note_en"]


@pytest.mark.parametrize("optimizer", ["Momentum", "AdaGrad", "Adam", "AdamW"])
def test_data_claims_have_no_unflagged_wall(optimizer):
    from scripts.studies import study_result
    claims.load_all()
    result = study_result(f"claims-{optimizer.lower()}")["claims"]
    seen = 0
    for cid, judged in result.items():
        experiment = claims.CLAIMS[cid].experiment
        if experiment is None or experiment.__module__ != C.__name__:
            continue
        for s in judged["settings"]:
            for record in s.get("tuning", []):
                _check(record, f"{cid} {record['what']}")
                seen += 1
    assert seen > 0
