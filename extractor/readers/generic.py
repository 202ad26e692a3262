"""Fallback reader (``generic``) for registry records no dedicated reader knows: JSON objects and XML
documents whose fields say what they hold (WHO ICTRP exports ``<Inclusion_Criteria>``, ANZCTR
``<inclusivecriteria>``, a JSON record with ``eligibility.criteria`` or ``inclusion_criteria``…).

The criteria are the string fields whose name (or an enclosing field's name) says inclusion, exclusion,
eligibility or criteria: any with a letter under an inclusion or exclusion name (a list of short items
``["Age >= 18", "ECOG 0-1"]`` keeps every item), prose (at least 20 characters and three words) under a
general one; a name saying age, sex, date, count, status… is no criteria text (``inclusion_min_age``). Fields naming inclusion or exclusion win over general ones; each becomes a
Block of its kind, inclusion first, joined by a blank line (a general field alone is one Block whose
headers the segmenter reads). The id is the first field named like an id whose value is a registry
number (``NCT…``, ``ACTRN…``, ``ChiCTR…``, see ``_common.registry_for_id``), else the first short id
value; the registry comes from the id. A warning names the fields used, so a curator sees what was
guessed. A record with no such field is left unsupported, as before.
"""
from __future__ import annotations

import csv
import io
import re
from typing import Any, Callable, Iterator, Optional
from xml.etree.ElementTree import Element

from ..errors import RecordFormatError, UnsupportedFormatError
from ..types import Block, Eligibility, Record
from . import limits
from ._common import join_blocks, key_list, registry_for_id

NAME = "generic"
SEPARATOR = "\n\n"
MAX_DEPTH = 8

_EXCLUSION = re.compile(r"exclu|(?<![a-z])excl(?![a-z])", re.IGNORECASE)  # "excl_criteria" (REDCap field names)
_INCLUSION = re.compile(r"inclu|(?<![a-z])incl(?![a-z])", re.IGNORECASE)
_GENERAL = re.compile(r"eligib|criteri", re.IGNORECASE)
# words of a field name that say it holds something else than criteria text (inclusion_min_age, Inclusion_agemin,
# inclusionCriteriaMaxAge, inclusion_gender, exclusion_date)
_NOT_CRITERIA = frozenset("age ages agemin agemax minage maxage gender sex date healthy volunteer volunteers number "
                          "count min max minimum maximum status type code url id language population sampling".split())
_NAME_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_NOT_CRITERIA_RUN = re.compile(r"gender|minage|maxage|agemin|agemax|healthy|volunteer|(?:date|sex|age)$", re.IGNORECASE)
_ID_KEY = re.compile(r"^(?:trial_?id|main_?id|nct_?(?:id|number)|actrnumber|registration_?(?:number|id)|"
                     r"reg_?(?:number|id)|trial_?number|secondary_?ids?|study_?id|identifier|utrn|id)$", re.IGNORECASE)
_TITLE_KEY = re.compile(r"title", re.IGNORECASE)
_PROSE = re.compile(r"\S+\s+\S+\s+\S+")


def _leaves(obj: Any, path: tuple[str, ...] = (), depth: int = 0) -> Iterator[tuple[tuple[str, ...], str]]:
    """(key path, string) of every string leaf of a parsed JSON value, in document order."""
    if depth > MAX_DEPTH:
        return
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from _leaves(value, path + (str(key),), depth + 1)
    elif isinstance(obj, list):
        for value in obj:
            yield from _leaves(value, path, depth + 1)
    elif isinstance(obj, str):
        yield path, obj


def _xml_leaves(node: Element, path: tuple[str, ...] = (), depth: int = 0) -> Iterator[tuple[tuple[str, ...], str]]:
    """(tag path, text) of every element with text of an XML tree, in document order; of sibling elements
    given in several languages, the English one only."""
    if depth > MAX_DEPTH:
        return
    here = path + (node.tag.rsplit("}", 1)[-1],)
    if node.text and node.text.strip():
        yield here, node.text
    english = {child.tag for child in node if _lang(child).startswith("en")}
    for child in node:
        if child.tag in english and not _lang(child).startswith("en"):
            continue  # ReBEC's <inclusion_criteria lang="pt-br"> beside lang="en": the English one is read
        yield from _xml_leaves(child, here, depth + 1)


