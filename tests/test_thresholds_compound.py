"""Thresholds on compound units, ranks (percentiles), mixed numbers, half-open ``from … to less than`` ranges
and a ``?`` standing for a lost ``×`` before a normal limit. Each row asserts the real fields."""
from __future__ import annotations

import pytest

from extractor.numbers import parse_number
from extractor.thresholds import find_thresholds
from extractor.units import match_unit


def _rows(text: str) -> list[tuple]:
    return [(t.comparator, t.value, t.low, t.high, t.unit, t.unit_text, t.reference) for t in find_thresholds(text)]


# ----------------------------------------------------------------------------- compound units

@pytest.mark.parametrize("text, expected", [
    ("a fluid bolus of at least 20 mL/kg given", [(">=", 20, None, None, "mL/kg", "mL/kg", None)]),
    ("dopamine above 5 µg / kg / min", [(">", 5, None, None, "ug/kg/min", "µg / kg / min", None)]),
    ("epinephrine infusion > 0.1 mcg/kg/min", [(">", 0.1, None, None, "ug/kg/min", "mcg/kg/min", None)]),
    ("prednisone no more than 0.5 mg/kg/day", [("<=", 0.5, None, None, "mg/kg/d", "mg/kg/day", None)]),
    ("urine output below 0.5 ml/kg/hr", [("<", 0.5, None, None, "mL/kg/h", "ml/kg/hr", None)]),
    ("heparin at least 80 U/kg", [(">=", 80, None, None, "U/kg", "U/kg", None)]),
    ("insulin requirement > 2 units per kg per day", [(">", 2, None, None, "U/kg/d", "units per kg per day", None)]),
    ("cumulative doxorubicin ≤ 450 mg per square meter", [("<=", 450, None, None, "mg/m2", "mg per square meter", None)]),
    ("methotrexate no greater than 15 mg/m(2)/week", [("<=", 15, None, None, "mg/m2/wk", "mg/m(2)/week", None)]),
    ("vitamin D intake > 1000 IU/day", [(">", 1000, None, None, "[IU]/d", "IU/day", None)]),
    ("BMI between 30 and 35 kg/m(2)", [("between", None, 30, 35, "kg/m2", "kg/m(2)", None)]),
    ("diastolic greater than 100 mm/Hg", [(">", 100, None, None, "mm[Hg]", "mm/Hg", None)]),
])
def test_compound_units(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a unit that goes on with a part we cannot read: unit null, everything as written in unit_text
    ("ifosfamide more than 3 g/dose", [(">", 3, None, None, None, "g/dose", None)]),
    ("carboplatin at least 300 mg/M2/course", [(">=", 300, None, None, None, "mg/M2/course", None)]),
])
def test_unit_never_cut_to_its_first_part(text, expected):
    assert _rows(text) == expected


def test_a_second_unit_with_its_own_slash_is_an_alternative():
    m = match_unit("5 mg/dL/mmol/L", 2)
    assert (m.ucum, m.text) == ("mg/dL", "mg/dL")


def test_units_alone_stay_vague_but_take_a_dose_denominator():
    assert match_unit("2 units of blood", 2) is None
    assert match_unit("2 units/month", 2) is None  # units of blood a month: no enzyme unit
    m = match_unit("5 units/kg", 2)
    assert (m.ucum, m.text, m.dose) == ("U/kg", "units/kg", True)


def test_compound_unit_span_and_dimension():
    text = "≥ 2 inotropes of at least 10 μg/ kg/min"
    m = match_unit(text, text.index("10") + 2)
    assert (m.ucum, m.text, m.dimension) == ("ug/kg/min", "μg/ kg/min", "mass per mass per time")
    assert text[m.start:m.end] == m.text


def test_dose_range_without_measurement_is_not_a_threshold():
    # "(70-80 mg/m2/day on day 1)": a dose schedule, as a bare "70-80 mg" always was
    assert _rows("cisplatin (70-80mg/m2/day on day 1)") == []


# ----------------------------------------------------------------------------- ranks

@pytest.mark.parametrize("text, expected", [
    ("diastolic blood pressure less than the 3rd centile for gestation", [("<", 3, None, None, None, "centile", None)]),
    ("BMI >= 85th percentile for age", [(">=", 85, None, None, None, "percentile", None)]),
    ("weight above the 5th percentile and below 95th percentile",
     [(">", 5, None, None, None, "percentile", None), ("<", 95, None, None, None, "percentile", None)]),
    ("height < 10 percentile", [("<", 10, None, None, None, "percentile", None)]),
    ("BMI <90th %ile for age", [("<", 90, None, None, None, "%ile", None)]),
])
def test_percentiles_are_ranks_with_no_unit(text, expected):
    assert _rows(text) == expected


