"""Shared test helpers: where the shared corpus is, and reading exactly one record."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.readers import iter_records
from extractor.types import Record

SHARED_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
MULTI = SHARED_CORPUS / "multi-registry"
needs_multi = pytest.mark.skipif(not MULTI.is_dir(), reason=f"shared corpus not found at {MULTI}")


def one_record(path: Path) -> Record:
    """The single record of ``path``; fails the test if the reader gives anything else."""
    results = list(iter_records(str(path)))
    assert len(results) == 1, results
    assert isinstance(results[0], Record), results[0]
    return results[0]
