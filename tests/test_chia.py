"""The Chia brat reader: CRLF offsets, discontinuous spans, overlap resolution, DocBin conversion."""
from __future__ import annotations

import pytest
import spacy

from extractor.chia import ChiaSpan, build_docbins, iter_split, read_pair, read_splits, resolve_overlaps
from extractor.errors import RecordFormatError
from extractor.tokenizer import customize_tokenizer

# Line 0 "History of myocardial infarction\r\n" occupies 0..34 (the \r is offset 32).
# Line 1 "Use of aspirin or low dose heparin\r\n" starts at 34.
# Line 2 "SBP≥140 mmHg" starts at 70.
TXT = "History of myocardial infarction\r\nUse of aspirin or low dose heparin\r\nSBP≥140 mmHg"
ANN = "\n".join([
    "T1\tCondition 11 32\tmyocardial infarction",
    "T2\tDrug 41 48\taspirin",
    "T3\tDrug 52 60;61 68\tlow dose heparin",  # discontinuous, same line -> covering extent
    "T4\tDrug 61 68\theparin",  # inside T3 -> dropped by longest-first
    "T5\tMeasurement 70 73\tSBP",
    "T6\tValue 73 77\t≥140",  # not one of the eight types
    "T7\tProcedure 3 7;11 21\ttory myocardial",  # overlaps T1 (same length 18 < 21): dropped
    "R1\tHas_value Arg1:T5 Arg2:T6\t",
    "*\tOR T2 T3",
    "T8\tCondition 41 48;70 73\taspirin SBP",  # fragments on two lines -> first line only
    "",
])


@pytest.fixture()
def pair(tmp_path):
    txt = tmp_path / "NCT00000001_inc.txt"
    ann = tmp_path / "NCT00000001_inc.ann"
    txt.write_bytes(TXT.encode("utf-8"))
    ann.write_bytes(ANN.encode("utf-8"))
    return txt


def _spans(line):
    return [(line.text[s.start:s.end], s.start, s.end, s.label) for s in line.spans]


def test_lines_and_spans(pair):
    lines = read_pair(pair)
    assert [ln.text for ln in lines] == ["History of myocardial infarction",
                                         "Use of aspirin or low dose heparin", "SBP≥140 mmHg"]
    assert [ln.line_no for ln in lines] == [0, 1, 2]
    assert _spans(lines[0]) == [("myocardial infarction", 11, 32, "condition")]
    # T2 and T8 share 7..14: same length, same start -> type order keeps condition (T8) over drug (T2).
    assert _spans(lines[1]) == [("aspirin", 7, 14, "condition"), ("low dose heparin", 18, 34, "drug")]
    assert _spans(lines[2]) == [("SBP", 0, 3, "measurement")]


def test_all_spans_keep_overlaps(pair):
    lines = read_pair(pair)
    assert [(s.start, s.end, s.label) for s in lines[0].all_spans] == [(3, 21, "procedure"),
                                                                       (11, 32, "condition")]
    assert {(s.start, s.end, s.label) for s in lines[1].all_spans} == {
        (7, 14, "drug"), (7, 14, "condition"), (18, 34, "drug"), (27, 34, "drug")}


def test_resolve_overlaps_longest_first():
    spans = [ChiaSpan(0, 5, "drug", "T1"), ChiaSpan(3, 12, "condition", "T2"), ChiaSpan(12, 15, "drug", "T3")]
    assert resolve_overlaps(spans) == [ChiaSpan(3, 12, "condition", "T2"), ChiaSpan(12, 15, "drug", "T3")]


def test_bad_offsets_raise(tmp_path):
    txt = tmp_path / "NCT1_inc.txt"
    txt.write_text("short", encoding="utf-8")
    txt.with_suffix(".ann").write_text("T1\tDrug 0 99\tshort\n", encoding="utf-8")
    with pytest.raises(RecordFormatError):
        read_pair(txt)


def test_docbin_roundtrip(pair, tmp_path):
    corpus = pair.parent
    (corpus / "brat").mkdir()
    pair.rename(corpus / "brat" / pair.name)
    pair.with_suffix(".ann").rename(corpus / "brat" / "NCT00000001_inc.ann")
    (corpus / "SPLITS.tsv").write_text("NCT00000001\ttrain\nNCT00000001\tdev\n", encoding="utf-8")
    assert read_splits(corpus) == {"NCT00000001": "dev"}
    (corpus / "SPLITS.tsv").write_text("NCT00000001\ttrain\n", encoding="utf-8")
    assert len(list(iter_split(corpus, "train"))) == 3
    nlp = customize_tokenizer(spacy.blank("en"))
    counts = build_docbins(corpus, tmp_path / "out", nlp, splits=("train",))
    assert counts["train"] == {"docs": 3, "spans": 4, "dropped": 0}
    from spacy.tokens import DocBin

    docs = list(DocBin().from_disk(tmp_path / "out" / "train.spacy").get_docs(nlp.vocab))
    assert [(e.text, e.label_) for e in docs[2].ents] == [("SBP", "measurement")]
    assert [t.text for t in docs[2]] == ["SBP", "≥", "140", "mmHg"]
