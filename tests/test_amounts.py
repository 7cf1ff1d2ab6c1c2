"""The amounts stage on sentences of our own (every construction of issue 5, and what is no amount),
the MEANTIME loader and scorer on a tiny fixture, and the seed article's amounts (needs ../shared)."""

from pathlib import Path

import pytest

from newsgraph.amounts import words_value
from newsgraph.evaluate.amounts import Value, load_meantime, score

FIXTURES = Path(__file__).parent / "fixtures" / "amounts"


@pytest.fixture(scope="module")
def amounts():
    """``amounts(text)`` → [(span text, Amount)] through the real pipeline (one model per module)."""
    from newsgraph.analyse import load_nlp
    from newsgraph.pipeline import extract

    load_nlp()

    def run(text: str):
        record = extract(text, published="2024-09-16")
        return [(record.text[a.start : a.end], a) for a in record.amounts]

    return run


def one(found, fragment):
    """The one amount whose span contains ``fragment``."""
    (match,) = [a for span, a in found if fragment in span]
    return match


def spans(found):
    return [span for span, _ in found]


# ---------------------------------------------------------------------------------------------
# money, percent, quantity


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, fragment, value, unit",
    [
        ("The fund raised $5bn from investors last week.", "$5bn", 5e9, "USD"),
        ("The city received €1.2 million for the new bridge.", "€1.2 million", 1.2e6, "EUR"),
        ("The ministry spent 5 billion dollars on the programme.", "5 billion dollars", 5e9, "USD"),
        ("The state approved Rs 40 crore for flood relief.", "Rs 40 crore", 4e8, "INR"),
        ("The club paid £30m for the striker.", "£30m", 3e7, "GBP"),
        ("Shares closed at 26 cents on Friday.", "26 cents", 0.26, "USD"),
        ("The firm paid 9.9 billion yuan for the airline stake.", "9.9 billion yuan", 9.9e9, "CNY"),
        ("The bank lent US$ 300 million to the farmers.", "US$ 300 million", 3e8, "USD"),
        ("Canberra offered A$50 million to the miners.", "A$50 million", 5e7, "AUD"),
        ("The bill came to EUR 2.5 billion in the end.", "EUR 2.5 billion", 2.5e9, "EUR"),
    ],
)
def test_money(amounts, text, fragment, value, unit):
    a = one(amounts(text), fragment)
    assert (a.kind, a.unit) == ("money", unit)
    assert a.value == pytest.approx(value)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, fragment, value, unit",
    [
        ("Unemployment rose to 7.5% in the north.", "7.5%", 7.5, "percent"),
        ("Turnout fell 3.5 per cent compared with the last vote.", "3.5 per cent", 3.5, "percent"),
        ("Support for the party grew by 12 percent among young voters.", "12 percent", 12, "percent"),
        ("The central bank raised rates by 0.25 percentage points.", "0.25 percentage points", 0.25, "percentage point"),
        ("House prices rose 5pc in London.", "5pc", 5, "percent"),
        ("The economy shrank by -0.3% in the third quarter.", "-0.3%", -0.3, "percent"),
    ],
)
def test_percent(amounts, text, fragment, value, unit):
    a = one(amounts(text), fragment)
    assert (a.kind, a.unit, a.value) == ("percent", unit, pytest.approx(value))


@pytest.mark.slow
def test_quantity_with_object_and_rate(amounts):
    a = one(amounts("The port handles 250,000 tonnes of grain a year, officials said."), "250,000 tonnes")
    assert (a.kind, a.value, a.unit, a.per) == ("quantity", 250000, "ton", "year")
    assert a.object == "grain"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, fragment, value, unit, per",
    [
        ("The field pumps 3.2 million barrels per day.", "3.2 million barrels", 3.2e6, "barrel", "day"),
        ("The new pipeline will be 1,200km long.", "1,200km", 1200, "km", None),
        ("The refinery processes 400,000 bpd of crude.", "400,000 bpd", 4e5, "barrel", "day"),
        ("Temperatures reached 45 degrees in the capital.", "45 degrees", 45, "degree", None),
        ("Output fell to 1.5m barrels a day.", "1.5m barrels", 1.5e6, "barrel", "day"),
        ("Overnight it was -5C in the hills.", "-5C", -5, "degC", None),
        ("The plant will generate 300 megawatts annually.", "300 megawatts", 300, "MW", "year"),
    ],
)
def test_quantities(amounts, text, fragment, value, unit, per):
    a = one(amounts(text), fragment)
    assert (a.kind, a.value, a.unit, a.per) == ("quantity", pytest.approx(value), unit, per)


@pytest.mark.slow
def test_money_rate_and_object(amounts):
    found = amounts("Workers earn $15 an hour. The firm sought $2 billion in loans and paid $1.05 per share.")
    assert one(found, "$15").per == "hour"
    assert one(found, "$2 billion").object == "loans"
    assert one(found, "$1.05").per == "share"


