"""The context around a value token that the assembler (:mod:`extractor.thresholds`) reads into a draft.

- what follows the value: a unit (``mmHg`` -> ``mm[Hg]``), a normal limit (``x ULN``), ``of age``/``old``
  (also after months or weeks: ``8 months of age or older``), a suffix comparator (``or more``, ``+``);
- what precedes it: a comparator (symbols, words, ``\\>=`` escapes), ``between``/``from``, a scale trigger
  (``over level 1``), a normal limit (``APTT ULN > 1.5``) or an additive one (``> ULN + 4 seconds``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

from .comparators import Found, comparators
from .numbers import parse_number
from .ordinals import ordinals
from .timeframes import age_event_end, introduced_as_duration
from .units import UnitMatch, dimension_of, match_unit
from .value_tokens import Value

# "18 years old", "8 months of age", "72 hours old", "2 weeks postnatal age": the age words after an age value
_AGE_WORDS = re.compile(r"\s*(?:of\s+age|-?old|of\s+age\s+and\s+older|in\s+age|"
                        r"(?:post-?natal|chronological|corrected)\s+age)\b", re.IGNORECASE)
# "Children older than 2 years", "is younger than 6 months": the comparator says the value is an age when
# it follows a person or a copula ("Ulcers older than 1 year", "surgery no older than 30 days" are durations)
_AGE_COMPARATOR = re.compile(r"\b(?:older|younger)\b", re.IGNORECASE)
_SUBJECT_BEFORE = re.compile(r"\b(?:patients?|subjects?|participants?|individuals?|persons?|people|child(?:ren)?|"
                             r"infants?|adults?|adolescents?|boys?|girls?|men|women|males?|females?|volunteers?|"
                             r"neonates?|newborns?|kids?|toddlers?|is|are|be|being|aged?|ages)[\s,:]*(?:(?:no|not)\s+)?"
                             # and the other bound of the age before: "Children older than 3 months and younger than"
                             r"(?:(?:older|younger)\s+than\s+[\d.,]+\s*(?:years?|yrs?|months?|weeks?|days?)"
                             r"(?:\s+(?:old|of\s+age))?[\s,]*(?:and|but|or)\s+)?$", re.IGNORECASE)
_AGE_UNITS = ("a", "mo", "wk", "d", "h")
_RESTATED = re.compile(r"\s*\(\s*[\d.,]+(?:\s*(?:-|–|to)\s*[\d.,]+)?\s*(?:hours?|days?|weeks?|months?|years?)\s*\)", re.IGNORECASE)
_TIMES = re.compile(r"\s*(?:times|time|fold|-fold)(?![A-Za-z])", re.IGNORECASE)
_MEAS_THEN_VALUE = re.compile(r"\s*(?:of\s+)?:?\s*", re.IGNORECASE)
_THE = re.compile(r"(?:the|an?)\s+$", re.IGNORECASE)
_ADDITIVE_AFTER = re.compile(r"\s+(?:above|over|greater\s+than|more\s+than|beyond|below|under|less\s+than)\s+"
                             r"(?:the\s+)?(ULN|LLN|upper\s+limit\s+of\s+normal|lower\s+limit\s+of\s+normal)", re.IGNORECASE)
_ECHO = re.compile(r"\s*\(\s*(\d+)\s*\)")
_STRAY_WORD = re.compile(r"[ \t]+(?:or|of)[ \t]+", re.IGNORECASE)
_PLUS_MARK = re.compile(r" ?\+(?![+A-Za-z0-9])")
_THE_BEFORE = re.compile(r"(?<![A-Za-z])the\s+$", re.IGNORECASE)


@dataclass
class Draft:
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
    low_unit: Optional[UnitMatch] = None  # "6 months to 17 years": the lower end's own unit, unlike the upper's
    open_upper: Optional[Value] = None  # "6 months to < 18 years": the upper end, read as its own threshold
    range_prefix: Optional[Found] = None  # "at least 365 days to 17 years": a ">=" (or ">") before a range



def unit_after(text: str, v: Value) -> Optional[UnitMatch]:
    if v.kind not in ("num", "sci", "word"):
        return None
    pos = v.end
    echo = _ECHO.match(text, pos) if v.kind == "word" else None
    if echo is not None and parse_number(echo.group(1)) == v.value:
        pos = echo.end()  # "three (3) months"
    u = match_unit(text, pos)
    if u is not None and v.tail_end is not None:  # "10 weeks three days": the days belong to the weeks
        return replace(u, end=v.tail_end)
    if u is None and text[v.end:v.end + 1] == "-":
        u = match_unit(text, v.end + 1)
        if u is not None and u.dimension != "time":
            u = None
    return u


_PAREN = re.compile(r"[ \t]*\(([^()]{1,24})\)")


def unit_echo_end(text: str, unit: UnitMatch) -> int:
    """``23.0 kilogram per meter square (kg/m^2) and 39.9 kg/m^2``: where a unit restated in parentheses
    right after it ends (the same UCUM code and nothing else inside), else the unit's own end."""
    m = _PAREN.match(text, unit.end)
    if m is None or unit.ucum is None:
        return unit.end
    inner = match_unit(text, m.start(1))
    if inner is None or inner.ucum != unit.ucum or text[inner.end:m.end(1)].strip():
        return unit.end
    return m.end()


