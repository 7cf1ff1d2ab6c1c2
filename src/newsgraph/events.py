"""Stage 4e, events: who did what to whom, where and when, in PLOVER categories.

* **Triggers** are verbs and event nouns of a lexicon (``data/events.tsv``: lemma, part of speech,
  PLOVER type, notes), written from the PLOVER codebook's category definitions and the CAMEO verb
  categories they merge: "met", "visit", "talks" → CONSULT; "deal", "signed", "agreed" → AGREE;
  "invasion", "bombed", "killed" → ASSAULT; "shelled", "clashes", "opened fire" → FIGHT (conventional
  military force, CAMEO 19); "annexed", "arrested" → COERCE; "sanctions" → SANCTION, … A row may
  ask for a particle ("pull out", "call for"), an object ("cut ties", "open fire"), a modifier ("air
  strike" is FIGHT, a plain "strike" PROTEST) or a governing verb ("carried out strikes"); such rows
  are tried before the plain ones; a word of a title or a law's name ("Meet the Press") is none.
  Candidates are found by lemma (or, where the lemmatiser slips,
  by inflected form) over the token array, so only the few matching tokens are looked at.
* **Light verbs** ("held talks", "launched an attack", "struck a deal", "carried out strikes")
  take the type of their event noun; the trigger spans verb to noun.
* **Frames.** An event governed by another (through an infinitive, a complement clause or the
  object) is part of that one, not an event of its own: a verbal act's type wins ("threatened to
  impose sanctions" is THREATEN, "demanded that X withdraw" DEMAND, "refused to meet" REJECT,
  "accused X of bombing" DISAPPROVE); a verb of intention ("promised", "offered", "vowed",
  "willing to", "plans to") and the future auxiliaries "will"/"would" make a cooperative event AGREE
  and a conflict THREATEN, as PLOVER codes intentions; "must"/"should" make it DEMAND; "could",
  "may", "might", "can" hold it out as possible: force is THREATEN ("said it could halt fuel shipments"),
  anything else no event ("the loan might support farmers"); "failed to" negates; agreeing that
  something is so ("agreed that the budget was too small") is a view, not an agreement; declining
  to comment ("declined to comment", "refused to say whether …") is no refusal PLOVER codes; support
  counted in a poll ("58 percent of voters support X", "support among older voters") is an opinion.
  A verb whose doer does no political act (``data/inert_nouns.txt``, from WordNet: an animal, a
  substance, a phenomenon, a price: "gusts battered the coast", "prices rallied") tells no event;
  nor does force on an abstraction ("fought deflation": ``data/object_kinds.tsv``), goods ordered (a
  purchase), people at leisure rushing a place ("holidaymakers invaded the beaches":
  ``data/leisure_nouns.txt``) or an event told as a schedule ("the council meets every month").
  Nor does an indirect question ("asked whether X would sign"), an event still to come ("has yet to
  endorse") or the one not chosen ("instead of a visit", "rather than negotiate").
  **Negation** ("did not agree", "no deal") turns cooperation into REJECT and drops a negated
  conflict; the "to" infinitive of a negated verb the lexicon does not know is no event ("did not
  want to meet", "does not expect them to sign"). A purpose infinitive under an event ("staged
  protests to demand reforms") is part of it.
* **A learned reading** (:mod:`newsgraph.event_types`, ``data/event_types.npz``): a model over each
  verb and noun judges the sense of the lexicon's words (an event dropped where it is sure there is
  none), chooses among the types the lexicon gives a word (others only where it is sure), and in a
  sentence left without an event puts one on the word the lexicon does not know that it is surest of.
* **Triggers by meaning** (``data/event_classes.tsv``, from WordNet by ``scripts/build_event_classes.py``):
  a verb or noun the lexicon lacks whose first sense is a trigger's sense or a kind of it ("slay",
  "incarcerate", phrasal "gun down") takes that trigger's type, and is an event only where its doer
  is a noun phrase ("the regime slew", not "he slew"). An attack whose doer is an armed force
  ("troops", "jets", "artillery") is FIGHT, conventional force; the PLOVER **mode** is given where a
  word says it (``data/event_modes.tsv``: "hunger strike", "arrested", "car bombing").
* **Participants** are entity ids: the actor is the subject of the trigger verb (through "to"
  infinitives, adverbial clauses without a subject, conjoined verbs and relative "who"), the "by"
  agent of a passive, or the possessor, "by"/"from" complement or national adjective of an event
  noun ("Russia's invasion", "a visit from Scholz", "Russian strikes"), else the subject of the
  verb the noun is the object of ("broke off talks"); the target the object, the passive subject,
  the subject of a demanded clause, or a "with"/"against"/"on"/"to"/"into" ("of" for nouns)
  complement. An actor no name names ("Gunmen", "Riot police", "Authorities", "Hundreds of
  nurses": a person or group noun of ``data/agent_nouns.txt``, or people counted) is kept as the
  span of its words, with no entity. A phrase is
  mapped to the entities whose mentions lie in it (coordinations give several), "it"/"they" to the
  non-person entity that was the subject just before, and "the two countries" / "both leaders" to
  the two most salient countries / people so far (mention counts, a person's mentions also
  counting for the country named next to the person's name: "German Chancellor Olaf Scholz").
* **Place** is a location entity in an "in"/"at"/"near" phrase of the trigger or its clause (also
  "to" for visits); **time** the value of a date or time (``record.times``) attached to the trigger
  or its clause without crossing into another clause. An event without its own time takes the
  time of an earlier mention of the same event nearby (same type, a shared participant: "X met Y
  on Monday … The two met in Astana"); a subordinate event with an actor but no target takes the
  target of the event governing it ("Russia occupied X since it launched its invasion").
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from . import event_types
from .event_types import FUTURE, OBLIGATION, POSSIBILITY  # modal auxiliaries: promised, required, held out as possible
from .entities import actor_nouns, agent_nouns
from .lists import data_lines
from .quotes import communication_verbs, coordinated_cue
from .record import Event, Participant, Record
from .record import Span as RecordSpan

COREFERENCE_REACH = 1500  # characters: an earlier mention of the same event this near lends its time

TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "INVESTIGATE", "DEMAND", "DISAPPROVE",
    "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT", "FIGHT", "CRIME",
)  # fmt: skip
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "INVESTIGATE"})
MATERIAL_CONFLICT = frozenset({"PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT", "FIGHT", "CRIME"})

# prepositions whose object is part of the event (not a separate, earlier or later one)
_ARGUMENT_PREPS = frozenset({"to", "for", "of", "on", "with", "against", "into", "in", "upon", "at", "about", "over", "from"})
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "conj", "csubj", "xcomp"})
_VERB_TARGET_PREPS = frozenset({"with", "against", "on", "to", "into", "upon", "toward", "towards"})
_NOUN_TARGET_PREPS = frozenset({"of", "with", "against", "on", "into", "to", "upon", "toward", "towards"})
_AWAY = frozenset({"RETREAT", "SANCTION"})  # "withdrew from X", "recalled its envoy from X": X is the target
_NOUN_ACTOR_PREPS = frozenset({"by", "from"})
_VISITS = frozenset({"visit", "tour"})  # the object visited is also where the event is
#: types whose place is where the sides meet or speak, no target: "held talks in Bergen", "signed a pact in Muscat"
_VENUE_TYPES = frozenset({"CONSULT", "AGREE", "SUPPORT", "COOPERATE", "DISAPPROVE", "REJECT", "INVESTIGATE"})
_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
_SENT = frozenset({"to", "into", "onto", "back", "out", "in", "off", "away", "home"})  # where an order sends what it orders
_NP_KEEP = frozenset("compound amod nmod poss conj cc appos det nummod quantmod case punct pobj".split())
_NP_PREPS = frozenset({"of", "from", "in"})
_PRONOUNS = frozenset({"it", "its", "they", "their", "them", "itself", "themselves"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_LOCATIONS = frozenset({"GPE", "LOC", "FAC"})
_COUNTRY_WORDS = frozenset("country nation government state capital neighbour neighbor power".split())
_SIDE_WORDS = frozenset({"side", "party", "camp", "group", "faction", "opposition"})
_COUNTS = frozenset({"ten", "dozen", "score", "hundred", "thousand", "million"})  # "Thousands of people"
_PERSON_WORDS = frozenset({"leader", "president", "man", "woman", "minister", "head", "premier", "chancellor", "counterpart"})
_TIME_TYPES = frozenset({"DATE", "TIME"})
# dependencies through which an event is the content or the purpose of the one above it
_CONTENT_DEPS = frozenset("xcomp ccomp dobj pobj prep pcomp acl advcl relcl oprd attr acomp compound nmod".split())
_CIRCUMSTANCES = frozenset({"after", "following", "amid", "despite", "during", "since"})
_ARMED = frozenset("troop force army jet warplane aircraft helicopter tank artillery navy military warship drone".split())
_ATTACKS = frozenset({"attack", "strike", "bomb", "hit", "target", "pound", "assault", "storm"})
_HOLDS = frozenset({"blockade", "occupy", "occupation", "besiege", "siege", "block"})
_PROTESTERS = frozenset("protester protestor demonstrator activist striker student worker farmer".split())
_PARTICLES = frozenset("in into out up down off on over back away with for to apart".split())
_CONDITIONS = frozenset({"if", "unless", "until", "till", "whether", "before", "lest"})
# names of works and laws: a trigger word in them tells no event
_TITLES = frozenset({"WORK_OF_ART", "LAW"})
# what a spokesman declines to give: a statement ("declined to comment", "refused to say", "declined to
# be named"), not a request or a proposal refused
_STATEMENTS = frozenset({"comment", "elaborate", "speculate", "say", "confirm", "disclose", "specify", "name", "identify", "interview"})
# the words of a share in per cent ("41 percent", "74%"): support so counted is an opinion poll's
_PARTITIVES = frozenset({"round", "series", "wave", "spate", "string", "flurry", "prospect"})  # "a round of talks"
_SHARES = frozenset({"percent", "cent", "%", "pct"})
_STATES = frozenset({"be", "remain", "stay", "seem", "appear", "look", "grow", "become"})  # "support … is strong"
_SOLDIERS = frozenset("soldier paratrooper marine commando militiaman guerrilla fighter rebel insurgent militant".split())


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of ``data/events.tsv``."""

    lemma: str
    pos: str
    type: str | None
    prt: frozenset[str] = frozenset()
    obj: frozenset[str] = frozenset()
    mod: frozenset[str] = frozenset()
    light: bool = False
    intent: bool = False
    frame: bool = False
    negate: bool = False
    via: frozenset[str] = frozenset()  # only as the object of these verbs
    noprt: frozenset[str] = frozenset()  # never with these particles
    intrans: bool = False  # only without an object or clause ("demonstrated" yes, "demonstrated that …", "rallied voters" no)
    trans: bool = False  # only with an object or an infinitive ("declined to pay", not "sales declined")
    inf: bool = False  # only with an infinitive ("asked X to leave", not "asked a question")
    agentobj: bool = False  # an object, or a "with" object, names someone ("met Tokayev", not "met expectations")
    nogoods: bool = False  # not with goods for its object ("ordered 20 jets" is a purchase)
    derived: bool = False  # from data/event_classes.tsv: an event only where it names its actor

    @property
    def conditioned(self) -> bool:
        """Whether the row holds only under a condition (particle, object, modifier, governing verb)."""
        return bool(self.prt or self.obj or self.mod or self.via)


