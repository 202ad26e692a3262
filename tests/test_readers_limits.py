"""Structured eligibility fields (sex, age limits, healthy volunteers) -> trial.eligibility."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import Options, parse_many
from extractor.readers import iter_records
from extractor.readers.limits import age_limit, eligibility, sex, yes_no
from extractor.types import AgeLimit
from extractor.validation import problems

FAST = Options(entities=False)


@pytest.mark.parametrize("value, expected", [
    ("18 Years", AgeLimit(18, "a", "18 Years")), ("6 Months", AgeLimit(6, "mo", "6 Months")),
    ("28 Days", AgeLimit(28, "d", "28 Days")), ("2.5 years", AgeLimit(2.5, "a", "2.5 years")),
    (18, AgeLimit(18, "a", "18")), ("18", AgeLimit(18, "a", "18")),
    ("N/A", None), ("", None), ("no limit", None), (None, None), ("18 parsecs", None),
])
def test_age_limit(value, expected):
    assert age_limit(value) == expected


@pytest.mark.parametrize("value, expected", [
    ("ALL", "all"), ("Both", "all"), ("Female", "female"), ("MALE", "male"),
    ("Male: yes Female: no", "male"), ("Male: yes Female: yes", "all"), ("unknown", None), (None, None),
])
def test_sex(value, expected):
    assert sex(value) == expected


def test_yes_no_and_empty_eligibility():
    assert (yes_no(False), yes_no("Yes"), yes_no("Accepts Healthy Volunteers"), yes_no("maybe")) == (
        False, True, True, None)
    assert eligibility("unknown", "N/A", None, None) is None


def _write(tmp_path: Path, name: str, content: str) -> str:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return str(path)


def test_api_v2_and_legacy_xml_fields_reach_the_output(tmp_path):
    study = {"protocolSection": {"identificationModule": {"nctId": "NCT01234567"},
                                 "eligibilityModule": {"eligibilityCriteria": "Inclusion Criteria:\n* Adults",
                                                       "sex": "FEMALE", "minimumAge": "18 Years",
                                                       "maximumAge": "65 Years", "healthyVolunteers": True}}}
    xml = ("<clinical_study><id_info><nct_id>NCT07654321</nct_id></id_info><eligibility><criteria><textblock>"
           "Inclusion Criteria:\n - Children</textblock></criteria><gender>All</gender><minimum_age>6 Months"
           "</minimum_age><maximum_age>N/A</maximum_age><healthy_volunteers>No</healthy_volunteers></eligibility>"
           "</clinical_study>")
    docs = list(parse_many([_write(tmp_path, "s.json", json.dumps(study)), _write(tmp_path, "s.xml", xml)],
                           options=FAST))
    first, second = (d.to_dict() for d in docs)
    assert first["trial"]["eligibility"] == {"sex": "female", "minimum_age": {"value": 18, "unit": "a", "text": "18 Years"},
                                             "maximum_age": {"value": 65, "unit": "a", "text": "65 Years"},
                                             "healthy_volunteers": True}
    assert second["trial"]["eligibility"] == {"sex": "all", "minimum_age": {"value": 6, "unit": "mo", "text": "6 Months"},
                                              "maximum_age": None, "healthy_volunteers": False}
    assert problems(first) == [] and problems(second) == []


def test_text_record_has_no_eligibility_field(tmp_path):
    [doc] = list(parse_many([_write(tmp_path, "c.txt", "Inclusion Criteria:\n- Adults\n")], options=FAST))
    assert "eligibility" not in doc.to_dict()["trial"]


def test_ictrp_age_and_gender_fields(tmp_path):
    xml = ("<Trials_downloaded_from_ICTRP><Trial><Main><TrialID>ACTRN12615000123456</TrialID></Main><Criteria>"
           "<Inclusion_agemin>18 Years</Inclusion_agemin><Inclusion_agemax>no limit</Inclusion_agemax>"
           "<Inclusion_gender>Male: yes Female: yes</Inclusion_gender>"
           "<Inclusion_Criteria>Adults aged 18 or over with asthma</Inclusion_Criteria></Criteria></Trial>"
           "</Trials_downloaded_from_ICTRP>")
    [record] = list(iter_records(_write(tmp_path, "ictrp.xml", xml)))
    assert record.eligibility is not None
    assert (record.eligibility.sex, record.eligibility.minimum_age, record.eligibility.maximum_age) == (
        "all", AgeLimit(18, "a", "18 Years"), None)
