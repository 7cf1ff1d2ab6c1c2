"""Stage 4, extract (quotes, continued): a learned tagger of attribution spans.

PolNeAR's annotators mark every attribution of an article as three spans: its *source* (who says,
writes or believes it: "Brazile's CNN colleague, Jake Tapper,"), its *cue* ("later insisted",
"according to") and its *content* (what is attributed, quotation marks included). Their
annotation gives each token at most one role, so it is a tag sequence: O, B-/I-SOURCE, B-/I-CUE,
B-/I-CONTENT. :func:`tag` predicts that sequence for a parsed :class:`~spacy.tokens.Doc`.

The model is small and reads what the pipeline has already computed, so it costs little: per token,
the output of en_core_web_sm's own ``tok2vec`` (``doc.tensor``, 96 values) and a few parse features
— the token's part of speech, dependency label and entity type; whether it stands inside quotation
marks (:func:`newsgraph.quotes.quoted_spans`) or is one; how often its lemma, its head's and the
nearest governing word's are a cue in PolNeAR train (a lexicon learned with the weights) and by
which dependency the token hangs below that word; and what the quote rules found there (inside a
direct or a reported quote, a cue, the speaker: :func:`newsgraph.quotes.rule_features`). A Maxout
layer and three convolutional layers (each looking one token left and right) mix them; a
bidirectional LSTM reads each paragraph whole, so a token knows where its clause and its
sentence go (a content span ends where the reported clause ends, not three tokens on); a softmax
gives the seven tags, decoded
(Viterbi, with tag-to-tag scores learned from the training tags: :func:`decode`) into well-formed
spans; :func:`attributions` puts each content with its cue and source. Trained on PolNeAR train
by ``scripts/train_attribution.py``; the weights (``data/attribution/``, 0.4 MB) are shipped with
the package. Its time is counted in :attr:`Tagger.seconds` (``newsgraph bench``: goal ≤ 5 % of the
pipeline's time).
"""

from __future__ import annotations

import json
import time
from bisect import bisect_left
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from . import sequence
from .analyse import doc_text

LABELS = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT")
ROLES = ("SOURCE", "CUE", "CONTENT")
POS = "ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X SPACE".split()
DEPS = (
    "ROOT acl acomp advcl advmod agent amod appos attr aux auxpass case cc ccomp compound conj csubj csubjpass "
    "dative dep det dobj expl intj mark meta neg nmod npadvmod nsubj nsubjpass nummod oprd parataxis pcomp pobj "
    "poss preconj predet prep prt punct quantmod relcl xcomp"
).split()
ENTS = "PERSON ORG GPE NORP LOC FAC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE DATE TIME PERCENT MONEY QUANTITY ORDINAL CARDINAL".split()
# the dependency by which a token hangs below its governing cue word (other relations: "other")
PATH_DEPS = ("nsubj", "nsubjpass", "ccomp", "xcomp", "dobj", "prep", "advcl", "parataxis", "conj", "punct", "agent", "dative")
SCORE_BINS = (0.02, 0.08, 0.2, 0.4, 0.65)
GOVERNOR = 0.08  # a word whose lemma is a cue this often (or more) governs the tokens below it
OPENING = frozenset("\"“‘'«‹„")
CLOSING = frozenset("\"”’'»›")

RULE_FEATURES = 5  # per token, what the quote rules found (:func:`newsgraph.quotes.rule_features`)
WIDTH = RULE_FEATURES + 96 + len(POS) + len(DEPS) + len(ENTS) + 3 * (len(SCORE_BINS) + 2) + len(PATH_DEPS) + 1 + 8
_AFTER_BREAK = WIDTH - RULE_FEATURES - 2  # the column saying a token starts a line (the text's first one does)


@dataclass(slots=True)
class Tagged:
    """One span the tagger found: token indices [start, end) of its Doc, role, mean tag probability."""

    role: str
    start: int
    end: int
    confidence: float


