"""Stage 1, read: input bytes → a :class:`~newsgraph.record.Record` with ``text`` and metadata.

Text files are decoded as UTF-8 (BOM dropped, CRLF and CR turned into LF); bytes that are not
UTF-8 are decoded in the legacy encoding Mozilla's detector (chardetng) names, with a warning, unless
they hold UTF-8 characters too (then the invalid bytes are replaced with U+FFFD, with a warning). HTML
pages are decoded in the charset they declare (else as text files are) and go through trafilatura
for the main content, title, date and author; their paragraphs are separated by blank lines, as in
text files. Invisible characters that only hint at line breaks or joins (soft hyphens, zero-width
spaces, word joiners, BOMs inside the text; zero-width joiners and direction marks between two
Latin letters or digits) are dropped, so that "Ot\\u200btawa" reads, is searched and is named as
"Ottawa" (offsets index the text without them).

Cost is bounded: text beyond ``max_chars`` characters (default :data:`DEFAULT_MAX_CHARS`, more than
any news article) is cut at the last paragraph break before the limit, with a warning naming the
input, and the record says how long the text was (``truncated``).

Anything that is not an article (empty, binary, larger than :func:`byte_limit`, unreadable) raises
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
DEFAULT_MAX_CHARS = 100_000  # text analysed per input: a long article whole (news runs under 50,000)
MAX_INPUT_BYTES = 20_000_000  # larger inputs are not read at all ...
HTML_OVERHEAD = 20  # ... nor more than this many bytes per character of text kept (HTML pages are bulky)

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
    charset: str | None = None  # the charset its transport declared (a WARC record's HTTP Content-Type): wins over the page's


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


def byte_limit(max_chars: int = DEFAULT_MAX_CHARS) -> int:
    """The most bytes an input may have: :data:`MAX_INPUT_BYTES`, or more for a larger ``max_chars``."""
    return max(MAX_INPUT_BYTES, max_chars * HTML_OVERHEAD)


def read(source: Source, *, max_chars: int = DEFAULT_MAX_CHARS) -> Loaded:
    """Read one source into a record (``text``, ``id``, and page metadata for HTML)."""
    limit = byte_limit(max_chars)
    data = source.data if source.data is not None else _read_file(source, limit)
    if not data.removeprefix(_BOM).strip():
        raise InputError(source.name, "empty input")
    what = _binary_kind(data)
    if what:
        raise InputError(source.name, f"not text: {what}")
    if len(data) > limit:
        raise InputError(source.name, f"too large: {len(data):,} bytes (limit {limit:,}, see --max-chars)")
    loaded = _read_html(source, data) if _is_html(source.name, data) else _read_text(source, data)
    record = loaded.record
    record.text = visible(record.text)
    if not record.text.strip():
        raise InputError(source.name, "no text (only invisible characters)")
    n = len(record.text)
    if n > max_chars:
        record.text = record.text[: _cut(record.text, max_chars)].rstrip()
        if not record.text.strip():
            raise InputError(source.name, f"no text in its first {max_chars:,} characters (see --max-chars)")
        record.truncated = n
        loaded.warnings.append(
            f"{source.name}: {n:,} characters of text, more than an article: only the first "
            f"{len(record.text):,} are kept and analysed (see --max-chars)"
        )
    return loaded


#: invisible characters that only hint at a break or a join: dropped wherever they are ...
_INVISIBLE = re.compile("[\u00ad\u180e\u200b\u2060-\u2064\ufeff]")
#: ... and joiners and direction marks between two Latin letters or digits (elsewhere they shape a
#: script, an emoji or a right-to-left run)
_LATIN_JOIN = re.compile("(?<=[0-9A-Za-z\u00c0-\u024f])[\u200c-\u200f]+(?=[0-9A-Za-z\u00c0-\u024f])")


def visible(text: str) -> str:
    """``text`` without the invisible characters that would split a word for every later stage
    ("Ot\\u200btawa" → "Ottawa"): soft hyphens, zero-width spaces, word joiners, BOMs; zero-width
    (non-)joiners and direction marks only between two Latin letters or digits."""
    if text.isascii():
        return text
    return _LATIN_JOIN.sub("", _INVISIBLE.sub("", text))


def input_offsets(record: Record, original: str) -> Record:
    """``record`` with its offsets moved into ``original``, the text it was read from before
    :func:`visible` dropped invisible characters (and with that text): for scoring against gold
    offsets into the input. A record whose text is ``original`` comes back as it is."""
    import dataclasses

    if record.text == original:
        return record
    kept, k = [], 0  # kept[i]: where the record's character i stands in the original
    for i, c in enumerate(original):
        if k < len(record.text) and c == record.text[k]:
            kept.append(i)
            k += 1
    if k != len(record.text):
        raise ValueError(f"{record.source}: the record's text is not the original with characters dropped")
    kept.append(len(original))

    def move(obj) -> None:
        if isinstance(obj, list):
            for item in obj:
                move(item)
        elif dataclasses.is_dataclass(obj):
            for f in dataclasses.fields(obj):
                value = getattr(obj, f.name)
                if f.name == "start" and isinstance(value, int):
                    setattr(obj, f.name, kept[value])
                elif f.name == "end" and isinstance(value, int):
                    setattr(obj, f.name, kept[value - 1] + 1 if value else 0)
                elif f.name != "text":
                    move(value)

    move(record)
    record.text = original
    return record


def _cut(text: str, limit: int) -> int:
    """Where to cut ``text`` to at most ``limit`` characters: the last paragraph break, else line
    break, else sentence end, else space in the second half of the limit (else at the limit)."""
    for mark in ("\n\n", "\n", ". ", " "):
        at = text.rfind(mark, limit // 2, limit)
        if at > 0:
            return at + (1 if mark == ". " else 0)
    return limit


def _read_file(source: Source, limit: int) -> bytes:
    assert source.path is not None
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
    return _lines(text), bad


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def legacy_encoding(data: bytes) -> str | None:
    """The legacy encoding of bytes that are not UTF-8, as Mozilla's detector (chardetng, the one
    Firefox uses) guesses it from the bytes alone; None if Python has no codec by that name."""
    import chardetng_py

    return _codec(chardetng_py.detect(data, allow_utf8=False))


def _read_text(source: Source, data: bytes) -> Loaded:
    text, bad = decode(data)
    warnings = []
    if bad:
        # a character written as valid UTF-8 ("á" as C3 A1) almost never occurs by chance in a
        # legacy encoding: then the text is UTF-8 with a few damaged bytes, else a legacy encoding
        encoding = None if any("\x7f" < c != "\ufffd" for c in text) else legacy_encoding(data)
        if encoding:
            text = _lines(data.decode(encoding, errors="replace"))
            warnings.append(f"{source.name}: not UTF-8, read as {encoding}")
        else:
            warnings.append(f"{source.name}: {bad} invalid UTF-8 sequence(s) replaced with U+FFFD")
            if bad > len(data) * 0.3:
                raise InputError(source.name, "not UTF-8 text: most bytes are invalid")
    return Loaded(_record(source, data, text), warnings)


#: a charset declared in the page's first bytes (WHATWG's prescan, simplified): <meta charset=…>
#: or <meta http-equiv="Content-Type" content="text/html; charset=…">
_DECLARED = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([\w.:-]{2,40})", re.I)


def _html_text(data: bytes, transport: str | None = None) -> tuple[str, str | None]:
    """An HTML page's bytes as text, as browsers read them: in the charset its transport declared
    (``transport``: the HTTP header's; a UTF-8 BOM first), else the one it declares itself, else as UTF-8 when they are,
    else in the encoding the detector names (returned too, as it was a guess)."""
    if data.startswith(_BOM):
        declared = "utf-8"
    else:
        declared = (_codec(transport) if transport else None) or _declared(data)
    if declared and declared != "utf-8":
        return data.decode(declared, errors="replace"), None
    try:
        return data.removeprefix(_BOM).decode("utf-8"), None
    except UnicodeDecodeError:
        guessed = legacy_encoding(data)
        return data.decode(guessed or "utf-8", errors="replace"), guessed


def _declared(data: bytes) -> str | None:
    """The codec of the charset a page declares in its first 4 kB, read as browsers read it
    (ISO-8859-1 as windows-1252; a UTF-16 label written in ASCII as UTF-8); None if none or unknown."""
    found = _DECLARED.search(data[:4096])
    return _codec(found.group(1).decode("ascii", errors="replace")) if found else None


def _codec(label: str) -> str | None:
    """Python's codec for a charset label, as browsers map it; None if Python has none."""
    import codecs

    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return {"iso8859-1": "cp1252", "ascii": "cp1252", "utf-16": "utf-8", "utf-16-le": "utf-8", "utf-16-be": "utf-8"}.get(name, name)


_BLANK_LINES = re.compile(r"\n\s*\n")


def _read_html(source: Source, data: bytes) -> Loaded:
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    html, encoding = _html_text(data, source.charset)
    try:
        doc = trafilatura.bare_extraction(
            html, url=source.url, with_metadata=True, include_comments=False, favor_precision=True
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
        _record(source, data, text, title=doc.title or None, published=doc.date or None, author=doc.author or None),
        [f"{source.name}: HTML not UTF-8 and no charset declared, read as {encoding}"] if encoding else [],
    )


def _same_heading(line: str, title: str) -> bool:
    """Whether ``line`` is the page title (which may carry a " | Site name" suffix)."""
    a, b = " ".join(re.findall(r"\w+", line.lower())), " ".join(re.findall(r"\w+", title.lower()))
    return bool(a) and (a == b or (len(a.split()) >= 3 and b.startswith(a)))
