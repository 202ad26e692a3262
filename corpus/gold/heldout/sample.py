#!/usr/bin/env python3
"""Sample held-out criteria lines for a blind threshold/timeframe annotation.

Reads the shared corpus (read-only) and writes sampled.json (next to this script): a list of
{"id", "source", "kind", "bucket", "text"} picked with a fixed seed.

  * ClinicalTrials.gov API v2 studies:  ../shared/corpus/ctgov-api-v2/*.json
  * legacy CT.gov XML:                  ../shared/corpus/ctgov-xml/AllPublicXML-sample.zip
  * non-CT.gov registries:              ../shared/corpus/multi-registry/{ISRCTN,EUCTR,CTIS}_*.json

Records used anywhere in corpus/gold/*.json ("source" fields: NCT ids, ISRCTN / CTIS /
EUCTR ids) are excluded, and so is any line whose text equals a gold case text.

A candidate is one criterion line (one bullet, one numbered item, or one sentence of a long
paragraph) of 20-250 characters holding a digit or a number word. Candidates are put into buckets
(first matching rule wins, see BUCKETS) and a fixed number is drawn per bucket (TARGETS), alternating
between the CT.gov API v2 pool and the XML pool, with REGISTRY_QUOTA cases drawn first from the
non-CT.gov registries; at most one case per record.

Usage:  python3 sample.py [--set heldout|heldout2|…|heldout5] [--seed N] [-o sampled.json]
(the later sets' directories hold a sample.py that runs this one with their --set)
"""
from __future__ import annotations

import argparse
import glob
import json
import random
import re
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]  # the project root (corpus/gold/heldout/sample.py)
CORPUS = REPO.parent / "shared" / "corpus"
GOLD = REPO / "corpus" / "gold"

NUMBER_WORDS = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
                r"eighty|ninety|hundred|thousand|million|dozen|half|twice")
HAS_NUMBER = re.compile(rf"\d|\b(?:{NUMBER_WORDS})\b", re.I)

T_UNIT = r"(?:hours?|hrs?|days?|weeks?|wks?|months?|years?)"
BUCKETS = [  # (name, regex) - first match wins
    ("performance", re.compile(r"ECOG|Karnofsky|Lansky|performance status|\bWHO\s*PS\b|Zubrod|\bKPS\b", re.I)),
    ("bmi", re.compile(r"\bBMI\b|body mass index", re.I)),
    ("blood_pressure", re.compile(r"blood pressure|mm\s*Hg|\bSBP\b|\bDBP\b", re.I)),
    ("uln", re.compile(r"\bULN\b|\bUNL\b|\bLLN\b|upper limits? of normal|lower limits? of normal|times normal|x normal", re.I)),
    ("lab_unit", re.compile(r"\d\s*(?:x\s*10\S*\s*)?(?:/\s*mm|/\s*[µμu]L|/mcL|g/dl|mg/dl|mmol|[µμu]mol|mEq|"
                            r"/L\b|mL/min|copies|cells|IU/|U/L|ng/|pg/|%)", re.I)),
    ("age", re.compile(rf"\bage[sd]?\b.*\d|\d.*\byears? (?:of age|old)|\d+\s*(?:years|yrs)\b.*\bage\b", re.I)),
    ("grade", re.compile(r"\bgrade\b|\bNYHA\b|\bclass\s+(?:I|II|III|IV|\d)", re.I)),
    ("prior_lines", re.compile(r"\b(?:lines?|regimens?|courses?|cycles?)\b", re.I)),
    ("window", re.compile(rf"(?:within|prior|before|since|after|past|last|previous|preceding|following)\b[^.;]*?"
                          rf"(?:\d+|\b(?:{NUMBER_WORDS})\b)[\s-]*{T_UNIT}\b|"
                          rf"(?:\d+|\b(?:{NUMBER_WORDS})\b)[\s-]*{T_UNIT}\s+(?:prior|before|since|after|of)", re.I)),
    ("other", re.compile(r"\d")),
]
TARGETS = {"lab_unit": 12, "uln": 8, "age": 8, "performance": 6, "grade": 5, "bmi": 4,
           "blood_pressure": 4, "prior_lines": 5, "window": 13, "other": 5}   # 70
REGISTRY_QUOTA = 6

BULLET = re.compile(r"^\s*(?:[*\-•·]|\d{1,2}[.)](?!\d)|[a-z][.)]|\(?[ivx]{1,4}\)|\(\d{1,2}\)|\([a-z]\))\s*", re.I)


