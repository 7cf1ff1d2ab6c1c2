"""The article pipeline: read → clean → analyse → extract, one record at a time.

Extract stages are functions ``(record, doc) -> record`` registered in :data:`EXTRACTORS`; each
fills one list of the record (entities, quotes, times, amounts, events) from the spaCy ``Doc`` of
the body. The ``Doc`` is parsed from :meth:`Record.body` (captions kept), so its character offsets
are offsets into ``record.text``.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .amounts import extract_amounts
from .analyse import detect_language, load_nlp
from .clean import CleanOptions, clean
from .entities import CAPTIONS, extract_entities
from .errors import InputError, NewsgraphError
from .events import extract_events
from .quotes import extract_quotes
from .read import DEFAULT_MAX_CHARS, Source, read
from .record import ANALYSED, Record
from .times import extract_times

if TYPE_CHECKING:
    from spacy.tokens import Doc

Extractor = Callable[[Record, "Doc"], Record]

#: extract stages, in order: quotes read the entities; events read entities and times
EXTRACTORS: list[Extractor] = [extract_entities, extract_quotes, extract_times, extract_amounts, extract_events]


#: a short article that goes through every stage: :meth:`Pipeline.warm_up` runs it once
WARM_UP = (
    "Port workers end strike after pay deal\n\n"
    "HAMBURG, March 3 (Reuters) - Dock workers in Hamburg ended a three-day strike on Monday after the "
    "Northern Ports Group agreed to raise wages by 4.5 percent and pay a one-off bonus of 1,200 euros, "
    "union leader Maria Keller said.\n\n"
    "\"This is a fair deal for every family in the harbour,\" Keller told reporters. The company's chief "
    "executive, Jan Berger, said shipping would return to normal by the end of the week, and that about "
    "40,000 containers had been held up since Friday.\n"
)


@dataclass(frozen=True, slots=True)
class Options:
    """Everything that shapes a run; picklable, so worker processes get the same settings."""

    model: str | None = None
    published: str | None = None
    max_chars: int = DEFAULT_MAX_CHARS
    clean: CleanOptions = field(default_factory=CleanOptions)
    batch_size: int = 16


@dataclass(slots=True)
class Outcome:
    """What became of one input: a record, or the reason it failed; warnings either way."""

    source: str
    record: Record | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


class Pipeline:
    """Turns sources into records. Loads the spaCy model once, on first use."""

    def __init__(self, options: Options = Options()) -> None:
        self.options = options
        self.seconds: Counter[str] = Counter()  # time per extract stage, for `newsgraph bench`

    @property
    def nlp(self):
        return load_nlp(self.options.model)

    def warm_up(self) -> Pipeline:
        """Load the model and what the stages load on first use (the language identifier, the
        gazetteer, compiled patterns) by running one short built-in article (:data:`WARM_UP`), so an
        engine's first batch runs at full speed; an engine calls it when it starts."""
        list(self.run([Source(name="<warm-up>", data=WARM_UP.encode("utf-8"))]))
        self.seconds.clear()
        return self

    def prepare(self, source: Source) -> Outcome:
        """Read and clean one source (no parse yet): the cheap, per-input part."""
        try:
            loaded = read(source, max_chars=self.options.max_chars)
        except InputError as e:
            return Outcome(source.name, error=e.reason)
        if source.title:
            loaded.record.title = source.title
        # the caller's date wins over the input's metadata, which wins over the page's and its date lines
        if self.options.published or source.published:
            loaded.record.published = self.options.published or source.published
        record = detect_language(clean(loaded.record, self.options.clean, model=self.options.model))
        return Outcome(source.name, record=record, warnings=loaded.warnings)

    def run(self, sources: Iterable[Source | InputError]) -> Iterator[Outcome]:
        """Outcomes in input order; the spaCy parse runs over batches of bodies (``nlp.pipe``)."""
        batch: list[Outcome] = []
        for source in sources:
            if isinstance(source, InputError):
                batch.append(Outcome(source.source, error=source.reason))
            else:
                batch.append(self.prepare(source))
            if len(batch) >= self.options.batch_size:
                yield from self._extract(batch)
                batch = []
        yield from self._extract(batch)

    def docs(self, records: Iterable[Record]) -> Iterator[Doc]:
        """Parse each record's analysed text: the body with its captions (offsets hold)."""
        nlp = self.nlp

        def make(record: Record) -> Doc:
            doc = nlp.make_doc(record.body(keep=ANALYSED))
            doc.user_data[CAPTIONS] = [(c.start, c.end) for c in record.captions]
            return doc

        return nlp.pipe(make(r) for r in records)

    def extract(self, record: Record, doc: Doc) -> Record:
        """Run every extract stage on a parsed record."""
        for extractor in EXTRACTORS:
            started = time.perf_counter()
            extractor(record, doc)
            self.seconds[extractor.__name__] += time.perf_counter() - started
        return record

    def _extract(self, batch: list[Outcome]) -> list[Outcome]:
        todo = [o for o in batch if o.record is not None]
        for outcome, doc in zip(todo, self.docs(o.record for o in todo)):  # type: ignore[misc]
            try:
                self.extract(outcome.record, doc)  # type: ignore[arg-type]
            except NewsgraphError as e:
                outcome.record, outcome.error = None, str(e)
            except Exception as e:  # a bug must not take the rest of the batch down with it
                outcome.record = None
                outcome.error = f"internal error, please report: {type(e).__name__}: {e}"
        return batch


def extract(
    text: str, *, source: str = "<text>", published: str | None = None, model: str | None = None
) -> Record:
    """One article text → its record. Raises :class:`InputError` if it is not an article."""
    outcome = next(
        Pipeline(Options(model=model, published=published)).run(
            [Source(name=source, data=text.encode("utf-8"))]
        )
    )
    if outcome.record is None:
        raise InputError(source, outcome.error or "failed")
    return outcome.record
