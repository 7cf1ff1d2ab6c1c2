"""Engines run the pipeline over many sources and hand back outcomes in input order.

One small interface (``start``, ``run``, ``close``; usable as a context manager) with
interchangeable back ends, as httpx has transports: :class:`LocalEngine` runs in this process,
:class:`ProcessEngine` in a pool of processes that each load the spaCy model once. A distributed
engine plugs in behind the same interface. :func:`engine` picks one from a worker count.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterable, Iterator
from itertools import islice

from typing import TYPE_CHECKING

from .errors import InputError, NewsgraphError
from .read import Source

if TYPE_CHECKING:  # the pipeline (and spaCy) load when an engine is made, not on `import newsgraph`
    from .pipeline import Options, Outcome, Pipeline

Sources = Iterable[Source | InputError]


class LocalEngine:
    """The pipeline in this process."""

    def __init__(self, options: Options | None = None) -> None:
        from .pipeline import Options, Pipeline

        self.pipeline = Pipeline(options or Options())

    def start(self) -> LocalEngine:
        self.pipeline.warm_up()  # load the model and the stages' data now rather than inside the first batch
        return self

    def run(self, sources: Sources) -> Iterator[Outcome]:
        return self.pipeline.run(sources)

    def close(self) -> None:
        pass

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()


_worker: Pipeline | None = None
_failure: NewsgraphError | None = None


def one_blas_thread() -> None:
    """numpy's BLAS on one thread in this process: a worker among others (each on a core of its own),
    whose matrices are small. OpenBLAS starts a thread per core and spins them while it waits, so two
    workers of two threads each on two cores ran a 10,000-article ingest at half the speed."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")


def _init(options: Options) -> None:
    global _worker, _failure
    from .pipeline import Pipeline

    one_blas_thread()
    try:
        _worker = Pipeline(options).warm_up()  # once per process
    except NewsgraphError as e:  # raised in the parent by the first task, not looped over
        _failure = e


def _work(chunk: list[Source | InputError]) -> list[Outcome]:
    if _failure is not None:
        raise _failure
    assert _worker is not None
    return list(_worker.run(chunk))


def _pid(_: int) -> int:
    if _failure is not None:
        raise _failure
    time.sleep(0.05)
    return os.getpid()


class ProcessEngine(LocalEngine):
    """The pipeline in ``workers`` processes; batches of sources are spread over them."""

    def __init__(self, options: Options | None = None, workers: int = 2) -> None:
        from .pipeline import Options

        self.options = options or Options()
        self.workers = workers
        self.pool = None

    def start(self) -> ProcessEngine:
        if self.pool is None:
            from .analyse import check_model

            check_model(self.options.model)  # fail here, once, rather than in every worker
            ctx = multiprocessing.get_context("spawn")  # never fork a parent that may hold threads
            self.pool = ctx.Pool(self.workers, initializer=_init, initargs=(self.options,))
            seen: set[int] = set()
            try:
                while len(seen) < self.workers:  # every worker has loaded its model
                    seen.update(self.pool.map(_pid, range(self.workers * 2), chunksize=1))
            except BaseException:
                self.pool.terminate()
                self.pool = None
                raise
        return self

    def run(self, sources: Sources) -> Iterator[Outcome]:
        self.start()
        size = self.options.batch_size
        if isinstance(sources, list):  # small inputs: spread them over every worker
            size = max(1, min(size, -(-len(sources) // (self.workers * 16))))
        for outcomes in self.pool.imap(_work, _chunks(sources, size)):
            yield from outcomes

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()
            self.pool = None


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def engine(options: Options | None = None, workers: int = 1) -> LocalEngine:
    """The engine for ``workers`` processes (1: in this process)."""
    return LocalEngine(options) if workers <= 1 else ProcessEngine(options, workers)
