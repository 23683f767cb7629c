"""Merging across outlets without relying on dates: wire copies and undated reports."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from conftest import DAY, RAMADI
from test_dedupe import _at, _km_east

from strife.dedupe import cluster_events, reconcile
from strife.model import EVENT_WEEKDAY, Event, Evidence

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


def _on_weekday(event_id: str, sentence: str, **values: object) -> Event:
    """An undated report whose story names the weekday of `sentence`."""
    evidence = (Evidence(event_id.split(":")[0], sentence, 0, len(sentence), (EVENT_WEEKDAY,)),)
    return _at(event_id, *RAMADI, location="Ramadi", event_date=None, evidence=evidence, **values)


def test_an_undated_report_joins_only_an_incident_of_the_weekday_it_names() -> None:
    # DAY is Wednesday 27 September 2017; a second clash in the town nine days later, a Friday.
    wednesday = _at("a1:0", *RAMADI, location="Ramadi")
    friday = _at("a3:0", *RAMADI, location="Ramadi", day=DAY + timedelta(days=9))
    told_wednesday = _on_weekday("a2:0", "Militants stormed a checkpoint on Wednesday.")
    assert cluster_events([wednesday, friday, told_wednesday]) == [["a1:0", "a2:0"], ["a3:0"]]
    told_saturday = _on_weekday("a2:0", "Militants stormed a checkpoint on Saturday.")
    assert cluster_events([wednesday, told_saturday]) == [["a1:0"], ["a2:0"]]
    # A night told from either side fits: "late on Tuesday" for a Wednesday's incident.
    told_tuesday = _on_weekday("a2:0", "Militants stormed a checkpoint late on Tuesday.")
    assert cluster_events([wednesday, told_tuesday]) == [["a1:0", "a2:0"]]


def test_an_undated_report_of_the_right_weekday_may_be_placed_elsewhere_in_the_province() -> None:
    # 90 km apart: the outlet named the town the convoy left, the other the road's end.
    far = _km_east(90.0)
    dated = _at("a1:0", *RAMADI, location="Ramadi", geo_precision=2)
    told = _on_weekday(
        "a2:0", "A convoy hit a roadside bomb on Wednesday.", longitude=RAMADI[1] + far
    )
    assert cluster_events([dated, told]) == [["a1:0", "a2:0"]]
    # Without a weekday to tie them, a report that far away stays alone.
    plain = _at("a2:0", RAMADI[0], RAMADI[1] + far, location="Hit", event_date=None)
    assert cluster_events([dated, plain]) == [["a1:0"], ["a2:0"]]


def test_same_day_reports_of_places_spelled_alike_merge_wherever_they_were_placed() -> None:
    # Two transliterations of one village, which the gazetteer put 300 km apart.
    first = _at("a1:0", *RAMADI, location="Karabulak")
    second = _at("a2:0", 34.0, 40.0, location="Karabulaq", admin1="Nineveh")
    assert cluster_events([first, second]) == [["a1:0", "a2:0"]]
    # Another toll, or another day, is another incident in a namesake village.
    other_toll = replace(second, fatalities=9, deaths_b=9)
    assert cluster_events([first, other_toll]) == [["a1:0"], ["a2:0"]]
    next_day = replace(second, event_date=DAY + timedelta(days=1))
    assert cluster_events([first, next_day]) == [["a1:0"], ["a2:0"]]


def test_two_events_of_one_article_with_different_tolls_stay_apart() -> None:
    clash = _at("a1:0", *RAMADI, location="Ramadi")
    aftermath = _at("a1:1", *RAMADI, location="Ramadi", fatalities=None, deaths_b=None)
    assert cluster_events([clash, aftermath]) == [["a1:0"], ["a1:1"]]


def test_an_incident_takes_the_earliest_of_its_most_precise_dates() -> None:
    # One outlet dated the attack by the day police spoke of it, the other by the attack.
    told_late = _at("a1:0", *RAMADI, location="Ramadi", day=DAY + timedelta(days=1))
    told_right = _at("a2:0", *RAMADI, location="Ramadi")
    rough = _at("a3:0", *RAMADI, day=DAY - timedelta(days=2), time_precision=2)
    incident = reconcile([told_late, told_right, rough])
    assert (incident.event.event_date, incident.event.time_precision) == (DAY, 1)


def test_eval_scores_the_date_of_the_incident_a_report_is_merged_into() -> None:
    from strife.evaluate.runs import incident_dates

    dated = _at("a1:0", *RAMADI, location="Ramadi")
    undated = _at("a2:0", *RAMADI, location="Ramadi", event_date=None)
    clusters = cluster_events([dated, undated])
    assert incident_dates([dated, undated], clusters) == {"a1:0": (DAY, 1), "a2:0": (DAY, 1)}


def test_places_whose_numbers_differ_are_never_alike() -> None:
    first = _at("a1:0", *RAMADI, location="Sector 4")
    second = _at("a2:0", 34.0, 40.0, location="Sector 14", admin1="Nineveh")
    assert cluster_events([first, second]) == [["a1:0"], ["a2:0"]]


def test_an_undated_friday_report_joins_a_report_dated_only_to_its_friday_paper() -> None:
    from datetime import date

    from strife.dedupe import cluster_events
    from strife.model import Event, Evidence

    def report(
        article: str, when: date | None, precision: int | None, text: str, town: bool = True
    ) -> Event:
        fields = ("event_weekday",) if when is None else ("event_date",)
        evidence = (Evidence(article, text, 0, len(text), fields),)
        return Event(
            f"{article}:0",
            article,
            event_date=when,
            time_precision=precision,
            event_type="Strategic developments",
            sub_event_type="Non-violent transfer of territory",
            actor1="Al Shabaab",
            country="Somalia",
            admin1="Lower Shabeelle",
            location="Baraawe" if town else "Lower Shabeelle",
            latitude=1.11 if town else 1.9,
            longitude=44.03 if town else 44.6,
            geo_precision=1 if town else 3,
            fatalities=0,
            evidence=evidence,
        )

    undated = report("a", None, None, "Militants took Baraawe on Friday, residents said.")
    # 2016-02-05 was a Friday; the second report's day is only its publication day.
    # It names only the province, so the weekday must tie the two together.
    paper = report("b", date(2016, 2, 5), 2, "Militants have taken a port.", town=False)
    assert cluster_events([undated, paper]) == [["a:0", "b:0"]]
