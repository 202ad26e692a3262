"""Phrasings a blind probe (session 5, corpus/gold/heldout6-cases.json) found unread: thousands grouped by
spaces, spelled numbers over ten, weeks+days of gestation, ranges written high to low, the span of a rating
scale, limits for men and women, counts after an adjective, frequency words, ``no earlier than``."""
from __future__ import annotations

import pytest

from extractor.numbers import parse_number
from extractor.thresholds import find_thresholds
from extractor.timeframes import find_timeframes


def _rows(text: str) -> list[tuple]:
    out = []
    for t in find_thresholds(text):
        assert text[t.span[0]:t.span[1]] == t.text
        out.append((t.comparator, t.value, t.low, t.high, t.unit, t.measurement.name))
    return out


@pytest.mark.parametrize("text, value", [
    ("60 000", 60000), ("1 000 000", 1000000), ("20\u202f000", 20000), ("1\u00a0500", 1500),
])
def test_space_grouped_thousands_parse(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text, expected", [
    ("Platelet count ≥ 60 000/mm³ and serum albumin ≥ 3,0 g/dL",
     [(">=", 60000, None, None, "/mm3", "platelet count"), (">=", 3.0, None, None, "g/dL", "albumin")]),
    ("HBV DNA ≥ 20 000 IU/mL", [(">=", 20000, None, None, "[IU]/mL", "hepatitis B virus DNA")]),
    # digits glued to a name are no group: "CD4 200-500" is 200 to 500, not 4200
    ("CD4 200-500 cells/mm3", [("between", None, 200, 500, "/mm3", "CD4 count")]),
])
def test_space_grouped_thousands_in_thresholds(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Maternal age of eighteen years or above", [(">=", 18, None, None, "a", "age")]),
    ("aged twenty to forty years", [("between", None, 20, 40, "a", "age")]),
])
def test_spelled_numbers_over_ten(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Singleton pregnancy between 11+0 and 13+6 weeks of gestation",
     [("between", None, 11, 13 + 6 / 7, "wk", "gestational age")]),
    ("Pregnant women at 24–28 weeks' gestation", [("between", None, 24, 28, "wk", "gestational age")]),
    # "3+3" with no week after it is no gestational age
    ("3+3 dose escalation design", []),
])
def test_gestational_weeks(text, expected):
    assert _rows(text) == expected


def test_possessive_gestation_is_no_timeframe():
    assert find_timeframes("Pregnant women at 24–28 weeks' gestation") == []


@pytest.mark.parametrize("text, expected", [
    ("ETDRS letter score of 78 to 24 letters in the study eye", [("between", None, 24, 78, None, "visual acuity")]),
    ("(L1-4) T-score between -1.0 and -2.5", [("between", None, -2.5, -1.0, None, "T-score")]),
    # a hyphen is no downward range, nor "and" without "between", nor numbers of fractions
    ("ECOG 2-0", []),
    ("visual acuity of 20/200 to 20/30", []),
])
def test_ranges_written_high_to_low(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("spinal pain score ≥ 4 on a 0–10 numeric rating scale", [(">=", 4, None, None, None, "pain score")]),
    ("pain ≥ 40 on a 0-100 mm visual analogue scale", [(">=", 40, None, None, None, "pain score")]),
])
def test_the_span_of_a_rating_scale_is_no_threshold(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Average alcohol intake exceeding 30 g/day in men or 20 g/day in women",
     [(">", 30, None, None, "g/d", "alcohol consumption"), (">", 20, None, None, "g/d", "alcohol consumption")]),
    ("Hgb greater than or equal to 12 g/dl for men and 11 gm/dl for women",
     [(">=", 12, None, None, "g/dL", "hemoglobin"), (">=", 11, None, None, "g/dL", "hemoglobin")]),
    ("At least 2 moderate or 1 severe COPD exacerbation", [(">=", 2, None, None, None, None),
                                                          (">=", 1, None, None, None, None)]),
    # "prior" ends in "or" but is no "or": "single" stays a word
    ("No more than 1 prior single agent chemotherapy regimen", [("<=", 1, None, None, None, None)]),
])
def test_shared_comparator(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize("text, expected", [
    # how often, not a pain score
    ("Must have seen a doctor for back pain at least once in the past year", [(">=", 1, None, None, None, None)]),
    ("seizures more than once", [(">", 1, None, None, None, None)]),
    # "twice" of a reference keeps its lab
    ("ALT less than twice normal", [("<", 2, None, None, None, "alanine aminotransferase")]),
])
def test_frequency_words(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Enrolment no earlier than 14 days after the last dose of any COVID-19 vaccine",
     [(14, None, "after", "last dose")]),
    ("surgery no later than 6 weeks before randomization", [(None, 42, "before", "randomization")]),
    ("not earlier than 4 weeks prior to the first course of chemotherapy",
     [(28, None, "before", "first course of chemotherapy")]),
])
def test_no_earlier_no_later_than(text, expected):
    assert [(t.min_days, t.max_days, t.direction, t.anchor) for t in find_timeframes(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Platelet count < 30 × 10⁹/L on two occasions", [("<", 30, None, None, "10*9/L", "platelet count"),
                                                     ("=", 2, None, None, None, "number of occasions")]),
    ("SBP ≥ 140 mmHg on at least three consecutive occasions",
     [(">=", 140, None, None, "mm[Hg]", "systolic blood pressure"), (">=", 3, None, None, None, "number of occasions")]),
])
def test_occasions_are_counted(text, expected):
    assert _rows(text) == expected


