"""Who did what: actor1 (who started it), actor2, their associates and inter codes."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from strife.extraction.actors import (
    ActorMention,
    canonical_actor,
    fill_country,
    government_of,
    name_on,
    unidentified,
)
from strife.extraction.analysis import SentenceInfo, Trigger
from strife.extraction.casualties import Casualty
from strife.extraction.context import (
    ASSOCIATE,
    ArticleContext,
    Cited,
    Side,
    actor_mentions,
    inter_of,
    kind_of,
    resolve_actor,
)
from strife.extraction.incidents import CLAIM, Incident
from strife.extraction.lexicon import event_type_of
from strife.model import (
    INTER_CIVILIANS,
    INTER_POLITICAL_MILITIA,
    INTER_PROTESTERS,
    INTER_REBELS,
    INTER_RIOTERS,
    INTER_STATE,
)

Mentions = list[tuple[SentenceInfo, ActorMention, str, int]]
Sides = tuple[Side, Side, str | None, str | None]


@dataclass
class _Cast:
    """Who an incident names: inter codes, where, votes for starting it and for being hit."""

    incident: Incident
    context: ArticleContext
    cited: Cited
    mentions: Mentions
    names: dict[str, int]  # resolved name -> inter code (grows as sides are settled)
    where: dict[str, list[SentenceInfo]]
    votes: dict[str, float]
    targets: dict[str, float]
    named: set[str]  # names some mention gives by name, not by a generic word ("rebels")

    def side(self, name: str | None) -> Side:
        """The Side of a name, with its inter code."""
        if name is None:
            return Side(None, None)
        inter = self.names.get(name) or inter_of(self.context, name, INTER_POLITICAL_MILITIA)
        return Side(name, inter)

    def cite(self, s: Side, prefix: str) -> None:
        """Cite the sentences naming a side for its actor, inter and interaction fields."""
        if s.name is None:
            return
        sentences = self.where.get(s.name) or self.incident.members[:1]
        for info in sentences:
            self.cited.add(info, prefix, "inter" + prefix[-1], "interaction")

    def of_kind(self, kind: str) -> list[str]:
        """The names of one actor kind ("state", "civilians", ...), in order of mention."""
        return [n for n in self.names if kind_of(self.names[n]) == kind]

    def both(self, first: Side, second: Side) -> Sides:
        """Cite both sides and return them with no associated actors."""
        self.cite(first, "actor1")
        self.cite(second, "actor2")
        return first, second, None, None


def decide_actors(incident: Incident, sub: str, context: ArticleContext, cited: Cited) -> Sides:
    """Return actor1 and actor2 sides and their associated actors."""
    cast = _cast(incident, sub, context, cited)
    event_type = event_type_of(sub)
    if event_type in {"Protests", "Riots"}:
        first, second, assoc1, assoc2 = _crowd_sides(cast, sub, event_type)
    else:
        first, second, assoc1, assoc2 = _armed_sides(cast, sub, event_type)
    # an actor renamed since ("AMISOM" became "ATMIS") keeps the name of the article's day
    day = context.published
    return (
        Side(name_on(first.name, day), first.inter) if first.name else first,
        Side(name_on(second.name, day), second.inter) if second.name else second,
        name_on(assoc1, day) if assoc1 else None,
        name_on(assoc2, day) if assoc2 else None,
    )


def _cast(incident: Incident, sub: str, context: ArticleContext, cited: Cited) -> _Cast:
    """Gather the incident's actors and score who started it and who was hit."""
    mentions = actor_mentions(incident, context)
    rename = _one_force_per_country(mentions)
    mentions = [(info, m, rename.get(n, n), inter) for info, m, n, inter in mentions]
    names: dict[str, int] = {name: inter for _, _, name, inter in mentions}
    where: dict[str, list[SentenceInfo]] = {}
    for info, _, name, _ in mentions:
        where.setdefault(name, []).append(info)
    families = _FAMILIES.get(event_type_of(sub), set())
    votes, targets = _votes(incident.members, context, families)
    claimed = _claimants(incident.members + incident.support, context)
    for name in claimed:
        votes[name] += 4.0
        names.setdefault(name, _inter_from(incident.members, name, context))
    for info in incident.members:
        for figure in info.casualties.figures:
            if figure.actor:
                victim = _resolve_figure_actor(figure, info, context)
                if victim:
                    targets[victim] += 0.5
    # Nobody in the incident's own sentences is said to have started it: ask the total it
    # belongs to ("47 killed in a series of attacks by IS"), then the headline.
    inherited: list[SentenceInfo] = []
    if not any(v > 0 for v in votes.values()):
        if incident.parent is not None:
            inherited = incident.parent.members
        elif context.title is not None and _first_current(incident, context):
            inherited = [context.title]
        extra_votes, _ = _votes(inherited, context, families)
        for name, value in extra_votes.items():
            if value > 0:
                votes[name] += value
                names.setdefault(name, _inter_from(inherited, name, context))
    if rename:
        votes, targets = _renamed(votes, rename), _renamed(targets, rename)
        names = {rename.get(n, n): inter for n, inter in names.items()}
    named = {n for _, m, n, _ in mentions if not m.generic} | set(claimed)
    _credit_named_group(
        names, votes, targets, _named_doers(incident, context) | set(claimed), context
    )
    return _Cast(incident, context, cited, mentions, names, where, votes, targets, named)


