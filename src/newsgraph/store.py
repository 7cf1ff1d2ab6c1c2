"""The corpus store: every record of a corpus in one SQLite file, with cross-article entities.

:func:`open` (exported as ``newsgraph.open``) returns a :class:`Store`; the ``newsgraph ingest``,
``stats``, ``entities``, ``entity``, ``quotes``, ``search``, ``events`` and ``export`` commands are thin
shells over its methods. The file is plain SQLite (no server, no extension): it opens in
Datasette or the ``sqlite3`` shell as it is.

Method:

* **Schema and migrations.** ``PRAGMA user_version`` holds the number of migrations applied;
  :data:`MIGRATIONS` lists them in order and :func:`open` applies the missing ones, each in its own
  transaction. The database runs in WAL mode, so readers (a query, Datasette) never block the
  ingest that writes.
* **One article, one transaction.** :meth:`Store.add` writes the article row, its mentions,
  quotes, times, amounts, events, captions and the cross-article entities it touches in one
  ``BEGIN IMMEDIATE … COMMIT``; a process killed at any moment leaves either the whole article or
  nothing of it (SQLite's journal rolls a half-written transaction back on the next open).
* **Duplicates.** Each input's raw bytes hash (``Record.id``) is remembered in ``inputs``, so a
  second ingest of the same corpus skips every input before parsing it. An article whose text
  (whitespace folded) hashes like a stored one is an exact duplicate and is not stored again.
  A near-duplicate (the same wire story on several sites, with its own headline or chrome) is
  found by MinHash LSH: the MinHash (datasketch) of an article's word 5-grams (:func:`signature`,
  128 permutations) is cut into 21 bands of 6 values; originals sharing a band with it are
  candidates (the band index is the ``minhash_bands`` table, so memory stays flat however large
  the corpus, and the threshold can change from run to run), and the first candidate whose
  estimated Jaccard similarity reaches the threshold (default 0.8, configurable; candidates are
  found reliably from 0.7 up, rarely below 0.4) is the original. The copy is stored with
  ``duplicate_of`` pointing at it and left out of every count and aggregate.
* **Cross-article entities.** Each article entity carries a match key (:mod:`newsgraph.entities`:
  ``person:`` + transliteration keys of the first and last name word, ``place:`` + gazetteer id,
  else type + transliterated name); the same key and type in two articles is one corpus entity.
  Different people who share a surname have different keys and stay apart. A person an article
  names only by surname joins the full-name person of that surname the corpus makes dominant (the
  only one, or the one in at least 80 % of the articles naming any of them): at once when the full
  name is stored already, else when ingest finishes (:meth:`Store.join_surnames`); an ambiguous
  surname keeps its own surname-only entity, and ``find`` lists every reading. Every name seen
  for an entity is kept in ``aliases`` with its article count; the canonical name of a place is
  its gazetteer name (Kyiv, also written Kiev), of anything else the one most articles chose as
  the entity's name (then the longest). A full name (two words or more, not a gazetteer place)
  that an article types otherwise than the corpus does joins the entity of that name: the model
  reads "Bernie Sanders" as an ORG in some articles. Each article's own typing is kept
  (``article_entities.type``) and the entity takes the type of most of its mentions.
* **Name lookup** (:meth:`Store.find`) is accent- and transliteration-insensitive: a name matches an
  alias by its transliteration (``translit``) or by the per-word spelling key (``name_key``:
  Toqayev ≈ Tokayev), a person's full key, or a person's surname key; the entity in most
  articles wins, full names before surname-only entities, and the others are listed.
* **Counts kept on insert.** ``entity_months`` holds, per entity and month of publication, its
  articles, mentions and quotes (near-duplicates left out), so ``entities`` and ``entity`` read a
  few rows instead of aggregating every mention; ``entity`` lists at most 50 articles and quotes
  (the latest ingested, through the indexes) and counts co-occurring entities over the entity's
  latest 2,000 articles, so its cost stays bounded for the most frequent entities.
* **Full text.** FTS5 tables index article titles and bodies (``articles_fts``: the text without
  the site's chrome, captions kept, so "Follow us on social networks" finds nothing) and quotes
  (``quotes_fts``), diacritics removed and English words stemmed (Porter: "cuts" finds "cut");
  searches are ranked by BM25 with snippets.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

from .errors import ConfigError
from .names import name_key, translit
from .record import ANALYSED, Record

DEFAULT_DB = "newsgraph.db"
ENV_DB = "NEWSGRAPH_DB"

_V1 = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,              -- the file the article came from
    position TEXT,                     -- where in that file: JSONL line, WARC offset; NULL for a whole file
    url TEXT,
    title TEXT,
    published TEXT,                    -- ISO date or datetime, or NULL
    author TEXT,
    agency TEXT,
    language TEXT,
    hash TEXT NOT NULL UNIQUE,         -- sha256 of the text, whitespace folded: exact duplicates
    input TEXT NOT NULL,               -- sha256 of the raw input bytes (Record.id)
    words INTEGER NOT NULL,
    text TEXT NOT NULL,
    duplicate_of INTEGER REFERENCES articles(id),  -- a near-duplicate of this earlier article
    record TEXT NOT NULL,              -- the record as JSON (newsgraph.article/1), without its text
    ingested TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_live ON articles(id, duplicate_of, published);  -- covers the joins of per-entity queries
CREATE INDEX articles_source ON articles(source, position);

CREATE TABLE inputs (                  -- every raw input already seen, so re-ingest skips it unparsed
    hash TEXT PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(id)
) WITHOUT ROWID;

CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,                 -- match key (newsgraph.entities)
    type TEXT NOT NULL,
    name TEXT NOT NULL,                -- canonical name
    surname TEXT,                      -- persons: name_key of the last name word
    place_kind TEXT,
    place_name TEXT,
    place_country TEXT,
    place_code TEXT,
    geonames INTEGER,
    lat REAL,
    lon REAL,
    UNIQUE (key, type)
);
CREATE INDEX entities_surname ON entities(surname);
CREATE INDEX entities_type ON entities(type);
CREATE INDEX entities_place ON entities(place_name COLLATE NOCASE);

CREATE TABLE aliases (
    entity INTEGER NOT NULL REFERENCES entities(id),
    name TEXT NOT NULL,
    norm TEXT NOT NULL,                -- translit(name): accents, case and punctuation folded
    nkey TEXT NOT NULL,                -- name_key of each word: spelling variants folded
    articles INTEGER NOT NULL DEFAULT 0,   -- articles that use this name for the entity
    as_name INTEGER NOT NULL DEFAULT 0,    -- articles that chose it as the entity's name
    PRIMARY KEY (entity, name)
) WITHOUT ROWID;
CREATE INDEX aliases_norm ON aliases(norm);
CREATE INDEX aliases_nkey ON aliases(nkey);

CREATE TABLE entity_months (          -- per entity and month of publication: counts kept up to date on insert
    entity INTEGER NOT NULL REFERENCES entities(id),
    month TEXT NOT NULL,               -- YYYY-MM, or '' when the article has no date
    articles INTEGER NOT NULL DEFAULT 0,
    mentions INTEGER NOT NULL DEFAULT 0,
    quotes INTEGER NOT NULL DEFAULT 0, -- quotes it is the speaker of
    PRIMARY KEY (entity, month)
) WITHOUT ROWID;

CREATE TABLE article_entities (
    article INTEGER NOT NULL REFERENCES articles(id),
    entity INTEGER NOT NULL REFERENCES entities(id),
    local TEXT NOT NULL,               -- the entity's id inside the record: e1, e2, ...
    name TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    roles TEXT,                        -- JSON list of titles met next to the name
    PRIMARY KEY (article, entity)
) WITHOUT ROWID;
CREATE INDEX article_entities_entity ON article_entities(entity, article);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(id),
    entity INTEGER NOT NULL REFERENCES entities(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    label TEXT
);
CREATE INDEX mentions_entity ON mentions(entity, article, start, "end");
CREATE INDEX mentions_article ON mentions(article, start);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    cue_start INTEGER,
    cue_end INTEGER,
    speaker INTEGER REFERENCES entities(id),
    speaker_name TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER
);
CREATE INDEX quotes_speaker ON quotes(speaker, article);
CREATE INDEX quotes_article ON quotes(article);

CREATE TABLE times (
    id INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    value TEXT NOT NULL,
    mod TEXT
);
CREATE INDEX times_article ON times(article);
CREATE INDEX times_value ON times(value);

CREATE TABLE amounts (
    id INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value REAL NOT NULL,
    unit TEXT,
    per TEXT,
    object TEXT,
    kind TEXT,
    mod TEXT
);
CREATE INDEX amounts_article ON amounts(article);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(id),
    type TEXT NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    trigger TEXT NOT NULL,
    place TEXT,
    place_entity INTEGER REFERENCES entities(id),
    time TEXT
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_article ON events(article);

CREATE TABLE participants (
    event INTEGER NOT NULL REFERENCES events(id),
    entity INTEGER REFERENCES entities(id),
    local TEXT NOT NULL,
    role TEXT NOT NULL
);
CREATE INDEX participants_event ON participants(event);
CREATE INDEX participants_entity ON participants(entity);

CREATE TABLE captions (
    id INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    credit TEXT
);
CREATE INDEX captions_article ON captions(article);

CREATE TABLE failures (
    source TEXT NOT NULL,
    position TEXT NOT NULL DEFAULT '',  -- JSONL line, WARC offset; '' for a whole file
    reason TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (source, position)
);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, speaker_name, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
"""

