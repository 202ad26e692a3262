"""Span scoring: one-to-one greedy alignment of gold and predicted mentions, strict and relaxed.

Everything here works on plain values so that it can be tested without the parser: a mention is a
``(start, end, type)`` tuple (optionally with a fourth element, its fragments), a *pair* is a tuple of
two mentions (a measurement and its value).

Matching rules (docs/eval.md):

* **strict**: same extent. For a discontinuous mention the extent runs from its first fragment's start
  to its last fragment's end (brat ``751 763;770 771`` → ``751..771``).
* **relaxed**: the two mentions overlap by at least one character; for a discontinuous mention only its
  fragments count, not the gap between them.
* When ``typed`` is true (entities), the types must be equal in both modes.
* Alignment is one-to-one and greedy: candidate (gold, predicted) pairs are taken in order of largest
  overlap, then smallest boundary distance, then position; a mention used once is not used again, so one
  prediction cannot match two gold mentions (nor two predictions one gold mention).
* An unmatched prediction that overlaps an *ignore* mention (gold material outside the facet, e.g. a
  Chia ``Value`` without a number) is neither a true nor a false positive: it is counted as ignored.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Literal, NamedTuple, Sequence, Union

Fragment = tuple[int, int]
Mode = Literal["strict", "relaxed"]
MODES: tuple[Mode, ...] = ("strict", "relaxed")


class Mention(NamedTuple):
    """A span ``[start, end)`` with a type; ``fragments`` for a discontinuous span (else empty)."""

    start: int
    end: int
    type: str = ""
    fragments: tuple[Fragment, ...] = ()

    @property
    def parts(self) -> tuple[Fragment, ...]:
        """The fragments, or the single span when the mention is continuous."""
        return self.fragments or ((self.start, self.end),)


MentionLike = Union[Mention, Sequence]
Item = tuple[Mention, ...]  # one mention, or a pair (measurement, value)


def as_mention(value: MentionLike) -> Mention:
    """A :class:`Mention` from a ``(start, end[, type[, fragments]])`` tuple."""
    if isinstance(value, Mention):
        return value
    start, end, *rest = value
    mtype = rest[0] if rest else ""
    frags = tuple(tuple(f) for f in rest[1]) if len(rest) > 1 and rest[1] else ()
    if frags:
        start, end = min(f[0] for f in frags), max(f[1] for f in frags)
    return Mention(int(start), int(end), str(mtype), frags)  # type: ignore[arg-type]


def overlap(a: Mention, b: Mention) -> int:
    """Number of characters two mentions share, counting fragments only."""
    return sum(max(0, min(fa[1], fb[1]) - max(fa[0], fb[0])) for fa in a.parts for fb in b.parts)


def spans_match(gold: Mention, pred: Mention, mode: Mode) -> bool:
    """Whether two mentions' spans match in ``mode`` (types are not looked at)."""
    if mode == "strict":
        return gold.start == pred.start and gold.end == pred.end
    if mode == "relaxed":
        return overlap(gold, pred) > 0
    raise ValueError(f"unknown mode {mode!r}: expected one of {MODES}")


@dataclass
class Counts:
    """True positives, false positives, false negatives, and predictions ignored."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    ignored: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: "Counts") -> "Counts":
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.ignored += other.ignored
        return self

    def to_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "ignored": self.ignored,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Alignment:
    """The result of aligning gold and predicted items: index pairs and the leftovers."""

    matches: list[tuple[int, int]] = field(default_factory=list)
    misses: list[int] = field(default_factory=list)  # gold indexes without a prediction
    false_alarms: list[int] = field(default_factory=list)  # predicted indexes without gold
    ignored: list[int] = field(default_factory=list)  # unmatched predictions inside ignore regions

    @property
    def counts(self) -> Counts:
        return Counts(len(self.matches), len(self.false_alarms), len(self.misses), len(self.ignored))


def _as_item(value) -> Item:
    """One mention → a 1-tuple; a pair of mentions → a 2-tuple (mentions given as tuples too)."""
    if isinstance(value, Mention):
        return (value,)
    if value and isinstance(value[0], (Mention, tuple, list)):
        return tuple(as_mention(v) for v in value)
    return (as_mention(value),)


def _items_match(g: Item, p: Item, mode: Mode, typed: bool) -> bool:
    if len(g) != len(p):
        return False
    for a, b in zip(g, p):
        if typed and a.type != b.type:
            return False
        if not spans_match(a, b, mode):
            return False
    return True


def align(gold: Iterable, pred: Iterable, mode: Mode = "strict", *, typed: bool = True,
          ignore: Iterable = ()) -> Alignment:
    """Align gold and predicted items one-to-one (greedy, best overlap first).

    Items are mentions (``(start, end, type)`` tuples or :class:`Mention`) or pairs of mentions.
    ``ignore`` holds items whose overlap makes an unmatched prediction neither right nor wrong.
    """
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}: expected one of {MODES}")
    g_items = [_as_item(x) for x in gold]
    p_items = [_as_item(x) for x in pred]
    candidates = []
    for gi, g in enumerate(g_items):
        for pi, p in enumerate(p_items):
            if _items_match(g, p, mode, typed):
                shared = sum(overlap(a, b) for a, b in zip(g, p))
                distance = sum(abs(a.start - b.start) + abs(a.end - b.end) for a, b in zip(g, p))
                candidates.append((-shared, distance, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = Alignment()
    for _, _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.matches.append((gi, pi))
    out.matches.sort()
    out.misses = [gi for gi in range(len(g_items)) if gi not in used_g]
    ignore_items = [_as_item(x) for x in ignore]
    for pi in range(len(p_items)):
        if pi in used_p:
            continue
        if any(_items_match(ig, p_items[pi], "relaxed", False) for ig in ignore_items):
            out.ignored.append(pi)
        else:
            out.false_alarms.append(pi)
    return out


def score(gold: Iterable, pred: Iterable, mode: Mode = "strict", *, typed: bool = True,
          ignore: Iterable = ()) -> Counts:
    """Counts of :func:`align` (micro: every item counts once, whatever its type)."""
    return align(gold, pred, mode, typed=typed, ignore=ignore).counts


def counts_by_type(gold: Sequence, pred: Sequence, alignment: Alignment) -> dict[str, Counts]:
    """Per-type counts from a typed alignment of single mentions: a match counts for its type, a miss
    for the gold type, a false alarm (or an ignored prediction) for the predicted type."""
    g_items = [as_mention(x) for x in gold]
    p_items = [as_mention(x) for x in pred]
    out: dict[str, Counts] = {}
    for gi, _ in alignment.matches:
        out.setdefault(g_items[gi].type, Counts()).tp += 1
    for gi in alignment.misses:
        out.setdefault(g_items[gi].type, Counts()).fn += 1
    for pi in alignment.false_alarms:
        out.setdefault(p_items[pi].type, Counts()).fp += 1
    for pi in alignment.ignored:
        out.setdefault(p_items[pi].type, Counts()).ignored += 1
    return out


def score_by_type(gold: Sequence, pred: Sequence, mode: Mode = "strict") -> dict[str, Counts]:
    """Per-type counts plus ``"micro"`` (all types together) for typed single mentions."""
    alignment = align(gold, pred, mode, typed=True)
    out = counts_by_type(gold, pred, alignment)
    out["micro"] = alignment.counts
    return out
