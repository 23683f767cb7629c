"""Place one event: pick the incident's place among the places its evidence names.

Rules, in ACLED's terms (geo_precision 1 = the place itself, 2 = near it or a part of a
region, 3 = only a province is known):

* datelines ("ERBIL, Kurdistan Region (Kurdistan 24) –") and descriptions ("Ramadi, west of
  Baghdad"; "al-Rabt, a region of the town of Qaem") are not where the incident happened;
* the most specific place wins (a town over its province), then the earliest evidence;
* "near", "around", "outskirts of", "west of" X -> X at precision 2; "30 km northwest of X" ->
  the point 30 km from X on that bearing, precision 2;
* a village no gazetteer has keeps its name in ``location`` and takes the coordinates of the
  place the text anchors it to (the next place in its sentence, else the closest place named
  before it), precision 2;
* a province only -> precision 3 at the province's main town; a country only -> precision 3.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from strife.geocode.gazetteer import Gazetteer, Place
from strife.geocode.geo import bearing_of, kilometres, offset_point
from strife.geocode.recognize import Found, clean_name
from strife.geocode.spans import is_all_caps
from strife.model import Article, Event, Evidence

LOCATION_FIELDS = (
    "location",
    "country",
    "iso",
    "admin1",
    "admin2",
    "latitude",
    "longitude",
    "geo_precision",
    "geonameid",
)
_NEAR = re.compile(
    r"near|around|outskirts|outside|close|vicinity|edge|surround|between|"
    r"(?:north|south|east|west)\w*\s+of|km|kilomet|mile",
    re.IGNORECASE,
)
_OFFSET = re.compile(
    r"(?P<distance>\d+(?:[.,]\d+)?)\s*(?:-\s*)?(?P<unit>km|kms|kilometers?|kilometres?|miles?)"
    r"\s+(?:to\s+the\s+)?(?P<direction>(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?)",
    re.IGNORECASE,
)
# Between a place and the place that describes it: ", west of", ", a region of the town of",
# ", near", ", the capital of", ", in".
_DESCRIPTION_GAP = re.compile(
    r"^\s*(?:’s|'s)?(?:\s+(?:province|governorate|district|region|area|town|city|village)s?)?"
    r"\s*,\s*(?:(?:about|some|around|roughly|nearly)\s+)?(?:\d[\d.,]*\s*\w+\s+)?"
    r"(?:(?:to\s+the\s+)?(?:north|south|east|west)\w*\s+of|near|outside|close\s+to|in|of"
    r"|(?:a|an|the)\s+[\w\s-]{0,40}?\s+(?:of|in|near))\b[\w\s-]{0,30}?$",
    re.IGNORECASE,
)
_DATELINE_TAIL = re.compile(
    r"(?:\s*,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}){0,2}\s*(?:\([^)\n]{0,40}\)?)?\s*"
    r"(?:[-–—:]|\(|$)"
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
_NOT_A_BREAK = re.compile(
    r"(?:\b(?:Col|Gen|Maj|Lt|Capt|Sgt|Brig|Adm|Mr|Mrs|Ms|Dr|St|Gov|Sen|Rep|No|Jan|Feb|Mar|Apr"
    r"|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|U\.N)|\b[A-Z])\.$"
)

_LEVEL = {"city": 0, "unknown": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4}


@dataclass(frozen=True, slots=True)
class Location:
    """Where one event happened, with the mentions that say so."""

    location: str
    place: Place | None  # the gazetteer entry whose coordinates are used
    latitude: float
    longitude: float
    precision: int
    mention: Found
    anchor: Found | None  # the place an unknown village or an offset is tied to


def sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of a text (a simple rule-based split)."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        before = text[max(0, match.start() - 6) : match.start()]
        if "\n" not in match.group() and _NOT_A_BREAK.search(before):
            continue  # "Col. Ali", "U.S. troops"
        if text[start : match.start()].strip():
            bounds.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        bounds.append((start, len(text)))
    return bounds


def _sentence_of(bounds: list[tuple[int, int]], position: int) -> tuple[int, int]:
    for start, end in bounds:
        if start <= position < end:
            return start, end
    return position, position


def datelines(text: str, found: list[Found]) -> set[int]:
    """Return the starts of mentions that form a dateline ("RAMADI, Iraq:", "Annah (")."""
    starts: set[int] = set()
    for item in found:
        line_start = text.rfind("\n", 0, item.start) + 1
        if text[line_start : item.start].strip():
            continue
        tail = _DATELINE_TAIL.match(text, item.end)
        if tail is None or (tail.group().strip() == "" and not is_all_caps(item.text)):
            continue
        starts.update(f.start for f in found if item.start <= f.start < tail.end())
    return starts


def descriptions(text: str, found: list[Found]) -> set[int]:
    """Return the starts of mentions that only describe the mention before them."""
    described: set[int] = set()
    for previous, current in zip(found, found[1:], strict=False):
        gap = text[previous.end : current.start]
        if len(gap) < 80 and "\n" not in gap and _DESCRIPTION_GAP.match(gap):
            described.add(current.start)
    return described


def display_name(item: Found) -> str:
    """Return a mention as a location name: as written ("RAMADI" -> "Ramadi"), except that a
    spelling matched only by its transliteration skeleton takes the gazetteer's ("Qaem" ->
    "Al Qaim")."""
    if item.fuzzy and item.place is not None:
        return clean_name(item.place.name).replace("'", "").replace("’", "")
    text = " ".join(item.text.split())
    return text.title() if is_all_caps(text) and len(text) > 3 else text


def _feature(item: Found) -> str:
    return item.place.feature if item.place is not None else "unknown"


class EventLocator:
    """Locate the events of one article (mentions found once, shared by its events)."""

    def __init__(self, article: Article, found: list[Found], gazetteer: Gazetteer) -> None:
        self.article = article
        self.text = article.text
        self.found = found
        self.gazetteer = gazetteer
        self.sentences = sentences(self.text)
        self.datelines = datelines(self.text, found)
        self.described = descriptions(self.text, found)
        self.evidence: list[tuple[int, int]] = []  # the event being located: its spans

    def _usable(self, item: Found) -> bool:
        return item.start not in self.datelines

    def _candidates(self, spans: list[tuple[int, int]]) -> list[tuple[tuple[int, ...], Found]]:
        ranked: list[tuple[tuple[int, ...], Found]] = []
        for order, (start, end) in enumerate(spans):
            for item in self.found:
                if start <= item.start and item.end <= end and self._usable(item):
                    if item.place is None and not item.relation and not item.hint:
                        continue
                    key = (
                        _LEVEL.get(_feature(item), 5),
                        item.start in self.described,
                        item.embedded,
                        order,
                        item.start,
                    )
                    ranked.append((key, item))
        ranked.sort(key=lambda entry: entry[0])
        return ranked

    def _matching_hint(self, hint: str, spans: list[tuple[int, int]]) -> Found | None:
        from strife.geocode.names import name_key, name_skeleton

        key = name_key(hint)
        skeleton = name_skeleton(key)
        if not key:
            return None

        def matches(item: Found) -> bool:
            own = name_key(item.text)
            return own == key or name_skeleton(own) == skeleton or key in own or own in key

        inside = [f for _k, f in self._candidates(spans) if matches(f)]
        if inside:
            return inside[0]
        elsewhere = [f for f in self.found if matches(f) and self._usable(f)]
        return elsewhere[0] if elsewhere else None

    def locate(self, event: Event) -> Location | None:
        """Return where an event happened, or None when its text names no usable place."""
        evidence = [e for e in event.evidence if "location" in e.fields] or list(event.evidence)
        spans = [(e.start, e.end) for e in evidence]
        self.evidence = spans
        ranked = self._candidates(spans)
        chosen: Found | None = None
        if event.location:
            chosen = self._matching_hint(event.location, spans)
            if chosen is not None and chosen.place is not None and ranked:
                best = ranked[0][1]
                more_specific = _LEVEL[_feature(best)] < _LEVEL.get(_feature(chosen), 5)
                inside = best.place is None or (
                    chosen.place.country_code == best.place.country_code
                    and chosen.place.feature in ("country", "admin1")
                )
                if more_specific and inside:
                    chosen = best  # the hint named the province; the evidence names the town
        if chosen is None and ranked:
            chosen = ranked[0][1]
        fallback = False
        if chosen is None and spans:
            chosen = self._before(min(s for s, _e in spans))
            fallback = True
        if chosen is None:
            return None
        location = self._resolve(chosen)
        vague = fallback or chosen.start in self.described  # "al-Rabt, a region of Qaem"
        if location is not None and vague and location.precision < 2:
            location = replace(location, precision=2)
        return location

    def _before(self, position: int) -> Found | None:
        """Return the closest usable place named before a position (for evidence naming none)."""
        for item in reversed(self.found):
            if item.end <= position and self._usable(item) and _feature(item) != "country":
                if item.place is not None or item.relation or item.hint:
                    return item
        return None

    def _anchor(self, item: Found) -> Found | None:
        """Return the resolved town an unknown place is tied to."""

        def town(other: Found) -> bool:
            return other.place is not None and _feature(other) == "city" and self._usable(other)

        start, end = _sentence_of(self.sentences, item.start)
        for other in self.found:  # "X, 15 km west of Hit", "X, a region of the town of Qaem"
            if item.end <= other.start < end and (town(other) or _feature(other) == "admin2"):
                return other
        for other in reversed([f for f in self.found if start <= f.start < item.start]):
            if town(other) and len(self.text[other.end : item.start]) < 12:
                return other  # "Ramadi's al-Tash district"
        in_evidence = [
            f for f in self.found if town(f) and any(a <= f.start < b for a, b in self.evidence)
        ]
        earlier = [f for f in self.found if f.end <= item.start and town(f)][::-1]
        later = [f for f in self.found if f.start > item.end and town(f)]
        for group in (in_evidence, earlier, later):
            main = [f for f in group if f.start not in self.described]  # not "west of Baghdad"
            if main or group:
                return (main or group)[0]
        admin = [f for f in self.found if f.place is not None and _feature(f) == "admin1"]
        return admin[0] if admin else None

    def _resolve(self, item: Found) -> Location | None:
        place = item.place
        if place is None:
            anchor = self._anchor(item)
            if anchor is None or anchor.place is None:
                return None
            located = self._resolve(anchor)
            if located is None:
                return None
            precision = max(2, located.precision)
            return replace(
                located,
                location=display_name(item),
                precision=precision,
                mention=item,
                anchor=anchor,
                place=located.place,
            )
        feature = place.feature
        relation = item.relation or ""
        if feature == "admin1":
            capital = None
            if place.admin1_code:
                capital = self.gazetteer.admin1_capital(place.country_code, place.admin1_code)
            point = capital or place
            return Location(
                display_name(item),
                point if capital else place,
                point.latitude,
                point.longitude,
                3,
                item,
                None,
            )
        if feature in ("country", "region"):
            return Location(
                display_name(item), place, place.latitude, place.longitude, 3, item, None
            )
        latitude, longitude = place.latitude, place.longitude
        precision = 2 if feature == "admin2" or _NEAR.search(relation) else 1
        offset = _OFFSET.search(relation)
        if offset:
            bearing = bearing_of(offset.group("direction"))
            distance = kilometres(
                float(offset.group("distance").replace(",", ".")), offset.group("unit")
            )
            if bearing is not None and distance is not None and distance < 500:
                latitude, longitude = offset_point(latitude, longitude, distance, bearing)
        return Location(display_name(item), place, latitude, longitude, precision, item, None)

    def place_event(self, event: Event, location: Location) -> Event:
        """Return the event with its place fields filled and the evidence for them."""
        place = location.place
        country = self.gazetteer.countries.get(place.country_code) if place else None
        geonameid = None
        if place is not None and place.geonameid > 0 and location.anchor is None:
            if location.precision < 3:  # a province's main town is not the event's place
                geonameid = place.geonameid
        admin1 = place.admin1 if place else None
        admin2 = place.admin2 if place and place.feature != "admin1" else None
        if place is not None and place.feature in ("country", "region"):
            admin1 = admin2 = None
        mention_span = _sentence_of(self.sentences, location.mention.start)
        evidence = [self._evidence(mention_span, LOCATION_FIELDS)]
        if location.anchor is not None:
            anchor_span = _sentence_of(self.sentences, location.anchor.start)
            if anchor_span != mention_span:
                fields = (
                    "country",
                    "iso",
                    "admin1",
                    "admin2",
                    "latitude",
                    "longitude",
                    "geo_precision",
                )
                evidence.append(self._evidence(anchor_span, fields))
        return replace(
            event,
            location=location.location,
            latitude=round(location.latitude, 5),
            longitude=round(location.longitude, 5),
            geo_precision=location.precision,
            geonameid=geonameid,
            country=country.acled_name if country else event.country,
            iso=country.numeric if country else event.iso,
            admin1=admin1,
            admin2=admin2,
            evidence=(*event.evidence, *[e for e in evidence if e not in event.evidence]),
        )

    def _evidence(self, span: tuple[int, int], fields: tuple[str, ...]) -> Evidence:
        start, end = span
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Evidence(self.article.id, self.text[start:end], start, end, fields)


__all__ = ["EventLocator", "Location", "clean_name", "datelines", "descriptions", "sentences"]
