"""Which measurement a threshold constrains, and thresholds on a bare normal limit (``ALT <= ULN``).

The measurement is the nearest lexicon match before the value in the same clause (``;``, a newline and
a sentence end close a clause), or one that follows within three words with no punctuation between
(``grade II or above myocardial ischemia``, ``150 mmHg systolic``), whichever is closer; a scale
measurement before wins over a graded condition after (``NYHA standard, grade III to IV cardiac
insufficiency``). A row only carries values its kind allows: a tumour size takes a length (or, with no
unit, becomes a count: ``at least one measurable lesion``), a time-valued row (age, life expectancy)
a time unit or none, a score no unit but ``%``, a count (prior regimens, cycles) no unit.
"""
from __future__ import annotations

import re
from typing import Optional

from .comparators import comparators
from . import measurement_phrases as phrases
from .measurements import MeasurementMatch, MeasurementRow, find_measurements
from .ordinals import Scale, ordinals
from .types import Measurement, Threshold
from .units import UnitMatch, dimension_of
from .value_tokens import same_clause

AGE_LOINC = "30525-0"
_AFTER_GAP = re.compile(r"['’]?[ \t]*(?:[A-Za-z][A-Za-z\-]*[ \t]+){0,3}$")
ADJACENT = re.compile(r"[\s:=)\]]*\(?(?:\((?:[^()]{1,12})\))?[\s:=]*(?:(?:of|is|was|at|level|levels|value|count)\s+)?[\s:=]*$",
                      re.IGNORECASE)
_ASIDE_WORDS = re.compile(r"[A-Za-z]{2,}")
_TIGHT = re.compile(r"[\s:=]{0,3}")
_BARE_REF = re.compile(r"(?<![A-Za-z])(ULN|LLN|(?:the\s+)?(?:(?:institutional|institution's|laboratory|local|site)\s+)?"
                       r"(?:upper|lower)\s+limits?\s+of\s+(?:the\s+)?normal(?:\s+range)?)"
                       r"(?![A-Za-z])", re.IGNORECASE)
_REF_FOLLOWED = re.compile(r"\s*(?:\+|\\?[<>≤≥=])")


def fits(m: MeasurementMatch, unit: Optional[UnitMatch]) -> bool:
    """Whether a lexicon row can carry a value with this unit."""
    kind = m.row.kind
    if kind == "size":
        return unit.dimension == "length" if unit is not None else m.row.count_name is not None
    if kind == "time":
        return unit is None or unit.dimension == "time"
    if kind == "count":
        return unit is None  # "total doses of ≥40 and ≤80 Gy" is a dose, not a number of cycles
    if kind in ("graded", "score"):
        return unit is None or unit.ucum in ("%", "{score}")
    return True


def nearest_before(measurements, pos: int, bounds, limit: int = 80, unit=False,
                   text: Optional[str] = None) -> Optional[MeasurementMatch]:
    """The closest fitting measurement ending before ``pos`` in the same clause, within ``limit`` characters.

    With ``text``, a measurement inside a parenthesis closed before ``pos`` that says more than the
    measurement is skipped: it defines or qualifies the one before it (``Body mass index (weight in kg /
    height in m) of 18 to 30``); a defined abbreviation alone (``Body mass index (BMI) > 45``) is not.
    """
    reach = pos  # the limit counts from the value, or from an aside skipped on the way
    for m in reversed(measurements):
        if m.end <= pos:
            if reach - m.end > limit or not same_clause(bounds, m.end, pos):
                return None
            aside = _aside_start(text, m, pos) if text is not None else -1
            if aside >= 0:
                reach = min(reach, aside)
                continue
            if unit is False or fits(m, unit):
                return m
    return None


