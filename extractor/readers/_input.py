"""Input units: the byte payloads behind a path, a directory, a zip archive, a gzip file or stdin.

Every unit is read with a size cap (``MAX_BYTES``) so memory stays bounded; problems with the input
itself (missing path, unreadable file, corrupt zip, oversized member) become Failures, never
exceptions.
"""
from __future__ import annotations

import gzip
import io
import os
import sys
import zipfile
import zlib
from dataclasses import dataclass
from typing import BinaryIO, Iterator, Optional, Union

from ..types import Failure

#: Largest file, zip member or stdin payload read into memory (bytes). Larger inputs are a Failure.
MAX_BYTES = 50 * 1024 * 1024
#: File name endings read from a directory (others are skipped) and accepted inside zips.
KNOWN_EXTENSIONS = (".json", ".jsonl", ".ndjson", ".xml", ".txt", ".text", ".csv", ".tsv", ".html", ".htm",
                    ".md", ".markdown", ".rtf", ".docx", ".zip")
#: A gzip-compressed file of any of them (``x.json.gz``) is read decompressed, as ``x.json``.
GZIP_SUFFIX = ".gz"
GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
#: Largest zip read from stdin (a zip on disk is read member by member, not as a whole).
MAX_STDIN_ZIP_BYTES = 1024 * 1024 * 1024


@dataclass(frozen=True)
class Unit:
    """One byte payload to read: a file, a zip member or stdin."""

    source: str
    name: str  # file or member name, for detection by extension ("" for stdin)
    data: bytes


def _too_large(size: int) -> str:
    return f"input too large: {size} bytes (limit {MAX_BYTES} bytes)"


def _read_capped(stream: BinaryIO, limit: Optional[int] = None) -> Optional[bytes]:
    """Up to ``limit`` (default ``MAX_BYTES``) bytes of the stream, or None if it holds more."""
    limit = MAX_BYTES if limit is None else limit
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def iter_units(path: str, stdin: Optional[BinaryIO] = None) -> Iterator[Union[Unit, Failure]]:
    """The units behind a path as given (``-`` for stdin), in reading order."""
    if path == "-":
        yield from _stdin_units(stdin)
    elif os.path.isdir(path):
        yield from _dir_units(path)
    elif not os.path.exists(path):
        yield Failure(path, "no such file or directory")
    else:
        yield from _file_units(path)


def is_docx(data: bytes) -> bool:
    """True for a zip archive with a ``word/document.xml`` member (a Word document, read as one file)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def _stdin_units(stdin: Optional[BinaryIO]) -> Iterator[Union[Unit, Failure]]:
    stream = stdin if stdin is not None else sys.stdin
    stream = getattr(stream, "buffer", stream)
    try:
        head = stream.read(4)
        if isinstance(head, str):  # a text stream without .buffer (e.g. io.StringIO)
            text = head + stream.read(MAX_BYTES)
            if len(text) >= MAX_BYTES:
                yield Failure("-", f"input too large: more than {MAX_BYTES} characters on stdin")
            else:
                yield Unit("-", "", text.encode("utf-8"))
            return
        limit = MAX_STDIN_ZIP_BYTES if head in (ZIP_MAGIC, EMPTY_ZIP_MAGIC) else MAX_BYTES
        rest = _read_capped(stream, limit - len(head))
    except OSError as exc:
        yield Failure("-", f"cannot read stdin: {exc.strerror or exc}")
        return
    if rest is None:
        yield Failure("-", f"input too large: more than {limit} bytes on stdin")
    elif head in (ZIP_MAGIC, EMPTY_ZIP_MAGIC) and not is_docx(head + rest):
        yield from _zip_units("-", io.BytesIO(head + rest))
    else:
        yield _unit("-", "", head + rest)


def _unit(source: str, name: str, data: bytes) -> Union[Unit, Failure]:
    """The unit of a payload; a gzip payload is decompressed (with the size cap) and loses ``.gz``."""
    if not data.startswith(GZIP_MAGIC):
        return Unit(source, name, data)
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            inner = _read_capped(handle)
    except (OSError, EOFError, zlib.error) as exc:
        return Failure(source, f"corrupt gzip data: {exc}")
    if inner is None:
        return Failure(source, f"input too large: more than {MAX_BYTES} bytes once decompressed")
    if name.lower().endswith(GZIP_SUFFIX):
        name = name[: -len(GZIP_SUFFIX)]
    return Unit(source, name, inner)


def _known(name: str) -> bool:
    """Whether a file name has a readable extension, gzip-compressed or not."""
    name = name.lower()
    if name.endswith(GZIP_SUFFIX):
        name = name[: -len(GZIP_SUFFIX)]
    return name.endswith(KNOWN_EXTENSIONS)


def _dir_units(path: str) -> Iterator[Union[Unit, Failure]]:
    found = []
    for root, dirs, files in os.walk(path):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and _known(name):
                found.append(os.path.join(root, name))
    if not found:
        yield Failure(path, f"no input files in directory (looked for {', '.join(KNOWN_EXTENSIONS)}, "
                            f"each also {GZIP_SUFFIX})")
    for file_path in sorted(found):
        yield from _file_units(file_path)


def _file_units(path: str) -> Iterator[Union[Unit, Failure]]:
    try:
        with open(path, "rb") as stream:
            head = stream.read(4)
            if (head in (ZIP_MAGIC, EMPTY_ZIP_MAGIC) or path.lower().endswith(".zip")) \
                    and not path.lower().endswith(".docx"):  # a Word document is a zip read as one file
                stream.seek(0)
                yield from _zip_units(path, stream)
                return
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_BYTES:
                yield Failure(path, _too_large(size))
                return
            rest = _read_capped(stream, MAX_BYTES - len(head))
    except OSError as exc:
        yield Failure(path, f"cannot read file: {exc.strerror or exc}")
        return
    if rest is None:
        yield Failure(path, f"input too large: more than {MAX_BYTES} bytes")
    else:
        yield _unit(path, os.path.basename(path), head + rest)


def _zip_units(source: str, stream: BinaryIO) -> Iterator[Union[Unit, Failure]]:
    try:
        archive = zipfile.ZipFile(stream)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        yield Failure(source, f"not a valid zip archive: {exc}")
        return
    with archive:
        if not any(not info.is_dir() for info in infos):
            yield Failure(source, "zip archive holds no files")
        for info in infos:
            if info.is_dir():
                continue
            member = f"{source}!{info.filename}"
            base = info.filename.rsplit("/", 1)[-1]
            if "." in base and not _known(base):
                yield Failure(member, f"unsupported file type in zip: {base!r}")
                continue
            if base.lower().endswith(".zip"):
                yield Failure(member, "nested zip archives are not read")
                continue
            if info.flag_bits & 0x1:
                yield Failure(member, "encrypted zip member cannot be read")
                continue
            if info.file_size > MAX_BYTES:
                yield Failure(member, _too_large(info.file_size))
                continue
            try:
                with archive.open(info) as handle:
                    data = _read_capped(handle)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError,
                    RuntimeError) as exc:
                yield Failure(member, f"corrupt zip member: {exc}")
                continue
            if data is None:
                yield Failure(member, f"input too large: more than {MAX_BYTES} bytes (header said {info.file_size})")
            else:
                yield _unit(member, base, data)
