"""Korean particles after generated values: ``josa("0.133", "으로/로") == "0.133으로"``.

Bottom of the house, beside fmt.py: imports nothing of scripts/ but ``fmt``.

A Korean particle has two forms, one after a syllable that ends in a consonant (받침) and one after a vowel:
이/가, 을/를, 은/는, 과/와, 이라/라, 이다/다, and 으로/로, where a final ㄹ also takes 로. The form is chosen by how the
word is *said*, so ``josa`` first decides how the word's last syllable sounds:

- Hangul: the last syllable itself ("모멘텀" → ㅁ, "길" → ㄹ).
- Numbers, in every form ``fmt_num`` writes them, read as Koreans read them aloud: the last digit after a decimal
  point or an exponent (0 영, 1 일, 2 이, 3 삼, 4 사, 5 오, 6 육, 7 칠, 8 팔, 9 구: "0.133" → 삼, "4.95e-5" → 오,
  "1e+03" → 삼); an integer's trailing zeros by their unit (10 십, 100 백, 1000 천, 10000 만, 10⁸ 억, 10¹² 조).
- "%" 퍼센트, "×" 배, "°" 도; TeX powers "$10^{-6}$" and superscript powers "10⁻⁶" end in 제곱; TeX letters
  (``\\eta`` 에타, ``\\epsilon`` 엡실론) and Greek letters (η, ε) by their Korean names.
- Latin words: first the table ``PRONUNCIATION`` (every optimizer of the registry is there, and a test keeps it so);
  then the fallback below.
- What is said is the word before a trailing parenthesis, link target or markup: "편향 보정(bias correction)" → 정,
  "[Adam](adam.md)" → Adam, "**SGD**" → SGD.

Fallback for a Latin word missing from the table:

- a capital letter at the end of an acronym ("SGD", "MLP") or after lower-case letters ("AdamW") is read by its
  English letter name (L 엘, M 엠, N 엔, R 알 end in a consonant; the others in a vowel);
- otherwise the English ending decides: -m, -n, -ng, -l(e) and -ck, and -p or -k right after a vowel, end in a
  consonant (Adam 아담, Lion 라이언, Rosenbrock 로젠브록, RMSProp 알엠에스프롭); every other ending is said with a
  vowel (-d 드, -t 트, -s 스, -x 스, -r 어, -e, -y, -a …).

A word whose last sound cannot be read at all (an empty string, a lone symbol) gets both forms, the way Korean writes
an unknown case: "—이(가)". A test of the generated pages looks for that pattern.
"""

from __future__ import annotations

import math
import re
import string
from numbers import Integral, Real

from .fmt import fmt_num

__all__ = ["josa", "fill", "by_count", "ends_in_consonant", "PRONUNCIATION"]

#: How Latin names on the site are said, by their last syllable's sound. Keys are matched case-sensitively first,
#: then case-insensitively. Add a name here when the fallback reads it wrong.
PRONUNCIATION: dict[str, str] = {
    # the optimizers of optimizers/registry.py
    "SGD": "에스지디",
    "Momentum": "모멘텀",
    "NAG": "엔에이지",
    "AdaGrad": "아다그라드",
    "Adagrad": "아다그라드",
    "RMSProp": "알엠에스프롭",
    "RMSprop": "알엠에스프롭",
    "AdaDelta": "아다델타",
    "Adadelta": "아다델타",
    "Adam": "아담",
    "AdamW": "아담더블유",
    # optimizers a reader meets elsewhere
    "Nadam": "나담",
    "NAdam": "엔아담",
    "RAdam": "알아담",
    "Adamax": "아다맥스",
    "LAMB": "램",
    "LARS": "라스",
    "Lion": "라이언",
    "Adafactor": "아다팩터",
    "Muon": "뮤온",
    "Nesterov": "네스테로프",
    "SGDScheduleFree": "에스지디스케줄프리",
    "AdamWScheduleFree": "아담더블유스케줄프리",
    "schedule-free": "스케줄프리",
    # torch's lr schedules (optimizers/schedules.py)
    "StepLR": "스텝엘알",
    "CosineAnnealingLR": "코사인어닐링엘알",
    "OneCycleLR": "원사이클엘알",
    # libraries and tools
    "NumPy": "넘파이",
    "PyTorch": "파이토치",
    "torch": "토치",
    "torch.optim": "토치 옵팀",
    "Keras": "케라스",
    "optax": "옵택스",
    "JAX": "잭스",
    "TensorFlow": "텐서플로",
    "scikit-learn": "사이킷런",
    "KaTeX": "카텍",
    "MkDocs": "엠케이독스",
    # problems, initialisations, activations, data
    "Rosenbrock": "로젠브록",
    "Beale": "빌",
    "Himmelblau": "힘멜블라우",
    "Rastrigin": "라스트리긴",
    "Xavier": "자비에",
    "Glorot": "글로로",
    "He": "허",
    "Kaiming": "카이밍",
    "LeCun": "르쿤",
    "ReLU": "렐루",
    "tanh": "탄에이치",
    "sigmoid": "시그모이드",
    "softmax": "소프트맥스",
    "MLP": "엠엘피",
    "MNIST": "엠니스트",
    "digits": "디지츠",
    "lr": "엘알",
    "step": "스텝",
    "steps": "스텝",
    "seed": "시드",
    "seeds": "시드",
    "batch": "배치",
    "epoch": "에폭",
    "epochs": "에폭",
}

