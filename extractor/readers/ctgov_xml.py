"""Reader for legacy ClinicalTrials.gov XML records (``ctgov-xml``): one ``<clinical_study>`` per file.

Parsed with defusedxml: a DOCTYPE naming a DTD is allowed (registry exports such as ReBEC's OpenTrials
XML carry one; it is never fetched), but entity declarations (billion laughs) and external entities are
rejected, never expanded.

``Record.text`` is ``eligibility/criteria/textblock`` exactly as the XML parser returns it (``&#xD;``
becomes ``\\r``, so lines end in ``\\r\\n``; leading indentation and the surrounding blank lines are
kept). ``Record.wrapped`` is True: these texts are hard-wrapped at about 80 columns. One Block
(kind=None) spans the whole text. A record without a criteria textblock is a Record with no blocks and
a warning.
"""
from __future__ import annotations

import re
from typing import Optional
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden

from ..errors import RecordFormatError, UnsupportedFormatError
from ..types import Block, Record
from . import limits
from ._common import NO_CRITERIA, unique_ids

NAME = "ctgov-xml"
ROOT = "clinical_study"

_XML_START = re.compile(r"\s*(<\?xml|<!--|<!DOCTYPE|<[A-Za-z_][\w.:-]*[\s/>])")


def looks_like(text: str) -> bool:
    """True if the text starts like an XML document (declaration, comment, DOCTYPE or a tag)."""
    return bool(_XML_START.match(text[:1000]))


def parse(text: str) -> Element:
    """Parse XML safely. Raises RecordFormatError with a one-line message on any problem."""
    try:
        return SafeET.fromstring(text, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except EntitiesForbidden as exc:
        raise RecordFormatError(f"XML with entity declarations is rejected (entity {exc.name!r})") from None
    except ExternalReferenceForbidden:
        raise RecordFormatError("XML with external references is rejected") from None
    except DefusedXmlException as exc:
        raise RecordFormatError(f"unsafe XML rejected: {exc}") from None
    except ParseError as exc:
        line, column = exc.position
        message = str(exc).split(":")[0]
        raise RecordFormatError(f"not well-formed XML: line {line} column {column + 1}: {message}") from None


def _text(root: Element, path: str) -> Optional[str]:
    node = root.find(path)
    if node is None or node.text is None:
        return None
    return node.text.strip() or None


def read(text: str, source: str) -> Record:
    """Build the Record of one ``<clinical_study>`` document (``text`` is the decoded file)."""
    return read_root(parse(text), source)


def read_root(root: Element, source: str) -> Record:
    """Build the Record of one parsed ``<clinical_study>`` document."""
    if root.tag != ROOT:
        raise UnsupportedFormatError(f"unsupported registry format (XML root element <{root.tag}>, "
                                     f"expected <{ROOT}>)")
    trial_id = _text(root, "id_info/nct_id")
    node = root.find("eligibility/criteria/textblock")
    criteria = node.text if node is not None and node.text is not None else ""
    has_text = bool(criteria.strip())
    secondary = [_text(root, "id_info/org_study_id")]
    secondary += [(n.text or "") for n in root.findall("id_info/secondary_id")]
    return Record(
        id=trial_id,
        registry="ClinicalTrials.gov",
        title=_text(root, "brief_title") or _text(root, "official_title"),
        text=criteria,
        blocks=(Block(0, len(criteria)),) if has_text else (),
        source_format=NAME,
        source=source,
        wrapped=True,
        secondary_ids=unique_ids(secondary, exclude=trial_id),
        sponsor=_text(root, "sponsors/lead_sponsor/agency"),
        status=_text(root, "overall_status"),
        warnings=() if has_text else (NO_CRITERIA,),
        eligibility=limits.eligibility(_text(root, "eligibility/gender"), _text(root, "eligibility/minimum_age"),
                                       _text(root, "eligibility/maximum_age"),
                                       _text(root, "eligibility/healthy_volunteers")),
    )
