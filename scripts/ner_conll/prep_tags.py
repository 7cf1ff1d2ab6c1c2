"""corpus/*.spacy -> corpus/*_iob.spacy: same docs with token.tag_ = IOB2 NER tag (for conll_tagger)."""
import spacy
from spacy.tokens import DocBin
nlp = spacy.blank("en")
for name in ["train", "val"]:
    docs = list(DocBin().from_disk(f"corpus/{name}.spacy").get_docs(nlp.vocab))
    out = DocBin(store_user_data=False)
    for d in docs:
        for t in d:
            t.tag_ = "O" if t.ent_iob_ in ("O", "") else f"{t.ent_iob_}-{t.ent_type_}"
        out.add(d)
    out.to_disk(f"corpus/{name}_iob.spacy")
    print(name, len(docs), sorted({t.tag_ for d in docs for t in d}))