_V2 = """
CREATE TABLE minhashes (               -- MinHash signature of each original article, for near-duplicates
    article INTEGER PRIMARY KEY REFERENCES articles(id),
    signature BLOB NOT NULL            -- NUM_PERM unsigned 32-bit values (datasketch, scheme affine32)
);
CREATE TABLE minhash_bands (           -- LSH: one row per band of each signature; equal bands make candidates
    band INTEGER NOT NULL,             -- 64-bit hash of (band number, its ROWS values)
    article INTEGER NOT NULL REFERENCES articles(id),
    PRIMARY KEY (band, article)
) WITHOUT ROWID;
"""

_V3 = """
DROP TABLE articles_fts;               -- full-text search with English stemming: "job cuts" finds "cut 10,000 jobs"
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
DROP TABLE quotes_fts;
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, speaker_name, content='quotes', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
"""

_V4 = """
ALTER TABLE article_entities ADD COLUMN type TEXT;  -- the entity's type in that article: the corpus entity takes the type of most mentions
UPDATE article_entities SET type = (SELECT type FROM entities WHERE id = article_entities.entity);
"""

_V6 = """
-- schema 6: what an attribution is (speech, writing, belief), the whole phrase of its source, the tagger's confidence
ALTER TABLE quotes ADD COLUMN type TEXT NOT NULL DEFAULT 'speech';
ALTER TABLE quotes ADD COLUMN source_start INTEGER;
ALTER TABLE quotes ADD COLUMN source_end INTEGER;
ALTER TABLE quotes ADD COLUMN confidence REAL;
"""

_V7 = """
-- schema 7: an event's PLOVER mode; a participant named by no name ("gunmen", "riot police"): its words and where they are
ALTER TABLE events ADD COLUMN mode TEXT;
ALTER TABLE participants ADD COLUMN text TEXT;
ALTER TABLE participants ADD COLUMN start INTEGER;
ALTER TABLE participants ADD COLUMN "end" INTEGER;
"""

_ARTICLES_FTS = """CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, tokenize='porter unicode61 remove_diacritics 2'
)"""


def _searchable(record: Record) -> str:
    """What full-text search sees of an article: its body with its captions, the site's chrome left out
    ("Follow us on social networks" matches nothing), whitespace folded."""
    return " ".join(record.body(keep=ANALYSED).split())


def _v5(db: sqlite3.Connection) -> None:
    """Schema 5: ``articles_fts`` holds each article's title and searchable body (:func:`_searchable`)
    instead of indexing the whole text, chrome included; rebuilt from the stored records."""
    db.execute("DROP TABLE articles_fts")
    db.execute(_ARTICLES_FTS)
    rows = db.execute("SELECT id, title, text, record FROM articles")  # streamed: a large corpus never sits in memory
    db.executemany(
        "INSERT INTO articles_fts(rowid, title, body) VALUES (?, ?, ?)",
        ((row[0], row[1] or "", _searchable(Record.from_dict({**json.loads(row[3]), "text": row[2]}))) for row in rows),
    )


#: schema migrations, in order (``PRAGMA user_version`` is the number applied): SQL scripts, or functions
#: of the connection for what SQL alone cannot do
MIGRATIONS: list[str | Callable[[sqlite3.Connection], None]] = [_V1, _V2, _V3, _V4, _v5, _V6, _V7]

NUM_PERM = 128  # MinHash permutations: the estimate of a Jaccard similarity is within about ±0.09
BANDS, ROWS = 21, 6  # LSH: a pair of similarity s is a candidate with probability 1 - (1 - s^6)^21 (0.7: 93%, 0.8: 99.8%)
SHINGLE = 5  # words per shingle
COOCCURRENCE_WINDOW = 2000  # `entity` counts co-occurring entities over this many of its latest articles
DOMINANT = 0.8  # share of the articles naming a surname's full-name people one must hold to take the surname alone
DEFAULT_NEAR = 0.8  # Jaccard similarity of word 5-grams above which an article is a near-duplicate

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def default_path() -> str:
    """``$NEWSGRAPH_DB`` if set, else ``./newsgraph.db``."""
    return os.environ.get(ENV_DB) or DEFAULT_DB


