"""Numeric and ordinal constraints in one criterion: ``find_thresholds(text) -> list[Threshold]``.

Pure Python and regexes over data in models/ (no spaCy): fast enough for thousands of criteria a
second. Each threshold is assembled around a value token (see :mod:`extractor.value_tokens`):

1. a range or list: ``0-1``, ``18 to 65``, ``between 18 and 75``, ``III to IV``, ``0, 1 or 2`` (lists only
   on an ordinal scale) -> ``between`` with inclusive ``low``/``high``;
2. what follows the value: a unit (``mmHg`` -> ``mm[Hg]``; ``x 10^9/L`` -> ``10*9/L``), a normal limit
   (``x ULN`` -> reference ``ULN``), ``of age``/``old``, a suffix comparator (``or more``, ``or above``, ``+``);
3. what precedes it: a comparator (symbols, words, ``\\>=`` escapes), ``between``/``from``, a scale trigger
   (``over level 1``), a normal limit (``APTT ULN > 1.5``) or an additive one (``> ULN + 4 seconds``);
4. the measurement: the nearest lexicon match before the value in the same clause, or one that follows
   within a few words with no punctuation between (``grade II or above myocardial ischemia``,
   ``150 mmHg systolic``), whichever is closer. A measurement right before the value (only spaces or a
   colon between) is part of the threshold's text (``SBP≥ 150 mmHg``).

Decisions (see docs/thresholds.md):

- ``PT > ULN + 4 seconds`` (and ``PT > 3 seconds above ULN``) is value 4, unit ``s``, reference ``ULN``:
  an *additive* limit. It stays distinct from a multiple of ULN because a multiple never has a unit
  (``> 1.5 x ULN`` is value 1.5, unit None); this keeps ``reference`` within the contract's ULN/LLN and
  matches the gold set (corpus/gold). A consumer computes ULN + value when a unit is present.
- A value on a time unit (days, weeks, months, years) is a threshold only for a time-valued measurement
  (age, life expectancy, gestational age) or an age in years; other durations are timeframes.
- Stage, phase, type, versions and identifiers are never thresholds.
- Child-Pugh class letters become score ranges (A -> between 5 and 6; B7 -> 7).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

from .comparators import Found, comparators
from . import measurement_links as links
from . import threshold_sharing as sharing
from .measurements import find_measurements
from .numbers import Number, parse_number
from .ordinals import Scale, ordinals
from .types import Threshold
from .units import UnitMatch, match_unit
from .value_tokens import Value, clause_bounds, find_values

_QUICK = re.compile(r"[0-9½¼¾+]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twice|half|I|II|III|IV|ULN|LLN|"
                    r"upper limit|lower limit|pugh)\b", re.IGNORECASE)
_TIME_UCUM = {"d", "wk", "mo", "a", "h", "min"}
_DOSE_DIMENSIONS = {"mass", "mass per area", "mass per mass", "mass rate"}
_AGE_WORDS = re.compile(r"\s*(?:of\s+age|old|of\s+age\s+and\s+older|in\s+age)\b", re.IGNORECASE)
_TEMPORAL_AFTER = re.compile(r"\s*(?:ago|since|prior|before|after|from|of\s+(?!age)|duration|history|post|previous|"
                             r"following|follow|prior|earlier|apart|between|treatment|therapy|or\s+until|in\s+the\s+past)\b",
                             re.IGNORECASE)
_TIMES = re.compile(r"\s*(?:times|time|fold|-fold)(?![A-Za-z])", re.IGNORECASE)
_MEAS_THEN_VALUE = re.compile(r"\s*(?:of\s+)?:?\s*", re.IGNORECASE)
_THE = re.compile(r"(?:the|an?)\s+$", re.IGNORECASE)
_ADDITIVE_AFTER = re.compile(r"\s+(?:above|over|greater\s+than|more\s+than|beyond|below|under|less\s+than)\s+"
                             r"(?:the\s+)?(ULN|LLN|upper\s+limit\s+of\s+normal|lower\s+limit\s+of\s+normal)", re.IGNORECASE)
_ECHO = re.compile(r"\s*\(\s*(\d+)\s*\)")
_PLUS_MARK = re.compile(r" ?\+(?![+A-Za-z0-9])")


@dataclass
class _Draft:
    values: list[Value]
    start: int
    end: int
    comparator: Optional[str] = None
    comparator_from: Optional[Found] = None
    unit: Optional[UnitMatch] = None
    reference: Optional[str] = None
    has_times: bool = False
    plus_mark: bool = False
    age_words: bool = False
    explicit_between: bool = False
    is_range: bool = False
    trigger_start: Optional[int] = None


def find_thresholds(text: str, section: Optional[str] = None) -> list[Threshold]:
    """Every numeric or ordinal constraint of one criterion, in text order, spans relative to ``text``.

    ``section`` is the heading the criterion sits under, if any (``ECOG PS`` for an item segmented as
    ``ECOG PS: 0-1``): it can name the measurement or the scale. A measurement found in it keeps its
    text and name with span None; threshold spans never reach into it.
    """
    if section:
        return _with_section(text, section.strip())
    if not text or not _QUICK.search(text):
        return []
    measurements = find_measurements(text)
    bounds = clause_bounds(text)
    values = find_values(text, measurements, bounds)
    out: list[Threshold] = []
    i = 0
    taken_until = -1
    while i < len(values):
        v = values[i]
        if v.start < taken_until:
            i += 1
            continue
        draft, used = _draft(text, values, i, measurements, bounds)
        if draft is not None:
            if out and out[-1].comparator != "between" and sharing.inherits(text, out[-1], draft):
                draft.comparator = out[-1].comparator
            th = _finish(text, draft, measurements, bounds)
            if th is not None and th.measurement.name is None and th.reference and out and out[-1].reference \
                    and out[-1].measurement.name:  # "ALT <= 2.5 x ULN; <= 5 x ULN with liver metastases"
                th = replace(th, measurement=out[-1].measurement)
            if th is not None and (not out or th.span[0] >= out[-1].span[1]):
                out.append(th)
                taken_until = th.span[1]
                i += used
                continue
        i += 1
    out += links.bare_references(text, out, measurements, bounds)
    out.sort(key=lambda t: t.span)
    return sharing.share_units(text, out)


def _with_section(text: str, section: str) -> list[Threshold]:
    prefix = f"{section}: "
    shift = len(prefix)
    out = []
    for t in find_thresholds(prefix + text):
        if t.span[1] <= shift:
            continue
        start = max(t.span[0], shift)
        m = t.measurement
        if m.span is not None and m.span[0] < shift:
            m = replace(m, span=None)
        t = replace(t, text=(prefix + text)[start:t.span[1]], span=(start, t.span[1]), measurement=m)
        out.append(t.shifted(-shift))
    return out


# --------------------------------------------------------------------------- drafting


def _draft(text: str, values: list[Value], i: int, measurements, bounds) -> tuple[Optional[_Draft], int]:
    c = comparators()
    first = values[i]
    group = [first]
    unit = _unit_after(text, first)
    pos = unit.end if unit else first.end
    is_range, explicit_between = False, False
    between = c.between_before(text, first.start)
    if i + 1 < len(values):
        nxt = values[i + 1]
        conn = c.range.match(text, pos)
        if conn and conn.end() == nxt.start and _compatible(first, nxt):
            word = conn.group(0).strip().lower()
            if word != "and" or between is not None:
                group.append(nxt)
                is_range, explicit_between = True, between is not None
        if not is_range and first.kind in ("num", "roman", "letter", "plus") and \
                (first.trigger or _ordinal_near(measurements, first, bounds)):
            j = i + 1
            while j < len(values):
                sep = c.list.match(text, group[-1].end)
                slash_ok = sep is not None and (first.kind != "num" or "/" not in sep.group(0)
                                                or first.trigger in ("ctcae", "nyha", "class"))  # 20/40 is a ratio
                if sep and sep.end() == values[j].start and _compatible(first, values[j]) and slash_ok:
                    group.append(values[j])
                    j += 1
                else:
                    break
            is_range = len(group) > 1
    last = group[-1]
    if len(group) > 1:
        unit = _unit_after(text, last) or unit
    draft = _Draft(group, first.start, last.end, is_range=is_range, explicit_between=explicit_between)
    if between is not None and is_range:
        draft.start = between.start
    draft.unit = unit if (unit is not None and unit.start >= last.end - 1) or len(group) == 1 else None
    if unit is not None and len(group) > 1 and unit.end <= last.start:
        draft.unit = _unit_after(text, last) or unit
    pos = max(last.end, draft.unit.end if draft.unit else 0)
    draft.end = pos
    _extend_right(text, draft)
    _extend_left(text, draft, measurements)
    return draft, len(group)


def _compatible(a: Value, b: Value) -> bool:
    family = {"num": 0, "word": 0, "sci": 0, "roman": 1, "letter": 2, "plus": 3}
    if a.kind == "roman" and b.kind == "num" or a.kind == "num" and b.kind == "roman":
        return True
    return family[a.kind] == family[b.kind]


def _ordinal_near(measurements, v: Value, bounds) -> bool:
    m = links.nearest_before(measurements, v.start, bounds, 30)
    return m is not None and m.row.scale is not None


def _unit_after(text: str, v: Value) -> Optional[UnitMatch]:
    if v.kind not in ("num", "sci", "word"):
        return None
    pos = v.end
    echo = _ECHO.match(text, pos) if v.kind == "word" else None
    if echo is not None and parse_number(echo.group(1)) == v.value:
        pos = echo.end()  # "three (3) months"
    u = match_unit(text, pos)
    if u is None and text[v.end:v.end + 1] == "-":
        u = match_unit(text, v.end + 1)
        if u is not None and u.dimension != "time":
            u = None
    return u


def _extend_right(text: str, d: _Draft) -> None:
    c = comparators()
    last = d.values[-1]
    if last.kind in ("num", "sci", "word") and d.unit is None:
        ref = c.reference_after(text, d.end)
        if ref is not None:
            d.reference, d.end = ref.value, ref.end
        else:
            t = _TIMES.match(text, d.end)
            if t:
                d.has_times, d.end = True, t.end()
    if d.unit is not None and d.reference is None:
        add = _ADDITIVE_AFTER.match(text, d.end)
        if add:  # "PT > 3 seconds above ULN": ULN plus the value
            d.reference, d.end = ("LLN" if add.group(1).upper().startswith(("LLN", "LOWER")) else "ULN"), add.end()
    if d.unit is not None and d.unit.ucum == "a":
        a = _AGE_WORDS.match(text, d.end)
        if a:
            d.age_words, d.end = True, a.end()
    plus = _PLUS_MARK.match(text, d.end)
    if last.kind == "num" and d.end == last.end and plus:
        d.plus_mark, d.end = True, plus.end()  # 18+ or a plus grade 2+; decided once the scale is known
    suf = c.after(text, d.end)
    if suf is not None and d.comparator is None and not d.is_range:
        d.comparator, d.comparator_from, d.end = suf.value, suf, suf.end
        if d.unit is None and last.kind in ("num", "word"):
            late = match_unit(text, d.end)
            if late is not None and late.dimension != "time":
                d.unit, d.end = late, late.end


def _extend_left(text: str, d: _Draft, measurements=()) -> None:
    c, o = comparators(), ordinals()
    first = d.values[0]
    core = d.start
    # "> ULN + 4 seconds": an additive normal limit
    add = re.search(r"(ULN|LLN|upper limit of normal|lower limit of normal)\s*\+\s*$", text[max(0, core - 40):core], re.IGNORECASE)
    if add is not None and d.reference is None:
        ref_start = core - len(add.group(0))
        d.reference = "LLN" if add.group(1).upper().startswith(("LLN", "LOWER")) else "ULN"
        core = ref_start
        d.start = ref_start
    # a trigger word between a comparator and the value: "over level 1", ">= grade 3"
    trig = None
    for t in o.triggers(text[max(0, core - 30):core]):
        trig = t
    if trig is not None and text[max(0, core - 30) + trig.end:core].strip() == "":
        d.trigger_start = max(0, core - 30) + trig.start
        name = o.scale_name.search(text, max(0, d.trigger_start - 70), d.trigger_start)
        if name is not None:  # "> CTCAE v5.0 grade 1", "≥ Common Terminology Criteria ... (CTCAE) Grade 2"
            d.trigger_start = name.start()
    if d.comparator is None and not d.is_range or d.explicit_between is False and d.is_range is False:
        cmp = c.before(text, core)
        if cmp is None and d.trigger_start is not None:
            cmp = c.before(text, d.trigger_start)
        if cmp is None:  # "under the age of 15", "greater than age 18"
            for m in measurements:
                if m.end <= core and _MEAS_THEN_VALUE.fullmatch(text, m.end, core):
                    lead = _THE.search(text, max(0, m.start - 6), m.start)
                    cmp = c.before(text, lead.start() if lead else m.start)
                    break
        if cmp is not None and d.comparator is None:
            d.comparator, d.comparator_from = cmp.value, cmp
            d.start = cmp.start
            if d.reference is None and first.kind in ("num", "sci", "word"):
                ref = c.reference_before.search(text, max(0, cmp.start - 40), cmp.start)
                if ref is not None and text[ref.end():cmp.start].strip() == "":
                    d.reference = c.ref_map_get(ref.group(1))
                    d.start = ref.start()
    if d.is_range and not d.explicit_between:
        frm = c.between_before(text, core)
        if frm is not None:
            d.start, d.explicit_between = frm.start, True


# --------------------------------------------------------------------------- finishing


def _finish(text: str, d: _Draft, measurements, bounds) -> Optional[Threshold]:
    o = ordinals()
    c = comparators()
    meas = links.choose(text, measurements, bounds, d.values[0].start, d.start, d.end, d.unit)
    if meas is not None and meas.row.kind == "size" and d.reference is not None:
        meas = None  # "(tumor liver metastasis >= 5 x ULN)": the lab of the previous limit, not a size
    sc: Optional[Scale] = None
    if meas is not None and meas.row.scale:
        sc = o.scales.get(meas.row.scale)
    if sc is None and d.values[0].trigger:
        sc = o.scales.get(d.values[0].trigger)
    kinds = {v.kind for v in d.values}
    first, last = d.values[0], d.values[-1]
    unit, unit_text, value_scale = _unit_fields(d, first)
    comparator = d.comparator
    if d.plus_mark and not (sc is not None and sc.key == "plus") and comparator is None:
        comparator = ">="
    if comparator in ("better", "worse"):
        comparator = o.resolve(comparator, sc)
        if comparator is None:
            return None
    if kinds & {"roman", "plus", "letter"}:
        if sc is None or ("plus" in kinds and sc.key != "plus"):
            if not ("plus" in kinds and comparator is not None and meas is not None):
                return None
    adjacent = links.is_adjacent(text, meas, d.start)
    trigger_adjacent = d.trigger_start is not None or first.trigger is not None
    if sc is not None and sc.key in ("class", "score") and not (adjacent or comparator or d.is_range):
        return None  # "class I antiarrhythmics"; but "Rutherford class 4-6", "score of 2 or more"
    if sc is not None and sc.key == "ctcae" and first.trigger is None and not adjacent and meas is not None \
            and meas.row.kind == "graded" and not comparator and not d.is_range:
        return None
    # which values?
    low = high = value = None
    if d.is_range or first.kind == "letter":
        lows = [v.low if v.kind == "letter" else _scaled(v, value_scale) for v in d.values]
        highs = [v.high if v.kind == "letter" else _scaled(v, value_scale) for v in d.values]
        low, high = min(x for x in lows if x is not None), max(x for x in highs if x is not None)
        if d.is_range and len(d.values) == 2 and lows[0] > highs[-1]:
            return None
        if comparator in (">", ">="):
            value, low, high = (low if comparator == ">=" else high), None, None
        elif comparator in ("<", "<="):
            value, low, high = (high if comparator == "<=" else low), None, None
        elif low == high:
            value, low, high, comparator = low, None, None, comparator or "="
        else:
            comparator = "between"
    else:
        value = _scaled(first, value_scale)
    if value is None and (low is None or high is None):
        return None
    has_cmp = comparator is not None or d.reference is not None or d.is_range
    # time units: age and life expectancy only
    measurement_name = None
    if unit is not None and unit in _TIME_UCUM:
        if meas is not None and meas.row.kind == "time" and (unit == "a" or meas.row.name != "age" or adjacent):
            pass  # an age in months must name the age right before it: "amenorrheic for 12 months" is a timeframe
        elif unit == "a" and (d.age_words or (has_cmp and _age_like(value, low, high, d.explicit_between)
                                              and not _TEMPORAL_AFTER.match(text, d.end))):
            measurement_name, meas = "age", None
        else:
            return None
    elif meas is not None and meas.row.kind == "time" and unit is None and meas.row.name == "life expectancy":
        return None
    if first.kind == "word" and not has_cmp and not d.has_times:
        return None
    if unit is None and c.not_after.match(text, d.end):
        return None  # "at least one of the following"
    if not has_cmp:
        if sc is not None and (adjacent or trigger_adjacent) and \
                not (meas is not None and meas.row.kind == "graded" and not trigger_adjacent):
            comparator = "="
        elif unit is not None and (adjacent or (meas is not None and meas.start >= d.end
                                                and text[d.end:meas.start].strip() == "")):
            comparator = "="  # "Hb 9 g/dL", "150 mmHg systolic"
        elif d.age_words:
            comparator = "="
        else:
            return None
    if comparator is None:
        comparator = "="
    if sc is not None and sc.key not in ("score",) and unit is None and d.reference is None:
        for x in (value, low, high):
            if x is not None and not sc.admits(x):
                return None
    if d.is_range and not d.explicit_between and meas is None and unit is not None \
            and d.unit.dimension in _DOSE_DIMENSIONS:
        return None
    if d.is_range and meas is None and sc is None and unit is None and measurement_name is None \
            and not d.explicit_between:
        return None  # "Cohorts 1 to 4", "10-15 pieces"
    if unit is None and meas is None and \
            all(isinstance(x, int) and 1900 <= x <= 2100 for x in (value, low, high) if x is not None):
        return None  # years of a calendar: "from 2009 to 2012"
    start, end = d.start, d.end
    if links.is_tight(text, meas, d.start):
        start = meas.start
    if d.trigger_start is not None and d.trigger_start < start and \
            (d.comparator_from is None or d.comparator_from.start > d.trigger_start):
        start = d.trigger_start
    measurement = links.as_measurement(meas, measurement_name, sc, first.trigger is not None, unit)
    return Threshold(text=text[start:end], span=(start, end), measurement=measurement, comparator=comparator,
                     value=value, low=low, high=high, unit=unit, unit_text=unit_text, reference=d.reference)


def _age_like(value, low, high, explicit_range: bool = False) -> bool:
    """A value in years that reads as an age: 12 to 120 (any range written with between/from)."""
    xs = [x for x in (value, low, high) if x is not None]
    return bool(xs) and all(0 <= x <= 120 for x in xs) and (explicit_range or max(xs) >= 12)


def _scaled(v: Value, value_scale: bool) -> Optional[Number]:
    if v.kind == "sci" and not value_scale:
        return v.mantissa
    return v.value


def _unit_fields(d: _Draft, first: Value) -> tuple[Optional[str], Optional[str], bool]:
    """(ucum, unit as written, whether a scientific value is folded into one number).

    ``1.5 x 10^9/L``: a power of ten before a count per volume stays in the unit (``10*9/L``, written
    ``10^9/L``) and the value is the mantissa; before any other unit, or none, it is folded into the value.
    """
    u, last = d.unit, d.values[-1]
    if u is None:
        return None, None, True
    if last.kind == "sci" and u.per_volume and u.exponent is None:
        return f"10*{last.exponent}{u.ucum}", f"10^{last.exponent}{u.text}", False
    return u.ucum, u.text, True
