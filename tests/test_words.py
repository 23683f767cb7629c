"""Lexicons are data files in strife/data/, read once per process through Resources."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from strife.extraction.lexicon import get_lexicon
from strife.extraction.notes import write_notes
from strife.extraction.numbers import quantity_at
from strife.extraction.text import tokenize
from strife.geocode import lexicon as place_words
from strife.geocode.countries import DEMONYMS, REGIONS
from strife.model import Event
from strife.resources import Resources
from strife.settings import load_settings


def test_every_resources_instance_shares_one_copy_of_each_lexicon() -> None:
    first = Resources(load_settings())
    second = Resources(replace(load_settings(), gazetteer_path="elsewhere.sqlite"))
    assert first.lexicons.events is second.lexicons.events is get_lexicon()
    assert first.lexicons.words is second.lexicons.words
    assert {"words", "events"} <= set(Resources.lexicons.loaded())


def test_number_words_come_from_the_words_file() -> None:
    tokens = tokenize("Forty-seven people were killed and two hundred wounded")
    found = quantity_at(tokens, 0)
    assert found is not None and found.value == 47
    words = Resources.lexicons.words
    assert words.tens["forty"] + words.units["seven"] == 47
    assert words.scales["hundred"] == 100


def test_notes_spell_months_from_the_words_file() -> None:
    event = Event(
        event_id="1",
        article_id="a1",
        event_date=date(2021, 9, 3),
        sub_event_type="Armed clash",
        actor1="Military Forces of Mali",
    )
    assert "3 September 2021" in write_notes(event)


def test_calendar_words_and_yaml_booleans_are_never_places() -> None:
    # "May", "Sept" and "Sunday" come from words.yaml; "no"/"on" must stay strings, not False.
    for word in ("may", "sept", "sunday", "sun", "no", "on", "off", "yes"):
        assert word in place_words.NEVER_PLACES
    assert all(isinstance(word, str) for word in place_words.NEVER_PLACES)
    assert place_words.FEATURE_WORDS["governorate"] == "admin1"


def test_country_codes_that_look_like_booleans_stay_codes() -> None:
    assert DEMONYMS["NO"] == ("Norwegian",)
    assert REGIONS["West Bank"] == ("PS", 32.0, 35.25, ())
