"""Stage 4b, quotes: who said what — direct, mixed and indirect quotations with their speakers.

* **Direct quotes** are found from the quotation marks of the text (:func:`quoted_spans`): every
  style (" " “ ” ‘ ’ « » „ “ ‹ › 「 」, two apostrophes), single quotes nested in double ones and the
  same marks nested as crawled text has them, the newspaper convention of a quote running over
  paragraphs (a paragraph opens a quote without closing it and the next reopens it), and marks the
  crawler left unbalanced (the quote ends with its paragraph). A quoted stretch that reads as speech
  — a clause, or at least :data:`MIN_DIRECT_WORDS` words at the start of a sentence or after a colon
  or a cue, or any length right next to its cue — is a direct quote; quoted words inside reported
  speech make that speech *mixed*; other fragments (scare quotes, titles) are no quotes. Transcript
  paragraphs ("PENCE: …") are direct quotes of the person the label names.
* **Indirect speech** comes from the parse (:func:`_reported`): a speech verb (``data/cues.txt``,
  lemmas from the cues annotated in PolNeAR train) with a clausal complement ("Tokayev stated that
  he views Russia as invincible", "The talks failed, officials said"), a parenthetical cue, a
  promise or appeal with its infinitive, a verb of naming, praise or blame with a quoted label, and
  "according to X, …"; never beyond the cue's paragraph.
* **The speaker** is the subject of the cue verb (also inverted: "said Tokayev"; a named apposition;
  the noun a "who" stands for; in a chain "stated … and urged …"; of the main verb for "adding that
  …"), the object of "according to", a name after a dash, or for a direct quote with no cue in its
  sentences, the speaker of the quote just before it (a paragraph that only continues someone's
  quotation). The speaker is linked to the entity whose mention it is; pronouns and descriptions
  ("he", "the president") were resolved to people by the entity stage; "it said" names the
  organisation just before.
* **The attribution tagger** (:mod:`newsgraph.attribution`) reads what the rules found: a rule
  quote gains the tagger's source phrase and cue and the words it attributes just before the quote
  (:func:`_widened`); what only the tagger finds is added where it is sure, typed speech, writing,
  document (a study's, a poll's, a filing's findings: :func:`attribution_type`) or belief (a cue
  that neither says nor communicates: ``data/cues.txt``, ``data/communication_verbs.txt``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from spacy.attrs import DEP, IDX, LOWER, POS
from spacy.parts_of_speech import AUX, NOUN, VERB
from spacy.tokens import Doc, Span, Token

from . import coref
from .analyse import doc_text, finite
from .attribution import OPENING, RULE_FEATURES, Attribution, Tagged, attributions, content_probability, nearest_source, tagger
from .entities import gender, given_gender, quoted_nicknames
from .lists import data_lines
from .record import SAID, Entity, Mention, Quote, Record, Speaker
from .record import Span as RecordSpan

MIN_DIRECT_WORDS = 4  # a quoted stretch shorter than this is a fragment unless it is a clause
MIN_INDIRECT_TOKENS = 3  # a reported clause shorter than this is no quote ("he said so")
FLOATING_PARAGRAPHS = 2  # a quote with no cue takes the speaker of a quote at most this far back
HEADLINE_WORDS = 25  # a "Name: words" line longer than this is no headline
PRONOUN_REACH = 1500  # "he said" names the person mentioned last, at most this many characters before (two or three paragraphs)
IT_REACH = 300  # "it said" names an organisation mentioned at most this many characters before
#: a description that nothing before it names means the person named next with its noun as title at most this many characters after
TITLED_REACH = 600
_WORD_BEFORE = re.compile(r"(\w+)\s+$")  # the word right before a name: its title ("investigator Colm Ashdown")

# opening mark → the marks that close it
_PAIRS = {
    "“": "”“",  # English; a crawler sometimes writes “…“
    "„": "“”",  # German, Polish
    "”": "”",  # Swedish, Finnish; crawled text that lost its opening marks
    "«": "»",
    "»": "«",  # Danish
    "‹": "›",
    "「": "」",
    "『": "』",
    '"': '"”',  # crawled text: typed straight, closed curly by the editor's software
    "‘": "’",
    "‚": "‘’",
    "'": "'",
}
_SINGLE = frozenset("‘‚'‹")  # single marks: also apostrophes, so only taken when closed on the same line
_MARKS = re.compile("[" + re.escape("".join(sorted({*_PAIRS, *"".join(_PAIRS.values())}))) + "]")  # every opening or closing mark
_SPEAKER_DEPS = ("nsubj", "nsubjpass")
#: verbs of speech whose passive subject is the speaker ("was quoted as saying", "was heard saying"); of
#: the others it is the one spoken to or the thing said ("residents were told", "no injuries were reported")
_SPEAKER_PASSIVES = frozenset("quote hear overhear record cite film".split())
# what speaks for its author: "X issued a statement calling …" is X speaking
_DOCUMENTS = frozenset("statement letter report release post tweet message memo note communique declaration speech interview remarks address essay column op-ed book".split())
# occasions of speech: "she said at a news conference announcing that …" — the speaker is who spoke there
_OCCASIONS = frozenset("conference briefing meeting hearing rally event session appearance forum summit ceremony call debate".split())
_CLAUSE_DEPS = ("ccomp",)


@lru_cache(maxsize=1)
def cues() -> frozenset[str]:
    """Lemmas of speech verbs (and "according to"), from ``data/cues.txt``."""
    return frozenset(line.split("\t")[0] for line in data_lines("cues.txt"))


@lru_cache(maxsize=1)
def communication_verbs() -> frozenset[str]:
    """Verbs whose first WordNet sense is one of communication ("cite", "criticize", "question"), from
    ``data/communication_verbs.txt`` (``scripts/build_communication_verbs.py``)."""
    return frozenset(line.strip() for line in data_lines("communication_verbs.txt"))


def _says(cue: Span) -> bool:
    """Whether a cue says something: a speech verb of :func:`cues` ("according to" included) or a
    verb of :func:`communication_verbs` ("called for", "criticized"), not a stance or an act ("is
    eager to", "offered to")."""
    lemmas = {t.lemma_.lower() for t in cue}
    return "according" in lemmas or bool(lemmas & cues()) or bool(lemmas & communication_verbs())


# ---------------------------------------------------------------------------------------------
# quotation marks


def _left_boundary(text: str, i: int) -> bool:
    """An opening mark stands before a word (French guillemets may keep a space inside: « oui »; so
    may a double mark in text joined from tokens: " Stop me ")."""
    inside_ok = (
        text[i] in "«»‹›"
        or (i + 1 < len(text) and not text[i + 1].isspace())
        or (text[i] in '"“' and text[i + 1 : i + 3].strip()[:1].isalnum())  # '" Stop me', text joined from tokens
    )
    return (i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–-:;/") and i + 1 < len(text) and inside_ok


def _right_boundary(text: str, i: int) -> bool:
    return i > 0 and not text[i - 1].isspace() and (i + 1 == len(text) or not text[i + 1].isalnum())


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the text between matching quotation marks (marks excluded), in order.
    Quotes do not cross a line break, except where the next paragraph reopens the quote; a quote
    left open at the end of its paragraph ends there (single marks: dropped)."""
    out: list[tuple[int, int]] = []
    opener, start, reopened, depth = "", -1, False, 0
    pos = 0
    # ''two apostrophes'' are one double mark, and so are two curly ones (‘‘…’’, or “…’’ as some papers close)
    lines = text.replace("''", '"\x00').replace("‘‘", "“\x00").replace("’’", "”\x00").split("\n")
    for n, line in enumerate(lines):
        i = 0
        if reopened and line.strip():  # skip the mark that reopens the quote
            i, reopened = len(line) - len(line.lstrip()) + 1, False
        for match in _MARKS.finditer(line, i):  # only the marks matter
            i = match.start()
            ch = line[i]
            if not opener:
                if ch in _PAIRS and _left_boundary(line, i):
                    opener, start, depth = ch, pos + i + 1 + (line[i + 1 : i + 2] == "\x00"), 0  # (after both marks of a pair)
            elif ch == opener and ch not in "\"'" and _left_boundary(line, i) and not _right_boundary(line, i):
                depth += 1  # “… what he calls “hell” than …”: the same marks nested, as crawled text has them
            elif ch in _PAIRS[opener] and (opener not in _SINGLE or _right_boundary(line, i)):
                if depth:
                    depth -= 1
                else:
                    out.append((start, pos + i))
                    opener = ""
        if opener:
            following = next((rest.lstrip() for rest in lines[n + 1 :] if rest.strip()), "")
            if following[:1] == opener and opener not in _SINGLE:
                reopened = True  # the next paragraph reopens the quote: it goes on
            else:
                if opener not in _SINGLE:
                    out.append((start, pos + len(line)))
                opener = ""
        pos += len(line) + 1
    return _trimmed(text, out)


def _trimmed(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans without the whitespace, apostrophes and closing comma at their edges ("…conflict,"
    Tokayev said)."""
    out = []
    for start, end in spans:
        while start < end and (text[start].isspace() or text[start] == "'"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",'"):
            end -= 1
        if end > start:
            out.append((start, end))
    return out


# ---------------------------------------------------------------------------------------------
# cues and speakers


def _is_cue(token: Token, quoting: bool = False) -> bool:
    """A speech verb; with ``quoting``, also a verb that is speech only right next to a quotation
    ("…,” he continued", "Trump shot back: “…”")."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = token.lemma_.lower()
    if lemma in cues() or (quoting and lemma in _QUOTING_CUES):
        return True
    # (the parse may take the particle for an adverb: "shot back that …")
    return any(c.dep_ in ("prt", "advmod") and c.i == token.i + 1 and (lemma, c.lower_) in _PHRASAL_CUES for c in token.children)


# verbs of speech with a particle ("points out that …", "weighed in", "fired back")
_PHRASAL_CUES = frozenset({
    ("point", "out"), ("speak", "out"), ("spell", "out"), ("lay", "out"), ("weigh", "in"), ("chime", "in"), ("cut", "in"),
    ("fire", "back"), ("hit", "back"), ("shoot", "back"), ("write", "back"), ("sound", "off"),
})


# manner-of-speaking verbs (Levin's class 37.3) and verbs of conversation that attribute a quotation
# they stand next to but are no speech cue elsewhere ("the war continued", "the crowd roared")
_QUOTING_CUES = frozenset(
    """continue go begin conclude retort quip interject counter shoot fire snap scoff muse marvel laugh sigh gush rave
    recount remark offer chime bark bellow boom cry drawl groan growl grumble grunt hiss holler howl moan mumble
    murmur mutter roar scream screech shout shriek sing snarl stammer stutter thunder wail whisper yell exclaim
    chuckle smile sneer joke tease plead beg fume rage rant riff react heckle chant cheer""".split()
)


def _according_to(token: Token) -> Token | None:
    """The object of "according to" when ``token`` is its "according" (the author where that is a
    document: "according to a speech Mrs. Clinton gave")."""
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            source = next((c for c in child.children if c.dep_ == "pobj"), None)
            return _author(source) or source if source is not None else None
    return None


def _author(noun: Token) -> Token | None:
    """Who speaks through a document noun: "Clinton's speech", "a report by the IMF", "a speech
    Mrs. Clinton gave"; None for other nouns or where the text does not say."""
    if noun.lemma_.lower() not in _DOCUMENTS:
        return None
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            return next((c for c in child.children if c.dep_ == "pobj"), None)
        if child.dep_ == "relcl":
            subject = next((c for c in child.children if c.dep_ in _SPEAKER_DEPS), None)
            if subject is not None:
                return subject
    return None


def _subject(verb: Token, outside: Sequence[tuple[int, int]] = ()) -> Token | None:
    """The speaker of a cue verb: its subject (a named apposition: "The mayor, Tom Ruiz, said"), or
    that of the verb it is chained to ("stated … and urged", "…, adding that", "was criticised for
    saying that"); never a word inside ``outside`` (quoted words: the quote itself, a show's title)."""
    cue = verb
    for _ in range(4):
        if verb.dep_ == "acl" and verb.tag_ == "VBG":  # "footage of Hillary Clinton asking, …"
            noun = verb.head
            if _author(noun) is not None:  # "Clinton's statement calling …"
                return _author(noun)
            if noun.lemma_.lower() in _DOCUMENTS or noun.lemma_.lower() in _OCCASIONS:
                # "the Council issued a statement calling …", "resigned in a letter stating …", "said at a briefing announcing …"
                head = noun.head
                while head.dep_ == "prep" and head.head.i != head.i:
                    head = head.head
                author = next((c for c in head.children if c.dep_ in _SPEAKER_DEPS), None) if noun.dep_ in ("dobj", "pobj") else None
                if author is not None:
                    return author
            return noun
        subjects = [
            c for c in verb.children
            if c.dep_ in _SPEAKER_DEPS and not c.is_punct and not any(a <= c.idx < b for a, b in outside)  # (not a closing ’’)
            and not (c.dep_ == "nsubjpass" and verb is cue and _passive_cue(verb))  # "the crew was told": spoken to (not "was criticised for saying")
        ]
        # the nearest ("The Latest: Trump urges …" parses with two subjects)
        subject = min(subjects, key=lambda c: abs(c.i - verb.i)) if subjects else None
        if subject is None:  # "the 31-year-old said", parsed with the age as a modifier of the verb
            subject = next((c for c in verb.lefts if c.lower_ == "old" and coref.aged_nominal(c.doc, c) is not None), None)
        if subject is None:  # "A spokeswoman for the harbour board, reached by phone, said …": the participle
            # set off before the cue was parsed as a clause of its own, with the cue's subject as its subject
            # (set off: a comma after the subject's words and after the participle's, which a clause of
            # its own would not have: "The spokeswoman reached by phone …, said" is no sentence); so too a
            # relative clause's second verb ("Its board chair, Ingrid Solvang, who taught school … and has raised
            # decades …, said"), and a relative clause in any tense parsed with its "who" and the cue's subject
            # as two subjects ("Her rival, Tom Bryce, meanwhile, who sits at zero endorsements, said")
            subject = next((
                d for c in verb.lefts if c.dep_ in ("ccomp", "advcl", "parataxis") and _comma_after(c) and (
                    c.tag_ in ("VBN", "VBD", "VBG") or any(g.lower_ == "who" and g.dep_ == "nsubj" for g in c.children)  # "…, who sits …, said"
                )
                for d in c.children if d.dep_ in _SPEAKER_DEPS and d.i < c.i and (
                    _comma_after(d) and not any(a.dep_ in ("aux", "auxpass") for a in c.children)
                    or any(a.dep_ == "appos" for a in d.children) and d.nbor().text == ","  # "Its board chair, Ingrid Solvang, who …"
                )
                and not any(a <= d.idx < b for a, b in outside)
            ), None)
        if subject is not None and subject.is_upper and (after := _after_dateline(subject)) is not None:
            subject = after  # "PRINCE GEORGE, B.C. — An RCMP officer … told": the dateline's place parsed as the subject
        if subject is not None:
            named = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN" and not _after_clause(c)), None)
            return named if named is not None and subject.pos_ != "PROPN" else subject  # "The mayor, Tom Ruiz, said"
        if verb.dep_ == "conj" and (cue := coordinated_cue(verb)) is not None:
            verb = cue  # "said the plan is fair and warned …": the one who said it warned
        elif verb.dep_ in ("conj", "advcl", "xcomp", "pcomp") and verb.head.i != verb.i:
            verb = verb.head
            while verb.dep_ == "prep" and verb.head.i != verb.i:  # "for saying": past the preposition
                verb = verb.head
        else:
            return None
    return None


def _comma_after(token: Token) -> bool:
    """Whether the words ``token`` heads end with a comma, or one follows them."""
    last = token.right_edge
    return last.text == "," or last.i + 1 < len(token.doc) and token.doc[last.i + 1].text == ","


def _after_dateline(token: Token) -> Token | None:
    """Where ``token`` is in the dateline that opens its line ("PRINCE GEORGE, B.C. — "), the noun the
    parse hangs on it after the dash (the sentence's real subject); else None."""
    doc = token.doc
    start = token.i
    while start > 0 and "\n" not in doc[start - 1].text and "\n" not in doc[start - 1].whitespace_:
        start -= 1
    found = _DATELINE_LEAD.match(doc[start : min(len(doc), token.i + 12)].text)
    if found is None or token.idx >= doc[start].idx + found.end():
        return None
    end = doc[start].idx + found.end()
    return next((c for c in token.children if c.dep_ in ("appos", "conj") and c.idx >= end and c.pos_ in ("NOUN", "PROPN")), None)


def _passive_cue(verb: Token) -> bool:
    """Whether a verb of speech is a passive whose subject is spoken to or of ("residents were told",
    "no injuries have been reported"), not a speaker (as of "was quoted as saying", "was heard
    saying"): that subject is no speaker, and the verb frames no sentence around it."""
    return verb.lemma_.lower() not in _SPEAKER_PASSIVES and any(c.dep_ == "auxpass" for c in verb.children)


@dataclass(slots=True)
class _Attribution:
    cue: tuple[int, int]
    speaker: Token | None
    own: bool = True  # the speaker is the cue's own subject (not one borrowed from a chained verb)
    according: bool = False  # "according to X"


class _Speakers:
    """Entity mentions by character offset: which entity a speaker token names."""

    def __init__(self, record: Record, doc: Doc | None = None) -> None:
        self.text = record.text
        self.entities = {e.id: e for e in record.entities}
        self.mentions = sorted(((m.start, m.end, e) for e in record.entities for m in e.mentions), key=lambda x: x[:2])
        self.doc = doc  # with the entity stage's clusters, whose order is the entities' (e1, e2, …)
        self._references = None  # what coref.refer needs, made on first use
        self._describing: dict[str, list[tuple[int, int]]] | None = None  # for described, made on first use

    def fits(self, speaker: Speaker, pronoun: str) -> bool:
        """Whether a third-person singular ``pronoun`` may stand for the person ``speaker`` (no
        pronoun of the other gender resolved to them)."""
        if pronoun.lower() not in ("he", "she"):
            return False
        entity = self.entities.get(speaker.entity)
        return entity is not None and _may_be(entity, self.text, gender(pronoun))

    def gendered(self, entity: Entity) -> bool:
        """Whether ``entity`` is one person known as he or she: by given name or by a he/she pronoun linked to it."""
        return entity.type == "PERSON" and bool(_known_genders(entity, self.text))

    def named(self, label: str, start: int) -> Speaker:
        """The speaker a transcript label names ("PENCE" → the person named Mike Pence)."""
        for mention_start, _, entity in self.mentions:  # the label is a mention of its own ("Sanders: …")
            if mention_start == start:
                return Speaker(entity.id, entity.name, start, start + len(label))
        key = label.split()[-1].lower()
        for entity in self.entities.values():
            if entity.type == "PERSON" and entity.name.split()[-1].lower() == key:
                return Speaker(entity.id, entity.name, start, start + len(label))
        return Speaker(None, label.title(), start, start + len(label))

    def speaker(self, token: Token) -> Speaker:
        if token.lower_ in ("who", "that", "which") and token.head.dep_ == "relcl" and token.head.head.i != token.head.i:
            # "an architect who said": the architect, referred to by "who" at the cue
            found = self.speaker(token.head.head)
            return Speaker(found.entity, found.name, token.idx, token.idx + len(token.text))
        own = self.mention_of(token)
        # "The president of the Police Association, Craig Dunlop, said": the name in apposition outweighs whoever
        # the description was taken to mean; "One backbencher, MP Jane Roe, said", "Clerk of the county court, John
        # Doe, said": a description or a group (a name with "a" or "one" is no person's) with the person it means in
        # apposition, the nearest one to the verb
        if token.pos_ == "NOUN" or own is None or own[2].type != "PERSON" or any(c.lower_ in _INDEFINITE and c.dep_ in ("det", "nummod") for c in token.children):
            for child in sorted(_phrase_words(token), key=lambda t: -t.i):
                if child.dep_ == "appos" and child.i > token.i and not _after_clause(child) and (found := self.mention_of(child)) and (
                    found[2].type == "PERSON" or found[2].type == "ORG" and child.head.i == token.i
                ):  # an organisation only in apposition to the noun itself ("a statement from the buyer, Veltrix Group")
                    return Speaker(found[2].id, found[2].name, found[0], found[1])
            if token.pos_ == "NOUN" and (found := self.set_off_name(token)) is not None:
                return found
        if own is not None and token.lower_ == "they" and self.gendered(own[2]):
            # "Nora Bell defended the plan. … The tenants were not moved. They said": not one person known as he or
            # she, but the group that was the subject just before, where there is one
            group = _plural_subject_before(token)
            if group is not None:
                found = self.speaker(group)
                return Speaker(found.entity, found.name, token.idx, token.idx + len(token.text))
        if own is not None:
            start, end, entity = own
            return Speaker(entity.id, entity.name, start, end)
        if token.lower_ == "they":  # "Republicans … They said": the group that was the subject just before
            group = _plural_subject_before(token)
            if group is not None:
                found = self.speaker(group)
                return Speaker(found.entity, found.name, token.idx, token.idx + len(token.text))
        if token.lower_ in ("he", "she"):  # a pronoun the entity stage left open: the person named last
            for start, end, entity in reversed(self.mentions):  # whose gender does not clash with it
                if end <= token.idx and token.idx - end <= PRONOUN_REACH and entity.type == "PERSON":
                    found = Speaker(entity.id, entity.name, token.idx, token.idx + len(token.text))
                    if self.fits(found, token.text):
                        return found
        if token.lower_ == "it":  # “…,” it said: the organisation named just before
            before = [(start, end, e) for start, end, e in self.mentions if e.type == "ORG" and end <= token.idx and token.idx - end <= IT_REACH]
            if before:
                entity = before[-1][2]
                return Speaker(entity.id, entity.name, token.idx, token.idx + len(token.text))
        # no entity: the noun phrase up to its head, on the head's line ("a campaign spokesman", "officials")
        first = token.left_edge if token.left_edge.i <= token.i else token
        words = [t for t in token.doc[first.i : token.i + 1]]
        while any("\n" in t.text or "\n" in t.whitespace_ for t in words[:-1]):
            words.pop(0)
        person_noun = token.pos_ == "NOUN" and coref.means_a_person(token.lemma_.lower())
        if token.pos_ == "NOUN" and token.whitespace_ == " " and token.i + 1 < len(token.doc):
            # "according to market research company Quillon Analytics", the name parsed apart from the noun that classifies it
            after = token.doc[token.i + 1].idx
            for start, end, entity in self.mentions:
                if start == after and (entity.type == "PERSON") == person_noun and entity.type in ("PERSON", "ORG"):
                    return Speaker(entity.id, entity.name, start, end)
        for child in token.children:  # a name the head is built on ("12:15 p.m. \n Donald Trump": a parse across lines)
            if child.dep_ in ("appos", "compound", "flat") and (not words or child.i >= words[0].i):
                for start, end, entity in self.mentions:
                    # (not the employer of "a Crown prosecutor", "an RCMP officer": a description of a person)
                    if start <= child.idx < end and (entity.type == "PERSON" or entity.type == "ORG" and not person_noun):
                        return Speaker(entity.id, entity.name, start, end)
        while words and words[0].dep_ in ("punct", "cc", "prep"):
            words.pop(0)
        span = token.doc[words[0].i : token.i + 1] if words else token.doc[token.i : token.i + 1]
        author = self.author_of(token)
        if author is not None:  # "her statement said", "a release from the union said": its author
            return Speaker(author.id, author.name, span.start_char, span.end_char)
        entity = self.described(token) or self.referred(token) or self.titled_next(token)
        if entity is not None:  # "the captain" said: the person the article called so
            return Speaker(entity.id, entity.name, span.start_char, span.end_char)
        span = _with_attachments(span, token)  # "a spokesperson for the hospital", "sources familiar with the talks"
        return Speaker(None, span.text, span.start_char, span.end_char)

    def titled_next(self, token: Token) -> Entity | None:
        """The person a description of one person that nothing before it names means where the article
        names them next with its noun as their title, within :data:`TITLED_REACH` characters ("…, a provincial
        fire investigator has reported. | Investigator Colm Ashdown, who spent six weeks on the case, urged …"):
        a story's opening that names its source a paragraph later."""
        if token.pos_ != "NOUN" or token.tag_ == "NNS":
            return None
        lemma = token.lemma_.lower()
        for start, _, entity in self.mentions:
            if start <= token.idx or entity.type != "PERSON":
                continue
            if start > token.idx + TITLED_REACH:
                return None
            before = _WORD_BEFORE.search(self.text, max(0, start - 40), start)
            if lemma in coref.role_words(entity) or before is not None and before.group(1).lower() in (lemma, token.lower_):
                return entity
        return None

    def set_off_name(self, token: Token) -> Speaker | None:
        """The person named right after a description noun and a comma, with at most a title between, and
        closed by a comma or the sentence's end ("According to his agent, Mara Quill, …", "His partner, lead
        engineer Jun-Ho Baek, explained …"): an apposition however the parse read it."""
        doc = token.doc
        if token.i + 2 >= len(doc) or doc[token.i + 1].text != ",":
            return None
        for t in doc[token.i + 2 : token.i + 7]:
            found = self.mention_of(t)
            if found is not None:
                start, end, entity = found
                after = next((w for w in doc[t.i :] if w.idx >= end), None)
                closed = after is None or after.text in (",", ".", ";") or after.is_sent_start
                return Speaker(entity.id, entity.name, start, end) if entity.type == "PERSON" and start == t.idx and closed else None
            if t.pos_ not in ("NOUN", "PROPN", "ADJ") or t.is_punct:
                return None
        return None

    def other_person(self, entity: str, speaker: Speaker, pronoun: str) -> Speaker | None:
        """The person named last before ``speaker`` who is not ``entity`` and whom ``pronoun`` fits."""
        for start, end, other in reversed(self.mentions):
            if end <= speaker.start and other.type == "PERSON" and other.id != entity:
                found = Speaker(other.id, other.name, speaker.start, speaker.end)
                return found if self.fits(found, pronoun) else None
        return None

    def named_in_own_words(self, speaker: Speaker, start: int, end: int) -> bool:
        """Whether ``speaker`` is a description ("the judge") the entity stage took for a person whom the
        words it says, ``start`` to ``end``, name by name: nobody calls themselves by their name in what they say."""
        entity = self.entities.get(speaker.entity)
        words = self.text[speaker.start : speaker.end].split()
        if entity is None or entity.type != "PERSON" or len(words) < 2 or words[0].lower() not in ("the", "this", "that"):
            return False
        return any(m.label is None and start <= m.start and m.end <= end for m in entity.mentions)

    def mention_of(self, token: Token) -> tuple[int, int, Entity] | None:
        """The entity mention ``token`` stands in, as (start, end, entity)."""
        return next(((start, end, entity) for start, end, entity in self.mentions if start <= token.idx < end), None)

    def author_of(self, token: Token) -> Entity | None:
        """Who wrote a text that speaks ("her statement", "the union's release", "a release sent
        from the tenants' union"): the person or organisation that owns it or that it came from; only
        for a noun that names no person or organisation itself (GUM's nouns, :func:`coref.nouns`)."""
        if token.pos_ != "NOUN":
            return None
        shares = coref.nouns().get(token.lemma_.lower())
        if shares is not None and (shares[0] >= 0.1 or shares[1] >= 0.1):
            return None
        heads = [token, *(c for c in token.children if c.dep_ == "acl")]  # "a release (sent) from X"
        owners = [c for c in token.children if c.dep_ == "poss"]
        owners += [g for h in heads for p in h.children if p.lower_ == "from" for g in p.children if g.dep_ == "pobj"]
        for owner in owners:
            for start, end, entity in self.mentions:
                if start <= owner.idx < end and entity.type in ("PERSON", "ORG"):
                    return entity
        if not owners and token.lemma_.lower() in _DOCUMENTS and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return self.issued(token)  # "the statement said": who put out the statement named before
        return None

    def issued(self, token: Token) -> Entity | None:
        """Who put out the document ``token`` refers back to: the subject of the clause of the latest
        earlier mention of its noun ("Nova Scotia Health said in a statement that …" … "the statement
        said"), or of a verb of that noun ("… posted on Facebook that …" … "the post said"), where that
        subject is a person or organisation."""
        lemma = token.lemma_.lower()
        for t in reversed(token.doc[: token.i]):
            if t.lemma_.lower() != lemma or t.pos_ not in ("NOUN", "VERB"):
                continue
            # the verb of that noun: "The naturalists' club posted on Facebook that …" … "the post said"
            head = t if t.pos_ == "VERB" else t.head
            while t.pos_ == "NOUN" and head.dep_ in ("prep", "pobj", "dobj") and head.head.i != head.i:
                head = head.head
            for subject in (c for c in head.children if c.dep_ in _SPEAKER_DEPS):
                for start, end, entity in self.mentions:
                    if start <= subject.idx < end and entity.type in ("PERSON", "ORG"):
                        return entity
            if t.pos_ == "NOUN":
                return None
        return None

    def described(self, token: Token) -> Entity | None:
        """The person or organisation a definite description names ("the company", "the
        captain"): the entity an earlier mention of the same noun was joined to, in apposition or
        as a title before the name ("Maya Chen, the team captain", "shipping company Northwind
        Logistics"); the latest such one."""
        if token.pos_ != "NOUN" or _definite(token) is None:
            return None
        if self._describing is None:
            self._describing = _describing_nouns(token.doc)
        found = None
        for i, head in self._describing.get(token.lemma_, ()):
            if i >= token.i:
                break
            for start, end, entity in self.mentions:
                if start <= head < end and entity.type in ("PERSON", "ORG"):
                    found = entity
        return found

    def referred(self, token: Token) -> Entity | None:
        """The entity a definite description that is a quote's source means, by the coreference
        model as for a description that speaks (:func:`coref.refer`), where the entity stage left it
        unlinked: "…, according to the city", "the union's release said"."""
        det = _definite(token)
        clusters = self.doc._.newsgraph_entities if self.doc is not None else None
        if token.pos_ != "NOUN" or token.tag_ == "NNS" or det is None or not clusters:
            return None  # (a group, "the longtime tenants", is no one entity, as for coref's descriptions)
        if self._references is None:
            from .entities import reference_pool

            pool, genders = reference_pool(clusters)
            self._references = coref.context(self.doc, doc_text(self.doc)), pool, genders
        ctx, pool, genders = self._references
        anaphor = coref.Anaphor(det.idx, token.idx + len(token.text), token.i, "d", token.lemma_.lower())
        chosen = coref.refer(ctx, pool, genders, anaphor)
        if chosen is None:
            return None
        n = next(n for n, c in enumerate(clusters, start=1) if c is chosen.entity)
        return self.entities.get(f"e{n}")


#: clauses inside a noun phrase: what they name is not the phrase's own ("the resident, who sold copies of his
#: comic Grunt: The Undead Soldier, …": not the comic's title)
_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"})


def _phrase_words(token: Token) -> list[Token]:
    """The words of ``token``'s phrase, without the clauses inside it (:data:`_CLAUSES`)."""
    words, stack = [], [token]
    while stack:
        t = stack.pop()
        words.append(t)
        stack.extend(c for c in t.children if c.dep_ not in _CLAUSES)
    return words


def _after_clause(appos: Token) -> bool:
    """Whether a clause of its head stands between ``appos`` and the head: the parse's apposition after
    a relative clause ("the resident, who sold copies of his comic Grunt: The Undead Soldier") is the
    clause's own noun's, not the head's."""
    head = appos.head
    return any(head.i < c.i < appos.i and c.dep_ in _CLAUSES for c in head.children)


def _describing_nouns(doc: Doc) -> dict[str, list[tuple[int, int]]]:
    """The nouns of ``doc`` in apposition or compounded with a word ("Maya Chen, the team captain",
    "shipping company Northwind"), by lemma: (token index, character offset of its head), in text
    order. Found once per document with numpy (:meth:`_Speakers.described` asks for each definite
    description, and had walked every token before it each time)."""
    strings = doc.vocab.strings
    arr = doc.to_array([POS, DEP])  # uint64: DEP is a hash
    keep = (arr[:, 0] == NOUN) & np.isin(arr[:, 1], np.array([strings.add("appos"), strings.add("compound")], dtype=np.uint64))
    out: dict[str, list[tuple[int, int]]] = {}
    for i in np.flatnonzero(keep).tolist():
        t = doc[i]
        out.setdefault(t.lemma_, []).append((i, t.head.idx))
    return out


def _words_of(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower().replace("’", "'")))


def _repeated(quotes: list[tuple[Quote, _Attribution | None]], text: str) -> None:
    """A quote no one is found to have said whose words another quote has, said by someone, is theirs:
    a headline or a caption quoting the story ("‘The river just kept coming’: Flooded ranchers …" | "“The
    river just kept coming,” said Wendell Skoropad")."""
    said = [(_words_of(text[q.start : q.end]), q.speaker) for q, _ in quotes if q.speaker is not None and q.speaker.entity is not None]
    for quote, _ in quotes:
        if quote.speaker is None and quote.kind == "direct":
            words = _words_of(text[quote.start : quote.end])
            if len(words.split()) >= 3:
                quote.speaker = next((replace(sp) for other, sp in said if words in other), None)


#: verbs of replying: their pronoun subject right after someone else's question is the other one
_REPLIES = frozenset("answer reply respond retort counter".split())


def _answers(doc: Doc, attribution: _Attribution) -> bool:
    """Whether an attribution is a pronoun replying ("…,” he answered)."""
    cue = doc.char_span(*attribution.cue, alignment_mode="expand")
    return (
        cue is not None and cue.root.lemma_.lower() in _REPLIES and attribution.speaker is not None
        and attribution.speaker.lower_ in ("he", "she")
    )


def _definite(token: Token) -> Token | None:
    """The determiner ("the", "this", "that") that makes ``token`` a definite description, if any."""
    return next((c for c in token.children if c.dep_ == "det" and c.lower_ in ("the", "this", "that")), None)


def _with_attachments(span: Span, head: Token, most: int = 12) -> Span:
    """``span`` (a description up to its ``head``) with what the head's right side attaches to it:
    a prepositional phrase or a participle ("a spokesperson for the hospital", "some residents of
    the street", "sources familiar with the talks"), on one line and up to a comma, at most ``most`` words."""
    end = span.end
    for child in head.rights:
        if child.dep_ not in ("prep", "acl", "amod") or child.i != end:
            break
        right = child.right_edge.i + 1
        stop = next((t.i for t in span.doc[child.i : right] if t.text in ",;:—–()\"“”" or "\n" in t.text_with_ws), right)
        if stop < right:  # "Neighbours of the plant, who met on Monday,": up to the comma
            right = stop if stop > child.i + 1 else child.i
        if right <= child.i or right - span.start > most:
            break
        end = right
        if right < child.right_edge.i + 1:
            break
    return span.doc[span.start : end]


def _unnamed_before(speakers: _Speakers, before: Speaker, speaker: Speaker | None) -> bool:
    """Whether ``speaker`` is "he" or "she" linked to a person not named since ``before``, an unnamed
    person described as the speaker just before in the same paragraph ("One of the alleged victims,
    an 82-year-old widow, said …")."""
    if speaker is None or speaker.entity is None or before.entity is not None or _why_unnamed(before.name) != "description":
        return False
    words = before.name.lower().split()
    if speakers.text[speaker.start : speaker.end].lower() not in ("he", "she") or (words[-1].endswith("s") and words[0] != "one"):
        return False  # (after "Residents said", "she" is someone else)
    noun = words[-1] if words[-1] in coref.nouns() else words[-1][:-1]  # "victims" by "victim"
    if not coref.names_a_person(noun):
        return False  # a person described: "widow", "victims"; not "her office"
    entity = speakers.entities.get(speaker.entity)
    return entity is not None and not any(before.start <= m.start < speaker.start and m.label != "PRON" for m in entity.mentions)


def _subject_before(doc: Doc, text: str, start: int, quoted: list[tuple[int, int]]) -> Token | None:
    """Who the sentence right before a quote that has no cue is about: its subject when that is a
    name or a pronoun, the name in apposition to a subject noun ("…,” said her son, Gérard Beaumont.
    “…”"), or the owner of a subject noun ("Her answer was short: “…”"); nothing when
    the quote opens inside its sentence, or that sentence is quoted words itself or lies more than
    one paragraph back."""
    at = doc.char_span(start, start + 1, alignment_mode="expand")
    if at is None:
        return None
    i = at.start
    while i > 0 and (doc[i - 1].is_punct or doc[i - 1].is_space):  # past the opening mark
        i -= 1
    if i == 0 or doc[i - 1].sent.start == doc[at.start].sent.start:
        return None
    sent = doc[i - 1].sent
    if text.count("\n\n", sent.end_char, start) > 1 or _within(sent.root.idx, quoted):
        return None
    subject = next((c for c in sent.root.children if c.dep_ in _SPEAKER_DEPS), None)
    if subject is None or _within(subject.idx, quoted):
        return None
    if subject.pos_ == "NOUN":  # the name in apposition ("said her son, Gérard Beaumont"), else the owner
        return next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None) or next(
            (c for c in subject.children if c.dep_ == "poss" and c.pos_ in ("PRON", "PROPN")), None
        )
    return subject if subject.pos_ in ("PROPN", "PRON") else None


