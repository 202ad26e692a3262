"""Coordinated entities split into one entity per conjunct.

The entity model tags a coordination as one span: ``drug or alcohol abuse``, ``hepatitis B or C``,
``atrial fibrillation/flutter``, ``pulmonary, cardiovascular or orthopedic disease``. A trial matcher
needs the concepts one by one (``drug abuse``, ``alcohol abuse``), and Chia annotates them so, with a
discontinuous span for a conjunct that shares a head with its neighbours (``drug … abuse``).

Each entity whose text is a coordination is replaced by its conjuncts, in text order, with the
entity's type and ConText flags:

* a conjunct that stands alone (``diabetes`` in ``diabetes or hypertension``; the last conjunct) keeps
  its own words as its span;
* a conjunct that shares the **head on its right** (``drug`` in ``drug or alcohol abuse``: the word
  before the coordinator is a modifier, not a head word of ``models/conjuncts.json``) takes the head of
  the next conjunct of two words or more: its span runs from its first word to that head's end, and
  ``name`` is ``drug abuse``;
* a conjunct that shares the **words on its left** (``C`` in ``hepatitis B or C``: a short code, or
  words joined by ``/`` without spaces, as in ``fibrillation/flutter``) takes them: its span runs from
  the entity's start to its own end, and ``name`` is ``hepatitis C``.

The span of a sharing conjunct holds the words between its parts (as brat's extent of a
discontinuous span does), so ``text`` stays ``document_text[start:end]`` per the output contract and
``name`` carries the conjunct's own words. An entity is left whole when it holds brackets or
punctuation other than ``,`` and ``/``, a fixed phrase of ``keep_whole`` (``head and neck``), an
empty conjunct, or too many or too long conjuncts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple, Optional, Sequence

from ..rulefiles import load_rule_json
from ..types import Entity

RULES_FILE = "conjuncts.json"
_WORD_RE = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*|[^\w\s]", re.UNICODE)
_UNSPLITTABLE_RE = re.compile(r"[()\[\]{};:<>=+%]")


class Word(NamedTuple):
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Rules:
    coordinators: tuple[tuple[str, ...], ...]  # as lower-case word tuples, longest first
    cue_words: frozenset[str]  # the words of the coordinators: a text without one is not looked at
    cue_re: re.Pattern  # the same words as one pattern: the cheap first test
    max_conjuncts: int
    max_conjunct_words: int
    short_chars: int
    head_words: frozenset[str]
    head_suffixes: tuple[str, ...]
    head_compounds: frozenset[str]
    modifier_suffixes: tuple[str, ...]
    keep_whole: re.Pattern  # the fixed phrases, as one pattern of whole words
    lead_words: frozenset[str]
    empty_words: frozenset[str]


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The compiled rules of ``models/conjuncts.json`` (validated against its schema), read once."""
    data = load_rule_json(RULES_FILE)
    coords = {tuple(w.text.lower() for w in words(c)) for c in data["coordinators"]}
    cues = frozenset(w for c in coords for w in c if w.isalpha()) | {",", "/"}
    return Rules(
        coordinators=tuple(sorted(coords, key=len, reverse=True)),
        cue_words=cues,
        cue_re=re.compile("|".join(rf"\b{re.escape(w)}\b" if w.isalpha() else re.escape(w) for w in sorted(cues)),
                          re.IGNORECASE),
        max_conjuncts=data["max_conjuncts"], max_conjunct_words=data["max_conjunct_words"],
        short_chars=data["short_conjunct_chars"],
        head_words=frozenset(w.lower() for w in data["head_words"]),
        head_suffixes=tuple(s.lower() for s in data["head_suffixes"]),
        head_compounds=frozenset(w.lower() for w in data["head_compounds"]),
        modifier_suffixes=tuple(x.lower() for x in data["modifier_suffixes"]),
        keep_whole=re.compile("|".join(rf"(?<!\w){re.escape(p.lower())}(?!\w)" for p in data["keep_whole"])),
        lead_words=frozenset(w.lower() for w in data["lead_words"]),
        empty_words=frozenset(w.lower() for w in data["empty_words"]))


def words(text: str, offset: int = 0) -> list[Word]:
    """Words and punctuation marks of ``text`` with their offsets (plus ``offset``)."""
    return [Word(m.group(), m.start() + offset, m.end() + offset) for m in _WORD_RE.finditer(text)]


def _coordinator_at(ws: list[Word], i: int, r: Rules) -> int:
    """Number of words of the coordinator starting at ``ws[i]`` (0 when there is none)."""
    for coord in r.coordinators:
        n = len(coord)
        if tuple(w.text.lower() for w in ws[i:i + n]) != coord:
            continue
        if coord == ("/",) and not _slash_between_words(ws, i):
            continue
        return n
    return 0


def _slash_between_words(ws: list[Word], i: int) -> bool:
    """A ``/`` between two words of letters (``HIV/AIDS``), not between numbers (``24/7``, ``mg/dL``)."""
    if i == 0 or i + 1 >= len(ws):
        return False
    before, after = ws[i - 1].text, ws[i + 1].text
    return before[-1].isalpha() and after[0].isalpha() and not (before.islower() and after in ("L", "dL", "mL", "min"))


def segments(ws: list[Word], r: Rules) -> tuple[list[list[Word]], list[tuple[str, ...]]]:
    """The word runs between coordinators, and the coordinators (as written, lower case)."""
    segs: list[list[Word]] = [[]]
    coords: list[tuple[str, ...]] = []
    i = 0
    while i < len(ws):
        n = _coordinator_at(ws, i, r) if segs[-1] else 0
        if n:
            coords.append(tuple(w.text.lower() for w in ws[i:i + n]))
            segs.append([])
            i += n
        else:
            segs[-1].append(ws[i])
            i += 1
    return segs, coords


