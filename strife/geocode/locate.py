"""Place one event: pick the incident's place among the places its evidence names.

Rules, in ACLED's terms (geo_precision 1 = the place itself, 2 = near it or a part of a
region, 3 = only a province is known):

* datelines ("ERBIL, Kurdistan Region (Kurdistan 24) –") and descriptions ("Ramadi, west of
  Baghdad"; "al-Rabt, a region of the town of Qaem") are not where the incident happened;
* the most specific place wins (a town over its province), then the earliest evidence;
* "near", "around", "outskirts of", "west of" X -> X at precision 2; "30 km northwest of X" ->
  the point 30 km from X on that bearing, precision 2;
* a village no gazetteer has keeps its name in ``location`` and takes the coordinates of the
  place the text anchors it to: the district or province written after it ("Dobara village
  (Kita, Kayes)"; a district at its seat, a province at its middle), else the next place in
  its sentence, else the closest place named before it; precision 2, or 3 for a province;
* a province only -> precision 3 at the province's main town; a country only -> precision 3;
* among the places of the evidence, a place named inside an organisation's name ("the Gafsa
  Phosphate Company") or written as the area of another ("Maywand district, Kandahar") comes
  last, then places without a locative cue ("fighters from Raqqa"), then the coarser ones, then
  descriptions and namesakes abroad; extraction's guess only breaks the remaining ties.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from strife.geocode.containers import contained
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
    r"^\s*(?:(?:’s|'s)\s*)?(?:(?:province|governorate|district|region|area|town|city|village)s?\s*)?"
    r",\s*(?:(?:about|some|around|roughly|nearly)\s+)?(?:\d[\d.,]*\s*[^\W\d]\w*\s+)?"
    r"(?:(?:to\s+the\s+)?(?:north|south|east|west)\w*\s+of|near|outside|close\s+to|in|of"
    r"|(?:a|an|the)\s+[\w\s-]{0,40}?\s+(?:of|in|near))\b[\w\s-]{0,30}?$",
    re.IGNORECASE,
)
# The space after the bracket sits inside its optional group: two adjacent "\s*" around an
# empty group backtrack in time cubic in a run of spaces; this form matches the same strings.
_DATELINE_TAIL = re.compile(
    r"(?:\s*,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}){0,2}\s*(?:\([^)\n]{0,40}\)?\s*)?"
    r"(?:[-–—:]|\(|$)"
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
_NOT_A_BREAK = re.compile(
    r"(?:\b(?:Col|Gen|Maj|Lt|Capt|Sgt|Brig|Adm|Mr|Mrs|Ms|Dr|St|Gov|Sen|Rep|No|Jan|Feb|Mar|Apr"
    r"|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|U\.N)|\b[A-Z])\.$"
)

# Extraction's guess of the place breaks ties on the first six parts of the ranking key:
# embedded, holding, cue, level, described, foreign.
_HINT_KEYS = 6
# Cues that put an event at a place (not "from", "to", "between", "and" or none).
_LOCATIVE = re.compile(
    r"(?:(?:in|at|on|inside|within|near|nearby|around|outside|close to|across|through|throughout)\b"
    r"|.*\b(?:outskirts|vicinity)\b|.+\s(?:of|km|miles?)$)",
    re.IGNORECASE,
)
_LOCATIVE_BEFORE_OF = re.compile(
    r"\b(?:in|at|near)\s+(?:the\s+)?(?:[A-Z0-9][\w.'’-]*\s+)*"
    r"(?:(?:community|neighbou?rhood|quarter|zone|area|district|sector|ward|suburb|camp|part)s?"
    r"\s+)?of\s+(?:the\s+)?$"
)
# "on the road to X", "the highway to X": the incident was on the way, near X.
_ROAD_TO = re.compile(r"\b(?:road|way|highway|route|journey)\s+to\s+$", re.IGNORECASE)
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


def _seat(item: Found, area: Place) -> Place | None:
    """Return the town a district is named after, when the gazetteer has it inside the district."""
    towns = [
        match.place
        for match, fuzzy in item.candidates
        if not fuzzy
        and match.place.feature == "city"
        and match.place.country_code == area.country_code
        and match.place.admin1_code == area.admin1_code
        and match.place.admin2_code in ("", area.admin2_code)
    ]
    return max(towns, key=lambda town: town.population, default=None)


def _country_of(item: Found) -> str | None:
    if item.place is not None:
        return item.place.country_code or None
    return next(iter(item.within_countries), None)


def main_country(found: list[Found]) -> str | None:
    """Return the country most of a text's places are in, when one clearly leads."""
    votes: Counter[str] = Counter()
    for item in found:
        country = _country_of(item)
        if country and not item.embedded:
            votes[country] += 2 if item.within_countries else 1
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def display_name(item: Found) -> str:
    """Return a mention as a location name: as written ("RAMADI" -> "Ramadi"), except that a
    spelling matched only by its transliteration skeleton takes the gazetteer's ("Qaem" ->
    "Al Qaim")."""
    if item.fuzzy and item.place is not None and item.place.feature == "city":
        return clean_name(item.place.name).replace("'", "").replace("’", "")
    text = " ".join(item.text.split())
    return text.title() if is_all_caps(text) and len(text) > 3 else text


