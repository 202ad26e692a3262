"""The criteria library and cross-registry pairs of ``extractor dedup``, on hand-made JSON Lines."""
from __future__ import annotations

import argparse
import io
import json
import zipfile
from pathlib import Path

import pytest

from extractor import dedup_command
from extractor.crossreg import registry_ids
from extractor.library import Library, content_words, criteria_from_doc, keyed_forms
from extractor.thresholds import find_thresholds
from extractor.timeframes import find_timeframes

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
XML_ZIP = SHARED / "ctgov-xml" / "AllPublicXML-sample.zip"


def _doc(trial: str, criteria, *, registry="ClinicalTrials.gov", source_format="ctgov-json", secondary=(),
         source=None) -> dict:
    """A document as `extractor parse` writes it; criteria are (id, kind, text[, section[, parent]])."""
    text, out = "", []
    for cid, kind, ctext, *rest in criteria:
        start = len(text)
        text += ctext + "\n"
        ths = [t.shifted(start).to_dict() for t in find_thresholds(ctext)]
        tfs = [t.shifted(start).to_dict() for t in find_timeframes(ctext)]
        out.append({"id": cid, "kind": kind, "parent": rest[1] if len(rest) > 1 else None,
                    "section": rest[0] if rest else None, "text": ctext, "span": [start, start + len(ctext)],
                    "key": "", "entities": [], "thresholds": ths, "timeframes": tfs})
    return {"schema_version": "1.0.0",
            "trial": {"id": trial, "registry": registry, "title": None, "source_format": source_format,
                      "source": source or f"{trial}.json", "secondary_ids": list(secondary)},
            "text": text, "criteria": out, "duplicates": [], "warnings": []}


def _run(tmp_path: Path, docs, *extra: str, lines=None):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in docs) if lines is None else lines, encoding="utf-8")
    parser = argparse.ArgumentParser()
    dedup_command.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["dedup", str(src), "-o", str(tmp_path / "lib.jsonl"), *extra])
    out, err = io.StringIO(), io.StringIO()
    code = args.run(args, out, err)
    rows = [json.loads(x) for x in (tmp_path / "lib.jsonl").read_text(encoding="utf-8").splitlines()]
    return code, rows, out.getvalue(), err.getvalue(), src


def _library(docs) -> list[dict]:
    lib = Library()
    for d in docs:
        lib.add(d)
    lib.group_near_duplicates()
    return list(lib.rows())


def test_library_counts_trials_and_criteria(tmp_path):
    docs = [
        _doc("NCT00000001", [("I1", "inclusion", "Age >= 18 years"), ("E1", "exclusion", "Pregnant"),
                             ("E2", "exclusion", "LVEF < 50%")]),
        _doc("NCT00000002", [("I1", "inclusion", "Aged 18 years or older"), ("E1", "exclusion", "pregnant."),
                             ("E2", "exclusion", "left ventricular ejection fraction below 50 %")]),
        _doc("NCT00000003", [("I1", "inclusion", "Age >= 21 years"), ("E1", "exclusion", "• Pregnant"),
                             ("E2", "exclusion", "Pregnant")]),
    ]
    code, rows, out, err, _ = _run(tmp_path, docs)
    assert code == 0 and out == ""
    assert err.startswith("extractor dedup: 3 documents, 9 criteria, 4 distinct keys, 0 near-duplicate groups, "
                          "0 trial pairs, ")
    by_text = {r["text"]: r for r in rows}
    assert [r["text"] for r in rows][0] == "Pregnant"
    assert {t: (r["count"], r["trial_count"], r["trials"], r["criteria"]) for t, r in by_text.items()} == {
        "Pregnant": (4, 3, ["NCT00000001", "NCT00000002", "NCT00000003"],
                     [["NCT00000001", "E1"], ["NCT00000002", "E1"], ["NCT00000003", "E1"], ["NCT00000003", "E2"]]),
        "Age >= 18 years": (2, 2, ["NCT00000001", "NCT00000002"], [["NCT00000001", "I1"], ["NCT00000002", "I1"]]),
        "LVEF < 50%": (2, 2, ["NCT00000001", "NCT00000002"], [["NCT00000001", "E2"], ["NCT00000002", "E2"]]),
        "Age >= 21 years": (1, 1, ["NCT00000003"], [["NCT00000003", "I1"]]),
    }
    preg = by_text["Pregnant"]
    assert (preg["type"], preg["kind"], preg["key"][:2], preg["normalized"], preg["group"], preg["group_size"],
            preg["group_count"]) == ("criterion", "exclusion", "E:", "pregnant", preg["key"], 1, 4)
    assert by_text["LVEF < 50%"]["normalized"] == "§t"


