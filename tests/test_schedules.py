"""Learning-rate schedules: torch's numbers (golden fixture, and live), batched runs, bad input.

The cases live in ``fixtures/make_torch_schedules.py``, which wrote ``fixtures/torch_schedules.json``
from torch 2.13; the fixture tests need no torch.
"""

from __future__ import annotations

import copy
import json
import math
import re

import numpy as np
import pytest

import optimizers
from helpers import FIXTURES, load_fixture_script
from optimizers import SGD, Adam, AdamW, Momentum, NAG, RMSProp
from optimizers import schedules as S

pytestmark = pytest.mark.filterwarnings("error")

GOLDEN = json.loads((FIXTURES / "torch_schedules.json").read_text())
REGENERATE = "regenerate it: .venv/bin/python tests/fixtures/make_torch_schedules.py"
TOL = 1e-12

MAKE = load_fixture_script("make_torch_schedules")

CASE_IDS = list(MAKE.CASES)
SCHEDULES = ["StepLR", "MultiStepLR", "ExponentialLR", "CosineAnnealingLR", "CosineAnnealingWarmRestarts",
             "LinearLR", "SequentialLR", "OneCycleLR"]


def replay(case_id, *, batch_update=True):
    """Run case ``case_id`` with the package: (lrs, momenta) after construction and after each step."""
    spec, schedule, _ = MAKE.CASES[case_id]
    opt = MAKE.make_optimizer("numpy", spec)
    sched = MAKE.make_schedule(S, opt, schedule)
    k = opt.batch_size
    param = np.zeros((k, 2) if k else 2)
    lrs, momenta = [], []
    for step in range(MAKE.steps_for(case_id) + 1):
        if step:
            if batch_update:
                opt.update(param, np.ones_like(param))
            sched.step()
        lr, m = MAKE.read_numpy(opt)
        assert lr == sched.get_last_lr()
        lrs.append(lr)
        momenta.append(m)
    return opt, sched, lrs, momenta


def max_difference(a, b):
    a, b = np.array(a, dtype=np.float64), np.array(b, dtype=np.float64)
    assert a.shape == b.shape, (a.shape, b.shape)
    return float(np.max(np.abs(a - b))) if a.size else 0.0


# ---------------------------------------------------------------------------------------------
# The golden fixture (no torch needed)
# ---------------------------------------------------------------------------------------------

def test_fixture_matches_the_case_table():
    assert list(GOLDEN["cases"]) == CASE_IDS, REGENERATE
    for cid, (spec, schedule, t) in MAKE.CASES.items():
        case = GOLDEN["cases"][cid]
        assert (case["optimizer"], case["schedule"], case["T"], case["steps"]) == \
            (spec, schedule, t, MAKE.steps_for(cid)), f"{cid}: {REGENERATE}"


def test_every_schedule_has_cases():
    """Every class, several argument sets; batched runs and CosineAnnealingLR past T_max included."""
    names = [schedule[0] for _, schedule, _ in MAKE.CASES.values()]
    for name in SCHEDULES:
        assert names.count(name) >= 2, name
    assert set(names) == set(SCHEDULES) and set(S.__all__) - {"LRScheduler"} == set(SCHEDULES)
    assert any(isinstance(spec["lr"], list) for spec, _, _ in MAKE.CASES.values())
    assert {s[1].get("anneal_strategy", "cos") for s in (c[1] for c in MAKE.CASES.values())
            if s[0] == "OneCycleLR"} == {"cos", "linear"}


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_matches_torch_golden(case_id):
    golden = GOLDEN["cases"][case_id]
    opt, sched, lrs, momenta = replay(case_id)
    assert max_difference(lrs, golden["lr"]) <= TOL, case_id
    cycles = golden["schedule"][0] == "OneCycleLR" and golden["schedule"][1].get("cycle_momentum", True)
    assert max_difference(momenta, golden["momentum"]) <= TOL, case_id
    if golden["schedule"][0] == "OneCycleLR":
        assert cycles or all(m == momenta[0] for m in momenta)
        assert_refused_step_changes_nothing(opt, sched, "Tried to step" if "torch_last" not in golden
                                            else "Invalid learning rate: -")
        if "torch_last" in golden:
            assert all(v < 0 for v in golden["torch_last"]), "torch's extrapolated last lr is negative"


