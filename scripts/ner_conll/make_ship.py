"""Write the trained `ner_conll` component (cfg + model, 2.7 MB) to src/newsgraph/data/ner, where
newsgraph.ner.add_news_ner() loads it into its `newsgraph_ner_tagger` (same architecture,
newsgraph.ner.MODEL_CONFIG). Also set "features" in data/ner/meta.json to the fingerprint
newsgraph.ner.features_fingerprint() gives for the installed sm model.
Usage: python make_ship.py TRAINED_MODEL_DIR   (run from scripts/ner_conll)"""
import sys
from pathlib import Path

import spacy

import functions  # noqa: F401  (registers conll_tagger, the factory the training config names)

out = Path(__file__).resolve().parents[2] / "src/newsgraph/data/ner"
trained = spacy.load(sys.argv[1])
trained.get_pipe("ner_conll").to_disk(out, exclude=["vocab"])
print("wrote", sorted(p.name for p in out.iterdir()))