def _bins(values: np.ndarray) -> np.ndarray:
    """Per value: a one-hot over :data:`SCORE_BINS` and the value itself."""
    out = np.zeros((len(values), len(SCORE_BINS) + 2), dtype="float32")
    out[np.arange(len(values)), np.searchsorted(SCORE_BINS, values, side="right")] = 1.0
    out[:, -1] = values
    return out


@lru_cache(maxsize=8)
def _columns(strings) -> tuple[dict[int, int], dict[int, int], dict[int, int], frozenset[int], frozenset[int]]:
    """Hash → column of the dependency labels, entity types and path relations; the hashes of
    opening and closing quotation marks (per StringStore: hashes are the same in every one)."""

    def key(text: str) -> int:
        return strings.add(text)

    return (
        {key(d): i for i, d in enumerate(DEPS)},
        {key(e): i for i, e in enumerate(ENTS)},
        {key(d): i for i, d in enumerate(PATH_DEPS)},
        frozenset(key(c) for c in OPENING),
        frozenset(key(c) for c in CLOSING),
    )


@lru_cache(maxsize=1)
def _pos_ids() -> dict[int, int]:
    """spaCy's part-of-speech symbol id → column."""
    from spacy.parts_of_speech import IDS

    return {IDS[p]: i for i, p in enumerate(POS) if p in IDS}


def _lookup(values: np.ndarray, table: dict[int, int], default: int = -1) -> np.ndarray:
    kinds, of = np.unique(values, return_inverse=True)  # each distinct value looked up once
    return np.array([table.get(v, default) for v in kinds.tolist()], dtype=np.int64)[of.ravel()]


def features(doc: Doc, lexicon: dict[str, float], rules: np.ndarray | None = None, marks: list[tuple[int, int]] | None = None) -> np.ndarray:
    """The tagger's input for ``doc``: one row of :data:`WIDTH` float32 values per token; ``rules``:
    what the quote rules found, :data:`RULE_FEATURES` values per token (none found: zeros);
    ``marks``: the stretches between quotation marks (default: :func:`newsgraph.quotes.quoted_spans`)."""
    from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, ORTH, SENT_START
    from spacy.attrs import POS as POS_ATTR

    from .quotes import quoted_spans

    n = len(doc)
    out = np.zeros((n, WIDTH), dtype="float32")
    if n == 0:
        return out
    rows = np.arange(n)
    if doc.tensor is not None and doc.tensor.shape == (n, 96):
        out[:, :96] = doc.tensor
    if rules is not None:
        out[:, WIDTH - RULE_FEATURES :] = rules
    deps, ents, paths, opening, closing = _columns(doc.vocab.strings)
    arr = doc.to_array([DEP, ENT_TYPE, ORTH, LEMMA, POS_ATTR, HEAD, IDX, IS_PUNCT, SENT_START, IS_SPACE])  # uint64: hashes
    dep, ent, orth, lemma, pos_ = arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3], arr[:, 4]
    head, idx, punct, sent, space = (arr[:, 5:].astype(np.int64)).T  # HEAD relative, SENT_START -1/0/1: two's complement
    head = rows + head
    base_pos = 96
    base_dep = base_pos + len(POS)
    base_ent = base_dep + len(DEPS)
    base_lex = base_ent + len(ENTS)
    width_lex = len(SCORE_BINS) + 2
    base_path = base_lex + 3 * width_lex
    base_quote = base_path + len(PATH_DEPS) + 1
    out[rows, base_pos + _lookup(pos_, _pos_ids(), len(POS) - 2)] = 1.0
    for base, col in ((base_dep, _lookup(dep, deps)), (base_ent, _lookup(ent, ents))):
        known = col >= 0
        out[rows[known], base + col[known]] = 1.0
    kinds, of = np.unique(lemma, return_inverse=True)  # each distinct lemma looked up once
    score = np.array([lexicon.get(doc.vocab.strings[h].lower(), 0.0) for h in kinds.tolist()])[of.ravel()]
    out[:, base_lex : base_lex + width_lex] = _bins(score)
    out[:, base_lex + width_lex : base_lex + 2 * width_lex] = _bins(np.where(head != rows, score[head], 0.0))
    # the nearest word above that is often a cue (its governor), and the relation the path leaves it by
    child, up = rows.copy(), head.copy()
    governor = np.full(n, -1)
    active = up != child
    while active.any():
        hit = active & (score[up] >= GOVERNOR)
        governor[hit], active = np.where(hit, up, governor)[hit], active & ~hit
        above = head[up]
        active &= above != up
        child, up = np.where(active, up, child), np.where(active, above, up)
    governed = governor >= 0
    out[governed, base_lex + 2 * width_lex : base_lex + 3 * width_lex] = _bins(score[governor[governed]])
    path = _lookup(dep[child], paths, len(PATH_DEPS))
    out[rows[governed], base_path + path[governed]] = 1.0
    quoted = quoted_spans(doc_text(doc)) if marks is None else marks
    if quoted:
        starts, ends = np.array(quoted).T
        k = np.searchsorted(starts, idx, side="right") - 1
        inside = (k >= 0) & (idx < ends[np.maximum(k, 0)])
    else:
        inside = np.zeros(n, dtype=bool)
    after = np.append(inside[1:], False)
    before = np.insert(inside[:-1], 0, False)
    newline = _newlines(doc, orth, space == 1)
    out[:, base_quote] = inside
    out[:, base_quote + 1] = governed & (rows < governor)
    out[:, base_quote + 2] = np.isin(orth, list(opening)) & ~inside & after
    out[:, base_quote + 3] = np.isin(orth, list(closing)) & ~inside & before
    out[:, base_quote + 4] = sent == 1
    out[:, base_quote + 5] = np.append(sent[1:] == 1, True)
    out[:, _AFTER_BREAK] = np.insert(newline[:-1], 0, True)
    out[:, base_quote + 7] = punct == 1
    return out