def test_golden_differences_are_zero():
    """Not only within 1e-12: the same expressions in the same order give torch's bits."""
    worst = {cid: max_difference(replay(cid)[2], GOLDEN["cases"][cid]["lr"]) for cid in CASE_IDS}
    assert max(worst.values()) == 0.0, worst


def test_cosine_rises_again_after_t_max():
    lrs = [lr[0] for lr in GOLDEN["cases"]["CosineAnnealingLR-10"]["lr"]]
    assert lrs[0] == 0.1 and lrs[10] == 0.0
    assert all(a < b for a, b in zip(lrs[10:20], lrs[11:21])), "rises from T_max to 2 T_max"
    assert lrs[20] == pytest.approx(0.1, abs=1e-15)
    assert replay("CosineAnnealingLR-10")[2] == GOLDEN["cases"]["CosineAnnealingLR-10"]["lr"]


# ---------------------------------------------------------------------------------------------
# Live, against torch
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("case_id", CASE_IDS)
def test_matches_torch_live(case_id):
    pytest.importorskip("torch")
    theirs = MAKE.run_torch(case_id)
    _, _, lrs, momenta = replay(case_id)
    assert max_difference(lrs, theirs["lr"]) <= TOL
    assert max_difference(momenta, theirs["momentum"]) <= TOL


def test_chained_with_a_changed_lr_like_torch():
    """The recursive forms read the optimizer's current lr, so a change in between carries on, as in torch."""
    torch = pytest.importorskip("torch")
    t_opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1, momentum=0.9)
    o = Momentum(lr=0.1, momentum=0.9)
    t_s, s = (torch.optim.lr_scheduler.CosineAnnealingLR(t_opt, T_max=10), S.CosineAnnealingLR(o, T_max=10))
    ours, theirs = [], []
    for step in range(25):
        t_opt.step()
        t_s.step()
        s.step()
        if step == 4:
            t_opt.param_groups[0]["lr"] *= 0.5
            o.lr = o.lr * 0.5
        ours.append(o.lr)
        theirs.append(t_opt.param_groups[0]["lr"])
    assert max_difference(ours, theirs) <= TOL


# ---------------------------------------------------------------------------------------------
# Attached like torch; batched runs
# ---------------------------------------------------------------------------------------------

def test_attach_and_read():
    opt = Adam(lr=0.01)
    sched = S.CosineAnnealingLR(opt, T_max=100)
    assert sched.base_lrs == [0.01] and sched.get_last_lr() == [0.01] and opt.lr == 0.01
    params = {"w": np.ones(3)}
    opt.update(params, {"w": np.ones(3)})
    sched.step()
    assert opt.lr == sched.get_last_lr()[0] == pytest.approx(0.01 * (1 + math.cos(math.pi / 100)) / 2)
    assert type(opt.lr) is float                      # a Python float: float32 parameters stay float32
    assert opt.hyperparameters["lr"] == opt.lr and opt.schedule_values["initial_lr"] == [0.01]
    p32 = {"w": np.ones(3, dtype=np.float32)}
    opt.update(p32, {"w": np.ones(3, dtype=np.float32)})
    assert p32["w"].dtype == np.float32


@pytest.mark.parametrize("case_id", [c for c in CASE_IDS if isinstance(MAKE.CASES[c][0]["lr"], list)])
def test_batched_runs_equal_single_runs(case_id):
    """With lr a length-K array, run k follows the schedule from its own lr, as a single run would."""
    spec, schedule, t = MAKE.CASES[case_id]
    opt, sched, lrs, momenta = replay(case_id)
    assert sched.get_last_lr() == lrs[-1] and len(lrs[-1]) == len(spec["lr"])
    if schedule[0] != "OneCycleLR":
        assert schedule[0] == "SequentialLR" or sched.base_lrs == spec["lr"]
    for k, lr in enumerate(spec["lr"]):
        single_schedule = copy.deepcopy(schedule)
        if schedule[0] == "OneCycleLR":
            for key in ("max_lr", "base_momentum", "max_momentum"):
                if isinstance(single_schedule[1].get(key), list):
                    single_schedule[1][key] = single_schedule[1][key][k]
        MAKE.CASES["_single"] = ({**spec, "lr": lr}, single_schedule, t)
        try:
            _, _, single_lrs, single_momenta = replay("_single")
        finally:
            del MAKE.CASES["_single"]
        assert [row[k] for row in lrs] == [row[0] for row in single_lrs]
        assert [row[k] for row in momenta] == [row[0] for row in single_momenta]


