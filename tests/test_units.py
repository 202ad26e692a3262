"""units: the catalog in models/units.json, the matcher and the rule-file validation."""
from __future__ import annotations

import pytest

from extractor.errors import RuleFileError
from extractor.rulefiles import check, load_rule_json, load_rule_jsonl
from extractor.units import catalog, match_unit, to_ucum


@pytest.mark.parametrize("written, ucum", [
    ("%", "%"), ("K/mm3", "10*3/mm3"), ("k/mm3", "10*3/mm3"), ("K/µL", "10*3/uL"), ("°Celsius", "Cel"), ("mg/m2/week", "mg/m2/wk"), ("percent", "%"), ("mmHg", "mm[Hg]"), ("mm Hg", "mm[Hg]"), ("g/dL", "g/dL"), ("g/dl", "g/dL"),
    ("gm/dl", "g/dL"), ("mg/dL", "mg/dL"), ("µmol/L", "umol/L"), ("μmol/L", "umol/L"), ("umol/l", "umol/L"),
    ("mmol/L", "mmol/L"), ("x 10^9/L", "10*9/L"), ("×10⁹/L", "10*9/L"), ("10^9/L", "10*9/L"),
    ("x 10*3/uL", "10*3/uL"), ("x103/L", "10*3/L"), ("/uL", "/uL"), ("/µL", "/uL"), ("/mcL", "/uL"),
    ("/mm3", "/mm3"), ("/mm³", "/mm3"), ("cells/mm3", "/mm3"), ("copies/ml", "{copies}/mL"),
    ("copy /ml", "{copies}/mL"), ("IU/mL", "[IU]/mL"), ("mL/min", "mL/min"), ("ml/min", "mL/min"),
    ("mL/min/1.73m2", "mL/min/{1.73_m2}"), ("ml/min/1.73 m²", "mL/min/{1.73_m2}"), ("kg/m2", "kg/m2"),
    ("kg/m²", "kg/m2"), ("kg", "kg"), ("g/24h", "g/(24.h)"), ("g during 24 hours", "g/(24.h)"),
    ("g/24 hours", "g/(24.h)"), ("cm", "cm"), ("mm", "mm"), ("ms", "ms"), ("msec", "ms"), ("s", "s"),
    ("seconds", "s"), ("years", "a"), ("yrs", "a"), ("months", "mo"), ("weeks", "wk"), ("U/L", "U/L"),
    ("IU/L", "[IU]/L"), ("ng/mL", "ng/mL"), ("pg/mL", "pg/mL"), ("g/L", "g/L"), ("G/L", "10*9/L"),
    ("mM", "mmol/L"), ("tablespoon", "[tbs_us]"), ("bpm", "/min"), ("pack-years", "{pack-years}"),
    ("kPa", "kPa"), ("kilopascals", "kPa"), ("cmH20", "cm[H2O]"),
])
def test_units_to_ucum(written, ucum):
    assert to_ucum(written) == ucum


@pytest.mark.parametrize("written, ucum", [
    ("mL/kg", "mL/kg"), ("μg/ kg/min", "ug/kg/min"), ("µg/kg/min", "ug/kg/min"), ("mcg/kg/min", "ug/kg/min"),
    ("mg/kg/day", "mg/kg/d"), ("mg / kg / day", "mg/kg/d"), ("mL/kg/h", "mL/kg/h"), ("mL/kg/hour", "mL/kg/h"),
    ("U/kg", "U/kg"), ("IU/kg", "[IU]/kg"), ("mg per kg", "mg/kg"), ("mg/m2/day", "mg/m2/d"),
    ("g/m(2)", "g/m2"), ("mL/day", "mL/d"), ("micrograms/dL", "ug/dL"), ("L/sec", "L/s"), ("days/week", "d/wk"),
])
def test_units_compound_to_ucum(written, ucum):
    assert to_ucum(written) == ucum


@pytest.mark.parametrize("written", ["mg/dose", "mg/kg/dose", "mg/M2/course", "U/L/day"])
def test_units_unreadable_continuation_gives_null_not_a_prefix(written):
    m = catalog().match(written + " of drug", 0)
    assert (m.ucum, m.text, m.end) == (None, written, len(written))


def test_units_percentile_is_a_rank_with_no_ucum():
    m = match_unit("85th percentile", 4)
    assert (m.ucum, m.text, m.dimension) == (None, "percentile", "rank")


@pytest.mark.parametrize("text, pos, ucum, unit_text", [
    ("150 mmHg systolic", 3, "mm[Hg]", "mmHg"),
    ("1.5 x 10^9/L", 3, "10*9/L", "x 10^9/L"),
    ("1 x 104 copy /ml", 7, "{copies}/mL", "copy /ml"),
    ("5mg", 1, "mg", "mg"),
    ("half tablespoonl;", 4, "[tbs_us]", "tablespoonl"),
])
def test_units_match_at_position(text, pos, ucum, unit_text):
    m = match_unit(text, pos)
    assert m is not None and m.ucum == ucum and m.text == unit_text
    assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("text, pos", [("5 q SMA", 1), ("3 mmol", 1), ("2 s", 99), ("10 m", 2)])
def test_units_no_match(text, pos):
    m = match_unit(text, pos)
    assert m is None or m.ucum != "mmol/L"


def test_units_symbols_are_case_sensitive():
    assert to_ucum("G/L") == "10*9/L" and to_ucum("g/L") == "g/L"
    assert to_ucum("mM") == "mmol/L" and to_ucum("mm") == "mm"


def test_units_catalog_loaded_once():
    assert catalog() is catalog()


@pytest.mark.parametrize("name", ["units.json", "comparators.json", "ordinal_scales.json"])
def test_units_rule_files_validate(name):
    assert isinstance(load_rule_json(name), dict)


def test_units_measurement_lexicon_validates():
    rows = load_rule_jsonl("measurements.jsonl")
    assert len(rows) >= 80
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("name, data, message", [
    ("units.json", {"units": [{"ucum": "mg", "surfaces": ["mg"]}]}, "'dimension' is a required property"),
    ("units.json", {"units": [], "extra": 1}, "models/units.json"),
    ("units.json", {"units": [{"ucum": "mg", "dimension": "mass", "surfaces": ["mg"]}],
                    "compound": {"numerator_dimensions": ["mass"], "denominators": [{"ucum": "kg", "surfaces": ["kg"]}]}},
     "$.compound.denominators[0]"),
    ("comparators.json", {"prefix": []}, "models/comparators.json: $"),
    ("measurements.jsonl", {"name": "x", "synonyms": [], "abbreviations": [], "loinc": "bad", "unit": None,
                            "kind": "lab"}, "$.loinc"),
])
def test_units_rule_file_errors_name_the_file_and_problem(name, data, message):
    with pytest.raises(RuleFileError) as info:
        check(name, data)
    assert message in str(info.value)
    assert f"models/{name}" in str(info.value)


def test_unit_after_a_hard_line_wrap_is_read():
    from extractor.thresholds import find_thresholds

    [t] = find_thresholds("Hemoglobin greater than 8\r\n        g/dL")
    assert (t.comparator, t.value, t.unit, t.measurement.name) == (">", 8, "g/dL", "hemoglobin")
    [t] = find_thresholds("hematocrit > 30\r\n  %")
    assert (t.value, t.unit) == (30, "%")
    # a one-letter unit does not start a line after a number, nor does a second line break stand between
    assert [(t.value, t.unit) for t in find_thresholds("Age > 18\nL-dopa allowed")] == [(18, None)]
    assert match_unit("9\n\n g/dL", 1) is None
