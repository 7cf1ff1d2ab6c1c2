"""Ingest: a corpus of files → the pipeline → the corpus store (:mod:`newsgraph.store`).

Inputs (:func:`inputs`), walked in sorted order when a directory is given:

* ``.txt``, ``.html``, ``.htm``: one article per file, read by :mod:`newsgraph.read`;
* ``.jsonl``: one article per line, an object with ``text`` or ``html`` and optionally ``url``,
  ``title``, ``published`` (the line's metadata wins over what the page says, and the date anchors
  the article's relative dates: "on Monday");
* ``.warc``, ``.warc.gz`` (as in CC-NEWS): every ``response`` record holding an HTML page with
  status 200, read with warcio; the record's target URI is the article's URL. Other records
  (requests, metadata, redirects, images) are not articles and are passed over.

Each article is an *item*: the file, its position in the file (``line 12``, ``offset 3456``, or
none for a whole file) and a :class:`~newsgraph.read.Source` holding its bytes. The ingest loop
(:func:`ingest`) hashes each item's bytes and skips those the store has already seen (so running
the same ingest twice parses nothing the second time), runs the others through an engine
(:mod:`newsgraph.engine`, in-process or N worker processes, outcomes in input order) in windows of
a few batches (memory stays bounded whatever the corpus size), and stores each record in its own
transaction, with its MinHash when near-duplicates are looked for (:func:`newsgraph.store.signature`;
a near copy is stored linked to its original). A failed item (unreadable file, broken JSONL line, truncated WARC, an article the
pipeline rejects) becomes one :class:`Result` with the reason, is stored in ``failures``, and the
run goes on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from .engine import engine
from .errors import ConfigError
from .pipeline import Options, Outcome
from .read import DEFAULT_MAX_CHARS, HTML_SUFFIXES, TEXT_SUFFIXES, Source, byte_limit
from .store import DEFAULT_NEAR, Store, signature

JSONL_SUFFIXES = (".jsonl",)
WARC_SUFFIXES = (".warc", ".warc.gz")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)  # in an HTTP Content-Type header


@dataclass(slots=True)
class Item:
    """One article to ingest: where it is, its bytes (as a Source), and metadata given with it."""

    file: str
    position: str | None
    source: Source  # with the title and date given with the article, if any
    fetched: str | None = None  # when a crawler fetched the page (WARC-Date): a fallback publication date
    input_hash: str = ""

    @property
    def where(self) -> str:
        return f"{self.file} ({self.position})" if self.position else self.file


@dataclass(slots=True)
class Failed:
    """An input that could not even be turned into an item (file or record level)."""

    file: str
    position: str | None
    reason: str

    @property
    def where(self) -> str:
        return f"{self.file} ({self.position})" if self.position else self.file


@dataclass(slots=True)
class Result:
    """What became of one input: ``stored``, ``near-duplicate`` (stored, linked to the article it
    copies), ``duplicate`` (an exact copy of a stored article: not stored), ``seen`` (this very input
    was ingested before) or ``failed``."""

    status: str
    file: str
    position: str | None = None
    article: int | None = None
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)
    duplicate_of: int | None = None  # a near-duplicate: the article it copies
    no_model: str | None = None  # stored without facts: its language, which no model was set for

    @property
    def where(self) -> str:
        return f"{self.file} ({self.position})" if self.position else self.file


# ---------------------------------------------------------------------------------------------
# reading the corpus


def inputs(paths: Iterable[str], *, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Item | Failed]:
    """Every article of the given files and directories, in order, or the reason it cannot be read."""
    for path in paths:
        if os.path.isdir(path):
            found = sorted(
                os.path.join(root, name)
                for root, _dirs, files in os.walk(path)
                for name in files
                if name.lower().endswith(SUFFIXES)
            )
            if not found:
                yield Failed(path, None, "directory holds no .txt, .html, .htm, .jsonl, .warc or .warc.gz file")
            for name in found:
                yield from _file(name, max_chars)
        elif os.path.exists(path):
            yield from _file(path, max_chars)
        else:
            yield Failed(path, None, "no such file or directory")


def count(paths: Iterable[str]) -> int:
    """A quick count of the items :func:`inputs` will yield (for a progress bar): files, JSONL lines,
    WARC records that may be pages."""
    total = 0
    for path in paths:
        names = (
            [os.path.join(r, n) for r, _d, fs in os.walk(path) for n in fs if n.lower().endswith(SUFFIXES)]
            if os.path.isdir(path)
            else [path]
        )
        for name in names:
            lower = name.lower()
            try:
                if lower.endswith(JSONL_SUFFIXES):
                    with open(name, "rb") as f:
                        total += sum(1 for line in f if line.strip())
                elif lower.endswith(WARC_SUFFIXES):
                    total += sum(1 for _ in _warc_records(name, count_only=True))
                else:
                    total += 1
            except Exception:  # noqa: BLE001 - the real pass reports it (a missing warcio included)
                total += 1
    return total


def _file(path: str, max_chars: int) -> Iterator[Item | Failed]:
    lower = path.lower()
    if lower.endswith(JSONL_SUFFIXES):
        yield from _jsonl(path, max_chars)
    elif lower.endswith(WARC_SUFFIXES):
        yield from _warc(path, max_chars)
    else:
        limit = byte_limit(max_chars)
        try:
            with open(path, "rb") as f:
                data = f.read(limit + 1)
        except OSError as e:
            yield Failed(path, None, e.strerror or str(e))
            return
        if len(data) > limit:  # let read() say it is too large, without holding it twice
            yield Item(path, None, Source(name=path, path=path), input_hash=hashlib.sha256(data).hexdigest())
        else:
            yield Item(path, None, Source(name=path, data=data), input_hash=hashlib.sha256(data).hexdigest())


def _jsonl(path: str, max_chars: int) -> Iterator[Item | Failed]:
    limit = byte_limit(max_chars)
    try:
        f = open(path, "rb")  # noqa: SIM115
    except OSError as e:
        yield Failed(path, None, e.strerror or str(e))
        return
    with f:
        number = 0
        while True:
            line = f.readline(limit + 1)
            if not line:
                break
            number += 1
            where = f"line {number}"
            if len(line) > limit and not line.endswith(b"\n"):
                while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass  # skip the rest of an oversized line without holding it
                yield Failed(path, where, f"too large: more than {limit:,} bytes on one line")
                continue
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except (ValueError, UnicodeDecodeError) as e:
                yield Failed(path, where, f"not a JSON object: {str(e).split(':')[0]}")
                continue
            if not isinstance(obj, dict):
                yield Failed(path, where, "not a JSON object")
                continue
            yield _jsonl_item(path, where, obj)


def _jsonl_item(path: str, where: str, obj: dict) -> Item | Failed:
    text, html = obj.get("text"), obj.get("html")
    if isinstance(text, str) and text.strip():
        data = text.encode("utf-8")
    elif isinstance(html, str) and html.strip():
        data = html.encode("utf-8")
        if not _HTML_START.match(data[:4096]):  # a fragment: make it a page, so it is read as HTML
            data = b"<html><body>" + data + b"</body></html>"
    else:
        return Failed(path, where, "no text or html field")
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    title = obj.get("title").strip() or None if isinstance(obj.get("title"), str) else None
    source = Source(name=f"{path}:{where.split()[-1]}", data=data, url=url, title=title, published=_iso(obj.get("published")))
    return Item(path, where, source, input_hash=hashlib.sha256(data).hexdigest())


def _iso(value) -> str | None:
    """A publication date given with an article, as ISO (date, or datetime when it has a time), or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip().replace("Z", "+00:00")
    try:
        return dt.date.fromisoformat(value).isoformat() if len(value) == 10 else dt.datetime.fromisoformat(value).isoformat()
    except ValueError:
        return None


