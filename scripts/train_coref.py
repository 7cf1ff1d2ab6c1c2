"""Train the reference model of ``newsgraph.coref`` (pronouns and descriptions → entities).

Data (``../shared/data``):

* GUM coreference (``gum/conll``): the training documents (every document not in the dev or test
  lists of ``gum/splits.md``) train the model and build the noun lexicon; the dev documents choose C
  and each kind's threshold and are reported;
* GAP (``gap``): the development pairs train too (only the two names each pair judges are labelled);
  the validation pairs are a check, reported with GAP's own measure (F1 over the A and B decisions).

GUM's text is rebuilt from its tokens and parsed by this pipeline (model, news tagger, entity
stage). Each of this pipeline's entities is aligned with GUM's chains through its named mentions;
each anaphor ``coref.anaphors`` finds with the GUM mention around its head word. A candidate is right
when one of its mentions before the anaphor, or an anaphor already linked to it, is in the
anaphor's chain; anaphors are taken in text order and linked to the right entity before the next one
(so the "what the last anaphor meant" features see the truth, as they see the model's choices when
it runs).

    .venv/bin/python scripts/train_coref.py [--data ../shared/data] [--out src/newsgraph/data]

Writes ``coref_nouns.tsv`` and ``coref_model.npz`` (a rerun on the same entity stage writes identical
files; the entity stage has changed since the shipped weights were trained, and a retrain at stop 26
measured lower: GenderGapTracker dev speakers 0.903 -> 0.896, GAP validation F1 0.522 -> 0.516, so the
shipped weights stay) and prints
GUM dev figures for the model alone and for the system as it runs (the subject rule first for
he/she), and GAP's validation F1 (the system and the model alone); about two and a half minutes on two cores.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from bisect import bisect_right
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsgraph import coref  # noqa: E402
from newsgraph.linear import hashed  # noqa: E402
from newsgraph.analyse import load_nlp  # noqa: E402
from newsgraph.entities import REFERENCE, reference_pool, reference_titles  # noqa: E402

BITS = 18
GUM_TYPES = {"person": 0, "organization": 1, "place": 2}


# ---------------------------------------------------------------------------------------------
# GUM


def read_gum(path: Path):
    """(text, token spans, mentions): mentions are (first token, last token, type, chain)."""
    tokens, marks = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        _, word, mark = line.split("\t")[:3]
        tokens.append(word)
        marks.append(mark)
    mentions, stack = [], defaultdict(list)
    for i, mark in enumerate(marks):
        if mark == "_":
            continue
        pos = 0
        while pos < len(mark):
            if mark[pos] == "(":
                m = re.match(r"\(([a-z]+)-(\d+)", mark[pos:])
                kind, chain = m.group(1), m.group(2)
                pos += m.end()
                # an identity may follow ("-Iodine"); it ends at ")" (closed here) or at the next "("
                rest = re.match(r"(?:-[^()]*?)?(\)|(?=\()|$)", mark[pos:])
                pos += rest.end()
                if rest.group(1) == ")":
                    mentions.append((i, i, kind, chain))
                else:
                    stack[chain].append((i, kind))
            else:
                m = re.match(r"([a-z]+)-(\d+)(?:-[^()]*?)?\)", mark[pos:])
                if m is None:
                    pos += 1
                    continue
                chain = m.group(2)
                pos += m.end()
                if stack[chain]:
                    first, kind = stack[chain].pop()
                    mentions.append((first, i, kind, chain))
    text, spans = _detokenise(tokens)
    return text, spans, mentions


_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "n't", "'s", "'re", "'ve", "'ll", "'d", "'m", "’s", "..."}


def _detokenise(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    out, spans, pos, glue, quote_open = [], [], 0, True, False
    for word in tokens:
        space = not glue and word not in _NO_SPACE_BEFORE
        if word == '"':
            space = not glue and not quote_open
            glue_after = not quote_open
            quote_open = not quote_open
        else:
            glue_after = word in ("(", "[", "{", "$", "``", "#")
        if space:
            out.append(" ")
            pos += 1
        spans.append((pos, pos + len(word)))
        out.append(word)
        pos += len(word)
        glue = glue_after
    return "".join(out), spans


def gum_split(root: Path) -> tuple[list[Path], list[Path]]:
    listed, part = {}, None
    for line in (root / "splits.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            part = line[3:].strip()
        elif line.strip().startswith("* ") and part:
            listed[line.strip()[2:].strip()] = part
    files = sorted((root / "conll").glob("*.conll"))
    train = [f for f in files if listed.get(f.stem, "train") == "train"]
    dev = [f for f in files if listed.get(f.stem) == "dev"]
    return train, dev


class Gold:
    """GUM mentions of one document by character position."""

    def __init__(self, spans, mentions) -> None:
        self.spans = spans
        self.starts = [s for s, _ in spans]
        self.mentions = mentions
        self.by_token = defaultdict(list)
        for m in mentions:
            for t in range(m[0], m[1] + 1):
                self.by_token[t].append(m)

    def token(self, position: int) -> int:
        return max(0, bisect_right(self.starts, position) - 1)

    def around(self, start: int, end: int):
        """The smallest GUM mention holding characters start..end, if it is mostly them."""
        first, last = self.token(start), self.token(max(start, end - 1))
        found = [m for m in self.by_token[last] if m[0] <= first]
        if not found:
            return None
        m = min(found, key=lambda m: m[1] - m[0])
        if m[1] == last or (last - first + 1) * 2 > (m[1] - m[0] + 1):
            return m
        return None

    def chain_at_head(self, head_position: int):
        found = self.by_token[self.token(head_position)]
        return min(found, key=lambda m: m[1] - m[0]) if found else None


# ---------------------------------------------------------------------------------------------
# examples


def pool_of(doc):
    return reference_pool(doc._.newsgraph_entities or [])


def gum_examples(doc, gold: Gold, key: str, model=None, outcome=None):
    """Feature rows, labels and groups of one GUM document. Without ``model`` each anaphor is
    linked to the right entity before the next is scored (teacher forcing); with it, to the entity
    the model chooses, as when it runs (so the features of what was linked before carry its errors),
    and ``outcome`` (kind → [answerable, linked, right]) counts how the choices fared."""
    outcome = outcome if outcome is not None else defaultdict(lambda: [0, 0, 0])
    pool, genders = pool_of(doc)
    chain_of = {}
    for c in pool:
        chains = set()
        for m in c.entity.mentions:
            if m.label == REFERENCE:
                continue
            g = gold.around(m.start, m.end)
            if g is not None:
                chains.add((m.start, g[3]))
        chain_of[id(c)] = chains
    ctx = coref.context(doc)
    rows, labels, groups = [], [], []
    for n, anaphor in enumerate(coref.anaphors(doc, coref.named_spans(pool), reference_titles())):
        g = gold.chain_at_head(doc[anaphor.head].idx)
        chain = g[3] if g is not None else None
        gender = lambda c: coref.gender_of(c, genders)  # noqa: E731
        cands = coref.candidates(anaphor, pool, ctx, gender)

        def right(c):
            if chain is None:
                return False
            return any(s < anaphor.start and ch == chain for s, ch in chain_of[id(c)]) or any(
                s < anaphor.start and ch == chain for s, ch in chain_of.get(("linked", id(c)), ())
            )

        if cands:
            feats = coref.features(ctx, anaphor, cands, lambda c: coref.gender_of(c, genders))
            for c, f in zip(cands, feats):
                rows.append(f)
                labels.append(int(right(c)))
                groups.append((key, n, anaphor.kind))
        if model is not None:
            c = coref.choose(ctx, anaphor, cands, gender, model)[0] if cands else None
            tally = outcome[anaphor.kind]
            tally[0] += any(right(x) for x in pool)  # answerable
            tally[1] += c is not None  # linked
            tally[2] += c is not None and right(c)  # linked right
        else:
            truth = [c for c in pool if right(c)]
            c = max(truth, key=lambda c: coref._last_before(c, anaphor.start) or -1) if truth else None
        if c is not None:
            c.linked.append((anaphor.start, anaphor.kind))
            chain_of.setdefault(("linked", id(c)), set()).add((anaphor.start, chain))
    return rows, labels, groups


def gap_rows(path: Path):
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def gap_examples(doc, row, key: str, model=None):
    """Feature rows and labels of one GAP pair (its A and B only); with ``model``, also the
    model's decisions for A and B (True/False each) and the gold."""
    pool, genders = pool_of(doc)
    ctx = coref.context(doc)
    offset = int(row["Pronoun-offset"])
    anaphor = next((a for a in coref.anaphors(doc, coref.named_spans(pool), reference_titles()) if a.start == offset), None)
    if anaphor is None:
        return [], [], [], None
    cands = coref.candidates(anaphor, pool, ctx, lambda c: coref.gender_of(c, genders))

    def holds(c, name_offset: int, name: str) -> bool:
        return any(m.start < name_offset + len(name) and name_offset < m.end for m in c.entity.mentions)

    rows, labels, groups = [], [], []
    feats = coref.features(ctx, anaphor, cands, lambda c: coref.gender_of(c, genders)) if cands else []
    for c, f in zip(cands, feats):
        a = holds(c, int(row["A-offset"]), row["A"])
        b = holds(c, int(row["B-offset"]), row["B"])
        if a == b:
            continue
        rows.append(f)
        labels.append(int((row["A-coref"] == "TRUE") if a else (row["B-coref"] == "TRUE")))
        groups.append((key, 0, anaphor.kind))
    decision = None
    if model is not None:
        chosen = coref.choose(ctx, anaphor, cands, lambda c: coref.gender_of(c, genders), model)[0] if cands else None
        decision = (
            chosen is not None and holds(chosen, int(row["A-offset"]), row["A"]),
            chosen is not None and holds(chosen, int(row["B-offset"]), row["B"]),
        )
    return rows, labels, groups, decision


