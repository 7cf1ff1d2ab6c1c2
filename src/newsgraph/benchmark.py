"""``newsgraph bench``: the pipeline's speed and memory against the raw spaCy parse.

Three runs over the same texts:

* **raw spaCy**: ``nlp.pipe`` over the decoded texts — the floor every article pays anyway;
* **pipeline, 1 worker**: read, clean, analyse, extract and JSON-serialise every article;
* **pipeline, N workers**: the same with a pool of N processes.

All three take turns in one fresh process, so that they see the same machine load (this host is
shared and its speed drifts): the raw parse and the 1-worker pipeline batch by batch, each batch's
best of ``repeat`` passes counting; the N-worker pipeline a whole pass at a time, best of ``repeat``.
Model loading and process start-up are left out of the timings (they are paid once per run). Peak RSS: of the process after the raw passes (raw), after the pipeline passes
(pipeline), and of the largest pool worker (N workers). Reported: articles/s, words/s, peak RSS, the
pipeline/raw ratio and the N-worker speed-up.

Optionally (``--store N``) the ingest into a store and a synthetic scale run, and (``--ray``) the
Ray engine with N actors against a 1-worker local engine, each in a fresh process of its own.
"""

from __future__ import annotations

import multiprocessing
import resource
import time
from concurrent.futures import ProcessPoolExecutor
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .read import Source, decode, find_sources

#: each extract stage's budget, as a share of the pipeline's time (issues 3, 4 and 5)
STAGE_GOALS = {"entities": 0.10, "quotes": 0.10, "times + amounts + events": 0.15, "attribution tagger": 0.05}
PART_OF = {"attribution tagger": "quotes"}  # shares measured inside another stage (not added to the extract stages' total)


@dataclass(slots=True)
class Measure:
    name: str
    seconds: float
    peak_rss_mb: float
    articles: int
    words: int

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds


@dataclass(slots=True)
class StoreMeasure:
    """Ingest into the corpus store: the bench corpus with N workers, and a synthetic scale run."""

    ingest_articles: int
    ingest_seconds: float
    scale_articles: int = 0
    scale_seconds: float = 0.0
    rss_mb: dict[int, float] = field(default_factory=dict)  # articles stored so far → RSS of ingest + workers
    db_mb: float = 0.0
    entity_ms: float = 0.0  # median `entity NAME` latency, the busiest person of the scale database
    page_p95_ms: dict[str, float] = field(default_factory=dict)  # `newsgraph serve`: p95 latency per page kind

    @property
    def ingest_per_s(self) -> float:
        return self.ingest_articles / self.ingest_seconds

    def summary(self, workers: int) -> str:
        text = f"ingest ({workers} workers) {self.ingest_per_s:.1f} articles/s"
        if self.scale_articles:
            rss = ", ".join(f"{rss:,.0f} MB at {n:,}" for n, rss in sorted(self.rss_mb.items()))
            text += (
                f"; scale run: {self.scale_articles:,} synthetic articles in {self.scale_seconds:.0f} s "
                f"({self.scale_articles / self.scale_seconds:.1f}/s), RSS {rss} (goal: flat), database {self.db_mb:,.1f} MB, "
                f"`entity NAME` {self.entity_ms:.1f} ms (goal < 50 ms)"
            )
        if self.page_p95_ms:
            pages = ", ".join(f"{page} {ms:.1f} ms" for page, ms in self.page_p95_ms.items())
            text += f"; web pages p95 on that database: {pages} (goal < 200 ms)"
        return text


