"""scripts/korean.py: the particle after every kind of value the build writes."""

import numpy as np
import pytest

from optimizers import OPTIMIZERS
from scripts.fmt import fmt_num
from scripts.korean import PRONUNCIATION, ends_in_consonant, fill, josa

#: (consonant form, vowel form) of every pair the pages use; 으로/로 also takes 로 after ㄹ.
PAIRS = [("이", "가"), ("을", "를"), ("은", "는"), ("과", "와"), ("으로", "로"), ("이라", "라"), ("이다", "다")]

#: word → how its last syllable is said: "c" a consonant other than ㄹ, "l" ㄹ, "v" no 받침.
WORDS = {
    # Hangul
    "모멘텀": "c", "학습률": "l", "길": "l", "스텝": "c", "옵티마이저": "v", "나무": "v", "시드": "v",
    # optimizer names of the registry (and the Korean one)
    "Adam": "c", "SGD": "v", "NAG": "v", "AdaGrad": "v", "RMSProp": "c", "AdaDelta": "v", "AdamW": "v",
    "Momentum": "c",
    # numbers ending in 0, 1, 3, 6, 9 and others, as fmt_num writes them
    "0": "c",          # 영
    "10": "c",         # 십
    "20": "c",         # 이십
    "100": "c",        # 백
    "1000": "c",       # 천
    "10000": "c",      # 만
    "1.50": "c",       # … 영
    "0.1": "l",        # 일
    "1": "l",          # 일
    "201": "l",        # 일
    "0.133": "c",      # 삼
    "3": "c",          # 삼
    "0.0756": "c",     # 육
    "16": "c",         # 육
    "9": "v",          # 구
    "0.299": "v",      # 구
    "0.0752": "v",     # 이
    "4": "v",          # 사
    "0.5": "v",        # 오
    "17": "l",         # 칠
    "8": "l",          # 팔
    # e-notation (fmt_num: "4.95e-5", "1e+03", "1.00e4"), percentages, factors
    "4.95e-5": "v",    # 오
    "3.00e-8": "l",    # 팔
    "1.00e-6": "c",    # 육
    "1e+03": "c",      # 삼
    "1.00e4": "v",     # 사
    "2.51e-10": "c",   # 영
    "12%": "v",        # 퍼센트
    "100%": "v",
    "3×": "v",         # 배
    "3배": "v",
    # TeX and symbols
    "$10^{-6}$": "c",  # 제곱
    "10⁻⁶": "c",
    r"\(10^{-5}\)": "c",
    r"$\eta$": "v",    # 에타
    r"$\epsilon$": "c",  # 엡실론
    "ε": "c",
    "α": "v",
    # what is said is the word before an aside or around markup
    "편향 보정(bias correction)": "c",
    "로젠브록 (Rosenbrock)": "c",
    "[Adam](../optimizers/adam.md)": "c",
    "**SGD**": "v",
    "`NumPy`": "v",
    # Latin words outside the table: the documented fallback
    "NAdam": "c", "RAdam": "c",   # 엔아담, 알아담
    "MLP": "v", "Lion": "c", "Rosenbrock": "c", "Beale": "l", "LAMB": "c", "Adamax": "v", "Yogi": "v",
    "ReLU": "v", "BERT": "v", "XL": "l", "RNN": "c",
    "Muon": "c",
    "Adafactor": "v",
    "SGDScheduleFree": "v", "AdamWScheduleFree": "v", "schedule-free": "v", "StepLR": "l", "OneCycleLR": "l",
}


def expected(word: str, consonant: str, vowel: str) -> str:
    sound = WORDS[word]
    if sound == "v" or (sound == "l" and consonant == "으" + vowel):
        return word + vowel
    return word + consonant


@pytest.mark.parametrize("consonant,vowel", PAIRS)
@pytest.mark.parametrize("word", list(WORDS))
def test_josa(word, consonant, vowel):
    assert josa(word, f"{consonant}/{vowel}") == expected(word, consonant, vowel)
    assert josa(word, f"{vowel}/{consonant}") == expected(word, consonant, vowel)  # either order


def test_examples_from_the_style_guide():
    assert josa("0.133", "으로/로") == "0.133으로"
    assert josa("0.0756", "으로/로") == "0.0756으로"
    assert josa("10", "을/를") == "10을"
    assert josa("Adam", "이/가") == "Adam이"
    assert josa("SGD", "이/가") == "SGD가"
    assert josa("모멘텀", "이/가") == "모멘텀이"
    assert josa("학습률", "으로/로") == "학습률로"
    assert josa("$10^{-6}$", "은/는") == "$10^{-6}$은"


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_every_registered_optimizer_is_in_the_pronunciation_table(name):
    """A new optimizer needs a line in PRONUNCIATION: the fallback is a guess, a name on every page is not."""
    assert name in PRONUNCIATION


