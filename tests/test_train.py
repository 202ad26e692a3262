"""Training on a tiny Chia subset, and the shipped entity recognizer."""
from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from extractor.components.ner import find_entities, load_model, load_ner, model_dir
from extractor.errors import RuleFileError
from extractor.train import add_parser, criteria_from_ctgov_zip, run, score
from extractor.types import ENTITY_TYPES, Entity

REPO = Path(__file__).resolve().parent.parent
CHIA = REPO / "corpus" / "chia"


def _args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="extractor")
    add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["train", *argv])


@pytest.mark.skipif(not (CHIA / "SPLITS.tsv").is_file(), reason="corpus/chia not present")
def test_train_tiny_subset(tmp_path):
    out = tmp_path / "ner"
    stdout, stderr = io.StringIO(), io.StringIO()
    status = run(_args(["--corpus", str(CHIA), "--output", str(out), "--limit", "5", "--max-steps", "3"]),
                 stdout, stderr)
    assert status == 0, stderr.getvalue()
    model = out / "model"
    assert (model / "config.cfg").is_file() and (model / "ner").is_dir()
    nlp = load_model(model)
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert sorted(nlp.get_pipe("ner").labels) == sorted(ENTITY_TYPES)
    doc = nlp("History of myocardial infarction; SBP≥140 mmHg")
    assert [t.text for t in doc][-4:] == ["SBP", "≥", "140", "mmHg"]  # customised tokenizer was saved
    assert all(e.label_ in ENTITY_TYPES for e in doc.ents)
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert set(metrics["strict"]["per_type"]) == set(ENTITY_TYPES)
    assert metrics["criteria"] > 0 and "MICRO" in stdout.getvalue()


def test_train_reports_missing_corpus(tmp_path):
    stderr = io.StringIO()
    status = run(_args(["--corpus", str(tmp_path / "nope"), "--output", str(tmp_path / "o")]), io.StringIO(), stderr)
    assert status == 1 and stderr.getvalue().startswith("error:")


