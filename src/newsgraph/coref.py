r"""Who a pronoun or a description means: a small learned mention-ranking model.

The entity stage (:mod:`newsgraph.entities`) groups the article's names into entities; this module
links the words that refer to them without naming them — pronouns ("he", "her", "they", "its") and
definite descriptions ("the minister", "the shipping firm", "the 24-year-old centre") — to the
entity they most likely mean, or to none.

Each such *anaphor* is compared with every earlier entity that could be meant (a person for
"he"/"she"; an organisation or place for "it"; any of them for "they" and descriptions) through
hashed features of the pair: how far back the entity was last mentioned (in sentences, and in
rank among the candidates), the grammatical roles of that mention and of the anaphor, how often the
entity was mentioned, whether a pronoun's gender clashes with the entity's (given name, honorific,
pronouns already linked to it), whether the entity is the subject of the anaphor's own clause or of
a verb of speech, quote marks around either, and the pick of the hand-written subject rule; for a
description, its head noun against the entity's type (a lexicon of nouns and the entity types they
named in GUM's training documents, ``data/coref_nouns.tsv``), the entity's roles and name, and the
noun written next to one of its names ("Maya Chen, the team captain"). A logistic regression scores
each pair; the best candidate is taken when its probability reaches the anaphor kind's threshold,
otherwise the anaphor is left unlinked. Hand-written rules decide first where they find someone
(:data:`RULE_FIRST`): for "he"/"she" the subject rule (it measured better, on GUM's dev documents and
on news); for a description, the latest holder of its noun as a role ("Coun." for "the councillor")
or the person introduced with its modifier ("…, a director with the Metalworkers Union," for "the
union leader"); for an age ("the 81-year-old"), the person written with that age, or the person just
written about when the age is new, never one of another age.

Trained by ``scripts/train_coref.py`` on GUM's training documents (coreference chains aligned with
this pipeline's own entities) and GAP's development pairs, thresholds chosen on GUM's dev
documents; weights shipped as ``newsgraph/data/coref_model.npz``. Only numpy is needed to score.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.attrs import DEP
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Token

from .linear import hashed, logistic
from .lists import data_lines

__all__ = [
    "KINDS", "Anaphor", "Candidate", "Context", "aged_nominal", "anaphors", "candidates", "choose", "context",
    "described_types", "features", "gender_of", "means_a_person", "named_spans", "nouns", "resolve", "role_words",
    "scores",
]

#: pronoun → its kind: "m"/"f" (he/she), "pl" (they), "n" (it)
PRONOUNS = {
    **dict.fromkeys("he him his himself".split(), "m"),
    **dict.fromkeys("she her hers herself".split(), "f"),
    **dict.fromkeys("they them their theirs themselves".split(), "pl"),
    **dict.fromkeys("it its itself".split(), "n"),
}
#: anaphor kinds; "d" is a definite description
KINDS = ("m", "f", "pl", "n", "d")
#: the entity types each kind may refer to
TYPES = {
    "m": frozenset({"PERSON"}),
    "f": frozenset({"PERSON"}),
    "pl": frozenset({"PERSON", "ORG", "GPE"}),  # a group named by a demonym ("Republican senators") is left to the quote stage
    "n": frozenset({"ORG", "GPE"}),
    "d": frozenset({"PERSON", "ORG", "GPE"}),
}
ANY_TYPE = frozenset().union(*TYPES.values())
#: the probability a description needs where it is the subject of a verb of speech ("the council
#: said", "says the cheerful baker"): news names its speakers, so a speaking description means the
#: best candidate of a type its noun allows (GUM's descriptions, which the model learnt from, refer
#: to a named entity far less often); chosen on the GenderGapTracker dev half, not its check half
SPEAKER_THRESHOLDS = {"d": 0.01}
#: he/she and descriptions: the rule's pick first, the model where the rule finds nobody (for he/she the rule
#: measured better on GUM's dev documents and on the GenderGapTracker dev half; scripts/train_coref.py prints both)
RULE_FIRST = True
#: a description that speaks, where no one holds its noun as a role, means the person its modifier
#: introduced if mentioned at most this many sentences before, else the person just written about
RECENT = 2
#: at most this many candidates per anaphor, the most recently mentioned
MAX_CANDIDATES = 12
#: a pronoun looks this many sentences back, a description further
REACH = {"m": 3, "f": 3, "pl": 3, "n": 3, "d": 40}
#: a he/she that nobody within reach can mean looks this many sentences back for a person of its gender
FAR_REACH = 12
_DETERMINERS = frozenset({"the", "this", "that"})
_MODIFIER_CLAUSES = frozenset({"relcl", "acl"})  # clauses that modify a noun: their subject is less prominent than the main clause's
_SPEAKING = frozenset({"PERSON", "ORG"})  # what a description that speaks may be
_AGED = re.compile(r"\b\d{1,3}-year-old\b")  # a description with an age is a person
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _role(token: Token) -> str:
    dep = token.dep_
    if dep in _SUBJECTS:
        return "subj"
    if dep in ("dobj", "obj", "iobj"):
        return "obj"
    if dep in ("poss", "pobj", "appos", "conj", "compound", "attr"):
        return dep
    return "other"


def _bucket(n: int, edges: tuple[int, ...]) -> int:
    return bisect_right(edges, n)


@dataclass(slots=True)
class Anaphor:
    """A pronoun or description at tokens ``head``: its span (characters), kind and head noun."""

    start: int
    end: int
    head: int  # token index of the pronoun or the description's noun
    kind: str
    word: str  # the pronoun, or the description's head lemma


@dataclass(slots=True)
class Candidate:
    """What an anaphor may refer to: one entity (any object with ``mentions``/``type``/``name``/
    ``roles``) and the starts of its mentions so far, names and linked anaphors."""

    entity: object
    named: list[int] = field(default_factory=list)  # starts of its named mentions
    linked: list[tuple[int, str]] = field(default_factory=list)  # (start, kind) of anaphors linked to it
    nouns: set[str] = field(default_factory=set)  # the nouns of the descriptions linked to it ("founder")


# ---------------------------------------------------------------------------------------------
# the lexicon and the weights


@lru_cache(maxsize=1)
def nouns() -> dict[str, tuple[float, float, float]]:
    """Head noun (lemma, lower case) → share of its GUM mentions that were a person, an
    organisation, a place (``data/coref_nouns.tsv``, built by scripts/train_coref.py)."""
    out = {}
    for line in data_lines("coref_nouns.tsv"):
        word, *shares = line.split("\t")
        out[word] = tuple(float(s) for s in shares)
    return out


@lru_cache(maxsize=2)
def _weights(path: str | None = None) -> tuple[np.ndarray, float, int, dict[str, float]]:
    """(weights, bias, bits, threshold of each kind) of the shipped model."""
    source = Path(path) if path else resources.files("newsgraph").joinpath("data", "coref_model.npz")
    with source.open("rb") as fh, np.load(fh) as npz:
        thresholds = dict(zip(KINDS, npz["thresholds"].tolist()))
        return npz["weights"].astype(np.float64), float(npz["bias"]), int(npz["bits"]), thresholds


# ---------------------------------------------------------------------------------------------
# anaphors and their candidates


def names_a_person(lemma: str) -> bool:
    """Whether the mentions a noun heads are people at least half the time in GUM ("son", "widow",
    "minister"); False for a noun GUM lacks."""
    shares = nouns().get(lemma)
    return shares is not None and shares[0] >= 0.5


def means_a_person(lemma: str) -> bool:
    """A noun that names a person: a person at least half the time in GUM, or, where GUM lacks it, by
    its first WordNet sense ("forward", "prosecutor") or by a compound's last part that names one
    ("defenceman", "linesman", "anchorwoman", "chairperson", which WordNet lacks in that spelling); not
    "union", "firestorm"."""
    from .entities import person_nouns

    return names_a_person(lemma) or (lemma not in nouns() and (lemma in person_nouns() or _PERSON_COMPOUND.search(lemma) is not None))


#: the last part of a compound noun that names a person: "defenceman", "chairwoman", "spokesperson"
_PERSON_COMPOUND = re.compile(r"^[a-z]{3,}(?:man|woman|person)$")


def _role_noun(lemma: str) -> bool:
    """A noun that names a person by what they are or do ("the union leader", "the pastor", "the
    Swedish forward"): :func:`means_a_person`, or the last word of a title."""
    from .entities import reference_titles

    return means_a_person(lemma) or lemma in reference_titles()


def name_root(token: Token) -> Token:
    """The last word of the name ``token`` begins or is inside ("Gérard" → "Beaumont"), up its
    compounds."""
    while token.dep_ == "compound" and token.head.i > token.i:
        token = token.head
    return token


def _person_noun(lemma: str) -> bool:
    shares = nouns().get(lemma)
    return shares is not None and max(shares) >= 0.2


def anaphors(doc: Doc, named: list[tuple[int, int]], titles=frozenset(), text: str | None = None) -> list[Anaphor]:
    """The pronouns and definite descriptions of ``doc`` that may refer to an entity, in text
    order; ``named``: (start, end) of the entities' named mentions (a description inside a name is
    none); ``titles``: role nouns ("minister") that make a description even if the lexicon lacks them;
    ``text``: ``doc.text``, where the caller has it (spaCy joins the tokens anew on every access).
    The tokens that may be one are found with numpy over the doc's arrays first (a pronoun, the
    "old" of an age, a noun with a determiner of its own), then looked at one by one."""
    from spacy.attrs import DEP, HEAD, LOWER, POS

    starts = [s for s, _ in named]
    text = doc.text if text is None else text
    if not len(doc):
        return []
    hashes = _hashes(doc.vocab.strings)
    arr = doc.to_array([LOWER, POS, DEP, HEAD])
    lower, pos, dep = arr[:, 0], arr[:, 1], arr[:, 2]
    rows = np.arange(len(doc))
    head = rows + arr[:, 3].astype(np.int64)  # HEAD is relative (two's complement in uint64)
    determined: dict[int, int] = {}  # a noun → its first determiner ("the", "this", "that") on its left
    for i in np.flatnonzero((dep == hashes["det"]) & np.isin(lower, hashes["determiners"]) & (head > rows)).tolist():
        determined.setdefault(int(head[i]), i)
    for i, d in list(determined.items()):  # "the nurses' union": the determiner of its members, a plural possessive
        if dep[i] == hashes["poss"] and head[i] > i and doc[i].tag_ == "NNS" and i + 1 < len(doc) and doc[i + 1].text in ("'", "’"):
            determined.setdefault(int(head[i]), d)
    pronoun = np.isin(lower, hashes["pronouns"]) & (pos == hashes["PRON"])
    # a subject with a determiner of its own is a noun, whatever its tag ("the Swedish forward said": RB)
    noun = ((pos == hashes["NOUN"]) | (pos == hashes["PROPN"]) | (dep == hashes["nsubj"])) & (dep != hashes["compound"])
    with_determiner = np.zeros(len(doc), dtype=bool)
    with_determiner[list(determined)] = True
    noun &= with_determiner
    out = []
    for i in np.flatnonzero(pronoun | (lower == hashes["old"]) | noun).tolist():
        token = doc[i]
        if pronoun[i]:
            lower_ = token.lower_
            out.append(Anaphor(token.idx, token.idx + len(token.text), i, PRONOUNS[lower_], lower_))
            continue
        aged = aged_nominal(doc, token)
        if aged is not None:  # "the 81-year-old said": the age is the description
            out.append(Anaphor(aged, token.idx + len(token.text), i, "d", "year-old"))
            continue
        lemma = token.lemma_.lower()
        member = noun[i] and token.tag_ not in ("NNS", "NNPS") and _member(token, doc[determined[i]])  # "the Montana Republican"
        if not member and (
            not noun[i] or token.pos_ == "PROPN" and not token.text.islower() and not (token.text.isupper() and lemma in titles) or token.tag_ in ("NNS", "NNPS")
        ):
            continue  # (a word in lower case is a noun, whatever the tagger said: "the minister" NNP; so is a title in capitals: "the MNA")
        det = doc[determined[i]]
        if not (member or _person_noun(lemma) or lemma in titles or _speaks(token) or _AGED.search(text, det.idx, token.idx)):
            continue  # a description that speaks ("says the cheerful baker") means someone
        if i + 2 < len(doc) and doc[i + 1].text == "," and doc[i + 2].pos_ == "PROPN":
            continue  # "the mayor, Tom Ruiz,": named there
        k = bisect_right(starts, token.idx) - 1
        if k >= 0 and named[k][1] > token.idx and not (member and named[k][0] in (token.idx, det.idx)):
            continue  # inside a name ("the Bank of Canada"), not the demonym a description is built on
        out.append(Anaphor(det.idx, token.idx + len(token.text), i, "d", lemma))
    return out


#: members of a party, written as a person's description ("the Kentucky Republican", "the Liberal")
PARTY_MEMBERS = frozenset("republican democrat liberal conservative tory socialist independent".split())


def _member(token: Token, det: Token) -> bool:
    """Whether a capitalised noun after "the" names a person by their party or their nation: "the
    Montana Republican", "the 20-year-old Swede" (not "the Republicans", "the Swedish")."""
    from .gazetteer import demonym

    if det.lower_ != "the" or not token.text[:1].isupper():
        return False
    word = token.text.lower()
    return word in PARTY_MEMBERS or (demonym(token.text) is not None and not word.endswith(("ish", "ese", "ch", "i")) and word[-1:] != "s")


@lru_cache(maxsize=8)
def _hashes(strings) -> dict:
    """The string-store hashes :func:`anaphors` compares token attributes with."""
    key = strings.add
    return {
        "pronouns": np.array([key(p) for p in PRONOUNS], dtype=np.uint64),
        "determiners": np.array([key(d) for d in _DETERMINERS], dtype=np.uint64),
        **{name: key(name) for name in ("det", "compound", "old", "nsubj", "poss")},
        **{name: POS_IDS[name] for name in ("PRON", "NOUN", "PROPN")},  # parts of speech are numbered, not hashed
    }


#: the noun a description uses for a rank written short or an office's formal title ("Coun. Ana
#: Ruiz" … "the councillor"; "Justice Amina Yusuf" … "the judge")
_ROLE_NOUNS = {
    "coun.": "councillor", "couns.": "councillor", "cllr": "councillor", "cllr.": "councillor",
    "cst.": "constable", "const.": "constable", "det.": "detective", "insp.": "inspector",
    "supt.": "superintendent", "cpl.": "corporal", "sgt.": "sergeant", "lt.": "lieutenant", "col.": "colonel",
    "capt.": "captain", "maj.": "major", "gov.": "governor", "sen.": "senator", "rep.": "representative",
    "gen.": "general", "prof.": "professor", "dr.": "doctor", "justice": "judge", "mla": "legislator",
    "mpp": "legislator", "mp": "legislator",
}


def role_words(entity) -> frozenset[str]:
    """The words of an entity's roles, lower-cased, with the noun a description would use for each."""
    return _role_words(tuple(getattr(entity, "roles", ())))


@lru_cache(maxsize=4096)
def _role_words(roles: tuple[str, ...]) -> frozenset[str]:
    words = {w.lower() for r in roles for w in r.split()}
    return frozenset(words | {_ROLE_NOUNS[w] for w in words if w in _ROLE_NOUNS})


def aged_nominal(doc: Doc, token: Token) -> int | None:
    """Where "the 81-year-old" starts when ``token`` is the "old" of such a description with no noun
    after it (spaCy splits the age into five tokens and heads none of them as a noun)."""
    i = token.i
    if token.lower_ != "old" or i < 5 or doc[i - 1].text != "-" or doc[i - 3].text != "-":
        return None
    if doc[i - 2].lower_ not in ("year", "years") or not doc[i - 4].like_num or doc[i - 5].lower_ not in _DETERMINERS:
        return None
    after = doc[i + 1] if i + 1 < len(doc) else None
    if after is not None and after.pos_ in ("NOUN", "PROPN") and not after.is_sent_start:
        return None  # "the 24-year-old centre": the noun is the head
    return doc[i - 5].idx


def _age_of(text: str, start: int, end: int) -> int | None:
    """The age a mention's words give its person: "Earl Whitlock, 81," / "Whitlock (81)" / "Whitlock,
    now 81," / "Whitlock, the 81-year-old from Elm Creek," after it, "81-year-old Earl Whitlock"
    before it."""
    found = _AGE_AFTER.match(text, end) or _AGE_BEFORE.search(text, max(0, start - 30), start)
    return int(next(g for g in found.groups() if g)) if found else None


_AGE_AFTER = re.compile(r"\s*(?:(?:,\s*(?:aged\s+|now\s+)?|\()(\d{1,3})\s*[,)]|,\s*(?:the|an?)\s+(\d{1,3})-year-old\b)")
# "81-year-old retired teacher Earl Whitlock", not "the 24-year-old from Rimouski" (the age is not the place's)
_AGE_BEFORE = re.compile(r"\b(\d{1,3})-year-old\s+(?:(?!(?:from|of|in|at|with|for|to|by|on|near|and|or)\s)[a-z]+\s+){0,3}$")


def _ages(ctx: Context, anaphor: Anaphor, cands: list[Candidate]) -> tuple[int | None, list[int | None]]:
    """The age a description gives ("the 81-year-old": 81, else None) and the age each candidate's
    names were written with before it (None where none was)."""
    age = _AGED.search(ctx.text, anaphor.start, anaphor.end)
    if age is None:
        return None, []
    found = []
    for c in cands:
        ends = {m.start: m.end for m in c.entity.mentions}
        ages = [_age_of(ctx.text, s, ends.get(s, s)) for s in c.named if s < anaphor.start]
        found.append(next((a for a in ages if a is not None), None))
    return int(age.group().split("-")[0]), found


def candidates(anaphor: Anaphor, pool: list[Candidate], ctx: Context, gender, speaking: bool = False) -> list[Candidate]:
    """The entities of ``pool`` that ``anaphor`` may mean: of a type its kind allows, mentioned
    before it and within its kind's reach, for he/she not known to be of the other gender
    (``gender``: candidate → "m", "f" or None); the most recent :data:`MAX_CANDIDATES`.
    ``speaking``: the anaphor is known to be a quote's source (else: where it is the subject of a
    verb of speech)."""
    doc, sentence_of = ctx.doc, ctx.sentence_of
    here = sentence_of(anaphor.start)
    allowed = TYPES[anaphor.kind]
    if anaphor.kind == "d":
        allowed = described_types(anaphor.word)
        if anaphor.word not in nouns() and (speaking or ctx.speaks(doc[anaphor.head])):
            allowed = _SPEAKING  # "says the cheerful baker": an unknown noun that speaks is a person or organisation
        if _AGED.search(ctx.text, anaphor.start, anaphor.end):
            allowed = allowed | {"PERSON"}  # "the 24-year-old centre": whoever has an age is a person
    found = []
    described, gendered = anaphor.kind == "d", anaphor.kind in ("m", "f")
    # in reach: mentioned in the sentences back to the kind's reach (a mention from this position on)
    reach = ctx.sentence_starts[here - REACH[anaphor.kind]] if here - REACH[anaphor.kind] >= 0 else -1
    for c in pool:
        if c.entity.type not in allowed and not (described and _named_after(anaphor.word, c.entity)):
            continue
        if gendered and gender(c) not in (None, anaphor.kind):
            continue
        last = _last_before(c, anaphor.start)
        if last is None or last < reach:
            continue
        found.append((last, c))
    found.sort(key=lambda x: -x[0])
    return [c for _, c in found[:MAX_CANDIDATES]]


def _named_after(noun: str, entity) -> bool:
    """Whether an organisation's or place's name holds ``noun`` as a word ("the bank" for "Bank of
    Montreal", "the festival" for "Halifax Folk Festival", "the county" for "Essex County"): such a
    description may mean it whatever the noun names elsewhere (in GUM "bank" is mostly a river's).
    Not a person's: "the king" is not Stephen King."""
    return entity.type != "PERSON" and noun in _name_words(entity)


def described_types(noun: str) -> frozenset[str]:
    """The entity types a description built on ``noun`` may refer to: those whose GUM mentions it
    headed at least a tenth of the time (a person for "minister", an organisation or a place for
    "city"); a role noun the lexicon lacks names a person."""
    shares = nouns().get(noun)
    if shares is None:
        return frozenset({"PERSON"})
    person, org, place = shares
    out = {"PERSON"} if person >= 0.1 else set()
    if org >= 0.1:
        out.add("ORG")
    if place >= 0.1:
        out.add("GPE")
    return frozenset(out)


def _last_before(c: Candidate, position: int) -> int | None:
    k = bisect_left(c.named, position) - 1
    best = c.named[k] if k >= 0 else None
    for start, _ in c.linked:
        if start < position and (best is None or start > best):
            best = start
    return best


# ---------------------------------------------------------------------------------------------
# features


@dataclass(slots=True)
class Context:
    """What the features of one document need, computed once."""

    doc: Doc
    text: str  # doc.text, which spaCy joins anew on every access
    sentence_starts: list[int]  # character starts of the sentences
    quoted: list[tuple[int, int]]  # spans inside quotation marks
    token_starts: list[int]  # character start of each token
    _tokens: dict[int, Token | None] = field(default_factory=dict)
    _roots: dict[int, Token | None] = field(default_factory=dict)
    _before: dict[tuple, frozenset[str]] = field(default_factory=dict)
    _describing: tuple[list[int], list[str]] | None = None
    _speaking: dict[int, bool] = field(default_factory=dict)
    _titles: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def speaks(self, token: Token) -> bool:
        """:func:`_speaks` of ``token`` (cached)."""
        if token.i not in self._speaking:
            self._speaking[token.i] = _speaks(token)
        return self._speaking[token.i]

    def title(self, position: int) -> tuple[str, ...]:
        """The words, lower-cased, written as a title right before the mention that starts at
        ``position``, up to four nouns and adjectives (:func:`_titled`; cached)."""
        if position not in self._titles:
            t = self.token(position)
            words = []
            for w in reversed(self.doc[max(0, t.i - 4) : t.i] if t is not None else ()):
                if w.pos_ not in _TITLE_POS or w.ent_type_ in ("DATE", "TIME"):
                    break
                words.append(w.lower_)
            self._titles[position] = tuple(words)
        return self._titles[position]

    def sentence_of(self, position: int) -> int:
        return bisect_right(self.sentence_starts, position) - 1

    def token(self, position: int) -> Token | None:
        """The token at character ``position`` (cached)."""
        if position not in self._tokens:
            i = bisect_right(self.token_starts, position) - 1
            token = self.doc[i] if i >= 0 else None
            if token is None or position >= token.idx + len(token.text):  # between tokens: spaCy decides
                span = self.doc.char_span(position, position + 1, alignment_mode="expand")
                token = span[0] if span is not None and len(span) else None
            self._tokens[position] = token
        return self._tokens[position]

    def root(self, position: int) -> Token | None:
        """The head word of the mention that starts at ``position`` (cached): "Smith" of "John Smith"."""
        if position not in self._roots:
            self._roots[position] = _mention_root(self, position)
        return self._roots[position]

    def words_before(self, words, c: Candidate, before: int) -> frozenset[str]:
        """``words(self, starts)`` of the starts of the named mentions of ``c`` before ``before``
        (cached: it depends only on how many there are)."""
        k = bisect_left(c.named, before)
        key = (words, id(c.entity), k)
        found = self._before.get(key)
        if found is None:
            found = self._before[key] = frozenset(words(self, c.named[:k]))
        return found

    def described(self, starts: list[int]) -> set[str]:
        """The lemmas of the nouns written next to the named mentions at ``starts`` in apposition or
        as a title or classifier ("Maya Chen, the team captain"; "captain Maya Chen")."""
        if self._describing is None:  # the tokens in apposition, compounds and attributes, once per document
            strings = self.doc.vocab.strings
            deps = self.doc.to_array(DEP)
            at = np.flatnonzero(np.isin(deps, [strings[d] for d in ("appos", "compound", "attr")])).tolist()
            self._describing = at, [self.doc[i].lemma_.lower() for i in at]
        at, lemmas = self._describing
        out = set()
        for start in starts:
            t = self.token(start)
            if t is not None:
                out.update(lemmas[k] for k in range(bisect_left(at, t.i - 4), bisect_left(at, t.i + 8)))
        return out

    def in_quote(self, position: int) -> bool:
        k = bisect_right(self.quoted, (position, 1 << 30)) - 1
        return k >= 0 and self.quoted[k][0] <= position < self.quoted[k][1]


_QUOTE_MARK = re.compile(r'[“”«»"]|\n\s*\n')


def context(doc: Doc, text: str | None = None) -> Context:
    """The sentences and the quoted stretches of ``doc`` (``text``: ``doc.text``, where the caller has it)."""
    text = doc.text if text is None else text
    quoted, opened = [], None
    for match in _QUOTE_MARK.finditer(text):
        ch, i = match.group(), match.start()
        if ch in "“«":
            opened = i
        elif ch in "”»":
            if opened is not None:
                quoted.append((opened, i))
            opened = None
        elif ch == '"':
            if opened is None:
                opened = i
            else:
                quoted.append((opened, i))
                opened = None
        else:
            opened = None  # a paragraph ends an open quote
    from spacy.attrs import IDX

    starts = [s.start_char for s in doc.sents]
    return Context(doc=doc, text=text, sentence_starts=starts, quoted=quoted, token_starts=doc.to_array(IDX).tolist() if len(doc) else [])


def _mention_root(ctx: Context, start: int) -> Token | None:
    token = ctx.token(start)
    if token is None:
        return None
    while token.dep_ in ("compound", "flat", "amod", "nmod") and token.head.i > token.i:
        token = token.head
    return token


_SD = (0, 1, 2, 4, 9)  # sentence distance buckets
_COUNT = (1, 2, 5)


_UNKNOWN = object()


def features(ctx: Context, anaphor: Anaphor, cands: list[Candidate], gender_of, rule=_UNKNOWN) -> list[list[str]]:
    """The features of each (anaphor, candidate) pair, in the order of ``cands``; ``rule``: what
    :func:`_rule_pick` gives, where the caller knows it."""
    k = anaphor.kind
    doc = ctx.doc
    head = doc[anaphor.head]
    here = ctx.sentence_of(anaphor.start)
    a_role = _role(head)
    a_quote = ctx.in_quote(anaphor.start)
    verb = head.head if head.dep_ not in ("ROOT",) else head
    lasts = [_last_before(c, anaphor.start) for c in cands]
    counts = [bisect_left(c.named, anaphor.start) + sum(s < anaphor.start for s, _ in c.linked) for c in cands]
    most = max(counts) if counts else 0
    first = min(range(len(cands)), key=lambda j: _first_mention(cands[j])) if cands else -1
    shares = nouns().get(anaphor.word) if k == "d" else None
    if rule is _UNKNOWN:
        rule = _rule_pick(ctx, anaphor, cands, gender_of)
    a_speech = ctx.speaks(head)
    out = []
    for j, c in enumerate(cands):
        e = c.entity
        last = lasts[j]
        sd = here - ctx.sentence_of(last)
        named_last = c.named[bisect_left(c.named, anaphor.start) - 1] if bisect_left(c.named, anaphor.start) else None
        root = ctx.root(last)
        m_role = _role(root) if root is not None else "none"
        f = [
            f"{k}|t={e.type}",
            f"{k}|sd={_bucket(sd, _SD)}",
            f"{k}|rank={min(j, 4)}",
            f"{k}|mrole={m_role}",
            f"{k}|arole={a_role}|mrole={m_role}",
            f"{k}|n={_bucket(counts[j], _COUNT)}",
            f"{k}|linked={any(s == last for s, _ in c.linked)}",
            f"{k}|aq={a_quote}|mq={ctx.in_quote(last)}",
        ]
        if named_last is not None:
            f.append(f"{k}|sdn={_bucket(here - ctx.sentence_of(named_last), _SD)}")
        else:
            f.append(f"{k}|sdn=none")
        if counts[j] == most:
            f.append(f"{k}|most")
        if j == first:
            f.append(f"{k}|first")
        if sd == 0 and root is not None and root.head.i == verb.i and root.i != head.i:
            f.append(f"{k}|coarg|arole={a_role}|mrole={m_role}")  # "Smith praised him": not Smith
        if c is rule:
            f.append(f"{k}|rule")
        f.append(f"{k}|as={a_speech}|ms={root is not None and ctx.speaks(root)}")
        if k in ("m", "f"):
            g = gender_of(c)
            f.append(f"{k}|g={'unk' if g is None else 'agree' if g == k else 'clash'}")
        if k == "d":
            words = {w.lower().strip(".,") for w in e.name.split()}
            roles = role_words(e)
            f.append(f"d|inname={anaphor.word in words}|t={e.type}")
            f.append(f"d|role={anaphor.word in roles}")
            f.append(f"d|head={anaphor.word}|t={e.type}")
            f.append(f"d|suf={anaphor.word[-3:]}|t={e.type}")
            if shares is not None:
                share = dict(zip(("PERSON", "ORG", "GPE"), shares)).get(e.type, 0.0)
                f.append(f"d|lex={round(share * 4)}|t={e.type}")
            else:
                f.append(f"d|lex=unk|t={e.type}")
            if _described_by(ctx, anaphor, c):
                f.append("d|appos")
        out.append(f)
    return out


def _speaks(token: Token) -> bool:
    """Whether ``token`` is the subject of a verb of speech ("he said", "Smith told")."""
    from .quotes import cues

    return token.dep_ in _SUBJECTS and token.head.lemma_.lower() in cues()


def _mentions_between(c: Candidate, start: int, end: int) -> list[int]:
    return c.named[bisect_left(c.named, start) : bisect_left(c.named, end)] + [s for s, _ in c.linked if start <= s < end]


def _rule_pick(ctx: Context, anaphor: Anaphor, cands: list[Candidate], gender_of, back: int = 0) -> Candidate | None:
    """The candidate the hand-written rule chose (a feature now): for a description, the latest
    entity that holds its noun as a role; for a pronoun, the entity mentioned in the same sentence
    before it or in the nearest of the two sentences before, preferring a grammatical subject, and
    for he/she one whose gender does not clash; for an age said for the first time (kind "aged"),
    the same over five sentences back, names inside quotation marks left out; ``back``: the
    sentences looked at start this many before the anaphor's."""
    if anaphor.kind == "d":
        holders = _holders(ctx, anaphor, cands)
        if not holders:  # "the union leader" for "Darlene Kowalczyk, a regional director with the Metalworkers Union"
            modifiers = _modifiers(ctx, anaphor)
            holders = [c for c in cands if c.entity.type == "PERSON" and modifiers & _introduced_with(ctx, c, anaphor.start)] if modifiers else []
        return holders[0] if holders else None
    here = ctx.sentence_of(anaphor.start)
    aged = anaphor.kind == "aged"  # "the 22-year-old said" after a run of quoted sentences: further back, names in quotes not
    # nor for "she said" after a quotation: “Marisol Ortega was the best player tonight,” she said (not Ortega)
    unquoted = aged or (anaphor.kind in ("m", "f") and not ctx.in_quote(anaphor.start) and ctx.speaks(ctx.doc[anaphor.head]))
    head = ctx.doc[anaphor.head]
    cands = _without_fronted(ctx, anaphor, cands)
    # "she said" at the head of its sentence, not itself a question: the answer to one asked just before
    answering = anaphor.kind in ("m", "f") and ctx.speaks(head) and head.head.lemma_.lower() not in _ASKING and head.i == head.sent.start
    asked: list[tuple[int, Candidate]] = []
    for k in range(here - back, max(-1, here - (6 if aged else 3)), -1):
        start = ctx.sentence_starts[k]
        end = min(ctx.sentence_starts[k + 1] if k + 1 < len(ctx.sentence_starts) else 1 << 30, anaphor.start)
        found = []
        for c in cands:
            if anaphor.kind in ("m", "f") and gender_of(c) not in (None, anaphor.kind):
                continue
            for s in _mentions_between(c, start, end):
                if unquoted and ctx.in_quote(s):
                    continue
                root = _in_subject_role(_described_root(ctx.root(s)))
                subject = root is not None and (root.dep_ in _SUBJECTS or aged and _relative_subject(root))
                found.append((subject, subject and root.head.dep_ not in _MODIFIER_CLAUSES, s, c, subject and root.head.dep_ == "ROOT"))
                if answering and k == here - 1 and root is not None and _asked(root):
                    asked.append((s, c))
        if asked:  # "Aldous asked Drummond whether she had repaired the furnace. She said …": the one asked answers
            return max(asked, key=lambda x: x[0])[1]
        if found:
            # a subject, of a main clause first: "Ruiz said she doubted the figures Park presented, and she ...": Ruiz;
            # for "he said" after a quotation, in a sentence before, the sentence's own subject first: "Ostrowski said
            # Arancibia wants to come back. “I told him …,” he said": Ostrowski, not the subject of what he said
            mains = [x for x in found if x[4]] if unquoted and k < here else []
            subjects = mains or [x for x in found if x[1]] or [x for x in found if x[0]]
            return max(subjects or found, key=lambda x: x[2])[3]
    return None


def _without_fronted(ctx: Context, anaphor: Anaphor, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` without those named in a clause put before the main clause whose subject is ``anaphor``,
    a he/she: "Told of Ostrowski's remarks, she laughed" is not Ostrowski (:func:`_in_fronted_clause`)."""
    head = ctx.doc[anaphor.head]
    if anaphor.kind not in ("m", "f") or not _main_subject(head):
        return cands
    start = ctx.sentence_starts[ctx.sentence_of(anaphor.start)]
    return [
        c for c in cands
        if not any((r := ctx.root(s)) is not None and _in_fronted_clause(r, head) for s in _mentions_between(c, start, anaphor.start))
    ]


def _main_subject(token: Token) -> bool:
    """Whether ``token`` is the subject of its sentence's main verb ("she laughed", not "Asked what she
    hopes for, the 78-year-old …", where "she" is who the main clause names next)."""
    return token.dep_ in _SUBJECTS and token.head.dep_ == "ROOT"


def _far_pick(ctx: Context, anaphor: Anaphor, pool: list[Candidate], gender) -> Candidate | None:
    """For a he/she that nobody within :data:`REACH` can mean: the person of that gender (known, by given
    name, honorific or the pronouns linked before) mentioned last, at most :data:`FAR_REACH` sentences
    back, not one a clause before its own names ("Rosalind Thornquist says her bakery will close … [five
    sentences on a neighbour and the landlord's spokeswoman] … Told of Desai's remarks, she shook her
    head": Thornquist)."""
    here = ctx.sentence_of(anaphor.start)
    since = ctx.sentence_starts[max(0, here - 1)]
    other = "f" if anaphor.kind == "m" else "m"
    for c in _without_fronted(ctx, anaphor, pool):  # someone just written about as a main clause's subject, whom a
        # given name alone says is of the other gender ("the 22-year-old forward said …" … "she added"), is likelier meant
        # than anyone far back
        if c.entity.type == "PERSON" and all(kind != other for _, kind in c.linked) and any(
            not ctx.in_quote(s) and (r := _described_root(ctx.root(s))) is not None and _main_subject(r) for s in _mentions_between(c, since, anaphor.start)
        ):
            return None
    found = []
    for c in pool:
        if c.entity.type != "PERSON" or gender(c) != anaphor.kind:
            continue
        last = _last_before(c, anaphor.start)
        if last is not None and here - ctx.sentence_of(last) <= FAR_REACH:
            found.append((last, c))
    kept = {id(c) for c in _without_fronted(ctx, anaphor, [c for _, c in found])}
    found = [(last, c) for last, c in found if id(c) in kept]
    return max(found, key=lambda x: x[0])[1] if found else None


def _described_root(token: Token | None) -> Token | None:
    """The noun of a description linked before, whose mention starts at its determiner ("the 19-year-old
    skip said", "the minister"), for its role in the clause; other mentions' roots as they are."""
    return token.head if token is not None and token.dep_ == "det" and token.head.i > token.i else token


def _relative_subject(token: Token) -> bool:
    """Whether ``token`` is what a relative clause's subject stands for: "talking about Alfonso Espinos, who
    was born in Mexico" makes him the one the sentence is about, as a subject would."""
    return any(c.dep_ == "relcl" and any(g.dep_ in _SUBJECTS and g.lower_ in ("who", "that") for g in c.children) for c in token.children)


_ASKING = frozenset({"ask", "question", "press", "quiz"})
_QUESTION_WORDS = frozenset({"whether", "if", "why", "how", "what", "when", "where", "who", "about"})


def _asked(token: Token) -> bool:
    """Whether ``token`` is the one a question was put to: the object of "ask" (or "question", "press")
    with a question after it ("asked Drummond whether …", "pressed him about …"), not a request ("asked
    her to resign")."""
    verb = token.head
    if token.dep_ != "dobj" or verb.lemma_.lower() not in _ASKING or any(c.dep_ == "xcomp" for c in verb.children):
        return False
    return any(t.lower_ in _QUESTION_WORDS for t in verb.subtree if t.i > token.i)


def _in_subject_role(token: Token | None) -> Token | None:
    """``token``, or the common noun it stands in apposition to when that noun is the one in a role:
    "The head of the nurses' union, Gloria Pendleton, criticised …" makes the name the clause's subject."""
    if token is not None and token.dep_ == "appos" and token.head.i < token.i and token.head.pos_ == "NOUN":
        return token.head
    return token


def _in_fronted_clause(token: Token, subject: Token) -> bool:
    """Whether ``token``, not a subject, stands in a participle clause put before the main clause whose
    subject is ``subject`` ("Told of Ostrowski's remarks, she …", "Asked about Ruiz's plan, he …"): the
    pronoun is the one told or asked, not the one named there; or, as subject or not, in any clause put
    before a reply ("After Haddad accused …, she shot back"): the one who replies is the other one."""
    reply = _replies(subject.head)  # "After Haddad accused the Liberals …, she shot back": the other one
    if token.dep_ in _SUBJECTS and not reply or token.i > subject.i:
        return False
    node = token
    while node.head.i != node.i and node.dep_ != "advcl":
        node = node.head
    return node.dep_ == "advcl" and node.head.i == subject.head.i and node.i < subject.i and (node.tag_ in ("VBN", "VBG") or reply)


#: verbs (with their particle) of a reply: their subject answers the one named in a clause before them
_REPLIES = frozenset("reply respond retort counter answer rebut shoot|back fire|back hit|back".split())


def _replies(verb: Token) -> bool:
    particle = next((c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod") and c.lower_ == "back"), None)
    return verb.lemma_.lower() in _REPLIES or f"{verb.lemma_.lower()}|{particle}" in _REPLIES


def _modifiers(ctx: Context, anaphor: Anaphor) -> set[str]:
    """The nouns a description's noun is compounded with, and the party it is qualified by, lower-cased:
    {"union"} of "the union leader", {"liberal"} of "the Liberal MP"."""
    return {
        t.lower_ for t in ctx.doc[anaphor.head].lefts
        if t.dep_ == "compound" and t.pos_ == "NOUN" or t.dep_ in ("compound", "amod") and t.lower_ in PARTY_MEMBERS
    }


def _holders(ctx: Context, anaphor: Anaphor, cands: list[Candidate]) -> list[Candidate]:
    """The candidates that hold a description's noun as a role, with its modifier where it has one
    ("the minister": Health Minister Ana Ruiz; "the union leader": not Majority Leader Tom Reyes), or,
    for a description without a modifier, were named in apposition to its noun (:func:`_apposed`) or
    were meant by a description with that noun before ("the 39-year-old founder" … "the founder"); a
    title's words before a name count as roles ("Liberal MP Ana Ruiz": "the Liberal MP", "the Liberal");
    and the organisations whose name has the noun ("the ministry": the Ministry of Health and Wellness)."""
    modifiers = _modifiers(ctx, anaphor)
    return [
        c for c in cands
        if (anaphor.word in (words := role_words(c.entity) | _titled(ctx, c, anaphor.start)) and (not modifiers or modifiers & words))
        or (not modifiers and (anaphor.word in c.nouns or anaphor.word in _apposed(ctx, c, anaphor.start)))
        or (c.entity.type == "ORG" and anaphor.word in _name_words(c.entity) and (not modifiers or modifiers <= _name_words(c.entity)))
    ]


def _name_words(entity) -> frozenset[str]:
    """The words of an entity's name, lower-cased, a plural also in the singular: "the ministry" is the
    "Ministry of Health and Wellness"'s, "the airline" "Norvale Airlines"'s, "the company" "Ardent Companies"'."""
    return _words_of_name(entity.name)


@lru_cache(maxsize=4096)
def _words_of_name(name: str) -> frozenset[str]:
    words = {w.lower().strip(".,") for w in name.split()}
    return frozenset(words | {_singular(w) for w in words if len(w) > 3 and w.endswith("s") and not w.endswith("ss")})


def _singular(word: str) -> str:
    return word[:-3] + "y" if word.endswith("ies") else word[:-1]


def _titled(ctx: Context, c: Candidate, before: int) -> frozenset[str]:
    """The words, lower-cased, written right before a named mention of ``c`` before ``before`` as its
    title, up to four nouns and adjectives: {"conservative", "mp"} of "Conservative MP Duncan Reyes",
    {"liberal", "mp"} of "… and Liberal MP Ana Ruiz" (the entity stage keeps a party out of the roles)."""
    return ctx.words_before(_title_words, c, before)


def _title_words(ctx: Context, starts: list[int]) -> set[str]:
    return {w for start in starts for w in ctx.title(start)}


_TITLE_POS = frozenset({"NOUN", "PROPN", "ADJ"})


def _apposed(ctx: Context, c: Candidate, before: int) -> frozenset[str]:
    """The nouns, lemmatised, that a named mention of ``c`` before ``before`` stands in apposition
    to: "The province's transportation minister, Arnaud Leblanc, said …" gives "minister"."""
    return ctx.words_before(_apposed_words, c, before)


def _apposed_words(ctx: Context, starts: list[int]) -> set[str]:
    out = set()
    for start in starts:
        t = ctx.token(start)
        t = name_root(t) if t is not None else None
        if t is not None and t.dep_ == "appos" and t.head.i < t.i and t.head.pos_ == "NOUN":
            out.add(t.head.lemma_.lower())
    return out


def _introduced_with(ctx: Context, c: Candidate, before: int) -> set[str]:
    """The words, lower-cased, of what follows a comma after a named mention of ``c`` before
    ``before``, up to the next comma or full stop ("…, a regional director with the Metalworkers
    Union of Canada,")."""
    out: set[str] = set()
    ends = {m.start: m.end for m in c.entity.mentions}
    for start in c.named:
        if start >= before:
            break
        end = ends.get(start, start)
        rest = ctx.text[end : end + 160]
        if not rest.startswith(","):
            continue
        clause = re.split(r"[,.;:\n]", rest[1:], maxsplit=1)[0]
        out |= {w.lower() for w in re.findall(r"[A-Za-z]+", clause)}
    return out


def _first_mention(c: Candidate) -> int:
    return min([*c.named[:1], *(s for s, _ in c.linked)], default=1 << 30)


def _described_by(ctx: Context, anaphor: Anaphor, c: Candidate) -> bool:
    """Whether the description's noun was written next to one of the entity's names before it, in
    apposition or as a title or classifier ("Maya Chen, the team captain"; "captain Maya Chen")."""
    return anaphor.word in ctx.words_before(Context.described, c, anaphor.start)


def scores(rows: list[list[str]], model) -> np.ndarray:
    """P(the anaphor means the candidate) of each feature row, by ``model`` (:func:`_weights`)."""
    weights, bias, bits, _ = model
    if not rows:
        return np.zeros(0)
    r, c = hashed(rows, bits)
    return logistic(r, c, len(rows), weights, bias)


# ---------------------------------------------------------------------------------------------
# resolution


def resolve(doc: Doc, pool: list[Candidate], genders: dict[int, str | None], titles=frozenset(), model=None, weights_file=None, text: str | None = None):
    """Link the anaphors of ``doc`` to the entities of ``pool``, in text order: yields
    ``(anaphor, candidate or None, probability)``; a linked anaphor is added to its candidate's
    ``linked`` before the next one is scored (so "He said … He added" chains)."""
    model = model or _weights(weights_file)
    ctx = context(doc, text)
    gender = lambda c: gender_of(c, genders)  # noqa: E731
    for anaphor in anaphors(doc, named_spans(pool), titles, ctx.text):
        inside = _organisation_inside(ctx, anaphor, pool) if anaphor.kind == "d" else None
        cands = candidates(anaphor, pool, ctx, gender) if inside is None else [inside]
        chosen, probability = (inside, 1.0) if inside is not None else choose(ctx, anaphor, cands, gender, model) if cands else (None, 0.0)
        if chosen is None and anaphor.kind in ("m", "f") and _main_subject(doc[anaphor.head]):
            chosen = _far_pick(ctx, anaphor, pool, gender)
            probability = 1.0 if chosen is not None else probability
        if chosen is not None:
            chosen.linked.append((anaphor.start, anaphor.kind))
            if anaphor.kind == "d":
                chosen.nouns.add(anaphor.word)
            yield anaphor, chosen, probability
        else:
            yield anaphor, None, probability


def choose(ctx: Context, anaphor: Anaphor, cands: list[Candidate], gender, model, speaking: bool = False) -> tuple[Candidate | None, float]:
    """The candidate ``anaphor`` means and its probability, or (None, probability) when none is
    likely enough: for a description with an age, the latest candidate written with that age, and
    none written with another; then the hand-written rule's pick where it has one
    (:data:`RULE_FIRST`: for he/she the subject rule, for a description the latest holder of its
    noun as a role); else the model's best candidate if it reaches the kind's threshold (a lower
    one where the anaphor is the subject of a verb of speech or ``speaking``, a quote's source
    otherwise, :data:`SPEAKER_THRESHOLDS`)."""
    if anaphor.kind == "d":  # "Earl Whitlock, 81, …" then "the 81-year-old said": the age decides
        wanted, ages = _ages(ctx, anaphor, cands)
        if wanted in ages:
            return cands[ages.index(wanted)], 1.0
        if wanted is not None:
            cands = [c for c, age in zip(cands, ages) if age is None]
            if not cands:
                return None, 0.0
            # an age given for the first time: like "he" or "she", the person just written about
            rule = _rule_pick(ctx, replace(anaphor, kind="aged"), cands, gender)
            if rule is not None:
                return rule, 1.0
    if anaphor.kind == "pl" and _group_before(ctx, anaphor, cands):
        return None, 0.0  # "The New Democrats argue …; they say": the group, which the quote stage names
    speaking = speaking or ctx.speaks(ctx.doc[anaphor.head])
    rule = _rule_pick(ctx, anaphor, cands, gender) if RULE_FIRST and anaphor.kind in ("m", "f", "d") else None
    if anaphor.kind == "d" and speaking and _role_noun(anaphor.word) and not _holders(ctx, anaphor, cands):
        # "“…,” the union leader said" with no one called so before: the one introduced with its modifier
        # ("…, a shop steward with the Transit Workers Union,") if in the last sentences, else the person just
        # written about, in the sentences before (not "During an exchange with auditor Rita Alvarez, the director said")
        here = ctx.sentence_of(anaphor.start)
        if rule is None or here - ctx.sentence_of(_last_before(rule, anaphor.start)) > RECENT:
            rule = _rule_pick(ctx, replace(anaphor, kind="aged"), [c for c in cands if c.entity.type == "PERSON"], gender, back=1) or rule
    if rule is not None:
        return rule, 1.0
    cands = _without_fronted(ctx, anaphor, cands)
    if not cands:
        return None, 0.0
    p = scores(features(ctx, anaphor, cands, gender, rule if RULE_FIRST and anaphor.kind in ("m", "f", "d") else _UNKNOWN), model)
    best = int(np.argmax(p))
    threshold = model[3][anaphor.kind]
    if speaking:
        threshold = min(threshold, SPEAKER_THRESHOLDS.get(anaphor.kind, 1.0))
    return (cands[best] if p[best] >= threshold else None), float(p[best])


def _organisation_inside(ctx: Context, anaphor: Anaphor, pool: list[Candidate]) -> Candidate | None:
    """The organisation a description names among its own modifiers, where its noun may name one: "the state-run
    Interfax news agency", "the Norvik newspaper chain" are Interfax and Norvik, not an organisation named before."""
    head = ctx.doc[anaphor.head]
    if "ORG" not in described_types(anaphor.word):
        return None
    for c in pool:
        if c.entity.type == "ORG" and any(anaphor.start < s < head.idx for s in c.named[bisect_left(c.named, anaphor.start) : bisect_left(c.named, head.idx)]):
            return c
    return None


def _group_before(ctx: Context, anaphor: Anaphor, cands: list[Candidate]) -> bool:
    """Whether "they" follows a group named by a plural noun, the subject of a clause in its sentence or
    the two before (:func:`newsgraph.quotes._plural_subject_before`), with no candidate mentioned from
    that group on: "The Conservatives believe …; they say" means the Conservatives, not a place or
    organisation named before them, though the group is no entity that may be chosen."""
    from .quotes import _plural_subject_before

    group = _plural_subject_before(ctx.doc[anaphor.head])
    if group is None:
        return False
    start = group.left_edge.idx
    return not any(start <= s < anaphor.start for c in cands for s in (*c.named, *(at for at, _ in c.linked)))


def refer(ctx: Context, pool: list[Candidate], genders: dict[int, str | None], anaphor: Anaphor, model=None) -> Candidate | None:
    """The entity of ``pool`` a definite description the quote stage found to be a quote's source
    means ("…, according to the city", "the union's release said"), as :func:`resolve` would choose
    for a description that is the subject of a verb of speech; None where nothing fits."""
    gender = lambda c: gender_of(c, genders)  # noqa: E731
    cands = candidates(anaphor, pool, ctx, gender, speaking=True)
    if not cands:
        return None
    return choose(ctx, anaphor, cands, gender, model or _weights(None), speaking=True)[0]


def named_spans(pool: list[Candidate]) -> list[tuple[int, int]]:
    """(start, end) of the named mentions of the entities of ``pool``, in text order."""
    spans = []
    for c in pool:
        ends = {m.start: m.end for m in c.entity.mentions}
        spans += [(s, ends.get(s, s + 1)) for s in c.named]
    return sorted(spans)


def gender_of(c: Candidate, genders: dict[int, str | None]) -> str | None:
    """The entity's gender from its names (``genders``), else from the pronouns linked to it: two
    or more of one gender, at least twice as many as of the other (a single "he" wrongly linked must
    not bar every later "she", nor a single "her" open a man's entity to every later one)."""
    g = genders.get(id(c.entity))
    if g is not None:
        return g
    seen = [kind for _, kind in c.linked if kind in ("m", "f")]
    m, f = seen.count("m"), seen.count("f")
    return "m" if m >= 2 and m >= 2 * f else "f" if f >= 2 and f >= 2 * m else None
