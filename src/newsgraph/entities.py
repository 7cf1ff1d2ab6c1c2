"""Stage 4a, entities: spaCy's named entities, corrected with evidence from the whole article and
grouped into one entity per real person, place or organisation.

The spaCy component ``newsgraph_entities`` (registered for ``nlp.add_pipe``) reads ``doc.ents``
and, where it ran, the news NER tagger's ``doc.spans["newsgraph_ner"]`` (:mod:`newsgraph.ner`;
merged by :func:`_entity_spans`), and writes ``doc._.newsgraph_entities``, a list of
:class:`Cluster`. For each mention it gathers evidence for a type:

* the label: the tagger's (weight 1.5; the plain model's, where it differs, weight 1 more), or
  spaCy's own where the tagger did not run (weight 1);
* a classifier noun before the name ("retailer Best Buy"; weight 3), a place name where sports
  pages put a team ("Somerset 83", "Liverpool v Chelsea"; ORG, weight 2);
* a title or role next to the name — "President Tokayev", "Kazakh President Kassym-Jomart Tokayev",
  "Olaf Scholz, the German chancellor" (``data/titles.txt``; weight 3 for PERSON). Titles and a
  leading demonym are cut off the name; the title is kept as a role, the demonym becomes a NORP
  mention of its country;
* the gazetteer (:mod:`newsgraph.gazetteer`): countries, subdivisions, cities, regions (weight 2
  for GPE or LOC); a demonym ("Kazakh", "Germans") is a NORP mention linked to its country.

Mentions are then grouped: full names by surname and given name, compared through a
transliteration key (Toqayev ≈ Tokayev, Kassym-Shomart ≈ Kassym-Jomart, patronymics ignored);
surnames join the full name they belong to; places by their gazetteer entry (Kiev ≈ Kyiv);
organisations by name or acronym (EU ≈ European Union). Each group takes the type its mentions'
evidence favours — weighed by the learned model of :mod:`newsgraph.entity_types` from the cues each
mention records, by the hand weights above where a decisive cue stands (:func:`_learned_type`) —
and names the article repeats but spaCy missed are added as mentions.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from rapidfuzz.fuzz import ratio
from spacy import symbols as spacy_symbols
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import entity_types, gazetteer
from .analyse import FINITE_TAGS, doc_text
from .clean import agencies, common_words
from .coref import PARTY_MEMBERS
from .lists import data_lines
from .ner import NAME as TAGGED  # doc.spans key of the news NER tagger's entities
from .gazetteer import Place
from .names import given_names, name_key, translit
from .times import holiday_names
from .record import Entity, Mention, Record
from .record import Place as RecordPlace

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# evidence weights: a title or a classifier noun; a notable place, initials; spaCy's label; a surname join
TITLE_WEIGHT, STRONG_WEIGHT, LABEL_WEIGHT, SURNAME_WEIGHT = 3.0, 2.0, 1.0, 1.0
# the news NER tagger's label (the plain model's, where it differs, counts as LABEL_WEIGHT too)
TAGGER_WEIGHT = 1.5
NOTABLE_CITY = 100_000  # an unlabelled proper noun is taken for a city only if it is this big
CONTEXT_CITY = 1_000_000  # a city this big keeps its reading whatever country the article speaks of ...
CONTEXT_ODDS = 20  # ... and no reading this many times less populous is taken for a place's first
SMALL_TOWN = 15_000  # the gazetteer's towns under this (Britain's, Ireland's, Australia's, New Zealand's) read no province's name
#: languages named like their people's demonym ("English", "Arabic"): such a word alone, describing no noun, is the language
_LANGUAGES = frozenset(
    """english french spanish german arabic chinese japanese russian italian portuguese turkish greek dutch polish korean
    swedish hebrew persian ukrainian hindi urdu bengali vietnamese thai indonesian malay danish norwegian finnish hungarian
    czech romanian bulgarian serbian croatian albanian armenian georgian swahili tagalog filipino irish welsh catalan""".split()
)
#: words of a subdivision's name that say only where it lies in its country ("West", "Centre", "South East", "West Coast")
_POINTS_OF_THE_COMPASS = frozenset(
    "north south east west northern southern eastern western central centre center middle upper lower coast northeast northwest southeast southwest".split()
)
_GOVERNORS = frozenset({"gov.", "gov", "governor", "govs."})  # a state's or province's title after its name
CAPTIONS = "newsgraph.captions"  # doc.user_data key: (start, end) spans of photo captions
CREDITED = "newsgraph.credited_captions"  # doc.user_data key: (start, end) spans of the captions that carry a photo credit
CONTRIBUTORS = "newsgraph.contributors"  # doc.user_data key: names of the reporters and photographers credited in the text

_ORG_WORDS = frozenset(
    """motors electric bank group corp corporation inc ltd llc plc co company companies association party
    union council ministry agency commission committee university college institute school airlines airways
    foundation fund organisation organization federation league club news times post press service
    services department office court parliament assembly government army navy force forces police
    aircraft store stores corps records studios systems technologies media holdings partners capital""".split()
)
# words that end an organisation's name and never a person's ("Jim Press" is a person)
_LEGAL_FORMS = frozenset("inc corp ltd llc plc limited co gmbh ag".split())  # a company's name without them is the company
_ORG_DESIGNATORS = frozenset(
    """corporation corp inc ltd llc plc company companies group association bank airlines airways motors
    aircraft store stores university college institute foundation federation league club council ministry
    agency commission committee party union holdings technologies systems industries enterprises ventures
    solutions networks logistics resources pharmaceuticals laboratories labs metals mining machinery robotics automation
    health healthcare energy insurance communications entertainment foods properties media capital partners
    studios pharma telecom therapeutics biosciences biotech software images photos pictures project initiative coalition alliance collective""".split()
)
#: trades a company's name may end in, left out of its short name with its legal form ("Norvik Shipping Co." is "Norvik")
_TRADES = frozenset(
    """electronics shipping airline airlines railway railways steel oil gas petroleum chemicals financial bancorp brands
    retail automotive motor pharmaceutical mobile wireless telecommunications semiconductor semiconductors""".split()
)
_SHORT_NAME_CUTS = _LEGAL_FORMS | _ORG_DESIGNATORS | _TRADES
#: last words that make a name a place or a building, never a surname ("Mill Creek Station",
#: "Oak Heights", "Westbrook Mall"); words that are surnames too (Hall, Park, Hill, Lane) are not here
_PLACE_HEADS = frozenset(
    """station heights mall region avenue road boulevard highway freeway expressway square plaza bridge
    centre center valley county township airport arena stadium mainland village harbour harbor peninsula
    subdivision neighbourhood neighborhood""".split()
)


@lru_cache(maxsize=1)
def place_heads() -> dict[str, str]:
    """Common nouns that make a name they end a place (LOC: "shoal", "glacier") or a building, facility
    or road (FAC: "hospital", "causeway"), never a person's: ``data/place_heads.tsv``, from WordNet without
    common surnames (``scripts/build_place_heads.py``)."""
    return dict(line.split("\t", 1) for line in data_lines("place_heads.tsv"))


def _place_head(word: str) -> str | None:
    """LOC or FAC where ``word`` ends a place's or a building's name (:data:`_PLACE_HEADS`, :func:`place_heads`)."""
    word = word.lower()
    return "FAC" if word in _PLACE_HEADS else place_heads().get(word)


#: last words that make a name that begins with a royal title a street or a building ("Queen Street", "King Edward Avenue")
_STREET_HEADS = _PLACE_HEADS | frozenset("street st drive crescent terrace hospital school".split())
#: last words of the names of roads ("Highway 1" by the word before its number)
_ROADS = frozenset("highway hwy road avenue boulevard freeway expressway route autoroute interstate".split())
_POSSESSIVES = frozenset({"My", "Our", "Your", "Their"})
#: words a name of a place or a business may begin with, a person's never ("Lower Mainland", "My Stella")
_NO_GIVEN_NAME = _POSSESSIVES | frozenset(
    "North South East West Northern Southern Eastern Western Central Upper Lower Greater Inner Outer".split())
#: words that begin the names of mountains, lakes and other natural features
_FEATURE_NAMES = frozenset("Mount Mt. Mt Lake Cape Glacier Isle Mountain River".split())
_SPORTS_CUES = frozenset({"team", "results-page", "sports-page"})  # cues of a name on a sports page (River Plate the club)
#: sports whose names begin the names of their governing bodies ("Hockey Canada", "Athletics Ontario")
_SPORT_NAMES = frozenset(
    """Hockey Soccer Football Basketball Baseball Softball Rugby Cricket Tennis Golf Swimming Athletics Curling
    Volleyball Cycling Rowing Gymnastics Lacrosse Boxing Wrestling Badminton Sailing Triathlon Skating Skiing""".split())
_ROYAL = frozenset({"King", "Queen", "Prince", "Princess"})  # titles in the names of places ("Queen Mary Road")
_NAME_PARTICLES = frozenset("al el bin ibn de da di del della dos das van von der den ten ter du la le mac st. st".split())
#: the particles a name writes in lower case between its given name and its surname ("Erik ten Hag"; not a
#: scorecard's "st" of "Knight st Khan", stumped)
_LOWER_PARTICLES = _NAME_PARTICLES - {"st", "st.", "mac"}
# the Arabic article as Urdu, Persian and Malay names write it between hyphens ("Zia-ul-Karim", "Salah-ud-Din")
_LINKING_PARTICLES = frozenset("ul ur ud ad us uz ut".split())
HONORIFICS = frozenset("mr mrs ms miss sir dame dr prof".split())  # evidence for PERSON, not roles
_DETERMINERS = frozenset({"the", "a", "an"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    return frozenset(line.strip() for line in data_lines("titles.txt"))


@lru_cache(maxsize=1)
def _title_ends() -> frozenset[str]:
    """The last words of the titles: a cheap first test before joining words."""
    return frozenset(title.split()[-1] for title in titles())


# ---------------------------------------------------------------------------------------------
# names (the keys themselves are in names.py)


def _given_match(a: str, b: str) -> bool:
    """Whether two given names may be the same (spelling variants, an initial)."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    if len(ka) == 1 or len(kb) == 1:
        return ka[0] == kb[0]
    return ka == kb or ratio(ka, kb) >= 75


# ---------------------------------------------------------------------------------------------
# the objects the component writes


@dataclass(slots=True)
class EntityMention:
    start: int  # character offsets into the doc's text
    end: int
    text: str
    label: str  # the mention's own label (NORP for a demonym of a country)
    evidence: Counter = field(default_factory=Counter)
    role: str | None = None
    place: Place | None = None
    words: tuple[str, ...] = ()
    plain: str | None = None  # the plain model's label, where the news NER tagger gave this one
    tagged: str | None = None  # the news NER tagger's own label (PER, ORG, LOC, MISC), where it gave one
    cues: list[str] = field(default_factory=list)  # what the evidence came from (features of entity_types)
    aged: bool = False  # an age is written right after it: "Margot Ellery, 71,"
    kin: str | None = None  # the gender a relation noun before it says: "her brother Karim" (m)
    nickname: str | None = None  # a nickname quoted inside the name: "Roz" of Rosalind “Roz” Penhallow (not in ``text``)

    @property
    def best(self) -> str:
        return self.evidence.most_common(1)[0][0] if self.evidence else self.label


@dataclass(slots=True)
class Cluster:
    """One entity of the article: its mentions, type, name, other names, roles, place and key."""

    mentions: list[EntityMention]
    type: str = ""
    name: str = ""
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    place: Place | None = None
    key: str = ""


# ---------------------------------------------------------------------------------------------
# the component


