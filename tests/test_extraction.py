"""Extraction rules, each on sentences written for these tests (none copied from articles)."""

from __future__ import annotations

from datetime import date

import pytest

from strife.extraction import extract_events, is_note, write_notes
from strife.extraction.casualties import find_casualties
from strife.extraction.lexicon import get_lexicon, load_taxonomy_data
from strife.extraction.numbers import quantity_at
from strife.extraction.text import split_sentences, tokenize
from strife.model import EVENT_FIELDS, Article, Event
from strife.resources import Resources

PUBLISHED = date(2021, 3, 10)  # a Wednesday

SUB_EVENT_TYPES = {
    "Battles": {
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    },
    "Explosions/Remote violence": {
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
        "Chemical weapon",
    },
    "Violence against civilians": {"Attack", "Abduction/forced disappearance", "Sexual violence"},
    "Protests": {
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    },
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}


def run(text: str, published: date | None = PUBLISHED, title: str = "") -> Article:
    """Extract from already-clean text (the cleaning stage is tested on its own)."""
    article = Article(id="t", title=title, raw=text, text=text, published=published)
    return extract_events(article, Resources.shared())


def current(article: Article) -> list[Event]:
    return [e for e in article.events if not e.historical]


# --------------------------------------------------------------------------- taxonomy


def test_taxonomy_is_acleds() -> None:
    data = load_taxonomy_data()
    found = {k: set(v["sub_event_types"]) for k, v in data["event_types"].items()}
    assert found == SUB_EVENT_TYPES
    assert sum(len(v) for v in found.values()) == 25
    assert set(data["disorder_types"]) >= {
        "Political violence",
        "Demonstrations",
        "Strategic developments",
    }
    lexicon = get_lexicon()
    assert lexicon.sub_event("Suicide bomb").event_type == "Explosions/Remote violence"
    assert lexicon.sub_event("Mob violence").disorder_type == "Political violence"
    assert lexicon.sub_event("Arrests").disorder_type == "Strategic developments"


# --------------------------------------------------------------------------- text


def test_sentence_splitter_keeps_titles_initials_and_acronyms() -> None:
    text = (
        "Col. Ahmed Saleh said U.S.-led jets struck at dawn. Maj. Gen. J. Okoro confirmed it.\n"
        "“We lost two men,” he said. The army said nothing."
    )
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Col. Ahmed Saleh said U.S.-led jets struck at dawn.",
        "Maj. Gen. J. Okoro confirmed it.",
        "“We lost two men,” he said.",
        "The army said nothing.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert [s.paragraph for s in sentences] == [0, 0, 1, 1]


@pytest.mark.parametrize(
    ("words", "value", "qualifier", "vague"),
    [
        ("17 people", 17, None, False),
        ("1,250 people", 1250, None, False),
        ("Twelve men", 12, None, False),
        ("forty-seven men", 47, None, False),
        ("a dozen men", 12, None, False),
        ("two hundred and five men", 205, None, False),
        ("at least 9 men", 9, "at least", False),
        ("more than 30 men", 30, "more than", False),
        ("up to 40 men", 40, "up to", False),
        ("nearly 60 men", 60, "nearly", False),
        ("dozens of men", 12, None, True),
        ("hundreds of men", 100, None, True),
        ("an unknown number of men", 10, None, True),
    ],
)
def test_quantities(words: str, value: int, qualifier: str | None, vague: bool) -> None:
    quantity = quantity_at(tokenize(words), 0)
    assert quantity is not None
    assert (quantity.value, quantity.qualifier, quantity.vague) == (value, qualifier, vague)


def test_a_range_keeps_both_ends() -> None:
    quantity = quantity_at(tokenize("between 20 and 30 people"), 0)
    assert quantity is not None
    assert (quantity.value, quantity.low, quantity.high) == (20, 20, 30)


# --------------------------------------------------------------------------- casualties


def _figures(sentence: str) -> list[tuple[str, int | None, str]]:
    return [(f.kind, f.value, f.group) for f in find_casualties(sentence).figures]