@dataclass(slots=True)
class RayMeasure:
    """The Ray engine (``ingest --engine ray``'s extraction: corpus → Parquet) next to a 1-worker local
    engine, timed in turn; best of the passes. Both start fresh for every pass, as in a real run (a
    Ray run starts new actors; the local engine runs in a new process): model loaded and warmed up
    before the clock starts. ``steady_seconds``: from the moment every actor was ready to the last
    batch done (start-up left out, as for the other runs); ``total_seconds``: the whole
    :func:`write_parquet` call (planning, actor start-up and writing included)."""

    workers: int
    articles: int
    local_seconds: float  # the fresh 1-worker local engine's pass
    steady_seconds: float
    total_seconds: float
    init_seconds: float  # ray.init: paid once per run of `newsgraph ingest --engine ray`
    peak_rss_mb: list[float] = field(default_factory=list)  # of each actor

    @property
    def speedup(self) -> float:
        return self.local_seconds / self.steady_seconds

    def summary(self) -> str:
        rss = ", ".join(f"{mb:,.0f}" for mb in self.peak_rss_mb)
        return (
            f"Ray Data, {self.workers} actors / a fresh 1-worker local engine = {self.speedup:.2f}× (goal ≥ 1.7), "
            f"{self.local_seconds / self.total_seconds:.2f}× counting actor start-up, ray.init {self.init_seconds:.1f} s; "
            f"peak RSS per actor {rss} MB"
        )


@dataclass(slots=True)
class WorstCase:
    """The most one input costs: a page dump of ``chars`` characters on one line (no article), read,
    cut at ``--max-chars`` and analysed by a fresh 1-worker engine, model loaded and warmed up
    before the clock starts; the peak RSS of that process (the model included)."""

    chars: int
    seconds: float
    peak_rss_mb: float
    kept: int  # characters analysed after the cut

    def summary(self) -> str:
        return (
            f"worst case, a {self.chars / 1e6:g} MB one-line page dump: {self.seconds:.1f} s, peak RSS {self.peak_rss_mb:,.0f} MB "
            f"(goal < 10 s, < 1,024 MB; {self.kept:,} characters analysed)"
        )


@dataclass(slots=True)
class BenchResult:
    corpus: str
    workers: int
    raw: Measure
    pipeline: Measure
    parallel: Measure
    stages: dict[str, float] = field(default_factory=dict)  # share of the pipeline's time per stage
    store: StoreMeasure | None = None
    ray: RayMeasure | None = None
    worst: WorstCase | None = None

    @property
    def ratio(self) -> float:
        """Pipeline (1 worker) throughput over raw spaCy throughput; 1.0 means free."""
        return self.pipeline.articles_per_s / self.raw.articles_per_s

    @property
    def base_ratio(self) -> float:
        """The same without the extract stages' share (each has a budget of its own): what reading,
        cleaning, the language guess and writing JSON cost over the parse."""
        return self.raw.seconds / (self.pipeline.seconds * (1 - sum(v for k, v in self.stages.items() if k not in PART_OF)))

    @property
    def speedup(self) -> float:
        return self.parallel.articles_per_s / self.pipeline.articles_per_s

    def to_dict(self) -> dict:
        out = asdict(self)
        for key in ("raw", "pipeline", "parallel"):
            m = getattr(self, key)
            out[key].update(articles_per_s=round(m.articles_per_s, 2), words_per_s=round(m.words_per_s))
        out.update(ratio=round(self.ratio, 3), base_ratio=round(self.base_ratio, 3), speedup=round(self.speedup, 3))
        if self.ray:
            out["ray"].update(speedup=round(self.ray.speedup, 3), articles_per_s=round(self.ray.articles / self.ray.steady_seconds, 2))
        return out

    def rows(self) -> list[tuple[str, ...]]:
        rows = [
            (m.name, f"{m.articles_per_s:.1f}", f"{m.words_per_s:,.0f}", f"{m.peak_rss_mb:,.0f}", f"{m.seconds:.1f}")
            for m in (self.raw, self.pipeline, self.parallel)
        ]
        if self.ray:
            r, words = self.ray, self.raw.words
            rows.append((f"Ray Data, {r.workers} actors", f"{r.articles / r.steady_seconds:.1f}", f"{words / r.steady_seconds:,.0f}",
                         f"{max(r.peak_rss_mb, default=0):,.0f} per actor", f"{r.steady_seconds:.1f}"))
        return rows

    def summary(self) -> str:
        stages = "; ".join(
            f"{name} {share:.1%} of the pipeline's time (goal ≤ {STAGE_GOALS.get(name, 0):.0%})" for name, share in self.stages.items()
        )
        return (
            f"pipeline / raw spaCy = {self.ratio:.2f}, {self.base_ratio:.2f} without the extract stages (goal ≥ 0.98); "
            f"{self.workers} workers / 1 worker = {self.speedup:.2f}× (goal ≥ 1.8)"
            + (f"; {stages}" if stages else "")
            + (f"; {self.store.summary(self.workers)}" if self.store else "")
            + (f"; {self.ray.summary()}, {self.pipeline.seconds / self.ray.steady_seconds:.2f}× the warm 1-worker run above"
               if self.ray else "")
            + (f"; {self.worst.summary()}" if self.worst else "")
        )

    def table(self):
        from rich.table import Table

        n = self.raw.articles
        table = Table(title=f"bench: {n} articles, {self.raw.words:,} words from {self.corpus}", caption=self.summary(), title_justify="left", caption_justify="left")
        for column in ("run", "articles/s", "words/s", "peak RSS MB", "seconds"):
            table.add_column(column, justify="left" if column == "run" else "right")
        for row in self.rows():
            table.add_row(*row)
        return table

    def markdown(self) -> str:
        lines = [
            "# Benchmark",
            "",
            f"Written by `make bench` (`newsgraph bench {self.corpus}"
            + (f" --store {self.store.scale_articles}" if self.store else "")
            + (" --ray" if self.ray else "")
            + f"`): {self.raw.articles} articles, "
            f"{self.raw.words:,} words; best of the timed passes; model loading excluded.",
            "",
            "| run | articles/s | words/s | peak RSS MB | seconds |",
            "|---|---:|---:|---:|---:|",
            *("| " + " | ".join(row) + " |" for row in self.rows()),
            "",
            self.summary(),
            "",
        ]
        return "\n".join(lines)


