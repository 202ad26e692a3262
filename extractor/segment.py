"""Blocks of criteria text -> criterion items, with exact character offsets.

A block is read line by line. Each line is one of: blank; a kind header (``Inclusion Criteria:``,
``Key exclusion criteria``) or a preamble (``… must meet all of the following criteria:``), which may
set the kind (both recognised by :mod:`extractor.headers`); a section heading (a short line ending in ``:`` such as ``Hematologic:`` or ``Part A:``);
a marked item (bullet or numbering: ``•``, ``-``, ``*``, ``1.``, ``1)``, ``(a)``, ``i.``, ``2.1``); or
plain text, which either continues the current item (a wrapped line) or starts a new one.

Nesting follows the indentation and the marker style, the way a reader sees it: a marker of a style
already open at that indentation is a sibling; a deeper or new style is a child; a plain line ending in
``:`` (``Patients must have one of the following:``) is an item whose marked lines below are its
children. ``text[start:end]`` of every item equals its text exactly; line ends are never translated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator, Optional

from .headers import header_kind, next_section, preamble_kind, section_number
from .inline_lists import SEMICOLON, inline_parts
from .types import Block, Item, Kind, Record

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")

# Bullet glyphs: the usual ones, then word processors' (❖ ◆ ✔ ➤ §, and the Symbol/Wingdings private-use
# characters U+F0B7 U+F0A7 U+F076 U+F0D8 U+F0FC that text copied from Word keeps).
_BULLETS = "•-*·●○◦▪▫■□‣⁃–—−✓➢►→" "❖◆◇✔✗➤▶▸⦁∙⚫⬤❑❒§\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0e0\uf0a8"
_MARKER = re.compile(
    r"(?P<marker>"
    r"\\?[" + re.escape(_BULLETS) + r"](?=[ \t]|$)"  # bullets (CT.gov markdown may escape them: \-)
    r"|o(?=\t|[ \t\u00a0]+[A-Za-z(])"  # a word processor's second-level bullet (no English line starts "o word")
    r"|[1-9]\d?(?:\.\d{1,2})+\.?(?=[ \t]+[A-Z(])"  # 2.1 / 2.1.3. (not 1.5 x ULN)
    r"|\(\d{1,3}\)|\d{1,3}[.)](?![\d.,])"  # (1) 1. 1)
    r"|（\d{1,3}）|\d{1,3}、"  # full-width forms of Chinese registries: （1） 2、
    r"|\([a-zA-Z]\)|[a-zA-Z][.)](?=[ \t])"  # (a) a. a) A.
    r"|\((?:[ivx]{1,5}|[IVX]{1,5})\)|(?:[ivx]{1,5}|[IVX]{1,5})[.)](?=[ \t])"  # (iv) iv. IV)
    r")[ \t]*"
)
_DECIMAL_MARK = re.compile(r"[1-9]\d?(?:\.\d{1,2})+\.?")
_ROMAN = re.compile(r"^\(?(?:[ivx]{1,5}|[IVX]{1,5})[.)]?\)?$")
_HEADING_MAX_WORDS = 5
_CAPS_LABEL = re.compile(r"^(?P<label>[A-Z][A-Z0-9 ,/&()'-]{2,60}[A-Z)]):[ \t]+(?=\S)")


@dataclass
class _Frame:
    indent: int
    style: str
    item: int  # index into the item list


@dataclass
class _Open:
    """An item being built: its content spans text[start:end]."""

    kind: Kind
    start: int
    end: int
    marker_indent: int
    parent: Optional[int]
    section: Optional[str]
    marked: bool


@dataclass
class _State:
    kind: Optional[Kind]
    section: Optional[str] = None
    stack: list[_Frame] = field(default_factory=list)
    blank_before: bool = False
    kind_by_preamble: bool = False  # a later preamble may change a kind an earlier preamble set
    header_kind: Optional[Kind] = None  # the kind the last header gave: a new section heading returns to it
    section_number: Optional[str] = None  # "5.1" of a header "5.1 Inclusion Criteria"
    after_sections: bool = False  # past "5.3 Screen Failures": no criteria until the next header


# A section number before a lower-case title, which the list-mark pattern leaves out ("1.5 x ULN"): only
# for a heading (a header, or the next numbered section) is it read as a mark.
_LOWER_SECTION = re.compile(r"(?P<marker>[1-9]\d?(?:\.\d{1,2})+\.?)[ \t]+(?=[a-z])")


# lower case only: "Hepatitis A", "Child-Pugh class A" end a sentence
_DANGLING = re.compile(r"\b(?:of|to|in|on|at|by|for|with|from|than|and|or|the|a|an|least|most|per|between|within)$")


def _bare_header(line: str) -> bool:
    """``Inclusion criteria:`` alone on its line."""
    is_header, _, tail = header_kind(line.strip())
    return is_header and not tail.strip()


def _marked_header(body: str) -> bool:
    """``5.5 Exclusion Criteria``: a header after a list mark or a section number."""
    m = _MARKER.match(body)
    return m is not None and header_kind(body[m.end():])[0]


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each line's content in text[start:end], line ends excluded."""
    for m in _LINE.finditer(text, start, end):
        if m.start() == m.end():
            break
        content = m.group().rstrip("\r\n")
        yield m.start(), m.start() + len(content)