#: singular nouns for a group of people that news goes on to call "they"
_COLLECTIVE = frozenset("family couple team crew group pair duo trio band staff".split())


def _plural_subject_before(token: Token) -> Token | None:
    """The nearest plural noun that is a subject in this sentence before ``token`` or in the two
    sentences before it."""
    doc = token.doc
    first = token.sent.start
    for _ in range(2):
        if first > 0:
            first = doc[first - 1].sent.start
    for i in range(token.i - 1, first - 1, -1):
        t = doc[i]
        if (t.tag_ in ("NNS", "NNPS") or t.tag_ == "NN" and t.lower_ in _COLLECTIVE) and t.dep_ in _SPEAKER_DEPS:
            return t  # (or a noun for a group of people that speaks of itself as "they": "The Hadley family")
    return None


# ---------------------------------------------------------------------------------------------
# the extract stage


@dataclass(slots=True)
class _Found:
    """What the rules find in an article: quotes with their attributions, the quoted stretches, the
    transcript labels."""

    quotes: list[tuple[Quote, _Attribution | None]]
    quoted: list[tuple[int, int]]  # the quoted stretches that read as speech, and the fragments
    captions: list[tuple[int, int]]
    transcript: list[tuple[int, int, tuple[int, int], int]]
    text: str  # the doc's text
    marks: list[tuple[int, int]]  # every stretch between quotation marks (:func:`quoted_spans`)


