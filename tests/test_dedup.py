"""Canonical keys and duplicate groups within a record."""
from __future__ import annotations

import pytest

from extractor.dedup import criterion_key, find_duplicates, normalize_text
from extractor.types import Criterion, Measurement, Threshold


def _crit(cid: str, text: str, kind: str = "exclusion", thresholds=()) -> Criterion:
    return Criterion(id=cid, kind=kind, text=text, span=(0, len(text)), thresholds=tuple(thresholds))


@pytest.mark.parametrize("a, b", [
    ("SBP ≥ 150 mmHg", "sbp >= 150 mmhg"),
    ("SBP≥150 mmHg.", "SBP >= 150 mmHg"),
    ("Age \\>= 18 years", "Age >= 18 years"),
    ("Pregnant   or\r\n lactating", "pregnant or lactating;"),
    ("• Pregnant", "Pregnant"),
    ("1 × ULN", "1 x ULN"),
])
def test_dedup_same_key_for_spelling_variants(a, b):
    assert normalize_text(a) == normalize_text(b)
    assert criterion_key(_crit("E1", a)) == criterion_key(_crit("E2", b))


@pytest.mark.parametrize("a, b", [
    ("LVEF < 50%", "LVEF < 45%"),
    ("LVEF < 50%", "LVEF <= 50%"),
    ("Creatinine > 1.5 mg/dL", "Creatinine > 1.5 mmol/L"),
    ("History of stroke", "No history of stroke"),
    ("Any malignancy", "Any malignancy except basal cell carcinoma"),
])
def test_dedup_different_keys_for_different_constraints(a, b):
    assert criterion_key(_crit("E1", a)) != criterion_key(_crit("E2", b))


def test_dedup_kind_is_part_of_the_key():
    assert criterion_key(_crit("I1", "Pregnant", "inclusion")) != criterion_key(_crit("E1", "Pregnant", "exclusion"))
    assert criterion_key(_crit("I1", "Pregnant", "inclusion")).startswith("I:")


def test_dedup_thresholds_are_part_of_the_key():
    m = Measurement(text="LVEF", span=(0, 4), name="left ventricular ejection fraction")
    t50 = Threshold(text="< 50%", span=(5, 10), measurement=m, comparator="<", value=50, unit="%")
    t45 = Threshold(text="< 50%", span=(5, 10), measurement=m, comparator="<", value=45, unit="%")
    assert criterion_key(_crit("E1", "LVEF < 50%", thresholds=[t50])) != criterion_key(_crit("E2", "LVEF < 50%", thresholds=[t45]))


def test_dedup_groups_and_contradictions():
    crits = [_crit("I1", "Signed consent", "inclusion"), _crit("E1", "Pregnant"), _crit("E2", "HIV"),
             _crit("E3", "pregnant."), _crit("E4", "PREGNANT"), _crit("E5", "Signed consent")]
    crits = [c.__class__(**{**c.__dict__, "key": criterion_key(c)}) for c in crits]
    dups, warnings = find_duplicates(crits)
    assert [(d.kept, d.dropped) for d in dups] == [("E1", ("E3", "E4"))]
    assert warnings == ["criterion I1 (inclusion) and E5 (exclusion) state the same text: contradiction"]
