"""Geocoding conflict notes: admin names after a place, unknown villages, acronyms, cues.

Sentences are written for these tests in the style of short conflict notes ("in Kita (Kita,
Kayes)"); the places are real (GeoNames facts: names, codes, rough coordinates), written into a
small GeoNames-format file so that the tests do not depend on the packaged gazetteer.
"""

from __future__ import annotations

import pytest
from conftest import geonames_resources

from strife.geocode import find_places, geocode
from strife.geocode.admin_names import admin_name_variants, pair_official_names
from strife.geocode.build import _AreaStats
from strife.geocode.geo import distance_km
from strife.geocode.recognize import _weights, recognize
from strife.geocode.spans import cue_before, tokens_of
from strife.model import Article, Event, Evidence
from strife.resources import Resources
from strife.settings import load_settings

# (geonameid, name, alternate names, lat, lon, class, code, country, admin1, admin2, population)
PLACES = [
    (8000001, "Kayes Region", "", 14.0, -10.5, "A", "ADM1", "ML", "03", "", 2000000),
    (8000002, "Kita Cercle", "", 13.1, -9.5, "A", "ADM2", "ML", "03", "0302", 430000),
    (2455067, "Kita", "", 13.0349, -9.4895, "P", "PPLA2", "ML", "03", "0302", 32000),
    (2455518, "Kayes", "", 14.4469, -11.4445, "P", "PPLA", "ML", "03", "0301", 127000),
    (1859307, "Kita", "Kita-ku", 35.7528, 139.7337, "P", "PPLX", "JP", "40", "", 335000),
    (2259383, "Kayes", "", -4.18, 13.28, "P", "PPL", "CG", "01", "", 20000),
    (2460546, "Bla", "", 12.95, -5.76, "P", "PPL", "ML", "05", "", 60000),
    (1163054, "Turbat", "", 26.0023, 63.044, "P", "PPL", "PK", "02", "", 147791),
    (8000003, "Donetsk Oblast", "Donetsk", 48.0, 37.8, "A", "ADM1", "UA", "05", "", 4100000),
    (709717, "Donetsk", "", 48.023, 37.8022, "P", "PPLA", "UA", "05", "", 988000),
    (8000004, "Cherkasy Oblast", "Cherkasy", 49.44, 32.06, "A", "ADM1", "UA", "01", "", 1200000),
    (705183, "Kamianka", "Kamenka", 49.0318, 32.1055, "P", "PPL", "UA", "01", "", 12000),
    (276781, "Beirut", "Beyrouth", 33.8894, 35.4947, "P", "PPLC", "LB", "04", "", 1916100),
    (8000005, "Hamra", "", 32.41, 36.21, "P", "PPL", "JO", "21", "", 1000),
    (2468369, "Gafsa", "", 34.425, 8.7842, "P", "PPLA", "TN", "14", "", 95242),
    (2469140, "Meknassy", "", 34.6, 9.6, "P", "PPL", "TN", "18", "", 14773),
    (8000006, "Kandahar Province", "", 31.0, 65.5, "A", "ADM1", "AF", "23", "", 1300000),
    (1138958, "Kandahar", "", 31.6133, 65.7101, "P", "PPLA", "AF", "23", "", 391190),
    (8000007, "Maywand District", "", 31.62, 65.05, "A", "ADM2", "AF", "23", "2305", 60000),
    (8000008, "Chihuahua", "", 28.8, -106.0, "A", "ADM1", "MX", "06", "", 3500000),
    (4014338, "Chihuahua", "", 28.6353, -106.0889, "P", "PPLA", "MX", "06", "", 925762),
    (
        3985241,
        "Valle de Ignacio Allende",
        "Allende",
        26.9351,
        -105.3939,
        "P",
        "PPL",
        "MX",
        "06",
        "",
        4185,
    ),
    (3533462, "Allende", "", 25.28, -100.02, "P", "PPL", "MX", "19", "", 20000),
    (3139075, "Ål", "Al", 60.6307, 8.5622, "P", "PPL", "NO", "06", "", 2000),
    (58933, "Afgooye", "Afgoye", 2.1381, 45.1212, "P", "PPL", "SO", "14", "", 65461),
    (8000009, "Makhmur", "", 35.7753, 43.5796, "P", "PPL", "IQ", "11", "", 0),
]


