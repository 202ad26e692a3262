"""Reader for registry pages saved as HTML (``html``): a CT.gov, ISRCTN, EU CTR or MedPath page, or
any HTML fragment holding criteria lists.

The page is rendered to plain text the way a browser lays it out, and ``Record.text`` is that text:
``<script>``, ``<style>``, ``<head>`` and ``<template>`` content is dropped, headings, paragraphs, table
rows and definition terms start lines (a row whose first cell is a short label reads ``label: rest``),
each ``<li>`` becomes a bullet line (``•`` under ``<ul>``,
``1.`` under ``<ol>``) indented two spaces per level of nesting, ``<br>`` breaks a line, runs of
white space collapse (not inside ``<pre>``), character references are decoded, and a superscript after
a digit or letter is written with a caret (``10<sup>9</sup>/L`` → ``10^9/L``, ``m<sup>2</sup>`` → ``m^2``).

The rendered text then goes to the text readers: a MedPath page by the ``medpath`` reader, anything
else as plain criteria text with one block per criteria section: from a criteria heading (a heading
line naming inclusion, exclusion or eligibility criteria) to the next heading of the page that is not
one. A page without such a heading is read as the text reader reads it when its lines carry registry
field labels (``Brief Summary:`` … ``Criteria:`` …), else from its first line that is a kind header
(``Inclusion Criteria:`` in a paragraph) to its end, and a page without any of these is read whole. The ``<title>`` gives the record's title, and its registry id (NCT, ISRCTN,
EudraCT…) the record's id, when the text reader has none.
"""
from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser
from typing import Optional

from ..headers import header_kind
from ..types import Block, Record
from . import medpath, text
from ._common import first_registry_id, registry_for_id

NAME = "html"

_SKIP = frozenset({"script", "style", "head", "template", "noscript", "svg"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "dt", "th", "caption", "legend"})
_BLOCKS = _HEADINGS | frozenset({
    "p", "div", "section", "article", "header", "footer", "main", "nav", "aside", "table", "tr", "ul", "ol",
    "dl", "dd", "blockquote", "pre", "form", "fieldset", "figure", "hr", "address", "details", "summary",
})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"})
_START = re.compile(r"\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<(?:body|head|div|p|ul|ol|table|h[1-6])[\s>])",
                    re.IGNORECASE | re.DOTALL)
_CRITERIA_HEADING = re.compile(r"\b(?:inclusion|exclusion|eligibility)\b|\bcriteri", re.IGNORECASE)


_FIELD_TAGS = r"(?:br|p|div|span|li|ul|ol|b|i|u|em|strong|sup|sub|font|table|tr|td|th|h[1-6])"
_MARKUP = re.compile(rf"</?{_FIELD_TAGS}\b[^<>]*>|&(?:[a-zA-Z]{{2,8}}|#\d{{1,6}}|#x[0-9a-fA-F]{{1,6}});", re.IGNORECASE)
_OTHER_LT = re.compile(rf"<(?!/?{_FIELD_TAGS}\b[^<>]*>)", re.IGNORECASE)


def looks_like(content: str) -> bool:
    """True for an HTML document or fragment: a doctype, ``<html>``, or a leading block element."""
    return bool(_START.match(content[:2000]))


