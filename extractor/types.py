"""Typed data passed between the stages: readers -> segmentation -> extraction -> assembly -> JSON.

Every object is a frozen dataclass. Spans are ``(start, end)`` tuples of code-point offsets. Extractors
return spans relative to the criterion text they were given; ``shifted(offset)`` moves them into the
record's ``text`` (the assembler does this, nowhere else). Dicts appear only in ``to_dict()``.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal, Optional, Union

Span = tuple[int, int]
Kind = Literal["inclusion", "exclusion"]
Number = Union[int, float]

SCHEMA_VERSION = "1.0.0"
ENTITY_TYPES = ("condition", "drug", "procedure", "measurement", "observation", "device", "person", "visit")
COMPARATORS = ("<", "<=", ">", ">=", "=", "!=", "between")
DIRECTIONS = ("before", "after", "during")


def _shift(span: Optional[Span], offset: int) -> Optional[Span]:
    return None if span is None else (span[0] + offset, span[1] + offset)


# --------------------------------------------------------------------------- reader output


@dataclass(frozen=True)
class Block:
    """A region of ``Record.text`` that holds criteria.

    ``kind`` is the kind the source declares for the region (None: the segmenter finds headers or uses
    the default kind). ``atomic`` blocks are exactly one criterion each (registries that store criteria
    as a list); others are segmented into items. ``section`` names a sub-heading the source gives.
    """

    start: int
    end: int
    kind: Optional[Kind] = None
    atomic: bool = False
    section: Optional[str] = None


@dataclass(frozen=True)
class AgeLimit:
    """An age limit from a registry's structured field: ``"18 Years"`` → value 18, UCUM unit ``a``."""

    value: Number
    unit: str
    text: str

    def to_dict(self) -> dict:
        return {"value": self.value, "unit": self.unit, "text": self.text}


@dataclass(frozen=True)
class Eligibility:
    """A registry's structured eligibility fields (not the criteria text): each None when not given."""

    sex: Optional[str] = None  # "all", "female" or "male"
    minimum_age: Optional[AgeLimit] = None
    maximum_age: Optional[AgeLimit] = None
    healthy_volunteers: Optional[bool] = None

    def to_dict(self) -> dict:
        return {"sex": self.sex,
                "minimum_age": self.minimum_age.to_dict() if self.minimum_age else None,
                "maximum_age": self.maximum_age.to_dict() if self.maximum_age else None,
                "healthy_volunteers": self.healthy_volunteers}


@dataclass(frozen=True)
class Record:
    """One trial record as a reader returns it, whatever the source format."""

    id: Optional[str]
    registry: Optional[str]
    title: Optional[str]
    text: str
    blocks: tuple[Block, ...]
    source_format: str
    source: str
    wrapped: bool = False  # lines are hard-wrapped (legacy CT.gov XML): join lines into paragraphs
    secondary_ids: tuple[str, ...] = ()
    sponsor: Optional[str] = None
    status: Optional[str] = None
    warnings: tuple[str, ...] = ()
    eligibility: Optional[Eligibility] = None  # structured sex / age limits / healthy volunteers, if any
    furniture: tuple[Span, ...] = ()  # lines a PDF converter left between pages: never criteria


@dataclass(frozen=True)
class Failure:
    """A record (or a whole input) that could not be read; the run goes on without it."""

    source: str
    message: str
    record_id: Optional[str] = None

    def line(self) -> str:
        where = self.source if self.record_id is None else f"{self.source} [{self.record_id}]"
        return f"error: {where}: {self.message}"


# --------------------------------------------------------------------------- segmentation output


@dataclass(frozen=True)
class Item:
    """A criterion item found by segmentation, before extraction."""

    id: str
    kind: Kind
    span: Span
    text: str
    parent: Optional[str] = None
    section: Optional[str] = None


# --------------------------------------------------------------------------- extraction output


@dataclass(frozen=True)
class Entity:
    type: str
    text: str
    span: Span
    negated: bool = False
    excepted: bool = False
    historical: bool = False
    hypothetical: bool = False
    long_form: Optional[str] = None
    name: Optional[str] = None  # the words of a conjunct whose span runs over its neighbours' words

    def shifted(self, offset: int) -> "Entity":
        return replace(self, span=_shift(self.span, offset))

    def to_dict(self) -> dict:
        d = {"type": self.type, "text": self.text, "span": list(self.span),
             "negated": self.negated, "excepted": self.excepted,
             "historical": self.historical, "hypothetical": self.hypothetical}
        if self.long_form is not None:
            d["long_form"] = self.long_form
        if self.name is not None:
            d["name"] = self.name
        return d


