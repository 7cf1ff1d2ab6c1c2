"""Distinct people per article, matched by full name, on MEANTIME (Wikinews, entity-annotated).

Gold: every MEANTIME ``ENTITY`` of type PER that at least one *named* mention (``NAM``) refers to,
in the part of each article MEANTIME annotates (the title and first sentences; the text is cut there);
its name is the entity's descriptor: "Thomas (Tom) Enders (CEO of Airbus)" is given name Thomas or Tom,
surname Enders. Read from the descriptor (:func:`person`): a parenthesis holding one capitalised word
between name words is a nickname, an alternative given name ("(Tom)"); any other parenthesis is a
description and no part of the name ("(CEO of Airbus)"); leading titles ("Mr Justice Anthony Mann",
"President Vladimir Putin") and trailing generational suffixes ("William Clay Ford Jr.") are dropped;
only capitalised words count ("board of directors" names nobody). The given name is the first name
word, the surname the last; words in between (middle names, initials) are free to differ.

Predicted: newsgraph's PERSON entities (full pipeline, cleaning included), or raw spaCy's PERSON spans
deduplicated by text (so "Olaf Scholz" and "Scholz" are two predicted people, as a reader of raw
spaCy output would count them), each read as a name the same way. A predicted person matches a gold
person when their surnames and their given names agree (each word compared by
:func:`newsgraph.entities.name_key`, so case and transliteration agree); a gold descriptor of one
name word is matched by surname alone, but a prediction of a surname alone matches no gold full name.
Matching is one-to-one (each gold person found at most once, each prediction finds at most one);
every other prediction is a false positive. P/R/F1 are micro-averaged over articles.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EvalError
from . import Report, Score, task
from .quotes import one_to_one


@dataclass(frozen=True, slots=True)
class Person:
    """A person's identity for matching: name keys of the given name(s) and the surname."""

    given: frozenset[str]  # the first name word, and a nickname; empty for a name of one word
    surname: str
    name: str = field(default="", compare=False)

    def matches(self, predicted: Person) -> bool:
        """Whether a predicted person is this (gold) person: same surname, and same given name when
        this one has one."""
        return predicted.surname == self.surname and (not self.given or bool(predicted.given & self.given))


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    text: str
    people: frozenset[Person]
    pronouns: tuple[tuple[int, Person], ...] = ()  # (start offset, person) of pronouns naming a person


# fixed here (not the extractor's data/titles.txt): words that open a name without being part of it
_TITLES = frozenset(
    "mr mrs ms miss mister madam dr doctor prof professor sir dame lord lady justice judge president vice senator sen "
    "rep representative congressman congresswoman governor gov mayor minister prime secretary chancellor general gen "
    "colonel col captain capt admiral adm sergeant sgt lieutenant lt king queen prince princess pope rev reverend "
    "father sister brother saint st sheikh ayatollah chief ceo chairman chairwoman spokesman spokeswoman presiding acting "
    "former deputy executive".split()
)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_PAREN = re.compile(r"\(([^()]*)\)")


_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "%", ")", "]", "'s", "n't", "'re", "'ve", "'ll", "'d"}


def _join(tokens: list[str]) -> tuple[str, list[int]]:
    """Tokens → text with ordinary spacing, and each token's start offset in it."""
    out: list[str] = []
    starts: list[int] = []
    length, prev = 0, ""
    for token in tokens:
        token = {"``": '"', "''": '"'}.get(token, token)
        if out and token not in _NO_SPACE_BEFORE and prev not in ("(", "[", "$") and not re.fullmatch(r"[A-Z]'", prev):
            out.append(" ")
            length += 1
        starts.append(length)
        out.append(token)
        length += len(token)
        prev = token
    return "".join(out), starts


def meantime_text(root: ET.Element) -> tuple[str, dict[str, tuple[int, int]]] | None:
    """The annotated part of one MEANTIME document (the title and the first sentences: the text
    stops where its markables do), sentences joined by a blank line, and each token's (start, end)
    in it by ``t_id``; None for a document without markables."""
    tokens = list(root.iter("token"))
    markables = root.find("Markables")
    if markables is None:
        return None
    sentence = {t.get("t_id"): int(t.get("sentence", 0) or 0) for t in tokens}
    last = max((sentence.get(a.get("t_id"), -1) for a in markables.iter("token_anchor")), default=-1)
    by_sentence: dict[int, list[ET.Element]] = {}
    for t in tokens:
        if sentence[t.get("t_id")] <= last:
            by_sentence.setdefault(sentence[t.get("t_id")], []).append(t)
    parts, offset, span_of = [], 0, {}
    for _, sent in sorted(by_sentence.items()):
        text, starts = _join([t.text or "" for t in sent])
        ends = starts[1:] + [len(text)]
        for t, s, e in zip(sent, starts, ends):
            span_of[t.get("t_id")] = (offset + s, offset + s + len(text[s:e].rstrip()))
        parts.append(text)
        offset += len(text) + 2
    return "\n\n".join(parts), span_of


def read_meantime_xml(file: Path) -> tuple[ET.Element, str, dict[str, tuple[int, int]]] | None:
    """One MEANTIME file: its XML root with :func:`meantime_text` of it (None without markables)."""
    try:
        root = ET.parse(file).getroot()
    except ET.ParseError as e:
        raise EvalError(f"{file}: not XML: {e}") from None
    annotated = meantime_text(root)
    return None if annotated is None else (root, *annotated)


