"""Entities added from models/entity_terms.json where the model found none."""
import pytest

from extractor.components.entity_terms import add_missing
from extractor.types import Entity


@pytest.mark.parametrize("text, found, expected", [
    ("who are not in the lactation period and examined", [], [("lactation period", "condition")]),
    ("Pregnant or breast-feeding women", [Entity("person", "women", (27, 32))],
     [("Pregnant", "condition"), ("breast-feeding", "condition"), ("women", "person")]),
    # the model's own span wins; a test or a potential is no pregnancy
    ("Pregnant women", [Entity("condition", "Pregnant women", (0, 14))], [("Pregnant women", "condition")]),
    ("negative urine pregnancy test", [], []),
    ("women of child-bearing potential with a pregnancy test", [], []),
    # after "non-" the term is found (ConText negates it); inside another hyphenated word it is not
    ("non-pregnant, non-lactating", [], [("pregnant", "condition"), ("lactating", "condition")]),
    ("pre-pregnancy weight", [], []),
])
def test_terms_fill_gaps_only(text, found, expected):
    [out] = add_missing([text], [found])
    assert [(e.text, e.type) for e in out] == expected
    assert all(text[e.span[0]:e.span[1]] == e.text for e in out)


def test_added_entities_are_negated_in_the_pipeline():
    import extractor

    doc = extractor.parse_text("Exclusion criteria:\n- Women who are not in the lactation period and who "
                               "agree to use two methods of contraception during the study and for 8 weeks after it\n")
    lact = [e for c in doc.criteria for e in c.entities if e.text == "lactation period"]
    assert len(lact) == 1 and lact[0].negated is True


def test_bad_pattern_names_the_rule_file(monkeypatch):
    from extractor.components import entity_terms
    from extractor.errors import RuleFileError

    monkeypatch.setattr(entity_terms, "load_rule_json", lambda name: {"terms": [{"type": "condition", "pattern": "("}]})
    entity_terms.patterns.cache_clear()
    try:
        with pytest.raises(RuleFileError, match=r"^models/entity_terms.json: \$.terms\[0\].pattern: "):
            entity_terms.patterns()
    finally:
        entity_terms.patterns.cache_clear()


def test_non_prefixed_term_is_negated_in_the_pipeline():
    import extractor

    doc = extractor.parse_text("Inclusion criteria:\n- Male or non-pregnant female aged 18 years or older\n")
    preg = [e for c in doc.criteria for e in c.entities if e.text == "pregnant"]
    assert len(preg) == 1 and preg[0].negated is True
