"""Chia regions left without concept annotations (Pregnancy_considerations, ...) as missing NER labels."""
from __future__ import annotations

import argparse
import io

import pytest
import spacy
from spacy.tokens import DocBin

import extractor.train as train_module
from extractor.chia import build_docbins, read_brat, to_docbin
from extractor.tokenizer import customize_tokenizer

# Line 0 "Pregnant or lactating women\r\n": 0..27, the \r at 27, line 1 starts at 29.
# Line 1 "History of HIV\r\n": 29..43, line 2 starts at 45.
# Line 2 "Not pregnant, must use contraception": 45..81.
TXT = "Pregnant or lactating women\r\nHistory of HIV\r\nNot pregnant, must use contraception"
ANN = "\n".join([
    "T1\tPregnancy_considerations 0 28\tPregnant or lactating women",  # ends on the \r: trimmed
    "T2\tPerson 22 27\twomen",  # a concept inside the region keeps its label
    "T3\tCondition 40 43\tHIV",
    "T4\tUndefined_semantics 29 43\tHistory of HIV",  # holds concepts: not a missing region
    "T5\tInformed_consent 45 57;58 81\tNot pregnant  must use contraception",  # discontinuous, 2nd trimmed
    "T6\tProcedure 68 81\tcontraception",
    "",
])


@pytest.fixture()
def nlp():
    return customize_tokenizer(spacy.blank("en"))


@pytest.fixture()
def corpus(tmp_path):
    brat = tmp_path / "brat"
    brat.mkdir()
    (brat / "NCT00000002_exc.txt").write_bytes(TXT.encode("utf-8"))
    (brat / "NCT00000002_exc.ann").write_bytes(ANN.encode("utf-8"))
    (tmp_path / "SPLITS.tsv").write_text("NCT00000002\ttrain\n", encoding="utf-8")
    return tmp_path


def _iob(doc):
    return [(t.text, t.ent_iob_, t.ent_type_) for t in doc]


def _roundtrip(db, nlp):
    return list(DocBin().from_bytes(db.to_bytes()).get_docs(nlp.vocab))


def test_lines_carry_trimmed_unannotated_regions():
    lines = read_brat(TXT, ANN, "NCT00000002_exc")
    assert [ln.unannotated for ln in lines] == [((0, 27),), (), ((0, 12), (14, 36))]
    assert [lines[2].text[s:e] for s, e in lines[2].unannotated] == ["Not pregnant", "must use contraception"]
    # The concept spans are unchanged by the regions.
    assert [(s.start, s.end, s.label) for s in lines[0].spans] == [(22, 27, "person")]
    assert [(s.start, s.end, s.label) for s in lines[2].spans] == [(23, 36, "procedure")]


def test_missing_regions_in_docbin(nlp):
    db, stats = to_docbin(read_brat(TXT, ANN, "NCT00000002_exc"), nlp, missing_unannotated=True)
    assert stats == {"docs": 3, "spans": 3, "dropped": 0, "missing": 7}
    d0, d1, d2 = _roundtrip(db, nlp)
    assert _iob(d0) == [("Pregnant", "", ""), ("or", "", ""), ("lactating", "", ""), ("women", "B", "person")]
    assert [t.ent_iob for t in d0] == [0, 0, 0, 3]
    # Undefined_semantics is not an unannotated type: its tokens stay outside.
    assert _iob(d1) == [("History", "O", ""), ("of", "O", ""), ("HIV", "B", "condition")]
    # The comma between the two fragments is outside; the concept inside keeps its label.
    assert _iob(d2) == [("Not", "", ""), ("pregnant", "", ""), (",", "O", ""), ("must", "", ""),
                        ("use", "", ""), ("contraception", "B", "procedure")]


def test_default_keeps_outside(nlp):
    db, stats = to_docbin(read_brat(TXT, ANN, "NCT00000002_exc"), nlp)
    assert stats == {"docs": 3, "spans": 3, "dropped": 0}
    d0, _, d2 = _roundtrip(db, nlp)
    assert _iob(d0) == [("Pregnant", "O", ""), ("or", "O", ""), ("lactating", "O", ""), ("women", "B", "person")]
    assert [t.ent_iob_ for t in d2] == ["O", "O", "O", "O", "O", "B"]


def test_default_docbin_bytes_unchanged(nlp):
    """Without the option, the DocBin is the one written before regions were read (same bytes as
    setting ``doc.ents`` directly)."""
    from spacy.util import filter_spans

    lines = read_brat(TXT, ANN, "NCT00000002_exc")
    expected = DocBin(attrs=["ENT_IOB", "ENT_TYPE"], store_user_data=False)
    for line in lines:
        doc = nlp.make_doc(line.text)
        doc.ents = filter_spans([doc.char_span(s.start, s.end, label=s.label, alignment_mode="expand")
                                 for s in line.spans])
        expected.add(doc)
    assert to_docbin(lines, nlp)[0].to_bytes() == expected.to_bytes()


def test_build_docbins_marks_only_named_splits(corpus, nlp, tmp_path):
    counts = build_docbins(corpus, tmp_path / "out", nlp, splits=("train",), missing_unannotated=("train",))
    assert counts["train"]["missing"] == 7
    [d0, _, _] = DocBin().from_disk(tmp_path / "out" / "train.spacy").get_docs(nlp.vocab)
    assert [t.ent_iob_ for t in d0] == ["", "", "", "B"]
    counts = build_docbins(corpus, tmp_path / "out2", nlp, splits=("train",), missing_unannotated=("dev",))
    assert counts["train"] == {"docs": 3, "spans": 3, "dropped": 0}


def test_train_flag_passes_through(corpus, tmp_path, monkeypatch):
    seen = {}

    def fake_build(corpus_dir, out_dir, nlp, limit=None, missing_unannotated=()):
        seen["missing"] = missing_unannotated
        raise train_module.RuleFileError("stop here")

    monkeypatch.setattr(train_module, "build_docbins", fake_build)
    parser = argparse.ArgumentParser(prog="extractor")
    train_module.add_parser(parser.add_subparsers(dest="command"))
    for argv, expected in (([], ()), (["--missing-unannotated"], ("train",))):
        args = parser.parse_args(["train", "--corpus", str(corpus), "--output", str(tmp_path / "o"), *argv])
        stderr = io.StringIO()
        assert train_module.run(args, io.StringIO(), stderr) == 1
        assert "stop here" in stderr.getvalue()
        assert seen["missing"] == expected
