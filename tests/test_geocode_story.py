"""Placing an event from the whole story: ledes that name only a country, cues before names.

The articles are written for these tests; the places are real (GeoNames facts), kept in a
small GeoNames-format file so the tests do not depend on the packaged gazetteer.
"""

from __future__ import annotations

import pytest
from conftest import geonames_resources

from strife.geocode import geocode
from strife.geocode.recognize import recognize
from strife.geocode.spans import cue_before, feature_after
from strife.model import Article, Event, Evidence
from strife.resources import Resources

# (geonameid, name, alternate names, lat, lon, class, code, country, admin1, admin2, population)
PLACES = [
    (2361177, "Djibo", "", 14.09864, -1.62665, "P", "PPL", "BF", "78", "", 61462),
    (8100001, "Sahel Region", "Sahel", 14.2, -0.36, "A", "ADM1", "BF", "78", "", 1200000),
    (2357048, "Ouagadougou", "", 12.36566, -1.53388, "P", "PPLC", "BF", "53", "", 2415266),
    (2363174, "Aribinda", "", 14.22963, -0.86537, "P", "PPL", "BF", "78", "", 45818),
    (2361082, "Dori", "", 14.03326, -0.03333, "P", "PPL", "BF", "78", "", 46512),
    (8100002, "Arauca Department", "Arauca", 6.5, -71.0, "A", "ADM1", "CO", "03", "", 260000),
    (3689718, "Arauca", "", 7.0847, -70.7591, "P", "PPLA", "CO", "03", "", 69264),
    (218680, "Beni", "", 0.49113, 29.47306, "P", "PPL", "CD", "19", "", 332903),
    (3923172, "Beni Department", "Beni", -14.0, -65.5, "A", "ADM1", "BO", "02", "", 422008),
    (99072, "Samarra", "", 34.19590, 43.88570, "P", "PPL", "IQ", "18", "", 158508),
    (98182, "Baghdad", "", 33.34058, 44.40088, "P", "PPLC", "IQ", "07", "", 7216000),
]


@pytest.fixture(scope="module")
def res(tmp_path_factory: pytest.TempPathFactory) -> Resources:
    return geonames_resources(tmp_path_factory.mktemp("story"), PLACES)


def _event(number: int, text: str, sentence: str) -> Event:
    start = text.index(sentence)
    evidence = Evidence("s1", sentence, start, start + len(sentence), ("location",))
    return Event(f"s1-{number}", "s1", evidence=(evidence,))


def place_all(text: str, sentences: list[str], res: Resources) -> list[Event]:
    """Geocode one event per given sentence of an article."""
    events = tuple(_event(n, text, s) for n, s in enumerate(sentences))
    return list(geocode(Article("s1", text=text, events=events), res).events)


STORY = (
    "OUAGADOUGOU - Three soldiers were killed when their truck struck a mine in northern "
    "Burkina Faso on Monday, an army officer said.\n"
    "The truck was travelling on the road to Djibo, a town in the Sahel region, he said.\n"
    "In another incident, a bomb went off near Aribinda on the same day.\n"
    "Gunmen also seized a herder in northern Burkina Faso last week, residents said."
)


def test_a_lede_naming_only_the_country_takes_the_town_the_story_names(res: Resources) -> None:
    lede = STORY.split("\n")[0]
    mine, bomb = place_all(STORY, [lede, STORY.split("\n")[2]], res)
    assert (mine.location, mine.country) == ("Djibo", "Burkina Faso")
    assert mine.geo_precision == 2  # "on the road to" Djibo: near it
    assert bomb.location == "Aribinda"


def test_a_town_nearer_another_events_sentences_is_not_borrowed(res: Resources) -> None:
    lines = STORY.split("\n")
    _mine, _bomb, herder = place_all(STORY, [lines[0], lines[2], lines[3]], res)
    # Djibo belongs to the first story; the last sentence keeps its coarse place.
    assert (herder.location, herder.geo_precision) == ("Burkina Faso", 3)