def _warc_records(path: str, *, count_only: bool = False, limit: int = 0):
    """``(offset, url, date, payload, truncated, charset)`` for every HTML response of a WARC file (charset:
    the one its HTTP Content-Type declares); raises on a broken file."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise ConfigError("reading WARC files needs warcio (pip install warcio)") from None

    with open(path, "rb") as f:
        records = ArchiveIterator(f)
        for record in records:
            if record.format != "warc":  # warcio reads any text as an old ARC record: not what a .warc holds
                raise ValueError("not a WARC file")
            if record.rec_type != "response":
                continue
            if count_only:
                if record.http_headers is not None and _html_ok(record):
                    yield None
                continue
            url, date = record.rec_headers.get_header("WARC-Target-URI"), record.rec_headers.get_header("WARC-Date")
            kind = record.http_headers.get_header("Content-Type") if record.http_headers is not None else None
            charset = found.group(1) if kind and (found := _CHARSET.search(kind)) else None
            stream = record.content_stream() if record.http_headers is not None else record.raw_stream
            payload = stream.read(limit + 1)
            truncated = len(payload) <= limit and getattr(record.raw_stream, "limit", 0) > 0  # the file ended inside it
            if truncated:  # whatever it held: its headers may be cut too
                yield records.get_record_offset(), url, date, b"", True, None
            elif record.http_headers is not None and _html_ok(record):
                yield records.get_record_offset(), url, date, payload, False, charset
        if not count_only and records.offset < os.fstat(f.fileno()).st_size:  # bytes left no record could be read from
            yield records.offset, None, None, b"", True, None


def _html_ok(record) -> bool:
    """A WARC response worth reading: status 200 and HTML (or no content type)."""
    kind = (record.http_headers.get_header("Content-Type") or "").lower()
    return record.http_headers.get_statuscode() == "200" and ("html" in kind or not kind)


def _warc(path: str, max_chars: int) -> Iterator[Item | Failed]:
    limit = byte_limit(max_chars)
    offset = 0
    try:
        for offset, url, date, payload, truncated, charset in _warc_records(path, limit=limit):
            where = f"offset {offset}"
            if truncated:
                yield Failed(path, where, "truncated WARC record (the file ends inside it)")
                continue
            if len(payload) > limit:
                yield Failed(path, where, f"too large: more than {limit:,} bytes of HTML")
                continue
            source = Source(name=f"{path}@{offset}", data=payload, url=url, charset=charset)
            fetched = (_iso(date) or "")[:10] or None  # the day it was fetched; the time says nothing of publication
            yield Item(path, where, source, fetched=fetched, input_hash=hashlib.sha256(payload).hexdigest())
    except ConfigError:
        raise
    except Exception as e:  # noqa: BLE001 - warcio raises assorted errors (zlib, EOF, format) on broken files
        reason = str(e).splitlines()[0][:200] if str(e) else type(e).__name__
        yield Failed(path, f"after offset {offset}" if offset else None, f"unreadable WARC: {reason}")


# ---------------------------------------------------------------------------------------------
# the ingest loop


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    workers: int = 1,
    options: Options = Options(),
    window: int | None = None,
    near: float | None = DEFAULT_NEAR,
    published_from_metadata: bool = False,
) -> Iterator[Result]:
    """Ingest every article under ``paths`` into ``store``; one :class:`Result` per input, in order
    within each window. The model is loaded only if some input is new. An article whose text is at
    least ``near`` similar to a stored one (estimated Jaccard similarity of word 5-grams; None: no
    near-duplicate detection) is stored as its near-duplicate. ``published_from_metadata``: an
    article that states no publication date takes the date its container gives (a WARC record's
    WARC-Date, when the crawler fetched it)."""
    window = window or max(32, workers * options.batch_size * 4)
    runner = None
    try:
        items = inputs(paths, max_chars=options.max_chars)
        while chunk := list(islice(items, window)):
            todo: list[Item] = []
            for item in chunk:
                if isinstance(item, Failed):
                    store.add_failure(item.file, item.position, item.reason)
                    yield Result("failed", item.file, item.position, reason=item.reason)
                elif (article := store.seen(item.input_hash)) is not None:
                    yield Result("seen", item.file, item.position, article=article)
                else:
                    todo.append(item)
            if not todo:
                continue
            if runner is None:
                runner = engine(options, workers).start()
            for item, outcome in zip(todo, runner.run([i.source for i in todo])):
                yield store_outcome(store, item, outcome, near, published_from_metadata)
        if runner is not None:  # something was stored: surnames alone may now join a full name
            store.join_surnames()
    finally:
        if runner is not None:
            runner.close()


def store_outcome(store: Store, item: Item, outcome: Outcome, near: float | None, fallback_date: bool = False) -> Result:
    """Store one input's outcome as ingest does: its failure, or its record (an exact copy of a stored
    article is not stored twice; a near copy, at least ``near`` similar, is stored linked to the first;
    ``fallback_date``: a record without a date takes the date its container gives)."""
    if outcome.record is None:
        reason = outcome.error or "failed"
        store.add_failure(item.file, item.position, reason)
        return Result("failed", item.file, item.position, reason=reason, warnings=outcome.warnings)
    record = outcome.record
    if fallback_date and record.published is None and item.fetched:
        record.published = item.fetched
    minhash = copy_of = None
    if near:
        minhash = signature(record.body())
        copy_of = store.near_copy(minhash, near)
    added = store.add(
        record, position=item.position, url=item.source.url, source=item.file, duplicate_of=copy_of, signature=minhash
    )
    status = "near-duplicate" if added.status == "stored" and copy_of is not None else added.status
    return Result(status, item.file, item.position, article=added.article, warnings=outcome.warnings, duplicate_of=copy_of,
                  no_model=record.language if record.model is None else None)


@dataclass(slots=True)
class Summary:
    """Counts of one ingest run."""

    stored: int = 0  # new articles, near-duplicates included
    near: int = 0  # stored, linked to the article they nearly copy
    duplicates: int = 0  # exact copies of a stored article (same text)
    seen: int = 0  # inputs ingested before (same bytes)
    failed: int = 0
    no_model: Counter[str] = field(default_factory=Counter)  # stored without facts, by language (no model for it)

    def add(self, result: Result) -> None:
        if result.status in ("stored", "near-duplicate"):
            self.stored += 1
            self.near += result.status == "near-duplicate"
            if result.no_model:
                self.no_model[result.no_model] += 1
        elif result.status == "duplicate":
            self.duplicates += 1
        elif result.status == "seen":
            self.seen += 1
        elif result.status == "failed":
            self.failed += 1

    @property
    def total(self) -> int:
        return self.stored + self.duplicates + self.seen + self.failed

    def to_dict(self) -> dict[str, int]:
        return {
            "stored": self.stored,
            "near_duplicates": self.near,
            "duplicates": self.duplicates,
            "seen": self.seen,
            "failed": self.failed,
            "no_model": dict(self.no_model.most_common()),
        }
