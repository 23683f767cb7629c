"""Turn one incident (a group of sentences) into an ACLED-style Event with evidence.

The sub-event type comes from :mod:`strife.extraction.classify`, the actors from
:mod:`strife.extraction.sides` and the casualties from :mod:`strife.extraction.tally`; this
module adds the date and its precision, the place hint for geocoding, and the evidence
(sentence and offsets) behind every field.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from strife.extraction.actors import interaction_code
from strife.extraction.analysis import SentenceInfo
from strife.extraction.classify import decide_type
from strife.extraction.context import ArticleContext, Cited, Side, actor_mentions, incident_text
from strife.extraction.incidents import Incident, own_places, primary_date, reporting_date
from strife.extraction.lexicon import disorder_type_of, event_type_of
from strife.extraction.sides import decide_actors
from strife.extraction.tally import tally
from strife.geocode.recognize import hint_key
from strife.model import EVENT_WEEKDAY, INTER_CIVILIANS, Event, Evidence
from strife.resources import Resources


def decide_date(
    incident: Incident, context: ArticleContext, cited: Cited
) -> tuple[date | None, int | None]:
    """Return the incident's date and ACLED time precision."""
    ordered = incident.members + incident.support
    best: tuple[SentenceInfo, tuple[date, int]] | None = None
    # The day the incident happened, from any of its sentences, before the day an official
    # spoke of it ("On Saturday, gunmen attacked ..." over "..., officials said Sunday").
    # A sentence told between two of its sentences is part of its story even without a
    # word of violence ("A helicopter circled the market on Monday evening").
    told = [] if not ordered else _told_within(incident, context)
    for reporting in (False, True):
        for info in ordered + ([] if reporting else told):
            found = primary_date(info, reporting=reporting)
            if found is None:
                continue
            if found[1] != 1 and any(info is t for t in told):
                continue  # an aside's span ("in the last two years") dates nothing
            if best is None or found[1] < best[1][1]:
                best = (info, found)
            if found[1] == 1:
                break
        if best is not None:
            break
    if best is not None and best[1][1] == 1 and primary_date(best[0], reporting=False) is None:
        # Dated only by a statement ("the army said Friday it had seized a truck of arms"):
        # the story's next sentences may tell the day it happened ("stopped on Thursday").
        for info in _told_after(incident, context):
            found = primary_date(info, reporting=False)
            if found is not None and found[1] == 1 and found[0] < best[1][0]:
                best = (info, found)
                break
    if best is not None:
        info, (value, precision) = best
        if context.published is not None and value > context.published:
            value = context.published
        cited.add(info, "event_date", "time_precision")
        return value, precision
    if incident.historical:
        return None, None
    if context.lead_date is not None:
        cited.add(incident.members[0], "event_date", "time_precision")
        return context.lead_date
    if context.published is not None:
        cited.add(incident.members[0], "event_date", "time_precision")
        early = incident.members[0].sentence.paragraph <= 1
        return context.published, 1 if early or context.note_mode else 2
    # No date to resolve against: keep the weekday the story names ("on Friday"), so that
    # merging can tell which dated report of the place it fits.
    members = {info.sentence.index for info in ordered}
    beside = [
        info
        for info in context.sentences
        if info.sentence.index not in members
        and ({info.sentence.index - 1, info.sentence.index + 1} & members)
        and not (info.triggers or info.background or info.habitual)
    ]
    for info in ordered + beside:
        if any(
            d.value is None and d.precision == 1 and _WEEKDAY_WORD.search(d.text)
            for d in info.dates
            if not reporting_date(info, d.start)
        ):
            cited.add(info, EVENT_WEEKDAY)
            break
    return None, None


_WEEKDAY_WORD = re.compile("|".join(Resources.lexicons.words.weekdays), re.IGNORECASE)


def _told_within(incident: Incident, context: ArticleContext) -> list[SentenceInfo]:
    """Return the sentences right between two of an incident's members (at most two
    sentences apart) that tell nothing of their own: no trigger, background or headline."""
    if context.published is None:
        return []  # no way to tell an aside's old date ("on January 6, 2021") from news
    indexes = sorted(info.sentence.index for info in incident.members + incident.support)
    inside = {
        k
        for before, after in zip(indexes, indexes[1:], strict=False)
        if after - before <= 3
        for k in range(before + 1, after)
    }
    return [
        info
        for info in context.sentences
        if info.sentence.index in inside
        and not (info.triggers or info.background or info.headline or info.habitual)
    ]


_TOLD_AFTER = 2  # sentences after an incident's last one that may still tell its day


def _told_after(incident: Incident, context: ArticleContext) -> list[SentenceInfo]:
    """Return the sentences right after an incident's last one, up to the next sentence
    that tells something of its own (a trigger, background or a headline)."""
    if context.published is None:
        return []
    out: list[SentenceInfo] = []
    last = incident.last_index
    for info in context.sentences:
        if not last < info.sentence.index <= last + _TOLD_AFTER:
            continue
        if info.triggers or info.background or info.headline or info.habitual:
            break
        out.append(info)
    return out


