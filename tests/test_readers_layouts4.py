"""Layouts a fourth blind set (session 5, corpus/layouts4) found unread: French-style "non-inclusion" criteria, a
semicolon CSV with one criterion per row, a REDCap export of record/field/value rows, both sections in one
spreadsheet cell. Every test reads a small made-up file and checks the criteria it gives."""
from __future__ import annotations

import json
from pathlib import Path

import extractor
from extractor.headers import header_kind
from extractor.pipeline import Options
from extractor.readers import iter_records
from extractor.types import Record

CSV_FR = ("N° étude;Identifiant registre;Type de critère;N°;Libellé du critère (EN);Commentaire\n"
          "REA-04;NCT05941187;Inclusion;1;Adult patients admitted to intensive care;\n"
          "REA-04;NCT05941187;Non-inclusion;1;Pregnancy or breastfeeding;vérifié\n"
          ";;;;;\n"
          "LAM-22;2022-502317-41-00;Inclusion;1;Age between 18 and 70 years;\n"
          "LAM-22;2022-502317-41-00;Non-inclusion;1;Creatinine clearance < 40 mL/min;\n")

REDCAP = [{"record": "12", "field_name": "registry_id", "value": "DRKS00034517"},
          {"record": "12", "field_name": "trial_title", "value": "Arm therapy after stroke"},
          {"record": "12", "field_name": "incl_criteria", "value": "1) Stroke 2 to 12 weeks before enrolment\n2) Consent"},
          {"record": "12", "field_name": "excl_criteria", "value": "1) Severe aphasia"},
          {"record": "12", "field_name": "n_incl", "value": "2"},
          {"record": "13", "field_name": "registry_id", "value": "ACTRN12623001187640"},
          {"record": "13", "field_name": "incl_criteria", "value": "Pregnant women aged 18–45 years"},
          {"record": "13", "field_name": "excl_criteria", "value": "Multiple pregnancy"}]

ONE_CELL = ("Inclusion criteria: 1) Adults aged 19 to 75 years 2) Scheduled for elective cholecystectomy "
            "3) Written informed consent Exclusion criteria: 1) Body mass index over 35 kg/m2 2) Coagulopathy")


def _criteria(record: Record) -> list[tuple[str, str]]:
    doc = extractor.process(record, options=Options(entities=False))
    return [(c.kind, " ".join(c.text.split())) for c in doc.criteria]


def _records(tmp_path: Path, name: str, data: bytes) -> list[Record]:
    path = tmp_path / name
    path.write_bytes(data)
    records = list(iter_records(str(path)))
    assert all(isinstance(r, Record) for r in records), records
    return records


def test_non_inclusion_criteria_are_exclusions():
    assert header_kind("Non-inclusion criteria")[:2] == (True, "exclusion")
    assert header_kind("Criteria for non-inclusion:")[:2] == (True, "exclusion")
    assert header_kind("Inclusion criteria")[:2] == (True, "inclusion")
    # a wrapped sentence that starts with "criteria for eligibility" is no header
    assert header_kind("criteria for eligibility before beginning treatment")[0] is False
    doc = extractor.parse_text("6.1 Inclusion criteria\n- Aged 50 to 85 years\n6.2 Non-inclusion criteria\n"
                               "- Revision arthroplasty\n6.3 Criteria for premature withdrawal\n- Withdrawal of consent\n",
                               options=Options(entities=False))
    assert [(c.kind, c.text) for c in doc.criteria] == [("inclusion", "Aged 50 to 85 years"),
                                                        ("exclusion", "Revision arthroplasty")]


def test_semicolon_csv_with_one_criterion_per_row_and_a_registry_number_column(tmp_path):
    records = _records(tmp_path, "export.csv", CSV_FR.encode("latin-1"))
    assert [(r.id, _criteria(r)) for r in records] == [
        ("NCT05941187", [("inclusion", "Adult patients admitted to intensive care"),
                         ("exclusion", "Pregnancy or breastfeeding")]),
        ("2022-502317-41-00", [("inclusion", "Age between 18 and 70 years"),
                               ("exclusion", "Creatinine clearance < 40 mL/min")])]


def test_redcap_record_field_value_rows_are_one_record_each(tmp_path):
    records = _records(tmp_path, "redcap.json", json.dumps(REDCAP).encode())
    assert [(r.id, r.title, _criteria(r)) for r in records] == [
        ("DRKS00034517", "Arm therapy after stroke",
         [("inclusion", "Stroke 2 to 12 weeks before enrolment"), ("inclusion", "Consent"),
          ("exclusion", "Severe aphasia")]),
        ("ACTRN12623001187640", None,
         [("inclusion", "Pregnant women aged 18–45 years"), ("exclusion", "Multiple pregnancy")])]


