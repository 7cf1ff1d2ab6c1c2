"""Quote evaluation on PolNeAR (political news, attribution relations in brat standoff).

Gold: each PolNeAR attribution (``E`` line: Content, Cue, Source) of an article; where several
annotators did one article, the first file (by name) counts. *Speech* attributions are those whose
cue has a lemma in :data:`SPEECH_LEMMAS`, or is "according to", "point(ed) out" or a colon, or whose
content holds a quotation mark (not an apostrophe); thought and perception ("believes", "wants",
"showed") are left out of recall but a prediction that matches one is not counted wrong. The gold is
the annotation's alone: the speech set is fixed here and shares nothing with the extractor's cue list
(``data/cues.txt``, which is chosen from PolNeAR train), so editing the extractor cannot move the gold.
newsgraph's predictions are its quotes of every type but belief: speech, writing and a document's
findings ("the records say", "according to the poll"), which PolNeAR's cues count as speech (the
speakers task, on GGT's gold of people's words, leaves documents out: :data:`newsgraph.record.SAID`).

:data:`SPEECH_LEMMAS` are the English verbs of communication of Levin (1993, *English Verb Classes
and Alternations*, ch. 37, with VerbNet's numbering of the classes): transfer of a message (37.1:
ask, cite, dictate, explain, narrate, quote, read, recite, relay, tell, write; with the inquire
verbs 37.1.2: inquire, query, question), manner of speaking (37.3: shout, whisper, mutter, yell,
call, chant, ...), instrument of communication (37.4: email, fax, phone, telegraph, wire, ...; with
today's tweet, text and post), talk (37.5: speak, talk), chitchat (37.6: argue, chat, confer, ...),
say (37.7: announce, claim, declare, mention, note, observe, propose, report, reveal, say, state,
suggest, ...), complain (37.8), advise (37.9: advise, alert, brief, caution, inform, warn, ...),
confess (37.10: acknowledge, admit, confess), lecture (37.11: comment, lecture, preach, testify, ...)
and promise (37.13: promise, pledge, vow, swear); plus the reporting verbs of news that name a speech
act but that Levin files elsewhere: add, answer, reply, respond, retort, counter, insist, assert,
allege, contend, maintain, deny, confirm, concede, stress, emphasize, reiterate, assure, remind, urge,
demand, accuse, boast, joke, exclaim, describe and discuss. Left out on purpose: the members of 37.1
and 37.4 whose news use is evidence or gesture rather than speech (show, demonstrate, teach, pose,
sign, signal), and every verb of thought, perception or judgement (think, believe, know, find, see,
feel, expect, hope, fear, want, conclude, estimate, predict, recall, agree, praise, criticize,
condemn): an attribution cued by one is speech only by a quotation mark in its content.

Scoring as the GenderGapTracker scores itself, with one-to-one matching for recall:

* a gold quote is *found* when the predicted quote matched to it covers more than 30 % of its
  characters; the matching is one-to-one (each prediction finds at most one gold quote, so one long
  prediction over two quotes finds one of them): the pairs above 30 % are matched greedily, largest
  character overlap first, then augmented to a maximum matching (:func:`one_to_one`);
* a predicted quote is *right* when it covers more than 30 % of some gold attribution's content,
  or that content covers more than 30 % of it (per prediction: no prediction counts twice);
* ``said_recall`` is the recall over the attributions cued by say, tell, add or "according to" alone
  (the core every quote extractor aims at);
* the *source* of a found gold quote is right when the speaker of the prediction matched to it has a
  mention (the speaker span, or any mention of the speaker's entity) overlapping the gold source
  span. Attributions without a source are left out of source accuracy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..analyse import TAGGING
from ..errors import EvalError
from . import Report, Score, task

COVER = 0.3
_SAID = frozenset({"say", "tell", "add"})
# the verbs of communication (see the module docstring); fixed here, never read from the extractor
SPEECH_LEMMAS = frozenset(
    # 37.1 transfer of a message (without show, demonstrate, teach, pose), 37.1.2 inquire, 37.2 tell
    "ask cite dictate explain explicate narrate quote read recite relay tell write inquire enquire query question "
    # 37.3 manner of speaking
    "babble bark bawl bellow bleat boom bray burble cackle call carol chant chatter chirp cluck coo croak croon crow "
    "cry drawl drone gabble gibber groan growl grumble grunt hiss holler hoot howl jabber lilt lisp moan mumble murmur "
    "mutter purr rage rasp roar rumble scream screech shout shriek sing snap snarl snuffle splutter sputter squall "
    "squawk squeak squeal stammer stutter thunder trill trumpet twitter wail warble wheeze whimper whine whisper "
    "whistle whoop yammer yap yell yelp yodel "
    # 37.4 instrument of communication (without sign, signal), with today's media
    "cable email e-mail fax phone radio telegraph telephone telex wire tweet text post "
    # 37.5 talk, 37.6 chitchat
    "speak talk argue chat chitchat confer converse gab gossip "
    # 37.7 say
    "say announce articulate assert aver avow blurt claim confide convey declare disclose divulge hint insinuate "
    "intimate mention note observe proclaim propose recount reiterate relate remark repeat report reveal state suggest "
    # 37.8 complain, 37.9 advise, 37.10 confess, 37.11 lecture, 37.13 promise
    "complain carp gripe grouse kvetch object admonish advise alert apprise brief caution counsel inform instruct "
    "notify warn acknowledge admit confess comment elaborate expound lecture moralize preach sermonize testify "
    "theorize promise pledge vow swear "
    # reporting verbs of news naming a speech act, filed elsewhere by Levin
    "add answer reply respond retort counter insist allege contend maintain deny confirm concede stress emphasize "
    "emphasise assure remind urge demand accuse boast joke exclaim describe discuss".split()
)
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


def fragments(field_: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (part.split() for part in field_.split(";"))]


def _read_ann(path: Path, text: str) -> list[GoldQuote]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations = []
    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, offsets = parts[1].partition(" ")
            try:
                spans[parts[0]] = (kind, fragments(offsets))
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


def polnear_files(path: str | Path) -> list[tuple[str, str, Path]]:
    """(name, text, annotation file) of each article of a PolNeAR compartment directory (``text/`` and
    ``attributions/``); where several annotators did one article, the first file (by name) counts."""
    root = Path(path)
    if not (root / "attributions").is_dir() or not (root / "text").is_dir():
        raise EvalError(f"{path}: not a PolNeAR compartment (expected text/ and attributions/ in it)")
    out: dict[str, tuple[str, str, Path]] = {}
    for ann in sorted((root / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        if name in out:
            continue  # a second annotator of the same article
        text_path = root / "text" / f"{name}.txt"
        if not text_path.exists():
            raise EvalError(f"{ann}: no text file {text_path.name} for it")
        out[name] = (name, text_path.read_text("utf-8"), ann)
    if not out:
        raise EvalError(f"{path}: no .ann files in attributions/")
    return list(out.values())


def load_polnear(path: str | Path) -> list[GoldArticle]:
    """The articles of a PolNeAR compartment directory (``text/`` and ``attributions/``)."""
    return [GoldArticle(name, text, _read_ann(ann, text)) for name, text, ann in polnear_files(path)]


def is_speech(cue: str, lemmas: set[str], content: str) -> bool:
    """Whether an attribution is speech, from the annotation alone: its cue's lemmas (lower-cased)
    and text, and its content."""
    text = cue.lower()
    return (
        bool(lemmas & SPEECH_LEMMAS)
        or "according to" in text
        or {"point", "out"} <= lemmas
        or ":" in cue
        or bool(_QUOTE_CHARS.search(content))
    )


def _mark_speech(articles: Sequence[GoldArticle], nlp) -> None:
    quotes = [q for a in articles for q in a.quotes]
    with nlp.select_pipes(enable=[p for p in TAGGING if p in nlp.pipe_names]):
        docs = nlp.pipe(q.cue for q in quotes)
        for quote, doc, article in zip(quotes, docs, (a for a in articles for _ in a.quotes)):
            lemmas = {t.lemma_.lower() for t in doc}
            content = "".join(article.text[a:b] for a, b in quote.content)
            quote.speech = is_speech(quote.cue, lemmas, content)
            quote.said = bool(lemmas & _SAID) or "according to" in quote.cue.lower()


def _overlap(a: tuple[int, int], spans: list[tuple[int, int]]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in spans)


def one_to_one(pairs: Sequence[tuple[float, int, int]]) -> dict[int, int]:
    """A one-to-one matching of candidate ``(weight, gold, predicted)`` pairs as ``{gold: predicted}``:
    greedy, heaviest pair first, then augmenting paths so that no more gold items could be matched
    (a maximum matching that keeps the greedy choices wherever they cost no match)."""
    ordered = sorted(pairs, key=lambda t: (-t[0], t[1], t[2]))
    options: dict[int, list[int]] = {}
    for _, g, p in ordered:
        options.setdefault(g, []).append(p)
    gold_of: dict[int, int] = {}
    pred_of: dict[int, int] = {}
    for _, g, p in ordered:
        if g not in pred_of and p not in gold_of:
            pred_of[g], gold_of[p] = p, g

    def augment(g: int, seen: set[int]) -> bool:
        for p in options[g]:
            if p in seen:
                continue
            seen.add(p)
            if p not in gold_of or augment(gold_of[p], seen):
                pred_of[g], gold_of[p] = p, g
                return True
        return False

    for g in options:
        if g not in pred_of:
            augment(g, set())
    return pred_of


def score(articles: Sequence[GoldArticle], predictions: Sequence[Sequence[Predicted]]) -> dict[str, float]:
    found = speech = right = predicted = source_right = source_n = said = said_found = 0
    for article, preds in zip(articles, predictions):
        for p in preds:
            predicted += 1
            size = max(1, p.end - p.start)
            if any(_overlap((p.start, p.end), g.content) > COVER * min(size, g.size) for g in article.quotes):
                right += 1
        golds = [g for g in article.quotes if g.speech]
        pairs = []
        for i, g in enumerate(golds):
            for j, p in enumerate(preds):
                overlap = _overlap((p.start, p.end), g.content)
                if overlap > COVER * g.size:
                    pairs.append((overlap, i, j))
        matched = one_to_one(pairs)
        for i, g in enumerate(golds):
            speech += 1
            said += g.said
            if i in matched:
                found += 1
                said_found += g.said
                if g.source is not None:
                    source_n += 1
                    source_right += any(_overlap(s, [g.source]) for s in preds[matched[i]].speaker)
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
    from ..pipeline import Options, Pipeline
    from ..read import Source, input_offsets

    pipeline = Pipeline(Options(strict=True))
    out = []
    for article, outcome in zip(articles, pipeline.run(Source(name=a.name, data=a.text.encode("utf-8")) for a in articles)):
        record = input_offsets(outcome.record, article.text) if outcome.record else None  # gold offsets index the input
        preds = []
        for q in record.quotes if record else []:
            if q.type == "belief":
                continue  # the task is what was said or written (a document's findings too, as the gold's cues)
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
        method="GenderGapTracker-style, one-to-one: a gold speech attribution (cue a verb of communication of a fixed "
        "list, 'according to' or a colon, or a quotation mark in the content) is found when the predicted quote "
        "matched to it (each prediction matched to at most one gold) covers >30% of its content characters; a "
        "prediction is right when it matches any attribution so; source accuracy over found quotes with a source: "
        "the matched prediction's speaker (any mention of its entity) overlaps the gold source. n is gold speech "
        "attributions; said_recall: recall over those cued by say/tell/add/according to. textacy: direct_quotations "
        "on the raw spaCy parse.",
        scores=[
            _score("newsgraph", score(articles, newsgraph_predictions(articles))),
            _score("textacy 0.13 direct_quotations", score(articles, textacy_predictions(articles, nlp))),
        ],
    )
