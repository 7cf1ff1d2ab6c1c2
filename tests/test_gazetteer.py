"""The gazetteer: real lookups on the packaged index (no model, no network)."""

from __future__ import annotations

import gzip
import hashlib
import re
from importlib import resources

import pytest

from newsgraph import gazetteer
from newsgraph.gazetteer import Place, _index, by_code, candidates, demonym, is_region, lookup, place_key

DATA = resources.files("newsgraph").joinpath("data")

# The 193 UN member states (ISO 3166-1 alpha-2).
UN_MEMBERS = """AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA
CF TD CL CN CO KM CG CD CR CI HR CU CY CZ KP KR DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE DE GH GR
GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV
ML MT MH MR MU MX FM MD MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA RO RU
RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TZ TH TL TG TO TT TN TR TM TV
UG UA AE GB US UY UZ VU VE VN YE ZM ZW""".split()


def table(name: str) -> list[list[str]]:
    text = DATA.joinpath(name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


# ---------------------------------------------------------------------------------------------
# the news place list


@pytest.mark.parametrize(
    "name, kind, country, code",
    [
        ("Kazakhstan", "country", "KZ", "KZ"),
        ("Ukraine", "country", "UA", "UA"),
        ("Taiwan", "country", "TW", "TW"),
        ("Kosovo", "country", "XK", "XK"),
        ("Palestine", "country", "PS", "PS"),
        ("Hong Kong", "country", "HK", "HK"),
        ("Georgia", "country", "GE", "GE"),  # the country before the US state
        ("Crimea", "subdivision", "UA", "UA-43"),
        ("Donetsk Oblast", "subdivision", "UA", "UA-14"),
        ("Donetsk region", "subdivision", "UA", "UA-14"),
        ("Kherson Oblast", "subdivision", "UA", "UA-65"),
        ("Zaporizhzhia region", "subdivision", "UA", "UA-23"),
        ("Bavaria", "subdivision", "DE", "DE-BY"),
        ("Catalonia", "subdivision", "ES", "ES-CT"),
        ("California", "subdivision", "US", "US-CA"),
        ("Quebec", "subdivision", "CA", "CA-QC"),
        ("Victoria", "subdivision", "AU", "AU-VIC"),  # the state before Victoria, BC
        ("Punjab", "subdivision", "IN", "IN-PB"),
        ("Kyiv", "city", "UA", None),  # the city before the city-with-special-status UA-30
        ("Kherson", "city", "UA", None),
        ("Donetsk", "city", "UA", None),  # before Donetsk, Rostov oblast
        ("Luhansk", "city", "UA", None),
        ("Bakhmut", "city", "UA", None),
        ("Mariupol", "city", "UA", None),
        ("Astana", "city", "KZ", None),
        ("Almaty", "city", "KZ", None),
        ("Gaza", "city", "PS", None),  # not the province of Mozambique
        ("Jerusalem", "city", "IL", None),
        ("Washington", "city", "US", None),  # the capital, not the state
        ("New York", "city", "US", None),
        ("Brussels", "city", "BE", None),
        ("Westminster", "city", "GB", None),  # not Westminster, Colorado
        ("Paris", "city", "FR", None),
        ("London", "city", "GB", None),
        ("Moscow", "city", "RU", None),
        ("Granada", "city", "ES", None),
        ("Odessa", "city", "UA", None),  # not Odessa, Texas
        ("Donbas", "region", "UA", None),
        ("Silicon Valley", "region", "US", None),
        ("West Bank", "region", "PS", None),
        ("Central Asia", "region", None, None),
        ("Middle East", "region", None, None),
        ("Western Europe", "region", None, None),
        ("Eastern Europe", "region", None, None),
        ("Southeast Asia", "region", None, None),
        ("Latin America", "region", None, None),
        ("the Balkans", "region", None, None),
        ("the Caucasus", "region", None, None),
        ("Scandinavia", "region", None, None),
        ("Sub-Saharan Africa", "region", None, None),
        ("the Gulf", "region", None, None),
        ("the Sahel", "region", None, None),
        ("the Arctic", "region", None, None),
        ("Africa", "continent", None, None),
        ("Europe", "continent", None, None),
        ("South America", "continent", None, None),
    ],
)
def test_news_places(name: str, kind: str, country: str | None, code: str | None):
    place = lookup(name)
    assert place is not None, name
    assert (place.kind, place.country, place.code) == (kind, country, code)


def test_city_links_geonames_and_coordinates():
    donetsk = lookup("Donetsk")
    assert donetsk == Place(
        name="Donetsk",
        kind="city",
        country="UA",
        geonames=709717,
        lat=donetsk.lat,
        lon=donetsk.lon,
        population=donetsk.population,
    )
    assert 47.9 < donetsk.lat < 48.1 and 37.7 < donetsk.lon < 37.9 and donetsk.population > 500_000
    assert [(p.kind, p.country) for p in candidates("Donetsk")] == [("city", "UA"), ("city", "RU")]
    kyiv = lookup("Kyiv")
    assert (kyiv.name, kyiv.geonames) == ("Kyiv", 703448)
    assert lookup("Kazakhstan").geonames == 1522867 and lookup("Kazakhstan").population > 10_000_000
    africa = lookup("Africa")
    assert africa.geonames == 6255146 and africa.lat is not None


@pytest.mark.parametrize(
    "place, entity_type",
    [("Kazakhstan", "GPE"), ("Crimea", "GPE"), ("Donetsk", "GPE"), ("Central Asia", "LOC"), ("Africa", "LOC")],
)
def test_entity_type(place: str, entity_type: str):
    assert lookup(place).entity_type == entity_type


# ---------------------------------------------------------------------------------------------
# spellings


@pytest.mark.parametrize(
    "variants",
    [
        ["Kyiv", "Kiev", "KYIV", "Київ", "Kyiv's", "Kyiv’s"],
        ["Zaporizhzhia", "Zaporizhzhya", "Zaporozhye", "Zaporizhia"],
        ["Luhansk", "Lugansk"],
        ["Kharkiv", "Kharkov"],
        ["Mykolaiv", "Mykolayiv", "Nikolaev"],
        ["Odesa", "Odessa"],
        ["Dnipro", "Dnepropetrovsk"],
        ["Bakhmut", "Artemivsk"],
        ["Astana", "Nur-Sultan"],
        ["Mumbai", "Bombay"],
        ["Beijing", "Peking"],
        ["Tehran", "Teheran"],
        ["Kryvyi Rih", "Kryvyy Rih", "Kryviy Rih"],
        ["Khmelnytskyi", "Khmelnytskyy", "Khmelnytskiy"],
        ["Saint Petersburg", "St Petersburg", "St. Petersburg", "Sankt-Peterburg"],
        ["United States", "the United States", "U.S.", "US", "USA", "U.S.A.", "America", "United States of America"],
        ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "the United Kingdom"],
        ["Netherlands", "the Netherlands", "Holland"],
        ["Turkey", "Türkiye"],
        ["Ivory Coast", "Côte d'Ivoire", "Cote d’Ivoire"],
        ["Czechia", "Czech Republic"],
        ["Myanmar", "Burma"],
        ["Russia", "Russian Federation"],
        ["South Korea", "Korea", "Republic of Korea"],
        ["Democratic Republic of the Congo", "DRC", "DR Congo", "Congo"],
        ["Crimea", "Autonomous Republic of Crimea", "Avtonomna Respublika Krym"],
        ["Donbas", "Donbass", "the Donbas"],
        ["Middle East", "the Middle East", "Mideast"],
    ],
)
def test_variants_find_one_place(variants: list[str]):
    places = {lookup(v) for v in variants}
    assert None not in places, [v for v in variants if lookup(v) is None]
    assert len(places) == 1, {v: lookup(v) for v in variants}