def _lang(node: Element) -> str:
    """The language of an element (``lang`` or ``xml:lang`` attribute), lower case; "" if none."""
    return (node.get("lang") or node.get("{http://www.w3.org/XML/1998/namespace}lang") or "").lower()


def _kind(path: tuple[str, ...]) -> Optional[str]:
    """``inclusion``, ``exclusion``, ``""`` (general criteria) or None (not criteria) for a field path."""
    last = path[-1] if path else ""
    if _NOT_CRITERIA_RUN.search(last) or any(w.lower() in _NOT_CRITERIA for w in _NAME_WORD.findall(last)):
        return None
    for key in reversed(path):
        if _EXCLUSION.search(key):
            return "exclusion"
        if _INCLUSION.search(key):
            return "inclusion"
    return "" if any(_GENERAL.search(key) for key in path) else None


def criteria_fields(leaves: Iterator[tuple[tuple[str, ...], str]]) -> tuple[list[tuple[str, str, str]], list]:
    """The criteria fields ``(kind, dotted path, text)`` of a record, and all its leaves (for the id)."""
    found: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    all_leaves = list(leaves)
    for path, value in all_leaves:
        kind = _kind(path)
        if kind is None or value in seen or not re.search(r"[^\W\d_]", value):
            continue
        if not kind and (len(value.strip()) < 20 or not _PROSE.search(value)):
            continue  # a general field must hold prose; an inclusion or exclusion item may be short
        seen.add(value)
        found.append((kind, ".".join(path), value))
    if any(kind for kind, _, _ in found):
        found = [f for f in found if f[0]]
    order = {"inclusion": 0, "exclusion": 1, "": 2}
    return sorted(found, key=lambda f: order[f[0]]), all_leaves


def _identity(leaves: list) -> tuple[Optional[str], Optional[str]]:
    """(id, title) of a record from its leaves."""
    ids = [v.strip() for p, v in leaves if p and _ID_KEY.match(re.sub(r"[^a-z0-9]+", "_", p[-1].lower()).strip("_"))
           and 0 < len(v.strip()) <= 40 and " " not in v.strip()]
    trial_id = next((i for i in ids if registry_for_id(i)), None)
    if trial_id is None:  # no id-named field holds a registry number: the first short value that is one
        trial_id = next((v.strip() for _, v in leaves if len(v.strip()) <= 40 and registry_for_id(v.strip())),
                        ids[0] if ids else None)
    titles = [v.strip() for p, v in leaves if p and _TITLE_KEY.search(p[-1]) and v.strip()]
    return trial_id, (titles[0] if titles else None)


def _is_record_list(items: list, identity: Callable[[Any], Optional[str]], has: Callable[[Any], bool]) -> bool:
    """Two or more records, each with criteria and its own trial id (not the items of one record's list)."""
    if len(items) < 2:
        return False
    ids = [identity(item) if has(item) else None for item in items]
    return all(ids) and len(set(ids)) == len(ids)


def _first_record_list(root: Any, lists_under: Callable[[Any], tuple[list, list]],
                       identity: Callable[[Any], Optional[str]], has: Callable[[Any], bool]) -> Optional[list]:
    """Breadth first from ``root``, within four levels, the first candidate list that is a record list.
    ``lists_under(node)`` gives a node's candidate lists and the nodes below it."""
    level = [root]
    for _ in range(4):
        below = []
        for node in level:
            candidates, children = lists_under(node)
            for items in candidates:
                if _is_record_list(items, identity, has):
                    return items
            below.extend(children)
        level = below
    return None


_EAV_KEYS = {"record", "field_name", "value"}


def pivot_eav(items: list) -> Optional[list[dict]]:
    """A REDCap-style export of ``{"record", "field_name", "value"}`` rows (entity, attribute, value) as one
    dict of field -> value per record, in order; None when ``items`` is not such an export."""
    if not items or not all(isinstance(i, dict) and _EAV_KEYS <= set(i) for i in items):
        return None
    records: dict[str, dict] = {}
    for item in items:
        fields = records.setdefault(str(item["record"]), {})
        name, value = str(item["field_name"]), item["value"]
        fields[name] = f"{fields[name]}\n{value}" if name in fields and value else fields.get(name) or value
    return list(records.values())


