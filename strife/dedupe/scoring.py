"""How alike two events are: hard vetoes first, then a weighted score in [0, 1].

Components: place (distance, same location or admin2), event type compatibility, date,
actors, figures and the wording of the evidence. A veto (different country, days apart,
too far apart, incompatible types) returns None: those pairs can never be one incident,
whatever else they share.
"""

from __future__ import annotations

import math
import re
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz

from strife.dedupe.features import Features, normalize_place

MERGE_THRESHOLD = 0.70
# Two events of one article are two incidents unless they look like the extractor saw the
# same incident twice (a lede and its details): demand near-identity.
SAME_ARTICLE_THRESHOLD = 0.85

WEIGHTS = {
    "place": 0.30,
    "type": 0.20,
    "date": 0.15,
    "actors": 0.15,
    "figures": 0.12,
    "text": 0.08,
}

ADJACENT_DAY = 0.3  # date score of two day-precise reports one day apart
UNDATED = 0.5  # date score when a report gives no date: neither for nor against
COPY_REACH_DAYS = 1  # copies of one wire story dated further apart are two stories
COPY_SCORE = 0.9  # a wire copy of a report is that report
ONE_SIDED_ACTORS = 0.1  # actor score when a report names one side and shares no name

NAME_ALIKE_PLACE = 0.5  # place score of two same-day reports of places spelled alike
ALIKE_NAME_RATIO = 80  # rapidfuzz ratio of two spellings of one place name
UNDATED_PROVINCE_PLACE = 0.45  # an undated report of the right weekday, same province

# Farthest two reports of one incident can put it, by the precision of both places.
RADIUS_KM_PRECISE = 25.0  # both geo_precision 1 (the town or village itself)
RADIUS_KM_NEAR = 50.0  # at least one "near" a place (geo_precision 2)

_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_DEMONSTRATION = frozenset({"Protests", "Riots"})
_STRATEGIC = "Strategic developments"

# Event types different outlets commonly use for one incident (an assault with car bombs
# is a battle to one coder and an explosion to another).
# A change of who holds a town is a battle to one outlet and a handover to another.
_TERRITORY = frozenset(
    {
        "Non-state actor overtakes territory",
        "Government regains territory",
        "Non-violent transfer of territory",
    }
)
_RELATED_TYPES: dict[frozenset[str], float] = {
    frozenset({"Battles", "Explosions/Remote violence"}): 0.45,
    frozenset({"Battles", "Violence against civilians"}): 0.3,
    frozenset({"Explosions/Remote violence", "Violence against civilians"}): 0.35,
    frozenset({"Protests", "Riots"}): 0.45,
}

_EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat = p2 - p1
    dlon = math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def type_similarity(
    type1: str | None, sub1: str | None, type2: str | None, sub2: str | None
) -> float | None:
    """Return how compatible two ACLED event types are, or None when they cannot match."""
    if type1 is None or type2 is None:
        return 0.4
    if sub1 in _TERRITORY and sub2 in _TERRITORY:
        return 1.0 if sub1 == sub2 else 0.7
    if type1 == type2:
        if type1 == _STRATEGIC and (sub1 == "Other" or sub2 == "Other"):
            # ACLED's catch-all: a curfew and an arrest campaign share the label, so the
            # label says nothing about being one development. Never merge on it.
            return None
        if sub1 is not None and sub1 == sub2:
            return 1.0
        if type1 == _STRATEGIC and sub1 is not None and sub2 is not None:
            return None  # a curfew and a territorial change are different developments
        return 0.7
    if type1 == _STRATEGIC or type2 == _STRATEGIC:
        return None
    if (type1 in _VIOLENT) != (type2 in _VIOLENT) and (
        type1 in _DEMONSTRATION or type2 in _DEMONSTRATION
    ):
        return None
    return _RELATED_TYPES.get(frozenset({type1, type2}), 0.2)


def _place(f: Features, i: int, j: int) -> float | None:
    if f.spatial[i] and f.spatial[j]:
        radius = (
            RADIUS_KM_PRECISE
            if f.geo_precision[i] == 1 and f.geo_precision[j] == 1
            else RADIUS_KM_NEAR
        )
        km = haversine_km(f.lat[i], f.lon[i], f.lat[j], f.lon[j])
        if km > radius:
            return None
        if f.location[i] is not None and f.location[i] == f.location[j]:
            return 1.0
        # Quadratic: two villages 20 km apart are rarely one incident, 2 km apart often.
        score = (1.0 - km / radius) ** 2
        if f.admin2[i] is not None and f.admin2[i] == f.admin2[j]:
            score = max(score, 0.35)
        return score
    a1, a2 = f.admin1[i], f.admin1[j]
    if a1 is not None and a2 is not None and a1 != a2:
        return None
    if f.location[i] is not None and f.location[i] == f.location[j]:
        return 0.8
    if f.admin2[i] is not None and f.admin2[i] == f.admin2[j]:
        return 0.6
    if a1 is not None and a1 == a2:
        return 0.45
    return 0.3


