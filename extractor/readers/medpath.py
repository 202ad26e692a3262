"""Reader for MedPath trial pages saved as text (``medpath``).

A page is a sequence of lines: a ``MedPath`` banner, the title, then label lines each followed by
their value (``Registration Number`` / ``NCT05460481``, ``Lead Sponsor`` / …, ``Status`` / …), and in
the *Recruitment & Eligibility* section an ``Inclusion Criteria`` and an ``Exclusion Criteria`` line,
each followed by a bullet list (``  • …``).

``Record.text`` is the whole file as read (no newline translation: ``\\r\\n`` stays). Each list
becomes one Block: from the start of its first line (indentation and bullet included) to the end of
its last line (line break excluded). A list ends at the next section heading, or at a blank line
followed by a line that is neither a bullet nor indented.
"""
from __future__ import annotations

import re
from typing import Optional

from ..types import Block, Kind, Record
from ._common import NO_CRITERIA, registry_for_id

NAME = "medpath"

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_BULLET = re.compile(r"\s*(?:[•◦▪●○·*\-–]|\d{1,3}[.)]|[a-z][.)])\s")
_CRITERIA_HEADER = re.compile(r"(inclusion|exclusion) criteria\s*:?", re.IGNORECASE)
#: Line labels of the MedPath layout; any of them ends a criteria list.
_HEADINGS = frozenset(h.lower() for h in (
    "MedPath", "Conditions", "Interventions", "Registration Number", "Lead Sponsor", "Brief Summary",
    "Detailed Description", "Recruitment & Eligibility", "Status", "Sex", "Target Recruitment",
    "Age", "Ages", "Healthy Volunteers", "Inclusion Criteria", "Exclusion Criteria", "Study & Design",
    "Study Type", "Study Design", "Arm && Interventions", "Arms & Interventions",
    "Primary Outcome Measures", "Secondary Outcome Measures", "Trial Locations", "Locations",
    "Related News", "References", "Collaborators", "Phase",
))


def looks_like(text: str) -> bool:
    """True for a MedPath page: the first non-blank line is ``MedPath``, or the page has the
    layout's ``Registration Number`` and ``Recruitment & Eligibility`` labels."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first == "MedPath":
        return True
    lines = {line.strip() for line in text.splitlines()}
    return "Registration Number" in lines and "Recruitment & Eligibility" in lines


def _lines(text: str) -> list[tuple[int, int, str]]:
    """``(start, end_of_content, content)`` for each line; ``end`` excludes the line break."""
    out = []
    for match in _LINE.finditer(text):
        if match.start() == len(text) and out:
            break
        content = match.group().rstrip("\r\n")
        out.append((match.start(), match.start() + len(content), content))
    return out


def _is_heading(content: str) -> bool:
    stripped = content.strip()
    return stripped.lower().rstrip(":") in _HEADINGS or bool(re.match(r"Locations \(\d+\)$", stripped))


def _is_list_line(content: str) -> bool:
    return bool(_BULLET.match(content)) or (content[:1].isspace() and bool(content.strip()))


def _value_after(lines: list[tuple[int, int, str]], label: str) -> Optional[str]:
    """The first non-blank line after the line reading ``label``, unless that line is a heading."""
    for i, (_, _, content) in enumerate(lines):
        if content.strip() == label:
            for _, _, value in lines[i + 1:]:
                if value.strip():
                    return None if _is_heading(value) else value.strip()
            return None
    return None


def _list_after(lines: list[tuple[int, int, str]], i: int) -> Optional[tuple[int, int]]:
    """The span of the list that follows the header line ``i``, or None if it is empty."""
    first = last = None
    for j in range(i + 1, len(lines)):
        content = lines[j][2]
        if not content.strip():
            continue
        if _is_heading(content):
            break
        after_blank = not lines[j - 1][2].strip()
        if first is not None and after_blank and not _is_list_line(content):
            break
        if first is None:
            first = j
        last = j
    if first is None or last is None:
        return None
    return lines[first][0], lines[last][1]


def read(text: str, source: str) -> Record:
    """Build the Record of one MedPath page (``text`` is the decoded file)."""
    lines = _lines(text)
    blocks: list[Block] = []
    warnings: list[str] = []
    seen: set[str] = set()
    # Criteria headers count from the Recruitment & Eligibility section on (when the page has one), so
    # an "Inclusion Criteria" line quoted in the description does not start a block.
    section = next((i for i, line in enumerate(lines) if line[2].strip() == "Recruitment & Eligibility"), 0)
    for i, (_, _, content) in enumerate(lines):
        if i < section:
            continue
        match = _CRITERIA_HEADER.fullmatch(content.strip())
        if not match:
            continue
        kind: Kind = "inclusion" if match.group(1).lower() == "inclusion" else "exclusion"
        span = _list_after(lines, i)
        if span is None:
            warnings.append(f"empty {kind} criteria list")
            continue
        if kind in seen:
            warnings.append(f"more than one {kind} criteria list")
        seen.add(kind)
        blocks.append(Block(span[0], span[1], kind))
    if not blocks:
        warnings.append(NO_CRITERIA)
    title = _value_after(lines, "MedPath")
    trial_id = _value_after(lines, "Registration Number")
    if trial_id is None:
        warnings.append("no Registration Number in page")
    return Record(
        id=trial_id,
        registry=registry_for_id(trial_id),
        title=title,
        text=text,
        blocks=tuple(blocks),
        source_format=NAME,
        source=source,
        sponsor=_value_after(lines, "Lead Sponsor"),
        status=_value_after(lines, "Status"),
        warnings=tuple(warnings),
    )
