"""Ages that only their context marks as ages: an age at an event (``under 10 years at diagnosis``) and an
``older/younger than`` after a person or a copula. Durations written the same way stay durations."""
from __future__ import annotations

import pytest

from extractor.thresholds import find_thresholds
from extractor.timeframes import find_timeframes


def _ages(text: str) -> list[tuple]:
    return [(t.text, t.comparator, t.value, t.unit, t.measurement.name) for t in find_thresholds(text)]


@pytest.mark.parametrize("text, expected", [
    ("All stages, under 10 years at diagnosis, excluding resected ependymoma",
     [("under 10 years at diagnosis", "<", 10, "a", "age")]),
    ("younger than 18 years at the time of enrollment",
     [("younger than 18 years at the time of enrollment", "<", 18, "a", "age")]),
    ("Children older than 2 years", [("older than 2 years", ">", 2, "a", "age")]),
    ("Children over 10 years at diagnosis", [("over 10 years at diagnosis", ">", 10, "a", "age")]),
    ("the child is older than 6 months", [("older than 6 months", ">", 6, "mo", "age")]),
])
def test_ages_marked_by_their_context(text, expected):
    assert _ages(text) == expected
    assert find_timeframes(text) == []


@pytest.mark.parametrize("text, window", [
    ("HIV infection for more than 2 years at enrollment", ("for more than 2 years", 730, None)),
    ("Invasively mechanically ventilated >72 hours at the time of screening", (">72 hours", 3, None)),
    ("Ulcers older than 1 year.", None),
    ("major surgery no older than 30 days", None),
])
def test_durations_written_alike_are_not_ages(text, window):
    assert _ages(text) == []
    if window is not None:  # "older than" after a thing is left alone altogether
        assert [(t.text, t.min_days, t.max_days) for t in find_timeframes(text)] == [window]
