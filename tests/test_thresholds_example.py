"""The model example record (corpus/medpath/NCT05460481.txt): every threshold of every criterion, exactly."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.thresholds import find_thresholds

EXAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "medpath" / "NCT05460481.txt"
U = None

# criterion (its first words) -> [(text, comparator, value, low, high, unit, unit_text, reference, measurement), ...]
EXPECTED = {
    "Disease progression following prior Immune": [
        ("at least 2", ">=", 2, U, U, U, U, U, "treatment cycles")],
    "ECOG PS: 0-1, Expected Survival Time": [
        ("ECOG PS: 0-1", "between", U, 0, 1, U, U, U, "ECOG performance status"),
        ("Expected Survival Time: Over 3 months", ">", 3, U, U, "mo", "months", U, "life expectancy")],
    "Have failed for two times or beyond": [
        ("two times or beyond", ">=", 2, U, U, U, U, U, "prior platinum chemotherapy failures")],
    "Iconography (CT or MRI) shows obvious": [
        ("5 mm or less", "<=", 5, U, U, "mm", "mm", U, "tumor vessel diameter")],
    "Have got non remissive toxic reactions": [
        ("over level 1", ">", 1, U, U, U, U, U, "adverse event grade")],
    "Abnormal coagulation (INR > 1.5": [
        ("INR > 1.5", ">", 1.5, U, U, U, U, U, "international normalized ratio"),
        ("> ULN + 4 seconds", ">", 4, U, U, "s", "seconds", "ULN", "prothrombin time"),
        ("APTT ULN > 1.5", ">", 1.5, U, U, U, U, "ULN", "activated partial thromboplastin time")],
    "Have clinical significant hemoptysis": [
        ("daily hemoptysis more than half tablespoonl", ">", 0.5, U, U, "[tbs_us]", "tablespoonl", U,
         "hemoptysis volume"),
        ("fecal occulted blood ++ or above", ">=", 2, U, U, U, U, U, "fecal occult blood")],
    "Urine routines show urine protein": [
        ("urine protein≥ ++", ">=", 2, U, U, U, U, U, "urine protein"),
        ("urine protein quantity≥ 1.0 g during 24 hours", ">=", 1.0, U, U, "g/(24.h)", "g during 24 hours", U,
         "urine protein quantity")],
    "Uncontrollable hypertensive (SBP": [
        ("SBP≥ 150 mmHg", ">=", 150, U, U, "mm[Hg]", "mmHg", U, "systolic blood pressure"),
        ("DBP≥100 mmHg", ">=", 100, U, U, "mm[Hg]", "mmHg", U, "diastolic blood pressure")],
    "Patients with severe cardiovascular disease": [
        ("grade II or above", ">=", 2, U, U, U, U, U, "myocardial ischemia grade"),
        ("grade III to IV", "between", U, 3, 4, U, U, U, "NYHA functional class"),
        ("< 50%", "<", 50, U, U, "%", "%", U, "left ventricular ejection fraction")],
    "Patients with NCI-CTCAE grade II": [
        ("NCI-CTCAE grade II or greater", ">=", 2, U, U, U, U, U, "peripheral neuropathy grade")],
    "Uncontrolled active hepatitis after treatment": [
        ("HBV DNA more than 1 x 104 copy /ml", ">", 10000, U, U, "{copies}/mL", "copy /ml", U,
         "hepatitis B virus DNA")],
}


def _criteria() -> list[str]:
    text = EXAMPLE.read_text(encoding="utf-8")
    return [line[4:] for line in text.splitlines() if line.startswith("  • ")]


def _row(t):
    return (t.text, t.comparator, t.value, t.low, t.high, t.unit, t.unit_text, t.reference, t.measurement.name)


def test_thresholds_example_has_its_criteria():
    criteria = _criteria()
    assert len(criteria) == 33
    for prefix in EXPECTED:
        assert sum(c.startswith(prefix) for c in criteria) == 1, prefix


@pytest.mark.parametrize("criterion", _criteria(), ids=lambda c: c[:40])
def test_thresholds_example_criterion(criterion):
    expected = next((rows for prefix, rows in EXPECTED.items() if criterion.startswith(prefix)), [])
    found = find_thresholds(criterion)
    assert [_row(t) for t in found] == expected
    for t in found:
        assert criterion[t.span[0]:t.span[1]] == t.text
        m = t.measurement
        assert m.span is not None and criterion[m.span[0]:m.span[1]] == m.text


def test_thresholds_example_not_thresholds():
    """RECIST 1.1, PD-1, CTC AE (4.0), EGFR/ALK/ROS1 and the timeframes yield nothing."""
    texts = [t.text for c in _criteria() for t in find_thresholds(c)]
    joined = " | ".join(texts)
    for never in ("1.1", "PD-1", "4.0", "ROS1", "4 weeks", "28 days", "8 weeks", "7 days", "5 years", "3 months before"):
        assert never not in joined
