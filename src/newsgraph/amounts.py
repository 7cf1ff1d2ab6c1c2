"""Stage 4: amounts (work in progress; see issue 5)."""

from __future__ import annotations

from spacy.tokens import Doc

from .record import Record


def extract_amounts(record: Record, doc: Doc) -> Record:
    """Fill ``record.amounts`` from the parsed body."""
    return record