def gold_exclusions(skip: tuple[str, ...]) -> tuple[set[str], set[str]]:
    """Record ids and texts of every gold file but those named in ``skip``: the set being drawn and any
    drawn after it (added to the gold directory later)."""
    ids, texts = set(), set()
    for f in sorted(GOLD.glob("*.json")):
        if f.name in skip:
            continue
        for case in json.loads(f.read_text(encoding="utf-8"))["cases"]:
            src = case["source"]
            ids.update(re.findall(r"NCT\d{8}", src))
            ids.update(m.replace("_", "") for m in re.findall(r"(?:ISRCTN|CTIS|EUCTR)_[0-9A-Z-]+", src))
            texts.add(case["text"].strip())
    return ids, texts


def kind_of_header(line: str, current: str) -> str | None:
    """'inclusion'/'exclusion' when the line is a section header, else None."""
    s = line.strip()
    bare = re.fullmatch(r"(?:[-*]\s*)?(?:key\s+)?(?:in|ex)clusion criteria\.?", s, re.I)
    if not (s.endswith(":") or bare) or len(s) > 80:
        return None
    if re.search(r"exclu", s, re.I):
        return "exclusion"
    if re.search(r"inclu", s, re.I):
        return "inclusion"
    return current  # another header (e.g. PATIENT CHARACTERISTICS:) keeps the kind


def clean_item(s: str) -> str:
    s = BULLET.sub("", s, count=1)
    return re.sub(r"\s+", " ", s).strip()


def sentences(item: str) -> list[str]:
    if len(item) <= 250:
        return [item]
    return [x.strip() for x in re.split(r"(?<=[.;])\s+(?=[A-Z])", item) if x.strip()]


def items_from_lines(lines: list[str], kind: str = "inclusion"):
    """(kind, n, text) for each criterion line of a line-oriented text."""
    n = 0
    for line in lines:
        if not line.strip():
            continue
        header = kind_of_header(line, kind)
        if header is not None:
            kind = header
            continue
        item = clean_item(line)
        for sent in sentences(item):
            n += 1
            yield kind, n, sent


def ctgov_api():
    for f in sorted((CORPUS / "ctgov-api-v2").glob("*.json")):
        for study in json.loads(f.read_text(encoding="utf-8")):
            ps = study.get("protocolSection", {})
            nct = ps.get("identificationModule", {}).get("nctId")
            text = ps.get("eligibilityModule", {}).get("eligibilityCriteria")
            if not nct or not text:
                continue
            for kind, n, sent in items_from_lines(text.split("\n")):
                yield "api", nct, f"corpus/ctgov-api-v2/{f.name} {nct} ({kind} line {n})", kind, sent


def ctgov_xml():
    path = CORPUS / "ctgov-xml" / "AllPublicXML-sample.zip"
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if not name.endswith(".xml"):
                continue
            root = ET.fromstring(z.read(name))
            nct = root.findtext("id_info/nct_id") or Path(name).stem
            tb = root.find("eligibility/criteria/textblock")
            if tb is None or not tb.text:
                continue
            text = tb.text.replace("\r\n", "\n").replace("\r", "\n")
            # a block is separated by a blank line; wrapped lines inside a block are joined on white space
            blocks = [re.sub(r"\s*\n\s*", " ", b.strip()) for b in re.split(r"\n\s*\n", text)]
            for kind, n, sent in items_from_lines(blocks):
                yield "xml", nct, f"corpus/ctgov-xml/AllPublicXML-sample.zip!{name} ({kind} item {n})", kind, sent