def _is_head(word: str, r: Rules) -> bool:
    w = word.lower()
    return w in r.head_words or (len(w) > 5 and w.endswith(r.head_suffixes))


def _head_of(seg: list[Word], r: Rules) -> list[Word]:
    """The words of ``seg`` a modifier before it shares: from its last head word (with a compound word
    such as ``cell`` before it: ``squamous cell carcinoma``) or else all but its first word
    (``psychiatric or substance abuse disorders`` -> ``disorders``; ``total hip or knee replacement``)."""
    at = max((i for i, w in enumerate(seg) if i >= 1 and _is_head(w.text, r)), default=1)
    if at > 1 and seg[at - 1].text.lower() in r.head_compounds:
        at -= 1
    return seg[at:]


def _modifies(seg: list[Word], r: Rules) -> bool:
    """Whether a conjunct before the last can lack its head: one word (``heart`` or lung disease), or
    words ending in a modifier (``Acute bacterial`` or fungal infection, ``basal cell`` or squamous cell
    carcinoma, ``type B`` or type C virus); ``abdominal enhanced CT`` and brain MRI stands alone."""
    last = seg[-1].text.lower()
    return len(seg) == 1 or last in r.head_compounds or _is_short(seg[-1:], r) or \
        (len(last) > 4 and last.endswith(r.modifier_suffixes))


_CODE_RE = re.compile(r"[A-Za-z]|\d{1,3}[a-z]?|[IVX]{1,4}|[ivx]{1,4}")


def _is_short(seg: list[Word], r: Rules) -> bool:
    """A one-word code: a letter, a number, a Roman numeral (``B`` or C, ``I`` or II, grade ``3``), not an
    acronym (``CT`` and brain MRI)."""
    return len(seg) == 1 and len(seg[0].text) <= r.short_chars and _CODE_RE.fullmatch(seg[0].text) is not None


def _tight_slashes(ws: list[Word], coords: list[tuple[str, ...]]) -> bool:
    """Every coordinator is a ``/`` written without spaces (``fibrillation/flutter``)."""
    if any(c != ("/",) for c in coords):
        return False
    slashes = [i for i, w in enumerate(ws) if w.text == "/"]
    return all(ws[i - 1].end == ws[i].start and ws[i].end == ws[i + 1].start for i in slashes)


def conjuncts(text: str, ent: Entity) -> Optional[list[Entity]]:
    """The conjuncts of ``ent`` (its span indexes ``text``), or None when it is not a coordination."""
    r = rules()
    start, end = ent.span
    body = text[start:end]
    if not r.cue_re.search(body) or _UNSPLITTABLE_RE.search(body):
        return None  # most entities: no coordinator at all
    ws = words(body, start)
    if not any(w.text.lower() in r.cue_words for w in ws):
        return None
    if r.keep_whole.search(" ".join(body.lower().split())):
        return None
    while ws and ws[0].text.lower() in r.lead_words:
        ws = ws[1:]
    segs, coords = segments(ws, r)
    if len(segs) < 2 or len(segs) > r.max_conjuncts or any(not s for s in segs):
        return None
    if any(all(w.text.lower() in r.empty_words for w in s) for s in segs):
        return None
    first, last = segs[0], segs[-1]
    if len(first) >= 2 and _is_short(first[-1:], r) and all(_is_short(s[:1], r) for s in segs[1:]) \
            and all(len(s) == 1 for s in segs[1:-1]) or \
            len(first) >= 2 and all(len(s) == 1 for s in segs[1:]) and _tight_slashes(ws, coords):
        # codes sharing the words on their left and maybe a head on the right: "hepatitis B or C
        # (virus infection)", "Type I or II diabetes"; or words across tight slashes: "fibrillation/flutter"
        if len(first) > r.max_conjunct_words + 1:
            return None
        shared, tail = first[:-1], last[1:]
        parts = [first + tail] + [shared + s + tail for s in segs[1:-1]] + [shared + last]
    else:
        if any(len(s) > r.max_conjunct_words for s in segs[:-1]):
            return None
        parts = []
        for i, s in enumerate(segs[:-1]):
            head = next((_head_of(later, r) for later in segs[i + 1:] if len(later) >= 2), [])
            if _is_head(s[-1].text, r) or not head or not _modifies(s, r):
                parts.append(s)
            else:
                tail = head[1:] if head[0].text.lower() == s[-1].text.lower() else head
                parts.append(s + tail)
        parts.append(last)
    return [_entity(text, ent, p) for p in parts]


def _entity(text: str, ent: Entity, part: list[Word]) -> Entity:
    s, e = part[0].start, part[-1].end
    own = " ".join(w.text for w in part)
    contiguous = all(a.end <= b.start and not text[a.end:b.start].strip() for a, b in zip(part, part[1:]))
    return replace(ent, text=text[s:e], span=(s, e), long_form=None,
                   name=None if contiguous else own)


def split_coordinated(texts: Sequence[str], entities: Sequence[Sequence[Entity]]) -> list[list[Entity]]:
    """Each criterion's entities with every coordination replaced by its conjuncts (text order kept)."""
    out: list[list[Entity]] = []
    for text, ents in zip(texts, entities):
        result: list[Entity] = []
        for ent in ents:
            parts = conjuncts(text, ent)
            result.extend(parts if parts else [ent])
        out.append(result)
    return out
