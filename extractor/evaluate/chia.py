"""Facets of the Chia corpus (gold) and of a parsed document (predicted), for span scoring.

Chia (Kury et al. 2020, *Scientific Data* 7:281, CC BY 4.0) annotates eligibility criteria in brat.
A *facet* is one kind of thing we score; each gives a list of gold items, a list of "ignore" items
(gold material outside the facet, see :func:`extractor.evaluate.score.align`) and a list of predicted
items. Items are :class:`~extractor.evaluate.score.Mention` or pairs of them.

=============  ===============================================  ==============================================
facet          gold (Chia)                                      predicted (TrialCriteria)
=============  ===============================================  ==============================================
entities       the eight concept types, lower-cased             ``criterion.entities`` (type must match)
values         ``Value`` entities holding a number               ``thresholds``: value part (strict) / whole
                                                                span (relaxed)
pairs          ``Has_value`` (Arg1 entity, Arg2 numeric Value)  (``threshold.measurement.span``, value part)
temporal       ``Temporal`` entities holding a number            ``timeframes`` spans
negated        Arg1 of ``Has_negation`` (Arg2 is the cue), cue   entities with ``negated=True`` (type must
               not an exception word                            match)
excepted       Arg1 of ``Has_negation`` with an exception cue    entities with ``excepted=True``
               ("except", "other than", "unless", …)
=============  ===============================================  ==============================================

Only numeric material is scored in ``values``, ``pairs`` and ``temporal``, on both sides: a predicted
threshold whose value part holds no number ("grade II", "++") or a timeframe whose text holds none
("throughout the study") is left out, as the gold Values and Temporals without a number are.

Gold spans are trimmed of surrounding white space (a few Chia spans end with ``\\r``), fragment by
fragment. "Holding a number" means a digit or a number word (``one`` … ``twenty``, tens, ``hundred``,
``thousand``, ``dozen``, ``half``, ``twice``); Roman numerals alone ("grade IV") are not numbers here.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from ..errors import InputError, RuleFileError
from ..types import ENTITY_TYPES, Threshold, TrialCriteria
from .brat import BratDocument, BratEntity, load_document
from .score import MODES, Alignment, Counts, Mention, Mode, align, counts_by_type

FACETS = ("entities", "values", "pairs", "temporal", "negated", "excepted")
TYPED_FACETS = frozenset({"entities", "negated", "excepted"})

_CONCEPT = {t.capitalize(): t for t in ENTITY_TYPES}
_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
    "million dozen half twice"
).split()
NUMERIC_RE = re.compile(r"\d|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
# Negation cues of Chia that carve an entity out of a criterion rather than deny it (our `excepted`).
EXCEPTION_CUE_RE = re.compile(
    r"\b(?:except\w*|exception|other|unless|exclud\w*|apart from|besides|allow\w*|permit\w*|not excluded)\b",
    re.IGNORECASE)
# Spans Chia's annotators flagged and, as a rule, left without concept annotations inside (of 155
# Pregnancy_considerations spans, 7 hold any concept; Informed_consent 4 of 215; Non-query-able 68 of 643):
# a prediction there cannot be judged. Undefined_semantics, Context_Error and Line spans do hold concepts.
UNANNOTATED_TYPES = frozenset({
    "Non-query-able", "Parsing_Error", "Post-eligibility", "Non-representable", "Informed_consent",
    "Subjective_judgement", "Pregnancy_considerations", "Competing_trial", "Not_a_criteria", "Grammar_Error",
    "Intoxication_considerations"})
_STRIP = " \t\r\n:;,("
_LINK_RE = re.compile(r"(?:of|is|was|are|must be|should be|be)\s+", re.IGNORECASE)
_DOC_RE = re.compile(r"NCT\d+_(?:inc|exc)\.txt")


@dataclass
class FacetData:
    """Items of one facet for one document: gold, ignore regions, and predicted (per mode)."""

    gold: list = field(default_factory=list)
    ignore: list = field(default_factory=list)
    pred: dict[str, list] = field(default_factory=lambda: {"strict": [], "relaxed": []})


def _trim(text: str, start: int, end: int, chars: str = " \t\r\n") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def gold_mention(doc: BratDocument, ent: BratEntity, mtype: str = "") -> Mention:
    """The trimmed mention of a brat entity (fragments kept when discontinuous)."""
    frags = tuple(f for f in (_trim(doc.text, s, e) for s, e in ent.fragments) if f[1] > f[0])
    frags = frags or ent.fragments
    start, end = min(f[0] for f in frags), max(f[1] for f in frags)
    return Mention(start, end, mtype, frags if len(frags) > 1 else ())


def is_numeric(text: str) -> bool:
    """Whether a span's text holds a number: a digit or a number word."""
    return NUMERIC_RE.search(text) is not None


