"""Gzip-compressed inputs (``x.json.gz``, ``x.xml.gz``, members of a zip, stdin) are read decompressed;
a corrupt or oversized one is a one-line Failure and the other inputs are still read."""
from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path

import pytest

from extractor.readers import _input, iter_records
from extractor.types import Failure, Record

STUDY = {"protocolSection": {"identificationModule": {"nctId": "NCT01234567"},
                             "eligibilityModule": {"eligibilityCriteria": "Inclusion Criteria:\n* Age >= 18 years"}}}
XML = ("<clinical_study><id_info><nct_id>NCT07654321</nct_id></id_info><eligibility><criteria><textblock>"
       "Inclusion Criteria:\n - ECOG 0-1</textblock></criteria></eligibility></clinical_study>")


def _gz(text: str) -> bytes:
    return gzip.compress(text.encode("utf-8"), mtime=0)


def test_gzip_json_file_is_read_as_json(tmp_path: Path) -> None:
    path = tmp_path / "study.json.gz"
    path.write_bytes(_gz(json.dumps([STUDY, STUDY])))
    records = list(iter_records(str(path)))
    assert [(r.id, r.source) for r in records] == [("NCT01234567", f"{path}#1"), ("NCT01234567", f"{path}#2")]
    assert "Age >= 18 years" in records[0].text


def test_gzip_xml_file_in_directory_and_zip(tmp_path: Path) -> None:
    (tmp_path / "a.xml.gz").write_bytes(_gz(XML))
    (tmp_path / "notes.bin.gz").write_bytes(_gz("skipped: not a known extension"))
    [record] = list(iter_records(str(tmp_path)))
    assert isinstance(record, Record) and record.id == "NCT07654321"
    bundle = tmp_path / "bundle.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("x/NCT07654321.xml.gz", _gz(XML))
        archive.writestr("plain.txt", "* Adults")
    records = list(iter_records(str(bundle)))
    assert [r.source.split("!")[1] for r in records] == ["x/NCT07654321.xml.gz", "plain.txt"]
    assert records[0].id == "NCT07654321" and records[1].text == "* Adults"


def test_gzip_on_stdin() -> None:
    [record] = list(iter_records("-", stdin=io.BytesIO(_gz(json.dumps(STUDY)))))
    assert isinstance(record, Record) and record.id == "NCT01234567"


def test_gzip_truncated_is_a_failure_and_the_next_file_is_read(tmp_path: Path) -> None:
    data = _gz(json.dumps(STUDY) * 20)
    (tmp_path / "a.json.gz").write_bytes(data[: len(data) // 2])
    (tmp_path / "b.json").write_text(json.dumps(STUDY), encoding="utf-8")
    results = list(iter_records(str(tmp_path)))
    assert isinstance(results[0], Failure)
    assert results[0].message.startswith("corrupt gzip data: ")
    assert "\n" not in results[0].message
    assert isinstance(results[1], Record) and results[1].id == "NCT01234567"


def test_gzip_bomb_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_input, "MAX_BYTES", 1000)
    path = tmp_path / "big.txt.gz"
    path.write_bytes(_gz("x" * 100_000))
    [failure] = list(iter_records(str(path)))
    assert isinstance(failure, Failure)
    assert failure.message == "input too large: more than 1000 bytes once decompressed"
