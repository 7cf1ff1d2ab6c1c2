"""Train the caption credit finder shipped as ``src/newsgraph/data/credit_model.npz``.

    .venv/bin/python scripts/train_credit.py [--out src/newsgraph/data/credit_model.npz]

Needs scikit-learn (training only: ``newsgraph.credits`` scores with numpy). Runs in about two
minutes; C and the probability a span needs are chosen by 3-fold cross-validation.

Data: caption lines whose credit is given (the ``extra`` column, copied from the line; empty for
a caption without one), from ``scripts/chrome-lines.tsv`` and the ``dev`` parts of
``eval/cleaning/lines.tsv`` and ``eval/cleaning/written.tsv``; the ``check`` parts of the two
task files are only measured. Every candidate span of a line (:func:`newsgraph.credits.candidates`)
is an example; the positive one is the suffix starting at the word where the credit starts (the
prefix ending at the word where it ends, for a credit that opens the line, when that is shorter).

The report: per part, the share of captions with a credit whose predicted span holds it, the share
without one where none is predicted, and how often a caption's text outside its credit would be
taken (span longer than credit + 40 characters).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph import credits  # noqa: E402
from newsgraph.credits import BITS, candidates, features  # noqa: E402
from newsgraph.evaluate.cleaning import LINES, WRITTEN, load_lines  # noqa: E402

GRID_C = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = (0.2, 0.3, 0.4, 0.5)


def caption_rows(more: Path) -> tuple[list[tuple[str, str]], dict[str, list[tuple[str, str]]]]:
    """(training (line, credit) pairs, check pairs by file)."""
    train: list[tuple[str, str]] = []
    check: dict[str, list[tuple[str, str]]] = {}
    for row in more.read_text("utf-8").splitlines():
        cells = row.split("\t")
        if row and not row.startswith("#") and len(cells) == 3 and cells[0] == "caption":
            train.append((cells[1], cells[2]))
    for path in (LINES, WRITTEN):
        for line in load_lines(path):
            if line.kind == "caption":
                (train if line.part == "dev" else check.setdefault(path.name, [])).append((line.text, line.extra))
    return train, check


def positive(text: str, credit: str, spans: list[tuple[int, int, str]]) -> int | None:
    """Index of the span to learn as the credit of ``text``, or None (no credit, or not found)."""
    if not credit:
        return None
    at = text.rfind(credit)
    if at < 0:
        return None
    end = at + len(credit)
    suffixes = [(i, s) for i, s in enumerate(spans) if s[2] == "S" and s[0] <= at]
    prefixes = [(i, s) for i, s in enumerate(spans) if s[2] == "P" and s[1] >= end]
    best = None
    if suffixes:
        i, s = max(suffixes, key=lambda t: t[1][0])
        best = (s[1] - s[0], i)
    if prefixes and at <= 2:
        i, s = min(prefixes, key=lambda t: t[1][1])
        best = min(best or (1 << 30, -1), (s[1] - s[0], i))
    return best[1] if best else None


def matrix(pairs: list[tuple[str, str]]) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    rows, cols, y, group = [], [], [], []
    offset = 0
    for g, (text, credit) in enumerate(pairs):
        spans = candidates(text)
        if not spans:
            continue
        r, c = features(text, spans, BITS)
        rows.append(r + offset)
        cols.append(c)
        pos = positive(text, credit, spans)
        y += [int(i == pos) for i in range(len(spans))]
        group += [g] * len(spans)
        offset += len(spans)
    r, c = np.concatenate(rows), np.concatenate(cols)
    x = sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(offset, 1 << BITS))
    return x, np.array(y), np.array(group)


def fit(x, y, c: float) -> LogisticRegression:
    return LogisticRegression(C=c, solver="lbfgs", max_iter=5000, tol=1e-6).fit(x, y)


def judge(pairs: list[tuple[str, str]], predict) -> dict[str, float]:
    found = with_credit = none_right = without = too_long = 0
    for text, credit in pairs:
        span = predict(text)
        if credit:
            with_credit += 1
            got = text[span[0] : span[1]] if span else ""
            found += credit in got
            too_long += bool(span) and len(got) > len(credit) + 40
        else:
            without += 1
            none_right += span is None
    return {"credit_found": found / max(1, with_credit), "none_right": none_right / max(1, without),
            "too_long": too_long / max(1, with_credit), "with": with_credit, "without": without}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--more", type=Path, default=ROOT / "scripts" / "chrome-lines.tsv")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "newsgraph" / "data" / "credit_model.npz")
    args = parser.parse_args()
    started = time.perf_counter()
    train, check = caption_rows(args.more)
    print(f"training captions: {len(train)} ({sum(bool(c) for _, c in train)} with a credit)")

    # C and the threshold by 3-fold cross-validation over captions
    folds = np.arange(len(train)) % 3
    best = (-1.0, GRID_C[0], 0.5)
    for c in GRID_C:
        models = []
        for k in range(3):
            x, y, _ = matrix([p for p, f in zip(train, folds) if f != k])
            model = fit(x, y, c)
            models.append((model.coef_[0], float(model.intercept_[0])))
        for threshold in THRESHOLDS:
            right = [judge([p for p, f in zip(train, folds) if f == k],
                           lambda t: credits.credit_span(t, model=(w, b, BITS, threshold)))
                     for k, (w, b) in enumerate(models)]
            found = np.mean([r["credit_found"] for r in right])
            none = np.mean([r["none_right"] for r in right])
            print(f"  C={c:<4} threshold {threshold}: cv credit found {found:.3f}, no credit right {none:.3f}")
            best = max(best, (found + none * 0.5, c, threshold))
    _, c, threshold = best
    x, y, _ = matrix(train)
    model = fit(x, y, c)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, weights=model.coef_[0].astype(np.float16), bias=np.float64(model.intercept_[0]),
                        bits=np.int64(BITS), threshold=np.float64(threshold))
    credits._weights.cache_clear()
    print(f"chosen C={c}, threshold {threshold}; wrote {args.out} ({args.out.stat().st_size / 1e3:.0f} kB)")
    for name, pairs in [("training", train)] + sorted(check.items()):
        r = judge(pairs, lambda t: credits.credit_span(t, str(args.out)))
        print(f"  {name}: credit found {r['credit_found']:.3f} of {r['with']}, no credit right {r['none_right']:.3f} "
              f"of {r['without']}, span longer than credit + 40 chars {r['too_long']:.3f}")
    print(f"total time {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
