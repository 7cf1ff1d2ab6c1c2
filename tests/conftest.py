"""Shared fixtures: run the CLI in-process, write article files, one loaded pipeline per session.

Every in-process run (``run_cli``, ``pipeline``) shares one spaCy model: ``load_nlp`` caches it
per process, so only the first test that parses pays the ~1 s load.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
ROOT = TESTS.parent


def _click_version() -> tuple[int, ...]:
    return tuple(int(part) for part in version("click").split(".")[:2] if part.isdigit())


# click 8.2 removed ``mix_stderr``: stdout and stderr are always captured separately
# (``result.output`` interleaves both). Before 8.2, separate streams need mix_stderr=False.
CLICK_SEPARATE_STDERR = _click_version() >= (8, 2)


def types(text: str) -> dict[str, str]:
    """name → type of each entity newsgraph extracts from ``text``."""
    import newsgraph

    return {e.name: e.type for e in newsgraph.extract(text).entities}


def cli_runner() -> CliRunner:
    return CliRunner() if CLICK_SEPARATE_STDERR else CliRunner(mix_stderr=False)


@dataclass
class CliResult:
    """What one run printed, its exit status and any exception (SystemExit excluded)."""

    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None = None

    @property
    def records(self) -> list[dict]:
        """stdout parsed as JSON lines."""
        return [json.loads(line) for line in self.stdout.splitlines()]

    @property
    def stderr_lines(self) -> list[str]:
        return self.stderr.splitlines()


@pytest.fixture
def run_cli():
    """``run_cli("extract", path, input=b"...")`` → :class:`CliResult`; runs ``newsgraph`` in-process.

    Exceptions other than SystemExit propagate (``catch_exceptions=False``): a bug shows up as
    the test's own traceback instead of a silent exit status 1.
    """

    def run(*args: str | os.PathLike, input: str | bytes | None = None, env: dict | None = None) -> CliResult:
        result = cli_runner().invoke(
            cli, [str(a) for a in args], input=input, env=env, catch_exceptions=False
        )
        return CliResult(result.exit_code, result.stdout, result.stderr, result.exception)

    return run


@pytest.fixture
def tmp_articles(tmp_path):
    """Factory: ``tmp_articles({"a.txt": "text", "sub/b.html": b"<html>..."})`` → the directory.

    ``str`` contents are written as UTF-8 bytes exactly as given (CRLF stays CRLF); ``bytes``
    as they are. Each call makes a fresh directory under ``tmp_path``.
    """
    count = 0

    def make(files: dict[str, str | bytes]) -> Path:
        nonlocal count
        count += 1
        root = tmp_path / f"articles{count}"
        root.mkdir()
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return root

    return make


@pytest.fixture(scope="session")
def fixture_bytes():
    """``fixture_bytes("reuters.txt")`` → the raw bytes of a file in tests/fixtures."""

    def load(name: str) -> bytes:
        return (FIXTURES / name).read_bytes()

    return load


@pytest.fixture(scope="session")
def pipeline():
    """One :class:`newsgraph.Pipeline` with the default options and its model already loaded."""
    from newsgraph import Options, Pipeline

    p = Pipeline(Options())
    p.nlp  # load once for the session (load_nlp caches it for every other in-process user)
    return p


def newsgraph_executable() -> str:
    """The console script of the venv running the tests (``.venv/bin/newsgraph``)."""
    candidate = Path(sys.executable).with_name("newsgraph")
    if candidate.exists():
        return str(candidate)
    found = shutil.which("newsgraph")
    if not found:
        pytest.skip("the newsgraph console script is not installed")
    return found


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass


@pytest.fixture
def run_newsgraph():
    """Run the real ``newsgraph`` executable in a subprocess: ``run_newsgraph(*args, input=b"")``.

    The subprocess gets its own session; if it outlives ``timeout`` its whole process group
    (the command and any worker processes it spawned) is killed and the test fails.
    """

    def run(*args: str | os.PathLike, input: bytes | None = None, timeout: float = 120, cwd=None):
        proc = subprocess.Popen(
            [newsgraph_executable(), *map(str, args)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            start_new_session=True,
        )
        try:
            stdout, stderr = proc.communicate(input or b"", timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc.pid)
            proc.communicate()
            _kill_group(proc.pid)  # a worker forked while the first signal went out
            pytest.fail(f"newsgraph {' '.join(map(str, args))} still running after {timeout} s")
        return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)

    return run


def kill_when(command: list, ready, timeout: float = 180) -> int:
    """Start ``command`` (a process group of its own), wait until ``ready()`` is true, then ``kill -9``
    the whole group (workers, Ray included); its exit status."""
    import time

    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while not ready() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert proc.poll() is None, "the run ended before it could be killed: " + proc.stderr.read().decode()
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        proc.stderr.close()
    return proc.returncode


# ---------------------------------------------------------------------------------------------
# crawled inputs


def warc(records: list[tuple[str, str, bytes]], *, gzip: bool = True, content_type: str = "text/html; charset=utf-8") -> bytes:
    """A WARC file of (url, status line, HTML payload) responses, with a request record in between."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    for url, status, payload in records:
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
        writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request))
        http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        fetched = {"WARC-Date": "2024-09-16T08:30:00Z"}
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=http, warc_headers_dict=fetched)
        )
    return out.getvalue()


def page(title: str, *paragraphs: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>".encode()
