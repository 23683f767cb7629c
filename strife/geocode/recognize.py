"""Find place mentions in text: gazetteer matching over capitalised spans, plus context cues.

Every run of capitalised words (with connectors such as "of", "al-", "de") is looked up in the
gazetteer, whole and in parts, by exact key and by transliteration skeleton. Candidates are
then ranked with the article's context: the countries it names (or that the caller passes),
admin areas it names, places already resolved nearby, population and feature class. The admin
names written after a place ("Kita (Kita, Kayes)") put it in the country and province where
they all exist (:mod:`strife.geocode.containers`); a town of that name elsewhere is dropped, and
the place becomes an unknown one held by those areas. Runs that no gazetteer knows still become
(unresolved) mentions when a cue says they are places ("the villages of X and Y", "near X
town", "in al-X", "at Wadi X", "in Rubare locality (Rutshuru, Nord-Kivu)").

Extraction, which runs before the gazetteer is needed, reads the same text without it:
:func:`find_place_hints` returns the names a sentence introduces with a locative cue ("in",
"near", "the villages of"), so that incidents at different places can be told apart, and
:func:`hint_key` compares two such names spelling-tolerantly.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz, process

from strife.geocode import lexicon
from strife.geocode.containers import KIND_WORDS, consensus, contained, in_town, link_containers
from strife.geocode.gazetteer import (
    KIND_ABBREVIATION,
    KIND_ALTERNATE,
    KIND_DEMONYM,
    KIND_PRIMARY,
    KIND_VARIANT,
    Gazetteer,
    NameMatch,
    Place,
)
from strife.geocode.geo import distance_km
from strife.geocode.names import ARTICLES, name_key, name_skeleton, strip_article
from strife.geocode.spans import (
    LIST_GAP,
    SENTENCE_END,
    STRONG_CUES,
    Span,
    Token,
    candidate_spans,
    cue_before,
    feature_after,
    runs_of,
    select_spans,
    title_case_lines,
    tokens_of,
)
from strife.resources import Resources


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in a text, resolved to the gazetteer when possible."""

    start: int
    end: int
    text: str  # as written, offsets into the string passed in
    name: str  # gazetteer name, e.g. "Ramadi" (the text itself when unresolved)
    country: str | None  # ACLED country name, e.g. "Iraq"
    admin1: str | None
    admin2: str | None
    latitude: float | None
    longitude: float | None
    geonameid: int | None  # None for unresolved places and synthesised admin areas
    feature: str  # "country" | "admin1" | "admin2" | "city" | "region" | "unknown"
    relation: str | None  # cue before it: "in", "near", "west of", "outskirts of", ...
    resolved: bool  # False when the name was recognised by context only


@dataclass(slots=True)
class Found:
    """A mention with what the geocode stage needs beyond the public PlaceMention."""

    start: int
    end: int
    text: str
    place: Place | None = None
    relation: str | None = None
    hint: str | None = None  # the kind of place a feature word says it is ("town" -> city)
    hint_soft: bool = False  # the hint was inherited from a neighbour in a list
    plural_hint: bool = False  # "the X, Y and Z districts": the hint applies to the whole list
    demonym: bool = False  # "Iraqi": a country's adjective, returned only when asked for
    # Areas the text puts this place in: "Kita (Kita, Kayes)", "Paris, Texas".
    within: set[tuple[str, str]] = field(default_factory=set)  # (country, admin1 code)
    within_countries: set[str] = field(default_factory=set)
    containers: list[Found] = field(default_factory=list)  # the mentions written as its areas
    explicit_container: bool = False  # "X (A, B)", "X village, A", "X in A" (not just "X, A")
    part_of_town: bool = False  # "X neighbourhood of A", "X area in A"
    sub_part: bool = False  # named as a part of its town: "Barangay X, A", "Colonia X"
    partial: bool = False  # the gazetteer knows only part of its capitalised run ("Nelson …")
    admin_named: bool = False  # some candidate is an admin area (a feature word may mean it)
    facility: bool = False  # the name goes on with a facility word ("Seaton Street")
    outside: bool = False  # its best gazetteer match lay outside its areas: an unknown place
    embedded: bool = False  # inside an organisation's name ("Baghdad Operations Command")
    score: float = 0.0
    margin: float = 0.0  # how far the best candidate is ahead of the next
    fuzzy: bool = False
    candidates: list[tuple[NameMatch, bool]] = field(default_factory=list)

    def mention(self, gazetteer: Gazetteer) -> PlaceMention:
        """Return the public view of this mention."""
        place = self.place
        if place is None:
            return PlaceMention(
                self.start,
                self.end,
                self.text,
                clean_name(self.text),
                None,
                None,
                None,
                None,
                None,
                None,
                "unknown",
                self.relation,
                False,
            )
        return PlaceMention(
            self.start,
            self.end,
            self.text,
            clean_name(place.name),
            gazetteer.country_name(place.country_code),
            place.admin1,
            place.admin2,
            place.latitude,
            place.longitude,
            place.geonameid if place.geonameid > 0 else None,
            place.feature,
            self.relation,
            True,
        )


def clean_name(name: str) -> str:
    """Return a place name in plain ASCII without edge quotes ("‘Anah" -> "Anah")."""
    return anyascii(name).strip("'`\" ").strip()


# Admin areas' populations add up their towns, so their prior is lower than their size says.
_FEATURE_PRIOR = {"country": 6.0, "admin1": 1.5, "region": 2.0, "admin2": 0.5, "city": 0.0}
_KIND_BONUS = {KIND_PRIMARY: 1.5, KIND_VARIANT: 1.3, KIND_ABBREVIATION: 1.0}


_NEVER_PHRASE = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, lexicon.NEVER_PHRASES))) + r")\b"
)


# Size caps that keep a text naming thousands of places (a list, a gazetteer dump) from
# costing time quadratic in their number; news reports stay far below both.
_MAX_ANCHORS = 200
_MAX_FOR_UNKNOWN = 1000


@dataclass(slots=True)
class _Context:
    """What the article says about where it is: countries, admin1 areas, sure places."""

    countries: dict[str, float] = field(default_factory=dict)  # code -> weight 0.3..1
    admin1: set[tuple[str, str]] = field(default_factory=set)
    anchors: list[Place] = field(default_factory=list)
    counts: dict[str, float] = field(default_factory=dict)  # the votes behind the weights
    votes: dict[int, tuple[str, float]] = field(default_factory=dict)  # mention start -> vote
    paired: set[int] = field(default_factory=set)  # starts of "town, its province" pairs
    _nearest: dict[int, float] = field(default_factory=dict)

    def nearest_km(self, place: Place) -> float:
        """Return the distance from a place to the closest other sure place of the article."""
        known = self._nearest.get(place.geonameid)
        if known is None:
            known = min(
                (
                    distance_km(place.latitude, place.longitude, a.latitude, a.longitude)
                    for a in self.anchors
                    if a.geonameid != place.geonameid
                ),
                default=math.inf,
            )
            self._nearest[place.geonameid] = known
        return known


