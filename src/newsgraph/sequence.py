"""IOB tag sequences: what the learned taggers (:mod:`newsgraph.ner`, :mod:`newsgraph.attribution`)
share. Tags are a tuple of labels, ``"O"`` first, then ``B-X`` / ``I-X`` pairs; an ``I-X`` may only
follow ``B-X`` or ``I-X``. :func:`transitions` learns tag-to-tag scores from tag sequences,
:func:`decode` finds the best well-formed sequence for per-token tag probabilities (Viterbi)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["decode", "inside", "legal", "spans", "transitions"]

SURE_O = 0.8  # a token this surely outside every span is taken as O, which cuts the decoding into short runs


def inside(labels: Sequence[str]) -> np.ndarray:
    """Which tags continue a span (``I-``)."""
    return np.array([label.startswith("I-") for label in labels])


def legal(labels: Sequence[str]) -> np.ndarray:
    """[previous, next]: whether ``next`` may follow ``previous``."""
    return np.array([[not b.startswith("I-") or a[2:] == b[2:] != "" for b in labels] for a in labels])


def transitions(labels: Sequence[str], sequences: Sequence[Sequence[int]], weight: float = 0.5) -> np.ndarray:
    """log P(next tag | tag) from sequences of tag ids (add-one smoothed), times ``weight``; illegal
    moves -inf-like."""
    counts = np.ones((len(labels), len(labels)))
    for ids in sequences:
        ids = np.asarray(ids, dtype=np.int64)
        np.add.at(counts, (ids[:-1], ids[1:]), 1)
    return np.where(legal(labels), weight * np.log(counts / counts.sum(1, keepdims=True)), -1e9)


def decode(probs: np.ndarray, trans: np.ndarray, inside: np.ndarray) -> list[int]:
    """The best well-formed tag sequence (Viterbi) for per-token tag probabilities ``probs`` (tokens ×
    tags, O first) and tag-to-tag log-scores ``trans`` (:func:`transitions`); ``inside``: which tags
    are ``I-`` (:func:`inside`). Tokens surely outside (P(O) >= :data:`SURE_O`) are O; the runs
    between them are decoded together, in one padded batch."""
    n = len(probs)
    tags = np.zeros(n, dtype=np.int64)
    open_ = np.flatnonzero(probs[:, 0] < SURE_O) if n else np.zeros(0, dtype=np.int64)
    if not len(open_):
        return tags.tolist()
    cut = np.flatnonzero(np.diff(open_) > 1)
    starts = np.concatenate([open_[:1], open_[cut + 1]])
    lengths = np.concatenate([open_[cut], open_[-1:]]) + 1 - starts
    k, longest = len(starts), int(lengths.max())
    steps = np.arange(longest)
    valid = steps[None, :] < lengths[:, None]
    at = np.minimum(starts[:, None] + steps[None, :], n - 1)
    emit = np.log(np.clip(probs[at], 1e-9, 1.0))  # (runs, steps, tags)
    # a run follows an O (or the start of the text) and is followed by one (or the end)
    score = emit[:, 0] + np.where(starts[:, None] > 0, trans[0][None, :], np.where(inside, -1e9, 0.0)[None, :])
    back = np.zeros((k, longest, len(inside)), dtype=np.int64)
    for i in range(1, longest):
        cand = score[:, :, None] + trans[None, :, :]
        back[:, i] = cand.argmax(1)
        score = np.where(valid[:, i, None], cand.max(1) + emit[:, i], score)
    ends = starts + lengths
    score = score + np.where(ends[:, None] < n, trans[:, 0][None, :], 0.0)
    current = score.argmax(1)
    runs = np.arange(k)
    path = np.zeros((k, longest), dtype=np.int64)
    for i in range(longest - 1, -1, -1):
        here = valid[:, i]
        path[here, i] = current[here]
        if i:
            current = np.where(here, back[runs, i, current], current)
    tags[at[valid]] = path[valid]
    return tags.tolist()


def spans(tags: Sequence[int], labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """A well-formed tag sequence (tag ids into ``labels``) → its (start, end, label) spans."""
    out: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, t in enumerate([*tags, 0]):
        tag = labels[t]
        if label and not tag.startswith("I-"):
            out.append((start, i, label))
            label = ""
        if tag.startswith("B-"):
            start, label = i, tag[2:]
    return out
