"""Lists flattened onto one line (a registry export, a spreadsheet cell): where the segmenter cuts such a line.

``1. Is less than 18 years. 2. Requires ...`` is cut before each number of a consecutive run, ``- Born at 29
weeks ... - Informed consent ...`` before each dash (long lines only), ``adults aged 18-75 years; type 2
diabetes; BMI 25-45 kg/m2`` after each semicolon when it is the whole block, and ``... platelets >= 100.
Exclusion criteria: ...`` before the header.
"""
from __future__ import annotations

import re

from .headers import header_kind

# Lists flattened onto one line by a registry export: "1. Is less than 18 years. 2. Requires ..." or
# "- Born at 29 weeks ... - Informed consent ...". Only long lines with two or more such marks are split.
_INLINE_NUMBER = re.compile(r"(?:(?:(?<=\s)|^)(\d{1,2})[.)][ \t]+(?=[A-Z(\"'])"
                            r"|(?:(?<=[\s；。，;,.])|^)(?:（(\d{1,2})）|(\d{1,2})、)[ \t]*(?=\S))")  # full-width: （1）…；（2）…
_INLINE_DASH = re.compile(r"(?:(?<=\s)|^)[-•*][ \t]+(?=[A-Z0-9(\"'])")
_INLINE_MIN_LENGTH = 120
# "Inclusion criteria:" / "Exclusion criteria:" after a sentence on the same line (a flattened record).
# Without a stop before it, the header is capitalised after lower-case text of some length: "... 4) Written
# informed consent Exclusion criteria: 1) ..." (not "VOLUNTEER INCLUSION CRITERIA:", "Overall Exclusion Criteria:").
_INLINE_HEADER = re.compile(r"(?i:[.;:][ \t]+(?=(?:key[ \t]+)?(?:inclusion|exclusion)[ \t]+criteria[ \t]*:))"
                            r"|(?P<bare>(?<=[a-z0-9)])[ \t]+(?=(?:Key[ \t]+)?(?:Inclusion|Exclusion)[ \t]+[Cc]riteria[ \t]*:))")
_BARE_HEADER_AFTER = 40  # characters of text before such a header on its line
# A section written as one line of clauses ("adults aged 18-75 years; type 2 diabetes; BMI 25-45 kg/m2"):
# cut after each semicolon when the block is that one line and it has two semicolons or more.
SEMICOLON = re.compile(r"[;；][ \t]*")
_TRAILING_HEADING = re.compile(r"(?:[.;]\s+|\s{2,})(?P<heading>[A-Z][\w,/&()-]*(?: [\w,/&()-]+){0,4}:)$")


def numbered_cuts(line: str) -> list[int]:
    """Positions of an inline run of consecutive numbers (1. … 2. … 3.), or [] when there is none."""
    found = [(int(next(g for g in m.groups() if g)), m.start()) for m in _INLINE_NUMBER.finditer(line)]
    best: list[int] = []
    for i, (n, pos) in enumerate(found):
        run, want = [pos], n + 1
        for m, p in found[i + 1:]:
            if m == want:
                run.append(p)
                want += 1
        if len(run) > len(best):
            best = run
    return best if len(best) >= 2 else []


def inline_parts(text: str, start: int, end: int, clauses: bool = False, wrapped: bool = False) -> list[tuple[int, int]]:
    """``text[start:end]``, one line, as its parts: cut before a header that follows a sentence on it ("...
    platelets >= 100. Exclusion criteria: ..."), before each inline mark of a flattened list, and after each
    semicolon of a block that is one line of ``clauses``; other lines come back whole. A ``wrapped`` (hard-wrapped)
    text is cut before headers only."""
    heads = [m.end() for m in _INLINE_HEADER.finditer(text, start, end)
             if m.group("bare") is None or m.start() - start >= _BARE_HEADER_AFTER]
    if heads:
        bounds = [start, *heads, end]
        return [p for a, b in zip(bounds, bounds[1:]) for p in inline_parts(text, a, b, clauses, wrapped)
                if text[p[0]:p[1]].strip()]
    if wrapped:
        return [(start, end)]
    line = text[start:end]
    if clauses and not numbered_cuts(line) and SEMICOLON.search(line):
        cuts = [m.end() for m in SEMICOLON.finditer(line) if m.end() < len(line.rstrip())
                and line.count("(", 0, m.start()) <= line.count(")", 0, m.start())]  # not inside brackets
        bounds = [0, *cuts, len(line)]
        return [(start + a, start + len(line[:b].rstrip())) for a, b in zip(bounds, bounds[1:])
                if line[a:b].strip()]
    if end - start < _INLINE_MIN_LENGTH:
        cuts = numbered_cuts(line)  # a short line is cut only as a list from 1 ("1. Aged 18. 2. Consent."),
        lead = line[:cuts[0]].strip() if cuts else ""  # which may follow its header ("Exclusion criteria: 1) …")
        if not cuts or (cuts[0] != 0 and not header_kind(lead)[0]) or not line[cuts[0]:].lstrip("（(").startswith("1"):
            return [(start, end)]
    else:
        cuts = numbered_cuts(line) or [m.start() for m in _INLINE_DASH.finditer(line)]
    if len(cuts) < 2:
        return [(start, end)]
    bounds = sorted(set([0] + cuts + [len(line)]))
    parts = []
    for a, b in zip(bounds, bounds[1:]):
        while b > a and line[b - 1].isspace():
            b -= 1
        tail = _TRAILING_HEADING.search(line, a, b)
        if tail and tail.start() > a:
            keep = tail.start() + (1 if line[tail.start()] in ".;" else 0)  # the sentence keeps its stop
            parts.extend([(start + a, start + keep), (start + tail.start("heading"), start + b)])
        elif b > a:
            parts.append((start + a, start + b))
    return parts
