"""Actor recognition: aliases, state forces by country, case rules, codes, lexicon sanity."""

from __future__ import annotations

import json
import time
from importlib import resources
from pathlib import Path

import pytest
import yaml

from strife.extraction.actors import (
    ActorMention,
    canonical_actor,
    detect_countries,
    find_actors,
    interaction_code,
    unidentified,
)

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"


def names(text: str, country: str | None = None) -> list[str]:
    """Return the canonical names found in text, in order."""
    return [m.name for m in find_actors(text, country)]


# -- named groups -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "IS fighters stormed the village before dawn.",
        "ISIS claimed the bombing through its news agency.",
        "ISIL militants withdrew from the town.",
        "Daesh fighters shelled the road.",
        "The Islamic State group said it carried out the attack.",
        "The so-called Islamic State has lost most of its territory.",
        "A statement from the Islamic State of Iraq and the Levant followed.",
    ],
)
def test_islamic_state_aliases(sentence: str) -> None:
    assert names(sentence, "Iraq") == ["Islamic State"]


@pytest.mark.parametrize(
    ("sentence", "country", "expected"),
    [
        ("Al Shabaab fighters overran the base.", "Somalia", "Al Shabaab"),
        ("The al-Shabab group claimed the blast.", "Somalia", "Al Shabaab"),
        ("Shabaab militants ambushed a convoy.", "Kenya", "Al Shabaab"),
        (
            "Houthi rebels fired a missile at a ship.",
            "Yemen",
            "Military Forces of Yemen Supreme Political Council",
        ),
        (
            "Ansar Allah denied the report.",
            "Yemen",
            "Military Forces of Yemen Supreme Political Council",
        ),
        (
            "Hashd al-Shaabi units entered the town.",
            "Iraq",
            "Military Forces of Iraq Popular Mobilization Forces",
        ),
        (
            "The Pakistani Taliban claimed the attack.",
            "Pakistan",
            "TTP: Tehreek-i-Taliban Pakistan",
        ),
        (
            "Boko Haram insurgents burned the market.",
            "Nigeria",
            "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad",
        ),
        ("ISWAP fighters attacked the garrison.", "Nigeria", "Islamic State (West Africa)"),
        ("The Arakan Army seized a border post.", "Myanmar", "AA: Arakan Army"),
        ("Hezbollah fired rockets across the border.", "Lebanon", "Hezbollah"),
        (
            "The Jalisco New Generation Cartel blocked highways.",
            "Mexico",
            "CJNG: Jalisco New Generation Cartel",
        ),
        ("ELN guerrillas bombed a pipeline.", "Colombia", "ELN: National Liberation Army"),
        ("Wagner mercenaries were seen near the mine.", "Mali", "Wagner Group"),
        ("Kurdish-led SDF forces raided a house.", "Syria", "QSD: Syrian Democratic Forces"),
        ("Hayat Tahrir al-Sham fighters shelled the town.", "Syria", "HTS: Hayat Tahrir al Sham"),
        (
            "Naxals ambushed a patrol in the forest.",
            "India",
            "CPI (Maoist): Communist Party of India (Maoist)",
        ),
        (
            "M23 rebels advanced toward the city.",
            "Democratic Republic of Congo",
            "M23: March 23 Movement",
        ),
        ("The Rapid Support Forces shelled the camp.", "Sudan", "RSF: Rapid Support Forces"),
    ],
)
def test_named_groups(sentence: str, country: str, expected: str) -> None:
    assert expected in names(sentence, country)


def test_head_noun_belongs_to_named_span() -> None:
    (mention,) = find_actors("Islamic State militants attacked.", "Iraq")
    assert mention.text == "Islamic State militants"
    assert (mention.start, mention.end) == (0, len("Islamic State militants"))
    assert not mention.generic


