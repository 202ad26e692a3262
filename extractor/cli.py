"""Command line: ``extractor parse | validate | eval | bench | train``.

``main()`` only calls ``sys.exit(run(argv, stdin, stdout, stderr))``; ``run`` keeps going across inputs
and combines exit codes: 0 all records succeeded, 1 some record or input failed (one line on stderr
each, naming the file, the record and the problem), 2 usage errors.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from typing import IO, Optional, Sequence

from . import __version__
from .errors import ExtractorError
from .pipeline import Options

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# Commands that live in their own modules, each exposing add_parser(subparsers) and run(args, stdout, stderr).
_COMMAND_MODULES = {"eval": "extractor.evaluate.command", "bench": "extractor.evaluate.bench",
                    "train": "extractor.train", "review": "extractor.review_command", "dedup": "extractor.dedup_command"}


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so run() returns the usage status."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: error: {message}")


class _UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    from .readers import FORMATS

    parser = _Parser(prog="extractor", description="Structured JSON from clinical-trial eligibility criteria.")
    parser.add_argument("--version", action="version", version=f"extractor {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("parse", help="parse trial records into JSON Lines (one document per record)",
                       description="Parse trial records (files, directories, zips, or - for stdin) into JSON Lines.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="record file, directory, zip, or - for stdin")
    p.add_argument("--format", choices=FORMATS, help="force the input format (default: detected)")
    p.add_argument("--kind", choices=("inclusion", "exclusion"),
                   help="kind of criteria given without an Inclusion/Exclusion header (default: inclusion)")
    p.add_argument("-o", "--output", metavar="OUT", help="write JSON Lines to OUT instead of stdout")
    p.add_argument("--no-entities", action="store_true", help="skip the trained entity model (faster)")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, metavar="N",
                   help="parse in N processes, output kept in input order (default: the machine's cores)")
    p.add_argument("--resume", action="store_true",
                   help="with -o: continue a killed run after the last complete record of OUT")
    p.add_argument("--errors", metavar="FILE", help="also write failed records to FILE (JSON Lines)")
    p.add_argument("--quiet", action="store_true", help="no progress bar (it is off anyway when stderr is not a terminal)")
    p.add_argument("--batch-size", type=int, default=32, metavar="N", help="records per batch (default: 32)")

    v = sub.add_parser("validate", help="check JSON Lines output against the schema",
                       description="Validate JSON Lines documents against the output schema; each error with its JSON path.")
    v.add_argument("files", nargs="+", metavar="FILE", help="JSON Lines file, or - for stdin")

    for module in _COMMAND_MODULES.values():
        mod = _optional(module)
        if mod is not None:
            mod.add_parser(sub)
    return parser


def _optional(module: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            return None
        raise


def _parse(args: argparse.Namespace, stdin: IO, stdout: IO, stderr: IO) -> int:
    from .batch import done_sources, run_parse

    if args.resume and not args.output:
        print("extractor parse: error: --resume needs -o OUT (the output to continue)", file=stderr)
        return EXIT_USAGE
    if args.workers < 1 or args.batch_size < 1:
        print("extractor parse: error: --workers and --batch-size must be at least 1", file=stderr)
        return EXIT_USAGE
    options = Options(entities=not args.no_entities)
    out: IO = stdout
    if args.output:
        try:
            if args.resume:
                done_sources(args.output)  # cuts a partial last line left by a killed run
            out = open(args.output, "a" if args.resume else "w", encoding="utf-8", newline="\n")
        except OSError as exc:
            print(f"error: {args.output}: cannot write output: {exc.strerror}", file=stderr)
            return EXIT_FAILED
    binary_stdin = (getattr(stdin, "buffer", None) or io.BytesIO(stdin.read().encode("utf-8"))) \
        if "-" in args.paths else None
    progress = not args.quiet and hasattr(stderr, "isatty") and stderr.isatty()
    try:
        stats = run_parse(args.paths, out, stderr, fmt=args.format, kind=args.kind, options=options,
                          workers=args.workers, batch_size=args.batch_size,
                          resume_from=args.output if args.resume else None, errors_path=args.errors,
                          progress=progress, stdin=binary_stdin)
    finally:
        if out is not stdout:
            out.close()
    if stats.failed or stats.damaged or stats.skipped or progress or args.output:
        print(stats.summary(), file=stderr)
    return EXIT_FAILED if stats.failed or stats.damaged else EXIT_OK


def _validate(args: argparse.Namespace, stdin: IO, stdout: IO, stderr: IO) -> int:
    from .validation import validate_stream

    status = EXIT_OK
    for name in args.files:
        try:
            stream = stdin if name == "-" else open(name, encoding="utf-8")
        except OSError as exc:
            print(f"error: {name}: cannot open: {exc.strerror}", file=stderr)
            status = EXIT_FAILED
            continue
        try:
            docs, bad = validate_stream(name, stream, stderr)
        except UnicodeDecodeError as exc:
            print(f"error: {name}: not UTF-8 text: {exc.reason} at byte {exc.start}", file=stderr)
            status = EXIT_FAILED
            continue
        finally:
            if stream is not stdin:
                stream.close()
        print(f"{name}: {docs - bad} of {docs} documents valid", file=stdout)
        if bad or docs == 0:
            status = EXIT_FAILED
            if docs == 0:
                print(f"error: {name}: no JSON document found", file=stderr)
    return status


def run(argv: Optional[Sequence[str]] = None, stdin: IO = sys.stdin, stdout: IO = sys.stdout,
        stderr: IO = sys.stderr) -> int:
    """Run the command line and return its exit status (never calls sys.exit)."""
    parser = build_parser()
    try:
        with contextlib.redirect_stdout(stdout):  # --help and --version print to the given stdout
            args = parser.parse_args(argv)
    except _UsageError as exc:
        print(exc, file=stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # --help / --version print and exit 0
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(stdout)
        return EXIT_USAGE
    handlers = {"parse": _parse, "validate": _validate}
    try:
        if args.command in handlers:
            return handlers[args.command](args, stdin, stdout, stderr)
        return args.run(args, stdout, stderr) if hasattr(args, "run") else _dispatch(args, stdout, stderr)
    except ExtractorError as exc:
        print(f"error: {exc}", file=stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("extractor: interrupted", file=stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _dispatch(args: argparse.Namespace, stdout: IO, stderr: IO) -> int:
    return _optional(_COMMAND_MODULES[args.command]).run(args, stdout, stderr)


def main() -> None:
    sys.exit(run())
