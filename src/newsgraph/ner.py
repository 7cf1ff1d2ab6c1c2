"""Stage 3, analyse (continued): a news NER head on en_core_web_sm's own NER features.

en_core_web_sm is trained on OntoNotes and scores about 0.65 exact-span F1 on CoNLL news
(``newsgraph eval ner``). :func:`add_news_ner` puts a small tagger next to its ``ner``: one IOB
tag per token over PER/ORG/LOC/MISC, trained on CoNLL++ train (``scripts/ner_conll``), that reads
the very token vectors sm's ``ner`` computes. The tok2vec inside sm's ``ner`` is lifted out into a
component ``ner_tok2vec`` that both listen to, so it still runs once; sm's own entities, tags and
parses stay exactly as in the plain model. The tagger writes ``doc.spans["newsgraph_ner"]``;
the entity stage (:mod:`newsgraph.entities`) takes it as evidence next to ``doc.ents``.

The tagger's weights fit one set of features: it is added only when the loaded model's NER
tok2vec is the one it was trained on (checked by a fingerprint), so other models run as they are.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.pipeline.tagger import Tagger
from spacy.tokens import Doc, Span

from . import sequence

NAME = "newsgraph_ner"  # the tagger component; doc.spans key it writes
TOK2VEC = "ner_tok2vec"  # sm's NER tok2vec, lifted out
_SAVED_TENSOR = "newsgraph.tensor"

# the tagger's model: [sm NER features (96) ; own hash embedding (48)] → Maxout 96 → one CNN layer
MODEL_CONFIG = {
    "@architectures": "spacy.Tagger.v2",
    "nO": None,
    "normalize": False,
    "tok2vec": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {
            "@layers": "chain.v1",
            "*": {
                "concat": {
                    "@layers": "concatenate.v1",
                    "*": {
                        "listener": {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": TOK2VEC},
                        "hash": {
                            "@architectures": "spacy.MultiHashEmbed.v2",
                            "width": 48,
                            "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                            "rows": [5000, 1000, 2500, 2500],
                            "include_static_vectors": False,
                        },
                    },
                },
                "mix": {"@layers": "with_array.v1", "layer": {"@layers": "Maxout.v1", "nO": 96, "nP": 3, "normalize": True}},
            },
        },
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 96, "depth": 1, "window_size": 1, "maxout_pieces": 3},
    },
}


def iob_spans(doc: Doc, tags: list[str]) -> list[Span]:
    """IOB tags → labelled spans. B- opens an entity; I- continues the open one even when its
    label differs (the entity takes the majority label of its tokens, ties → its first token's);
    an I- with nothing open opens one. A B-PER one space after a person's name that begins with a known
    given name continues it: no name in CoNLL++ train's gold follows another so (0 of its 23,499
    entities), and the tagger splits names so ("Anne-Sophie" and "Delorme"; not "Brightwater" and "Holt")."""
    from .entities import given_names

    spans: list[Span] = []
    start, labels = -1, []

    def close(end: int) -> None:
        if labels.count(labels[0]) == len(labels):  # one label throughout, as nearly always
            label = labels[0]
        else:
            count = Counter(labels)
            label = max(count, key=lambda lab: (count[lab], lab == labels[0]))
        spans.append(Span(doc, start, end, label=label))

    # most tokens are O, and an O only closes the open entity: the loop visits the other tags, an O
    # stands wherever one index does not follow the one before (and at the end)
    previous = -1
    for i in [i for i, tag in enumerate(tags) if tag != "O"]:
        if labels and i > previous + 1:
            close(previous + 1)
            labels = []
        previous = i
        kind, _, label = tags[i].partition("-")
        if kind == "B" and label == "PER" and labels and labels[-1] == "PER" and doc[i - 1].whitespace_ == " " and doc[start].lower_ in given_names():
            kind = "I"
        if labels and kind != "I":
            close(i)
            labels = []
        if kind == "B" or (kind == "I" and not labels):
            start, labels = i, [label]
        elif kind == "I":
            labels.append(label)
    if labels:
        close(previous + 1)
    return spans


FEW_ROWS = 64  # fewer distinct rows of embeddings than this: the embeddings of every token (a product of a few rows
# is computed otherwise than one of many: sequence.by_blocks)


def _distinct_rows(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of ``ids`` (tokens × columns) and each token's row among them: each column's values
    numbered, then pairs of columns' numbers, so the keys stay small."""
    codes = []
    for column in ids.T:
        kinds, of = np.unique(column, return_inverse=True)
        codes.append((of.ravel().astype(np.int64), len(kinds)))
    while len(codes) > 1:
        (a, na), (b, nb), *rest = codes
        kinds, of = np.unique(a * nb + b, return_inverse=True)
        codes = [*rest, (of.ravel(), len(kinds))]
    _, first, of = np.unique(codes[0][0], return_index=True, return_inverse=True)
    return ids[first], of.ravel()