def test_same_words_mean_another_group_elsewhere() -> None:
    # "al-Shabab" in northern Mozambique is the Islamic State's local branch.
    assert names("Al-Shabab insurgents raided Palma.", "Mozambique") == [
        "Islamic State (Mozambique)"
    ]
    assert names("IS fighters attacked a base in Borno.", "Nigeria") == [
        "Islamic State (West Africa)"
    ]
    assert names("The Saudi-led coalition bombed a market.", "Yemen") == [
        "Operation Restoring Hope"
    ]
    assert names("Coalition jets struck an IS hideout.", "Iraq") == [
        "International coalition (US-led)",
        "Islamic State",
    ]


# -- state forces, generic words --------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Iraqi troops retook the district.", "Military Forces of Iraq"),
        ("Nigerian soldiers repelled the raid.", "Military Forces of Nigeria"),
        ("Nigeria's army said it killed ten fighters.", "Military Forces of Nigeria"),
        ("Afghan security forces cleared the road.", "Military Forces of Afghanistan"),
        ("Russian warplanes struck the outskirts.", "Military Forces of Russia"),
        ("US forces conducted a raid.", "Military Forces of the United States"),
        (
            "Congolese troops regained the town.",
            "Military Forces of the Democratic Republic of Congo",
        ),
        ("Iraqi government forces moved in.", "Military Forces of Iraq"),
        ("Filipino soldiers clashed with gunmen.", "Military Forces of the Philippines"),
    ],
)
def test_demonym_gives_state_forces(sentence: str, expected: str) -> None:
    first = find_actors(sentence, "Syria")[0]  # the adjective beats the article's country
    assert (first.name, first.kind, first.inter, first.generic) == (expected, "state", 1, True)


def test_generic_words_take_the_article_country() -> None:
    found = find_actors("Soldiers and policemen were wounded; gunmen fled.", "Iraq")
    assert [m.name for m in found] == [
        "Military Forces of Iraq",
        "Police Forces of Iraq",
        "Unidentified Armed Group (Iraq)",
    ]
    assert all(m.generic and m.country == "Iraq" for m in found)


def test_forces_needs_a_country_word() -> None:
    assert names("Forces loyal to nobody fled.", "Iraq") == []
    assert names("Turkish forces shelled the village.", "Syria") == ["Military Forces of Turkey"]


def test_two_countries_sharing_a_noun() -> None:
    assert names("A joint patrol by Turkish and Russian forces left Ariha.", "Syria") == [
        "Military Forces of Turkey",
        "Military Forces of Russia",
    ]


def test_civilians_protesters_rioters() -> None:
    assert names("Three villagers were killed.", "Mali") == ["Civilians (Mali)"]
    assert names("Demonstrators gathered at the square.", "Iraq") == ["Protesters (Iraq)"]
    assert names("An angry mob set the station alight.", "India") == ["Rioters (India)"]
    assert names("Residents staged a protest over water cuts.", "Pakistan") == [
        "Protesters (Pakistan)"
    ]
    assert names("Villagers pelted stones at the convoy.", "India") == ["Rioters (India)"]
    # "people" is an actor only when a protest or riot cue is near.
    assert names("A group of people blocked the highway.", "Mexico") == ["Protesters (Mexico)"]
    assert names("Dozens of people attended the funeral.", "Mexico") == []
    mention = find_actors("Students were abducted.", "Nigeria")[0]
    assert (mention.inter, mention.kind, mention.generic) == (7, "civilians", True)


def test_generic_non_state_words_are_marked_generic() -> None:
    for word in ("the jihadists", "the insurgents", "the extremists", "gunmen", "bandits"):
        (mention,) = find_actors(f"Then {word} left.", "Nigeria")
        assert mention.name == "Unidentified Armed Group (Nigeria)"
        assert mention.generic and mention.inter == 3


def test_no_country_gives_bare_name() -> None:
    (mention,) = find_actors("Soldiers arrived.")
    assert mention.name == "Military Forces" and mention.country is None


# -- case rules ---------------------------------------------------------------------------


