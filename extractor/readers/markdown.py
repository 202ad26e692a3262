"""Criteria kept as a Markdown pipe table, one criterion per row (a curation worksheet, a wiki page).

``| # | Type | Criterion | Notes |`` then ``|---|---|---|---|`` then one row per criterion: when a column of
such a table holds the kind (``Inclusion`` / ``Exclusion``) on nearly every row, its rows are read like a
spreadsheet export of criteria (:func:`extractor.readers.generic.criterion_table`), emphasis marks
(``**18–85**``, ``*eczema*``) removed. Other tables of the page (study facts, outcomes) are not criteria.
A table without a trial id column takes the first registry number of the page.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from ..types import Record
from . import generic
from ._common import first_registry_id, registry_for_id

_ROW = re.compile(r"^[ \t]*\|(.*)\|[ \t]*$")
_RULE_CELL = re.compile(r"\s*:?-{3,}:?\s*")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])|`([^`]+)`")


def _cells(line: str) -> Optional[list[str]]:
    m = _ROW.match(line)
    return [c.strip() for c in re.split(r"(?<!\\)\|", m.group(1))] if m else None


def _plain(cell: str) -> str:
    """A cell's text without Markdown emphasis or code marks and escaped pipes."""
    return _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or m.group(4), cell).replace("\\|", "|")


def tables(text: str) -> list[list[dict[str, str]]]:
    """Every pipe table of a Markdown text (a header row, then a ``---`` rule row) as rows of header -> cell."""
    lines = text.splitlines()
    found: list[list[dict[str, str]]] = []
    i = 0
    while i + 1 < len(lines):
        head, rule = _cells(lines[i]), _cells(lines[i + 1])
        if head is None or rule is None or len(rule) != len(head) or not all(_RULE_CELL.fullmatch(c) for c in rule):
            i += 1
            continue
        rows = []
        i += 2
        while i < len(lines) and (cells := _cells(lines[i])) is not None:
            cells = (cells + [""] * len(head))[:len(head)]
            rows.append({_plain(h) or f"column {n}": _plain(c) for n, (h, c) in enumerate(zip(head, cells), 1)})
            i += 1
        if rows:
            found.append(rows)
    return found


def criteria_tables(text: str, source: str) -> Optional[list[Record]]:
    """The records of the page's criteria tables (one criterion per row), or None when it has none."""
    if "|" not in text or "---" not in text:
        return None
    records: list[Record] = []
    for rows in tables(text):
        records += generic.criterion_table(rows, source) or []
    if not records:
        return None
    page_id = first_registry_id(text)
    return [r if r.id else replace(r, id=page_id, registry=registry_for_id(page_id)) for r in records]