class EntityResolver:
    """spaCy component: ``doc.ents`` → ``doc._.newsgraph_entities`` (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "newsgraph_entities") -> None:
        self.name = name
        self.seconds = 0.0  # time spent in this component, for `newsgraph bench`
        lookups = nlp.get_pipe("lemmatizer").lookups if "lemmatizer" in nlp.pipe_names else None
        if lookups is not None and lookups.has_table("lemma_index"):
            _NOUN_LEMMAS[id(nlp.vocab)] = frozenset(lookups.get_table("lemma_index").get("noun", ()))
            _ADJECTIVE_LEMMAS[id(nlp.vocab)] = frozenset(lookups.get_table("lemma_index").get("adj", ()))
        self.references = True  # link pronouns and descriptions (training the model of coref.py turns it off)
        if not Doc.has_extension("newsgraph_entities"):
            Doc.set_extension("newsgraph_entities", default=None)

    def __call__(self, doc: Doc) -> Doc:
        started = time.perf_counter()
        text = doc_text(doc)
        common = set(_LOWER_WORD.findall(text))  # words the article also writes in lower case
        ents = list(doc.ents)  # spaCy rebuilds the tuple on every access
        spans = _nickname_named(doc, _entity_spans(doc, ents))
        plain = {i: ent.label_ for ent in ents for i in range(ent.start, ent.end)} if TAGGED in doc.spans else {}
        tagged = {i: span.label_ for span in doc.spans[TAGGED] for i in range(span.start, span.end)} if TAGGED in doc.spans else {}
        mentions = [m for ent in _candidates(spans) if ent.label_ in LABELS for m in _mentions(ent, text, common, plain, tagged)]
        mentions += _unlabelled_places(doc, spans, common)
        # a page of results, or a sports story: a place's name there is often its team's
        page = "results-page" if any("team" in m.cues for m in mentions) else "sports-page" if len(_SPORTS & common) >= 3 else None
        if page:
            for m in mentions:
                m.cues.append(page)
        mentions = _hyphenated_surnames(text, mentions)
        _read_in_context(mentions)
        _read_as_a_state(doc, mentions)
        _local_towns(mentions)
        clusters = _cluster(mentions)
        _add_missed(text, clusters)
        captions = doc.user_data.get(CAPTIONS, ())
        votes = _kind_votes(clusters)
        for cluster in clusters:
            _finish(cluster, captions, votes)
        _called_he_or_she(doc, clusters, common)
        _placed_after_a_place(doc, clusters)
        _conjoined_with_a_person(doc, clusters)
        _made_by_an_organisation(clusters)
        people = {t for c in clusters if c.type == "PERSON" for m in c.mentions for t in range(m.start, m.end)}
        clusters = [c for c in clusters if not _lone_name_without_agency(doc, c, people)]
        contributors = {id(c): c.name for c in clusters if c.type == "PERSON" and _contributor(doc, text, c)}
        doc.user_data[CONTRIBUTORS] = list(contributors.values())
        characters = {id(c) for c in clusters if c.type == "PERSON" and _character(doc, c)}
        credited = doc.user_data.get(CREDITED, ())
        pictured = {id(c) for c in clusters if c.type == "PERSON" and credited and _pictured_only(c, credited)}
        clusters = [c for c in clusters if id(c) not in contributors and id(c) not in characters and id(c) not in pictured
                    and not _fragment(text, c)]
        if self.references:
            _resolve_references(doc, text, clusters)
        clusters.sort(key=lambda c: c.mentions[0].start)
        doc._.newsgraph_entities = clusters
        self.seconds += time.perf_counter() - started
        return doc


# ---------------------------------------------------------------------------------------------
# one spaCy entity → mentions with evidence


def _mentions(ent: Span, doc_text: str, common: set[str], plain: dict[int, str], tagged: dict[int, str]) -> list[EntityMention]:
    """A demonym and/or a name with its evidence and the cues it came from; ``common``: words the
    article writes in lower case; ``plain``, ``tagged``: the plain model's and the news NER tagger's
    label of each token, where the tagger ran."""
    doc = ent.doc
    toks = list(ent)
    while toks and toks[0].lower_ in _DETERMINERS:
        toks.pop(0)
    while toks and (toks[-1].text in _POSSESSIVE or (toks[-1].is_punct and toks[-1].text not in ".)")):
        toks.pop()
    if not toks or _inside_title(doc, toks[0].i, toks[-1].i + 1):  # "Chief Executive [Officer]"
        return []
    if len(toks) > 1 and toks[-1].lower_.rstrip(".") in reference_titles() and toks[0].i > 0 and doc[toks[0].i - 1].lower_ == "the":
        # "the Alberta MP said": a description of someone (the references link it); the place stays a place
        while len(toks) > 1 and (toks[-1].lower_.rstrip(".") in reference_titles() or toks[-1].lower_ in _TITLE_MODIFIERS):
            toks.pop()
    if len(toks) == 1 and toks[0].lower_ in PARTY_MEMBERS and toks[0].dep_ in ("nsubj", "nsubjpass") and toks[0].i > 0 and doc[toks[0].i - 1].lower_ == "the":
        return []  # "The Conservative said": one member of the party, a description of someone (the references link it)
    out: list[EntityMention] = []
    label, role = ent.label_, None
    if (i := toks[0].i) > 0 and doc[i - 1].lower_ in _BEFORE_GIVEN_NAMES and doc[i - 1].text[:1].isupper():
        titled = [doc[i - 1], *toks]  # "in Prince Albert" where the tagger named only "Albert"
        if _titled_place(ent, titled):
            toks, label = titled, gazetteer.lookup(doc[i - 1 : toks[-1].i + 1].text).entity_type
    elif i > 0 and doc[i - 1].lower_ in _STORMS and doc[i - 1].is_title:
        toks = [doc[i - 1], *toks]  # "Hurricane Delia" where the tagger named only "Delia": the storm (EVENT below)
    # "Kazakh President Kassym-Jomart Tokayev": demonym, title, name; "Kazakh news": a demonym
    if len(toks) > 1 and gazetteer.demonym(toks[0].text):
        rest = [t for t in toks[1:] if not t.is_punct]
        if _title_len([t.lower_ for t in toks[1:]]) or all(t.is_lower for t in rest):
            out.append(_demonym_mention(toks[0].idx, toks[0].idx + len(toks[0].text), toks[0].text))
            toks = toks[1:] if not all(t.is_lower for t in rest) else []
            if not toks:
                return out
    n = _title_len([t.lower_ for t in toks]) or _occupation_before(toks)
    titled_place = bool(n) and n < len(toks) and _titled_place(ent, toks)  # "the mill in Prince Albert", "Prince Edward Island"
    if titled_place and label not in PLACE_TYPES:
        label = gazetteer.lookup(doc[toks[0].i : toks[-1].i + 1].text).entity_type
    if (n and n < len(toks) and _name_shaped(list(_words(doc_text[toks[n].idx : toks[-1].idx + len(toks[-1].text)])))
            and not titled_place and not (toks[0].text in _ROYAL and toks[-1].lower_ in _STREET_HEADS)):  # "Queen Street"
        role = " ".join(t.text for t in toks[:n])
        toks = toks[n:]
        label = "PERSON"
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    if (len(toks) > 1 or label == "PERSON") and (tail := _HYPHEN_TAIL.match(doc_text, end)):
        end = tail.end()  # "Ana Torres-Blanco" where the tagger stopped at the hyphen
    elif len(toks) > 1 and label == "PERSON" and (tail := _SYLLABLE_TAIL.match(doc_text, end)):
        end = tail.end()  # "Lin Mei-hua": a given name in syllables (not "Ana Ruiz-led")
    elif label == "ORG" and (tail := _LOCAL_TAIL.match(doc_text, end)):
        end = tail.end()  # "CUPE Local 2147": a union's local is named with its number
    text = doc_text[start:end]
    nickname = _nickname_in(doc, start, end)
    if nickname is not None:  # Rosalind “Roz” Penhallow: the name is Rosalind Penhallow, “Roz” a name of hers
        text = f"{doc_text[start : nickname[0]].rstrip()} {doc_text[nickname[1] : end].lstrip()}"
    if len(text) < 2 or _CURRENCY.search(text) or not any(ch.isalpha() for ch in text):
        # "Olaf Scholz (L) takes part": a caption's position; "US$": money; "0 2 1 4 5 2": a table's figures
        return out
    words = _words(text)
    if label not in _TITLED_LABELS and _headline_fragment(words):
        return out
    quoted = False
    if _quoted_alone(doc_text, start, end):
        if len(toks) == 1:
            return out  # “Smaller,” she said: a quoted word, not a name
        label = "WORK_OF_ART"  # she watches “Slap Shot” every game day: a title in quotation marks, no person
        quoted = True
    tagger_only = TAGGED in doc.spans and toks[0].i not in plain
    if tagger_only and len(toks) == 1 and {text.lower(), toks[0].lemma_.lower()} & common:
        return out  # only the tagger saw a name in a word the article also writes in lower case ("Union officials")
    if len(toks) == 1 and toks[0].is_sent_start and text.lower() in common and text.endswith("s") and not role and not re.search(
        rf"[A-Z][\w'’-]+ {re.escape(text)}\b", doc_text
    ):  # "Layoffs, mostly among …": a plural capitalised by its place, written in lower case elsewhere (not "Ann Banks … Banks")
        return out
    if len(toks) == 1 and not role and _common_noun_opening(toks[0]):
        return out  # "Retailers reported …", "Election officials in …": a common noun capitalised by its place
    if len(toks) == 1 and _language(toks[0]):
        label = "LANGUAGE"  # "taught English to French students": the language, no place
    elif label == "NORP" or (len(toks) == 1 and gazetteer.demonym(text) and label != "PERSON"):
        place = gazetteer.demonym(text)
        if place and _people_of(text):  # "Mexicans", "Saudis": people of a country, a group of them and not the place
            out.append(EntityMention(start, end, text, "NORP", Counter({"NORP": LABEL_WEIGHT}), words=(text,)))
            return out
        if place:
            out.append(_demonym_mention(start, end, text))
            return out
    if label == "NORP" and len(toks) == 1 and _reports(toks[0]):
        label = "ORG"  # "…, Nikkei reported", "a poll by X": no nationality (a demonym returned above) but a firm that reports
    plural = (len(toks) == 1 and toks[0].tag_ == "NNPS" and text.endswith("s")) or _place_and_plural(toks)  # "the Canucks", "the Liberals"
    cues: list[str] = ["quoted-title"] if quoted else []
    if plural and len(toks) > 1:
        cues.append("team-name")  # "the Halifax Falcons": its last word alone names the team, no person
        if label == "FAC" or label in ("GPE", "LOC", "NORP") and gazetteer.lookup(text) is None:
            label = "ORG"  # a team, not its arena ("the Moncton Otters" FAC for spaCy sm), its town or its fans
    if label == "PERSON" and not role and _employer(toks[-1]):
        label = "ORG"  # "said Alberta Wildfire information officer Kerri-Ann Boychuk": whom the officer works for
        cues.append("employer")
    if label == "PERSON" and not role and (words[-1].lower() in _ORG_DESIGNATORS or (text.isupper() and len(text) <= 4) or plural
                                           or _named_for_its_country(toks, text)):
        label = "ORG"  # "Saturn Corporation", "GB", a team or a party, "Historic England": not a person's name
        cues.append("org-shaped")
    weight = TAGGER_WEIGHT if TAGGED in doc.spans else LABEL_WEIGHT
    m = EntityMention(start, end, text, label, Counter({label: weight}), role=role, words=words, plain=plain.get(toks[0].i), tagged=tagged.get(toks[0].i), cues=cues,
                      nickname=nickname and nickname[2])
    if m.plain in LABELS and _COARSE.get(m.plain, m.plain) != _COARSE.get(label, label):
        m.evidence[m.plain] += LABEL_WEIGHT  # a second opinion
    if _team_context(doc, toks[0].i, toks[-1].i):  # "Kent 250 and 120", "Liverpool v Chelsea"
        m.evidence["ORG"] += STRONG_WEIGHT
        cues.append("team")
    m.kin = _kin_before(doc, toks[0].i)  # "her brother Karim": a man
    kind = _classifier_before(doc, toks[0].i)
    after = _classifier_after(doc, toks[-1].i) if not kind else None
    if after and not (after != "PERSON" and len(words) > 1 and words[0].lower() in given_names()):
        kind = after  # not "Bernice McAllister, a retired telephone operator": a given name outweighs "operator"
    words_span = doc[toks[0].i : toks[-1].i + 1]  # (one Span: spaCy makes each anew, a few microseconds)
    if not kind and _held_in(words_span) and not ((place := gazetteer.lookup(text)) and _notable(place)):
        kind = "ORG"  # "shares in Ostara", "a stake in Marrick": a company (not "shares in Asia": a market)
    if not kind and _road_number(text, words_span):
        kind = "FAC"  # "the A66", "the M6 northbound", "I-95": a road, not a product nor a firm
    if not kind and _holiday(text):
        kind = "EVENT"  # "Christmas Day", "Remembrance Day": a holiday, not a place
    if not kind and len(words) > 1 and (words[0].lower() in _STORMS or words[0] == "Storm" and words[1].lower() in given_names()):
        kind = "EVENT"  # "Typhoon Nakri", "Cyclone Idai", "Storm Ciaran": a storm, not a person nor a building ("Storm Lake" a town)
    if kind:  # "electronics retailer Best Buy", "web browser Safari", "Force Ouvrière, the main Airbus union"
        m.evidence[kind] += TITLE_WEIGHT
        cues.append(f"classifier:{kind}")
    if _INITIALS.match(text) and not gazetteer.lookup(words[0]):  # "M. McCague", "J.R. Smith", not "U.S. Open"
        m.evidence["PERSON"] += STRONG_WEIGHT
        cues.append("initials")
    if words[-1].lower() in _ORG_WORDS:
        cues.append("org-word")
    root = words_span.root
    cues.append(f"dep:{root.dep_}")
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in _SAYING:
        cues.append("speaks")  # "Hana Loft said": someone, not a loft
    if root.dep_ == "pobj":
        cues.append(f"prep:{root.head.lower_}")  # "in Odesa", "for Kent"
    if len(words) > 1 and words[0].lower() in given_names():
        cues.append("given-name")
    m.aged = _AGED_AFTER.match(doc_text, end) is not None
    if pronoun := _pronoun_after(doc, toks[-1].i):
        cues.append(f"pronoun-after:{pronoun}")  # "Chantal Desrochers said her father …": a person's
        if pronoun == "it" and _it_acts_after(doc, toks[-1].i):
            cues.append("it-acts")  # "Harbourline Transit says it will cut service": what it does, it does as a company
    if role:
        m.evidence["PERSON"] += TITLE_WEIGHT
        cues.append("title")
    else:
        context_role = _title_before(doc, toks[0].i) or _apposition_after(doc, toks[-1].i)
        if context_role and _region(f"{context_role} {text}"):
            context_role = None  # "Prince" before "Edward Island"
        if context_role and _name_shaped(list(words)) and label in ("PERSON", "ORG", "GPE", "NORP", "LOC"):
            m.role = context_role
            m.evidence["PERSON"] += TITLE_WEIGHT
            cues.append("role")
    # a group named as an adjective ("Western countries") is no place, even where some place has its name
    if (label != "PERSON" or not m.role) and not (label == "NORP" and toks[-1].dep_ == "amod"):
        # (a word the article also writes in lower case is no place, but an acronym is not that word: "US", "us")
        # ("Lacombe, Alta.": after a town and a comma, "Alta" the tokenizer split from its full stop
        # is Alberta, not the Norwegian town)
        abbreviated = doc_text[end : end + 1] == "." and toks[0].i > 0 and doc[toks[0].i - 1].text == ","
        lower_case_word = len(words) == 1 and text.lower() in common and not (text.isupper() and len(text) > 1)
        place = abbreviated and gazetteer.abbreviation(f"{text}.") or (None if lower_case_word else gazetteer.lookup(text))
        if place is not None and place.kind == "city":
            place = _qualified(ent.doc, toks[-1].i, text, place)
        elif place is None and not lower_case_word and (where := _region_after(doc, toks[-1].i)) is not None and where.code:
            place = gazetteer.town(text, where.code)  # "Pineville, La.": a small town known only in its state
        if place is not None and not (label == "ORG" and words and words[-1].lower() in _ORG_WORDS):
            m.place = place
            # a small town's name is as often a surname (Clinton, Chelsea): spaCy decides then
            m.evidence[place.entity_type] += STRONG_WEIGHT if _notable(place) else LABEL_WEIGHT
            cues += [f"place:{place.kind}", f"place:{'notable' if _notable(place) else 'small'}"]
            if _origin(root) or _placed_in_region(doc, toks[-1].i, place):
                cues.append("sure-place")  # "a native of Brno", "born in Kelowna", "Rimouski, Que.": a place, in a sports story too
                m.evidence[place.entity_type] += STRONG_WEIGHT
    if _heads_a_following(doc, toks[-1].i) and not (m.place is not None and _notable(m.place)):
        m.evidence["PERSON"] += STRONG_WEIGHT  # "the Obama administration" (not "the Kyiv administration")
        cues.append("heads-noun")
    out.append(m)
    return out


@Language.factory("newsgraph_entities", assigns=["doc._.newsgraph_entities"], requires=["doc.ents"])
def make_entity_resolver(nlp: Language, name: str) -> EntityResolver:
    return EntityResolver(nlp, name)


# ---------------------------------------------------------------------------------------------
# evidence helpers


def _title_len(words: list[str]) -> int:
    """Length of the longest title at the start of ``words`` (lower case), 0 if none."""
    table = titles()
    for n in range(min(4, len(words)), 0, -1):
        if " ".join(words[:n]) in table:
            return n
    return 0


@lru_cache(maxsize=1)
def _agent_kinds() -> dict[str, str]:
    return dict(line.split("\t", 1) for line in data_lines("agent_nouns.txt"))


@lru_cache(maxsize=1)
def agent_nouns() -> frozenset[str]:
    """Nouns whose first WordNet sense is a person or a group (``data/agent_nouns.txt``): "welder",
    "spokesperson", "gunmen", "council"."""
    return frozenset(w for w, kind in _agent_kinds().items() if kind != "second")


@lru_cache(maxsize=1)
def actor_nouns() -> frozenset[str]:
    """:func:`agent_nouns` and the nouns whose second WordNet sense is a person or a group, which
    name who acts as an event's subject ("Authorities imposed a curfew", "the cabinet gave in")."""
    return frozenset(_agent_kinds())


@lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    """Nouns whose first WordNet sense is a person: "welder", "forward", "netminder" (not "council")."""
    return frozenset(w for w, kind in _agent_kinds().items() if kind == "person")


def _occupation_before(toks: list) -> int:
    """1 where a name starts with what the person does, capitalised by its place at the start of a
    sentence: a person noun that is no given name and no demonym, then a known given name and more
    ("Deckhand Tomasz Wierzbicki said", "Welder Ana Reis"; not "Hunter Biden", "Baker Mayfield",
    "the Canadian Red Cross"); else 0."""
    first = toks[0].lower_
    return int(
        len(toks) >= 3 and toks[0].is_sent_start and not toks[0].is_upper and first in agent_nouns() and first not in given_names()
        and toks[1].lower_ in given_names() and not gazetteer.demonym(toks[0].text)
    )


def _place_before_title(span: Span) -> Span | None:
    """The place that begins a person's name before a title ("Waterloo Mayor Dorothy McCabe", "Nova
    Scotia Premier Tim Houston"): a place of the gazetteer in one or two capitalised words, then a
    title and a name; None if the span is not so."""
    if span.label_ != "PERSON":
        return None
    for n in (1, 2):
        if n + 1 >= len(span):
            break  # (no Span made: spaCy makes each anew)
        head = span[:n]
        if all(t.is_title for t in head) and _title_len([t.lower_ for t in span[n : n + 4]]) and gazetteer.lookup(head.text) is not None:
            return Span(span.doc, span.start, span.start + n, label="GPE")
    return None


def _teams(doc: Doc, spans: list[Span]) -> list[Span]:
    """A team named by its place and a plural the tagger cut apart ("San" + "Antonio Comets") or left
    out of the name ("Los Angeles" + "Kings"): one organisation (:func:`_place_and_plural`)."""
    out: list[Span] = []
    k = 0
    while k < len(spans):
        span = spans[k]
        after = spans[k + 1] if k + 1 < len(spans) else None
        if after is not None and after.start == span.end and len(after) <= 3 and _place_and_plural(list(doc[span.start : after.end])):
            out.append(Span(doc, span.start, after.end, label="ORG"))
            k += 2
            continue
        limit = after.start if after is not None else len(doc)
        for end in (span.end + 1, span.end + 2):
            if end <= limit and all(doc[i].is_title and doc[i].is_alpha for i in range(span.end, end)) and _place_and_plural(list(doc[span.start : end])):
                span = Span(doc, span.start, end, label="ORG")
                break
        out.append(span)
        k += 1
    return out


def _place_and_plural(toks: list) -> bool:
    """Whether a name is a place's name and a plural noun, as teams and clubs are named ("the Moose
    Jaw Wolves", "Regina Hawks"); no person is named so."""
    last = toks[-1]
    if not (len(toks) > 1 and last.is_title and last.lower_.endswith("s") and _plural_noun(last)):
        return False  # (the cheap tests first: the entity stage asks this of every span and its neighbours)
    return (
        # the place: every word before the plural, or but a capitalised word before it ("the Las Vegas Golden Knights")
        any(n > 0 and all(t.is_title for t in toks[n:]) and gazetteer.lookup(last.doc[toks[0].i : toks[0].i + n].text) is not None
            for n in (len(toks) - 1, len(toks) - 2))
        # a plural the tagger took for a singular proper noun, after "the" ("the Moncton Otters"; not "Sandy Marks"), unless
        # the whole is a place ("the Colorado Springs airport") or starts with a given name
        and (last.tag_ in ("NNS", "NNPS") or last.tag_ == "NNP" and toks[0].i > 0 and last.doc[toks[0].i - 1].lower_ == "the"
             and gazetteer.lookup(last.doc[toks[0].i : last.i + 1].text) is None and toks[0].lower_ not in given_names())
    )


def _plural_noun(token) -> bool:
    """Whether ``token`` is the plural of a noun the model's lemmatizer knows ("Rockets", "Wolves"),
    though the tagger took it for a proper noun's plural and left it as it is."""
    word = token.lower_
    singulars = [token.lemma_.lower(), word[:-1]]
    if word.endswith("es"):
        singulars.append(word[:-2])  # "Foxes"
    if word.endswith("ies"):
        singulars.append(word[:-3] + "y")  # "Furies"
    if word.endswith("ves"):
        singulars += [word[:-3] + "f", word[:-3] + "fe"]  # "Wolves"
    return any(w in _noun_lemmas(token.doc.vocab) for w in singulars if w and w != word)  # not "Gomes"


def _common_noun_opening(token) -> bool:
    """Whether ``token`` opens its sentence as a common noun: the model tags it a common noun (NN,
    NNS) of a lemma its lemmatizer knows as a noun ("Retailers", "Election" of "Election officials"),
    or a plural proper noun that is the plural of such a noun ("Librarians" NNPS), and the article
    writes it capitalised nowhere inside a sentence but after another capitalised word ("Cochise
    County" does not make "County recorder …" a name; "the Rangers" would); not a word in capitals
    (a dateline's "TOKYO"), one a number follows (a scoreboard's "Sussex 363") nor a demonym
    ("Palestinians")."""
    common = token.tag_ in ("NN", "NNS") and token.lemma_.lower() in _noun_lemmas(token.vocab) or token.tag_ == "NNPS" and _plural_noun(token)
    return token.is_sent_start and common and not token.is_upper and not _number_after(token) and not gazetteer.demonym(token.text) and (
        token.orth not in _written_inside(token.doc)
    )


_INSIDE = "newsgraph.written_inside"  # doc.user_data key of _written_inside


def _written_inside(doc: Doc) -> frozenset[int]:
    """The words (orth ids) the article writes inside a sentence but not after a capitalised word, once per
    doc (kept in its ``user_data``)."""
    found = doc.user_data.get(_INSIDE)
    if found is None:
        from spacy.attrs import IS_TITLE, ORTH, SENT_START

        arr = doc.to_array([ORTH, SENT_START, IS_TITLE])
        after_title = np.zeros(len(doc), dtype=bool)
        after_title[1:] = arr[:-1, 2] == 1
        found = doc.user_data[_INSIDE] = frozenset(arr[(arr[:, 1].astype(np.int64) != 1) & ~after_title, 0].tolist())
    return found


def _number_after(token) -> bool:
    return token.i + 1 < len(token.doc) and token.doc[token.i + 1].like_num


def _noun_lemmas(vocab) -> frozenset[str]:
    """The nouns of the model's lemmatizer tables, by the model's vocabulary (empty where it has none)."""
    return _NOUN_LEMMAS.get(id(vocab), frozenset())


_NOUN_LEMMAS: dict[int, frozenset[str]] = {}  # id of a model's vocab → the nouns its lemmatizer knows (EntityResolver)
_ADJECTIVE_LEMMAS: dict[int, frozenset[str]] = {}  # id of a model's vocab → the adjectives its lemmatizer knows


_REPORTING = frozenset({"report", "say", "find", "show", "estimate", "forecast", "publish"})  # what a news outlet or a pollster does
_REPORTS = frozenset({"survey", "poll", "report", "study", "index", "analysis", "estimate", "forecast"})  # what it makes


def _reports(token) -> bool:
    """Whether a singular proper noun reports: the subject of "report", "say", "find" … ("Nikkei
    reported"), or whom a survey, a poll or a report is by ("a survey by X")."""
    if token.tag_ != "NNP":
        return False
    head = token.head
    if token.dep_ == "nsubj":
        return head.lemma_.lower() in _REPORTING
    return token.dep_ == "pobj" and head.lower_ == "by" and head.head.lemma_.lower() in _REPORTS


def _named_for_its_country(toks: list, text: str) -> bool:
    """Whether a name is an adjective before a country's or a province's name ("Historic England",
    "Natural England", "Creative Scotland"): a public body, no person (not a given name first: "Clark
    Kent"; not a place of the gazetteer whole: "Western Australia", "New England")."""
    first, last = toks[0], toks[-1]
    if len(toks) != 2 or not first.is_title or first.lower_ in given_names() or gazetteer.lookup(text) is not None:
        return False
    if first.lower_ not in _ADJECTIVE_LEMMAS.get(id(first.vocab), ()):
        return False  # (a noun may be a nickname: "Mickey Rivers", Rivers a Nigerian state)
    place = gazetteer.lookup(last.text)
    return place is not None and place.kind in ("country", "subdivision")


