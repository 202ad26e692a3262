"""The span scorer and the Chia facets, on tiny hand-made brat files with known answers."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from extractor.errors import RecordFormatError
from extractor.evaluate import command
from extractor.evaluate.brat import load_document, parse_ann
from extractor.evaluate.chia import evaluate_chia, gold_facets, list_documents, value_span
from extractor.evaluate.score import Mention, align, overlap, score, score_by_type
from extractor.types import Criterion, Entity, Measurement, Threshold, Timeframe, Trial, TrialCriteria


# --------------------------------------------------------------------------- plain span scoring


def test_score_perfect_prediction_is_one():
    gold = [(0, 5, "condition"), (10, 14, "drug")]
    for mode in ("strict", "relaxed"):
        c = score(gold, list(gold), mode)
        assert (c.tp, c.fp, c.fn) == (2, 0, 0)
        assert (c.precision, c.recall, c.f1) == (1.0, 1.0, 1.0)


def test_score_shifted_span_is_zero_strict_one_relaxed():
    gold, pred = [(10, 20, "drug")], [(12, 22, "drug")]
    assert score(gold, pred, "strict").f1 == 0.0
    assert (score(gold, pred, "strict").fp, score(gold, pred, "strict").fn) == (1, 1)
    assert score(gold, pred, "relaxed").f1 == 1.0


def test_score_adjacent_spans_do_not_overlap():
    assert score([(0, 5, "drug")], [(5, 9, "drug")], "relaxed").tp == 0


def test_score_type_mismatch_fails_in_both_modes():
    gold, pred = [(0, 5, "condition")], [(0, 5, "drug")]
    assert score(gold, pred, "strict").tp == 0
    assert score(gold, pred, "relaxed").tp == 0
    assert score(gold, pred, "strict", typed=False).tp == 1


def test_score_one_prediction_cannot_match_two_gold_spans():
    gold = [(0, 4, "condition"), (5, 9, "condition")]
    pred = [(0, 9, "condition")]
    c = score(gold, pred, "relaxed")
    assert (c.tp, c.fp, c.fn) == (1, 0, 1)


def test_score_one_gold_span_cannot_match_two_predictions():
    c = score([(0, 9, "drug")], [(0, 4, "drug"), (5, 9, "drug")], "relaxed")
    assert (c.tp, c.fp, c.fn) == (1, 1, 0)


def test_align_prefers_the_largest_overlap():
    gold = [(0, 10, "drug"), (12, 20, "drug")]
    pred = [(8, 18, "drug")]  # 2 chars with the first, 6 with the second
    a = align(gold, pred, "relaxed")
    assert a.matches == [(1, 0)] and a.misses == [0]


def test_discontinuous_strict_uses_extent_relaxed_uses_fragments():
    gold = [Mention(10, 30, "drug", ((10, 15), (25, 30)))]
    assert score(gold, [(10, 30, "drug")], "strict").tp == 1  # same extent
    assert score(gold, [(10, 15, "drug")], "strict").tp == 0
    assert score(gold, [(16, 24, "drug")], "relaxed").tp == 0  # only the gap
    assert score(gold, [(14, 17, "drug")], "relaxed").tp == 1
    assert overlap(gold[0], Mention(0, 40)) == 10


def test_ignored_prediction_is_neither_right_nor_wrong():
    c = score([], [(3, 8)], "strict", typed=False, ignore=[(0, 10)])
    assert (c.tp, c.fp, c.fn, c.ignored) == (0, 0, 0, 1)


def test_pairs_need_both_sides():
    gold = [((0, 5), (6, 12))]
    assert score(gold, [((0, 5), (6, 12))], "strict", typed=False).tp == 1
    assert score(gold, [((0, 4), (6, 12))], "strict", typed=False).tp == 0
    assert score(gold, [((0, 4), (6, 10))], "relaxed", typed=False).tp == 1
    assert score(gold, [((20, 24), (6, 12))], "relaxed", typed=False).tp == 0


def test_score_by_type_counts_each_type_and_micro():
    gold = [(0, 5, "condition"), (6, 9, "drug")]
    pred = [(0, 5, "condition"), (6, 9, "condition")]
    out = score_by_type(gold, pred, "strict")
    assert (out["condition"].tp, out["condition"].fp) == (1, 1)
    assert out["drug"].fn == 1
    assert (out["micro"].tp, out["micro"].fp, out["micro"].fn) == (1, 1, 1)


def test_counts_empty_is_zero_not_error():
    c = score([], [], "strict")
    assert (c.precision, c.recall, c.f1) == (0.0, 0.0, 0.0)


# --------------------------------------------------------------------------- brat loading

CRLF_TEXT = "No diabetes\r\nCreatinine > 1.5 mg/dL within 6 months\r\n"
#            0123456789012 3 4
# line 2 starts at 13: "Creatinine" 13-23, "> 1.5 mg/dL" 24-35, "within 6 months" 36-51
CRLF_ANN = (
    "T1\tCondition 3 11\tdiabetes\n"
    "T2\tNegation 0 2\tNo\n"
    "T3\tMeasurement 13 23\tCreatinine\n"
    "T4\tValue 24 35\t> 1.5 mg/dL\n"
    "T5\tTemporal 36 51\twithin 6 months\n"
    "R1\tHas_negation Arg1:T1 Arg2:T2\t\n"
    "R2\tHas_value Arg1:T3 Arg2:T4\t\n"
    "*\tOR T1 T3\n"
    "#1\tAnnotatorNotes T1\tnote\n"
)


def _write(tmp_path: Path, name: str, text: str, ann: str) -> Path:
    txt = tmp_path / f"{name}.txt"
    txt.write_bytes(text.encode("utf-8"))
    (tmp_path / f"{name}.ann").write_bytes(ann.encode("utf-8"))
    return txt


def test_brat_crlf_offsets_count_carriage_returns(tmp_path):
    doc = load_document(_write(tmp_path, "NCT00000001_inc", CRLF_TEXT, CRLF_ANN))
    for ent in doc.entities.values():
        assert doc.covered_text(ent) == ent.text
    assert doc.line_of(24) == (2, "Creatinine > 1.5 mg/dL within 6 months")
    assert [r.type for r in doc.relations] == ["Has_negation", "Has_value"]
    assert doc.equivalences == (("T1", "T3"),)


def test_brat_discontinuous_fragments_kept():
    doc = parse_ann("T1\tValue 0 3;7 9\tabc hi\n", "abcdefghij")
    ent = doc.entities["T1"]
    assert ent.fragments == ((0, 3), (7, 9)) and (ent.start, ent.end) == (0, 9)
    assert doc.covered_text(ent) == ent.text == "abc hi"


@pytest.mark.parametrize("ann, message", [
    ("T1\tValue 0 x\tab\n", "bad offsets"),
    ("T1\tValue 0 50\tab\n", "outside the text"),
    ("R1\tHas_value Arg1:T1 Arg2:T2\t\n", "unknown annotation T1"),
    ("R1\tHas_value T1\t\n", "malformed relation"),
    ("Q1\tfoo\n", "unknown annotation line"),
])
def test_brat_broken_ann_fails_loudly(ann, message):
    with pytest.raises(RecordFormatError, match=message):
        parse_ann(ann, "some text", source="x.ann")


# --------------------------------------------------------------------------- Chia facets end to end


def _doc(text: str, entities=(), thresholds=(), timeframes=()) -> TrialCriteria:
    crit = Criterion("I1", "inclusion", text, (0, len(text)), entities=tuple(entities),
                     thresholds=tuple(thresholds), timeframes=tuple(timeframes))
    return TrialCriteria(Trial(None, None, None, "text", "<t>"), text, (crit,))


def _perfect(text: str) -> TrialCriteria:
    return _doc(
        text,
        entities=[Entity("condition", "diabetes", (3, 11), negated=True), Entity("measurement", "Creatinine", (13, 23))],
        thresholds=[Threshold("Creatinine > 1.5 mg/dL", (13, 35), Measurement("Creatinine", (13, 23), "creatinine"),
                              ">", 1.5, unit="mg/dL", unit_text="mg/dL")],
        timeframes=[Timeframe("within 6 months", (36, 51), 6, "month", max_days=180)],
    )


def test_chia_perfect_prediction_scores_one_on_every_facet(tmp_path):
    path = _write(tmp_path, "NCT00000001_inc", CRLF_TEXT, CRLF_ANN)
    result = evaluate_chia([path], lambda text, **kw: _perfect(text))
    for key in ("entities.micro", "entities.condition", "values", "pairs", "temporal", "negated"):
        for mode in ("strict", "relaxed"):
            assert result.counts[key][mode].f1 == 1.0, (key, mode)
    assert result.counts["excepted"]["strict"].tp == 0 and result.failures == []


def test_chia_value_strict_uses_value_part_of_threshold():
    text = CRLF_TEXT
    th = _perfect(text).criteria[0].thresholds[0]
    assert text[slice(*value_span(text, th))] == "> 1.5 mg/dL"


def test_chia_shifted_threshold_is_relaxed_only(tmp_path):
    path = _write(tmp_path, "NCT00000001_inc", CRLF_TEXT, CRLF_ANN)
    shifted = lambda text, **kw: _doc(text, thresholds=[Threshold(  # noqa: E731
        "1.5 mg/dL", (26, 35), Measurement(None, None, None), ">", 1.5, unit="mg/dL")])
    result = evaluate_chia([path], shifted)
    assert result.counts["values"]["strict"].tp == 0
    assert result.counts["values"]["relaxed"].tp == 1
    assert result.counts["pairs"]["relaxed"].fn == 1  # no measurement span: no pair predicted


def test_chia_value_without_number_is_ignored(tmp_path):
    text = "Hemoglobin normal or 12\n"
    ann = "T1\tMeasurement 0 10\tHemoglobin\nT2\tValue 11 17\tnormal\nR1\tHas_value Arg1:T1 Arg2:T2\t\n"
    path = _write(tmp_path, "NCT00000002_inc", text, ann)
    result = evaluate_chia([path], lambda t, **kw: _doc(t, thresholds=[Threshold(
        "normal or 12", (11, 23), Measurement(None, None, None), "=", 12)]))
    c = result.counts["values"]["strict"]
    assert (c.tp, c.fp, c.fn, c.ignored) == (0, 0, 0, 1)


def test_chia_predictions_without_a_number_are_not_scored(tmp_path):
    path = _write(tmp_path, "NCT00000001_inc", CRLF_TEXT, CRLF_ANN)
    result = evaluate_chia([path], lambda t, **kw: _doc(
        t, thresholds=[Threshold("No", (0, 2), Measurement(None, None, None), "=", 0)],
        timeframes=[Timeframe("No", (0, 2), None, None)]))
    for facet in ("values", "temporal"):
        c = result.counts[facet]["strict"]
        assert (c.tp, c.fp, c.fn, c.ignored) == (0, 0, 1, 0), facet


def test_chia_unjudged_ignores_unannotated_regions_and_counts(tmp_path):
    """--unjudged: a prediction inside a span Chia leaves unannotated (Pregnancy_considerations) or on a
    count Chia types as Multiplier is ignored; by default both are false alarms."""
    text = "Pregnant women. At least 2 prior lines. Hemoglobin > 9\n"
    ann = ("T1\tPregnancy_considerations 0 14\tPregnant women\nT2\tMultiplier 16 27\tAt least 2\n"
           "T3\tMeasurement 40 50\tHemoglobin\nT4\tValue 51 54\t> 9\nR1\tHas_value Arg1:T3 Arg2:T4\t\n")
    assert text[16:26] == "At least 2" and text[51:54] == "> 9"
    ann = ann.replace("16 27", "16 26")
    path = _write(tmp_path, "NCT00000003_inc", text, ann)

    def parse(t, **kw):
        return _doc(t, entities=[Entity("condition", "Pregnant", (0, 8)), Entity("measurement", "Hemoglobin", (40, 50))],
                    thresholds=[Threshold("At least 2", (16, 26), Measurement(None, None, None), ">=", 2),
                                Threshold("Hemoglobin > 9", (40, 54), Measurement("Hemoglobin", (40, 50), None), ">", 9)])
    default = evaluate_chia([path], parse)
    lenient = evaluate_chia([path], parse, unjudged=True)
    for key, fp, ignored in (("entities.micro", 1, 0), ("values", 1, 0)):
        c = default.counts[key]["relaxed"]
        assert (c.tp, c.fp, c.ignored) == (1, fp, ignored), key
    for key in ("entities.micro", "values"):
        c = lenient.counts[key]["relaxed"]
        assert (c.tp, c.fp, c.fn, c.ignored) == (1, 0, 0, 1), key


def test_chia_exception_cue_goes_to_excepted_facet():
    text = "Cancer except basal cell carcinoma\n"
    ann = ("T1\tCondition 0 6\tCancer\nT2\tCondition 14 34\tbasal cell carcinoma\nT3\tNegation 7 13\texcept\n"
           "R1\tHas_negation Arg1:T2 Arg2:T3\t\n")
    facets = gold_facets(parse_ann(ann, text))
    assert facets["negated"].gold == [] and facets["excepted"].gold == [Mention(14, 34, "condition")]


def test_chia_parser_failure_is_recorded_and_run_goes_on(tmp_path):
    path = _write(tmp_path, "NCT00000001_inc", CRLF_TEXT, CRLF_ANN)

    def broken(text, **kw):
        raise ValueError("boom")

    result = evaluate_chia([path], broken)
    assert len(result.failures) == 1 and "boom" in result.failures[0]
    assert result.counts["entities.micro"]["strict"].fn == 2


def test_list_documents_uses_splits_file(tmp_path):
    brat = tmp_path / "brat"
    brat.mkdir()
    for nct in ("NCT00000001", "NCT00000002"):
        _write(brat, f"{nct}_inc", "x\n", "")
    (tmp_path / "SPLITS.tsv").write_text("NCT00000001\ttrain\nNCT00000002\tdev\n")
    assert [p.name for p in list_documents(brat, "dev")] == ["NCT00000002_inc.txt"]
    assert len(list_documents(brat, "all")) == 2


def test_eval_command_errors_lists_misses_with_their_line(tmp_path, monkeypatch):
    brat = tmp_path / "brat"
    brat.mkdir()
    _write(brat, "NCT00000001_inc", CRLF_TEXT, CRLF_ANN)
    (tmp_path / "SPLITS.tsv").write_text("NCT00000001\tdev\n")
    monkeypatch.setattr(command, "text_parser", lambda entities: (lambda text, **kw: _doc(text)))
    import argparse

    sub = argparse.ArgumentParser().add_subparsers()
    command.add_parser(sub)
    args = sub.choices["eval"].parse_args([str(brat), "--errors", "5", "--facet", "temporal"])
    out, err = io.StringIO(), io.StringIO()
    assert command.run(args, out, err) == 0
    text = out.getvalue()
    assert "temporal" in text and "miss" in text and "'within 6 months'" in text
    assert "| Creatinine > 1.5 mg/dL within 6 months" in text


CHIA = Path(__file__).resolve().parent.parent / "corpus" / "chia" / "brat"


@pytest.mark.skipif(not CHIA.is_dir(), reason="Chia corpus not present")
def test_chia_dev_split_loads_with_known_gold_counts():
    files = list_documents(CHIA, "dev")
    assert len(files) == 198  # 99 trials x (inc, exc)
    totals: dict[str, int] = {}
    for path in files:
        for name, data in gold_facets(load_document(path)).items():
            totals[name] = totals.get(name, 0) + len(data.gold)
    assert totals == {"entities": 2462, "values": 326, "pairs": 306, "temporal": 152, "negated": 48,
                      "excepted": 24}


@pytest.mark.skipif(not CHIA.is_dir(), reason="Chia corpus not present")
def test_chia_every_file_loads_and_crlf_offsets_hold():
    files = list_documents(CHIA, "all")
    crlf = 0
    for path in files:
        doc = load_document(path)
        crlf += "\r\n" in doc.text
        for ent in doc.entities.values():
            assert doc.covered_text(ent).strip() or not ent.text.strip(), (path, ent.id)
    assert len(files) == 1620 and crlf > 1000  # 1,296 of these 1,620 files use CRLF


def test_chia_missing_model_stops_the_run(tmp_path):
    from extractor.errors import RuleFileError

    path = _write(tmp_path, "NCT00000001_inc", CRLF_TEXT, CRLF_ANN)

    def no_model(text, **kw):
        raise RuleFileError("models/ner/model: no trained NER model")

    with pytest.raises(RuleFileError, match="no trained NER model"):
        evaluate_chia([path], no_model)
