"""The fallback reader for registry layouts no dedicated reader knows (extractor/readers/generic.py)."""
from __future__ import annotations

import json
from pathlib import Path

import extractor
from extractor.readers import iter_records
from extractor.types import Failure, Record

ICTRP = """<?xml version="1.0" encoding="UTF-8"?>
<Trials_downloaded_from_ICTRP><Trial>
  <Main><TrialID>ACTRN12615000123456</TrialID><Public_title>A trial of X in adults with asthma</Public_title></Main>
  <Criteria>
    <Inclusion_agemin>18 Years</Inclusion_agemin>
    <Inclusion_Criteria>Adults aged 18 to 65 years with FEV1 &gt;= 60% predicted</Inclusion_Criteria>
    <Exclusion_Criteria>Creatinine &gt; 1.5 x ULN or smoking within 6 months before screening</Exclusion_Criteria>
  </Criteria>
</Trial></Trials_downloaded_from_ICTRP>
"""

CHICTR = {"ctrname": "ChiCTR", "registration_number": "ChiCTR2000012345", "public_title": "Study of Y",
          "recruitment": {"exclusion_criteria": "1. HBV DNA > 1 x 10^4 copies/ml;\n2. LVEF < 50%.",
                          "inclusion_criteria": "1. Aged 18-75 years;\n2. ECOG PS 0-2.", "min_age": "18"}}


def _one(tmp_path: Path, name: str, content: str) -> Record:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    [record] = list(iter_records(str(path)))
    assert isinstance(record, Record), record
    return record


def test_ictrp_xml_is_read_from_its_criteria_elements(tmp_path):
    rec = _one(tmp_path, "ictrp.xml", ICTRP)
    assert (rec.id, rec.registry, rec.title, rec.source_format) == (
        "ACTRN12615000123456", "ANZCTR", "A trial of X in adults with asthma", "generic")
    assert [(b.kind, rec.text[b.start:b.end]) for b in rec.blocks] == [
        ("inclusion", "Adults aged 18 to 65 years with FEV1 >= 60% predicted"),
        ("exclusion", "Creatinine > 1.5 x ULN or smoking within 6 months before screening")]
    assert "18 Years" not in rec.text  # a short age field is no criteria text
    assert rec.warnings and "Criteria.Inclusion_Criteria" in rec.warnings[0]


def test_anzctr_xml_skips_age_and_sex_fields(tmp_path):
    xml = ("<ANZCTR_Trial><actrnumber>ACTRN12612000001234</actrnumber><trial_identification>"
           "<publictitle>Exercise after stroke</publictitle></trial_identification><eligibility>"
           "<inclusivecriteria>Stroke within 6 months before enrolment</inclusivecriteria>"
           "<inclusiveminage>18</inclusiveminage><inclusiveminagetype>Years</inclusiveminagetype>"
           "<inclusivegender>Both males and females</inclusivegender><healthyvolunteer>No</healthyvolunteer>"
           "<exclusivecriteria>Unable to walk 10 m</exclusivecriteria></eligibility></ANZCTR_Trial>")
    rec = _one(tmp_path, "anzctr.xml", xml)
    assert (rec.id, rec.registry, rec.title) == ("ACTRN12612000001234", "ANZCTR", "Exercise after stroke")
    assert [(b.kind, rec.text[b.start:b.end]) for b in rec.blocks] == [
        ("inclusion", "Stroke within 6 months before enrolment"), ("exclusion", "Unable to walk 10 m")]


def test_unknown_json_registry_is_parsed_inclusion_first(tmp_path):
    rec = _one(tmp_path, "chictr.json", json.dumps(CHICTR))
    assert (rec.id, rec.registry, rec.title) == ("ChiCTR2000012345", "ChiCTR", "Study of Y")
    assert [b.kind for b in rec.blocks] == ["inclusion", "exclusion"]
    [doc] = extractor.parse(str(tmp_path / "chictr.json"))
    ths = {c.id: [(t.comparator, t.value, t.low, t.high, t.unit) for t in c.thresholds] for c in doc.criteria}
    assert ths["I1"] == [("between", None, 18, 75, "a")]
    assert ths["E1"] == [(">", 10000, None, None, "{copies}/mL")]
    assert ths["E2"] == [("<", 50, None, None, "%")]