def test_canonical_names_are_english():
    assert lookup("Zaporozhye").name == "Zaporizhzhia"
    assert lookup("Nikolaev").name == "Mykolaiv"
    assert lookup("Donetsk region").name == "Donetsk Oblast"
    assert lookup("Palestinian territories").name == "Palestine"
    assert lookup("Russian Federation").name == "Russia"
    assert lookup("Bayern").name == "Bavaria"


@pytest.mark.parametrize(
    "name, key",
    [
        ("Zaporizhzhya", "zaporizhzhia"),
        ("Zaporizhzhia", "zaporizhzhia"),
        ("Côte d’Ivoire", "cote divoire"),
        ("Ma‘ān", "maan"),
        ("Ivano-Frankivsk", "ivano frankivsk"),
        ("The Hague", "hague"),
        ("the", "the"),
        ("St. Louis", "saint louis"),
        ("U.S.", "u s"),
        ("Khmelnytskyy", "khmelnytskyi"),
        ("Київ", "kiiv"),
        ("Tallinn", "tallinn"),  # doubled letters are not folded
        ("Samarra", "samarra"),
    ],
)
def test_place_key(name: str, key: str):
    assert place_key(name) == key


def test_folds_keep_well_known_places_apart():
    assert lookup("Samarra").country == "IQ" and lookup("Samara").country == "RU"
    assert lookup("Shanxi").code != lookup("Shaanxi").code


