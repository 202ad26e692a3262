"""The ``extractor dedup`` command: a criteria library and cross-registry trial pairs from parse output.

``add_parser(subparsers)`` registers the subcommand; ``run(args, stdout, stderr)`` does the work and
returns the exit code: 0 every input line was a document, 1 some input or line failed (one line on
stderr each, ``error: FILE:LINE: problem``; the run goes on without it). See docs/dedup.md.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from typing import IO, Iterator, Optional, Union

from .crossreg import CritRef, TrialRef, diff_criteria, find_pairs
from .library import Library, criteria_from_doc, keyed_forms

EXIT_OK, EXIT_FAILED = 0, 1


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``dedup`` on an argparse subparsers object."""
    p = subparsers.add_parser(
        "dedup", help="build a criteria library and find the same trial in two registries",
        description="Read JSON Lines written by `extractor parse` and write a criteria library: one row per "
                    "canonical criterion (count, trial ids, criterion ids, an example text), near-duplicates "
                    "grouped; plus one row per pair of documents of the same trial from two sources, with the "
                    "criteria that differ. See docs/dedup.md.")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="JSON Lines file written by `extractor parse`, or - for stdin")
    p.add_argument("-o", "--output", metavar="OUT", help="write the library rows to OUT instead of stdout")
    p.add_argument("--pairs", metavar="PAIRS",
                   help="write the trial-pair rows to PAIRS (default: after the library rows)")
    p.add_argument("--no-near", action="store_true", help="do not group near-duplicates (exact keys only)")
    p.add_argument("--top", metavar="N", type=int, default=0,
                   help="print the N most common canonical criteria (groups) and the figures on stderr")
    p.set_defaults(run=run)
    return p


def _documents(name: str, stream: IO[bytes], stderr: IO) -> Iterator[Union[tuple[int, int, dict], None]]:
    """``(line number, byte offset, document)`` per line; None (after an error line) for a bad line."""
    offset = 0
    for n, raw in enumerate(stream, 1):
        start, offset = offset, offset + len(raw)
        if not raw.strip():
            continue
        try:
            doc = json.loads(raw)
        except UnicodeDecodeError as exc:
            print(f"error: {name}:{n}: not UTF-8 text: {exc.reason}", file=stderr)
            yield None
            continue
        except json.JSONDecodeError as exc:
            print(f"error: {name}:{n}: not JSON: {exc.msg} (column {exc.colno})", file=stderr)
            yield None
            continue
        if not isinstance(doc, dict) or not isinstance(doc.get("trial"), dict) \
                or not isinstance(doc.get("criteria"), list):
            print(f"error: {name}:{n}: not an `extractor parse` document (needs trial and criteria)", file=stderr)
            yield None
            continue
        yield n, start, doc


def _crit_refs(place: Union[list[CritRef], tuple[str, int]]) -> list[CritRef]:
    """A document's criteria for a pair diff, read again from its file if need be."""
    if isinstance(place, list):
        return place
    name, offset = place
    with open(name, "rb") as f:
        f.seek(offset)
        doc = json.loads(f.readline())
    return [CritRef(c.id, c.kind, key, c.text) for c, key, _ in keyed_forms(criteria_from_doc(doc))]


def _open_out(path: Optional[str], stdout: IO, stderr: IO) -> Optional[IO]:
    if not path:
        return stdout
    try:
        return open(path, "w", encoding="utf-8", newline="\n")
    except OSError as exc:
        print(f"error: {path}: cannot write output: {exc.strerror}", file=stderr)
        return None


def run(args: argparse.Namespace, stdout: IO, stderr: IO) -> int:
    """Build the library and the pairs; write them; return the exit code."""
    t0, cpu0 = time.perf_counter(), time.process_time()
    status = EXIT_OK
    lib = Library()
    refs: list[TrialRef] = []
    # what a pair diff needs, per document: its criteria (stdin) or where to read them again (a file),
    # so memory does not grow with the criteria of documents that turn out to have no pair
    where: list[Union[list[CritRef], tuple[str, int]]] = []
    for name in args.files:
        try:
            stream = getattr(sys.stdin, "buffer", sys.stdin) if name == "-" else open(name, "rb")
        except OSError as exc:
            print(f"error: {name}: cannot open: {exc.strerror}", file=stderr)
            status = EXIT_FAILED
            continue
        try:
            for item in _documents(name, stream, stderr):
                if item is None:
                    status = EXIT_FAILED
                    continue
                n, offset, doc = item
                try:
                    found = lib.add(doc)
                except (KeyError, TypeError, ValueError, IndexError) as exc:
                    what = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
                    print(f"error: {name}:{n}: bad criterion: {what}", file=stderr)
                    status = EXIT_FAILED
                    continue
                refs.append(TrialRef.from_trial(len(refs), doc["trial"]))
                where.append(found if name == "-" else (name, offset))
        finally:
            if stream is not sys.stdin and name != "-":
                stream.close()
    groups = 0 if args.no_near else lib.group_near_duplicates()
    pair_rows = []
    for a, b, rid, how in find_pairs(refs):
        row = {"type": "trial_pair", "id": rid, "match": how, "a": a.to_dict(), "b": b.to_dict()}
        row.update(diff_criteria(_crit_refs(where[a.index]), _crit_refs(where[b.index])))
        pair_rows.append(row)

    out = _open_out(args.output, stdout, stderr)
    if out is None:
        return EXIT_FAILED
    pairs_out = out if not args.pairs else _open_out(args.pairs, stdout, stderr)
    if pairs_out is None:
        if out is not stdout:
            out.close()
        return EXIT_FAILED
    top: list[dict] = []
    try:
        for row in lib.rows():
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            if args.top and len(top) < args.top and row["group"] == row["key"]:
                top.append(row)
        for row in pair_rows:
            pairs_out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        for f in {id(out): out, id(pairs_out): pairs_out}.values():
            if f is not stdout:
                f.close()
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    print(f"extractor dedup: {lib.documents} documents, {lib.criteria} criteria, {lib.distinct_keys} distinct keys, "
          f"{groups} near-duplicate groups, {len(pair_rows)} trial pairs, {seconds:.1f} s ({cpu:.1f} s CPU)",
          file=stderr)
    if lib.stored_keys_differ:
        print(f"extractor dedup: {lib.stored_keys_differ} stored keys differ from this version's keys "
              f"(keys were recomputed)", file=stderr)
    for n, row in enumerate(top, 1):
        where = f"{row['section']}: " if row["section"] else ""
        print(f"{n:>3}. {row['group_count']:>5} criteria, {row['group_size']:>3} keys "
              f"[{row['kind'][0].upper()}] {where}{' '.join(row['text'].split())[:100]}", file=stderr)
    return status
