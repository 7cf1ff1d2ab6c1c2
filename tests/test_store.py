"""The corpus store (newsgraph.store): schema and migrations, atomic articles, duplicates,
cross-article entities and name lookup, and the queries, on records of the real pipeline."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import newsgraph
from newsgraph import store as store_module
from newsgraph.errors import ConfigError
from newsgraph.ingest import Item, inputs
from newsgraph.record import Amount, Event, Participant, Span, Time

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def records(pipeline):
    """The fixture corpus through the real pipeline: ferry.html, harbour.txt, wire.jsonl lines 1-3."""
    items = [i for i in inputs([str(CORPUS)]) if isinstance(i, Item)]
    outcomes = list(pipeline.run([i.source for i in items]))
    assert all(o.record is not None for o in outcomes), [o.error for o in outcomes]
    return {Path(i.source.name).name: o.record for i, o in zip(items, outcomes)}


@pytest.fixture(scope="module")
def corpus(records, tmp_path_factory):
    """One database holding the whole fixture corpus (shared by the read-only tests)."""
    path = tmp_path_factory.mktemp("store") / "corpus.db"
    with newsgraph.open(path) as db:
        for record in records.values():
            db.add(record)
    db = newsgraph.open(path)
    yield db
    db.close()


def test_a_new_database_is_versioned_and_in_wal_mode(tmp_path):
    with newsgraph.open(tmp_path / "new.db") as db:
        assert db.version == len(store_module.MIGRATIONS)
        assert db.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in db.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in ("articles", "entities", "aliases", "mentions", "quotes", "times", "amounts", "events",
                  "participants", "captions", "failures", "articles_fts", "quotes_fts"):
        assert table in tables


def test_missing_migrations_are_applied_and_a_newer_schema_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    newsgraph.open(path).close()
    monkeypatch.setattr(store_module, "MIGRATIONS", [*store_module.MIGRATIONS, "CREATE TABLE later (x INTEGER);"])
    with newsgraph.open(path) as db:
        assert db.version == len(store_module.MIGRATIONS)
        assert db.db.execute("SELECT COUNT(*) FROM later").fetchone()[0] == 0
    monkeypatch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:1])
    with pytest.raises(ConfigError, match="newer"):
        newsgraph.open(path)


def test_a_file_that_is_not_a_database_is_a_clean_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("this is not SQLite\n" * 100)
    with pytest.raises(ConfigError, match="not a newsgraph database"):
        newsgraph.open(path)
    with pytest.raises(ConfigError, match="no such database"):
        newsgraph.open(tmp_path / "absent.db", create=False)


def test_an_article_is_written_whole_or_not_at_all(records, tmp_path, monkeypatch):
    record = records["harbour.txt"]
    with newsgraph.open(tmp_path / "atomic.db") as db:

        def crash(*args):
            raise RuntimeError("killed half-way")

        monkeypatch.setattr(store_module.Store, "_add_facts", crash)
        with pytest.raises(RuntimeError):
            db.add(record)
        for table in ("articles", "inputs", "entities", "aliases", "mentions", "article_entities", "quotes", "articles_fts"):
            assert db.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
        monkeypatch.undo()
        assert db.add(record).status == "stored"
        assert db.check() == []


def test_an_exact_copy_is_not_stored_twice(records, tmp_path):
    with newsgraph.open(tmp_path / "dup.db") as db:
        first = db.add(records["harbour.txt"])
        again = db.add(records["wire.jsonl:3"])  # the same text, given again in a JSONL line
        assert (first.status, again.status, again.article) == ("stored", "duplicate", first.article)
        assert db.stats()["articles"] == 1
        assert db.seen(records["wire.jsonl:3"].id) == first.article


def test_the_record_comes_back_as_stored(corpus, records):
    article = next(a["id"] for a in corpus.articles() if a["source"].endswith("harbour.txt"))
    assert corpus.record(article).to_dict() == records["harbour.txt"].to_dict()


def test_the_same_person_across_articles_is_one_entity(corpus):
    # "Elena Marković" in the text and HTML articles, "Elena Markovic" in a JSONL article
    for name in ("Marković", "Markovic", "MARKOVIC", "Elena Markovic", "elena marković"):
        info = corpus.entity(name)
        assert info is not None, name
        assert (info["name"], info["type"]) == ("Elena Marković", "PERSON")
        assert len(info["articles"]) == 3
    assert "Elena Markovic" in [a["name"] for a in corpus.entity("Markovic")["aliases"]]


def test_a_full_name_typed_otherwise_in_some_articles_is_one_entity_of_the_commonest_type(pipeline, tmp_path):
    """Three articles call Anna Berg a person; the first stored, as a tagger sometimes does, an ORG. One
    entity, retyped PERSON once most of its mentions are a person's, with every article."""
    texts = [f"Mayor Anna Berg of Valmora opened bridge number {i} on Monday. Berg said it cost {i} million euros."
             for i in range(1, 4)]
    recs = [o.record for o in pipeline.run([newsgraph.Source(name=f"a{i}", data=t.encode()) for i, t in enumerate(texts)])]
    berg = next(e for e in recs[0].entities if e.name == "Anna Berg")
    berg.type, berg.key = "ORG", "org:anna berg"
    with newsgraph.open(tmp_path / "typed.db") as db:
        db.add(recs[0])
        assert [(e["name"], e["type"]) for e in db.entities(top=1)] == [("Anna Berg", "ORG")]
        for record in recs[1:]:
            db.add(record)
        rows = db.db.execute("SELECT id, type, key FROM entities WHERE name = 'Anna Berg'").fetchall()
        person_key = next(e.key for e in recs[1].entities if e.name == "Anna Berg")
        assert [tuple(r)[1:] for r in rows] == [("PERSON", person_key)]
        votes = db.db.execute("SELECT type, COUNT(*) FROM article_entities WHERE entity = ? GROUP BY type ORDER BY type",
                              (rows[0][0],)).fetchall()
        assert [tuple(v) for v in votes] == [("ORG", 1), ("PERSON", 2)]  # each article's own typing is kept
        assert db.entity("Anna Berg")["article_count"] == 3 and db.check() == []