# ---------------------------------------------------------------------------------------------
# fitting and judging


def matrix(rows, bits=BITS):
    r, c = hashed(rows, bits)
    return sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(len(rows), 1 << bits))


def fit(rows, labels, c: float) -> LogisticRegression:
    return LogisticRegression(C=c, solver="lbfgs", max_iter=3000, tol=1e-6).fit(matrix(rows), np.array(labels))


def judge(p: np.ndarray, labels, groups, thresholds=None):
    """Per kind: links right / wrong / missed over the anaphors, with ``thresholds`` (or the best
    threshold of each kind when None); returns {kind: (threshold, P, R, F1, accuracy of the top
    candidate where the right one is a candidate)}."""
    by_group = defaultdict(list)
    for i, g in enumerate(groups):
        by_group[g].append(i)
    out = {}
    for kind in coref.KINDS:
        items = [(max(ix, key=lambda i: p[i]), ix) for g, ix in by_group.items() if g[2] == kind]
        if not items:
            continue
        answerable = [(top, ix) for top, ix in items if any(labels[i] for i in ix)]
        accuracy = sum(labels[top] for top, _ in answerable) / max(1, len(answerable))
        options = [thresholds[kind]] if thresholds else [x / 20 for x in range(1, 19)]
        best = None
        for t in options:
            right = sum(1 for top, ix in items if p[top] >= t and labels[top])
            linked = sum(1 for top, ix in items if p[top] >= t)
            prec = right / linked if linked else 0.0
            rec = right / len(answerable) if answerable else 0.0
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            if best is None or f1 > best[3]:
                best = (t, prec, rec, f1, accuracy, len(answerable))
        out[kind] = best
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "data"))
    args = parser.parse_args()
    data, out = Path(args.data), Path(args.out)
    started = time.time()
    nlp = load_nlp()
    nlp.get_pipe("newsgraph_entities").references = False  # the entities alone, as the model finds them
    train_files, dev_files = gum_split(data / "gum")
    print(f"GUM: {len(train_files)} training documents, {len(dev_files)} dev", flush=True)

    def parse(files):
        read = [read_gum(f) for f in files]
        docs = list(nlp.pipe((t for t, _, _ in read), batch_size=8))
        return [(f.stem, doc, Gold(spans, mentions)) for f, doc, (_, spans, mentions) in zip(files, docs, read)]

    train, dev = parse(train_files), parse(dev_files)
    print(f"parsed in {time.time() - started:.0f} s", flush=True)

    # the noun lexicon: head lemmas of GUM's training mentions and the types they named
    counts: dict[str, Counter] = defaultdict(Counter)
    for _, doc, gold in train:
        for first, last, kind, _ in gold.mentions:
            span = doc.char_span(gold.spans[first][0], gold.spans[last][1], alignment_mode="expand")
            if span is None or span.root.pos_ != "NOUN":
                continue
            counts[span.root.lemma_.lower()][kind] += 1
    lines = ["# head noun\tperson\torganisation\tplace: shares of its GUM training mentions (scripts/train_coref.py)"]
    for word in sorted(counts):
        n = sum(counts[word].values())
        if n >= 2 and word.isalpha():
            shares = [counts[word][k] / (n + 1) for k in GUM_TYPES]
            lines.append(word + "\t" + "\t".join(f"{s:.2f}" for s in shares))
    (out / "coref_nouns.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    coref.nouns.cache_clear()
    print(f"lexicon: {len(lines) - 1} nouns", flush=True)

    def examples(parsed, model=None):
        rows, labels, groups = [], [], []
        for key, doc, gold in parsed:
            r, l, g = gum_examples(doc, gold, key, model)
            rows += r
            labels += l
            groups += g
        return rows, labels, groups

    gap_train = gap_rows(data / "gap" / "gap-development.tsv")
    gap_check = gap_rows(data / "gap" / "gap-validation.tsv")
    gap_docs = list(nlp.pipe((r["Text"] for r in gap_train), batch_size=32))
    gr, gl = [], []
    for n, (row, doc) in enumerate(zip(gap_train, gap_docs)):
        r, l, _, _ = gap_examples(doc, row, f"gap{n}")
        gr += r
        gl += l

    def choose_c(rows, labels, dv):
        """The C whose model links GUM's dev anaphors best (F1 over kinds, each at its best threshold)."""
        best = None
        for c in (0.1, 0.3, 1.0, 3.0):
            lr = fit(rows, labels, c)
            p = lr.predict_proba(matrix(dv[0]))[:, 1]
            scores = judge(p, dv[1], dv[2])
            f1 = sum(v[3] * v[5] for v in scores.values()) / sum(v[5] for v in scores.values())
            print(f"  C={c}: dev F1 {f1:.3f} " + " ".join(f"{k}:{v[3]:.3f}" for k, v in scores.items()), flush=True)
            if best is None or f1 > best[0]:
                best = (f1, c, lr, scores)
        _, c, lr, scores = best
        thresholds = {k: scores.get(k, (0.5,))[0] for k in coref.KINDS}
        return c, lr, scores, (lr.coef_[0].astype(np.float64), float(lr.intercept_[0]), BITS, thresholds)

    # round 1: what was linked before is the truth; round 2 adds the examples met when what was
    # linked before is the round-1 model's choice, as at run time
    tr, dv = examples(train), examples(dev)
    print(f"round 1: GUM train {len(tr[0])} pairs ({sum(tr[1])} right), dev {len(dv[0])}; GAP train {len(gr)}", flush=True)
    c, lr, scores, model = choose_c(tr[0] + gr, tr[1] + gl, dv)
    tr2, dv2 = examples(train, model), examples(dev, model)
    print(f"round 2: GUM train {len(tr2[0])} more pairs", flush=True)
    c, lr, scores, model = choose_c(tr[0] + tr2[0] + gr, tr[1] + tr2[1] + gl, dv2)
    thresholds = np.array([model[3][k] for k in coref.KINDS])
    weights = lr.coef_[0].astype(np.float32)
    np.savez_compressed(out / "coref_model.npz", weights=weights, bias=np.float64(lr.intercept_[0]), bits=np.int64(BITS), thresholds=thresholds)
    coref._weights.cache_clear()
    model = coref._weights(str(out / "coref_model.npz"))  # the weights just written
    print(f"C = {c}; thresholds " + ", ".join(f"{k} {t:.2f}" for k, t in zip(coref.KINDS, thresholds)))
    for kind, (t, prec, rec, f1, acc, n) in scores.items():
        print(f"  GUM dev {kind:>2}: P {prec:.3f} R {rec:.3f} F1 {f1:.3f}; top candidate right {acc:.3f} of {n}")

    # the system as it runs (coref.choose: the subject rule first for he/she, then the model) on
    # GUM's dev documents, and the model alone
    for rule_first in (True, False):
        coref.RULE_FIRST = rule_first
        outcome = defaultdict(lambda: [0, 0, 0])
        for key, doc, gold in dev:
            gum_examples(doc, gold, key, model, outcome)
        label = "rule first, then the model" if rule_first else "the model alone"
        print(f"GUM dev, {label}:")
        for kind in coref.KINDS:
            answerable, linked, right = outcome[kind]
            prec, rec = right / max(1, linked), right / max(1, answerable)
            print(f"  {kind:>2}: P {prec:.3f} R {rec:.3f} F1 {2 * prec * rec / max(1e-9, prec + rec):.3f} ({answerable} answerable, {linked} linked)")
    coref.RULE_FIRST = True

    # GAP validation: F1 over the A and B decisions, the system as it runs and the model alone
    gap_docs = list(nlp.pipe((r["Text"] for r in gap_check), batch_size=32))
    for rule_first in (True, False):
        coref.RULE_FIRST = rule_first
        tp = fp = fn = 0
        for n, (row, doc) in enumerate(zip(gap_check, gap_docs)):
            _, _, _, decision = gap_examples(doc, row, f"check{n}", model)
            gold = (row["A-coref"] == "TRUE", row["B-coref"] == "TRUE")
            decision = decision or (False, False)
            for d, g in zip(decision, gold):
                tp += d and g
                fp += d and not g
                fn += g and not d
        prec, rec = tp / max(1, tp + fp), tp / max(1, tp + fn)
        label = "rule first, then the model" if rule_first else "the model alone"
        print(f"GAP validation, {label}: P {prec:.3f} R {rec:.3f} F1 {2 * prec * rec / max(1e-9, prec + rec):.3f}")
    coref.RULE_FIRST = True
    print(f"done in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
