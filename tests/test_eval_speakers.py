"""The speakers task on a GenderGapTracker-shaped folder of our own."""

import json

import pytest

from newsgraph import evaluate
from newsgraph.errors import EvalError
from newsgraph.evaluate.speakers import WRITTEN, GoldArticle, GoldQuote, Tally, _cover, load, load_written
from newsgraph.record import Entity, Mention, Quote, Record, Speaker

TEXT = (
    "Harbour council approves ferry subsidy\n\n"
    '"We cannot leave the islands without a boat," Mayor Ruth Okafor said on Tuesday.\n\n'
    "Councillor Daniel Reyes said the subsidy would cost $2 million a year.\n\n"
    "Residents welcomed the vote."
)
QUOTE_1 = "We cannot leave the islands without a boat,"
QUOTE_2 = "the subsidy would cost $2 million a year"


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def write_gold(root, articles):
    (root / "text").mkdir(parents=True, exist_ok=True)
    rows = []
    for article_id, text, quotes, people in articles:
        (root / "text" / f"{article_id}.txt").write_text(text, encoding="utf-8")
        rows.append(json.dumps({"id": article_id, "quotes": quotes, "people": people}))
    (root / "gold.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")


def gold_quotes():
    (a, b), (c, d) = span(TEXT, QUOTE_1), span(TEXT, QUOTE_2)
    return [{"start": a, "end": b, "speaker": "Ruth Okafor"}, {"start": c, "end": d, "speaker": "Daniel Reyes"}]


def test_every_third_article_by_id_is_the_check_part(tmp_path):
    write_gold(tmp_path, [(f"a{i}", TEXT, gold_quotes(), ["Ruth Okafor"]) for i in (5, 1, 4, 2, 3, 6)])
    parts = {a.id: a.part for a in load(tmp_path)}
    assert parts == {"a1": "dev", "a2": "dev", "a3": "check", "a4": "dev", "a5": "dev", "a6": "check"}


def test_a_bad_gold_line_is_an_eval_error(tmp_path):
    (tmp_path / "gold.jsonl").write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(EvalError, match="gold.jsonl:1"):
        load(tmp_path)


def test_a_quote_is_found_by_more_than_30_percent_cover_one_to_one_and_the_speaker_by_surname(tmp_path):
    write_gold(tmp_path, [("a", TEXT, gold_quotes(), ["Ruth Okafor", "Daniel Reyes"])])
    (article,) = load(tmp_path)
    g1, g2 = article.quotes
    assert _cover(g1, g1.start, g1.start + int(0.31 * (g1.end - g1.start)) + 1) > 0.3
    okafor = Entity("e1", "Ruth Okafor", "PERSON", mentions=[Mention(*span(TEXT, "Ruth Okafor"))])
    reyes = Entity("e2", "Daniel Reyes", "PERSON", mentions=[Mention(*span(TEXT, "Daniel Reyes"))])
    record = Record(source="t", id="0" * 64, text=TEXT, entities=[okafor, reyes])
    record.quotes = [
        Quote(g1.start, g1.end, "direct", speaker=Speaker("e1", "Okafor", 0, 0)),  # the entity's name counts
        Quote(g1.start, g1.end, "direct"),  # a second prediction of the same quote finds nothing more
        Quote(g2.start + 2, g2.end, "indirect", speaker=Speaker(None, "Mayor Okafor", 0, 0)),  # wrong surname
    ]
    tally = Tally()
    tally.add(article, record)
    score = tally.score("x")
    assert (tally.gold, tally.predicted, tally.found, tally.scored, tally.right) == (2, 3, 2, 2, 1)
    assert score.precision == pytest.approx(2 / 3) and score.recall == 1.0
    assert score.extra["speaker_accuracy"] == 0.5 and score.extra["people_f1"] == 1.0


def test_a_gold_speaker_without_a_name_is_not_scored():
    tally = Tally()
    quote = GoldQuote(0, 10, "a spokesperson")
    article = GoldArticle("a", "x" * 20, (quote,), frozenset())
    record = Record(source="t", id="0" * 64, text="x" * 20, quotes=[Quote(0, 10, "direct", speaker=Speaker(None, "she", 0, 0))])
    tally.add(article, record)
    assert (tally.found, tally.scored) == (1, 0)


def written_row(article_id: str, quotes: list[tuple[str, str]]) -> str:
    people = ["Ruth Okafor", "Daniel Reyes"]
    return json.dumps({"id": article_id, "text": TEXT, "quotes": [{"quote": q, "speaker": s} for q, s in quotes], "people": people})


def test_written_articles_locate_their_quotes_in_order_and_alternate_dev_and_check(tmp_path):
    path = tmp_path / "written.jsonl"
    quotes = [(QUOTE_1, "Ruth Okafor"), (QUOTE_2, "Daniel Reyes")]
    path.write_text("\n".join(written_row(f"w{i}", quotes) for i in range(3)) + "\n", encoding="utf-8")
    articles = load_written(path)
    assert [a.part for a in articles] == ["dev", "check", "dev"]
    first = articles[0].quotes[0]
    assert TEXT[first.start : first.end] == QUOTE_1 and articles[0].quotes[1].speaker == "Daniel Reyes"
    assert len(articles[0].people) == 2


def test_a_written_quote_not_in_its_text_in_order_is_an_eval_error(tmp_path):
    path = tmp_path / "written.jsonl"
    path.write_text(written_row("w1", [(QUOTE_2, "Daniel Reyes"), (QUOTE_1, "Ruth Okafor")]) + "\n", encoding="utf-8")
    with pytest.raises(EvalError, match="written.jsonl:1: .*not in the text after"):
        load_written(path)


def test_the_shipped_written_articles_load():
    articles = load_written(WRITTEN)
    assert len(articles) >= 30 and {a.part for a in articles} == {"dev", "check"}
    assert sum(len(a.quotes) for a in articles) >= 300


@pytest.mark.slow
def test_speakers_task_runs(tmp_path):
    write_gold(tmp_path, [("a", TEXT, gold_quotes(), ["Ruth Okafor", "Daniel Reyes"])])
    report = evaluate.run("speakers", str(tmp_path))
    dev, check, written_dev, written_check = report.scores
    assert (dev.system, dev.n, check.system, check.n) == ("newsgraph (dev)", 2, "newsgraph (check)", 0)
    assert written_dev.system == "newsgraph (written dev)" and written_dev.n > 100 and written_check.n > 100
    assert dev.recall == 1.0 and dev.extra["speaker_accuracy"] == 1.0
    assert dev.extra["people_r"] == 1.0
