"""Which event a timeframe qualifies: the nearest entity or threshold before it in the same clause.

``Received chemotherapy within 4 weeks prior to the first dose`` -> the window qualifies
``chemotherapy``; ``HbA1c >= 7% within the last 3 months`` -> it qualifies the threshold. Only what
precedes the window in its clause counts (a clause ends at ``;`` or at a sentence stop), so a window
that opens a criterion or follows a clause break qualifies nothing (``qualifies`` stays null). Entities
carved out by an exception, and person or visit mentions, are not events a window can qualify.
"""
from __future__ import annotations

import re
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
    out = []
    for tf in timeframes:
        before = [c for c in candidates
                  if c.span[1] <= tf.span[0] and not _CLAUSE_BREAK.search(text, c.span[1], tf.span[0])]
        # the nearest end wins; on a tie the longer span (a threshold holding its measurement entity)
        best = max(before, key=lambda c: (c.span[1], c.span[1] - c.span[0]), default=None)
        out.append(replace(tf, qualifies=best) if best is not None else tf)
    return tuple(out)
