"""Numeric and ordinal constraints in one criterion: ``find_thresholds(text) -> list[Threshold]``.

Pure Python and regexes over data in models/ (no spaCy): fast enough for thousands of criteria a
second. Each threshold is assembled around a value token (see :mod:`extractor.value_tokens`):

1. a range or list: ``0-1``, ``18 to 65``, ``between 18 and 75``, ``III to IV``, ``0, 1 or 2`` (lists only
   on an ordinal scale) -> ``between`` with inclusive ``low``/``high``;
2. what follows the value: a unit (``mmHg`` -> ``mm[Hg]``; ``x 10^9/L`` -> ``10*9/L``), a normal limit
   (``x ULN`` -> reference ``ULN``), ``of age``/``old``, a suffix comparator (``or more``, ``or above``, ``+``);
3. what precedes it: a comparator (symbols, words, ``\\>=`` escapes), ``between``/``from``, a scale trigger
   (``over level 1``), a normal limit (``APTT ULN > 1.5``) or an additive one (``> ULN + 4 seconds``)
   (2 and 3: :mod:`extractor.threshold_draft`);
4. the measurement: the nearest lexicon match before the value in the same clause, or one that follows
   within a few words with no punctuation or function word between (``grade II or above myocardial
   ischemia``, ``150 mmHg systolic``), whichever is closer. A measurement right before the value (only
   spaces or a colon between) is part of the threshold's text (``SBP≥ 150 mmHg``). Once the threshold is
   decided, the reported span may come from the text itself (:func:`measurement_links.named_in_text`): the
   age word, the long form of a defined abbreviation, an unlisted phrase (``Epworth sleepiness scale``);
5. neighbours (:mod:`extractor.threshold_sharing`): shared comparators, units and measurements,
   systolic/diastolic pairs, two inclusive bounds merged into one ``between``.

Decisions (see docs/thresholds.md):

- ``PT > ULN + 4 seconds`` (and ``PT > 3 seconds above ULN``) is value 4, unit ``s``, reference ``ULN``:
  an *additive* limit. It stays distinct from a multiple of ULN because a multiple never has a unit
  (``> 1.5 x ULN`` is value 1.5, unit None); this keeps ``reference`` within the contract's ULN/LLN and
  matches the gold set (corpus/gold). A consumer computes ULN + value when a unit is present.
- A value on a time unit (days, weeks, months, years) is a threshold only for a time-valued measurement
  (age, life expectancy, gestational age) or an age in years; other durations are timeframes.
- Stage, phase, type, versions and identifiers are never thresholds.
- Child-Pugh class letters become score ranges (A -> between 5 and 6; B7 -> 7).
- ``≥ 18 and ≤ 33 kg/m2`` is one ``between`` (inclusive); strict or half-open bounds (``> 18 and < 65``)
  stay two thresholds, since ``between`` is inclusive by contract.
- ``aged 6 months to 17 years``: a range whose ends carry different units is two inclusive bounds (``>=`` 6
  ``mo``, ``<=`` 17 ``a``), each with its own unit and span, the measurement shared; units are never converted
  (:func:`_split_mixed`). Same-unit ranges stay one ``between``.
- ``aged 6 months to < 18 years``: an upper end with its own comparator is its own threshold and the lower end
  is ``>=`` (or the ``>=``/``>`` written before it, in its span: ``At least 365 days to 17 years``).
- ``creatinine 1.5 mg/dl (133 umol/L) or less``: the comparator words after a restated limit belong to the
  first value; the restatement takes the same comparator (two thresholds, one per unit).
- A dose range with no measurement is a schedule (``1-4 g/day``, ``1-4 gm/day`` alike) unless an alternative
  dose follows it after ``or`` (``1-4 gm/day po or 15 mg/kg/day IV``).
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from .comparators import comparators
from . import measurement_links as links
from . import threshold_draft as ctx
from . import threshold_sharing as sharing
from .measurements import find_measurements
from .numbers import WORD_NUMBER, Number
from .ordinals import Scale, ordinals
from .types import Threshold
from .units import dimension_of
from .threshold_draft import Draft
from .value_tokens import Value, clause_bounds, find_values

_QUICK = re.compile(r"[0-9½¼¾+]|\b(?:" + WORD_NUMBER + r"|I|II|III|IV|ULN|LLN|upper limit|lower limit|pugh)\b",
                    re.IGNORECASE)
_FREQUENCY_WORD = re.compile(r"once|twice|thrice", re.IGNORECASE)
_SCORE_UNIT = "{score}"  # "points": read as a unit so the score links to its scale, reported as none
_TIME_UCUM = {"d", "wk", "mo", "a", "h", "min"}
_DOSE_DIMENSIONS = {"mass", "mass per area", "mass per mass", "mass rate", "mass per time"}  # g/day and gm/day alike



def find_thresholds(text: str, section: Optional[str] = None) -> list[Threshold]:
    """Every numeric or ordinal constraint of one criterion, in text order, spans relative to ``text``.

    ``section`` is the heading the criterion sits under, if any (``ECOG PS`` for an item segmented as
    ``ECOG PS: 0-1``): it can name the measurement or the scale. A measurement found in it keeps its
    text and name with span None; threshold spans never reach into it.
    """
    if not text or not _QUICK.search(text):
        return []  # nothing number-like in the text: no threshold can lie in it, whatever the section
    if section:
        return _with_section(text, section.strip())
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
            elif out and sharing.alternative_dose(text, out[-1], draft):
                draft.comparator = "="
            th = _finish(text, draft, measurements, bounds, out[-1].span[1] if out else -1)
            if th is not None and th.measurement.name is None and th.reference and out and out[-1].reference \
                    and out[-1].measurement.name:  # "ALT <= 2.5 x ULN; <= 5 x ULN with liver metastases"
                th = replace(th, measurement=out[-1].measurement)
            found = _split_mixed(text, th, draft) if th is not None else []
            if found and (not out or found[0].span[0] >= out[-1].span[1]):
                out += found
                taken_until = found[-1].span[1]
                i += used
                continue
        i += 1
    out += links.bare_references(text, out, measurements, bounds)
    out.sort(key=lambda t: t.span)
    out = sharing.share_units(text, sharing.split_pressures(text, sharing.around_measurement(text, out)))
    return sharing.drop_restated(text, sharing.drop_scale_ranges(
        text, sharing.merge_bounds(text, sharing.share_measurements(text, out))))


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


def _draft(text: str, values: list[Value], i: int, measurements, bounds) -> tuple[Optional[Draft], int]:
    c = comparators()
    first = values[i]
    group = [first]
    unit = ctx.unit_after(text, first)
    pos = ctx.unit_echo_end(text, unit) if unit else first.end  # "23 kilogram per meter square (kg/m^2) and 39.9"
    is_range, explicit_between = False, False
    between = c.between_before(text, first.start)
    if i + 1 < len(values):
        nxt = values[i + 1]
        conn = c.range.match(text, pos)
        if conn and conn.end() == nxt.start and _compatible(first, nxt) and _same_quantity(text, unit, nxt):
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
        unit = ctx.unit_after(text, last) or unit
    draft = Draft(group, first.start, last.end, is_range=is_range, explicit_between=explicit_between)
    if between is not None and is_range:
        draft.start = between.start
    draft.unit = unit if (unit is not None and unit.start >= last.end - 1) or len(group) == 1 else None
    if unit is not None and len(group) > 1 and unit.end <= last.start:
        draft.unit = ctx.unit_after(text, last) or unit
    if len(group) == 2 and draft.unit is not None and draft.unit.ucum is not None:
        own = ctx.unit_after(text, first)  # "6 months to 17 years": each end keeps its own unit
        if own is not None and own.ucum is not None and own.ucum != draft.unit.ucum and own.end <= last.start:
            draft.low_unit = own
    pos = max(last.end, draft.unit.end if draft.unit else 0)
    draft.end = pos
    if not is_range and i + 1 < len(values) and (between is not None or unit is not None
                                                 or ctx.unit_after(text, values[i + 1]) is not None
                                                 or links.is_adjacent(text, links.nearest_before(
                                                     measurements, first.start, bounds, 30), first.start)):
        # "from 18.5 to less than 25"; with no "from", a unit or the measurement right before: "6 months to < 18
        # years", "BMI 18.5 to < 25" (not the bare categories "10 to <100, 100 to <400")
        ctx.open_upper_end(text, draft, between, values[i + 1])
    ctx.extend_right(text, draft)
    ctx.extend_left(text, draft, measurements)
    return draft, len(group)


def _compatible(a: Value, b: Value) -> bool:
    family = {"num": 0, "word": 0, "sci": 0, "roman": 1, "letter": 2, "plus": 3}
    if a.kind == "roman" and b.kind == "num" or a.kind == "num" and b.kind == "roman":
        return True
    return family[a.kind] == family[b.kind]


def _same_quantity(text: str, unit, nxt: Value) -> bool:
    """Two ends with explicit units of different dimensions (``5 mg - 10 %``) are no range."""
    other = ctx.unit_after(text, nxt) if unit is not None and unit.ucum is not None else None
    if other is None or other.ucum is None:
        return True
    a, b = dimension_of(unit.ucum), dimension_of(other.ucum)
    return a is None or b is None or a == b


def _ordinal_near(measurements, v: Value, bounds) -> bool:
    m = links.nearest_before(measurements, v.start, bounds, 30)
    return m is not None and m.row.scale is not None



# --------------------------------------------------------------------------- finishing


def _finish(text: str, d: Draft, measurements, bounds, prev_end: int = -1) -> Optional[Threshold]:
    o = ordinals()
    c = comparators()
    meas = links.choose(text, measurements, bounds, d.values[0].start, d.start, d.end, d.unit)
    if meas is not None and ((meas.row.kind == "size" and d.reference is not None)
                             or (d.reference is None and _FREQUENCY_WORD.fullmatch(text, d.values[0].start,
                                                                                   d.values[0].end))):
        meas = None  # "(tumor liver metastasis >= 5 x ULN)": the lab of the previous limit, not a size;
        # "back pain at least once": how often, not a pain score
    stray = ctx.unit_after_stray_word(text, d, meas.row.unit) if meas is not None else None
    if stray is not None:  # "creatinine clearance > 60 or ml/min"
        d.unit, d.end = stray, stray.end
    sc: Optional[Scale] = None
    if meas is not None and meas.row.scale:
        sc = o.scales.get(meas.row.scale)
    if sc is None and d.values[0].trigger:
        sc = o.scales.get(d.values[0].trigger)
    kinds = {v.kind for v in d.values}
    first = d.values[0]
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
    adjacent = links.is_adjacent(text, meas, d.start) or \
        (meas is not None and (d.start <= meas.start or meas.start < d.start < meas.end)
         and meas.end <= first.start)  # "aged between 3 - 36 months"; "Age of at least 10 hours" (a shared "of")
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
        if d.low_unit is not None:  # ends in different units: compared only once converted, which we do not do
            low, high = _scaled(first, _fields(d.low_unit, first)[2]), highs[-1]
            comparator = None  # its two ends are the bounds ("6 months to 17 years+" has no third)
        elif d.is_range and len(d.values) == 2 and lows[0] > highs[-1] and not ctx.runs_down(text, d):
            return None  # "5-2" is no range
        if comparator in (">", ">="):
            value, low, high = (low if comparator == ">=" else high), None, None
        elif comparator in ("<", "<="):
            value, low, high = (high if comparator == "<=" else low), None, None
        elif low == high and d.low_unit is None:
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
    low_unit = d.low_unit.ucum if d.low_unit is not None else None
    if low_unit in _TIME_UCUM and low_unit != "a" and not d.age_words and \
            not (meas is not None and meas.row.kind == "time" and (meas.row.name != "age" or adjacent)) and \
            not (unit == "a" and ctx.age_like(high, None, None) and not ctx.TEMPORAL_AFTER.match(text, d.end)):
        return None  # an age in months names the age, as below, or ends a range whose years read as one
    if unit is not None and unit in _TIME_UCUM:
        if meas is not None and meas.row.kind == "time" and (unit == "a" or meas.row.name != "age" or adjacent):
            pass  # an age in months must name the age right before it: "amenorrheic for 12 months" is a timeframe
        elif d.age_words or ctx.upper_end_is_age(text, d) or (unit == "a" and has_cmp and (
                ctx.age_like(value, None, high) if d.low_unit is not None  # "365 days to 17 years": the years end
                else ctx.age_like(value, low, high, d.explicit_between))
                             and not ctx.TEMPORAL_AFTER.match(text, d.end)):
            measurement_name, meas = "age", None
        else:
            return None
    elif meas is not None and meas.row.kind == "time" and unit is None and meas.row.name == "life expectancy":
        return None
    elif unit is None and d.age_words and meas is None and ctx.age_like(value, low, high):
        measurement_name = "age"  # "Patients older than 18": a person older or younger than a bare number
    bare_count = not has_cmp and unit is None and len(d.values) == 1 and first.kind in ("num", "word") \
        and links.counted_after(text, meas, d.start, d.end)  # "one prior line of therapy": = 1
    if first.kind == "word" and not has_cmp and not d.has_times and not bare_count:
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
        elif d.age_words or bare_count:
            comparator = "="
        else:
            return None
    if comparator is None:
        comparator = "="
    if sc is not None and sc.key not in ("score",) and unit is None and d.reference is None \
            and any(x is not None and not sc.admits(x) for x in (value, low, high)):
        if first.trigger is not None or meas is None or meas.row.kind != "graded" or kinds != {"num"}:
            return None
        meas, sc = None, None  # "hypertension (≥ 160/100 mmHg)": not a grade of the condition
    if d.is_range and not d.explicit_between and meas is None and unit is not None \
            and (d.unit.dimension in _DOSE_DIMENSIONS or d.unit.dose) and not sharing.dose_alternative_after(text, d.end):
        return None  # "cisplatin 70-80 mg/m2/day", "receiving 1-4 g/day": a schedule; but "1-4 g/day po or 15 mg/kg/day IV"
    if d.is_range and meas is None and sc is None and unit is None and measurement_name is None \
            and not d.explicit_between and not (d.unit is not None and d.unit.dimension == "rank"):
        return None  # "Cohorts 1 to 4", "10-15 pieces"
    if unit is None and meas is None and \
            all(isinstance(x, int) and 1900 <= x <= 2100 for x in (value, low, high) if x is not None):
        return None  # years of a calendar: "from 2009 to 2012"
    start, end = d.start, d.end
    if links.is_tight(text, meas, d.start) or (meas is not None and meas.start < d.start < meas.end):
        start = meas.start
    if d.trigger_start is not None and d.trigger_start < start and \
            (d.comparator_from is None or d.comparator_from.start > d.trigger_start):
        start = d.trigger_start
    meas = links.named_in_text(text, meas, measurement_name, d, adjacent, start, bounds,
                               sc if sc is not None and first.trigger is not None and sc.key in ("ctcae", "nyha") else None,
                               prev_end)
    wider = links.coordinated(text, meas, measurements)  # "ALT or AST > 3 x ULN"
    start, meas = (wider.start if wider is not meas and start == meas.start else start), wider
    measurement = links.as_measurement(meas, measurement_name if meas is None else None, sc,
                                       first.trigger is not None, unit)
    if unit == _SCORE_UNIT:
        unit = None  # "≥ 24 points": a score has no unit (docs/eval.md), "points" stays in unit_text
    return Threshold(text=text[start:end], span=(start, end), measurement=measurement, comparator=comparator,
                     value=value, low=low, high=high, unit=unit, unit_text=unit_text, reference=d.reference)


def _split_mixed(text: str, th: Threshold, d: Draft) -> list[Threshold]:
    """``aged 6 months to 17 years``: a range whose ends carry different units is two inclusive bounds, ``>=``
    the lower end in its unit and ``<=`` the upper end in its own (``between`` has one unit); no conversion.
    Each keeps the span of its own end; both share the range's measurement."""
    if d.low_unit is None or th.comparator != "between":
        return [th]
    low_end, high_start = d.low_unit.end, d.values[-1].start
    ucum, written, _ = _fields(d.low_unit, d.values[0])
    cmp = d.range_prefix.value if d.range_prefix is not None else ">="  # "more than 6 months to 17 years"
    lower = replace(th, text=text[th.span[0]:low_end], span=(th.span[0], low_end), comparator=cmp,
                    value=th.low, low=None, high=None, unit=ucum, unit_text=written)
    upper = replace(th, text=text[high_start:th.span[1]], span=(high_start, th.span[1]), comparator="<=",
                    value=th.high, low=None, high=None)
    return [lower, upper]


def _scaled(v: Value, value_scale: bool) -> Optional[Number]:
    if v.kind == "sci" and not value_scale:
        return v.mantissa
    return v.value


def _unit_fields(d: Draft, first: Value) -> tuple[Optional[str], Optional[str], bool]:
    """(ucum, unit as written, whether a scientific value is folded into one number).

    ``1.5 x 10^9/L``: a power of ten before a count per volume stays in the unit (``10*9/L``, written
    ``10^9/L``) and the value is the mantissa; before any other unit, or none, it is folded into the value.
    """
    return _fields(d.unit, d.values[-1])


def _fields(u, last: Value) -> tuple[Optional[str], Optional[str], bool]:
    if u is None:
        return None, None, True
    if last.kind == "sci" and u.per_volume and u.exponent is None:
        return f"10*{last.exponent}{u.ucum}", f"10^{last.exponent}{u.text}", False
    return u.ucum, u.text, True
