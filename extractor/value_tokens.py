"""The values a threshold can hold, found in one criterion: numbers, Roman numerals, plus grades, letters.

``find_values(text, measurements)`` returns :class:`Value` tokens in text order, after removing what is
never a threshold value:

- digits glued to letters or to a hyphenated word (``HER2``, ``ROS1``, ``PD-1``, ``HIV-1``, ``COVID-19``,
  ``T1``, ``5q``, ``3D``), unless a unit or a multiplier follows (``150mmHg``, ``3xULN``); a hyphen between
  one number's unit and the next number with a unit joins a range (``6 months-17 years``, ``150m-550m``);
- numbers inside a measurement name (``FEV1``, ``HbA1c``, ``CA 125``) or a date (``2020-01-01``,
  ``January 2019``);
- version and identifier numbers after a blocker (``RECIST 1.1``, ``CTCAE v4.0``, ``CTC AE (4.0)``,
  ``Phase 2``, ``stage IV``, ``type 2``, ``exon 19``, ``cycle 1``) and list numbering (``1.``, ``2)``);
- Roman numerals that no scale trigger (``grade``, ``class``, ``NYHA``) stands before.

``0,1`` is two values, not 0.1, when a list goes on (``0,1, or 2``) or an ordinal scale stands before
it with no unit after (``ECOG PS: 0,1``).

Whole weeks and 0-6 days (``10 weeks three days``, ``36 weeks 6 days``, ``13+6 weeks``) are one value, N + M/7, whose
``tail_end`` marks where the days end (the unit read after it, ``weeks``, then reaches there).

A rank keeps its ordinal suffix: ``85th percentile`` is the value 85 (token ``85th``), its unit the rank.

Plus runs and Child-Pugh letters are kept as candidates; the assembler decides whether a scale reads them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

from .comparators import comparators
from .measurements import MeasurementMatch
from .numbers import (NUMBER, SCIENTIFIC, WORD_NUMBER, Number, parse_number, parse_scientific, power_exponent,
                      scale)
from .ordinals import ordinals
from .units import match_unit, rank_suffix_end

_BARE_POWER = r"(?<![\d.,])10\s?(?:\\?\^\s*|\*\*?)[-−]?\d{1,2}(?!\d)|(?<![\d.,])10\s?⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}"
_TOKEN = re.compile(r"(?P<sci>" + SCIENTIFIC + r")|(?P<pow>" + _BARE_POWER + r")|(?P<num>" + NUMBER + r")|(?P<word>(?<![A-Za-z\-])(?i:" +
                    WORD_NUMBER + r")(?![A-Za-z\-]))")
_LETTER = re.compile(r"(?<![A-Za-z0-9])([ABC])(\d{1,2})?(?![A-Za-z0-9])")
_LIST_NUMBER = re.compile(r"(?:^|\n)[\s•\-*]*\(?$")
_CLAUSE_END = re.compile(r";|\n|\.(?=\s+[A-Z(])(?<!\d\.)|\.$")
_TRIGGER_GAP = 25
_LIST_PAIR = re.compile(r"(\d),(\d)")
_LIST_GOES_ON = re.compile(r"[ \t]*,?[ \t]*(?:,|or|and)[ \t]*\d(?![\d.,]\d)", re.IGNORECASE)
_SIGN = re.compile(r"(?:[<>=≤≥]\s*|[A-Za-z(] |^)[-−]$")  # "≤ -2.5", "less than -5 mV"; not "0-1" nor "PD-1"


@dataclass(frozen=True)
class Value:
    start: int
    end: int
    kind: str  # num, sci, word, roman, plus, letter
    value: Optional[Number]
    low: Optional[Number] = None  # a Child-Pugh letter stands for a range of scores
    high: Optional[Number] = None
    mantissa: Optional[Number] = None
    exponent: Optional[int] = None
    trigger: Optional[str] = None  # the scale a trigger word puts the value on
    tail_end: Optional[int] = None  # "10 weeks three days": where the days after the value's weeks end


def clause_bounds(text: str) -> list[int]:
    """Positions that end a clause: ``;``, a newline, a sentence-ending period."""
    return [m.start() for m in _CLAUSE_END.finditer(text)]


def same_clause(bounds: list[int], a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    return not any(lo <= x < hi for x in bounds)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _glued_ok(text: str, end: int) -> bool:
    """A number directly followed by a letter is a value only if a unit or a multiplier starts there."""
    if end >= len(text) or not text[end].isalpha():
        return True
    if match_unit(text, end) is not None:
        return True
    return re.match(r"[xX×]\s*(?:\d|ULN|LLN|upper|lower|the|normal|N\b)|[xX×]?\s*(?:ULN|LLN)|N(?![A-Za-z])",
                    text[end:end + 12]) is not None


_UNIT_BEFORE_HYPHEN = re.compile(r"\d[ \t]*([A-Za-z]+)[-‐]$")


def _unit_to_unit(text: str, s: int, e: int) -> bool:
    """``6 months-17 years``: a hyphen between a number's unit and the next number with a unit is a range
    (``COVID-19`` is not: no number and unit before the hyphen)."""
    m = _UNIT_BEFORE_HYPHEN.search(text, max(0, s - 16), s)
    if m is None:
        return False
    before, after = match_unit(text, m.start(1)), match_unit(text, e)
    return before is not None and before.end == s - 1 and after is not None and after.ucum is not None


def _trigger_before(text: str, start: int, bounds: list[int], triggers) -> Optional[str]:
    for t in reversed(triggers):
        if t.end <= start and start - t.end <= _TRIGGER_GAP and same_clause(bounds, t.end, start):
            return t.scale
        if t.end <= start:
            break
    return None


def find_values(text: str, measurements: list[MeasurementMatch], bounds: list[int]) -> list[Value]:
    """Value tokens of ``text`` in order; see the module docstring for what is left out."""
    c, o = comparators(), ordinals()
    blocked = [(m.start(), m.end()) for m in c.date.finditer(text)] if c.maybe_date.search(text) else []
    blocked += [(m.start, m.end) for m in measurements]
    triggers = o.triggers(text)
    out: list[Value] = []
    for m in _TOKEN.finditer(text):
        s, e = m.start(), m.end()
        if _inside(blocked, s, e):
            continue
        kind = m.lastgroup
        trig = _trigger_before(text, s, bounds, triggers)
        rank_end = rank_suffix_end(text, e) if kind == "num" else None  # "the 85th percentile": the rank 85
        if kind != "word":
            prev = text[s - 1] if s else " "
            prev2 = text[s - 2] if s > 1 else " "
            if prev.isalpha() or prev in "^*" or (prev in "-‐" and prev2.isalnum() and not prev2.isdigit()
                                                  and not _unit_to_unit(text, s, e)):
                continue
            if prev == "." and prev2.isdigit():
                continue
            if rank_end is None and not _glued_ok(text, e):
                continue
            if c.is_versioned(text, s):
                continue
            if _LIST_NUMBER.search(text, 0, s) and re.match(r"[.)]\s", text[e:e + 2]):
                continue
        if kind == "pow":  # "10^9/L", "10 ³ copies/mL": a power of ten with no mantissa is 1 x 10^n
            exp = power_exponent(m.group(0))
            if exp is None:
                continue
            out.append(Value(s, e, "sci", scale(1, exp), mantissa=1, exponent=exp, trigger=trig))
        elif kind == "sci":
            parts = parse_scientific(m.group(0))
            if parts is None:
                continue
            out.append(Value(s, e, "sci", scale(*parts), mantissa=parts[0], exponent=parts[1], trigger=trig))
        else:
            value = parse_number(m.group(0))
            if value is None:
                continue
            if kind == "num" and s and text[s - 1] in "-−" and _SIGN.search(text, max(0, s - 3), s):
                value, s = -value, s - 1
            pair = _LIST_PAIR.fullmatch(text, s, e) if kind == "num" else None
            if pair is not None and (_LIST_GOES_ON.match(text, e) or (  # "ECOG 0,1, or 2": a list, not 0.1
                    _scale_measurement_before(measurements, s, bounds) and match_unit(text, e) is None)):
                out.append(Value(s, s + 1, kind, int(pair.group(1)), trigger=trig))
                out.append(Value(e - 1, e, kind, int(pair.group(2)), trigger=trig))
                continue
            days = _PLUS_DAYS.match(text, e) if kind == "num" and isinstance(value, int) else None
            if days is not None and _WEEKS_AHEAD.match(text, days.end()):  # "13+6 weeks": 13 weeks 6 days
                d = int(days.group(1))
                out.append(Value(s, days.end(), kind, value + d / 7 if d else value, trigger=trig))
                continue
            out.append(Value(s, rank_end or e, kind, value, trigger=trig))
    for rs, re_, rv in o.roman_spans(text):
        trig = _trigger_before(text, rs, bounds, triggers)
        if trig is None and not _scale_measurement_before(measurements, rs, bounds, roman=True):
            continue
        if o.blocked(text, rs) or _inside(blocked, rs, re_):
            continue
        out.append(Value(rs, re_, "roman", rv, trigger=trig))
    for m in o.plus.finditer(text):
        out.append(Value(m.start(), m.end(), "plus", o.plus_value(m.group(1))))
    cp = o.scales.get("child_pugh")
    for m in _LETTER.finditer(text):
        if cp is None or not _scale_measurement_before(measurements, m.start(), bounds, scale="child_pugh"):
            continue
        low, high = cp.letter(m.group(1)) or (None, None)
        if m.group(2):
            out.append(Value(m.start(), m.end(), "letter", int(m.group(2)), low=int(m.group(2)), high=int(m.group(2))))
        else:
            out.append(Value(m.start(), m.end(), "letter", None, low=low, high=high))
    out.sort(key=lambda v: (v.start, -v.end))
    kept: list[Value] = []
    for v in out:
        if kept and v.start < (kept[-1].tail_end or kept[-1].end):
            continue
        kept.append(_with_days(text, v))
    return kept


# Gestational age as weeks+days ("11+0 to 13+6 weeks"): the days, and a week unit or gestation soon after.
_PLUS_DAYS = re.compile(r"\+([0-6])(?![\d+])")
_WEEKS_AHEAD = re.compile(r"[^;.\n]{0,30}?(?<![A-Za-z])(?:weeks?|wks?|gestation(?:al)?)(?![A-Za-z])", re.IGNORECASE)

# "10 weeks three days", "23 weeks and 6 days", "13 weeks + 6 d": whole weeks and 0-6 days are one quantity
_DAYS_AFTER_WEEKS = re.compile(r"[ \t]*(?:(?:and|\+)[ \t]*)?(?<![\d.,])(?P<n>[0-6]|zero|one|two|three|four|five|six)"
                               r"[ \t]*(?:days?|d)(?![A-Za-z])", re.IGNORECASE)


def _with_days(text: str, v: Value) -> Value:
    """A whole number of weeks followed by 0-6 days (digits or words) is N + M/7 weeks, unit ``wk``: the value
    keeps its own span, its unit is ``weeks`` and ``tail_end`` marks where the days end."""
    if v.kind not in ("num", "word") or not isinstance(v.value, int) or v.value < 0:
        return v
    u = match_unit(text, v.end)
    if u is None or u.ucum != "wk":
        return v
    m = _DAYS_AFTER_WEEKS.match(text, u.end)
    if m is None:
        return v
    days = parse_number(m.group("n"))
    if days is None:
        return v
    return replace(v, value=v.value + days / 7 if days else v.value, tail_end=m.end())


def _scale_measurement_before(measurements: list[MeasurementMatch], start: int, bounds: list[int],
                              roman: bool = False, scale: Optional[str] = None) -> bool:
    o = ordinals()
    for m in reversed(measurements):
        if m.end > start:
            continue
        if start - m.end > 40 or not same_clause(bounds, m.end, start):
            return False
        sc = o.scales.get(m.row.scale) if m.row.scale else None
        if sc is None:
            return False
        return (scale is None or sc.key == scale) and (not roman or sc.roman)
    return False
