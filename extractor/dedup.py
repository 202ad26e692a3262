"""Canonical keys for criteria and duplicate groups within a record (see docs/dedup.md).

A criterion's key is ``I:``/``E:`` and 16 hex digits of the SHA-1 of its *canonical form*:

- ``kind``, the ``section`` heading it sits under and its parent's key (a nested item means what its
  parent says: "No prior: - chemotherapy" is not "Prior: - chemotherapy");
- its thresholds as facts: measurement name, comparator, value/low/high, UCUM unit, ULN/LLN reference,
  and any number written in the threshold's span that these do not hold (a safety net);
- its timeframes as facts: min/max days, direction, anchor;
- its negated and excepted entities (normalized text), when an entity model ran;
- its *residual text*: the text with every threshold, measurement-of-a-threshold and timeframe span
  replaced by a placeholder (``§t``, ``§d``), other mentions of a thresholded measurement (its name or
  its text as written, 4 characters or more) removed,
  then case, spacing, punctuation, bullets, markdown escapes and comparator spellings normalized and a
  short list of filler words (articles, copulas, "patients with", "must have") dropped.

The facts carry what the extractors understood, so ``LVEF < 50%`` and ``left ventricular ejection
fraction below 50 %`` share a key; the residual carries everything they did not understand, so
``LVEF < 50% or NYHA III`` does not. Negation and exception words ("no", "not", "except", "other
than"…) are never fillers. Nothing is deleted from a record: duplicates are reported for a curator.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import OrderedDict
from typing import Iterable, Optional, Sequence

from .types import Criterion, Duplicate

__all__ = ["normalize_text", "residual_tokens", "facts", "canonical_form", "key_of", "criterion_key", "assign_keys",
           "find_duplicates", "repeated_clauses"]

_SPELLINGS = (("≥", ">="), ("⩾", ">="), ("≧", ">="), ("≤", "<="), ("⩽", "<="), ("≦", "<="), ("=<", "<="),
              ("=>", ">="), ("≠", "!="), ("×", "x"), ("–", "-"), ("—", "-"), ("−", "-"), ("‐", "-"),
              ("µ", "u"), ("μ", "u"), ("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'))
_ESCAPE = re.compile(r"\\([<>\[\]()*_#+\-.!=])")
_SPACE = re.compile(r"\s+")
_AROUND_OPS = re.compile(r"\s*(<=|>=|!=|<|>|=)\s*")
_EDGE = re.compile(r"^[\s\-*•·.;,:]+|[\s.;,:]+$")
_RANGE_DASH = re.compile(r"(?<=\d)\s*-\s*(?=\d)")
_ENUM = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])\s+")
_TOKEN = re.compile(r"§[td]|\d+(?:[.,]\d+)*|<=|>=|!=|[<>=]|[^\W_]+|[%+/^&]")

#: Words dropped from the residual text: they never change what a criterion requires. Negation and
#: exception words (no, not, without, except, other, than, unless, nor, non) are deliberately absent.
FILLERS = frozenset("""a an the is are was were be been being has have having with of who must should shall
patient patients subject subjects participant participants""".split())
_LETTER_NEXT = frozenset("or and nor".split())


def normalize_text(text: str) -> str:
    """Lower-cased text with spelling variants that do not change meaning removed."""
    s = unicodedata.normalize("NFKC", text)
    s = _ESCAPE.sub(r"\1", s)
    for a, b in _SPELLINGS:
        s = s.replace(a, b)
    s = _SPACE.sub(" ", s.lower())
    s = _AROUND_OPS.sub(r" \1 ", s)
    return _EDGE.sub("", _SPACE.sub(" ", s)).strip()


def _filler(tokens: list[str], raw: list[str], i: int) -> bool:
    """Is ``tokens[i]`` a filler here? A capital "A" and an "a" that ends a list are a letter (hepatitis A)."""
    t = tokens[i]
    if t not in FILLERS:
        return False
    if t == "a":
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        return raw[i] == "a" and nxt is not None and nxt not in _LETTER_NEXT and nxt.isalpha()
    return True


def _tokens(text: str) -> list[str]:
    """Normalized tokens of a text (placeholders kept), fillers removed."""
    s = unicodedata.normalize("NFKC", text)
    s = _ESCAPE.sub(r"\1", s)
    for a, b in _SPELLINGS:
        s = s.replace(a, b)
    s = _ENUM.sub(" ", s, count=1)
    s = _RANGE_DASH.sub(" to ", s)
    raw = _TOKEN.findall(s)
    low = [t.lower() for t in raw]
    return [t for i, t in enumerate(low) if not _filler(low, raw, i)]


def _spans_to_remove(c: Criterion) -> list[tuple[int, int, str]]:
    """Spans (relative to ``c.text``) of the facts, with their placeholder; measurement mentions too."""
    off = c.span[0]
    out: list[tuple[int, int, str]] = []
    names = set()
    for t in c.thresholds:
        out.append((t.span[0] - off, t.span[1] - off, "§t"))
        if t.measurement.span is not None:
            out.append((t.measurement.span[0] - off, t.measurement.span[1] - off, "§t"))
        names.update(x.strip() for x in (t.measurement.name, t.measurement.text) if x and len(x.strip()) >= 4)
    for t in c.timeframes:
        out.append((t.span[0] - off, t.span[1] - off, "§d"))
    for name in sorted(names):  # other mentions of a thresholded measurement: "ejection fraction (LVEF) < 50%"
        rx = r"(?<![^\W_])" + r"[\s\-]+".join(map(re.escape, name.split())) + r"(?![^\W_])"
        out += [(m.start(), m.end(), "") for m in re.finditer(rx, c.text, re.IGNORECASE)]
    n = len(c.text)
    return sorted((max(0, s), min(n, e), p) for s, e, p in out if max(0, s) < min(n, e))


def residual_tokens(c: Criterion) -> list[str]:
    """The criterion's text with its fact spans replaced by placeholders, normalized, fillers dropped."""
    spans = _spans_to_remove(c)
    parts: list[str] = []
    pos = 0
    for s, e, ph in spans:
        if e <= pos:
            continue
        s = max(s, pos)
        parts += [c.text[pos:s], f" {ph} "]
        pos = e
    parts.append(c.text[pos:])
    tokens = _tokens("".join(parts))
    # one placeholder per run: "LVEF of less than 50%" (measurement, filler, threshold) is one fact
    return [t for i, t in enumerate(tokens) if not (t[0] == "§" and i and tokens[i - 1] == t)]