def test_batched_from_another_hyperparameter():
    """K runs set by betas, lr one float: the schedule still keeps one lr per run (K param groups)."""
    opt = Adam(lr=0.1, betas=(np.array([0.8, 0.9]), 0.999))
    sched = S.ExponentialLR(opt, gamma=0.5)
    assert sched.base_lrs == [0.1, 0.1]
    sched.step()
    np.testing.assert_array_equal(opt.lr, [0.05, 0.05])
    assert opt.batch_size == 2


def test_one_cycle_cycles_beta1_and_momentum():
    adam = Adam(lr=0.01, betas=(0.9, 0.99))
    S.OneCycleLR(adam, max_lr=0.1, total_steps=10, base_momentum=0.8, max_momentum=0.9)
    assert adam.betas == (0.9, 0.99) and adam.lr == pytest.approx(0.004)
    nag = NAG(lr=0.01, momentum=0.5)
    s = S.OneCycleLR(nag, max_lr=0.1, total_steps=10)
    assert nag.momentum == 0.95
    for _ in range(2):                                  # the peak at step 0.3·10 − 1 = 2
        s.step()
    assert nag.momentum == 0.85 and nag.lr == 0.1       # lr at max, momentum at base


# ---------------------------------------------------------------------------------------------
# Bad input: torch's messages where torch checks, nothing half-updated
# ---------------------------------------------------------------------------------------------

def assert_refused_step_changes_nothing(opt, sched, message):
    before_opt = copy.deepcopy(opt.__dict__)
    before = copy.deepcopy(sched.state_dict())
    with pytest.raises(ValueError, match=re.escape(message)):
        sched.step()
    assert repr(sched.state_dict()) == repr(before)
    assert repr(opt.__dict__) == repr(before_opt)


def _momentum():
    return Momentum(lr=0.1, momentum=0.9)


#: (schedule, kwargs, error, message, torch's message too?)
BAD_SCHEDULES = [
    ("StepLR", {"step_size": 0}, ValueError, "Expected positive integer step_size, but got 0", False),
    ("StepLR", {"step_size": 2.5}, ValueError, "Expected positive integer step_size, but got 2.5", False),
    ("StepLR", {"step_size": 3, "gamma": -0.1}, ValueError, "Expected non-negative gamma, but got -0.1", False),
    ("StepLR", {"step_size": 3, "gamma": "0.1"}, TypeError, "Expected float or int gamma, but got '0.1'", False),
    ("MultiStepLR", {"milestones": [30, 10]}, ValueError,
     "Milestones should be a list of increasing integers. Got [30, 10]", False),
    ("MultiStepLR", {"milestones": [1.5, 3]}, TypeError, "Milestones should be a list of increasing integers", False),
    ("MultiStepLR", {"milestones": "10"}, TypeError, "Milestones should be a list of increasing integers", False),
    ("ExponentialLR", {"gamma": math.nan}, ValueError, "Expected non-negative gamma, but got nan", False),
    ("CosineAnnealingLR", {"T_max": 0}, ValueError, "Expected positive integer T_max, but got 0", False),
    ("CosineAnnealingLR", {"T_max": -5}, ValueError, "Expected positive integer T_max, but got -5", False),
    ("CosineAnnealingLR", {"T_max": "100"}, ValueError, "Expected positive integer T_max, but got '100'", False),
    ("CosineAnnealingLR", {"T_max": 10, "eta_min": -0.01}, ValueError,
     "Expected non-negative eta_min, but got -0.01", False),
    ("CosineAnnealingWarmRestarts", {"T_0": 0}, ValueError, "Expected positive integer T_0, but got 0", True),
    ("CosineAnnealingWarmRestarts", {"T_0": 1.5}, ValueError, "Expected positive integer T_0, but got 1.5", True),
    ("CosineAnnealingWarmRestarts", {"T_0": 5, "T_mult": 0}, ValueError,
     "Expected integer T_mult >= 1, but got 0", True),
    ("CosineAnnealingWarmRestarts", {"T_0": 5, "eta_min": "0"}, ValueError,
     "Expected float or int eta_min, but got 0 of type <class 'str'>", True),
    ("LinearLR", {"start_factor": 0.0}, ValueError,
     "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.", True),
    ("LinearLR", {"end_factor": 1.5}, ValueError, "Ending multiplicative factor expected to be between 0 and 1.",
     True),
    ("LinearLR", {"total_iters": 0}, ValueError, "Expected positive integer total_iters, but got 0", False),
    ("OneCycleLR", {"max_lr": 0.1}, ValueError, "You must define either total_steps OR (epochs AND steps_per_epoch)",
     True),
    ("OneCycleLR", {"max_lr": 0.1, "total_steps": 0}, ValueError,
     "Expected positive integer total_steps, but got 0", True),
    ("OneCycleLR", {"max_lr": 0.1, "epochs": 0, "steps_per_epoch": 3}, ValueError,
     "Expected positive integer epochs, but got 0", True),
    ("OneCycleLR", {"max_lr": 0.1, "total_steps": 10, "pct_start": 1}, ValueError,
     "Expected float between 0 and 1 pct_start, but got 1", True),
    ("OneCycleLR", {"max_lr": 0.1, "total_steps": 10, "anneal_strategy": "exp"}, ValueError,
     "anneal_strategy must be one of 'cos' or 'linear', instead got exp", True),
    ("OneCycleLR", {"max_lr": [0.1, 0.2], "total_steps": 10}, ValueError,
     "max_lr must have the same length as optimizer.param_groups. max_lr has 2 values, param_groups has 1.", True),
    ("OneCycleLR", {"max_lr": "0.1", "total_steps": 10}, TypeError, "Expected float or int max_lr", False),
]