def _named_doers(incident: Incident, context: ArticleContext) -> set[str]:
    """Groups called by their name as the subject of a verb of violence in the incident."""
    found: set[str] = set()
    for info in incident.members:
        for role in info.roles:
            if role.agent is None or role.trigger.responsive:
                continue
            mention = next((m for m in info.actors if m.name == role.agent), None)
            if mention is not None and not mention.generic:
                found.add(resolve_actor(mention, context)[0])
    return found


def _credit_named_group(
    names: dict[str, int],
    votes: dict[str, float],
    targets: dict[str, float],
    doers: set[str],
    context: ArticleContext,
) -> None:
    """Give the gunmen's part to the one named group the incident says attacked.

    "Gunmen stormed a police post ... Separatists killed five members of the security
    forces": the gunmen are the separatists. Without a named group doing something, the
    attackers stay unidentified.
    """
    unknown = unidentified(context.country).name
    if votes.get(unknown, 0) <= 0:
        return
    acting = [
        n
        for n in names
        if n in doers and n != unknown and kind_of(names[n]) == "nonstate" and votes.get(n, 0) > 0
    ]
    if len(acting) != 1:
        return
    group = acting[0]
    votes[group] = votes.get(group, 0.0) + votes.pop(unknown)
    targets[group] = targets.get(group, 0.0) + targets.pop(unknown, 0.0)
    names.pop(unknown, None)


def _renamed(scores: dict[str, float], rename: dict[str, str]) -> dict[str, float]:
    """Scores with renamed actors merged into the names they now go by."""
    merged: dict[str, float] = defaultdict(float)
    for name, value in scores.items():
        merged[rename.get(name, name)] += value
    return merged


# Words for a country's forces that do not say which force: "security forces", "jawans".
_UMBRELLA = re.compile(
    r"^(?:(?:the )?[A-Z][\w'’]* )?(?:security (?:forces?|personnel|services?)|jawans?|personnel)$",
    re.IGNORECASE,
)


def _one_force_per_country(mentions: Mentions) -> dict[str, str]:
    """Read "security forces" as the one force of that country an incident names.

    "Security forces" are coded as the military, but next to a named police unit they are
    that unit ("an IED targeting security forces ... two ITBP personnel killed"). When the
    incident names two or more forces of the country (gendarmes and police), "security
    forces" is the name that covers them all, and each of them is read as it.
    """
    umbrella: dict[str, bool] = {}  # state name -> every mention of it is an umbrella word
    for _, mention, name, _ in mentions:
        if mention.kind == "state":
            vague = bool(_UMBRELLA.match(mention.text)) and name.startswith("Military Forces of ")
            umbrella[name] = umbrella.get(name, True) and vague
    rename: dict[str, str] = {}
    for name, vague in umbrella.items():
        if not vague:
            continue
        country = _state_country(name)
        specific = [n for n in umbrella if n != name and _state_country(n) == country]
        if len(specific) == 1:
            rename[name] = specific[0]
        elif len(specific) > 1 and not any(n == name for n in specific):
            for n in specific:
                rename[n] = name
    return rename