# ---------------------------------------------------------------------------------------------
# what is not a place


@pytest.mark.parametrize(
    "word",
    [
        "Scholz",
        "Tokayev",
        "Apple",
        "Monday",
        "Wall Street",
        "us",  # the pronoun: "US" is a country only in capitals
        "Us",
        "of",
        "Of",  # a Turkish town, but a stop word
        "the",
        "",
        "President of Ukraine",
        "Amazon",  # the company; the region is "the Amazon rainforest"
        "Kazakh",  # a demonym, not a place name
    ],
)
def test_not_places(word: str):
    assert lookup(word) is None
    assert candidates(word) == []


def test_exact_abbreviations():
    assert lookup("US").code == "US" and lookup("us") is None
    assert lookup("UAE").code == "AE" and lookup("uae") is None
    assert lookup("Calif.").code == "US-CA" and lookup("calif") is None


# ---------------------------------------------------------------------------------------------
# regions


def test_is_region():
    for name in ["Central Asia", "the Middle East", "Western Europe", "Africa", "the Balkans", "the Black Sea"]:
        assert is_region(name), name
    for name in ["Kazakhstan", "Donetsk", "Crimea", "Scholz", "Monday"]:
        assert not is_region(name), name


def test_every_region_of_the_table_is_found():
    for cells in table("regions.tsv"):
        cells += [""] * (7 - len(cells))
        name, kind, country = cells[0], cells[1], cells[2] or None
        for written in [name] + [a for a in cells[6].split("|") if a]:
            place = lookup(written)
            assert place is not None and place.name == name, written
            assert (place.kind, place.country, place.entity_type) == (kind, country, "LOC")


# ---------------------------------------------------------------------------------------------
# demonyms


@pytest.mark.parametrize(
    "word, code",
    [
        ("Kazakh", "KZ"),
        ("Kazakhs", "KZ"),
        ("Kazakhstani", "KZ"),
        ("German", "DE"),
        ("Germans", "DE"),
        ("Russian", "RU"),
        ("Russians", "RU"),
        ("Ukrainian", "UA"),
        ("Ukrainians", "UA"),
        ("Chinese", "CN"),
        ("Norwegian", "NO"),
        ("American", "US"),
        ("Americans", "US"),
        ("British", "GB"),
        ("Britons", "GB"),
        ("Scottish", "GB"),
        ("Dutch", "NL"),
        ("Swiss", "CH"),
        ("Filipino", "PH"),
        ("Nigerien", "NE"),
        ("Nigerian", "NG"),
        ("Congolese", "CD"),
        ("Korean", "KR"),
        ("North Korean", "KP"),
        ("Palestinian", "PS"),
        ("Taiwanese", "TW"),
        ("Kosovar", "XK"),
        ("Burkinabè", "BF"),
        ("Monégasque", "MC"),
        ("Polish", "PL"),
        ("POLISH", "PL"),
        ("Poles", "PL"),
        ("Turks", "TR"),
    ],
)
def test_demonyms(word: str, code: str):
    place = demonym(word)
    assert place is not None and place.code == code and place.kind == "country"


