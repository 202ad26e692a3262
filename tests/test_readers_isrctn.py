"""ISRCTN JSON records: joined text, two kinded blocks, ids and titles of all nine samples."""
from __future__ import annotations

import json

import pytest

from extractor.readers import isrctn
from conftest import one_record
from extractor.types import Block

from conftest import MULTI, needs_multi


_one = one_record


@needs_multi
@pytest.mark.parametrize("number, title, secondary", [
    ("12949496", "Using milrinone in babies with high blood pressure in the lungs soon after birth",
     ("2014-002988-16", "MINT-2014-01")),
    ("13281214", "Closing patent ductus arteriosus in preterm babies by using a risk-based score",
     ("2015-004526-33", "PDARCT1")),
    ("17473621", None, ()),
    ("20343063", "Cranberry and enterocolitis in premature infants", ("EC10-240",)),
    ("61070850", None, ("40/2006",)),
    ("76463425", "Speed of Increasing milk Feeds Trial", ("NCT01727609", "HTA 11/01/25")),
    ("80181452", "Neonatal European Study of Inhaled Steroids", ("NCT01035190", "Grand_Award_Health-F5_2009-223060")),
    ("88261002", "Enteral LactoFerrin In Neonates", ("2012-004260-22", "ELFIN01")),
    ("96912679", None, ("1005191",)),
])
def test_readers_isrctn_samples(number: str, title: str | None, secondary: tuple) -> None:
    path = MULTI / f"ISRCTN_{number}.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    inclusion, exclusion = raw["participants"]["inclusion"], raw["participants"]["exclusion"]
    record = _one(path)
    assert (record.id, record.registry, record.source_format) == (f"ISRCTN{number}", "ISRCTN", "isrctn")
    if title is not None:
        assert record.title == title
    assert record.title == raw["trialDescription"]["title"]
    assert record.secondary_ids == secondary
    assert record.text == inclusion + "\n\n" + exclusion
    assert record.blocks == (Block(0, len(inclusion), "inclusion"),
                             Block(len(inclusion) + 2, len(record.text), "exclusion"))


@needs_multi
def test_readers_isrctn_block_texts() -> None:
    record = _one(MULTI / "ISRCTN_20343063.json")
    inc, exc = (record.text[b.start:b.end] for b in record.blocks)
    assert inc == ("1. Preterm infants less than 1800 g birth weight, either sex\n"
                   "2. Infants with gestational age less than 32 weeks (depending FUR)")
    assert exc == ("1. Newborns multiple malformations\n2. Early neonatal sepsis\n"
                   "3. Does not provide consent to participate in the study")


@pytest.mark.parametrize("participants, text, kinds", [
    ({"inclusion": "Adults", "exclusion": ""}, "Adults", ["inclusion"]),
    ({"exclusion": "Pregnancy"}, "Pregnancy", ["exclusion"]),
    ({"inclusion": "  ", "exclusion": None}, "", []),
])
def test_readers_isrctn_missing_parts(participants: dict, text: str, kinds: list) -> None:
    record = isrctn.read({"isrctn": "12345678", "participants": participants}, "x")
    assert record.text == text
    assert [b.kind for b in record.blocks] == kinds
    assert record.warnings == (() if kinds else ("no eligibility criteria in record",))
