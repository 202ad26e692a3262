"""Timeframes attach to the nearest preceding entity or threshold of their clause."""
from __future__ import annotations

import pytest

from extractor.attach import attach_timeframes
from extractor.thresholds import find_thresholds
from extractor.timeframes import find_timeframes
from extractor.types import Entity


def _ent(text: str, sub: str, type_: str = "procedure", nth: int = 0, **flags) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return Entity(type=type_, text=sub, span=(start, start + len(sub)), **flags)


@pytest.mark.parametrize("text, entities, expected", [
    ("Received chemotherapy within 4 weeks prior to the first dose", [("chemotherapy", "procedure")],
     [("entity", "chemotherapy")]),
    # the nearest event before the window wins; an excepted one is skipped
    ("Chemotherapy or radiotherapy (except bisphosphonates) within 4 weeks",
     [("Chemotherapy", "procedure"), ("radiotherapy", "procedure"), ("bisphosphonates", "drug", {"excepted": True})],
     [("entity", "radiotherapy")]),
    # a threshold before the window is what it qualifies
    ("HbA1c >= 7% within the last 3 months", [], [("threshold", "HbA1c >= 7%")]),
    # nothing before the window in its clause: null
    ("Stroke; within 6 months before enrollment", [("Stroke", "condition")], [None]),
    ("Within 4 weeks: major surgery", [("major surgery", "procedure")], [None]),
    # persons are not events
    ("Women within 6 months postpartum", [("Women", "person")], [None]),
    # two windows, each with its own event
    ("Surgery within 4 weeks or radiotherapy within 2 weeks",
     [("Surgery", "procedure"), ("radiotherapy", "procedure")], [("entity", "Surgery"), ("entity", "radiotherapy")]),
])
def test_attach_nearest_event(text, entities, expected):
    ents = [_ent(text, e[0], e[1], **(e[2] if len(e) > 2 else {})) for e in entities]
    tfs = attach_timeframes(text, find_timeframes(text), ents, find_thresholds(text))
    got = [None if tf.qualifies is None else (tf.qualifies.kind, tf.qualifies.text) for tf in tfs]
    assert got == expected
    for tf in tfs:
        if tf.qualifies is not None:
            s, e = tf.qualifies.span
            assert text[s:e] == tf.qualifies.text


def test_attach_spans_move_with_the_timeframe_into_the_record_text():
    import extractor

    doc = extractor.parse_text("Exclusion Criteria:\n* HbA1c >= 7% within the last 3 months\n",
                               options=extractor.Options(entities=False))
    (tf,) = doc.criteria[0].timeframes
    s, e = tf.qualifies.span
    assert doc.text[s:e] == "HbA1c >= 7%"
    assert tf.to_dict()["qualifies"] == {"kind": "threshold", "text": "HbA1c >= 7%", "span": [s, e]}
    assert extractor.validate(doc) == []
