"""Country vocabulary the gazetteer adds to GeoNames: ACLED names, abbreviations, demonyms.

The lists live in `strife/data/countries.yaml` (see the comments there); this module loads
them once, through `Resources.lexicons.countries`, and names them for the gazetteer build.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from strife.datafiles import read_data
from strife.resources import Resources

DATA_FILE = "countries.yaml"


@dataclass(frozen=True)
class CountryWords:
    """The sections of `countries.yaml`, keyed by ISO 3166 alpha-2 country code."""

    acled_names: dict[str, str]  # country code -> ACLED's name, where GeoNames' differs
    extra_names: dict[str, tuple[str, ...]]  # other names and abbreviations ("UK", "Burma")
    demonyms: dict[str, tuple[str, ...]]  # adjectives and nationality nouns ("Iraqi")
    landmarks: dict[str, tuple[str, str]]  # "Kremlin" -> (city, country code)
    # region name -> (country code or "" when it spans several, latitude, longitude, others)
    regions: dict[str, tuple[str, float, float, tuple[str, ...]]]
    admin1_aliases: dict[str, dict[str, tuple[str, ...]]]  # code -> admin1 name -> aliases

    def demonym_forms(self, code: str) -> tuple[str, ...]:
        """Return a country's demonyms with their plurals ("Iraqi", "Iraqis"), the one list
        that both the gazetteer and the actor reader use."""
        return tuple(form for word in self.demonyms.get(code, ()) for form in (word, word + "s"))


def load_country_words() -> CountryWords:
    """Read the country vocabulary (use `Resources.lexicons.countries`, which keeps it)."""
    text = read_data(DATA_FILE)
    data: dict[str, Any] = yaml.safe_load(text)
    return CountryWords(
        acled_names={str(k): str(v) for k, v in data["acled_names"].items()},
        extra_names={str(k): tuple(v) for k, v in data["extra_names"].items()},
        demonyms={str(k): tuple(v) for k, v in data["demonyms"].items()},
        landmarks={
            str(k): (str(v["city"]), str(v["country"])) for k, v in data["landmarks"].items()
        },
        regions={
            str(k): (
                str(v["country"]),
                float(v["latitude"]),
                float(v["longitude"]),
                tuple(v["other_names"]),
            )
            for k, v in data["regions"].items()
        },
        admin1_aliases={
            str(cc): {str(k): tuple(v) for k, v in areas.items()}
            for cc, areas in data["admin1_aliases"].items()
        },
    )


WORDS = Resources.lexicons.countries
ACLED_NAMES = WORDS.acled_names
EXTRA_NAMES = WORDS.extra_names
DEMONYMS = WORDS.demonyms
LANDMARKS = WORDS.landmarks
REGIONS = WORDS.regions
ADMIN1_ALIASES = WORDS.admin1_aliases
