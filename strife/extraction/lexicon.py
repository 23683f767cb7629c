"""The event taxonomy and trigger lexicon, read from `strife/data/event_types.yaml`.

The YAML file is the single place where people edit what words mean; this module only
compiles it (once per process) into regular expressions the extractor can run quickly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from strife.datafiles import read_data
from strife.resources import Resources

DATA_FILE = "event_types.yaml"


@dataclass(frozen=True, slots=True)
class SubEventType:
    """One ACLED sub-event type with its parents and compiled trigger pattern."""

    name: str
    event_type: str
    disorder_type: str
    family: str
    priority: int
    pattern: re.Pattern[str] | None
    weak: re.Pattern[str] | None = None  # triggers that count only when nothing else does


@dataclass(frozen=True)
class Lexicon:
    """Everything the rule-based extractor reads from the data file, compiled."""

    sub_events: dict[str, SubEventType]
    markers: dict[str, re.Pattern[str]]
    victims: dict[str, re.Pattern[str]]
    weapons: dict[str, re.Pattern[str]]
    vague: dict[str, int]
    vague_pattern: re.Pattern[str]
    note_labels: list[tuple[re.Pattern[str], str]]
    generic_battle: str

    def sub_event(self, name: str) -> SubEventType:
        """Return a sub-event type by its ACLED name."""
        return self.sub_events[name]


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    """Compile regex fragments into one case-insensitive, word-bounded alternation."""
    if not patterns:
        return None
    # Longest first so that "suicide car bombs" wins over "car bombs" at the same place.
    ordered = sorted(patterns, key=len, reverse=True)
    body = "|".join(f"(?:{p})" for p in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", re.IGNORECASE)


def load_taxonomy_data() -> dict[str, Any]:
    """Read the raw taxonomy YAML shipped with the package."""
    text = read_data(DATA_FILE)
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def get_lexicon() -> Lexicon:
    """Return the compiled lexicon (built on first use, then shared by the process)."""
    return Resources.lexicons.events


def load_lexicon() -> Lexicon:
    """Compile the taxonomy YAML (once per process, through `Resources.lexicons.events`)."""
    data = load_taxonomy_data()
    sub_events: dict[str, SubEventType] = {}
    for event_type, spec in data["event_types"].items():
        for name, sub in spec["sub_event_types"].items():
            sub_events[name] = SubEventType(
                name=name,
                event_type=event_type,
                disorder_type=sub.get("disorder_type", spec["disorder_type"]),
                family=sub.get("family", "other"),
                priority=int(sub.get("priority", 0)),
                pattern=_alternation(list(sub.get("triggers") or [])),
                weak=_alternation(list(sub.get("weak_triggers") or [])),
            )
    markers = {k: p for k, v in data["markers"].items() if (p := _alternation(v)) is not None}
    victims = {k: p for k, v in data["victims"].items() if (p := _alternation(v)) is not None}
    weapons = {k: p for k, v in data["weapons"].items() if (p := _alternation(v)) is not None}
    vague = {str(k).lower(): int(v) for k, v in data["vague_quantities"].items()}
    vague_pattern = _alternation([re.escape(k).replace(r"\ ", r"\s+") for k in vague])
    assert vague_pattern is not None
    labels = [
        (re.compile(rf"^\s*(?:{k})\s*:", re.IGNORECASE), str(v))
        for k, v in data["note_labels"].items()
    ]
    return Lexicon(
        sub_events=sub_events,
        markers=markers,
        victims=victims,
        weapons=weapons,
        vague=vague,
        vague_pattern=vague_pattern,
        note_labels=labels,
        generic_battle=str(data.get("generic_battle", "Armed clash")),
    )


def event_type_of(sub_event_type: str) -> str:
    """Return the ACLED event type a sub-event type belongs to."""
    return get_lexicon().sub_events[sub_event_type].event_type


def disorder_type_of(sub_event_type: str) -> str:
    """Return ACLED's disorder type for a sub-event type."""
    return get_lexicon().sub_events[sub_event_type].disorder_type


__all__ = [
    "Lexicon",
    "SubEventType",
    "disorder_type_of",
    "event_type_of",
    "get_lexicon",
    "load_lexicon",
    "load_taxonomy_data",
]
