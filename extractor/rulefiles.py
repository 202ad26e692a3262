"""Load a rule or lexicon file from models/ and validate it against its schema in schemas/rules/.

``load_rule_json("units.json")`` checks ``models/units.json`` against ``schemas/rules/units.schema.json``;
``load_rule_jsonl("measurements.jsonl")`` checks every row against ``measurements.schema.json``. A file
that breaks its schema raises :class:`~extractor.errors.RuleFileError` naming the file, the JSON path of
the offending value and what was expected. Files are read once (the callers cache what they compile).
"""
from __future__ import annotations

from functools import lru_cache

from jsonschema import Draft202012Validator

from .errors import RuleFileError
from .resources import load_json, load_jsonl

MODELS = "extractor.models"
SCHEMAS = "extractor.schemas"


def _schema_name(name: str) -> str:
    stem = name.rsplit(".", 1)[0]
    return f"rules/{stem}.schema.json"


@lru_cache(maxsize=None)
def _validator(name: str) -> Draft202012Validator:
    schema = load_json(SCHEMAS, _schema_name(name))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def check(name: str, data, where: str = "", source: str = "") -> None:
    """Raise RuleFileError if ``data`` (the content of models/``name``, or of the file ``source`` standing
    in for it) breaks the schema of ``name``."""
    errors = sorted(_validator(name).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        raise RuleFileError(f"{source or 'models/' + name}{where}: {err.json_path}: {err.message}")


def load_rule_json(name: str):
    """The parsed and validated JSON rule file models/``name``."""
    data = load_json(MODELS, name)
    check(name, data)
    return data


def load_rule_jsonl(name: str) -> list:
    """The parsed and validated rows of the JSON Lines lexicon models/``name``."""
    rows = load_jsonl(MODELS, name)
    for n, row in enumerate(rows, 1):
        check(name, row, f" row {n}")
    return rows
