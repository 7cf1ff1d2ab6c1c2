"""Named-entity recognition evaluation on CoNLL-2003 style gold data (CoNLL++ dev).

The gold file has one token per line (``token POS chunk NER``, the NER tag last, IOB2; IOB1
is read too), sentences separated by blank lines and documents by ``-DOCSTART-`` lines.
:func:`load_conll` turns each document into one text: tokens joined by single spaces,
sentences by ``"\\n"``; gold entities become character spans into that text.

Scoring is exact-span micro P/R/F1 over the four CoNLL labels (PER, ORG, LOC, MISC):

* a predicted span counts only if start, end and label all match a gold span;
* predictions carry OntoNotes labels (spaCy's English models, our entity stage) and are
  mapped with :data:`ONTONOTES_TO_CONLL`; labels outside the map (DATE, CARDINAL, MONEY, ...)
  are dropped before scoring, so they are neither right nor wrong;
* per-label figures count a prediction under its own (mapped) label and a gold entity under
  its gold label; ``span`` figures ignore labels (boundaries only);
* a ratio with a zero denominator is 0 (as seqeval's ``zero_division=0``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EvalError, NewsgraphError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "CONLL_LABELS",
    "ONTONOTES_TO_CONLL",
    "GoldDoc",
    "Counts",
    "load_conll",
    "compare",
    "spacy_spans",
    "newsgraph_spans",
]

#: ``(start, end, label)``: character offsets into a document text, end exclusive.
Span = tuple[int, int, str]

CONLL_LABELS: tuple[str, ...] = ("PER", "ORG", "LOC", "MISC")

#: OntoNotes (spaCy) label → CoNLL label; any other label is not a CoNLL entity.
ONTONOTES_TO_CONLL: dict[str, str] = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}

_TAG_RE = re.compile(r"O|[BI]-[A-Za-z_]+")


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One gold document: its text and the gold entities as character spans into it."""

    id: str
    text: str
    spans: list[Span]


def _not_conll(path: str | Path, lineno: int, line: str) -> EvalError:
    shown = line if len(line) <= 60 else line[:57] + "..."
    return EvalError(
        f"{path}:{lineno}: not CoNLL-2003 NER data (expected `token POS chunk NER` with an IOB tag last), got {shown!r}"
    )


