"""Negation, exception, history and hypothetical status of entities, with medspaCy's ConText.

ConText (Harkema et al. 2009, J Biomed Inform 42:839) marks a target as modified when it lies in the
scope of a trigger phrase: a window that runs forward, backward or both ways from the trigger to the
sentence end, to ``max_scope`` tokens, or to the first terminating phrase. medspaCy implements it as
the ``medspacy_context`` component. This module runs that component with the rule set of
``models/context_rules.json`` only (medspaCy's default clinical-note rules are not loaded: they
produce spurious negations on eligibility wording), over entity spans someone else found.

The rule file holds, besides medspaCy rules (``ConTextRule.from_dict`` format), the configuration:

* ``attributes``: ConText category -> :class:`~extractor.types.Entity` field set to True
  (``NEGATED_EXISTENCE`` -> ``negated``, ``EXCEPTION`` -> ``excepted``, ...);
* ``terminating_types``: category -> categories whose triggers end its scope (medspaCy's
  ``terminating_types``), e.g. a closing parenthesis ends an exception opened inside the parenthesis.

Entry point: :func:`apply_context`. It takes and returns plain :class:`Entity` objects, so callers may
run it in worker processes (ConText's own objects do not pickle).
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, NamedTuple, Optional, Sequence

from .. import rulefiles
from ..errors import RuleFileError
from ..resources import as_path, model_path, read_json_file
from ..types import Entity

RULES_FILE = "context_rules.json"
SPAN_GROUP = "context_targets"
FLAGS = ("negated", "excepted", "historical", "hypothetical")


# --------------------------------------------------------------------------- rule file


def rules_path() -> Path:
    """Where the shipped rule file is (package data of ``extractor.models``)."""
    return as_path(model_path(RULES_FILE))


def parse_rules(data: Any, source: str = RULES_FILE) -> dict[str, Any]:
    """Validate a parsed rule file against its schema and for consistency; return it unchanged.

    Raises :class:`RuleFileError` naming ``source``, the JSON path and the problem.
    """
    rulefiles.check(RULES_FILE, data, source=source)
    categories = {r["category"].upper() for r in data["context_rules"]}
    for cat in data["attributes"]:
        if cat.upper() not in categories:
            raise RuleFileError(f"{source}: $.attributes.{cat}: no rule has this category")
    for cat, enders in data.get("terminating_types", {}).items():
        for other in [cat, *enders]:
            if other.upper() not in categories:
                raise RuleFileError(f"{source}: $.terminating_types.{cat}: unknown category {other!r}")
    _to_context_rules(data, source)  # medspaCy's own checks (directions, types, scopes)
    return data


def _to_context_rules(data: dict, source: str) -> list:
    """medspaCy ConTextRules, each with ``terminated_by`` set from ``terminating_types``.

    Two work-arounds for medspaCy 1.3.1, both in the mechanics rather than the rules:

    * ``terminated_by`` is set here rather than through the component's ``terminating_types`` config:
      spaCy's config validation turns its lists into one-shot iterators, so only the first rule of a
      category would get them;
    * TERMINATE and PSEUDO rules get ``max_scope`` 1: their default scope is the whole sentence, and
      medspaCy's overlap test (``tuple_overlaps``) misses a scope that strictly contains the other, so a
      terminator never cut the scope of a rule with a ``max_scope`` (e.g. 'not' ... 'but').
    """
    from medspacy.context import ConTextRule

    terminating = {k.upper(): {c.upper() for c in v} for k, v in data.get("terminating_types", {}).items()}
    rules = []
    for i, rule in enumerate(data["context_rules"]):
        try:
            made = ConTextRule.from_dict(dict(rule))
        except (ValueError, TypeError) as exc:
            raise RuleFileError(f"{source}: $.context_rules[{i}] ({rule.get('literal')!r}): {exc}") from exc
        made.terminated_by |= terminating.get(made.category, set())
        if made.direction in ("TERMINATE", "PSEUDO") and made.max_scope is None:
            made.max_scope = 1
        rules.append(made)
    return rules


def load_rules(path: Optional[str] = None) -> dict[str, Any]:
    """Read and validate a ConText rule file (default: ``models/context_rules.json``)."""
    file = Path(path) if path is not None else rules_path()
    return parse_rules(read_json_file(file, str(file)), str(file))


# --------------------------------------------------------------------------- pipeline


class ContextPipeline(NamedTuple):
    """The built pipeline and the configuration it runs with."""

    nlp: Any  # spacy.Language with the medspacy_context component
    attributes: dict[str, str]  # ConText category -> Entity field
    sentence_ends: frozenset[str]
    clause_ends: frozenset[str]
    cues: "CueGate"  # any word a flag-setting rule needs; a text without one is left as it is


@lru_cache(maxsize=4)
def context_nlp(path: Optional[str] = None) -> ContextPipeline:
    """A blank English pipeline with ConText and our rules only. Built once per rule file."""
    import spacy
    from medspacy.context import ConText  # noqa: F401  (registers the "medspacy_context" factory)

    data = load_rules(path)
    source = path or str(rules_path())
    nlp = spacy.blank("en")
    context = nlp.add_pipe("medspacy_context", config={
        "rules": None,
        "span_attrs": None,
        "input_span_type": "group",
        "span_group_name": SPAN_GROUP,
        "prune_on_modifier_overlap": True,
    })
    phrased = dict(data, context_rules=as_phrases(data["context_rules"], nlp.make_doc))
    try:
        context.add(_to_context_rules(phrased, source))
    except ValueError as exc:  # a token pattern the matcher rejects
        raise RuleFileError(f"{source}: {exc}") from exc
    attributes = {cat.upper(): field for cat, field in data["attributes"].items()}
    return ContextPipeline(nlp, attributes, frozenset(data["sentence_ends"]), frozenset(data["clause_ends"]),
                           _cue_pattern(data["context_rules"], set(attributes)))


_MAX_PHRASES = 256
_PHRASE_KEYS = {"LOWER", "ORTH", "OP"}


def as_phrases(rules: Sequence[dict], tokenize: Callable[[str], Any]) -> list[dict]:
    """Rules whose token pattern is a plain choice of words, rewritten as the literal phrases it matches.

    spaCy's token Matcher tries every pattern at every token; the PhraseMatcher looks phrases up by hash.
    A pattern qualifies when each token is a ``LOWER`` value or list (or an ``ORTH`` without letters, so
    case does not matter), optionally ``OP: "?"``, every word is one token on its own, and it expands to
    at most ``_MAX_PHRASES`` phrases. Matches are the same (medspaCy matches literals on LOWER and keeps
    the longest of overlapping matches either way); other rules are returned unchanged.
    """
    out: list[dict] = []
    for rule in rules:
        phrases = _phrases(rule.get("pattern"), tokenize)
        if phrases is None:
            out.append(rule)
            continue
        base = {k: v for k, v in rule.items() if k != "pattern"}
        out.extend(dict(base, literal=phrase) for phrase in phrases)
    return out


def _phrases(pattern: Any, tokenize: Callable[[str], Any]) -> Optional[list[str]]:
    if not isinstance(pattern, list) or not pattern:
        return None
    choices: list[list[str]] = []
    for token in pattern:
        if not isinstance(token, dict) or set(token) - _PHRASE_KEYS or token.get("OP", "?") != "?":
            return None
        keys = [k for k in ("LOWER", "ORTH") if k in token]
        if len(keys) != 1:
            return None
        values = token[keys[0]]
        values = values.get("IN") if isinstance(values, dict) and set(values) == {"IN"} else \
            [values] if isinstance(values, str) else None
        if not values or not all(isinstance(v, str) for v in values):
            return None
        if keys[0] == "ORTH" and any(v.lower() != v.upper() for v in values):
            return None  # case-sensitive
        if keys[0] == "LOWER" and any(v != v.lower() for v in values):
            return None  # a LOWER pattern with capitals never matches; keep it as it is
        if any([t.text for t in tokenize(v)] != [v] for v in values):
            return None
        choices.append(list(values) + ([""] if "OP" in token else []))
    phrases = [""]
    for values in choices:
        phrases = [f"{p} {v}".strip() for p in phrases for v in values]
        if len(phrases) > _MAX_PHRASES:
            return None
    phrases = list(dict.fromkeys(p for p in phrases if p))
    # the joined phrase must tokenize into the same words (no new splits or merges across the spaces)
    if any([t.text for t in tokenize(p)] != p.split(" ") for p in phrases):
        return None
    return phrases


_WORD = re.compile(r"[^\W\d_]+")


class CueGate(NamedTuple):
    """Does a text hold one of the cue words? Plain words are looked up in a set of the text's words;
    cues that are not plain words ("n't", "excl.") go through a small regex."""

    words: frozenset[str]
    other: Optional["re.Pattern[str]"]
    everything: bool = False

    def search(self, text: str) -> bool:
        if self.everything or not self.words.isdisjoint(_WORD.findall(text.lower())):
            return True
        return self.other is not None and self.other.search(text) is not None


def _cue_pattern(rules: Sequence[dict], categories: set[str]) -> CueGate:
    """A gate that finds, in any text a rule of ``categories`` could match, one of that rule's words
    (case-insensitive, whole words).

    A rule matches only where all its mandatory tokens are, so one of them is enough to gate it: the
    longest word of a literal, or the alternatives of one mandatory token of a pattern (LOWER, ORTH,
    TEXT or NORM values). A text with none of these words cannot be modified and skips ConText.
    """
    words: set[str] = set()
    for rule in rules:
        if rule["category"].upper() not in categories:
            continue
        if "pattern" not in rule:
            words.add(max(rule["literal"].lower().split(), key=len))
            continue
        choices = []
        for token in rule["pattern"]:
            if token.get("OP") in ("?", "*"):
                continue
            values = next((token[k] for k in ("LOWER", "ORTH", "TEXT", "NORM") if k in token), None)
            values = values.get("IN") if isinstance(values, dict) else [values] if isinstance(values, str) else None
            if values:
                choices.append([str(v).lower() for v in values])
        if not choices:
            return CueGate(frozenset(), None, everything=True)  # a rule we cannot summarise: every text
        words.update(max(choices, key=lambda vs: min(map(len, vs))))

    def bounded(word: str) -> str:
        before = "" if word.startswith(("'", "n'")) or not word[:1].isalpha() else r"(?<![^\W\d_])"
        after = r"(?![^\W\d_])" if word[-1:].isalpha() else ""
        return before + re.escape(word) + after

    plain = {w for w in words if _WORD.fullmatch(w)}
    other = sorted(words - plain, key=len, reverse=True)
    return CueGate(frozenset(plain), re.compile("|".join(map(bounded, other)), re.IGNORECASE) if other else None)


def _set_sentences(doc, ends: frozenset, always: frozenset) -> None:
    """Sentence starts without a model: after a ``clause_ends`` token, or after a ``sentence_ends`` token
    when the next token starts with a capital letter or a digit ("excl. codeine" stays one sentence)."""
    import numpy
    from spacy.attrs import SENT_START

    words = [t.text for t in doc]
    starts = numpy.full(len(words), -1, dtype="int64")
    for i in range(1, len(words)):
        prev, first = words[i - 1], words[i][:1]
        if prev in always or (prev in ends and (first.isupper() or first.isdigit())):
            starts[i] = 1
    if len(words):
        starts[0] = 1
        doc.from_array([SENT_START], starts.astype("uint64"))  # spaCy stores -1 as its uint64 wrap


def _make_doc(pipe: ContextPipeline, text: str, entities: Sequence[Entity]):
    doc = pipe.nlp.make_doc(text)
    _set_sentences(doc, pipe.sentence_ends, pipe.clause_ends)
    spans, index = [], []
    for i, ent in enumerate(entities):
        start, end = ent.span
        if not 0 <= start < end <= len(text):
            continue
        span = doc.char_span(start, end, label=ent.type.upper(), alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
            index.append(i)
    doc.spans[SPAN_GROUP] = spans
    return doc, index


def apply_context(texts: list[str], entities: list[list[Entity]], *, rules: Optional[str] = None,
                  batch_size: int = 256) -> list[list[Entity]]:
    """Set ``negated`` / ``excepted`` / ``historical`` / ``hypothetical`` on each criterion's entities.

    ``texts[i]`` is a criterion text and ``entities[i]`` its entities, spans relative to ``texts[i]``.
    Returns new Entity objects in the same order; a flag already True stays True. Entities whose span
    does not map onto the text are returned unchanged.
    """
    if len(texts) != len(entities):
        raise ValueError(f"apply_context: {len(texts)} texts but {len(entities)} entity lists")
    pipe = context_nlp(rules)
    # Only criteria with entities and some trigger word of a flag-setting rule can change.
    todo = [i for i, (text, ents) in enumerate(zip(texts, entities)) if ents and pipe.cues.search(text)]
    prepared = [_make_doc(pipe, texts[i], entities[i]) for i in todo]
    docs = pipe.nlp.pipe((doc for doc, _ in prepared), batch_size=batch_size)
    out: list[list[Entity]] = [list(ents) for ents in entities]
    for i, doc, (_, index) in zip(todo, docs, prepared):
        result = out[i]
        for span, j in zip(doc.spans[SPAN_GROUP], index):
            flags = {pipe.attributes[m.category] for m in span._.modifiers if m.category in pipe.attributes}
            if flags:
                result[j] = replace(result[j], **{f: True for f in flags})
    return out


def modifiers(text: str, entities: Sequence[Entity], rules: Optional[str] = None) -> list[list[tuple[str, str]]]:
    """For debugging and docs: per entity, the (category, trigger text) pairs that modify it."""
    pipe = context_nlp(rules)
    doc, index = _make_doc(pipe, text, entities)
    doc = pipe.nlp.get_pipe("medspacy_context")(doc)
    found: list[list[tuple[str, str]]] = [[] for _ in entities]
    for span, i in zip(doc.spans[SPAN_GROUP], index):
        for m in span._.modifiers:
            s, e = m.modifier_span
            found[i].append((m.category, doc[s:e].text))
    return found