# ---------------------------------------------------------------------------------------------
# counts, words, fractions, ranks


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, fragment, value, obj",
    [
        ("The army sent 3,000 soldiers to the border.", "3,000", 3000, "soldiers"),
        ("The agency said three million people had fled.", "three million", 3e6, "people"),
        ("Police arrested two dozen protesters outside the embassy.", "two dozen", 24, "protesters"),
        ("The school invited a hundred guests to the ceremony.", "a hundred", 100, "guests"),
        ("The company will close 14 factories in Ohio.", "14", 14, "factories"),
        ("Twenty-five students passed the exam.", "Twenty-five", 25, "students"),
        ("The union said 10,000 of its members would strike.", "10,000", 10000, "members"),
    ],
)
def test_counts(amounts, text, fragment, value, obj):
    a = one(amounts(text), fragment)
    assert (a.kind, a.unit, a.value, a.object) == ("count", None, value, obj)


@pytest.mark.slow
def test_a_headline_count(amounts):
    a = one(amounts("Ryanair Buys Five Boeing 737s\n\nThe airline said on Monday it would buy the jets."), "Five")
    assert (a.kind, a.value) == ("count", 5)


@pytest.mark.slow
def test_vague_plurals(amounts):
    found = amounts("Thousands of people marched. The scheme cost taxpayers billions of dollars.")
    a = one(found, "Thousands")
    assert (a.kind, a.value, a.mod, a.object) == ("count", 1000, "more_than", "people")
    a = one(found, "billions of dollars")
    assert (a.kind, a.value, a.unit, a.mod) == ("money", 1e9, "USD", "more_than")


@pytest.mark.slow
def test_a_lone_figure_is_a_count_without_object(amounts):
    a = one(amounts("The coalition needs 61 votes; the opposition holds 59."), "59")
    assert (a.kind, a.value, a.object) == ("count", 59, None)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, fragment, value",
    [
        ("Rebels control a quarter of the province.", "a quarter", 0.25),
        ("Two-thirds of the members voted in favour.", "Two-thirds", 0.6667),
        ("The storm destroyed about half of the harvest.", "about half", 0.5),
        ("One in five adults smokes, the survey found.", "One in five", 0.2),
        ("Three quarters of the staff work from home.", "Three quarters", 0.75),
    ],
)
def test_fractions(amounts, text, fragment, value):
    a = one(amounts(text), fragment)
    assert (a.kind, a.value) == ("fraction", pytest.approx(value))


@pytest.mark.slow
def test_fraction_object(amounts):
    assert one(amounts("Rebels control a quarter of the province."), "a quarter").object == "province"


@pytest.mark.slow
def test_rank(amounts):
    a = one(amounts("Brazil is the second-largest exporter of beef in the world."), "second")
    assert (a.kind, a.value, a.object) == ("rank", 2, "exporter")
    a = one(amounts("It became the fifth biggest bank in Europe."), "fifth")
    assert (a.kind, a.value, a.object) == ("rank", 5, "bank")


@pytest.mark.slow
def test_halves_and_thirds_that_are_no_fractions(amounts):
    found = amounts("Sales rose in the first half of the year. A third party will audit it. He won a third term.")
    assert [a for _, a in found if a.kind == "fraction"] == []


# ---------------------------------------------------------------------------------------------
# modifiers and ranges


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, fragment, mod",
    [
        ("Around 400 families were evacuated.", "Around 400", "approx"),
        ("The flood displaced some 12,000 residents.", "some 12,000", "approx"),
        ("The quake killed an estimated 2,000 villagers.", "an estimated 2,000", "approx"),
        ("More than 50 countries signed the treaty.", "More than 50", "more_than"),
        ("The plan costs over $3 billion.", "over $3 billion", "more_than"),
        ("Fewer than 100 voters turned up.", "Fewer than 100", "less_than"),
        ("Nearly 90 percent of the ballots were counted.", "Nearly 90 percent", "less_than"),
        ("At least 27 miners were trapped.", "At least 27", "at_least"),
        ("No more than 40 people may enter.", "No more than 40", "at_most"),
        ("The ship can carry up to 5,000 containers.", "up to 5,000", "up_to"),
        ("As many as 300 workers could lose their jobs.", "As many as 300", "up_to"),
    ],
)
def test_modifiers(amounts, text, fragment, mod):
    assert one(amounts(text), fragment).mod == mod