def _entry(line: str) -> Entry:
    lemma, pos, type_, *rest = line.split("\t")
    notes = rest[0].split() if rest else []
    options = dict(note.split("=", 1) for note in notes if "=" in note)
    words = {k: frozenset(v.split("|")) for k, v in options.items()}
    flags = {flag: flag in notes for flag in ("light", "intent", "frame", "negate", "intrans", "trans", "inf", "agentobj", "nogoods")}
    conditions = {key: words.get(key, frozenset()) for key in ("prt", "obj", "mod", "via", "noprt")}
    return Entry(lemma, pos, None if type_ == "-" else type_, **conditions, **flags)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, list[Entry]]:
    """lemma → its rows: the hand lexicon's (``hand_lexicon``), then for the lemmas it does not list
    the rows of ``data/event_classes.tsv``."""
    hand = hand_lexicon()
    out = {lemma: list(entries) for lemma, entries in hand.items()}
    for entry in _classes(hand):  # triggers grouped by meaning, for lemmas the lexicon does not list
        rows = out.setdefault(entry.lemma, [])
        if entry.prt:  # a phrasal verb: after the lexicon's rows with conditions, before its plain ones
            rows.insert(sum(1 for e in rows if e.conditioned), entry)
        else:
            rows.append(entry)
    return out


@lru_cache(maxsize=1)
def hand_lexicon() -> dict[str, list[Entry]]:
    """lemma → its rows in ``data/events.tsv``: those with conditions first, then in file order (the
    first that holds wins)."""
    out: dict[str, list[Entry]] = {}
    for line in data_lines("events.tsv"):
        entry = _entry(line)
        out.setdefault(entry.lemma, []).append(entry)
    for entries in out.values():  # rows with conditions before the plain ones ("open fire" before light "open")
        entries.sort(key=lambda e: not e.conditioned)
    return out


def _classes(listed: dict[str, list[Entry]]) -> Iterable[Entry]:
    """The rows of ``data/event_classes.tsv`` (WordNet lemmas that mean a lexicon trigger): each takes
    the type of the trigger it came through and its role in frames (``frame``, ``intent``)."""
    for line in data_lines("event_classes.tsv"):
        lemma, pos, type_, through, _share = line.split("\t")
        seed = next((e for e in listed.get(through, ()) if e.type == type_), None)
        flags = {"frame": bool(seed and seed.frame), "intent": bool(seed and seed.intent)}
        words = lemma.split(" ")
        if len(words) == 2 and pos == "VERB" and words[1] in _PARTICLES:  # "gun down", "turn down", "look into"
            if not any(words[1] in e.prt for e in listed.get(words[0], ())):
                yield Entry(words[0], pos, type_, prt=frozenset(words[1:]), derived=True, **flags)
        elif len(words) == 1 and lemma not in listed:
            yield Entry(lemma, pos, type_, derived=True, **flags)


@lru_cache(maxsize=1)
def _forms() -> dict[str, str]:
    """Inflected forms → lemma, for tokens the lemmatiser gets wrong ("staged" → "stag", "forgave")."""
    out: dict[str, str] = {}
    lex = lexicon()
    for lemma, entries in lex.items():
        if any(e.pos == "VERB" for e in entries):
            stem = lemma[:-1] if lemma.endswith("e") else lemma
            for form in (lemma + "s", lemma + "d" if lemma.endswith("e") else lemma + "ed", stem + "ing"):
                out.setdefault(form, lemma)
    for line in data_lines("verb_forms.tsv"):  # irregular forms (WordNet's verb.exc): "forgave", "struck", "withdrew"
        form, _, lemma = line.partition("\t")
        if lemma in lex and any(e.pos == "VERB" for e in lex[lemma]):
            out.setdefault(form, lemma)
    return out


def _pos(token: Token) -> str:
    if token.pos_ in ("VERB", "AUX"):
        return "VERB"
    if token.pos_ == "NOUN" or (token.pos_ == "PROPN" and (token.text.islower() or token.is_sent_start)):  # "Talks between …"
        return "NOUN"
    return token.pos_


def _dated(prep: Token) -> bool:
    """"on Friday": a preposition whose object is a date is no particle ("called X on Friday")."""
    return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)


def _match(token: Token, entries: list[Entry]) -> Entry | None:
    pos = _pos(token)
    for entry in entries:
        if entry.pos not in (pos, "ANY"):
            continue
        children = list(token.children)
        particles = [c.lower_ for c in children if c.dep_ in ("prt", "prep", "advmod") and not _dated(c)]
        if entry.prt and not entry.prt.intersection(particles):
            continue
        if entry.prt and entry.derived and not any(c.lower_ in entry.prt and (c.dep_ == "prt" or c.i == token.i + 1) for c in children):
            continue  # a phrasal verb by meaning needs its particle ("gunned them down", "looked into"), not a later preposition
        if entry.noprt and any(c.lower_ in entry.noprt and c.dep_ in ("prt", "prep") for c in children):
            continue
        # the object, or a passive's subject: "sent troops" and "troops were sent" alike
        objects = [(c.lemma_.lower(), c.lower_, c.ent_type_) for c in children if c.dep_ in ("dobj", "nsubjpass")]
        if entry.obj and not any(entry.obj.intersection(o) for o in objects):
            continue
        if entry.mod and not any(c.dep_ in ("compound", "amod", "nmod", "npadvmod") and c.lower_ in entry.mod for c in children):
            continue
        if entry.via and not (token.dep_ == "dobj" and token.head.lemma_.lower() in entry.via):
            continue
        # an object ("rallied their supporters"), not one the parse took with a preposition of place
        # it misread ("rallied outside parliament")
        if entry.intrans and any(c.dep_ == "ccomp" or (c.dep_ == "dobj" and c.left_edge.lower_ not in _PLACE_PREPS) for c in children):
            continue
        if entry.trans and not any(c.dep_ in ("dobj", "xcomp", "ccomp", "nsubjpass") for c in children):
            continue
        if entry.inf and not any(c.dep_ == "xcomp" for c in children):
            continue
        if entry.agentobj and _things_met(children):
            continue
        if entry.nogoods and _bought(children):
            continue
        return entry
    return None


def _things_met(children: list[Token]) -> bool:
    """Whether what a verb of meeting meets is a thing, not someone: its object or the object of its
    "with" ("met expectations", "meet the deadline", "met with a lukewarm reception") is a common noun
    that names no person, group, country or armed force (:func:`_agent_word`)."""
    met = [c for c in children if c.dep_ == "dobj"]
    met += [g for c in children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]
    return bool(met) and not any(_agent_word(t) or any(g.ent_type_ for g in t.subtree) for t in met)


def _bought(children: list[Token]) -> bool:
    """Whether what a verb of command orders is goods, a purchase rather than a demand: its object a
    common noun whose first sense is an artifact, a food or a substance (:func:`_object_kind`: "ordered
    20 long-haul jets", "ordered three cargo planes"), with no act to be done ("ordered troops to
    withdraw", "ordered them grounded") and nowhere to send it ("ordered tanks into the city")."""
    if any(c.dep_ in ("xcomp", "ccomp", "oprd") or c.dep_ in ("prep", "prt", "advmod") and c.lower_ in _SENT for c in children):
        return False
    ordered = [c for c in children if c.dep_ in ("dobj", "nsubjpass")]
    return bool(ordered) and all(_object_kind(t) == "goods" for t in ordered)


def _abstraction(token: Token) -> bool:
    """Whether a noun phrase names an abstraction (:func:`_object_kind`), and so does what it counts or
    measures ("the rise of extremism"; not "scores of refugees"); "their way" of the way construction
    ("fought their way into the town") is a path, no abstraction."""
    if _object_kind(token) != "abstract" or _agent_word(token):
        return False  # "forces": someone after all
    if token.lemma_.lower() == "way" and any(c.dep_ == "poss" for c in token.children):
        return False
    of = _of_object(token)
    return of is None or _abstraction(of)


def _of_object(token: Token) -> Token | None:
    """The object of a noun's "of" phrase ("hundreds of shoppers" -> shoppers), or None."""
    return next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)


@lru_cache(maxsize=1)
def _object_kinds() -> dict[str, str]:
    """noun → "abstract" or "goods", by its first WordNet sense (``data/object_kinds.tsv``)."""
    return dict(line.split("\t") for line in data_lines("object_kinds.tsv"))


def _object_kind(token: Token) -> str | None:
    """"abstract" or "goods" for a common noun that names no entity and no event of the lexicon ("the
    release", "the war"), else None."""
    if token.pos_ != "NOUN" or token.ent_type_ or lexicon_types(token) & _PLOVER:
        return None
    return _object_kinds().get(token.lemma_.lower())


# ---------------------------------------------------------------------------------------------
# entities of a phrase


@dataclass(slots=True)
class _Index:
    """Which entity each token belongs to, and what "the two countries" may mean."""

    doc: Doc
    entity_of: dict[int, str]  # token index → entity id
    types: dict[str, str]  # entity id → type
    country: dict[str, bool]  # entity id → is a country
    nationality: dict[str, str]  # person entity id → country entity id
    positions: dict[str, list[int]]  # entity id → token indices of its mentions (first tokens)
    norp: set[int] = field(default_factory=set)  # tokens of demonym mentions ("Russian")


def _index(record: Record, doc: Doc) -> _Index:
    entity_of: dict[int, str] = {}
    positions: dict[str, list[int]] = {}
    norp: set[int] = set()
    for entity in record.entities:
        for mention in entity.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            for token in span:
                entity_of.setdefault(token.i, entity.id)
                if mention.label == "NORP":
                    norp.add(token.i)
            positions.setdefault(entity.id, []).append(span.start)
    for starts in positions.values():
        starts.sort()
    country = {e.id: e.place is not None and e.place.kind == "country" for e in record.entities}
    index = _Index(doc, entity_of, {e.id: e.type for e in record.entities}, country, {}, positions, norp)
    for entity in record.entities:
        if entity.type == "PERSON":
            found = Counter(
                c for m in entity.mentions if m.label is None for c in [_nationality(index, doc, m.start, m.end)] if c
            )
            if found:
                index.nationality[entity.id] = found.most_common(1)[0][0]
    return index


