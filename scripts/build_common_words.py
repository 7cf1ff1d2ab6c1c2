"""Build ``src/newsgraph/data/common_words.txt``: words of every kind of text, which say nothing of
what one text is about.

    .venv/bin/python scripts/build_common_words.py [--data ../shared/data] [--out src/newsgraph/data/common_words.txt]

A word (three letters or more, lower-cased) is common when at least ``--share`` of the documents of
*both* corpora use it: the GUM training documents (15 genres: news, interviews, fiction, academic
prose …; the dev and test documents of ``gum/splits.md`` are not read) and PolNeAR's training texts
(US political news). Asking both keeps out the words of one corpus's topics ("campaign",
"election" are everywhere in PolNeAR, not in GUM; "chapter" in GUM's fiction and academic texts,
not in news). The cleaner (:func:`newsgraph.clean._foreign`) ignores these words when it asks
whether a short line inside the story names something the story speaks of: "Watch on YouTube"
shares "watch" with a story that says "watched", which says nothing; a subheading shares a
distinctive word with its section. Words of three letters count since stop 47: whether a line above
the story names something it speaks of (:func:`newsgraph.clean._unrelated`) reads words from three
letters ("oil", "tax"), and "and", "the", "for" had named something of every story. The run is deterministic: the same data gives the same file.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from train_coref import gum_split  # noqa: E402

WORD = re.compile(r"[^\W\d_]{3,}")


def document_shares(texts: list[str]) -> dict[str, float]:
    """Each word's share of ``texts`` that use it."""
    df: Counter[str] = Counter()
    for text in texts:
        df.update(set(WORD.findall(text.lower())))
    return {w: n / len(texts) for w, n in df.items()}


def gum_texts(root: Path) -> list[str]:
    train, _ = gum_split(root)
    texts = []
    for path in train:
        words = [row.split("\t")[1] for row in path.read_text(encoding="utf-8").splitlines() if row and not row.startswith("#")]
        texts.append(" ".join(words))
    return texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--out", default=str(ROOT / "src" / "newsgraph" / "data" / "common_words.txt"))
    ap.add_argument("--share", type=float, default=0.05)
    args = ap.parse_args()
    data = Path(args.data)
    gum = document_shares(gum_texts(data / "gum"))
    polnear = document_shares([p.read_text(encoding="utf-8") for p in sorted((data / "polnear" / "train" / "text").glob("*.txt"))])
    words = sorted(w for w in gum if gum[w] >= args.share and polnear.get(w, 0.0) >= args.share)
    header = (
        "# Common words (scripts/build_common_words.py): three letters or more, used by at least "
        f"{args.share:.0%} of the GUM training documents and of PolNeAR's training texts. One per line.\n"
    )
    Path(args.out).write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {args.out}")


if __name__ == "__main__":
    main()
