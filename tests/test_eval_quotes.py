"""The quote evaluation: brat reading and GenderGapTracker-style scoring, on files of our own."""

import pytest

from newsgraph.errors import EvalError
from newsgraph.evaluate.quotes import GoldArticle, GoldQuote, Predicted, load_polnear, score

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