def _nationality(index: _Index, doc: Doc, start: int, end: int) -> str | None:
    """The country named next to a person's name: "German Chancellor Olaf Scholz", "Kassym-Jomart
    Tokayev, President of Kazakhstan"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    todo, seen = [(span.root, 0)], set()
    while todo:
        token, depth = todo.pop()
        if token.i in seen or depth > 3:
            continue
        seen.add(token.i)
        entity = index.entity_of.get(token.i)
        if entity and index.country.get(entity) and not (span.start <= token.i < span.end):
            return entity
        for child in token.children:
            if child.dep_ in ("compound", "amod", "appos", "nmod") or (child.dep_ == "prep" and child.lower_ == "of") or (
                child.dep_ == "pobj"
            ):
                todo.append((child, depth + 1))
    return None


def _np_tokens(token: Token) -> Iterable[Token]:
    """The tokens of the noun phrase headed by ``token``: its modifiers, coordinations and "of"
    complements, not its relative clauses or other attachments."""
    todo = [token]
    while todo:
        t = todo.pop()
        yield t
        for child in t.children:
            if child.dep_ in _NP_KEEP or (child.dep_ == "prep" and child.lower_ in _NP_PREPS):
                todo.append(child)


def _salient(index: _Index, before: int, kind: str) -> list[str]:
    """The two most mentioned entities of a kind (``person``, ``country``, or ``side``: a country
    or an organisation) before token ``before``; a person's mentions also count for the country
    named next to the person's name; ties go to the one mentioned last."""
    counts: Counter[str] = Counter()
    last: dict[str, int] = {}
    for entity, starts in index.positions.items():
        n = bisect_left(starts, before)
        owner = index.nationality.get(entity, "") if kind != "person" and index.types.get(entity) == "PERSON" else entity
        if not n or not owner or not _of_kind(index, owner, kind):
            continue
        counts[owner] += n
        last[owner] = max(last.get(owner, -1), starts[n - 1])
    ranked = sorted(counts, key=lambda e: (counts[e], last[e]), reverse=True)
    return ranked[:2] if len(ranked) >= 2 else []


def _of_kind(index: _Index, entity: str, kind: str) -> bool:
    if kind == "person":
        return index.types.get(entity) == "PERSON"
    return bool(index.country.get(entity)) or (kind == "side" and index.types.get(entity) == "ORG")


def _collective(index: _Index, token: Token) -> list[str] | None:
    """"the two countries", "both sides", "the two leaders", "the two" → the entities meant."""
    children = {c.lower_ for c in token.children if c.dep_ in ("nummod", "det", "predet", "quantmod")}
    lemma = token.lemma_.lower()
    if token.lower_ in ("two", "both") and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
        return _salient(index, token.i, "person")
    if not children & {"two", "both"}:
        return None
    if lemma in _SIDE_WORDS:
        return _salient(index, token.i, "side")
    if lemma in _COUNTRY_WORDS:
        return _salient(index, token.i, "country")
    if lemma in _PERSON_WORDS:
        return _salient(index, token.i, "person")
    return None


def _antecedent(index: _Index, token: Token) -> str | None:
    """"it"/"they": the non-person entity that was a subject just before (same sentence, then the
    sentence before), else the nearest such entity mention in those sentences."""
    doc = index.doc
    sent = token.sent
    start = sent.start
    if start > 0:
        start = doc[start - 1].sent.start
    nearest = None
    for i in range(token.i - 1, start - 1, -1):
        entity = index.entity_of.get(i)
        if entity is None or index.types.get(entity) == "PERSON":
            continue
        if doc[i].dep_ in ("nsubj", "nsubjpass") or doc[i].head.dep_ in ("nsubj", "nsubjpass"):
            return entity
        nearest = nearest or entity
    return nearest


def _modifies_other(index: _Index, token: Token, entity: str, root: Token) -> bool:
    """Whether a mention only qualifies another entity's: "German" in "German Chancellor Olaf
    Scholz", "Chile" in "President Luis Ortega of Chile"."""
    t = token
    while t.i != root.i and t.dep_ in ("amod", "compound", "nmod", "poss", "pobj", "prep") and t.head.i != t.i:
        t = t.head
        other = index.entity_of.get(t.i)
        if other is not None and other != entity:
            return True
    return False


def _entities(index: _Index, token: Token | None) -> list[str]:
    """Entity ids named by the phrase headed by ``token``."""
    if token is None:
        return []
    if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
        token = token.head.head
    if token.lower_ in _PRONOUNS and token.i not in index.entity_of:
        found = _antecedent(index, token)
        return [found] if found else []
    collective = _collective(index, token)
    if collective:
        return collective
    if token.i not in index.entity_of:  # "Japan's prime minister, Shinzo Abe": the apposition names who
        named = [a for a in token.children if a.dep_ == "appos" and a.i in index.entity_of]
        if named:
            return list(dict.fromkeys(index.entity_of[a.i] for a in named))
    out: list[str] = []
    for t in sorted(_np_tokens(token), key=lambda t: t.i):
        entity = index.entity_of.get(t.i)
        if entity and _modifies_other(index, t, entity, token):
            continue  # "German" in "German Chancellor Olaf Scholz" is his, not a participant
        if entity is None and t.lower_ in _PRONOUNS and t.dep_ == "poss":
            entity = _antecedent(index, t)
        if entity and entity not in out:
            out.append(entity)
    return out


# ---------------------------------------------------------------------------------------------
# triggers and frames


@dataclass(slots=True)
class _Proto:
    type: str | None
    entry: Entry
    anchor: Token  # the verb (or the event noun) that carries the event
    noun: Token | None = None  # the event noun, for nominal and light-verb events
    start: int = 0
    end: int = 0
    absorbed: list[_Proto] = field(default_factory=list)  # events governed by this one
    dropped: bool = False


@lru_cache(maxsize=1)
def _hashes() -> tuple[frozenset[int], frozenset[int]]:
    """The string hashes of the lexicon's lemmas (also capitalised) and of their inflected forms."""
    from spacy.strings import get_string_id

    lex = lexicon()
    wanted = frozenset(get_string_id(w) for lemma in lex for w in (lemma, lemma.capitalize()))
    return wanted, frozenset(get_string_id(form) for form in _forms())


def _candidates(doc: Doc) -> list[tuple[Token, Entry]]:
    from spacy.attrs import LEMMA, LOWER

    lex, forms = lexicon(), _forms()
    wanted, inflected = _hashes()
    out = []
    for i, (lemma, lower) in enumerate(doc.to_array([LEMMA, LOWER]).tolist()):
        if lemma in wanted or lower in inflected:
            token = doc[i]
            if token.ent_type_ in _TITLES:
                continue  # a word of a title or a law's name ("Meet the Press", "the Paris Agreement")
            key = token.lemma_.lower()
            if key not in lex or (lower in inflected and not _match(token, lex[key])):
                key = forms.get(token.lower_, key)
            entry = _match(token, lex.get(key, []))
            if entry is not None:
                out.append((token, entry))
    return out


def _protos(doc: Doc) -> list[_Proto]:
    found = _candidates(doc)
    by_token = {t.i: (t, e) for t, e in found}
    protos: dict[int, _Proto] = {}
    used_nouns: set[int] = set()
    for token, entry in found:
        if _pos(token) != "VERB" and entry.pos != "ADJ" or token.dep_ in ("amod", "compound"):
            continue  # a participle used as an adjective ("its long-threatened invasion") tells no event
        if entry.light:  # its object, or the object of its particle when that is a preposition ("went on strike")
            obj = next((c for c in token.children if c.dep_ == "dobj"), None)
            if entry.prt and (obj is None or obj.i not in by_token):
                preps = (c for c in token.children if c.dep_ == "prep" and c.lower_ in entry.prt)
                obj = next((g for c in preps for g in c.children if g.dep_ == "pobj"), obj)
            if obj is not None and obj.i in by_token and by_token[obj.i][1].type and _pos(obj) == "NOUN":
                noun_entry = by_token[obj.i][1]
                protos[token.i] = _Proto(noun_entry.type, noun_entry, token, obj, token.idx, obj.idx + len(obj))
                used_nouns.add(obj.i)
                continue
        if entry.type or entry.intent or entry.negate:
            after = [c for c in token.children if c.i > token.i]
            words = entry.prt | entry.obj
            particles = [c.idx + len(c) for c in after if c.lower_ in words or c.dep_ == "dobj" and c.lemma_.lower() in words]
            end = max([token.idx + len(token), *particles])
            protos[token.i] = _Proto(entry.type, entry, token, None, token.idx, end)
    for token, entry in found:
        if _pos(token) == "NOUN" and token.i not in used_nouns and (entry.type or entry.intent):
            protos[token.i] = _Proto(entry.type, entry, token, token, token.idx, token.idx + len(token))
    for proto in _obligations(doc, protos):
        protos.setdefault(proto.anchor.i, proto)
    return [protos[i] for i in sorted(protos)]


_DEMAND = Entry("must", "VERB", "DEMAND", frame=True)
_PLAIN = Entry("", "VERB", None)


def _obligations(doc: Doc, protos: dict[int, _Proto]) -> Iterable[_Proto]:
    """"X said Y must withdraw": a reported obligation laid on someone is a DEMAND by the speaker
    (anchored on the reporting verb; the obliged subject is its target)."""
    from spacy.attrs import LOWER

    must = doc.vocab.strings.add("must")
    for i, lower in enumerate(doc.to_array(LOWER).tolist()):
        if lower != must:
            continue
        verb = doc[i].head
        if doc[i].dep_ != "aux" or verb.dep_ != "ccomp" or verb.head.i in protos or verb.head.pos_ not in ("VERB", "AUX"):
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "NOUN") for c in verb.children):
            continue
        inner = protos.get(verb.i) or _Proto(None, _PLAIN, verb, None, verb.idx, verb.idx + len(verb))
        inner.dropped = True
        yield _Proto("DEMAND", _DEMAND, verb.head, None, doc[i].idx, verb.idx + len(verb), absorbed=[inner])


def _governor(proto: _Proto, protos: dict[int, _Proto]) -> _Proto | None:
    """The event this one is the content or the purpose of: "threatened [to impose sanctions]",
    "accused X [of bombing]", "demanded [that X withdraw]", "rejected [the deal]"."""
    token = proto.anchor
    for _ in range(6):
        dep, head = token.dep_, token.head
        if head == token:
            return None
        if dep == "prep" and token.lower_ not in _ARGUMENT_PREPS:
            return None
        if dep == "conj" and _pos(token) == "VERB" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            if head.dep_ in _CONTENT_DEPS:  # "…, killing one and arresting 12": the second shares the first's governor
                token = head
                continue
            return None
        if dep not in _CONTENT_DEPS:
            return None
        if dep in ("advcl", "acl", "relcl") and not _to_infinitive(token):
            participle = dep == "advcl" and token.tag_ == "VBG" and not any(c.dep_ in ("mark", "nsubj") for c in token.children)
            if not participle and not (dep == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)):
                return None  # only purpose and content infinitives, "…, killing 12" and "demand that …"
        governor = protos.get(head.i)
        if governor is not None and governor is not proto:
            return governor
        if dep == "ccomp" and _pos(head) == "VERB":
            return None  # "said that …": a speech verb is not an event
        token = head
    return None


