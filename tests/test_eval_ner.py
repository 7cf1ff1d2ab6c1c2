"""The NER evaluation: reading CoNLL-2003 files, exact-span scoring, the task on a gold set of our own."""

import pytest

from newsgraph import evaluate
from newsgraph.errors import EvalError
from newsgraph.evaluate.ner import GoldDoc, compare, load_conll, newsgraph_spans

# Invented sentences, tagged by hand (IOB2). Two documents; the first has two sentences.
CONLL = """\
-DOCSTART- -X- -X- O

Maria NNP B-NP B-PER
Lindqvist NNP I-NP I-PER
joined VBD B-VP O
Google NNP B-NP B-ORG
in IN B-PP O
London NNP B-NP B-LOC
. . O O

The DT B-NP O
Swedish JJ I-NP B-MISC
engineer NN I-NP O
moved VBD B-VP O
to TO B-PP O
New NNP B-NP B-LOC
York NNP I-NP I-LOC
last JJ B-NP O
year NN I-NP O
. . O O

-DOCSTART- -X- -X- O

John NNP B-NP B-PER
Smith NNP I-NP I-PER
spoke VBD B-VP O
to TO B-PP O
reporters NNS B-NP O
in IN B-PP O
Paris NNP B-NP B-LOC
on IN B-PP O
Monday NNP B-NP O
. . O O
"""


@pytest.fixture
def conll(tmp_path):
    path = tmp_path / "dev.txt"
    path.write_text(CONLL)
    return path


def test_load_conll_offsets_match_tokens(conll):
    docs = load_conll(conll)
    assert len(docs) == 2
    first = docs[0]
    assert first.text.split("\n")[0] == "Maria Lindqvist joined Google in London ."
    assert first.text.count("\n") == 1  # two sentences, one line each
    assert [(first.text[s:e], label) for s, e, label in first.spans] == [
        ("Maria Lindqvist", "PER"),
        ("Google", "ORG"),
        ("London", "LOC"),
        ("Swedish", "MISC"),
        ("New York", "LOC"),
    ]
    assert [docs[1].text[s:e] for s, e, _ in docs[1].spans] == ["John Smith", "Paris"]


def test_load_conll_iob1_and_adjacent_entities(tmp_path):
    # IOB1: an entity may start with I-; B- only separates two adjacent entities of one label
    path = tmp_path / "iob1.txt"
    path.write_text("Anna I-PER\nBerg I-PER\nErik B-PER\nHolm I-PER\nvisited O\nOslo I-LOC\nNorway I-ORG\n")
    (doc,) = load_conll(path)
    assert [(doc.text[s:e], label) for s, e, label in doc.spans] == [
        ("Anna Berg", "PER"),
        ("Erik Holm", "PER"),
        ("Oslo", "LOC"),
        ("Norway", "ORG"),
    ]


@pytest.mark.parametrize(
    "content",
    ["", "\n\n", '{"not": "conll"}\n', "Maria NNP B-NP PERSON\n", "just-one-column\n"],
    ids=["empty", "blank", "json", "bad-tag", "one-column"],
)
def test_load_conll_rejects_non_conll(tmp_path, content):
    path = tmp_path / "bad.txt"
    path.write_text(content)
    with pytest.raises(EvalError) as raised:
        load_conll(path)
    assert "\n" not in str(raised.value) and str(path) in str(raised.value)


def test_load_conll_missing_file(tmp_path):
    with pytest.raises(EvalError, match="cannot read"):
        load_conll(tmp_path / "nope.txt")


GOLD = [[(0, 5, "PER"), (10, 16, "ORG")]]


def test_compare_exact_match():
    counts = compare(GOLD, GOLD)
    assert (counts["all"].precision, counts["all"].recall, counts["all"].f1) == (1.0, 1.0, 1.0)
    assert counts["PER"].f1 == counts["ORG"].f1 == counts["span"].f1 == 1.0
    assert counts["LOC"].f1 == 0.0  # no LOC on either side: zero, not undefined