def unit_after_stray_word(text: str, d: Draft, expected: Optional[str]) -> Optional[UnitMatch]:
    """``creatinine clearance > 60 or ml/min``: a unit cut off from its value by a stray ``or``/``of`` (a typo),
    taken only when it is a compound unit (with ``/``) of the dimension the measurement is measured in."""
    last = d.values[-1]
    if d.unit is not None or d.reference is not None or d.has_times or expected is None or d.end != last.end \
            or last.kind not in ("num", "sci"):
        return None
    gap = _STRAY_WORD.match(text, d.end)
    u = match_unit(text, gap.end()) if gap is not None else None
    if u is None or u.ucum is None or u.exponent is not None or not u.text[:1].isalpha() or "/" not in u.ucum \
            or dimension_of(u.ucum) != dimension_of(expected):
        return None
    return u


def open_upper_end(text: str, d: Draft, opener: Optional[Found], nxt: Value) -> None:
    """``from 18.5 to less than 25``: a range whose upper end has its own comparator.

    The lower end is inclusive (``>=``), as ``from`` says; the upper end is read as its own threshold, so a
    half-open range stays two thresholds (and ``from 18 to no more than 65``, two inclusive bounds, becomes
    one ``between`` when the neighbours are merged).

    With no ``from``/``between`` (``opener`` None) only ``to`` joins the ends: ``aged 6 months to < 18 years``,
    ``18 to < 65 years``; a ``>=``/``>`` written before the lower end is its comparator and in its span
    (``at least 6 months to < 18 years``). Sets ``d.open_upper`` to the upper end's value.
    """
    c = comparators()
    conn = c.range.match(text, d.end)
    if opener is None and (conn is None or conn.group(0).strip().lower() != "to"):
        return
    if conn is not None and conn.group(0).strip().lower() == "and" and opener is not None \
            and opener.text.lower() == "from":
        return
    at = conn.end() if conn is not None else len(text[:d.end]) + len(text[d.end:]) - len(text[d.end:].lstrip())
    cmp = c.before(text, nxt.start)  # "to less than 25", "up to 65"
    if cmp is None or cmp.start != at or cmp.value not in ("<", "<="):
        return
    if opener is None:
        low = c.before(text, d.values[0].start)
        if low is not None and low.value not in (">", ">="):
            return  # "less than 6 to < 18": not a range
        d.comparator, d.comparator_from = (low.value, low) if low is not None else (">=", None)
        if low is not None:
            d.start = low.start
    else:
        d.comparator, d.comparator_from = ">=", opener
        d.start = opener.start
    d.open_upper = nxt


_RESTATED_VALUE = re.compile(r"[ \t]*\([ \t]*(?:~|≈|about|approx\.?|approximately)?[ \t]*\d[\d.,]*", re.IGNORECASE)
_CLOSE = re.compile(r"[ \t]*\)")


def restated_end(text: str, pos: int) -> Optional[int]:
    """``1.5 mg/dl (133 umol/L)``: the end of a value with its own unit in parentheses at ``pos`` (the same
    limit restated, usually in SI units), else None."""
    m = _RESTATED_VALUE.match(text, pos)
    u = match_unit(text, m.end()) if m is not None else None
    close = _CLOSE.match(text, u.end) if u is not None and u.ucum is not None else None
    return close.end() if close is not None else None


def extend_right(text: str, d: Draft) -> None:
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
    if d.unit is not None and d.unit.ucum in _AGE_UNITS:  # "18 years old", "8 months of age", "72 hours old"
        a = _AGE_WORDS.match(text, d.end)
        restated = _RESTATED.match(text, d.end) if a is None else None
        if restated is not None:  # "6-12 weeks (42 to 90 days) of age": the parenthesis restates the age
            a = _AGE_WORDS.match(text, restated.end())
        end = a.end() if a else None
        if end is None and d.unit.ucum in ("a", "mo") and not introduced_as_duration(text, d.start):
            end = age_event_end(text, d.end)  # "under 10 years at diagnosis": an age at an event, the
            # rule the windows follow ("for more than 2 years at enrollment" stays a duration)
        if end is not None:
            d.age_words, d.end = True, end
    plus = _PLUS_MARK.match(text, d.end)
    if last.kind == "num" and d.end == last.end and plus:
        d.plus_mark, d.end = True, plus.end()  # 18+ or a plus grade 2+; decided once the scale is known
    suf = c.after(text, d.end)
    if suf is None and d.unit is not None and d.comparator is None and not d.is_range:
        again = restated_end(text, d.end)
        late = c.after(text, again) if again is not None else None
        if late is not None:  # "1.5 mg/dl (133 umol/L) or less": the limit's comparator, not the span
            d.comparator, d.comparator_from = late.value, late
            return
    if suf is not None and d.comparator is None and not d.is_range:
        d.comparator, d.comparator_from, d.end = suf.value, suf, suf.end
        if d.unit is None and last.kind in ("num", "word"):
            late = match_unit(text, d.end)
            if late is not None and late.dimension != "time":
                d.unit, d.end = late, late.end


