"""The rule data behind timeframes.py, loaded once from models/ and compiled into regexes.

Three files, each checked against its schema in schemas/rules/ when first used:

- ``time_units.json``: unit surfaces -> canonical unit and its length in days;
- ``anchors.json``: anchor surfaces -> normalized anchor, and the periods named by "during ...";
- ``temporal_patterns.json``: the trigger words around a duration and the contexts that are not windows.

A file that is missing, is not JSON, does not match its schema or holds a regex that does not compile
raises :class:`~extractor.errors.RuleFileError` naming the file and the problem. No spaCy import.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .errors import RuleFileError
from .numbers import NUMBER, WORD_NUMBER
from .resources import load_json
from .rulefiles import MODELS, check

FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class Unit:
    name: str
    days: float  # length of one unit in days (exact fraction for hours and minutes)


@dataclass(frozen=True)
class Prefix:
    bound: str
    direction: Optional[str]
    temporal: bool


@dataclass(frozen=True)
class Direction:
    direction: Optional[str]  # before / after / None
    anchored: bool
    lexicon_only: bool


@dataclass(frozen=True)
class AnchorInfo:
    anchor: str
    takes_object: bool


@dataclass(frozen=True)
class TemporalRules:
    units: dict          # surface (lower case) -> Unit
    core: re.Pattern     # a number (or a range) and a unit
    past_adjectives: frozenset  # 'previous' in 'the 5 previous years'
    implicit: re.Pattern  # 'in the last year': a trigger and a singular unit, no number
    prefix: re.Pattern   # trigger words before the number, anchored at the end of the left context
    prefixes: tuple      # Prefix, one per named group p0, p1, ...
    restatement: re.Pattern  # '16 weeks (112 days)'
    tolerance: re.Pattern    # '24 h ± 4 h'
    aside: re.Pattern        # '(6 weeks for nitrosoureas)' between a duration and its direction
    alternative: Optional[re.Pattern]  # '5 half-lives or' between a prefix and its duration
    suffix: re.Pattern
    suffix_bounds: tuple
    period_noun: re.Pattern
    elapsed: Optional[re.Pattern]  # 'have passed' between a duration and 'since'
    direction: re.Pattern
    directions: tuple    # Direction, one per named group d0, d1, ...
    anchor: re.Pattern   # determiner + lexicon surface (+ 'of X' tail checked separately)
    anchors: dict        # normalized surface -> AnchorInfo
    object_tail: re.Pattern  # 'of Penpulimab' after 'first dose'
    pronoun: re.Pattern
    fallback: re.Pattern
    stopwords: frozenset
    anchor_first: frozenset  # stop words that may open a free-text anchor ('since prior radiotherapy')
    trailing: frozenset  # trimmed from the end of a free-text anchor
    period: re.Pattern   # 'during the study'
    periods: dict        # normalized surface -> period anchor
    ellipsis: re.Pattern  # '(' before a bare duration that qualifies the window before it
    not_before: re.Pattern
    label: re.Pattern    # 'Cycle 1 Day 1': a number that names a visit, when another number follows the unit
    not_after: re.Pattern
    not_after_age: Optional[re.Pattern]  # '6-12 weeks (42 to 90 days) of age'
    not_after_event: Optional[re.Pattern]  # '10 years at diagnosis': an age at an event (years, months)
    not_after_unbounded: Optional[re.Pattern]  # 'a 5-day course' (but '>= 10-day course' is a duration)
    not_context: re.Pattern
    age_min_years: float


def _validated(name: str) -> dict:
    data = load_json(MODELS, name)
    check(name, data)  # schemas/rules/<stem>.schema.json; RuleFileError names file and JSON path
    return data


def _compile(name: str, where: str, pattern: str, flags: int = FLAGS) -> re.Pattern:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise RuleFileError(f"models/{name}: {where}: invalid regular expression: {exc}") from exc


def _phrase(surface: str) -> str:
    """A plain phrase as a regex: words separated by spaces or hyphens, whole words only."""
    words = re.split(r"[ ,-]+", surface.strip())
    return r",?[\s-]+".join(re.escape(w) for w in words)


def normalize_phrase(text: str) -> str:
    return re.sub(r",?[\s-]+", " ", text.strip().lower())


def _alternation(phrases) -> str:
    uniq = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(_phrase(p) for p in uniq)


def _units(data: dict):
    units, singular = {}, []
    for entry in data["units"]:
        unit = Unit(entry["name"], entry["days"] / entry.get("divisor", 1))
        for surface in entry["surfaces"]:
            if surface in units:
                raise RuleFileError(f"models/time_units.json: surface {surface!r} is listed twice")
            units[surface] = unit
        singular.extend(entry.get("singular", []))
    return units, singular


def _anchors(data: dict):
    anchors, periods = {}, {}
    for entry in data["anchors"]:
        info = AnchorInfo(entry["anchor"], entry.get("object", False))
        for surface in entry["surfaces"]:
            anchors[normalize_phrase(surface)] = info
    for entry in data["periods"]:
        for surface in entry["surfaces"]:
            periods[normalize_phrase(surface)] = entry["anchor"]
    return anchors, periods


@lru_cache(maxsize=1)
def rules() -> TemporalRules:
    """Load, validate and compile the three rule files (once per process)."""
    units, singular = _units(_validated("time_units.json"))
    lexicon = _validated("anchors.json")
    anchors, periods = _anchors(lexicon)

    pat = _validated("temporal_patterns.json")
    name = "temporal_patterns.json"
    unit_alt = "|".join(sorted(units, key=len, reverse=True))
    num = rf"(?:{NUMBER}|{WORD_NUMBER}|an?)"
    # After a digit the unit may be glued ('4weeks'); after a word it needs a space or a hyphen.
    sep = r"(?:(?<=[0-9½⅓⅔¼¾⅕+])(?P<glue>\s*-\s*|\s*)|(?P<wsep>\s*-\s*|\s+))"
    adjectives = pat["number_adjectives"]
    adj = "|".join(adjectives["plain"] + adjectives["past"])
    paren = r"(?:\s*\(\s*\d+\s*\))?"  # 'two (2) months'
    core = (rf"(?<![\w.,/])(?:(?P<between>between|from)\s+)?(?P<n1>{num}){paren}"
            rf"(?:\s*(?P<rsep>-|–|—|to|and|through)\s*(?P<n2>{num}){paren})?"
            rf"(?P<plus>\+|\s+(?:{pat['or_more']}))?{sep}"
            rf"(?:(?P<adj>{adj})\s+)?(?P<unit>{unit_alt})(?![A-Za-z])")
    singular_alt = "|".join(sorted(set(singular), key=len, reverse=True))
    implicit = rf"(?<![\w])(?P<trig>{pat['implicit_one']})\s+(?P<unit>{singular_alt})(?![A-Za-z])"

    prefix_alt = "|".join(f"(?P<p{i}>{p['pattern']})" for i, p in enumerate(pat["prefixes"]))
    prefixes = tuple(Prefix(p["bound"], p.get("direction"), p.get("temporal", False)) for p in pat["prefixes"])
    suffix_alt = "|".join(f"(?P<s{i}>{s['pattern']})" for i, s in enumerate(pat["suffixes"]))
    dir_alt = "|".join(f"(?P<d{i}>{d['pattern']})" for i, d in enumerate(pat["directions"]))
    directions = tuple(Direction(d["direction"], d.get("anchored", True), d.get("lexicon_only", False))
                       for d in pat["directions"])
    det = "|".join(_phrase(d) for d in sorted(lexicon["determiners"], key=len, reverse=True))
    nouns = "|".join(_phrase(n) for n in lexicon["time_nouns"])
    lead = rf"(?:(?:{det})\s+)?(?:(?:{nouns})\s+of\s+(?:(?:{det})\s+)?)?"

    return TemporalRules(
        units=units,
        core=_compile(name, "units / number_adjectives / or_more", core),
        past_adjectives=frozenset(adjectives["past"]),
        implicit=_compile(name, "implicit_one", implicit),
        prefix=_compile(name, "prefixes", rf"(?:^|(?<=[\s(\[,;:\\]))(?:{prefix_alt})\s*$"),
        prefixes=prefixes,
        restatement=_compile(name, "restatement", pat["restatement"]),
        tolerance=_compile(name, "tolerance", pat["tolerance"]),
        aside=_compile(name, "aside", pat["aside"]),
        alternative=_compile(name, "alternative_before", pat["alternative_before"]) if "alternative_before" in pat else None,
        suffix=_compile(name, "suffixes", rf"^\s*(?:{suffix_alt})(?![A-Za-z])"),
        suffix_bounds=tuple(s["bound"] for s in pat["suffixes"]),
        period_noun=_compile(name, "period_nouns", rf"^\s*(?:{pat['period_nouns']})\b"),
        elapsed=_compile(name, "elapsed", rf"^\s*(?:{pat['elapsed']})(?![A-Za-z])") if "elapsed" in pat else None,
        direction=_compile(name, "directions",
                           rf"^\s*,?\s*(?:(?:{pat['adverbs']})\s+)?(?:{dir_alt})(?![A-Za-z])"),
        directions=directions,
        anchor=_compile("anchors.json", "anchors", rf"^[\s-]*{lead}(?P<a>{_alternation(anchors)})(?![\w-])"),
        anchors=anchors,
        object_tail=_compile(name, "object_tail", pat["object_tail"]),
        pronoun=_compile("anchors.json", "pronouns", rf"^\s*(?:{_alternation(lexicon['pronouns'])})\b"),
        fallback=_compile(name, "anchor_stopwords",
                          rf"^\s*{lead}(?P<a>[a-z][\w'/-]*(?:[ \t]+[a-z][\w'/-]*){{0,6}})"),
        stopwords=frozenset(pat["anchor_stopwords"]),
        anchor_first=frozenset(pat.get("anchor_first", [])),
        trailing=frozenset(pat["anchor_trailing"]),
        period=_compile(name, "periods",
                        rf"(?<![\w])(?:{pat['periods']})\s+{lead}(?P<a>{_alternation(periods)})(?![\w-])"),
        periods=periods,
        ellipsis=_compile(name, "ellipsis", pat["ellipsis"]),
        not_before=_compile(name, "not_window.preceding", pat["not_window"]["preceding"]),
        label=_compile(name, "not_window.label", pat["not_window"]["label"]),
        not_after=_compile(name, "not_window.following", pat["not_window"]["following"]),
        not_after_age=_compile(name, "not_window.following_age", pat["not_window"]["following_age"])
        if "following_age" in pat["not_window"] else None,
        not_after_event=_compile(name, "not_window.following_event", pat["not_window"]["following_event"])
        if "following_event" in pat["not_window"] else None,
        not_after_unbounded=_compile(name, "not_window.following_unbounded", pat["not_window"]["following_unbounded"])
        if "following_unbounded" in pat["not_window"] else None,
        not_context=_compile(name, "not_window.context", pat["not_window"]["context"]),
        age_min_years=pat["not_window"]["age_min_years"],
    )
