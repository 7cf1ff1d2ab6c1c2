"""Engines: ``--workers N`` runs N processes and keeps input order; records survive round trips
and every offset they hold points into ``text``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from newsgraph import LocalEngine, Options, ProcessEngine, Record, Source, engine, find_sources
from newsgraph.engine import _pid
from newsgraph.record import (
    Amount,
    Caption,
    Entity,
    Event,
    Mention,
    Participant,
    Quote,
    Removed,
    Span,
    Speaker,
    Time,
    json_schema,
)

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures"


def _paragraphs(name: str) -> list[str]:
    return (FIXTURES / name).read_text("utf-8").strip().split("\n\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Twelve inputs, each different, with two bad ones among them (sorted order = input order)."""
    root = tmp_path_factory.mktemp("corpus")
    reuters, plain = _paragraphs("reuters.txt"), _paragraphs("plain.txt")
    for i in range(10):
        body = (reuters[1:] if i % 2 else plain[1:])[i % 3 :] + (plain[1:3] if i % 2 else reuters[2:4])
        text = f"Story number {i} in the test corpus\n\n" + "\n\n".join(body) + "\n"
        if i % 4 == 3:
            text = text.replace("\n", "\r\n")
        (root / f"{i:02d}.txt").write_text(text, encoding="utf-8", newline="")
    (root / "04b.txt").write_bytes(b"")  # bad: empty
    (root / "07b.txt").write_bytes(b"\x1f\x8b\x08\x00" + bytes(64))  # bad: gzip
    (root / "10.html").write_bytes((FIXTURES / "article.html").read_bytes())
    return root


def test_workers_2_output_is_identical_to_workers_1(run_newsgraph, corpus):
    one = run_newsgraph("extract", "--workers", "1", corpus)
    two = run_newsgraph("extract", "--workers", "2", corpus)
    assert one.returncode == two.returncode == 1
    assert two.stdout == one.stdout  # byte for byte, same order
    assert two.stderr == one.stderr
    sources = [json.loads(line)["source"] for line in two.stdout.decode().splitlines()]
    expected = sorted(str(p) for p in corpus.iterdir() if p.name not in {"04b.txt", "07b.txt"})
    assert sources == expected
    assert len(sources) == 11
    assert two.stderr.decode().splitlines() == [
        f"newsgraph: {corpus / '04b.txt'}: empty input",
        f"newsgraph: {corpus / '07b.txt'}: not text: gzip data",
    ]


def test_process_engine_uses_n_processes_and_matches_local(corpus, pipeline):
    sources = list(find_sources([str(corpus)]))
    local = [(o.source, o.record, o.error) for o in LocalEngine(Options()).run(sources)]
    with engine(Options(), workers=2) as runner:
        assert isinstance(runner, ProcessEngine)
        pids = set(runner.pool.map(_pid, range(8), chunksize=1))
        assert len(pids) == 2
        assert os.getpid() not in pids
        parallel = [(o.source, o.record, o.error) for o in runner.run(list(find_sources([str(corpus)])))]
    assert parallel == local
    assert runner.pool is None  # closed on exit


def test_one_worker_is_the_local_engine():
    assert type(engine(Options(), workers=1)) is LocalEngine


def test_unknown_model_with_workers_fails_cleanly(run_newsgraph):
    proc = run_newsgraph(
        "extract", "--workers", "2", "--model", "nonexistent", FIXTURES / "plain.txt", timeout=12
    )
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert b"Traceback" not in proc.stderr
    (line,) = proc.stderr.decode().splitlines()
    assert line.startswith("newsgraph: ") and "nonexistent" in line


# ---------------------------------------------------------------------------------------------
# records: round trips and offsets


@pytest.fixture(scope="module")
def records(pipeline, corpus) -> list[Record]:
    sources = [Source(name=str(p), path=str(p)) for p in (FIXTURES / n for n in ["reuters.txt", "plain.txt", "article.html"])]
    sources += [s for s in find_sources([str(corpus)])]
    outcomes = list(pipeline.run(sources))
    found = [o.record for o in outcomes if o.record is not None]
    assert len(found) == 3 + 11
    return found


def full_record() -> Record:
    """A record using every field and nested type, with offsets into its text."""
    text = 'BERLIN (dpa) - Chancellor Olaf Scholz said: "We will act." He met Macron on Monday.\n\nPhoto: Jane Doe/dpa\n'

    def at(s: str) -> tuple[int, int]:
        start = text.index(s)
        return start, start + len(s)

    return Record(
        source="berlin.txt",
        id="0" * 64,
        text=text,
        title="Scholz acts",
        published="2024-09-16",
        author="Max Muster",
        agency="DPA",
        language="en",
        removed=[Removed(*at("Photo: Jane Doe/dpa"), "credit")],
        captions=[Caption(*at("Photo: Jane Doe/dpa"), "Jane Doe/dpa")],
        entities=[
            Entity("e1", "Olaf Scholz", "PERSON", ["Scholz"], [Mention(*at("Olaf Scholz")), Mention(*at("Chancellor Olaf Scholz"), label="TITLE")]),
            Entity("e2", "Berlin", "GPE", [], [Mention(*at("BERLIN"))]),
        ],
        quotes=[
            Quote(*at('"We will act."'), "direct", cue=Span(*at("said")), speaker=Speaker("e1", "Olaf Scholz", *at("Olaf Scholz"))),
            Quote(*at("He met Macron"), "indirect"),
        ],
        times=[Time(*at("Monday"), "DATE", "2024-09-16")],
        amounts=[Amount(0, 1, 2.5, unit="EUR", per="year", object="budget"), Amount(2, 3, 3.0)],
        events=[
            Event("CONSULT", Span(*at("met")), [Participant("e1", "actor"), Participant("e2", "other")], place="e2", time="2024-09-16"),
            Event("STATEMENT", Span(*at("said"))),
        ],
    )