def _employer(last) -> bool:
    """Whether the name ending in token ``last`` modifies a person noun in lower case that itself
    modifies a name after it: the employer before a job title ("Alberta Wildfire information
    officer Kerri-Ann Boychuk", "Norvik spokesperson Dana Reyes")."""
    noun = last.head
    return (
        noun.i > last.i and last.dep_ == "compound" and noun.pos_ == "NOUN" and noun.is_lower and noun.lemma_ in agent_nouns()
        and noun.dep_ == "compound" and noun.head.i > noun.i and noun.head.pos_ == "PROPN"
    )


def _words(text: str) -> tuple[str, ...]:
    """The words of a name: "Kassym-Jomart Tokayev" → ("Kassym-Jomart", "Tokayev")."""
    return tuple(w for w in (w.strip(",;:()[]\"'’") for w in text.split()) if w)


def _name_shaped(words: list[str] | tuple[str, ...]) -> bool:
    """Capitalised words (with name particles) that do not end like an organisation."""
    return _name_shaped_words(tuple(words))


@lru_cache(maxsize=65536)
def _name_shaped_words(words: tuple[str, ...]) -> bool:
    """:func:`_name_shaped`, remembered: asked of the same names again and again while clustering."""
    core = [w for w in words if w.lower() not in _NAME_PARTICLES and any(ch.isalpha() for ch in w)]
    return bool(core) and all(w[:1].isupper() for w in core) and core[-1].lower() not in _ORG_WORDS and not any(
        w.isupper() and len(w) > 3 for w in core
    )


_PRONOUN_KINDS = {
    **dict.fromkeys(("he", "him", "his", "himself", "she", "her", "hers", "herself", "who", "whom"), "person"),
    **dict.fromkeys(("it", "its", "itself", "which"), "it"),
    **dict.fromkeys(("they", "them", "their", "themselves"), "they"),
}
_QUOTE_MARKS = frozenset('"“”«»')
_RELATIVES = frozenset(("who", "whom", "which"))


def _region(text: str) -> bool:
    """Whether ``text`` names a country or a province or state ("Prince Edward Island"), which a
    title at its start does not make a person."""
    place = gazetteer.lookup(text)
    return place is not None and place.kind in ("country", "subdivision")


#: prepositions before a place ("crews flew in from Prince George")
_TO_PLACE = frozenset({"in", "to", "from", "near", "outside"})


def _titled_place(ent: Span, toks: list) -> bool:
    """Whether a name beginning with a title is a place: a country, province or state ("Prince
    Edward Island"), or a city of the gazetteer ("Prince George", "Saint John", "Mount Pearl") that
    the tagger labelled a place or that follows a preposition of place, or a name the gazetteer lacks
    that the tagger labelled a place whole after a preposition of place ("from Prince Rupert"); not
    "Prince George, 10"."""
    place = gazetteer.lookup(ent.doc[toks[0].i : toks[-1].i + 1].text)
    before = ent.doc[toks[0].i - 1].lower_ if toks[0].i > 0 else ""
    if place is None:  # (a town too small for the gazetteer)
        return ent.label_ in PLACE_TYPES and toks[0].i >= ent.start and before in _TO_PLACE
    if place.kind in ("country", "subdivision"):  # as _region
        return True
    return ent.label_ in PLACE_TYPES or before in _TO_PLACE


_AGED_AFTER = re.compile(r"\s*,\s*(?:aged\s+)?(?:[1-9]|[1-9]\d|10\d)\s*,(?!\d)")  # ", 71," after a name
_CLOSED = re.compile(r"[,.!?]?[”\"»]")