def registries():
    base = CORPUS / "multi-registry"
    for f in sorted(base.glob("ISRCTN_*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        rid = f.stem.replace("_", "")
        for field in ("inclusion", "exclusion"):
            text = d.get("participants", {}).get(field) or ""
            for _, n, sent in items_from_lines(text.split("\n"), field):
                yield "registry", rid, f"corpus/multi-registry/{f.name} participants.{field} item {n}", field, sent
    for f in sorted(base.glob("CTIS_*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        rid = f.stem.replace("_", "")
        app = d.get("authorizedApplication") or {}
        part = app.get("authorizedPartI") or d.get("authorizedPartI") or {}
        ec = part.get("trialDetails", {}).get("trialInformation", {}).get("eligibilityCriteria", {})
        for field, kind in (("principalInclusionCriteria", "inclusion"), ("principalExclusionCriteria", "exclusion")):
            for i, entry in enumerate(ec.get(field, [])):
                text = entry.get(field) or ""
                parts = re.split(r"\n|•", text)
                for j, p in enumerate(parts):
                    p = clean_item(p)
                    for sent in sentences(p) if p else []:
                        yield "registry", rid, f"corpus/multi-registry/{f.name} {field}[{i}] part {j}", kind, sent
    for f in sorted(base.glob("EUCTR_*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        rid = f.stem.replace("_", "")
        for field, kind in (("e3_principal_inclusion_criteria", "inclusion"), ("e4_principal_exclusion_criteria", "exclusion")):
            text = d.get(field) or ""
            # EU-CTR exports run items together: split on ' 1. ', ' - ' and new lines
            parts = re.split(r"\n|\s(?=\d{1,2}\.\s)|\s+-\s+", text)
            for j, raw in enumerate(parts):
                # a double space inside an item of these exports marks a lost symbol ("at  6 months" for
                # "at ≤ 6 months"): such an item cannot be annotated faithfully and is skipped
                if re.search(r"\S {2,}\S", raw.strip()):
                    continue
                p = clean_item(raw)
                for sent in sentences(p) if p else []:
                    yield "registry", rid, f"corpus/multi-registry/{f.name} {field} part {j}", kind, sent


def bucket_of(text: str) -> str | None:
    for name, rx in BUCKETS:
        if rx.search(text):
            return name
    return None


# Every blind set drawn with this script, in the order they were drawn, with its seed. A set leaves out
# the records of every gold file except its own cases and those of the sets drawn after it, so each set
# redraws the same sample now that the later ones sit in corpus/gold. heldout2/ … heldout5/sample.py call
# this script with --set.
SETS = {"heldout": 20240611, "heldout2": 20261125, "heldout3": 20261126, "heldout4": 20261127, "heldout5": 20261128}


def main() -> None:
    """Draw one set (case ids ``<set>-<record>-<n>``) into its directory's sampled.json."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", dest="name", choices=list(SETS), default="heldout")
    ap.add_argument("--seed", type=int, default=None, help="default: the set's seed (SETS)")
    ap.add_argument("-o", "--output", default=None, help="default: <set directory>/sampled.json")
    args = ap.parse_args()
    name = args.name
    seed = args.seed if args.seed is not None else SETS[name]
    later = list(SETS)[list(SETS).index(name):]
    skip = tuple(f"{n}-cases.json" for n in later)
    output = args.output or str(GOLD / name / "sampled.json")
    excluded_ids, gold_texts = gold_exclusions(skip)

    pools: dict[tuple[str, str], list[dict]] = {}
    for gen in (ctgov_api(), ctgov_xml(), registries()):
        for group, rid, source, kind, text in gen:
            if rid in excluded_ids or text in gold_texts:
                continue
            if not (20 <= len(text) <= 250) or not HAS_NUMBER.search(text) or text.endswith(":"):
                continue
            b = bucket_of(text)
            if b is None:
                continue
            pools.setdefault((b, group), []).append(
                {"record": rid, "source": source, "kind": kind, "bucket": b, "text": text})

    sizes = {f"{b}/{g}": len(v) for (b, g), v in sorted(pools.items())}
    rng = random.Random(seed)
    for key in sorted(pools):
        rng.shuffle(pools[key])
    used: set[str] = set()
    picks: list[dict] = []
    counts = {b: 0 for b in TARGETS}

    def take(b: str, group: str) -> bool:
        pool = pools.get((b, group), [])
        while pool:
            c = pool.pop()
            if c["record"] not in used:
                used.add(c["record"])
                picks.append(c)
                counts[b] += 1
                return True
        return False

    # 1. the non-CT.gov registries (few records: drawn first, in random bucket order)
    reg_buckets = [b for b in TARGETS if pools.get((b, "registry"))]
    n = 0
    while n < REGISTRY_QUOTA and reg_buckets:
        b = rng.choice(reg_buckets)
        if counts[b] < TARGETS[b] and take(b, "registry"):
            n += 1
        else:
            reg_buckets.remove(b)
    # 2. each bucket up to its target, alternating API v2 and XML
    for b in TARGETS:
        turn = 0
        while counts[b] < TARGETS[b]:
            groups = ("api", "xml") if turn % 2 == 0 else ("xml", "api")
            if not (take(b, groups[0]) or take(b, groups[1])):
                break
            turn += 1

    for i, c in enumerate(picks, 1):
        c["id"] = f"{name}-{c['record']}-{i}"
    Path(output).write_text(json.dumps(picks, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{name}, seed {seed}: {len(picks)} cases; per bucket {counts}; "
          f"per source { {g: sum(1 for c in picks if c['source'].startswith('corpus/' + d)) for g, d in (('api', 'ctgov-api'), ('xml', 'ctgov-xml'), ('registry', 'multi-registry'))} }")
    print("pool sizes:", sizes)
    print(f"excluded record ids: {len(excluded_ids)}; gold texts: {len(gold_texts)}")


if __name__ == "__main__":
    main()
