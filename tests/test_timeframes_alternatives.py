"""find_timeframes: 'the longer of N days or M half-lives', long free-text anchors, cycle 1 day 1."""
from __future__ import annotations

import pytest

from extractor.timeframes import find_timeframes


def _rows(text: str) -> list[tuple]:
    return [(tf.text, tf.value, tf.unit, tf.min_days, tf.max_days, tf.direction, tf.anchor) for tf in find_timeframes(text)]


@pytest.mark.parametrize("text, expected", [
    ("No study drug within the longer of 30 days or 10 half-lives of the agent",
     [("within the longer of 30 days", 30, "day", None, 30, None, None)]),
    ("at least the longer of 4 weeks or 5 half-lives before the first dose",
     [("at least the longer of 4 weeks", 4, "week", 28, None, "before", "first dose")]),
    ("within the greater of 28 days or 5 half-lives prior to enrollment",
     [("within the greater of 28 days", 28, "day", None, 28, "before", "enrollment")]),
    # the half-lives alternative is looked across for the direction; the span stops before it
    ("any investigational drug within 30 days or 5 half-lives, whichever is longer, prior to screening",
     [("within 30 days", 30, "day", None, 30, "before", "screening")]),
    ("At least 30 days or 5 half-lives since any prior investigational therapy",
     [("At least 30 days", 30, "day", 30, None, "after", "prior investigational therapy")]),  # "prior" opens the anchor
    # 'whichever is shorter' (or 'whatever'), modified half-lives, comparators inside the alternative
    ("Investigational agent within 4 weeks or 5 half-lives, whichever is shorter, prior to the first dose",
     [("within 4 weeks", 4, "week", None, 28, "before", "first dose")]),
    ("agents within 4 weeks or 5 drug-elimination half-lives (whichever is longer) prior to enrollment",
     [("within 4 weeks", 4, "week", None, 28, "before", "enrollment")]),
    ("any product within 30 days, or within 5 times half-life of the investigational product, whatever is shorter, "
     "prior to randomization", [("within 30 days", 30, "day", None, 30, "before", "randomization")]),
    ("therapy less than 4 weeks or less than 5 half-lives (whichever is shorter) from the first dose",
     [("less than 4 weeks", 4, "week", None, 28, None, "first dose")]),
    # the alternative before the duration: the prefix before it still bounds the window
    ("Investigational agent within 5 half-lives or 28 days prior to first dose",
     [("within 5 half-lives or 28 days prior to first dose", 28, "day", None, 28, "before", "first dose")]),
    ("At least 5 half-lives or 4 weeks since last dose of prior therapy",
     [("At least 5 half-lives or 4 weeks since last dose of prior therapy", 4, "week", 28, None, "after",
       "last dose")]),
    ("Received 5 half-lives or 2 weeks of therapy", [("2 weeks", 2, "week", 14, 14, None, None)]),
])
def test_longer_of_keeps_the_bound(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("amenorrheic for at least 12 months following cessation of all exogenous hormonal treatments.",
     [("for at least 12 months following cessation of all exogenous hormonal treatments", 12, "month", 360, None,
       "after", "cessation of all exogenous hormonal treatments")]),
    # the end of the anchor is the end of its last word, not an earlier match of that word
    ("at least 2 weeks after removal of brachytherapy catheters; no therapy",
     [("at least 2 weeks after removal of brachytherapy catheters", 2, "week", 14, None, "after",
       "removal of brachytherapy catheters")]),
    # a capitalised word after a content word starts a new sentence whose full stop was lost
    ("At least 4 weeks since radiotherapy Surgery: recovered",
     [("At least 4 weeks since radiotherapy", 4, "week", 28, None, "after", "radiotherapy")]),
    ("within 2 weeks prior to obtaining the screening plasma HIV RNA",
     [("within 2 weeks prior to obtaining the screening plasma HIV RNA", 2, "week", None, 14, "before",
       "obtaining the screening plasma hiv rna")]),
])
def test_free_text_anchor_is_not_cut_short(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize("text, anchor", [
    ("Investigational therapy within 2 weeks of Cycle 1 Day 1", "cycle 1 day 1"),
    ("within 14 days prior to C1D1", "cycle 1 day 1"),
    ("within 28 days prior to Cycle 1, Day 1", "cycle 1 day 1"),
    ("within 7 days before Day 1", "day 1"),
])
def test_cycle_one_day_one_keeps_the_cycle(text, anchor):
    (tf,) = find_timeframes(text)
    assert tf.anchor == anchor
    assert text[tf.span[0]:tf.span[1]] == tf.text


def test_weeks_and_days_in_a_window():
    (tf,) = find_timeframes("within 1 1/2 years before enrollment")
    assert (tf.value, tf.max_days, tf.direction, tf.anchor) == (1.5, 547.5, "before", "enrollment")


@pytest.mark.parametrize("text, expected", [
    # "or less than" / "or more than" start a second bound; they are not the suffix "or less" / "or more";
    # the two bounds joined by "and" are one window (session 5)
    ("More than 12 hrs and less than 72 hrs after birth",
     [("More than 12 hrs and less than 72 hrs after birth", None, "hour", 0.5, 3, "after", "delivery")]),
    ("within 3 months or less before randomization",
     [("within 3 months or less before randomization", 3, "month", None, 90, "before", "randomization")]),
])
def test_or_less_than_is_not_a_suffix(text, expected):
    assert _rows(text) == expected
