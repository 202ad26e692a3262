"""Canonical keys and duplicate groups within a record."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from extractor.dedup import (assign_keys, criterion_key, find_duplicates, normalize_text, repeated_clauses,
                             residual_tokens)
from extractor.thresholds import find_thresholds
from extractor.timeframes import find_timeframes
from extractor.types import Criterion, Entity, Measurement, Threshold


def _crit(cid: str, text: str, kind: str = "exclusion", thresholds=()) -> Criterion:
    return Criterion(id=cid, kind=kind, text=text, span=(0, len(text)), thresholds=tuple(thresholds))


def _parsed(text: str, kind: str = "exclusion", offset: int = 0, **kw) -> Criterion:
    """A criterion as the pipeline builds it: thresholds and timeframes found, spans in a record at ``offset``."""
    return Criterion(id=kw.pop("cid", "E1"), kind=kind, text=text, span=(offset, offset + len(text)),
                     thresholds=tuple(t.shifted(offset) for t in find_thresholds(text)),
                     timeframes=tuple(t.shifted(offset) for t in find_timeframes(text)), **kw)


@pytest.mark.parametrize("a, b", [
    ("SBP ≥ 150 mmHg", "sbp >= 150 mmhg"),
    ("SBP≥150 mmHg.", "SBP >= 150 mmHg"),
    ("Age \\>= 18 years", "Age >= 18 years"),
    ("Pregnant   or\r\n lactating", "pregnant or lactating;"),
    ("• Pregnant", "Pregnant"),
    ("1 × ULN", "1 x ULN"),
])
def test_dedup_same_key_for_spelling_variants(a, b):
    assert normalize_text(a) == normalize_text(b)
    assert criterion_key(_crit("E1", a)) == criterion_key(_crit("E2", b))


@pytest.mark.parametrize("a, b", [
    ("LVEF < 50%", "LVEF < 45%"),
    ("LVEF < 50%", "LVEF <= 50%"),
    ("Creatinine > 1.5 mg/dL", "Creatinine > 1.5 mmol/L"),
    ("History of stroke", "No history of stroke"),
    ("Any malignancy", "Any malignancy except basal cell carcinoma"),
])
def test_dedup_different_keys_for_different_constraints(a, b):
    assert criterion_key(_crit("E1", a)) != criterion_key(_crit("E2", b))


# The adversarial table, through the real threshold and timeframe extractors.
MUST_MERGE = [
    ("LVEF < 50%", "left ventricular ejection fraction below 50 %"),
    ("Left ventricular ejection fraction (LVEF) < 50%", "LVEF < 50%"),
    ("Patients with LVEF < 50%.", "LVEF < 50%"),
    ("LVEF ≥ 50%", "LVEF >= 50%"),
    ("LVEF ⩾ 50 %", "LVEF >= 50%"),
    ("Creatinine > 1.5 mg/dL", "creatinine >1.5 mg/dl"),
    ("Serum creatinine greater than 1.5 mg/dL", "Creatinine > 1.5 mg/dL"),
    ("Age \\>= 18 years", "Age ≥ 18 years"),
    ("Age >= 18 years", "Aged 18 years or older"),
    ("ECOG 0-1", "ECOG performance status 0 or 1"),
    ("Chemotherapy within 4 weeks prior to the first dose", "chemotherapy within 28 days before the first dose"),
    ("• Pregnant or breastfeeding", "pregnant  or\tbreastfeeding;"),
    ("- Known HIV infection", "KNOWN HIV INFECTION."),
    ("1) Signed informed consent", "Signed informed consent"),
    ("Non–small cell lung cancer", "non-small cell lung cancer"),
    ("Patients who are pregnant", "Pregnant"),
]

MUST_NOT_MERGE = [
    ("LVEF < 50%", "LVEF < 45%"),                                   # number
    ("LVEF < 50%", "LVEF <= 50%"),                                  # comparator
    ("LVEF < 50%", "LVEF > 50%"),
    ("Creatinine > 1.5 mg/dL", "Creatinine > 1.5 mmol/L"),          # unit
    ("Hemoglobin < 9 g/dL", "Hemoglobin < 90 g/L"),                 # same quantity, other number and unit
    ("LVEF < 50% or NYHA III", "LVEF < 50%"),                       # more to the criterion
    ("LVEF < 50% or history of heart failure", "LVEF < 50%"),
    ("History of stroke", "No history of stroke"),                  # negation
    ("Prior chemotherapy", "No prior chemotherapy"),
    ("HIV positive", "HIV negative"),
    ("Controlled hypertension", "Uncontrolled hypertension"),
    ("Any malignancy", "Any malignancy except basal cell carcinoma"),  # exception
    ("Hepatitis A", "Hepatitis"),                                   # "a" as a letter is not an article
    ("Hepatitis B", "Hepatitis C"),
    ("Chemotherapy within 4 weeks prior to the first dose", "Chemotherapy within 6 weeks prior to the first dose"),
    ("Chemotherapy within 4 weeks prior to the first dose", "Chemotherapy within 4 weeks after the first dose"),
    ("Type 1 diabetes", "Type 2 diabetes"),
    ("Prior anti-PD-1 therapy", "Prior anti-PD-L1 therapy"),
    ("Women who may become pregnant", "Women who become pregnant"),
]


@pytest.mark.parametrize("a, b", MUST_MERGE)
def test_dedup_adversarial_must_merge(a, b):
    assert criterion_key(_parsed(a)) == criterion_key(_parsed(b, offset=17))


@pytest.mark.parametrize("a, b", MUST_NOT_MERGE)
def test_dedup_adversarial_must_not_merge(a, b):
    assert criterion_key(_parsed(a)) != criterion_key(_parsed(b))


def test_dedup_residual_keeps_what_the_facts_do_not_say():
    assert residual_tokens(_parsed("LVEF < 50% or history of heart failure")) == ["§t", "or", "history", "heart",
                                                                                  "failure"]
    assert residual_tokens(_parsed("Left ventricular ejection fraction (LVEF) < 50%", offset=40)) == ["§t"]
    assert residual_tokens(_parsed("SBP≥ 150 mmHg, DBP≥100 mmHg, despite treatment")) == ["§t", "despite",
                                                                                          "treatment"]
    assert residual_tokens(_parsed("Hepatitis A or B")) == ["hepatitis", "a", "or", "b"]


def test_dedup_kind_is_part_of_the_key():
    assert criterion_key(_crit("I1", "Pregnant", "inclusion")) != criterion_key(_crit("E1", "Pregnant", "exclusion"))
    assert criterion_key(_crit("I1", "Pregnant", "inclusion")).startswith("I:")
    assert criterion_key(_parsed("LVEF < 50%", "inclusion")) != criterion_key(_parsed("LVEF < 50%", "exclusion"))


def test_dedup_thresholds_are_part_of_the_key():
    m = Measurement(text="LVEF", span=(0, 4), name="left ventricular ejection fraction")
    t50 = Threshold(text="< 50%", span=(5, 10), measurement=m, comparator="<", value=50, unit="%")
    t45 = Threshold(text="< 50%", span=(5, 10), measurement=m, comparator="<", value=45, unit="%")
    assert criterion_key(_crit("E1", "LVEF < 50%", thresholds=[t50])) != criterion_key(_crit("E2", "LVEF < 50%", thresholds=[t45]))
    t50f = replace(t50, value=50.0)
    assert criterion_key(_crit("E1", "LVEF < 50%", thresholds=[t50])) == criterion_key(_crit("E2", "LVEF < 50%", thresholds=[t50f]))


@pytest.mark.parametrize("flag", ["negated", "excepted"])
def test_dedup_negated_and_excepted_entities_are_part_of_the_key(flag):
    text = "Alopecia"
    plain = Criterion(id="E1", kind="exclusion", text=text, span=(0, 8),
                      entities=(Entity(type="condition", text="Alopecia", span=(0, 8)),))
    flagged = replace(plain, entities=(Entity(type="condition", text="Alopecia", span=(0, 8), **{flag: True}),))
    bare = replace(plain, entities=())
    assert criterion_key(plain) == criterion_key(bare)     # an unflagged entity adds nothing to the text
    assert criterion_key(flagged) != criterion_key(plain)


def test_dedup_section_and_parent_are_part_of_the_key():
    allowed = replace(_crit("I2", "Prior radiotherapy", "inclusion"), section="Allowed")
    excluded = replace(allowed, section="Excluded")
    assert criterion_key(allowed) != criterion_key(excluded)
    crits = assign_keys([_crit("E1", "No prior therapy with:"), replace(_crit("E2", "anti-PD-1 antibody"), parent="E1"),
                         _crit("E3", "Prior therapy with:"), replace(_crit("E4", "anti-PD-1 antibody"), parent="E3")])
    assert crits[1].key != crits[3].key
    assert crits[1].key == criterion_key(crits[1], parent_key=crits[0].key)


def test_dedup_groups_and_contradictions():
    crits = [_crit("I1", "Signed consent", "inclusion"), _crit("E1", "Pregnant"), _crit("E2", "HIV"),
             _crit("E3", "pregnant."), _crit("E4", "PREGNANT"), _crit("E5", "Signed consent")]
    crits = [c.__class__(**{**c.__dict__, "key": criterion_key(c)}) for c in crits]
    dups, warnings = find_duplicates(crits)
    assert [(d.kept, d.dropped) for d in dups] == [("E1", ("E3", "E4"))]
    assert warnings == ["criterion I1 (inclusion) and E5 (exclusion) state the same text: contradiction"]


def test_dedup_canonical_duplicates_and_reasons():
    crits = assign_keys([_parsed("LVEF < 50%", cid="E1"), _parsed("Pregnant", cid="E2", offset=11),
                         _parsed("left ventricular ejection fraction below 50 %", cid="E3", offset=20),
                         _parsed("Pregnant", cid="E4", offset=70), _parsed("LVEF < 50%", "inclusion", cid="I1", offset=80)])
    dups, warnings = find_duplicates(crits)
    assert [d.to_dict() for d in dups] == [
        {"kept": "E1", "dropped": ["E3"], "reason": "same canonical criterion: same kind, facts and text after normalization"},
        {"kept": "E2", "dropped": ["E4"], "reason": "repeated criterion: same text"},
    ]
    assert warnings == ["criterion I1 (inclusion) and E1 (exclusion) state the same text: contradiction"]


def test_dedup_empty_keys_are_computed():
    dups, _ = find_duplicates([_crit("E1", "Pregnant"), _crit("E2", "pregnant")])
    assert [(d.kept, d.dropped) for d in dups] == [("E1", ("E2",))]


def test_dedup_same_text_in_other_sections_is_no_duplicate():
    crits = assign_keys([replace(_crit("I1", "Not specified", "inclusion"), section="Hepatic"),
                         replace(_crit("I2", "Not specified", "inclusion"), section="Renal")])
    assert find_duplicates(crits) == ([], [])


ICONOGRAPHY = ("Iconography (CT or MRI) shows obvious lung empty or necrotic tumor iconography (CT or MRI) shows "
               "that the tumor vessels have 5 mm or less, or Cardiovascular involvement by Central tumor; Or obvious "
               "lung empty or necrotic tumor")


@pytest.mark.parametrize("text, expected", [
    (ICONOGRAPHY, ["obvious lung empty or necrotic tumor"]),
    ("All medications, including aspirin, must be approved by investigator. All medications,\r\n including "
     "aspirin, must be approved by investigator.", ["All medications, including aspirin, must be approved by investigator"]),
    ("No chemotherapy within 4 weeks prior to first dose or radiotherapy within 4 weeks prior to first dose", []),
    ("Pregnant or lactating", []),
])
def test_dedup_repeated_clauses(text, expected):
    assert repeated_clauses(text) == expected


def test_dedup_repeated_clause_is_a_warning_naming_the_criterion():
    _, warnings = find_duplicates(assign_keys([_parsed("Pregnant", cid="E4"), _parsed(ICONOGRAPHY, cid="E5", offset=9)]))
    assert warnings == ['criterion E5 repeats the clause "obvious lung empty or necrotic tumor"']


def test_dedup_medpath_example_end_to_end():
    from extractor import Options, parse

    doc = parse(Path(__file__).resolve().parents[1] / "corpus/medpath/NCT05460481.txt", options=Options(entities=False))[0]
    assert doc.duplicates == ()
    assert 'criterion E5 repeats the clause "obvious lung empty or necrotic tumor"' in doc.warnings


def test_dedup_numbers_the_facts_leave_out_still_count():
    m = Measurement(text="SBP", span=(0, 3), name="systolic blood pressure")

    def crit(text):
        t = Threshold(text=text, span=(0, len(text)), measurement=m, comparator=">=", value=150,
                      unit="mm[Hg]", unit_text="mmHg")
        return _crit("E1", text, thresholds=[t])

    assert criterion_key(crit("SBP >= 150/95 mmHg")) != criterion_key(crit("SBP >= 150/100 mmHg"))
    assert criterion_key(crit("SBP >= 150 mmHg")) == criterion_key(crit("SBP≥150 mmHg"))
