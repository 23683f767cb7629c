"""Sentence analysis: what each sentence of an article says about incidents.

For every sentence this finds the event triggers (with who did what to whom where the
grammar shows it), the casualty figures, the date expressions, the actors and the place
names, and flags that change what a trigger means: a plan or a negation ("vowed to
retake"), a habit ("near-daily attacks"), a reference back to an incident already told
("in the attack"), the start of a new one ("another", "meanwhile"), a total over several
("in a series of attacks"), or background ("in May 2015").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from strife.dates import DateMention
from strife.extraction.actors import ActorMention
from strife.extraction.casualties import ActorSpan, CasualtyReading, find_casualties
from strife.extraction.lexicon import Lexicon, get_lexicon
from strife.extraction.text import Sentence
from strife.geocode.recognize import PlaceHint, find_place_hints

WEAK_PRIORITY = 10  # "blasts", "explosions": outranked by any specific weapon
# Trigger sub-event types whose meaning depends on who the target is (see `generic`).
GENERIC_TRIGGERS = frozenset({"Attack"})
# Verbs/nouns saying the subject started the fighting, and those saying the object did.
# Words for starting violence (weight 3 for their subject) and for its outcome or a
# response to it ("killed", "retook": weight 1), when deciding who actor1 is.
_INITIATING = re.compile(
    r"attack|assault|ambush|raid|storm|infiltrat|seiz|captur|over-?ran|overrun|took|taken|"
    r"occup|strike|struck|bomb|shell|fire|fired|launch|abduct|kidnap|rap|loot|burn|torch|"
    r"advanc|target|hit|pound|stormed|suicide|air|drone|mortar|rocket|missile|artillery|IED|"
    r"grenade|land|roadside|car bomb|re-?establish",
    re.IGNORECASE,
)
_RESPONSIVE = re.compile(
    r"defeat|repel|repuls|thwart|foil|overpower|repell|returned fire|came under", re.IGNORECASE
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be|get|got)\s+(?:\w+ly\s+)?$")
_CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:but|while|although|though|whereas)\b|\bbut\b")
_QUOTE_OPEN = re.compile(r"^[\"“‘']")
_STRIKE = re.compile(r"(?<![\w-])strikes?(?![\w-])", re.IGNORECASE)
_LABOUR = re.compile(
    r"\b(?:(?:hunger|general|labou?r|workers.?|teachers.?|doctors.?|nationwide|national) strikes?|"
    r"on strike|strike action|strike over|strike to demand|staged a strike)\b",
    re.IGNORECASE,
)
_MONTH_MAY = re.compile(r"^May$")
# A bare weapon noun ("came back with armored vehicles and artillery") is not an attack;
# it becomes one next to a firing verb or an attack noun.
_WEAPON_NOUN = re.compile(
    r"^(?:artillery|mortars?|rockets?|missiles?|katyushas?|grenade launchers?|RPGs?|"
    r"projectiles?|howitzers?|cannons?|Grad|MLRS)$",
    re.IGNORECASE,
)
_FIRING = re.compile(
    r"\b(?:fir(?:ed|ing|es?)|launch(?:ed|es|ing)?|shell(?:ed|ing|s)?|pound(?:ed|ing)|hit|hits|"
    r"struck|target(?:ed|ing|s)?|attacks?|attacked|strikes?|landed|fell|bombard\w*|rained|"
    r"explod\w*|impact\w*|barrage|salvos?|rounds|observed|killed|killing|injur\w*|wound\w*)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word or phrase saying an incident of some sub-event type happened."""

    sub: str  # ACLED sub-event type (for generic triggers: "Attack")
    family: str
    priority: int
    start: int  # offsets into the sentence
    end: int
    text: str
    generic: bool  # meaning depends on the target (attacked troops vs attacked a village)
    passive: bool
    initiating: bool  # the agent started it ("attacked"); False for "repelled", "clashed"
    responsive: bool  # the patient started it ("X repelled an attack by Y")


@dataclass(frozen=True, slots=True)
class Role:
    """Who did what in one trigger: agent and patient actor names (canonical)."""

    trigger: Trigger
    agent: str | None
    patient: str | None


