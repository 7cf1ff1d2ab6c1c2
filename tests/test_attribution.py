"""The attribution tagger (issue 16): its decoding and grouping on made-up tags, the CofeNet-style
metric on made-up spans, and the shipped model on sentences written for these tests."""

import numpy as np
import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

import newsgraph
from newsgraph import attribution, sequence
from newsgraph.attribution import LABELS, Tagged
from newsgraph.evaluate import quote_spans
from newsgraph.evaluate.quote_spans import compare, figures, new_counts, sentence_spans, token_tags


FLAT = attribution.transitions([])  # every legal move alike


def test_decoding_gives_well_formed_tags_only():
    rng = np.random.default_rng(7)
    for _ in range(50):
        probs = rng.dirichlet(np.ones(len(LABELS)), size=30)
        probs[rng.random(30) < 0.3] = [0.97, 0.005, 0.005, 0.005, 0.005, 0.005, 0.005]  # some surely outside
        tags = [LABELS[t] for t in attribution.decode(probs, FLAT)]
        for before, tag in zip(["O", *tags], tags):
            if tag.startswith("I-"):
                assert before[2:] == tag[2:] and before != "O"


def test_decoding_reads_the_best_legal_sequence():
    # the middle tokens are most likely I-CUE, but nothing opens a cue before them: the best legal
    # reading opens it at the first (B-CUE) rather than dropping to O
    probs = np.full((4, len(LABELS)), 0.01)
    probs[0, LABELS.index("O")] = 0.9
    probs[1, LABELS.index("I-CUE")], probs[1, LABELS.index("B-CUE")] = 0.6, 0.3
    probs[2, LABELS.index("I-CUE")] = 0.9
    probs[3, LABELS.index("B-CONTENT")] = 0.9
    assert [LABELS[t] for t in attribution.decode(probs, FLAT)] == ["O", "B-CUE", "I-CUE", "B-CONTENT"]


def test_spans_read_back_as_iob_tags():
    probs = np.full((5, len(LABELS)), 0.01)
    for i, label in enumerate(["O", "B-CUE", "I-CUE", "B-CONTENT", "O"]):
        probs[i, LABELS.index(label)] = 0.9
    found = attribution.spans(attribution.decode(probs, FLAT), probs)
    assert [(t.role, t.start, t.end) for t in found] == [("CUE", 1, 3), ("CONTENT", 3, 4)]
    assert attribution.iob(5, found) == ["O", "B-CUE", "I-CUE", "B-CONTENT", "O"]


def test_a_span_runs_from_its_b_tag_to_the_first_tag_that_does_not_continue_it():
    # sequence.spans as the taggers read it: an I- with nothing open is dropped, an I- of another
    # label continues the open span (the decoder never writes either; the reading stays defined)
    tags = ["I-CUE", "B-CUE", "I-CUE", "I-CONTENT", "O", "B-SOURCE", "B-CONTENT", "I-CONTENT"]
    assert sequence.spans([LABELS.index(t) for t in tags], LABELS) == [(1, 4, "CUE"), (5, 6, "SOURCE"), (6, 8, "CONTENT")]
    assert sequence.spans([], LABELS) == [] and sequence.spans([0, 0], list(LABELS)) == []


def test_iob_leaves_whitespace_tokens_outside_as_the_gold_does():
    # a content span over a whitespace token (two spaces after a comma): that token is O, as the gold
    # tags draw it, and the span goes on after it with a B- tag
    found = [Tagged("CUE", 0, 1, 0.9), Tagged("CONTENT", 1, 6, 0.9)]
    assert attribution.iob(6, found, blank={3}) == ["B-CUE", "B-CONTENT", "I-CONTENT", "O", "B-CONTENT", "I-CONTENT"]
    assert attribution.iob(6, found) == ["B-CUE", "B-CONTENT", "I-CONTENT", "I-CONTENT", "I-CONTENT", "I-CONTENT"]
    doc = Doc(Vocab(), words=["Warned", "the", "dam", "  ", "may", "crack"], spaces=[True, True, False, False, True, False])
    gold = token_tags(doc, {"SOURCE": [], "CUE": [(0, 6)], "CONTENT": [(7, len(doc.text))]})
    assert attribution.iob(6, found, quote_spans.spaces(doc)) == gold


