"""The words of the generated pages, in Korean (first) and English.

Terms follow the glossary (docs/*/glossary.md): 학습률 = learning rate,
발산 = diverged, 최적점 = minimum, 격차 = gap f − f*.
"""

LANGUAGES = ("ko", "en")

TEXT = {
    "ko": {
        "problems": "벤치마크 문제",
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
        "final_gap": "최종 격차 $f-f^\\star$",
        "steps_to": "격차 {target} 도달 스텝",
        "status": "상태",
        "ok": "수렴 중",
        "diverged": "발산 (스텝 {step})",
        "reached": "도달한 최적점",
        "never": "—",
        "paths_default_title": "기본 학습률에서의 궤적",
        "paths_tuned_title": "튜닝한 학습률에서의 궤적",
        "panels_title": "옵티마이저별 궤적 (튜닝한 학습률)",
        "loss_title": "손실 곡선",
        "sweep_title": "학습률 민감도",
        "results_title": "결과 표",
        "code_title": "이 문제의 코드",
        "paths_default_caption": "{problem}: 모든 옵티마이저를 torch.optim 기본 하이퍼파라미터로 {steps} 스텝 실행 (시작점 {start}). 학습률: {lrs}.",
        "paths_tuned_caption": "{problem}: 각 옵티마이저를 자기에게 맞게 튜닝한 학습률로 {steps} 스텝 실행 (시작점 {start}). 학습률: {lrs}.",
        "panels_caption": "{problem}: 옵티마이저마다 한 칸씩, 튜닝한 학습률로 {steps} 스텝. ★ 최적점, ○ 시작점 {start}.",
        "loss_default_caption": "{problem}: 기본 학습률에서 스텝별 격차 \\(f(\\theta_t)-f^\\star\\) (로그 축). 점선은 목표 격차 {target}.",
        "loss_tuned_caption": "{problem}: 튜닝한 학습률에서 스텝별 격차 \\(f(\\theta_t)-f^\\star\\) (로그 축). 점선은 목표 격차 {target}.",
        "sweep_caption": "{problem}: 학습률 {n}개 (\\({lo}\\) … \\({hi}\\), 로그 간격)를 옵티마이저마다 한 번의 배치로 {steps} 스텝씩 실행. 세로축은 마지막 {tail}% 스텝의 평균 격차. 큰 표시는 튜닝한 학습률, 점선은 기본 학습률, ×는 발산.",
        "alt_paths": "{problem} 등고선 위에 그린 {n}개 옵티마이저의 궤적. {summary}",
        "alt_panels": "{problem} 등고선 위에 옵티마이저마다 하나씩 그린 궤적 {n}개.",
        "alt_loss": "{problem}에서 스텝에 따른 격차 곡선. {summary}",
        "alt_sweep": "{problem}에서 학습률에 따른 최종 격차. {summary}",
        "alt_best": "가장 작은 최종 격차: {best}.",
        "alt_diverged": "발산: {names}.",
        "protocol": "튜닝 방법: 학습률 격자 {n}개(\\({lo}\\) … \\({hi}\\))를 모든 옵티마이저에 똑같이 주고, 마지막 {tail}% 스텝의 평균 격차가 가장 작은 학습률을 고릅니다. 발산한 실행은 무한대로 칩니다. 동점이면 격차 {target}에 먼저 도달한 쪽, 그다음 더 작은 학습률을 고릅니다. 나머지 하이퍼파라미터는 torch.optim 기본값입니다.",
        "page_intro": "모든 그림과 숫자는 사이트를 빌드할 때 `optimizers` 패키지가 계산했습니다.",
        "comparison_intro": "모든 옵티마이저 × 모든 문제. 칸의 값은 최종 격차 $f-f^\\star$이고, 괄호 안은 그 문제에서의 순위(1이 가장 좋음)입니다.",
        "at_default": "기본 학습률에서",
        "at_tuned": "튜닝한 학습률에서",
        "tuned_lrs": "튜닝한 학습률",
        "defaults_title": "기본값",
        "hyperparameter": "하이퍼파라미터",
        "default": "기본값",
        "state": "상태 (state)",
    },
    "en": {
        "problems": "Benchmark problems",
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
        "steps_to": "Steps to gap {target}",
        "status": "Status",
        "ok": "converging",
        "diverged": "diverged (step {step})",
        "reached": "Minimum reached",
        "never": "—",
        "paths_default_title": "Trajectories at the default learning rate",
        "paths_tuned_title": "Trajectories at the tuned learning rate",
        "panels_title": "One panel per optimizer (tuned learning rate)",
        "loss_title": "Loss curves",
        "sweep_title": "Learning-rate sensitivity",
        "results_title": "Results",
        "code_title": "The code of this problem",
        "paths_default_caption": "{problem}: every optimizer with torch.optim's default hyperparameters, {steps} steps from {start}. Learning rates: {lrs}.",
        "paths_tuned_caption": "{problem}: every optimizer at its own tuned learning rate, {steps} steps from {start}. Learning rates: {lrs}.",
        "panels_caption": "{problem}: one panel per optimizer, tuned learning rate, {steps} steps. ★ minimum, ○ start {start}.",
        "loss_default_caption": "{problem}: gap \\(f(\\theta_t)-f^\\star\\) per step at the default learning rates (log axis). Dotted line: target gap {target}.",
        "loss_tuned_caption": "{problem}: gap \\(f(\\theta_t)-f^\\star\\) per step at the tuned learning rates (log axis). Dotted line: target gap {target}.",
        "sweep_caption": "{problem}: {n} learning rates (\\({lo}\\) … \\({hi}\\), log-spaced), run as one batch per optimizer for {steps} steps each. Vertical axis: mean gap over the last {tail}% of steps. Large marker: tuned lr; dotted line: default lr; ×: diverged.",
        "alt_paths": "Paths of {n} optimizers over the contours of {problem}. {summary}",
        "alt_panels": "{n} small contour plots of {problem}, one optimizer's path in each.",
        "alt_loss": "Gap against step on {problem}. {summary}",
        "alt_sweep": "Final gap against learning rate on {problem}. {summary}",
        "alt_best": "Smallest final gap: {best}.",
        "alt_diverged": "Diverged: {names}.",
        "protocol": "How we tuned: every optimizer gets the same grid of {n} learning rates (\\({lo}\\) … \\({hi}\\)); we keep the one with the lowest mean gap over the last {tail}% of steps, counting a diverged run as infinite. Ties go to the run that first reaches a gap of {target}, then to the smaller lr. All other hyperparameters are torch.optim's defaults.",
        "page_intro": "Every figure and number on this page was computed by the `optimizers` package while the site was built.",
        "comparison_intro": "Every optimizer on every problem. A cell is the final gap $f-f^\\star$; in brackets, the rank on that problem (1 is best).",
        "at_default": "At the default learning rate",
        "at_tuned": "At the tuned learning rate",
        "tuned_lrs": "Tuned learning rates",
        "defaults_title": "Defaults",
        "hyperparameter": "Hyperparameter",
        "default": "Default",
        "state": "State",
    },
}

