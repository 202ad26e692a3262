"""Measurements the lexicon does not list: the noun phrase right before a threshold, the age word of an age.

``phrase_before(text, start, floor)`` reads backwards from a threshold's start, over a colon, ``=``, an
opening parenthesis, a linking word (``of``, ``is``) or a parenthesised abbreviation (``(IQ)``), and takes
up to five words (over a parenthesised abbreviation) that stop at punctuation, a digit or a function word
(models/measurement_context.json):
``Epworth sleepiness scale >18``, ``Pitt bacteraemia score of >4``, ``Intelligence quotient (IQ) < 70``,
``Hypertriglyceridemic (>400 mg/dl)``. The result has the threshold's text and span but no name (it is not
normalized) and no LOINC. A phrase made of generic words only (``score``, ``total``, ``x``) names nothing;
a past participle (``defined``, ``received``, ``showed``) ends the phrase like a function word.

``amount_of(text, end, limit)`` is what an amount is an amount of (``10 mg of prednisone``), read after it.

``amount_of(text, end, limit)`` is what an amount is an amount of (``10 mg of prednisone``), read after it.

``age_word(text, start, end)`` is the ``age`` of ``18 years of age`` or the ``old`` of ``18 years old``:
the criterion names the age there, so the threshold's measurement gets that span.

Only the assembler's last step calls these: they never decide whether a value is a threshold.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .measurements import MeasurementMatch, MeasurementRow, lexicon
from .rulefiles import load_rule_json

UNLISTED = MeasurementRow(name=None, loinc=None, unit=None, kind="unlisted")  # type: ignore[arg-type]
_WORD_END = re.compile(r"(?<![A-Za-z0-9'’+])([A-Za-z][A-Za-z0-9'’+]*(?:[-/][A-Za-z0-9'’+]+)*)$")
_GAP_END = re.compile(r"[\s:=(\[]+$")
_PAREN_END = re.compile(r"\(\s*[^()\d]{1,20}\)\s*$")
_SPACES_END = re.compile(r"[ \t]+$")
_AFTER_NUMBER = re.compile(r"(?<![A-Za-z0-9.,])(?<![A-Za-z]-)\d[\d.,]*[ \t]*$")
_PARTICIPLE = re.compile(r"[a-z]{2,}ed")
_AGE_WORD = re.compile(r"\b(age|old)\b", re.IGNORECASE)
_ON_THE = re.compile(r"\s*(?:points?\s+)?(?:on|in|of|per|by)\s+(?:the\s+|a\s+)?", re.IGNORECASE)
_OF_THE = re.compile(r"[ \t]+of[ \t]+(?:(?:the|all|their|his|her)[ \t]+)?", re.IGNORECASE)
_OF_THE = re.compile(r"[ \t]+of[ \t]+(?:(?:the|all|their|his|her)[ \t]+)?", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’+]*(?:[-/][A-Za-z0-9'’+]+)*")
_WINDOW = 70
_MAX_WORDS = 5


class _Context:
    def __init__(self, data: dict) -> None:
        self.after_gap_stop = frozenset(data["after_gap_stop"])
        self.stop = frozenset(data["phrase_stop"])
        self.reject = frozenset(data["phrase_reject"])
        self.keep_ed = frozenset(data["phrase_keep_ed"])
        self.heads = frozenset(data["scale_heads"])
        self.count_gap = frozenset(data["count_gap"])
        self.count_not_after = frozenset(data["count_not_after"])
        links = sorted(data["phrase_link"], key=len, reverse=True)
        self.link_end = re.compile(r"(?<![A-Za-z])(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in links)
                                   + r")[\s:=]*$", re.IGNORECASE)

    def ends(self, word: str) -> bool:
        """Whether ``word`` (as written) ends a phrase: a function word or a verb form (lower case, -ed)."""
        low = word.lower()
        return low in self.stop or (_PARTICIPLE.fullmatch(word) is not None and low not in self.keep_ed)


@lru_cache(maxsize=1)
def context() -> _Context:
    """The word lists of models/measurement_context.json, loaded and validated once."""
    return _Context(load_rule_json("measurement_context.json"))


def gap_has_stop_word(gap: str) -> bool:
    """Whether the words between a value and a following measurement include a function word."""
    stop = context().after_gap_stop
    return any(w.lower() in stop for w in gap.split())


def counts_gap(gap: str) -> bool:
    """Whether ``gap`` may stand between a bare count and what it counts: a space and at most two words
    of ``count_gap`` (``one *prior* line``)."""
    words = gap.split()
    return gap[:1] in (" ", "\t") and len(words) <= 2 and all(w.lower() in context().count_gap for w in words)


_LAST_WORD = re.compile(r"([A-Za-z]+)[ \t]+$")


def count_blocked_before(text: str, start: int) -> bool:
    """Whether the word right before a bare count makes it something else (``within one cycle``,
    ``count as 1 line``, ``the 2 prior regimens``): ``count_not_after``."""
    m = _LAST_WORD.search(text, max(0, start - 20), start)
    return m is not None and m.group(1).lower() in context().count_not_after


def phrase_before(text: str, start: int, floor: int = 0) -> Optional[MeasurementMatch]:
    """The unlisted measurement phrase ending right before ``start`` (not before ``floor``), or None."""
    c = context()
    lo = max(floor, start - _WINDOW)
    pos = start
    for _ in range(4):  # ": ", " of ", " (IQ) ", "(" in any order, a few times
        moved = False
        for pat in (_GAP_END, c.link_end, _PAREN_END):
            m = pat.search(text, lo, pos)
            if m is not None and m.start() < pos:
                pos, moved = m.start(), True
        if not moved:
            break
    words: list[tuple[int, int]] = []
    while len(words) < _MAX_WORDS:
        m = _WORD_END.search(text, lo, pos)
        if m is None or c.ends(m.group(1)) or _AFTER_NUMBER.search(text, lo, m.start(1)):
            break  # a function word, a verb form, or the unit of an earlier value ("= 4 cm (0-10 cm)")
        words.append((m.start(1), m.end(1)))
        pos = m.start(1)
        sp = _SPACES_END.search(text, lo, pos)
        if sp is None:
            break
        pos = sp.start()
        par = _PAREN_END.search(text, lo, pos)  # "Acetylsalicylic acid (ASA) treatment"
        if par is not None and par.start() > lo and text[par.start() - 1] in " \t":
            pos = par.start() - 1
    if not words:
        return None
    s, e = words[-1][0], words[0][1]
    lows = [text[a:b].lower() for a, b in words]
    if all(w in c.reject for w in lows):
        return None
    return MeasurementMatch(s, e, text[s:e], UNLISTED)


def instrument_after(text: str, end: int, limit: int) -> Optional[MeasurementMatch]:
    """``> 25 points on the Beck Depression Inventory``: the instrument a score is read on, named after it."""
    c = context()
    m = _ON_THE.match(text, end, limit)
    if m is None:
        return None
    words = []
    for w in _WORD.finditer(text, m.end(), min(limit, m.end() + 80)):
        if (words and text[words[-1][1]:w.start()].strip(" \t-")) or len(words) == 8:
            break
        if w.group(0).lower() in c.stop:
            break
        words.append((w.start(), w.end()))
    while words and text[words[-1][0]:words[-1][1]].lower() not in c.heads:
        words.pop()
    if not words:
        return None
    s, e = words[0][0], words[-1][1]
    return MeasurementMatch(s, e, text[s:e], UNLISTED)


def amount_of(text: str, end: int, limit: int) -> Optional[MeasurementMatch]:
    """``10 mg of prednisone``, ``> 25% of glomeruli``, ``2 mm of keratinized gingiva``: what an amount with a
    unit is an amount of, named right after it by ``of``; up to four words, stopped by punctuation or a
    function word, and not a generic word alone (``of normal``, ``of total``)."""
    c = context()
    m = _OF_THE.match(text, end, limit)
    if m is None:
        return None
    words: list[tuple[int, int]] = []
    for w in _WORD.finditer(text, m.end(), min(limit, m.end() + 60)):
        gap = text[words[-1][1]:w.start()] if words else text[m.end():w.start()]
        if gap.strip(" \t-") or len(words) == 4 or c.ends(w.group(0)):
            break
        words.append((w.start(), w.end()))
    if not words or all(text[a:b].lower() in c.reject for a, b in words):
        return None
    s, e = words[0][0], words[-1][1]
    return MeasurementMatch(s, e, text[s:e], UNLISTED)


@lru_cache(maxsize=1)
def _age_row() -> MeasurementRow:
    return lexicon().synonyms[("age",)]


def age_word(text: str, start: int, end: int) -> Optional[MeasurementMatch]:
    """The ``age`` / ``old`` word inside ``text[start:end]`` (the age words after an age value)."""
    m = _AGE_WORD.search(text, start, end)
    if m is None:
        return None
    return MeasurementMatch(m.start(1), m.end(1), m.group(1), _age_row())
