"""The gold set (corpus/gold) through extractor.parse_text: a case not marked known_failure must pass.

Known failures run as xfail (strict=False) with their reason, so they are listed in the report and a
fixed one shows up as XPASS; remove its ``known_failure`` then. A broken gold file fails collection.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extractor.errors import RuleFileError
from extractor.evaluate.gold import load_file, load_gold, score_case

GOLD_DIR = Path(__file__).resolve().parent.parent / "corpus" / "gold"
CASES = load_gold(GOLD_DIR)


def _param(case):
    marks = [pytest.mark.xfail(reason=case.known_failure, strict=False)] if case.known_failure else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_eval_gold_case(case):
    result = score_case(case)
    assert result.passed, f"{case.id}: {case.text}\n{result.explain()}"


def test_eval_gold_set_is_large_enough():
    assert len(CASES) >= 73
    assert sum(1 for c in CASES if c.id.startswith("medpath-NCT05460481-")) == 33
    assert sum(len(c.thresholds) for c in CASES) >= 100


def test_eval_gold_known_failures_have_reasons():
    for case in CASES:
        assert case.known_failure is None or len(case.known_failure.strip()) >= 3, case.id


def _write(tmp_path: Path, case: dict) -> Path:
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"description": "t", "cases": [case]}), encoding="utf-8")
    return path


GOOD = {"id": "x1", "source": "test", "kind": "inclusion", "text": "Age >= 18 years",
        "thresholds": [{"text": "Age >= 18 years", "comparator": ">=", "value": 18, "low": None, "high": None,
                        "unit": "a", "reference": None, "measurement": "age"}],
        "timeframes": [], "known_failure": None}


def test_eval_gold_loader_accepts_a_good_case(tmp_path):
    (case,) = load_file(_write(tmp_path, GOOD))
    assert case.thresholds[0]["value"] == 18


@pytest.mark.parametrize("change, message", [
    ({"kind": "both"}, "'both' is not one of"),
    ({"thresholds": [{**GOOD["thresholds"][0], "comparator": "between"}]}, "is not of type 'number'"),
    ({"thresholds": [{**GOOD["thresholds"][0], "text": "Age > 18"}]}, "does not occur in the case text"),
    ({"thresholds": [{**GOOD["thresholds"][0], "unit_text": "years"}]}, "Additional properties"),
    ({"known_failure": ""}, "is not valid under any of the given schemas"),
    ({"timeframes": [{"text": "Age", "value": 1, "unit": "day", "min_days": 5, "max_days": 2,
                      "direction": None, "anchor": None}]}, "min_days 5 is greater than max_days 2"),
])
def test_eval_gold_loader_fails_loudly_on_a_broken_case(tmp_path, change, message):
    with pytest.raises(RuleFileError, match=message):
        load_file(_write(tmp_path, {**GOOD, **change}))


def test_eval_gold_loader_rejects_invalid_json_and_duplicate_ids(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"description": "t", "cases": [', encoding="utf-8")
    with pytest.raises(RuleFileError, match="invalid JSON"):
        load_file(bad)
    bad.unlink()
    for name in ("a.json", "b.json"):
        (tmp_path / name).write_text(json.dumps({"description": "t", "cases": [GOOD]}), encoding="utf-8")
    with pytest.raises(RuleFileError, match="already used"):
        load_gold(tmp_path)


def _run_eval(tmp_path: Path, monkeypatch, case: dict, *argv: str) -> tuple[int, str]:
    import argparse
    import io

    from extractor.evaluate import command
    from extractor.types import Criterion, Trial, TrialCriteria

    def nothing_found(text, **kw):
        crit = Criterion("I1", "inclusion", text, (0, len(text)))
        return TrialCriteria(Trial(None, None, None, "text", "<t>"), text, (crit,))

    monkeypatch.setattr(command, "text_parser", lambda entities: nothing_found)
    sub = argparse.ArgumentParser().add_subparsers()
    command.add_parser(sub)
    args = sub.choices["eval"].parse_args([str(_write(tmp_path, case)), "--corpus", "gold", *argv])
    out = io.StringIO()
    return command.run(args, out, io.StringIO()), out.getvalue()


def test_eval_gold_command_reports_a_regression_and_exits_1(tmp_path, monkeypatch):
    code, text = _run_eval(tmp_path, monkeypatch, GOOD)
    assert code == 1
    assert "gold: 0/1 cases pass" in text and "thresholds: 0/1 correct (0.0%)" in text
    assert "x1 (REGRESSION)" in text and 'missed threshold    "Age >= 18 years": >= 18 unit=a' in text


def test_eval_gold_command_known_failure_exits_0_json(tmp_path, monkeypatch):
    code, text = _run_eval(tmp_path, monkeypatch, {**GOOD, "known_failure": "age not found"}, "--json")
    data = json.loads(text)
    assert code == 0
    assert (data["cases"], data["cases_passed"], data["known_failures"], data["regressions"]) == (1, 0, 1, [])
    assert data["cases_detail"][0]["missed_thresholds"] == ["Age >= 18 years"]


def test_eval_gold_through_the_cli_prints_accuracy(tmp_path):
    import io

    from extractor.cli import run

    out, err = io.StringIO(), io.StringIO()
    code = run(["eval", "--corpus", "gold", str(_write(tmp_path, {**GOOD, "known_failure": "maybe"}))],
               io.StringIO(), out, err)
    assert code == 0, err.getvalue()
    assert out.getvalue().startswith("gold: ") and "thresholds: " in out.getvalue()


LINE_SOURCE = re.compile(r"^(corpus/\S+\.txt) line (\d+)\b")
ROOT = GOLD_DIR.parent.parent


@pytest.mark.parametrize("case", [c for c in CASES if LINE_SOURCE.match(c.source)], ids=lambda c: c.id)
def test_eval_gold_text_is_the_source_line(case):
    path, line_no = LINE_SOURCE.match(case.source).groups()
    with open(ROOT / path, encoding="utf-8", newline="") as fh:
        line = fh.read().split("\n")[int(line_no) - 1].rstrip()
    assert line.removeprefix("  • ") == case.text
