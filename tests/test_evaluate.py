"""The evaluation frame: scoring, the boilerplate task on a gold set of our own, the quality gate."""

import gzip
import json

import pytest
from click.testing import CliRunner

from newsgraph import evaluate
from newsgraph.cli import cli
from newsgraph.evaluate.boilerplate import score, token_prf

ARTICLE = [
    "The city council approved the new transport plan on Wednesday after a debate that lasted six hours.",
    "Under the plan, bus lanes will be added on four main roads and ticket prices frozen until next summer.",
    "Opposition members said the council had not explained how the plan would be paid for.",
    "The mayor said the first lanes would open in March and promised a review after one year.",
]


def page(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><title>{title}</title>
<meta property="og:title" content="{title}"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>{title}</h1>{body}<p>Share this article</p><p>Subscribe to our newsletter</p></article>
<footer><p>Copyright 2024 The Example Courier. All rights reserved.</p></footer></body></html>"""


@pytest.fixture
def gold(tmp_path):
    (tmp_path / "html").mkdir()
    truth = {}
    for i, paragraphs in enumerate([ARTICLE, ARTICLE[::-1]]):
        pid = f"page{i}"
        (tmp_path / "html" / f"{pid}.html.gz").write_bytes(gzip.compress(page(f"Council backs transport plan {i}", paragraphs).encode()))
        truth[pid] = {"articleBody": "\n".join(paragraphs), "url": f"https://example.org/{pid}"}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth))
    return tmp_path


def test_token_prf():
    assert token_prf("a b c d e", "a b c d e") == (1.0, 1.0, 1.0)
    p, r, f = token_prf("a b c d e f", "a b c d e")  # one extra shingle of three
    assert (p, r) == (2 / 3, 1.0)
    assert token_prf("", "") == (1.0, 1.0, 1.0)
    assert token_prf("", "a b c d") == (0.0, 0.0, 0.0)


def test_score_averages_over_pages():
    class Page:
        def __init__(self, pid, body):
            self.id, self.body = pid, body

    pages = [Page("a", "one two three four five"), Page("b", "six seven eight nine")]
    result = score(pages, lambda p: p.body if p.id == "a" else "")
    assert result["pages"] == 2 and result["empty_predictions"] == 1
    assert result["precision"] == 1.0  # empty predictions are left out of precision
    assert result["recall"] == 0.5


def test_boilerplate_task_scores_us_next_to_trafilatura(gold):
    report = evaluate.run("boilerplate", str(gold))
    systems = {s.system: s for s in report.scores}
    assert set(systems) == {"newsgraph", "trafilatura (plain)"}
    ours = systems["newsgraph"]
    assert ours.n == 2
    assert ours.recall == pytest.approx(1.0)
    assert ours.precision >= systems["trafilatura (plain)"].precision
    assert ours.precision > 0.9  # share/subscribe lines and the footer are not body


def test_gate_passes_and_fails_on_floors(gold):
    report = evaluate.run("boilerplate", str(gold))
    assert evaluate.gate([report], {"boilerplate": {"newsgraph": {"recall": 0.9}}}) == []
    problems = evaluate.gate([report], {"boilerplate": {"newsgraph": {"recall": 1.01}}, "ner": {"newsgraph": {"f1": 0.5}}})
    assert len(problems) == 2 and "below its floor" in problems[0] and "did not run" in problems[1]


def test_eval_cli_json_markdown_and_gate(gold, tmp_path):
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"boilerplate": {"newsgraph": {"f1": 1.01}}}))
    md = tmp_path / "EVAL.md"
    result = CliRunner().invoke(cli, ["eval", "boilerplate", str(gold), "--json", "--markdown", str(md), "--floors", str(floors)])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data[0]["task"] == "boilerplate" and len(data[0]["scores"]) == 2
    assert "quality gate" in result.stderr and "Traceback" not in result.output
    assert "| newsgraph |" in md.read_text()


def test_eval_unknown_task_and_missing_gold_are_one_line_errors(gold):
    result = CliRunner().invoke(cli, ["eval", "nonsense", str(gold)])
    assert result.exit_code == 2 and "unknown task 'nonsense'" in result.stderr
    result = CliRunner().invoke(cli, ["eval", "boilerplate", str(gold / "html")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.count("\n") == 1


def test_every_task_is_listed_in_the_eval_help():
    evaluate._load_tasks()
    help_text = CliRunner().invoke(cli, ["eval", "--help"]).output
    for name in evaluate.TASKS:
        assert f"  {name} " in help_text, name
