"""Readers: input bytes → ``Record``s, one module per source format.

``iter_records(path)`` is the entry point. It takes a file, a directory (read recursively, sorted, files
of known extensions), a zip archive (members in archive order; a Word .docx is one document, not an
archive) or ``-`` for stdin, detects each
input's format from its content and name (or uses ``fmt``), and yields one ``Record`` per trial record
or one ``Failure`` per input or record that cannot be read. It never raises for bad input and never
stops early.

``Record.source`` is the path as given, plus ``!member`` for a zip member, plus ``#n`` for the n-th
record (from 1) of a multi-record file (JSON array, ``{"studies": […]}`` page or JSON Lines).
"""
from __future__ import annotations

import dataclasses
from typing import Any, BinaryIO, Callable, Iterator, Optional, Union

from ..errors import ExtractorError, InputError, RecordFormatError, UnsupportedFormatError
from ..types import Failure, Record
from . import (columns, ctgov_classic_json, ctgov_json, ctgov_xml, ctis, euctr, generic, html, isrctn, markdown,
               medpath, office, text)
from ._common import decode, key_list, parse_json
from ._input import MAX_BYTES, ZIP_MAGIC, iter_units

__all__ = ["FORMATS", "MAX_BYTES", "detect_format", "iter_records", "read_bytes"]

Result = Union[Record, Failure]

def _xml_records(content: str, source: str, warnings: tuple[str, ...]) -> Iterator[Result]:
    """The record of an XML document, or each record of a multi-record export (WHO ICTRP's ``<Trial>``
    elements, sources ``#1``, ``#2``…)."""
    try:
        root = ctgov_xml.parse(content)
    except RecordFormatError as exc:
        yield Failure(source, str(exc))
        return
    if root.tag == ctgov_xml.ROOT:
        yield _guarded(source, lambda: ctgov_xml.read_root(root, source), warnings)
        return
    elements = generic.xml_records(root)
    if elements is None:
        yield _guarded(source, lambda: generic.read_xml(root, source), warnings)
        return
    for n, element in enumerate(elements, start=1):
        where = f"{source}#{n}"
        yield _guarded(where, lambda: generic.read_xml(element, where), warnings)


#: Readers of decoded text, readers of one parsed JSON value; in detection order.
_TEXT_READERS: dict[str, Callable[[str, str], Record]] = {
    medpath.NAME: medpath.read, html.NAME: html.read,  # XML: _xml_records; text: read_bytes, for split_records
}
_JSON_READERS: dict[str, tuple[Callable[[Any], bool], Callable[[Any, str], Record]]] = {
    ctgov_json.NAME: (ctgov_json.looks_like, ctgov_json.read),
    ctgov_classic_json.NAME: (ctgov_classic_json.looks_like, ctgov_classic_json.read),
    isrctn.NAME: (isrctn.looks_like, isrctn.read),
    euctr.NAME: (euctr.looks_like, euctr.read),
    ctis.NAME: (ctis.looks_like, ctis.read),
    generic.NAME: (generic.has_criteria, generic.read_json),  # last: any record with criteria fields
}
#: Every reader name ``fmt`` accepts.
FORMATS: tuple[str, ...] = (medpath.NAME, ctgov_json.NAME, ctgov_xml.NAME, text.NAME,
                            ctgov_classic_json.NAME, isrctn.NAME, euctr.NAME, ctis.NAME, html.NAME)
JSON = "json"  # detect_format's answer for a JSON document whose records are detected one by one
CSV = "csv"  # detect_format's answer for a .csv / .tsv export: one record per row (readers/generic.py)

_JSON_EXT = (".json", ".jsonl", ".ndjson")
_JSONL_EXT = (".jsonl", ".ndjson")
_TEXT_EXT = (".txt", ".text")
_HTML_EXT = (".html", ".htm", ".xhtml")


def _starts_like_json(content: str) -> bool:
    head = content.lstrip()[:200]
    second = head[1:].lstrip()[:1]
    return (head[:1] == "{" and second in ('"', "}", "")) or (head[:1] == "[" and second in ("{", "]", ""))


def detect_format(name: str, content: str) -> str:
    """The reader for a decoded input: ``medpath``, ``ctgov-xml``, ``html``, ``text``, or ``json`` (each
    JSON record is then detected by ``detect_json``). A known extension decides between structured and
    text inputs (``.json``/``.jsonl``/``.ndjson``, ``.xml``, ``.html``/``.htm``, ``.txt``/``.text``);
    otherwise the content does. Text is ``medpath`` when it has the MedPath page layout."""
    lower = name.lower()
    if lower.endswith(_JSON_EXT):
        return JSON
    if lower.endswith((".csv", ".tsv")):
        return CSV
    if lower.endswith(".xml"):
        return ctgov_xml.NAME
    if lower.endswith(_HTML_EXT):
        return html.NAME
    if not lower.endswith(_TEXT_EXT):
        if _starts_like_json(content):
            return JSON
        if html.looks_like(content):
            return html.NAME
        if ctgov_xml.looks_like(content):
            return ctgov_xml.NAME
    return medpath.NAME if medpath.looks_like(content) else text.NAME


def _dedicated_json(obj: Any) -> bool:
    """Whether a reader other than the generic one knows this JSON record."""
    return any(looks_like(obj) for name, (looks_like, _) in _JSON_READERS.items() if name != generic.NAME)