class NewsNetwork:
    """The tagger's forward pass (:data:`MODEL_CONFIG`) in numpy over a batch of docs, the same float32
    operations as thinc's in the same order, read from the model's layers at each call: the hash
    embeddings' branch, a function of each token's NORM, PREFIX, SUFFIX and SHAPE alone, runs once per
    distinct row of them in the batch (a third of the tokens or fewer) rather than once per token."""

    def __init__(self, model) -> None:
        nodes = list(model.walk())
        self.columns = next(n for n in nodes if n.name == "extract_features").attrs["columns"]
        self.embeds = [n for n in nodes if n.name == "hashembed"]  # in column order (MultiHashEmbed's)
        norm_of = {id(n.layers[0]): n.layers[1] for n in nodes if n.name.startswith("maxout>>layernorm")}
        by_width = {n.get_dim("nI"): (n, norm_of[id(n)]) for n in nodes if n.name == "maxout"}
        self.words = by_width[len(self.embeds) * self.embeds[0].get_dim("nO")]  # the embeddings' mix
        self.mix = by_width[96 + self.words[0].get_dim("nO")]  # [sm's NER features ; the embeddings]
        self.window = by_width[3 * self.mix[0].get_dim("nO")]  # the window-1 residual layer
        self.softmax = next(n for n in nodes if n.name == "softmax")
        self.ops = self.softmax.ops

    @classmethod
    def of(cls, model) -> "NewsNetwork | None":
        """The numpy pass of ``model``, or None when it is not built as :data:`MODEL_CONFIG`."""
        try:
            network = cls(model)
        except (StopIteration, KeyError, ValueError, AttributeError):
            return None
        return network if len(network.embeds) == len(network.columns) else None

    def _maxout(self, x: np.ndarray, layers) -> np.ndarray:
        maxout, norm = layers  # thinc's Maxout then its LayerNorm
        n_out, pieces = maxout.get_dim("nO"), maxout.get_dim("nP")
        y = self.ops.gemm(x, maxout.get_param("W").reshape((n_out * pieces, -1)), trans2=True)
        y += maxout.get_param("b").reshape(n_out * pieces)
        y = self.ops.maxout(y.reshape((len(y), n_out, pieces)))[0]
        mu = y.mean(axis=1, keepdims=True)
        var = y.var(axis=1, keepdims=True) + 1e-08
        y = (y - mu) * var ** (-1.0 / 2.0) * norm.get_param("G")
        y += norm.get_param("b")
        return y

    def __call__(self, docs: list[Doc]) -> list[np.ndarray]:
        """Per doc, each token's tag scores (the softmax layer's input times its weights, unnormalised)."""
        sizes = [len(doc) for doc in docs]
        offsets = np.cumsum([0, *sizes])
        ids = np.concatenate([doc.to_array(self.columns).reshape((len(doc), len(self.columns))) for doc in docs]).astype("uint64")
        rows, of = _distinct_rows(ids)
        if len(rows) < FEW_ROWS:
            rows, of = ids, np.arange(len(ids))  # the embeddings of every token, as thinc computes them
        embedded = [
            self.ops.gather_add(e.get_param("E"), self.ops.hash(np.ascontiguousarray(rows[:, k]), e.attrs["seed"]) % e.get_param("E").shape[0])
            for k, e in enumerate(self.embeds)
        ]
        words = sequence.by_blocks(self._maxout, np.hstack(embedded), self.words)[of]
        width = self.mix[0].get_dim("nI") - words.shape[1]
        tensors = [doc.tensor if doc.tensor.size else np.zeros((len(doc), width), dtype="float32") for doc in docs]
        h = sequence.by_blocks(self._maxout, np.hstack([np.concatenate(tensors), words]), self.mix)
        # the window of one token each side over the docs laid out as thinc lays them out: a row of zeros
        # before each doc (not the empty ones) and after the last
        filled = [size for size in sizes if size]
        at = np.cumsum([1, *[size + 1 for size in filled]])[:-1]  # where each doc's rows start
        rows_of = np.concatenate([np.arange(a, a + size) for a, size in zip(at, filled)]) if filled else np.zeros(0, dtype=np.int64)
        padded = np.zeros((len(h) + len(filled) + 1, h.shape[1]), dtype=h.dtype)
        padded[rows_of] = h
        zero = np.zeros((1, h.shape[1]), dtype=h.dtype)
        window = np.hstack([np.concatenate([zero, padded[:-1]]), padded, np.concatenate([padded[1:], zero])])
        h = h + sequence.by_blocks(self._maxout, window, self.window)[rows_of]
        scores = self.ops.affine(h, self.softmax.get_param("W"), self.softmax.get_param("b"))
        return np.split(scores, offsets[1:-1])


