"""The Ray engine (``newsgraph.ray_engine``): the same records as the local engine, the same store through
Parquet, single failures reported, resumable Parquet output. One local Ray runtime (2 CPUs) per module."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("ray.data")

import newsgraph  # noqa: E402
from newsgraph.engine import LocalEngine  # noqa: E402
from newsgraph.ingest import Item, ingest, inputs  # noqa: E402
from newsgraph.pipeline import Options, Outcome  # noqa: E402
from newsgraph.ray_engine import Extract, RayEngine, finished, load_parquet, records, write_parquet  # noqa: E402
from newsgraph.read import Source  # noqa: E402

pytestmark = pytest.mark.slow

TESTS = Path(__file__).parent
CORPUS = TESTS / "fixtures" / "corpus"
EXAMPLES = TESTS.parent / "examples" / "meantime"


@pytest.fixture(scope="module")
def ray_runtime():
    """One local Ray runtime for the module (it takes seconds to start), shut down at the end."""
    import ray

    from newsgraph.ray_engine import connect

    started = connect(2)
    yield ray
    if started:
        ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The fixture corpus (text, HTML, JSONL), four example articles, and two bad inputs."""
    root = tmp_path_factory.mktemp("raycorpus")
    shutil.copytree(CORPUS, root / "corpus")
    for path in sorted(EXAMPLES.glob("*.txt"))[:4]:
        shutil.copy(path, root / "corpus" / path.name)
    (root / "corpus" / "empty.txt").write_bytes(b"")
    (root / "corpus" / "zipped.txt").write_bytes(b"\x1f\x8b\x08\x00" + bytes(64))
    return root / "corpus"


def _items(corpus: Path) -> list[Item]:
    return [i for i in inputs([str(corpus)]) if isinstance(i, Item)]


def test_ray_engine_gives_the_records_of_the_local_engine(ray_runtime, corpus, pipeline):
    sources = [i.source for i in _items(corpus)]
    assert len(sources) == 11  # 2 files + 3 JSONL lines + 4 examples + 2 bad
    local = list(LocalEngine(Options()).run(sources))
    with RayEngine(Options(), workers=2) as engine:
        distributed = list(engine.run(sources))
        assert len(engine.stats.peak_rss) >= 1  # actors' pids and peak memory were reported
        assert all(rss > 50 * 2**20 for rss in engine.stats.peak_rss.values())  # each holds a model
    assert [o.source for o in distributed] == [o.source for o in local]  # input order
    assert [o.error for o in distributed] == [o.error for o in local]
    assert [o.warnings for o in distributed] == [o.warnings for o in local]
    for a, b in zip(local, distributed):
        assert (a.record is None) == (b.record is None)
        if a.record is not None:
            assert b.record.to_dict() == a.record.to_dict()
    stored = [o for o in distributed if o.record is not None]
    assert len(stored) == 9
    assert sum(len(o.record.entities) for o in stored) > 20 and sum(len(o.record.quotes) for o in stored) > 3


def test_failed_inputs_are_reported_and_the_rest_goes_on(ray_runtime, corpus):
    bad = Source(name="broken", data=b"\x89PNG\r\n\x1a\n" + bytes(32))
    good = Source(name="good", data=(CORPUS / "harbour.txt").read_bytes())
    with RayEngine(Options(), workers=2) as engine:
        missing = newsgraph.InputError("missing.txt", "no such file or directory")
        out = list(engine.run([bad, missing, good, Source("empty", data=b"")]))
    assert [o.source for o in out] == ["broken", "missing.txt", "good", "empty"]
    assert out[0].error == "not text: a PNG image" and out[0].record is None
    assert out[1].error == "no such file or directory"
    assert out[2].record is not None and out[2].record.entities
    assert out[3].error == "empty input"


def test_a_bug_in_a_batch_fails_only_its_own_input(pipeline, monkeypatch):
    """In an actor, an exception that escapes the pipeline for a whole batch is retried one input at a
    time: the failing input gets an internal-error outcome, the others their records."""
    extract = Extract.__new__(Extract)
    extract.pipeline = pipeline
    real = pipeline.run

    def run(sources):
        if any(getattr(s, "name", "") == "poison" for s in sources):
            raise RuntimeError("boom")
        return real(sources)

    monkeypatch.setattr(pipeline, "run", run)
    good = Source(name="good", data=(CORPUS / "harbour.txt").read_bytes())
    out = extract.outcomes([good, Source(name="poison", data=b"text"), good])
    assert [o.source for o in out] == ["good", "poison", "good"]
    assert out[1].error == "internal error, please report: RuntimeError: boom"
    assert out[0].record is not None and out[2].record is not None


