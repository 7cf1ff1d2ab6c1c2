"""The ``newsgraph`` command: JSON lines on stdout, one clean line on stderr per problem."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from newsgraph import __version__
from newsgraph.cli import cli
from newsgraph.record import SCHEMA_ID, json_schema

FIXTURES = Path(__file__).parent / "fixtures"
REUTERS = FIXTURES / "reuters.txt"
PLAIN = FIXTURES / "plain.txt"
HTML = FIXTURES / "article.html"


def validate(record: dict) -> None:
    jsonschema.Draft202012Validator(json_schema()).validate(record)


def test_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_extract_one_file(run_cli):
    result = run_cli("extract", REUTERS)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.endswith("\n")
    (record,) = result.records
    validate(record)
    assert record["schema"] == SCHEMA_ID
    assert record["source"] == str(REUTERS)
    assert record["text"] == REUTERS.read_text("utf-8")
    assert record["title"] == "Dutch port approves 2.1 billion euro expansion of container terminal"
    assert record["agency"] == "Reuters"
    assert record["language"] == "en"
    assert record["published"] is None
    (caption,) = record["captions"]
    assert caption["credit"] == "REUTERS/Jane Doe"
    caption_text = record["text"][caption["start"] : caption["end"]]
    assert caption_text.startswith("A crane operator works on a container ship")
    assert caption_text.endswith("REUTERS/Jane Doe")
    removed = {(r["reason"], record["text"][r["start"] : r["end"]]) for r in record["removed"]}
    assert ("credit", "REUTERS/Jane Doe") in removed
    assert ("byline", "Reporting by Tom Alder; Editing by Sarah Quint") in removed
    for key in ["entities", "quotes", "times", "amounts", "events"]:
        assert isinstance(record[key], list)


def test_every_fixture_validates(run_cli):
    result = run_cli("extract", HTML, PLAIN, REUTERS)
    assert result.exit_code == 0, result.stderr
    records = result.records
    assert [r["source"] for r in records] == [str(HTML), str(PLAIN), str(REUTERS)]
    for record in records:
        validate(record)
    html = records[0]
    assert (html["title"], html["author"]) == ("Night trains return to the Alpine line", "Anna Kessler")
    assert html["published"].startswith("2024-09-16")
    plain = records[1]
    assert plain["agency"] is None and plain["captions"] == []


def test_output_is_one_json_object_per_line_unicode_kept(run_cli, tmp_articles):
    root = tmp_articles({"a.txt": "Café “Zürich” reopens.\n\nThe owner, Zoë Müller, said it was time.\n"})
    result = run_cli("extract", root / "a.txt")
    assert result.exit_code == 0
    (line,) = result.stdout.splitlines()
    assert "Zoë Müller" in line  # written as UTF-8, not \u escapes
    assert json.loads(line)["text"].startswith("Café “Zürich”")


def test_bad_inputs_in_the_middle(run_cli, tmp_articles):
    root = tmp_articles({"empty.txt": b"", "binary.txt": b"\x00\x01\x02\x03" * 100})
    missing = root / "missing.txt"
    result = run_cli(
        "extract", REUTERS, missing, PLAIN, root / "empty.txt", root / "binary.txt", HTML
    )
    assert result.exit_code == 1
    assert [r["source"] for r in result.records] == [str(REUTERS), str(PLAIN), str(HTML)]
    for record in result.records:
        validate(record)
    lines = result.stderr_lines
    assert len(lines) == 3
    assert lines[0] == f"newsgraph: {missing}: no such file or directory"
    assert lines[1] == f"newsgraph: {root / 'empty.txt'}: empty input"
    assert lines[2].startswith(f"newsgraph: {root / 'binary.txt'}: not text")
    assert "Traceback" not in result.stdout + result.stderr


def test_only_bad_inputs(run_cli, tmp_path):
    result = run_cli("extract", tmp_path / "a.txt", tmp_path / "b.txt")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr_lines == [
        f"newsgraph: {tmp_path / 'a.txt'}: no such file or directory",
        f"newsgraph: {tmp_path / 'b.txt'}: no such file or directory",
    ]


def test_all_good_exits_0(run_cli):
    result = run_cli("extract", PLAIN, REUTERS, HTML)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert [r["source"] for r in result.records] == [str(PLAIN), str(REUTERS), str(HTML)]


def test_same_file_twice_gives_two_identical_records(run_cli):
    result = run_cli("extract", PLAIN, PLAIN)
    assert result.exit_code == 0
    first, second = result.stdout.splitlines()
    assert first == second


# ---------------------------------------------------------------------------------------------
# --published


@pytest.mark.parametrize(
    "value,expected",
    [("2020-01-02", "2020-01-02"), ("2020-01-02T08:15:00", "2020-01-02T08:15:00")],
)
def test_published_sets_every_record_and_overrides_page_metadata(run_cli, value, expected):
    result = run_cli("extract", "--published", value, PLAIN, HTML)
    assert result.exit_code == 0, result.stderr
    assert [r["published"] for r in result.records] == [expected, expected]
    for record in result.records:
        validate(record)


def test_without_published_the_page_date_is_kept(run_cli):
    result = run_cli("extract", HTML)
    assert result.records[0]["published"].startswith("2024-09-16")


@pytest.mark.parametrize("value", ["yesterday", "2024-13-45", "16/09/2024", "2024-09-16Tnoon", ""])
def test_bad_published_is_a_usage_error(run_cli, value):
    result = run_cli("extract", "--published", value, PLAIN)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--published" in result.stderr
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------------------------------------
# other options


def test_summary_prints_a_table(run_cli, tmp_path):
    result = run_cli("extract", "--summary", REUTERS, PLAIN, tmp_path / "gone.txt")
    assert result.exit_code == 1
    assert '"schema"' not in result.stdout  # a table, not JSON lines
    assert "2 articles extracted, 1 failed" in result.stdout
    # one row per record, named by its title or file name
    assert "Dutch port approves" in result.stdout or "reuters.txt" in result.stdout
    assert "Library in Eastbrook" in result.stdout or "plain.txt" in result.stdout
    assert "gone.txt" not in result.stdout
    assert "Reuters" in result.stdout  # the agency column
    assert result.stderr_lines == [f"newsgraph: {tmp_path / 'gone.txt'}: no such file or directory"]


def test_output_file(run_cli, tmp_path):
    out = tmp_path / "records.jsonl"
    result = run_cli("extract", "-o", out, REUTERS, PLAIN)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text("utf-8") == run_cli("extract", REUTERS, PLAIN).stdout
    assert [json.loads(line)["source"] for line in out.read_text("utf-8").splitlines()] == [
        str(REUTERS),
        str(PLAIN),
    ]


def test_output_file_in_missing_directory_is_one_clean_error(run_cli, tmp_path):
    out = tmp_path / "no" / "such" / "dir.jsonl"
    result = run_cli("extract", "--output", out, PLAIN)
    assert result.exit_code != 0
    assert result.stdout == ""
    (line,) = result.stderr_lines
    assert str(out) in line
    assert "Traceback" not in result.stderr


def test_max_chars_option(run_cli):
    result = run_cli("extract", "--max-chars", "800", PLAIN, REUTERS)  # 720 and 1,200 characters
    assert result.exit_code == 0
    plain, reuters = result.records
    assert plain["truncated"] is None and reuters["truncated"] > 800 >= len(reuters["text"])
    (line,) = result.stderr_lines
    assert line.startswith(f"newsgraph: warning: {REUTERS}: ") and "--max-chars" in line


def test_model_for_another_language_must_be_installed(run_cli):
    result = run_cli("extract", "--model", "xx=nonexistent_model", PLAIN)
    assert result.exit_code == 2
    (line,) = result.stderr_lines
    assert "nonexistent_model" in line and "Traceback" not in result.stderr
    result = run_cli("extract", "--model", "=x", PLAIN)
    assert result.exit_code == 2 and "Traceback" not in result.stderr


def test_unknown_model_is_one_clean_line(run_cli):
    result = run_cli("extract", "--model", "nonexistent", PLAIN)
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr_lines
    assert line.startswith("newsgraph: ")
    assert "nonexistent" in line
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["extract"],  # no PATH
        ["extract", "--workers", "0", "x.txt"],
        ["extract", "--max-chars", "0", "x.txt"],
        ["extract", "--no-such-option", "x.txt"],
        ["no-such-command"],
    ],
    ids=["no-path", "workers-0", "max-chars-0", "unknown-option", "unknown-command"],
)
def test_usage_errors(run_cli, args):
    result = run_cli(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Usage:" in result.stderr
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------------------------------------
# help, version, schema


@pytest.mark.parametrize("command", [None, *sorted(cli.commands)])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help(run_cli, command, flag):
    args = [flag] if command is None else [command, flag]
    result = run_cli(*args)
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")
    assert result.stderr == ""
    if command is None:
        for name in cli.commands:
            assert name in result.stdout


def test_version(run_cli):
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"newsgraph, version {__version__}\n"


def test_schema_command(run_cli):
    result = run_cli("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()


# ---------------------------------------------------------------------------------------------
# the real executable, end to end


@pytest.mark.slow
def test_end_to_end(run_newsgraph, fixture_bytes, tmp_path):
    proc = run_newsgraph("extract", "--published", "2024-09-16", REUTERS, "-", tmp_path / "gone.txt", HTML,
                         input=fixture_bytes("plain.txt"))
    stderr = proc.stderr.decode()
    assert proc.returncode == 1, stderr
    assert stderr == f"newsgraph: {tmp_path / 'gone.txt'}: no such file or directory\n"
    records = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["source"] for r in records] == [str(REUTERS), "-", str(HTML)]
    for record in records:
        validate(record)
        assert record["published"] == "2024-09-16"
    assert records[0]["agency"] == "Reuters"
    assert records[1]["text"] == PLAIN.read_text("utf-8")
    assert records[2]["author"] == "Anna Kessler"