def test_compare_wrong_label_counts_for_span_only():
    counts = compare(GOLD, [[(0, 5, "PER"), (10, 16, "LOC")]])
    assert (counts["all"].tp, counts["all"].fp, counts["all"].fn) == (1, 1, 1)
    assert counts["span"].f1 == 1.0
    assert (counts["ORG"].tp, counts["ORG"].fn) == (0, 1)
    assert (counts["LOC"].tp, counts["LOC"].fp) == (0, 1)


def test_compare_wrong_boundary_is_a_miss_and_a_false_alarm():
    counts = compare(GOLD, [[(0, 5, "PER"), (6, 16, "ORG")]])  # "the Acme" for "Acme"
    assert (counts["all"].tp, counts["all"].fp, counts["all"].fn) == (1, 1, 1)
    assert counts["span"].f1 == 0.5
    assert counts["all"].precision == counts["all"].recall == 0.5


def test_compare_empty_sides():
    nothing = compare(GOLD, [[]])
    assert (nothing["all"].precision, nothing["all"].recall, nothing["all"].f1) == (0.0, 0.0, 0.0)
    assert nothing["all"].fn == 2
    spurious = compare([[]], [[(0, 5, "PER")]])
    assert (spurious["all"].fp, spurious["all"].f1) == (1, 0.0)
    assert compare([], [])["all"].f1 == 0.0
    with pytest.raises(ValueError):
        compare(GOLD, [])


def test_compare_is_per_document():
    # the same offsets in another document do not match
    counts = compare([[(0, 5, "PER")], []], [[], [(0, 5, "PER")]])
    assert (counts["all"].tp, counts["all"].fp, counts["all"].fn) == (0, 1, 1)


def test_newsgraph_spans_maps_mention_labels(monkeypatch):
    # a stand-in entity stage on a blank pipeline: the mention's label wins over the entity's type
    import spacy

    from newsgraph import pipeline
    from newsgraph.record import Entity, Mention

    def fake_entities(record, doc):
        record.entities = [
            Entity("e1", "Maria Lindqvist", "PERSON", mentions=[Mention(0, 15)]),
            Entity("e2", "Sweden", "GPE", mentions=[Mention(24, 30), Mention(36, 43, label="NORP")]),
            Entity("e3", "Monday", "DATE", mentions=[Mention(47, 53)]),  # not a CoNLL entity
        ]
        return record

    monkeypatch.setattr(pipeline, "EXTRACTORS", [fake_entities])
    text = "Maria Lindqvist flew to Sweden; the Swedish on Monday ."
    assert newsgraph_spans(spacy.blank("en"), [text, text]) == [
        [(0, 15, "PER"), (24, 30, "LOC"), (36, 43, "MISC")]
    ] * 2


@pytest.mark.slow
def test_ner_task_end_to_end(conll):
    report = evaluate.run("ner", str(conll))
    systems = {s.system: s for s in report.scores}
    assert set(systems) == {
        "newsgraph",
        "newsgraph (tune)",
        "newsgraph (check)",
        "news NER tagger alone (tune)",
        "news NER tagger alone (check)",
        "spaCy sm (raw)",
    }
    assert systems["newsgraph (tune)"].n + systems["newsgraph (check)"].n == systems["newsgraph"].n
    spacy = systems["spaCy sm (raw)"]
    assert spacy.n == 7
    assert spacy.f1 > 0 and spacy.extra["PER_f1"] > 0 and spacy.extra["span_f1"] > 0
    assert {"PER_f1", "ORG_f1", "LOC_f1", "MISC_f1", "span_f1"} <= set(spacy.extra)
    assert 0.0 <= systems["newsgraph"].f1 <= 1.0


@pytest.mark.slow
def test_newsgraph_spans_one_list_per_text(conll):
    from newsgraph.analyse import load_nlp

    docs: list[GoldDoc] = load_conll(conll)
    spans = newsgraph_spans(load_nlp(), [d.text for d in docs])
    assert len(spans) == len(docs)
    for doc, doc_spans in zip(docs, spans):
        for s, e, label in doc_spans:
            assert 0 <= s < e <= len(doc.text) and label in {"PER", "ORG", "LOC", "MISC"}
