"""Ranges whose ends carry different units, a limit restated in another unit before its comparator words,
and dose ranges with no measurement. Every row asserts the real fields of each threshold."""
from __future__ import annotations

import pytest

from extractor.thresholds import find_thresholds


def _full(text: str) -> list[tuple]:
    """(comparator, value, low, high, unit, unit_text, text, span, measurement name, measurement span)."""
    out = []
    for t in find_thresholds(text):
        assert text[t.span[0]:t.span[1]] == t.text
        if t.measurement.span is not None:
            assert text[t.measurement.span[0]:t.measurement.span[1]] == t.measurement.text
        out.append((t.comparator, t.value, t.low, t.high, t.unit, t.unit_text, t.text, t.span,
                    t.measurement.name, t.measurement.span))
    return out


# ------------------------------------------------------------------ two ends, two units: two inclusive bounds

@pytest.mark.parametrize("text, expected", [
    ("Children aged 6 months to 17 years", [
        (">=", 6, None, None, "mo", "months", "aged 6 months", (9, 22), "age", (9, 13)),
        ("<=", 17, None, None, "a", "years", "17 years", (26, 34), "age", (9, 13)),
    ]),
    ("Infants aged 6 weeks to 12 months", [
        (">=", 6, None, None, "wk", "weeks", "aged 6 weeks", (8, 20), "age", (8, 12)),
        ("<=", 12, None, None, "mo", "months", "12 months", (24, 33), "age", (8, 12)),
    ]),
    ("age 2 months - 5 years", [
        (">=", 2, None, None, "mo", "months", "age 2 months", (0, 12), "age", (0, 3)),
        ("<=", 5, None, None, "a", "years", "5 years", (15, 22), "age", (0, 3)),
    ]),
    # the lower end is larger as a number: no reversal check without converting units
    ("from 28 days to 18 years of age", [
        (">=", 28, None, None, "d", "days", "from 28 days", (0, 12), "age", (28, 31)),
        ("<=", 18, None, None, "a", "years", "18 years of age", (16, 31), "age", (28, 31)),
    ]),
    ("croup children between 6 month and 5 years old", [
        (">=", 6, None, None, "mo", "month", "between 6 month", (15, 30), "age", (43, 46)),
        ("<=", 5, None, None, "a", "years", "5 years old", (35, 46), "age", (43, 46)),
    ]),
    # a hyphen glued to the first unit still joins the two ends
    ("6 months-17 years of age", [
        (">=", 6, None, None, "mo", "months", "6 months", (0, 8), "age", (21, 24)),
        ("<=", 17, None, None, "a", "years", "17 years of age", (9, 24), "age", (21, 24)),
    ]),
    # not only ages: a lab limit written in two units
    ("creatinine 1 mg/dL - 100 umol/L", [
        (">=", 1, None, None, "mg/dL", "mg/dL", "creatinine 1 mg/dL", (0, 18), "creatinine", (0, 10)),
        ("<=", 100, None, None, "umol/L", "umol/L", "100 umol/L", (21, 31), "creatinine", (0, 10)),
    ]),
])
def test_range_with_a_unit_on_each_end_is_two_bounds(text, expected):
    assert _full(text) == expected


def test_years_upper_end_makes_the_months_end_an_age_too():
    rows = _full("Children 6 month to 14 years who will be presented to the emergency department")
    assert [r[:6] for r in rows] == [(">=", 6, None, None, "mo", "month"), ("<=", 14, None, None, "a", "years")]
    assert [r[8] for r in rows] == ["age", "age"]


def test_mixed_bounds_are_not_merged_back_into_between():
    rows = _full("Patients aged 6 months to 17 years inclusive, weight >= 10 kg")
    assert [(r[0], r[1], r[4]) for r in rows] == [(">=", 6, "mo"), ("<=", 17, "a"), (">=", 10, "kg")]


@pytest.mark.parametrize("text", [
    "treated for 6 months to 14 years prior to entry",   # durations, not an age
    "Children 3 months to 5 years",                       # no age named and 5 years does not read as one
])
def test_mixed_time_range_without_an_age_is_no_threshold(text):
    assert find_thresholds(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Age 18 to 75 years", ("between", None, 18, 75, "a", "years", "Age 18 to 75 years", (0, 18), "age", (0, 3))),
    ("aged 6-12 months", ("between", None, 6, 12, "mo", "months", "aged 6-12 months", (0, 16), "age", (0, 4))),
    ("Age 18 years-65 years old",
     ("between", None, 18, 65, "a", "years", "Age 18 years-65 years old", (0, 25), "age", (0, 3))),
    ("BMI 18.5 kg/m2 to 30 kg/m2",
     ("between", None, 18.5, 30, "kg/m2", "kg/m2", "BMI 18.5 kg/m2 to 30 kg/m2", (0, 26), "body mass index", (0, 3))),
])
def test_same_unit_range_stays_one_between(text, expected):
    assert _full(text) == [expected]


