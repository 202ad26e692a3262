"""Legacy ClinicalTrials.gov XML: the whole sample zip, single files, directories, safe parsing."""
from __future__ import annotations

import xml.etree.ElementTree as StdET
import zipfile
from pathlib import Path

import pytest

from extractor.readers import iter_records
from extractor.types import Block, Failure, Record

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
ZIP = CORPUS / "ctgov-xml" / "AllPublicXML-sample.zip"

needs_zip = pytest.mark.skipif(not ZIP.is_file(), reason=f"shared corpus not found at {ZIP}")

STUDY = """<?xml version="1.0" encoding="UTF-8"?>
<clinical_study>
  <id_info>
    <org_study_id>ORG-7</org_study_id>
    <secondary_id>EU-1</secondary_id>
    <nct_id>NCT00000007</nct_id>
  </id_info>
  <brief_title>A &amp; B</brief_title>
  <sponsors><lead_sponsor><agency>Acme</agency></lead_sponsor></sponsors>
  <overall_status>Completed</overall_status>
  <eligibility>
    <criteria>
      <textblock>
        Inclusion Criteria:&#xD;
&#xD;
          -  Age &gt;= 18&#xD;
      </textblock>
    </criteria>
  </eligibility>
</clinical_study>
"""


@pytest.fixture(scope="module")
def zip_records() -> list:
    return list(iter_records(str(ZIP)))


def _textblocks(names: list[str]) -> dict[str, str]:
    with zipfile.ZipFile(ZIP) as archive:
        out = {}
        for name in names:
            node = StdET.fromstring(archive.read(name)).find("eligibility/criteria/textblock")
            out[name] = node.text if node is not None else ""
        return out


@needs_zip
def test_readers_ctgov_xml_reads_all_5754_records(zip_records: list) -> None:
    assert len(zip_records) == 5754
    assert all(isinstance(r, Record) for r in zip_records)
    assert all(r.source_format == "ctgov-xml" and r.wrapped for r in zip_records)
    assert len({r.id for r in zip_records}) == 5754
    assert zip_records[0].source == f"{ZIP}!NCT0000xxxx/NCT00002067.xml"
    assert zip_records[0].id == "NCT00002067"


@needs_zip
def test_readers_ctgov_xml_no_criteria_records_warn(zip_records: list) -> None:
    empty = [r for r in zip_records if not r.blocks]
    assert len(empty) == 15
    assert all(r.text.strip() == "" and r.warnings == ("no eligibility criteria in record",) for r in empty)
    assert "NCT00005388" in {r.id for r in empty}


@needs_zip
@pytest.mark.parametrize("member", [
    "NCT0000xxxx/NCT00002067.xml", "NCT0000xxxx/NCT00002822.xml", "NCT0000xxxx/NCT00001650.xml",
])
def test_readers_ctgov_xml_text_equals_textblock(zip_records: list, member: str) -> None:
    record = next(r for r in zip_records if r.source.endswith("!" + member))
    expected = _textblocks([member])[member]
    assert record.text == expected
    assert record.blocks == (Block(0, len(expected)),)
    assert "\r\n" in record.text


@needs_zip
def test_readers_ctgov_xml_metadata(zip_records: list) -> None:
    record = next(r for r in zip_records if r.id == "NCT00002822")
    assert record.title == "Combination Chemotherapy Followed by Radiation Therapy in Patients With Small Cell Lung Cancer"
    assert (record.sponsor, record.status) == ("Medical Research Council", "Completed")
    assert record.secondary_ids == ("CDR0000064998", "MRC-LU21", "EU-96019")
    assert record.text.startswith("\n        DISEASE CHARACTERISTICS:\r\n\r\n          -  Microscopically proven")


def test_readers_ctgov_xml_single_file_and_directory(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "NCT00000007.xml").write_text(STUDY, encoding="utf-8")
    (tmp_path / "a.xml").write_text(STUDY.replace("NCT00000007", "NCT00000008"), encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4 junk")
    results = list(iter_records(str(tmp_path)))
    assert [(r.source, r.id) for r in results] == [
        (str(tmp_path / "a.xml"), "NCT00000008"), (str(tmp_path / "b" / "NCT00000007.xml"), "NCT00000007")]
    record = results[1]
    assert record.text == "\n        Inclusion Criteria:\r\n\r\n          -  Age >= 18\r\n      "
    assert (record.title, record.sponsor, record.status) == ("A & B", "Acme", "Completed")
    assert record.secondary_ids == ("ORG-7", "EU-1")


def test_readers_ctgov_xml_without_criteria_is_a_record(tmp_path: Path) -> None:
    path = tmp_path / "s.xml"
    start, end = STUDY.index("  <eligibility>"), STUDY.index("</clinical_study>")
    path.write_text(STUDY[:start] + STUDY[end:], encoding="utf-8")
    [record] = list(iter_records(str(path)))
    assert isinstance(record, Record)
    assert (record.id, record.blocks, record.warnings) == ("NCT00000007", (), ("no eligibility criteria in record",))


def test_readers_ctgov_xml_other_root_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text("<rss><channel/></rss>", encoding="utf-8")
    assert list(iter_records(str(path))) == [
        Failure(str(path), "unsupported registry format (XML root element <rss>, expected <clinical_study>; "
                               "no inclusion, exclusion or eligibility criteria field found)")]
