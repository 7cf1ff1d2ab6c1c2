"""newsgraph: raw news articles in, a queryable knowledge graph out.

>>> import newsgraph
>>> record = newsgraph.extract(open("article.txt").read(), published="2024-09-16")  # doctest: +SKIP
>>> record.agency, [record.text[r.start:r.end] for r in record.removed]  # doctest: +SKIP
"""

__version__ = "0.1.0"

from .clean import CleanOptions, clean
from .engine import LocalEngine, ProcessEngine, engine
from .errors import ConfigError, EvalError, InputError, NewsgraphError
from .read import Source, find_sources, read
from .record import SCHEMA_ID, Record, json_schema
from .store import open  # noqa: A004 - newsgraph.open(db) → Store, the corpus database

# the pipeline's names load on first use: `import newsgraph`, `newsgraph.open(db)` and the query
# commands do not load spaCy; `newsgraph.extract(...)` and the engines do
_PIPELINE = frozenset({"Options", "Outcome", "Pipeline", "extract"})


def __getattr__(name: str):
    if name not in _PIPELINE:
        raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")
    from . import pipeline

    return getattr(pipeline, name)


__all__ = [
    "SCHEMA_ID",
    "CleanOptions",
    "ConfigError",
    "EvalError",
    "InputError",
    "LocalEngine",
    "NewsgraphError",
    "Options",
    "Outcome",
    "Pipeline",
    "ProcessEngine",
    "Record",
    "Source",
    "clean",
    "engine",
    "extract",
    "find_sources",
    "json_schema",
    "open",
    "read",
]