def decide_location(incident: Incident, context: ArticleContext, cited: Cited) -> str | None:
    """Return the most specific place the incident's sentences name (as written)."""
    best: tuple[int, str] | None = None
    for rank_base, info in enumerate(incident.members + incident.support):
        named = False
        own = own_places(info)
        for place in info.places:
            named = True
            category = 0 if place.specific else 1 if not place.broad else 3
            if not place.broad and hint_key(place.text) not in own:
                category = 4  # a contrast clause's place, or a landmark measured from
            rank = category * 100 + rank_base
            if best is None or rank < best[0]:
                best = (rank, place.text)
        if named:
            cited.add(info, "location")
    title = context.title
    if best is None and title is not None and not incident.historical and incident.order == 0:
        # "Militants take port town of X" over a story that only says "the town": the
        # headline names the place of the article's first incident.
        places = sorted(title.places, key=lambda p: (not p.specific, p.broad, p.start))
        if places:
            return places[0].text
    if best is None:
        cited.add(incident.members[0], "location")
        if context.dateline and incident.members[0].sentence.paragraph <= 1:
            return context.dateline.split(",")[0].strip() or None
        return None
    return best[1]


# --------------------------------------------------------------------------- event


_MILITARY_WORDS = re.compile(
    r"\b(?:soldiers?|troops?|army|military|armed forces|gendarmes?|gendarmerie|paratroopers"
    r"|marines|national guard|counter-?terrorism)\b",
    re.IGNORECASE,
)


def _policing(side: Side, text: str, country: str | None) -> Side:
    """Return Police Forces for "security forces" policing a crowd, as ACLED codes them.

    At a protest or riot, unspecified "security forces" are the police unless the text
    names the army ("troops", "soldiers").
    """
    if country and side.name == f"Military Forces of {country}":
        if not _MILITARY_WORDS.search(text):
            return replace(side, name=f"Police Forces of {country}")
    return side


def build_event(incident: Incident, number: int, context: ArticleContext) -> Event:
    """Turn an incident into an Event (notes are added by the caller)."""
    cited = Cited()
    mentions = actor_mentions(incident, context)
    names = {name: inter for _, _, name, inter in mentions}
    sub = decide_type(incident, context, names)
    for info in incident.members:
        if info.triggers:
            cited.add(info, "event_type", "sub_event_type", "disorder_type")
    if not any("event_type" in f for f in cited.fields.values()):
        cited.add(incident.members[0], "event_type", "sub_event_type", "disorder_type")
    first, second, assoc1, assoc2 = decide_actors(incident, sub, context, cited)
    if event_type_of(sub) in ("Protests", "Riots"):
        text = incident_text(incident)
        first, second = (_policing(side, text, context.country) for side in (first, second))
    counts = tally(incident, first, second, sub, context, cited)
    if counts.fatalities is not None and not any("fatalities" in f for f in cited.fields.values()):
        cited.add(incident.members[0], "fatalities")
    event_date, precision = decide_date(incident, context, cited)
    location = decide_location(incident, context, cited)
    civilian = None
    if event_type_of(sub) == "Violence against civilians" or second.inter == INTER_CIVILIANS:
        civilian = "Civilian targeting"
        cited.add(incident.members[0], "civilian_targeting")
    if incident.historical:
        for info in incident.members:
            cited.add(info, "historical")
    evidence = _evidence(incident, context, cited)
    interaction = interaction_code(first.inter, second.inter)
    return Event(
        event_id=f"{context.article_id}:{number}",
        article_id=context.article_id,
        event_date=event_date,
        time_precision=precision,
        disorder_type=disorder_type_of(sub),
        event_type=event_type_of(sub),
        sub_event_type=sub,
        actor1=first.name,
        assoc_actor_1=assoc1,
        inter1=first.inter,
        actor2=second.name,
        assoc_actor_2=assoc2,
        inter2=second.inter if second.name else None,
        interaction=interaction,
        civilian_targeting=civilian,
        location=location,
        fatalities=counts.fatalities,
        injured=counts.injured,
        deaths_a=counts.deaths.get("a"),
        deaths_b=counts.deaths.get("b"),
        deaths_civilians=counts.deaths.get("civilians"),
        deaths_unknown=counts.deaths.get("unknown"),
        fatalities_low=counts.low,
        fatalities_best=counts.best,
        fatalities_high=counts.high,
        historical=incident.historical,
        evidence=evidence,
    )


def _evidence(incident: Incident, context: ArticleContext, cited: Cited) -> tuple[Evidence, ...]:
    out: list[Evidence] = []
    # A date may come from a sentence beside the incident's own (see decide_date).
    by_index = {info.sentence.index: info for info in context.sentences}
    by_index.update((info.sentence.index, info) for info in incident.sentences)
    for index in sorted(cited.fields):
        info = by_index.get(index)
        if info is None:
            continue
        s = info.sentence
        out.append(
            Evidence(context.article_id, s.text, s.start, s.end, tuple(sorted(cited.fields[index])))
        )
    return tuple(out)


__all__ = ["ArticleContext", "build_event"]