@pytest.mark.parametrize("name, kwargs, error, message, same_as_torch",
                         [pytest.param(*row, id=f"{row[0]}-{row[1]}") for row in BAD_SCHEDULES])
def test_bad_schedule_arguments(name, kwargs, error, message, same_as_torch):
    opt = _momentum()
    before = copy.deepcopy(opt.__dict__)
    with pytest.raises(error) as err:
        getattr(S, name)(opt, **kwargs)
    assert str(err.value).startswith(message), str(err.value)
    assert repr(opt.__dict__) == repr(before), "a refused schedule changes nothing"
    if same_as_torch:
        torch = pytest.importorskip("torch")
        t_opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1, momentum=0.9)
        with pytest.raises(error) as theirs:
            getattr(torch.optim.lr_scheduler, name)(t_opt, **kwargs)
        assert str(theirs.value) == str(err.value)


def test_bad_schedule_arguments_torch_lets_through():
    """Where torch has no check, its failure comes later (or never): the package checks at once."""
    torch = pytest.importorskip("torch")
    t_opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1, momentum=0.9)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(t_opt, T_max=0)
    t_opt.step()
    with pytest.raises(ZeroDivisionError):
        sched.step()
    torch.optim.lr_scheduler.MultiStepLR(t_opt, milestones=[30, 10])        # accepted, in any order


def test_sequential_lr_refusals():
    opt, other = _momentum(), _momentum()
    a, b = S.LinearLR(opt, 0.1, total_iters=3), S.CosineAnnealingLR(opt, T_max=5)
    before = copy.deepcopy((opt.__dict__, a.state_dict(), b.state_dict()))
    with pytest.raises(ValueError, match="expects at least one scheduler"):
        S.SequentialLR(opt, [], [])
    with pytest.raises(ValueError, match=re.escape("Sequential Schedulers expects number of schedulers provided to "
                                                   "be one more than the number of milestone points, but got number "
                                                   "of schedulers 2 and the number of milestones to be equal to 2")):
        S.SequentialLR(opt, [a, b], [3, 6])
    with pytest.raises(ValueError, match="Milestones should be a list of increasing integers. Got \\[5, 3\\]"):
        S.SequentialLR(opt, [a, b, S.StepLR(opt, 2)], [5, 3])
    with pytest.raises(ValueError, match="expects all schedulers to belong to the same optimizer"):
        S.SequentialLR(other, [a, b], [3])
    with pytest.raises(TypeError, match="should have `optimizer`"):
        S.SequentialLR(opt, [a, "cosine"], [3])


