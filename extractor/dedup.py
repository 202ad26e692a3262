"""Canonical keys for criteria and duplicate groups within a record.

The key is a short hash of the criterion's kind, its normalized thresholds and timeframes and its
normalized text (case, spacing, bullet marks, comparator spellings and markdown escapes removed). Two
criteria share a key only when all of these agree, so differing numbers, comparators, units, kinds or
negation never merge. Nothing is deleted: duplicates are reported for a curator to decide.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import OrderedDict
from typing import Sequence

from .types import Criterion, Duplicate

_SPELLINGS = (("≥", ">="), ("⩾", ">="), ("≧", ">="), ("≤", "<="), ("⩽", "<="), ("≦", "<="), ("=<", "<="),
              ("=>", ">="), ("×", "x"), ("–", "-"), ("—", "-"), ("−", "-"), ("µ", "u"), ("μ", "u"))
_ESCAPE = re.compile(r"\\([<>\[\]()*_#+\-.!])")
_SPACE = re.compile(r"\s+")
_AROUND_OPS = re.compile(r"\s*(<=|>=|<|>|=)\s*")
_EDGE = re.compile(r"^[\s\-*•·.;,:]+|[\s.;,:]+$")


def normalize_text(text: str) -> str:
    """Lower-cased text with spelling variants that do not change meaning removed."""
    s = unicodedata.normalize("NFKC", text)
    s = _ESCAPE.sub(r"\1", s)
    for a, b in _SPELLINGS:
        s = s.replace(a, b)
    s = _SPACE.sub(" ", s.lower())
    s = _AROUND_OPS.sub(r" \1 ", s)
    return _EDGE.sub("", _SPACE.sub(" ", s)).strip()


def _facts(c: Criterion) -> dict:
    return {
        "kind": c.kind,
        "thresholds": sorted([t.measurement.name, t.comparator, t.value, t.low, t.high, t.unit, t.reference]
                             for t in c.thresholds),
        "timeframes": sorted([t.min_days, t.max_days, t.direction, t.anchor] for t in c.timeframes),
        "text": normalize_text(c.text),
    }


def criterion_key(c: Criterion) -> str:
    """``I:``/``E:`` followed by 16 hex digits of the SHA-1 of the criterion's canonical facts."""
    blob = json.dumps(_facts(c), sort_keys=True, default=str, ensure_ascii=False)
    return ("I:" if c.kind == "inclusion" else "E:") + hashlib.sha1(blob.encode("utf-8")).hexdigest()[:16]


def find_duplicates(criteria: Sequence[Criterion]) -> tuple[list[Duplicate], list[str]]:
    """Duplicate groups (first occurrence kept) and warnings for inclusion/exclusion contradictions."""
    groups: "OrderedDict[str, list[str]]" = OrderedDict()
    for c in criteria:
        groups.setdefault(c.key, []).append(c.id)
    dups = [Duplicate(kept=ids[0], dropped=tuple(ids[1:]), reason="same canonical criterion (text identical after normalization)")
            for ids in groups.values() if len(ids) > 1]
    by_text: dict[str, dict[str, str]] = {}
    for c in criteria:
        by_text.setdefault(normalize_text(c.text), {}).setdefault(c.kind, c.id)
    warnings = [f"criterion {ids['inclusion']} (inclusion) and {ids['exclusion']} (exclusion) state the same text: contradiction"
                for ids in by_text.values() if len(ids) == 2]
    return dups, warnings
