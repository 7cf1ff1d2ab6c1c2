"""The news NER tagger (newsgraph.ner) and how the entity stage combines it with spaCy's own NER."""

import pytest
import spacy

import newsgraph
from newsgraph.analyse import DEFAULT_MODEL, load_nlp, plain
from newsgraph.ner import NAME, ONTO, add_news_ner, iob_spans

pytestmark = pytest.mark.slow

TEXT = (
    "Kazakh President Kassym-Jomart Tokayev met German Chancellor Olaf Scholz in Astana on Monday. "
    "Lufthansa said the European Union would decide. Somerset 83 and Durham 114 were the scores at Taunton."
)


def test_iob_tags_become_spans_with_the_majority_label():
    doc = spacy.blank("en")("Peter Blackburn of New York Times said no")
    spans = iob_spans(doc, ["B-PER", "I-PER", "O", "B-ORG", "I-LOC", "I-ORG", "O", "I-MISC"])
    assert [(s.text, s.label_) for s in spans] == [("Peter Blackburn", "PER"), ("New York Times", "ORG"), ("no", "MISC")]


def test_a_person_tagged_again_right_after_a_person_continues_the_name():
    doc = spacy.blank("en")("Anne-Sophie Delorme met Brightwater Holt, Lyon Ouest")
    spans = iob_spans(doc, ["B-PER", "I-PER", "I-PER", "B-PER", "O", "B-PER", "B-PER", "O", "B-ORG", "B-ORG"])
    assert [(s.text, s.label_) for s in spans] == [
        ("Anne-Sophie Delorme", "PER"),  # the tagger began a name again at "Delorme": one name
        ("Brightwater", "PER"),  # no given name before "Holt": two
        ("Holt", "PER"),
        ("Lyon", "ORG"),  # other kinds may follow each other ("Lyon Ouest": two teams on a scorecard)
        ("Ouest", "ORG"),
    ]


def test_the_tagger_leaves_the_plain_model_exactly_as_it_was():
    nlp = load_nlp()
    names = nlp.pipe_names
    assert NAME in names and ONTO in names and "ner" not in names and "ner" in nlp.component_names  # sm's ner kept, disabled
    reference = spacy.load(DEFAULT_MODEL)
    ours, theirs = nlp(TEXT), reference(TEXT)
    assert [(t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i) for t in ours] == [(t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i) for t in theirs]
    assert (ours.tensor == theirs.tensor).all()
    assert {s.label_ for s in ours.spans[NAME]} <= {"PER", "ORG", "LOC", "MISC"} and len(ours.spans[NAME]) >= 6
    with plain(nlp):  # the model as published: no tagger spans, sm's own ner and entities
        doc = nlp(TEXT)
    assert NAME not in doc.spans and [(e.text, e.label_) for e in doc.ents] == [(e.text, e.label_) for e in theirs.ents]
    assert nlp.pipe_names == names  # and back


# fresh news sentences, every kind of sm's entities in them
NEWS = (
    "Shares of Toyota rose 4 percent in Tokyo on Thursday after the carmaker said it would spend $2 billion on a "
    "battery plant in North Carolina. Chief executive Koji Sato told reporters the first cars would leave the line "
    "in the spring of 2026, two years later than planned. About 1,500 Americans will work there, the company said. "
    "The Japanese government welcomed the decision, and the Nikkei closed at 38,000 points."
)


def test_the_entity_tagger_gives_sms_entities():
    nlp = load_nlp()
    ours = {(e.start_char, e.end_char, e.label_) for e in nlp(NEWS).ents}
    theirs = {(e.start_char, e.end_char, e.label_) for e in spacy.load(DEFAULT_MODEL)(NEWS).ents}
    labels = {label for *_, label in theirs}
    assert {"ORG", "GPE", "DATE", "MONEY", "PERCENT", "PERSON", "NORP", "CARDINAL"} <= labels
    assert len(ours & theirs) >= 0.9 * len(theirs) and len(ours & theirs) >= 0.9 * len(ours)


