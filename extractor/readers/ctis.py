"""Reader for EU CTIS trial records as JSON (``ctis``), the ``CTIS_*.json`` samples.

CTIS stores the criteria as lists of numbered items
(``…/trialDetails/trialInformation/eligibilityCriteria/principalInclusionCriteria[]`` and
``principalExclusionCriteria[]``) under part I of the trial, whose place differs between exports:
``authorizedPartI``, ``authorizedApplication/authorizedPartI`` or ``applications[0]/partI``; failing
those, the first ``eligibilityCriteria`` object holding such lists anywhere in the record is used.

``Record.text`` is the inclusion items, then the exclusion items, each list sorted by ``number``, all
joined by ``"\\n"``. Each item is one Block (kind inclusion/exclusion) spanning exactly its string;
it is atomic (the segmenter does not split it) unless the item itself holds a bulleted list of three
or more entries (some sponsors put their whole list into item 1): that Block is left to the segmenter
(atomic=False) and a warning says so.
"""
from __future__ import annotations

import re
from typing import Any, Iterator, Optional

from ..errors import RecordFormatError
from ..types import Block, Record
from ._common import NO_CRITERIA, as_list, dig, join_blocks, numbered, text_or_none, unique_ids

NAME = "ctis"
SEPARATOR = "\n"

_PART_I_PATHS: tuple[tuple[Any, ...], ...] = (
    ("authorizedPartI",),
    ("authorizedApplication", "authorizedPartI"),
    ("applications", 0, "partI"),
)
_LIST_MARKER = re.compile(r"(?:^|\s)[•▪●◦]\s|\n\s*(?:[-*]|\d{1,2}[.)])\s")
#: An item holding this many bullet entries or more is a whole list, not one criterion.
_MIN_LIST = 3
_LISTS = (("principalInclusionCriteria", "inclusion"), ("principalExclusionCriteria", "exclusion"))


def looks_like(obj: Any) -> bool:
    """True for a CTIS record."""
    return isinstance(obj, dict) and (obj.get("ctrname") == "CTIS" or "ctNumber" in obj)


def _find_criteria(obj: Any, depth: int = 0) -> Optional[dict]:
    """The first dict (depth-first) holding a principalInclusion/ExclusionCriteria list."""
    if depth > 12:
        return None
    if isinstance(obj, dict):
        if any(isinstance(obj.get(name), list) for name, _ in _LISTS):
            return obj
        children: Any = obj.values()
    elif isinstance(obj, list):
        children = obj
    else:
        return None
    for child in children:
        found = _find_criteria(child, depth + 1)
        if found is not None:
            return found
    return None


def _part_i(obj: dict) -> tuple[Optional[dict], Optional[dict]]:
    """(part I, eligibilityCriteria) of the record, by the known paths then by search."""
    for path in _PART_I_PATHS:
        part = dig(obj, *path)
        criteria = dig(part, "trialDetails", "trialInformation", "eligibilityCriteria")
        if isinstance(criteria, dict):
            return part, criteria
    return None, _find_criteria(obj)


def _items(criteria: dict, name: str) -> Iterator[tuple[Any, str]]:
    for item in as_list(criteria.get(name)):
        if isinstance(item, dict):
            value = item.get(name, item.get("text"))
            if isinstance(value, str) and value.strip():
                yield item.get("number"), value
        elif isinstance(item, str) and item.strip():
            yield None, item


def read(obj: Any, source: str) -> Record:
    """Build the Record of one CTIS record. Raises RecordFormatError if it is not one."""
    trial_id = text_or_none(obj.get("ctNumber")) if isinstance(obj, dict) else None
    if trial_id is None:
        raise RecordFormatError("not a CTIS record: no ctNumber")
    part, criteria = _part_i(obj)
    parts, warnings = [], []
    for name, kind in _LISTS:
        for n, value in enumerate(numbered(_items(criteria or {}, name)), start=1):
            markers = len(_LIST_MARKER.findall(value))
            if markers >= _MIN_LIST:
                warnings.append(f"{kind} criterion {n} holds a list of {markers} entries: "
                                "its block is not atomic")
            parts.append((value, Block(0, 0, kind=kind, atomic=markers < _MIN_LIST)))  # type: ignore[arg-type]
    text, blocks = join_blocks(parts, SEPARATOR)
    identifiers = dig(part, "trialDetails", "clinicalTrialIdentifiers") or {}
    numbers = dig(identifiers, "secondaryIdentifyingNumbers") or {}
    secondary = [dig(numbers, "nctNumber", "number"), dig(numbers, "isrctnNumber", "number")]
    secondary += [dig(r, "number") for r in as_list(dig(numbers, "additionalRegistries"))]
    sponsors = as_list(dig(part, "sponsors"))
    primary = next((s for s in sponsors if isinstance(s, dict) and s.get("primary")), sponsors[0] if sponsors else None)
    status = obj.get("ctStatus")
    return Record(
        id=trial_id,
        registry="CTIS",
        title=text_or_none(obj.get("title")) or text_or_none(dig(identifiers, "fullTitle")),
        text=text,
        blocks=blocks,
        source_format=NAME,
        source=source,
        secondary_ids=unique_ids(secondary, exclude=trial_id),
        sponsor=text_or_none(dig(primary, "organisation", "name")),
        status=text_or_none(status) if isinstance(status, str) else None,  # numeric codes: unknown labels
        warnings=tuple(warnings) if blocks else (NO_CRITERIA,),
    )
