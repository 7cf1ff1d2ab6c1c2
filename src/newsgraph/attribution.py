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
    from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, LEMMA, ORTH, SENT_START
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
    arr = doc.to_array([DEP, ENT_TYPE, ORTH, LEMMA, POS_ATTR, HEAD, IDX, IS_PUNCT, SENT_START])  # uint64: hashes
    dep, ent, orth, lemma, pos_ = arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3], arr[:, 4]
    head, idx, punct, sent = (arr[:, 5:].astype(np.int64)).T  # HEAD relative, SENT_START -1/0/1: two's complement
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
    score = np.array([lexicon.get(doc.vocab.strings[int(h)].lower(), 0.0) for h in kinds])[of.ravel()]
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
    newline = _newlines(doc, orth)
    out[:, base_quote] = inside
    out[:, base_quote + 1] = governed & (rows < governor)
    out[:, base_quote + 2] = np.isin(orth, list(opening)) & ~inside & after
    out[:, base_quote + 3] = np.isin(orth, list(closing)) & ~inside & before
    out[:, base_quote + 4] = sent == 1
    out[:, base_quote + 5] = np.append(sent[1:] == 1, True)
    out[:, _AFTER_BREAK] = np.insert(newline[:-1], 0, True)
    out[:, base_quote + 7] = punct == 1
    return out


def build_model(width: int = 48, depth: int = 3, pieces: int = 2, lstm: int = 0, lstm_depth: int = 1):
    """The tagger's network: Maxout → ``depth`` residual window-1 Maxout layers → (when ``lstm``)
    ``lstm_depth`` bidirectional LSTM layers of ``lstm`` units each way → softmax over :data:`LABELS`."""
    from thinc.api import LSTM, Maxout, Softmax, chain, clone, expand_window, residual, with_array, with_padded

    layers = [Maxout(width, WIDTH, nP=pieces, normalize=True, dropout=0.1)]
    if depth:
        layers.append(clone(residual(chain(expand_window(window_size=1), Maxout(width, width * 3, nP=pieces, normalize=True, dropout=0.1))), depth))
    if not lstm:
        return with_array(chain(*layers, Softmax(len(LABELS), width)))
    return chain(with_array(chain(*layers)), with_padded(LSTM(2 * lstm, width, bi=True, depth=lstm_depth, dropout=0.1)), with_array(Softmax(len(LABELS), 2 * lstm)))


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


def iob(length: int, tagged: list[Tagged]) -> list[str]:
    """Spans → one IOB tag per token of a document of ``length`` tokens ("B-CUE", "I-CUE", "O", ...)."""
    tags = ["O"] * length
    for t in tagged:
        for i in range(t.start, t.end):
            tags[i] = f"{'B' if i == t.start else 'I'}-{t.role}"
    return tags


class Tagger:
    """The trained tagger: a network and the cue lexicon it was trained with."""

    seconds = 0.0  # time spent here, for `newsgraph bench`

    def __init__(self, model, lexicon: dict[str, float], trans: np.ndarray, by_paragraph: bool = False):
        self.model = model
        self.lexicon = lexicon
        self.trans = trans
        self.by_paragraph = by_paragraph  # the network reads each paragraph on its own (its LSTM's sequences)

    @classmethod
    def from_dir(cls, path: Path) -> Tagger:
        meta = json.loads((path / "meta.json").read_text("utf-8"))
        model = build_model(meta["width"], meta["depth"], meta["pieces"], meta.get("lstm", 0), meta.get("lstm_depth", 1))
        model.initialize()
        model.from_bytes((path / "model.bin").read_bytes())
        return cls(model, meta["lexicon"], np.array(meta["transitions"]), meta.get("by_paragraph", False))

    def probabilities(self, docs: list[Doc], rules: list[np.ndarray | None] | None = None, marks: list | None = None) -> list[np.ndarray]:
        """Per document, the probability of each tag for each token."""
        feats = [features(doc, self.lexicon, r, m) for doc, r, m in zip(docs, rules or [None] * len(docs), marks or [None] * len(docs))]
        cuts = [paragraph_cuts(f) if self.by_paragraph else [] for f in feats]
        pieces = [p for f, c in zip(feats, cuts) for p in np.split(f, c) if len(p)]
        predicted = iter(self.model.predict(pieces) if pieces else [])
        return [
            np.concatenate([next(predicted) for p in np.split(f, c) if len(p)]) if len(f) else np.zeros((0, len(LABELS)), dtype="float32")
            for f, c in zip(feats, cuts)
        ]

    def __call__(self, doc: Doc, rules: np.ndarray | None = None, marks: list[tuple[int, int]] | None = None) -> tuple[list[Tagged], np.ndarray]:
        """The spans of ``doc`` and the per-token tag probabilities they were read from."""
        started = time.perf_counter()
        try:
            probs = self.probabilities([doc], [rules], [marks])[0]
            return spans(decode(probs, self.trans), probs), probs
        finally:
            Tagger.seconds += time.perf_counter() - started