def test_library_groups_near_duplicates(tmp_path):
    docs = [
        _doc("NCT00000001", [("E1", "exclusion", "No active infection"),
                             ("E2", "exclusion", "No serious lung disease (e.g., chronic obstructive pulmonary disease)")]),
        _doc("NCT00000002", [("E1", "exclusion", "No active infection"),
                             ("E2", "exclusion", "No serious lung disease, such as chronic obstructive pulmonary disease")]),
        _doc("NCT00000003", [("E1", "exclusion", "No active infections"), ("E2", "exclusion", "Any active infection"),
                             ("E3", "exclusion", "Known hypersensitivity to any of the study drugs")]),
        _doc("NCT00000004", [("E1", "exclusion", "Known hypersensitivity to the study drug"),
                             ("E2", "exclusion", "Breast-feeding women"), ("E3", "exclusion", "Breastfeeding women"),
                             ("E4", "exclusion", "Active tumour bleeding"), ("E5", "exclusion", "Active tumor bleeding")]),
    ]
    rows = _library(docs)
    groups: dict[str, list[tuple[str, int]]] = {}
    for r in rows:
        groups.setdefault(r["group"], []).append((r["text"], r["count"]))
    assert sorted(sorted(g) for g in groups.values()) == sorted(sorted(g) for g in [
        [("No active infection", 2), ("No active infections", 1)],
        [("No serious lung disease (e.g., chronic obstructive pulmonary disease)", 1),
         ("No serious lung disease, such as chronic obstructive pulmonary disease", 1)],
        [("Any active infection", 1)],                       # "no" and "any" are not the same
        [("Known hypersensitivity to any of the study drugs", 1), ("Known hypersensitivity to the study drug", 1)],
        [("Breast-feeding women", 1), ("Breastfeeding women", 1)],
        [("Active tumour bleeding", 1), ("Active tumor bleeding", 1)],
    ])
    first = rows[0]
    assert (first["text"], first["group_size"], first["group_count"], first["group"] == first["key"]) == \
        ("No active infection", 2, 3, True)


# Pairs that fuzzy matching alone would merge (high similarity) but that state different constraints.
NEVER_GROUP = [
    ("LVEF < 50%", "LVEF < 45%"), ("LVEF < 50%", "LVEF <= 50%"), ("Creatinine > 1.5 mg/dL", "Creatinine > 1.5 mmol/L"),
    ("History of stroke", "No history of stroke"), ("Any malignancy", "Any malignancy except basal cell carcinoma"),
    ("Controlled hypertension", "Uncontrolled hypertension"), ("Hypertension", "Hypotension"),
    ("Dysphagia", "Dysphasia"), ("Hepatitis B infection", "Hepatitis C infection"),
    ("No HIV antibody", "No HIV-1 antibody"), ("ER positive and PR negative", "PR positive and ER negative"),
    ("HIV positive", "HIV negative"), ("Women who may become pregnant", "Women who become pregnant"),
    ("Chemotherapy within 4 weeks before the first dose", "Chemotherapy within 4 weeks after the first dose"),
    ("Prior anti-PD-1 therapy", "Prior anti-PD-L1 therapy"), ("Active infection", "Active infection requiring IV antibiotics"),
    ("Pregnant or breastfeeding", "Pregnant and breastfeeding"), ("Current smoker", "Smoker"),
]


def test_library_never_groups_different_constraints():
    docs = [_doc(f"NCT{n:08d}", [("E1", "exclusion", a), ("E2", "exclusion", b)]) for n, (a, b) in enumerate(NEVER_GROUP)]
    docs.append(_doc("NCT99999999", [("I1", "inclusion", "Pregnant or breastfeeding"), ("E1", "exclusion", "Dysphagia")]))
    rows = _library(docs)
    assert len(rows) == len({(c["kind"], c["text"]) for d in docs for c in d["criteria"]}) == 36
    assert [r["group_size"] for r in rows] == [1] * len(rows)


@pytest.mark.parametrize("a, b", [("no active infection", "active infection no"), ("no serious lung disease e g copd",
                                                                                    "no serious lung disease such as copd")])
def test_library_content_words(a, b):
    assert (content_words(a) == content_words(b)) is (a.split()[0] == b.split()[0])


