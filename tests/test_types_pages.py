"""Event types on real-page phrasing: ambush by bomb, raid to arrest, clashing crowds.

Each story is written for these tests in the style of wire copy.
"""

from __future__ import annotations

import strife


def _types(text: str) -> list[tuple[str | None, str | None]]:
    events = strife.extract(text, published="2022-05-20")
    return [(e.event_type, e.sub_event_type) for e in events]


def test_an_ambush_carried_out_with_a_buried_bomb_is_an_explosion() -> None:
    text = (
        "Four soldiers were killed in an ambush when suspected rebels detonated a bomb buried "
        "under a road in the south on Thursday, police said.\n"
    )
    assert _types(text) == [("Explosions/Remote violence", "Remote explosive/landmine/IED")]


def test_a_raid_to_arrest_suspects_is_an_arrest() -> None:
    text = (
        "Counter-terrorism police raided a hideout in the city on Monday and arrested five "
        "suspected militants, officials said.\n"
    )
    assert _types(text) == [("Strategic developments", "Arrests")]


def test_a_raid_with_an_exchange_of_fire_stays_a_clash() -> None:
    text = (
        "Police raided a hideout in the city on Monday and arrested five suspected militants "
        "after an exchange of fire that lasted an hour, officials said.\n"
    )
    assert _types(text)[0][1] == "Armed clash"


def test_clashes_between_police_and_protesters_make_a_riot() -> None:
    text = (
        "Dozens of people were hurt on Saturday in clashes between police and protesters "
        "demanding the minister's resignation outside the assembly.\n"
    )
    assert _types(text) == [("Riots", "Violent demonstration")]


def test_arrest_warrants_are_not_arrests() -> None:
    text = (
        "The government and the rebel group agreed to a ceasefire on Friday after months of "
        "talks, although arrest warrants for two commanders remain in force.\n"
    )
    assert _types(text) == [("Strategic developments", "Agreement")]


def _actors(text: str) -> list[tuple[str | None, str | None]]:
    events = strife.extract(text, published="2022-05-20")
    return [(e.actor1, e.actor2) for e in events]


def test_security_forces_at_a_protest_are_the_police() -> None:
    text = (
        "Security forces fired tear gas at protesters in Karbala on Friday as thousands of "
        "Iraqis rallied against the election result.\n"
    )
    assert "Police Forces of Iraq" in _actors(text)[0]
    with_troops = text.replace("Security forces", "Army troops")
    assert "Military Forces of Iraq" in _actors(with_troops)[0]


def test_a_countrys_strike_or_missile_is_its_military() -> None:
    text = "A late Russian strike on a school in Ukraine's Kharkiv killed three civilians.\n"
    assert _actors(text) == [("Military Forces of Russia", "Civilians (Ukraine)")]


def test_the_group_blamed_for_an_attack_is_its_author() -> None:
    text = (
        "Two soldiers were killed and 14 wounded in an attack on an army base in northern "
        "Burkina Faso on Wednesday, officials said.\n"
        "Ansaroul Islam has been blamed for the attack by the army.\n"
    )
    (event,) = strife.extract(text, published="2023-04-13")
    assert event.actor1 == "Ansaroul Islam"
    assert event.actor2 == "Military Forces of Burkina Faso"


def test_suspected_rebels_are_not_the_group_named_elsewhere() -> None:
    text = (
        "Four soldiers were killed on Friday when suspected rebels opened fire on their patrol "
        "in the southern Philippines, police said.\n"
        "Peace talks with the Moro Islamic Liberation Front (MILF) resumed last month.\n"
    )
    events = strife.extract(text, published="2013-05-25")
    assert events[0].actor1 == "Unidentified Armed Group (Philippines)"


def test_munitions_seized_are_not_territory() -> None:
    text = (
        "Gang members faced off against residents and police in a hillside district, leaving "
        "nine attackers dead and a large cache of munitions captured, police said.\n"
    )
    assert all(sub != "Non-state actor overtakes territory" for _t, sub in _types(text))


