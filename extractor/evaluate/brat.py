"""A loader for brat standoff annotations (``.txt`` + ``.ann``), as used by the Chia corpus.

Only what the evaluation needs is kept: text-bound annotations (``T`` lines) with all their
fragments, binary relations (``R`` lines) and equivalence groups (``*`` lines). Attribute, event,
normalization and note lines (``A``/``M``/``E``/``N``/``#``) are recognised and ignored.

Rules:

* the ``.txt`` file is read with ``newline=""``: brat offsets count every code point, including the
  ``\\r`` of CRLF line ends, so no newline translation may happen;
* a discontinuous annotation (``T5 Value 751 763;770 771``) keeps its fragments in order;
  :attr:`BratEntity.start` / :attr:`BratEntity.end` give its extent (first start, last end);
* a malformed line, a span outside the text or a relation naming an unknown annotation raises
  :class:`~extractor.errors.RecordFormatError` naming the file and line: gold data is never skipped.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..errors import RecordFormatError

Fragment = tuple[int, int]


@dataclass(frozen=True)
class BratEntity:
    """A text-bound annotation: ``type`` over one or more fragments of the document text."""

    id: str
    type: str
    fragments: tuple[Fragment, ...]
    text: str  # the annotation's text as the .ann file gives it (fragments joined by a space)

    @property
    def start(self) -> int:
        return min(f[0] for f in self.fragments)

    @property
    def end(self) -> int:
        return max(f[1] for f in self.fragments)


@dataclass(frozen=True)
class BratRelation:
    """A binary relation ``type(arg1, arg2)`` between two annotation ids."""

    id: str
    type: str
    arg1: str
    arg2: str


@dataclass(frozen=True)
class BratDocument:
    """One brat document: its text, entities by id, relations and equivalence groups."""

    doc_id: str
    text: str
    entities: dict[str, BratEntity]
    relations: tuple[BratRelation, ...]
    equivalences: tuple[tuple[str, ...], ...] = ()
    path: Optional[str] = None

    def covered_text(self, entity: BratEntity) -> str:
        """The document text under ``entity``'s fragments, joined by a space (brat's convention)."""
        return " ".join(self.text[s:e] for s, e in entity.fragments)

    def line_of(self, offset: int) -> tuple[int, str]:
        """The 1-based line number and the line's text (without its line end) holding ``offset``."""
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        end = len(self.text) if end < 0 else end
        return self.text.count("\n", 0, start) + 1, self.text[start:end].rstrip("\r")


def _fragments(spec: str, where: str, text_len: int) -> tuple[Fragment, ...]:
    frags: list[Fragment] = []
    for part in spec.split(";"):
        bounds = part.split()
        if len(bounds) != 2 or not all(b.isdigit() for b in bounds):
            raise RecordFormatError(f"{where}: bad offsets {spec!r}: expected 'start end[;start end…]'")
        start, end = int(bounds[0]), int(bounds[1])
        if end < start or end > text_len:
            raise RecordFormatError(f"{where}: span {start}-{end} is outside the text (length {text_len})")
        frags.append((start, end))
    return tuple(frags)


def parse_ann(ann_text: str, text: str, *, doc_id: str = "<doc>", source: str = "<ann>") -> BratDocument:
    """Parse the content of an ``.ann`` file whose offsets index ``text``.

    Raises RecordFormatError on the first malformed line, naming ``source`` and the line number.
    """
    entities: dict[str, BratEntity] = {}
    relations: list[BratRelation] = []
    groups: list[tuple[str, ...]] = []
    for n, line in enumerate(ann_text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        parts = line.split("\t")
        ann_id = parts[0]
        if ann_id.startswith("T"):
            if len(parts) < 2 or " " not in parts[1]:
                raise RecordFormatError(f"{where}: malformed text-bound annotation {line!r}")
            etype, spec = parts[1].split(" ", 1)
            frags = _fragments(spec, where, len(text))
            entities[ann_id] = BratEntity(ann_id, etype, frags, parts[2] if len(parts) > 2 else "")
        elif ann_id.startswith("R"):
            fields = parts[1].split() if len(parts) > 1 else []
            args = dict(f.split(":", 1) for f in fields[1:] if ":" in f)
            if len(fields) != 3 or "Arg1" not in args or "Arg2" not in args:
                raise RecordFormatError(f"{where}: malformed relation {line!r}: expected 'Type Arg1:X Arg2:Y'")
            relations.append(BratRelation(ann_id, fields[0], args["Arg1"], args["Arg2"]))
        elif ann_id == "*":
            fields = parts[1].split() if len(parts) > 1 else []
            if len(fields) < 2:
                raise RecordFormatError(f"{where}: malformed equivalence {line!r}")
            groups.append(tuple(fields[1:]))
        elif ann_id[:1] in ("A", "M", "E", "N", "#"):
            continue
        else:
            raise RecordFormatError(f"{where}: unknown annotation line {line!r}")
    for rel in relations:
        for arg in (rel.arg1, rel.arg2):
            if arg not in entities:
                raise RecordFormatError(f"{source}: relation {rel.id} names unknown annotation {arg}")
    return BratDocument(doc_id, text, entities, tuple(relations), tuple(groups))


def load_document(txt_path: Path | str) -> BratDocument:
    """Load ``NAME.txt`` and ``NAME.ann`` (next to it) as one :class:`BratDocument`."""
    txt = Path(txt_path)
    ann = txt.with_suffix(".ann")
    try:
        with open(txt, encoding="utf-8", newline="") as fh:
            text = fh.read()
        with open(ann, encoding="utf-8", newline="") as fh:
            ann_text = fh.read()
    except FileNotFoundError as exc:
        raise RecordFormatError(f"{exc.filename}: missing brat file (each .txt needs its .ann)") from exc
    except UnicodeDecodeError as exc:
        raise RecordFormatError(f"{txt}: not UTF-8: {exc.reason}") from exc
    doc = parse_ann(ann_text, text, doc_id=txt.stem, source=str(ann))
    return BratDocument(doc.doc_id, doc.text, doc.entities, doc.relations, doc.equivalences, str(txt))
