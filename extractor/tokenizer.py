"""Tokenizer customisation for eligibility criteria.

spaCy's English tokenizer leaves comparison signs glued to their neighbours (``DBP≥100``, ``INR>1.5``,
``≤2`` stay one token, ``>=18`` becomes ``>`` ``=`` ``18``). :func:`customize_tokenizer` adds the patterns
of ``models/tokenizer.json`` in front of spaCy's default prefixes, infixes and suffixes so such signs
become tokens of their own. The trained entity recognizer is trained with this tokenizer; the patterns
are saved with the model, so a loaded model tokenizes the same way.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from .errors import RuleFileError
from .rulefiles import check, load_rule_json

RULES_FILE = "tokenizer.json"
_KEYS = ("prefixes", "infixes", "suffixes")


def parse_rules(data: Any, source: str = RULES_FILE) -> dict[str, tuple[str, ...]]:
    """Validate the parsed tokenizer rule file: three lists of compilable regular expressions."""
    if not isinstance(data, dict):
        raise RuleFileError(f"{source}: expected a JSON object")
    rules: dict[str, tuple[str, ...]] = {}
    for key in _KEYS:
        patterns = data.get(key, [])
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            raise RuleFileError(f"{source}: '{key}' must be a list of strings")
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise RuleFileError(f"{source}: '{key}' pattern {pattern!r} does not compile: {exc}") from exc
        rules[key] = tuple(patterns)
    return rules


@lru_cache(maxsize=None)
def load_rules(path: str | None = None) -> dict[str, tuple[str, ...]]:
    """Read and validate the tokenizer patterns: ``models/tokenizer.json`` (checked against
    ``schemas/rules/tokenizer.schema.json``) or, when given, the file at ``path``."""
    if path is None:
        return parse_rules(load_rule_json(RULES_FILE), f"models/{RULES_FILE}")
    file = Path(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RuleFileError(f"{file}: missing tokenizer rule file") from exc
    except json.JSONDecodeError as exc:
        raise RuleFileError(f"{file}: invalid JSON at line {exc.lineno}: {exc.msg}") from exc
    check(RULES_FILE, data, source=str(file))
    return parse_rules(data, str(file))


def customize_tokenizer(nlp: Language, rules: dict[str, tuple[str, ...]] | None = None) -> Language:
    """Put the extra patterns in front of the language defaults of ``nlp``'s tokenizer (in place).

    Built from ``nlp.Defaults`` each time, so calling it twice gives the same tokenizer.
    """
    rules = load_rules() if rules is None else rules
    defaults = nlp.Defaults
    prefixes = list(rules["prefixes"]) + list(defaults.prefixes or ())
    infixes = list(rules["infixes"]) + list(defaults.infixes or ())
    suffixes = list(rules["suffixes"]) + list(defaults.suffixes or ())
    tokenizer = nlp.tokenizer
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    return nlp


@registry.callbacks("extractor.customize_tokenizer.v1")
def make_customize_tokenizer() -> Callable[[Language], Language]:
    """Config callback (``[initialize.before_init]``) that customises the tokenizer before training."""

    def before_init(nlp: Language) -> Language:
        return customize_tokenizer(nlp)

    return before_init
