"""``extractor eval --corpus layouts DIR``: records in registry layouts, scored on the criteria found.

``DIR/expected.json`` maps each file of DIR to its records in file order, each ``{"id", "criteria": [{"kind",
"text"}]}`` (corpus/layouts/README.md). Every file is parsed as ``extractor parse`` would (no entities); an
expected criterion is *found* when a predicted criterion of the same record, not yet matched, reads the same
after whitespace and case are normalized (rapidfuzz ``ratio`` ≥ 85, so a trailing full stop or a
wrapped line does not count as a miss); it is *right* when the kind matches too. Predicted criteria left over
are *extra* (page text read as criteria), and a record whose trial id differs is listed.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from rapidfuzz import fuzz

from ..errors import InputError

MIN_RATIO = 85.0


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


@dataclass
class LayoutReport:
    files: int = 0
    records: int = 0
    records_read: int = 0
    failures: int = 0
    expected: int = 0
    found: int = 0
    right_kind: int = 0
    predicted: int = 0
    wrong_ids: int = 0
    problems: list[str] = field(default_factory=list)

    def totals(self) -> dict:
        found = self.found / self.expected if self.expected else 0.0
        return {"files": self.files, "records": self.records, "records_read": self.records_read,
                "failures": self.failures, "expected": self.expected, "found": self.found,
                "right_kind": self.right_kind, "predicted": self.predicted,
                "extra": self.predicted - self.found, "wrong_ids": self.wrong_ids,
                "recall": round(found, 4), "kind_accuracy": round(self.right_kind / self.expected, 4) if self.expected else 0.0,
                "precision": round(self.found / self.predicted, 4) if self.predicted else 0.0}


def evaluate_layouts(directory: Path, parse: Optional[Callable] = None) -> LayoutReport:
    """Parse every file named in ``directory/expected.json`` and score its records."""
    if parse is None:
        from .. import Options, parse_many

        def parse(path: str) -> list:
            return list(parse_many([path], options=Options(entities=False)))
    try:
        expected = json.loads((directory / "expected.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{directory / 'expected.json'}: cannot read the expected results: {exc}") from None
    from ..types import Failure

    report = LayoutReport()
    for name, records in expected.items():
        report.files += 1
        results = parse(str(directory / name))
        docs = [r for r in results if not isinstance(r, Failure)]
        report.failures += len(results) - len(docs)
        report.records += len(records)
        report.records_read += min(len(records), len(docs))
        for i, rec in enumerate(records):
            doc = docs[i] if i < len(docs) else None
            pred = [(c.kind, _norm(c.text)) for c in doc.criteria] if doc is not None else []
            report.predicted += len(pred)
            used: set[int] = set()
            for gold in rec["criteria"]:
                report.expected += 1
                text = _norm(gold["text"])
                scores = [(fuzz.ratio(text, t), j) for j, (_, t) in enumerate(pred) if j not in used]
                best, j = max(scores, default=(0.0, -1))
                if best < MIN_RATIO:
                    report.problems.append(f"{name}#{i + 1}: missed {gold['kind']} {gold['text'][:80]!r}")
                    continue
                used.add(j)
                report.found += 1
                if pred[j][0] == gold["kind"]:
                    report.right_kind += 1
                else:
                    report.problems.append(f"{name}#{i + 1}: {gold['kind']} read as {pred[j][0]}: {gold['text'][:60]!r}")
            report.problems += [f"{name}#{i + 1}: extra {k} {t[:80]!r}" for j, (k, t) in enumerate(pred) if j not in used]
            if doc is not None and rec.get("id") and doc.trial.id != rec["id"]:
                report.wrong_ids += 1
                report.problems.append(f"{name}#{i + 1}: id {doc.trial.id!r}, expected {rec['id']!r}")
    return report