@pytest.mark.skipif(not XML_ZIP.is_file(), reason="shared XML zip not present")
def test_library_every_merged_group_has_identical_facts_and_words(tmp_path):
    from extractor import Options, parse_many
    from extractor.types import TrialCriteria

    small = tmp_path / "first400.zip"
    with zipfile.ZipFile(XML_ZIP) as z, zipfile.ZipFile(small, "w") as out:
        for name in [n for n in z.namelist() if n.endswith(".xml")][:400]:
            out.writestr(name, z.read(name))
    docs = [r.to_dict() for r in parse_many([str(small)], options=Options(entities=False)) if isinstance(r, TrialCriteria)]
    lib = Library()
    forms = {}
    for d in docs:
        lib.add(d)
        for c, key, form in keyed_forms(criteria_from_doc(d)):
            forms[key] = form
    groups = lib.group_near_duplicates()
    members: dict[str, list[dict]] = {}
    for r in lib.rows():
        members.setdefault(r["group"], []).append(r)
    merged = [g for g in members.values() if len(g) > 1]
    assert len(merged) == groups and groups >= 5
    for g in merged:
        facts = {json.dumps({k: v for k, v in forms[r["key"]].items() if k != "text"}, sort_keys=True) for r in g}
        words = {content_words(r["normalized"]) for r in g}
        assert (len(facts), len(words)) == (1, 1), [r["text"] for r in g]


# --------------------------------------------------------------------------- cross-registry


@pytest.mark.parametrize("value, expected", [
    ("NCT05460481", ["NCT05460481"]),
    ("nct05460481", ["NCT05460481"]),
    ("2013-000615-24-BE", ["2013-000615-24"]),
    ("EudraCT 2017-002227-13", ["2017-002227-13"]),
    ("EUDRACT: 2017-002227-13; NCT03325556", ["2017-002227-13", "NCT03325556"]),
    ("2022-500244-37-00", ["2022-500244-37-00"]),
    ("ChiCTR2000012345", ["CHICTR2000012345"]),
    ("ChiCTR-TRC-12002345", ["CHICTR-TRC-12002345"]),
    ("ISRCTN12949496", ["ISRCTN12949496"]),
    ("ACP-103-045", []),
    ("NCI-2011-02635", []),
    ("U10CA095861", []),
])
def test_library_registry_ids(value, expected):
    assert registry_ids(value) == expected