@pytest.mark.parametrize("x", [0.0, 1.0, 10.0, 0.133, 0.0756, 4.95e-5, 1e3, 1e4, 1.23e4, 3e-8, 0.999, 2.5e-12,
                               1e-6, 0.5, 16.0, 100.0, 7.0, 0.001])
def test_every_fmt_num_output_is_readable(x):
    assert ends_in_consonant(fmt_num(x)) is not None


def test_unreadable_word_gets_both_forms():
    assert josa("—", "이/가") == "—이(가)"
    assert josa("", "으로/로") == "(으)로"


def test_unknown_particle_is_an_error():
    with pytest.raises(ValueError):
        josa("Adam", "의")
    with pytest.raises(ValueError):
        josa("Adam", "에/에서")


def test_fill_korean():
    assert fill("학습률 {lr:으로/로} 실행", "ko", lr=0.133) == "학습률 0.133으로 실행"
    assert fill("학습률 {lr:으로/로} 실행", "ko", lr=0.0752) == "학습률 0.0752로 실행"
    assert fill("{name:이/가} 가장 빠릅니다", "ko", name="SGD") == "SGD가 가장 빠릅니다"
    assert fill("{name:이/가} 가장 빠릅니다", "ko", name="Adam") == "Adam이 가장 빠릅니다"
    assert fill("{n:을/를} 넘습니다", "ko", n=10) == "10을 넘습니다"
    assert fill("{gap:은/는} 작습니다", "ko", gap=4.95e-5) == "4.95e-5는 작습니다"
    assert fill("{gap:과/와} 비교", "ko", gap=1e3) == "1000과 비교"
    assert fill("{p:.0%:이/가}", "ko", p=0.12) == "12%가"
    assert fill("{x:.2f:이라/라}", "ko", x=1.5) == "1.50이라"
    assert fill("값 {x}", "ko", x=np.float64(0.133)) == "값 0.133"
    assert fill("{a:이다/다}", "ko", a="모멘텀") == "모멘텀이다"


def test_fill_english():
    assert fill("lr {lr}, {n} steps, {p:.0%}", "en", lr=0.133, n=200, p=0.12) == "lr 0.133, 200 steps, 12%"
    assert fill("{x}", "en", x=float("inf")) == "∞"
    with pytest.raises(ValueError):
        fill("{name:이/가}", "en", name="Adam")


@pytest.mark.parametrize("value", [0.0, 1.0, 10.0, 0.133, 0.0756, 0.0299, 4.95e-5, 1e3, "Adam", "SGD", "AdamW",
                                   "모멘텀", "학습률"])
def test_fill_never_leaves_a_braced_or_double_form(value):
    out = fill("{v:이/가} {v:을/를} {v:으로/로} {v:은/는} {v:과/와} {v:이라/라} {v:이다/다}", "ko", v=value)
    assert "{" not in out and "(" not in out and "/" not in out


# ---------------------------------------------------------------- every generated Korean sentence

#: a particle whose form depends on the word before it
_VARIABLE = r"(이|가|을|를|은|는|과|와|으로|로|이라|라|이다|였|이었)(?![가-힣])"
#: values a field may take: names ending in a vowel and in a consonant, numbers ending in 0, 1, 3, 6, 9
SAMPLES = ["SGD", "Adam", "AdaGrad", "Momentum", 10, 0.1, 0.133, 0.0756, 0.299, 4.95e-5, 1e3, "$10^{-6}$"]


def _templates():
    from scripts import interactive, text
    for table_name, table in (("text.TEXT", text.TEXT), ("interactive.TEXT", interactive.TEXT)):
        for key, template in table["ko"].items():
            yield f"{table_name}[ko][{key}]", template
    for name, title in text.PROBLEM_TITLES_KO.items():
        yield f"PROBLEM_TITLES_KO[{name}]", title


@pytest.mark.parametrize("where,template", list(_templates()), ids=lambda x: x if isinstance(x, str) and "[" in x else "")
def test_no_fixed_particle_after_a_field(where, template):
    """'{lr}로' is right for some values only: a field followed by a particle must say ':으로/로'."""
    import re
    bad = re.findall(r"\{(\w+)\}" + _VARIABLE, template)
    assert not bad, f"{where}: a fixed particle after {bad}; write {{field:이/가}} and fill() it"


@pytest.mark.parametrize("value", SAMPLES, ids=str)
@pytest.mark.parametrize("where,template", list(_templates()), ids=lambda x: x if isinstance(x, str) and "[" in x else "")
def test_every_korean_template_reads_right_with_any_value(where, template, value):
    import string
    fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
    out = fill(template, "ko", **{f: value for f in fields})
    assert "{" not in out.replace("{-6}", "") and "}" not in out.replace("{-6}", "")
    assert "(이)" not in out and "(으)" not in out and "을(를)" not in out and "은(는)" not in out


