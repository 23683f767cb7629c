"""The scorers behind `strife eval`, on small hand-made articles, gold and predictions."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from strife.evaluate.acled import (
    distance_km,
    macro_f1,
    parse_date,
    sample_rows,
    score_rows,
    strip_size,
    top_event,
)
from strife.evaluate.gold import (
    date_correct,
    match_events,
    prf,
    score_article,
    score_duplicates,
    summarize,
    trap_sentences,
)
from strife.evaluate.names import place_key, same_actor, same_place
from strife.evaluate.report import format_acled, format_gold
from strife.evaluate.text import event_sentences, sentences
from strife.model import Event, Evidence

# A made-up report: two current attacks, a total that sums them, a background event and a
# generalisation. Places are real; the incidents are invented for these tests.
TEXT = "\n".join(
    [
        "Militants kill 30 soldiers near Kirkuk",
        "",
        "At least 30 soldiers were killed in two attacks by Islamic State fighters near Kirkuk,"
        " officials said on Wednesday.",
        "The first attack hit an army checkpoint in the village of Bashir on Tuesday night,"
        " killing 12 soldiers.",
        "Hours later a suicide bomber drove into a military convoy in Taza Khurmatu,"
        " killing 18 soldiers and wounding 9.",
        "The provincial council imposed a curfew on the town of Daquq after the attacks.",
        "Islamic State fighters seized the town of Hawija in June 2014 and held it for years.",
        "Gunmen now attack the road to Tikrit almost every day, residents complain.",
    ]
)

S_TOTAL = "At least 30 soldiers were killed in two attacks by Islamic State fighters near Kirkuk"
S_BASHIR = "The first attack hit an army checkpoint in the village of Bashir on Tuesday night"
S_TAZA = "Hours later a suicide bomber drove into a military convoy in Taza Khurmatu"
S_CURFEW = "The provincial council imposed a curfew on the town of Daquq after the attacks."
S_HAWIJA = "Islamic State fighters seized the town of Hawija in June 2014"
S_DAILY = "Gunmen now attack the road to Tikrit almost every day"


def full(fragment: str) -> str:
    """Return the sentence of TEXT that holds a fragment."""
    return next(s for s in sentences(TEXT) if fragment in s)


GOLD: dict[str, Any] = {
    "id": "kirkuk",
    "events": [
        {
            "event_date": "2017-10-03",
            "date_precision": "day",
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "actor1": "Islamic State",
            "actor2": "Military Forces of Iraq",
            "location": "Bashir",
            "fatalities": 12,
            "injured": None,
            "historical": False,
            "evidence": [full(S_BASHIR)],
        },
        {
            "event_date": "2017-10-04",
            "date_precision": "day",
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Suicide bomb",
            "actor1": "Islamic State",
            "actor2": "Military Forces of Iraq",
            "location": "Tuz Khurmatu",
            "also_locations": ["Taza Khurmatu"],
            "fatalities": 18,
            "injured": 9,
            "historical": False,
            "evidence": [full(S_TAZA)],
        },
        {
            "event_date": "2017-10-04",
            "date_precision": "day",
            "optional": True,
            "event_type": "Strategic developments",
            "sub_event_type": "Other",
            "actor1": "Government of Iraq",
            "actor2": None,
            "location": "Daquq",
            "fatalities": 0,
            "historical": False,
            "evidence": [S_CURFEW],
        },
        {
            "event_date": "2014-06-21",
            "date_precision": "month",
            "event_type": "Strategic developments",
            "sub_event_type": "Non-state actor overtakes territory",
            "actor1": "Islamic State",
            "actor2": None,
            "location": "Hawija",
            "fatalities": None,
            "historical": True,
            "evidence": [full(S_HAWIJA)],
        },
    ],
    "not_events": [
        "'At least 30 soldiers were killed in two attacks' is the sum of the two (12 + 18)",
        "attacks on the road to Tikrit every day: a generalisation, not an incident",
    ],
    "article_fatalities_total": 30,
}


def event(event_id: str, *quotes: str, **values: Any) -> Event:
    """Build a predicted event whose evidence quotes the given fragments of TEXT."""
    evidence = []
    for quote in quotes:
        start = TEXT.index(quote)
        evidence.append(Evidence("kirkuk", quote, start, start + len(quote), ("event_type",)))
    return Event(event_id=event_id, article_id="kirkuk", evidence=tuple(evidence), **values)


BASHIR = dict(
    event_date=date(2017, 10, 3),
    event_type="Battles",
    sub_event_type="Armed clash",
    actor1="Islamic State",
    actor2="Military Forces of Iraq",
    location="Bashir",
    fatalities=12,
)
TAZA = dict(
    event_date=date(2017, 10, 4),
    event_type="Explosions/Remote violence",
    sub_event_type="Suicide bomb",
    actor1="Islamic State",
    actor2="Military Forces of Iraq",
    location="Tuz Khurmatu",
    fatalities=18,
    injured=9,
)


def perfect() -> list[Event]:
    return [event("e1", S_BASHIR, **BASHIR), event("e2", S_TAZA, **TAZA)]


def test_perfect_prediction_scores_one() -> None:
    report = summarize([score_article(GOLD, perfect(), TEXT)])
    for key in ("event_precision", "event_recall", "event_f1", "strict_f1"):
        assert report[key] == 1.0, key
    for key in ("event_type", "sub_event_type", "actor_pair", "location", "fatalities"):
        assert report[f"{key}_accuracy"] == 1.0, key
    assert report["injured_accuracy"] == 1.0
    assert report["event_date_accuracy"] == 1.0
    assert report["article_total_fatalities_exact"] == 1.0
    assert (report["tp"], report["fp"], report["fn"]) == (2, 0, 0)


def test_empty_prediction_scores_zero() -> None:
    report = summarize([score_article(GOLD, [], TEXT)])
    assert report["event_precision"] == report["event_recall"] == report["event_f1"] == 0.0
    assert report["strict_f1"] == 0.0
    assert report["fn"] == 2  # the optional and the historical event are not owed
    assert report["event_type_accuracy"] is None
    assert report["article_total_fatalities_exact"] == 0.0


def test_matching_the_background_event_is_a_false_positive() -> None:
    events = [*perfect(), event("e3", S_HAWIJA, event_type="Strategic developments")]
    score = score_article(GOLD, events, TEXT)
    assert score.background_hits == 1
    assert (score.tp, score.fp, score.fn) == (2, 1, 0)
    assert summarize([score])["event_precision"] == pytest.approx(2 / 3)


def test_an_event_the_system_marks_historical_is_left_out() -> None:
    events = [*perfect(), event("e3", S_HAWIJA, historical=True, location="Hawija")]
    score = score_article(GOLD, events, TEXT)
    assert (score.tp, score.fp, score.predicted_background) == (2, 0, 1)


def test_the_sum_of_two_attacks_is_a_trap() -> None:
    total = event("e3", S_TOTAL, event_type="Battles", location="Kirkuk", fatalities=30)
    score = score_article(GOLD, [*perfect(), total], TEXT)
    assert score.trap_hits == 1
    assert score.fp == 1
    assert score.total_predicted == 60  # counted twice: the article total is now wrong
    assert summarize([score])["article_total_fatalities_exact"] == 0.0


def test_a_generalisation_without_quotes_is_a_trap_too() -> None:
    daily = event("e3", S_DAILY, event_type="Violence against civilians", location="Tikrit")
    score = score_article(GOLD, [*perfect(), daily], TEXT)
    assert score.trap_hits == 1 and score.fp == 1


def test_trap_sentences_are_found_by_quotes_or_content_words() -> None:
    assert trap_sentences(GOLD["not_events"][0], TEXT) == [full(S_TOTAL)]
    assert trap_sentences(GOLD["not_events"][1], TEXT) == [full(S_DAILY)]
    # An apostrophe is not a quote: this trap quotes nothing and is located by its words.
    assert trap_sentences("the council's curfew in Daquq: not an incident", TEXT) == [S_CURFEW]
    places = "Hawija, Tikrit: background"
    assert trap_sentences(places, TEXT) == [full(S_HAWIJA), full(S_DAILY)]
    # A sentence that states a current gold event never becomes a trap.
    assert trap_sentences("the Bashir checkpoint attack: background", TEXT, [S_BASHIR]) == []


def test_optional_events_are_neither_rewarded_nor_penalised() -> None:
    curfew = event("e3", S_CURFEW, event_type="Strategic developments", location="Daquq")
    with_curfew = summarize([score_article(GOLD, [*perfect(), curfew], TEXT)])
    without = summarize([score_article(GOLD, perfect(), TEXT)])
    assert with_curfew["event_f1"] == without["event_f1"] == 1.0
    assert with_curfew["neutral"] == 1


def test_matching_is_greedy_by_score_and_one_to_one() -> None:
    # e1 quotes both attacks and looks most like the convoy bombing; e2 quotes only the
    # convoy and names its town, a better pair. Taking e1's favourite first would leave the
    # checkpoint attack unmatched; best pairs first gives e2 the convoy and e1 the checkpoint.
    e1 = event("e1", S_BASHIR, S_TAZA, event_type="Explosions/Remote violence", fatalities=18)
    e2 = event("e2", S_TAZA, location="Taza Khurmatu")
    assert match_events(GOLD, [e1, e2], TEXT) == {0: ("gold", 0), 1: ("gold", 1)}
    # e3 is a better match for the checkpoint than e1; one-to-one leaves e1 a false positive.
    e3 = event("e3", S_BASHIR, location="Bashir")
    assert match_events(GOLD, [e1, e2, e3], TEXT) == {1: ("gold", 1), 2: ("gold", 0)}
    score = score_article(GOLD, [e1, e2, e3], TEXT)
    assert (score.tp, score.fp, score.fn) == (2, 1, 0)


def test_same_place_alone_makes_a_match() -> None:
    # No evidence at all, but the same town as a gold event.
    guess = Event("e1", "kirkuk", location="Bashir", fatalities=12)
    assert match_events(GOLD, [guess], TEXT) == {0: ("gold", 0)}


def test_split_ok_event_takes_one_prediction_per_place() -> None:
    gold = json.loads(json.dumps(GOLD))
    gold["events"][1].update(
        split_ok=True, location="Taza Khurmatu", also_locations=["Tuz Khurmatu", "Bashir"]
    )
    gold["events"] = gold["events"][1:2]
    parts = [
        event("a", S_TAZA, **{**TAZA, "location": "Taza Khurmatu", "fatalities": 10}),
        event("b", S_TAZA, **{**TAZA, "location": "Bashir", "fatalities": 8, "injured": 0}),
    ]
    score = score_article(gold, parts, TEXT)
    assert (score.tp, score.fp, score.fn) == (1, 0, 0)
    assert score.fields["fatalities"] == [1, 1]  # 10 + 8 = 18
    assert score.fields["injured"] == [1, 1]
    # The same place twice is a duplicate, not a split.
    twice = [parts[0], event("c", S_TAZA, **{**TAZA, "location": "Taza Khurmatu"})]
    assert score_article(gold, twice, TEXT).fp == 1


def test_wrong_fields_keep_the_match_but_fail_strict() -> None:
    events = [
        event("e1", S_BASHIR, **{**BASHIR, "fatalities": 13}),
        event("e2", S_TAZA, **{**TAZA, "actor1": "Unidentified Armed Group (Iraq)"}),
    ]
    report = summarize([score_article(GOLD, events, TEXT)])
    assert report["event_f1"] == 1.0
    assert report["strict_f1"] == 0.5
    assert report["fatalities_accuracy"] == 0.5
    assert report["actor1_accuracy"] == 0.5
    assert report["actor_pair_accuracy"] == 0.5


def test_evidence_phrases_widen_to_their_sentence() -> None:
    phrase = event("e1", "Taza Khurmatu, killing 18")
    assert event_sentences(phrase, TEXT) == [full(S_TAZA)]
    assert match_events(GOLD, [phrase], TEXT) == {0: ("gold", 1)}


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        (date(2017, 7, 17), {"event_date": "2017-07-17"}, True),
        (date(2017, 7, 16), {"event_date": "2017-07-17", "date_precision": "day"}, False),
        (date(2017, 7, 12), {"event_date": "2017-07-17", "date_precision": "week"}, True),
        (date(2017, 7, 2), {"event_date": "2017-07-17", "date_precision": "month"}, True),
        (date(2017, 7, 2), {"event_date": None, "event_month": "2017-07"}, True),
        (date(2017, 6, 30), {"event_date": None, "event_month": "2017-07"}, False),
        (None, {"event_date": None, "event_month": "2017-07"}, False),
        (date(2017, 7, 2), {"event_date": None, "date_precision": "week"}, None),
    ],
)
def test_date_rules(predicted: date | None, gold: dict[str, Any], expected: bool | None) -> None:
    assert date_correct(predicted, gold) is expected


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Annah", "Anah"),
        ("Anna", "Anah"),
        ("Qaem", "Al Qaim"),
        ("Al-Qa'im", "Al Qaim"),
        ("Heet", "Hit"),
        ("Rutba", "Ar Rutbah"),
        ("Kilometre Seven", "Kilometer Seven"),
        ("Sharqat", "Shirqat"),
        ("Coruna", "A Coruna"),
        ("Freiburg", "Freiburg (Elbe)"),
    ],
)
def test_place_names_are_transliteration_tolerant(first: str, second: str) -> None:
    assert same_place(first, [second])


def test_different_places_stay_different() -> None:
    assert not same_place("Baghdadi", ["Baghdad"])
    assert not same_place("Ramadi", ["Rawa", "Hit"])
    assert not same_place("Berlin", ["Berlin - Mitte"])  # a district is a different place
    assert not same_place(None, ["Ramadi"])
    assert place_key("Ar Ramadi") == place_key("Ramadi")


def test_actor_names_ignore_case_punctuation_and_periods() -> None:
    assert same_actor("military forces of iraq", "Military Forces of Iraq (2014-)")
    assert same_actor("Military Forces of Yemen (2016-) Supreme Political Council",
                      "Military Forces of Yemen Supreme Political Council")  # fmt: skip
    assert same_actor("Islamic State", "Islamic State (Iraq)")
    assert not same_actor("Civilians (Iraq)", "Civilians (Syria)")
    assert not same_actor("Islamic State", None)
    assert same_actor(None, "")


def test_prf_edge_cases() -> None:
    assert prf(0, 0, 0) == (1.0, 1.0, 1.0)
    assert prf(0, 3, 0) == (0.0, 0.0, 0.0)
    assert prf(1, 1, 1) == (0.5, 0.5, 0.5)


def test_pairwise_dedupe_scorer() -> None:
    mapping = {"x1": ("x", 0), "y1": ("y", 0), "z1": ("z", 0), "x2": ("x", 1), "y2": ("y", 1)}
    groups = [[("x", 0), ("y", 0), ("z", 0)], [("x", 1), ("y", 1)]]
    perfect_clusters = [["x1", "y1", "z1"], ["x2", "y2"], ["stray"]]
    report = score_duplicates(perfect_clusters, mapping, groups)
    assert report["pair_precision"] == report["pair_recall"] == 1.0
    assert (report["pair_tp"], report["gold_pairs"], report["unmapped_events"]) == (4, 4, 1)
    everything = score_duplicates([[*mapping]], mapping, groups)
    assert everything["pair_recall"] == 1.0
    assert everything["pair_precision"] == pytest.approx(4 / 10)
    alone = score_duplicates([[e] for e in mapping], mapping, groups)
    assert alone["pair_recall"] == 0.0 and alone["pair_precision"] is None
    # Two events mapped to one (split) gold event are not a pair to score.
    split = score_duplicates([["x1", "x1b"]], {"x1": ("x", 0), "x1b": ("x", 0)}, groups)
    assert split["pair_tp"] + split["pair_fp"] + split["pair_fn"] == 0


def test_format_gold_prints_a_table() -> None:
    score = score_article(GOLD, perfect(), TEXT)
    text = format_gold(
        {"summary": summarize([score]), "articles": [score.as_dict()], "seconds": 0.1}
    )
    assert "strict" in text and "kirkuk" in text and "1.000" in text


# --- ACLED notes -------------------------------------------------------------------------


def test_acled_dates_in_every_style() -> None:
    assert parse_date("2022-02-23") == date(2022, 2, 23)
    assert parse_date("9-May-20") == date(2020, 5, 9)
    assert parse_date("21 March 2020") == date(2020, 3, 21)
    assert parse_date("01-January-2015") == date(2015, 1, 1)
    assert parse_date("soon") is None


def test_strip_size_tag() -> None:
    notes = "On 3 May 2022, about 40 teachers protested in Basra. [size=around 40]"
    assert strip_size(notes) == "On 3 May 2022, about 40 teachers protested in Basra."
    assert strip_size("No tag here.") == "No tag here."


def row(**values: str) -> dict[str, str]:
    base = {
        "event_date": "2022-05-03",
        "event_type": "Protests",
        "sub_event_type": "Peaceful protest",
        "actor1": "Protesters (Iraq)",
        "actor2": "",
        "location": "Basra",
        "latitude": "30.5085",
        "longitude": "47.7804",
        "fatalities": "0",
    }
    return {**base, **values}


def test_acled_row_scoring() -> None:
    rows = [
        row(),
        row(
            event_type="Battles",
            sub_event_type="Armed clash",
            actor1="Military Forces of Iraq (2020-)",
            actor2="Islamic State (Iraq)",
            location="Hit",
            latitude="33.6416",
            longitude="42.8251",
            fatalities="4",
            country="Iraq",
        ),
        row(country="Iraq"),
    ]
    protest = Event(
        "p",
        "r1",
        event_date=date(2022, 5, 3),
        event_type="Protests",
        sub_event_type="Peaceful protest",
        actor1="Protesters (Iraq)",
        location="Al Basrah",
        latitude=30.51,
        longitude=47.78,
    )
    clash = Event(
        "c",
        "r2",
        event_date=date(2022, 5, 2),
        event_type="Battles",
        sub_event_type="Attack",
        actor1="Military Forces of Iraq",
        actor2="Islamic State",
        location="Heet",
        latitude=33.9,  # about 30 km off
        longitude=42.8,
        fatalities=4,
    )
    report = score_rows(rows, [protest, clash, None])
    assert report["no_event"] == 1
    assert report["event_type_accuracy"] == pytest.approx(2 / 3)
    assert report["sub_event_type_accuracy"] == pytest.approx(1 / 3)
    assert report["actor1_accuracy"] == report["actor2_accuracy"] == pytest.approx(2 / 3)
    assert report["location_accuracy"] == pytest.approx(2 / 3)
    assert report["within_10km"] == pytest.approx(1 / 3)
    assert report["within_50km"] == pytest.approx(2 / 3)
    assert report["fatalities_accuracy"] == pytest.approx(2 / 3)
    assert report["event_date_accuracy"] == pytest.approx(1 / 3)
    text = format_acled({**report, "file": "x.csv", "limit": None, "seed": 1, "seconds": 0.0})
    assert "within 50 km" in text and "0.667" in text
    # Per country, biggest first; a row with no event counts against its country.
    assert report["within_50km_by_country"] == {
        "Iraq": {"rows": 2, "within_50km": 0.5},
        "": {"rows": 1, "within_50km": 1.0},
    }
    meta = {"file": "x.csv", "limit": None, "seed": 1, "seconds": 0.0}
    by_country = format_acled({**report, **meta}, countries=1)
    assert "Iraq" in by_country and "(none)" not in by_country


def test_macro_f1_and_sampling() -> None:
    average, per_label = macro_f1(["a", "a", "b"], ["a", "b", None])
    assert per_label == {"a": pytest.approx(2 / 3), "b": 0.0}
    assert average == pytest.approx(1 / 3)
    rows = [{"n": str(i)} for i in range(100)]
    first = sample_rows(rows, 10, seed=3)
    assert first == sample_rows(rows, 10, seed=3) and len(first) == 10
    assert first != sample_rows(rows, 10, seed=4)
    assert sample_rows(rows, None, seed=3) == rows


def test_top_event_skips_background_and_distance_is_sane() -> None:
    old = Event("o", "a", historical=True)
    new = Event("n", "a")
    assert top_event([old, new]) is new
    assert top_event([old]) is None
    assert distance_km(33.4206, 43.3070, 33.3152, 44.3661) == pytest.approx(99, abs=3)


# --- the command line --------------------------------------------------------------------


def test_eval_gold_command_runs_on_a_folder(tmp_path: Path) -> None:
    from strife.cli import cli

    (tmp_path / "kirkuk.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "kirkuk.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (tmp_path / "other.txt").write_text("An article nobody annotated.", encoding="utf-8")
    # Metadata in the article folder must be used as metadata, not read as articles.
    metadata = tmp_path / "crawl.jsonl"
    metadata.write_text('{"id": "kirkuk", "published": "2017-10-04"}\n', encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["eval", "gold", str(tmp_path), "--metadata", str(metadata), "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert [a["article_id"] for a in report["articles"]] == ["kirkuk"]
    assert report["articles"][0]["published"] == "2017-10-04"
    assert report["summary"]["gold_events"] == 2
    table = CliRunner().invoke(cli, ["eval", "gold", str(tmp_path)])
    assert table.exit_code == 0 and "precision" in table.output


def test_eval_gold_command_without_gold_fails_cleanly(tmp_path: Path) -> None:
    from strife.cli import cli

    (tmp_path / "a.txt").write_text("Nothing to see.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "gold", str(tmp_path)])
    assert result.exit_code != 0 and "gold" in result.output


def test_eval_acled_command_on_a_small_csv(tmp_path: Path) -> None:
    from strife.cli import cli

    csv_path = tmp_path / "rows.csv"
    csv_path.write_text(
        "event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,location,"
        "latitude,longitude,fatalities,notes\n"
        "IRQ1,2022-05-03,Protests,Peaceful protest,Protesters (Iraq),,Basra,30.5,47.8,0,"
        '"On 3 May 2022, about 40 teachers protested in Basra over unpaid wages. [size=40]"\n'
        "IRQ2,4-May-22,Battles,Armed clash,Military Forces of Iraq (2020-),Islamic State (Iraq),"
        'Hit,33.6,42.8,2,"On 4 May 2022, soldiers clashed with IS fighters near Hit, killing 2."\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["eval", "acled", str(csv_path), "--json", "--limit", "1"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["rows"] == 1 and report["limit"] == 1
    table = CliRunner().invoke(cli, ["eval", "acled", str(csv_path)])
    assert table.exit_code == 0 and "event_type accuracy" in table.output


# --- the real gold corpus (read at run time, never copied) -------------------------------

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")


def _gold_files(folders: tuple[str, ...] = ("seeds", "extra")) -> list[Path]:
    """Return the gold files of the corpus folders (the seven pages strife was built with)."""
    if not CORPUS.is_dir():
        return []
    return sorted(p for folder in folders for p in (CORPUS / folder).glob("*.gold.json"))


def _events_from_gold(gold: dict[str, Any], text: str) -> list[Event]:
    """Turn an article's gold events into the predictions a perfect system would make."""
    events = []
    for index, item in enumerate(gold["events"]):
        if item.get("historical"):
            continue
        evidence = []
        for quote in item["evidence"]:
            start = text.find(quote)
            if start >= 0:
                evidence.append(Evidence(gold["id"], quote, start, start + len(quote)))
        when = item.get("event_date") or (
            f"{item['event_month']}-01" if item.get("event_month") else None
        )
        events.append(
            Event(
                event_id=str(index),
                article_id=gold["id"],
                event_date=date.fromisoformat(when) if when else None,
                event_type=item["event_type"],
                sub_event_type=item["sub_event_type"],
                actor1=item["actor1"],
                actor2=item["actor2"],
                location=item["location"],
                fatalities=item.get("fatalities"),
                injured=item.get("injured"),
                evidence=tuple(evidence),
            )
        )
    return events