def _peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: kilobytes


def _measure(paths: list[str], model: str | None, workers: int, repeat: int) -> dict:
    """Runs in a fresh process. The raw parse and the 1-worker pipeline take turns batch by batch
    (one batch of the pipeline's ``batch_size`` articles each, a few seconds), so that the ratio of the
    two sees the same machine load even when the host's speed drifts; over ``repeat`` passes, each
    batch counts its best time of each. Then the ``workers``-process pipeline, a whole pass at a
    time, best of ``repeat``. Peak RSS after the raw parse, after the pipeline and of the largest pool
    worker; the share of the 1-worker time spent in each extract stage (in the batches' best passes)."""
    from .analyse import plain
    from .attribution import Tagger
    from .engine import LocalEngine, ProcessEngine
    from .pipeline import Options

    options = Options(model=model)
    size = options.batch_size
    batches = [paths[i : i + size] for i in range(0, len(paths), size)]
    raw = [float("inf")] * len(batches)
    pipeline = [float("inf")] * len(batches)
    spent: list[dict[str, float]] = [{} for _ in batches]  # seconds per extract stage, each batch's best pass
    parallel = float("inf")
    rss: dict[str, float] = {}
    with LocalEngine(options) as runner, ProcessEngine(options, workers) as pool:
        nlp = runner.pipeline.nlp
        # the entity stage: the news NER tagger (where the model has it) and the entity component
        components = [nlp.get_pipe(name) for name in ("newsgraph_ner", "newsgraph_entities") if name in nlp.pipe_names]
        texts = [[decode(Path(p).read_bytes())[0] for p in batch] for batch in batches]
        nlp("Warm-up sentence for the parser.")

        def parse(i: int) -> None:
            started = time.perf_counter()
            with plain(nlp):  # the model as published
                for _doc in nlp.pipe(texts[i], batch_size=size):
                    pass
            raw[i] = min(raw[i], time.perf_counter() - started)
            rss.setdefault("raw", _peak_rss_mb())

        def run(i: int) -> None:
            runner.pipeline.seconds = Counter()
            Tagger.seconds = 0.0
            for component in components:
                component.seconds = 0.0
            started = time.perf_counter()
            _run_pipeline(runner, batches[i])
            elapsed = time.perf_counter() - started
            if elapsed < pipeline[i]:
                pipeline[i] = elapsed
                seconds = runner.pipeline.seconds
                spent[i] = {"entities": sum(c.seconds for c in components) + seconds["extract_entities"]}
                for name in STAGE_GOALS:
                    if name not in ("entities", *PART_OF):
                        spent[i][name] = sum(seconds[f"extract_{stage}"] for stage in name.split(" + "))
                spent[i]["attribution tagger"] = Tagger.seconds

        for n in range(repeat):
            for i in range(len(batches)):
                for turn in (parse, run) if n % 2 == 0 else (run, parse):  # neither always goes first
                    turn(i)
            started = time.perf_counter()
            _run_pipeline(pool, paths)
            parallel = min(parallel, time.perf_counter() - started)
        rss["pipeline"] = _peak_rss_mb()
    rss["parallel"] = _peak_rss_mb(resource.RUSAGE_CHILDREN)
    total = sum(pipeline)
    stages = {name: sum(s.get(name, 0.0) for s in spent) / total for name in STAGE_GOALS}
    return {"seconds": {"raw": sum(raw), "pipeline": total, "parallel": parallel}, "rss": rss, "stages": stages}