def test_passive_and_active_tolls_with_their_sides() -> None:
    assert _figures("At least nine policemen were killed and four civilians wounded.") == [
        ("killed", 9, "state"),
        ("injured", 4, "civilians"),
    ]
    assert _figures("The rebels ambushed the convoy, killing 14 soldiers and wounding 6.") == [
        ("killed", 14, "state"),
        ("injured", 6, "unknown"),
    ]
    assert _figures("Troops said they had killed 31 insurgents.") == [("killed", 31, "nonstate")]


def test_coordinated_victims_are_all_counted() -> None:
    figures = _figures("Four gunmen and two soldiers were killed in the shootout.")
    assert sorted(figures) == [("killed", 2, "state"), ("killed", 4, "nonstate")]


def test_dates_and_distances_are_not_tolls() -> None:
    assert _figures("On 4 May 2020 the convoy was hit 35 km north of the town.") == []


def test_all_killed_is_unknown_not_zero() -> None:
    figures = find_casualties("All the attackers were killed, the governor said.").figures
    assert [(f.kind, f.value, f.group) for f in figures] == [("killed", None, "nonstate")]


def test_vague_counts_follow_acled_and_count_only_deaths() -> None:
    assert _figures("Dozens of fighters were killed in the raid.") == [("killed", 12, "nonstate")]
    assert _figures("Several soldiers were wounded.") == []  # vague injuries count nothing


def test_explicit_zero_and_note_totals() -> None:
    reading = find_casualties("Police fired in the air; no casualties were reported.")
    assert reading.zero_deaths and reading.zero_injured and not reading.figures
    totals = [f for f in find_casualties("Fatalities coded as 4.").figures if f.total]
    assert [f.value for f in totals] == [4]


# --------------------------------------------------------------------------- segmentation

TWO_ATTACKS = (
    "At least 15 soldiers were killed in two attacks by al-Shabaab in southern Somalia, "
    "officials said.\n"
    "In the first attack, al-Shabaab fighters stormed a military base in the village of "
    "Bulo Marer on Sunday, killing nine soldiers.\n"
    "Hours later, a roadside bomb hit an army convoy near the town of Afgoye, killing six "
    "soldiers, a local elder said."
)


def test_a_total_of_two_attacks_is_not_a_third_event() -> None:
    events = current(run(TWO_ATTACKS))
    assert [(e.sub_event_type, e.fatalities) for e in events] == [
        ("Armed clash", 9),
        ("Remote explosive/landmine/IED", 6),
    ]
    assert sum(e.fatalities or 0 for e in events) == 15
    assert [e.location for e in events] == ["Bulo Marer", "Afgoye"]


def test_later_sentences_add_to_their_incident() -> None:
    text = (
        "Gunmen attacked a police checkpoint in the town of Kalaba on Monday night. "
        "Three policemen were killed and two others wounded in the attack, a spokesman said. "
        "The attackers fled towards the forest."
    )
    events = current(run(text))
    assert len(events) == 1
    event = events[0]
    assert (event.sub_event_type, event.fatalities, event.injured) == ("Armed clash", 3, 2)
    assert event.event_date == date(2021, 3, 8)
    assert event.time_precision == 1


def test_background_incidents_are_historical() -> None:
    text = (
        "Militants attacked an army post near the town of Dabra on Tuesday, killing two "
        "soldiers. The group captured Dabra in March 2014 and held it for two years."
    )
    article = run(text)
    assert [e.fatalities for e in current(article)] == [2]
    background = [e for e in article.events if e.historical]
    assert len(background) == 1
    assert background[0].evidence_for("historical")


@pytest.mark.parametrize(
    "text",
    [
        "The militants have carried out near-daily attacks on army posts in the region.",
        "Commanders discussed plans to retake the town from the insurgents next month.",
        "The group threatened to attack the capital if its leader was not released.",
        "Security forces are still battling the insurgents in the hills.",
    ],
)
def test_habits_plans_and_threats_are_not_events(text: str) -> None:
    assert current(run(text)) == []


def test_another_attack_is_a_new_incident() -> None:
    text = (
        "A suicide bomber killed four worshippers at a mosque in the town of Gawa on Friday. "
        "In another attack, gunmen shot dead a village chief in the town of Jere."
    )
    events = current(run(text))
    assert [e.sub_event_type for e in events] == ["Suicide bomb", "Attack"]
    assert [e.event_id for e in events] == ["t:0", "t:1"]


