"""Run the pipeline over labelled data and score it: the work behind ``strife eval``.

These functions read files and call the pipeline; the scoring itself is in the pure modules
:mod:`strife.evaluate.gold` and :mod:`strife.evaluate.acled`. The CLI and the CI quality
gate both call them, so the gate measures exactly what the command prints.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from strife.dedupe import cluster_events, reconcile
from strife.errors import ConfigError
from strife.evaluate.acled import parse_date, read_rows, sample_rows, score_rows, strip_size
from strife.evaluate.gold import ArticleScore, score_article, score_duplicates, summarize
from strife.evaluate.places import gazetteer_place_check
from strife.model import Event
from strife.resources import Resources

GOLD_SUFFIX = ".gold.json"
TEXT_SUFFIXES = (".txt", ".html", ".htm")
Progress = Callable[[int, int], None]  # (done, total)


def find_gold(
    paths: Iterable[Path], exclude: Iterable[Path] = ()
) -> tuple[dict[str, dict[str, Any]], list[Path]]:
    """Return the gold annotations by article id and the input files that hold those articles.

    For each folder: every ``<id>.txt`` / ``.html`` with an ``<id>.gold.json`` next to it,
    and every ``.jsonl`` file (its records are scored when a gold file has their id) except
    metadata files (``metadata.jsonl`` and those in `exclude`).
    """
    skip = {p.resolve() for p in exclude}
    golds: dict[str, dict[str, Any]] = {}
    inputs: list[Path] = []
    for path in paths:
        folder = path if path.is_dir() else path.parent
        gold_files = sorted(folder.glob(f"*{GOLD_SUFFIX}"))
        for gold_file in gold_files:
            article_id = gold_file.name[: -len(GOLD_SUFFIX)]
            try:
                data = json.loads(gold_file.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise ConfigError(f"cannot read gold file {gold_file}: {exc}") from exc
            golds[article_id] = {**data, "id": article_id}
        candidates = [path] if path.is_file() else sorted(folder.iterdir())
        for candidate in candidates:
            if (
                candidate.name.endswith(GOLD_SUFFIX)
                or candidate.name == "metadata.jsonl"
                or candidate.resolve() in skip
            ):
                continue
            stem = candidate.name.rsplit(".", 1)[0]
            if candidate.suffix == ".jsonl" or (
                candidate.suffix in TEXT_SUFFIXES and stem in golds
            ):
                inputs.append(candidate)
    return golds, inputs


def _global_id(article_id: str, event_id: str) -> str:
    # Dedupe works on event ids; two articles may well both number theirs from 1.
    return f"{article_id}/{event_id}"


def run_gold(
    paths: Sequence[Path],
    *,
    metadata: Path | None = None,
    duplicates: Path | None = None,
    resources: Resources | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Read, process and score every gold-annotated article under `paths`; return the report.

    Event dates are scored as the user gets them: the date of the incident each event is
    merged into (what the store and every export hold), so an undated report of an
    incident that other outlets date has that date. ``event_date_report_accuracy`` keeps
    the score of each report's own date.
    """
    import strife
    from strife.pipeline import process

    res = resources or Resources.shared()
    golds, inputs = find_gold(paths, exclude=[metadata] if metadata else [])
    place_check = gazetteer_place_check(res.gazetteer)
    started = time.perf_counter()
    processed_articles: list[tuple[dict[str, Any], Any, str]] = []
    seen: set[str] = set()
    for article in strife.read(inputs, metadata=metadata):
        gold = golds.get(article.id)
        if gold is None or article.id in seen:
            continue
        seen.add(article.id)
        processed_articles.append((gold, process(article, res), article.raw))
        if progress:
            progress(len(seen), len(golds))
    all_events = [
        replace(e, event_id=_global_id(processed.id, e.event_id))
        for _, processed, _ in processed_articles
        for e in processed.events
        if not e.historical
    ]
    clusters = cluster_events(all_events)
    when = incident_dates(all_events, clusters)
    scores: list[ArticleScore] = []
    report_dates = [0, 0]  # correct, scored: each report's own date
    articles: list[dict[str, Any]] = []
    mapping: dict[str, tuple[str, int]] = {}
    for gold, processed, raw in processed_articles:
        text = raw or processed.text
        own = score_article(
            gold,
            processed.events,
            text=text,
            predicted_text=processed.text,
            place_check=place_check,
        )
        report_dates = [a + b for a, b in zip(report_dates, own.fields["event_date"], strict=True)]
        dated = [
            replace(e, event_date=found[0], time_precision=found[1])
            if (found := when.get(_global_id(processed.id, e.event_id))) is not None
            else e
            for e in processed.events
        ]
        score = score_article(
            gold, dated, text=text, predicted_text=processed.text, place_check=place_check
        )
        scores.append(score)
        for event_id, index in score.mapping.items():
            mapping[_global_id(processed.id, event_id)] = (processed.id, index)
        articles.append(
            {
                **score.as_dict(),
                "published": processed.published.isoformat() if processed.published else None,
                "problems": [f"{p.stage}:{p.code}: {p.message}" for p in processed.problems],
            }
        )
    summary = summarize(scores)
    correct, scored = report_dates
    summary["event_date_report_accuracy"] = correct / scored if scored else None
    summary["event_date_report_scored"] = scored
    report: dict[str, Any] = {
        "summary": summary,
        "articles": articles,
        "missing_inputs": sorted(set(golds) - seen),
        "seconds": round(time.perf_counter() - started, 2),
    }
    if duplicates is not None:
        report["duplicates"] = _score_duplicates(clusters, mapping, duplicates)
    return report


def incident_dates(
    events: Sequence[Event], clusters: Sequence[Sequence[str]]
) -> dict[str, tuple[date | None, int | None]]:
    """Return, per event id, the date and time precision of the incident it is merged into."""
    by_id = {e.event_id: e for e in events}
    found: dict[str, tuple[date | None, int | None]] = {}
    for group in clusters:
        merged = reconcile([by_id[i] for i in group]).event
        for event_id in group:
            found[event_id] = (merged.event_date, merged.time_precision)
    return found


def _score_duplicates(
    clusters: Sequence[Sequence[str]], mapping: dict[str, tuple[str, int]], duplicates: Path
) -> dict[str, Any]:
    data = json.loads(duplicates.read_text(encoding="utf-8"))
    groups = [
        [(str(member[0]), int(member[1])) for member in group.get("members", [])]
        for group in data.get("groups", [])
    ]
    return {"available": True, **score_duplicates(clusters, mapping, groups)}


def run_acled(
    path: Path,
    *,
    limit: int | None = None,
    seed: int = 1,
    resources: Resources | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Extract events from the notes of (a fixed sample of) an ACLED CSV and score them."""
    import strife
    from strife.evaluate.acled import top_event

    res = resources or Resources.shared()
    rows = sample_rows(read_rows(path), limit, seed)
    started = time.perf_counter()
    tops: list[Event | None] = []
    for number, row in enumerate(rows, 1):
        article = strife.process_text(
            strip_size(row.get("notes", "")),
            published=parse_date(row.get("event_date")),
            article_id=row.get("event_id_cnty") or f"row-{number}",
            resources=res,
        )
        tops.append(top_event(article.events))
        if progress:
            progress(number, len(rows))
    seconds = time.perf_counter() - started
    return {
        "file": path.name,
        "limit": limit,
        "seed": seed,
        **score_rows(rows, tops),
        "seconds": round(seconds, 2),
        "rows_per_second": round(len(rows) / seconds, 1) if seconds > 0 else None,
    }
