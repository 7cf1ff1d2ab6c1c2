"""``newsgraph ingest`` and the query commands: a corpus of files (text, HTML, JSONL, WARC) into the
store, bad inputs reported and skipped, re-ingest adding nothing, and a real ``kill -9`` mid-run."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from conftest import cli_runner, kill_when, newsgraph_executable, page, warc

import newsgraph
from newsgraph.cli import cli

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def invoke(*args, env=None):
    result = cli_runner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)
    return result


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    """The fixture corpus ingested once through the CLI: (database path, the run's result)."""
    path = tmp_path_factory.mktemp("ingest") / "corpus.db"
    result = invoke("ingest", CORPUS, "--db", path)
    return path, result


ARTICLE = (
    "Dock workers in Valmora walked out on {day} over a pay offer of {n} percent, halting traffic at the container harbour.",
    "Union leader Piotr {name} said the strike would last until the port authority improved its offer.",
    '"We have waited {n} months for a fair deal," {name} told reporters outside the harbour gates.',
    "The port authority said it had offered talks for {day} next week.",
)
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
NAMES = ["Kowalski", "Nowak", "Wisniewski", "Lewandowski", "Kaminski", "Zielinski", "Szymanski", "Wozniak"]


def article(i: int) -> str:
    """Distinct short news articles (different names, days and figures)."""
    values = {"day": DAYS[i % 5], "n": 3 + i, "name": NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else f"-{i}")}
    return f"Dock strike number {i + 1} in Valmora\n\n" + "\n\n".join(p.format(**values) for p in ARTICLE) + "\n"


# ---------------------------------------------------------------------------------------------
# ingest


def test_ingest_stores_the_corpus_and_skips_the_exact_copy(corpus_db):
    path, result = corpus_db
    assert result.exit_code == 0, result.stderr
    assert "4 articles stored (0 near-duplicates), 1 duplicates skipped, 0 already ingested, 0 failed" in result.stderr
    with newsgraph.open(path) as db:
        assert db.stats()["articles"] == 4
        assert db.check() == []
        sources = {(Path(a["source"]).name, a["position"]) for a in db.articles()}
    assert sources == {("ferry.html", None), ("harbour.txt", None), ("wire.jsonl", "line 1"), ("wire.jsonl", "line 2")}


def test_jsonl_metadata_is_kept(corpus_db):
    path, _ = corpus_db
    with newsgraph.open(path) as db:
        rows = {a["position"]: a for a in db.articles() if a["position"]}
    assert rows["line 1"]["url"] == "https://news.example.org/valmora-protest"
    assert rows["line 1"]["title"] == "Valmora harbour plan draws protest"
    assert rows["line 1"]["published"] == "2024-03-09"
    assert rows["line 2"]["title"] == "Transport minister visits Ostra"  # an HTML fragment, read as a page


def test_ingesting_again_adds_nothing(corpus_db, tmp_path):
    path, _ = corpus_db
    copy = tmp_path / "again.db"
    with sqlite3.connect(path) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    before = newsgraph.open(copy).stats()
    started = time.perf_counter()
    result = invoke("ingest", CORPUS, "--db", copy, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) | {"seconds": 0, "database": ""} == {
        "stored": 0, "near_duplicates": 0, "duplicates": 0, "seen": 5, "failed": 0, "no_model": {}, "seconds": 0, "database": ""
    }
    assert time.perf_counter() - started < 5  # nothing is parsed again
    after = newsgraph.open(copy).stats()
    assert {k: v for k, v in after.items() if k != "bytes"} == {k: v for k, v in before.items() if k != "bytes"}


def test_the_database_defaults_to_the_environment(tmp_path):
    (tmp_path / "one.txt").write_text(article(0))
    db = tmp_path / "env.db"
    result = invoke("ingest", tmp_path / "one.txt", env={"NEWSGRAPH_DB": str(db)})
    assert result.exit_code == 0, result.stderr
    assert newsgraph.open(db).stats()["articles"] == 1


