"""extractor: structured, validated, deduplicated JSON from clinical-trial eligibility criteria.

Python API::

    import extractor
    doc = extractor.parse_text("Inclusion Criteria:\\n* Age >= 18 years")   # one TrialCriteria
    docs = extractor.parse("corpus/medpath/NCT05460481.txt")             # list of TrialCriteria
    doc.to_dict()                                                        # the JSON contract

``parse_many`` streams ``TrialCriteria`` or ``Failure`` objects for every record of every input.
"""
from __future__ import annotations

import os
from itertools import islice
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Optional, Union

from .errors import ExtractorError, InputError
from .pipeline import Options, extract, with_record_long_forms
from .pipeline import load as load
from .types import Failure, Record, TrialCriteria

__version__ = "0.1.0"
__all__ = ["parse", "parse_text", "parse_many", "process", "process_records", "load", "validate",
           "Options", "TrialCriteria", "Failure", "__version__"]


def process_records(records: Iterable[Union[Record, Failure]], *, kind: Optional[str] = None,
                    options: Options = Options(), batch_size: int = 64) -> Iterator[Union[TrialCriteria, Failure]]:
    """Segment, extract and assemble records in batches, yielding results in input order.

    A record that fails anywhere becomes a ``Failure`` carrying its source and id; the rest go on.
    """
    from .assemble import assemble
    from .segment import segment

    it = iter(records)
    while True:
        batch = list(islice(it, batch_size))
        if not batch:
            return
        segmented = []
        texts: list[str] = []
        sections: list[Optional[str]] = []
        for rec in batch:
            if isinstance(rec, Failure):
                segmented.append(rec)
                continue
            try:
                seg = segment(rec, kind)  # type: ignore[arg-type]
            except Exception as exc:  # a segmentation bug must not stop the run
                segmented.append(Failure(rec.source, f"segmentation failed: {exc!r}", rec.id))
                continue
            segmented.append((rec, seg.items, seg.warnings))
            texts.extend(i.text for i in seg.items)
            sections.extend(i.section for i in seg.items)
        try:
            extractions = extract(texts, options, sections)
        except ExtractorError:
            raise  # a broken rule file or a missing model concerns every record: stop and say so
        except Exception:  # an extractor bug on some criterion: find the record, keep the others
            extractions = None
        pos = 0
        for entry in segmented:
            if isinstance(entry, Failure):
                yield entry
                continue
            rec, items, warnings = entry
            try:
                if extractions is None:
                    mine = extract([i.text for i in items], options, [i.section for i in items])
                else:
                    mine = extractions[pos:pos + len(items)]
                    pos += len(items)
                if options.entities:
                    mine = with_record_long_forms(items, mine)
                yield assemble(rec, items, mine, warnings)
            except ExtractorError:
                raise
            except Exception as exc:
                yield Failure(rec.source, f"extraction failed: {exc!r}", rec.id)


def parse_many(paths: Iterable[str], *, format: Optional[str] = None, kind: Optional[str] = None,
               options: Options = Options(), stdin: Optional[BinaryIO] = None
               ) -> Iterator[Union[TrialCriteria, Failure]]:
    """Every record of every input path (files, directories, zips, ``-`` for stdin), in order."""
    from .readers import iter_records

    def records() -> Iterator[Union[Record, Failure]]:
        for p in paths:
            yield from iter_records(str(p), format, stdin=stdin)

    return process_records(records(), kind=kind, options=options)


def parse_text(text: str, *, format: str = "text", kind: Optional[str] = None, source: str = "<string>",
               options: Options = Options()) -> TrialCriteria:
    """Parse criteria given as a string (plain criteria text by default) into one document."""
    from .readers import read_bytes

    results = list(process_records(read_bytes(text.encode("utf-8"), source, format), kind=kind, options=options))
    docs = [r for r in results if isinstance(r, TrialCriteria)]
    if not docs:
        fail = next((r for r in results if isinstance(r, Failure)), None)
        raise InputError(fail.message if fail else f"{source}: no record in the text")
    return docs[0]


def parse(text_or_path: Union[str, os.PathLike], *, format: Optional[str] = None, kind: Optional[str] = None,
          options: Options = Options()) -> list[TrialCriteria]:
    """Parse a path (file, directory, zip) or, if it is not an existing path, criteria text.

    Raises ``InputError`` naming the first record that failed; use ``parse_many`` to keep going.
    """
    is_path = isinstance(text_or_path, os.PathLike) or (
        "\n" not in str(text_or_path) and len(str(text_or_path)) < 4096 and Path(str(text_or_path)).exists())
    if not is_path:
        return [parse_text(str(text_or_path), format=format or "text", kind=kind, options=options)]
    out = []
    for r in parse_many([str(text_or_path)], format=format, kind=kind, options=options):
        if isinstance(r, Failure):
            raise InputError(r.line())
        out.append(r)
    return out


def process(record: Record, *, kind: Optional[str] = None, options: Options = Options()) -> TrialCriteria:
    """Segment, extract and assemble one record already read."""
    result = next(process_records([record], kind=kind, options=options))
    if isinstance(result, Failure):
        raise InputError(result.line())
    return result


def validate(doc: Union[TrialCriteria, dict]) -> list[tuple[str, str]]:
    """Schema and span problems of a document as (json_path, message); empty when valid."""
    from .validation import problems

    return problems(doc.to_dict() if isinstance(doc, TrialCriteria) else doc)
