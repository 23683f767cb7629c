"""Access to the dates, actors and places modules, with small fallbacks.

Extraction calls three sibling modules through the interfaces the project agreed on:
`strife.dates.find_dates`, `strife.extraction.actors` and `strife.geocode.find_places`.
When one of them is missing (a partial install, or while it is being written) the tiny
fallbacks below keep extraction working on the common cases instead of failing: they know
a handful of actors and explicit or weekday dates, nothing more.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Any, Protocol, cast

from strife.resources import Resources


class DateLike(Protocol):
    """What extraction reads from a `strife.dates.DateMention`."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def value(self) -> date | None: ...
    @property
    def precision(self) -> int: ...
    @property
    def relative(self) -> bool: ...
    @property
    def background(self) -> bool: ...


class ActorLike(Protocol):
    """What extraction reads from a `strife.extraction.actors.ActorMention`."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def inter(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def country(self) -> str | None: ...
    @property
    def generic(self) -> bool: ...


class PlaceLike(Protocol):
    """What extraction reads from a `strife.geocode.PlaceMention`."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def country(self) -> str | None: ...
    @property
    def admin1(self) -> str | None: ...
    @property
    def feature(self) -> str: ...


# --------------------------------------------------------------------------- fallbacks


@dataclass(frozen=True, slots=True)
class FallbackDate:
    """A date mention found by the fallback reader."""

    start: int
    end: int
    text: str
    value: date | None
    precision: int
    earliest: date | None
    latest: date | None
    relative: bool
    background: bool


@dataclass(frozen=True, slots=True)
class FallbackActor:
    """An actor mention found by the fallback lexicon."""

    start: int
    end: int
    text: str
    name: str
    inter: int
    kind: str
    country: str | None
    generic: bool


_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november "
        "december".split()
    )
}
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_EXPLICIT = re.compile(
    r"\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|"
    r"November|December),? (\d{4})\b|\b(January|February|March|April|May|June|July|August|"
    r"September|October|November|December) (\d{1,2}),? (\d{4})\b"
)
_RELATIVE = re.compile(
    r"\b(?:on )?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
    r"\b(yesterday|today|overnight|last week)\b",
    re.IGNORECASE,
)


def fallback_find_dates(text: str, published: date | None) -> list[FallbackDate]:
    """Find explicit dates and weekday/yesterday/today words (fallback for strife.dates)."""
    found: list[FallbackDate] = []
    for m in _EXPLICIT.finditer(text):
        day, month, year = (
            (m.group(1), m.group(2), m.group(3))
            if m.group(1)
            else (
                m.group(5),
                m.group(4),
                m.group(6),
            )
        )
        try:
            explicit = date(int(year), _MONTHS[month.lower()], int(day))
        except ValueError:
            continue
        background = published is not None and (published - explicit).days > 30
        found.append(
            FallbackDate(
                m.start(), m.end(), m.group(0), explicit, 1, explicit, explicit, False, background
            )
        )
    for m in _RELATIVE.finditer(text):
        if any(d.start <= m.start() < d.end for d in found):
            continue
        word = (m.group(1) or m.group(2)).lower()
        value: date | None = None
        precision = 1
        if published is not None:
            if word in _WEEKDAYS:
                back = (published.weekday() - _WEEKDAYS.index(word)) % 7
                value = published - timedelta(days=back)
            elif word == "yesterday":
                value = published - timedelta(days=1)
            elif word in {"today", "overnight"}:
                value = published
            elif word == "last week":
                value, precision = published - timedelta(days=7), 2
        found.append(
            FallbackDate(
                m.start(), m.end(), m.group(0), value, precision, value, value, True, False
            )
        )
    return sorted(found, key=lambda d: d.start)


_FALLBACK_ACTORS: tuple[tuple[str, str, int, str, bool], ...] = (
    # (regex, name or "{country}" template, inter, kind, generic)
    (r"Islamic State(?: group)?|ISIS|ISIL|IS|Daesh", "Islamic State", 2, "rebel", False),
    (r"Taliban", "Taliban", 2, "rebel", False),
    (r"Al[- ]Shabaab", "Al Shabaab", 2, "rebel", False),
    (r"Boko Haram", "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad", 2, "rebel", False),
    (
        r"(?:US-led )?(?:international )?coalition",
        "International coalition (US-led)",
        8,
        "external",
        False,
    ),
    (
        r"(?:Iraqi|Afghan|Syrian|Nigerian|Somali|Yemeni) (?i:army|troops|soldiers|forces|security "
        r"forces?|military)",
        "Military Forces of {demonym}",
        1,
        "state",
        False,
    ),
    (
        r"(?i:(?:the )?(?:army|troops|soldiers|security forces|government forces|"
        r"security personnel))",
        "Military Forces of {country}",
        1,
        "state",
        True,
    ),
    (r"(?i:police(?:men)?|police officers)", "Police Forces of {country}", 1, "state", True),
    (r"(?i:protesters|demonstrators)", "Protesters ({country})", 6, "protesters", True),
    (r"rioters|mob", "Rioters ({country})", 5, "rioters", True),
    (r"(?i:civilians|residents|villagers)", "Civilians ({country})", 7, "civilians", True),
    (
        r"(?:unidentified |unknown )?(?:gunmen|assailants|attackers)",
        "Unidentified Armed Group ({country})",
        3,
        "political_militia",
        True,
    ),
    (
        r"militants|insurgents|jihadists|extremists|fighters",
        "Unidentified Armed Group ({country})",
        3,
        "political_militia",
        True,
    ),
)
_DEMONYMS = {
    "Iraqi": "Iraq",
    "Afghan": "Afghanistan",
    "Syrian": "Syria",
    "Nigerian": "Nigeria",
    "Somali": "Somalia",
    "Yemeni": "Yemen",
}


