"""The words of the pros and cons, in Korean (first) and English: nothing here computes.

Each claim of ``scripts/claims/`` has, per language:

* ``claim``: the sentence of the seed notes' pros/cons table;
* ``question``: what the experiment asks;
* ``method``: the experiment, and its control where the claim says "because";
* ``rule``: when one setting counts as "held" (its thresholds come from the claim's
  module: ``{share:.0%}`` is a share written as a percentage);
* ``row``: what one setting measured (the fields of its dict).
* a claim true or false by definition has ``fact`` instead of method/rule/row.

Templates are filled by ``scripts.korean.fill``: a float is written by ``fmt_num``,
``{x:.0%}`` as a percentage, and in Korean ``{x:으로/로}`` puts the right particle
after the value. Terms follow ../shared/KOREAN.md and the glossary.
"""

from __future__ import annotations

#: the verdict kinds of scripts/claims (this module imports nothing of scripts/: words sit at the bottom)
VERDICT = {
    "ko": {"confirmed": "확인됨", "depends": "조건에 따라 다름", "rejected": "이번 실험에선 확인 안 됨",
           "def_true": "정의상 참 (실험 대상 아님)", "def_false": "정의상 거짓 (실험 대상 아님)"},
    "en": {"confirmed": "confirmed", "depends": "depends on the setting", "rejected": "not confirmed in our runs",
           "def_true": "true by definition (not an experiment)", "def_false": "false by definition (not an experiment)"},
}

#: the page furniture around the claims
PAGE = {
    "ko": {
        "side": {"pro": "장점", "con": "단점"},
        "head": ("구분", "주장", "판정", "성립한 설정"),
        "count": "{n}개 중 {held}개",
        "count_none": "—",
        "details": "판정 근거: {claim}",
        "question": "질문",
        "method": "실험",
        "rule": "판정 규칙",
        "fact": "정의에서 나오는 사실",
        "settings": "설정별 결과",
        "evidence": "관련 그림과 실험",
        "evidence_link": "여기에서 보기",
        "setting_head": ("설정", "측정값", "성립"),
        "yes": "✓ 성립", "no": "✗ 성립 안 함", "skip": "해당 없음",
        "verdict_rule": ("규칙과 문턱값은 결과를 보기 전에 정했습니다. 설정마다 위 규칙으로 성립 여부를 가리고, "
                         "해당하는 설정 중 {confirm}% 이상에서 성립하면 **{w_confirmed}**, {reject}% 이하에서만 "
                         "성립하면 **{w_rejected}**, 그 사이면 **{w_depends}**입니다."),
        "lr_kind": {"default": "기본 학습률", "tuned": "튜닝한 학습률"},
        "seed": "시드 {seed}",
        "data": {"regression": "과파라미터 선형 회귀", "breast_cancer": "유방암 (로지스틱 회귀)",
                 "digits": "손글씨 숫자 (MLP)"},
        "lr": "학습률 {lr}",
        "diverged": "발산",
        "at_floor": "10⁻¹² 이하",
    },
    "en": {
        "side": {"pro": "Pro", "con": "Con"},
        "head": ("Pro or con", "Claim", "Verdict", "Held in"),
        "count": "{held} of {n} settings",
        "count_none": "—",
        "details": "Evidence: {claim}",
        "question": "Question",
        "method": "Experiment",
        "rule": "Rule",
        "fact": "What the definition says",
        "settings": "Setting by setting",
        "evidence": "Related figure and experiment",
        "evidence_link": "see it here",
        "setting_head": ("Setting", "Measured", "Held"),
        "yes": "✓ held", "no": "✗ did not hold", "skip": "does not apply",
        "verdict_rule": ("The rule and its thresholds were fixed before looking at the results. Each setting is "
                         "judged by the rule above; if the claim held in at least {confirm}% of the settings where "
                         "it applies, the verdict is **{w_confirmed}**; in at most {reject}%, **{w_rejected}**; "
                         "otherwise **{w_depends}**."),
        "lr_kind": {"default": "default lr", "tuned": "tuned lr"},
        "seed": "seed {seed}",
        "data": {"regression": "over-parameterised linear regression", "breast_cancer": "breast cancer (logistic)",
                 "digits": "digits (MLP)"},
        "lr": "lr {lr}",
        "diverged": "diverged",
        "at_floor": "≤ 1e-12",
    },
}

_STD_KO = "문제 7개 각각에서 기본 학습률과 튜닝한 학습률로 한 번씩, 모두 14가지 설정입니다."
_STD_EN = "Every one of the 7 problems, at the default and at the tuned learning rate: 14 settings."

