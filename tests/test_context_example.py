"""ConText flags on the criteria of the example record NCT05460481, with hand-given entity spans."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.components.abbrev import record_long_forms, with_long_forms
from extractor.components.context import FLAGS, apply_context
from extractor.types import Entity

RECORD = Path(__file__).resolve().parents[1] / "corpus" / "medpath" / "NCT05460481.txt"


@pytest.fixture(scope="module")
def criteria() -> list[str]:
    with open(RECORD, encoding="utf-8", newline="") as fh:
        lines = fh.read().splitlines()
    return [line.strip()[1:].strip() for line in lines if line.strip().startswith("\u2022")]


def _criterion(criteria: list[str], start: str) -> str:
    [text] = [c for c in criteria if c.startswith(start)]
    return text


def _entity(text: str, type_: str, target: str, nth: int = 0) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = text.index(target, start + 1)
    return Entity(type_, target, (start, start + len(target)))


# criterion (its opening words), then (type, entity text, n-th occurrence, expected flags)
EXAMPLE = [
    ("The woman patients of childbearing age", [
        ("procedure", "contraceptive methods", 0, set()),
        ("device", "intrauterine device", 0, set()),
        ("observation", "lactation", 0, {"negated"}),
        ("measurement", "blood serum test", 0, set()),
        ("measurement", "urine pregnancy test", 0, set()),
    ]),
    ("Patients who have an active, known or suspected autoimmune disease", [
        ("condition", "autoimmune disease", 0, set()),
        ("procedure", "allogeneic organ transplantation", 0, {"historical"}),
        ("condition", "HIV positive", 0, {"historical"}),
        ("condition", "acquired immunodeficiency syndrome", 0, {"historical"}),
        ("condition", "AIDS", 0, {"historical"}),
    ]),
    ("Have got non remissive toxic reactions", [
        ("condition", "toxic reactions", 0, set()),
        ("procedure", "therapies", 0, {"historical"}),
        ("condition", "alopecia", 0, {"excepted"}),
    ]),
    ("Patients who had received chemotherapy", [
        ("procedure", "chemotherapy", 0, set()),
        ("procedure", "radiation", 0, set()),
        ("drug", "Diphosphonate", 0, {"excepted"}),
        ("procedure", "first dose", 0, set()),
        ("procedure", "local radiotherapy", 0, {"historical"}),
    ]),
    ("Have failed for two times or beyond", [
        ("procedure", "platinum two drugs chemotherapy", 0, set()),
        ("procedure", "adjunctive chemotherapy", 0, {"excepted"}),
        ("procedure", "neoadjuvant therapy", 0, {"excepted"}),
        ("procedure", "concurrent chemoradiotherapy", 0, {"excepted"}),
    ]),
    ("Have received live or attenuated vaccine", [
        ("drug", "live or attenuated vaccine", 0, set()),
        ("drug", "Penpulimab", 0, set()),
        ("drug", "live or attenuated vaccine", 1, {"hypothetical"}),
    ]),
    ("Patients are participating in other clinical studies", [
        ("procedure", "clinical studies", 0, set()),
        ("procedure", "non-interventional studies", 0, {"excepted"}),
    ]),
    ("Patients with NCI-CTCAE grade II", [
        ("condition", "peripheral neuropathy", 0, set()),
        ("condition", "trauma", 0, {"excepted"}),
    ]),
    ("Patients with brain or central nervous system metastases", [
        ("condition", "brain or central nervous system metastases", 0, set()),
        ("condition", "cerebral hemorrhage", 0, {"negated"}),
    ]),
    ("Active or previously recorded inflammatory bowel disease", [
        ("condition", "inflammatory bowel disease", 0, {"historical"}),
    ]),
    ("Patients who have known a history of severe hypersensitivity", [
        ("condition", "severe hypersensitivity", 0, {"historical"}),
        ("drug", "monoclonal antibodies", 0, {"historical"}),
    ]),
]


@pytest.mark.parametrize("start,expected", EXAMPLE, ids=[e[0][:30] for e in EXAMPLE])
def test_context_example_record_flags(criteria, start, expected):
    text = _criterion(criteria, start)
    ents = [_entity(text, type_, target, nth) for type_, target, nth, _ in expected]
    [out] = apply_context([text], [ents])
    got = [(e.text, {f for f in FLAGS if getattr(e, f)}) for e in out]
    assert got == [(target, flags) for _, target, _, flags in expected]


def test_context_example_record_long_forms(criteria):
    abbrevs = record_long_forms(criteria)
    assert abbrevs["AIDS"] == "acquired immunodeficiency syndrome"
    assert abbrevs["LVEF"] == "left ventricular ejection fraction"
    assert abbrevs["ICIs"] == "Immune Checkpoint Inhibitors"  # spelled out in another criterion
    text = _criterion(criteria, "Known primary multidrug resistance")
    [ent] = with_long_forms([_entity(text, "drug", "ICIs")], abbrevs)
    assert ent.long_form == "Immune Checkpoint Inhibitors"
