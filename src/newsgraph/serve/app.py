"""The web app of ``newsgraph serve``: a JSON API and server-rendered pages over the corpus store.

:func:`create_app` returns a FastAPI application over one database file.

Method:

* **Read-only.** Every request opens its own SQLite connection with the ``mode=ro`` URI (and
  ``PRAGMA query_only``), wrapped in :class:`ReadOnlyStore`, a :class:`newsgraph.store.Store` that
  skips the migrations and WAL set-up of a writer, so the queries are the store's own methods.
  The database is in WAL mode, so a request reads a consistent snapshot while ``newsgraph ingest``
  writes, and never blocks it. Every SQL statement takes its values as parameters.
* **JSON API** under ``/api``: stats, search, entities, one entity, quotes, events, one article.
  Bad parameters give ``422 {"error": "..."}``, unknown ids ``404 {"error": "..."}``; an unexpected
  failure is ``500 {"error": "internal error"}``, never a traceback. The OpenAPI description is at
  ``/openapi.json`` and a page listing it at ``/docs`` (rendered here: Swagger UI would load its
  scripts from a CDN, and the app must work offline).
* **Pages** are Jinja2 templates with autoescape on; CSS and a little JavaScript are served from
  ``static/``, nothing from elsewhere. The article view is built by :func:`highlight`: the text is
  cut at every fact boundary (removed chrome and captions, quotes, entity mentions, times, amounts;
  offsets index the record's text), each slice escaped with :func:`markupsafe.escape`, the facts
  opened and closed around the slices as properly nested elements (an element that crosses
  another's boundary is closed and reopened). Charts (mentions over time, co-occurrence graph) are
  inline SVG computed on the server.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException

from ..errors import ConfigError
from ..record import QUOTE_TYPES, QuoteType
from ..store import MIGRATIONS, Store

HERE = Path(__file__).parent
MAX_ID = 2**63 - 1
PLACE_TYPES = ("GPE", "LOC")
_TYPE = r"^[A-Za-z_]{1,32}$"
SEARCH_HELP = 'words (all must occur), "a phrase", OR, NOT, prefix*'


# -- the read-only store ------------------------------------------------------------------------


class ReadOnlyStore(Store):
    """A :class:`Store` on a read-only connection: the store's queries, no writes, no migrations."""

    def __init__(self, path: str | os.PathLike) -> None:  # noqa: D107 - no super().__init__: it would write
        self.path = os.fspath(path)
        if not os.path.isfile(self.path):
            raise ConfigError(f"{self.path}: no such database (run `newsgraph ingest` first, or pass --db)")
        uri = Path(self.path).resolve().as_uri() + "?mode=ro"
        try:
            self.db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA busy_timeout = 10000")
            self.db.execute("PRAGMA query_only = ON")
        except sqlite3.DatabaseError as e:
            raise ConfigError(f"{self.path}: cannot open read-only ({e})") from None

    def close(self) -> None:
        self.db.close()

    def check_schema(self) -> None:
        """Refuse a file that is not a newsgraph database of this version (a reader cannot migrate)."""
        try:
            version = self.version
            tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as e:
            raise ConfigError(f"{self.path}: not a newsgraph database ({e})") from None
        if "articles" not in tables or version != len(MIGRATIONS):
            raise ConfigError(
                f"{self.path}: not a newsgraph database of schema {len(MIGRATIONS)} (found {version});"
                " `newsgraph stats --db FILE` migrates an older one"
            )


# -- queries the store has no method for ------------------------------------------------------------


def latest_quotes(store: Store, limit: int = 10) -> list[dict[str, Any]]:
    """The quotes of the latest ingested articles (newest first)."""
    return [
        dict(r)
        for r in store.db.execute(
            "SELECT q.id, q.article, q.text, q.kind, q.type, q.speaker, COALESCE(e.name, q.speaker_name) AS speaker_name,"
            " a.title, a.published FROM quotes q JOIN articles a ON a.id = q.article LEFT JOIN entities e ON e.id = q.speaker"
            " WHERE a.duplicate_of IS NULL ORDER BY q.id DESC LIMIT ?",
            (limit,),
        )
    ]