def build_model(width: int = 48, depth: int = 3, pieces: int = 2, lstm: int = 0, lstm_depth: int = 1, dropout: float = 0.1):
    """The tagger's network: Maxout → ``depth`` residual window-1 Maxout layers → (when ``lstm``)
    ``lstm_depth`` bidirectional LSTM layers of ``lstm`` units each way → softmax over :data:`LABELS`;
    ``dropout``: the share of each layer's outputs dropped in training."""
    from thinc.api import LSTM, Maxout, Softmax, chain, clone, expand_window, residual, with_array, with_padded

    layers = [Maxout(width, WIDTH, nP=pieces, normalize=True, dropout=dropout)]
    if depth:
        layers.append(clone(residual(chain(expand_window(window_size=1), Maxout(width, width * 3, nP=pieces, normalize=True, dropout=dropout))), depth))
    if not lstm:
        return with_array(chain(*layers, Softmax(len(LABELS), width)))
    return chain(with_array(chain(*layers)), with_padded(LSTM(2 * lstm, width, bi=True, depth=lstm_depth, dropout=dropout)), with_array(Softmax(len(LABELS), 2 * lstm)))


_INSIDE = sequence.inside(LABELS)


def transitions(sequences: list[list[str]], weight: float = 0.5) -> np.ndarray:
    """log P(next tag | tag) from tag sequences (:func:`newsgraph.sequence.transitions`)."""
    index = {label: i for i, label in enumerate(LABELS)}
    return sequence.transitions(LABELS, [[index[t] for t in tags] for tags in sequences], weight)


def decode(probs: np.ndarray, trans: np.ndarray) -> list[int]:
    """The best well-formed tag sequence (:func:`newsgraph.sequence.decode`)."""
    return sequence.decode(probs, trans, _INSIDE)


def spans(tags: list[int], probs: np.ndarray) -> list[Tagged]:
    """Tag ids (well formed) → :class:`Tagged` spans with their mean tag probability."""
    total = np.concatenate([[0.0], np.cumsum(probs[np.arange(len(tags)), tags])]) if tags else np.zeros(1)
    return [Tagged(role, start, end, float((total[end] - total[start]) / (end - start))) for start, end, role in sequence.spans(tags, LABELS)]


