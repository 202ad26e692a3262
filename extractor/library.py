"""The criteria library: one row per canonical criterion across many documents (see docs/dedup.md).

``Library.add(doc)`` takes one document of ``extractor parse`` (a dict, as read from JSON Lines);
keys are recomputed with :mod:`extractor.dedup` so that documents written by different versions
agree. ``Library.rows()`` gives the rows, most frequent group first.

Near-duplicates (different keys, same constraint in other words) are grouped without an all-pairs
loop: rows whose *facts signature* (kind, section, parent, thresholds, timeframes, negated/excepted
entities) is shared by at least one other row get a MinHash (datasketch, ``NUM_PERM`` permutations,
CRC-32 hashing) of the character trigrams of their content words (below); MinHash LSH (threshold
``LSH_THRESHOLD``) puts them in buckets, so similar wordings meet without an all-pairs loop; inside a
bucket two rows are grouped only when

1. their facts signatures are equal (a different number, comparator, unit, kind, timeframe, section,
   parent, negated or excepted entity can never be grouped), and
2. their *content words* are the same words in the same order: the residual with soft words dropped
   (articles, prepositions, "any", "their", "e.g."…: :data:`SOFT`), plurals folded and British
   spellings folded (``tumours`` = ``tumor``), and a word split or joined by a space or hyphen
   (``breast feeding`` = ``breastfeeding``; numbers and symbols never join: ``10 6`` is not ``106``);
   negation words, "and"/"or", "i.e.", numbers and every other word must agree, and
3. rapidfuzz ``fuzz.ratio`` of the two residual texts is at least ``MIN_RATIO``.

Groups are unions of verified pairs; every member of a group has the same facts and content words.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator, Optional

from .crossreg import CritRef
from .dedup import canonical_form, key_of
from .types import Criterion, Entity, Measurement, Threshold, Timeframe

__all__ = ["Library", "criteria_from_doc", "content_words", "SOFT", "NUM_PERM", "LSH_THRESHOLD", "MIN_RATIO"]

NUM_PERM = 64
LSH_THRESHOLD = 0.5
MIN_RATIO = 80.0
_CHUNK = 4096

#: Words that may differ between near-duplicates. Never: negations, and/or, comparators, "than", "least",
#: "more", "prior", "after", "before", "from", "known", "current", "may", "can", "will"… (they change a criterion).
SOFT = frozenset("""a an the is are was were be been being am has have having had with of who whom which that
must should shall patient patients subject subjects participant participants individual individuals person
persons any their his her its this these those in on for to by as at such eg etc also""".split())
_ABBREVIATIONS = {("e", "g")}  # "e.g." as residual words ("i.e." is not soft: it closes a list that "e.g." opens)

_BRITISH = tuple((re.compile(p), r) for p, r in (
    (r"^(an)?haem", r"\1hem"), (r"aemia", "emia"), (r"^oedem", "edem"), (r"^oesophag", "esophag"),
    (r"^oestr", "estr"), (r"^(ortho)?paed", r"\1ped"), (r"^foet", "fet"), (r"^ischaem", "ischem"),
    (r"^leukaem", "leukem"), (r"^anaesth", "anesth"), (r"^gynaec", "gynec"), (r"^coeliac", "celiac"),
    (r"oea$", "ea"), (r"rrhoea", "rrhea"), (r"^(tum|behavi|col|fav|lab)our", r"\1or"),
    (r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations)$", r"iz\1"), (r"(cent|lit|fib)re(s?)$", r"\1er\2"),
    (r"^programme", "program"),
))


@lru_cache(maxsize=1 << 17)
def _fold(word: str) -> str:
    """Plural and British spelling folded: ``tumours`` → ``tumor``, ``therapies`` → ``therapy``."""
    if not word.isalpha() or len(word) <= 4:
        return word
    for rx, rep in _BRITISH:
        word = rx.sub(rep, word)
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "as", "os")):
        return word[:-1]
    return word


def content_words(residual: str) -> str:
    """The words two near-duplicates must share, in order, joined without spaces."""
    words = residual.split()
    keep: list[str] = []
    i = 0
    while i < len(words):
        if tuple(words[i:i + 2]) in _ABBREVIATIONS:
            i += 2
            continue
        if words[i] not in SOFT:
            w = words[i]
            keep.append(_fold(w) if w.isalpha() else f"|{w}|")  # only words join: "10 6" is not "106"
        i += 1
    return "".join(keep)


# --------------------------------------------------------------------------- dicts -> Criterion


def _span(v: Any) -> Optional[tuple[int, int]]:
    return None if v is None else (int(v[0]), int(v[1]))


def criteria_from_doc(doc: dict) -> list[Criterion]:
    """The document's criteria as typed objects (key left empty). Raises KeyError/TypeError/ValueError."""
    out = []
    for c in doc["criteria"]:
        ths = tuple(Threshold(
            text=t.get("text", ""), span=_span(t["span"]),
            measurement=Measurement(text=(t.get("measurement") or {}).get("text"),
                                    span=_span((t.get("measurement") or {}).get("span")),
                                    name=(t.get("measurement") or {}).get("name")),
            comparator=t["comparator"], value=t.get("value"), low=t.get("low"), high=t.get("high"),
            unit=t.get("unit"), unit_text=t.get("unit_text"), reference=t.get("reference"))
            for t in c.get("thresholds") or ())
        tfs = tuple(Timeframe(text=t.get("text", ""), span=_span(t["span"]), value=t.get("value"), unit=t.get("unit"),
                              min_days=t.get("min_days"), max_days=t.get("max_days"),
                              direction=t.get("direction"), anchor=t.get("anchor"))
                    for t in c.get("timeframes") or ())
        ents = tuple(Entity(type=e.get("type", ""), text=e["text"], span=_span(e["span"]),
                            negated=bool(e.get("negated")), excepted=bool(e.get("excepted")), name=e.get("name"))
                     for e in c.get("entities") or ())
        if c["kind"] not in ("inclusion", "exclusion") or not isinstance(c["text"], str):
            raise ValueError(f"criterion {c.get('id')}: kind must be inclusion or exclusion and text a string")
        out.append(Criterion(id=str(c["id"]), kind=c["kind"], text=c["text"], span=_span(c["span"]),
                             parent=c.get("parent"), section=c.get("section"),
                             entities=ents, thresholds=ths, timeframes=tfs))
    return out


