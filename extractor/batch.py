"""Streaming batch runs: read, parse, validate and write one batch at a time, in input order.

Records are read lazily (a zip member at a time) and grouped into batches; with ``workers > 1`` each
batch is parsed in a separate process (spawned, so the spaCy pipeline loads once per worker) and at
most ``2 * workers`` batches are in flight, so memory stays flat whatever the input size. Workers send
back plain JSON strings, never spaCy or medspaCy objects. Output keeps the input order.

``resume``: the output file's complete lines name the records already done (``trial.source`` is unique
per record); a partial last line left by a killed run is cut off, and those records are skipped.
Failures go to stderr (one line each) and, with ``errors_path``, to a JSON Lines file.
"""
from __future__ import annotations

import json
import os
import time
from collections import deque
from contextlib import contextmanager
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import get_context
from typing import IO, BinaryIO, Iterable, Iterator, Optional, Union

from .pipeline import Options
from .types import Failure, Record

# One parsed record on its way to the writer: ("ok", source, id, json line), ("fail", source, id, message)
# or ("warn", source, id, json line): written, but its input was damaged (not valid UTF-8), which the run
# reports on stderr and in its exit status.
Outcome = tuple[str, str, Optional[str], str]
WRITTEN = ("ok", "warn")


@dataclass
class RunStats:
    written: int = 0
    failed: int = 0
    skipped: int = 0
    damaged: int = 0  # written, but the input bytes were not valid UTF-8
    started: float = field(default_factory=time.monotonic)

    def summary(self) -> str:
        secs = time.monotonic() - self.started
        rate = (self.written + self.failed) / secs if secs > 0 else 0.0
        skipped = f", {self.skipped} already done" if self.skipped else ""
        damaged = f" ({self.damaged} from input that is not valid UTF-8)" if self.damaged else ""
        return (f"extractor: {self.written} records written{damaged}, {self.failed} failed{skipped} "
                f"in {secs:.1f} s ({rate:.1f} records/s)")


def parse_batch(records: list[Union[Record, Failure]], kind: Optional[str], options: Options) -> list[Outcome]:
    """Parse and validate one batch; runs in a worker process or in-line."""
    from . import process_records
    from .readers._common import ENCODING_PROBLEM
    from .validation import problems

    out: list[Outcome] = []
    for result in process_records(records, kind=kind, options=options, batch_size=len(records) or 1):
        if isinstance(result, Failure):
            out.append(("fail", result.source, result.record_id, result.message))
            continue
        doc = result.to_dict()
        found = problems(doc)
        if found:
            path, message = found[0]
            out.append(("fail", result.trial.source, result.trial.id, f"output fails the schema at {path}: {message}"))
        else:
            damaged = any(w.startswith(ENCODING_PROBLEM) for w in result.warnings)
            out.append(("warn" if damaged else "ok", result.trial.source, result.trial.id,
                        json.dumps(doc, ensure_ascii=False)))
    return out


def _batches(records: Iterable[Union[Record, Failure]], size: int) -> Iterator[list[Union[Record, Failure]]]:
    it = iter(records)
    while batch := list(islice(it, size)):
        yield batch


def _in_order(batches: Iterator[list], kind: Optional[str], options: Options, workers: int) -> Iterator[Outcome]:
    """Outcomes of every batch, in input order, with a bounded number of batches in flight."""
    first = next(batches, None)
    second = next(batches, None) if first is not None else None
    if workers <= 1 or second is None:  # one batch: a pool would only add start-up time
        for batch in (b for b in (first, second) if b is not None):
            yield from parse_batch(batch, kind, options)
        for batch in batches:
            yield from parse_batch(batch, kind, options)
        return
    from itertools import chain

    batches = chain([first, second], batches)
    worker_options = Options(entities=options.entities, thresholds=options.thresholds,
                             timeframes=options.timeframes, n_process=1, batch_size=options.batch_size)
    with _one_blas_thread(), ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        pending: deque[Future] = deque()
        for batch in batches:
            pending.append(pool.submit(parse_batch, batch, kind, worker_options))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


@contextmanager
def _one_blas_thread():
    """Workers spawned inside this block run numpy's BLAS on one thread each (unless the user set the
    variables): N workers with a thread per core each would oversubscribe the cores."""
    saved = {k: os.environ.get(k) for k in _BLAS_THREADS}
    for k in _BLAS_THREADS:
        os.environ.setdefault(k, "1")
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _say(bar, stderr: IO[str], line: str) -> None:
    if bar is None:
        print(line, file=stderr)
    else:
        bar.write(line, file=stderr)


def _encoding_warning(json_line: str) -> str:
    from .readers._common import ENCODING_PROBLEM

    warnings = json.loads(json_line).get("warnings", [])
    return next((w for w in warnings if w.startswith(ENCODING_PROBLEM)), ENCODING_PROBLEM)


def done_sources(path: str) -> set[str]:
    """Sources already written to a JSON Lines output; a partial last line is cut off the file."""
    if not os.path.exists(path):
        return set()
    done: set[str] = set()
    keep = 0
    with open(path, "rb") as f:
        for line in f:
            if not line.endswith(b"\n"):
                break
            try:
                done.add(json.loads(line)["trial"]["source"])
            except (ValueError, KeyError, TypeError):
                break
            keep += len(line)
    if keep != os.path.getsize(path):
        with open(path, "r+b") as f:
            f.truncate(keep)
    return done


def _failed_sources(path: Optional[str]) -> set[str]:
    if not path or not os.path.exists(path):
        return set()
    out = set()
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            try:
                out.add(json.loads(line)["source"])
            except (ValueError, KeyError, TypeError):
                continue
    return out


def _progress(enabled: bool, stderr: IO):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(file=stderr, unit=" records", dynamic_ncols=True, smoothing=0.1)


def run_parse(paths: list[str], out: IO[str], stderr: IO[str], *, fmt: Optional[str] = None,
              kind: Optional[str] = None, options: Options = Options(), workers: int = 1,
              batch_size: int = 32, resume_from: Optional[str] = None, errors_path: Optional[str] = None,
              progress: bool = False, stdin: Optional[BinaryIO] = None) -> RunStats:
    """Stream every record of ``paths`` through the parser into ``out`` (JSON Lines)."""
    from .readers import iter_records

    stats = RunStats()
    skip = (done_sources(resume_from) | _failed_sources(errors_path)) if resume_from else set()

    def records() -> Iterator[Union[Record, Failure]]:
        for p in paths:
            for r in iter_records(p, fmt, stdin=stdin):
                if r.source in skip:
                    stats.skipped += 1
                    continue
                yield r

    errors: Optional[IO[str]] = open(errors_path, "a" if resume_from else "w", encoding="utf-8") if errors_path else None
    bar = _progress(progress, stderr)
    try:
        for status, source, rid, payload in _in_order(_batches(records(), batch_size), kind, options, workers):
            if status in WRITTEN:
                out.write(payload + "\n")
                stats.written += 1
                if status == "warn":
                    stats.damaged += 1
                    _say(bar, stderr, Failure(source, _encoding_warning(payload), rid).line())
            else:
                stats.failed += 1
                _say(bar, stderr, Failure(source, payload, rid).line())
                if errors is not None:
                    errors.write(json.dumps({"source": source, "record_id": rid, "error": payload},
                                            ensure_ascii=False) + "\n")
                    errors.flush()
            if bar is not None:
                bar.update(1)
            if stats.written % 64 == 0:
                out.flush()
    finally:
        out.flush()
        if bar is not None:
            bar.close()
        if errors is not None:
            errors.close()
    return stats
