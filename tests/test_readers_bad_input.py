"""Bad inputs: each gives a Failure with a one-line message (or a Record with a warning), and the
iteration always goes on to the next input."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from extractor.readers import _input, iter_records
from extractor.types import Failure, Record

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "readers"
LAUGHS_REJECTED = "XML with entity declarations is rejected (entity 'lol')"
XXE_REJECTED = "XML with entity declarations is rejected (entity 'xxe')"
STUDY = {"protocolSection": {"identificationModule": {"nctId": "NCT01234567"},
                             "eligibilityModule": {"eligibilityCriteria": "* Adults"}}}


def _failures(path: str, **kwargs) -> list[str]:
    results = list(iter_records(path, **kwargs))
    assert all(isinstance(r, Failure) for r in results), results
    assert all("\n" not in r.message for r in results)
    return [r.message for r in results]


@pytest.mark.parametrize("name, message", [
    ("empty.txt", "empty file"),
    ("binary.txt", "binary file (NUL byte at offset 7), not text"),
    ("truncated.json", "not valid JSON: line 1 column 85: Unterminated string starting at"),
    ("malformed.json", "not valid JSON: line 2 column 3: Expecting ',' delimiter"),
    ("not_a_study.json", "unsupported registry format (JSON object with keys: title, items)"),
    ("truncated.xml", "not well-formed XML: line 5 column 46: no element found"),
    ("billion_laughs.xml", LAUGHS_REJECTED),
    ("external_entity.xml", XXE_REJECTED),
])
def test_readers_bad_input_fixture(name: str, message: str) -> None:
    assert _failures(str(FIXTURES / name)) == [message]


def test_readers_bad_input_entity_is_never_expanded() -> None:
    # Even when forced to the XML reader, the entity file is rejected before any expansion.
    assert _failures(str(FIXTURES / "external_entity.xml"), fmt="ctgov-xml") == [XXE_REJECTED]


def test_readers_bad_input_invalid_utf8_is_a_warning() -> None:
    [record] = list(iter_records(str(FIXTURES / "invalid_utf8.txt")))
    assert isinstance(record, Record)
    assert record.text == "Inclusion Criteria:\n- Age ≥ 18 years\n- Weight \ufffd 10% of ideal\n"
    assert record.warnings == ("invalid UTF-8 at byte 48: 1 invalid sequence(s) replaced by U+FFFD",)


def test_readers_bad_input_invalid_utf8_in_json(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(json.dumps(STUDY).replace("Adults", "Adults \\u00b1").encode().replace(b"\\u00b1", b"\xb1"))
    [record] = list(iter_records(str(path)))
    assert record.text == "* Adults ±"  # no valid multi-byte sequence at all: a Windows-1252 file
    assert record.warnings[0].startswith("invalid UTF-8 at byte ")
    assert record.warnings[0].endswith(": decoded as Windows-1252")


def test_readers_bad_input_legacy_encoding_is_read_as_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Inclusion Criteria:\n- Weight ± 10% of ideal\n- Café-au-lait spots\n".encode("cp1252"))
    [record] = list(iter_records(str(path)))
    assert record.text == "Inclusion Criteria:\n- Weight ± 10% of ideal\n- Café-au-lait spots\n"
    assert record.warnings == ("invalid UTF-8 at byte 29: decoded as Windows-1252",)


def test_cli_reports_damaged_encoding_and_exits_1_but_writes_every_record(tmp_path: Path) -> None:
    import io

    from extractor.cli import run

    bad = tmp_path / "legacy.txt"
    bad.write_bytes("Inclusion Criteria:\n- Age \u2265 18 years\n- Weight \xb1 10%\n".encode("utf-8").replace(b"\xc2\xb1", b"\xb1"))
    good = tmp_path / "good.txt"
    good.write_text("Inclusion Criteria:\n- ECOG 0-1\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    status = run(["parse", "--no-entities", str(bad), str(good)], io.StringIO(), out, err)
    docs = [json.loads(line) for line in out.getvalue().splitlines()]
    assert status == 1
    assert [d["trial"]["source"] for d in docs] == [str(bad), str(good)]
    assert [c["text"] for c in docs[0]["criteria"]] == ["Age \u2265 18 years", "Weight \ufffd 10%"]
    lines = err.getvalue().splitlines()
    assert lines[0] == f"error: {bad}: invalid UTF-8 at byte 48: 1 invalid sequence(s) replaced by U+FFFD"
    assert "2 records written (1 from input that is not valid UTF-8), 0 failed" in lines[-1]


def test_readers_bad_input_binary_without_nul(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(1, 32)) * 20)
    assert _failures(str(path)) == ["binary file (control bytes), not text"]


def test_readers_bad_input_missing_path(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.json")
    assert list(iter_records(missing)) == [Failure(missing, "no such file or directory")]


def test_readers_bad_input_unknown_format(tmp_path: Path) -> None:
    assert _failures(str(tmp_path), fmt="pdf") == [
        "unknown format 'pdf' (known: medpath, ctgov-json, ctgov-xml, text, ctgov-classic-json, isrctn, euctr, ctis, html)"]


def test_readers_bad_input_empty_directory(tmp_path: Path) -> None:
    assert _failures(str(tmp_path)) == [
        "no input files in directory (looked for .json, .jsonl, .ndjson, .xml, .txt, .text, .csv, .tsv, .html, .htm, "
        ".md, .markdown, .rtf, .docx, .zip, each also .gz)"]


def test_readers_bad_input_iteration_goes_on(tmp_path: Path) -> None:
    for name in ("a_empty.txt", "c_truncated.json"):
        (tmp_path / name).write_bytes((FIXTURES / name[2:]).read_bytes())
    (tmp_path / "b_ok.json").write_text(json.dumps(STUDY), encoding="utf-8")
    (tmp_path / "d_ok.txt").write_text("* Adults\n", encoding="utf-8")
    results = list(iter_records(str(tmp_path)))
    assert [type(r).__name__ for r in results] == ["Failure", "Record", "Failure", "Record"]


def test_readers_bad_input_json_array_of_junk(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([STUDY, 42, {"queries": []}, STUDY]), encoding="utf-8")
    results = list(iter_records(str(path)))
    assert [type(r).__name__ for r in results] == ["Record", "Failure", "Failure", "Record"]
    assert (results[1].source, results[1].message) == (
        f"{path}#2", "unsupported registry format (a JSON int, not a trial record)")
    assert results[2].message == "unsupported registry format (JSON object with keys: queries)"
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    assert _failures(str(empty)) == ["no records in JSON input (empty list)"]


def test_readers_bad_input_corrupt_zip(tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"this is not a zip archive at all")
    assert _failures(str(junk)) == ["not a valid zip archive: File is not a zip file"]
    good = tmp_path / "good.zip"
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.json", json.dumps(STUDY) * 50)
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    [message] = _failures(str(truncated))
    assert message.startswith("not a valid zip archive: ")


def test_readers_bad_input_zip_junk_members(tmp_path: Path) -> None:
    path = tmp_path / "mixed.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("ok.json", json.dumps(STUDY))
        archive.writestr("image.png", b"\x89PNG\r\n\x1a\n\x00\x00")
        archive.writestr("blob.txt", b"\x00\x01\x02")
        archive.writestr("bad.json", "{")
        archive.writestr("inner.zip", b"PK\x05\x06" + b"\x00" * 18)
        archive.writestr("crc.txt", "hello world, criteria here")
    data = path.read_bytes().replace(b"hello world, criteria here", b"hellO world, criteria here")
    path.write_bytes(data)
    results = list(iter_records(str(path)))
    assert [(r.source.split("!")[1], getattr(r, "message", "ok")) for r in results] == [
        ("ok.json", "ok"),
        ("image.png", "unsupported file type in zip: 'image.png'"),
        ("blob.txt", "binary file (NUL byte at offset 0), not text"),
        ("bad.json", "not valid JSON: line 1 column 2: Expecting property name enclosed in double quotes"),
        ("inner.zip", "nested zip archives are not read"),
        ("crc.txt", "corrupt zip member: Bad CRC-32 for file 'crc.txt'"),
    ]


def test_readers_bad_input_oversized_zip_member(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_input, "MAX_BYTES", 1000)
    path = tmp_path / "big.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.txt", "x" * 5000)
        archive.writestr("small.txt", "* Adults")
    results = list(iter_records(str(path)))
    assert isinstance(results[0], Failure)
    assert results[0].message == "input too large: 5000 bytes (limit 1000 bytes)"
    assert isinstance(results[1], Record) and results[1].text == "* Adults"


def test_readers_bad_input_oversized_file_and_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_input, "MAX_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text("x" * 5000, encoding="utf-8")
    assert _failures(str(path)) == ["input too large: 5000 bytes (limit 1000 bytes)"]
    assert _failures("-", stdin=io.BytesIO(b"x" * 5000)) == ["input too large: more than 1000 bytes on stdin"]


def test_readers_bad_input_record_without_criteria(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"protocolSection": {"identificationModule": {"nctId": "NCT01234567"}}}), encoding="utf-8")
    [record] = list(iter_records(str(path)))
    assert isinstance(record, Record)
    assert (record.id, record.blocks, record.warnings) == ("NCT01234567", (), ("no eligibility criteria in record",))


def test_readers_bad_input_deeply_nested_json(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    assert _failures(str(path)) == ["not valid JSON: nested too deeply"]


def test_readers_bad_input_jsonl_first_line_bad(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text("{bad}\r\n" + json.dumps(STUDY) + "\r\n", encoding="utf-8")
    results = list(iter_records(str(path)))
    assert isinstance(results[0], Failure) and isinstance(results[1], Record)
    assert (results[0].source, results[0].message) == (
        f"{path}#1", "not valid JSON: line 1 column 2: Expecting property name enclosed in double quotes")
    assert results[1].source == f"{path}#2"
