"""Extraction stage: find the incidents an article reports, as ACLED-style events.

Rules and lexicons only, no statistical model: sentences are split and analysed
(:mod:`strife.extraction.analysis`), grouped into incidents
(:mod:`strife.extraction.incidents`) and each incident becomes an Event with evidence
(:mod:`strife.extraction.build`). The vocabulary lives in `strife/data/event_types.yaml`;
actors come from :mod:`strife.extraction.actors`, dates from :mod:`strife.dates`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from strife.clean.text import reads_as_paragraph
from strife.dates import DateMention, find_dates
from strife.extraction.actors import ActorMention, detect_countries, find_actors
from strife.extraction.analysis import SentenceInfo, analyse_sentence
from strife.extraction.build import ArticleContext, build_event
from strife.extraction.incidents import primary_date, segment
from strife.extraction.lexicon import get_lexicon
from strife.extraction.notes import write_notes
from strife.extraction.text import Sentence, split_sentences
from strife.model import Article, Event
from strife.resources import Resources

EXTRACT_VERSION = "extract.rules.v1"
NOTE_MAX_CHARS = 1500  # an ACLED coder's note is a paragraph, never an article
_NOTE_START = re.compile(
    r"^(?:[A-Z][\w /-]{0,40}:\s*)?(?:On|Around|As reported on|As of|Between|During|From|"
    r"Overnight on|On the night of|In the night of|Since|Beginning|Starting|Until|"
    r"Sometime)\b",
)
_SENTENCE_END = re.compile(r"[.!?\"”’)]\s*$")
_NEARBY = re.compile(
    r"\b(?:not far away|not far from there|nearby|near there|in the same (?:area|village|town|"
    r"district)|close by)\b",
    re.IGNORECASE,
)
_WEAPON_OWNER = re.compile(
    r"\b(?P<owner>[A-Z][a-z]+)\s+(?:[a-z]+\s+)?(?:war ?planes?|(?:fighter )?jets?|drones?|"
    r"rockets?|missiles?|shells?|artillery|aircraft|helicopters?|air ?-?strikes?|strikes?|"
    r"bombers?|mortars?|"
    r"gunships?|tanks?)\b"
)
_NONSTATE_KINDS = frozenset({"rebel", "political_militia", "identity_militia"})


def _within(sentence: Sentence, start: int, end: int) -> bool:
    return sentence.start <= start and end <= sentence.end


def _sentence_actors(sentence: Sentence, actors: Sequence[ActorMention]) -> list[ActorMention]:
    """The mentions inside a sentence, moved to sentence offsets."""
    return [
        ActorMention(
            a.start - sentence.start,
            a.end - sentence.start,
            a.text,
            a.name,
            a.inter,
            a.kind,
            a.country,
            a.generic,
        )
        for a in actors
        if _within(sentence, a.start, a.end)
    ]


def _sentence_dates(sentence: Sentence, dates: Sequence[DateMention]) -> list[DateMention]:
    """The date mentions inside a sentence, moved to sentence offsets."""
    return [
        DateMention(
            d.start - sentence.start,
            d.end - sentence.start,
            d.text,
            d.value,
            d.precision,
            d.earliest,
            d.latest,
            d.relative,
            d.background,
        )
        for d in dates
        if _within(sentence, d.start, d.end)
    ]


def is_note(text: str, title: str = "") -> bool:
    """True when a text reads like an ACLED coder's note ("On 8 June 2022, in X, ...")."""
    stripped = text.strip()
    return (
        len(stripped) <= NOTE_MAX_CHARS
        and bool(_NOTE_START.match(stripped))
        and (not title or stripped.startswith(title.strip()[:40]))
    )


def _headline(sentence: Sentence, sentences: list[Sentence], title: str) -> bool:
    """True for a headline left at the top of the text (short, no final full stop)."""
    if sentence.index > 1 or sentence.paragraph > 0:
        return False
    if title and sentence.text.strip() == title.strip():
        return not reads_as_paragraph(title)  # a lede kept as the page's first line
    same_paragraph = [s for s in sentences if s.paragraph == sentence.paragraph]
    words = len(sentence.text.split())
    return (
        len(same_paragraph) == 1
        and len(sentences) > 1
        and words <= 20
        and not _SENTENCE_END.search(sentence.text)
    )


def _with_weapon_owners(
    actors: list[ActorMention], text: str, country: str | None
) -> list[ActorMention]:
    """Add the state forces a weapon is credited to ("Russian rockets", "Israeli drones")."""
    added: list[ActorMention] = []
    for m in _WEAPON_OWNER.finditer(text):
        start, end = m.span("owner")
        if any(a.start < end and start < a.end for a in actors):
            continue
        found = [
            a
            for a in find_actors(f"{m.group('owner')} forces", country)
            if a.kind in {"state", "external"}
        ]
        if found:
            a = found[0]
            added.append(
                ActorMention(
                    start, end, m.group("owner"), a.name, a.inter, a.kind, a.country, False
                )
            )
    return sorted([*actors, *added], key=lambda a: a.start)


