"""Evaluation of the times stage on TimeML gold: TempEval-3's TBAQ-cleaned (TimeBank + AQUAINT) and,
as a second, held-out-like set, MEANTIME's TIMEX3 markables (Wikinews, CAT XML).

Gold: every ``.tml`` file under the gold directory (for TBAQ-cleaned: TimeBank, AQUAINT and the one
gold document of ``testpipeline``, each document id once), the text of ``<TEXT>`` with its TIMEX3
spans (type, value, mod); the document creation time (the TIMEX3 with
``functionInDocument="CREATION_TIME"``, in ``<DCT>``) is the article's ``published`` date.
MEANTIME documents are token lists: the text is rebuilt from the tokens (one sentence a line, spaces
between tokens except before closing punctuation), each markable spans its anchor tokens; markables
without tokens (empty "implicit" times) are left out. MEANTIME annotates the
title and the first five or so sentences of each article only, so the text stops after the last
sentence that holds any markable.

Scoring the TempEval-3 way: a system timex and a gold timex *match* when their spans overlap
(relaxed) or are identical (strict). P/R/F1 are the relaxed span figures; ``strict_f1`` the strict
ones; ``value_f1``: a system timex counts when it matches a gold timex (relaxed) and has the same
value, precision over system timexes and recall over gold timexes; ``type_accuracy`` over the
relaxed matches. The reference system is spaCy's raw model (DATE and TIME entities) with each entity
normalised by dateparser 1.5 (``RELATIVE_BASE`` = the creation time; a duration or set cannot come
out of it, an unparsed entity keeps the underspecified value ``XXXX-XX-XX``).

``newsgraph eval times DIR`` reads TimeML when ``DIR`` holds ``.tml`` files and MEANTIME otherwise, so
the same task scores ``meantime/intra-doc_annotation``. newsgraph runs the real pipeline (read, clean,
parse, every stage); the cleaned record's text must equal the gold text (offsets are checked).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import EvalError
from . import Report, Score, task


@dataclass(slots=True)
class Timex:
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None


@dataclass(slots=True)
class GoldDoc:
    name: str
    text: str
    published: str | None
    timexes: list[Timex] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# loaders


def _published(value: str | None) -> str | None:
    """The ISO date of a creation-time value ("1990-08-15T13:37" → "1990-08-15")."""
    m = re.match(r"\d{4}-\d\d-\d\d", value or "")
    return m.group() if m else None


def read_tml(path: str | Path) -> GoldDoc:
    """One TimeML document: the plain text of ``<TEXT>``, its TIMEX3s and the creation time."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        raise EvalError(f"{path}: not a TimeML file: {e}") from None
    dct = next((t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None)
    body = root.find("TEXT")
    if body is None:
        raise EvalError(f"{path}: no <TEXT> element")
    parts: list[str] = []
    timexes: list[Timex] = []
    pos = 0

    def walk(element: ET.Element) -> None:
        nonlocal pos
        start = pos
        if element.text:
            parts.append(element.text)
            pos += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if element.tag == "TIMEX3" and pos > start:
            timexes.append(Timex(start, pos, element.get("type", "DATE"), element.get("value", ""), element.get("mod")))

    walk(body)
    name = root.findtext("DOCID") or Path(path).stem
    return GoldDoc(name.strip(), "".join(parts), _published(dct.get("value") if dct is not None else None), timexes)


def load_timeml(path: str | Path) -> list[GoldDoc]:
    """Every ``.tml`` document under ``path`` (a file or a directory, searched recursively), each
    document id once."""
    root = Path(path)
    files = [root] if root.is_file() else sorted(root.rglob("*.tml"))
    docs: dict[str, GoldDoc] = {}
    for f in files:
        doc = read_tml(f)
        docs.setdefault(doc.name, doc)
    if not docs:
        raise EvalError(f"{path}: no TimeML (.tml) files")
    return list(docs.values())


_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?%)\]}]|'s|'|n't|'re|'ve|'ll|'d|'m)$", re.I)
_NO_SPACE_AFTER = frozenset("([{$")