def test_rank_value_and_span():
    text = "heart rate less than the 2nd percentile"
    (t,) = find_thresholds(text)
    assert t.text == "heart rate less than the 2nd percentile" and text[t.span[0]:t.span[1]] == t.text
    assert t.value == 2 and t.unit is None and t.measurement.name == "heart rate"


def test_ordinal_without_rank_is_not_a_value():
    assert find_thresholds("relapse after the 2nd line of therapy") == []


# ----------------------------------------------------------------------------- half-open ranges

@pytest.mark.parametrize("text, expected", [
    ("BMI from 18.5 to less than 25.0", [(">=", 18.5, None, None, None, None, None), ("<", 25.0, None, None, None, None, None)]),
    ("eGFR from 30 to < 60 mL/min/1.73 m2", [(">=", 30, None, None, "mL/min/{1.73_m2}", "mL/min/1.73 m2", None),
                                             ("<", 60, None, None, "mL/min/{1.73_m2}", "mL/min/1.73 m2", None)]),
    ("age from 18 up to 65 years", [("between", None, 18, 65, "a", "years", None)]),
    ("ejection fraction between 40% and less than 50%", [(">=", 40, None, None, "%", "%", None), ("<", 50, None, None, "%", "%", None)]),
    ("age from 18 to 65 years", [("between", None, 18, 65, "a", "years", None)]),
])
def test_from_to_with_a_comparator_on_the_upper_end(text, expected):
    assert _rows(text) == expected


# ----------------------------------------------------------------------------- lost multiplication sign

@pytest.mark.parametrize("text, expected", [
    ("Total bilirubin \\<1.5?ULN", [("<", 1.5, None, None, None, None, "ULN")]),
    ("AST and ALT ≤ 2.5 ? ULN", [("<=", 2.5, None, None, None, None, "ULN")]),
])
def test_question_mark_for_a_lost_times_sign(text, expected):
    assert _rows(text) == expected


# ----------------------------------------------------------------------------- mixed numbers

@pytest.mark.parametrize("written, value", [("27 6/7", 27 + 6 / 7), ("23 0/7", 23), ("1 1/2", 1.5), ("2 3/4", 2.75)])
def test_mixed_numbers(written, value):
    assert parse_number(written) == pytest.approx(value)


def test_gestational_age_in_weeks_and_days():
    (t,) = find_thresholds("Gestational age of 23 0/7 - 27 6/7 weeks")
    assert (t.comparator, t.low, t.unit, t.unit_text) == ("between", 23, "wk", "weeks")
    assert t.high == pytest.approx(27 + 6 / 7)
    assert t.measurement.name == "gestational age"


def test_blood_pressure_pair_is_not_a_mixed_number():
    rows = _rows("BP > 140 90/60 mmHg")
    assert all(r[1] != pytest.approx(140 + 90 / 60) for r in rows)


# ----------------------------------------------------------------------------- bare enzyme and international units

@pytest.mark.parametrize("text, expected", [
    ("Anti-streptolysin O (ASO) \\<500U", [("<", 500, None, None, "U", "U", None)]),
    ("ASO titre < 200 U", [("<", 200, None, None, "U", "U", None)]),
    ("Vitamin D supplementation above 4000 IU", [(">", 4000, None, None, "[IU]", "IU", None)]),
    # 'units' of blood or of alcohol are not enzyme units
    ("transfusion of more than 2 units of blood", [(">", 2, None, None, None, None, None)]),
])
def test_bare_enzyme_and_international_units(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Erythrocyte sedimentation rate ≤15mm/h (men) or 20mm/h (women)",
     [("<=", 15, None, None, "mm/h", "mm/h", None), ("<=", 20, None, None, "mm/h", "mm/h", None)]),
    ("Hemoglobin < 13 g/dL (males) or 12 g/dL (females)",
     [("<", 13, None, None, "g/dL", "g/dL", None), ("<", 12, None, None, "g/dL", "g/dL", None)]),
])
def test_comparator_shared_across_a_subgroup_label(text, expected):
    assert _rows(text) == expected
