"""A two-column table turned into text by a PDF converter (``pdftotext -layout`` of a protocol synopsis).

The left column holds field labels, broken over lines (``Inclusion`` / ``Criteria:``), the right column
their values, every value line starting at the same column::

     Inclusion            Patients are eligible to be included in the study only if all
     Criteria:            of the following criteria apply:
                          1. Male or female patients aged ≥ 18 years at the time of

:func:`unfold` rewrites such a text as labelled lines, each label whole on its own line and the values
below it, moved left by the width of the label column::

    Inclusion Criteria:
    Patients are eligible to be included in the study only if all
    of the following criteria apply:
    1. Male or female patients aged ≥ 18 years at the time of

so that the labelled-record reader (``text.py``) finds the criteria labels. ``(continued)`` after a label
that goes on from the previous page is dropped. Lines outside the table (page headers and footers,
headings) are kept as they are. A text without such a table is returned unchanged.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Optional

# A label fragment at the left margin, two or more spaces, then a value
_LABELLED = re.compile(r"^( {0,3}\S(?:.*?\S)?)( {2,})(\S.*)$")
_CONTINUED = re.compile(r"\s*\((?:continued|cont(?:'|’)?d\.?)\)", re.IGNORECASE)
_MIN_LABELS = 4
_MIN_VALUE_LINES = 8
_MIN_COLUMN = 12
_MAX_LABEL = 30
_SLACK = 4  # a value may start a few columns right of the value column ("Criteria" ... "pregnancy test")


def _value_column(lines: list[str]) -> Optional[int]:
    """The column most label rows start their value at, if the text is laid out as such a table."""
    starts = Counter()
    for line in lines:
        m = _LABELLED.match(line)
        if m and len(m.group(1).strip()) <= _MAX_LABEL:
            starts[m.start(3)] += 1
    if not starts:
        return None
    column, labels = starts.most_common(1)[0]
    if column < _MIN_COLUMN or labels < _MIN_LABELS:
        return None
    aligned = sum(1 for line in lines if len(line) > column and line[column] != " "
                  and (line[:column].strip() == "" or line[column - 2:column] == "  "))
    return column if aligned >= _MIN_VALUE_LINES else None


def unfold(text: str) -> str:
    """``text`` with its label/value table rewritten as labelled lines (see the module docstring)."""
    lines = text.splitlines(keepends=True)
    column = _value_column([line.rstrip("\r\n") for line in lines])
    if column is None:
        return text
    out: list[str] = []
    label: list[str] = []  # the fragments of the last label; it is whole once one ends with ':'
    label_line = -1  # where in ``out`` the last label stands
    for raw in lines:
        line = raw.rstrip("\r\n")
        ending = raw[len(line):] or "\n"
        left = line[:column]
        fragment = left.strip()
        value_at = len(line) - len(line[column:].lstrip(" ")) if line[column:].strip() else -1
        if not (value_at >= 0 and (not fragment or (left.endswith("  ") and value_at <= column + _SLACK))):
            if label and not label[-1].endswith(":") and fragment and len(line) <= column:
                fragment = line.strip()  # "Endpoint:" alone on its line: the label goes on
            else:
                out.append(raw)  # outside the table: page header or footer, heading, blank line
                continue
        if fragment:
            if not label or label[-1].endswith(":") or len(label) >= 3:
                label, label_line = [], len(out)
                out.append("")
            label.append(fragment)
            out[label_line] = _CONTINUED.sub("", " ".join(label)) + ending
        if len(line) > column:
            out.append(line[column:] + ending)
    return "".join(out)