def test_acronyms_are_case_sensitive() -> None:
    assert names("This is the worst attack that is known.", "Iraq") == []
    assert names("He said it is over; isis is not a word here.", "Iraq") == []
    assert names("Let them go, the mayor said.", "India") == []
    assert names("The IS attack killed four.", "Iraq") == ["Islamic State"]
    assert names("Both the TTP and the SDF denied it.", "Pakistan") == [
        "TTP: Tehreek-i-Taliban Pakistan",
        "QSD: Syrian Democratic Forces",
    ]


def test_shouted_headline_is_not_an_acronym() -> None:
    assert names("WHAT IS LEFT OF THE CITY") == []
    assert names("ISIS CLAIMS ATTACK") == ["Islamic State"]


def test_names_ignore_case_accents_and_hyphens() -> None:
    for form in ("al-shabaab", "AL SHABAAB", "Al-Shabaab", "al Shabaab"):
        assert names(f"{form} attacked.", "Somalia") == ["Al Shabaab"]
    assert names("El Cártel de Sinaloa respondió.", "Mexico") == ["Sinaloa Cartel"]


def test_offsets_point_into_the_text() -> None:
    text = "On Monday, Houthi fighters and Yemeni troops clashed near Marib."
    for mention in find_actors(text, "Yemen"):
        assert text[mention.start : mention.end] == mention.text


# -- other functions ----------------------------------------------------------------------


def test_canonical_actor() -> None:
    for alias in ("ISIL", "Daesh", "Islamic State (Iraq)", "the Islamic State group"):
        found = canonical_actor(alias)
        assert found is not None and found.name == "Islamic State", alias
    state = canonical_actor("Military Forces of Iraq (2014-)")
    assert state is not None and (state.name, state.inter, state.country) == (
        "Military Forces of Iraq",
        1,
        "Iraq",
    )
    civ = canonical_actor("Civilians (Iraq)")
    assert civ is not None and (civ.inter, civ.kind) == (7, "civilians")
    soldiers = canonical_actor("soldiers", "Nigeria")
    assert soldiers is not None and soldiers.name == "Military Forces of Nigeria"
    assert canonical_actor("the weather") is None


@pytest.mark.parametrize(
    ("a", "b", "code"),
    [(1, 2, 12), (2, 1, 12), (6, None, 60), (None, 6, 60), (7, 7, 77), (None, None, None)],
)
def test_interaction_code(a: int | None, b: int | None, code: int | None) -> None:
    assert interaction_code(a, b) == code


def test_unidentified() -> None:
    mention = unidentified("Iraq")
    assert isinstance(mention, ActorMention)
    assert (mention.name, mention.inter, mention.country, mention.generic) == (
        "Unidentified Armed Group (Iraq)",
        3,
        "Iraq",
        True,
    )
    assert unidentified(None).name == "Unidentified Armed Group"


def test_detect_countries() -> None:
    text = (
        "Iraqi forces retook Ramadi from the jihadists. Baghdad said Iraqi jets were used, "
        "and a US-led coalition helped. Syria was not involved."
    )
    assert detect_countries(text)[0] == "Iraq"
    assert "United States" not in detect_countries(text)  # "US-led" names no place
    assert detect_countries("Clashes in Goma and Bukavu, in the DRC.") == [
        "Democratic Republic of Congo"
    ]
    assert detect_countries("Gunmen killed 12 in Zamfara and Katsina states.") == ["Nigeria"]
    assert detect_countries("Fighting near Lake Chad and in Niger State.") == ["Nigeria"]
    assert detect_countries("A Gaza strike; the West Bank.") == ["Palestine"]
    assert detect_countries("") == []


# -- lexicon sanity -----------------------------------------------------------------------


