"""Event evaluation on the PLOVER gold standard records (the CAMEO manual's example sentences coded
in PLOVER categories).

Gold: a JSON list of records, one sentence each with its PLOVER ``event`` type and ``source`` /
``target`` actors (``actorText``); the ``DOCUMENT`` record is documentation and is skipped.

Scoring, per sentence:

* event types are scored as (sentence, type) pairs: a predicted type is right when it is the
  sentence's gold type; a gold type is found when some predicted event has it (P/R/F1);
* ``actor_accuracy``: of the gold events found, the share where a predicted event of that type has
  an actor (entity name or any of its mention texts) sharing a whole word with a gold source
  ``actorText`` (lower-cased, a possessive 's stripped, function words and titles left out: "Hungary"
  and "Hungarian" share none);
* ``target_accuracy``: the same for targets: of the gold events found that have a gold target
  (``target`` ``actorText``; the records' compound "SRC/TAR" actors are sources), the share where a
  predicted event of that type has a target (a participant of role target) sharing a whole word with
  one, scored as actors are;
* ``mode_accuracy``: of the gold events found that have a PLOVER mode ("arrest", "visit",
  "explosives"), the share where a predicted event of that type has that mode;
* ``quad_f1``: the same pairs with types mapped to PLOVER's four quad categories (verbal/material ×
  cooperation/conflict), the coarse view most event-data users aggregate to.

Parts: ``tune`` and ``check`` split the PLOVER records (the check part is every third record in file
order, frozen at stop 22 before the event-class work and looked at in aggregate only); ``written``
scores the sentences of ``eval/events/written.tsv`` (written for newsgraph, not from the lexicon's
sources), also in a dev and a check part (every second sentence); ``CAMEO dev`` / ``CAMEO check`` the
sentences written from CAMEO's sub-categories (``eval/events/cameo-*.tsv``: the dev file found the
lexicon's gaps, the check file was written afterwards and not tuned on).

Reference: no PETRARCH2 here (Python 2 and its own dictionaries), so the baselines are the naive
"most frequent type" of the set (every sentence gets it) and a keyword matcher that predicts the
type of every lexicon lemma in the sentence (``data/events.tsv``, no syntax, no frames).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..analyse import TAGGING
from ..errors import EvalError
from . import Report, Score, task

#: event sentences written for the project, one ``type<TAB>sources<TAB>sentence`` a line
WRITTEN = Path(__file__).resolve().parents[3] / "eval" / "events" / "written.tsv"
#: sentences written from CAMEO's sub-categories: a dev part the lexicon was extended from, a check part not tuned on
CAMEO_DEV, CAMEO_CHECK = WRITTEN.with_name("cameo-dev.tsv"), WRITTEN.with_name("cameo-check.tsv")
#: sentences written for the event type model by eight writers (``writer<TAB>type<TAB>sources<TAB>target<TAB>trigger<TAB>sentence``)
SENTENCES = WRITTEN.with_name("sentences.tsv")
#: the writers of SENTENCES the model is not trained on: one of event sentences, one of sentences without an event
SENTENCES_CHECK, NO_EVENT_CHECK = "f", "n2"
#: events of real news sentences (PolNeAR train articles, read from the data directory), and the held-out annotator
NEWS, NEWS_CHECK = WRITTEN.with_name("news.tsv"), "p4"

QUADS = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT", "INVESTIGATE"), "material cooperation"),
    **dict.fromkeys(("DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "SANCTION"), "verbal conflict"),
    **dict.fromkeys(("PROTEST", "CRIME", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT"), "material conflict"),
}
_WORD = re.compile(r"[A-Za-z][A-Za-z.'-]+")
# function words and titles: sharing "President" or "the" is no actor match
_STOP = frozenset(
    "the of and in a an for to on at by with from its his her their president minister prime foreign secretary general "
    "leader leaders government official officials chief head senior".split()
)


@dataclass(slots=True)
class GoldEvent:
    id: str
    text: str
    type: str
    date: str | None
    sources: list[str] = field(default_factory=list)
    mode: str | None = None
    targets: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Predicted:
    type: str
    actors: list[set[str]]  # per actor: the words of its name and mentions
    mode: str | None = None
    targets: list[set[str]] = field(default_factory=list)  # per target, as actors


def load_plover(path: str | Path) -> list[GoldEvent]:
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as e:
        raise EvalError(f"{path}: not a PLOVER gold file: {e}") from None
    if not isinstance(data, list):
        raise EvalError(f"{path}: expected a JSON list of PLOVER records")
    out = []
    for item in data:
        if not isinstance(item, dict) or item.get("event") in (None, "DOCUMENT") or not item.get("text"):
            continue
        names, targets = _actor_texts(item.get("source")), _actor_texts(item.get("target"))
        date = item.get("date") if isinstance(item.get("date"), str) else None
        mode = item.get("mode") if isinstance(item.get("mode"), str) else None
        out.append(GoldEvent(str(item.get("id", len(out))), item["text"], item["event"], date, names, mode, targets))
    if not out:
        raise EvalError(f"{path}: no PLOVER event records in it")
    return out


def _actor_texts(actors: object) -> list[str]:
    """The ``actorText`` of each actor of a record's ``source`` or ``target`` list (a string there, "" or a
    sector word, names no actor)."""
    if not isinstance(actors, list):
        return []
    return [a["actorText"] for a in actors if isinstance(a, dict) and isinstance(a.get("actorText"), str) and a["actorText"]]


def _rows(path: str | Path, what: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, tab-separated fields) of each line of the table ``path`` but blank lines and
    ``#`` comments; ``what`` names the table in the error when it cannot be read."""
    try:
        lines = Path(path).read_text("utf-8").splitlines()
    except OSError as e:
        raise EvalError(f"{path}: cannot read the {what}: {e}") from None
    for number, line in enumerate(lines, 1):
        if line.strip() and not line.startswith("#"):
            yield number, line.split("\t")


