"""The review page of the example record in headless Chromium: highlights in the DOM, the search box, a screenshot.

Needs Debian's ``chromium`` package (/usr/bin/chromium); skipped, with that reason, when it is absent.
"""
from __future__ import annotations

import re
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

import extractor
from extractor.resources import model_path
from extractor.review import render

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "corpus/medpath/NCT05460481.txt"
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]
THRESHOLD_RGB, TIMEFRAME_RGB = (0xFF, 0xE0, 0x8A), (0xBF, 0xE0, 0xFF)  # --threshold, --timeframe in review.html

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="headless Chromium is not installed (/usr/bin/chromium: apt-get install chromium)")


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The example record parsed with the product API and its report written to a temporary file.

    Entities are included once the trained entity model ships in models/ner/model.
    """
    entities = model_path("ner/model/config.cfg").is_file()
    docs = [d.to_dict() for d in extractor.parse(str(EXAMPLE), options=extractor.Options(entities=entities))]
    tmp = tmp_path_factory.mktemp("review")
    page = tmp / "report.html"
    page.write_text(render(docs), encoding="utf-8")
    return docs[0], page, tmp


def chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [str(CHROMIUM), *FLAGS, f"--user-data-dir={tmp / 'profile'}", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


class _Dom(HTMLParser):
    """The elements of a dumped DOM as (tag, attrs, text inside) — enough to count and read highlights."""

    VOID = {"meta", "input", "br", "img", "link", "hr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[list] = []
        self.open: list[list] = []

    def handle_starttag(self, tag, attrs):
        el = [tag, dict(attrs), ""]
        self.elements.append(el)
        if tag not in self.VOID:
            self.open.append(el)

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data):
        for el in self.open:
            el[2] += data


def dump_dom(tmp: Path, url: str) -> list[list]:
    parser = _Dom()
    parser.feed(chromium(tmp, "--dump-dom", url).stdout)
    return parser.elements


def _classes(el) -> set[str]:
    return set(el[1].get("class", "").split())


def _spans(crit: dict) -> dict[tuple[str, int], dict]:
    spans = {("entity", i): e for i, e in enumerate(crit["entities"])}
    spans |= {("threshold", i): t for i, t in enumerate(crit["thresholds"])}
    spans |= {("measure", i): t["measurement"] for i, t in enumerate(crit["thresholds"])
              if t["measurement"]["span"] is not None}
    spans |= {("timeframe", i): t for i, t in enumerate(crit["timeframes"])}
    return spans


def test_review_browser_dom_has_one_highlight_per_span(example):
    doc, page, tmp = example
    elements = dump_dom(tmp, page.as_uri())
    crits = [el for el in elements if el[0] == "li" and "crit" in _classes(el)]
    assert [el[1]["data-id"] for el in crits] == [c["id"] for c in doc["criteria"]]
    body = next(el for el in elements if el[0] == "body")
    assert body[1]["data-shown"] == str(len(doc["criteria"]))  # the page's script ran
    marks = [el for el in elements if el[0] == "mark" and "hl" in _classes(el)]
    expected = {(c["id"], kind, idx): item for c in doc["criteria"] for (kind, idx), item in _spans(c).items()}
    assert len(expected) > 10  # the example has thresholds and timeframes to show
    found = {}
    for m in marks:
        cid, kind, idx = m[1]["data-ref"].split(":")[1], m[1]["data-kind"], int(m[1]["data-idx"])
        assert (cid, kind, idx) not in found, f"two highlights for {cid} {kind} {idx}"
        found[(cid, kind, idx)] = m
    assert set(found) == set(expected)
    crossing = {el[1]["data-ref"] for el in elements if el[0] == "mark" and "hl-cont" in _classes(el)}
    for key, m in found.items():
        if m[1]["data-ref"] not in crossing:  # a crossing span's head holds only its first piece
            assert m[2] == expected[key]["text"], key
    kinds = {k for _, k, _ in found}
    assert {"threshold", "timeframe"} <= kinds


def test_review_browser_search_from_url_fragment_hides_other_criteria(example):
    doc, page, tmp = example
    query = "within 4 weeks"
    elements = dump_dom(tmp, page.as_uri() + "#q=" + quote(query))
    crits = [el for el in elements if el[0] == "li" and "crit" in _classes(el)]
    shown = [el[1]["data-id"] for el in crits if "hidden" not in el[1]]
    expected = [c["id"] for c in doc["criteria"] if query in re.sub(r"\s+", " ", c["text"].lower())]
    assert expected and len(expected) < len(doc["criteria"])
    assert shown == expected
    body = next(el for el in elements if el[0] == "body")
    assert (body[1]["data-query"], body[1]["data-shown"]) == (query, str(len(expected)))


def _png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and the rows of an 8-bit RGB/RGBA non-interlaced PNG (what Chromium writes)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, head = 8, b"", None
    while pos < len(data):
        length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if ctype == b"IHDR":
            head = struct.unpack(">IIBBBBB", chunk)
        elif ctype == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, color, _, _, interlace = head
    assert (depth, interlace) == (8, 0) and color in (2, 6)
    bpp = 3 if color == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        ftype, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 0xFF
            elif ftype == 2:
                line[x] = (line[x] + b) & 0xFF
            elif ftype == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line) if bpp == 3 else bytes(v for i, v in enumerate(line) if i % 4 != 3))
        prev = line
    return width, height, rows


def test_review_browser_screenshot_shows_the_highlight_colours(example):
    doc, page, tmp = example
    shot = tmp / "review.png"
    chromium(tmp, f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri())
    assert shot.exists() and shot.stat().st_size > 50_000
    width, height, rows = _png_pixels(shot)
    assert (width, height) == (1280, 2000)
    for rgb in (THRESHOLD_RGB, TIMEFRAME_RGB):  # highlighted spans are painted, not just present in the DOM
        pixels = _count_pixels(rows, bytes(rgb))
        assert pixels > 200, f"colour #{bytes(rgb).hex()} barely painted: {pixels} pixels"


def _count_pixels(rows: list[bytes], rgb: bytes) -> int:
    n = 0
    for row in rows:
        i = row.find(rgb)
        while i >= 0:
            n += i % 3 == 0  # a whole pixel, not the tail of one and the head of the next
            i = row.find(rgb, i + 1)
    return n
