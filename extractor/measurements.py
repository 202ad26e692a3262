"""Measurement lexicon (models/measurements.jsonl) and a matcher for the measurements named in a text.

``find_measurements(text)`` returns every lexicon match (synonyms case-insensitive, abbreviations
case-sensitive), longest first at each position, non-overlapping, in text order. An abbreviation the
criterion defines after a known long form (``prothrombin time (PT)``, ``left ventricular ejection
fraction (LVEF)``) is matched too, with the long form's row (Schwartz & Hearst 2003, reduced to the
case where the long form is already in the lexicon). No spaCy import.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional

from .rulefiles import load_rule_jsonl

_LEFT = r"(?<![A-Za-z0-9])"
_RIGHT = r"(?![A-Za-z0-9])"
_DEFINED = re.compile(r"\s*\(\s*([A-Za-z][A-Za-z0-9\-/]{0,11})\s*\)")


@dataclass(frozen=True)
class MeasurementRow:
    name: str
    loinc: Optional[str]
    unit: Optional[str]
    kind: str
    scale: Optional[str] = None
    count_name: Optional[str] = None
    implied: bool = False  # "adults": implies an age without naming it (no measurement span)


@dataclass(frozen=True)
class MeasurementMatch:
    start: int
    end: int
    text: str
    row: MeasurementRow


_TOKEN = re.compile(r"[A-Za-z0-9µμ]+|[^\sA-Za-z0-9µμ\-‐]")


def _tokens(surface: str) -> tuple[str, ...]:
    return tuple(m.group(0) for m in _TOKEN.finditer(surface))


class Lexicon:
    """Compiled lexicon; built once from models/measurements.jsonl by :func:`lexicon`.

    Matching is by token sequence (alphanumeric runs and single punctuation marks; hyphens count as
    spaces), longest first from each token, through dict look-ups: fast on any number of rows.
    """

    def __init__(self, rows: list[dict]) -> None:
        self.synonyms: dict[tuple[str, ...], MeasurementRow] = {}
        self.abbreviations: dict[tuple[str, ...], MeasurementRow] = {}
        for r in rows:
            row = MeasurementRow(r["name"], r["loinc"], r["unit"], r["kind"], r.get("scale"), r.get("count_name"))
            for s in r["synonyms"]:
                self.synonyms.setdefault(tuple(t.lower() for t in _tokens(s)), row)
            for s in r.get("implied_synonyms", ()):
                self.synonyms.setdefault(tuple(t.lower() for t in _tokens(s)), replace(row, implied=True))
            for a in r["abbreviations"]:
                self.abbreviations.setdefault(_tokens(a), row)
        keys = list(self.synonyms) + list(self.abbreviations)
        self.max_len = max(len(k) for k in keys)
        self.first_lower = {k[0] for k in self.synonyms} | {k[0].lower() for k in self.abbreviations}

    def find(self, text: str) -> list[MeasurementMatch]:
        toks = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
        lows = [t[2].lower() for t in toks]
        found: list[MeasurementMatch] = []
        i, n = 0, len(toks)
        while i < n:
            if lows[i] not in self.first_lower:
                i += 1
                continue
            hit = None
            for size in range(min(self.max_len, n - i), 0, -1):
                row = self.abbreviations.get(tuple(t[2] for t in toks[i:i + size])) or \
                    self.synonyms.get(tuple(lows[i:i + size]))
                if row is not None:
                    hit = (size, row)
                    break
            if hit is None:
                i += 1
                continue
            size, row = hit
            s, e = toks[i][0], toks[i + size - 1][1]
            found.append(MeasurementMatch(s, e, text[s:e], row))
            i += size
        extra = self._defined(text, found)
        if extra:
            found = sorted(found + extra, key=lambda x: (x.start, -(x.end - x.start)))
            kept: list[MeasurementMatch] = []
            for m in found:
                if kept and m.start < kept[-1].end:
                    continue
                kept.append(m)
            found = kept
        return found

    def _defined(self, text: str, found: list[MeasurementMatch]) -> list[MeasurementMatch]:
        """Matches of abbreviations defined in the text after a known long form."""
        extra: list[MeasurementMatch] = []
        for m in found:
            d = _DEFINED.match(text, m.end)
            if not d:
                continue
            short = d.group(1)
            if _tokens(short) in self.abbreviations or tuple(t.lower() for t in _tokens(short)) in self.synonyms:
                continue  # already known; matched anyway
            for occ in re.finditer(_LEFT + re.escape(short) + _RIGHT, text):
                extra.append(MeasurementMatch(occ.start(), occ.end(), occ.group(0), m.row))
        return extra


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The measurement lexicon, loaded and validated once."""
    return Lexicon(load_rule_jsonl("measurements.jsonl"))


def find_measurements(text: str) -> list[MeasurementMatch]:
    """Every lexicon measurement named in ``text``, in text order, non-overlapping (longest wins)."""
    return lexicon().find(text)