class _Renderer(HTMLParser):
    """HTML → text with line structure; records where each heading line starts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.pre = 0
        self.lists: list[list] = []  # per open list: [ordered, next number]
        self.title: list[str] = []
        self.in_title = False
        self.heading_depth = 0
        self.headings: list[tuple[int, int]] = []  # (start, end) offsets of heading lines in the text
        self.sup_after_word = False
        self.row: list[int] = []  # per open table row: [offset where it starts, cells begun]

    def _text(self) -> str:
        return "".join(self.out)

    def _newline(self) -> None:
        current = self._text()
        if current and not current.endswith("\n"):
            self.out.append("\n")

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        if tag in _BLOCKS or tag == "li" or tag == "br":
            if tag == "br":
                self.out.append("\n")
            else:
                self._newline()
        if tag in ("ul", "ol"):
            self.lists.append([tag == "ol", 1])
        elif tag == "li":
            ordered, number = self.lists[-1] if self.lists else (False, 1)
            indent = "  " * max(0, len(self.lists) - 1)
            self.out.append(f"{indent}{number}. " if ordered else f"{indent}• ")
            if self.lists:
                self.lists[-1][1] += 1
        elif tag == "pre":
            self.pre += 1
        elif tag == "tr":
            self.row.append([len(self._text()), 0, 1])  # row start, cells begun, cells that make the label
        elif tag in ("td", "th"):
            self._cell()
        elif tag == "sup":
            current = self._text()
            self.sup_after_word = bool(current) and current[-1].isalnum()
            if self.sup_after_word:
                self.out.append("^")
        if tag in _HEADINGS:
            if self.heading_depth == 0:
                self.headings.append((len(self._text()), -1))
            self.heading_depth += 1

    def _cell(self) -> None:
        """Before a table cell: ``": "`` after a short label (``Key inclusion criteria | Adults`` → ``Key
        inclusion criteria: Adults``; with a section-code cell first, ``E.3 | Principal inclusion criteria |
        1. …`` → ``E.3 Principal inclusion criteria: 1. …``), else a space."""
        current = self._text()
        row = self.row[-1] if self.row else None
        label = ""
        if row is not None and row[1] == 1 and _CODE_CELL.fullmatch(current[row[0]:].strip()):
            row[2] = 2  # the label is the code and the next cell
        elif row is not None and row[1] == row[2]:
            label = current[row[0]:].strip()
        if label and len(label) <= 80 and label[-1].isalnum() and not current.endswith("\n"):
            self.out.append(": ")
        elif current and not current.endswith(("\n", " ")):
            self.out.append(" ")
        if row is not None:
            row[1] += 1

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag in _HEADINGS and self.heading_depth:
            self.heading_depth -= 1
            if self.heading_depth == 0 and self.headings:
                self.headings[-1] = (self.headings[-1][0], len(self._text()))
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag == "tr" and self.row:
            self.row.pop()
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in _BLOCKS or tag == "li":
            self._newline()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if self.skip:
            return
        if not self.pre:
            data = re.sub(r"\s+", " ", data)
            current = self._text()
            if not current or current.endswith(("\n", " ")) or current.endswith("• ") or current.endswith(". "):
                data = data.lstrip(" ")
        self.out.append(data)


_TABLE = re.compile(r"<table\b[^>]*>((?:(?!<table\b).)*?)</table\s*>", re.IGNORECASE | re.DOTALL)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr\s*>", re.IGNORECASE | re.DOTALL)
_CELL = re.compile(r"<t[hd]\b[^>]*>(.*?)</t[hd]\s*>", re.IGNORECASE | re.DOTALL)
_CRITERIA_HEAD = re.compile(r"\b(?:inclusion|exclusion)\s+criteri", re.IGNORECASE)


def _by_column(content: str) -> str:
    """``content`` with each table laid out by column (a header row ``Inclusion Criteria | Exclusion Criteria |
    Minimum Age``, then one row of values, as PACTR writes them) rewritten as one ``header: value`` row per
    column, the layout the renderer reads labels from."""
    def rewrite(m: re.Match) -> str:
        rows = [_CELL.findall(r) for r in _ROW.findall(m.group(1))]
        if len(rows) != 2 or len(rows[0]) != len(rows[1]) or len(rows[0]) < 2 \
                or not _CRITERIA_HEAD.search(" ".join(rows[0])):
            return m.group(0)
        pairs = "".join(f"<tr><th>{head}</th><td>{value}</td></tr>" for head, value in zip(*rows))
        return f"<table>{pairs}</table>"
    return _TABLE.sub(rewrite, content) if "<table" in content.lower() else content


def render(content: str) -> tuple[str, list[tuple[int, str]], Optional[str]]:
    """The page's text, its heading lines as ``(offset in the text, line)``, and its ``<title>``."""
    parser = _Renderer()
    parser.feed(_by_column(content))
    parser.close()
    raw = parser._text()
    lines: list[str] = []
    headings: list[tuple[int, str]] = []
    offset = 0
    for line in raw.split("\n"):
        begin, offset = offset, offset + len(line) + 1
        line = line.rstrip()
        if not line.strip() and (not lines or not lines[-1].strip()):
            continue  # no leading blank line, and at most one blank line in a row
        if line.strip() and any(s < begin + len(line) and begin < e for s, e in parser.headings):
            headings.append((len(lines), line.strip()))
        lines.append(line)
    while lines and not lines[-1].strip():
        lines.pop()
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    body = "\n".join(lines) + "\n" if lines else ""
    title = re.sub(r"\s+", " ", "".join(parser.title)).strip() or None
    return body, [(starts[n], line) for n, line in headings], title


