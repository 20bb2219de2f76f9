"""The words of the generated pages, in Korean (first) and English.

Terms follow the glossary (docs/*/glossary.md) and ../shared/KOREAN.md: 학습률 = learning rate,
발산 = diverged, 발산하지 않음 = did not diverge, 최적점 = minimum, 최솟값과의 차이 / 남은 오차 = gap f − f*.
Korean templates are filled with ``scripts.korean.fill``: a field such as ``{best:이/가}`` gets the particle
that fits the value as it is said.
"""

LANGUAGES = ("ko", "en")

TEXT = {
    "ko": {
        "problems": "벤치마크 문제",
        "muon_absent": ("[Muon](../optimizers/muon.md)은 가중치 행렬을 통째로 직교화하는 방법이라, 점 하나(길이 2인 벡터)를 움직이는 이 문제에는 쓸 수 없어서 이 표에 없습니다. [행렬 문제](../optimizers/muon.md#matrix-problems)에서 따로 비교합니다."),
        "optimizers": "옵티마이저",
        "comparison": "전체 비교",
        "optimizer": "옵티마이저",
        "function": "함수",
        "minimum": "최적점",
        "f_min": "최솟값",
        "start": "시작점",
        "steps": "스텝 수",
        "bounds": "그림 범위",
        "settings": "설정",
        "value": "값",
        "lr": "학습률",
        "default_lr": "기본 학습률",
        "tuned_lr": "튜닝한 학습률",
        "final_gap": "남은 오차 $f-f^\\star$",
        "steps_to": "${target}$ 아래로 내려간 스텝",
        "status": "상태",
        "ok": "발산하지 않음",
        "diverged": "{step}스텝째에 발산",
        "reached": "도착한 최적점",
        "never": "내려가지 못함",
        "paths_default_title": "기본 학습률로 움직인 궤적",
        "panels_title": "튜닝한 학습률로 움직인 궤적 (옵티마이저마다 한 칸)",
        "loss_title": "손실 곡선",
        "sweep_title": "학습률 민감도",
        "results_title": "결과 표",
        "results_intro": "남은 오차는 마지막 스텝에서 잰 최솟값과의 차이 $f-f^\\star$입니다. 그 옆 칸에는 이 차이가 "
                         "처음으로 ${target}$ 아래로 내려간 스텝을 적었습니다. 숫자가 작을수록 최솟값 근처에 빨리 닿은 "
                         "것입니다. {gap_legend}",
        "code_title": "이 문제의 코드",
        "paths_default_caption": "{problem}, 시작점 {start}에서 {steps}스텝. 모든 옵티마이저가 torch.optim의 기본 "
                                 "하이퍼파라미터를 씁니다. 학습률은 {lrs}입니다.",
        "panels_caption": "{problem}: 옵티마이저마다 한 칸씩, 튜닝한 학습률로 {steps}스텝. ★는 최적점, ○는 시작점 "
                          "{start}입니다.",
        "loss_default_caption": "{problem}: 기본 학습률에서 스텝마다 잰 최솟값과의 차이 \\(f(\\theta_t)-f^\\star\\). "
                                "세로축은 로그 축이고, 점선은 목표인 \\({target}\\)입니다.",
        "loss_tuned_caption": "{problem}: 튜닝한 학습률에서 스텝마다 잰 최솟값과의 차이 \\(f(\\theta_t)-f^\\star\\). "
                              "세로축은 로그 축이고, 점선은 목표인 \\({target}\\)입니다.",
        "sweep_caption": "{problem}: 옵티마이저마다 학습률 {n}개(\\({lo}\\) … \\({hi}\\), 로그 간격)를 한꺼번에 실행해 "
                         "각각 {steps}스텝씩 돌렸습니다. 세로축은 마지막 {tail}% 스텝 동안의 평균 남은 오차입니다. "
                         "큰 표시는 튜닝한 학습률, 점선은 기본 학습률, ×는 발산한 실행입니다.",
        "alt_paths": "{problem} 등고선 위에 그린 옵티마이저 {n}개의 궤적. {summary}",
        "alt_panels": "{problem} 등고선 그림 {n}개. 칸마다 옵티마이저 하나의 궤적을 그렸습니다.",
        "alt_loss": "{problem}에서 스텝에 따라 최솟값과의 차이가 줄어드는 곡선. {summary}",
        "alt_sweep": "{problem}에서 학습률에 따라 달라지는 남은 오차. {summary}",
        "alt_best": "{best:이/가} 최솟값에 가장 가깝게 끝났습니다(남은 오차 {gap}).",
        "alt_tie": "{n}개 옵티마이저({names})가 모두 같은 남은 오차 {gap:으로/로} 끝났습니다.",
        "alt_tie_floor": "{n}개 옵티마이저({names})가 모두 최솟값에 도달했습니다(남은 오차 {gap}).",
        "alt_tie_exact": "{n}개 옵티마이저({names})가 모두 최솟값에 정확히 도달했습니다(남은 오차 0).",
        "alt_diverged": "{names:은/는} 발산했습니다.",
        "protocol": "학습률은 이렇게 골랐습니다. 모든 옵티마이저에 같은 학습률 격자를 줍니다. \\({lo}\\)부터 "
                    "\\({hi}\\)까지 로그 간격으로 {n}개입니다. 학습률마다 끝까지 실행한 뒤, 마지막 {tail}% 스텝 동안 "
                    "최솟값과의 차이를 평균하고, 이 평균이 가장 작은 학습률을 고릅니다. 발산한 실행은 무한대로 셉니다. 평균이 같으면 "
                    "차이가 \\({target}\\) 아래로 먼저 내려간 쪽을, 그래도 같으면 더 작은 학습률을 고릅니다. 고른 "
                    "학습률이 격자의 끝이면, 그쪽으로 10배 구간 하나씩 격자를 넓혀 "
                    "다시 고릅니다. 넓힐 수 있는 범위는 \\({floor}\\)부터 \\({ceiling}\\)까지입니다. 나머지 하이퍼파라미터는 torch.optim의 기본값입니다.",
        "page_intro": "이 페이지의 그림과 숫자는 모두 사이트를 빌드할 때 `optimizers` 패키지가 직접 계산한 것입니다.",
        "by_hand": "연필로 따라 풀 수 있는 풀이(기울기, 헤세 행렬과 고윳값, 안정한 학습률의 경계, 첫 반복값)는 [손으로 풀어 보기]({page}) 페이지에 있습니다.",
        "comparison_page_intro": "이 페이지의 숫자는 모두 사이트를 빌드할 때 `optimizers` 패키지가 직접 계산한 "
                                 "것입니다.",
        "comparison_intro": "2차원 문제에 쓸 수 있는 옵티마이저를 모든 문제에 돌린 결과입니다. "
                            "[Muon](optimizers/muon.md)은 가중치 행렬에만 쓸 수 있어서 빠졌고, 그 결과는 Muon 페이지의 "
                            "[행렬 문제](optimizers/muon.md#matrix-problems)에 있습니다. 칸마다 마지막 스텝의 남은 오차, 곧 "
                            "최솟값과의 차이 $f-f^\\star$를 적고, 괄호 안에 그 문제에서의 순위를 적었습니다. 1위가 가장 "
                            "좋습니다. {rank_ties} {gap_legend}",
        "rank_ties": "순위는 남은 오차가 작은 순서이고, 표에 같은 값으로 적힌 실행(유효숫자 세 자리까지 같은 값)은 같은 "
                     "순위를 받습니다(1, 2, 2, 4처럼). 발산한 실행은 맨 뒤입니다.",
        "gap_legend": "남은 오차가 {floor} 이하이면(정확히 0 포함) 최솟값에 도달한 것으로 보고, 값 대신 "
                      "\"{at_floor}\"라고 적습니다.",
        "at_default": "기본 학습률에서",
        "at_tuned": "튜닝한 학습률에서",
        "tuned_lrs": "튜닝한 학습률",
        "defaults_title": "기본값",
        "hyperparameter": "하이퍼파라미터",
        "default": "기본값",
        "state": "상태 변수 (state)",
        "figure_again": "다시 그리기: <code>{command}</code> · <a href=\"{csv}\">그림의 숫자 (CSV)</a>",
    },
    "en": {
        "problems": "Benchmark problems",
        "muon_absent": ("[Muon](../optimizers/muon.md) is not in this table: it orthogonalises a whole weight matrix, and what moves here is not a matrix but one point (a vector of length 2). Muon is compared on [matrix problems](../optimizers/muon.md#matrix-problems) instead."),
        "optimizers": "Optimizers",
        "comparison": "Comparison",
        "optimizer": "Optimizer",
        "function": "Function",
        "minimum": "Minimum",
        "f_min": "Minimum value",
        "start": "Start",
        "steps": "Steps",
        "bounds": "Plot bounds",
        "settings": "Settings",
        "value": "Value",
        "lr": "Learning rate",
        "default_lr": "Default lr",
        "tuned_lr": "Tuned lr",
        "final_gap": "Final gap $f-f^\\star$",
        "steps_to": "Step it fell below ${target}$",
        "status": "Status",
        "ok": "did not diverge",
        "diverged": "diverged at step {step}",
        "reached": "Minimum reached",
        "never": "never",
        "paths_default_title": "Trajectories at the default learning rate",
        "panels_title": "Trajectories at the tuned learning rate (one panel per optimizer)",
        "loss_title": "Loss curves",
        "sweep_title": "Learning-rate sensitivity",
        "results_title": "Results",
        "results_intro": "The final gap is the distance to the minimum value, $f-f^\\star$, at the last step. The "
                         "column beside it gives the first step at which that distance fell below ${target}$: the "
                         "smaller, the sooner the run got close. {gap_legend}",
        "code_title": "The code of this problem",
        "paths_default_caption": "{problem}: every optimizer with torch.optim's default hyperparameters, {steps} steps "
                                 "from {start}. Learning rates: {lrs}.",
        "panels_caption": "{problem}: one panel per optimizer, tuned learning rate, {steps} steps. ★ minimum, "
                          "○ start {start}.",
        "loss_default_caption": "{problem}: the gap \\(f(\\theta_t)-f^\\star\\) at every step, default learning rates "
                                "(log axis). Dotted line: the target, \\({target}\\).",
        "loss_tuned_caption": "{problem}: the gap \\(f(\\theta_t)-f^\\star\\) at every step, tuned learning rates "
                              "(log axis). Dotted line: the target, \\({target}\\).",
        "sweep_caption": "{problem}: {n} learning rates (\\({lo}\\) … \\({hi}\\), log-spaced), all run at once for "
                         "each optimizer, {steps} steps each. Vertical axis: the mean gap over the last {tail}% of "
                         "steps. Large marker: tuned lr; dotted line: default lr; ×: diverged.",
        "alt_paths": "Paths of {n} optimizers over the contours of {problem}. {summary}",
        "alt_panels": "{n} small contour plots of {problem}, one optimizer's path in each.",
        "alt_loss": "Gap against step on {problem}. {summary}",
        "alt_sweep": "Final gap against learning rate on {problem}. {summary}",
        "alt_best": "{best} ended closest to the minimum (final gap {gap}).",
        "alt_tie": "{n} optimizers ({names}) ended with the same final gap, {gap}.",
        "alt_tie_floor": "{n} optimizers ({names}) all reached the minimum (final gap {gap}).",
        "alt_tie_exact": "{n} optimizers ({names}) all reached the minimum exactly (final gap 0).",
        "alt_diverged": "{names} diverged.",
        "protocol": "How we tuned: every optimizer gets the same grid of {n} learning rates, log-spaced from "
                    "\\({lo}\\) to \\({hi}\\). We keep the one with the lowest mean gap over the last {tail}% of "
                    "steps, counting a diverged run as infinite. Ties go to the run that first fell below "
                    "\\({target}\\), then to the smaller lr. When the pick is an end of the grid, the grid grows a "
                    "decade at a time on that side (between \\({floor}\\) and \\({ceiling}\\)) and we pick again. All "
                    "other hyperparameters are torch.optim's defaults.",
        "page_intro": "Every figure and number on this page was computed by the `optimizers` package while the site "
                      "was built.",
        "by_hand": "A worked example to check with a pencil (the gradient, the Hessian and its eigenvalues, the bound on a stable learning rate, the first iterates) is on [the page worked by hand]({page}).",
        "comparison_page_intro": "Every number on this page was computed by the `optimizers` package while the site was "
                                 "built.",
        "comparison_intro": "Every optimizer that can step a 2-D point, on every problem. [Muon](optimizers/muon.md) "
                            "works on weight matrices only, so it is left out; its results are on the "
                            "[matrix problems](optimizers/muon.md#matrix-problems) of its page. A cell is the final gap "
                            "$f-f^\\star$, the distance to the minimum value at the last step; in brackets, the rank on "
                            "that problem (1 is best). {rank_ties} {gap_legend}",
        "rank_ties": "Ranks go by final gap, and runs whose gaps print alike (equal to 3 significant digits) share a "
                     "rank (1, 2, 2, 4); a diverged run ranks last.",
        "gap_legend": "A final gap at or below {floor} (exact 0 included) counts as having reached the minimum and "
                      "reads \"{at_floor}\".",
        "at_default": "At the default learning rate",
        "at_tuned": "At the tuned learning rate",
        "tuned_lrs": "Tuned learning rates",
        "defaults_title": "Defaults",
        "hyperparameter": "Hyperparameter",
        "default": "Default",
        "state": "State",
        "figure_again": "Draw it again: <code>{command}</code> · <a href=\"{csv}\">the numbers it plots (CSV)</a>",
    },
}

