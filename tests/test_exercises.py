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
#: a computed number a worked answer quotes: (study, key), mostly from the exercises study, or from the study the
#: page's experiment already runs (Muon's Newton–Schulz step comes from the ``muon`` study)
VALUE = re.compile(r"\{\{\s*value:study\.([\w-]+)\.([^\s{}|]+)")


@pytest.fixture(scope="module")
def result():
    return study_exercises.compute()


def _study(name: str) -> dict:
    from scripts import studies
    studies.load_all()
    return studies.study_result(name)


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
        unknown = {f"{study}.{key}" for study, key in used
                   if key not in (result if study == "exercises" else _study(study))}
        assert not unknown, f"{name} ({lang}): unknown keys {unknown}"


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


def test_schedulefree_by_hand(result):
    r = result
    # SGDScheduleFree, no warm-up: c₁ = 1, c₂ = 1/2; y ← (1 − c) y + c z + η(β(1 − c) − 1) g, z ← z − η g
    eta, beta, th = r["sgdsf_lr"], r["sgdsf_beta"], r["sgdsf_theta0"]
    y1 = z1 = th - eta * r["sgdsf_g1"]
    z2 = z1 - eta * r["sgdsf_g2"]
    y2 = 0.5 * y1 + 0.5 * z1 + eta * (beta * 0.5 - 1) * r["sgdsf_g2"]
    assert close(r["sgdsf_y1"], y1) and close(r["sgdsf_z1"], z1) and close(r["sgdsf_c2"], 0.5)
    assert close(r["sgdsf_y2"], y2) and close(r["sgdsf_z2"], z2)
    assert close(r["sgdsf_x2"], (y2 - (1 - beta) * z2) / beta) and close(r["sgdsf_x2"], (z1 + z2) / 2)
    # warm-up over W steps: η_t = η t/W, weights η_max,t², c₂ = w₂ / (w₁ + w₂)
    W = r["sgdsf_warmup"]
    w1, w2 = (eta / W) ** 2, (2 * eta / W) ** 2
    assert close(r["sgdsf_warm_lr2"], 2 * eta / W) and close(r["sgdsf_warm_c2"], w2 / (w1 + w2))
    # AdamWScheduleFree: ĝ = g / (|g| + ε) on the first step (v̂₁ = g²), and again on the second (|g| unchanged)
    eta, b1, eps, th = r["adamwsf_lr"], r["adamwsf_beta1"], r["adamwsf_eps"], r["adamwsf_theta0"]
    g = r["adamwsf_g1"]
    gh = g / (abs(g) + eps)
    y1 = z1 = th - eta * gh
    assert close(r["adamwsf_y1"], y1) and close(r["adamwsf_step1_ratio"], gh)
    y2 = 0.5 * y1 + 0.5 * z1 + eta * (b1 * 0.5 - 1) * (-gh)
    z2 = z1 + eta * gh
    assert close(r["adamwsf_y2"], y2) and close(r["adamwsf_z2"], z2)
    assert close(r["adamwsf_x2"], (y2 - (1 - b1) * z2) / b1) and close(r["adamwsf_eval_move"], r["adamwsf_x2"] - y2)


def test_lion_and_adafactor_by_hand(result):
    r = result
    # Lion: c = β₁m + (1 − β₁)g, θ ← θ − η sign(c), m ← β₂m + (1 − β₂)g, from m₀ = 0
    eta, b1, b2, th = r["lion_lr"], r["lion_beta1"], r["lion_beta2"], r["lion_theta0"]
    c1 = (1 - b1) * r["lion_g1"]
    m1 = (1 - b2) * r["lion_g1"]
    th1 = th - eta * math.copysign(1, c1)
    c2 = b1 * m1 + (1 - b1) * r["lion_g2"]
    m2 = b2 * m1 + (1 - b2) * r["lion_g2"]
    th2 = th1 - eta * math.copysign(1, c2)
    assert close(r["lion_c1"], c1) and close(r["lion_m1"], m1) and close(r["lion_theta1"], th1)
    assert close(r["lion_c2"], c2) and close(r["lion_m2"], m2) and close(r["lion_theta2"], th2)
    # decoupled decay first: θ(1 − ηλ), then the sign step
    dec = r["lion_wd_theta0"] * (1 - eta * r["lion_wd_lambda"])
    assert close(r["lion_wd_decayed"], dec) and close(r["lion_wd_theta1"], dec - eta * math.copysign(1, r["lion_wd_g"]))
    # Adafactor's first step (β̂₂ = 1 − 1^τ = 0): R, C the row and column means of g², V̂ = R C / mean(R)
    g = [[r["adafactor_g11"], r["adafactor_g12"]], [r["adafactor_g21"], r["adafactor_g22"]]]
    R = [(g[i][0] ** 2 + g[i][1] ** 2) / 2 for i in range(2)]
    C = [(g[0][j] ** 2 + g[1][j] ** 2) / 2 for j in range(2)]
    assert close(r["adafactor_r1"], R[0]) and close(r["adafactor_r2"], R[1])
    assert close(r["adafactor_c1"], C[0]) and close(r["adafactor_c2"], C[1]) and close(r["adafactor_rbar"], sum(R) / 2)
    U = [[g[i][j] / math.sqrt(R[i] * C[j] / (sum(R) / 2)) for j in range(2)] for i in range(2)]
    rms_u = math.sqrt(sum(u * u for row in U for u in row) / 4)
    assert close(r["adafactor_rms_u"], rms_u) and rms_u <= r["adafactor_d"]          # no clipping
    alpha = max(r["adafactor_eps2"], 1.0) * min(r["adafactor_lr"], 1.0)              # RMS(θ₀) = 1, ρ₁ = min(η, 1)
    assert close(r["adafactor_alpha1"], alpha)
    for i in range(2):
        for j in range(2):
            k = f"{i + 1}{j + 1}"
            assert close(r[f"adafactor_v{k}"], R[i] * C[j] / (sum(R) / 2)) and close(r[f"adafactor_u{k}"], U[i][j])
            assert close(r[f"adafactor_theta1_{k}"], 1.0 - alpha * U[i][j])
    n = r["adafactor_big_n"]
    assert r["adafactor_big_adam"] == 2 * n * n and r["adafactor_big_ours"] == 2 * n
    assert close(r["adafactor_big_ratio"], n)


