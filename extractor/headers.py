"""Kind headers (``Inclusion Criteria:``, ``Key exclusion criteria``, ``Criteria for exclusion``) and
preambles (``Patients must meet all of the following criteria:``) of criteria text: whether a line is
one, and which kind (inclusion, exclusion, or None when it does not say) it gives what follows.
"""
from __future__ import annotations

import re
from typing import Optional

from .types import Kind

_HEADER = re.compile(
    r"^[\W_]{0,3}(?:[A-Za-z][\w'-]*\s+){0,3}?"
    r"(?P<non>non[-\s]?)?(?P<kind>inclusion|exclusion|eligibility|selection)s?(?:\s*(?:/|and|&)\s*(?:inclusion|exclusion)s?)?"
    r"(?:\s+(?:criteria|criterion|criterias|requirements)\b|\s*:|\s*$)",
    re.IGNORECASE,
)
_CRITERIA_FOR = re.compile(r"^[\W_]{0,3}criteria\s+for\s+(?P<non>non[-\s]?)?(?P<kind>inclusion|exclusion|eligibility)\b",
                           re.IGNORECASE)
_PREAMBLE = re.compile(
    r"\bthe\s+following\b(?![ \t]+(?:\w+[ \t]+)?(?:is|are)[ \t]+(?:allowed|permitted|required))",
    re.IGNORECASE,
)
_PREAMBLE_SUBJECT = re.compile(r"\b(?:criteri|eligib|includ|inclus|exclu|particip|enrol|entry|entered)\w*|"
                               r"\b(?:all|any|none)\s+of\s+the\s+following\s*:\s*$", re.IGNORECASE)  # not "one of"
_EXCLUSION_WORDS = re.compile(r"\b(?:exclu\w*|ineligible|not\s+(?:be\s+)?eligible|(?:must|should|may)\s+not|cannot|"
                              r"(?:none|any)\s+of\s+the\s+following)", re.IGNORECASE)
_INCLUSION_WORDS = re.compile(r"\b(?:inclu\w*|eligible|(?:must|should)\s+(?:meet|fulfil+|satisfy|have)|all\s+of\s+the\s+following)",
                              re.IGNORECASE)
_PREAMBLE_MAX_LENGTH = 250
# "Patients are not eligible for this trial if they:", "Subjects will be excluded if any of these apply:",
# "Patients with the following problems will be considered ineligible:"
_PREAMBLE_IF = re.compile(
    r"^\W*(?:patients|subjects|participants|individuals|persons|people|women|men|children|volunteers|candidates)"
    r"(?:\s+(?:may|will|must|shall|are|is|can|cannot|be|not|considered|deemed|eligible|ineligible|excluded|included|"
    r"enrolled|for|to|in|this|the|study|trial|protocol|research|enter|participate|entry|from))*?"
    r"\s+(?:eligible|ineligible|excluded|included|enrolled)"
    r"(?:\s+(?:for|to|in|from|this|the|study|trial|protocol|research|enter|participate|entry))*"
    r"(?:\s+(?:if|when)(?:\s+(?:they|he|she|any|one|all|of|the|following|these|those|criteria|conditions|apply|"
    r"applies|have|has|meet|are|is|present|exist|exists))*)?\s*:\s*$",
    re.IGNORECASE)


def header_kind(line: str) -> tuple[bool, Optional[Kind], str]:
    """Is ``line`` a kind header? Returns (is_header, kind or None, text after the header)."""
    m = _CRITERIA_FOR.match(line) or _HEADER.match(line)
    if not m:
        return False, None, ""
    rest = line[m.end():]
    if m.re is _CRITERIA_FOR and m.group("kind").lower() == "eligibility" and rest.strip(" \t:"):
        return False, None, ""  # "criteria for eligibility" is a heading alone on its line, not a wrapped sentence
    lead = line[:m.start("non") if m.group("non") else m.start("kind")].strip(" \t-*•·")
    if lead and m.re is _HEADER and not re.match(r"\s*(?:criteri|requirement)", line[m.end("kind"):], re.IGNORECASE):
        return False, None, ""  # "Healthy at inclusion" is a criterion; "Key inclusion criteria" a header
    colon = rest.find(":")
    if colon < 0 and len(rest.split()) > 4:
        return False, None, ""
    if colon > 60:
        return False, None, ""
    word = m.group("kind").lower()
    kind: Optional[Kind] = "inclusion" if word == "inclusion" else "exclusion" if word == "exclusion" else None
    if re.search(r"(?:/|\band\b|&)\s*(?:inclusion|exclusion)", m.group(), re.IGNORECASE):
        kind = None  # "Inclusion/Exclusion Criteria:" names both
    if word in ("eligibility", "selection") and _EXCLUSION_WORDS.search(line[: m.end() + max(colon, 0)]):
        kind = "exclusion"
    if m.group("non") and word != "exclusion":
        kind = "exclusion"  # "Non-inclusion criteria" (French protocols), "Non-eligibility criteria"
    tail = rest[colon + 1:] if colon >= 0 else ""
    return True, kind, tail


def preamble_kind(line: str) -> tuple[bool, Optional[Kind]]:
    """A sentence introducing the list (``… must meet all of the following criteria:``).

    It names what follows and ends there: with a colon, or within a few words after "the following".
    A criterion that merely mentions "the following criteria" mid-sentence is not a preamble.
    """
    if len(line) <= _PREAMBLE_MAX_LENGTH and _PREAMBLE_IF.match(line):
        return True, "exclusion" if _EXCLUSION_WORDS.search(line) else "inclusion"
    m = _PREAMBLE.search(line)
    if not m or len(line) > _PREAMBLE_MAX_LENGTH or not _PREAMBLE_SUBJECT.search(line):
        return False, None
    rest = line[m.end():].strip()
    ends_here = rest.endswith(":") and ":" not in rest[:-1]
    if not ends_here and (len(rest.split()) > 12 or re.search(r"[\d:;]", rest)):
        return False, None
    if _EXCLUSION_WORDS.search(line):
        return True, "exclusion"
    if _INCLUSION_WORDS.search(line):
        return True, "inclusion"
    return True, None


_DOTTED = re.compile(r"(\d{1,2}(?:\.\d{1,2})+)\.?")
_TITLE = re.compile(r"[A-Za-z][^\d<>=≤≥.;:,]{2,80}")


def section_number(marker: str) -> Optional[str]:
    """The number of a numbered section heading's mark (``5.1`` of ``5.1 Inclusion Criteria``), when it has two
    levels or more; None otherwise (``1.`` may number a list item as well as a section)."""
    m = _DOTTED.fullmatch(marker.strip())
    return m.group(1) if m else None


def next_section(number: str, marker: str, title: str) -> bool:
    """``5.3 Screen Failures`` after the header ``5.1 Inclusion Criteria``: a heading numbered at the same level
    under the same parent, a short title with no sentence punctuation, which ends the criteria sections."""
    other = section_number(marker)
    if other is None or other == number or other.count(".") != number.count("."):
        return False
    title = title.strip()
    return other.rsplit(".", 1)[0] == number.rsplit(".", 1)[0] and len(title.split()) <= 8 \
        and _TITLE.fullmatch(title) is not None and not header_kind(title)[0]