def load_written(path: str | Path = WRITTEN) -> list[GoldEvent]:
    """The written sentences as gold events (``#`` lines are comments)."""
    out = []
    for number, fields in _rows(path, "written event sentences"):
        if len(fields) != 3 or fields[0] not in QUADS:
            raise EvalError(f"{path}:{number}: expected type<TAB>sources<TAB>sentence with a PLOVER type")
        out.append(GoldEvent(f"written-{len(out)}", fields[2], fields[0], None, [s for s in fields[1].split("|") if s]))
    return out


def load_sentences(path: str | Path = SENTENCES) -> list[tuple[str, GoldEvent, str]]:
    """The written sentences of ``path`` as (writer, gold event, trigger words); a sentence without
    an event has the type NONE."""
    out = []
    for number, fields in _rows(path, "event sentences"):
        if len(fields) != 6 or not (fields[1] in QUADS or fields[1] == "NONE"):
            raise EvalError(f"{path}:{number}: expected writer<TAB>type<TAB>sources<TAB>target<TAB>trigger<TAB>sentence")
        writer, type_, sources, targets, trigger, text = fields
        gold = GoldEvent(f"{writer}-{len(out)}", text, type_, None, [s for s in sources.split("|") if s],
                         targets=[t for t in targets.split("|") if t])
        out.append((writer, gold, trigger))
    return out


def load_news(data: str | Path, path: str | Path = NEWS) -> list[tuple[str, GoldEvent, str]]:
    """The annotated news sentences of ``path`` as (annotator, gold event, trigger words), their
    texts read from the PolNeAR train articles under ``data``; a sentence without an event has the type NONE."""
    texts: dict[str, str] = {}
    out = []
    for number, fields in _rows(path, "annotated news sentences"):
        if len(fields) != 6 or not (fields[4] in QUADS or fields[4] == "NONE") or not (fields[2].isdigit() and fields[3].isdigit()):
            raise EvalError(f"{path}:{number}: expected annotator<TAB>file<TAB>start<TAB>end<TAB>type<TAB>trigger")
        annotator, name, start, end, type_, trigger = fields
        if name not in texts:
            file = Path(data) / "polnear" / "train" / "text" / name
            try:
                texts[name] = file.read_text("utf-8").replace("\n", " ")
            except OSError as e:
                raise EvalError(f"{file}: cannot read the article of {path}:{number}: {e.strerror or e}") from None
        text = texts[name][int(start) : int(end)]
        out.append((annotator, GoldEvent(f"{annotator}-{len(out)}", text, type_, None), trigger))
    return out