def _aside_start(text: str, m: MeasurementMatch, pos: int) -> int:
    """Where the parenthesis (or bracket) holding ``m`` opens, when it closes before ``pos`` and holds more
    words than ``m``; else -1."""
    close = _unmatched(text, range(m.end, pos), "([", ")]")
    if close < 0:
        return -1
    opened = _unmatched(text, range(m.start - 1, -1, -1), ")]", "([")
    if opened < 0:
        return -1
    rest = text[opened + 1:m.start] + " " + text[m.end:close]
    return opened if _ASIDE_WORDS.search(rest) is not None else -1


def _unmatched(text: str, positions: range, nest: str, unnest: str) -> int:
    """The first position (walking ``positions``) of an ``unnest`` character not matched by an earlier
    ``nest`` one, or -1: the closing bracket after a point, or (walking back) the opening one before it."""
    depth = 0
    for i in positions:
        if text[i] in nest:
            depth += 1
        elif text[i] in unnest:
            depth -= 1
            if depth < 0:
                return i
    return -1


def nearest_after(text: str, measurements, pos: int, unit=False) -> Optional[MeasurementMatch]:
    """The measurement starting within three words after ``pos``, no punctuation between."""
    for m in measurements:
        if m.start >= pos:
            gap = text[pos:m.start]
            if m.start - pos <= 40 and _AFTER_GAP.match(gap) and not phrases.gap_has_stop_word(gap) \
                    and (unit is False or fits(m, unit)):
                return m
            return None
    return None


_ALTERNATIVE_BEFORE = re.compile(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten))\s*(?:,|or|and|to|-|–)\s*$",
                                 re.IGNORECASE)


_RATE_AFTER = re.compile(r"\s*(?:/|per\b|a\s+(?:day|week|month|year)\b|each\b|every\b|daily\b|weekly\b)", re.IGNORECASE)


def counted_after(text: str, meas: Optional[MeasurementMatch], start: int, end: int) -> bool:
    """A bare count: the value ``[start, end)`` is right before the count row it counts, with at most two
    qualifying words between (``one prior line of therapy``, ``2 forms of contraception``), and is not the
    second of two alternatives (``1 or 2 prior regimens``: one threshold would misstate it) nor after a word
    that makes it a window, a rate or a reference (``within one cycle``, ``the 2 regimens``)."""
    if meas is None or meas.row.kind != "count" or meas.start < end:
        return False
    if _ALTERNATIVE_BEFORE.search(text, max(0, start - 12), start) or phrases.count_blocked_before(text, start) \
            or _RATE_AFTER.match(text, meas.end):
        return False  # "within one cycle", "the 2 regimens", "3 doses per week"
    return phrases.counts_gap(text[end:meas.start]) or meas.start == end


def choose(text: str, measurements, bounds, core: int, start: int, end: int,
           unit: Optional[UnitMatch]) -> Optional[MeasurementMatch]:
    """The measurement of the threshold whose value starts at ``core`` and whose text is ``[start, end)``."""
    before = nearest_before(measurements, core, bounds, unit=unit, text=text)
    if before is not None and before.end > start and before.start < start \
            and text[start:before.end].strip().lower() != "of":  # "Age of at least 10 hours": a shared "of"
        before = None
    after = nearest_after(text, measurements, end, unit=unit)
    if before is None:
        return after
    if after is None:
        return before
    if before.row.scale and after.row.kind == "graded" and start - before.end <= 30:
        return before  # "NYHA standard, grade III to IV cardiac insufficiency"
    return after if (after.start - end) < (start - before.end) else before


