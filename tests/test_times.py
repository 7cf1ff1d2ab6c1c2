"""The times stage: temporal expressions and their TIMEX3 values, on our own sentences through the
real pipeline (published 2024-09-16, a Monday); the eval loaders on tiny fixtures; the seed article's
expectations (skipped without ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.record import Time

FIXTURES = Path(__file__).parent / "fixtures" / "times"

ARTICLE = """\
The port authority said on Monday that cargo volumes fell sharply in March 2023 and again in the winter of 2023.
Dockworkers began a three-day stoppage last week, the second in two years.
Officials met union leaders on Friday. The minister will visit the port on Thursday.
The new terminal opened in February and a second one will open in January.
Revenue rose in the second quarter and the company expects a recovery by the end of 2025.
Work on the quay started in early June and should be finished by mid-2026.
The harbour was built in the 1970s, when traffic grew for a decade.
Inspectors check the cranes every week, and the ferry sails daily and twice a month to the islands.
The strike began two years ago. Yesterday the port was quiet; today it is busy.
Traffic is currently at its lowest level, and prices have recently doubled.
The union will meet again next month. Earnings this year are down.
The vote closed at 3 p.m. and the results came on Monday morning.
The talks lasted six months and the repairs took hours.
The festival is held each September 16, 2024 edition excepted, and the museum opened on 4 August.
Shares hit a record on Sept. 12, 2024. The 45-year-old captain has sailed for 20 years.
"""


def text_of(record, t: Time) -> str:
    return record.text[t.start : t.end]


def find(record, text: str) -> Time:
    found = [t for t in record.times if text_of(record, t) == text]
    assert found, f"{text!r} not found; times: {[(text_of(record, t), t.value) for t in record.times]}"
    return found[0]


@pytest.fixture(scope="module")
def record():
    from newsgraph.pipeline import extract

    return extract(ARTICLE, published="2024-09-16")


@pytest.fixture(scope="module")
def unanchored():
    from newsgraph.pipeline import extract

    return extract(
        "The council met on Monday and will decide in March. Two years ago the bridge closed. Work stopped last week.\n"
        "Repairs will take three weeks, officials said yesterday, and the fair returns on May 4.\n",
    )


@pytest.mark.parametrize(
    "text, kind, value, mod",
    [
        ("Monday", "DATE", "2024-09-16", None),  # latest Monday on or before publication: the day itself
        ("March 2023", "DATE", "2023-03", None),
        ("winter of 2023", "DATE", "2023-WI", None),  # a season without its article
        ("three-day", "DURATION", "P3D", None),  # the adjective, without "a"
        ("last week", "DATE", "2024-W37", None),
        ("two years", "DURATION", "P2Y", None),
        ("Friday", "DATE", "2024-09-13", None),  # past tense: the Friday before
        ("Thursday", "DATE", "2024-09-19", None),  # "will visit": the Thursday after
        ("February", "DATE", "2024-02", None),  # past: this year's
        ("January", "DATE", "2025-01", None),  # future: next year's
        ("the second quarter", "DATE", "2024-Q2", None),
        ("the end of 2025", "DATE", "2025", "END"),
        ("early June", "DATE", "2024-06", "START"),
        ("mid-2026", "DATE", "2026", "MID"),
        ("the 1970s", "DATE", "197", None),
        ("a decade", "DURATION", "P10Y", None),
        ("every week", "SET", "P1W", None),
        ("daily", "SET", "P1D", None),
        ("twice a month", "SET", "P1M", None),
        ("two years ago", "DATE", "2022", None),
        ("Yesterday", "DATE", "2024-09-15", None),
        ("today", "DATE", "2024-09-16", None),
        ("currently", "DATE", "PRESENT_REF", None),
        ("recently", "DATE", "PAST_REF", None),
        ("next month", "DATE", "2024-10", None),
        ("this year", "DATE", "2024", None),
        ("3 p.m.", "TIME", "2024-09-16T15:00", None),
        ("Monday morning", "TIME", "2024-09-16TMO", None),
        ("six months", "DURATION", "P6M", None),
        ("hours", "DURATION", "PTXH", None),
        ("4 August", "DATE", "2024-08-04", None),
        ("Sept. 12, 2024", "DATE", "2024-09-12", None),
        ("20 years", "DURATION", "P20Y", None),
    ],
)
def test_construction(record, text, kind, value, mod):
    t = find(record, text)
    assert (t.type, t.value, t.mod) == (kind, value, mod)


MORE = """\
Net income rose to $12 million in the second quarter from $9 million a year earlier.
The hearing was held on Thursday, Oct. 24, and the appeal ends on Christmas Eve.
The club was founded in the '60s, early in the 20th century's second half, and rebuilt in the late 1980s.
The ceasefire began at 10:30 p.m. GMT yesterday and the talks took about five hours.
The company will report results for the fourth quarter of 2024 in the first half of 2025.
The shop closes over Easter 2025 and on Thanksgiving. The deal ends the eleven year partnership.
"""


@pytest.fixture(scope="module")
def more():
    from newsgraph.pipeline import extract

    return extract(MORE, published="2024-09-16")


@pytest.mark.parametrize(
    "text, kind, value, mod",
    [
        ("the second quarter", "DATE", "2024-Q2", None),
        ("a year earlier", "DATE", "2023-Q2", None),  # the quarter it is compared with, a year back
        ("Thursday, Oct. 24", "DATE", "2024-10-24", None),  # the year in which Oct. 24 is a Thursday, whatever the tense
        ("Christmas Eve", "DATE", "2024-12-24", None),
        ("the '60s", "DATE", "196", None),
        ("the 20th century", "DATE", "19", None),
        ("the late 1980s", "DATE", "198", "END"),
        ("10:30 p.m. GMT yesterday", "TIME", "2024-09-15T22:30Z", None),
        ("about five hours", "DURATION", "PT5H", "APPROX"),
        ("the fourth quarter of 2024", "DATE", "2024-Q4", None),
        ("the first half of 2025", "DATE", "2025-H1", None),
        ("Easter 2025", "DATE", "2025-04-20", None),
        ("Thanksgiving", "DATE", "2024-11-28", None),  # the fourth Thursday of November
        ("eleven year", "DURATION", "P11Y", None),  # an adjective: "the" is the partnership's
    ],
)
def test_more_constructions(more, text, kind, value, mod):
    t = find(more, text)
    assert (t.type, t.value, t.mod) == (kind, value, mod)


ANCHORING = """\
The delegation could arrive as soon as Tuesday. Until Thursday, officials had not named a suspect.
The two leaders meet Friday in Geneva. The talks, set to resume Wednesday, were announced by the ministry.
The company declared a dividend payable Dec. 2 to holders of record. The board decided to sell the unit in November.
Acme reported its third-quarter results on Monday. The chief executive praised the staff.
Sales rose 4% to $80 million from $77 million a year ago.
For the year, sales were flat. In the year ended June 30, profit fell.
The carmaker lost money in the fourth quarter of 2005 and for the entire year.
She moved to Paris in June 1998 and returned later that year. He was arrested on March 3, 2021, and charged the next day.
The ruling came on May 2, 2019. Earlier that day, lawyers met. Sales fell 35% in January, compared with the same month a year ago.
The boxy cars of the 70s and 80s are gone, and temperatures were in the 70s. Trade resumed now that the border is open.
The plan was previously reported. Travelers Corp.'s third-quarter net income rose. Last spring the dam was rebuilt.
"""


@pytest.fixture(scope="module")
def anchoring():
    from newsgraph.pipeline import extract

    return extract(ANCHORING, published="2024-09-16")


@pytest.mark.parametrize(
    "text, kind, value, mod",
    [
        ("Tuesday", "DATE", "2024-09-17", None),  # "as soon as": ahead
        ("Thursday", "DATE", "2024-09-12", None),  # "until" with a past perfect: behind
        ("Friday", "DATE", "2024-09-20", None),  # a present tense with a day is a timetable
        ("Wednesday", "DATE", "2024-09-18", None),  # "set to resume"
        ("Dec. 2", "DATE", "2024-12-02", None),  # "payable": ahead, whatever the verb
        ("November", "DATE", "2024-11", None),  # "decided to sell … in November": a plan, the nearest November
        ("a year ago", "DATE", "2023-Q3", None),  # an earnings comparison: the article's quarter, a year back
        ("the year", "DATE", "2024", None),  # "for the year": the publication's
        ("the entire year", "DATE", "2005", None),  # a year named earlier in the sentence
        ("later that year", "DATE", "1998", "END"),  # the year last spoken of
        ("the next day", "DATE", "2021-03-04", None),
        ("Earlier that day", "DATE", "2019-05-02", None),
        ("the same month a year ago", "DATE", "2023-01", None),
        ("the 70s", "DATE", "197", None),
        ("80s", "DATE", "198", None),
        ("now", "DATE", "PRESENT_REF", None),  # "now that": TimeML marks it
        ("third-quarter", "DATE", "2024-Q3", None),  # after a company's possessive
        ("Last spring", "DATE", "2024-SP", None),  # "last" keeps its word; only an article is left out
    ],
)
def test_anchoring_constructions(anchoring, text, kind, value, mod):
    t = find(anchoring, text)
    assert (t.type, t.value, t.mod) == (kind, value, mod)


def test_anchoring_leaves_out(anchoring):
    texts = [text_of(anchoring, t) for t in anchoring.times]
    assert "previously" not in texts  # TimeML news annotation rarely marks it
    assert texts.count("the 70s") == 1  # "in the 70s" (temperatures, ages) is not a decade
    durations = [t for t in anchoring.times if text_of(anchoring, t) == "the year" and t.type == "DURATION"]
    assert [d.value for d in durations] == ["P1Y"]  # "the year ended June 30"


def test_anaphora_takes_a_reference_of_its_granularity():
    from newsgraph.pipeline import extract

    r = extract("She arrived on March 3, 2021, and sales rose by year-end. Later that month she left; the following year "
                "she returned.\nThe meeting ended at 3 p.m. The day after the vote, prices fell.", published="2024-09-16")
    texts = {text_of(r, t): t.value for t in r.times}
    assert texts["Later that month"] == "2021-03"  # not the year of "by year-end"
    assert texts["the following year"] == "2025"  # the latest year spoken of ("year-end": 2024), a year on
    assert texts["The day after"] == "2021-03-04"  # "3 p.m." names no day of its own


def test_cue_words_around_dates():
    from newsgraph.pipeline import extract

    r = extract(
        "The bank extended the offer to Nov. 20. The index is near the record high set on Aug. 6.\n"
        "Police have searched for him since the Oct. 23 shooting. The deal should close by year-end.\n"
        "Baker spoke on ABC's \"This Week\" program. Profits will suffer in the near term.\n"
        "The jet made its first flight Tuesday in Everett at 18:00 UTC. The job figures for January extended a surge.\n",
        published="2024-09-16",
    )
    texts = {text_of(r, t): (t.value, t.mod) for t in r.times}
    assert texts["Nov. 20"] == ("2024-11-20", None)  # "extended … to": ahead
    assert texts["Aug. 6"] == ("2024-08-06", None)  # "a record set on": not a schedule
    assert texts["Oct. 23"] == ("2023-10-23", None)  # "since": behind
    assert texts["year-end"] == ("2024", "END")
    assert texts["the near term"] == ("FUTURE_REF", None)
    assert texts["18:00 UTC"] == ("2024-09-10T18:00Z", None)  # the day its sentence names
    assert texts["January"] == ("2024-01", None)  # "extended a surge" moves nothing to later
    assert "This Week" not in texts  # a programme's title


def test_season_extents_have_no_article():
    from newsgraph.pipeline import extract

    r = extract("In the autumn of 2022 prices rose. By the end of the summer the port was full. The winter was mild.",
                published="2024-09-16")
    texts = {text_of(r, t): t.value for t in r.times}
    assert texts["autumn of 2022"] == "2022-FA"
    assert texts["the end of the summer"] == "2024-SU"  # a part of a period keeps its article
    assert "winter" in texts and "The winter" not in texts


def test_extents_leave_out_prepositions_and_ages(record):
    texts = [text_of(record, t) for t in record.times]
    assert not any(t.lower().startswith(("on ", "in ", "at ", "by ")) for t in texts)
    assert not any("year-old" in t for t in texts)
    for t in record.times:
        assert record.text[t.start : t.end].strip() == record.text[t.start : t.end]


def test_without_anchor_values_stay_underspecified(unanchored):
    r = unanchored
    assert find(r, "Monday").value == "XXXX-WXX-1"
    assert find(r, "March").value == "XXXX-03"
    assert find(r, "Two years ago").value == "XXXX"
    assert find(r, "last week").value == "XXXX-WXX"
    assert find(r, "yesterday").value == "XXXX-XX-XX"
    assert find(r, "May 4").value == "XXXX-05-04"
    assert find(r, "three weeks").value == "P3W"  # durations need no anchor


def test_words_that_only_look_like_dates(record):
    from newsgraph.pipeline import extract

    r = extract(
        "Theresa May met voters. The troops march on the capital. He paid $2000 for a quarter of the shares.\n"
        "About 1500 soldiers will fall back, and a second team may spring into action.\n"
        "After the fall of the city, athletes went to the Winter Olympics.\n"
        "Smith scored twice in the second half, and the home side led 80-70 after the third quarter.\n",
        published="2024-09-16",
    )
    assert [text_of(r, t) for t in r.times] == []


def test_odd_input_does_not_crash():
    from spacy.tokens import Doc

    from newsgraph.analyse import load_nlp
    from newsgraph.record import Record
    from newsgraph.times import extract_times

    nlp = load_nlp()
    for text, published in [("", None), ("   \n", "2024-09-16"), ("9/99/2024 Feb. 30 13 p.m. 99th century", "2024-02-29"),
                            ("((( Monday " * 200, "not a date"), ("x" * 5000, "2024-13-40")]:
        record = Record(source="t", id="t", text=text, published=published)
        doc = nlp(text) if text.strip() else Doc(nlp.vocab, words=[])
        extract_times(record, doc)
        for t in record.times:
            assert 0 <= t.start < t.end <= len(text)


def test_repetitive_text_stays_linear():
    """Patterns that could backtrack on runs of number words or modifiers finish quickly."""
    import time

    from newsgraph.analyse import load_nlp
    from newsgraph.record import Record
    from newsgraph.times import extract_times

    nlp = load_nlp()
    for text in ["one " * 3000, "twenty one " * 1500, "a few " * 2000, "more than " * 2000, "the end of the " * 1000]:
        record = Record(source="t", id="t", text=text, published="2024-09-16")
        started = time.perf_counter()
        extract_times(record, nlp.make_doc(text))
        assert time.perf_counter() - started < 1.0, text[:20]


# ---------------------------------------------------------------------------------------------
# evaluation loaders and scoring


def test_timeml_loader():
    from newsgraph.evaluate.times import load_timeml

    (doc,) = load_timeml(FIXTURES)
    assert doc.name == "SAMPLE-0001" and doc.published == "2021-03-10"
    assert [(doc.text[t.start : t.end], t.type, t.value) for t in doc.timexes] == [
        ("Monday", "DATE", "2021-03-08"),
        ("two-week", "DURATION", "P2W"),
        ("daily", "SET", "P1D"),
        ("May", "DATE", "2021-05"),
    ]
    assert "closure & repairs" in doc.text  # entities decoded, tags gone


def test_meantime_loader_keeps_the_annotated_sentences():
    from newsgraph.evaluate.times import load_meantime

    (doc,) = load_meantime(FIXTURES / "sample.xml")
    assert doc.published == "2021-03-10"
    assert doc.text == "Harbour reopens\nMarch 10, 2021\nThe harbour's ferries stopped for two weeks."
    assert [(doc.text[t.start : t.end], t.value) for t in doc.timexes] == [("March 10, 2021", "2021-03-10"), ("two weeks", "P2W")]


def test_score_and_pipeline_on_the_fixture():
    from newsgraph.evaluate.times import Timex, load_timeml, newsgraph_predictions, score

    docs = load_timeml(FIXTURES)
    (preds,) = newsgraph_predictions(docs)
    assert [(docs[0].text[p.start : p.end], p.value) for p in preds] == [
        ("Monday", "2021-03-08"), ("two-week", "P2W"), ("daily", "P1D"), ("May", "2021-05")
    ]  # fmt: skip
    s = score(docs, [preds])
    assert s["f1"] == s["strict_f1"] == s["value_f1"] == s["type_accuracy"] == 1.0
    half = score(docs, [[Timex(preds[0].start, preds[0].end + 3, "DATE", "2021-03-01")]])
    assert half["precision"] == 1.0 and half["recall"] == 0.25 and half["strict_f1"] == 0.0 and half["value_f1"] == 0.0


def test_a_name_owns_the_date_words_inside_it_but_not_a_whole_dated_expression():
    import spacy

    from newsgraph.times import _Context

    text = "Theresa May flew home for Christmas 2027 on Windows 2000."
    doc = spacy.blank("en")(text)
    at = {w: (text.index(w), text.index(w) + len(w)) for w in ("Theresa May", "Christmas 2027", "Windows 2000")}
    ctx = _Context(text, doc, None, sorted(at.values()))  # all three taken for names by the model
    may = text.index("May")
    assert ctx.owned_by_entity(may, may + 3)  # the month inside a person's name
    assert ctx.owned_by_entity(text.index("2000"), text.index("2000") + 4)  # the year inside a product's
    assert not ctx.owned_by_entity(*at["Christmas 2027"])  # the whole name is a holiday and its year
