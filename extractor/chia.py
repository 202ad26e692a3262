"""Reader for the Chia corpus (brat standoff), conversion to spaCy training data, and the span scores
of ``extractor train`` (:func:`score`).

Chia (Kury et al. 2020, Scientific Data 7:281, CC BY 4.0) annotates the eligibility criteria of 1,000
trials; each ``NCT*_inc.txt`` / ``NCT*_exc.txt`` file holds one criterion per line and its ``.ann`` file
the brat annotations. Only the eight concept types of :data:`extractor.types.ENTITY_TYPES` are read.

The reader is pure: text + annotations in, :class:`ChiaLine` examples out. Rules, in order:

* files are read with ``newline=""`` so that brat offsets, which count ``\\r``, stay valid;
* a discontinuous span (``T5 Drug 751 763;770 771``) becomes its covering extent when its fragments
  are on one line; otherwise only the fragments on the line of the first fragment are kept;
* spans are trimmed of surrounding white space and made relative to their line;
* overlapping spans are resolved longest first (ties: earlier start, then type order, then brat id),
  because a token tagger predicts one label per token. ``ChiaLine.all_spans`` keeps every span;
* the regions of the "scope" types Chia leaves without concept annotations
  (:data:`extractor.evaluate.chia.UNANNOTATED_TYPES`, e.g. ``Pregnancy_considerations``) are kept in
  ``ChiaLine.unannotated``, fragment by fragment, clipped to the line of each fragment and trimmed;
  ``to_docbin(..., missing_unannotated=True)`` marks their tokens not in a kept entity as missing.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional, Sequence

from .errors import RecordFormatError
from .evaluate.chia import UNANNOTATED_TYPES
from .types import ENTITY_TYPES

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import DocBin

SPLITS_FILE = "SPLITS.tsv"
BRAT_DIR = "brat"
_TYPE_BY_BRAT = {t.capitalize(): t for t in ENTITY_TYPES}
_UNANNOTATED_BY_BRAT = {t: t for t in sorted(UNANNOTATED_TYPES)}


@dataclass(frozen=True)
class ChiaSpan:
    """An entity span relative to its line: ``text[start:end]`` has type ``label``."""

    start: int
    end: int
    label: str
    ann_id: str = ""


@dataclass(frozen=True)
class ChiaLine:
    """One criterion line of a Chia file with its (non-overlapping) entity spans."""

    doc_id: str  # e.g. NCT00050349_exc
    line_no: int  # 0-based line number in the .txt file
    text: str
    spans: tuple[ChiaSpan, ...]
    all_spans: tuple[ChiaSpan, ...] = ()
    # (start, end) of the line's regions Chia flags and leaves without concepts (UNANNOTATED_TYPES).
    unannotated: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class _Annotation:
    ann_id: str
    label: str
    fragments: tuple[tuple[int, int], ...]


def parse_ann(ann_text: str, source: str = "<ann>",
              labels: Optional[dict[str, str]] = None) -> list[_Annotation]:
    """Text-bound annotations (``T`` lines) of the eight concept types (or of the brat types of
    ``labels``, brat type -> label); other lines are ignored."""
    labels = _TYPE_BY_BRAT if labels is None else labels
    out: list[_Annotation] = []
    for n, line in enumerate(ann_text.splitlines(), 1):
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            raise RecordFormatError(f"{source}:{n}: malformed text-bound annotation")
        head = parts[1].split(" ", 1)
        label = labels.get(head[0])
        if label is None:
            continue
        if len(head) != 2:
            raise RecordFormatError(f"{source}:{n}: annotation without offsets")
        fragments = []
        for frag in head[1].split(";"):
            bounds = frag.split()
            if len(bounds) != 2 or not all(b.isdigit() for b in bounds):
                raise RecordFormatError(f"{source}:{n}: bad offsets {head[1]!r}")
            start, end = int(bounds[0]), int(bounds[1])
            if end < start:
                raise RecordFormatError(f"{source}:{n}: span ends before it starts")
            fragments.append((start, end))
        out.append(_Annotation(parts[0], label, tuple(fragments)))
    return out


def _line_table(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line's content, excluding the ``\\n`` and a ``\\r`` before it."""
    table: list[tuple[int, int]] = []
    pos = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        content_end = end - 1 if raw.endswith("\r") else end
        table.append((pos, content_end))
        pos = end + 1
    return table


def _line_of(table: Sequence[tuple[int, int]], offset: int) -> int:
    """Index of the line whose extent (including its line break) holds ``offset``."""
    lo, hi = 0, len(table) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if table[mid][0] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def resolve_overlaps(spans: Iterable[ChiaSpan]) -> list[ChiaSpan]:
    """Keep a non-overlapping subset, longest first; ties by start, type order, then id. Sorted by start."""
    order = {t: i for i, t in enumerate(ENTITY_TYPES)}
    ranked = sorted(spans, key=lambda s: (-(s.end - s.start), s.start, order.get(s.label, 99), s.ann_id))
    kept: list[ChiaSpan] = []
    for span in ranked:
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: (s.start, s.end))


