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


def test_greek_in_cp1253_is_read_in_greek():
    text = "Ωραία μέρα σήμερα στην Αθήνα, είπε ο δήμαρχος. " * 10
    loaded = read_bytes(text.encode("cp1253"), name="legacy.txt")
    assert loaded.record.text == text
    assert loaded.warnings == ["legacy.txt: not UTF-8, read as cp1253"]


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


def test_text_beyond_max_chars_is_cut_at_a_paragraph_with_a_warning():
    paragraphs = [f"Paragraph {n} of a long report on the harbour, written to fill the page." for n in range(40)]
    text = "\n\n".join(paragraphs)  # 2,900 characters
    loaded = read_bytes(text.encode(), max_chars=1000)
    record = loaded.record
    assert len(record.text) <= 1000 and text.startswith(record.text)
    assert record.text.endswith("fill the page.")  # cut where a paragraph ends
    assert record.truncated == len(text)
    (warning,) = loaded.warnings
    assert warning.startswith("article.txt: ") and f"{len(text):,} characters" in warning and "--max-chars" in warning


def test_max_chars_counts_characters_and_a_text_within_it_is_whole():
    text = "é" * 100  # 100 characters, 200 bytes
    loaded = read_bytes(text.encode(), max_chars=100)
    assert loaded.record.text == text and loaded.record.truncated is None and loaded.warnings == []
    assert read_bytes((text + " é").encode(), max_chars=100).record.truncated == 102


def test_one_line_page_dump_is_cut_at_a_space():
    dump = " ".join(f"word{n}" for n in range(5000))
    record = read_bytes(dump.encode(), max_chars=1000).record
    assert len(record.text) <= 1000 and dump.startswith(record.text) and not record.text.endswith(" ")
    assert dump[len(record.text)] == " "  # no word cut in two


def test_inputs_beyond_the_byte_limit_are_not_read_whole(tmp_articles, monkeypatch):
    import importlib

    monkeypatch.setattr(importlib.import_module("newsgraph.read"), "MAX_INPUT_BYTES", 20_000)
    root = tmp_articles({"huge.txt": "word " * 10_000})  # 50,000 bytes
    source = next(find_sources([str(root / "huge.txt")]))
    with pytest.raises(InputError) as info:
        read(source, max_chars=100)
    assert info.value.source == str(root / "huge.txt")
    assert "too large" in info.value.reason


def test_max_chars_applies_to_html_text(fixture_bytes):
    page = fixture_bytes("article.html")
    whole = read_bytes(page, name="page.html").record
    loaded = read_bytes(page, name="page.html", max_chars=200)
    assert len(loaded.record.text) <= 200 and whole.text.startswith(loaded.record.text)
    assert loaded.record.truncated == len(whole.text)
    assert loaded.warnings and loaded.warnings[0].startswith("page.html: ")


# ---------------------------------------------------------------------------------------------
# legacy encodings and invisible characters


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Le café était fermé lundi, a dit la mairesse de Montréal.\n\nLes employés réclament une hausse.", "latin-1"),
        ("The café’s owner, Zoë Brontë, said “we’re closed” on Monday — for good.", "cp1252"),
        ("Der Bürgermeister sagte „nein“ zur Straßenbahn über den Fluss.", "cp1252"),
        ("Zażółć gęślą jaźń, powiedział burmistrz Łodzi.", "cp1250"),
        ("Мэр Москвы заявил, что переговоры продолжатся.", "cp1251"),
    ],
)
def test_text_in_a_legacy_encoding_is_read_with_its_accents(text, encoding):
    loaded = read_bytes(text.encode(encoding))
    assert loaded.record.text == text
    (warning,) = loaded.warnings
    assert warning.startswith("article.txt: not UTF-8, read as ")


def test_html_is_read_in_the_charset_it_declares():
    body = "<p>Le café de la gare était fermé depuis l’été, a dit la mairesse de Montréal.</p>" * 3
    for declaration in ('<meta charset="windows-1252">', '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'):
        page = f"<html><head>{declaration}<title>Café</title></head><body><article>{body}</article></body></html>"
        loaded = read_bytes(page.encode("cp1252"), name="page.html")
        assert "Le café de la gare était fermé depuis l’été" in loaded.record.text
        assert loaded.warnings == []  # declared: nothing guessed