@dataclass
class SentenceInfo:
    """Everything extraction reads from one sentence."""

    sentence: Sentence
    triggers: list[Trigger] = field(default_factory=list)
    dropped: list[tuple[Trigger, str]] = field(default_factory=list)  # (trigger, why)
    casualties: CasualtyReading = field(default_factory=lambda: CasualtyReading((), False, False))
    dates: list[DateMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)  # offsets into the sentence
    places: list[PlaceHint] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    habitual: bool = False
    anaphoric: bool = False
    new_incident: bool = False
    new_figure: bool = False
    weak_anaphoric: bool = False
    summary: bool = False
    background: bool = False
    quote: bool = False
    headline: bool = False
    air_context: bool = False
    military_strike: bool = False

    @property
    def text(self) -> str:
        """Return the sentence text."""
        return self.sentence.text

    @property
    def reports(self) -> bool:
        """True when the sentence reports (part of) an incident rather than mentioning one."""
        return bool(self.triggers) and not self.habitual

    @property
    def families(self) -> set[str]:
        """The trigger families (battle, remote, vac, protest, riot, sd) this sentence holds."""
        return {t.family for t in self.triggers if not t.generic}

    @property
    def killed_figures(self) -> list[int]:
        """Explicit (non-vague) numbers of dead this sentence states."""
        return [
            c.value
            for c in self.casualties.figures
            if c.kind == "killed" and c.value is not None and not c.vague
        ]


def _clause_start(text: str, position: int) -> int:
    start = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, position):
        start = m.end()
    return start


_DEFINITE_NOUN = re.compile(r"\b(?:the|this|that|these|those|its|their)\s+(?:[a-z]+\s+)?$")
_CLAUSE_END = re.compile(r"[;:]|,\s+(?:but|while|although|though|whereas|which|who|where)\b")


def _near(text: str, trigger: Trigger, pattern: re.Pattern[str]) -> bool:
    """True when a marker sits in the trigger's clause, close to it."""
    start = max(_clause_start(text, trigger.start), trigger.start - 70)
    end_match = _CLAUSE_END.search(text, trigger.end)
    end = min(end_match.start() if end_match else len(text), trigger.end + 80)

    return bool(pattern.search(text, start, end))


def _blocked(text: str, trigger_start: int, lexicon: Lexicon) -> str | None:
    """Say why a trigger does not report an event (plan, negation), or None."""
    clause_start = _clause_start(text, trigger_start)
    window_start = max(clause_start, trigger_start - 45)
    window = text[window_start:trigger_start]
    # Only the last few words matter: "vowed to retake", "no attacks", "any attack".
    words = window.split()
    window = " ".join(words[-6:])
    modal = lexicon.markers.get("modal")
    if modal is not None:
        for m in modal.finditer(window):
            if _MONTH_MAY.match(m.group(0)):
                continue  # the month, not the modal verb
            return f"modal:{m.group(0).lower()}"
    return None


_DETERMINED = re.compile(
    r"\b(?:the|a|an|this|that|these|those|its|their|his|her|in|during|of|twin|two|several|"
    r"multiple|separate)\s+(?:[\w’'-]+\s+){0,3}$",
    re.IGNORECASE,
)
_IRREGULAR_VERBS = frozenset(
    """took retook overran fought struck shot hit set blew drove fell lost stole beat began
    threw hurled led ran stormed""".split()
)
_DETERMINER_BETWEEN = re.compile(
    r"\b(?:the|a|an|in|during|of|on|at|with|and|,)\b|[,;]", re.IGNORECASE
)
_VAGUE_OBJECT = re.compile(
    r"^\s*(?:control of |over )?(?:a few|several|some|many|a number of|dozens of|numerous|"
    r"a handful of|other|more)\b",
    re.IGNORECASE,
)
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|telling|saying|added|reported|reports|stated|claimed|announced|"
    r"confirmed|according to|quoted|quoting)\b",
    re.IGNORECASE,
)


# "struck schools on at least four occasions": a series of incidents, none told as one.
_SERIES = re.compile(r"\bon (?:at least |more than |over )?(?:\w+ ){0,2}occasions\b")

# "to" right before a bare verb: "to regain", "to trace and arrest" (not "to the").
_INFINITIVE = re.compile(r"\bto\s+(?:[a-z]+\s+(?:and|or)\s+)?$")


def _vague_object(text: str, position: int) -> bool:
    """True for "recapturing a few villages": a territory change with no place to it."""
    if not _VAGUE_OBJECT.match(text[position:]):
        return False
    following = text[position : position + 80]
    return not re.search(
        r"\b(?:of|around|near|in) (?:the )?(?:town |city |village )?(?:of )?[A-Z]", following
    )