def _state_country(name: str) -> str | None:
    """The country of a state force's name ("Police Forces of India Border Security Force")."""
    found = canonical_actor(name)
    return found.country if found is not None and found.kind == "state" else None


def _crowd_sides(cast: _Cast, sub: str, event_type: str) -> Sides:
    """Protests and riots: the crowd, and the forces that met it or the mob's target."""
    country = cast.context.country
    protesters, rioters = cast.of_kind("protesters"), cast.of_kind("rioters")
    states = cast.of_kind("state")
    if event_type == "Protests" or sub == "Violent demonstration":
        label = protesters[0] if protesters and event_type == "Protests" else None
        if event_type == "Riots":
            label = rioters[0] if rioters else f"Rioters ({country})" if country else "Rioters"
        if label is None:
            label = f"Protesters ({country})" if country else "Protesters"
        first = Side(label, INTER_PROTESTERS if event_type == "Protests" else INTER_RIOTERS)
        second = Side(None, None)
        if sub != "Peaceful protest" and states:
            second = cast.side(max(states, key=lambda n: cast.votes[n] + cast.targets[n]))
        elif sub == "Excessive force against protesters" and country:
            # protesters killed by forces the sentence does not name: the police, mostly
            second = Side(fill_country("Police Forces of {country}", country), INTER_STATE)
        return cast.both(first, second)
    # Mob violence: the mob against its target
    label = rioters[0] if rioters else f"Rioters ({country})" if country else "Rioters"
    first = Side(label, INTER_RIOTERS)
    victims = [n for n in cast.names if n != label and kind_of(cast.names[n]) != "rioters"]
    second = (
        cast.side(victims[0])
        if victims
        else Side(f"Civilians ({country})" if country else "Civilians", INTER_CIVILIANS)
    )
    return cast.both(first, second)


def _armed_sides(cast: _Cast, sub: str, event_type: str) -> Sides:
    """Battles, remote violence, violence against civilians, strategic developments."""
    incident, context, names = cast.incident, cast.context, cast.names
    votes, targets, mentions = cast.votes, cast.targets, cast.mentions
    country = context.country
    civilians = cast.of_kind("civilians")
    # An actor named only as a source ("police said", "according to the army") took no part.
    sources = _sources(mentions)
    hurt = _hurt(incident, context)
    armed = [
        n
        for n in names
        if kind_of(names[n]) in {"state", "nonstate", "external"}
        and (n not in sources or votes[n] > 0 or targets[n] > 0)
    ]
    ranked = sorted(armed, key=lambda n: (-votes[n], targets[n], _first_pos(n, mentions)))
    actor1 = ranked[0] if ranked and votes[ranked[0]] > 0 else None
    if actor1 is None and armed:
        # nobody is said to have started it: the side that did not take the losses
        losers = {n for n in armed if targets[n] > 0}
        others = [n for n in armed if n not in losers]
        if not others and len(armed) > 1 and hurt and event_type == "Explosions/Remote violence":
            # everyone named was hit by something: a bomb is the armed group's that lost no one
            others = [n for n in armed if n not in hurt and kind_of(names[n]) == "nonstate"]
        if others:
            actor1 = others[0]
        elif len(armed) > 1:
            actor1 = min(armed, key=lambda n: _first_pos(n, mentions))
    if event_type == "Violence against civilians":
        perpetrators = [n for n in ranked if votes[n] > 0] or [n for n in armed if targets[n] == 0]
        actor1 = perpetrators[0] if perpetrators else None
        if actor1 is None:
            actor1 = unidentified(country).name
            names.setdefault(actor1, INTER_POLITICAL_MILITIA)
        victim = (
            civilians[0] if civilians else (f"Civilians ({country})" if country else "Civilians")
        )
        names.setdefault(victim, INTER_CIVILIANS)
        return cast.both(cast.side(actor1), cast.side(victim))
    if actor1 is None and event_type in {"Explosions/Remote violence", "Battles"}:
        actor1 = unidentified(country).name
        names.setdefault(actor1, INTER_POLITICAL_MILITIA)
    actor2 = None
    assoc1: str | None = None
    if actor1 is not None:
        actor2, assoc1 = _opponent(cast, sub, event_type, actor1, armed, civilians)
    elif event_type == "Strategic developments" and civilians:
        actor1 = civilians[0]
    if event_type == "Strategic developments" and actor1 is None:
        actor1 = _first_named(mentions)
    if sub == "Agreement":
        actor1, actor2 = _parties(cast, actor1, actor2)
    if sub == "Disrupted weapons use":
        actor1, actor2 = _interceptors(cast, actor1, actor2)
    first, second, _, _ = cast.both(cast.side(actor1), cast.side(actor2))
    if assoc1:
        for info in cast.where.get(assoc1, incident.members[:1]):
            cast.cited.add(info, "assoc_actor_1")
    return first, second, assoc1, None