def test_people_who_share_a_surname_stay_apart(corpus):
    found = {f["name"] for f in corpus.find("Smith")}
    assert {"John Smith", "Mary Smith"} <= found
    assert corpus.entity("John Smith")["name"] == "John Smith"
    assert corpus.entity("Mary Smith")["name"] == "Mary Smith"
    assert corpus.entity("Mary Smith")["id"] != corpus.entity("John Smith")["id"]


def test_entity_details(corpus):
    info = corpus.entity("Marković")
    assert info["mentions"] == sum(a["mentions"] for a in info["articles"]) >= 3
    assert info["article_count"] == len(info["articles"]) == 3
    assert info["quotes_by_count"] == len(info["quotes_by"]) >= 3
    assert [a["published"] for a in info["articles"]][:2] == ["2024-04-02", "2024-03-09"]  # the latest first
    assert all(q["speaker_name"] == "Elena Marković" for q in info["quotes_by"])
    assert "2024-03" in info["mentions_over_time"]
    assert info["cooccurring"] and all(c["id"] != info["id"] for c in info["cooccurring"])
    assert corpus.entity("Nobody Whatsoever") is None
    assert corpus.entity(info["id"])["name"] == "Elena Marković"


def test_top_entities_count_articles(corpus):
    top = corpus.entities(top=3)
    assert top[0]["name"] == "Elena Marković" and top[0]["articles"] == 3
    people = corpus.entities(type="person", top=50)
    assert people and all(e["type"] == "PERSON" for e in people)


def test_quotes_by_speaker_words_and_date(corpus):
    by = corpus.quotes(speaker="Markovic")
    assert len(by) >= 3 and {q["speaker_name"] for q in by} == {"Elena Marković"}
    assert [q["text"] for q in corpus.quotes(search="doctor")] == [
        "Nobody on this island should have to take a ferry to see a doctor"
    ]
    since = corpus.quotes(since="2024-03-10")
    assert since and all(q["published"] >= "2024-03-10" for q in since)


def test_search_is_ranked_with_snippets(corpus):
    hits = corpus.search("ferry")
    assert hits[0]["title"] == "Valmora ferry service to resume in spring"
    assert "[ferry]" in hits[0]["snippet"].lower()
    assert corpus.search("U.S. (unbalanced") == []  # odd input is quoted, not an FTS syntax error
    assert corpus.search("harbor OR harbour")
    # English stemming: "approving" and "expansions" find "approved … expansion"
    assert "Valmora approves harbour expansion after two years of debate" in [h["title"] for h in corpus.search("approving expansions")]


