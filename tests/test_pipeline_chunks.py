"""A criterion too long for the models is extracted piece by piece, with every span in the whole text."""
from extractor import pipeline
from extractor.pipeline import Options, _chunks, extract


def test_chunks_cut_after_sentence_ends_and_cover_the_text(monkeypatch):
    monkeypatch.setattr(pipeline, "_CHUNK", 100)
    text = "Hemoglobin at least 9 g/dL for all patients. " * 10  # 450 characters, sentences of 45
    pieces = _chunks(text)
    assert pieces[0] == (0, 90) and pieces[-1][1] == len(text)
    assert all(b - a <= 100 for a, b in pieces)
    assert all(pieces[i][1] == pieces[i + 1][0] for i in range(len(pieces) - 1))
    assert all(text[b - 2:b] == ". " for a, b in pieces[:-1])
    assert _chunks("x" * 250) == [(0, 100), (100, 200), (200, 250)]  # no white space: hard cuts


def test_long_text_thresholds_and_timeframes_land_on_the_whole_text(monkeypatch):
    sentence = "Platelets >= 100 x 10^9/L within 14 days before randomization. "
    text = sentence * 12
    whole = extract([text], Options(entities=False))[0]
    pipeline._CACHE.clear()
    monkeypatch.setattr(pipeline, "_CHUNK", 200)
    [pieced] = extract([text], Options(entities=False))
    pipeline._CACHE.clear()
    assert len(pieced.thresholds) == 12 and len(pieced.timeframes) == 12
    assert [t.value for t in pieced.thresholds] == [100] * 12
    assert [t.unit for t in pieced.thresholds] == ["10*9/L"] * 12
    assert [t.max_days for t in pieced.timeframes] == [14] * 12
    for t in pieced.thresholds + pieced.timeframes:
        assert text[t.span[0]:t.span[1]] == t.text
    assert [t.span for t in pieced.thresholds] == [t.span for t in whole.thresholds]
    assert [t.span for t in pieced.timeframes] == [t.span for t in whole.timeframes]


def test_an_age_value_is_not_also_a_timeframe():
    [ex] = extract(["Infants aged 6 weeks to 12 months, no vaccination within 4 weeks before enrollment"],
                   Options(entities=False))
    assert [(t.comparator, t.value, t.unit) for t in ex.thresholds] == [(">=", 6, "wk"), ("<=", 12, "mo")]
    assert [(t.text, t.max_days) for t in ex.timeframes] == [("within 4 weeks before enrollment", 28)]
