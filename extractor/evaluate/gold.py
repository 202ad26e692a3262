"""Our own gold set (corpus/gold/*.json): loading, checking and scoring hand-annotated criteria.

Each gold file is validated against ``schemas/rules/gold.schema.json`` and then checked for what a
schema cannot say: case ids unique across files, every threshold/timeframe ``text`` occurs in the case
text, ``min_days <= max_days`` and ``low <= high``. Any problem raises
:class:`~extractor.errors.RuleFileError` naming the file and the JSON path: a broken gold case is never
skipped.

Scoring (docs/eval.md): each case's text is parsed as one criterion of its kind. A gold threshold is
matched by a predicted threshold with the same comparator, value (or low and high), unit and reference;
a gold timeframe by a predicted timeframe with the same min_days, max_days and direction (the anchor is
reported separately). Matching is one-to-one, in gold order. A case passes when every gold item is
matched and no predicted threshold or timeframe is left over (predicted timeframes without min_days and
max_days are not scored: the gold set holds numeric windows only).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Optional

from ..errors import InputError, RuleFileError
from ..types import Threshold, Timeframe, TrialCriteria

SCHEMA_NAME = "rules/gold.schema.json"


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    from ..resources import load_json

    schema = load_json("extractor.schemas", SCHEMA_NAME)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@dataclass(frozen=True)
class GoldCase:
    """One hand-annotated criterion; ``thresholds`` / ``timeframes`` are the dicts of the gold file."""

    id: str
    source: str
    kind: str
    text: str
    thresholds: tuple[dict, ...]
    timeframes: tuple[dict, ...]
    known_failure: Optional[str]
    file: str


def _json_path(error) -> str:
    return getattr(error, "json_path", "$")


def _check_case(case: dict, where: str) -> None:
    text = case["text"]
    for facet in ("thresholds", "timeframes"):
        for i, item in enumerate(case[facet]):
            at = f"{where}.{facet}[{i}]"
            if item["text"] not in text:
                raise RuleFileError(f"{at}.text: {item['text']!r} does not occur in the case text")
            if facet == "thresholds" and item["comparator"] == "between" and item["low"] > item["high"]:
                raise RuleFileError(f"{at}: low {item['low']} is greater than high {item['high']}")
            if facet == "timeframes":
                lo, hi = item["min_days"], item["max_days"]
                if lo is not None and hi is not None and lo > hi:
                    raise RuleFileError(f"{at}: min_days {lo} is greater than max_days {hi}")


def load_file(path: Path) -> list[GoldCase]:
    """The cases of one gold file; RuleFileError on invalid JSON, a schema error or a failed check."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise RuleFileError(f"{path}: cannot read gold file: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise RuleFileError(f"{path}: invalid JSON at line {exc.lineno}: {exc.msg}") from exc
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        raise RuleFileError(f"{path}: {_json_path(first)}: {first.message} "
                            f"({len(errors)} schema error{'s' if len(errors) > 1 else ''})")
    cases = []
    for i, case in enumerate(data["cases"]):
        _check_case(case, f"{path}: $.cases[{i}]")
        cases.append(GoldCase(case["id"], case["source"], case["kind"], case["text"],
                              tuple(case["thresholds"]), tuple(case["timeframes"]), case["known_failure"],
                              str(path)))
    return cases