def _score(match: NameMatch, fuzzy: bool, item: Found, context: _Context) -> float:
    place = match.place
    feature = place.feature
    score = math.log10(place.population + 10) + _FEATURE_PRIOR.get(feature, 0.0)
    score += _KIND_BONUS.get(match.kind, 0.0)
    if place.feature_code == "PPLC":
        score += 2.0  # capitals stand for their governments in the news
    if fuzzy:
        score -= 1.5
    weight = context.countries.get(place.country_code, 0.0)
    if weight:
        score += 3.5 * weight
    elif context.countries and feature != "country":
        score -= 3.0 if fuzzy else 1.5
    if (place.country_code, place.admin1_code) in context.admin1 and feature != "admin1":
        score += 2.0
    if (place.country_code, place.admin1_code) in item.within and feature != "admin1":
        score += 5.0
    elif place.country_code in item.within_countries and feature != "country":
        score += 3.0
    hint = item.hint
    if hint == feature:
        score += 3.0
    elif hint and not item.hint_soft:
        if hint == "city" and feature in ("admin1", "admin2", "country"):
            score -= 3.0
        elif hint in ("admin1", "admin2") and feature == "city":
            # "Makhmur district", where no district has that name, is named after its town,
            # when that town is where the article is (or where the text puts it).
            named = _admin_named(item) or (context.countries and weight < 0.5)
            score -= 2.0 if named else 0.0
    return score


def _admin_named(item: Found) -> bool:
    """Tell whether an admin area of a mention's name lies where the text puts the mention."""
    if not item.admin_named:
        return False
    return any(
        m.place.feature in ("admin1", "admin2")
        and (not item.within_countries or m.place.country_code in item.within_countries)
        and (not item.within or (m.place.country_code, m.place.admin1_code) in item.within)
        for m, _fuzzy in item.candidates
    )


def _proximity(place: Place, context: _Context) -> float:
    nearest = context.nearest_km(place)
    return 2.5 if nearest < 60 else 1.5 if nearest < 200 else 0.5 if nearest < 500 else 0.0


def _rank(item: Found, context: _Context) -> list[tuple[float, NameMatch, bool]]:
    ranked = [(_score(m, fuzzy, item, context), m, fuzzy) for m, fuzzy in item.candidates]
    if context.anchors and ranked:
        # Distances only matter for candidates still in the race.
        best = max(score for score, _m, _f in ranked)
        ranked = [
            (s + _proximity(m.place, context), m, f)
            if s > best - 3.0 and m.place.feature in ("city", "admin2")
            else (s, m, f)
            for s, m, f in ranked
        ]
    # A city and the admin area named after it (Baghdad, Mosul, Erbil; Washington): the
    # city is meant unless a feature word says otherwise.
    cities = {
        (m.place.country_code, m.place.admin1_code)
        for _, m, fuzzy in ranked
        if m.place.feature == "city" and not fuzzy
    }
    capitals = {m.place.country_code for _, m, f in ranked if m.place.feature_code == "PPLC"}
    if item.hint not in ("admin1", "admin2") or item.hint_soft:
        ranked = [
            (
                s - 4.0
                if m.place.feature in ("admin1", "admin2")
                and (
                    (m.place.country_code, m.place.admin1_code) in cities
                    or m.place.country_code in capitals
                )
                else s,
                m,
                f,
            )
            for s, m, f in ranked
        ]
    ranked.sort(key=lambda entry: entry[0], reverse=True)
    return ranked


def _sentence_start(text: str, start: int, ends: Collection[str] = SENTENCE_END) -> bool:
    before = text[max(0, start - 4) : start].rstrip(" ")
    return not before or before[-1] in ends


_FULL_STOPS = frozenset(".!?\n")  # a sentence's own start, not one after "(" or a quote


def _title_before(tokens: list[Token], first_index: int) -> bool:
    """Tell whether a title ("Col.", "President") stands just before a run."""
    i = first_index - 1
    if i >= 0 and tokens[i].text == ".":
        i -= 1
    return i >= 0 and tokens[i].is_cap and tokens[i].text.lower() in lexicon.TITLES


def _facility_after(span: Span, run: list[int], tokens: list[Token]) -> bool:
    """Tell whether the next capitalised word of a span's run names a facility ("Street")."""
    after = [tokens[run[i]] for i in range(span.last + 1, len(run)) if tokens[run[i]].is_cap]
    return bool(after) and after[0].text.lower() in lexicon.ORGANISATION_WORDS


def _neighbours(
    span: Span, run: list[int], tokens: list[Token], known: set[int], big: bool = False
) -> tuple[bool, bool]:
    """Return (reads as part of a person's name, inside an organisation's name) for a span.

    Args:
        big: the span's place is a big city or an admin area, which lends its name to
            facilities with longer names ("Donetsk Filtration Station").
    """
    person = span.first == 0 and _title_before(tokens, run[0])
    # Words before a connector are another name: "Gendarmerie HQ of Issaguen", "the
    # Municipality of Allende" (not a person called Issaguen or Allende).
    first = 0
    for i in range(span.first - 1, -1, -1):
        if tokens[run[i]].text.lower() == "of":
            first = i + 1
            break
    for i in range(first, span.first):
        token = tokens[run[i]]
        word = token.text.lower()
        if word in lexicon.TITLES:
            person = True
        elif (
            token.is_cap
            and token.start not in known
            and word not in lexicon.PLACE_PREFIXES
            and word not in KIND_WORDS
        ):
            person = True
    after = [tokens[run[i]] for i in range(span.last + 1, len(run)) if tokens[run[i]].is_cap]
    if after and after[-1].text.lower() in lexicon.ORGANISATION_WORDS and big:
        return person, True  # "Donetsk Filtration Station": a facility named after the city
    for token in after[:1]:
        word = token.text.lower()
        if word in lexicon.ORGANISATION_WORDS or word in lexicon.TITLES:
            return person, True  # "Baghdad Operations Command", "Van Governor's Office"
        if (
            word not in lexicon.FEATURE_WORDS
            and word not in KIND_WORDS
            and word not in lexicon.NEVER_PLACES
        ):
            person = person or token.start not in known
    return person, False