def test_learned_transitions_keep_a_long_span_whole():
    # a weak O inside a content span: the transitions (content goes on more often than it stops) bridge it
    sequences = [["O", "B-CONTENT"] + ["I-CONTENT"] * 20 + ["O"] * 3] * 50
    trans = attribution.transitions(sequences)
    probs = np.full((6, len(LABELS)), 0.001)
    for i, (label, p) in enumerate([("O", 0.99), ("B-CONTENT", 0.9), ("I-CONTENT", 0.9), ("O", 0.5), ("I-CONTENT", 0.9), ("O", 0.99)]):
        probs[i, LABELS.index(label)] = p
    probs[3, LABELS.index("I-CONTENT")] = 0.45
    assert [LABELS[t] for t in attribution.decode(probs, trans)][1:5] == ["B-CONTENT", "I-CONTENT", "I-CONTENT", "I-CONTENT"]
    assert LABELS[probs[3].argmax()] == "O"  # token by token, the span would break there


def _doc(text: str) -> Doc:
    words = text.split(" ")
    doc = Doc(Vocab(), words=[w.replace("¶", "\n\n") if w == "¶" else w for w in words])
    for t in doc:
        t.is_sent_start = t.i == 0 or doc[t.i - 1].text in (".", "\n\n")
    return doc


def test_contents_go_to_the_nearest_cue_of_their_paragraph_and_cues_to_their_sentences_source():
    #          0   1     2        3   4    5     6    7 8 9         10    11 12   13 14    15  16    17
    doc = _doc("The mayor promised the road would open . ¶ Residents doubt it will . Later she added more")
    tagged = [
        Tagged("SOURCE", 0, 2, 0.9), Tagged("CUE", 2, 3, 0.9), Tagged("CONTENT", 3, 6, 0.8),
        Tagged("SOURCE", 9, 10, 0.7), Tagged("CUE", 10, 11, 0.8), Tagged("CONTENT", 11, 13, 0.6),
    ]
    groups = attribution.attributions(doc, tagged)
    assert [(g.source.start, g.cue.start, [c.start for c in g.content]) for g in groups] == [(0, 2, [3]), (9, 10, [11])]
    assert groups[1].confidence == 0.6


def test_a_content_with_no_cue_continues_the_attribution_before_it():
    doc = _doc("She said the plan works . ¶ It will save money . ¶ Critics disagree")
    #          0   1    2   3    4     5 6 7  8    9    10    11 12 13
    tagged = [Tagged("SOURCE", 0, 1, 0.9), Tagged("CUE", 1, 2, 0.9), Tagged("CONTENT", 2, 5, 0.8), Tagged("CONTENT", 7, 11, 0.7)]
    (group,) = attribution.attributions(doc, tagged)
    assert [c.start for c in group.content] == [2, 7]


def test_cofenet_metric_cuts_spans_at_sentences_and_scores_exact_begin_and_edges():
    doc = _doc("“ It works . It saves money , ” she said .")
    gold = token_tags(doc, {"CONTENT": [(0, 31)], "SOURCE": [(33, 36)], "CUE": [(37, 41)]})
    assert gold[:5] == ["B-CONTENT", "I-CONTENT", "I-CONTENT", "I-CONTENT", "I-CONTENT"]
    spans = sentence_spans(doc, gold)
    assert spans["CONTENT"] == {(0, 4), (4, 9)}  # one content over two sentences: two spans
    # a prediction without the quotation marks: exact misses both, edges-ignored finds both
    predicted = ["O", "B-CONTENT", "I-CONTENT", "I-CONTENT", "I-CONTENT", "I-CONTENT", "I-CONTENT", "I-CONTENT", "O", "B-SOURCE", "B-CUE", "O"]
    counts = new_counts()
    compare(doc, spans, sentence_spans(doc, predicted), counts)
    f = figures(counts)
    assert f["content"] == 0.0 and f["content_edges"] == 1.0
    assert f["source"] == 1.0 and f["cue"] == 1.0 and f["content_begin"] == 0.5
    assert 0.5 < f["content_jaccard"] < 1.0


