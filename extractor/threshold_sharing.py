"""What neighbouring thresholds of one criterion share: a comparator, a unit.

- ``< 115 g/L (7.1 mM)``, ``> 180 mmHg systolic and 110 mmHg diastolic``: a value with a unit and no
  comparator, right after a threshold in the same unit (or in parentheses, or after a label of whom the first
  value is for: ``≤15 mm/h (men) or 20 mm/h (women)``), takes its comparator; so does
  one after ``or`` in another unit (``in excess of 10 pounds or 10 percent``) and a count after ``or``
  when both counts name what they count (``no more than 1 prior regimen or 6 prior courses``, ``at least 2
  moderate or 1 severe exacerbation``).
- ``1-4 gm/day po or 15 mg/kg/day IV``: a bare dose after ``or`` right after a dose threshold (a route word
  may stand between) is an alternative dose, ``=`` (:func:`alternative_dose`); the dose range before it is
  kept although a dose range alone is a schedule (:func:`dose_alternative_after`).
- ``greater than 5,000 and less than 100,000 copies/ml``: a unit written once serves both bounds.
- ``≥ 18 and ≤ 33 kg/m2``: two inclusive bounds joined by ``and`` are one ``between`` (:func:`merge_bounds`).
- ``BP ≥ 140/90 mmHg``: a systolic/diastolic pair is two thresholds (:func:`split_pressures`).
- ``Temp >38,0 °C or <36,0 °C``: a bound without a measurement shares its neighbour's (:func:`share_measurements`).
- ``VAS = 40 mm (0-100 mm)``: the range of the scale is not a constraint (:func:`drop_scale_ranges`).
- ``18 ≤ BMI ≤ 32 kg/m²``: a lower bound written before the measurement (:func:`around_measurement`).
"""
from __future__ import annotations

import re
from dataclasses import replace

from .numbers import parse_number
from .types import Threshold
from .units import dimension_of, match_unit

_INHERIT_GAP = re.compile(r"\s*(?:[\(\[,/]|and|or|and/or)?\s*", re.IGNORECASE)
_OR_GAP = re.compile(r"\s*(?:,\s*)?or\s*", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"[ \t]+[A-Za-z]{3,}")
_ROUTE_OR_GAP = re.compile(r"\s*(?:(?:po|p\.o\.|orally|oral|iv|i\.v\.|intravenously|im|i\.m\.|sc|s\.c\.|"
                           r"subcutaneously|daily|qd|bid|tid)\s*)?,?\s*or\s*", re.IGNORECASE)
_DOSE_LIKE = re.compile(r"per (?:time|mass|area)\b|^mass rate$")
# "≤15 mm/h (men) or 20 mm/h (women)": a short label of who the first value is for, then "or"
# or "in men or": "> 30 g/day in men or 20 g/day in women"
_LABEL_GAP = re.compile(r"\s*(?:\([^()\d]{1,25}\)|(?:in|for)\s+[^()\d,;.]{1,25}?)\s*,?\s*(?:or|and|and/or|,)\s*",
                        re.IGNORECASE)
_WORD_OR_GAP = re.compile(r"[ \t]+[A-Za-z]{3,}(?:[ \t]*,[ \t]*|[ \t]+)or[ \t]+", re.IGNORECASE)  # "2 moderate or 1 severe"
_SHARED_GAP = re.compile(r"\s*(?:,|and|but|or|to)\s*", re.IGNORECASE)  # "from 30 to < 60 mL/min"


def inherits(text: str, prev: Threshold, d) -> bool:
    """``< 115 g/L (7.1 mM)``, ``> 180 mmHg systolic and 110 mmHg diastolic``, ``in excess of 10 pounds or
    10 percent``, ``no more than 1 prior regimen or 6 prior courses``: the comparator carries over."""
    if d.comparator is not None or d.is_range:
        return False
    after_meas = prev.measurement.span is not None and prev.measurement.span[0] >= prev.span[1]
    if d.unit is None and prev.unit is None:  # counts: "1 prior regimen or 6 prior courses"
        return prev.comparator != "=" and prev.reference is None and d.reference is None \
            and _NOUN_AFTER.match(text, d.end) is not None \
            and ((after_meas and _OR_GAP.fullmatch(text, prev.measurement.span[1], d.start) is not None)
                 or _WORD_OR_GAP.fullmatch(text, prev.span[1], d.start) is not None)
    if d.unit is None or prev.unit is None:
        return False
    gap = text[prev.span[1]:d.start]
    if _LABEL_GAP.fullmatch(gap):
        return prev.unit == d.unit.ucum
    if _INHERIT_GAP.fullmatch(gap):
        return "(" in gap or "[" in gap or prev.unit == d.unit.ucum or \
            (_OR_GAP.fullmatch(gap) is not None and prev.comparator != "=")
    return after_meas and prev.unit == d.unit.ucum and \
        _INHERIT_GAP.fullmatch(text[prev.measurement.span[1]:d.start]) is not None


