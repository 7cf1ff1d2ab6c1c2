"""``newsgraph serve`` (newsgraph.serve.app): the JSON API, the pages, escaping, read-only access,
the real server in a subprocess, and an end-to-end run in a real browser (Playwright + chromium).

One database is built by the real pipeline from the fixture corpus, tests/fixtures/reuters.txt
(captions and credits: removed text) and a small article that carries HTML and a script.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import socket
import subprocess
import time
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

with warnings.catch_warnings():  # starlette's TestClient warns that it wants httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

import newsgraph
from conftest import newsgraph_executable
from newsgraph.errors import ConfigError
from newsgraph.ingest import ingest
from newsgraph.serve.app import ReadOnlyStore, create_app, highlight

FIXTURES = Path(__file__).parent / "fixtures"
XSS = (
    "Hacker story <script>alert(1)</script> tonight\n\n"
    'John Smith said "<b>bold</b> & <script>alert(1)</script> is fine" on Monday, spending $5 million in London.\n'
)
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("serve-corpus")
    for f in (FIXTURES / "corpus").iterdir():
        shutil.copy(f, corpus / f.name)
    shutil.copy(FIXTURES / "reuters.txt", corpus / "reuters.txt")
    (corpus / "xss.txt").write_text(XSS, encoding="utf-8")
    path = tmp_path_factory.mktemp("serve-db") / "news.db"
    with newsgraph.open(path) as store:
        results = list(ingest([str(corpus)], store))
    assert [r.status for r in results].count("failed") == 0
    return path


@pytest.fixture(scope="module")
def client(db_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return TestClient(create_app(db_path), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def ids(client):
    """Ids of things the tests look at: found through the API itself."""
    markovic = client.get("/api/entities/Markovic").json()["id"]
    articles = {a["source"].rsplit("/", 1)[-1] + (f":{a['position']}" if a["position"] else ""): a["id"]
                for a in _articles(client)}
    return {"markovic": markovic, "xss": articles["xss.txt"], "reuters": articles["reuters.txt"],
            "harbour": articles["harbour.txt"]}


def _articles(client):
    out, n = [], 1
    while (r := client.get(f"/api/articles/{n}")).status_code == 200:
        out.append(r.json())
        n += 1
    return out


def _error(response, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"], body
    assert "Traceback" not in response.text
    return body["error"]


# -- JSON API ---------------------------------------------------------------------------------------


def test_stats(client):
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 6 and stats["quotes"] > 5 and stats["entities"] > 5
    assert stats["entities_by_type"]["PERSON"] >= 3


def test_search_finds_articles_and_entities(client):
    body = client.get("/api/search", params={"q": "harbour"}).json()
    assert body["query"] == "harbour"
    assert body["articles"] and all("harbour" in (a["title"] + a["snippet"]).lower() for a in body["articles"])
    names = [e["name"] for e in client.get("/api/search", params={"q": "Markovic"}).json()["entities"]]
    assert names[0] == "Elena Marković"
    assert client.get("/api/search", params={"q": '"unbalanced ( NOT'}).status_code == 200  # quoted as plain words
    assert "q" in _error(client.get("/api/search"), 422)
    _error(client.get("/api/search", params={"q": ""}), 422)
    _error(client.get("/api/search", params={"q": "harbour", "limit": "lots"}), 422)


def test_entities(client):
    people = client.get("/api/entities", params={"type": "PERSON", "top": 2}).json()
    assert len(people) == 2 and all(p["type"] == "PERSON" for p in people)
    assert people[0]["name"] == "Elena Marković"
    assert {e["type"] for e in client.get("/api/entities", params={"top": 100}).json()} >= {"PERSON", "GPE", "ORG"}
    assert "top" in _error(client.get("/api/entities", params={"top": 0}), 422)
    _error(client.get("/api/entities", params={"top": "ten"}), 422)
    assert "type" in _error(client.get("/api/entities", params={"type": "<script>"}), 422)


def test_one_entity_by_id_or_name(client, ids):
    by_id = client.get(f"/api/entities/{ids['markovic']}").json()
    assert by_id["name"] == "Elena Marković" and by_id["type"] == "PERSON"
    assert "Elena Markovic" in [a["name"] for a in by_id["aliases"]]
    assert by_id["quotes_by"] and by_id["mentions_over_time"]
    assert client.get("/api/entities/elena marković").json()["id"] == ids["markovic"]
    assert "999999" in _error(client.get("/api/entities/999999"), 404)
    _error(client.get("/api/entities/Nobody Atall"), 404)
    _error(client.get("/api/entities/" + "9" * 40), 404)


def test_quotes_filters(client):
    everything = client.get("/api/quotes").json()
    assert len(everything) > 5
    by = client.get("/api/quotes", params={"speaker": "Markovic"}).json()
    assert by and all(q["speaker_name"] == "Elena Marković" for q in by)
    words = client.get("/api/quotes", params={"q": "jobs"}).json()
    assert words and all("jobs" in q["text"] for q in words)
    since = client.get("/api/quotes", params={"since": "2024-04-01"}).json()
    assert since and all(q["published"] >= "2024-04-01" for q in since)
    assert len(since) < len(everything)
    assert "since" in _error(client.get("/api/quotes", params={"since": "yesterday"}), 422)
    _error(client.get("/api/quotes", params={"limit": 0}), 422)
    speech = client.get("/api/quotes", params={"type": "speech"}).json()
    assert speech and all(q["type"] == "speech" for q in speech)
    both = client.get("/api/quotes", params=[("type", "speech"), ("type", "belief")]).json()
    assert len(both) >= len(speech) and {q["type"] for q in both} <= {"speech", "belief"}
    _error(client.get("/api/quotes", params={"type": "rumour"}), 422)


def test_events_filters(client):
    events = client.get("/api/events").json()
    assert events
    kind = events[0]["type"]
    typed = client.get("/api/events", params={"type": kind}).json()
    assert typed and all(e["type"] == kind for e in typed)
    someone = next(p["name"] for e in events for p in e["participants"] if p["entity"])
    mine = client.get("/api/events", params={"entity": someone}).json()
    assert mine and all(any(p["name"] == someone for p in e["participants"]) or e["place_name"] == someone for e in mine)
    assert client.get("/api/events", params={"entity": "Nobody Atall"}).json() == []
    _error(client.get("/api/events", params={"type": "a b"}), 422)


def test_one_article_with_facts_at_their_offsets(client, ids):
    a = client.get(f"/api/articles/{ids['harbour']}").json()
    text = a["text"]
    assert a["title"] and a["mentions"] and a["quotes"] and a["entities"]
    for m in a["mentions"]:
        assert text[m["start"] : m["end"]]
    for q in a["quotes"]:
        assert text[q["start"] : q["end"]] == q["text"]
        assert q["type"] in ("speech", "writing", "document", "belief") and 0 <= q["confidence"] <= 1
        if q["source_start"] is not None:
            assert text[q["source_start"] : q["source_end"]].strip()
    for t in a["times"] + a["amounts"]:
        assert text[t["start"] : t["end"]] == t["text"]
    assert {m["entity"] for m in a["mentions"]} <= {e["id"] for e in a["entities"]}
    reuters = client.get(f"/api/articles/{ids['reuters']}").json()
    assert {r["reason"] for r in reuters["removed"]} >= {"caption", "credit"} and reuters["captions"]
    assert "99999" in _error(client.get("/api/articles/99999"), 404)
    _error(client.get("/api/articles/abc"), 422)
    _error(client.get("/api/articles/0"), 422)
    _error(client.get("/api/articles/" + "9" * 30), 422)


def test_unknown_routes_are_json_errors(client):
    _error(client.get("/api/nothing-here"), 404)
    assert client.get("/openapi.json").json()["paths"].keys() >= {
        "/api/stats", "/api/search", "/api/entities", "/api/entities/{ref}", "/api/quotes", "/api/events",
        "/api/articles/{article_id}"}


# -- pages ------------------------------------------------------------------------------------------


def _page(client, url: str, status: int = 200) -> str:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("text/html")
    page = r.text
    assert "Traceback" not in page
    _well_formed(page)
    # every asset is local: no script, stylesheet or image from another host
    assert not re.search(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//', page), url
    return page


class _Checker(HTMLParser):
    VOID = {"meta", "link", "input", "br", "img", "hr", "circle", "rect", "line"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()


def _well_formed(page: str) -> None:
    checker = _Checker()
    checker.feed(page)
    assert not checker.errors and not checker.stack, (checker.errors[:5], checker.stack)


def test_home_page(client):
    page = _page(client, "/")
    assert "Elena Marković" in page and 'action="/search"' in page
    assert "People" in page and "Places" in page and "Organisations" in page and "Latest quotes" in page
    assert re.search(r"<b>6</b> articles", page)
    assert re.search(r'href="/articles/\d+#q\d+"', page)  # a latest quote links to its place in its article


def test_search_page(client, ids):
    page = _page(client, "/search?q=harbour")
    assert re.search(r'<a class="article-link" href="/articles/\d+">', page) and "<mark>" in page
    page = _page(client, "/search?q=Markovic")
    assert f'href="/entities/{ids["markovic"]}"' in page
    assert "search" in _page(client, "/search")
    assert "no entity" not in _page(client, '/search?q=%22unbalanced')


def test_article_page_highlights_every_kind_of_fact(client, ids):
    data = client.get(f"/api/articles/{ids['reuters']}").json()
    page = _page(client, f"/articles/{ids['reuters']}")
    for m in data["mentions"]:
        assert f'href="/entities/{m["entity"]}"' in page
    for q in data["quotes"]:
        assert f'id="q{q["id"]}"' in page
    speaker = next(q for q in data["quotes"] if q["speaker_name"])
    title = re.escape(html.escape(speaker["speaker_name"]))
    assert re.search(rf'<span class="quote[^"]*" id="q{speaker["id"]}" title="{title}', page)
    assert page.count('<span class="time"') >= len(data["times"]) and page.count('<span class="amount"') >= len(data["amounts"])
    assert '<details class="removed removed-caption">' in page and "removed-credit" in page
    for part in ("mentions", "quotes", "times", "amounts"):  # the legend that switches them off
        assert f'data-layer="{part}"' in page
    _page(client, "/articles/99999", 404)
    _page(client, "/articles/abc", 422)


def test_the_highlighted_text_is_the_text(client, ids):
    """With the tags taken out (and the <summary> labels), the article view reads exactly the stored text."""
    for article in _articles(client):
        body = str(highlight(article))
        plain = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<summary>.*?</summary>", "", body)))
        assert plain == article["text"], article["id"]
        _well_formed(body)


def test_highlight_nests_crossing_facts():
    text = "A said B sold 5 tons on Monday."
    data = {
        "text": text,
        "removed": [{"start": 25, "end": 31, "reason": "boilerplate"}, {"start": 28, "end": 31, "reason": "credit"}],
        "quotes": [{"id": 1, "start": 7, "end": 27, "kind": "direct", "speaker_name": "A <b>"}],
        "mentions": [{"start": 0, "end": 1, "entity": 1, "name": "A", "type": "PERSON"},
                     {"start": 7, "end": 8, "entity": 2, "name": "B", "type": "ORG"},
                     {"start": 7, "end": 9, "entity": 3, "name": "B s", "type": "ORG"}],  # overlaps: dropped, no <a> in <a>
        "times": [{"start": 24, "end": 30, "type": "DATE", "value": "XXXX-WXX-1", "mod": None}],
        "amounts": [{"start": 14, "end": 20, "value": 5.0, "unit": "ton"}, {"start": 99, "end": 120, "value": 1.0}],
    }
    body = str(highlight(data))
    _well_formed(body)
    assert html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<summary>.*?</summary>", "", body))) == text
    assert body.count('id="q1"') == 1 and 'title="A &lt;b&gt; (direct quote)"' in body
    assert body.count("<a ") == 2 and body.count("<details") == 1


def test_entity_page(client, ids):
    info = client.get(f"/api/entities/{ids['markovic']}").json()
    page = _page(client, f"/entities/{ids['markovic']}")
    assert "Elena Marković" in page and "Elena Markovic" in page and "PERSON" in page
    assert '<svg class="chart"' in page and page.count("<rect ") == len(info["mentions_over_time"])
    assert '<svg class="graph"' in page
    for other in info["cooccurring"]:
        assert f'href="/entities/{other["id"]}"' in page
    for q in info["quotes_by"]:
        assert f'href="/articles/{q["article"]}#q{q["id"]}"' in page
    assert "Quotes about" in page
    events = client.get("/api/events", params={"entity": "Elena Marković"}).json()
    assert events and all(html.escape(f"“{e['trigger']}”") in page for e in events)
    assert _page(client, "/entities/Markovic") == page
    _page(client, "/entities/999999", 404)


def test_place_entity_page_shows_place_data(client):
    places = client.get("/api/entities", params={"type": "GPE", "top": 50}).json()
    place = next(info for p in places if (info := client.get(f"/api/entities/{p['id']}").json())["place"])
    page = _page(client, f"/entities/{place['id']}")
    assert "Place:" in page and html.escape(place["place"]["name"]) in page


def test_quotes_page(client, ids):
    page = _page(client, "/quotes?speaker=Markovic")
    quotes = client.get("/api/quotes", params={"speaker": "Markovic"}).json()
    for q in quotes:
        assert f'href="/articles/{q["article"]}#q{q["id"]}"' in page
    assert "Valmora harbour plan draws protest" not in _page(client, "/quotes?q=zzzznothing")
    assert "jobs" in _page(client, "/quotes?q=jobs")
    assert "not a date" in _page(client, "/quotes?since=soon", 422)
    everything = client.get("/api/quotes").json()
    for kind in ("speech", "writing", "document", "belief"):
        page = _page(client, f"/quotes?type={kind}")
        assert f'<option value="{kind}" selected>' in page
        for q in everything:
            assert (f'#q{q["id"]}"' in page) == (q["type"] == kind)
    _page(client, "/quotes?type=rumour", 422)


def test_events_page(client):
    events = client.get("/api/events").json()
    page = _page(client, "/events")
    days = re.findall(r"<h3>([^<]+)</h3>", page)
    assert days and days == sorted(days, key=lambda d: (d == "undated", d))  # a timeline: in order of publication
    kind = events[0]["type"]
    typed = _page(client, f"/events?type={kind}")
    assert typed.count('<li class="event-item">') == len([e for e in events if e["type"] == kind])
    assert _page(client, "/events?entity=Nobody").count('<li class="event-item">') == 0
    _page(client, "/events?type=%3Cscript%3E", 422)


def test_entities_docs_and_static(client):
    assert "Elena Marković" in _page(client, "/entities?type=PERSON")
    docs = _page(client, "/docs")
    for endpoint in ("/api/stats", "/api/search", "/api/entities/{ref}", "/api/quotes", "/api/events",
                     "/api/articles/{article_id}"):
        assert f"<code>{endpoint}</code>" in docs
    assert client.get("/static/style.css").status_code == 200 and client.get("/static/app.js").status_code == 200


# -- safety ---------------------------------------------------------------------------------------


def test_article_text_is_escaped_everywhere(client, ids):
    page = _page(client, f"/articles/{ids['xss']}")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt; &amp;" in page
    for url in (f"/articles/{ids['xss']}", "/search?q=alert", "/quotes?q=alert", "/quotes", "/",
                "/search?q=%3Cscript%3Ealert(1)%3C/script%3E", "/entities/%3Cscript%3Ealert(1)%3C%2Fscript%3E"):
        r = client.get(url)
        assert "<script>alert" not in r.text and "<b>bold" not in r.text, url
    assert "&lt;script&gt;" in _page(client, "/quotes?q=alert")
    assert client.get(f"/api/articles/{ids['xss']}").json()["text"].count("<script>alert(1)</script>") == 2  # JSON: as written


def test_the_app_is_read_only_and_keeps_serving_while_an_ingest_writes(client, db_path):
    reader = ReadOnlyStore(db_path)
    try:
        with pytest.raises(Exception, match="readonly|read-only|query_only"):
            reader.db.execute("CREATE TABLE intruder (x)")
    finally:
        reader.close()
    before = client.get("/api/stats").json()
    writer = newsgraph.open(db_path)
    try:
        writer.db.execute("BEGIN IMMEDIATE")  # an ingest in the middle of an article
        writer.db.execute("INSERT INTO failures(source, position, reason, at) VALUES ('x', '', 'test', 'now')")
        started = time.monotonic()
        during = client.get("/api/stats")
        assert during.status_code == 200 and time.monotonic() - started < 5
        assert during.json()["failures"] == before["failures"]  # the committed snapshot
        assert client.get("/").status_code == 200
        writer.db.execute("ROLLBACK")
    finally:
        writer.db.close()


def test_a_missing_or_foreign_database_is_a_clean_error(tmp_path):
    with pytest.raises(ConfigError, match="no such database"):
        create_app(tmp_path / "absent.db")
    (tmp_path / "junk.db").write_text("not sqlite\n" * 200)
    with pytest.raises(ConfigError, match="not a newsgraph database"):
        create_app(tmp_path / "junk.db")


def test_an_empty_database_serves_and_a_vanished_one_is_a_clean_503(tmp_path):
    path = tmp_path / "empty.db"
    newsgraph.open(path).close()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        client = TestClient(create_app(path), raise_server_exceptions=False)
    assert client.get("/api/stats").json()["articles"] == 0
    for url in ("/", "/quotes", "/events", "/entities", "/search?q=anything"):
        _page(client, url)
    path.unlink()
    assert "no such database" in _error(client.get("/api/stats"), 503)


def test_serve_command_refuses_a_missing_database(run_cli, tmp_path):
    result = run_cli("serve", "--db", tmp_path / "absent.db")
    assert result.exit_code == 2 and "no such database" in result.stderr
    assert "Traceback" not in result.stderr


# -- the real server ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(db_path):
    """``newsgraph serve`` in a subprocess on a free port: its base URL."""
    import httpx

    port = _free_port()
    proc = subprocess.Popen([newsgraph_executable(), "serve", "--db", str(db_path), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(url + "/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                why = proc.stderr.read().decode() if proc.poll() is not None else "timeout"
                pytest.fail(f"newsgraph serve did not start: {why}")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_the_real_server_serves_pages(server):
    import httpx

    r = httpx.get(server + "/", timeout=10)
    assert r.status_code == 200 and "Elena Marković" in r.text
    assert httpx.get(server + "/api/entities/999999", timeout=10).json() == {"error": "no entity 999999"}
    assert httpx.get(server + "/static/style.css", timeout=10).status_code == 200


# -- in a real browser ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


def test_browser_search_entity_article(browser, server, tmp_path, ids):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    external: list[str] = []
    page.on("request", lambda req: external.append(req.url) if not req.url.startswith(server) else None)
    page.goto(server + "/")
    page.screenshot(path=str(tmp_path / "home.png"), full_page=True)
    page.fill("form.bigsearch input[name=q]", "Markovic")
    page.click("form.bigsearch button")
    page.wait_for_url("**/search?q=Markovic")
    page.screenshot(path=str(tmp_path / "search.png"), full_page=True)
    page.click(".entity-hits a.ent")
    page.wait_for_url(f"**/entities/{ids['markovic']}")
    assert page.inner_text("h1.entity-name").startswith("Elena Marković")
    assert page.locator("svg.chart rect").count() >= 1
    page.screenshot(path=str(tmp_path / "entity.png"), full_page=True)
    link = page.locator("ul.quotes blockquote a").first
    href = link.get_attribute("href")
    quote_id = href.split("#", 1)[1]
    link.click()
    page.wait_for_url("**/articles/*")
    quote = page.locator(f"#{quote_id}")
    assert "target" in quote.get_attribute("class")  # the quote linked to is highlighted
    assert quote.evaluate("el => getComputedStyle(el).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    assert quote.get_attribute("title").startswith("Elena Marković")  # the speaker, on hover
    kinds = (".text .mention", ".text .quote:not(.target)", ".text .time", ".text .amount")
    colours = {page.locator(sel).first.evaluate("el => getComputedStyle(el).backgroundColor")
               for sel in kinds if page.locator(sel).count()}
    assert len(colours) >= 3  # entities, quotes, times, amounts in distinct colours
    page.screenshot(path=str(tmp_path / "article.png"), full_page=True)
    page.click(".text a.mention")  # each mention links to its entity
    page.wait_for_url("**/entities/*")
    assert external == []  # nothing loaded from anywhere else
    page.close()
    keep = os.environ.get("NEWSGRAPH_SCREENSHOTS")  # e.g. docs/screenshots: where the README's pictures come from
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for shot in tmp_path.glob("*.png"):
            shutil.copy(shot, Path(keep) / shot.name)


def test_browser_runs_no_script_from_article_text(browser, server, tmp_path, ids):
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{server}/articles/{ids['xss']}")
    assert "<script>alert(1)</script> is fine" in page.inner_text("#article-text")
    page.click("#toggle-removed")  # the removed headline line opens, its script stays text
    assert "<script>alert(1)</script>" in page.inner_text("details.removed")
    page.goto(f"{server}/search?q=alert")
    page.goto(f"{server}/quotes?q=alert")
    page.wait_for_timeout(300)
    page.screenshot(path=str(tmp_path / "xss.png"), full_page=True)
    assert dialogs == []
    page.close()