def page_dump(chars: int = 1_000_000, seed: int = 19) -> str:
    """A page dump of ``chars`` characters on one line: words, names, numbers and punctuation drawn
    at random, no paragraph or sentence the cleaner or the parser could split it at."""
    import random

    rng = random.Random(seed)
    words = (" ".join(_FIRST + _LAST + _CITIES + _ORGS + _TOPICS) + " said the council on Monday 4.5 percent $1.2 billion , ;").split()
    out, n = [], 0
    while n < chars:
        word = rng.choice(words)
        out.append(word)
        n += len(word) + 1
    return " ".join(out)[:chars]


def _worst_case(model: str | None, chars: int) -> WorstCase:
    """Runs in a fresh process: :func:`page_dump` through a warmed-up 1-worker local engine."""
    from .engine import LocalEngine
    from .pipeline import Options

    data = page_dump(chars).encode()
    with LocalEngine(Options(model=model)) as runner:
        started = time.perf_counter()
        (outcome,) = runner.run([Source(name="page-dump.txt", data=data)])
        seconds = time.perf_counter() - started
    kept = len(outcome.record.text) if outcome.record else 0
    return WorstCase(chars, round(seconds, 2), round(_peak_rss_mb(), 1), kept)


def _run_pipeline(runner, paths: list[str]) -> None:
    for outcome in runner.run([Source(name=p, path=p) for p in paths]):
        if outcome.record is not None:
            outcome.record.to_json()


def _fresh_pass(paths: list[str], model: str | None) -> float:
    """Runs in a fresh process: one pass of a new 1-worker local engine (started and warmed up
    before the clock starts) over ``paths``, as a Ray run's new actors make theirs."""
    from .engine import LocalEngine
    from .pipeline import Options

    with LocalEngine(Options(model=model)) as runner:
        started = time.perf_counter()
        _run_pipeline(runner, paths)
        return time.perf_counter() - started


