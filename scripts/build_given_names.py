"""Build src/newsgraph/data/given_names.tsv: the gender of given names.

Two sources, both read from packages on PyPI at build time (nothing is fetched at run time):

- the US Census 1990 first-name lists (public domain) as packaged in the `names` sdist (MIT): a name on
  both lists takes the gender that has it at least 90 % of the time (by frequency); names below that
  are left out;
- the first names, by gender, of the person providers of `Faker` (MIT) for its 80-odd locales, in Latin
  script only ("Jaspreet", "Olena", "Geneviève", "Abdirahman", "Stanisław"): news names people from
  everywhere, the Census lists know American names. A name on both of Faker's lists, one the Census
  already decides, a common English word (``data/common_words.txt``) or a country's or province's name
  in the gazetteer is left out;
- the first names of `names-dataset` 3.3.1 (MIT; counted from public profiles in 105 countries):
  a name among the 1,000 most given in at least one country, in Latin script ("Taras", "Okba",
  "Pradeep"), and not more common as a surname than as a given name ("Singh", "Sandhu" are left out),
  a common English word or a place as above; its gender where one has it at least 90 % of the time,
  else ``u`` ("Gurpreet", "Andrea": a given name, of no gender it tells) unless an English word the
  spaCy model's lemmatizer knows ("Snow", "Angel"). A name the Census gives one gender that most of
  names-dataset's profiles give the other ("Karan", "Jean", "Laurence", "Nicola"), or 30 % of them
  (:data:`BOTH`: "Avery", "Harley", "Sasha", given to one sex in 1990 and to both now), is ``u`` too:
  its gender is what the article's pronouns say.

From every source, a title ("Prince", "Judge": :func:`newsgraph.entities.titles`) and a particle that
begins surnames and places' names ("van", "Santa", "Saint") are left out.

Usage: python scripts/build_given_names.py [NAMES_SDIST FAKER_WHEEL NAMES_DATASET_WHEEL] (without them:
`pip download` of names==0.3.0, Faker==40.63.0 and names-dataset==3.3.1, 55 MB, into a temporary
directory). Runs in about a minute."""

import gzip
import importlib
import io
import pickle
import pkgutil
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/newsgraph/data/given_names.tsv"
sys.path.insert(0, str(ROOT / "src"))

_LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’-]+")
#: a given name as names-dataset writes it: capitalised, Latin script, perhaps hyphenated
_CAPITALISED = re.compile(r"[A-Z][a-zß-öø-ÿā-ž]+(?:-[A-Z][a-zß-öø-ÿā-ž]+)?")


def download(spec: str, pattern: str, binary: bool) -> Path:
    tmp = Path(tempfile.mkdtemp())
    args = [sys.executable, "-m", "pip", "download", spec, "--no-deps", "-d", str(tmp), "-q"]
    subprocess.run(args + ([] if binary else ["--no-binary", ":all:"]), check=True)
    return next(tmp.glob(pattern))


def frequencies(tar: tarfile.TarFile, member: str) -> dict[str, float]:
    text = io.TextIOWrapper(tar.extractfile(member), encoding="ascii")
    return {line.split()[0].lower(): float(line.split()[1]) for line in text if line.strip()}


def census(sdist: Path) -> dict[str, str]:
    with tarfile.open(sdist) as tar:
        female = frequencies(tar, "names-0.3.0/names/dist.female.first")
        male = frequencies(tar, "names-0.3.0/names/dist.male.first")
    out = {}
    for name in set(female) | set(male):
        f, m = female.get(name, 0.0), male.get(name, 0.0)
        share = f / (f + m) if f + m else 0.5
        if share >= 0.9 or share <= 0.1:
            out[name] = "f" if share >= 0.9 else "m"
    return out


def faker_names(wheel: Path) -> dict[str, set[str]]:
    """Lower-cased first name -> the genders Faker's locales give it."""
    unpacked = Path(tempfile.mkdtemp())
    with zipfile.ZipFile(wheel) as z:
        z.extractall(unpacked)
    sys.path.insert(0, str(unpacked))
    person = importlib.import_module("faker.providers.person")
    out: dict[str, set[str]] = {}
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attr, gender in (("first_names_female", "f"), ("first_names_male", "m")):
            names = getattr(provider, attr, ())
            for name in names.keys() if isinstance(names, dict) else names:
                if _LATIN.fullmatch(name):
                    out.setdefault(name.lower(), set()).add(gender)
    return out