def test_score_strict_and_relaxed():
    gold = [[(0, 10, "condition"), (15, 20, "drug")]]
    pred = [[(0, 10, "condition"), (14, 18, "drug"), (30, 35, "device")]]
    m = score(gold, pred)
    assert m["strict"]["micro"]["p"] == pytest.approx(1 / 3, abs=1e-4)
    assert m["strict"]["micro"]["r"] == 0.5
    assert m["relaxed"]["micro"]["p"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["relaxed"]["micro"]["r"] == 1.0
    assert m["relaxed"]["per_type"]["device"]["p"] == 0.0


@pytest.mark.skipif(not (model_dir() / "config.cfg").is_file(), reason="shipped model missing")
def test_shipped_model_finds_condition():
    text = "History of myocardial infarction"
    [ents] = find_entities([text])
    assert Entity("condition", "myocardial infarction", (11, 32)) in ents
    nlp = load_ner()
    assert load_ner() is nlp
    assert sorted(nlp.get_pipe("ner").labels) == sorted(ENTITY_TYPES)
    assert nlp.pipe_names == ["tok2vec", "ner"]


@pytest.mark.skipif(not (model_dir() / "config.cfg").is_file(), reason="shipped model missing")
def test_find_entities_spans_match_text():
    texts = ["Patients with type 2 diabetes treated with metformin", "", "Pregnant women"]
    results = find_entities(texts, batch_size=2)
    assert len(results) == 3 and results[1] == []
    for text, ents in zip(texts, results):
        for e in ents:
            assert text[e.span[0]:e.span[1]] == e.text and e.type in ENTITY_TYPES
    assert any(e.type == "drug" and e.text == "metformin" for e in results[0])
    assert find_entities([]) == []


@pytest.mark.skipif(not (CHIA / "SPLITS.tsv").is_file(), reason="corpus/chia not present")
def test_train_with_pretraining(tmp_path):
    raw = tmp_path / "raw.jsonl"
    lines = ["History of myocardial infarction within 6 months", "SBP≥140 mmHg or DBP≥90 mmHg",
             "Pregnant or breast-feeding women", "Prior treatment with bevacizumab"] * 10
    raw.write_text("".join(json.dumps({"text": t}) + "\n" for t in lines), encoding="utf-8")
    out = tmp_path / "ner"
    stderr = io.StringIO()
    status = run(_args(["--corpus", str(CHIA), "--output", str(out), "--limit", "3", "--max-steps", "2",
                        "--pretrain-text", str(raw), "--pretrain-epochs", "1", "--no-eval"]), io.StringIO(), stderr)
    assert status == 0, stderr.getvalue()
    assert (out / "pretrain" / "model0.bin").is_file()
    tokenized = (out / "pretrain" / "raw_text.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(tokenized[1]) == {"text": "SBP ≥ 140 mmHg or DBP ≥ 90 mmHg"}
    assert load_model(out / "model").pipe_names == ["tok2vec", "ner"]


def test_criteria_from_ctgov_zip(tmp_path):
    import zipfile

    xml = ("<clinical_study><eligibility><criteria><textblock>\n"
           "        Inclusion Criteria:\n\n          -  Age &gt;= 18 years at screening\n\n"
           "          1. Histologically confirmed\n             adenocarcinoma\n\n          -  short\n"
           "      </textblock></criteria></eligibility></clinical_study>")
    path = tmp_path / "sample.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("NCT0000xxxx/NCT00000001.xml", xml)
        z.writestr("NCT0000xxxx/NCT00000002.xml", xml)  # duplicate paragraphs are kept once
        z.writestr("NCT0000xxxx/NCT00000003.xml", xml.replace("screening", "baseline"))
    assert list(criteria_from_ctgov_zip(path, {"NCT00000003"})) == [
        "Inclusion Criteria:", "Age >= 18 years at screening", "Histologically confirmed adenocarcinoma"]


def test_train_from_deeper_pretrained_tok2vec(tmp_path):
    """--pretrain-depth: pretrain a deeper encoder, start training from its embedding + first layers."""
    import numpy
    from thinc.api import Config

    from extractor.train import DEPTH_KEY, _tok2vec_model, truncate_tok2vec

    config = Config().from_disk(REPO / "models" / "ner" / "config.cfg", interpolate=False)
    config["components"]["tok2vec"]["model"]["encode"]["depth"] = 2
    cfg = tmp_path / "d2.cfg"
    config.to_disk(cfg)
    raw = tmp_path / "raw.jsonl"
    lines = ["History of myocardial infarction within 6 months", "Pregnant or breast-feeding women"] * 10
    raw.write_text("".join(json.dumps({"text": t}) + "\n" for t in lines), encoding="utf-8")
    out = tmp_path / "ner"
    stdout, stderr = io.StringIO(), io.StringIO()
    status = run(_args(["--corpus", str(CHIA), "--output", str(out), "--config", str(cfg), "--limit", "3",
                        "--max-steps", "2", "--pretrain-text", str(raw), "--pretrain-epochs", "1",
                        "--pretrain-depth", "3", "--no-eval"]), stdout, stderr)
    assert status == 0, stderr.getvalue()
    deep = _tok2vec_model(cfg, {DEPTH_KEY: 3}).from_bytes((out / "pretrain" / "model0.bin").read_bytes())
    cut = _tok2vec_model(cfg, {}).from_bytes((out / "pretrain" / "tok2vec-truncated.bin").read_bytes())
    deep_params = [n.get_param(p) for n in deep.walk(order="dfs_pre") for p in n.param_names]
    cut_params = [n.get_param(p) for n in cut.walk(order="dfs_pre") for p in n.param_names]
    assert len(cut_params) == len(deep_params) - 4  # one residual layer (maxout W, b + layernorm G, b) fewer
    assert all(numpy.array_equal(a, b) for a, b in zip(cut_params, deep_params))
    assert load_model(out / "model").pipe_names == ["tok2vec", "ner"]
    with pytest.raises(RuleFileError, match="depth 1"):
        truncate_tok2vec(cfg, out / "pretrain" / "tok2vec-truncated.bin", 1, tmp_path / "x.bin")
