"""Windows whose bound or direction hangs on words around the duration: a duration written as an adjective
(``>= 7-day course``), ``until at least … after``, ``… have passed since``, an anchor opened by ``prior``,
and an age restated in parentheses (not a window). Rows: (text, value, unit, min, max, direction, anchor)."""
from __future__ import annotations

import pytest

from extractor.timeframes import find_timeframes


def _rows(text: str) -> list[tuple]:
    return [(t.text, t.value, t.unit, t.min_days, t.max_days, t.direction, t.anchor) for t in find_timeframes(text)]


@pytest.mark.parametrize("text, expected", [
    ("failed a >= 14-day course of oseltamivir",
     [(">= 14-day", 14, "day", 14, None, None, None)]),
    ("no response to at least 5-day course of antibiotics",
     [("at least 5-day", 5, "day", 5, None, None, None)]),
    ("must use contraception until at least 90 days after the last dose of study drug",
     [("until at least 90 days after the last dose of study drug", 90, "day", 90, None, "after", "last dose")]),
    ("≥ 28 days have elapsed since the last dose",
     [("≥ 28 days have elapsed since the last dose", 28, "day", 28, None, "after", "last dose")]),
    ("at least 3 weeks must have passed since surgery",
     [("at least 3 weeks must have passed since surgery", 3, "week", 21, None, "after", "surgery")]),
    ("At least 2 weeks since prior chemotherapy and recovered",
     [("At least 2 weeks since prior chemotherapy", 2, "week", 14, None, "after", "prior chemotherapy")]),
    ("More than 4 weeks since previous immunotherapy",
     [("More than 4 weeks since previous immunotherapy", 4, "week", 28, None, "after", "previous immunotherapy")]),
    # "at least the last N": the window reaches back at least N
    ("in a methadone program for at least the last 6 months",
     [("for at least the last 6 months", 6, "month", 180, None, "before", None)]),
    ("on a stable dose for more than the past 2 years",
     [("for more than the past 2 years", 2, "year", 730, None, "before", None)]),
    # "from X to N after Y": N is the far end of the window
    ("barrier contraception from screening to 3 months after the last dose",
     [("from screening to 3 months after the last dose", 3, "month", None, 90, "after", "last dose")]),
    ("from signing the consent form until 6 months after the last dose",
     [("from signing the consent form until 6 months after the last dose", 6, "month", None, 180, "after", "last dose")]),
])
def test_bounds_and_directions(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize("text, expected", [
    # unchanged neighbours of the new rules
    ("until 60 days after the last dose", [("until 60 days after the last dose", 60, "day", None, 60, "after", "last dose")]),
    ("within 2 weeks prior to the first dose",
     [("within 2 weeks prior to the first dose", 2, "week", None, 14, "before", "first dose")]),
    ("within the last 6 months", [("within the last 6 months", 6, "month", None, 180, "before", None)]),
    ("Age from birth to 21 years", []),  # an age, not a window
])
def test_neighbouring_rules_unchanged(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize("text", [
    "completed a 5-day course of steroids",       # a course with no bound is a treatment, not a window
    "after a 10-day course of antibiotics",
    "72 hours have elapsed",                      # no direction: stays a bare duration (checked below)
])
def test_course_and_elapsed_without_bound(text):
    rows = _rows(text)
    if "elapsed" in text:
        assert rows == [("72 hours", 72, "hour", 3, 3, None, None)]
    else:
        assert rows == []


@pytest.mark.parametrize("text", [
    "infants 8-12 weeks (56 to 84 days) of age at enrolment",
    "babies 6 weeks (42 days) old",
    "less than 72 hours old",
    "up to 3 weeks postnatal age",
])
def test_age_is_not_a_window(text):
    assert find_timeframes(text) == []