def named_in_text(text: str, meas: Optional[MeasurementMatch], name: Optional[str], d, adjacent: bool, start: int,
                  bounds, scale_named: Optional[Scale], prev_end: int = -1) -> Optional[MeasurementMatch]:
    """The measurement span to report, once the threshold is decided (never changes that decision).

    - ``18 years of age``, ``8 months old``: the age word names the age (unless an age word stands right
      before the value: ``aged 18 years old``);
    - a lexicon measurement that is not right before the value and whose usual unit is of another kind
      than the value's yields to the phrase right before (``LVEF = 50%, septum thickness =12 mm``);
    - so does one that an earlier threshold (ending at ``prev_end``) already stands between: the phrase
      after that threshold names this one (``glucose > 130 mg/dL, liver tests > 2.5 x ULN``); with no
      phrase there (``Temp > 38 °C or < 36 °C``) the measurement is shared;
    - ``Body mass index (BMI) > 45``: the long form with the abbreviation it defines, not the abbreviation alone;
    - no lexicon measurement: the noun phrase right before the threshold, unnamed
      (:func:`extractor.measurement_phrases.phrase_before`), unless a scale trigger names it: then the
      trigger word (``Grade 3-4 infusion reaction``: ``Grade``, name ``CTCAE grade``); with no phrase
      before, an amount with a unit names what it measures after ``of`` (``10 mg of prednisone``).
    """
    if d.age_words and not (meas is not None and adjacent and meas.row.name == "age" and not meas.row.implied):
        return phrases.age_word(text, d.values[-1].end, d.end) or meas
    floor = max((b + 1 for b in bounds if b < start), default=0)
    if meas is not None:
        if not adjacent and meas.end <= start and d.unit is not None and meas.row.unit is not None \
                and dimension_of(meas.row.unit) not in (None, dimension_of(d.unit.ucum)):
            near = phrases.phrase_before(text, start, max(floor, meas.end))  # "LVEF = 50%, septum =12 mm"
            if near is not None:
                return near
        if not adjacent and meas.end <= prev_end <= start:
            near = phrases.phrase_before(text, start, max(floor, prev_end))  # "ALT < 2.5 x ULN, ALP < 5 x ULN"
            if near is not None:
                return near
        return long_form(text, meas)
    if scale_named is not None:
        return _trigger_word(text, d.values[0].start, scale_named)
    if name is not None:
        return None
    limit = min((b for b in bounds if b >= d.end), default=len(text))
    return phrases.instrument_after(text, d.end, limit) or phrases.phrase_before(text, start, floor) or \
        (phrases.amount_of(text, d.end, limit) if d.unit is not None or d.reference is not None else None)


def _trigger_word(text: str, value_start: int, scale: Scale) -> Optional[MeasurementMatch]:
    """``Grade 3-4 infusion reaction``: the trigger word before the value names the scale (CTCAE grade)."""
    lo = max(0, value_start - 30)
    found = [t for t in ordinals().triggers(text[lo:value_start]) if t.scale == scale.key]
    if not found:
        return None
    t = found[-1]
    row = MeasurementRow(name=scale.name, loinc=None, unit=None, kind="score", scale=scale.key)
    return MeasurementMatch(lo + t.start, lo + t.end, text[lo + t.start:lo + t.end], row)


def long_form(text: str, meas: MeasurementMatch) -> MeasurementMatch:
    """``Body mass index (BMI)``: a parenthesised abbreviation together with its long form (same row) before it."""
    if meas.start < 2 or text[meas.start - 1] != "(" or not text.startswith(")", meas.end):
        return meas
    lo = max(0, meas.start - 60)
    lead = text[lo:meas.start - 1].rstrip()
    for m in reversed(find_measurements(lead)):
        if m.end == len(lead) and m.row == meas.row:
            return MeasurementMatch(m.start + lo, meas.end + 1, text[m.start + lo:meas.end + 1], m.row)
    return meas


_COORDINATION_GAP = re.compile(r"\s*(?:,\s*)?(?:and/or|or|and|/|,)\s*$", re.IGNORECASE)