def field_text(value: str) -> str:
    """A registry field's text with its HTML markup rendered: WHO ICTRP and others store criteria with
    ``<br>`` tags and escaped signs (``HbA1c &gt;= 7%<br>BMI &lt; 40``). Line breaks of the field are kept,
    a ``<`` that starts no tag stays a sign, and a field without markup is returned unchanged."""
    if not _MARKUP.search(value):
        return value
    safe = _OTHER_LT.sub("&lt;", value).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    return render(safe)[0].rstrip("\n")


def _criteria_blocks(body: str, headings: list[tuple[int, str]], labels: list[tuple[int, str, str, str]]
                     ) -> tuple[Block, ...]:
    """One block per run of criteria headings: from such a heading's line to the next heading line that
    is not one, or the next registry field label line (``Minimum age``, ``Ages Eligible for Study``), or
    the end of the page (``labels``: the body's text.label_marks). A block that opens with a general
    heading (``Participation Criteria``) and holds kind headers starts at the first of them: the prose
    before it explains the page."""
    marks = {offset: ("criteria" if _CRITERIA_HEADING.search(line) else "field", line.lower(), "")
             for offset, line in headings}
    for offset, what, key, value in labels:
        if what == "criteria" or offset not in marks:  # a criteria label (or CTRI's "Details") wins over a heading
            marks[offset] = (what, key, value)
    ordered = [(offset, *mark) for offset, mark in sorted(marks.items())]
    if not any(what == "criteria" for _, what, _, _ in ordered):
        return ()
    heading_at = {offset for offset, _ in headings}
    merged = [m for i, m in enumerate(ordered)  # a criteria heading and the criteria labels after it: one block
              if not (m[1] == "criteria" and i and ordered[i - 1][1] == "criteria" and ordered[i - 1][0] in heading_at
                      and not ordered[i - 1][3])]
    return tuple(Block(_first_kind_header(body, b.start, b.end), b.end, b.kind) for b in text.blocks_of(body, merged))


_CODE_CELL = re.compile(r"[A-Z](?:\.\d{1,2}){1,5}\.?")  # EU CTR section codes in their own cell: E.3, F.1.2
_LIST_LINE = re.compile(r"\s*(?:[•\-*]|\d{1,3}[.)、]|（\d{1,3}）)\s")


def _first_kind_header(body: str, begin: int, end: int) -> int:
    """``begin``, or the start of the first kind-header line of ``body[begin:end]`` when the block's first
    line is no kind header itself (an ``Eligibility`` heading followed by prose, then ``Inclusion Criteria:``)."""
    offset = begin
    for n, line in enumerate(body[begin:end].splitlines(keepends=True)):
        is_header, kind, _ = header_kind(line.strip())
        if is_header and kind is not None:
            return begin if n == 0 else offset
        if _LIST_LINE.match(line):
            return begin  # a list before any kind header: criteria, not prose
        offset += len(line)
    return begin


def _from_first_header(body: str) -> tuple[Block, ...]:
    """A page whose criteria headings are not heading elements: from the first line that is a kind
    header (``Inclusion Criteria:`` in a paragraph) to the end; () if no line is one."""
    offset = 0
    for line in body.splitlines(keepends=True):
        if header_kind(line.strip())[0]:
            return (Block(offset, len(body.rstrip())),)
        offset += len(line)
    return ()


def read(content: str, source: str) -> Record:
    """Build the Record of one HTML page (``content`` is the decoded file)."""
    body, headings, title = render(content)
    if medpath.looks_like(body):
        record = medpath.read(body, source)
    else:
        labels = text.label_marks(body)
        record = text.read(body, source, labels)
        labelled = record.blocks != (Block(0, len(body)),)  # the text reader kept only labelled criteria fields
        blocks = _criteria_blocks(body, headings, labels) or (() if labelled else _from_first_header(body))
        if blocks:
            record = dataclasses.replace(record, blocks=blocks)
    trial_id = record.id or first_registry_id(title or "") or first_registry_id(body[:2000])
    return dataclasses.replace(record, id=trial_id, title=record.title or title,
                               registry=record.registry or (registry_for_id(trial_id) if trial_id else None),
                               source_format=NAME)