def _unannotated_regions(txt: str, ann: str, doc_id: str,
                         table: Sequence[tuple[int, int]]) -> dict[int, list[tuple[int, int]]]:
    """Line number -> line-relative (start, end) of the fragments of the UNANNOTATED_TYPES spans."""
    regions: dict[int, set[tuple[int, int]]] = {}
    for a in parse_ann(ann, doc_id, _UNANNOTATED_BY_BRAT):
        for frag_start, frag_end in a.fragments:
            if frag_end > len(txt):
                raise RecordFormatError(f"{doc_id}: {a.ann_id} offsets beyond the end of the text")
            n = _line_of(table, frag_start)
            line_start, line_end = table[n]
            start, end = _trim(txt, max(frag_start, line_start), min(frag_end, line_end))
            if start < end:
                regions.setdefault(n, set()).add((start - line_start, end - line_start))
    return {n: sorted(r) for n, r in regions.items()}


def read_brat(txt: str, ann: str, doc_id: str, keep_empty: bool = True) -> list[ChiaLine]:
    """Split one brat document into per-line examples with line-relative entity spans."""
    table = _line_table(txt)
    regions = _unannotated_regions(txt, ann, doc_id, table)
    by_line: dict[int, list[ChiaSpan]] = {}
    for a in parse_ann(ann, doc_id):
        if any(end > len(txt) for _, end in a.fragments):
            raise RecordFormatError(f"{doc_id}: {a.ann_id} offsets beyond the end of the text")
        first = _line_of(table, a.fragments[0][0])
        same = [f for f in a.fragments if _line_of(table, f[0]) == first]
        line_start, line_end = table[first]
        start = max(min(f[0] for f in same), line_start)
        end = min(max(f[1] for f in same), line_end)
        start, end = _trim(txt, start, end)
        if start >= end:
            continue
        by_line.setdefault(first, []).append(ChiaSpan(start - line_start, end - line_start, a.label, a.ann_id))
    lines: list[ChiaLine] = []
    for n, (start, end) in enumerate(table):
        text = txt[start:end]
        spans = sorted(by_line.get(n, []), key=lambda s: (s.start, s.end, s.label, s.ann_id))
        if not text.strip() or (not keep_empty and not spans):
            continue
        lines.append(ChiaLine(doc_id, n, text, tuple(resolve_overlaps(spans)), tuple(spans),
                              tuple(regions.get(n, ()))))
    return lines


def read_pair(txt_path: Path, ann_path: Optional[Path] = None) -> list[ChiaLine]:
    """Read ``X.txt`` and ``X.ann`` (CRLF-safe) into per-line examples."""
    txt_path = Path(txt_path)
    ann_path = txt_path.with_suffix(".ann") if ann_path is None else Path(ann_path)
    with open(txt_path, encoding="utf-8", newline="") as fh:
        txt = fh.read()
    with open(ann_path, encoding="utf-8", newline="") as fh:
        ann = fh.read()
    return read_brat(txt, ann, txt_path.stem)


def read_splits(corpus_dir: Path) -> dict[str, str]:
    """NCT id -> split name from ``SPLITS.tsv`` (two tab-separated columns, no header)."""
    path = Path(corpus_dir) / SPLITS_FILE
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            rows = [r for r in csv.reader(fh, delimiter="\t") if r and r[0].strip()]
    except FileNotFoundError as exc:
        raise RecordFormatError(f"{path}: missing split file") from exc
    if any(len(r) < 2 for r in rows):
        raise RecordFormatError(f"{path}: every line needs an id and a split")
    return {r[0].strip(): r[1].strip() for r in rows}


def trial_ids(corpus_dir: Path, split: str, limit: Optional[int] = None) -> list[str]:
    """Sorted NCT ids of one split, optionally the first ``limit`` of them."""
    ids = sorted(i for i, s in read_splits(corpus_dir).items() if s == split)
    return ids if limit is None else ids[:limit]


def iter_split(corpus_dir: Path, split: str, limit: Optional[int] = None) -> Iterator[ChiaLine]:
    """Every criterion line of the trials of ``split`` (inclusion file first, then exclusion)."""
    brat = Path(corpus_dir) / BRAT_DIR
    for nct in trial_ids(corpus_dir, split, limit):
        for part in ("inc", "exc"):
            txt = brat / f"{nct}_{part}.txt"
            if txt.exists():
                yield from read_pair(txt)


