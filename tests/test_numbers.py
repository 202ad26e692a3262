"""numbers: plain, grouped, decimal-comma, spelled and scientific numbers, and lost superscripts."""
from __future__ import annotations

import re

import pytest

from extractor.numbers import (NUMBER, POWER_OF_TEN, SCIENTIFIC, WORD_NUMBER, WORD_VALUES, parse_number,
                               parse_scientific, power_exponent)


@pytest.mark.parametrize("text, expected", [
    ("150", 150), ("1.5", 1.5), ("0,5", 0.5), ("1,5", 1.5), ("1,000", 1000), ("100,000", 100000),
    ("1,500.5", 1500.5), (".5", 0.5), ("½", 0.5), ("half", 0.5), ("two", 2), ("Twelve", 12), ("twice", 2),
    ("1/2", 0.5),
    # scientific notation, with every way of writing the power
    ("1 x 10^9", 1_000_000_000), ("1×10⁹", 1_000_000_000), ("1.5 x 10^9", 1_500_000_000),
    ("1.5×10\\^9", 1_500_000_000), ("2.5X10E3", 2500), ("10^9", 1_000_000_000), ("10*9", 1_000_000_000),
    # lost superscripts: 10 followed by a glued 1-2 digit exponent
    ("140 x 10(9)", 140_000_000_000), ("1 x 104", 10_000), ("100 x103", 100_000), ("1.5 x 109", 1_500_000_000), ("3.0×1012", 3_000_000_000_000),
    # not numbers
    ("", None), ("abc", None), ("1 x 100", None),
])
def test_numbers_parse_number(text, expected):
    value = parse_number(text)
    assert value == expected
    if expected is not None:
        assert type(value) is type(expected)


@pytest.mark.parametrize("text, expected", [
    ("1 x 10^9", (1, 9)), ("1.5×10⁹", (1.5, 9)), ("1 x 104", (1, 4)), ("100 x103", (100, 3)),
    ("2 × 10⁻³", (2, -3)), ("1.5", None), ("1 x 100", None),
])
def test_numbers_parse_scientific(text, expected):
    assert parse_scientific(text) == expected


@pytest.mark.parametrize("text, expected", [("10^9", 9), ("10⁹", 9), ("104", 4), ("1012", 12), ("10E3", 3),
                                            ("10 9", 9), ("100", None), ("10", None)])
def test_numbers_power_exponent(text, expected):
    assert power_exponent(text) == expected


@pytest.mark.parametrize("text, match", [
    ("value 1,000 here", "1,000"), ("0,5 mg", "0,5"), ("about ½", "½"), ("12.75%", "12.75"),
])
def test_numbers_regex_number(text, match):
    assert re.search(NUMBER, text).group(0) == match


def test_numbers_word_number_and_values_keep_their_meaning():
    assert re.fullmatch(WORD_NUMBER, "seventeen")
    assert not re.fullmatch(WORD_NUMBER, "a")  # "a" and "an" are values but not matched as words
    assert WORD_VALUES["half"] == 0.5 and WORD_VALUES["dozen"] == 12


@pytest.mark.parametrize("text, match", [
    ("ANC ≥ 1.5 x 10^9/L", "1.5 x 10^9"), ("1×10⁹/L", "1×10⁹"), ("HBV DNA 1 x 104 copy/ml", "1 x 104"),
    ("PLT≥100×109/L", "100×109"),
])
def test_numbers_regex_scientific(text, match):
    assert re.search(SCIENTIFIC, text).group(0) == match


def test_numbers_power_of_ten_is_not_a_plain_hundred():
    assert re.fullmatch(POWER_OF_TEN, "100") is None
    assert re.fullmatch(POWER_OF_TEN, "104") is not None
