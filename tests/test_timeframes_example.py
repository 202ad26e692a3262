"""The model record NCT05460481 (MedPath): every time window of its criteria, in the right criterion."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.timeframes import find_timeframes

RECORD = Path(__file__).resolve().parents[1] / "corpus" / "medpath" / "NCT05460481.txt"
BULLET = "  • "

# (words that pick the criterion, expected window as (text, value, unit, min_days, max_days, direction, anchor))
EXPECTED = [
    ("woman patients of childbearing age",
     ("within another 8 weeks after it", 8, "week", None, 56, "after", "the study")),
    ("woman patients of childbearing age",
     ("during the research", None, None, None, None, "during", "the study")),
    ("woman patients of childbearing age",
     ("within 7 days before the research", 7, "day", None, 7, "before", "the study")),
    ("brain or central nervous system metastases",
     ("28 days before the random treatment", 28, "day", 28, 28, "before", "randomization")),
    ("participating in other clinical studies",
     ("less than 4 weeks from the end of the previous clinical study", 4, "week", None, 28, None,
      "end of previous study")),
    ("experimental anticancer therapy",
     ("within 4 weeks prior to the first dose of this study", 4, "week", None, 28, "before", "first dose")),
    ("experimental anticancer therapy",
     ("more than 4 weeks from the start of this study", 4, "week", 28, None, None, "study start")),
    ("experimental anticancer therapy",
     ("more than 2 weeks", 2, "week", 14, None, None, None)),
    ("Other kinds of malignancies", ("within 5 years", 5, "year", None, 1825, None, None)),
    ("hemoptysis", ("within 3 months before enrollment", 3, "month", None, 90, "before", "enrollment")),
    ("hemoptysis", ("in the 4 weeks prior to grouping", 4, "week", None, 28, "before", "enrollment")),
    ("Interstitial lung disease", ("within 28 days", 28, "day", None, 28, None, None)),
    ("venous thromboembolism", ("within 6 months before enrollment", 6, "month", None, 180, "before", "enrollment")),
    ("live or attenuated vaccine",
     ("within 30 days prior to the initial administration of Penpulimab", 30, "day", None, 30, "before",
      "first dose")),
    ("live or attenuated vaccine", ("during the study", None, None, None, None, "during", "the study")),
]

# Criteria whose numbers are not windows (survival threshold, cycles, a rate, a version).
NO_WINDOW = ["Expected Survival Time", "at least 2 consecutive treatment cycles", "g during 24 hours", "CTC AE (4.0)"]


@pytest.fixture(scope="module")
def criteria() -> list[str]:
    with open(RECORD, encoding="utf-8", newline="") as fh:
        text = fh.read()
    items = [line[len(BULLET):] for line in text.splitlines() if line.startswith(BULLET)]
    assert len(items) == 33  # 7 inclusion + 26 exclusion bullets
    return items


def _one(criteria: list[str], words: str) -> str:
    hits = [c for c in criteria if words in c]
    assert len(hits) == 1, f"{words!r} picks {len(hits)} criteria"
    return hits[0]


@pytest.mark.parametrize("words, window", EXPECTED, ids=[f"{w}: {e[0]}" for w, e in EXPECTED])
def test_example_window_in_its_criterion(criteria, words, window):
    criterion = _one(criteria, words)
    found = find_timeframes(criterion)
    rows = [(tf.text, tf.value, tf.unit, tf.min_days, tf.max_days, tf.direction, tf.anchor) for tf in found]
    assert window in rows
    tf = found[rows.index(window)]
    assert criterion[tf.span[0]:tf.span[1]] == tf.text


@pytest.mark.parametrize("words", NO_WINDOW)
def test_example_criterion_without_window(criteria, words):
    assert find_timeframes(_one(criteria, words)) == []


def test_example_window_count(criteria):
    """Every window of the record, and nothing else: the 15 above plus the second 'during the research'
    and the second 'within another 8 weeks after it' of the contraception criterion."""
    assert sum(len(find_timeframes(c)) for c in criteria) == len(EXPECTED) + 2