def event_types(store: Store) -> list[dict[str, Any]]:
    return [dict(r) for r in store.db.execute("SELECT type, COUNT(*) AS events FROM events GROUP BY type ORDER BY 2 DESC, 1")]


def entity_events(store: Store, entity_id: int, limit: int = 50) -> list[dict[str, Any]]:
    """The events one entity takes part in (or where they happen), in order of publication."""
    rows = [
        dict(r)
        for r in store.db.execute(
            "SELECT ev.id, ev.article, ev.type, ev.mode, ev.trigger, ev.place, pe.name AS place_name, ev.time, a.title, a.published"
            " FROM events ev JOIN articles a ON a.id = ev.article LEFT JOIN entities pe ON pe.id = ev.place_entity"
            " WHERE a.duplicate_of IS NULL"
            " AND (ev.place_entity = ? OR ev.id IN (SELECT event FROM participants WHERE entity = ?))"
            " ORDER BY a.published, ev.article, ev.trigger_start LIMIT ?",
            (entity_id, entity_id, limit),
        )
    ]
    for row in rows:
        row["participants"] = _participants(store, row["id"])
    return rows


def _participants(store: Store, event: int) -> list[dict[str, Any]]:
    return [
        dict(p)
        for p in store.db.execute(
            "SELECT p.role, p.entity, COALESCE(e.name, p.text, p.local) AS name FROM participants p"
            " LEFT JOIN entities e ON e.id = p.entity WHERE p.event = ? ORDER BY p.rowid",
            (event,),
        )
    ]


def article(store: Store, article_id: int) -> dict[str, Any] | None:
    """One article: its metadata, text, removed stretches, and every fact with corpus entity ids."""
    db = store.db
    row = db.execute(
        "SELECT id, source, position, url, title, published, author, agency, language, words, duplicate_of, ingested,"
        " text, record FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    data = dict(row)
    record = json.loads(data.pop("record"))
    one = (article_id,)

    def rows(sql: str) -> list[dict[str, Any]]:
        return [dict(r) for r in db.execute(sql, one)]

    data["removed"] = record.get("removed", [])
    data["captions"] = rows('SELECT start, "end", credit FROM captions WHERE article = ? ORDER BY start')
    data["entities"] = rows(
        "SELECT ae.entity AS id, ae.local, ae.name AS name_here, e.name, e.type, ae.mentions FROM article_entities ae"
        " JOIN entities e ON e.id = ae.entity WHERE ae.article = ? ORDER BY ae.mentions DESC, e.name"
    )
    data["mentions"] = rows(
        'SELECT m.start, m."end", m.entity, e.name, e.type, m.label FROM mentions m JOIN entities e ON e.id = m.entity'
        " WHERE m.article = ? ORDER BY m.start"
    )
    data["quotes"] = rows(
        'SELECT q.id, q.start, q."end", q.kind, q.type, q.confidence, q.text, q.speaker, COALESCE(e.name, q.speaker_name) AS speaker_name,'
        " q.cue_start, q.cue_end, q.source_start, q.source_end FROM quotes q LEFT JOIN entities e ON e.id = q.speaker WHERE q.article = ? ORDER BY q.start"
    )
    data["times"] = rows('SELECT start, "end", text, type, value, mod FROM times WHERE article = ? ORDER BY start')
    data["amounts"] = rows(
        'SELECT start, "end", text, value, unit, per, object, kind, mod FROM amounts WHERE article = ? ORDER BY start'
    )
    events = rows(
        "SELECT ev.id, ev.type, ev.mode, ev.trigger_start, ev.trigger_end, ev.trigger, ev.place, pe.name AS place_name, ev.time"
        " FROM events ev LEFT JOIN entities pe ON pe.id = ev.place_entity WHERE ev.article = ? ORDER BY ev.trigger_start"
    )
    for ev in events:
        ev["participants"] = _participants(store, ev["id"])
        ev |= {"article": article_id, "title": data["title"], "published": data["published"]}
    data["events"] = events
    return data


# -- the highlighted article --------------------------------------------------------------------------


def _css(name: str | None) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "", name or "")


