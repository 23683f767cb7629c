"""Incident segmentation: which sentences tell the same incident.

An article usually reports one incident and adds to it sentence by sentence ("At least 22
soldiers were killed ... in the attack"), so a reporting sentence joins the incident before
it unless something says it is a different one: a marker ("another", "meanwhile", "the
first attack"), a different day, or a different place together with its own death toll or
a different kind of violence. Sentences about earlier events (background) form incidents of
their own, marked historical. Afterwards an incident whose death toll is the sum of two or
more others ("47 killed in a series of attacks" = 22 + 25) is recognised as a total and
dropped, and nearby sentences naming an incident's place are added as its support.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from strife.extraction.analysis import SentenceInfo
from strife.geocode.recognize import hint_key

# Sub-event types that make an incident of their own in a news article; the others
# (curfews, deployments, patrols, "Other") only add to an incident already told.
STANDALONE_SD = frozenset(
    {
        "Arrests",
        "Agreement",
        "Disrupted weapons use",
        "Looting/property destruction",
        "Headquarters or base established",
        "Non-violent transfer of territory",
    }
)
_MAX_GAP = 3  # sentences without news between two parts of one incident
CLAIM = re.compile(r"\bclaim(?:ed|s)? (?:responsibility|credit)\b", re.IGNORECASE)


@dataclass
class Incident:
    """The sentences that report one incident, in text order."""

    members: list[SentenceInfo] = field(default_factory=list)
    support: list[SentenceInfo] = field(default_factory=list)
    historical: bool = False
    total_of: list[int] = field(default_factory=list)  # set when it only sums other incidents
    parent: Incident | None = None  # the total this incident is a part of, if any
    order: int = 0  # position among the article's current (not historical) incidents

    @property
    def sentences(self) -> list[SentenceInfo]:
        """Members and support, in text order."""
        return sorted(self.members + self.support, key=lambda i: i.sentence.index)

    @property
    def last_index(self) -> int:
        """Index of the last member sentence."""
        return self.members[-1].sentence.index

    def places(self) -> set[str]:
        """Keys of the specific (not province/country) places its members name."""
        return {key for m in self.members for key in own_places(m)}

    def day(self) -> date | None:
        """The first day-precise date its members give."""
        for member in self.members:
            found = primary_date(member, reporting=False)
            if found is not None and found[1] == 1:
                return found[0]
        return None

    def killed(self) -> list[int]:
        """Explicit death tolls its members state."""
        return [v for m in self.members for v in m.killed_figures]

    def families(self) -> set[str]:
        """Trigger families of its members."""
        out: set[str] = set()
        for m in self.members:
            out |= m.families
        return out


# "officials said on Sunday", "told AFP Tuesday": the day of the report, not of the event.
_REPORTED_ON = re.compile(
    r"\b(?:said|says|told(?: [\w.]+){0,2}|announced|reported|stated|confirmed|added)"
    r"(?: late| early)?(?: on)?\s*$",
    re.IGNORECASE,
)


def reporting_date(info: SentenceInfo, start: int) -> bool:
    """Tell whether the date expression at `start` dates a statement ("said on Monday")."""
    return bool(_REPORTED_ON.search(info.text[max(0, start - 30) : start]))


_SPAN_OF_DAYS = re.compile(
    r"\b(?:began|started|erupted|broke out)\b[^.;]{0,80}?\b(?:continued|lasted|went on|until)\b",
    re.IGNORECASE,
)


# Words that count days from the moment of telling: "overnight" is the night that ends on
# that day, "yesterday" and "last night" the day before.
_TOLD_DAY_OFFSET = {"overnight": 0, "yesterday": -1, "last night": -1}


def _told_from_statement(info: SentenceInfo) -> dict[int, date]:
    """Rebase "overnight" / "yesterday" on the day a statement in the same sentence was made.

    "Gunmen burned a clinic overnight, the governor said on Tuesday": the night is the one
    that ended on Tuesday, whatever day the page was published. Returns start offset -> new day.
    """
    stated = [
        d
        for d in info.dates
        if d.value is not None
        and d.precision == 1
        and d.relative
        and d.text.lower() not in _TOLD_DAY_OFFSET
        and reporting_date(info, d.start)
    ]
    if len(stated) != 1:
        return {}
    told = stated[0].value
    assert told is not None
    return {
        d.start: told + timedelta(days=_TOLD_DAY_OFFSET[d.text.lower()])
        for d in info.dates
        if d.value is not None and d.text.lower() in _TOLD_DAY_OFFSET and d.value > told
    }


def primary_date(info: SentenceInfo, *, reporting: bool = True) -> tuple[date, int] | None:
    """The date a sentence gives for what it reports: (value, precision), or None.

    With `reporting` False, dates of statements ("police said on Sunday") are left out.
    """
    rebased = _told_from_statement(info)
    candidates = [
        replace(d, value=rebased[d.start]) if d.start in rebased else d
        for d in info.dates
        if d.value is not None
        and not d.background
        and "previous" not in d.text.lower()
        and (reporting or not reporting_date(info, d.start))
    ]
    if not candidates:
        return None
    anchor = info.triggers[0].start if info.triggers else 0
    if _SPAN_OF_DAYS.search(info.text):
        # "began late Saturday and continued early Sunday": ACLED codes the first day
        best = min(candidates, key=lambda d: (d.precision, d.value or date.max))
    else:
        best = min(candidates, key=lambda d: (d.precision, abs(d.start - anchor)))
    assert best.value is not None
    return best.value, best.precision


# ", while in Kisumu demonstrations turned violent": a contrast clause tells of another
# incident, so its place is not the sentence's own.
_CONTRAST = re.compile(r",\s+(?:while|whereas|but)\s+(?:(?:the\s+)?\w+\s+)?(?:in|at)\b")


# "20 kilometres from the centre of X": X is a landmark to measure from, not the scene.
_MEASURED_FROM = re.compile(
    r"\b(?:km|kms|kilomet(?:er|re)s?|miles?)\)?(?: \([^()]{0,20}\))?(?: away)? from "
    r"(?:the )?(?:(?:centre|center|outskirts|edge) of )?(?:the )?$",
    re.IGNORECASE,
)


def own_places(info: SentenceInfo) -> set[str]:
    """Keys of the specific places a sentence puts its own news in."""
    contrast = _CONTRAST.search(info.text)
    cut = contrast.start() if contrast else len(info.text)
    return {
        hint_key(p.text)
        for p in info.places
        if not p.broad
        and p.start < cut
        and not _MEASURED_FROM.search(info.text[max(0, p.start - 60) : p.start])
    }


def _starts_new(info: SentenceInfo, current: Incident) -> bool:
    """Decide whether a reporting sentence starts a new incident after `current`."""
    if info.new_incident:
        return True
    if info.anaphoric:
        return False
    if info.new_figure:
        return True
    weak = info.weak_anaphoric
    found = primary_date(info, reporting=False)  # the day an official spoke starts nothing
    day = current.day()
    if found is not None and found[1] == 1 and day is not None and found[0] != day:
        # "shortly after midnight" in a story of "Tuesday night": the next day, same attack
        if not (weak and abs((found[0] - day).days) == 1):
            return True
    places = own_places(info)
    theirs = current.places()
    conflict = bool(places) and bool(theirs) and not (places & theirs)
    families = _kinds(info.families, [info])
    other_families = _kinds(current.families(), current.members)
    intercepts = "disrupted" in families
    if families and other_families and intercepts != ("disrupted" in other_families):
        return True  # drones shot down are an event apart from the strikes that hit
    if _ANOTHER.search(info.text) and _named_places(info) - {
        key for m in current.members for key in _named_places(m)
    }:
        return True  # "another drone was downed over X": a second one, somewhere else
    if found is not None and found[1] == 1 and families and other_families:
        if not families & other_families:
            return True  # "Fighting also broke out on Saturday" after Saturday's shelling
    subs = {t.sub for t in info.triggers if not t.generic and t.family != "sd"}
    other_subs = {
        t.sub for m in current.members for t in m.triggers if not t.generic and t.family != "sd"
    }
    if conflict and subs and other_subs and not subs & other_subs and not info.anaphoric:
        return True  # an air strike on one town, shelling on another
    if conflict and _EARLIER_ACT.search(info.text):
        return True  # "... began hours after protesters torched the consulate in X"
    if weak and not (conflict and info.families - current.families() - {"sd"}):
        return False
    if not conflict:
        if places and not theirs and info.sentence.index - current.last_index > _MAX_GAP:
            return True
        return False
    own_toll = bool(info.killed_figures)
    other_toll = bool(current.killed())
    if own_toll and (other_toll or info.sentence.index - current.last_index > 1):
        return True
    if families and other_families and not families & other_families:
        return True
    return info.sentence.index - current.last_index > _MAX_GAP


# "(the unrest) began hours after protesters set fire to ...": the clause tells another act.
_EARLIER_ACT = re.compile(
    r"\b(?:began|started|erupted|broke out|came|comes)\s+(?:\w+\s+){0,2}(?:after|following)\s",
    re.IGNORECASE,
)


# "another drone", "another car bomb": a second weapon of the same kind.
_ANOTHER = re.compile(
    r"\banother (?:\w+ ){0,2}(?:drones?|missiles?|rockets?|shells?|bombs?|mines?|IEDs?|devices?)\b",
    re.IGNORECASE,
)


def _named_places(info: SentenceInfo) -> set[str]:
    """Keys of every place a sentence names, provinces and regions included."""
    return {hint_key(p.text) for p in info.places}


def _kinds(families: set[str], members: list[SentenceInfo]) -> set[str]:
    """Trigger families that tell incidents apart: the violent ones, and interceptions.

    Most strategic developments ride along with the violence they follow, but a weapon
    intercepted or defused is an event of its own (ACLED's "Disrupted weapons use").
    """
    kinds = families - {"sd"}
    if any(t.sub == "Disrupted weapons use" and not t.generic for m in members for t in m.triggers):
        kinds.add("disrupted")
    return kinds


def _reports(info: SentenceInfo, note_mode: bool) -> bool:
    """True when a sentence reports an incident (or adds casualties to one)."""
    if info.habitual or info.headline:
        return False
    if info.triggers:
        return True
    return bool(info.casualties.figures) or (note_mode and info.casualties.zero_deaths)


def _can_stand_alone(info: SentenceInfo) -> bool:
    """True when a sentence is enough to make an incident without one to join."""
    subs = {t.sub for t in info.triggers}
    if subs - {s for s in subs if _is_sd(s)}:
        return True
    return bool(subs & STANDALONE_SD) or bool(info.killed_figures)


def _is_sd(sub: str) -> bool:
    from strife.extraction.lexicon import get_lexicon

    return get_lexicon().sub_events[sub].family == "sd"


def segment(infos: list[SentenceInfo], *, note_mode: bool = False) -> list[Incident]:
    """Group sentences into incidents (current and historical), totals removed."""
    if note_mode:
        members = [i for i in infos if not i.headline]
        return [Incident(members=members)] if members else []
    incidents: list[Incident] = []
    current: Incident | None = None
    background: Incident | None = None
    for info in infos:
        if not _reports(info, note_mode):
            continue
        if info.background:
            if background is not None and not _starts_new(info, background):
                background.members.append(info)
            elif _can_stand_alone(info):
                background = Incident(members=[info], historical=True)
                incidents.append(background)
            continue
        if current is None or _starts_new(info, current):
            if not _can_stand_alone(info):
                continue
            current = Incident(members=[info])
            incidents.append(current)
        else:
            current.members.append(info)
    _drop_totals(incidents)
    _add_support(incidents, infos)
    return [i for i in incidents if not i.total_of]


def _drop_totals(incidents: list[Incident]) -> None:
    """Mark incidents whose death toll only adds up other incidents ("47" = 22 + 25)."""
    current = [i for i in incidents if not i.historical]
    for n, incident in enumerate(current):
        tolls = incident.killed()
        if not tolls:
            continue
        total = max(tolls)
        others = [
            (m, min(o.killed()))
            for m, o in enumerate(current)
            if m != n and o.killed() and not o.total_of
        ]
        if len(others) < 2:
            continue
        parts = [value for _, value in others if value < total]
        if len(parts) >= 2 and _sums_to(parts, total):
            incident.total_of = [m for m, value in others if value < total]
        # "in a series of attacks": a summary over the incidents that follow it
        elif any(m.summary for m in incident.members) and len(incident.members) == 1:
            if sum(value for _, value in others) >= total:
                incident.total_of = [m for m, _ in others]
        for m in incident.total_of:
            current[m].parent = incident


def _sums_to(parts: list[int], total: int) -> bool:
    """True when some two or more of `parts` add up to `total`."""
    reachable: dict[int, int] = {0: 0}  # sum -> number of parts used (max)
    for value in parts:
        for s, count in list(reachable.items()):
            t = s + value
            if t <= total and reachable.get(t, -1) < count + 1:
                reachable[t] = count + 1
    return reachable.get(total, 0) >= 2


def _add_support(incidents: list[Incident], infos: list[SentenceInfo]) -> None:
    """Add non-reporting sentences near an incident that name its place (for place/date)."""
    used = {m.sentence.index for i in incidents for m in i.members}
    for info in infos:
        if info.sentence.index in used or info.habitual or info.headline or info.summary:
            continue
        if CLAIM.search(info.text):
            # "Al Shabaab claimed responsibility": the claim belongs to the incident before
            before = [
                i
                for i in incidents
                if not i.historical
                and not i.total_of
                and 0 < info.sentence.index - i.last_index <= 4
            ]
            if before:
                before[-1].support.append(info)
                continue
        if info.dropped:
            continue  # plans and denials near an incident are not part of it
        places = own_places(info)
        if not places:
            continue
        found = primary_date(info)
        for incident in incidents:
            if incident.total_of or incident.historical != info.background:
                continue
            day = incident.day()
            if found is not None and day is not None and found[0] != day:
                continue
            near = any(abs(m.sentence.index - info.sentence.index) <= 2 for m in incident.members)
            if near and places & incident.places():
                incident.support.append(info)
                break


__all__ = ["Incident", "STANDALONE_SD", "primary_date", "segment"]