def recognize(
    text: str, gazetteer: Gazetteer, countries: Sequence[str] = (), *, demonyms: bool = False
) -> list[Found]:
    """Find and resolve the places a text names; the geocode stage's richer view of them.

    Args:
        demonyms: also return nationality adjectives ("Turkish") resolved to their country,
            as geoparsing corpora count them as toponyms.
    """
    # Extraction and geocoding both ask about the same article, one after the other.
    return list(_recognize_cached(text, gazetteer, tuple(countries), demonyms))


@lru_cache(maxsize=16)
def _recognize_cached(
    text: str, gazetteer: Gazetteer, countries: tuple[str, ...], demonyms: bool
) -> tuple[Found, ...]:
    return tuple(_recognize(text, gazetteer, countries, demonyms))


def _recognize(
    text: str, gazetteer: Gazetteer, countries: Sequence[str], demonyms: bool
) -> list[Found]:
    """Find the text's place names, then resolve them in two passes over the article.

    The first pass learns which countries the article is about from its surest names; the
    second resolves every name with that context and keeps those that read as places.
    """
    parsed = _parse(text, gazetteer)
    counts = _caller_countries(countries, gazetteer)
    items = _mentions(parsed, counts)
    items = _link_mentions(text, items, counts)
    context = _first_pass(text, items, counts)
    accepted = _second_pass(parsed, items, context)
    accepted = _drop_doubtful(text, accepted)
    accepted += _unknown_places(parsed, accepted, context, gazetteer)
    for item in accepted:
        _correct_typo(item, gazetteer)
    if demonyms:
        accepted += _demonym_mentions(parsed, gazetteer)
    accepted.sort(key=lambda f: f.start)
    return accepted


@dataclass(slots=True)
class _Parsed:
    """A text cut into tokens and capitalised runs, with the spans the gazetteer knows."""

    text: str
    tokens: list[Token]
    runs: list[list[int]]
    banned: set[int]  # runs that are a never-place phrase as a whole
    spans: list[Span]  # every candidate span
    chosen: list[Span]  # the candidate spans kept, none overlapping
    known: set[int]  # starts of demonyms and country or admin names


def _parse(text: str, gazetteer: Gazetteer) -> _Parsed:
    """Cut the text into capitalised runs and choose the spans of them the gazetteer knows."""
    tokens = tokens_of(text)
    runs = runs_of(text, tokens)
    banned = {
        r
        for r, run in enumerate(runs)
        if len(run) > 1
        and _NEVER_PHRASE.search(name_key(text[tokens[run[0]].start : tokens[run[-1]].end]))
    }
    spans = [s for s in candidate_spans(text, tokens, runs, gazetteer) if s.run not in banned]
    chosen = select_spans(spans, runs)
    # Words a neighbour may be without making a run a person's name: "Iraqi Kurdistan".
    known = {
        s.start
        for s in chosen
        if s.demonym
        or any(
            not fuzzy and m.place.feature in ("country", "admin1", "region")
            for m, fuzzy in s.candidates
        )
    }
    return _Parsed(text, tokens, runs, banned, spans, chosen, known)


def _caller_countries(countries: Sequence[str], gazetteer: Gazetteer) -> defaultdict[str, float]:
    """Start the country votes with the countries the caller knows the article is about."""
    counts: defaultdict[str, float] = defaultdict(float)
    for name in countries:
        code = gazetteer.country_code(name)
        if code:
            counts[code] += 3
    return counts


def _mentions(parsed: _Parsed, counts: defaultdict[str, float]) -> list[tuple[Found, Span]]:
    """Make a mention of each chosen span, counting the countries that demonyms and country
    names state."""
    text, runs = parsed.text, parsed.runs
    items: list[tuple[Found, Span]] = []
    for span in parsed.chosen:
        if span.demonym:  # "Canadian" is Canada's adjective before it is a Texas town
            span.candidates = []
            counts[span.demonym] += 1
        if not span.candidates:
            continue
        partial = span.first > 0 or span.last < len(runs[span.run]) - 1
        for match, fuzzy in span.candidates:
            if span.first > 0:
                break  # "Puerto Jordan": the end of a longer name is no sign of the country
            if not fuzzy and match.place.feature == "country" and match.kind < KIND_DEMONYM:
                counts[match.place.country_code] += 2
                break
        relation, hint = cue_before(text, span.start)
        after, plural = feature_after(text, span.end)
        item = Found(
            span.start,
            span.end,
            text[span.start : span.end],
            relation=relation,
            hint=after or hint,
            plural_hint=plural,
            candidates=span.candidates,
            partial=partial,
            admin_named=any(
                m.place.feature in ("admin1", "admin2") for m, _fuzzy in span.candidates
            ),
            facility=_facility_after(span, runs[span.run], parsed.tokens),
        )
        items.append((item, span))
    return items


def _link_mentions(
    text: str, items: list[tuple[Found, Span]], counts: defaultdict[str, float]
) -> list[tuple[Found, Span]]:
    """Share list cues, link each mention to the areas written with it ("Kita, Kayes"), keep
    held abbreviations, and count the countries of the chains that agree."""
    _share_list_cues(text, [item for item, _ in items])
    link_containers(text, [item for item, _ in items])
    items = _abbreviations_held(items)
    chain_countries = _apply_consensus([item for item, _ in items], _weights(counts))
    for code in chain_countries:
        if CHAIN_BOOST:
            counts[code] += CHAIN_BOOST
    return items


