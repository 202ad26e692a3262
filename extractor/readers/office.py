"""Word-processor documents (RTF, .docx) to plain text for the plain-text criteria reader.

Kept: one line per paragraph; list items with their mark and a space (``1. …``, ``a. …``, ``• …``, ``- …``),
indented two spaces per list level below the first; a table row as one line, cells joined by a tab; escapes,
code pages and Unicode decoded, Symbol-font characters as Unicode (``≥``, ``μ``), other symbol fonts' (Wingdings)
as Word's U+F0xx; a superscript after a digit or letter with a caret (``10^9/L``); field results.
Dropped: headers, footers, footnotes, comments, pictures, objects, drawings and text boxes, field instructions,
hidden text, and RTF's font, colour, style and list tables, document info and ignorable destinations
(``{\\* …}``). Tracked changes are accepted: insertions kept, deletions and moved-from text dropped.
"""
from __future__ import annotations

import codecs
import io
import re
import zipfile
import zlib
from typing import Iterator, Optional
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ..errors import RecordFormatError
from ._input import MAX_BYTES, is_docx

__all__ = ["docx_text", "is_docx", "rtf_text"]

_SYMBOL = {0xA3: "≤", 0xB3: "≥", 0xB1: "±", 0xB4: "×", 0xB8: "÷", 0xB0: "°", 0xAE: "→", 0xAC: "←", 0xB9: "≠",
           0xBB: "≈", 0xA5: "∞", 0xB7: "•", 0xD7: "·", 0xD6: "√", 0xA2: "′", 0xB2: "″"}
_SYMBOL.update(zip(map(ord, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
                   "αβχδεφγηιϕκλμνοπθρστυϖωξψζΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ"))


def _symbol(code: int, font: str) -> str:
    """Character ``code`` (0-255) of a symbol font: Symbol's as Unicode, other fonts' as Word's U+F0xx."""
    if font.strip().lower().startswith("symbol"):
        return _SYMBOL.get(code) or (chr(code) if 0x20 <= code < 0x7F else chr(0xF000 + code))
    return chr(0xF000 + code)


def _sup(out: list[str], sup: bool, was_sup: bool) -> None:
    """A caret before superscript text that follows a digit or letter."""
    if sup and not was_sup and out and out[-1][-1:].isalnum():
        out.append("^")


def _tidy(text: str) -> str:
    """Lines without trailing white space, runs of blank lines as one, no blank lines at either end."""
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in text.split("\n"))).strip("\n")


# ------------------------------------------------------------------------------------------------ RTF

_TOKEN = re.compile(r"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|[\r\n]+|[^\\{}\r\n]+",
                    re.DOTALL)
_SKIP = frozenset((
    "colortbl stylesheet info listtable listoverridetable rsidtbl generator themedata colorschememapping "
    "latentstyles datastore pict object objdata header headerl headerr headerf footer footerl footerr footerf "
    "fldinst nonshppict footnote annotation atnid atnauthor pn pntxta pntxtb revtbl filetbl xmlnstbl mmathPr "
    "pgdsctbl userprops docvar template private xe tc do ftnsep ftnsepc aftnsep aftnsepc listpicture").split())
_CHARS = {"tab": "\t", "line": "\n", "cell": "\t", "nestcell": "\t", "emdash": "—", "endash": "–",
          "bullet": "•", "lquote": "‘", "rquote": "’", "ldblquote": "“", "rdblquote": "”", "emspace": " ",
          "enspace": " ", "qmspace": " ", "\\": "\\", "{": "{", "}": "}", "~": "\u00a0", "_": "-"}
_BREAKS = frozenset(("par", "sect", "page", "row", "\r", "\n"))
_FLAGS = {"v": "hide", "deleted": "gone", "super": "sup", "up": "sup", "sub": "sup", "nosupersub": "sup"}
_CHARSET_CP = {0: 1252, 77: 10000, 128: 932, 129: 949, 130: 1361, 134: 936, 136: 950, 161: 1253, 162: 1254,
               163: 1258, 177: 1255, 178: 1256, 186: 1257, 204: 1251, 222: 874, 238: 1250, 255: 437}