@pytest.mark.slow
def test_ranges_give_two_amounts(amounts):
    found = amounts("Inflation will be 4-6% next year. The project needs between $12 million and $20 million.")
    low, high = one(found, "4"), one(found, "6%")
    assert (low.value, low.unit, low.mod, high.value, high.mod) == (4, "percent", "at_least", 6, "at_most")
    low, high = one(found, "$12 million"), one(found, "$20 million")
    assert (low.value, low.mod, high.value, high.mod) == (12e6, "at_least", 20e6, "at_most")
    found = amounts("The deal is worth $800 million to $1.2 billion.")
    assert [(a.value, a.mod) for _, a in found] == [(8e8, "at_least"), (1.2e9, "at_most")]
    found = amounts("The firm will cut 25,000 to 30,000 jobs.")
    assert [(a.value, a.mod) for _, a in found] == [(25000, "at_least"), (30000, "at_most")]


@pytest.mark.slow
def test_rates(amounts):
    found = amounts("Brent traded at $80/barrel. Exports reached $3bn a year ago. Staff earn $30,000 to $45,000 a year.")
    assert one(found, "$80").per == "barrel"
    assert one(found, "$3bn").per is None  # "a year ago" is a time, not a rate
    assert [a.per for span, a in found if "$30,000" in span or "$45,000" in span] == ["year", "year"]


@pytest.mark.slow
def test_a_change_is_no_range(amounts):
    found = amounts("Its market share rose from 14% to 17% last year.")
    assert [(a.value, a.mod) for _, a in found] == [(14, None), (17, None)]
    found = amounts("She leads the race by 49 percent to 45 percent.")
    assert [(a.value, a.mod) for _, a in found] == [(49, None), (45, None)]


# ---------------------------------------------------------------------------------------------
# what is no amount


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The treaty was signed in 1998 and revised in 2015.",
        "The summit opens on March 3 and ends on 5 April.",
        "The meeting starts at 10:30 and ends at 4 p.m.",
        "The minister, 64, was aged 12 when the war began. She is a 40-year-old nurse.",
        "Call the hotline on 020 7946 0958 for help.",
        "The Airbus A350 and the G7 discussed COVID-19 at the summit.",
        "The company filed for Chapter 11 after Flight 370 vanished.",
        "The talks lasted five years and three days.",
        "The Boeing 787 Dreamliner replaced the 737 fleet; the iPhone 15 sold well.",
        "The Boeing 737-800 landed; the fair runs June 13-15.",
        "Formula One returns to Monaco.",
        "One of the ministers said no one had seen one another in the first half of the meeting.",
    ],
)
def test_no_amounts(amounts, text):
    assert spans(amounts(text)) == []


@pytest.mark.slow
def test_odd_text_does_not_crash(amounts):
    assert amounts("Prices: $$$ 5,,5 %% 1.2.3 ½ — one-in-a-million, a a a half half.") is not None
    huge = " ".join(["The firm paid $1 and 2 or 3%."] * 2000)
    assert len(amounts(huge)) >= 2000


@pytest.mark.slow
def test_empty_and_blank_docs():
    from newsgraph.amounts import extract_amounts
    from newsgraph.analyse import load_nlp
    from newsgraph.record import Record

    nlp = load_nlp()
    for text in ("", "   \n\n  ", "9" * 500, "$" * 300 + "%"):
        record = extract_amounts(Record("x", "x", text), nlp(text))
        assert all(0 <= a.start < a.end <= len(text) for a in record.amounts)


def test_words_value():
    assert words_value("three hundred and fifty") == 350
    assert words_value("two dozen") == 24
    assert words_value("a million") == 1e6
    assert words_value("half a million") == 5e5
    assert words_value("twenty-five thousand") == 25000
    assert words_value("a") is None


# ---------------------------------------------------------------------------------------------
# evaluation: loader and scorer


def test_meantime_loader_keeps_value_markables():
    (article,) = load_meantime(FIXTURES)
    assert [(article.text[v.start : v.end], v.type) for v in article.values] == [
        ("12", "QUANTITY"),
        ("about US$ 2 billion", "MONEY"),
        ("15%", "PERCENT"),
    ]
    assert "7 cars" not in article.text  # MEANTIME annotates the first sentences: the text stops there


def test_score_overlap_strict_and_kind():
    (article,) = load_meantime(FIXTURES)
    t = article.text
    i = t.index("US$")
    preds = [Value(t.index("12"), t.index("12") + 2, "count"), Value(i, i + 12, "money"), Value(0, 4, "count")]
    s = score([article], [preds])
    assert (s["precision"], s["recall"]) == (pytest.approx(2 / 3), pytest.approx(2 / 3))
    assert s["strict_f1"] == pytest.approx(2 * (1 / 3) * (1 / 3) / (2 / 3))
    assert s["kind_accuracy"] == 1.0


@pytest.mark.slow
def test_amounts_task_runs():
    from newsgraph import evaluate

    pytest.importorskip("quantulum3")  # the reference system

    report = evaluate.run("amounts", str(FIXTURES))
    ours = report.scores[0]
    assert ours.system == "newsgraph" and ours.n == 3 and ours.recall == 1.0
    assert report.scores[1].system.startswith("quantulum3")
