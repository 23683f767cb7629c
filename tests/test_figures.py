"""Casualty figures on real-page phrasing: ages, tallies, updated tolls, killed-and-injured.

Every sentence is written for these tests in the style of wire copy.
"""

from __future__ import annotations

import pytest

import strife
from strife.clean.text import reads_as_paragraph
from strife.extraction.casualties import find_casualties


def figures(sentence: str) -> list[tuple[str, int | None]]:
    """Return (kind, value) of every figure a sentence states."""
    return [(f.kind, f.value) for f in find_casualties(sentence).figures]


@pytest.mark.parametrize(
    "sentence",
    [
        "A 71-year-old farmer and a 45-year-old teacher died in the shelling, he wrote.",
        "Two women aged 64 and 68 were injured when the drone hit their yard.",
    ],
)
def test_an_age_is_never_a_count(sentence: str) -> None:
    assert all(value not in (71, 45, 64, 68) for _kind, value in figures(sentence))


def test_machines_shot_down_are_not_casualties() -> None:
    assert figures("Air defences said 41 drones were shot down over four regions.") == []


def test_killed_and_injured_counts_keep_their_own_verbs() -> None:
    sentence = "It was a heavy toll, with three police officers killed and eleven injured."
    assert figures(sentence) == [("killed", 3), ("injured", 11)]


def test_an_updated_toll_keeps_the_new_figure() -> None:
    assert figures("Six guards were killed, officials said, updating the toll from five.") == [
        ("killed", 6)
    ]
    assert figures("The death toll rose from nine to 17 on Friday.") == [("killed", 17)]


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 300 people have died in raids blamed on the militia since March.",
        "At least 90 fighters have been killed this year, the monitor says.",
        "Some 40 soldiers have been killed in the past two months.",
    ],
)
def test_a_tally_over_a_period_is_not_an_incident_figure(sentence: str) -> None:
    assert figures(sentence) == []


def test_a_tally_word_alone_does_not_hide_a_toll() -> None:
    assert figures("Twelve villagers were killed on Monday, the worst attack since June.") == [
        ("killed", 12)
    ]


def test_a_first_line_that_is_a_lede_is_part_of_the_story() -> None:
    lede = (
        "Gunmen on motorbikes killed at least 14 villagers in an overnight raid on a farming "
        "settlement near the border, a local official said on Monday, blaming a jihadist group."
    )
    assert reads_as_paragraph(lede)
    assert not reads_as_paragraph("Gunmen kill 14 villagers in overnight raid near border")
    text = f"{lede}\n\nThe attackers burned granaries before fleeing, residents said.\n"
    events = strife.extract(text, published="2021-03-01")
    assert [e.fatalities for e in events] == [14]


def test_a_round_up_gives_one_event_per_place_struck() -> None:
    text = (
        "Protesters killed across the south\n\n"
        "At least 20 protesters were killed on Thursday in the south, medics said.\n"
        "Fifteen people died in clashes with police in Basra.\n"
        "In Kut, five demonstrators were killed.\n"
    )
    events = strife.extract(text, published="2019-11-29")
    assert sorted((e.location, e.fatalities) for e in events) == [("Basra", 15), ("Kut", 5)]


def test_other_stories_listed_under_dashes_are_not_events() -> None:
    from strife.clean.text import clean_lines

    raw = (
        "Police disperse march in the capital\n"
        "Police fired tear gas at marchers in the capital on Monday, witnesses said.\n"
        "- Floods: two villages cut off after heavy rain in the north\n"
        "- Region: gunmen kill three herders in raid on cattle market\n"
        "The march had been banned by the city council.\n"
    )
    cleaned = clean_lines(raw, "Police disperse march in the capital", lambda line: None)
    assert [p[:6] for p in cleaned.paragraphs] == ["Police", "The ma"]


def test_a_victim_and_another_are_two() -> None:
    sentence = "A guard who was driving the van and another guard beside him were killed, he said."
    assert figures(sentence) == [("killed", 2)]


