"""The quote evaluation: brat reading and GenderGapTracker-style scoring, on files of our own."""

import pytest

from newsgraph.errors import EvalError
from newsgraph.evaluate.quotes import SPEECH_LEMMAS, GoldArticle, GoldQuote, Predicted, is_speech, load_polnear, one_to_one, score

TEXT = "Tokayev said that peace was possible. The weather was fine. “We will win,” Scholz said."


def test_brat_attributions_are_read_with_fragments(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    ann = (
        "T1\tSource 0 7\tTokayev\nT2\tCue 8 12\tsaid\nT3\tContent 13 36\tthat peace was possible\n"
        "T4\tAttribution 8 12\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "T5\tContent 61 68;69 72\tWe will win\nT6\tSource 75 81\tScholz\nT7\tCue 82 86\tsaid\n"
        "E2\tAttribution:T4 Content:T5 Cue:T7 Source:T6\n"
    )
    (tmp_path / "attributions" / "a_4e07.ann").write_text(ann, encoding="utf-8")
    (tmp_path / "attributions" / "a_ef2d.ann").write_text("", encoding="utf-8")  # a second annotator: ignored
    (article,) = load_polnear(tmp_path)
    assert [(q.content, q.source, q.cue) for q in article.quotes] == [
        ([(13, 36)], (0, 7), "said"),
        ([(61, 68), (69, 72)], (75, 81), "said"),
    ]


def test_not_a_polnear_directory_is_an_eval_error(tmp_path):
    with pytest.raises(EvalError, match="not a PolNeAR compartment"):
        load_polnear(tmp_path)


def test_found_means_more_than_30_percent_of_the_gold_characters():
    gold = [GoldArticle("a", TEXT, [GoldQuote([(13, 36)], (0, 7), "said", said=True), GoldQuote([(61, 72)], (75, 81), "said")])]
    half = [Predicted(13, 25, [(0, 7)]), Predicted(38, 58, [])]  # covers 12/23 of the first; the second is no quote
    s = score(gold, [half])
    assert s["recall"] == 0.5 and s["precision"] == 0.5 and s["source_accuracy"] == 1.0 and s["said_recall"] == 1.0
    wrong_speaker = [Predicted(61, 72, [(0, 7)])]
    s = score(gold, [wrong_speaker])
    assert s["recall"] == 0.5 and s["precision"] == 1.0 and s["source_accuracy"] == 0.0


TWO = "“We will win,” Scholz said. “We will not give up,” he added. Merz disagreed."


def _two_quotes() -> list[GoldArticle]:
    return [GoldArticle("b", TWO, [GoldQuote([(1, 12)], (15, 21), "said"), GoldQuote([(29, 48)], (51, 53), "added")])]


def test_one_long_prediction_over_two_gold_quotes_finds_one():
    gold = _two_quotes()
    speakers = [(15, 21), (51, 53)]  # Scholz and "he", one entity
    s = score(gold, [[Predicted(0, 50, speakers)]])
    assert s["recall"] == 0.5 and s["precision"] == 1.0 and s["source_accuracy"] == 1.0
    s = score(gold, [[Predicted(0, 50, speakers), Predicted(29, 48, speakers)]])  # the second finds the other
    assert s["recall"] == 1.0 and s["source_accuracy"] == 1.0


def test_the_matching_leaves_no_gold_unfound_that_could_be_found():
    # greedy by overlap would give the long prediction the second quote (overlap 19 > 11) and the
    # short one nothing; the maximum matching moves the long one to the first quote
    gold = _two_quotes()
    s = score(gold, [[Predicted(0, 50, []), Predicted(30, 47, [(51, 53)])]])
    assert s["recall"] == 1.0 and s["source_accuracy"] == 0.5  # the long prediction names no speaker
    assert one_to_one([(19, 1, 0), (11, 0, 0), (17, 1, 1)]) == {0: 0, 1: 1}
    assert one_to_one([(19, 1, 0), (11, 0, 0)]) == {1: 0}  # the heaviest pair stays when no match is lost


def test_source_accuracy_uses_the_matched_prediction():
    gold = [GoldArticle("b", TWO, [GoldQuote([(1, 12)], (15, 21), "said")])]
    # both cover the quote; the one matched (largest overlap) names the wrong speaker
    s = score(gold, [[Predicted(0, 13, [(61, 65)]), Predicted(5, 12, [(15, 21)])]])
    assert s["recall"] == 1.0 and s["source_accuracy"] == 0.0


@pytest.mark.parametrize(
    ("cue", "lemmas", "content", "speech"),
    [
        ("said", {"say"}, "that peace was possible", True),
        ("retorted", {"retort"}, "that it was false", True),
        ("whispered", {"whisper"}, "that it was over", True),
        ("according to", {"accord", "to"}, "the report", True),  # the lemmatizer makes "according" "accord"
        ("pointed out", {"point", "out"}, "that it was late", True),
        ("pointed to", {"point", "to"}, "the polls", False),
        ("said:", {"say", ":"}, "nothing", True),
        ("believes", {"believe"}, "that he will win", False),
        ("polls show", {"poll", "show"}, "a tight race", False),
        ("believes", {"believe"}, "he will win “by a mile”", True),  # a quotation mark makes it speech
        ("thinks", {"think"}, "Trump's plan isn't good", False),  # apostrophes are no quotation marks
    ],
)
def test_speech_is_decided_by_a_fixed_list_of_verbs_of_communication(cue, lemmas, content, speech):
    assert is_speech(cue, lemmas, content) is speech


def test_the_gold_speech_set_does_not_depend_on_the_extractor_cue_list():
    import ast
    import inspect

    from newsgraph.evaluate import quotes

    tree = ast.parse(inspect.getsource(quotes))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module is None for a in n.names}
    assert "quotes" not in imported and "newsgraph.quotes" not in imported and "quotes" not in names
    assert "cues.txt" not in inspect.getsource(quotes._mark_speech)
    assert {"say", "tell", "add", "state", "announce", "claim", "warn", "deny", "confirm"} <= SPEECH_LEMMAS
    assert not {"think", "believe", "want", "show", "see", "seem", "know"} & SPEECH_LEMMAS
