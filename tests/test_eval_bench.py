"""Smoke test of ``extractor bench`` (a command, not a timed test): the report has its numbers."""
from __future__ import annotations

import argparse
import io
import json
import re

import pytest

from extractor.evaluate import bench

pytestmark = pytest.mark.skipif(not bench.DEFAULT_ZIP.exists(), reason="shared XML zip not present")


def _args(*argv: str) -> argparse.Namespace:
    sub = argparse.ArgumentParser().add_subparsers()
    bench.add_parser(sub)
    return sub.choices["bench"].parse_args(list(argv))


def test_eval_bench_limit_20_prints_positive_numbers():
    out, err = io.StringIO(), io.StringIO()
    code = bench.run(_args("--limit", "20", "--no-entities"), out, err)
    text = out.getvalue()
    assert code in (0, 1), err.getvalue()  # 1: some record failed to parse (reported on stderr)
    for field in ("trials/s", "criteria/s", "peak memory", "ratio (extractor criteria/s / medspacy criteria/s)"):
        match = re.search(re.escape(field) + r": ([0-9.]+)", text)
        assert match, f"{field} missing from:\n{text}"
        assert float(match.group(1)) > 0, f"{field} is not positive:\n{text}"
    assert "bench: 20 records" in text


def test_eval_bench_json_without_medspacy():
    out, err = io.StringIO(), io.StringIO()
    bench.run(_args("--limit", "5", "--no-entities", "--no-medspacy", "--json"), out, err)
    data = json.loads(out.getvalue())
    assert data["records"] == 5 and data["trials"] + data["failures"] == 5
    assert data["criteria_per_s"] > 0 and data["peak_mb"] > 0
    assert data["ratio"] is None and data["medspacy_seconds"] is None


def test_eval_bench_rejects_a_bad_limit():
    err = io.StringIO()
    assert bench.run(_args("--limit", "0"), io.StringIO(), err) == 2
    assert "at least 1" in err.getvalue()
