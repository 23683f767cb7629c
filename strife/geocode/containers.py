"""Admin areas written after a place: "Kita (Kita, Kayes)", "Rubare locality (Rutshuru, Nord-Kivu)".

Conflict notes and local news often follow a village with the district and province that hold
it, and never name the country. Those names are strong evidence: the country and province in
which all of them exist is where the village is, even when the village itself is missing from
the gazetteer or shares its name with a bigger town elsewhere. This module links each mention
to the chain of mentions that contain it and works out which country and admin1 area the chain
agrees on; :mod:`strife.geocode.recognize` ranks candidates with it and
:mod:`strife.geocode.locate` falls back on the chain when the village is unknown.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from strife.geocode.recognize import Found

# What may stand between a place and the area that holds it. Words describing the place come
# first ("Kerawa village, Kolofata subdivision (Mayo-Sava, Extreme-Nord)"), then a comma, an
# opening bracket, "in" or "of" ("the Andar area of Nirkh district").
_KINDS = (
    r"villages?|towns?|city|areas?|localit(?:y|ies)|district|sub-?districts?|sub-?county|county"
    r"|sub-?divisions?|communes?|municipality|province|governorate|region|state|neighbou?rhoods?"
    r"|quarters?|camps?|LGA|department|prefecture|sub-?prefecture|township|division|zones?"
    r"|sectors?|wards?|parish|upazila|tehsil|cercle|territory|chiefdom|oblast|raion|rayon"
    r"|settlements?|hamlets?|suburbs?|frontlines?|fronts?|outskirts|countryside|woreda|kebele"
    r"|barangay|arrondissement|groupement|chefferie|secteur|cell|valley|mountains?|island"
    r"|taluka?|mandal|tambon|regency|panchayat"
)
# "Los Cedros community, El Tambo municipality": before a comma only, as "the Fulani community
# in Kokorowe" names a people.
_KINDS_BEFORE_COMMA = _KINDS + r"|communit(?:y|ies)"
# Words for kinds of area ("Commune", "Upazila"), which are not names by themselves.
KIND_WORDS: frozenset[str] = frozenset(
    "village town city area locality district subdistrict county subdivision commune "
    "municipality province governorate region state neighbourhood neighborhood quarter camp "
    "lga department prefecture subprefecture township division zone sector ward parish upazila "
    "tehsil cercle territory chiefdom oblast raion rayon settlement hamlet suburb woreda kebele "
    "barangay arrondissement rural urban sadar municipal metropolitan taluk taluka "
    "mandal tambon regency panchayat".split()
)
# An Arabic article that reads as an English word stays out of a name: "(At Tuhayat, …)".
_ARTICLE = r"(?-i:(?:At|As|An|Ad|Ar|Ash|Az|Adh)\s+)?"
_EXPLICIT_GAP = re.compile(
    # Possessive runs of spaces (``\s++``): what follows is never a space, and a long run of
    # spaces must not be retried against every kind word at every length.
    r"(?:\s*+\(\s*+"
    # "Bara in the southern countryside of Idleb", "Nadas in rural Ras al Ain"
    r"|(?:\s++(?:" + _KINDS + r"))*\s++in\s++(?:the\s++)?(?:[a-z-]++\s++){0,2}"
    r"(?:countryside|outskirts|suburbs?|part|parts)\s++of\s++(?:the\s++)?"
    r"|(?:\s++(?:" + _KINDS + r"))*\s++in\s++(?:rural|central|(?:north|south|east|west)\w*)\s++"
    r"|(?:\s++(?:" + _KINDS_BEFORE_COMMA + r"))+\s*+(?:,|\()\s*+(?:in\s++)?"
    r"|\s*+,\s*+in\s++(?:the\s++)?"
    r"|(?:\s++(?:" + _KINDS + r"))*\s++in\s++(?:the\s++)?"
    r"|(?:\s++(?:" + _KINDS + r"))+\s++of\s++(?:the\s++)?)" + _ARTICLE,
    re.IGNORECASE,
)
_RURAL_AFTER = [["countryside"], ["province"], ["governorate"], ["region"]]
_PART_BEFORE = re.compile(r"\b(?:barangay|colonia|barrio|sector|quartier)\s+$", re.IGNORECASE)
_COMMA_GAP = re.compile(r"\s*,\s*" + _ARTICLE)
_REST_OF_NAME = re.compile(r"(?:[ -](?-i:[A-Z])[\w'’]*)*")
_OF_GAP = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)
# A part of a town: "the Ndaba neighbourhood of Kolofata town", "Hamra area in Beirut". Such a
# part is located at its town (ACLED codes neighbourhoods to their city).
_PART_GAP = re.compile(
    r"(?:\s+(?:neighbou?rhoods?|quarters?|zones?|localit(?:y|ies)|sectors?|wards?|suburbs?"
    r"|districts?|camps?|settlements?|municipality|commune|compound|markets?|streets?|roads?"
    r"|areas?|crossing|junction|checkpoint|bridge|squares?|intersection|roundabout"
    r"|highway))+\s+(?:of|in)\s+(?:the\s+)?",
    re.IGNORECASE,
)
# Between two names of the same chain inside brackets, or the halves of "Mayo-Sava".
# ("Nelson" of "Nelson Mandela Bay, Eastern Cape" leaves the rest of its name in the gap.)
_NEXT_GAP = re.compile(
    r"(?:\s*,\s*|-|\s|(?:\s+(?:" + _KINDS + r"))+\s*[,(]\s*|\s*\(\s*|\s*\)\s*,\s*"
    r"|(?:\s+(?:" + _KINDS + r"))*\s+in\s+(?:the\s+)?"
    r"|(?:\s+(?:" + _KINDS + r"))+\s+of\s+(?:the\s+)?"  # "Ou Chrov district of Banteay …"
    r"|(?:[\s-]+[A-Z][\w'’]*)+\s*,\s*)" + _ARTICLE,
    re.IGNORECASE,
)
# "\s*,?\s+" would try every split of a run of spaces (quadratic); these match the same.
_LIST_GAP = re.compile(r"(?:\s*,\s+|\s+)(?:and|or)\s+|\s*,\s*")
_AND_GAP = re.compile(r"(?:\s*,\s+|\s+)(?:and|or)\s+")

# How strongly a candidate in a country supports the chain being there.
_WEIGHT = {"country": 2.0, "admin1": 2.0, "admin2": 1.2, "region": 0.5}
_ADMIN_FEATURES = ("admin1", "admin2", "country")
_MAX_CHAIN = 4


# "’s troubled ", "'s northern town of ": a possessive and a few lower-case words.
_POSSESSOR_GAP = re.compile(r"['’]s (?:[a-z][\w-]* ){0,4}")


def link_containers(text: str, found: list[Found], only: set[int] | None = None) -> None:
    """Give each mention the chain of mentions written after it as the areas that hold it.

    Args:
        only: ids of the mentions to link (others keep their chains); all when None.
    """
    for index, item in enumerate(found):
        if index + 1 >= len(found):
            break
        if only is not None and id(item) not in only:
            continue
        following = found[index + 1]
        unknown = not item.candidates
        if item.facility:
            continue  # "Seaton Street, Edmonton": a street, not a place its town holds
        # The rest of a name the gazetteer knows only in part: "Rio Messalo (Muidumbe, …)".
        rest = _REST_OF_NAME.match(text, item.end, following.start)
        end = rest.end() if rest else item.end
        gap = text[end : following.start]
        town = following.place is not None and following.place.feature == "city"
        held = _COMMA_GAP.fullmatch(gap) is not None and _holds_town(text, found, index + 1)
        if _COMMA_GAP.fullmatch(gap) and not (_area_like(following) or (town and unknown) or held):
            # "Ananum, Gidan Adamu, … (Donga, Taraba)" is a list; "Toda Kalyanpur, Roorkee" a
            # village the gazetteer lacks, then the town it belongs to.
            continue
        if gap == " " and item.partial and _area_like(following):
            gap = ", "  # "San Francisco Campeche, Campeche": a town and its state, unpunctuated
        explicit = bool(_EXPLICIT_GAP.fullmatch(gap)) or (
            # "in Khak Chopan of Maywand district, Kandahar"
            following.hint in ("admin1", "admin2") and bool(_OF_GAP.fullmatch(gap))
        )
        if not explicit and not _COMMA_GAP.fullmatch(gap):
            continue
        chain = [following]
        end = following.end
        for other in found[index + 2 : index + 1 + _MAX_CHAIN]:
            if not _NEXT_GAP.fullmatch(text[end : other.start]):
                break
            chain.append(other)
            end = other.end
        item.containers = chain
        item.explicit_container = explicit or held
        # "the Ndaba neighbourhood of Kolofata town", "Barangay Tagapo, Santa Rosa, Laguna"
        item.sub_part = bool(_PART_BEFORE.search(text, max(0, item.start - 24), item.start))
        # "Tal Baydar area in Al-Hasakeh countryside": the province holds it, not the town.
        after = text[following.end : following.end + 16].split()[:1]
        rural = [word.strip(".,;:)").lower() for word in after] in _RURAL_AFTER
        item.part_of_town = item.sub_part or (bool(_PART_GAP.fullmatch(gap)) and not rural)
    # "the DR Congo's troubled Beni region", "Mali's northern town of Gao": the country
    # written as the possessor holds the place.
    for previous, item in zip(found, found[1:], strict=False):
        if item.containers or (only is not None and id(item) not in only):
            continue
        country = any(m.place.feature == "country" and not f for m, f in previous.candidates)
        if country and _POSSESSOR_GAP.fullmatch(text, previous.end, item.start):
            item.containers = [previous]
            item.explicit_container = True
    # "the villages of Buhama and Cisheke (Kalehe, Sud-Kivu)": a list shares its containers.
    for index in range(len(found) - 2, -1, -1):
        item, following = found[index], found[index + 1]
        if item.containers or not following.containers:
            continue
        if only is not None and id(item) not in only:
            continue
        gap = text[item.end : following.start]
        sibling = bool(_AND_GAP.fullmatch(gap)) or following.place is None
        if sibling and _LIST_GAP.fullmatch(gap) and following.explicit_container:
            if following.containers and following.containers[0] is not item:
                item.containers = following.containers
                item.explicit_container = True


def _holds_town(text: str, found: list[Found], index: int) -> bool:
    """Tell whether the mention at ``index`` is a town written with the province holding it
    ("Caracoli, Malambo, Atlantico department": Caracoli is then a place of Malambo)."""
    if index + 1 >= len(found):
        return False
    town, area = found[index], found[index + 1]
    if not _COMMA_GAP.fullmatch(text, town.end, area.start):
        return False
    towns = [m.place for m, fuzzy in town.candidates if not fuzzy and m.place.feature == "city"]
    for match, fuzzy in area.candidates:
        holder = match.place
        if fuzzy or holder.feature not in ("admin1", "admin2"):
            continue
        for place in towns:  # "Macarthur, Monreal, Masbate": Masbate is a province (admin2)
            same = (place.country_code, place.admin1_code) == (
                holder.country_code,
                holder.admin1_code,
            )
            if same and (holder.feature == "admin1" or place.admin2 == holder.admin2):
                return True
    return False


def _area_like(item: Found) -> bool:
    """Tell whether a mention may name an admin area (a name, or a feature word, says so)."""
    if item.hint in ("admin1", "admin2") and not item.hint_soft:
        return True
    return any(
        not fuzzy and match.place.feature in _ADMIN_FEATURES for match, fuzzy in item.candidates
    )


def consensus(item: Found, countries: dict[str, float]) -> tuple[str, str | None] | None:
    """Return the (country, admin1 code or None) where a place and its chain can all be.

    The countries in play are those where a name of the chain is an admin area. Each name
    votes for them (an admin area strongly, a town of that name weakly) and the place itself
    votes at half weight, so "San Antonio (Valparaiso)" is in Chile although Mexico has a
    Valparaiso municipality; the article's countries break ties. Within the country, the admin1
    area most names agree on is returned too.
    """
    support: dict[str, float] = defaultdict(float)
    provinces: dict[tuple[str, str], float] = defaultdict(float)
    in_play: set[str] = set()
    biggest: dict[str, int] = defaultdict(int)  # the place's own biggest namesake per country
    for match, fuzzy in item.candidates:
        code = match.place.country_code
        biggest[code] = max(biggest[code], 0 if fuzzy else match.place.population)
    for position, element in enumerate([item, *item.containers]):
        container = position > 0
        # "the Hamra neighbourhood of Beirut": a town holds it, and votes as a town.
        town = position == 1 and item.part_of_town
        best, best_area, admin = _votes(element, container and not town)
        if container:
            in_play |= set(best) if town else admin
        # The place votes at half weight, and so does a container the gazetteer knows only in
        # part ("Medina" of "La Nouvelle Medina").
        scale = 0.5 if not container or element.partial else 1.0
        for code, weight in best.items():
            support[code] += scale * weight
        for area, weight in best_area.items():
            provinces[area] += scale * weight
    if not in_play:
        return None  # "X, Y" with two towns is a list, not a town in its province
    # Ties ("Hyderabad city (Hyderabad, TS)") go to the country of the bigger namesake.
    country = max(
        in_play, key=lambda c: (round(support[c] + countries.get(c, 0.0), 3), biggest[c], c)
    )
    if support[country] < 1.0 or (support[country] == 1.0 and not item.part_of_town):
        # "Northern" alone, found in a dozen countries, says too little; so does the part of a
        # name ("Medina" of "La Nouvelle Medina").
        return None
    areas = sorted(
        ((weight, area[1]) for area, weight in provinces.items() if area[0] == country),
        reverse=True,
    )
    if not areas:
        return country, None
    if len(areas) > 1 and areas[1][0] >= 0.6 * areas[0][0]:
        # The names agree on the country only: "Buni Yadi (Gujba LGA, Borno)" names a
        # district of Yobe and the province next door.
        return country, None
    return country, areas[0][1]


def _votes(
    element: Found, container: bool
) -> tuple[dict[str, float], dict[tuple[str, str], float], set[str]]:
    """Return one name's best vote for each country and admin1 area it may be in, and the
    countries where it is an admin area.

    An admin name found in many countries ("Northern", "Distrito Federal") says less about any
    one of them than a name found in one, so its vote shrinks with the number of countries. A
    container read as a town votes little: "(Valparaiso)" names the region, not the US town.
    """
    cities = {
        match.place.country_code
        for match, fuzzy in element.candidates
        if not fuzzy and match.place.feature == "city" and match.place.population >= 100_000
    }
    if element.hint in ("admin1", "admin2") and not element.hint_soft:
        cities = set()  # "(Baramulla district, J&K)": the feature word says it is the area
    # An admin area named after a big city ("Edmonton") does not make the city a container.
    admin_countries = {
        match.place.country_code
        for match, fuzzy in element.candidates
        if not fuzzy
        and match.place.feature in _ADMIN_FEATURES
        and match.place.country_code
        and not (match.place.feature == "admin2" and match.place.country_code in cities)
    }
    if container and not admin_countries:
        # "(Wanla Weyn, Lower Shabelle)": a province known only under another spelling
        # ("Lower Shabeelle") still says where the chain is; its vote is halved below.
        admin_countries = {
            match.place.country_code
            for match, fuzzy in element.candidates
            if fuzzy and match.place.feature in ("admin1", "country") and match.place.country_code
        }
    spread = math.sqrt(max(1, len(admin_countries)))
    best: dict[str, float] = {}
    best_area: dict[tuple[str, str], float] = {}
    for match, fuzzy in element.candidates:
        place = match.place
        code = place.country_code
        if not code:
            continue
        if place.feature in _ADMIN_FEATURES:
            weight = _WEIGHT[place.feature] / spread
        elif place.feature == "city" and container:
            weight = 0.5
        elif place.feature == "city":
            weight = _town_vote(place.population)
        else:
            weight = _WEIGHT.get(place.feature, 0.0)
        weight *= 0.5 if fuzzy else 1.0
        best[code] = max(best.get(code, 0.0), weight)
        if place.feature != "country" and place.admin1_code:
            area = (code, place.admin1_code)
            best_area[area] = max(best_area.get(area, 0.0), weight)
    # A name votes for its likeliest area in each country only: "Guerrero" is the state, not
    # one of the municipalities of that name in other states.
    top = {
        code: max((w for (c, _a), w in best_area.items() if c == code), default=0.0)
        for code in best
    }
    best_area = {area: w for area, w in best_area.items() if w >= top[area[0]]}
    return best, best_area, admin_countries


def _town_vote(population: int) -> float:
    """Return how strongly a town of this size says its name is meant (a city people know)."""
    if population >= 1_000_000:
        return 2.0
    return 1.4 if population >= 100_000 else 1.0


def in_town(item: Found) -> bool:
    """Tell whether a mention names a part of the town that holds it ("X neighbourhood of Y")."""
    if not item.part_of_town or not item.containers:
        return False
    town = item.containers[0].place
    if town is None:
        return False
    # A barangay or colonia belongs to a municipality; an "area of" a district is its own place.
    return town.feature == "city" or (item.sub_part and town.feature == "admin2")


def admin_reading(item: Found, country: str) -> bool:
    """Tell whether a mention can be read as an admin area or a country in a country."""
    return any(
        not fuzzy
        and match.place.country_code == country
        and match.place.feature in ("admin1", "admin2", "country")
        for match, fuzzy in item.candidates
    )


def contained(item: Found, country: str) -> bool:
    """Tell whether a mention is held by its chain (not one of a list of equal places)."""
    if not item.containers:
        return False
    village = item.hint == "city" and not item.hint_soft  # "Kandal village, Samraong commune"
    if not village and any(
        not fuzzy
        and match.place.country_code == country
        and match.place.feature in ("admin1", "country")
        for match, fuzzy in item.candidates
    ):
        return False  # "Kabul, Ghor, Laghman": provinces in a list; "Idlib in Aleppo"
    if item.explicit_container:
        return True
    first = item.containers[0]
    # "Los Cedros, Argelia municipality, Cauca department": the feature word says it is an area.
    area = first.hint in ("admin1", "admin2") and not first.hint_soft
    return item.hint not in ("admin1", "country") and (area or admin_reading(first, country))