def _first_pass(
    text: str, items: list[tuple[Found, Span]], counts: defaultdict[str, float]
) -> _Context:
    """Rank every mention with the countries known so far; clear results vote for their
    country, and the sure towns become anchors for the second pass."""
    context = _Context(_weights(counts))
    firsts: dict[int, tuple[float, NameMatch, bool]] = {}
    for item, span in items:
        ranked = _rank(item, context)
        firsts[item.start] = ranked[0]
        score, match, fuzzy = ranked[0]
        margin = score - ranked[1][0] if len(ranked) > 1 else 5.0
        place = match.place
        if item.partial or place.feature not in ("admin1", "admin2", "city"):
            continue  # a part of a longer name says little of where the article is
        if span.key in lexicon.NEVER_PLACES or span.key in ARTICLES:
            continue  # "On 7 May": never a place, so no vote for May, India
        # The vote is for a country: what counts is how far ahead of every candidate of
        # another country the best one is ("Ar-Raqqa": the province and the city are both
        # Syria's, so Syria is sure even though the two are close).
        rival = next((s for s, m, _f in ranked if m.place.country_code != place.country_code), None)
        country_margin = score - rival if rival is not None else 5.0
        vote = min(1.0, country_margin / 3.0) * (0.5 if fuzzy else 1.0)
        if place.feature == "admin1" and not fuzzy and margin >= 2.0:
            # A province named without doubt says the country as surely as its name does.
            vote = 2.0
            context.admin1.add((place.country_code, place.admin1_code))
        counts[place.country_code] += vote
        context.votes[item.start] = (place.country_code, vote)
    context.countries = _weights(counts)
    context.counts = dict(counts)
    context.paired = _town_province_pairs(text, [item for item, _ in items], firsts)
    sure = {
        match.place.geonameid
        for _score_, match, fuzzy in firsts.values()
        if not fuzzy and context.countries.get(match.place.country_code, 0.0) >= 0.5
    }
    context.anchors = [
        match.place
        for match in {m.place.geonameid: m for _s, m, _f in firsts.values()}.values()
        if match.place.feature == "city" and match.place.geonameid in sure
    ][:_MAX_ANCHORS]  # distances to every anchor are computed for every mention
    return context


def _second_pass(
    parsed: _Parsed, items: list[tuple[Found, Span]], context: _Context
) -> list[Found]:
    """Resolve every mention with the article's context; keep those that read as places
    (not a person's name, not part of an organisation's)."""
    text, tokens, runs = parsed.text, parsed.tokens, parsed.runs
    lower_words = {t.text for t in tokens if t.is_word and t.text.islower()}
    headlines = title_case_lines(text)
    whole_runs = {
        s.run
        for s in parsed.spans
        if s.candidates and s.first == 0 and s.last == len(runs[s.run]) - 1
    }
    surnames = _surnames(
        text, tokens, [r for i, r in enumerate(runs) if i not in whole_runs], parsed.known
    )
    accepted: list[Found] = []
    for item, span in items:
        if span.first == span.last and span.key in surnames and not item.hint:
            continue  # "Walsh said" after "Marty Walsh" is the person again
        ranked = _rank(item, context)
        score, match, fuzzy = ranked[0]
        item.place, item.score, item.fuzzy = match.place, score, fuzzy
        item.margin = score - ranked[1][0] if len(ranked) > 1 else 5.0
        big = match.place.population >= 100_000 or match.place.feature != "city"
        person, item.embedded = _neighbours(span, runs[span.run], tokens, parsed.known, big)
        if person and any(a <= item.start < b for a, b in headlines):
            person = False  # every word of a headline is capitalised
        if _accept(item, span, person, text, lower_words, context):
            accepted.append(item)
    return accepted


def _drop_doubtful(text: str, accepted: list[Found]) -> list[Found]:
    """Drop mentions whose match lies outside their areas or far from their town, and the
    parts of a town (a neighbourhood of a town is that town, as ACLED codes it)."""
    for item in reversed(accepted):
        _drop_if_outside(item)
    _drop_if_far(text, accepted)
    return [
        f
        for f in accepted
        if not (in_town(f) and (f.outside or f.sub_part or _far_from_town(text, f)))
    ]


def _unknown_places(
    parsed: _Parsed, accepted: list[Found], context: _Context, gazetteer: Gazetteer
) -> list[Found]:
    """Return the places the gazetteer does not know that the text still names as places,
    and the cities it names in another spelling."""
    text = parsed.text
    # Each token is checked against every accepted mention: skip the search for unknown
    # places in a text that names more known places than any news report does.
    if len(accepted) > _MAX_FOR_UNKNOWN:
        pending: list[Found] = []
    else:
        pending = _unknown_candidates(
            text, parsed.tokens, parsed.runs, parsed.banned, accepted, parsed.known
        )
    everything = sorted(accepted + pending, key=lambda f: f.start)
    _share_list_cues(text, everything)
    link_containers(text, everything, only={id(f) for f in pending})
    _apply_consensus(pending, context.countries)
    return [
        f for f in pending if _is_unknown_place(f) or _correct_city_spelling(f, gazetteer, context)
    ]


def _demonym_mentions(parsed: _Parsed, gazetteer: Gazetteer) -> list[Found]:
    """Return the demonyms ("Turkish") as mentions of their country, for geoparsing corpora."""
    found: list[Found] = []
    for span in parsed.chosen:
        country = gazetteer.countries.get(span.demonym or "")
        if country and not span.candidates:
            found.append(
                Found(
                    span.start,
                    span.end,
                    parsed.text[span.start : span.end],
                    gazetteer.place(country.geonameid),
                    demonym=True,
                )
            )
    return found


def _surnames(text: str, tokens: list[Token], runs: list[list[int]], known: set[int]) -> set[str]:
    """Return the last names of the people a text names ("Mayor Marty Walsh" -> "walsh")."""
    names: set[str] = set()
    for run in runs:
        words = [tokens[i] for i in run if tokens[i].is_cap]
        if len(words) < 2 and not (words and _title_before(tokens, run[0])):
            continue
        if any(w.start in known for w in words):
            continue  # "Iraqi Kurdistan", "North Korea": places, not people
        lowered = [w.text.lower() for w in words]
        if any(w in lexicon.ORGANISATION_WORDS or w in lexicon.FEATURE_WORDS for w in lowered):
            continue
        if lowered[0] in lexicon.LOWER_ARTICLES or lowered[0] in lexicon.GENERIC_PLACE_WORDS:
            continue  # "Al-Qaim", "Wadi Muweil"
        if lowered[0] in lexicon.PLACE_PREFIXES:
            continue
        if all(w.text[1:].islower() for w in words) and len(words) <= 3:
            names.add(lowered[-1])
    return names


def _is_area_abbreviation(match: NameMatch) -> bool:
    return match.kind == KIND_ABBREVIATION and match.place.feature == "admin1"


def _abbreviations_held(items: list[tuple[Found, Span]]) -> list[tuple[Found, Span]]:
    """Keep a province's abbreviation only as the area holding a place of its country.

    "Amethi (UP)" is in Uttar Pradesh, but "BAGHDAD (AP) -" is a news agency and "UP" in
    running text a word: letters alone are too weak to name an area anywhere else.
    """
    held: dict[int, set[str]] = defaultdict(set)
    for item, _span in items:
        for container in item.containers:
            held[id(container)].update(m.place.country_code for m, _f in item.candidates)
    kept: list[tuple[Found, Span]] = []
    for item, span in items:
        if any(_is_area_abbreviation(m) for m, _f in item.candidates):
            item.candidates = [
                (m, f)
                for m, f in item.candidates
                if not _is_area_abbreviation(m) or m.place.country_code in held[id(item)]
            ]
            if not item.candidates:
                continue
        kept.append((item, span))
    if len(kept) < len(items):
        ids = {id(item) for item, _span in kept}
        for item, _span in kept:
            item.containers = [c for c in item.containers if id(c) in ids]
    return kept