def _quoted_alone(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is all a quotation holds (“Smaller,” she said), or opens one whose other
    words are a title's, each capitalised or a short function word (the film “Nora Kell Rides Again,”)."""
    if not (start > 0 and text[start - 1] in "“\"«"):
        return False
    rest = _TITLE_REST.match(text, end)
    return rest is not None and _CLOSED.match(text, rest.end()) is not None


_NICKNAME_MARKS = {'"': '"”', "“": '”"', "'": "'’", "‘": "’'"}  # an opening mark → the marks that close it
_NICKNAME = "newsgraph.nicknames"  # doc.user_data key of quoted_nicknames
_NICKNAME_OPENING = re.compile(r"(?<=[\w.] )[\"“'‘](?=[A-Z])")  # an opening mark after a word and a space, before a capital
_INITIAL = re.compile(r"(?:[A-Z]\.){1,3}")
_NOT_SURNAMES = frozenset({"VERB", "AUX", "ADP", "ADV", "DET", "PRON", "CCONJ", "SCONJ", "PART", "NUM", "PUNCT"})


def quoted_nicknames(doc: Doc) -> list[tuple[int, int, int, int]]:
    """The nicknames written in quotation marks inside a person's name: a word or two, capitalised or
    initials, between a known given name or an initial and a capitalised surname (Rosalind “Roz”
    Penhallow, Theodore 'Teddy' Mbeki-Sato, Walter J. "The Hammer" Brzezinska, "T.J."). Each is (the
    given name's token, the opening mark's, the closing mark's, the surname's); never a quotation (a
    headline's Calls Hillary ‘Crooked’ Again: no surname after it)."""
    found = doc.user_data.get(_NICKNAME)
    if found is not None:
        return found
    found = []
    for match in _NICKNAME_OPENING.finditer(doc_text(doc)):  # (a look at the text first: few marks open a capitalised word)
        mark = doc.char_span(match.start(), match.end())
        if mark is None or not 0 < (o := mark.start) < len(doc) - 3:
            continue
        closers = _NICKNAME_MARKS[doc[o].text]
        c = next((k for k in range(o + 2, min(o + 4, len(doc) - 1)) if doc[k].text in closers), None)
        if c is None or doc[c - 1].whitespace_ or not doc[c].whitespace_:
            continue
        given, surname, words = doc[o - 1], doc[c + 1], doc[o + 1 : c]
        if not (
            given.text[:1].isupper()
            and (_INITIAL.fullmatch(given.text) or all(part in given_names() for part in given.lower_.split("-")))
            and sum(len(t.text) for t in words) <= 20
            and all(t.text[:1].isupper() and all(ch.isalpha() or ch in ".-'’" for ch in t.text) for t in words)
            and surname.text[:1].isupper() and surname.text[1:2].islower() and surname.pos_ not in _NOT_SURNAMES
            and surname.lower_ not in STOP_WORDS and surname.lower_ not in common_words()
        ):
            continue
        found.append((o - 1, o, c, c + 1))
    doc.user_data[_NICKNAME] = found
    return found


def _nickname_named(doc: Doc, spans: list[Span]) -> list[Span]:
    """``spans`` with each name that holds a quoted nickname (:func:`quoted_nicknames`) one person's
    name, from the span its given name stands in to the end of its surname's: not "Penhallow" an
    organisation beside a quoted "Roz"."""
    for g, _, _, s in quoted_nicknames(doc):
        start = min([span.start for span in spans if span.start <= g < span.end] + [g])
        end = max([span.end for span in spans if span.start <= s < span.end] + [s + 1])
        spans = sorted([span for span in spans if span.end <= start or span.start >= end] + [Span(doc, start, end, label="PERSON")],
                       key=lambda span: (span.start, span.end))
    return spans


def _nickname_in(doc: Doc, start: int, end: int) -> tuple[int, int, str] | None:
    """The quoted nickname (first mark, last mark's end, the nickname) of the name at characters
    ``start``-``end`` of ``doc``, if it holds one."""
    for _, o, c, _ in quoted_nicknames(doc):
        if start < doc[o].idx and doc[c].idx < end:
            return doc[o].idx, doc[c].idx + len(doc[c].text), doc[o + 1 : c].text
    return None


#: the words of a title after a name that opens it, up to its closing mark (" Rides Again", " of the North")
_TITLE_REST = re.compile(r"(?:\s+(?:[A-Z][\w'’-]*|of|the|and|a|an|in|on|at|to|for|with|from))*")


def _pronoun_after(doc: Doc, j: int) -> str | None:
    """The kind ("person", "it", "they") of the first third-person pronoun after the subject name
    ending at token ``j`` in its sentence, within a dozen words, before any other name or quotation
    mark, or of a relative pronoun right after any name: who a name is shows in how the sentence
    goes on ("… said her father", "… said its profit", "…, who covers")."""
    subject = doc[j].dep_ in ("nsubj", "nsubjpass") or doc[j].head.dep_ in ("nsubj", "nsubjpass") and doc[j].head.i > j
    for k, t in enumerate(map(doc.__getitem__, range(j + 1, min(len(doc), j + (13 if subject else 3))))):  # not a subject: only a relative right after
        if t.is_sent_start or t.text in _QUOTE_MARKS or t.pos_ == "PROPN":
            return None
        if t.pos_ == "PRON" and t.lower_ in _PRONOUN_KINDS and (subject or k <= 1 and t.lower_ in _RELATIVES):
            return _PRONOUN_KINDS[t.lower_]  # the subject's pronoun, or a relative right after any name
    return None


#: verbs "it" is a placeholder subject of ("it was time", "it seems", "it takes courage"), not an actor
_PLACEHOLDER_VERBS = frozenset("be seem appear take matter make remain look feel happen mean sound get become".split())


def _it_acts_after(doc: Doc, j: int) -> bool:
    """Whether the "it" :func:`_pronoun_after` found after the subject name ending at token ``j`` is
    the subject of a verb that acts ("says it will cut", "said it had closed"), not a placeholder ("said it
    was time")."""
    for t in doc[j + 1 : j + 13]:
        if t.is_sent_start or t.text in _QUOTE_MARKS or t.pos_ == "PROPN":
            return False
        if t.pos_ == "PRON" and t.lower_ in _PRONOUN_KINDS:
            return t.lower_ == "it" and t.dep_ in ("nsubj", "nsubjpass") and t.head.lemma_.lower() not in _PLACEHOLDER_VERBS
    return False


_TITLE_MODIFIERS = frozenset({"prime", "deputy", "vice", "chief", "associate", "assistant", "acting", "interim"})
_ADJECTIVE_TITLES = frozenset({"chief"})  # titles only when capitalised


def _title_before(doc: Doc, i: int) -> str | None:
    """A title right before token ``i``: "Chancellor Olaf Scholz", "Prime Minister Modi"."""
    if i == 0 or doc[i - 1].lower_ not in _title_ends():
        return None
    for n in (3, 2, 1):
        if i - n >= 0 and " ".join(t.lower_ for t in doc[i - n : i]) in titles():
            if n == 1 and doc[i - 1].text in _ADJECTIVE_TITLES:
                return None  # "chief Crown attorney": an adjective, where "Chief Ruth Paul" is a title
            return doc[i - n : i].text
    if i >= 2 and doc[i - 1].text[:1].isupper() and doc[i - 2].text[:1].isupper() and doc[i - 2].pos_ == "PROPN" and not doc[i - 1].is_sent_start:
        return doc[i - 2 : i].text  # an organisation's name and a title's last word, capitalised: "NDP Leader Jagmeet Singh"
    return None


#: nouns a number follows as part of a name ("Highway 1", "Game 4", "Terminal 3", "Bill 21"): no score
_NUMBERED = frozenset(
    "highway hwy hwy. route road interstate autoroute exit gate terminal game bill phase section article chapter "
    "level line platform unit ward district zone stage round class grade room suite tower pier berth flight".split()
)


def _team_context(doc: Doc, i: int, j: int) -> bool:
    """Whether the name at tokens ``i..j`` stands where sports pages put a team: before a score
    ("Somerset 83", "ATLANTA 83 49 .629"; not a year) or next to "v"/"vs" ("Liverpool v Chelsea")."""
    after = doc[j + 1] if j + 1 < len(doc) else None
    before = doc[i - 1] if i > 0 else None
    if doc[j].lower_ in _NUMBERED:
        return False  # "Highway 1", "Game 4", "Terminal 3": the number is part of the name
    if after is not None and _SCORE.match(after.text) and not (len(after.text) == 4 and after.text[:2] in ("19", "20")):
        nxt = doc[j + 2] if j + 2 < len(doc) else None
        return nxt is None or not (nxt.text in ("%", "percent") or nxt.pos_ == "NOUN")  # not "Kent 5 km"
    return any(t is not None and t.lower_ in ("v", "v.", "vs", "vs.") for t in (before, after))


def _inside_title(doc: Doc, i: int, j: int) -> bool:
    """Whether tokens ``i:j`` lie inside a title ("Officer" in "Chief Executive Officer")."""
    if doc[j - 1].lower_ not in _title_ends():
        return False
    return any(j - n <= i and " ".join(t.lower_ for t in doc[j - n : j]) in titles() for n in (4, 3, 2, 1) if j - n >= 0)


@lru_cache(maxsize=1)
def classifiers() -> dict[str, str]:
    """Common nouns that name what the following name is: "retailer" → ORG, "browser" → PRODUCT."""
    return dict(line.split("\t") for line in data_lines("classifiers.tsv"))


def _classifier_before(doc: Doc, i: int) -> str | None:
    """What a classifier noun right before the name says it is ("retailer Best Buy"), also in
    apposition ("the Irish low-cost airline, Ryanair, …"); a noun that names a person (GUM's
    mentions headed by it are people at least half the time: "her son, Gérard Beaumont", "lawyer
    Ana Reis") says PERSON."""
    from .coref import name_root, names_a_person

    if i > 0 and doc[i - 1].pos_ == "NOUN":
        noun = doc[i - 1]
    elif i > 0 and doc[i - 1].is_sent_start and doc[i - 1].is_title and doc[i - 1].pos_ == "PROPN":
        # "Resident Edna Marsh said": a capitalised noun at the head of the sentence, read as part of a name; a
        # person's noun only, by its lower-case form
        word = doc[i - 1].lower_
        return "PERSON" if word not in classifiers() and names_a_person(word) else None
    elif i > 1 and doc[i - 1].text == "," and doc[i - 2].pos_ == "NOUN" and (root := name_root(doc[i])).head.i == i - 2 and root.dep_ == "appos":
        noun = doc[i - 2]
    else:
        return None
    return classifiers().get(noun.lower_) or ("PERSON" if names_a_person(noun.lemma_.lower()) else None)


#: nouns that a leader's name modifies to name the people around them ("campaign" and "era" are left
#: out: "the Nike campaign", "the Douglas era" are a company's)
_HOLDINGS = frozenset("share stake holding shareholding".split())  # what one holds in a company


def _held_in(span: Span) -> bool:
    """Whether ``span`` names what shares or a stake are held in: "shares in Ostara", "a stake in
    Marrick", also where the parse hangs "in" on the verb ("dumped shares in Ostara"); "shares of
    Nvidia" (not "a stake of 5 %": no name)."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ not in ("in", "of"):
        return False
    held = root.head.head
    if root.head.lower_ == "of":
        return held.lemma_.lower() == "share" and held.tag_ == "NNS"
    return held.lemma_.lower() in _HOLDINGS or held.pos_ == "VERB" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _HOLDINGS and c.i < root.i for c in held.children
    )


_FOLLOWING = frozenset("administration presidency camp aides loyalists".split())


#: a road's number: Britain's, Ireland's and South Africa's A, B, M, N and R roads, Europe's E roads
#: ("A66", "M6", "A1(M)", "N7"); an interstate or a US or state route ("I-95", "US-1", "SR-99")
_ROAD_NUMBER = re.compile(r"[ABEMNR]\d{1,4}(?:\(M\))?|(?:I|US|SR)-\d{1,3}")
_INTERSTATE = re.compile(r"(?:I|US|SR)-\d{1,3}")
#: words of a story about traffic on a road
_TRAFFIC = frozenset(
    """junction northbound southbound eastbound westbound motorway carriageway lane traffic driver drive motorist lorry
    truck crash collision closure roadwork roadworks slip exit mph tailback""".split()
)


def _road_number(text: str, span: Span) -> bool:
    """Whether ``span`` names a road by its number: an interstate's form anywhere ("I-95"), a letter and
    its number after "the" ("the A66", "the M6") in a sentence about traffic ("junction", "northbound",
    "lorry", "driving") or off, onto, along or via it (not "the A380" an airline flies)."""
    if not _ROAD_NUMBER.fullmatch(text):
        return False
    if _INTERSTATE.fullmatch(text):
        return True
    doc, i = span.doc, span.start
    if i == 0 or doc[i - 1].lower_ != "the":
        return False
    return i > 1 and doc[i - 2].lower_ in ("off", "onto", "along", "via") or any(t.lemma_.lower() in _TRAFFIC for t in span.sent)


def _heads_a_following(doc: Doc, j: int) -> bool:
    """Token ``j`` ends a name that modifies a noun of a leader's following: "the George W. Bush
    administration's request", "Trump aides" (not "the Trump Organization": capitalised; not "the EU
    presidency": an acronym)."""
    k = j + 1
    return (k < len(doc) and doc[k].lower_ in _FOLLOWING and doc[k].is_lower and doc[j].head.i == k
            and not doc[j].is_upper)


_CURRENCY = re.compile(r"[$€£¥₹₽]")
#: labels whose names may read like a sentence ("Change Is Gonna Come", "War on Drugs")
_TITLED_LABELS = frozenset({"WORK_OF_ART", "EVENT", "LAW"})
_NAME_NEVER_ENDS = frozenset("a an the of for with over to in on at by from and or but as into than".split())
_VERBS_IN_HEADLINES = frozenset("is are was were".split())


def _headline_fragment(words: tuple[str, ...]) -> bool:
    """A run of capitalised words cut from a headline in title case rather than a name: it ends in a
    preposition or article ("Boost With", "Stealth Over") or holds a verb ("Trends Are",
    "Contributors Are Small Donors")."""
    lower = [w.lower() for w in words]
    return len(lower) > 1 and (lower[-1] in _NAME_NEVER_ENDS or any(w in _VERBS_IN_HEADLINES for w in lower[1:]))


def _classifier_after(doc: Doc, j: int) -> str | None:
    """What a classifier noun in apposition after the name says it is ("Force Ouvrière, the main
    Airbus union")."""
    for child in doc[j].children:
        if child.dep_ == "appos" and child.i > j + 1 and child.pos_ == "NOUN" and doc[j + 1].text == ",":
            return classifiers().get(child.lower_)
    return None


def _apposition_after(doc: Doc, j: int) -> str | None:
    """A title in an apposition after token ``j``: "Tokayev, President of Kazakhstan"."""
    k = j + 1
    while k < len(doc) and doc[k].text in (")", "]"):
        k += 1
    if k >= len(doc) or doc[k].text != ",":
        return None
    k += 1
    while k < len(doc) and (doc[k].lower_ in _DETERMINERS or doc[k].lower_ in ("former", "then", "new", "acting", "outgoing", "incoming") or gazetteer.demonym(doc[k].text)):
        k += 1
    n = _title_len([t.lower_ for t in doc[k : k + 4]])
    if n and k + n < len(doc) and doc[k + n].tag_ in FINITE_TAGS:
        return None  # "Speaking in Timmins, the minister said": the title's noun is the next verb's subject
    return doc[k : k + n].text if n else None


def _candidates(spans: list[Span]) -> list[Span]:
    """The entity spans (:func:`_entity_spans`) with their boundaries mended: names cut at a
    particle joined ("Ursula von der" + "Leyen", "Maarten" + "ten" + "Brink"); spans split at a line break, a comma or
    "at"/"v"/"vs" ("Yorkshire at Headingley", "Grace Road , Leicestershire"), and at "and" between
    two places; trailing numbers cut off names ("Somerset 83", "H. Morris 69"); a province or country
    the tagger cut after its first word made whole ("Prince" + "Edward Island"); an occupation that
    starts a sentence joined to the person's name after it, which then cuts it off as a role
    ("Lineman" + "Arturo Quispe": :func:`_occupation_before`); a place that begins a person's name
    before a title cut off as a place ("Waterloo" + "Mayor Dorothy McCabe")."""
    out: list[Span] = []
    for ent in spans:
        for part in _split(ent):
            doc = part.doc
            if (place := _place_before_title(part)) is not None:  # "Waterloo" + "Mayor Dorothy McCabe"
                out.append(place)
                part = Span(doc, place.end, part.end, label=part.label_)
            if part.start > 0 and doc[part.start - 1].is_title and _region(doc[part.start - 1 : part.end].text):
                part = Span(doc, part.start - 1, part.end, label="GPE")  # "Prince" + "Edward Island": a province
                if out and out[-1].end > part.start:
                    out.pop()
            prev = out[-1] if out else None
            if prev is not None and prev.label_ == "PERSON" and part.start - prev.end in (1, 2) and all(
                t.text in _LOWER_PARTICLES for t in doc[prev.end : part.start]
            ) and part[0].is_title:
                out[-1] = Span(part.doc, prev.start, part.end, label="PERSON")  # "Maarten" + "ten" + "Brink"
            elif prev is not None and prev.end == part.start and (
                prev[-1].lower_ in _NAME_PARTICLES or part[0].lower_ in _NAME_PARTICLES
                or (len(prev) == 1 and part.label_ == "PERSON" and _occupation_before([prev[0], *part]))  # "Lineman" + "Arturo Quispe"
            ):
                out[-1] = Span(part.doc, prev.start, part.end, label="PERSON")
            else:
                out.append(part)
    return out


_COARSE = entity_types.KIND_OF  # a fine type → its coarse kind (the news NER tagger's labels)
_FINE = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE", "MISC": "NORP"}  # a news-NER label → OntoNotes
_HYPHENS = ("-", "‐")
# what a saint's, a monarch's or a founder's name in the possessive names: "St. Peter's Basilica",
# "St. Michael's Hospital", "Queen's University", "St. James's Park"
_POSSESSED = {**dict.fromkeys("hospital infirmary clinic basilica cathedral church chapel abbey mosque temple synagogue shrine "
                              "square park".split(), "FAC"), **dict.fromkeys("university college school academy court".split(), "ORG")}
_NOT_NAMES = frozenset({"RB", "RBR", "RBS", "UH", "PRP", "PRP$", "DT", "IN", "CC", "MD", "WRB", "WP"})


def _verb_of_clause(token) -> bool:
    """Whether a capitalised participle heads a clause ("Speaking in Timmins, …", "Asked about the
    delay, …"): a verb, not a name (not "Reading won", "moved to Reading", "Ealing residents")."""
    return token.tag_ in ("VBG", "VBN") and token.dep_ in ("ROOT", "advcl", "acl", "xcomp", "ccomp", "pcomp")


def _left_out_before(doc: Doc, span: Span, free: int) -> str | None:
    """The label of the name made whole when the word before the tagger's ``span`` (after token
    ``free``, where the span before ends) is a capitalised proper noun compounded with its first word
    that the tagger left out of it, else None: a known given name before a one-word name makes a
    person ("Odile" + "Brassard"), any such word before an organisation's name that does not start
    with one keeps the organisation ("Harlow" + "Media", not "The Canadian Press" + "Lena Moravec");
    not a title ("Minister"), and a plural is no surname ("Regina" + "Falcons")."""
    if span.start == 0 or free >= span.start:
        return None
    word = doc[span.start - 1]
    if not (word.dep_ == "compound" and word.head.i in range(span.start, span.end) and word.pos_ == "PROPN" and word.is_title and word.is_alpha):
        return None
    if _given_before_surname(word, span):
        return "PER"
    if span.label_ == "ORG" and word.lower_ not in titles() and span[0].lower_ not in given_names():  # not "Press" + "Lena Moravec"
        return "ORG"
    return None


def _particle_tail(span: Span, starts: set[int]) -> int:
    """Where the tagger's person ends with the rest of the name written after it: a particle in lower
    case ("ten", "van der", "dos") and a capitalised proper noun ("Erik" + "ten Hag"); else its end."""
    doc, end = span.doc, span.end
    if span.label_ != "PER":
        return end
    j = end
    while j < len(doc) and j - end < 2 and doc[j].text in _LOWER_PARTICLES and j not in starts:
        j += 1
    if j > end and j < len(doc) and j not in starts and doc[j].is_title and doc[j].is_alpha and doc[j].pos_ == "PROPN":
        return j + 1
    return end


def _before(spans: list[Span | None], k: int) -> int:
    """Where a name that the ``k``-th span is cut from may begin: at the start of the span before it
    where that is one word right before it ("New" + "South"), else after it."""
    prev = spans[k - 1] if k else None
    if prev is None:
        return spans[k - 2].end if k > 1 and spans[k - 2] is not None else 0
    return prev.start if len(prev) == 1 and prev.end == spans[k].start else prev.end


def _place_cut(span: Span, free: int, starts: set[int]) -> tuple[int, int] | None:
    """The bounds of the gazetteer's province, country or region the tagger's place is one word of
    ("New South Wales Premier Chris Minns": the tagger's "South"), the capitalised proper nouns around
    it (two on either side at most, none of another name) making the longest such name; else None."""
    doc = span.doc
    if span.label_ != "LOC" and not (span.label_ == "ORG" and gazetteer.lookup(span.text)):  # (the tagger's "South" ORG too)
        return None
    word = lambda t: t.is_title and t.is_alpha and t.pos_ == "PROPN"  # noqa: E731
    start, end = span.start, span.end
    while start > max(free, span.start - 2) and word(doc[start - 1]):
        start -= 1
    while end < min(len(doc), span.end + 2) and end not in starts and word(doc[end]):
        end += 1
    for a, b in sorted(((a, b) for a in range(start, span.start + 1) for b in range(span.end, end + 1) if (a, b) != (span.start, span.end)),
                       key=lambda ab: ab[0] - ab[1]):
        place = gazetteer.lookup(doc[a:b].text)
        if place is not None and place.kind in ("country", "subdivision", "region"):
            return a, b
    return None


def _syllable_left_out(span: Span, sm: dict[int, Span], free: int, starts: set[int]) -> tuple[int, int] | None:
    """The bounds of a person's name the tagger cut by one word where sm's person holds that word, a
    capitalised proper noun compounded with the name: the family name written first ("President Yoon
    Suk Yeol": the tagger's "Suk Yeol", sm's "Yoon Suk") or the last syllable of a given name ("Kim Jong
    Un": the tagger's "Kim Jong", sm's whole); not a title nor a demonym; else None. ``sm``: sm's entity
    at each token."""
    doc = span.doc
    if span.label_ != "PER" or len(span) < 2:
        return None
    i, j = span.start - 1, span.end
    before, at = sm.get(i), sm.get(span.start)
    if i >= free and before is not None and before.label_ == "PERSON" and before.start == i and span.start < before.end <= span.end and _syllable(doc[i]) and (
        span.start <= doc[i].head.i < span.end
    ):
        return i, span.end
    if j < len(doc) and j not in starts and at is not None and at.label_ == "PERSON" and at.start == span.start and at.end == j + 1 and _syllable(doc[j]) and (
        span[-1].head.i == j
    ):
        return span.start, j + 1
    return None


def _syllable(word: Token) -> bool:
    """Whether ``word`` may be a part of a name: a capitalised proper noun, no title nor demonym."""
    return word.is_title and word.is_alpha and word.pos_ == "PROPN" and word.lower_ not in titles() and not gazetteer.demonym(word.text)


def _given_before_surname(word: Token, span: Span) -> bool:
    """Whether ``word`` is a known given name and the one-word ``span`` after it a surname, not a
    noun the model knows, singular or plural ("Odile" + "Brassard", not "Harlow" + "Media")."""
    first = span[0]
    return (
        len(span) == 1 and word.lower_ in given_names() and first.is_title and first.is_alpha
        and first.lower_ not in _noun_lemmas(first.vocab) and not (first.lower_.endswith("s") and _plural_noun(first))
    )


def _entity_spans(doc: Doc, ents: list[Span]) -> list[Span]:
    """spaCy's ``doc.ents``, or, where the news NER tagger ran (:mod:`newsgraph.ner`), its spans
    with OntoNotes labels: sm's finer label where sm marks the same words with a label of the same
    coarse kind ("Astana" GPE, "Heathrow" FAC), else the tagger's label's default (PER → PERSON,
    LOC → GPE, MISC → NORP); where the tagger says MISC (its catch-all) and sm has entities of
    ours there, all inside the tagger's span, sm's ("Airbus A380" → "Airbus" ORG, "A380" PRODUCT;
    not sm's "HOCKEY - NORTHERN LEAGUE STANDINGS" ORG around the tagger's "NORTHERN LEAGUE"). Names the
    tagger splits at a hyphen are joined, with the last part's label ("Kassym" - "Jomart Tokayev", "Zia-ul-"
    "Karim"); a known given name the tagger left out of a name sm gives a person whole is put back, and
    so is one compounded with the one proper noun the tagger took ("Odile" of "Odile Brassard": a person);
    a lone adverb, pronoun or function word is no name ("Unfortunately"); a known given name cut before
    the proper noun it is compounded with is made whole ("Delphine" + "Hardy"), a noun a number follows
    as part of a name keeps it ("Highway" + "97"), a name cut after "and" or "of" takes the capitalised
    words after it ("Ministry of Health and" + "Wellness"); sm's entities of other
    kinds (NORP, EVENT, PRODUCT, ...) are added where they overlap none of the tagger's."""
    tagged = doc.spans.get(TAGGED) if doc.spans else None
    if tagged is None:
        return ents
    joined: list[Span] = []
    for span in tagged:
        if span[0].text in _HYPHENS and span.start > 0 and not doc[span.start - 1].whitespace_:
            # "-based" of "Winnipeg-based", "-" of "Ivy League-trained": the name is the run of
            # capitalised proper nouns the hyphen is written after, if any
            start = span.start
            while start > max(0, span.start - 4) and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_alpha and doc[start - 1].text[:1].isupper():
                start -= 1
            if start == span.start or joined and joined[-1].end > start:
                continue
            span = Span(doc, start, span.start, label=span.label_)
        prev = joined[-1] if joined else None
        if prev is not None and (
            (span.start - prev.end == 1 and doc[prev.end].text in _HYPHENS and not prev[-1].whitespace_ and not doc[prev.end].whitespace_)
            or (span.start == prev.end and prev[-1].text in _HYPHENS and not prev[-1].whitespace_)  # "Zia-ul-" "Karim"
        ):
            joined[-1] = Span(doc, prev.start, span.end, label=span.label_)
        elif not (len(span) == 1 and (span[0].tag_ in _NOT_NAMES or _verb_of_clause(span[0]))):
            joined.append(span)
    starts = {span.start for span in joined}
    sm = {i: ent for ent in ents for i in range(ent.start, ent.end)}
    epithets: list[Span] = []
    for k, span in enumerate(joined):
        end = span.end
        described = _epithet_before_given_name(span, sm)
        if described:
            # "Conservative Tom Callaghan", "the Czech Marketa Vondrousova": a word describing the person the
            # tagger put in the name; a demonym stays a name of its own
            epithets += [Span(doc, span.start, span.start + 1, label="MISC")] if gazetteer.demonym(span[0].text) else []
            joined[k] = span = Span(doc, span.start + 1, end, label="PER")
        # "Delphine" of "Delphine Hardy keeps …", "Justice Genevieve" of "Justice Genevieve Rajkot": a known
        # given name, alone or after titles, cut before the proper noun it is compounded with, is that person's name
        if (
            end < len(doc) and end not in starts and span[-1].lower_ in given_names() and span[-1].dep_ == "compound"
            and span[-1].head.i == end and doc[end].pos_ == "PROPN" and doc[end].is_alpha and all(t.lower_ in titles() for t in span[:-1])
            and span[-1].is_title and doc[end].is_title and not (doc[end].lower_.endswith("s") and _plural_noun(doc[end]))  # (not "Regina" + "Falcons")
        ):
            joined[k] = Span(doc, span.start, end + 1, label="PER")
        elif (tail := _particle_tail(span, starts)) > end:
            joined[k] = Span(doc, span.start, tail, label="PER")  # "Erik" + "ten Hag", "Joao" + "dos Santos"
        elif whole := _place_cut(span, _before(joined, k), starts):
            joined[k] = Span(doc, *whole, label="LOC")  # "New" + "South" + "Wales Premier …": the state whole
            if k and joined[k - 1] is not None and joined[k - 1].end > whole[0]:
                joined[k - 1] = None  # the tagger's "New" ORG, a word of it
        elif not described and (whole := _syllable_left_out(span, sm, joined[k - 1].end if k else 0, starts)):
            joined[k] = Span(doc, *whole, label="PER")  # "Yoon" + "Suk Yeol", "Kim Jong" + "Un": a name in syllables
        elif made := _left_out_before(doc, span, joined[k - 1].end if k else 0):
            # "Odile" + "Brassard": a known given name the tagger left out of a person's name; "Harlow" + "Media": a
            # proper noun left out of an organisation's
            joined[k] = Span(doc, span.start - 1, end, label=made)
        elif end < len(doc) and span[-1].lower_ in _NUMBERED and doc[end].is_digit and len(doc[end].text) <= 4 and end not in starts:
            joined[k] = Span(doc, span.start, end + 1, label=span.label_)  # "Highway" + "1", "Terminal" + "3"
        elif len(span) > 1 and span[-1].lower_ in ("and", "of", "for", "&") and end < len(doc) and end not in starts and doc[end].is_title:
            while end < len(doc) and doc[end].is_title and end not in starts:
                end += 1  # "Ministry of Health and" + "Wellness"
            joined[k] = Span(doc, span.start, end, label=span.label_)
    joined = _teams(doc, sorted([span for span in joined if span is not None] + epithets, key=lambda s: s.start))
    joined, forced = _institutions(doc, joined)
    out: list[Span] = []
    for span in joined:
        if (span.start, span.end) in forced:
            out.append(Span(doc, span.start, span.end, label=forced[span.start, span.end]))
            continue
        same = {sm[i] for i in range(span.start, span.end) if i in sm}
        inside = all(span.start <= e.start and e.end <= span.end for e in same)  # sm's spans refine, never widen, the tagger's
        if span.label_ == "MISC" and inside and any(e.label_ in LABELS for e in same) and not gazetteer.demonym(span.text):
            # (not a demonym sm took for a person: "Sri Lankan President …")
            out += [e for e in same if e.label_ in LABELS]  # sm's types are finer: Airbus ORG + A380 PRODUCT
            continue
        if wider := _organisation_cut_at_of(doc, span, same, out[-1].end if out else 0):
            out.append(wider)  # "The Centre for Policy Studies" where the tagger saw "for Policy Studies"
            continue
        whole = sm.get(span.start - 1)
        if whole is not None and whole.label_ == "PERSON" and whole.end == span.end and whole.start == span.start - 1 and doc[whole.start].lower_ in given_names():
            out.append(whole)  # "Taras Hnatiuk" where the tagger saw only "Hnatiuk": a known given name sm put in a person's name
            continue
        kinds = [e.label_ for e in same if _COARSE.get(e.label_, "MISC") == span.label_]
        label = kinds[0] if len(kinds) == 1 and kinds[0] in LABELS else _FINE[span.label_]
        out.append(Span(doc, span.start, span.end, label=label))
    covered = {i for span in out for i in range(span.start, span.end)}
    out += [e for e in ents if (e.label_ not in _COARSE or _acronym_left_out(e)) and not any(i in covered for i in range(e.start, e.end))]
    return sorted(set(out), key=lambda s: (s.start, s.end))


def _acronym_left_out(ent: Span) -> bool:
    """Whether sm's organisation is an acronym of three letters or more in a sentence written in lower
    case ("UNICEF warned …"), which the tagger left out: an organisation (not a headline's capitals, nor a
    modifier: "NYMEX crude", which CoNLL leaves unnamed)."""
    word = ent[0]
    return (
        ent.label_ == "ORG" and len(ent) == 1 and word.is_upper and word.is_alpha and len(word) >= 3 and word.dep_ != "compound"
        and sum(t.is_lower for t in word.sent) > len(word.sent) / 2
    )


def _epithet_before_given_name(span: Span, sm: dict[int, Span]) -> bool:
    """Whether the tagger's person, or organisation where sm sees none (``sm``: its entity at each token), starts with a
    capitalised adjective (of the model's lemmatizer, or so tagged; a demonym) that is no given name,
    before a known given name and a capitalised name (not "Jan Allan Mueller"): "Conservative Tom Callaghan", "Czech
    Marketa Vondrousova" (not "Royal Rose Theatre": a given name first; not "Mill Rose Hotel": an
    organisation's word last; not "the Canadian Red Cross": sm's organisation; not "Deckhand Tomasz
    Wierzbicki said": an occupation, the person's role)."""
    if len(span) < 3 or span.label_ not in ("PER", "ORG") or not all(t.is_title and t.is_alpha for t in span) or _occupation_before(list(span)):
        return False
    if span.label_ == "ORG" and any((e := sm.get(i)) is not None and e.label_ == "ORG" for i in range(span.start, span.end)):
        return False
    if span.start > 0 and (before := span.doc[span.start - 1]).is_lower and (before.lower_ in titles() or before.lower_ in person_nouns()):
        return False  # a role in lower case names the person after it: "Opposition leader Lee Jae Myung" ("lee" an adjective too)
    first, given = span[0], span[1]
    describing = first.lower_ in _ADJECTIVE_LEMMAS.get(id(first.vocab), ()) or first.tag_ == "JJ" or gazetteer.demonym(first.text) is not None
    return (
        describing and first.lower_ not in given_names() and given.lower_ in given_names() and _title_len([first.lower_]) == 0
        and span[-1].lower_ not in _ORG_WORDS | _ORG_DESIGNATORS | _STREET_HEADS and gazetteer.lookup(span[:2].text) is None
    )


def _organisation_cut_at_of(doc: Doc, span: Span, same: set[Span], free: int) -> Span | None:
    """sm's organisation around the tagger's, where the tagger's starts at or right after the "for"
    or "of" of its name and so left out the head before it ("The Foundation for Coastal Research":
    the tagger's "Coastal Research", "for Rural"), without "the"; None elsewhere."""
    if span.label_ != "ORG" or not (span[0].lower_ in _JOINING or span.start > 0 and doc[span.start - 1].lower_ in _JOINING):
        return None
    wider = next((e for e in same if e.label_ == "ORG" and free <= e.start < span.start and e.end >= span.end), None)
    if wider is None:
        return None
    start = wider.start + (doc[wider.start].lower_ in _DETERMINERS)
    return Span(doc, start, wider.end, label="ORG") if doc[start].is_title and start < span.start else None


_JOINING = frozenset({"for", "of"})  # the words that join an organisation's head to what it is of or for


def _institutions(doc: Doc, spans: list[Span]) -> tuple[list[Span], dict[tuple[int, int], str]]:
    """The tagger's spans with the names of buildings and institutions it cut at their possessive
    made whole and typed by their last word, when that word alone follows ("St. Michael" 's
    "Hospital", "St. Peter" 's "Basilica", "Queen" 's "University", a plural's "Westminster
    Magistrates'" "Court"; not "Toronto" 's "Union Station": two names). Returns the spans and their types ((start, end) → FAC or ORG)."""
    forced: dict[tuple[int, int], str] = {}
    out: list[Span] = []
    skip_to = 0
    for span in spans:
        if span.start < skip_to:
            continue
        end = span.end
        if span[-1].text in ("'", "’") and len(span) > 1 and span[-2].lower_.endswith("s"):
            end -= 1  # "Westminster Magistrates'" + "Court": a plural's possessive the tagger kept
        head = end + 1  # one word after the possessive, the name going no further ("Toronto's Union Station",
        # "Toronto's Hospital for Sick Children": two names)
        if (head < len(doc) and doc[end].text in ("'s", "’s", "'", "’") and doc[head].is_title and (kind := _POSSESSED.get(doc[head].lower_))
                and not ((after := doc[head + 1 : head + 3]) and (after[0].is_title or after[0].lower_ in ("of", "for", "and", "&") and len(after) > 1 and after[1].is_title))):
            forced[span.start, head + 1] = kind
            out.append(Span(doc, span.start, head + 1, label=span.label_))
            skip_to = head + 1
            continue
        out.append(span)
    return out, forced


_SPLITTERS = frozenset({",", "at", "v", "v.", "vs", "vs."})


def _split(ent: Span) -> list[Span]:
    if ent.label_ not in _NUMBERLESS:
        return [ent]
    doc, parts, start = ent.doc, [], ent.start
    for t in ent:
        cut = t.lower_ in _SPLITTERS or "\n" in t.text or (
            t.lower_ == "and" and gazetteer.lookup(doc[start : t.i].text) and gazetteer.lookup(doc[t.i + 1 : ent.end].text)
        )
        if cut:
            parts.append((start, t.i))
            start = t.i + 1
    parts.append((start, ent.end))
    spans = []
    for a, b in parts:
        while b > a and (doc[b - 1].like_num and not doc[b - 1].is_title or _SCORE.match(doc[b - 1].text) or doc[b - 1].is_space) and not (
            b - 2 >= a and doc[b - 2].lower_ in _NUMBERED
        ):
            b -= 1  # (not the number of "Highway 1", nor a capitalised number word of the name: "Ontario First", "Channel Four")
        while a < b and doc[a].is_space:
            a += 1
        if b > a:
            spans.append(Span(doc, a, b, label=ent.label_))
    return spans


_PROPN = spacy_symbols.PROPN


def _unlabelled_places(doc: Doc, spans: list[Span], common: set[str]) -> list[EntityMention]:
    """Proper nouns spaCy left without a label that the gazetteer knows as a notable place
    ("the regions of Kherson, Donetsk, Luhansk": spaCy tags Donetsk as nothing)."""
    covered = {i for ent in spans for i in range(ent.start, ent.end)}
    free = [pos == _PROPN and i not in covered for i, pos in enumerate(doc.to_array("POS").tolist())]
    out: list[EntityMention] = []
    i = 0
    while i < len(doc):
        if not free[i]:
            i += 1
            continue
        j = i
        while j < len(doc) and free[j]:
            j += 1
        span = doc[i:j]
        place = gazetteer.lookup(span.text) if span.text[:1].isupper() and span.text.lower() not in common else None
        if place is not None and _notable(place):
            cues = ["untagged-place", f"place:{place.kind}", "place:notable"]
            out.append(EntityMention(span.start_char, span.end_char, span.text, place.entity_type, Counter({place.entity_type: STRONG_WEIGHT}), place=place, words=_words(span.text), cues=cues))
        i = j
    return out


def _qualified(doc: Doc, last: int, name: str, place: Place) -> Place | None:
    """A city's name followed by a comma and the subdivision or country it lies in ("Paris, Texas",
    "London, Ontario", "Alexandria, Va."): its reading there, a city of that very name in that very state or
    province where the gazetteer has one ("Paris, Tenn.", "Edmonton, Ky."), else in that country; where
    the gazetteer has none there, none ("Ely, Minn." is too small for the gazetteer, and not Ely in
    England, nor a city once called so), but a large city before a country's name."""
    where = _region_after(doc, last)
    if where is None:
        return place
    key = gazetteer.place_key(name)
    namesakes = [c for c in gazetteer.candidates(name) if c.kind == "city" and c.country == where.country and gazetteer.place_key(c.name) == key]
    inside = next((c for c in namesakes if c.within == where.code), None)  # "Paris, Tenn.", not Paris, Texas
    if inside is not None or where.country == place.country:
        return inside or place
    there = namesakes[0] if namesakes else None
    # before a country a large city may be a list's first item ("talks in Cairo, Israel and
    # Gaza"); before a state or province it is another town of its name ("Sydney, Nova Scotia")
    return there or (place if where.kind == "country" and _notable(place) else None)


def _region_after(doc: Doc, last: int) -> Place | None:
    """The subdivision or country named after a comma that follows token ``last`` ("…, Ontario",
    "…, Va.", "…, Israel"), the longest name first ("New South Wales" before "New")."""
    if last + 2 >= len(doc) or doc[last + 1].text != ",":
        return None
    for size in (3, 2, 1):
        words = doc[last + 2 : last + 2 + size]
        if len(words) < size or not words.text[:1].isupper():
            continue
        dot = words.end < len(doc) and doc[words.end].text == "." and not words[-1].whitespace_
        where = dot and gazetteer.abbreviation(f"{words.text}.") or gazetteer.lookup(words.text)
        if where is not None and where.kind in ("subdivision", "country"):
            return where
    return None


def _language(token: Token) -> bool:
    """Whether a demonym names its language here: a language's name (:data:`_LANGUAGES`) that describes no
    noun after it and has no article ("lessons in English", "she speaks French", "Arabic and English are
    spoken"; not "English teachers", "the French voted", "German, Irish and other immigrants")."""
    first = token
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    return (token.lower_ in _LANGUAGES and first.dep_ not in ("amod", "compound", "nmod", "poss")
            and not any(child.dep_ == "det" for child in token.children)
            and not (token.i + 1 < len(token.doc) and token.doc[token.i + 1].pos_ in ("NOUN", "PROPN")))


def _placed_in_region(doc: Doc, last: int, place: Place) -> bool:
    """Whether a city's name ending at token ``last`` is followed by a comma and the province or state
    it lies in ("Rimouski, Que.", "Sarnia, Ontario"): a place, not a team named after it (a country after
    a comma, as results pages write a club's home, is left to the other evidence)."""
    if place.kind != "city":
        return False
    where = _region_after(doc, last)
    return where is not None and where.kind == "subdivision" and where.country == place.country


def _read_in_context(mentions: list[EntityMention]) -> None:
    """A place name several places share is read where the rest of the article is ("Georgetown"
    among Kentucky's towns is Georgetown, Kentucky; "Kingston" among Ontario's, Kingston, Ontario;
    "Georgia" with Atlanta, the state): unless another name of the article lies in its first
    reading's province or state (or country, for a country), the reading that lies in a province or
    state the article names (a province or state, a city no other place shares a name with), the
    likeliest first; else, for a city, unless the article names its first
    reading's country otherwise, the reading in a country it names (a country, a province or state,
    a demonym, such a city), where a city of a million keeps its reading; a country's name that is
    also a province's or state's, where the article names nothing of that country's but another
    province or state of the other one ("Georgia" with Louisiana), is that one; a province or state named only by
    points of the compass ("West", "Centre", "West Coast") is none but among its country's names. A reading twenty times
    less populous than the first is not taken ("Washington" is not Washington, Utah, among Utah's
    towns; "Edmonton" among London's boroughs is theirs)."""
    named: dict[str, Counter[str]] = defaultdict(Counter)  # country or ISO 3166-2 code -> names that put the article there
    readings: dict[str, list[Place]] = {}
    placed = [(m, gazetteer.place_key(m.text)) for m in mentions if m.place is not None]
    for m, key in placed:
        if key not in readings:
            readings[key] = gazetteer.candidates(m.text)
        # (a city whose name no other place shares but towns twenty times smaller: "Atlanta", not Atlanta, Texas)
        # (nor a county whose name other states' counties have: "Monroe County" says nothing of New York)
        if m.place.kind != "city" and not _county(m.place) or not any(
                c != m.place and (c.population is None or c.population * CONTEXT_ODDS >= (m.place.population or 0) or _county(m.place))
                for c in readings[key]):
            named[m.place.country or ""][key] += 1
            if inside := _lies_in(m.place):
                named[inside][key] += 1

    def elsewhere(where: str | None, key: str) -> bool:  # another name of the article lies there
        return bool(where) and any(k != key for k in named.get(where, ()))

    for m, key in placed:
        place = m.place
        if place.kind not in ("city", "subdivision", "country"):
            continue
        if place.kind == "subdivision" and set(key.split()) <= _POINTS_OF_THE_COMPASS and not elsewhere(place.country, key):
            m.place = None  # "the West", "the Centre", "the West Coast": Cameroon's or New Zealand's regions only among their country's names
            continue
        # the population prior: a reading twenty times smaller than the first needs more than the context
        # (and a town under 15,000 is no reading of a province's or a country's name: Wales is not the village)
        # (unless the article names nothing of the first reading's country: then a town in a state or province it
        # names is that town whatever its size: "Edmonton" among Kentucky's towns, "London" with Kentucky State Police)
        foreign = place.kind == "city" and not elsewhere(place.country, key)
        # a county is read in the state the article names, whatever its size ("Monroe County" in a story of Missouri)
        county = _county(place)
        readable = [c for c in readings[key] if c != place and c.kind in ("city", "subdivision")
                    and not (place.kind != "city" and c.kind == "city" and (c.population or 0) < SMALL_TOWN)]
        size = _size(place, key)
        others = [c for c in readable if c.population is None or c.population * CONTEXT_ODDS >= size]
        if not elsewhere(_lies_in(place), key):
            there = next((c for c in (readable if foreign or county else others)
                          if elsewhere(_lies_in(c), key) and (c in others or c.country != place.country or county)), None)
            if there is not None:
                m.place = there
                continue
        if place.kind == "city" and size < CONTEXT_CITY and not elsewhere(place.country, key):
            # (a province is no other country's town)
            there = next((c for c in others if c.country != place.country and elsewhere(c.country, key)), None)
            if there is not None:
                m.place = there
        elif place.kind == "country" and not elsewhere(place.country, key):
            # "Alexandria, Louisiana, and central Georgia": a country's name that is also a state's, among another
            # state or province of that state's country and nothing of the country's, is the state (not "Mexico"
            # among Mexico's states, nor a territory that is both, as Guam, US-GU, or Hong Kong, CN-HK: the country)
            there = next((c for c in others if c.kind == "subdivision" and c.country != place.country and c.code != f"{c.country}-{place.country}" and any(
                code.startswith(f"{c.country}-") and code != c.code and elsewhere(code, key) for code in named)), None)
            if there is not None:
                m.place = there


def _local_towns(mentions: list[EntityMention]) -> None:
    """A name a tagger calls a place that the gazetteer has only as a small town of the US or Canada
    (:func:`newsgraph.gazetteer.town`) is the town of the one province or state of the article where
    there is one of the name ("north of Pineville" in an article that names Louisiana or Alexandria, La.)."""
    unplaced = [m for m in mentions if m.place is None and (m.tagged == "LOC" or m.label in ("GPE", "LOC", "FAC"))]
    if not unplaced:
        return
    states = {where for m in mentions if m.place is not None and (where := _lies_in(m.place)) and "-" in where}
    for m in unplaced:
        towns = [t for code in states if (t := gazetteer.town(m.text, code)) is not None]
        if len(towns) == 1:
            m.place = towns[0]
            m.evidence[m.place.entity_type] += STRONG_WEIGHT  # a town of the state the article is in: a place
            m.cues += ["place:city", "place:small"]


def _read_as_a_state(doc: Doc, mentions: list[EntityMention]) -> None:
    """A place name coordinated with a province or state ("California or Washington", "New York and New
    Jersey") is that country's province or state of the name, where there is one (not one a place after a comma
    qualifies: "Florida and Washington, D.C."); one before a governor's title ("Georgia Gov. Brian Kemp", "New
    York Governor") is the province or state of the name."""
    heads: dict[int, tuple[EntityMention, Span]] = {}
    for m in mentions:
        if m.place is not None and (span := doc.char_span(m.start, m.end)) is not None:
            heads[span.root.i] = m, span
    qualifiers = {m.start for m, _ in heads.values()}
    text = doc_text(doc)
    for i, (m, span) in heads.items():
        if m.place.kind == "subdivision" or (text[m.end : m.end + 2] == ", " and m.end + 2 in qualifiers):
            continue
        governed = span.end < len(doc) and doc[span.end].lower_ in _GOVERNORS
        states = {heads[t.i][0].place.country for t in doc[i].conjuncts if t.i in heads and heads[t.i][0].place.kind == "subdivision"}
        there = next((c for c in gazetteer.candidates(m.text) if c.kind == "subdivision" and (governed or c.country in states)), None) \
            if states or governed else None
        if there is not None:
            m.place = there


def _size(place: Place, key: str) -> float:
    """A reading's population for :func:`_read_in_context`, a tenth of it where the name read is not the city's
    own ("Salisbury" for Harare, once called so; "Garden City" for Singapore)."""
    own = place.kind != "city" or gazetteer.place_key(place.name) == key
    return (place.population or 0) / (1 if own else gazetteer.ALTERNATE_DISCOUNT)


def _lies_in(place: Place) -> str | None:
    """Where a place lies for :func:`_read_in_context`: a country its own code, a province or state its
    ISO 3166-2 code, a city or a county the one of its province or state (where the gazetteer knows it)."""
    return place.country if place.kind == "country" else place.code or place.within if place.kind == "subdivision" else place.within


def _county(place: Place) -> bool:
    """Whether a place is a US county (a subdivision of the gazetteer without an ISO code, in its state)."""
    return place.kind == "subdivision" and place.code is None


def _notable(place: Place) -> bool:
    return place.kind != "city" or (place.population or 0) >= NOTABLE_CITY


def _demonym_mention(start: int, end: int, text: str) -> EntityMention:
    place = gazetteer.demonym(text)
    return EntityMention(start, end, text, "NORP", Counter({"NORP": LABEL_WEIGHT}), place=place, words=(text,))


# ---------------------------------------------------------------------------------------------
# grouping


def _people_of(word: str) -> bool:
    """Whether a demonym is the plural noun of a country's people ("Mexicans", "Saudis", "Turks"): its
    singular is a demonym too (not "Swiss", "Chinese", "Kurdish")."""
    return len(word) > 3 and word.endswith("s") and gazetteer.demonym(word[:-1]) is not None


def _demonym(m: EntityMention) -> bool:
    """Whether a mention is a demonym of a place ("Swedish", "Albertans"), not a name a tagger called
    NORP that the gazetteer also has as a town)."""
    return m.label == "NORP" and m.place is not None and gazetteer.demonym(m.text) is not None


def _place_id(place: Place) -> str:
    # (a US county has neither code nor id: its state tells the Orange County of Florida from California's)
    return place.code or (f"geonames:{place.geonames}" if place.geonames else f"{place.kind}:{translit(place.name)}{'@' + place.within if place.within else ''}")


def _acronym(words: tuple[str, ...]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper() and w.lower() not in ("of", "the", "and", "for"))


def _acronyms(words: tuple[str, ...]) -> set[str]:
    """The acronyms a name may be written as: of all its words, and of those before its "of" ("IIO" for
    "Independent Investigations Office of Manitoba")."""
    lower = [w.lower() for w in words]
    head = words[: lower.index("of")] if "of" in lower[1:] else words
    return {_acronym(words), _acronym(head)}


def _cluster(mentions: list[EntityMention]) -> list[Cluster]:
    clusters: list[Cluster] = []
    by_place: dict[str, Cluster] = {}
    by_text: dict[tuple[str, str], Cluster] = {}
    # The clusters of people, in the order they became one (a cluster may become one twice: it counts
    # twice where a name is looked for among people), and the names of more than one word by surname
    # and by given name (each cluster's spellings, with where each is first written): finding a
    # surname's person looks at the people of that surname only, not at every mention of every person
    # (a page dump of thousands of names took 40 s).
    order_of: dict[int, int] = {}  # id(cluster) → its position in ``clusters``
    first_as_person: dict[int, int] = {}  # id(cluster) → where it first became a person
    times_a_person: Counter = Counter()
    by_surname: dict[str, dict[int, tuple[Cluster, dict[tuple[str, ...], int]]]] = {}
    by_given: dict[str, dict[int, tuple[Cluster, dict[tuple[str, ...], int]]]] = {}

    def new_cluster(place: Place | None = None) -> Cluster:
        c = Cluster([], place=place)
        order_of[id(c)] = len(clusters)
        clusters.append(c)
        return c

    def add(c: Cluster, m: EntityMention) -> None:
        c.mentions.append(m)
        if len(m.words) > 1:
            for index, word in ((by_surname, m.words[-1]), (by_given, m.words[0])):
                forms = index.setdefault(name_key(word), {}).setdefault(id(c), (c, {}))[1]
                forms[m.words] = min(forms.get(m.words, m.start), m.start)

    def enlist(c: Cluster) -> None:
        first_as_person.setdefault(id(c), len(first_as_person))
        times_a_person[id(c)] += 1

    def with_surname(key: str, test=lambda words: True) -> list[Cluster]:
        """The clusters with a name of more than one word ending in ``key`` whose words pass ``test``."""
        return [c for c, forms in by_surname.get(key, {}).values() if any(test(words) for words in forms)]

    def people(found: list[Cluster]) -> list[Cluster]:
        return sorted((c for c in found if id(c) in first_as_person), key=lambda c: first_as_person[id(c)])

    def not_people(found: list[Cluster]) -> list[Cluster]:
        return sorted((c for c in found if id(c) not in first_as_person), key=lambda c: order_of[id(c)])

    def place_cluster(place: Place) -> Cluster:
        key = _place_id(place)
        if key not in by_place:
            by_place[key] = new_cluster(place)
        return by_place[key]

    def person_of(m: EntityMention) -> Cluster | None:
        first = m.words[0]
        # "Van Koeverden" after "Adam van Koeverden": a surname with its particle, capitalised at a sentence's start
        particle = first.lower() in _NAME_PARTICLES and len(m.words) == 2
        found = people(with_surname(name_key(m.words[-1]), lambda other: (
            _given_match(other[0], first)
            or particle and len(other) > 2 and other[-2].lower() == first.lower()
            or len(m.words) == 2 and first in other[1:-1]  # "Tanou Diallo" after "Amadou Tanou Diallo"
        )))
        return found[0] if found else None

    # full names first (longest first), so that surnames find them
    order = sorted(range(len(mentions)), key=lambda i: (-len(mentions[i].words), i))
    for i in order:
        m = mentions[i]
        best = m.best
        if _demonym(m):  # a mention of the country
            add(place_cluster(m.place), m)
            continue
        if len(m.words) > 1 and (best == "PERSON" or (m.place is None and _name_shaped(list(m.words)))):
            c = person_of(m)  # a spelling of someone already found, whatever spaCy called it
            if c is None and best == "PERSON":
                c = by_text.get(translit(m.text))  # the same name, tagged otherwise before: one name, one entity
                if c is None:
                    c = new_cluster()
                enlist(c)
            if c is not None:
                add(c, m)
                if m.nickname:
                    by_text.setdefault(translit(m.nickname), c)  # "Roz said" after Rosalind “Roz” Penhallow
                continue
        if len(m.words) == 1:
            key = name_key(m.words[0])
            surnamed = with_surname(key)
            matches = people(surnamed)
            if matches or best == "PERSON":
                # "Nina Okafor" tagged ORG once, "Okafor" a person after: the full name, shaped like a
                # person's, is hers; it joins the persons and the mentions vote on the type (beside
                # a person of that surname too: "Annick Quennell" tagged otherwise, "Denis Quennell")
                others = [c for c in not_people(surnamed) if _named_person(c, key)]
                matches += others
                for c in others:
                    enlist(c)
            elif not matches and not {"dep:pobj", "dep:compound", "sure-place"} & set(m.cues) and m.words[0][1:].islower():
                # "Jérémie Dorval" tagged ORG, "Dorval" alone a town of the gazetteer: a surname after a known
                # given name with it is hers or his, unless it follows a preposition ("born in Dorval")
                matches = [c for c in not_people(surnamed) if _named_person(c, key, given=True)]
                for c in matches:
                    enlist(c)
            if matches and not (m.place is not None and m.place.kind == "country"):
                target = min(matches, key=_named_in_full_first)  # of several, the one the article names first
                add(target, m)
                m.evidence["PERSON"] += SURNAME_WEIGHT
                m.cues.append("surname")
                continue
            # a given name alone for the one person of the article named so before ("Steve Jobs … Steve said")
            # (a known given name whatever the tagger called it, "Chantal says" after "Chantal Desrochers",
            # and the full name too; a town that is a given name too, unless it follows a preposition: "Tyler said")
            given = m.words[0].lower() in given_names() and (
                m.place is None or (m.place.kind == "city" and "dep:pobj" not in m.cues)
            )
            # the persons (each as often as it is listed), and with a given name any other cluster whose
            # full name is shaped like a person's
            named = [
                c for c, forms in by_given.get(key, {}).values()
                if (given or best == "PERSON" and id(c) in first_as_person) and any(
                    start < m.start and (not given or id(c) in first_as_person or c.place is None and _name_shaped(list(words)))
                    for words, start in forms.items()
                )
            ]
            if sum(times_a_person[id(c)] or 1 for c in named) == 1:
                add(named[0], m)
                continue
        if m.place is not None and best in PLACE_TYPES:
            add(place_cluster(m.place), m)
            continue
        text_key = translit(m.text)  # one name, one entity: its mentions vote on the type ("Ryanair" ORG and PERSON)
        c = by_text.get(text_key)
        if c is None and best == "ORG" and m.text.isupper():
            c = next((o for o in by_text.values() if o.mentions[0].best == "ORG" and m.text in _acronyms(o.mentions[0].words)), None)
        if c is None and best == "ORG" and len(m.words) > 1:
            c = next((by_text[a.lower()] for a in _acronyms(m.words) if len(a) > 1 and a.lower() in by_text), None)
        if c is None:
            c = new_cluster()
            if best == "PERSON":
                enlist(c)
        by_text[text_key] = c
        if best == "ORG":  # "Lumenfolio Inc." … "Lumenfolio"; "Lumora Therapeutics" … "Lumora"; "Norvik Shipping Co." … "Norvik"
            words = list(m.words)
            while len(words) > 1 and words[-1].lower().rstrip(".") in _SHORT_NAME_CUTS:
                words.pop()
                by_text.setdefault(translit(" ".join(words)), c)
        if "team-name" in m.cues:
            by_text.setdefault(translit(m.words[-1]), c)  # "the Halifax Falcons" … "the Falcons"
        add(c, m)
    for c in clusters:
        # one name, one entity: "came to Moncton" a place, "Moncton's north side" a person by both
        # taggers; a one-word name the gazetteer has, nothing decisive said of it, is the place named so elsewhere
        place = c.mentions[0].place if c.place is None and c.mentions else None
        if place is not None and _place_id(place) in by_place and all(
            len(m.words) == 1 and m.place is not None and _place_id(m.place) == _place_id(place) and not _decisive(m)
            and not {"team", "results-page", "sports-page"} & set(m.cues) for m in c.mentions  # (where a town's name is its team's)
        ):
            by_place[_place_id(place)].mentions.extend(c.mentions)
            c.mentions = []
    for c in clusters:
        c.mentions.sort(key=lambda m: m.start)
    return [c for c in clusters if c.mentions]


def _hyphenated_surnames(text: str, mentions: list[EntityMention]) -> list[EntityMention]:
    """A double-barrelled surname of a person named in full ("Lena Marsh-Okoro") is one name wherever
    it stands alone: the mentions the tagger cut it into ("Marsh" a place, "Okoro" an organisation)
    give way to one mention of the surname."""
    surnames = {m.words[-1] for m in mentions if len(m.words) > 1 and "-" in m.words[-1] and m.best == "PERSON"}
    if not surnames:
        return mentions
    for a, b in _whole_words(text, surnames):
        pieces = [m for m in mentions if a <= m.start and m.end <= b and (m.start, m.end) != (a, b)]
        if not pieces:
            continue  # nothing cut
        gone = {id(m) for m in pieces}
        mentions = [m for m in mentions if id(m) not in gone]
        if not any(m.start <= a and b <= m.end for m in mentions):  # not inside the full name
            mentions.append(EntityMention(a, b, text[a:b], "PERSON", Counter({"PERSON": TAGGER_WEIGHT}), words=(text[a:b],)))
    return mentions


#: what a journalist is called where the text credits one ("the paper's health reporter", "Morning Desk producer")
MEDIA_ROLES = frozenset("reporter writer correspondent columnist editor journalist contributor producer photographer videographer".split())
_BLURB_OBJECTS = frozenset("latest more story details detail report".split())
_CREDIT_AFTER = re.compile(r"\s*/\s*(?-i:[A-Z])")  # "( Jo Bloggs / Daily Star )"


def _contributor(doc: Doc, text: str, cluster: Cluster) -> bool:
    """Whether every name of a person stands where the text credits a journalist, not where it
    tells of someone: a bio ("Ana Reis is the paper's health reporter"), a video or radio
    blurb ("Tom Ng has the latest", "As Ana Reis reports, …", "Ana Reis tells us about …", "Ana Reis writes for
    our subscribers"), a
    photo credit ("( Ana Reis / Daily Star )"), or a line that gives a journalist's role in apposition
    ("Ana Reis, Morning Desk producer"; not "Ana Reis, editor of the Star, said …"). Such a person is the article's author or credit, not one of its people."""
    return _every_name(cluster, lambda m: _credited_here(doc, text, m))


def _credited_here(doc: Doc, text: str, m: EntityMention) -> bool:
    if _CREDIT_AFTER.match(text, m.end) and text.rfind("(", max(0, m.start - 3), m.start) >= 0:
        return True
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if not any(t.pos_ in ("VERB", "AUX") for t in root.sent):  # a credit line, not a sentence of the story
        if any(c.dep_ == "appos" and c.i > root.i and c.lemma_.lower() in MEDIA_ROLES for c in root.children):
            return True
    if root.dep_ != "nsubj":
        return False
    verb = root.head
    lemma = verb.lemma_.lower()
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    if lemma == "be":
        return any(o.lemma_.lower() in MEDIA_ROLES for o in objects)
    if lemma == "have":
        return any(o.lower_ in _BLURB_OBJECTS or o.lemma_.lower() in _BLURB_OBJECTS for o in objects)
    if lemma == "tell":
        return any(o.lower_ == "us" for o in objects)
    if lemma in ("report", "explain"):
        return any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    if lemma == "write":  # "Tom Ng, a senior energy analyst, writes each Friday for our members"
        return any(p.lower_ == "for" and any(o.lower_ in ("our", "us") or any(d.lower_ == "our" for d in o.children) for o in p.children) for p in verb.children)
    return False


_PLAYING = frozenset("play portray voice".split())  # verbs whose object is a role
#: verbs of a performance whose "as …" names the role ("stars as", "returns as", "cast as")
_PERFORMING = _PLAYING | frozenset("star cast appear return reprise perform debut rehearse audition".split())


#: nouns that name a role in a story, in apposition to its name ("Nora Kell, the title character,")
_FICTION_ROLES = frozenset("character protagonist heroine narrator villain antihero".split())
#: verbs whose object, with a work as their subject, is who the story is about ("The film follows …")
_TELLING = frozenset("follow chronicle depict".split())
#: the works a story is told in
_WORKS = frozenset("film movie book novel novella play series show story documentary musical episode comic sequel drama sitcom opera game".split())


def _character(doc: Doc, cluster: Cluster) -> bool:
    """Whether every name of a "person" is a role someone plays ("the man who played Sam Okafor on
    a hospital drama", "played a rugged ship captain, Mr. Quill", "stars as Ebenezer Scrooge", "with
    Ana Ruiz as Scrooge"), is called a character in apposition ("Nora Kell, the title character,") or
    is whom a work's story follows ("The novel follows Nora Kell, …"): a fictional character, not a person."""
    def played(m: EntityMention) -> bool:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return False
        if any(c.dep_ == "appos" and c.lemma_.lower() in _FICTION_ROLES for c in span.root.children):
            return True  # "Nora Kell, the title character,", "Captain Moss, a talking otter who …" not: only a role noun
        root = span.root.head if span.root.dep_ == "appos" else span.root
        if root.dep_ == "dobj" and root.head.lemma_.lower() in _TELLING and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in _WORKS for c in root.head.children
        ):
            return True  # "The novel follows Nora Kell, a retired pilot, …": whom a story is about
        if root.dep_ == "pobj" and root.head.lower_ == "as":  # "stars as Ebenezer Scrooge", "with Ana Ruiz as Scrooge"
            head = root.head.head
            return head.lemma_.lower() in _PERFORMING or head.pos_ == "PROPN" and head.ent_type_ == "PERSON"
        return root.dep_ == "dobj" and root.head.lemma_.lower() in _PLAYING

    return _every_name(cluster, played)