def _lexicon_data() -> dict[str, object]:
    text = resources.files("strife.data").joinpath("actors.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def test_lexicon_loads_and_is_large() -> None:
    data = _lexicon_data()
    actors = [item for items in data["actors"].values() for item in items]  # type: ignore[union-attr]
    non_state = [a for a in actors if a["kind"] != "state"]
    assert len(non_state) >= 100
    for item in [*actors, *data["generic"]]:  # type: ignore[misc]
        assert 1 <= int(item["inter"]) <= 8, item["name"]
        assert item["kind"] in {
            "state",
            "rebel",
            "political_militia",
            "identity_militia",
            "rioters",
            "protesters",
            "civilians",
            "external",
        }
    assert len({a["name"] for a in actors}) == len(actors), "an actor is listed twice"


def test_no_alias_names_two_actors() -> None:
    # The loader refuses such a lexicon; this checks the shipped one across regions too.
    data = _lexicon_data()
    seen: dict[tuple[str, ...], str] = {}
    from strife.extraction.actors import _key, _raw_key

    for items in data["actors"].values():  # type: ignore[union-attr]
        for item in items:
            keys = [_key(a) for a in item.get("aliases") or [] if any(c.islower() for c in a)]
            keys += [("=",) + _raw_key(a) for a in item.get("acronyms") or []]
            for key in keys:
                assert seen.setdefault(key, item["name"]) == item["name"], key


def test_state_aliases_do_not_repeat_generic_rules() -> None:
    # "Iraqi troops" is resolved by rule; listing it as an alias would mark it non-generic.
    (mention,) = find_actors("Mexican soldiers arrived.", "Mexico")
    assert mention.generic


# -- the project's gold, read at run time ---------------------------------------------------


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared corpus not available")
def test_seed_gold_actors_are_found() -> None:
    for gold_path in sorted(SEEDS.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text(
            encoding="utf-8"
        )
        found = {m.name for m in find_actors(text, "Iraq")}
        for event in gold["events"]:
            for key in ("actor1", "actor2"):
                if event.get(key):
                    assert event[key] in found, (gold_path.name, event[key])


def test_speed() -> None:
    sentence = (
        "On Monday, IS militants attacked Iraqi troops near Ramadi, killing 22 soldiers and "
        "wounding 16 security personnel, while villagers fled to Baghdad and the US-led "
        "coalition struck positions held by the jihadists in Anbar province. "
    )
    text = sentence * 14  # about 500 words
    find_actors(text, "Iraq")  # compile the lexicon outside the timing
    start = time.perf_counter()
    for _ in range(50):
        find_actors(text, "Iraq")
    average = (time.perf_counter() - start) / 50
    assert average < 0.005  # well under 2 ms on a quiet machine; loose for shared CI


# -- who is on which side: whole-text checks ------------------------------------------------


def _sides(text: str, published: str = "2023-05-10") -> list[tuple[str | None, str | None]]:
    """Return (actor1, actor2) of every current event strife finds in a short report."""
    import strife

    article = strife.process_text(text, published=published)
    return [(e.actor1, e.actor2) for e in article.events if not e.historical]


def test_the_dead_before_their_verb_are_victims_not_killers() -> None:
    text = (
        "Three soldiers were killed and four wounded on Monday when their truck struck a "
        "landmine near Djibo in northern Burkina Faso, an army officer said."
    )
    assert _sides(text)[0] == (
        "Unidentified Armed Group (Burkina Faso)",
        "Military Forces of Burkina Faso",
    )


def test_an_object_after_the_verb_keeps_the_killers_as_killers() -> None:
    found = find_actors("Four gang members executed a rival in Kampala.", "Uganda")
    assert [m.name for m in found] == ["Unidentified Gang (Uganda)"]
    text = "On Friday, four gang members executed a rival gang leader in Kampala, police said."
    assert _sides(text)[0][0] != "Police Forces of Uganda"


@pytest.mark.parametrize(
    "words", ["paramilitary rangers", "paramilitaries", "jawans", "Thai rangers"]
)
def test_paramilitary_words_are_state_forces(words: str) -> None:
    assert names(f"Six {words} were hurt.", "Thailand") == ["Military Forces of Thailand"]


def test_central_police_units_are_the_countrys_police() -> None:
    assert names("Two CRPF personnel were hurt.", "India") == ["Police Forces of India"]
    assert names("A Central Reserve Police Force camp came under fire.", "India") == [
        "Police Forces of India"
    ]


def test_security_forces_next_to_one_named_police_unit_are_that_unit() -> None:
    text = (
        "Hizbul Mujahideen militants set off an IED aimed at security forces on a road in "
        "Anantnag, Jammu and Kashmir, on Sunday. Two Indo-Tibetan Border Police personnel "
        "were killed in the blast, an officer said."
    )
    first, second = _sides(text)[0]
    assert first == "HM: Hizb-ul-Mujahideen"
    assert second == "Police Forces of India"


def test_security_forces_cover_several_forces_they_name() -> None:
    text = (
        "Gunmen attacked a gendarmerie post and a police station in Mora, Cameroon, on "
        "Saturday. Separatists killed four members of the security forces in the raid. Two "
        "gendarmes and two police officers died, officials said."
    )
    assert _sides(text)[0][1] == "Military Forces of Cameroon"


def test_one_named_group_doing_the_attack_takes_the_gunmens_part() -> None:
    text = (
        "About a dozen gunmen attacked an army post near Kumba, Cameroon, on Saturday. "
        "Ambazonian separatists killed three soldiers in the attack, officials said."
    )
    assert _sides(text)[0][0] == "Ambazonian Separatists (Cameroon)"


def test_a_named_group_only_mentioned_leaves_the_gunmen_unidentified() -> None:
    text = (
        "Unknown gunmen stormed a school in Sokoto state, Nigeria, on Tuesday and abducted "
        "dozens of pupils. While Ansaru is active in the northwest, abductions by other "
        "armed groups for ransom are common."
    )
    assert _sides(text)[0][0] == "Unidentified Armed Group (Nigeria)"


def test_an_attack_led_by_a_named_gang_is_that_gangs() -> None:
    text = (
        "Gangs attacked a district of Gonaives, Haiti, on Tuesday, where gunmen clashed "
        "with police. The assault was led by the 400 Mawozo gang, police said. Police "
        "killed 12 gang members."
    )
    assert _sides(text)[0] == ("400 Mawozo Gang", "Police Forces of Haiti")


def test_rebels_and_suspected_rebels_are_one_side() -> None:
    text = (
        "Four paramilitary rangers were killed on Friday when suspected rebels set off a "
        "roadside bomb in Yala province, southern Thailand, officials said. The attack "
        "showed that rebels can still strike at will."
    )
    assert _sides(text)[0] == ("Unidentified Armed Group (Thailand)", "Military Forces of Thailand")


def test_a_government_signing_a_ceasefire_is_a_party() -> None:
    text = (
        "The Philippine government and the Moro Islamic Liberation Front agreed on Thursday "
        "to a ceasefire in Cotabato, the peace panel said."
    )
    first, second = _sides(text)[0]
    assert first == "Government of the Philippines"
    assert second is not None and "Moro Islamic Liberation Front" in second


def test_government_of_reads_countries_and_skips_government_troops() -> None:
    from strife.extraction.actors import government_of

    assert government_of("Colombia's government and the rebels met.")[1] == (
        "Government of Colombia"
    )
    assert government_of("Government troops advanced.", "Mali") is None
    assert government_of("A government offensive stalled.", "Syria") is None
    assert government_of("The government signed it.", "Chad")[1] == "Government of Chad"


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia launched a wave of drones at Dnipro overnight.",
        "Russians shelled Nikopol with artillery on Monday.",
        "Israel struck targets in southern Lebanon.",
        "Russia pounds Zaporizhzhia with missiles overnight",
    ],
)
def test_a_country_that_attacks_is_its_military(sentence: str) -> None:
    found = find_actors(sentence, "Ukraine")
    assert found and found[0].name.startswith("Military Forces of ")
    assert found[0].kind == "state"