def test_ends_of_different_dimensions_are_no_range():
    assert [(t.comparator, t.value, t.unit) for t in find_thresholds("dose 5 mg - 10 %")] == []
    assert "COVID-19" not in [t.text for t in find_thresholds("COVID-19 vaccine at least 2 weeks before")]


# ------------------------------------------------------------ a limit restated in parentheses, then comparator

@pytest.mark.parametrize("text, expected", [
    ("creatinine 1.5 mg/dl (133 umol/L) or less", [
        ("<=", 1.5, None, None, "mg/dL", "mg/dl", "creatinine 1.5 mg/dl", (0, 20), "creatinine", (0, 10)),
        ("<=", 133, None, None, "umol/L", "umol/L", "133 umol/L", (22, 32), "creatinine", (0, 10)),
    ]),
    ("serum creatinine of 2.0 mg/dL (177 µmol/L) or higher", [
        (">=", 2.0, None, None, "mg/dL", "mg/dL", "2.0 mg/dL", (20, 29), "creatinine", (0, 16)),
        (">=", 177, None, None, "umol/L", "µmol/L", "177 µmol/L", (31, 41), "creatinine", (0, 16)),
    ]),
    ("ANC 1500/mm3 (1.5 x 10^9/L) or more", [
        (">=", 1500, None, None, "/mm3", "/mm3", "ANC 1500/mm3", (0, 12), "absolute neutrophil count", (0, 3)),
        (">=", 1.5, None, None, "10*9/L", "10^9/L", "1.5 x 10^9/L", (14, 26), "absolute neutrophil count", (0, 3)),
    ]),
])
def test_comparator_after_a_restatement_applies_to_both_values(text, expected):
    assert _full(text) == expected


def test_restatement_without_comparator_words_stays_equal():
    rows = _full("creatinine 1.5 mg/dl (133 umol/L)")
    assert [(r[0], r[1], r[4]) for r in rows] == [("=", 1.5, "mg/dL"), ("=", 133, "umol/L")]


def test_prefix_comparator_still_wins_over_restatement():
    rows = _full("Hemoglobin (Hb) < 115 g/L (7.1 mM) in women")
    assert [(r[0], r[1], r[4], r[6]) for r in rows] == [("<", 115, "g/L", "< 115 g/L"), ("<", 7.1, "mmol/L", "7.1 mM")]


# ------------------------------------------------------------------------ dose ranges with no measurement

@pytest.mark.parametrize("text", [
    "receiving 1-4 g/day",
    "receiving 1-4 gm/day",
    "receiving 1-4 grams per day",
    "methotrexate 7.5-25 mg/week",
    "cisplatin 70-80 mg/m2/day",
])
def test_dose_range_alone_is_a_schedule_whatever_the_spelling(text):
    assert find_thresholds(text) == []


@pytest.mark.parametrize("unit_text", ["gm/day", "g/day"])
def test_dose_range_with_an_alternative_dose_is_kept_whatever_the_spelling(unit_text):
    text = f"acyclovir at 1-4 {unit_text} po or 15 mg/kg/day IV"
    rows = _full(text)
    end = 13 + len(f"1-4 {unit_text}")
    assert [r[:8] for r in rows] == [
        ("between", None, 1, 4, "g/d", unit_text, f"1-4 {unit_text}", (13, end)),
        ("=", 15, None, None, "mg/kg/d", "mg/kg/day", "15 mg/kg/day", (end + 7, end + 19)),
    ]


def test_explicit_between_dose_range_is_kept():
    rows = _full("prednisone between 5 and 10 mg/day")
    assert [r[:6] for r in rows] == [("between", None, 5, 10, "mg/d", "mg/day")]


# ------------------------------------------------------------------------ upper end with its own comparator, no "from"

def test_months_to_strict_years_gives_lower_months_and_strict_upper_years():
    rows = _full("Children aged 6 months to < 18 years")
    assert [r[:8] for r in rows] == [
        (">=", 6, None, None, "mo", "months", "aged 6 months", (9, 22)),
        ("<", 18, None, None, "a", "years", "< 18 years", (26, 36)),
    ]
    assert [r[8] for r in rows] == ["age", "age"]


def test_words_for_the_strict_upper_end_work_like_the_symbol():
    rows = _full("Children aged 6 months to less than 18 years")
    assert [r[:8] for r in rows] == [
        (">=", 6, None, None, "mo", "months", "aged 6 months", (9, 22)),
        ("<", 18, None, None, "a", "years", "less than 18 years", (26, 44)),
    ]


def test_months_end_without_age_word_is_an_age_when_the_strict_years_end_reads_as_one():
    rows = _full("6 months to less than 18 years")
    assert [r[:9] for r in rows] == [
        (">=", 6, None, None, "mo", "months", "6 months", (0, 8), "age"),
        ("<", 18, None, None, "a", "years", "less than 18 years", (12, 30), "age"),
    ]


