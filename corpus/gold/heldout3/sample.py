#!/usr/bin/env python3
"""Sample the third blind set (heldout3, seed 20261126): ../heldout/sample.py draws it (see its SETS table).

Usage:  python3 sample.py [--seed N] [-o sampled.json]
"""
import pathlib
import runpy
import sys

here = pathlib.Path(__file__).resolve()
sys.argv[1:1] = ["--set", here.parent.name]
runpy.run_path(str(here.parents[1] / "heldout" / "sample.py"), run_name="__main__")