def _weights(counts: dict[str, float]) -> dict[str, float]:
    top = max(counts.values(), default=0.0)
    if top <= 0:
        return {}  # only tied, unsure places: no country to lean on
    return {code: max(0.3, min(1.0, n / top)) for code, n in counts.items()}


def _support_elsewhere(item: Found, country: str, context: _Context) -> float:
    """Return the votes for a country from the rest of the text (not the mention's own)."""
    code, own = context.votes.get(item.start, ("", 0.0))
    return context.counts.get(country, 0.0) - (own if code == country else 0.0)


# Starts only where a run of spaces starts, so that no search is quadratic in its length.
_PAIR_GAP = re.compile(r"(?<!\s)\s*+,\s*+")


def _town_province_pairs(
    text: str, items: list[Found], firsts: dict[int, tuple[float, NameMatch, bool]]
) -> set[int]:
    """Return the starts of mentions written as "town, its province" whose best readings agree.

    "(Wanla Weyn, Lower Shabelle)": both are spelling variants of gazetteer names, and each
    makes the other likely, as the town lies in that province.
    """
    paired: set[int] = set()
    for first, second in zip(items, items[1:], strict=False):
        if not _PAIR_GAP.fullmatch(text, first.end, second.start):
            continue
        town, area = firsts[first.start][1].place, firsts[second.start][1].place
        if (
            town.feature in ("city", "admin2")
            and area.feature == "admin1"
            and (town.country_code, town.admin1_code) == (area.country_code, area.admin1_code)
        ):
            paired.update((first.start, second.start))
    return paired


def _rival_elsewhere(item: Found, context: _Context, besides: str) -> bool:
    """Tell whether the rest of the text firmly puts itself in a country other than ``besides``.

    Firmly: well supported (names, demonyms and places), and by one place at least, as
    "migrants from Afghanistan rallied in Kilkis" names a country that is not the scene.
    """
    places: dict[str, float] = defaultdict(float)
    for start, (code, vote) in context.votes.items():
        if start != item.start:
            places[code] += vote
    return any(
        code != besides and places[code] > 0.0 and _support_elsewhere(item, code, context) >= 2.0
        for code in places
    )


def _accept(
    item: Found, span: Span, person: bool, text: str, lower_words: set[str], context: _Context
) -> bool:
    place = item.place
    if place is None or span.key in lexicon.NEVER_PLACES or span.key in ARTICLES:
        return False  # an article alone: "Al shabaab" writes the second word in lower case
    if span.key in lexicon.ORGANISATION_WORDS or _CURRENCY.match(text, item.end):
        return False  # "the Airport", "the US dollar"
    if span.key in _POSITION_WORDS and _PART_AFTER.match(text, item.end):
        return False  # "the Central Zone of Sao Paulo" is Sao Paulo, not a town "Central"
    relation = item.relation or ""
    weak_cue = relation not in ("", "and", "or", "of")
    strong_cue = bool(item.hint and not item.hint_soft) or (
        bool(STRONG_CUES.search(relation)) and relation != "of"
    )
    in_context = context.countries.get(place.country_code, 0.0) >= 0.5
    if " " not in span.key and (span.key in lexicon.COMMON_WORDS or span.key in lower_words):
        if not ((weak_cue or strong_cue) and (in_context or item.hint == place.feature)):
            return False
        if _sentence_start(text, item.start) and not strong_cue:
            return False
    if person and not (place.feature in ("country", "admin1") or place.population >= 1_000_000):
        return False
    if (
        " " not in span.key
        and not (weak_cue or strong_cue)
        and place.population < 100_000  # "Kiev said ...", "Bombay was quiet" stay places
        and _sentence_start(text, item.start, _FULL_STOPS)
        and not any(
            m.place.geonameid == place.geonameid and m.kind != KIND_ALTERNATE
            for m, _fuzzy in item.candidates
        )
    ):
        return False  # "Farmers met ...": a capital letter of the sentence, an alternate name
    if item.partial and context.countries and not in_context:
        return False  # "Abu" of "Abu Saida, Diyala" is not a town in India
    if (
        place.feature == "city"
        and place.population < 50_000
        and _support_elsewhere(item, place.country_code, context) < 0.5
        and _rival_elsewhere(item, context, besides=place.country_code)
    ):
        # "the town of Kelly in Idleb province": a town the gazetteer lacks, not its
        # namesake in a country the article gives no other sign of.
        return False
    if item.fuzzy:  # a spelling variant: where the article already is, or clearly a town
        near = (place.country_code, place.admin1_code) in context.admin1
        near = near or item.start in context.paired
        near = near or context.nearest_km(place) < 300
        located = in_context and (weak_cue or strong_cue or near)
        if not located and not (strong_cue and item.margin >= 2.0 and not context.countries):
            return False
    need = 4.0 if (weak_cue or strong_cue) else 5.5
    return item.score >= need


_POSITION_WORDS = frozenset(
    "central centre center north south east west northern southern eastern western "
    "northeast northwest southeast southwest upper lower inner outer old new".split()
)
_PART_AFTER = re.compile(r"(?<!\s)\s++(?:zone|sector|part|quarter|area)s?\s++of\b", re.IGNORECASE)
CHAIN_BOOST = 0.5  # a chain's country counts like a town of that country named in passing
_CURRENCY = re.compile(
    r"\s+(?:dollars?|pounds?|euros?|liras?|rials?|riyals?|dinars?|rupees?|shillings?|francs?"
    r"|pesos?|rubles?|roubles?|hryvnias?|nairas?|cedis?|exchange rate)\b",
    re.IGNORECASE,
)


def _apply_consensus(found: list[Found], countries: dict[str, float]) -> set[str]:
    """Put each mention, and the names of its chain, where the chain agrees it is."""
    chosen: set[str] = set()
    settled: set[int] = set()
    for item in found:
        if not item.containers or id(item) in settled:
            continue
        area = consensus(item, countries)
        if area is None:
            item.containers = []
            continue
        code, admin1 = area
        within = {(code, admin1)} if admin1 else set()
        for member in (item, *item.containers):
            if member is item or not member.within_countries:
                member.within, member.within_countries = set(within), {code}
            settled.add(id(member))
        chosen.add(code)
    return chosen


