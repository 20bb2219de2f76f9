"""Closing sentences that are rules over a table (init experiment, dlfs page): each outcome, in both languages."""

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


def test_dlfs_default_sentence_each_case():
    from scripts.study_dlfs import default_sentence
    ko = default_sentence({"SGD": 0.95, "Momentum": 0.6, "Adam": 0.1}, 6.45, 30, "ko")
    assert "SGD는 시작점을 거의 벗어나지 못합니다" in ko
    assert "Momentum은 최솟값과의 차이를 6.45에서 3.87로 줄이는 데 그칩니다" in ko
    assert "Adam은 최솟값과의 차이를 6.45에서 0.645로 줄입니다" in ko
    en = default_sentence({"SGD": 0.95, "AdaGrad": 0.9, "Momentum": 0.6}, 6.45, 30, "en")
    assert en.startswith("In 30 steps SGD and AdaGrad hardly leave the start") and "only brings" in en
