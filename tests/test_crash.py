"""Crash safety: `strife run` killed with SIGKILL mid-run, then rerun, loses and doubles nothing.

A real `strife run` subprocess works through a JSON Lines file of generated articles. The
test polls the database and kills the process (SIGKILL: no cleanup, no atexit, no
rollback handler) twice while it is storing articles, then reruns it to the end. The
result must be exactly what one uninterrupted run produces: every article stored once,
with all its events and evidence or none, no duplicate events or incidents, and a
byte-identical export. Both backends: SQLite, and PostgreSQL when STRIFE_TEST_PG_URL is
set (required under CI).

The number of articles is STRIFE_CRASH_ARTICLES (default 1,000, which keeps the test near
20 s per backend); docs/reliability.md records a run with 5,000.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from strife.store import schema

ARTICLES = int(os.environ.get("STRIFE_CRASH_ARTICLES", "1000"))
KILL_AT = (0.3, 0.65)  # kill when this share of the articles is stored
RUN_TIMEOUT = 60 + ARTICLES * 0.06  # seconds for a whole run; about 8 ms per article is usual
POLL_SECONDS = 0.05

pytestmark = pytest.mark.slow

# -- generated articles (facts only; sentences written for this test) -----------------------

PLACES = [
    ("Kismayo", "Somalia", "Somali"),
    ("Baidoa", "Somalia", "Somali"),
    ("Maiduguri", "Nigeria", "Nigerian"),
    ("Monguno", "Nigeria", "Nigerian"),
    ("Kharkiv", "Ukraine", "Ukrainian"),
    ("Mosul", "Iraq", "Iraqi"),
    ("Ramadi", "Iraq", "Iraqi"),
    ("Taiz", "Yemen", "Yemeni"),
    ("Goma", "Democratic Republic of Congo", "Congolese"),
    ("Djibo", "Burkina Faso", "Burkinabe"),
    ("Gao", "Mali", "Malian"),
    ("Peshawar", "Pakistan", "Pakistani"),
    ("El Fasher", "Sudan", "Sudanese"),
    ("Idlib", "Syria", "Syrian"),
    ("Kandahar", "Afghanistan", "Afghan"),
]
OUTLETS = [
    "Meridian Wire",
    "Lake Chad Monitor",
    "Coastal Herald",
    "Frontline Daily",
    "Evening Ledger",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
REPORTS = [
    "Gunmen attacked a police checkpoint on the outskirts of {place} on {day}, killing {n} "
    "officers, a local official said.",
    "At least {n} civilians were killed when a roadside bomb exploded near a market in {place} "
    "on {day}, hospital staff said.",
    "{adj} troops clashed with militants near {place} on {day}, and {n} soldiers died in the "
    "fighting, the army said.",
    "Hundreds of people marched through {place} on {day} to protest against the price of "
    "fuel, witnesses said.",
    "An air strike hit a village west of {place} on {day}, killing {n} people, residents told "
    "reporters.",
]


def article_record(number: int) -> dict[str, Any]:
    """Return one generated article; two in five incidents are reported by two outlets."""
    incident = number // 2 if number % 5 < 2 else number
    facts = random.Random(incident)  # the same incident gets the same facts in both reports
    place, country, adj = facts.choice(PLACES)
    published = date(2023, 1, 1) + timedelta(days=facts.randrange(700))
    day = published - timedelta(days=facts.randrange(1, 3))
    report = facts.choice(REPORTS).format(
        place=place, adj=adj, day=DAYS[day.weekday()], n=facts.randrange(2, 40)
    )
    outlet = OUTLETS[number % len(OUTLETS)]
    closing = f"Report {number} gave no further details about the incident in {country}."
    return {
        "id": f"crash-{number:05d}",
        "outlet": outlet,
        "url": f"https://{outlet.split()[-1].lower()}.example/{number}",
        "published": published.isoformat(),
        "title": f"Report {number} from {place}",
        "text": f"Report {number} from {place}\n\n{report}\n\n{closing}",
    }


def write_articles(path: Path, count: int) -> Path:
    """Write `count` generated records (a few of them broken) as one JSON Lines file."""
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            if number % 401 == 400:
                out.write('{"id": "broken", "text": \n')  # not JSON: a failed article
                continue
            record = article_record(number)
            if number % 251 == 250:
                record.pop("text")  # no text: a failed article, stored with its problem
            out.write(json.dumps(record) + "\n")
    return path


# -- running and inspecting ----------------------------------------------------------------


def _run_command(inputs: Path, url: str, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as stderr:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, "-m", "strife", "run", str(inputs), "--db", url],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,  # its own process group: the kill reaches any child too
        )


def _stored(engine: sa.Engine) -> int:
    try:
        with engine.connect() as conn:
            return int(
                conn.execute(sa.select(sa.func.count()).select_from(schema.articles)).scalar_one()
            )
    except sa.exc.SQLAlchemyError:
        return 0  # the tables are not created yet


def _run_to_end(inputs: Path, url: str, log: Path) -> None:
    process = _run_command(inputs, url, log)
    try:
        code = process.wait(timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail(f"strife run did not finish in {RUN_TIMEOUT:.0f} s:\n{log.read_text()[-2000:]}")
    assert code == 0, log.read_text()[-2000:]


def _kill_when_stored(inputs: Path, url: str, log: Path, share: float) -> int:
    """Start a run, SIGKILL it once `share` of the articles are stored; return the count."""
    engine = sa.create_engine(url)
    target = int(ARTICLES * share)
    process = _run_command(inputs, url, log)
    deadline = time.monotonic() + RUN_TIMEOUT
    try:
        while (stored := _stored(engine)) < target:
            if process.poll() is not None:
                pytest.fail(
                    f"strife run ended before it could be killed:\n{log.read_text()[-2000:]}"
                )
            if time.monotonic() > deadline:
                pytest.fail(f"only {stored} articles stored after {RUN_TIMEOUT:.0f} s")
            time.sleep(POLL_SECONDS)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
        engine.dispose()
    assert process.returncode == -signal.SIGKILL
    return stored


def _export(url: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "strife", "export", "--db", url, "--format", "jsonl"],
        capture_output=True,
        timeout=RUN_TIMEOUT,
        check=True,
    )
    return done.stdout.decode("utf-8")


TABLES = {
    "articles": schema.articles,
    "events": schema.events,
    "evidence": schema.evidence,
    "problems": schema.problems,
    "incidents": schema.incidents,
    "incident_events": schema.incident_events,
}
# Row ids of tables without a natural key, and the time of processing, differ between runs.
VOLATILE = {("articles", "processed_at"), ("evidence", "id"), ("problems", "id")}


def snapshot(url: str) -> dict[str, list[dict[str, str]]]:
    """Return every table's rows (values as JSON text), sorted, without volatile columns."""
    engine = sa.create_engine(url)
    rows: dict[str, list[dict[str, str]]] = {}
    try:
        with engine.connect() as conn:
            for name, table in TABLES.items():
                keep = [c for c in table.c if (name, c.name) not in VOLATILE]
                found = conn.execute(sa.select(*keep)).mappings()
                plain = [
                    {k: json.dumps(v, default=str, sort_keys=True) for k, v in row.items()}
                    for row in found
                ]
                rows[name] = sorted(plain, key=lambda r: json.dumps(r, sort_keys=True))
    finally:
        engine.dispose()
    return rows