def test_search_reads_the_body_not_the_sites_chrome(pipeline, tmp_path):
    text = ("Harbour reopens after storm\n\nLeave a review\n\nThe harbour of Valmora reopened on Monday after a storm "
            "closed it for three days, port officials said.\n\nFollow us on social networks\n")
    (outcome,) = pipeline.run([newsgraph.Source(name="chrome.txt", data=text.encode())])
    with newsgraph.open(tmp_path / "fts.db") as db:
        db.add(outcome.record)
        assert db.search("social networks") == [] and db.search("review") == []
        (hit,) = db.search("storm closed")
        assert "[storm]" in hit["snippet"] and "Follow" not in hit["snippet"]
        store_module._v5(db.db)  # the schema-5 migration rebuilds the index from the stored records alike
        assert db.search("social networks") == [] and len(db.search("storm closed")) == 1
        assert db.check() == []


def test_times_amounts_and_events_are_stored_and_queried(records, tmp_path):
    record = newsgraph.Record.from_dict(records["harbour.txt"].to_dict())
    text = record.text
    smith = next(e for e in record.entities if e.name == "John Smith")
    start = text.index("approved")
    record.events = [Event("approve", Span(start, start + 8), [Participant(smith.id, "actor")], time="2024")]
    year = text.index("2027")
    record.times = [Time(year, year + 4, "DATE", "2027")]
    amount = text.index("300 million euro")
    record.amounts = [Amount(amount, amount + 16, 300e6, "EUR", kind="money")]
    with newsgraph.open(tmp_path / "facts.db") as db:
        db.add(record)
        stats = db.stats()
        assert (stats["times"], stats["amounts"], stats["events"]) == (1, 1, 1)
        (event,) = db.events(entity="John Smith")
        assert (event["type"], event["trigger"]) == ("approve", "approved")
        assert event["participants"] == [{"role": "actor", "entity": db.entity("John Smith")["id"], "name": "John Smith"}]
        assert db.events(type="approve") and not db.events(type="strike") and not db.events(entity="Mary Smith")
    harbour = text.index("harbour")  # a participant no name names keeps its words
    record.events = [Event("PROTEST", Span(start, start + 8), [Participant(None, "actor", Span(harbour, harbour + 7))], mode="obstruct")]
    with newsgraph.open(tmp_path / "unnamed.db") as db:
        db.add(record)
        (event,) = db.events(type="PROTEST")
        assert event["mode"] == "obstruct"
        assert event["participants"] == [{"role": "actor", "entity": None, "name": "harbour"}]
        (stored,) = db.db.execute("SELECT record FROM articles").fetchone()
        assert '"span"' in stored and newsgraph.Record.from_dict(record.to_dict()).events[0].participants[0].span == Span(harbour, harbour + 7)
        row = db.db.execute("SELECT text, value, unit FROM amounts").fetchone()
        assert tuple(row) == ("300 million euro", 300e6, "EUR")


def test_failures_are_kept_once_and_cleared_by_success(records, tmp_path):
    record = records["harbour.txt"]
    with newsgraph.open(tmp_path / "fail.db") as db:
        db.add_failure(record.source, None, "first reason")
        db.add_failure(record.source, None, "second reason")
        db.add_failure("other.jsonl", "line 3", "not a JSON object")
        assert {(f["source"], f["position"], f["reason"]) for f in db.failures()} == {
            ("other.jsonl", "line 3", "not a JSON object"), (record.source, "", "second reason")
        }
        db.add(record)
        assert [f["source"] for f in db.failures()] == ["other.jsonl"]


def test_a_place_is_named_as_in_the_gazetteer(pipeline, tmp_path):
    from newsgraph.read import Source

    text = "Talks in Kiev resume\n\nUkrainian and Polish officials met in Kiev on Monday to discuss grain exports.\n"
    (outcome,) = pipeline.run([Source(name="kiev.txt", data=text.encode())])
    with newsgraph.open(tmp_path / "places.db") as db:
        db.add(outcome.record)
        for name in ("Kyiv", "kiev", "KYIV"):
            info = db.entity(name)
            assert info["name"] == "Kyiv" and info["place"]["country"] == "UA", name
        assert [a["name"] for a in db.entity("Kyiv")["aliases"]] == ["Kiev"]


def test_entity_lists_are_bounded_but_counts_are_not(corpus):
    info = corpus.entity("Marković", limit=1, top=1)
    assert len(info["articles"]) == len(info["quotes_by"]) == len(info["cooccurring"]) == 1
    assert info["article_count"] == 3 and info["quotes_by_count"] >= 3


