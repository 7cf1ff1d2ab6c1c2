#!/usr/bin/env python3
"""Rebuild a small plain-text example corpus from MEANTIME (Wikinews, CC BY 4.0).

Usage: python scripts/build_examples.py [MEANTIME_DIR] [OUT_DIR]
(defaults: ../shared/data/meantime and examples/meantime).

Picks PER_CORPUS English articles of at most MAX_SENTENCES sentences from each
of corpus_airbus, corpus_apple and corpus_gm in intra-doc_annotation/, preferring
articles with quotations, "said"-type verbs and several named people (ties
broken by file name, so the choice is deterministic), and writes for each one
``<MEANTIME file stem>.txt``:

    title line, blank line, dateline, blank line, body paragraphs

The XML has no paragraph markup, only a sentence number per token: sentence 0
is the title, sentence 1 the Wikinews dateline ("March 01, 2008"), and the body
gets one paragraph per sentence, except that a quotation spanning several
sentences is kept in one paragraph. Tokens are detokenized (PTB-style quotes,
clitics, brackets, currency symbols, "#" as pound sign). Also writes index.tsv
(file, published, title, source_url). Standard library only.
"""
from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

CORPORA = ("corpus_airbus", "corpus_apple", "corpus_gm")
PER_CORPUS = 4
MAX_SENTENCES = 30  # keep the examples short

CLITICS = {"'s", "'S", "n't", "'re", "'ve", "'ll", "'d", "'m"}
CLITICS |= {c.replace("'", "’") for c in CLITICS}
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "%", "...", "/"} | CLITICS
NO_SPACE_AFTER = {"(", "[", "/"}
CURRENCY = {"€", "£"}  # plus any token ending in "$" ("$", "US$", "USD$", ...)
CURRENCY_PREFIX = {"US", "AU", "CA", "NZ", "GB"}  # "US $ 199" -> "US$199"
OPEN_DQ, CLOSE_DQ = {"``", "“"}, {"''", "”"}
SAY_WORDS = {"said", "says", "say", "told", "stated"}


@dataclass
class Article:
    stem: str
    url: str
    sentences: list[list[str]]
    published: str
    score: int


@dataclass
class QuoteState:
    double: bool = False
    single: bool = False


def normalize(tokens: list[str]) -> list[str]:
    """Split glued quote tokens, merge split clitics, map PTB '#' to '£', drop artifacts."""
    out: list[str] = []
    for tok in tokens:
        if tok[:2] in ("``", "''") and len(tok) > 2:  # e.g. "''I'"
            out += [tok[:2], tok[2:]]
        else:
            out.append(tok)
    depth = 0  # open "[" brackets
    merged: list[str] = []
    for i, tok in enumerate(out):
        if re.fullmatch(r"\d+px", tok):  # leaked wiki image size, e.g. "150px"
            continue
        if tok == "]" and depth == 0:  # the source lost many "[" openers
            continue
        depth += (tok == "[") - (tok == "]")
        nxt = out[i + 1] if i + 1 < len(out) else ""
        if tok == "#" and nxt[:1].isdigit():
            tok = "£"
        if merged and merged[-1] in ("'", "’") and tok in ("s", "re", "ve", "ll", "d", "m"):
            merged[-1] += tok  # "we ' re" -> "we 're", "Wayne ’ s" -> "Wayne ’s"
            continue
        if merged and merged[-1].lower() == "can" and tok == "not":  # PTB splits "cannot"
            merged[-1] += tok
            continue
        merged.append(tok)
    return merged


def detokenize(tokens: list[str], q: QuoteState) -> str:
    """Join one sentence's tokens into readable text; q carries open quotes across sentences."""
    tokens = normalize(tokens)
    out, glue, prev = "", True, ""
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        text, space, glue_next = tok, not glue, False
        if tok in OPEN_DQ or (tok == '"' and not q.double):
            text, q.double, glue_next = ("“" if tok == "“" else '"'), True, True
        elif tok in CLOSE_DQ or tok == '"':
            text, q.double, space = ("”" if tok == "”" else '"'), False, False
        elif tok == "`" or (tok in ("'", "’") and not q.single and not prev[-1:].isalnum()):
            text, q.single, glue_next = ("'" if tok == "`" else tok), True, True
        elif tok in ("'", "’"):  # closing single quote or plural possessive
            q.single, space = False, False
        elif tok in NO_SPACE_BEFORE:
            space = tok == "..." and prev.endswith(".")  # "come. ... I will"
        elif tok[:1] == "'" and tok[1:2].isalpha():  # "'switch" opens, "O 'Reilly" joins
            if len(prev) == 1 and prev.isupper():
                space = False
            else:
                q.single = True
        elif tok == "*":  # bullet list item
            text, space, glue_next = "\n*", False, False
        if tok in NO_SPACE_AFTER or re.fullmatch(r"[A-Z]'", tok):  # "I' ll" -> "I'll"
            glue_next = True
        if tok in CURRENCY or tok.endswith("$"):
            glue_next = nxt[:1].isdigit()
            space = space and prev not in CURRENCY_PREFIX
        if tok == "-" and nxt in ("and", "or"):  # "medium- and short-haul"
            space = False
        out += (" " if space and out else "") + text
        glue, prev = glue_next, tok
    return out