def iob(length: int, tagged: list[Tagged], blank: Collection[int] = ()) -> list[str]:
    """Spans → one IOB tag per token of a document of ``length`` tokens ("B-CUE", "I-CUE", "O", ...);
    the tokens of ``blank`` (whitespace, which the gold tags leave O: :func:`newsgraph.evaluate.quote_spans.token_tags`)
    stay O, the span going on after one with a B- tag."""
    tags = ["O"] * length
    for t in tagged:
        first = True
        for i in range(t.start, t.end):
            if i in blank:
                first = True
                continue
            tags[i] = f"{'B' if first else 'I'}-{t.role}"
            first = False
    return tags


class Network:
    """The forward pass of a trained :func:`build_model` network (Maxout layers, one bidirectional
    LSTM layer, softmax) in plain numpy, for many documents at once: the same probabilities as
    thinc's ``predict`` (to about 1e-6), in less than half its time here (numpy's BLAS multiplies
    these small matrices faster than thinc's blis kernels, and one LSTM pass runs over the
    paragraphs of every document together, the longest first, so that each step is one batch)."""

    def __init__(self, model) -> None:
        nodes = list(model.walk())
        maxouts = [n for n in nodes if n.name == "maxout"]
        norms = [n for n in nodes if n.name == "layernorm"]
        self.layers = []
        for maxout, norm in zip(maxouts, norms):
            W, b = maxout.get_param("W"), maxout.get_param("b")  # (out, pieces, in), (out, pieces)
            n_out, pieces, n_in = W.shape
            weights = np.ascontiguousarray(W.transpose(1, 0, 2).reshape(pieces * n_out, n_in).T)  # piece by piece
            self.layers.append((weights, np.ascontiguousarray(b.T).reshape(-1), n_out, norm.get_param("G"), norm.get_param("b")))
        lstm = next(n for n in nodes if n.name == "lstm")
        softmax = next(n for n in nodes if n.name == "softmax")
        self.softmax = (np.ascontiguousarray(softmax.get_param("W").T), softmax.get_param("b"))
        params, hc0 = lstm.get_param("LSTM"), lstm.get_param("HC0")  # thinc's layout: per direction Wx, bx, Wh, bh
        self.hidden = width = hc0.shape[-1]
        n_in, at = self.layers[-1][2], 0
        wx, wh, bias = [], [], []
        for _ in range(2):
            wx.append(params[at : at + 4 * width * n_in].reshape(4 * width, n_in))
            at += 4 * width * n_in
            bias.append(params[at : at + 4 * width].copy())
            at += 4 * width
            wh.append(params[at : at + 4 * width * width].reshape(4 * width, width).T)
            at += 4 * width * width
            bias[-1] += params[at : at + 4 * width]
            at += 4 * width
        # the candidate's tanh(g) is 2·sigmoid(2g) - 1: its weights doubled, one exp serves all four gates
        double = np.ones(4 * width, dtype=np.float32)
        double[3 * width :] = 2.0
        self.wx = np.ascontiguousarray(np.concatenate([w * double[:, None] for w in wx]).T)  # in × (2 directions × 4 gates × width): f, i, o, c
        self.bias = np.concatenate([b * double for b in bias])
        self.wh = np.stack([w * double for w in wh])  # directions × width × 4 gates
        self.h0, self.c0 = hc0[0, 0], hc0[1, 0]  # directions × width

    @classmethod
    def of(cls, model) -> Network | None:
        """The numpy pass of ``model``, or None when it is not of the kind this class computes (one
        bidirectional LSTM layer, Maxout layers of two pieces)."""
        nodes = list(model.walk())
        lstms = [n for n in nodes if n.name == "lstm"]
        if len(lstms) != 1 or lstms[0].get_param("HC0").shape[1:3] != (1, 2):
            return None
        if any(n.get_param("W").shape[1] != 2 for n in nodes if n.name == "maxout"):
            return None
        return cls(model)

    @staticmethod
    def _maxout(x: np.ndarray, weights, bias, n_out: int, gain, shift) -> np.ndarray:
        y = x @ weights
        y += bias
        y = np.maximum(y[:, :n_out], y[:, n_out:])
        y -= y.mean(axis=1, keepdims=True)
        y /= np.sqrt((y * y).mean(axis=1, keepdims=True) + 1e-08)  # thinc's LayerNorm
        y *= gain
        y += shift
        return y

    def __call__(self, rows: list[np.ndarray], cuts: list[list[int]]) -> list[np.ndarray]:
        """Per document (its :func:`features` rows and its LSTM sequences' starts), the tag probabilities."""
        sizes = [len(r) for r in rows]
        x = np.concatenate(rows)
        if not len(x):
            return [np.zeros((0, len(LABELS)), dtype="float32") for _ in rows]
        offsets = np.cumsum([0, *sizes])
        first, *rest = self.layers
        h = self._maxout(x, *first)
        filled = np.array(sizes) > 0
        starts, ends = offsets[:-1][filled], offsets[1:][filled] - 1
        for layer in rest:  # a window of one token each side, within each document
            before, after = np.roll(h, 1, axis=0), np.roll(h, -1, axis=0)
            before[starts] = 0.0
            after[ends] = 0.0
            h = h + self._maxout(np.concatenate([before, h, after], axis=1), *layer)
        # the sequences (paragraphs), the longest first: at step t the first size[t] of them are running
        bounds = np.unique(np.concatenate([offsets, *[o + np.asarray(c, dtype=np.int64) for o, c in zip(offsets, cuts)]]))
        lengths = np.diff(bounds)
        order = np.argsort(-lengths, kind="stable")
        lengths, begin, end = lengths[order], bounds[:-1][order], bounds[1:][order]
        width, count, longest = self.hidden, len(lengths), int(lengths[0])
        steps = np.arange(longest)[:, None]
        running = steps < lengths[None, :]  # step × sequence
        size = running.sum(axis=1)
        at = np.concatenate([[0], np.cumsum(size)])  # where each step's rows start in the packed arrays
        forward = np.where(running, begin + steps, 0)[running]  # packed: the tokens of step 0, of step 1, ...
        backward = np.where(running, end - 1 - steps, 0)[running]
        projected = -(h @ self.wx + self.bias)  # negated: the loop takes exp(-g)
        gates = np.stack([projected[forward, : 4 * width], projected[backward, 4 * width :]])  # direction × packed × 4 width
        state = np.repeat(self.h0[:, None, :], count, axis=1)
        cell = np.repeat(self.c0[:, None, :], count, axis=1)
        out = np.empty((2, len(forward), width), dtype=np.float32)
        for t in range(longest):
            n, rows = size[t], slice(at[t], at[t + 1])
            g = gates[:, rows] - np.matmul(state[:, :n], self.wh)
            np.exp(g, out=g)
            g += 1.0
            np.reciprocal(g, out=g)  # sigmoid of the forget, input and output gates and of twice the candidate
            c = g[..., :width] * cell[:, :n] + g[..., width : 2 * width] * (2.0 * g[..., 3 * width :] - 1.0)
            cell[:, :n] = c
            c = np.exp(-2.0 * c)
            c += 1.0
            np.divide(2.0, c, out=c)
            c -= 1.0  # tanh
            state[:, :n] = out[:, rows] = c * g[..., 2 * width : 3 * width]
        lstm = np.empty((len(h), 2 * width), dtype=np.float32)
        lstm[forward, :width] = out[0]
        lstm[backward, width:] = out[1]
        weights, bias = self.softmax
        z = lstm @ weights + bias
        z -= z.max(axis=1, keepdims=True)
        np.exp(z, out=z)
        z /= z.sum(axis=1, keepdims=True)
        return np.split(z, offsets[1:-1])


