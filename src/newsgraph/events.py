"""Stage 4: events (work in progress; see issue 5)."""

from __future__ import annotations

from spacy.tokens import Doc

from .record import Record


def extract_events(record: Record, doc: Doc) -> Record:
    """Fill ``record.events`` from the parsed body."""
    return record