def _background(proto: _Proto) -> bool:
    """Whether an event is told in a relative clause or a past participle describing someone ("the
    faction that controls …", "property seized by …"), in a condition ("unless X agrees", "before
    they demobilize"; also through a "to" infinitive: "if we want voters to support them"), in an
    indirect question (:func:`_question`), as the one not chosen ("instead of making a visit"), as an activity that is a clause's subject ("Negotiating with X made him
    unpopular"), or as a bare circumstance ("after violent protests"): not the event the sentence
    reports."""
    token = proto.anchor
    for t in [token, *token.ancestors]:
        if t.dep_ == "relcl" or (t.dep_ == "acl" and t.tag_ == "VBN"):
            return True
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in t.children):
            return True
        if t.dep_ in ("pcomp", "pobj") and t.head.lower_ in _CONDITIONS:
            return True
        if t.dep_ in ("csubj", "csubjpass") and t.head.dep_ in ("ROOT", "ccomp") and _activity(t):
            return True
        if _question(t) or _instead(t):
            return True
        if t.dep_ in ("ROOT", "ccomp") and t.pos_ in ("VERB", "AUX") and not (t.dep_ == "ccomp" and _to_infinitive(t)):
            break  # a reported clause; its "to" infinitive ("want voters to support") is still under what holds it
    noun = proto.noun
    if noun == proto.anchor and noun.dep_ == "pobj" and noun.head.lower_ in _CIRCUMSTANCES:
        return not any(
            (c.dep_ == "poss" and c.pos_ != "PRON") or (c.dep_ == "prep" and c.lower_ in _NOUN_ACTOR_PREPS) for c in noun.children
        )
    return False


def _instead(token: Token) -> bool:
    """Whether an event is the one not chosen: "instead of making a visit", "rather than negotiate"."""
    if token.dep_ in ("pcomp", "pobj"):
        prep = token.head
        if prep.lower_ == "of" and (prep.head.lower_ == "instead" or any(c.lower_ == "instead" for c in prep.children)):
            return True
        return prep.lower_ == "than" and prep.i > 0 and prep.doc[prep.i - 1].lower_ == "rather"
    if token.dep_ == "conj":  # "bombed the depot rather than negotiate": "than" the coordinator
        return any(c.dep_ == "cc" and c.lower_ == "than" and c.i > 0 and c.doc[c.i - 1].lower_ == "rather"
                   for c in token.head.children if c.i < token.i)
    return False


def _question(verb: Token) -> bool:
    """Whether a clause is an indirect question about its event: a complement clause with a wh-word
    as its object ("asked which candidate she would back", "declined to define what such a deal would
    include") or opened by "whether"/"if" ("asked whether the talks would resume"; also as a clause's
    subject: "whether the ministers will sign is unclear"). A wh-word subject
    ("unclear who carried out the attack") leaves the event told."""
    if verb.dep_ not in ("ccomp", "pcomp", "csubj") or verb.pos_ not in ("VERB", "AUX"):
        return False
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            continue
        if child.dep_ == "mark" and child.lower_ in ("whether", "if"):
            return True
        if child.tag_ in ("WDT", "WP", "WP$") or any(g.dep_ in ("det", "poss") and g.tag_ in ("WDT", "WP$") for g in child.children):
            return True
    return False


def _to_infinitive(verb: Token) -> bool:
    """Whether ``verb`` is a "to" infinitive ("to meet")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _activity(verb: Token) -> bool:
    """Whether a clause names an activity rather than telling an event: a gerund or a "to"
    infinitive without a subject of its own ("Negotiating with X made him unpopular", "To attack
    civilians is a crime"; not "That Russia invaded …"). Asked of the subject of a main or a
    reported clause: one the parse hangs on an adverbial clause is mostly a participle it misread
    (", charging its neighbour with …")."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children):
        return False
    return verb.tag_ == "VBG" or _to_infinitive(verb)


def _under_negation(token: Token) -> bool:
    """Whether an event is the "to" infinitive of a negated verb the lexicon does not know ("did not
    want to meet", "does not expect them to sign"): what is not even wanted or expected is not
    done. Climbs "to" infinitives (``xcomp``, or ``ccomp`` with "to"); a negated verb of the
    lexicon ("did not agree to", "refused") has already folded its content into its own event."""
    for _ in range(3):
        infinitive = token.dep_ == "xcomp" or (
            token.dep_ == "ccomp" and _to_infinitive(token)
        )
        if not infinitive or token.head == token:
            return False
        token = token.head
        if _negated(token):
            return True
    return False


def _yet_to(verb: Token) -> bool:
    """Whether an event is still to come: "has yet to endorse", "are yet to meet" (not done)."""
    return verb.dep_ == "xcomp" and _to_infinitive(verb) and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in verb.head.children)


def _withheld(proto: _Proto) -> bool:
    """Whether a refusal is one to comment ("declined to comment", "refused to say whether …",
    "declined comment", "declined requests for comment"): a statement withheld is no PLOVER event,
    unlike a refusal of a request, a proposal or an act ("declined the offer", "refused to pay"). An
    event the comment would have been on ("declined to comment on the ceasefire") goes with it."""
    if proto.entry.type != "REJECT":
        return False
    token = proto.noun or proto.anchor
    content = [c for c in token.children if c.dep_ in ("xcomp", "ccomp", "dobj", "acl")]

    def statement(c: Token) -> bool:
        if c.lemma_.lower() in _STATEMENTS:
            return True
        return c.dep_ == "dobj" and c.lemma_.lower() == "request" and any(  # "declined requests for comment"
            g.lemma_.lower() in _STATEMENTS for p in c.children if p.dep_ == "prep" and p.lower_ == "for" for g in p.children
        )

    return bool(content) and all(statement(c) for c in content)


def _a_share(token: Token) -> bool:
    """Whether a noun phrase is a share in per cent: "58 percent of voters", "74%", "12 per cent"."""
    return token.lower_ in _SHARES or any(t.lower_ in _SHARES for c in token.lefts for t in c.subtree)


def _polled(proto: _Proto) -> bool:
    """Whether support is counted rather than given: a share of voters in an opinion poll ("41 percent
    support for the party", "strong support among older voters", "backing from 74% of voters",
    "58 percent of voters support Morales") or support a predicate adjective describes ("support for
    the plan is strong") is an opinion, no PLOVER event; support an actor gives
    ("the parliament voted its support for the plan") is one."""
    if proto.type != "SUPPORT":
        return False
    if proto.noun is None:
        subject, _ = _subject(proto.anchor)
        return subject is not None and _a_share(subject)
    noun = proto.noun
    if _a_share(noun):
        return True
    if noun.dep_ == "nsubj" and noun.head.lemma_ in _STATES and any(c.dep_ == "acomp" for c in noun.head.children):
        return True  # described by a predicate adjective: "support for the plan is strong", "backing remains solid"
    for prep in (c for c in noun.children if c.dep_ == "prep"):
        objects = [g for g in prep.children if g.dep_ == "pobj"]
        if prep.lower_ == "among" or (prep.lower_ == "from" and any(_a_share(g) for g in objects)):
            return True
    return False


def _belief(proto: _Proto) -> bool:
    """Whether an agreement is one of views: agreeing that something is so ("nearly every delegate
    agreed that the budget was too small") is a shared opinion, not an agreement; an agreed action
    ("agreed that talks would resume", "that troops should withdraw", "agreed to …") is one."""
    if proto.type != "AGREE" or proto.entry.type != "AGREE" or proto.noun is not None or proto.absorbed:
        return False
    verb = proto.anchor
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None or any(c.dep_ in ("dobj", "xcomp", "prep") for c in verb.children):
        return False
    aux = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
    return not aux & (FUTURE | OBLIGATION | {"to"}) and clause.tag_ != "VB"


def _forecast(proto: _Proto) -> bool:
    """Whether a warning foretells rather than threatens: its content clause tells no event and its
    subject names no one who acts ("warned that sales would fall", "warned that heavy rain could
    flood the valley"); a warning of what someone would do ("warned that it would expel the envoy",
    "warned that police would clear the square") is a threat."""
    if proto.entry.type != "THREATEN" or not proto.entry.frame or proto.absorbed or proto.noun is not None:
        return False
    content = [c for c in proto.anchor.children if c.dep_ == "ccomp"]
    return bool(content) and all((subject := _subject(c)[0]) is not None and not _agent_word(subject) for c in content)


def _agent_word(token: Token) -> bool:
    """Whether a word may name someone who acts: a name, a pronoun, a person's, a group's, a
    country's or an armed force's noun (:func:`_actor_noun`)."""
    return token.pos_ in ("PRON", "PROPN") or bool(token.ent_type_) or _actor_noun(token.lemma_.lower())


def _negated(token: Token) -> bool:
    """"did not agree", "no deal", "offered no proof"."""
    return any(
        c.dep_ == "neg"
        or (c.dep_ == "det" and c.lower_ == "no")
        or (c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children))
        for c in token.children
    )


def _aux(token: Token) -> set[str]:
    words = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    if token.dep_ == "xcomp" and token.head.pos_ in ("VERB", "AUX", "ADJ"):
        words |= {c.lower_ for c in token.head.children if c.dep_ in ("aux", "auxpass")}
    return words


def _intended(kind: str | None) -> str | None:
    """An intended event as PLOVER codes it: cooperation promised is AGREE, force announced THREATEN."""
    if kind in MATERIAL_CONFLICT:
        return "THREATEN"
    if kind in COOPERATIVE:
        return "AGREE"
    return kind


def _combine(governor: _Proto, inner: _Proto) -> str | None:
    """The type of an event that governs another."""
    entry = governor.entry
    if entry.negate:
        return "REJECT" if inner.type in COOPERATIVE else None
    if entry.intent:
        return _intended(inner.type) or governor.type
    return governor.type or inner.type


