"""Registry pages saved as HTML: rendered to text (lists as bullets, superscripts with a caret), the
criteria sections found by their headings, and the text readers applied to the result."""
from __future__ import annotations

import html as htmllib
from pathlib import Path

import pytest

from extractor import Options, parse_text
from extractor.readers import detect_format, html, iter_records
from extractor.types import Record

ROOT = Path(__file__).resolve().parent.parent
FAST = Options(entities=False)
PAGE = """<!DOCTYPE html>
<html><head><title>Study NCT01234567</title><style>li {color: red}</style>
<script>var s = "<li>not a criterion</li>";</script></head>
<body><nav><ul><li>Home</li><li>Search</li></ul></nav>
<h1>A Study of Drug X</h1><p>Brief summary with 3 mg/kg of drug.</p>
<h2>Eligibility Criteria</h2>
<h3>Inclusion Criteria</h3>
<ul><li>Age &ge; 18 years</li><li>ECOG performance status 0&ndash;1</li>
<li>Adequate organ function:<ul><li>ANC &gt;= 1.5 x 10<sup>9</sup>/L</li>
<li>Platelets &ge; 100,000/mm<sup>3</sup></li></ul></li></ul>
<h3>Exclusion Criteria</h3>
<!-- a comment -->
<ol><li>Pregnant or breastfeeding</li><li>LVEF &lt; 50%</li></ol>
<h2>Outcome Measures</h2><p>Overall survival at 12 months</p>
</body></html>
"""


def _criteria(doc) -> list[tuple[str, str]]:
    return [(c.kind, c.text) for c in doc.criteria]


def test_html_page_is_detected_by_name_and_by_content() -> None:
    assert detect_format("page.html", PAGE) == "html"
    assert detect_format("page.htm", "<p>x</p>") == "html"
    assert detect_format("", PAGE) == "html"
    assert detect_format("", '<?xml version="1.0"?>\n<!DOCTYPE html>\n<html><body></body></html>') == "html"
    assert detect_format("", "<clinical_study><id_info/></clinical_study>") == "ctgov-xml"
    assert detect_format("", "Inclusion Criteria:\n- Age > 18") == "text"


def test_html_render_lists_entities_and_superscripts() -> None:
    body, headings, title = html.render(PAGE)
    assert title == "Study NCT01234567"
    assert "not a criterion" not in body and "color" not in body
    assert "• Age ≥ 18 years\n• ECOG performance status 0–1\n" in body
    assert "  • ANC >= 1.5 x 10^9/L\n  • Platelets ≥ 100,000/mm^3\n" in body
    assert "1. Pregnant or breastfeeding\n2. LVEF < 50%\n" in body
    assert [line for _, line in headings] == [
        "A Study of Drug X", "Eligibility Criteria", "Inclusion Criteria", "Exclusion Criteria", "Outcome Measures"]
    assert all(body[offset:offset + len(line)] == line for offset, line in headings)


def test_html_page_criteria_kinds_and_thresholds() -> None:
    doc = parse_text(PAGE, format="html", options=FAST)
    assert (doc.trial.id, doc.trial.registry, doc.trial.source_format) == ("NCT01234567", "ClinicalTrials.gov", "html")
    assert _criteria(doc) == [
        ("inclusion", "Age ≥ 18 years"), ("inclusion", "ECOG performance status 0–1"),
        ("inclusion", "Adequate organ function:"), ("inclusion", "ANC >= 1.5 x 10^9/L"),
        ("inclusion", "Platelets ≥ 100,000/mm^3"), ("exclusion", "Pregnant or breastfeeding"),
        ("exclusion", "LVEF < 50%")]
    anc = doc.criteria[3].thresholds[0]
    assert (anc.comparator, anc.value, anc.unit) == (">=", 1.5, "10*9/L")
    assert doc.criteria[3].parent == doc.criteria[2].id
    plt = doc.criteria[4].thresholds[0]
    assert (plt.value, plt.unit) == (100000, "/mm3")


