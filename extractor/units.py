"""Unit catalog (models/units.json) and a matcher for the unit written after a number.

``match_unit(text, pos)`` looks for a unit starting at ``pos`` (after optional spaces) and returns a
:class:`UnitMatch` with the UCUM code and the unit as written. A power of ten written before a
per-volume unit (``x 10^9/L``, ``10⁹/L``, ``x103/µL``) is part of the unit: ``10*9/L``. Surfaces are
case-insensitive, symbols case-sensitive (``G/L`` is 10^9/L, ``g/L`` grams per litre); µ, μ and u are
the same letter.

Compound units (the ``compound`` block of the catalog): a unit followed by denominators is composed
(``mL/kg`` -> ``mL/kg``, ``μg/ kg/min`` -> ``ug/kg/min``, ``mg/kg/day`` -> ``mg/kg/d``, ``U/kg``), with the
unit as written in ``text``. A unit is never cut to its first part: followed by ``/`` and a word that is
no denominator (``mg/dose``) it has ``ucum`` None and ``text`` runs to the end of that word. A rank
(``percentile``, ``centile``) has ``ucum`` None too: it is not a percent. No spaCy import.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .numbers import POWER_OF_TEN, TIMES, power_exponent
from .rulefiles import load_rule_json

_MU = "µμu"
_GOES_ON = re.compile(r"[ \t]*[/⁄∕][ \t]*([A-Za-zµμ][A-Za-z0-9µμ²³^]*)")


@dataclass(frozen=True)
class Unit:
    ucum: Optional[str]
    dimension: str
    per_volume: bool = False
    dose: bool = False  # a denominator per body weight or body surface (kg, m2)


@dataclass(frozen=True)
class UnitMatch:
    start: int
    end: int
    text: str
    ucum: Optional[str]  # None: a rank (percentile) or a unit that goes on with a part we cannot read
    dimension: str
    exponent: Optional[int] = None  # the power of ten written before a per-volume unit
    per_volume: bool = False  # a count per volume (/L, /uL, /mm3): takes a power of ten as a prefix
    dose: bool = False  # composed with a per-kg or per-m2 denominator: a dose (mg/kg, mL/kg)


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

    def __init__(self, rows: list[dict], compound: Optional[dict] = None) -> None:
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
        self.ranks = {normalize(s).lower() for row in rows if row["dimension"] == "rank" for s in row.get("surfaces", [])}
        self._compound(compound or {"numerator_dimensions": [], "denominators": []})
        per_volume = [s for row in rows if row.get("per_volume") for s in row.get("surfaces", [])]
        self.power = re.compile(r"\s*(?:" + TIMES + r"\s*)?(" + POWER_OF_TEN + r")\s*(?=" +
                                "|".join(_pattern(s, False) for s in sorted(per_volume, key=len, reverse=True)) + ")",
                                re.IGNORECASE)

    def _compound(self, data: dict) -> None:
        self.numerator_dimensions = frozenset(data["numerator_dimensions"])
        self.rate_dimensions = frozenset(data.get("rate_dimensions", []))  # "% per year": one time denominator
        self.numerators: dict[str, Unit] = {}
        self.numerator_before: dict[str, frozenset] = {}  # surface -> the first denominators it may take
        loose, strict = [], []
        for row in data.get("numerators", []):
            unit = Unit(row["ucum"], row["dimension"])
            keyed = [(normalize(s).lower(), s, loose) for s in row.get("surfaces", [])] + \
                [(normalize(s), s, strict) for s in row.get("symbols", [])]
            for key, s, into in keyed:
                self.numerators.setdefault(key, unit)
                if "before" in row:
                    self.numerator_before[key] = frozenset(row["before"])
                into.append((s, False))
        self.numerator_loose = self._compile(loose, re.IGNORECASE) if loose else None
        self.numerator_strict = self._compile(strict, 0) if strict else None
        self.denominators: dict[str, Unit] = {}
        surfaces = []
        for row in data["denominators"]:
            unit = Unit(row["ucum"], row["dimension"], dose=bool(row.get("dose")))
            for s in row.get("surfaces", []) + row.get("symbols", []):
                self.denominators.setdefault(normalize(s).lower(), unit)
                surfaces.append(s)
        self.dose_ucums = frozenset(u.ucum for u in self.denominators.values() if u.dose)
        alts = "|".join(_pattern(s, False) for s in sorted(set(surfaces), key=len, reverse=True))
        self.denominator = re.compile(r"[ \t]*(?:[/⁄∕]|per\b)[ \t]*(" + alts + r")(?![A-Za-z0-9])", re.IGNORECASE) \
            if alts else None

    def _numerator(self, text: str, pos: int) -> Optional[re.Match]:
        """An amount that counts only before a denominator (``U`` in ``U/kg``)."""
        best = None
        for rx in (self.numerator_strict, self.numerator_loose):
            m = rx.match(text, pos) if rx is not None else None
            if m and (best is None or m.end() > best.end()):
                best = m
        return best

    def _compose(self, text: str, end: int, unit: Unit, first: Optional[frozenset] = None) -> tuple[int, Unit]:
        """Denominators after a unit: ``mL`` + ``/kg`` -> ``mL/kg``; ``mg/kg`` + ``/day`` -> ``mg/kg/d``.
        ``first``: the denominators the unit may take first (None: any)."""
        if self.denominator is None:
            return end, unit
        while unit.dimension in self.numerator_dimensions or unit.dimension in self.rate_dimensions:
            m = self.denominator.match(text, end)
            if m is None:
                break
            den = self.denominators[normalize(m.group(1)).lower()]
            if den.ucum in unit.ucum.split("/")[1:] or (first is not None and den.ucum not in first):
                break  # "mg/kg/kg" is no unit
            if unit.dimension in self.rate_dimensions and den.dimension != "time":
                break  # "% per kg" is no rate
            first = None
            dose = unit.dose or den.dose or any(p in self.dose_ucums for p in unit.ucum.split("/")[1:])
            unit = Unit(f"{unit.ucum}/{den.ucum}", f"{unit.dimension} per {den.dimension}", unit.per_volume, dose)
            end = m.end()
        return end, unit

    def _goes_on(self, text: str, end: int) -> Optional[int]:
        """The end of ``/word`` after a unit when the word is no denominator (``mg/dose``), else None.

        A whole unit with its own slash after it is an alternative (``mg/dL/mmol/L``), not part of it, and
        so is a capitalised word standing alone (``mmHg/MAP < 65``): the slash separates two limits.
        """
        m = _GOES_ON.match(text, end)
        if m is None:
            return None
        word = m.group(1)
        if len(word) >= 2 and word[0].isupper() and not text[m.end():m.end() + 1].strip(" \t"):
            return None  # "SBP < 80 mmHg/MAP < 65", "mmHg / Mean arterial pressure": the slash separates two limits
        alt = self.lookup(word)
        if alt is not None and "/" in (alt.ucum or ""):
            return None
        nxt = self.loose.match(text, m.start(1)) or self.strict.match(text, m.start(1))
        if nxt is not None and "/" in nxt.group(1):
            return None
        return m.end()

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
        unit = self.lookup(best.group(1)) if best is not None else None
        end = best.end() if best is not None else pos
        if exponent is None:
            num = self._numerator(text, pos)
            if num is not None and (unit is None or num.end() > end):
                key = normalize(num.group(1))
                key = key if key in self.numerators else key.lower()
                n_end, composed = self._compose(text, num.end(), self.numerators[key], self.numerator_before.get(key))
                if composed.ucum != self.numerators[key].ucum:
                    best, unit, end = num, composed, n_end
        if best is None or unit is None:
            return None
        gap = text[pos:best.start(1)]
        if exponent is None and (len(gap) > max_gap or "\n" in gap) and not (
                _WRAP.fullmatch(gap) and (end - best.start(1) > 1 or not text[best.start(1)].isalpha())):
            return None  # more than a space or two, unless the line wrapped between number and unit (a unit of
            # one letter, "L" of "L-dopa", does not start a line after a number)
        if exponent is None:
            start = best.start(1)
        if end == best.end():
            end, unit = self._compose(text, end, unit)
        ucum = unit.ucum
        if exponent is not None:
            if not unit.per_volume:
                return None
            ucum = f"10*{exponent}{ucum}"
        if ucum is not None:
            more = self._goes_on(text, end)
            if more is not None:  # "10 mg/dose": not "mg"
                return UnitMatch(start, more, text[start:more], None, "unknown")
        return UnitMatch(start, end, text[start:end], ucum, unit.dimension, exponent, unit.per_volume, unit.dose)


@lru_cache(maxsize=1)
def catalog() -> UnitCatalog:
    """The unit catalog, loaded and validated once."""
    data = load_rule_json("units.json")
    return UnitCatalog(data["units"], data.get("compound"))


def match_unit(text: str, pos: int) -> Optional[UnitMatch]:
    """The unit written at ``text[pos:]`` (after optional spaces), or None. See :class:`UnitCatalog`."""
    return catalog().match(text, pos)


_WRAP = re.compile(r"[ \t]*\r?\n[ \t]*")  # a hard-wrapped line: "hemoglobin > 9\r\n        g/dL"
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)(?![A-Za-z])", re.IGNORECASE)


def rank_suffix_end(text: str, end: int) -> Optional[int]:
    """The end of an ordinal suffix glued to a number at ``end`` when a rank unit follows (``85th percentile``,
    ``3rd centile``), else None."""
    m = _ORDINAL_SUFFIX.match(text, end)
    if m is None:
        return None
    u = match_unit(text, m.end())
    return m.end() if u is not None and u.dimension == "rank" else None


def to_ucum(written: str) -> Optional[str]:
    """The UCUM code of a unit as written (``"mmHg"`` -> ``"mm[Hg]"``), or None if unknown."""
    m = catalog().match(written, 0)
    return m.ucum if m is not None and m.end == len(written.rstrip()) else None


_FAMILIES = {"mass concentration": "concentration", "substance concentration": "concentration",
             "mass per volume": "concentration", "substance amount per volume": "concentration",
             "arbitrary concentration": "concentration", "catalytic concentration": "concentration",
             "volume flow per area": "volume flow"}


@lru_cache(maxsize=None)
def dimension_of(ucum: Optional[str]) -> Optional[str]:
    """The dimension family of a UCUM code of the catalog (``mg/dL`` and ``umol/L`` are both concentrations,
    as a lab is written in either), or None when the code is not in it."""
    raw = _raw_dimension(ucum)
    return _FAMILIES.get(raw, raw) if raw is not None else None


def _raw_dimension(ucum: Optional[str]) -> Optional[str]:
    if ucum is None:
        return None
    cat = catalog()
    for u in list(cat.by_surface.values()) + list(cat.by_symbol.values()) + list(cat.numerators.values()):
        if u.ucum == ucum:
            return u.dimension
    base, _, last = ucum.rpartition("/")
    den = next((d for d in cat.denominators.values() if d.ucum == last), None) if base else None
    num = _raw_dimension(base) if den is not None else None
    return f"{num} per {den.dimension}" if num is not None else None
