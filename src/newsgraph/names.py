"""Name keys shared by the entity stage and the corpus store (no spaCy here: the store's query
commands start without loading it)."""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

from .lists import data_lines


def translit(text: str) -> str:
    """Lower-case ASCII letters, digits and single spaces: "Zaporizhzhya's" → "zaporizhzhya s"."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", anyascii(text).lower()).split())


_FOLDS = [("dzh", "j"), ("zh", "j"), ("kh", "h"), ("ph", "f"), ("q", "k"), ("w", "v"), ("y", "i"), ("ck", "k"), ("c", "k")]


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """A spelling-insensitive key for one name word: Toqayev ≈ Tokayev, Rachmaninoff ≈ Rachmaninov."""
    key = re.sub(r"[^a-z]", "", anyascii(word).lower())
    key = re.sub(r"(o|e)ff$", r"\1v", key)
    for a, b in _FOLDS:
        key = key.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", key)


@lru_cache(maxsize=1)
def given_names() -> dict[str, str]:
    """Given name (lower case) → "f" or "m", or "u" for a name given to both ("Gurpreet")
    (``data/given_names.tsv``, built by scripts/build_given_names.py); ``entities.given_gender`` for the gender."""
    return dict(line.split("\t") for line in data_lines("given_names.tsv"))
