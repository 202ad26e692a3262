"""Entities the model misses, added from a short list of patterns (``models/entity_terms.json``).

Pregnancy and lactation are in nearly every trial's criteria, and the entity model loses them in long
sentences (``who are not in the lactation period and examined as negative…``). Each pattern adds an
entity of its type where no entity the model found overlaps the match, so the model's spans always win.
A term also matches after ``non-`` (``non-pregnant``), which ConText then negates.
Runs before ConText, which then flags the added entities like the others.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from ..errors import RuleFileError
from ..rulefiles import load_rule_json
from ..types import Entity

RULES_FILE = "entity_terms.json"


@lru_cache(maxsize=1)
def patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """(type, compiled whole-word pattern) of each term of the rule file, read and checked once."""
    out = []
    for n, term in enumerate(load_rule_json(RULES_FILE)["terms"]):
        try:
            out.append((term["type"], re.compile(rf"(?:(?<![\w-])|(?<=\bnon-))(?:{term['pattern']})(?![\w-])", re.IGNORECASE)))
        except re.error as exc:
            raise RuleFileError(f"models/{RULES_FILE}: $.terms[{n}].pattern: {exc}") from None
    return tuple(out)


def add_missing(texts: Sequence[str], entities: Sequence[Sequence[Entity]]) -> list[list[Entity]]:
    """Each text's entities plus the term matches no entity overlaps, in text order."""
    terms = patterns()
    out: list[list[Entity]] = []
    for text, ents in zip(texts, entities):
        found = list(ents)
        added = False
        for etype, pattern in terms:
            for m in pattern.finditer(text):
                if not any(e.span[0] < m.end() and m.start() < e.span[1] for e in found):
                    found.append(Entity(etype, m.group(0), (m.start(), m.end())))
                    added = True
        out.append(sorted(found, key=lambda e: e.span) if added else list(ents))
    return out
