"""Amount evaluation on MEANTIME's VALUE markables (Wikinews, CAT XML).

Gold: every ``VALUE`` markable with token anchors, of type MONEY, PERCENT or QUANTITY. MEANTIME's
QUANTITY is every other figure: counts of things ("five Boeing 737s", "179 tankers"), vague and
fractional ones ("about half", "thousands of"), ordinals ("the 5th generation"), ages, measures
("500km", "twenty tonnes"); the modifier is part of the extent ("approximately 4,300", "up to 60",
"as much as 3%"). MEANTIME annotates the title and the first sentences of each article: the text is
rebuilt from the tokens of those sentences as the people task rebuilds it
(:func:`newsgraph.evaluate.people.meantime_text`, sentences separated by a blank line), each markable spans
its anchor tokens.

Scoring: every predicted amount counts whatever its kind (money → MONEY, percent → PERCENT, quantity,
count, fraction → QUANTITY), except ranks ("the third largest automaker"), which MEANTIME does not
mark: they are left out (its ordinals, "the 5th generation", are no ranks of ours and stay missed).
A gold value is *found* when a prediction overlaps it; a prediction is *right* when it overlaps a
gold value (P/R/F1); ``strict_f1`` counts identical spans only; ``kind_accuracy`` is the share of
found gold values whose most-overlapping prediction has the matching kind. MEANTIME sometimes marks
a range both whole and in parts ("25,000 to 30,000" and "30,000"); each is a gold value.

The reference system is quantulum3 (raw ``parser.parse`` on the same text, without its unit
classifier, whose shipped pickle does not load with the installed scikit-learn): currency units are
money, ``percentage`` is percent, the rest quantity. Beside it, the raw spaCy model's MONEY, PERCENT,
QUANTITY and CARDINAL entities (what the amounts stage could have taken as its candidates).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EvalError
from . import Report, Score, task
from .people import read_meantime_xml

#: MEANTIME VALUE type → the kinds of ours that are that type
KINDS = {"MONEY": ("money",), "PERCENT": ("percent",), "QUANTITY": ("quantity", "count", "fraction")}
#: kinds MEANTIME does not annotate: ranks ("the third largest automaker") are left out of the scoring
UNSCORED = frozenset({"rank"})


@dataclass(slots=True)
class Value:
    start: int
    end: int
    type: str  # MONEY, PERCENT, QUANTITY (gold); for predictions, our kind


@dataclass(slots=True)
class GoldArticle:
    name: str
    text: str
    values: list[Value] = field(default_factory=list)


def read_meantime(file: Path) -> GoldArticle | None:
    """One MEANTIME document: the text of its annotated sentences and its VALUE markables."""
    annotated = read_meantime_xml(file)
    if annotated is None:
        return None
    root, text, span_of = annotated
    markables = root.find("Markables")
    values = []
    for v in markables.iter("VALUE"):
        ids = [a.get("t_id") for a in v.iter("token_anchor") if a.get("t_id") in span_of]
        if ids and v.get("type") in KINDS:
            values.append(Value(min(span_of[i][0] for i in ids), max(span_of[i][1] for i in ids), v.get("type", "")))
    return GoldArticle(file.stem, text, values)


def load_meantime(path: str | Path) -> list[GoldArticle]:
    """Every MEANTIME XML file under ``path`` (articles without markables are left out)."""
    files = sorted(Path(path).rglob("*.xml"))
    if not files:
        raise EvalError(f"{path}: no MEANTIME .xml files")
    return [a for a in (read_meantime(f) for f in files) if a is not None]


def _overlap(a: Value, b: Value) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def score(articles: Sequence[GoldArticle], predictions: Sequence[Sequence[Value]]) -> dict[str, float]:
    gold_n = predicted = right = found = kind_right = strict_pred = strict_gold = 0
    for article, preds in zip(articles, predictions):
        predicted += len(preds)
        right += sum(any(_overlap(p, g) for g in article.values) for p in preds)
        exact = {(p.start, p.end) for p in preds}
        strict_pred += len(exact & {(g.start, g.end) for g in article.values})
        for g in article.values:
            gold_n += 1
            strict_gold += (g.start, g.end) in exact
            best = max(preds, key=lambda p: _overlap(p, g), default=None)
            if best is not None and _overlap(best, g):
                found += 1
                kind_right += best.type in KINDS[g.type]
    p = right / predicted if predicted else 0.0
    r = found / gold_n if gold_n else 0.0
    sp = strict_pred / predicted if predicted else 0.0
    sr = strict_gold / gold_n if gold_n else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "n": gold_n,
        "strict_f1": 2 * sp * sr / (sp + sr) if sp + sr else 0.0,
        "kind_accuracy": kind_right / found if found else 0.0,
    }


def newsgraph_predictions(articles: Sequence[GoldArticle]) -> list[list[Value]]:
    from ..pipeline import Options, Pipeline
    from ..read import Source, input_offsets

    out = []
    for article, outcome in zip(articles, Pipeline(Options(strict=True)).run(Source(name=a.name, data=a.text.encode("utf-8")) for a in articles)):
        amounts = input_offsets(outcome.record, article.text).amounts if outcome.record else []  # gold offsets index the input
        out.append([Value(a.start, a.end, a.kind or "quantity") for a in amounts if a.kind not in UNSCORED])
    return out


#: spaCy entity label → our kind (ORDINAL is left out as our ranks are)
SPACY_KINDS = {"MONEY": "money", "PERCENT": "percent", "QUANTITY": "quantity", "CARDINAL": "count"}


def spacy_predictions(articles: Sequence[GoldArticle]) -> list[list[Value]]:
    from ..analyse import load_nlp, plain

    nlp = load_nlp()
    with plain(nlp):
        docs = nlp.pipe(a.text for a in articles)
        return [
            [Value(e.start_char, e.end_char, SPACY_KINDS[e.label_]) for e in doc.ents if e.label_ in SPACY_KINDS] for doc in docs
        ]


def quantulum_predictions(articles: Sequence[GoldArticle]) -> list[list[Value]]:
    import quantulum3.classifier
    from quantulum3 import parser

    quantulum3.classifier.USE_CLF = False  # its shipped classifier pickle needs an older scikit-learn
    out = []
    for article in articles:
        preds = []
        for q in parser.parse(article.text):
            entity = q.unit.entity.name if q.unit.entity else ""
            kind = "money" if entity == "currency" else "percent" if q.unit.name == "percentage" else "quantity"
            preds.append(Value(q.span[0], q.span[1], kind))
        out.append(preds)
    return out


def _score(system: str, s: dict[str, float]) -> Score:
    extra = {"strict_f1": s["strict_f1"], "kind_accuracy": s["kind_accuracy"]}
    return Score(system, s["precision"], s["recall"], s["f1"], int(s["n"]), extra=extra)


@task(
    "amounts",
    gold="meantime/intra-doc_annotation",
    summary="money, percent and quantity values on MEANTIME: span overlap P/R/F1, strict F1, kind accuracy",
)
def evaluate(gold: str) -> Report:
    from importlib.metadata import version

    articles = load_meantime(gold)
    return Report(
        task="amounts",
        gold=gold,
        method="MEANTIME VALUE markables (MONEY, PERCENT, QUANTITY; QUANTITY includes counts, fractions and ordinals, "
        "so every predicted amount counts but ranks, which MEANTIME does not mark): a gold value is found when a prediction "
        "overlaps it, a prediction is right when it overlaps a gold value; strict_f1: identical spans; kind_accuracy over "
        "found values (money↔MONEY, percent↔PERCENT, quantity/count/fraction↔QUANTITY); n is gold values. "
        "quantulum3: parser.parse on the same text, no unit classifier; spaCy: the raw model's entities of those labels.",
        scores=[
            _score("newsgraph", score(articles, newsgraph_predictions(articles))),
            _score(f"quantulum3 {version('quantulum3')} (raw)", score(articles, quantulum_predictions(articles))),
            _score("spaCy sm (raw) MONEY/PERCENT/QUANTITY/CARDINAL", score(articles, spacy_predictions(articles))),
        ],
    )
