"""Boilerplate-removal (article body extraction) evaluation.

Scores a body-text extractor against the ScrapingHub / Zyte
*article-extraction-benchmark* gold data: a folder holding
``ground-truth.json`` (``{id: {"articleBody": ..., "url": ...}}``) and
``html/<id>.html.gz``.

The scoring reproduces the benchmark's own ``evaluate.py``
(github.com/scrapinghub/article-extraction-benchmark):

* tokens are the matches of the regex ``\\w+`` (Unicode, case kept, no
  other normalisation; punctuation and whitespace are ignored);
* the unit compared is the *shingle*: every run of 4 consecutive tokens
  (a text with fewer than 4 tokens yields one shingle of all its tokens,
  an empty text none);
* shingles are compared as multisets (counts matter): ``tp`` is the sum of
  ``min(gold, pred)`` counts, ``fp`` the surplus in the prediction, ``fn``
  the surplus in the gold text;
* precision and recall are computed per page and then averaged over pages
  (macro average, so long articles do not weigh more).  As in the
  benchmark, a page whose prediction is empty is left out of the precision
  mean, and a page whose gold text is empty is left out of the recall mean;
* the reported F1 is the harmonic mean of mean precision and mean recall
  (not the mean of per-page F1 values, which :func:`score` also gives);
* "accuracy" is the share of pages whose token sequences are identical.

Only the standard library is needed, plus trafilatura for
:func:`plain_trafilatura`.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "GoldPage",
    "load_gold",
    "tokenize",
    "shingle_counts",
    "token_prf",
    "score",
    "plain_trafilatura",
]

#: Token pattern of the benchmark's ``evaluate.py``.
_TOKEN_RE = re.compile(r"\w+", re.UNICODE)

#: Shingle size used by the benchmark.
DEFAULT_NGRAM = 4

_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)


@dataclass(frozen=True)
class GoldPage:
    """One benchmark page: its HTML and the hand-made article body."""

    id: str
    html: str
    body: str
    url: str


def _decode_html(raw: bytes) -> str:
    """Decode page bytes to text.

    Order: a byte-order mark; then strict UTF-8 (the benchmark states its
    pages were saved by a headless browser as UTF-8, whatever their
    ``<meta charset>`` says); then the charset declared in a ``<meta>`` tag
    within the first 4 KiB; finally UTF-8 with replacement characters.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET_RE.search(raw[:4096])
    if match:
        charset = match.group(1).decode("ascii", errors="ignore")
        try:
            return raw.decode(charset, errors="replace")
        except LookupError:
            pass
    return raw.decode("utf-8", errors="replace")


def load_gold(path: str | Path) -> list[GoldPage]:
    """Load the benchmark pages found in folder *path*.

    *path* holds ``ground-truth.json`` and ``html/<id>.html.gz``.  Pages
    come back sorted by id; ids of the ground truth with no HTML file are
    skipped.  A missing ``articleBody`` or ``url`` becomes ``""``.
    """
    root = Path(path)
    with (root / "ground-truth.json").open(encoding="utf-8") as fh:
        truth: dict[str, dict[str, str]] = json.load(fh)
    pages: list[GoldPage] = []
    for page_id in sorted(truth):
        html_path = root / "html" / f"{page_id}.html.gz"
        if not html_path.is_file():
            continue
        with gzip.open(html_path, "rb") as fh:
            html = _decode_html(fh.read())
        item = truth[page_id]
        pages.append(
            GoldPage(
                id=page_id,
                html=html,
                body=item.get("articleBody") or "",
                url=item.get("url") or "",
            )
        )
    return pages


def tokenize(text: str | None) -> list[str]:
    """Split *text* into ``\\w+`` tokens, as the benchmark does."""
    return _TOKEN_RE.findall(text or "")


def shingle_counts(
    text: str | None, n: int = DEFAULT_NGRAM
) -> Counter[tuple[str, ...]]:
    """Multiset of the *n*-token shingles of *text*.

    A text shorter than *n* tokens gives a single shingle of all its
    tokens; an empty text gives an empty multiset.
    """
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _tp_fp_fn(pred: str, gold: str, n: int) -> tuple[int, int, int]:
    """Raw shingle counts: true positives, false positives, false negatives."""
    pred_c = shingle_counts(pred, n)
    gold_c = shingle_counts(gold, n)
    tp = sum((pred_c & gold_c).values())
    fp = sum((pred_c - gold_c).values())
    fn = sum((gold_c - pred_c).values())
    return tp, fp, fn


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def token_prf(
    pred: str, gold: str, n: int = DEFAULT_NGRAM
) -> tuple[float, float, float]:
    """Precision, recall and F1 of extracted text *pred* against *gold*.

    Follows the benchmark's ``string_shingle_matching``: both texts are
    tokenised with ``\\w+`` (case-sensitive), turned into multisets of
    *n*-token shingles (``n=4`` in the benchmark; ``n=1`` gives plain
    bag-of-tokens scores), and compared by counts.

    Edge cases, as in the benchmark: both texts empty gives
    ``(1.0, 1.0, 1.0)``; an empty prediction against a non-empty gold text,
    or a non-empty prediction against an empty gold text, gives
    ``(0.0, 0.0, 0.0)``.  (In :func:`score`, as in the benchmark, pages with
    an empty prediction are left out of the precision mean.)
    """
    tp, fp, fn = _tp_fp_fn(pred, gold, n)
    p = _precision(tp, fp, fn)
    r = _recall(tp, fp, fn)
    return p, r, _f1(p, r)