def test_not_an_optimizer_and_resuming():
    with pytest.raises(TypeError, match="^list is not an Optimizer$"):
        S.StepLR([], step_size=3)
    with pytest.raises(TypeError, match="^dict is not an Optimizer$"):
        S.OneCycleLR({}, max_lr=0.1, total_steps=3)
    with pytest.raises(ValueError, match="last_epoch=5"):
        S.StepLR(_momentum(), step_size=3, last_epoch=5)


def test_one_cycle_needs_momentum_or_beta1():
    for opt in (SGD(lr=0.1), RMSProp()):
        with pytest.raises(ValueError, match="^optimizer must support momentum or beta1 with `cycle_momentum` "
                                             "option enabled$"):
            S.OneCycleLR(opt, max_lr=0.1, total_steps=10)
    S.OneCycleLR(SGD(lr=0.1), max_lr=0.1, total_steps=10, cycle_momentum=False)


def test_one_cycle_momentum_the_optimizer_refuses_changes_nothing():
    """β₁ must stay below 1: the optimizer's own check refuses, and neither it nor its values move."""
    opt = AdamW(lr=0.01)
    before = copy.deepcopy(opt.__dict__)
    with pytest.raises(ValueError, match=r"OneCycleLR at step 0 .*Invalid beta parameter at index 0: 1.0"):
        S.OneCycleLR(opt, max_lr=0.1, total_steps=10, max_momentum=1.0)
    assert repr(opt.__dict__) == repr(before)


def test_one_cycle_past_total_steps_changes_nothing():
    opt = _momentum()
    sched = S.OneCycleLR(opt, max_lr=0.5, total_steps=4)
    for _ in range(4):
        sched.step()
    assert_refused_step_changes_nothing(opt, sched, "Tried to step 5 times. The specified number of total steps is 4")


def test_a_refused_step_inside_sequential_changes_nothing():
    opt = Adam(lr=0.01)
    inner = [S.LinearLR(opt, 0.5, total_iters=2),
             S.OneCycleLR(opt, max_lr=0.1, total_steps=3, cycle_momentum=False)]
    sched = S.SequentialLR(opt, inner, milestones=[2])
    for _ in range(5):
        sched.step()
    assert_refused_step_changes_nothing(opt, sched, "Tried to step 4 times")


def test_a_refused_sequential_construction_changes_nothing():
    opt = Momentum(lr=0.1)
    first = S.LinearLR(opt, 0.5, total_iters=2)
    broken = S.StepLR(opt, step_size=2)
    broken.get_lr = lambda: (_ for _ in ()).throw(RuntimeError("boom"))    # its initial step fails
    before = copy.deepcopy((opt.__dict__, first.last_epoch))
    with pytest.raises(RuntimeError, match="boom"):
        S.SequentialLR(opt, [broken, first], milestones=[3])
    assert repr((opt.__dict__, first.last_epoch)) == repr(before)


def test_lr_set_by_hand_is_validated():
    opt = _momentum()
    sched = S.StepLR(opt, step_size=1, gamma=0.5)
    before = copy.deepcopy(opt.__dict__)
    for bad, error in [(-1.0, ValueError), ("0.1", TypeError), (None, TypeError), (math.nan, ValueError),
                       (np.array([0.1, 0.2]), ValueError)]:
        with pytest.raises(error, match="learning rate|run"):
            opt.lr = bad
        assert repr(opt.__dict__) == repr(before)
    sched.step()
    assert opt.lr == 0.05


def test_state_dict_round_trip():
    opt = Adam(lr=0.01)
    sched = S.SequentialLR(opt, [S.LinearLR(opt, 0.1, total_iters=3), S.CosineAnnealingLR(opt, T_max=6)], [3])
    for _ in range(4):
        sched.step()
    saved, lr = sched.state_dict(), opt.lr
    expected = []
    for _ in range(5):
        sched.step()
        expected.append(opt.lr)
    opt2 = Adam(lr=0.01)
    sched2 = S.SequentialLR(opt2, [S.LinearLR(opt2, 0.1, total_iters=3), S.CosineAnnealingLR(opt2, T_max=6)], [3])
    sched2.load_state_dict(saved)
    opt2.lr = lr
    got = []
    for _ in range(5):
        sched2.step()
        got.append(opt2.lr)
    assert got == expected


def test_package_exports_schedules():
    assert optimizers.schedules is S