def _measure_ray(paths: list[str], model: str | None, workers: int, repeat: int) -> RayMeasure:
    """Runs in a fresh process: a local Ray runtime with ``workers`` CPUs; ``repeat`` times in turn, a
    fresh 1-worker local engine (in a process of its own) and :func:`write_parquet` (the extraction
    of ``ingest --engine ray``, whose actors are new in every run) over the same files; the best of
    each."""
    import tempfile

    from .pipeline import Options
    from .ray_engine import connect, write_parquet

    options = Options(model=model)
    started = time.perf_counter()
    connect(workers)
    init = time.perf_counter() - started
    best = {"local": float("inf"), "steady": float("inf"), "total": float("inf")}
    rss: dict[int, float] = {}
    for _ in range(repeat):
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            best["local"] = min(best["local"], pool.submit(_fresh_pass, paths, model).result())
        with tempfile.TemporaryDirectory() as out:
            written = write_parquet(paths, out, options, workers)
        best["steady"] = min(best["steady"], written.workers.steady_seconds())
        best["total"] = min(best["total"], written.seconds)
        if len(written.workers.peak_rss) == workers:
            rss = {pid: mb / 2**20 for pid, mb in written.workers.peak_rss.items()}
    return RayMeasure(workers, len(paths), round(best["local"], 2), round(best["steady"], 2), round(best["total"], 2),
                      round(init, 2), sorted(round(mb, 1) for mb in rss.values()))


_FIRST = "Anna Boris Carla David Elena Farid Greta Hugo Irina Jonas Karim Lena Marco Nadia Oscar Petra Rafael Sara Tomas Ulla".split()
_LAST = "Novak Berger Costa Dimitrov Eriksen Fischer Garcia Horvat Ivanova Jensen Kowalski Larsen Moreau Nielsen Orlov Petrov".split()
_CITIES = "Berlin Paris Madrid Rome Vienna Prague Warsaw Lisbon Athens Dublin Oslo Helsinki Budapest Sofia Riga".split()
_ORGS = ["Northwind Shipping", "Baltic Rail", "Union Bank", "Green Energy Group", "Port Authority", "Atlas Airlines"]
_TOPICS = ["a new bridge", "the harbour expansion", "rising rents", "a rail strike", "the budget", "a water shortage"]


def synthetic_corpus(n: int, path: str | Path, seed: int = 7) -> None:
    """``n`` short news articles as JSONL (text, url, title, published): people, places and
    organisations drawn from fixed pools, a few people far more often than the rest (as in news),
    each article with a meeting, a direct and an indirect quote, money and counts."""
    import json
    import random

    rng = random.Random(seed)
    people = [f"{f} {l}" for f in _FIRST for l in _LAST]

    def pick(pool):
        return pool[min(int(rng.paretovariate(1.2)) - 1, len(pool) - 1)] if rng.random() < 0.5 else rng.choice(pool)

    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            p1, p2, city, org, topic = pick(people), pick(people), rng.choice(_CITIES), rng.choice(_ORGS), rng.choice(_TOPICS)
            day = rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])
            text = (
                f"{city} debates {topic}\n\n"
                f"Officials in {city} met on {day} to discuss {topic}, which could cost {rng.randint(2, 900)} million euros "
                f"over {rng.randint(2, 12)} years.\n\n"
                f"Mayor {p1} said the city could not wait any longer. \"We have studied {topic} for {rng.randint(2, 30)} months, "
                f"and now we must act,\" {p1.split()[1]} told reporters.\n\n"
                f"{p2}, chief executive of {org}, warned that the plan would raise costs for {rng.randint(100, 90000)} households. "
                f"{org} said it would present its own proposal next week.\n\nStory number {i}.\n"
            )
            published = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            line = {"text": text, "url": f"https://example.org/{i}", "title": f"{city} debates {topic}", "published": published}
            f.write(json.dumps(line) + "\n")