def keyed_forms(criteria: list[Criterion]) -> list[tuple[Criterion, str, dict]]:
    """Each criterion with its key and canonical form (parents before children)."""
    keys: dict[str, str] = {}
    out = []
    for c in criteria:
        form = canonical_form(c, keys.get(c.parent) if c.parent else None)
        k = keys[c.id] = key_of(form)
        out.append((c, k, form))
    return out


# --------------------------------------------------------------------------- the library


def _lsh_buckets(texts: list[str]) -> Iterator[list[int]]:
    """Indices of texts sharing a MinHash LSH band bucket (buckets of 2+), band by band.

    MinHash of each text's character trigrams (datasketch ``MinHash.bulk``, CRC-32), with the bands and
    rows that datasketch's ``MinHashLSH`` chooses for ``LSH_THRESHOLD``. The signatures are kept as one
    uint32 matrix and each band is bucketed with numpy, one band at a time, so memory stays at
    ``4 * NUM_PERM`` bytes per text (an index holding every band of every text takes ten times more).
    """
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    params = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    sig = np.empty((len(texts), NUM_PERM), dtype=np.uint32)
    for start in range(0, len(texts), _CHUNK):
        sets = [{t[k:k + 3].encode("utf-8") for k in range(max(1, len(t) - 2))} for t in texts[start:start + _CHUNK]]
        for i, h in enumerate(MinHash.bulk(sets, num_perm=NUM_PERM, hashfunc=zlib.crc32), start):
            sig[i] = h.hashvalues
    for band in range(params.b):
        block = np.ascontiguousarray(sig[:, band * params.r:(band + 1) * params.r])
        _, inverse, counts = np.unique(block.view(np.dtype((np.void, 4 * params.r))).ravel(),
                                       return_inverse=True, return_counts=True)
        shared = counts[inverse] > 1
        idx = np.nonzero(shared)[0]
        if not len(idx):
            continue
        order = idx[np.argsort(inverse[idx], kind="stable")]
        bucket_of = inverse[order]
        cuts = np.nonzero(np.diff(bucket_of))[0] + 1
        for members in np.split(order, cuts):
            yield members.tolist()