def test_the_numpy_pass_gives_the_taggers_scores():
    """NewsNetwork (the embeddings once per distinct word, the layers in blocks of rows) against thinc's
    pass of the same model: a batch with a long text (several blocks), short ones (fewer distinct words
    than FEW_ROWS) and an empty one, and each text alone. The same scores but for float32 rounding (the
    BLAS kernels of some CPUs sum in another order than thinc's: bit-equal on one machine, not on
    another), and the same best tag for every token."""
    import numpy as np

    from newsgraph.sequence import BLOCK

    nlp = load_nlp()
    tagger = nlp.get_pipe(NAME)
    assert tagger.network is not None
    long = " ".join(
        f"Councillor Ysolde Bakarian-Tully of Ward {k} told the Hollowmere Tenants Union on day {k} that rents rose {k + 3} percent."
        for k in range(120)
    )
    texts = [NEWS, long, "Rain again.", "", "Ottawa", TEXT]
    with nlp.select_pipes(disable=[NAME, "newsgraph_tensor_restore", "newsgraph_entities"]):
        docs = list(nlp.pipe(texts))
    assert sum(len(d) for d in docs) > 2 * BLOCK
    for batch in [docs, *([d] for d in docs if len(d))]:
        theirs, ours = tagger.model.predict(batch), tagger.network(batch)
        assert len(theirs) == len(ours) and all(a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=1e-5) for a, b in zip(theirs, ours))
        assert all(np.array_equal(a.argmax(axis=1), b.argmax(axis=1)) for a, b in zip(theirs, ours))
    tags = tagger.predict(docs)
    assert [len(t) for t in tags] == [len(d) for d in docs]


def test_the_tagger_is_added_only_to_the_model_it_was_trained_on():
    nlp = spacy.load(DEFAULT_MODEL)
    assert add_news_ner(nlp) and not add_news_ner(nlp)  # once
    blank = spacy.blank("en")
    assert not add_news_ner(blank) and blank.pipe_names == []


def entity_types(text: str) -> dict[str, str]:
    return {e.name: e.type for e in newsgraph.extract(text).entities}


def test_a_name_the_tagger_splits_at_a_hyphen_is_one_name():
    found = entity_types("Kazakh President Kassym-Jomart Tokayev spoke. Tokayev said talks went well.")
    assert found.get("Kassym-Jomart Tokayev") == "PERSON"


def test_places_named_as_sports_teams_are_organisations():
    found = entity_types("Somerset 83 and Durham 114 were the scores at Taunton on Friday. Liverpool v Chelsea was postponed.")
    assert found["Somerset"] == found["Durham"] == "ORG"
    assert found["Liverpool"] == found["Chelsea"] == "ORG"
    assert found["Taunton"] == "GPE"


def test_non_names_are_not_people():
    found = entity_types(
        "Fritz Henderson, the Chief Executive Officer of General Motors, spoke. "
        "The Dreamliner will be delivered in 2014. Apple launched iCloud and the MP3 Player line. "
        "The unions were displeased. Union officials met on Monday."
    )
    assert "Officer" not in found and "Union" not in found
    assert found.get("Fritz Henderson") == "PERSON"
    assert all(found.get(name) != "PERSON" for name in ("Dreamliner", "iCloud", "MP3 Player"))


def test_a_title_word_ending_a_name_does_not_unmake_the_person():
    found = entity_types("Markets were closed in honor of Martin Luther King on Monday.")
    assert found.get("Martin Luther King") == "PERSON"


def test_a_finer_type_from_the_plain_model_where_the_tagger_says_misc():
    found = entity_types("An Airbus A380 landed at Heathrow. Airbus said the A380 was fine.")
    assert found["Airbus"] == "ORG" and found["A380"] == "PRODUCT"


def test_the_plain_model_is_the_model_as_published():
    nlp = load_nlp()
    published = spacy.load(DEFAULT_MODEL)
    with plain(nlp):
        assert [n for n in nlp.pipe_names if n not in ("ner_tok2vec", "newsgraph_tensor_save", "newsgraph_tensor_restore")] == published.pipe_names
        assert "senter" not in nlp.pipe_names  # the model's own disabled component stays disabled