def _dominant_nonstate(
    actors: Sequence[ActorMention], title_actors: Sequence[ActorMention]
) -> str | None:
    counts: Counter[str] = Counter()
    for mention in [*actors, *title_actors]:
        if not mention.generic and mention.kind in _NONSTATE_KINDS:
            counts[mention.name] += 1
    return counts.most_common(1)[0][0] if counts else None


def _lead_date(infos: list[SentenceInfo]) -> tuple[date, int] | None:
    """The date of the first news the article's lead reports ("ISIS forces today ...")."""
    for info in infos:
        if info.sentence.paragraph > 1:
            break
        if info.headline or info.background or not info.triggers:
            continue
        found = primary_date(info)
        if found is not None and found[1] <= 2:
            return found
    return None


_WORDS = Resources.lexicons.words
_WEEKDAY = re.compile(
    r"\b(?:" + "|".join(_WORDS.weekdays + _WORDS.weekday_abbreviations) + r")\b", re.IGNORECASE
)
_MONTH_DAY = re.compile(
    r"\b(?:" + "|".join(_WORDS.months + _WORDS.month_abbreviations) + r")\b\.?\s+\d",
    re.IGNORECASE,
)
_LEAD_SENTENCES = 3


def _calendar_days_are_background(infos: list[SentenceInfo]) -> None:
    """On a page with no date, mark as background what a month and day dates while the lead
    tells its news by weekday.

    Wire style names the weekday for the past week and the month and day for anything older
    ("the convoy hit a mine Tuesday ... two other soldiers were killed on Nov. 2"): with no
    publication date to count from, the change of style is what says the second is older.
    """
    lead = any(_WEEKDAY.search(d.text) for info in infos[:_LEAD_SENTENCES] for d in info.dates)
    if not lead:
        return
    for info in infos[_LEAD_SENTENCES:]:
        if info.dates and all(
            d.value is None and _MONTH_DAY.search(d.text) and not _WEEKDAY.search(d.text)
            for d in info.dates
        ):
            info.background = True


def extract_events(article: Article, res: Resources) -> Article:
    """Attach the events the cleaned text reports (with evidence and notes)."""
    text = article.text or ""
    if not text.strip():
        return article.touched_by(EXTRACT_VERSION)
    sentences = split_sentences(text)
    countries = detect_countries(f"{article.title}\n{text}") if text else []
    note_mode = is_note(text)
    country = countries[0] if countries else None
    actors = _with_weapon_owners(list(find_actors(text, country)), text, country)
    title_actors = list(find_actors(article.title, country)) if article.title else []
    dates = find_dates(text, article.published)
    lexicon = get_lexicon()
    air_pattern = lexicon.markers.get("air_context")
    air_article = bool(air_pattern and air_pattern.search(f"{article.title}\n{text}"))
    infos: list[SentenceInfo] = []
    for sentence in sentences:
        info = analyse_sentence(
            sentence,
            _sentence_dates(sentence, dates),
            _sentence_actors(sentence, actors),
            air_article=air_article,
            note_mode=note_mode,
        )
        info.headline = not note_mode and _headline(sentence, sentences, article.title)
        infos.append(info)
    if article.published is None and not note_mode:
        _calendar_days_are_background(infos)
    title_info = None
    if article.title and not note_mode:
        title_sentence = Sentence(-1, 0, len(article.title), article.title, -1)
        title_info = analyse_sentence(title_sentence, [], title_actors, air_article=air_article)
    context = ArticleContext(
        article_id=article.id,
        text=text,
        published=article.published,
        country=country,
        dominant_nonstate=_dominant_nonstate(actors, title_actors),
        note_mode=note_mode,
        lead_date=_lead_date(infos),
        dateline=article.dateline,
        title=title_info,
        sentences=infos,
    )
    incidents = segment(infos, note_mode=note_mode)
    incidents.sort(key=lambda i: i.members[0].sentence.index)
    for order, incident in enumerate(i for i in incidents if not i.historical):
        incident.order = order
    events: list[Event] = []
    for number, incident in enumerate(incidents):
        event = build_event(incident, number, context)
        if (
            event.location is None
            and events
            and any(_NEARBY.search(m.text) for m in incident.members)
        ):
            # "a pair of suicide attacks ... not far away": the place of the incident before
            previous = next((e for e in reversed(events) if not e.historical), None)
            if previous is not None and previous.location:
                event = replace(event, location=previous.location)
        events.append(replace(event, notes=write_notes(event)))
    for code, message in context.problems:
        article = article.with_problem("extract", code, message)
    return replace(article, events=tuple(events)).touched_by(EXTRACT_VERSION)


__all__ = ["EXTRACT_VERSION", "extract_events", "is_note", "write_notes"]
