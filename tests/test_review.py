"""The curator review page: criteria present, one highlight per span, escaping, flags, TOC, command line."""
from __future__ import annotations

import argparse
import io
import json
from html.parser import HTMLParser

import pytest

import extractor
from extractor import review_command
from extractor.review import Mark, markup, render, unexplained_numbers

VOID = {"meta", "input", "br", "img", "link", "hr"}


class Node:
    def __init__(self, tag: str, attrs: dict, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.iter()

    def find(self, tag: str = None, cls: str = None) -> list["Node"]:
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)]


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#root", {})

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_endtag(self, tag):
        assert self.cur.tag == tag, f"</{tag}> closes <{self.cur.tag}>: the markup is not well nested"
        self.cur = self.cur.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def dom(html: str) -> Node:
    b = _Builder()
    b.feed(html)
    b.close()
    assert b.cur is b.root, f"<{b.cur.tag}> never closed"
    return b.root


def make_doc(items: list[tuple[str, str, dict]], trial_id: str = "NCT00000001", **extra) -> dict:
    """A document from (id, text, {thresholds/timeframes/entities given as (substring, fields)})."""
    text = "Inclusion Criteria:\n"
    criteria = []
    for cid, ctext, parts in items:
        if cid.startswith("E") and "Exclusion" not in text:
            text += "Exclusion Criteria:\n"
        start = len(text) + 2
        text += f"* {ctext}\n"

        def at(sub, fields, nth=0):
            local = -1
            for _ in range(nth + 1):
                local = ctext.index(sub, local + 1)
            return dict(fields, text=sub, span=[start + local, start + local + len(sub)])

        crit = {"id": cid, "kind": "inclusion" if cid.startswith("I") else "exclusion", "parent": None,
                "section": None, "text": ctext, "span": [start, start + len(ctext)], "key": ctext.lower(),
                "entities": [], "thresholds": [], "timeframes": []}
        for sub, f in parts.get("entities", []):
            crit["entities"].append(at(sub, {"type": f[0], "negated": "neg" in f, "excepted": "exc" in f}))
        for sub, meas, fields in parts.get("thresholds", []):
            t = at(sub, dict({"comparator": ">=", "value": None, "low": None, "high": None, "unit": None,
                              "unit_text": None, "reference": None}, **fields))
            t["measurement"] = (at(meas[0], {"name": meas[1]}) if meas[0]
                                else {"text": None, "span": None, "name": meas[1]})
            crit["thresholds"].append(t)
        for sub, fields in parts.get("timeframes", []):
            crit["timeframes"].append(at(sub, dict({"value": None, "unit": None, "min_days": None, "max_days": None,
                                                    "direction": None, "anchor": None}, **fields)))
        criteria.append(crit)
    for c in criteria:
        assert text[c["span"][0]:c["span"][1]] == c["text"]
    doc = {"schema_version": "1.0.0",
           "trial": {"id": trial_id, "registry": "ClinicalTrials.gov", "title": "A <b>trial</b> & more",
                     "source_format": "text", "source": "t.txt"},
           "text": text, "criteria": criteria, "duplicates": [], "warnings": []}
    doc.update(extra)
    return doc


ITEMS = [
    ("I1", "Age >= 18 years", {"thresholds": [("Age >= 18 years", ("Age", "age"),
                                                {"value": 18, "unit": "a", "unit_text": "years"})]}),
    ("I2", "No history of hypertension (SBP >= 140 mmHg) within 6 months before screening", {
        "entities": [("hypertension", ("condition", "neg")), ("SBP", ("measurement",))],
        "thresholds": [("SBP >= 140 mmHg", ("SBP", "systolic blood pressure"),
                        {"value": 140, "unit": "mm[Hg]", "unit_text": "mmHg"})],
        "timeframes": [("within 6 months before screening", {"value": 6, "unit": "month", "max_days": 180,
                                                             "direction": "before", "anchor": "screening"})]}),
    ("I3", "ECOG 0-1 and PD-1 positive", {"entities": [("ECOG", ("measurement",))]}),
    ("E1", "<script>alert('x')</script> & pregnant women", {"entities": [("pregnant women", ("person",))]}),
    ("E2", "Chemotherapy within 4 weeks prior to the first dose, except alopecia", {
        "entities": [("Chemotherapy", ("procedure",)), ("alopecia", ("condition", "exc"))],
        "timeframes": [("within 4 weeks prior to the first dose", {"value": 4, "unit": "week", "max_days": 28,
                                                                   "direction": "before", "anchor": "first dose"})]}),
    ("E3", "Pregnant women", {"entities": [("Pregnant women", ("person",))]}),
]


