"""Stage 4: times (work in progress; see issue 5)."""

from __future__ import annotations

from spacy.tokens import Doc

from .record import Record


def extract_times(record: Record, doc: Doc) -> Record:
    """Fill ``record.times`` from the parsed body."""
    return record
