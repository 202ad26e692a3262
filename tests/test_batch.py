"""Streaming batch runs: worker processes keep input order, killed runs resume, failures are logged."""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from extractor.batch import done_sources, run_parse
from extractor.pipeline import Options

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "corpus/medpath/NCT05460481.txt"
FAST = Options(entities=False)


def _make_zip(path: Path, n: int) -> Path:
    """A zip of n MedPath pages (the example with its registration number changed)."""
    page = EXAMPLE.read_text(encoding="utf-8")
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for i in range(n):
            z.writestr(f"pages/p{i:05d}.txt", page.replace("NCT05460481", f"NCT9{i:07d}"))
    return path


def _run(paths, **kw) -> tuple[list[str], str, object]:
    out, err = io.StringIO(), io.StringIO()
    stats = run_parse([str(p) for p in paths], out, err, options=FAST, **kw)
    return out.getvalue().splitlines(), err.getvalue(), stats


def test_batch_two_workers_give_the_same_output_in_the_same_order(tmp_path):
    z = _make_zip(tmp_path / "pages.zip", 40)
    one, _, s1 = _run([z], workers=1, batch_size=4)
    two, _, s2 = _run([z], workers=2, batch_size=4)
    assert s1.written == s2.written == 40
    assert one == two
    assert [json.loads(line)["trial"]["id"] for line in two[:3]] == ["NCT90000000", "NCT90000001", "NCT90000002"]


def test_batch_failures_go_to_stderr_and_the_errors_file(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in/a.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "in/b.json").write_text('{"truncated": ', encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    lines, err, stats = _run([tmp_path / "in"], errors_path=str(errors))
    assert (stats.written, stats.failed) == (1, 1)
    assert err.startswith(f"error: {tmp_path / 'in' / 'b.json'}: not valid JSON")
    row = json.loads(errors.read_text(encoding="utf-8"))
    assert row["source"] == str(tmp_path / "in" / "b.json")
    assert row["record_id"] is None
    assert row["error"].startswith("not valid JSON")


def test_batch_done_sources_cuts_a_partial_last_line(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"trial": {"source": "a"}}\n{"trial": {"source": "b"}}\n{"trial": {"sou', encoding="utf-8")
    assert done_sources(str(out)) == {"a", "b"}
    assert out.read_text(encoding="utf-8") == '{"trial": {"source": "a"}}\n{"trial": {"source": "b"}}\n'


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "extractor", "parse", "--no-entities", "--quiet", *args]


def test_batch_killed_run_resumes_to_the_same_output(tmp_path):
    z = _make_zip(tmp_path / "pages.zip", 400)
    reference = tmp_path / "reference.jsonl"
    subprocess.run(_cli("--workers", "1", "-o", str(reference), str(z)), check=True, capture_output=True)

    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(_cli("--workers", "1", "--batch-size", "8", "-o", str(out), str(z)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.stat().st_size > 0:
            break
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.fail("the run ended before it could be killed; make the input larger")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with open(out, "a", encoding="utf-8") as f:  # as if killed in the middle of a write
        f.write('{"schema_version": "1.0.0", "trial": {"id": "NCT9')
    partial = out.read_text(encoding="utf-8").count("\n")
    assert 0 < partial < 400

    done = subprocess.run(_cli("--workers", "1", "--resume", "-o", str(out), str(z)), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"{partial} already done" in done.stderr
    assert out.read_text(encoding="utf-8").splitlines() == reference.read_text(encoding="utf-8").splitlines()


def test_workers_get_one_blas_thread_unless_the_user_chose(monkeypatch):
    import os

    from extractor.batch import _one_blas_thread

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    with _one_blas_thread():
        assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
        assert os.environ["OMP_NUM_THREADS"] == "3"
    assert "OPENBLAS_NUM_THREADS" not in os.environ
    assert os.environ["OMP_NUM_THREADS"] == "3"