@pytest.mark.parametrize(
    "sentence",
    [
        "Kenya launched an inquiry into the deaths.",
        "Ghana struck a deal with the lenders.",
        "Kenya targets tax evaders in new budget",
        "Fighting in Sudan struck the markets hard.",
        "Troops from South Sudan attacked the village.",
    ],
)
def test_a_country_that_does_something_else_is_not(sentence: str) -> None:
    assert not any(
        m.name
        in ("Military Forces of Kenya", "Military Forces of Ghana", "Military Forces of Sudan")
        for m in find_actors(sentence)
    )


def test_a_states_strike_that_hurts_people_hits_civilians() -> None:
    text = (
        "A Russian missile struck an apartment block in Zaporizhzhia, Ukraine, on Monday, "
        "injuring nine people."
    )
    assert _sides(text)[0] == ("Military Forces of Russia", "Civilians (Ukraine)")


def test_a_shelled_house_with_no_one_hurt_names_no_victim() -> None:
    text = "On 3 May 2023, Russian forces shelled houses in Nikopol, Dnipropetrovsk. No casualties."
    assert _sides(text)[0] == ("Military Forces of Russia", None)


def test_military_uniforms_are_a_costume() -> None:
    assert names("Bandits dressed in military uniforms stormed the school.", "Nigeria") == [
        "Unidentified Armed Group (Nigeria)"
    ]