_INTERCEPTED = re.compile(r"intercept|shot down|downed", re.IGNORECASE)


def _interceptors(
    cast: _Cast, actor1: str | None, actor2: str | None
) -> tuple[str | None, str | None]:
    """The two sides of an interception: who brought the weapons down, and whose they were.

    "The ministry said it intercepted 16 Ukrainian drones": the drones' owner (named with the
    weapon) is the second actor; the other state force the incident names, often only as the
    speaker, is the first.
    """
    owners: list[str] = []
    for info in cast.incident.members:
        # "shot down 5 Russian drones": the owner inside the phrase; "Ukrainian drones were
        # shot down": the owner right before the weapon that starts it
        spans = [
            (t.start, t.end, not _INTERCEPTED.match(t.text))
            for t in info.triggers
            if t.sub == "Disrupted weapons use" and _INTERCEPTED.search(t.text)
        ]
        for mention_info, mention, name, _inter in cast.mentions:
            if mention_info is info and any(
                (start <= mention.start and mention.end <= end + 1)
                or (passive and mention.start < start and start - 2 <= mention.end)
                for start, end, passive in spans
            ):
                owners.append(name)
    if not owners:
        return actor1, actor2
    owner = owners[0]
    states = [
        n for n in cast.names if n != owner and kind_of(cast.names[n]) in {"state", "external"}
    ]
    interceptor = actor1 if actor1 not in (None, owner) else (states[0] if states else None)
    return interceptor, owner


def _parties(cast: _Cast, actor1: str | None, actor2: str | None) -> tuple[str | None, str | None]:
    """The two sides of an agreement: a government that signs it is one of them.

    "The government and the rebels agreed to a ceasefire": the government and the group,
    in the order the lead names them.
    """
    first = cast.incident.members[0]
    found = government_of(first.text, cast.context.country)
    if found is None:
        return actor1, actor2
    at, government = found
    cast.names.setdefault(government, INTER_STATE)
    other = next((n for n in (actor1, actor2) if n and kind_of(cast.names.get(n)) != "state"), None)
    if other is None:
        return government, actor2 if actor1 is None else actor1
    named_at = [m.start for info, m, n, _ in cast.mentions if n == other and info is first]
    if named_at and named_at[0] < at:
        return other, government
    return government, other