@needs_corpus
def test_gold_turned_into_predictions_scores_one_on_the_real_corpus() -> None:
    scores = []
    mapping: dict[str, tuple[str, int]] = {}
    for path in _gold_files():
        gold = {**json.loads(path.read_text(encoding="utf-8")), "id": path.name[:-10]}
        text = path.with_name(f"{gold['id']}.txt").read_text(encoding="utf-8")
        score = score_article(gold, _events_from_gold(gold, text), text)
        assert score.unlocated_traps == [], gold["id"]
        scores.append(score)
        mapping |= {f"{gold['id']}/{e}": (gold["id"], i) for e, i in score.mapping.items()}
    report = summarize(scores)
    assert report["trap_hits"] == 0 and report["fp"] == 0 and report["fn"] == 0
    for key, value in report.items():
        if key.endswith(("_f1", "_precision", "_recall", "_accuracy", "_exact")):
            assert value in (1.0, None), key
    groups = json.loads((CORPUS / "DUPLICATES.json").read_text(encoding="utf-8"))["groups"]
    members = [[(m[0], m[1]) for m in g["members"]] for g in groups]
    by_gold = {gold: event_id for event_id, gold in mapping.items()}
    clusters = [[by_gold[m] for m in group] for group in members]
    listed = {e for c in clusters for e in c}
    clusters += [[e] for e in mapping if e not in listed]
    dedupe = score_duplicates(clusters, mapping, members)
    assert dedupe["pair_precision"] == dedupe["pair_recall"] == 1.0
    assert dedupe["gold_pairs_scorable"] == dedupe["gold_pairs"] == 5


