"""Validation of output documents: the JSON Schema (Draft 2020-12, built once) plus the span contract.

The schema checks shapes and types; ``span_errors`` checks what a schema cannot: every ``span`` indexes
into the document's ``text`` and ``text[start:end]`` equals the item's ``text``. Each problem is reported
as ``(json_path, message)``.

Every document is checked first by a validator compiled to Python code (fastjsonschema, about ten
times faster than interpreting the schema); only a document it rejects goes through ``jsonschema``,
whose errors carry the exact JSON path. The schema keeps to keywords both libraries read the same way.
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import IO, Iterator

import fastjsonschema
from jsonschema import Draft202012Validator

from .errors import SchemaValidationError
from .resources import load_json

Problem = tuple[str, str]
SCHEMA_FILE = "output.schema.json"


@lru_cache(maxsize=1)
def validator() -> Draft202012Validator:
    """The output-schema validator, built once per process."""
    schema = load_json("extractor.schemas", SCHEMA_FILE)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@lru_cache(maxsize=1)
def _compiled():
    """The same schema compiled to Python code, for the fast yes/no check of every document."""
    return fastjsonschema.compile(load_json("extractor.schemas", SCHEMA_FILE))


def _span_problem(text: str, obj: dict, path: str) -> Problem | None:
    span = obj.get("span")
    if span is None:
        return None
    s, e = span
    if not (0 <= s <= e <= len(text)):
        return (f"{path}.span", f"span {span} is outside the text (length {len(text)})")
    if text[s:e] != obj.get("text"):
        return (f"{path}.span", f"text[{s}:{e}] is {text[s:e]!r}, not the item's text {obj.get('text')!r}")
    return None


def span_errors(doc: dict) -> Iterator[Problem]:
    """Spans that do not index the document text exactly."""
    text = doc.get("text")
    if not isinstance(text, str):
        return
    for i, crit in enumerate(doc.get("criteria") or []):
        cpath = f"$.criteria[{i}]"
        if (p := _span_problem(text, crit, cpath)) is not None:
            yield p
        for facet in ("entities", "thresholds", "timeframes"):
            for j, obj in enumerate(crit.get(facet) or []):
                if (p := _span_problem(text, obj, f"{cpath}.{facet}[{j}]")) is not None:
                    yield p
        for j, th in enumerate(crit.get("thresholds") or []):
            m = th.get("measurement") or {}
            if m.get("span") is not None and (p := _span_problem(text, m, f"{cpath}.thresholds[{j}].measurement")):
                yield p
        for j, tf in enumerate(crit.get("timeframes") or []):
            q = tf.get("qualifies")
            if q and (p := _span_problem(text, q, f"{cpath}.timeframes[{j}].qualifies")):
                yield p


def problems(doc: object) -> list[Problem]:
    """Every schema and span problem of one document, schema errors first, in a stable order."""
    try:
        _compiled()(doc)
        found: list[Problem] = []
    except fastjsonschema.JsonSchemaException:
        found = [(err.json_path, err.message) for err in
                 sorted(validator().iter_errors(doc), key=lambda e: (list(map(str, e.absolute_path)), e.message))]
    if not found and isinstance(doc, dict):
        found.extend(span_errors(doc))
    return found


def check(doc: dict) -> None:
    """Raise SchemaValidationError with the first problem's JSON path if ``doc`` is invalid."""
    found = problems(doc)
    if found:
        path, message = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise SchemaValidationError(message + more, path)


def validate_stream(name: str, stream: IO[str], stderr: IO[str]) -> tuple[int, int]:
    """Validate a JSON Lines stream; print one line per problem. Returns (documents, invalid documents)."""
    docs = bad = 0
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        docs += 1
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            bad += 1
            print(f"{name}:{lineno}: not valid JSON: {exc.msg} at column {exc.colno}", file=stderr)
            continue
        found = problems(doc)
        if found:
            bad += 1
            for path, message in found:
                print(f"{name}:{lineno}: {path}: {message}", file=stderr)
    return docs, bad