_THINGS = re.compile(
    r"^(?:phones?|weapons?|arms|vehicles?|cars?|trucks?|ammunition|equipment|goods|cattle|"
    r"livestock|money|cash|documents?|drugs?|boats?|motorcycles?|property|food|aid|supplies|"
    r"fuel|guns?|rifles?|explosives?|materials?|items?|belongings|hostages?|prisoners?|tons?|"
    r"kg|kilograms?|marijuana|cocaine|heroin|hashish|narcotics|contraband|munitions|caches?"
    r"|stockpiles?|arsenals?|weaponry|rounds|bullets|cartridges)$",
    re.IGNORECASE,
)


def _thing_object(text: str, position: int, lexicon: Lexicon) -> bool:
    """True for "seized the phones", "captured two soldiers": what was taken is not a place."""
    words = re.findall(r"[\w'-]+", text[position : position + 60])[:5]
    people = [lexicon.victims.get(k) for k in ("civilians", "state", "nonstate")]
    for word in words:
        if word[:1].isupper() and word.lower() not in {"the", "a", "an"}:
            return False  # a name: "captured Hawija"
        if _THINGS.match(word):
            return True
        if any(p is not None and p.fullmatch(word) for p in people):
            return True
        if word.lower() in {
            "control",
            "town",
            "city",
            "village",
            "area",
            "areas",
            "base",
            "district",
            "positions",
            "position",
            "hill",
            "checkpoint",
        }:
            return False
    return False


def _starts_with_noun(trigger: Trigger) -> bool:
    """True for "attack", "device had been detonated"; False for "killed", "struck"."""
    first = trigger.text.split()[0].lower()
    return not (first.endswith("ed") or first in _IRREGULAR_VERBS)


def _is_verb(trigger: Trigger) -> bool:
    last = trigger.text.split()[-1].lower()
    return last.endswith("ed") or last in _IRREGULAR_VERBS


def _find_triggers(text: str, lexicon: Lexicon) -> list[Trigger]:
    found: list[Trigger] = []
    for sub in lexicon.sub_events.values():
        patterns = [(p, weak) for p, weak in ((sub.pattern, False), (sub.weak, True)) if p]
        for pattern, weak in patterns:
            for m in pattern.finditer(text):
                found.append(
                    Trigger(
                        sub=sub.name,
                        family=sub.family,
                        priority=WEAK_PRIORITY if weak else sub.priority,
                        start=m.start(),
                        end=m.end(),
                        text=m.group(0),
                        generic=sub.name in GENERIC_TRIGGERS,
                        passive=bool(_PASSIVE_BEFORE.search(text[: m.start()])),
                        initiating=bool(_INITIATING.match(m.group(0)))
                        and not _RESPONSIVE.match(m.group(0)),
                        responsive=bool(_RESPONSIVE.match(m.group(0))),
                    )
                )
    # Overlaps: a specific trigger beats a generic one ("fired mortars at": the mortars),
    # then the longest match wins ("suicide car bombs" over "car bombs" over "bombs").
    found.sort(key=lambda t: (t.generic, -(t.end - t.start), -t.priority, t.start))
    kept: list[Trigger] = []
    for trigger in found:
        if any(k.start < trigger.end and trigger.start < k.end for k in kept):
            continue
        kept.append(trigger)
    return sorted(kept, key=lambda t: t.start)


def _strike_triggers(info: SentenceInfo, lexicon: Lexicon, air_article: bool) -> list[Trigger]:
    """Read a bare "strike(s)": an air strike where air power is in context, else shelling."""
    text = info.text
    if _LABOUR.search(text):
        return []
    triggers = []
    for m in _STRIKE.finditer(text):
        if any(t.start <= m.start() < t.end for t in info.triggers):
            continue
        if not (info.military_strike or info.air_context or air_article):
            continue
        shelling = re.search(r"(?:missile|rocket|artillery)\s+$", text[: m.start()], re.I)
        sub = lexicon.sub_event(
            "Shelling/artillery/missile attack" if shelling else "Air/drone strike"
        )
        triggers.append(
            Trigger(
                sub.name,
                sub.family,
                sub.priority - 1,
                m.start(),
                m.end(),
                m.group(0),
                False,
                False,
                True,
                False,
            )
        )
    return triggers


# A vehicle or convoy meeting a device: "struck a roadside bomb", "ran over a mine".
_RAN_OVER = re.compile(
    r"(?:hit|struck|ran over|drove over|drove onto)\b.*\b(?:mines?|landmines?|bombs?|IEDs?|"
    r"devices?)$",
    re.IGNORECASE,
)