@pytest.mark.parametrize(
    "word", ["polish", "poles", "turkey", "Turkey", "Scholz", "Arab", "Latin", "Middle Eastern", "Soviet", "", "Kazakhstan"]
)
def test_not_demonyms(word: str):
    assert demonym(word) is None


def test_a_continent_s_demonym_is_the_continent():
    assert demonym("European").name == "Europe" and demonym("Africans").name == "Africa" and demonym("Asian").kind == "continent"
    assert demonym("South African").code == "ZA" and demonym("european") is None


def test_demonym_case_sensitivity_can_be_turned_off():
    assert demonym("polish", case_sensitive=False).code == "PL"


def test_demonyms_cover_the_un():
    codes = {code for _, code in table("demonyms.tsv")}
    assert len(UN_MEMBERS) == 193
    # Congo-Brazzaville and Dominica share their words with DR Congo and the Dominican Republic
    assert set(UN_MEMBERS) - codes == {"CG", "DM"}
    assert "PS" in codes


def test_demonym_table_is_consistent():
    words = [word.lower() for word, _ in table("demonyms.tsv")]
    assert len(words) == len(set(words))
    for word, code in table("demonyms.tsv"):
        assert re.fullmatch(r"[A-Z]{2}", code) or code in ("Europe", "Africa", "Asia"), word
        place = by_code(code) if len(code) == 2 else lookup(code)
        assert place is not None and place.kind == ("country" if len(code) == 2 else "continent"), word
        assert demonym(word) == place, word


# ---------------------------------------------------------------------------------------------
# the packaged data


def test_every_alias_finds_its_target():
    for cells in table("aliases.tsv"):
        alias, target = cells[0], cells[1]
        place = lookup(alias)
        assert place is not None, alias
        if target.startswith("geonames:"):
            assert place.geonames == int(target[9:]), alias
        else:
            assert place.code == target, alias


def test_by_code():
    assert by_code("KZ").name == "Kazakhstan"
    assert by_code("ua-14").name == "Donetsk Oblast"
    assert by_code("XK").name == "Kosovo"
    assert by_code("ZZ") is None
    for code in UN_MEMBERS:
        place = by_code(code)
        assert place is not None and place.kind == "country" and place.geonames, code


def test_index_is_built_from_the_current_tables():
    """places.tsv.gz records the tables it was built from: rerun scripts/build_gazetteer.py after
    editing aliases.tsv or regions.tsv."""
    with gzip.open(DATA.joinpath("places.tsv.gz").open("rb"), "rt", encoding="utf-8") as f:
        head = [next(f) for _ in range(12)]
    inputs = "".join(line for line in head if line.startswith("#inputs:"))
    recorded = dict(re.findall(r"(\S+\.(?:tsv|txt))=([0-9a-f]+)", inputs))
    assert recorded, "no #inputs: line in places.tsv.gz"
    for name, digest in recorded.items():
        actual = hashlib.sha256(DATA.joinpath(name).read_bytes()).hexdigest()[: len(digest)]
        assert actual == digest, f"{name} changed since places.tsv.gz was built: rerun scripts/build_gazetteer.py"
    assert any(line.startswith(f"#key-version: {gazetteer.KEY_VERSION}") for line in head)
    assert "CC BY 4.0" in "".join(head)