def rule_quotes(record: Record, doc: Doc) -> _Found:
    """The quotes the rules find (quotation marks, the parse, speech verbs), speakers not yet resolved."""
    text = doc_text(doc)
    nicknames = [(doc[o].idx, doc[c].idx) for _, o, c, _ in quoted_nicknames(doc)]
    marks = [(a, b) for a, b in quoted_spans(text) if not any(o < a and b <= c for o, c in nicknames)]  # (Rosalind “Roz” Penhallow: no quote)
    captions = [(c.start, c.end) for c in record.captions]
    quotes: list[tuple[Quote, _Attribution | None]] = []

    people = {e.name.split()[-1].lower() for e in record.entities if e.type == "PERSON"}
    transcript = [t for t in _transcript_lines(text, people) + _headline_labels(record, text) if not _within(t[0], captions)]
    direct, fragments = _direct_quotes(doc, text, captions, marks)
    quoted = direct + fragments
    direct = [(a, b) for a, b in direct if not any(a < e and s < b for s, e, _, _ in transcript)]
    for start, end, label, colon in transcript:
        quotes.append((Quote(start, end, "direct", cue=RecordSpan(label[0], colon)), None))
    reported = _indirect_quotes(doc, direct, fragments, captions)
    inside = {(a, b) for a, b in direct if any(q.start <= a and b <= q.end for q, _ in reported)}
    for start, end in direct:
        if (start, end) not in inside:  # a quote within reported speech makes it mixed (below)
            quotes.append((Quote(start, end, "direct"), _direct_attribution(doc, text, start, end, quoted)))
    for quote, attribution in reported:
        if any(a < quote.end and quote.start < b for a, b in [*fragments, *inside]):
            quote.kind = "mixed"  # reported speech with quoted words
        quotes.append((quote, attribution))
    return _Found(quotes, quoted, captions, transcript, text, marks)


