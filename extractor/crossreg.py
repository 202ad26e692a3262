"""The same trial reached through two sources, and what differs between its two versions.

A document's *registry ids* are the trial-registry numbers found in its ``trial.id`` and
``trial.secondary_ids`` (NCT, EudraCT, EU CT/CTIS, ISRCTN, ChiCTR, ANZCTR, DRKS, CTRI, jRCT, CRiS,
IRCT, PACTR), normalized: upper case, and a EudraCT number without its member-state suffix
(``2013-000615-24-BE`` is ``2013-000615-24``). Sponsor codes and grant numbers are not registry ids and
never link records. Two documents from different sources are a pair when the primary id of one (its
``trial.id``) is among the registry ids of the other: a MedPath page and the CT.gov record of the same
NCT id; a CT.gov record whose secondary ids name the EudraCT number of an EU CTR record; two EU CTR
member-state records of one EudraCT number.

The criteria of a pair are matched by canonical key first (one to one, in order), then, per kind, by
fuzzy text (rapidfuzz ``token_sort_ratio`` on normalized text, best pairs first, at least
``CHANGED_MIN``): those are *changed*; what is left is *removed* (only in the first) or *added* (only in
the second).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from rapidfuzz import fuzz, process

from .dedup import normalize_text

__all__ = ["registry_ids", "TrialRef", "CritRef", "find_pairs", "diff_criteria", "CHANGED_MIN"]

CHANGED_MIN = 80.0
_CTIS = re.compile(r"(?<![\dA-Za-z])(20\d\d-5\d{5}-\d\d-\d\d)(?!\d)")
_IDS = re.compile(
    r"(?<![A-Za-z0-9])(?:"
    r"(?P<nct>NCT\d{8})"
    r"|(?P<eudract>(?:19|20)\d\d-\d{6}-\d\d)(?:-[A-Z]{2,3})?"
    r"|(?P<other>ISRCTN\d{8}|ChiCTR(?:-[A-Z]{2,4}-)?\d{6,11}|ACTRN\d{14}|DRKS\d{8}|CTRI/\d{4}/\d+/\d+"
    r"|jRCT[a-z]?\d{8,10}|KCT\d{7}|IRCT\d+N\d+|PACTR\d{15,16})"
    r")(?![0-9])", re.IGNORECASE)


def registry_ids(value: Optional[str]) -> list[str]:
    """Normalized registry ids found in a string, in order (``"EudraCT: 2013-000615-24-BE"`` → the number)."""
    if not value or not isinstance(value, str):
        return []
    out: list[str] = []
    ctis = [(m.start(1), m.end(1)) for m in _CTIS.finditer(value)]
    for s, e in ctis:
        out.append(value[s:e])
    for m in _IDS.finditer(value):
        if any(s <= m.start() < e for s, e in ctis):
            continue
        if m.group("eudract"):
            out.append(m.group("eudract"))
        else:
            out.append(m.group(0).upper())
    return list(dict.fromkeys(out))


@dataclass(frozen=True)
class CritRef:
    """What a pair diff needs of a criterion."""

    id: str
    kind: str
    key: str
    text: str


@dataclass(frozen=True)
class TrialRef:
    """A document as the pair finder sees it; ``index`` is its position among the inputs."""

    index: int
    trial: Optional[str]
    registry: Optional[str]
    source_format: Optional[str]
    source: Optional[str]
    primary: Optional[str]
    ids: tuple[str, ...]

    @classmethod
    def from_trial(cls, index: int, trial: dict) -> "TrialRef":
        primary = (registry_ids(trial.get("id")) or [None])[0]
        ids = [i for v in [trial.get("id"), *(trial.get("secondary_ids") or [])]
               if isinstance(v, str) for i in registry_ids(v)]
        return cls(index, trial.get("id"), trial.get("registry"), trial.get("source_format"), trial.get("source"),
                   primary, tuple(dict.fromkeys(ids)))

    def to_dict(self) -> dict:
        return {"trial": self.trial, "registry": self.registry, "source_format": self.source_format,
                "source": self.source}


def find_pairs(refs: Iterable[TrialRef]) -> list[tuple[TrialRef, TrialRef, str, str]]:
    """``(a, b, id, how)`` for every pair of documents of one trial, ``a`` read first; linear in the inputs.

    ``how`` is ``"same id"`` (both have it as primary id) or ``"secondary id"`` (one names the other's
    primary id among its secondary ids).
    """
    refs = list(refs)
    primaries: dict[str, list[TrialRef]] = {}
    for r in refs:
        if r.primary:
            primaries.setdefault(r.primary, []).append(r)
    seen: set[tuple[int, int]] = set()
    out: list[tuple[TrialRef, TrialRef, str, str]] = []

    def add(x: TrialRef, y: TrialRef, rid: str, how: str) -> None:
        a, b = (x, y) if x.index < y.index else (y, x)
        if a.index == b.index or a.source == b.source or (a.index, b.index) in seen:
            return
        seen.add((a.index, b.index))
        out.append((a, b, rid, how))

    for rid, group in primaries.items():
        for other in group[1:]:
            add(group[0], other, rid, "same id")
    for r in refs:
        for rid in r.ids:
            if rid == r.primary:
                continue
            for p in primaries.get(rid, ()):
                add(p, r, rid, "secondary id")
    return sorted(out, key=lambda x: (x[0].index, x[1].index))


def diff_criteria(a: Sequence[CritRef], b: Sequence[CritRef]) -> dict:
    """``same``, ``changed``, ``removed`` (only in ``a``) and ``added`` (only in ``b``) criteria."""
    by_key: dict[str, list[CritRef]] = {}
    for c in b:
        by_key.setdefault(c.key, []).append(c)
    same, left_a = [], []
    used_b: set[str] = set()
    for c in a:
        bucket = by_key.get(c.key)
        if bucket:
            m = bucket.pop(0)
            used_b.add(m.id)
            same.append([c.id, m.id])
        else:
            left_a.append(c)
    left_b = [c for c in b if c.id not in used_b]
    changed = []
    matched_a: set[str] = set()
    for kind in ("inclusion", "exclusion"):
        xa = [c for c in left_a if c.kind == kind]
        xb = [c for c in left_b if c.kind == kind]
        if not xa or not xb:
            continue
        scores = process.cdist([normalize_text(c.text) for c in xa], [normalize_text(c.text) for c in xb],
                               scorer=fuzz.token_sort_ratio, score_cutoff=CHANGED_MIN)
        cells = sorted(((float(scores[i][j]), i, j) for i in range(len(xa)) for j in range(len(xb))
                        if scores[i][j] >= CHANGED_MIN), key=lambda x: (-x[0], x[1], x[2]))
        ta, tb = set(), set()
        for score, i, j in cells:
            if i in ta or j in tb:
                continue
            ta.add(i)
            tb.add(j)
            changed.append({"a": xa[i].id, "b": xb[j].id, "score": round(score, 1),
                            "a_text": xa[i].text, "b_text": xb[j].text})
            matched_a.add(xa[i].id)
            used_b.add(xb[j].id)
    order_a = {c.id: n for n, c in enumerate(a)}
    changed.sort(key=lambda x: order_a[x["a"]])
    removed = [{"id": c.id, "kind": c.kind, "text": c.text} for c in left_a if c.id not in matched_a]
    added = [{"id": c.id, "kind": c.kind, "text": c.text} for c in b if c.id not in used_b]
    return {"same": same, "changed": changed, "removed": removed, "added": added}
