"""Train the attribution tagger (newsgraph.attribution) on PolNeAR train; choose the epoch on PolNeAR dev's
tune part (the check part, every third article, is never looked at here).

    .venv/bin/python scripts/train_attribution.py ../shared/data/polnear --out src/newsgraph/data/attribution

Parses every article with the pipeline's own spaCy model (as `newsgraph extract` does), learns the cue lexicon
(how often each lemma is inside a gold cue) and the tag-to-tag scores, turns each document into feature rows and
trains the network with Adam, batches of 8 documents, seed 0, keeping the epoch best on the dev part (mean exact F1
of source, cue and content with edges ignored). About 15 minutes on 2 cores (5 of them parsing; --cache DIR keeps
the parses for trials). Writes model.bin and meta.json.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from contextlib import nullcontext
from pathlib import Path

import numpy as np

from newsgraph import attribution
from newsgraph.evaluate.quote_spans import analysed, compare, figures, load, new_counts, sentence_spans, token_tags
from newsgraph.quotes import rule_features


def parse(articles, cache: Path | None = None):
    """(docs, gold tags, rule features) of the articles, as the pipeline reads them (kept in ``cache``
    when given, and read from there the next time)."""
    import pickle

    if cache is not None and cache.exists():
        return pickle.loads(cache.read_bytes())
    started = time.time()
    docs, tags, rules = [], [], []
    for article, _, doc, found in analysed(articles):
        docs.append(doc)
        tags.append(token_tags(doc, article.spans))
        rules.append(rule_features(doc, found))
    print(f"parsed {len(docs)} articles in {time.time() - started:.0f} s", file=sys.stderr)
    if cache is not None:
        cache.write_bytes(pickle.dumps((docs, tags, rules)))
    return docs, tags, rules


def lexicon(docs, tags, minimum: int = 3) -> dict[str, float]:
    """lemma → share of its tokens inside a gold cue (smoothed; lemmas seen fewer than ``minimum`` times left out)."""
    seen, cue = Counter(), Counter()
    for doc, doc_tags in zip(docs, tags):
        for t, tag in zip(doc, doc_tags):
            lemma = t.lemma_.lower()
            seen[lemma] += 1
            if tag.endswith("CUE"):
                cue[lemma] += 1
    return {lemma: round(cue[lemma] / (n + 2), 4) for lemma, n in seen.items() if n >= minimum and cue[lemma]}


def score(tagger, docs, golds, rules) -> dict[str, float]:
    counts = new_counts()
    for doc, gold, probs in zip(docs, golds, tagger.probabilities(docs, rules)):
        predicted = attribution.iob(len(doc), attribution.spans(attribution.decode(probs, tagger.trans), probs))
        compare(doc, sentence_spans(doc, gold), sentence_spans(doc, predicted), counts)
    return figures(counts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("polnear", help="PolNeAR directory with train/ and dev/")
    ap.add_argument("--out", default="src/newsgraph/data/attribution")
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--width", type=int, default=48)
    ap.add_argument("--depth", type=int, default=3)
    ap.add_argument("--pieces", type=int, default=2, help="Maxout pieces")
    ap.add_argument("--limit", type=int, default=0, help="train on the first N articles only (a quick trial)")
    ap.add_argument("--cache", type=Path, help="keep the parsed articles in this directory (for trials of other settings)")
    args = ap.parse_args()

    from thinc.api import Adam, fix_random_seed

    fix_random_seed(0)
    random.seed(0)
    train = load(Path(args.polnear) / "train")
    if args.limit:
        train = train[: args.limit]
    dev = [a for a in load(Path(args.polnear) / "dev") if a.part == "dev"]
    if args.cache:
        args.cache.mkdir(parents=True, exist_ok=True)
    cached = (lambda name: args.cache / f"{name}.pickle") if args.cache else (lambda name: None)  # noqa: E731
    (train_docs, train_tags, train_rules) = parse(train, cached(f"train{args.limit or ''}"))
    (dev_docs, dev_tags, dev_rules) = parse(dev, cached("dev"))
    if not args.epochs:
        return
    lex = lexicon(train_docs, train_tags)
    index = {label: i for i, label in enumerate(attribution.LABELS)}
    X = [attribution.features(d, lex, r) for d, r in zip(train_docs, train_rules)]
    Y = [np.array([index[t] for t in tags], dtype="int32") for tags in train_tags]
    pairs = [(x, y) for x, y in zip(X, Y) if len(y)]

    model = attribution.build_model(args.width, args.depth, args.pieces)
    model.initialize(X=[x for x, _ in pairs[:8]], Y=[np.eye(len(index), dtype="float32")[y] for _, y in pairs[:8]])
    tagger = attribution.Tagger(model, lex, attribution.transitions(train_tags))
    optimizer = Adam(0.001)
    best, best_bytes = -1.0, None
    for epoch in range(args.epochs):
        started = time.time()
        random.shuffle(pairs)
        loss = 0.0
        for b in range(0, len(pairs), 8):
            batch = pairs[b : b + 8]
            guesses, backprop = model.begin_update([x for x, _ in batch])
            grads = []
            for g, (_, y) in zip(guesses, batch):
                d = g.copy()
                d[np.arange(len(y)), y] -= 1.0
                loss += float(-np.log(np.clip(g[np.arange(len(y)), y], 1e-9, 1)).sum())
                grads.append(d / len(y))
            backprop(grads)
            model.finish_update(optimizer)
        with model.use_params(optimizer.averages) if optimizer.averages else nullcontext():
            f = score(tagger, dev_docs, dev_tags, dev_rules)
            aim = (f["source"] + f["cue"] + f["content_edges"]) / 3
            if aim > best:
                best, best_bytes = aim, model.to_bytes()
        print(
            f"epoch {epoch + 1}: loss {loss:.0f}, dev source {f['source']:.3f} cue {f['cue']:.3f} content {f['content']:.3f} "
            f"content_edges {f['content_edges']:.3f} ({time.time() - started:.0f} s)",
            file=sys.stderr,
        )
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "model.bin").write_bytes(best_bytes)
    meta = {"width": args.width, "depth": args.depth, "pieces": args.pieces, "labels": list(attribution.LABELS), "trained_on": f"PolNeAR train ({len(train)} articles)", "dev_aim": round(best, 4), "lexicon": lex,
            "transitions": [[round(float(x), 4) for x in row] for row in tagger.trans]}
    (out / "meta.json").write_text(json.dumps(meta, indent=0, sort_keys=True) + "\n", "utf-8")
    print(f"best dev (mean of source, cue, content_edges exact F1) {best:.3f} → {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