def test_generated_sentences_pick_the_particle():
    from scripts import text
    t = text.TEXT["ko"]
    assert fill(t["alt_best"], "ko", best="Adam", gap=1.11e-12).startswith("Adam이 ")
    assert fill(t["alt_best"], "ko", best="SGD", gap=0.0).startswith("SGD가 ")
    assert fill(t["alt_diverged"], "ko", names="SGD, Momentum") == "SGD, Momentum은 발산했습니다."
    assert fill(t["alt_diverged"], "ko", names="Adam, NAG") == "Adam, NAG는 발산했습니다."


# -- count phrases: a sentence about k of n reads right for 0, for all and in between ---------------------

_FORMS = ("띠 안에 든 것은 하나도 없습니다", "{n}개 모두 띠 안에 듭니다", "띠 안에 든 것은 {n}개 중 {k}개입니다")


@pytest.mark.parametrize("k, n, expected", [
    (0, 7, "띠 안에 든 것은 하나도 없습니다"),
    (7, 7, "7개 모두 띠 안에 듭니다"),
    (3, 7, "띠 안에 든 것은 7개 중 3개입니다"),
    (1, 2, "띠 안에 든 것은 2개 중 1개입니다"),
    (12, 12, "12개 모두 띠 안에 듭니다"),
    (0, 0, "띠 안에 든 것은 하나도 없습니다"),
])
def test_by_count_picks_the_sentence_for_none_all_and_some(k, n, expected):
    from scripts.korean import by_count
    assert by_count(k, n, *_FORMS) == expected


def test_by_count_takes_particles_and_refuses_an_impossible_count():
    from scripts.korean import by_count
    some = "{n}번 중 {k:이/가} 바뀌었습니다"
    assert by_count(3, 10, "없음", "모두", some) == "10번 중 3이 바뀌었습니다"
    assert by_count(2, 10, "없음", "모두", some) == "10번 중 2가 바뀌었습니다"
    assert by_count(np.int64(5), 5.0, "없음", "{n}번 모두", some) == "5번 모두"
    with pytest.raises(ValueError):
        by_count(8, 7, *_FORMS)


@pytest.mark.parametrize("k, n, expected", [
    (0, 12, "튜닝한 Lion의 학습률은 12개 설정 어디에서도 AdamW보다 작지 않았습니다."),
    (12, 12, "튜닝한 Lion의 학습률은 12개 설정 모두에서 AdamW보다 작았습니다."),
    (5, 12, "튜닝한 Lion의 학습률은 12개 설정 중 5개에서 AdamW보다 작았습니다."),
])
def test_count_placeholder_on_a_page(k, n, expected, monkeypatch):
    """``{{ count:K/N | none | all | some }}`` in a page's markdown, over several lines, becomes one sentence."""
    from types import SimpleNamespace
    from scripts import build, mkdocs_hooks
    monkeypatch.setattr(build, "values", lambda: {"t.k": k, "t.n": n})
    page = SimpleNamespace(file=SimpleNamespace(src_uri="ko/x.md"))
    monkeypatch.setattr(mkdocs_hooks, "_with_notebook", lambda markdown, page: markdown)
    md = ("튜닝한 Lion의 학습률은\n{{ count:t.k/t.n | {n}개 설정 어디에서도 AdamW보다 작지 않았습니다.\n"
          "| {n}개 설정 모두에서 AdamW보다 작았습니다. | {n}개 설정 중 {k}개에서 AdamW보다 작았습니다. }}")
    assert mkdocs_hooks.on_page_markdown(md, page, None, None).replace("\n", " ") == expected


# -- tiny gaps and ties: one display rule, and equal prints share a rank ------------------------------------

def test_one_rule_for_tiny_gaps():
    from scripts.fmt import fmt_gap, shown_gap
    assert fmt_gap(0.0, "ko") == fmt_gap(6.56e-29, "ko") == fmt_gap(1e-12, "ko") == "10⁻¹² 이하"
    assert fmt_gap(0.0, "en") == "≤ 10⁻¹²"
    assert fmt_gap(2.26e-12, "ko") == "2.26e-12"
    assert fmt_gap(17.9, "ko") == "17.9"
    assert shown_gap(0.0) == shown_gap(6.56e-29) == 0.0
    assert shown_gap(17.91) == shown_gap(17.89) == 17.9


def test_values_that_print_alike_share_a_rank():
    from scripts.pages import _ranks
    assert _ranks({"a": 0.0, "b": 1e-20, "c": 17.91, "d": 17.88, "e": float("inf")}) == \
        {"a": 1, "b": 1, "c": 3, "d": 3, "e": 5}