def test_protesters_killed_by_police_is_excessive_force() -> None:
    text = (
        "The toll from Tuesday's anti-tax protests across the country rose to nine, most of "
        "them reportedly killed by police, a rights group said.\n"
    )
    assert _types(text) == [("Protests", "Excessive force against protesters")]


def test_a_thing_captured_is_not_a_territory_trigger() -> None:
    from strife.extraction.analysis import analyse_sentence
    from strife.extraction.text import split_sentences

    text = "Nine attackers died, with a large cache of munitions captured, police said."
    info = analyse_sentence(split_sentences(text)[0], [], [])
    assert not any(t.family == "battle" and t.sub != "Armed clash" for t in info.triggers)
    assert any(why == "not-a-place" for _t, why in info.dropped)


def test_stones_hurled_make_a_riot() -> None:
    text = (
        "Clashes went on into Sunday, with protesters and police hurling stones at each other "
        "across the barricades near the assembly, witnesses said.\n"
    )
    assert _types(text)[0] == ("Riots", "Violent demonstration")


def test_a_march_about_a_past_police_killing_is_a_peaceful_protest() -> None:
    text = (
        "Hundreds of people marched through the town on Saturday to demand justice for a man "
        "who was shot dead by police last month.\n"
    )
    assert _types(text) == [("Protests", "Peaceful protest")]


def test_a_victim_with_an_age_is_one_victim() -> None:
    (event,) = strife.extract(
        "Soldiers raided the village and set fire to six houses; the fire killed an "
        "80-year-old man.\n",
        published="2022-03-18",
    )
    assert event.fatalities == 1


def test_drones_shot_down_are_disrupted_weapons_use_apart_from_the_strike() -> None:
    text = (
        "A missile strike on the town of Izium killed three people on Tuesday night, the "
        "regional governor said.\n"
        "The air force said 20 drones were shot down over the Poltava and Sumy regions "
        "overnight.\n"
        "Another drone was downed over the Rostov region, officials across the border said.\n"
    )
    assert _types(text) == [
        ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ("Strategic developments", "Disrupted weapons use"),
        ("Strategic developments", "Disrupted weapons use"),
    ]


def test_a_comparison_weeks_earlier_is_background() -> None:
    text = (
        "Rebels took control of the town of Bambari on Friday after government troops "
        "withdrew, residents said.\n"
        "The withdrawal comes three weeks after rebels overran an army base near Bria, "
        "killing 40 soldiers.\n"
    )
    events = strife.extract(text, published="2022-05-20")
    current = [e for e in events if not e.historical]
    assert [e.location for e in current] == ["Bambari"]
    assert all(e.fatalities in (0, None) for e in current)


def test_an_aim_to_regain_territory_is_not_a_capture() -> None:
    text = (
        "Militants entered Mopti on Monday without fighting after the army withdrew from the "
        "town, residents said.\n"
        "It is a major setback for the soldiers, who would have to fight their battles all "
        "over again to regain these towns.\n"
    )
    assert _types(text) == [("Strategic developments", "Non-violent transfer of territory")]


def test_a_headline_gives_the_place_a_story_leaves_out() -> None:
    article = strife.process_text(
        "Islamist fighters took control of the town without fighting on Friday after African "
        "Union troops withdrew, residents said.\n",
        published="2022-05-20",
        title="Militants take the port town Kismayo",
    )
    assert [e.location for e in article.events] == ["Kismayo"]


def test_captives_marched_away_are_not_a_protest() -> None:
    text = (
        "Gunmen abducted eleven farmers from a village near Gusau on Sunday, residents said.\n"
        "The captives were marched through the bush to a camp in the hills.\n"
    )
    assert ("Protests", "Peaceful protest") not in _types(text)


