"""Coordinated entities split into conjuncts (extractor/components/conjuncts.py, models/conjuncts.json)."""

import pytest

from extractor.components.conjuncts import conjuncts, split_coordinated
from extractor.errors import RuleFileError
from extractor.types import Entity


def _split(text, etype="condition", prefix=""):
    full = prefix + text
    ent = Entity(etype, text, (len(prefix), len(full)), negated=True)
    out = conjuncts(full, ent)
    if out is not None:
        for e in out:
            assert full[e.span[0]:e.span[1]] == e.text  # the contract: text is the span's slice
    return None if out is None else [(e.text, e.name) for e in out]


@pytest.mark.parametrize("text,expected", [
    # the head on the right is shared: the conjunct's span runs to the end, its words are the name
    ("drug or alcohol abuse", [("drug or alcohol abuse", "drug abuse"), ("alcohol abuse", None)]),
    ("pulmonary, cardiovascular or orthopedic disease",
     [("pulmonary, cardiovascular or orthopedic disease", "pulmonary disease"),
      ("cardiovascular or orthopedic disease", "cardiovascular disease"), ("orthopedic disease", None)]),
    ("esophageal and/or gastric varices", [("esophageal and/or gastric varices", "esophageal varices"),
                                           ("gastric varices", None)]),
    # a repeated word is not doubled
    ("basal cell or squamous cell carcinoma of the skin",
     [("basal cell or squamous cell carcinoma of the skin", "basal cell carcinoma of the skin"),
      ("squamous cell carcinoma of the skin", None)]),
    # the head shared is the last head word of the next longer conjunct (a compound such as "cell" kept)
    ("psychiatric or substance abuse disorders", [("psychiatric or substance abuse disorders", "psychiatric disorders"),
                                                  ("substance abuse disorders", None)]),
    ("brain or spinal cord trauma", [("brain or spinal cord trauma", "brain trauma"), ("spinal cord trauma", None)]),
    ("Acute bacterial or fungal infection", [("Acute bacterial or fungal infection", "Acute bacterial infection"),
                                             ("fungal infection", None)]),
    # several words not ending in a modifier stand alone; an acronym is no short code
    ("chest and abdominal enhanced CT and brain MRI", [("chest and abdominal enhanced CT", "chest enhanced CT"),
                                                       ("abdominal enhanced CT", None), ("brain MRI", None)]),
    # the words on the left are shared by a short code or across a tight slash
    ("hepatitis B or C", [("hepatitis B", None), ("hepatitis B or C", "hepatitis C")]),
    ("hepatitis B or C virus infection", [("hepatitis B or C virus infection", "hepatitis B virus infection"),
                                          ("hepatitis B or C virus infection", "hepatitis C virus infection")]),
    ("Grade 3, 4 or 5 toxicity", [("Grade 3, 4 or 5 toxicity", "Grade 3 toxicity"), ("Grade 3, 4 or 5 toxicity", "Grade 4 toxicity"),
                                  ("Grade 3, 4 or 5 toxicity", "Grade 5 toxicity")]),
    ("atrial fibrillation/flutter", [("atrial fibrillation", None), ("atrial fibrillation/flutter", "atrial flutter")]),
    # conjuncts that end in a head word stand alone
    ("diabetes or hypertension", [("diabetes", None), ("hypertension", None)]),
    ("melanoma or breast cancer", [("melanoma", None), ("breast cancer", None)]),
    ("HIV/AIDS", [("HIV", None), ("AIDS", None)]),
    # "or other" is one more conjunct
    ("gastrointestinal, cerebral, or other hemorrhage",
     [("gastrointestinal, cerebral, or other hemorrhage", "gastrointestinal hemorrhage"),
      ("cerebral, or other hemorrhage", "cerebral hemorrhage"), ("other hemorrhage", None)]),
    ("either prostate or breast cancer", [("prostate or breast cancer", "prostate cancer"), ("breast cancer", None)]),
])
def test_coordinations_are_split(text, expected):
    assert _split(text, prefix="History of ") == expected


@pytest.mark.parametrize("text", [
    "head and neck cancer",            # a fixed phrase (keep_whole)
    "hand, foot and mouth disease",
    "any other malignancy",            # no coordinator
    "malignancy or other",             # an empty conjunct
    "ALT or AST (> 3 x ULN)",          # brackets and signs
    "mg/dL",                           # a unit, not words
    "breast cancer or",                # nothing after the coordinator
    "HIV/24/7",
])
def test_entities_left_whole(text):
    assert _split(text) is None


def test_split_keeps_type_flags_and_order():
    text = "No drug or alcohol abuse, no diabetes"
    ents = [Entity("condition", "drug or alcohol abuse", (3, 24), negated=True),
            Entity("condition", "diabetes", (29, 37), negated=True)]
    [out] = split_coordinated([text], [ents])
    assert [(e.text, e.type, e.negated, e.name) for e in out] == [
        ("drug or alcohol abuse", "condition", True, "drug abuse"),
        ("alcohol abuse", "condition", True, None),
        ("diabetes", "condition", True, None)]
    assert out[0].to_dict()["name"] == "drug abuse" and "name" not in out[1].to_dict()


def test_parse_text_splits_entities_and_validates():
    import extractor
    from extractor.validation import problems

    doc = extractor.parse_text("Exclusion criteria:\n- History of drug or alcohol abuse\n", format="text")
    [crit] = doc.criteria
    assert [(e.text, e.name) for e in crit.entities] == [("drug or alcohol abuse", "drug abuse"),
                                                         ("alcohol abuse", None)]
    assert problems(doc.to_dict()) == []


def test_rule_file_is_checked():
    from extractor import rulefiles
    from extractor.resources import load_json

    data = load_json(rulefiles.MODELS, "conjuncts.json")
    rulefiles.check("conjuncts.json", data)
    data["max_conjuncts"] = 1
    with pytest.raises(RuleFileError, match=r"conjuncts.json: \$.max_conjuncts: 1 is less than the minimum of 2"):
        rulefiles.check("conjuncts.json", data)
