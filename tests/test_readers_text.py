"""Plain criteria text: the whole file as read, one block, no newline translation."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.readers import iter_records
from extractor.types import Block, Record


@pytest.mark.parametrize("data", [
    b"Inclusion Criteria:\n- Adults\n\nExclusion Criteria:\n- Pregnancy\n",
    b"Inclusion Criteria:\r\n- Adults\r\n\r\nExclusion Criteria:\r\n- Pregnancy\r\n",
    b"- Adults aged 18 or over\r- Mixed\nline ends\r\n",
    b"Just one criterion without headers",
])
def test_readers_text_whole_file_as_read(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "criteria.txt"
    path.write_bytes(data)
    [record] = list(iter_records(str(path)))
    assert isinstance(record, Record)
    assert record.text == data.decode("utf-8")
    assert record.blocks == (Block(0, len(data.decode("utf-8"))),)
    assert (record.id, record.registry, record.source_format, record.source) == (None, None, "text", str(path))


def test_readers_text_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf- Adults\n")
    [record] = list(iter_records(str(path)))
    assert record.text == "- Adults\n"


def test_readers_text_whitespace_only(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\n")
    [record] = list(iter_records(str(path)))
    assert (record.text, record.blocks, record.warnings) == (" \n\n", (), ("no eligibility criteria in record",))


def test_readers_text_text_extension_wins_over_json_look(tmp_path: Path) -> None:
    path = tmp_path / "brackets.txt"
    path.write_text("[Inclusion]\n- Adults\n", encoding="utf-8")
    [record] = list(iter_records(str(path)))
    assert record.source_format == "text" and record.text == "[Inclusion]\n- Adults\n"


def test_readers_text_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("- Age ≥ 18\r\n".encode("utf-16"))
    [record] = list(iter_records(str(path)))
    assert record.text == "- Age ≥ 18\r\n"
    assert record.warnings == ("decoded as UTF-16 (byte order mark)",)
