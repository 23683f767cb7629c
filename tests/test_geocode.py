"""Place recognition and the geocode stage, on sentences written for these tests."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import strife.geocode
from strife.geocode import PlaceMention, find_places, geocode
from strife.geocode.build import build_gazetteer
from strife.geocode.geo import distance_km, offset_point
from strife.geocode.locate import datelines, sentences
from strife.geocode.recognize import recognize
from strife.model import Article, Event, Evidence
from strife.resources import Resources
from strife.settings import load_settings

SAMPLE = Path(__file__).parent / "data" / "geonames_sample.txt"
HIT = (33.63664, 42.82768)
RAMADI = (33.42056, 43.30778)


@pytest.fixture(scope="module")
def res(tmp_path_factory: pytest.TempPathFactory) -> Resources:
    path = tmp_path_factory.mktemp("geocode") / "sample.sqlite"
    build_gazetteer(path, geonames=[SAMPLE], packaged=False)
    return Resources(load_settings(gazetteer_path=str(path)))


def by_text(mentions: list[PlaceMention]) -> dict[str, PlaceMention]:
    return {m.text: m for m in mentions}


def article_with_event(text: str, evidence: list[str], location: str | None = None) -> Article:
    spans = []
    for sentence in evidence:
        start = text.index(sentence)
        spans.append(Evidence("a1", sentence, start, start + len(sentence), ("location",)))
    event = Event("a1-0", "a1", event_type="Battles", location=location, evidence=tuple(spans))
    return Article("a1", text=text, events=(event,))


def test_find_places_resolves_cues_and_transliterations(res: Resources) -> None:
    text = "Gunmen attacked a checkpoint near Heet, west of Ramadi, and officials in Anbar said so."
    found = by_text(find_places(text, res))
    assert set(found) == {"Heet", "Ramadi", "Anbar"}
    heet = found["Heet"]
    assert (heet.name, heet.country, heet.admin1) == ("Hit", "Iraq", "Al Anbar")
    assert heet.geonameid == 95788
    assert heet.relation == "near" and heet.resolved and heet.feature == "city"
    assert text[heet.start : heet.end] == "Heet"
    assert found["Ramadi"].relation == "west of"
    assert found["Anbar"].feature == "admin1" and found["Anbar"].country == "Iraq"


def test_spelling_variants_resolve_in_context(res: Resources) -> None:
    found = by_text(find_places("Troops advanced around Annah and toward Qaem in Iraq.", res))
    assert found["Annah"].geonameid == 6765385
    assert found["Qaem"].geonameid == 92138


def test_anbar_is_never_the_turkish_village_and_us_never_the_french_hamlet(
    res: Resources,
) -> None:
    anbar = find_places("Fighting continued in Anbar on Sunday.", res)
    assert [(m.feature, m.country) for m in anbar] == [("admin1", "Iraq")]
    us = find_places("The US embassy condemned the attack.", res)
    assert [(m.name, m.feature) for m in us] == [("United States", "country")]


def test_context_decides_between_places_of_the_same_name(res: Resources) -> None:
    france = find_places("Protesters marched through Paris, France, on Saturday.", res)
    assert by_text(france)["Paris"].country == "France"
    texas = find_places(
        "Storms flooded streets in Paris in the United States.", res, countries=["United States"]
    )
    assert by_text(texas)["Paris"].country == "United States"


def test_common_words_titles_and_demonyms_are_not_places(res: Resources) -> None:
    text = "May said the Mobile unit of the Iraqi police would visit Mr. Ramadi in Hit Street."
    names = {m.text for m in find_places(text, res)}
    assert not names & {"May", "Mobile", "Iraqi", "Ramadi"}
    demonyms = [f for f in recognize("Iraqi forces advanced.", res.gazetteer, demonyms=True)]
    assert [(f.text, f.place and f.place.country_code) for f in demonyms] == [("Iraqi", "IQ")]
    assert find_places("Iraqi forces advanced.", res) == []


def test_unknown_villages_are_recognised_by_their_cues(res: Resources) -> None:
    text = "Militants stormed the villages of Albu Dhiyab and Jazirat Khalid near Hit."
    found = by_text(find_places(text, res))
    assert not found["Albu Dhiyab"].resolved and found["Albu Dhiyab"].feature == "unknown"
    assert found["Jazirat Khalid"].relation == "the villages of"
    assert found["Hit"].geonameid == 95788
    assert (
        by_text(find_places("Strikes hit a camp in al-Jarishi on Monday.", res))[
            "al-Jarishi"
        ].relation
        == "in"
    )


def test_sentences_and_datelines() -> None:
    text = "RAMADI, Iraq (Agency) – Col. Ali said it. Two died.\nA new line starts here."
    assert [text[a:b] for a, b in sentences(text)] == [
        "RAMADI, Iraq (Agency) – Col. Ali said it.",
        "Two died.",
        "A new line starts here.",
    ]


def test_dateline_and_description_are_not_the_incident_place(res: Resources) -> None:
    text = (
        "BAGHDAD, Iraq (Agency) – Gunmen killed three soldiers near Hit, west of Ramadi, "
        "on Monday, police said.\nThe attackers fled into the desert."
    )
    found = recognize(text, res.gazetteer)
    assert {f.text for f in found if f.start in datelines(text, found)} == {"BAGHDAD", "Iraq"}
    article = geocode(article_with_event(text, [text.split("\n")[0]]), res)
    event = article.events[0]
    assert (event.location, event.geo_precision, event.geonameid) == ("Hit", 2, 95788)
    assert (event.country, event.iso, event.admin1) == ("Iraq", 368, "Al Anbar")
    assert (event.latitude, event.longitude) == HIT
    assert article.provenance[-1] == "geocode.v1" and not article.problems
    for evidence in event.evidence:
        assert article.text[evidence.start : evidence.end] == evidence.text
    assert any("geo_precision" in e.fields for e in event.evidence)


def test_distance_and_bearing_give_an_offset_point(res: Resources) -> None:
    text = "A roadside bomb struck a convoy about 20 km north of Ramadi on Sunday."
    event = geocode(article_with_event(text, [text]), res).events[0]
    assert event.geo_precision == 2 and event.location == "Ramadi"
    assert event.latitude is not None and event.longitude is not None
    assert distance_km(event.latitude, event.longitude, *RAMADI) == pytest.approx(20, abs=0.5)
    assert event.latitude > RAMADI[0]


def test_unknown_village_takes_the_place_its_sentence_ties_it_to(res: Resources) -> None:
    text = "Militants overran the village of Albu Dhiyab, 15 km west of Hit, on Friday."
    event = geocode(article_with_event(text, [text]), res).events[0]
    assert (event.location, event.geo_precision, event.admin1) == ("Albu Dhiyab", 2, "Al Anbar")
    assert (event.latitude, event.longitude) == offset_point(*HIT, 15, 270)
    assert event.geonameid is None  # the coordinates are Hit's, not the village's


def test_unknown_village_falls_back_on_the_town_named_before(res: Resources) -> None:
    text = (
        "Fighting raged around Ramadi on Sunday.\n"
        "Later, gunmen raided a checkpoint near Zankurah, killing four."
    )
    event = geocode(article_with_event(text, [text.split("\n")[1]]), res).events[0]
    assert (event.location, event.geo_precision) == ("Zankurah", 2)
    assert (event.latitude, event.longitude) == RAMADI
    fields = {f for e in event.evidence for f in e.fields}
    assert {"location", "latitude", "longitude", "admin1"} <= fields


def test_a_region_of_a_town_is_that_town_at_precision_two(res: Resources) -> None:
    text = "Jets struck a depot in al-Jarishi, a region of the town of Qaem, killing nine."
    event = geocode(article_with_event(text, [text]), res).events[0]
    assert (event.location, event.geo_precision, event.admin1) == ("al-Jarishi", 2, "Al Anbar")
    assert (event.latitude, event.longitude) == (34.39251, 40.98945)


def test_province_only_is_precision_three_at_its_main_town(res: Resources) -> None:
    text = "Airstrikes killed 12 militants in Anbar province on Monday."
    event = geocode(article_with_event(text, [text]), res).events[0]
    assert (event.location, event.geo_precision, event.admin1) == ("Anbar", 3, "Al Anbar")
    assert (event.latitude, event.longitude) == RAMADI and event.geonameid is None


def test_town_beats_its_province_and_the_hint_picks_among_towns(res: Resources) -> None:
    text = "Clashes erupted in Anbar province. Gunmen fired on troops in Heet and near Ramadi."
    first, second = text.split(". ")
    article = article_with_event(text, [first + ".", second])
    assert geocode(article, res).events[0].location == "Hit"  # "Heet" is spelt as GeoNames does
    hinted = replace(article, events=(replace(article.events[0], location="Ramadi"),))
    event = geocode(hinted, res).events[0]
    assert (event.location, event.geo_precision) == ("Ramadi", 2)


def test_event_without_a_place_gets_a_problem(res: Resources) -> None:
    text = "Unknown attackers killed two people, the statement said."
    article = geocode(article_with_event(text, [text]), res)
    assert article.events[0].latitude is None
    assert [(p.stage, p.code) for p in article.problems] == [("geocode", "no_location")]
    empty = Article("a2", text=text)
    assert geocode(empty, res).provenance == ("geocode.v1",)


def test_notes_are_rewritten_once_the_place_is_known(
    res: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        strife.geocode,
        "write_notes",
        lambda event: f"At {event.location} (precision {event.geo_precision}).",
    )
    text = "Gunmen attacked a checkpoint in Heet, in western Anbar, on Monday."
    event = geocode(article_with_event(text, [text]), res).events[0]
    assert event.notes == "At Hit (precision 1)."


def test_regions_the_news_names_are_places(res: Resources) -> None:
    text = "ERBIL, Kurdistan Region – Shelling hit villages in Iraqi Kurdistan and the West Bank."
    found = by_text(find_places(text, res))
    assert found["Kurdistan Region"].country == "Iraq"
    assert found["Iraqi Kurdistan"].name == "Kurdistan Region"
    assert found["West Bank"].country == "Palestine"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Heet",
                "near",
                "al-",
                "Ramadi",
                ",",
                "the village of",
                "Anbar",
                "US",
                "-led",
                " ",
                "\n",
                "RAMADI",
                "(",
                ")",
                "–",
                "30 km",
                "west of",
                "Qaem",
                "Mr.",
                "Abu",
                "é",
                "'s",
            ]
        )
        | st.text(max_size=6),
        max_size=25,
    )
)
def test_recognition_never_fails_and_offsets_hold(res: Resources, parts: list[str]) -> None:
    text = " ".join(parts)
    for mention in find_places(text, res):
        assert text[mention.start : mention.end] == mention.text
        assert mention.resolved == (mention.latitude is not None)
    article = geocode(article_with_event(text, [text]) if text.strip() else Article("a"), res)
    for event in article.events:
        assert event.latitude is None or -90 <= event.latitude <= 90
        for evidence in event.evidence:
            assert article.text[evidence.start : evidence.end] == evidence.text
