"""The REST API in process: filters, pages, details, exports, stats, and its guards."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from pg_schema import postgres_schema_url
from test_api_data import SCRIPT_ACTOR, Client, build_test_db, hand_written_articles

from strife.export import ACLED_COLUMNS, incident_to_dict
from strife.export.records import FLAT_EVENT_FIELDS
from strife.model import dumps, event_to_dict
from strife.serve import queries
from strife.serve.app import create_app
from strife.serve.config import ServeSettings
from strife.serve.queries import (
    EVENT_TYPE_COLOURS,
    SERVE_INDEXES,
    EventQuery,
    highlight_segments,
)
from strife.serve.stamp import ChangeStamp
from strife.serve.streams import SharedRenders
from strife.store import Store, content_hash

TOKEN = "correct horse battery staple"


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def served_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """A database built from examples/ plus the hand-written reports, on each backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'served.db'}"
        build_test_db(url)
        yield url
    else:
        for url in postgres_schema_url():
            build_test_db(url)
            yield url


@pytest.fixture(scope="module")
def client(served_db: str) -> Iterator[Client]:
    """A read-only app (no token) over the served database."""
    app = create_app(served_db, ServeSettings())
    yield Client(app)
    app.state.store.close()


def _all(client: Client, query: str = "") -> list[dict]:
    data = client.get(f"/api/events?limit=1000&{query}").json()
    assert data["total"] == len(data["items"])
    return data["items"]


# -- listing and filters --------------------------------------------------------------


def test_list_pages_cover_every_incident_once(client: Client) -> None:
    everything = _all(client)
    assert len(everything) >= 10
    seen = []
    for offset in range(0, len(everything), 7):
        page = client.get(f"/api/events?limit=7&offset={offset}").json()
        assert page["total"] == len(everything)
        seen += [item["incident_id"] for item in page["items"]]
    assert seen == [item["incident_id"] for item in everything]


def test_default_sort_is_newest_first_with_undated_last(client: Client) -> None:
    dates = [item["event_date"] for item in _all(client)]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates[: len(dated)] == dated  # no undated incident before a dated one


def test_sort_by_fatalities(client: Client) -> None:
    figures = [
        i["fatalities"] for i in _all(client, "sort=-fatalities") if i["fatalities"] is not None
    ]
    assert figures == sorted(figures, reverse=True)
    assert client.get("/api/events?sort=fatalities;drop").status_code in {400, 422}


def test_event_type_filter_and_repeats(client: Client) -> None:
    battles = _all(client, "event_type=battles")
    assert battles and all(i["event_type"] == "Battles" for i in battles)
    both = _all(client, "event_type=Battles&event_type=Protests")
    assert {i["event_type"] for i in both} <= {"Battles", "Protests"}
    assert len(both) >= len(battles)


def test_country_admin1_actor_and_fatality_filters(client: Client) -> None:
    somalia = _all(client, "country=somalia")
    assert somalia and all(i["country"] == "Somalia" for i in somalia)
    hiraan = _all(client, "country=Somalia&admin1=HIRAAN")
    assert hiraan and all(i["admin1"] == "Hiraan" for i in hiraan)
    shabaab = _all(client, "actor=shabaab")
    assert shabaab and all(
        "shabaab"
        in " ".join(
            filter(None, (i["actor1"], i["actor2"], i["assoc_actor_1"], i["assoc_actor_2"]))
        ).lower()
        for i in shabaab
    )
    deadly = _all(client, "min_fatalities=5")
    assert deadly and all(i["fatalities"] >= 5 for i in deadly)


def test_date_range(client: Client) -> None:
    march = _all(client, "since=2023-03-01&until=2023-03-31")
    assert march and all("2023-03-01" <= i["event_date"] <= "2023-03-31" for i in march)
    response = client.get("/api/events?since=2024-02-01&until=2024-01-01")
    assert response.status_code == 400
    assert "since" in response.json()["detail"]


