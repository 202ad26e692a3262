"""What neighbouring thresholds of one criterion share: a comparator, a unit.

- ``< 115 g/L (7.1 mM)``, ``> 180 mmHg systolic and 110 mmHg diastolic``: a value with a unit and no
  comparator, right after a threshold in the same unit (or in parentheses), takes its comparator.
- ``greater than 5,000 and less than 100,000 copies/ml``: a unit written once serves both bounds.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .types import Threshold

_INHERIT_GAP = re.compile(r"\s*(?:[\(\[,/]|and|or|and/or)?\s*", re.IGNORECASE)
_SHARED_GAP = re.compile(r"\s*(?:,|and|but|or)\s*", re.IGNORECASE)


def inherits(text: str, prev: Threshold, d) -> bool:
    """``< 115 g/L (7.1 mM)``, ``> 180 mmHg systolic and 110 mmHg diastolic``: the comparator carries over."""
    if d.comparator is not None or d.is_range or d.unit is None or prev.unit is None:
        return False
    gap = text[prev.span[1]:d.start]
    if _INHERIT_GAP.fullmatch(gap):
        return "(" in gap or "[" in gap or prev.unit == d.unit.ucum
    after_meas = prev.measurement.span is not None and prev.measurement.span[0] >= prev.span[1]
    return after_meas and prev.unit == d.unit.ucum and \
        _INHERIT_GAP.fullmatch(text[prev.measurement.span[1]:d.start]) is not None


def share_units(text: str, found: list[Threshold]) -> list[Threshold]:
    """``greater than 5,000 and less than 100,000 copies/ml``: a unit written once serves both bounds."""
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if a.unit is None and b.unit is not None and a.reference is None and b.reference is None \
                and a.comparator != "between" and _SHARED_GAP.fullmatch(text, a.span[1], b.span[0]) \
                and (a.measurement.name is None or a.measurement.name == b.measurement.name):
            out[i] = replace(a, unit=b.unit, unit_text=b.unit_text, measurement=b.measurement)
    return out