def _missing_spans(doc: Any, regions: Iterable[tuple[int, int]], ents: Sequence[Any]) -> list[Any]:
    """Maximal runs of tokens of ``doc`` inside ``regions`` (snapped outwards to token bounds) and outside
    every span of ``ents``, as Spans."""
    inside: set[int] = set()
    for start, end in regions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            inside.update(range(span.start, span.end))
    for ent in ents:
        inside.difference_update(range(ent.start, ent.end))
    runs: list[Any] = []
    for i in sorted(inside):
        if runs and runs[-1][1] == i:
            runs[-1][1] = i + 1
        else:
            runs.append([i, i + 1])
    return [doc[s:e] for s, e in runs]


def to_docbin(lines: Iterable[ChiaLine], nlp: Any,
              missing_unannotated: bool = False) -> tuple["DocBin", dict[str, int]]:
    """spaCy DocBin of the lines, tokenized by ``nlp``; spans snap outwards to token bounds.

    Returns the DocBin and counts: ``docs``, ``spans`` kept, ``dropped`` (overlapping once snapped).
    With ``missing_unannotated``, the tokens of ``ChiaLine.unannotated`` not in a kept entity are set to
    missing (IOB 0: the NER loss ignores them) instead of outside, and ``missing`` counts them.
    """
    from spacy.tokens import DocBin
    from spacy.util import filter_spans

    db = DocBin(attrs=["ENT_IOB", "ENT_TYPE"], store_user_data=False)
    stats = {"docs": 0, "spans": 0, "dropped": 0}
    for line in lines:
        doc = nlp.make_doc(line.text)
        ents = [doc.char_span(s.start, s.end, label=s.label, alignment_mode="expand") for s in line.spans]
        ents = [e for e in ents if e is not None]
        kept = filter_spans(ents)
        if missing_unannotated:
            missing = _missing_spans(doc, line.unannotated, kept)
            doc.set_ents(kept, missing=missing)
            stats["missing"] = stats.get("missing", 0) + sum(len(m) for m in missing)
        else:
            doc.ents = kept
        db.add(doc)
        stats["docs"] += 1
        stats["spans"] += len(kept)
        stats["dropped"] += len(line.spans) - len(kept)
    return db, stats


def build_docbins(corpus_dir: Path, out_dir: Path, nlp: Any, limit: Optional[int] = None,
                  splits: Sequence[str] = ("train", "dev"),
                  missing_unannotated: Sequence[str] = ()) -> dict[str, dict[str, int]]:
    """Write ``<out_dir>/<split>.spacy`` for each split; returns per-split counts. The splits named in
    ``missing_unannotated`` mark the unannotated regions missing (see :func:`to_docbin`)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    report: dict[str, dict[str, int]] = {}
    for split in splits:
        db, stats = to_docbin(iter_split(corpus_dir, split, limit), nlp, split in missing_unannotated)
        if stats["docs"] == 0:
            raise RecordFormatError(f"{corpus_dir}: no '{split}' criteria found")
        db.to_disk(out_dir / f"{split}.spacy")
        report[split] = stats
    return report


# --------------------------------------------------------------------------- scoring


def _prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> dict[str, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "pred": n_pred, "gold": n_gold}


def score(gold: Sequence[Iterable[tuple[int, int, str]]],
          pred: Sequence[Iterable[tuple[int, int, str]]]) -> dict[str, Any]:
    """Strict and relaxed micro P/R/F1, overall and per type, of (start, end, type) spans per text."""
    counts = {mode: {t: [0, 0, 0, 0] for t in ENTITY_TYPES} for mode in ("strict", "relaxed")}
    for g_spans, p_spans in zip(gold, pred):
        g_list, p_list = list(g_spans), list(p_spans)
        g_set, p_set = set(g_list), set(p_list)
        for s, e, t in p_list:
            overlap = any(t == gt and s < ge and gs < e for gs, ge, gt in g_list)
            for mode, hit in (("strict", (s, e, t) in g_set), ("relaxed", overlap)):
                c = counts[mode].setdefault(t, [0, 0, 0, 0])
                c[0] += hit
                c[1] += 1
        for s, e, t in g_list:
            found = any(t == pt and s < pe and ps < e for ps, pe, pt in p_list)
            exact = (s, e, t) in p_set
            for mode, hit in (("strict", exact), ("relaxed", found)):
                c = counts[mode].setdefault(t, [0, 0, 0, 0])
                c[2] += hit
                c[3] += 1
    result: dict[str, Any] = {}
    for mode, per in counts.items():
        total = [sum(c[i] for c in per.values()) for i in range(4)]
        result[mode] = {"micro": _prf(*total), "per_type": {t: _prf(*c) for t, c in per.items()}}
    return result