class NewsTagger(Tagger):
    """A ``tagger`` whose tags are IOB entity tags: they go to ``doc.spans[NAME]``, never to
    ``token.tag_`` (sm's POS tags stay)."""

    seconds = 0.0  # time spent here, for `newsgraph bench`
    network: NewsNetwork | None = None  # the numpy pass of the model, where it is built as MODEL_CONFIG

    def predict(self, docs):
        started = time.perf_counter()
        try:
            with sequence.one_blas_thread():
                if self.network is None or not any(len(doc) for doc in docs):
                    return super().predict(docs)
                return [scores.argmax(axis=1) for scores in self.network(docs)]
        finally:
            self.seconds += time.perf_counter() - started

    def set_annotations(self, docs, batch_tag_ids):
        started = time.perf_counter()
        if isinstance(docs, Doc):
            docs = [docs]
        labels = self.labels
        for doc, tag_ids in zip(docs, batch_tag_ids):
            tag_ids = tag_ids.get() if hasattr(tag_ids, "get") else tag_ids
            doc.spans[NAME] = iob_spans(doc, [labels[t] for t in np.asarray(tag_ids).tolist()])
        self.seconds += time.perf_counter() - started


@Language.factory("newsgraph_ner_tagger", default_config={"overwrite": False, "neg_prefix": "!", "label_smoothing": 0.0, "scorer": None})
def make_news_tagger(nlp, name, model, overwrite, neg_prefix, label_smoothing, scorer):
    return NewsTagger(nlp.vocab, model, name, overwrite=overwrite, neg_prefix=neg_prefix, label_smoothing=label_smoothing, scorer=scorer)


ONTO = "newsgraph_onto"  # the component that gives doc.ents in place of sm's ner
ONTO_DATA = "data/ner_onto"


def build_onto_model(width: int, window: int):
    """The entity tagger's network: the NER features of ``window`` tokens each side (96 values
    each) → Maxout ``width`` (3 pieces) → softmax over the IOB tags, token by token."""
    from thinc.api import Maxout, Softmax, chain, expand_window, with_array

    mix = chain(expand_window(window_size=window), Maxout(width, 96 * (2 * window + 1), nP=3, normalize=True, dropout=0.1))
    return with_array(chain(mix, Softmax(nO=None, nI=width)))


class OntoTagger:
    """sm's own entities (OntoNotes labels: PERSON, GPE, DATE, MONEY, ...) in ``doc.ents``, from a
    small tagger over the very features sm's ``ner`` reads (``ner_tok2vec``), trained to give what
    sm's ``ner`` gives (``scripts/train_onto.py``). sm's transition-based decoder costs a quarter
    of the parse; this about a third of that. Tags are decoded into well-formed spans
    (:func:`newsgraph.sequence.decode`) that never cross a sentence start, as sm's never do."""

    seconds = 0.0  # time spent here, for `newsgraph bench`

    def __init__(self, model, labels: tuple[str, ...], trans) -> None:
        self.model, self.labels, self.trans = model, labels, np.asarray(trans)
        self.inside = sequence.inside(labels)

    @classmethod
    def from_dir(cls, path: Path) -> "OntoTagger":
        info = json.loads((path / "meta.json").read_text("utf-8"))
        model = build_onto_model(info["width"], info["window"])
        model.from_bytes((path / "model.bin").read_bytes())
        return cls(sequence.on_numpy(model), tuple(info["labels"]), info["transitions"])

    def spans(self, features: np.ndarray, starts: np.ndarray) -> list[tuple[int, int, str]]:
        """(start, end, label) entities of a text from its tokens' NER features and which tokens
        start a sentence."""
        with sequence.one_blas_thread():
            probs = self.model.predict([features])[0]
        probs[np.ix_(starts, self.inside)] = 0.0
        return sequence.spans(sequence.decode(probs, self.trans, self.inside), self.labels)

    def __call__(self, doc: Doc) -> Doc:
        started = time.perf_counter()
        if len(doc):
            found = self.spans(doc.tensor, doc.to_array(SENT_START) == 1)
            doc.ents = [Span(doc, start, end, label=label) for start, end, label in found]
        self.seconds += time.perf_counter() - started
        return doc