class Tagger:
    """The trained tagger: a network and the cue lexicon it was trained with."""

    seconds = 0.0  # time spent here, for `newsgraph bench`

    def __init__(self, model, lexicon: dict[str, float], trans: np.ndarray, by_paragraph: bool = False, network: Network | None = None):
        self.model = model
        self.lexicon = lexicon
        self.trans = trans
        self.by_paragraph = by_paragraph  # the network reads each paragraph on its own (its LSTM's sequences)
        self.network = network  # the shipped model's numpy pass (training predicts with thinc: its weights change)

    @classmethod
    def from_dir(cls, path: Path) -> Tagger:
        meta = json.loads((path / "meta.json").read_text("utf-8"))
        model = build_model(meta["width"], meta["depth"], meta["pieces"], meta.get("lstm", 0), meta.get("lstm_depth", 1))
        model.initialize()
        model.from_bytes((path / "model.bin").read_bytes())
        return cls(model, meta["lexicon"], np.array(meta["transitions"]), meta.get("by_paragraph", False), Network.of(model))

    def probabilities(self, docs: list[Doc], rules: list[np.ndarray | None] | None = None, marks: list | None = None) -> list[np.ndarray]:
        """Per document, the probability of each tag for each token."""
        feats = [features(doc, self.lexicon, r, m) for doc, r, m in zip(docs, rules or [None] * len(docs), marks or [None] * len(docs))]
        cuts = [paragraph_cuts(f) if self.by_paragraph else [] for f in feats]
        if self.network is not None:
            with sequence.one_blas_thread():
                return self.network(feats, cuts)
        pieces = [p for f, c in zip(feats, cuts) for p in np.split(f, c) if len(p)]
        predicted = iter(self.model.predict(pieces) if pieces else [])
        return [
            np.concatenate([next(predicted) for p in np.split(f, c) if len(p)]) if len(f) else np.zeros((0, len(LABELS)), dtype="float32")
            for f, c in zip(feats, cuts)
        ]

    def __call__(self, doc: Doc, rules: np.ndarray | None = None, marks: list[tuple[int, int]] | None = None) -> tuple[list[Tagged], np.ndarray]:
        """The spans of ``doc`` and the per-token tag probabilities they were read from."""
        return self.tag_all([doc], [rules], [marks])[0]

    def tag_all(self, docs: list[Doc], rules: list[np.ndarray | None], marks: list) -> list[tuple[list[Tagged], np.ndarray]]:
        """:meth:`__call__` for many documents at once (one pass of the network: faster than one by one)."""
        started = time.perf_counter()
        try:
            probs = self.probabilities(docs, rules, marks)
            return [(spans(tags, p), p) for tags, p in zip(sequence.decode_all(probs, self.trans, _INSIDE), probs)]
        finally:
            Tagger.seconds += time.perf_counter() - started