def _date(f: Features, i: int, j: int) -> float | None:
    if not (f.dated[i] and f.dated[j]):
        return None  # an undated report cannot be tied to one day
    if max(f.lo[i], f.lo[j]) - min(f.hi[i], f.hi[j]) > 1:
        return None
    if f.precise_day[i] and f.precise_day[j]:
        # Overnight attacks straddle two dates, but so do two attacks on two days.
        return 1.0 if f.day[i] == f.day[j] else ADJACENT_DAY
    return 0.6


def _actors(f: Features, i: int, j: int) -> float:
    first, second = f.actors[i], f.actors[j]
    if not first or not second:
        return 0.5
    if first is second:
        return 1.0
    shared = len(first & second)
    if shared:
        return shared / min(len(first), len(second))
    if len(first) >= 2 and len(second) >= 2:
        # Both reports name both sides and no name agrees: evidence against, not just no
        # evidence for (canonical ACLED names make this reliable).
        return -0.5
    # One report names only one side: it may simply be the other side of the same fight.
    return ONE_SIDED_ACTORS


def _figures(f: Features, i: int, j: int) -> float:
    ti, tj = f.total[i], f.total[j]
    if not ti and not tj:
        return 0.5
    if not ti or not tj:
        return 0.3  # one report has no deaths: often just "not mentioned"
    if ti == tj:
        return 1.0
    ai, bi, ci = f.deaths_a[i], f.deaths_b[i], f.deaths_civilians[i]
    aj, bj, cj = f.deaths_a[j], f.deaths_b[j], f.deaths_civilians[j]
    # One side's toll agreeing (20 militants in both) is strong even when totals differ;
    # sides may be swapped when the outlets name the attacker differently.
    for x, y in ((ai, aj), (bi, bj), (ci, cj), (ai, bj), (bi, aj)):
        if x and x == y:
            return 0.9
    return 0.2 + 0.5 * min(ti, tj) / max(ti, tj)


_WORD = re.compile(r"[^\W\d_]{4,}")
_STOP = frozenset(
    "that this with from were have been said they their there which after about also would "
    "when where into than them then other more some over such only what while could its "
    "according reported told news sources source".split()
)


@lru_cache(maxsize=200_000)
def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP)


def _event_words(f: Features, i: int) -> frozenset[str]:
    event = f.events[i]
    parts = [e.text for e in event.evidence]
    if event.notes:
        parts.append(event.notes)
    return _words(" ".join(parts)) if parts else frozenset()


def _text(f: Features, i: int, j: int) -> float:
    first, second = _event_words(f, i), _event_words(f, j)
    if not first or not second:
        return 0.3
    jaccard = len(first & second) / len(first | second)
    # Independent reports of one incident share few words (a tenth is already a lot).
    return min(1.0, 3.0 * jaccard)


def _weekday(f: Features, i: int, j: int) -> bool | None:
    """Compare the weekday an undated report names with the other report's day.

    True: the same weekday; False: another one (an adjacent day still fits, for a night
    told from either side); None: nothing to compare.
    """
    named, other = (f.weekday[i], j) if f.weekday[i] >= 0 else (f.weekday[j], i)
    if named < 0:
        return None
    if f.dated[other]:
        gap = (date.fromordinal(f.day[other]).weekday() - named) % 7
        if not f.precise_day[other]:
            # a report dated only to its week (its publication day): the same weekday
            # still fits; any other says nothing
            return True if gap == 0 else None
        return True if gap == 0 else None if gap in (1, 6) else False
    if f.weekday[other] >= 0:
        return True if f.weekday[other] == named else False
    return None


def alike_names(first: str | None, second: str | None) -> bool:
    """Tell whether two place names are spellings of one name ("Timmapur", "Timmapuram")."""
    a, b = normalize_place(first), normalize_place(second)
    if not a or not b:
        return False
    a, b = a.replace("y", "i"), b.replace("y", "i")
    if [c for c in a if c.isdigit()] != [c for c in b if c.isdigit()]:
        return False  # "Sector 4" and "Sector 14" are two places, however alike
    return a.startswith(b) or b.startswith(a) or fuzz.ratio(a, b) >= ALIKE_NAME_RATIO