def test_html_definition_list_with_sections_between_criteria() -> None:
    page = ("<html><head><title>ISRCTN12345678: exercise</title></head><body><h1>Exercise</h1><dl>"
            "<dt>Participant inclusion criteria</dt><dd>1. Aged 18 years or over<br>2. BMI &ge; 30 kg/m<sup>2</sup></dd>"
            "<dt>Participant type</dt><dd>Patient</dd>"
            "<dt>Participant exclusion criteria</dt><dd>1. Pregnancy<br>2. eGFR &lt; 30 ml/min/1.73m<sup>2</sup></dd>"
            "<dt>Recruitment start date</dt><dd>01/01/2020</dd></dl></body></html>")
    doc = parse_text(page, format="html", options=FAST)
    assert (doc.trial.id, doc.trial.registry) == ("ISRCTN12345678", "ISRCTN")
    assert _criteria(doc) == [("inclusion", "Aged 18 years or over"), ("inclusion", "BMI ≥ 30 kg/m^2"),
                              ("exclusion", "Pregnancy"), ("exclusion", "eGFR < 30 ml/min/1.73m^2")]
    assert doc.criteria[1].thresholds[0].unit == "kg/m2"


def test_html_without_heading_elements_starts_at_the_first_kind_header() -> None:
    page = ("<div><p>Home | Search</p><p>Ages: 18 and older</p><p>Inclusion Criteria:</p>"
            "<ul><li>Hemoglobin &gt; 9 g/dL</li></ul><p>Exclusion Criteria:</p><ul><li>Active infection</li></ul></div>")
    doc = parse_text(page, format="html", options=FAST)
    assert _criteria(doc) == [("inclusion", "Hemoglobin > 9 g/dL"), ("exclusion", "Active infection")]


def test_html_medpath_page_is_read_by_the_medpath_layout() -> None:
    lines = (ROOT / "corpus" / "medpath" / "NCT05460481.txt").read_text(encoding="utf-8").splitlines()
    out, in_list = ["<html><body>"], False
    for line in lines:
        item = line.strip()
        if item.startswith("•") != in_list:
            out.append("<ul>" if not in_list else "</ul>")
            in_list = not in_list
        if item:
            out.append(f"<li>{htmllib.escape(item[1:].strip())}</li>" if in_list else f"<div>{htmllib.escape(item)}</div>")
    doc = parse_text("\n".join(out + ["</body></html>"]), format="html", options=FAST)
    assert (doc.trial.id, doc.trial.source_format) == ("NCT05460481", "html")
    kinds = [c.kind for c in doc.criteria]
    assert (kinds.count("inclusion"), kinds.count("exclusion")) == (7, 26)
    sbp = [t for c in doc.criteria for t in c.thresholds if t.unit == "mm[Hg]"]
    assert [(t.comparator, t.value) for t in sbp] == [(">=", 150), (">=", 100)]


@pytest.mark.parametrize("page", ["<html></html>", "<html><body><script>x</script></body></html>"])
def test_html_page_without_text_has_no_criteria(tmp_path: Path, page: str) -> None:
    path = tmp_path / "empty.html"
    path.write_text(page, encoding="utf-8")
    [record] = list(iter_records(str(path)))
    assert isinstance(record, Record)
    assert (record.blocks, record.warnings) == ((), ("no eligibility criteria in record",))


def test_html_truncated_page_keeps_what_was_read(tmp_path: Path) -> None:
    path = tmp_path / "cut.html"
    path.write_text(PAGE[: PAGE.index("<li>Pregnant")] + "<li>Pregnant or breast", encoding="utf-8")
    [record] = list(iter_records(str(path)))
    assert isinstance(record, Record) and record.text.rstrip().endswith("1. Pregnant or breast")


@pytest.mark.parametrize("field, text", [
    ("HbA1c >= 7% and BMI < 40", "HbA1c >= 7% and BMI < 40"),  # no markup: unchanged
    ("1. HbA1c &gt;= 7%<br>2. BMI &lt; 40 kg/m<sup>2</sup>", "1. HbA1c >= 7%\n2. BMI < 40 kg/m^2"),
    ("Age <18 years<br/>eGFR <30", "Age <18 years\neGFR <30"),  # a '<' that starts no tag stays a sign
    ("line one\nline two &amp; three", "line one\nline two & three"),  # the field's own line breaks kept
    ("<ul><li>Pregnancy</li><li>HIV</li></ul>", "• Pregnancy\n• HIV"),
])
def test_html_field_text(field: str, text: str) -> None:
    assert html.field_text(field) == text


def test_html_page_with_field_labels_in_paragraphs() -> None:
    page = ("<div><p>Brief Summary: a study of X</p><p>Study Type: Interventional</p><p>Phase: Phase 2</p>"
            "<p>Eligibility Criteria:</p><p>Inclusion Criteria:</p><ul><li>Age &ge; 18 years</li></ul>"
            "<p>Exclusion Criteria:</p><ul><li>Pregnancy</li></ul><p>Contacts: Dr Who</p><p>Start Date: 2020</p></div>")
    doc = parse_text(page, format="html", options=FAST)
    assert _criteria(doc) == [("inclusion", "Age ≥ 18 years"), ("exclusion", "Pregnancy")]