def rule_features(doc: Doc, found: _Found) -> np.ndarray:
    """What the rules found, per token of ``doc``, for the attribution tagger: inside a direct quote,
    inside a reported one, a cue word, the speaker's word, inside the speaker's phrase (0/1 each)."""
    out = np.zeros((len(doc), RULE_FEATURES), dtype="float32")
    for quote, att in found.quotes:
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is not None:
            out[span.start : span.end, 0 if quote.kind == "direct" else 1] = 1.0
        if att is not None:
            cue = doc.char_span(*att.cue, alignment_mode="expand")
            if cue is not None:
                out[cue.start : cue.end, 2] = 1.0
            if att.speaker is not None:
                out[att.speaker.i, 3] = 1.0
                a, b = _phrase(att.speaker)
                phrase = doc.char_span(a, b, alignment_mode="expand")
                if phrase is not None:
                    out[phrase.start : phrase.end, 4] = 1.0
    return out


def extract_quotes(record: Record, doc: Doc) -> Record:
    """Fill ``record.quotes`` (in text order) from the quotation marks, the parse of ``doc`` and the
    attribution tagger."""
    extract_all_quotes([(record, doc)])
    return record


def extract_all_quotes(pairs: list[tuple[Record, Doc]]) -> None:
    """:func:`extract_quotes` for a batch of (record, doc) pairs: the attribution tagger reads them
    all in one pass (its network runs far faster over many documents than over one)."""
    found = [rule_quotes(record, doc) for record, doc in pairs]
    tagged = tagger().tag_all([doc for _, doc in pairs], [rule_features(doc, f) for (_, doc), f in zip(pairs, found)], [f.marks for f in found])
    for (record, doc), f, t in zip(pairs, found, tagged):
        _quotes(record, doc, f, t)


#: a dateline that opens a paragraph: a place in capitals (its province or state after a comma), perhaps
#: an agency in parentheses, and a dash ("OTTAWA —", "HALIFAX, N.S. (CP) -")
_DATELINE_LEAD = re.compile(r"[A-Z]{2}[A-Z.'’ -]{0,40}(?:,\s*[A-Z][\w.]*\.?(?: [A-Z][\w.]*)?)?\s*(?:\([^()\n]{1,30}\)\s*)?[—–-]+\s+")


def _quotes(record: Record, doc: Doc, found: _Found, tagged: tuple[list[Tagged], np.ndarray]) -> None:
    """:func:`extract_quotes` once the rules and the tagger have read ``doc``."""
    speakers = _Speakers(record, doc)
    text = found.text
    quotes = _with_tagger(doc, found, tagged)
    transcript, quoted, marks = found.transcript, found.quoted, found.marks

    quotes.sort(key=lambda qa: qa[0].start)
    breaks = [m.start() for m in re.finditer(r"\n\s*\n", text)]
    previous: tuple[Speaker, int] | None = None  # the last speaker, and its paragraph
    labels = {start: text[label[0] : label[1]] for start, _, label, _ in transcript}
    for quote, attribution in quotes:
        paragraph = bisect_right(breaks, quote.start)
        recent = previous is not None and paragraph - previous[1] <= FLOATING_PARAGRAPHS
        if quote.start in labels and quote.cue is not None:
            quote.speaker = speakers.named(labels[quote.start], quote.cue.start)
        elif attribution is not None:
            quote.cue = RecordSpan(*attribution.cue)
            quote.speaker = speakers.speaker(attribution.speaker) if attribution.speaker is not None else None
            if quote.speaker is not None and speakers.named_in_own_words(quote.speaker, quote.start, quote.end):
                # "the judge said he saw no prospect of managing the risk of Darrowby": whom the words name is not who
                # says them; the description stays the article's own words for an unnamed speaker
                quote.speaker = Speaker(None, text[quote.speaker.start : quote.speaker.end], quote.speaker.start, quote.speaker.end)
            if recent and quote.speaker is not None and quote.speaker.entity is None and speakers.fits(previous[0], quote.speaker.name):
                # “…,” she said — a pronoun the entity stage left open: the speaker just quoted
                quote.speaker = Speaker(previous[0].entity, previous[0].name, quote.speaker.start, quote.speaker.end)
            elif recent and quote.speaker is not None and _answers(doc, attribution) and quote.speaker.entity is not None and quote.speaker.entity == previous[0].entity:
                # "“Two days,” Halvorsen said. “That's all?” | “That and what I learned on the street,” he answered": a reply
                # is the other one's
                other = speakers.other_person(previous[0].entity, quote.speaker, attribution.speaker.text)
                if other is not None:
                    quote.speaker = other
            elif previous is not None and paragraph == previous[1] and _unnamed_before(speakers, previous[0], quote.speaker):
                # "One of the victims, a widow, said she lost her savings. “…,” she said": the one just
                # described, whom the article does not name, not a woman named paragraphs before
                quote.speaker = Speaker(None, previous[0].name, quote.speaker.start, quote.speaker.end, "description")
        elif quote.kind == "direct" and (subject := _subject_before(doc, text, quote.start, quoted)) is not None and (
            (found := speakers.speaker(subject)).entity is not None and speakers.entities[found.entity].type == "PERSON"
        ):
            quote.speaker = found  # "Ana Ruiz did not hesitate. “…”": the person the sentence before is about
        elif quote.kind == "direct" and recent:
            quote.speaker = previous[0]  # a quote that carries on the one before
        if quote.speaker is not None:  # a named speaker, a phrase ("the moderator"), a "he" left open, and
            previous = (quote.speaker, bisect_right(breaks, quote.end))  # where the quote ends (it may run over paragraphs)
    _repeated(quotes, text)
    for quote, _ in quotes:
        if quote.speaker is not None and quote.speaker.entity is None:
            named = _named_next(record, quote.speaker)
            if named is not None:  # "A retired pharmacist told the court …" | "Anjali Mehta, 68, is the first witness"
                quote.speaker = Speaker(named.id, named.name, quote.speaker.start, quote.speaker.end)
    quotes = [(q, a) for q, a in quotes if not _asked(q, text, doc)]
    record.quotes = [part for q, _ in quotes for part in _by_paragraph(q, text)]
    for quote in record.quotes:
        if quote.kind != "direct":
            _without_edge_conjunctions(doc, quote)
        _whole_words(text, quote)
    _named_sources(record.quotes)
    for quote in record.quotes:
        if quote.kind != "direct" and (dateline := _DATELINE_LEAD.match(text, quote.start)) and (
            quote.start == 0 or text[quote.start - 1] == "\n") and dateline.end() < quote.end:
            quote.start = dateline.end()  # "OTTAWA — Talks … broke off, officials said": the dateline is nobody's words
    for quote in record.quotes:
        if quote.speaker is not None and quote.speaker.entity is None:
            quote.speaker.reason = _why_unnamed(quote.speaker.name)
    _first_person(record, doc, marks)


# ---------------------------------------------------------------------------------------------
# the attribution tagger (newsgraph.attribution): spans as annotators draw them, and what the rules miss

TAGGER_MIN = 0.5  # an attribution the rules did not find is taken when the tagger is at least this sure of its cue and content
SPEECH_MIN = 0.9  # ... and this sure when it is speech or writing without a sound source (:func:`_speech_min`)
COVERS = 0.3  # a tagged content and a rule quote are one attribution when either covers this share of the other
_EDGE = frozenset("\"“”‘’'«»‹›,;:—–- \n\t")
_WRITING = frozenset("write tweet post publish email blog print headline caption text".split())
# verbs of thought, feeling, wanting and perceiving (VerbNet's conjecture, consider, admire, marvel, want,
# long, see and sight classes, with their news regulars): what they attribute is a belief, not speech
_BELIEF = frozenset(
    "think believe know feel hope want wish fear worry expect assume suspect doubt suppose guess figure reckon "
    "imagine consider regard view see seem appear look sound hear notice watch realize realise recognize recognise "
    "understand learn remember recall forget find discover conclude decide plan intend aim seek need prefer like love "
    "hate enjoy admire dislike trust care dread regret wonder dream envision anticipate favor favour oppose support "
    "accept mean sense perceive".split()
)
# documents that speak for no one: what they attribute is their findings or provisions ("the study found",
# "a poll shows", "according to court filings"), not words their author said or wrote (:data:`_DOCUMENTS`)
_FINDINGS = frozenset(
    "document documents study poll survey data record records filing lawsuit complaint ruling article website analysis "
    "estimate estimates figures order bill law policy plan proposal transcript page video ad audit review inquiry "
    "investigation assessment forecast census indictment minutes guidance index chart".split()
)


_ASKING = re.compile(r"(?i)(ask|question|wonder|inquir|enquir|quer)")
_INTERROGATIVE = re.compile(r"(?i)(whether|if|how|what|who|whom|which|when|why|where)\b")


def _asked(quote: Quote, text: str, doc: Doc) -> bool:
    """Whether ``quote`` is a question put to someone ("Asked whether the plan would pass, …", "she
    was asked how long it would take"): what the reporter wanted to know, said by nobody quoted (a
    question someone asks, "Smith asked whether …", stays Smith's)."""
    if quote.kind != "indirect" or quote.cue is None or _ASKING.match(text, quote.cue.start) is None:
        return False
    if _INTERROGATIVE.match(text, quote.start) is None:
        return False
    cue = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    verb = cue.root if cue is not None and len(cue) else None
    return verb is not None and not any(c.dep_ == "nsubj" for c in verb.children)


def _char_span(doc: Doc, text: str, start: int, end: int) -> tuple[int, int] | None:
    """Token span [start, end) → character span without quotation marks, commas or spaces at its edges."""
    a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    while a < b and text[a] in _EDGE:
        a += 1
    while b > a and text[b - 1] in _EDGE:
        b -= 1
    return (a, b) if a < b else None


def attribution_type(doc: Doc, cue: tuple[int, int] | None, source: Token | None, direct: bool, clause: bool = True) -> str:
    """What an attribution is (:data:`newsgraph.record.QuoteType`): ``document`` when its source is a
    document that speaks for no one (:data:`_FINDINGS`: "the study found", "according to the
    records"); ``writing`` when its cue is a verb of writing or its source a text its author speaks
    through (:data:`_DOCUMENTS`: "her statement said", "the memo says"); ``belief`` (a thought, a wish,
    a stance) when its content is not quoted and either its cue is a verb of thought, feeling, wanting
    or perceiving (:data:`_BELIEF`) and no verb of speech, or its content is no clause but a thing
    ("denied the allegation", "welcomed the decision": ``clause`` False); else ``speech``."""
    span = doc.char_span(*cue, alignment_mode="expand") if cue else None
    lemmas = {t.lemma_.lower() for t in span or ()}
    document = source.lemma_.lower() if source is not None and source.pos_ == "NOUN" else None
    if document in _FINDINGS:
        return "document"
    if lemmas & _WRITING or document in _DOCUMENTS:
        return "writing"
    if not direct and (not clause or lemmas & _BELIEF and not lemmas & cues()):
        return "belief"
    return "speech"


_CLAUSE_OPENERS = frozenset("that whether if how why what when where who which to".split())


def _is_clause(span: Span) -> bool:
    """Whether a content span says something (a clause with its subject, a "that"/"whether"/wh- or
    "to" clause) rather than names a thing ("the allegation", "him of parsing words", "that plan",
    "the letter that her brother sent": the subject of a relative or adverbial clause in a noun
    phrase makes no clause of it); a "to" clause of a verb that is no speech verb of :func:`cues`
    is an act or a stance ("refused to resign")."""
    if not len(span):
        return False
    first = next((t for t in span if not t.is_punct), span[0])
    if first.lower_ in ("to", "not") and first.pos_ == "PART" and span.root.dep_ == "xcomp":
        # "refused to resign", "agreed not to appeal": an act or a stance; "promised to resign": said
        return span.root.head.lemma_.lower() in cues()
    if first.lower_ in _CLAUSE_OPENERS and first.pos_ in ("SCONJ", "PRON", "ADV", "PART", "DET") and not (first.lower_ == "that" and first.dep_ == "det"):
        return True  # not "that" before a noun ("questioned that logic")
    return any(  # a subject in the span of a verb in it, not of a relative clause ("the letter that she sent")
        t.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") and span.start <= t.head.i < span.end and t.head.dep_ not in ("relcl", "acl", "advcl") for t in span
    )