@pytest.fixture(scope="module")
def res(tmp_path_factory: pytest.TempPathFactory) -> Resources:
    return geonames_resources(tmp_path_factory.mktemp("notes"), PLACES)


def locate(text: str, res: Resources) -> Event:
    """Geocode one event whose evidence is the whole text."""
    evidence = Evidence("n1", text, 0, len(text), ("location",))
    article = Article("n1", text=text, events=(Event("n1-0", "n1", evidence=(evidence,)),))
    return geocode(article, res).events[0]


def test_admin_names_after_a_place_pick_its_country(res: Resources) -> None:
    # Alone, "Kita" is the bigger Tokyo ward; "(Kita, Kayes)" puts it in Mali.
    assert find_places("Fighting was reported in Kita.", res)[0].country == "Japan"
    event = locate("On 3 June 2021, gunmen killed two herders in Kita (Kita, Kayes).", res)
    assert (event.location, event.country, event.geo_precision) == ("Kita", "Mali", 1)
    assert event.geonameid == 2455067


def test_unknown_village_takes_the_district_its_note_names(res: Resources) -> None:
    text = "On 4 June 2021, militants burned the market of Dobara village (Kita, Kayes)."
    event = locate(text, res)
    assert (event.location, event.country, event.geo_precision) == ("Dobara", "Mali", 2)
    assert event.latitude is not None and event.longitude is not None
    assert distance_km(event.latitude, event.longitude, 13.0349, -9.4895) < 1
    assert event.geonameid is None  # the village itself is not in the gazetteer


def test_a_namesake_outside_the_named_province_is_not_the_place(res: Resources) -> None:
    event = locate("On 5 June 2021, shells fell near Kamianka, Donetsk.", res)
    assert event.location == "Kamianka" and event.country == "Ukraine"
    assert event.latitude is not None and event.longitude is not None
    assert distance_km(event.latitude, event.longitude, 48.023, 37.8022) < 60
    assert event.geo_precision >= 2 and event.geonameid is None


def test_province_in_the_note_decides_between_namesakes_in_one_country(res: Resources) -> None:
    text = "On 6 June 2021, in the Municipality of Allende, Chihuahua, armed men shot a driver."
    event = locate(text, res)
    assert (event.location, event.admin1) == ("Allende", "Chihuahua")
    assert event.geonameid == 3985241


def test_district_of_a_province_anchors_an_unknown_place(res: Resources) -> None:
    text = (
        "On 7 June 2021, a roadside bomb hit a patrol in Khak Chopan of Maywand district, Kandahar."
    )
    event = locate(text, res)
    assert (event.location, event.country, event.geo_precision) == ("Khak Chopan", "Afghanistan", 2)
    assert event.latitude is not None and event.longitude is not None
    assert distance_km(event.latitude, event.longitude, 31.62, 65.05) < 1  # Maywand, not the city


def test_a_neighbourhood_of_a_town_is_that_town(res: Resources) -> None:
    event = locate("On 8 June 2021, protesters gathered in the Hamra neighbourhood of Beirut.", res)
    assert (event.location, event.country) == ("Beirut", "Lebanon")


def test_a_place_inside_an_organisation_name_yields_to_the_scene(res: Resources) -> None:
    text = "On 9 June 2021, workers of the Gafsa Phosphate Company protested in Meknassy."
    assert locate(text, res).location == "Meknassy"


def test_a_district_named_after_its_town_is_that_town(res: Resources) -> None:
    event = locate("On 10 June 2021, militants attacked a checkpoint in Makhmur district.", res)
    assert (event.location, event.country) == ("Makhmur", "Iraq")


