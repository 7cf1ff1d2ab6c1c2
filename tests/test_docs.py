"""The README's examples are real: its commands exist, and its example record is what extract gives."""

import json
import re
from pathlib import Path

from click.testing import CliRunner

from newsgraph.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")


def test_readme_opens_with_the_two_setup_commands():
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert "make demo" in first_block and "make test" in first_block


def test_every_command_is_documented_in_the_readme_and_has_help():
    for name, command in cli.commands.items():
        assert f"newsgraph {name}" in README, f"`newsgraph {name}` is not in the README"
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output


def test_readme_example_record_is_the_real_output():
    example = README.split("$ newsgraph extract examples/crawled/airbus-job-cuts.txt\n", 1)[1].split("```", 1)[0]
    result = CliRunner().invoke(cli, ["extract", str(ROOT / "examples/crawled/airbus-job-cuts.txt")])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    for key in ("id", "title", "published", "author", "agency", "language"):
        assert f'"{key}": {json.dumps(record[key])}' in example, key
    shown = [(int(a), int(b), r) for a, b, r in re.findall(r'"start": (\d+), "end": (\d+), "reason": "(\w+)"', example)]
    actual = [(r["start"], r["end"], r["reason"]) for r in record["removed"]]
    assert shown == actual[: len(shown)] and len(shown) >= 4
    assert json.dumps(record["captions"]) in example.replace("\n", "")


def test_readme_example_entities_are_the_real_ones():
    example = README.split("$ newsgraph extract examples/crawled/airbus-job-cuts.txt\n", 1)[1].split("```", 1)[0]
    result = CliRunner().invoke(cli, ["extract", str(ROOT / "examples/crawled/airbus-job-cuts.txt")])
    entities = {(e["id"], e["name"], e["type"]) for e in json.loads(result.stdout)["entities"]}
    shown = set(re.findall(r'"id": "(e\d+)", "name": "([^"]+)", "type": "(\w+)"', example))
    assert shown and shown <= entities
    for key in re.findall(r'"key": "([^"]+)"', example):
        assert f'"key": "{key}"' in result.stdout


def test_readme_example_quotes_are_the_real_ones():
    example = README.split("$ newsgraph extract examples/crawled/airbus-job-cuts.txt\n", 1)[1].split("```", 1)[0]
    result = CliRunner().invoke(cli, ["extract", str(ROOT / "examples/crawled/airbus-job-cuts.txt")])
    quotes = [json.dumps(q) for q in json.loads(result.stdout)["quotes"]]
    shown = re.findall(
        r'\{"start": \d+, "end": \d+, "kind": "\w+", "cue": \{[^}]*\},\s*"speaker": \{[^}]*\},\s*"source": \{[^}]*\}, '
        r'"type": "\w+", "confidence": [\d.]+\}',
        example,
    )
    assert len(shown) == 2
    for quote in shown:
        assert " ".join(quote.split()) in quotes
