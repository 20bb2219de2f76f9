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

#: Muon's settings (scripts/claims/muon.py): the lr schedule of a run
MUON_SCHEDULE = {"ko": {"constant": "상수 학습률", "cosine": "코사인 감쇠"},
                 "en": {"constant": "constant lr", "cosine": "cosine decay"}}

#: the page furniture around the claims
PAGE = {
    "ko": {
        "side": {"pro": "장점", "con": "단점"},
        "head": ("구분", "주장", "판정", "성립한 설정"),
        # k of n settings where the claim held: for none, for all, for some (korean.by_count)
        "count": ("{n}개 중 하나도 없음", "{n}개 모두", "{n}개 중 {k}개"),
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
                         "해당하는 설정 중 {confirm}% 이상에서 성립하면 {w_confirmed}, {reject}% 이하에서만 "
                         "성립하면 {w_rejected}, 그 사이면 {w_depends:으로/로} 판정합니다."),
        "lr_kind": {"default": "기본 학습률", "tuned": "튜닝한 학습률"},
        "seed": "시드 {seed}",
        "data": {"regression": "가중치가 표본보다 많은 선형 회귀", "breast_cancer": "유방암 (로지스틱 회귀)",
                 "digits": "손글씨 숫자 (MLP)", "matrix": "행렬 최소제곱"},
        "lr": "학습률 {lr}",
        "diverged": "발산",
        # the verdicts a reader meets, and what the two kinds judged without an experiment mean
        "verdict_or": "{verdicts} 가운데 하나",
        "reach_steps": "{steps}스텝", "reach_never": "닿지 못함",
        "def_note": {"def_true": "{quoted} 정의(갱신 규칙)에서 바로 참임이 나오는 주장입니다.",
                     "def_false": "{quoted} 널리 퍼진 통념이지만 정의(갱신 규칙)를 보면 거짓임이 드러나는 주장입니다."},
        "def_tail": "이런 판정은 실험을 돌리지 않고 정의에서 내립니다.",
    },
    "en": {
        "side": {"pro": "Pro", "con": "Con"},
        "head": ("Pro or con", "Claim", "Verdict", "Held in"),
        "count": ("{k} of {n} settings", "{k} of {n} settings", "{k} of {n} settings"),
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
                         "it applies, the verdict is {w_confirmed}; in at most {reject}%, {w_rejected}; "
                         "otherwise {w_depends}."),
        "lr_kind": {"default": "default lr", "tuned": "tuned lr"},
        "seed": "seed {seed}",
        "data": {"regression": "over-parameterised linear regression", "breast_cancer": "breast cancer (logistic)",
                 "digits": "digits (MLP)", "matrix": "matrix least squares"},
        "lr": "lr {lr}",
        "diverged": "diverged",
        "verdict_or": "one of {verdicts}",
        "reach_steps": "step {steps}", "reach_never": "never",
        "def_note": {"def_true": "{quoted} marks a claim that follows from the definition (the update rule) itself.",
                     "def_false": "{quoted} marks a widely repeated claim that the definition (the update rule) "
                                  "shows to be false."},
        "def_tail": "Such verdicts come from the definition, not from an experiment.",
    },
}

_STD_KO = "문제 7개 각각에서 기본 학습률과 튜닝한 학습률로 한 번씩, 모두 14가지 설정입니다."
_STD_EN = "Every one of the 7 problems, at the default and at the tuned learning rate: 14 settings."