def _gap(position: int, span: tuple[int, int]) -> int:
    """Return how many characters lie between a position and a span (0 inside it)."""
    start, end = span
    return 0 if start <= position < end else min(abs(position - start), abs(position - end))


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
        self.main_country = main_country([f for f in found if self._usable(f)])
        # Mentions written as the area of another ("Maywand district, Kandahar"): Kandahar
        # there is the province holding the district, not a town where the event was.
        self.holding = {
            id(c)
            for f in found
            if (f.place or f.relation) and contained(f, next(iter(f.within_countries), ""))
            for c in f.containers
        }
        self.evidence: list[tuple[int, int]] = []  # the event being located: its spans

    def _usable(self, item: Found) -> bool:
        return item.start not in self.datelines

    def _locative(self, item: Found) -> bool:
        """Tell whether a cue puts the event at a mention ("in X", "near X", "in the Y of X")."""
        relation = item.relation or ""
        if _LOCATIVE.match(relation):
            return True
        # "in the North Zone of Rio", "in Ward No. 10 of Siliguri town"
        before = self.text[max(0, item.start - 40) : item.start]
        return relation == "of" and bool(_LOCATIVE_BEFORE_OF.search(before))

    def _candidates(self, spans: list[tuple[int, int]]) -> list[tuple[tuple[int, ...], Found]]:
        ranked: list[tuple[tuple[int, ...], Found]] = []
        for order, (start, end) in enumerate(spans):
            for item in self.found:
                if start <= item.start and item.end <= end and self._usable(item):
                    if item.place is None and not (item.relation or item.hint or item.outside):
                        continue
                    country = _country_of(item)
                    key = (
                        # "workers of the Gafsa Phosphate Company protested in Meknassy": a
                        # place inside a name says less than a place the text puts the event in.
                        item.embedded,
                        id(item) in self.holding,
                        # "militias from Raqqa attacked positions in Deir ez-Zor province"
                        not self._locative(item),
                        _LEVEL.get(_feature(item), 5),
                        item.start in self.described,
                        # A namesake abroad is less likely than a place where the rest of the
                        # text is.
                        bool(self.main_country and country and country != self.main_country),
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
        chosen: Found | None = ranked[0][1] if ranked else None
        if event.location:
            hinted = self._matching_hint(event.location, spans)
            if not ranked:
                chosen = hinted
            elif hinted is not None:
                # Extraction's guess decides among the places the rules cannot tell apart
                # (same kind of cue, level and country); it never overrules them.
                best = ranked[0][0][:_HINT_KEYS]
                if any(f is hinted and k[:_HINT_KEYS] == best for k, f in ranked):
                    chosen = hinted
        fallback = False
        if chosen is None and spans:
            chosen = self._before(min(s for s, _e in spans))
            fallback = True
        if chosen is None:
            # "BAGHDAD (AP) - A bomb exploded in a market": when the text names no other
            # place, the outlet's dateline is the best guess there is, though not a sure one.
            chosen = next((f for f in self.found if f.start in self.datelines and f.place), None)
            fallback = True
        if chosen is None:
            return None
        location = self._resolve(chosen)
        vague = fallback or chosen.start in self.described  # "al-Rabt, a region of Qaem"
        if location is not None and vague and location.precision < 2:
            location = replace(location, precision=2)
        return location

    def refine(
        self, event: Event, location: Location | None, others: list[tuple[int, int]]
    ) -> Location | None:
        """Return a town the story names for an event its own sentences place only coarsely.

        A lede often says "in northern Mali" or "in Thailand's south" and a later sentence
        names the town ("on the road to Djibo", "in the Kalma district"). ACLED codes the
        town. The town must lie in the coarse area, be named with a locative cue, not as a
        dateline, a description or inside a name, and sit closer to this event's sentences
        than to any other event's (`others`: the other events' evidence spans).
        """
        coarse = location.place if location is not None else None
        if location is not None and (
            coarse is None or coarse.feature not in ("country", "region", "admin1")
        ):
            return location
        own = [(e.start, e.end) for e in event.evidence]
        if not own:
            return location
        country = coarse.country_code if coarse is not None else self.main_country
        best: tuple[int, Found] | None = None
        for item in self.found:
            place = item.place
            unknown = place is None
            if place is None and (item.hint or item.relation):
                # A village no gazetteer has, named with a cue: judged by where it is anchored.
                resolved = self._resolve(item)
                place = resolved.place if resolved is not None else None
            if (
                place is None
                or _feature(item) not in ("city", "admin2", "unknown")
                or not self._usable(item)
                or item.embedded
                or id(item) in self.holding
                or item.start in self.described
                or not (
                    self._locative(item)
                    or _ROAD_TO.search(self.text[max(0, item.start - 30) : item.start])
                )
                or (country and place.country_code != country)
            ):
                continue
            if coarse is not None and coarse.feature == "admin1":
                if place.admin1_code != coarse.admin1_code or (place is coarse and not unknown):
                    continue
            if any(a <= item.start < b for a, b in others):
                continue  # another event's own place
            near = min(_gap(item.start, span) for span in own)
            if others and min(_gap(item.start, span) for span in others) < near:
                continue
            if best is None or near < best[0]:
                best = (near, item)
        if best is None:
            return location
        refined = self._resolve(best[1])
        if refined is None:
            return location
        if _ROAD_TO.search(self.text[max(0, best[1].start - 30) : best[1].start]):
            refined = replace(refined, precision=max(2, refined.precision))
        return refined

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

        # "Rubare locality (Rutshuru, Nord-Kivu)": the first area of its chain that the
        # gazetteer has, passing over a country when a province follows it ("Al Jabaliyah
        # area in western Yemen (At Tuhayat, Al Hudaydah)").
        held = [
            container
            for container in item.containers
            if container.place is not None
            and self._usable(container)
            and (not item.within_countries or container.place.country_code in item.within_countries)
        ]
        if held:
            areas = [c for c in held if _LEVEL.get(_feature(c), 5) < _LEVEL["region"]]
            return (areas or held)[0]
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
            if anchor.place is not None and anchor.place.feature == "admin1":
                # A village somewhere in a province: the middle of the province is closer to
                # most of its villages than its main town is.
                area = anchor.place
                located = replace(located, latitude=area.latitude, longitude=area.longitude)
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
        if feature == "admin2":
            seat = _seat(item, place)
            if seat is not None:  # "Makhmur district": its town, not the middle of its towns
                latitude, longitude = seat.latitude, seat.longitude
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