@pytest.fixture
def doc():
    return make_doc(ITEMS, duplicates=[{"kept": "E1", "dropped": ["E3"], "reason": "same canonical key"}],
                    warnings=["line 9: bullet <i>without</i> text"])


def _crit_nodes(root: Node) -> dict[str, Node]:
    return {n.attrs["data-id"]: n for n in root.find("li", "crit")}


def _expected_highlights(crit: dict) -> int:
    return (len(crit["entities"]) + len(crit["thresholds"]) + len(crit["timeframes"])
            + sum(t["measurement"]["span"] is not None for t in crit["thresholds"]))


def test_review_every_criterion_present_with_its_text(doc):
    nodes = _crit_nodes(dom(render([doc])))
    assert list(nodes) == [c["id"] for c in doc["criteria"]]
    for c in doc["criteria"]:
        assert nodes[c["id"]].find("div", "crit-text")[0].text() == c["text"]
        assert ("kind-" + c["kind"]) in nodes[c["id"]].classes


def test_review_one_highlight_per_span_with_the_span_text(doc):
    nodes = _crit_nodes(dom(render([doc])))
    for c in doc["criteria"]:
        marks = nodes[c["id"]].find("mark", "hl")
        assert len(marks) == _expected_highlights(c), c["id"]
        base = c["span"][0]
        spans = {("entity", i): e for i, e in enumerate(c["entities"])}
        spans |= {("threshold", i): t for i, t in enumerate(c["thresholds"])}
        spans |= {("measure", i): t["measurement"] for i, t in enumerate(c["thresholds"])}
        spans |= {("timeframe", i): t for i, t in enumerate(c["timeframes"])}
        for m in marks:
            item = spans[(m.attrs["data-kind"], int(m.attrs["data-idx"]))]
            assert m.text() == c["text"][item["span"][0] - base:item["span"][1] - base] == item["text"]


def test_review_highlight_attributes_carry_type_and_flags(doc):
    nodes = _crit_nodes(dom(render([doc])))
    i2 = {(m.attrs["data-kind"], m.text()): m for m in nodes["I2"].find("mark", "hl")}
    assert i2[("entity", "hypertension")].attrs["data-type"] == "condition"
    assert "neg" in i2[("entity", "hypertension")].classes
    # the entity SBP, the threshold's measurement SBP and the threshold nest: threshold > measure > entity
    entity = i2[("entity", "SBP")]
    assert entity.parent is i2[("measure", "SBP")] and entity.parent.parent is i2[("threshold", "SBP >= 140 mmHg")]
    e2 = {m.text(): m for m in _crit_nodes(dom(render([doc])))["E2"].find("mark", "hl")}
    assert "exc" in e2["alopecia"].classes and e2["Chemotherapy"].attrs["data-type"] == "procedure"


def test_review_escapes_criterion_text_and_trial_fields(doc):
    html = render([doc])
    root = dom(html)
    assert "<script>alert" not in html and "&lt;script&gt;alert('x')&lt;/script&gt; &amp;" in html
    assert len(root.find("script")) == 1  # the page's own script only
    assert all(b.text() != "trial" for b in root.find("b"))
    assert "A &lt;b&gt;trial&lt;/b&gt; &amp; more" in html
    assert "bullet &lt;i&gt;without&lt;/i&gt; text" in html


def test_review_placeholders_in_document_text_stay_text(doc):
    doc["trial"]["id"] = "{{BODY}}"
    root = dom(render([doc]))
    assert len(root.find("section", "trial")) == 1 and root.find("h1")[0].text() == "Criteria review: {{BODY}}"


