"""Reader for ISRCTN registry records as JSON (``isrctn``), the ``ISRCTN_*.json`` samples.

``Record.text`` is ``participants.inclusion + "\\n\\n" + participants.exclusion`` (each string exactly
as stored); Block(kind="inclusion") spans the first string and Block(kind="exclusion") the second.
Where one of them is missing or blank, ``text`` is the other alone, with its one Block.
"""
from __future__ import annotations

from typing import Any

from ..errors import RecordFormatError
from ..types import Block, Record
from ._common import NO_CRITERIA, as_list, dig, join_blocks, text_or_none, unique_ids

NAME = "isrctn"
SEPARATOR = "\n\n"

_REF_KEYS = ("clinicalTrialsGovNumber", "eudraCTNumber", "irasNumber", "protocolSerialNumber")


def looks_like(obj: Any) -> bool:
    """True for an ISRCTN record."""
    return isinstance(obj, dict) and (obj.get("ctrname") == "ISRCTN" or ("isrctn" in obj and "participants" in obj))


def read(obj: Any, source: str) -> Record:
    """Build the Record of one ISRCTN record. Raises RecordFormatError if it is not one."""
    if not isinstance(obj, dict) or text_or_none(obj.get("isrctn")) is None:
        raise RecordFormatError("not an ISRCTN record: no isrctn number")
    number = text_or_none(obj.get("isrctn")) or ""
    trial_id = number if number.upper().startswith("ISRCTN") else f"ISRCTN{number}"
    participants = obj.get("participants")
    if not isinstance(participants, dict):
        participants = {}
    parts = []
    for key in ("inclusion", "exclusion"):
        value = participants.get(key)
        if isinstance(value, str) and value.strip():
            parts.append((value, Block(0, 0, kind=key)))  # type: ignore[arg-type]
    text, blocks = join_blocks(parts, SEPARATOR)
    refs = obj.get("externalRefs") if isinstance(obj.get("externalRefs"), dict) else {}
    secondary = [refs.get(key) for key in _REF_KEYS]
    secondary += as_list(dig(refs, "secondaryNumbers", "secondaryNumber"))
    description = obj.get("trialDescription") if isinstance(obj.get("trialDescription"), dict) else {}
    return Record(
        id=trial_id,
        registry="ISRCTN",
        title=text_or_none(description.get("title")) or text_or_none(description.get("scientificTitle")),
        text=text,
        blocks=blocks,
        source_format=NAME,
        source=source,
        secondary_ids=unique_ids(secondary, exclude=trial_id),
        status=text_or_none(participants.get("recruitmentStatusOverride")),
        warnings=() if blocks else (NO_CRITERIA,),
    )