def test_counts_listed_after_a_passive_verb_share_it() -> None:
    sentence = "Two gendarmes were killed, three police officers and five villagers, they added."
    assert figures(sentence) == [("killed", 2), ("killed", 3), ("killed", 5)]
    # A count with its own verb is not part of the list.
    assert figures("Three soldiers were killed, 12 civilians were wounded.") == [
        ("killed", 3),
        ("injured", 12),
    ]


def test_the_deaths_of_a_number_count_as_killed() -> None:
    sentence = "The raid resulted in the deaths of four soldiers and left 19 others injured."
    assert figures(sentence) == [("killed", 4), ("injured", 19)]


def test_a_conflicts_toll_is_context() -> None:
    sentence = "The four-year conflict has left more than 6,000 dead and displaced thousands."
    assert figures(sentence) == []


def test_deaths_of_a_number_count_only_as_the_result_of_the_event() -> None:
    assert figures("Villagers protested over the deaths of two farmers last month.") == []
    assert figures("A road accident that led to the death of three people sparked a riot.") == []
    assert figures("Three militants were killed, and two rifles were seized.") == [("killed", 3)]


def test_a_contrast_clause_tells_of_another_incident() -> None:
    text = (
        "Marches in two cities\n\n"
        "Thousands of students marched peacefully through central Accra on Monday, while in "
        "the northern city of Tamale protests turned violent.\n"
        "In Tamale, youths burned tyres and threw stones at police, who fired tear gas.\n"
    )
    events = strife.extract(text, published="2024-07-09")
    assert sorted((e.event_type, e.location) for e in events) == [
        ("Protests", "Accra"),
        ("Riots", "Tamale"),
    ]


def test_a_place_measured_from_is_not_a_second_scene() -> None:
    text = (
        "Bombers hit market\n\n"
        "Two suicide bombers blew themselves up at a cattle market in Gwoza on Friday, "
        "killing six people, police said.\n"
        "The market lies about 30 kilometres from the centre of Bama, police said.\n"
    )
    events = strife.extract(text, published="2019-01-19")
    assert [(e.location, e.fatalities) for e in events] == [("Gwoza", 6)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "A ... and a ..." with no auxiliary before "died": both are dead
        ("A 71-year-old farmer and a 45-year-old teacher died in the shelling.", [("killed", 2)]),
        # the one who died is the relative clause's antecedent, not the count before it
        (
            "A roadside bomb wounded nine people, including a policeman who later died.",
            [("injured", 9), ("killed", 1)],
        ),
        # "the dead" and "their dead" are nouns, counted nowhere
        ("Hundreds of mourners marched to bury their dead on Friday.", []),
        ("Officials said one of the dead was a local chief.", []),
        # a question is no figure
        ("The army has not said how many of its soldiers died.", []),
        # "injuries to N more": the injured, after the dead
        (
            "The riot ended in the deaths of two people and injuries to 40 more, doctors said.",
            [("killed", 2), ("injured", 40)],
        ),
        # an updated count of the injured
        ("The number of wounded passengers rose to 12 by the evening.", [("injured", 12)]),
        # a toll "from" an event described at length still gives its figure
        (
            "The death toll from Friday's clashes between herders and farmers in the district "
            "has risen to 23, officials said.",
            [("killed", 23)],
        ),
        ("Doctors said one of the wounded was in a critical state.", []),
        # "a lot of" is an amount, not one victim
        ("Witnesses said a lot of the raiders were killed by villagers.", []),
        # one killed alongside another: two dead
        ("A policeman was killed alongside a passer-by in the shootout.", [("killed", 2)]),
        ("Another soldier was killed by a sniper on Friday.", [("killed", 1)]),
        # drones are shot down; nobody dies by it
        ("As a result of air defence fire, 12 drones were shot down overnight.", []),
    ],
)
def test_who_is_counted_dead(sentence: str, expected: list[tuple[str, int]]) -> None:
    assert figures(sentence) == expected


def test_more_hurt_after_the_dead_is_no_addition() -> None:
    reading = find_casualties("Two people died and 40 more were hurt in the blast.")
    assert [(f.kind, f.value, f.additive) for f in reading.figures] == [
        ("killed", 2, False),
        ("injured", 40, False),
    ]