# What may stand between a place and the town it is said to be near: ", near", "outside the
# town of" (compared as words, so that no pattern runs over long stretches of spaces).
_NEAR_WORDS = frozenset(
    {
        ("near",),
        ("outside",),
        ("close", "to"),
        ("near", "the", "town", "of"),
        ("near", "the", "city", "of"),
        ("outside", "the", "town", "of"),
        ("outside", "the", "city", "of"),
    }
)


def _drop_if_far(text: str, found: list[Found]) -> None:
    """Unresolve a town said to be near another but far from it ("Ugah, near Lafia").

    The namesake the gazetteer has is another place; the village is one it lacks.
    """
    for item, following in zip(found, found[1:], strict=False):
        place, near = item.place, following.place
        if place is None or near is None or place.feature != "city":
            continue
        gap = text[item.end : following.start]
        words = gap.replace(",", " ", 1).lower().split()
        while words and words[0] in KIND_WORDS:  # "Hamirpur village near Rapar town"
            words = words[1:]
        if len(gap) > 30 or tuple(words) not in _NEAR_WORDS:
            continue
        if distance_km(place.latitude, place.longitude, near.latitude, near.longitude) > 150:
            item.place, item.outside = None, True
            item.containers = item.containers or [following]


def _drop_if_outside(item: Found) -> None:
    """Unresolve a town that lies outside the areas the text puts it in ("Kamianka, Donetsk").

    The areas are better evidence than a namesake elsewhere: the village is one the gazetteer
    lacks, and the locator places it at its district or province instead.
    """
    place = item.place
    if place is None or place.feature == "country" or not item.within_countries:
        return
    code = next(iter(item.within_countries))
    if not contained(item, code):
        return
    namesakes = sum(1 for m, fuzzy in item.candidates if not fuzzy and m.place.country_code == code)
    # Only under its own name: "Kalyanpur" is an alternate name of Itanagar, not its name.
    named = any(
        m.place.geonameid == place.geonameid
        and m.kind in (KIND_PRIMARY, KIND_VARIANT)
        and not fuzzy  # "Gota area of Ahmedabad" is no spelling of Kota, Rajasthan
        for m, fuzzy in item.candidates
    )
    # A known city, or the only sizeable town of that name in the country, wins over a
    # province named wrongly or drawn differently: "Apodaca, Jalisco" is still Apodaca. Not
    # over a district and its province that agree: "Mehrabpur city (Naushahro Firoz, Sindh)"
    # is not the Mehrabpur of Balochistan.
    known = named and len(item.containers) == 1
    inside = place.country_code == code and (
        not item.within
        or (place.country_code, place.admin1_code) in item.within
        or (known and place.population >= 100_000)
        or (known and namesakes == 1 and place.population >= 20_000)
    )
    inside = inside or place.population >= 1_000_000  # "Brasilia, Distrito Federal"
    if not inside:
        item.place, item.outside = None, True


_QUARTER_GAP = re.compile(
    r"(?<!\s)\s++(?:areas?|neighbou?rhoods?|quarters?|localit(?:y|ies)|suburbs?|wards?|colony)"
    r"\s++(?:of|in)\s++(?:the\s++)?",
    re.IGNORECASE,
)


_TYPO_SCORE = 83.0  # rapidfuzz ratio: "Culianca" ~ "Culiacan" is 88, "Hama" ~ "Homs" 50
_TYPO_MIN_LENGTH = 6


def _correct_typo(item: Found, gazetteer: Gazetteer) -> None:
    """Resolve an unknown place held by a province to a town of that province spelled alike.

    Notes misspell towns ("Culianca, Sinaloa", "Motozinga, Chiapas"); among the few hundred
    towns of the one province the text names, a close spelling is that town, when no other
    town of the province is as close.
    """
    if item.place is not None or len(item.within) != 1 or in_town(item):
        return
    key = strip_article(name_key(item.text))
    if len(key) < _TYPO_MIN_LENGTH:
        return
    ((code, admin1),) = item.within
    # A district the text names holds the town too ("Rajganj (Jalpaiguri district, …)" is
    # not Raiganj of Uttar Dinajpur); a misspelling keeps its first letter ("Bohdanivka" is
    # not Zhdanivka).
    last = len(item.containers) - 1
    districts = {
        c.place.admin2
        for position, c in enumerate(item.containers)
        if c.place is not None
        and c.place.admin2
        # A town followed by its province ("Sendhwa taluka (Barwani, …)"), or a district;
        # not the last name alone ("X, Veracruz" names the state, read first as its city).
        and (
            (c.place.feature == "city" and position < last)
            or (c.hint == "admin2" and c.place.feature == "admin2")
        )
    }
    towns = [
        (k, place)
        for k, place in ((strip_article(k), p) for k, p in gazetteer.towns_in(code, admin1))
        # GeoNames' towns only: the names of Myanmar's villages (MIMU's "Thar Si Kone",
        # "Tain Bway", …) are too alike for a spelling to single one out.
        if k[:1] == key[:1] and place.geonameid > 0 and (not districts or place.admin2 in districts)
    ]
    best = process.extract(
        key, [k for k, _place in towns], scorer=fuzz.ratio, limit=2, score_cutoff=_TYPO_SCORE
    )
    if not best or (len(best) > 1 and best[1][1] >= best[0][1] - 2.0):
        return
    item.place, item.fuzzy, item.outside = towns[best[0][2]][1], True, False


def _correct_city_spelling(item: Found, gazetteer: Gazetteer, context: _Context) -> bool:
    """Resolve an unknown place the text puts an event in to a city of the article's country
    spelled one vowel apart ("In Nasariya, ..." is Nasiriyah).

    Transliterations of Arabic, Persian or Pashto names vary most in their vowels. Only the
    country's cities are compared (a village's spelling says too little), only for a name
    written with a locative cue, and only when one city alone is that close.
    """
    if item.place is not None or item.within or not item.relation or in_town(item):
        return False
    ranked = sorted(context.countries.items(), key=lambda entry: -entry[1])
    if not ranked or ranked[0][1] < 0.9 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return False  # the article's one leading country, or nothing to compare against
    leading = [ranked[0][0]]
    key = strip_article(name_key(item.text))
    if len(key) < _TYPO_MIN_LENGTH:
        return False
    skeleton = name_skeleton(key)
    known = [
        *gazetteer.match_keys([key]).get(key, []),
        *gazetteer.match_skeletons([skeleton]).get(skeleton, []),
    ]
    if any(m.place.country_code == leading[0] for m in known):
        return False  # a name the country has, left unresolved on purpose: no respelling
    towns = [
        (name_skeleton(strip_article(k)), place)
        for k, place in gazetteer.big_towns(leading[0], _CITY_POPULATION)
        if k[:1] == key[:1]
    ]
    best = process.extract(
        skeleton, [k for k, _place in towns], scorer=fuzz.ratio, limit=2, score_cutoff=_TYPO_SCORE
    )
    if not best or (len(best) > 1 and best[1][1] >= best[0][1] - 2.0):
        return False
    if _consonants(skeleton) != _consonants(best[0][0]):
        return False  # only the vowels may differ: "Nasariya" / "Nasiriya", not "Hama" / "Homs"
    item.place, item.fuzzy, item.outside = towns[best[0][2]][1], True, False
    return True