def gold_facets(doc: BratDocument, unjudged: bool = False) -> dict[str, FacetData]:
    """Gold items (and ignore regions) of every facet of one Chia document.

    With ``unjudged``, predictions Chia's scheme cannot judge are ignored too: any inside a span of
    :data:`UNANNOTATED_TYPES`, and values inside a numeric ``Multiplier`` (Chia types counts such as
    "at least one", "3 or more" as Multiplier, not Value; the output contract reports them as thresholds).
    """
    out = {name: FacetData() for name in FACETS}
    ents = doc.entities
    for ent in ents.values():
        if unjudged and ent.type in UNANNOTATED_TYPES:
            region = gold_mention(doc, ent)
            for facet in FACETS:
                out[facet].ignore.append((region, region) if facet == "pairs" else region)
        elif unjudged and ent.type == "Multiplier" and is_numeric(doc.covered_text(ent)):
            out["values"].ignore.append(gold_mention(doc, ent))
        if ent.type in _CONCEPT:
            out["entities"].gold.append(gold_mention(doc, ent, _CONCEPT[ent.type]))
        elif ent.type in ("Value", "Temporal"):
            facet = "values" if ent.type == "Value" else "temporal"
            target = out[facet].gold if is_numeric(doc.covered_text(ent)) else out[facet].ignore
            target.append(gold_mention(doc, ent))
    seen_neg: set[tuple[str, str]] = set()
    for rel in doc.relations:
        a1, a2 = ents[rel.arg1], ents[rel.arg2]
        if rel.type == "Has_value" and a2.type == "Value":
            pair = (gold_mention(doc, a1), gold_mention(doc, a2))
            (out["pairs"].gold if is_numeric(doc.covered_text(a2)) else out["pairs"].ignore).append(pair)
        elif rel.type == "Has_negation" and a1.type in _CONCEPT:
            cue = doc.covered_text(a2)
            facet = "excepted" if EXCEPTION_CUE_RE.search(cue) else "negated"
            if (facet, a1.id) in seen_neg:
                continue
            seen_neg.add((facet, a1.id))
            mention = gold_mention(doc, a1, _CONCEPT[a1.type])
            out[facet].gold.append(mention)
            out["negated" if facet == "excepted" else "excepted"].ignore.append(mention)
    return out


def value_span(text: str, threshold: Threshold) -> tuple[int, int]:
    """The value part of a threshold: its span without the measurement when the measurement sits at
    either end of it, trimmed of white space and ``: ; , (`` and of a leading linking word (``of``,
    ``is``, ``was``, ``are``, ``must be``, ``should be``, ``be``): comparator, number and unit remain."""
    start, end = threshold.span
    m = threshold.measurement.span
    if m is not None and start <= m[0] and m[1] <= end and (m[1] - m[0]) < (end - start):
        if m[0] == start:
            start = m[1]
        elif m[1] == end:
            end = m[0]
    start, end = _trim(text, start, end, _STRIP)
    link = _LINK_RE.match(text, start, end)
    if link and link.end() < end:
        start = link.end()
    return (start, end) if end > start else tuple(threshold.span)  # type: ignore[return-value]


