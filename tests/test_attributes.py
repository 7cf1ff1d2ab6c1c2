"""The attribute table (newsgraph.attributes) gives exactly what the model's attribute_ruler gives."""

import pytest
import spacy

from newsgraph.analyse import DEFAULT_MODEL, load_nlp, plain
from newsgraph.attributes import NAME, AttributeTable

pytestmark = pytest.mark.slow

# fresh sentences with the ruler's exceptions: contractions, "gon na", "let's", pronoun cases, "there is",
# determiners as pronouns, auxiliaries, "do"/"have" as main verbs, spaces and line breaks
TEXT = (
    "I told her we're gonna need more chairs, and she said it wasn't her job.\n\n"
    "Let's not pretend there is nothing left to do: the council did that, and that is why y'all are angry.  "
    "Those who ain't paying will have to, the mayor's office said. You gotta admit it's somethin' else.\n"
    "\"Give it to me,\" he said to you, \"or I'll take 'em both.\" Whether he does, nobody knows."
)


def signature(doc):
    return [(t.text, t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in doc]


def test_the_table_gives_what_the_attribute_ruler_gives():
    nlp = load_nlp()
    assert NAME in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names  # in its place
    reference = spacy.load(DEFAULT_MODEL)
    ours, theirs = nlp(TEXT), reference(TEXT)
    assert signature(ours) == signature(theirs)
    assert ours[0].pos_ == "PRON" and any(t.lemma_ == "go" for t in ours)  # the rules did run
    with plain(nlp):  # the plain model runs spaCy's own ruler again
        assert "attribute_ruler" in nlp.pipe_names and NAME not in nlp.pipe_names
        assert signature(nlp(TEXT)) == signature(theirs)


def test_rules_beyond_the_table_are_refused():
    nlp = spacy.blank("en")
    with pytest.raises(ValueError):
        AttributeTable(nlp.vocab, [{"patterns": [[{"SHAPE": "Xxxx"}]], "attrs": {"POS": "PROPN"}}])
    with pytest.raises(ValueError):
        AttributeTable(nlp.vocab, [{"patterns": [[{"TAG": "NN"}]], "attrs": {"NORM": "x"}}])