def test_general_criteria_field_is_one_block_with_headers(tmp_path):
    rec = _one(tmp_path, "x.json", json.dumps({"trial": {"id": "DRKS00012345", "eligibility": {
        "criteria": "Inclusion Criteria:\n- Age >= 18 years\nExclusion Criteria:\n- Pregnancy"}}}))
    assert rec.id == "DRKS00012345" and rec.registry == "DRKS"
    assert [(b.kind, b.start, b.end) for b in rec.blocks] == [(None, 0, len(rec.text))]
    [doc] = extractor.parse(str(tmp_path / "x.json"))
    assert [(c.id, c.text) for c in doc.criteria] == [("I1", "Age >= 18 years"), ("E1", "Pregnancy")]


def test_short_list_items_are_all_kept(tmp_path):
    """Nothing is lost: every item of an inclusion/exclusion list is a criterion, however short; fields
    named for sex or volunteers are not criteria."""
    rec = {"trial_id": "DRKS00012345", "inclusion_criteria": ["Age >= 18", "ECOG 0-1"],
           "exclusion_criteria": ["INR > 1.5", "Pregnancy"], "inclusion_gender": "Both",
           "inclusion_healthy_volunteers": "No"}
    (tmp_path / "list.json").write_text(json.dumps(rec), encoding="utf-8")
    [doc] = extractor.parse(str(tmp_path / "list.json"))
    assert [(c.id, c.text) for c in doc.criteria] == [("I1", "Age >= 18"), ("I2", "ECOG 0-1"),
                                                       ("E1", "INR > 1.5"), ("E2", "Pregnancy")]
    assert doc.warnings == ("unknown registry layout (JSON object with keys: trial_id, inclusion_criteria, "
                            "exclusion_criteria, inclusion_gender, inclusion_healthy_volunteers): criteria read "
                            "from inclusion_criteria, exclusion_criteria",)


def test_records_without_criteria_fields_stay_unsupported(tmp_path):
    no_field = "; no inclusion, exclusion or eligibility criteria field found"
    for name, content, message in (
            ("q.json", json.dumps({"queries": [{"q": "cancer"}]}), "JSON object with keys: queries"),
            ("short.json", json.dumps({"inclusion_min_age": "18 years", "id": "X1"}),
             "JSON object with keys: inclusion_min_age, id"),
            ("feed.xml", "<rss><channel><title>news</title></channel></rss>",
             "XML root element <rss>, expected <clinical_study>" + no_field)):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        assert list(iter_records(str(path))) == [Failure(str(path), f"unsupported registry format ({message})")]


CSV = ('NCT Number,Study Title,Inclusion Criteria,Exclusion Criteria,Age\n'
       'NCT01234567,A study of X,"- Age >= 18 years\n- ECOG 0-1","- INR > 1.5\n- Pregnancy",18 Years and older\n'
       'NCT07654321,Another study,Platelets >= 100 x 10^9/L,,Child\n')


def test_csv_export_gives_one_record_per_row(tmp_path):
    (tmp_path / "studies.csv").write_text(CSV, encoding="utf-8")
    docs = extractor.parse(str(tmp_path / "studies.csv"))
    assert [(d.trial.id, d.trial.registry, d.trial.title, d.trial.source) for d in docs] == [
        ("NCT01234567", "ClinicalTrials.gov", "A study of X", f"{tmp_path / 'studies.csv'}#1"),
        ("NCT07654321", "ClinicalTrials.gov", "Another study", f"{tmp_path / 'studies.csv'}#2")]
    assert [(c.id, c.text) for c in docs[0].criteria] == [("I1", "Age >= 18 years"), ("I2", "ECOG 0-1"),
                                                           ("E1", "INR > 1.5"), ("E2", "Pregnancy")]
    assert [(t.comparator, t.value, t.unit) for t in docs[1].criteria[0].thresholds] == [(">=", 100, "10*9/L")]