_FRAGMENT_TYPES = frozenset({"NORP", "EVENT"})
_CAPITALISED_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][\w'’.-]*) $")
_CAPITALISED_AFTER = re.compile(r"^ [A-Z]")


def _fragment(text: str, cluster: Cluster) -> bool:
    """Whether a one-word group or event is only a piece of a word or of a longer name the taggers
    cut up: "church-based" ("based"), "Boxing Day" ("Day"), "New Year's Eve" ("New"); a demonym stands next to names ("Canadian Prime Minister …")."""
    if cluster.type not in _FRAGMENT_TYPES:
        return False

    def piece(m: EntityMention) -> bool:
        if len(m.words) != 1 or gazetteer.demonym(m.text) is not None:
            return False
        before = _CAPITALISED_BEFORE.search(text[max(0, m.start - 40) : m.start])
        return (m.text[:1].islower() or bool(before and before.group(1).lower() not in STOP_WORDS)
                or bool(_CAPITALISED_AFTER.match(text[m.end : m.end + 2])))

    return _every_name(cluster, piece)


def _pictured_only(cluster: Cluster, captions) -> bool:
    """Whether a person is named only in the page's photo captions that carry a credit ("Alana Ruiz
    and Theo Brandt rehearse on Friday. (Photo: Dana Whitcombe)"): someone in a picture, not a person
    the story names (the caption itself is kept in ``record.captions``; a paragraph the cleaner only
    took for a caption, with no credit, may be story)."""
    return _every_name(cluster, lambda m: any(a <= m.start < b for a, b in captions))


def _every_name(cluster: Cluster, test) -> bool:
    """Whether the cluster has named mentions (not pronouns or descriptions linked to it) and
    ``test`` holds for each."""
    named = [m for m in cluster.mentions if m.label != REFERENCE]
    return bool(named) and all(test(m) for m in named)


#: the cues of a name written after a preposition of place ("moved to Metro Vancouver"): no person's
_LOCATIVE = frozenset(f"prep:{p}" for p in "in to at from into across throughout near around outside inside".split())


#: where a town is, not a person: "in Hope", "near Clinton", "outside Souris"
_WHERE = frozenset({"prep:in", "prep:near", "prep:outside"})
#: what a person's name does or has that a town's does not: acts, owns, is described, speaks, is called he or she
_PERSON_CUES = frozenset({"dep:nsubj", "dep:nsubjpass", "dep:poss", "dep:appos", "speaks", "given-name", "title", "initials", "pronoun-after:person"})


def _only_somewhere(cluster: Cluster) -> bool:
    """Whether a name of one word is only ever a place where things are: most of its mentions (two at
    least) the object of "in", "near" or "outside", none of them acting, owning, titled, described or
    called he or she ("hospitals in Clinton or Stratford", "waiting at a pullout in Hope")."""
    named = [m for m in cluster.mentions if m.label != REFERENCE]
    if not named or any(len(m.words) != 1 or m.role or _PERSON_CUES & set(m.cues) for m in named):
        return False
    where = sum(bool(_WHERE & set(m.cues)) for m in named)
    return where >= 2 and 2 * where >= len(named)


def _named_person(cluster: Cluster, surname_key: str, given: bool = False) -> bool:
    """Whether ``cluster`` holds a name of two or three words, shaped like a person's, that ends in the
    surname ``surname_key`` and has no place of its own ("Nina Okafor", "Tomas Lindqvist", whatever
    their tag); with ``given``, one of two words that begins with a known given name and follows no
    preposition of place."""
    return any(
        1 < len(m.words) <= 3 and name_key(m.words[-1]) == surname_key and m.place is None and _person_shaped(m.words) and _name_shaped(m.words)
        and "team-name" not in m.cues
        and (not given or len(m.words) == 2 and m.words[0].lower() in given_names() and not _LOCATIVE & set(m.cues))
        for m in cluster.mentions
    )


def _named_in_full_first(cluster: Cluster) -> int:
    """Where the article first names ``cluster`` by more than one word: of people who share a surname
    ("Annick Quennell … Her husband, Denis Quennell, … Quennell said"), the surname alone means
    the one named first, the story's; a relative named after goes by the full or the given name."""
    return min((m.start for m in cluster.mentions if len(m.words) > 1), default=1 << 30)


def _add_missed(text: str, clusters: list[Cluster]) -> None:
    """Mentions spaCy missed: repeats of a name already found, and surnames of people found."""
    taken = [False] * (len(text) + 1)
    for c in clusters:
        for m in c.mentions:
            for k in range(m.start, m.end):
                taken[k] = True
    forms: dict[str, Cluster] = {}
    for c in sorted(clusters, key=_named_in_full_first):  # a surname two people share is the one named first's
        for m in c.mentions:
            if len(m.text) > 2 and m.label != "NORP" and m.text[:1].isupper():
                forms.setdefault(m.text, c)
        if any(m.best == "PERSON" or m.evidence.get("PERSON") for m in c.mentions):
            for m in c.mentions:
                if len(m.words) > 1 and len(m.words[-1]) > 2:
                    forms.setdefault(m.words[-1], c)
                if m.nickname:
                    forms.setdefault(m.nickname, c)
    # a known given name alone after the full name of the one person of the article who has it ("Ravi Arulraj"
    # … "Ravi admits")
    given: dict[str, list[tuple[int, Cluster]]] = {}
    for c in clusters:
        if c.type == "PERSON" or any(m.best == "PERSON" for m in c.mentions):
            full = [m for m in c.mentions if 1 < len(m.words) <= 3 and m.words[0].lower() in given_names() and len(m.words[0]) > 2]
            for word in {m.words[0] for m in full}:
                given.setdefault(word, []).append((min(m.start for m in full if m.words[0] == word), c))
    after: dict[str, int] = {}
    for word, owners in given.items():
        if len(owners) == 1 and word not in forms:
            forms[word], after[word] = owners[0][1], owners[0][0]
    if not forms:
        return
    for start, end in _whole_words(text, forms):
        form = text[start:end]
        if any(taken[start:end]) or start < after.get(form, 0):
            continue
        c = forms[form]
        template = next((m for m in c.mentions if m.text == form), None)
        label = template.label if template else c.mentions[0].best
        # no evidence of its own: a repeat found by its text only echoes a label (nine repeats of a headline's
        # "Pence", tagged ORG there, outvoted "Gov. Mike Pence")
        c.mentions.append(
            EntityMention(
                start, end, form, label, Counter(), place=template.place if template else None,
                words=tuple(form.split()), cues=["repeat"],
            )
        )
    for c in clusters:
        c.mentions.sort(key=lambda m: m.start)


def _whole_words(text: str, names: Iterable[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of each place where one of ``names`` (none empty) stands in ``text`` as a whole
    word, no word character or hyphen either side, left to right and not overlapping, the longest
    name first where several start at one place: what a regex alternation of the names, longest
    first, between a look-behind and a look-ahead for no word character or hyphen finds, without
    compiling one for every document (a pattern of a document's hundred names took a millisecond).
    Only the places that hold a name's first character are looked at, and there, of many names with
    that first character (a page of names), only those whose first word is the text's."""
    by_first: dict[str, list[str]] = {}
    for name in sorted(names, key=len, reverse=True):
        by_first.setdefault(name[0], []).append(name)
    found = []
    for first, candidates in by_first.items():
        by_word: dict[str, list[str]] | None = None
        if len(candidates) > 8:
            by_word = {}
            for name in candidates:
                by_word.setdefault(name[: _word_end(name, 0)], []).append(name)
        start = text.find(first)
        while start >= 0:
            if not (start and _word_character(text[start - 1])):
                here = candidates if by_word is None else by_word.get(text[start : _word_end(text, start)], ())
                end = next((start + len(name) for name in here if text.startswith(name, start)
                            and not (start + len(name) < len(text) and _word_character(text[start + len(name)]))), None)
                if end is not None:
                    found.append((start, end))
            start = text.find(first, start + 1)
    done = 0  # the end of the last match
    for start, end in sorted(found):
        if start >= done:
            yield start, end
            done = end


def _word_character(c: str) -> bool:
    """What a regex's word class holds (letters, digits, the underscore), or a hyphen."""
    return c.isalnum() or c in "_-"


def _word_end(text: str, start: int) -> int:
    """Where the run of word characters (:func:`_word_character`) from ``start`` ends."""
    return _WORD_RUN.match(text, start).end()  # type: ignore[union-attr]


_WORD_RUN = re.compile(r"[\w-]*")  # (a str pattern's \w is str.isalnum() or "_")


_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z'’-]*(?![\w-])")
_NUMBERLESS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})  # names that end in no number
_INITIALS = re.compile(r"^(?:[A-Z]\.\s?){1,3}(?:[A-Z][a-z]*'\s?)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")
_SCORE = re.compile(r"^\d+(?:[-/.]\d+)*$")
_LOCAL_TAIL = re.compile(r" Local \d{1,5}\b")
_HYPHEN_TAIL = re.compile(r"-[A-Z][a-z]+(?:['’][A-Z]?[a-z]+)?(?![\w-])")  # the rest of a double-barrelled surname
#: the second syllable of a given name written in syllables ("Lin Mei-hua", "Kao Ming-hsiung", "Chen Yu-ting"):
#: consonants, vowels, at most a final n, ng or r; not "-based", "-led", "-born"
_SYLLABLE = r"[bcdfghjklmnpqrstvwxyz]{0,3}[aeiouy]{1,3}(?:ng|n|r)?"
_SYLLABLE_TAIL = re.compile(rf"-{_SYLLABLE}(?![\w-])")
REFERENCE = "PRON"  # the label of a pronoun or description resolved to a person
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def _resolve_references(doc: Doc, text: str, clusters: list[Cluster]) -> None:
    """Pronouns ("he", "her", "they", "its") and definite descriptions ("the president", "the
    shipping firm") → the entity they most likely mean, by the learned model of
    :mod:`newsgraph.coref`; a possessive before any person is named may point forward
    (:func:`_cataphor`). Resolved references join the entity's mentions with label ``PRON``."""
    from . import coref

    pool, genders = reference_pool(clusters)
    if not pool:
        return
    owner = {m.start: (c.entity, m) for c in pool if c.entity.type == "PERSON" for m in c.entity.mentions}
    starts = sorted(owner)
    for anaphor, chosen, _ in coref.resolve(doc, pool, genders, reference_titles(), text=text):
        target = chosen.entity if chosen is not None else None
        if target is None and anaphor.kind in ("m", "f") and doc[anaphor.head].dep_ == "poss" and starts:
            target = _cataphor(doc, doc[anaphor.head].sent, anaphor.end, owner, starts)
        if target is not None:
            target.mentions.append(EntityMention(anaphor.start, anaphor.end, text[anaphor.start : anaphor.end], REFERENCE))
    for c in pool:
        c.entity.mentions.sort(key=lambda m: m.start)


def reference_pool(clusters: list[Cluster]):
    """The entities a pronoun or description may mean (:class:`newsgraph.coref.Candidate`, with the
    starts of their named mentions) and the gender their names give each (by ``id``)."""
    from . import coref

    pool, genders = [], {}
    for c in clusters:
        named = sorted(m.start for m in c.mentions if m.label != REFERENCE)
        if c.type in coref.ANY_TYPE and named:
            pool.append(coref.Candidate(c, named))
            genders[id(c)] = name_gender(c)
    return pool, genders


def _cataphor(doc: Doc, sent: Span, position: int, owner, starts) -> Cluster | None:
    """"On his trip, Scholz …": a possessive before any person is named may point forward, to the
    person who is the subject of the same sentence."""
    for s in starts:
        if position <= s < sent.end_char:
            cluster, mention = owner[s]
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in _SUBJECT_DEPS:
                return cluster
    return None


_FEMININE = frozenset("she her hers herself mrs ms miss".split())
_MASCULINE = frozenset("he him his himself mr".split())


def gender(word: str) -> str | None:
    """"f" or "m" for a gendered pronoun or honorific ("she", "Mr."), else None."""
    word = word.lower().rstrip(".")
    return "f" if word in _FEMININE else "m" if word in _MASCULINE else None


def given_gender(name: str) -> str | None:
    """"f" or "m" for a given name (any case) that is nearly always one's, else None."""
    found = given_names().get(name.lower())
    return found if found in ("f", "m") else None


#: titles written before a given name alone ("Prince Harry", "Sister Mary", "Sir Elton")
_BEFORE_GIVEN_NAMES = frozenset("prince princess king queen pope saint st sister brother father mother lady lord sir dame emperor empress duke duchess".split())


def name_gender(cluster: Cluster) -> str | None:
    """What an honorific, a relation noun ("her brother Karim") or the given name of a cluster's
    names says of its gender ("f", "m"): the first word of a name of two words or more, or, where the
    entity has no such name, a name of one word ("Karim")."""
    full = any(len(m.words) > 1 for m in cluster.mentions if m.label != REFERENCE)
    # one word after a title is a surname ("Dr. Brandt", "Sgt. Marlow"), but for titles written before a given name ("Prince Harry")
    surname = not full and any(m.role and m.role.lower().rstrip(".").split()[-1] not in _BEFORE_GIVEN_NAMES for m in cluster.mentions)
    seen = {gender(m.role or "") for m in cluster.mentions}
    seen |= {given_gender(m.words[0]) for m in cluster.mentions if m.label != REFERENCE and m.words and (len(m.words) > 1 or not full and not surname)}
    seen |= {_called(m) for m in cluster.mentions}  # "he" or "she", where that made it a person
    seen |= {m.kin for m in cluster.mentions}
    seen.discard(None)
    return seen.pop() if len(seen) == 1 else None


@lru_cache(maxsize=1)
def reference_titles() -> frozenset[str]:
    """Role nouns a description may be built on ("the minister"), from the titles' last words."""
    return frozenset(w.lower().rstrip(".") for w in _title_ends() if w.isalpha() and w.lower() not in HONORIFICS)


_AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "appos", "conj", "agent", "pobj"})