def _resolve(protos: list[_Proto]) -> list[_Proto]:
    by_anchor = {p.anchor.i: p for p in protos}
    for proto in protos:
        if _abstract_patient(proto):  # "fighting inflation", "vowed to attack the housing shortage": no one is fought
            proto.type = None
    # innermost first: an event deep in a chain folds into its governor before that one folds on
    order = sorted(protos, key=lambda p: -len(list(p.anchor.ancestors)))
    for proto in order:
        if proto.dropped:
            continue
        governor = _governor(proto, by_anchor)
        if governor is None:
            continue
        if governor.type is None and not (governor.entry.intent or governor.entry.negate):
            continue
        if proto.noun == proto.anchor and not governor.entry.frame and any(
            c.dep_ == "poss" and c.pos_ != "PRON" for c in proto.noun.children
        ):
            continue  # "after Russia's invasion": a described event with its own actor stands
        combined = _combine(governor, proto)
        governor.type = combined
        governor.absorbed.append(proto)
        entry = governor.entry
        direct = proto.anchor.head.i == governor.anchor.i or (proto.noun is not None and proto.noun.head.i == governor.anchor.i)
        if proto.type and direct and (entry.frame or entry.intent or entry.negate or entry.type is None):  # "threatened to …"
            governor.start, governor.end = min(governor.start, proto.start), max(governor.end, proto.end)
        proto.dropped = True
    out = []
    for proto in protos:
        if proto.dropped or proto.type is None or _background(proto):
            continue
        verb = proto.anchor
        if _negated(verb) or (proto.noun is not None and _negated(proto.noun)) or any(
            _negated(p.anchor) for p in proto.absorbed if p.anchor.dep_ != "ccomp"
        ):
            # "did not agree" rejects; an intention denied ("has no plans to meet", "did not intend
            # to sign") is no act at all, as what is not wanted ("did not want to meet")
            proto.type = "REJECT" if proto.type in COOPERATIVE and not proto.entry.intent else None
        elif _under_negation(verb) or _yet_to(verb):
            proto.type = None
        elif _pos(verb) == "VERB":
            aux = _aux(verb)
            if aux & OBLIGATION:
                proto.type = "DEMAND"
            elif aux & FUTURE:
                proto.type = _intended(proto.type)
            elif aux & POSSIBILITY:  # force held out as possible is a threat ("could halt fuel shipments"), the rest no event
                proto.type = "THREATEN" if proto.type in MATERIAL_CONFLICT else None
        if proto.noun is not proto.anchor and (_inert(doer := _doer(verb)) or _forceless(proto, doer) or _played(proto, doer)
                                                or _at_leisure(proto, doer)):
            continue  # "gusts battered the links", "a landslide blocked the highway": no one acts; "the goalkeeper conceded": a game
        if proto.type and not _belief(proto) and not _withheld(proto) and not _polled(proto) and not _forecast(proto):
            out.append(proto)
    return out


# ---------------------------------------------------------------------------------------------
# the learned decision (newsgraph.event_types)


def rule_labels(found: list[_Proto], final: list[_Proto]) -> dict[int, str]:
    """Token index → what the rules made of it: the type of a final event at its anchor,
    "absorbed" (folded into another event), "dropped" (negated, a background or an untyped
    frame), "light-noun" (the noun of a light verb's event)."""
    labels: dict[int, str] = {}
    kept = {id(p) for p in final}
    for proto in final:
        labels[proto.anchor.i] = proto.type or "dropped"
    for proto in found:
        i = proto.anchor.i
        if id(proto) not in kept:
            labels.setdefault(i, "absorbed" if proto.dropped else "dropped")
        if proto.noun is not None and proto.noun.i != i:
            labels.setdefault(proto.noun.i, "light-noun")
    return labels


def lexicon_types(token: Token) -> set[str]:
    """The lexicon's types for a token (by lemma, or by inflected form), with its frame roles:
    INTENT, NEGATE, LIGHT, FRAME, DERIVED (a trigger by meaning), CONDITIONED (a row with conditions)."""
    lex = lexicon()
    entries = lex.get(token.lemma_.lower()) or lex.get(_forms().get(token.lower_, ""), [])
    pos = _pos(token)
    out: set[str] = set()
    for e in entries:
        if e.pos not in (pos, "ANY"):
            continue
        out.add(e.type or "-")
        out.update(flag for flag, on in (("INTENT", e.intent), ("NEGATE", e.negate), ("LIGHT", e.light), ("FRAME", e.frame),
                                         ("DERIVED", e.derived), ("CONDITIONED", e.conditioned)) if on)
    return out


def _lexicon_cache() -> Callable[[Token], set[str]]:
    """:func:`lexicon_types` remembered per token index (for one doc)."""
    cache: dict[int, set[str]] = {}

    def types(token: Token) -> set[str]:
        if token.i not in cache:
            cache[token.i] = lexicon_types(token)
        return cache[token.i]

    return types


def learned_rows(doc: Doc, found: list[_Proto], final: list[_Proto], labels: dict[int, str] | None = None,
                 tokens: list[Token] | None = None, types: Callable[[Token], set[str]] | None = None
                 ) -> tuple[list[Token], list[list[str]]]:
    """The words the model is asked about (``tokens``, by default every candidate) and their feature
    strings (``labels``: :func:`rule_labels`, when known; ``types``: the doc's :func:`_lexicon_cache`)."""
    labels = rule_labels(found, final) if labels is None else labels
    types = types or _lexicon_cache()
    tokens = event_types.candidates(doc) if tokens is None else tokens
    return tokens, [event_types.features(t, types, labels.get(t.i, "none")) for t in tokens]


_PLOVER = frozenset(event_types.LABELS[1:])


def _known_types(proto: _Proto, types: Callable[[Token], set[str]]) -> set[str]:
    """The types the lexicon gives the words of an event (its anchor and its noun); only the rules'
    type where a frame made it (an intention AGREE, a refusal REJECT, a reported obligation DEMAND)."""
    words = [proto.anchor] + ([proto.noun] if proto.noun is not None and proto.noun != proto.anchor else [])
    known = {t for w in words for t in types(w)} & _PLOVER
    return known if proto.type in known else {proto.type}


def _objects_listed(token: Token) -> bool:
    """Whether the lexicon lists a word as an event only with the objects its rows name, and under
    no other condition ("move": MOBILIZE with troops, tanks, warships, …)."""
    lex = lexicon()
    pos = _pos(token)
    rows = [e for e in lex.get(token.lemma_.lower(), []) if e.pos in (pos, "ANY") and e.type]
    return bool(rows) and all(e.obj and not (e.prt or e.mod or e.via or e.inf or e.trans or e.intrans or e.light
                                             or e.intent or e.frame or e.negate) for e in rows)


def _may_tell(token: Token) -> bool:
    """Whether an event the model adds on a word could be told: not in the background, and its actor
    told as :func:`_told_actor` asks (a verb's doer a noun phrase; an event noun's actor is found
    with its participants)."""
    noun = token if _pos(token) == "NOUN" else None
    proto = _Proto(None, Entry(token.lemma_.lower(), _pos(token), None, derived=True), token, noun)
    return not _background(proto) and _told_actor(proto, True)


def _learned(doc: Doc, found: list[_Proto], final: list[_Proto], probs=None,
             thresholds: tuple[float, float, float, float] | None = None) -> list[_Proto]:
    """The rules' events as the model reads them. The thresholds (drop, retype, overrule, add) are
    the model's, chosen with it by ``scripts/train_event_types.py``, which also gives ``probs``:

    * an event on a word the lexicon lists goes when P(no event) reaches ``drop`` (the event of a
      frame, anchored on a light verb or a verb of saying, stays: the model reads words, not frames);
    * it takes the model's type when that type's P reaches ``retype`` and the lexicon gives its
      words that type (a word the lexicon lists keeps the lexicon's conventions: "invaded" is
      ASSAULT, "returned the remains" RETREAT), or when it reaches ``overrule``, where the lexicon
      does not ("stormed the parliament" by protesters, PROTEST);
    * a sentence left without an event gets one on the word the model is surest of, when its P
      reaches ``add`` and the lexicon does not know the word (a word it knows was left out by the
      lexicon's own conditions: "asked a question" is no demand); the event needs its actor told.
    """
    if probs is None:
        weights = event_types.model()
        if weights is None or not len(doc):
            return final
    taken = rule_labels(found, final)  # before the model retypes any of them
    types = _lexicon_cache()
    candidates = event_types.candidates(doc)
    if probs is not None:  # given for every candidate (the training script)
        given = {t.i: row for t, row in zip(candidates, probs)}

        def ask(tokens: list[Token]) -> list:
            return [given[t.i] for t in tokens]
    else:  # only the words a decision needs are scored
        thresholds = thresholds or weights[4]

        def ask(tokens: list[Token]) -> list:
            if not tokens:
                return []
            _, rows = learned_rows(doc, found, final, taken, tokens, types)
            return list(event_types.probabilities(rows, event_types.dense(doc, tokens), weights))
    drop, retype, overrule, add = thresholds
    if not candidates:
        return final
    sentence = {}  # token index → its sentence's first token
    for sent in doc.sents:
        for i in range(sent.start, sent.end):
            sentence[i] = sent.start
    asked = {t.i for t in candidates}
    anchors = [p.anchor for p in final if p.anchor.i in asked]
    at = {t.i: row for t, row in zip(anchors, ask(anchors))}
    labels = event_types.LABELS
    out = []
    for proto in final:
        row = at.get(proto.anchor.i)
        if row is not None:
            if row[0] >= drop and types(proto.anchor) & _PLOVER:
                continue
            allowed = _known_types(proto, types)
            best = int(row[1:].argmax()) + 1
            if allowed and labels[best] not in allowed and row[best] < overrule:
                best = max((k for k in range(1, len(labels)) if labels[k] in allowed), key=lambda k: row[k])
            if labels[best] != proto.type and row[best] >= retype:
                proto.type = labels[best]
        out.append(proto)
    # a sentence left without an event: its one word the model is surest tells one, a word the
    # lexicon does not know, or one it lists only with objects it names and the sentence's object
    # is not one of them ("moved an armoured brigade": troops, tanks, … listed), when the model is
    # as sure as it must be to overrule the lexicon; a word its other conditions left out stays out
    # ("asked a question" is no demand), and so does one the rules read and dropped
    told = {sentence[p.anchor.i] for p in out}
    open_ = [t for t in candidates if sentence[t.i] not in told and taken.get(t.i, "dropped") == "dropped"
             and (not types(t) & _PLOVER or (t.i not in taken and _objects_listed(t))) and _may_tell(t)]
    best_of: dict[int, tuple[float, Token, str]] = {}
    for token, row in zip(open_, ask(open_)):
        best = int(row[1:].argmax()) + 1
        sure = overrule if types(token) & _PLOVER else add
        if row[best] >= sure and row[best] > best_of.get(sentence[token.i], (0.0,))[0]:
            best_of[sentence[token.i]] = (float(row[best]), token, labels[best])
    for _, token, kind in best_of.values():
        entry = Entry(token.lemma_.lower(), _pos(token), kind, derived=True)
        out.append(_Proto(kind, entry, token, token if _pos(token) == "NOUN" else None, token.idx, token.idx + len(token)))
    return sorted(out, key=lambda p: p.anchor.i)