CLAIMS = {
    "ko": {
        # ---------------------------------------------------------------- Adamax, NAdam, RAdam
        "adamax_bounded": {
            "claim": "한 걸음이 학습률보다 (거의) 커지지 않는다 (무한 노름)",
            "fact": ("Adamax의 분모 $u_t = \\max(\\beta_2 u_{{t-1}}, |g_t| + \\epsilon)$는 지금까지 본 기울기 크기의 "
                     "최댓값(조금씩 줄어듦)입니다. 그래서 좌표마다 한 걸음이 $\\eta$의 "
                     "$(1-\\beta_1)/(1-\\beta_1/\\beta_2)$ = {adamax_bound}배를 넘지 않습니다. Adam은 논문의 최악의 "
                     "경우로 $(1-\\beta_1)/\\sqrt{{1-\\beta_2}}$ = {adam_bound}배까지 갈 수 있습니다. 예를 들어 기울기 "
                     "{quiet}로 {quiet_steps}스텝을 간 뒤 {spike_factor}배 큰 기울기가 한 번 들어오면, 그 스텝에서 "
                     "Adamax는 $\\eta$의 {adamax_spike}배, Adam은 {adam_spike}배 움직입니다. 대신 Adamax는 큰 기울기를 "
                     "오래 기억합니다. 다시 조용해지고 {after_steps}스텝 뒤의 걸음은 Adamax가 $\\eta$의 "
                     "{adamax_after}배, Adam이 {adam_after}배입니다(스파이크 직전에는 Adamax {adamax_before}배, "
                     "Adam {adam_before}배). 갱신식에서 바로 나오는 사실이라 실험으로 확인할 대상은 아닙니다."),
        },
        "adamax_spikes": {
            "claim": "가끔 튀는 큰 기울기에 Adam보다 강하다",
            "question": "아주 큰 기울기가 가끔 섞여 들어올 때, Adamax가 Adam보다 최솟값에 더 가까이 갈까요?",
            "method": ("문제 7개 각각에서 스텝마다 {p:.0%}의 확률로 기울기를 {spike}배로 키웁니다(스파이크). 스파이크가 "
                       "언제 오는지는 난수 시드가 정합니다. 대조군은 분모의 노름만 다른 Adam입니다(최댓값 대신 제곱의 평균). "
                       "둘 다 스파이크가 있는 채로 공통 학습률 격자에서 튜닝하고(튜닝용 시드 0, 가장 좋은 값이 격자 끝이면 "
                       "격자를 넓힘), 튜닝한 학습률로 시드 {n_seeds}개를 돌립니다. 측정값은 마지막 10% 스텝의 평균 "
                       "남은 오차입니다. 스파이크가 없을 때의 튜닝 결과(문제 페이지의 실행)도 참고로 적습니다."),
            "rule": "Adamax의 평균 남은 오차가 Adam의 {share:.0%} 이하이면 성립으로 봅니다.",
            "row": ("Adamax {gap}(학습률 {lr}), Adam {gap_adam}(학습률 {lr_adam}). 스파이크 없이 따로 튜닝하면 Adamax "
                    "{gap_clean}(학습률 {lr_clean}), Adam {gap_clean_adam}(학습률 {lr_clean_adam})"),
        },
        "nadam_weak_momentum": {
            "claim": "torch의 NAdam은 처음 수천 스텝 동안 모멘텀이 β₁보다 훨씬 약하다",
            "fact": ("torch의 NAdam은 모멘텀 계수로 $\\beta_1$ = {beta1:을/를} 그대로 쓰지 않고 "
                     "$\\mu_t = \\beta_1(1 - \\tfrac12\\cdot 0.96^{{t\\psi}})$를 씁니다. 기본값 $\\psi$ = {psi}에서 "
                     "$\\mu_t$는 1스텝에 {mu_1}, 100스텝에 {mu_100}, 1000스텝에 {mu_1000}, 10000스텝에 {mu_10000}입니다. "
                     "$\\beta_1$의 절반쯤에서 출발해 아주 천천히 커집니다. Keras의 Nadam은 $0.96^{{t}}$을 써서 "
                     "100스텝에 이미 {mu_keras_100}입니다. 갱신식에서 바로 나오는 사실이라 실험 대상은 아닙니다."),
        },
        "nadam_fast": {
            "claim": "Adam보다 빨리 수렴한다",
            "question": "NAdam은 같은 설정의 Adam보다 먼저 최솟값에 다가갈까요?",
            "method": (_STD_KO + " 대조군은 같은 설정의 Adam입니다. 기본 학습률에서는 각자의 torch 기본값(NAdam "
                       "{lr_nadam}, Adam {lr_adam_default})으로, 튜닝한 학습률에서는 각자 튜닝한 값으로 돌립니다. "
                       "Adam과 같은 학습률에서 돌린 NAdam의 결과도 참고로 적습니다. 판정에는 쓰지 않습니다."),
            "rule": ("남은 오차가 {target} 이하로 처음 내려가는 스텝이 Adam보다 빠르면 성립으로 봅니다. 한쪽만 "
                     "도달하면 도달한 쪽이 빠르고, 둘 다 도달하지 못하면 마지막 남은 오차가 작은 쪽이 빠른 것으로 봅니다."),
            "row": ("{target} 도달: NAdam {reach}, Adam {reach_adam}. 남은 오차: NAdam {gap}(학습률 {lr}), "
                    "Adam {gap_adam}(학습률 {lr_adam}). Adam과 같은 학습률이면 NAdam {gap_same_lr}"),
            "reading": {
                "default_neither": ("성립한 {held}개 중 {default_neither}개는 둘 다 {target}에 닿지 못하고 남은 오차만 "
                                    "더 작았던 기본 학습률 설정입니다."),
                "n_tuned": "각자 튜닝한 학습률에서 NAdam이 빨랐던 설정은 {n_tuned}개 중 {tuned_held}개입니다.",
            },
        },
        "radam_warmup": {
            "claim": "워밍업이 필요 없다",
            "question": "워밍업 없는 RAdam이 선형 워밍업을 붙인 Adam만큼 학습할까요?",
            "method": ("손글씨 숫자 데이터의 MLP({sizes}, 미니배치 {batch_size})를 큰 학습률 {n_lrs}개({lr_lo}부터 "
                       "{lr_hi}까지)와 난수 시드 {n_seeds}개로 {epochs} 에폭 학습합니다. 방법은 세 가지입니다. 워밍업 없는 "
                       "RAdam, 선형 워밍업을 붙인 Adam(처음 {share:.0%}의 스텝 동안 학습률의 {start}배에서 1배까지, "
                       "torch처럼 `LinearLR`을 갱신마다 `step()`), 워밍업 없는 Adam입니다. 측정값은 최종 학습 손실, 곧 "
                       "학습이 끝난 뒤 학습 데이터 전체에서 잰 손실입니다. 이 주장은 워밍업이 Adam에 도움이 되는 곳에서만 따질 수 있습니다. 그래서 워밍업 없는 "
                       "Adam의 손실이 워밍업한 Adam의 {helps}배보다 큰 설정만 세고, 나머지는 '해당 없음'으로 적습니다."),
            "rule": "워밍업 없는 RAdam의 손실이 워밍업한 Adam의 {within}배 이하이면 성립으로 봅니다.",
            "row": "학습률 {lr}: RAdam {loss}, 워밍업한 Adam {loss_warmup}, 워밍업 없는 Adam {loss_adam}",
        },
        "radam_slow_start": {
            "claim": "짧은 학습에서는 느리다 (보정 계수가 천천히 커진다)",
            "question": "Adam에 알맞은 학습률에서, 워밍업 없는 RAdam은 짧은 학습 동안 Adam보다 손실을 덜 줄일까요?",
            "method": ("'워밍업이 필요 없다'와 같은 실행입니다. 격자의 학습률 가운데 워밍업 없는 Adam의 최종 학습 "
                       "손실(시드별 값의 중앙값)이 가장 작은 학습률에서, 시드마다 RAdam과 Adam을 비교합니다."),
            "rule": "RAdam의 손실이 Adam의 {factor}배보다 크면 성립으로 봅니다.",
            "row": ("학습률 {lr}: RAdam {loss}, Adam {loss_adam}, 워밍업한 Adam {loss_warmup}. 마지막 스텝({steps})에서 "
                    "RAdam의 보정 계수 $r_t$ = {r_last}"),
        },
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
                       "그들의 중앙값과 비교합니다. 남은 오차가 {floor} 이하이면 모두 최솟값에 도달한 것으로 봅니다."),
            "rule": "SGD의 남은 오차가 나머지 7개의 중앙값보다 크면 성립으로 봅니다.",
            "row": "남은 오차 SGD {gap}, 나머지의 중앙값 {gap_others}",
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
            "claim": "유지 비율 α에 민감하다",
            "question": "유지 비율 α를 바꾸면, 학습률을 다시 튜닝해도 결과가 크게 달라질까요?",
            "method": ("문제 7개 각각에서 α 4개(0.5, 0.9, 0.99, 0.999) × 학습률 격자 전체를 벡터화해서 한 번에 실행하고, "
                       "α마다 가장 좋은 튜닝 기준값을 고릅니다."),
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
            "method": _STD_KO + " 같은 설정에서 옵티마이저 8개를 남은 오차로 줄 세워 순위를 매깁니다. 표에 같은 값으로 적히는 것(유효숫자 세 자리까지 같은 값, 10⁻¹² 이하끼리)은 같은 순위입니다.",
            "rule": "Adam이 발산하지 않고 {top}위 안에 들면 성립으로 봅니다.",
            "row": "학습률 {lr}, 남은 오차 {gap}, {n_optimizers}개 중 {rank}위",
        },
        "adam_robust": {
            "claim": "하이퍼파라미터(학습률)에 덜 민감하다",
            "question": "Adam은 다른 옵티마이저보다 넓은 범위의 학습률에서 잘 될까요?",
            "method": ("문제 7개 각각에서, 모든 옵티마이저가 공유하는 학습률 격자 중 '좋은' 학습률이 몇 개의 10배 구간을 "
                       "차지하는지 셉니다. '좋은' 학습률은 그 문제에서 모든 옵티마이저가 낸 가장 좋은 튜닝 기준값의 {factor}배 "
                       "이내인 학습률입니다. 대조군은 나머지 7개 옵티마이저의 중앙값입니다."),
            "rule": "Adam의 좋은 학습률 폭이 나머지 7개의 중앙값보다 넓으면 성립으로 봅니다.",
            "row": "좋은 학습률 폭: Adam 10배 구간 {width}개, 나머지의 중앙값 {others_median}개",
        },
        # ---------------------------------------------------------------- data claims (claims/data.py): below
        "momentum_escape": {
            "claim": "관성 덕분에 지역 최솟값을 빠져나올 수 있다",
            "question": "모멘텀은 관성 덕분에 지역 최솟값을 넘어, 더 낮은 최솟값까지 굴러갈까요?",
            "method": ("라스트리긴 함수에서 난수 시드마다 시작점 {n_starts}개를 그림 범위 안에서 무작위로 뽑습니다(시드 "
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
                       "난수 시드 {n_seeds}개로 새로 뽑습니다. 시드 하나가 데이터, 학습/테스트 분할, 초깃값, 미니배치 순서를 "
                       "모두 정합니다. 학습 데이터에서 {rare:.0%} 미만의 행에만 나타나는 특성을 드문 특성이라 하고, 드문 "
                       "특성이 하나라도 있는 테스트 행에서 손실(이진 교차 엔트로피)을 잽니다. 대조군은 좌표별 조절이 없는 "
                       "SGD입니다. 두 옵티마이저 모두 같은 학습률 격자에서 학습 손실로 따로 튜닝하고(가장 좋은 값이 격자 "
                       "끝이면 격자를 넓힘), 같은 시드로 돌립니다. 기본 학습률 비교는 넣지 않았습니다. 기본값이 "
                       "AdaGrad {lr_default}, SGD {lr_sgd_default}로 {default_ratio}배 달라서, 좌표별 조절이 아니라 보폭의 크기를 비교하게 되기 때문입니다."),
            "rule": "드문 특성이 있는 테스트 행에서 AdaGrad의 손실이 SGD보다 {gain:.0%} 이상 낮으면 성립으로 봅니다.",
            "row": ("드문 특성이 있는 행 {n_rare_rows}개에서 AdaGrad {loss_rare}(학습률 {lr}), SGD {loss_rare_sgd}"
                    "(학습률 {lr_sgd}). 테스트 전체에서는 AdaGrad {loss_all}, SGD {loss_all_sgd}"),
        },
        "adam_generalise": {
            "claim": "종종 SGD보다 일반화 성능이 낮다",
            "question": "학습 손실을 충분히 줄였을 때, Adam의 테스트 오차가 SGD보다 클까요?",
            "method": ("데이터 세 가지에서 난수 시드 {n_seeds}개씩 비교합니다. 첫째, 가중치가 표본보다 많은 선형 회귀(학습 표본 {n_train}개, "
                       "가중치 {n_weights}개, 특성마다 크기가 다름)입니다. 시드마다 데이터를 새로 뽑고, 둘 다 0에서 시작해 {steps} "
                       "스텝을 돌립니다. 학습률은 각자 격자에서 마지막 학습 오차가 가장 작은 값으로 튜닝하고, 테스트 오차는 "
                       "평균제곱오차입니다. 둘째와 셋째는 유방암 데이터의 로지스틱 회귀와 손글씨 숫자의 MLP로, 데이터 실험에서 "
                       "각자 튜닝한 학습률로 돌린 시드별 결과이고, 테스트 오차는 1 − 정확도입니다. 대조군은 같은 데이터, 같은 "
                       "시드의 SGD입니다. 기본 학습률은 넣지 않았습니다. SGD의 기본값 {lr_sgd_default}로는 MLP의 학습 손실이 "
                       "{mlp_epochs} 에폭 동안 거의 줄지 않아서, 일반화가 아니라 덜 학습된 정도를 비교하게 되기 때문입니다."),
            "rule": ("Adam의 테스트 오차가 SGD의 {factor}배보다 크면 성립으로 봅니다. '종종'이라는 주장이므로, 일부 설정에서만 "
                     "성립해서 나오는 '조건에 따라 다름'도 주장과 어긋나지 않습니다."),
            "row": "테스트 오차 Adam {error}(학습률 {lr}), SGD {error_sgd}(학습률 {lr_sgd})",
        },
        "adamw_generalise": {
            "claim": "Adam + L2보다 일반화가 잘 된다",
            "question": "감쇠를 기울기에서 떼어 내면(AdamW), 감쇠를 기울기에 더하는 Adam + L2보다 테스트 오차가 작을까요?",
            "method": ("가중치가 표본보다 많은 선형 회귀(학습 표본 {n_train}개, 가중치 {n_weights}개, 특성마다 크기가 다름)를 난수 시드 {n_seeds}개로 새로 "
                       "뽑습니다. 학습률은 둘 다 Adam의 튜닝한 학습률(λ = 0에서 마지막 학습 오차 기준)이고, 0에서 시작해 "
                       "{steps}스텝을 돌립니다. λ는 옵티마이저마다 따로, 검증 표본 {n_val}개의 오차가 가장 작은 값으로 "
                       "고릅니다. λ 격자는 {lam_lo}부터 {lam_hi}까지 {n_lams}개로 시작하고, 가장 좋은 λ가 격자 끝이면 "
                       "10배 구간씩 넓힙니다({lam_floor}부터 {lam_ceiling}까지). 테스트 오차는 검증에 쓰지 않은 표본의 "
                       "평균제곱오차입니다."),
            "rule": "AdamW의 테스트 오차가 Adam + L2의 {factor}배 이하이면 성립으로 봅니다.",
            "row": "AdamW {test_w}(λ = {lambda_w}), Adam + L2 {test_l2}(λ = {lambda_l2})",
        },
        "adamw_lambda": {
            "claim": "λ(감쇠 계수)를 튜닝해야 한다",
            "question": "torch의 기본 λ를 그대로 쓰면, 튜닝한 λ보다 테스트 오차가 눈에 띄게 클까요?",
            "method": ("'Adam + L2보다 일반화가 잘 된다'와 같은 실행입니다. 난수 시드마다 AdamW를 torch의 기본값 "
                       "λ = {lam_default}로 돌린 테스트 오차를, 검증 오차로 튜닝한 λ의 테스트 오차와 비교합니다."),
            "rule": "기본값 λ의 테스트 오차가 튜닝한 λ의 {factor}배보다 크면 성립으로 봅니다.",
            "row": "기본값 λ = {lambda_default}에서 {test_w_default}, 튜닝한 λ = {lambda_w}에서 {test_w}",
        },
        "muon_matrix_only": {
            "claim": "가중치 행렬에만 쓸 수 있다 (편향·스칼라는 다른 옵티마이저가 맡아야 함)",
            "fact": ("Muon은 행렬(2차원 배열)만 받습니다. 이 패키지의 Muon에 편향 벡터, 스칼라, 4차원 합성곱 가중치를 "
                     "넣어 보면 {refused_words}(torch.optim.Muon과 같습니다). 그래서 실제 학습에서는 "
                     "편향과 임베딩 같은 나머지 파라미터를 AdamW 같은 다른 옵티마이저에 맡깁니다. 갱신식의 정의에서 나오는 "
                     "사실이라 실험으로 확인할 대상은 아닙니다."),
            # a sentence about k of n (korean.by_count): name → (k's key, n's key, none, all, some)
            "counts": {"refused_words": ("refused", "tried", "하나도 거부하지 않습니다", "{n}개 모두 오류를 냅니다",
                                         "{n}개 중 {k}개를 오류로 거부합니다")},
        },
        "muon_matrix": {
            "claim": "가중치 행렬에서는 같은 조건으로 튜닝한 AdamW보다 낫다",
            "question": "학습률을 같은 격자에서 똑같이 튜닝하면, 가중치 행렬을 Muon으로 학습한 쪽이 AdamW보다 손실이 낮을까요?",
            "method": ("두 문제를 씁니다. 하나는 {steps}스텝 동안 푸는 16×8 가중치 행렬의 최소제곱 문제로, 입력 공분산의 "
                       "조건수 κ는 {kappas}의 네 가지입니다. 다른 하나는 손글씨 숫자 MLP인데, 가중치 행렬은 Muon이, 편향은 "
                       "AdamW가 맡습니다(torch에서 Muon을 쓰는 방식). 두 옵티마이저 모두 학습률 하나만 같은 격자에서 "
                       "튜닝용 난수 시드로 고르고(가장 좋은 값이 격자 끝이면 10배 구간씩 넓힘), 시드 {n_seeds}개로 다시 "
                       "돌립니다. 가중치 감쇠는 둘 다 λ = {weight_decay}입니다. 상수 학습률과 코사인 감쇠, 두 가지로 "
                       "각각 튜닝하고 비교합니다."),
            "rule": "Muon의 마지막 손실이 AdamW의 {factor}배 이하이면 성립으로 봅니다.",
            "row": "Muon {loss}(학습률 {lr}), AdamW {loss_adamw}(학습률 {lr_adamw})",
        },
        # ---------------------------------------------------------------- Lion
        "lion_memory": {
            "claim": "Adam보다 메모리를 덜 쓴다 (상태 배열이 둘이 아니라 하나)",
            "fact": ("Lion은 파라미터마다 모멘텀 배열 하나({Lion_matrix_arrays})만 두고, Adam과 AdamW는 두 개"
                     "({AdamW_matrix_arrays})를 둡니다. 데이터 실험의 MLP 가중치 행렬({matrix_shapes}, 합쳐서 값 {matrix_params}개)을 "
                     "한 번 갱신한 뒤 이 패키지가 만든 상태 배열을 세어 보면, Lion은 값 {Lion_matrix_numbers}개"
                     "({Lion_matrix_bytes}바이트), AdamW는 값 {AdamW_matrix_numbers}개({AdamW_matrix_bytes}바이트)입니다. "
                     "AdamW의 {Lion_share_of_adamw:.0%}입니다(값 하나에 {dtype_bytes}바이트인 float64 기준). 갱신식에서 바로 "
                     "나오는 사실이라 실험으로 확인할 대상은 아닙니다."),
        },
        "lion_lr": {
            "claim": "학습률을 AdamW보다 3–10배 작게 잡아야 한다",
            "question": "각자 튜닝한 학습률을 나란히 놓으면, AdamW의 학습률이 Lion의 3–10배일까요?",
            "method": ("두 종류의 설정을 봅니다. 첫째, 2차원 문제 {n_problems}개입니다. 문제 페이지와 같은 실행에서 각자 "
                       "튜닝한 학습률을 씁니다(10배 구간마다 {per_decade_2d}개인 격자, 가장 좋은 값이 격자 끝이면 격자를 넓힘). 둘째, 데이터 "
                       "실험의 손글씨 숫자 MLP({sizes}, 미니배치 {batch_size}, {epochs} 에폭)입니다. 난수 시드 {n_seeds}개 "
                       "각각에서 AdamW와 Lion을 같은 격자({grid_lo} … {grid_hi}, 10배 구간마다 {per_decade}개)로 따로 "
                       "튜닝합니다. 어느 시드든 최적값이 격자 끝에 있으면 그쪽으로 10배 구간을 넓힙니다. 튜닝 기준은 "
                       "마지막 10% 스텝의 평균 미니배치 손실이고, 나머지 하이퍼파라미터는 기본값(AdamW는 torch, Lion은 "
                       "lion-pytorch)입니다. 이유도 함께 잽니다. 튜닝한 실행에서 한 걸음의 RMS를 학습률로 나눈 값(걸음/η)입니다. "
                       "Lion은 부호만 쓰므로 기울기가 0인 좌표를 빼면 이 값이 1이고, AdamW는 |m̂/(√v̂+ε)|에 달려 있습니다. "
                       "두 학습률이 모두 격자 안쪽에 있고 발산하지 않은 설정만 셉니다."),
            "rule": "AdamW의 튜닝한 학습률이 Lion의 {lo}배 이상 {hi}배 이하이면 성립으로 봅니다.",
            "row": "학습률 AdamW {lr_adamw}, Lion {lr_lion}: 비 {ratio}배 · 걸음/η AdamW {step_adamw}, Lion {step_lion}",
        },
        # ---------------------------------------------------------------- Adafactor
        "adafactor_memory": {
            "claim": "메모리를 아낀다 (행렬의 2차 모멘트를 행과 열로 나눠 저장)",
            "fact": ("Adafactor는 m×n 행렬의 2차 모멘트를 행마다 하나(row_var, m개)와 열마다 하나(col_var, n개)로만 "
                     "저장하고, 1차 모멘트는 두지 않습니다. Adam과 AdamW는 m·n개짜리 배열을 두 개 둡니다. 데이터 실험의 "
                     "MLP 가중치 행렬({matrix_shapes})을 한 번 갱신한 뒤 이 패키지가 만든 상태 배열을 세어 보면, Adafactor는 "
                     "값 {Adafactor_matrix_numbers}개({Adafactor_matrix_bytes}바이트), AdamW는 값 {AdamW_matrix_numbers}개"
                     "({AdamW_matrix_bytes}바이트)입니다. AdamW의 {Adafactor_share_of_adamw:.1%}입니다. 이 가운데 2배는 1차 "
                     "모멘트를 두지 않은 몫이고, 나머지 {factor_saving}배는 행과 열로 나눈 몫입니다. 편향 같은 벡터는 "
                     "나누지 않고 그대로 저장하므로 네트워크 전체로는 {Adafactor_all_bytes}바이트 대 {AdamW_all_bytes}"
                     "바이트입니다. 갱신식에서 바로 나오는 사실이라 실험으로 확인할 대상은 아닙니다. 성능을 얼마나 "
                     "잃는지는 다음 주장에서 실험으로 봅니다."),
        },
        "adafactor_cost": {
            "claim": "그러면서도 성능은 거의 잃지 않는다",
            "question": "각자 튜닝했을 때, Adafactor의 테스트 정확도가 AdamW와 거의 같을까요?",
            "method": ("데이터 실험의 손글씨 숫자 MLP({sizes}, 미니배치 {batch_size}, {epochs} 에폭)입니다. AdamW는 "
                       "데이터 실험의 실행을 그대로 쓰고, Adafactor도 똑같은 절차를 거칩니다. 학습률 격자 {n_grid}개"
                       "({grid_lo} … {grid_hi}, 가장 좋은 값이 격자 끝이면 격자를 넓힘)를 튜닝용 난수 시드 하나로 돌려, 마지막 10% 스텝의 평균 "
                       "미니배치 손실이 가장 작은 값을 고릅니다. 그 학습률로 시드 {n_seeds}개를 돌려 같은 시드끼리 "
                       "테스트 정확도를 비교합니다. 나머지 하이퍼파라미터는 torch 기본값입니다. Adafactor의 학습률 η는 "
                       "상대적인 걸음 min(η, 1/√t)의 상한이고, 실제 걸음은 여기에 파라미터의 RMS를 곱한 값입니다. 그래서 "
                       "AdamW의 학습률과 크기를 견줄 수 없습니다."),
            "rule": ("Adafactor의 테스트 정확도가 같은 시드에서 AdamW보다 {margin:.0%}포인트 넘게 낮지 않으면 성립으로 "
                     "봅니다."),
            "row": ("테스트 정확도 Adafactor {acc:.1%}(학습률 {lr}), AdamW {acc_adamw:.1%}(학습률 {lr_adamw}) · "
                    "학습 손실 Adafactor {loss}, AdamW {loss_adamw}"),
        },
        # ---------------------------------------------------------------- SGDScheduleFree, AdamWScheduleFree
        **{f"{p}_length": {
            "claim": "학습 길이를 정하지 않아도, 길이에 맞춰 튜닝한 코사인 스케줄만큼 학습한다",
            "question": ("전체 길이에서 한 번만 튜닝하고 중간에 멈춘 schedule-free가, 그 길이에 맞춰 따로 튜닝한 "
                         "워밍업 + 코사인 스케줄만큼 학습 손실을 줄일까요?"),
            "method": ("손글씨 숫자 MLP(64-32-10, 미니배치 32)에서 학습 길이 {n_lengths}가지(전체의 1/4, 1/2, 전체)를 "
                       "봅니다. 대조군은 {scheduled} + 워밍업 + 코사인입니다. 길이마다 워밍업(길이의 {warmup:.0%})과 "
                       "코사인의 끝을 그 길이에 맞추고, 학습률도 길이마다 새로 튜닝합니다. schedule-free는 전체 길이에서 "
                       "한 번만 튜닝하고, 같은 실행을 각 길이에서 멈춘 것으로 보고 eval() 뒤의 x에서 잽니다. 튜닝은 튜닝용 "
                       "난수 시드 하나에서 최종 학습 손실(학습 데이터 전체)로 하고(격자는 10배 구간마다 {per_decade}개, "
                       "가장 좋은 값이 격자 끝이면 격자를 넓힘), 비교는 시드 {n_seeds}개에서 같은 시드끼리 합니다. 나머지 "
                       "하이퍼파라미터는 두 쪽이 같습니다."),
            "rule": "같은 길이, 같은 시드에서 schedule-free의 학습 손실이 대조군의 {factor}배 이하이면 성립으로 봅니다.",
            "row": ("{length}스텝: schedule-free {loss}(학습률 {lr}), {scheduled} + 코사인 {loss_cos}(학습률 "
                    "{lr_cos}) · 테스트 정확도 {acc:.1%}, {acc_cos:.1%}"),
        } for p in ("sgdsf", "adamwsf")},
        **{f"{p}_eval": {
            "claim": "평가하기 전에 eval()을 잊으면 결과가 나빠진다",
            "question": ("학습 모드의 파라미터(y)를 그대로 평가하면, eval()로 옮긴 평균점(x)보다 학습 손실이 "
                         "클까요?"),
            "method": ("'학습 길이를 정하지 않아도…'와 같은 schedule-free 실행입니다. 길이 {n_lengths}가지와 시드 "
                       "{n_seeds}개마다, 같은 순간의 파라미터를 eval() 없이(y) 한 번, eval() 뒤(x) 한 번 잽니다. "
                       "대조군은 x입니다."),
            "rule": "y에서 잰 학습 손실이 x의 {forget}배보다 크면 성립으로 봅니다.",
            "row": "{length}스텝: y {loss_y}, x {loss} · 테스트 정확도 y {acc_y:.1%}, x {acc:.1%}",
        } for p in ("sgdsf", "adamwsf")},
    },
    "en": {
        # ---------------------------------------------------------------- Adamax, NAdam, RAdam
        "adamax_bounded": {
            "claim": "a step is (almost) never longer than the lr (infinity norm)",
            "fact": ("Adamax's denominator $u_t = \\max(\\beta_2 u_{{t-1}}, |g_t| + \\epsilon)$ is the largest gradient "
                     "size seen so far, slowly decaying. So no coordinate moves more than "
                     "$(1-\\beta_1)/(1-\\beta_1/\\beta_2)$ = {adamax_bound} times $\\eta$ in a step; Adam's worst case, "
                     "from the paper, is $(1-\\beta_1)/\\sqrt{{1-\\beta_2}}$ = {adam_bound} times $\\eta$. For example, "
                     "after {quiet_steps} steps with gradient {quiet}, one gradient {spike_factor} times larger moves "
                     "Adamax by {adamax_spike} $\\eta$ and Adam by {adam_spike} $\\eta$. The price: Adamax remembers the "
                     "large gradient. {after_steps} quiet steps later Adamax moves {adamax_after} $\\eta$ and Adam "
                     "{adam_after} $\\eta$ (just before the spike: Adamax {adamax_before} $\\eta$, Adam {adam_before} "
                     "$\\eta$). This follows from the update rule, so it is not an experiment."),
        },
        "adamax_spikes": {
            "claim": "more robust than Adam to rare, large gradients",
            "question": "When very large gradients come now and then, does Adamax end closer to the minimum than Adam?",
            "method": ("On each of the 7 problems, at every step the gradient is multiplied by {spike} with "
                       "probability {p:.0%} (a spike); the seed decides when spikes come. The control is Adam, which "
                       "differs only in the norm of the denominator (the mean square instead of the maximum). Both are "
                       "tuned with the spikes on, on the shared lr grid (tuning seed 0, the grid grown while the best "
                       "value is an end), then run at the tuned lr on {n_seeds} seeds. Measured: the mean gap over the "
                       "last 10% of steps. The spike-free tuned runs (the problem pages') are quoted beside, for "
                       "reference."),
            "rule": "Holds if Adamax's mean gap is at most {share:.0%} of Adam's.",
            "row": ("Adamax {gap} (lr {lr}), Adam {gap_adam} (lr {lr_adam}). Without spikes, tuned separately: Adamax "
                    "{gap_clean} (lr {lr_clean}), Adam {gap_clean_adam} (lr {lr_clean_adam})"),
        },
        "nadam_weak_momentum": {
            "claim": "torch's NAdam uses much weaker momentum than β₁ for thousands of steps",
            "fact": ("torch's NAdam does not use $\\beta_1$ = {beta1} as its momentum coefficient but "
                     "$\\mu_t = \\beta_1(1 - \\tfrac12\\cdot 0.96^{{t\\psi}})$. With the default $\\psi$ = {psi}, "
                     "$\\mu_t$ is {mu_1} at step 1, {mu_100} at step 100, {mu_1000} at step 1000 and {mu_10000} at "
                     "step 10000: it starts near half of $\\beta_1$ and grows very slowly. Keras' Nadam uses $0.96^{{t}}$ "
                     "and is at {mu_keras_100} by step 100. This follows from the update rule, so it is not an "
                     "experiment."),
        },
        "nadam_fast": {
            "claim": "converges faster than Adam",
            "question": "Does NAdam get close to the minimum sooner than Adam in the same setting?",
            "method": (_STD_EN + " The control is Adam in the same setting. At the default lr each runs at its own "
                       "torch default (NAdam {lr_nadam}, Adam {lr_adam_default}); at the tuned lr, each at its own "
                       "tuned value. NAdam at Adam's lr is listed too, for reference; it is not part of the rule."),
            "rule": ("Holds if NAdam's gap first falls to {target} or below at an earlier step than Adam's. If only one "
                     "gets there, that one is faster; if neither does, the smaller final gap is."),
            "row": ("reached {target}: NAdam {reach}, Adam {reach_adam}. Final gap: NAdam {gap} (lr {lr}), Adam "
                    "{gap_adam} (lr {lr_adam}). NAdam at Adam's lr: {gap_same_lr}"),
            "reading": {
                "default_neither": ("Of the {held} settings where it held, {default_neither} are default-lr settings "
                                    "where neither reached {target} and NAdam only ended with a smaller gap."),
                "n_tuned": "At each one's tuned lr, NAdam was faster in {tuned_held} of the {n_tuned} settings.",
            },
        },
        "radam_warmup": {
            "claim": "removes the need for warm-up",
            "question": "Does RAdam without warm-up train as well as Adam with a linear warm-up?",
            "method": ("The MLP ({sizes}, minibatch {batch_size}) on the digits data, {epochs} epochs, at {n_lrs} "
                       "large learning rates ({lr_lo} to {lr_hi}) and {n_seeds} seeds, three ways: RAdam without "
                       "warm-up; Adam with a linear warm-up (from {start}× the lr to 1× over the first {share:.0%} of "
                       "the steps, `LinearLR` stepped after each update as in torch); Adam without warm-up. Measured: "
                       "the final training loss, on the whole training set after training. The claim only has something to say where warm-up "
                       "helps Adam, so only settings where Adam without warm-up ends above {helps}× Adam with it are "
                       "counted; the others are listed as not applying."),
            "rule": "Holds if RAdam without warm-up ends at most {within}× the loss of Adam with warm-up.",
            "row": "lr {lr}: RAdam {loss}, Adam with warm-up {loss_warmup}, Adam without {loss_adam}",
        },
        "radam_slow_start": {
            "claim": "slow in a short run (the rectifier grows slowly)",
            "question": "At the lr that suits Adam, does RAdam without warm-up lower the loss less than Adam in a "
                        "short run?",
            "method": ("The runs of 'removes the need for warm-up'. At the lr of the grid where Adam without warm-up "
                       "has the lowest final training loss (median over the seeds), RAdam against Adam, seed by seed."),
            "rule": "Holds if RAdam's loss is more than {factor}× Adam's.",
            "row": ("lr {lr}: RAdam {loss}, Adam {loss_adam}, Adam with warm-up {loss_warmup}. RAdam's rectifier at "
                    "the last step ({steps}): $r_t$ = {r_last}"),
        },
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
                       "the median of their final gaps. Gaps at or below {floor} count as having reached the minimum."),
            "rule": "Holds if SGD's final gap is larger than the median of the other 7.",
            "row": "SGD {gap}, median of the others {gap_others}",
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
            "claim": "sensitive to the decay rate α",
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
            "method": _STD_EN + " In each setting the 8 optimizers are ranked by final gap; gaps that print alike (equal to 3 significant digits, or both at or below 10⁻¹²) share a rank.",
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
                       "and run on the same seeds. No default-lr comparison: the defaults differ {default_ratio}-fold (AdaGrad "
                       "{lr_default}, SGD {lr_sgd_default}), so it would compare step sizes, not per-coordinate scaling."),
            "rule": "Holds if AdaGrad's loss on the test rows with a rare feature is at least {gain:.0%} below SGD's.",
            "row": ("{n_rare_rows} rows with a rare feature: AdaGrad {loss_rare} (lr {lr}), SGD {loss_rare_sgd} "
                    "(lr {lr_sgd}); whole test set: AdaGrad {loss_all}, SGD {loss_all_sgd}"),
        },
        "adam_generalise": {
            "claim": "sometimes generalises worse than SGD",
            "question": "Once the training loss is low, is Adam's test error larger than SGD's?",
            "method": ("Three kinds of data, {n_seeds} seeds each. First, an over-parameterised linear "
                       "regression ({n_train} training samples, {n_weights} weights, features of mixed scale), drawn afresh per "
                       "seed; both start from zero and run {steps} steps, each at the lr of its grid with the "
                       "lowest final training error; test error is the mean squared error. Second and third, "
                       "logistic regression on breast cancer and the MLP on digits: the per-seed runs of the data "
                       "experiments, each optimizer at its tuned lr; test error is 1 − accuracy. The control is SGD "
                       "on the same data and seed. No default-lr runs: at SGD's default {lr_sgd_default} the MLP has barely "
                       "started to fit in {mlp_epochs} epochs, so they would compare under-fitting, not generalisation."),
            "rule": ("Holds if Adam's test error is more than {factor}× SGD's. The claim says 'sometimes', so a "
                     "verdict of 'depends on the setting' does not contradict it."),
            "row": "test error Adam {error} (lr {lr}), SGD {error_sgd} (lr {lr_sgd})",
        },
        "adamw_generalise": {
            "claim": "generalises better than Adam + L2",
            "question": "With the decay taken out of the gradient (AdamW), is the test error smaller than with the "
                        "decay added to the gradient (Adam + L2)?",
            "method": ("An over-parameterised linear regression ({n_train} training samples, {n_weights} weights, features of mixed "
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
        "muon_matrix_only": {
            "claim": "works on weight matrices only (biases and scalars need another optimizer)",
            "fact": ("Muon takes matrices (2-D arrays) only. Given a bias vector, a scalar and a 4-D convolution weight, "
                     "this package's Muon {refused_words}, as torch.optim.Muon does. In "
                     "real training the other parameters (biases, embeddings) go to a second optimizer such as AdamW. "
                     "It follows from the rule's definition, so it is not something to test."),
            "counts": {"refused_words": ("refused", "tried", "refuses none of the {n}", "refuses all {n} with an error",
                                         "refuses {k} of the {n} with an error")},
        },
        "muon_matrix": {
            "claim": "beats AdamW on weight matrices at equal tuning",
            "question": "With the lr of each tuned on the same grid, does training the weight matrices with Muon end "
                        "at a lower loss than AdamW?",
            "method": ("Two problems. A least-squares fit of a 16×8 weight matrix for {steps} steps, with input "
                       "covariances of condition number κ = {kappas}; and the MLP on digits, with Muon on the weight "
                       "matrices and AdamW on the biases (the way torch users run Muon). Each optimizer has one knob, "
                       "its lr, chosen on the same grid on the tuning seed (grown a decade at a time while the best "
                       "lr is an end), then re-run on {n_seeds} seeds. Both use weight decay λ = {weight_decay}. "
                       "Tuned and compared twice: with a constant lr and with a cosine decay."),
            "rule": "Holds if Muon's final loss is at most {factor}× AdamW's.",
            "row": "Muon {loss} (lr {lr}), AdamW {loss_adamw} (lr {lr_adamw})",
        },
        # ---------------------------------------------------------------- Lion
        "lion_memory": {
            "claim": "uses less memory than Adam (one state array instead of two)",
            "fact": ("Lion keeps one array per parameter, its momentum ({Lion_matrix_arrays}); Adam and AdamW keep two "
                     "({AdamW_matrix_arrays}). Counting the state arrays this package creates after one update of the "
                     "data experiments' MLP weight matrices ({matrix_shapes}; {matrix_params} values in all): Lion "
                     "{Lion_matrix_numbers} values ({Lion_matrix_bytes} bytes), AdamW {AdamW_matrix_numbers} values "
                     "({AdamW_matrix_bytes} bytes), {Lion_share_of_adamw:.0%} of AdamW's (float64, {dtype_bytes} bytes "
                     "a value). It follows from the update rule, so it is not something to test."),
        },
        "lion_lr": {
            "claim": "needs a learning rate 3–10× smaller than AdamW's",
            "question": "Side by side, each tuned on its own, is AdamW's learning rate 3–10× Lion's?",
            "method": ("Two kinds of setting. First, the {n_problems} 2-D problems: each optimizer's tuned lr from "
                       "the problem pages' runs ({per_decade_2d} points a decade, grown when the best value is at an end of the grid). Second, the data "
                       "experiments' digits MLP ({sizes}, minibatch {batch_size}, {epochs} epochs): on each of "
                       "{n_seeds} seeds, AdamW and Lion are tuned separately on the same grid ({grid_lo} … {grid_hi}, "
                       "{per_decade} points a decade, grown by a decade on the side where any seed's best lr is an "
                       "end). The tuning score is the mean minibatch loss over the last 10 % of steps; the other "
                       "hyperparameters are the defaults (torch's for AdamW, lion-pytorch's for Lion). For the why, "
                       "the tuned runs also record the step's RMS divided by the lr (step/η): 1 for Lion, which uses "
                       "only signs (less where a gradient is 0), and |m̂/(√v̂+ε)| for AdamW, which the data decide. "
                       "Only settings where both tuned lrs are inside their grid and neither run diverged count."),
            "rule": "Holds if AdamW's tuned lr is at least {lo}× and at most {hi}× Lion's.",
            "row": "lr AdamW {lr_adamw}, Lion {lr_lion}: ratio {ratio}× · step/η AdamW {step_adamw}, Lion {step_lion}",
        },
        # ---------------------------------------------------------------- Adafactor
        "adafactor_memory": {
            "claim": "saves memory (a matrix's second moment kept as row and column averages)",
            "fact": ("Adafactor keeps an m×n matrix's second moment as one number per row (row_var, m of them) and "
                     "one per column (col_var, n), and no first moment; Adam and AdamW keep two arrays of m·n. "
                     "Counting the state arrays this package creates after one update of the data experiments' MLP "
                     "weight matrices ({matrix_shapes}): Adafactor {Adafactor_matrix_numbers} values "
                     "({Adafactor_matrix_bytes} bytes), AdamW {AdamW_matrix_numbers} values ({AdamW_matrix_bytes} "
                     "bytes), {Adafactor_share_of_adamw:.1%} of AdamW's. A factor of 2 of that comes from having no "
                     "first moment, the other {factor_saving}× from the factoring. Vectors such as biases are kept "
                     "whole, so the whole network takes {Adafactor_all_bytes} bytes against {AdamW_all_bytes}. It "
                     "follows from the update rule, so it is not something to test; what it costs is the next "
                     "claim's experiment."),
        },
        "adafactor_cost": {
            "claim": "and costs little in accuracy",
            "question": "Each tuned on its own, does Adafactor reach about AdamW's test accuracy?",
            "method": ("The data experiments' digits MLP ({sizes}, minibatch {batch_size}, {epochs} epochs). AdamW's "
                       "runs are the data experiment's own; Adafactor goes through the same protocol: {n_grid} "
                       "learning rates ({grid_lo} … {grid_hi}, grown when the best value is at an end) on the tuning seed, the lr with the "
                       "lowest mean minibatch loss over the last 10 % of steps kept, then run on {n_seeds} seeds; the "
                       "two are compared seed by seed on test accuracy. Other hyperparameters at torch's defaults. "
                       "Adafactor's lr η caps the relative step min(η, 1/√t); the actual step is that times the "
                       "parameter's RMS. So its size cannot be compared with AdamW's lr."),
            "rule": "Holds if Adafactor's test accuracy is at most {margin:.0%} (absolute) below AdamW's on the same seed.",
            "row": ("test accuracy Adafactor {acc:.1%} (lr {lr}), AdamW {acc_adamw:.1%} (lr {lr_adamw}) · training "
                    "loss Adafactor {loss}, AdamW {loss_adamw}"),
        },
        # ---------------------------------------------------------------- SGDScheduleFree, AdamWScheduleFree
        **{f"{p}_length": {
            "claim": "matches a tuned cosine schedule without choosing the training length",
            "question": ("Tuned once at the full length and stopped early, does schedule-free reach as low a "
                         "training loss as warm-up + cosine tuned for that very length?"),
            "method": ("The MLP on digits (64-32-10, minibatch 32), at {n_lengths} lengths (a quarter, half and all "
                       "of the budget). The control is {scheduled} + warm-up + cosine, with its warm-up ({warmup:.0%} "
                       "of the length) and the end of its cosine fitted to each length, and its lr tuned again for "
                       "each length. Schedule-free is tuned once, at the full length; the same run is read off at "
                       "each length, at x after eval(). Tuning: the final training loss on the whole training set, "
                       "on the tuning seed ({per_decade} lrs a decade, grown when the best value is at an end); then {n_seeds} seeds, "
                       "compared seed by seed. Other hyperparameters are the same on both sides."),
            "rule": "Holds if schedule-free's training loss is at most {factor}× the control's, at the same length and seed.",
            "row": ("{length} steps: schedule-free {loss} (lr {lr}), {scheduled} + cosine {loss_cos} (lr {lr_cos}) · "
                    "test accuracy {acc:.1%}, {acc_cos:.1%}"),
        } for p in ("sgdsf", "adamwsf")},
        **{f"{p}_eval": {
            "claim": "forgetting eval() before evaluating costs",
            "question": "Measured at the parameters of train mode (y), is the training loss higher than at the average x that eval() moves them to?",
            "method": ("The schedule-free runs of 'matches a tuned cosine schedule…'. At each of {n_lengths} lengths "
                       "and {n_seeds} seeds, the same parameters measured without eval() (y) and after it (x). "
                       "The control is x."),
            "rule": "Holds if the training loss at y is more than {forget}× the loss at x.",
            "row": "{length} steps: y {loss_y}, x {loss} · test accuracy y {acc_y:.1%}, x {acc:.1%}",
        } for p in ("sgdsf", "adamwsf")},
    },
}
