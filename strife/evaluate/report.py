"""Readable tables for the evaluation reports (the ``--json`` output is the report itself)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Return a plain-text table: first column left-aligned, the others right-aligned."""
    cells = [[str(h) for h in headers], *[[show(v) for v in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        parts = [
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def show(value: object) -> str:
    """Format one figure: rates with three decimals, missing values as 'n/a'."""
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _rate_row(summary: dict[str, Any], label: str, key: str, count_key: str) -> list[object]:
    return [label, summary.get(key), summary.get(count_key)]


def format_gold(report: dict[str, Any]) -> str:
    """Return the gold-corpus report as tables: events, fields, per article, duplicates."""
    s = report["summary"]
    events = table(
        ["events", "precision", "recall", "F1"],
        [
            ["match", s["event_precision"], s["event_recall"], s["event_f1"]],
            [
                "strict (type+place+deaths)",
                s["strict_precision"],
                s["strict_recall"],
                s["strict_f1"],
            ],
        ],
    )
    counts = (
        f"gold {s['gold_events']}  predicted {s['predicted_events']}  tp {s['tp']}  fp {s['fp']}"
        f"  fn {s['fn']}  neutral {s['neutral']}  not_events hit {s['trap_hits']}"
        f"  background hit {s['background_hits']}  marked background {s['predicted_background']}"
    )
    labels = {
        "event_type": "event_type",
        "sub_event_type": "sub_event_type",
        "actor1": "actor1",
        "actor2": "actor2",
        "actor_pair": "actor pair",
        "location": "location",
        "fatalities": "fatalities (exact)",
        "injured": "injured (exact)",
        "event_date": "event_date",
    }
    fields = table(
        ["on matched events", "accuracy", "scored"],
        [_rate_row(s, label, f"{key}_accuracy", f"{key}_scored") for key, label in labels.items()]
        + (
            # the incident's date is scored above; this is each report's own date
            [
                _rate_row(
                    s,
                    "event_date (own report)",
                    "event_date_report_accuracy",
                    "event_date_report_scored",
                )
            ]
            if "event_date_report_accuracy" in s
            else []
        )
        + [["article total fatalities exact", s["article_total_fatalities_exact"], s["articles"]]],
    )
    per_article = table(
        ["article", "gold", "pred", "tp", "fp", "fn", "traps", "deaths gold", "deaths pred"],
        [
            [
                a["article_id"],
                a["gold_events"],
                a["predicted"],
                a["tp"],
                a["fp"],
                a["fn"],
                a["trap_hits"],
                a["total_fatalities"]["gold"],
                a["total_fatalities"]["predicted"],
            ]
            for a in report["articles"]
        ],
    )
    parts = [events, counts, "", fields, "", per_article]
    if report.get("missing_inputs"):
        parts.append(f"no article text found for: {', '.join(report['missing_inputs'])}")
    duplicates = report.get("duplicates")
    if duplicates is not None:
        parts.append("")
        if not duplicates.get("available"):
            parts.append(duplicates.get("message", "dedupe not available"))
        else:
            parts.append(
                table(
                    ["same incident (pairwise)", "precision", "recall", "gold pairs scorable"],
                    [
                        [
                            f"{duplicates['events']} events in {duplicates['clusters']} clusters",
                            duplicates["pair_precision"],
                            duplicates["pair_recall"],
                            f"{duplicates['gold_pairs_scorable']} of {duplicates['gold_pairs']}",
                        ]
                    ],
                )
            )
    parts.append(f"\n{s['articles']} articles in {report['seconds']} s")
    return "\n".join(parts)


def _quote(sentence: str, width: int = 160) -> str:
    flat = " ".join(sentence.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def format_errors(report: dict[str, Any]) -> str:
    """Return every article's errors: missed and spurious events, wrong fields, sentences."""
    lines: list[str] = []
    counts: dict[str, int] = {}
    for article in report["articles"]:
        errors = article.get("errors") or []
        if not errors:
            continue
        lines.append(f"== {article['article_id']}")
        for error in errors:
            kind = error["kind"]
            if kind == "wrong":
                label = f"wrong {error['field']}"
                lines.append(
                    f"  {label} (gold {error['gold']}): predicted {show(error['predicted'])}"
                    f" | gold {show(error['expected'])}"
                )
            elif kind == "missed":
                label = "missed"
                lines.append(
                    f"  missed gold {error['gold']}: {error['event_type']} at"
                    f" {error['location']}, deaths {show(error['fatalities'])}"
                )
            else:
                label = "spurious"
                lines.append(
                    f"  spurious ({error['why']}): {error['event_type']} at"
                    f" {error['location']}, deaths {show(error['fatalities'])}"
                )
            counts[label] = counts.get(label, 0) + 1
            lines.extend(f"      > {_quote(sentence)}" for sentence in error["sentences"])
    duplicates = report.get("duplicates") or {}
    for key, label in (
        ("pairs_kept_apart", "same incident, kept apart"),
        ("pairs_wrongly_merged", "two incidents, merged"),
    ):
        pairs = duplicates.get(key) or []
        if pairs:
            lines.append(f"== {label}")
            lines.extend(f"  {a[0]} event {a[1]}  +  {b[0]} event {b[1]}" for a, b in pairs)
            counts[label] = len(pairs)
    summary = ", ".join(f"{label} {n}" for label, n in sorted(counts.items(), key=lambda i: -i[1]))
    return "\n".join([*lines, "", f"errors: {summary or 'none'}"])


def format_acled(report: dict[str, Any], countries: int = 0) -> str:
    """Return the ACLED-notes report as a table (and, when asked, one of the first countries)."""
    rows = [
        ["event_type accuracy", report["event_type_accuracy"]],
        ["sub_event_type accuracy", report["sub_event_type_accuracy"]],
        ["sub_event_type macro-F1", report["sub_event_type_macro_f1"]],
        ["actor1 match", report["actor1_accuracy"]],
        ["actor2 match", report["actor2_accuracy"]],
        ["location name match", report["location_accuracy"]],
        ["within 10 km", report["within_10km"]],
        ["within 50 km", report["within_50km"]],
        ["median error km", report["median_error_km"]],
        ["fatalities exact", report["fatalities_accuracy"]],
        ["event_date exact", report["event_date_accuracy"]],
        ["rows with no event", report["no_event_share"]],
    ]
    sample = (
        f"fixed sample of {report['limit']}, seed {report['seed']}" if report["limit"] else "all"
    )
    header = f"{report['file']}: {report['rows']} rows ({sample})"
    footer = f"{report['no_event']} rows gave no event; {report['seconds']} s"
    parts = [header, table(["measure", "value"], rows), footer]
    if countries:
        by_country = list(report["within_50km_by_country"].items())[:countries]
        rows = [
            [name or "(none)", figures["rows"], figures["within_50km"]]
            for name, figures in by_country
        ]
        parts += ["", table(["country", "rows with coordinates", "within 50 km"], rows)]
    return "\n".join(parts)
