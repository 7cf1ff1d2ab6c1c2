"""The cleaning evaluation (newsgraph.evaluate.cleaning): its lines file, the page builder, the
scoring of a record against a page, and the task end to end on a data directory of our own."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph import evaluate
from newsgraph.cli import cli
from newsgraph.errors import EvalError
from newsgraph.evaluate import cleaning as c
from newsgraph.record import Caption, Record, Removed

EXAMPLES = Path(__file__).parent.parent / "examples" / "meantime"

BODY = c.Body(
    "test/council",
    "Council backs new transport plan\n\n"
    "May 5, 2020\n\n"
    "The city council approved the new transport plan on Wednesday after a debate that lasted six hours.\n\n"
    "Under the plan, bus lanes will be added on four main roads and ticket prices frozen until next summer.\n\n"
    "Opposition members said the council had not explained how the plan would be paid for.\n\n"
    "The mayor said the first lanes would open in March and promised a review after one year.\n\n"
    "Residents near the depot said they had not been consulted.\n\n"
    "A final vote on the budget is expected in June.",
)


def ink(text: str) -> int:
    return len("".join(text.split()))


@pytest.fixture(scope="module", params=[c.LINES, c.WRITTEN], ids=["lines", "written"])
def lines(request):
    return c.load_lines(request.param)


@pytest.fixture(scope="module")
def dev():
    return c.pool(c.load_lines(), "dev")


# --- the lines file -------------------------------------------------------------------------


def test_lines_file_has_every_kind_in_both_parts_above_the_minimums(lines):
    counts = Counter((line.kind, line.part) for line in lines)
    for kind, minimum in c.MINIMUM.items():
        total = counts[kind, "dev"] + counts[kind, "check"]
        assert total >= minimum, (kind, total)
        assert 0.45 <= counts[kind, "dev"] / total <= 0.55, (kind, counts[kind, "dev"], total)


def test_lines_file_has_no_duplicate_lines(lines):
    seen = Counter(" ".join(line.text.split()).casefold() for line in lines)
    assert [text for text, n in seen.items() if n > 1] == []
    assert all(line.text == line.text.strip() and "\t" not in line.text for line in lines)


def test_lines_file_extras(lines):
    for part in c.PARTS:
        mine = [line for line in lines if line.part == part]
        slots = Counter(line.extra for line in mine if line.kind == "chrome")
        assert set(slots) == set(c.SLOTS), (part, slots)
        positions = Counter(line.extra for line in mine if line.kind == "byline")
        assert set(positions) == set(c.POSITIONS), (part, positions)
        captions = [line for line in mine if line.kind == "caption"]
        assert all(line.extra in line.text for line in captions)
        assert sum(bool(line.extra) for line in captions) >= 0.75 * len(captions)  # most captions carry a credit
        datelines = [line for line in mine if line.kind == "dateline"]
        assert 0 < sum(not line.extra for line in datelines) < len(datelines) / 2  # some name no agency
    written = any(line.kind == "story" and line.extra for line in lines)  # written.tsv names its story lines' kinds
    for line in lines:
        if line.kind == "story" and written:
            assert line.extra in ("lookalike", "subhead", "plain"), line
        elif line.kind == "story":
            assert line.text[0].isupper() and line.text.endswith((".", "?")) and len(line.text.split()) >= 6, line.text
            assert not line.extra


def test_every_dateline_splits_into_dateline_and_story(lines):
    for line in lines:
        if line.kind != "dateline":
            continue
        dateline, rest = c.split_dateline(line.text)
        assert dateline and len(dateline) <= 60, line.text
        assert dateline + rest == line.text
        assert rest[:1].isupper() or rest[:1].isdigit(), line.text
        assert line.extra in dateline, line.text


def test_split_dateline_forms():
    assert c.split_dateline("WASHINGTON (AP) — The Senate voted.") == ("WASHINGTON (AP) — ", "The Senate voted.")
    assert c.split_dateline("MOSCOW, March 3. /TASS/. Russia's bank acted.") == ("MOSCOW, March 3. /TASS/. ", "Russia's bank acted.")
    assert c.split_dateline("New Delhi, March 3 (IANS) The Commission said.") == ("New Delhi, March 3 (IANS) ", "The Commission said.")
    assert c.split_dateline("OTTAWA— Conservative MPs asked.") == ("OTTAWA— ", "Conservative MPs asked.")
    assert c.split_dateline("(CNN) — A quake struck.") == ("(CNN) — ", "A quake struck.")


def test_a_malformed_lines_file_is_an_eval_error(tmp_path):
    path = tmp_path / "lines.tsv"
    path.write_text("# comment\ndev\tchrome\tShare this\nsomewhere\tchrome\tShare\n", encoding="utf-8")
    with pytest.raises(EvalError, match=":3:"):
        c.load_lines(path)
    with pytest.raises(EvalError):
        c.load_lines(tmp_path / "missing.tsv")


def test_paragraphs_are_blocks_between_blank_lines():
    text = "One\n\nTwo a\nTwo b\n\n \n  Three  \n"
    assert [text[s:e] for s, e in c.paragraphs(text)] == ["One", "Two a\nTwo b", "Three"]


# --- the page builder -----------------------------------------------------------------------


def check_page(page: c.Page) -> None:
    """Segments in order, apart, and each a whole line of the page (a lead follows its dateline)."""
    end = 0
    for seg in page.segments:
        assert seg.start >= end and seg.end > seg.start
        text = page.segment_text(seg)
        assert text == text.strip()
        if seg.line is not None and seg.kind not in ("dateline", "lead"):
            assert text == seg.line.text
        if seg.kind != "lead":
            assert seg.start == 0 or page.text[seg.start - 1] == "\n"
        assert seg.end == len(page.text) or page.text[seg.end] in "\n" or seg.kind == "dateline"
        end = seg.end


def test_build_page_keeps_the_story_in_order_and_is_deterministic(dev):
    page = c.build_page(BODY, dev)
    check_page(page)
    kinds = [s.kind for s in page.segments]
    assert kinds.count("title") == 1 and page.segment_text(page.segments[kinds.index("title")]) == "Council backs new transport plan"
    assert kinds.count("date") == 1 and page.segment_text(page.segments[kinds.index("date")]) == "May 5, 2020"
    story = [page.segment_text(s) for s in page.segments if s.kind == "body"]
    assert story == [BODY.text[s:e] for s, e in c.paragraphs(BODY.text)][2:]
    assert kinds[0] == "chrome" and kinds[-1] in ("chrome", "byline", "repeat")
    assert "lookalike" in kinds
    assert all(s.line.part == "dev" for s in page.segments if s.line is not None)
    again = c.build_page(BODY, dev)
    assert again.text == page.text and again.segments == page.segments
    assert c.build_page(c.Body("test/other", BODY.text), dev).text != page.text


def test_build_page_over_many_bodies_uses_every_element(dev):
    lines = c.load_lines()
    pages = [c.build_page(c.Body(f"test/{i}", BODY.text), dev) for i in range(200)]
    kinds = Counter(s.kind for page in pages for s in page.segments)
    for kind in ("chrome", "body", "lookalike", "caption", "repeat", "byline", "dateline", "lead", "title", "date"):
        assert kinds[kind] > 0, kind
    for page in pages:
        check_page(page)
        captions = [page.segment_text(s) for s in page.segments if s.kind == "caption"]
        for i, seg in enumerate(page.segments):
            if seg.kind == "repeat":  # a second copy of a caption that came before it
                earlier = [page.segment_text(s) for s in page.segments[:i] if s.kind == "caption"]
                assert page.segment_text(seg) in earlier
        assert len(captions) <= 3
        if page.dateline is not None:
            seg = next(s for s in page.segments if s.kind == "dateline")
            assert page.text[seg.start :].startswith(page.dateline.text)
    inline = {line.text for line in lines if line.kind == "chrome" and line.extra == "inline"}
    per_page = sum(page.segment_text(s) in inline for page in pages for s in page.segments if s.kind == "chrome") / len(pages)
    assert 1 <= per_page <= 2  # 6 story paragraphs: about one inline line per 4 paragraphs
    # the check part is never drawn from when building with the dev part
    check = {line.text for line in lines if line.part == "check"}
    assert not any(page.segment_text(s) in check for page in pages for s in page.segments if s.kind != "body")


def test_a_body_with_its_own_agency_dateline_gets_no_second_one(dev):
    body = c.Body("test/wire", "Headline here\n\nLONDON, Sept 16 (Reuters) - Shares fell on Monday.\n\nMore text follows here.")
    assert all(c.build_page(c.Body(f"test/wire{i}", body.text), dev).dateline is None for i in range(50))


def test_plain_page_is_the_body_as_it_is():
    page = c.plain_page(BODY)
    assert page.text == BODY.text and len(page.segments) == 8
    assert [s.kind for s in page.segments] == ["body", "date"] + ["body"] * 6  # the date line is not scored


# --- scoring --------------------------------------------------------------------------------


def make_page(pieces, dateline=None) -> c.Page:
    text, segments = "", []
    for piece, kind, extra in pieces:
        if text:
            text += "\n\n"
        line = c.Line("dev", "caption", piece, extra) if extra else None
        segments.append(c.Segment(len(text), len(text) + len(piece), kind, line))
        text += piece
    return c.Page("fake", text, segments, dateline)


PIECES = [
    ("Home", "chrome", ""),
    ("Story one is here.", "body", ""),
    ("Share prices fell 4 percent on Monday.", "lookalike", ""),
    ("Crowds at the rally. REUTERS/Jo Bloggs", "caption", "REUTERS/Jo Bloggs"),
    ("Story two ends it.", "body", ""),
    ("Crowds at the rally. REUTERS/Jo Bloggs", "repeat", "REUTERS/Jo Bloggs"),
    ("By Jane Smith", "byline", ""),
    ("Share this", "chrome", ""),
    ("Headline", "title", ""),
]


def span(page: c.Page, i: int, sub: str | None = None) -> tuple[int, int]:
    seg = page.segments[i]
    start = seg.start + (page.segment_text(seg).index(sub) if sub else 0)
    return start, start + len(sub) if sub else seg.end


def fake_record(page: c.Page, removed: list[tuple[tuple[int, int], str]], **kwargs) -> Record:
    return Record(source="fake.txt", id="x", text=page.text, removed=[Removed(a, b, reason) for (a, b), reason in removed], **kwargs)


def test_scoring_a_fake_record_gives_known_figures():
    page = make_page(PIECES, dateline=c.Line("dev", "dateline", "MONTREAL (CP) — Unions will strike.", "CP"))
    removed = [
        (span(page, 0), "boilerplate"),
        (span(page, 1, "one"), "boilerplate"),  # three story characters lost
        (span(page, 3, "Crowds at the rally."), "caption"),
        (span(page, 3, "REUTERS/Jo Bloggs"), "credit"),
        (span(page, 5), "duplicate"),
        (span(page, 6), "byline"),
        (span(page, 7, "Share"), "boilerplate"),  # "this" stays: not removed
    ]
    a, b = span(page, 3)
    record = fake_record(page, removed, captions=[Caption(a, b, "REUTERS/Jo Bloggs")], agency="Canadian Press")
    tally = c.score_page(page, record, c.Tally())
    story = ink("Story one is here.") + ink("Share prices fell 4 percent on Monday.") + ink("Story two ends it.")
    assert (tally.story, tally.story_kept, tally.removed_story) == (story, story - 3, 3)
    gone = ink("Home") + 3 + 2 * ink("Crowds at the rally. REUTERS/Jo Bloggs") + ink("By Jane Smith") + ink("Share")
    assert tally.removed == gone
    assert c.figures(tally) == {
        "body_kept": (story - 3) / story,
        "paragraphs_intact": 0.5,
        "headline_kept": 1.0,  # the headline: none of it removed
        "lookalikes_kept": 1.0,
        "chrome_removed": 0.5,
        "captions_removed": 1.0,
        "credited_removed": 1.0,  # the caption carries its credit: both went
        "credit_found": 1.0,
        "duplicates_removed": 1.0,
        "bylines_removed": 1.0,
        "byline_reason": 1.0,
        "agency": 1.0,  # "Canadian Press" and "CP" name the same agency (data/agencies.tsv)
        "paragraphs_lost": 1.0,
    }
    assert tally.misses["paragraphs_intact"] == ["Story one is here."]
    assert tally.misses["chrome_removed"] == ["Share this"]
    score = c.to_score("x", tally)
    p, r = (gone - 3) / gone, (story - 3) / story
    assert (score.precision, score.recall, score.n) == (p, r, 1)
    assert score.f1 == pytest.approx(2 * p * r / (p + r))


def test_scoring_credits_reasons_and_agencies():
    page = make_page(PIECES, dateline=c.Line("dev", "dateline", "OTTAWA — The House sat.", ""))
    # the caption and byline removed as boilerplate: removed, but no credit found and no byline reason
    record = fake_record(page, [(span(page, 3), "boilerplate"), (span(page, 6), "boilerplate")], agency=None)
    figures = c.figures(c.score_page(page, record, c.Tally()))
    assert figures["captions_removed"] == 1.0 and figures["credit_found"] == 0.0
    assert figures["credited_removed"] == 1.0  # caption + credit removed, under whatever reason
    assert figures["bylines_removed"] == 1.0 and figures["byline_reason"] == 0.0
    assert figures["duplicates_removed"] == 0.0 and figures["chrome_removed"] == 0.0
    assert figures["agency"] == 1.0  # no agency named, none found
    assert figures["body_kept"] == 1.0 and figures["paragraphs_intact"] == 1.0
    # an agency found where the dateline names none is wrong; so is a different one
    assert c.figures(c.score_page(page, fake_record(page, [], agency="AP"), c.Tally()))["agency"] == 0.0
    page.dateline = c.Line("dev", "dateline", "LONDON (Reuters) - Shares fell.", "Reuters")
    assert c.figures(c.score_page(page, fake_record(page, [], agency="reuters"), c.Tally()))["agency"] == 1.0
    assert c.figures(c.score_page(page, fake_record(page, [], agency="AFP"), c.Tally()))["agency"] == 0.0


def test_a_credit_is_found_in_the_caption_record_alone():
    page = make_page(PIECES)
    a, b = span(page, 3)
    record = fake_record(page, [((a, b), "caption")], captions=[Caption(a, b, "Reuters/Jo  Bloggs")])
    assert c.figures(c.score_page(page, record, c.Tally()))["credit_found"] == 1.0  # case and spaces aside
    record = fake_record(page, [((a, b), "caption")], captions=[Caption(a, b, "Reuters")])
    assert c.figures(c.score_page(page, record, c.Tally()))["credit_found"] == 0.0  # only part of it


def test_a_rejected_page_counts_as_all_removed_and_a_changed_text_is_an_error():
    page = make_page(PIECES)
    figures = c.figures(c.score_page(page, None, c.Tally()))
    assert figures["body_kept"] == 0.0 and figures["chrome_removed"] == 1.0
    with pytest.raises(EvalError, match="differs"):
        c.score_page(page, Record(source="fake.txt", id="x", text=page.text + " "), c.Tally())


def test_nothing_removed_scores_precision_one_and_leaves_out_empty_metrics():
    page = c.plain_page(BODY)
    tally = c.score_page(page, fake_record(page, []), c.Tally())
    assert set(c.figures(tally)) == {"body_kept", "paragraphs_intact", "paragraphs_lost"}
    assert (c.to_score("x", tally).precision, c.to_score("x", tally).recall) == (1.0, 1.0)


# --- the task -------------------------------------------------------------------------------


def test_the_task_is_registered_with_the_data_directory_as_gold():
    evaluate._load_tasks()
    assert evaluate.TASKS["cleaning"].gold == "."
    assert Path("../shared/data") / evaluate.TASKS["cleaning"].gold == Path("../shared/data")


@pytest.fixture
def data(tmp_path):
    (tmp_path / "polnear" / "dev" / "text").mkdir(parents=True)
    (tmp_path / "polnear" / "dev" / "text" / "a.txt").write_text(BODY.text, encoding="utf-8")
    (tmp_path / "ggt" / "text").mkdir(parents=True)
    (tmp_path / "ggt" / "text" / "b.txt").write_text(BODY.text.split("\n\n", 2)[2], encoding="utf-8")
    return tmp_path


def test_eval_cleaning_prints_only_the_json_report(data):
    result = CliRunner().invoke(cli, ["eval", "cleaning", str(data), "--json"])
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.stdout)
    assert report["task"] == "cleaning"
    systems = [s["system"] for s in report["scores"]]
    assert systems == ["newsgraph (plain bodies)", "newsgraph (dev lines)", "newsgraph (check lines)",
                       "newsgraph (written dev lines)", "newsgraph (written check lines)", "newsgraph (fresh check lines)",
                       "newsgraph (fresh2 dev lines)", "newsgraph (fresh2 check lines)",
                       "newsgraph (fresh3 dev lines)", "newsgraph (fresh3 check lines)",
                       "newsgraph (fresh4 dev lines)", "newsgraph (fresh4 check lines)",
                       "newsgraph (fresh5 dev lines)", "newsgraph (fresh5 check lines)",
                       "newsgraph (fresh6 dev lines)", "newsgraph (fresh6 check lines)",
                       "newsgraph (fresh7 dev lines)", "newsgraph (fresh7 check lines)",
                       "newsgraph (fresh8 dev lines)", "newsgraph (fresh8 check lines)"]
    assert all(s["n"] == 2 for s in report["scores"])
    assert {"body_kept", "chrome_removed", "lookalikes_kept"} <= set(report["scores"][1]["extra"])
    assert re.search(r"2 story bodies \(1 PolNeAR dev, 0 MEANTIME, 1 GGT\)", report["method"])


def test_eval_cleaning_without_bodies_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(cli, ["eval", "cleaning", str(tmp_path)])
    assert result.exit_code == 2 and "no story bodies" in result.stderr
    assert result.stderr.count("\n") == 1


def test_meantime_examples_in_dev_pages_keep_the_story_and_lose_the_chrome(dev):
    bodies = [c.Body(f"examples/{f.stem}", f.read_text(encoding="utf-8").strip()) for f in sorted(EXAMPLES.glob("*.txt"))]
    assert len(bodies) >= 10
    figures = c.figures(c.run_pages(c.build_page(b, dev) for b in bodies))
    assert figures["body_kept"] >= 0.999
    assert figures["lookalikes_kept"] >= 0.99
    assert figures["chrome_removed"] >= 0.9