def score(
    pages: Iterable[GoldPage],
    extract: Callable[[GoldPage], str],
    n: int = DEFAULT_NGRAM,
) -> dict[str, float | int]:
    """Run *extract* on every page and score it as the benchmark does.

    Returned keys:

    * ``precision``, ``recall``: per-page scores averaged over pages; pages
      with an empty prediction are left out of the precision mean and pages
      with an empty gold text out of the recall mean (benchmark rule);
    * ``f1``: harmonic mean of those two means (the benchmark's F1);
    * ``f1_mean``: mean of per-page F1 values (empty prediction counts 0);
    * ``precision_strict``: mean precision over all pages, an empty
      prediction scoring 0 (1 when the gold text is empty too);
    * ``accuracy``: share of pages whose token sequences match exactly;
    * ``micro_precision``, ``micro_recall``, ``micro_f1``: from shingle
      counts summed over all pages (long pages weigh more);
    * ``pages``: number of pages scored; ``empty_predictions``: how many
      predictions had no token.
    """
    precisions: list[float] = []
    precisions_strict: list[float] = []
    recalls: list[float] = []
    f1s: list[float] = []
    exact: list[float] = []
    sum_tp = sum_fp = sum_fn = 0
    empty = 0
    count = 0
    for page in pages:
        pred = extract(page) or ""
        count += 1
        tp, fp, fn = _tp_fp_fn(pred, page.body, n)
        sum_tp += tp
        sum_fp += fp
        sum_fn += fn
        p = _precision(tp, fp, fn)
        r = _recall(tp, fp, fn)
        if tp + fp > 0:
            precisions.append(p)
        else:
            empty += 1
        precisions_strict.append(p)
        if tp + fn > 0:
            recalls.append(r)
        f1s.append(_f1(p, r))
        exact.append(float(tokenize(pred) == tokenize(page.body)))

    def _mean(values: Sequence[float]) -> float:
        return statistics.fmean(values) if values else 0.0

    precision = _mean(precisions)
    recall = _mean(recalls)
    micro_p = sum_tp / (sum_tp + sum_fp) if sum_tp + sum_fp else 0.0
    micro_r = sum_tp / (sum_tp + sum_fn) if sum_tp + sum_fn else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": _f1(precision, recall),
        "f1_mean": _mean(f1s),
        "precision_strict": _mean(precisions_strict),
        "accuracy": _mean(exact),
        "micro_precision": micro_p,
        "micro_recall": micro_r,
        "micro_f1": _f1(micro_p, micro_r),
        "pages": count,
        "empty_predictions": empty,
    }


def plain_trafilatura(page: GoldPage) -> str:
    """Body text from ``trafilatura.extract`` with default settings.

    Returns ``""`` when trafilatura finds nothing.
    """
    import trafilatura  # imported here so scoring works without it

    return trafilatura.extract(page.html, url=page.url or None) or ""


def newsgraph_body(pipeline) -> Callable[[GoldPage], str]:
    """Our body text for a page: read (trafilatura) and clean, then every body span joined."""
    from ..read import Source

    def body(page: GoldPage) -> str:
        outcome = pipeline.prepare(Source(name=f"{page.id}.html", data=page.html.encode("utf-8"), url=page.url or None))
        if outcome.record is None:
            return ""
        text = outcome.record.text
        return "\n".join(text[s.start : s.end] for s in outcome.record.body_spans())

    return body


from ..errors import EvalError  # noqa: E402
from . import Report, Score, task  # noqa: E402  (the registry imports this module lazily)


@task("boilerplate", gold="scrapinghub", summary="body-text P/R/F1 on the ScrapingHub article benchmark")
def evaluate(gold: str) -> Report:
    """newsgraph's read + clean stages next to plain trafilatura, on the same pages."""
    from ..pipeline import Options, Pipeline

    try:
        pages = load_gold(gold)
    except (OSError, ValueError, KeyError) as e:
        raise EvalError(f"{gold}: not an article-extraction benchmark folder (ground-truth.json, html/*.html.gz): {e}") from None
    scores = []
    for system, extract in [("newsgraph", newsgraph_body(Pipeline(Options(strict=True)))), ("trafilatura (plain)", plain_trafilatura)]:
        predictions = {page.id: extract(page) for page in pages}
        shingles = score(pages, lambda page: predictions[page.id])
        tokens = score(pages, lambda page: predictions[page.id], n=1)
        scores.append(
            Score(system, shingles["precision"], shingles["recall"], shingles["f1"], int(shingles["pages"]),
                  extra={"token_f1": tokens["f1"], "micro_f1": shingles["micro_f1"], "exact": shingles["accuracy"]})
        )
    return Report(
        task="boilerplate",
        gold=gold,
        method="The benchmark's own scoring: 4-token shingles, P and R averaged over pages, F1 of the means; "
        "token_f1 is the same over single tokens.",
        scores=scores,
    )