def test_acronyms_articles_and_currencies_are_not_places(res: Resources) -> None:
    names = {m.text for m in find_places("BLA militants attacked a checkpoint in Turbat.", res)}
    assert names == {"Turbat"}  # "BLA" is not Bla in Mali
    names = {m.text for m in find_places("Al shabaab militants raided Afgooye.", res)}
    assert names == {"Afgooye"}  # "Al" is not Ål in Norway
    text = "Traders protested against the US dollar exchange rate in Beirut."
    assert {m.text for m in find_places(text, res)} == {"Beirut"}


def test_a_cue_that_puts_the_event_somewhere_beats_one_that_does_not(res: Resources) -> None:
    text = "On 11 June 2021, fighters from Kandahar attacked a post in Turbat."
    assert locate(text, res).location == "Turbat"


def test_apostrophes_inside_names_and_adjectives_before_them() -> None:
    assert [t.text for t in tokens_of("shelling in Dar'a and Iraq's west")][:4] == [
        "shelling",
        "in",
        "Dar'a",
        "and",
    ]
    assert [t.text for t in tokens_of("Iraq's")] == ["Iraq", "'", "s"]
    text = "crops were looted in rural Ras al Ain"
    assert cue_before(text, text.index("Ras")) == ("in", None)


def test_admin_name_variants_follow_general_rules() -> None:
    assert admin_name_variants("Province du Soum", "BF") == ["soum"]
    assert "kita" in admin_name_variants("Kita Cercle", "ML")
    assert "south darfur" in admin_name_variants("Southern Darfur", "SD")
    assert "extreme nord" in admin_name_variants("Far North", "CM")
    assert "sud kivu" in admin_name_variants("South Kivu", "CD")
    assert "alto orinoco" in admin_name_variants("Municipio Autonomo Alto Orinoco", "VE")
    assert admin_name_variants("Okaloosa County", "US") == []  # American news keeps "County"
    assert "est" not in admin_name_variants("East", "IQ")  # French forms only where spoken


def test_official_names_pair_with_geonames_admin_areas() -> None:
    areas = {"40": "Maidan Wardak Province", "23": "Kandahar", "04": "East Kasai", "18": "Kasai"}
    paired = pair_official_names(areas, ["Wardak", "Kandahār", "Kasaï Oriental"], "AF")
    assert paired == {"40": ["Wardak"], "23": ["Kandahār"]}  # no guess for "Kasai Oriental"


def test_a_province_seat_is_the_town_named_like_it_when_it_is_a_real_town() -> None:
    area = _AreaStats()
    area.add(31.6, 65.7, 391_000, 1, "Kandahar")
    area.add(31.5, 65.8, 500_000, 2, "Spin Boldak")
    area.add(31.4, 65.9, 20_000, 3, "Other")
    assert area.seat(["Kandahar Province", "Kandahar"]) == 1
    assert area.seat(["Other Province"]) == 2  # a village named like it is not its seat


def test_unsure_contexts_give_no_country_weights() -> None:
    assert _weights({"IQ": 0.0}) == {}
    assert _weights({}) == {}


def test_chain_consensus_is_recorded_on_mentions(res: Resources) -> None:
    found = recognize("Gunmen raided homes in Dobara (Kita, Kayes) at night.", res.gazetteer)
    dobara = next(f for f in found if f.text == "Dobara")
    assert dobara.place is None and dobara.within_countries == {"ML"}
    assert [c.text for c in dobara.containers] == ["Kita", "Kayes"]


def test_part_of_an_unknown_name_is_not_a_namesake_abroad() -> None:
    # The default gazetteer lacks "Abu Saida" but knows a town "Abu" in India (and a Saida in
    # Lebanon): with the province named, the village is placed in Diyala, never abroad.
    default = Resources(load_settings())
    text = "On 7 June 2021, a sniper shot a guard on the outskirts of Abu Saida in Diyala province."
    event = locate(text, default)
    assert (event.location, event.country, event.admin1) == ("Abu Saida", "Iraq", "Diyala")
    assert event.geonameid is None and event.geo_precision >= 2
    assert find_places("Pilgrims travelled to Abu by bus.", default)[0].country == "India"


