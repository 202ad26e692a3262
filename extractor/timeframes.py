"""Time windows in one criterion: "within 4 weeks prior to the first dose" -> Timeframe.

The method is a left-to-right reading around each duration, driven by the rule files that
``temporal_lexicon`` loads (see docs/timeframes.md):

1. a *duration* is a number (digits, a spelled number, "a"/"an") or a range ("3-6", "between 3 and 6")
   followed by a unit of time ("4 weeks", "4weeks", "six-month", "48 h");
2. the words to its left may be a *prefix* that bounds it ("within", "more than", "at least",
   "in the past", "for at least", "until") and the words to its right a *suffix* ("or longer"), a
   *direction* ("prior to", "after", "since", "from", "ago") and an *anchor* ("the first dose");
3. a duration in a context that makes it something else is dropped: a rate ("1.0 g during 24 hours"),
   a schedule ("every 3 weeks", "21 days per cycle"), a label ("Cycle 1 Day 1"), an age ("aged 18 to
   75 years", ">= 18 years"), a survival threshold ("life expectancy of at least 3 months") or a
   measurement ("24-hour urine");
4. number-free periods ("during the study", "for the duration of the study") and number-free past
   windows ("in the last year" = 1 year) are read too;
5. an anchor "it" takes the previous window's anchor, and a bare duration in a parenthesis right after
   a window ("within the last 6 months (one month if ...)") takes that window's bound.

Pure Python and ``re``; no spaCy. Spans are relative to the text given.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

from .numbers import parse_number
from .temporal_lexicon import Prefix, TemporalRules, Unit, normalize_phrase, rules
from .types import Timeframe

__all__ = ["find_timeframes"]

_WORD = re.compile(r"\S+")
_TITLE = re.compile(r"[A-Z][a-z]+")   # "Concurrent"
_LOWER = re.compile(r"[a-z][a-z-]*")  # "therapy"
_TO = re.compile(r"\s+to\b", re.IGNORECASE)
_DURATION_WORD = re.compile(r"(?:for|since|lasting|of|by|with)\b", re.IGNORECASE)  # "for more than 2 years"
PREVIOUS = "\x00previous"  # placeholder anchor for 'it' / 'this', resolved against the previous window
LEFT = 80                  # characters of left context looked at


@dataclass
class _Tail:
    end: int
    bound: Optional[str] = None
    direction: Optional[str] = None
    has_direction: bool = False
    anchor: Optional[str] = None


def _days(value, unit: Unit):
    if value is None:
        return None
    days = round(value * unit.days, 6)
    return int(days) if float(days).is_integer() else days


def _prefix(r: TemporalRules, text: str, start: int) -> tuple[int, Optional[Prefix]]:
    base = max(0, start - LEFT)
    left = text[base:start]
    m = r.prefix.search(left)
    if not m and r.alternative is not None:  # 'within 5 half-lives or 28 days': the prefix is before the alternative
        alt = r.alternative.search(left)
        m = r.prefix.search(left, 0, alt.start()) if alt else None
    if not m:
        return start, None
    for i, prefix in enumerate(r.prefixes):
        if m.group(f"p{i}") is not None:
            return base + m.start(), prefix
    return start, None  # pragma: no cover - one group always matched


def _is_duration(text: str, span_start: int, prefix: Optional[Prefix]) -> bool:
    """The prefix says the number is a span of time: a temporal one (``within``, ``in the past``) or a
    comparator after a duration word (``for more than``, ``since at least``)."""
    return prefix is not None and (prefix.temporal or _DURATION_WORD.match(text, span_start) is not None)


def age_event_end(text: str, pos: int) -> Optional[int]:
    """Where ``at diagnosis``, ``at the time of enrollment``… ends when it follows at ``pos`` (the years
    or months before it are an age at that event: ``not_window.following_event``), else None."""
    pattern = rules().not_after_event
    m = pattern.match(text[pos:pos + 60]) if pattern is not None else None
    return pos + m.end() if m else None


def introduced_as_duration(text: str, start: int) -> bool:
    """Whether the words before the number at ``start`` make it a duration (``for more than 2 years at
    enrollment``) rather than, say, an age at an event (``under 10 years at diagnosis``)."""
    return _is_duration(text, *_prefix(rules(), text, start))


def _anchor(r: TemporalRules, text: str, pos: int, lexicon_only: bool):
    """The anchor that starts at ``pos``: (normalized anchor, end) or None."""
    rest = text[pos:pos + 120]
    m = r.anchor.match(rest)
    if m:
        info = r.anchors[normalize_phrase(m.group("a"))]
        end = m.end()
        if info.takes_object:
            t = r.object_tail.match(rest[end:])
            if t:
                end += t.end()
        return info.anchor, pos + end
    m = r.pronoun.match(rest)
    if m:
        return PREVIOUS, pos + m.end()
    if lexicon_only:
        return None
    m = r.fallback.match(rest)
    if not m:
        return None
    words: list[re.Match] = []
    for w in _WORD.finditer(rest, m.start("a"), m.end("a")):
        word = w.group(0)
        if not words and word.lower() in r.anchor_first and not _TO.match(rest, w.end()):
            words.append(w)  # 'since prior radiotherapy'; 'prior to' is no anchor
            continue
        if any(part in r.stopwords for part in word.lower().split("/")):
            break
        if words and _TITLE.fullmatch(word) and _LOWER.fullmatch(words[-1].group(0)) \
                and words[-1].group(0).lower() not in r.trailing:
            break  # "after completion of study therapy Concurrent ...": a sentence lost its full stop
        words.append(w)
    while words and words[-1].group(0).lower() in r.trailing:
        words.pop()
    if not words:
        return None
    phrase = " ".join(w.group(0) for w in words)
    return phrase.lower().rstrip("-/'"), pos + words[-1].end()


def _tail(r: TemporalRules, text: str, pos: int) -> _Tail:
    """Suffix, direction and anchor to the right of a duration ending at ``pos``."""
    tail = _Tail(end=pos)
    for skip in (r.tolerance, r.restatement):
        m = skip.match(text[pos:pos + 40])
        if m:
            pos = tail.end = pos + m.end()
    m = r.suffix.match(text[pos:pos + 40])
    if m:
        tail.bound = next(b for i, b in enumerate(r.suffix_bounds) if m.group(f"s{i}") is not None)
        pos = tail.end = pos + m.end()
    noun = r.period_noun.match(text[pos:pos + 40])
    after_noun = pos + noun.end() if noun else pos
    elapsed = r.elapsed.match(text[after_noun:after_noun + 40]) if r.elapsed is not None else None
    if elapsed and r.direction.match(text[after_noun + elapsed.end():after_noun + elapsed.end() + 60]):
        after_noun += elapsed.end()  # '50 days have passed since the last irradiation'
    m = r.direction.match(text[after_noun:after_noun + 60])
    aside = None
    if not m:
        aside = r.aside.match(text[pos:pos + 120])
        if aside:  # 'within 4 weeks (6 weeks for nitrosoureas) prior to the first dose'
            after_noun = pos + aside.end()
            m = r.direction.match(text[after_noun:after_noun + 60])
    if not m:
        return tail
    i = next(i for i, d in enumerate(r.directions) if m.group(f"d{i}") is not None)
    rule = r.directions[i]
    dir_end = after_noun + m.end()
    found = _anchor(r, text, dir_end, rule.lexicon_only) if rule.anchored else None
    if rule.lexicon_only and found is None:
        return tail  # "6 months of treatment": not a direction
    tail.has_direction = True
    tail.end = dir_end
    tail.direction = rule.direction
    if found:
        tail.anchor, tail.end = found
    if aside:
        tail.end = pos  # the span stays contiguous: it stops before the parenthesis
    return tail


def _clause_left(text: str, start: int) -> str:
    left = text[max(0, start - LEFT):start]
    cut = max(left.rfind(";"), left.rfind(". "))
    return left[cut + 1:] if cut >= 0 else left


def _window(r: TemporalRules, text: str, m) -> Optional[Timeframe]:
    """A Timeframe from a duration match, or None when its context makes it something else."""
    between = m.group("between")
    n2_text = m.group("n2")
    start = m.start() if (between and n2_text) else m.start("n1")
    left = text[max(0, start - LEFT):start]
    if r.not_before.search(left) or (r.label.search(left) and text[m.end():m.end() + 3].lstrip()[:1].isdigit()):
        return None
    if r.not_after.match(text[m.end():m.end() + 40]) or \
            (r.not_after_age is not None and r.not_after_age.match(text[m.end():m.end() + 60])):
        return None
    n1 = parse_number(m.group("n1"))
    n2 = parse_number(n2_text) if n2_text else None
    if n1 is None or (n2_text and n2 is None):
        return None
    unit = r.units[m.group("unit").lower()]
    if len(m.group("unit")) == 1 and not m.group("n1").isdigit():
        return None  # '0.75D' is a lens power, 'a d' is no duration: one-letter units follow whole numbers
    span_start, prefix = _prefix(r, text, start)
    if r.not_after_unbounded is not None and r.not_after_unbounded.match(text[m.end():m.end() + 40]) \
            and not (prefix is not None and not prefix.temporal and prefix.bound != "exact"):
        return None  # 'a 5-day course of steroids'; but '>= 10-day course': at least 10 days
    if unit.name in ("year", "month") and age_event_end(text, m.end()) is not None \
            and not _is_duration(text, span_start, prefix):
        return None  # 'under 10 years at diagnosis': an age at an event; not 'for more than 2 years at entry'
    if not (prefix and prefix.temporal) and r.not_context.search(_clause_left(text, start)):
        return None  # 'life expectancy of at least 3 months', 'gestational age > 20 weeks'
    tail = _tail(r, text, m.end())
    hyphen = "-" in (m.group("glue") or "") + (m.group("wsep") or "")
    bare = prefix is None and tail.bound is None and m.group("plus") is None and not tail.has_direction
    if bare and (hyphen or (m.group("n1").isalpha() and _after_word(text, start))):
        return None  # '24-hour urine', '28-day cycle', 'cigarettes a day'
    if (unit.name == "year" and max(n1, n2 or 0) >= r.age_min_years and not tail.has_direction
            and not (prefix and prefix.temporal)):
        return None  # an age: '>= 18 years', '18 to 75 years'
    bound = tail.bound or ("min" if m.group("plus") else None) or (prefix.bound if prefix else None)
    direction = tail.direction if tail.has_direction else None
    if direction is None and prefix is not None:
        direction = prefix.direction
    if direction is None and (m.group("adj") or "").lower() in r.past_adjectives:
        direction = "before"  # 'in the 5 previous years'
        bound = bound or "max"
    if n2 is not None:
        value, low, high = None, _days(n1, unit), _days(n2, unit)
    elif bound == "max":
        value, low, high = n1, None, _days(n1, unit)
    elif bound == "min":
        value, low, high = n1, _days(n1, unit), None
    else:
        value, low, high = n1, _days(n1, unit), _days(n1, unit)
    return Timeframe(text=text[span_start:tail.end], span=(span_start, tail.end), value=value,
                     unit=unit.name, min_days=low, max_days=high, direction=direction, anchor=tail.anchor)


def _after_word(text: str, start: int) -> bool:
    left = text[:start].rstrip()
    return bool(left) and left[-1].isalpha()


def _implicit(r: TemporalRules, text: str, m) -> Timeframe:
    """'in the last year': one unit, looking back."""
    unit = r.units[m.group("unit").lower()]
    tail = _tail(r, text, m.end())
    direction = tail.direction if tail.has_direction and tail.direction else "before"
    return Timeframe(text=text[m.start():tail.end], span=(m.start(), tail.end), value=1, unit=unit.name,
                     min_days=None, max_days=_days(1, unit), direction=direction, anchor=tail.anchor)


def _period(r: TemporalRules, text: str, m) -> Timeframe:
    anchor = r.periods[normalize_phrase(m.group("a"))]
    return Timeframe(text=m.group(0), span=m.span(), value=None, unit=None, direction="during", anchor=anchor)


def find_timeframes(text: str) -> list[Timeframe]:
    """Every time window in one criterion's text, in text order, spans relative to ``text``."""
    r = rules()
    found = [tf for tf in (_window(r, text, m) for m in r.core.finditer(text)) if tf is not None]
    found += [_implicit(r, text, m) for m in r.implicit.finditer(text)]
    found += [_period(r, text, m) for m in r.period.finditer(text)]
    # Overlaps: a window with a unit beats a period; then the earlier and the longer one wins.
    found.sort(key=lambda tf: (tf.unit is None, tf.span[0], tf.span[0] - tf.span[1]))
    kept: list[Timeframe] = []
    for tf in found:
        if all(tf.span[1] <= k.span[0] or tf.span[0] >= k.span[1] for k in kept):
            kept.append(tf)
    kept.sort(key=lambda tf: tf.span)
    out: list[Timeframe] = []
    for tf in kept:
        if tf.anchor == PREVIOUS:
            tf = replace(tf, anchor=out[-1].anchor if out else None)
        if out and _is_bare(r, tf) and r.ellipsis.search(text[out[-1].span[1]:tf.span[0]]):
            tf = _with_bound_of(out[-1], tf)
        if out and _two_bounds(text, out[-1], tf):
            tf = _joined(text, out.pop(), tf)
        out.append(tf)
    return out