def test_a_near_copy_is_linked_to_the_first_and_not_counted_twice(tmp_path):
    original = article(0)
    body = original.split("\n\n", 1)[1]
    copy = "Port strike spreads in Valmora\n\n" + body + "\nThe strike is the first at the port since 2019.\n"
    corpus = tmp_path / "wire"
    corpus.mkdir()
    (corpus / "a.txt").write_text(original)
    (corpus / "b.txt").write_text(copy)
    (corpus / "c.txt").write_text(article(1))
    db = tmp_path / "near.db"
    result = invoke("ingest", corpus, "--db", db, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["near_duplicates"] == 1
    with newsgraph.open(db) as store:
        rows = {Path(a["source"]).name: a for a in store.articles()}
        assert rows["b.txt"]["duplicate_of"] == rows["a.txt"]["id"]
        assert rows["a.txt"]["duplicate_of"] is None and rows["c.txt"]["duplicate_of"] is None
        stats = store.stats()
        assert (stats["articles"], stats["near_duplicates"]) == (2, 1)
        kowalski = store.entity("Piotr Kowalski")
        assert len(kowalski["articles"]) == 1  # the copy's mentions are not counted again
        assert [h["id"] for h in store.search("first at the port")] == []  # only in the copy
    separate = tmp_path / "off.db"
    result = invoke("ingest", corpus, "--db", separate, "--near", "0", "--json")
    assert json.loads(result.stdout)["near_duplicates"] == 0
    assert newsgraph.open(separate).stats()["articles"] == 3
    later = tmp_path / "later.db"  # the original in one run, the copy in the next: the index is in the database
    invoke("ingest", corpus / "a.txt", "--db", later)
    assert json.loads(invoke("ingest", corpus / "b.txt", "--db", later, "--json").stdout)["near_duplicates"] == 1


def test_warc_page_is_read_in_the_charset_of_its_http_header(tmp_path):
    # as browsers do: the transport's charset wins over the page's own (here a wrong one)
    text = "Мэр Новосибирска заявил во вторник, что город откроет три новые линии метро до осени."
    html = f"<html><head><meta charset='windows-1252'><title>Метро</title></head><body><article><p>{text}</p><p>{text}</p></article></body></html>"
    (tmp_path / "crawl.warc.gz").write_bytes(warc([("https://example.org/metro", "200 OK", html.encode("cp1251"))],
                                                  content_type="text/html; charset=windows-1251"))
    db = tmp_path / "warc.db"
    result = invoke("ingest", tmp_path, "--db", db)
    assert result.exit_code == 0, result.stderr
    with newsgraph.open(db) as store:
        stored, language = store.db.execute("SELECT text, language FROM articles").fetchone()
    assert text in stored and language == "ru"


def test_warc_responses_are_articles(tmp_path):
    data = warc([
        ("https://example.org/strike", "200 OK", page("Dock strike in Valmora", *article(1).split("\n\n")[1:])),
        ("https://example.org/missing", "404 Not Found", page("Not found", "No such page.")),
        ("https://example.org/talks", "200 OK", page("Talks in Valmora", *article(2).split("\n\n")[1:])),
    ])
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    db = tmp_path / "warc.db"
    result = invoke("ingest", tmp_path, "--db", db)
    assert result.exit_code == 0, result.stderr
    with newsgraph.open(db) as store:
        rows = list(store.articles())
    assert [r["url"] for r in rows] == ["https://example.org/strike", "https://example.org/talks"]
    assert all(r["position"].startswith("offset ") for r in rows)
    assert rows[0]["title"] == "Dock strike in Valmora"
    assert rows[0]["published"] is None  # the page states no date
    dated = tmp_path / "dated.db"
    assert invoke("ingest", tmp_path / "crawl.warc.gz", "--db", dated, "--published-from-metadata").exit_code == 0
    assert {r["published"] for r in newsgraph.open(dated).articles()} == {"2024-09-16"}


def test_bad_inputs_are_reported_and_the_run_goes_on(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (bad / "huge.txt").write_text("word " * 5000)  # over --max-chars 500: cut, stored, with a warning
    (bad / "good.txt").write_text(article(3))
    lines = [json.dumps({"text": article(4)}), "{broken json", json.dumps({"title": "no text"}), "[1, 2]"]
    (bad / "lines.jsonl").write_text("\n".join(lines) + "\n")
    pages = [(f"https://example.org/{i}", "200 OK", page(f"Strike {i}", *article(5 + i).split("\n\n")[1:])) for i in range(3)]
    full = warc(pages)
    (bad / "cut.warc.gz").write_bytes(full[: len(full) - 300])  # the file ends inside the last response
    (bad / "not.warc").write_bytes(b"this is no WARC file at all\n")
    db = tmp_path / "bad.db"
    result = invoke("ingest", bad, "--db", db, "--max-chars", "500")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("newsgraph: ") and "warning:" not in line]
    failed = {line.split(": ")[1] for line in lines}
    assert failed == {
        f"{bad / 'empty.txt'}", f"{bad / 'image.txt'}",
        f"{bad / 'lines.jsonl'} (line 2)", f"{bad / 'lines.jsonl'} (line 3)", f"{bad / 'lines.jsonl'} (line 4)",
        f"{bad / 'not.warc'}",
    } | {f for f in failed if f.startswith(f"{bad / 'cut.warc.gz'} (offset ")}
    assert any(f.startswith(f"{bad / 'cut.warc.gz'} (offset ") for f in failed)
    assert any(line.startswith(f"newsgraph: warning: {bad / 'huge.txt'}: 25,000 characters") for line in result.stderr.splitlines())
    summary = result.stderr.splitlines()[-1]
    assert summary.startswith("5 articles stored") and "7 failed" in summary  # good.txt, huge.txt cut, line 1, two WARC pages
    with newsgraph.open(db) as store:
        assert len(store.failures()) == 7
        assert {f["reason"] for f in store.failures() if f["source"].endswith("empty.txt")} == {"empty input"}
        assert store.check() == []


# ---------------------------------------------------------------------------------------------
# queries through the CLI


def test_entity_command(corpus_db):
    path, _ = corpus_db
    result = invoke("entity", "Markovic", "--db", path, "--json")
    assert result.exit_code == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["name"] == "Elena Marković" and len(info["articles"]) == 3 and info["quotes_by"]
    table = invoke("entity", "elena markovic", "--db", path)
    assert table.exit_code == 0 and "Elena Marković" in table.stdout and "quotes by" in table.stdout
    missing = invoke("entity", "Nobody Atall", "--db", path)
    assert missing.exit_code == 1 and "no entity matches" in missing.stderr


def test_query_commands(corpus_db):
    path, _ = corpus_db
    stats = json.loads(invoke("stats", "--db", path, "--json").stdout)
    assert stats["articles"] == 4 and stats["quotes"] >= 5
    top = json.loads(invoke("entities", "--db", path, "--type", "PERSON", "--top", "3", "--json").stdout)
    assert top[0]["name"] == "Elena Marković"
    quotes = json.loads(invoke("quotes", "--db", path, "--speaker", "Marković", "--json").stdout)
    assert quotes and {q["speaker_name"] for q in quotes} == {"Elena Marković"}
    dated = json.loads(invoke("quotes", "--db", path, "--since", "2024-03-10", "--search", "doctor", "--json").stdout)
    assert [q["speaker_name"] for q in dated] == ["Mary Smith"]
    said = json.loads(invoke("quotes", "--db", path, "--type", "speech", "--json").stdout)
    assert said and {q["type"] for q in said} == {"speech"}
    assert invoke("quotes", "--db", path, "--type", "gossip").exit_code == 2
    hits = json.loads(invoke("search", "ferry terminal", "--db", path, "--json").stdout)
    assert hits[0]["title"] == "Valmora ferry service to resume in spring"
    assert isinstance(json.loads(invoke("events", "--db", path, "--json").stdout), list)
    for command in (["stats"], ["entities"], ["quotes"], ["search", "harbour"], ["events"]):
        result = invoke(*command, "--db", path)
        assert result.exit_code == 0 and result.stdout, command


def test_a_missing_database_is_a_clean_error(tmp_path):
    result = invoke("stats", "--db", tmp_path / "nothing.db")
    assert result.exit_code == 2
    assert result.stderr.startswith("newsgraph: ") and "no such database" in result.stderr
    assert not (tmp_path / "nothing.db").exists()


# ---------------------------------------------------------------------------------------------
# kill -9 in the middle of a run, then resume


def _count(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def test_a_killed_ingest_leaves_a_sound_database_and_resumes(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    n = 40
    for i in range(n):
        (corpus / f"{i:03}.txt").write_text(article(i))
    db = tmp_path / "killed.db"
    assert kill_when([newsgraph_executable(), "ingest", corpus, "--db", db], lambda: _count(db) >= 5, timeout=120) == -signal.SIGKILL
    killed_at = _count(db)
    assert 5 <= killed_at < n
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    with newsgraph.open(db) as store:
        assert store.check() == []  # every stored article has all its mentions, quotes and inputs
    resumed = subprocess.run([newsgraph_executable(), "ingest", corpus, "--db", db, "--json"], capture_output=True, timeout=180)
    assert resumed.returncode == 0, resumed.stderr.decode()
    figures = json.loads(resumed.stdout)
    assert figures["seen"] == killed_at and figures["stored"] == n - killed_at
    with newsgraph.open(db) as store:
        assert store.check() == []
        sources = [a["source"] for a in store.articles()]
    assert sorted(sources) == sorted(str(p) for p in corpus.iterdir())  # every article exactly once


# ---------------------------------------------------------------------------------------------
# the seed (skipped without ../shared)


@pytest.mark.shared
@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not here")
def test_the_seed_person_across_the_corpus(tmp_path):
    db = tmp_path / "seed.db"
    result = invoke("ingest", SEED, EXAMPLES, "--db", db)
    assert result.exit_code == 0, result.stderr
    info = json.loads(invoke("entity", "Toqayev", "--db", db, "--json").stdout)
    assert info["name"] == "Kassym-Jomart Tokayev" and info["type"] == "PERSON"
    assert len(info["quotes_by"]) >= 3
    quotes = json.loads(invoke("quotes", "--speaker", "Tokayev", "--db", db, "--json").stdout)
    assert {q["speaker_name"] for q in quotes} == {"Kassym-Jomart Tokayev"}
    assert any("invincible" in q["text"] for q in quotes)
    again = json.loads(invoke("ingest", SEED, EXAMPLES, "--db", db, "--json").stdout)
    assert again["stored"] == 0 and again["duplicates"] == 0


def test_a_jsonl_date_anchors_the_articles_relative_dates(tmp_path):
    line = {"text": "Harbour talks\n\nThe mayor met the ferry operators on Monday to discuss the new timetable.", "published": "2024-09-18"}
    (tmp_path / "one.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    from newsgraph.ingest import Item, inputs

    (item,) = [i for i in inputs([str(tmp_path / "one.jsonl")]) if isinstance(i, Item)]
    (outcome,) = newsgraph.Pipeline().run([item.source])
    assert outcome.record.published == "2024-09-18"
    assert [(t.value, outcome.record.text[t.start : t.end]) for t in outcome.record.times] == [("2024-09-16", "Monday")]


def test_a_warc_cut_anywhere_in_its_last_record_is_reported(tmp_path):
    """Wherever the file ends inside the last response (its payload, its HTTP headers, its WARC headers),
    the two whole pages are read and one failure names the cut (was: silently dropped, now and then)."""
    from newsgraph.ingest import Failed, Item, _warc

    pages = [(f"https://example.org/{i}", "200 OK", page(f"Strike {i}", *article(5 + i).split("\n\n")[1:])) for i in range(3)]
    for cut in range(50, 600, 50):
        path = tmp_path / f"cut{cut}.warc.gz"
        full = warc(pages)
        path.write_bytes(full[: len(full) - cut])
        out = list(_warc(str(path), 500))
        assert [type(o) for o in out] == [Item, Item, Failed], cut


def test_ingest_joins_a_surname_alone_to_the_full_name_it_learns_later(tmp_path):
    corpus = tmp_path / "bridge"
    corpus.mkdir()
    (corpus / "1.txt").write_text("Whitlock told reporters on Monday that the bridge would reopen in May. Whitlock said the repairs were done.\n")
    (corpus / "2.txt").write_text("Senator Dana Whitlock visited the bridge on Friday. Whitlock said the repairs would take weeks.\n")
    db = tmp_path / "bridge.db"
    assert invoke("ingest", corpus, "--db", db).exit_code == 0
    with newsgraph.open(db) as store:
        assert store.entity("Dana Whitlock")["article_count"] == 2
        assert [f["name"] for f in store.find("Whitlock")] == ["Dana Whitlock"]
