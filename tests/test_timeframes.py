"""find_timeframes: one row per phrase, asserting every field of every window found."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extractor import temporal_lexicon
from extractor.errors import RuleFileError
from extractor.timeframes import find_timeframes
from extractor.types import Timeframe

# (criterion text, [(text, value, unit, min_days, max_days, direction, anchor), ...])
WINDOWS = [
    ("within 4 weeks prior to the first dose",
     [("within 4 weeks prior to the first dose", 4, "week", None, 28, "before", "first dose")]),
    ("within 28 days before randomization",
     [("within 28 days before randomization", 28, "day", None, 28, "before", "randomization")]),
    # "study randomization" is randomization, not "the study" followed by a word
    ("in the 2 weeks before study randomization",
     [("in the 2 weeks before study randomization", 2, "week", None, 14, "before", "randomization")]),
    ("in the past 6 months", [("in the past 6 months", 6, "month", None, 180, "before", None)]),
    ("in the last year", [("in the last year", 1, "year", None, 365, "before", None)]),
    ("during the previous 3 months", [("during the previous 3 months", 3, "month", None, 90, "before", None)]),
    ("< 4 weeks from the end of the previous study",
     [("< 4 weeks from the end of the previous study", 4, "week", None, 28, None, "end of previous study")]),
    ("less than 4 weeks", [("less than 4 weeks", 4, "week", None, 28, None, None)]),
    ("at least 14 days since", [("at least 14 days since", 14, "day", 14, None, "after", None)]),
    ("more than 4 weeks (brain radiotherapy more than 2 weeks)",
     [("more than 4 weeks", 4, "week", 28, None, None, None),
      ("more than 2 weeks", 2, "week", 14, None, None, None)]),
    ("within 5 years", [("within 5 years", 5, "year", None, 1825, None, None)]),
    ("for at least 2 years", [("for at least 2 years", 2, "year", 730, None, None, None)]),
    ("6 months or longer", [("6 months or longer", 6, "month", 180, None, None, None)]),
    ("between 3 and 6 months after", [("between 3 and 6 months after", None, "month", 90, 180, "after", None)]),
    ("72 hours", [("72 hours", 72, "hour", 3, 3, None, None)]),
    ("12 hours", [("12 hours", 12, "hour", 0.5, 0.5, None, None)]),
    ("1 week", [("1 week", 1, "week", 7, 7, None, None)]),
    ("six months", [("six months", 6, "month", 180, 180, None, None)]),
    ("two weeks", [("two weeks", 2, "week", 14, 14, None, None)]),
    ("a year", [("a year", 1, "year", 365, 365, None, None)]),
    ("one year", [("one year", 1, "year", 365, 365, None, None)]),
    ("within 48 h", [("within 48 h", 48, "hour", None, 2, None, None)]),
    ("4weeks", [("4weeks", 4, "week", 28, 28, None, None)]),
    ("3 mo", [("3 mo", 3, "month", 90, 90, None, None)]),
    ("12 wks", [("12 wks", 12, "week", 84, 84, None, None)]),
    ("30 days prior to the initial administration of Penpulimab",
     [("30 days prior to the initial administration of Penpulimab", 30, "day", 30, 30, "before", "first dose")]),
    # after-windows and periods
    ("during the study and within 8 weeks after it",
     [("during the study", None, None, None, None, "during", "the study"),
      ("within 8 weeks after it", 8, "week", None, 56, "after", "the study")]),
    ("within 7 days before the study", [("within 7 days before the study", 7, "day", None, 7, "before", "the study")]),
    ("for the duration of the study",
     [("for the duration of the study", None, None, None, None, "during", "the study")]),
    ("until 90 days after the last dose",
     [("until 90 days after the last dose", 90, "day", None, 90, "after", "last dose")]),
    # more shapes seen in registries
    ("more than 4 weeks from the start of this study",
     [("more than 4 weeks from the start of this study", 4, "week", 28, None, None, "study start")]),
    # a parenthesis that repeats the bound of the window before it
    ("within the last 6 months (one month if there are other sites of measurable disease)",
     [("within the last 6 months", 6, "month", None, 180, "before", None),
      ("one month", 1, "month", None, 30, None, None)]),
    ("within 72 hours (or 96 hours for cIAI) prior to the first dose",
     [("within 72 hours", 72, "hour", None, 3, "before", "first dose"),
      ("96 hours", 96, "hour", None, 4, None, None)]),
    ("in the 4 weeks prior to grouping",
     [("in the 4 weeks prior to grouping", 4, "week", None, 28, "before", "enrollment")]),
    ("diagnosed within 16 weeks (112 days) before the screening visit",
     [("within 16 weeks (112 days) before the screening visit", 16, "week", None, 112, "before", "screening")]),
    ("at least two (2) months prior to randomization",
     [("at least two (2) months prior to randomization", 2, "month", 60, None, "before", "randomization")]),
    ("in the 5 previous years", [("in the 5 previous years", 5, "year", None, 1825, "before", None)]),
    ("five or more years", [("five or more years", 5, "year", 1825, None, None, None)]),
    ("3-6 months before enrollment",
     [("3-6 months before enrollment", None, "month", 90, 180, "before", "enrollment")]),
    ("within 30 minutes", [("within 30 minutes", 30, "minute", None, 0.020833, None, None)]),
    ("within 14 days of Cycle 1 Day 1", [("within 14 days of Cycle 1 Day 1", 14, "day", None, 14, None, "cycle 1 day 1")]),
    ("\\> 6 months since the last dose",
     [("> 6 months since the last dose", 6, "month", 180, None, "after", "last dose")]),
    ("within the past four weeks before start of treatment",
     [("within the past four weeks before start of treatment", 4, "week", None, 28, "before", "first dose")]),
    ("3 months ago", [("3 months ago", 3, "month", 90, 90, "before", None)]),
    ("for at least 3 months prior to the start of the study",
     [("for at least 3 months prior to the start of the study", 3, "month", 90, None, "before", "study start")]),
    ("within 15 years", [("within 15 years", 15, "year", None, 5475, None, None)]),
    ("smoked for 20 years", [("for 20 years", 20, "year", 7300, 7300, None, None)]),
    ("within 30 days of screening", [("within 30 days of screening", 30, "day", None, 30, None, "screening")]),
    ("until 24 h +/- 4 h after the second study MRI",
     [("until 24 h +/- 4 h after the second study MRI", 24, "hour", None, 1, "after", "second study mri")]),
    ("6+ months", [("6+ months", 6, "month", 180, None, None, None)]),
    ("within 4 weeks (6 weeks for nitrosoureas or mitomycin C) prior to the first dose",
     [("within 4 weeks", 4, "week", None, 28, "before", "first dose"),
      ("6 weeks", 6, "week", None, 42, None, None)]),
    ("15 days before the patch testing",
     [("15 days before the patch testing", 15, "day", 15, 15, "before", "patch testing")]),
]

NOT_WINDOWS = [
    "urine protein quantity≥ 1.0 g during 24 hours",
    "21 days per cycle",
    "Anlotinib (10mg qd po d1-14, 21 days per cycle)",
    "every 3 weeks",
    "200 mg q3w",
    "18 years old",
    "aged 18 to 75 years",
    "≥ 18 years",
    "Age: 10-18 years",
    "life expectancy of at least 3 months",
    "ECOG PS: 0-1, Expected Survival Time: Over 3 months",
    "24-hour urine",
    "a 24 h urine collection",
    "28-day cycle",
    "between November 2015 and November 2016",
    "COVID-19 vaccination",
    "over level 1 in CTC AE (4.0)",
    "for at least 2 consecutive treatment cycles",
    "prior to Cycle 1 Day 1",
    "smoking 10 cigarettes a day",
    "once a week",
    "spectacle cylinder up to 0.75D",
    "gestational age greater than 20 weeks",
    "<500mg of protein in 24 hours",
    "a 3-month history of angina",
    "unable to complete the 6 min walk test",
    "10 yr probability of hip fracture",
    "children 3-17 years",
    "cycle length 25-34 days",
    "preterm delivery (<37 weeks of gestation)",
]


def _row(tf: Timeframe) -> tuple:
    return (tf.text, tf.value, tf.unit, tf.min_days, tf.max_days, tf.direction, tf.anchor)


@pytest.mark.parametrize("text, expected", WINDOWS, ids=[w[0][:50] for w in WINDOWS])
def test_timeframes_fields(text, expected):
    assert [_row(tf) for tf in find_timeframes(text)] == expected


@pytest.mark.parametrize("text", NOT_WINDOWS)
def test_timeframes_not_windows(text):
    assert find_timeframes(text) == []


@pytest.mark.parametrize("text, expected", WINDOWS, ids=[w[0][:50] for w in WINDOWS])
def test_timeframes_spans_index_the_text(text, expected):
    prefix = "Exclusion: "
    found = find_timeframes(prefix + text)
    assert [tf.text for tf in found] == [e[0] for e in expected]
    for tf in found:
        assert (prefix + text)[tf.span[0]:tf.span[1]] == tf.text


def test_timeframes_text_order_and_no_overlap():
    text = "Other malignancy within 5 years; surgery within 4 weeks prior to randomization; HIV during the study"
    found = find_timeframes(text)
    assert [tf.text for tf in found] == ["within 5 years", "within 4 weeks prior to randomization", "during the study"]
    assert all(a.span[1] <= b.span[0] for a, b in zip(found, found[1:]))


def test_timeframes_pronoun_takes_previous_anchor():
    found = find_timeframes("contraception during the research and within another 8 weeks after it")
    assert [(tf.direction, tf.anchor, tf.max_days) for tf in found] == [("during", "the study", None),
                                                                        ("after", "the study", 56)]


def test_timeframes_pronoun_without_previous_window_has_no_anchor():
    assert _row(find_timeframes("within 8 weeks after it")[0]) == ("within 8 weeks after it", 8, "week", None, 56,
                                                                   "after", None)


def test_timeframes_empty_text():
    assert find_timeframes("") == []


# --------------------------------------------------------------------------- rule files


def test_rules_load_all_three_files():
    r = temporal_lexicon.rules()
    assert r.units["wks"].name == "week" and r.units["h"].days == pytest.approx(1 / 24)
    assert r.anchors["random treatment"].anchor == "randomization"
    assert r.periods["study"] == "the study"


@pytest.fixture
def broken(monkeypatch):
    """Serve one rule file with a given content; restore the cache afterwards."""
    real = temporal_lexicon.load_json

    def serve(name: str, data):
        def fake(package, resource):
            return data if (package, resource) == (temporal_lexicon.MODELS, name) else real(package, resource)
        monkeypatch.setattr(temporal_lexicon, "load_json", fake)
        temporal_lexicon.rules.cache_clear()

    yield serve
    monkeypatch.undo()
    temporal_lexicon.rules.cache_clear()


def test_rules_schema_error_names_file_and_path(broken):
    data = json.loads(json.dumps(temporal_lexicon.load_json(temporal_lexicon.MODELS, "time_units.json")))
    data["units"][0]["name"] = "fortnight"
    broken("time_units.json", data)
    expected = r"models/time_units\.json: \$\.units\[0\]\.name: 'fortnight' is not one of"
    with pytest.raises(RuleFileError, match=expected):
        temporal_lexicon.rules()


def test_rules_unknown_key_is_rejected(broken):
    data = json.loads(json.dumps(temporal_lexicon.load_json(temporal_lexicon.MODELS, "anchors.json")))
    data["anchors"][0]["synonyms"] = ["x"]
    broken("anchors.json", data)
    with pytest.raises(RuleFileError, match=r"models/anchors\.json: \$\.anchors\[0\]: Additional properties"):
        temporal_lexicon.rules()


def test_rules_bad_regex_is_reported(broken):
    data = json.loads(json.dumps(temporal_lexicon.load_json(temporal_lexicon.MODELS, "temporal_patterns.json")))
    data["not_window"]["following"] = "(unclosed"
    broken("temporal_patterns.json", data)
    with pytest.raises(RuleFileError, match=r"models/temporal_patterns\.json: not_window\.following: invalid regular"):
        temporal_lexicon.rules()


def test_rules_duplicate_unit_surface_is_rejected(broken):
    data = json.loads(json.dumps(temporal_lexicon.load_json(temporal_lexicon.MODELS, "time_units.json")))
    data["units"][1]["surfaces"].append("d")
    broken("time_units.json", data)
    with pytest.raises(RuleFileError, match=r"surface 'd' is listed twice"):
        temporal_lexicon.rules()


# --------------------------------------------------------------------------- shared corpus


API_V2 = Path("/work/shared/corpus/ctgov-api-v2")


@pytest.mark.slow
@pytest.mark.skipif(not API_V2.is_dir(), reason="shared corpus not available")
def test_timeframes_api_v2_spans_and_values():
    count = 0
    for path in sorted(API_V2.glob("*.json")):
        for record in json.loads(path.read_text(encoding="utf-8")):
            text = record["protocolSection"].get("eligibilityModule", {}).get("eligibilityCriteria") or ""
            for line in re.split(r"\n", text):
                for tf in find_timeframes(line):
                    count += 1
                    assert line[tf.span[0]:tf.span[1]] == tf.text
                    assert tf.direction in (None, "before", "after", "during")
                    assert tf.unit in (None, "minute", "hour", "day", "week", "month", "year")
                    if tf.min_days is not None and tf.max_days is not None:
                        assert tf.min_days <= tf.max_days
    assert count > 500