def _place_by_name_or_province(f: Features, i: int, j: int, *, weekday: bool) -> float | None:
    """Return a place score for two reports the gazetteer put apart, or None.

    Two reports of one day, one kind of event and one toll whose places are spelled alike
    are one place placed twice (NAME_ALIKE_PLACE). An undated report whose weekday fits
    the other's day may be anywhere in its province (UNDATED_PROVINCE_PLACE).
    """
    if f.country[i] is None or f.country[i] != f.country[j]:
        return None
    same_day = f.dated[i] and f.dated[j] and f.precise_day[i] and f.precise_day[j]
    if (
        same_day
        and f.day[i] == f.day[j]
        and f.sub_event_type[i] is not None
        and f.sub_event_type[i] == f.sub_event_type[j]
        and f.total[i] == f.total[j]
        and f.place_stem[i] is not None
        and f.place_stem[i] == f.place_stem[j]
        and alike_names(f.events[i].location, f.events[j].location)
    ):
        return NAME_ALIKE_PLACE
    if weekday and f.admin1[i] is not None and f.admin1[i] == f.admin1[j]:
        return UNDATED_PROVINCE_PLACE
    return None


def pair_score(f: Features, i: int, j: int) -> float | None:
    """Return the similarity of events i and j in [0, 1], or None when a veto applies."""
    copy = f.copies.get((i, j) if i < j else (j, i))
    if copy is not None:
        return _copy_score(f, i, j)
    if f.country[i] != f.country[j]:
        return None
    kind = type_similarity(
        f.event_type[i], f.sub_event_type[i], f.event_type[j], f.sub_event_type[j]
    )
    if kind is None:
        return None
    undated = not (f.dated[i] and f.dated[j])
    weekday = _weekday(f, i, j) if undated else None
    if weekday is False:
        return None  # "on Friday" cannot be a Tuesday's incident
    place = _place(f, i, j)
    if place is None:
        place = _place_by_name_or_province(f, i, j, weekday=bool(weekday))
        if place is None:
            return None
    actors = _actors(f, i, j)
    if undated:
        # No date to tie them: place, actors and type must all agree (and the clustering
        # lets the report join only the one incident it matches best).
        if kind < 0.7 or actors <= ONE_SIDED_ACTORS or place < 0.45 or _figures(f, i, j) < 0.5:
            return None
        date = 1.0 if weekday else UNDATED
    else:
        found = _date(f, i, j)
        if found == ADJACENT_DAY and f.total[i] and f.total[j] and _figures(f, i, j) < 0.9:
            return None  # another day and another toll: a second attack, not a misdating
        if found is None:
            return None
        date = found
    score = (
        WEIGHTS["place"] * place
        + WEIGHTS["type"] * kind
        + WEIGHTS["date"] * date
        + WEIGHTS["actors"] * actors
        + WEIGHTS["figures"] * _figures(f, i, j)
    )
    # The evidence text only matters near the threshold; skip tokenising otherwise.
    if MERGE_THRESHOLD - WEIGHTS["text"] <= score < SAME_ARTICLE_THRESHOLD or (
        f.article[i] == f.article[j]
    ):
        score += WEIGHTS["text"] * _text(f, i, j)
    else:
        score += WEIGHTS["text"] * 0.5
    return score


def _copy_score(f: Features, i: int, j: int) -> float | None:
    """Score two events told in one wire text: only a clash of country, type or days vetoes."""
    if f.country[i] is not None and f.country[j] is not None and f.country[i] != f.country[j]:
        return None
    kind = type_similarity(
        f.event_type[i], f.sub_event_type[i], f.event_type[j], f.sub_event_type[j]
    )
    if kind is None:
        return None
    if f.dated[i] and f.dated[j] and abs(f.day[i] - f.day[j]) > COPY_REACH_DAYS:
        return None
    return COPY_SCORE


def same_article_match(f: Features, i: int, j: int, score: float) -> bool:
    """Decide whether two events of one article are the same incident extracted twice."""
    if score < SAME_ARTICLE_THRESHOLD:
        return False
    if f.sub_event_type[i] is None or f.sub_event_type[i] != f.sub_event_type[j]:
        return False
    if f.day[i] != f.day[j]:
        return False
    same_place = f.location[i] is not None and f.location[i] == f.location[j]
    if not same_place and f.spatial[i] and f.spatial[j]:
        same_place = haversine_km(f.lat[i], f.lon[i], f.lat[j], f.lon[j]) <= 2.0
    if not same_place:
        return False
    # Its own article told a toll for one and none for the other: the article saw two
    # incidents there (the clash, then what residents did after it), not one told twice.
    return f.total[i] == f.total[j]


def linkable(f: Features, i: int, j: int) -> bool:
    """Decide whether events i and j may sit in one incident (used for every member pair)."""
    score = pair_score(f, i, j)
    if score is None:
        return False
    if f.article[i] == f.article[j]:
        return same_article_match(f, i, j, score)
    return True