def test_tsv_and_bad_csv(tmp_path):
    (tmp_path / "a.tsv").write_text("trial_id\tinclusion_criteria\nDRKS00012345\tAge >= 18\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text('a,b\n"unterminated,1\n', encoding="utf-8")
    (tmp_path / "c.csv").write_text("x,y\n1,2\n", encoding="utf-8")
    (tmp_path / "d.csv").write_text("trial_id,inclusion_criteria\n", encoding="utf-8")
    out = list(iter_records(str(tmp_path)))  # a directory: .csv and .tsv files are read
    by_source = {r.source.rsplit("/", 1)[-1]: r for r in out}
    assert isinstance(by_source["a.tsv#1"], Record) and by_source["a.tsv#1"].id == "DRKS00012345"
    assert by_source["b.csv"] == Failure(str(tmp_path / "b.csv"), "not valid CSV: unexpected end of data")
    assert by_source["c.csv#1"].message == ("unsupported registry format (CSV row with columns: x, y; no inclusion, "
                                            "exclusion or eligibility criteria field found)")
    assert by_source["d.csv"].message == "no records in CSV input (a header and no rows)"


def test_ictrp_criteria_with_html_line_breaks_and_escaped_signs(tmp_path):
    xml = ICTRP.replace(
        "Adults aged 18 to 65 years with FEV1 &gt;= 60% predicted",
        "Inclusion criteria: 1. Aged 18 years or older&lt;br&gt;2. HbA1c &amp;gt;= 7%&lt;br/&gt;3. BMI &amp;lt; 40 kg/m2")
    [doc] = list(extractor.parse_many([str(_write(tmp_path, "ictrp.xml", xml))],
                                       options=extractor.Options(entities=False)))
    texts = [(c.kind, c.text) for c in doc.criteria]
    assert texts[:3] == [("inclusion", "Aged 18 years or older"), ("inclusion", "HbA1c >= 7%"),
                         ("inclusion", "BMI < 40 kg/m2")]
    bmi = doc.criteria[2].thresholds[0]
    assert (bmi.comparator, bmi.value, bmi.unit) == ("<", 40, "kg/m2")


def _write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def _trial(trial_id: str, inclusion: str) -> str:
    return (f"<Trial><Main><TrialID>{trial_id}</TrialID><Public_title>Trial {trial_id}</Public_title></Main>"
            f"<Criteria><Inclusion_Criteria>{inclusion}</Inclusion_Criteria>"
            f"<Exclusion_Criteria>Pregnancy</Exclusion_Criteria></Criteria></Trial>")


def test_ictrp_export_of_several_trials_gives_one_record_each(tmp_path):
    xml = ("<?xml version='1.0'?><Trials_downloaded_from_ICTRP>" + _trial("ACTRN12615000123456", "Age 18 to 65 years")
           + _trial("ChiCTR2000012345", "HbA1c &gt;= 7%") + "</Trials_downloaded_from_ICTRP>")
    records = list(iter_records(str(_write(tmp_path, "export.xml", xml))))
    assert [(r.id, r.registry, r.source.rsplit("/", 1)[1]) for r in records] == [
        ("ACTRN12615000123456", "ANZCTR", "export.xml#1"), ("ChiCTR2000012345", "ChiCTR", "export.xml#2")]
    assert [r.text for r in records] == ["Age 18 to 65 years\n\nPregnancy", "HbA1c >= 7%\n\nPregnancy"]


def test_json_wrapper_of_several_studies_gives_one_record_each(tmp_path):
    def study(n: int, criteria: str) -> dict:
        return {"Rank": n, "Study": {"ProtocolSection": {
            "IdentificationModule": {"NCTId": f"NCT0000000{n}", "BriefTitle": f"T{n}"},
            "EligibilityModule": {"EligibilityCriteria": criteria, "MinimumAge": "18 Years"}}}}
    page = {"FullStudiesResponse": {"APIVrs": "1.01.05", "NStudiesFound": 2, "FullStudies": [
        study(1, "Inclusion Criteria:\n\n* Age >= 18\n\nExclusion Criteria:\n\n* Pregnancy"),
        study(2, "Inclusion Criteria:\n\n* ECOG 0-1")]}}
    records = list(iter_records(str(_write(tmp_path, "v1.json", json.dumps(page)))))
    assert [(r.id, r.title, r.source.rsplit("#", 1)[1]) for r in records] == [("NCT00000001", "T1", "1"),
                                                                              ("NCT00000002", "T2", "2")]
    assert "ECOG" not in records[0].text and records[1].text.endswith("* ECOG 0-1")


def test_one_record_with_a_list_of_criteria_objects_is_not_split(tmp_path):
    record = {"trial_id": "ISRCTN12345678", "eligibility": [{"inclusion": "Adults aged 18 or over"},
                                                            {"exclusion": "Pregnant women"}]}
    [one] = list(iter_records(str(_write(tmp_path, "one.json", json.dumps(record)))))
    assert (one.id, one.text) == ("ISRCTN12345678", "Adults aged 18 or over\n\nPregnant women")


def test_registry_number_in_a_field_not_named_id_and_study_population_skipped(tmp_path):
    record = {"drksId": "DRKS00031234", "title": "Exercise",
              "eligibility": {"inclusionCriteria": "Adults aged 18 or over", "studyPopulation": "Patients from 3 sites"}}
    [one] = list(iter_records(str(_write(tmp_path, "drks.json", json.dumps(record)))))
    assert (one.id, one.registry, one.text) == ("DRKS00031234", "DRKS", "Adults aged 18 or over")


def test_spreadsheet_with_one_criterion_per_row_groups_rows_by_trial(tmp_path):
    tsv = ("Trial ID\tNo.\tType\tCriterion\tChecked by\n"
           "NCT05234567\t1\tInclusion\tAge 12 to 75 years\tMK\n"
           "NCT05234567\t1\tExclusion\tCurrent smoker\tMK\n"
           "ISRCTN12345678\t1\tInclusion\tAged 65 years or over\tMK\n"
           "ISRCTN12345678\t1\tExclusion\tCognitive impairment (MMSE < 24)\tMK\n")
    docs = list(extractor.parse_many([str(_write(tmp_path, "export.tsv", tsv))],
                                     options=extractor.Options(entities=False)))
    assert [(d.trial.id, d.trial.registry) for d in docs] == [("NCT05234567", "ClinicalTrials.gov"),
                                                              ("ISRCTN12345678", "ISRCTN")]
    assert [(c.kind, c.text) for c in docs[1].criteria] == [("inclusion", "Aged 65 years or over"),
                                                           ("exclusion", "Cognitive impairment (MMSE < 24)")]
    assert docs[1].criteria[1].thresholds[0].value == 24


def test_csv_with_a_phase_column_is_still_one_record_per_row(tmp_path):
    csv_text = ("NCT Number,Phase,Inclusion Criteria,Exclusion Criteria\n"
                "NCT00000001,I,Adults aged 18 or over,Pregnancy\nNCT00000002,I,Children under 12,HIV infection\n")
    records = list(iter_records(str(_write(tmp_path, "export.csv", csv_text))))
    assert [(r.id, r.text) for r in records] == [("NCT00000001", "Adults aged 18 or over\n\nPregnancy"),
                                                 ("NCT00000002", "Children under 12\n\nHIV infection")]
