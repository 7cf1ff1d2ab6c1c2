"""Distinct people per article, matched by surname, on MEANTIME (Wikinews, entity-annotated).

Gold: every MEANTIME ``ENTITY`` of type PER that at least one *named* mention (``NAM``) refers to,
in the part of each article MEANTIME annotates (the title and first sentences; the text is cut there);
its surname is the last word of the entity's descriptor ("Thomas (Tom) Enders (CEO of Airbus)" →
Enders). Predicted: newsgraph's PERSON
entities (full pipeline, cleaning included), or raw spaCy's PERSON spans deduplicated by text
(so "Olaf Scholz" and "Scholz" are two predicted people, as a reader of raw spaCy output would
count them). A gold person is found when a predicted person has the same surname key
(:func:`newsgraph.entities.name_key`); each gold person is found at most once, every other
prediction is a false positive. P/R/F1 are micro-averaged over articles.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import EvalError
from . import Report, Score, task


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    text: str
    surnames: frozenset[str]  # name keys
    pronouns: tuple[tuple[int, str], ...] = ()  # (start offset, surname key) of pronouns naming a person


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
    """Every MEANTIME XML file under ``path`` as text, gold surnames and gold pronoun links."""
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
        surnames, pronouns = set(), []
        for rel in root.iter("REFERS_TO"):
            target = rel.find("target")
            if target is None or target.get("m_id") not in people:
                continue
            sources = [s.get("m_id") for s in rel.iter("source")]
            if any(kind.get(m) == "NAM" for m in sources):  # a named person
                key = _surname(re.sub(r"\([^)]*\)", " ", people[target.get("m_id")]))  # "(CEO of Airbus)"
                surnames.add(key)
                pronouns += [(start_of[first[m]], key) for m in sources if kind.get(m) == "PRO" and first.get(m) in start_of]
        articles.append(GoldArticle(file.stem, text, frozenset(k for k in surnames if k), tuple(sorted(pronouns))))
    return articles


def _count(gold: frozenset[str], predicted: Iterable[str]) -> tuple[int, int, int]:
    predicted = list(predicted)
    found = {k for k in predicted if k in gold}
    return len(found), len(predicted) - len(found), len(gold) - len(found)


def _surname(name: str) -> str:
    from ..entities import name_key

    words = [w for w in re.findall(r"[\w'’-]+", name) if w[:1].isupper() and w not in ("'s", "’s")]
    return name_key(words[-1]) if words else ""


def _score(system: str, counts: list[tuple[int, int, int]], extra: dict[str, float] | None = None) -> Score:
    tp, fp, fn = (sum(c[i] for c in counts) for i in range(3))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return Score(system, p, r, 2 * p * r / (p + r) if p + r else 0.0, tp + fn, extra=extra or {})


@task("people", gold="meantime/intra-doc_annotation", summary="distinct people per article, by surname, on MEANTIME")
def evaluate(gold: str) -> Report:
    from ..analyse import plain
    from ..pipeline import Pipeline
    from ..read import Source

    articles = load_meantime(gold)
    pipeline = Pipeline()
    ours, raw = [], []
    outcomes = pipeline.run(Source(name=a.name, data=a.text.encode("utf-8")) for a in articles)
    pronouns_right = 0
    for article, outcome in zip(articles, outcomes):
        entities = outcome.record.entities if outcome.record else []
        ours.append(_count(article.surnames, (_surname(e.name) for e in entities if e.type == "PERSON")))
        resolved = {m.start: _surname(e.name) for e in entities for m in e.mentions if m.label == "PRON"}
        pronouns_right += sum(resolved.get(start) == key for start, key in article.pronouns)
    nlp = pipeline.nlp
    with plain(nlp):
        for article, doc in zip(articles, nlp.pipe(a.text for a in articles)):
            texts = {e.text for e in doc.ents if e.label_ == "PERSON"}
            raw.append(_count(article.surnames, (_surname(t) for t in texts)))
    return Report(
        task="people",
        gold=gold,
        method="Distinct people per article, a predicted person matching a gold person by surname; "
        "micro P/R/F1 over articles; n is gold people. Raw spaCy: PERSON spans deduplicated by text. "
        f"pronouns: share of the {sum(len(a.pronouns) for a in articles)} gold pronouns naming a person "
        "that newsgraph resolves to that person.",
        scores=[
            _score("newsgraph", ours, {"pronouns": pronouns_right / max(1, sum(len(a.pronouns) for a in articles))}),
            _score("spaCy sm (raw), by text", raw, {"pronouns": 0.0}),
        ],
    )
