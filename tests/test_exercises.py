"""Questions with answers (issue 11, part 4).

* Every discussion question of the guide has an answer that folds open, in both languages, quoting computed
  numbers (``{{ value:… }}``) and linking its evidence.
* Every optimizer page has its exercises section, after "pitfalls" and before "references", with worked answers
  in folds whose numbers come from the exercises study.
* The study's numbers equal the update rules written out here by hand, with the letters of the pages.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from optimizers import OPTIMIZERS
from scripts import study_exercises

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LANGS = ("ko", "en")
ANSWER = {"ko": '??? success "답"', "en": '??? success "Answer"'}
HEADING_ID = re.compile(r"^#{1,6} .*\{ #([\w-]+) \}\s*$", re.M)
VALUE = re.compile(r"\{\{\s*value:study\.exercises\.([^\s{}|]+)")


@pytest.fixture(scope="module")
def result():
    return study_exercises.compute()


def _section(text: str, anchor: str) -> str:
    start = re.search(r"^## .*\{ #" + anchor + r" \}\s*$", text, re.M)
    assert start, f"no section #{anchor}"
    end = re.search(r"^## ", text[start.end():], re.M)
    return text[start.end(): start.end() + end.start() if end else len(text)]


# --------------------------------------------------------------------------- the guide


@pytest.mark.parametrize("lang", LANGS)
def test_every_guide_question_has_an_answer(lang):
    section = _section((DOCS / lang / "guide.md").read_text(encoding="utf-8"), "questions")
    items = re.split(r"^(?=\d+\. )", section, flags=re.M)[1:]
    assert len(items) >= 9, f"{lang}: only {len(items)} questions"
    for item in items:
        number = item.split(".", 1)[0]
        assert ANSWER[lang] in item, f"{lang}: question {number} has no answer fold"
        answer = item.split(ANSWER[lang], 1)[1]
        assert "{{ value:" in answer, f"{lang}: the answer to question {number} quotes no computed number"
        assert re.search(r"\]\([^)]+\)", answer), f"{lang}: the answer to question {number} links no evidence"


def test_guide_answers_are_the_same_in_number_in_both_languages():
    counts = {lang: (DOCS / lang / "guide.md").read_text(encoding="utf-8").count(ANSWER[lang]) for lang in LANGS}
    assert counts["ko"] == counts["en"], counts


@pytest.mark.parametrize("lang", LANGS)
def test_the_session_plans_cover_experiments_and_init(lang):
    text = (DOCS / lang / "guide.md").read_text(encoding="utf-8")
    ids = HEADING_ID.findall(text)
    assert "session" in ids and "two-meetings" in ids
    for anchor in ("session", "two-meetings"):
        plan = _section(text, anchor)
        assert "experiments/init.md" in plan, f"{lang} #{anchor}: no weight initialisation"
        assert "experiments/" in plan.replace("experiments/init.md", ""), f"{lang} #{anchor}: no experiments page"


# --------------------------------------------------------------------------- the optimizer pages


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_every_optimizer_page_has_exercises_with_worked_answers(name, result):
    for lang in LANGS:
        text = (DOCS / lang / "optimizers" / f"{name.lower()}.md").read_text(encoding="utf-8")
        ids = HEADING_ID.findall(text)
        assert "exercises" in ids, f"{name} ({lang}): no #exercises section"
        assert ids.index("pitfalls") < ids.index("exercises") < ids.index("references"), f"{name} ({lang}): {ids}"
        section = _section(text, "exercises")
        n = len(re.findall(r"^\d+\. ", section, re.M))
        assert 2 <= n <= 3, f"{name} ({lang}): {n} exercises"
        assert section.count(ANSWER[lang]) == n, f"{name} ({lang}): not every exercise has its answer fold"
        used = VALUE.findall(section)
        assert used, f"{name} ({lang}): the worked answers quote no computed number"
        assert not set(used) - set(result), f"{name} ({lang}): unknown keys {set(used) - set(result)}"


# --------------------------------------------------------------------------- the numbers, by hand


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-15)


def test_sgd_and_the_bowl_by_hand(result):
    r = result
    eta, th = r["sgd_lr"], r["sgd_theta0"]
    th1 = th - eta * 2 * th                      # θ ← θ − η g, g = 2θ
    th2 = th1 - eta * 2 * th1
    assert close(r["sgd_theta1"], th1) and close(r["sgd_theta2"], th2)
    # f = x²/20 + y²: curvatures 1/10 and 2, SGD stable for η < 2/λ
    assert close(r["bowl_curv_x"], 0.1) and abs(r["bowl_curv_y"] - 2) < 1e-6
    assert abs(r["bowl_lr_limit_x"] - 20) < 1e-4 and abs(r["bowl_lr_limit_y"] - 1) < 1e-6
    for k in ("under", "over"):
        assert abs(r[f"bowl_y_factor_{k}"] - abs(1 - r[f"bowl_y_lr_{k}"] * 2)) < 1e-6
    assert r["bowl_y_factor_under"] < 1 < r["bowl_y_factor_over"]


def test_momentum_and_nag_by_hand(result):
    r = result
    eta, mu, g, th = r["mom_lr"], r["mom_mu"], r["mom_g"], r["mom_theta0"]
    b1 = g                                       # b ← μ b + g, b₀ = 0
    b2 = mu * b1 + g
    assert close(r["momentum_b1"], b1) and close(r["momentum_b2"], b2)
    assert close(r["momentum_theta1"], th - eta * b1) and close(r["momentum_theta2"], th - eta * b1 - eta * b2)
    assert abs(r["momentum_gain"] - 1 / (1 - mu)) < 1e-6   # b → g/(1 − μ)
    n1 = th - eta * (g + mu * b1)                # θ ← θ − η (g + μ b)
    n2 = n1 - eta * (g + mu * b2)
    assert close(r["nag_theta1"], n1) and close(r["nag_theta2"], n2)
    assert close(r["nag_step1"], th - n1) and close(r["nag_step2"], n1 - n2)


def test_adagrad_and_rmsprop_by_hand(result):
    r = result
    eta, g1, g2, eps = r["ada_lr"], r["ada_g1"], r["ada_g2"], 1e-10
    s1, s2 = g1 ** 2, g1 ** 2 + g2 ** 2          # s ← s + g²
    t1 = -eta * g1 / (math.sqrt(s1) + eps)
    t2 = t1 - eta * g2 / (math.sqrt(s2) + eps)
    assert close(r["adagrad_s1"], s1) and close(r["adagrad_s2"], s2)
    assert close(r["adagrad_theta1"], t1) and close(r["adagrad_theta2"], t2)
    assert close(r["adagrad_eff100"], eta / (math.sqrt(100) + eps))
    eta, a, eps = r["rms_lr"], r["rms_alpha"], 1e-8
    s1 = (1 - a) * g1 ** 2                       # s ← α s + (1 − α) g²
    s2 = a * s1 + (1 - a) * g2 ** 2
    t1 = -eta * g1 / (math.sqrt(s1) + eps)
    t2 = t1 - eta * g2 / (math.sqrt(s2) + eps)
    assert close(r["rmsprop_s1"], s1) and close(r["rmsprop_s2"], s2)
    assert close(r["rmsprop_theta1"], t1) and close(r["rmsprop_theta2"], t2)
    assert abs(r["rmsprop_step1"] - eta / math.sqrt(1 - a)) < 1e-6
    assert abs(r["rmsprop_step1000"] - eta) < 1e-4          # s → g², step → η


def test_adadelta_by_hand(result):
    r = result
    eta, rho, eps, g = r["adadelta_lr"], r["adadelta_rho"], r["adadelta_eps"], 1.0
    s = u = th = 0.0
    deltas = []
    for _ in range(2):
        s = rho * s + (1 - rho) * g * g
        d = math.sqrt(u + eps) / math.sqrt(s + eps) * g
        u = rho * u + (1 - rho) * d * d
        th -= eta * d
        deltas.append(d)
        if len(deltas) == 1:
            assert close(r["adadelta_s1"], s) and close(r["adadelta_u1"], u)
    assert close(r["adadelta_delta1"], deltas[0]) and close(r["adadelta_delta2"], deltas[1])
    assert close(r["adadelta_theta2"], th)


def test_adam_and_adamw_by_hand(result):
    r = result
    eta, b1, b2, eps = r["adam_lr"], r["adam_beta1"], r["adam_beta2"], r["adam_eps"]

    def first_step(g, eta=eta, th=r["adam_theta0"]):
        m, v = (1 - b1) * g, (1 - b2) * g * g
        m_hat, v_hat = m / (1 - b1), v / (1 - b2)
        return m, v, th - eta * m_hat / (math.sqrt(v_hat) + eps)

    m, v, th1 = first_step(r["adam_g"])
    assert close(r["adam_m1"], m) and close(r["adam_v1"], v) and close(r["adam_theta1"], th1)
    assert close(r["adam_step1_ratio"], (r["adam_theta0"] - th1) / eta)
    assert close(r["adam_step1_big_ratio"], (r["adam_theta0"] - first_step(r["adam_g_big"])[2]) / eta)
    g = r["adam_g_tiny"]
    assert close(r["adam_step1_tiny_ratio"], g / (g + eps))

    eta, lam, th, g = r["adamw_lr"], r["adamw_lambda"], r["adamw_theta0"], r["adamw_g"]
    sign_step = eta * g / (abs(g) + eps)         # the first Adam step: η m̂/(√v̂ + ε) with m̂ = g, v̂ = g²
    assert close(r["adamw_theta1"], th * (1 - eta * lam) - sign_step)   # θ ← θ(1 − ηλ), then Adam
    gl = g + lam * th                            # L2: g ← g + λθ
    assert close(r["adam_l2_g"], gl)
    assert close(r["adam_l2_theta1"], th - eta * gl / (abs(gl) + eps))
    assert close(r["adam_plain_theta1"], th - sign_step)
    assert close(r["adamw_decay"], eta * lam * th)