def _duplicates(url: str) -> dict[str, int]:
    """Count rows that repeat a key the schema does not force to be unique."""
    engine = sa.create_engine(url)
    checks = {
        "evidence (event_id, seq)": "SELECT count(*) FROM (SELECT event_id, seq FROM evidence "
        "GROUP BY event_id, seq HAVING count(*) > 1) d",
        "problems (article_id, seq)": "SELECT count(*) FROM (SELECT article_id, seq FROM problems "
        "GROUP BY article_id, seq HAVING count(*) > 1) d",
        "events in no incident": "SELECT count(*) FROM events e WHERE NOT EXISTS "
        "(SELECT 1 FROM incident_events l WHERE l.event_id = e.event_id)",
        "incidents without events": "SELECT count(*) FROM incidents i WHERE NOT EXISTS "
        "(SELECT 1 FROM incident_events l WHERE l.incident_id = i.incident_id)",
        "events in two incidents": "SELECT count(*) FROM (SELECT event_id FROM incident_events "
        "GROUP BY event_id HAVING count(*) > 1) d",
    }
    try:
        with engine.connect() as conn:
            return {
                name: int(conn.execute(sa.text(sql)).scalar_one()) for name, sql in checks.items()
            }
    finally:
        engine.dispose()


# -- the test -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated articles, written once for both backends."""
    return write_articles(tmp_path_factory.mktemp("crash") / "articles.jsonl", ARTICLES)


@pytest.fixture(scope="module")
def reference(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One clean, uninterrupted run on SQLite: its export and its tables."""
    folder = tmp_path_factory.mktemp("reference")
    url = f"sqlite:///{folder / 'reference.db'}"
    _run_to_end(inputs, url, folder / "run.log")
    yield {"export": _export(url), "tables": snapshot(url)}


def test_sigkill_mid_run_then_rerun_equals_one_clean_run(
    db_url: str, inputs: Path, reference: dict[str, Any], tmp_path: Path
) -> None:
    log = tmp_path / "run.log"
    expected = reference["tables"]
    stored_at_kill = []
    for share in KILL_AT:
        stored = _kill_when_stored(inputs, db_url, log, share)
        stored_at_kill.append(stored)
        assert stored < ARTICLES, "the run finished before the kill: nothing was tested"
        # What a killed run leaves is whole articles: each stored one has exactly the
        # events and evidence the clean run gives it, never a part.
        partial = snapshot(db_url)
        ids = {row["id"] for row in partial["articles"]}
        assert len(ids) >= stored  # a few more may have been committed before the kill
        for table in ("events", "evidence", "problems"):
            mine = [r for r in partial[table] if r["article_id"] in ids]
            theirs = [r for r in expected[table] if r["article_id"] in ids]
            assert mine == theirs, f"{table} of the stored articles differ after a kill"
    assert stored_at_kill[0] < stored_at_kill[1]

    _run_to_end(inputs, db_url, log)
    duplicates = _duplicates(db_url)
    assert duplicates == dict.fromkeys(duplicates, 0)
    final = snapshot(db_url)
    assert len(final["articles"]) == len(expected["articles"])
    for table in expected:
        assert final[table] == expected[table], f"{table} differ from a clean run"
    assert _export(db_url) == reference["export"]

    # A further rerun finds everything stored unchanged and changes nothing.
    _run_to_end(inputs, db_url, log)
    assert snapshot(db_url) == final
