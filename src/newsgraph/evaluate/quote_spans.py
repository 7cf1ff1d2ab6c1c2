"""Attribution spans the way PolNeAR's annotators draw them (issue 16), scored with CofeNet's metric.

Gold: every attribution of a PolNeAR article (first annotator where several did it): its Source,
Cue and Content spans, each fragment a span of its own. CofeNet (Wang et al., COLING 2022) scores
per sentence and per role: a span is a run of tokens with one role inside one sentence, so a
content over three sentences is three spans. Here sentences and tokens are spaCy's (CofeNet's are
CoreNLP's: boundaries differ in a few places), and both sides are cut at the same boundaries.

Per role (source, cue, content):

* ``exact``: a predicted span is right when a gold span has the same first and last token; P/R/F1;
* ``begin``: the same with first tokens alone;
* ``jaccard``: CofeNet's soft score: each gold span counts the best token overlap / union any
  prediction reaches with it, each prediction that overlaps no gold span counts 0 against it; the mean;
* ``content_edges``: content ``exact`` with quotation marks and punctuation at either edge of both
  spans left out (the convention of where a quote ends differs more than its words).

Systems: ``newsgraph``, the records' quotes as a user gets them (content, cue, and ``source``, else
the speaker's mention; a cue or source inside a quote's words keeps its role, as in the annotation);
``tagger``, the attribution tagger's own spans (:mod:`newsgraph.attribution`);
``rules``, the quotes the rules alone find. Split: every third article by name (the third, the
sixth, …) is the **check** part, held out while the tagger and its use were chosen; the rest **dev**.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from ..errors import EvalError
from . import Report, Score, task
from .quotes import fragments, polnear_files

ROLES = ("SOURCE", "CUE", "CONTENT")
PARTS = ("dev", "check")
_KINDS = {"Source": "SOURCE", "Cue": "CUE", "Content": "CONTENT"}
_EDGE = set("\"“”‘’'«»‹›`.,;:!?()[]-—–…")


@dataclass(slots=True)
class Article:
    name: str
    text: str
    part: str
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: {r: [] for r in ROLES})  # characters


def read_ann(path: Path) -> dict[str, list[tuple[int, int]]]:
    """The Source, Cue and Content fragments (character spans) of a brat ``.ann`` file."""
    out: dict[str, list[tuple[int, int]]] = {r: [] for r in ROLES}
    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        parts = line.split("\t")
        if not line.startswith("T") or len(parts) < 2:
            continue
        kind, _, offsets = parts[1].partition(" ")
        if kind not in _KINDS:
            continue
        try:
            out[_KINDS[kind]].extend(fragments(offsets))
        except ValueError:
            raise EvalError(f"{path}:{lineno}: not a brat text-bound annotation: {line[:60]!r}") from None
    return out


def load(path: str | Path) -> list[Article]:
    """The articles of a PolNeAR compartment (``text/``, ``attributions/``), first annotator each."""
    return [Article(name, text, PARTS[i % 3 == 2], read_ann(ann)) for i, (name, text, ann) in enumerate(polnear_files(path))]


def token_tags(doc: Doc, spans: dict[str, list[tuple[int, int]]]) -> list[str]:
    """Character spans per role → one IOB tag per token of ``doc`` (a token takes the role of a span
    it overlaps; a span's first token is B-; whitespace tokens are O)."""
    tags = ["O"] * len(doc)
    starts = [t.idx for t in doc]
    for role, pieces in spans.items():
        for a, b in sorted(pieces):
            first = True
            for i in range(max(0, bisect_right(starts, a) - 1), len(doc)):
                t = doc[i]
                if t.idx >= b:
                    break
                if t.idx + len(t.text) <= a or t.is_space:
                    continue
                tags[i] = f"{'B' if first else 'I'}-{role}"
                first = False
    return tags


def spaces(doc: Doc) -> set[int]:
    """The whitespace tokens of ``doc``, which :func:`token_tags` leaves O (a system's tags laid on tokens as the gold is)."""
    return {t.i for t in doc if t.is_space}


def sentence_spans(doc: Doc, tags: Sequence[str]) -> dict[str, set[tuple[int, int]]]:
    """IOB tags → per role, the token spans [start, end) with that role, cut at sentence starts
    (CofeNet's instances are sentences)."""
    out: dict[str, set[tuple[int, int]]] = {r: set() for r in ROLES}
    start, role = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        kind, _, label = tag.partition("-")
        cut = i < len(doc) and doc[i].is_sent_start and i > 0
        if role and (kind != "I" or label != role or cut):
            out[role].add((start, i))
            role = ""
        if kind in ("B", "I") and not role:
            start, role = i, label
    return out


def _edges(doc: Doc, span: tuple[int, int]) -> tuple[int, int] | None:
    a, b = span
    while a < b and (doc[a].text in _EDGE or doc[a].is_punct or doc[a].is_space):
        a += 1
    while b > a and (doc[b - 1].text in _EDGE or doc[b - 1].is_punct or doc[b - 1].is_space):
        b -= 1
    return (a, b) if a < b else None


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    jaccard: list[float] = field(default_factory=list)

    def add(self, gold: set, predicted: set) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return max(0.0, inter / (max(a[1], b[1]) - min(a[0], b[0])))


def compare(doc: Doc, gold: dict[str, set], predicted: dict[str, set], counts: dict[str, Counts]) -> None:
    """Add one document's spans to the running ``counts`` (keys ``<role>``, ``<role>_begin``, ``content_edges``)."""
    for role in ROLES:
        g, p = gold[role], predicted[role]
        c = counts[role]
        c.add(g, p)
        counts[f"{role}_begin"].add({a for a, _ in g}, {a for a, _ in p})
        for span in g:
            c.jaccard.append(1.0 if span in p else max((_overlap(span, q) for q in p), default=0.0))
        for span in p - g:
            if not any(_overlap(span, q) > 0 for q in g):
                c.jaccard.append(0.0)
    strip = lambda spans: {e for s in spans if (e := _edges(doc, s)) is not None}  # noqa: E731
    counts["content_edges"].add(strip(gold["CONTENT"]), strip(predicted["CONTENT"]))


def new_counts() -> dict[str, Counts]:
    return {k: Counts() for k in [*ROLES, *(f"{r}_begin" for r in ROLES), "content_edges"]}


def figures(counts: dict[str, Counts]) -> dict[str, float]:
    """exact F1, begin F1 and Jaccard per role, and content exact F1 with edges ignored."""
    out: dict[str, float] = {}
    for key, c in counts.items():
        s = Score.counted("", c.tp, c.fp, c.fn)
        out[key.lower()] = s.f1
        if key in ROLES:
            out[f"{key.lower()}_p"], out[f"{key.lower()}_r"] = s.precision, s.recall
            out[f"{key.lower()}_jaccard"] = sum(c.jaccard) / len(c.jaccard) if c.jaccard else 0.0
    return out


#: the order the roles of a system's quotes are laid on tokens: a record's quote spans its words whole,
#: an attribution written inside them included ("The plan, she said, would fail"), where the annotators
#: cut the content around it; so the cue and the source are drawn over the content, not under it
_NESTED = ("CONTENT", "CUE", "SOURCE")


def _quote_tags(doc: Doc, quotes) -> list[str]:
    """The IOB tags of quotes: content, cue, and source (else the speaker's mention), a cue or source
    inside a content keeping its role (:data:`_NESTED`)."""
    spans: dict[str, list[tuple[int, int]]] = {r: [] for r in _NESTED}
    for q in quotes:
        spans["CONTENT"].append((q.start, q.end))
        if q.cue is not None:
            spans["CUE"].append((q.cue.start, q.cue.end))
        source = q.source or q.speaker
        if source is not None:
            spans["SOURCE"].append((source.start, source.end))
    return token_tags(doc, spans)


def _rule_tags(doc: Doc, found) -> list[str]:
    """The IOB tags of the quotes the rules alone find: content, cue, the speaker's phrase (as
    :func:`_quote_tags` lays them)."""
    from ..quotes import _phrase

    spans: dict[str, list[tuple[int, int]]] = {r: [] for r in _NESTED}
    for quote, att in found.quotes:
        spans["CONTENT"].append((quote.start, quote.end))
        if att is not None:
            spans["CUE"].append(att.cue)
            if att.speaker is not None:
                spans["SOURCE"].append(_phrase(att.speaker))
    return token_tags(doc, spans)


def _moved(spans: dict[str, list[tuple[int, int]]], original: str, text: str) -> dict[str, list[tuple[int, int]]]:
    """Character spans into ``original`` moved into ``text``, the record's text: the original with
    some characters dropped (invisible ones, :func:`newsgraph.read.visible`)."""
    if original == text:
        return spans
    at, k = [], 0  # at[i]: where original character i (or the next kept one) stands in text
    for c in original:
        at.append(k)
        if k < len(text) and c == text[k]:
            k += 1
    at.append(k)
    return {role: [(at[a], at[b]) for a, b in fragments] for role, fragments in spans.items()}


def analysed(articles: Sequence[Article]) -> Iterable[tuple[Article, object, Doc, object]]:
    """Each article read, cleaned and parsed as ``newsgraph extract`` does, with its entities: (article
    with its gold spans moved into the record's text, record, doc, what the quote rules found)."""
    from ..entities import extract_entities
    from ..pipeline import Options, Pipeline
    from ..quotes import rule_quotes
    from ..read import Source

    pipeline = Pipeline(Options(strict=True))
    ready = []
    for article in articles:
        outcome = pipeline.prepare(Source(name=article.name, data=article.text.encode("utf-8")))
        if outcome.record is None:
            raise EvalError(f"{article.name}: {outcome.error}")
        article.spans = _moved(article.spans, article.text, outcome.record.text)
        ready.append((article, outcome.record))
    for (article, record), doc in zip(ready, pipeline.docs(r for _, r in ready)):
        extract_entities(record, doc)
        yield article, record, doc, rule_quotes(record, doc)


def _systems(articles: Sequence[Article]) -> Iterable[tuple[str, Article, Doc, list[str]]]:
    """(system, article, doc, predicted tags) for each system and article."""
    from .. import attribution
    from ..quotes import extract_quotes, rule_features

    for article, record, doc, found in analysed(articles):
        yield "tagger", article, doc, attribution.iob(len(doc), attribution.tag(doc, rule_features(doc, found)), spaces(doc))
        yield "rules", article, doc, _rule_tags(doc, found)
        yield "newsgraph", article, doc, _quote_tags(doc, extract_quotes(record, doc).quotes)


@task("quote-spans", gold="polnear/dev", summary="attribution source/cue/content spans on PolNeAR dev, CofeNet's metric")
def evaluate(gold: str) -> Report:
    articles = load(gold)
    counts: dict[tuple[str, str], dict[str, Counts]] = {}
    for system, article, doc, tags in _systems(articles):
        c = counts.setdefault((system, article.part), new_counts())
        compare(doc, sentence_spans(doc, token_tags(doc, article.spans)), sentence_spans(doc, tags), c)
    scores = []
    for (system, part), c in sorted(counts.items(), key=lambda kv: (kv[0][0] != "newsgraph", kv[0][0], PARTS.index(kv[0][1]))):
        f = figures(c)
        content = c["CONTENT"]
        scores.append(Score.counted(f"{system} ({part})", content.tp, content.fp, content.fn, extra={k: v for k, v in f.items() if not k.endswith(("_p", "_r"))}))
    return Report(
        task="quote-spans",
        gold=gold,
        method="CofeNet's metric over spaCy sentences: per role, a span is right when its first and last tokens are "
        "the gold span's (exact; begin: first token), jaccard the mean best overlap; P/R/F1 and n are content exact "
        "over gold content spans; content_edges: content exact with quotation marks and punctuation at the edges "
        "ignored. Every attribution of PolNeAR counts (speech, writing, document and belief alike). check: every third article, held out.",
        scores=scores,
    )
