"""Myanmar's villages and towns from a MIMU-format file (the layout mm-geo-coder ships)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from test_geocode_notes import locate

from strife.geocode.mimu import mimu_database, myanmar_places
from strife.resources import Resources
from strife.settings import load_settings

_COLUMNS = "name, tract, township, district, state, latitude, longitude"


def _mimu_file(path: Path) -> Path:
    """Write a tiny file with MIMU's two tables: villages and the wards of towns."""
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE villages (village_eng TEXT, village_tract_eng TEXT, township_eng TEXT, "
        "district_eng TEXT, state_eng TEXT, latitude REAL, longitude REAL)"
    )
    db.execute(
        "CREATE TABLE wards (ward_eng TEXT, town_eng TEXT, township_eng TEXT, "
        "district_eng TEXT, state_eng TEXT, latitude REAL, longitude REAL)"
    )
    db.executemany(
        "INSERT INTO villages VALUES (?,?,?,?,?,?,?)",
        [
            ("Kyauk Pyin", "Tract A", "Paletwa", "Matupi", "Chin", 21.30, 92.90),
            ("Nga Pyaw", "Tract A", "Paletwa", "Matupi", "Chin", 21.40, 92.95),
            ("Thit Gyi", "Tract B", "Lonely", "Matupi", "Chin", 21.60, 93.40),
            ("Thit Gyi", "Tract C", "Lonely", "Matupi", "Chin", 21.80, 93.60),
            ("Lost", "Tract C", "Lonely", "Matupi", "Chin", 24.6, 50.45),  # outside the country
            ("Ye", "Tract D", "Lonely", "Matupi", "Chin", 21.7, 93.5),  # too short a name
            ("No Point", "Tract D", "Lonely", "Matupi", "Chin", None, None),
        ],
    )
    db.executemany(
        "INSERT INTO wards VALUES (?,?,?,?,?,?,?)",
        [
            ("Ward 1", "Paletwa Town", "Paletwa", "Matupi", "Chin", 21.44, 93.14),
            ("Ward 2", "Paletwa Town", "Paletwa", "Matupi", "Chin", 21.46, 93.16),
        ],
    )
    db.commit()
    db.close()
    return path


def test_villages_towns_and_townships_of_a_mimu_file(tmp_path: Path) -> None:
    places = list(myanmar_places({"chin": "02"}, {}, _mimu_file(tmp_path / "mimu.db")))
    by_name = {name: row for row, name in places}
    # A town is the middle of its wards, written without "Town"; its township adds nothing.
    town = by_name["Paletwa"]
    assert (town[3], town[5], round(town[8], 2), round(town[9], 2)) == ("PPL", "02", 21.45, 93.15)
    assert [name for _row, name in places].count("Paletwa") == 1
    # A township with no town is the middle of its villages.
    assert by_name["Lonely"][3] == "ADM3"
    assert 21.6 <= by_name["Lonely"][8] <= 21.8
    assert {"Kyauk Pyin", "Nga Pyaw", "Thit Gyi"} <= set(by_name)
    assert not {"Lost", "Ye", "No Point"} & set(by_name)
    assert all(row[0] < 0 and row[4] == "MM" for row, _name in places)  # not GeoNames ids


def test_the_default_gazetteer_knows_myanmars_township_towns() -> None:
    assert mimu_database() is not None, "mm-geo-coder is a dependency of strife"
    default = Resources(load_settings())
    event = locate(
        "On 8 May 2021, a stray bullet hurt a man in Paletwa Town, Paletwa Township, Chin State.",
        default,
    )
    assert (event.location, event.country, event.admin1, event.geo_precision) == (
        "Paletwa",
        "Myanmar",
        "Chin State",
        1,
    )
    assert event.geonameid is None  # MIMU places have no GeoNames id
