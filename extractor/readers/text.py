"""Reader for plain criteria text (``text``), with or without Inclusion/Exclusion headers.

``Record.text`` is the whole file as read (no newline translation). One Block(kind=None) spans all of
it; the segmenter finds the headers. A file of only whitespace gives a Record with no blocks.
"""
from __future__ import annotations

from ..types import Block, Record
from ._common import NO_CRITERIA

NAME = "text"


def read(text: str, source: str) -> Record:
    """Build the Record of one plain-text file (``text`` is the decoded file)."""
    has_text = bool(text.strip())
    return Record(
        id=None,
        registry=None,
        title=None,
        text=text,
        blocks=(Block(0, len(text)),) if has_text else (),
        source_format=NAME,
        source=source,
        warnings=() if has_text else (NO_CRITERIA,),
    )