#: An optimizer's name in a page's prose, tables, alt text and figures, where it is not the class name: one name per
#: site. Korean readers say 모멘텀 for the method; code keeps the class name ``Momentum``.
OPTIMIZER_NAMES_KO = {"Momentum": "모멘텀"}


def opt_label(name: str, lang: str) -> str:
    """The optimizer ``name`` (a class name of the registry) as a page in ``lang`` writes it."""
    return OPTIMIZER_NAMES_KO.get(name, name) if lang == "ko" else name


#: Korean names of the problems (English ones are ``Problem2D.title``).
PROBLEM_TITLES_KO = {
    "quadratic": "이차 함수 (원본 스터디 노트)",
    "bowl": "비등방 그릇 (『밑바닥부터 시작하는 딥러닝』 6장)",
    "rosenbrock": "로젠브록 (Rosenbrock)",
    "beale": "빌 (Beale)",
    "saddle": "안장점 (saddle)",
    "himmelblau": "힘멜블라우 (Himmelblau)",
    "rastrigin": "라스트리긴 (Rastrigin)",
}


def problem_title(name: str, lang: str, full: bool = False) -> str:
    """A problem's name as tables, alt text and captions write it ("로젠브록"); ``full=True``: as its page's title
    writes it, with the English name or the source once ("로젠브록 (Rosenbrock)")."""
    from optimizers import PROBLEMS
    title = PROBLEM_TITLES_KO.get(name, PROBLEMS[name].title) if lang == "ko" else PROBLEMS[name].title
    return title if full else title.split(" (")[0]