def _codec(page: int) -> str:
    try:
        return codecs.lookup({10000: "mac_roman", 1361: "johab"}.get(page, f"cp{page}")).name
    except LookupError:
        return "cp1252"


def rtf_text(content: str) -> str:
    """Plain text of an RTF document (as Word, WordPad or LibreOffice save it). Raises RecordFormatError if
    ``content`` does not start with ``{\\rtf``."""
    content = content.lstrip("\ufeff \t\r\n")
    if not content.startswith("{\\rtf"):
        raise RecordFormatError("not an RTF document: it does not start with {\\rtf")
    state = dict(skip=False, uc=1, f=None, hide=False, gone=False, sup=False, dest="text", li=0, ilvl=None, ls=False)
    stack: list[dict] = []
    fonts: dict[Optional[int], list] = {}  # font number → [charset, name]
    lines, para, mark, raw = [], [], [], bytearray()
    doc = {"cp": "cp1252", "deff": None, "sup": False}

    def emit(text: str) -> None:
        if not text or state["skip"] or state["hide"] or state["gone"]:
            return
        if state["dest"] == "font":
            fonts.setdefault(state["f"], [None, ""])[1] += text
            return
        out = mark if state["dest"] == "mark" else para
        _sup(out, state["sup"], doc["sup"])
        doc["sup"] = state["sup"]
        out.append(text)

    def flush_bytes() -> None:
        charset, name = fonts.get(state["f"], (None, ""))
        page = _CHARSET_CP.get(charset)
        emit("".join(_symbol(b, name) for b in raw) if charset == 2
             else raw.decode(_codec(page) if page else doc["cp"], errors="replace"))
        raw.clear()

    def end_paragraph() -> None:
        text, lead, level = "".join(para), "".join(mark).strip(), 0
        lead = "•" if lead == "o" or lead and not any(c.isalnum() for c in lead) else lead  # any bullet symbol
        if lead or state["ls"]:
            level = state["ilvl"] if state["ilvl"] is not None else max(0, state["li"] // 720 - 1)
        lines.append("  " * level + (lead + " " + text.lstrip(" \t") if lead else text))
        para.clear()
        mark.clear()
        doc["sup"] = False

    pos, ucskip = 0, 0
    while m := _TOKEN.match(content, pos):
        pos = m.end()
        word, param, hexa, sym, brace = m.groups()
        value = int(param) if param else None
        if hexa is not None:
            if ucskip:
                ucskip -= 1
            elif not state["skip"]:
                raw.append(int(hexa, 16))
            continue
        if raw:
            flush_bytes()
        if word == "bin":  # binary data follows, in any group
            pos += max(0, value or 0)
        elif brace:
            ucskip = 0
            if brace == "{":
                stack.append(state.copy())
            elif stack:
                state = stack.pop()
        elif ucskip and (word or sym):  # a fallback character of \uN
            ucskip -= 1
        elif ucskip and m.group(0)[0] not in "\r\n":
            take = min(ucskip, len(m.group(0)))
            ucskip -= take
            emit(m.group(0)[take:])
        elif state["skip"] or m.group(0)[0] in "\r\n":
            continue
        elif word in _SKIP or sym == "*":
            state["skip"] = True
        elif word in _BREAKS or sym in _BREAKS:
            end_paragraph()
        elif word in _CHARS or sym is not None:
            emit(_CHARS.get(word or sym, ""))
        elif word is None:  # a run of text; in a symbol font, mapped to Unicode
            charset, name = fonts.get(state["f"], (None, ""))
            text = m.group(0)
            emit("".join(_symbol(ord(c), name) for c in text) if charset == 2 and state["dest"] != "font" else text)
        elif word == "u" and value is not None:
            value += 65536 if value < 0 else 0
            charset, name = fonts.get(state["f"], (None, ""))  # a symbol font's character as Word's U+F0xx: mapped
            emit(_symbol(value & 0xFF, name) if charset == 2 and 0xF000 <= value <= 0xF0FF
                 else chr(value) if 0 <= value <= 0x10FFFF else "\ufffd")
            ucskip = state["uc"]
        elif word in ("f", "li", "ilvl", "uc"):
            state[word] = max(0, value or 0) if word in ("li", "uc") else value
        elif word in _FLAGS:
            state[_FLAGS[word]] = value != 0 and word not in ("sub", "nosupersub")
        elif word in ("listtext", "pntext", "fonttbl"):
            state["dest"] = "font" if word == "fonttbl" else "mark"
        elif word == "fcharset" and state["dest"] == "font":
            fonts.setdefault(state["f"], [None, ""])[0] = value
        elif word == "deff":
            doc["deff"] = state["f"] = value
        elif word in ("ansicpg", "mac", "pc", "pca"):
            doc["cp"] = _codec({"mac": 10000, "pc": 437, "pca": 850}.get(word, value or 1252))
        elif word == "plain":
            state.update(f=doc["deff"], hide=False, gone=False, sup=False)
        elif word == "pard":
            state.update(li=0, ilvl=None, ls=False)
        elif word == "ls":
            state["ls"] = True
    if raw:
        flush_bytes()
    if para or mark:
        end_paragraph()
    return _tidy("\n".join(lines).encode("utf-16", "surrogatepass").decode("utf-16", "replace"))


# ----------------------------------------------------------------------------------------------- DOCX

_DROP = frozenset(("del", "moveFrom", "delText", "instrText", "pPr", "rPr", "drawing", "pict", "object", "rt",
                   "AlternateContent", "footnoteReference", "endnoteReference", "commentReference", "sdtPr",
                   "sdtEndPr", "trPr", "tcPr", "tblPr", "tblGrid", "sectPr", "fldData"))
_WRAPPERS = frozenset(("body", "sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag"))
_ROMAN = list(zip((1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1), "m cm d cd c xc l xl x ix v iv i".split()))


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(el: Optional[Element], *path: str) -> Optional[Element]:
    """The element down the path of local names from ``el``, or None."""
    for name in path:
        el = next((c for c in el if _local(c.tag) == name), None) if el is not None else None
    return el


def _val(el: Optional[Element], *path: str, name: str = "val") -> Optional[str]:
    """Attribute ``name`` (in any namespace) of the element down ``path`` from ``el``, or None."""
    el = _child(el, *path)
    items = el.attrib.items() if el is not None else ()
    return next((value for key, value in items if key == name or key.endswith("}" + name)), None)


def _kids(el: Optional[Element], name: str) -> Iterator[Element]:
    """Children of local ``name``, also those inside content controls and tracked insertions."""
    for child in (el if el is not None else ()):
        if _local(child.tag) == name:
            yield child
        elif _local(child.tag) in _WRAPPERS:
            yield from _kids(child, name)


def _int(text: Optional[str], default: int) -> int:
    return int(text) if text and text.lstrip("-").isdigit() else default


def _number(fmt: str, n: int) -> str:
    """Counter ``n`` in a numFmt: decimal, decimalZero, lower/upperLetter, lower/upperRoman, none."""
    if n > 0 and fmt.endswith("Letter"):
        text = chr(97 + (n - 1) % 26) * ((n - 1) // 26 + 1)
    elif 0 < n < 4000 and fmt.endswith("Roman"):
        text = ""
        for value, digits in _ROMAN:
            count, n = divmod(n, value)
            text += digits * count
    else:
        return f"{n:02d}" if fmt == "decimalZero" else "" if fmt == "none" else str(n)
    return text.upper() if fmt.startswith("upper") else text


class _Docx:
    """Paragraphs and tables to lines, with list marks from numbering.xml (one counter per numId and level)."""

    def __init__(self, numbering: Optional[Element], styles: Optional[Element]) -> None:
        self.known, self.carry, self.was_sup, self.font = numbering is not None, "", False, ""
        self.counts: dict[str, dict[int, int]] = {}
        self.styles = {}  # styleId → (basedOn, numId, ilvl, levels a "List Bullet 2"… style is below the first)
        for style in _kids(styles, "style"):
            deeper = re.fullmatch(r"List (?:Bullet|Number) ([2-9])", _val(style, "name") or "")
            self.styles[_val(style, name="styleId")] = (
                _val(style, "basedOn"), _val(style, "pPr", "numPr", "numId"), _val(style, "pPr", "numPr", "ilvl"),
                _int(deeper and deeper[1], 1) - 1)
        abstract = {_val(a, name="abstractNumId"): a for a in _kids(numbering, "abstractNum")}
        nums = {_val(n, name="numId"): n for n in _kids(numbering, "num")}
        self.nums: dict[Optional[str], dict[int, list]] = {}  # numId → level → [format, text, start]
        for num_id, num in nums.items():
            ref = _val(num, "abstractNumId")
            link = _val(abstract.get(ref), "numStyleLink")  # a list style's list: the levels of the style's list
            if link in self.styles and not any(_kids(abstract[ref], "lvl")):
                ref = _val(nums.get(self.styles[link][1]), "abstractNumId")
            levels = self._levels(abstract.get(ref), {})
            for over in _kids(num, "lvlOverride"):
                self._levels(over, levels)
                if _val(over, "startOverride") is not None:
                    ilvl = _int(_val(over, name="ilvl"), 0)
                    levels.setdefault(ilvl, ["decimal", f"%{ilvl + 1}.", 1])[2] = _int(_val(over, "startOverride"), 1)
            self.nums[num_id] = levels

    @staticmethod
    def _levels(node: Optional[Element], levels: dict[int, list]) -> dict[int, list]:
        for lvl in _kids(node, "lvl"):
            levels[_int(_val(lvl, name="ilvl"), 0)] = [
                _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "", _int(_val(lvl, "start"), 1)]
        return levels

    def mark(self, ppr: Optional[Element]) -> tuple[Optional[str], int]:
        """The list mark of a paragraph (None: not a list item) and its level, from its numPr or its style's."""
        num_id, ilvl = _val(ppr, "numPr", "numId"), _val(ppr, "numPr", "ilvl")
        style, seen = _val(ppr, "pStyle"), set()
        extra = self.styles[style][3] if style in self.styles and ilvl is None else 0
        while style in self.styles and style not in seen and (num_id is None or ilvl is None):
            seen.add(style)
            style, style_num, style_ilvl, _ = self.styles[style]
            num_id, ilvl = num_id or style_num, ilvl or style_ilvl
        level, levels = _int(ilvl, 0), self.nums.get(num_id)
        if num_id in (None, "0"):
            return None, 0
        if not self.known or levels is None:
            return "-", level + extra
        fmt, text, start = levels.get(level, ["bullet", "", 1])
        counts = self.counts.setdefault(num_id, {})
        counts[level] = counts.get(level, start - 1) + 1
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]

        def number(m: re.Match) -> str:
            n = int(m.group(1)) - 1
            lfmt, _, lstart = levels.get(n, ["decimal", "", 1])
            return _number(lfmt, counts.get(n, lstart))
        return ("-" if fmt == "bullet" else re.sub(r"%([1-9])", number, text).strip()), level + extra

    def runs(self, el: Element, out: list[str]) -> None:
        for child in el:
            name = _local(child.tag)
            if name in _DROP:
                continue
            if name == "r":
                rpr = _child(child, "rPr")
                if _child(rpr, "vanish") is not None and _val(rpr, "vanish") not in ("0", "false"):
                    continue
                sup = _val(rpr, "vertAlign") == "superscript" or _int(_val(rpr, "position"), 0) > 0
                self.font = _val(rpr, "rFonts", name="ascii") or ""
                _sup(out, sup, self.was_sup)
                self.was_sup = sup
            if name == "t":  # a Symbol-font run's U+F0xx characters mapped to Unicode
                out.append(re.sub("[\uf020-\uf0ff]", lambda m: _symbol(ord(m[0]) - 0xF000, self.font), child.text or ""))
            elif name in ("tab", "ptab", "br", "cr", "noBreakHyphen"):
                out.append({"tab": "\t", "ptab": "\t", "noBreakHyphen": "-"}.get(name, "\n"))
            elif name == "sym":  # <w:sym w:font="Symbol" w:char="F0B3"/>
                char = _val(child, name="char") or ""
                code = int(char, 16) if re.fullmatch(r"[0-9a-fA-F]{1,4}", char) else 0
                if code:
                    symbol = code >= 0xF000 or code < 0x100
                    out.append(_symbol(code & 0xFF, _val(child, name="font") or "") if symbol else chr(code))
            else:
                self.runs(child, out)

    def paragraph(self, p: Element) -> Optional[str]:
        parts, self.was_sup = [self.carry], False
        self.runs(p, parts)
        text, ppr = "".join(parts), _child(p, "pPr")
        if _child(ppr, "rPr", "del") is not None or _child(ppr, "rPr", "moveFrom") is not None:  # joins the next one
            self.carry = text
            return None
        self.carry = ""
        mark, level = self.mark(ppr)
        return text if mark is None else "  " * level + (mark + " " + text.lstrip(" \t") if mark else text)

    def blocks(self, el: Element, lines: list[str]) -> None:
        for child in el:
            name = _local(child.tag)
            if name == "p":
                line = self.paragraph(child)
                lines.extend([line] if line is not None else [])
            elif name == "tbl":  # a row per line (not a deleted row), the cells' paragraphs joined
                lines.extend("\t".join(self.cell(tc) for tc in _kids(row, "tc")) for row in _kids(child, "tr")
                             if _child(row, "trPr", "del") is None)
            elif name in _WRAPPERS:
                self.blocks(child, lines)

    def cell(self, tc: Element) -> str:
        inner: list[str] = []
        self.blocks(tc, inner)
        return " ".join(" ".join(line.split()) for line in inner if line.strip())


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _part(archive: zipfile.ZipFile, name: str) -> Optional[Element]:
    """A parsed XML member, or None if absent. Raises RecordFormatError if it cannot be read or parsed."""
    try:
        info = archive.getinfo(name)
        if info.file_size > MAX_BYTES:
            raise RecordFormatError(f"corrupt .docx: {name} is too large ({info.file_size} bytes)")
        return SafeET.fromstring(archive.read(info), forbid_dtd=True)
    except KeyError:
        return None
    except ParseError as exc:
        raise RecordFormatError(f"corrupt .docx: {name} is not well-formed XML ({_one_line(exc)})") from None
    except DefusedXmlException:
        raise RecordFormatError(f"corrupt .docx: {name} declares a DTD or entities") from None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise RecordFormatError(f"corrupt .docx: cannot read {name} ({_one_line(exc)})") from None


def docx_text(data: bytes) -> str:
    """Plain text of a .docx document's body. Raises RecordFormatError for a corrupt archive or part."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise RecordFormatError(f"corrupt .docx: not a zip archive ({_one_line(exc)})") from None
    with archive:
        document = _part(archive, "word/document.xml")
        if document is None:
            raise RecordFormatError("corrupt .docx: word/document.xml is missing")
        reader, lines = _Docx(_part(archive, "word/numbering.xml"), _part(archive, "word/styles.xml")), []
    try:
        reader.blocks(document, lines)
    except RecursionError:
        raise RecordFormatError("corrupt .docx: word/document.xml is nested too deeply") from None
    return _tidy("\n".join(lines + [reader.carry]))