def json_records(obj: Any) -> Optional[list]:
    """The records of a multi-record JSON wrapper no reader knows (ClinicalTrials.gov API v1's
    ``{"FullStudiesResponse": {"FullStudies": [...]}}``, a search export ``{"results": [...]}``): the first
    list, breadth first within a few levels, of two or more objects that each have criteria fields and a
    trial id of their own. None when there is no such list (one record)."""
    def identity(item: Any) -> Optional[str]:
        return _identity(list(_leaves(item)))[0] if isinstance(item, dict) else None

    def lists_under(node: Any) -> tuple[list, list]:
        values = list(node.values()) if isinstance(node, dict) else node if isinstance(node, list) else []
        return ([v for v in values if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)],
                [v for v in values if isinstance(v, (dict, list))])

    return _first_record_list(obj, lists_under, identity, has_criteria)


def xml_records(root: Element) -> Optional[list[Element]]:
    """The record elements of a multi-record XML export (WHO ICTRP's ``<Trial>`` elements), found like
    :func:`json_records` among repeated child elements; None for a single record."""
    def identity(node: Element) -> Optional[str]:
        return _identity(list(_xml_leaves(node)))[0]

    def has(node: Element) -> bool:
        return bool(criteria_fields(_xml_leaves(node))[0])

    def lists_under(node: Element) -> tuple[list, list]:
        children = list(node)
        tags = [child.tag for child in children]
        return [[child for child in children if tags.count(child.tag) > 1]], children

    return _first_record_list(root, lists_under, identity, has)


# The last JSON value whose fields were listed, with them: detection (has_criteria) and reading (read_json)
# of one record then walk it once. Replaced as a whole tuple, so a reader in another thread sees a
# consistent pair.
_LAST: tuple[Any, Any] = (None, None)


def _json_fields(obj: Any) -> tuple[list[tuple[str, str, str]], list]:
    global _LAST
    last = _LAST
    if last[0] is obj:
        return last[1]
    found = criteria_fields(_leaves(obj))
    _LAST = (obj, found)
    return found


def has_criteria(obj: Any) -> bool:
    """True if a JSON value has at least one criteria field (the generic reader can read it)."""
    return bool(_json_fields(obj)[0])


def _record(fields: list[tuple[str, str, str]], leaves: list, source: str, what: str) -> Record:
    if not fields:
        raise UnsupportedFormatError(f"unsupported registry format ({what}; no inclusion, exclusion or "
                                     f"eligibility criteria field found)")
    parts = [(text, Block(0, 0, kind=kind or None)) for kind, _, text in fields]  # type: ignore[arg-type]
    text, blocks = join_blocks(parts, SEPARATOR)
    trial_id, title = _identity(leaves)
    used = ", ".join(dict.fromkeys(path for _, path, _ in fields))
    return Record(id=trial_id, registry=registry_for_id(trial_id), title=title, text=text, blocks=blocks,
                  source_format=NAME, source=source,
                  warnings=(f"unknown registry layout ({what}): criteria read from {used}",),
                  eligibility=_limits(leaves))


_MIN_AGE = re.compile(r"^(?:inclusion_?)?(?:age_?min(?:imum)?|min(?:imum)?_?age|lower_?age_?limit)$")
_MAX_AGE = re.compile(r"^(?:inclusion_?)?(?:age_?max(?:imum)?|max(?:imum)?_?age|upper_?age_?limit)$")
_SEX_KEY = re.compile(r"^(?:inclusion_?)?(?:gender|sex)$")


def _limits(leaves: list) -> Optional[Eligibility]:
    """Structured sex and age limits among a record's fields (ICTRP ``Inclusion_agemin``, ``Inclusion_gender``)."""
    found: dict[str, str] = {}
    for path, value in leaves:
        key = re.sub(r"[^a-z0-9]+", "_", re.sub(r"([a-z])([A-Z])", r"\1_\2", path[-1]).lower()).strip("_") if path else ""
        for name, rx in (("min", _MIN_AGE), ("max", _MAX_AGE), ("sex", _SEX_KEY)):
            if rx.match(key) and name not in found:
                found[name] = value
    return limits.eligibility(found.get("sex"), found.get("min"), found.get("max"))


def read_json(obj: Any, source: str) -> Record:
    """The Record of a JSON record no dedicated reader knows, from its criteria fields."""
    fields, leaves = _json_fields(obj)
    keys = key_list(obj) if isinstance(obj, dict) else type(obj).__name__
    return _record(fields, leaves, source, f"JSON object with keys: {keys}")


