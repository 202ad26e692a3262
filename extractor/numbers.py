"""Number formats found in eligibility criteria, as a few named regexes and one parser.

``NUMBER`` matches a plain number (``150``, ``1.5``, ``0,5``, ``100,000``, ``60 000``, ``½``, the mixed ``27 6/7``); ``WORD_NUMBER`` a
spelled one (``two``, ``twelve``, ``half``, ``a``). ``parse_number`` turns either into an int or float.

Powers of ten: ``POWER_OF_TEN`` matches ``10^9``, ``10*9``, ``10⁹``, ``10E9`` and the *lost superscript*
of text copied from a PDF or web page, where ``10⁴`` became ``104``: a ``10`` followed, with no space,
by a one- or two-digit exponent that does not start with 0 (``1 x 104`` is 10 000, ``100 x103`` is
100 000; ``1 x 100`` is not a power). ``SCIENTIFIC`` is a mantissa times such a power
(``1.5 x 10^9``, ``1×10⁹``, ``140 x 10(9)``); ``parse_scientific`` splits it into (mantissa, exponent).
No spaCy import: this module is used by the extractors and by the tests directly.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional, Union

Number = Union[int, float]

WORD_VALUES: dict[str, Number] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "half": 0.5, "a": 1, "an": 1, "single": 1, "once": 1, "twice": 2, "thrice": 3,
    "dozen": 12,
}

VULGAR_FRACTIONS: dict[str, float] = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2}

# A thousands-grouped integer (1,000 / 100,000) or a decimal with '.' or ',' (1.5 / 0,5) or an integer.
# A mixed number: whole units and a proper fraction of sevenths (gestational weeks + days: 27 6/7), eighths,
# quarters, thirds or halves (1 1/2 years).
MIXED = r"\d{1,3}[ \t]+(?:[0-6]/7|[1-7]/8|[13]/4|[12]/3|1/2)(?![\d/.,])"
# Thousands grouped by a space (60 000, 1 000 000: the SI and European style; also no-break and thin spaces).
SPACE_GROUPED = r"(?<![\w.,])[1-9]\d{0,2}(?:[ \u00a0\u2009\u202f]\d{3})+(?!\d|[.,]\d)"
NUMBER = r"(?:" + MIXED + r"|\d{1,3}(?:,\d{3})+(?![\d,])(?:\.\d+)?|" + SPACE_GROUPED + r"|\d+(?:[.,]\d+)?|\.\d+|[½⅓⅔¼¾⅕])"
WORD_NUMBER = r"(?:" + "|".join(sorted((w for w in WORD_VALUES if w not in ("a", "an")), key=len, reverse=True)) + r")"
NUMBER_RE = re.compile(NUMBER)

SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
TIMES = r"[x×X*·✕]"
# 10^9, 10 ^ 9, 10**9, 10*9, 10E9, 10⁹, 10⁻³, lost superscripts 104 / 1012, and "10 9" before a slash.
POWER_OF_TEN = (r"(?:10\s*(?:\\?\^|\\?\*\*?)\s*[-−]?\d{1,2}(?!\d)|10[eE][-−]?\d{1,2}(?!\d)"
                r"|10\s?⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}|10[1-9]\d?(?![\d.,])|10\s[1-9]\d?(?=\s*/)|10\s?\(\s*[-−]?\d{1,2}\s*\))")
SCIENTIFIC = r"(?:" + NUMBER + r")\s*" + TIMES + r"\s*" + POWER_OF_TEN
SCIENTIFIC_RE = re.compile(SCIENTIFIC)
POWER_OF_TEN_RE = re.compile(POWER_OF_TEN)
_SCI_PARTS = re.compile(r"(?P<mant>" + NUMBER + r")\s*" + TIMES + r"\s*(?P<power>" + POWER_OF_TEN + r")")


def power_exponent(text: str) -> Optional[int]:
    """The exponent of a power of ten as written (``10^9`` -> 9, ``10⁹`` -> 9, ``104`` -> 4); else None."""
    s = text.strip().translate(SUPERSCRIPT_DIGITS).replace("−", "-")
    m = re.fullmatch(r"10\s*(?:\\?\^|\\?\*\*?|[eE]|\s)\s*(-?\d{1,2})|10(-?[1-9]\d?)|10\s?\(\s*(-?\d{1,2})\s*\)", s)
    return int(m.group(1) or m.group(2) or m.group(3)) if m else None


def parse_scientific(text: str) -> Optional[tuple[Number, int]]:
    """Split ``1.5 x 10^9`` into ``(1.5, 9)``; ``1 x 104`` (lost superscript) into ``(1, 4)``; else None."""
    m = _SCI_PARTS.fullmatch(text.strip())
    if not m:
        return None
    mant, exp = parse_number(m.group("mant")), power_exponent(m.group("power"))
    if mant is None or exp is None:
        return None
    return mant, exp


def scale(mantissa: Number, exponent: int) -> Number:
    """``mantissa × 10**exponent`` computed in decimal (1.5, 9 -> 1500000000, not 1500000000.0000002)."""
    value = Decimal(str(mantissa)).scaleb(exponent)
    return _as_number(float(value)) if value != value.to_integral_value() else int(value)
_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


def _as_number(value: float) -> Number:
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else value


def parse_number(text: str) -> Optional[Number]:
    """Parse a number as written in a criterion; None if it is not one.

    ``"1,000"`` is one thousand (comma followed by exactly three digits), ``"0,5"`` and ``"1,5"`` are
    decimals with a comma; ``"two"`` is 2, ``"half"`` is 0.5. Integral values come back as int.
    """
    s = text.strip().lower()
    if not s:
        return None
    if s in WORD_VALUES:
        return WORD_VALUES[s]
    if s in VULGAR_FRACTIONS:
        return VULGAR_FRACTIONS[s]
    if re.fullmatch(SPACE_GROUPED, s):
        return int(re.sub(r"\s", "", s))
    if _GROUPED.match(s):
        return _as_number(float(s.replace(",", "")))
    if re.fullmatch(r"\d+,\d+", s):
        return float(s.replace(",", "."))
    if re.fullmatch(r"\d+(?:\.\d+)?|\.\d+", s):
        return int(s) if s.isdigit() else float(s)
    sci = parse_scientific(s)
    if sci is not None:
        return scale(*sci)
    exp = power_exponent(s)
    if exp is not None and not s.isdigit():
        return scale(1, exp)
    m = re.fullmatch(r"(\d+)\s+(\d)/(\d)", s)
    if m and int(m.group(2)) < int(m.group(3)):  # a mixed number: "27 6/7" (weeks and days) is 27.857...
        return _as_number(int(m.group(1)) + int(m.group(2)) / int(m.group(3)))
    m = re.fullmatch(r"(\d+)\s*/\s*(\d+)", s)
    if m and int(m.group(2)) != 0:
        return _as_number(int(m.group(1)) / int(m.group(2)))
    return None
