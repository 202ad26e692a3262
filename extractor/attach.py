"""Which event a timeframe qualifies: the nearest entity or threshold before it in the same clause.

``Received chemotherapy within 4 weeks prior to the first dose`` -> the window qualifies
``chemotherapy``; ``HbA1c >= 7% within the last 3 months`` -> it qualifies the threshold. Only what
precedes the window in its clause counts (a clause ends at ``;`` or at a sentence stop), so a window
that opens a criterion or follows a clause break qualifies nothing (``qualifies`` stays null). Entities
carved out by an exception, and person or visit mentions, are not events a window can qualify.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from typing import Sequence

from .types import Entity, Qualified, Threshold, Timeframe

_CLAUSE_BREAK = re.compile(r";|[.!?](?:\s|$)")
_NOT_EVENTS = {"person", "visit"}


def attach_timeframes(text: str, timeframes: Sequence[Timeframe], entities: Sequence[Entity],
                      thresholds: Sequence[Threshold]) -> tuple[Timeframe, ...]:
    """The timeframes with ``qualifies`` set; all spans relative to ``text``."""
    if not timeframes:
        return tuple(timeframes)
    candidates = [Qualified("entity", e.text, e.span) for e in entities
                  if e.type not in _NOT_EVENTS and not e.excepted]
    candidates += [Qualified("threshold", t.text, t.span) for t in thresholds]
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text)]
    out = []
    for tf in timeframes:
        clause = _clause_start(text, breaks, tf.span[0])
        before = [c for c in candidates if clause <= c.span[1] <= tf.span[0]]
        # the nearest end wins; on a tie the longer span (a threshold holding its measurement entity)
        best = max(before, key=lambda c: (c.span[1], c.span[1] - c.span[0]), default=None)
        out.append(replace(tf, qualifies=best) if best is not None else tf)
    return tuple(out)


def _clause_start(text: str, breaks: list[int], pos: int) -> int:
    """Where the clause holding ``pos`` starts: just after the last clause break that ends by ``pos``
    (``breaks`` are the start offsets of the breaks found in the whole text). A stop right before
    ``pos`` is a break whatever follows it, as if the text ended there."""
    if pos and text[pos - 1] in ";.!?":
        return pos
    i = bisect_right(breaks, pos - 2)
    return breaks[i - 1] + 1 if i else 0
