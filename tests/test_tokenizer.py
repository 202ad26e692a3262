"""The customised tokenizer splits comparison signs glued to words and numbers."""
from __future__ import annotations

import pytest
import spacy

from extractor.errors import RuleFileError
from extractor.tokenizer import customize_tokenizer, load_rules, parse_rules


@pytest.fixture(scope="module")
def nlp():
    return customize_tokenizer(spacy.blank("en"))


@pytest.mark.parametrize("text, tokens", [
    ("SBP≥", ["SBP", "≥"]),
    ("SBP≥140 mmHg", ["SBP", "≥", "140", "mmHg"]),
    ("DBP≥100", ["DBP", "≥", "100"]),
    ("INR>1.5", ["INR", ">", "1.5"]),
    ("≤2", ["≤", "2"]),
    (">=18", [">=", "18"]),
    ("age >=18 years", ["age", ">=", "18", "years"]),
    ("=<", ["=<"]),
    ("age=<65", ["age", "=<", "65"]),
    ("=>3", ["=>", "3"]),
    ("⩾18", ["⩾", "18"]),
    ("ECOG⩽2", ["ECOG", "⩽", "2"]),
    ("proteinuria ≥ ++", ["proteinuria", "≥", "++"]),
    ("proteinuria≥++", ["proteinuria", "≥", "++"]),
    ("HbA1c>7.0%", ["HbA1c", ">", "7.0", "%"]),
    ("(>=18)", ["(", ">=", "18", ")"]),
    ("creatinine<=1.5 x ULN", ["creatinine", "<=", "1.5", "x", "ULN"]),
    ("≥1,500/mm3", ["≥", "1,500", "/", "mm3"]),
    ("ECOG 0-1", ["ECOG", "0", "-", "1"]),
    ("History of myocardial infarction.", ["History", "of", "myocardial", "infarction", "."]),
])
def test_tokens(nlp, text, tokens):
    assert [t.text for t in nlp(text)] == tokens


def test_customize_is_idempotent(nlp):
    customize_tokenizer(nlp)
    assert [t.text for t in nlp("DBP≥100")] == ["DBP", "≥", "100"]


def test_default_tokenizer_differs():
    """Guards the test above against a spaCy that already splits these signs."""
    assert [t.text for t in spacy.blank("en")("DBP≥100")] == ["DBP≥100"]


def test_rules_file_is_valid():
    rules = load_rules()
    assert set(rules) == {"prefixes", "infixes", "suffixes"}
    assert all(rules[k] for k in rules)


@pytest.mark.parametrize("data", [[], {"prefixes": "x"}, {"infixes": ["("]}])
def test_broken_rules_raise(data):
    with pytest.raises(RuleFileError):
        parse_rules(data, "test.json")


def test_missing_rules_file_raises(tmp_path):
    with pytest.raises(RuleFileError):
        load_rules(str(tmp_path / "nope.json"))


def test_rules_file_breaking_schema_raises(tmp_path):
    bad = tmp_path / "tokenizer.json"
    bad.write_text('{"prefixes": [], "infixes": [], "suffixes": [], "extra": 1}', encoding="utf-8")
    with pytest.raises(RuleFileError, match="extra"):
        load_rules(str(bad))