@lru_cache(maxsize=1)
def _fallback_actor_pattern() -> re.Pattern[str]:
    parts = [f"(?P<a{i}>{p[0]})" for i, p in enumerate(_FALLBACK_ACTORS)]
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b")


def _case_free(pattern: str) -> str:
    return pattern


def fallback_find_actors(text: str, country: str | None = None) -> list[FallbackActor]:
    """Find a few well-known actors and generic groups (fallback for the actor lexicon)."""
    found: list[FallbackActor] = []
    for m in _fallback_actor_pattern().finditer(text):
        index = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
        _, template, inter, kind, generic = _FALLBACK_ACTORS[index]
        demonym = m.group(0).split()[0]
        where = _DEMONYMS.get(demonym, country)
        if where:
            name = template.format(country=where, demonym=where)
        else:  # no country known: the bare group name ("Protesters", "Military Forces")
            name = re.sub(r"\s*\(\{\w+\}\)|\s*of \{\w+\}", "", template)
        found.append(
            FallbackActor(m.start(), m.end(), m.group(0), name, inter, kind, where, generic)
        )
    return found


def fallback_interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: 10 * the smaller inter code + the larger; 10 * inter alone."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def fallback_detect_countries(text: str) -> list[str]:
    """Countries named or implied by a demonym, most mentioned first (fallback)."""
    counts: dict[str, int] = {}
    for word, country in {**_DEMONYMS, **{c: c for c in _DEMONYMS.values()}}.items():
        n = len(re.findall(rf"\b{word}\b", text))
        if n:
            counts[country] = counts.get(country, 0) + n
    return sorted(counts, key=lambda c: -counts[c])


def fallback_unidentified(country: str | None) -> FallbackActor:
    """An "Unidentified Armed Group (Country)" actor (fallback)."""
    name = f"Unidentified Armed Group ({country})" if country else "Unidentified Armed Group"
    return FallbackActor(0, 0, "", name, 3, "political_militia", country, True)


# --------------------------------------------------------------------------- access


def _attribute(module_name: str, attribute: str) -> Any | None:
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    return getattr(module, attribute, None)


@cache
def dates_api() -> Callable[[str, date | None], Sequence[DateLike]]:
    """Return `strife.dates.find_dates`, or the fallback."""
    found = _attribute("strife.dates", "find_dates")
    if found is not None:
        try:
            found("Probe on Monday.", date(2020, 1, 1))
        except Exception:  # a broken dates module: use the fallback
            found = None
    return cast(Callable[[str, date | None], Sequence[DateLike]], found or fallback_find_dates)


@dataclass(frozen=True)
class ActorsApi:
    """The actor lexicon's functions (or their fallbacks)."""

    find_actors: Callable[..., Sequence[ActorLike]]
    canonical_actor: Callable[..., ActorLike | None]
    interaction_code: Callable[[int | None, int | None], int | None]
    detect_countries: Callable[[str], list[str]]
    unidentified: Callable[[str | None], ActorLike]
    real: bool


@cache
def actors_api() -> ActorsApi:
    """Return `strife.extraction.actors`'s functions, or the fallbacks."""
    names = (
        "find_actors",
        "canonical_actor",
        "interaction_code",
        "detect_countries",
        "unidentified",
    )
    found: dict[str, Any] = {n: _attribute("strife.extraction.actors", n) for n in names}
    if all(found.values()):
        try:
            found["find_actors"]("Probe text.", None)  # its lexicon loads on first use
        except Exception:  # a broken or half-installed lexicon: use the fallback
            pass
        else:
            fallbacks: dict[str, Callable[..., Any]] = {
                "find_actors": fallback_find_actors,
                "canonical_actor": _no_canonical,
                "interaction_code": fallback_interaction_code,
                "detect_countries": fallback_detect_countries,
                "unidentified": fallback_unidentified,
            }
            safe = {n: _guarded(found[n], fallbacks[n]) for n in names}
            return ActorsApi(**safe, real=True)
    return ActorsApi(
        find_actors=fallback_find_actors,
        canonical_actor=_no_canonical,
        interaction_code=fallback_interaction_code,
        detect_countries=fallback_detect_countries,
        unidentified=fallback_unidentified,
        real=False,
    )


def _no_canonical(name: str, country: str | None = None) -> ActorLike | None:
    """The fallback knows no canonical names."""
    return None


def _guarded(function: Callable[..., Any], fallback: Callable[..., Any]) -> Callable[..., Any]:
    """Call the actor lexicon; if it fails on some input, answer with the fallback instead."""

    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except Exception:  # one odd input must not stop extraction
            return fallback(*args, **kwargs)

    return call


@cache
def _places_function() -> Callable[..., Sequence[PlaceLike]] | None:
    return cast(
        Callable[..., Sequence[PlaceLike]] | None, _attribute("strife.geocode", "find_places")
    )


def find_places(text: str, res: Resources, countries: Sequence[str] = ()) -> list[PlaceLike] | None:
    """Return gazetteer place mentions, or None when geocoding is unavailable or fails."""
    function = _places_function()
    if function is None:
        return None
    try:
        return list(function(text, res, countries=countries))
    except Exception:  # the gazetteer is optional for extraction: degrade, never fail
        return None


__all__ = [
    "ActorLike",
    "ActorsApi",
    "DateLike",
    "PlaceLike",
    "actors_api",
    "dates_api",
    "find_places",
]