def _store_summary(path: Path) -> dict:
    db = sqlite3.connect(path)
    one = lambda sql: sorted(db.execute(sql).fetchall())  # noqa: E731
    summary = {
        "articles": one("SELECT source, position, title, published, hash, duplicate_of IS NOT NULL, record FROM articles"),
        "entities": one("SELECT key, type, name FROM entities"),
        "aliases": one("SELECT e.key, a.name, a.articles, a.as_name FROM aliases a JOIN entities e ON e.id = a.entity"),
        "months": one(
            "SELECT e.key, m.month, m.articles, m.mentions, m.quotes FROM entity_months m JOIN entities e ON e.id = m.entity"
        ),
        "quotes": one("SELECT q.kind, q.text, q.speaker_name, e.key FROM quotes q LEFT JOIN entities e ON e.id = q.speaker"),
        "events": one("SELECT type, COUNT(*) FROM events GROUP BY type"),
        "mentions": one("SELECT COUNT(*) FROM mentions"),
        "failures": one("SELECT source, reason FROM failures"),
    }
    db.close()
    return summary


def test_local_ingest_and_ray_parquet_load_give_the_same_store(ray_runtime, corpus, tmp_path):
    with newsgraph.open(tmp_path / "local.db") as store:
        local = [r.status for r in ingest([str(corpus)], store)]
    written = write_parquet([str(corpus)], str(tmp_path / "parquet"), Options(), workers=2)
    assert (written.articles, written.failed) == (9, 2)
    assert written.workers.peak_rss
    with newsgraph.open(tmp_path / "ray.db") as store:
        loaded = [r.status for r in load_parquet(str(tmp_path / "parquet"), store)]
    assert loaded == local
    a, b = _store_summary(tmp_path / "local.db"), _store_summary(tmp_path / "ray.db")
    assert len(a["articles"]) >= 8 and len(a["entities"]) > 20 and a["quotes"] and a["events"]
    for key in a:
        assert b[key] == a[key], key
    with newsgraph.open(tmp_path / "ray.db") as store:  # loading again adds nothing
        assert {r.status for r in load_parquet(str(tmp_path / "parquet"), store)} == {"seen", "failed"}


def test_parquet_tables_and_resume(ray_runtime, corpus, tmp_path):
    import pyarrow.dataset as ds

    out = tmp_path / "parquet"
    first = write_parquet([str(corpus), str(tmp_path / "nowhere")], str(out), Options(), workers=2, group=4)
    assert first.shards == 5 and first.skipped == 0  # 10 single files in groups of 4, the JSONL file, a missing path
    assert (first.articles, first.failed) == (9, 3)
    articles = ds.dataset(out / "articles").to_table()
    assert articles.num_rows == 9 and {"id", "source", "title", "published", "text", "record"} <= set(articles.column_names)
    recs = list(records(str(out)))
    assert [r.source for r in recs] == [
        i.source.name for i in _items(corpus) if not i.file.endswith(("empty.txt", "zipped.txt"))
    ]
    for table, count in (("mentions", sum(len(e.mentions) for r in recs for e in r.entities)),
                         ("quotes", sum(len(r.quotes) for r in recs)), ("events", sum(len(r.events) for r in recs)),
                         ("times", sum(len(r.times) for r in recs)), ("amounts", sum(len(r.amounts) for r in recs))):
        assert ds.dataset(out / table).to_table().num_rows == count > 0, table
    quote = ds.dataset(out / "quotes").to_table().to_pylist()[0]
    assert quote["text"] and quote["end"] > quote["start"]
    first = next(r for r in recs if r.amounts)
    amounts = [a for a in ds.dataset(out / "amounts").to_table().to_pylist() if a["article"] == first.id]
    assert [(a["start"], a["value"], a["unit"], a["text"]) for a in amounts] == [
        (a.start, a.value, a.unit, first.text[a.start:a.end]) for a in first.amounts]

    again = write_parquet([str(corpus), str(tmp_path / "nowhere")], str(out), Options(), workers=2, group=4)
    assert (again.shards, again.skipped, again.articles) == (5, 5, 0)  # nothing parsed

    # a run killed before its last shards: only those are done again
    markers = finished(str(out))
    victim = next(s for s, m in markers.items() if any(f.endswith(".jsonl") for f in m["files"]))
    (out / "_done" / f"{victim}.json").unlink()
    resumed = write_parquet([str(corpus), str(tmp_path / "nowhere")], str(out), Options(), workers=2, group=4)
    assert (resumed.skipped, resumed.articles) == (4, 3)
    assert [r.to_dict() for r in records(str(out))] == [r.to_dict() for r in recs]