def parts(gold: Sequence[GoldEvent], every: int) -> tuple[list[int], list[int]]:
    """Indexes of the tune part and of the frozen check part (every ``every``-th item, the last of each run)."""
    check = [i for i in range(len(gold)) if i % every == every - 1]
    return [i for i in range(len(gold)) if i % every != every - 1], check


def _words(text: str) -> set[str]:
    """The whole words of a name, lower-cased, a possessive 's and trailing dots stripped, without
    function words and titles: "Israel's Prime Minister" → {"israel"}."""
    words = (re.sub(r"'s$", "", w.lower().replace("’", "'")).rstrip(".'") for w in _WORD.findall(text.replace("’", "'")))
    return {w for w in words if w and w not in _STOP}


def score(gold: Sequence[GoldEvent], predictions: Sequence[Sequence[Predicted]], quad: bool = False) -> dict[str, float]:
    tp = fp = fn = actor_found = actor_right = target_found = target_right = mode_found = mode_right = 0

    def kind(t: str) -> str:
        return QUADS.get(t, t) if quad else t

    for g, preds in zip(gold, predictions):
        types = {kind(p.type) for p in preds}
        if g.type == "NONE":  # a sentence without an event: every type given is wrong
            fp += len(types)
            continue
        want = kind(g.type)
        tp += want in types
        fn += want not in types
        fp += len(types - {want})
        if want in types and g.sources:
            actor_found += 1
            gold_words = set().union(*(_words(s) for s in g.sources))
            actor_right += any(a & gold_words for p in preds if kind(p.type) == want for a in p.actors)
        if want in types and g.targets:
            target_found += 1
            gold_words = set().union(*(_words(t) for t in g.targets))
            target_right += any(a & gold_words for p in preds if kind(p.type) == want for a in p.targets)
        if want in types and g.mode and not quad:
            mode_found += 1
            mode_right += any(p.mode == g.mode for p in preds if p.type == want)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "n": len(gold),
            "actor_accuracy": actor_right / actor_found if actor_found else float("nan"),
            "target_accuracy": target_right / target_found if target_found else float("nan"),
            "mode_accuracy": mode_right / mode_found if mode_found else float("nan")}  # fmt: skip


def newsgraph_predictions(gold: Sequence[GoldEvent]) -> list[list[Predicted]]:
    from ..pipeline import Options, Pipeline
    from ..read import Source, input_offsets

    out = []
    for g in gold:  # one pipeline per publication date: relative dates resolve against it
        pipeline = Pipeline(Options(published=g.date, strict=True))
        (outcome,) = list(pipeline.run([Source(name=g.id, data=g.text.encode("utf-8"))]))
        record = input_offsets(outcome.record, g.text) if outcome.record else None  # gold offsets index the input
        preds = []
        if record is not None:
            entities = {e.id: e for e in record.entities}
            for event in record.events:
                roles: dict[str, list[set[str]]] = {"actor": [], "target": []}
                for p in event.participants:
                    entity = entities.get(p.entity) if p.entity else None
                    if p.role in roles and entity is not None:
                        roles[p.role].append(_words(" ".join([entity.name, *(record.text[m.start : m.end] for m in entity.mentions)])))
                    elif p.role in roles and p.span is not None:  # a participant no name names: "gunmen"
                        roles[p.role].append(_words(record.text[p.span.start : p.span.end]))
                preds.append(Predicted(event.type, roles["actor"], event.mode, roles["target"]))
        out.append(preds)
    return out


def keyword_predictions(gold: Sequence[GoldEvent], nlp) -> list[list[Predicted]]:
    from ..events import hand_lexicon

    lex = hand_lexicon()  # the hand lexicon alone: the baseline stays what it was
    out = []
    with nlp.select_pipes(enable=[p for p in TAGGING if p in nlp.pipe_names]):
        for doc in nlp.pipe(g.text for g in gold):
            plain = (next((e for e in lex.get(t.lemma_.lower(), []) if not e.conditioned), None) for t in doc)
            types = {e.type for e in plain if e is not None and e.type}
            out.append([Predicted(t, []) for t in sorted(types)])
    return out


def _score(system: str, s: dict[str, float], quad: dict[str, float], actors: bool = True) -> Score:
    extra = {"quad_f1": quad["f1"]}
    if actors:  # the baselines name no actors nor modes: no figure rather than a zero
        for key in ("actor_accuracy", "target_accuracy", "mode_accuracy"):
            if s[key] == s[key]:  # not NaN: the part has gold actors / modes
                extra[key] = s[key]
    return Score(system, s["precision"], s["recall"], s["f1"], int(s["n"]), extra=extra)