def predicted_facets(doc: TrialCriteria, out: Optional[dict[str, FacetData]] = None) -> dict[str, FacetData]:
    """Add the predicted items of every facet of a parsed document to ``out`` (new if None)."""
    out = out if out is not None else {name: FacetData() for name in FACETS}
    text = doc.text
    for crit in doc.criteria:
        for ent in crit.entities:
            m = Mention(ent.span[0], ent.span[1], ent.type)
            for mode in ("strict", "relaxed"):
                out["entities"].pred[mode].append(m)
                if ent.negated:
                    out["negated"].pred[mode].append(m)
                if ent.excepted:
                    out["excepted"].pred[mode].append(m)
        for th in crit.thresholds:
            vs = value_span(text, th)
            if not is_numeric(text[vs[0]:vs[1]]):
                continue  # "grade II", "++": outside the numeric facets, as on the gold side
            whole = Mention(th.span[0], th.span[1])
            part = Mention(vs[0], vs[1])
            out["values"].pred["strict"].append(part)
            out["values"].pred["relaxed"].append(whole)
            ms = th.measurement.span
            if ms is not None:
                meas = Mention(ms[0], ms[1])
                out["pairs"].pred["strict"].append((meas, part))
                out["pairs"].pred["relaxed"].append((meas, whole))
        for tf in crit.timeframes:
            if not is_numeric(tf.text):
                continue  # "during the study": outside the numeric temporal facet, as on the gold side
            m = Mention(tf.span[0], tf.span[1])
            out["temporal"].pred["strict"].append(m)
            out["temporal"].pred["relaxed"].append(m)
    return out


# --------------------------------------------------------------------------- running over a corpus


@dataclass
class ErrorCase:
    """One miss (gold without prediction) or false alarm (prediction without gold) of a facet."""

    facet: str
    kind: str  # "miss" or "false alarm"
    doc_id: str
    line_no: int
    line: str
    text: str
    type: str = ""

    def to_dict(self) -> dict:
        return {"facet": self.facet, "kind": self.kind, "doc": self.doc_id, "line_no": self.line_no,
                "text": self.text, "type": self.type, "line": self.line}


@dataclass
class ChiaResult:
    """Counts per facet key (``entities.condition`` … ``entities.micro``, ``values``, …) and mode."""

    documents: int = 0
    criteria: int = 0
    counts: dict[str, dict[str, Counts]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    errors: list[ErrorCase] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, key: str, mode: str, counts: Counts) -> None:
        self.counts.setdefault(key, {m: Counts() for m in MODES})[mode] += counts

    def to_dict(self) -> dict:
        return {"documents": self.documents, "criteria": self.criteria, "seconds": round(self.seconds, 2),
                "failures": self.failures,
                "facets": {k: {m: c.to_dict() for m, c in v.items()} for k, v in self.counts.items()},
                "errors": [e.to_dict() for e in self.errors]}


def read_splits(path: Path) -> dict[str, str]:
    """``NCT id → split`` from a two-column TSV; a malformed line raises InputError."""
    out: dict[str, str] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the splits file: {exc.strerror}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != 2:
            raise InputError(f"{path}:{n}: expected 'NCT id<TAB>split', got {line!r}")
        out[cols[0].strip()] = cols[1].strip()
    return out