def test_html_without_a_declaration_that_is_not_utf8_is_guessed_with_a_warning():
    body = "<p>Le café de la gare était fermé depuis l’été, a dit la mairesse de Montréal.</p>" * 3
    page = f"<html><head><title>Café</title></head><body><article>{body}</article></body></html>"
    loaded = read_bytes(page.encode("cp1252"), name="page.html")
    assert "Le café de la gare était fermé depuis l’été" in loaded.record.text
    assert loaded.warnings == ["page.html: HTML not UTF-8 and no charset declared, read as cp1252"]


def test_invisible_characters_inside_words_are_dropped():
    text = "The mayor of Ot\u200btawa, Mark Sut\u00adcliffe, met Ren\u200de Dub\u2060é in Mont\ufeffréal."
    assert read_bytes(text.encode()).record.text == "The mayor of Ottawa, Mark Sutcliffe, met Rene Dubé in Montréal."


def test_joiners_that_shape_a_script_or_an_emoji_are_kept():
    text = "می\u200cخواهم and 👩\u200d💻 stay as written; so does a right-to-left mark\u200f before Arabic: مرحبا"
    assert read_bytes(text.encode()).record.text == text


def test_only_invisible_characters_is_an_error():
    assert "invisible" in read_error("\u200b\u200b \u00ad".encode()).reason


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
        "legacy": (root / "latin.txt", "read as cp1253"),
        "missing": (root / "missing.txt", "no such file or directory"),
        "no-articles": (root / "nothing", "no .txt"),
        "too-large": (root / "long.txt", "only the first"),
    }


@pytest.mark.parametrize(
    "case",
    ["empty", "whitespace", "nul", "gzip", "png", "missing", "no-articles"],
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


@pytest.mark.parametrize("case", ["legacy", "too-large"])
def test_cli_warns_about_a_legacy_encoding_or_a_cut_and_succeeds(run_cli, tmp_articles, case):
    root, cases = _bad_inputs(tmp_articles)
    path, warning = cases[case]
    result = run_cli("extract", "--max-chars", "2000", path)
    assert result.exit_code == 0
    (record,) = result.records
    assert record["text"]
    (line,) = result.stderr_lines
    assert line.startswith(f"newsgraph: warning: {path}: ") and warning in line


def test_cli_warns_about_invalid_bytes_but_succeeds(run_cli, tmp_articles):
    text = "Markets in Zürich closed higher on Friday, traders said."
    root = tmp_articles({"bad.txt": text.encode() + b" \xff\xfe\n"})  # UTF-8 with two damaged bytes
    result = run_cli("extract", root / "bad.txt")
    assert result.exit_code == 0
    (record,) = result.records
    assert record["text"].startswith(text + " \ufffd\ufffd")
    (line,) = result.stderr_lines
    assert line.startswith("newsgraph: warning: ")
    assert str(root / "bad.txt") in line and "UTF-8" in line


def test_text_whose_first_part_is_blank_is_an_error():
    assert "no text in its first 1,000 characters" in read_error(("\n" * 5000 + "A line.").encode(), max_chars=1000).reason


def test_input_offsets_move_a_record_back_onto_its_input():
    from newsgraph.read import input_offsets
    from newsgraph.record import Entity, Mention, Quote, Removed, Span, Speaker

    original = "Ot\u200btawa said: \u00adyes.\n\nMore from Ot\u200btawa."
    record = read_bytes(original.encode()).record
    assert record.text == "Ottawa said: yes.\n\nMore from Ottawa."
    record.entities = [Entity("e1", "Ottawa", "GPE", mentions=[Mention(0, 6), Mention(29, 35)])]
    record.quotes = [Quote(13, 16, "direct", cue=Span(7, 11), speaker=Speaker("e1", "Ottawa", 0, 6))]
    record.removed = [Removed(19, 36, "boilerplate")]
    moved = input_offsets(record, original)
    assert moved.text == original
    assert [original[m.start : m.end] for m in moved.entities[0].mentions] == ["Ot\u200btawa", "Ot\u200btawa"]
    q = moved.quotes[0]
    assert original[q.start : q.end] == "yes"
    assert original[q.cue.start : q.cue.end] == "said" and original[q.speaker.start : q.speaker.end] == "Ot\u200btawa"
    assert original[moved.removed[0].start : moved.removed[0].end] == "More from Ot\u200btawa."