def test_a_cue_and_source_inside_a_quotes_words_keep_their_roles():
    # the record's quote spans "The levy , she said , will rise" whole; the annotators cut its content around
    # the attribution, so "she" and "said" are scored as source and cue, the rest as two content pieces
    from newsgraph.evaluate.quote_spans import _quote_tags
    from newsgraph.record import Quote, Span, Speaker

    doc = _doc("The levy , she said , will rise .")
    #          0   4    9 11  15   20 22   27   32
    quote = Quote(0, 31, "indirect", cue=Span(15, 19), speaker=Speaker(None, "she", 11, 14, "pronoun"))
    spans = sentence_spans(doc, _quote_tags(doc, [quote]))
    assert spans == {"CONTENT": {(0, 3), (5, 8)}, "SOURCE": {(3, 4)}, "CUE": {(4, 5)}}


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, content, source, cue, kind",
    [
        # reported speech: the whole source phrase (PolNeAR's annotators keep its closing comma), the cue, the clause
        ("The head of the regional water board, Imani Okafor, said the reservoir would be full by April.",
         "the reservoir would be full by April", "The head of the regional water board, Imani Okafor,", "said", "speech"),
        # belief: no verb of speech
        ("Many farmers in the valley believe the new dam will ruin their crops.",
         "the new dam will ruin their crops", "Many farmers in the valley", "believe", "belief"),
        # a document's findings: no one speaks
        ("According to the audit, the ministry overspent by nine million dollars last year.",
         "the ministry overspent by nine million dollars last year", "the audit", "According to", "document"),
    ],
)
def test_the_shipped_tagger_draws_source_cue_and_content(text, content, source, cue, kind):
    record = newsgraph.extract(text)
    t = record.text
    (q,) = [q for q in record.quotes if content in t[q.start : q.end] or t[q.start : q.end] in content]
    assert t[q.start : q.end].rstrip(".") == content
    assert q.source is not None and t[q.source.start : q.source.end] == source
    assert t[q.cue.start : q.cue.end] == cue
    assert q.type == kind
    assert 0.5 <= q.confidence <= 1.0


@pytest.mark.slow
def test_the_shipped_tagger_reads_the_whole_clause():
    """The tagger's LSTM sees the whole paragraph: a content span runs to the end of its clause
    (a window of three tokens each way ended it at "rates"), and a second attribution in the same
    sentence keeps its own source."""
    from newsgraph.analyse import load_nlp

    doc = load_nlp()("Analysts expect the central bank to raise interest rates again in March, according to a survey published by the newspaper on Monday.")
    found = {(t.role, doc[t.start : t.end].text) for t in attribution.tag(doc)}
    assert ("CONTENT", "the central bank to raise interest rates again in March") in found
    assert {("SOURCE", "Analysts"), ("CUE", "expect"), ("CUE", "according to"), ("SOURCE", "a survey")} <= found


@pytest.mark.slow
def test_a_paragraph_is_tagged_alike_alone_and_in_an_article():
    """The network reads one paragraph at a time: a paragraph gets the same spans alone and in an
    article, whatever stands around it (only spaCy's own token vectors see past its edges)."""
    from newsgraph.analyse import load_nlp

    nlp = load_nlp()
    paragraph = "The harbour authority said on Tuesday that ferries would run every hour from June."
    article = nlp(f"Fishing boats stayed in port all week.\n\n{paragraph}\n\n“It is a start,” a ferry captain said.")
    alone = nlp(paragraph)
    assert attribution.tagger().by_paragraph and len(attribution.paragraph_cuts(attribution.features(article, {}))) == 2
    start = next(t.i for t in article if t.text == "The" and t.nbor(1).text == "harbour")
    inside = [(t.role, t.start - start, t.end - start) for t in attribution.tag(article) if start <= t.start < start + len(alone)]
    assert inside == [(t.role, t.start, t.end) for t in attribution.tag(alone)]
    assert ("CONTENT", "that ferries would run every hour from June") in {(t.role, alone[t.start : t.end].text) for t in attribution.tag(alone)}


