"""Ages in hours, days and weeks; bare counts and bare doses (no comparator); normal limits written
``times of``; a unit cut off by a stray word; rates per year; spelled-out BMI units. Each row asserts the
real fields: (comparator, value, low, high, unit, unit_text, reference, measurement name)."""
from __future__ import annotations

import pytest

from extractor.thresholds import find_thresholds
from extractor.timeframes import find_timeframes
from extractor.units import match_unit


def _rows(text: str) -> list[tuple]:
    return [(t.comparator, t.value, t.low, t.high, t.unit, t.unit_text, t.reference, t.measurement.name)
            for t in find_thresholds(text)]


# ----------------------------------------------------------------------------- ages of newborns and infants

@pytest.mark.parametrize("text, expected", [
    ("Newborns younger than 48 hours old", [("<", 48, None, None, "h", "hours", None, "age")]),
    ("neonates under 96 hours of age at inclusion", [("<", 96, None, None, "h", "hours", None, "age")]),
    ("Babies no older than 3 weeks postnatal age", [("<=", 3, None, None, "wk", "weeks", None, "age")]),
    ("Preterm infants at most 14 days chronological age", [("<=", 14, None, None, "d", "days", None, "age")]),
    ("infants from 8 to 16 weeks old", [("between", None, 8, 16, "wk", "weeks", None, "age")]),
    ("Age of at least 12 hours", [(">=", 12, None, None, "h", "hours", None, "age")]),
    ("toddlers 10-14 weeks (70 to 98 days) of age at the first visit",
     [("between", None, 10, 14, "wk", "weeks", None, "age")]),
])
def test_age_in_hours_days_weeks_is_a_threshold_not_a_window(text, expected):
    assert _rows(text) == expected
    assert find_timeframes(text) == []


def test_no_older_than_is_at_most():
    assert _rows("children no older than 17 years") == [("<=", 17, None, None, "a", "years", None, "age")]


def test_age_word_span_for_an_age_in_hours():
    (t,) = find_thresholds("Newborns younger than 48 hours old")
    assert t.text == "younger than 48 hours old"
    assert t.measurement.text == "old"


def test_duration_in_weeks_without_an_age_word_stays_a_window():
    assert _rows("up to 6 weeks after surgery") == []
    (tf,) = find_timeframes("up to 6 weeks after surgery")
    assert (tf.max_days, tf.direction) == (42, "after")


# ----------------------------------------------------------------------------- bare counts

@pytest.mark.parametrize("text, expected", [
    ("Must have received two prior lines of chemotherapy",
     [("=", 2, None, None, None, None, None, "prior lines of therapy")]),
    ("has failed 1 previous regimen for metastatic disease",
     [("=", 1, None, None, None, None, None, "prior lines of therapy")]),
    ("agrees to use 2 highly effective methods of contraception",
     [("=", 2, None, None, None, None, None, "methods of contraception")]),
    ("willing to use two forms of birth control, one of which is a condom",
     [("=", 2, None, None, None, None, None, "methods of contraception")]),
])
def test_bare_count_before_what_it_counts_is_equal(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize("text", [
    "treated within one cycle before screening",          # a window, not a count
    "will count as 1 line of systemic therapy",            # a role
    "the 2 prior regimens must include a platinum",        # a definite reference
    "received 1 or 2 prior regimens",                      # alternatives: one '=' would misstate them
    "one of the following: diabetes, hypertension",        # no count noun
    "Patient has 3 children",                              # a count of something no row counts
    "receives 3 doses per week of insulin",                # a frequency
])
def test_bare_numbers_that_are_not_counts(text):
    assert _rows(text) == []


def test_count_with_comparator_is_unchanged():
    assert _rows("at least 2 forms of contraception") == \
        [(">=", 2, None, None, None, None, None, "methods of contraception")]


# ----------------------------------------------------------------------------- bare doses

def test_alternative_dose_after_a_dose_threshold_is_equal():
    # the alternative after "or" (a route word may stand between) is one more dose, "="
    text = "resistant to valganciclovir at 2-3 gm/day po or 10 mg/kg/day IV for 2 weeks"
    assert [r[:6] for r in _rows(text)] == [
        ("between", None, 2, 3, "g/d", "gm/day"),
        ("=", 10, None, None, "mg/kg/d", "mg/kg/day"),
    ]


@pytest.mark.parametrize("text", [
    "ovulation failure after receiving 150 mg/day of clomiphene",   # a regimen alone is no limit
    "taking clopidogrel 75 mg daily",
])
def test_bare_dose_alone_is_not_a_threshold(text):
    assert _rows(text) == []


# ----------------------------------------------------------------------------- normal limits, stray words

@pytest.mark.parametrize("text, expected", [
    ("AST \\<= 2.5 times of the upper limit of normal", [("<=", 2.5, None, None, None, None, "ULN", "aspartate aminotransferase")]),
    ("total bilirubin < 3 times of ULN", [("<", 3, None, None, None, None, "ULN", "total bilirubin")]),
])
def test_times_of_normal_limit(text, expected):
    assert _rows(text) == expected


def test_unit_after_a_stray_word_is_kept_when_it_fits_the_measurement():
    assert _rows("CrCl \\> 50 or mL/min") == [(">", 50, None, None, "mL/min", "mL/min", None, "creatinine clearance")]
    (t,) = find_thresholds("CrCl \\> 50 or mL/min")
    assert t.text == "CrCl \\> 50 or mL/min"


@pytest.mark.parametrize("text, expected", [
    ("ECOG 0 or 1", [("between", None, 0, 1, None, None, None, "ECOG performance status")]),   # no unit
    ("platelets > 100 or 10^9/L", [(">", 100, None, None, None, None, None, "platelet count")]),  # a power, not a unit
    ("creatinine clearance > 60 or mg/dL", [(">", 60, None, None, None, None, None, "creatinine clearance")]),  # wrong dimension
])
def test_stray_word_does_not_take_an_unrelated_unit(text, expected):
    assert _rows(text) == expected


# ----------------------------------------------------------------------------- rates and spelled-out units

@pytest.mark.parametrize("text, expected", [
    ("a birth control method with a failure rate below 1% per year",
     [("<", 1, None, None, "%/a", "% per year", None, None)]),
    ("weight loss > 5%/month", [(">", 5, None, None, "%/mo", "%/month", None, "weight loss")]),
])
def test_rate_units(text, expected):
    assert _rows(text) == expected


def test_fraction_takes_no_other_denominator():
    u = match_unit("% per kg", 0)
    assert (u.ucum, u.text) == ("%", "%")
    assert match_unit("mg per year", 0).ucum == "mg/a"


@pytest.mark.parametrize("text, expected", [
    ("BMI between 19.0 kilogram per meter square (kg/m^2) and 31.5 kg/m^2",
     [("between", None, 19.0, 31.5, "kg/m2", "kg/m^2", None, "body mass index")]),
    ("BMI from 20 to 28 kilograms per meter squared",
     [("between", None, 20, 28, "kg/m2", "kilograms per meter squared", None, "body mass index")]),
])
def test_bmi_with_a_spelled_out_unit(text, expected):
    assert _rows(text) == expected
