"""What kind of name an entity is: a small learned decision over the entity stage's evidence.

The entity stage (:mod:`newsgraph.entities`) gathers, for each mention, what speaks for a type:
the news NER tagger's label, the plain model's, the gazetteer, a title, a classifier noun, a
score after a team's name, initials, a surname shared with a person named in full. Each piece
is recorded as a *cue* on the mention. Weighing the cues by hand let the gazetteer overrule the
tagger where the tagger was right ("Kent 250 and 120": a cricket team, not the county), so the
weights are learned: a multinomial logistic regression over hashed features of a mention — its
cues, the labels, their pairs with the tagger's label, the name's shape — gives P(kind) for the
four coarse kinds of :data:`KINDS`; an entity takes the kind its mentions' log-probabilities
favour, and the finer type (GPE or FAC, NORP or EVENT, …) comes from the evidence within that
kind (:func:`newsgraph.entities._finish`).

Trained by ``scripts/train_entity_types.py`` on CoNLL++ train and GUM's training documents
(every mention our stage finds whose span is a gold entity's), weights shipped as ``newsgraph/data/entity_types.npz``; only
numpy is needed to score.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .linear import hashed, multinomial

if TYPE_CHECKING:
    from .entities import EntityMention

__all__ = ["BITS", "KINDS", "features", "probabilities", "model"]

#: the coarse kinds, in the order of the model's rows (CoNLL's labels)
KINDS: tuple[str, ...] = ("PER", "ORG", "LOC", "MISC")
#: hashing width of the feature vector
BITS = 14
#: a fine (OntoNotes) type → its coarse kind
KIND_OF = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def kind_of(label: str | None) -> str:
    """The coarse kind of a fine label (anything else of ours is MISC); None stays "-"."""
    if not label:
        return "-"
    return KIND_OF.get(label, label if label in KINDS else "MISC")


def _shape(text: str) -> str:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return "none"
    if all(ch.isupper() for ch in letters):
        return "ACRO" if len(letters) <= 4 else "UPPER"
    if "-" in text:
        return "hyphen"
    if any(ch.isdigit() for ch in text):
        return "digit"
    return "Title"


def features(m: EntityMention) -> list[str]:
    """The feature strings of one mention: its cues and labels, each cue paired with the
    tagger's label, the number of words and the name's shape."""
    tagged = m.tagged or "-"
    labels = [f"t:{tagged}", f"p:{m.plain or '-'}", f"l:{m.label}", f"t:{tagged}|p:{m.plain or '-'}", f"t:{tagged}|l:{m.label}"]
    cues = list(dict.fromkeys(m.cues))
    shape = _shape(m.text)
    n = min(len(m.words), 4)
    page = "results" if "results-page" in cues else "prose"
    return [
        "bias",
        *labels,
        *cues,
        *(f"{c}|t:{tagged}" for c in cues),
        *(f"{c}|t:{tagged}|p:{m.plain or '-'}|{page}" for c in cues if c.startswith("place:")),
        f"n:{n}",
        f"shape:{shape}",
        f"shape:{shape}|t:{tagged}",
        f"n:{n}|t:{tagged}",
    ]


@lru_cache(maxsize=2)
def model(path: str | None = None) -> tuple[np.ndarray, np.ndarray, int] | None:
    """(weights [kinds × 2**bits], bias [kinds], bits) of the shipped model; None where the file
    is missing (before the first training run: the entity stage then weighs its evidence by hand)."""
    source = Path(path) if path else resources.files("newsgraph").joinpath("data", "entity_types.npz")
    if not source.is_file():
        return None
    with source.open("rb") as fh, np.load(fh) as npz:
        return npz["weights"].astype(np.float64), npz["bias"].astype(np.float64), int(npz["bits"])


def probabilities(mentions: list[EntityMention], weights: tuple[np.ndarray, np.ndarray, int]) -> np.ndarray:
    """P(kind) of each mention, one row per mention, columns in the order of :data:`KINDS`."""
    w, b, bits = weights
    if not mentions:
        return np.zeros((0, len(KINDS)))
    rows, cols = hashed((features(m) for m in mentions), bits)
    return multinomial(rows, cols, len(mentions), w, b)