def test_library_pairs_medpath_page_and_ctgov_record(tmp_path):
    from extractor import Options, parse

    medpath = parse(ROOT / "corpus/medpath/NCT05460481.txt", options=Options(entities=False))[0].to_dict()
    crits = [(c["id"], c["kind"], c["text"]) for c in medpath["criteria"]]
    by_id = {c[0]: c for c in crits}
    # the CT.gov version: E8 changed (4 -> 6 weeks), E3 removed, one criterion added, the rest as on MedPath
    e8 = by_id["E8"][2].replace("within 4 weeks prior", "within 6 weeks prior")
    ctgov = [c for c in crits if c[0] not in ("E3", "E8")] + [("E8", "exclusion", e8),
                                                            ("E99", "exclusion", "Known HIV infection")]
    docs = [medpath, _doc("NCT05460481", ctgov, secondary=["ANLO-PEN-01"])]
    code, rows, _, err, _ = _run(tmp_path, docs, "--pairs", str(tmp_path / "pairs.jsonl"))
    assert code == 0
    assert [r["type"] for r in rows] == ["criterion"] * len(rows)
    pairs = [json.loads(x) for x in (tmp_path / "pairs.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(pairs) == 1
    p = pairs[0]
    assert (p["type"], p["id"], p["match"]) == ("trial_pair", "NCT05460481", "same id")
    assert p["a"] == {"trial": "NCT05460481", "registry": "ClinicalTrials.gov", "source_format": "medpath",
                      "source": str(ROOT / "corpus/medpath/NCT05460481.txt")}
    assert p["b"] == {"trial": "NCT05460481", "registry": "ClinicalTrials.gov", "source_format": "ctgov-json",
                      "source": "NCT05460481.json"}
    assert len(p["same"]) == len(crits) - 2
    assert [(c["a"], c["b"]) for c in p["changed"]] == [("E8", "E8")]
    assert p["changed"][0]["b_text"] == e8 and p["changed"][0]["score"] >= 95
    assert p["removed"] == [{"id": "E3", "kind": "exclusion", "text": by_id["E3"][2]}]
    assert p["added"] == [{"id": "E99", "kind": "exclusion", "text": "Known HIV infection"}]
    assert ", 1 trial pairs, " in err


def test_library_pairs_ctgov_secondary_eudract_with_euctr(tmp_path):
    euctr = _doc("2017-002227-13-DE", [("I1", "inclusion", "Age >= 50 years"), ("E1", "exclusion", "Pregnant")],
                 registry="EUCTR", source_format="euctr", secondary=["2017-002227-13", "ACP-103-045"])
    ctgov = _doc("NCT03325556", [("I1", "inclusion", "Aged 50 years or older"), ("E1", "exclusion", "Pregnant"),
                                 ("E2", "exclusion", "Dementia")],
                 source_format="ctgov-classic-json", secondary=["ACP-103-045", "EudraCT 2017-002227-13"])
    other = _doc("NCT99999999", [("E1", "exclusion", "Pregnant")], secondary=["ACP-103-045"])  # sponsor code only
    code, rows, _, _, _ = _run(tmp_path, [ctgov, other, euctr])
    assert code == 0
    pairs = [r for r in rows if r["type"] == "trial_pair"]
    assert [(p["id"], p["match"], p["a"]["trial"], p["b"]["trial"]) for p in pairs] == [
        ("2017-002227-13", "secondary id", "NCT03325556", "2017-002227-13-DE")]
    p = pairs[0]
    assert (p["same"], p["changed"], p["removed"], p["added"]) == (
        [["I1", "I1"], ["E1", "E1"]], [], [{"id": "E2", "kind": "exclusion", "text": "Dementia"}], [])
    assert rows[-1]["type"] == "trial_pair"


def test_library_two_euctr_member_states_are_a_pair():
    from extractor.crossreg import TrialRef, find_pairs

    be = TrialRef.from_trial(0, {"id": "2013-000615-24-BE", "source": "a.json", "secondary_ids": ["2013-000615-24"]})
    de = TrialRef.from_trial(1, {"id": "2013-000615-24-DE", "source": "b.json", "secondary_ids": ["2013-000615-24"]})
    again = TrialRef.from_trial(2, {"id": "2013-000615-24-DE", "source": "b.json", "secondary_ids": []})
    assert [(a.index, b.index, rid, how) for a, b, rid, how in find_pairs([be, de, again])] == [
        (0, 1, "2013-000615-24", "same id"), (0, 2, "2013-000615-24", "same id")]


# --------------------------------------------------------------------------- command line


def test_library_bad_lines_are_reported_and_skipped(tmp_path):
    good = json.dumps(_doc("NCT00000001", [("E1", "exclusion", "Pregnant")]))
    lines = good + "\n{not json\n\n" + json.dumps({"trial": {}}) + "\n" + \
        json.dumps(_doc("NCT00000002", [("E1", "exclusion", "Pregnant")])).replace('"kind": "exclusion"', '"kind": "both"') + "\n"
    code, rows, _, err, src = _run(tmp_path, [], lines=lines)
    assert code == 1
    assert err.splitlines()[:3] == [
        f"error: {src}:2: not JSON: Expecting property name enclosed in double quotes (column 2)",
        f"error: {src}:4: not an `extractor parse` document (needs trial and criteria)",
        f"error: {src}:5: bad criterion: criterion E1: kind must be inclusion or exclusion and text a string",
    ]
    assert [(r["text"], r["count"]) for r in rows] == [("Pregnant", 1)]


def test_library_missing_input_and_top(tmp_path):
    parser = argparse.ArgumentParser()
    dedup_command.add_parser(parser.add_subparsers(dest="command"))
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(_doc("NCT00000001", [("E1", "exclusion", "Pregnant"), ("E2", "exclusion", "HIV")])) + "\n")
    args = parser.parse_args(["dedup", str(tmp_path / "missing.jsonl"), str(src), "--top", "1", "--no-near"])
    out, err = io.StringIO(), io.StringIO()
    assert args.run(args, out, err) == 1
    lines = err.getvalue().splitlines()
    assert lines[0] == f"error: {tmp_path / 'missing.jsonl'}: cannot open: No such file or directory"
    assert lines[1].startswith("extractor dedup: 1 documents, 2 criteria, 2 distinct keys, 0 near-duplicate groups")
    assert lines[2] in ("  1.     1 criteria,   1 keys [E] Pregnant", "  1.     1 criteria,   1 keys [E] HIV")
    assert [json.loads(x)["type"] for x in out.getvalue().splitlines()] == ["criterion", "criterion"]


def test_library_command_has_help():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    p = dedup_command.add_parser(sub)
    assert p.prog.endswith(" dedup") and "criteria library" in p.description
    assert sub.choices["dedup"] is p
    assert all(a.help for a in p._actions if a.dest != "help")
