"""The init page's closing sentence is a rule over the training table: each of its outcomes, in both languages."""

import pytest

from scripts.study_init import ACC_TIE_SAMPLES, init_conclusion


def _s(loss, first, second, lead):
    return dict(loss_best=loss, acc_first=first, acc_second=second, lead=lead)


CASES = {
    "advice holds": ({"relu": _s("He", "He", "Xavier", ACC_TIE_SAMPLES + 3),
                      "tanh": _s("Xavier", "Xavier", "He", ACC_TIE_SAMPLES + 1)},
                     ("과 맞는 결과입니다", "agrees with the book's advice")),
    "advice not singled out": ({"relu": _s("He", "Xavier", "He", 0), "tanh": _s("He", "Xavier", "He", 1)},
                               ("가려내지는 못했습니다", "does not single out")),
    "advice for one": ({"relu": _s("He", "He", "Xavier", ACC_TIE_SAMPLES + 1), "tanh": _s("He", "Xavier", "He", 0)},
                       ("ReLU에서만", "only for ReLU")),
}


@pytest.mark.parametrize("name", CASES)
def test_each_outcome(name):
    summary, (ko, en) = CASES[name]
    assert ko in init_conclusion(summary, "ko")
    assert en in init_conclusion(summary, "en")


def test_same_loss_best_is_said_once():
    text = init_conclusion(CASES["advice not singled out"][0], "ko")
    assert text.startswith("최종 학습 손실은 ReLU와 tanh 모두 He가 가장 낮았습니다.")
    assert "Xavier와 He가 같습니다" in text and "테스트 표본 1개뿐이라" in text


def test_different_loss_best_names_each():
    text = init_conclusion(CASES["advice holds"][0], "en")
    assert "He for ReLU, Xavier for tanh" in text