# ---- the second hand-written probe (heldout7): registries outside ClinicalTrials.gov

@pytest.mark.parametrize("text, expected", [
    # a score has no unit: "points" is kept as written only
    ("Mini-Mental State Examination score ≥ 24 points",
     [(">=", 24, None, None, None, "Mini-Mental State Examination score")]),
    ("Children older than 3 months and younger than 5 years",
     [(">", 3, None, None, "mo", "age"), ("<", 5, None, None, "a", "age")]),
    # a duration is no age, whichever bound follows it
    ("Ulcers older than 1 year and younger than 5 years", []),
    ("eGFR ≥ 45 ml/min/1,73 m² according to CKD-EPI",
     [(">=", 45, None, None, "mL/min/{1.73_m2}", "estimated glomerular filtration rate")]),
    ("Asexual parasite density of 1,000 to 200,000 parasites/µL", [("between", None, 1000, 200000, "/uL", None)]),
    ("Serum EPO ≤500 mU/mL", [("<=", 500, None, None, "mU/mL", "erythropoietin")]),
])
def test_probe7_phrasings(text, expected):
    assert _rows(text) == expected


def test_score_points_stay_in_unit_text():
    [t] = find_thresholds("MMSE ≥ 24 points")
    assert (t.unit, t.unit_text) == (None, "points")


# ---- the third hand-written probe (heldout8): timeframes and oncology lab lists

@pytest.mark.parametrize("text, expected", [
    ("LVEF below the institutional lower limit of normal",
     [("<", 1, None, None, None, "left ventricular ejection fraction")]),
    ("bilirubin above the institutional upper limit of normal", [(">", 1, None, None, None, "total bilirubin")]),
    # a limit restated alone in brackets is one limit; a bracket that says more keeps its own
    ("Child-Pugh class A (score 5-6)", [("between", None, 5, 6, None, "Child-Pugh score")]),
    ("MMSE score greater than or equal to 22 (≥ 22)", [(">=", 22, None, None, None, "Mini-Mental State Examination score")]),
])
def test_probe8_thresholds(text, expected):
    assert _rows(text) == expected


def test_restated_limit_in_a_conditional_bracket_is_kept():
    rows = _rows("TBL > 1.5 mg/dL (TBL > 1.5 mg/dL is allowed if conjugated bilirubin is < 1.5 × ULN)")
    assert [(c, v, u) for c, v, _, _, u, _ in rows] == [(">", 1.5, "mg/dL"), (">", 1.5, "mg/dL"), ("<", 1.5, None)]


@pytest.mark.parametrize("text, expected", [
    ("Neoadjuvant chemotherapy completed at least 3 weeks and no more than 8 weeks before surgery",
     [(21, 56, "before", "surgery")]),
    ("no more than 8 weeks and at least 3 weeks before surgery", [(21, 56, "before", "surgery")]),
    ("at least 6 months, but no more than 10 years, prior to registration", [(180, 3650, "before", "registration")]),
    # two windows of their own stay two
    ("within 4 weeks before randomization and at least 6 months after surgery",
     [(None, 28, "before", "randomization"), (180, None, "after", "surgery")]),
])
def test_two_bounds_joined_by_and_are_one_window(text, expected):
    assert [(t.min_days, t.max_days, t.direction, t.anchor) for t in find_timeframes(text)] == expected
