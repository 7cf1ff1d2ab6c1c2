"""Hostile inputs (issue 19): random bytes, mixed scripts, control characters, enormous numbers,
deep quote nesting, emoji, broken HTML. Each gives a record or one clear error, never an exception
or a hang; every offset of a record stays inside its text."""

from __future__ import annotations

import random
import signal

import pytest

from newsgraph.pipeline import Options, Pipeline
from newsgraph.read import Source

pytestmark = pytest.mark.slow

HANG = 120  # seconds: far above what any of these takes; only a hang trips it (speed is `make bench`'s)

SCRIPTS = [
    "Premier Lena Okafor said talks would resume",
    "Президент заявил журналистам",
    "قال الرئيس للصحفيين",
    "首相は記者団に語った",
    "प्रधानमंत्री ने कहा",
    "Ο πρωθυπουργός είπε",
    "👩\u200d💻🚀🔥🇨🇦",
]


def _inputs() -> list[tuple[str, bytes]]:
    rng = random.Random(19)
    out = []
    for n in (1, 7, 300, 5000, 40_000):
        out.append((f"random-{n}.txt", bytes(rng.randrange(256) for _ in range(n))))
    for n in range(4):
        words = [rng.choice(SCRIPTS) for _ in range(rng.randrange(5, 60))]
        out.append((f"mixed-{n}.txt", "\n\n".join(" ".join(words[i : i + 5]) + "." for i in range(0, len(words), 5)).encode()))
    controls = "".join(chr(c) for c in list(range(1, 9)) + [11, 12] + list(range(14, 32)) + [0x7F, 0x85, 0x2028, 0x2029])
    out.append(("controls.txt", "".join(rng.choice(controls + "abc def. ") for _ in range(3000)).encode()))
    out.append(("controls-sparse.txt", ("The council met on Monday.\x0b\x0c\u2028 The mayor\x1b said yes.\u2029 " * 40).encode()))
    out.append(("numbers.txt", (
        "The deficit reached $" + "9" * 400 + " billion, or " + "1" * 5000 + " percent, on 99/99/99999 at 25:61.\n\n"
        "Growth was 1e999 percent, 10^308 tons, -0.000000000000000000001 km, 3,4,5,6,7,8,9,0 units.\n\n"
        "In the year 99999999 the rate fell 1,000,000,000,000,000,000,000,000 percent, said Ana Ruiz.\n"
    ).encode()))
    out.append(("quotes-deep.txt", ("“" * 2000 + "he said" + "”" * 2000 + "\n\n" + '"' * 3001 + "\n\n" + "«‘“" * 700 + " said Jo Bell.").encode()))
    out.append(("quotes-unbalanced.txt", ('"She said, "He said, "They said' * 300).encode()))
    out.append(("emoji.txt", ("🇨🇦👩‍👩‍👧‍👦🏳️‍🌈 " * 2000 + "\n\n" + "Mayor 🙂 Holt 🚀 said 🔥.").encode()))
    out.append(("long-word.txt", ("x" * 150_000).encode()))
    out.append(("lines.txt", ("\n" * 50_000 + "A line.\n" + " \t" * 20_000).encode()))
    out.append(("punctuation.txt", ("!?.,;:—–-()[]{}<>/\\|@#$%^&*_+=~`'\" " * 800).encode()))
    out.append(("surrogates.txt", b"Text with \xed\xa0\x80 a lone surrogate and \xf4\x90\x80\x80 beyond Unicode, said Kim Lee.\n"))
    out.append(("bom-only.txt", b"\xef\xbb\xbf" * 5))
    out.append(("nested.html", (b"<html><body>" + b"<div>" * 5000 + b"<p>Deep text here, the mayor said on Monday.</p>" + b"</div>" * 5000 + b"</body></html>")))
    out.append(("broken.html", b"<html><head><title>T</title><body><p>Unclosed <b><i>tags <a href='x'>and a story of a council vote on Monday." * 50))
    out.append(("script.html", b"<html><body><script>" + b"var x = '<p>not text</p>';" * 2000 + b"</script></body></html>"))
    return out


INPUTS = _inputs()


@pytest.fixture(scope="module")
def runner():
    return Pipeline(Options(max_chars=50_000))


def _alarm(signum, frame):
    raise TimeoutError(f"no outcome within {HANG} s")


@pytest.mark.parametrize(("name", "data"), INPUTS, ids=[name for name, _ in INPUTS])
def test_hostile_input_gives_a_record_or_a_reason(runner, name, data):
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG)
    try:
        (outcome,) = runner.run([Source(name=name, data=data)])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert outcome.source == name
    if outcome.record is None:
        assert outcome.error and "internal error" not in outcome.error
        return
    record = outcome.record
    n = len(record.text)
    assert n <= 50_000
    spans = [(r.start, r.end) for r in record.removed] + [(m.start, m.end) for e in record.entities for m in e.mentions]
    spans += [(q.start, q.end) for q in record.quotes] + [(t.start, t.end) for t in record.times] + [(a.start, a.end) for a in record.amounts]
    assert all(0 <= start <= end <= n for start, end in spans)
    assert record.to_json()  # serialisable
