"""Place-name hints: where a sentence says something happened, as written.

Extraction does not resolve places (the geocode stage does); it only needs to know which
names a sentence gives for the scene of an incident, to tell incidents apart ("in the
villages of Qutainiyah and Zuwaiyah" vs "in Safiyrah") and to hand the geocoder its best
guess. The rules read capitalised names after a locative cue; when the gazetteer's
`find_places` is available its mentions are used as well.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# The cue before a name and what kind of place it suggests.
_CUE = (
    r"(?P<cue>\b(?:in|near|at|around|outside|inside|from|to|towards?|into|across|on|"
    r"(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?(?: of)?|"
    r"(?:the )?(?:outskirts|vicinity|countryside|suburbs?|edge|centre|center|area|region|"
    r"desert) of)"
    r"(?: the)?"
    r"(?: (?P<kind>villages?|towns?|city|cities|districts?|neighbou?rhoods?|areas?|regions?|"
    r"provinces?|governorates?|states?|sub-?districts?|counties|county|camps?|"
    r"settlements?|localit(?:y|ies)|communit(?:y|ies)|municipalit(?:y|ies)|hills?|"
    r"valley|border town|desert town|port city|capital) of)?"
    r"\s+)"
)
_WORD = r"(?:(?:[Aa][lnrsdtz]|[Ee]l|[Aa]sh|[Aa]dh)[-’' ])?[A-Z][\w’'\-]*"
_NAME = rf"{_WORD}(?: (?:{_WORD}|al-\w+|de|du|la|of))*?(?: {_WORD})?"
_LIST = rf"(?P<names>{_NAME}(?:(?:, | and |, and ){_NAME})*)"
_PATTERN = re.compile(_CUE + _LIST)
# "the Al-Tash, Majr and Kilometre Seven districts": names before a place noun.
_BEFORE_NOUN = re.compile(
    rf"\bthe {_LIST} (?P<kind>districts?|areas?|villages?|neighbou?rhoods?|towns?|regions?|"
    rf"provinces?|governorates?)\b"
)
# "Syrian borders", "Iraqi forces": a demonym is not a place.
_DEMONYM = re.compile(r"(?:an|ian|ean|ese|ish|i)$")
_BROAD_KIND = re.compile(r"provinces?|governorates?|states?|regions?|count(?:y|ies)")
_BROAD_AFTER = re.compile(
    r"^\s+(?:province|governorate|state|region|county|district|valley)\b", re.IGNORECASE
)
_NOT_PLACES = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december the a an this that these those
    he she they it his her their its we i you islamic state army police security military
    forces government ministry operations command joint president prime minister general
    colonel major captain lieutenant brigadier mr mrs dr said according reuters afp ap
    al-qaeda al qaeda daesh isis isil is taliban kurdish shia sunni arab muslim christian
    coalition us u.s. un u.n. nato eu christ god allah sheikh imam updated breaking
    """.split()
)


@dataclass(frozen=True, slots=True)
class PlaceHint:
    """A place name a sentence gives, with offsets into that sentence."""

    start: int
    end: int
    text: str
    cue: str
    broad: bool  # a province, region or country rather than a town or village
    specific: bool  # introduced as "the village(s)/town/city of"


def _split_names(names: str) -> list[tuple[int, str]]:
    """Split "A, B and C" into (offset, name) pairs."""
    parts: list[tuple[int, str]] = []
    for m in re.finditer(rf"{_NAME}", names):
        parts.append((m.start(), m.group(0)))
    return parts


def find_place_hints(sentence: str, excluded: Sequence[tuple[int, int]] = ()) -> list[PlaceHint]:
    """Return the place names a sentence introduces with a locative cue."""
    hints: list[PlaceHint] = []
    matches = [*_PATTERN.finditer(sentence), *_BEFORE_NOUN.finditer(sentence)]
    for m in matches:
        cue = m.group("cue").strip().lower() if "cue" in m.groupdict() else "the"
        kind = (m.group("kind") or "").lower()
        base = m.start("names")
        for offset, name in _split_names(m.group("names")):
            start = base + offset
            end = start + len(name)
            name = name.rstrip("’'-")
            end = start + len(name)
            if name.lower() in _NOT_PLACES or name.split()[0].lower() in _NOT_PLACES:
                continue
            if any(s < end and start < e for s, e in excluded):
                continue
            if any(h.start == start for h in hints):
                continue
            after = sentence[end : end + 2]
            if " " not in name and _DEMONYM.search(name) and re.match(r" [a-z]", after):
                continue
            broad = bool(_BROAD_KIND.fullmatch(kind)) or bool(
                _BROAD_AFTER.match(sentence[end : end + 15])
            )
            specific = bool(kind) and not broad
            hints.append(PlaceHint(start, end, name, cue, broad, specific))
    return hints


def hint_key(name: str) -> str:
    """Return a spelling-tolerant key for comparing two place names."""
    key = re.sub(r"[^a-z]", "", name.lower())
    key = re.sub(r"^(?:al|el|ar|an|as|ad|ash|az)(?=[a-z]{3})", "", key)
    key = re.sub(r"(.)\1+", r"\1", key)
    return re.sub(r"[aeiouy]+", "", key)[:8]


__all__ = ["PlaceHint", "find_place_hints", "hint_key"]