def test_plan_groups_single_files_given_one_by_one(corpus, tmp_path):
    from newsgraph.ray_engine import plan

    files = sorted(str(p) for p in corpus.glob("*.txt"))
    shards = plan([*files, str(tmp_path / "nowhere"), str(corpus / "wire.jsonl")], group=4)
    singles = [s for s in shards if not s.failure and not s.files[0].endswith(".jsonl")]
    assert [f for s in singles for f in s.files] == files and all(len(s.files) <= 4 for s in singles)
    assert len(singles) == -(-len(files) // 4)  # not one shard per file
    assert [s.failure for s in shards if s.failure] == ["missing"]
    assert sorted(s.order for s in shards) == [s.order for s in shards]  # input order


def test_outcome_rows_round_trip():
    """What an actor returns for a failure turns back into the same Outcome."""
    from newsgraph.ray_engine import _outcome

    assert _outcome({"name": "x", "record": None, "error": "empty input", "warnings": "[]"}) == Outcome("x", error="empty input")


def test_the_ingest_command_on_ray_fills_the_same_store(ray_runtime, corpus, tmp_path):
    from conftest import cli_runner

    from newsgraph.cli import cli

    runner = cli_runner()
    local = runner.invoke(cli, ["ingest", str(corpus), "--db", str(tmp_path / "local.db"), "--json"])
    ray = runner.invoke(cli, ["ingest", str(corpus), "--db", str(tmp_path / "ray.db"), "--engine", "ray", "--json"])
    assert local.exit_code == ray.exit_code == 1  # the corpus holds two inputs that fail, in both
    a, b = _store_summary(tmp_path / "local.db"), _store_summary(tmp_path / "ray.db")
    for key in a:
        assert b[key] == a[key], key
    only = runner.invoke(cli, ["ingest", str(corpus), "--engine", "ray", "--parquet-only", "--parquet", str(tmp_path / "p")])
    assert only.exit_code == 1 and (tmp_path / "p" / "articles").is_dir()
    failures = [line for line in only.stderr.splitlines() if line.startswith("newsgraph:")]  # one line per failed input
    assert len(failures) == 2 and any("empty.txt: empty input" in line for line in failures), only.stderr
    assert "9 articles, 2 failed" in only.stderr


def test_a_killed_ray_ingest_resumes_without_redoing_finished_shards(tmp_path):
    """kill -9 of `ingest --engine ray --parquet-only` (its whole process group, Ray included) once some
    shards are written; the re-run does only the others and every article ends up there once."""
    import json
    import signal
    import subprocess

    from conftest import kill_when, newsgraph_executable

    corpus, out = tmp_path / "shards", tmp_path / "out"
    corpus.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))[:4]]
    shards = 16
    for n in range(shards):
        lines = [json.dumps({"text": texts[(n + k) % len(texts)], "url": f"https://example.org/{n}/{k}"}) for k in range(2)]
        (corpus / f"{n:02d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    command = [newsgraph_executable(), "ingest", str(corpus), "--engine", "ray", "--parquet-only", "--parquet", str(out), "--json"]
    assert kill_when(command, lambda: len(finished(str(out))) >= 2) == -signal.SIGKILL
    done = len(finished(str(out)))
    assert 2 <= done < shards
    resumed = subprocess.run(command, capture_output=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert resumed.stdout.strip().startswith(b"{"), (resumed.stdout + resumed.stderr).decode()
    figures = json.loads(resumed.stdout)
    assert (figures["shards"], figures["skipped"], figures["articles"]) == (shards, done, 2 * (shards - done))
    import pyarrow.dataset as ds

    assert len(list(records(str(out)))) == 2 * shards
    urls = ds.dataset(out / "articles").to_table(columns=["url"]).column("url").to_pylist()  # half-written files aside
    assert sorted(urls) == sorted(f"https://example.org/{n}/{k}" for n in range(shards) for k in range(2))  # each once


def test_a_crawl_on_ray_fills_the_store_local_ingest_does(ray_runtime, tmp_path):
    """WARC input (pages, a 404, dates from the crawl) through Ray → Parquet → store, as local ingest."""
    from conftest import cli_runner, page, warc

    from newsgraph.cli import cli

    texts = [p.read_text(encoding="utf-8").split("\n\n") for p in sorted(EXAMPLES.glob("*.txt"))[:3]]
    records = [(f"https://example.org/{n}", "200 OK", page(t[0], *t[1:])) for n, t in enumerate(texts)]
    records.insert(1, ("https://example.org/gone", "404 Not Found", page("Not found", "No such page.")))
    (tmp_path / "crawl").mkdir()
    (tmp_path / "crawl" / "crawl.warc.gz").write_bytes(warc(records))
    runner = cli_runner()
    for name, extra in (("local", []), ("ray", ["--engine", "ray", "--parquet", str(tmp_path / "p")])):
        result = runner.invoke(cli, ["ingest", str(tmp_path / "crawl"), "--db", str(tmp_path / f"{name}.db"),
                                     "--published-from-metadata", "--json", *extra])
        assert result.exit_code == 0, result.stderr
    a, b = _store_summary(tmp_path / "local.db"), _store_summary(tmp_path / "ray.db")
    assert len(a["articles"]) == 3 and all(row[3] for row in a["articles"])  # every page dated (crawl date at least)
    for key in a:
        assert b[key] == a[key], key