def _consonants(key: str) -> str:
    return re.sub(r"[aeiouy]+", "", key)


_CITY_POPULATION = 100_000  # the towns a transliteration is matched against


def _far_from_town(text: str, item: Found) -> bool:
    """Tell whether a part of a town resolved to a namesake far from it ("Palanpur area of
    Surat city" is a quarter of Surat, not the town of Palanpur 230 km away; "Jaghuri
    district in Ghazni" is no part of a town)."""
    place, town = item.place, item.containers[0].place
    if place is None or town is None:
        return False
    if not _QUARTER_GAP.fullmatch(text, item.end, item.containers[0].start):
        return False
    return distance_km(place.latitude, place.longitude, town.latitude, town.longitude) > 30


def _share_list_cues(text: str, found: list[Found]) -> None:
    """Share cues across lists: "the villages of X and Y", "the X, Y and Z districts"."""
    for previous, current in zip(found, found[1:], strict=False):
        if LIST_GAP.match(text[previous.end : current.start]) and previous.relation:
            if current.relation in (None, "and", "or"):
                current.relation = previous.relation
                if current.hint is None and previous.hint:
                    current.hint, current.hint_soft = previous.hint, True
    for current, previous in zip(found[::-1], found[::-1][1:], strict=False):
        if LIST_GAP.match(text[previous.end : current.start]) and current.plural_hint:
            if previous.hint is None:
                previous.hint, previous.hint_soft, previous.plural_hint = current.hint, True, True


def _unknown_candidates(
    text: str,
    tokens: list[Token],
    runs: list[list[int]],
    banned: set[int],
    accepted: list[Found],
    known: set[int],
) -> list[Found]:
    """Return the stretches of runs no accepted mention covers, as possible unknown places."""
    covered = [(f.start, f.end) for f in accepted]
    pending: list[Found] = []
    for r, run in enumerate(runs):
        if r in banned or _title_before(tokens, run[0]):
            continue
        segment: list[Token] = []
        for index in [*run, -1]:
            token = tokens[index] if index >= 0 else None
            inside = token is not None and any(a <= token.start < b for a, b in covered)
            if token is not None and not inside:
                segment.append(token)
                continue
            while segment and not segment[-1].is_cap:
                segment.pop()
            if segment and len(segment) <= 4:
                start, end = segment[0].start, segment[-1].end
                item = _unknown_item(text, start, end, segment, known)
                if item is not None:
                    pending.append(item)
            segment = []
    return pending


def _unknown_item(
    text: str, start: int, end: int, words: list[Token], known: set[int]
) -> Found | None:
    key = name_key(text[start:end])
    lowered = [w.text.lower() for w in words]
    if (
        key in lexicon.NEVER_PLACES
        or key in ARTICLES
        or key in lexicon.COMMON_WORDS
        or all(w in lexicon.COMMON_WORDS or w in lexicon.CONNECTORS for w in lowered)
        or lowered[0] in lexicon.TITLES
        or any(w in lexicon.ORGANISATION_WORDS or w in lexicon.NEVER_PLACES for w in lowered)
        or (len(words) == 1 and words[0].start in known)  # a demonym
    ):
        return None
    relation, hint = cue_before(text, start)
    after, plural = feature_after(text, end)
    return Found(start, end, text[start:end], None, relation, after or hint, False, plural)


def _looks_like_a_name(text: str) -> bool:
    """Tell whether a run no gazetteer knows reads as a place name (not "LoC", "Y-highway")."""
    words = re.findall(r"[^\W\d_]+", text)
    if not words or any(len(w) < 2 for w in words) or re.search(r"\d", text):
        return False
    if any(w[1:] != w[1:].lower() for w in words if len(w) <= 4):
        return False  # an acronym: "LoC", "GIDC"
    return not all(w.lower() in lexicon.FEATURE_WORDS or w.lower() in KIND_WORDS for w in words)


def _is_unknown_place(item: Found) -> bool:
    relation = item.relation or ""
    if in_town(item):
        return False  # "the Ndaba neighbourhood of Kolofata town" is Kolofata
    if item.containers and (relation or item.hint):
        code = next(iter(item.within_countries), "")
        holder = item.containers[0]
        same = name_skeleton(name_key(holder.text)) == name_skeleton(name_key(item.text))
        if same and holder.place is not None:
            return False  # "Mulange (Mulanje, Southern)": the town its district is named after
        if contained(item, code) and _looks_like_a_name(item.text):
            return True  # "in Rubare locality (Rutshuru, Nord-Kivu)"
    strong = bool(item.hint) or (bool(STRONG_CUES.search(relation)) and relation != "of")
    first = name_key(item.text).split()[0]
    arabic = first in lexicon.LOWER_ARTICLES or first in lexicon.GENERIC_PLACE_WORDS
    weak = relation in ("in", "at", "from", "to", "into", "toward", "towards", "on", "and", "or")
    return strong or (weak and arabic)


# ------------------------------------------------- cue-only place hints (no gazetteer)