def _lone_name_without_agency(doc: Doc, cluster: Cluster, people: set[int]) -> bool:
    """A "person" known only by one word, with no title, never a subject, possessor or
    apposition (or only after "the"), nor a subject its clause calls "his" or "her" ("Okonedo ran his
    fastest race"), nor joined by "and" to another person (``people``: character
    offsets of the article's persons' names): more often a product, a place or a team spaCy
    mistook for a person ("Tiger", "Safari", "the Dreamliner", "Valium and Ativan")."""
    if cluster.type != "PERSON" or cluster.roles or any(len(m.words) > 1 or _called(m) for m in cluster.mentions):
        return False
    spans = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in cluster.mentions]
    if any(span is not None and _heads_a_following(doc, span.end - 1) for span in spans):
        return False  # "the Obama administration": a leader's name
    if any(span is not None and span.root.dep_ in ("nsubj", "nsubjpass") and _own_possessive(doc, span) is not None for span in spans):
        return False  # "Okonedo ran his fastest race": its clause calls it "his" or "her"
    if TAGGED in doc.spans and not any(m.plain == "PERSON" for m in cluster.mentions):
        return True  # and only the news NER tagger calls it a person
    for span in spans:
        # "The Dreamliner will be ...": a subject, but no person's name follows "the"
        if span is None or span.start and doc[span.start - 1].lower_ in _DETERMINERS:
            continue
        if span.root.dep_ == "conj":  # "Karim and Okafor" are people, "Valium and Ativan" are not
            if span.root.head.idx in people:
                return False
        elif span.root.dep_ in _AGENT_DEPS:
            return False
    return True