def _style(marker: str, stack: list[_Frame]) -> str:
    core = marker.lstrip("\\")
    if core[0] in _BULLETS or core.rstrip() == "o":
        return "bullet" + core[0]
    if re.match(r"\d{1,2}(?:\.\d{1,2})+", core):
        return "decimal" + str(core.rstrip(".").count("."))
    wrap = "()" if core.startswith(("(", "（")) else "." if core.endswith("、") else core[-1]  # 2、 is 2.
    letters = core.strip("().（）、")
    if letters.isdigit():
        return "num" + wrap
    if _ROMAN.match(core) and not any(f.style.startswith("alpha") and letters.lower() in "iv" for f in stack[-1:]):
        return ("roman" if letters.islower() else "ROMAN") + wrap
    return ("alpha" if letters.islower() else "ALPHA") + wrap


_EXCLUDED = re.compile(r"\bexclu\w*|\bineligib\w*|\bnot\s+(?:be\s+)?eligible", re.IGNORECASE)


def _take_preamble_kind(state: _State, kind: Optional[Kind], line: str = "") -> None:
    """A preamble's kind holds unless a header gave one (``Patients must meet all of the following`` then
    ``Patients meeting any of the following will be excluded``: inclusion, then exclusion). An exclusion
    preamble also ends a header's inclusion list (``Inclusion Criteria:`` … ``Patients with any of the
    following will be excluded:``), where a page has no exclusion header of its own: it has to say so
    (``excluded``, ``not eligible``), not merely list alternatives (``any of the following:``)."""
    if kind is not None and (state.kind is None or state.kind_by_preamble
                             or (kind == "exclusion" and state.kind == "inclusion" and _EXCLUDED.search(line))):
        state.kind, state.kind_by_preamble = kind, True


def _is_caps_section(label: str) -> bool:
    """``DISEASE CHARACTERISTICS`` or ``PRIOR CONCURRENT THERAPY`` (a section), not ``ECOG PS`` or ``HBV DNA``."""
    words = label.split()
    return 2 <= len(words) <= _HEADING_MAX_WORDS and all(len(w.strip("(),/&'-")) >= 4 for w in words)


def _is_heading(line: str) -> bool:
    """A short title line ending in a colon: ``Hematologic:``, ``Part A:``, ``DISEASE CHARACTERISTICS:``."""
    s = line.strip()
    if not s.endswith(":") or len(s) < 2:
        return False
    words = s[:-1].split()
    return 0 < len(words) <= _HEADING_MAX_WORDS and not re.search(r"\d{2,}|[<>≤≥=%]", s)