@lru_cache(maxsize=1)
def tagger() -> Tagger:
    """The shipped tagger (``newsgraph/data/attribution``), loaded once per process."""
    return Tagger.from_dir(Path(str(resources.files("newsgraph").joinpath("data/attribution"))))


def tag(doc: Doc, rules: np.ndarray | None = None) -> list[Tagged]:
    """Source, cue and content spans of ``doc`` (token indices), by the shipped tagger."""
    return tagger()(doc, rules)[0]


_B_CONTENT, _I_CONTENT = LABELS.index("B-CONTENT"), LABELS.index("I-CONTENT")


def content_probability(probs: np.ndarray, start: int, end: int) -> float:
    """The mean probability, over tokens [start, end), that a token is attributed content."""
    if end <= start:
        return 0.0
    return float((probs[start:end, _B_CONTENT] + probs[start:end, _I_CONTENT]).mean())


@dataclass(slots=True)
class Attribution:
    """Tagged spans put together: the content fragments one cue introduces, and its source."""

    content: list[Tagged]
    cue: Tagged | None
    source: Tagged | None

    @property
    def confidence(self) -> float:
        parts = [*self.content, *(s for s in (self.cue, self.source) if s is not None)]
        return min(p.confidence for p in parts)


def _newlines(doc: Doc, orth: np.ndarray, space: np.ndarray) -> np.ndarray:
    """Per token, whether its text holds a line break: only whitespace tokens (``space``) can; each
    distinct one looked up once."""
    out = np.zeros(len(orth), dtype=bool)
    at = np.flatnonzero(space)
    kinds, of = np.unique(orth[at], return_inverse=True)
    out[at] = np.array(["\n" in doc.vocab.strings[int(h)] for h in kinds], dtype=bool)[of.ravel()]
    return out


