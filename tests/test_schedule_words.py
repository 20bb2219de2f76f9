"""The generated sentences of the schedule-free pages (scripts/study_schedules.py): each branch reads right."""

import pytest

from scripts.study_schedules import forget_sentence, lr_advice

BASE = {"S.full.steps": 168, "S.full.loss_sf": 0.0201, "S.lr": 0.1, "S.short.steps": 42, "S.mid.steps": 84}


@pytest.mark.parametrize("ratio, ko, en", [
    (0.855, "손해가 없었습니다", "cost nothing"),
    (1.0, "거의 같았습니다", "about the same"),
    (2.72, "2.72배였습니다", "2.72 times"),
])
def test_forget_sentence_follows_the_sign(ratio, ko, en):
    out = {**BASE, "S.full.forget_ratio": ratio, "S.full.loss_y": 0.0201 * ratio}
    assert ko in forget_sentence(out, "S", "ko")
    assert en in forget_sentence(out, "S", "en")
    if ratio < 1:
        assert "15% 낮았습니다" in forget_sentence(out, "S", "ko")


@pytest.mark.parametrize("full, short, mid, ko, en", [
    (0.0316, 0.1, 0.1, "schedule-free 0.1, 전체 길이의 AdamW + 코사인 0.0316입니다", "0.1 for schedule-free and 0.0316"),
    (0.1, 0.0316, 0.0316, "42스텝과 84스텝에서 0.0316이었습니다", "took 0.0316 at 42 and 84 steps"),
    (0.1, 0.01, 0.0316, "42스텝에서 0.01, 84스텝에서 0.0316이었습니다", "0.01 at 42 steps, 0.0316 at 84 steps"),
    (0.1, 0.1, 0.1, "모두 0.1이 가장 좋았습니다", "0.1 was best both"),
])
def test_lr_advice_says_equal_lrs_are_no_licence_to_reuse(full, short, mid, ko, en):
    out = {**BASE, "S.full.lr_cos": full, "S.short.lr_cos": short, "S.mid.lr_cos": mid}
    assert ko in lr_advice(out, "S", "AdamW", "ko")
    assert en in lr_advice(out, "S", "AdamW", "en")
    assert "튜닝하세요" in lr_advice(out, "S", "AdamW", "ko")