def test_a_lone_namesake_in_a_country_the_text_never_supports_is_not_the_place() -> None:
    # The default gazetteer knows a Kelly in North Carolina, not the Syrian town: with a
    # Syrian province named, the town is placed in that province.
    default = Resources(load_settings())
    text = "On 3 May 2021, residents of the town of Kelly in Idleb province rallied at night."
    event = locate(text, default)
    assert (event.location, event.country, event.admin1) == ("Kelly", "Syria", "Idlib")
    assert event.geonameid is None and event.geo_precision >= 2
    # So for a village the gazetteer knows only in Morocco, placed at its Syrian town.
    text = (
        "On 12 May 2021, two houses were hit as shells fell on the village of Dardara "
        "in the countryside of Ras al-Ain in Al-Hasakah."
    )
    event = locate(text, default)
    assert (event.location, event.country, event.geo_precision) == ("Dardara", "Syria", 2)
    assert event.latitude is not None and event.longitude is not None
    assert distance_km(event.latitude, event.longitude, 36.85, 40.07) < 10  # Ras al-Ain
    # Alone, the village's name is still the Moroccan one.
    (alone,) = [m for m in find_places("A market was held in Dardara.", default)]
    assert (alone.text, alone.country) == ("Dardara", "Morocco")
    # A country named as where people come from is no such sign: the Greek town stays.
    text = "On 4 May 2021, locals rallied at a hotel in Kilkis over 200 migrants from Afghanistan."
    event = locate(text, default)
    assert (event.location, event.country) == ("Kilkis", "Greece")


def test_an_alternate_name_does_not_pull_a_village_out_of_its_district() -> None:
    # "Kalyanpur" is only an alternate name of Itanagar (Arunachal Pradesh); the note puts the
    # village in Gaya district of Bihar, a feature word standing between the cue and the name.
    default = Resources(load_settings())
    text = "On 12 May 2021, gunmen shot a trader near village Kalyanpur in Gaya district, Bihar."
    event = locate(text, default)
    assert (event.location, event.admin1, event.admin2) == ("Kalyanpur", "Bihar", "Gaya")
    assert event.geo_precision == 2 and event.geonameid is None
    assert cue_before(text, text.index("Kalyanpur")) == ("near", "city")


def test_a_zone_of_a_city_is_that_city() -> None:
    # Brazilian notes name city zones; "Central" alone is also a town in Bahia.
    default = Resources(load_settings())
    text = "On 4 May 2021, in the Central Zone of Sao Paulo, Sao Paulo, police shot a man."
    event = locate(text, default)
    assert (event.location, event.admin1, event.geo_precision) == ("Sao Paulo", "Sao Paulo", 1)


def test_a_town_and_province_spelled_otherwise_still_anchor_an_unknown_village() -> None:
    # The gazetteer writes "Wanlaweyn" and "Lower Shabeelle": both are spelling variants, and
    # the pair confirms itself (the town lies in that province), so the village is placed.
    default = Resources(load_settings())
    text = "On 6 May 2021, militants shot a soldier at Garas Barey (Wanla Weyn, Lower Shabelle)."
    event = locate(text, default)
    assert (event.location, event.country, event.geo_precision) == ("Garas Barey", "Somalia", 2)
    assert event.latitude is not None and event.longitude is not None
    assert distance_km(event.latitude, event.longitude, 2.62, 44.89) < 10  # Wanlaweyn


