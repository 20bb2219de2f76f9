"""The results page's verdict (scripts/study_data.py ``results_verdict``) driven to each of its outcomes, in both
languages: the best mean rank also the best worst case or not, and some optimizers never first or none."""

from __future__ import annotations

import pytest

from scripts.study_data import results_verdict

# three optimizers over four problems
MEAN = {"SGD": 2.5, "Adam": 1.5, "AdaGrad": 2.0}
BASE = dict(n_names=3, n_columns=4, mean=MEAN, most="Adam")


def verdict(lang, *, worst, firsts, robust):
    return results_verdict(lang, worst=worst, firsts=firsts, best="Adam", robust=robust, **BASE)


WORST_CASES = {
    "also-best": ({"SGD": 3, "Adam": 2, "AdaGrad": 3}, "Adam",
                  {"ko": "최악 순위도 2위로 가장 좋았습니다", "en": "also the best worst rank (2)"}),
    "another": ({"SGD": 3, "Adam": 3, "AdaGrad": 2}, "AdaGrad",
                {"ko": "최악의 경우가 가장 나은 것은 **AdaGrad**(어느 문제에서도 2위 밖으로",
                 "en": "**AdaGrad** the best worst case (never below rank 2)"}),
}


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("case", WORST_CASES)
def test_the_best_worst_case_is_the_best_mean_ranks_or_anothers(case, lang):
    worst, robust, expected = WORST_CASES[case]
    text = verdict(lang, worst=worst, firsts={"SGD": 1, "Adam": 2, "AdaGrad": 1}, robust=robust)
    assert expected[lang] in text
    assert ("AdaGrad**" in text) == (robust == "AdaGrad")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_optimizers_never_first_are_named(lang):
    text = verdict(lang, worst={"SGD": 3, "Adam": 2, "AdaGrad": 3}, firsts={"SGD": 0, "Adam": 3, "AdaGrad": 0},
                   robust="Adam")
    assert {"ko": "한 번도 1위를 하지 못한 것은 SGD, AdaGrad입니다.",
            "en": "Never first: SGD, AdaGrad."}[lang] in text
    assert {"ko": "(4개 중 3개)", "en": "on 3 of the 4 problems"}[lang] in text


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_when_every_optimizer_was_first_the_verdict_says_so(lang):
    text = verdict(lang, worst={"SGD": 3, "Adam": 2, "AdaGrad": 3}, firsts={"SGD": 1, "Adam": 2, "AdaGrad": 1},
                   robust="Adam")
    assert text.endswith({"ko": "모든 옵티마이저가 한 번 이상 1위를 했습니다.",
                          "en": "Every optimizer was first at least once."}[lang])