# --------------------------------------------------------------------------- actors


def test_actor1_is_the_side_that_acted() -> None:
    killed = current(run("Iraqi forces killed 12 Islamic State militants near Haditha on Monday."))
    assert killed[0].actor1 == "Military Forces of Iraq"
    assert killed[0].actor2 == "Islamic State"
    assert killed[0].deaths_b == 12 and killed[0].deaths_a is None
    attacked = current(
        run("Islamic State militants attacked Iraqi troops near Haditha on Monday, killing four.")
    )
    assert attacked[0].actor1 == "Islamic State"
    assert attacked[0].actor2 == "Military Forces of Iraq"
    assert attacked[0].interaction == 12


def test_unknown_perpetrators_and_civilian_victims() -> None:
    text = "Unidentified gunmen shot dead two farmers in a village in Nigeria's Zamfara State."
    event = current(run(text))[0]
    assert event.event_type == "Violence against civilians"
    assert event.sub_event_type == "Attack"
    assert event.actor1 == "Unidentified Armed Group (Nigeria)"
    assert event.actor2 == "Civilians (Nigeria)"
    assert event.civilian_targeting == "Civilian targeting"
    assert (event.fatalities, event.deaths_civilians) == (2, 2)


def test_protesters_and_their_intervention() -> None:
    peaceful = current(run("Hundreds of teachers protested in Nairobi, Kenya, over unpaid wages."))
    assert peaceful[0].sub_event_type == "Peaceful protest"
    assert peaceful[0].actor1 == "Protesters (Kenya)"
    assert peaceful[0].fatalities == 0
    dispersed = current(
        run("Students marched in Nairobi, Kenya, before police fired tear gas to disperse them.")
    )
    assert dispersed[0].sub_event_type == "Protest with intervention"
    riot = current(run("Protesters in Nairobi, Kenya, threw stones at police and torched a car."))
    assert riot[0].event_type == "Riots"


# --------------------------------------------------------------------------- figures


def test_conflicting_figures_give_a_range_and_the_lowest() -> None:
    text = (
        "A car bomb exploded at a market in Kirkuk, Iraq, on Tuesday. "
        "Police said nine people were killed. Hospital sources said 14 people died."
    )
    event = current(run(text))[0]
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert (event.fatalities, event.fatalities_low, event.fatalities_high) == (9, 9, 14)
    assert {e.text for e in event.evidence_for("fatalities_high")} >= {
        "Hospital sources said 14 people died."
    }


def test_absurd_figures_are_ignored_with_a_problem() -> None:
    article = run("Rebels attacked the town of Moro on Monday, killing 250,000 soldiers.")
    assert any(p.code == "absurd-figure" for p in article.problems)
    assert all(e.fatalities != 250_000 for e in article.events)


def test_all_killed_leaves_the_toll_unknown() -> None:
    text = "Gunmen attacked an army base in the town of Kere on Monday. All the attackers died."
    event = current(run(text))[0]
    assert event.fatalities is None


# --------------------------------------------------------------------------- dates


def test_relative_dates_need_a_publication_date() -> None:
    text = "Gunmen killed three villagers in the town of Sabon Gari on Monday."
    assert current(run(text))[0].event_date == date(2021, 3, 8)
    assert current(run(text, published=None))[0].event_date is None
    explicit = "Gunmen killed three villagers in the town of Sabon Gari on 3 March 2021."
    assert current(run(explicit, published=None))[0].event_date == date(2021, 3, 3)


def test_event_date_is_never_after_publication() -> None:
    text = "Militants shelled the town of Marib on Friday, wounding five people."
    event = current(run(text))[0]
    assert event.event_date is not None and event.event_date <= PUBLISHED


# --------------------------------------------------------------------------- evidence


FIELDS_WITH_EVIDENCE = (
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "fatalities",
    "injured",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
)