def open(path: str | os.PathLike | None = None, *, create: bool = True) -> Store:  # noqa: A001 - the API's name
    """Open (and create or migrate) the corpus database at ``path`` (default: :func:`default_path`)."""
    return Store(path if path is not None else default_path(), create=create)


def content_hash(text: str) -> str:
    """The exact-duplicate key of an article: sha256 of its text with whitespace folded."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def name_keys(name: str) -> str:
    """The per-word spelling key of a name: "Kassym-Jomart Toqayev" → "kasimjomart tokaiev"."""
    return " ".join(k for k in (name_key(w) for w in _WORD.findall(name)) if k)


def signature(text: str):
    """The MinHash (datasketch) of a text's word 5-grams, lower-cased: near-duplicates share most."""
    try:
        from datasketch import MinHash
    except ImportError:
        raise ConfigError("near-duplicate detection needs datasketch (pip install datasketch); --near 0 turns it off") from None

    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(max(1, len(words) - SHINGLE + 1))}
    minhash = MinHash(num_perm=NUM_PERM, scheme="affine32", permutations=_permutations())
    minhash.update_batch(list(shingles))
    return minhash


def _bands(minhash) -> list[int]:
    """The LSH band keys of a signature: BANDS bands of ROWS values, each hashed with its number."""
    data = minhash.hashvalues.astype("<u4").tobytes()
    size = ROWS * 4
    return [
        int.from_bytes(hashlib.blake2b(bytes([i]) + data[i * size : (i + 1) * size], digest_size=8).digest(), "big", signed=True)
        for i in range(BANDS)
    ]


@lru_cache(maxsize=1)
def _permutations():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, scheme="affine32").permutations  # the same seed every time: computed once


@dataclass(slots=True)
class Added:
    """What :meth:`Store.add` did: ``stored`` (a new article), ``duplicate`` (an exact copy)."""

    status: str
    article: int  # the new article's id, or the id of the article it duplicates