def alternative_dose(text: str, prev: Threshold, d) -> bool:
    """``acyclovir at 1-4 gm/day po or 15 mg/kg/day IV``: a value with a dose unit and no comparator, after
    ``or`` right after a threshold that is a dose, is the alternative dose (``=``). A bare dose alone stays
    out (``150 mg/day of CC`` is a regimen, not a limit)."""
    if d.comparator is not None or d.is_range or d.unit is None or d.unit.ucum is None or prev.unit is None:
        return False
    if not (_DOSE_LIKE.search(d.unit.dimension) and _DOSE_LIKE.search(dimension_of(prev.unit) or "")):
        return False
    return _ROUTE_OR_GAP.fullmatch(text, prev.span[1], d.start) is not None


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def dose_alternative_after(text: str, end: int) -> bool:
    """``1-4 gm/day po or 15 mg/kg/day IV``: another dose follows after ``or`` (a route word may stand between),
    so the dose before it is one of two alternatives a criterion asks for, not a schedule."""
    gap = _ROUTE_OR_GAP.match(text, end)
    num = _NUMBER.match(text, gap.end()) if gap is not None else None
    unit = match_unit(text, num.end()) if num is not None else None
    return unit is not None and unit.ucum is not None and _DOSE_LIKE.search(unit.dimension) is not None


def share_units(text: str, found: list[Threshold]) -> list[Threshold]:
    """``greater than 5,000 and less than 100,000 copies/ml``: a unit written once serves both bounds; so does
    a lower bound right before an upper one (``from 18 up to 65 years``)."""
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if a.unit is None and b.unit is not None and a.reference is None and b.reference is None \
                and a.comparator != "between" and (_SHARED_GAP.fullmatch(text, a.span[1], b.span[0]) or (
                    a.comparator in (">", ">=") and b.comparator in ("<", "<=") and not text[a.span[1]:b.span[0]].strip())) \
                and (a.measurement.name is None or a.measurement.name == b.measurement.name):
            out[i] = replace(a, unit=b.unit, unit_text=b.unit_text, measurement=b.measurement)
    return out


_BOUNDS_GAP = re.compile(r"\s*,?\s*(?:and|&|to)\s*", re.IGNORECASE)
_EQ_BOUNDS_GAP = re.compile(r"\s*(?:and|to)\s*", re.IGNORECASE)


def merge_bounds(text: str, found: list[Threshold]) -> list[Threshold]:
    """``≥ 18 and ≤ 33 kg/m2``, ``Age ≥ 18 years and ≤ 75 years``: a closed range written with two
    inclusive comparators becomes one ``between`` (low/high inclusive, as the contract defines it).

    ``aged = 18 and = 65 years``, ``BMI =18 to =30 kg/m2`` (a ``≥``/``≤`` lost to ``=`` in the source: nothing
    equals both numbers) is read the same way, lower number first.

    Strict or half-open bounds (``> 18 and < 65``, ``≥ 0.2 but < 2``) stay two thresholds: ``between``
    is inclusive, and turning ``> 18`` into ``>= 19`` would assume integers. The second bound must have no
    measurement of its own (or the same one), the same unit (or the first none) and no normal limit.
    """
    out: list[Threshold] = []
    for t in found:
        prev = out[-1] if out else None
        pair = {prev.comparator, t.comparator} if prev is not None else set()
        eq_pair = pair == {"="} and prev is not None and _EQ_BOUNDS_GAP.fullmatch(text, prev.span[1], t.span[0])
        if prev is not None and (pair == {">=", "<="} or eq_pair) \
                and prev.reference is None and t.reference is None \
                and (prev.unit is None or prev.unit == t.unit) \
                and (_BOUNDS_GAP.fullmatch(text, prev.span[1], t.span[0]) or  # "from 18 up to 65"
                     prev.comparator == ">=" and not text[prev.span[1]:t.span[0]].strip()) \
                and (t.measurement.span is None or t.measurement == prev.measurement
                     or t.measurement.span[1] <= prev.span[0]) \
                and (t.measurement.name is None or t.measurement.name == prev.measurement.name):
            low, high = (t.value, prev.value) if prev.comparator == "<=" else (prev.value, t.value)
            if low is not None and high is not None and low < high:
                out[-1] = replace(prev, text=text[prev.span[0]:t.span[1]], span=(prev.span[0], t.span[1]),
                                  comparator="between", value=None, low=low, high=high, unit=t.unit,
                                  unit_text=t.unit_text)
                continue
        out.append(t)
    return out