@task(
    "events",
    gold="plover/PLOVER_GSR_CAMEO.dev.json",
    summary="PLOVER event types per sentence (P/R/F1) and actor match on the PLOVER gold records",
)
def evaluate(gold: str) -> Report:
    from ..analyse import load_nlp

    events = load_plover(gold)
    written = load_written()
    nlp = load_nlp()
    ours = newsgraph_predictions(events)
    ours_written = newsgraph_predictions(written)
    cameo = {name: load_written(path) for name, path in (("CAMEO dev", CAMEO_DEV), ("CAMEO check", CAMEO_CHECK))}
    keywords = keyword_predictions(events, nlp)
    common = Counter(g.type for g in events).most_common(1)[0][0]
    naive = [[Predicted(common, [])] for _ in events]

    def part(name: str, gold_: Sequence[GoldEvent], preds: Sequence[Sequence[Predicted]], index: list[int]) -> Score:
        g, p = [gold_[i] for i in index], [preds[i] for i in index]
        return _score(name, score(g, p), score(g, p, quad=True))

    tune, check = parts(events, 3)
    written_dev, written_check = parts(written, 2)
    sentences = load_sentences()
    held = [g for writer, g, _ in sentences if writer == SENTENCES_CHECK]
    without = [g for writer, g, _ in sentences if writer == NO_EVENT_CHECK]
    held_score = part("newsgraph (sentences check)", held, newsgraph_predictions(held), list(range(len(held))))
    given = newsgraph_predictions(without)
    held_score.extra["no_event_given"] = sum(bool(p) for p in given) / len(without) if without else float("nan")
    data = Path(gold).parents[1]
    news = [g for annotator, g, _ in load_news(data) if annotator == NEWS_CHECK] if (data / "polnear" / "train").is_dir() else []
    return Report(
        task="events",
        gold=gold,
        method="(sentence, PLOVER type) pairs: a predicted type is right when it is the sentence's gold type, a gold "
        "type found when some event has it; actor_accuracy over found gold events with a source: an actor of a "
        "predicted event of that type shares a whole word (not a prefix) with a gold source actorText; target_accuracy "
        "the same for the gold events with a target (a predicted participant of role target, the gold target "
        "actorText); mode_accuracy over found "
        "gold events with a mode: a predicted event of that type has it; quad_f1 scores the four quad "
        "categories. Parts: check = every third PLOVER record (frozen, aggregate only), tune the rest; written = the "
        "sentences of eval/events/written.tsv (dev / check: every second); CAMEO dev / check = eval/events/cameo-*.tsv "
        "(sentences of CAMEO's sub-categories; the check file not tuned on); sentences check = the held-out writer of "
        f"eval/events/sentences.tsv (the event type model is trained on the others), no_event_given = the share of its "
        f"held-out sentences without an event ({len(without)}) given one; news check = {len(news)} sentences of real news "
        f"(PolNeAR train articles, eval/events/news.tsv, most without an event: every type given them is wrong) by the "
        f"held-out annotator. No PETRARCH2 (Python 2, needs its dictionaries): baselines are the most frequent type for every "
        f"sentence ({common}) and a keyword matcher (every lexicon lemma's type, no syntax).",
        scores=[
            _score("newsgraph", score(events, ours), score(events, ours, quad=True)),
            part("newsgraph (tune)", events, ours, tune),
            part("newsgraph (check)", events, ours, check),
            part("newsgraph (written dev)", written, ours_written, written_dev),
            part("newsgraph (written check)", written, ours_written, written_check),
            *(
                part(f"newsgraph ({name})", sentences, newsgraph_predictions(sentences), list(range(len(sentences))))
                for name, sentences in cameo.items()
            ),
            held_score,
            *([part("newsgraph (news check)", news, newsgraph_predictions(news), list(range(len(news))))] if news else []),
            _score("keywords (data/events.tsv)", score(events, keywords), score(events, keywords, quad=True), actors=False),
            _score(f"most frequent type ({common})", score(events, naive), score(events, naive, quad=True), actors=False),
        ],
    )
