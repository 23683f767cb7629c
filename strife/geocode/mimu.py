"""Myanmar's villages and towns from MIMU's place codes, as the ``mm-geo-coder`` package ships them.

GeoNames' cities500 knows a few hundred places in Myanmar, so most villages and township towns
of Myanmar's conflict news are missing from it (Paletwa, Maungdaw, War Tho Kho). The Myanmar
Information Management Unit (MIMU) publishes the country's place codes with coordinates; the
``mm-geo-coder`` package (MIT) ships them as a SQLite file. When that package is installed, the
gazetteer build adds, for Myanmar only: every village with coordinates, every town (the middle
of its wards) and every township without a town of its name (the middle of its villages), each
in its state or region and, where the names agree, its district.

Data © MIMU (https://themimu.info), place codes and coordinates.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from strife.geocode import lexicon
from strife.geocode.names import name_key

_ID_BASE = -10_000_000  # below the synthesised admin areas and regions of the build
_MIN_KEY = 4  # "Ye", "Mon", "Nat": shorter names are mostly words in English text
_TOWN_SUFFIX = " town"


def mimu_database() -> Path | None:
    """Return the path of the MIMU SQLite file of ``mm-geo-coder``, or None if not installed."""
    # The package's __init__ imports pandas, which strife does not need: its data file is
    # looked up where Python installs packages, without importing it.
    for folder in sys.path:
        path = Path(folder or ".") / "mm_geo_coder" / "database" / "mimu_geo_data_public.db"
        if path.is_file():
            return path
    return None


def myanmar_places(
    admin1: dict[str, str], admin2: dict[tuple[str, str], str], path: Path
) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Yield (places row, name) for MIMU's villages, towns and townships.

    Args:
        admin1: first word of each Myanmar admin1 name (name key) -> its admin1 code.
        admin2: (admin1 code, district name key) -> admin2 code.
        path: the MIMU SQLite file.
    """
    db = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        villages = db.execute(
            "SELECT village_eng, township_eng, district_eng, state_eng, latitude, longitude "
            "FROM villages WHERE latitude IS NOT NULL AND latitude != 0"
        ).fetchall()
        wards = db.execute(
            "SELECT town_eng, township_eng, district_eng, state_eng, latitude, longitude "
            "FROM wards WHERE latitude IS NOT NULL AND latitude != 0"
        ).fetchall()
    finally:
        db.close()
    # Some points lie far outside the country (swapped or mistyped coordinates).
    villages = [v for v in villages if _in_myanmar(v[4], v[5])]
    wards = [w for w in wards if _in_myanmar(w[4], w[5])]
    index = 0

    def row(
        name: str, district: str | None, state: str | None, lat: float, lon: float, code: str
    ) -> Any:
        nonlocal index
        index += 1
        a1 = admin1.get(name_key(state or "").split(" ")[0], "")
        a2 = admin2.get((a1, name_key(district or "")), "")
        return (_ID_BASE - index, name, "P", code, "MM", a1, a2, 0, lat, lon)

    towns: dict[tuple[str, str | None, str | None], list[tuple[float, float]]] = defaultdict(list)
    for town, _township, district, state, lat, lon in wards:
        if not town:
            continue
        name = town[: -len(_TOWN_SUFFIX)] if town.lower().endswith(_TOWN_SUFFIX) else town
        towns[(name, district, state)].append((lat, lon))
    town_keys = {name_key(name) for name, _d, _s in towns}
    for (name, district, state), points in towns.items():
        lat = statistics.fmean(p[0] for p in points)
        lon = statistics.fmean(p[1] for p in points)
        if _usable(name):
            yield row(name, district, state, lat, lon, "PPL"), name
    townships: dict[tuple[str, str | None, str | None], list[tuple[float, float]]] = defaultdict(
        list
    )
    for name, township, district, state, lat, lon in villages:
        if township:
            townships[(township, district, state)].append((lat, lon))
        if name and _usable(name):
            yield row(name, district, state, lat, lon, "PPL"), name
    for (name, district, state), points in townships.items():
        if name_key(name) in town_keys or not _usable(name):
            continue  # the town stands for its township ("Paletwa Township" is Paletwa)
        lat = statistics.median(p[0] for p in points)
        lon = statistics.median(p[1] for p in points)
        yield row(name, district, state, lat, lon, "ADM3"), name


def _in_myanmar(lat: float, lon: float) -> bool:
    return 9.5 <= lat <= 28.6 and 92.1 <= lon <= 101.2


def _usable(name: str) -> bool:
    key = name_key(name)
    return len(key.replace(" ", "")) >= _MIN_KEY and key not in lexicon.COMMON_WORDS


__all__ = ["mimu_database", "myanmar_places"]
