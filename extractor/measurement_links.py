"""Which measurement a threshold constrains, and thresholds on a bare normal limit (``ALT <= ULN``).

The measurement is the nearest lexicon match before the value in the same clause (``;``, a newline and
a sentence end close a clause), or one that follows within three words with no punctuation between
(``grade II or above myocardial ischemia``, ``150 mmHg systolic``), whichever is closer; a scale
measurement before wins over a graded condition after (``NYHA standard, grade III to IV cardiac
insufficiency``). A row only carries values its kind allows: a tumour size takes a length (or, with no
unit, becomes a count: ``at least one measurable lesion``), a time-valued row (age, life expectancy)
a time unit or none, a score no unit but ``%``.
"""
from __future__ import annotations

import re
from typing import Optional

from .comparators import comparators
from .measurements import MeasurementMatch
from .ordinals import Scale
from .types import Measurement, Threshold
from .units import UnitMatch
from .value_tokens import same_clause

AGE_LOINC = "30525-0"
_AFTER_GAP = re.compile(r"[ \t]*(?:[A-Za-z][A-Za-z\-]*[ \t]+){0,3}$")
ADJACENT = re.compile(r"[\s:=)\]]*\(?(?:\((?:[^()]{1,12})\))?[\s:=]*(?:(?:of|is|was|at|level|levels|value|count)\s+)?[\s:=]*$",
                      re.IGNORECASE)
_TIGHT = re.compile(r"[\s:=]{0,3}")
_BARE_REF = re.compile(r"(?<![A-Za-z])(ULN|LLN|(?:the\s+)?(?:upper|lower)\s+limits?\s+of\s+(?:the\s+)?normal(?:\s+range)?)"
                       r"(?![A-Za-z])", re.IGNORECASE)
_REF_FOLLOWED = re.compile(r"\s*(?:\+|\\?[<>≤≥=])")


def fits(m: MeasurementMatch, unit: Optional[UnitMatch]) -> bool:
    """Whether a lexicon row can carry a value with this unit."""
    kind = m.row.kind
    if kind == "size":
        return unit.dimension == "length" if unit is not None else m.row.count_name is not None
    if kind == "time":
        return unit is None or unit.dimension == "time"
    if kind in ("graded", "score"):
        return unit is None or unit.ucum in ("%", "{score}")
    return True


def nearest_before(measurements, pos: int, bounds, limit: int = 80, unit=False) -> Optional[MeasurementMatch]:
    """The closest fitting measurement ending before ``pos`` in the same clause, within ``limit`` characters."""
    for m in reversed(measurements):
        if m.end <= pos:
            if pos - m.end > limit or not same_clause(bounds, m.end, pos):
                return None
            if unit is False or fits(m, unit):
                return m
    return None


def nearest_after(text: str, measurements, pos: int, unit=False) -> Optional[MeasurementMatch]:
    """The measurement starting within three words after ``pos``, no punctuation between."""
    for m in measurements:
        if m.start >= pos:
            if m.start - pos <= 40 and _AFTER_GAP.match(text[pos:m.start]) and (unit is False or fits(m, unit)):
                return m
            return None
    return None


def choose(text: str, measurements, bounds, core: int, start: int, end: int,
           unit: Optional[UnitMatch]) -> Optional[MeasurementMatch]:
    """The measurement of the threshold whose value starts at ``core`` and whose text is ``[start, end)``."""
    before = nearest_before(measurements, core, bounds, unit=unit)
    if before is not None and before.end > start and before.start < start:
        before = None
    after = nearest_after(text, measurements, end, unit=unit)
    if before is None:
        return after
    if after is None:
        return before
    if before.row.scale and after.row.kind == "graded" and start - before.end <= 30:
        return before  # "NYHA standard, grade III to IV cardiac insufficiency"
    return after if (after.start - end) < (start - before.end) else before


def is_adjacent(text: str, meas: Optional[MeasurementMatch], start: int) -> bool:
    """The measurement stands right before the threshold (``ECOG PS: 0-1``, ``Hb (g/dL) of 9``)."""
    return meas is not None and meas.end <= start and ADJACENT.match(text[meas.end:start]) is not None


def is_tight(text: str, meas: Optional[MeasurementMatch], start: int) -> bool:
    """Only spaces, a colon or ``=`` between: the measurement becomes part of the threshold's text."""
    return meas is not None and meas.end <= start and _TIGHT.fullmatch(text[meas.end:start]) is not None


def as_measurement(meas: Optional[MeasurementMatch], name: Optional[str] = None, scale: Optional[Scale] = None,
                   triggered: bool = False, unit: Optional[str] = None) -> Measurement:
    """The output Measurement: a lexicon match, an implicit name (age), a scale named by its trigger, or unknown."""
    if meas is not None:
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
