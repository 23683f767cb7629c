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
    (2457161, "Gao", "", 16.2717, -0.0447, "P", "PPLA", "ML", "09", "", 86633),
    (8100001, "Gao Region", "Gao", 16.5, 0.5, "A", "ADM1", "ML", "09", "", 550000),
    (2460596, "Bamako", "", 12.65, -8.0, "P", "PPLC", "ML", "08", "", 1297281),
    (2460954, "Bourem", "", 16.9564, -0.3469, "P", "PPL", "ML", "09", "", 27486),
    (2450173, "Tessalit", "", 20.1986, 1.0114, "P", "PPL", "ML", "07", "", 4000),
    (1176615, "Islamabad", "", 33.7215, 73.0433, "P", "PPLC", "PK", "08", "", 601600),
    (1172451, "Lahore", "", 31.558, 74.3507, "P", "PPLA", "PK", "04", "", 6310888),
    (8100002, "Arauca Department", "Arauca", 6.5, -71.0, "A", "ADM1", "CO", "03", "", 260000),
    (3689718, "Arauca", "", 7.0847, -70.7591, "P", "PPLA", "CO", "03", "", 69264),
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
    "BAMAKO - Three soldiers were killed when their truck struck a mine in northern Mali on "
    "Monday, an army officer said.\n"
    "The truck was travelling on the road to Bourem, a town in the Gao region, he said.\n"
    "In another incident, a bomb went off near Tessalit on the same day.\n"
    "Gunmen also seized a herder in northern Mali last week, residents said."
)


def test_a_lede_naming_only_the_country_takes_the_town_the_story_names(res: Resources) -> None:
    lede = STORY.split("\n")[0]
    mine, bomb = place_all(STORY, [lede, STORY.split("\n")[2]], res)
    assert (mine.location, mine.country) == ("Bourem", "Mali")
    assert mine.geo_precision == 2  # "on the road to" Bourem: near it
    assert bomb.location == "Tessalit"


def test_a_town_nearer_another_events_sentences_is_not_borrowed(res: Resources) -> None:
    lines = STORY.split("\n")
    _mine, _bomb, herder = place_all(STORY, [lines[0], lines[2], lines[3]], res)
    # Bourem belongs to the first story; the last sentence keeps its coarse place.
    assert (herder.location, herder.geo_precision) == ("Mali", 3)


def test_the_cue_before_a_possessor_or_an_appositive_puts_the_event_at_the_name() -> None:
    text = "Police fought protesters in Pakistan's capital Islamabad on Sunday."
    assert cue_before(text, text.index("Islamabad")) == ("in", "city")
    text = "Crowds were dispersed in the capital, Nairobi, on Wednesday."
    assert cue_before(text, text.index("Nairobi"))[0] == "in"
    text = "Fighters from Syria's Idlib crossed the line."
    assert cue_before(text, text.index("Idlib"))[0] == "from"
    text = "Rebels raided farms in the DR Congo's troubled Beni region overnight."
    assert cue_before(text, text.index("Beni"))[0] == "in"
    text = "Pakistan's government said Islamabad was calm."
    assert cue_before(text, text.index("Islamabad")) == (None, None)


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
    text = "Rebels fired rockets at a base in Puerto Jordan, located in Colombia's Arauca province."
    found = {f.text: f for f in recognize(text, res.gazetteer, ["Colombia"])}
    assert "Jordan" not in found
    assert found["Puerto Jordan"].place is None and found["Puerto Jordan"].hint == "city"
    (event,) = place_all(text, [text], res)
    assert (event.location, event.country, event.admin1) == (
        "Puerto Jordan",
        "Colombia",
        "Arauca Department",
    )


def test_the_location_score_compares_places_through_the_gazetteer(res: Resources) -> None:
    from strife.evaluate.places import bare_names, gazetteer_place_check

    assert bare_names(["Gao region", "northern Mali"]) == [
        "Gao region",
        "northern Mali",
        "Gao",
        "Mali",
    ]
    check = gazetteer_place_check(res.gazetteer)
    gold = {"location": "Bourem", "country": "Mali"}
    # Another spelling of the gold place, at the gazetteer's point: the same place.
    near = Event("e", "a", location="Bourem town", latitude=16.96, longitude=-0.35)
    assert check(near, gold, ["Bourem"])
    far = Event("e", "a", location="Gao", latitude=16.2717, longitude=-0.0447)
    assert not check(far, gold, ["Bourem"])