def test_the_database_is_plain_sqlite(corpus):
    """Any SQLite client (Datasette, the sqlite3 shell) reads it without newsgraph."""
    con = sqlite3.connect(f"file:{corpus.path}?mode=ro", uri=True)
    names = con.execute(
        "SELECT DISTINCT e.name FROM entities e JOIN aliases a ON a.entity = e.id WHERE a.norm = 'elena markovic'"
    ).fetchall()
    assert names == [("Elena Marković",)]
    con.close()


EXPORTED = {"articles", "entities", "aliases", "entity_months", "article_entities", "mentions", "quotes", "times",
            "amounts", "events", "participants", "captions", "failures"}


def test_export_parquet_writes_every_data_table_as_stored(corpus, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "new" / "parquet"  # created, parents too
    rows = corpus.export_parquet(out, batch_size=3)  # several batches (row groups) per table
    assert set(rows) == EXPORTED
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.parquet" for t in EXPORTED)  # no FTS, no bookkeeping
    sql = lambda q: corpus.db.execute(q).fetchall()  # noqa: E731
    for table, count in rows.items():
        assert count == sql(f"SELECT COUNT(*) FROM {table}")[0][0], table
        assert pq.read_metadata(out / f"{table}.parquet").num_rows == count, table
    assert rows["articles"] == 4 and rows["mentions"] > 3 and rows["quotes"] >= 3  # 5 inputs, one an exact copy

    articles = pq.read_table(out / "articles.parquet")
    assert articles.schema.field("id").type == pa.int64() and articles.schema.field("text").type == pa.string()
    assert not articles.schema.field("text").nullable and articles.schema.field("url").nullable
    by_id = {r["id"]: r for r in articles.to_pylist()}
    for id_, title, text, words in sql("SELECT id, title, text, words FROM articles"):
        assert (by_id[id_]["title"], by_id[id_]["text"], by_id[id_]["words"]) == (title, text, words)
    assert articles.column("duplicate_of").null_count == sql("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NULL")[0][0]

    mentions = pq.read_table(out / "mentions.parquet")
    assert pq.ParquetFile(out / "mentions.parquet").num_row_groups == -(-rows["mentions"] // 3)
    assert sorted(zip(*(mentions.column(c).to_pylist() for c in ("id", "start", "end", "text")))) == [
        tuple(r) for r in sql('SELECT id, start, "end", text FROM mentions ORDER BY id')
    ]
    entities = pq.read_table(out / "entities.parquet")
    assert entities.schema.field("lat").type == pa.float64()
    assert "Elena Marković" in entities.column("name").to_pylist()
    quotes = pq.read_table(out / "quotes.parquet").to_pylist()
    assert {(q["id"], q["speaker"], q["text"]) for q in quotes} == {tuple(r) for r in sql("SELECT id, speaker, text FROM quotes")}


def test_export_parquet_types_nulls_empty_tables_and_new_tables(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    with newsgraph.open(tmp_path / "small.db") as db:
        db.db.execute("CREATE TABLE extra (a INTEGER, b REAL, c TEXT, d BLOB, e TEXT NOT NULL)")
        db.db.execute("INSERT INTO extra VALUES (1, 2.5, 'x', x'00ff', 'one'), (NULL, NULL, NULL, NULL, 2)")
        rows = db.export_parquet(tmp_path / "out")
    assert rows["extra"] == 2 and rows["articles"] == 0
    extra = pq.read_table(tmp_path / "out" / "extra.parquet")
    assert [f.type for f in extra.schema] == [pa.int64(), pa.float64(), pa.string(), pa.binary(), pa.string()]
    assert extra.to_pylist() == [
        {"a": 1, "b": 2.5, "c": "x", "d": b"\x00\xff", "e": "one"},
        {"a": None, "b": None, "c": None, "d": None, "e": "2"},  # NULLs kept; an integer in a TEXT column as text
    ]
    empty = pq.read_table(tmp_path / "out" / "quotes.parquet")
    assert empty.num_rows == 0 and empty.schema.field("speaker").type == pa.int64()


def test_export_command(corpus, run_cli, tmp_path):
    out = tmp_path / "out"
    result = run_cli("export", "--parquet", out, "--db", corpus.path, "--json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert set(summary["tables"]) == EXPORTED and summary["tables"]["articles"] == 4
    assert summary["directory"] == str(out) and (out / "quotes.parquet").is_file()
    table = run_cli("export", "--parquet", out, env={"NEWSGRAPH_DB": corpus.path})  # again, over the files; $NEWSGRAPH_DB
    assert table.exit_code == 0 and "articles" in table.stdout and "quotes.parquet" in table.stdout


def test_export_command_errors_are_one_line(corpus, run_cli, tmp_path):
    absent = tmp_path / "absent.db"
    result = run_cli("export", "--parquet", tmp_path / "out", "--db", absent)
    assert result.exit_code == 2 and len(result.stderr_lines) == 1 and "no such database" in result.stderr
    assert not absent.exists() and not (tmp_path / "out").exists()
    afile = tmp_path / "afile"
    afile.write_text("not a directory")
    result = run_cli("export", "--parquet", afile, "--db", corpus.path)
    assert result.exit_code == 2 and result.stderr_lines == [f"newsgraph: {afile}: not a directory"]
    result = run_cli("export", "--parquet", afile / "sub", "--db", corpus.path)
    assert result.exit_code == 2 and len(result.stderr_lines) == 1 and "cannot create the directory" in result.stderr


def _person_articles(db, texts):
    for text in texts:
        db.add(newsgraph.extract(text))


def test_a_surname_alone_joins_the_full_name_the_corpus_knows(tmp_path):
    with newsgraph.open(tmp_path / "surnames.db") as db:
        _person_articles(db, [
            "Whitlock told reporters on Monday that the bridge would reopen in May. Whitlock said the repairs were done.",
            "Senator Dana Whitlock visited the bridge on Friday. Whitlock said the repairs would take weeks.",
            "Senator Dana Whitlock met engineers in Harrow. She said the costs were rising.",
        ])
        assert db.join_surnames() == [("Whitlock", "Dana Whitlock")]
        info = db.entity("Dana Whitlock")
        assert info["article_count"] == 3 and info["mentions"] >= 5
        assert [f["name"] for f in db.find("Whitlock")] == ["Dana Whitlock"]
        assert db.check() == []
        # a surname alone after the full name is known joins it at once
        _person_articles(db, ["Whitlock told reporters on Tuesday that tolls would not rise. Whitlock said the budget was tight."])
        assert db.entity("Dana Whitlock")["article_count"] == 4 and db.join_surnames() == []


def test_an_ambiguous_surname_alone_stays_apart(tmp_path):
    with newsgraph.open(tmp_path / "ambiguous.db") as db:
        _person_articles(db, [
            "Coach Ray Ostrander praised his players on Sunday. Ostrander said the team had improved.",
            "Judge Lucy Ostrander ruled on the case on Monday. Ostrander said the law was clear.",
            "Ostrander told reporters on Friday that the decision would stand. Ostrander said nothing more.",
        ])
        assert db.join_surnames() == []
        assert {"Ray Ostrander", "Lucy Ostrander", "Ostrander"} <= {f["name"] for f in db.find("Ostrander")}


def test_quotes_keep_their_type_source_and_confidence_and_filter_by_type(pipeline, tmp_path):
    text = ("Orchard growers face a dry summer\n\nMost growers in the district fear the wells will run dry by August. "
            "According to a survey by the growers' association, half of the orchards lost fruit last year.\n\n"
            "\"We have never seen a spring like this one,\" said Tomasz Wilk, who farms near the river.\n")
    (outcome,) = pipeline.run([newsgraph.Source(name="orchards.txt", data=text.encode())])
    record = outcome.record
    assert {q.type for q in record.quotes} >= {"speech", "belief"}
    with newsgraph.open(tmp_path / "types.db") as db:
        db.add(record)
        rows = db.db.execute('SELECT type, source_start, source_end, confidence FROM quotes ORDER BY start').fetchall()
        assert [r[0] for r in rows] == [q.type for q in sorted(record.quotes, key=lambda q: q.start)]
        assert all(r[3] is not None and 0 <= r[3] <= 1 for r in rows)
        speech = db.quotes(types=["speech"])
        assert speech and {q["type"] for q in speech} == {"speech"}
        assert any("never seen a spring" in q["text"] for q in speech)
        assert {q["type"] for q in db.quotes(types=["belief", "writing"])} <= {"belief", "writing"}
        assert len(db.quotes()) == len(record.quotes)