def _role(info: SentenceInfo, trigger: Trigger) -> Role:
    """Find the agent and patient of a trigger from the actors around it."""
    if trigger.text.lower().startswith("came under"):
        # "Troops came under fire from armed men": the troops respond, the men started it
        text = info.text
        subject = [a for a in info.actors if a.end <= trigger.start]
        source = [
            a
            for a in info.actors
            if a.start >= trigger.end and re.match(r"\s*from\b", text[trigger.end : a.start])
        ]
        return Role(
            trigger,
            subject[-1].name if subject else None,
            source[0].name if source else None,
        )
    role = _plain_role(info, trigger)
    if _RAN_OVER.match(trigger.text) and not re.match(
        r"[^.;]{0,40}?\b(?:planted|laid|placed|set)\b", info.text[trigger.end :]
    ):
        # "a convoy struck a roadside bomb", "their truck hit a mine": the subject is the one
        # hit, and whoever laid the device goes unnamed
        return Role(trigger, None, role.agent)
    if trigger.responsive and role.patient is None:
        # "... were killed when Afghan forces repulsed their attack": the attackers are the
        # other side named in the sentence
        others = [a.name for a in info.actors if a.name != role.agent]
        if others:
            return Role(trigger, role.agent, others[0])
    return role


def _plain_role(info: SentenceInfo, trigger: Trigger) -> Role:
    text = info.text
    clause_start = _clause_start(text, trigger.start)
    # "Col. X, from the army's Anbar Operations, said one of the strikes ...": the speaker
    # is a source, not the agent.
    for m in _REPORTING.finditer(text, clause_start, trigger.start):
        clause_start = m.end()
    before = [a for a in info.actors if clause_start <= a.start and a.end <= trigger.start]
    after = [a for a in info.actors if a.start >= trigger.end]
    agent: str | None = None
    patient: str | None = None
    by_agent = None
    for a in after:
        gap = text[trigger.end : a.start]
        direct = re.match(r"\s*(?:\w+\s+){0,2}?by\b", gap)
        if (
            (direct or (trigger.passive and re.search(r"\bby\b", gap)))
            and len(gap) < 60
            and not re.search(r"[;.]", gap)
        ):
            by_agent = a
            break
    if by_agent is not None:
        # "by fighter jets from the US-led coalition": the owner named after a generic agent
        owner = next((a for a in after if a.start >= by_agent.end), None)
        if (
            by_agent.generic
            and owner is not None
            and re.fullmatch(r"\s+(?:from|of)\s+(?:the\s+)?", text[by_agent.end : owner.start])
        ):
            by_agent = owner
        agent = by_agent.name
        patient = before[-1].name if before else None
        if patient is None:
            others = [a for a in after if a is not by_agent and a.start >= by_agent.end]
            patient = others[0].name if others else None
        return Role(trigger, agent, patient)
    # "..., killing 33": the participle's agent is the agent of the sentence's event
    if re.match(r"(?:killing|wounding|injuring)\b", trigger.text, re.I) and re.search(
        r",\s*$", text[: trigger.start]
    ):
        return Role(
            trigger,
            None,
            after[0].name if after and len(text[trigger.end : after[0].start]) < 30 else None,
        )
    # "clashes between A and B", "A clashed with B"
    between = re.match(r"\s*(?:\w+\s+){0,5}?between\b", text[trigger.end :])
    if between and len(after) >= 2:
        return Role(trigger, after[0].name, after[1].name)
    if trigger.passive:
        patient = before[-1].name if before else None
        return Role(trigger, None, patient)
    head = text[max(0, trigger.start - 40) : trigger.start]
    last_word = trigger.text.split()[-1].lower()
    noun = not (last_word.endswith("ed") or last_word in _IRREGULAR_VERBS)
    if noun and _DETERMINED.search(head):
        # "in the attack", "the twin attacks": a noun whose agent, if any, is its modifier
        # ("the IS attack"), never the subject of the sentence
        before = [a for a in before if not _DETERMINER_BETWEEN.search(text[a.end : trigger.start])]
    if before:
        agent = before[-1].name
    # A modifier right before a noun trigger is its agent: "coalition strikes", "IS attacks".
    if after:
        gap = text[trigger.end : after[0].start]
        if len(gap) < 45 and not re.search(r"[;.]", gap):
            patient = after[0].name
            if patient == agent:
                patient = after[1].name if len(after) > 1 else None
    # "Airstrikes by fighter jets from the US-led coalition"
    if agent is None and re.match(r"\s*(?:by|from)\b", text[trigger.end :]) and after:
        agent, patient = after[0].name, (after[1].name if len(after) > 1 else None)
    return Role(trigger, agent, patient)