def read_xml(root: Element, source: str) -> Record:
    """The Record of an XML document whose root is not ``<clinical_study>``, from its criteria elements."""
    fields, leaves = criteria_fields(_xml_leaves(root))
    return _record(fields, leaves, source, f"XML root element <{root.tag}>, expected <clinical_study>")


def csv_rows(content: str, tab: bool) -> list[dict[str, str]]:
    """The rows of a CSV (or, with ``tab``, TSV) export as header -> cell; RecordFormatError when malformed. A
    CSV whose header line holds more semicolons than commas is read with ``;`` (a European spreadsheet's CSV)."""
    header = content.split("\n", 1)[0]
    delimiter = "\t" if tab else ";" if header.count(";") > header.count(",") else ","
    try:
        rows = list(csv.DictReader(io.StringIO(content, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise RecordFormatError(f"not valid {'TSV' if tab else 'CSV'}: {exc}") from None
    if not rows:
        raise RecordFormatError(f"no records in {'TSV' if tab else 'CSV'} input (a header and no rows)")
    return rows


def read_row(row: dict[str, Any], source: str) -> Record:
    """The Record of one row of a CSV export (ClinicalTrials.gov, ICTRP…), from its criteria columns."""
    row = {str(k): v for k, v in row.items() if k is not None and isinstance(v, str)}
    fields, leaves = criteria_fields(_leaves(row))
    columns = key_list(row)
    return _record(fields, leaves, source, f"CSV row with columns: {columns}")


# Not a bare "I" / "E": a column of phase "I" trials must not read as a kind column.
_KIND_CELL = re.compile(r"\s*(non[-\s]?inclusion|inclusion|exclusion|incl|excl|inc|exc)\.?(?:\s+criteri(?:a|on))?\s*",
                        re.IGNORECASE)  # "Non-inclusion" (French protocols) is an exclusion


def criterion_table(rows: list[dict[str, Any]], source: str) -> Optional[list[Record]]:
    """A table with one criterion per row (a spreadsheet export: trial id, type ``Inclusion`` / ``Exclusion``,
    criterion text): one Record per trial, rows in order, each criterion an atomic Block of its kind. None
    when no column holds a kind on (nearly) every row: then each row is a record (``read_row``)."""
    columns = [c for c in rows[0] if c]
    kinds = {c: [_KIND_CELL.fullmatch(str(r.get(c) or "")) for r in rows] for c in columns}
    filled = sum(any(str(v or "").strip() for v in r.values()) for r in rows)  # blank rows aside
    kind_col = next((c for c in columns if sum(m is not None for m in kinds[c]) >= max(2, 0.9 * filled)), None)
    if kind_col is None:
        return None
    text_col = max((c for c in columns if c != kind_col),
                   key=lambda c: sum(len(str(r.get(c) or "")) for r in rows))
    id_col = next((c for c in columns if _ID_KEY.match(re.sub(r"[^a-z0-9]+", "_", c.lower()).strip("_"))), None) \
        or next((c for c in columns if sum(bool(registry_for_id(str(r.get(c) or "").strip())) for r in rows)
                 >= 0.9 * filled), None)  # "Identifiant registre": the column of registry numbers
    groups: list[tuple[Optional[str], list]] = []
    for row, kind in zip(rows, kinds[kind_col]):
        text = str(row.get(text_col) or "").strip()
        if not text and kind is None:
            continue  # a blank row between trials
        trial = (str(row.get(id_col) or "").strip() or None) if id_col else None
        if not groups or groups[-1][0] != trial:
            groups.append((trial, []))
        if text and kind is not None:
            groups[-1][1].append((text, Block(0, 0, kind="inclusion" if kind.group(1)[0] in "iI" else "exclusion",
                                              atomic=True)))  # "non-inclusion" starts with n: an exclusion
    out = []
    for n, (trial, parts) in enumerate(groups, start=1):
        text, blocks = join_blocks(parts, "\n")
        where = source if len(groups) == 1 else f"{source}#{n}"
        out.append(Record(id=trial, registry=registry_for_id(trial), title=None, text=text, blocks=blocks,
                          source_format=NAME, source=where,
                          warnings=(f"criteria table: one criterion per row, kind from column {kind_col!r}, "
                                    f"text from column {text_col!r}",)))
    return out
