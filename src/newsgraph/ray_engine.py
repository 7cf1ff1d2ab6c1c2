"""The article pipeline on Ray Data: one machine's cores or a cluster, the same records.

Two entry points:

* :class:`RayEngine` has the interface of the engines in :mod:`newsgraph.engine` (``start``, ``run``,
  ``close``, a context manager; outcomes in input order). The sources' bytes become a Ray Dataset
  (``ray.data.from_items``, one block per batch); ``map_batches`` runs :class:`Extract`, a callable
  class, in a pool of ``workers`` actors that each load the spaCy model once and turn a batch of
  sources into serialised records (:meth:`Record.to_json`) or the reason each one failed. The
  dataset keeps its order (``preserve_order``), so outcomes come back as the sources went in.
* :func:`write_parquet` runs a corpus (directories, ``.txt``/``.html``, JSONL, WARC: the inputs of
  :func:`newsgraph.ingest.inputs`) through the same actors and writes a Parquet dataset, one
  directory per table: ``articles`` (one row per article: id, source, title, published, text and
  the record as JSON), ``entities``, ``mentions``, ``quotes``, ``times``, ``amounts``, ``events``
  (flattened from the records, each span with its text) and ``failures``. A *shard* is one input
  file (JSONL, WARC) or up to ``group`` single-article files; shards are read in parallel by Ray
  tasks (``flat_map``, small blocks, so one large shard still spreads over every actor), and each shard
  is written as one file per table (``<table>/<shard>.parquet``, written under a temporary name and
  renamed when complete) followed by its marker ``_done/<shard>.json``. A re-run skips every shard
  whose marker is there, so a killed run resumes without reprocessing finished shards. The shard's
  name is a hash of its files' paths, sizes and modification times: a changed file is a new shard.
  :func:`load_parquet` then stores those records with :meth:`Store.add`, through the very code of
  local ingest (:func:`newsgraph.ingest.store_outcome`: near-duplicates, exact duplicates, cross-article
  entities), shard by shard in input order, so the store holds what a local ingest would.

Ray runs in local mode (``ray.init(num_cpus=workers)``) unless an ``address`` of a running cluster
is given (``ray start --head`` on one node, ``ray start --address HEAD:6379`` on the others); a
runtime that is already up (a test fixture, a notebook) is used as it is and left running.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import resource
import time
import warnings
from contextlib import contextmanager
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .engine import one_blas_thread
from .errors import ConfigError, InputError, NewsgraphError
from .pipeline import Options, Outcome, Pipeline
from .read import Source
from .record import Record
from .store import DEFAULT_NEAR

Sources = Iterable[Source | InputError]

#: rows per map_batches call (one nlp.pipe batch): small, so the last batches of a run keep every actor busy
#: (a run's tail is one batch per actor) and an actor's peak memory stays low; an article takes ~0.2 s
#: per core, Ray's cost per call is a few milliseconds
BATCH_SIZE = 4
#: single-article files (.txt, .html) per shard
GROUP = 256
#: rows buffered per shard before a Parquet row group is written
ROW_GROUP = 512
#: bytes of input per Ray Data block when reading shards: a few articles (one web page), so a shard
#: spreads over the actors and the last tasks of a run are short
BLOCK_BYTES = 16 * 1024
#: blocks a reading task may produce before the actors take them (Ray Data's default, 2, leaves the
#: actors waiting for small blocks: measured gaps of 0.1-0.3 s between tasks)
READ_AHEAD = 64
TABLES = ("articles", "entities", "mentions", "quotes", "times", "amounts", "events", "failures")
DONE = "_done"


# ---------------------------------------------------------------------------------------------
# the Ray runtime


def _ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise ConfigError("the ray engine needs Ray Data: pip install 'ray[data]'") from None
    return ray


def connect(workers: int, address: str | None = None) -> bool:
    """Start Ray (local mode with ``workers`` CPUs) or join the cluster at ``address``; True if this
    call started the runtime (and its caller should shut it down), False if one was already up."""
    ray = _ray()
    if not ray.is_initialized():
        # Ray's start-up notes (token authentication, progress bars off) are not the user's business
        quiet = {"log_to_driver": False, "logging_level": logging.ERROR, "include_dashboard": False}
        if address:
            ray.init(address=address, **quiet)
        else:
            ray.init(num_cpus=workers, **quiet)
        started = True
    else:
        started = False
    from ray.data import DataContext

    context = DataContext.get_current()
    context.execution_options.preserve_order = True  # outcomes in input order, shards one after another
    context.enable_progress_bars = False
    try:
        context.issue_detectors_config.detectors = []  # its memory hints are about the tiny read tasks
    except AttributeError:
        pass
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    # its hints about concurrency ("the operator only received 1 input(s)") are about small corpora, not errors
    warnings.filterwarnings("ignore", category=UserWarning, module=r"ray\.data\.")
    return started


# ---------------------------------------------------------------------------------------------
# the actors


def _source(row: dict[str, Any]) -> Source | InputError:
    """A row of the dataset → what :meth:`Pipeline.run` takes."""
    if row.get("error") is not None:
        return InputError(row["name"], row["error"])
    return Source(
        name=row["name"], path=row.get("path"), data=row.get("data"), url=row.get("url"),
        title=row.get("title"), published=row.get("published"), charset=row.get("charset"),
    )


def _row(seq: int, source: Source | InputError) -> dict[str, Any]:
    if isinstance(source, InputError):
        return {"seq": seq, "name": source.source, "path": None, "data": None, "url": None, "title": None,
                "published": None, "charset": None, "error": source.reason}
    return {
        "seq": seq, "name": source.name, "path": source.path, "data": source.data, "url": source.url,
        "title": source.title, "published": source.published, "charset": source.charset, "error": None,
    }


def _table(columns: dict[str, list]):
    """Columns of plain values → an Arrow table (a column of only nulls is typed string, so blocks agree)."""
    import pyarrow as pa

    return pa.table({k: pa.array(v, type=pa.string() if all(x is None for x in v) else None) for k, v in columns.items()})


class Extract:
    """The pipeline in one Ray actor: the model is loaded once, in the constructor (:meth:`Pipeline.warm_up`).

    Each call takes a batch of rows (``_row``: the source's bytes and metadata, or the reason it
    could not be read) and returns, per row, the record as JSON or the error, its warnings, and the
    worker's pid and peak resident memory (``ru_maxrss``) so the driver can report memory per worker.
    Columns of the input that are not the source's own (file, position, shard, …) pass through.
    """

    def __init__(self, options: Options) -> None:
        one_blas_thread()
        self.pipeline = Pipeline(options).warm_up()
        self.ready = time.time()  # the model and the stages' data are loaded: start-up ends here

    def outcomes(self, sources: list[Source | InputError]) -> list[Outcome]:
        try:
            return list(self.pipeline.run(sources))
        except Exception:  # noqa: BLE001 - a bug in a batch: one at a time, so only its own input fails
            done: list[Outcome] = []
            for source in sources:
                try:
                    done.extend(self.pipeline.run([source]))
                except Exception as e:  # noqa: BLE001
                    name = source.source if isinstance(source, InputError) else source.name
                    done.append(Outcome(name, error=f"internal error, please report: {type(e).__name__}: {e}"))
            return done

    def __call__(self, batch):
        rows = batch.to_pylist()
        outcomes = self.outcomes([_source(r) for r in rows])
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB
        now = time.time()
        out: dict[str, list] = {k: [] for k in rows[0] if k not in ("data", "path")} if rows else {}
        for name in ("record", "error", "warnings", "pid", "peak_rss", "ready_at", "done_at"):
            out[name] = []
        for row, outcome in zip(rows, outcomes):
            for key, value in row.items():
                if key not in ("data", "path", "error"):
                    out[key].append(value)
            out["record"].append(outcome.record.to_json() if outcome.record is not None else None)
            out["error"].append(outcome.error)
            out["warnings"].append(json.dumps(outcome.warnings, ensure_ascii=False))
            out["pid"].append(os.getpid())
            out["peak_rss"].append(rss)
            out["ready_at"].append(self.ready)
            out["done_at"].append(now)
        return _table(out)


def _extract(dataset, options: Options, workers: int, batch_size: int):
    return dataset.map_batches(
        Extract,
        fn_constructor_kwargs={"options": options},
        batch_size=batch_size,
        compute=_ray().data.ActorPoolStrategy(size=workers),
        num_cpus=1,
        batch_format="pyarrow",
    )


def _outcome(row: dict[str, Any]) -> Outcome:
    warnings = json.loads(row["warnings"]) if row.get("warnings") else []
    if row.get("record") is not None:
        return Outcome(row["name"], record=Record.from_dict(json.loads(row["record"])), warnings=warnings)
    return Outcome(row["name"], error=row.get("error") or "failed", warnings=warnings)


@dataclass(slots=True)
class Workers:
    """Peak resident memory (bytes) of each actor process seen in a run, by pid."""

    peak_rss: dict[int, int] = field(default_factory=dict)
    ready: dict[int, float] = field(default_factory=dict)  # when each actor had loaded its model (epoch s)
    last: float = 0.0  # when the last batch was done (epoch s)

    def see(self, row: dict[str, Any]) -> None:
        pid, rss = row.get("pid"), row.get("peak_rss")
        if pid is not None and rss is not None:
            self.peak_rss[int(pid)] = max(self.peak_rss.get(int(pid), 0), int(rss))
            self.ready[int(pid)] = row.get("ready_at") or 0.0
            self.last = max(self.last, row.get("done_at") or 0.0)

    def steady_seconds(self) -> float:
        """From the moment every actor was ready to the last batch done: the run without start-up."""
        return self.last - max(self.ready.values()) if self.ready else 0.0


# ---------------------------------------------------------------------------------------------
# the engine


class RayEngine:
    """The pipeline in ``workers`` Ray actors (local mode, or the cluster at ``address``).

    Each :meth:`run` is one Ray Data execution: its actor pool starts (and loads the model) anew, so
    give it many sources at once (thousands), not a few at a time.
    """

    def __init__(
        self, options: Options = Options(), workers: int = 2, address: str | None = None, batch_size: int = BATCH_SIZE
    ) -> None:
        self.options = options
        self.workers = max(1, workers)
        self.address = address
        self.batch_size = batch_size
        self.stats = Workers()
        self._owned = False
        self._started = False

    def start(self) -> RayEngine:
        if not self._started:
            from .analyse import check_model

            check_model(self.options.model)  # fail here, once, rather than in every actor
            self._owned = connect(self.workers, self.address)
            self._started = True
        return self

    def run(self, sources: Sources) -> Iterator[Outcome]:
        self.start()
        ray = _ray()
        rows = [_row(i, s) for i, s in enumerate(sources)]
        if not rows:
            return
        blocks = max(1, -(-len(rows) // self.batch_size))
        dataset = _extract(ray.data.from_items(rows, override_num_blocks=blocks), self.options, self.workers, self.batch_size)
        for row in dataset.iter_rows():
            self.stats.see(row)
            yield _outcome(row)

    def close(self) -> None:
        if self._owned:
            _ray().shutdown()
        self._owned = self._started = False

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()


# ---------------------------------------------------------------------------------------------
# Parquet: shards → tables


@dataclass(slots=True)
class Shard:
    """One unit of resumable work: a JSONL or WARC file, or a group of single-article files."""

    id: str
    order: str  # sorts shards in input order
    files: list[str]
    failure: str | None = None  # a path that could not be walked (missing, empty directory)


@dataclass(slots=True)
class WriteSummary:
    shards: int = 0
    skipped: int = 0  # shards already written by an earlier run
    articles: int = 0
    failed: int = 0
    seconds: float = 0.0
    workers: Workers = field(default_factory=Workers)

    def to_dict(self) -> dict[str, Any]:
        return {
            "shards": self.shards, "skipped": self.skipped, "articles": self.articles, "failed": self.failed,
            "seconds": round(self.seconds, 2), "peak_rss_per_worker": dict(self.workers.peak_rss),
        }


def _signature(path: str) -> str:
    try:
        st = os.stat(path)
        return f"{path}\0{st.st_size}\0{st.st_mtime_ns}"
    except OSError:
        return f"{path}\0missing"


def _shard_id(files: list[str], failure: str | None = None) -> str:
    h = hashlib.sha1("\n".join(_signature(f) for f in files).encode("utf-8", "surrogateescape"))
    if failure:
        h.update(failure.encode("utf-8", "surrogateescape"))
    return h.hexdigest()[:20]


def plan(paths: Iterable[str], group: int = GROUP) -> list[Shard]:
    """The shards of the given files and directories, in the order :func:`newsgraph.ingest.inputs` reads
    them: each JSONL or WARC file is a shard; single-article files, from one directory or given one by
    one, are grouped ``group`` to a shard."""
    from .ingest import JSONL_SUFFIXES, SUFFIXES, WARC_SUFFIXES

    shards: list[Shard] = []
    singles: list[str] = []

    def add(files: list[str], failure: str | None = None) -> None:
        shards.append(Shard(_shard_id(files, failure), f"{len(shards):08d}", files, failure))

    def flush() -> None:
        if singles:
            add(list(singles))
            singles.clear()

    for path in paths:
        if os.path.isdir(path):
            found = sorted(
                os.path.join(root, name) for root, _dirs, files in os.walk(path) for name in files
                if name.lower().endswith(SUFFIXES)
            )
            if not found:
                flush()
                add([path], "empty")
        elif os.path.exists(path):
            found = [path]
        else:
            flush()
            add([path], "missing")
            continue
        for name in found:
            if name.lower().endswith(JSONL_SUFFIXES + WARC_SUFFIXES):
                flush()
                add([name])
            else:
                singles.append(name)
                if len(singles) >= group:
                    flush()
    flush()
    return shards


def read_shard_items(shard: dict[str, Any], max_chars: int) -> list[dict[str, Any]]:
    """A Ray task's reading of one shard: every item :func:`newsgraph.ingest.inputs` finds in its files,
    as a dataset row (the bytes, the metadata given with them, or the reason they cannot be read)."""
    from .ingest import Failed, inputs

    rows: list[dict[str, Any]] = []
    for item in inputs([str(f) for f in shard["files"]], max_chars=max_chars):
        base = {"shard": shard["id"], "file": item.file, "position": item.position}
        if isinstance(item, Failed):
            rows.append(base | _row(len(rows), InputError(item.where, item.reason)) | {"fetched": None, "input_hash": None})
        else:
            rows.append(base | _row(len(rows), item.source) | {"fetched": item.fetched, "input_hash": item.input_hash})
    return rows


def _schemas():
    import pyarrow as pa

    s, i = pa.string(), pa.int64()
    common = [("shard", s), ("seq", i)]
    return {
        "articles": pa.schema(common + [
            ("id", s), ("source", s), ("position", s), ("url", s), ("fetched", s), ("input_hash", s), ("title", s),
            ("published", s), ("author", s), ("agency", s), ("language", s), ("model", s), ("text", s), ("record", s),
            ("warnings", pa.list_(s)),
        ]),
        "entities": pa.schema([("article", s), ("entity", s), ("name", s), ("type", s), ("key", s),
                               ("aliases", pa.list_(s)), ("roles", pa.list_(s)), ("mentions", i)]),
        "mentions": pa.schema([("article", s), ("entity", s), ("type", s), ("start", i), ("end", i), ("text", s),
                               ("label", s)]),
        "quotes": pa.schema([("article", s), ("start", i), ("end", i), ("kind", s), ("text", s), ("cue_start", i),
                             ("cue_end", i), ("speaker", s), ("speaker_name", s), ("type", s),
                             ("source_start", i), ("source_end", i), ("confidence", pa.float64())]),
        "times": pa.schema([("article", s), ("start", i), ("end", i), ("text", s), ("type", s), ("value", s), ("mod", s)]),
        "amounts": pa.schema([("article", s), ("start", i), ("end", i), ("text", s), ("value", pa.float64()), ("unit", s),
                              ("per", s), ("object", s), ("kind", s), ("mod", s)]),
        "events": pa.schema([("article", s), ("index", i), ("type", s), ("trigger_start", i), ("trigger_end", i),
                             ("trigger", s), ("place", s), ("time", s), ("mode", s),
                             ("participants", pa.list_(pa.struct([("entity", s), ("role", s), ("text", s)])))]),
        "failures": pa.schema(common + [("source", s), ("position", s), ("reason", s), ("warnings", pa.list_(s))]),
    }


def flatten(record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The entity, mention, quote, time, amount and event rows of one record (``Record.to_dict`` output)."""
    text, article = record["text"], record["id"]
    out: dict[str, list[dict[str, Any]]] = {"entities": [], "mentions": [], "quotes": [], "times": [], "amounts": [], "events": []}
    for e in record["entities"]:
        out["entities"].append({"article": article, "entity": e["id"], "name": e["name"], "type": e["type"],
                                "key": e["key"], "aliases": e["aliases"], "roles": e["roles"], "mentions": len(e["mentions"])})
        for m in e["mentions"]:
            out["mentions"].append({"article": article, "entity": e["id"], "type": e["type"], "start": m["start"],
                                    "end": m["end"], "text": text[m["start"]:m["end"]], "label": m.get("label")})
    for q in record["quotes"]:
        cue, speaker, source = q.get("cue") or {}, q.get("speaker") or {}, q.get("source") or {}
        out["quotes"].append({"article": article, "start": q["start"], "end": q["end"], "kind": q["kind"],
                              "text": text[q["start"]:q["end"]], "cue_start": cue.get("start"), "cue_end": cue.get("end"),
                              "speaker": speaker.get("entity"), "speaker_name": speaker.get("name"), "type": q.get("type", "speech"),
                              "source_start": source.get("start"), "source_end": source.get("end"), "confidence": q.get("confidence")})
    for table in ("times", "amounts"):
        for x in record[table]:
            out[table].append({"article": article, **x, "text": text[x["start"]:x["end"]]})
    for n, ev in enumerate(record["events"]):
        t = ev["trigger"]
        out["events"].append({"article": article, "index": n, "type": ev["type"], "trigger_start": t["start"],
                              "trigger_end": t["end"], "trigger": text[t["start"]:t["end"]], "place": ev.get("place"),
                              "time": ev.get("time"), "mode": ev.get("mode"), "participants": [
                                  {"entity": p.get("entity"), "role": p["role"],
                                   "text": text[p["span"]["start"]:p["span"]["end"]] if p.get("span") else None}
                                  for p in ev["participants"]]})
    return out


