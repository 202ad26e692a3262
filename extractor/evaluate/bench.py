"""The ``extractor bench`` command: how fast the parser reads the shared CT.gov XML zip, next to medspaCy.

It runs exactly what ``extractor parse --workers N -o OUT`` runs (read, segment, extract, assemble,
validate, write JSON Lines; :func:`extractor.batch.run_parse`) over a zip (default: the shared
``AllPublicXML-sample.zip``) and reports trials/s, criteria/s and peak memory of the main process and of
the largest worker (``ru_maxrss``). Then, in the same run, it sends the same criterion texts through
medspaCy's default pipeline (``medspacy.load()``: PyRuSH sentences, target matcher, ConText) with
``nlp.pipe`` in one process (medspaCy's ConText cannot cross processes) and prints the speed ratio
(extractor criteria/s over medspaCy criteria/s). A baseline, not a race: medspaCy finds no thresholds or
timeframes. Wall time includes starting the workers and loading the models.

``--limit N`` takes the first N records of the zip (copied to a temporary zip first).
"""
from __future__ import annotations

import argparse
import io
import json
import resource
import sys
import tempfile
import time
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Optional, TextIO

from ..errors import InputError

# The shared corpus sits beside the repository (shared/ next to the checkout).
DEFAULT_ZIP = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "ctgov-xml" / "AllPublicXML-sample.zip"


@dataclass
class BenchResult:
    """The numbers ``extractor bench`` prints."""

    zip: str
    records: int
    workers: int
    trials: int
    criteria: int
    failures: int
    seconds: float
    trials_per_s: float
    criteria_per_s: float
    peak_mb: float  # main process
    worker_peak_mb: Optional[float] = None  # the largest worker process, when workers > 1
    medspacy_seconds: Optional[float] = None
    medspacy_load_seconds: Optional[float] = None
    medspacy_criteria_per_s: Optional[float] = None
    ratio: Optional[float] = None  # extractor criteria/s over medspaCy criteria/s on the same criteria


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory in MB (``ru_maxrss`` is KB on Linux, bytes on macOS)."""
    rss = resource.getrusage(who).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def xml_members(path: Path) -> list[str]:
    """The ``.xml`` members of a zip, in archive order."""
    try:
        with zipfile.ZipFile(path) as zf:
            return [n for n in zf.namelist() if n.lower().endswith(".xml")]
    except (OSError, zipfile.BadZipFile) as exc:
        raise InputError(f"{path}: cannot open the zip: {exc}") from exc


def _subset_zip(source: Path, members: list[str], directory: str) -> Path:
    out = Path(directory) / "subset.zip"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for name in members:
            dst.writestr(name, src.read(name))
    return out


def _read_output(path: Path) -> tuple[int, list[str]]:
    """Trials written and every criterion text, from the JSON Lines the run wrote."""
    trials, texts = 0, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            trials += 1
            texts.extend(c["text"] for c in json.loads(line)["criteria"])
    return trials, texts


def run_medspacy(texts: list[str]) -> tuple[float, float]:
    """(load seconds, pipe seconds) of medspaCy's default pipeline over ``texts``."""
    try:
        from loguru import logger

        logger.disable("PyRuSH")  # PyRuSH logs every token at DEBUG level through loguru
    except ImportError:
        pass
    import medspacy

    began = time.perf_counter()
    nlp = medspacy.load()
    loaded = time.perf_counter() - began
    began = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=256):
        pass
    return loaded, time.perf_counter() - began


