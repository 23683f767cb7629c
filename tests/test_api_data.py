"""Data shared by the API and dashboard tests (no tests here): the served database.

The database holds the example articles run through the real pipeline (see
strife.serve.sample), plus hand-written reports: two outlets that disagree about one attack,
and one article whose text, actor, place, outlet and address carry markup and script, to
check that nothing in the data can run in the dashboard.
"""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from typing import Any

import httpx

from strife.model import Article, Event, Evidence
from strife.serve.sample import build_sample_db
from strife.store import Store, content_hash

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"

BELEDWEYNE = (4.7358, 45.2036)
DAY = date(2023, 3, 6)
SCRIPT_ACTOR = "<script>window.__pwned = 1</script>Hiraan Brigade"
SCRIPT_PLACE = 'Beledweyne<img src=x onerror="window.__pwned = 2">'
SCRIPT_SENTENCE = "A leaflet signed <script>window.__pwned = 3</script> was left at the gate."


def _quote(article_id: str, text: str, sentence: str, *fields: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(article_id, sentence, start, start + len(sentence), fields)


def _attack(article_id: str, text: str, sentence: str, **values: Any) -> Event:
    base: dict[str, Any] = {
        "event_id": f"{article_id}:0",
        "article_id": article_id,
        "event_date": DAY,
        "time_precision": 1,
        "disorder_type": "Political violence",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Al Shabaab",
        "inter1": 2,
        "actor2": "Military Forces of Somalia (2022-)",
        "inter2": 1,
        "interaction": 12,
        "iso": 706,
        "country": "Somalia",
        "admin1": "Hiraan",
        "location": "Beledweyne",
        "latitude": BELEDWEYNE[0],
        "longitude": BELEDWEYNE[1],
        "geo_precision": 1,
    }
    base.update(values)
    base["evidence"] = (
        _quote(article_id, text, sentence, "event_type", "location", "fatalities", "deaths_b"),
    )
    return Event(**base)


def hand_written_articles() -> list[Article]:
    """Return two reports of one attack that disagree, and one article full of markup."""
    first_text = (
        "Attack on army base in Beledweyne\n\n"
        "Al Shabaab fighters attacked an army base on the northern edge of Beledweyne on "
        "Monday, and six soldiers were killed before the attackers withdrew, a local "
        "commander told reporters.\n\nResidents said the shooting lasted two hours."
    )
    first_quote = (
        "Al Shabaab fighters attacked an army base on the northern edge of Beledweyne on "
        "Monday, and six soldiers were killed before the attackers withdrew, a local "
        "commander told reporters."
    )
    second_text = (
        "Nine soldiers die in Beledweyne assault\n\n"
        "Nine Somali soldiers died on Monday when Al Shabaab militants stormed a military "
        "base in Beledweyne, hospital staff said.\n\nThe army did not comment."
    )
    second_quote = (
        "Nine Somali soldiers died on Monday when Al Shabaab militants stormed a military "
        "base in Beledweyne, hospital staff said."
    )
    hostile_text = (
        "Markup in the news\n\n"
        f"{SCRIPT_SENTENCE} Two guards were wounded in a grenade attack on the district "
        "office in Beledweyne on Monday night, police said."
    )
    hostile_quote = (
        "Two guards were wounded in a grenade attack on the district office in Beledweyne on "
        "Monday night, police said."
    )
    return [
        Article(
            id="hiraan-courier-1",
            outlet="Hiraan Courier",
            url="https://hiraan-courier.example/2023/03/06/base-attack",
            published=date(2023, 3, 7),
            title="Attack on army base in Beledweyne",
            raw=first_text,
            text=first_text,
            events=(
                _attack("hiraan-courier-1", first_text, first_quote, fatalities=6, deaths_b=6),
            ),
        ),
        Article(
            id="shabelle-wire-9",
            outlet="Shabelle Wire",
            url="https://shabelle-wire.example/news/9",
            published=date(2023, 3, 7),
            title="Nine soldiers die in Beledweyne assault",
            raw=second_text,
            text=second_text,
            events=(
                _attack("shabelle-wire-9", second_text, second_quote, fatalities=9, deaths_b=9),
            ),
        ),
        Article(
            id="markup-1",
            outlet="<b>Bold</b> Outlet",
            url="javascript:window.__pwned = 4",
            published=date(2023, 3, 21),
            title="<script>window.__pwned = 5</script>Markup in the news",
            raw=hostile_text,
            text=hostile_text,
            events=(
                Event(
                    event_id="markup-1:0",
                    article_id="markup-1",
                    event_date=date(2023, 3, 20),
                    time_precision=1,
                    disorder_type="Political violence",
                    event_type="Explosions/Remote violence",
                    sub_event_type="Grenade",
                    actor1=SCRIPT_ACTOR,
                    inter1=3,
                    country="Somalia",
                    admin1="Hiraan",
                    location=SCRIPT_PLACE,
                    latitude=4.74,
                    longitude=45.21,
                    geo_precision=1,
                    fatalities=0,
                    injured=2,
                    evidence=(
                        _quote("markup-1", hostile_text, SCRIPT_SENTENCE, "actor1"),
                        _quote("markup-1", hostile_text, hostile_quote, "injured", "location"),
                    ),
                ),
            ),
        ),
    ]


def build_test_db(url: str) -> dict[str, int]:
    """Build the served test database: examples through the pipeline, then the hand-written."""
    counts = build_sample_db(url, EXAMPLES)
    with Store(url) as store:
        for article in hand_written_articles():
            store.write_article(article, content_hash(article))
        store.deduplicate()
        counts = store.counts()
    return counts


class Client:
    """A synchronous client that calls the app in process (no server, no network)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """Send one request to the app and return the whole response."""

        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
                response = await c.request(method, url, **kwargs)
                await response.aread()
                return response

        return asyncio.run(send())

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        """GET a path of the app."""
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        """POST to a path of the app."""
        return self.request("POST", url, **kwargs)
