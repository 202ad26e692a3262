"""The output validator: schema errors with JSON paths, span checks, both validators agreeing."""
from __future__ import annotations

import copy

import pytest

import extractor
from extractor.errors import SchemaValidationError
from extractor.pipeline import Options
from extractor.validation import check, problems

FAST = Options(entities=False)


@pytest.fixture(scope="module")
def doc() -> dict:
    return extractor.parse_text("Inclusion Criteria:\n* Age >= 18 years\nExclusion Criteria:\n* INR > 1.5\n",
                                options=FAST).to_dict()


def test_validate_a_parsed_document_is_valid(doc):
    assert problems(doc) == []
    check(doc)


@pytest.mark.parametrize("mutate, path, message", [
    (lambda d: d.pop("warnings"), "$", "'warnings' is a required property"),
    (lambda d: d["criteria"][0].update(kind="maybe"), "$.criteria[0].kind", "'maybe' is not one of ['inclusion', 'exclusion']"),
    (lambda d: d["criteria"][0].update(id="X1"), "$.criteria[0].id", "'X1' does not match '^[IE][1-9][0-9]*$'"),
    (lambda d: d["criteria"][0].update(span=[1]), "$.criteria[0].span", "[1] is too short"),
    (lambda d: d["criteria"][1]["thresholds"].append({
        "text": "x", "span": [0, 1], "measurement": {"text": None, "span": None, "name": None},
        "comparator": "between", "value": 3, "low": None, "high": None, "unit": None, "unit_text": None,
        "reference": None}), "$.criteria[1].thresholds[0].high", "None is not of type 'number'"),
    (lambda d: d["criteria"][0].update(span=[0, 3]), "$.criteria[0].span", "text[0:3] is 'Inc', not the item's text 'Age >= 18 years'"),
])
def test_validate_reports_the_json_path(doc, mutate, path, message):
    bad = copy.deepcopy(doc)
    if bad["criteria"][1]["thresholds"] and "thresholds" in str(path):
        bad["criteria"][1]["thresholds"].clear()
    mutate(bad)
    found = problems(bad)
    assert (path, message) in found
    with pytest.raises(SchemaValidationError) as err:
        check(bad)
    assert str(err.value).startswith(found[0][0] + ": ")