def load_conll(path: str | Path) -> list[GoldDoc]:
    """The documents of the CoNLL-2003 file at *path*, in file order.

    Lines before the first ``-DOCSTART-`` (a file without any) form a document of their own.
    Raises :class:`EvalError` when the file cannot be read, a token line has no IOB tag last,
    or it holds no token at all.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise EvalError(f"{path}: cannot read CoNLL gold file: {e}") from None

    docs: list[GoldDoc] = []
    sentences: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []

    def close_document() -> None:
        if sentence:
            sentences.append(list(sentence))
            sentence.clear()
        if sentences:
            docs.append(_document(f"doc{len(docs) + 1:04d}", sentences))
            sentences.clear()

    for lineno, line in enumerate(lines, 1):
        parts = line.split()
        if not parts:
            if sentence:
                sentences.append(list(sentence))
                sentence.clear()
        elif parts[0] == "-DOCSTART-":
            close_document()
        elif len(parts) < 2 or not _TAG_RE.fullmatch(parts[-1]):
            raise _not_conll(path, lineno, line)
        else:
            sentence.append((parts[0], parts[-1]))
    close_document()
    if not docs:
        raise EvalError(f"{path}: no CoNLL-2003 token lines found")
    return docs


def _document(doc_id: str, sentences: list[list[tuple[str, str]]]) -> GoldDoc:
    """Build one :class:`GoldDoc` from its sentences of ``(token, IOB tag)`` pairs."""
    text_parts: list[str] = []
    spans: list[Span] = []
    pos = 0
    for i, sentence in enumerate(sentences):
        if i:
            text_parts.append("\n")
            pos += 1
        open_label: str | None = None
        open_start = 0
        last_end = pos
        for j, (token, tag) in enumerate(sentence):
            if j:
                text_parts.append(" ")
                pos += 1
            kind, _, label = tag.partition("-")
            # an entity ends before O, before B-, and before I- of another label (IOB1 and IOB2)
            if open_label is not None and (kind != "I" or label != open_label):
                spans.append((open_start, last_end, open_label))
                open_label = None
            if kind != "O" and open_label is None:
                open_label, open_start = label, pos
            text_parts.append(token)
            pos += len(token)
            last_end = pos
        if open_label is not None:
            spans.append((open_start, last_end, open_label))
    return GoldDoc(doc_id, "".join(text_parts), spans)


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives, with the ratios they give."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def compare(gold: Sequence[Iterable[Span]], pred: Sequence[Iterable[Span]]) -> dict[str, Counts]:
    """Micro-averaged counts of predicted against gold spans, one list of spans per document.

    Keys: ``"all"`` (exact span and label), each of :data:`CONLL_LABELS`, and ``"span"``
    (exact span, label ignored). Spans are compared as sets within a document, so a repeated
    prediction counts once.
    """
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold documents but {len(pred)} predicted")
    tp: dict[str, int] = {}
    fp: dict[str, int] = {}
    fn: dict[str, int] = {}

    def add(table: dict[str, int], key: str, n: int) -> None:
        table[key] = table.get(key, 0) + n

    for gold_spans, pred_spans in zip(gold, pred):
        g, p = set(gold_spans), set(pred_spans)
        for label in CONLL_LABELS:
            g_label = {s for s in g if s[2] == label}
            p_label = {s for s in p if s[2] == label}
            add(tp, label, len(g_label & p_label))
            add(fp, label, len(p_label - g_label))
            add(fn, label, len(g_label - p_label))
        add(tp, "all", len(g & p))
        add(fp, "all", len(p - g))
        add(fn, "all", len(g - p))
        g_bounds, p_bounds = {s[:2] for s in g}, {s[:2] for s in p}
        add(tp, "span", len(g_bounds & p_bounds))
        add(fp, "span", len(p_bounds - g_bounds))
        add(fn, "span", len(g_bounds - p_bounds))
    return {k: Counts(tp.get(k, 0), fp.get(k, 0), fn.get(k, 0)) for k in ("all", *CONLL_LABELS, "span")}


def _mapped(spans: Iterable[tuple[int, int, str]]) -> list[Span]:
    """Spans with OntoNotes labels → spans with CoNLL labels; unmapped labels dropped."""
    return [(s, e, ONTONOTES_TO_CONLL[label]) for s, e, label in spans if label in ONTONOTES_TO_CONLL]


def spacy_spans(nlp: Language, texts: Sequence[str]) -> list[list[Span]]:
    """Raw spaCy NER: every ``doc.ents`` entity of each text, labels mapped to CoNLL.

    newsgraph's own components (:data:`newsgraph.analyse.COMPONENTS`) are switched off, so this
    is the plain model.
    """
    from ..analyse import plain

    with plain(nlp):
        docs = list(nlp.pipe(texts))
    return [_mapped((e.start_char, e.end_char, e.label_) for e in doc.ents) for doc in docs]


def newsgraph_spans(nlp: Language, texts: Sequence[str]) -> list[list[Span]]:
    """Our entity stage: each text as a record, parsed, every extractor run; mentions mapped."""
    return pipeline_spans(texts)[0]


def pipeline_spans(texts: Sequence[str]) -> tuple[list[list[Span]], list[list[Span]]]:
    """Our entity stage's mentions and, from the same parse, the news NER tagger's own spans
    (:mod:`newsgraph.ner`, already in CoNLL labels), one list per text.

    The cleaning stage is skipped (CoNLL texts are one sentence a line with all-caps headlines
    and datelines that crawler-cleaning rules would strip): this measures NER, not cleaning.
    A record an extractor rejects (:class:`NewsgraphError`) yields no spans.
    """
    from ..analyse import detect_language
    from ..ner import NAME
    from ..pipeline import Options, Pipeline
    from ..record import Record

    pipeline = Pipeline(Options(strict=True))
    records = [detect_language(Record(source="conll", id=f"doc{i + 1:04d}", text=t)) for i, t in enumerate(texts)]
    stage: list[list[Span]] = []
    tagger: list[list[Span]] = []
    for record, doc in zip(records, pipeline.docs(records)):
        tagger.append([(s.start_char, s.end_char, s.label_) for s in doc.spans.get(NAME, ())])
        try:
            pipeline.extract(record, doc)
        except NewsgraphError:
            stage.append([])
            continue
        stage.append(_mapped((m.start, m.end, m.label or e.type) for e in record.entities for m in e.mentions))
    return stage, tagger


def _score(system: str, counts: dict[str, Counts]) -> Score:
    total = counts["all"]
    extra: dict[str, float] = {"span_f1": counts["span"].f1}
    extra.update({f"{label}_f1": counts[label].f1 for label in CONLL_LABELS})  # P/R: see compare()
    return Score(system, total.precision, total.recall, total.f1, total.tp + total.fn, extra=extra)


from . import Report, Score, task  # noqa: E402  (the registry imports this module lazily)


@task("ner", gold="conllpp/dev.txt", summary="exact-span entity P/R/F1 on CoNLL++ dev (PER/ORG/LOC/MISC)")
def evaluate(gold: str) -> Report:
    """newsgraph's entity stage next to the news NER tagger alone and raw spaCy NER (the default
    model), on the same texts: the whole file, its tune part and its check part (every third
    document: the 3rd, 6th, …), which is held out from tuning."""
    from ..analyse import load_nlp

    docs = load_conll(gold)
    nlp = load_nlp()
    texts = [d.text for d in docs]
    gold_spans = [d.spans for d in docs]
    check = [i % 3 == 2 for i in range(len(docs))]

    def part(spans: list[list[Span]], held: bool) -> dict[str, Counts]:
        return compare([g for g, c in zip(gold_spans, check) if c == held], [s for s, c in zip(spans, check) if c == held])

    stage, tagger = pipeline_spans(texts)
    scores = [_score("newsgraph", compare(gold_spans, stage))]
    for name, spans in (("newsgraph", stage), ("news NER tagger alone", tagger)):
        scores += [_score(f"{name} (tune)", part(spans, False)), _score(f"{name} (check)", part(spans, True))]
    scores.append(_score("spaCy sm (raw)", compare(gold_spans, spacy_spans(nlp, texts))))
    return Report(
        task="ner",
        gold=gold,
        method="Exact-span micro P/R/F1 over PER/ORG/LOC/MISC, OntoNotes labels mapped to CoNLL "
        "(DATE, CARDINAL, ... dropped); n is gold entities; span_f1 ignores labels; newsgraph skips cleaning. "
        "tune: two documents of three; check: every third document, held out from tuning since stop 21.",
        scores=scores,
    )
