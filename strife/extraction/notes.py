"""ACLED-style notes: one generated sentence summarising an event from its fields.

"On 27 September 2017, Islamic State attacked Military Forces of Iraq near Ramadi (Anbar).
27 killed: 20 Islamic State and 7 Military Forces of Iraq; 18 injured."

`write_notes` reads only the Event, so the geocode stage can call it again once it has
filled location and admin1.
"""

from __future__ import annotations

from datetime import date

from strife.model import Event
from strife.resources import Resources

_MONTHS = Resources.lexicons.words.months

# Sub-event type -> what actor1 did (to actor2 when there is one).
_ACTIONS: dict[str, tuple[str, str]] = {
    # (with a target, without one)
    "Armed clash": ("{a1} clashed with {a2}", "{a1} were involved in an armed clash"),
    "Government regains territory": (
        "{a1} regained control{of_place} from {a2}",
        "{a1} regained control{of_place}",
    ),
    "Non-state actor overtakes territory": (
        "{a1} took control{of_place} from {a2}",
        "{a1} took control{of_place}",
    ),
    "Air/drone strike": (
        "{a1} carried out an air/drone strike on {a2}",
        "{a1} carried out an air/drone strike",
    ),
    "Suicide bomb": (
        "{a1} carried out a suicide bombing against {a2}",
        "{a1} carried out a suicide bombing",
    ),
    "Shelling/artillery/missile attack": ("{a1} shelled {a2}", "{a1} carried out shelling"),
    "Remote explosive/landmine/IED": (
        "an explosive device attributed to {a1} hit {a2}",
        "an explosive device attributed to {a1} went off",
    ),
    "Grenade": ("{a1} threw a grenade at {a2}", "{a1} threw a grenade"),
    "Chemical weapon": ("{a1} used chemical weapons against {a2}", "{a1} used chemical weapons"),
    "Attack": ("{a1} attacked {a2}", "{a1} carried out an attack"),
    "Abduction/forced disappearance": ("{a1} abducted {a2}", "{a1} abducted people"),
    "Sexual violence": (
        "{a1} committed sexual violence against {a2}",
        "{a1} committed sexual violence",
    ),
    "Peaceful protest": ("{a1} demonstrated peacefully", "{a1} demonstrated peacefully"),
    "Protest with intervention": (
        "{a1} demonstrated and {a2} intervened",
        "{a1} demonstrated and were dispersed",
    ),
    "Excessive force against protesters": (
        "{a2} used excessive force against {a1}",
        "excessive force was used against {a1}",
    ),
    "Violent demonstration": ("{a1} rioted against {a2}", "{a1} rioted"),
    "Mob violence": ("{a1} attacked {a2}", "{a1} took part in mob violence"),
    "Agreement": ("{a1} and {a2} reached an agreement", "{a1} reached an agreement"),
    "Arrests": ("{a1} arrested {a2}", "{a1} made arrests"),
    "Change to group/activity": (
        "{a1} changed their activity against {a2}",
        "{a1} changed their activity",
    ),
    "Disrupted weapons use": ("{a1} disrupted weapons use by {a2}", "{a1} disrupted weapons use"),
    "Headquarters or base established": ("{a1} established a base", "{a1} established a base"),
    "Looting/property destruction": (
        "{a1} looted or destroyed property of {a2}",
        "{a1} looted or destroyed property",
    ),
    "Non-violent transfer of territory": (
        "{a1} took over{of_place} from {a2} without fighting",
        "{a1} took over{of_place} without fighting",
    ),
    "Other": (
        "{a1} and {a2} were involved in a strategic development",
        "{a1} were involved in a strategic development",
    ),
}


def _day(value: date) -> str:
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def _when(event: Event) -> str:
    if event.event_date is None:
        return ""
    if event.time_precision == 3:
        return f"In {_MONTHS[event.event_date.month - 1]} {event.event_date.year}, "
    if event.time_precision == 2:
        return f"Around {_day(event.event_date)} (week of), "
    return f"On {_day(event.event_date)}, "


def _where(event: Event) -> str:
    area = event.admin1 or event.country
    if event.location:
        preposition = "near" if event.geo_precision == 2 else "in"
        suffix = f" ({area})" if area and area != event.location else ""
        return f" {preposition} {event.location}{suffix}"
    if area:
        return f" in {area}"
    return ""


def _casualties(event: Event) -> str:
    sides = [
        (event.deaths_a, event.actor1),
        (event.deaths_b, event.actor2),
        (event.deaths_civilians, "civilians"),
        (event.deaths_unknown, "unidentified"),
    ]
    parts = [f"{n} {label or 'unidentified'}" for n, label in sides if n]
    if event.fatalities is None:
        text = "Fatalities unknown"
    elif event.fatalities == 0:
        text = "No fatalities reported"
    else:
        text = f"{event.fatalities} killed"
        if len(parts) > 1:
            text += ": " + " and ".join(parts)
        elif parts and parts[0].split(" ", 1)[1] != "unidentified":
            text += f" ({parts[0].split(' ', 1)[1]})"
    if event.fatalities_high is not None and event.fatalities is not None:
        if event.fatalities_high > event.fatalities:
            text += f" (reports range up to {event.fatalities_high})"
    if event.injured:
        text += f"; {event.injured} injured"
    return text + "."


def write_notes(event: Event) -> str:
    """Return one ACLED-style sentence describing an event, built from its fields only."""
    a1 = event.actor1 or "An unidentified actor"
    a2 = event.actor2
    templates = _ACTIONS.get(event.sub_event_type or "Other", _ACTIONS["Other"])
    of_place = f" of {event.location}" if event.location else ""
    action = (templates[0] if a2 else templates[1]).format(a1=a1, a2=a2, of_place=of_place)
    where = (
        ""
        if of_place and "{of_place}" in (templates[0] if a2 else templates[1])
        else (_where(event))
    )
    if of_place and "{of_place}" in (templates[0] if a2 else templates[1]):
        area = event.admin1 or event.country
        if area and area != event.location:
            where = f" ({area})"
    sentence = f"{_when(event)}{action}{where}."
    sentence = sentence[0].upper() + sentence[1:]
    background = " Background to the report." if event.historical else ""
    return f"{sentence} {_casualties(event)}{background}"


__all__ = ["write_notes"]
