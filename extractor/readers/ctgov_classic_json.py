"""Reader for legacy ClinicalTrials.gov records converted from XML to JSON (``ctgov-classic-json``).

These are the ``CTGOV_*.json`` files of the multi-registry samples (``ctrname: "CTGOV"``): the keys of
the legacy XML (``id_info``, ``brief_title``, ``eligibility/criteria/textblock``…) as JSON objects.
Some conversions kept the XML escapes in the strings (``&#xD;`` for a carriage return, ``&apos;``) and
some re-encoded UTF-8 as Windows-1252 (``â‰¥`` for ``≥``); others carry plain strings.

``Record.text`` is the ``eligibility.criteria.textblock`` string, with two repairs applied only where
the string clearly needs them, each reported as a warning: XML character and entity references
(``&#xD;`` → ``\\r``, ``&apos;`` → ``'``, ``&amp;`` → ``&``…) are unescaped, giving the text the XML
parser would have returned; and runs of UTF-8 read as Windows-1252 are decoded back. ``\\r`` line
breaks are kept as they are. ``Record.wrapped`` is True (hard-wrapped like the XML). One Block
(kind=None) spans the whole text.
"""
from __future__ import annotations

import re
from typing import Any, Optional

from ..errors import RecordFormatError
from ..types import Block, Record
from . import limits
from ._common import NO_CRITERIA, as_list, dig, text_or_none, unique_ids

NAME = "ctgov-classic-json"

_ENTITY = re.compile(r"&(#[0-9]+|#x[0-9A-Fa-f]+|amp|lt|gt|quot|apos);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)  # bytes cp1252 leaves undefined survive as C1 controls


_BYTE_OF = {_cp1252_char(b): b for b in range(0x80, 0x100)}
_CONT = "".join(re.escape(_cp1252_char(b)) for b in range(0x80, 0xC0))
_LEAD = "".join(re.escape(_cp1252_char(b)) for b in range(0xC2, 0xF5))
# A UTF-8 lead byte then 1-3 continuation bytes, each shown as its Windows-1252 character.
_MOJIBAKE = re.compile(f"[{_LEAD}][{_CONT}]{{1,3}}")


def looks_like(obj: Any) -> bool:
    """True for a legacy CT.gov record converted to JSON."""
    if not isinstance(obj, dict):
        return False
    return obj.get("ctrname") == "CTGOV" or ("id_info" in obj and ("eligibility" in obj or "brief_title" in obj))


def unescape_entities(text: str) -> tuple[str, int]:
    """Replace XML character/entity references; returns the new text and how many were replaced."""
    def sub(match: re.Match[str]) -> str:
        ref = match.group(1)
        if ref in _NAMED:
            return _NAMED[ref]
        code = int(ref[2:], 16) if ref[1] in "xX" else int(ref[1:])
        return chr(code) if 0 < code <= 0x10FFFF else match.group()
    return _ENTITY.subn(sub, text)


def repair_mojibake(text: str) -> tuple[str, int]:
    """Decode back runs of UTF-8 bytes that were read as Windows-1252 (``â‰¥`` → ``≥``)."""
    count = 0

    def sub(match: re.Match[str]) -> str:
        nonlocal count
        raw = bytes(_BYTE_OF[ch] for ch in match.group())
        try:
            fixed = raw.decode("utf-8")
        except UnicodeDecodeError:
            return match.group()
        count += 1
        return fixed
    return _MOJIBAKE.sub(sub, text), count


def _clean(value: Any) -> Optional[str]:
    text = text_or_none(value)
    return None if text is None else repair_mojibake(unescape_entities(text)[0])[0]


def read(obj: Any, source: str) -> Record:
    """Build the Record of one converted legacy record. Raises RecordFormatError if it is not one."""
    if not isinstance(obj, dict) or not isinstance(obj.get("id_info"), dict):
        raise RecordFormatError("not a legacy ClinicalTrials.gov record: no id_info object")
    trial_id = text_or_none(dig(obj, "id_info", "nct_id"))
    raw = dig(obj, "eligibility", "criteria", "textblock")
    if raw is not None and not isinstance(raw, str):
        raise RecordFormatError(f"eligibility.criteria.textblock is a JSON {type(raw).__name__}, not a string")
    text, warnings = raw or "", []
    text, entities = unescape_entities(text)
    if entities:
        warnings.append(f"unescaped {entities} XML character/entity reference(s) in the criteria text")
    text, repaired = repair_mojibake(text)
    if repaired:
        warnings.append(f"repaired {repaired} UTF-8 sequence(s) that had been decoded as Windows-1252")
    has_text = bool(text.strip())
    if not has_text:
        warnings.append(NO_CRITERIA)
    secondary = [dig(obj, "id_info", "org_study_id"), *as_list(dig(obj, "id_info", "secondary_id"))]
    return Record(
        id=trial_id,
        registry="ClinicalTrials.gov",
        title=_clean(obj.get("brief_title")) or _clean(obj.get("official_title")),
        text=text,
        blocks=(Block(0, len(text)),) if has_text else (),
        source_format=NAME,
        source=source,
        wrapped=True,
        secondary_ids=unique_ids((_clean(v) for v in secondary), exclude=trial_id),
        sponsor=_clean(dig(obj, "sponsors", "lead_sponsor", "agency")),
        status=_clean(obj.get("overall_status")),
        warnings=tuple(warnings),
        eligibility=limits.eligibility(*(_clean(dig(obj, "eligibility", key)) for key in
                                         ("gender", "minimum_age", "maximum_age", "healthy_volunteers"))),
    )