def _with_tagger(doc: Doc, found: _Found, tagged: tuple[list[Tagged], np.ndarray]) -> list[tuple[Quote, _Attribution | None]]:
    """The rule quotes with what the attribution tagger adds: each keeps its speaker and its words,
    widened by the words the tagger attributes just before them (:func:`_widened`) and, but for a
    direct quote, after them to the tagger's end within the sentence where that adds quoted words, the
    closing stop or words of its own clause, and gains the whole phrase of its source and the cue as
    the tagger draws them (where the tagger found the same attribution, the tagged content whose cue is
    its cue: "said in a statement", "points out"), a confidence and a type. An attribution only
    the tagger finds is added, with the speaker its source names, where the tagger is sure of its cue
    and content: :data:`TAGGER_MIN` for a belief or stance (a cue that says nothing, :func:`_says`, is
    one, and so is a content that names a thing, :func:`_is_clause`) and for a document's findings
    ("a new survey shows …", which no speech evaluation counts), :func:`_speech_min` for speech
    or writing (the rules find those; the tagger adds what their patterns miss)."""
    quotes, quoted, captions, text = found.quotes, found.quoted, found.captions, found.text
    tagged, probs = tagged  # the tagger's spans and per-token probabilities (Tagger.tag_all)
    groups = attributions(doc, tagged)
    fragments = []  # (char span, group, fragment)
    for group in groups:
        for f in group.content:
            span = _char_span(doc, text, f.start, f.end)
            if span is not None and not _within(span[0], captions):
                fragments.append((span, group, f))
    taken: set[int] = set()
    out = []
    cues_of_rules = {id(q): a.cue for q, a in quotes if a is not None}  # before the tagger's replace them
    bounds = np.array([span for span, _, _ in fragments], dtype=np.int64).reshape(-1, 2)
    cues = np.array([_token_chars(doc, g.cue) if g.cue is not None else (-1, -1) for _, g, _ in fragments], dtype=np.int64).reshape(-1, 2)
    for quote, att in quotes:
        best = _matching_fragment(bounds, quote.start, quote.end, cues, att.cue if att is not None else None)
        source_token = att.speaker if att is not None else None
        if best is not None:
            taken.add(best)
            group = fragments[best][1]
            spans = [s for s, g, _ in fragments if g is group and min(s[1], quote.end) > max(s[0], quote.start)]
            _widened(doc, text, quote, att, spans, [(q.start, q.end) for q, _ in quotes if q is not quote])
            if quote.kind != "direct":
                _cut_before_next_act(doc, quote, group, spans, fragments, cues)
                # a reported or mixed quote runs on to where the tagger ends it within its sentence,
                # where that adds the quoted words the rules left out or the closing stop ("said the
                # plan was “a careful plan” but “nobody has read it.”") or words of its own clause
                # (:func:`_below`), not the speaker's next act ("said the smoke would linger and issued a warning")
                words = doc.char_span(quote.start, quote.end, alignment_mode="expand")
                end = max(b for _, b in spans)
                added = text[quote.end : end]
                if (words is not None and len(words) and quote.end < end <= words[-1].sent.end_char
                        and (not any(c.isalnum() for c in added) or any(c in OPENING for c in added) or _below(doc, words, quote.end, end))):
                    quote.end = end
            if any(q is not quote and (q.start, q.end) == (quote.start, quote.end) for q, _ in quotes):
                continue  # widened onto the words of a quote around it ("asked whether Hollis had ever said he was frightened"): one quote
            if att is not None and group.cue is not None and not _overlap(_token_chars(doc, group.cue), att.cue) and (
                    alone := _cue_without_content(doc, tagged, groups, att.cue)) is not None:
                # the tagger gave the words to another cue (one inside them or before them: "Ames had told the
                # board that …, but the council refused, an aide added"), while it drew the rules' cue as a cue
                # that introduces nothing: that cue and its source make the attribution
                group = alone
            # the group's source and cue where its source stands in the sentence of the rules' speaker (or
            # either is missing): not another sentence's attribution ("Nine nurses share what ..." as a
            # headline over a list of quotes, each with its own name)
            if source_token is None or group.source is None or doc[group.source.start].sent.start == source_token.sent.start:
                if group.source is not None:
                    quote.source = RecordSpan(*_token_chars(doc, group.source))
                    if att is not None and source_token is None and _in_cue_sentence(doc, group.source, att.cue):
                        # the rules found the cue but not its subject (a parse that lost it: "Jeffrey Salkin, a
                        # Hollywood, Fla., rabbi helping …, said" with "rabbi" read as a verb): the tagger's source
                        att.speaker = _source_head(doc[group.source.start : group.source.end])
                if group.cue is not None and att is not None:
                    att.cue = _token_chars(doc, group.cue)
                elif group.cue is not None and group.source is not None and quote.kind == "direct" and _beside(doc, text, group, quote):
                    # “…,” agrees Tomas Keller: a verb the rules read as no cue, whose attribution the tagger
                    # found in the quote's own sentence (not the speaker of the quote before, carried on)
                    att = _Attribution(_token_chars(doc, group.cue), _source_head(doc[group.source.start : group.source.end]))
        token_span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        quote.confidence = round(content_probability(probs, token_span.start, token_span.end), 3) if token_span is not None else None
        if quote.source is None and source_token is not None:
            quote.source = RecordSpan(*_phrase(source_token))
        quote.type = attribution_type(doc, att.cue if att else None, att.speaker if att else None, quote.kind == "direct")
        out.append((quote, att))
    out = _without_nested(out, text, cues_of_rules)
    for n, ((a, b), group, f) in enumerate(fragments):
        sure = min(f.confidence, group.cue.confidence) if group.cue is not None else 0.0
        if n in taken or sure < TAGGER_MIN or any(q.start < b and a < q.end for q, _ in out):
            continue
        inside = any(s <= a and b <= e for s, e in quoted)
        kind = "direct" if inside else "mixed" if any(a < e and s < b for s, e in quoted) else "indirect"
        root = _source_head(doc[group.source.start : group.source.end]) if group.source is not None else None
        att = _Attribution(_token_chars(doc, group.cue), root)
        type_ = attribution_type(doc, att.cue, root, kind == "direct", _is_clause(doc[f.start : f.end]))
        if type_ == "speech" and kind != "direct" and not _says(doc[group.cue.start : group.cue.end]):
            type_ = "belief"  # "is eager to", "has offered to": a stance or an act, not words said
        if type_ != "belief" and any(_unsaid(t) for t in doc[group.cue.start : group.cue.end]):
            continue  # "will argue that …", "has not said …": no one said it (yet); a stance denied is one ("were not concerned about")
        if type_ in SAID and sure < _speech_min(doc, group, f, type_):
            continue  # speech the rules did not see: only where the tagger is sure (a document's findings, as a belief, at TAGGER_MIN)
        quote = Quote(a, b, kind, confidence=round(f.confidence, 3), type=type_)
        if group.source is not None:
            quote.source = RecordSpan(*_token_chars(doc, group.source))
        out.append((quote, att))
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _cue_without_content(doc: Doc, tagged: list[Tagged], groups: list[Attribution], cue: tuple[int, int]) -> Attribution | None:
    """The tagged cue over the characters ``cue`` where the tagger gave it no content (no group of
    ``groups`` has it), with the nearest tagged source of its sentence, as one attribution without
    content; None where the tagger drew no such cue there."""
    used = {id(g.cue) for g in groups}
    at = next((t for t in tagged if t.role == "CUE" and id(t) not in used and _overlap(_token_chars(doc, t), cue)), None)
    if at is None:
        return None
    sentence = doc[at.start].sent
    return Attribution([], at, nearest_source(at, [t for t in tagged if t.role == "SOURCE" and sentence.start <= t.start < sentence.end]))


def _in_cue_sentence(doc: Doc, source: Tagged, cue: tuple[int, int]) -> bool:
    """Whether the tagged ``source`` stands in the sentence of the rules' ``cue`` (character span)."""
    words = doc.char_span(*cue, alignment_mode="expand")
    return words is not None and len(words) > 0 and doc[source.start].sent.start == words[0].sent.start


_AFTER_QUOTE = re.compile(r"[\s\"“”‘’'«»,?!]*")


def _beside(doc: Doc, text: str, group: Attribution, quote: Quote) -> bool:
    """Whether the tagged cue and source of ``group`` follow the direct ``quote`` right after its closing
    mark and comma ("“…,” agrees Tomas Keller", "“…,” Keller agrees"), in its sentence."""
    first = min(doc[group.cue.start].idx, doc[group.source.start].idx)
    return first >= quote.end and _AFTER_QUOTE.fullmatch(text, quote.end, first) is not None and doc[group.source.start].sent.start_char < quote.end


def _source_head(span: Span) -> Token:
    """The word a tagged source phrase names its speaker by: its root, or where the parse read the
    phrase as a clause (a noun taken for a verb: "Jeffrey Salkin, a … rabbi"), that clause's subject."""
    root = span.root
    if root.pos_ in ("VERB", "AUX"):
        return next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and span.start <= c.i < span.end), root)
    return root


def _speech_min(doc: Doc, group: Attribution, content: Tagged, type_: str) -> float:
    """How sure the tagger must be of speech or writing the rules did not find (they find most of it:
    the tagger adds what their patterns miss): :data:`TAGGER_MIN` where its source is sound and its
    content hangs from its cue: the tagged source is the cue's subject (or the object of its
    preposition, "according to X") and the content's head is the cue or a word of it ("Councillor Ames
    spoke of the flooding that hit the east end"); :data:`SPEECH_MIN` for the rest: no source, a source
    the parse ties to another verb or a content to another word (what the tagger joined across
    clauses), and writing (a verb of writing, a text its author speaks through)."""
    if type_ != "speech" or group.source is None or group.cue is None:
        return SPEECH_MIN
    cue = range(group.cue.start, group.cue.end)
    source = doc[group.source.start : group.source.end].root
    said = doc[content.start : content.end].root
    subject = source.dep_ in ("nsubj", "pobj") and source.head.i in cue
    own_act = said.dep_ == "xcomp"  # "asked not to be named", "promised to resign": the source's own act, words or not
    return TAGGER_MIN if subject and not own_act and (said.i in cue or said.head.i in cue) else SPEECH_MIN


def _without_nested(quotes: list[tuple[Quote, _Attribution | None]], text: str, cues: dict[int, tuple[int, int]]) -> list[tuple[Quote, _Attribution | None]]:
    """``quotes`` but those that lie within a larger one with the same cue (by the rules, ``cues``: by
    the id of each quote): one attribution, which the tagger drew whole over two of the rules' quotes
    ("said the plan was fair, and “…”": the reported quote run on over the direct one); the larger
    becomes mixed where their kinds differ."""
    out = []
    for q, att in quotes:
        cue = cues.get(id(q))
        outer = next(
            (p for p, _ in quotes
             if p is not q and cue is not None and cues.get(id(p)) == cue and p.start <= q.start
             and (q.end <= p.end or not any(c.isalnum() for c in text[p.end : q.end]))
             and (p.end - p.start, -p.start) > (q.end - q.start, -q.start)),
            None,
        )
        if outer is None:
            out.append((q, att))
        elif q.kind != outer.kind:
            outer.kind = "mixed"
    return out


def _matching_fragment(bounds: np.ndarray, start: int, end: int, cues: np.ndarray | None = None, cue: tuple[int, int] | None = None) -> int | None:
    """The tagged content fragment (a row of ``bounds``: its character start and end) that is one
    attribution with the quote at [start, end): of those where either covers :data:`COVERS` of the
    other, the one that overlaps it most (the first of equals), of the fragments whose cue (a row of
    ``cues``) overlaps the quote's ``cue`` where there are such (the same attribution: not the one
    reported inside it, "Flynn said Trump was right when he said …"); None where there is none."""
    overlap = np.minimum(bounds[:, 1], end) - np.maximum(bounds[:, 0], start)
    matches = (overlap > 0) & (overlap > COVERS * np.minimum(bounds[:, 1] - bounds[:, 0], end - start))
    if cues is not None and cue is not None and matches.any():
        same = matches & (cues[:, 0] < cue[1]) & (cue[0] < cues[:, 1])
        if same.any():
            matches = same
    return int(np.argmax(np.where(matches, overlap, 0))) if matches.any() else None


def _cut_before_next_act(doc: Doc, quote: Quote, group: Attribution, spans: list[tuple[int, int]], fragments: list, cues: np.ndarray) -> None:
    """A reported quote ends where its tagged content (``spans``, of ``group``) ends when the tagger
    starts another attribution inside it after that, with a cue that does not hang from the quote's
    words: the speaker's next act ("called the plan “reckless,” citing its cost", "described it as
    “a mess” but stopped short of blaming anyone"), not an attribution reported within the quote
    ("said the mayor was right when she warned that …")."""
    end = max(b for _, b in spans)
    words = doc.char_span(quote.start, end, alignment_mode="expand")
    later = [c for c, (_, g, _) in zip(cues.tolist(), fragments) if g is not group and g.cue is not None and end <= c[0] < quote.end]
    if group.cue is None or not later or words is None or not len(words):
        return
    cue = doc.char_span(*min(later), alignment_mode="expand")
    if cue is not None and len(cue) and not _below(doc, words, cue.root.idx, cue.root.idx + len(cue.root.text)):
        quote.end = end