def test_html_registry_table_rows_read_as_labelled_fields() -> None:
    page = ("<html><head><title>ACTRN12620000001234 - Trial of X</title></head><body><table>"
            "<tr><td>Trial ID</td><td>ACTRN12620000001234</td></tr><tr><td>Public title</td><td>Trial of X</td></tr>"
            "<tr><td>Study type</td><td>Interventional</td></tr>"
            "<tr><td>Key inclusion criteria</td><td>1. Aged 18 years or older<br>2. HbA1c &gt;= 7%</td></tr>"
            "<tr><td>Minimum age</td><td>18 Years</td></tr>"
            "<tr><td>Key exclusion criteria</td><td>1. Pregnancy<br>2. eGFR &lt; 30 mL/min</td></tr>"
            "<tr><td>Date of registration</td><td>01/01/2020</td></tr></table></body></html>")
    body = html.render(page)[0]
    assert "Key inclusion criteria: 1. Aged 18 years or older\n2. HbA1c >= 7%\n" in body
    doc = parse_text(page, format="html", options=FAST)
    assert (doc.trial.id, doc.trial.registry) == ("ACTRN12620000001234", "ANZCTR")
    assert _criteria(doc) == [("inclusion", "Aged 18 years or older"), ("inclusion", "HbA1c >= 7%"),
                              ("exclusion", "Pregnancy"), ("exclusion", "eGFR < 30 mL/min")]


def test_html_criteria_section_stops_at_field_labels_and_skips_intro_prose() -> None:
    page = ("<html><body><h2>Participation Criteria</h2><p>Researchers look for people who fit a certain description."
            "</p><h3>Eligibility Criteria</h3><p>Inclusion Criteria:</p><ul><li>Adults</li></ul>"
            "<p>Exclusion Criteria:</p><ul><li>Pregnancy</li></ul><div>Minimum age</div><div>18 Years</div>"
            "<div>Sex</div><div>Females</div><h2>Study Plan</h2><p>Randomized</p></body></html>")
    doc = parse_text(page, format="html", options=FAST)
    assert _criteria(doc) == [("inclusion", "Adults"), ("exclusion", "Pregnancy")]


def test_html_section_code_cells_make_one_label() -> None:
    page = ("<html><body><table>"
            "<tr><td>A.2</td><td>EudraCT number</td><td>2015-001234-56</td></tr>"
            "<tr><td>A.3</td><td>Full title of the trial</td><td>A trial of X</td></tr>"
            "<tr><td>E.1.1</td><td>Medical condition(s) being investigated</td><td>Psoriasis</td></tr>"
            "<tr><td>E.3</td><td>Principal inclusion criteria</td><td>1. Adults<br />2. PASI &ge; 12</td></tr>"
            "<tr><td>E.4</td><td>Principal exclusion criteria</td><td>1. Pregnancy</td></tr>"
            "<tr><td>E.5.1</td><td>Primary end point(s)</td><td>PASI 90 at week 16</td></tr></table></body></html>")
    assert "E.3 Principal inclusion criteria: 1. Adults\n2. PASI ≥ 12\n" in html.render(page)[0]
    doc = parse_text(page, format="html", options=FAST)
    assert doc.trial.id == "2015-001234-56"
    assert _criteria(doc) == [("inclusion", "Adults"), ("inclusion", "PASI ≥ 12"), ("exclusion", "Pregnancy")]


def test_html_description_row_continues_the_criteria_heading() -> None:
    page = ("<html><body><h3>Study Type</h3><p>Interventional</p><h3>Acronym</h3><p>ERAS</p>"
            "<h3>Phase</h3><p>N/A</p><table><tr><th>Inclusion Criteria</th></tr><tr><th>Gender</th><td>Both</td></tr>"
            "<tr><th>Age</th><td>19Year~80Year</td></tr><tr><th>Description</th><td>1) Patients aged 19 to 80 years"
            "<br>2) ECOG 0 or 1</td></tr><tr><th>Exclusion Criteria</th><td>1) Pregnancy</td></tr>"
            "<tr><th>Healthy Volunteers</th><td>No</td></tr></table></body></html>")
    doc = parse_text(page, format="html", options=FAST)
    assert _criteria(doc) == [("inclusion", "Patients aged 19 to 80 years"), ("inclusion", "ECOG 0 or 1"),
                              ("exclusion", "Pregnancy")]