@dataclass(frozen=True)
class Measurement:
    text: Optional[str]
    span: Optional[Span]
    name: Optional[str]
    loinc: Optional[str] = None

    def shifted(self, offset: int) -> "Measurement":
        return replace(self, span=_shift(self.span, offset))

    def to_dict(self) -> dict:
        return {"text": self.text, "span": None if self.span is None else list(self.span),
                "name": self.name, "loinc": self.loinc}


@dataclass(frozen=True)
class Threshold:
    text: str
    span: Span
    measurement: Measurement
    comparator: str
    value: Optional[Number] = None
    low: Optional[Number] = None
    high: Optional[Number] = None
    unit: Optional[str] = None
    unit_text: Optional[str] = None
    reference: Optional[str] = None

    def shifted(self, offset: int) -> "Threshold":
        return replace(self, span=_shift(self.span, offset), measurement=self.measurement.shifted(offset))

    def to_dict(self) -> dict:
        return {"text": self.text, "span": list(self.span), "measurement": self.measurement.to_dict(),
                "comparator": self.comparator, "value": self.value, "low": self.low, "high": self.high,
                "unit": self.unit, "unit_text": self.unit_text, "reference": self.reference}


@dataclass(frozen=True)
class Qualified:
    """What a timeframe qualifies: an entity or a threshold of the same criterion."""

    kind: str  # "entity" or "threshold"
    text: str
    span: Span

    def to_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text, "span": list(self.span)}


@dataclass(frozen=True)
class Timeframe:
    text: str
    span: Span
    value: Optional[Number]
    unit: Optional[str]
    min_days: Optional[Number] = None
    max_days: Optional[Number] = None
    direction: Optional[str] = None
    anchor: Optional[str] = None
    qualifies: Optional[Qualified] = None

    def shifted(self, offset: int) -> "Timeframe":
        moved = None if self.qualifies is None else replace(self.qualifies, span=_shift(self.qualifies.span, offset))
        return replace(self, span=_shift(self.span, offset), qualifies=moved)

    def to_dict(self) -> dict:
        return {"text": self.text, "span": list(self.span), "value": self.value, "unit": self.unit,
                "min_days": self.min_days, "max_days": self.max_days,
                "direction": self.direction, "anchor": self.anchor,
                "qualifies": None if self.qualifies is None else self.qualifies.to_dict()}


# --------------------------------------------------------------------------- assembled document


@dataclass(frozen=True)
class Criterion:
    id: str
    kind: Kind
    text: str
    span: Span
    parent: Optional[str] = None
    section: Optional[str] = None
    key: str = ""
    entities: tuple[Entity, ...] = ()
    thresholds: tuple[Threshold, ...] = ()
    timeframes: tuple[Timeframe, ...] = ()

    def to_dict(self) -> dict:
        return {"id": self.id, "kind": self.kind, "parent": self.parent, "section": self.section,
                "text": self.text, "span": list(self.span), "key": self.key,
                "entities": [e.to_dict() for e in self.entities],
                "thresholds": [t.to_dict() for t in self.thresholds],
                "timeframes": [t.to_dict() for t in self.timeframes]}


@dataclass(frozen=True)
class Duplicate:
    kept: str
    dropped: tuple[str, ...]
    reason: str

    def to_dict(self) -> dict:
        return {"kept": self.kept, "dropped": list(self.dropped), "reason": self.reason}


@dataclass(frozen=True)
class Trial:
    id: Optional[str]
    registry: Optional[str]
    title: Optional[str]
    source_format: str
    source: str
    secondary_ids: tuple[str, ...] = ()
    eligibility: Optional[Eligibility] = None

    def to_dict(self) -> dict:
        out = {"id": self.id, "registry": self.registry, "title": self.title,
               "source_format": self.source_format, "source": self.source,
               "secondary_ids": list(self.secondary_ids)}
        if self.eligibility is not None:
            out["eligibility"] = self.eligibility.to_dict()
        return out


@dataclass(frozen=True)
class TrialCriteria:
    trial: Trial
    text: str
    criteria: tuple[Criterion, ...]
    duplicates: tuple[Duplicate, ...] = ()
    warnings: tuple[str, ...] = ()
    schema_version: str = field(default=SCHEMA_VERSION)

    def to_dict(self) -> dict:
        return {"schema_version": self.schema_version, "trial": self.trial.to_dict(), "text": self.text,
                "criteria": [c.to_dict() for c in self.criteria],
                "duplicates": [d.to_dict() for d in self.duplicates],
                "warnings": list(self.warnings)}
