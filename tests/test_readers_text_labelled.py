"""Registry pages saved as plain text: only the criteria fields are read (models/registry_fields.json)."""
from __future__ import annotations

import pytest

from extractor import Options, parse_many, parse_text
from extractor.readers.text import _labelled, label_marks

FAST = Options(entities=False)

EUCTR = """Summary
EudraCT Number: 2016-004489-24
Sponsor's Protocol Code Number: IG1405
Clinical Trial Type: EEA CTA
Trial Status: Ongoing

A. Protocol Information
A.1 Member State Concerned: Germany - BfArM
A.3 Full title of the trial: A Trial of Fibrin Sealant in Paediatric Surgery
E.1.1 Medical condition(s) being investigated: Haemorrhage during surgery (grade 1 or 2)
E.3 Principal inclusion criteria: 1. Is less than 18 years of age. 2. Requires an elective surgical procedure.
E.4 Principal exclusion criteria: 1. Subjects admitted for trauma surgery. 2. Hemoglobin < 8 g/dL.
E.5.1 Primary end point(s): Proportion of subjects achieving hemostasis within 4 minutes
F.1.2 Adults (18-64 years): Yes
"""

CTGOV_TEXT = """ClinicalTrials.gov ID: NCT01234567
Brief Summary:
A study of drug X in adults with asthma, 12 weeks of treatment.
Study Type: Interventional
Phase: Phase 2
Eligibility
Ages Eligible for Study: 18 Years to 65 Years
Sexes Eligible for Study: All
Criteria:
Inclusion Criteria:
- FEV1 >= 60% predicted
- Age:
  18 to 65 years
Exclusion Criteria:
- Smoking within 6 months before screening
Contacts and Locations
Boston, Massachusetts, United States
"""


def _criteria(doc) -> list[tuple[str, str]]:
    return [(c.kind, c.text) for c in doc.criteria]


def test_euctr_text_download_reads_only_e3_and_e4() -> None:
    doc = parse_text(EUCTR, options=FAST)
    assert (doc.trial.id, doc.trial.registry) == ("2016-004489-24", "EUCTR")
    assert doc.trial.title == "A Trial of Fibrin Sealant in Paediatric Surgery"
    assert _criteria(doc) == [
        ("inclusion", "Is less than 18 years of age."), ("inclusion", "Requires an elective surgical procedure."),
        ("exclusion", "Subjects admitted for trauma surgery."), ("exclusion", "Hemoglobin < 8 g/dL.")]
    hb = doc.criteria[3].thresholds[0]
    assert (hb.comparator, hb.value, hb.unit) == ("<", 8, "g/dL")
    assert not doc.warnings


def test_ctgov_text_page_keeps_criteria_sub_headings_and_drops_the_rest() -> None:
    doc = parse_text(CTGOV_TEXT, options=FAST)
    assert doc.trial.id == "NCT01234567"
    kinds_texts = _criteria(doc)
    assert kinds_texts[0] == ("inclusion", "FEV1 >= 60% predicted")
    assert ("exclusion", "Smoking within 6 months before screening") in kinds_texts
    assert not any("Boston" in t or "asthma" in t or "Interventional" in t for _, t in kinds_texts)
    ages = [t for c in doc.criteria for t in c.thresholds if t.unit == "a"]
    assert [(t.comparator, t.low, t.high) for t in ages] == [("between", 18, 65)]


@pytest.mark.parametrize("text", [
    "Inclusion Criteria:\n- Age >= 18\nExclusion Criteria:\n- Pregnancy\n",  # plain criteria
    "Inclusion Criteria:\nAge:\n- 18 and over\nPerformance status:\n- ECOG 0-1\nHematopoietic:\n- ANC >= 1500\n",
    "Title: X\nPhase: 2\nStatus: recruiting\nNo criteria label in this text\n",  # fields but no criteria label
])
def test_plain_criteria_text_is_not_labelled(text: str) -> None:
    assert _labelled(text, label_marks(text)) is None


def test_labelled_text_without_criteria_body_has_no_blocks() -> None:
    doc = parse_text("Brief Summary: x\nPhase: 2\nStudy Type: Interventional\nEligibility Criteria:\nContacts: y\n",
                     options=FAST)
    assert doc.criteria == ()
    assert "the eligibility criteria section holds no criterion" in doc.warnings


def test_isrctn_page_copied_as_text() -> None:
    text = ("ISRCTN12949496\nPlain English Summary\nBackground and study aims: to test exercise\nStudy design\n"
            "Randomised\nParticipant inclusion criteria\n1. Aged 18 years or over\n2. BMI >= 30 kg/m2\n"
            "Participant type(s)\nPatient\nParticipant exclusion criteria\n1. Pregnancy\n2. eGFR < 30 ml/min\n"
            "Recruitment start date\n01/01/2020\n")
    doc = parse_text(text, options=FAST)
    assert (doc.trial.id, doc.trial.registry) == ("ISRCTN12949496", "ISRCTN")
    assert _criteria(doc) == [("inclusion", "Aged 18 years or over"), ("inclusion", "BMI >= 30 kg/m2"),
                              ("exclusion", "Pregnancy"), ("exclusion", "eGFR < 30 ml/min")]


