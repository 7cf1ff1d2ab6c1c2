"""Hashed features and a logistic score: what the small learned models (:mod:`newsgraph.credits`,
:mod:`newsgraph.coref`) share. Each feature is a string; its column is the CRC-32 of its UTF-8
bytes, masked to ``bits`` bits; every value is 1."""

from __future__ import annotations

import zlib
from collections.abc import Iterable

import numpy as np

__all__ = ["hashed", "logistic"]


def hashed(rows: Iterable[list[str]], bits: int) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) indices of the hashed features of each row of feature strings."""
    mask = (1 << bits) - 1
    r, c = [], []
    for i, feats in enumerate(rows):
        for f in feats:
            r.append(i)
            c.append(zlib.crc32(f.encode("utf-8")) & mask)
    return np.array(r, dtype=np.int64), np.array(c, dtype=np.int64)


def logistic(rows: np.ndarray, cols: np.ndarray, n: int, weights: np.ndarray, bias: float) -> np.ndarray:
    """P(yes) of each of ``n`` rows whose hashed features are at (``rows``, ``cols``)."""
    z = np.bincount(rows, weights=weights[cols], minlength=n) + bias
    return 1.0 / (1.0 + np.exp(-z))
