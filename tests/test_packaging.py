"""A non-editable install carries the schemas and model files as package data."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_packaging_wheel_contains_schemas_and_models(tmp_path):
    # Build from a copy: setuptools writes build/ and *.egg-info into the source tree it builds.
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "__pycache__",
                                                             ".pytest_cache", "corpus", "tests", "docs"))
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", str(tmp_path), str(src)],
        capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    wheel = next(tmp_path.glob("extractor-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {"extractor/schemas/output.schema.json", "extractor/cli.py", "extractor/readers/medpath.py"}
    expected |= {f"extractor/models/{p.relative_to(ROOT / 'models').as_posix()}"
                 for p in (ROOT / "models").rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    expected |= {f"extractor/schemas/rules/{p.name}" for p in (ROOT / "schemas/rules").glob("*.json")}
    assert expected - names == set()