def test_both_sections_in_one_line_without_a_stop_before_the_second_header():
    doc = extractor.parse_text(ONE_CELL, options=Options(entities=False))
    assert [(c.kind, c.text) for c in doc.criteria] == [
        ("inclusion", "Adults aged 19 to 75 years"), ("inclusion", "Scheduled for elective cholecystectomy"),
        ("inclusion", "Written informed consent"), ("exclusion", "Body mass index over 35 kg/m2"),
        ("exclusion", "Coagulopathy")]
    # a short qualifier before a header is part of it, not a criterion
    doc = extractor.parse_text("Overall Exclusion Criteria:\n- Pregnancy\n", options=Options(entities=False))
    assert [(c.kind, c.text) for c in doc.criteria] == [("exclusion", "Pregnancy")]


DIGEST = """NETWORK FEASIBILITY DIGEST - March 2024
------------------------------------------------------------
1) ADJUVANT-MEL-3 | NCT06187245 | Sponsor: Lindqvist Oncology AB
Population: adults after resection of melanoma.
Key inclusion criteria: resected stage IIB-IV melanoma; ECOG 0-1; archival tissue available.
Key exclusion criteria: uveal melanoma; prior systemic therapy (radiotherapy allowed; last fraction >= 4 weeks before); pregnancy.
Key secondary outcomes: overall survival; quality of life.
Estimated start: Q3 2024.
------------------------------------------------------------
2) BREATHE-COPD | EU CT 2023-508811-14-00 | Sponsor: Aurelian Respiratory Ltd
Population: adults with COPD.
Key inclusion criteria: age 40-80 years; FEV1/FVC < 0.70; on triple therapy for >= 3 months.
Key exclusion criteria: asthma; blood eosinophils < 100 cells/uL; lung resection in the past 12 months.
Estimated start: Q2 2024.
"""


def test_digest_of_trials_between_rules_is_one_record_each_cut_at_semicolons(tmp_path):
    records = _records(tmp_path, "digest.txt", DIGEST.encode())
    assert [r.id for r in records] == ["NCT06187245", "2023-508811-14-00"]
    first = _criteria(records[0])
    assert first == [("inclusion", "resected stage IIB-IV melanoma;"), ("inclusion", "ECOG 0-1;"),
                     ("inclusion", "archival tissue available."), ("exclusion", "uveal melanoma;"),
                     ("exclusion", "prior systemic therapy (radiotherapy allowed; last fraction >= 4 weeks before);"),
                     ("exclusion", "pregnancy.")]
    assert [k for k, _ in _criteria(records[1])] == ["inclusion"] * 3 + ["exclusion"] * 3


def test_lower_case_numbered_headings_of_an_ocr_protocol():
    text = ("4.1  criteria for eligibility\n1.   age 18-80 years.\n2.   written informed consent.\n"
            "4.2  criteria for non-eligibility\n1.   pregnancy.\n4.3  prohibited medication\n1.   amiodarone.\n")
    doc = extractor.parse_text(text, options=Options(entities=False))
    assert [(c.kind, c.text) for c in doc.criteria] == [
        ("inclusion", "age 18-80 years."), ("inclusion", "written informed consent."), ("exclusion", "pregnancy.")]
    # a limit at the start of a line stays a criterion of its own
    doc = extractor.parse_text("Inclusion criteria:\n1.5 x ULN or less for bilirubin\n", options=Options(entities=False))
    assert [c.text for c in doc.criteria] == ["1.5 x ULN or less for bilirubin"]


def test_plain_text_takes_a_registration_number_named_anywhere(tmp_path):
    text = ("Dear site teams,\n" + "Thank you for a strong recruitment month. " * 8 +
            "\nRegistration: ACTRN12624000318572.\n\nInclusion criteria:\n- Aged 5 to 12 years\n")
    [rec] = _records(tmp_path, "update.txt", text.encode())
    assert rec.id == "ACTRN12624000318572"
    # a number the text only mentions is not its id
    [rec] = _records(tmp_path, "other.txt", (("x" * 400) + "\nInclusion criteria:\n- Prior NCT01234567 participants\n").encode())
    assert rec.id is None
