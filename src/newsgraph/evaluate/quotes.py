"""Quote evaluation on PolNeAR (political news, attribution relations in brat standoff).

Gold: each PolNeAR attribution (``E`` line: Content, Cue, Source) of an article; where several
annotators did one article, the first file (by name) counts. *Speech* attributions are those whose
cue is a speech verb of ``data/cues.txt`` (by lemma), "according to" or a colon, or whose content
holds a quotation mark (not an apostrophe); thought and perception ("believes", "wants", "showed") are left out of
recall but a prediction that matches one is not counted wrong.

Scoring as the GenderGapTracker scores itself:

* a gold quote is *found* when one predicted quote covers more than 30 % of its characters;
* a predicted quote is *right* when it covers more than 30 % of some gold attribution's content,
  or that content covers more than 30 % of it;
* ``said_recall`` is the recall over the attributions cued by say, tell, add or "according to" alone
  (the core every quote extractor aims at: 739 of the 1,286 speech attributions of PolNeAR dev);
* the *source* of a found gold quote is right when the speaker of the prediction covering it most
  has a mention (the speaker span, or any mention of the speaker's entity) overlapping the gold
  source span. Attributions without a source are left out of source accuracy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EvalError
from . import Report, Score, task

COVER = 0.3
_SAID = frozenset({"say", "tell", "add"})
# a quotation mark; an apostrophe ("Trump's", "isn’t") is none: an opening single mark only before a word
_QUOTE_CHARS = re.compile(r"[\"“”«»„]|(?<!\w)['‘’](?=\w)")


@dataclass(slots=True)
class GoldQuote:
    content: list[tuple[int, int]]  # fragments
    source: tuple[int, int] | None
    cue: str
    speech: bool = True
    said: bool = False  # the cue is say, tell, add or "according to": what every quote extractor aims at

    @property
    def size(self) -> int:
        return sum(b - a for a, b in self.content)


@dataclass(slots=True)
class GoldArticle:
    name: str
    text: str
    quotes: list[GoldQuote] = field(default_factory=list)


@dataclass(slots=True)
class Predicted:
    start: int
    end: int
    speaker: list[tuple[int, int]]  # spans that name the speaker


def _spans(field_: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (part.split() for part in field_.split(";"))]


def _read_ann(path: Path, text: str) -> list[GoldQuote]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations = []
    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, offsets = parts[1].partition(" ")
            try:
                spans[parts[0]] = (kind, _spans(offsets))
            except ValueError:
                raise EvalError(f"{path}:{lineno}: not a brat text-bound annotation: {line[:60]!r}") from None
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    out = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if content is None:
            continue
        source = spans.get(rel.get("Source", ""))
        cue = spans.get(rel.get("Cue", ""))
        cue_text = " ".join(text[a:b] for a, b in cue[1]) if cue else ""
        src = (min(a for a, _ in source[1]), max(b for _, b in source[1])) if source else None
        out.append(GoldQuote(content[1], src, cue_text))
    return out


def load_polnear(path: str | Path) -> list[GoldArticle]:
    """The articles of a PolNeAR compartment directory (``text/`` and ``attributions/``)."""
    root = Path(path)
    if not (root / "attributions").is_dir() or not (root / "text").is_dir():
        raise EvalError(f"{path}: not a PolNeAR compartment (expected text/ and attributions/ in it)")
    articles: dict[str, GoldArticle] = {}
    for ann in sorted((root / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        if name in articles:
            continue  # a second annotator of the same article
        text_path = root / "text" / f"{name}.txt"
        if not text_path.exists():
            raise EvalError(f"{ann}: no text file {text_path.name} for it")
        text = text_path.read_text("utf-8")
        articles[name] = GoldArticle(name, text, _read_ann(ann, text))
    if not articles:
        raise EvalError(f"{path}: no .ann files in attributions/")
    return list(articles.values())


def _mark_speech(articles: Sequence[GoldArticle], nlp) -> None:
    from ..quotes import cues

    quotes = [q for a in articles for q in a.quotes]
    with nlp.select_pipes(enable=[p for p in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer") if p in nlp.pipe_names]):
        docs = nlp.pipe(q.cue for q in quotes)
        for quote, doc, article in zip(quotes, docs, (a for a in articles for _ in a.quotes)):
            lemmas = {t.lemma_.lower() for t in doc}
            content = "".join(article.text[a:b] for a, b in quote.content)
            quote.speech = bool(lemmas & cues()) or "according" in lemmas or ":" in quote.cue or bool(_QUOTE_CHARS.search(content))
            quote.said = bool(lemmas & _SAID) or "according" in lemmas


def _overlap(a: tuple[int, int], spans: list[tuple[int, int]]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in spans)


def score(articles: Sequence[GoldArticle], predictions: Sequence[Sequence[Predicted]]) -> dict[str, float]:
    found = speech = right = predicted = source_right = source_n = said = said_found = 0
    for article, preds in zip(articles, predictions):
        for p in preds:
            predicted += 1
            size = max(1, p.end - p.start)
            if any(_overlap((p.start, p.end), g.content) > COVER * min(size, g.size) for g in article.quotes):
                right += 1
        for g in article.quotes:
            if not g.speech:
                continue
            speech += 1
            covering = [(_overlap((p.start, p.end), g.content), p) for p in preds]
            best = max(covering, key=lambda c: c[0], default=(0, None))
            said += g.said
            if best[0] > COVER * g.size:
                found += 1
                said_found += g.said
                if g.source is not None:
                    source_n += 1
                    source_right += any(_overlap(s, [g.source]) for s in best[1].speaker)
    p = right / predicted if predicted else 0.0
    r = found / speech if speech else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "n": speech,
        "source_accuracy": source_right / source_n if source_n else 0.0,
        "said_recall": said_found / said if said else 0.0,
    }


def newsgraph_predictions(articles: Sequence[GoldArticle]) -> list[list[Predicted]]:
    from ..pipeline import Pipeline
    from ..read import Source

    pipeline = Pipeline()
    out = []
    for outcome in pipeline.run(Source(name=a.name, data=a.text.encode("utf-8")) for a in articles):
        record = outcome.record
        preds = []
        for q in record.quotes if record else []:
            speaker = []
            if q.speaker is not None:
                entity = next((e for e in record.entities if e.id == q.speaker.entity), None)
                speaker = [(q.speaker.start, q.speaker.end)] + ([(m.start, m.end) for m in entity.mentions] if entity else [])
            preds.append(Predicted(q.start, q.end, speaker))
        out.append(preds)
    return out


def textacy_predictions(articles: Sequence[GoldArticle], nlp) -> list[list[Predicted]]:
    from textacy.extract import direct_quotations

    from ..analyse import plain

    out = []
    with plain(nlp):
        for doc in nlp.pipe(a.text for a in articles):
            preds = []
            try:
                triples = list(direct_quotations(doc))
            except (ValueError, IndexError):  # textacy gives up on some unbalanced quote marks
                triples = []
            for t in triples:
                speaker = [(tok.idx, tok.idx + len(tok.text)) for tok in t.speaker]
                preds.append(Predicted(t.content.start_char, t.content.end_char, speaker))
            out.append(preds)
    return out


def _score(system: str, s: dict[str, float]) -> Score:
    return Score(system, s["precision"], s["recall"], s["f1"], int(s["n"]), extra={"source_accuracy": s["source_accuracy"], "said_recall": s["said_recall"]})


@task("quotes", gold="polnear/dev", summary="speech attributions on PolNeAR dev: content overlap P/R/F1 and source accuracy")
def evaluate(gold: str) -> Report:
    from ..analyse import load_nlp

    articles = load_polnear(gold)
    nlp = load_nlp()
    _mark_speech(articles, nlp)
    return Report(
        task="quotes",
        gold=gold,
        method="GenderGapTracker-style: a gold speech attribution is found when a predicted quote covers >30% of its "
        "content characters; a prediction is right when it matches any attribution so; source accuracy over found "
        "quotes with a source: the speaker (any mention of its entity) overlaps the gold source. n is gold speech "
        "attributions; said_recall: recall over those cued by say/tell/add/according to. textacy: direct_quotations "
        "on the raw spaCy parse.",
        scores=[
            _score("newsgraph", score(articles, newsgraph_predictions(articles))),
            _score("textacy 0.13 direct_quotations", score(articles, textacy_predictions(articles, nlp))),
        ],
    )
