"""Unit catalog (models/units.json) and a matcher for the unit written after a number.

``match_unit(text, pos)`` looks for a unit starting at ``pos`` (after optional spaces) and returns a
:class:`UnitMatch` with the UCUM code and the unit as written. A power of ten written before a
per-volume unit (``x 10^9/L``, ``10⁹/L``, ``x103/µL``) is part of the unit: ``10*9/L``. Surfaces are
case-insensitive, symbols case-sensitive (``G/L`` is 10^9/L, ``g/L`` grams per litre); µ, μ and u are
the same letter. No spaCy import.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .numbers import POWER_OF_TEN, TIMES, power_exponent
from .rulefiles import load_rule_json

_MU = "µμu"


@dataclass(frozen=True)
class Unit:
    ucum: str
    dimension: str
    per_volume: bool = False


@dataclass(frozen=True)
class UnitMatch:
    start: int
    end: int
    text: str
    ucum: str
    dimension: str
    exponent: Optional[int] = None  # the power of ten written before a per-volume unit
    per_volume: bool = False  # a count per volume (/L, /uL, /mm3): takes a power of ten as a prefix


def normalize(surface: str) -> str:
    """The lookup key of a unit as written: no spaces, µ/μ as u (case is the caller's business)."""
    return re.sub(r"\s+", "", surface).replace("\\", "").replace("µ", "u").replace("μ", "u").replace("⁄", "/") \
        .replace("∕", "/")


def _pattern(surface: str, open_end: bool) -> str:
    out = []
    for ch in surface:
        if ch == " ":
            out.append(r"\s*")
        elif ch == "/":
            out.append(r"\s*[/⁄∕]\s*")  # also the fraction and division slashes: mg⁄dL
        elif ch == "µ":
            out.append(f"[{_MU}]")
        elif ch == "^":
            out.append(r"\\?\^")  # CT.gov API v2 escapes the caret: m\^2
        else:
            out.append(re.escape(ch))
    pat = "".join(out)
    if surface[-1].isalnum() and not open_end:
        pat += r"(?![A-Za-z0-9])"
    elif open_end:
        pat += r"[a-z]?(?![A-Za-z0-9])"
    return pat


class UnitCatalog:
    """Compiled unit surfaces; built once from models/units.json by :func:`catalog`."""

    def __init__(self, rows: list[dict]) -> None:
        self.by_surface: dict[str, Unit] = {}
        self.by_symbol: dict[str, Unit] = {}
        self.open_end: set[str] = set()
        loose, strict = [], []
        for row in rows:
            unit = Unit(row["ucum"], row["dimension"], bool(row.get("per_volume")))
            open_end = bool(row.get("open_end"))
            for s in row.get("surfaces", []):
                self.by_surface.setdefault(normalize(s).lower(), unit)
                loose.append((s, open_end))
                if open_end:
                    self.open_end.add(normalize(s).lower())
            for s in row.get("symbols", []):
                self.by_symbol.setdefault(normalize(s), unit)
                strict.append((s, False))
        self.loose = self._compile(loose, re.IGNORECASE)
        self.strict = self._compile(strict, 0)
        per_volume = [s for row in rows if row.get("per_volume") for s in row.get("surfaces", [])]
        self.power = re.compile(r"\s*(?:" + TIMES + r"\s*)?(" + POWER_OF_TEN + r")\s*(?=" +
                                "|".join(_pattern(s, False) for s in sorted(per_volume, key=len, reverse=True)) + ")",
                                re.IGNORECASE)

    @staticmethod
    def _compile(items: list[tuple[str, bool]], flags: int) -> re.Pattern:
        items = sorted(set(items), key=lambda i: len(i[0]), reverse=True)
        return re.compile(r"\s*(" + "|".join(_pattern(s, o) for s, o in items) + ")", flags)

    def lookup(self, written: str) -> Optional[Unit]:
        key = normalize(written)
        if key in self.by_symbol:
            return self.by_symbol[key]
        low = key.lower()
        if low in self.by_surface:
            return self.by_surface[low]
        for stem in self.open_end:  # 'tablespoonl' -> 'tablespoon'
            if low.startswith(stem) and len(low) <= len(stem) + 1:
                return self.by_surface[stem]
        return None

    def match(self, text: str, pos: int, max_gap: int = 2) -> Optional[UnitMatch]:
        """The unit written at ``text[pos:]`` after at most ``max_gap`` spaces, or None."""
        exponent = None
        start = pos
        pm = self.power.match(text, pos)
        if pm:
            exponent = power_exponent(pm.group(1))
            start = pm.start() + len(pm.group(0)) - len(pm.group(0).lstrip())
            pos = pm.end()
        best = None
        for rx in (self.strict, self.loose):
            m = rx.match(text, pos)
            if m and (best is None or m.end() > best.end()):
                best = m
        if best is None:
            return None
        if exponent is None and best.start(1) - pos > max_gap:
            return None
        unit = self.lookup(best.group(1))
        if unit is None:
            return None
        if exponent is None:
            start = best.start(1)
        ucum = unit.ucum
        if exponent is not None:
            if not unit.per_volume:
                return None
            ucum = f"10*{exponent}{ucum}"
        return UnitMatch(start, best.end(), text[start:best.end()], ucum, unit.dimension, exponent, unit.per_volume)


@lru_cache(maxsize=1)
def catalog() -> UnitCatalog:
    """The unit catalog, loaded and validated once."""
    return UnitCatalog(load_rule_json("units.json")["units"])


def match_unit(text: str, pos: int) -> Optional[UnitMatch]:
    """The unit written at ``text[pos:]`` (after optional spaces), or None. See :class:`UnitCatalog`."""
    return catalog().match(text, pos)


def to_ucum(written: str) -> Optional[str]:
    """The UCUM code of a unit as written (``"mmHg"`` -> ``"mm[Hg]"``), or None if unknown."""
    m = catalog().match(written, 0)
    return m.ucum if m is not None and m.end == len(written.rstrip()) else None


_FAMILIES = {"mass concentration": "concentration", "substance concentration": "concentration",
             "arbitrary concentration": "concentration", "catalytic concentration": "concentration",
             "volume flow per area": "volume flow"}


@lru_cache(maxsize=None)
def dimension_of(ucum: Optional[str]) -> Optional[str]:
    """The dimension family of a UCUM code of the catalog (``mg/dL`` and ``umol/L`` are both concentrations,
    as a lab is written in either), or None when the code is not in it."""
    if ucum is None:
        return None
    for u in list(catalog().by_surface.values()) + list(catalog().by_symbol.values()):
        if u.ucum == ucum:
            return _FAMILIES.get(u.dimension, u.dimension)
    return None