@needs_corpus
def test_gold_turned_into_predictions_scores_one_on_the_development_set() -> None:
    # The development pages' not_events are free-text notes, not all locatable in the text;
    # what must hold is that a perfect prediction scores perfectly on every field.
    scores = []
    for path in _gold_files(("dev",)):
        gold = {**json.loads(path.read_text(encoding="utf-8")), "id": path.name[:-10]}
        text = path.with_name(f"{gold['id']}.txt").read_text(encoding="utf-8")
        scores.append(score_article(gold, _events_from_gold(gold, text), text))
    assert len(scores) == 42
    report = summarize(scores)
    assert report["fp"] == 0 and report["fn"] == 0
    for key, value in report.items():
        if key.endswith(("_f1", "_precision", "_recall", "_accuracy")):
            assert value in (1.0, None), key


@needs_corpus
def test_events_made_of_not_events_sentences_are_trap_hits_on_the_real_corpus() -> None:
    from strife.evaluate.gold import locate_traps

    for path in _gold_files():
        gold = {**json.loads(path.read_text(encoding="utf-8")), "id": path.name[:-10]}
        text = path.with_name(f"{gold['id']}.txt").read_text(encoding="utf-8")
        traps = locate_traps(gold, text)
        extra = []
        for index, found in traps.items():
            start = text.index(found[0])
            quote = Evidence(gold["id"], found[0], start, start + len(found[0]))
            extra.append(Event(f"trap{index}", gold["id"], fatalities=3, evidence=(quote,)))
        score = score_article(gold, [*_events_from_gold(gold, text), *extra], text)
        assert score.trap_hits == len(traps), gold["id"]
        assert score.fn == 0 and score.fp == len(traps), gold["id"]


def test_eval_gold_reads_json_lines_records_that_have_gold(tmp_path: Path) -> None:
    from strife.evaluate.runs import find_gold, run_gold

    records = [
        {"id": "kirkuk", "text": TEXT, "published": "2017-10-04"},
        {"id": "unlabelled", "text": "Another story."},
    ]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    (tmp_path / "kirkuk.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    golds, inputs = find_gold([tmp_path])
    assert list(golds) == ["kirkuk"] and inputs == [batch]
    report = run_gold([tmp_path])
    assert [a["article_id"] for a in report["articles"]] == ["kirkuk"]
    assert report["articles"][0]["published"] == "2017-10-04"
    assert report["missing_inputs"] == []


def test_a_broken_gold_file_is_a_clear_error(tmp_path: Path) -> None:
    from strife.cli import cli

    (tmp_path / "a.txt").write_text("Nothing to see.", encoding="utf-8")
    (tmp_path / "a.gold.json").write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "gold", str(tmp_path)])
    assert result.exit_code == 1 and "cannot read gold file" in result.output