def test_a_capitalised_first_word_known_only_as_an_alternate_name_is_not_a_place() -> None:
    # "Farmers" is an alternate name of a small American town; "Kiev" one of Kyiv, a capital.
    default = Resources(load_settings())
    assert [m.text for m in find_places("Farmers met in Dardara on Monday.", default)] == [
        "Dardara"
    ]
    (kyiv,) = find_places("Kiev said the attack had failed.", default)
    assert (kyiv.text, kyiv.country) == ("Kiev", "Ukraine")


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        # A state's abbreviation in brackets decides between namesakes in two states.
        ("On 8 May 2021, two groups clashed in Kotwali Nagar, Pratapgarh (UP).", "Uttar Pradesh"),
        ("On 4 May 2021, workers marched in Kolimigundla town (Kurnool, AP).", "Andhra Pradesh"),
        # Names English notes use that GeoNames spells otherwise.
        ("On 8 May 2021, police raided homes in Ein Terma in Rural Damascus.", "Rif-dimashq"),
        ("On 3 May 2021, shells fell on Wadi al-Rabi (Aljfara).", "Al Jafarah"),
        ("On 2 May 2021, the governor of Hadramawt governorate closed the border.", None),
    ],
)
def test_admin_names_news_writes_otherwise(text: str, admin1: str | None) -> None:
    default = Resources(load_settings())
    event = locate(text, default)
    assert event.latitude is not None
    if admin1 is not None:
        assert event.admin1 == admin1
    else:
        assert (event.country, event.geo_precision) == ("Yemen", 3)
        assert event.admin1 == "Muhafazat Hadramaout"


def test_an_abbreviation_names_an_area_only_where_it_holds_a_place_of_its_country() -> None:
    default = Resources(load_settings())
    # "AP" after Baghdad is the news agency; "UP" in prose is a word.
    assert [m.text for m in find_places("BAGHDAD (AP) - A car bomb went off.", default)] == [
        "BAGHDAD"
    ]
    # Pratapgarh alone is the Rajasthani town; "(UP)" holds the one in Uttar Pradesh.
    (alone,) = find_places("A man was killed in Pratapgarh on Sunday.", default)
    assert alone.admin1 == "Rajasthan"
    held = find_places("A man was killed in Pratapgarh (UP) on Sunday.", default)
    assert (held[0].country, held[0].admin1) == ("India", "Uttar Pradesh")


def test_a_dateline_is_the_place_when_the_text_names_no_other() -> None:
    default = Resources(load_settings())
    event = locate("BAGHDAD (AP) - A car bomb killed five people at a market on Monday.", default)
    assert (event.location, event.country, event.geo_precision) == ("Baghdad", "Iraq", 2)


def test_j_and_k_is_one_word_naming_an_indian_state() -> None:
    # Uri is also a Swiss canton, which outvotes the Indian town of Uri by size, until "J&K"
    # (read as one word, Jammu and Kashmir) joins Baramulla in the chain.
    default = Resources(load_settings())
    event = locate(
        "On 1 May 2021, troops traded fire at Mothal village in Uri sector "
        "(Baramulla district, J&K).",
        default,
    )
    assert (event.location, event.country, event.admin1) == ("Mothal", "India", "Jammu and Kashmir")


def test_a_village_written_before_its_town_and_province_is_held_by_the_town() -> None:
    # Caracoli (Antioquia) is another village: this one belongs to Malambo, Atlantico.
    default = Resources(load_settings())
    event = locate(
        "On 30 April 2021, in Caracoli, Malambo, Atlantico department, residents marched.", default
    )
    assert (event.location, event.admin1, event.geo_precision) == ("Caracoli", "Atlantico", 2)
    assert event.latitude is not None and event.longitude is not None
    assert distance_km(event.latitude, event.longitude, 10.86, -74.77) < 10  # Malambo


