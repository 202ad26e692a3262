"""Every record of the shared corpora parses, validates, and loses no criterion text."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor import Options, process_records
from extractor.readers import iter_records
from extractor.segment import segment, unclaimed
from extractor.types import Failure, Record, TrialCriteria
from extractor.validation import problems

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
API_V2 = SHARED / "ctgov-api-v2"
XML_ZIP = SHARED / "ctgov-xml" / "AllPublicXML-sample.zip"
MULTI = SHARED / "multi-registry"

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"shared corpus not found at {SHARED}")


def _check_all(path: Path, options: Options) -> tuple[int, int, list[str]]:
    """(records, criteria, problems) for every record under path, through the whole pipeline."""
    records: list[Record] = []
    failures: list[str] = []
    for r in iter_records(str(path)):
        if isinstance(r, Failure):
            failures.append(r.line())
        else:
            records.append(r)
    lost = [f"{r.source}: text outside every criterion: {[r.text[s:e] for s, e in gaps[:3]]}"
            for r in records if (gaps := unclaimed(r, segment(r)))]
    n_criteria = 0
    bad: list[str] = []
    for result in process_records(records, options=options):
        if isinstance(result, Failure):
            bad.append(result.line())
            continue
        assert isinstance(result, TrialCriteria)
        n_criteria += len(result.criteria)
        found = problems(result.to_dict())
        if found:
            bad.append(f"{result.trial.source}: {found[0]}")
    return len(records), n_criteria, failures + lost + bad


@needs_shared
@pytest.mark.slow
def test_corpus_all_api_v2_studies_parse_and_validate():
    n, n_criteria, bad = _check_all(API_V2, Options())
    assert bad == []
    assert n == 161
    assert n_criteria > 3000


@needs_shared
@pytest.mark.slow
def test_corpus_all_xml_records_of_the_zip_parse_and_validate():
    n, n_criteria, bad = _check_all(XML_ZIP, Options(entities=False))
    assert bad == []
    assert n == 5754
    assert n_criteria > 70000


@needs_shared
def test_corpus_multi_registry_records_parse_and_the_meta_file_is_rejected():
    results = list(process_records(iter_records(str(MULTI)), options=Options(entities=False)))
    failures = [r for r in results if isinstance(r, Failure)]
    docs = [r for r in results if isinstance(r, TrialCriteria)]
    assert [f.source.endswith("NA_meta-info.json") for f in failures] == [True]
    assert "unsupported registry format" in failures[0].message
    assert len(docs) == 25
    assert {d.trial.source_format for d in docs} == {"ctgov-json", "ctgov-classic-json", "ctis", "euctr", "isrctn"}
    for d in docs:
        assert problems(d.to_dict()) == []
