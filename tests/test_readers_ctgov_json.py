"""ClinicalTrials.gov API v2 studies: every study of the shared corpus, layouts, metadata."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from extractor.readers import iter_records
from extractor.types import Block, Failure, Record

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
API = CORPUS / "ctgov-api-v2"
MULTI = CORPUS / "multi-registry"

needs_api = pytest.mark.skipif(not API.is_dir(), reason=f"shared corpus not found at {API}")
needs_multi = pytest.mark.skipif(not MULTI.is_dir(), reason=f"shared corpus not found at {MULTI}")

STUDY = {"protocolSection": {
    "identificationModule": {"nctId": "NCT01234567", "orgStudyIdInfo": {"id": "ORG-1"},
                             "secondaryIdInfos": [{"id": "2023-503951-81-00"}, {"id": "ORG-1"}],
                             "officialTitle": "Official title only"},
    "statusModule": {"overallStatus": "RECRUITING"},
    "sponsorCollaboratorsModule": {"leadSponsor": {"name": "Acme"}},
    "eligibilityModule": {"eligibilityCriteria": "Inclusion Criteria:\n\n* Age \\>= 18\n\nExclusion Criteria:\n\n* None"},
}}


def _records(path: Path) -> list[Record]:
    results = list(iter_records(str(path)))
    failures = [r for r in results if isinstance(r, Failure)]
    assert failures == []
    return results  # type: ignore[return-value]


@needs_api
def test_readers_ctgov_json_all_161_studies() -> None:
    expected = {}
    for path in sorted(API.glob("*.json")):
        for n, study in enumerate(json.loads(path.read_text(encoding="utf-8")), start=1):
            expected[f"{path}#{n}"] = study["protocolSection"]
    records = _records(API)
    assert len(records) == len(expected) == 161
    for record in records:
        protocol = expected[record.source]
        criteria = protocol["eligibilityModule"]["eligibilityCriteria"]
        assert record.id == protocol["identificationModule"]["nctId"]
        assert record.text == criteria and record.text.strip()
        assert record.blocks == (Block(0, len(criteria)),)
        assert record.source_format == "ctgov-json" and record.registry == "ClinicalTrials.gov"
        assert record.title and record.status and record.sponsor


@needs_api
def test_readers_ctgov_json_keeps_markdown_escapes() -> None:
    record = next(r for r in _records(API / "nsclc-phase3-100.json") if r.id == "NCT06576635")
    assert "* Life expectancy \\<12 weeks\n" in record.text
    assert record.source == f"{API / 'nsclc-phase3-100.json'}#1"


@needs_api
@pytest.mark.parametrize("nct_id, title, sponsor, status, secondary", [
    ("NCT05923281", "A Phase III Confirmatory Study of K-877 (Pemafibrate) in Patients With Hypercholesterolemia "
     "and Statin Intolerance", "Kowa Company, Ltd.", "RECRUITING", ("K-877-ER-04",)),
    ("NCT05923112", "BESPONSA Injection 1 mg Special Investigation", "Pfizer", "ACTIVE_NOT_RECRUITING", ("B1931024",)),
])
def test_readers_ctgov_json_metadata(nct_id: str, title: str, sponsor: str, status: str, secondary: tuple) -> None:
    record = next(r for r in _records(API / "sample-a.json") if r.id == nct_id)
    assert (record.title, record.sponsor, record.status, record.secondary_ids) == (title, sponsor, status, secondary)


@needs_api
def test_readers_ctgov_json_secondary_ids_with_eu_ct_number() -> None:
    record = next(r for r in _records(API / "sample-a.json") if r.id == "NCT05921903")
    assert record.secondary_ids == ("219900", "2023-503951-81-00")


@needs_multi
@pytest.mark.parametrize("name, nct_id, sponsor, n_secondary", [
    ("CTGOV2_NCT00567567.json", "NCT00567567", "Children's Oncology Group", 7),
    ("CTGOV2_NCT00716976.json", "NCT00716976", "Children's Oncology Group", 3),
    ("CTGOV2_NCT01305200.json", "NCT01305200", "Children's Oncology Group", 5),
    ("CTGOV2_NCT01987596.json", "NCT01987596", "Barbara Ann Karmanos Cancer Institute", 3),
    ("CTGOV2_NCT03275402.json", "NCT03275402", "Y-mAbs Therapeutics", 1),
])
def test_readers_ctgov_json_multi_registry_single_objects(name: str, nct_id: str, sponsor: str, n_secondary: int) -> None:
    [record] = _records(MULTI / name)
    source = json.loads((MULTI / name).read_text(encoding="utf-8"))
    assert record.source == str(MULTI / name)  # a single object: no #n
    assert (record.id, record.sponsor, len(record.secondary_ids)) == (nct_id, sponsor, n_secondary)
    assert record.text == source["protocolSection"]["eligibilityModule"]["eligibilityCriteria"]


def test_readers_ctgov_json_single_object_metadata(tmp_path: Path) -> None:
    path = tmp_path / "study.json"
    path.write_text(json.dumps(STUDY), encoding="utf-8")
    [record] = _records(path)
    assert record.id == "NCT01234567" and record.title == "Official title only"
    assert record.secondary_ids == ("ORG-1", "2023-503951-81-00")
    assert (record.sponsor, record.status) == ("Acme", "RECRUITING")
    assert record.text.endswith("* Age \\>= 18\n\nExclusion Criteria:\n\n* None")


def test_readers_ctgov_json_lines_and_page(tmp_path: Path) -> None:
    other = json.loads(json.dumps(STUDY))
    other["protocolSection"]["identificationModule"]["nctId"] = "NCT07654321"
    jsonl = tmp_path / "studies.jsonl"
    jsonl.write_text(json.dumps(STUDY) + "\n\n" + json.dumps(other) + "\n", encoding="utf-8")
    assert [(r.source, r.id) for r in _records(jsonl)] == [
        (f"{jsonl}#1", "NCT01234567"), (f"{jsonl}#2", "NCT07654321")]
    page = tmp_path / "page.json"
    page.write_text(json.dumps({"studies": [STUDY, other], "nextPageToken": "x"}), encoding="utf-8")
    assert [(r.source, r.id) for r in _records(page)] == [(f"{page}#1", "NCT01234567"), (f"{page}#2", "NCT07654321")]


def test_readers_ctgov_json_jsonl_bad_line_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "studies.jsonl"
    path.write_text(json.dumps(STUDY) + "\n{\"protocolSection\": \n" + json.dumps(STUDY) + "\n", encoding="utf-8")
    results = list(iter_records(str(path)))
    assert [type(r).__name__ for r in results] == ["Record", "Failure", "Record"]
    assert results[1].source == f"{path}#2"
    assert results[1].message.startswith("not valid JSON: line 2 column")


def test_readers_ctgov_json_in_zip(tmp_path: Path) -> None:
    path = tmp_path / "studies.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("dir/", "")
        archive.writestr("dir/one.json", json.dumps(STUDY))
        archive.writestr("dir/two.json", json.dumps([STUDY, STUDY]))
    assert [r.source for r in _records(path)] == [
        f"{path}!dir/one.json", f"{path}!dir/two.json#1", f"{path}!dir/two.json#2"]


def test_readers_ctgov_json_study_without_criteria(tmp_path: Path) -> None:
    study = json.loads(json.dumps(STUDY))
    del study["protocolSection"]["eligibilityModule"]
    path = tmp_path / "study.json"
    path.write_text(json.dumps(study), encoding="utf-8")
    [record] = _records(path)
    assert (record.text, record.blocks, record.warnings) == ("", (), ("no eligibility criteria in record",))


def test_readers_ctgov_json_forced_on_a_non_study(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"hello": 1}', encoding="utf-8")
    [failure] = list(iter_records(str(path), fmt="ctgov-json"))
    assert failure == Failure(str(path), "not a ClinicalTrials.gov API v2 study: no protocolSection object")