CLAIMS = {
    "ko": {
        # ---------------------------------------------------------------- SGD
        "sgd_simple": {
            "claim": "단순하고 계산이 가볍다",
            "fact": ("SGD는 파라미터 말고는 아무것도 저장하지 않습니다. 파라미터와 같은 크기로 따로 두는 상태 배열은 "
                     "SGD {SGD_state}개, 모멘텀 {Momentum_state}개, Adam {Adam_state}개입니다. 갱신식에서 바로 "
                     "나오는 사실이라 실험으로 확인할 대상은 아닙니다."),
        },
        "sgd_oscillates": {
            "claim": "진동이 심하다",
            "question": "SGD의 경로는 지그재그로 움직일까요?",
            "method": (_STD_KO + " 좌표마다 이번 스텝의 이동 방향이 바로 앞 스텝과 반대인 비율을 셉니다. "
                       "최솟값에 다다른 뒤의 반올림 잡음은 세지 않습니다."),
            "rule": "어느 한 좌표에서라도 이동 방향이 뒤집힌 비율이 {share:.0%} 이상이면 성립으로 봅니다.",
            "row": "학습률 {lr}, 방향이 뒤집힌 비율 {reversals:.0%}",
        },
        "sgd_slow": {
            "claim": "수렴이 느리다",
            "question": "같은 스텝 수에서 SGD는 다른 옵티마이저보다 최솟값에서 멀리 남을까요?",
            "method": (_STD_KO + " 대조군은 같은 설정의 나머지 옵티마이저 7개입니다. 마지막에 남은 오차(최솟값과의 차이)를 "
                       "그들의 중앙값과 비교합니다. 남은 오차가 {floor} 아래면 모두 최솟값에 도달한 것으로 봅니다."),
            "rule": "SGD의 남은 오차가 나머지 7개의 중앙값보다 크면 성립으로 봅니다.",
            "row": "남은 오차 SGD {gap}, 나머지의 중앙값 {others_median}",
        },
        # ---------------------------------------------------------------- Momentum
        "momentum_fast": {
            "claim": "빠르게 수렴하고 진동이 줄어든다",
            "question": "모멘텀을 더하면 SGD보다 더 빨리, 덜 흔들리며 최솟값에 다가갈까요?",
            "method": (_STD_KO + " 대조군은 모멘텀을 뺀 같은 규칙, 곧 SGD입니다. 기본 학습률에서는 둘 다 "
                       "같은 학습률이고, 튜닝한 학습률에서는 각자 튜닝한 값입니다."),
            "rule": "모멘텀의 남은 오차가 SGD보다 작고, 이동 방향이 뒤집힌 비율도 SGD보다 크지 않으면 성립으로 봅니다.",
            "row": "남은 오차 {gap} (SGD {gap_sgd}), 방향이 뒤집힌 비율 {reversals:.0%} (SGD {reversals_sgd:.0%})",
        },
        "momentum_overshoot": {
            "claim": "최솟값을 지나쳐 버린다 (overshoot)",
            "question": "모멘텀은 관성 때문에 최솟값을 지나쳤다가 되돌아올까요?",
            "method": (_STD_KO + " 시작점에서 최솟값으로 가는 직선을 따라, 경로가 최솟값을 넘어간 가장 먼 거리를 "
                       "시작 거리에 대한 비율로 잽니다. 대조군은 같은 설정의 SGD입니다."),
            "rule": "모멘텀이 시작 거리의 {share:.0%}보다 더 지나치고, SGD보다도 더 지나치면 성립으로 봅니다.",
            "row": "학습률 {lr}, 지나친 거리 {overshoot:.0%} (SGD {overshoot_sgd:.0%})",
        },
        # ---------------------------------------------------------------- NAG
        "nag_less": {
            "claim": "모멘텀보다 덜 지나친다",
            "question": "미리 가 본 자리의 기울기를 쓰면 모멘텀보다 덜 지나칠까요?",
            "method": (_STD_KO + " NAG를 모멘텀과 **같은 학습률**(모멘텀의 기본값 또는 튜닝한 값)로 돌려서, 다른 점은 "
                       "미리 가 보기 하나뿐입니다. 모멘텀이 지나치지 않은 설정은 비교할 것이 없으므로 세지 않습니다."),
            "rule": "모멘텀이 시작 거리의 {share:.0%}보다 더 지나친 설정에서, NAG가 지나친 거리가 모멘텀보다 작으면 성립으로 봅니다.",
            "row": "학습률 {lr}, NAG {overshoot:.0%}, 모멘텀 {overshoot_momentum:.0%}",
        },
        "nag_complex": {
            "claim": "구현이 복잡하다",
            "fact": ("PyTorch 형태의 NAG는 미리 가 본 자리에서 기울기를 한 번 더 구하지 않습니다. 기울기는 스텝마다 "
                     "{gradients_per_step}번만 구하고, 코드는 모멘텀과 {extra_lines}줄만 다릅니다(θ ← θ − η(g + μb)). "
                     "Sutskever 형태의 '미리 가 보기'는 변수를 바꿔 쓰면 이 한 줄로 접힙니다."),
        },
        # ---------------------------------------------------------------- AdaGrad
        "adagrad_auto": {
            "claim": "파라미터마다 학습률을 자동으로 맞춘다",
            "fact": ("좌표마다 $\\sqrt{{s}}$로 따로 나누는 것이 갱신식 그 자체입니다. 다만 $s_0 = 0$이면 첫 스텝은 기울기 "
                     "크기와 상관없이 모든 좌표에서 $\\eta\\,\\mathrm{{sign}}(g)$입니다. 비등방 그릇의 시작점에서 기울기는 "
                     "$x$ {grad_x}, $y$ {grad_y:으로/로} 크기가 다르지만, 학습률 {lr}의 첫 이동은 $x$ {step_x}, $y$ "
                     "{step_y:으로/로} 크기가 같습니다. 좌표별 차이는 둘째 스텝부터 $s$가 쌓이며 생깁니다."),
        },
        "adagrad_decay": {
            "claim": "학습률이 계속 줄어 학습이 멈출 수 있다",
            "question": "기울기 제곱을 계속 더하기만 해서, 최솟값에 닿기 전에 보폭이 사라질까요?",
            "method": (_STD_KO + " 대조군은 같은 학습률의 RMSProp입니다. RMSProp도 좌표마다 나누지만 $s$를 지수이동평균으로 "
                       "두어 오래된 기울기를 잊습니다. 두 방법의 차이는 누적하느냐 잊느냐 하나뿐입니다."),
            "rule": "AdaGrad의 남은 오차가 같은 학습률로 돌린 RMSProp의 {ratio}배보다 크면 성립으로 봅니다.",
            "row": "학습률 {lr}, AdaGrad {gap}, RMSProp {gap_rmsprop}",
        },
        # ---------------------------------------------------------------- RMSProp
        "rmsprop_stable": {
            "claim": "AdaGrad보다 안정적이다 (학습이 멈추지 않는다)",
            "question": "RMSProp은 AdaGrad보다 최솟값에 더 가까이 갈까요?",
            "method": _STD_KO + " 대조군은 같은 설정의 AdaGrad입니다.",
            "rule": "RMSProp의 남은 오차가 AdaGrad보다 크지 않으면 성립으로 봅니다.",
            "row": "RMSProp {gap} (학습률 {lr}), AdaGrad {gap_adagrad} (학습률 {lr_adagrad})",
        },
        "rmsprop_alpha": {
            "claim": "유지 비율 β(torch의 α)에 민감하다",
            "question": "유지 비율 α를 바꾸면, 학습률을 다시 튜닝해도 결과가 크게 달라질까요?",
            "method": ("문제 7개 각각에서 α 4개(0.5, 0.9, 0.99, 0.999) × 학습률 격자 전체를 벡터화해서 한 번에 실행하고, "
                       "α마다 가장 좋은 튜닝 목푯값을 고릅니다."),
            "rule": "α마다 고른 가장 좋은 값 사이에 {spread}배 넘는 차이가 나면 성립으로 봅니다.",
            "row": "α에 따른 가장 좋은 값의 차이 {spread}배",
        },
        # ---------------------------------------------------------------- AdaDelta
        "adadelta_nolr": {
            "claim": "학습률을 정하지 않아도 된다",
            "question": "기본값 lr = 1.0 그대로 두어도 튜닝한 것만큼 좋을까요?",
            "method": "문제 7개 각각에서 기본값으로 돌린 결과를, 학습률 격자에서 튜닝한 결과와 비교합니다.",
            "rule": "기본값의 남은 오차가 튜닝한 결과의 {factor}배 이내이거나, 둘 다 {target} 아래면 성립으로 봅니다.",
            "row": "남은 오차: 기본값 {gap}, 튜닝한 학습률 {lr_tuned}에서 {gap_tuned}",
        },
        "adadelta_slow": {
            "claim": "처음 몇 스텝이 매우 느리다",
            "question": "AdaDelta는 작은 보폭으로 시작해서 나중에야 빨라질까요?",
            "method": (_STD_KO + " 가장 큰 스텝 길이가 첫 스텝의 몇 배인지 잽니다. 대조군은 같은 설정의 Adam으로, "
                       "Adam의 첫 스텝은 처음부터 학습률만 한 크기입니다."),
            "rule": "가장 큰 스텝이 첫 스텝의 {ratio}배 이상이고, 그 비율이 Adam보다 크면 성립으로 봅니다.",
            "row": "학습률 {lr}, 가장 큰 스텝이 첫 스텝의 {growth}배 (Adam {growth_adam}배)",
        },
        # ---------------------------------------------------------------- Adam
        "adam_fast": {
            "claim": "학습이 안정적이고 빠르게 수렴한다",
            "question": "Adam은 발산하지 않고 늘 상위권으로 수렴할까요?",
            "method": _STD_KO + " 같은 설정에서 옵티마이저 8개를 남은 오차로 줄 세워 순위를 매깁니다. 값이 같으면 같은 순위입니다.",
            "rule": "Adam이 발산하지 않고 {top}위 안에 들면 성립으로 봅니다.",
            "row": "학습률 {lr}, 남은 오차 {gap}, {n_optimizers}개 중 {rank}위",
        },
        "adam_robust": {
            "claim": "하이퍼파라미터(학습률)에 덜 민감하다",
            "question": "Adam은 다른 옵티마이저보다 넓은 범위의 학습률에서 잘 될까요?",
            "method": ("문제 7개 각각에서, 모든 옵티마이저가 공유하는 학습률 격자 중 '좋은' 학습률이 몇 개의 10배 구간을 "
                       "차지하는지 셉니다. '좋은' 학습률은 그 문제에서 누구든 얻은 가장 좋은 튜닝 목푯값의 {factor}배 "
                       "이내인 학습률입니다. 대조군은 나머지 7개 옵티마이저의 중앙값입니다."),
            "rule": "Adam의 좋은 학습률 폭이 나머지 7개의 중앙값보다 넓으면 성립으로 봅니다.",
            "row": "좋은 학습률 폭: Adam 10배 구간 {width}개, 나머지의 중앙값 {others_median}개",
        },
        # ---------------------------------------------------------------- data claims (claims/data.py): below
        "momentum_escape": {
            "claim": "관성 덕분에 지역 최솟값을 빠져나올 수 있다",
            "question": "모멘텀은 관성 덕분에 지역 최솟값을 넘어, 더 낮은 최솟값까지 굴러갈까요?",
            "method": ("라스트리긴 함수에서 시드마다 시작점 {n_starts}개를 그림 범위 안에서 무작위로 뽑습니다(시드 "
                       "{n_seeds}개). 학습률은 {lr_lo}부터 {lr_hi}까지 {n_lrs}개(모멘텀의 기본값 포함)와, 라스트리긴에서 "
                       "튜닝한 학습률입니다. 라스트리긴의 지역 최솟값은 정수 격자점 바로 옆에 있으므로, 시작점에서 가장 "
                       "가까운 격자점의 함숫값을 출발한 자리의 최솟값으로 봅니다. 마지막 함숫값이 그보다 {drop} 넘게 "
                       "낮고 발산하지 않았으면 빠져나온 것으로 셉니다. 대조군은 관성 없이 같은 유효 보폭 "
                       "$\\eta/(1-\\mu)$ = {gain}$\\eta$로 가는 SGD입니다. 모멘텀이 이긴다면 그 이유가 더 큰 보폭이 아니라 "
                       "관성이어야 하기 때문입니다. 같은 $\\eta$의 SGD도 참고로 적습니다."),
            "rule": "빠져나온 시작점의 비율이 대조군(유효 보폭이 같은 SGD)보다 {margin:.0%}p 이상 높으면 성립으로 봅니다.",
            "row": ("학습률 {lr}: 모멘텀 {escaped:.1%}, 유효 보폭이 같은 SGD(학습률 {lr_effective}) "
                    "{escaped_sgd_effective:.1%}, 같은 학습률의 SGD {escaped_sgd:.1%}"),
        },
        "adagrad_sparse": {
            "claim": "희소한 데이터에 강하다",
            "question": "드물게 나타나는 특성을 AdaGrad가 좌표별 보폭 덕분에 더 잘 배울까요?",
            "method": ("희소 특성 데이터(0/1 특성 {n_features}개, 특성마다 0이 아닐 확률이 {p_max}부터 {p_min}까지)를 "
                       "시드 {n_seeds}개로 새로 뽑습니다. 시드 하나가 데이터, 학습/테스트 분할, 초깃값, 미니배치 순서를 "
                       "모두 정합니다. 학습 데이터에서 {rare:.0%} 미만의 행에만 나타나는 특성을 드문 특성이라 하고, 드문 "
                       "특성이 하나라도 있는 테스트 행에서 손실(이진 교차 엔트로피)을 잽니다. 대조군은 좌표별 조절이 없는 "
                       "SGD입니다. 두 옵티마이저 모두 같은 학습률 격자에서 학습 손실로 따로 튜닝하고(가장 좋은 값이 격자 "
                       "끝에 걸리면 격자를 넓힘), 같은 시드로 돌립니다. 기본 학습률 비교는 넣지 않았습니다. 기본값이 "
                       "AdaGrad 0.01, SGD 0.001로 10배 달라서, 좌표별 조절이 아니라 보폭의 크기를 비교하게 되기 때문입니다."),
            "rule": "드문 특성이 있는 테스트 행에서 AdaGrad의 손실이 SGD보다 {gain:.0%} 이상 낮으면 성립으로 봅니다.",
            "row": ("드문 특성이 있는 행 {n_rare_rows}개에서 AdaGrad {loss_rare}(학습률 {lr}), SGD {loss_rare_sgd}"
                    "(학습률 {lr_sgd}). 테스트 전체에서는 AdaGrad {loss_all}, SGD {loss_all_sgd}"),
        },
        "adam_generalise": {
            "claim": "종종 SGD보다 일반화 성능이 낮다",
            "question": "학습 손실을 충분히 줄였을 때, Adam의 테스트 오차가 SGD보다 클까요?",
            "method": ("데이터 세 가지에서 시드 {n_seeds}개씩 비교합니다. 첫째, 과파라미터 선형 회귀(학습 표본 40개, "
                       "가중치 80개, 특성마다 크기가 다름)입니다. 시드마다 데이터를 새로 뽑고, 둘 다 0에서 시작해 {steps} "
                       "스텝을 돌립니다. 학습률은 각자 격자에서 마지막 학습 오차가 가장 작은 값으로 튜닝하고, 테스트 오차는 "
                       "평균제곱오차입니다. 둘째와 셋째는 유방암 데이터의 로지스틱 회귀와 손글씨 숫자의 MLP로, 데이터 실험에서 "
                       "각자 튜닝한 학습률로 돌린 시드별 결과이고, 테스트 오차는 1 − 정확도입니다. 대조군은 같은 데이터, 같은 "
                       "시드의 SGD입니다. 기본 학습률은 넣지 않았습니다. SGD의 기본값 0.001로는 MLP의 학습 손실이 "
                       "6 에폭 동안 거의 줄지 않아서, 일반화가 아니라 덜 학습된 정도를 비교하게 되기 때문입니다."),
            "rule": ("Adam의 테스트 오차가 SGD의 {factor}배보다 크면 성립으로 봅니다. '종종'이라는 주장이므로, 일부 설정에서만 "
                     "성립해서 나오는 '조건에 따라 다름'도 주장과 어긋나지 않습니다."),
            "row": "테스트 오차 Adam {error}(학습률 {lr}), SGD {error_sgd}(학습률 {lr_sgd})",
        },
        "adamw_generalise": {
            "claim": "Adam + L2보다 일반화가 잘 된다",
            "question": "감쇠를 기울기에서 떼어 내면(AdamW), 감쇠를 기울기에 더하는 Adam + L2보다 테스트 오차가 작을까요?",
            "method": ("과파라미터 선형 회귀(학습 표본 40개, 가중치 80개, 특성마다 크기가 다름)를 시드 {n_seeds}개로 새로 "
                       "뽑습니다. 학습률은 둘 다 Adam의 튜닝한 학습률(λ = 0에서 마지막 학습 오차 기준)이고, 0에서 시작해 "
                       "{steps} 스텝을 돌립니다. λ는 옵티마이저마다 따로, 검증 표본 {n_val}개의 오차가 가장 작은 값으로 "
                       "고릅니다. λ 격자는 {lam_lo}부터 {lam_hi}까지 {n_lams}개로 시작하고, 가장 좋은 λ가 끝에 걸리면 "
                       "10배 구간씩 넓힙니다({lam_floor}부터 {lam_ceiling}까지). 테스트 오차는 검증에 쓰지 않은 표본의 "
                       "평균제곱오차입니다."),
            "rule": "AdamW의 테스트 오차가 Adam + L2의 {factor}배 이하이면 성립으로 봅니다.",
            "row": "AdamW {test_w}(λ = {lambda_w}), Adam + L2 {test_l2}(λ = {lambda_l2})",
        },
        "adamw_lambda": {
            "claim": "λ(감쇠 계수)를 튜닝해야 한다",
            "question": "torch의 기본 λ를 그대로 쓰면, 튜닝한 λ보다 테스트 오차가 눈에 띄게 클까요?",
            "method": ("'Adam + L2보다 일반화가 잘 된다'와 같은 실행입니다. 시드마다 AdamW를 torch의 기본값 "
                       "λ = {lam_default}로 돌린 테스트 오차를, 검증 오차로 튜닝한 λ의 테스트 오차와 비교합니다."),
            "rule": "기본값 λ의 테스트 오차가 튜닝한 λ의 {factor}배보다 크면 성립으로 봅니다.",
            "row": "기본값 λ = {lambda_default}에서 {test_w_default}, 튜닝한 λ = {lambda_w}에서 {test_w}",
        },
    },
    "en": {
        "sgd_simple": {
            "claim": "simple and cheap",
            "fact": ("SGD keeps nothing but the parameters. Extra state arrays per parameter: SGD {SGD_state}, "
                     "Momentum {Momentum_state}, Adam {Adam_state}. This follows from the update rule itself; there "
                     "is nothing to test."),
        },
        "sgd_oscillates": {
            "claim": "oscillates",
            "question": "Does SGD's path zig-zag?",
            "method": (_STD_EN + " Per coordinate, we count how often a step points the opposite way to the step "
                       "before; rounding noise after the minimum is reached is not counted."),
            "rule": "Holds if in some coordinate at least {share:.0%} of the steps reverse direction.",
            "row": "lr {lr}, reversed steps {reversals:.0%}",
        },
        "sgd_slow": {
            "claim": "converges slowly",
            "question": "After the same number of steps, is SGD further from the minimum than the others?",
            "method": (_STD_EN + " The control is the other 7 optimizers in the same setting: SGD is compared with "
                       "the median of their final gaps. Gaps below {floor} count as having reached the minimum."),
            "rule": "Holds if SGD's final gap is larger than the median of the other 7.",
            "row": "SGD {gap}, median of the others {others_median}",
        },
        "momentum_fast": {
            "claim": "converges faster, oscillates less",
            "question": "Does adding momentum get closer, with less zig-zag, than SGD?",
            "method": (_STD_EN + " The control is the same rule without momentum: SGD. At the default lr both use "
                       "the same lr; at the tuned lr, each its own."),
            "rule": "Holds if Momentum's final gap is smaller than SGD's and its share of reversed steps is no larger.",
            "row": "final gap {gap} (SGD {gap_sgd}), reversed {reversals:.0%} (SGD {reversals_sgd:.0%})",
        },
        "momentum_overshoot": {
            "claim": "overshoots the minimum",
            "question": "Does momentum carry the path past the minimum before it turns back?",
            "method": (_STD_EN + " Along the line from the start to the minimum, we measure the furthest the path "
                       "went past the minimum, as a share of the start distance. The control is SGD in the same "
                       "setting."),
            "rule": "Holds if Momentum went past by more than {share:.0%} of the start distance, and further than SGD.",
            "row": "lr {lr}, past the minimum by {overshoot:.0%} (SGD {overshoot_sgd:.0%})",
        },
        "nag_less": {
            "claim": "overshoots less than Momentum",
            "question": "Does taking the gradient at the look-ahead point overshoot less than Momentum?",
            "method": (_STD_EN + " NAG runs at the **same lr** as Momentum (Momentum's default or tuned lr), so the "
                       "look-ahead is the only difference. Settings where Momentum did not overshoot have nothing "
                       "to compare and are not counted."),
            "rule": ("Where Momentum went past the minimum by more than {share:.0%} of the start distance, holds if "
                     "NAG went past by less."),
            "row": "lr {lr}, NAG {overshoot:.0%}, Momentum {overshoot_momentum:.0%}",
        },
        "nag_complex": {
            "claim": "complicated to implement",
            "fact": ("NAG in PyTorch's form takes no extra gradient at a look-ahead point: {gradients_per_step} "
                     "gradient per step, and its code differs from Momentum's in {extra_lines} line "
                     "(θ ← θ − η(g + μb)). Sutskever's look-ahead folds into that line by a change of variables."),
        },
        "adagrad_auto": {
            "claim": "adapts the step size per parameter",
            "fact": ("Dividing each coordinate by its own $\\sqrt{{s}}$ is the update rule itself. But from $s_0 = 0$ "
                     "the first step is $\\eta\\,\\mathrm{{sign}}(g)$ in every coordinate, whatever the gradient's size: "
                     "at the skewed bowl's start the gradient is $x$ {grad_x}, $y$ {grad_y}, yet the first move at lr "
                     "{lr} is $x$ {step_x}, $y$ {step_y}. The coordinates part ways from the second step on, as $s$ "
                     "builds up."),
        },
        "adagrad_decay": {
            "claim": "the step size decays until learning stops",
            "question": "Because it only ever adds squared gradients, does its step vanish before the minimum?",
            "method": (_STD_EN + " The control is RMSProp at the same lr: it divides per coordinate too, but keeps "
                       "$s$ as a moving average that forgets. Accumulating or forgetting is the only difference."),
            "rule": "Holds if AdaGrad's final gap is more than {ratio}× RMSProp's at the same lr.",
            "row": "lr {lr}, AdaGrad {gap}, RMSProp {gap_rmsprop}",
        },
        "rmsprop_stable": {
            "claim": "more stable than AdaGrad (keeps learning)",
            "question": "Does RMSProp get closer to the minimum than AdaGrad?",
            "method": _STD_EN + " The control is AdaGrad in the same setting.",
            "rule": "Holds if RMSProp's final gap is no larger than AdaGrad's.",
            "row": "RMSProp {gap} (lr {lr}), AdaGrad {gap_adagrad} (lr {lr_adagrad})",
        },
        "rmsprop_alpha": {
            "claim": "sensitive to the decay rate β (torch's α)",
            "question": "If we change α and re-tune the lr, does the result still change much?",
            "method": ("On each of the 7 problems, 4 values of α (0.5, 0.9, 0.99, 0.999) × the whole lr grid run as "
                       "one vectorised batch; we keep the best tuning objective per α."),
            "rule": "Holds if the best value differs by more than {spread}× across α.",
            "row": "spread across α {spread}×",
        },
        "adadelta_nolr": {
            "claim": "no learning rate to set",
            "question": "Is the default lr = 1.0 as good as a tuned lr?",
            "method": "On each of the 7 problems, the run at the defaults against the run at the tuned lr.",
            "rule": "Holds if the default's final gap is within {factor}× the tuned one's, or both are below {target}.",
            "row": "default {gap}; tuned lr {lr_tuned}: {gap_tuned}",
        },
        "adadelta_slow": {
            "claim": "starts very slowly",
            "question": "Does AdaDelta start with small steps and speed up only later?",
            "method": (_STD_EN + " We measure the longest step as a multiple of the first. The control is Adam in "
                       "the same setting, whose first step is already the size of its lr."),
            "rule": "Holds if the longest step is at least {ratio}× the first, and that ratio exceeds Adam's.",
            "row": "lr {lr}, steps grew {growth}× (Adam {growth_adam}×)",
        },
        "adam_fast": {
            "claim": "trains stably and converges fast",
            "question": "Does Adam avoid divergence and always finish near the top?",
            "method": _STD_EN + " In each setting the 8 optimizers are ranked by final gap; equal values share a rank.",
            "rule": "Holds if Adam did not diverge and ranks in the top {top}.",
            "row": "lr {lr}, final gap {gap}, rank {rank} of {n_optimizers}",
        },
        "adam_robust": {
            "claim": "less sensitive to hyperparameters (the lr)",
            "question": "Does Adam work over a wider range of learning rates than the others?",
            "method": ("On each of the 7 problems, we count how many decades of the shared lr grid are 'good': "
                       "within {factor}× of the best tuning objective anyone reached on that problem. The control "
                       "is the median of the other 7 optimizers."),
            "rule": "Holds if Adam's range of good learning rates is wider than the others' median.",
            "row": "Adam {width} decades, median of the others {others_median}",
        },
        # ---------------------------------------------------------------- data claims (claims/data.py): below
        "momentum_escape": {
            "claim": "can roll out of local minima thanks to inertia",
            "question": "Does momentum carry the path past a local minimum, on to a lower one?",
            "method": ("On Rastrigin, each seed draws {n_starts} start points uniformly over the plot ({n_seeds} "
                       "seeds). Learning rates: {n_lrs} values from {lr_lo} to {lr_hi} (Momentum's default among "
                       "them), and the lr tuned on Rastrigin. Rastrigin's local minima sit next to the integer grid "
                       "points, so the value at the grid point nearest the start stands for the minimum the run "
                       "started beside; a run that ends more than {drop} below it without diverging has escaped. "
                       "The control is SGD without inertia at the same effective step "
                       "$\\eta/(1-\\mu)$ = {gain}$\\eta$, so that a win is due to inertia and not to a larger step. "
                       "SGD at the same $\\eta$ is listed too."),
            "rule": ("Holds if the share of starts that escaped is at least {margin:.0%} points higher than the "
                     "control's (SGD at the same effective step)."),
            "row": ("lr {lr}: Momentum {escaped:.1%}, SGD at the same effective step (lr {lr_effective}) "
                    "{escaped_sgd_effective:.1%}, SGD at the same lr {escaped_sgd:.1%}"),
        },
        "adagrad_sparse": {
            "claim": "strong on sparse data",
            "question": "Does AdaGrad's per-coordinate step learn the rarely seen features better?",
            "method": ("The sparse-features data ({n_features} binary features, feature j non-zero with "
                       "probability from {p_max} down to {p_min}) is drawn afresh for each of {n_seeds} seeds; one "
                       "seed sets the data, the train/test split, the initialisation and the minibatch order. A "
                       "feature is rare when it is non-zero in fewer than {rare:.0%} of the training rows; we "
                       "measure the loss (binary cross-entropy) on the test rows holding at least one rare "
                       "feature. The control is SGD, with no per-coordinate scaling. Both are tuned on the training "
                       "loss over the same lr grid, each on its own (the grid grows when the best lr is an end), "
                       "and run on the same seeds. No default-lr comparison: the defaults differ tenfold (AdaGrad "
                       "0.01, SGD 0.001), so it would compare step sizes, not per-coordinate scaling."),
            "rule": "Holds if AdaGrad's loss on the test rows with a rare feature is at least {gain:.0%} below SGD's.",
            "row": ("{n_rare_rows} rows with a rare feature: AdaGrad {loss_rare} (lr {lr}), SGD {loss_rare_sgd} "
                    "(lr {lr_sgd}); whole test set: AdaGrad {loss_all}, SGD {loss_all_sgd}"),
        },
        "adam_generalise": {
            "claim": "sometimes generalises worse than SGD",
            "question": "Once the training loss is low, is Adam's test error larger than SGD's?",
            "method": ("Three kinds of data, {n_seeds} seeds each. First, an over-parameterised linear "
                       "regression (40 training samples, 80 weights, features of mixed scale), drawn afresh per "
                       "seed; both start from zero and run {steps} steps, each at the lr of its grid with the "
                       "lowest final training error; test error is the mean squared error. Second and third, "
                       "logistic regression on breast cancer and the MLP on digits: the per-seed runs of the data "
                       "experiments, each optimizer at its tuned lr; test error is 1 − accuracy. The control is SGD "
                       "on the same data and seed. No default-lr runs: at SGD's default 0.001 the MLP has barely "
                       "started to fit in 6 epochs, so they would compare under-fitting, not generalisation."),
            "rule": ("Holds if Adam's test error is more than {factor}× SGD's. The claim says 'sometimes', so a "
                     "verdict of 'depends on the setting' does not contradict it."),
            "row": "test error Adam {error} (lr {lr}), SGD {error_sgd} (lr {lr_sgd})",
        },
        "adamw_generalise": {
            "claim": "generalises better than Adam + L2",
            "question": "With the decay taken out of the gradient (AdamW), is the test error smaller than with the "
                        "decay added to the gradient (Adam + L2)?",
            "method": ("An over-parameterised linear regression (40 training samples, 80 weights, features of mixed "
                       "scale), drawn afresh for each of {n_seeds} seeds. Both run at Adam's tuned lr (lowest final "
                       "training error at λ = 0), from zero, for {steps} steps. λ is chosen for each optimizer on its "
                       "own, by the error on {n_val} validation samples; the λ grid starts at {n_lams} values from "
                       "{lam_lo} to {lam_hi} and grows a decade at a time while the best λ is an end (up to "
                       "{lam_floor} … {lam_ceiling}). Test error is the mean squared error on samples not used for "
                       "validation."),
            "rule": "Holds if AdamW's test error is at most {factor}× that of Adam + L2.",
            "row": "AdamW {test_w} (λ = {lambda_w}), Adam + L2 {test_l2} (λ = {lambda_l2})",
        },
        "adamw_lambda": {
            "claim": "λ (the decay coefficient) needs tuning",
            "question": "Is torch's default λ noticeably worse on the test set than a tuned λ?",
            "method": ("The runs of 'generalises better than Adam + L2'. For each seed, AdamW's test error at "
                       "torch's default λ = {lam_default} against its test error at the λ tuned on the validation "
                       "samples."),
            "rule": "Holds if the test error at the default λ is more than {factor}× that at the tuned λ.",
            "row": "default λ = {lambda_default}: {test_w_default}; tuned λ = {lambda_w}: {test_w}",
        },
    },
}
