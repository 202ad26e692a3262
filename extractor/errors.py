"""Exceptions raised by extractor. One base class; small subclasses with a one-line purpose each."""
from __future__ import annotations


class ExtractorError(Exception):
    """Base class of every error extractor raises on purpose."""


class InputError(ExtractorError):
    """An input could not be opened or decoded (missing, empty, binary, too large)."""


class RecordFormatError(ExtractorError):
    """An input was read but is not a well-formed record of the expected format."""


class UnsupportedFormatError(RecordFormatError):
    """An input is a record of a registry or layout that no reader supports."""


class RuleFileError(ExtractorError):
    """A rule or lexicon file in models/ is missing or does not match its schema."""


class SchemaValidationError(ExtractorError):
    """A produced document does not validate against the output schema."""

    def __init__(self, message: str, json_path: str = "$") -> None:
        super().__init__(f"{json_path}: {message}")
        self.json_path = json_path