class _Segmenter:
    def __init__(self, record: Record, default_kind: Optional[Kind]):
        self.text = record.text
        self.wrapped = record.wrapped
        self.default_kind = default_kind
        self.items: list[_Open] = []
        self.skipped: list[tuple[int, int]] = []  # header, preamble and heading lines (not criteria)
        self.furniture = frozenset(record.furniture)
        self.defaulted = False

    # -- item bookkeeping
    def _kind(self, state: _State) -> Kind:
        if state.kind is None:
            self.defaulted = True
            return self.default_kind or "inclusion"
        return state.kind

    def _new(self, state: _State, start: int, end: int, indent: int, parent: Optional[int], marked: bool) -> int:
        self.items.append(_Open(self._kind(state), start, end, indent, parent, state.section, marked))
        return len(self.items) - 1

    def _strip_span(self, start: int, end: int) -> tuple[int, int]:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    # -- one block
    def block(self, block: Block) -> None:
        state = _State(kind=block.kind)
        if block.atomic:
            s, e = self._strip_span(block.start, block.end)
            if s < e:
                self.items.append(_Open(self._kind(state), s, e, 0, None, block.section, False))
            return
        state.section = block.section
        current: Optional[int] = None
        clause_lines = set() if self.wrapped else self._clause_lines(block)
        for ls, le in _lines(self.text, block.start, block.end):
            if (ls, le) in self.furniture:  # "Page 12 of 85", a running header: the item ends, the list goes on
                self.skipped.append((ls, le))
                current = None
                continue
            line = self.text[ls:le]
            stripped = line.strip()
            if not stripped:
                state.blank_before = True
                continue
            indent = len(line) - len(line.lstrip(" \t"))
            cs = ls + indent  # content start
            for ps, pe in inline_parts(self.text, cs, le, (ls, le) in clause_lines, self.wrapped):
                current = self._line(state, current, self.text[ps:pe], ps, pe, indent)
            state.blank_before = False

    def _clause_lines(self, block: Block) -> set[tuple[int, int]]:
        """The lines that are a whole section by themselves (between headers, alone in the block) and hold
        two semicolons or more and no list mark: ``Patients of both sexes; aged 18 years or older; …``, cut at the
        semicolons."""
        runs: list[list[tuple[int, int]]] = [[]]
        for a, b in _lines(self.text, block.start, block.end):
            if _bare_header(self.text[a:b]):
                runs.append([])
            elif self.text[a:b].strip():
                runs[-1].append((a, b))
        return {run[0] for run in runs if len(run) == 1 and len(SEMICOLON.findall(self.text, *run[0])) >= 2
                and not _MARKER.match(self.text[run[0][0]:run[0][1]].lstrip())}  # "- A; B; C" is one list item

    def _line(self, state: _State, current: Optional[int], body: str, cs: int, le: int, indent: int) -> Optional[int]:
        is_header, kind, tail = header_kind(body)
        if state.after_sections and not is_header and not _marked_header(body):
            self.skipped.append((cs, le))
            return None
        if current is not None and self.items[current].start == self.items[current].end and not is_header:
            self.items[current].start = cs  # a marker alone on its line: the text follows on the next
            self.items[current].end = le
            return current
        if is_header:
            state.section_number, state.after_sections = None, False
            if kind is not None:
                state.kind, state.kind_by_preamble, state.header_kind = kind, False, kind
            state.stack.clear()
            state.section = None
            tail_start = le - len(tail)
            self.skipped.append((cs, tail_start))
            return self._tail(state, tail_start, le, indent)
        m = _MARKER.match(body)
        head = m or _LOWER_SECTION.match(body)  # "4.2  criteria for non-eligibility" (OCR): a heading's number
        if head and head.end() < len(body):
            inner_header, inner_kind, inner_tail = header_kind(body[head.end():])
            if inner_header and (inner_tail.strip() == "" or body[head.end():].strip().isupper()):
                idx = self._line(state, None, body[head.end():], cs + head.end(), le, indent)
                state.section_number = section_number(head.group("marker"))
                return idx
            if state.section_number and next_section(state.section_number, head.group("marker"), body[head.end():]):
                state.after_sections = True  # "5.3 Screen Failures" after "5.2 Exclusion Criteria"
                self.skipped.append((cs, le))
                return None
        if m:
            return self._marked(state, m, cs, le, indent)
        pre, pkind = preamble_kind(body)
        if not pre and not self.wrapped and current == len(self.items) - 1 and not self.items[current].marked \
                and not state.blank_before and body.lstrip()[:1].islower():
            item = self.items[current]  # "Patients are eligible only if all of the" / "following criteria
            pre, pkind = preamble_kind(self.text[item.start:item.end] + " " + body)  # apply:", one preamble
            pre = pre and state.kind in (None, pkind)  # that agrees with its header
            if pre:
                self.skipped.append((item.start, item.end))
                self.items.pop()
        if pre:
            _take_preamble_kind(state, pkind, body)
            state.stack.clear()
            self.skipped.append((cs, le))
            return None
        if current is not None and self._continues(state, current, indent, body):
            self.items[current].end = le
            return current
        if _is_heading(body):
            state.section = body.strip()[:-1].strip()
            if state.kind_by_preamble and state.header_kind is not None:  # "Prior Medication:" after an
                state.kind, state.kind_by_preamble = state.header_kind, False  # excluded list: the header's kind
            state.stack.clear()
            self.skipped.append((cs, le))
            return None
        label = _CAPS_LABEL.match(body)
        if label and _is_caps_section(label.group("label")):
            state.section = label.group("label").strip()
            state.stack.clear()
            self.skipped.append((cs, cs + label.end()))
            cs += label.end()
        idx = self._new(state, cs, le, indent, None, False)
        state.stack.clear()
        if body.rstrip().endswith(":"):
            state.stack.append(_Frame(indent, "lead", idx))
        return idx

    def _tail(self, state: _State, start: int, end: int, indent: int) -> Optional[int]:
        s, e = self._strip_span(start, end)
        if s >= e:
            return None
        body = self.text[s:e]
        pre, pkind = preamble_kind(body)
        if pre:
            _take_preamble_kind(state, pkind, body)
            self.skipped.append((s, e))
            return None
        m = _MARKER.match(body)
        if m and m.end() < len(body):  # "Inclusion criteria: 1. Aged 18 or over": the first item of a list
            return self._marked(state, m, s, e, indent)
        return self._new(state, s, e, indent, None, False)

    def _marked(self, state: _State, m: re.Match, cs: int, le: int, indent: int) -> int:
        style = _style(m.group("marker"), state.stack)
        stack = state.stack
        sibling = next((i for i in range(len(stack) - 1, -1, -1)
                        if stack[i].style == style and abs(stack[i].indent - indent) <= 1), None)
        if sibling is not None:
            del stack[sibling:]
        else:
            while stack and stack[-1].indent > indent:
                stack.pop()
        parent = stack[-1].item if stack else None
        start = min(cs + m.end(), le)
        idx = self._new(state, start, le, indent, parent, True)
        stack.append(_Frame(indent, style, idx))
        return idx

    def _continues(self, state: _State, current: int, indent: int, body: str = "") -> bool:
        item = self.items[current]
        if not state.blank_before:
            if self.wrapped:
                return True
            return item.marked and (indent > item.marker_indent or self._wraps(item, body))
        return item.marked and indent > item.marker_indent + 1

    def _wraps(self, item, body: str) -> bool:
        """A line of a marked item broken where the source had no line end (a ``<br>`` or a fixed width):
        the next line starts in lower case, or the item stops on a comma, a hyphen or a word no sentence ends
        on (``… with a dose of at least`` / ``10 mg/day of prednisolone``)."""
        first = body.lstrip()[:1]
        line = self.text[item.start:item.end].rstrip()
        return first.islower() or line.endswith((",", "-", "–")) or _DANGLING.search(line) is not None