@pytest.mark.parametrize(
    ("text", "location"),
    [
        # A quarter of a city named like a town elsewhere is that city.
        (
            "On 4 May 2021, workers rallied in Palanpur area of Surat city (Surat, Gujarat).",
            "Surat",
        ),
        (
            "On 8 May 2021, workers gathered at Gota area of Ahmedabad city (Ahmedabad, Gujarat).",
            "Ahmedabad",
        ),
        # A village near a town, far from its namesake, is the village the gazetteer lacks.
        (
            "On 9 May 2021, a family was attacked in Hamirpur village near Rapar town "
            "(Kachchh, Gujarat).",
            "Hamirpur",
        ),
        # A road number is no town.
        ("On 7 May 2021, men burned three lorries on Route 5 near Mulchen (Biobio).", "Mulchen"),
    ],
)
def test_parts_of_towns_villages_near_towns_and_roads(text: str, location: str) -> None:
    default = Resources(load_settings())
    event = locate(text, default)
    assert event.location == location
    assert event.admin1 in ("Gujarat", "Biobio")


def test_a_district_of_a_province_named_like_its_capital_is_not_a_quarter_of_the_capital() -> None:
    default = Resources(load_settings())
    event = locate("On 27 April 2021, dozens marched in Jaghuri district in Ghazni.", default)
    assert (event.location, event.admin2) == ("Jaghuri", "Jaghuri")


def test_two_areas_that_agree_outweigh_the_only_namesake_elsewhere() -> None:
    # The gazetteer knows only the Mehrabpur of Balochistan; the district and the province
    # the note names agree on Sindh, so this is a town the gazetteer lacks.
    default = Resources(load_settings())
    event = locate(
        "On 29 April 2021, police and traders clashed in Mehrabpur city (Naushahro Firoz, Sindh).",
        default,
    )
    assert (event.location, event.admin1, event.admin2) == ("Mehrabpur", "Sindh", "Naushahro Firoz")
    assert event.geo_precision == 2


def test_chains_through_provinces_below_regions_and_districts_of_provinces() -> None:
    default = Resources(load_settings())
    # Masbate is a province (admin2): Monreal lies in it, so Macarthur is Monreal's.
    event = locate(
        "On 30 April 2021, police and rebels fought in Macarthur, Monreal, Masbate.", default
    )
    assert (event.location, event.admin2) == ("Macarthur", "Province of Masbate")
    # A village named like a province is still a village ("Kandal village"), held by the
    # district "of" its province.
    event = locate(
        "On 29 April 2021, an old rocket exploded in Kandal village, Samraong commune, "
        "Ou Chrov district of Banteay Meanchey.",
        default,
    )
    assert (event.location, event.admin1, event.geo_precision) == ("Kandal", "Banteay Meanchey", 2)


def test_a_month_casts_no_vote_for_a_country() -> None:
    # "May" is also a town in India; it must not pull a Turkish province's name there.
    default = Resources(load_settings())
    event = locate("On 9 May 2021, Aydin Governorship made face masks mandatory.", default)
    assert (event.location, event.country) == ("Aydin", "Turkey")


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("On 8 May 2021, in Culianca, Sinaloa, gunmen shot a man dead.", "Culiacan"),
        (
            "On 2 May 2021, in Tecapaltepec, Michoacan, a cartel chief posted a video.",
            "Tepalcatepec",
        ),
        (
            "On 6 May 2021, in Dadeiba municipality, Antioquia department, troops seized a mine.",
            "Dabeiba",
        ),
    ],
)
def test_a_misspelt_town_is_the_town_of_its_province_spelled_alike(text: str, town: str) -> None:
    default = Resources(load_settings())
    event = locate(text, default)
    assert (event.location, event.geo_precision) == (town, 1)


def test_a_spelling_alike_must_keep_its_first_letter_and_its_district() -> None:
    default = Resources(load_settings())
    # Zhdanivka is a town of Donetsk oblast spelled much like the village the note names.
    event = locate(
        "On 5 May 2021, rebels fired mortars at positions near Bohdanivka, Donetsk.", default
    )
    assert event.location == "Bohdanivka" and event.geo_precision == 2
    # Raiganj is a town of West Bengal, but not of the district the note names.
    event = locate(
        "On 6 May 2021, party leaders protested at Rajganj (Jalpaiguri district, West Bengal).",
        default,
    )
    assert event.location == "Rajganj" and event.admin2 == "Jalpaiguri"
