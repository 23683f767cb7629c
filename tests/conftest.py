"""Shared fixtures: database URLs for both backends, hand-written events, the shared corpus."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pg_schema import postgres_schema_url

from strife.model import Article, Event, Evidence
from strife.resources import Resources

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
EXAMPLES = REPO / "examples"


# -- database backends ------------------------------------------------------------------


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL: a SQLite file, then a PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'strife.db'}"
    else:
        yield from postgres_schema_url()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite database URL (for tests that need only one backend)."""
    return f"sqlite:///{tmp_path / 'strife.db'}"


# -- hand-written reports ---------------------------------------------------------------
# Three outlets report one made-up attack near Ramadi (facts only; the sentences are ours),
# plus an unrelated protest in Basra the same day and a market bombing in Ramadi a week on.

DAY = date(2017, 9, 27)
RAMADI = (33.4206, 43.3078)
BASRA = (30.5085, 47.7804)


def _evidence(article_id: str, text: str, sentence: str, *fields: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(article_id, sentence, start, start + len(sentence), fields)


def _attack(article_id: str, text: str, quote: str, **values: object) -> Event:
    base: dict[str, object] = {
        "event_id": f"{article_id}:0",
        "article_id": article_id,
        "event_date": DAY,
        "time_precision": 1,
        "disorder_type": "Political violence",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Islamic State",
        "inter1": 2,
        "actor2": "Military Forces of Iraq (2014-)",
        "inter2": 1,
        "interaction": 12,
        "iso": 368,
        "country": "Iraq",
        "admin1": "Al Anbar",
        "admin2": "Ramadi",
        "location": "Ramadi",
        "latitude": RAMADI[0],
        "longitude": RAMADI[1],
        "geo_precision": 2,
        "geonameid": 388349,
    }
    base.update(values)
    base["evidence"] = (_evidence(article_id, text, quote, "fatalities", "deaths_a", "deaths_b"),)
    return Event(**base)  # type: ignore[arg-type]


def report_articles() -> list[Article]:
    """Return five articles: three reports of one attack, a protest, a later bombing."""
    wire_text = (
        "Militants of the Islamic State stormed army posts on the edge of Ramadi on Wednesday. "
        "Troops killed twenty of the attackers, and seven soldiers died in the fighting, "
        "an officer said."
    )
    daily_text = (
        "Iraqi forces repelled an Islamic State assault around Ramadi on Wednesday. "
        "A hospital source counted two dead soldiers, while the army said 20 militants were killed."
    )
    agency_text = (
        "At least seven Iraqi soldiers were killed when Islamic State fighters attacked "
        "positions near Ramadi on Wednesday, security sources said."
    )
    protest_text = "Hundreds of people protested against power cuts in Basra on Wednesday."
    bomb_text = (
        "A bomb hidden in a cart exploded in a Ramadi market on Tuesday, killing four people."
    )
    wire = Article(
        id="wire-1",
        outlet="Desert Wire",
        url="https://desert-wire.example/a/1",
        published=DAY,
        title="Army repels attack on Ramadi",
        text=wire_text,
        raw=wire_text,
        events=(
            _attack(
                "wire-1",
                wire_text,
                "Troops killed twenty of the attackers, and seven soldiers died in the fighting, "
                "an officer said.",
                fatalities=27,
                deaths_a=20,
                deaths_b=7,
                injured=18,
            ),
        ),
    )
    daily = Article(
        id="daily-7",
        outlet="The Daily Courier",
        published=DAY,
        title="Assault near Ramadi",
        text=daily_text,
        raw=daily_text,
        events=(
            _attack(
                "daily-7",
                daily_text,
                "A hospital source counted two dead soldiers, while the army said 20 militants "
                "were killed.",
                fatalities=22,
                deaths_a=20,
                deaths_b=2,
                injured=18,
            ),
        ),
    )
    agency = Article(
        id="agency-3",
        outlet="Euphrates Agency",
        published=DAY,
        title="Seven soldiers killed near Ramadi",
        text=agency_text,
        raw=agency_text,
        events=(
            _attack(
                "agency-3",
                agency_text,
                "At least seven Iraqi soldiers were killed when Islamic State fighters attacked "
                "positions near Ramadi on Wednesday, security sources said.",
                fatalities=7,
                deaths_b=7,
                injured=16,
            ),
        ),
    )
    protest = Article(
        id="basra-2",
        outlet="Gulf Times Example",
        published=DAY,
        title="Power cut protest",
        text=protest_text,
        raw=protest_text,
        events=(
            Event(
                event_id="basra-2:0",
                article_id="basra-2",
                event_date=DAY,
                time_precision=1,
                disorder_type="Demonstrations",
                event_type="Protests",
                sub_event_type="Peaceful protest",
                actor1="Protesters (Iraq)",
                inter1=6,
                interaction=60,
                iso=368,
                country="Iraq",
                admin1="Al Basrah",
                admin2="Basrah",
                location="Basra",
                latitude=BASRA[0],
                longitude=BASRA[1],
                geo_precision=1,
                fatalities=0,
                evidence=(_evidence("basra-2", protest_text, protest_text, "event_type"),),
            ),
        ),
    )
    bomb = Article(
        id="market-9",
        outlet="Desert Wire",
        published=date(2017, 10, 4),
        title="Market bomb",
        text=bomb_text,
        raw=bomb_text,
        events=(
            Event(
                event_id="market-9:0",
                article_id="market-9",
                event_date=date(2017, 10, 3),
                time_precision=1,
                disorder_type="Political violence",
                event_type="Explosions/Remote violence",
                sub_event_type="Remote explosive/landmine/IED",
                actor1="Unidentified Armed Group (Iraq)",
                inter1=3,
                actor2="Civilians (Iraq)",
                inter2=7,
                interaction=37,
                civilian_targeting="Civilian targeting",
                iso=368,
                country="Iraq",
                admin1="Al Anbar",
                admin2="Ramadi",
                location="Ramadi",
                latitude=RAMADI[0],
                longitude=RAMADI[1],
                geo_precision=1,
                fatalities=4,
                deaths_civilians=4,
                evidence=(_evidence("market-9", bomb_text, bomb_text, "fatalities"),),
            ),
        ),
    )
    return [wire, daily, agency, protest, bomb]


@pytest.fixture
def articles() -> list[Article]:
    """Five hand-written articles (see report_articles)."""
    return report_articles()


@pytest.fixture
def corpus() -> Path:
    """The shared real-article corpus; skips the test when it is not beside the repo."""
    if not (CORPUS / "DUPLICATES.json").exists():
        pytest.skip("../shared/corpus is not available")
    return CORPUS


def geonames_resources(folder: Path, places: list[tuple[object, ...]]) -> Resources:
    """Return Resources over a gazetteer built from a few GeoNames-format rows only.

    Each row is (geonameid, name, alternate names, lat, lon, class, code, country, admin1,
    admin2, population): real GeoNames facts, so tests do not depend on the packaged data.
    """
    from strife.geocode.build import build_gazetteer
    from strife.settings import load_settings

    lines = []
    for row in places:
        gid, name, alternates, lat, lon, fclass, fcode, cc, admin1, admin2, population = row
        columns = [gid, name, name, alternates, lat, lon, fclass, fcode, cc, "", admin1, admin2]
        columns += ["", "", population, "", "0", "UTC", "2024-01-01"]
        lines.append("\t".join(str(c) for c in columns))
    dump = folder / "sample.txt"
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = folder / "sample.sqlite"
    build_gazetteer(path, geonames=[dump], packaged=False)
    return Resources(load_settings(gazetteer_path=str(path)))


def free_port() -> int:
    """Return a loopback port no one listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_strife_serve(
    db: Path, log: Path, *args: str, env: dict[str, str] | None = None, wait: float = 60
) -> tuple[subprocess.Popen[bytes], str]:
    """Start `strife serve` on a free loopback port and wait until it answers.

    Its log goes to a file: a pipe nobody reads would fill and stall the server. Returns the
    process and its base URL; fails the test when it exits or does not answer in `wait` s.
    """
    import httpx

    port = free_port()
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "strife", "serve", "--db", str(db), "--port", str(port), *args],
            env={**os.environ, "STRIFE_API_TOKEN": "", **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=sink,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        assert server.poll() is None, f"strife serve exited: {log.read_text()}"
        try:
            if httpx.get(f"{base}/api/stats", timeout=2).status_code == 200:
                return server, base
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise AssertionError(f"strife serve did not start within {wait:.0f} s")