# ---------------------------------------------------------------------------------------------
# participants, place, time


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The subject of a verb and whether it is a passive one, climbing through "to" infinitives
    ("agreed to meet"), adverbial clauses without a subject ("staged a sit-in to demand …", "…,
    killing 12"), conjoined verbs ("met X and signed …") and relative clauses."""
    token = verb
    passive = False  # a past participle's adjunct: "Backed by Russia, the rebels attacked": its subject undergoes it
    for _ in range(4):
        # (also a subject the parse hangs on the auxiliary: "Qatar [is] mediating")
        for child in (*token.children, *(g for c in token.children if c.dep_ in ("aux", "auxpass") for g in c.children)):
            if child.dep_ in ("nsubj", "csubj", "expl"):
                return child, passive
            if child.dep_ == "nsubjpass":
                return child, True
        if token.dep_ == "advcl" and token.head != token and token.tag_ in ("VB", "VBG", "VBN") and (
            token.tag_ != "VB" or _to_infinitive(token)
        ):
            # a clause without a subject of its own: the purpose or circumstance of the clause above
            # it shares its subject ("… on Thursday, killing 12", "staged a sit-in to demand …")
            passive = passive or token.tag_ == "VBN" and not any(c.dep_ == "aux" for c in token.children)
            token = token.head
        elif token.dep_ == "conj" and (cue := coordinated_cue(token)) is not None:
            token = cue  # "stated that he views Russia as invincible and urged peace talks": who stated urged
        elif token.dep_ in ("xcomp", "conj") and token.head != token or token.dep_ == "attr" and token.head.pos_ == "AUX":
            token = token.head  # (a progressive the parse hangs on "is" as its attribute: "Qatar is mediating")
        elif token.dep_ in ("relcl", "acl") and token.head != token:
            return token.head, token.tag_ == "VBN"
        else:
            break
    return None, False


def _by_doer(proto: _Proto) -> str | None:
    """The type as the doer makes it: an attack, a blockade or an occupation by a military unit or
    its weapons ("troops attacked", "the navy blockaded", "tanks occupied") is FIGHT, conventional
    force (soldiers or police beating, arresting or killing people stay ASSAULT / COERCE); a
    blockade or an occupation by protesters ("demonstrators blockaded the port") is PROTEST; a march by
    troops, soldiers or armed units ("troops marched into the capital") a military move, MOBILIZE."""
    if proto.type == "PROTEST" and proto.anchor.lemma_.lower() == "march" and proto.noun is None:
        doer = _doer(proto.anchor)  # "troops marched into the capital": a military move, no protest
        armed = doer is not None and (doer.lemma_.lower() in _ARMED | _SOLDIERS or doer.lemma_.lower() in _nouns("force_nouns.txt"))
        return "MOBILIZE" if armed else proto.type
    if proto.type not in ("ASSAULT", "COERCE"):
        return proto.type
    if proto.noun is proto.anchor:
        doer = next((c for c in proto.anchor.children if c.dep_ in ("poss", "compound", "amod")), None)
    else:
        doer = _doer(proto.anchor)
    who, what = (doer.lemma_.lower() if doer is not None else ""), proto.anchor.lemma_.lower()
    if who in _ARMED and (what in _ATTACKS and proto.type == "ASSAULT" or what in _HOLDS):
        return "FIGHT"
    if who in _PROTESTERS and what in _HOLDS:
        return "PROTEST"
    return proto.type


_THREATS = {"ASSAULT": "violence", "FIGHT": "violence", "PROTEST": "restrict"}


@lru_cache(maxsize=1)
def _modes() -> list[tuple[str, str, frozenset[str], frozenset[str]]]:
    """The rows of ``data/event_modes.tsv``: (type, mode, trigger lemmas, words next to the trigger)."""
    rows = []
    for line in data_lines("event_modes.tsv"):
        type_, mode, lemmas, words = (line.split("\t") + [""])[:4]
        rows.append((type_, mode, frozenset(filter(None, lemmas.split("|"))), frozenset(filter(None, words.split("|")))))
    return rows


def _mode(proto: _Proto) -> str | None:
    """The event's PLOVER mode where its words make it clear: its trigger ("arrested": arrest), a word
    next to it ("a hunger strike", "a car bombing", "tanks shelled"), or for a threat what it threatens."""
    if proto.type == "THREATEN":
        return next((_THREATS[inner.type] for inner in proto.absorbed if inner.type in _THREATS), None)
    tokens = [t for t in (proto.anchor, proto.noun) if t is not None]
    lemmas = {t.lemma_.lower() for t in tokens}
    near = {c.lower_ for t in tokens for c in t.children if c.dep_ in ("amod", "compound", "nmod", "dobj", "nsubj", "prt", "pobj")}
    near |= {g.lower_ for t in tokens for c in t.children if c.dep_ == "prep" for g in c.children}
    near |= {t.lower_ for t in tokens}
    for type_, mode, trigger_lemmas, words in _modes():
        if type_ == proto.type and (lemmas & trigger_lemmas or near & words):
            return mode
    return None


def _doer(verb: Token) -> Token | None:
    """Who does what a verb says: its subject, or for a passive verb its "by" agent ("the bridge is
    slated to reopen": the bridge is what it is done to)."""
    subject, passive = _subject(verb)
    if passive:
        return next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    return subject


def _told_actor(proto: _Proto, has_actor: bool) -> bool:
    """Whether the event names who did it: an event noun's actor, or a verb's doer that is a noun
    phrase rather than a pronoun ("the regime slew", "militants murdered", not "he slew") and no
    thing that does no political act (:func:`_inert`)."""
    if proto.noun is proto.anchor:
        return has_actor
    doer = _doer(proto.anchor)
    return doer is not None and doer.pos_ in ("NOUN", "PROPN") and not _inert(doer)


@lru_cache(maxsize=4)
def _nouns(name: str) -> frozenset[str]:
    """The nouns of the packaged list ``data/<name>`` (inert, force, sport and leisure nouns: from WordNet
    by ``scripts/build_event_classes.py``)."""
    return frozenset(data_lines(name))


def _inert(doer: Token | None) -> bool:
    """Whether a doer is a thing that does no political act: a common noun whose first two WordNet
    senses are animals, substances, phenomena, quantities, possessions, states ... (``data/inert_nouns.txt``:
    "the virus attacks liver cells", "gusts battered the links", "prices rallied"), not a person's,
    a country's, a side's or an armed force's word ("the head of the agency hailed …", "forces shelled")."""
    if doer is None or not _inert_noun(doer):
        return False
    # a second subject the parse gave the verb acts ("every cent that went to X, Sanders voted against")
    return doer.dep_ != "nsubj" or not any(
        c.dep_ == "nsubj" and c is not doer and c.pos_ in ("NOUN", "PROPN", "PRON") and not _inert_noun(c) for c in doer.head.children
    )


#: acts of force, giving way, meeting, supporting and agreeing: their doer is someone or the means of force
_FORCEFUL = MATERIAL_CONFLICT | {"THREATEN", "RETREAT", "CONCEDE", "CONSULT", "SUPPORT", "AGREE"}
_SIDES = frozenset({"NORP", "GPE", "ORG", "PERSON"})  # names that make a unit someone's ("Georgian units")
# a town's word for the town's government: "the city welcomes an inquiry"
_GOVERNED = frozenset("city town village municipality county district province region borough parish".split())


def _forceless(proto: _Proto, doer: Token | None) -> bool:
    """Whether a verb of force, of giving way or of meeting has a doer that can do none of it: a common
    noun that names no person, group, country or armed force (:func:`_agent_word`), no event of the
    lexicon and no means of force (``data/force_nouns.txt``: a weapon, a vehicle, an explosion, a
    military unit; also as its compound or its "of" phrase: "helicopter gunships", "a patch of
    troops", "an operation by soldiers"; or a side's: "Georgian units"). "A landslide blocked the
    highway", "a cold snap threatens the harvest", "copper futures retreated", "the tablet met with a
    lukewarm reception", "the research supports earlier findings": the verb is in another sense. A
    town's word stands for its government ("the city welcomes the inquiry")."""
    if doer is None or doer.pos_ != "NOUN" or doer.ent_type_ or not (proto.type in _FORCEFUL or proto.entry.type in _FORCEFUL):
        return False
    if not (doer.dep_ == "nsubj" or doer.dep_ == "pobj" and doer.head.dep_ == "agent"):
        return False  # a noun the event is the content of ("plans to annex", "its decision to hand over"), no doer
    lemma, force = doer.lemma_.lower(), _nouns("force_nouns.txt")
    if doer.is_title and (not doer.is_sent_start or doer.lower_ == lemma and lemma not in _nouns("inert_nouns.txt") and lemma not in force):
        return False  # a name the tagger took for a noun ("Morander met …")
    if any(c.ent_type_ in _SIDES for c in doer.children if c.dep_ in ("amod", "compound", "nmod", "poss")):
        return False  # a side's: "Georgian units", "Kenya's navy"
    kin = [doer, *(c for c in doer.children if c.dep_ in ("compound", "conj")),
           *(g for c in doer.children if c.dep_ == "prep" and c.lower_ in ("of", "by") for g in c.children if g.dep_ == "pobj")]
    return not any(_agent_word(t) or t.lemma_.lower() in force or t.lemma_.lower() in _GOVERNED or lexicon_types(t) & _PLOVER
                   for t in kin)


def _played(proto: _Proto, doer: Token | None) -> bool:
    """Whether a verb of force, of giving way or of meeting is a move of a game: its doer an athlete or
    a player (``data/sport_nouns.txt``: "the goalkeeper conceded three goals", "the batsman attacked the
    spinners", "the centre forward struck twice")."""
    lemma = doer.lemma_.lower() if doer is not None else ""
    return (doer is not None and doer.pos_ == "NOUN" and not doer.ent_type_ and lemma in _nouns("sport_nouns.txt")
            and lemma not in _PROTESTERS and (proto.type in _FORCEFUL or proto.entry.type in _FORCEFUL))  # strikers also strike


#: force that someone at leisure does only to someone: "fans attacked the police", not "tourists invaded the beaches"
_FORCE = frozenset({"ASSAULT", "FIGHT", "COERCE"})
_PEOPLE = frozenset({"PERSON", "ORG", "NORP"})


def _at_leisure(proto: _Proto, doer: Token | None) -> bool:
    """Whether an act of force is the rush of people at leisure or buying on a place or a thing: its doer
    a tourist, a visitor, a reveller, a fan, a shopper, a customer (``data/leisure_nouns.txt``; also with
    its compound, "bargain hunters", or counted, "hundreds of shoppers") and what it acts on no person
    or group ("holidaymakers invaded the beaches", "tourists invaded Lisbon", "shoppers stormed the
    stores"); "fans attacked the police" and "tourists seized a guide" stay force."""
    if doer is None or not (proto.type in _FORCE or proto.entry.type in _FORCE):
        return False
    if doer.lemma_.lower() in _COUNTS | _SIDE_WORDS:  # "hundreds of shoppers", "a group of tourists"
        doer = counted if (counted := _of_object(doer)) is not None else doer
    if doer.pos_ != "NOUN" or doer.ent_type_:
        return False
    compound = " ".join(t.lemma_.lower() for t in doer.lefts if t.dep_ == "compound")
    leisure = _nouns("leisure_nouns.txt")
    if doer.lemma_.lower() not in leisure and f"{compound} {doer.lemma_.lower()}" not in leisure:
        return False
    verb = proto.anchor
    acted_on = [c for c in verb.children if c.dep_ == "dobj"]
    acted_on += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in _VERB_TARGET_PREPS for g in _objects_of(c)]
    return bool(acted_on) and not any(t.pos_ == "PRON" or t.ent_type_ in _PEOPLE or _actor_noun(t.lemma_.lower()) for t in acted_on)


