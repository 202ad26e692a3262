"""CTIS JSON records: part I found on each layout, items sorted by number, one block per item."""
from __future__ import annotations

import json

import pytest

from extractor.readers import ctis
from conftest import one_record

from conftest import MULTI, needs_multi


_one = one_record


@needs_multi
@pytest.mark.parametrize("number, n_inclusion, n_exclusion, sponsor, secondary", [
    ("2022-500244-37-00", 7, 11, "Kinarus AG", ()),                       # authorizedPartI
    ("2023-505613-24-00", None, None, "Merck Sharp & Dohme LLC", ("NCT04665037", "75,061; 125,097")),
    ("2023-508143-51-01", 1, 1, "Roessingh Centrum Voor Revalidatie", ()),
    ("2024-510663-34-00", 5, 8, "Glaxosmithkline Research & Development Limited", ("NCT04494412",)),  # authorizedApplication
])
def test_readers_ctis_samples(number: str, n_inclusion: int | None, n_exclusion: int | None, sponsor: str,
                              secondary: tuple) -> None:
    record = _one(MULTI / f"CTIS_{number}.json")
    assert (record.id, record.registry, record.source_format) == (number, "CTIS", "ctis")
    assert (record.sponsor, record.secondary_ids) == (sponsor, secondary)
    kinds = [b.kind for b in record.blocks]
    if n_inclusion is not None:
        assert kinds == ["inclusion"] * n_inclusion + ["exclusion"] * n_exclusion
    assert record.text == "\n".join(record.text[b.start:b.end] for b in record.blocks)


@needs_multi
def test_readers_ctis_sorted_by_number_and_atomic() -> None:
    path = MULTI / "CTIS_2022-500244-37-00.json"
    record = _one(path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    items = raw["authorizedPartI"]["trialDetails"]["trialInformation"]["eligibilityCriteria"]["principalExclusionCriteria"]
    expected = [i["principalExclusionCriteria"] for i in sorted(items, key=lambda i: i["number"])]
    exclusion = [record.text[b.start:b.end] for b in record.blocks if b.kind == "exclusion"]
    assert exclusion == expected
    assert exclusion[-2:] == [
        "Liver enzyme elevation more than 3x above normal in the last 4weeks or at inclusion",
        "Patients who are detained or committed to an institution by a lawcourt or by legal authorities "
        "(subject is vulnerable, such as deprived of freedom)"]
    assert all(b.atomic for b in record.blocks)
    assert record.title.startswith("A 4-week double-blind, randomized, placebo-controlled, phase II study")
    assert record.status == "Authorised, not started"


@needs_multi
def test_readers_ctis_item_holding_a_whole_list_is_not_atomic() -> None:
    record = _one(MULTI / "CTIS_2023-508143-51-01.json")
    assert [b.atomic for b in record.blocks] == [False, False]
    assert record.warnings == ("inclusion criterion 1 holds a list of 8 entries: its block is not atomic",
                               "exclusion criterion 1 holds a list of 11 entries: its block is not atomic")


def test_readers_ctis_applications_layout_and_search() -> None:
    criteria = {"principalInclusionCriteria": [{"number": 2, "principalInclusionCriteria": "B"},
                                               {"number": 1, "principalInclusionCriteria": "A"}],
                "principalExclusionCriteria": [{"number": 1, "principalExclusionCriteria": "C"}]}
    nested = {"trialDetails": {"trialInformation": {"eligibilityCriteria": criteria}}}
    record = ctis.read({"ctNumber": "2023-500000-00-00", "applications": [{"partI": nested}]}, "x")
    assert record.text == "A\nB\nC"
    assert [(b.start, b.end, b.kind, b.atomic) for b in record.blocks] == [
        (0, 1, "inclusion", True), (2, 3, "inclusion", True), (4, 5, "exclusion", True)]
    odd = ctis.read({"ctNumber": "2023-500000-00-00", "somewhere": {"else": [nested]}}, "x")
    assert odd.text == "A\nB\nC"
