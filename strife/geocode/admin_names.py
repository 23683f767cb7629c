"""Other forms of admin area names: "Province du Soum" is "Soum", "Far North" is "Extreme-Nord".

GeoNames names admin areas with their kind ("Kita Cercle", "Province du Soum", "Municipio
Sucre", "Rutshuru Territory") and often in English ("Far North", "South Kivu", "Southern
Darfur"), while the news and conflict datasets write the bare name, in the country's language
or in a shorter English form ("Soum", "Extreme-Nord", "Sud-Kivu", "South Darfur"). These
general rules derive those forms; the gazetteer stores them as variants of the area's name.
"""

from __future__ import annotations

from strife.geocode.names import name_key

# Words for the kind of area, before or after the name (compared on name keys).
_PREFIXES: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split())
    for p in (
        "province de la",
        "province des",
        "province du",
        "province de l",
        "province de",
        "province of",
        "provincia de",
        "provincia del",
        "provincia di",
        "provincia",
        "municipio autonomo",
        "municipio de",
        "municipio",
        "departamento de",
        "departamento del",
        "departamento",
        "departement de la",
        "departement de l",
        "departement des",
        "departement du",
        "departement de",
        "departement",
        "distrito de",
        "distrito",
        "district de",
        "cercle de",
        "prefecture de",
        "caza de",
        "caza",
        "comuna de",
        "comuna",
        "partido de",
        "city of",
        "municipality of",
        "territoire de",
        "muhafazat",
        "mohafazat",
        "wilayat",
        "wilaya de",
        "wilaya",
        "gouvernorat de",
    )
)
_SUFFIXES: tuple[tuple[str, ...], ...] = tuple(
    tuple(s.split())
    for s in (
        "metropolitan municipality",
        "local municipality",
        "district municipality",
        "rural municipality",
        "municipal district",
        "autonomous district",
        "governorate",
        "province",
        "region",
        "state",
        "oblast",
        "district",
        "prefecture",
        "department",
        "municipality",
        "county",
        "division",
        "territory",
        "emirate",
        "wilaya",
        "muhafazah",
        "cercle",
        "raion",
        "rayon",
        "ville",
        "sub county",
        "subcounty",
        "lga",
        "zone",
        "commune",
    )
)
# Countries whose news always writes "County" after a county's name.
_COUNTY_WRITTEN = frozenset({"US"})
# Compass words, in English and as the country's language writes them.
_ENGLISH_FORMS = {"northern": "north", "southern": "south", "eastern": "east", "western": "west"}
_TRANSLATIONS: dict[str, dict[str, str]] = {
    "fr": {
        "north": "nord",
        "south": "sud",
        "east": "est",
        "west": "ouest",
        "far": "extreme",
        "upper": "haut",
        "lower": "bas",
    },
    "es": {"north": "norte", "south": "sur", "east": "este", "west": "oeste"},
    "pt": {"north": "norte", "south": "sul", "east": "leste", "west": "oeste"},
}
_LANGUAGES: dict[str, str] = {
    **dict.fromkeys(
        "BE BF BI BJ CD CF CG CI CM DJ DZ FR GA GN HT KM LB LU MA MC MG ML MR NE RW SC SN TD "
        "TG TN VU".split(),
        "fr",
    ),
    **dict.fromkeys("AR BO CL CO CR CU DO EC ES GQ GT HN MX NI PA PE PR PY SV UY VE".split(), "es"),
    **dict.fromkeys("AO BR CV GW MZ PT ST TL".split(), "pt"),
}


def admin_name_variants(name: str, country: str = "") -> list[str]:
    """Return other forms (name keys) of an admin area's name; the key itself is not included.

    "Province du Soum" -> "soum"; "Kita Cercle" -> "kita"; "Boma (city)" -> "boma";
    "Southern Darfur" -> "south darfur"; in Cameroon "Far North" -> "extreme nord".
    """
    key = name_key(name.split("(")[0]) if "(" in name else name_key(name)
    forms = {key}
    words = tuple(key.split())
    for prefix in _PREFIXES:
        if len(words) > len(prefix) and words[: len(prefix)] == prefix:
            forms.add(" ".join(words[len(prefix) :]))
            break
    for form in list(forms):
        parts = tuple(form.split())
        for suffix in _SUFFIXES:
            if suffix == ("county",) and country in _COUNTY_WRITTEN:
                continue  # "Douglas County" is never just "Douglas" in American news
            if len(parts) > len(suffix) and parts[-len(suffix) :] == suffix:
                forms.add(" ".join(parts[: -len(suffix)]))
                break
    for form in list(forms):
        plain = [_ENGLISH_FORMS.get(w, w) for w in form.split()]
        forms.add(" ".join(plain))
        directions = _ENGLISH_FORMS.values()
        if len(plain) > 1 and plain[0] in directions and plain[1] not in directions:
            forms.add(" ".join([plain[0] + "ern", *plain[1:]]))  # "Northern Kordofan"
        table = _TRANSLATIONS.get(_LANGUAGES.get(country, ""), {})
        translated = [table.get(w, w) for w in plain]
        if translated != plain:
            forms.add(" ".join(translated))
    forms.discard(name_key(name))
    return sorted(f for f in forms if len(f) > 2)


def _significant_words(name: str, country: str) -> set[str]:
    """Return the words of a name and its variants that are not kinds of area or articles."""
    from strife.geocode.names import ARTICLES

    words: set[str] = set()
    for form in (name_key(name), *admin_name_variants(name, country)):
        words.update(w for w in form.split() if w not in ARTICLES and len(w) > 2)
    return words


def pair_official_names(
    areas: dict[str, str], officials: list[str], country: str
) -> dict[str, list[str]]:
    """Match a country's official subdivision names (ISO 3166-2) to its GeoNames admin areas.

    Args:
        areas: admin1 code -> GeoNames name, for one country.
        officials: the ISO 3166-2 names of that country's top-level subdivisions.

    A name matches an area when their transliteration skeletons agree ("Al Anbār" and "Al
    Anbar") or when the words of one are all words of the other ("Wardak" and "Maidan Wardak
    Province"); a name that would match several areas matches none.
    """
    from strife.geocode.names import name_skeleton, strip_article

    def skeletons(name: str) -> set[str]:
        forms = (name_key(name), *admin_name_variants(name, country))
        return {name_skeleton(strip_article(form)) for form in forms}

    own = {
        code: (skeletons(name), _significant_words(name, country)) for code, name in areas.items()
    }
    paired: dict[str, list[str]] = {}
    for official in officials:
        shapes, words = skeletons(official), _significant_words(official, country)
        same = [code for code, (theirs, _w) in own.items() if shapes & theirs]
        if not same and words:
            same = [
                code
                for code, (_s, theirs) in own.items()
                if theirs and words <= theirs  # the official name is the shorter one
            ]
        if len(same) == 1:
            paired.setdefault(same[0], []).append(official)
    return paired