def load_gold(path: Path | str) -> list[GoldCase]:
    """All cases of a gold file, or of every ``*.json`` file in a directory (sorted by name)."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            raise InputError(f"{path}: no gold files (*.json) in this directory")
    elif path.is_file():
        files = [path]
    else:
        raise InputError(f"{path}: no such gold file or directory")
    cases: list[GoldCase] = []
    seen: dict[str, str] = {}
    for f in files:
        for case in load_file(f):
            if case.id in seen:
                raise RuleFileError(f"{f}: case id {case.id!r} is already used in {seen[case.id]}")
            seen[case.id] = str(f)
            cases.append(case)
    return cases


# --------------------------------------------------------------------------- scoring


def text_parser(entities: bool = True) -> Callable[..., TrialCriteria]:
    """``extractor.parse_text`` with the entity model on or off (thresholds and timeframes always on).

    The gold set scores thresholds and timeframes only, so it runs without the entity model.
    """
    import functools

    import extractor
    from ..pipeline import Options

    return functools.partial(extractor.parse_text, options=Options(entities=entities))


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return a == b


def threshold_matches(gold: dict, pred: Threshold) -> bool:
    """Comparator, value (or low and high), unit and reference all equal."""
    return (gold["comparator"] == pred.comparator and _same(gold["value"], pred.value)
            and _same(gold["low"], pred.low) and _same(gold["high"], pred.high)
            and gold["unit"] == pred.unit and gold["reference"] == pred.reference)


def timeframe_matches(gold: dict, pred: Timeframe) -> bool:
    """min_days, max_days and direction equal (the anchor is scored separately)."""
    return (_same(gold["min_days"], pred.min_days) and _same(gold["max_days"], pred.max_days)
            and gold["direction"] == pred.direction)


def _pair_up(gold: tuple[dict, ...], pred: list, same: Callable[[dict, Any], bool]) -> tuple[list, list, list]:
    """One-to-one matching in gold order: (matched (gold, pred) pairs, missed gold, unmatched pred)."""
    free = list(range(len(pred)))
    matched, missed = [], []
    for g in gold:
        hit = next((i for i in free if same(g, pred[i])), None)
        if hit is None:
            missed.append(g)
        else:
            free.remove(hit)
            matched.append((g, pred[hit]))
    return matched, missed, [pred[i] for i in free]


@dataclass
class CaseResult:
    """How one gold case fared."""

    case: GoldCase
    matched_thresholds: list = field(default_factory=list)
    missed_thresholds: list = field(default_factory=list)
    extra_thresholds: list = field(default_factory=list)
    matched_timeframes: list = field(default_factory=list)
    missed_timeframes: list = field(default_factory=list)
    extra_timeframes: list = field(default_factory=list)
    error: Optional[str] = None

    @property
    def passed(self) -> bool:
        return self.error is None and not (self.missed_thresholds or self.extra_thresholds
                                           or self.missed_timeframes or self.extra_timeframes)

    @property
    def anchors_right(self) -> int:
        return sum(1 for g, p in self.matched_timeframes if (g["anchor"] or None) == (p.anchor or None))

    def explain(self) -> str:
        """A few lines saying what was missed and what was predicted instead."""
        lines = []
        if self.error:
            lines.append(f"  parser error: {self.error}")
        for g in self.missed_thresholds:
            lines.append(f"  missed threshold    \"{g['text']}\": {_show_threshold(g)}")
        for p in self.extra_thresholds:
            lines.append(f"  predicted threshold \"{p.text}\": {_show_threshold(p.to_dict())}")
        for g in self.missed_timeframes:
            lines.append(f"  missed timeframe    \"{g['text']}\": {_show_timeframe(g)}")
        for p in self.extra_timeframes:
            lines.append(f"  predicted timeframe \"{p.text}\": {_show_timeframe(p.to_dict())}")
        return "\n".join(lines)


def _show_threshold(t: dict) -> str:
    value = f"{t['low']}..{t['high']}" if t["comparator"] == "between" else t["value"]
    ref = f" x {t['reference']}" if t["reference"] else ""
    return f"{t['comparator']} {value}{ref} unit={t['unit']}"


def _show_timeframe(t: dict) -> str:
    return f"days {t['min_days']}..{t['max_days']} direction={t['direction']} anchor={t['anchor']}"


def score_case(case: GoldCase, parse: Optional[Callable[..., TrialCriteria]] = None) -> CaseResult:
    """Parse the case text as one criterion of its kind and compare with the gold items."""
    parse = parse or text_parser(entities=False)
    result = CaseResult(case)
    try:
        doc = parse(case.text, format="text", kind=case.kind, source=f"{case.file}#{case.id}")
    except Exception as exc:  # noqa: BLE001 - reported per case, the run goes on
        result.error = f"{type(exc).__name__}: {exc}"
        result.missed_thresholds, result.missed_timeframes = list(case.thresholds), list(case.timeframes)
        return result
    thresholds = [t for c in doc.criteria for t in c.thresholds]
    # The gold set annotates numeric windows only: a predicted timeframe without bounds ("during the
    # study", "at screening") is neither right nor wrong here.
    timeframes = [t for c in doc.criteria for t in c.timeframes
                  if t.min_days is not None or t.max_days is not None]
    (result.matched_thresholds, result.missed_thresholds,
     result.extra_thresholds) = _pair_up(case.thresholds, thresholds, threshold_matches)
    (result.matched_timeframes, result.missed_timeframes,
     result.extra_timeframes) = _pair_up(case.timeframes, timeframes, timeframe_matches)
    return result


@dataclass
class GoldReport:
    """Totals over the gold set."""

    results: list[CaseResult]

    def totals(self) -> dict:
        r = self.results
        n_th = sum(len(x.case.thresholds) for x in r)
        n_tf = sum(len(x.case.timeframes) for x in r)
        ok_th = sum(len(x.matched_thresholds) for x in r)
        ok_tf = sum(len(x.matched_timeframes) for x in r)
        return {
            "cases": len(r), "cases_passed": sum(x.passed for x in r),
            "known_failures": sum(x.case.known_failure is not None for x in r),
            "regressions": [x.case.id for x in r if not x.passed and x.case.known_failure is None],
            "fixed": [x.case.id for x in r if x.passed and x.case.known_failure is not None],
            "thresholds": n_th, "thresholds_correct": ok_th,
            "threshold_accuracy": round(ok_th / n_th, 4) if n_th else None,
            "extra_thresholds": sum(len(x.extra_thresholds) for x in r),
            "timeframes": n_tf, "timeframes_correct": ok_tf,
            "timeframe_accuracy": round(ok_tf / n_tf, 4) if n_tf else None,
            "extra_timeframes": sum(len(x.extra_timeframes) for x in r),
            "anchors_correct": sum(x.anchors_right for x in r),
        }


def evaluate_gold(path: Path | str, parse: Optional[Callable[..., TrialCriteria]] = None) -> GoldReport:
    """Load the gold set at ``path`` and score every case."""
    return GoldReport([score_case(c, parse) for c in load_gold(path)])