def load_meantime(path: str | Path) -> list[GoldArticle]:
    """Every MEANTIME XML file under ``path`` as text, gold people and gold pronoun links."""
    files = sorted(Path(path).rglob("*.xml"))
    if not files:
        raise EvalError(f"{path}: no MEANTIME .xml files")
    articles = []
    for file in files:
        annotated = read_meantime_xml(file)
        if annotated is None:
            continue
        root, text, span_of = annotated
        start_of = {t_id: start for t_id, (start, _) in span_of.items()}
        markables = root.find("Markables")
        kind = {m.get("m_id"): m.get("syntactic_type") for m in markables.iter("ENTITY_MENTION")}
        first = {m.get("m_id"): next((a.get("t_id") for a in m.iter("token_anchor")), None) for m in markables.iter("ENTITY_MENTION")}
        people = {e.get("m_id"): e.get("TAG_DESCRIPTOR", "") for e in markables.iter("ENTITY") if e.get("ent_type") == "PER"}
        found, pronouns = set(), []
        for rel in root.iter("REFERS_TO"):
            target = rel.find("target")
            if target is None or target.get("m_id") not in people:
                continue
            sources = [s.get("m_id") for s in rel.iter("source")]
            if any(kind.get(m) == "NAM" for m in sources):  # a named person
                gold = person(people[target.get("m_id")])
                if gold is None:  # "board of directors": no name in the descriptor
                    continue
                found.add(gold)
                pronouns += [(start_of[first[m]], gold) for m in sources if kind.get(m) == "PRO" and first.get(m) in start_of]
        articles.append(GoldArticle(file.stem, text, frozenset(found), tuple(sorted(pronouns, key=lambda p: p[0]))))
    return articles


def person(name: str) -> Person | None:
    """A name (a gold descriptor or a predicted entity's name) as a :class:`Person`; None when it has no
    capitalised word. "Thomas (Tom) Enders (CEO of Airbus)" → given {thomas, tom}, surname enders."""
    from ..entities import name_key

    nicknames: list[str] = []

    def paren(m: re.Match) -> str:
        inside = m.group(1).split()
        between = bool(_NAME_WORD.search(name[m.end() :])) and bool(_NAME_WORD.search(name[: m.start()]))
        if len(inside) == 1 and inside[0][:1].isupper() and not inside[0].isupper() and between:
            nicknames.append(inside[0])
        return " "

    words = []
    for w in _NAME_WORD.findall(_PAREN.sub(paren, name)):
        w = re.sub(r"['’]s$", "", w).rstrip(".")
        if w[:1].isupper():
            words.append(w)
    while len(words) > 1 and words[0].lower() in _TITLES:
        words.pop(0)
    while len(words) > 1 and words[-1].lower() in _SUFFIXES:
        words.pop()
    keys = [k for k in (name_key(w) for w in words) if k]
    if not keys:
        return None
    given = frozenset(name_key(w) for w in [words[0], *nicknames]) if len(keys) > 1 else frozenset()
    return Person(given, keys[-1], " ".join(words))


def _count(gold: Iterable[Person], predicted: Iterable[Person | None]) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of one article: a one-to-one matching of
    predicted to gold people (a full-name match preferred to a surname one)."""
    gold, predicted = list(gold), list(predicted)
    pairs = [
        (1 + bool(g.given), i, j) for i, g in enumerate(gold) for j, p in enumerate(predicted) if p is not None and g.matches(p)
    ]
    found = len(one_to_one(pairs))
    return found, len(predicted) - found, len(gold) - found


def _score(system: str, counts: list[tuple[int, int, int]], extra: dict[str, float] | None = None) -> Score:
    tp, fp, fn = (sum(c[i] for c in counts) for i in range(3))
    return Score.counted(system, tp, fp, fn, extra)


@task("people", gold="meantime/intra-doc_annotation", summary="distinct people per article, by full name, on MEANTIME")
def evaluate(gold: str) -> Report:
    from ..analyse import plain
    from ..pipeline import Options, Pipeline
    from ..read import Source, input_offsets

    articles = load_meantime(gold)
    pipeline = Pipeline(Options(strict=True))
    ours, raw = [], []
    outcomes = pipeline.run(Source(name=a.name, data=a.text.encode("utf-8")) for a in articles)
    pronouns_right = 0
    for article, outcome in zip(articles, outcomes):
        entities = input_offsets(outcome.record, article.text).entities if outcome.record else []  # gold offsets index the input
        ours.append(_count(article.people, (person(e.name) for e in entities if e.type == "PERSON")))
        resolved = {m.start: person(e.name) for e in entities for m in e.mentions if m.label == "PRON"}
        pronouns_right += sum(resolved.get(start) is not None and gold.matches(resolved[start]) for start, gold in article.pronouns)
    nlp = pipeline.nlp
    with plain(nlp):
        for article, doc in zip(articles, nlp.pipe(a.text for a in articles)):
            texts = {e.text for e in doc.ents if e.label_ == "PERSON"}
            raw.append(_count(article.people, (person(t) for t in texts)))
    return Report(
        task="people",
        gold=gold,
        method="Distinct people per article, a predicted person matching a gold person by given name and surname "
        "(by surname alone where the gold descriptor has one name word; a bare surname matches no full name), one "
        "to one; micro P/R/F1 over articles; n is gold people. Raw spaCy: PERSON spans deduplicated by text. "
        f"pronouns: share of the {sum(len(a.pronouns) for a in articles)} gold pronouns naming a person "
        "that newsgraph resolves to an entity matching that person so.",
        scores=[
            _score("newsgraph", ours, {"pronouns": pronouns_right / max(1, sum(len(a.pronouns) for a in articles))}),
            _score("spaCy sm (raw), by text", raw, {"pronouns": 0.0}),
        ],
    )
