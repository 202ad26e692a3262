"""Legacy CT.gov records converted to JSON (CTGOV_*.json): entity unescaping, mojibake repair."""
from __future__ import annotations

import json

import pytest

from extractor.readers import ctgov_classic_json
from conftest import one_record
from extractor.types import Block, Record

from conftest import MULTI, needs_multi


def _one(name: str) -> Record:
    return one_record(MULTI / name)


@needs_multi
@pytest.mark.parametrize("name, trial_id, sponsor, status, secondary", [
    ("CTGOV_NCT03325556.json", "NCT03325556", "ACADIA Pharmaceuticals Inc.", "Completed", ("ACP-103-045", "2017-002227-13")),
    ("CTGOV_NCT03443973.json", "NCT03443973", "Hoffmann-La Roche", "Terminated", ("WN39658", "2017-001365-24")),
    ("CTGOV_NCT03548584.json", "NCT03548584", "Otsuka Pharmaceutical Development & Commercialization, Inc.",
     "Completed", ("331-14-213",)),
])
def test_readers_ctgov_classic_json_samples(name: str, trial_id: str, sponsor: str, status: str, secondary: tuple) -> None:
    record = _one(name)
    assert (record.id, record.registry, record.source_format) == (trial_id, "ClinicalTrials.gov", "ctgov-classic-json")
    assert (record.sponsor, record.status, record.secondary_ids) == (sponsor, status, secondary)
    assert record.wrapped and record.blocks == (Block(0, len(record.text)),)
    assert "&#xD;" not in record.text and "&apos;" not in record.text


@needs_multi
def test_readers_ctgov_classic_json_unescapes_and_repairs() -> None:
    record = _one("CTGOV_NCT03325556.json")
    assert record.text.startswith(" Inclusion Criteria:\r\r 1. Meets criteria for All-cause Dementia")
    assert "3. Has an MMSE score ≥6 and ≤24\r\r" in record.text
    assert "Parkinson's disease" in record.text
    assert record.warnings == ("unescaped 57 XML character/entity reference(s) in the criteria text",
                               "repaired 2 UTF-8 sequence(s) that had been decoded as Windows-1252")


@needs_multi
def test_readers_ctgov_classic_json_plain_string_kept() -> None:
    raw = json.loads((MULTI / "CTGOV_NCT03443973.json").read_text(encoding="utf-8"))
    record = _one("CTGOV_NCT03443973.json")
    assert record.text == raw["eligibility"]["criteria"]["textblock"]
    assert record.warnings == ()


@pytest.mark.parametrize("raw, expected", [
    ("a &lt; b &amp;&amp; c&#xD;&#13;", "a < b && c\r\r"),
    ("no entities & here", "no entities & here"),
])
def test_readers_ctgov_classic_json_unescape(raw: str, expected: str) -> None:
    assert ctgov_classic_json.unescape_entities(raw)[0] == expected


@pytest.mark.parametrize("raw, expected", [
    ("score \u00e2\u2030\u00a56", "score ≥6"), ("caf\u00c3\u00a9", "café"), ("10 \u00c2\u00b5g", "10 µg"),
    ("café ≥ 6", "café ≥ 6"),
])
def test_readers_ctgov_classic_json_mojibake(raw: str, expected: str) -> None:
    assert ctgov_classic_json.repair_mojibake(raw)[0] == expected
