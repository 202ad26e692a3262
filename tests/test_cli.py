"""The command line: exit codes, one-line errors, JSON Lines output, validate, help texts."""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import __version__
from extractor.cli import build_parser, run

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "corpus/medpath/NCT05460481.txt"


def _run(*argv: str, stdin: str = ""):
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), io.StringIO(stdin), out, err)
    return code, out.getvalue(), err.getvalue()


def test_cli_parse_example_prints_one_valid_document():
    code, out, err = _run("parse", "--no-entities", str(EXAMPLE))
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 1
    doc = json.loads(lines[0])
    assert doc["trial"]["id"] == "NCT05460481"
    assert doc["trial"]["source"] == str(EXAMPLE)
    assert doc["trial"]["source_format"] == "medpath"
    assert [c["kind"] for c in doc["criteria"]].count("inclusion") == 7
    assert [c["kind"] for c in doc["criteria"]].count("exclusion") == 26
    for c in doc["criteria"]:
        assert doc["text"][c["span"][0]:c["span"][1]] == c["text"]


def test_cli_parse_stdin_text_with_kind(tmp_path):
    code, out, err = _run("parse", "--no-entities", "--kind", "exclusion", "-", stdin="Pregnant women\nINR > 1.5\n")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["trial"]["source"] == "-"
    assert [(c["id"], c["text"]) for c in doc["criteria"]] == [("E1", "Pregnant women"), ("E2", "INR > 1.5")]


def test_cli_bad_input_is_one_line_and_other_records_still_written(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.json"
    binary.write_bytes(b"\x00\x01\x02garbage\x00")
    code, out, err = _run("parse", "--no-entities", str(empty), str(EXAMPLE), str(binary), str(tmp_path / "missing.xml"))
    assert code == 1
    docs = [json.loads(line) for line in out.splitlines()]
    assert [d["trial"]["id"] for d in docs] == ["NCT05460481"]
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert errors[0].startswith(f"error: {empty}: ") and "empty" in errors[0]
    assert errors[1].startswith(f"error: {binary}: ")
    assert errors[2].startswith(f"error: {tmp_path / 'missing.xml'}: ")
    assert re.fullmatch(r"extractor: 1 records written, 3 failed in [0-9.]+ s \([0-9.]+ records/s\)", err.splitlines()[-1])


def test_cli_output_file(tmp_path):
    out_file = tmp_path / "out.jsonl"
    code, out, err = _run("parse", "--no-entities", "-o", str(out_file), str(EXAMPLE))
    assert code == 0 and out == ""
    assert json.loads(out_file.read_text(encoding="utf-8"))["trial"]["id"] == "NCT05460481"


@pytest.mark.parametrize("argv", [[], ["parse"], ["parse", "--format", "nonsense", "x"], ["bogus"]])
def test_cli_usage_errors_exit_2(argv):
    code, _, err = _run(*argv)
    assert code == 2


def test_cli_version():
    code, out, _ = _run("--version")
    assert code == 0
    assert out.strip() == f"extractor {__version__}"


def test_cli_validate_reports_json_path(tmp_path):
    code, out, err = _run("parse", "--no-entities", str(EXAMPLE))
    doc = json.loads(out)
    doc["criteria"][2]["kind"] = "maybe"
    doc["criteria"][3]["span"] = [0, 5]
    good = tmp_path / "good.jsonl"
    good.write_text(out, encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(doc) + "\n{not json\n", encoding="utf-8")
    code, out, err = _run("validate", str(good), str(bad))
    assert code == 1
    assert f"{good}: 1 of 1 documents valid" in out
    assert f"{bad}: 0 of 2 documents valid" in out
    assert f"{bad}:1: $.criteria[2].kind: 'maybe' is not one of ['inclusion', 'exclusion']" in err
    assert f"{bad}:2: not valid JSON" in err


def test_cli_validate_finds_span_mismatch(tmp_path):
    _, out, _ = _run("parse", "--no-entities", str(EXAMPLE))
    doc = json.loads(out)
    doc["criteria"][3]["span"] = [0, 5]
    f = tmp_path / "bad.jsonl"
    f.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    code, _, err = _run("validate", str(f))
    assert code == 1
    assert f"{f}:1: $.criteria[3].span: text[0:5] is 'MedPa', not the item's text" in err


def _subcommands():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sub.choices


def test_cli_every_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, parser in _subcommands().items():
        assert parser.description or parser.format_help(), name
        assert re.search(rf"extractor {name}\b", readme), f"README does not document `extractor {name}`"
        code, out, _ = _run(name, "--help")
        assert code == 0 and out.startswith("usage: extractor " + name)


def test_cli_python_dash_m_works():
    proc = subprocess.run([sys.executable, "-m", "extractor", "--version"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"extractor {__version__}"