class _ShardWriter:
    """One shard's tables, written in row groups under temporary names, renamed when complete."""

    def __init__(self, out_dir: str, shard: str) -> None:
        self.out_dir, self.shard = out_dir, shard
        self.schemas = _schemas()
        self.rows: dict[str, list[dict]] = {t: [] for t in TABLES}
        self.writers: dict[str, Any] = {}
        self.articles = self.failed = 0

    def _tmp(self, table: str) -> str:
        return os.path.join(self.out_dir, table, f".{self.shard}.parquet.tmp")

    def add(self, row: dict[str, Any]) -> None:
        warnings = json.loads(row["warnings"]) if row.get("warnings") else []
        common = {"shard": self.shard, "seq": row["seq"]}
        if row.get("record") is None:
            self.failed += 1
            self.rows["failures"].append(common | {"source": row["file"], "position": row.get("position"),
                                                   "reason": row.get("error") or "failed", "warnings": warnings})
        else:
            self.articles += 1
            record = json.loads(row["record"])
            for table, rows in flatten(record).items():
                self.rows[table].extend(rows)
            text = record.pop("text")
            self.rows["articles"].append(common | {
                "id": record["id"], "source": row["file"], "position": row.get("position"), "url": row.get("url"),
                "fetched": row.get("fetched"), "input_hash": row.get("input_hash"), "title": record.get("title"),
                "published": record.get("published"), "author": record.get("author"), "agency": record.get("agency"),
                "language": record.get("language"), "model": record.get("model"), "text": text,
                "record": json.dumps(record, ensure_ascii=False), "warnings": warnings,
            })
        if len(self.rows["articles"]) + len(self.rows["failures"]) >= ROW_GROUP:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        for table in TABLES:
            if not self.rows[table] and table in self.writers:
                continue
            if table not in self.writers:
                os.makedirs(os.path.join(self.out_dir, table), exist_ok=True)
                self.writers[table] = pq.ParquetWriter(self._tmp(table), self.schemas[table])
            if self.rows[table]:
                self.writers[table].write_table(pa.Table.from_pylist(self.rows[table], schema=self.schemas[table]))
            self.rows[table] = []

    def close(self, files: list[str]) -> None:
        self.flush()
        for table, writer in self.writers.items():
            writer.close()
            os.replace(self._tmp(table), os.path.join(self.out_dir, table, f"{self.shard}.parquet"))
        marker = {"shard": self.shard, "files": files, "articles": self.articles, "failed": self.failed}
        _write_marker(self.out_dir, self.shard, marker)


