"""Shared state of the extraction of one article: context, cited fields, actor kinds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from strife.extraction.actors import ActorMention, canonical_actor, unidentified
from strife.extraction.analysis import SentenceInfo, Trigger
from strife.extraction.incidents import Incident
from strife.extraction.lexicon import get_lexicon
from strife.model import INTER_REBELS

ABSURD_FIGURE = 100_000
UNIDENTIFIED_WORDS = re.compile(
    r"unidentified|unknown|gunm[ae]n|armed m[ae]n|assailants?|attackers?|perpetrators?|"
    r"armed individuals|suspected|bandits?",
    re.IGNORECASE,
)
ASSOCIATE = re.compile(
    r"\b(?:backed|supported|assisted|aided|accompanied|joined) by\b|\balongside\b|"
    r"\bwith the (?:support|help|backing) of\b",
    re.IGNORECASE,
)
MOB = re.compile(
    r"\bmobs?\b|lynch|vigilante|angry (?:crowd|residents|villagers|locals)|"
    r"\b(?:villagers|residents|locals|community members|a crowd|crowds)\b",
    re.IGNORECASE,
)
PEOPLE = re.compile(r"^(?:people|persons|individuals|others|)$", re.IGNORECASE)


@dataclass
class ArticleContext:
    """What the whole article says that every incident may need."""

    article_id: str
    text: str
    published: date | None
    country: str | None
    dominant_nonstate: str | None  # most mentioned named armed group ("the militants" = it)
    note_mode: bool
    lead_date: tuple[date, int] | None
    dateline: str | None
    title: SentenceInfo | None = None  # the headline, analysed (context only, never cited)
    sentences: list[SentenceInfo] = field(default_factory=list)  # every sentence, in order
    problems: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Side:
    name: str | None
    inter: int | None


@dataclass
class Cited:
    """Field name -> sentence indexes that support it."""

    fields: dict[int, set[str]] = field(default_factory=dict)

    def add(self, info: SentenceInfo, *names: str) -> None:
        self.fields.setdefault(info.sentence.index, set()).update(names)


def resolve_actor(mention: ActorMention, context: ArticleContext) -> tuple[str, int]:
    """Return the (name, inter) a mention stands for, resolving generic armed groups."""
    if mention.generic and mention.kind in {"rebel", "political_militia", "identity_militia"}:
        if UNIDENTIFIED_WORDS.search(mention.text) or context.dominant_nonstate is None:
            unknown = unidentified(context.country)
            return unknown.name, unknown.inter
        return context.dominant_nonstate, inter_of(context, context.dominant_nonstate, INTER_REBELS)
    return mention.name, mention.inter


def inter_of(context: ArticleContext, name: str, default: int) -> int:
    """Return the ACLED inter code of a canonical actor name (or `default`)."""
    found = canonical_actor(name, context.country)
    return found.inter if found is not None else default


def actor_mentions(
    incident: Incident, context: ArticleContext
) -> list[tuple[SentenceInfo, ActorMention, str, int]]:
    """Return (sentence, mention, resolved name, inter) for every actor an incident names."""
    out = []
    for info in incident.members:
        for mention in info.actors:
            name, inter = resolve_actor(mention, context)
            out.append((info, mention, name, inter))
    return out


def kind_of(inter: int | None) -> str:
    """Return the side an inter code stands for: state, nonstate, civilians, ..."""
    return {1: "state", 5: "rioters", 6: "protesters", 7: "civilians", 8: "external"}.get(
        inter or 0, "nonstate"
    )


def incident_triggers(incident: Incident) -> list[tuple[SentenceInfo, Trigger]]:
    """Return every (sentence, trigger) pair of an incident's member sentences."""
    return [(m, t) for m in incident.members for t in m.triggers]


def incident_text(incident: Incident) -> str:
    """Return the text of an incident's member sentences, joined."""
    return " ".join(m.text for m in incident.members)


def has_marker(name: str, text: str) -> bool:
    """True when one of the lexicon's markers of that name occurs in the text."""
    pattern = get_lexicon().markers.get(name)
    return bool(pattern and pattern.search(text))


__all__ = [
    "ABSURD_FIGURE",
    "ASSOCIATE",
    "MOB",
    "PEOPLE",
    "ArticleContext",
    "Cited",
    "Side",
    "actor_mentions",
    "has_marker",
    "incident_text",
    "incident_triggers",
    "inter_of",
    "kind_of",
    "resolve_actor",
]
