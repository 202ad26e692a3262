#!/usr/bin/env python3
"""Sample held-out criteria lines for a blind threshold/timeframe annotation: the fourth set.

The first set's script (../heldout/sample.py) with seed 20261127; every gold file but
heldout4-cases.json (and the later heldout5-cases.json) is excluded (the first three blind sets included).

Usage:  python3 sample.py [--seed 20261127] [-o sampled.json]
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

SEED = 20261127


def _first_script():
    path = Path(__file__).resolve().parents[1] / "heldout" / "sample.py"
    spec = importlib.util.spec_from_file_location("heldout_sample", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    _first_script().main(name="heldout4", seed=SEED, here=Path(__file__), skip=("heldout4-cases.json", "heldout5-cases.json"))