def _opponent(
    cast: _Cast, sub: str, event_type: str, actor1: str, armed: list[str], civilians: list[str]
) -> tuple[str | None, str | None]:
    """Return actor2 and actor1's associated actor, once actor1 is known."""
    incident, context, names = cast.incident, cast.context, cast.names
    votes, targets = cast.votes, cast.targets
    assoc1: str | None = None
    # the opponent must have a part in the story: hit, or fighting back
    remaining = [n for n in armed if n != actor1 and (targets[n] > 0 or votes[n] > 0)]
    if kind_of(names.get(actor1)) == "nonstate":
        # "gangs attacked ... gunmen clashed with residents", "suspected rebels ... the
        # rebels": generic words for armed men that attack too, or that only rename unknown
        # attackers, are the attackers themselves, not their opponent
        unknown = unidentified(context.country).name
        remaining = [
            n
            for n in remaining
            if kind_of(names[n]) != "nonstate"
            or n in cast.named
            or (votes[n] <= 0 and actor1 != unknown)
        ]
    if event_type == "Battles" and sub != "Armed clash":
        remaining = [n for n in remaining if targets[n] > 0]
    remaining.sort(key=lambda n: (-targets[n], -votes[n], _first_pos(n, cast.mentions)))
    if not remaining and sub == "Armed clash":
        # a clash has two sides: the other armed side the incident names, even where the
        # grammar did not tie it to a verb ("the army said its troops repelled the attack")
        remaining = [
            n for n in armed if n != actor1 and (kind_of(names[n]) != "nonstate" or n in cast.named)
        ]
        remaining.sort(key=lambda n: _first_pos(n, cast.mentions))
    actor2 = remaining[0] if remaining else None
    # an ally named with "backed by" is associated, not the opponent
    assoc = _associated(incident, context, actor1, names)
    if assoc and assoc == actor2:
        assoc1 = assoc
        rest = [n for n in remaining if n != assoc]
        actor2 = rest[0] if rest else None
    elif assoc and assoc != actor1:
        assoc1 = assoc
    if (
        actor2 is not None
        and event_type in {"Explosions/Remote violence", "Violence against civilians"}
        and _civilians_hit(incident)
        and not _has_casualties(incident, actor2, context)
    ):
        # a bomb that killed passengers: the civilians are the target, whoever was meant
        actor2 = None
    if actor2 is None and civilians and _civilians_hit(incident):
        actor2 = civilians[0]
    if (
        actor2 is None
        and event_type == "Explosions/Remote violence"
        and kind_of(names.get(actor1)) in {"state", "external"}
        and _people_hurt(incident)
    ):
        # a state's shell or missile that hurt people no side claims as its own
        actor2 = f"Civilians ({context.country})" if context.country else "Civilians"
        names.setdefault(actor2, INTER_CIVILIANS)
    if actor2 is None and _civilians_hit(incident):
        actor2 = f"Civilians ({context.country})" if context.country else "Civilians"
        names.setdefault(actor2, INTER_CIVILIANS)
    return actor2, assoc1


_FAMILIES: dict[str, set[str]] = {
    "Battles": {"battle"},
    "Explosions/Remote violence": {"remote", "battle"},
    "Violence against civilians": {"vac"},
    "Protests": {"protest", "riot"},
    "Riots": {"riot", "protest"},
    "Strategic developments": {"sd", "battle"},
}


def _votes(
    members: list[SentenceInfo], context: ArticleContext, families: set[str]
) -> tuple[dict[str, float], dict[str, float]]:
    """Score who started an incident (votes) and who was hit (targets) from its triggers."""
    votes: dict[str, float] = defaultdict(float)
    targets: dict[str, float] = defaultdict(float)
    for info in members:
        for role in info.roles:
            t = role.trigger
            if not t.generic and t.family not in families:
                continue
            agent = _resolve_name(role.agent, info, context)
            patient = _resolve_name(role.patient, info, context)
            if patient and _only_linked(role.patient, info):
                patient = None
            weight = 3.0 if t.initiating else 1.0
            if info is members[0]:
                weight *= 1.5  # the lead tells who started it
            if agent and _victims_before(info, t, agent, context):
                # "two soldiers killed": the soldiers are the dead, not the killers
                targets[agent] += weight
                continue
            if t.responsive:
                # "X repelled an attack by Y": Y started it
                if patient:
                    votes[patient] += 2
                if agent:
                    targets[agent] += 1
                continue
            if agent:
                votes[agent] += weight
            if patient and patient != agent:
                targets[patient] += weight
    return votes, targets


_CLAIM = CLAIM


