"""Stage 1, read: input bytes → a :class:`~newsgraph.record.Record` with ``text`` and metadata.

Text files are decoded as UTF-8 (BOM dropped, CRLF and CR turned into LF, invalid bytes replaced
with U+FFFD and reported as a warning). HTML pages go through trafilatura for the main content,
title, date and author; their paragraphs are separated by blank lines, as in text files.

Anything that is not an article (empty, binary, too large, unreadable) raises
:class:`~newsgraph.errors.InputError` naming the input and the reason.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .errors import InputError
from .record import Record

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
DEFAULT_MAX_CHARS = 1_000_000  # spaCy's own nlp.max_length: memory stays bounded per article
HTML_OVERHEAD = 20  # an HTML page may be this many bytes per character of text it holds

_MAGIC = {
    b"\x1f\x8b": "gzip data",
    b"PK\x03\x04": "a zip archive",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
}
_BOM = b"\xef\xbb\xbf"
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


@dataclass(slots=True)
class Source:
    """One input to read: a file path, or bytes already in hand (standard input)."""

    name: str
    path: str | None = None
    data: bytes | None = None
    url: str | None = None  # where a page came from; helps HTML extraction
    title: str | None = None  # metadata that came with the input (a JSONL line): wins over the page's own
    published: str | None = None


@dataclass(slots=True)
class Loaded:
    """A read record and the warnings raised while reading it."""

    record: Record
    warnings: list[str] = field(default_factory=list)


def find_sources(paths: Iterable[str]) -> Iterator[Source | InputError]:
    """Expand command-line paths into sources, in order; ``-`` reads standard input.

    Directories are walked recursively for .txt, .html and .htm files, in sorted path order. A path that
    does not exist, or a directory without any such file, yields an :class:`InputError`.
    """
    for path in paths:
        if path == "-":
            yield Source(name="-", data=sys.stdin.buffer.read())
        elif os.path.isdir(path):
            found = sorted(
                os.path.join(root, name)
                for root, _dirs, files in os.walk(path)
                for name in files
                if name.lower().endswith(TEXT_SUFFIXES + HTML_SUFFIXES)
            )
            yield from (Source(name=name, path=name) for name in found)
            if not found:
                yield InputError(path, "directory holds no .txt, .html or .htm file")
        elif os.path.exists(path):
            yield Source(name=path, path=path)
        else:
            yield InputError(path, "no such file or directory")


def read(source: Source, *, max_chars: int = DEFAULT_MAX_CHARS) -> Loaded:
    """Read one source into a record (``text``, ``id``, and page metadata for HTML)."""
    data = source.data if source.data is not None else _read_file(source, max_chars)
    if not data.removeprefix(_BOM).strip():
        raise InputError(source.name, "empty input")
    what = _binary_kind(data)
    if what:
        raise InputError(source.name, f"not text: {what}")
    if _is_html(source.name, data):
        if len(data) > max_chars * HTML_OVERHEAD:
            raise InputError(source.name, f"too large: {len(data):,} bytes of HTML (limit {max_chars * HTML_OVERHEAD:,})")
        loaded = _read_html(source, data)
    else:
        loaded = _read_text(source, data)
    n = len(loaded.record.text)
    if n > max_chars:
        raise InputError(source.name, f"too large: {n:,} characters (limit {max_chars:,}, see --max-chars)")
    return loaded


def _read_file(source: Source, max_chars: int) -> bytes:
    assert source.path is not None
    limit = max_chars * HTML_OVERHEAD
    try:
        with open(source.path, "rb") as f:
            data = f.read(limit + 1)
    except IsADirectoryError:
        raise InputError(source.name, "is a directory") from None
    except OSError as e:
        raise InputError(source.name, e.strerror or str(e)) from None
    if len(data) > limit:
        raise InputError(source.name, f"too large: more than {limit:,} bytes (see --max-chars)")
    return data


def _binary_kind(data: bytes) -> str | None:
    head = data[:8192]
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            return what
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    if len(_CONTROL.findall(head)) > len(head) * 0.05:
        return "binary data (control characters)"
    return None


def _is_html(name: str, data: bytes) -> bool:
    if name.lower().endswith(HTML_SUFFIXES):
        return True
    if name.lower().endswith(TEXT_SUFFIXES):
        return False
    return bool(_HTML_START.match(data[:4096].removeprefix(_BOM)))


def _record(source: Source, data: bytes, text: str, **meta: str | None) -> Record:
    return Record(source=source.name, id=hashlib.sha256(data).hexdigest(), text=text, **meta)


def decode(data: bytes) -> tuple[str, int]:
    """UTF-8 bytes → text with LF line ends and no BOM; also the number of invalid bytes replaced."""
    data = data.removeprefix(_BOM)
    try:
        text = data.decode("utf-8")
        bad = 0
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    return text.replace("\r\n", "\n").replace("\r", "\n"), bad


def _read_text(source: Source, data: bytes) -> Loaded:
    text, bad = decode(data)
    warnings = []
    if bad:
        warnings.append(f"{source.name}: {bad} invalid UTF-8 sequence(s) replaced with U+FFFD")
        if bad > len(data) * 0.3:
            raise InputError(source.name, "not UTF-8 text: most bytes are invalid")
    return Loaded(_record(source, data, text), warnings)


_BLANK_LINES = re.compile(r"\n\s*\n")


def _read_html(source: Source, data: bytes) -> Loaded:
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        doc = trafilatura.bare_extraction(
            data, url=source.url, with_metadata=True, include_comments=False, favor_precision=True
        )
    except Exception as e:  # trafilatura raises assorted lxml errors on broken markup
        raise InputError(source.name, f"unreadable HTML ({type(e).__name__})") from None
    if doc is None or not (doc.text or "").strip():
        raise InputError(source.name, "HTML page without article text")
    # one paragraph per line in trafilatura's output: separate them by a blank line like text files
    paragraphs = [p.strip() for p in _BLANK_LINES.split(doc.text.replace("\n", "\n\n")) if p.strip()]
    if len(paragraphs) > 1 and doc.title and _same_heading(paragraphs[0], doc.title):
        paragraphs = paragraphs[1:]  # the headline is kept in `title`, not repeated in the body
    text = "\n\n".join(paragraphs)
    return Loaded(
        _record(source, data, text, title=doc.title or None, published=doc.date or None, author=doc.author or None)
    )


def _same_heading(line: str, title: str) -> bool:
    """Whether ``line`` is the page title (which may carry a " | Site name" suffix)."""
    a, b = " ".join(re.findall(r"\w+", line.lower())), " ".join(re.findall(r"\w+", title.lower()))
    return bool(a) and (a == b or (len(a.split()) >= 3 and b.startswith(a)))