class Store:
    """A corpus database. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | os.PathLike, *, create: bool = True) -> None:
        self.path = os.fspath(path)
        if not create and not os.path.exists(self.path):
            raise ConfigError(f"{self.path}: no such database (run `newsgraph ingest` first, or pass --db)")
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA busy_timeout = 10000")
            mode = self.db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.DatabaseError as e:
            raise ConfigError(f"{self.path}: not a newsgraph database ({e})") from None
        if mode.lower() != "wal" and self.path != ":memory:":
            raise ConfigError(f"{self.path}: cannot use WAL mode (journal mode {mode})")
        self.db.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: a killed process loses nothing committed
        self.db.execute("PRAGMA foreign_keys = ON")
        self._migrate()

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        try:
            self.db.execute("PRAGMA optimize")  # keeps the query planner's statistics current; cheap
        except sqlite3.Error:
            pass
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        current = self.version
        if current > len(MIGRATIONS):
            raise ConfigError(f"{self.path}: database schema {current} is newer than this newsgraph ({len(MIGRATIONS)})")
        for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
            with self._transaction():
                if self.version >= number:  # another process migrated it meanwhile
                    continue
                if callable(script):
                    script(self.db)
                else:
                    for statement in _statements(script):
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number}")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- writing -----------------------------------------------------------------------------

    def seen(self, input_hash: str) -> int | None:
        """The article an input with this raw-bytes hash became (stored or duplicated), or None."""
        row = self.db.execute("SELECT article FROM inputs WHERE hash = ?", (input_hash,)).fetchone()
        return row[0] if row else None

    def add(
        self,
        record: Record,
        *,
        position: str | None = None,
        url: str | None = None,
        source: str | None = None,
        duplicate_of: int | None = None,
        signature: Any = None,
    ) -> Added:
        """Store one article and everything extracted from it, atomically.

        ``source`` defaults to ``record.source``; ``position`` says where in that file the article
        was (JSONL line, WARC offset). An exact duplicate of a stored article is not stored
        (``Added("duplicate", original_id)``); ``duplicate_of`` marks a near-duplicate. ``signature``
        (a MinHash, see :func:`signature`) of an original article is kept for :meth:`near_copy`.
        """
        digest = content_hash(record.text)
        with self._transaction() as db:
            row = db.execute("SELECT id FROM articles WHERE hash = ?", (digest,)).fetchone()
            if row:
                db.execute("INSERT OR IGNORE INTO inputs(hash, article) VALUES (?, ?)", (record.id, row[0]))
                self._clear_failure(source or record.source, position)
                return Added("duplicate", row[0])
            data = record.to_dict()
            del data["text"]
            article = db.execute(
                "INSERT INTO articles(source, position, url, title, published, author, agency, language, hash, input,"
                " words, text, duplicate_of, record, ingested) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    source or record.source, position, url, record.title, record.published, record.author,
                    record.agency, record.language, digest, record.id, len(record.body().split()), record.text,
                    duplicate_of, json.dumps(data, ensure_ascii=False), _now(),
                ),
            ).lastrowid
            db.execute("INSERT OR IGNORE INTO inputs(hash, article) VALUES (?, ?)", (record.id, article))
            db.execute(
                "INSERT INTO articles_fts(rowid, title, body) VALUES (?, ?, ?)", (article, record.title or "", _searchable(record))
            )
            local = self._add_entities(article, record)
            self._add_facts(article, record, local)
            if duplicate_of is None:  # a near-duplicate adds nothing to the counts
                self._count(article, record, local)
            self._clear_failure(source or record.source, position)
            if signature is not None and duplicate_of is None:
                db.execute("INSERT INTO minhashes(article, signature) VALUES (?, ?)", (article, signature.hashvalues.tobytes()))
                bands = [(band, article) for band in _bands(signature)]
                db.executemany("INSERT OR IGNORE INTO minhash_bands(band, article) VALUES (?, ?)", bands)
        return Added("stored", article)

    def near_copy(self, signature, threshold: float = DEFAULT_NEAR) -> int | None:
        """The first stored original article whose text is at least ``threshold`` similar (estimated
        Jaccard similarity of word 5-grams) to the one with this ``signature``, or None."""
        import numpy as np

        bands = _bands(signature)
        rows = self.db.execute(
            "SELECT m.article, m.signature FROM minhashes m WHERE m.article IN"
            f" (SELECT article FROM minhash_bands WHERE band IN ({','.join('?' * len(bands))})) ORDER BY m.article",
            bands,
        )
        mine = signature.hashvalues
        for article, blob in rows:  # in ingest order: the first that is similar enough
            if float(np.mean(np.frombuffer(blob, dtype=np.uint32) == mine)) >= threshold:
                return article
        return None

    def _add_entities(self, article: int, record: Record) -> dict[str, int]:
        """Upsert the record's entities into corpus entities; the record's local ids → corpus ids."""
        db, text, local = self.db, record.text, {}
        names_of: dict[int, dict[str, bool]] = {}
        for e in record.entities:
            key = e.key or f"{e.type.lower()}:{translit(e.name)}"
            words = _WORD.findall(e.name)
            surname = name_key(words[-1]) if e.type == "PERSON" and words else None
            p = e.place
            row = db.execute("SELECT id, type FROM entities WHERE key = ? AND type = ?", (key, e.type)).fetchone()
            if row is None and p is None and len(words) > 1:
                row = self._typed_otherwise(e.name)
            if e.type == "PERSON" and len(words) == 1 and surname and (full := self._full_name(surname)) is not None:
                row = (full, "PERSON")  # "Whitlock" where the corpus knows one Whitlock by full name
            if row:
                entity = row[0]
            else:
                entity = db.execute(
                    "INSERT INTO entities(key, type, name, surname, place_kind, place_name, place_country, place_code,"
                    " geonames, lat, lon) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (key, e.type, e.name, surname, *(
                        (p.kind, p.name, p.country, p.code, p.geonames, p.lat, p.lon) if p else (None,) * 7
                    )),
                ).lastrowid
            local[e.id] = entity
            db.execute(
                "INSERT INTO article_entities(article, entity, local, name, mentions, roles, type) VALUES (?,?,?,?,?,?,?)"
                " ON CONFLICT(article, entity) DO UPDATE SET mentions = mentions + excluded.mentions",
                (article, entity, e.id, e.name, len(e.mentions), json.dumps(e.roles) if e.roles else None, e.type),
            )
            if row and row[1] != e.type:  # typed otherwise here than the corpus entity it joined
                self._vote(entity, row[1], e.type, key, surname)
            names = names_of.setdefault(entity, {})
            for name in [e.name, *e.aliases]:
                names[name] = names.get(name, False) or name == e.name
            db.executemany(
                'INSERT INTO mentions(article, entity, start, "end", text, label) VALUES (?,?,?,?,?,?)',
                [(article, entity, m.start, m.end, text[m.start : m.end], m.label) for m in e.mentions],
            )
        db.executemany(
            "INSERT INTO aliases(entity, name, norm, nkey, articles, as_name) VALUES (?,?,?,?,1,?)"
            " ON CONFLICT(entity, name) DO UPDATE SET articles = articles + 1, as_name = as_name + excluded.as_name",
            [
                (entity, name, translit(name), name_keys(name), int(chosen))
                for entity, names in names_of.items()
                for name, chosen in names.items()
            ],
        )
        for entity in names_of:  # canonical name: the gazetteer's for a place, else the one most articles chose, the longest
            best = db.execute(
                "SELECT COALESCE((SELECT place_name FROM entities WHERE id = :e AND place_name IS NOT NULL), (SELECT name"
                " FROM aliases WHERE entity = :e ORDER BY as_name DESC, articles DESC, length(name) DESC LIMIT 1))",
                {"e": entity},
            ).fetchone()
            db.execute("UPDATE entities SET name = ? WHERE id = ? AND name != ?", (best[0], entity, best[0]))
        return local

    def _full_name(self, surname: str, exclude: int | None = None) -> int | None:
        """The person known by full name (two words or more) that a name of the surname ``surname``
        (a ``name_key``) alone most likely means: the only one, or the one in at least
        :data:`DOMINANT` of the articles that name any of them; None when the corpus knows none or the
        surname is ambiguous ("Biden": Joe in 40 articles, Hunter in 25)."""
        counts = self.db.execute(
            "SELECT e.id, COUNT(ae.article) FROM entities e JOIN article_entities ae ON ae.entity = e.id"
            " WHERE e.type = 'PERSON' AND e.surname = ? AND e.key LIKE 'person:% %' AND e.id IS NOT ?"
            " GROUP BY e.id ORDER BY COUNT(ae.article) DESC, e.id",
            (surname, exclude),
        ).fetchall()
        if not counts:
            return None
        total = sum(n for _, n in counts)
        return counts[0][0] if counts[0][1] >= DOMINANT * total else None

    def join_surnames(self) -> list[tuple[str, str]]:
        """People known only by a surname join the full-name person the corpus makes dominant
        (:meth:`_full_name`): "Whitlock" in 3 articles joins "Dana Whitlock" in 5, whichever came
        first. Ambiguous surnames stay apart (``find`` lists every reading). Returns the (surname,
        full name) pairs joined. Ingest calls it when it finishes."""
        joined = []
        with self._transaction() as db:
            rows = db.execute(
                "SELECT id, name, surname FROM entities WHERE type = 'PERSON' AND surname IS NOT NULL AND key NOT LIKE 'person:% %'"
            ).fetchall()
            for source, name, surname in rows:
                target = self._full_name(surname, exclude=source)
                if target is None:
                    continue
                self._merge(source, target)
                joined.append((name, db.execute("SELECT name FROM entities WHERE id = ?", (target,)).fetchone()[0]))
        return joined

    def _merge(self, source: int, target: int) -> None:
        """Move everything of entity ``source`` to ``target`` and delete ``source``. (``WHERE … AND
        true``: SQLite needs a WHERE before ON CONFLICT in an INSERT … SELECT.)"""
        db = self.db
        db.execute(
            "INSERT INTO article_entities(article, entity, local, name, mentions, roles, type)"
            " SELECT article, ?, local, name, mentions, roles, type FROM article_entities WHERE entity = ? AND true"
            " ON CONFLICT(article, entity) DO UPDATE SET mentions = mentions + excluded.mentions",
            (target, source),
        )
        db.execute(
            "INSERT INTO aliases(entity, name, norm, nkey, articles, as_name) SELECT ?, name, norm, nkey, articles, 0"
            " FROM aliases WHERE entity = ? AND true"
            " ON CONFLICT(entity, name) DO UPDATE SET articles = articles + excluded.articles",
            (target, source),
        )
        db.execute(
            "INSERT INTO entity_months(entity, month, articles, mentions, quotes) SELECT ?, month, articles, mentions, quotes"
            " FROM entity_months WHERE entity = ? AND true ON CONFLICT(entity, month) DO UPDATE SET"
            " articles = articles + excluded.articles, mentions = mentions + excluded.mentions, quotes = quotes + excluded.quotes",
            (target, source),
        )
        for table in ("article_entities", "aliases", "entity_months"):
            db.execute(f"DELETE FROM {table} WHERE entity = ?", (source,))
        for table, column in (("mentions", "entity"), ("quotes", "speaker"), ("events", "place_entity"), ("participants", "entity")):
            db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (target, source))
        db.execute("DELETE FROM entities WHERE id = ?", (source,))

    def _typed_otherwise(self, name: str) -> tuple[int, str] | None:
        """The entity a full name (two words or more) names under another type: the article's model
        typed "Bernie Sanders" an ORG where most call him a person. Places linked to the gazetteer
        are not matched (their identity is the place); one-word names neither ("Jordan", "Ford")."""
        return self.db.execute(
            "SELECT e.id, e.type FROM aliases a JOIN entities e ON e.id = a.entity WHERE a.norm = ? AND a.as_name > 0"
            " AND e.place_code IS NULL AND e.geonames IS NULL"
            " ORDER BY (SELECT COUNT(*) FROM article_entities ae WHERE ae.entity = e.id) DESC, e.id LIMIT 1",
            (translit(name),),
        ).fetchone()

    def _vote(self, entity: int, current: str, kind: str, key: str, surname: str | None) -> None:
        """The corpus entity takes the type most of its mentions are given, article by article (an
        article that names it often weighs more than a passing mention): once ``kind`` (this
        article's) leads ``current``, the entity is retyped, with this article's key. Only called
        when the two differ, so the common insert pays nothing."""
        votes = dict(self.db.execute("SELECT type, SUM(mentions) FROM article_entities WHERE entity = ? GROUP BY type", (entity,)))
        if votes.get(kind, 0) > votes.get(current, 0):
            self.db.execute(
                "UPDATE entities SET type = ?, key = ?, surname = ? WHERE id = ?",
                (kind, key, surname if kind == "PERSON" else None, entity),
            )

    def _count(self, article: int, record: Record, local: dict[str, int]) -> None:
        """Add the article to its entities' monthly counts (articles, mentions, quotes by)."""
        month = (record.published or "")[:7]
        counts: dict[int, list[int]] = {}
        for e in record.entities:
            counts.setdefault(local[e.id], [0, 0])[0] += len(e.mentions)
        for q in record.quotes:
            if q.speaker and q.speaker.entity in local:
                counts.setdefault(local[q.speaker.entity], [0, 0])[1] += 1
        self.db.executemany(
            "INSERT INTO entity_months(entity, month, articles, mentions, quotes) VALUES (?, ?, 1, ?, ?)"
            " ON CONFLICT(entity, month) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions,"
            " quotes = quotes + excluded.quotes",
            [(entity, month, mentions, quotes) for entity, (mentions, quotes) in counts.items()],
        )

    def _add_facts(self, article: int, record: Record, local: dict[str, int]) -> None:
        db, text = self.db, record.text
        for q in record.quotes:
            sp = q.speaker
            quote = db.execute(
                'INSERT INTO quotes(article, start, "end", kind, text, cue_start, cue_end, speaker, speaker_name,'
                " speaker_start, speaker_end, type, source_start, source_end, confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    article, q.start, q.end, q.kind, text[q.start : q.end],
                    q.cue.start if q.cue else None, q.cue.end if q.cue else None,
                    local.get(sp.entity) if sp and sp.entity else None,
                    sp.name if sp else None, sp.start if sp else None, sp.end if sp else None,
                    q.type, q.source.start if q.source else None, q.source.end if q.source else None, q.confidence,
                ),
            ).lastrowid
            db.execute(
                "INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (?, ?, ?)",
                (quote, text[q.start : q.end], sp.name if sp else ""),
            )
        db.executemany(
            'INSERT INTO times(article, start, "end", text, type, value, mod) VALUES (?,?,?,?,?,?,?)',
            [(article, t.start, t.end, text[t.start : t.end], t.type, t.value, t.mod) for t in record.times],
        )
        db.executemany(
            'INSERT INTO amounts(article, start, "end", text, value, unit, per, object, kind, mod) VALUES (?,?,?,?,?,?,?,?,?,?)',
            [
                (article, a.start, a.end, text[a.start : a.end], a.value, a.unit, a.per, a.object, a.kind, a.mod)
                for a in record.amounts
            ],
        )
        for ev in record.events:
            event = db.execute(
                "INSERT INTO events(article, type, trigger_start, trigger_end, trigger, place, place_entity, time, mode)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    article, ev.type, ev.trigger.start, ev.trigger.end, text[ev.trigger.start : ev.trigger.end],
                    ev.place, local.get(ev.place) if ev.place else None, ev.time, ev.mode,
                ),
            ).lastrowid
            db.executemany(
                'INSERT INTO participants(event, entity, local, role, text, start, "end") VALUES (?,?,?,?,?,?,?)',
                [
                    (event, local.get(p.entity) if p.entity else None, p.entity or "", p.role)
                    + ((text[p.span.start : p.span.end], p.span.start, p.span.end) if p.span else (None, None, None))
                    for p in ev.participants
                ],
            )
        db.executemany(
            'INSERT INTO captions(article, start, "end", text, credit) VALUES (?,?,?,?,?)',
            [(article, c.start, c.end, text[c.start : c.end], c.credit) for c in record.captions],
        )

    def add_failure(self, source: str, position: str | None, reason: str) -> None:
        """Record that one input failed (the latest reason wins on a re-run)."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO failures(source, position, reason, at) VALUES (?,?,?,?)"
                " ON CONFLICT(source, position) DO UPDATE SET reason = excluded.reason, at = excluded.at",
                (source, position or "", reason, _now()),
            )

    def _clear_failure(self, source: str, position: str | None) -> None:
        self.db.execute("DELETE FROM failures WHERE source = ? AND position = ?", (source, position or ""))

    # -- reading -----------------------------------------------------------------------------

    def record(self, article: int) -> Record | None:
        """The stored record of one article."""
        row = self.db.execute("SELECT record, text FROM articles WHERE id = ?", (article,)).fetchone()
        if row is None:
            return None
        return Record.from_dict({**json.loads(row["record"]), "text": row["text"]})

    def articles(self, *, include_duplicates: bool = True) -> Iterator[dict[str, Any]]:
        """Every article's metadata (no text), in ingest order."""
        where = "" if include_duplicates else " WHERE duplicate_of IS NULL"
        for row in self.db.execute(
            "SELECT id, source, position, url, title, published, agency, words, duplicate_of FROM articles"
            + where
            + " ORDER BY id"
        ):
            yield dict(row)

    def failures(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute("SELECT source, position, reason, at FROM failures ORDER BY source, position")]

    def stats(self) -> dict[str, Any]:
        """Counts of everything stored (near-duplicates counted apart), the date range, the file size."""
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        articles = "(SELECT id FROM articles WHERE duplicate_of IS NULL)"
        types = self.db.execute(
            "SELECT e.type, COUNT(DISTINCT e.id) FROM entities e JOIN entity_months m ON m.entity = e.id"
            " GROUP BY e.type ORDER BY 2 DESC"
        ).fetchall()
        first, last = self.db.execute(
            f"SELECT MIN(published), MAX(published) FROM articles WHERE id IN {articles}"
        ).fetchone()
        size = sum(os.path.getsize(p) for p in (self.path, self.path + "-wal") if os.path.exists(p))
        return {
            "database": self.path,
            "schema": self.version,
            "bytes": size,
            "articles": one(f"SELECT COUNT(*) FROM {articles}"),
            "near_duplicates": one("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL"),
            "words": one(f"SELECT COALESCE(SUM(words), 0) FROM articles WHERE id IN {articles}"),
            "entities": sum(n for _, n in types),
            "entities_by_type": {t: n for t, n in types},
            "mentions": one(f"SELECT COUNT(*) FROM mentions WHERE article IN {articles}"),
            "quotes": one(f"SELECT COUNT(*) FROM quotes WHERE article IN {articles}"),
            "times": one(f"SELECT COUNT(*) FROM times WHERE article IN {articles}"),
            "amounts": one(f"SELECT COUNT(*) FROM amounts WHERE article IN {articles}"),
            "events": one(f"SELECT COUNT(*) FROM events WHERE article IN {articles}"),
            "captions": one(f"SELECT COUNT(*) FROM captions WHERE article IN {articles}"),
            "failures": one("SELECT COUNT(*) FROM failures"),
            "published_from": first,
            "published_to": last,
        }

    def entities(self, *, type: str | None = None, top: int = 20) -> list[dict[str, Any]]:  # noqa: A002
        """The entities in most articles (near-duplicates not counted), optionally of one type."""
        where = "WHERE e.type = ?" if type else ""
        rows = self.db.execute(
            "SELECT e.id, e.name, e.type, e.key, SUM(m.articles) AS articles, SUM(m.mentions) AS mentions"
            f" FROM entity_months m JOIN entities e ON e.id = m.entity {where}"
            " GROUP BY e.id ORDER BY articles DESC, mentions DESC, e.name LIMIT ?",
            (*([type.upper()] if type else []), top),
        )
        return [dict(r) for r in rows]

    def find(self, name: str, *, limit: int = 10) -> list[dict[str, Any]]:
        """Entities that ``name`` may denote, best first: people known by a surname alone last (which
        full name they belong to is not known), the others by the number of articles they are in.

        Matches an alias by transliteration ("Zelenskyy" → "Zelenskyy", "Tokaïev" → "Tokaiev"), by the
        spelling key of every word ("Toqayev" ≈ "Tokayev"), a person's full key (first and last name
        word), or, for a one-word name, a person's surname.
        """
        norm, nkey = translit(name), name_keys(name)
        if not norm:
            return []
        words = nkey.split()
        person_key = "person:" + (f"{words[0]} {words[-1]}" if len(words) > 1 else nkey)
        rows = self.db.execute(
            """
            WITH hits(entity, score) AS (
                SELECT entity, 3 FROM aliases WHERE norm = :norm
                UNION ALL SELECT entity, 2 FROM aliases WHERE nkey = :nkey
                UNION ALL SELECT id, 2 FROM entities WHERE key = :person_key
                UNION ALL SELECT id, 1 FROM entities WHERE surname = :nkey AND :single
                UNION ALL SELECT id, 3 FROM entities WHERE place_name = :name COLLATE NOCASE
            )
            SELECT e.id, e.name, e.type, e.key, MAX(h.score) AS score,
                   (SELECT COALESCE(SUM(articles), 0) FROM entity_months m WHERE m.entity = e.id) AS articles
            FROM hits h JOIN entities e ON e.id = h.entity
            GROUP BY e.id
            ORDER BY (e.type != 'PERSON' OR e.key LIKE 'person:% %') DESC, articles DESC, score DESC, e.id
            LIMIT :limit
            """,
            {"norm": norm, "nkey": nkey, "person_key": person_key, "single": len(words) == 1, "name": name.strip()}
            | {"limit": limit},
        )
        return [dict(r) for r in rows]

    def entity(self, name: str | int, *, top: int = 10, limit: int = 50) -> dict[str, Any] | None:
        """Everything about one entity: canonical name, aliases, type, place, roles, articles,
        mentions over time (by month), quotes by it and about it, top co-occurring entities.

        ``name`` is a name (looked up with :meth:`find`; the best match wins, the others are listed
        under ``other_matches``) or a corpus entity id. Lists hold at most ``limit`` items (articles:
        the latest ingested), next to the full counts (``article_count``, ``mentions``,
        ``quotes_by_count``), and the ``top`` entities it appears with most (over its latest 2,000
        articles, so the work stays bounded for the most frequent entities).
        """
        others: list[dict[str, Any]] = []
        if isinstance(name, int):
            entity_id = name
        else:
            found = self.find(name)
            if not found:
                return None
            entity_id, others = found[0]["id"], found[1:]
        e = self.db.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if e is None:
            return None
        db, live, one = self.db, "a.duplicate_of IS NULL", (entity_id,)
        over_time = {
            month or "undated": (n, mentions, quotes)
            for month, n, mentions, quotes in db.execute(
                "SELECT month, articles, mentions, quotes FROM entity_months WHERE entity = ? ORDER BY month = '', month", one
            )
        }
        articles = [  # the latest ingested (the index order: no sort of every article it is in)
            dict(r)
            for r in db.execute(
                "SELECT a.id, a.title, a.published, a.source, a.position, a.url, ae.mentions FROM article_entities ae"
                f" JOIN articles a ON a.id = ae.article WHERE ae.entity = ? AND {live} ORDER BY ae.article DESC LIMIT ?",
                (entity_id, limit),
            )
        ]
        articles.sort(key=lambda a: (a["published"] or "", a["id"]), reverse=True)
        roles = [
            r[0]
            for r in db.execute(
                "SELECT j.value FROM article_entities ae, json_each(ae.roles) j WHERE ae.entity = ? AND ae.roles IS NOT NULL"
                " GROUP BY j.value ORDER BY COUNT(*) DESC, j.value",
                one,
            )
        ]
        sql = "SELECT id FROM quotes WHERE speaker = ? ORDER BY article DESC LIMIT ?"
        by = [r[0] for r in db.execute(sql, (entity_id, limit))]
        about = [  # quotes by others that mention it: driven by its mentions, stopping at `limit`
            r[0]
            for r in db.execute(
                "SELECT DISTINCT q.id FROM mentions m JOIN quotes q ON q.article = m.article"
                ' AND q.start <= m.start AND q."end" >= m."end" WHERE m.entity = ? AND (q.speaker IS NULL OR q.speaker != ?)'
                " ORDER BY m.article DESC LIMIT ?",
                (entity_id, entity_id, limit),
            )
        ]
        quotes_by, quotes_about = (
            self._quotes(f"q.id IN ({','.join('?' * len(ids))})", tuple(ids)) if ids else [] for ids in (by, about)
        )
        cooccurring = [  # over its latest COOCCURRENCE_WINDOW articles: bounded work for the most frequent entities
            dict(r)
            for r in db.execute(
                "WITH mine AS (SELECT article FROM article_entities WHERE entity = ? ORDER BY article DESC LIMIT ?),"
                " pairs AS (SELECT other.entity, COUNT(*) AS articles FROM mine JOIN articles a ON a.id = mine.article"
                " JOIN article_entities other ON other.article = mine.article"
                f" WHERE other.entity != ? AND {live} GROUP BY other.entity ORDER BY articles DESC LIMIT ?)"
                " SELECT e.id, e.name, e.type, pairs.articles FROM pairs JOIN entities e ON e.id = pairs.entity"
                " ORDER BY pairs.articles DESC, e.name",
                (entity_id, COOCCURRENCE_WINDOW, entity_id, top),
            )
        ]
        aliases = [
            dict(r)
            for r in db.execute(
                "SELECT name, articles FROM aliases WHERE entity = ? AND name != ? ORDER BY articles DESC, name",
                (entity_id, e["name"]),
            )
        ]
        place = None
        if e["place_kind"]:
            place = {k: e[f"place_{k}"] for k in ("kind", "name", "country", "code")} | {
                "geonames": e["geonames"], "lat": e["lat"], "lon": e["lon"]
            }
        return {
            "id": e["id"],
            "name": e["name"],
            "type": e["type"],
            "key": e["key"],
            "aliases": aliases,
            "roles": roles,
            "place": place,
            "article_count": sum(n for n, _, _ in over_time.values()),
            "mentions": sum(m for _, m, _ in over_time.values()),
            "mentions_over_time": {month: m for month, (_, m, _) in over_time.items()},
            "articles": articles,
            "quotes_by_count": sum(q for _, _, q in over_time.values()),
            "quotes_by": quotes_by,
            "quotes_about": quotes_about,
            "cooccurring": cooccurring,
            "other_matches": others,
        }

    _QUOTES = (
        "SELECT q.id, q.article, q.text, q.kind, q.type, q.confidence, q.speaker, COALESCE(e.name, q.speaker_name) AS speaker_name,"
        " a.title, a.published, a.source FROM quotes q JOIN articles a ON a.id = q.article"
        " LEFT JOIN entities e ON e.id = q.speaker WHERE a.duplicate_of IS NULL AND {where} ORDER BY {order}"
    )

    def _quotes(self, where: str, params: tuple, *, limit: int | None = None) -> list[dict[str, Any]]:
        sql = self._QUOTES.format(where=where, order="a.published, q.article, q.start")
        sql += f" LIMIT {int(limit)}" if limit else ""
        return [dict(r) for r in self.db.execute(sql, params)]

    def quotes(
        self,
        *,
        speaker: str | None = None,
        search: str | None = None,
        since: str | None = None,
        types: Sequence[str] = (),
        limit: int = 100,
    ) -> list[dict[str, Any]]:
        """Quotes, filtered by speaker (any entity :meth:`find` matches, or the speaker's words as
        written when no entity matches), full-text search over the quote (FTS5, best match first),
        publication date and what they are (``types``: speech, writing, document, belief; all when empty)."""
        where, params = ["1"], []
        if types:
            where.append(f"q.type IN ({','.join('?' * len(types))})")
            params += list(types)
        if speaker:
            ids = [f["id"] for f in self.find(speaker, limit=50)]
            if ids:
                where.append(f"q.speaker IN ({','.join('?' * len(ids))})")
                params += ids
            else:
                where.append("q.speaker_name LIKE ?")
                params.append(f"%{speaker}%")
        if since:
            where.append("a.published >= ?")
            params.append(since)
        if not search:
            return self._quotes(" AND ".join(where), tuple(params), limit=limit)
        sql = (
            self._QUOTES.replace("FROM quotes q", "FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid").format(
                where="quotes_fts MATCH ? AND " + " AND ".join(where), order="quotes_fts.rank"
            )
            + f" LIMIT {int(limit)}"
        )
        return _fts(self.db, sql, search, tuple(params))

    def search(self, text: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """Articles matching an FTS5 query (words, "a phrase", OR, NOT, prefix*), best first, with a snippet."""
        return _fts(
            self.db,
            "SELECT a.id, a.title, a.published, a.source, a.position, a.url,"
            " snippet(articles_fts, 1, '[', ']', '…', 16) AS snippet, bm25(articles_fts, 5.0, 1.0) AS score"
            " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
            " WHERE articles_fts MATCH ? AND a.duplicate_of IS NULL ORDER BY score LIMIT ?",
            text,
            (limit,),
        )

    def events(
        self, *, type: str | None = None, entity: str | None = None, limit: int = 100  # noqa: A002
    ) -> list[dict[str, Any]]:
        """Events, filtered by type and by a participating (or place) entity, with their participants."""
        where, params = ["a.duplicate_of IS NULL"], []
        if type:
            where.append("ev.type = ?")
            params.append(type)
        if entity:
            ids = [f["id"] for f in self.find(entity, limit=50)]
            if not ids:
                return []
            marks = ",".join("?" * len(ids))
            where.append(f"(ev.place_entity IN ({marks}) OR ev.id IN (SELECT event FROM participants WHERE entity IN ({marks})))")
            params += ids + ids
        rows = [
            dict(r)
            for r in self.db.execute(
                "SELECT ev.id, ev.article, ev.type, ev.mode, ev.trigger, ev.place, pe.name AS place_name, ev.time, a.title, a.published"
                " FROM events ev JOIN articles a ON a.id = ev.article LEFT JOIN entities pe ON pe.id = ev.place_entity"
                f" WHERE {' AND '.join(where)} ORDER BY a.published, ev.article, ev.trigger_start LIMIT ?",
                (*params, limit),
            )
        ]
        for row in rows:
            row["participants"] = [
                dict(p)
                for p in self.db.execute(
                    "SELECT p.role, p.entity, COALESCE(e.name, p.text, p.local) AS name FROM participants p"
                    " LEFT JOIN entities e ON e.id = p.entity WHERE p.event = ? ORDER BY p.rowid",
                    (row["id"],),
                )
            ]
        return rows

    def check(self) -> list[str]:
        """Consistency problems (empty when sound): SQLite's integrity check, the FTS indexes,
        and every article's facts against its record."""
        problems = [r[0] for r in self.db.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {tuple(r)}" for r in self.db.execute("PRAGMA foreign_key_check")]
        for table in ("articles_fts", "quotes_fts"):
            try:
                self.db.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
            except sqlite3.DatabaseError as e:
                problems.append(f"{table}: {e}")
        rows = self.db.execute(
            "SELECT a.id, a.record, (SELECT COUNT(*) FROM mentions m WHERE m.article = a.id),"
            " (SELECT COUNT(*) FROM quotes q WHERE q.article = a.id), (SELECT COUNT(*) FROM inputs i WHERE i.article = a.id)"
            " FROM articles a"
        )
        for article, data, mentions, quotes, inputs in rows:
            record = json.loads(data)
            expected = sum(len(e["mentions"]) for e in record["entities"])
            if (mentions, quotes) != (expected, len(record["quotes"])) or not inputs:
                problems.append(
                    f"article {article}: {mentions}/{expected} mentions, {quotes}/{len(record['quotes'])} quotes, {inputs} inputs"
                )
        return problems

    # -- export ------------------------------------------------------------------------------

    #: tables left out of :meth:`export_parquet`: bookkeeping of the ingest (input hashes, MinHash
    #: signatures and LSH bands); FTS5 tables and their shadow tables are left out too
    EXPORT_SKIP = frozenset({"inputs", "minhashes", "minhash_bands"})

    def export_parquet(self, directory: str | os.PathLike, *, batch_size: int = 2000) -> dict[str, int]:
        """Write each data table to ``directory/TABLE.parquet`` (the directory is created); return the
        rows written per table.

        Every table of the schema is exported except :attr:`EXPORT_SKIP` and the full-text indexes.
        Column types follow SQLite's declared types (INTEGER → int64, REAL → float64, TEXT → string,
        BLOB → binary; NOT NULL columns are non-nullable, NULLs are kept). Rows are streamed
        ``batch_size`` at a time (one Parquet row group each), so memory stays bounded however
        large the database; all tables are read in one transaction, so the files are one consistent
        snapshot even while an ingest writes. Each file is written under a temporary name and
        renamed when complete.
        """
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise ConfigError("export --parquet needs pyarrow (pip install pyarrow)") from None

        out = os.fspath(directory)
        if os.path.exists(out) and not os.path.isdir(out):
            raise ConfigError(f"{out}: not a directory")
        try:
            os.makedirs(out, exist_ok=True)
        except OSError as e:
            raise ConfigError(f"{out}: cannot create the directory ({e.strerror or e})") from None
        if not os.access(out, os.W_OK | os.X_OK):
            raise ConfigError(f"{out}: directory not writable")

        def arrow_type(declared: str):
            declared = declared.upper()  # SQLite's affinity rules, in their order
            if "INT" in declared:
                return pa.int64()
            if any(t in declared for t in ("CHAR", "CLOB", "TEXT")):
                return pa.string()
            if "BLOB" in declared or not declared:
                return pa.binary()
            if any(t in declared for t in ("REAL", "FLOA", "DOUB")):
                return pa.float64()
            return pa.string()  # NUMERIC affinity: kept as its text

        def column(values: tuple, field, table: str):
            try:
                return pa.array(values, type=field.type)
            except (pa.ArrowInvalid, pa.ArrowTypeError):  # SQLite stores any value in any column
                if field.type == pa.string():
                    return pa.array([v if v is None or isinstance(v, str) else str(v) for v in values], type=pa.string())
                raise ConfigError(f"{table}.{field.name}: a value does not fit the declared type {field.type}") from None

        rows: dict[str, int] = {}
        self.db.execute("BEGIN")  # one read snapshot for every table
        try:
            master = self.db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY rootpage").fetchall()
            virtual = [r["name"] for r in master if (r["sql"] or "").upper().startswith("CREATE VIRTUAL")]
            tables = [
                r["name"] for r in master
                if not r["name"].startswith("sqlite_") and r["name"] not in self.EXPORT_SKIP
                and not any(r["name"] == v or r["name"].startswith(v + "_") for v in virtual)
            ]
            for table in tables:
                info = self.db.execute(f'PRAGMA table_info("{table}")').fetchall()
                schema = pa.schema([pa.field(c["name"], arrow_type(c["type"] or ""), nullable=not c["notnull"]) for c in info])
                columns = ", ".join('"' + c["name"].replace('"', '""') + '"' for c in info)
                path = os.path.join(out, f"{table}.parquet")
                partial = path + ".partial"
                cursor = self.db.cursor()
                cursor.row_factory = None
                cursor.execute(f'SELECT {columns} FROM "{table}"')
                count = 0
                try:
                    with pq.ParquetWriter(partial, schema) as writer:
                        while batch := cursor.fetchmany(batch_size):
                            arrays = [column(values, field, table) for values, field in zip(zip(*batch), schema)]
                            writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=schema))
                            count += len(batch)
                    os.replace(partial, path)
                except OSError as e:
                    raise ConfigError(f"{path}: cannot write ({e.strerror or e})") from None
                finally:
                    cursor.close()
                    if os.path.exists(partial):
                        os.remove(partial)
                rows[table] = count
        finally:
            self.db.execute("COMMIT")
        return rows


def _statements(script: str) -> Iterable[str]:
    """The statements of a migration script (split on semicolons that end a complete statement)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


_FTS_SYNTAX = re.compile(r'["*()^:]|\b(?:AND|OR|NOT|NEAR)\b')


def _fts_queries(text: str) -> list[str]:
    """A user's search text as FTS5 queries to try in turn: the text itself when it uses FTS5
    syntax, then every word quoted (so "U.S." or an unbalanced bracket are plain words)."""
    words = re.findall(r"\S+", text)
    quoted = " ".join('"' + w.replace('"', '""') + '"' for w in words) or '""'
    return [text, quoted] if _FTS_SYNTAX.search(text) else [quoted]


def _fts(db: sqlite3.Connection, sql: str, text: str, params: tuple = ()) -> list[dict[str, Any]]:
    """Run ``sql`` with the FTS5 query for ``text`` as its first parameter (see :func:`_fts_queries`)."""
    queries = _fts_queries(text)
    for n, query in enumerate(queries, start=1):
        try:
            return [dict(r) for r in db.execute(sql, (query, *params))]
        except sqlite3.OperationalError as e:
            if n == len(queries):
                raise ConfigError(f"bad search {text!r}: {e}") from None
    return []


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")