class _Mark:
    """One element to wrap around ``text[start:end]``; ``layer`` orders nesting (outer first)."""

    __slots__ = ("start", "end", "layer", "first", "again", "close")

    def __init__(self, start: int, end: int, layer: int, first: Markup, close: str, again: Markup | None = None) -> None:
        self.start, self.end, self.layer, self.first, self.close = start, end, layer, first, Markup(close)
        self.again = again if again is not None else first


def _valid(start: Any, end: Any, size: int) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= size


def _marks(data: dict[str, Any]) -> list[_Mark]:
    text = data["text"]
    size = len(text)
    marks: list[_Mark] = []
    removed = sorted(
        (r["start"], r["end"], r.get("reason", ""))
        for r in data.get("removed", [])
        if _valid(r.get("start"), r.get("end"), size)
    )
    merged: list[list] = []  # overlapping removed stretches are one <details>: it cannot be split
    for start, end, reason in removed:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append(reason)
        else:
            merged.append([start, end, [reason]])
    for start, end, reasons in merged:
        label = ", ".join(dict.fromkeys(reasons))
        opening = Markup('<details class="removed {}"><summary>removed: {}</summary>').format(
            " ".join(f"removed-{_css(r)}" for r in dict.fromkeys(reasons)), label
        )
        marks.append(_Mark(start, end, 0, opening, "</details>"))
    for q in data.get("quotes", []):
        if _valid(q["start"], q["end"], size):
            title = f"{q.get('speaker_name') or 'speaker unknown'} ({q['kind']} quote)"
            cls = f"quote quote-{_css(q['kind'])}"
            marks.append(_Mark(
                q["start"], q["end"], 1,
                Markup('<span class="{}" id="q{}" title="{}">').format(cls, q["id"], title), "</span>",
                Markup('<span class="{}" title="{}">').format(cls, title),
            ))
    last_end = -1  # mentions are links: overlapping ones would nest <a> in <a>, keep the first
    for m in sorted(data.get("mentions", []), key=lambda m: (m["start"], -m["end"])):
        if _valid(m["start"], m["end"], size) and m["start"] >= last_end:
            last_end = m["end"]
            marks.append(_Mark(
                m["start"], m["end"], 2,
                Markup('<a class="mention t-{}" href="/entities/{}" title="{} ({})">').format(
                    _css(m["type"]), m["entity"], m["name"], m["type"]
                ),
                "</a>",
            ))
    for t in data.get("times", []):
        if _valid(t["start"], t["end"], size):
            title = f"time: {t['type']} {t['value']}" + (f" ({t['mod']})" if t.get("mod") else "")
            marks.append(_Mark(t["start"], t["end"], 3, Markup('<span class="time" title="{}">').format(title), "</span>"))
    for a in data.get("amounts", []):
        if _valid(a["start"], a["end"], size):
            value = f"{a['value']:,.12g}" if isinstance(a["value"], (int, float)) else str(a["value"])
            parts = [value, a.get("unit") or "", f"per {a['per']}" if a.get("per") else "", a.get("object") or ""]
            title = "amount: " + " ".join(p for p in parts if p)
            marks.append(_Mark(a["start"], a["end"], 3, Markup('<span class="amount" title="{}">').format(title), "</span>"))
    return marks


