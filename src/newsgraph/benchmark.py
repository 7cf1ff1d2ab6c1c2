"""``newsgraph bench``: the pipeline's speed and memory against the raw spaCy parse.

Three runs over the same texts, each in a fresh process so that peak RSS is its own:

* **raw spaCy**: ``nlp.pipe`` over the decoded texts — the floor every article pays anyway;
* **pipeline, 1 worker**: read, clean, analyse, extract and JSON-serialise every article;
* **pipeline, N workers**: the same with a pool of N processes.

Model loading and process start-up are left out of the timings (they are paid once per run);
each timing is the best of ``repeat`` passes. Reported: articles/s, words/s, peak RSS, the
pipeline/raw ratio and the N-worker speed-up.
"""

from __future__ import annotations

import multiprocessing
import resource
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from .read import Source, decode, find_sources


@dataclass(slots=True)
class Measure:
    name: str
    seconds: float
    peak_rss_mb: float  # of the measuring process; for a pool, of its largest worker
    articles: int
    words: int

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds


@dataclass(slots=True)
class BenchResult:
    corpus: str
    workers: int
    raw: Measure
    pipeline: Measure
    parallel: Measure

    @property
    def ratio(self) -> float:
        """Pipeline (1 worker) throughput over raw spaCy throughput; 1.0 means free."""
        return self.pipeline.articles_per_s / self.raw.articles_per_s

    @property
    def speedup(self) -> float:
        return self.parallel.articles_per_s / self.pipeline.articles_per_s

    def to_dict(self) -> dict:
        out = asdict(self)
        for key in ("raw", "pipeline", "parallel"):
            m = getattr(self, key)
            out[key].update(articles_per_s=round(m.articles_per_s, 2), words_per_s=round(m.words_per_s))
        out.update(ratio=round(self.ratio, 3), speedup=round(self.speedup, 3))
        return out

    def rows(self) -> list[tuple[str, ...]]:
        return [
            (m.name, f"{m.articles_per_s:.1f}", f"{m.words_per_s:,.0f}", f"{m.peak_rss_mb:,.0f}", f"{m.seconds:.1f}")
            for m in (self.raw, self.pipeline, self.parallel)
        ]

    def summary(self) -> str:
        return (
            f"pipeline / raw spaCy = {self.ratio:.2f} (goal ≥ 0.9); "
            f"{self.workers} workers / 1 worker = {self.speedup:.2f}× (goal ≥ 1.8)"
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
            f"Written by `make bench` (`newsgraph bench {self.corpus}`): {self.raw.articles} articles, "
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


def _measure(kind: str, paths: list[str], model: str | None, workers: int, repeat: int) -> tuple[float, float]:
    """Runs in a fresh process: best wall time of ``repeat`` passes, and peak RSS in MB."""
    from .engine import engine
    from .pipeline import Options

    best = float("inf")
    if kind == "raw":
        from .analyse import load_nlp

        nlp = load_nlp(model)
        texts = [decode(Path(p).read_bytes())[0] for p in paths]
        nlp("Warm-up sentence for the parser.")
        for _ in range(repeat):
            started = time.perf_counter()
            for _doc in nlp.pipe(texts, batch_size=Options().batch_size):
                pass
            best = min(best, time.perf_counter() - started)
        return best, _peak_rss_mb()
    with engine(Options(model=model), workers) as runner:
        for _ in range(repeat):
            started = time.perf_counter()
            for outcome in runner.run([Source(name=p, path=p) for p in paths]):
                if outcome.record is not None:
                    outcome.record.to_json()
            best = min(best, time.perf_counter() - started)
    peak = max(_peak_rss_mb(), _peak_rss_mb(resource.RUSAGE_CHILDREN))
    return best, peak


def run(directory: str, *, limit: int | None = None, workers: int = 2, model: str | None = None, repeat: int = 2) -> BenchResult:
    """Benchmark the pipeline on the articles in ``directory``."""
    paths = [s.path for s in find_sources([directory]) if isinstance(s, Source) and s.path][:limit]
    words = sum(len(decode(Path(p).read_bytes())[0].split()) for p in paths)
    ctx = multiprocessing.get_context("spawn")
    measures = {}
    for name, kind, n in [("raw spaCy parse", "raw", 1), ("pipeline, 1 worker", "pipeline", 1), (f"pipeline, {workers} workers", "pipeline", workers)]:
        with ProcessPoolExecutor(1, mp_context=ctx) as pool:
            seconds, rss = pool.submit(_measure, kind, paths, model, n, repeat).result()
        measures[name] = Measure(name, round(seconds, 3), round(rss, 1), len(paths), words)
    raw, pipeline, parallel = measures.values()
    return BenchResult(directory, workers, raw, pipeline, parallel)
