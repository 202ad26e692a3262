"""Reader for plain criteria text (``text``), with or without Inclusion/Exclusion headers.

``Record.text`` is the whole file as read (no newline translation). One Block(kind=None) spans all of
it; the segmenter finds the headers. A file of only whitespace gives a Record with no blocks.

A registry page saved or copied as text (EU CTR's ``E.3 Principal inclusion criteria: …`` between
``A.3 Full title of the trial:`` and ``E.5.1 Primary end point(s):``; ClinicalTrials.gov's ``Brief
Summary:`` … ``Criteria:`` … ``Contacts and Locations``) is a *labelled* record: when at least a few lines
start with a registry field label (``models/registry_fields.json``) and one with a criteria label, only
the text after each criteria label, up to the next label, is criteria (one Block each, of the kind the
label names); the record's id is the first registry number in the text and its title the value of a
title label. A plain text's id is a registry number in its first 300 characters, if any.

An e-mail that forwards the criteria quotes them (``> `` / ``>> `` before each line): the quote marks are
removed first (:func:`unquote`), its header lines (``From:``, ``Subject:``) are field labels, and a closing
line (``Kind regards,``) ends the criteria of a labelled record.

Text from a PDF converter keeps its page furniture between list items (``Page 12 of 85`` footers, form
feeds, running headers): ``Record.furniture`` names those lines, and the segmenter leaves them out.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ..headers import header_kind
from ..rulefiles import load_rule_json
from ..types import Block, Record
from ._common import NO_CRITERIA, first_registry_id, registry_for_id

NAME = "text"
FIELDS_FILE = "registry_fields.json"

# A plain text names its trial, if at all, near its start ("NCT04111222 - eligibility as pasted…"); further on,
# a registry number is more likely another trial the criteria mention.
_ID_WINDOW = 300
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


_MARKDOWN_HEADING = re.compile(r"[ \t]*#{1,6}[ \t]+(?!of\b)\S", re.IGNORECASE)  # not "# of prior regimens"
_MARKDOWN_LABEL = re.compile(r"[ \t]*(?:#{1,6}[ \t]+)?(?:(\*\*|__)([^*_\r\n]{1,80}?:?)\1)?")


class _Labels:
    def __init__(self, data: dict) -> None:
        self.min_fields = data["min_fields"]
        self.line = re.compile(rf"[ \t]*(?:(?P<code>{data['section_code']})[ \t]+)?(?P<label>[^:\t\r\n]{{1,80}}?)"
                               r"[ \t]*(?P<colon>:|\t|$)")  # "Label: value", "Label<TAB>value", "Label"
        self.criteria = re.compile("|".join(f"(?:{p})" for p in data["criteria_labels"]), re.IGNORECASE)
        self.fields = frozenset(data["field_labels"])
        self.suffixes = frozenset(data["field_suffixes"])
        self.titles = tuple(data["title_labels"])
        self.continuation = re.compile(r"[ \t]*(?:" + "|".join(data["continuation_labels"]) + r")[ \t]*(?::|\t|$)",
                                       re.IGNORECASE)

    def classify(self, line: str) -> tuple[Optional[str], str, str]:
        """``("criteria" | "field" | None, label in lower case, value after the label)`` for one line; a label
        in Markdown bold or after a Markdown heading mark (``**From:** …``, ``## Inclusion criteria``) too, and any
        other Markdown heading is a field."""
        heading = _MARKDOWN_HEADING.match(line) is not None
        line = _MARKDOWN_LABEL.sub(lambda m: m.group(2) or "", line, count=1)
        m = self.line.match(line)
        if m is None:
            return None, "", ""
        label = re.sub(r"\s+", " ", m.group("label")).strip()
        key, value = label.lower(), line[m.end():].strip()
        if self.criteria.fullmatch(label):
            return "criteria", key, value
        if heading:  # "## Notes for site staff": a Markdown heading starts another section
            return "field", key, value
        if m.group("code") or key in self.fields or re.sub(r"\(s\)$", "", key) in self.fields \
                or key.rsplit(" ", 1)[-1] in self.suffixes:
            return "field", key, value
        return None, "", ""


# An e-mail's quoted lines ("> text", ">> text", ">" alone); a line like "> 18 years" is no quote mark
_QUOTE_LINE = re.compile(r"^[ \t]*>(?:[ \t]*>)*(?:[ \t]*$|[ \t]+[^\W\d_(])", re.MULTILINE)
_QUOTE_MARKS = re.compile(r"^[ \t]*>(?:[ \t]?>)*[ \t]?", re.MULTILINE)


def unquote(text: str) -> str:
    """An e-mail thread's text with the quote marks of its quoted lines removed (``>> 1. Adults aged…``),
    when at least five lines and 30 % of the non-blank ones are quoted; any other text as it is."""
    quoted = len(_QUOTE_LINE.findall(text))
    if quoted < 5 or quoted < 0.3 * sum(1 for line in text.splitlines() if line.strip()):
        return text
    return _QUOTE_MARKS.sub("", text)


@lru_cache(maxsize=1)
def labels() -> _Labels:
    return _Labels(load_rule_json(FIELDS_FILE))


def label_marks(text: str) -> list[tuple[int, str, str, str]]:
    """``(offset, "criteria" | "field", label, value)`` of every line of ``text`` that starts with a label.
    A ``Details:`` label right after a criteria label (the fields between it and that label aside, as CTRI
    writes ``Inclusion Criteria`` / ``Age From`` / ``Gender`` / ``Details``) continues that label."""
    lab = labels()
    marks: list[tuple[int, str, str, str]] = []
    last_criteria: Optional[str] = None
    fields_since = 0  # field labels since the last criteria label: a continuation follows a few at most
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            break
        what, key, value = lab.classify(m.group().rstrip("\r\n"))
        more = lab.continuation.match(m.group()) \
            if what is None and last_criteria is not None and fields_since <= 4 else None
        if what == "criteria":
            last_criteria, fields_since = key, 0
        elif what == "field":
            fields_since += 1
        elif more is not None:
            what, key, value = "criteria", last_criteria, m.group()[more.end():].strip()
        if what is not None:
            marks.append((m.start(), what, key, value))
    return marks


# The closing line of a letter or an e-mail: what follows it is a signature, not criteria.
_SIGN_OFF = re.compile(r"^[ \t]*(?:(?:kind|best|warm|many)(?:est)?[ \t]+(?:regards|wishes)|regards|(?:yours[ \t]+)?"
                       r"sincerely|thanks(?:[ \t]+again)?|thank[ \t]+you|cheers|(?:bien[ \t]+)?cordialement|"
                       r"mit[ \t]+freundlichen[ \t]+gr(?:ü|ue)(?:ß|ss)en|viele[ \t]+gr(?:ü|ue)(?:ß|ss)e)[ \t]*[,.!]?[ \t]*\r?$",
                       re.IGNORECASE | re.MULTILINE)


def blocks_of(text: str, marks: list[tuple[int, str, str, str]]) -> tuple[Block, ...]:
    """One block per criteria label: from the end of the label to the next label line, of the label's kind."""
    blocks: list[Block] = []
    bounds = marks + [(len(text), "field", "", "")]
    sign_offs = [m.start() for m in _SIGN_OFF.finditer(text)]
    for (offset, what, key, value), (after, _, _, _) in zip(bounds, bounds[1:]):
        if what != "criteria":
            continue
        after = min([after] + [x for x in sign_offs if offset < x < after])  # "Kind regards,": the letter ends
        line_end = text.find("\n", offset)
        line = text[offset:line_end if line_end >= 0 else len(text)].strip()
        end = len(text[:after].rstrip())
        if header_kind(line)[0]:  # "Inclusion Criteria:": a header the segmenter reads, with any preamble after it
            if end > offset:
                blocks.append(Block(offset, end))
            continue
        begin = text.rfind(value, offset, after) if value else (after if line_end < 0 else line_end + 1)
        if end > begin:
            kind = "inclusion" if "inclu" in key and "exclu" not in key else \
                "exclusion" if "exclu" in key and "inclu" not in key else None
            blocks.append(Block(begin, end, kind))
    return tuple(blocks)


def _labelled(text: str, marks: list[tuple[int, str, str, str]],
              min_fields: Optional[int] = None) -> Optional[tuple[tuple[Block, ...], Optional[str]]]:
    """The criteria blocks and the title of a labelled record (``marks``: its label_marks; at least
    ``min_fields`` field labels, by default the rule file's); None for plain criteria text."""
    lab = labels()
    fields = [mark for mark in marks if mark[1] == "field"]
    if len(fields) < (lab.min_fields if min_fields is None else min_fields) \
            or not any(mark[1] == "criteria" for mark in marks):
        return None
    title = next((value for label in lab.titles for _, _, key, value in fields if value and key == label), None)
    return blocks_of(text, marks), title


_PAGE_LINE = re.compile(r"(?i).*\bpage\s+\d+\s*(?:of|/)\s*\d+\b.*")
_MARKED = re.compile(r"\s*(?:[•\-*o]|\d{1,3}(?:\.\d{1,2})*[.)]?|\(?[a-z]\))\s")


def page_furniture(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` (line break excluded) of the lines a PDF converter left between pages: ``Page 12 of
    85`` footers, form feeds, and running headers (a line seen twice or more, within a few lines of a page
    break). () for text with fewer than two page breaks. Never a list item."""
    lines = []
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            break
        content = m.group().rstrip("\r\n")
        lines.append((m.start(), m.start() + len(content), content))
    breaks = [i for i, (_, _, line) in enumerate(lines) if "\f" in line or _PAGE_LINE.fullmatch(line)]
    if len(breaks) < 2:
        return ()
    near = {j for i in [-1, *breaks] for j in range(i - 2, i + 4)}  # the first page's header too
    keys = [" ".join(line.replace("\f", " ").split()) for _, _, line in lines]
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    return tuple((start, end) for i, ((start, end, line), key) in enumerate(zip(lines, keys))
                 if i in near and key and not _MARKED.match(line.replace("\f", ""))
                 and (i in breaks or counts[key] >= 2))


# Field labels that name the trial: one that comes back, each time with criteria after it, starts a new record
# (an EU CTR search download holds one trial after another).
_IDENTITY = frozenset({"eudract number", "trial id", "nct number", "nct id", "registration number", "isrctn",
                       "jrct id", "ctri number", "drks id", "main id"})


def split_records(text: str, marks: list[tuple[int, str, str, str]]) -> Optional[list[tuple[int, int]]]:
    """``(start, end)`` of each trial of a text holding several labelled records (``marks``: its
    label_marks), or None for one record."""
    ids: list[int] = []
    last = None
    for offset, what, key, value in marks:
        if what == "field" and key in _IDENTITY and value and value.split()[0] != last:
            ids.append(offset)  # a record repeats its own number (Summary, then A.2): one start per number
            last = value.split()[0]
    if len(ids) < 2:
        return _between_rules(text, marks)
    criteria = [offset for offset, what, _, _ in marks if what == "criteria"]
    bounds = ids + [len(text)]
    if not all(any(a < c < b for c in criteria) for a, b in zip(bounds, bounds[1:])):
        return None
    starts = [0, *ids[1:]]
    return list(zip(starts, starts[1:] + [len(text)]))


_RULE = re.compile(r"^[ \t]*(?:-{5,}|={5,}|_{5,}|\*{5,}|(?:- ){4,}-?)[ \t]*\r?$", re.MULTILINE)


def _between_rules(text: str, marks: list[tuple[int, str, str, str]]) -> Optional[list[tuple[int, int]]]:
    """A digest of several trials set apart by horizontal rules (``-----``), each part naming its own registry
    number and holding a criteria label: ``(start, end)`` of each part from the first with criteria; else None."""
    rules = list(_RULE.finditer(text))
    if not rules:
        return None
    starts, ends = [0, *(m.end() for m in rules)], [*(m.start() for m in rules), len(text)]
    parts = [(a, b) for a, b in zip(starts, ends)
             if any(a <= offset < b and what == "criteria" for offset, what, _, _ in marks)]
    ids = [first_registry_id(text[a:b]) for a, b in parts]
    if len(parts) < 2 or None in ids or len(set(ids)) < len(ids):
        return None
    return parts


# "Registration: ACTRN12624000318572", "Registry  ClinicalTrials.gov NCT05733418": a number the text names as its own
_ID_LABEL = re.compile(r"\b(?:registration|registry|registered\s+(?:as|at|with|under)|trial\s+(?:id|number)|"
                       r"clinicaltrials\.gov)\b[^\n]{0,30}", re.IGNORECASE)


def _named_id(text: str) -> Optional[str]:
    """The first registry number right after a registration label anywhere in ``text``, or None."""
    for m in _ID_LABEL.finditer(text):
        found = first_registry_id(text[m.start():m.end() + 40])
        if found is not None:
            return found
    return None


def read(text: str, source: str, marks: Optional[list[tuple[int, str, str, str]]] = None,
         part: bool = False) -> Record:
    """Build the Record of one plain-text file (``text`` is the decoded file; ``marks`` its label_marks,
    when the caller has them already). A ``part`` of a labelled download (:func:`split_records`) is labelled
    with a single field label."""
    has_text = bool(text.strip())
    blocks: tuple[Block, ...] = (Block(0, len(text)),) if has_text else ()
    title = None
    found = _labelled(text, label_marks(text) if marks is None else marks, 1 if part else None) if has_text else None
    if found is not None:
        blocks, title = found
    trial_id = first_registry_id(text if found is not None else text[:_ID_WINDOW]) or _named_id(text)
    return Record(
        id=trial_id,
        registry=registry_for_id(trial_id),
        title=title,
        text=text,
        blocks=blocks,
        source_format=NAME,
        source=source,
        warnings=() if blocks else (NO_CRITERIA,),
        furniture=page_furniture(text) if has_text else (),
    )
