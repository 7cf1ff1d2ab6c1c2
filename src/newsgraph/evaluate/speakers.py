"""Who said it, on the GenderGapTracker gold: quotes found, their speakers right, and the people each
article names (48 Canadian news articles, the half of that gold in ``../shared/data/ggt``).

Gold: ``ggt/gold.jsonl``, one article a line: ``id``; ``quotes``, each with ``start``/``end`` into
``ggt/text/<id>.txt`` and the ``speaker`` the annotators resolved it to (a name, an organisation, or a
description: "a spokesperson", "Some voters"); ``people``, the names of the people the article names.

Scored the way that project scores itself:

* a gold quote is **found** when a predicted quote covers more than 30 % of its characters, one to one
  (each prediction finds at most one gold quote: :func:`newsgraph.evaluate.quotes.one_to_one`); a
  prediction is right when it finds one; P/R/F1 over quotes;
* a found quote's **speaker is right** when the predicted speaker (the name of its entity when it has
  one, else the name the quote gives) and the gold speaker share the surname: the last capitalised word,
  compared by :func:`newsgraph.entities.name_key` (:func:`newsgraph.evaluate.people.person`);
  ``speaker_accuracy`` is over the found quotes whose gold speaker has a capitalised word (a name or an
  organisation), ``speakers_scored`` their number;
* **people**: newsgraph's PERSON entities against the gold people, by given name and surname, one to
  one, as the ``people`` task matches them; micro P/R/F1 over articles (``people_p``, ``people_r``,
  ``people_f1``).

Split, fixed before anything was tuned on it: the articles sorted by id, every third one (the 3rd, 6th,
…) is the **check** part, the rest **dev**; both are reported, the check part is only looked at in
aggregate.

**Written**: ``eval/speakers/written.jsonl``, 160 Canadian-style news articles (2,753 quotes) written
for newsgraph in four blocks of 40 (the first at stop 27, the fourth at stop 35), each by four writers
who saw no file of the project or of any gold set, each asked for many ways of attributing
(descriptions, ages, ranks, pronouns, statements, continued quotes, scare quotes that are no quotes; the
fourth block two people of one gender in a paragraph, attributions before and inside a quote). Their
annotation follows GGT's: the quoted words (direct quotes with their marks, reported clauses without the
verb) and the speaker's full name, or the organisation or description where none is named. Every second
article is the check part (aggregate only); scored the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import EvalError
from ..record import SAID
from . import Report, Score, task
from .people import Person, _count, _score, person
from .quotes import one_to_one

#: share of a gold quote's characters a prediction must cover to find it
COVER = 0.3
PARTS = ("dev", "check")
#: news articles written for the project by other writers, one JSON object a line: ``id``, ``text``,
#: ``quotes`` (each ``quote``, an exact substring of the text, and its ``speaker``) and ``people``
WRITTEN = Path(__file__).resolve().parents[3] / "eval" / "speakers" / "written.jsonl"


@dataclass(frozen=True, slots=True)
class GoldQuote:
    start: int
    end: int
    speaker: str


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    quotes: tuple[GoldQuote, ...]
    people: frozenset[Person]
    part: str = "dev"  # or "check": every third article in id order


def _rows(path: Path, what: str) -> list[tuple[int, str]]:
    """(line number, line) of the non-blank lines of a JSON Lines gold file; ``what`` names it in errors."""
    try:
        rows = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise EvalError(f"{path}: cannot read the {what}: {e.strerror or e}") from None
    return [(number, row) for number, row in enumerate(rows, 1) if row.strip()]


def _people(names) -> frozenset[Person]:
    return frozenset(p for p in (person(name) for name in names) if p is not None)


def load(gold: str | Path) -> list[GoldArticle]:
    """The gold articles of the ``ggt`` folder ``gold`` (``gold.jsonl`` and ``text/<id>.txt``)."""
    root = Path(gold)
    path = root / "gold.jsonl"
    articles = []
    for number, row in _rows(path, "speaker gold"):
        try:
            item = json.loads(row)
            article_id = str(item["id"])
            text = (root / "text" / f"{article_id}.txt").read_text(encoding="utf-8")
            quotes = tuple(GoldQuote(int(q["start"]), int(q["end"]), str(q["speaker"])) for q in item["quotes"])
            people = _people(item["people"])
        except (ValueError, KeyError, TypeError) as e:
            raise EvalError(f"{path}:{number}: not a gold article ({e})") from None
        except OSError as e:
            raise EvalError(f"{path}:{number}: cannot read its text: {e.strerror or e}") from None
        articles.append(GoldArticle(article_id, text, quotes, people))
    if not articles:
        raise EvalError(f"{path}: no gold articles")
    rank = {a: i for i, a in enumerate(sorted(a.id for a in articles))}
    return [replace(a, part=PARTS[rank[a.id] % 3 == 2]) for a in articles]


def load_written(path: str | Path = WRITTEN) -> list[GoldArticle]:
    """The written articles as gold, every second one (the 2nd, 4th, …) in file order the check part."""
    path = Path(path)
    articles = []
    for number, row in _rows(path, "written speaker gold"):
        try:
            item = json.loads(row)
            text, quotes, at = item["text"], [], 0
            for q in item["quotes"]:  # in text order: each found after the one before
                start = text.find(q["quote"], at)
                if start < 0 or not q["quote"]:
                    raise ValueError(f"quote not in the text after the one before: {q['quote'][:40]!r}")
                at = start + len(q["quote"])
                quotes.append(GoldQuote(start, at, str(q["speaker"])))
            part = PARTS[len(articles) % 2]
            articles.append(GoldArticle(str(item["id"]), text, tuple(quotes), _people(item["people"]), part))
        except (ValueError, KeyError, TypeError) as e:
            raise EvalError(f"{path}:{number}: not a written gold article ({e})") from None
    if not articles:
        raise EvalError(f"{path}: no written gold articles")
    return articles


def _cover(gold: GoldQuote, start: int, end: int) -> float:
    overlap = min(gold.end, end) - max(gold.start, start)
    return max(0, overlap) / max(1, gold.end - gold.start)


def _same_speaker(gold: str, predicted: str | None) -> bool:
    a, b = person(gold), person(predicted or "")
    return a is not None and b is not None and a.surname == b.surname


@dataclass(slots=True)
class Tally:
    gold: int = 0
    predicted: int = 0
    found: int = 0
    scored: int = 0  # found quotes whose gold speaker has a name
    right: int = 0
    people: list[tuple[int, int, int]] = field(default_factory=list)  # (tp, fp, fn) of each article

    def add(self, article: GoldArticle, record) -> None:
        quotes = [q for q in record.quotes if q.type in SAID] if record else []  # what was said or written
        names = {e.id: e.name for e in record.entities} if record else {}
        pairs = [
            (_cover(g, q.start, q.end), i, j)
            for i, g in enumerate(article.quotes)
            for j, q in enumerate(quotes)
            if _cover(g, q.start, q.end) > COVER
        ]
        matched = one_to_one(pairs)
        self.gold += len(article.quotes)
        self.predicted += len(quotes)
        self.found += len(matched)
        for i, j in matched.items():
            gold = article.quotes[i]
            if person(gold.speaker) is None:
                continue
            speaker = quotes[j].speaker
            name = (names.get(speaker.entity) or speaker.name) if speaker else None
            self.scored += 1
            self.right += _same_speaker(gold.speaker, name)
        people = [person(e.name) for e in record.entities if e.type == "PERSON"] if record else []
        self.people.append(_count(article.people, people))

    def score(self, system: str) -> Score:
        people = _score("people", self.people)
        extra = {
            "speaker_accuracy": self.right / self.scored if self.scored else 0.0,
            "speakers_scored": float(self.scored),
            "people_p": people.precision,
            "people_r": people.recall,
            "people_f1": people.f1,
        }
        quotes = [(self.found, self.predicted - self.found, self.gold - self.found)]
        return _score(system, quotes, extra)


@task("speakers", gold="ggt", summary="quotes found and speakers right by surname, and people, on GenderGapTracker news")
def evaluate(gold: str) -> Report:
    from ..pipeline import Options, Pipeline
    from ..read import Source, input_offsets

    articles = load(gold)
    written = load_written()
    tallies = {part: Tally() for part in (*PARTS, *(f"written {p}" for p in PARTS))}
    runs = [(a, a.part) for a in articles] + [(a, f"written {a.part}") for a in written]
    outcomes = Pipeline(Options(strict=True)).run(Source(name=f"{a.id}.txt", data=a.text.encode("utf-8")) for a, _ in runs)
    for (article, part), outcome in zip(runs, outcomes):
        # gold offsets index the input, invisible characters and all
        tallies[part].add(article, input_offsets(outcome.record, article.text) if outcome.record else None)
    counts = {part: sum(a.part == part for a in articles) for part in PARTS}
    return Report(
        task="speakers",
        gold=gold,
        method=f"GenderGapTracker-style on {len(articles)} articles ({counts['dev']} dev, {counts['check']} check: every third "
        f"by id, held out), and on the {len(written)} articles of eval/speakers/written.jsonl (news written for newsgraph by "
        "other writers; every second one the check part, aggregate only): a gold quote is found when a predicted quote "
        "covers more than 30 % of its characters, one to one; P/R/F1 over quotes, n is gold quotes; speaker_accuracy: "
        "found quotes whose predicted speaker (its entity's name, else the quote's) shares the surname with the gold speaker, over the found quotes whose gold speaker has a "
        "capitalised word (speakers_scored); people_p/r/f1: PERSON entities against the gold people by given name and "
        "surname, one to one, micro over articles.",
        scores=[tally.score(f"newsgraph ({part})") for part, tally in tallies.items()],
    )
