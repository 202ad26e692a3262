"""``extractor review`` on the command line: read records or parse output, write the page of
:mod:`extractor.review`."""
from __future__ import annotations

import argparse
import io
import json
import os
import sys
from typing import IO, Optional

from .review import render


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``review`` on an argparse subparsers object."""
    from .readers import FORMATS

    p = subparsers.add_parser(
        "review", help="write a self-contained HTML page for curators to review the parse",
        description="Write one self-contained HTML file (no network) showing each trial's criteria with the "
                    "found spans highlighted, the structured values, duplicates, warnings and numbers no "
                    "threshold or timeframe explains. INPUT is a record (parsed now) or `extractor parse` "
                    "JSON Lines output. See docs/review.md.")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="record file, directory, zip, - for stdin, or `extractor parse` output (JSON Lines)")
    p.add_argument("-o", "--output", metavar="HTML", default="-", help="write the page to HTML (default: stdout)")
    p.add_argument("--format", choices=FORMATS, help="force the input format of records (default: detected)")
    p.add_argument("--no-entities", action="store_true", help="parse records without the trained entity model")
    p.set_defaults(run=run)
    return p


def _parse_output(raw: bytes) -> Optional[list]:
    """The JSON values in ``raw`` if it is `extractor parse` output (JSON Lines or --indent), else None."""
    try:
        data = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    decoder, values = json.JSONDecoder(), []
    pos = len(data) - len(data.lstrip())
    while pos < len(data):
        try:
            value, pos = decoder.raw_decode(data, pos)
        except json.JSONDecodeError as exc:
            values.append(exc)
            break
        values.append(value)
        while pos < len(data) and data[pos].isspace():
            pos += 1
    first = values[0] if values else None
    return values if isinstance(first, dict) and "schema_version" in first and "criteria" in first else None


def load_documents(inputs: list[str], stderr: IO, *, format: Optional[str] = None,
                   entities: bool = True) -> tuple[list[dict], int]:
    """Documents from parse output files or from records (parsed now); failures go to stderr, status 1."""
    import extractor
    from .pipeline import Options

    docs: list[dict] = []
    status = 0
    for path in inputs:
        raw: Optional[bytes] = None
        if path == "-":
            raw = sys.stdin.buffer.read()
        elif os.path.isfile(path) and not path.lower().endswith(".zip"):
            with open(path, "rb") as fh:
                raw = fh.read()  # a missing or unreadable path is reported by parse_many below
        values = None if raw is None or not raw.lstrip().startswith(b"{") else _parse_output(raw)
        for n, value in enumerate(values or [], 1):
            if isinstance(value, dict) and isinstance(value.get("criteria"), list):
                docs.append(value)
            else:
                what = f"invalid JSON: {value.msg}" if isinstance(value, ValueError) else "not a parse document"
                print(f"error: {path}#{n}: {what}", file=stderr)
                status = 1
        if values is not None:
            continue
        stdin = io.BytesIO(raw) if path == "-" else None
        for result in extractor.parse_many([path], format=format, options=Options(entities=entities), stdin=stdin):
            if isinstance(result, extractor.Failure):
                print(result.line(), file=stderr)
                status = 1
            else:
                docs.append(result.to_dict())
    return docs, status


def run(args: argparse.Namespace, stdout: IO, stderr: IO) -> int:
    """Read the inputs, write the page; 0 when every input was reviewed, 1 when some failed."""
    docs, status = load_documents(args.inputs, stderr, format=args.format, entities=not args.no_entities)
    if not docs:
        print("error: no document to review; give a record or `extractor parse` output", file=stderr)
        return 1
    page = render(docs)
    if args.output == "-":
        stdout.write(page)
    else:
        try:
            with open(args.output, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(page)
        except OSError as exc:
            print(f"error: {args.output}: cannot write the page: {exc.strerror}", file=stderr)
            return 1
        print(f"extractor review: {len(docs)} trial{'s' * (len(docs) != 1)} written to {args.output}", file=stderr)
    return status
