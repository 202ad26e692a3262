"""The Dask adapter gives the same rows as a local run, on Dask's single-machine scheduler."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from extractor.batch import run_parse
from extractor.distributed import dask_parse, parse_partition
from extractor.pipeline import Options

dask = pytest.importorskip("dask", reason="dask is an optional dependency (extractor[distributed])")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "corpus/medpath/NCT05460481.txt"


def _partitions(tmp_path: Path, n: int) -> list[str]:
    page = EXAMPLE.read_text(encoding="utf-8")
    paths = []
    for p in range(n):
        path = tmp_path / f"part{p}.zip"
        with zipfile.ZipFile(path, "w") as z:
            for i in range(3):
                z.writestr(f"p{i}.txt", page.replace("NCT05460481", f"NCT8{p:03d}{i:04d}"))
        paths.append(str(path))
    (tmp_path / "broken.json").write_text("[", encoding="utf-8")
    return paths + [str(tmp_path / "broken.json")]


def test_distributed_dask_bag_matches_a_local_run(tmp_path):
    paths = _partitions(tmp_path, 4)
    local = io.StringIO()
    run_parse(paths, local, io.StringIO(), options=Options(entities=False))
    rows = dask_parse(paths, npartitions=3, entities=False).compute(scheduler="synchronous")
    docs = [r for r in rows if '"schema_version"' in r]
    errors = [r for r in rows if r.startswith('{"source"')]
    assert docs == local.getvalue().splitlines()
    assert len(docs) == 12
    assert errors == [f'{{"source": "{tmp_path / "broken.json"}", "record_id": null, "error": '
                      f'"not valid JSON: line 1 column 2: Expecting value"}}']


def test_distributed_parse_partition_is_a_plain_generator(tmp_path):
    paths = _partitions(tmp_path, 1)[:1]
    rows = list(parse_partition(paths, entities=False, batch_size=2))
    import json

    assert [json.loads(r)["trial"]["id"] for r in rows] == ["NCT80000000", "NCT80000001", "NCT80000002"]
