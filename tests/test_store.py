"""The store on SQLite and PostgreSQL: migrations, idempotent writes, incremental dedupe."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import sqlalchemy as sa
from conftest import report_articles

from strife.model import Article
from strife.store import Filters, Store, content_hash, database_url
from strife.store.migrate import current_revision, head_revision


def _write_all(store: Store, articles: list[Article]) -> None:
    for article in articles:
        store.write_article(article, content_hash(article))


def _snapshot(store: Store) -> list[tuple[object, ...]]:
    """Everything about the incidents that an export would show."""
    return [
        (
            i.incident_id,
            i.event_ids,
            i.event,
            i.sources,
            i.number_of_sources,
            i.source,
            i.conflicting,
            i.conflicting_reports,
        )
        for i in store.incidents()
    ]


def test_opening_applies_the_migrations_once(db_url: str) -> None:
    with Store(db_url) as store:
        with store.engine.connect() as conn:
            assert current_revision(conn) == head_revision()
            tables = set(sa.inspect(conn).get_table_names())
    assert {"articles", "events", "evidence", "problems", "incidents", "incident_events"} <= tables
    with Store(db_url) as again:  # a second open finds nothing to do
        assert again.counts()["articles"] == 0


def test_articles_round_trip_with_events_evidence_and_problems(db_url: str) -> None:
    articles = report_articles()
    troubled = articles[0].with_problem("geocode", "ambiguous-place", "two places named X")
    with Store(db_url) as store:
        _write_all(store, [troubled, *articles[1:]])
        stored = {a.id: a for a in store.articles()}
    assert stored["wire-1"].events == troubled.events
    assert stored["wire-1"].problems == troubled.problems
    assert stored["basra-2"].events == articles[3].events
    assert stored["wire-1"].outlet == "Desert Wire"
    assert stored["wire-1"].published == date(2017, 9, 27)
    evidence = stored["daily-7"].events[0].evidence[0]
    assert stored["daily-7"].text[evidence.start : evidence.end] == evidence.text


def test_deduplicate_merges_reports_and_rerunning_changes_nothing(db_url: str) -> None:
    with Store(db_url) as store:
        _write_all(store, report_articles())
        stats = store.deduplicate()
        assert stats.pending == 5
        counts = store.counts()
        assert (counts["events"], counts["incidents"], counts["pending_events"]) == (5, 3, 0)
        before = _snapshot(store)
        (ramadi,) = [i for i in store.incidents() if i.number_of_sources == 3]
        assert ramadi.event.fatalities == 22
        assert ramadi.event.fatalities_high == 27
        assert ramadi.conflicting and len(ramadi.conflicting_reports) == 3
        assert len(ramadi.event.evidence) == 3
        # The same articles again: nothing is written, nothing changes.
        assert not any(store.write_article(a, content_hash(a)) for a in report_articles())
        assert store.deduplicate().pending == 0
        assert _snapshot(store) == before


def test_new_reports_join_existing_incidents(db_url: str) -> None:
    first, second, third, protest, bomb = report_articles()
    with Store(db_url) as store:
        _write_all(store, [first, protest, bomb])
        store.deduplicate()
        (attack,) = [i for i in store.incidents() if i.event.event_type == "Battles"]
        assert attack.number_of_sources == 1
        _write_all(store, [second, third])
        stats = store.deduplicate()
        assert stats.pending == 2 and stats.incidents_removed >= 1
        incidents = list(store.incidents())
        assert len(incidents) == 3
        (merged,) = [i for i in incidents if i.event.event_type == "Battles"]
        assert merged.number_of_sources == 3
    # Incremental and all-at-once give the same incidents.
    assert merged.event_ids == ("agency-3:0", "daily-7:0", "wire-1:0")


def test_incremental_result_equals_a_fresh_run(db_url: str, tmp_path: object) -> None:
    articles = report_articles()
    with Store(db_url) as store:
        _write_all(store, articles[3:])
        store.deduplicate()
        _write_all(store, articles[:3])
        store.deduplicate()
        incremental = _snapshot(store)
    fresh_url = f"sqlite:///{tmp_path}/fresh.db"  # type: ignore[str-bytes-safe]
    with Store(fresh_url) as fresh:
        _write_all(fresh, articles)
        fresh.deduplicate()
        assert _snapshot(fresh) == incremental


def test_a_changed_article_replaces_its_own_events(db_url: str) -> None:
    articles = report_articles()
    with Store(db_url) as store:
        _write_all(store, articles)
        store.deduplicate()
        # The agency corrects its story: the toll rises, the event id stays.
        agency = articles[2]
        corrected_event = replace(agency.events[0], fatalities=9, deaths_b=9)
        corrected = replace(agency, raw=agency.raw + " Two more soldiers died later.")
        corrected = replace(corrected, events=(corrected_event,))
        assert store.write_article(corrected, content_hash(corrected))
        assert store.counts()["events"] == 5  # replaced, not added
        assert store.counts()["pending_events"] >= 1
        store.deduplicate()
        assert store.counts()["pending_events"] == 0
        (attack,) = [i for i in store.incidents() if i.number_of_sources == 3]
        figures = {r.article_id: r.deaths_b for r in attack.conflicting_reports}
        assert figures["agency-3"] == 9
        assert attack.event.fatalities_high == 29  # 20 militants + 9 soldiers
        # The article now reports nothing: its events and its share of the incident go.
        empty = replace(corrected, raw="(page removed)", events=())
        store.write_article(empty, content_hash(empty))
        store.deduplicate()
        (attack,) = [i for i in store.incidents() if i.event.event_type == "Battles"]
        assert attack.number_of_sources == 2
        assert store.counts()["events"] == 4


def test_failed_articles_are_stored_with_their_problem(db_url: str) -> None:
    broken = Article(id="broken", source_path="in/broken.html").with_problem(
        "ingest", "unreadable", "not UTF-8 and no charset", fatal=True
    )
    with Store(db_url) as store:
        assert store.write_article(broken, content_hash(broken))
        assert store.counts()["failed_articles"] == 1
        (stored,) = list(store.articles())
    assert stored.failed and stored.problems[0].code == "unreadable"


def test_filters_select_incidents(db_url: str) -> None:
    with Store(db_url) as store:
        _write_all(store, report_articles())
        store.deduplicate()

        def ids(**kwargs: object) -> list[str | None]:
            return [i.event.location for i in store.incidents(Filters(**kwargs))]  # type: ignore[arg-type]

        assert ids(event_type="protests") == ["Basra"]
        assert ids(since=date(2017, 10, 1)) == ["Ramadi"]
        assert sorted(ids(until=date(2017, 9, 27), country="IRAQ")) == ["Basra", "Ramadi"]
        assert ids(country="Syria") == []
        assert len(list(store.events(Filters(country="Iraq")))) == 5


def test_a_bare_path_means_sqlite(tmp_path: object) -> None:
    assert database_url("events.db") == "sqlite:///events.db"
    assert database_url("/data/events.db") == "sqlite:////data/events.db"
    url = "postgresql+psycopg://u:p@host/db"
    assert database_url(url) == url


def test_content_hash_sees_text_metadata_and_the_background_setting() -> None:
    article = report_articles()[0]
    digest = content_hash(article)
    assert content_hash(replace(article, events=())) == digest  # processing output is not input
    assert content_hash(replace(article, raw=article.raw + "!")) != digest
    assert content_hash(replace(article, published=date(2017, 9, 28))) != digest
    assert content_hash(article, include_background=True) != digest
