r"""Where a photo caption's credit is: a small learned span finder.

A caption names its photographer or source in many ways ("… on Friday. REUTERS/Jo Bloggs",
"(Photo: Ana Reis)", "Image source, AFP Image caption, …", "… — Photo via author", "Name/Bloomberg
via Getty Images hide caption"); patterns know some of them. This model scores the candidate
spans of a caption — every suffix (from a word to the end of the line) and every prefix (from
the start to a word), of at most :data:`MAX_TOKENS` words — and returns the best one if it is
likely enough. A suffix may run past the credit ("… REUTERS/Jo Bloggs Purchase Licensing
Rights"): what follows a credit on a caption line is page furniture, not story.

Logistic regression over hashed features of a span: the characters and words just outside it,
its words, first and last word, word shapes, its length and share of capitalised words, and
marks (a slash, "via", brackets, a sentence end inside it); the most likely span is the credit
when its probability reaches the threshold chosen with the weights. Trained by
``scripts/train_credit.py`` on caption lines written for the cleaning task and the line
classifier (their credits given), weights shipped as ``newsgraph/data/credit_model.npz``; only
numpy is needed to score.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from .linear import hashed, logistic

__all__ = ["BITS", "MAX_TOKENS", "candidates", "credit_span", "features"]

#: hashing width of the feature vector
BITS = 16
#: the longest credit considered, in words
MAX_TOKENS = 14

_TOKEN = re.compile(r"\S+")
_FUNCTION = frozenset(
    "a an the of in on at to for from with by and or as is are was were be been after before during "
    "near outside inside into over under his her their its this that these those who which while".split()
)


def _shape(token: str) -> str:
    core = token.strip("()[]{}\"'“”‘’,.;:")
    if not core:
        return "p"
    if core.isdigit():
        return "d"
    if core.isupper() and any(c.isalpha() for c in core):
        return "X"
    if core[:1].isupper():
        return "Xx"
    if core[:1].islower():
        return "x"
    return "o"


def _norm(token: str) -> str:
    return re.sub(r"\d", "0", token.lower())


def candidates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every candidate span of ``text``: suffixes (kind ``S``) starting at
    a word, prefixes (kind ``P``) ending at one, of at most :data:`MAX_TOKENS` words; the whole
    line once, as a suffix."""
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    n = len(spans)
    out = [(spans[i][0], spans[-1][1], "S") for i in range(max(0, n - MAX_TOKENS), n)]
    out += [(spans[0][0], spans[j][1], "P") for j in range(0, min(n - 1, MAX_TOKENS))]
    return out


def _span_features(text: str, start: int, end: int, kind: str) -> list[str]:
    words = text[start:end].split()
    before, after = text[:start].split(), text[end:].split()
    left = text[:start].rstrip()[-1:] or "^"
    right = text[end:].lstrip()[:1] or "$"
    caps = sum(_shape(w) in ("X", "Xx") for w in words) / max(1, len(words))
    lower = sum(_shape(w) == "x" and w.lower().strip(",.;:") not in _FUNCTION for w in words)
    feats = [
        f"k={kind}",
        f"{kind}:left={left}",
        f"{kind}:right={right}",
        f"{kind}:prev={_norm(before[-1]) if before else '^'}",
        f"{kind}:prev2={_norm(before[-2]) if len(before) > 1 else '^'}",
        f"{kind}:next={_norm(after[0]) if after else '$'}",
        f"{kind}:prevshape={_shape(before[-1]) if before else '^'}",
        f"first={_norm(words[0])}",
        f"last={_norm(words[-1])}",
        f"firstshape={_shape(words[0])}",
        f"n={min(len(words), 10)}",
        f"{kind}:n={min(len(words), 10)}",
        f"caps={round(caps * 4)}",
        f"lower={min(lower, 4)}",
        f"{kind}:lower={min(lower, 4)}",
        f"slash={'/' in text[start:end]}",
        f"via={'via' in words}",
        f"open={text[start:start + 1] in '(['}",
        f"close={text[end - 1:end] in ')]'}",
        f"sentence={bool(re.search(r'[.!?] [A-Z]', text[start:end]))}",
        f"rest={min(len(before) + len(after), 12) // 3}",
        f"whole={start == 0 and end == len(text)}",
    ]
    feats += [f"w={_norm(w)}" for w in words]
    shapes = ["<"] + [_shape(w) for w in words] + [">"]
    feats += [f"sh={a}{b}" for a, b in zip(shapes, shapes[1:])]
    return feats


def features(text: str, spans: list[tuple[int, int, str]], bits: int = BITS) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) indices of the hashed features of each span (:func:`newsgraph.linear.hashed`)."""
    return hashed((_span_features(text, start, end, kind) for start, end, kind in spans), bits)


@lru_cache(maxsize=2)
def _weights(path: str | None = None) -> tuple[np.ndarray, float, int, float]:
    """(weights, bias, bits, threshold: the probability a span needs) of the shipped model."""
    source = Path(path) if path else resources.files("newsgraph").joinpath("data", "credit_model.npz")
    with source.open("rb") as fh, np.load(fh) as npz:
        return npz["weights"].astype(np.float64), float(npz["bias"]), int(npz["bits"]), float(npz["threshold"])


def scores(text: str, spans: list[tuple[int, int, str]], weights_file: str | None = None, model=None) -> np.ndarray:
    """P(credit) of each span of ``text``; ``model``: (weights, bias, bits, threshold) instead of
    the shipped weights (training scores its folds' models so)."""
    weights, bias, bits, _ = model or _weights(weights_file)
    if not spans:
        return np.zeros(0)
    rows, cols = features(text, spans, bits)
    return logistic(rows, cols, len(spans), weights, bias)


def credit_span(text: str, weights_file: str | None = None, model=None) -> tuple[int, int] | None:
    """(start, end) of the credit in caption ``text``, or None when no span is likely enough."""
    model = model or _weights(weights_file)
    spans = candidates(text)
    if not spans:
        return None
    p = scores(text, spans, model=model)
    best = int(np.argmax(p))
    return (spans[best][0], spans[best][1]) if p[best] >= model[3] else None