def test_tab_separated_labels_and_a_discontinuation_list() -> None:
    text = ("jRCT ID\tjRCTs031220345\nRecruitment status\tRecruiting\nPublic Title\tA study\nStudy Type\tInterventional\n"
            "Inclusion Criteria\n(1) Patients aged 16 years or older\nExclusion Criteria\n(1) Pregnant women\n"
            "Age Minimum\t>= 16age old\nDiscontinuation Criteria\n(1) When the patient requests withdrawal\n")
    doc = parse_text(text, options=FAST)
    assert _criteria(doc) == [("inclusion", "Patients aged 16 years or older"), ("exclusion", "Pregnant women")]


def test_details_label_continues_the_criteria_label() -> None:
    text = ("CTRI Number\tCTRI/2023/05/012345\nPublic Title of Study: Yoga\nPhase of Trial: Phase 4\n"
            "Method of Concealment: Centralized\nInclusion Criteria :\nAge From: 30.00 Year(s)\nAge To: 60.00 Year(s)\n"
            "Details: 1. Stage 1 hypertension\n2. Willing to practise yoga\nExclusionCriteria\n"
            "Details: 1. Secondary hypertension\nBlinding/Masking : Outcome Assessor Blinded\n")
    doc = parse_text(text, options=FAST)
    assert _criteria(doc) == [("inclusion", "Stage 1 hypertension"), ("inclusion", "Willing to practise yoga"),
                              ("exclusion", "Secondary hypertension")]


def test_page_text_with_age_and_sex_fields_and_an_exclusion_sentence() -> None:
    text = ("Eligibility Criteria\nAges Eligible for Study:   18 Years and older\nSexes Eligible for Study:   All\n"
            "Accepts Healthy Volunteers:   No\nCriteria\n\nInclusion Criteria:\n\n  * Age 18 years or older\n\n"
            "Patients with any of the following will be excluded:\n\n  * Pregnancy\n\nContacts and Locations\n"
            "Boston\nGender\nBoth\n")
    doc = parse_text(text, options=FAST)
    assert _criteria(doc) == [("inclusion", "Age 18 years or older"), ("exclusion", "Pregnancy")]


@pytest.mark.parametrize("text, trial_id, registry", [
    ("TCTR20210315001 Trial of X\nInclusion criteria: adults\n", "TCTR20210315001", "TCTR"),
    ("RBR-7x3k9mz\nInclusion criteria: adults\n", "RBR-7x3k9mz", "ReBEC"),
    ("Inclusion criteria:\n- Adults\n" + "x" * 400 + "\n- Not in NCT01234567\n", None, None),  # too far to name the trial
])
def test_plain_text_names_its_trial_near_its_start(text: str, trial_id, registry) -> None:
    doc = parse_text(text, options=FAST)
    assert (doc.trial.id, doc.trial.registry) == (trial_id, registry)


def test_pdf_page_headers_and_footers_are_not_criteria() -> None:
    header = "ABC Pharma Ltd.                 Clinical Study Protocol ABC-123\n"
    footer = "Protocol ABC-123 Version 3.0      Confidential      Page {} of 85\n\f"
    text = (header + "\nInclusion Criteria\n1. Adults aged 18 or over\n2. ECOG 0-1\n\n" + footer.format(11) + header
            + "\n3. Written consent\n\nExclusion Criteria\n1. Pregnancy\n\n" + footer.format(12) + header
            + "\n2. Prior chemotherapy\n")
    doc = parse_text(text, options=FAST)
    assert _criteria(doc) == [("inclusion", "Adults aged 18 or over"), ("inclusion", "ECOG 0-1"),
                              ("inclusion", "Written consent"), ("exclusion", "Pregnancy"),
                              ("exclusion", "Prior chemotherapy")]


def test_text_download_of_two_trials_gives_two_records(tmp_path) -> None:
    one = ("Summary\nEudraCT Number: {n}\nClinical Trial Type: EEA CTA\nTrial Status: Ongoing\n"
           "A.2 EudraCT number: {n}\nA.3 Full title of the trial: {t}\n"
           "E.3 Principal inclusion criteria: {i}\nE.4 Principal exclusion criteria: {e}\n"
           "E.5.1 Primary end point(s): Response\n\n")
    text = (one.format(n="2018-004321-12", t="Trial A", i="Adults aged 40 and above", e="Hypotension")
            + one.format(n="2020-005678-90", t="Trial B", i="Healthy adults aged 18 to 55", e="Prior COVID-19"))
    path = tmp_path / "download.txt"
    path.write_text(text, encoding="utf-8")
    docs = list(parse_many([str(path)], options=FAST))
    assert [(d.trial.id, d.trial.title, d.trial.source.rsplit("#", 1)[1]) for d in docs] == [
        ("2018-004321-12", "Trial A", "1"), ("2020-005678-90", "Trial B", "2")]
    assert [_criteria(d) for d in docs] == [[("inclusion", "Adults aged 40 and above"), ("exclusion", "Hypotension")],
                                            [("inclusion", "Healthy adults aged 18 to 55"),
                                             ("exclusion", "Prior COVID-19")]]


@pytest.mark.parametrize("number, registry", [("2023-503456-21-00", "CTIS"), ("2015-001234-56", "EUCTR")])
def test_eu_numbers_in_page_text_are_read_whole(number: str, registry: str) -> None:
    doc = parse_text(f"EU trial number {number}\nInclusion criteria: adults\n", options=FAST)
    assert (doc.trial.id, doc.trial.registry) == (number, registry)