#: Greek letters, as TeX commands and as characters, by their Korean names.
_GREEK = {
    "alpha": "알파", "beta": "베타", "gamma": "감마", "delta": "델타", "epsilon": "엡실론", "varepsilon": "엡실론",
    "zeta": "제타", "eta": "에타", "theta": "세타", "iota": "이오타", "kappa": "카파", "lambda": "람다", "mu": "뮤",
    "nu": "뉴", "xi": "크시", "pi": "파이", "rho": "로", "sigma": "시그마", "tau": "타우", "phi": "파이",
    "chi": "카이", "psi": "프사이", "omega": "오메가", "nabla": "나블라", "star": "스타", "infty": "무한대",
    "ell": "엘", "cdot": "점", "times": "배", "top": "티", "prime": "프라임", "hat": "햇", "bar": "바",
}
_GREEK_CHARS = {
    "α": "알파", "β": "베타", "γ": "감마", "δ": "델타", "ε": "엡실론", "ϵ": "엡실론", "ζ": "제타", "η": "에타",
    "θ": "세타", "ι": "이오타", "κ": "카파", "λ": "람다", "μ": "뮤", "ν": "뉴", "ξ": "크시", "π": "파이",
    "ρ": "로", "σ": "시그마", "τ": "타우", "φ": "파이", "χ": "카이", "ψ": "프사이", "ω": "오메가", "∇": "나블라",
    "∞": "무한대", "★": "스타", "⋆": "스타", "Σ": "시그마", "Δ": "델타",
}
#: Symbols that are said as a word.
_SYMBOLS = {"%": "퍼센트", "×": "배", "°": "도", "‰": "퍼밀", "★": "스타", "☆": "스타"}
_DIGITS = "영일이삼사오육칠팔구"
#: English letter names (in Korean) for acronyms and a final capital.
_LETTERS = dict(zip(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    ["에이", "비", "시", "디", "이", "에프", "지", "에이치", "아이", "제이", "케이", "엘", "엠", "엔", "오", "피",
     "큐", "알", "에스", "티", "유", "브이", "더블유", "엑스", "와이", "지"]))
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺"

#: (form after a consonant, form after a vowel), for the pairs that are not 이-/으- + the vowel form.
_FIXED_PAIRS = {("이", "가"), ("을", "를"), ("은", "는"), ("과", "와"), ("아", "야"), ("이었", "였"),
                ("이었습니다", "였습니다"), ("이에요", "예요")}

_NONE = 0   # the last syllable has no 받침
_RIEUL = 8  # jongseong index of ㄹ


def _last_sound(word: str) -> int | None:
    """The jongseong index (0 = none, 8 = ㄹ, …) of how ``word``'s last syllable is said, or None if unreadable."""
    s = word.strip()
    # markup around or after what is said
    s = re.sub(r"<[^>]*>", "", s)                                # HTML tags
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)\s*$", r"\1", s)          # a Markdown link: its text
    s = s.rstrip(" \t*`'\"’”」』.,;:!?")
    if not s:
        return None
    # TeX: $…$ or \(…\)
    if s.startswith("$") or s.startswith("\\(") or s.endswith("$") or s.endswith("\\)"):
        inner = s.strip("$")
        inner = re.sub(r"^\\\(|\\\)$", "", inner).strip()
        return _last_sound_tex(inner)
    # a trailing parenthesis is an aside: the word before it is what is said ("편향 보정(bias correction)")
    m = re.match(r"^(.*\S)\s*\([^()]*\)$", s)
    if m and m.group(1).strip():
        return _last_sound(m.group(1))
    if s.startswith("(") and s.endswith(")"):
        return _last_sound(s[1:-1])
    if "\\" in s or "^" in s:
        return _last_sound_tex(s)
    return _last_sound_plain(s)


