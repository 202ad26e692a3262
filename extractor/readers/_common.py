"""Helpers shared by the readers: decoding, JSON parsing with clear messages, registry inference.

Nothing here knows a registry's layout; each reader module owns its own format.
"""
from __future__ import annotations

import json
import re
from typing import Any, Iterable, Iterator, Optional

from ..errors import InputError, RecordFormatError
from ..types import Block

#: Start of the warning given to a record whose bytes are not valid UTF-8 (the CLI reports it on stderr
#: and exits 1, though the record is parsed and written).
ENCODING_PROBLEM = "invalid UTF-8"

#: Warning given to a record whose source holds no eligibility criteria (blocks=()).
NO_CRITERIA = "no eligibility criteria in record"

_UTF8_BOM = b"\xef\xbb\xbf"
# Control bytes that do not occur in text files (everything below 0x20 except \t \n \v \f \r and ESC).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))


# --------------------------------------------------------------------------- bytes -> str


def decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Decode input bytes as UTF-8 (a leading BOM is dropped; a UTF-16 BOM selects UTF-16), never
    translating newlines.

    Raises ``InputError`` for an empty or binary input. Invalid UTF-8 still gives text, with a warning
    naming the first bad offset: a file without one valid multi-byte UTF-8 sequence is read as
    Windows-1252 (a legacy export: "caf\xe9", "\xb1 10%"); otherwise the bad bytes become U+FFFD.
    """
    if not data:
        raise InputError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ("decoded as UTF-16 (byte order mark)",)
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 at byte {exc.start}") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"binary file (NUL byte at offset {nul}), not text")
    head = data[:4096]
    if sum(head.count(c) for c in _CONTROL) > len(head) // 10:
        raise InputError("binary file (control bytes), not text")
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        where = f"{ENCODING_PROBLEM} at byte {exc.start}"
        if all(ord(ch) < 128 or ch == "\ufffd" for ch in text):
            # Not one valid multi-byte sequence: a legacy single-byte file, not damaged UTF-8.
            return _windows_1252(data), (f"{where}: decoded as Windows-1252",)
        bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
        return text, (f"{where}: {bad} invalid sequence(s) replaced by U+FFFD",)


def _windows_1252(data: bytes) -> str:
    """Windows-1252 (a superset of Latin-1's printable range); its five undefined bytes read as Latin-1."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return "".join(chr(b) if b in _CP1252_UNDEFINED else bytes([b]).decode("cp1252") for b in data)


_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


# --------------------------------------------------------------------------- JSON


def json_error(exc: json.JSONDecodeError) -> str:
    """The one-line message for a JSON syntax error: ``not valid JSON: line 3 column 5: …``."""
    return f"not valid JSON: line {exc.lineno} column {exc.colno}: {exc.msg}"


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise RecordFormatError("not valid JSON: nested too deeply") from None


def parse_json(text: str, lines: bool = False) -> tuple[str, list[Any]]:
    """Parse a JSON document or JSON Lines (``lines=True``, or a document with extra values).

    Returns ``("single", [value])`` for one JSON value, ``("lines", [value_or_error, …])`` for
    JSON Lines, where a line that does not parse is a ``RecordFormatError`` in the list (so the other
    lines are still read). Raises ``RecordFormatError`` if the text is neither.
    """
    if not lines:
        try:
            return "single", [_loads(text)]
        except json.JSONDecodeError as exc:
            if exc.msg != "Extra data":
                raise RecordFormatError(json_error(exc)) from None
    values: list[Any] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            values.append(_loads(line))
        except json.JSONDecodeError as exc:
            values.append(RecordFormatError(f"not valid JSON: line {lineno} column {exc.colno}: {exc.msg}"))
        except RecordFormatError as exc:
            values.append(exc)
    return "lines", values


def dig(obj: Any, *keys: Any) -> Any:
    """``obj[k1][k2]…`` or None where a key or index is missing or a value has the wrong type."""
    for key in keys:
        if isinstance(key, int):
            if not isinstance(obj, list) or not -len(obj) <= key < len(obj):
                return None
        elif not isinstance(obj, dict):
            return None
        obj = obj[key] if isinstance(obj, list) else obj.get(key)
    return obj


def text_or_none(value: Any) -> Optional[str]:
    """A stripped, non-empty string, or None (for missing, empty, non-string values)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


_PLACEHOLDER_IDS = {"nil known", "n/a", "na", "none", "not applicable", "not available", "-", "0"}


def unique_ids(values: Iterable[Any], exclude: Optional[str] = None) -> tuple[str, ...]:
    """Distinct, non-placeholder identifiers in first-seen order, without ``exclude`` (the main id)."""
    seen: list[str] = []
    for value in values:
        text = text_or_none(value)
        if text is None or text.lower() in _PLACEHOLDER_IDS or text == exclude or text in seen:
            continue
        seen.append(text)
    return tuple(seen)


def as_list(value: Any) -> list[Any]:
    """A value that may be a single item or a list, as a list (None and {} are empty)."""
    if value is None or value == {} or value == "":
        return []
    return value if isinstance(value, list) else [value]


# --------------------------------------------------------------------------- registries


_REGISTRY_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"NCT\d{8}", "ClinicalTrials.gov"),
    (r"ISRCTN\d{8}", "ISRCTN"),
    (r"20\d\d-5\d{5}-\d\d-\d\d", "CTIS"),            # EU CT number (CTIS, from 2023)
    (r"(19|20)\d\d-\d{6}-\d\d(-[A-Z]{2,3})?", "EUCTR"),  # EudraCT number (+ member state)
    (r"ChiCTR[-\w]+", "ChiCTR"),
    (r"ACTRN\d{14}", "ANZCTR"),
    (r"DRKS\d{8}", "DRKS"),
    (r"CTRI/\d{4}/\d+/\d+", "CTRI"),
    (r"jRCT\w+", "jRCT"),
    (r"KCT\d{7}", "CRiS"),
    (r"IRCT\w+", "IRCT"),
    (r"PACTR\d+", "PACTR"),
    (r"(NL|NTR)\d+|NL-OMON\d+", "Netherlands Trial Register"),
    (r"TCTR\d{11}", "TCTR"),
    (r"RBR-[0-9a-z]{6,8}", "ReBEC"),
    (r"SLCTR/\d{4}/\d{3}", "SLCTR"),
    (r"LBCTR\d{10}", "LBCTR"),
    (r"SNCTP\d{9}", "SNCTP"),
    (r"PER-\d{3}-\d{2}", "REPEC"),
    (r"RPCEC\d{8}", "RPCEC"),
    (r"ITMCTR\d{10,12}", "ITMCTR"),
)


def key_list(keys: Iterable[Any], limit: int = 6) -> str:
    """The first ``limit`` keys or column names of a record, for a message: ``"a, b, c, …"``."""
    keys = [str(k) for k in keys]
    return ", ".join(keys[:limit]) + (", …" if len(keys) > limit else "")


_REGISTRY_ID = re.compile(r"(?<![A-Za-z0-9])(?:NCT\d{8}|ISRCTN\d{8}|20\d\d-5\d{5}-\d\d-\d\d|(?:19|20)\d\d-\d{6}-\d\d|"
                          r"ChiCTR[-A-Z]*\d{6,11}|"
                          r"ACTRN\d{14}|DRKS\d{8}|CTRI/\d{4}/\d+/\d+|jRCT[a-z]?\d{8,10}|KCT\d{7}|IRCT\d+N\d+|"
                          r"PACTR\d{15,16}|TCTR\d{11}|RBR-[0-9a-z]{6,8}|SLCTR/\d{4}/\d{3}|NL-OMON\d+|NTR\d{3,5}|"
                          r"LBCTR\d{10}|SNCTP\d{9}|PER-\d{3}-\d{2}|RPCEC\d{8}|ITMCTR\d{10,12})(?![0-9])",
                          re.IGNORECASE)


def first_registry_id(text: str) -> Optional[str]:
    """The first trial registry number in a text (NCT, ISRCTN, EU CT, EudraCT, ChiCTR, ACTRN, DRKS, CTRI, jRCT, CRiS,
    IRCT, PACTR, TCTR, ReBEC, SLCTR, Netherlands, LBCTR, SNCTP, REPEC, RPCEC, ITMCTR), or None."""
    found = _REGISTRY_ID.search(text)
    if found is None:
        return None
    value = found.group(0)
    if value[:4].lower() == "jrct":
        return "jRCT" + value[4:]
    if value[:4].upper() == "RBR-":
        return "RBR-" + value[4:]
    value = value.upper()
    return "ChiCTR" + value[6:] if value.startswith("CHICTR") else value


def registry_for_id(trial_id: Optional[str]) -> Optional[str]:
    """The registry a trial id belongs to, inferred from its pattern; None if unknown."""
    if not trial_id:
        return None
    for pattern, registry in _REGISTRY_PATTERNS:
        if re.fullmatch(pattern, trial_id):
            return registry
    return None


# --------------------------------------------------------------------------- building text + blocks


def join_blocks(parts: Iterable[tuple[str, Block]], sep: str) -> tuple[str, tuple[Block, ...]]:
    """Join ``(part_text, block_template)`` pairs with ``sep``; each Block is re-placed over its part.

    The template's ``start``/``end`` are ignored; kind, atomic and section are kept. A part holding HTML
    markup (``<br>``, ``&gt;``) is rendered to text first (``html.field_text``).
    """
    from .html import field_text

    chunks: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for part, template in parts:
        part = field_text(part)
        if chunks:
            chunks.append(sep)
            pos += len(sep)
        chunks.append(part)
        blocks.append(Block(pos, pos + len(part), template.kind, template.atomic, template.section))
        pos += len(part)
    return "".join(chunks), tuple(blocks)


def numbered(items: Iterator[tuple[Any, Any]]) -> list[Any]:
    """Values of ``(number, value)`` pairs sorted by number (non-numeric numbers last, stable)."""
    def key(pair: tuple[Any, Any]) -> tuple[int, float]:
        number = pair[0]
        try:
            return (0, float(number))
        except (TypeError, ValueError):
            return (1, 0.0)
    return [value for _, value in sorted(items, key=key)]
