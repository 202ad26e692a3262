"""Which words name a threshold's measurement: phrases after an earlier threshold, ``of`` amounts,
parenthesised definitions, and words that only imply an age (``adults``)."""
from __future__ import annotations

import pytest

from extractor.thresholds import find_thresholds


def _one(text: str, index: int = 0):
    found = find_thresholds(text)
    return found[index], found


def test_phrase_after_an_earlier_threshold_names_the_next_one():
    th, found = _one("Potassium < 3.0 mmol/L, Fatigue Severity Scale > 36", 1)
    assert len(found) == 2
    assert found[0].measurement.name == "potassium" and found[0].value == 3.0 and found[0].unit == "mmol/L"
    assert th.comparator == ">" and th.value == 36 and th.unit is None
    assert th.measurement.text == "Fatigue Severity Scale" and th.measurement.name is None
    text = "Potassium < 3.0 mmol/L, Fatigue Severity Scale > 36"
    assert text[th.measurement.span[0]:th.measurement.span[1]] == "Fatigue Severity Scale"


def test_bound_with_no_phrase_between_still_shares_the_measurement():
    found = find_thresholds("Sodium > 150 mmol/L or < 125 mmol/L")
    assert [(t.comparator, t.value, t.unit) for t in found] == [(">", 150, "mmol/L"), ("<", 125, "mmol/L")]
    assert all(t.measurement.name == "sodium" for t in found)


def test_sex_word_after_an_earlier_threshold_does_not_name_a_measurement():
    found = find_thresholds("Haemoglobin below 12 g/dL in women, men below 13 g/dL")
    assert [(t.comparator, t.value) for t in found] == [("<", 12), ("<", 13)]
    assert all(t.measurement.name == "hemoglobin" for t in found)


def test_amount_names_what_it_is_an_amount_of():
    th, _ = _one("Receiving more than 15 mg of methotrexate per week")
    assert (th.comparator, th.value, th.unit) == (">", 15, "mg")
    assert th.measurement.text == "methotrexate" and th.measurement.name is None


def test_percentage_of_a_named_whole():
    th, _ = _one("Radiotherapy to more than 30% of the bone marrow")
    assert (th.comparator, th.value, th.unit) == (">", 30, "%")
    assert th.measurement.text == "bone marrow"


def test_framing_verb_is_not_a_measurement():
    th, _ = _one("Subjects who spend less than 40% of income on rent")
    assert (th.comparator, th.value, th.unit) == ("<", 40, "%")
    assert th.measurement.text == "income"


def test_parenthesised_definition_does_not_name_the_measurement():
    th, _ = _one("Body mass index (weight divided by height squared) of 20 to 28 kg/m2")
    assert (th.comparator, th.low, th.high, th.unit) == ("between", 20, 28, "kg/m2")
    assert th.measurement.name == "body mass index" and th.measurement.text == "Body mass index"


def test_defined_abbreviation_still_counts():
    th, _ = _one("Body mass index (BMI) > 40 kg/m2")
    assert (th.comparator, th.value) == (">", 40)
    assert th.measurement.text == "Body mass index (BMI)" and th.measurement.name == "body mass index"


def test_adults_implies_an_age_without_naming_it():
    th, found = _one("Adult volunteers (> 21 years)")
    assert len(found) == 1
    assert (th.comparator, th.value, th.unit) == (">", 21, "a")
    assert th.measurement.name == "age" and th.measurement.span is None and th.text == "> 21 years"


def test_age_word_after_the_value_names_the_age_of_adults():
    text = "Adults = 21 years of age"
    th, _ = _one(text)
    assert (th.comparator, th.value, th.unit) == ("=", 21, "a")
    assert th.measurement.text == "age" and th.measurement.name == "age"
    assert text[th.measurement.span[0]:th.measurement.span[1]] == "age"


@pytest.mark.parametrize("text, meas_text, name, th_text", [
    ("alanine transaminase (ALT) or aspartate transaminase (AST) > 3 x ULN",
     "alanine transaminase (ALT) or aspartate transaminase (AST)",
     "alanine aminotransferase or aspartate aminotransferase", "> 3 x ULN"),
    ("SGOT/SGPT less than 3 times normal", "SGOT/SGPT",
     "aspartate aminotransferase or alanine aminotransferase", "SGOT/SGPT less than 3 times normal"),
    ("serum creatinine or blood urea nitrogen > 1.5 ULN", "serum creatinine or blood urea nitrogen",
     "creatinine or blood urea nitrogen", "serum creatinine or blood urea nitrogen > 1.5 ULN"),
    ("LH and FSH> 30mUI/ml", "LH and FSH", "luteinizing hormone and follicle-stimulating hormone", "LH and FSH> 30mUI/ml"),
])
def test_coordinated_measurements_share_one_threshold(text, meas_text, name, th_text):
    [th] = find_thresholds(text)
    assert (th.measurement.text, th.measurement.name, th.text) == (meas_text, name, th_text)
    assert text[th.measurement.span[0]:th.measurement.span[1]] == meas_text
    assert th.measurement.loinc is None


def test_measurement_of_another_kind_is_not_coordinated():
    # "Age" (a time row) and "BMI" (a vital) are not one coordinated measurement
    found = find_thresholds("total bilirubin <1.5 X ULN; AST, ALT<2.5X ULN")
    assert [(t.measurement.text, t.value) for t in found] == [("total bilirubin", 1.5), ("AST, ALT", 2.5)]
    [th] = find_thresholds("Age and BMI > 30 kg/m2")
    assert th.measurement.text == "BMI" and th.measurement.name == "body mass index"
