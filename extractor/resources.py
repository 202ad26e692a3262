"""Access to package data (models/, schemas/) through importlib.resources, so installed copies work."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from .errors import RuleFileError


def model_path(name: str) -> Traversable:
    """The resource ``name`` inside models/ (a file or a directory)."""
    return files("extractor.models").joinpath(name)


def schema_path(name: str) -> Traversable:
    return files("extractor.schemas").joinpath(name)


def read_json_file(path: Traversable | Path, label: str):
    """Parse one JSON file; a missing or broken file raises RuleFileError naming ``label``."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RuleFileError(f"{label}: missing file") from exc
    except json.JSONDecodeError as exc:
        raise RuleFileError(f"{label}: invalid JSON at line {exc.lineno}: {exc.msg}") from exc


@lru_cache(maxsize=None)
def load_json(package: str, name: str):
    """Parse a JSON resource once; a missing or broken file raises RuleFileError naming it."""
    return read_json_file(files(package).joinpath(name), f"{package}/{name}")


def load_jsonl(package: str, name: str) -> list:
    """Parse a JSON Lines resource; blank lines and lines starting with // are skipped."""
    res = files(package).joinpath(name)
    try:
        lines = res.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise RuleFileError(f"{package}/{name}: missing resource file") from exc
    rows = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise RuleFileError(f"{package}/{name}: invalid JSON on line {n}: {exc.msg}") from exc
    return rows


def as_path(res: Traversable) -> Path:
    """A filesystem path for a resource (package data is installed as plain files)."""
    return Path(str(res))