def test_the_cue_before_a_possessor_or_an_appositive_puts_the_event_at_the_name() -> None:
    text = "Police fought protesters in Uganda's capital Kampala on Sunday."
    assert cue_before(text, text.index("Kampala")) == ("in", "city")
    text = "Crowds were dispersed in the capital, Kinshasa, on Wednesday."
    assert cue_before(text, text.index("Kinshasa"))[0] == "in"
    text = "Fighters from Syria's Idlib crossed the line."
    assert cue_before(text, text.index("Idlib"))[0] == "from"
    text = "Rebels raided farms in Niger's troubled Tillaberi region overnight."
    assert cue_before(text, text.index("Tillaberi"))[0] == "in"
    text = "Uganda's government said Kampala was calm."
    assert cue_before(text, text.index("Kampala")) == (None, None)


def test_an_appositive_says_an_unknown_name_is_a_place() -> None:
    text = "Rebels attacked a base in Villa Nueva, a small town in the east."
    assert feature_after(text, text.index(",")) == ("city", False)
    text = "Rockets were fired at Santa Rita, located in the province."
    assert feature_after(text, text.index(",")) == ("city", False)
    assert feature_after("Talks in Geneva, said the envoy.", len("Talks in Geneva")) == (
        None,
        False,
    )


def test_a_country_inside_a_longer_name_is_not_that_country(res: Resources) -> None:
    text = "Rebels fired rockets at a base in Puerto Chad, located in Colombia's Arauca province."
    found = {f.text: f for f in recognize(text, res.gazetteer, ["Colombia"])}
    assert "Chad" not in found
    assert found["Puerto Chad"].place is None and found["Puerto Chad"].hint == "city"
    (event,) = place_all(text, [text], res)
    assert (event.location, event.country, event.admin1) == (
        "Puerto Chad",
        "Colombia",
        "Arauca Department",
    )


def test_the_location_score_compares_places_through_the_gazetteer(res: Resources) -> None:
    from strife.evaluate.places import bare_names, gazetteer_place_check

    assert bare_names(["Sahel region", "northern Niger"]) == [
        "Sahel region",
        "northern Niger",
        "Sahel",
        "Niger",
    ]
    check = gazetteer_place_check(res.gazetteer)
    gold = {"location": "Djibo", "country": "Burkina Faso"}
    # Another spelling of the gold place, at the gazetteer's point: the same place.
    near = Event("e", "a", location="Djibo town", latitude=14.10, longitude=-1.63)
    assert check(near, gold, ["Djibo"])
    far = Event("e", "a", location="Dori", latitude=14.03326, longitude=-0.03333)
    assert not check(far, gold, ["Djibo"])


def test_the_country_written_as_possessor_holds_the_place(res: Resources) -> None:
    # "Beni" is also a department of Bolivia; "the DR Congo's Beni region" is in Congo.
    text = "Rebels raided villages in the DR Congo's restive Beni region."
    found = recognize(text, res.gazetteer, [])
    beni = next(f for f in found if f.text == "Beni")
    assert beni.place is not None and beni.place.country_code == "CD"


def test_a_city_spelled_a_vowel_apart_is_that_city(res: Resources) -> None:
    # "Sumarra" is how a careless transliteration writes Samarra; the gazetteer has only that.
    text = "In Sumarra, police shot dead four protesters on Friday, officials in Baghdad said."
    found = {f.text: f for f in recognize(text, res.gazetteer, ["IQ"])}
    place = found["Sumarra"].place
    assert place is not None and place.name == "Samarra"


def test_a_name_of_other_consonants_is_not_respelled(res: Resources) -> None:
    text = "In Samawa, police shot dead four protesters on Friday, officials in Baghdad said."
    found = {f.text: f for f in recognize(text, res.gazetteer, ["IQ"])}
    assert "Samawa" not in found or found["Samawa"].place is None


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("Russian forces shelled Nikopol overnight, killing a man.", "Nikopol"),
        ("A drone struck Zaporizhzhia on Monday.", "Zaporizhzhia"),
        ("Militants stormed the town of Mopti before dawn.", "Mopti"),
    ],
)
def test_the_object_of_an_attack_verb_is_a_place_hint(sentence: str, place: str) -> None:
    from strife.geocode.recognize import find_place_hints

    assert place in [h.text for h in find_place_hints(sentence)]
