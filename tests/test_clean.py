"""Cleaning: boilerplate out, every sentence of the story in, dateline and date detected."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from strife.clean import classify_line, clean, find_dateline
from strife.ingest import read_inputs
from strife.model import Article
from strife.resources import Resources

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

PAGE = """Tuesday, March 11, 2025

Gunmen kill nine villagers in raid near Bunia

Gunmen kill nine villagers in raid near BuniaGunmen kill nine villagers in raid near Bunia

By Amani Kasereka

Share this:
Tweet
Residents gather outside the health centre in Bunia on August 3, 2019. REUTERS/Stringer

Residents gather outside the health centre in Bunia on August 3, 2019. REUTERS/Stringer

BUNIA, Democratic Republic of Congo (Reuters) - Armed men killed nine villagers in an \
overnight raid on a farming settlement north of Bunia, a local official said on Thursday.

The attackers burned about twenty houses before fleeing into the forest, he said.

Sign up for our weekly Africa newsletter

The region has seen repeated raids since 2017, when militia fighting displaced thousands.

Editing by Joan Mwangi

Leave a Reply

Your email address will not be published. Required fields are marked *

Floods cut the main road between Goma and Butembo

Ceasefire talks resume in the capital after a two-week pause
"""


def cleaned(raw: str, **fields: object) -> Article:
    title = next(line.strip() for line in raw.splitlines() if line.strip())
    article = Article(id="t", raw=raw, title=title, **fields)  # type: ignore[arg-type]
    return clean(article, Resources.shared())


def test_page_furniture_is_dropped_and_the_story_kept():
    article = cleaned(PAGE)
    text = article.text
    assert "Armed men killed nine villagers" in text
    assert "burned about twenty houses" in text
    assert "repeated raids since 2017" in text  # background stays: extraction decides
    for furniture in (
        "REUTERS/Stringer",
        "Amani Kasereka",
        "Share this",
        "Tweet",
        "newsletter",
        "Editing by",
        "Leave a Reply",
        "email address",
        "Floods cut",
        "Ceasefire talks",
        "Gunmen kill nine villagers in raid",
    ):
        assert furniture not in text, furniture
    assert article.title == "Gunmen kill nine villagers in raid near Bunia"
    assert article.dateline == "Bunia, Democratic Republic of Congo"


def test_other_stories_headlines_with_cut_off_teasers_are_dropped():
    # Pages list related stories as a headline, then its first sentence cut off with an
    # ellipsis and the section's name; none of them is this story.
    raw = (
        "Militants attack army post near Djibo\n\n"
        "Militants attacked an army post near Djibo on Monday, killing four soldiers, "
        "the army said in a statement.\n\n"
        "Reinforcements were sent from Ouahigouya, it added.\n-\n"
        "Twelve killed in market blast in northern town\n"
        "At least twelve people were killed when a bomb went off in a crowded market on "
        "Sunday, officials said, as ... Africa -\n"
        "Ministers meet to discuss regional security\n"
        "Defence ministers from five countries in the region met in the capital on Friday to "
        "agree on joint patrols along the shared borders and to discuss ... World News"
    )
    text = cleaned(raw).text
    assert "Reinforcements were sent" in text
    assert "Twelve killed" not in text and "market" not in text
    assert "Defence ministers" not in text


def test_a_story_ending_with_an_ellipsis_keeps_it():
    raw = (
        "Rebels shell town\n\nRebels shelled the town of Rutshuru on Monday, killing two "
        "people, residents said.\n\nThe mayor said the shelling went on into the night and ..."
    )
    assert "went on into the night" in cleaned(raw).text


def test_bare_top_date_the_story_contradicts_is_not_used():
    # The story's "on Thursday" lies five days before a Tuesday: a crawl date, not its own.
    article = cleaned(PAGE)
    assert article.published is None
    assert [p.code for p in article.problems] == ["uncertain-date"]
    assert "weekdays" in article.problems[0].message


def test_bare_top_date_the_story_agrees_with_is_used():
    article = cleaned(PAGE.replace("Tuesday, March 11, 2025", "Friday, March 7, 2025"))
    assert article.published == date(2025, 3, 7)
    assert article.published_source == "text:page"


def test_explicit_updated_line_sets_the_publication_date():
    raw = "Title of the story\n\nUpdated 14 June 2024\n\nSoldiers repelled an attack on a base."
    article = cleaned(raw)
    assert article.published == date(2024, 6, 14)
    assert article.published_source == "text:updated"
    assert "Updated" not in article.text


def test_dateline_date_sets_the_publication_date():
    article = cleaned("Headline\n\nKABUL - 3 May 2022: A bomb exploded near a mosque.")
    assert article.published == date(2022, 5, 3)
    assert article.published_source == "text:dateline"
    assert article.dateline == "Kabul"


def test_metadata_date_is_never_replaced_by_the_text():
    raw = "Headline\n\nUpdated 14 June 2024\n\nSoldiers repelled an attack on a base."
    article = cleaned(raw, published=date(2024, 6, 13), published_source="metadata")
    assert article.published == date(2024, 6, 13)


def test_article_with_nothing_left_is_a_fatal_problem():
    article = cleaned("Share this:\n\nTweet\n\nFacebook\n")
    assert article.failed and article.problems[-1].code == "no-text"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("A fighter walks past a burnt truck. / AFP PHOTO / JOHN DOE", "caption"),
        ("Troops are seen near the airport on May 2, 2018.", "caption"),
        ("The town of Kidal, Kidal region, Mali.", "caption"),
        ("By Sara Idris", "byline"),
        ("Reporting by Omar Farouk; Editing by Ann Lee", "byline"),
        ("Share on Facebook", "share"),
        ("-", "punctuation"),
        ("A screengrab showing the market after the blast Dozens Die In Market Attack", "caption"),
        ("Screenshot from a video posted by the group", "caption"),
        ("Police said 11 people were arrested after the march.", None),
        ("By nightfall the militants had withdrawn from the town of Kidal.", None),
    ],
)
def test_classify_line(line, reason):
    assert classify_line(line) == reason


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [
        ("MOGADISHU, Somalia (Reuters) - A car bomb exploded.", "Mogadishu, Somalia"),
        ("KHARKIV, Ukraine: Shelling hit a market.", "Kharkiv, Ukraine"),
        ("Gao ( Gunmen attacked a checkpoint.", "Gao"),
        ("Soldiers attacked a camp on Monday.", None),
    ],
)
def test_find_dateline(paragraph, place):
    found = find_dateline(paragraph)
    assert (found[0] if found else None) == place


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _pages():
    paths = sorted(EXAMPLES.glob("*.txt")) + sorted(EXAMPLES.glob("*.html"))
    if SHARED.is_dir():
        paths += sorted(SHARED.glob("seeds/*.txt")) + sorted(SHARED.glob("extra/*.txt"))
    return [pytest.param(p, id=p.stem) for p in paths]


@pytest.mark.parametrize("path", _pages())
def test_real_pages_keep_every_gold_sentence_and_lose_the_traps(path):
    [article] = read_inputs([str(path)])
    article = clean(article, Resources.shared())
    gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    assert article.title == gold["title"]
    for event in gold["events"]:
        for sentence in event["evidence"]:
            assert sentence in article.text, sentence
    # Headlines of other articles that the gold quotes in not_events must be gone.
    for note in gold.get("not_events", []):
        if "belong to other articles" in note:
            for quoted in re.findall(r"'([^']{20,})'", note):
                assert quoted not in article.text
    if path.suffix != ".txt":
        return
    # Lines the page repeats (captions, titles) are furniture, never the story.
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    repeated = {line for line in lines if line and lines.count(line) > 1}
    for line in repeated:
        assert line not in article.text.split("\n\n"), line


WRAPPED = """Gunmen kill seven in raid on border village
KADUNA, Jan 9 At least seven villagers were killed when
gunmen stormed a farming settlement near the town of Kajuru
on Sunday night, a local official said on Monday.
The attackers arrived on motorcycles and burned several
houses before withdrawing into the forest, he said.
Police said they had sent a patrol to the area and that
two suspects were arrested on the road to the state
capital.
"""


def test_a_hard_wrapped_page_is_joined_back_into_sentences() -> None:
    article = cleaned(WRAPPED)
    text = article.text or ""
    assert "were killed when gunmen stormed a farming settlement" in text
    assert "on the road to the state capital." in text
    # Only line breaks changed: every word is where the page had it.
    assert text.split() == " ".join(WRAPPED.splitlines()[1:]).split()


def test_a_page_of_short_paragraphs_is_left_alone() -> None:
    lines = [
        "Troops repelled an attack on a base near Djibo on Monday.",
        "Two soldiers died.",
        "The army said the attackers fled toward the border.",
        "A curfew was imposed.",
        "Residents said shops stayed shut.",
        "Schools will reopen on Thursday.",
    ]
    raw = "Attack repelled\n\n" + "\n\n".join(lines)
    assert cleaned(raw).text == "\n\n".join(lines)


def test_a_line_cut_mid_sentence_joins_its_lower_case_rest() -> None:
    raw = (
        "Protest turns violent\n\n"
        "Police fired tear gas at thousands of marchers in the capital on Friday, officials said.\n"
        "The clashes began hours after a crowd set\n"
        "fire to a police post on the edge of the city.\n"
        "No one was hurt, police said.\n"
    )
    text = cleaned(raw).text or ""
    assert "a crowd set fire to a police post" in text
    assert "officials said.\n\nThe clashes" in text


def test_a_lede_printed_twice_is_kept_once() -> None:
    lede = (
        "Rebels seized the town of Bambari on Friday after government troops pulled out of it "
        "overnight, the regional governor said in a statement."
    )
    raw = f"{lede}\n{lede.replace(' the ', ' the  ')}\nResidents said the town was calm.\n"
    text = cleaned(raw).text or ""
    assert text.count("Rebels seized the town of Bambari on Friday") == 1
