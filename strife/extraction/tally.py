"""Casualties of one incident: deaths per side (UCDP), ACLED's conservative total, injuries."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from strife.extraction.analysis import SentenceInfo
from strife.extraction.casualties import Casualty
from strife.extraction.context import ABSURD_FIGURE, PEOPLE, ArticleContext, Cited, Side, kind_of
from strife.extraction.incidents import Incident
from strife.extraction.lexicon import event_type_of
from strife.model import INTER_CIVILIANS


@dataclass
class Tally:
    """Casualty totals of one incident, with the sentences they came from."""

    deaths: dict[str, int | None] = field(default_factory=dict)  # side -> count
    low: int | None = None
    high: int | None = None
    best: int | None = None
    fatalities: int | None = None
    injured: int | None = None


def _side_of(figure: Casualty, first: Side, second: Side, sub: str) -> str:
    crowd = first.inter in (5, 6)
    if crowd and figure.group in {"civilians", "unknown"}:
        return "a"  # protesters or rioters killed: the crowd's own side
    if figure.group == "civilians":
        return "civilians"  # UCDP counts civilians apart even when they are actor2
    if figure.actor and figure.actor == first.name:
        return "a"
    if figure.actor and figure.actor == second.name:
        return "b"
    kinds = {
        "a": kind_of(first.inter) if first.name else None,
        "b": kind_of(second.inter) if second.name else None,
    }
    group = figure.group
    if group == "civilians":
        return "civilians"
    if group in {"state", "nonstate", "external"}:
        matches = [
            k
            for k, v in kinds.items()
            if v == group
            or (group == "state" and v == "external")
            or (group == "external" and v == "state")
        ]
        if len(matches) == 1:
            return matches[0]
        return "unknown"
    event_type = event_type_of(sub)
    if event_type in {"Violence against civilians", "Protests", "Riots"} or (
        second.inter == INTER_CIVILIANS and PEOPLE.match(figure.phrase)
    ):
        return "civilians"
    if not figure.phrase and second.name and kinds["b"] != "civilians":
        return "b"
    return "unknown"


_ATTRIBUTION = re.compile(
    r"\b(?:said|says|according to|told|reported|counted|put the|while|whereas)\b", re.IGNORECASE
)


def _reports(info: SentenceInfo) -> list[list[Casualty]]:
    """Split a sentence's figures into reports: a new source ("while a doctor said ...")
    starts a new one, so its figures are alternatives, not additions."""
    groups: list[list[Casualty]] = []
    previous_end: int | None = None
    for figure in sorted(info.casualties.figures, key=lambda f: f.start):
        between = info.text[previous_end : figure.start] if previous_end is not None else ""
        if not groups or _ATTRIBUTION.search(between):
            groups.append([])
        groups[-1].append(figure)
        previous_end = figure.end
    return groups


def tally(
    incident: Incident,
    first: Side,
    second: Side,
    sub: str,
    context: ArticleContext,
    cited: Cited,
) -> Tally:
    """Add up an incident's casualty figures per side (conservative, with ranges).

    Figures in one report add up ("nine soldiers and four policemen"); separate reports of
    the same side are alternatives ("police said nine ... hospital sources said 14"), of
    which the lowest counts and the range is kept, unless a figure says it adds ("another
    five"). Vague figures count only for a side with no number; a coder's stated total
    ("Fatalities coded as 4") wins; a reported toll ("the death toll rose to 14") is one
    more alternative for the whole incident.
    """
    result = Tally()
    reports: dict[str, list[int]] = {}
    vague: dict[str, list[int]] = {}
    unknown_sides: set[str] = set()
    coded: list[int] = []
    tolls: list[int] = []
    injured_reports: dict[str, list[int]] = {}
    any_zero = False
    mixed_reports = False
    for info in incident.members:
        for group in _reports(info):
            per_side: Counter[str] = Counter()
            per_side_injured: Counter[str] = Counter()
            additive_side: Counter[str] = Counter()
            additive_injured: Counter[str] = Counter()
            for figure in group:
                value = figure.value
                if value is not None and value > ABSURD_FIGURE:
                    context.problems.append(
                        (
                            "absurd-figure",
                            f"ignored a casualty figure of {value} in {info.text[:80]!r}",
                        )
                    )
                    continue
                if figure.total:
                    if value is not None:
                        (coded if figure.coded else tolls).append(value)
                        cited.add(
                            info,
                            "fatalities",
                            "fatalities_low",
                            "fatalities_high",
                            "fatalities_best",
                        )
                    continue
                side = _side_of(figure, first, second, sub)
                if figure.kind == "injured":
                    if value is not None:
                        target = additive_injured if figure.additive else per_side_injured
                        target[side] += value
                        cited.add(info, "injured")
                    continue
                field_name = {
                    "a": "deaths_a",
                    "b": "deaths_b",
                    "civilians": "deaths_civilians",
                    "unknown": "deaths_unknown",
                }[side]
                cited.add(
                    info,
                    "fatalities",
                    field_name,
                    "fatalities_low",
                    "fatalities_high",
                    "fatalities_best",
                )
                if value is None:
                    unknown_sides.add(side)
                elif figure.vague:
                    vague.setdefault(side, []).append(value)
                elif figure.additive and reports.get(side):
                    additive_side[side] += value
                else:
                    per_side[side] += value
            if "unknown" in per_side and len(per_side) > 1:
                mixed_reports = True  # one report names both: its unknown dead are extra
            _merge(reports, per_side, additive_side)
            _merge(injured_reports, per_side_injured, additive_injured)
        if info.casualties.zero_deaths:
            any_zero = True
            cited.add(info, "fatalities")
    for side, values in vague.items():
        if side not in reports:
            reports[side] = [min(values)]
    if "unknown" in reports and len(reports) > 1 and not mixed_reports:
        # "killing ten people" in one report, "ten bodies" in another, "ten civilians" in a
        # third: counts whose side is unknown are other reports of the same dead, not more
        tolls.extend(reports.pop("unknown"))
    low = high = best = 0
    for side, values in reports.items():
        result.deaths[side] = min(values)
        low += min(values)
        high += max(values)
        counts = Counter(values)
        top = max(counts.values())
        best += min(v for v, c in counts.items() if c == top)
    for side in unknown_sides:
        result.deaths.setdefault(side, None)
    if coded:
        total = min(coded)
        result.fatalities = result.low = result.best = total
        result.high = max(coded)
        summed = sum(v for v in result.deaths.values() if v is not None)
        if total > summed and "unknown" not in reports:
            result.deaths["unknown"] = total - summed
    elif reports or tolls:
        candidates = ([low] if reports else []) + tolls
        result.fatalities = result.low = min(candidates)
        result.high = max(([high] if reports else []) + tolls)
        result.best = best if reports else min(tolls)
    elif unknown_sides:
        result.fatalities = None
    elif any_zero or context.note_mode or not _lethal_words(incident):
        result.fatalities = 0
        result.low = result.high = result.best = 0
    else:
        result.fatalities = None
    if injured_reports:
        result.injured = sum(min(values) for values in injured_reports.values())
    _share(result, incident, cited)
    return result


def _share(result: Tally, incident: Incident, cited: Cited) -> None:
    """Keep this event's share of a toll a note says is split between several events."""
    for info in incident.members:
        reading = info.casualties
        if reading.split_into <= 1 or result.fatalities is None:
            continue
        cited.add(info, "fatalities")
        if reading.split_share is not None:
            share = reading.split_share
        else:
            share = int(result.fatalities / reading.split_into + 0.5)
        result.fatalities = result.low = result.best = share
        result.high = share
        return


def _merge(reports: dict[str, list[int]], counts: Counter[str], additions: Counter[str]) -> None:
    """Record one report's counts per side, and add "another N" to every earlier report."""
    for side, value in counts.items():
        reports.setdefault(side, []).append(value)
    for side, value in additions.items():
        if side in reports:
            reports[side] = [v + value for v in reports[side]]
        else:
            reports[side] = [value]


def _lethal_words(incident: Incident) -> bool:
    """True when an incident speaks of deaths without giving a number."""
    return any(
        re.search(r"\b(?:casualties|deaths|dead|killed|killing|fatalities|bodies)\b", m.text, re.I)
        for m in incident.members
    )


__all__ = ["Tally", "tally"]