def analyse_sentence(
    sentence: Sentence,
    dates: Sequence[DateMention],
    actors: Sequence[ActorMention],
    *,
    air_article: bool = False,
    note_mode: bool = False,
) -> SentenceInfo:
    """Analyse one sentence; `dates` and `actors` carry offsets into the sentence."""
    lexicon = get_lexicon()
    text = sentence.text
    info = SentenceInfo(sentence=sentence, dates=list(dates), actors=list(actors))

    def has(marker: str) -> bool:
        pattern = lexicon.markers.get(marker)
        return bool(pattern and pattern.search(text))

    habitual = lexicon.markers.get("habitual")
    info.anaphoric = has("anaphora")
    info.new_incident = has("new_incident")
    info.new_figure = has("new_figure")
    info.weak_anaphoric = has("weak_anaphora")
    info.summary = has("summary")
    info.air_context = has("air_context")
    info.military_strike = has("military_strike")
    info.quote = bool(_QUOTE_OPEN.match(text))
    info.background = (bool(dates) and all(d.background for d in dates)) or (
        has("background") and not any(not d.background and d.precision == 1 for d in dates)
    )
    raw = _find_triggers(text, lexicon)
    if not note_mode and dates:
        # "in May 2015", "late 2015": news reports its own incidents by day; a month or a
        # year written out in full dates something earlier, even without a publication date.
        # The date closest to the first trigger is the one that dates it.
        anchor = raw[0].start if raw else 0
        nearest = min(dates, key=lambda d: abs(d.start - anchor))
        if not nearest.relative and nearest.precision >= 3:
            info.background = True
        elif nearest.background:
            info.background = True
    info.triggers = raw
    raw = raw + _strike_triggers(info, lexicon, air_article)
    kept: list[Trigger] = []
    for trigger in sorted(raw, key=lambda t: t.start):
        if _WEAPON_NOUN.match(trigger.text) and not _FIRING.search(text):
            info.dropped.append((trigger, "weapon-only"))
            continue
        aims = trigger.family == "sd" or (
            trigger.family == "battle" and trigger.sub != "Armed clash"
        )
        if aims and _INFINITIVE.search(text[max(0, trigger.start - 30) : trigger.start]):
            # "would have to fight afresh to regain the towns", "mounted to trace and arrest
            # the suspects": an aim, not a capture or an arrest
            info.dropped.append((trigger, "aim"))
            continue
        if trigger.family == "battle" and trigger.sub != "Armed clash":
            if _vague_object(text, trigger.end):
                info.dropped.append((trigger, "vague-place"))
                continue
            if _thing_object(text, trigger.end, lexicon):
                info.dropped.append((trigger, "not-a-place"))
                continue
            before = re.findall(r"[\w'-]+", text[max(0, trigger.start - 30) : trigger.start])
            if any(_THINGS.match(word) for word in before[-2:]):
                # "hundreds of munitions seized": what was captured is a thing, not a place
                info.dropped.append((trigger, "not-a-place"))
                continue
        why = _blocked(text, trigger.start, lexicon)
        if why is not None:
            info.dropped.append((trigger, why))
            continue
        if (habitual is not None and _near(text, trigger, habitual)) or _SERIES.search(text):
            info.dropped.append((trigger, "habitual"))
            continue
        kept.append(trigger)
    info.triggers = kept
    # "The government condemned the attack": every trigger a definite generic noun points
    # back at an incident already told.
    if kept and all(_DEFINITE_NOUN.search(text[: t.start]) and _starts_with_noun(t) for t in kept):
        info.anaphoric = True
    # A sentence whose every trigger describes a habit or a campaign reports no incident,
    # and its figures ("attacks in the past weeks that killed several") are not one's toll.
    info.habitual = bool(raw) and not kept and any(w == "habitual" for _, w in info.dropped)
    spans = [ActorSpan(a.start, a.end, a.name, a.inter) for a in actors]
    info.casualties = find_casualties(text, spans)
    info.places = find_place_hints(text, [(a.start, a.end) for a in actors if not a.generic])
    info.roles = [_role(info, t) for t in kept]
    return info


__all__ = ["GENERIC_TRIGGERS", "Role", "SentenceInfo", "Trigger", "analyse_sentence"]