def test_review_flags_numbers_no_threshold_or_timeframe_explains(doc):
    nodes = _crit_nodes(dom(render([doc])))
    flagged = {cid: [n.text() for n in node.find("span", "num-flag")] for cid, node in nodes.items()}
    assert flagged == {"I1": [], "I2": [], "I3": ["0", "1"], "E1": [], "E2": [], "E3": []}
    assert "flagged" in nodes["I3"].classes and nodes["I3"].attrs["data-unexplained"] == "2"
    assert "flagged" not in nodes["I2"].classes


@pytest.mark.parametrize("text, covered, expected", [
    ("ECOG 0-1", [], ["0", "1"]),
    ("Age >= 18 years", [(0, 15)], []),
    ("PD-1, CD4 and HER2 and COVID-19", [], []),
    ("Hb 9.5 g/dL, platelets 100,000/mm3 for 3rd line", [(0, 11)], ["100,000", "3"]),
    ("grade 2 in CTC AE (4.0)", [], ["2", "4.0"]),
])
def test_review_unexplained_numbers(text, covered, expected):
    marks = [Mark(s, e, "threshold", i) for i, (s, e) in enumerate(covered)]
    assert [text[s:e] for s, e in unexplained_numbers(text, marks)] == expected


def test_review_values_table_shows_threshold_window_and_flags(doc):
    nodes = _crit_nodes(dom(render([doc])))
    rows = [[td.text() for td in tr.find("td")] for tr in nodes["I2"].find("table", "values")[0].find("tr")[1:]]
    assert rows[0] == ["threshold", "SBP → systolic blood pressure", ">=", "140", "mm[Hg] (mmHg)", ""]
    assert rows[1] == ["timeframe", "within 6 months before screening", "before", "… to 180 days", "6 month",
                       "screening"]
    assert rows[2] == ["negated", "hypertension", "condition"]
    assert not nodes["I3"].find("table", "values")  # nothing structured to show


def test_review_shows_duplicates_and_warnings(doc):
    root = dom(render([doc]))
    nodes = _crit_nodes(root)
    assert [b.text() for b in nodes["E3"].find("span", "dup")] == ["duplicate of E1"]
    assert [b.text() for b in nodes["E1"].find("span", "dup")] == ["kept; duplicates: E3"]
    assert root.find("div", "duplicates")[0].text() == "DuplicatesE1 kept, dropped E3: same canonical key"
    assert root.find("div", "warnings")[0].find("li")[0].text() == "line 9: bullet <i>without</i> text"


def test_review_crossing_spans_split_into_one_head_and_continuations():
    text = "severe chronic kidney disease"
    marks = [Mark(0, 14, "entity", 0, type="condition"), Mark(7, 29, "entity", 1, type="condition")]
    root = dom(f"<div>{markup(text, marks, 'x:')}</div>")
    assert len(root.find("mark", "hl")) == 2 and len(root.find("mark", "hl-cont")) == 1
    assert root.text() == text
    for ref, span in (("x:entity0", (0, 14)), ("x:entity1", (7, 29))):
        pieces = [n.text() for n in root.iter() if n.attrs.get("data-ref") == ref and n.tag == "mark"]
        assert "".join(p for p in pieces) in (text[span[0]:span[1]],)


def test_review_span_outside_criterion_is_reported_not_highlighted(doc):
    doc["criteria"][0]["entities"].append({"type": "condition", "text": "x", "span": [0, 5],
                                           "negated": False, "excepted": False})
    node = _crit_nodes(dom(render([doc])))["I1"]
    assert len(node.find("mark", "hl")) == 2
    assert "entity 1 span [0, 5] lies outside the criterion; not highlighted" in node.text()


