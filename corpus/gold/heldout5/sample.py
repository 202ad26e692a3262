#!/usr/bin/env python3
"""Sample held-out criteria lines for a blind threshold/timeframe annotation: the fifth set.

The first set's script (../heldout/sample.py) with seed 20261128; every gold file but
heldout5-cases.json is excluded (the first four blind sets included).

Usage:  python3 sample.py [--seed 20261128] [-o sampled.json]
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

SEED = 20261128


def _first_script():
    path = Path(__file__).resolve().parents[1] / "heldout" / "sample.py"
    spec = importlib.util.spec_from_file_location("heldout_sample", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    _first_script().main(name="heldout5", seed=SEED, here=Path(__file__), skip=("heldout5-cases.json",))
