"""EU CTR JSON records: English criteria fields, id with member state, secondary ids."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.readers import euctr, iter_records
from extractor.types import Block, Record

MULTI = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "multi-registry"
needs_multi = pytest.mark.skipif(not MULTI.is_dir(), reason=f"shared corpus not found at {MULTI}")


@needs_multi
@pytest.mark.parametrize("name, trial_id, sponsor, status, secondary", [
    ("EUCTR_2013-000615-24-BE.json", "2013-000615-24-BE", "Cliniques universitaires Saint-Luc", "Prematurely Ended",
     ("2013-000615-24", "20121903114")),
    ("EUCTR_2016-004489-24-DE.json", "2016-004489-24-DE", "Instituto Grifols, S.A", "Completed",
     ("2016-004489-24", "IG1405")),
    ("EUCTR_2019-002663-10-ES.json", "2019-002663-10-ES", "Biogen Idec Research Limited", "Ongoing",
     ("2019-002663-10", "232SM203", "NCT04089566", "IND 110011")),
    ("EUCTR_2022-000099-20-DE.json", "2022-000099-20-DE", "Sanofi Pasteur", "Completed",
     ("2022-000099-20", "VAS00006", "U1111-1272-2514")),
])
def test_readers_euctr_samples(name: str, trial_id: str, sponsor: str, status: str, secondary: tuple) -> None:
    path = MULTI / name
    raw = json.loads(path.read_text(encoding="utf-8"))
    [record] = list(iter_records(str(path)))
    assert isinstance(record, Record), record
    assert (record.id, record.registry, record.source_format) == (trial_id, "EUCTR", "euctr")
    assert (record.sponsor, record.status, record.secondary_ids) == (sponsor, status, secondary)
    assert record.title == raw["a3_full_title_of_the_trial"]
    inclusion, exclusion = raw["e3_principal_inclusion_criteria"], raw["e4_principal_exclusion_criteria"]
    assert record.text == inclusion + "\n\n" + exclusion
    assert record.blocks == (Block(0, len(inclusion), "inclusion"),
                             Block(len(inclusion) + 2, len(record.text), "exclusion"))
    assert "criteria text has no line breaks (lost in the register)" in record.warnings


@needs_multi
def test_readers_euctr_uses_english_fields() -> None:
    [record] = list(iter_records(str(MULTI / "EUCTR_2019-002663-10-ES.json")))
    assert record.text.startswith("Part A, B and C: - Genetic documentation of 5q SMA")
    raw = json.loads((MULTI / "EUCTR_2019-002663-10-ES.json").read_text(encoding="utf-8"))
    assert raw["e3_principal_inclusion_criteria_es"] not in record.text


@pytest.mark.parametrize("state, expected", [
    ("Belgium - FPS Health-DGM", "BE"), ("Germany - PEI", "DE"), ("Spain - AEMPS", "ES"), ("Atlantis", None), (None, None),
])
def test_readers_euctr_member_state_code(state: str | None, expected: str | None) -> None:
    assert euctr.member_state_code(state) == expected


def test_readers_euctr_without_member_state_or_criteria() -> None:
    record = euctr.read({"a2_eudract_number": "2020-000001-11"}, "x")
    assert (record.id, record.blocks, record.warnings) == ("2020-000001-11", (), ("no eligibility criteria in record",))