def read_cat(path: str | Path) -> GoldDoc:
    """One MEANTIME (CAT XML) document: text rebuilt from its tokens, TIMEX3 markables with tokens."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        raise EvalError(f"{path}: not a CAT XML file: {e}") from None
    spans: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    pos = 0
    sentence = None
    previous = ""
    sentences = {t.get("t_id"): t.get("sentence", "0") for t in root.iter("token")}
    markables = root.find("Markables")
    anchor_tokens = markables.iter("token_anchor") if markables is not None else iter(())
    annotated = [int(sentences[a.get("t_id")]) for a in anchor_tokens if a.get("t_id") in sentences]
    last = max(annotated, default=-1)
    for token in root.iter("token"):
        if int(token.get("sentence", "0")) > last:
            break  # MEANTIME annotates the title and the first sentences only
        text = token.text or ""
        if sentence is not None and token.get("sentence") != sentence:
            sep = "\n"
        elif sentence is None or _NO_SPACE_BEFORE.match(text) or previous in _NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        sentence = token.get("sentence")
        parts.append(sep)
        pos += len(sep)
        spans[token.get("t_id", "")] = (pos, pos + len(text))
        parts.append(text)
        pos += len(text)
        previous = text
    timexes = []
    dct = None
    for t in root.iter("TIMEX3"):
        if t.get("functionInDocument") == "CREATION_TIME":
            dct = t.get("value")
        anchors = [spans[a.get("t_id", "")] for a in t.iter("token_anchor") if a.get("t_id") in spans]
        if anchors:
            start, end = min(a for a, _ in anchors), max(b for _, b in anchors)
            timexes.append(Timex(start, end, t.get("type", "DATE"), t.get("value", "")))
    name = root.get("doc_name") or Path(path).stem
    return GoldDoc(name, "".join(parts), _published(dct), sorted(timexes, key=lambda t: t.start))


def load_meantime(path: str | Path) -> list[GoldDoc]:
    """Every MEANTIME document under ``path`` (``*.xml`` in it and its subdirectories)."""
    root = Path(path)
    files = [root] if root.is_file() else sorted(root.rglob("*.xml"))
    docs = [read_cat(f) for f in files]
    if not docs:
        raise EvalError(f"{path}: no MEANTIME (.xml) files")
    return docs


def load_gold(path: str | Path) -> list[GoldDoc]:
    """TimeML (``.tml``) or MEANTIME (``.xml``) documents, whichever ``path`` holds."""
    root = Path(path)
    if root.suffix == ".xml" or (root.is_dir() and not any(root.rglob("*.tml")) and any(root.rglob("*.xml"))):
        return load_meantime(root)
    return load_timeml(root)


# ---------------------------------------------------------------------------------------------
# scoring


def _overlaps(a: Timex, b: Timex) -> bool:
    return a.start < b.end and b.start < a.end


def score(docs: Sequence[GoldDoc], predictions: Sequence[Sequence[Timex]]) -> dict[str, float]:
    """TempEval-3 figures: relaxed and strict span P/R/F1, value F1, type accuracy."""
    n_sys = n_gold = relaxed_p = relaxed_r = strict = value_p = value_r = typed = type_right = 0
    for doc, preds in zip(docs, predictions):
        n_sys += len(preds)
        n_gold += len(doc.timexes)
        for p in preds:
            matches = [g for g in doc.timexes if _overlaps(p, g)]
            relaxed_p += bool(matches)
            strict += any(g.start == p.start and g.end == p.end for g in matches)
            value_p += any(g.value == p.value for g in matches)
            if matches:
                typed += 1
                best = max(matches, key=lambda g: min(g.end, p.end) - max(g.start, p.start))
                type_right += best.type == p.type
        for g in doc.timexes:
            matches = [p for p in preds if _overlaps(p, g)]
            relaxed_r += bool(matches)
            value_r += any(p.value == g.value for p in matches)

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    p = relaxed_p / n_sys if n_sys else 0.0
    r = relaxed_r / n_gold if n_gold else 0.0
    sp, sr = (strict / n_sys if n_sys else 0.0), (strict / n_gold if n_gold else 0.0)
    vp, vr = (value_p / n_sys if n_sys else 0.0), (value_r / n_gold if n_gold else 0.0)
    return {
        "precision": p, "recall": r, "f1": f1(p, r), "n": n_gold,
        "strict_f1": f1(sp, sr), "value_precision": vp, "value_recall": vr, "value_f1": f1(vp, vr),
        "type_accuracy": type_right / typed if typed else 0.0,
    }  # fmt: skip


# ---------------------------------------------------------------------------------------------
# systems


def newsgraph_predictions(docs: Sequence[GoldDoc]) -> list[list[Timex]]:
    """The real pipeline (read, clean, parse, every extract stage), each document with its creation
    time as ``published``; offsets are checked against the gold text."""
    from ..pipeline import Options, Pipeline
    from ..read import Source, input_offsets

    runner = Pipeline(Options(strict=True))
    records = []
    for d in docs:
        outcome = Pipeline(Options(published=d.published, strict=True)).prepare(Source(name=d.name, data=d.text.encode("utf-8")))
        if outcome.record is None:
            raise EvalError(f"{d.name}: the pipeline refused it: {outcome.error}")
        records.append(outcome.record)
    out = []
    for d, record, parsed in zip(docs, records, runner.docs(records)):
        runner.extract(record, parsed)
        record = input_offsets(record, d.text)  # gold offsets index the input, invisible characters and all
        out.append([Timex(t.start, t.end, t.type, t.value, t.mod) for t in record.times])
    return out


@lru_cache(maxsize=8)
def _dateparser(published: str | None):
    import datetime as dt

    from dateparser.date import DateDataParser

    settings: dict = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}
    if published:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(published)
    return DateDataParser(languages=["en"], settings=settings)


def _dateparser_value(text: str, published: str | None, label: str) -> str:
    try:
        data = _dateparser(published).get_date_data(text)
    except Exception:  # dateparser raises on some inputs; the reference system just has no value then
        return "XXXX-XX-XX"
    when = data.date_obj
    if when is None:
        return "XXXX-XX-XX"
    period = data.period or "day"
    if period == "year":
        return f"{when.year:04d}"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    if period == "week":
        year, week, _ = when.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if period == "time" or label == "TIME":
        return when.strftime("%Y-%m-%dT%H:%M")
    return when.strftime("%Y-%m-%d")


def spacy_dateparser_predictions(docs: Sequence[GoldDoc], nlp) -> list[list[Timex]]:
    """spaCy's raw model (DATE and TIME entities), each normalised by dateparser with the creation
    time as ``RELATIVE_BASE``."""
    from ..analyse import plain

    out = []
    with plain(nlp):
        for d, doc in zip(docs, nlp.pipe(d.text for d in docs)):
            preds = []
            for e in doc.ents:
                if e.label_ in ("DATE", "TIME"):
                    preds.append(Timex(e.start_char, e.end_char, e.label_, _dateparser_value(e.text, d.published, e.label_)))
            out.append(preds)
    return out


def _score(system: str, s: dict[str, float], extra: dict[str, float] | None = None) -> Score:
    keys = ("strict_f1", "value_precision", "value_recall", "value_f1", "type_accuracy")
    return Score(system, s["precision"], s["recall"], s["f1"], int(s["n"]), extra={**{k: s[k] for k in keys}, **(extra or {})})


def report(gold: str, docs: Sequence[GoldDoc], name: str = "times") -> Report:
    """Score newsgraph and the reference system on ``docs``."""
    from ..analyse import load_nlp

    nlp = load_nlp()
    return Report(
        task=name,
        gold=gold,
        method="TempEval-3 style: P/R/F1 by relaxed span match (any overlap) of TIMEX3s, strict_f1 by identical spans; "
        "value_f1: a timex counts when it matches (relaxed) one of the other side with the same value; type_accuracy "
        "over relaxed matches; n is gold timexes, each document anchored on its creation time. Reference: spaCy "
        "sm DATE/TIME entities normalised by dateparser 1.5 (RELATIVE_BASE = creation time).",
        scores=[
            _score("newsgraph", score(docs, newsgraph_predictions(docs))),
            _score("spaCy sm + dateparser", score(docs, spacy_dateparser_predictions(docs, nlp))),
        ],
    )


@task(
    "times",
    gold="tempeval3/TBAQ-cleaned",
    summary="temporal expressions on TempEval-3 TBAQ-cleaned (TimeBank + AQUAINT): relaxed span P/R/F1, strict F1, value F1",
)
def evaluate(gold: str) -> Report:
    return report(gold, load_gold(gold))


@task(
    "times-meantime",
    gold="meantime/intra-doc_annotation",
    summary="temporal expressions on MEANTIME (Wikinews, annotated sentences): the same scores on other news",
)
def evaluate_meantime(gold: str) -> Report:
    return report(gold, load_gold(gold), name="times-meantime")
