"""Layouts a third blind set (session 5, corpus/layouts3) found unread: XML with a DOCTYPE and the same field in
two languages, criteria in a Markdown table, an e-mail that quotes them, a two-column synopsis from a PDF, and
the numbers of more registries. Every test reads a small made-up file and checks the criteria it gives."""
from __future__ import annotations

from pathlib import Path

import extractor
from extractor.readers import iter_records
from extractor.readers._common import first_registry_id, registry_for_id
from extractor.readers.columns import unfold
from extractor.readers.text import unquote
from extractor.pipeline import Options
from extractor.types import Record

REBEC = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE trials SYSTEM "http://www.ensaiosclinicos.gov.br/xml/opentrials.dtd">
<trials><trial>
  <trial_identification><trial_id>RBR-5m8q2tz</trial_id>
    <public_title lang="pt-br">Laser para prevenir feridas na boca</public_title>
    <public_title lang="en">Laser to prevent mouth sores</public_title></trial_identification>
  <recruitment>
    <inclusion_criteria lang="pt-br">Pacientes com 18 anos ou mais; ECOG 0 a 2.</inclusion_criteria>
    <inclusion_criteria lang="en">Patients aged 18 years or older; with oral cancer; ECOG performance status 0 to 2.</inclusion_criteria>
    <exclusion_criteria lang="pt-br">Gestantes</exclusion_criteria>
    <exclusion_criteria lang="en">Pregnant women</exclusion_criteria>
  </recruitment>
</trial></trials>
"""

MARKDOWN = """# NCT05432109 – eligibility worksheet

| Field | Value |
|---|---|
| Sex | All |

| # | Type | Criterion | Notes |
|---|---|---|---|
| 1 | Inclusion | Age **18–85** years | |
| 2 | Inclusion | Aphasia after a *left* stroke | protocol |
| 1 | Exclusion | History of seizures \\| epilepsy | |

| # | Type | Measure |
|---|---|---|
| 1 | Primary | Naming accuracy |
"""

EMAIL = """From: Claire Dumont <c.dumont@example.org>
To: Research Unit <unit@example.org>
Date: Tue, 5 Mar 2024 16:22:08 +0100
Subject: TR: updated eligibility criteria

Hello all, see the new criteria below.

> On 4 Mar 2024, Study Team <team@example.com> wrote:
>
>> Following approval of the amendment for ELEVATE-HF
>> (EU CT number 2023-504512-30-00), the criteria are now:
>>
>> INCLUSION CRITERIA
>> 1. Adults aged 50 years or older
>> 2. LVEF ≤ 40% within 12 months before screening
>>
>> EXCLUSION CRITERIA
>> 1. Systolic blood pressure < 95 mmHg
>>
>> Kind regards,
>> Study Team
"""

SYNOPSIS = """XYZ Therapeutics                                                  CONFIDENTIAL

 Name of Sponsor:     XYZ Therapeutics, Inc.
 Protocol Number:     XYZ-301
 EudraCT Number:      2022-003456-21
 Phase:               3
 Inclusion            Patients are eligible only if all of the
 Criteria:            following criteria apply:
                      1. Male or female patients aged ≥ 18 years at the time of
                         signing the informed consent form.
                      2. PASI ≥ 12 at screening.
 Exclusion            1. Drug-induced psoriasis.
 Criteria:            2. Active tuberculosis.
 Investigational      • Zelvocitinib 6 mg tablets
 Products:            • Matching placebo
