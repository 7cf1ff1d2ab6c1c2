"""Places in news (issue 17): toponyms found (geotagging) and put in the right place (geocoding), on
TR-News and GeoWebNews (``../shared/data/geo``), each with a held-out check part.

Gold: ``TR-News.xml`` (118 articles: ``<text>`` and ``<toponym>`` elements with ``<start>``,
``<end>`` and a ``<gaztag geonameid>`` with ``<lat>``/``<lon>``) and ``GWN.xml`` with
``gwn_full.txt`` (200 articles; a line per article: ``name,,phrase,,lat,,lon,,start,,end||…``).
A gold offset that misses its phrase by a few characters (TR-News counts some characters its XML
no longer holds) is moved onto the phrase nearby; one that cannot be is left out (counted).

newsgraph's toponyms: every mention of an entity it links to a place, demonyms included (the gold
marks "Turkish" as Turkey), with the place's GeoNames id and coordinates. The reference: spaCy sm's
GPE, LOC, FAC and NORP entities, each linked to what the gazetteer gives its text alone (its
population prior, no context).

Geotagging: a predicted toponym matches a gold one when their spans overlap, one to one; P/R/F1, n
gold toponyms. Geocoding, over matched toponyms whose gold has coordinates: ``acc161``, the same
GeoNames id or within 161 km (great circle) of the gold coordinates; a place without coordinates
and another id is wrong. ``no_coords``: share of predicted toponyms whose place has no coordinates.
Check part: every third article of each set (the third, the sixth, …), looked at in aggregate only.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EvalError
from . import Report, Score, task

PARTS = ("dev", "check")
KM = 161  # the usual threshold: 100 miles
NEAR = 5  # a gold offset may miss its phrase by this many characters


@dataclass(frozen=True, slots=True)
class Toponym:
    start: int
    end: int
    geonames: int | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(slots=True)
class GeoArticle:
    id: str
    text: str
    part: str
    toponyms: list[Toponym] = field(default_factory=list)
    misplaced: int = 0  # gold toponyms whose phrase is not at (or near) their offsets


def _place(text: str, phrase: str, start: int) -> int | None:
    """Where ``phrase`` stands in ``text``: at ``start``, else the nearest place within :data:`NEAR`."""
    if text[start : start + len(phrase)] == phrase:
        return start
    for d in range(1, NEAR + 1):
        for at in (start - d, start + d):
            if 0 <= at and text[at : at + len(phrase)] == phrase:
                return at
    return None


def _number(value: str | None, kind=float):
    try:
        return kind(value) if value not in (None, "") else None
    except ValueError:
        return None


def _article(id: str, index: int, text: str, gold: Iterable[tuple[str, int, int | None, float | None, float | None]]) -> GeoArticle:
    article = GeoArticle(id, text, PARTS[index % 3 == 2])
    for phrase, start, geonames, lat, lon in gold:
        at = _place(text, phrase, start)
        if at is None:
            article.misplaced += 1
        else:
            article.toponyms.append(Toponym(at, at + len(phrase), geonames, lat, lon))
    return article


def load_trnews(path: Path) -> list[GeoArticle]:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        raise EvalError(f"{path}: cannot read TR-News: {e}") from None
    articles = []
    for i, element in enumerate(root.iter("article")):
        text = element.findtext("text") or ""
        gold = []
        for t in element.iter("toponym"):
            tag = t.find("gaztag")
            gold.append((
                t.findtext("phrase") or "", _number(t.findtext("start"), int) or 0,
                _number(tag.get("geonameid"), int) if tag is not None else None,
                _number(tag.findtext("lat")) if tag is not None else None,
                _number(tag.findtext("lon")) if tag is not None else None,
            ))
        articles.append(_article(f"tr-news/{element.get('docid')}", i, text, gold))
    return articles


def load_geowebnews(xml: Path, toponyms: Path) -> list[GeoArticle]:
    try:
        root = ET.parse(xml).getroot()
        lines = toponyms.read_text(encoding="utf-8").split("\n")
    except (OSError, ET.ParseError) as e:
        raise EvalError(f"{xml}: cannot read GeoWebNews: {e}") from None
    articles = []
    for i, (element, line) in enumerate(zip(root.iter("article"), lines)):
        gold = []
        for item in filter(None, line.split("||")):
            cells = item.split(",,")
            if len(cells) != 6:
                raise EvalError(f"{toponyms}:{i + 1}: not name,,phrase,,lat,,lon,,start,,end: {item[:80]!r}")
            _name, phrase, lat, lon, start, _end = cells
            gold.append((phrase, _number(start, int) or 0, None, _number(lat), _number(lon)))
        articles.append(_article(f"geowebnews/{element.get('file')}", i, element.findtext("text") or "", gold))
    return articles


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def right_place(predicted: Toponym, gold: Toponym) -> bool:
    if gold.geonames is not None and predicted.geonames == gold.geonames:
        return True
    if None in (predicted.lat, predicted.lon, gold.lat, gold.lon):
        return False
    return km(predicted.lat, predicted.lon, gold.lat, gold.lon) <= KM  # type: ignore[arg-type]


@dataclass(slots=True)
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    placed: int = 0  # matched toponyms whose gold has coordinates or an id
    right: int = 0
    predicted: int = 0
    no_coords: int = 0

    def add(self, gold: list[Toponym], predicted: list[Toponym]) -> None:
        free = sorted(predicted, key=lambda t: (t.start, t.end))
        self.predicted += len(predicted)
        self.no_coords += sum(t.lat is None for t in predicted)
        for g in sorted(gold, key=lambda t: t.start):
            match = next((p for p in free if p.start < g.end and g.start < p.end), None)
            if match is None:
                self.fn += 1
                continue
            free.remove(match)
            self.tp += 1
            if g.geonames is not None or g.lat is not None:
                self.placed += 1
                self.right += right_place(match, g)
        self.fp += len(free)

    def score(self, system: str, misplaced: int) -> Score:
        return Score.counted(system, self.tp, self.fp, self.fn, {
            "acc161": self.right / self.placed if self.placed else 0.0,
            "no_coords": self.no_coords / self.predicted if self.predicted else 0.0,
            "gold_left_out": float(misplaced),
        })


def newsgraph_toponyms(articles: list[GeoArticle], pipeline) -> Iterator[list[Toponym]]:
    from ..read import Source, input_offsets

    for article, outcome in zip(articles, pipeline.run(Source(name=f"{a.id}.txt", data=a.text.encode("utf-8")) for a in articles)):
        record = input_offsets(outcome.record, article.text) if outcome.record else None  # gold offsets index the input
        yield [
            Toponym(m.start, m.end, e.place.geonames, e.place.lat, e.place.lon)
            for e in (record.entities if record else []) if e.place is not None
            for m in e.mentions if m.label != "PRON"
        ]


def reference_toponyms(articles: list[GeoArticle], nlp) -> Iterator[list[Toponym]]:
    from ..analyse import plain
    from ..gazetteer import demonym, lookup

    with plain(nlp):
        for doc in nlp.pipe(a.text for a in articles):
            out = []
            for ent in doc.ents:
                if ent.label_ in ("GPE", "LOC", "FAC", "NORP"):
                    place = lookup(ent.text) or (demonym(ent.text) if ent.label_ == "NORP" else None)
                    if place is not None:
                        out.append(Toponym(ent.start_char, ent.end_char, place.geonames, place.lat, place.lon))
            yield out


@task("places", gold="geo", summary="toponyms found and placed (accuracy at 161 km) on TR-News and GeoWebNews")
def evaluate(gold: str) -> Report:
    from ..pipeline import Options, Pipeline

    root = Path(gold)
    sets = {"TR-News": load_trnews(root / "TR-News.xml"), "GeoWebNews": load_geowebnews(root / "GWN.xml", root / "gwn_full.txt")}
    pipeline = Pipeline(Options(strict=True))
    scores = []
    for name, articles in sets.items():
        ours = {part: Tally() for part in PARTS}
        for article, predicted in zip(articles, newsgraph_toponyms(articles, pipeline)):
            ours[article.part].add(article.toponyms, predicted)
        reference = Tally()
        for article, predicted in zip(articles, reference_toponyms(articles, pipeline.nlp)):
            reference.add(article.toponyms, predicted)
        for part in PARTS:
            left_out = sum(a.misplaced for a in articles if a.part == part)
            scores.append(ours[part].score(f"newsgraph ({name} {part})", left_out))
        scores.append(reference.score(f"spaCy sm + gazetteer prior ({name})", sum(a.misplaced for a in articles)))
    counts = ", ".join(f"{name} {len(a)} articles" for name, a in sets.items())
    return Report(
        task="places",
        gold=gold,
        method=f"{counts}; check: every third article, held out. Toponyms: newsgraph's mentions of entities linked "
        "to a place (demonyms included), the reference's spaCy sm GPE/LOC/FAC/NORP entities linked by the gazetteer "
        "alone (population prior). P/R/F1: spans overlapping, one to one, n gold toponyms; acc161: matched toponyms "
        "with the gold's GeoNames id or within 161 km of its coordinates; no_coords: share of predicted toponyms "
        "whose place has no coordinates; gold_left_out: gold offsets not on their phrase.",
        scores=scores,
    )