def detect_json(obj: Any) -> str:
    """The JSON reader for one record. Raises UnsupportedFormatError naming what the record holds."""
    for name, (looks_like, _) in _JSON_READERS.items():
        if looks_like(obj):
            return name
    if isinstance(obj, dict):
        if isinstance(obj.get("ctrname"), str):
            raise UnsupportedFormatError(f"unsupported registry format (ctrname {obj['ctrname']!r})")
        keys = key_list(obj)
        raise UnsupportedFormatError(f"unsupported registry format (JSON object with keys: {keys or 'none'})")
    kind = "array" if isinstance(obj, list) else "null" if obj is None else type(obj).__name__
    raise UnsupportedFormatError(f"unsupported registry format (a JSON {kind}, not a trial record)")


def iter_records(path_or_dash: str, fmt: Optional[str] = None, stdin: Optional[BinaryIO] = None) -> Iterator[Result]:
    """Records and failures of a file, directory, zip archive or ``-`` (stdin, binary), in order.

    ``fmt`` forces a reader (one of ``FORMATS``); None detects each input's format.
    """
    if fmt is not None and fmt not in FORMATS:
        yield Failure(path_or_dash, f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
        return
    for unit in iter_units(path_or_dash, stdin):
        if isinstance(unit, Failure):
            yield unit
        else:
            yield from read_bytes(unit.data, unit.source, fmt, name=unit.name)


def read_bytes(data: bytes, source: str, fmt: Optional[str] = None, name: str = "") -> Iterator[Result]:
    """Records and failures of one payload (a file's or zip member's bytes). A Word document (.docx) or an
    RTF file is converted to text first (:mod:`extractor.readers.office`), then read as plain text."""
    try:
        if data[:4] == ZIP_MAGIC and office.is_docx(data):
            decoded, warnings, fmt = office.docx_text(data), (), fmt or text.NAME
        elif (name or source).lower().endswith(".docx"):
            raise RecordFormatError("corrupt .docx: not a zip archive holding word/document.xml")
        else:
            decoded, warnings = decode(data)
            if decoded.lstrip("\ufeff \t\r\n").startswith("{\\rtf"):
                decoded, fmt = office.rtf_text(decoded), fmt or text.NAME
    except (InputError, RecordFormatError) as exc:
        yield Failure(source, str(exc))
        return
    reader = fmt or detect_format(name or source, decoded)
    if reader == CSV:
        yield from _csv_records(decoded, source, (name or source).lower().endswith(".tsv"), warnings)
        return
    if reader == ctgov_xml.NAME:
        yield from _xml_records(decoded, source, warnings)
        return
    if reader == text.NAME:
        decoded = columns.unfold(text.unquote(decoded))
        table = markdown.criteria_tables(decoded, source)
        if table is not None:  # a Markdown worksheet with one criterion per table row
            for record in table:
                yield _guarded(record.source, lambda: record, warnings)
            return
        marks = text.label_marks(decoded)
        parts = text.split_records(decoded, marks)
        if parts is None:
            yield _guarded(source, lambda: text.read(decoded, source, marks), warnings)
            return
        for n, (start, end) in enumerate(parts, start=1):  # labelled records one after another (EU CTR download)
            where = f"{source}#{n}"
            yield _guarded(where, lambda: text.read(decoded[start:end], where, part=True), warnings)
        return
    if reader in _TEXT_READERS:
        yield _guarded(source, lambda: _TEXT_READERS[reader](decoded, source), warnings)
        return
    try:
        layout, values = parse_json(decoded, lines=(name or source).lower().endswith(_JSONL_EXT))
    except RecordFormatError as exc:
        yield Failure(source, str(exc))
        return
    if layout == "single" and isinstance(values[0], dict) and isinstance(values[0].get("studies"), list):
        layout, values = "page", values[0]["studies"]
    elif layout == "single" and isinstance(values[0], list):
        layout, values = "array", generic.pivot_eav(values[0]) or values[0]  # REDCap rows: one record each
    elif layout == "single" and reader == JSON and not _dedicated_json(values[0]):
        inner = generic.json_records(values[0])
        if inner is not None:  # a wrapper of several records (API v1 FullStudiesResponse, a search export)
            layout, values = "page", inner
    if layout != "single" and not values:
        yield Failure(source, "no records in JSON input (empty list)")
    for n, value in enumerate(values, start=1):
        where = source if layout == "single" else f"{source}#{n}"
        if isinstance(value, RecordFormatError):
            yield Failure(where, str(value))
        else:
            yield _guarded(where, lambda: _read_json(value, where, reader), warnings)


def _csv_records(content: str, source: str, tab: bool, warnings: tuple[str, ...]) -> Iterator[Result]:
    """One Record (or Failure) per row of a CSV or TSV export."""
    try:
        rows = generic.csv_rows(content, tab)
    except RecordFormatError as exc:
        yield Failure(source, str(exc))
        return
    table = generic.criterion_table(rows, source)
    if table is not None:  # one criterion per row: rows grouped into one record per trial
        for record in table:
            yield _guarded(record.source, lambda: record, warnings)
        return
    for n, row in enumerate(rows, start=1):
        where = f"{source}#{n}"
        yield _guarded(where, lambda: generic.read_row(row, where), warnings)


def _read_json(value: Any, source: str, reader: str) -> Record:
    name = detect_json(value) if reader == JSON else reader
    if name not in _JSON_READERS:
        raise RecordFormatError(f"a JSON record cannot be read as {name}")
    return _JSON_READERS[name][1](value, source)


def _guarded(source: str, build: Callable[[], Record], warnings: tuple[str, ...]) -> Result:
    """Run a reader; its ExtractorError becomes a Failure, decode warnings join the Record's."""
    try:
        record = build()
    except ExtractorError as exc:
        return Failure(source, str(exc))
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError) as exc:
        return Failure(source, f"unexpected record layout: {type(exc).__name__}: {exc}")
    if warnings:
        record = dataclasses.replace(record, warnings=warnings + record.warnings)
    return record