def coordinated(text: str, meas: Optional[MeasurementMatch], measurements) -> Optional[MeasurementMatch]:
    """``alanine transaminase (ALT) or aspartate transaminase (AST) > 3 x ULN``, ``SGOT/SGPT < 3 x ULN``: the
    measurement with the lexicon measurements of the same kind coordinated right before it. The span runs
    from the first; the name joins theirs (``alanine aminotransferase or aspartate aminotransferase``), with
    no LOINC code. A single measurement, or one whose neighbour is of another kind, is returned as is."""
    if meas is None or meas.row.implied or meas.row.kind not in ("lab", "vital", "score"):
        return meas
    names, start = [meas.row.name], meas.start
    while True:
        gap = _COORDINATION_GAP.search(text, max(0, start - 12), start)
        if gap is None or gap.end() != start:
            break
        left = next((long_form(text, m) for m in reversed(measurements)
                     if m.end in (gap.start(), gap.start() - 1) and m.end <= gap.start()
                     and (m.end == gap.start() or text[m.end] == ")")), None)
        if left is None or left.row.kind != meas.row.kind or left.row.implied:
            break
        if left.row.name not in names:
            names.insert(0, left.row.name)
        start = left.start
    if start == meas.start:
        return meas
    joiner = " and " if re.search(r"\band\b(?!/)", text[start:meas.start], re.IGNORECASE) else " or "
    row = MeasurementRow(name=joiner.join(names), loinc=None, unit=meas.row.unit, kind=meas.row.kind)
    return MeasurementMatch(start, meas.end, text[start:meas.end], row)


def is_adjacent(text: str, meas: Optional[MeasurementMatch], start: int) -> bool:
    """The measurement stands right before the threshold (``ECOG PS: 0-1``, ``Hb (g/dL) of 9``)."""
    return meas is not None and meas.end <= start and ADJACENT.match(text[meas.end:start]) is not None


def is_tight(text: str, meas: Optional[MeasurementMatch], start: int) -> bool:
    """Only spaces, a colon or ``=`` between: the measurement becomes part of the threshold's text."""
    return meas is not None and not meas.row.implied and meas.end <= start and _TIGHT.fullmatch(text[meas.end:start]) is not None


def as_measurement(meas: Optional[MeasurementMatch], name: Optional[str] = None, scale: Optional[Scale] = None,
                   triggered: bool = False, unit: Optional[str] = None) -> Measurement:
    """The output Measurement: a lexicon match, an implicit name (age), a scale named by its trigger, or unknown."""
    if meas is not None:
        if meas.row.implied:  # "Adults (> 18 years)": an age the criterion leaves implicit
            return Measurement(None, None, meas.row.name, meas.row.loinc)
        if meas.row.kind == "size" and unit is None and meas.row.count_name:
            return Measurement(meas.text, (meas.start, meas.end), meas.row.count_name, None)
        return Measurement(meas.text, (meas.start, meas.end), meas.row.name, meas.row.loinc)
    if name is not None:
        return Measurement(None, None, name, AGE_LOINC if name == "age" else None)
    if scale is not None and triggered and scale.key in ("ctcae", "nyha"):
        return Measurement(None, None, scale.name)
    return Measurement(None, None, None)


def bare_references(text: str, found: list[Threshold], measurements, bounds) -> list[Threshold]:
    """``ALT <= ULN``, ``> the upper limit of normal``: a comparator on a normal limit with no number (value 1)."""
    c = comparators()
    out: list[Threshold] = []
    for m in _BARE_REF.finditer(text):
        if any(t.span[0] <= m.start() < t.span[1] for t in found) or _REF_FOLLOWED.match(text, m.end()):
            continue
        cmp = c.before(text, m.start())
        if cmp is None:
            continue
        ref = c.ref_map_get(m.group(1)) or ("LLN" if "lower" in m.group(1).lower() else "ULN")
        meas = nearest_before(measurements, cmp.start, bounds)
        start = meas.start if is_tight(text, meas, cmp.start) else cmp.start
        out.append(Threshold(text=text[start:m.end()], span=(start, m.end()), measurement=as_measurement(meas),
                             comparator=cmp.value, value=1, unit=None, unit_text=None, reference=ref))
    return out
