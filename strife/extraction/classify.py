"""The sub-event type of an incident, from its triggers, targets and actors."""

from __future__ import annotations

import re
from collections import Counter

from strife.extraction.analysis import SentenceInfo, Trigger
from strife.extraction.context import (
    MOB,
    PEOPLE,
    ArticleContext,
    has_marker,
    incident_text,
    incident_triggers,
    kind_of,
)
from strife.extraction.incidents import Incident
from strife.extraction.lexicon import get_lexicon


def _target_kind(
    incident: Incident, trigger_pairs: list[tuple[SentenceInfo, Trigger]], names: dict[str, int]
) -> str:
    """Say whether a generic attack hit armed actors ("armed") or civilians ("civilians")."""
    lexicon = get_lexicon()
    military = lexicon.weapons.get("military_targets")
    votes: Counter[str] = Counter()
    for info, trigger in trigger_pairs:
        if not trigger.generic:
            continue
        after = info.text[trigger.end : trigger.end + 60]
        words = " ".join(after.split()[:6])
        by_agent = re.match(r"\s*(?:\w+\s+){0,2}?by\b", after)
        if military is not None and military.search(words) and not trigger.passive and not by_agent:
            votes["armed"] += 2
        for role in info.roles:
            if role.trigger is trigger and role.patient:
                kind = kind_of(names.get(role.patient))
                votes["civilians" if kind in {"civilians", "protesters"} else "armed"] += 2
    for info in incident.members:
        for figure in info.casualties.figures:
            if figure.group in {"state", "nonstate", "external"}:
                votes["armed"] += 1
            elif figure.group == "civilians" or PEOPLE.match(figure.phrase):
                votes["civilians"] += 1
    if not votes:
        return "unknown"
    return votes.most_common(1)[0][0]


def decide_type(incident: Incident, context: ArticleContext, names: dict[str, int]) -> str:
    """Return the ACLED sub-event type of an incident."""
    pairs = incident_triggers(incident)
    text = incident_text(incident)
    weapons_text = text
    if context.note_mode and incident.members:
        # A coder's note states its event first; later sentences add detail or background.
        lead = incident.members[0]
        if any(not t.generic and t.family != "sd" for t in lead.triggers) or (
            lead.triggers and not any(not t.generic and t.family != "sd" for _, t in pairs)
        ):
            pairs = [(lead, t) for t in lead.triggers]
            weapons_text = lead.text
    lexicon = get_lexicon()
    subs = [t.sub for _, t in pairs if not t.generic]
    by_family: dict[str, list[str]] = {}
    for _, t in pairs:
        if not t.generic:
            by_family.setdefault(t.family, []).append(t.sub)

    label = _note_label(incident)
    if label is not None:
        return label
    if "Chemical weapon" in subs:
        return "Chemical weapon"
    protest = by_family.get("protest", [])
    riot = by_family.get("riot", [])
    battle = [s for s in by_family.get("battle", [])]
    remote = by_family.get("remote", [])
    small_arms = lexicon.weapons.get("small_arms")
    if protest or riot:
        armed_story = bool(remote) or any(s != "Armed clash" for s in battle)
        first = min(
            (t.start + 1000 * m.sentence.index, t.family) for m, t in pairs if not t.generic
        )
        if not armed_story or first[1] in {"protest", "riot"}:
            return _protest_type(incident, text, protest, riot)
    clash = "Armed clash" in battle
    territory = [s for s in battle if s != "Armed clash"]
    if territory:
        decided = _territory_type(incident, names)
        if decided is not None:
            return decided
    if remote:
        # "an ambush in which rebels detonated a buried bomb": an ambush carried out with a
        # device is the device's event; only a real exchange of fire makes it a clash.
        clash_words = [
            t.text.lower()
            for _, t in pairs
            if t.family == "battle" and t.sub == "Armed clash" and not t.generic
        ]
        clash = any(not word.startswith("ambush") for word in clash_words)
        if clash or (
            small_arms is not None
            and small_arms.search(weapons_text)
            and "Air/drone strike" not in remote
        ):
            return "Armed clash"
        best: dict[str, int] = {}
        for _, t in pairs:
            if t.family == "remote" and not t.generic:
                best[t.sub] = max(best.get(t.sub, 0), t.priority)
        return max(best, key=lambda s: best[s])
    armed_names = any(kind_of(v) in {"nonstate", "state", "external"} for v in names.values())
    if clash:
        if not armed_names and not _armed_words(text):
            return "Mob violence"  # a fight between unarmed groups: villagers, supporters
        return "Armed clash"
    vac = [s for s in by_family.get("vac", []) if s != "Attack"]
    if vac and not (_has_deaths(incident) and "Abduction/forced disappearance" in vac):
        return max(vac, key=lambda s: lexicon.sub_event(s).priority)
    generic = [t for _, t in pairs if t.generic]
    sd = by_family.get("sd", [])
    if generic:
        if MOB.search(text) and not any(
            kind_of(v) in {"nonstate", "state", "external"} for v in names.values()
        ):
            return "Mob violence"
        strong_sd = [s for s in sd if lexicon.sub_event(s).priority >= 35]
        only_raid = all(re.match(r"raid", t.text, re.I) for t in generic)
        if strong_sd and only_raid and not _has_deaths(incident) and not _FIGHT.search(text):
            # "police raided the hideout and arrested four": the raid is how they arrested
            return max(strong_sd, key=lambda s: lexicon.sub_event(s).priority)
        target = _target_kind(incident, pairs, names)
        if target == "armed" and not (_FIGHT.search(text) is None and _people_killed(incident)):
            return "Armed clash"
        if strong_sd and (only_raid or target == "unknown") and not _has_deaths(incident):
            return max(strong_sd, key=lambda s: lexicon.sub_event(s).priority)
        return "Attack"
    if sd:
        return max(sd, key=lambda s: lexicon.sub_event(s).priority)
    if _has_deaths(incident):
        return "Attack"
    return "Other"


