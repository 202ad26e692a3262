"""Segmentation: criterion items, kinds, nesting, sections and exact offsets."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.segment import header_kind, segment
from extractor.types import Block, Record

ROOT = Path(__file__).resolve().parents[1]


def _record(text: str, *, wrapped: bool = False, blocks=None) -> Record:
    blocks = blocks if blocks is not None else (Block(0, len(text)),)
    return Record(id="T", registry=None, title=None, text=text, blocks=tuple(blocks),
                  source_format="text", source="t", wrapped=wrapped)


def _items(text: str, **kw):
    seg = segment(_record(text, **{k: v for k, v in kw.items() if k in ("wrapped", "blocks")}), kw.get("kind"))
    for it in seg.items:
        assert text[it.span[0]:it.span[1]] == it.text
    return seg.items


def _table(text: str, **kw):
    return [(it.id, it.parent, it.text) for it in _items(text, **kw)]


def test_segment_medpath_example_has_7_inclusion_and_26_exclusion_verbatim():
    text = (ROOT / "corpus/medpath/NCT05460481.txt").read_text(encoding="utf-8")
    inc = text.index("Inclusion Criteria\n") + len("Inclusion Criteria\n")
    exc = text.index("Exclusion Criteria\n")
    end = text.index("\nStudy & Design")
    blocks = (Block(inc, exc, "inclusion"), Block(exc + len("Exclusion Criteria\n"), end, "exclusion"))
    items = _items(text, blocks=blocks)
    bullets = [line[4:] for line in text[inc:end].splitlines() if line.startswith("  • ")]
    assert [i.text for i in items] == bullets
    assert [i.id for i in items if i.kind == "inclusion"] == [f"I{n}" for n in range(1, 8)]
    assert [i.id for i in items if i.kind == "exclusion"] == [f"E{n}" for n in range(1, 27)]
    assert items[-1].text.endswith("according to the researchers' judgment")


@pytest.mark.parametrize("text, expected", [
    ("Inclusion Criteria:\n\n* Age >= 18\n* ECOG 0-1\n\nExclusion Criteria:\n\n* Pregnant\n",
     [("I1", None, "Age >= 18"), ("I2", None, "ECOG 0-1"), ("E1", None, "Pregnant")]),
    ("INCLUSION CRITERIA\n1) Adults\n2) Consent\nEXCLUSION CRITERIA\n(a) Pregnant\n",
     [("I1", None, "Adults"), ("I2", None, "Consent"), ("E1", None, "Pregnant")]),
    ("Key Inclusion Criteria:\n- A\nKey exclusion criteria\n- B\n",
     [("I1", None, "A"), ("E1", None, "B")]),
    ("Inclusion Criteria: Age over 18\nExclusion Criteria: None\n",
     [("I1", None, "Age over 18"), ("E1", None, "None")]),
    ("Criteria for inclusion:\n• A\nCriteria for exclusion:\n• B\n", [("I1", None, "A"), ("E1", None, "B")]),
    ("Inclusions:\n- A\nExclusions:\n- B\n", [("I1", None, "A"), ("E1", None, "B")]),
    # a sentence that only says who is (not) eligible introduces a list and gives its kind
    ("Patients may be eligible for this study if they:\n- Are HIV-positive\nPatients will not be eligible for this "
     "study if they:\n- Abuse alcohol\n", [("I1", None, "Are HIV-positive"), ("E1", None, "Abuse alcohol")]),
    # one that names a group keeps it: a criterion with its items
    ("Patients may be eligible for Group 1a if they:\n- Are HIV-positive\n",
     [("I1", None, "Patients may be eligible for Group 1a if they:"), ("I2", "I1", "Are HIV-positive")]),
    # a sentence saying who is excluded ends a header's inclusion list; a later section heading returns to it
    ("Inclusion Criteria\n- Adults\nPatients with the following are excluded:\n- Renal disease\n"
     "Prior Medication:\n- Zidovudine\n",
     [("I1", None, "Adults"), ("E1", None, "Renal disease"), ("I2", None, "Zidovudine")]),
    # "any of the following" alone does not
    ("Inclusion Criteria\n- Metastatic disease including any of the following:\n  - Bone lesions\n",
     [("I1", None, "Metastatic disease including any of the following:"), ("I2", "I1", "Bone lesions")]),
    # a marker alone on its line takes the next line as its text, but not a header
    ("Inclusion Criteria:\n\n-\n\nExclusion Criteria:\n\n- Pregnant\n", [("E1", None, "Pregnant")]),
    ("Inclusion Criteria:\n1. Adults\n2.\nEXCLUSION CRITERIA:\nChildren\n", [("I1", None, "Adults"), ("E1", None, "Children")]),
    ("  -  INCLUSION CRITERIA:\n  -  A\n  -  EXCLUSION CRITERIA:\n  -  B\n", [("I1", None, "A"), ("E1", None, "B")]),
])
def test_segment_headers_set_the_kind(text, expected):
    assert _table(text) == expected


@pytest.mark.parametrize("text, expected", [
    # markdown nesting by indentation (CT.gov API v2)
    ("Inclusion Criteria:\n\n1. Risk category:\n\n   * Low risk\n   * High risk\n2. Consent\n",
     [("I1", None, "Risk category:"), ("I2", "I1", "Low risk"), ("I3", "I1", "High risk"), ("I4", None, "Consent")]),
    # a new numbering style at the same indentation is a child
    ("1. Adequate labs:\na) ANC >= 1500\nb) Platelets >= 100000\n2. Consent\n",
     [("I1", None, "Adequate labs:"), ("I2", "I1", "ANC >= 1500"), ("I3", "I1", "Platelets >= 100000"),
      ("I4", None, "Consent")]),
    # three levels
    ("* A\n  * B\n    * C\n  * D\n* E\n",
     [("I1", None, "A"), ("I2", "I1", "B"), ("I3", "I2", "C"), ("I4", "I1", "D"), ("I5", None, "E")]),
    # a plain lead-in line ending with a colon owns the marked lines below it
    ("Patients must have one of the following:\n- Stage III\n- Stage IV\nNo prior therapy\n",
     [("I1", None, "Patients must have one of the following:"), ("I2", "I1", "Stage III"),
      ("I3", "I1", "Stage IV"), ("I4", None, "No prior therapy")]),
    # decimal numbering 2.1 nests under 2.
    ("1. A\n2. B:\n2.1 C\n2.2 D\n3. E\n",
     [("I1", None, "A"), ("I2", None, "B:"), ("I3", "I2", "C"), ("I4", "I2", "D"), ("I5", None, "E")]),
    # roman numerals
    ("i. First\nii. Second\niii. Third\n", [("I1", None, "First"), ("I2", None, "Second"), ("I3", None, "Third")]),
    # text copied from a word processor: Symbol-font bullets (U+F0B7) and "o" second-level bullets
    ("\uf0b7\tAge 18 or over\n\uf0b7\tAdequate labs:\no\tANC > 1500\no\tPlatelets > 100000\n\uf0b7\tConsent\n",
     [("I1", None, "Age 18 or over"), ("I2", None, "Adequate labs:"), ("I3", "I2", "ANC > 1500"),
      ("I4", "I2", "Platelets > 100000"), ("I5", None, "Consent")]),
    ("* Condoms\n\n  o Male patients will be advised\n* Consent\n",
     [("I1", None, "Condoms"), ("I2", "I1", "Male patients will be advised"), ("I3", None, "Consent")]),
    # "o" is the second-level bullet before lower case too (Word's web pages, OMON records: "o owning a device");
    # no English line starts with the word "o"
    ("❖ ECOG 0-1\n❖ BMI < 35\n\no patients aged 5\n",
     [("I1", None, "ECOG 0-1"), ("I2", None, "BMI < 35"), ("I3", "I2", "patients aged 5")]),
    # full-width numbering of Chinese registries, one per line or run together on one line
    ("1. Aged 18-75 years；\n2、Ulcerative colitis；\n3、Active disease, defined as：\n（1）Mayo score 6-12；\n",
     [("I1", None, "Aged 18-75 years；"), ("I2", None, "Ulcerative colitis；"), ("I3", None, "Active disease, defined as："),
      ("I4", "I3", "Mayo score 6-12；")]),
    ("（1）Crohn's disease；（2）Received biologic agents；（3）Pregnant women.\n",
     [("I1", None, "Crohn's disease；"), ("I2", None, "Received biologic agents；"), ("I3", None, "Pregnant women.")]),
    # a marked item broken without indentation (a <br> in a registry field): the next line continues it when
    # it starts in lower case or the item stops on a comma
    ("1. Confirmed non-small cell lung\ncancer (NSCLC)\n2. On a stable dose for 6 weeks,\nOr not taking any\n"
     "3. Consent\nAge 18 or over\n",
     [("I1", None, "Confirmed non-small cell lung\ncancer (NSCLC)"), ("I2", None, "On a stable dose for 6 weeks,\nOr not taking any"),
      ("I3", None, "Consent"), ("I4", None, "Age 18 or over")]),
    # a list whose first item is on the header's line (registry fields: "Inclusion criteria: 1. …")
    ("Inclusion criteria: 1. Aged 18 or over\n   a. with diabetes\n2. ECOG 0-1\n",
     [("I1", None, "Aged 18 or over"), ("I2", "I1", "with diabetes"), ("I3", None, "ECOG 0-1")]),
])
def test_segment_nesting(text, expected):
    assert _table(text) == expected


def test_segment_plain_lines_are_one_criterion_each_with_kind_option():
    text = "Patients with symptomatic CNS metastases \nHIV+ patients \n\nPregnant or lactating females.       \n"
    items = _items(text, kind="exclusion")
    assert [(i.id, i.kind, i.text) for i in items] == [
        ("E1", "exclusion", "Patients with symptomatic CNS metastases"),
        ("E2", "exclusion", "HIV+ patients"),
        ("E3", "exclusion", "Pregnant or lactating females.")]


def test_segment_without_header_warns_and_defaults_to_inclusion():
    seg = segment(_record("Adults\nConsent\n"))
    assert [i.kind for i in seg.items] == ["inclusion", "inclusion"]
    assert seg.warnings == ["no inclusion/exclusion header found for some criteria; taken as inclusion"]


def test_segment_wrapped_lines_join_into_one_item_with_exact_offsets_on_crlf():
    text = ("\r\n        Inclusion Criteria:\r\n\r\n          -  Phase I - Current grade 1 AIN OR grade 2 or\r\n"
            "             3 AIN.\r\n\r\n          -  Capability of complying.\r\n\r\n        Exclusion Criteria:\r\n\r\n"
            "        History of ventricular arrhythmias or myocardial\r\n        infarction.\r\n")
    items = _items(text, wrapped=True)
    assert [(i.id, i.text) for i in items] == [
        ("I1", "Phase I - Current grade 1 AIN OR grade 2 or\r\n             3 AIN."),
        ("I2", "Capability of complying."),
        ("E1", "History of ventricular arrhythmias or myocardial\r\n        infarction.")]


def test_segment_unwrapped_hanging_indent_continues_the_bullet():
    text = "* First line of a bullet\n  continued here\n* Second\n"
    assert [i.text for i in _items(text)] == ["First line of a bullet\n  continued here", "Second"]


def test_segment_preamble_sets_kind_and_is_not_a_criterion():
    text = ("Participants are not eligible for the study if any of the following criteria are met:\n- A\n- B\n")
    seg = segment(_record(text))
    assert [(i.id, i.text, i.parent) for i in seg.items] == [("E1", "A", None), ("E2", "B", None)]
    assert seg.skipped == [(0, text.index("\n"))]


def test_segment_preamble_wrapped_over_two_lines_is_not_a_criterion():
    text = ("Exclusion Criteria:\nPatients are excluded from the study if any of the\nfollowing criteria apply:\n"
            "1. Drug-induced psoriasis.\n")
    seg = segment(_record(text))
    assert [(i.id, i.text) for i in seg.items] == [("E1", "Drug-induced psoriasis.")]
    # a line that is a criterion of its own stays one, even before a preamble
    text = "Adults with asthma\nPatients with any of the following will be excluded:\n- smokers\n"
    assert [(i.id, i.text) for i in segment(_record(text)).items] == [("I1", "Adults with asthma"), ("E1", "smokers")]


def test_segment_next_numbered_section_ends_the_criteria():
    text = ("5.1\tInclusion Criteria\n1)\tAged 65 years or over.\n5.2\tExclusion Criteria\n1)\tPathological fracture.\n"
            "5.3\tScreen Failures\nScreen failures are participants who consent but are not randomised.\n"
            "5.4\tStrategies for Recruitment\n1)\tDaily review of theatre lists.\n")
    assert [(i.id, i.text) for i in segment(_record(text)).items] == [
        ("I1", "Aged 65 years or over."), ("E1", "Pathological fracture.")]
    # numbered items under an unnumbered header, and sub-numbers of the header's own number, stay criteria
    text = "Inclusion Criteria:\n2.1 Adults aged 18 or over\n2.2 Informed consent\n"
    assert [i.text for i in segment(_record(text)).items] == ["Adults aged 18 or over", "Informed consent"]
    text = "5.1 Inclusion Criteria\n5.1.1 Adults aged 18 or over\n5.1.2 Informed Consent\n"
    assert [i.text for i in segment(_record(text)).items] == ["Adults aged 18 or over", "Informed Consent"]


def test_segment_one_line_section_of_clauses_is_cut_at_semicolons_under_each_header():
    text = ("Inclusion criteria:\nPatients of both sexes; aged 18 years or older; Karnofsky 70% or higher\n"
            "Exclusion criteria:\nPrevious radiotherapy; oral mucositis at baseline; pregnant women\n")
    assert [(i.id, i.text) for i in segment(_record(text)).items] == [
        ("I1", "Patients of both sexes;"), ("I2", "aged 18 years or older;"), ("I3", "Karnofsky 70% or higher"),
        ("E1", "Previous radiotherapy;"), ("E2", "oral mucositis at baseline;"), ("E3", "pregnant women")]
    # a list item with semicolons stays one criterion
    text = "Exclusion criteria:\n- Pregnant; breast-feeding; or unwilling to use contraception\n"
    assert [i.text for i in segment(_record(text)).items] == [
        "Pregnant; breast-feeding; or unwilling to use contraception"]


def test_segment_item_broken_after_a_dangling_word_goes_on():
    text = ("Inclusion criteria:\n6. Receiving glucocorticoids, with a dose of at least\n10 mg/day of prednisolone.\n"
            "7. Women of child-bearing potential must use contraception.\n")
    assert [i.text for i in segment(_record(text)).items] == [
        "Receiving glucocorticoids, with a dose of at least\n10 mg/day of prednisolone.",
        "Women of child-bearing potential must use contraception."]


def test_segment_o_bullets_in_lower_case_are_sub_items():
    text = ("- Able to use a smartphone, defined as:\n  o owning a device running Android 9\n"
            "  o having a mobile data connection\n- Consent\n")
    assert _table(text) == [("I1", None, "Able to use a smartphone, defined as:"),
                            ("I2", "I1", "owning a device running Android 9"),
                            ("I3", "I1", "having a mobile data connection"), ("I4", None, "Consent")]


def test_segment_short_heading_becomes_section():
    text = "Exclusion Criteria:\nHematologic:\n- Platelets < 100,000/mm3\nRenal:\n- Creatinine > 2 mg/dL\n"
    items = _items(text)
    assert [(i.id, i.section, i.text) for i in items] == [
        ("E1", "Hematologic", "Platelets < 100,000/mm3"), ("E2", "Renal", "Creatinine > 2 mg/dL")]


def test_segment_caps_label_at_line_start_becomes_section():
    text = "DISEASE CHARACTERISTICS: Histologically proven lung cancer\n\nPATIENT CHARACTERISTICS: Age 18 and over\n"
    items = _items(text, wrapped=True)
    assert [(i.section, i.text) for i in items] == [
        ("DISEASE CHARACTERISTICS", "Histologically proven lung cancer"),
        ("PATIENT CHARACTERISTICS", "Age 18 and over")]


def test_segment_flattened_numbered_list_is_split():
    text = ("Inclusion Criteria: A subject must meet all the following inclusion criteria to be eligible. "
            "Pre-operative: 1. Is less than 18 years of age. 2. Requires an elective surgical procedure. "
            "3. Consent is given by the legal guardian.")
    items = _items(text)
    assert [(i.text, i.section) for i in items] == [
        ("Is less than 18 years of age.", "Pre-operative"),
        ("Requires an elective surgical procedure.", "Pre-operative"),
        ("Consent is given by the legal guardian.", "Pre-operative")]


def test_segment_flattened_dash_list_is_split():
    text = ("- Born at 29 weeks gestational age who are entering their first RSV season on the day of inclusion "
            "- Informed consent form has been signed and dated by the parents - Able to attend the scheduled visit")
    assert [i.text for i in _items(text)] == [
        "Born at 29 weeks gestational age who are entering their first RSV season on the day of inclusion",
        "Informed consent form has been signed and dated by the parents", "Able to attend the scheduled visit"]


def test_segment_atomic_blocks_are_one_criterion_each():
    text = "Age >= 18 years\nSigned consent"
    blocks = (Block(0, 15, "inclusion", atomic=True), Block(16, len(text), "exclusion", atomic=True))
    assert [(i.id, i.text) for i in _items(text, blocks=blocks)] == [("I1", "Age >= 18 years"), ("E1", "Signed consent")]


def test_segment_marker_alone_on_its_line_takes_the_next_line():
    assert [i.text for i in _items("•\nAdults aged 18 or more\n•\nConsent\n")] == ["Adults aged 18 or more", "Consent"]


def test_segment_decimal_numbers_are_not_markers():
    assert [i.text for i in _items("1.5 x ULN is the limit\n")] == ["1.5 x ULN is the limit"]


@pytest.mark.parametrize("line, expected", [
    ("Inclusion Criteria:", (True, "inclusion", "")),
    ("EXCLUSION CRITERIA", (True, "exclusion", "")),
    ("Inclusion/Exclusion Criteria:", (True, None, "")),
    ("Eligibility Criteria: adults", (True, None, " adults")),
    ("PARTICIPANT INCLUSION CRITERIA:", (True, "inclusion", "")),
    ("Patients meeting inclusion criteria of the parent study and randomized", (False, None, "")),
    ("Exclusion of patients with prior surgery is required by the protocol", (False, None, "")),
    ("Healthy at inclusion", (False, None, "")),
    ("Age at inclusion", (False, None, "")),
    ("Inclusion:", (True, "inclusion", "")),
])
def test_segment_header_kind(line, expected):
    assert header_kind(line) == expected


@pytest.mark.parametrize("line, expected", [
    ("Participants are not eligible for the study if any of the following criteria are met:", True),
    ("A subject must meet all the following inclusion criteria to be eligible for participation in this study.", True),
    ("Patients with the following symptoms or conditions are excluded:", True),
    ("Those who had previously received local radiotherapy were eligible if they met the following criteria: "
     "the end of radiotherapy was more than 4 weeks from the start of this study", False),
    ("Patients must have one of the following:", False),
    ("The following concomitant medications are allowed: aspirin", False),
    ("Subjects must have all of the following:", True),
    ("Patients with any of the following conditions: diabetes, hypertension", False),
])
def test_segment_preamble_only_when_it_introduces_the_list(line, expected):
    seg = segment(_record(line + "\n"))
    assert (seg.items == []) is expected


@pytest.mark.parametrize("text, expected", [
    ("Inclusion criteria: adults with asthma; FEV1 >= 60%. Exclusion criteria: smokers; pregnancy.",
     [("I1", "inclusion", "adults with asthma;"), ("I2", "inclusion", "FEV1 >= 60%."), ("E1", "exclusion", "smokers;"),
      ("E2", "exclusion", "pregnancy.")]),  # a one-line record of semicolon clauses: one criterion each
    ("Inclusion Criteria: signed consent.  Key exclusion criteria: prior surgery",
     [("I1", "inclusion", "signed consent."), ("E1", "exclusion", "prior surgery")]),
    # not a header: no colon after "criteria"
    ("Inclusion criteria: patients meeting all ACR criteria. Exclusion criteria are listed in the protocol",
     [("I1", "inclusion", "patients meeting all ACR criteria. Exclusion criteria are listed in the protocol")]),
])
def test_segment_header_after_a_sentence_on_the_same_line(text, expected):
    """A flattened record states both headers on one line: the second one still starts its kind."""
    assert [(i.id, i.kind, i.text) for i in _items(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Patients must meet all of the following criteria:\n1. Age at least 18 years\n"
     "Patients meeting any of the following criteria will be excluded:\n1. Creatinine > 2 mg/dL\n",
     [("I1", None, "Age at least 18 years"), ("E1", None, "Creatinine > 2 mg/dL")]),
    ("Subjects must have all of the following:\n- Age >= 18\nSubjects must not have any of the following:\n- HIV\n",
     [("I1", None, "Age >= 18"), ("E1", None, "HIV")]),
    # a header's kind is not overridden by a preamble under it
    ("Exclusion Criteria:\nPatients must meet none of the following:\n- HIV\n", [("E1", None, "HIV")]),
])
def test_segment_preambles_set_the_kind_in_turn(text, expected):
    assert _table(text) == expected


def test_segment_short_numbered_line_from_1_is_a_list():
    assert [i.text for i in _items("1. Is less than 18 years of age. 2. Requires surgery.\n")] == [
        "Is less than 18 years of age.", "Requires surgery."]
    # a short line whose run does not start the line with 1 stays whole
    assert [i.text for i in _items("Cohort 1. Adults 2. Children\n")] == ["Cohort 1. Adults 2. Children"]


def test_segment_one_line_section_of_semicolon_clauses():
    text = ("NCT04111222 - as pasted into the form: Inclusion criteria: adults aged 18-75 years; type 2 diabetes; "
            "BMI 25-45 kg/m2; Exclusion criteria: type 1 diabetes; eGFR < 45 mL/min/1.73 m2.")
    assert [(i.kind, i.text) for i in _items(text)] == [
        ("inclusion", "NCT04111222 - as pasted into the form:"), ("inclusion", "adults aged 18-75 years;"),
        ("inclusion", "type 2 diabetes;"), ("inclusion", "BMI 25-45 kg/m2;"), ("exclusion", "type 1 diabetes;"),
        ("exclusion", "eGFR < 45 mL/min/1.73 m2.")]
    # one semicolon, or a block of several lines, is left as written
    assert [i.text for i in _items("History of MI; stroke within 6 months\n")] == ["History of MI; stroke within 6 months"]
    assert [i.text for i in _items("Adults; consent; BMI < 30\nPregnancy\n")] == ["Adults; consent; BMI < 30", "Pregnancy"]