_RETYPED = frozenset({"ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"})
#: relation nouns that say a gender, before a name ("her brother Karim", "his wife, Amal")
_KIN_NOUNS = {
    **dict.fromkeys("brother son father husband uncle nephew grandfather grandson stepfather stepson boyfriend "
                    "dad fiancé widower".split(), "m"),
    **dict.fromkeys("sister daughter mother wife aunt niece grandmother granddaughter stepmother stepdaughter "
                    "girlfriend mom mum fiancée widow".split(), "f"),
}


def _kin_before(doc: Doc, i: int) -> str | None:
    """The gender a relation noun right before token ``i`` (or before a comma there) says: "her
    brother Karim", "his wife, Amal"."""
    k = i - 1
    if k >= 0 and doc[k].text == ",":
        k -= 1
    return _KIN_NOUNS.get(doc[k].lower_) if k >= 0 and doc[k].pos_ == "NOUN" else None


_CALLED = "called-he-she:"  # the cue of a mention :func:`_called_he_or_she` found a person by, and the gender


def _called(m: EntityMention) -> str | None:
    """The gender ("m", "f") of the pronoun that made ``m``'s entity a person, if one did."""
    return next((c[len(_CALLED):] for c in m.cues if c.startswith(_CALLED)), None)


def _called_he_or_she(doc: Doc, clusters: list[Cluster], common: set[str]) -> None:
    """A name of one word that the article goes on to call "he" or "she" is a person's, whatever the
    taggers said ("Okonjo scored twice and he was named man of the match"): one of its mentions is a
    subject, and the next subject "he" or "she" follows in its sentence or opens the next one, with
    no person named in that sentence or in between, of no gender its given name clashes with. Not
    a name a title, a classifier or an organisation's shape types, nor a notable place, nor a word
    the article also writes in lower case (``common``)."""
    people = sorted(m.start for c in clusters if c.type == "PERSON" for m in c.mentions)
    for cluster in clusters:
        named = [m for m in cluster.mentions if m.label != REFERENCE]
        if cluster.type not in _RETYPED or not named or any(
            len(m.words) != 1 or _decisive(m) or m.role or m.label == "NORP" or "place:notable" in m.cues for m in named):
            continue  # ("Russia … he said": a country's name is no person's)
        if not all(_person_shaped(m.words) and m.words[0][1:].islower() and m.words[0].lower() not in common for m in named):
            continue  # not a word the article also writes in lower case ("the House", "City said")
        known = given_gender(named[0].words[0])
        for m in named:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or span.root.dep_ not in ("nsubj", "nsubjpass"):
                continue
            sent = span.root.sent
            pronoun = _own_possessive(doc, span)
            if pronoun is None:
                after = doc[span.end : min(len(doc), sent.end + 12)]
                pronoun = next((t for t in after if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("PRON", "PROPN", "NOUN")), None)
                if pronoun is None or pronoun.lower_ not in ("he", "she") or (pronoun.sent.start != sent.start and pronoun.i != pronoun.sent.start):
                    continue
            if known not in (None, gender(pronoun.lower_)) or bisect_left(people, sent.start_char) < bisect_left(people, pronoun.idx):
                continue  # a person named in its sentence or before the pronoun may be the one meant
            if span.start and doc[span.start - 1].lower_ in _DETERMINERS:
                continue  # "the House", "the Rockets"
            cluster.type, cluster.place = "PERSON", None
            cluster.key = entity_key("PERSON", cluster.name)
            m.cues.append(_CALLED + gender(pronoun.lower_))  # and the gender it was called by
            break


def _own_possessive(doc: Doc, subject: Span) -> Token | None:
    """The "his" or "her" (or "himself", "herself") by which the clause of ``subject`` calls its
    subject so ("Okonedo ran his fastest race", "Dunmore hurt herself"): in the clause of the subject's
    verb, after the subject, with no other name, noun subject or personal pronoun in between (not
    "Toyota told Smith his job was safe"); "her" only as a possessive ("Brandt fired her" is
    someone else)."""
    verb = subject.root.head
    for t in doc[subject.end : min(len(doc), subject.root.sent.end)]:
        if t.lower_ in ("his", "himself", "herself") or (t.lower_ == "her" and t.dep_ == "poss"):
            node = t
            while node.i != verb.i:
                if node.dep_ in ("ccomp", "advcl", "relcl", "conj", "parataxis") or node.head.i == node.i:
                    return None  # another clause, with a subject of its own
                node = node.head
            return t
        if t.pos_ in ("PROPN", "PRON") or t.dep_ in ("nsubj", "nsubjpass"):
            return None
    return None


def _placed_after_a_place(doc: Doc, clusters: list[Cluster]) -> None:
    """A one-word "person" every mention of which stands in apposition to a place, after its comma
    ("a store in Hollis Mall, Brantwood"), is the town or region that place is in."""
    places = {t for c in clusters if c.type in PLACE_TYPES for m in c.mentions for t in range(m.start, m.end)}
    for cluster in clusters:
        named = [m for m in cluster.mentions if m.label != REFERENCE]
        if cluster.type != "PERSON" or not named or any(len(m.words) != 1 or m.role for m in named):
            continue
        spans = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in named]
        if all(span is not None and span.root.dep_ == "appos" and span.root.head.idx in places and span.start
               and doc[span.start - 1].text == "," for span in spans):
            cluster.type = "GPE"
            cluster.key = entity_key("GPE", cluster.name)


def _conjoined_with_a_person(doc: Doc, clusters: list[Cluster]) -> None:
    """A one-word name joined by "and" or "or" to the name of a person named in full or with a title
    ("Tessa Grummitt and Alvarez", "lawyers for Jansen and Ruiz" after "Pieter Jansen") is a person
    too where a model took it for one and the gazetteer knows no place by it, or where both models
    took it for one whatever the gazetteer knows ("Priya Sandhu and Moreno": not the Argentine city);
    not "Valium and Ativan", joined to no one named in full."""
    named_in_full = [c for c in clusters if c.type == "PERSON" and (c.roles or any(len(m.words) > 1 for m in c.mentions))]
    people = {t.i for c in named_in_full for m in c.mentions if m.label != REFERENCE
              for t in doc.char_span(m.start, m.end, alignment_mode="expand") or ()}
    for cluster in clusters:
        named = [m for m in cluster.mentions if m.label != REFERENCE]
        if cluster.type not in ("GPE", "LOC", "ORG") or not named or any(len(m.words) != 1 for m in named):
            continue
        if not any(m.plain == "PERSON" and m.tagged == "PER" if cluster.place else m.plain == "PERSON" or m.tagged == "PER" for m in named):
            continue
        roots = [span.root for m in named if (span := doc.char_span(m.start, m.end, alignment_mode="expand")) is not None]
        if any(r.dep_ == "conj" and r.head.i in people or any(c.dep_ == "conj" and c.i in people for c in r.children) for r in roots):
            cluster.type, cluster.place = "PERSON", None
            cluster.key = entity_key("PERSON", cluster.name)


def _made_by_an_organisation(clusters: list[Cluster]) -> None:
    """A "person" whose name starts with the one word an organisation of the article is also called
    alone ("Halvorsen said …" then "the Halvorsen Kestrel"), with no role, is that organisation's
    product, not a person."""
    alone = {m.words[0].lower() for c in clusters if c.type == "ORG" for m in c.mentions if m.label != REFERENCE and len(m.words) == 1}
    for cluster in clusters:
        words = cluster.name.split()
        if cluster.type != "PERSON" or cluster.roles or len(words) < 2 or any(m.role for m in cluster.mentions):
            continue
        if words[0].lower() in alone:
            cluster.type = "PRODUCT"
            cluster.key = entity_key("PRODUCT", cluster.name)


def _person_shaped(words: tuple[str, ...]) -> bool:
    """Words a person's name can be made of: capitalised letters, hyphen parts capitalised or
    particles ("al-Assad", "Jean-Marie", "Zia-ul-Karim"), no digits: not "iCloud", "MP3 Player",
    "Intel-based"."""
    return _person_shaped_words(tuple(words))


@lru_cache(maxsize=65536)
def _person_shaped_words(words: tuple[str, ...]) -> bool:
    """:func:`_person_shaped`, remembered: asked of the same names again and again while clustering."""
    for i, word in enumerate(words):
        if word.lower() in _NAME_PARTICLES:
            continue
        if i < len(words) - 1 and word[-2:] in ("'s", "’s"):  # "Apple Computer's Mac OS"
            return False
        for k, part in enumerate(word.split("-")):
            if part.lower() in _NAME_PARTICLES or (part in _LINKING_PARTICLES and "-" in word):
                continue
            if k > 0 and i > 0 and re.fullmatch(_SYLLABLE, part):
                continue  # "Lin Mei-hua"
            if not part or not part[0].isupper() or not all(ch.isalpha() or ch in ".'’" for ch in part):
                return False
    return True


def _acts_as_it(cluster: Cluster) -> bool:
    """A "person" the article goes on to call "it" as the subject of what it does ("Harbourline Transit says
    it will cut service"), named in two words or more, with no known given name first, no title, role or
    initials, and never called "he", "she" or "who"."""
    return (
        any("it-acts" in m.cues for m in cluster.mentions)
        and all(len(m.words) > 1 for m in cluster.mentions if m.words and m.label != REFERENCE)
        and not any("given-name" in m.cues or "pronoun-after:person" in m.cues or "initials" in m.cues for m in cluster.mentions)
        and not any(m.role or m.evidence["PERSON"] > TAGGER_WEIGHT for m in cluster.mentions)
    )


def _person_by_tagger_alone(cluster: Cluster) -> bool:
    """A "person" that only the news NER tagger calls a person while the plain model calls every
    mention something else of ours (an ORG, a product), with no title or initials, no common given
    name first, named by one word ("Chrysler", "Safari") or repeatedly in full and never by a short
    form as people are ("Northrop Grumman" twice)."""
    plain = [m.plain for m in cluster.mentions if m.plain]
    lengths = {len(m.words) for m in cluster.mentions}
    return (
        bool(plain)
        and not any("given-name" in m.cues for m in cluster.mentions)  # "Dirk Vandamme", not "Northrop Grumman"
        and all(label in LABELS and label != "PERSON" for label in plain)
        and not any(m.role or m.evidence["PERSON"] > TAGGER_WEIGHT for m in cluster.mentions)
        and (lengths == {1} or (len(lengths) == 1 and len(cluster.mentions) > 1))
    )


def _shouted(text: str) -> bool:
    """A name in capitals that is not an acronym: "HAMBURG", not "NATO"."""
    return text.isupper() and sum(ch.isalpha() for ch in text) > 4