#: Korean names of the problems (English ones are ``Problem2D.title``).
PROBLEM_TITLES_KO = {
    "quadratic": "이차 함수 (시드 노트북)",
    "bowl": "비등방 그릇 (밑바닥부터 시작하는 딥러닝)",
    "rosenbrock": "로젠브록 (Rosenbrock)",
    "beale": "빌 (Beale)",
    "saddle": "안장점 (saddle)",
    "himmelblau": "힘멜블라우 (Himmelblau)",
    "rastrigin": "라스트리긴 (Rastrigin)",
}


def problem_title(name: str, lang: str) -> str:
    from optimizers import PROBLEMS
    if lang == "ko":
        return PROBLEM_TITLES_KO.get(name, PROBLEMS[name].title)
    return PROBLEMS[name].title


#: Words drawn inside figures (titles, axis labels, legends, annotations), by language.
#: Figures on a Korean page speak Korean; on an English page, English.
FIGURE_WORDS: dict[str, dict[str, str]] = {
    "ko": {
        "dlfs_panel": "{name}, 학습률 {lr}",
        "dlfs_row_book": "교재의 학습률",
        "dlfs_row_default": "기본 학습률",
    },
    "en": {
        "dlfs_panel": "{name}, lr = {lr}",
        "dlfs_row_book": "the book's lr",
        "dlfs_row_default": "default lr",
    },
}