def _victims_before(
    info: SentenceInfo, trigger: Trigger, agent: str, context: ArticleContext
) -> bool:
    """True when the agent of an outcome verb is a casualty figure just before it.

    "Two soldiers killed", "five policemen were wounded": a parser that reads the noun before
    the verb as its subject would make the dead the killers.
    """
    if trigger.initiating or _OBJECT_AFTER.match(info.text, trigger.end):
        return False
    for figure in info.casualties.figures:
        gap = trigger.start - figure.end
        if 0 <= gap <= _PASSIVE_GAP and _resolve_figure_actor(figure, info, context) == agent:
            return True
    return False


# An object after the verb makes it active: "five members executed a fellow member". Starts
# only where a run of spaces starts, so a search over a long run stays linear.
_OBJECT_AFTER = re.compile(
    r"(?<!\s)\s++(?:a|an|the|his|her|their|its|\d+|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|several|dozens|scores|many|at least)\b",
    re.IGNORECASE,
)
# Characters between the victims and their verb: " were", " have been", " later".
_PASSIVE_GAP = 12


_SOURCE_AFTER = re.compile(
    r"^['’]?s?\s*(?:spokes(?:man|woman|person)|sources?|officials?|chief|statement|said|says|"
    r"say|told|reported|claimed|confirmed|announced)\b",
    re.IGNORECASE,
)
# "the ministry said it intercepted ...": the speaker tells what it did itself
_SAID_IT = re.compile(r"^\s*(?:said|says|claimed|announced|reported) (?:it|its|they|their)\b", re.I)
_SOURCE_BEFORE = re.compile(r"\b(?:according to|told|quoting|cited)(?: the| a)?\s*$", re.I)


def _sources(mentions: list[tuple[SentenceInfo, ActorMention, str, int]]) -> set[str]:
    """Names every mention of which is a source of the report, not a party to the incident."""
    as_source: dict[str, bool] = {}
    for info, mention, name, _ in mentions:
        text = info.text
        after = text[mention.end : mention.end + 30]
        source = bool(
            (_SOURCE_AFTER.match(after) and not _SAID_IT.match(after))
            or _SOURCE_BEFORE.search(text[max(0, mention.start - 20) : mention.start])
        )
        as_source[name] = as_source.get(name, True) and source
    return {name for name, source in as_source.items() if source}


def _claimants(members: list[SentenceInfo], context: ArticleContext) -> list[str]:
    """Groups that claimed the incident or were named as its authors.

    "Al Shabaab claimed responsibility", "the attack was blamed on the ADF", "the army
    attributed the attack to the ELN", "the ELN has been blamed for the attack".
    """
    found: list[str] = []
    for info in members:
        for m in _CLAIM.finditer(info.text):
            before = [a for a in info.actors if a.end <= m.start()]
            if before:
                name = resolve_actor(before[-1], context)[0]
                if kind_of(resolve_actor(before[-1], context)[1]) == "nonstate":
                    found.append(name)
        for actor in info.actors:
            name, inter = resolve_actor(actor, context)
            if kind_of(inter) != "nonstate":
                continue
            ahead = info.text[max(0, actor.start - 40) : actor.start]
            after = info.text[actor.end : actor.end + 40]
            if _AUTHOR_BEFORE.search(ahead) or _AUTHOR_AFTER.match(after):
                found.append(name)
    return found


# "blamed on the ADF", "attributed the attack to the ELN", "orchestrated by Viv Ansanm"
_AUTHOR_BEFORE = re.compile(
    r"\b(?:blamed on|attributed (?:\w+ ){0,3}?to|carried out by|perpetrated by|orchestrated by"
    r"|claimed by|(?:was|were) led by)(?: the)? $",
    re.IGNORECASE,
)
# "the ELN has been blamed for", "Boko Haram was behind the attack"
_AUTHOR_AFTER = re.compile(
    r"^(?: \([^()]{1,12}\))?,? (?:(?:has|have|had|was|were|is|are) )?(?:been )?(?:blamed for|held "
    r"responsible|behind (?:the|this|that) (?:attack|bombing|raid|ambush|killing))",
    re.IGNORECASE,
)


def _first_current(incident: Incident, context: ArticleContext) -> bool:

    return not incident.historical and incident.order == 0