@pytest.mark.slow
def test_the_numpy_pass_gives_thincs_probabilities_one_by_one_and_in_a_batch():
    """The shipped tagger runs its network in numpy (:class:`attribution.Network`): the same
    probabilities as thinc's own ``predict``, whether the documents come alone or together (an empty
    one among them), so batching changes no span."""
    from newsgraph.analyse import load_nlp

    nlp = load_nlp()
    docs = [
        nlp("The mayor of Dunmore, Ruth Ekwueme, told reporters on Friday that the bridge would reopen in May.\n\n"
            "“We have waited long enough,” she said. Engineers disagree."),
        nlp(""),
        nlp("Shares of the shipping group fell 4 percent after it warned that profits would halve, analysts said."),
    ]
    tagger = attribution.tagger()
    assert tagger.network is not None
    rows = [attribution.features(doc, tagger.lexicon) for doc in docs]
    cuts = [attribution.paragraph_cuts(r) if len(r) else [] for r in rows]
    together = tagger.network(rows, cuts)
    for doc, r, c, batch in zip(docs, rows, cuts, together):
        alone = tagger.network([r], [c])[0]
        pieces = [p for p in np.split(r, c) if len(p)]
        thinc = np.concatenate(tagger.model.predict(pieces)) if pieces else np.zeros((0, len(LABELS)))
        assert batch.shape == alone.shape == thinc.shape == (len(doc), len(LABELS))
        assert np.abs(batch - thinc).max(initial=0.0) < 1e-5 and np.abs(alone - thinc).max(initial=0.0) < 1e-5
    for batch, doc in zip(tagger.tag_all(docs, [None] * 3, [None] * 3), docs):
        alone = attribution.tag(doc)
        assert [(t.role, t.start, t.end) for t in batch[0]] == [(t.role, t.start, t.end) for t in alone]
        assert [t.confidence for t in batch[0]] == pytest.approx([t.confidence for t in alone], abs=1e-5)
    assert any(batch[0] for batch in tagger.tag_all(docs, [None] * 3, [None] * 3))


@pytest.mark.slow
def test_a_cue_closing_its_paragraph_with_a_colon_introduces_the_quote_below_it():
    """A cue with a colon that ends its paragraph ("The Harbour Gazette reports:") is the cue of the
    quote in the next paragraph: the quote gains the tagger's cue and source phrase, not the colon
    alone; a direct quote over two paragraphs keeps them, its type and its confidence in both parts."""
    text = (
        "Fishing quotas will be cut again next year, the fisheries council said on Monday.\n\n"
        "The Harbour Gazette reports:\n\n"
        "\"The cut will hit the smaller boats hardest, and several crews have already sold their licences.\n\n"
        "\"Owners of the larger trawlers say they can absorb the loss for a season or two.\"\n\n"
        "The council meets again in March."
    )
    record = newsgraph.extract(text)
    t = record.text
    parts = [q for q in record.quotes if q.kind == "direct"]
    assert [t[q.start : q.end].split(",")[0] for q in parts] == ["The cut will hit the smaller boats hardest", "Owners of the larger trawlers say they can absorb the loss for a season or two."]
    for q in parts:
        assert t[q.cue.start : q.cue.end] == "reports:"
        assert q.source is not None and t[q.source.start : q.source.end] == "The Harbour Gazette"
        assert q.type == "speech" and q.confidence is not None and q.confidence >= 0.5


@pytest.mark.slow
def test_a_speakers_cue_with_a_colon_above_a_quote_is_the_quotes_cue():
    text = (
        "The mayor spoke at length about the flooding.\n\nCouncillor Denholm Arkwright added:\n\n"
        "\"We cannot keep patching the same levee every spring and pretending the river will behave.\"\n\nThe vote is set for Thursday."
    )
    record = newsgraph.extract(text)
    t = record.text
    (q,) = [q for q in record.quotes if q.kind == "direct"]
    assert t[q.cue.start : q.cue.end] == "added:" and t[q.source.start : q.source.end] == "Councillor Denholm Arkwright"


@pytest.mark.slow
def test_a_rule_quote_keeps_its_own_cue_where_the_tagger_gave_its_words_to_another():
    """The tagger gives "the council ignored the warning" to the cue before it ("had warned"), and draws
    "said" after it as a cue with no content: the quote is the engineer's, with the cue and source phrase
    of "a city engineer said", not Ortega's "had warned"."""
    text = (
        "Residents packed the hall on Thursday.\n\n"
        "Ortega had warned the council that the bridge was unsafe, but the council ignored the warning, a city engineer said.\n\n"
        "Repairs begin in May."
    )
    record = newsgraph.extract(text)
    t = record.text
    (q,) = [q for q in record.quotes if t[q.start : q.end] == "the council ignored the warning"]
    assert t[q.cue.start : q.cue.end] == "said" and t[q.source.start : q.source.end] == "a city engineer"
    assert q.speaker.name == "a city engineer"