def test_protesters_shot_by_unnamed_forces_face_the_police() -> None:
    text = (
        "In Khartoum, five demonstrators were shot dead on Thursday during a march against "
        "the junta's crackdown on protests."
    )
    found = [s for s in _sides(text) if s[0] and s[0].startswith("Protesters")]
    assert found and found[0][1] == "Police Forces of Sudan"


def test_renamed_actors_keep_the_name_of_the_day() -> None:
    from datetime import date

    from strife.extraction.actors import name_on

    atmis = "ATMIS: African Union Transition Mission in Somalia"
    assert name_on(atmis, date(2019, 5, 1)) == "AMISOM: African Union Mission in Somalia"
    assert name_on(atmis, date(2023, 5, 1)) == atmis
    assert name_on(atmis, None) == atmis
    houthis = "Military Forces of Yemen Supreme Political Council"
    assert name_on(houthis, date(2015, 6, 1)) == "Houthi Movement"
    assert name_on(houthis, date(2020, 6, 1)) == houthis


def test_a_speaker_telling_what_it_did_is_a_party() -> None:
    text = (
        "The Russian Defence Ministry said it intercepted 12 Ukrainian drones over the Kursk "
        "region early on Saturday."
    )
    assert _sides(text)[0][0] == "Military Forces of Russia"


def test_people_tied_to_a_group_are_not_the_group() -> None:
    text = (
        "Police said they arrested six suspected informants of the bandits in raids near "
        "Zaria, Nigeria, on Monday."
    )
    first, second = _sides(text)[0]
    assert first == "Police Forces of Nigeria"
    assert second != "Unidentified Armed Group (Nigeria)"


def test_government_guns_are_the_military() -> None:
    assert names("Government artillery shelled the town.", "Syria") == ["Military Forces of Syria"]


def test_a_clash_has_two_sides_even_when_the_grammar_misses_one() -> None:
    text = "On 3 May 2021, M23 rebels and FARDC soldiers clashed near Rutshuru. Nobody was hurt."
    first, second = _sides(text, "2021-05-04")[0]
    assert {first, second} == {
        "M23: March 23 Movement",
        "Military Forces of the Democratic Republic of Congo",
    }


def _pair(text: str) -> list[tuple[str | None, str | None]]:
    import strife

    return [(e.actor1, e.actor2) for e in strife.extract(text, published="2023-08-10")]


@pytest.mark.parametrize(
    "text",
    [
        "Azerbaijani forces shot down three Armenian drones over Tovuz on Monday.\n",
        "Three Armenian drones were shot down over Tovuz on Monday, Azerbaijan's army said.\n",
    ],
)
def test_an_interception_is_the_defenders_against_the_weapons_owner(text: str) -> None:
    assert _pair(text) == [("Military Forces of Azerbaijan", "Military Forces of Armenia")]


def test_a_convoy_that_hits_a_mine_is_the_one_hit() -> None:
    text = "A Malian army convoy struck a landmine near Menaka on Monday, killing two soldiers.\n"
    assert _pair(text) == [("Unidentified Armed Group (Mali)", "Military Forces of Mali")]
