"""The registry-layout set (corpus/layouts): every criterion found with its kind, ids right, at most one extra."""
from __future__ import annotations

from pathlib import Path

from extractor.evaluate.layouts import evaluate_layouts

LAYOUTS = Path(__file__).resolve().parent.parent / "corpus" / "layouts"


def test_layouts_every_criterion_found_with_its_kind():
    report = evaluate_layouts(LAYOUTS)
    totals = report.totals()
    assert (totals["files"], totals["records"], totals["records_read"], totals["failures"]) == (16, 21, 21, 0)
    assert (totals["expected"], totals["found"], totals["right_kind"], totals["wrong_ids"]) == (201, 201, 201, 0)
    assert totals["extra"] <= 1, report.problems