def _below(doc: Doc, words: Span, start: int, end: int) -> bool:
    """Whether every word of the characters [start, end) just after ``words`` hangs, through words
    between, from one of them: the reported clause goes on ("said he believes X was born there and
    was therefore qualified"), where a word of the cue's own clause, or a verb the parse put in the
    reported clause that by its tense goes with the cue, would be the speaker's next act."""
    added = doc.char_span(start, end, alignment_mode="expand")
    if added is None or not len(added):
        return False
    for t in added:
        up = t
        while not (t.is_punct or t.is_space) and not (words.start <= up.i < words.end):
            if up.head.i == up.i or not (words.start <= up.head.i < added.end) or up.dep_ == "conj" and coordinated_cue(up) is not None:
                return False  # outside, or a verb that by its tense goes with the cue (:func:`_cue_conjunct`)
            up = up.head
    return True


def _widened(doc: Doc, text: str, quote: Quote, att: _Attribution | None, spans: list[tuple[int, int]], others: list[tuple[int, int]]) -> None:
    """A rule quote takes the words the attribution tagger attributes just before it (``spans``: the
    tagged content it matches), within its sentence, after the quotes before it (``others``) and
    from a word (no conjunction): what the parse left out of a reported clause (its "that", its
    subject, a part before its attribution: "The levy, she said, will fall"); a direct quote with an
    attribution gains the unquoted words that lead into it (said that the plan "will fail") and
    becomes mixed. Its end stays where the rules put it (they cut off the speaker's next act: "said
    the smoke would linger and issued a warning"), and so does a start after a cue that is that
    next act ("said that … and urged talks")."""
    words = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if not spans or words is None or not len(words):
        return
    start = max(min(a for a, _ in spans), doc[words[0].sent.start].idx, *(b for a, b in others if b <= quote.start))
    cue = doc.char_span(*att.cue, alignment_mode="expand") if att is not None else None
    if cue is not None and len(cue) and cue.root.dep_ == "conj" and start < att.cue[1] <= quote.start:
        start = att.cue[1]  # "said that … and urged talks": the speaker's next act is not what was said
    lead = [t for t in doc[words[0].sent.start : words[0].i] if t.idx >= start]
    while lead and (lead[0].is_punct or lead[0].is_space or lead[0].dep_ == "cc" or lead[0].is_quote):
        lead.pop(0)  # ", and they wanted more rest": from the first word, no conjunction
    if not lead:
        return
    if quote.kind != "direct":
        quote.start = lead[0].idx
    elif att is not None:
        quote.start, quote.kind = lead[0].idx, "mixed"


def _named_sources(quotes: list[Quote]) -> None:
    """A quote with a speaker but no source phrase of its own (a quote that carries on the one before,
    one after "Ana Ruiz did not hesitate.") takes the source phrase of another quote that its speaker's
    mention lies in, the shortest ("Mayor Lena Ortiz", not "Lena Ortiz" of it): one phrase names them both."""
    sources = sorted({(q.source.end - q.source.start, q.source.start, q.source.end) for q in quotes if q.source is not None})
    for quote in quotes:
        if quote.source is None and quote.speaker is not None:
            around = next(((a, b) for _, a, b in sources if a <= quote.speaker.start and quote.speaker.end <= b), None)
            if around is not None:
                quote.source = RecordSpan(*around)


_WORD_GOES_ON = re.compile(r"[’']?\w+(?:[’']\w+)*")


def _whole_words(text: str, quote: Quote) -> None:
    """A quote ends at the end of a word, not inside it: "those who do" of "those who don’t", where the
    parse hangs the token "n’t" elsewhere than the words before it."""
    if 0 < quote.end < len(text) and text[quote.end - 1].isalnum() and (rest := _WORD_GOES_ON.match(text, quote.end)):
        quote.end = rest.end()


def _without_edge_conjunctions(doc: Doc, quote: Quote) -> None:
    """A reported quote ends at its last word, not at a conjunction after it with what it joins left
    out ("said the levy would rise — and", "told the crowd to go home and"), and starts after the
    conjunction that opens its sentence, which joins the article's sentences, not the speaker's
    words ("And the levy, she said, will rise")."""
    words = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if words is None or len(words) < 2:
        return
    if words[0].dep_ == "cc" and words[0].i == words[0].sent.start:
        rest = [t for t in words[1:] if not (t.is_punct or t.is_space)]
        if rest:
            quote.start = rest[0].idx
    last = len(words)
    while last > 1 and not words[last - 1].is_quote and (words[last - 1].dep_ == "cc" or words[last - 1].is_punct or words[last - 1].is_space):
        last -= 1
    if any(t.dep_ == "cc" for t in words[last:]):
        quote.end = words[last - 1].idx + len(words[last - 1].text)


def _token_chars(doc: Doc, tagged: Tagged) -> tuple[int, int]:
    """A tagged span's characters, as the tagger drew it."""
    return doc[tagged.start].idx, doc[tagged.end - 1].idx + len(doc[tagged.end - 1].text)


def _phrase(token: Token) -> tuple[int, int]:
    """The phrase a speaker token heads: its subtree, punctuation and line breaks at its end left out."""
    left, right = token.left_edge, token.right_edge
    while right.i > token.i and (right.is_punct or right.is_space):
        right = right.doc[right.i - 1]
    return left.idx, right.idx + len(right.text)


_PERSONAL = frozenset("i me we us you he him she her it they them one".split())


_GENDERED = re.compile(r"(?i)\b(?:she|her|he|his|him)\b")
#: how far into the text a story's opening description may stand, and how soon after it the person is named
LEDE_CHARS, NAMED_WITHIN = 600, 400


def _named_next(record: Record, speaker: Speaker) -> Entity | None:
    """The person a story's opening description of one person turns out to be ("A retired pharmacist
    told a Brampton courtroom …" then "Anjali Mehta, 68, is the Crown's first witness"): the first
    person named after it, within :data:`NAMED_WITHIN` characters, when the description opens the
    story (its first :data:`LEDE_CHARS` characters), its sentence goes on with "she" or "he" (whose
    gender the person's given name does not contradict), and no person is named before it."""
    words = speaker.name.lower().split()
    if words in (["he"], ["she"]):
        return _named_after_pronoun(record, speaker, words[0])
    if len(words) < 2 or words[0] not in ("a", "an") or speaker.start > LEDE_CHARS or words[-1].endswith("s"):
        return None
    sentence = re.split(r"(?<=[.!?])\s", record.text[speaker.end : speaker.end + 300], maxsplit=1)[0]
    pronoun = _GENDERED.search(sentence)
    if pronoun is None:  # "A retired pharmacist told the court that she …": one person, spoken of as such
        return None
    people = [(min(m.start for m in e.mentions), e) for e in record.entities if e.type == "PERSON" and e.mentions]
    if any(first < speaker.start for first, _ in people):
        return None
    after = sorted((first, e) for first, e in people if speaker.end <= first <= speaker.end + NAMED_WITHIN)
    if not after:
        return None
    named = after[0][1]
    said = gender(pronoun.group().lower())
    known = given_gender(named.name.split()[0])
    return named if known in (None, said) else None


def _known_genders(entity: Entity, text: str) -> set[str]:
    """The genders ("m", "f") a person is known by: the given name of a name in two words or more, and
    the he/she pronouns already resolved to them."""
    words = entity.name.split()
    known = {given_gender(words[0].lower())} if len(words) > 1 else set()
    known |= {gender(text[m.start : m.end]) for m in entity.mentions if m.label == "PRON"}
    return known - {None}


def _may_be(entity: Entity, text: str, wanted: str | None) -> bool:
    """Whether the person ``entity`` may be called by a pronoun of gender ``wanted`` ("m", "f"):
    nothing they are known by says the other gender ("Hillary Clinton" is not "he")."""
    return entity.type == "PERSON" and _known_genders(entity, text) <= {wanted}


def _named_after_pronoun(record: Record, speaker: Speaker, pronoun: str) -> Entity | None:
    """The person a "he said" or "she said" before anyone it can mean is named turns out to be (“It was the
    hardest race of my life,” she said. Maren Kolby, 29, won …): the first person named after it, within
    :data:`NAMED_WITHIN` characters and in its paragraph, whose gender (given name, pronouns linked to them)
    fits, when no person of that gender is named before it."""
    said = gender(pronoun)
    people = [(min(m.start for m in e.mentions), e) for e in record.entities if e.mentions and _may_be(e, record.text, said)]
    if any(first < speaker.start for first, _ in people):
        return None
    paragraph = record.text.find("\n\n", speaker.end)  # in its own paragraph ("…,” he said.\n\nMayor Tom Ruiz disagreed": not Ruiz)
    until = min(speaker.end + NAMED_WITHIN, paragraph if paragraph >= 0 else len(record.text))
    after = sorted((first, e) for first, e in people if speaker.end <= first <= until)
    return after[0][1] if after else None


def _why_unnamed(name: str) -> str:
    """Why a speaker has no entity (:attr:`Speaker.reason`): a pronoun nothing named before it
    can be meant by, a description of someone the article does not name, or a name without one."""
    words = name.split()
    if len(words) == 1 and words[0].lower() in _PERSONAL:
        return "pronoun"
    if not words or not words[-1][:1].isupper() or words[0].lower() in ("a", "an", "the", "some", "two", "three", "several", "many"):
        return "description"
    return "name"


_FIRST_PERSON = frozenset("i me my mine myself".split())
_INDEFINITE = frozenset(("a", "an", "one", "another"))
_VERB_POS = np.array([VERB, AUX], dtype=np.int64)


def _first_person(record: Record, doc: Doc, marks: list[tuple[int, int]]) -> None:
    """"I", "me", "my" inside a direct quote, or inside the marks of a mixed one (``marks``: the
    stretches between quotation marks), are its speaker: added to the speaker's mentions (label
    PRON), as the entity stage adds the pronouns it resolves."""
    entities = {e.id: e for e in record.entities}
    for quote in record.quotes:
        if quote.kind not in ("direct", "mixed") or quote.speaker is None or quote.speaker.entity not in entities:
            continue
        entity = entities[quote.speaker.entity]
        if entity.type != "PERSON":
            continue
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        known = {m.start for m in entity.mentions}
        inside = [(a, b) for a, b in marks if quote.start <= b and a <= quote.end] if quote.kind == "mixed" else [(quote.start, quote.end)]
        added = [
            Mention(t.idx, t.idx + len(t.text), "PRON")
            for t in span or ()
            if t.lower_ in _FIRST_PERSON and t.pos_ == "PRON" and t.idx not in known and any(a <= t.idx < b for a, b in inside)
        ]
        if added:
            entity.mentions = sorted(entity.mentions + added, key=lambda m: m.start)


_TRANSCRIPT = re.compile(r"^[\"“]?([A-Z][A-Z.'’ -]{1,30}[A-Z])\s*(:)\s+(\S[^\n]*?)[\"”]?\s*$", re.MULTILINE)


def _transcript_lines(text: str, people: set[str]) -> list[tuple[int, int, tuple[int, int], int]]:
    """Transcript paragraphs, "OKAFOR: The budget will not pass …": (start, end) of
    the words, (start, end) of the speaker label, end of its colon. Only where two such paragraphs or
    more make a transcript: a label comes back, or every label names a person of the article
    (``people``: their surnames); "WASHINGTON: …" and "AFP: …" are datelines."""
    found = list(_TRANSCRIPT.finditer(text))
    labels = Counter(m.group(1) for m in found)
    if len(found) < 2 or (labels.most_common(1)[0][1] < 2 and not all(label.split()[-1].lower() in people for label in labels)):
        return []
    return [(m.start(3), m.end(3), (m.start(1), m.end(1)), m.end(2)) for m in found]


_HEADLINE_LABEL = re.compile(r"^([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):[ \t]+(\S(?:[^\n]*\S)?)[ \t]*$", re.MULTILINE)


def _headline_labels(record: Record, text: str) -> list[tuple[int, int, tuple[int, int], int]]:
    """One-line paragraphs in the headline style "Sanders: Clinton needs to get away from …": the
    words of the person or organisation the label names (an entity of the article, not a place or
    a label in capitals: "WASHINGTON:", "DPA:" are datelines), as :func:`_transcript_lines` gives them."""
    starts = {m.start: m.end for e in record.entities if e.type in ("PERSON", "ORG") for m in e.mentions}
    out = []
    for m in _HEADLINE_LABEL.finditer(text):
        words = len(m.group(2).split())
        if starts.get(m.start(1)) == m.end(1) and MIN_DIRECT_WORDS <= words <= HEADLINE_WORDS and not m.group(1).isupper():
            out.append((m.start(2), m.end(2), (m.start(1), m.end(1)), m.end(1) + 1))
    return out


def _by_paragraph(quote: Quote, text: str) -> list[Quote]:
    """A direct quote that runs over paragraphs (each reopened with a mark, only the last closed) as
    one quote per paragraph, each with the cue, the speaker, the source phrase, the type and the
    confidence of the whole, as news readers and annotators count them."""
    if quote.kind != "direct" or "\n\n" not in text[quote.start : quote.end]:
        return [quote]
    parts = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text[quote.start : quote.end]):  # the paragraphs
        a, b = quote.start + m.start(), quote.start + m.end()
        while a < b and (text[a].isspace() or text[a] in _PAIRS):
            a += 1  # the mark that reopens the quote
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            parts.append(replace(quote, start=a, end=b))
    return parts or [quote]