def test_same_unit_half_open_range_shares_the_years():
    rows = _full("aged 18 to < 65 years")
    assert [r[:8] for r in rows] == [
        (">=", 18, None, None, "a", "years", "aged 18", (0, 7)),
        ("<", 65, None, None, "a", "years", "< 65 years", (11, 21)),
    ]


def test_inclusive_upper_end_after_from_merges_into_between():
    rows = _full("from 2 to <= 10 mg/dL")
    assert [r[:8] for r in rows] == [("between", None, 2, 10, "mg/dL", "mg/dL", "from 2 to <= 10 mg/dL", (0, 21))]


def test_lower_comparator_before_a_half_open_range_is_in_its_span():
    rows = _full("at least 6 months to < 18 years of age")
    assert [r[:8] for r in rows] == [
        (">=", 6, None, None, "mo", "months", "at least 6 months", (0, 17)),
        ("<", 18, None, None, "a", "years", "< 18 years of age", (21, 38)),
    ]


def test_bare_categories_with_strict_upper_ends_get_no_lower_bound():
    rows = _full("CAC categories of 10 to <100, 100 to <400")
    assert [(r[0], r[1]) for r in rows] == [("<", 100), ("<", 400)]


def test_months_to_strict_years_for_a_treatment_is_no_age():
    assert find_thresholds("treated for 6 months to < 14 years prior to entry") == []


# ------------------------------------------------------------------------ comparator words before a range

def test_at_least_before_a_mixed_unit_range_belongs_to_the_lower_bound():
    rows = _full("At least 365 days to 17 years")
    assert [r[:8] for r in rows] == [
        (">=", 365, None, None, "d", "days", "At least 365 days", (0, 17)),
        ("<=", 17, None, None, "a", "years", "17 years", (21, 29)),
    ]


def test_at_least_after_the_age_word_stays_in_the_lower_span():
    rows = _full("Age at least 365 days to 17 years")
    assert [r[:8] for r in rows] == [
        (">=", 365, None, None, "d", "days", "Age at least 365 days", (0, 21)),
        ("<=", 17, None, None, "a", "years", "17 years", (25, 33)),
    ]
    assert rows[0][9] == (0, 3) and rows[1][9] == (0, 3)


def test_strict_word_before_a_mixed_unit_range_makes_the_lower_bound_strict():
    rows = _full("more than 6 months to 17 years of age")
    assert [r[:8] for r in rows] == [
        (">", 6, None, None, "mo", "months", "more than 6 months", (0, 18)),
        ("<=", 17, None, None, "a", "years", "17 years of age", (22, 37)),
    ]


def test_at_least_before_a_same_unit_range_is_in_the_between_span():
    rows = _full("at least 18 to 65 years")
    assert [r[:8] for r in rows] == [("between", None, 18, 65, "a", "years", "at least 18 to 65 years", (0, 23))]


# ------------------------------------------------------------------------ weeks and days as one quantity

def test_weeks_and_spelled_days_on_both_ends_are_one_range_in_weeks():
    text = "Gestational age 10 weeks three days to 13 weeks six days"
    rows = _full(text)
    assert len(rows) == 1
    cmp, value, low, high, unit, unit_text, span_text, span, name, mspan = rows[0]
    assert (cmp, value, unit, unit_text, span_text, span) == ("between", None, "wk", "weeks", text, (0, 56))
    assert low == pytest.approx(10 + 3 / 7) and high == pytest.approx(13 + 6 / 7)
    assert (name, mspan) == ("gestational age", (0, 15))


def test_weeks_and_digit_days_after_a_comparator():
    rows = _full("gestational age < 36 weeks 6 days")
    assert len(rows) == 1
    assert rows[0][0] == "<" and rows[0][1] == pytest.approx(36 + 6 / 7)
    assert rows[0][4:8] == ("wk", "weeks", "gestational age < 36 weeks 6 days", (0, 33))


def test_weeks_and_days_joined_by_and_close_a_between_range():
    text = "gestational age between 20 weeks and 23 weeks and 6 days"
    rows = _full(text)
    assert len(rows) == 1
    assert rows[0][0] == "between" and rows[0][2] == 20 and rows[0][3] == pytest.approx(23 + 6 / 7)
    assert rows[0][4:8] == ("wk", "weeks", text, (0, 56))


def test_zero_days_keep_the_whole_weeks():
    rows = _full("Gestational age of at least 32 weeks 0 days")
    assert [r[:8] for r in rows] == [
        (">=", 32, None, None, "wk", "weeks", "Gestational age of at least 32 weeks 0 days", (0, 43))]


def test_seven_or_more_days_are_not_folded_into_weeks():
    rows = _full("gestational age of at least 32 weeks 10 days")
    assert all(r[1] != pytest.approx(32 + 10 / 7) for r in rows)