@Language.factory(ONTO)
def make_onto_tagger(nlp, name):
    return OntoTagger.from_dir(Path(str(resources.files("newsgraph").joinpath(ONTO_DATA))))


# ner_tok2vec sets doc.tensor (its listeners read it there); put sm's own tok2vec output back after
@Language.component("newsgraph_tensor_save")
def tensor_save(doc: Doc) -> Doc:
    doc.user_data[_SAVED_TENSOR] = doc.tensor
    return doc


@Language.component("newsgraph_tensor_restore")
def tensor_restore(doc: Doc) -> Doc:
    if _SAVED_TENSOR in doc.user_data:
        doc.tensor = doc.user_data.pop(_SAVED_TENSOR)
    return doc


@lru_cache(maxsize=1)
def meta() -> dict:
    """What the shipped tagger was trained on and the features it expects (data/ner/meta.json)."""
    return json.loads(resources.files("newsgraph").joinpath("data/ner/meta.json").read_text("utf-8"))


def features_fingerprint(nlp: Language) -> str | None:
    """sha256 (16 hex digits) of the weights of the tok2vec inside ``nlp``'s ``ner``, or None."""
    if "ner" not in nlp.pipe_names:
        return None
    try:
        inner = nlp.get_pipe("ner").model.get_ref("tok2vec").layers[0]
    except (KeyError, IndexError, AttributeError):
        return None
    return hashlib.sha256(inner.to_bytes()).hexdigest()[:16]


def add_news_ner(nlp: Language, weights: Path | None = None) -> bool:
    """Add the news NER tagger to ``nlp`` (in place) if its NER features are the ones the tagger
    was trained on; True if added. Pipeline afterwards: ... newsgraph_tensor_save, ner_tok2vec,
    newsgraph_ner, newsgraph_onto, ner (disabled: :class:`OntoTagger` gives its entities),
    newsgraph_tensor_restore. :func:`newsgraph.analyse.plain` gives the plain model back (never
    disable ``ner_tok2vec``: sm's ``ner`` reads it). ``weights``: a directory with the
    component's ``cfg`` and ``model`` (default: the shipped ones; scripts/ner_conll passes a newly
    trained one, whose features it does not check)."""
    if NAME in nlp.pipe_names or (weights is None and features_fingerprint(nlp) != meta()["features"]):
        return False
    import spacy

    ner = nlp.get_pipe("ner")
    inner = ner.model.get_ref("tok2vec").layers[0]
    listener = spacy.registry.architectures.get("spacy.Tok2VecListener.v1")(width=inner.get_dim("nO"), upstream=TOK2VEC)
    ner.model.replace_node(inner, listener)
    nlp.add_pipe("newsgraph_tensor_save", before="ner")
    t2v = nlp.add_pipe("tok2vec", name=TOK2VEC, config={"model": nlp.config["components"]["ner"]["model"]["tok2vec"]}, before="ner")
    t2v.model = inner
    t2v.add_listener(listener, "ner")
    tagger = nlp.add_pipe("newsgraph_ner_tagger", name=NAME, config={"model": MODEL_CONFIG}, before="ner")
    tagger.from_disk(weights or Path(str(resources.files("newsgraph").joinpath("data/ner"))), exclude=["vocab"])
    sequence.on_numpy(tagger.model)
    tagger.network = NewsNetwork.of(tagger.model)
    for layer in tagger.model.walk():
        if layer.name == "tok2vec-listener":
            t2v.add_listener(layer, NAME)
    nlp.add_pipe("newsgraph_tensor_restore", after="ner")
    if weights is None and resources.files("newsgraph").joinpath(ONTO_DATA, "model.bin").is_file():
        # sm's entities from the entity tagger; sm's ner stays, disabled, for the plain model
        nlp.add_pipe(ONTO, before="ner")
        nlp.disable_pipe("ner")
    return True