@lru_cache(maxsize=1)
def tagger() -> Tagger:
    """The shipped tagger (``newsgraph/data/attribution``), loaded once per process."""
    return Tagger.from_dir(Path(str(resources.files("newsgraph").joinpath("data/attribution"))))


def tag(doc: Doc, rules: np.ndarray | None = None) -> list[Tagged]:
    """Source, cue and content spans of ``doc`` (token indices), by the shipped tagger."""
    return tagger()(doc, rules)[0]


def content_probability(probs: np.ndarray, start: int, end: int) -> float:
    """The mean probability, over tokens [start, end), that a token is attributed content."""
    if end <= start:
        return 0.0
    return float(probs[start:end, [LABELS.index("B-CONTENT"), LABELS.index("I-CONTENT")]].sum(1).mean())


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


def _newlines(doc: Doc, orth: np.ndarray) -> np.ndarray:
    """Per token, whether its text holds a line break (whitespace tokens do), looked up once per distinct text."""
    kinds, of = np.unique(orth, return_inverse=True)
    return np.array(["\n" in doc.vocab.strings[int(h)] for h in kinds])[of.ravel()]


def _breaks(doc: Doc) -> tuple[list[int], list[int]]:
    """Per token, the number of its paragraph (lines count: a break after a line) and of its sentence."""
    from spacy.attrs import ORTH, SENT_START

    arr = doc.to_array([ORTH, SENT_START])
    newline = _newlines(doc, arr[:, 0])
    paragraph = np.concatenate([[0], np.cumsum(newline[:-1])])
    starts = arr[:, 1].astype(np.int64) == 1
    starts[0] = False
    return paragraph.tolist(), np.cumsum(starts).tolist()


def paragraph_cuts(rows: np.ndarray) -> list[int]:
    """The token indices where a new paragraph (or line) begins, the first excepted, read from a
    document's :func:`features` (the line-break column they already hold)."""
    return (np.flatnonzero(rows[1:, _AFTER_BREAK]) + 1).tolist()


def attributions(doc: Doc, tagged: list[Tagged]) -> list[Attribution]:
    """Group the tagger's spans: each content span goes to the nearest cue of its paragraph that no
    other content span stands between (a content with none continues the attribution of the
    content just before it, in the paragraph before or its own: the quote that runs on); each cue
    takes the nearest source of its sentence. Cues that introduce no content are dropped."""
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

    def gap(span: Tagged, other: Tagged) -> int:
        return max(other.start - span.end, span.start - other.end, 0)

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
        if near:
            cue = min(near, key=lambda c: (gap(content, c), c.start))
            group = groups.get(id(cue))
            if group is None:
                in_sentence = [s for s in sources if sentence[s.start] == sentence[cue.start]]
                source = min(in_sentence, key=lambda s: gap(cue, s)) if in_sentence else None
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