def extend_left(text: str, d: Draft, measurements=()) -> None:
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
        if cmp is None and d.unit is not None and d.unit.dimension == "rank":  # "less than the 3rd centile"
            the = _THE_BEFORE.search(text, max(0, core - 8), core)
            cmp = c.before(text, the.start()) if the is not None else None
        if cmp is None:  # "under the age of 15", "greater than age 18"
            for m in measurements:
                if m.end <= core and _MEAS_THEN_VALUE.fullmatch(text, m.end, core):
                    lead = _THE.search(text, max(0, m.start - 6), m.start)
                    cmp = c.before(text, lead.start() if lead else m.start)
                    break
        if cmp is not None and d.comparator is None:
            d.comparator, d.comparator_from = cmp.value, cmp
            d.start = cmp.start
            if (d.unit.ucum in _AGE_UNITS if d.unit is not None else first.kind == "num" and not d.is_range) \
                    and _AGE_COMPARATOR.search(cmp.text) \
                    and _SUBJECT_BEFORE.search(text, max(0, cmp.start - 70), cmp.start):
                d.age_words = True  # "Children older than 2 years", "is younger than 6 months", "Patients older than 18"
            if d.reference is None and first.kind in ("num", "sci", "word"):
                ref = c.reference_before.search(text, max(0, cmp.start - 40), cmp.start)
                if ref is not None and text[ref.end():cmp.start].strip() == "":
                    d.reference = c.ref_map_get(ref.group(1))
                    d.start = ref.start()
    if d.is_range and not d.explicit_between:
        frm = c.between_before(text, core)
        if frm is not None:
            d.start, d.explicit_between = frm.start, True
    if d.is_range and not d.explicit_between and d.comparator is None and first.kind in ("num", "word"):
        cmp = c.before(text, core)  # "At least 365 days to 17 years": the lower end's comparator, in its span
        if cmp is not None and (cmp.value == ">=" or (cmp.value == ">" and d.low_unit is not None)):
            d.range_prefix, d.start = cmp, cmp.start


# Words after a value in years that make it a duration, not an age ("5 years ago", "2 years since diagnosis")
TEMPORAL_AFTER = re.compile(r"\s*(?:ago|since|prior|before|after|from|of\s+(?!age)|duration|history|post|previous|"
                            r"following|follow|prior|earlier|apart|between|treatment|therapy|or\s+until|in\s+the\s+past)\b",
                            re.IGNORECASE)
_DOWN_TO, _DOWN_JOIN = re.compile(r"\bto\b", re.IGNORECASE), re.compile(r"\b(?:to|and)\b", re.IGNORECASE)


def upper_end_is_age(text: str, d: Draft) -> bool:
    """``6 months to less than 18 years (of age)``: the upper end of a half-open range, read as its own
    threshold, is in years and reads as an age (or has the age words after it), so the lower end is an age."""
    if d.open_upper is None:
        return False
    u = unit_after(text, d.open_upper)
    if u is None or u.ucum not in _AGE_UNITS:
        return False
    if _AGE_WORDS.match(text, u.end):
        return True
    return u.ucum == "a" and age_like(d.open_upper.value, None, None) and not TEMPORAL_AFTER.match(text, u.end)


def runs_down(text: str, d: Draft) -> bool:
    """A range written high to low in words: ``letter score of 78 to 24 letters``, ``T-score between -1.0 and
    -2.5`` (not a hyphen, nor ``and`` without ``between``, nor the numbers of fractions: ``20/200 to 20/30``)."""
    a, b = d.values[0], d.values[1]
    joined = (_DOWN_JOIN if d.explicit_between else _DOWN_TO).search(text, a.end, b.start) is not None
    return joined and "/" not in text[a.start - 1:a.start] + text[b.end:b.end + 1]


def age_like(value, low, high, explicit_range: bool = False) -> bool:
    """A value in years that reads as an age: 12 to 120 (any range written with between/from)."""
    xs = [x for x in (value, low, high) if x is not None]
    return bool(xs) and all(0 <= x <= 120 for x in xs) and (explicit_range or max(xs) >= 12)