def list_documents(directory: Path, split: str = "dev", splits_file: Optional[Path] = None) -> list[Path]:
    """The ``NCT*_inc.txt`` / ``NCT*_exc.txt`` files of ``directory`` in ``split`` (``all``: every one).

    The splits file defaults to ``directory/../SPLITS.tsv``.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(f"{directory}: not a directory (expected Chia brat files NCT*_inc.txt / NCT*_exc.txt)")
    files = sorted(p for p in directory.glob("NCT*.txt") if _DOC_RE.fullmatch(p.name))
    if split == "all":
        return files
    splits = read_splits(splits_file or directory.parent / "SPLITS.tsv")
    return [p for p in files if splits.get(p.name.split("_")[0]) == split]


def _mention_text(doc: BratDocument, m: Mention) -> str:
    return " … ".join(doc.text[s:e] for s, e in m.parts)


def _describe(doc: BratDocument, item, width: int = 240) -> tuple[int, str, str, str]:
    """Line number, line text (a window of ``width`` around the item when long), item text, type."""
    mentions = item if isinstance(item, tuple) and item and isinstance(item[0], Mention) else (item,)
    line_no, line = doc.line_of(mentions[-1].start)
    line = line.rstrip()
    if len(line) > width:
        line_start = doc.text.rfind("\n", 0, mentions[-1].start) + 1
        at = max(0, mentions[-1].start - line_start - width // 2)
        line = ("…" if at else "") + line[at:at + width] + ("…" if at + width < len(line) else "")
    text = " → ".join(_mention_text(doc, m) for m in mentions)
    return line_no, line, text, mentions[0].type


def _collect_errors(result: ChiaResult, doc: BratDocument, facet: str, data: FacetData, alignment: Alignment,
                    mode: Mode, wanted: str, limit: int) -> None:
    facet_type = wanted.split(".", 1)[1] if "." in wanted else None
    facet_type = None if facet_type == "micro" else facet_type
    for kind, indexes, items in (("miss", alignment.misses, data.gold),
                                 ("false alarm", alignment.false_alarms, data.pred[mode])):
        for i in indexes:
            if sum(1 for e in result.errors if e.kind == kind) >= limit:
                break
            line_no, line, text, mtype = _describe(doc, items[i])
            if facet_type and mtype != facet_type:
                continue
            result.errors.append(ErrorCase(wanted, kind, doc.doc_id, line_no, line, text, mtype))


def evaluate_chia(files: list[Path], parse: Optional[Callable[..., TrialCriteria]] = None, *,
                  error_facet: Optional[str] = None, error_limit: int = 0,
                  error_mode: Mode = "strict", facets: tuple[str, ...] = FACETS,
                  unjudged: bool = False) -> ChiaResult:
    """Parse every Chia file with ``parse`` (default :func:`extractor.parse_text`) and score each facet.

    A file the parser fails on is recorded in ``failures`` (scored as predicting nothing) and the run
    goes on. With ``error_facet`` (a facet, or ``entities.<type>``), up to ``error_limit`` misses and
    false alarms of that facet in ``error_mode`` are kept in ``errors``. ``facets`` limits what is
    scored (without the entity model: ``values``, ``pairs``, ``temporal``). ``unjudged``: see
    :func:`gold_facets`.
    """
    if parse is None:
        from .gold import text_parser

        parse = text_parser(entities=True)
    result = ChiaResult()
    began = time.perf_counter()
    for path in files:
        doc = load_document(path)
        kind = "inclusion" if path.stem.endswith("_inc") else "exclusion"
        result.documents += 1
        try:
            parsed = parse(doc.text, format="text", kind=kind, source=str(path))
            result.criteria += len(parsed.criteria)
            items = predicted_facets(parsed, gold_facets(doc, unjudged))
        except RuleFileError:
            raise  # a missing model or rule file fails every file alike: stop and say so
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the evaluation
            result.failures.append(f"{path}: {type(exc).__name__}: {exc}")
            items = gold_facets(doc, unjudged)
        for facet in facets:
            data = items[facet]
            for mode in MODES:
                alignment = align(data.gold, data.pred[mode], mode, typed=facet in TYPED_FACETS,
                                  ignore=data.ignore)
                if facet == "entities":
                    for etype, counts in counts_by_type(data.gold, data.pred[mode], alignment).items():
                        result.add(f"entities.{etype}", mode, counts)
                    result.add("entities.micro", mode, alignment.counts)
                else:
                    result.add(facet, mode, alignment.counts)
                if error_facet and error_limit and mode == error_mode and error_facet.split(".")[0] == facet:
                    _collect_errors(result, doc, facet, data, alignment, mode, error_facet, error_limit)
    result.seconds = time.perf_counter() - began
    return result