def _last_sound_tex(s: str) -> int | None:
    s = s.strip()
    if re.search(r"\^\s*(\{[^{}]*\}|\S)$", s):            # 10^{-6}, x^2: "…제곱"
        return _jong("곱")
    m = re.search(r"_\s*(\{([^{}]*)\}|(\S))$", s)          # θ_t, v_{t}: the subscript is said last
    if m:
        return _last_sound_tex(m.group(2) if m.group(2) is not None else m.group(3))
    m = re.search(r"\\([A-Za-z]+)\s*(\{\})?$", s)          # \eta, \star
    if m:
        name = _GREEK.get(m.group(1)) or _GREEK.get(m.group(1).lower())
        return _jong(name[-1]) if name else None
    s = s.rstrip("{} ")
    return _last_sound_plain(s) if s else None


def _jong(syllable: str) -> int:
    return (ord(syllable) - 0xAC00) % 28


def _is_hangul(ch: str) -> bool:
    return "가" <= ch <= "힣"


def _last_sound_plain(s: str) -> int | None:
    ch = s[-1]
    if _is_hangul(ch):
        return _jong(ch)
    if ch in _SYMBOLS:
        return _jong(_SYMBOLS[ch][-1])
    if ch in _GREEK_CHARS:
        return _jong(_GREEK_CHARS[ch][-1])
    if ch in _SUPERSCRIPTS and len(s) > 1 and s.rstrip(_SUPERSCRIPTS):   # 10⁻⁶: "…제곱"
        return _jong("곱")
    if ch.isdigit():
        return _last_sound_number(s)
    if ch.isascii() and ch.isalpha():
        return _last_sound_latin(s)
    if ch in "−-–—_/+~)]}":
        rest = s[:-1].rstrip()
        return _last_sound(rest) if rest and ch in ")]}" else None
    return None