def test_bbox_returns_only_what_is_inside(client: Client) -> None:
    inside = _all(client, "bbox=45.0,4.5,45.5,5.0")
    assert inside
    assert all(45.0 <= i["longitude"] <= 45.5 and 4.5 <= i["latitude"] <= 5.0 for i in inside)
    # West > east crosses the antimeridian: the whole world but the Pacific strip.
    wrapped = _all(client, "bbox=170,-90,-170,90")
    assert wrapped == []
    world = _all(client, "bbox=-180,-90,180,90")
    assert len(world) == len([i for i in _all(client) if i["latitude"] is not None])


def test_free_text_matches_names_and_quotes(client: Client) -> None:
    by_quote = _all(client, "q=hospital staff said")
    assert any(i["location"] == "Beledweyne" for i in by_quote)
    by_name = _all(client, "q=beledweyne")
    assert by_name and len(by_name) >= len(by_quote)
    # LIKE wildcards in the text are literal characters, not patterns.
    assert _all(client, "q=%25") == []
    assert _all(client, "q=Beled_eyne") == []


def test_empty_parameters_mean_no_filter(client: Client) -> None:
    plain = client.get("/api/events?limit=5").json()
    blank = client.get("/api/events?limit=5&since=&until=&country=&min_fatalities=&bbox=").json()
    assert blank == plain


# -- one incident, one article --------------------------------------------------------


def _merged(client: Client) -> dict:
    """The hand-written Beledweyne attack: two outlets, six and nine dead."""
    items = _all(client, "q=army base&country=Somalia")
    merged = [i for i in items if i["number_of_sources"] == 2]
    assert merged, "the two Beledweyne reports were not merged into one incident"
    return client.get(f"/api/events/{merged[0]['incident_id']}").json()


def test_incident_detail_has_every_source_with_figures_and_quotes(client: Client) -> None:
    detail = _merged(client)
    outlets = {r["article"]["outlet"] for r in detail["reports"]}
    assert outlets == {"Hiraan Courier", "Shabelle Wire"}
    assert sorted(r["figures"]["fatalities"] for r in detail["reports"]) == [6, 9]
    assert "fatalities" in detail["figures_differ"]
    assert detail["conflicting"] is True
    assert detail["fatalities"] == 6  # ACLED's conservative figure
    for report in detail["reports"]:
        text = "".join(piece for piece, _ in report["segments"])
        article = client.get(f"/api/articles/{report['article']['id']}").json()
        assert text == article["text"]
        marked = [piece for piece, fields in report["segments"] if fields is not None]
        assert marked == [q["text"] for q in report["evidence"]]
        assert all(q["found"] for q in report["evidence"])


def test_incident_found_by_the_id_of_one_of_its_events(client: Client) -> None:
    detail = _merged(client)
    again = client.get(f"/api/events/{detail['event_ids'][0]}").json()
    assert again["incident_id"] == detail["incident_id"]
    missing = client.get("/api/events/inc-does-not-exist")
    assert missing.status_code == 404
    assert "inc-does-not-exist" in missing.json()["detail"]


def test_every_example_incident_detail_is_consistent(client: Client) -> None:
    for item in _all(client):
        detail = client.get(f"/api/events/{item['incident_id']}").json()
        assert len(detail["reports"]) == len(detail["event_ids"]) >= 1
        for report in detail["reports"]:
            for piece, fields in report["segments"]:
                assert fields is None or piece in " ".join(q["text"] for q in report["evidence"])


def test_article_detail(client: Client) -> None:
    article = client.get("/api/articles/shabelle-wire-9").json()
    assert article["outlet"] == "Shabelle Wire"
    assert article["text"].startswith("Nine soldiers die")
    assert [e["event_id"] for e in article["events"]] == ["shabelle-wire-9:0"]
    assert article["events"][0]["incident_id"].startswith("inc-")
    assert client.get("/api/articles/nope").status_code == 404


def test_highlight_segments_merge_overlaps_and_drop_bad_offsets() -> None:
    text = "One two three four."
    segments = highlight_segments(text, [(4, 13, ["a"]), (8, 18, ["b"]), (30, 40, ["c"])])
    assert "".join(p for p, _ in segments) == text
    assert segments == [
        ["One ", None],
        ["two ", ["a"]],
        ["three", ["a", "b"]],
        [" four", ["b"]],
        [".", None],
    ]


