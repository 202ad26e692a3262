"""Reader for ClinicalTrials.gov API v2 study objects (``ctgov-json``).

One study is a JSON object with a ``protocolSection``; files hold one study, a JSON array of studies,
an API page ``{"studies": […]}`` or JSON Lines (the container layer splits those).

``Record.text`` is ``protocolSection.eligibilityModule.eligibilityCriteria`` exactly as the string is
(markdown escapes such as ``\\<=`` kept); one Block(kind=None) spans all of it.
"""
from __future__ import annotations

from typing import Any

from ..errors import RecordFormatError
from ..types import Block, Record
from . import limits
from ._common import NO_CRITERIA, as_list, dig, text_or_none, unique_ids

NAME = "ctgov-json"


def looks_like(obj: Any) -> bool:
    """True for an API v2 study object."""
    return isinstance(obj, dict) and (isinstance(obj.get("protocolSection"), dict) or obj.get("ctrname") == "CTGOV2")


def read(obj: Any, source: str) -> Record:
    """Build the Record of one API v2 study. Raises RecordFormatError if ``obj`` is not a study."""
    protocol = dig(obj, "protocolSection")
    if not isinstance(protocol, dict):
        raise RecordFormatError("not a ClinicalTrials.gov API v2 study: no protocolSection object")
    ident = protocol.get("identificationModule") or {}
    trial_id = text_or_none(dig(ident, "nctId"))
    text = dig(protocol, "eligibilityModule", "eligibilityCriteria")
    if text is not None and not isinstance(text, str):
        raise RecordFormatError(f"eligibilityCriteria is a JSON {type(text).__name__}, not a string")
    text = text or ""
    has_text = bool(text.strip())
    secondary = [dig(ident, "orgStudyIdInfo", "id")]
    secondary += [dig(info, "id") for info in as_list(ident.get("secondaryIdInfos"))]
    return Record(
        id=trial_id,
        registry="ClinicalTrials.gov",
        title=text_or_none(ident.get("briefTitle")) or text_or_none(ident.get("officialTitle")),
        text=text,
        blocks=(Block(0, len(text)),) if has_text else (),
        source_format=NAME,
        source=source,
        secondary_ids=unique_ids(secondary, exclude=trial_id),
        sponsor=text_or_none(dig(protocol, "sponsorCollaboratorsModule", "leadSponsor", "name")),
        status=text_or_none(dig(protocol, "statusModule", "overallStatus")),
        warnings=() if has_text else (NO_CRITERIA,),
        eligibility=limits.eligibility(dig(protocol, "eligibilityModule", "sex"),
                                       dig(protocol, "eligibilityModule", "minimumAge"),
                                       dig(protocol, "eligibilityModule", "maximumAge"),
                                       dig(protocol, "eligibilityModule", "healthyVolunteers")),
    )