def test_review_many_trials_get_a_table_of_contents_with_counts(doc):
    second = make_doc(ITEMS[:2], trial_id="NCT00000002")
    root = dom(render([doc, second]))
    rows = root.find("table", "toc")[0].find("tr")
    head = [th.text() for th in rows[0].find("th")]
    cells = [dict(zip(head, (td.text() for td in tr.find("td")))) for tr in rows[1:]]
    assert [c["trial"] for c in cells] == ["NCT00000001", "NCT00000002"]
    assert (cells[0]["inclusion"], cells[0]["exclusion"], cells[0]["thresholds"], cells[0]["timeframes"],
            cells[0]["entities"], cells[0]["unexplained"], cells[0]["duplicates"], cells[0]["warnings"]) == \
        ("3", "3", "2", "2", "7", "2", "1", "1")
    assert (cells[1]["inclusion"], cells[1]["exclusion"]) == ("2", "0")
    assert [s.attrs["id"] for s in root.find("section", "trial")] == ["trial-1", "trial-2"]
    assert not dom(render([doc])).find("table", "toc")


def test_review_page_is_self_contained(doc):
    html = render([doc])
    root = dom(html)
    assert not root.find("link") and not root.find("img") and not root.find("iframe")
    assert all("src" not in n.attrs for n in root.iter())
    assert all(not n.attrs.get("href", "#").split("#")[0] for n in root.iter() if n.tag == "a")
    assert "http://" not in html and "https://" not in html and "@import" not in html
    csp = [m.attrs["content"] for m in root.find("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert csp and csp[0].startswith("default-src 'none'")
    assert root.find("input")[0].attrs["id"] == "q"


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="extractor")
    sub = parser.add_subparsers(dest="command")
    review_command.add_parser(sub)
    return parser.parse_args(["review", *argv])


def test_review_command_has_help_and_description():
    parser = argparse.ArgumentParser(prog="extractor")
    p = review_command.add_parser(parser.add_subparsers(dest="command"))
    assert "HTML" in p.description and "review" in p.prog
    assert "-o HTML" in p.format_help()
    assert _args("x.jsonl").run is review_command.run


def test_review_command_reads_parse_output(tmp_path, doc):
    src = tmp_path / "parsed.jsonl"
    src.write_text(json.dumps(doc) + "\n" + json.dumps(make_doc(ITEMS[:1], trial_id="NCT2")) + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = review_command.run(_args(str(src), "-o", str(tmp_path / "r.html")), out, err)
    assert (code, err.getvalue()) == (0, f"extractor review: 2 trials written to {tmp_path / 'r.html'}\n")
    root = dom((tmp_path / "r.html").read_text(encoding="utf-8"))
    assert [s.attrs["data-trial-id"] for s in root.find("section", "trial")] == ["NCT00000001", "NCT2"]


def test_review_command_reports_bad_lines_and_goes_on(tmp_path, doc):
    src = tmp_path / "parsed.jsonl"
    src.write_text(json.dumps(doc) + "\n{broken\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = review_command.run(_args(str(src)), out, err)
    assert code == 1
    assert err.getvalue() == f"error: {src}#2: invalid JSON: Expecting property name enclosed in double quotes\n"
    assert len(dom(out.getvalue()).find("section", "trial")) == 1


def test_review_command_prints_record_failures_and_exits_1(tmp_path, monkeypatch, doc):
    record = tmp_path / "rec.txt"
    record.write_text("Inclusion Criteria:\n* Age >= 18 years\n", encoding="utf-8")

    class Parsed:
        def to_dict(self):
            return doc

    def fake_parse_many(paths, **kwargs):
        assert paths == [str(record)] and kwargs["options"].entities is False
        return iter([extractor.Failure(str(record), "no criteria found", "R1"), Parsed()])

    monkeypatch.setattr(extractor, "parse_many", fake_parse_many)
    out, err = io.StringIO(), io.StringIO()
    code = review_command.run(_args(str(record), "--no-entities"), out, err)
    assert (code, err.getvalue()) == (1, f"error: {record} [R1]: no criteria found\n")
    assert len(_crit_nodes(dom(out.getvalue()))) == len(doc["criteria"])


def test_review_command_without_documents_fails(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    code = review_command.run(_args(str(tmp_path / "missing.jsonl")), out, err)
    assert code == 1 and out.getvalue() == ""
    assert err.getvalue() == (f"error: {tmp_path / 'missing.jsonl'}: no such file or directory\n"
                              "error: no document to review; give a record or `extractor parse` output\n")