def _breaks(doc: Doc) -> tuple[list[int], list[int]]:
    """Per token, the number of its paragraph (lines count: a break after a line) and of its sentence."""
    from spacy.attrs import IS_SPACE, ORTH, SENT_START

    arr = doc.to_array([ORTH, SENT_START, IS_SPACE])
    newline = _newlines(doc, arr[:, 0], arr[:, 2] == 1)
    paragraph = np.concatenate([[0], np.cumsum(newline[:-1])])
    starts = arr[:, 1].astype(np.int64) == 1
    starts[0] = False
    return paragraph.tolist(), np.cumsum(starts).tolist()


def paragraph_cuts(rows: np.ndarray) -> list[int]:
    """The token indices where a new paragraph (or line) begins, the first excepted, read from a
    document's :func:`features` (the line-break column they already hold)."""
    return (np.flatnonzero(rows[1:, _AFTER_BREAK]) + 1).tolist()


def _gap(span: Tagged, other: Tagged) -> int:
    """Tokens between two spans (0 where they touch or overlap)."""
    return max(other.start - span.end, span.start - other.end, 0)


def nearest_source(cue: Tagged, sources: list[Tagged]) -> Tagged | None:
    """Of the tagged ``sources`` (those of the cue's sentence), the one nearest ``cue``."""
    return min(sources, key=lambda s: _gap(cue, s)) if sources else None


def attributions(doc: Doc, tagged: list[Tagged]) -> list[Attribution]:
    """Group the tagger's spans: each content span goes to the nearest cue of its paragraph that no
    other content span stands between, else to a cue that closes the paragraph before with a colon
    ("The governor added:" ¶ "It is typical …"; a content with neither continues the attribution of
    the content just before it, in the paragraph before or its own: the quote that runs on); each
    cue takes the nearest source of its sentence. Cues that introduce no content are dropped."""
    if not tagged:
        return []
    paragraph, sentence = _breaks(doc)
    cues: dict[int, list[Tagged]] = {}  # by paragraph
    for t in tagged:
        if t.role == "CUE":
            cues.setdefault(paragraph[t.start], []).append(t)
    sources = [t for t in tagged if t.role == "SOURCE"]
    contents = [t for t in tagged if t.role == "CONTENT"]
    starts = [c.start for c in contents]

    def between(a: int, b: int, this: Tagged) -> bool:  # another content span lies between tokens a and b
        lo, hi = min(a, b), max(a, b)
        for c in contents[bisect_left(starts, lo) :]:
            if c.start >= hi:
                return False
            if c is not this and c.end <= hi:
                return True
        return False

    def introducing(p: int) -> list[Tagged]:  # the cue that ends paragraph p with a colon ("The Times reports:" ¶ "…")
        last = max(cues.get(p, ()), key=lambda c: c.start, default=None)
        if last is None:
            return []
        end = last.end
        while end < len(doc) and paragraph[end] == p and (doc[end].is_punct or doc[end].is_space):
            end += 1
        closes = end == len(doc) or paragraph[end] != p
        return [last] if closes and any(t.text == ":" for t in doc[last.end - 1 : end]) else []

    groups: dict[int, Attribution] = {}
    last: Attribution | None = None
    out: list[Attribution] = []
    for content in contents:
        near = [
            c
            for p in {paragraph[content.start], paragraph[content.end - 1]}
            for c in cues.get(p, ())
            if not between(c.start, content.start if c.start < content.start else content.end, content)
        ]
        if not near:
            near = introducing(paragraph[content.start] - 1)
        if near:
            cue = min(near, key=lambda c: (_gap(content, c), c.start))
            group = groups.get(id(cue))
            if group is None:
                source = nearest_source(cue, [s for s in sources if sentence[s.start] == sentence[cue.start]])
                group = groups[id(cue)] = Attribution([], cue, source)
                out.append(group)
            group.content.append(content)
            last = group
        elif last is not None and paragraph[content.start] - paragraph[last.content[-1].end - 1] <= 1:
            last.content.append(content)  # the quote runs on
        else:
            last = Attribution([content], None, None)
            out.append(last)
    return out