def test_record_round_trip_of_every_field():
    record = full_record()
    data = record.to_dict()
    jsonschema.Draft202012Validator(json_schema()).validate(data)
    assert "label" not in data["entities"][0]["mentions"][0]  # omitted where it adds nothing
    assert data["entities"][0]["mentions"][1]["label"] == "TITLE"
    assert Record.from_dict(data) == record
    assert Record.from_dict(json.loads(record.to_json())) == record


def test_record_round_trip_of_pipeline_output(records):
    for record in records:
        assert Record.from_dict(record.to_dict()) == record
        assert Record.from_dict(json.loads(record.to_json())) == record


def test_from_dict_ignores_the_schema_key_and_fills_missing_lists():
    record = Record.from_dict({"schema": "newsgraph.article/1", "source": "-", "id": "a" * 64, "text": "x"})
    assert record == Record(source="-", id="a" * 64, text="x")


def test_offsets_lie_within_text(records):
    saw_caption = saw_removed = False
    for record in records:
        n = len(record.text)
        for span in [*record.removed, *record.captions]:
            assert 0 <= span.start < span.end <= n, (record.source, span)
            assert record.text[span.start : span.end].strip(), (record.source, span)
        previous_end = 0
        for removed in record.removed:  # sorted, not overlapping
            assert removed.start >= previous_end, (record.source, removed)
            previous_end = removed.end
        body = record.body()
        for caption in record.captions:  # a caption is never body: removed spans cover it
            assert body[caption.start : caption.end].strip() == "", (record.source, caption)
        saw_caption |= bool(record.captions)
        saw_removed |= bool(record.removed)
    assert saw_caption and saw_removed  # the corpus exercises both


def test_body_has_the_length_and_newlines_of_text(records):
    for record in records:
        body = record.body()
        assert len(body) == len(record.text), record.source
        assert [i for i, c in enumerate(body) if c == "\n"] == [
            i for i, c in enumerate(record.text) if c == "\n"
        ]
        for span in record.body_spans():
            assert body[span.start : span.end] == record.text[span.start : span.end]
        for removed in record.removed:
            assert body[removed.start : removed.end].strip() == "", (record.source, removed)


def test_body_blanks_removed_text(records):
    (reuters,) = [r for r in records if r.source.endswith("reuters.txt")]
    body = reuters.body()
    assert "REUTERS/Jane Doe" in reuters.text
    assert "REUTERS/Jane Doe" not in body
    assert "Reporting by Tom Alder" not in body
    assert "The board of the Port of Valkhaven" in body


def test_bench_reports_both_runs_and_their_ratios(tmp_path):
    from newsgraph import benchmark

    for i in range(4):
        (tmp_path / f"a{i}.txt").write_text(f"Article {i}. The minister said on Monday that talks would resume. " * 5)
    result = benchmark.run(str(tmp_path), workers=2, repeat=1)
    assert result.raw.articles == result.pipeline.articles == result.parallel.articles == 4
    assert result.raw.words == 4 * 5 * 11
    assert result.ratio > 0 and result.speedup > 0
    assert result.raw.peak_rss_mb > 50 and result.parallel.peak_rss_mb > 50
    data = result.to_dict()
    assert {"ratio", "base_ratio", "speedup", "raw", "pipeline", "parallel"} <= set(data)
    assert result.base_ratio > result.ratio  # the extract stages take some of the time
    assert "pipeline / raw spaCy" in result.markdown()
    assert 0 < result.stages["entities"] < 1 and 0 <= result.stages["quotes"] < 1
    # the worst case: a 1 MB page dump on one line, cut at --max-chars, analysed in a fresh process
    assert result.worst.chars == 1_000_000 and 0 < result.worst.kept <= 100_000
    assert result.worst.seconds > 0 and result.worst.peak_rss_mb > 50
    assert "worst case, a 1 MB one-line page dump" in result.summary()


def test_page_dump_is_one_line_of_the_size_asked():
    from newsgraph.benchmark import page_dump

    dump = page_dump(50_000)
    assert len(dump) == 50_000 and "\n" not in dump and dump == page_dump(50_000)


def _blas_threads() -> list[int]:
    from threadpoolctl import threadpool_info

    import numpy  # noqa: F401  (loads the BLAS)

    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_a_worker_runs_numpys_blas_on_one_thread():
    """Workers share the cores: each runs numpy's BLAS on one thread (OpenBLAS spins a thread per core)."""
    import multiprocessing

    from newsgraph.engine import one_blas_thread

    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1, initializer=one_blas_thread) as pool:
        assert pool.apply(_blas_threads) == [1]
