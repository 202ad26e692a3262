"""The Python API: parse, parse_text, parse_many, process_records; a failing record stays alone."""
from __future__ import annotations

from pathlib import Path

import pytest

import extractor
from extractor import Options, process_records
from extractor.errors import InputError
from extractor.readers import read_bytes
from extractor.types import Failure, TrialCriteria

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "corpus/medpath/NCT05460481.txt"
FAST = Options(entities=False)


def test_api_parse_text_returns_typed_objects_with_to_dict():
    doc = extractor.parse_text("Exclusion Criteria:\n* INR > 1.5\n* SBP≥ 150 mmHg\n", options=FAST)
    assert isinstance(doc, TrialCriteria)
    inr, sbp = doc.criteria
    assert (inr.id, inr.kind, inr.text) == ("E1", "exclusion", "INR > 1.5")
    assert (inr.thresholds[0].comparator, inr.thresholds[0].value) == (">", 1.5)
    assert (sbp.thresholds[0].value, sbp.thresholds[0].unit) == (150, "mm[Hg]")
    d = doc.to_dict()
    assert d["criteria"][1]["thresholds"][0]["measurement"]["name"] == "systolic blood pressure"
    assert extractor.validate(doc) == []


def test_api_parse_path_and_text_dispatch():
    (doc,) = extractor.parse(EXAMPLE, options=FAST)
    assert doc.trial.id == "NCT05460481"
    (doc2,) = extractor.parse("Age >= 18 years", kind="inclusion", options=FAST)
    assert doc2.criteria[0].thresholds[0].value == 18


def test_api_parse_raises_input_error_naming_the_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match=f"^error: {empty}: "):
        extractor.parse(empty, options=FAST)


def test_api_section_heading_gives_the_implicit_measurement():
    doc = extractor.parse_text("Inclusion Criteria:\nAge:\n* 18 and over\nHematologic:\n* WBC at least 3,000/mm3\n",
                               options=FAST)
    age, wbc = doc.criteria
    assert age.section == "Age"
    assert (age.thresholds[0].measurement.name, age.thresholds[0].comparator, age.thresholds[0].value) == ("age", ">=", 18)
    assert age.thresholds[0].measurement.span is None
    assert wbc.thresholds[0].value == 3000


def test_api_an_extractor_bug_fails_only_its_record(monkeypatch):
    import extractor.thresholds as th

    real = th.find_thresholds

    def flaky(text, section=None):
        if "BOOM" in text:
            raise ValueError("synthetic extractor bug")
        return real(text, section=section)

    monkeypatch.setattr(th, "find_thresholds", flaky)
    records = [r for name, text in [("a", "INR > 1.5"), ("b", "BOOM 5 mg"), ("c", "Age >= 18 years")]
               for r in read_bytes(text.encode(), name, "text")]
    results = list(process_records(records, options=FAST))
    assert [type(r).__name__ for r in results] == ["TrialCriteria", "Failure", "TrialCriteria"]
    assert isinstance(results[1], Failure)
    assert results[1].line() == "error: b: extraction failed: ValueError('synthetic extractor bug')"
    assert results[2].criteria[0].thresholds[0].value == 18


def test_api_repeated_criteria_are_extracted_once(monkeypatch):
    import extractor.pipeline as pl

    calls = []
    real = pl._extract_uncached

    def counting(texts, sections, options):
        calls.append(list(texts))
        return real(texts, sections, options)

    monkeypatch.setattr(pl, "_CACHE", pl.OrderedDict())
    monkeypatch.setattr(pl, "_extract_uncached", counting)
    first = pl.extract(["Platelets >= 100,000/mm3", "Not pregnant", "Platelets >= 100,000/mm3"], FAST)
    again = pl.extract(["Not pregnant", "Hemoglobin >= 9 g/dL"], FAST)
    assert calls == [["Platelets >= 100,000/mm3", "Not pregnant"], ["Hemoglobin >= 9 g/dL"]]
    assert first[0] == first[2] and first[0].thresholds[0].value == 100000
    assert again[0] == first[1]
    assert again[1].thresholds[0].unit == "g/dL"
