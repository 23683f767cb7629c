"""Find place mentions in text: gazetteer matching over capitalised spans, plus context cues.

Every run of capitalised words (with connectors such as "of", "al-", "de") is looked up in the
gazetteer, whole and in parts, by exact key and by transliteration skeleton. Candidates are
then ranked with the article's context: the countries it names (or that the caller passes),
admin areas it names, places already resolved nearby, population and feature class. Runs that
no gazetteer knows still become (unresolved) mentions when a cue says they are places ("the
villages of X and Y", "near X town", "in al-X", "at Wadi X").
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii

from strife.geocode import lexicon
from strife.geocode.gazetteer import (
    KIND_ABBREVIATION,
    KIND_DEMONYM,
    KIND_PRIMARY,
    KIND_VARIANT,
    Gazetteer,
    NameMatch,
    Place,
)
from strife.geocode.geo import distance_km
from strife.geocode.names import name_key
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


@dataclass(slots=True)
class _Context:
    """What the article says about where it is: countries, admin1 areas, sure places."""

    countries: dict[str, float] = field(default_factory=dict)  # code -> weight 0.3..1
    admin1: set[tuple[str, str]] = field(default_factory=set)
    anchors: list[Place] = field(default_factory=list)
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
            score -= 2.0
    return score


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


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip(" ")
    return not before or before[-1] in SENTENCE_END


def _title_before(tokens: list[Token], first_index: int) -> bool:
    """Tell whether a title ("Col.", "President") stands just before a run."""
    i = first_index - 1
    if i >= 0 and tokens[i].text == ".":
        i -= 1
    return i >= 0 and tokens[i].is_cap and tokens[i].text.lower() in lexicon.TITLES


def _neighbours(
    span: Span, run: list[int], tokens: list[Token], known: set[int]
) -> tuple[bool, bool]:
    """Return (reads as part of a person's name, inside an organisation's name) for a span."""
    person = span.first == 0 and _title_before(tokens, run[0])
    for i in range(span.first):
        token = tokens[run[i]]
        word = token.text.lower()
        if word in lexicon.TITLES:
            person = True
        elif token.is_cap and token.start not in known and word not in lexicon.PLACE_PREFIXES:
            person = True
    for i in range(span.last + 1, len(run)):
        token = tokens[run[i]]
        word = token.text.lower()
        if not token.is_cap:
            continue  # a connector: look at the word after it
        if word in lexicon.ORGANISATION_WORDS:
            return person, True
        if word not in lexicon.FEATURE_WORDS and word not in lexicon.NEVER_PLACES:
            person = person or token.start not in known
        break
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
    lower_words = {t.text for t in tokens if t.is_word and t.text.islower()}

    counts: dict[str, float] = defaultdict(float)
    for name in countries:
        code = gazetteer.country_code(name)
        if code:
            counts[code] += 3
    items: list[tuple[Found, Span]] = []
    for span in chosen:
        if span.demonym:  # "Canadian" is Canada's adjective before it is a Texas town
            span.candidates = []
            counts[span.demonym] += 1
        if not span.candidates:
            continue
        for match, fuzzy in span.candidates:
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
        )
        items.append((item, span))
    _share_list_cues(text, [item for item, _ in items])
    _containers(text, [item for item, _ in items])

    # First pass: context from countries only; clear results then add to the context.
    context = _Context(_weights(counts))
    firsts: dict[int, tuple[float, NameMatch, bool]] = {}
    for item, _span in items:
        ranked = _rank(item, context)
        firsts[item.start] = ranked[0]
        score, match, fuzzy = ranked[0]
        margin = score - ranked[1][0] if len(ranked) > 1 else 5.0
        place = match.place
        if fuzzy or place.feature not in ("admin1", "admin2", "city"):
            continue
        counts[place.country_code] += min(1.0, margin / 3.0)
        if place.feature == "admin1" and margin >= 2.0:
            context.admin1.add((place.country_code, place.admin1_code))
    context.countries = _weights(counts)
    sure = {
        match.place.geonameid
        for _score_, match, fuzzy in firsts.values()
        if not fuzzy and context.countries.get(match.place.country_code, 0.0) >= 0.5
    }
    context.anchors = [
        match.place
        for match in {m.place.geonameid: m for _s, m, _f in firsts.values()}.values()
        if match.place.feature == "city" and match.place.geonameid in sure
    ]
    headlines = title_case_lines(text)
    whole_runs = {
        s.run for s in spans if s.candidates and s.first == 0 and s.last == len(runs[s.run]) - 1
    }
    surnames = _surnames(
        text, tokens, [r for i, r in enumerate(runs) if i not in whole_runs], known
    )
    accepted: list[Found] = []
    for item, span in items:
        if span.first == span.last and span.key in surnames and not item.hint:
            continue  # "Walsh said" after "Marty Walsh" is the person again
        ranked = _rank(item, context)
        score, match, fuzzy = ranked[0]
        item.place, item.score, item.fuzzy = match.place, score, fuzzy
        item.margin = score - ranked[1][0] if len(ranked) > 1 else 5.0
        person, item.embedded = _neighbours(span, runs[span.run], tokens, known)
        if person and any(a <= item.start < b for a, b in headlines):
            person = False  # every word of a headline is capitalised
        if _accept(item, span, person, text, lower_words, context):
            accepted.append(item)

    pending = _unknown_candidates(text, tokens, runs, banned, accepted, known)
    everything = sorted(accepted + pending, key=lambda f: f.start)
    _share_list_cues(text, everything)
    accepted += [f for f in pending if _is_unknown_place(f)]
    if demonyms:
        for span in chosen:
            country = gazetteer.countries.get(span.demonym or "")
            if country and not span.candidates:
                accepted.append(
                    Found(
                        span.start,
                        span.end,
                        text[span.start : span.end],
                        gazetteer.place(country.geonameid),
                        demonym=True,
                    )
                )
    accepted.sort(key=lambda f: f.start)
    return accepted


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


def _weights(counts: dict[str, float]) -> dict[str, float]:
    if not counts:
        return {}
    top = max(counts.values())
    return {code: max(0.3, min(1.0, n / top)) for code, n in counts.items()}


def _accept(
    item: Found, span: Span, person: bool, text: str, lower_words: set[str], context: _Context
) -> bool:
    place = item.place
    if place is None or span.key in lexicon.NEVER_PLACES:
        return False
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
    if item.fuzzy:  # a spelling variant: where the article already is, or clearly a town
        near = (place.country_code, place.admin1_code) in context.admin1
        near = near or context.nearest_km(place) < 300
        located = in_context and (weak_cue or strong_cue or near)
        if not located and not (strong_cue and item.margin >= 2.0 and not context.countries):
            return False
    need = 4.0 if (weak_cue or strong_cue) else 5.5
    return item.score >= need


_CONTAINER_GAP = re.compile(r"\s*(?:,|\(|\[)\s*")


def _containers(text: str, found: list[Found]) -> None:
    """Note the admin areas written after a place: "Aiyetoro (Egbado North, Ogun)"."""
    for index, item in enumerate(found):
        end = item.end
        for following in found[index + 1 : index + 3]:
            if not _CONTAINER_GAP.fullmatch(text[end : following.start]):
                break
            for match, fuzzy in following.candidates:
                place = match.place
                if fuzzy:
                    continue
                if place.feature in ("admin1", "admin2"):
                    item.within.add((place.country_code, place.admin1_code))
                elif place.feature == "country":
                    item.within_countries.add(place.country_code)
            end = following.end


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


def _is_unknown_place(item: Found) -> bool:
    relation = item.relation or ""
    strong = bool(item.hint) or (bool(STRONG_CUES.search(relation)) and relation != "of")
    first = name_key(item.text).split()[0]
    arabic = first in lexicon.LOWER_ARTICLES or first in lexicon.GENERIC_PLACE_WORDS
    weak = relation in ("in", "at", "from", "to", "into", "toward", "towards", "on", "and", "or")
    return strong or (weak and arabic)


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