def _write_marker(out_dir: str, shard: str, data: dict[str, Any]) -> None:
    done = os.path.join(out_dir, DONE)
    os.makedirs(done, exist_ok=True)
    tmp = os.path.join(done, f".{shard}.json.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    os.replace(tmp, os.path.join(done, f"{shard}.json"))


def finished(out_dir: str) -> dict[str, dict[str, Any]]:
    """The markers of the shards already written to ``out_dir``, by shard id."""
    done = os.path.join(out_dir, DONE)
    markers: dict[str, dict[str, Any]] = {}
    if os.path.isdir(done):
        for name in os.listdir(done):
            if name.endswith(".json") and not name.startswith("."):
                with open(os.path.join(done, name), encoding="utf-8") as f:
                    markers[name[:-5]] = json.load(f)
    return markers


def write_parquet(
    paths: Iterable[str],
    out_dir: str,
    options: Options = Options(),
    workers: int = 2,
    address: str | None = None,
    *,
    group: int = GROUP,
    batch_size: int = BATCH_SIZE,
    report: Callable[[str, str | None, str | None], None] | None = None,
) -> WriteSummary:
    """Run the corpus under ``paths`` through the pipeline on Ray and write it to ``out_dir`` as Parquet
    (see the module docstring); shards written by an earlier run are skipped. ``report(file, position,
    error)`` is called as each input is done (``error`` None when its record was written): for progress
    bars and failure lines."""
    started = time.monotonic()
    summary = WriteSummary()
    shards = plan(paths, group)
    done = finished(out_dir)
    os.makedirs(out_dir, exist_ok=True)
    order = {s.id: s.order for s in shards}
    todo: list[Shard] = []
    for shard in shards:
        summary.shards += 1
        if shard.id in done:
            summary.skipped += 1
        elif shard.failure:  # nothing to parse: the failure is the shard's only row
            reason = "no such file or directory" if shard.failure == "missing" else (
                "directory holds no .txt, .html, .htm, .jsonl, .warc or .warc.gz file")
            writer = _ShardWriter(out_dir, shard.id)
            writer.add({"seq": 0, "file": shard.files[0], "position": None, "record": None, "error": reason})
            writer.close(shard.files)
            summary.failed += 1
            if report:
                report(shard.files[0], None, reason)
        else:
            todo.append(shard)
    _order_file(out_dir, order)
    if todo:
        from .analyse import check_model

        check_model(options.model)
        owned = connect(workers, address)
        try:
            ray = _ray()
            with _small_blocks(ray.data.DataContext.get_current()):
                items = ray.data.from_items([{"id": s.id, "files": s.files} for s in todo], override_num_blocks=len(todo))
                # reading is light next to parsing: 0-CPU tasks, so they never wait for the actors' CPUs. Small
                # blocks spread one large shard over every actor; repartition() would need a CPU that the
                # actors hold, and deadlocks on a machine with exactly `workers` CPUs.
                # At most `workers` of them at once: each is a Python process of its own.
                rows = items.flat_map(read_shard_items, fn_kwargs={"max_chars": options.max_chars}, num_cpus=0,
                                      concurrency=workers)
                dataset = _extract(rows, options, workers, batch_size)
                files = {s.id: s.files for s in todo}
                writer: _ShardWriter | None = None
                for row in dataset.iter_rows():
                    summary.workers.see(row)
                    if writer is None or writer.shard != row["shard"]:
                        if writer is not None:
                            _close(writer, files, summary)
                        writer = _ShardWriter(out_dir, row["shard"])
                    writer.add(row)
                    if report:
                        report(row["file"], row.get("position"), None if row.get("record") is not None else row.get("error") or "failed")
                if writer is not None:
                    _close(writer, files, summary)
                for shard in todo:  # shards without a single item (an empty JSONL file)
                    if shard.id in files:
                        _ShardWriter(out_dir, shard.id).close(shard.files)
        finally:
            if owned:
                _ray().shutdown()
    summary.seconds = time.monotonic() - started
    return summary


@contextmanager
def _small_blocks(context) -> Iterator[None]:
    """Ray Data settings for the datasets made inside: blocks of BLOCK_BYTES, READ_AHEAD blocks buffered."""
    settings = {"target_max_block_size": BLOCK_BYTES, "_max_num_blocks_in_streaming_gen_buffer": READ_AHEAD}
    before = {k: getattr(context, k) for k in settings if hasattr(context, k)}  # the second is internal: may go
    for key in before:
        setattr(context, key, settings[key])
    try:
        yield
    finally:
        for key, value in before.items():
            setattr(context, key, value)


def _close(writer: _ShardWriter, files: dict[str, list[str]], summary: WriteSummary) -> None:
    writer.close(files.pop(writer.shard))
    summary.articles += writer.articles
    summary.failed += writer.failed


def _order_file(out_dir: str, order: dict[str, str]) -> None:
    """Remember the input order of every shard planned (a later run may plan more)."""
    path = os.path.join(out_dir, "_order.json")
    known: dict[str, str] = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            known = json.load(f)
    known.update(order)
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(known, f)
    os.replace(path + ".tmp", path)


# ---------------------------------------------------------------------------------------------
# Parquet → the store


def read_shard(out_dir: str, shard: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """``("article" | "failure", row)`` for every input of one written shard, in input order."""
    import pyarrow.parquet as pq

    rows: list[tuple[int, str, dict[str, Any]]] = []
    for table, kind in (("articles", "article"), ("failures", "failure")):
        path = os.path.join(out_dir, table, f"{shard}.parquet")
        if os.path.exists(path):
            rows.extend((r["seq"], kind, r) for r in pq.read_table(path).to_pylist())
    for _seq, kind, row in sorted(rows, key=lambda r: r[0]):
        yield kind, row


def records(out_dir: str) -> Iterator[Record]:
    """Every record of a Parquet dataset written by :func:`write_parquet`, in input order."""
    for shard in _shards_in_order(out_dir):
        for kind, row in read_shard(out_dir, shard):
            if kind == "article":
                yield _record(row)


def _record(row: dict[str, Any]) -> Record:
    data = json.loads(row["record"])
    data["text"] = row["text"]
    return Record.from_dict(data)


def _shards_in_order(out_dir: str) -> list[str]:
    path = os.path.join(out_dir, "_order.json")
    order: dict[str, str] = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            order = json.load(f)
    return sorted(finished(out_dir), key=lambda s: (order.get(s, "~"), s))


def load_parquet(out_dir: str, store, *, near: float | None = DEFAULT_NEAR, published_from_metadata: bool = False):
    """Store every article of a Parquet dataset written by :func:`write_parquet` in ``store``, as local
    ingest does (the same :func:`newsgraph.ingest.store_outcome`: exact and near duplicates, cross-article
    entities); inputs the store has seen are skipped. Yields one :class:`newsgraph.ingest.Result` per
    input, in input order. ``near``: as for :func:`newsgraph.ingest.ingest` (None: no near-duplicate search)."""
    from .ingest import Item, Result, store_outcome

    if not os.path.isdir(os.path.join(out_dir, DONE)):
        raise ConfigError(f"{out_dir}: not a Parquet dataset written by newsgraph (no {DONE}/ directory)")
    fresh: set[str] = set()  # inputs first met in this load: a repeat is a duplicate, as within one ingest run
    for shard in _shards_in_order(out_dir):
        for kind, row in read_shard(out_dir, shard):
            position = row.get("position")
            if kind == "failure":
                store.add_failure(row["source"], position, row["reason"])
                yield Result("failed", row["source"], position, reason=row["reason"], warnings=list(row["warnings"] or []))
                continue
            digest = row.get("input_hash") or ""
            if digest and digest not in fresh and (article := store.seen(digest)) is not None:
                yield Result("seen", row["source"], position, article=article)
                continue
            fresh.add(digest)
            try:
                record = _record(row)
            except (ValueError, TypeError, KeyError) as e:
                reason = f"unreadable record in {out_dir}: {type(e).__name__}: {e}"
                store.add_failure(row["source"], position, reason)
                yield Result("failed", row["source"], position, reason=reason)
                continue
            item = Item(row["source"], position, Source(name=record.source, url=row.get("url")),
                        fetched=row.get("fetched"), input_hash=row.get("input_hash") or "")
            outcome = Outcome(record.source, record=record, warnings=list(row["warnings"] or []))
            yield store_outcome(store, item, outcome, near, published_from_metadata)
    if fresh:
        store.join_surnames()  # as local ingest does when it finishes


__all__ = [
    "BATCH_SIZE", "Extract", "RayEngine", "Shard", "WriteSummary", "connect", "finished", "flatten", "load_parquet",
    "plan", "read_shard", "records", "write_parquet", "NewsgraphError",
]
