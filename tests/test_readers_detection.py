"""Format detection and containers: files, directories, zips and stdin; forced formats."""
from __future__ import annotations

import io
import json
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from extractor.readers import FORMATS, detect_format, iter_records
from extractor.types import Failure, Record

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
MULTI = CORPUS / "multi-registry"
needs_multi = pytest.mark.skipif(not MULTI.is_dir(), reason=f"shared corpus not found at {MULTI}")

XML = "<?xml version='1.0'?><clinical_study><id_info><nct_id>NCT00000009</nct_id></id_info></clinical_study>"
STUDY = {"protocolSection": {"identificationModule": {"nctId": "NCT01234567"},
                             "eligibilityModule": {"eligibilityCriteria": "* Adults"}}}
MEDPATH = "MedPath\n\nT\n\nRegistration Number\nNCT01234567\nInclusion Criteria\n  • Adults\n"


def test_readers_detection_formats_tuple() -> None:
    assert FORMATS == ("medpath", "ctgov-json", "ctgov-xml", "text", "ctgov-classic-json", "isrctn", "euctr", "ctis",
                       "html")


@pytest.mark.parametrize("name, content, expected", [
    ("a.json", "{}", "json"),
    ("a.jsonl", '{"a": 1}\n{"a": 2}', "json"),
    ("a.xml", "not even xml", "ctgov-xml"),
    ("a.txt", '{"looks": "like json"}', "text"),
    ("a.txt", MEDPATH, "medpath"),
    ("-", '  {"protocolSection": {}}', "json"),
    ("-", "[{}]", "json"),
    ("-", XML, "ctgov-xml"),
    ("-", "<clinical_study/>", "ctgov-xml"),
    ("-", "<18 years old", "text"),
    ("-", "[Inclusion] adults", "text"),
    ("-", MEDPATH, "medpath"),
    ("NCT1.page", "Inclusion Criteria:\n* Adults", "text"),
])
def test_readers_detection_detect_format(name: str, content: str, expected: str) -> None:
    assert detect_format(name, content) == expected


@needs_multi
def test_readers_detection_multi_registry_directory() -> None:
    results = list(iter_records(str(MULTI)))
    records = [r for r in results if isinstance(r, Record)]
    assert Counter(r.source_format for r in records) == {
        "isrctn": 9, "ctgov-json": 5, "ctis": 4, "euctr": 4, "ctgov-classic-json": 3}
    assert [r.source for r in results] == sorted(str(p) for p in MULTI.glob("*.json"))
    [failure] = [r for r in results if isinstance(r, Failure)]
    assert failure == Failure(str(MULTI / "NA_meta-info.json"),
                              "unsupported registry format (JSON object with keys: queries)")
    assert all(r.text.strip() and r.blocks for r in records)


@pytest.mark.parametrize("payload, fmt, expected", [
    (json.dumps(STUDY).encode(), "ctgov-json", "NCT01234567"),
    (XML.encode(), "ctgov-xml", "NCT00000009"),
    (MEDPATH.encode(), "medpath", "NCT01234567"),
    (b"* Adults\r\n", "text", None),
    (json.dumps({"isrctn": "12345678", "participants": {"inclusion": "x"}}).encode(), "isrctn", "ISRCTN12345678"),
    (json.dumps({"a2_eudract_number": "2020-000001-11", "e3_principal_inclusion_criteria": "x"}).encode(), "euctr",
     "2020-000001-11"),
    (json.dumps({"ctNumber": "2023-500000-00-00"}).encode(), "ctis", "2023-500000-00-00"),
    (json.dumps({"ctrname": "CTGOV", "id_info": {"nct_id": "NCT00000001"}}).encode(), "ctgov-classic-json",
     "NCT00000001"),
])
def test_readers_detection_stdin(payload: bytes, fmt: str, expected: str | None) -> None:
    [record] = list(iter_records("-", stdin=io.BytesIO(payload)))
    assert isinstance(record, Record), record
    assert (record.source, record.source_format, record.id) == ("-", fmt, expected)


def test_readers_detection_stdin_zip() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("s.json", json.dumps([STUDY, STUDY]))
    results = list(iter_records("-", stdin=io.BytesIO(buffer.getvalue())))
    assert [r.source for r in results] == ["-!s.json#1", "-!s.json#2"]


def test_readers_detection_forced_format(tmp_path: Path) -> None:
    path = tmp_path / "page.json"  # misleading extension: forcing the reader wins
    path.write_text(MEDPATH, encoding="utf-8")
    assert isinstance(list(iter_records(str(path)))[0], Failure)
    [record] = list(iter_records(str(path), fmt="medpath"))
    assert (record.source_format, record.id) == ("medpath", "NCT01234567")
    [as_text] = list(iter_records(str(path), fmt="text"))
    assert as_text.source_format == "text" and as_text.text == MEDPATH


def test_readers_detection_zip_by_content_and_directory_order(tmp_path: Path) -> None:
    archive_path = tmp_path / "b" / "bundle.data"  # a zip without the .zip name is still a zip… if listed
    archive_path.parent.mkdir()
    with zipfile.ZipFile(archive_path, "w") as archive:
        archive.writestr("x.xml", XML)
    [record] = list(iter_records(str(archive_path)))
    assert (record.source, record.id) == (f"{archive_path}!x.xml", "NCT00000009")
    (tmp_path / "a.zip").write_bytes(archive_path.read_bytes())
    (tmp_path / "c.txt").write_text("* Adults", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("* Hidden", encoding="utf-8")
    assert [r.source for r in iter_records(str(tmp_path))] == [f"{tmp_path / 'a.zip'}!x.xml", str(tmp_path / "c.txt")]


def test_readers_detection_text_stdin_stream() -> None:
    [record] = list(iter_records("-", stdin=io.StringIO("Inclusion Criteria:\r\n* Adults\r\n")))
    assert (record.source, record.source_format, record.text) == ("-", "text", "Inclusion Criteria:\r\n* Adults\r\n")
