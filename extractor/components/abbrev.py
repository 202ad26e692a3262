"""Abbreviation long forms for entities.

Definitions are found with scispaCy's ``AbbreviationDetector``, an implementation of Schwartz & Hearst
(2003), "A simple algorithm for identifying abbreviation definitions in biomedical text", PSB 8:451:
a short form in parentheses after its long form ("acquired immunodeficiency syndrome (AIDS)"), or the
reverse, where the short form's characters occur in order in the long form, the first one starting
a word.

Trial records often use an acronym in one criterion that another criterion spells out without the
parenthesised definition ("prior Immune Checkpoint Inhibitors (PD-1 or PD-L1 inhibitors) treatment"
... "resistance to prior ICIs treatments"). :func:`record_long_forms` therefore adds a second, stricter
pass for acronyms no definition covers: an upper-case token of 3+ letters (plural ``s`` allowed) whose
letters are exactly the initials of one run of capitalised words elsewhere in the record, when that run
is unique. This pass is ours, not Schwartz & Hearst's.

API: :func:`long_forms` (one text), :func:`record_long_forms` (a record's criteria, merged into one
map), :func:`with_long_forms` (set ``Entity.long_form``).
"""
from __future__ import annotations

import re
import warnings
from dataclasses import replace
from functools import lru_cache
from typing import Iterable, Sequence

from ..types import Entity

_ACRONYM = re.compile(r"\b([A-Z][A-Z0-9]{2,9})(s?)\b")
_CAP_WORD = re.compile(r"[A-Z][A-Za-z0-9'-]*")
_WORD = re.compile(r"\S+")


@lru_cache(maxsize=1)
def _nlp():
    """A blank English pipeline with scispaCy's abbreviation detector; built on first use."""
    import spacy
    import scispacy.abbreviation  # noqa: F401  (registers the "abbreviation_detector" factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("abbreviation_detector", config={"make_serializable": True})
    return nlp


def _plausible(short: str, long: str) -> bool:
    """Drop detector output that is no definition: a short form must be one token with a capital letter,
    shorter than its long form, and the long form must not run across a parenthesis."""
    return (" " not in short and any(c.isupper() for c in short) and len(long) > len(short)
            and "(" not in long and ")" not in long and not long.lower().startswith(short.lower()))


def _defined(doc) -> dict[str, str]:
    out: dict[str, str] = {}
    for abbr in doc._.abbreviations:  # serializable form: plain dicts
        short, long = abbr["short_text"], abbr["long_text"]
        if _plausible(short, long) and short not in out:
            out[short] = long
    return out


def _initials_forms(texts: Sequence[str], known: dict[str, str]) -> dict[str, str]:
    """Undefined acronyms resolved by the initials of a unique run of capitalised words."""
    wanted: dict[str, str] = {}
    for text in texts:
        for m in _ACRONYM.finditer(text):
            short = m.group(0)
            if short not in known and m.group(1) not in known:
                wanted[short] = m.group(1)
    if not wanted:
        return {}
    letters_wanted = set(wanted.values())
    runs: dict[str, set[str]] = {}
    for text in texts:
        words = list(_WORD.finditer(text))
        tokens = [w.group(0).strip("(),;:.") for w in words]
        capital = [bool(_CAP_WORD.fullmatch(t)) and not (t.isupper() and len(t) > 1) for t in tokens]
        for i in range(len(words)):
            run_end = i
            while run_end < len(words) and run_end - i < 10 and capital[run_end]:
                run_end += 1
            for n in range(3, run_end - i + 1):  # runs of 3 to 10 capitalised words from word i
                initials = "".join(t[0] for t in tokens[i:i + n]).upper()
                if initials not in letters_wanted:
                    continue
                group = words[i:i + n]
                phrase = text[group[0].start():group[0].start() + len(" ".join(w.group(0) for w in group))]
                runs.setdefault(initials, set()).add(phrase.strip("(),;:. "))
    out = {}
    for short, letters in wanted.items():
        found = runs.get(letters, set())
        if len(found) == 1:
            out[short] = next(iter(found))
    return out


def long_forms(text: str) -> dict[str, str]:
    """Short form -> long form of the abbreviations defined (or resolvable) in ``text``."""
    return record_long_forms([text])


def record_long_forms(texts: Iterable[str]) -> dict[str, str]:
    """One record-level map from a record's criteria: detector run per criterion, first definition wins."""
    texts = list(texts)
    merged: dict[str, str] = {}
    nlp = _nlp()  # built outside the filter: importing spaCy installs warning filters of its own
    with warnings.catch_warnings():  # W036: the detector's per-document matcher may be empty
        warnings.filterwarnings("ignore", message=r"\[W036\]")
        # Schwartz & Hearst definitions are parenthesised: a criterion without "(" defines nothing.
        docs = list(nlp.pipe(t for t in texts if "(" in t))
    for doc in docs:
        for short, long in _defined(doc).items():
            merged.setdefault(short, long)
    merged.update(_initials_forms(texts, merged))
    return merged


def with_long_forms(entities: Sequence[Entity], abbrevs: dict[str, str]) -> list[Entity]:
    """Entities whose whole text is a known short form get ``long_form``; others are returned as they are.

    The lookup is exact first, then without a trailing plural ``s`` (``ICIs`` -> ``ICI``).
    """
    out = []
    for ent in entities:
        key = ent.text.strip()
        long = abbrevs.get(key)
        if long is None and key.endswith("s"):
            long = abbrevs.get(key[:-1])
        out.append(replace(ent, long_form=long) if long is not None and ent.long_form is None else ent)
    return out
