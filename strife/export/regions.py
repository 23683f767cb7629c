"""ACLED's world regions, by ISO 3166-1 alpha-2 country code (for the `region` column)."""

from __future__ import annotations

from functools import cache

import pycountry

_REGIONS: dict[str, str] = {
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW",
    "Southern Africa": "BW SZ LS NA ZA",
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Middle East": "BH CY IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "South Asia": "AF BD BT IN MV NP PK LK",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "East Asia": "CN HK JP KP KR MO MN TW",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "Europe": "AL AD AT BY BE BA BG HR CZ DK EE FI FR DE GR HU IS IE IT XK LV LI LT LU MT MD "
    "MC ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH UA GB VA FO GI GG IM JE AX",
    "North America": "CA US GL PM BM",
    "Central America": "BZ CR SV GT HN MX NI PA",
    "South America": "AR BO BR CL CO EC FK GF GY PY PE SR UY VE",
    "Caribbean": "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC "
    "SX TT TC VI",
    "Oceania": "AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV VU WF",
}
_BY_CODE: dict[str, str] = {
    code: region for region, codes in _REGIONS.items() for code in codes.split()
}

# UCDP GED has five regions; ACLED's sub-regions fold into them.
UCDP_REGION: dict[str, str] = {
    "Western Africa": "Africa",
    "Middle Africa": "Africa",
    "Eastern Africa": "Africa",
    "Southern Africa": "Africa",
    "Northern Africa": "Africa",
    "Middle East": "Middle East",
    "South Asia": "Asia",
    "Southeast Asia": "Asia",
    "East Asia": "Asia",
    "Caucasus and Central Asia": "Asia",
    "Europe": "Europe",
    "North America": "Americas",
    "Central America": "Americas",
    "South America": "Americas",
    "Caribbean": "Americas",
    "Oceania": "Asia",
}


# ACLED country names that ISO (and so pycountry) spells differently.
_ACLED_NAMES: dict[str, str] = {
    "democratic republic of congo": "CD",
    "republic of congo": "CG",
    "kosovo": "XK",
    "micronesia": "FM",
    "turkey": "TR",
    "cape verde": "CV",
    "swaziland": "SZ",
    "east timor": "TL",
    "ivory coast": "CI",
    "russia": "RU",
    "syria": "SY",
    "iran": "IR",
    "north korea": "KP",
    "south korea": "KR",
    "laos": "LA",
    "palestine": "PS",
    "vatican city": "VA",
    "bailiwick of guernsey": "GG",
    "bailiwick of jersey": "JE",
}
_ALPHA3_EXTRA = {"XK": "XKX"}  # Kosovo has no ISO code; ACLED and the EU use these


@cache
def alpha2(country: str | None, iso: int | None = None) -> str | None:
    """Return the ISO alpha-2 code of a country given by numeric code or by name."""
    if country and country.lower() in _ACLED_NAMES:
        return _ACLED_NAMES[country.lower()]
    record = None
    if iso is not None:
        record = pycountry.countries.get(numeric=f"{iso:03d}")
    if record is None and country:
        try:
            record = pycountry.countries.lookup(country)
        except LookupError:
            record = None
    return None if record is None else str(record.alpha_2)


@cache
def alpha3(country: str | None, iso: int | None = None) -> str | None:
    """Return the ISO alpha-3 code of a country given by numeric code or by name."""
    code = alpha2(country, iso)
    if code in _ALPHA3_EXTRA:
        return _ALPHA3_EXTRA[code]
    record = pycountry.countries.get(alpha_2=code) if code else None
    return None if record is None else str(record.alpha_3)


def acled_region(country: str | None, iso: int | None = None) -> str | None:
    """Return ACLED's region for a country ("Middle East" for Iraq), or None if unknown."""
    code = alpha2(country, iso)
    return _BY_CODE.get(code) if code else None
