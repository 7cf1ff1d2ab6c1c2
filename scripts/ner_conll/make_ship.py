"""ship/ner_conll: a minimal pipeline holding only the trained `ner_conll` component (what we'd
commit). ner_tok2vec is not shipped: build_shared_tagger() lifts it out of the installed sm model."""
import sys, shutil; sys.path.insert(0, "/tmp/nertrain")
import spacy, functions  # noqa: F401 (registers conll_tagger)
trained = spacy.load(sys.argv[1])
ship = spacy.blank("en")
ship.add_pipe("ner_conll", source=trained)
shutil.rmtree("ship/ner_conll", ignore_errors=True)
ship.to_disk("ship/ner_conll", exclude=["vocab"])
shutil.copy("functions.py", "ship/ner_conll/functions.py")
print(spacy.load("ship/ner_conll").pipe_names)