def highlight(data: dict[str, Any]) -> Markup:
    """The article text as HTML: every slice escaped, every fact an element around its slice.

    ``data`` holds ``text`` and the facts as :func:`article` returns them. Between two consecutive
    boundaries the set of open facts is constant; the open elements are kept as a stack ordered by
    layer (removed, quote, mention, time/amount), and where the wanted stack differs the extra
    elements are closed and the missing ones opened (reopened fragments carry no id).
    """
    text: str = data["text"]
    marks = _marks(data)
    starts: dict[int, list[_Mark]] = {}
    ends: dict[int, list[_Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
        ends.setdefault(m.end, []).append(m)
    bounds = sorted({0, len(text), *starts, *ends})
    active: set[int] = set()
    by_id = {id(m): m for m in marks}
    opened: set[int] = set()
    stack: list[_Mark] = []
    out: list[str] = []
    for a, b in zip(bounds, bounds[1:]):
        for m in ends.get(a, ()):
            active.discard(id(m))
        for m in starts.get(a, ()):
            active.add(id(m))
        wanted = sorted((by_id[i] for i in active), key=lambda m: (m.layer, m.start, -m.end))
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] is wanted[keep]:
            keep += 1
        for m in reversed(stack[keep:]):
            out.append(m.close)
        stack = stack[:keep]
        for m in wanted[keep:]:
            out.append(m.again if id(m) in opened else m.first)
            opened.add(id(m))
            stack.append(m)
        out.append(escape(text[a:b]))
    out.extend(m.close for m in reversed(stack))
    return Markup("".join(out))


# -- charts ---------------------------------------------------------------------------------------------


def bar_chart(counts: dict[str, int], *, width: int = 600, height: int = 120) -> dict[str, Any]:
    """Bars for mentions per month (the SVG is drawn by the template from these numbers)."""
    items = list(counts.items())
    if not items:
        return {"bars": [], "width": width, "height": height}
    top = max(v for _, v in items) or 1
    step = min(48.0, width / len(items))
    bars = []
    for i, (label, value) in enumerate(items):
        h = round((height - 20) * value / top, 1)
        bars.append({"x": round(i * step + 1, 1), "w": round(max(step - 2, 1), 1), "y": round(height - 16 - h, 1), "h": h,
                     "label": label, "value": value})
    return {"bars": bars, "width": round(max(step * len(items), 120), 1), "height": height}


def graph(center: dict[str, Any], others: list[dict[str, Any]], *, size: int = 420) -> dict[str, Any]:
    """A star layout of the co-occurring entities around the entity, link width by shared articles."""
    c = size / 2
    radius = size / 2 - 60
    top = max((o["articles"] for o in others), default=1) or 1
    nodes = []
    for i, o in enumerate(others):
        angle = 2 * math.pi * i / max(len(others), 1) - math.pi / 2
        nodes.append(o | {"x": round(c + radius * math.cos(angle), 1), "y": round(c + radius * math.sin(angle), 1),
                          "stroke": round(1 + 5 * o["articles"] / top, 1), "r": round(6 + 8 * o["articles"] / top, 1)})
    return {"size": size, "cx": c, "cy": c, "center": center, "nodes": nodes}


# -- the app --------------------------------------------------------------------------------------------

ERRORS = {
    "error": {"description": "a clear error", "content": {"application/json": {"example": {"error": "no entity 123"}}}}
}


def _date(value: str | None, name: str) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat() if len(value) <= 10 else dt.datetime.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(422, f"{name}: {value!r} is not a date like 2024-09-16") from None


def _entity_ref(ref: str) -> int | str:
    ref = ref.strip()
    if ref.isdigit():
        if len(ref) > 18:
            raise HTTPException(404, f"no entity {ref}")
        return int(ref)
    if not ref or len(ref) > 200:
        raise HTTPException(422, "entity: a name (1-200 characters) or an id")
    return ref


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _store(request: Request) -> Iterator[ReadOnlyStore]:
    """One read-only connection per request: each request reads the latest committed snapshot."""
    try:
        store = ReadOnlyStore(request.app.state.db_path)
    except ConfigError as e:  # the file went away under the server
        raise HTTPException(503, str(e)) from None
    try:
        yield store
    finally:
        store.close()


DB = Annotated[ReadOnlyStore, Depends(_store)]
Top = Annotated[int, Query(ge=1, le=1000, description="How many to list")]
Limit = Annotated[int, Query(ge=1, le=1000, description="At most this many")]
EntityType = Annotated[str | None, Query(pattern=_TYPE, description="PERSON, ORG, GPE, LOC, NORP, ...")]


def create_app(db_path: str | os.PathLike) -> FastAPI:
    """The FastAPI app over the database at ``db_path`` (opened read-only, one connection per request)."""
    path = os.fspath(db_path)
    probe = ReadOnlyStore(path)
    try:
        probe.check_schema()
    finally:
        probe.close()

    app = FastAPI(
        title="newsgraph",
        description="The corpus store of newsgraph: articles, entities, quotes, events. Read-only.",
        docs_url=None,  # Swagger UI and ReDoc load from a CDN: /docs is rendered here instead
        redoc_url=None,
    )
    app.state.db_path = path
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.autoescape = True  # every template, whatever its name: article text is never trusted
    labels = {"GPE": "place", "LOC": "place", "ORG": "organisation"}
    templates.env.globals["type_label"] = lambda t: labels.get(t, (t or "").lower())
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status)

    def error(request: Request, status: int, message: str) -> JSONResponse | HTMLResponse:
        if _is_api(request):
            return JSONResponse({"error": message}, status_code=status)
        return page(request, "error.html", {"status": status, "message": message}, status)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        return error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError):
        problems = []
        for e in exc.errors():
            where = ".".join(str(part) for part in e.get("loc", ())[1:]) or "request"
            problems.append(f"{where}: {e.get('msg', 'invalid')}")
        return error(request, 422, "; ".join(problems) or "bad parameters")

    @app.exception_handler(ConfigError)
    async def bad_query(request: Request, exc: ConfigError):  # e.g. a search the FTS5 parser refuses
        return error(request, 422, str(exc))

    @app.exception_handler(sqlite3.Error)
    async def database_error(request: Request, exc: sqlite3.Error):
        return error(request, 503, f"database error: {exc}")

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception):
        return error(request, 500, "internal error")

    # -- JSON API ------------------------------------------------------------------------------------

    @app.get("/api/stats", tags=["api"], summary="Counts of what the database holds")
    def api_stats(db: DB) -> dict[str, Any]:
        return db.stats()

    @app.get("/api/search", tags=["api"], summary="Full-text search of articles (FTS5), and the entities the text names",
             responses={422: ERRORS["error"]})
    def api_search(db: DB, q: Annotated[str, Query(min_length=1, max_length=500, description=SEARCH_HELP)],
                   limit: Limit = 20) -> dict[str, Any]:
        return {"query": q, "articles": db.search(q, limit=limit), "entities": db.find(q)}

    @app.get("/api/entities", tags=["api"], summary="The entities in most articles", responses={422: ERRORS["error"]})
    def api_entities(db: DB, type: EntityType = None, top: Top = 20) -> list[dict[str, Any]]:  # noqa: A002
        return db.entities(type=type, top=top)

    @app.get("/api/entities/{ref}", tags=["api"], summary="One entity, by id or by name", responses={404: ERRORS["error"]})
    def api_entity(db: DB, ref: str) -> dict[str, Any]:
        found = db.entity(_entity_ref(ref))
        if found is None:
            raise HTTPException(404, f"no entity {ref}")
        return found

    @app.get("/api/quotes", tags=["api"], summary="Quotes, by speaker, words and date", responses={422: ERRORS["error"]})
    def api_quotes(db: DB, speaker: Annotated[str | None, Query(max_length=200)] = None,
                   q: Annotated[str | None, Query(max_length=500, description="words of the quote (FTS5)")] = None,
                   since: Annotated[str | None, Query(max_length=40, description="YYYY-MM-DD")] = None,
                   type: Annotated[list[QuoteType] | None, Query(description="speech, writing, document or belief (repeatable); all when absent")] = None,  # noqa: A002
                   limit: Limit = 100) -> list[dict[str, Any]]:
        return db.quotes(speaker=speaker or None, search=q or None, since=_date(since, "since"), types=type or (), limit=limit)

    @app.get("/api/events", tags=["api"], summary="Events, by type and participating entity", responses={422: ERRORS["error"]})
    def api_events(db: DB, type: Annotated[str | None, Query(pattern=_TYPE)] = None,  # noqa: A002
                   entity: Annotated[str | None, Query(max_length=200)] = None, limit: Limit = 100) -> list[dict[str, Any]]:
        return db.events(type=type or None, entity=entity or None, limit=limit)

    @app.get("/api/articles/{article_id}", tags=["api"], summary="One article: text, removed stretches, facts",
             responses={404: ERRORS["error"]})
    def api_article(db: DB, article_id: Annotated[int, PathParam(ge=1, le=MAX_ID)]) -> dict[str, Any]:
        found = article(db, article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id}")
        return found

    # -- pages -----------------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, db: DB):
        places = sorted((e for t in PLACE_TYPES for e in db.entities(type=t, top=10)),
                        key=lambda e: (-e["articles"], -e["mentions"], e["name"]))[:10]
        return page(request, "home.html", {
            "stats": db.stats(), "people": db.entities(type="PERSON", top=10), "places": places,
            "orgs": db.entities(type="ORG", top=10), "quotes": latest_quotes(db, 10),
        })

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, db: DB, q: Annotated[str, Query(max_length=500)] = ""):
        q = q.strip()
        articles = db.search(q, limit=50) if q else []
        for a in articles:
            a["snippet_html"] = _snippet(a.get("snippet") or "")
        return page(request, "search.html", {"q": q, "articles": articles, "entities": db.find(q) if q else []})

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, db: DB, article_id: Annotated[int, PathParam(ge=1, le=MAX_ID)]):
        found = article(db, article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id}")
        return page(request, "article.html", {"a": found, "body": highlight(found)})

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(request: Request, db: DB, type: Annotated[str | None, Query(pattern=_TYPE)] = None,  # noqa: A002
                      top: Top = 100):
        return page(request, "entities.html", {"type": type, "entities": db.entities(type=type, top=top)})

    @app.get("/entities/{ref}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, db: DB, ref: str):
        found = db.entity(_entity_ref(ref))
        if found is None:
            raise HTTPException(404, f"no entity {ref}")
        center = {"id": found["id"], "name": found["name"], "type": found["type"]}
        return page(request, "entity.html", {
            "e": found, "chart": bar_chart(found["mentions_over_time"]), "graph": graph(center, found["cooccurring"]),
            "events": entity_events(db, found["id"]),
        })

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes_page(request: Request, db: DB, speaker: Annotated[str, Query(max_length=200)] = "",
                    q: Annotated[str, Query(max_length=500)] = "", since: Annotated[str, Query(max_length=40)] = "",
                    type: QuoteType | Literal[""] = ""):  # noqa: A002
        since_date = _date(since.strip(), "since")
        rows = db.quotes(speaker=speaker.strip() or None, search=q.strip() or None, since=since_date, types=(type,) if type else (), limit=200)
        return page(request, "quotes.html", {"speaker": speaker, "q": q, "since": since, "type": type, "types": QUOTE_TYPES, "quotes": rows})

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, db: DB, type: Annotated[str, Query(max_length=32)] = "",  # noqa: A002
                    entity: Annotated[str, Query(max_length=200)] = ""):
        if type and not re.match(_TYPE, type):
            raise HTTPException(422, f"type: {type!r} is not an event type")
        rows = db.events(type=type or None, entity=entity.strip() or None, limit=500)
        timeline: dict[str, list[dict[str, Any]]] = {}
        for ev in rows:
            timeline.setdefault((ev["published"] or "undated")[:10], []).append(ev)
        timeline = dict(sorted(timeline.items(), key=lambda item: (item[0] == "undated", item[0])))  # undated last
        return page(request, "events.html", {"type": type, "entity": entity, "types": event_types(db), "timeline": timeline,
                                             "count": len(rows)})

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs(request: Request):
        spec = app.openapi()
        operations = [
            {"path": p, "method": m.upper(), "summary": op.get("summary", ""), "parameters": op.get("parameters", []),
             "responses": sorted(op.get("responses", {}))}
            for p, methods in spec.get("paths", {}).items() for m, op in methods.items()
        ]
        return page(request, "docs.html", {"spec": spec, "operations": operations})

    return app


_MARKED = re.compile(r"\[([^\[\]]*)\]")


def _snippet(snippet: str) -> Markup:
    """An FTS5 snippet (matches between [ and ]) as escaped HTML with <mark> around the matches."""
    out, pos = [], 0
    for m in _MARKED.finditer(snippet):
        out.append(escape(snippet[pos : m.start()]))
        out.append(Markup("<mark>{}</mark>").format(m.group(1)))
        pos = m.end()
    out.append(escape(snippet[pos:]))
    return Markup("".join(out))