def test_adamax_nadam_radam_by_hand(result):
    r = result
    # Adamax: m₁ = (1 − β₁) g, u₁ = |g| + ε, θ₁ = θ₀ − η/(1 − β₁) · m₁/u₁
    eta, b1, b2, eps, g, th0 = (r[f"adamax_{k}"] for k in ("lr", "beta1", "beta2", "eps", "g", "theta0"))
    m1, u1 = (1 - b1) * g, abs(g) + eps
    th1 = th0 - eta / (1 - b1) * m1 / u1
    assert close(r["adamax_m1"], m1) and close(r["adamax_u1"], u1) and close(r["adamax_theta1"], th1)
    assert close(r["adamax_step1_ratio"], (th0 - th1) / eta)
    # g, then g_big, then g again: u₃ = max(β₂ u₂, |g| + ε) with u₂ = max(β₂ u₁, |g_big| + ε)
    gb = r["adamax_g_big"]
    u2 = max(b2 * u1, abs(gb) + eps)
    u3 = max(b2 * u2, abs(g) + eps)
    m2 = b1 * m1 + (1 - b1) * gb
    m3 = b1 * m2 + (1 - b1) * g
    assert close(r["adamax_u3"], u3)
    assert close(r["adamax_step3_ratio"], 1 / (1 - b1 ** 3) * m3 / u3)
    # NAdam: μₜ = β₁(1 − ½·0.96^(tψ)); θ₁ = θ₀ − η[(1 − μ₁)/(1 − μ₁) + μ₂/(1 − μ₁μ₂)(1 − β₁)] g/(|g| + ε)
    eta, b1, psi, g, th0 = (r[f"nadam_{k}"] for k in ("lr", "beta1", "psi", "g", "theta0"))
    mu1, mu2 = b1 * (1 - 0.5 * 0.96 ** psi), b1 * (1 - 0.5 * 0.96 ** (2 * psi))
    assert close(r["nadam_mu1"], mu1) and close(r["nadam_mu2"], mu2)
    d = abs(g) + 1e-8
    th1 = th0 - eta * g / d - eta * mu2 / (1 - mu1 * mu2) * (1 - b1) * g / d
    assert close(r["nadam_theta1"], th1) and close(r["nadam_step1_ratio"], (th0 - th1) / eta)
    # RAdam: ρ∞ = 2/(1 − β₂) − 1, ρₜ = ρ∞ − 2tβ₂ᵗ/(1 − β₂ᵗ); ρₜ ≤ 5 → θ ← θ − η m̂ = θ − η g (constant g)
    eta, b2, g, th0 = (r[f"radam_{k}"] for k in ("lr", "beta2", "g", "theta0"))
    rho_inf = 2 / (1 - b2) - 1
    rho = {t: rho_inf - 2 * t * b2 ** t / (1 - b2 ** t) for t in (1, 2, 5, 6)}
    assert close(r["radam_rho_inf"], rho_inf)
    assert all(close(r[f"radam_rho{t}"], rho[t]) for t in rho)
    assert rho[5] <= 5 < rho[6]
    assert close(r["radam_theta1"], th0 - eta * g) and close(r["radam_step1_ratio"], g)
    assert close(r["radam_step5_ratio"], g)
    # t = 6: η m̂ r₆ l₆ with m̂ = g and l₆ = √(1 − β₂⁶)/(√v₆ + ε), v₆ = (1 − β₂⁶) g²: the step is about η r₆
    r6 = math.sqrt((rho[6] - 4) * (rho[6] - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho[6]))
    v6 = (1 - b2 ** 6) * g * g
    step6 = g * r6 * math.sqrt(1 - b2 ** 6) / (math.sqrt(v6) + 1e-8)
    assert close(r["radam_step6_ratio"], step6)


def test_shown_writes_numbers_that_differ_differently():
    from scripts.study_exercises import answer_digits as shown
    assert shown(1.0, 0.99750000005, 0.9988750000225, 0.99875000002) == ["1", "0.9975", "0.998875", "0.99875"]
    assert shown(0.45007347359, 0.45014693519) == ["0.45007", "0.45015"]       # never exact: just apart
    assert shown(0.95, 0.95) == ["0.95", "0.95"]                              # equal numbers stay equal
    assert shown(-0.000125) == ["-1.25e-4"]


def test_answers_print_distinct_quantities_distinctly(result):
    r = result
    texts = [r[f"adamwsf_{k}_text"] for k in ("y1", "y2", "x2")]
    assert len(set(texts)) == 3
    assert r["nadam_mu1_text"] != r["nadam_mu2_text"]
    assert r["adamwsf_eval_distance"] > 0 and r["adamwsf_eval_dir_ko"] in ("아래로", "위로")
    assert float(r["radam_theta1_text"]) == r["radam_theta1"]