def bench(zip_path: Path = DEFAULT_ZIP, limit: Optional[int] = None, workers: int = 1,
          medspacy: bool = True, entities: bool = True) -> BenchResult:
    """Time ``extractor parse`` over a zip (and medspaCy over the same criteria when ``medspacy``)."""
    from ..batch import run_parse
    from ..pipeline import Options

    zip_path = Path(zip_path)
    members = xml_members(zip_path)
    if limit is not None:
        members = members[:limit]
    if not members:
        raise InputError(f"{zip_path}: no .xml records to parse")
    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp:
        source = zip_path if limit is None else _subset_zip(zip_path, members, tmp)
        out_path = Path(tmp) / "out.jsonl"
        began = time.perf_counter()
        with open(out_path, "w", encoding="utf-8") as out:
            stats = run_parse([str(source)], out, io.StringIO(), options=Options(entities=entities), workers=workers)
        seconds = time.perf_counter() - began
        trials, texts = _read_output(out_path)
    criteria = len(texts)
    result = BenchResult(
        zip=str(zip_path), records=len(members), workers=workers, trials=trials, criteria=criteria,
        failures=stats.failed, seconds=round(seconds, 3),
        trials_per_s=round(trials / seconds, 2), criteria_per_s=round(criteria / seconds, 2),
        peak_mb=round(_peak_mb(), 1),
        worker_peak_mb=round(_peak_mb(resource.RUSAGE_CHILDREN), 1) if workers > 1 else None)
    if medspacy:
        loaded, piped = run_medspacy(texts)
        result.medspacy_load_seconds = round(loaded, 3)
        result.medspacy_seconds = round(piped, 3)
        result.medspacy_criteria_per_s = round(criteria / piped, 2) if piped else None
        result.ratio = round(result.criteria_per_s / result.medspacy_criteria_per_s, 2) \
            if result.medspacy_criteria_per_s else None
    return result


def print_bench(r: BenchResult, out: TextIO) -> None:
    """The human-readable report."""
    out.write(f"bench: {r.records} records of {r.zip} with {r.workers} worker(s)\n")
    out.write(f"extractor: {r.trials} trials, {r.criteria} criteria, {r.failures} failures in {r.seconds:.2f} s "
              f"(read, parse, validate, write; model loading included)\n")
    out.write(f"trials/s: {r.trials_per_s:.2f}\ncriteria/s: {r.criteria_per_s:.2f}\npeak memory: {r.peak_mb:.1f} MB\n")
    if r.worker_peak_mb is not None:
        out.write(f"peak memory of a worker: {r.worker_peak_mb:.1f} MB\n")
    if r.medspacy_seconds is not None:
        out.write(f"medspacy: {r.criteria} criteria in {r.medspacy_seconds:.2f} s "
                  f"(load {r.medspacy_load_seconds:.2f} s), criteria/s: {r.medspacy_criteria_per_s}\n")
        out.write(f"ratio (extractor criteria/s / medspacy criteria/s): {r.ratio}\n")


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``bench`` on an argparse subparsers object."""
    p = subparsers.add_parser(
        "bench", help="time the parser over a CT.gov XML zip, next to medspaCy",
        description="Time parsing a ClinicalTrials.gov XML zip (trials/s, criteria/s, peak memory) and run "
                    "medspaCy's default pipeline over the same criteria for comparison. See docs/eval.md.")
    p.add_argument("--zip", type=Path, default=DEFAULT_ZIP, metavar="PATH",
                   help=f"zip of CT.gov XML records (default: {DEFAULT_ZIP})")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="parse only the first N records")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="parse in N processes (default: 1)")
    p.add_argument("--medspacy", action=argparse.BooleanOptionalAction, default=True,
                   help="also run medspaCy's default pipeline over the same criteria (default: on)")
    p.add_argument("--no-entities", action="store_true", help="skip the trained entity model")
    p.add_argument("--json", action="store_true", help="write the numbers as one JSON object")
    return p


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Run ``extractor bench``; 0 when done, 1 when some record failed, 2 when the zip is unusable."""
    if args.limit is not None and args.limit < 1 or args.workers < 1:
        stderr.write("error: --limit and --workers must be at least 1\n")
        return 2
    try:
        result = bench(args.zip, args.limit, args.workers, args.medspacy, not args.no_entities)
    except InputError as exc:
        stderr.write(f"error: {exc}\n")
        return 2
    if args.json:
        stdout.write(json.dumps(asdict(result)) + "\n")
    else:
        print_bench(result, stdout)
    if result.failures:
        stderr.write(f"error: {result.failures} records failed to parse; run 'extractor parse' on the zip "
                     f"to see each failure\n")
    return 1 if result.failures else 0