# -- exports and stats ----------------------------------------------------------------


def test_csv_has_acled_columns_and_honours_filters(client: Client) -> None:
    response = client.get("/api/events.csv?country=Somalia")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0].keys()) == ACLED_COLUMNS
    assert len(rows) == len(_all(client, "country=Somalia"))
    assert {r["country"] for r in rows} == {"Somalia"}


def test_geojson_export_has_every_incident(client: Client) -> None:
    data = client.get("/api/events.geojson").json()
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == len(_all(client))
    merged = _merged(client)
    feature = next(f for f in data["features"] if f["id"] == merged["incident_id"])
    assert sorted(feature["properties"]["event_ids"]) == sorted(merged["event_ids"])
    assert feature["geometry"]["coordinates"] == [merged["longitude"], merged["latitude"]]


def _at_once(app: object, paths: list[str]) -> list[httpx.Response]:
    """Send every request at the same time to the app in process; return the answers."""

    async def send() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            return list(await asyncio.gather(*(c.get(path) for path in paths)))

    return asyncio.run(send())


@pytest.fixture
def chunk_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the chunks of incidents the export streams read from the database."""
    reads: list[int] = []
    real = queries.incident_chunk

    def counted(*args: object, **kwargs: object) -> list[sa.RowMapping]:
        rows = real(*args, **kwargs)  # type: ignore[arg-type]
        reads.append(len(rows))
        return rows

    monkeypatch.setattr(queries, "incident_chunk", counted)
    return reads


def test_identical_exports_share_one_render_per_database_state(
    served_db: str, chunk_reads: list[int]
) -> None:
    paths = ["/api/events.geojson", "/api/events.csv"]
    app = create_app(served_db, ServeSettings())
    try:
        answers = _at_once(app, [paths[0]] * 20 + [paths[1]] * 20)
        at_once = list(chunk_reads)
        chunk_reads.clear()
        again = [Client(app).get(path).content for path in paths]
    finally:
        app.state.store.close()
    assert [a.status_code for a in answers] == [200] * 40
    assert [a.content for a in answers] == [again[0]] * 20 + [again[1]] * 20
    if served_db.startswith("sqlite"):
        # One chunk holds every incident here: without sharing, 40 requests read 40
        # chunks; with it, one render of each format. (PostgreSQL's stamp also moves with
        # commits to other databases of the server, which other tests may be making.)
        assert len(at_once) == 2
        assert chunk_reads == []  # nothing written since: the kept renderings
    assert len(at_once) < 40


def test_exports_too_large_to_share_are_streamed_per_request(
    served_db: str, chunk_reads: list[int]
) -> None:
    app = create_app(served_db, ServeSettings(max_shared_export=3))
    try:
        alone = Client(app).get("/api/events.geojson").content
        limited = Client(app).get("/api/events.geojson?limit=3").json()  # small: shared
        chunk_reads.clear()
        answers = _at_once(app, ["/api/events.geojson"] * 5)
    finally:
        app.state.store.close()
    assert len(json.loads(alone)["features"]) > 3
    assert [a.content for a in answers] == [alone] * 5
    assert len(chunk_reads) == 5  # each read its own: nothing of that size is held to share
    assert len(limited["features"]) == 3


def test_a_write_during_a_render_starts_a_new_one() -> None:
    shared = SharedRenders(max_incidents=100)
    key = ("geojson", EventQuery(), None)
    database = {"version": 1}

    async def scenario() -> list[list[bytes] | None]:
        reading, release = asyncio.Event(), asyncio.Event()

        async def render() -> list[bytes]:
            seen = database["version"]  # what the render reads
            reading.set()
            await release.wait()
            return [f"version {seen}".encode()]

        first = [asyncio.create_task(shared.body(key, "stamp 1", render)) for _ in range(2)]
        await reading.wait()
        database["version"] = 2  # a write commits while the first render reads
        second = [asyncio.create_task(shared.body(key, "stamp 2", render)) for _ in range(3)]
        await asyncio.sleep(0)
        second[0].cancel()  # a client that goes away
        release.set()
        answers = [await task for task in [*first, *second[1:]]]
        # Finished and unchanged since: kept, not rendered again.
        answers.append(await shared.body(key, "stamp 2", render))
        return answers

    answers = asyncio.run(scenario())
    assert answers == [[b"version 1"]] * 2 + [[b"version 2"]] * 3
    assert shared.renders == 2


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
    else:
        yield from postgres_schema_url()


def test_exports_include_what_another_process_wrote_since(empty_db: str) -> None:
    app = create_app(empty_db, ServeSettings())
    client = Client(app)
    articles = hand_written_articles()
    try:
        seen = []
        for article in [None, *articles]:
            if article is not None:  # written as `strife run` would, not through the server
                with Store(empty_db) as store:
                    store.write_article(article, content_hash(article))
                    store.deduplicate()
            listed = {item["incident_id"] for item in _all(client)}
            for _ in range(2):  # the second answer is the kept rendering
                features = client.get("/api/events.geojson").json()["features"]
                assert {f["id"] for f in features} == listed
                rows = list(csv.DictReader(io.StringIO(client.get("/api/events.csv").text)))
                assert len(rows) == len(listed)
            seen.append(len(listed))
        renders = app.state.shared_renders.renders
    finally:
        app.state.store.close()
    assert seen[0] == 0 and seen[-1] > seen[1] > 0
    if empty_db.startswith("sqlite"):  # PostgreSQL's stamp also moves with other databases
        assert renders == 2 * len(seen)  # once per state, for each of the two formats


def test_a_database_in_memory_has_no_stamp_and_nothing_is_kept() -> None:
    engine = sa.create_engine("sqlite://")
    try:
        assert ChangeStamp(engine).read() is None  # each connection is another database
    finally:
        engine.dispose()


def test_flat_incident_data_equals_the_generic_conversion(served_db: str) -> None:
    with Store(served_db) as store:
        found = list(store.incidents())
    assert any(i.conflicting_reports for i in found)
    assert any(s.published for i in found for s in i.sources)
    for incident in found:
        data = incident_to_dict(incident)
        event = event_to_dict(incident.event)
        assert {name: data[name] for name in FLAT_EVENT_FIELDS} == {
            name: event[name] for name in FLAT_EVENT_FIELDS
        }
        assert data["evidence"] == event["evidence"]
        assert data["sources"] == json.loads(dumps(incident.sources))
        assert data["conflicting_reports"] == json.loads(dumps(incident.conflicting_reports))


def test_map_geojson_points_then_cells(served_db: str, client: Client) -> None:
    points = client.get("/api/events.geojson?zoom=3").json()
    placed = [i for i in _all(client) if i["latitude"] is not None]
    assert points["aggregated"] is False
    assert len(points["features"]) == points["total"] == len(placed)
    app = create_app(served_db, ServeSettings(max_points=3))
    try:
        cells = Client(app).get("/api/events.geojson?zoom=2").json()
    finally:
        app.state.store.close()
    assert cells["aggregated"] is True
    assert sum(f["properties"]["count"] for f in cells["features"]) == len(placed)
    assert len(cells["features"]) < len(placed)
    for feature in cells["features"]:
        west, south, east, north = feature["properties"]["bounds"]
        lon, lat = feature["geometry"]["coordinates"]
        assert west <= lon <= east and south <= lat <= north
        assert sum(feature["properties"]["types"].values()) == feature["properties"]["count"]


def test_stats_add_up(client: Client) -> None:
    items = _all(client)
    stats = client.get("/api/stats").json()
    assert stats["incidents"] == len(items)
    assert stats["fatalities"] == sum(i["fatalities"] or 0 for i in items)
    assert sum(r["incidents"] for r in stats["weekly"]) == len(
        [i for i in items if i["event_date"]]
    )
    assert all(date.fromisoformat(r["week"]).weekday() == 0 for r in stats["weekly"])
    assert sum(r["incidents"] for r in stats["by_event_type"]) == len(items)
    somalia = next(r for r in stats["by_country"] if r["name"] == "Somalia")
    assert somalia["incidents"] == len(_all(client, "country=Somalia"))
    assert any(r["name"] == "Al Shabaab" for r in stats["by_actor"])
    weeks = client.get("/api/stats?event_type=Battles").json()["weekly"]
    assert {r["event_type"] for r in weeks} == {"Battles"}
    only = client.get("/api/stats?include=weekly").json()
    assert set(only) == {"incidents", "fatalities", "weekly"}
    assert only["weekly"] == stats["weekly"]
    assert set(client.get("/api/stats?include=totals").json()) == {"incidents", "fatalities"}


def test_serving_adds_the_dashboard_indexes_once(served_db: str) -> None:
    engine = sa.create_engine(served_db)
    try:
        names = {ix["name"] for ix in sa.inspect(engine).get_indexes("incidents")}
    finally:
        engine.dispose()
    assert set(SERVE_INDEXES) <= names
    app = create_app(served_db, ServeSettings())  # a second start finds them all there
    app.state.store.close()


# -- guards -----------------------------------------------------------------------------

BAD_REQUESTS = [
    "/api/events?limit=0",
    "/api/events?limit=100000",
    "/api/events?limit=ten",
    "/api/events?offset=-1",
    "/api/events?offset=99999999999999999999999999",
    "/api/events?since=yesterday",
    "/api/events?since=2024-02-30",
    "/api/events?until=99999-01-01",
    "/api/events?min_fatalities=-3",
    "/api/events?min_fatalities=1e9",
    "/api/events?bbox=1,2,3",
    "/api/events?bbox=a,b,c,d",
    "/api/events?bbox=nan,0,1,1",
    "/api/events?bbox=0,10,1,-10",
    "/api/events?bbox=-200,0,10,10",
    "/api/events?historical=maybe",
    "/api/events?sort=name",
    f"/api/events?q={'x' * 201}",
    f"/api/events?{'&'.join(['country=x'] * 21)}",
    "/api/events.geojson?zoom=99",
    "/api/events.geojson?zoom=-1",
    "/api/events.csv?limit=0",
    "/api/stats?since=2020-13-01",
    "/api/stats?include=weekly,everything",
    f"/api/events/{'x' * 300}",
    f"/api/articles/{'y' * 300}",
    f"/api/events?q={'z' * 9000}",
]


@pytest.mark.parametrize("url", BAD_REQUESTS)
def test_bad_parameters_get_a_4xx_with_a_message(client: Client, url: str) -> None:
    response = client.get(url)
    assert 400 <= response.status_code < 500, (url, response.status_code)
    assert response.json()["detail"]


INJECTIONS = [
    "' OR '1'='1",
    "x'; DROP TABLE incidents; --",
    '" OR 1=1 --',
    "1) UNION SELECT incident_id FROM incidents --",
    "%' OR 1=1 --",
    "\\'; SELECT pg_sleep(5); --",
]
TEXT_FILTERS = ["country", "admin1", "event_type", "sub_event_type", "actor", "q"]


@pytest.mark.parametrize("name", [*TEXT_FILTERS, "since", "min_fatalities", "bbox", "sort"])
def test_sql_injection_probes_find_nothing(client: Client, name: str) -> None:
    before = client.get("/api/events?limit=1").json()["total"]
    for probe in INJECTIONS:
        for endpoint in ("/api/events", "/api/stats", "/api/events.geojson?zoom=2"):
            response = client.get(endpoint, params={name: probe})
            assert response.status_code in {200, 400, 422}, (name, probe, response.status_code)
            if response.status_code == 200 and endpoint == "/api/events":
                assert response.json()["total"] == 0
    assert client.get("/api/events?limit=1").json()["total"] == before


def test_cors_is_off_by_default_and_on_when_configured(served_db: str, client: Client) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    response = client.get("/api/events?limit=1", headers=origin)
    assert "access-control-allow-origin" not in response.headers
    app = create_app(served_db, ServeSettings(cors_origins=("https://elsewhere.example",)))
    try:
        allowed = Client(app).get("/api/events?limit=1", headers=origin)
    finally:
        app.state.store.close()
    assert allowed.headers["access-control-allow-origin"] == "https://elsewhere.example"


def test_pages_send_a_strict_content_security_policy(client: Client) -> None:
    page = client.get("/")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "GeoNames" in page.text


def test_markup_in_data_is_escaped_in_server_pages(client: Client) -> None:
    items = _all(client, "actor=Hiraan Brigade")
    assert [i["actor1"] for i in items] == [SCRIPT_ACTOR]
    for url in ("/events?actor=Hiraan+Brigade", f"/events/{items[0]['incident_id']}"):
        page = client.get(url).text
        assert "<script>window.__pwned" not in page
        assert "&lt;script&gt;window.__pwned = 1" in page
        assert "<img src=x" not in page


def test_dashboard_config_is_json_that_cannot_close_its_script_tag(client: Client) -> None:
    page = client.get("/").text
    start = page.index('id="strife-config">') + len('id="strife-config">')
    block = page[start : page.index("</script>", start)]
    config = json.loads(block)
    types = config["eventTypes"]  # a list, so the palette's order survives sorted keys
    assert [(t["name"], t["colour"]) for t in types] == list(EVENT_TYPE_COLOURS.items())
    css = client.get("/colours.css").text
    for entry in types:
        assert f".{entry['className']} {{ background-color: {entry['colour']}; }}" in css
    assert config["tileUrl"] == ""  # offline by default


def test_missing_browser_libraries_are_reported_on_the_page(served_db: str, tmp_path: Path) -> None:
    app = create_app(served_db, ServeSettings(assets_dir=tmp_path))
    try:
        page = Client(app).get("/").text
    finally:
        app.state.store.close()
    assert "The map libraries are not installed" in page
    assert "npm ci" in page
    assert "/vendor/leaflet/leaflet.js" not in page


def test_docs_page_loads_swagger_from_this_server(served_db: str, tmp_path: Path) -> None:
    package = tmp_path / "swagger-ui-dist"
    package.mkdir()
    (package / "swagger-ui-bundle.js").write_text("window.SwaggerUIBundle = null;\n")
    (package / "swagger-ui.css").write_text("body {}\n")
    app = create_app(served_db, ServeSettings(assets_dir=tmp_path))
    try:
        client = Client(app)
        docs = client.get("/docs")
        script = client.get("/vendor/swagger-ui/swagger-ui-bundle.js")
        redoc = client.get("/redoc")
        home = client.get("/").text
    finally:
        app.state.store.close()
    assert docs.status_code == 200
    assert 'src="/vendor/swagger-ui/swagger-ui-bundle.js"' in docs.text
    assert 'href="/vendor/swagger-ui/swagger-ui.css"' in docs.text
    assert "cdn" not in docs.text and "https://" not in docs.text
    assert "default-src 'self'" in docs.headers["content-security-policy"]
    assert script.status_code == 200 and "SwaggerUIBundle" in script.text
    assert redoc.status_code == 404  # ReDoc would load from a CDN: not served
    assert '<a href="/docs">API</a>' in home


def test_docs_page_says_what_is_missing(served_db: str, tmp_path: Path) -> None:
    app = create_app(served_db, ServeSettings(assets_dir=tmp_path))
    try:
        docs = Client(app).get("/docs")
    finally:
        app.state.store.close()
    assert docs.status_code == 503
    assert "swagger-ui-dist" in docs.text and "npm ci" in docs.text


def test_openapi_describes_every_endpoint(client: Client) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events.geojson", "/api/events.csv", "/api/stats"} <= set(
        spec["paths"]
    )
    body = spec["paths"]["/api/articles"]["post"]["requestBody"]["content"]["application/json"]
    assert "$ref" not in json.dumps(body)  # inlined, so every viewer can resolve it
    assert "text" in body["schema"]["anyOf"][0]["properties"]


def test_html_pages_give_readable_errors(client: Client) -> None:
    missing = client.get("/events/inc-nothing-here")
    assert missing.status_code == 404
    assert "text/html" in missing.headers["content-type"]
    bad = client.get("/events?since=someday")
    assert bad.status_code == 422 and "since" in bad.text


# -- writing ------------------------------------------------------------------------------

POSTED_TEXT = (
    "Gunmen kill four in attack on Kismayo checkpoint\n\n"
    "KISMAYO, Somalia: Gunmen attacked a police checkpoint on the outskirts of Kismayo on "
    "Tuesday, killing four police officers, a regional official said.\n\n"
    "The attackers fled towards the Juba river, the official added."
)


def test_writes_are_disabled_without_a_configured_token(client: Client) -> None:
    response = client.post(
        "/api/articles",
        json={"id": "x", "text": POSTED_TEXT},
        headers={"Authorization": "Bearer anything"},
    )
    assert response.status_code == 403
    assert "--token" in response.json()["detail"]


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[Client]:
    """An app with a token over a fresh, empty SQLite database."""
    app = create_app(
        f"sqlite:///{tmp_path / 'posted.db'}",
        ServeSettings(api_token=TOKEN, max_body_bytes=100_000, max_articles=3),
    )
    yield Client(app)
    app.state.store.close()


def test_posting_needs_the_right_token(writable: Client) -> None:
    body = {"id": "kismayo-1", "text": POSTED_TEXT}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
        response = writable.post("/api/articles", json=body, headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
    # The token is checked before the body is even parsed.
    garbage = writable.post("/api/articles", content=b"{not json", headers={})
    assert garbage.status_code == 401
    assert writable.get("/api/events").json()["total"] == 0


def test_one_post_may_not_ask_for_unbounded_work(tmp_path: Path) -> None:
    app = create_app(
        f"sqlite:///{tmp_path / 'bounded.db'}",
        ServeSettings(api_token=TOKEN, max_post_chars=len(POSTED_TEXT) * 2),
    )
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = [{"id": f"kismayo-{n}", "text": POSTED_TEXT} for n in range(3)]
    try:
        client = Client(app)
        refused = client.post("/api/articles", json=body, headers=auth)
        stored = client.get("/api/events").json()["total"]
        accepted = client.post("/api/articles", json=body[:2], headers=auth)
    finally:
        app.state.store.close()
    assert refused.status_code == 413
    assert "smaller batches" in refused.json()["detail"]
    assert stored == 0  # refused before any article was processed
    assert accepted.status_code == 200
    assert [a["id"] for a in accepted.json()["articles"]] == ["kismayo-0", "kismayo-1"]


def test_posted_articles_run_through_the_pipeline_into_incidents(writable: Client) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = [
        {
            "id": "kismayo-1",
            "outlet": "Jubaland Post",
            "url": "https://jubaland-post.example/1",
            "published": "2024-02-14",
            "text": POSTED_TEXT,
        }
    ]
    response = writable.post("/api/articles", json=body, headers=auth)
    assert response.status_code == 200, response.text
    result = response.json()["articles"][0]
    assert result["stored"] is True and result["failed"] is False
    article = writable.get("/api/articles/kismayo-1").json()
    assert article["outlet"] == "Jubaland Post"
    assert "Kismayo" in article["text"]
    assert len(article["events"]) == len(result["events"])
    total = writable.get("/api/events").json()["total"]
    assert total == len({e["incident_id"] for e in article["events"]})
    # Posting the same article again changes nothing.
    again = writable.post("/api/articles", json=body[0], headers=auth).json()
    assert again["articles"][0]["unchanged"] is True
    assert writable.get("/api/events").json()["total"] == total


def test_exports_after_a_post_include_what_it_stored(writable: Client) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert writable.get("/api/events.geojson").json()["features"] == []
    assert writable.get("/api/events.csv").text.count("\n") == 1  # the header alone
    body = {"id": "kismayo-1", "published": "2024-02-14", "text": POSTED_TEXT}
    assert writable.post("/api/articles", json=body, headers=auth).status_code == 200
    listed = {item["incident_id"] for item in writable.get("/api/events").json()["items"]}
    assert listed
    # Asked at once after the write, and one by one: never the export from before it.
    together = _at_once(writable.app, ["/api/events.geojson"] * 3 + ["/api/events.csv"] * 3)
    for answer in [writable.get("/api/events.geojson"), *together[:3]]:
        assert {f["id"] for f in answer.json()["features"]} == listed
    for answer in [writable.get("/api/events.csv"), *together[3:]]:
        rows = list(csv.DictReader(io.StringIO(answer.text)))
        assert len(rows) == len(listed)
        assert {r["location"] for r in rows} == {"Kismayo"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "body"),
        (b"[]", "empty"),
        (b'{"id": "a"}', "neither"),
        (b'{"id": "", "text": "x"}', "id"),
        (b'{"id": "a", "text": "x", "extra": 1}', "extra"),
        (b'{"id": "a", "text": "x", "published": "soon"}', "published"),
        (b'[{"id": "a", "text": "x"}, {"id": "a", "text": "y"}]', "unique"),
        (json.dumps([{"id": str(k), "text": "x"} for k in range(4)]).encode(), "at most 3"),
        (b"", "empty"),
        (b"[" * 50_000, "nested"),
        (b'"just a string"', "object"),
    ],
)
def test_bad_posts_get_422_with_a_message(writable: Client, body: bytes, message: str) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    response = writable.post("/api/articles", content=body, headers=auth)
    assert response.status_code == 422, response.text
    assert message in response.json()["detail"]


def test_request_bodies_over_the_limit_get_413(writable: Client) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = {"id": "big", "text": "word " * 30_000}
    assert writable.post("/api/articles", json=big, headers=auth).status_code == 413

    async def chunks():
        for _ in range(30):
            yield b"x" * 10_000

    # No Content-Length (chunked): the limit is counted as the body arrives.
    streamed = writable.post("/api/articles", content=chunks(), headers=auth)
    assert streamed.status_code == 413


# -- command line and settings --------------------------------------------------------------


def test_serve_command_refuses_a_missing_database(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from strife.cli import cli

    missing = tmp_path / "nothing-here.db"
    result = CliRunner().invoke(cli, ["serve", "--db", str(missing)], env={"STRIFE_API_TOKEN": ""})
    assert result.exit_code != 0
    assert "no database at" in result.output and "strife run" in result.output
    assert not missing.exists()
    help_text = CliRunner().invoke(cli, ["serve", "--help"]).output
    assert "--token" in help_text and "--port" in help_text


def test_serve_settings_come_from_the_environment(tmp_path: Path) -> None:
    from strife.serve.config import serve_settings_from_env

    settings = serve_settings_from_env(
        {
            "STRIFE_API_TOKEN": "abc",
            "STRIFE_TILE_URL": "https://{s}.tiles.example/{z}/{x}/{y}.png",
            "STRIFE_CORS_ORIGINS": "https://a.example, https://b.example",
            "STRIFE_MAP_CENTER": "33.3,44.4",
            "STRIFE_MAP_ZOOM": "6",
            "STRIFE_MAX_BODY_BYTES": "1000",
            "STRIFE_ASSETS_DIR": str(tmp_path),
        },
        api_token="override",
    )
    assert settings.api_token == "override"
    assert settings.cors_origins == ("https://a.example", "https://b.example")
    assert settings.center == (33.3, 44.4) and settings.zoom == 6
    assert settings.max_body_bytes == 1000
    assert settings.assets_dir == tmp_path
    defaults = serve_settings_from_env({})
    assert defaults.api_token is None and defaults.tile_url is None and not defaults.cors_origins


def test_tiles_widen_the_image_policy_only_to_their_host() -> None:
    from strife.serve.app import content_security_policy

    offline = content_security_policy(ServeSettings())
    assert "img-src 'self' data:;" in offline
    tiled = content_security_policy(
        ServeSettings(tile_url="https://{s}.tiles.example/{z}/{x}/{y}.png")
    )
    assert "img-src 'self' data: https://*.tiles.example;" in tiled
