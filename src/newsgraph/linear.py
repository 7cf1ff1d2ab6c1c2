"""Hashed features and a logistic score: what the small learned models (:mod:`newsgraph.credits`,
:mod:`newsgraph.coref`) share. Each feature is a string; its column is the CRC-32 of its UTF-8
bytes, masked to ``bits`` bits; every value is 1."""

from __future__ import annotations

import zlib
from collections.abc import Iterable

import numpy as np

__all__ = ["hashed", "logistic", "multinomial"]


_COLUMNS: dict[int, dict[str, int]] = {}  # bits → feature string → column: the same strings recur in every document
_MAX_CACHED = 500_000  # strings per width kept; the cache starts afresh past it


def _column(f: str, mask: int) -> int:
    return zlib.crc32(f.encode("utf-8")) & mask


def hashed(rows: Iterable[list[str]], bits: int) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) indices of the hashed features of each row of feature strings."""
    mask = (1 << bits) - 1
    known = _COLUMNS.setdefault(bits, {})
    if len(known) > _MAX_CACHED:
        known.clear()
    r, c = [], []
    for i, feats in enumerate(rows):
        r += [i] * len(feats)
        for f in feats:
            col = known.get(f)
            if col is None:
                col = known[f] = _column(f, mask)
            c.append(col)
    return np.array(r, dtype=np.int64), np.array(c, dtype=np.int64)


def logistic(rows: np.ndarray, cols: np.ndarray, n: int, weights: np.ndarray, bias: float) -> np.ndarray:
    """P(yes) of each of ``n`` rows whose hashed features are at (``rows``, ``cols``)."""
    z = np.bincount(rows, weights=weights[cols], minlength=n) + bias
    return 1.0 / (1.0 + np.exp(-z))


def multinomial(rows: np.ndarray, cols: np.ndarray, n: int, weights: np.ndarray, bias: np.ndarray,
                more: np.ndarray | None = None) -> np.ndarray:
    """P(class) of each of ``n`` rows whose hashed features are at (``rows``, ``cols``), one column
    per class: ``weights`` is [classes × buckets], ``more`` the rows' other scores, if any, [n × classes]."""
    z = np.empty((n, len(bias)))
    for k, row in enumerate(weights[:, cols]):  # per class: a sum per row (np.add.at is slower)
        z[:, k] = np.bincount(rows, weights=row, minlength=n)
    z += bias
    if more is not None:
        z += more
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)