def dataset_names(wheel: Path, rank: int = 1000, share: float = 0.9) -> dict[str, tuple[str, str, float]]:
    """Lower-cased first name -> (gender, the gender most give it, its share), from names-dataset: among the ``rank``
    most given in a country, ranked no higher as a surname anywhere; "f" or "m" where one gender has
    ``share`` or more, else "u" (given to both: "Gurpreet", "Andrea")."""
    with zipfile.ZipFile(wheel) as z:
        first = pickle.loads(gzip.decompress(z.read("names_dataset/v3/first_names.pkl.gz")))
        last = pickle.loads(gzip.decompress(z.read("names_dataset/v3/last_names.pkl.gz")))
    out = {}
    for name, facts in first.items():
        ranks, genders = facts.get("rank") or {}, facts.get("gender") or {}
        if not ranks or not genders or not _CAPITALISED.fullmatch(name) or min(ranks.values()) > rank:
            continue
        gender, most = max(genders.items(), key=lambda kv: kv[1])
        surname = (last.get(name) or {}).get("rank") or {}
        if not (surname and min(surname.values()) < min(ranks.values())):
            out[name.lower()] = (gender.lower() if most >= share else "u", gender.lower(), most)
    return out


def english_words() -> frozenset[str]:
    """The nouns, verbs, adjectives and adverbs the spaCy model's lemmatizer knows."""
    from newsgraph.analyse import load_nlp

    table = load_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(w for pos in ("noun", "verb", "adj", "adv") for w in table.get(pos, ()))


#: the share of names-dataset's profiles of the other gender from which a name the Census genders is given to both
BOTH = 0.3

#: words that begin surnames and places' names, never a given name here ("Van Koeverden", "Santa Cruz")
PARTICLES = frozenset("van von der den de da di du dos das le la el abu bin ibn saint santa santo são san st".split())


def main() -> None:
    from newsgraph import gazetteer
    from newsgraph.entities import titles

    given = len(sys.argv) > 3
    names_sdist = Path(sys.argv[1]) if given else download("names==0.3.0", "names-*.tar.gz", binary=False)
    faker_wheel = Path(sys.argv[2]) if given else download("Faker==40.63.0", "*aker-*.whl", binary=True)
    dataset_wheel = Path(sys.argv[3]) if given else download("names-dataset==3.3.1", "names_dataset-*.whl", binary=True)
    genders = {name: gender for name, gender in census(names_sdist).items() if name not in PARTICLES and name not in titles()}
    dataset = dataset_names(dataset_wheel)
    # a name the Census gives one gender that most of the world gives the other ("Karan", "Jean", "Laurence",
    # "Nicola"): a given name of no gender it tells
    # as is one that names-dataset's profiles give the other gender BOTH of the time or more ("Avery", "Kendall",
    # "Riley": given to boys in 1990, to both now): the article's pronouns tell which
    overturned = [name for name, gender in genders.items() if name in dataset and (dataset[name][1] != gender or dataset[name][2] <= 1 - BOTH)]
    genders.update(dict.fromkeys(overturned, "u"))
    common = set((ROOT / "src/newsgraph/data/common_words.txt").read_text("utf-8").split())
    added = Counter()
    faker = {name: next(iter(kinds)) for name, kinds in faker_names(faker_wheel).items() if len(kinds) == 1}
    words = english_words()
    for source, names in (("Faker", faker), ("names-dataset", {name: gender for name, (gender, _, _) in dataset.items()})):
        for name, gender in names.items():
            if name in genders or name in common or len(name) < 3 or name in PARTICLES or name in titles():
                continue
            if gender == "u" and name in words:
                continue  # "Snow", "Angel", "Happy": a word given to both, more often a word
            place = gazetteer.lookup(name)
            if place is not None and place.kind in ("country", "subdivision"):
                continue
            genders[name] = gender
            added[source] += 1
    rows = [f"{name}\t{gender}" for name, gender in sorted(genders.items())]
    OUT.write_text(
        "# given name<TAB>gender (f/m, u: given to both): US Census 1990 first names (public domain) via the `names`\n"
        "# package (MIT), names used for both at more than 10 % each left out; and the Latin-script first names of\n"
        "# Faker's locales (MIT) on one of its lists only; names-dataset's (MIT) among a country's 1,000 most given,\n"
        "# f or m where 90 % are given to one gender, else u; a Census name most of names-dataset's give the\n"
        "# other gender, or 30 % of them, u.\n"
        "# Built by scripts/build_given_names.py.\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    print(f"{len(rows)} names ({added['Faker']} from Faker, {added['names-dataset']} from names-dataset; {len(overturned)} of the Census's of no gender) -> {OUT}")


if __name__ == "__main__":
    main()