def _inert_noun(token: Token) -> bool:
    if token.pos_ != "NOUN" or token.ent_type_:
        return False
    lemma = token.lemma_.lower()
    return lemma in _nouns("inert_nouns.txt") and lemma not in _PERSON_WORDS | _COUNTRY_WORDS | _SIDE_WORDS | _ARMED


#: acts of force on someone or something: what they act on is someone, somewhere or a thing
_ON_SOMEONE = frozenset({"ASSAULT", "FIGHT"})


def _abstract_patient(proto: _Proto) -> bool:
    """Whether an attack or a fight acts on an abstraction, not on someone, somewhere or a thing: what
    it acts on (its object, a passive's subject, its or its event noun's "against"/"on" object) is a
    common noun whose first sense is an attribute, a state, a process, a time, ... (:func:`_abstraction`:
    "the central bank is fighting inflation", "the mayor attacked the problem", "a battle against
    obesity"), where "fought the rebels", "attacked the convoy", "the battle for the airport" are force."""
    if proto.entry.type not in _ON_SOMEONE:
        return False
    heads = [t for t in dict.fromkeys((proto.anchor, proto.noun)) if t is not None]
    patients = [c for t in heads for c in t.children if c.dep_ in ("dobj", "nsubjpass") and c != proto.noun]
    patients += [g for t in heads for c in t.children if c.dep_ == "prep" and c.lower_ in ("against", "on")
                 for g in c.children if g.dep_ == "pobj"]
    return bool(patients) and all(_abstraction(t) for t in patients)


def _pobjs(index: _Index, prep: Token) -> list[str]:
    """Entities named by the object of a preposition."""
    return [e for c in _objects_of(prep) for e in _entities(index, c)]


def _participants(index: _Index, proto: _Proto) -> tuple[list[str], list[str], tuple[int, int] | None, tuple[int, int] | None]:
    """Entity ids of the actors and the targets of an event, and the character spans of an actor
    and of a target named by no name ("Gunmen kidnapped …", "… sheltered thousands of refugees":
    the words of a person or group noun phrase)."""
    actors: list[str] = []
    acted: list[Token] = []  # the heads of the phrases the event acts on
    unnamed: tuple[int, int] | None = None
    verb = proto.anchor
    noun = proto.noun
    if _pos(verb) in ("VERB", "ADJ") or verb != noun:
        subject, passive = _subject(verb if _pos(verb) != "ADJ" else verb.head)
        if passive and subject is not None:
            acted.append(subject)
        else:
            actors.extend(_entities(index, subject))
        if not passive and not actors:
            unnamed = _group(index, subject)
        for child in verb.children:
            if child.dep_ == "agent":
                actors.extend(_pobjs(index, child))
                if not actors:
                    unnamed = _group(index, next((g for g in child.children if g.dep_ == "pobj"), None))
        acted.extend(_acted_on(proto, verb))
        for clause in _contents(proto):  # "threatened to ban X", "demanded that X cancel …": what the event asks or holds out
            subject, _ = _subject(clause)
            if clause.dep_ == "ccomp" and subject is not None and subject.head == clause:
                acted.append(subject)
            acted.extend(_acted_on(_Proto(None, _PLAIN, clause), clause))
    if noun is not None:
        away = _turns_away(proto)
        whose = away and any(c.dep_ == "prep" and c.lower_ == "from" for c in noun.children)
        for child in noun.children:
            if whose and child.dep_ == "prep" and child.lower_ == "of":
                actors.extend(_pobjs(index, child))  # "the pullout of Ugandan troops from …": whose troops withdraw
            elif child.dep_ == "poss" or (child.dep_ in ("amod", "compound") and child.i in index.norp):
                actors.extend(_entities(index, child) if child.dep_ == "poss" else [index.entity_of[child.i]])
            elif child.dep_ == "prep" and child.lower_ == "from" and away:
                acted.extend(_objects_of(child))  # "the withdrawal from Estonia": what it turns away from
            elif child.dep_ == "prep" and child.lower_ in _NOUN_ACTOR_PREPS:
                actors.extend(_pobjs(index, child))
                if not actors and child.lower_ == "by":  # "an ambush by bandits"
                    unnamed = unnamed or _group(index, next((g for g in child.children if g.dep_ == "pobj"), None))
            elif child.dep_ == "prep" and child.lower_ == "between":
                actors.extend(_pobjs(index, child))
            elif child.dep_ == "prep" and child.lower_ in _NOUN_TARGET_PREPS:
                acted.extend(_objects_of(child))
    aftermath: set[int] = set()  # what "…, killing nine people" acts on: a consequence's, not a target by its words
    for inner in proto.absorbed:  # the content's own subject and objects: "demanded that [the US] cancel …"
        if inner.noun is None or inner.noun != inner.anchor:
            subject, _ = _subject(inner.anchor)
            if subject is not None and subject.head == inner.anchor:
                acted.append(subject)
            acted.extend(_acted_on(inner, inner.anchor))
            if inner.anchor.dep_ == "advcl":
                aftermath.update(t.i for t in _acted_on(inner, inner.anchor))
        if inner.noun is not None:
            acted.extend(g for c in inner.noun.children if c.dep_ == "prep" and c.lower_ in _NOUN_TARGET_PREPS for g in _objects_of(c))
    actors = list(dict.fromkeys(actors))
    targets = [t for t in dict.fromkeys(e for token in acted for e in _entities(index, token)) if t not in actors]
    people = (t for t in acted if t.i not in aftermath)
    unnamed_target = None if targets else next((g for token in people if (g := _group(index, token, second=False)) is not None), None)
    return actors, targets, None if actors else unnamed, unnamed_target


def _objects_of(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ == "pobj"]


def _turns_away(proto: _Proto) -> bool:
    """Whether an event moves or turns away from something, as the lexicon types its word or as the
    frame made it (:data:`_AWAY`: "withdrew from", "recalled its envoy from")."""
    return bool({proto.type, proto.entry.type} & _AWAY)


def _acted_on(proto: _Proto, verb: Token) -> list[Token]:
    """The phrases a verb acts on: its object and indirect object ("expelled the envoy", "gave Chad
    …") and whose act that object is ("rejected demands by X"), the with/against/on/to complement
    ("talks with X", "sanctions on X"), the complement of its object where the lexicon names that
    object ("cut ties with Georgia"), and what it moves or turns away from ("withdrew its troops from
    Chad", "recalled its envoy from X": :func:`_turns_away`)."""
    away = _turns_away(proto)
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and child != proto.noun:
            out.append(child)
            # whose act the object is: "rejected demands by the union", "defied an order by the court"
            out.extend(g for p in child.children if p.dep_ == "prep" and p.lower_ == "by" for g in _objects_of(p))
            if proto.entry.obj:  # "cut ties with Georgia"
                out.extend(g for p in child.children if p.dep_ == "prep" and p.lower_ in _VERB_TARGET_PREPS for g in _objects_of(p))
        elif child.dep_ == "prep" and (child.lower_ in _VERB_TARGET_PREPS or child.lower_ == "from" and away):
            out.extend(_objects_of(child))
    return out


def _contents(proto: _Proto) -> list[Token]:
    """The clauses an event verb holds that tell no event of their own (no lexicon trigger folded
    into it): a "to" infinitive ("threatened to deliver blows to X", "decided to allow X to …"),
    a clause with its own subject that is asked or allowed of that subject ("demanded that X
    cancel …", "allowed X to take part": a subjunctive, "should"/"must", or a "to" infinitive). A
    reported fact ("said that X had …") is none."""
    folded = {p.anchor.i for p in proto.absorbed}
    out = []
    for clause in proto.anchor.children:
        if clause.i in folded or clause.pos_ not in ("VERB", "AUX"):
            continue
        if clause.dep_ == "xcomp" or clause.dep_ == "ccomp" and (
            _to_infinitive(clause) or clause.tag_ == "VB" and not _aux(clause) or _aux(clause) & OBLIGATION
        ):
            out.append(clause)
    return out


def _borrowed(index: _Index, proto: _Proto) -> tuple[list[str], tuple[int, int] | None]:
    """The actors of an event noun that names none of its own, from the verb it is the object of
    (:func:`_noun_doer`): the entities of that verb's subject, or the words of an unnamed group."""
    doer = _noun_doer(proto.noun) if proto.noun is proto.anchor else None
    if doer is None:
        return [], None
    subject, passive = _subject(doer)
    if passive or subject is None or not _agentive(index, subject):
        return [], None
    actors = _entities(index, subject)
    return actors, None if actors else _group(index, subject)


def _agentive(index: _Index, token: Token) -> bool:
    """Whether a subject names someone who acts: a name, a pronoun, or a person's, a group's, a
    country's or an armed force's noun ("Kyiv's plea dominated a meeting": a plea holds no meeting)."""
    return token.i in index.entity_of or _agent_word(token) or bool(_collective(index, token))


def _partitive(token: Token) -> bool:
    """Whether a noun counts or measures the events of its "of" phrase: "two days of talks", "a
    round of talks", "a wave of arrests", "the prospect of sanctions", "dollars of aid"."""
    lemma = token.lemma_.lower()
    return lemma in _PARTITIVES or lemma in _nouns("inert_nouns.txt") or any(c.dep_ == "nummod" for c in token.children)


def _noun_doer(noun: Token) -> Token | None:
    """The verb whose subject does what an event noun names: the noun is its object, or the object
    of "for", directly or as the kind or the count of its object ("broke off talks", "raised the
    prospect of sanctions", "closed four days of negotiations", "launched a mediation effort",
    "arrived for a visit"); not a verb of saying, thinking or feeling about it ("discussed the
    sanctions", "blamed the attack on …")."""
    token = noun
    for _ in range(3):
        if token.dep_ == "compound":
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN" and _partitive(token.head.head):
            token = token.head.head
        else:
            break
    if token.dep_ == "dobj":
        verb = token.head
    elif token.dep_ == "pobj" and token.head.lower_ == "for" and token.head.dep_ == "prep":
        verb = token.head.head
    else:
        return None
    phrasal = any(c.dep_ == "prt" for c in verb.children)  # "called off talks" is no call
    if verb.pos_ != "VERB" or verb.lemma_.lower() in communication_verbs() and not phrasal:
        return None
    return verb