def test_every_field_cites_the_text() -> None:
    article = run(TWO_ATTACKS)
    for event in article.events:
        assert event.evidence
        for evidence in event.evidence:
            assert article.text[evidence.start : evidence.end] == evidence.text
        for name in FIELDS_WITH_EVIDENCE:
            if getattr(event, name) is not None:
                assert event.evidence_for(name), name
        assert event.evidence_for("location")


def test_notes_are_one_acled_style_summary() -> None:
    event = Event(
        event_id="x:0",
        article_id="x",
        event_date=date(2017, 9, 27),
        time_precision=1,
        sub_event_type="Armed clash",
        actor1="Islamic State",
        actor2="Military Forces of Iraq",
        location="Ramadi",
        admin1="Anbar",
        geo_precision=2,
        fatalities=27,
        deaths_a=20,
        deaths_b=7,
        injured=18,
    )
    assert write_notes(event) == (
        "On 27 September 2017, Islamic State clashed with Military Forces of Iraq near Ramadi "
        "(Anbar). 27 killed: 20 Islamic State and 7 Military Forces of Iraq; 18 injured."
    )
    assert all(e.notes for e in run(TWO_ATTACKS).events)


# --------------------------------------------------------------------------- notes style


def test_a_coders_note_gives_one_event() -> None:
    note = (
        "On 8 June 2021, in Kasese (Western), police arrested five residents who had blocked a "
        "road to demand compensation for land, and dispersed the rest with tear gas. "
        "[size=no report]"
    )
    assert is_note(note)
    events = run(note, published=date(2021, 6, 8)).events
    assert len(events) == 1
    assert events[0].sub_event_type == "Protest with intervention"
    assert events[0].event_date == date(2021, 6, 8)
    assert events[0].fatalities == 0


def test_a_notes_stated_total_wins() -> None:
    note = (
        "On 2 May 2021, a suicide bomber killed 3 civilians and injured 15 at a checkpoint in "
        "Kabul. Fatalities coded as 4 (including the bomber)."
    )
    event = run(note, published=date(2021, 5, 2)).events[0]
    assert event.sub_event_type == "Suicide bomb"
    assert (event.fatalities, event.injured) == (4, 15)


def test_empty_text_gives_no_events() -> None:
    assert run("").events == ()
    assert "notes" in EVENT_FIELDS


def test_single_victims_without_a_number() -> None:
    assert _figures("A shopkeeper was beaten to death by police officers.") == [
        ("killed", 1, "civilians")
    ]
    assert _figures("Gunmen shot dead a teacher outside his school.") == [
        ("killed", 1, "civilians")
    ]
    assert _figures("A man was abducted by four men and stabbed to death.") == []  # killers
    assert _figures("The raiders burned 20 huts and killed 15 cattle.") == []


def test_a_notes_split_toll_keeps_this_events_share() -> None:
    note = (
        "On 4 May 2021, army artillery shelled rebel positions in two districts of Kivu, "
        "killing 12 fighters. Fatalities split between 3 events."
    )
    assert run(note, published=date(2021, 5, 4)).events[0].fatalities == 4


def test_who_started_it_from_claims_and_responses() -> None:
    claimed = current(
        run(
            "A roadside bomb hit a minibus in Mogadishu, Somalia, on Monday, killing six "
            "passengers. Al Shabaab claimed responsibility for the attack."
        )
    )
    assert claimed[0].sub_event_type == "Remote explosive/landmine/IED"
    assert claimed[0].actor1 == "Al Shabaab"
    assert claimed[0].actor2 == "Civilians (Somalia)"
    ambushed = current(
        run(
            "Soldiers patrolling near the town of Uruapan in Mexico came under fire from armed "
            "men on Monday. The soldiers returned fire, killing three of the attackers."
        )
    )
    assert ambushed[0].sub_event_type == "Armed clash"
    assert ambushed[0].actor1 == "Unidentified Armed Group (Mexico)"
    assert ambushed[0].deaths_a == 3


def test_the_state_behind_a_weapon_is_the_actor() -> None:
    event = current(
        run(
            "Russian rockets struck an apartment block in Kharkiv, Ukraine, on Monday, "
            "killing three people."
        )
    )[0]
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.actor1 == "Military Forces of Russia"
    assert event.actor2 == "Civilians (Ukraine)"
    assert event.deaths_civilians == 3
