"""Stage 1, read: bytes → record text and metadata; bad inputs fail with a reason naming them."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import pytest

from newsgraph.clean import clean
from newsgraph.errors import InputError
from newsgraph.read import Source, find_sources, read

FIXTURES = Path(__file__).parent / "fixtures"

BOM = b"\xef\xbb\xbf"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
HTML_PARAGRAPHS = [
    "Sleeper trains began running again between Zurich and Vienna on Monday night",
    "The first train left Zurich main station at 21:40 with 212 passengers on board",
    '"We sold out the first two weeks within a few days of opening bookings," said Lukas Brenner',
    "Environmental groups welcomed the return of the service",
]


def read_bytes(data: bytes, name: str = "article.txt", **kwargs):
    return read(Source(name=name, data=data), **kwargs)


def read_error(data: bytes, name: str = "article.txt", **kwargs) -> InputError:
    with pytest.raises(InputError) as info:
        read_bytes(data, name, **kwargs)
    assert info.value.source == name
    return info.value


# ---------------------------------------------------------------------------------------------
# text decoding


def test_plain_utf8_text_is_read_as_is(fixture_bytes):
    data = fixture_bytes("plain.txt")
    loaded = read_bytes(data)
    assert loaded.record.text == data.decode("utf-8")
    assert loaded.warnings == []
    assert loaded.record.source == "article.txt"


def test_bom_is_dropped():
    loaded = read_bytes(BOM + "Zürich council votes on budget.\n\nThe vote is on Monday.\n".encode())
    assert loaded.record.text == "Zürich council votes on budget.\n\nThe vote is on Monday.\n"
    assert "\ufeff" not in loaded.record.text
    assert loaded.warnings == []


@pytest.mark.parametrize("newline", [b"\r\n", b"\r"], ids=["CRLF", "CR"])
def test_crlf_and_cr_become_lf_with_offsets_unchanged(fixture_bytes, newline):
    lf = fixture_bytes("reuters.txt")
    assert b"\r" not in lf
    converted = lf.replace(b"\n", newline)
    record_lf = clean(read_bytes(lf).record)
    record_crlf = clean(read_bytes(converted).record)

    assert "\r" not in record_crlf.text
    assert record_crlf.text == record_lf.text
    # same text, so every offset the clean stage computes is the same and points at the same words
    assert record_crlf.removed == record_lf.removed
    assert record_crlf.captions == record_lf.captions
    (caption,) = record_crlf.captions
    assert record_crlf.text[caption.start : caption.end].endswith("REUTERS/Jane Doe")
    # the id still identifies the bytes as given, not the normalised text
    assert record_crlf.id == hashlib.sha256(converted).hexdigest() != record_lf.id


def test_bom_and_crlf_together():
    loaded = read_bytes(BOM + b"Headline here\r\n\r\nFirst paragraph of the story.\r\n")
    assert loaded.record.text == "Headline here\n\nFirst paragraph of the story.\n"


def test_invalid_utf8_bytes_are_replaced_with_a_warning():
    data = "Prices in Málaga rose".encode() + b" by \xff\xfe 4% in May.\n\nThe rest is fine.\n"
    loaded = read_bytes(data, name="malaga.txt")
    text = loaded.record.text
    assert text.startswith("Prices in Málaga rose by \ufffd\ufffd 4% in May.")
    assert text.endswith("The rest is fine.\n")
    assert len(loaded.warnings) == 1
    assert "malaga.txt" in loaded.warnings[0]
    assert "2 invalid UTF-8" in loaded.warnings[0]


def test_genuine_replacement_characters_are_not_a_warning():
    loaded = read_bytes("A valid \ufffd already in the text, but nothing invalid.\n".encode())
    assert "\ufffd" in loaded.record.text
    assert loaded.warnings == []


@pytest.mark.parametrize(
    "data",
    [
        "Ωραία μέρα σήμερα στην Αθήνα, είπε ο δήμαρχος. ".encode("cp1253") * 10,
        bytes(range(0x80, 0x100)) * 4,
    ],
    ids=["greek-cp1253", "high-bytes"],
)
def test_mostly_invalid_utf8_is_an_error(data):
    error = read_error(data, name="legacy.txt")
    assert "UTF-8" in error.reason


# ---------------------------------------------------------------------------------------------
# inputs that are not articles


@pytest.mark.parametrize(
    "data,kind",
    [
        (b"Some text\x00with\x00NUL bytes\x00in it. " * 20, "NUL"),
        (gzip.compress(b"A perfectly good article, but gzipped.\n" * 20), "gzip"),
        (PNG + bytes(range(256)), "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
    ],
    ids=["nul", "gzip", "png", "pdf"],
)
def test_binary_input_is_an_error_naming_its_kind(data, kind):
    # the .txt suffix does not make it text
    error = read_error(data, name="story.txt")
    assert kind in error.reason
    assert error.reason.startswith("not text")


@pytest.mark.parametrize("data", [b"", b" \n\t\r\n  \n"], ids=["empty", "whitespace"])
def test_empty_and_whitespace_only_input_is_an_error(data):
    assert "empty" in read_error(data).reason


@pytest.mark.parametrize("data", [BOM, BOM + b"\r\n  \n"], ids=["bom-only", "bom-whitespace"])
def test_bom_only_input_is_empty(data):
    assert "empty" in read_error(data).reason


def test_html_page_without_article_text_is_an_error():
    page = b"<!DOCTYPE html><html><head><title>Home</title><script>var x = 1;</script></head><body><div></div></body></html>"
    error = read_error(page, name="home.html")
    assert "HTML" in error.reason


# ---------------------------------------------------------------------------------------------
# paths: files, directories, missing paths


def test_missing_path_is_an_error(tmp_path):
    missing = str(tmp_path / "nowhere.txt")
    (error,) = find_sources([missing])
    assert isinstance(error, InputError)
    assert error.source == missing
    assert error.reason == "no such file or directory"


def test_directory_is_walked_recursively_in_sorted_order(tmp_articles):
    root = tmp_articles(
        {
            "b.txt": "b",
            "a.txt": "a",
            "c.HTM": "<p>c</p>",
            "notes.md": "not an article",
            "data.json": "{}",
            "README": "no suffix",
            "image.png": PNG,
            "zz/2.html": "<p>2</p>",
            "zz/1.txt": "1",
            "zz/deeper/x.txt": "x",
            "yy/only.txt": "y",
        }
    )
    names = [s.name for s in find_sources([str(root)])]
    assert names == [
        str(root / "a.txt"),
        str(root / "b.txt"),
        str(root / "c.HTM"),
        str(root / "yy" / "only.txt"),
        str(root / "zz" / "1.txt"),
        str(root / "zz" / "2.html"),
        str(root / "zz" / "deeper" / "x.txt"),
    ]


def test_paths_keep_command_line_order(tmp_articles):
    root = tmp_articles({"z.txt": "z", "d/a.txt": "a", "m.html": "<p>m</p>"})
    paths = [str(root / "z.txt"), str(root / "d"), str(root / "m.html")]
    assert [s.name for s in find_sources(paths)] == [
        str(root / "z.txt"),
        str(root / "d" / "a.txt"),
        str(root / "m.html"),
    ]


@pytest.mark.parametrize(
    "files", [{}, {"notes.md": "x", "sub/data.csv": "a,b"}], ids=["empty-dir", "no-articles"]
)
def test_directory_without_articles_is_an_error(tmp_articles, files):
    root = tmp_articles(files)
    (error,) = find_sources([str(root)])
    assert isinstance(error, InputError)
    assert error.source == str(root)
    assert ".txt" in error.reason


# ---------------------------------------------------------------------------------------------
# --max-chars


def test_max_chars_is_a_limit_on_text_characters():
    text = "é" * 100  # 100 characters, 200 bytes: the limit counts characters
    assert read_bytes(text.encode(), max_chars=100).record.text == text
    error = read_error((text + "é").encode(), max_chars=100)
    assert "too large" in error.reason
    assert "101" in error.reason and "100" in error.reason


def test_max_chars_limits_files_before_reading_them_whole(tmp_articles):
    root = tmp_articles({"huge.txt": "word " * 10_000})  # 50,000 bytes
    source = next(find_sources([str(root / "huge.txt")]))
    with pytest.raises(InputError) as info:
        read(source, max_chars=100)  # far more bytes than even an HTML page of 100 chars holds
    assert info.value.source == str(root / "huge.txt")
    assert "too large" in info.value.reason


def test_max_chars_applies_to_html_text(fixture_bytes):
    page = fixture_bytes("article.html")
    assert read_bytes(page, name="page.html").record.text
    error = read_error(page, name="page.html", max_chars=200)
    assert "too large" in error.reason


# ---------------------------------------------------------------------------------------------
# HTML


def test_html_main_content_and_metadata(fixture_bytes):
    loaded = read_bytes(fixture_bytes("article.html"), name="courier.html")
    record = loaded.record
    assert record.title == "Night trains return to the Alpine line"
    assert record.author == "Anna Kessler"
    assert record.published is not None and record.published.startswith("2024-09-16")
    assert record.id == hashlib.sha256(fixture_bytes("article.html")).hexdigest()

    paragraphs = record.text.split("\n\n")
    # one paragraph per <p>, separated by exactly one blank line, no stray whitespace
    for start in HTML_PARAGRAPHS:
        assert sum(p.startswith(start) for p in paragraphs) == 1, start
    assert all(p == p.strip() and p for p in paragraphs)
    assert "\n\n\n" not in record.text
    assert paragraphs[-1].endswith("too high to compete with budget airlines.")
    # no page chrome: menu, cookie banner, footer, markup
    for chrome in ["Opinion", "cookie", "All rights reserved", "Privacy policy", "About us", "<p>", "&copy;"]:
        assert chrome not in record.text


def test_htm_suffix_is_html(fixture_bytes):
    record = read_bytes(fixture_bytes("article.html"), name="COURIER.HTM").record
    assert record.title == "Night trains return to the Alpine line"
    assert "<" not in record.text


def test_html_declared_charset_is_honoured():
    page = (
        '<html><head><meta charset="windows-1252"><title>Café opens on Main Street</title></head>'
        "<body><article><p>The new café on the corner of Main Street opened on Tuesday with a "
        "queue of customers stretching around the block and down the hill.</p><p>Its owner "
        "said she had waited ten years to open a place of her own in the town.</p></article>"
        "</body></html>"
    ).encode("cp1252")
    record = read_bytes(page, name="cafe.html").record
    assert "The new café on the corner" in record.text
    assert "\ufffd" not in record.text


# ---------------------------------------------------------------------------------------------
# standard input: no file name, so HTML is recognised from the bytes


def test_stdin_text(run_cli, fixture_bytes):
    data = fixture_bytes("plain.txt")
    result = run_cli("extract", "-", input=data)
    assert result.exit_code == 0, result.stderr
    (record,) = result.records
    assert record["source"] == "-"
    assert record["text"] == data.decode("utf-8")
    assert record["id"] == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    "prefix",
    [b"", b"\n  ", b"<!-- saved page -->\n"],
    ids=["doctype", "leading-space", "comment"],
)
def test_stdin_html_is_sniffed(run_cli, fixture_bytes, prefix):
    data = prefix + fixture_bytes("article.html")
    result = run_cli("extract", "-", input=data)
    assert result.exit_code == 0, result.stderr
    (record,) = result.records
    assert record["source"] == "-"
    assert record["title"] == "Night trains return to the Alpine line"
    assert record["author"] == "Anna Kessler"
    assert "<" not in record["text"]
    assert record["text"].count("\n\n") >= 3


def test_stdin_text_mentioning_html_is_not_html():
    data = b"Browsers render <html> tags.\n\nThe <body> element holds a page's content.\n"
    assert read_bytes(data, name="-").record.text == data.decode()


def test_stdin_html_with_bom_is_sniffed(fixture_bytes):
    record = read_bytes(BOM + fixture_bytes("article.html"), name="-").record
    assert record.title == "Night trains return to the Alpine line"
    assert "<" not in record.text


# ---------------------------------------------------------------------------------------------
# id


@pytest.mark.parametrize("name", ["reuters.txt", "plain.txt", "article.html"])
def test_id_is_sha256_of_the_raw_file_bytes(name):
    path = FIXTURES / name
    source = next(find_sources([str(path)]))
    record = read(source).record
    assert record.id == hashlib.sha256(path.read_bytes()).hexdigest()
    assert record.source == str(path)


def test_id_hashes_bytes_before_bom_and_newline_normalisation():
    data = BOM + b"Same words.\r\n"
    record = read_bytes(data).record
    assert record.id == hashlib.sha256(data).hexdigest()
    assert record.id != hashlib.sha256(record.text.encode()).hexdigest()


# ---------------------------------------------------------------------------------------------
# through the command line: one line on stderr per bad input, the others still processed


def _bad_inputs(tmp_articles):
    root = tmp_articles(
        {
            "empty.txt": b"",
            "blank.txt": b"  \r\n\n",
            "nul.txt": b"text\x00" * 50,
            "archive.txt": gzip.compress(b"story " * 100),
            "photo.html": PNG + bytes(range(256)),
            "latin.txt": "Ωραία μέρα σήμερα στην Αθήνα. ".encode("cp1253") * 10,
            "long.txt": "A sentence in an article far longer than the limit. " * 60,
            "nothing/notes.md": "nothing to read",
        }
    )
    return root, {
        "empty": (root / "empty.txt", "empty input"),
        "whitespace": (root / "blank.txt", "empty input"),
        "nul": (root / "nul.txt", "NUL"),
        "gzip": (root / "archive.txt", "gzip"),
        "png": (root / "photo.html", "PNG"),
        "invalid-utf8": (root / "latin.txt", "UTF-8"),
        "missing": (root / "missing.txt", "no such file or directory"),
        "no-articles": (root / "nothing", "no .txt"),
        "too-large": (root / "long.txt", "too large"),
    }


@pytest.mark.parametrize(
    "case",
    ["empty", "whitespace", "nul", "gzip", "png", "invalid-utf8", "missing", "no-articles", "too-large"],
)
def test_cli_reports_each_bad_input_and_goes_on(run_cli, tmp_articles, case):
    root, cases = _bad_inputs(tmp_articles)
    bad, reason = cases[case]
    good = FIXTURES / "plain.txt"
    result = run_cli("extract", "--max-chars", "2000", good, bad, good)
    assert result.exit_code == 1
    assert [r["source"] for r in result.records] == [str(good), str(good)]
    (line,) = result.stderr_lines
    assert line.startswith(f"newsgraph: {bad}: ")
    assert reason in line
    assert "Traceback" not in result.stderr + result.stdout


def test_cli_warns_about_invalid_bytes_but_succeeds(run_cli, tmp_articles):
    root = tmp_articles({"bad.txt": b"Markets in Z\xfcrich closed higher on Friday, traders said.\n"})
    result = run_cli("extract", root / "bad.txt")
    assert result.exit_code == 0
    (record,) = result.records
    assert record["text"].startswith("Markets in Z\ufffdrich")
    (line,) = result.stderr_lines
    assert line.startswith("newsgraph: warning: ")
    assert str(root / "bad.txt") in line and "UTF-8" in line
