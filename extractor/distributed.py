"""Running the parse on a distributed engine over a partitioned dump (Dask bag).

The unit of work is a partition: a list of input paths (files, zips, directories). ``parse_partition``
is a plain function, so any engine that maps a function over partitions can run it (Spark's
``rdd.mapPartitions(parse_partition)`` works the same way); ``dask_parse`` builds the Dask bag. Each
element of the result is one JSON Lines row: an output document, or for a failed record an error row
``{"source": …, "record_id": …, "error": …}`` (the same rows as ``extractor parse --errors``).

Dask is optional (``pip install extractor[distributed]``); this module imports it only when asked.
"""
from __future__ import annotations

import json
from typing import Iterable, Iterator, Optional

from .batch import WRITTEN, parse_batch
from .pipeline import Options


def parse_partition(paths: Iterable[str], *, fmt: Optional[str] = None, kind: Optional[str] = None,
                    entities: bool = True, batch_size: int = 32) -> Iterator[str]:
    """JSON Lines rows for every record of the given inputs, in order (one call per partition)."""
    from .readers import iter_records

    options = Options(entities=entities)
    batch: list = []

    def flush() -> Iterator[str]:
        for status, source, rid, payload in parse_batch(batch, kind, options):
            yield payload if status in WRITTEN else json.dumps(
                {"source": source, "record_id": rid, "error": payload}, ensure_ascii=False)
        batch.clear()

    for path in paths:
        for record in iter_records(str(path), fmt):
            batch.append(record)
            if len(batch) >= batch_size:
                yield from flush()
    yield from flush()


def dask_parse(paths: list[str], *, npartitions: Optional[int] = None, fmt: Optional[str] = None,
               kind: Optional[str] = None, entities: bool = True):
    """A Dask bag of JSON Lines rows, one partition per group of input paths."""
    import dask.bag as db

    bag = db.from_sequence(paths, npartitions=npartitions or min(len(paths), 64) or 1)
    return bag.map_partitions(lambda part: list(parse_partition(part, fmt=fmt, kind=kind, entities=entities)))
