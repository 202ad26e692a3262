"""MedPath pages: metadata, the two criteria blocks, CRLF pages, missing or single lists."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.readers import medpath
from conftest import one_record
from extractor.types import Record

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
PAGE = CORPUS / "medpath" / "NCT05460481.txt"

needs_page = pytest.mark.skipif(not PAGE.is_file(), reason=f"shared corpus not found at {PAGE}")

MINI = (
    "MedPath\n\nA Small Trial\n\nPhase 3\nRecruiting\nRegistration Number\nISRCTN12345678\n"
    "Lead Sponsor\nSome Hospital\nRecruitment & Eligibility\n\nStatus\nCOMPLETED\n"
    "Inclusion Criteria\n  • Adults aged 18 or over\n  • Signed consent\n"
    "Exclusion Criteria\n  • Pregnancy\n  • Known allergy to X\n\nStudy & Design\n\nStudy Type\nINTERVENTIONAL\n"
)


_one = one_record


def _block_texts(record: Record) -> dict[str, str]:
    return {b.kind: record.text[b.start:b.end] for b in record.blocks}


@needs_page
def test_readers_medpath_example_metadata() -> None:
    record = _one(PAGE)
    assert record.id == "NCT05460481"
    assert record.registry == "ClinicalTrials.gov"
    assert record.title == ("Anlotinib Plus Penpulimab in Advanced Non-Small-Cell Lung Cancer Previously "
                            "Treated With PD-1/PD-L1 Inhibitors")
    assert record.sponsor == "Hunan Cancer Hospital"
    assert record.status == "RECRUITING"
    assert record.source == str(PAGE)
    assert record.source_format == "medpath"
    assert record.warnings == ()


@needs_page
def test_readers_medpath_example_text_is_whole_file() -> None:
    record = _one(PAGE)
    assert record.text == PAGE.read_bytes().decode("utf-8")


@needs_page
def test_readers_medpath_example_blocks() -> None:
    record = _one(PAGE)
    assert [b.kind for b in record.blocks] == ["inclusion", "exclusion"]
    blocks = _block_texts(record)
    inclusion, exclusion = blocks["inclusion"], blocks["exclusion"]
    assert inclusion.startswith("  • Signed and dated informed consent\n  • Non Small cell lung cancer")
    assert inclusion.endswith("during the research and within another 8 weeks after it.")
    assert inclusion.count("•") == 7
    assert exclusion.startswith("  • Small Cell Lung Cancer (including small cell cancer")
    assert exclusion.endswith("according to the researchers' judgment")
    assert exclusion.count("•") == 26
    assert "Exclusion Criteria" not in inclusion and "Study & Design" not in exclusion


@needs_page
def test_readers_medpath_crlf_page_keeps_crlf(tmp_path: Path) -> None:
    data = PAGE.read_bytes().replace(b"\n", b"\r\n")
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    record = _one(path)
    assert record.text == data.decode("utf-8")
    assert "\r\n" in record.text
    blocks = _block_texts(record)
    assert blocks["inclusion"].startswith("  • Signed and dated informed consent\r\n")
    assert blocks["exclusion"].endswith("according to the researchers' judgment")
    assert record.id == "NCT05460481" and record.status == "RECRUITING"


@pytest.mark.parametrize("trial_id, registry", [
    ("ISRCTN12345678", "ISRCTN"),
    ("NCT01234567", "ClinicalTrials.gov"),
    ("2019-002663-10", "EUCTR"),
    ("ChiCTR2000031234", "ChiCTR"),
    ("XYZ-123", None),
])
def test_readers_medpath_registry_from_id(trial_id: str, registry: str | None) -> None:
    record = medpath.read(MINI.replace("ISRCTN12345678", trial_id), "mini")
    assert record.id == trial_id
    assert record.registry == registry


def test_readers_medpath_other_page() -> None:
    record = medpath.read(MINI, "mini")
    assert (record.title, record.sponsor, record.status) == ("A Small Trial", "Some Hospital", "COMPLETED")
    assert _block_texts(record) == {
        "inclusion": "  • Adults aged 18 or over\n  • Signed consent",
        "exclusion": "  • Pregnancy\n  • Known allergy to X",
    }


def test_readers_medpath_only_inclusion() -> None:
    text = MINI.replace("Exclusion Criteria\n  • Pregnancy\n  • Known allergy to X\n", "")
    record = medpath.read(text, "mini")
    assert _block_texts(record) == {"inclusion": "  • Adults aged 18 or over\n  • Signed consent"}
    assert record.warnings == ()


def test_readers_medpath_no_criteria_sections() -> None:
    start, end = MINI.index("Inclusion Criteria"), MINI.index("\nStudy & Design")
    record = medpath.read(MINI[:start] + MINI[end:], "mini")
    assert record.blocks == ()
    assert record.warnings == ("no eligibility criteria in record",)


def test_readers_medpath_list_ends_at_blank_line_then_prose() -> None:
    text = MINI.replace("  • Known allergy to X\n\nStudy & Design",
                        "  • Known allergy to X\n\n  • Prior surgery\n\nSome unrelated paragraph.\n\nStudy & Design")
    record = medpath.read(text, "mini")
    assert _block_texts(record)["exclusion"] == "  • Pregnancy\n  • Known allergy to X\n\n  • Prior surgery"


def test_readers_medpath_empty_list_warns() -> None:
    text = MINI.replace("  • Adults aged 18 or over\n  • Signed consent\n", "")
    record = medpath.read(text, "mini")
    assert [b.kind for b in record.blocks] == ["exclusion"]
    assert record.warnings == ("empty inclusion criteria list",)


def test_readers_medpath_detected_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "page"
    path.write_text(MINI, encoding="utf-8")
    record = _one(path)
    assert record.source_format == "medpath" and record.id == "ISRCTN12345678"


def test_readers_medpath_headers_before_eligibility_section_ignored() -> None:
    text = MINI.replace("Recruitment & Eligibility\n",
                        "Brief Summary\n\nInclusion Criteria\n  • quoted in the summary\n\nRecruitment & Eligibility\n")
    record = medpath.read(text, "mini")
    assert _block_texts(record)["inclusion"] == "  • Adults aged 18 or over\n  • Signed consent"
    assert len(record.blocks) == 2