#: Words drawn inside figures (titles, axis labels, legends, annotations), by language.
#: Figures on a Korean page speak Korean; on an English page, English.
FIGURE_WORDS: dict[str, dict[str, str]] = {
    "ko": {
        "dlfs_panel": "{name}, 학습률 {lr}",
        "dlfs_row_book": "교재의 학습률",
        "dlfs_row_default": "기본 학습률",
        # every figure
        "diverged": "발산",
        "name_diverged": "{name} (발산)",
        "diverged_marks": "발산 (×)",
        "name_lr": "{name} (학습률 {lr})",
        "lr_title": "학습률 {lr}",
        "step_axis": "스텝 $t$",
        "step_axis_plus1": "스텝 $t$ + 1",
        "epoch_axis": "에폭",
        "lr_axis": "학습률 $\\eta$",
        "gap_axis": "최솟값과의 차이 $f(\\theta_t) - f^\\star$",
        "tail_gap_axis": "마지막 {tail}% 스텝의 평균 $f - f^\\star$",
        # studies
        "coord": "{name}, ${axis}$ 좌표",
        "effective_step_axis": "유효 학습률 $\\eta / (\\sqrt{s_t} + \\epsilon)$",
        # Muon (scripts/study_muon.py)
        "muon_gradient": "기울기",
        "muon_sv_index": "특잇값 순번",
        "muon_sv_axis": "특잇값 ÷ 가장 큰 특잇값",
        "muon_sv_title": "첫 갱신의 특잇값 (κ = {kappa})",
        "muon_constant": "상수 학습률",
        "muon_cosine": "코사인 감쇠",
        "muon_loss_axis": "손실 $f(W_t)$",
        # Lion (scripts/study_lion_adafactor.py)
        "lion_seed": "숫자 MLP, 시드 {seed}",
        "lion_band": "통념의 범위 {lo}–{hi}배",
        "lion_tuned_ratio": "튜닝한 학습률의 비 (AdamW ÷ Lion)",
        "lion_step_ratio": "걸음 길이가 같아지는 비\n(걸음/η: Lion ÷ AdamW)",
        "lion_ratio_axis": "학습률의 비",
        "overshoot_axis": "$x^\\star$를 지나친 거리 ($|x_0|$의 %)",
        "rmsprop_on": "{problem}에서 RMSProp",
        "good_lr_width": "좋은 학습률 폭 (10배 구간 수)",
        "quad_dist_axis": "{steps}스텝 뒤 최적점까지의 거리",
        "quad_bound": "경계 $\\eta = 2/\\lambda_{{\\max}}$ = {bound}",
        "quad_shrinks": "경계 아래",
        "quad_grows": "경계 위",
        "quad_start_dist": "시작할 때의 거리",
        "adam_l2": "Adam + L2 (weight_decay=λ)",
        "adamw_decoupled": "AdamW (분리된 감쇠 λ)",
        "no_decay": "{name}, 감쇠 없음",
        "wd_axis": "가중치 감쇠 $\\lambda$",
        "test_mse_axis": "테스트 평균제곱오차",
        "bar_note": "{pct}%\nη={lr}",
        "already_in_basin": "처음부터 전역 최솟값 분지에 있던 시작점",
        "reached_global_axis": "전역 최솟값에 도착한 시작점 (%)",
        "final_train_loss_axis": "최종 학습 손실 (학습 데이터 전체)",
        # RAdam and warm-up (scripts/study_adam_variants.py)
        "warmup_radam": "RAdam, 워밍업 없음",
        "warmup_adam_warmup": "Adam + 선형 워밍업",
        "warmup_adam": "Adam, 워밍업 없음",
        "warmup_factor": "선형 워밍업의 계수",
        "warmup_rectifier": "RAdam의 보정 계수 $r_t$",
        "warmup_multiplier_axis": "학습률에 곱해지는 값",
        "test_acc_axis": "테스트 정확도",
        "train_loss_ce": "학습 손실 (교차 엔트로피)",
        "train_loss_bce": "학습 손실 (이진 교차 엔트로피)",
        "relu_title": "{act} (가로축: 양수 값, 로그)",
        "std_zeros": "{std}, 0인 값 {pct}%",
        "init_diverged": "{init} ({n}개 발산)",
        # schedules and schedule-free (study_schedules.py)
        "sched_shapes": "스케줄별 학습률",
        "sched_pitfall": "T_max 뒤에도 스텝하면",
        "sched_losses": "스케줄마다 튜닝한 AdamW",
        "sched_lr_share": "학습률 / 최대 학습률",
        "sched_cosine_over": "CosineAnnealingLR(T_max={T}), 2·T_max까지",
        "sched_cosine_epochs": "T_max={T} (에폭 수)인데 미니배치마다 스텝",
        "cos_tuned": "{name} + 워밍업 + 코사인 (길이마다 튜닝)",
        "sf_x": "{name}, eval 후 (x)",
        "sf_y": "eval을 잊으면 (y)",
        "run_length_axis": "학습 길이 (스텝)",
        "run_final_loss_axis": "실행이 끝날 때의 학습 손실 (학습 데이터 전체)",
    },
    "en": {
        "dlfs_panel": "{name}, lr = {lr}",
        "dlfs_row_book": "the book's lr",
        "dlfs_row_default": "default lr",
        # every figure
        "diverged": "diverged",
        "name_diverged": "{name} (diverged)",
        "diverged_marks": "diverged (×)",
        "name_lr": "{name} (lr={lr})",
        "lr_title": "lr = {lr}",
        "step_axis": "step $t$",
        "step_axis_plus1": "step $t$ + 1",
        "epoch_axis": "epoch",
        "lr_axis": "learning rate $\\eta$",
        "gap_axis": "gap $f(\\theta_t) - f^\\star$",
        "tail_gap_axis": "mean $f - f^\\star$, last {tail}% of steps",
        # studies
        "coord": "{name}, ${axis}$",
        "effective_step_axis": "effective step $\\eta / (\\sqrt{s_t} + \\epsilon)$",
        # Muon (scripts/study_muon.py)
        "muon_gradient": "gradient",
        "muon_sv_index": "singular value number",
        "muon_sv_axis": "singular value ÷ the largest",
        "muon_sv_title": "first update's singular values (κ = {kappa})",
        "muon_constant": "constant lr",
        "muon_cosine": "cosine decay",
        "muon_loss_axis": "loss $f(W_t)$",
        # Lion (scripts/study_lion_adafactor.py)
        "lion_seed": "digits MLP, seed {seed}",
        "lion_band": "folklore: {lo}–{hi}×",
        "lion_tuned_ratio": "tuned lr ratio (AdamW ÷ Lion)",
        "lion_step_ratio": "ratio for equal step length\n(step/η: Lion ÷ AdamW)",
        "lion_ratio_axis": "ratio of learning rates",
        "overshoot_axis": "overshoot past $x^\\star$ (% of $|x_0|$)",
        "rmsprop_on": "RMSProp on {problem}",
        "good_lr_width": "decades of good lr",
        "quad_dist_axis": "distance to the minimum after {steps} steps",
        "quad_bound": "bound $\\eta = 2/\\lambda_{{\\max}}$ = {bound}",
        "quad_shrinks": "below the bound",
        "quad_grows": "above the bound",
        "quad_start_dist": "distance at the start",
        "adam_l2": "Adam + L2 (weight_decay=λ)",
        "adamw_decoupled": "AdamW (decoupled λ)",
        "no_decay": "{name}, λ = 0",
        "wd_axis": "weight decay $\\lambda$",
        "test_mse_axis": "test mean squared error",
        "bar_note": "{pct}%\nlr={lr}",
        "already_in_basin": "starts already in the global basin",
        "reached_global_axis": "starts ending at the global minimum (%)",
        "final_train_loss_axis": "final training loss (whole training set)",
        # RAdam and warm-up (scripts/study_adam_variants.py)
        "warmup_radam": "RAdam, no warm-up",
        "warmup_adam_warmup": "Adam + linear warm-up",
        "warmup_adam": "Adam, no warm-up",
        "warmup_factor": "linear warm-up factor",
        "warmup_rectifier": "RAdam's rectifier $r_t$",
        "warmup_multiplier_axis": "multiplier of the learning rate",
        "test_acc_axis": "test accuracy",
        "train_loss_ce": "training loss (cross-entropy)",
        "train_loss_bce": "training loss (binary cross-entropy)",
        "relu_title": "{act} (x: positive values, log)",
        "std_zeros": "{std}, 0: {pct}%",
        "init_diverged": "{init} ({n} diverged)",
        # schedules and schedule-free (study_schedules.py)
        "sched_shapes": "lr of each schedule",
        "sched_pitfall": "stepping past T_max",
        "sched_losses": "AdamW, each schedule tuned",
        "sched_lr_share": "lr / peak lr",
        "sched_cosine_over": "CosineAnnealingLR(T_max={T}), up to 2·T_max",
        "sched_cosine_epochs": "T_max={T} (epochs), stepped every batch",
        "cos_tuned": "{name} + warm-up + cosine (tuned per length)",
        "sf_x": "{name}, after eval (x)",
        "sf_y": "eval forgotten (y)",
        "run_length_axis": "length of the run (steps)",
        "run_final_loss_axis": "training loss at the end of the run (whole training set)",
    },
}
