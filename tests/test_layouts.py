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


def test_layouts2_pinned():
    """The second blind set (corpus/layouts2): today's figures, so a change that loses ground shows."""
    totals = evaluate_layouts(LAYOUTS.parent / "layouts2").totals()
    assert (totals["expected"], totals["failures"]) == (185, 0)
    assert totals["found"] >= 184 and totals["right_kind"] >= 181 and totals["wrong_ids"] == 0
    assert totals["extra"] <= 9


def test_layouts3_pinned():
    """The third blind set (corpus/layouts3): today's figures, so a change that loses ground shows."""
    totals = evaluate_layouts(LAYOUTS.parent / "layouts3").totals()
    assert (totals["files"], totals["records"], totals["records_read"], totals["failures"]) == (17, 22, 22, 0)
    assert (totals["expected"], totals["wrong_ids"]) == (224, 0)
    assert totals["found"] >= 222 and totals["right_kind"] >= 222
    assert totals["extra"] <= 24


def test_layouts4_pinned():
    """The fourth blind set (corpus/layouts4): today's figures; its two failures are its broken files."""
    report = evaluate_layouts(LAYOUTS.parent / "layouts4")
    totals = report.totals()
    assert (totals["files"], totals["records"], totals["records_read"], totals["failures"]) == (16, 21, 21, 2)
    assert (totals["expected"], totals["wrong_ids"]) == (217, 0)
    assert totals["found"] >= 207 and totals["right_kind"] >= 206
    assert totals["extra"] <= 40


def test_layouts5_medpath_pages_all_read():
    """The blind MedPath set (corpus/layouts5): every criterion with its kind, no extra, ids right."""
    totals = evaluate_layouts(LAYOUTS.parent / "layouts5").totals()
    assert (totals["files"], totals["records"], totals["records_read"], totals["failures"]) == (12, 12, 12, 0)
    assert (totals["expected"], totals["found"], totals["right_kind"], totals["extra"], totals["wrong_ids"]) == \
        (169, 169, 169, 0, 0)
