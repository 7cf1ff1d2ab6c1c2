"""The places task's scoring, on toponyms of our own (the gold sets are in ../shared)."""

from __future__ import annotations

import pytest

from newsgraph.evaluate.places import Tally, Toponym, _article, km, load_geowebnews, right_place


def test_great_circle_distance():
    assert km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.2)
    assert km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(343.5, abs=1)  # Paris-London


def test_right_place_by_id_or_within_161_km():
    gold = Toponym(0, 5, geonames=2988507, lat=48.85, lon=2.35)
    assert right_place(Toponym(0, 5, geonames=2988507), gold)  # same id, no coordinates needed
    assert right_place(Toponym(0, 5, lat=49.5, lon=2.35), gold)  # 72 km away
    assert not right_place(Toponym(0, 5, lat=33.66, lon=-95.55), gold)  # Paris, Texas
    assert not right_place(Toponym(0, 5, geonames=1), Toponym(0, 5, lat=48.85, lon=2.35))  # no coordinates to compare


def test_tally_matches_overlapping_spans_one_to_one():
    gold = [Toponym(0, 5, lat=10, lon=10), Toponym(10, 15, lat=20, lon=20), Toponym(30, 35)]
    predicted = [Toponym(1, 4, lat=10.1, lon=10.1), Toponym(11, 13, lat=50, lon=50), Toponym(12, 15, lat=20, lon=20), Toponym(40, 45)]
    tally = Tally()
    tally.add(gold, predicted)
    assert (tally.tp, tally.fp, tally.fn) == (2, 2, 1)
    assert (tally.placed, tally.right) == (2, 1)  # the first overlapping prediction takes the second gold
    score = tally.score("x", 0)
    assert score.precision == 0.5 and score.recall == pytest.approx(2 / 3) and score.extra["acc161"] == 0.5
    assert score.extra["no_coords"] == 0.25


def test_gold_offsets_that_miss_their_phrase_are_moved_onto_it_or_left_out():
    text = "Flooding in Leeds and Selby, Yorkshire."
    article = _article("a", 0, text, [("Leeds", 11, None, 53.8, -1.55), ("Selby", 23, None, None, None), ("Hull", 3, None, None, None)])
    assert [text[t.start : t.end] for t in article.toponyms] == ["Leeds", "Selby"]
    assert article.misplaced == 1
    assert [_article(str(i), i, text, []).part for i in range(6)] == ["dev", "dev", "check", "dev", "dev", "check"]


def test_geowebnews_lines_give_each_article_its_toponyms(tmp_path):
    (tmp_path / "GWN.xml").write_text(
        '<?xml version="1.0" ?><articles><article file="0"><title>T</title><text>Rain in Leeds today.</text></article></articles>'
    )
    (tmp_path / "gwn_full.txt").write_text("Leeds,,Leeds,,53.79,,-1.55,,8,,13||\n")
    (article,) = load_geowebnews(tmp_path / "GWN.xml", tmp_path / "gwn_full.txt")
    assert article.toponyms == [Toponym(8, 13, None, 53.79, -1.55)]