_ARMED_WORDS = re.compile(
    r"\b(?:gunm[ae]n|militants?|insurgents?|rebels?|fighters?|soldiers?|troops?|police|"
    r"army|military|forces|militias?|militiam[ae]n|jihadists?|terrorists?|armed|gangs?|"
    r"gangsters?|cartels?|guerrillas?|snipers?|tribesm[ae]n|tribal|clan militias?|firearms?|"
    r"guns?|shoot-?outs?|gunfights?|shots|sniper)\b",
    re.IGNORECASE,
)


# An exchange of fire: what makes a raid a clash rather than a search or an arrest.
_FIGHT = re.compile(
    r"\b(?:exchange[sd]? (?:of )?fire|gun ?fights?|fire ?fights?|shoot-?outs?|gun ?battles?"
    r"|clash(?:es|ed)?|opened fire|returned fire|fired (?:at|on))\b",
    re.IGNORECASE,
)


def _armed_words(text: str) -> bool:
    return bool(_ARMED_WORDS.search(text))


def _has_deaths(incident: Incident) -> bool:
    return any(
        f.kind == "killed" and (f.value or 0) > 0
        for m in incident.members
        for f in m.casualties.figures
    )


# "killed six people": people named as such ("killing four" may count the troops attacked).
_PEOPLE_NOUN = re.compile(r"^(?:people|persons|individuals)$", re.IGNORECASE)


def _people_killed(incident: Incident) -> bool:
    """True when every death toll counts people or civilians, none of them fighters.

    "Gunmen killed six people at a party" is an attack even when one of the six was the
    gang leader they were after: without an exchange of fire it is no clash.
    """
    tolls = [
        f
        for m in incident.members
        for f in m.casualties.figures
        if f.kind == "killed" and (f.value or 0) > 0
    ]
    return bool(tolls) and all(
        f.group == "civilians" or (f.group == "unknown" and _PEOPLE_NOUN.match(f.phrase))
        for f in tolls
    )


def _note_label(incident: Incident) -> str | None:
    """ACLED coders' own label ("Arrests: On 1 May ..."), when the note carries one."""
    if not incident.members:
        return None
    first = incident.members[0]
    if first.sentence.index != 0:
        return None
    for pattern, sub in get_lexicon().note_labels:
        if pattern.match(first.text):
            return sub
    return None


def _protest_type(incident: Incident, text: str, protest: list[str], riot: list[str]) -> str:
    if "Mob violence" in riot and not protest:
        return "Mob violence"
    # Violence by the crowd makes a riot even when the police then kill some of them;
    # "excessive force" is lethal or severe force against a crowd that was not violent.
    if riot or has_marker("violent_protest", text):
        if not protest and MOB.search(text):
            return "Mob violence"
        return "Violent demonstration"
    if has_marker("excessive_force", text) and re.search(
        r"\b(?:killed|killing|shot|dead|died|live)\b", text, re.IGNORECASE
    ):
        return "Excessive force against protesters"
    if has_marker("intervention", text):
        return "Protest with intervention"
    return "Peaceful protest"


def _territory_type(incident: Incident, names: dict[str, int]) -> str | None:
    """Who took the place: a state force (regains) or a non-state group (overtakes)."""
    takers: set[str] = set()
    for info in incident.members:
        for role in info.roles:
            trigger = role.trigger
            if trigger.sub not in {
                "Government regains territory",
                "Non-state actor overtakes territory",
            }:
                continue
            agent = role.agent
            if trigger.passive:
                # "was lost to IS", "fell to the militants": the taker follows
                agent = role.patient if re.match(r"(?:lost|fell) to", trigger.text, re.I) else None
            if agent is None:
                continue
            kind = kind_of(names.get(agent))
            takers.add("state" if kind in {"state", "external"} else "nonstate")
    subs = {t.sub for m in incident.members for t in m.triggers}
    if len(takers) > 1:
        return "Armed clash"
    peaceful = any(
        re.search(r"without (?:a fight|a shot|resistance|fighting|a battle)", m.text, re.I)
        for m in incident.members
    )
    if peaceful and not _has_deaths(incident):
        # "the troops pulled out and the rebels walked in without a fight", whoever took it
        return "Non-violent transfer of territory"
    if takers == {"state"}:
        return "Government regains territory"
    if takers == {"nonstate"}:
        return "Non-state actor overtakes territory"
    if "Government regains territory" in subs and "Non-state actor overtakes territory" in subs:
        return None
    return next(
        (
            s
            for s in ("Government regains territory", "Non-state actor overtakes territory")
            if s in subs
        ),
        None,
    )


__all__ = ["decide_type"]