def _group(index: _Index, token: Token | None, second: bool = True) -> tuple[int, int] | None:
    """The words of a noun phrase that names people or a group but no entity ("Gunmen", "Riot
    police", "The rebel coalition" → "rebel coalition", "Authorities"): its head a person or group
    noun (:func:`_actor_noun`), with the modifiers before it, and a count of people ("Thousands",
    "Tens of thousands of people", "a group of former detainees") through its "of" phrase; None for
    anything else. ``second``: a noun whose second WordNet sense only is people or a group counts
    (an event's subject: "Authorities imposed …"; not what an event acts on: "shelled a market")."""
    if token is None or token.pos_ not in ("NOUN", "NUM") or token.i in index.entity_of:
        return None
    lemma = token.lemma_.lower()
    counted = _of_object(token)
    if lemma in _COUNTS or lemma in _SIDE_WORDS:  # "Tens of thousands of people", "a group of detainees"
        inner = _group(index, counted, second) if counted is not None else None
        if inner is not None:
            first = token.left_edge if token.left_edge.dep_ != "det" else token.doc[token.left_edge.i + 1]
            return min(first.idx, token.idx), inner[1]
        if lemma in _COUNTS:  # "Thousands rallied"
            return (token.idx, token.idx + len(token)) if token.lower_.endswith("s") else None
    if token.pos_ != "NOUN" or not _actor_noun(lemma, second):
        return None
    modifiers = {c.i for c in token.lefts if c.dep_ in ("compound", "amod", "nmod")}
    start = token.i
    while start - 1 in modifiers:  # the modifiers right before the head, without a determiner
        start -= 1
    inner = _group(index, counted, second) if counted is not None else None  # "a band of poachers", "relatives of the victims"
    return token.doc[start].idx, inner[1] if inner else token.idx + len(token)


def _actor_noun(lemma: str, second: bool = True) -> bool:
    """Whether a noun names people or a group who may act (``data/agent_nouns.txt``, first or, with
    ``second``, second WordNet sense), or is one of the stage's words for a person, a country, a side or
    an armed force."""
    return lemma in (actor_nouns() if second else agent_nouns()) or lemma in _PERSON_WORDS | _COUNTRY_WORDS | _SIDE_WORDS | _ARMED


def _objects(index: _Index, proto: _Proto) -> list[str]:
    """Entities of the direct object ("visited Australia": the place visited is also the target)."""
    return [e for c in proto.anchor.children if c.dep_ == "dobj" and c != proto.noun for e in _entities(index, c)]


def _clause(token: Token) -> Token:
    """The verb of the clause a token is in."""
    for t in [token, *token.ancestors]:
        if t.pos_ in ("VERB", "AUX"):
            return t
    return token.sent.root


def _place(index: _Index, proto: _Proto, types: dict[str, str]) -> str | None:
    preps = set(_PLACE_PREPS) | ({"to"} if proto.type == "CONSULT" else set())
    inner = [t for p in proto.absorbed for t in (p.noun, p.anchor)]  # "agreed to a ceasefire in Jeddah"
    heads = [t for t in (proto.noun, proto.anchor, *inner, _clause(proto.anchor)) if t is not None]
    for head in dict.fromkeys(heads):
        for child in head.children:
            if child.dep_ != "prep" or child.lower_ not in preps:
                continue
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found = [
                    (t.i == pobj.i, t.i, index.entity_of[t.i])
                    for t in _np_tokens(pobj)
                    if t.i in index.entity_of and t.i not in index.norp and types.get(index.entity_of[t.i]) in _LOCATIONS
                ]
                if found:
                    return max(found)[2]
    return None


def _time_root(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _attached(root: Token, heads: set[int]) -> bool:
    """Whether a time expression hangs from one of ``heads`` without crossing into another clause."""
    token = root
    for _ in range(8):
        if token.i in heads:
            return True
        if token.dep_ in _CLAUSE_DEPS and token.pos_ in ("VERB", "AUX") or token.head == token:
            return False
        token = token.head
    return False


def _time(proto: _Proto, times: list[tuple[Token, str, int]]) -> str | None:
    sent = proto.anchor.sent
    local = [(root, value, start) for root, value, start in times if sent.start <= root.i < sent.end]
    if not local:
        return None
    heads = {proto.anchor.i} | {p.anchor.i for p in proto.absorbed}
    if proto.noun is not None:
        heads.add(proto.noun.i)
    clause = _clause(proto.anchor)
    heads.add(clause.i)
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
    if clause.dep_ == "xcomp" or (clause.dep_ == "conj" and not own_subject):
        heads.add(clause.head.i)  # "agreed to meet …", "met … and signed …": the time of the governing clause
    found = [(abs(root.i - proto.anchor.i), value) for root, value, _ in local if _attached(root, heads)]
    return min(found)[1] if found else None


def _scheduled(proto: _Proto, recurring: list[Token]) -> bool:
    """Whether a meeting, an agreement or a statement (:data:`_VENUE_TYPES`) is a schedule rather than one
    that happened: told in the present simple with a time that recurs (a TIMEX3 set: "the parish council
    meets every month", "the ministers of the bloc meet twice a year"). Force or aid so told ("militias
    shell the town every night", "X supplies Y with oil worth … a year") is under way and stays an event."""
    verb = proto.anchor
    if not recurring or proto.type not in _VENUE_TYPES or verb.tag_ not in ("VBZ", "VBP") or _aux(verb) - {"do", "does"}:
        return False
    heads = {verb.i} | ({proto.noun.i} if proto.noun is not None else set())
    return any(_attached(root, heads) for root in recurring)


def _share(a: Event, b: Event) -> bool:
    return bool({p.entity for p in a.participants if p.entity} & {p.entity for p in b.participants if p.entity})


def extract_events(record: Record, doc: Doc) -> Record:
    """Fill ``record.events`` from the parsed body."""
    if not len(doc) or not doc.has_annotation("DEP"):
        return record
    found = _protos(doc)
    resolved = _resolve(found)
    learned = _learned(doc, found, list(resolved))
    if not learned:
        return record
    told = {id(p) for p in learned}
    # an event the model dropped still lends its participants to the event it governs ("Russia has
    # occupied … since it launched its invasion": the invasion's target); only the told are kept
    protos = sorted({id(p): p for p in [*resolved, *learned]}.values(), key=lambda p: p.anchor.i)
    index = _index(record, doc)
    types = {e.id: e.type for e in record.entities}
    times, recurring = [], []
    for t in record.times:
        if t.type in _TIME_TYPES and t.value and not t.value.startswith("XXXX") and not t.value.endswith("_REF"):
            root = _time_root(doc, t.start, t.end)
            if root is not None:
                times.append((root, t.value, t.start))
        if t.type == "SET" and (root := _time_root(doc, t.start, t.end)) is not None:
            recurring.append(root)
    events: list[Event] = []
    owners: list[_Proto] = []
    for proto in protos:
        if _scheduled(proto, recurring):
            continue
        actors, targets, unnamed, unnamed_target = _participants(index, proto)
        place = _place(index, proto, types)
        if place is None and proto.type == "CONSULT" and proto.anchor.lemma_ in _VISITS:
            place = next((t for t in _objects(index, proto) if types.get(t) in _LOCATIONS), None)
        targets = [t for t in targets if t != place or proto.type == "CONSULT" and t in _objects(index, proto)]
        participants = [Participant(e, "actor") for e in actors] + [Participant(e, "target") for e in targets]
        if unnamed is not None:
            participants.insert(0, Participant(None, "actor", RecordSpan(*unnamed)))
        proto.type = _by_doer(proto)
        event = Event(proto.type or "", RecordSpan(proto.start, proto.end), participants, place, _time(proto, times), _mode(proto))
        if proto.noun == proto.anchor and not (participants or place or event.time):
            continue  # "peace talks", "the aid": an event noun with no who, where or when is no event told
        if unnamed_target is not None:  # "pardoned 80 political prisoners": the people it acts on, named by no name
            participants.append(Participant(None, "target", RecordSpan(*unnamed_target)))
        if proto.noun == proto.anchor and not (actors or unnamed):  # "broke off talks with X": who broke them off
            borrowed, group = _borrowed(index, proto)
            event.participants = [Participant(e, "actor") for e in borrowed] + [p for p in participants if p.entity not in borrowed]
            if group is not None:
                event.participants.insert(0, Participant(None, "actor", RecordSpan(*group)))
        if proto.entry.derived and not _told_actor(proto, bool(actors or unnamed)):
            continue  # a trigger by meaning alone ("he slew", "it scrutinised") is an event only with its actor told
        events.append(event)
        owners.append(proto)
    _fill(events, owners)
    record.events = sorted((e for e, p in zip(events, owners) if id(p) in told), key=lambda e: e.trigger.start)
    return record


def _fill(events: list[Event], owners: list[_Proto]) -> None:
    """Implicit arguments: a subordinate event with no target takes its governing event's target
    when they share the actor; an event still without a target takes its place, as PLOVER codes
    the place acted on ("imposed a curfew in Tikrit", "marched in Dhaka", "shelled a market in
    Mosul"), but where the place is a venue (:data:`_VENUE_TYPES`: "held talks in Bergen"); an
    event with no time takes the time of an earlier mention of the same event (same type, a shared
    participant)."""
    by_anchor = {p.anchor.i: e for p, e in zip(owners, events)}
    for proto, event in zip(owners, events):
        roles = {p.role for p in event.participants}
        if "target" not in roles and "actor" in roles and proto.anchor.dep_ in ("advcl", "conj"):
            governing = by_anchor.get(proto.anchor.head.i)
            if governing is not None and {p.entity for p in governing.participants if p.role == "actor" and p.entity} & {
                p.entity for p in event.participants if p.role == "actor"
            }:
                have = {p.entity for p in event.participants}
                event.participants += [
                    Participant(p.entity, "target") for p in governing.participants if p.role == "target" and p.entity not in have
                ]
    for event in events:
        if event.place and event.type not in _VENUE_TYPES and all(p.role != "target" for p in event.participants):
            event.participants.append(Participant(event.place, "target"))
    for i, event in enumerate(events):
        if event.time is None:
            for earlier in reversed(events[:i]):
                if event.trigger.start - earlier.trigger.start > COREFERENCE_REACH:
                    break
                if earlier.type == event.type and earlier.time and _share(earlier, event):
                    event.time = earlier.time
                    break