@dataclass
class _Row:
    key: str
    kind: str
    section: Optional[str]
    text: str
    residual: str
    signature: str
    count: int = 0
    trials: dict = field(default_factory=dict)        # trial -> None, in first-seen order
    criteria: list = field(default_factory=list)      # [trial, criterion id]
    group: Optional[str] = None


class Library:
    """Accumulates documents; ``rows()`` groups near-duplicates and returns the library rows."""

    def __init__(self) -> None:
        self._rows: dict[str, _Row] = {}
        self.documents = 0
        self.criteria = 0
        self.stored_keys_differ = 0

    def add(self, doc: dict) -> list[CritRef]:
        """Add one document; returns its criteria as the pair diff needs them."""
        crits = keyed_forms(criteria_from_doc(doc))
        trial = doc["trial"].get("id") or doc["trial"].get("source") or f"document {self.documents + 1}"
        stored = {str(c.get("id")): c.get("key") for c in doc["criteria"]}
        refs = []
        for c, key, form in crits:
            row = self._rows.get(key)
            if row is None:
                sig = dict(form)
                residual = sig.pop("text")
                row = self._rows[key] = _Row(key, c.kind, c.section, c.text, residual, key_of(sig))
            row.count += 1
            row.trials[trial] = None
            row.criteria.append([trial, c.id])
            if stored.get(c.id) and stored[c.id] != key:
                self.stored_keys_differ += 1
            refs.append(CritRef(c.id, c.kind, key, c.text))
        self.documents += 1
        self.criteria += len(crits)
        return refs

    @property
    def distinct_keys(self) -> int:
        return len(self._rows)

    def group_near_duplicates(self) -> int:
        """Set every row's ``group`` (the key of its group's most frequent row); returns the groups of 2+."""
        from rapidfuzz import fuzz

        by_sig: dict[str, int] = {}
        for r in self._rows.values():
            by_sig[r.signature] = by_sig.get(r.signature, 0) + 1
        cands = [r for r in self._rows.values() if by_sig[r.signature] > 1 and content_words(r.residual)]
        parent = {r.key: r.key for r in self._rows.values()}

        def find(k: str) -> str:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        if cands:
            content = [content_words(r.residual) for r in cands]
            for members in _lsh_buckets(content):
                firsts: dict[tuple[str, str], int] = {}
                for i in members:
                    anchor = firsts.setdefault((cands[i].signature, content[i]), i)
                    if anchor != i and fuzz.ratio(cands[anchor].residual, cands[i].residual) >= MIN_RATIO:
                        a, b = find(cands[anchor].key), find(cands[i].key)
                        if a != b:
                            parent[b] = a
        members_of: dict[str, list[_Row]] = {}
        for r in self._rows.values():
            members_of.setdefault(find(r.key), []).append(r)
        groups = 0
        for members in members_of.values():
            best = min(members, key=lambda r: (-r.count, r.key))
            for r in members:
                r.group = best.key
            groups += len(members) > 1
        return groups

    def rows(self) -> Iterator[dict]:
        """Library rows (call :meth:`group_near_duplicates` first), most frequent group first."""
        size: dict[str, int] = {}
        total: dict[str, int] = {}
        for r in self._rows.values():
            g = r.group or r.key
            size[g] = size.get(g, 0) + 1
            total[g] = total.get(g, 0) + r.count
        order = sorted(self._rows.values(), key=lambda r: (-total[r.group or r.key], r.group or r.key,
                                                           -r.count, r.key))
        for r in order:
            g = r.group or r.key
            yield {"type": "criterion", "key": r.key, "kind": r.kind, "section": r.section, "count": r.count,
                   "trial_count": len(r.trials), "trials": list(r.trials), "criteria": r.criteria,
                   "text": r.text, "normalized": r.residual,
                   "group": g, "group_size": size[g], "group_count": total[g]}