def _finish(cluster: Cluster, captions, votes: dict[int, tuple[list[EntityMention], np.ndarray]] | None = None) -> None:
    """Type, canonical name, aliases, roles, place and match key of a cluster; ``votes``: the
    document's :func:`_kind_votes` (made here for this cluster alone where not given)."""
    evidence: Counter = Counter()
    for m in cluster.mentions:
        if not _demonym(m):
            evidence.update(m.evidence)
    if cluster.place is not None and not evidence:
        evidence[cluster.place.entity_type] += 1  # only demonyms: the country they name
    cluster.type = evidence.most_common(1)[0][0] if evidence else cluster.mentions[0].label
    cluster.type = _weighed_type(cluster, evidence, _kind_votes([cluster]) if votes is None else votes)
    if cluster.type == "PERSON" and _acts_as_it(cluster):
        cluster.type = "ORG"  # "Harbourline Transit says it will cut service on four routes"
    if cluster.type == "PERSON" and _person_by_tagger_alone(cluster):
        cluster.type = Counter(m.plain for m in cluster.mentions if m.plain).most_common(1)[0][0]
    named = any(len(m.words) in (2, 3) and m.words[0].lower() in given_names() and _person_shaped(m.words) and not _region(m.text) for m in cluster.mentions)
    aged = named and any(m.aged for m in cluster.mentions)
    if cluster.type != "PERSON" and aged:
        # "Margot Ellery, 71, uses …", "the operator, Corbin Flette, … Flette, 46, is": a known given name, and an
        # age written with the name, whatever the taggers said
        cluster.type = "PERSON"
    if cluster.type in PLACE_TYPES and any("surname" in m.cues for m in cluster.mentions) and any(
        len(m.words) == 2 and m.place is None and m.words[0].lower() in given_names() and _person_shaped(m.words) for m in cluster.mentions
    ):
        cluster.type = "PERSON"  # "Jérémie Dorval" … "Dorval", a town of the gazetteer too: the town evidence is the surname's
    if cluster.type != "PERSON" and any(
        "given-name" in m.cues and ("pronoun-after:person" in m.cues or "speaks" in m.cues) and len(m.words) in (2, 3)
        and _person_shaped(m.words) and _name_shaped(list(m.words)) and m.place is None and not _region(m.text) for m in cluster.mentions
    ) and not any("pronoun-after:it" in m.cues or len(m.words) == 3 and gazetteer.lookup(" ".join(m.words[:2])) for m in cluster.mentions):
        # "said Nadia Obi, who runs …": a known given name the article goes on to call "who", "she" or "he", or
        # that speaks ("Olena Sheremet told reporters"), and never "it" ("Morgan Stanley said its …") nor named
        # for a place ("Nova Scotia Health said")
        cluster.type = "PERSON"
    misshaped = cluster.type == "PERSON" and not all(_person_shaped(m.words) for m in cluster.mentions if m.words)
    if misshaped or cluster.type == "PERSON" and any(len(m.words) > 1 and m.words[0] in _NO_GIVEN_NAME for m in cluster.mentions):
        # no person's name is shaped so ("iCloud", "MP3 Player", "Intel-based Mac") nor begins so ("Lower
        # Mainland", "Central Okanagan", "My Stella"): the next best evidence, the plain model, or ORG (LOC
        # for a well-shaped name after a compass or position word)
        others = [label for label, _ in evidence.most_common() if label != "PERSON"]
        plain = [m.plain for m in cluster.mentions if m.plain and m.plain != "PERSON"]
        directed = not misshaped and any(m.words[0] not in _POSSESSIVES for m in cluster.mentions if len(m.words) > 1)
        cluster.type = others[0] if others else plain[0] if plain else "LOC" if directed else "ORG"
    if cluster.type not in ("LOC", "FAC", "EVENT") and not any(m.place is not None or _SPORTS_CUES & set(m.cues) for m in cluster.mentions) and any(
        len(m.words) > 1 and m.words[0] in _FEATURE_NAMES and m.words[-1].lower() not in _ORG_WORDS | _ORG_DESIGNATORS for m in cluster.mentions
    ):
        cluster.type = "LOC"  # "Mount Begbie", "Lake Minnewanka", "River Severn": a mountain, a lake, a river (not "Mount Sinai
        # Hospital", nor River Plate on a sports page)
    if cluster.type in ("ORG", "NORP", "PERSON") and not any(m.role or m.place is not None for m in cluster.mentions) and any(
        len(m.words) > 1 and (m.words[-2] if m.words[-1].isdigit() else m.words[-1]).lower() in _ROADS for m in cluster.mentions
    ):
        cluster.type = "FAC"  # "Highway 1", "the Trans-Canada Highway", "Coquihalla Highway": a road
    if cluster.type != "FAC" and not any(m.role or m.place is not None for m in cluster.mentions) and any(_street(m) for m in cluster.mentions):
        cluster.type = "FAC"  # "on Mill Lane", "Marlow Street": a street, not a person nor a town
    if cluster.type == "PERSON" and any(len(m.words) > 1 and m.words[0] in _SPORT_NAMES for m in cluster.mentions):
        cluster.type = "ORG"  # "Hockey Laurentides", "Rugby Ontario": a sport's governing body, no person
    if cluster.type == "PERSON" and all("quoted-title" in m.cues for m in cluster.mentions):
        cluster.type = "WORK_OF_ART"  # only ever named alone in quotation marks: a title
    if cluster.type == "PERSON" and any(len(m.words) > 1 and m.words[-1].lower().rstrip(".") in _LEGAL_FORMS for m in cluster.mentions):
        cluster.type = "ORG"  # "Lumenfolio Inc." however often "Lumenfolio" alone read as a person
    if cluster.type == "PERSON" and any("team-name" in m.cues for m in cluster.mentions):
        cluster.type = "ORG"  # "the Halifax Falcons" however often "the Falcons" alone read as a person
    if cluster.type in PLACE_TYPES and cluster.place is None and any(
        len(m.words) > 1 and m.best == "ORG" and m.words[-1].lower().rstrip(".") in _LEGAL_FORMS | _ORG_DESIGNATORS for m in cluster.mentions
    ):
        cluster.type = "ORG"  # "Lumora Therapeutics" however often "Lumora" alone read as a place
    if cluster.type != "ORG" and _every_name(cluster, lambda m: m.text.lower() in agencies()):
        cluster.type = "ORG"  # a news agency ("OTTAWA (CP) —", "Reuters"), whatever the taggers said
    classified = next(  # (not on a surname that joined a name in full: "the WhatsApp group Sivakumar set up")
        (c.split(":", 1)[1] for m in cluster.mentions if "surname" not in m.cues for c in m.cues if c.startswith("classifier:")), None
    )
    if cluster.type == "PERSON" and classified not in (None, "PERSON") and not any(m.role for m in cluster.mentions) and not aged:
        # "a drop-in agency, Marlow House": what the article calls it, however often a tagger said person
        cluster.type = classified
    if cluster.type == "PERSON" and not any(m.role and m.role not in _ROYAL and m.role.lower().rstrip(".") not in HONORIFICS for m in cluster.mentions) and not any(
        "speaks" in m.cues and m.words[0].lower() in given_names() for m in cluster.mentions
    ) and (
        head := next((h for m in cluster.mentions if len(m.words) > 1 and (h := _place_head(m.words[-1]))), None)
    ):  # "Mill Creek Station", "Oak Heights", "Esperanza Shoal", "Carlyle General Hospital", "Dr. Pell Memorial
        # Hospital" (a building named for someone): a place or a building, whatever the taggers said
        others = [label for label, _ in evidence.most_common() if label not in ("PERSON", "ORG")]
        cluster.type = others[0] if others else head
    if cluster.type in _NO_BUILDING_TYPES and any(len(m.words) > 1 and _place_head(m.words[-1]) == "FAC" for m in cluster.mentions):
        cluster.type = "FAC"  # "the Aviva Stadium" (EVENT for sm), "Heathrow Airport": a building, no event nor people
    if cluster.type == "PERSON" and not any(m.role for m in cluster.mentions):
        # "Thunder Bay", "Medicine Hat": a place of the gazetteer in more than one word, none of them a given
        # name, is that place, whatever the tagger said (a one-word town may be a surname: Clinton)
        place = next((m.place for m in cluster.mentions if len(m.words) > 1 and m.place is not None), None)
        if place is not None and not any(len(m.words) > 1 and m.words[0].lower() in given_names() for m in cluster.mentions):
            cluster.type = place.entity_type
    if cluster.type == "PERSON" and _only_somewhere(cluster):
        cluster.type = "GPE"  # "hospitals in Clinton or Stratford", "a briefing in Hope": a town, the gazetteer's or too small for it
    names = [m for m in cluster.mentions if not _demonym(m)]
    in_body = [m for m in names if not any(a <= m.start < b for a, b in captions)] or names
    if names:
        counts = Counter(m.text for m in names)
        # the fullest name; of equals, one not in capitals (a dateline's "HAMBURG" is "Hamburg" in the text)
        rank = lambda m: (len(m.words), not _shouted(m.text), counts[m.text], -m.start)  # noqa: E731
        best = max(in_body, key=rank)
        if cluster.type == "PERSON" and len(best.words) == 1:
            # named in full only in a caption ("Finance Minister Rosa Almeida speaks …"), by surname in the story
            full = [m for m in names if len(m.words) > 1 and name_key(m.words[-1]) == name_key(best.words[0])]
            best = max(full, key=rank) if full else best
        cluster.name = best.text
    elif cluster.place is not None:
        cluster.name = cluster.place.name
    surname_only = {m.words[-1] for m in names if len(m.words) > 1} if cluster.type == "PERSON" else set()
    cluster.aliases = sorted({m.text for m in names if m.text != cluster.name and m.text not in surname_only}
                             | {m.nickname for m in names if m.nickname})
    cluster.roles = sorted({m.role for m in cluster.mentions if m.role and m.role.lower().rstrip(".") not in HONORIFICS})
    if cluster.place is None and cluster.type in PLACE_TYPES:
        cluster.place = next((m.place for m in cluster.mentions if m.place is not None), None)
    cluster.key = entity_key(cluster.type, cluster.name, cluster.place)


@lru_cache(maxsize=1)
def _holidays() -> re.Pattern:
    return re.compile(holiday_names())


def _holiday(text: str) -> bool:
    """Whether ``text`` is a holiday's name (``data/times_holidays.tsv``, as the times stage reads it)."""
    return _holidays().fullmatch(text) is not None


#: verbs of saying whose subject, named with a given name first, is a person whatever the name ends in
_SAYING = frozenset({"say", "tell", "add", "explain", "note", "write", "ask", "reply", "argue", "insist", "recall", "warn"})
#: the first word of a storm's name ("Hurricane Delia", "Typhoon Nakri")
_STORMS = frozenset({"hurricane", "typhoon", "cyclone", "superstorm"})


_NO_BUILDING_TYPES = frozenset({"EVENT", "NORP", "WORK_OF_ART", "LAW"})  # types no name of a building's ends in
_MISC_TYPES = ("NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE")
#: cues that settle a type by themselves: a title or role, a classifier noun, "the X administration",
#: an organisation's designator or a plural name ("the Raptors")
_DECISIVE = ("title", "role", "classifier:", "heads-noun", "org-shaped", "employer")


def _decisive(m: EntityMention) -> bool:
    return any(c.startswith(_DECISIVE) for c in m.cues)


_STREETS = frozenset("street st lane road avenue ave drive crescent terrace boulevard".split())
_ALONG = frozenset(f"prep:{p}" for p in "on along off onto down up in at near".split())


def _street(m: EntityMention) -> bool:
    """Whether a mention names a street: its last word is a street's ("Mill Lane", "Oliver Plunkett
    Street"), and a model took it for a place or it stands after a preposition of where ("on", "off",
    "along" …); a surname that is a street word ("Nathan Lane said") is neither."""
    return len(m.words) > 1 and m.words[-1].lower().rstrip(".") in _STREETS and (
        m.label in PLACE_TYPES or m.tagged == "LOC" or m.plain in PLACE_TYPES or any(c in _ALONG for c in m.cues)
    )


def _prose_place(m: EntityMention) -> bool:
    """A notable place of the gazetteer outside a page of results or a sports story, or a place of the
    gazetteer someone comes from or written with its province anywhere: a place, as the hand weights
    say (the learned model, trained mostly on Reuters' sports pages, takes such names for teams:
    "shelled Odesa")."""
    return "place:notable" in m.cues and "results-page" not in m.cues and "sports-page" not in m.cues or "sure-place" in m.cues


_BORN = frozenset({"bear", "grow", "raise", "hail"})  # "born in", "grew up in", "raised in", "hails from"


def _origin(token) -> bool:
    """Whether ``token`` names where someone comes from: "a native of …", "the hometown of …",
    "born in …", "grew up in …", "hails from …"."""
    if token.dep_ != "pobj":
        return False
    prep = token.head
    head = prep.head.head if prep.head.lower_ == "up" and prep.head.dep_ == "prt" else prep.head
    return (prep.lower_ == "of" and head.lemma_.lower() in ("native", "hometown")
            or prep.lower_ in ("in", "from") and head.pos_ == "VERB" and head.lemma_.lower() in _BORN)


#: words of sports reports; three of them in an article make it one (a team may bear a place's name)
_SPORTS = frozenset(
    """innings wickets wicket batsman bowler bowled batted runs goal goals striker midfielder defender
    goalkeeper penalty match matches league cup tournament championship championships seed seeded
    coach playoffs playoff quarterback touchdown pitcher homer inning rebounds overtime lap laps
    podium medal medals season standings fixture fixtures draw drew unbeaten scored scorer
    semifinal semi-final quarter-final quarterfinal final finals squad captain titles rugby
    cricket soccer football baseball basketball hockey tennis golf""".split()
)


def _kind_votes(clusters: list[Cluster]) -> dict[int, tuple[list[EntityMention], np.ndarray]]:
    """Where the learned model weighs a cluster's type (the tagger labelled a mention, no cue settles
    the type by itself: :func:`_decisive`, no notable place stands in prose: :func:`_prose_place`),
    by the cluster's ``id``: its voters (its named mentions but demonyms) and their log-probabilities
    of each kind (:mod:`newsgraph.entity_types`), the voters of all ``clusters`` scored in one pass."""
    learned = entity_types.model()
    if learned is None:
        return {}
    weighed = []
    for cluster in clusters:
        voters = [m for m in cluster.mentions if m.label != REFERENCE and not _demonym(m)]
        if any(m.tagged for m in voters) and not any(_decisive(m) or _prose_place(m) for m in voters):
            weighed.append((cluster, voters))
    if not weighed:
        return {}
    logp = np.log(entity_types.probabilities([m for _, voters in weighed for m in voters], learned) + 1e-9)
    out, at = {}, 0
    for cluster, voters in weighed:
        out[id(cluster)] = voters, logp[at : at + len(voters)]
        at += len(voters)
    return out


def _weighed_type(cluster: Cluster, evidence: Counter, votes: dict[int, tuple[list[EntityMention], np.ndarray]]) -> str:
    """The cluster's type as the learned model weighs its mentions' cues (:func:`_learned_type`),
    where it applies (``votes``: :func:`_kind_votes`) to a type of :data:`LABELS`; else the type the
    hand weights gave (``cluster.type`` when called)."""
    if id(cluster) not in votes or cluster.type not in LABELS:
        return cluster.type
    voters, logp = votes[id(cluster)]
    kind = _learned_type(cluster, voters, evidence, logp)
    # one word the hand weights gave another type is a person only where the tagger said so at every
    # mention ("Karim 62" on a scorecard; not a product sm alone calls a person)
    if kind == "PERSON" and cluster.type != "PERSON" and not any(len(m.words) > 1 and _person_shaped(m.words) for m in voters):
        if not all(m.tagged == "PER" for m in voters if m.tagged):
            return cluster.type
    return kind


def _learned_type(cluster: Cluster, voters: list[EntityMention], evidence: Counter, logp: np.ndarray) -> str:
    """The kind the learned model (:mod:`newsgraph.entity_types`) gives the cluster's named
    mentions together (the sum of their log-probabilities ``logp``), as a fine type: PERSON, ORG; for a
    place the strongest of GPE/LOC/FAC in the evidence (a gazetteer place's own type, else GPE);
    for anything else the strongest of NORP, EVENT, PRODUCT, … in the evidence, else the type the hand
    weights gave (the cluster's type when called)."""
    kind = entity_types.KINDS[int(logp.sum(axis=0).argmax())]
    if kind == "PER":
        return "PERSON"
    if kind == "ORG":
        return "ORG"
    within = PLACE_TYPES if kind == "LOC" else _MISC_TYPES
    ranked = [label for label, _ in evidence.most_common() if label in within]
    ranked += [m.plain for m in voters if m.plain in within]
    if ranked:
        return ranked[0]
    if kind == "MISC":
        return cluster.type  # no evidence of what else it is: the hand weights' type stands ("Clearbrook Water" ORG)
    place = cluster.place or next((m.place for m in voters if m.place is not None), None)
    return place.entity_type if place is not None else "GPE"


def entity_key(kind: str, name: str, place: Place | None = None) -> str:
    """An entity's match key (the same key in two articles is the same entity): a person's given
    name and surname, a place's gazetteer id, else its type and transliterated name."""
    if kind == "PERSON":
        words = _words(name) or (name,)
        return "person:" + " ".join(name_key(w) for w in (words[0], words[-1]) if w) if len(words) > 1 else "person:" + name_key(words[0])
    if place is not None and kind in PLACE_TYPES:
        return "place:" + _place_id(place)
    return f"{kind.lower()}:{translit(name)}"


# ---------------------------------------------------------------------------------------------
# the extract stage


def extract_entities(record: Record, doc: Doc) -> Record:
    """Fill ``record.entities`` from the component's clusters (ids e1, e2, … in order of first mention);
    the reporters and photographers the text credits (:func:`_contributor`) become ``author`` where
    the page named none."""
    record.entities = []
    contributors = doc.user_data.get(CONTRIBUTORS) or []
    if contributors and record.author is None:
        record.author = ", ".join(contributors)
    for n, c in enumerate(doc._.newsgraph_entities or (), start=1):
        place = c.place if c.type in PLACE_TYPES else None
        record.entities.append(
            Entity(
                id=f"e{n}",
                name=c.name,
                type=c.type,
                aliases=c.aliases,
                mentions=[Mention(m.start, m.end, m.label if m.label != c.type and m.label in ("NORP", REFERENCE) else None) for m in c.mentions],
                key=c.key,
                roles=c.roles,
                place=RecordPlace(place.kind, place.name, place.country, place.code, place.geonames, place.lat, place.lon) if place else None,
            )
        )
    return record


#: a model's own entity labels (OntoNotes, or WikiNER / CoNLL as other languages' spaCy models
#: have them) → newsgraph's types; MISC is too mixed to type and is left out
_MODEL_TYPES = {"PER": "PERSON", "LOC": "LOC", **{label: label for label in LABELS}}


def model_entities(record: Record, doc: Doc) -> Record:
    """Fill ``record.entities`` from the model's own entities, for a model of another language
    than English (which runs without newsgraph's entity component: its titles, gazetteer and
    coreference know English): the mentions of one type and one spelling are one entity."""
    entities: dict[tuple[str, str], Entity] = {}
    for ent in doc.ents:
        kind = _MODEL_TYPES.get(ent.label_)
        name = " ".join(ent.text.split())
        if kind is None or not any(c.isalpha() for c in name):
            continue
        key = entity_key(kind, name)  # as for English entities, so that the store joins them
        entity = entities.get((kind, key))
        if entity is None:
            entity = entities[(kind, key)] = Entity(id=f"e{len(entities) + 1}", name=name, type=kind, key=key)
        entity.mentions.append(Mention(ent.start_char, ent.end_char))
    record.entities = list(entities.values())
    return record

