"""The packaged word lists and tables (``newsgraph/data/``), read the one way every stage reads them."""

from __future__ import annotations

from importlib import resources


def data_lines(name: str) -> list[str]:
    """The lines of the packaged file ``data/<name>``, blank lines and ``#`` comments left out."""
    text = resources.files("newsgraph").joinpath("data", name).read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
