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

Usage:  python3 sample.py [--seed 20261125] [-o sampled.json]

The second blind set: the first set's script (../heldout/sample.py) with seed 20261125; every gold file
but heldout2-cases.json and the later heldout3/heldout4-cases.json is excluded, heldout-cases.json (the first blind set) included.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

SEED = 20261125


def _first_script():
    path = Path(__file__).resolve().parents[1] / "heldout" / "sample.py"
    spec = importlib.util.spec_from_file_location("heldout_sample", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    _first_script().main(name="heldout2", seed=SEED, here=Path(__file__), skip=("heldout2-cases.json", "heldout3-cases.json", "heldout4-cases.json",
                                                                                      "heldout5-cases.json"))
