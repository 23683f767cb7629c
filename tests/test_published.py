"""Publication dates: each source a page offers, and the checks against its story."""

from __future__ import annotations

from datetime import date

import pytest

from strife.clean import clean
from strife.dates.published import (
    Candidate,
    choose,
    confidence,
    dateline_candidates,
    timestamp_candidates,
    url_candidates,
)
from strife.model import Article
from strife.resources import Resources

TODAY = date(2026, 1, 1)


def test_url_paths_give_the_day() -> None:
    assert [c.day for c in url_candidates("https://x.org/news/2019/03/14/raid-in-kano", TODAY)] == [
        date(2019, 3, 14)
    ]
    assert url_candidates("https://x.org/world/2019/mar/14/raid", TODAY)[0].day == date(2019, 3, 14)
    assert url_candidates("https://x.org/story?id=7&date=2019-03-14", TODAY)[0].day == date(
        2019, 3, 14
    )
    assert url_candidates("https://x.org/world/raid-in-kano", TODAY) == []


def test_article_numbers_give_a_weaker_day() -> None:
    packed = url_candidates("http://wire.example/article/idUSKCN0J91QR20141125", TODAY)
    assert [(c.day, c.source) for c in packed] == [(date(2014, 11, 25), "url:id")]
    # 1719164627126 ms after 1970 is 23 June 2024 (UTC).
    stamped = url_candidates("https://paper.example/two-killed-101719164627126.html", TODAY)
    assert [c.day for c in stamped] == [date(2024, 6, 23)]


def test_time_stamps_in_the_header_count_whatever_else_the_line_holds() -> None:
    header = ["Reporter Name | 18 February, 2018, 02:49", "A long line " * 3]
    assert [c.day for c in timestamp_candidates(header, TODAY)] == [date(2018, 2, 18)]
    assert timestamp_candidates(["Floods on 3 May 2022 cut the road north"], TODAY) == []


def test_dateline_takes_its_year_from_the_other_candidates() -> None:
    found = dateline_candidates(["KANO, March 3 - Gunmen attacked a market."], [date(2021, 3, 4)])
    assert [c.day for c in found] == [date(2021, 3, 3)]
    assert dateline_candidates(["KANO, March 3 - Gunmen attacked."], []) == []


def test_a_weekday_the_story_names_must_fit_the_candidate() -> None:
    story = "Gunmen killed four farmers on Monday, police said on Tuesday."
    wrong = Candidate(date(2021, 3, 6), "text:page", "Saturday, 6 March 2021")  # a Saturday
    right = Candidate(date(2021, 3, 9), "text:store", "date 2021-03-09")  # a Tuesday
    decision = choose([wrong, right], story, TODAY)
    assert decision.day == date(2021, 3, 9)
    assert "weekdays fall" in decision.rejected[0][1]


def test_a_crawl_date_is_rejected_by_the_years_the_story_speaks_of() -> None:
    story = (
        "The militia has held the valley since 2014 and lost the town in late 2016. "
        "Residents said the checkpoints were still there."
    )
    crawl = Candidate(date(2024, 9, 21), "text:page", "Saturday, September 21, 2024")
    decision = choose([crawl], story, TODAY)
    assert decision.day is None
    assert "2016, the latest year" in decision.rejected[0][1]


def test_a_year_told_in_the_past_after_the_candidate_rejects_it() -> None:
    story = "The ceasefire collapsed in 2019 after months of talks."
    decision = choose([Candidate(date(2018, 5, 2), "url", "/2018/05/02/")], story, TODAY)
    assert decision.day is None


def test_agreeing_sources_add_up_and_the_odd_one_out_is_rejected() -> None:
    story = "A suicide bomber struck a market on Friday evening."
    candidates = [
        Candidate(date(2019, 1, 21), "text:page", "Monday, 21 January, 2019"),
        Candidate(date(2018, 2, 18), "url", "/2018/02/18/"),
        Candidate(date(2018, 2, 18), "text:timestamp", "18 February, 2018"),
    ]
    decision = choose(candidates, story, TODAY)
    assert decision.day == date(2018, 2, 18)
    assert decision.source == "text:timestamp+url"
    assert confidence(decision.source) == 1.0
    assert [c.source for c, _ in decision.rejected] == ["text:page"]


def test_clean_reads_a_store_date_and_keeps_the_lede() -> None:
    raw = (
        " date 2023-06-09 Government and rebel negotiators signed a six-month ceasefire on "
        "Friday in the presence of the president and the rebel commander in the capital, "
        "officials from both delegations said.\n"
        "The truce takes effect in phases."
    )
    article = clean(Article(id="t", title=raw.strip().split("\n")[0], raw=raw), Resources.shared())
    assert article.published == date(2023, 6, 9)
    assert article.published_source == "text:store"
    assert article.text.startswith("Government and rebel negotiators")


def test_clean_reads_the_url_date_and_records_a_rejected_page_date() -> None:
    raw = "Monday, 21 January, 2019\n\nBombers hit a fish market\n\nThe attack was on Friday."
    article = Article(
        id="t",
        title="Monday, 21 January, 2019",
        raw=raw,
        url="http://news.example/2018/02/18/bombers-hit-market.html",
    )
    article = clean(article, Resources.shared())
    assert article.published == date(2018, 2, 18)
    assert article.published_source == "url"
    assert [p.code for p in article.problems] == ["uncertain-date"]
    assert "disagrees with 2018-02-18" in article.problems[0].message


def test_an_embedded_post_dates_a_page_only_when_a_weekday_of_the_story_fits() -> None:
    from strife.dates.published import embed_candidates

    lines = [
        "Crowds broke into the ministry on Saturday, the interior minister said.",
        "- A. Minister (@interior_min) May 4, 2024",
        "- A. Minister (@interior_min) May 5, 2024",
        "- Old quote (@someone) March 2, 2019",
    ]
    (found,) = embed_candidates(lines, TODAY)
    # The latest post counts: the page is no older than it.
    assert (found.day, found.source) == (date(2024, 5, 5), "text:embed")
    # 5 May 2024 was a Sunday: the story's Saturday is the day before, so it stands.
    assert choose([found], lines[0], TODAY).day == date(2024, 5, 5)
    # A story naming no weekday, or one far from the post's day, keeps no date from it.
    assert choose([found], "Crowds broke into the ministry.", TODAY).day is None
    later = "Crowds broke into the ministry on Wednesday."
    decision = choose([found], later, TODAY)
    assert decision.day is None and "embedded post" in decision.rejected[0][1]


@pytest.mark.parametrize(
    "paragraph",
    [
        "KANO, Nigeria (Reuters) March 3 - Gunmen attacked a market.",
        "KANO 3 March - Gunmen attacked a market.",
        "KANO, March 3 (AFP) - Gunmen attacked a market.",
    ],
)
def test_a_dateline_in_any_common_form_gives_its_day(paragraph: str) -> None:
    found = dateline_candidates([paragraph], [date(2021, 3, 4)])
    assert [c.day for c in found] == [date(2021, 3, 3)]


def test_a_dateline_with_its_year_is_left_to_the_full_dates() -> None:
    assert dateline_candidates(["KANO, March 3, 2021 - Gunmen attacked."], [date(2021, 3, 4)]) == []
