"""The extraction stage: criterion texts in, entities / thresholds / timeframes out (plain data).

This is the only place the extractors are put together. Thresholds and timeframes are pure functions of
a criterion's text; entities come from the trained spaCy pipeline in models/ (loaded lazily, once) and
then pass through ConText for negation, exception, history and hypothesis. Every span returned here is
relative to the criterion text it came from; the assembler moves spans into the record's text.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence

from .types import Entity, Threshold, Timeframe

_ACRONYM_LIKE = re.compile(r"[A-Z].*[A-Z]")  # two capitals: what a short form (ICIs, LVEF, PT) has


@dataclass(frozen=True)
class Options:
    """What to extract. Entities need the trained model; thresholds and timeframes are rule-based."""

    entities: bool = True
    thresholds: bool = True
    timeframes: bool = True
    n_process: int = 1
    batch_size: int = 256


@dataclass(frozen=True)
class Extraction:
    entities: tuple[Entity, ...] = ()
    thresholds: tuple[Threshold, ...] = ()
    timeframes: tuple[Timeframe, ...] = ()


@lru_cache(maxsize=1)
def load() -> object:
    """Load the entity pipeline once (the first call pays the cost; later calls are free)."""
    from .components.ner import load_ner

    return load_ner()


def _entities(texts: Sequence[str], options: Options) -> list[list[Entity]]:
    from .components.conjuncts import split_coordinated
    from .components.context import apply_context
    from .components.entity_terms import add_missing
    from .components.ner import find_entities

    texts = list(texts)
    found = add_missing(texts, find_entities(texts, n_process=options.n_process, batch_size=options.batch_size))
    return split_coordinated(texts, apply_context(texts, found))


def extract(texts: Sequence[str], options: Options = Options(),
            sections: Optional[Sequence[Optional[str]]] = None) -> list[Extraction]:
    """Run every enabled extractor over a batch of criterion texts, in order.

    ``sections`` (one per text, or None) are the headings the criteria sit under (``Age:``,
    ``Hematologic:``); a threshold whose measurement the text leaves implicit may take it from there.

    Registries repeat criteria word for word (``Not pregnant or nursing``), so results are memoized per
    process by (text, section, options) in a bounded cache; every extractor is a pure function of them.
    """
    if not texts:
        return []
    sections = list(sections) if sections is not None else [None] * len(texts)
    keys = [(text, section, options.entities, options.thresholds, options.timeframes)
            for text, section in zip(texts, sections, strict=True)]
    todo = list(dict.fromkeys(k for k in keys if k not in _CACHE))
    for key, ex in zip(todo, _extract_uncached([k[0] for k in todo], [k[1] for k in todo], options)):
        _CACHE[key] = ex
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    out = []
    for key in keys:
        out.append(_CACHE[key])
        _CACHE.move_to_end(key)
    return out


_CACHE: "OrderedDict[tuple, Extraction]" = OrderedDict()
_CACHE_SIZE = 50_000


def _extract_uncached(texts: list[str], sections: list[Optional[str]], options: Options) -> list[Extraction]:
    """Extractions of each text. A text longer than ``_CHUNK`` characters (a record with no line breaks
    at all) is cut into pieces at sentence ends or white space: spaCy refuses texts over a million
    characters and the rule extractors' cost grows faster than the text; each piece's findings come back
    shifted into the text."""
    if not texts:
        return []
    pieces: list[str] = []
    piece_sections: list[Optional[str]] = []
    owners: list[tuple[int, int]] = []  # (text index, offset of the piece in that text)
    for i, (text, section) in enumerate(zip(texts, sections, strict=True)):
        for start, end in _chunks(text):
            pieces.append(text[start:end])
            piece_sections.append(section)
            owners.append((i, start))
    done = _extract_pieces(pieces, piece_sections, options)
    if len(pieces) == len(texts):
        return done
    parts: list[list[Extraction]] = [[] for _ in texts]
    for (i, offset), ex in zip(owners, done):
        parts[i].append(Extraction(*(tuple(x.shifted(offset) for x in found) for found in
                                     (ex.entities, ex.thresholds, ex.timeframes))))
    return [Extraction(*(tuple(x for ex in exs for x in getattr(ex, f)) for f in ("entities", "thresholds", "timeframes")))
            for exs in parts]


def _extract_pieces(texts: list[str], sections: list[Optional[str]], options: Options) -> list[Extraction]:
    ents: list[list[Entity]] = _entities(texts, options) if options.entities else [[] for _ in texts]
    if options.thresholds:
        from .thresholds import find_thresholds
    if options.timeframes:
        from .timeframes import find_timeframes
    out = []
    for text, section, found in zip(texts, sections, ents, strict=True):
        thresholds = tuple(find_thresholds(text, section=section)) if options.thresholds else ()
        timeframes = tuple(find_timeframes(text)) if options.timeframes else ()
        out.append(Extraction(entities=tuple(found), thresholds=thresholds,
                              timeframes=_not_ages(timeframes, thresholds)))
    return out


def _not_ages(timeframes: tuple[Timeframe, ...], thresholds: tuple[Threshold, ...]) -> tuple[Timeframe, ...]:
    """Timeframes without the durations that are an age threshold's value ("from 28 days to 18 years of
    age", "aged 6 weeks to 12 months"): an age is a threshold on the person, not a window in time."""
    ages = [t.span for t in thresholds if t.measurement.name == "age"]
    if not ages:
        return timeframes
    return tuple(tf for tf in timeframes if not any(s <= tf.span[0] and tf.span[1] <= e for s, e in ages))


_CHUNK = 20_000
_SENTENCE_END = re.compile(r"[.;!?]\s|\n")


def _chunks(text: str) -> list[tuple[int, int]]:
    """(start, end) pieces of ``text`` of at most ``_CHUNK`` characters, cut after the last sentence end
    (or else white space) of each window."""
    if len(text) <= _CHUNK:
        return [(0, len(text))]
    out, start = [], 0
    while len(text) - start > _CHUNK:
        limit = start + _CHUNK
        cut = max((m.end() for m in _SENTENCE_END.finditer(text, limit - _CHUNK // 4, limit)), default=-1)
        if cut <= start:
            cut = max(text.rfind(" ", start, limit), text.rfind("\t", start, limit)) + 1
        end = cut if cut > start else limit
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    return out


def with_record_long_forms(items: Sequence, extractions: Sequence[Extraction]) -> list[Extraction]:
    """Entities whose text is an abbreviation defined anywhere in the record get its long form."""
    from dataclasses import replace

    from .components.abbrev import record_long_forms, with_long_forms

    if not any(_ACRONYM_LIKE.search(e.text) for ex in extractions for e in ex.entities):
        return list(extractions)  # no entity could be a short form: skip the detector
    abbrevs = record_long_forms([i.text for i in items])
    if not abbrevs:
        return list(extractions)
    return [replace(ex, entities=tuple(with_long_forms(ex.entities, abbrevs))) if ex.entities else ex
            for ex in extractions]