def _num(x) -> Optional[str]:
    if x is None:
        return None
    f = float(x)
    return str(int(f)) if f.is_integer() and abs(f) < 1e15 else repr(round(f, 10))


def _phrase(s: Optional[str]) -> Optional[str]:
    return None if s is None else " ".join(_tokens(s)) or None


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _unexplained_numbers(t) -> list:
    """Numbers written in a threshold's span that its facts do not hold (its measurement and unit aside),
    sorted: a safety net, so that a number the extractor left out ("SBP >= 150/95 mmHg" read as 150)
    still tells two criteria apart."""
    text = unicodedata.normalize("NFKC", t.text)
    for part in (t.unit_text, t.measurement.text):
        if part:
            text = text.replace(unicodedata.normalize("NFKC", part), " ")
    known = {_num(x) for x in (t.value, t.low, t.high) if isinstance(x, (int, float))}
    out = []
    for m in _NUMBER.findall(text):
        m = m.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", m) else m.replace(",", ".")
        try:
            n = _num(float(m))
        except ValueError:
            n = m
        if n not in known:
            out.append(n)
    return sorted(out)


def facts(c: Criterion) -> dict:
    """What the extractors understood, normalized: thresholds, timeframes, negated/excepted entities."""
    th = [[(t.measurement.name or "").lower() or ("text:" + (_phrase(t.measurement.text) or "")),
           t.comparator, _num(t.value), _num(t.low), _num(t.high), t.unit,
           (t.reference or "").upper() or None, _unexplained_numbers(t)] for t in c.thresholds]
    tf = [[_num(t.min_days), _num(t.max_days), t.direction, _phrase(t.anchor)] for t in c.timeframes]
    ents = [["negated" if e.negated else "excepted", normalize_text(e.text)]
            for e in c.entities if e.negated or e.excepted]
    return {"thresholds": sorted(th, key=json.dumps), "timeframes": sorted(tf, key=json.dumps),
            "entities": sorted(ents)}


def canonical_form(c: Criterion, parent_key: Optional[str], with_kind: bool = True) -> dict:
    """What the key hashes: section, parent key, facts, residual text (``text``) and, unless told not to, kind."""
    form = {"section": _phrase(c.section), "parent": parent_key, **facts(c), "text": " ".join(residual_tokens(c))}
    if with_kind:
        form["kind"] = c.kind
    return form


def _digest(form: dict) -> str:
    blob = json.dumps(form, sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:16]


def criterion_key(c: Criterion, parent_key: Optional[str] = None) -> str:
    """``I:``/``E:`` followed by 16 hex digits of the SHA-1 of the criterion's canonical form.

    ``parent_key`` is the key of the item named in ``c.parent`` (None for a top-level item).
    """
    return key_of(canonical_form(c, parent_key))


def key_of(form: dict) -> str:
    """The key of a canonical form (with its kind)."""
    return ("I:" if form["kind"] == "inclusion" else "E:") + _digest(form)


def assign_keys(criteria: Iterable[Criterion]) -> list[Criterion]:
    """The criteria, in order, each with its key (parents come before their children in a record)."""
    return keyed_forms(criteria)[0]