_AND_GAP = re.compile(r"\s*,?\s*(?:and|but)\s*", re.IGNORECASE)


def _two_bounds(text: str, first: Timeframe, second: Timeframe) -> bool:
    """``at least 3 weeks and no more than 8 weeks before surgery``: a lower and an upper bound joined by
    ``and``, the first without a direction or anchor of its own."""
    bounds = {(first.min_days is not None, first.max_days is not None),
              (second.min_days is not None, second.max_days is not None)}
    return bounds == {(True, False), (False, True)} and first.direction is None and first.anchor is None \
        and _AND_GAP.fullmatch(text, first.span[1], second.span[0]) is not None


def _joined(text: str, first: Timeframe, second: Timeframe) -> Timeframe:
    """One window with both bounds, the second's direction and anchor; a range has no single value."""
    return replace(second, text=text[first.span[0]:second.span[1]], span=(first.span[0], second.span[1]),
                   value=None, unit=second.unit if first.unit == second.unit else None,
                   min_days=first.min_days if first.min_days is not None else second.min_days,
                   max_days=first.max_days if first.max_days is not None else second.max_days)


def _is_bare(r: TemporalRules, tf: Timeframe) -> bool:
    """Only a duration: no trigger word, direction or anchor ('one month', '6 weeks')."""
    return tf.unit is not None and tf.value is not None and r.core.fullmatch(tf.text) is not None


def _with_bound_of(window: Timeframe, bare: Timeframe) -> Timeframe:
    """'within the last 6 months (one month if ...)': the parenthesis repeats the window's bound.

    Only the bound is carried over; direction and anchor stay as written (none).
    """
    if window.max_days is not None and window.min_days is None:
        return replace(bare, min_days=None)
    if window.min_days is not None and window.max_days is None:
        return replace(bare, max_days=None)
    return bare
