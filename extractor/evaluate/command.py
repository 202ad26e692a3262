"""The ``extractor eval`` command: score the parser on Chia (brat) or on our gold set.

``add_parser(subparsers)`` registers the subcommand; ``run(args, stdout, stderr)`` does the work and
returns the exit code: 0 done, 1 the parser failed on some Chia file or a gold case that is not a known
failure regressed, 2 the input could not be read (a broken gold file, a missing directory).
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from ..errors import ExtractorError, RuleFileError
from .chia import FACETS, TYPED_FACETS as ENTITY_FACETS, ChiaResult, evaluate_chia, list_documents
from .gold import GoldReport, evaluate_gold, text_parser
from .score import MODES

_ENTITY_ORDER = ("condition", "drug", "procedure", "measurement", "observation", "device", "person", "visit")


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``eval`` on an argparse subparsers object."""
    p = subparsers.add_parser(
        "eval", help="score the parser on the Chia corpus or on the gold set",
        description="Score the parser: on Chia brat files (precision/recall/F1 per facet, strict and "
                    "relaxed spans) or on the gold set in corpus/gold (threshold and timeframe accuracy). "
                    "See docs/eval.md.")
    p.add_argument("directory", metavar="DIR", type=Path,
                   help="Chia brat directory (e.g. corpus/chia/brat) or gold directory/file (corpus/gold)")
    p.add_argument("--corpus", choices=("chia", "gold", "layouts"), default="chia",
                   help="what DIR holds (default: chia); layouts: registry records with DIR/expected.json")
    p.add_argument("--split", choices=("train", "dev", "all"), default="dev",
                   help="Chia split to score (default: dev)")
    p.add_argument("--splits", metavar="FILE", type=Path, default=None,
                   help="NCT id<TAB>split file (default: DIR/../SPLITS.tsv)")
    p.add_argument("--json", action="store_true", help="write the scores as one JSON object")
    p.add_argument("--no-entities", action="store_true",
                   help="skip the trained entity model (the entities, negated and excepted facets are then not scored)")
    p.add_argument("--unjudged", action="store_true",
                   help="Chia: ignore predictions its scheme cannot judge (inside spans it flags as not annotated, "
                        "e.g. Pregnancy_considerations; counts it types as Multiplier); see docs/eval.md")
    p.add_argument("--errors", metavar="N", type=int, default=0,
                   help="list the first N misses and N false alarms of --facet (Chia)")
    p.add_argument("--facet", default=None,
                   help=f"facet for --errors: one of {', '.join(FACETS)}, or entities.<type> "
                        "(default: entities.micro; values with --no-entities)")
    p.add_argument("--mode", choices=MODES, default="strict", help="span matching for --errors (default: strict)")
    p.set_defaults(command_run=run)
    return p


def _fmt(x: float) -> str:
    return f"{100 * x:5.1f}"


def _chia_keys(result: ChiaResult) -> list[str]:
    keys = [f"entities.{t}" for t in _ENTITY_ORDER if f"entities.{t}" in result.counts]
    keys += sorted(k for k in result.counts if k.startswith("entities.") and k not in keys
                   and k != "entities.micro")
    keys += ["entities.micro"] if "entities.micro" in result.counts else []
    return keys + [f for f in FACETS if f != "entities" and f in result.counts]


def print_chia(result: ChiaResult, split: str, out: TextIO) -> None:
    """A table: one row per facet, strict and relaxed precision / recall / F1 (percent)."""
    out.write(f"Chia {split}: {result.documents} files, {result.criteria} criteria, "
              f"{result.seconds:.1f} s\n")
    out.write(f"{'facet':<22} {'gold':>6} {'pred':>6} | {'strict P':>8} {'R':>5} {'F1':>5} | "
              f"{'relaxed P':>9} {'R':>5} {'F1':>5}\n")
    for key in _chia_keys(result):
        modes = result.counts.get(key)
        if modes is None:
            continue
        s, r = modes["strict"], modes["relaxed"]
        gold, pred = s.tp + s.fn, s.tp + s.fp
        out.write(f"{key:<22} {gold:>6} {pred:>6} | {_fmt(s.precision):>8} {_fmt(s.recall):>5} {_fmt(s.f1):>5} | "
                  f"{_fmt(r.precision):>9} {_fmt(r.recall):>5} {_fmt(r.f1):>5}\n")
    if result.errors:
        out.write("\n")
        for e in result.errors:
            where = f"{e.doc_id}:{e.line_no}"
            label = f" [{e.type}]" if e.type else ""
            out.write(f"{e.kind:<11} {where:<20} {e.text!r}{label}\n{'':<32}| {e.line}\n")