def keyed_forms(criteria: Iterable[Criterion]) -> tuple[list[Criterion], list[dict]]:
    """The criteria with their keys, and the canonical form (with kind) each key was made from."""
    from dataclasses import replace

    keys: dict[str, str] = {}
    out, forms = [], []
    for c in criteria:
        form = canonical_form(c, keys.get(c.parent) if c.parent else None)
        keys[c.id] = key_of(form)
        out.append(replace(c, key=keys[c.id]))
        forms.append(form)
    return out, forms


# --------------------------------------------------------------------------- within one record

_WORD = re.compile(r"[^\W_]+")
MIN_CLAUSE_WORDS = 6     # a repeated run shorter than this is ordinary phrasing ("within 4 weeks prior to")
MIN_CLAUSE_CONTENT = 4   # ... hold this many content words, and no number (parallel limits repeat phrasing)
MIN_CLAUSE_SHARE = 0.25  # ... and its two copies make up this share of the criterion's words (not a long list)
_FUNCTION = frozenset("""a an the of in on to for by with or and at as is are be not no from that this than who have
has had been any other since prior within past least more less greater than times normal after before""".split())


def repeated_clauses(text: str) -> list[str]:
    """Runs of words that a text states twice (as written at their first occurrence), longest first.

    A run counts when it has at least MIN_CLAUSE_WORDS words, MIN_CLAUSE_CONTENT of them content words,
    and its two occurrences do not overlap. Only maximal runs are returned.
    """
    words = [(m.group(0).lower(), m.start(), m.end()) for m in _WORD.finditer(text)]
    toks = [w for w, _, _ in words]
    n = MIN_CLAUSE_WORDS
    first: dict[tuple, list[int]] = {}
    for i in range(len(toks) - n + 1):
        first.setdefault(tuple(toks[i:i + n]), []).append(i)
    found: list[tuple[int, int, int]] = []  # (length, i, j)
    for positions in first.values():
        if len(positions) < 2:
            continue
        i, j = positions[0], positions[1]
        if i > 0 and toks[i - 1] == toks[j - 1] and j - 1 >= i - 1 + n:
            continue  # not maximal on the left: an earlier start covers it
        length = n
        while j + length < len(toks) and i + length < j and toks[i + length] == toks[j + length]:
            length += 1
        if j < i + length:
            continue
        run = toks[i:i + length]
        if 2 * length >= MIN_CLAUSE_SHARE * len(toks) and not any(ch.isdigit() for w in run for ch in w) and \
                sum(1 for w in run if w not in _FUNCTION and len(w) > 2) >= MIN_CLAUSE_CONTENT:
            found.append((length, i, j))
    out: list[str] = []
    covered: set[int] = set()
    for length, i, j in sorted(found, key=lambda x: (-x[0], x[1])):
        if covered & set(range(i, i + length)):
            continue
        covered |= set(range(i, i + length))
        out.append(" ".join(text[words[i][1]:words[i + length - 1][2]].split()))
    return out


def find_duplicates(criteria: Sequence[Criterion], forms: Optional[Sequence[dict]] = None
                    ) -> tuple[list[Duplicate], list[str]]:
    """Duplicate groups (first occurrence kept), and warnings: contradictions and repeated clauses.

    Criteria sharing a key (same kind, section, parent, facts and residual text) form a group. A
    criterion whose canonical form, kind aside, is also stated with the other kind is a contradiction.
    Criteria with an empty ``key`` are keyed here. ``forms`` are the canonical forms of the criteria as
    :func:`keyed_forms` returns them (computed here when not given).
    """
    if forms is not None and len(forms) == len(criteria) and all(c.key for c in criteria):
        keyed = list(criteria)
    else:
        keyed, forms = keyed_forms(criteria)
    groups: "OrderedDict[str, list[Criterion]]" = OrderedDict()
    for c in keyed:
        groups.setdefault(c.key, []).append(c)
    dups = []
    for members in groups.values():
        if len(members) > 1:
            same = len({normalize_text(c.text) for c in members}) == 1
            reason = ("repeated criterion: same text" if same else
                      "same canonical criterion: same kind, facts and text after normalization")
            dups.append(Duplicate(kept=members[0].id, dropped=tuple(c.id for c in members[1:]), reason=reason))
    by_form: dict[str, dict[str, Criterion]] = {}
    for c, form in zip(keyed, forms, strict=True):
        kindless = {k: v for k, v in form.items() if k != "kind"}
        by_form.setdefault(_digest(kindless), {}).setdefault(c.kind, c)
    warnings = []
    for pair in by_form.values():
        if len(pair) == 2:
            i, e = pair["inclusion"], pair["exclusion"]
            what = "text" if normalize_text(i.text) == normalize_text(e.text) else "criterion"
            warnings.append(f"criterion {i.id} (inclusion) and {e.id} (exclusion) state the same {what}: contradiction")
    for c in keyed:
        for clause in repeated_clauses(c.text):
            warnings.append(f'criterion {c.id} repeats the clause "{clause}"')
    return dups, warnings
