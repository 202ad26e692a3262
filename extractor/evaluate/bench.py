"""The ``extractor bench`` command: how fast the parser reads the shared CT.gov XML zip, next to medspaCy.

It parses the records of a zip (default: the shared ``AllPublicXML-sample.zip``) with
:func:`extractor.parse_many`, and reports trials/s, criteria/s and peak memory (``ru_maxrss``). Then,
in the same run, it sends the same criterion texts through medspaCy's default pipeline
(``medspacy.load()``: PyRuSH sentences, target matcher, ConText) with ``nlp.pipe`` and prints the
ratio of the two times. A baseline, not a race: medspaCy finds no thresholds or timeframes.

``--limit N`` takes the first N records of the zip; ``--workers N`` splits them into N chunks parsed by
N processes (each loads its own models; the wall time includes that). Both write the chosen members to
temporary zips, so the parser always reads a zip exactly as ``extractor parse`` would.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Optional, TextIO

from ..errors import InputError

DEFAULT_ZIP = Path("/work/shared/corpus/ctgov-xml/AllPublicXML-sample.zip")


@dataclass
class ChunkResult:
    """What one parsing process did."""

    trials: int = 0
    criteria: int = 0
    failures: int = 0
    texts: list[str] = field(default_factory=list)
    seconds: float = 0.0
    load_seconds: float = 0.0
    peak_mb: float = 0.0


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
    load_seconds: float
    trials_per_s: float
    criteria_per_s: float
    peak_mb: float
    medspacy_seconds: Optional[float] = None
    medspacy_load_seconds: Optional[float] = None
    medspacy_criteria_per_s: Optional[float] = None
    ratio: Optional[float] = None  # extractor time / medspaCy time on the same criteria


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


def _subset_zip(source: Path, members: list[str], directory: str, n: int) -> Path:
    out = Path(directory) / f"chunk{n}.zip"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for name in members:
            dst.writestr(name, src.read(name))
    return out


def parse_chunk(path: str, entities: bool, keep_texts: bool) -> ChunkResult:
    """Parse every record of the zip at ``path``; counts, criterion texts, time and peak memory."""
    import extractor
    from ..pipeline import Options

    out = ChunkResult()
    began = time.perf_counter()
    if entities:
        extractor.load()
    out.load_seconds = time.perf_counter() - began
    began = time.perf_counter()
    for result in extractor.parse_many([path], options=Options(entities=entities)):
        if isinstance(result, extractor.TrialCriteria):
            out.trials += 1
            out.criteria += len(result.criteria)
            if keep_texts:
                out.texts.extend(c.text for c in result.criteria)
        else:
            out.failures += 1
    out.seconds = time.perf_counter() - began
    out.peak_mb = _peak_mb()
    return out


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
    """Time the parser over a zip (and medspaCy over the same criteria when ``medspacy``)."""
    zip_path = Path(zip_path)
    members = xml_members(zip_path)
    if limit is not None:
        members = members[:limit]
    if not members:
        raise InputError(f"{zip_path}: no .xml records to parse")
    workers = max(1, min(workers, len(members)))
    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp:
        if workers == 1 and limit is None:
            paths = [str(zip_path)]
        else:
            size = -(-len(members) // workers)
            paths = [str(_subset_zip(zip_path, members[i:i + size], tmp, n))
                     for n, i in enumerate(range(0, len(members), size))]
        began = time.perf_counter()
        if workers == 1:
            chunks = [parse_chunk(paths[0], entities, medspacy)]
        else:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                chunks = list(pool.map(parse_chunk, paths, [entities] * len(paths), [medspacy] * len(paths)))
        wall = time.perf_counter() - began
    seconds = chunks[0].seconds if workers == 1 else wall
    trials = sum(c.trials for c in chunks)
    criteria = sum(c.criteria for c in chunks)
    peak = max(_peak_mb(), _peak_mb(resource.RUSAGE_CHILDREN), *(c.peak_mb for c in chunks))
    result = BenchResult(
        zip=str(zip_path), records=len(members), workers=workers, trials=trials, criteria=criteria,
        failures=sum(c.failures for c in chunks), seconds=round(seconds, 3),
        load_seconds=round(max(c.load_seconds for c in chunks), 3),
        trials_per_s=round(trials / seconds, 2) if seconds else 0.0,
        criteria_per_s=round(criteria / seconds, 2) if seconds else 0.0, peak_mb=round(peak, 1))
    if medspacy:
        texts = [t for c in chunks for t in c.texts]
        loaded, piped = run_medspacy(texts)
        result.medspacy_load_seconds = round(loaded, 3)
        result.medspacy_seconds = round(piped, 3)
        result.medspacy_criteria_per_s = round(len(texts) / piped, 2) if piped else None
        result.ratio = round(seconds / piped, 2) if piped else None
    return result


def print_bench(r: BenchResult, out: TextIO) -> None:
    """The human-readable report."""
    out.write(f"bench: {r.records} records of {r.zip} with {r.workers} worker(s)\n")
    out.write(f"extractor: {r.trials} trials, {r.criteria} criteria, {r.failures} failures in {r.seconds:.2f} s "
              f"(model load {r.load_seconds:.2f} s, not included with 1 worker)\n")
    out.write(f"trials/s: {r.trials_per_s:.2f}\ncriteria/s: {r.criteria_per_s:.2f}\npeak memory: {r.peak_mb:.1f} MB\n")
    if r.medspacy_seconds is not None:
        out.write(f"medspacy: {r.criteria} criteria in {r.medspacy_seconds:.2f} s "
                  f"(load {r.medspacy_load_seconds:.2f} s), criteria/s: {r.medspacy_criteria_per_s}\n")
        out.write(f"ratio (extractor time / medspacy time): {r.ratio}\n")


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
