"""Comparator, range, reference and not-a-value word lists (models/comparators.json), compiled once.

Prefix comparators are matched *backwards* from a number (``at least`` + ``18``), suffix comparators
forwards from the end of a number and its unit (``18 years`` + ``or older``). A ``<`` or ``>`` in a
surface also matches the backslash-escaped form of ClinicalTrials.gov API v2 text (``\\>=`` is ``>=``);
the span still covers the backslash. Words are matched case-insensitively on word boundaries.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .rulefiles import load_rule_json

_WORD_L = r"(?<![A-Za-z0-9])"
_WORD_R = r"(?![A-Za-z0-9])"


def _surface(s: str, left: bool = True) -> str:
    """A regex for one surface: flexible spaces, escaped < > allowed, word boundaries on word ends."""
    out = []
    for ch in s:
        if ch == " ":
            out.append(r"\s+")
        elif ch in "<>~^*[]_+=-":
            out.append(r"\\?" + re.escape(ch))
        else:
            out.append(re.escape(ch))
    pat = "".join(out)
    if s[0].isalnum() and left:
        pat = _WORD_L + pat
    if s[-1].isalnum():
        pat += _WORD_R
    return pat


def _alternation(surfaces, left: bool = True) -> str:
    return "|".join(_surface(s, left) for s in sorted(set(surfaces), key=len, reverse=True))


def _surface_reversed(s: str) -> str:
    """The regex of surface ``s`` for text read backwards (see :class:`_Tail`)."""
    out = []
    for ch in reversed(s):
        if ch == " ":
            out.append(r"\s+")
        elif ch in "<>~^*[]_+=-":
            out.append(re.escape(ch) + r"\\?")
        else:
            out.append(re.escape(ch))
    pat = "".join(out)
    if s[-1].isalnum():
        pat = _WORD_L + pat
    if s[0].isalnum():
        pat += _WORD_R
    return pat


class _Tail:
    """Surfaces that must end right before a position, matched once on the reversed window.

    An end-anchored ``search`` tries every start position of the window against every surface; reading
    the window backwards turns it into a single anchored ``match`` (the longest surface wins).
    """

    def __init__(self, surfaces, gap_reversed: str, flags: int = 0, window: int = 45) -> None:
        alts = "|".join(_surface_reversed(x) for x in sorted(set(surfaces), key=len, reverse=True))
        self.pattern = re.compile(gap_reversed + "(" + alts + ")", flags)
        self.window = window

    def find(self, text: str, end: int, floor: int = 0) -> Optional[tuple[int, int]]:
        """(start, end) of the surface that ends at ``end`` up to the allowed gap, or None."""
        lo = max(floor, end - self.window)
        m = self.pattern.match(text[lo:end][::-1])
        if m is None:
            return None
        return end - m.end(1), end - m.start(1)


def _key(written: str) -> str:
    return re.sub(r"\s+", " ", written.replace("\\", "")).strip().lower()


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    text: str
    value: str  # a comparator, a reference (ULN/LLN) or a word class


class Comparators:
    """Compiled comparator lexicon; see :func:`comparators`."""

    def __init__(self, data: dict) -> None:
        self.prefix_map = {_key(r["surface"]): r["comparator"] for r in data["prefix"]}
        self.suffix_map = {_key(r["surface"]): r["comparator"] for r in data["suffix"]}
        self.ref_map = {_key(r["surface"]): r["reference"] for r in data["references"]}
        # end-anchored: the comparator that ends right before a number (spaces and a colon allowed)
        self.prefix = _Tail(self.prefix_map, r"[\s:]*\)?[\s]*", re.IGNORECASE)
        self.suffix = re.compile(r"[ \t]*(?:" + _alternation(k for k in self.suffix_map if k != "+") + r")(?!\s+than)(?!\s*\d)",
                                 re.IGNORECASE)
        self.between = _Tail(data["between"], r"[\s:]*", re.IGNORECASE, window=25)
        self.range = re.compile(r"\s*(?:" + _alternation(data["range"]) + r")\s*", re.IGNORECASE)
        self.list = re.compile(r"\s*(?:" + _alternation(data["list"]) + r")\s*", re.IGNORECASE)
        refs_ci = [r["surface"] for r in data["references"] if not r.get("case_sensitive")]
        refs_cs = [r["surface"] for r in data["references"] if r.get("case_sensitive")]
        ref = r"(?:(?i:" + _alternation(refs_ci, left=False) + r")" + ("|" + _alternation(refs_cs, left=False) if refs_cs else "") + r")"
        mult = r"(?:(?<![A-Za-z])[xX×✕*]|(?i:" + _alternation(data["multipliers"]) + r"))"
        # after a number: "x ULN", "× the upper limit of normal (ULN)", "ULN", "times normal"
        self.reference = re.compile(r"\s*(?:" + mult + r"\s*)?(?i:(?:greater|higher|more)\s+than\s+|above\s+)?"
                                    r"(?:(?i:the|institutional|site)\s+)*(" + ref +
                                    r")(?:\s*\(\s*(?i:ULN|LLN|IULN)\s*\))?")
        self.multiplier = re.compile(r"\s*" + mult)
        # before a number: "ULN +" (additive) and "ULN >" (APTT ULN > 1.5)
        self.reference_before = re.compile(r"(?:(?<=[xX×])|(?<![A-Za-z0-9]))(" + ref + r")\s*$")  # not BU*N* <
        self.not_after = re.compile(r"\s*(?:" + _alternation(data["not_after"]) + r")", re.IGNORECASE)
        self.versioned = _Tail(data["versioned"], r"\s*\.?v?[\s.:\-#(\[]*", window=30)
        months = _alternation(data["months"])
        self.date = re.compile(
            r"(?<![\d.,])(?:\d{4}([-/.])\d{1,2}\1\d{1,2}|\d{1,2}([-/.])\d{1,2}\2\d{2,4})(?![\d.,]\d)"
            r"|(?:" + months + r")\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{4}"
            r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:" + months + r")\.?,?\s+\d{4}", re.IGNORECASE)
        self.maybe_date = re.compile(r"\d{4}|\d[-/.]\d{1,2}[-/.]\d")

    def before(self, text: str, end: int, floor: int = 0) -> Optional[Found]:
        """The prefix comparator ending at ``end`` (spaces and a colon allowed), or None.

        A symbol in parentheses echoing a word comparator counts once: ``less than (<) 90``.
        """
        span = self.prefix.find(text, end, floor)
        if span is None:
            return None
        if span[0] > 0 and text[span[0] - 1] == "(" and text[span[1]:end].lstrip().startswith(")"):
            words = self.prefix.find(text, span[0] - 1, floor)
            if words is not None:
                span = (words[0], end - (len(text[span[1]:end]) - len(text[span[1]:end].rstrip())))
                written = text[words[0]:words[1]]
                return Found(span[0], span[1], text[span[0]:span[1]], self.prefix_map[_key(written)])
        written = text[span[0]:span[1]]
        return Found(span[0], span[1], written, self.prefix_map[_key(written)])

    def is_versioned(self, text: str, end: int) -> bool:
        """A version or identifier word stands right before ``end`` (``RECIST 1.1``, ``CTC AE (4.0)``)."""
        return self.versioned.find(text, end) is not None

    def after(self, text: str, pos: int) -> Optional[Found]:
        """The suffix comparator starting at ``pos`` (spaces allowed), or None."""
        m = self.suffix.match(text, pos)
        if not m:
            return None
        written = m.group(0).lstrip(" \t")
        return Found(m.end() - len(written), m.end(), written, self.suffix_map[_key(written)])

    def reference_after(self, text: str, pos: int) -> Optional[Found]:
        m = self.reference.match(text, pos)
        if not m:
            return None
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        return Found(start, m.end(), text[start:m.end()], self.ref_map[_key(m.group(1))])

    def between_before(self, text: str, end: int, floor: int = 0) -> Optional[Found]:
        span = self.between.find(text, end, floor)
        if span is None:
            return None
        return Found(span[0], span[1], text[span[0]:span[1]], "between")

    def ref_map_get(self, written: str) -> Optional[str]:
        return self.ref_map.get(_key(written))


@lru_cache(maxsize=1)
def comparators() -> Comparators:
    """The comparator lexicon, loaded and validated once."""
    return Comparators(load_rule_json("comparators.json"))