def paragraphs(sentences: list[list[str]]) -> list[str]:
    """One paragraph per sentence, but keep a multi-sentence quotation (and a short
    attribution sentence following it) together."""
    q, paras, cur = QuoteState(), [], []  # type: tuple[QuoteState, list[str], list[str]]
    for sent in sentences:
        if cur and q.double and sent[0] in OPEN_DQ | {'"'}:
            q.double = False  # a new quote opens: the previous one was left unclosed
        attribution = (len(sent) <= 6 and sent[0] not in OPEN_DQ | {'"'}
                       and any(t.lower() in SAY_WORDS for t in sent))  # "Mr X said."
        if cur and not q.double and not attribution:
            paras.append(" ".join(cur))
            cur = []
        q.single = False
        cur.append(detokenize(sent, q))
    if cur:
        paras.append(" ".join(cur))
    return paras


def parse_dateline(tokens: list[str]) -> str | None:
    try:
        return datetime.strptime(" ".join(tokens), "%B %d , %Y").strftime("%Y-%m-%d")
    except ValueError:
        return None


def load(path: Path) -> Article:
    root = ET.parse(path).getroot()
    sentences: dict[int, list[str]] = {}
    for tok in root.iter("token"):
        sentences.setdefault(int(tok.get("sentence", "0")), []).append(tok.text or "")
    sents = [sentences[k] for k in sorted(sentences)]
    dct = next((t.get("value", "") for t in root.iter("TIMEX3")
                if t.get("functionInDocument") == "CREATION_TIME"), "")
    dateline = parse_dateline(sents[1]) if len(sents) > 1 else None
    published = dct if re.fullmatch(r"\d{4}-\d\d-\d\d", dct) else (dateline or "")
    if dateline and published != dateline:
        print(f"warning: {path.name}: creation time {dct!r} != dateline {dateline}",
              file=sys.stderr)
    words = [t for s in sents for t in s]
    says = sum(t.lower() in SAY_WORDS for t in words)
    quotes = sum(t in OPEN_DQ or t == '"' for t in words)
    people = {e.get("TAG_DESCRIPTOR", "").strip()
              for e in root.iter("ENTITY") if e.get("ent_type") == "PER"}
    named = [p for p in people if len(p.split()) >= 2 and all(w[:1].isupper() for w in p.split())]
    score = min(says, 8) + min(quotes, 8) + 2 * len(named)
    return Article(path.stem, root.get("url", ""), sents, published, score)


def render(art: Article) -> str:
    title, rest = art.sentences[0], art.sentences[1:]
    head = [detokenize(title, QuoteState())]
    if rest and parse_dateline(rest[0]):
        head.append(detokenize(rest[0], QuoteState()))
        rest = rest[1:]
    return "\n\n".join(head + paragraphs(rest)) + "\n"


def select(corpus_dir: Path) -> list[Article]:
    arts = [load(p) for p in sorted(corpus_dir.glob("*.xml"))]
    arts = [a for a in arts if len(a.sentences) <= MAX_SENTENCES] or arts
    return sorted(arts, key=lambda a: (-a.score, a.stem))[:PER_CORPUS]


def main(argv: list[str]) -> None:
    src = Path(argv[1] if len(argv) > 1 else "../shared/data/meantime")
    out = Path(argv[2] if len(argv) > 2 else "examples/meantime")
    out.mkdir(parents=True, exist_ok=True)
    rows = ["file\tpublished\ttitle\tsource_url"]
    for corpus in CORPORA:
        for art in select(src / "intra-doc_annotation" / corpus):
            text = render(art)
            name = f"{art.stem}.txt"
            (out / name).write_text(text, encoding="utf-8")
            rows.append("\t".join([name, art.published, text.split("\n", 1)[0], art.url]))
            print(f"wrote {out / name}")
    (out / "index.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv)
