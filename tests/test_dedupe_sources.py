"""Merging across outlets without relying on dates: wire copies and undated reports."""

from __future__ import annotations

from datetime import timedelta

from conftest import DAY, RAMADI
from test_dedupe import _at

from strife.dedupe import cluster_events
from strife.model import Evidence

WIRE = (
    "Fighters of the armed group stormed an army outpost on the road to Haditha before "
    "dawn, killing five soldiers and wounding seven others, a provincial police officer "
    "said, adding that reinforcements had been sent from the nearby base and that the "
    "attackers withdrew towards the desert after a gunfight that lasted two hours."
)


def _quote(event_id: str, text: str) -> tuple[Evidence, ...]:
    return (Evidence(event_id.split(":")[0], text, 0, len(text), ("event",)),)


def test_two_wire_copies_merge_whatever_their_dates_and_places_say() -> None:
    # One outlet trimmed the agency text and put a new headline on it; its page gave no
    # date and its geocoder placed the outpost in another province.
    trimmed = WIRE.replace("before dawn, ", "").replace(
        " and that the attackers", ". The attackers"
    )
    first = _at("a1:0", *RAMADI, evidence=_quote("a1:0", "Militants attack outpost. " + WIRE))
    second = _at(
        "a2:0",
        35.0,
        43.0,
        event_date=None,
        admin1="Salah al-Din",
        evidence=_quote("a2:0", "Five soldiers die near Haditha. " + trimmed),
    )
    assert cluster_events([first, second]) == [["a1:0", "a2:0"]]


def test_two_similar_attacks_a_day_apart_in_one_town_stay_apart() -> None:
    text = "Gunmen attacked a checkpoint in the town and killed five soldiers, police said."
    first = _at("a1:0", *RAMADI, evidence=_quote("a1:0", text))
    second = _at(
        "a2:0",
        *RAMADI,
        day=DAY + timedelta(days=1),
        fatalities=3,
        deaths_b=3,
        evidence=_quote("a2:0", text.replace("five", "three")),
    )
    assert cluster_events([first, second]) == [["a1:0"], ["a2:0"]]


def test_an_undated_report_joins_the_one_incident_it_matches() -> None:
    dated = _at("a1:0", *RAMADI, location="Ramadi")
    other = _at(
        "a3:0",
        *RAMADI,
        location="Ramadi",
        day=DAY + timedelta(days=9),
        fatalities=12,
        deaths_b=12,
        actor1="Military Forces of Iraq",
        actor2="Tribal Militia",
    )
    undated = _at("a2:0", *RAMADI, location="Ramadi", event_date=None)
    assert cluster_events([dated, other, undated]) == [["a1:0", "a2:0"], ["a3:0"]]


def test_an_undated_report_two_incidents_fit_equally_stays_alone() -> None:
    first = _at("a1:0", *RAMADI, location="Ramadi")
    second = _at("a3:0", *RAMADI, location="Ramadi", day=DAY + timedelta(days=9))
    undated = _at("a2:0", *RAMADI, location="Ramadi", event_date=None)
    assert cluster_events([first, second, undated]) == [["a1:0"], ["a2:0"], ["a3:0"]]


def test_an_undated_report_whose_toll_disagrees_stays_alone() -> None:
    dated = _at("a1:0", *RAMADI, location="Ramadi", fatalities=29, deaths_b=29)
    undated = _at("a2:0", *RAMADI, location="Ramadi", event_date=None, fatalities=2, deaths_b=2)
    assert cluster_events([dated, undated]) == [["a1:0"], ["a2:0"]]