def _within(position: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``position`` lies inside one of ``spans`` (captions, direct quotes)."""
    return any(a <= position < b for a, b in spans)


def _direct_quotes(doc: Doc, text: str, captions, marks: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Quoted spans (of ``marks``) that read as speech, and the shorter fragments."""
    direct, fragments = [], []
    for start, end in marks:
        if _within(start, captions) or not text[start:end].strip():
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        words = [t for t in span if not t.is_punct and not t.is_space]
        clause = any(t.dep_ in _SPEAKER_DEPS or t.dep_ == "expl" for t in span) and any(t.pos_ in ("VERB", "AUX") for t in span)
        opens = _opens_speech(doc, text, start)
        if (len(words) >= MIN_DIRECT_WORDS and (clause or opens)) or (
            words and (opens == "cue" or (opens and _closes_into_cue(doc, text, end)))
        ):
            direct.append((start, end))
        else:
            fragments.append((start, end))
    return direct, fragments


def _opens_speech(doc: Doc, text: str, start: int) -> str | None:
    """"cue" where the quote follows a cue ("He said, “…”"), "start" where it starts a sentence or
    follows a colon, else None."""
    before = text[:start].rstrip(" \"“„«»‹'‘‚「『")
    if not before or before[-1] in ".!?:\n":
        return "start"
    token = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    return "cue" if token is not None and token.root.pos_ == "PUNCT" and _is_cue(token.root.head, quoting=True) else None


_NAME_DASH = re.compile(r"(?<=\w)\s*(?:--|[―—–])\s*[\"“'‘]{1,2}$")  # a name, a dash, the opening mark(s)
_DASH_NAME = re.compile(r"[\"”»“'’]\s*[―—–-]\s*(?=\w)")


def _closes_into_cue(doc: Doc, text: str, end: int) -> bool:
    """Whether a quote ends as speech does before its attribution: “You winning?” she said;
    “I would,” Melanie said."""
    tail = text[end : end + 3]
    if not any(ch in tail for ch in ",?!") and text[end - 1 : end] not in ("?", "!"):
        return False
    after = doc.char_span(end, min(len(text), end + 3), alignment_mode="expand")
    if after is None:
        return False
    return any(_is_cue(t, quoting=True) for t in doc[after.end : min(len(doc), after.end + 4)])


def _direct_attribution(doc: Doc, text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> _Attribution | None:
    """The cue of a direct quote: a dash and a name right after it ("…” ― Karen Bobadilla"); a
    speech verb in its sentences outside the marks, the nearest first; else one in the sentence
    before when that ends with a colon; else the colon itself, for the subject of what it ends
    ("The senator gave this answer: “…”")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    dash = _DASH_NAME.match(text, end)
    if dash is not None:
        name = doc.char_span(dash.end(), dash.end() + 1, alignment_mode="expand")
        if name is not None and name[0].pos_ == "PROPN":
            head = name[0]  # the last word of the name: where its entity mention is
            while head.i + 1 < len(doc) and doc[head.i + 1].pos_ == "PROPN" and "\n" not in head.whitespace_:
                head = doc[head.i + 1]
            at = dash.start() + next(i for i, ch in enumerate(dash.group()) if ch in "―—–-")
            return _Attribution((at, at + 1), head)
    lead = _NAME_DASH.search(text, max(0, start - 8), start)
    if lead is not None:  # "… including the former governor Tom Ridley -- ''A leader who hides …'' --"
        name = doc.char_span(lead.start(), lead.start() + 1, alignment_mode="expand")
        before = doc[name.start - 1] if name is not None and name.start > 0 else None
        if before is not None and before.pos_ == "PROPN":
            dash = lead.group().strip().rstrip("\"“'‘").strip()
            at = lead.start() + lead.group().index(dash)
            return _Attribution((at, at + len(dash)), before)
    first, last = span[0].sent, span[-1].sent
    # a verb of naming whose predicate the quote is ("called the tax credit “exactly the kind of measure …”")
    labels = {u.head.i for u in span if u.dep_ in ("oprd", "xcomp", "attr") and u.head.lemma_.lower() in _LABEL_CUES and not (start <= u.head.idx < end)}
    candidates = [
        t for t in doc[first.start : last.end]
        if not (start <= t.idx < end)
        and (_is_cue(t, quoting=_near_quote(text, start, end, t.idx)) or _according_to(t) or t.i in labels)
        and "\n\n" not in (text[end : t.idx] if t.idx >= end else text[t.idx : start])  # the parse may run a sentence over a paragraph break
    ]
    stop = last.end
    if not candidates and stop < len(doc) and doc[stop].idx - end <= 3 and "\n" not in text[end : doc[stop].idx]:
        # “…?” | he asks. — the parser cut the sentence at the mark: a sentence that only attributes (in the same
        # paragraph: “… what the plan covered?” ¶ Told of Brackley's remarks, she laughed. — a reply, not the quote's cue)
        after = doc[stop].sent
        candidates = [
            t for t in doc[stop : min(after.end, stop + 8)]
            if _is_cue(t, quoting=True) and all(u.is_punct or u.is_space or u.pos_ in ("ADV", "ADP", "NOUN", "PROPN", "NUM") for u in doc[t.i + 1 : after.end])
            and (t.i + 1 == after.end or doc[t.i + 1].text in (",", ".") or t.i + 6 >= after.end)
        ]
        root = after.root
        if not candidates and text[end - 1 : end] in ("?", "!") and _is_cue(root, quoting=True) and _complement(root) is None and not any(
            c.dep_ in ("dobj", "xcomp") for c in root.children
        ) and (subject := _subject(root)) is not None and subject.pos_ in ("PROPN", "PRON"):
            # “… before spring, do they?” | Lorna Petrakis, a senior analyst at Norvik Bank, said in a note. — a
            # question or an exclamation the sentence after it attributes: its verb of speech reports nothing
            # of its own, its subject named however long its apposition (after a full stop, the next sentence
            # is another's: “… at stake.” The ministry said in a statement …)
            candidates = [root]
    if not candidates and first.start > 0:
        before = doc[first.start - 1].sent
        if before.text.rstrip().endswith(":") or text[before.end_char : start].strip().endswith(":"):
            candidates = [t for t in before if _is_cue(t) or _according_to(t)]
    candidates.sort(key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))
    for token in candidates:
        source = _according_to(token)
        if source is not None:
            return _Attribution((token.idx, token.head.idx + len(token.head.text) if token.head.lower_ == "to" else token.idx + len(token.text)), source)
        speaker = _subject(token, [(start, end), *quoted])
        if speaker is None and token.idx > end:
            speaker = _name_between(doc, end, token) or _name_before(token) or _inverted(token)
        if speaker is not None:
            return _Attribution((token.idx, token.idx + len(token.text)), speaker)
    if not candidates:
        return _introduced(doc, text, start, end, quoted)
    return None


def _near_quote(text: str, start: int, end: int, at: int) -> bool:
    """Whether a word at ``at`` stands where a quote's own cue does: right after or before it, or after
    a name and its apposition."""
    return -6 <= at - end <= 30 or 0 <= start - at <= 12 or _NAMED_BETWEEN.match(text[end:at]) is not None


#: between a quote and its cue, a name and a long apposition ("…,” Josée Lavallée, president of the teachers'
#: union in the east of Montreal, told …): the cue is still the quote's
_NAMED_BETWEEN = re.compile(r"[\s\"”’']*[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3},[^\"“”\n]{0,160},\s*$")
_INTRODUCING = re.compile(r"(?::|\s(?:--|[-–—―]))$")  # a colon, or a dash after a space, right before the quote


def _introduced(doc: Doc, text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> _Attribution | None:
    """A quote a clause introduces with a colon or a dash: the subject of that clause speaks ("The
    senator gave this answer: “…”", "The mayor, Rita Nolan, was blunt: “…”", "The minister disagreed
    – “…”"). The parser often hangs the clause below the quote's verb, so the clause is read as the
    words before the mark: its verb is the one whose head is outside them."""
    pre = text[:start].rstrip(" \n\"“„«'‘")
    found = _INTRODUCING.search(pre)
    mark = doc.char_span(found.end() - 1, found.end(), alignment_mode="expand") if found else None
    if mark is None or mark.start == 0:
        return None
    first = mark[0].sent.start if mark[0].sent.start < mark.start else doc[mark.start - 1].sent.start
    clause = doc[first : mark.start]
    verb = next((t for t in clause if t.pos_ in ("VERB", "AUX") and not (first <= t.head.i < mark.start and t.head.i != t.i)), None)
    if verb is None:
        verb = mark.root.head  # "gave this answer:" — the colon hangs on the noun
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
    speaker = _subject(verb, [(start, end), *quoted]) or _name_before(verb)  # (a parse that lost the subject)
    if speaker is not None and speaker.pos_ in ("PROPN", "PRON") and not (start <= speaker.idx < end):
        return _Attribution((mark.start_char, mark.end_char), speaker)
    return None


def _inverted(cue: Token) -> Token | None:
    """The speaker after a cue that follows its quote, where the parse made it the cue's object
    ("“…,” points out the shop's owner"): the first noun or name the cue governs to its right."""
    return next((c for c in cue.rights if c.dep_ in ("dobj", "attr", "npadvmod") and c.pos_ in ("NOUN", "PROPN")), None)


def _name_between(doc: Doc, end: int, cue: Token) -> Token | None:
    """The name between a quote and its cue where the parse lost the cue's subject ("“…,” Harlow, a
    longtime party organiser, said"): the last word of the first name there."""
    for t in doc[cue.sent.start : cue.i]:
        if t.idx >= end and _proper(t):
            while t.i + 1 < cue.i and _proper(doc[t.i + 1]):
                t = doc[t.i + 1]
            return t
    return None


def _proper(token: Token) -> bool:
    """A proper noun, or a capitalised word the tagger took for something else in a place where news
    puts a name ("“…,” Brandt said" with a surname tagged as an auxiliary): not a stop word."""
    return token.pos_ == "PROPN" or (
        token.text[:1].isupper() and token.is_alpha and not token.is_stop and token.pos_ in ("AUX", "VERB", "NOUN", "ADJ", "ADV")
    )


_APPOSITION = frozenset({"DET", "ADJ", "NOUN", "PROPN", "ADP", "NUM", "PART", "CCONJ", "ADV"})


def _name_before(cue: Token) -> Token | None:
    """The name just before a cue whose subject the parse lost ("Alarmed by the unrest in Nevada,
    Senator Harry Reid, the minority leader, said that …"): a proper noun right before the cue (past
    "also", "has"), or before an apposition set off by commas."""
    doc, first = cue.doc, cue.sent.start
    i = cue.i - 1
    while i >= first and doc[i].pos_ in ("ADV", "AUX", "PART") and not _proper(doc[i]):
        i -= 1
    if i >= first and doc[i].text == ",":
        k = i - 1
        while k >= first and doc[k].text != "," and doc[k].pos_ in _APPOSITION:
            k -= 1
        if k < first or doc[k].text != "," or k == i - 1:
            return None
        i = k - 1
    return doc[i] if i >= first and _proper(doc[i]) else None


def _reported(verb: Token, fragments: list[tuple[int, int]]) -> Span | None:
    """What a speech verb reports: its clausal complement ("said that …"); the infinitive of a
    promise or an appeal ("vowed to bring back …", "urged supporters to …"); the sentence around a
    parenthetical cue; a name-calling with a quoted label ("called Mr. Obama's remarks "a true
    wake-up call""). None where it reports nothing of these: an object alone ("announced the
    arrest of a man") is news, not speech."""
    doc = verb.doc
    lemma = verb.lemma_.lower()
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    appeal = lemma in _INFINITIVE_CUES or (lemma == "call" and any(c.lower_ == "on" and c.dep_ in ("prep", "prt") for c in verb.children))
    if _is_cue(verb) or appeal:
        clause = _complement(verb) or _clause_on_object(verb)
        if clause is None:  # "said after the convention he would not accept": a clause parsed as advcl
            clause = next((c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and _bare_clause(c)), None)
        if clause is None and appeal:  # "urged residents to …", "called on police to …"
            clause = next((c for c in verb.children if c.dep_ == "xcomp"), None)
            if clause is not None and lemma in _APPEALS and clause.i > verb.i and not any(
                t.pos_ in ("NOUN", "PROPN", "PRON") for t in doc[verb.i + 1 : clause.left_edge.i]
            ):
                # an appeal is made to someone, named between the verb and what it asks: "asked not to be
                # named", "asked to remain anonymous" ask nothing of anyone (a promise needs no one:
                # "vowed to bring back …")
                return None
        if clause is None and _parenthetical(verb) and not (_passive_cue(verb) and any(c.dep_ == "nsubjpass" for c in verb.children)):  # not "the crew was told at dawn"
            # "Acts of protest, Mr. Obama said, are acts of patriotism": the sentence around the cue
            head = verb.head
            while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
                head = head.head  # "The difference now, he told me, is that …": hung on a noun of the clause
            return doc[head.left_edge.i : head.right_edge.i + 1]
        if clause is None and lemma == "say":
            clause = _said_object(verb)
            if clause is not None:  # "said the rangers who remain are exhausted": the object and what follows
                return doc[clause.left_edge.i : clause.right_edge.i + 1]
        if clause is not None:
            obj = next((c for c in verb.children if c.dep_ in ("dobj", "prep", "prt") and c.i < clause.i), None) if clause.dep_ == "xcomp" else None
            if lemma == "say" and clause.i > verb.i:  # "said the doctors working nights were leaving": "say" has no
                obj = next((c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < clause.i), obj)  # object but the clause's subject
            first = min(clause.left_edge.i, obj.left_edge.i + (obj.dep_ != "dobj")) if obj is not None else clause.left_edge.i
            last = clause.right_edge.i
            if (conj := _cue_conjunct(verb, clause)) is not None:
                last = conj.left_edge.i - 1
                while last > first and (doc[last].dep_ == "cc" or doc[last].is_punct):
                    last -= 1  # "… as invincible [and] urged"
            for c in verb.children if clause.i > verb.i else ():
                # "said that claim smacked of hypocrisy, because Democrats …": the reason is said too
                if c.dep_ == "advcl" and c.i > last and c.i != clause.i:
                    last = max(last, c.right_edge.i)
            return doc[first : last + 1]  # "urged [residents to stay at home]"
    if lemma in _LABEL_CUES:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        end = verb.right_edge.idx + len(verb.right_edge.text)
        if obj is not None and any(obj.idx <= a < end for a, _ in fragments):
            last = max(t.i for t in verb.subtree)
            return doc[obj.left_edge.i : last + 1]
    return None


def _complement(verb: Token) -> Token | None:
    """The clause a cue reports: its clausal complement after it ("says she'll continue"), else one
    before it ("The talks failed, officials said") unless a semicolon or colon keeps the two apart
    ("It is unlikely; her team says …": the first clause is the writer's)."""
    clauses = [c for c in verb.children if c.dep_ in _CLAUSE_DEPS and not _absolute(c)]
    after = next((c for c in clauses if c.i > verb.i), None)
    if after is not None:
        return after
    doc = verb.doc
    for c in clauses:
        if not any(t.text in (";", ":") for t in doc[c.right_edge.i + 1 : verb.i]):
            return c
    return None


def _absolute(head: Token) -> bool:
    """Whether the parse hung an absolute phrase on a cue as if it were what was said ("said, her face
    pale, that …", "he said, his face pale"): no tense nor modal, and a subject with a possessive."""
    return not (finite(head) or head.tag_ == "VB") and any(c.dep_ in _SPEAKER_DEPS and any(d.dep_ == "poss" for d in c.children) for c in head.children)


def _said_object(verb: Token) -> Token | None:
    """The object the parse gave "say" where it is the subject of the clause said: a noun whose relative
    clause holds two verbs with a tense and no conjunction ("said the rangers who remain are exhausted")."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i and c.pos_ in ("NOUN", "PROPN")), None)
    if obj is None:
        return None
    for clause in obj.children:
        if clause.dep_ in ("relcl", "acl") and clause.i > obj.i and not any(t.dep_ == "cc" for t in clause.subtree):
            if sum(finite(t) and t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass") for t in clause.subtree) >= 2:
                return obj
    return None


def _clause_on_object(verb: Token) -> Token | None:
    """A that-clause the parse hung on a noun after the cue as if it were a relative clause: "said in
    a statement that crews would restore power", "told investors during a video call that margins would recover":
    a finite clause after its noun, opening with "that", with a subject of its own, where "that" is
    no word of the clause ("told the story that his father told him") or the noun is the way the
    words went (a statement, a call, an interpreter: :data:`_CHANNELS`)."""
    nouns = [(c, False) for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > verb.i]
    nouns += [(p, p.lemma_.lower() in _CHANNELS) for c in verb.children if c.dep_ == "prep" and c.i > verb.i for p in c.children if p.dep_ == "pobj"]
    for noun, channel in nouns:
        for clause in noun.children:
            that = clause.left_edge
            if clause.dep_ in ("acl", "relcl") and clause.i > noun.i and that.lower_ == "that" and (channel or that.dep_ == "mark") and any(
                s.dep_ in _SPEAKER_DEPS and s.lower_ not in ("that", "which", "who") for s in clause.children
            ) and finite(clause):
                return clause
    return None


#: what words go by or through, under a cue: "said in a statement that …", "told the inquiry through an interpreter that …"
_CHANNELS = _DOCUMENTS | _OCCASIONS | frozenset("email e-mail interpreter video phone podcast broadcast".split())


def _cue_conjunct(verb: Token, clause: Token) -> Token | None:
    """A verb the parse coordinates inside the reported clause that by its tense goes with the cue:
    "stated that he views Russia as invincible and urged peace talks", "said the plan is fair and
    warned …" (a past verb without a subject of its own, after a present one, the cue past), "said
    the smoke would linger and issued an advisory" (after a verb with "will" or "would", which a past
    verb cannot share): the speaker's next act, not part of what was said."""
    modal = clause.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "MD" for c in clause.children)
    if verb.tag_ != "VBD" or not (clause.tag_ in ("VBZ", "VBP") or modal):
        return None
    return next(
        (c for c in clause.subtree
         if c.dep_ == "conj" and c.tag_ == "VBD" and c.i > clause.i and c.head.tag_ not in ("VBD", "VBN")
         and not any(d.dep_ in _SPEAKER_DEPS for d in c.children)),
        None,
    )


def coordinated_cue(conj: Token) -> Token | None:
    """The cue that a verb found by :func:`_cue_conjunct` goes with, whose subject is its subject too
    ("stated that he views Russia as invincible and urged …": stated); None for other verbs."""
    node = conj.head
    while node.head.i != node.i:
        if (found := _cue_conjunct(node.head, node)) is not None and found.i == conj.i:
            return node.head
        node = node.head
    return None


def _bare_clause(head: Token) -> bool:
    """A clause with its own subject and no subordinating word ("if", "when", "because")."""
    return any(c.dep_ in _SPEAKER_DEPS for c in head.children) and not any(c.dep_ == "mark" for c in head.children)


def _parenthetical(verb: Token) -> bool:
    """A cue set off in the sentence it reports: "Acts of protest, Mr. Obama said, are …", "The talks
    failed, officials said." — hanging on the sentence's verb, with a subject, set off by a comma or a
    dash (before its subject, or after its own words: "Okafor concedes in hindsight, the plan …"); a verb
    that merely ends a clause is none ("Nobody knows when the review will conclude."); "add" with an
    object adds a thing ("while iMovie has added audio editing")."""
    if verb.dep_ not in ("parataxis", "ccomp", "advcl") or verb.head.i == verb.i:
        return False
    doc, children = verb.doc, list(verb.children)
    if verb.lemma_.lower() == "add" and any(c.dep_ == "dobj" for c in children):
        return False  # adding something is not saying it ("iMovie has added audio editing")
    subject = next((c for c in children if c.dep_ in _SPEAKER_DEPS), None)
    if subject is None:
        return False
    # the cue's own words: not a clause the parse hung on it by a conjunction ("…, he says, and are
    # mostly meant to …": the sentence goes on, its subject is the reported one's)
    right = max([verb.i, *(c.right_edge.i for c in children if c.i > verb.i and c.dep_ not in ("conj", "cc", "punct"))])
    if right - verb.i > 5:  # the cue governs a clause of its own: not set off
        return False
    before = doc[subject.left_edge.i - 1] if subject.left_edge.i > 0 else None
    last = right
    after = doc[last + 1] if last + 1 < len(doc) else None
    return (before is not None and before.text in (",", "—", "–")) or after is not None and after.text in (",", "—", "–")


_INFINITIVE_CUES = frozenset("vow promise urge pledge warn threaten ask tell encourage".split())
_APPEALS = frozenset("urge warn ask tell encourage".split())  # of these, the ones said to someone
# verbs of naming, praise and blame: with a quoted fragment in what they govern, the fragment is the
# speaker's words ("condemned the test as “provocative and destabilizing”")
_LABEL_CUES = frozenset(
    "call describe brand label dub criticize criticise condemn praise laud slam blast denounce dismiss accuse hail deride mock tout chant".split()
)


def _indirect_quotes(doc: Doc, direct: list[tuple[int, int]], fragments, captions) -> list[tuple[Quote, _Attribution]]:
    """Reported speech: a speech verb's clausal complement, and "according to X, <clause>"."""
    found: list[tuple[Quote, _Attribution]] = []
    for token in _verbs_outside(doc, [*captions, *direct]):  # a verb inside quotation marks is the speaker's own word ("“We do not comment on …,” X said")
        source = _according_to(token)
        if source is not None:
            content = _according_content(token)
            if content is not None:
                to = next(c for c in token.children if c.lower_ == "to")
                found.append((Quote(content[0], content[1], "indirect"), _Attribution((token.idx, to.idx + len(to.text)), source, according=True)))
            continue
        if _as_put_it(token):  # "As Ms. Simonyan put it in a statement, RT is …"
            content = _according_content(token)
            speaker = _subject(token)
            if content is not None and speaker is not None:
                found.append((Quote(content[0], content[1], "indirect"), _Attribution((token.idx, token.idx + len(token.text)), speaker)))
            continue
        if _unsaid(token):
            continue  # "has not said …", "will argue that …": no one said it (yet)
        tokens = _reported(token, fragments)
        if tokens is None:
            continue
        tokens = _within_paragraph(tokens, token)
        while len(tokens) and (tokens[-1].is_space or tokens[-1].text in (",", ";", ":")):
            tokens = tokens[:-1]
        if not len(tokens):
            continue
        if len([t for t in tokens if not t.is_punct]) < MIN_INDIRECT_TOKENS:
            continue
        start, end = tokens.start_char, tokens.end_char
        if _covered(start, end, direct):
            continue  # He said: "…" — the direct quote already holds it
        if any(a <= start < b < end for a, b in direct):
            continue  # “… do they?” Petrakis, an analyst, said — a sentence run on from inside a quote: the quote's attribution
        speaker = _subject(token)
        if speaker is None and not _passive_cue(token):  # ("Residents were warned that …": not the residents)
            speaker = _name_before(token)
        own = speaker is not None and (speaker.head == token or speaker.head.head == token)
        found.append((Quote(start, end, "indirect"), _Attribution((token.idx, token.idx + len(token.text)), speaker, own)))
    return _innermost(found)


def _unsaid(cue: Token) -> bool:
    """Whether a cue tells of speech that did not happen or has not yet: negated ("has not said
    whether she supports it", "never claimed") or in the future ("will argue that …")."""
    return any(c.dep_ == "neg" or c.dep_ == "aux" and c.lower_ in ("will", "'ll", "wo") for c in cue.children)


def _verbs_outside(doc: Doc, spans: list[tuple[int, int]]) -> list[Token]:
    """The verbs of ``doc`` and its "according", but those inside ``spans`` (character offsets):
    the only tokens that can cue reported speech."""
    arr = doc.to_array([POS, LOWER, IDX])  # uint64: LOWER is a hash
    idx = arr[:, 2].astype(np.int64)
    keep = np.isin(arr[:, 0].astype(np.int64), _VERB_POS) | (arr[:, 1] == np.uint64(doc.vocab.strings.add("according")))
    for start, end in spans:
        keep &= (idx < start) | (idx >= end)
    return [doc[i] for i in np.flatnonzero(keep).tolist()]


def _within_paragraph(tokens: Span, cue: Token) -> Span:
    """``tokens`` cut to the paragraph of the cue: a parse that runs across a blank line (a headline
    and the dateline under it) says nothing about what was said."""
    doc = tokens.doc
    start, end = tokens.start, tokens.end
    for t in doc[start : cue.i]:
        if t.is_space and t.text.count("\n") >= 2:
            start = t.i + 1
    for t in doc[cue.i : end]:
        if t.is_space and t.text.count("\n") >= 2:
            end = t.i
            break
    return doc[start:end] if start < end else doc[start:start]


def _as_put_it(token: Token) -> bool:
    """"As X put it", "as X said": a cue in an "as" clause framing the sentence it hangs on."""
    if token.pos_ != "VERB" or token.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children):
        return False
    lemma = token.lemma_.lower()
    return (lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)) or (
        lemma in cues() and not any(c.dep_ in ("dobj", "ccomp") for c in token.children)
    )