_SLASH = re.compile(r"[ \t]*/[ \t]*(?P<cmp>\\?[<>]=?|[≤≥])?[ \t]*(?P<num>\d{2,3})(?![\d.,/])")
_BP_NAMES = {"blood pressure", "hypertension", "hypotension"}
_BP_WORDS = re.compile(r"\b(?:blood\s+pressure|BP|hypertension|hypertensive|hypotension)\b", re.IGNORECASE)
_SBP = ("systolic blood pressure", "8480-6")
_DBP = ("diastolic blood pressure", "8462-4")
_CMP = {"<": "<", ">": ">", "<=": "<=", ">=": ">=", "≤": "<=", "≥": ">="}


def split_pressures(text: str, found: list[Threshold]) -> list[Threshold]:
    """``BP ≥ 140/90 mmHg``, ``> 180/100 mmHg``: a systolic/diastolic pair is two thresholds, systolic and
    diastolic blood pressure, sharing the comparator (unless the second has its own) and the unit.

    Only on a blood-pressure measurement or with mmHg written after the pair; the second number must be
    the smaller (30 to 300): ``20/40`` (visual acuity) and ``24/30`` (a score out of 30) are left alone.
    """
    out: list[Threshold] = []
    skip_until = -1
    for i, t in enumerate(found):
        if t.span[0] < skip_until:
            continue
        m = _SLASH.match(text, t.span[1])
        if m is None or t.comparator == "between" or t.reference is not None or t.value is None \
                or t.unit not in (None, "mm[Hg]"):
            out.append(t)
            continue
        second = int(m.group("num"))
        unit = match_unit(text, m.end())
        unit = unit if unit is not None and unit.ucum == "mm[Hg]" else None
        named = (t.measurement.name or "").lower() in _BP_NAMES or \
            (t.measurement.name is None and _BP_WORDS.search(t.measurement.text or "") is not None)
        if not (named or unit is not None) or not (30 <= second < t.value <= 300):
            out.append(t)
            continue
        end = unit.end if unit is not None else m.end()
        ucum, written = ("mm[Hg]", unit.text) if unit is not None else (t.unit, t.unit_text)
        meas = t.measurement
        first = replace(t, unit=ucum, unit_text=written,
                        measurement=replace(meas, name=_SBP[0], loinc=_SBP[1]) if named or meas.name is None else meas)
        start2 = m.start("cmp") if m.group("cmp") else m.start("num")
        comparator = _CMP.get((m.group("cmp") or "").replace("\\", ""), t.comparator)
        dmeas = replace(meas, name=_DBP[0], loinc=_DBP[1]) if named or meas.name is None else meas
        out += [first, Threshold(text=text[start2:end], span=(start2, end), measurement=dmeas, comparator=comparator,
                                 value=second, low=None, high=None, unit=ucum, unit_text=written, reference=None)]
        skip_until = end
    return out


def share_measurements(text: str, found: list[Threshold]) -> list[Threshold]:
    """``Apnea-hypopnea index of less than 5 h-1 or greater than 30 h-1``: a bound with no measurement of its
    own, right after another (``,``, ``and``, ``or``, ``but`` between) in the same unit, shares its measurement."""
    out = list(found)
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if b.measurement.span is None and b.measurement.name is None and a.measurement.span is not None \
                and a.unit == b.unit and _SHARED_GAP.fullmatch(text, a.span[1], b.span[0]):
            out[i] = replace(b, measurement=a.measurement)
    return out