def _inter_from(infos: list[SentenceInfo], name: str, context: ArticleContext) -> int:
    for info in infos:
        for mention in info.actors:
            resolved, inter = resolve_actor(mention, context)
            if resolved == name:
                return inter
    return inter_of(context, name, INTER_REBELS)


def _first_named(mentions: list[tuple[SentenceInfo, ActorMention, str, int]]) -> str | None:
    for _, _, name, _ in mentions:
        return name
    return None


def _first_pos(name: str, mentions: list[tuple[SentenceInfo, ActorMention, str, int]]) -> int:
    for info, mention, n, _ in mentions:
        if n == name:
            return info.sentence.index * 10_000 + mention.start
    return 10**9


# "informants of the kidnappers", "relatives of the gunmen": people tied to a group, not it
_LINKED_TO = re.compile(
    r"\b(?:informants?|collaborators?|relatives?|famil(?:y|ies)|wives|wife|sympathi[sz]ers?"
    r"|suppliers?|financiers?|hosts?|friends?|parents?) (?:of|to) (?:the |a |an )?$",
    re.IGNORECASE,
)


def _only_linked(name: str | None, info: SentenceInfo) -> bool:
    """True when the sentence names the actor only as what others are linked to."""
    mention = next((m for m in info.actors if m.name == name), None)
    return mention is not None and bool(
        _LINKED_TO.search(info.text[max(0, mention.start - 30) : mention.start])
    )


def _resolve_name(name: str | None, info: SentenceInfo, context: ArticleContext) -> str | None:
    if name is None:
        return None
    for mention in info.actors:
        if mention.name == name:
            return resolve_actor(mention, context)[0]
    return name


def _resolve_figure_actor(
    figure: Casualty, info: SentenceInfo, context: ArticleContext
) -> str | None:
    for mention in info.actors:
        if mention.start < figure.end and figure.start < mention.end:
            return resolve_actor(mention, context)[0]
    return figure.actor


def _associated(
    incident: Incident, context: ArticleContext, actor1: str, names: dict[str, int]
) -> str | None:
    """An ally named with "backed by"/"alongside" next to the initiator."""
    for info in incident.members:
        for m in ASSOCIATE.finditer(info.text):
            # only the initiator's allies: "IS militants, backed by ..." not "Troops backed by"
            leading = [a for a in info.actors if a.end <= m.start() and m.start() - a.end < 25]
            if not leading or resolve_actor(leading[-1], context)[0] != actor1:
                continue
            following = [a for a in info.actors if a.start >= m.end() and a.start - m.end() < 30]
            if following:
                name, inter = resolve_actor(following[0], context)
                if name != actor1:
                    names.setdefault(name, inter)
                    return name
    return None


def _hurt(incident: Incident, context: ArticleContext) -> set[str]:
    """The actors a casualty figure of the incident names as the dead or wounded."""
    return {
        name
        for info in incident.members
        for figure in info.casualties.figures
        if (name := _resolve_figure_actor(figure, info, context))
    }


def _has_casualties(incident: Incident, name: str, context: ArticleContext) -> bool:
    """True when a casualty figure of the incident names this actor's people."""
    for info in incident.members:
        for figure in info.casualties.figures:
            if _resolve_figure_actor(figure, info, context) == name:
                return True
    return False


def _civilians_hit(incident: Incident) -> bool:
    """True when the dead or wounded are civilians ("people" count as civilians here)."""
    return any(
        f.group == "civilians" or (f.group == "unknown" and bool(_PEOPLE_WORDS.search(f.phrase)))
        for m in incident.members
        for f in m.casualties.figures
    )


def _people_hurt(incident: Incident) -> bool:
    """True when a strike killed or hurt people the text gives to no armed side.

    Damage alone names no victim: ACLED leaves actor2 empty for shelled houses.
    """
    return any(
        f.group in {"unknown", "civilians"} and not f.actor and (f.value is None or f.value > 0)
        for info in incident.members
        for f in info.casualties.figures
    )


_PEOPLE_WORDS = re.compile(r"\b(?:people|persons|individuals|residents|passers-?by)\b", re.I)

__all__ = ["decide_actors"]