def _according_content(according: Token) -> tuple[int, int] | None:
    """The clause "according to X" (or "as X put it") is attached to, without that phrase."""
    head = according.head
    if head.i == according.i:
        return None
    phrase = {t.i for t in according.subtree}
    tokens = [t for t in head.sent if t.i not in phrase]
    # the longest run of tokens outside the phrase
    runs: list[list[Token]] = []
    for t in tokens:
        if runs and runs[-1][-1].i == t.i - 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    run = max(runs, key=len, default=[])
    while run and (run[0].is_punct or run[0].is_space):
        run.pop(0)
    while run and (run[-1].is_space or run[-1].text in (",", ";")):
        run.pop()
    if len([t for t in run if not t.is_punct]) < MIN_INDIRECT_TOKENS:
        return None
    return run[0].idx, run[-1].idx + len(run[-1].text)


def _covered(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    overlap = sum(max(0, min(end, b) - max(start, a)) for a, b in spans)
    return overlap > (end - start) / 2


def _innermost(found: list[tuple[Quote, _Attribution]]) -> list[tuple[Quote, _Attribution]]:
    """Where "according to X" frames another attribution with its own speaker ("Tokayev stated
    that …, according to reports"), the inner one stands; "Merrill says Machado promised to …" stays
    Merrill's (and Machado's promise is a quote of its own)."""
    out = []
    for quote, attribution in found:
        inner = attribution.according and any(
            other is not attribution
            and quote.start <= other.cue[0] < quote.end
            and other.own
            and other.speaker is not None
            and quote.start <= other.speaker.idx < quote.end  # a speaker of its own inside this one
            and (o.end - o.start) < (quote.end - quote.start)
            for o, other in found
        )
        if not inner:
            out.append((quote, attribution))
    return out
