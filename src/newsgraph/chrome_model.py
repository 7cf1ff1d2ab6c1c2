r"""A small line classifier: what a line of a crawled news page is — story, site chrome (menus,
share bars, related links, footers, comment widgets, stamps), a byline, a photo caption or a
headline (the article's own, or another story's in a list of links: where it sits tells which).

The cleaning stage asks it about the lines its rules leave undecided. The model is a multinomial
logistic regression over hashed features, trained by ``scripts/train_chrome.py`` on the
ScrapingHub article-extraction pages (every text line of a page, labelled against its gold
article body and title: story, chrome or headline), on PolNeAR training texts (story lines, their
first line a headline), on the dev half of ``eval/cleaning/written.tsv`` and on
``scripts/chrome-lines.tsv`` (lines written for it: chrome of every page slot, bylines, captions,
headlines of related-story lists, story lines that look like chrome); the weights ship as
``newsgraph/data/chrome_model.npz``. Only numpy is needed here (no scikit-learn): training
imports :func:`features` from this module, so both compute the same features.

Features of a line (whitespace collapsed):

* word unigrams and bigrams (tokens ``\w+`` and single other characters, lower-cased, digits
  read as ``0``; bigrams include the line's start and end marks), hashed into ``2**bits``
  buckets, with n-grams of token shapes (``Xx``, ``x``, ``XX``, digits, kinds of punctuation,
  :data:`SHAPE_GRAMS`); each group scaled by ``1/sqrt(its count in the line)``;
* character 3- to 5-grams of the lower-cased line (digits as ``0``) with boundary marks,
  hashed into the same buckets, scaled by ``1/sqrt(count)``;
* shape indicators (:data:`SHAPES`), one weight each after the hashed buckets: word-count
  bucket, how the line ends (sentence, ellipsis, colon, comma, none), digits, share of
  Title-Case words, all capitals, separators (``|`` ``»`` ``›`` …), ``@``, links, ``©``, the
  first character, a finite-verb-ish word (and with a sentence ending), quotes, commas,
  brackets.

Everything is computed for a whole batch at once with numpy (tokens are looked up in a
bounded per-process cache), so scoring runs at tens of thousands of lines a second.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

__all__ = ["BITS", "CHAR_NGRAMS", "CLASSES", "SHAPE_GRAMS", "SHAPES", "features", "chrome_probability", "line_classes", "n_features"]

#: Default hashing width: ``2**BITS`` buckets shared by word and character n-grams.
BITS = 18
#: Character n-gram sizes.
CHAR_NGRAMS = (3, 4, 5)
#: Lines scored per numpy pass.
_CHUNK = 1024
#: Token-shape n-gram sizes.
SHAPE_GRAMS = (2, 3, 4)
#: Only this many characters of a line feed the character n-grams (long lines are rare here).
MAX_CHARS = 300
#: Only this many words of a line feed the word n-grams.
MAX_WORDS = 60

# a line is cut into tokens: words (``\w+``) and single other characters; lines are joined into
# one text, each between a start mark \x02 and an end mark \x03, separated by newlines
_TOKEN = re.compile(r"\w+|[^\w\s]")
_BOS, _EOS = "\x02", "\x03"
_ALPHA = re.compile(r"[^\W\d_]")
_DIGIT_TO_ZERO = re.compile(r"[1-9]")
_FINITE = frozenset(
    "is are was were has have had said says say will would could can did does do told added "
    "according been be won wasn isn didn doesn".split()
)
_LINK_WORDS = frozenset("http https www com org net html".split())

# token flags
(F_ALPHA, F_UPPER, F_HAS_LOWER, F_HAS_UPPER, F_DIGIT, F_FINITE, F_SENT, F_CLOSER, F_COLON, F_COMMA,
 F_SEP, F_AT, F_LINK, F_COPY, F_QUOTE, F_PAREN, F_LOWER, F_DIGIT_START, F_ELLIPSIS, F_PERIOD,
 F_BOS, F_EOS) = (1 << i for i in range(22))

#: Shape indicators, in the order of their weights after the hashed buckets.
SHAPES: tuple[str, ...] = (
    "empty", "wc=0", "digits-only",
    "wc=1", "wc=2", "wc=3", "wc=4", "wc=5-6", "wc=7-8", "wc=9-12", "wc=13-20", "wc=21-40", "wc=41+",
    "end=sent", "end=colon", "end=none", "end=ellipsis", "end=comma",
    "digits",
    "title=0", "title<.3", "title<.6", "title<.9", "title=1",
    "allcaps", "separator", "at", "link", "copyright",
    "start=upper", "start=lower", "start=digit", "start=punct",
    "finite", "finite+sent", "quote", "comma", "paren",
)
_S = {name: i for i, name in enumerate(SHAPES)}
# word count (0..41) -> shape index
_WC_SHAPE = np.array(
    [_S["wc=0"], _S["wc=1"], _S["wc=2"], _S["wc=3"], _S["wc=4"], _S["wc=5-6"], _S["wc=5-6"], _S["wc=7-8"], _S["wc=7-8"]]
    + [_S["wc=9-12"]] * 4 + [_S["wc=13-20"]] * 8 + [_S["wc=21-40"]] * 20 + [_S["wc=41+"]],
    dtype=np.int64,
)
# flag -> shape, for "any token of the line has it"
_ANY_SHAPE = ((F_DIGIT, "digits"), (F_SEP, "separator"), (F_AT, "at"), (F_LINK, "link"), (F_COPY, "copyright"),
              (F_FINITE, "finite"), (F_QUOTE, "quote"), (F_COMMA, "comma"), (F_PAREN, "paren"))

_M64 = 0xFFFFFFFFFFFFFFFF


def n_features(bits: int = BITS) -> int:
    """Width of the feature vector: the hashed buckets and the shape indicators."""
    return (1 << bits) + len(SHAPES)


_FLAG_BITS = 22


class _Tokens(dict):
    """Token -> the CRC-32 of its normalised form (lower case, digits as 0) shifted left by
    ``_FLAG_BITS``, or-ed with its flags; computed once per distinct token."""

    def __missing__(self, token: str) -> int:
        low = _DIGIT_TO_ZERO.sub("0", token.lower())
        first = token[0]
        flags = 0
        if _ALPHA.search(token):
            flags |= F_ALPHA
        if first.isupper():
            flags |= F_UPPER
        if first.islower():
            flags |= F_LOWER
        if first.isdigit():
            flags |= F_DIGIT_START
        if any(c.islower() for c in token):
            flags |= F_HAS_LOWER
        if any(c.isupper() for c in token):
            flags |= F_HAS_UPPER
        if any(c.isdigit() for c in token):
            flags |= F_DIGIT
        if low in _FINITE:
            flags |= F_FINITE
        if low in _LINK_WORDS:
            flags |= F_LINK
        if len(token) == 1:
            for chars, flag in ((".!?…", F_SENT), ("\"'”’)]»", F_CLOSER), (":", F_COLON), (",", F_COMMA),
                                ("|»›«‹·•→►▶>/", F_SEP), ("@", F_AT), ("©", F_COPY), ("\"“”", F_QUOTE),
                                ("(", F_PAREN), ("…", F_ELLIPSIS), (".", F_PERIOD), (_BOS, F_BOS), (_EOS, F_EOS)):
                if token in chars:
                    flags |= flag
        value = zlib.crc32(low.encode("utf-8")) << _FLAG_BITS | flags
        if len(self) < 500_000:  # a bounded cache
            self[token] = value
        return value


_TOKENS = _Tokens()


def _mix(h: np.ndarray) -> np.ndarray:
    """A 64-bit finaliser (splitmix64) of uint64 values."""
    h = h ^ (h >> np.uint64(30))
    h = h * np.uint64(0xBF58476D1CE4E5B9)
    h = h ^ (h >> np.uint64(27))
    h = h * np.uint64(0x94D049BB133111EB)
    return h ^ (h >> np.uint64(31))


def _char_features(joined: str, n_lines: int, bits: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hashed character 3–5-grams of the lower-cased lines (digits read as 0) with their boundary
    marks, each scaled by 1/sqrt(the line's number of n-grams)."""
    low = joined.lower()
    codes = np.frombuffer(low.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    codes[(codes >= 0x31) & (codes <= 0x39)] = 0x30
    is_sep = codes == 10  # "\n" between lines
    line_of = np.cumsum(is_sep)
    n = len(codes)
    rows, cols = [], []
    mask = np.uint64((1 << bits) - 1)
    prime = np.uint64(0x100000001B3)
    with np.errstate(over="ignore"):
        h = np.full(n, np.uint64(0xCBF29CE484222325), dtype=np.uint64)
        bad = np.zeros(n, dtype=bool)
        for k in range(max(CHAR_NGRAMS)):
            m = n - k
            if m <= 0:
                break
            h = (h[:m] ^ codes[k:]) * prime
            bad = bad[:m] | is_sep[k:]
            size = k + 1
            if size in CHAR_NGRAMS:
                keep = ~bad
                rows.append(line_of[:m][keep])
                cols.append(_mix(h[keep] + np.uint64(size)) & mask)
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    r = np.concatenate(rows).astype(np.int64)
    c = np.concatenate(cols).astype(np.int64)
    counts = np.bincount(r, minlength=n_lines)
    return r, c, 1.0 / np.sqrt(np.maximum(counts, 1))[r]


def _token_shapes(flags: np.ndarray) -> np.ndarray:
    """A small code per token: marks, word case (XX, Xx, x), digits, kinds of punctuation."""
    code = np.full(len(flags), 12, dtype=np.uint64)  # other punctuation
    for flag, value in ((F_SEP, 11), (F_QUOTE | F_CLOSER, 10), (F_COLON, 9), (F_COMMA, 8), (F_SENT, 7)):
        code[(flags & flag) != 0] = value
    code[(flags & F_DIGIT_START) != 0] = 6
    alpha = (flags & F_ALPHA) != 0
    code[alpha & ((flags & F_LOWER) != 0)] = 5
    code[alpha & ((flags & F_UPPER) != 0)] = 4
    code[alpha & ((flags & F_HAS_UPPER) != 0) & ((flags & F_HAS_LOWER) == 0)] = 3
    code[(flags & F_BOS) != 0] = 1
    code[(flags & F_EOS) != 0] = 2
    return code


def _shape_grams(flags, line, kept, n_lines, bits):
    """Hashed n-grams of token shapes (marks included), scaled by 1/sqrt(their number in the line)."""
    idx = np.flatnonzero(kept)
    code = _token_shapes(flags[idx])
    ln = line[idx]
    mask = np.uint64((1 << bits) - 1)
    rows, cols = [], []
    with np.errstate(over="ignore"):
        for size in SHAPE_GRAMS:
            m = len(idx) - size + 1
            if m <= 0:
                continue
            h = np.full(m, np.uint64(0x51ED270B27), dtype=np.uint64) + np.uint64(size)
            ok = np.ones(m, dtype=bool)
            for k in range(size):
                h = h * np.uint64(31) + code[k : k + m]
                ok &= ln[k : k + m] == ln[:m]
            rows.append(ln[:m][ok])
            cols.append((_mix(h[ok]) & mask).astype(np.int64))
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    r = np.concatenate(rows)
    counts = np.bincount(r, minlength=n_lines)
    return r, np.concatenate(cols), 1.0 / np.sqrt(np.maximum(counts, 1))[r]


def _word_and_shape_features(joined: str, n_lines: int, bits: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hashed word unigrams and bigrams (with line start and end marks), scaled by 1/sqrt(their
    number in the line), and the shape indicators (value 1)."""
    tokens = _TOKEN.findall(joined)
    table = _TOKENS
    packed = np.fromiter([table[t] for t in tokens], dtype=np.int64, count=len(tokens))
    hashes = (packed >> _FLAG_BITS).astype(np.uint64)
    flags = packed & ((1 << _FLAG_BITS) - 1)
    is_bos = (flags & F_BOS) != 0
    is_eos = (flags & F_EOS) != 0
    line = np.cumsum(is_bos) - 1
    bos_at = np.flatnonzero(is_bos)
    eos_at = np.flatnonzero(is_eos)
    position = np.arange(len(tokens)) - bos_at[line]  # 1 for a line's first token
    mask = np.uint64((1 << bits) - 1)
    size = 1 << bits
    with np.errstate(over="ignore"):
        word = ~is_bos & ~is_eos & (position <= MAX_WORDS)
        uni_rows = line[word]
        uni_cols = _mix(hashes[word] ^ np.uint64(0x5555555555555555)) & mask
        # bigrams: consecutive tokens of a line, marks included (the end mark follows the last kept word)
        kept = word | is_bos | is_eos
        idx = np.flatnonzero(kept)
        a, b = idx[:-1], idx[1:]
        pair_ok = ~is_eos[a] & (line[a] == line[b])
        a, b = a[pair_ok], b[pair_ok]
        bi_rows = line[a]
        bi_cols = _mix(hashes[a] * np.uint64(0x9E3779B97F4A7C15) + hashes[b] + np.uint64(0x1234567)) & mask
    w_rows = np.concatenate([uni_rows, bi_rows])
    w_cols = np.concatenate([uni_cols, bi_cols]).astype(np.int64)
    counts = np.bincount(w_rows, minlength=n_lines)
    w_vals = 1.0 / np.sqrt(np.maximum(counts, 1))[w_rows]
    if SHAPE_GRAMS:
        g_rows, g_cols, g_vals = _shape_grams(flags, line, kept, n_lines, bits)
        w_rows = np.concatenate([w_rows, g_rows])
        w_cols = np.concatenate([w_cols, g_cols])
        w_vals = np.concatenate([w_vals, g_vals])

    # shapes, from per-line sums of token flags
    body = ~is_bos & ~is_eos

    def per_line(flag: int) -> np.ndarray:
        return np.bincount(line[body], weights=((flags[body] & flag) != 0), minlength=n_lines)

    n_tokens = np.bincount(line[body], minlength=n_lines)
    alpha = per_line(F_ALPHA)
    upper_alpha = np.bincount(line[body], weights=((flags[body] & (F_ALPHA | F_UPPER)) == (F_ALPHA | F_UPPER)),
                              minlength=n_lines)
    has_lower = per_line(F_HAS_LOWER) > 0
    has_upper = per_line(F_HAS_UPPER) > 0
    digits = per_line(F_DIGIT) > 0
    hits = np.zeros((n_lines, len(SHAPES)), dtype=bool)  # line × shape indicator

    def add(where: np.ndarray, shape: str | np.ndarray) -> None:
        if isinstance(shape, str):
            hits[:, _S[shape]] |= where
        else:
            hits[np.flatnonzero(where), shape[where]] = True

    empty = n_tokens == 0
    add(empty, "empty")
    wc = np.minimum(alpha, 41).astype(np.int64)
    add(~empty & (alpha > 0), _WC_SHAPE[wc])
    add(~empty & (alpha == 0) & digits, "digits-only")
    add(~empty & (alpha == 0) & ~digits, "wc=0")
    # the line's end: its last token, or the one before a closing quote or bracket
    last = eos_at - 1
    last_flags = np.where(empty, 0, flags[last])
    before = np.maximum(last - 1, bos_at)
    eff = np.where((last_flags & F_CLOSER) != 0, before, last)
    eff_flags = np.where(empty | (eff <= bos_at), 0, flags[eff])
    prev_flags = np.where(eff - 1 > bos_at, flags[np.maximum(eff - 1, 0)], 0)
    sent = (eff_flags & F_SENT) != 0
    ellipsis = ((eff_flags & F_ELLIPSIS) != 0) | (((eff_flags & F_PERIOD) != 0) & ((prev_flags & F_PERIOD) != 0))
    colon = (last_flags & F_COLON) != 0
    comma = (last_flags & F_COMMA) != 0
    add(~empty & sent & ellipsis, "end=ellipsis")
    add(~empty & sent & ~ellipsis, "end=sent")
    add(~empty & ~sent & colon, "end=colon")
    add(~empty & ~sent & ~colon & comma, "end=comma")
    add(~empty & ~sent & ~colon & ~comma, "end=none")
    # Title-Case share of the words, capitals
    share = upper_alpha / np.maximum(alpha, 1)
    has_alpha = alpha > 0
    add(has_alpha & (share == 0), "title=0")
    add(has_alpha & (share > 0) & (share < 0.3), "title<.3")
    add(has_alpha & (share >= 0.3) & (share < 0.6), "title<.6")
    add(has_alpha & (share >= 0.6) & (share < 0.9), "title<.9")
    add(has_alpha & (share >= 0.9), "title=1")
    add(has_alpha & has_upper & ~has_lower, "allcaps")
    for flag, shape in _ANY_SHAPE:
        add(per_line(flag) > 0, shape)
    add((per_line(F_FINITE) > 0) & sent, "finite+sent")
    # the first character
    first_flags = np.where(empty, 0, flags[np.minimum(bos_at + 1, len(flags) - 1)])
    upper = (first_flags & F_UPPER) != 0
    lower = (first_flags & F_LOWER) != 0
    digit = (first_flags & F_DIGIT_START) != 0
    add(~empty & upper, "start=upper")
    add(~empty & lower, "start=lower")
    add(~empty & digit, "start=digit")
    add(~empty & ~upper & ~lower & ~digit, "start=punct")
    s_rows, s_cols = np.nonzero(hits)
    s_cols = s_cols.astype(np.int64) + size
    rows = np.concatenate([w_rows, s_rows])
    cols = np.concatenate([w_cols, s_cols])
    vals = np.concatenate([w_vals, np.ones(len(s_rows))])
    return rows, cols, vals


def _joined(lines: list[str]) -> str:
    """The lines (whitespace collapsed), each between its marks, one per text line."""
    text = "\n".join(lines)
    if _BOS in text or _EOS in text:
        text = text.replace(_BOS, " ").replace(_EOS, " ")
    return _BOS + text.replace("\n", _EOS + "\n" + _BOS) + _EOS


def features(lines: list[str], bits: int = BITS) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sparse features of *lines*: ``(rows, cols, values)``, one entry per (line, feature) hit
    (a repeated feature gives repeated entries, to be summed). Columns below ``2**bits`` are
    hashed n-grams, the :data:`SHAPES` follow."""
    lines = list(lines)
    if not lines:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    lines = [" ".join(line.split()) for line in lines]
    joined = _joined(lines)
    short = joined if max(map(len, lines)) <= MAX_CHARS else _joined([line[:MAX_CHARS] for line in lines])
    c_rows, c_cols, c_vals = _char_features(short, len(lines), bits)
    w_rows, w_cols, w_vals = _word_and_shape_features(joined, len(lines), bits)
    return (np.concatenate([w_rows, c_rows]), np.concatenate([w_cols, c_cols]),
            np.concatenate([w_vals, c_vals]))


#: The classes of a line, in the order of the model's columns.
CLASSES = ("story", "chrome", "byline", "caption", "headline")


@lru_cache(maxsize=2)
def _weights(path: str | None = None) -> tuple[np.ndarray, np.ndarray, int]:
    """(weights: classes × features, biases: classes, bits) of the shipped model, or of the
    weights file at ``path``."""
    source = Path(path) if path else resources.files("newsgraph").joinpath("data", "chrome_model.npz")
    with source.open("rb") as fh, np.load(fh) as npz:
        bits = int(npz["bits"])
        shapes = tuple(str(s) for s in npz["shapes"])
        if (
            shapes != SHAPES
            or tuple(int(n) for n in npz["char_ngrams"]) != CHAR_NGRAMS
            or tuple(int(n) for n in npz["shape_grams"]) != SHAPE_GRAMS
            or tuple(str(c) for c in npz["classes"]) != CLASSES
        ):
            raise ValueError("chrome_model.npz was trained with other features: run scripts/train_chrome.py")
        weights = np.ascontiguousarray(npz["weights"].astype(np.float64).T)  # classes × features
        bias = npz["bias"].astype(np.float64)
    return weights, bias, bits


def line_classes(lines: list[str], weights_file: str | None = None) -> np.ndarray:
    """P(class) for each line: an array of ``len(lines)`` rows, one column per :data:`CLASSES`
    (story, chrome, byline, caption, headline), each row summing to 1. ``weights_file``: another weights
    file than the shipped one (training reports on the file it wrote)."""
    lines = list(lines)
    weights, bias, bits = _weights(weights_file)
    out = np.zeros((len(lines), len(CLASSES)))
    for start in range(0, len(lines), _CHUNK):  # chunks keep the arrays small (cache-friendly)
        chunk = lines[start : start + _CHUNK]
        rows, cols, vals = features(chunk, bits)
        logits = bias + np.stack(  # one class at a time: a gather from one contiguous row of weights
            [np.bincount(rows, weights=row[cols] * vals, minlength=len(chunk)) for row in weights], axis=1
        )
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        out[start : start + len(chunk)] = p / p.sum(axis=1, keepdims=True)
    return out


def chrome_probability(lines: list[str], weights_file: str | None = None) -> list[float]:
    """P(not story) for each line (chrome, a byline, a caption or a headline): one float in [0, 1] per line,
    in order. An empty or blank line gets the model's score for an empty line."""
    lines = list(lines)
    if not lines:
        return []
    return (1.0 - line_classes(lines, weights_file)[:, 0]).tolist()


# ---------------------------------------------------------------------------------------------
# the context model: a line in its place on the page

#: What the context model reads of a line the cleaner's rules and thresholds left on the page
#: (``newsgraph.clean`` computes them, in this order): the line classifier's reading of the line
#: (the log-odds of story, P of each other class), of the lines above and below it on the page
#: (their log-odds of story, whether a rule or the classifier already removed them, whether there
#: is one), of the three lines either side (share removed, mean P(story)); where it sits (above the
#: story's first reporter's sentence, below its last, inside; how far down the page); its form (log
#: words, a sentence, a sentence's end, title case, a row of data, a reporter's sentence, naming
#: nothing the story's sentences name, one line of a paragraph of several, its first); and the
#: log-odds of story where it sits (above, below, inside).
CONTEXT_FEATURES: tuple[str, ...] = (
    "story", "chrome", "byline", "caption", "headline",
    "prev_story", "prev_gone", "prev_none", "next_story", "next_gone", "next_none",
    "near_gone", "near_story",
    "above", "below", "depth",
    "words", "sentence", "terminal", "title", "data_row", "reporter", "foreign", "multiline", "first_in_block",
    "above_story", "below_story", "inside_story",
    "parsed_story", "between_story", "printed_twice",
)


@lru_cache(maxsize=2)
def _context(path: str | None = None) -> tuple[np.ndarray, float, float]:
    """(weights, bias, threshold) of the context model (``data/chrome_context.json``, written by
    ``scripts/train_chrome_context.py``), or of the file at ``path``."""
    import json

    source = Path(path) if path else resources.files("newsgraph").joinpath("data", "chrome_context.json")
    data = json.loads(source.read_text(encoding="utf-8"))
    if tuple(data["features"]) != CONTEXT_FEATURES:
        raise ValueError("chrome_context.json was trained with other features: run scripts/train_chrome_context.py")
    return np.asarray(data["weights"], dtype=np.float64), float(data["bias"]), float(data["threshold"])


def context_chrome(rows: np.ndarray, path: str | None = None) -> np.ndarray:
    """P(the line is not story) for each row of :data:`CONTEXT_FEATURES` values."""
    weights, bias, _ = _context(path)
    return 1.0 / (1.0 + np.exp(-(np.asarray(rows, dtype=np.float64) @ weights + bias)))


def context_threshold(path: str | None = None) -> float:
    """The P(not story) from which the cleaner removes a line (chosen by the training script)."""
    return _context(path)[2]