def test_index_loads_once_and_stays_small():
    """A sanity check, not a timing: the index is loaded once per process (about 0.2 s and 16 MiB
    on the development machine), from a packaged file of about 1.9 MB."""
    index = gazetteer._index()
    assert gazetteer._index() is index
    assert 30_000 < len(index.rows) < 70_000
    assert 50_000 < len(index.keys) < 200_000
    assert DATA.joinpath("places.tsv.gz").stat().st_size < 3_000_000  # type: ignore[attr-defined]


@pytest.mark.parametrize("phrase", ["White House", "white house", "Star City", "White Hall"])
def test_an_english_phrase_is_no_city_s_alternate_name(phrase):
    # GeoNames gives Casablanca "White House" (its name translated) and Roanoke "Star City" (a
    # nickname); the news means the building or the phrase, never the city
    assert lookup(phrase) is None


def test_cities_keep_their_own_names_and_their_foreign_spellings():
    assert lookup("Casablanca").geonames == 2553604
    assert lookup("Mexico City").country == "MX"
    assert lookup("Bombay").name == "Mumbai"


def test_every_place_can_be_put_on_a_map():
    # countries, states and provinces of every country, macro-regions and seas (issue 17: a linked
    # place without coordinates cannot be put on a map nor measured against a gold point)
    for name, lat, lon in [("Turkey", 39, 35), ("France", 46, 2), ("Louisiana", 31.0, -92.0), ("California", 37.3, -119.7),
                           ("Ontario", 50, -86), ("Bavaria", 49, 11.4), ("Kosovo", 42.6, 20.9), ("Middle East", 29, 45),
                           ("Black Sea", 43, 34), ("Curacao", 12.2, -69)]:
        place = lookup(name)
        assert place.lat is not None and abs(place.lat - lat) < 1.5 and abs(place.lon - lon) < 1.5, name
    index = _index()
    assert all(index.place(row).lat is not None and index.place(row).lon is not None for row in range(len(index.rows)))


def test_a_country_has_geonames_point_and_a_province_its_geonames_id():
    # the point of the GeoNames feature the country's id names (REST Countries' 38, -97 for the US lies
    # 235 km from GeoNames' 39.76, -98.5; Canada's 60, -95 over 1,000 km from 60.1, -113.6), and a
    # province's or a state's GeoNames id, so that a place's id and its coordinates name the same feature
    for name, lat, lon in [("United States", 39.76, -98.5), ("Canada", 60.11, -113.64), ("Japan", 35.69, 139.75),
                           ("India", 22, 79), ("Libya", 28, 17), ("United Kingdom", 54.76, -2.7)]:
        place = lookup(name)
        assert abs(place.lat - lat) < 0.05 and abs(place.lon - lon) < 0.05, name
    assert lookup("Alberta").geonames == 5883102 and lookup("Queensland").geonames == 2152274
    assert lookup("Bavaria").geonames == 2951839 and lookup("Hawaii").geonames == 5855797


def test_a_us_state_or_canadian_province_outranks_its_namesake_town_but_elsewhere_the_city_wins():
    # the news names Delaware and Oklahoma the states far more often than the Ohio town or Oklahoma City
    assert [lookup(n).kind for n in ("Delaware", "Oklahoma", "Wyoming", "Oregon")] == ["subdivision"] * 4
    assert lookup("Kansas City").kind == "city" and lookup("Kyiv").kind == "city" and lookup("Ancona").kind == "city"


def test_a_small_us_or_canadian_town_is_only_another_reading_of_a_name_the_index_has():
    # towns of 1,000 to 15,000 in the US and Canada that share a bigger place's name: a reading the entity stage
    # may take in context ("Edmonton, Ky."), never the first, and a town's name no other place has is not found
    assert lookup("Edmonton").country == "CA" and lookup("London").country == "GB"
    assert ("US", "US-KY") in {(c.country, c.within) for c in candidates("Edmonton")}
    assert ("US", "US-MO") in {(c.country, c.within) for c in candidates("Paris")}
    assert lookup("Bardstown") is None