def _tree_rss_mb() -> float:
    """Resident memory of this process and its children (the ingest and its workers), now."""
    import psutil

    me = psutil.Process()
    total = 0
    for p in [me, *me.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total / 2**20


def _measure_store(paths: list[str], model: str | None, workers: int, scale: int) -> StoreMeasure:
    """Runs in a fresh process: ingest the bench corpus, then (``scale`` > 0) a synthetic corpus of
    that many articles, sampling memory as it grows; then the size of that database and the median
    latency of ``Store.entity`` for its busiest person."""
    import statistics
    import tempfile

    from .ingest import ingest
    from .pipeline import Options
    from .store import open as open_store

    options = Options(model=model)
    with tempfile.TemporaryDirectory() as tmp:
        with open_store(Path(tmp) / "bench.db") as store:
            started = time.perf_counter()
            done = sum(r.status == "stored" for r in ingest(paths, store, workers=workers, options=options))
            measure = StoreMeasure(done, round(time.perf_counter() - started, 2))
        if scale <= 0:
            return measure
        corpus, db = Path(tmp) / "synthetic.jsonl", Path(tmp) / "scale.db"
        synthetic_corpus(scale, corpus)
        checkpoints = {max(1, scale // 10), scale // 2, scale}
        with open_store(db) as store:
            started = time.perf_counter()
            for i, _ in enumerate(ingest([str(corpus)], store, workers=workers, options=options), 1):
                if i in checkpoints:
                    measure.rss_mb[i] = round(_tree_rss_mb(), 1)
            measure.scale_articles, measure.scale_seconds = scale, round(time.perf_counter() - started, 1)
            name = store.entities(type="PERSON", top=1)[0]["name"]
            runs = []
            for _ in range(21):
                started = time.perf_counter()
                store.entity(name)
                runs.append((time.perf_counter() - started) * 1000)
            measure.entity_ms = round(statistics.median(runs), 2)
            people = [e["id"] for e in store.entities(type="PERSON", top=30)]
            articles = [row[0] for row in store.db.execute("SELECT id FROM articles ORDER BY random() LIMIT 200")]
        measure.page_p95_ms = _page_latency(db, {"entity": [f"/entities/{i}" for i in people], "article": [f"/articles/{i}" for i in articles]})
        measure.db_mb = round(sum(p.stat().st_size for p in Path(tmp).glob("scale.db*")) / 2**20, 1)
    return measure


def _page_latency(db: Path, pages: dict[str, list[str]]) -> dict[str, float]:
    """p95 latency (ms) of each kind of page of the web app over ``db``, served in this process
    (the app and its templates, no network in between)."""
    from fastapi.testclient import TestClient

    from .serve.app import create_app

    out = {}
    with TestClient(create_app(db)) as client:
        for kind, urls in pages.items():
            times = []
            for url in urls * 2:
                started = time.perf_counter()
                client.get(url).raise_for_status()
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            out[kind] = round(times[int(0.95 * (len(times) - 1))], 1)
    return out


def run(
    directory: str, *, limit: int | None = None, workers: int = 2, model: str | None = None, repeat: int = 3,
    scale: int | None = None, ray: bool = False,
) -> BenchResult:
    """Benchmark the pipeline on the articles in ``directory``; with ``scale`` (a number of
    articles, 0 for none) also the ingest into the store and a synthetic scale run; with ``ray``
    also the Ray engine with ``workers`` actors against the 1-worker local engine."""
    paths = [s.path for s in find_sources([directory]) if isinstance(s, Source) and s.path][:limit]
    words = sum(len(decode(Path(p).read_bytes())[0].split()) for p in paths)
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        m = pool.submit(_measure, paths, model, workers, repeat).result()
    n = len(paths)
    names = {"raw": "raw spaCy parse", "pipeline": "pipeline, 1 worker", "parallel": f"pipeline, {workers} workers"}
    raw, pipeline, parallel = (
        Measure(names[k], round(m["seconds"][k], 3), round(m["rss"][k], 1), n, words) for k in names
    )
    shares = m["stages"]
    store = None
    if scale is not None:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            store = pool.submit(_measure_store, paths, model, workers, scale).result()
    ray_measure = None
    if ray:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            ray_measure = pool.submit(_measure_ray, paths, model, workers, repeat).result()
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        worst = pool.submit(_worst_case, model, 1_000_000).result()
    return BenchResult(directory, workers, raw, pipeline, parallel, {k: round(v, 4) for k, v in shares.items()}, store, ray_measure, worst)