_SCALE_AFTER = re.compile(r"[ \t]*(?:-?[ \t]*points?[ \t]+)?(?:(?:numeric(?:al)?|verbal|visual[ \t]+analog(?:ue)?|"
                          r"likert|rating|pain)[ \t]+)*(?:scale|VAS|NRS)\b", re.IGNORECASE)
_OPEN_BEFORE = re.compile(r"[ \t]*\([ \t]*$")


_PAREN_BEFORE = re.compile(r"\s*\(\s*(?:[A-Za-z][A-Za-z -]{0,14})?$")
_PAREN_AFTER = re.compile(r"\s*\)")


def drop_restated(text: str, found: list[Threshold]) -> list[Threshold]:
    """``Child-Pugh class A (score 5-6)``, ``MMSE ≥ 22 (≥ 22)``: the same limit restated alone in brackets right
    after it is one limit (not ``TBL > 1.5 mg/dL (TBL > 1.5 mg/dL is allowed if …)``)."""
    out: list[Threshold] = []
    for t in found:
        prev = out[-1] if out else None
        if prev is not None and _PAREN_BEFORE.fullmatch(text, prev.span[1], t.span[0]) is not None and \
                _PAREN_AFTER.match(text, t.span[1]) is not None and \
                (t.comparator, t.value, t.low, t.high, t.unit, t.reference) == \
                (prev.comparator, prev.value, prev.low, prev.high, prev.unit, prev.reference):
            continue
        out.append(t)
    return out


def drop_scale_ranges(text: str, found: list[Threshold]) -> list[Threshold]:
    """``VAS = 40 mm (0-100 mm)``, ``pain >5 (0-10 scale)``: the range of the scale a value is read on,
    written right after it, is not a constraint (a ``between`` from 0 in parentheses after a threshold, or
    followed by ``scale``)."""
    out: list[Threshold] = []
    for t in found:
        if t.comparator == "between" and t.low == 0:
            before = out[-1] if out else None
            in_parens = before is not None and _OPEN_BEFORE.fullmatch(text, before.span[1], t.span[0]) is not None \
                and text[t.span[1]:].lstrip(" \t").startswith((")", "scale", "point"))
            if in_parens or _SCALE_AFTER.match(text, t.span[1]):
                continue
        out.append(t)
    return out


_LOW_BEFORE = re.compile(r"(?<![\d.,])(?P<num>\d+(?:[.,]\d+)?)[ \t]*(?P<unit>[^\s\d≤<=\\]{1,12})?[ \t]*"
                         r"(?P<cmp>\\?<=|=<|≤|⩽|\\?<)[ \t]*$")


def around_measurement(text: str, found: list[Threshold]) -> list[Threshold]:
    """``18 ≤ BMI ≤ 32 kg/m²``, ``0.27 mIU/L ≤ TSH ≤ 4.2 mIU/L``: a lower bound written before the measurement.
    Both inclusive: one ``between``; otherwise the lower bound is a threshold of its own (``18 < BMI``: ``> 18``)."""
    out: list[Threshold] = []
    for t in found:
        ms = t.measurement.span
        m = _LOW_BEFORE.search(text, max(0, t.span[0] - 40), t.span[0]) \
            if ms is not None and ms[0] == t.span[0] and t.comparator in ("<", "<=") else None
        low = parse_number(m.group("num")) if m is not None else None
        unit = match_unit(text, m.start("unit")) if m is not None and m.group("unit") else None
        if low is None or t.value is None or not low < t.value or (m.group("unit") and (
                unit is None or unit.ucum != t.unit or unit.end != m.end("unit"))):
            out.append(t)
            continue
        out = [x for x in out if not (x.span[1] > m.start() and x.span[0] < t.span[0])]  # "(BMI): 18" read alone
        if m.group("cmp").replace("\\", "") in ("<=", "=<", "≤", "⩽") and t.comparator == "<=":
            out.append(replace(t, text=text[m.start():t.span[1]], span=(m.start(), t.span[1]), comparator="between",
                               value=None, low=low, high=t.value))
            continue
        lower = ">" if m.group("cmp").replace("\\", "") == "<" else ">="
        out += [replace(t, text=text[m.start():m.end("cmp")], span=(m.start(), m.end("cmp")), comparator=lower,
                        value=low), t]
    return out
