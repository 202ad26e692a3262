"""Ordinal scales (models/ordinal_scales.json): Roman numerals, plus-sign grades, Child-Pugh letters.

A Roman numeral is a value only on a scale: after a trigger word (``grade II``, ``class III``,
``NYHA III``) in the same clause, never after a blocker (``stage IV``, ``phase II``, ``type 2``).
``++`` is 2 and ``1+`` is 1 on a plus-graded measurement (urine protein, fecal occult blood).
A Child-Pugh class letter is the score range of the class (A = 5-6, B = 7-9, C = 10-15); ``B7`` is 7.
``or better`` / ``or worse`` read through the scale's good end (ECOG 1 or better -> <= 1).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .rulefiles import load_rule_json


@dataclass(frozen=True)
class Scale:
    key: str
    name: str
    min: float
    max: float
    better: Optional[str]
    integer: bool
    roman: bool
    letters: tuple[tuple[str, float, float], ...] = ()

    def admits(self, value: float) -> bool:
        return self.min <= value <= self.max and (not self.integer or float(value).is_integer())

    def letter(self, written: str) -> Optional[tuple[float, float]]:
        for name, low, high in self.letters:
            if name == written.upper():
                return low, high
        return None


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    scale: str


class Ordinals:
    """Compiled ordinal-scale data; see :func:`ordinals`."""

    def __init__(self, data: dict) -> None:
        self.roman_values = dict(data["roman_numerals"])
        self.plus_values = dict(data["plus_grades"])
        self.scales = {k: Scale(k, v["name"], v["min"], v["max"], v.get("better"), v["integer"],
                                bool(v.get("roman")),
                                tuple((n, lh[0], lh[1]) for n, lh in v.get("letters", {}).items()))
                       for k, v in data["scales"].items()}
        self.trigger_scale = {t["surface"].lower(): t["scale"] for t in data["triggers"]}
        romans = sorted(self.roman_values, key=len, reverse=True)
        self.roman = re.compile(r"(?<![A-Za-z0-9])(?<![A-Za-z]-)(?<![A-Za-z]‐)(" + "|".join(romans) + r")(?![A-Za-z0-9])")
        self.roman_range = re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(romans) + r")[\-‐–](" + "|".join(romans) + r")(?![A-Za-z0-9])")
        trig = sorted(self.trigger_scale, key=len, reverse=True)
        self.trigger = re.compile(r"(?<![A-Za-z])(" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in trig)
                                  + r")(?![A-Za-z])", re.IGNORECASE)
        blockers = sorted(data["blockers"], key=len, reverse=True)
        self.blocker = re.compile(r"(?<![A-Za-z])(?:" + "|".join(re.escape(b).replace(r"\ ", r"\s+") for b in blockers)
                                  + r")[\s:\-(]*$", re.IGNORECASE)
        names = sorted(data["scale_names"], key=len, reverse=True)
        self.scale_name = re.compile(r"(?<![A-Za-z])(?:" + "|".join(re.escape(n).replace(r"\ ", r"[\s\-]*") for n in names)
                                     + r")(?:\s*\(\s*[A-Z\- ]{2,10}\s*\))?(?:[\s,]*(?:v|version|ver\.?)?\s*\(?\d+(?:\.\d+)?\)?)?"
                                     + r"[\s,]*$", re.IGNORECASE)
        self.plus = re.compile(r"(?<![A-Za-z0-9+])(\+{1,4})(?![+A-Za-z0-9])")

    def roman_spans(self, text: str):
        """(start, end, value) of every Roman numeral, including the second of a hyphenated pair (I-II)."""
        out = [(m.start(1), m.end(1), self.roman_values[m.group(1)]) for m in self.roman.finditer(text)]
        out += [(m.start(1), m.end(1), self.roman_values[m.group(1)]) for m in self.roman_range.finditer(text)]
        return sorted(set(out))

    def roman_value(self, written: str) -> Optional[int]:
        return self.roman_values.get(written)

    def plus_value(self, written: str) -> Optional[int]:
        return self.plus_values.get(written)

    def triggers(self, text: str) -> list[Trigger]:
        return [Trigger(m.start(), m.end(), self.trigger_scale[re.sub(r"\s+", " ", m.group(1)).lower()])
                for m in self.trigger.finditer(text)]

    def blocked(self, text: str, start: int, floor: int = 0) -> bool:
        """True if a blocker word (stage, phase, type...) stands right before ``start``."""
        return self.blocker.search(text, max(floor, start - 30), start) is not None

    def resolve(self, comparator: str, scale: Optional[Scale]) -> Optional[str]:
        """``better``/``worse`` -> a real comparator on ``scale``; other comparators unchanged."""
        if comparator not in ("better", "worse"):
            return comparator
        if scale is None or scale.better is None:
            return None
        good_is_low = scale.better == "lower"
        return "<=" if (comparator == "better") == good_is_low else ">="


@lru_cache(maxsize=1)
def ordinals() -> Ordinals:
    """The ordinal-scale data, loaded and validated once."""
    return Ordinals(load_rule_json("ordinal_scales.json"))
