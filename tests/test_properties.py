"""Property-based tests: number parsing, cleaning and extraction on generated text.

Hypothesis writes the texts: arbitrary Unicode, and sentences assembled from fragments of
conflict reporting (written for these tests) so that the extraction rules actually fire.
The properties are the ones a dataset must never break, whatever the input:

* nothing raises;
* numbers are non-negative, low <= value <= high, and their tokens lie inside the text;
* cleaning only drops lines: every paragraph it keeps is a line of the input;
* every evidence quote is exactly the slice of the cleaned text its offsets name;
* figures are non-negative and bounded; no event is dated after publication + 1 day.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import strife
from strife.clean import clean
from strife.extraction.numbers import quantity_at
from strife.extraction.text import split_sentences, tokenize
from strife.model import Article
from strife.resources import Resources

MAX_FIGURE = 100_000  # the extraction stage refuses larger casualty figures as absurd
FIGURE_FIELDS = (
    "fatalities",
    "injured",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
)
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NUMBERS = st.sampled_from(
    [
        "12",
        "1,200",
        "forty-seven",
        "a dozen",
        "dozens of",
        "at least 5",
        "more than 30",
        "up to 9",
        "between 3 and 8",
        "20 to 30",
        "several",
        "Twelve",
        "99999999999999999999999",
        "10,000,000",
        "0",
        "one",
    ]
)
FRAGMENTS = st.sampled_from(
    [
        "On Monday,",
        "Late on Saturday,",
        "Yesterday",
        "Last week",
        "On 3 March 2021,",
        "In 1900,",
        "On 12 June 2031,",
        "militants",
        "Islamic State fighters",
        "gunmen",
        "police",
        "the army",
        "al-Shabaab",
        "attacked",
        "ambushed",
        "shelled",
        "bombed",
        "a checkpoint",
        "a village",
        "near Ramadi",
        "in Mogadishu",
        "30 km west of Kharkiv",
        "in Anbar province",
        "killing",
        "wounding",
        "were killed",
        "were injured",
        "civilians",
        "soldiers",
        "people",
        ".",
        ",",
        "and",
        "\n\n",
        "(",
        ")",
        '"',
    ]
)
REPORTS = st.lists(st.one_of(FRAGMENTS, NUMBERS), min_size=1, max_size=40).map(" ".join)
PUBLISHED = st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31)))


@SETTINGS
@given(st.one_of(st.text(), REPORTS))
def test_numbers_are_nonnegative_ordered_and_inside_the_text(text: str) -> None:
    tokens = tokenize(text)
    for i in range(len(tokens)):
        quantity = quantity_at(tokens, i)
        if quantity is None:
            continue
        assert 0 <= quantity.low <= quantity.value <= quantity.high
        assert i <= quantity.first <= quantity.last < len(tokens)


@SETTINGS
@given(st.one_of(st.text(), REPORTS))
def test_sentences_are_slices_of_the_text(text: str) -> None:
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text.strip()


@SETTINGS
@given(st.one_of(st.text(), REPORTS.map(lambda body: "A headline\n\n" + body)))
def test_cleaning_only_drops_lines(raw: str) -> None:
    article = clean(Article(id="p", raw=raw, title=""), Resources.shared())
    lines = {line.strip() for line in raw.splitlines()}
    for paragraph in article.text.split("\n\n"):
        if paragraph.strip():
            assert paragraph.strip() in lines or paragraph.strip() == raw.strip()


@SETTINGS
@given(st.one_of(st.text(max_size=400), REPORTS), PUBLISHED)
def test_extraction_keeps_its_promises_on_any_text(text: str, published: date | None) -> None:
    article = strife.process_text("Report\n\n" + text, published, article_id="p")
    assert not [p for p in article.problems if p.code == "crash"], article.problems
    for event in article.events:
        for quote in event.evidence:
            assert article.text[quote.start : quote.end] == quote.text
        for name in FIGURE_FIELDS:
            value = getattr(event, name)
            assert value is None or 0 <= value <= MAX_FIGURE, (name, value)
        if published is not None and event.event_date is not None:
            assert date.fromisoformat(str(event.event_date)) <= published + timedelta(days=1)
        if event.fatalities_low is not None and event.fatalities_high is not None:
            assert event.fatalities_low <= event.fatalities_high


@settings(max_examples=40, deadline=None)
@given(REPORTS, st.dates(date(2000, 1, 1), date(2030, 12, 31)))
def test_extraction_does_not_depend_on_the_article_id(text: str, published: date) -> None:
    first = strife.process_text("Report\n\n" + text, published, article_id="a")
    second = strife.process_text("Report\n\n" + text, published, article_id="b")
    strip = [replace(e, event_id="", article_id="", evidence=()) for e in first.events]
    assert strip == [replace(e, event_id="", article_id="", evidence=()) for e in second.events]
