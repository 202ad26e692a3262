"""``extractor review``: one self-contained HTML page for curators to check what the parser found.

``render(docs)`` turns documents (the dicts of OUTPUT.md) into a page: per trial a header, the inclusion
and exclusion lists with every span highlighted by type, a compact table of the structured values, the
duplicates and warnings, and numbers that no threshold or timeframe explains flagged as possible misses.
Many trials get a table of contents; a search box filters criteria (plain JavaScript, no network: the
page's Content-Security-Policy forbids any fetch). The HTML/CSS/JS shell is package data
(``models/review.html``); every string from a document is escaped here.

Highlights: each span (entity, threshold, the threshold's measurement, timeframe) becomes exactly one
``<mark class="hl …">`` carrying ``data-kind``, ``data-type``, ``data-idx`` and ``data-ref``. Nested spans
nest; where two spans cross, the inner element is closed at the crossing and reopened as a
``<mark class="hl-cont …">`` piece with the same ``data-ref`` (so counting ``.hl`` counts spans).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import Iterable, Optional

from .resources import model_path
from .types import ENTITY_TYPES

TEMPLATE = "review.html"
# outer before inner when two spans start and end at the same place
_NESTING = {"threshold": 0, "timeframe": 0, "measure": 1, "entity": 2, "number": 3}
# a number not glued to a preceding letter (PD-1, CD4, HER2 and COVID-19 are names, not quantities)
_NUMBER = re.compile(r"(?<![A-Za-z\d.,])(?<![A-Za-z]-)\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Mark:
    """A span to highlight, in offsets local to the criterion text."""

    start: int
    end: int
    kind: str          # threshold | timeframe | measure | entity | number
    idx: int           # index in its list (thresholds[idx], entities[idx], …)
    type: str = ""     # the entity type, for entities
    title: str = ""
    classes: str = ""  # extra classes (neg, exc)


def _e(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def _num(value) -> str:
    return "" if value is None else str(value)  # 1.0 stays 1.0: the type is what the parser gave


def _span(obj) -> Optional[tuple[int, int]]:
    span = obj.get("span") if isinstance(obj, dict) else None
    if isinstance(span, (list, tuple)) and len(span) == 2 and all(isinstance(x, int) for x in span):
        return span[0], span[1]
    return None


def _threshold_value(t: dict) -> str:
    if t.get("comparator") == "between":
        return f"{_num(t.get('low'))} – {_num(t.get('high'))}"
    return _num(t.get("value"))


def _threshold_title(t: dict) -> str:
    m = t.get("measurement") or {}
    unit = t.get("unit") or ""
    ref = f" × {t['reference']}" if t.get("reference") else ""
    what = m.get("name") or m.get("text") or "?"
    return f"threshold: {what} {t.get('comparator') or '?'} {_threshold_value(t)}{ref} {unit}".strip()


def _timeframe_title(t: dict) -> str:
    bounds = f"[{_num(t.get('min_days')) or '…'}, {_num(t.get('max_days')) or '…'}] days"
    return f"timeframe: {bounds} {t.get('direction') or ''} {t.get('anchor') or ''}".strip()


def criterion_marks(crit: dict) -> tuple[list[Mark], list[str]]:
    """The highlight marks of a criterion (local offsets) and the problems that kept some out."""
    text, base = crit.get("text") or "", (_span(crit) or (0, 0))[0]
    marks: list[Mark] = []
    problems: list[str] = []

    def add(obj: dict, kind: str, idx: int, label: str, **extra) -> None:
        span = _span(obj)
        if span is None:
            return
        s, e = span[0] - base, span[1] - base
        if not 0 <= s < e <= len(text):
            problems.append(f"{label} span {list(span)} lies outside the criterion; not highlighted")
            return
        if obj.get("text") is not None and text[s:e] != obj["text"]:
            problems.append(f"{label} text {obj['text']!r} differs from the text at its span {text[s:e]!r}")
        marks.append(Mark(s, e, kind, idx, **extra))

    for i, t in enumerate(crit.get("thresholds") or []):
        add(t, "threshold", i, f"threshold {i + 1}", title=_threshold_title(t))
        m = t.get("measurement") or {}
        if _span(m) is not None:
            add(m, "measure", i, f"threshold {i + 1} measurement",
                title=f"measurement: {m.get('name') or m.get('text')}")
    for i, t in enumerate(crit.get("timeframes") or []):
        add(t, "timeframe", i, f"timeframe {i + 1}", title=_timeframe_title(t))
    for i, ent in enumerate(crit.get("entities") or []):
        etype = str(ent.get("type") or "entity")
        flags = [f for f in ("negated", "excepted") if ent.get(f)]
        classes = " ".join({"negated": "neg", "excepted": "exc"}[f] for f in flags)
        add(ent, "entity", i, f"entity {i + 1}", type=etype, classes=classes,
            title=" ".join([etype] + flags))
    return marks, problems


def unexplained_numbers(text: str, marks: Iterable[Mark]) -> list[tuple[int, int]]:
    """Spans of numbers in ``text`` that no threshold or timeframe mark covers (possible misses)."""
    covered = [(m.start, m.end) for m in marks if m.kind in ("threshold", "timeframe")]
    return [(m.start(), m.end()) for m in _NUMBER.finditer(text)
            if not any(s < m.end() and m.start() < e for s, e in covered)]


def _open(mark: Mark, ref: str, cont: bool) -> tuple[str, str]:
    if mark.kind == "number":
        return '<span class="num-flag" title="number not explained by any threshold or timeframe">', "</span>"
    cls = " ".join(c for c in ("hl-cont" if cont else "hl", f"hl-{mark.kind}", mark.type and f"t-{mark.type}",
                                mark.classes) if c)
    typ = f' data-type="{_e(mark.type)}"' if mark.type else ""
    return (f'<mark class="{_e(cls)}" data-kind="{mark.kind}" data-idx="{mark.idx}" data-ref="{_e(ref)}"{typ} '
            f'title="{_e(mark.title)}">', "</mark>")


def markup(text: str, marks: list[Mark], ref_prefix: str = "") -> str:
    """Escaped ``text`` with one element per mark; crossing marks are split into continuation pieces."""
    order = sorted(marks, key=lambda m: (m.start, -m.end, _NESTING.get(m.kind, 9)))
    starts: dict[int, list[Mark]] = {}
    for m in order:
        starts.setdefault(m.start, []).append(m)
    bounds = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    out: list[str] = []
    stack: list[tuple[Mark, str]] = []  # open marks and their closing tags
    pos = 0
    for b in bounds:
        out.append(escape(text[pos:b], quote=False))
        pos = b
        ending = [k for k, (m, _) in enumerate(stack) if m.end == b]
        if ending:
            k = ending[0]
            reopen = [m for m, _ in stack[k:] if m.end != b]
            out.extend(close for _, close in reversed(stack[k:]))
            del stack[k:]
            for m in reopen:
                tag, close = _open(m, f"{ref_prefix}{m.kind}{m.idx}", cont=True)
                out.append(tag)
                stack.append((m, close))
        for m in starts.get(b, []):
            tag, close = _open(m, f"{ref_prefix}{m.kind}{m.idx}", cont=False)
            out.append(tag)
            stack.append((m, close))
    out.append(escape(text[pos:], quote=False))
    out.extend(close for _, close in reversed(stack))
    return "".join(out)


def _values_table(crit: dict, ref_prefix: str) -> str:
    rows = []
    for i, t in enumerate(crit.get("thresholds") or []):
        m = t.get("measurement") or {}
        meas = _e(m.get("text") or "(implicit)")
        if m.get("name") and m.get("name") != m.get("text"):
            meas += f' <span class="meta">→ {_e(m["name"])}</span>'
        unit = _e(t.get("unit") or "")
        if t.get("unit_text") and t.get("unit_text") != t.get("unit"):
            unit += f' <span class="meta">({_e(t["unit_text"])})</span>'
        rows.append(f'<tr data-ref="{_e(ref_prefix)}threshold{i}"><td>threshold</td><td>{meas}</td>'
                    f'<td>{_e(t.get("comparator"))}</td><td class="n">{_e(_threshold_value(t))}</td>'
                    f'<td>{unit}</td><td>{_e(t.get("reference") or "")}</td></tr>')
    for i, t in enumerate(crit.get("timeframes") or []):
        low, high = _num(t.get("min_days")), _num(t.get("max_days"))
        window = f"{low or '…'} to {high or '…'} days" if low or high else "–"
        rows.append(f'<tr data-ref="{_e(ref_prefix)}timeframe{i}"><td>timeframe</td><td>{_e(t.get("text"))}</td>'
                    f'<td>{_e(t.get("direction") or "")}</td><td class="n">{_e(window)}</td>'
                    f'<td>{_e(_num(t.get("value")))} {_e(t.get("unit") or "")}</td>'
                    f'<td>{_e(t.get("anchor") or "")}</td></tr>')
    for i, ent in enumerate(crit.get("entities") or []):
        flags = [f for f in ("negated", "excepted") if ent.get(f)]
        if flags:
            rows.append(f'<tr data-ref="{_e(ref_prefix)}entity{i}"><td>{_e(" ".join(flags))}</td>'
                        f'<td>{_e(ent.get("text"))}</td><td colspan="4">{_e(ent.get("type"))}</td></tr>')
    if not rows:
        return ""
    head = ("<tr><th>what</th><th>measurement / text</th><th>comparator / direction</th>"
            "<th>value / window</th><th>unit</th><th>reference / anchor</th></tr>")
    return f'<table class="values">{head}{"".join(rows)}</table>'


def _criterion(crit: dict, tid: str, depth: int, dup_badges: dict[str, str]) -> str:
    cid = str(crit.get("id") or "?")
    text = crit.get("text") or ""
    marks, problems = criterion_marks(crit)
    numbers = unexplained_numbers(text, marks)
    prefix = f"{tid}:{cid}:"
    body = markup(text, marks + [Mark(s, e, "number", n) for n, (s, e) in enumerate(numbers)], prefix)
    kind = crit.get("kind") if crit.get("kind") in ("inclusion", "exclusion") else "unknown"
    classes = f"crit kind-{kind} depth-{min(depth, 3)}" + (" flagged" if numbers else "")
    badges = []
    if crit.get("parent"):
        badges.append(f'<span class="badge">in {_e(crit["parent"])}</span>')
    if cid in dup_badges:
        badges.append(f'<span class="badge dup">{_e(dup_badges[cid])}</span>')
    if numbers:
        badges.append(f'<span class="badge flag">{len(numbers)} unexplained number{"s" * (len(numbers) != 1)}</span>')
    notes = "".join(f'<div class="meta">⚠ {_e(p)}</div>' for p in problems)
    if problems:
        badges.append('<span class="badge bad">span problem</span>')
    html = (f'<li class="{classes}" id="{_e(tid)}-{_e(cid)}" data-id="{_e(cid)}" data-marks="{len(marks)}" '
            f'data-unexplained="{len(numbers)}"><a class="cid" href="#{_e(tid)}-{_e(cid)}">{_e(cid)}</a>'
            f'{"".join(badges)}<div class="crit-text">{body}</div>{notes}{_values_table(crit, prefix)}</li>')
    return html


def _depths(criteria: list[dict]) -> dict[str, int]:
    parents = {str(c.get("id")): c.get("parent") for c in criteria}
    depths = {}
    for cid in parents:
        depth, seen, p = 0, {cid}, parents[cid]
        while p and p not in seen and depth < 10:
            depth, seen, p = depth + 1, seen | {p}, parents.get(p)
        depths[cid] = depth
    return depths


def _counts(doc: dict) -> dict[str, int]:
    crits = [c for c in doc.get("criteria") or [] if isinstance(c, dict)]
    return {
        "inclusion": sum(c.get("kind") == "inclusion" for c in crits),
        "exclusion": sum(c.get("kind") == "exclusion" for c in crits),
        "thresholds": sum(len(c.get("thresholds") or []) for c in crits),
        "timeframes": sum(len(c.get("timeframes") or []) for c in crits),
        "entities": sum(len(c.get("entities") or []) for c in crits),
        "unexplained": sum(len(unexplained_numbers(c.get("text") or "", criterion_marks(c)[0])) for c in crits),
        "duplicates": sum(len(d.get("dropped") or []) for d in doc.get("duplicates") or []),
        "warnings": len(doc.get("warnings") or []),
    }


def _trial(doc: dict, n: int) -> str:
    trial = doc.get("trial") or {}
    tid = f"trial-{n}"
    criteria = [c for c in doc.get("criteria") or [] if isinstance(c, dict)]
    depths = _depths(criteria)
    dup_badges: dict[str, str] = {}
    dup_items = []
    for d in doc.get("duplicates") or []:
        dropped = [str(x) for x in d.get("dropped") or []]
        for x in dropped:
            dup_badges[x] = f"duplicate of {d.get('kept')}"
        if d.get("kept") is not None:
            dup_badges.setdefault(str(d["kept"]), "kept; duplicates: " + ", ".join(dropped))
        dup_items.append(f"<li><b>{_e(d.get('kept'))}</b> kept, dropped {_e(', '.join(dropped))}"
                         f"{': ' + _e(d['reason']) if d.get('reason') else ''}</li>")
    counts = _counts(doc)
    parts = [f'<section class="trial" id="{tid}" data-trial-id="{_e(trial.get("id"))}">',
             f'<h2>{_e(trial.get("id") or "(no id)")} <span class="meta">{_e(trial.get("registry") or "")}</span></h2>',
             f'<div class="title">{_e(trial.get("title") or "(no title)")}</div>',
             f'<div class="meta">source: {_e(trial.get("source") or "?")} ({_e(trial.get("source_format") or "?")}) · '
             + " · ".join(f"{v} {k}" for k, v in counts.items()) + "</div>"]
    if doc.get("warnings"):
        parts.append('<div class="box warnings"><b>Warnings</b><ul>'
                     + "".join(f"<li>{_e(w)}</li>" for w in doc["warnings"]) + "</ul></div>")
    if dup_items:
        parts.append(f'<div class="box duplicates"><b>Duplicates</b><ul>{"".join(dup_items)}</ul></div>')
    groups = [(f"{k.capitalize()} criteria", [c for c in criteria if c.get("kind") == k])
              for k in ("inclusion", "exclusion")]
    other = [c for c in criteria if c.get("kind") not in ("inclusion", "exclusion")]
    for heading, mine in groups + ([("Criteria of unknown kind", other)] if other else []):
        parts.append(f"<h3>{heading} ({len(mine)})</h3>" + ("" if mine else '<p class="empty">none</p>'))
        section: object = ()  # never a section value, so the first criterion opens a list
        for c in mine:
            if c.get("section") != section:
                parts.append("</ol>" if section != () else "")
                section = c.get("section")
                parts.append((f'<h4 class="section">{_e(section)}</h4>' if section else "") + '<ol class="criteria">')
            parts.append(_criterion(c, tid, depths.get(str(c.get("id")), 0), dup_badges))
        parts.append("</ol>" if mine else "")
    parts.append("</section>")
    return "\n".join(parts)


def _toc(docs: list[dict]) -> str:
    keys = ("inclusion", "exclusion", "thresholds", "timeframes", "entities", "unexplained", "duplicates", "warnings")
    head = "<tr><th>#</th><th>trial</th><th>title</th>" + "".join(f"<th>{k}</th>" for k in keys) + "<th>shown</th></tr>"
    rows = []
    for n, doc in enumerate(docs, 1):
        trial, counts = doc.get("trial") or {}, _counts(doc)
        rows.append(f'<tr data-trial="trial-{n}"><td class="n">{n}</td>'
                    f'<td><a href="#trial-{n}">{_e(trial.get("id") or "(no id)")}</a></td>'
                    f'<td>{_e(trial.get("title") or "")}</td>'
                    + "".join(f'<td class="n">{counts[k]}</td>' for k in keys)
                    + f'<td class="n shown">{len(doc.get("criteria") or [])}</td></tr>')
    return f'<nav><h2>Trials ({len(docs)})</h2><table class="toc">{head}{"".join(rows)}</table></nav>'


def _legend() -> str:
    keys = ['<mark class="key hl-threshold">threshold</mark>', '<mark class="key hl-timeframe">timeframe</mark>',
            '<mark class="key hl-measure">measured quantity</mark>']
    keys += [f'<mark class="key hl-entity t-{t}">{t}</mark>' for t in ENTITY_TYPES]
    keys += ['<mark class="key hl-entity neg">negated</mark>', '<mark class="key hl-entity exc">excepted</mark>',
             '<span class="key num-flag">12</span> number no threshold or timeframe explains']
    return f'<div class="legend">Legend: {" ".join(keys)}</div>'


def render(docs: list[dict]) -> str:
    """One self-contained HTML page reviewing ``docs`` (documents as in OUTPUT.md)."""
    from . import __version__

    template = model_path(TEMPLATE).read_text(encoding="utf-8")
    if len(docs) == 1:
        trial = docs[0].get("trial") or {}
        title = f"Criteria review: {trial.get('id') or '(no id)'}"
    else:
        title = f"Criteria review: {len(docs)} trials"
    body = (_toc(docs) if len(docs) > 1 else "") + "\n".join(_trial(d, n) for n, d in enumerate(docs, 1))
    if not docs:
        body = '<p class="empty">No documents.</p>'
    values = {"TITLE": _e(title), "GENERATOR": _e(f"extractor {__version__} review"), "LEGEND": _legend(), "BODY": body}
    return re.sub(r"\{\{([A-Z]+)\}\}", lambda m: values[m.group(1)], template)  # one pass: values stay as given