"""


def _records(tmp_path: Path, name: str, content: str, encoding: str = "utf-8") -> list[Record]:
    path = tmp_path / name
    path.write_bytes(content.encode(encoding))
    records = list(iter_records(str(path)))
    assert all(isinstance(r, Record) for r in records), records
    return records


def _criteria(record: Record) -> list[tuple[str, str]]:
    doc = extractor.process(record, options=Options(entities=False))
    return [(c.kind, " ".join(c.text.split())) for c in doc.criteria]


def test_xml_with_a_doctype_is_read_and_the_english_fields_win(tmp_path):
    [rec] = _records(tmp_path, "rebec.xml", REBEC)
    assert (rec.id, rec.registry, rec.title) == ("RBR-5m8q2tz", "ReBEC", "Laser to prevent mouth sores")
    assert _criteria(rec) == [("inclusion", "Patients aged 18 years or older;"), ("inclusion", "with oral cancer;"),
                              ("inclusion", "ECOG performance status 0 to 2."),
                              ("exclusion", "Pregnant women")]


def test_markdown_criteria_table_gives_one_criterion_per_row(tmp_path):
    [rec] = _records(tmp_path, "worksheet.md", MARKDOWN)
    assert rec.id == "NCT05432109"
    assert _criteria(rec) == [("inclusion", "Age 18–85 years"), ("inclusion", "Aphasia after a left stroke"),
                              ("exclusion", "History of seizures | epilepsy")]


def test_quoted_email_is_unquoted_and_its_headers_and_signature_left_out(tmp_path):
    [rec] = _records(tmp_path, "mail.txt", EMAIL)
    assert (rec.id, rec.registry) == ("2023-504512-30-00", "CTIS")
    assert _criteria(rec) == [("inclusion", "Adults aged 50 years or older"),
                              ("inclusion", "LVEF ≤ 40% within 12 months before screening"),
                              ("exclusion", "Systolic blood pressure < 95 mmHg")]


def test_unquote_leaves_comparator_lines_alone():
    text = "Inclusion:\n> 18 years\n> 50 kg\n> 3 months\n> 100 mL/min\n> 5 points\n"
    assert unquote(text) == text


def test_two_column_synopsis_is_unfolded_into_labelled_lines(tmp_path):
    unfolded = unfold(SYNOPSIS)
    assert "Inclusion Criteria:\nPatients are eligible only if all of the\n" in unfolded
    assert "1. Male or female patients aged ≥ 18 years at the time of\n   signing the informed" in unfolded
    [rec] = _records(tmp_path, "synopsis.txt", SYNOPSIS)
    assert rec.id == "2022-003456-21"
    assert _criteria(rec) == [
        ("inclusion", "Male or female patients aged ≥ 18 years at the time of signing the informed consent form."),
        ("inclusion", "PASI ≥ 12 at screening."),
        ("exclusion", "Drug-induced psoriasis."), ("exclusion", "Active tuberculosis.")]


def test_plain_indented_text_is_not_unfolded():
    text = "Inclusion Criteria:\n\n          - Age 18 years or older\n          - ECOG 0-1\n" * 4
    assert unfold(text) == text


def test_more_registry_numbers():
    assert [registry_for_id(first_registry_id(t)) for t in (
        "Trial LBCTR2022034567 page", "SNCTP000005123 (also NCT06034512)", "PER-045-21 trial", "RPCEC00000123",
    )] == ["LBCTR", "SNCTP", "REPEC", "RPCEC"]


PACTR = """<html><body><h3>Eligibility criteria</h3>
<table><tr class="tr_head"><td>Inclusion criteria</td><td>Exclusion criteria</td><td>Minimum age</td><td>Gender</td></tr>
<tr><td>1. Children aged 6 to 59 months<br />2. Fever in the previous 24 hours</td>
<td>1. Signs of severe malaria<br />2. Haemoglobin &lt; 7 g/dL</td><td>6 Month(s)</td><td>Both</td></tr></table>
<table><tr><td>Intervention type</td><td>Dose</td></tr><tr><td>Drug</td><td>3 days</td></tr></table>
</body></html>
"""

MARKDOWN_MAIL = """**From:** Anna Keller <a.keller@example.org>
**Sent:** Tuesday, 12 March 2024 09:41
**To:** site teams
**Subject:** Updated eligibility, NCT05123456

## Inclusion criteria
- Adults aged 18 to 75 years

## Exclusion criteria
- eGFR < 30 mL/min/1.73 m²

## Notes for site staff
- The screening window is 28 days.
"""


def test_html_table_laid_out_by_column_gives_its_criteria_and_kinds(tmp_path):
    [rec] = _records(tmp_path, "pactr.html", PACTR)
    assert _criteria(rec) == [("inclusion", "Children aged 6 to 59 months"),
                              ("inclusion", "Fever in the previous 24 hours"),
                              ("exclusion", "Signs of severe malaria"), ("exclusion", "Haemoglobin < 7 g/dL")]


def test_markdown_labels_and_headings_bound_the_criteria(tmp_path):
    [rec] = _records(tmp_path, "mail.md", MARKDOWN_MAIL)
    assert rec.id == "NCT05123456"
    assert _criteria(rec) == [("inclusion", "Adults aged 18 to 75 years"), ("exclusion", "eGFR < 30 mL/min/1.73 m²")]