def print_gold(report: GoldReport, out: TextIO) -> None:
    """Accuracy lines, then every failing case with what was missed and what was predicted."""
    t = report.totals()
    pct = lambda v: "n/a" if v is None else f"{100 * v:.1f}%"  # noqa: E731
    out.write(f"gold: {t['cases_passed']}/{t['cases']} cases pass "
              f"({t['known_failures']} marked known_failure)\n")
    out.write(f"thresholds: {t['thresholds_correct']}/{t['thresholds']} correct ({pct(t['threshold_accuracy'])}), "
              f"{t['extra_thresholds']} extra predicted\n")
    out.write(f"timeframes: {t['timeframes_correct']}/{t['timeframes']} correct ({pct(t['timeframe_accuracy'])}), "
              f"{t['extra_timeframes']} extra predicted; anchors right in "
              f"{t['anchors_correct']}/{t['timeframes_correct']} matched\n")
    failing = [r for r in report.results if not r.passed]
    if failing:
        out.write("\nfailures:\n")
    for r in failing:
        tag = f"known failure: {r.case.known_failure}" if r.case.known_failure else "REGRESSION"
        out.write(f"{r.case.id} ({tag})\n  text: {r.case.text}\n{r.explain()}\n")
    if t["fixed"]:
        out.write(f"\nnow passing though marked known_failure: {', '.join(t['fixed'])}\n")


def _gold_json(report: GoldReport) -> dict:
    cases = []
    for r in report.results:
        cases.append({"id": r.case.id, "passed": r.passed, "known_failure": r.case.known_failure,
                      "error": r.error,
                      "missed_thresholds": [g["text"] for g in r.missed_thresholds],
                      "extra_thresholds": [p.to_dict() for p in r.extra_thresholds],
                      "missed_timeframes": [g["text"] for g in r.missed_timeframes],
                      "extra_timeframes": [p.to_dict() for p in r.extra_timeframes]})
    return {"corpus": "gold", **report.totals(), "cases_detail": cases}


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Run ``extractor eval`` with parsed arguments; returns the exit code."""
    try:
        if args.corpus == "layouts":
            from .layouts import evaluate_layouts

            layouts = evaluate_layouts(args.directory)
            totals = layouts.totals()
            if args.json:
                stdout.write(json.dumps({"corpus": "layouts", **totals, "problems": layouts.problems},
                                        ensure_ascii=False) + "\n")
            else:
                stdout.write(f"layouts: {totals['files']} files, {totals['records_read']}/{totals['records']} records "
                             f"read, {totals['failures']} failures\n"
                             f"criteria: {totals['found']}/{totals['expected']} found ({_fmt(totals['recall'])}), "
                             f"{totals['right_kind']} of the right kind ({_fmt(totals['kind_accuracy'])}), "
                             f"{totals['extra']} extra of {totals['predicted']} read; {totals['wrong_ids']} wrong ids\n")
                for line in layouts.problems:
                    stdout.write(f"  {line}\n")
            return 1 if totals["failures"] else 0
        if args.corpus == "gold":
            report = evaluate_gold(args.directory, text_parser(entities=False))
            if args.json:
                stdout.write(json.dumps(_gold_json(report), ensure_ascii=False) + "\n")
            else:
                print_gold(report, stdout)
            return 1 if report.totals()["regressions"] else 0
        facet = args.facet or ("values" if args.no_entities else "entities.micro")
        if facet.split(".")[0] not in FACETS:
            stderr.write(f"error: unknown facet {facet!r}: use one of {', '.join(FACETS)} or entities.<type>\n")
            return 2
        files = list_documents(args.directory, args.split, args.splits)
        if not files:
            stderr.write(f"error: {args.directory}: no Chia files (NCT*_inc.txt / NCT*_exc.txt) "
                         f"in split {args.split!r}; try --split all or --splits FILE\n")
            return 2
        facets = tuple(f for f in FACETS if f not in ENTITY_FACETS) if args.no_entities else FACETS
        if facet.split(".")[0] not in facets:
            stderr.write(f"error: facet {facet!r} is not scored with --no-entities\n")
            return 2
        result = evaluate_chia(files, text_parser(entities=not args.no_entities),
                               error_facet=facet if args.errors else None, error_limit=args.errors,
                               error_mode=args.mode, facets=facets, unjudged=args.unjudged)
    except RuleFileError as exc:
        hint = "" if args.corpus == "gold" or args.no_entities else " (without a trained model: --no-entities)"
        stderr.write(f"error: {exc}{hint}\n")
        return 2
    except ExtractorError as exc:
        stderr.write(f"error: {exc}\n")
        return 2
    if args.json:
        stdout.write(json.dumps({"corpus": "chia", "split": args.split, **result.to_dict()},
                                ensure_ascii=False) + "\n")
    else:
        print_chia(result, args.split, stdout)
    for failure in result.failures[:10]:
        stderr.write(f"error: parser failed: {failure}\n")
    if len(result.failures) > 10:
        stderr.write(f"error: the parser failed on {len(result.failures) - 10} more files\n")
    return 1 if result.failures else 0
