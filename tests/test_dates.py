"""Tests for strife.dates: finding date expressions and resolving them against publication."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strife.dates import DateMention, find_dates, parse_date_string
from strife.dates import find as find_module
from strife.dates._readings import STAND_IN_BASE, Context

SHARED = Path(__file__).parents[1].parent / "shared"
WEDNESDAY = date(2017, 9, 27)
MONDAY = date(2016, 3, 14)


def only(text: str, published: date | None) -> DateMention:
    mentions = find_dates(text, published)
    assert len(mentions) == 1, mentions
    return mentions[0]


def texts(text: str, published: date | None) -> list[str]:
    return [m.text for m in find_dates(text, published)]


# --- weekdays -------------------------------------------------------------------------


def test_weekday_is_the_most_recent_such_day_before_publication() -> None:
    mention = only("Gunmen stormed a police post on Monday, officials said.", WEDNESDAY)
    assert mention.text == "on Monday"
    assert mention.value == date(2017, 9, 25)
    assert (mention.precision, mention.relative, mention.background) == (1, True, False)


def test_weekday_on_the_publication_day_is_that_day() -> None:
    assert only("Militants hit a convoy on Monday.", MONDAY).value == MONDAY
    assert only("Troops repelled an assault on Wednesday.", WEDNESDAY).value == WEDNESDAY


def test_last_weekday_is_strictly_before_publication() -> None:
    assert only("The mayor was shot last Monday.", MONDAY).value == date(2016, 3, 7)


@pytest.mark.parametrize(
    ("sentence", "expression"),
    [
        ("A roadside bomb exploded late on Wednesday near the bridge.", "late on Wednesday"),
        ("On Monday afternoon, a car bomb hit the market.", "On Monday afternoon"),
        ("Turnout in Monday's vote was low.", "Monday's"),
        ("Soldiers were ambushed on Tuesday night.", "on Tuesday night"),
        ("Rebels withdrew early Tuesday.", "early Tuesday"),
    ],
)
def test_weekday_forms(sentence: str, expression: str) -> None:
    mention = only(sentence, WEDNESDAY)
    assert mention.text == expression
    assert mention.value is not None and mention.value.weekday() in (0, 1, 2)
    assert mention.precision == 1


def test_small_hours_of_a_day_may_be_the_night_before() -> None:
    mention = only("Shelling began in the early hours of Sunday.", MONDAY)
    assert mention.value == date(2016, 3, 13)
    assert mention.earliest == date(2016, 3, 12)


def test_next_weekday_is_a_plan_and_is_dropped() -> None:
    assert find_dates("Delegations will meet next Monday in Geneva.", WEDNESDAY) == []


def test_weekday_inside_a_name_is_not_a_date() -> None:
    assert find_dates("The Sunday Times reported the raid.", WEDNESDAY) == []
    assert find_dates("Marchers remembered Bloody Sunday in Derry.", WEDNESDAY) == []


# --- days around publication -----------------------------------------------------------


def test_overnight_is_the_publication_day_or_the_night_before() -> None:
    mention = only("Overnight, insurgents overran two army posts.", MONDAY)
    assert mention.value == MONDAY
    assert (mention.earliest, mention.latest) == (MONDAY - timedelta(days=1), MONDAY)
    assert mention.precision == 1


def test_today_yesterday_last_night() -> None:
    text = (
        "A mortar hit the camp yesterday, a sniper killed a boy last night and clashes go on today."
    )
    found = {m.text: m for m in find_dates(text, WEDNESDAY)}
    assert found["yesterday"].value == date(2017, 9, 26)
    assert found["last night"].value == date(2017, 9, 26)
    assert found["today"].value == WEDNESDAY
    assert all(m.precision == 1 for m in found.values())


def test_the_previous_day_counts_from_the_last_day_mentioned() -> None:
    text = "Fighters retook the village on Monday. They had abandoned it the previous day."
    mentions = find_dates(text, WEDNESDAY)
    assert [m.value for m in mentions] == [date(2017, 9, 25), date(2017, 9, 24)]


def test_the_previous_day_without_an_earlier_date_counts_from_publication() -> None:
    assert only("Police found the bodies the previous day.", WEDNESDAY).value == date(2017, 9, 26)


def test_outlet_named_today_is_not_a_date() -> None:
    assert find_dates("The minister told Iraq Today that talks had failed.", WEDNESDAY) == []
    assert only("Today, troops entered the town.", WEDNESDAY).value == WEDNESDAY


# --- weeks and months ------------------------------------------------------------------


def test_last_week_is_the_previous_calendar_week_with_week_precision() -> None:
    mention = only("The ministry said last week that the road was open.", WEDNESDAY)
    assert (mention.earliest, mention.latest) == (date(2017, 9, 18), date(2017, 9, 24))
    assert mention.precision == 2


def test_this_week_stops_at_publication() -> None:
    mention = only("Aid convoys were blocked earlier this week.", WEDNESDAY)
    assert (mention.earliest, mention.latest) == (date(2017, 9, 25), date(2017, 9, 26))
    assert mention.precision == 2


def test_earlier_this_month_has_month_precision() -> None:
    mention = only("Raids on the camps intensified earlier this month.", WEDNESDAY)
    assert (mention.earliest, mention.latest) == (date(2017, 9, 1), date(2017, 9, 26))
    assert mention.precision == 3
    assert not mention.background


def test_last_month_is_the_previous_calendar_month() -> None:
    mention = only("The governor resigned last month.", MONDAY)
    assert (mention.earliest, mention.latest) == (date(2016, 2, 1), date(2016, 2, 29))


def test_late_december_in_a_march_article_is_the_previous_december() -> None:
    mention = only("The army declared the city liberated in late December.", MONDAY)
    assert mention.text == "in late December"
    assert (mention.earliest, mention.latest) == (date(2015, 12, 21), date(2015, 12, 31))
    assert mention.precision == 2  # an 11-day range
    assert mention.background


@pytest.mark.parametrize(
    ("expression", "earliest", "latest", "precision"),
    [
        ("in December", date(2015, 12, 1), date(2015, 12, 31), 3),
        ("in early February", date(2016, 2, 1), date(2016, 2, 10), 2),
        ("by mid-January", date(2016, 1, 11), date(2016, 1, 20), 2),
        ("in March", date(2016, 3, 1), MONDAY, 3),  # the current month, clipped
        ("late May 2014", date(2014, 5, 21), date(2014, 5, 31), 2),
        ("at the end of January", date(2016, 1, 21), date(2016, 1, 31), 2),
        ("in November last year", date(2015, 11, 1), date(2015, 11, 30), 3),
        ("from July to December last year", date(2015, 7, 1), date(2015, 12, 31), 3),
    ],
)
def test_month_expressions(expression: str, earliest: date, latest: date, precision: int) -> None:
    mention = only(f"Officials said the offensive began {expression}, sources said.", MONDAY)
    assert mention.text == expression
    assert (mention.earliest, mention.latest, mention.precision) == (earliest, latest, precision)
    assert mention.value is not None and earliest <= mention.value <= latest


def test_bare_month_names_need_a_cue() -> None:
    assert find_dates("The Mayor said he may step down; March organisers agreed.", MONDAY) == []
    assert find_dates("The March 14 Alliance condemned the bombing.", MONDAY) == []


# --- explicit dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("on 27 September 2017", date(2017, 9, 27)),
        ("on September 27, 2017", date(2017, 9, 27)),
        ("Wed, 27 Sep 2017", date(2017, 9, 27)),
        ("on Wednesday, September 27, 2017", date(2017, 9, 27)),
        ("2017-09-26", date(2017, 9, 26)),
        ("26/09/2017", date(2017, 9, 26)),
        ("on the 12th of August 2017", date(2017, 8, 12)),
    ],
)
def test_explicit_days(expression: str, expected: date) -> None:
    mention = only(f"The statement, issued {expression}, gave no toll.", WEDNESDAY)
    assert mention.text == expression
    assert (mention.value, mention.precision, mention.relative) == (expected, 1, False)


def test_day_without_year_takes_the_latest_year_not_after_publication() -> None:
    assert only("The truce was signed on Sept. 27.", MONDAY).value == date(2015, 9, 27)
    assert only("Leaders met on the 5th of January.", MONDAY).value == date(2016, 1, 5)


def test_day_range() -> None:
    mention = only("The clashes of 26-27 June 2015 left 30 dead.", MONDAY)
    assert (mention.earliest, mention.latest, mention.precision) == (
        date(2015, 6, 26),
        date(2015, 6, 27),
        2,
    )


def test_longest_expression_wins() -> None:
    mention = only("Militants attacked on Monday, 14 March 2016, at dawn.", MONDAY)
    assert mention.text == "on Monday, 14 March 2016"
    assert mention.relative is False


def test_around_a_day_is_week_precision() -> None:
    mention = only("Around 3 May 2022, gunmen looted a clinic.", date(2022, 5, 10))
    assert (mention.value, mention.precision) == (date(2022, 5, 3), 2)


# --- years and distant past -------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "earliest", "latest"),
    [
        ("in 2014", date(2014, 1, 1), date(2014, 12, 31)),
        ("since 2014", date(2014, 1, 1), date(2014, 12, 31)),
        ("late 2015", date(2015, 9, 1), date(2015, 12, 31)),
        ("in mid-2015", date(2015, 5, 1), date(2015, 8, 31)),
        ("in the summer of 2014", date(2014, 6, 1), date(2014, 8, 31)),
        ("between 2012 and 2014", date(2012, 1, 1), date(2014, 12, 31)),
    ],
)
def test_years_are_background(expression: str, earliest: date, latest: date) -> None:
    mention = only(f"The group held the valley {expression} before withdrawing.", MONDAY)
    assert mention.text == expression
    assert (mention.earliest, mention.latest, mention.precision) == (earliest, latest, 3)
    assert mention.background and not mention.relative


def test_numbers_that_look_like_years_are_not_dates() -> None:
    assert find_dates("Shelling cut power to 2000 homes in 2000 houses.", MONDAY) == []
    assert find_dates("The 3rd brigade lost 1500 men.", MONDAY) == []


def test_years_out_of_range_are_ignored() -> None:
    assert find_dates("Records from 1850 were lost; elections are set for 2030.", MONDAY) == []
    assert find_dates("Saturday, September 21, 2090", MONDAY) == []  # not even "Saturday"


def test_ago() -> None:
    two_days = only("Two days ago, a drone struck a car.", WEDNESDAY)
    assert (two_days.value, two_days.precision) == (date(2017, 9, 25), 1)
    weeks = only("A priest was kidnapped about two weeks ago.", WEDNESDAY)
    assert (weeks.value, weeks.precision, weeks.background) == (date(2017, 9, 13), 2, False)


def test_over_a_year_ago_in_a_month_is_background() -> None:
    text = "Police regained the district over a year ago, in February 2016."
    mentions = find_dates(text, WEDNESDAY)
    assert [m.text for m in mentions] == ["over a year ago", "in February 2016"]
    assert all(m.background for m in mentions)
    assert mentions[1].value is not None and mentions[1].value.month == 2


def test_recent_spans() -> None:
    hours = only("In the past 24 hours, 12 people were killed.", WEDNESDAY)
    assert (hours.earliest, hours.latest, hours.precision) == (date(2017, 9, 26), WEDNESDAY, 1)
    weekend = only("Over the weekend, protesters blocked the highway.", WEDNESDAY)
    assert (weekend.earliest, weekend.latest) == (date(2017, 9, 23), date(2017, 9, 24))


# --- the publication date ---------------------------------------------------------------


def test_without_publication_relative_expressions_get_no_date() -> None:
    text = "Gunmen struck on Monday and again yesterday; raids rose last week and in late December."
    mentions = find_dates(text, None)
    assert [m.text for m in mentions] == ["on Monday", "yesterday", "last week", "in late December"]
    for mention in mentions:
        assert (mention.value, mention.earliest, mention.latest) == (None, None, None)
        assert mention.relative and not mention.background
    assert [m.precision for m in mentions] == [1, 1, 2, 2]


def test_without_publication_explicit_dates_still_resolve() -> None:
    mentions = find_dates("The town fell in May 2015 and was retaken on 9 February 2016.", None)
    assert [m.value for m in mentions] == [date(2015, 5, 16), date(2016, 2, 9)]
    assert not any(m.background for m in mentions)


def test_dates_after_publication_are_dropped() -> None:
    text = "A vote is planned for 5 October 2017 and talks later this month."
    assert find_dates(text, WEDNESDAY) == []
    # One day of slack for explicit dates: time zones.
    assert only("Talks resume on 28 September 2017.", WEDNESDAY).value == date(2017, 9, 28)


def test_ranges_are_clipped_at_publication() -> None:
    mention = only("Food prices doubled this month.", WEDNESDAY)
    assert mention.latest == WEDNESDAY
    assert mention.value is not None and mention.value <= WEDNESDAY


RELATIVE_SAMPLES = (
    "On Monday, on Friday, last Sunday, overnight, today, yesterday, last night, "
    "the previous day, the next day, last week, this week, earlier this month, last month, "
    "this year, late last year, in December, in late September, on Sept. 28, two days ago, "
    "a week ago, in the past 48 hours, over the weekend, in recent weeks, the 28th of September."
)


@pytest.mark.parametrize("published", [WEDNESDAY, MONDAY, date(2020, 1, 1), date(2019, 12, 31)])
def test_relative_expressions_never_come_after_publication(published: date) -> None:
    mentions = find_dates(RELATIVE_SAMPLES, published)
    assert len(mentions) >= 20
    for mention in mentions:
        assert mention.value is not None and mention.latest is not None
        limit = published + timedelta(days=1) if "28" in mention.text else published
        assert mention.value <= mention.latest <= limit, mention


def test_offsets_index_the_text() -> None:
    text = "Islamic State fighters, who took the town in May 2015, attacked it again on Monday."
    for mention in find_dates(text, MONDAY):
        assert text[mention.start : mention.end] == mention.text
    assert texts(text, MONDAY) == ["in May 2015", "on Monday"]


def test_a_blank_line_breaks_an_expression() -> None:
    assert texts("By\n\nWed, 27 Sep 2017", WEDNESDAY) == ["Wed, 27 Sep 2017"]


# --- properties --------------------------------------------------------------------------

DATE_WORDS = (
    "on in late early mid since by the of last this next past over about a two several days "
    "weeks years ago week month year weekend overnight night today Today yesterday previous "
    "day same following Monday Tuesday Wednesday Sunday's Saturday Wed Sun January May June "
    "Sept. Sep Dec December March 2015 2016 1999 2030 5th 27 3 21 31 - , . ( ) 2017-09-27 "
    "27/09/2017 from to between and hours 24 recent end beginning summer attack killed"
).split() + ["\n", "\n\n"]
date_texts = st.lists(st.sampled_from(DATE_WORDS), max_size=25).map(" ".join)


def check_mentions(text: str, published: date | None) -> list[DateMention]:
    mentions = find_dates(text, published)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.precision in (1, 2, 3)
        if mention.value is not None:
            assert mention.earliest is not None and mention.latest is not None
            assert mention.earliest <= mention.value <= mention.latest
            if published is not None:
                assert mention.value <= published + timedelta(days=1)
        elif published is not None:
            pytest.fail(f"unresolved mention with a publication date: {mention}")
    return mentions


@settings(max_examples=150, deadline=None)
@given(st.text(), st.one_of(st.none(), st.dates()))
def test_find_dates_never_raises_on_arbitrary_text(text: str, published: date | None) -> None:
    check_mentions(text, published)


@settings(max_examples=300, deadline=None)
@given(date_texts, st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31))))
def test_find_dates_properties_on_date_like_text(text: str, published: date | None) -> None:
    check_mentions(text, published)


@settings(max_examples=200, deadline=None)
@given(date_texts, st.dates(date(1990, 1, 1), date(2030, 12, 31)))
def test_trigger_windows_find_what_a_full_scan_finds(text: str, published: date) -> None:
    context = Context(base=published, published=published, max_year=published.year + 1)
    windowed = find_module._candidates(text, context, find_module._windows(text))
    full = find_module._candidates(text, context, find_module._whole(text))
    assert {(c.start, c.end) for c in windowed} == {(c.start, c.end) for c in full}


def test_stand_in_base_is_never_reported() -> None:
    for mention in find_dates(RELATIVE_SAMPLES, None):
        assert mention.value != STAND_IN_BASE


# --- stand-alone date lines ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Updated 27 September 2017", (date(2017, 9, 27), False)),
        ("Wed, 27 Sep 2017 - 08:44 GMT", (date(2017, 9, 27), True)),
        ("Saturday, September 21, 2024", (date(2024, 9, 21), False)),
        ("2017-09-27T08:44:00Z", (date(2017, 9, 27), True)),
        ("March 14, 2016 at 7:05 pm", (date(2016, 3, 14), True)),
        ("Published: 14 Mar 2016 | 10:12", (date(2016, 3, 14), True)),
        ("14/03/2016", (date(2016, 3, 14), False)),
        ("MOSUL - 3 July 2017:", (date(2017, 7, 3), False)),
    ],
)
def test_parse_date_string(line: str, expected: tuple[date, bool]) -> None:
    assert parse_date_string(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "",
        "27 September",  # no year
        "3 hours ago",
        "Copyright 2017 Reuters",
        "Troops patrol a street in Mosul on July 3, 2017, after the city was retaken from IS.",
        "Saturday, September 21, 2190",
    ],
)
def test_parse_date_string_rejects_lines_that_are_not_dates(line: str) -> None:
    assert parse_date_string(line) is None


def test_parse_date_string_falls_back_to_dateparser_for_other_languages() -> None:
    assert parse_date_string("14 mars 2016") == (date(2016, 3, 14), False)


# --- real data, read at run time (skipped when ../shared is absent) -----------------------


@cache
def corpus_articles() -> list[tuple[Path, date | None]]:
    corpus = SHARED / "corpus"
    if not (corpus / "metadata.jsonl").is_file():
        return []
    published: dict[str, date | None] = {}
    for line in (corpus / "metadata.jsonl").read_text().splitlines():
        record = json.loads(line)
        published[record["id"]] = (
            date.fromisoformat(record["published"]) if record["published"] else None
        )
    paths = sorted((corpus / "seeds").glob("*.gold.json")) + sorted(
        (corpus / "extra").glob("*.gold.json")
    )
    return [(p, published.get(p.name.removesuffix(".gold.json"))) for p in paths]


@pytest.mark.skipif(not corpus_articles(), reason="../shared/corpus not available")
def test_gold_days_are_found_in_the_corpus() -> None:
    checked = 0
    for gold_path, published in corpus_articles():
        text = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text()
        mentions = check_mentions(text, published)
        if published is None:
            assert all(m.value is None for m in mentions if m.relative)
            continue
        days = {m.value for m in mentions if m.precision == 1 and not m.background}
        for event in json.loads(gold_path.read_text())["events"]:
            if event.get("event_date") and event.get("date_precision") == "day":
                assert date.fromisoformat(event["event_date"]) in days, gold_path.name
                checked += 1
    assert checked >= 5


@cache
def acled_rows() -> list[dict[str, str]]:
    path = SHARED / "eval" / "acled" / "acled_2022_global_sample9000_acledR.csv"
    if not path.is_file():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return [row for _, row in zip(range(1000), csv.DictReader(handle), strict=False)]


@pytest.mark.skipif(not acled_rows(), reason="../shared/eval/acled not available")
def test_acled_notes_open_with_their_event_date() -> None:
    rows = acled_rows()
    right = 0
    for row in rows:
        mentions = find_dates(row["notes"], None)
        first = next((m for m in mentions if m.value is not None), None)
        right += first is not None and first.value == date.fromisoformat(row["event_date"])
    assert right / len(rows) >= 0.98


def test_an_exact_day_a_week_before_publication_is_background() -> None:
    # Published Wednesday 27 September 2017.
    recalled = only("On September 18, gunmen attacked a wedding party.", WEDNESDAY)
    assert recalled.background
    recent = only("On September 22, gunmen attacked a wedding party.", WEDNESDAY)
    assert not recent.background


def test_fighting_that_began_one_day_and_went_on_the_next_is_dated_by_its_start() -> None:
    import strife

    text = (
        "Clashes in the capital\n\n"
        "More than 200 people were hurt in clashes between police and protesters in Lahore, "
        "hospital officials said on Sunday.\n"
        "The violence began late Saturday and continued early Sunday after some 20,000 people "
        "marched on the governor's house.\n"
    )
    # Published Sunday 31 August 2014: one incident, dated the Saturday it began.
    events = strife.extract(text, published="2014-08-31")
    assert [e.event_date for e in events] == [date(2014, 8, 30)]


# --- nights, statements and the days around an incident -----------------------------------


def test_overnight_with_a_weekday_is_the_night_into_the_next_day() -> None:
    # Published Monday 14 March 2016: "overnight Saturday" ends on the Sunday morning.
    mention = only("The checkpoint was overrun overnight Saturday.", MONDAY)
    assert mention.value == date(2016, 3, 13)
    assert (mention.earliest, mention.latest) == (date(2016, 3, 12), date(2016, 3, 13))
    # Told on the Saturday itself, it cannot end after publication.
    assert only("Shelling went on overnight Saturday.", date(2016, 3, 12)).value == date(
        2016, 3, 12
    )


def test_overnight_and_yesterday_count_from_the_statement_in_their_sentence() -> None:
    import strife

    text = (
        "Gunmen burned a clinic outside Djibo overnight and shot two nurses dead, "
        "the governor said on Saturday.\n"
    )
    # Published Monday 14 March 2016: the night is the one that ended on Saturday.
    (event,) = strife.extract(text, published="2016-03-14")
    assert event.event_date == date(2016, 3, 12)
    text = "Militants shelled a camp near Goma yesterday, the army said on Friday.\n"
    (event,) = strife.extract(text, published="2016-03-14")
    assert event.event_date == date(2016, 3, 10)


def test_came_a_day_after_dates_the_earlier_incident() -> None:
    text = (
        "Rebels raided a village on Thursday. The raid came a day after soldiers were "
        "ambushed nearby."
    )
    found = {m.text: m.value for m in find_dates(text, WEDNESDAY)}
    # Published Wednesday 27 September 2017: Thursday the 21st, so the ambush is the 20th.
    assert found["on Thursday"] == date(2017, 9, 21)
    assert found["a day after"] == date(2017, 9, 20)


def test_the_start_of_a_span_is_no_anchor_for_a_day_later() -> None:
    text = "Forty people have died since September 3. The day before, a bridge was blown up."
    found = {m.text: m.value for m in find_dates(text, WEDNESDAY)}
    # "the day before" counts back from publication, not from the span's first day.
    assert found["The day before"] == WEDNESDAY - timedelta(days=1)


def test_a_count_of_times_this_year_is_no_date() -> None:
    assert texts("The pipeline was blown up for the fourth time this year.", WEDNESDAY) == []
    assert texts("The road was cut earlier this year.", WEDNESDAY) == ["earlier this year"]


def test_a_dated_sentence_between_an_incidents_sentences_dates_it() -> None:
    import strife

    text = (
        "Army helicopters fired rockets at a market in Hpakant, killing seven traders, a "
        "local official said on Thursday.\n"
        "The helicopters came over Hpakant on Tuesday evening, a trader recalled.\n"
        "Four more traders were wounded in the rocket fire on Hpakant, the official said.\n"
    )
    # Published Thursday 7 March 2024: the rockets were fired on Tuesday the 5th.
    (event,) = strife.extract(text, published="2024-03-07")
    assert event.event_date == date(2024, 3, 5)


def test_a_span_told_between_an_incidents_sentences_dates_nothing() -> None:
    import strife

    text = (
        "Protesters set fire to a police station in Kirkuk, officials said.\n"
        "It is the fourth police station to have burned in the last two years.\n"
        "The protesters also blocked the road to the station with burning tyres.\n"
    )
    # Published 5 March 2024 with no day in the story: the fire is news of that day, not of
    # two years before.
    events = strife.extract(text, published="2024-03-05")
    assert [e.event_date for e in events] == [date(2024, 3, 5)]


def test_a_statement_only_day_gives_way_to_the_day_the_next_sentences_tell() -> None:
    import strife

    text = (
        "Police in Goma said on Wednesday they had arrested three men carrying grenades.\n"
        "Officers grew suspicious of the men's car at a market on Tuesday afternoon, the "
        "police chief added.\n"
    )
    # Published Wednesday 6 March 2024: the arrests were on Tuesday the 5th.
    events = strife.extract(text, published="2024-03-06")
    assert [e.event_date for e in events] == [date(2024, 3, 5)]


def test_an_undated_story_keeps_the_weekday_it_names_as_evidence() -> None:
    import strife
    from strife.model import EVENT_WEEKDAY

    text = "Jihadists overran a gendarmerie post near Djibo on Friday, killing three.\n"
    (event,) = strife.extract(text)
    assert event.event_date is None
    cited = [e.text for e in event.evidence if EVENT_WEEKDAY in e.fields]
    assert cited and "Friday" in cited[0]


def test_date_words_come_from_the_shared_words_file() -> None:
    from strife.dates import _lexicon
    from strife.resources import Resources

    words = Resources.lexicons.words
    assert _lexicon.FULL_MONTHS == words.months
    assert {_lexicon.MONTHS[m.lower()] for m in words.months} == set(range(1, 13))
    assert all(_lexicon.WEEKDAYS[w.lower()] in range(7) for w in words.weekday_abbreviations)
    assert _lexicon.NUMBER_WORDS["forty"] == words.tens["forty"]
    assert only("It happened forty days ago.", WEDNESDAY).value == WEDNESDAY - timedelta(days=40)


def test_on_an_undated_page_a_calendar_day_after_a_weekday_lead_is_background() -> None:
    import strife

    text = (
        "A roadside bomb hit an army truck near Menaka on Tuesday, killing three soldiers, "
        "a local official said.\n"
        "The truck was escorting a fuel convoy, he said.\n"
        "The army has sent reinforcements to the area.\n"
        "Four other soldiers were killed by a mine on the same road on Oct. 9.\n"
    )
    events = strife.extract(text)  # no publication date
    assert [(e.location, e.fatalities) for e in events] == [("Menaka", 3)]