@dataclass(frozen=True)
class Segmentation:
    """Criterion items, warnings, and the spans of lines read as headers, preambles or headings."""

    items: list[Item]
    warnings: list[str]
    skipped: list[tuple[int, int]]


def segment(record: Record, default_kind: Optional[Kind] = None) -> Segmentation:
    """Split the record's blocks into criterion items, numbered I1.. / E1.. in source order."""
    seg = _Segmenter(record, default_kind)
    for block in record.blocks:
        seg.block(block)
    warnings: list[str] = []
    if seg.defaulted and seg.items:
        warnings.append(
            f"no inclusion/exclusion header found for some criteria; taken as {default_kind or 'inclusion'}"
        )
    items: list[Item] = []
    counters = {"inclusion": 0, "exclusion": 0}
    ids: list[str] = []
    for it in seg.items:
        s, e = seg._strip_span(it.start, it.end)
        if s >= e:
            ids.append("")
            continue
        counters[it.kind] += 1
        ids.append(("I" if it.kind == "inclusion" else "E") + str(counters[it.kind]))
    for n, it in enumerate(seg.items):
        if not ids[n]:
            continue
        s, e = seg._strip_span(it.start, it.end)
        parent = ids[it.parent] if it.parent is not None and ids[it.parent] else None
        items.append(Item(id=ids[n], kind=it.kind, span=(s, e), text=record.text[s:e], parent=parent,
                          section=it.section))
    return Segmentation(items, warnings, seg.skipped)


def unclaimed(record: Record, seg: Segmentation) -> list[tuple[int, int]]:
    """Spans of block text that no criterion, header, preamble or heading took (list marks aside).

    Empty for a correct segmentation: it is how the tests prove that no criterion text was lost.
    """
    covered = bytearray(len(record.text))
    for s, e in [it.span for it in seg.items] + list(seg.skipped):
        covered[s:e] = b"\x01" * (e - s)
    missing: list[tuple[int, int]] = []
    for block in record.blocks:
        for ls, le in _lines(record.text, block.start, block.end):
            for m in re.finditer(r"\S+", record.text[ls:le]):
                s, e = ls + m.start(), ls + m.end()
                if any(covered[s:e]):
                    continue
                mark = _MARKER.match(record.text, s, le)
                if not ((mark and mark.end("marker") == e) or _DECIMAL_MARK.fullmatch(m.group())):
                    missing.append((s, e))
    return missing