def test_an_operation_meant_to_arrest_is_not_an_arrest() -> None:
    text = (
        "Police said on Monday they had launched an operation in Wajir to trace and arrest "
        "the occupants of a car that crossed the border.\n"
    )
    assert _types(text) == []


def test_a_town_taken_without_a_fight_is_a_non_violent_transfer() -> None:
    text = (
        "The town of Ndele was captured without a fight on Saturday after government troops "
        "pulled out of it, the mayor said.\n"
    )
    assert _types(text) == [("Strategic developments", "Non-violent transfer of territory")]


def test_gunmen_killing_people_at_a_gathering_is_an_attack_even_on_a_gang_boss() -> None:
    text = (
        "Gunmen killed six people at a birthday party in Culiacan on Saturday, including a "
        "suspected gang member thought to have been targeted.\n"
        "Police called it an attack against the leader of a criminal group.\n"
    )
    assert _types(text) == [("Violence against civilians", "Attack")]


def test_gunmen_trading_fire_with_a_gang_is_still_a_clash() -> None:
    text = (
        "Gunmen killed five people in Culiacan on Saturday in a shootout with members of a "
        "criminal group, prosecutors said.\n"
    )
    assert _types(text) == [("Battles", "Armed clash")]


def test_a_series_on_several_occasions_is_no_single_event() -> None:
    text = (
        "Rebels shelled the town of Beni on Monday, killing two people, officials said.\n"
        "Drones have struck markets in the province on at least three separate occasions this "
        "year, including one on Sept. 4 that killed 30 people.\n"
    )
    events = strife.extract(text, published="2022-05-20")
    assert [(e.location, e.fatalities) for e in events] == [("Beni", 2)]


def test_a_country_s_city_named_after_its_kind_is_the_place() -> None:
    text = "Nine fighters were killed in clashes in Syria's second city Aleppo on Monday.\n"
    assert [e.location for e in strife.extract(text, published="2022-05-20")] == ["Aleppo"]


def test_an_act_that_set_off_the_unrest_elsewhere_is_its_own_event() -> None:
    text = (
        "In Kirkuk, four demonstrators were killed when police fired on a march.\n"
        "The unrest began hours after protesters burned tyres and stormed a party office in "
        "Tikrit.\n"
    )
    events = strife.extract(text, published="2022-05-20")
    assert [e.location for e in events] == ["Kirkuk", "Tikrit"]


def test_a_convoy_that_struck_the_bomb_puts_the_event_on_its_road() -> None:
    text = (
        "The governor of the eastern city of Mopti says a bomb hit a convoy carrying a "
        "minister, killing three soldiers.\n"
        "The minister was unhurt, but a truck of his escort struck the bomb as it drove toward "
        "the town of Douentza Tuesday.\n"
    )
    events = strife.extract(text, published="2022-05-20")
    assert [(e.location, e.fatalities) for e in events] == [("Douentza", 3)]


def test_suspects_nabbed_later_in_the_story_place_the_arrest() -> None:
    text = (
        "Police said on Tuesday they had arrested two suspects during an operation in Mandera "
        "County.\n"
        "A commander said the two were nabbed while carrying rifles along a road in the "
        "Takaba area.\n"
    )
    events = strife.extract(text, published="2022-05-20")
    assert [(e.sub_event_type, e.location) for e in events] == [("Arrests", "Takaba")]


def test_a_former_stronghold_of_x_is_the_place() -> None:
    text = (
        "Rebels retook their former stronghold of Bambari on Friday after government troops "
        "pulled back to Bangui, the governor said.\n"
    )
    assert [e.location for e in strife.extract(text, published="2022-05-20")] == ["Bambari"]


def test_overpowering_a_school_guard_is_no_battle() -> None:
    text = (
        "Gunmen stormed a boarding school in Zurmi on Sunday night, overpowered the night "
        "watchman and kidnapped dozens of pupils, killing one of them, officials said.\n"
    )
    assert _types(text) == [("Violence against civilians", "Attack")]
