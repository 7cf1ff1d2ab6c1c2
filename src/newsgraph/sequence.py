"""IOB tag sequences: what the learned taggers (:mod:`newsgraph.ner`, :mod:`newsgraph.attribution`)
share. Tags are a tuple of labels, ``"O"`` first, then ``B-X`` / ``I-X`` pairs; an ``I-X`` may only
follow ``B-X`` or ``I-X``. :func:`transitions` learns tag-to-tag scores from tag sequences,
:func:`decode` finds the best well-formed sequence for per-token tag probabilities (Viterbi)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache

import numpy as np

__all__ = ["by_blocks", "decode", "decode_all", "inside", "legal", "on_numpy", "one_blas_thread", "spans", "transitions"]

SURE_O = 0.8  # a token this surely outside every span is taken as O, which cuts the decoding into short runs
BLOCK = 1024  # rows of a network layer's product computed at a time (by_blocks)


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
    between them are decoded together, the longest first (at step t, the runs longer than t)."""
    return decode_all([probs], trans, inside)[0]


def decode_all(probs: Sequence[np.ndarray], trans: np.ndarray, inside: np.ndarray) -> list[list[int]]:
    """:func:`decode` for many texts at once: the runs of all of them decoded together."""
    sizes = [len(p) for p in probs]
    n = sum(sizes)
    offsets = np.cumsum([0, *sizes])
    tags = np.zeros(n, dtype=np.int64)
    every = np.concatenate(probs) if n else np.zeros((0, len(inside)))
    open_ = np.flatnonzero(every[:, 0] < SURE_O)
    if len(open_):
        text_start = np.zeros(n + 1, dtype=bool)
        text_start[offsets] = True  # a run never crosses from one text into the next
        cut = np.flatnonzero((np.diff(open_) > 1) | text_start[open_[1:]])
        starts = np.concatenate([open_[:1], open_[cut + 1]])
        lengths = np.concatenate([open_[cut], open_[-1:]]) + 1 - starts
        order = np.argsort(-lengths, kind="stable")
        starts, lengths = starts[order], lengths[order]
        k, longest = len(starts), int(lengths[0])
        steps = np.arange(longest)
        running = (lengths[None, :] > steps[:, None]).sum(axis=1)  # at each step, the first this many runs
        at = np.minimum(starts[:, None] + steps[None, :], n - 1)
        emit = np.log(np.clip(every[at], 1e-9, 1.0))  # (runs, steps, tags)
        # a run follows an O (or the start of its text) and is followed by one (or the end)
        score = emit[:, 0] + np.where(~text_start[starts][:, None], trans[0][None, :], np.where(inside, -1e9, 0.0)[None, :])
        back = np.zeros((k, longest, len(inside)), dtype=np.int64)
        for i in range(1, longest):
            m = running[i]
            cand = score[:m, :, None] + trans[None, :, :]
            best = cand.argmax(1)
            back[:m, i] = best
            score[:m] = np.take_along_axis(cand, best[:, None, :], 1)[:, 0] + emit[:m, i]
        score = score + np.where(~text_start[starts + lengths][:, None], trans[:, 0][None, :], 0.0)
        current = score.argmax(1)
        path = np.zeros((k, longest), dtype=np.int64)
        for i in range(longest - 1, -1, -1):
            m = running[i]
            path[:m, i] = current[:m]
            if i:
                current[:m] = back[np.arange(m), i, current[:m]]
        valid = steps[None, :] < lengths[:, None]
        tags[at[valid]] = path[valid]
    return [part.tolist() for part in np.split(tags, offsets[1:-1])]


def spans(tags: Sequence[int], labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """A well-formed tag sequence (tag ids into ``labels``) → its (start, end, label) spans: each B-
    tag opens one, which runs to the first tag after it that is no I- (or the end)."""
    opens, goes_on = _kinds(tuple(labels))
    tags = np.asarray(tags, dtype=np.int64)
    starts = np.flatnonzero(opens[tags])
    if not len(starts):
        return []
    stops = np.append(np.flatnonzero(~goes_on[tags]), len(tags))  # a B- tag is one: the next after it closes the span
    ends = stops[np.searchsorted(stops, starts, side="right")]
    return [(start, end, labels[t][2:]) for start, end, t in zip(starts.tolist(), ends.tolist(), tags[starts].tolist())]


@lru_cache(maxsize=8)
def _kinds(labels: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Which tags open a span (``B-``) and which continue one (``I-``)."""
    return np.array([label.startswith("B-") for label in labels]), inside(labels)


def on_numpy(model):
    """``model`` (a thinc network of ours), its layers set to multiply with numpy's BLAS: thinc's CPU
    default, blis, runs these small layers several times slower on this kind of machine (a 1000 × 224
    by 224 × 96 product: 1.6 ms against 0.3 ms); the numbers are the same to about 1e-6."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for node in model.walk():
        node.ops = ops
    return model


@lru_cache(maxsize=1)
def _blas():
    """The BLAS libraries loaded in this process (numpy's OpenBLAS): found once, set per call."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController().select(user_api="blas")


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """numpy's BLAS on one thread for the forward passes of our networks (the taggers' layers,
    :func:`on_numpy`, and :class:`newsgraph.attribution.Network`): their matrices are small (the
    LSTM's a few dozen rows a step), and OpenBLAS's second thread spins while it waits, which costs
    most when another process holds the other core: over PolNeAR dev the attribution tagger's pass
    took 3 to 5 s on two threads so and 0.8 s on one (0.8 and 0.6 s on a quieter machine). The
    products are the same to the bit (OpenBLAS splits the output between its threads, never a sum).
    The setting is restored after; :func:`newsgraph.engine.one_blas_thread` sets it for a whole worker."""
    with _blas().limit(limits=1):
        yield


def by_blocks(layer, x: np.ndarray, *args) -> np.ndarray:
    """``layer(x, *args)`` of a layer that reads each row of ``x`` alone (a product, a maxout, a row's
    normalisation), over blocks of :data:`BLOCK` rows or more (the last takes the rest), whose numbers stay
    in the processor's cache. The same numbers to the bit: OpenBLAS computes each row of a product alike
    whatever the number of rows, as long as they are more than a few (it takes another path then)."""
    cuts = list(range(0, len(x) - BLOCK, BLOCK))[1:]
    if not cuts:
        return layer(x, *args)
    return np.concatenate([layer(part, *args) for part in np.split(x, cuts)])