# The cue before a name and what kind of place it suggests.
_CUE = (
    r"(?P<cue>\b(?:[Ii]n|[Nn]ear|[Aa]t|[Aa]round|[Oo]utside|[Ii]nside|from|to|towards?|into|"
    r"across|on|through(?:out)?|"
    # "struck Kupyansk", "shelled Kherson": the place an attack verb takes as its object
    r"struck|shelled|bombed|pounded|hit|attacked|stormed|raided|overran|entered|"
    r"(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?(?: of)?|"
    r"(?:the )?(?:outskirts|vicinity|countryside|suburbs?|edge|centre|center|area|region|"
    r"desert) of)"
    r"(?: the)?(?: (?:central|downtown|northern|southern|eastern|western))?"
    r"(?: (?P<kind>villages?|towns?|city|cities|districts?|neighbou?rhoods?|areas?|regions?|"
    r"provinces?|governorates?|states?|sub-?districts?|counties|county|camps?|"
    r"settlements?|localit(?:y|ies)|communit(?:y|ies)|municipalit(?:y|ies)|hills?|"
    r"valley|border town|desert town|port city|capital) of)?"
    r"\s+)"
)
_WORD = r"(?:(?:[Aa][lnrsdtz]|[Ee]l|[Aa]sh|[Aa]dh)[-’' ])?[A-Z][\w’'\-]*"
_NAME = rf"{_WORD}(?: (?:{_WORD}|al-\w+|de|du|la|of))*?(?: {_WORD})?"
_LIST = rf"(?P<names>{_NAME}(?:(?:, | and |, and ){_NAME})*)"
_PATTERN = re.compile(_CUE + _LIST)
# "the Al-Tash, Majr and Kilometre Seven districts": names before a place noun.
_BEFORE_NOUN = re.compile(
    rf"\bthe {_LIST} (?P<kind>districts?|areas?|villages?|neighbou?rhoods?|towns?|regions?|"
    rf"provinces?|governorates?)\b"
)
# "took the port city Kismayo", "shelled the town of Izium", "Mali's northern town Gao": a
# place noun is cue enough.
_KIND_NAME = re.compile(
    r"(?P<cue>\b(?:the|its|their|[A-Z][a-z]+['’]s) (?:[a-z][\w-]* )?"
    r"(?P<kind>villages?|towns?|city|cities|port city|districts?|neighbou?rhoods?|strongholds?|"
    r"settlements?|localit(?:y|ies)|municipalit(?:y|ies)|camps?)(?: of)? )" + _LIST
)
# Words after a name that show it is a noun, not an adjective ("in Kampala on Monday").
_FUNCTION_WORDS = frozenset(
    "on at to for from with by after before during since until as but while where which who "
    "that when near of".split()
)
# "Syrian borders", "Iraqi forces": a demonym is not a place.
_DEMONYM = re.compile(r"(?:an|ian|ean|ese|ish|i)$")
_BROAD_KIND = re.compile(r"provinces?|governorates?|states?|regions?|count(?:y|ies)")
_BROAD_AFTER = re.compile(
    r"^\s+(?:province|governorate|state|region|county|district|valley)\b", re.IGNORECASE
)
_CALENDAR = Resources.lexicons.words
_MONTH_SHORT = _CALENDAR.lower(_CALENDAR.month_abbreviations)
_NOT_PLACES = _CALENDAR.lower(_CALENDAR.weekdays, _CALENDAR.months) | frozenset(
    """
    the a an this that these those
    he she they it his her their its we i you islamic state army police security military
    forces government ministry operations command joint president prime minister general
    colonel major captain lieutenant brigadier mr mrs dr said according reuters afp ap
    al-qaeda al qaeda daesh isis isil is taliban kurdish shia sunni arab muslim christian
    coalition us u.s. un u.n. nato eu christ god allah sheikh imam updated breaking
    """.split()
)


@dataclass(frozen=True, slots=True)
class PlaceHint:
    """A place name a sentence gives, with offsets into that sentence."""

    start: int
    end: int
    text: str
    cue: str
    broad: bool  # a province, region or country rather than a town or village
    specific: bool  # introduced as "the village(s)/town/city of"


def _split_names(names: str) -> list[tuple[int, str]]:
    """Split "A, B and C" into (offset, name) pairs."""
    parts: list[tuple[int, str]] = []
    for m in re.finditer(rf"{_NAME}", names):
        parts.append((m.start(), m.group(0)))
    return parts


def find_place_hints(sentence: str, excluded: Sequence[tuple[int, int]] = ()) -> list[PlaceHint]:
    """Return the place names a sentence introduces with a locative cue."""
    hints: list[PlaceHint] = []
    matches = [
        *_PATTERN.finditer(sentence),
        *_BEFORE_NOUN.finditer(sentence),
        *_KIND_NAME.finditer(sentence),
    ]
    for m in matches:
        cue = m.group("cue").strip().lower() if "cue" in m.groupdict() else "the"
        kind = (m.group("kind") or "").lower()
        base = m.start("names")
        for offset, name in _split_names(m.group("names")):
            start = base + offset
            end = start + len(name)
            name = name.rstrip("’'-")
            words = name.split()
            while len(words) > 1 and words[-1].lower() in _NOT_PLACES:
                words.pop()  # "toward Kayes Tuesday": the day is no part of the name
            name = " ".join(words) if len(words) < len(name.split()) else name
            end = start + len(name)
            if name.lower() in _NOT_PLACES or name.split()[0].lower() in _NOT_PLACES:
                continue
            if name.lower() in _MONTH_SHORT and re.match(r"\.?\s*\d", sentence[end : end + 4]):
                continue  # "on Sept. 28": a date, not a place
            if any(s < end and start < e for s, e in excluded):
                continue
            if any(h.start == start for h in hints):
                continue
            following = re.match(r" ([a-z]+)", sentence[end : end + 16])
            if (
                " " not in name
                and _DEMONYM.search(name)
                and following
                and following.group(1) not in _FUNCTION_WORDS
            ):
                continue  # "Iraqi forces"; but "through Kampala on Tuesday" is a place
            broad = bool(_BROAD_KIND.fullmatch(kind)) or bool(
                _BROAD_AFTER.match(sentence[end : end + 15])
            )
            specific = bool(kind) and not broad
            hints.append(PlaceHint(start, end, name, cue, broad, specific))
    return hints


def hint_key(name: str) -> str:
    """Return a spelling-tolerant key for comparing two place names."""
    key = re.sub(r"[^a-z]", "", name.lower())
    key = re.sub(r"^(?:al|el|ar|an|as|ad|ash|az)(?=[a-z]{3})", "", key)
    key = re.sub(r"(.)\1+", r"\1", key)
    return re.sub(r"[aeiouy]+", "", key)[:8]


def find_places(
    text: str, res: Resources | Gazetteer, *, countries: Sequence[str] = ()
) -> list[PlaceMention]:
    """Return the places named in ``text``, resolved with the gazetteer where possible.

    Args:
        res: the run's Resources (or a Gazetteer itself).
        countries: countries the article is known to be about (ACLED names or ISO codes);
            they weigh in when a name is ambiguous.
    """
    gazetteer = res if isinstance(res, Gazetteer) else res.gazetteer
    return [f.mention(gazetteer) for f in recognize(text, gazetteer, countries)]