def _last_sound_number(s: str) -> int:
    """How the number at the end of ``s`` ends when said aloud."""
    m = re.search(r"(\d[\d,]*)(\.\d+)?(?:[eE][+\-−]?(\d+))?$", s)
    assert m is not None
    whole, frac, exp = m.group(1), m.group(2), m.group(3)
    if exp is not None:                      # 4.95e-5, 1e+03: the exponent's last digit
        return _jong(_DIGITS[int(exp[-1])])
    if frac is not None:                     # 0.133, 1.50: digits after the point are read one by one
        return _jong(_DIGITS[int(frac[-1])])
    digits = whole.replace(",", "").lstrip("0")
    if not digits:                           # 0
        return _jong("영")
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros == 0:
        return _jong(_DIGITS[int(digits[-1])])
    if zeros % 4 == 0:                       # 1만, 1억, 1조, 1경
        return _jong("만억조경"[min(zeros // 4, 4) - 1])
    return _jong("십백천"[zeros % 4 - 1])    # 10, 100, 1000 (and 20만 → 십만 → 만 is covered above)


def _last_sound_latin(s: str) -> int:
    m = re.search(r"[A-Za-z][A-Za-z0-9.\-]*$", s)
    word = m.group(0) if m else s
    # longest known name at the end of the string (e.g. "torch.optim", "AdamW"), case-sensitively, then not
    for key in sorted(PRONUNCIATION, key=len, reverse=True):
        if word.endswith(key) and (len(word) == len(key) or not word[-len(key) - 1].isalpha()):
            return _jong(PRONUNCIATION[key][-1])
    low = {k.lower(): v for k, v in PRONUNCIATION.items()}
    m = re.search(r"[A-Za-z]+$", word)
    token = m.group(0)
    if token.lower() in low:
        return _jong(low[token.lower()][-1])
    last = token[-1]
    # an acronym, or a capital letter after lower-case ones (AdamW): the letter's name
    if last.isupper() and (token.isupper() or (len(token) > 1 and token[-2].islower())):
        return _jong(_LETTERS[last][-1])
    t = token.lower()
    if t.endswith(("m", "n", "ng")):
        return {"m": _jong("담"), "n": _jong("언"), "g": _jong("밍")}[t[-1]]
    if t.endswith(("l", "le")) and not t.endswith(("ble", "ple", "tle", "dle", "gle", "cle", "kle")):
        return _RIEUL
    if t.endswith("ck") or (len(t) > 1 and t[-1] == "k" and t[-2] in "aeiou"):
        return _jong("록")
    if len(t) > 1 and t[-1] == "p" and t[-2] in "aeiou":
        return _jong("롭")
    return _NONE


def ends_in_consonant(word: str) -> bool | None:
    """Whether ``word``, said aloud, ends in a consonant (받침); None if that cannot be read."""
    j = _last_sound(str(word))
    return None if j is None else j != _NONE


def _forms(particle: str) -> tuple[str, str, bool]:
    """(form after a consonant, form after a vowel, whether ㄹ takes the vowel form) of a pair like "으로/로"."""
    try:
        a, b = particle.split("/")
    except ValueError:
        raise ValueError(f"not a particle pair: {particle!r} (write e.g. '이/가' or '으로/로')") from None
    for c, v in ((a, b), (b, a)):
        if (c, v) in _FIXED_PAIRS:
            return c, v, False
        if c == "으" + v and v:                # 으로/로, 으로서/로서, 으며/며 …
            return c, v, True
        if c == "이" + v and v:                # 이라/라, 이다/다, 이나/나, 이고/고 …
            return c, v, False
    raise ValueError(f"not a particle pair: {particle!r} (write e.g. '이/가' or '으로/로')")


def is_particle(spec: str) -> bool:
    try:
        _forms(spec)
    except ValueError:
        return False
    return True


def josa(word: str, particle: str) -> str:
    """``word`` followed by the form of ``particle`` ("이/가", "으로/로", …) that fits how ``word`` is said."""
    word = str(word)
    consonant, vowel, rieul_takes_vowel = _forms(particle)
    j = _last_sound(word)
    if j is None:
        return f"{word}{consonant}({vowel})" if not rieul_takes_vowel else f"{word}({consonant[0]}){vowel}"
    if j == _NONE or (rieul_takes_vowel and j == _RIEUL):
        return word + vowel
    return word + consonant


class _Filler(string.Formatter):
    def __init__(self, lang: str):
        self.lang = lang

    def format_field(self, value, format_spec: str) -> str:
        spec, particle = format_spec, None
        head, sep, tail = format_spec.rpartition(":")
        if is_particle(format_spec):
            spec, particle = "", format_spec
        elif sep and is_particle(tail):
            spec, particle = head, tail
        if particle is not None and self.lang != "ko":
            raise ValueError(f"a particle spec ({particle!r}) in a {self.lang!r} template: particles are Korean")
        if not spec and isinstance(value, Real) and not isinstance(value, Integral):
            text = fmt_num(float(value)) if math.isfinite(value) else ("∞" if value > 0 else "−∞" if value < 0 else "NaN")
        else:
            text = super().format_field(value, spec)
        return josa(text, particle) if particle else text


def fill(template: str, lang: str, **values) -> str:
    """``template.format(**values)``, with floats written by ``fmt_num`` and, in Korean, particle specs resolved.

    ``fill("학습률 {lr:으로/로} 실행", "ko", lr=0.133) == "학습률 0.133으로 실행"``;
    ``fill("{name:이/가} 가장 빠릅니다", "ko", name="SGD") == "SGD가 가장 빠릅니다"``.
    A normal format spec may stand before the particle: ``"{p:.0%:이/가}"``.
    """
    return _Filler(lang).format(template, **values)


def by_count(k: int, n: int, none: str, all: str, some: str, lang: str = "ko", **values) -> str:
    """A sentence about ``k`` of ``n`` things that reads right for every count: ``none`` when k = 0 ("…인 것이 하나도
    없습니다"), ``all`` when k = n ("{n}개 모두"), ``some`` otherwise ("{n}개 중 {k}개"). The chosen template is
    filled (``fill``) with ``k``, ``n`` and ``values``, so it may take particles: ``"{k:이/가}"``.

    ``by_count(0, 7, "하나도 없습니다", "{n}개 모두입니다", "{n}개 중 {k}개입니다") == "하나도 없습니다"``.
    A count of nothing (n = 0) reads as ``none``."""
    k, n = int(k), int(n)
    if not 0 <= k <= n:
        raise ValueError(f"a count of {k} out of {n}")
    template = none if k == 0 else all if k == n else some
    return fill(template, lang, k=k, n=n, **values)
