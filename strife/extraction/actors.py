"""Recognise armed actors in text and give them ACLED-style canonical names.

The lexicon lives in `strife/data/actors.yaml` (named groups with their aliases, generic
words such as "soldiers" or "villagers", and the country words used to resolve them). This
module compiles it once per process into dictionaries keyed by token tuples, so that
matching is a single left-to-right pass over the tokens with dictionary look-ups: no
per-alias regular expression, whatever the size of the lexicon.

Naming decisions (see the comment block at the top of the YAML file):

* Names are ACLED's actor names *without* the government-period suffix: ACLED writes
  "Military Forces of Iraq (2014-)", we write "Military Forces of Iraq" (as the project's
  gold does). The suffix depends on the event date, which this module does not know, and
  scorers compare names with the suffix removed.
* Acronyms (IS, ISIS, TTP, SDF) match case-sensitively as whole words; names match
  whatever their case.
* Generic words are resolved with a country: from a country word right before them
  ("Iraqi troops", "Nigeria's army") or else from the `country` argument.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import yaml

from strife.datafiles import read_data
from strife.model import INTER_EXTERNAL, INTER_POLITICAL_MILITIA, INTER_STATE
from strife.resources import Resources

DATA_FILE = "actors.yaml"

KINDS = frozenset(
    {
        "state",
        "rebel",
        "political_militia",
        "identity_militia",
        "rioters",
        "protesters",
        "civilians",
        "external",
    }
)

# Words, not acronyms: the letters IS, AS, US in a shouted headline ("WHAT IS LEFT") must
# not be read as an acronym, so these acronyms need a neighbour that is not all capitals.
_WORDLIKE_ACRONYMS = frozenset({"is", "as", "us", "it", "an", "or", "at", "aa", "am", "on", "al"})

# A token is a run of letters/digits, possibly joined by apostrophes ("People's").
# Hyphens, slashes and dots separate tokens, so "al-Shabaab" = "al Shabaab".
_TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
# Starts only where a run of spaces starts, so a search over a long run stays linear.
_YEAR_SUFFIX = re.compile(r"(?<!\s)\s*+\(\s*+\d{4}\s*+-\s*+(?:\d{4})?\s*+\)")
_TEMPLATE_COUNTRY = re.compile(r"\s*(?:of\s+)?\(?\{country\}\)?")
# How many words after "residents" may hold the cue ("residents of X village staged a protest").
_CUE_WINDOW = 10


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One actor mention: the span as written and the canonical actor it names."""

    start: int
    end: int
    text: str
    name: str
    inter: int
    kind: str
    country: str | None
    generic: bool


@dataclass(frozen=True, slots=True)
class _Entry:
    """One lexicon entry: a named actor, or a generic template such as 'Civilians ({country})'."""

    name: str
    inter: int
    kind: str
    countries: tuple[str, ...] = ()
    generic: bool = False
    # Generic words that are only an actor right after a country word ("Iraqi forces").
    needs_country: bool = False
    # Words that are only an actor next to a protest or riot cue ("people blocked a road").
    needs_cue: bool = False
    # Generic words that are only an actor in articles about these countries ("coalition").
    only_in: frozenset[str] = frozenset()
    # Country -> another entry's name ("IS" in Nigeria is ISWAP, "coalition" in Yemen is
    # the Saudi-led one).
    regional: Mapping[str, str] = field(default_factory=dict)
    # (first day of the current name, the name before it), latest first
    until: tuple[tuple[date, str], ...] = ()

    @property
    def template(self) -> bool:
        """Return True when the name has a {country} slot."""
        return "{country}" in self.name


@dataclass(frozen=True)
class ActorLexicon:
    """The compiled lexicon: token-tuple dictionaries and their lookup limits."""

    phrases: dict[tuple[str, ...], _Entry]  # normalised tokens, any case
    exact: dict[tuple[str, ...], _Entry]  # tokens as written (acronyms)
    countries: dict[tuple[str, ...], str]  # names and demonyms: usable as adjectives
    places: dict[tuple[str, ...], str]  # capitals, cities, regions: country detection only
    countries_exact: dict[tuple[str, ...], str]  # "US", "UK", "DRC" as written
    by_name: dict[str, _Entry]  # canonical name (lower case) -> entry
    the_countries: frozenset[str]  # "Military Forces of the Philippines"
    heads: frozenset[str]  # "militants" in "IS militants": absorbed into a named span
    fillers: frozenset[str]  # "government" in "Iraqi government forces"
    country_blockers: Mapping[tuple[str, ...], frozenset[str]]  # "Niger" before "State"
    protest_cues: frozenset[str]  # "residents staged a protest" -> protesters
    riot_cues: frozenset[str]  # "villagers pelted stones" -> rioters
    maxlen: int = 1
    first: frozenset[str] = frozenset()
    first_exact: frozenset[str] = frozenset()


# --------------------------------------------------------------------------- tokens


def _norm(token: str) -> str:
    """Return the matching key of a token: case-folded, unaccented, no apostrophes."""
    t = token.casefold()
    if not t.isascii():
        t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
        t = t.replace("\u2019", "'")
    if t.endswith("'s"):
        t = t[:-2]  # possessive: "Iraq's army", "People's Army" both lose it
    return t.replace("'", "")


def _exact(token: str) -> str:
    """Return a token as written minus a possessive ending ("ISIS's" -> "ISIS")."""
    if token.endswith(("'s", "\u2019s")):
        return token[:-2]
    return token


def _tokens(text: str) -> tuple[list[tuple[int, int, str]], list[str]]:
    """Split text into (start, end, as-written) tokens and their normalised keys."""
    raw = [(m.start(), m.end(), _exact(m.group())) for m in _TOKEN.finditer(text)]
    return raw, [_norm(t[2]) for t in raw]


def _key(phrase: str) -> tuple[str, ...]:
    """Return the normalised token tuple of a lexicon phrase."""
    return tuple(_norm(m.group()) for m in _TOKEN.finditer(phrase))


def _raw_key(phrase: str) -> tuple[str, ...]:
    """Return the token tuple of a phrase as written (for case-sensitive entries)."""
    return tuple(_exact(m.group()) for m in _TOKEN.finditer(phrase))


def _is_acronym(alias: str) -> bool:
    """Return True for aliases with no lower-case letter (matched case-sensitively)."""
    return not any(c.islower() for c in alias) and any(c.isalpha() for c in alias)


# --------------------------------------------------------------------------- loading


def _load_yaml() -> dict[str, Any]:
    """Read the lexicon file shipped with the package."""
    text = read_data(DATA_FILE)
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"{DATA_FILE}: expected a mapping at the top level")
    return data


def _add(
    table: dict[tuple[str, ...], _Entry], key: tuple[str, ...], entry: _Entry, alias: str
) -> None:
    """Add one alias, refusing an alias that two different actors claim."""
    if not key:
        return
    other = table.get(key)
    if other is not None and other.name != entry.name:
        raise ValueError(
            f"{DATA_FILE}: alias {alias!r} names both {other.name!r} and {entry.name!r}"
        )
    table.setdefault(key, entry)  # the first listing wins: "residents" is a term, not a cue word


def _country_tables(
    data: Mapping[str, Any],
) -> tuple[
    dict[tuple[str, ...], str], dict[tuple[str, ...], str], dict[tuple[str, ...], str], set[str]
]:
    """Build country-word tables from the YAML `countries` section and pycountry names."""
    import pycountry

    names: dict[tuple[str, ...], str] = {}
    places: dict[tuple[str, ...], str] = {}
    exact: dict[tuple[str, ...], str] = {}
    the: set[str] = set()
    listed: dict[str, str] = {}  # iso2 -> ACLED name
    section = data.get("countries") or {}
    for name, info in section.items():
        info = info or {}
        if info.get("iso2"):
            listed[str(info["iso2"])] = name
        if info.get("the"):
            the.add(name)
        # Demonyms have one home, countries.yaml, shared with the gazetteer.
        demonyms = Resources.lexicons.countries.demonym_forms(str(info.get("iso2", "")))
        for word in [name, *info.get("names", []), *demonyms]:
            (exact if _is_acronym(word) else names)[
                _raw_key(word) if _is_acronym(word) else _key(word)
            ] = name
        for word in info.get("places", []):
            places[_key(word)] = name
    for word in data.get("shared_places") or []:
        places[_key(word)] = ""  # names several countries share: imply none of them
    for country in pycountry.countries:
        acled = listed.get(country.alpha_2) or getattr(country, "common_name", None) or country.name
        for word in (country.name, getattr(country, "common_name", None), acled):
            if word and "," not in word:
                names.setdefault(_key(word), acled)
    return names, places, exact, the


def load_actor_lexicon() -> ActorLexicon:
    """Compile the YAML lexicon (once per process, through `Resources.lexicons.actors`)."""
    data = _load_yaml()
    phrases: dict[tuple[str, ...], _Entry] = {}
    exact: dict[tuple[str, ...], _Entry] = {}
    by_name: dict[str, _Entry] = {}

    def register(entry: _Entry, aliases: Iterable[str], acronyms: Iterable[str]) -> None:
        if entry.kind not in KINDS:
            raise ValueError(f"{DATA_FILE}: {entry.name!r} has unknown kind {entry.kind!r}")
        if not INTER_STATE <= entry.inter <= INTER_EXTERNAL:
            raise ValueError(f"{DATA_FILE}: {entry.name!r} has inter {entry.inter}, not 1-8")
        by_name.setdefault(entry.name.lower(), entry)
        for alias in aliases:
            if _is_acronym(alias):
                _add(exact, _raw_key(alias), entry, alias)
            else:
                _add(phrases, _key(alias), entry, alias)
        for alias in acronyms:
            _add(exact, _raw_key(alias), entry, alias)

    for item in data.get("generic") or []:
        entry = _Entry(
            name=item["name"],
            inter=int(item["inter"]),
            kind=item["kind"],
            generic=True,
            regional=dict(item.get("regional") or {}),
            only_in=frozenset(item.get("only_in") or ()),
        )
        register(entry, item.get("terms", []), item.get("acronyms", []))
        register(replace(entry, needs_country=True), item.get("after_country", []), [])
        register(replace(entry, needs_cue=True), item.get("with_cue", []), [])
    named: set[str] = set()
    for region in data.get("actors") or {}:
        for item in data["actors"][region] or []:
            entry = _Entry(
                name=item["name"],
                inter=int(item["inter"]),
                kind=item["kind"],
                countries=tuple(item.get("countries") or ()),
                generic=bool(item.get("generic", False)),
                regional=dict(item.get("regional") or {}),
                until=tuple(
                    sorted(
                        (
                            (date.fromisoformat(str(day)), str(old))
                            for day, old in (item.get("until") or {}).items()
                        ),
                        reverse=True,
                    )
                ),
            )
            if entry.name.lower() in named:
                raise ValueError(f"{DATA_FILE}: {entry.name!r} is listed twice")
            named.add(entry.name.lower())
            names = [entry.name, _YEAR_SUFFIX.sub("", entry.name)]
            acronyms = list(item.get("acronyms") or [])
            if ": " in entry.name:
                # "LeT: Lashkar-e-Taiba": the long name is an alias, the short one an acronym
                # (case-sensitive, so that "Let" stays a verb).
                short, long = entry.name.split(": ", 1)
                names.append(long)
                acronyms.append(short)
            register(entry, [*names, *item.get("aliases", [])], acronyms)

    country_names, places, countries_exact, the = _country_tables(data)
    blockers = {
        ("*",) if word == "*" else _key(word): frozenset(_norm(w) for w in after)
        for word, after in (data.get("country_blockers") or {}).items()
    }
    keys = [*phrases, *exact, *country_names, *places, *countries_exact]
    return ActorLexicon(
        phrases=phrases,
        exact=exact,
        countries=country_names,
        places=places,
        countries_exact=countries_exact,
        by_name=by_name,
        the_countries=frozenset(the),
        heads=frozenset(_norm(w) for w in data.get("head_nouns") or []),
        fillers=frozenset(_norm(w) for w in data.get("fillers") or []),
        country_blockers=blockers,
        protest_cues=frozenset(_norm(w) for w in data.get("protest_cues") or []),
        riot_cues=frozenset(_norm(w) for w in data.get("riot_cues") or []),
        maxlen=max((len(k) for k in keys), default=1),
        first=frozenset(k[0] for k in [*phrases, *country_names, *places]),
        first_exact=frozenset(k[0] for k in [*exact, *countries_exact]),
    )


# --------------------------------------------------------------------------- matching


def _longest(
    table: Mapping[tuple[str, ...], Any], toks: list[str], i: int, maxlen: int
) -> tuple[int, Any]:
    """Return (length, value) of the longest table key starting at token i, or (0, None)."""
    for n in range(min(maxlen, len(toks) - i), 0, -1):
        value = table.get(tuple(toks[i : i + n]))
        if value is not None:
            return n, value
    return 0, None


def _shouting(words: list[str], i: int, n: int) -> bool:
    """Return True when the tokens around [i, i+n) are all capitals (a shouted headline)."""
    neighbours = [words[j] for j in (i - 1, i + n) if 0 <= j < len(words)]
    return bool(neighbours) and all(w.isupper() and len(w) > 1 for w in neighbours)


def _country_at(
    lex: ActorLexicon, words: list[str], toks: list[str], i: int
) -> tuple[int, str | None]:
    """Return (length, country) of a country name or demonym starting at token i.

    Country words must be capitalised: "Chad", "Turkey", "Jordan" are names only then.
    """
    if words[i][:1].isupper():
        if words[i] in lex.first_exact:
            n, country = _longest(lex.countries_exact, words, i, lex.maxlen)
            if country and not _shouting(words, i, n):  # "CAR BOMB KILLS" is no country
                return n, country
        if toks[i] in lex.first:
            n, country = _longest(lex.countries, toks, i, lex.maxlen)
            if country:
                return n, country
    return 0, None


def _country_before(
    lex: ActorLexicon, words: list[str], toks: list[str], i: int
) -> tuple[int, str | None]:
    """Find a country word ending right before token i (skipping fillers like 'government').

    Returns the index of its first token and the country, or (i, None).
    """
    end = i
    while end > 0 and toks[end - 1] in lex.fillers and i - end < 2:
        end -= 1
    for n in range(min(4, end), 0, -1):
        j = end - n
        length, country = _country_at(lex, words, toks, j)
        if country and length == n:
            return j, country
    return i, None


def _fill(lex: ActorLexicon, entry: _Entry, country: str | None) -> str:
    """Put a country into a template name ('Civilians ({country})')."""
    if not entry.template:
        return entry.name
    if country is None:
        return _TEMPLATE_COUNTRY.sub("", entry.name)
    if "of {country}" in entry.name and country in lex.the_countries:
        return entry.name.replace("{country}", f"the {country}")
    return entry.name.replace("{country}", country)


def _resolve(lex: ActorLexicon, entry: _Entry, country: str | None) -> _Entry:
    """Follow a country-specific redirect ('IS' in Nigeria -> ISWAP)."""
    if country and country in entry.regional:
        target = entry.regional[country]
        resolved = lex.by_name.get(target.lower())
        if resolved is not None:
            return resolved
        return _Entry(target, entry.inter, entry.kind, (country,), generic=entry.generic)
    return entry


def _mention(
    lex: ActorLexicon, text: str, start: int, end: int, entry: _Entry, country: str | None
) -> ActorMention:
    """Build the ActorMention of an entry found at text[start:end]."""
    entry = _resolve(lex, entry, country)
    if entry.template:
        return ActorMention(start, end, text[start:end], _fill(lex, entry, country), entry.inter,
                            entry.kind, country, True)  # fmt: skip
    home = country if country in entry.countries else None
    if home is None and entry.countries and (entry.kind == "state" or len(entry.countries) == 1):
        home = entry.countries[0]  # a state's forces belong to the first country listed
    return ActorMention(start, end, text[start:end], entry.name, entry.inter, entry.kind, home,
                        entry.generic)  # fmt: skip


def _cued(lex: ActorLexicon, toks: list[str], i: int, n: int, entry: _Entry) -> _Entry:
    """Turn 'residents' into protesters or rioters when the words around say so.

    "Residents staged a protest" names protesters, "villagers pelted stones" rioters; a
    cue within the next few words, or just before ("protesting farmers", "a protest by
    students"), decides. Everything else stays civilians.
    """
    after = toks[i + n : i + n + _CUE_WINDOW]
    before = toks[max(0, i - 2) : i]
    # Riot cues first: a demonstration that turns violent is a riot in ACLED's terms.
    for kind, cues in (("rioters", lex.riot_cues), ("protesters", lex.protest_cues)):
        if (
            any(t in cues for t in after)
            or (before and before[-1] in cues)
            or (len(before) == 2 and before[0] in cues and before[1] in ("by", "of"))
        ):
            return lex.by_name.get(f"{kind} ({{country}})", entry)
    return entry


def find_actors(text: str, country: str | None = None) -> list[ActorMention]:
    """Find actor mentions in text, in order, with canonical names and inter codes."""
    if not text:
        return []
    lex = Resources.lexicons.actors
    raw, toks = _tokens(text)
    words = [t[2] for t in raw]
    found: list[ActorMention] = []
    i = last = 0  # `last`: first token after the previous mention
    while i < len(toks):
        n, entry = 0, None
        if words[i] in lex.first_exact:
            n, entry = _longest(lex.exact, words, i, lex.maxlen)
            if entry is not None and toks[i] in _WORDLIKE_ACRONYMS and _shouting(words, i, n):
                n, entry = 0, None
        if toks[i] in lex.first:
            m, other = _longest(lex.phrases, toks, i, lex.maxlen)
            if m > n:
                n, entry = m, other
        if entry is None:
            i += 1
            continue
        start, end, where = raw[i][0], raw[i + n - 1][1], country
        if entry.template or entry.regional:
            j, named = _country_before(lex, words, toks, i)
            if named and _BREAK.search(text, raw[j][0], raw[i][0]):
                # "southern Thailand, police said": the country ends a phrase of its own
                j, named = i, None
            if named and j >= last:
                start, where = raw[j][0], named
                # "Turkish and Russian forces": the first country's forces are named too.
                if j >= last + 2 and toks[j - 1] in ("and", "or"):
                    k, other_country = _country_before(lex, words, toks, j - 1)
                    if other_country and k >= last and entry.template:
                        found.append(
                            _mention(lex, text, raw[k][0], raw[j - 2][1], entry, other_country)
                        )
            elif entry.needs_country:
                i += 1
                continue
        if entry.only_in and where not in entry.only_in:
            i += 1
            continue
        if entry.kind == "state" and toks[i + n : i + n + 1] and toks[i + n] in _CLOTHES:
            # "gunmen in military uniforms" are not the military
            i += n
            continue
        if entry.kind == "civilians" and entry.template:
            cued = _cued(lex, toks, i, n, entry)
            if cued is entry and entry.needs_cue:
                i += 1
                continue
            entry = cued
        if not entry.generic:
            # "IS militants", "Houthi rebels": the head noun belongs to the named actor.
            k = i + n
            while k < len(toks) and k - (i + n) < 2 and toks[k] in lex.heads:
                k += 1
            end = raw[k - 1][1]
            n = k - i
        found.append(_mention(lex, text, start, end, entry, where))
        i += n
        last = i
    states = _states_as_subjects(lex, text, raw, toks, found)
    if states:
        found = sorted([*found, *states], key=lambda m: m.start)
    return found


# Punctuation between a country word and a force's noun: they are not one name.
_BREAK = re.compile(r"[,;:()\[\]]")
# Words after "military", "police" or "army" that make it a costume, not a force.
_CLOTHES = frozenset(
    {"uniform", "uniforms", "fatigues", "attire", "garb", "outfit", "outfits", "camouflage",
     "clothing", "clothes", "gear"}
)  # fmt: skip
# Verbs of attack whose subject, when a country, is that country's armed forces.
_ATTACK_VERBS = frozenset(
    {"shelled", "struck", "attacked", "bombed", "bombarded", "pounded", "targeted", "invaded",
     "launched", "fired", "downed", "intercepted", "shot",
     # headlines speak in the present: "Russia pounds Dnipro", "Israel strikes Rafah"
     "shells", "strikes", "attacks", "bombs", "bombards", "pounds", "invades", "launches",
     "fires", "targets"}
)  # fmt: skip
# Verbs that are an attack only with a weapon or an attack after them ("launched a probe").
_NEEDS_WEAPON = frozenset({"launched", "fired", "shot", "launches", "fires", "targets"})
_WEAPON_WORDS = frozenset(
    {"attack", "attacks", "strike", "strikes", "airstrike", "airstrikes", "missile", "missiles",
     "rocket", "rockets", "drone", "drones", "shelling", "shells", "offensive", "raid", "raids",
     "bombs", "artillery", "barrage", "salvo", "salvos", "projectiles", "munitions", "shaheds",
     "down", "mortars", "mortar", "rounds", "series", "wave", "waves"}
)  # fmt: skip
# "struck a deal", "struck a balance": not an attack.
_NOT_ATTACKED = frozenset({"deal", "deals", "agreement", "accord", "balance", "chord", "tone"})
# "fighting in Ukraine struck": a country after these words is a place, not a subject.
_PLACE_BEFORE = frozenset(
    {"in", "of", "from", "to", "against", "with", "on", "at", "for", "over", "into", "across"}
)


def _states_as_subjects(
    lex: ActorLexicon,
    text: str,
    raw: list[tuple[int, int, str]],
    toks: list[str],
    found: list[ActorMention],
) -> list[ActorMention]:
    """A country that attacks is its military: "Russia launched drones", "Russians shelled"."""
    entry = lex.by_name.get("military forces of {country}")
    if entry is None or _ATTACK_VERBS.isdisjoint(toks):
        return []
    words = [t[2] for t in raw]
    added: list[ActorMention] = []
    for i, tok in enumerate(toks):
        if tok not in _ATTACK_VERBS or i == 0:
            continue
        after = toks[i + 1 : i + 7]
        if tok in _NEEDS_WEAPON and not any(t in _WEAPON_WORDS for t in after):
            continue
        if any(t in _NOT_ATTACKED for t in after[:3]):
            continue
        end = i - 1 if toks[i - 1] in ("has", "have", "had") else i
        for n in range(min(3, end), 0, -1):
            j = end - n
            length, country = _country_at(lex, words, toks, j)
            if not country or length != n:
                continue
            if j > 0 and toks[j - 1] in _PLACE_BEFORE:
                break
            start, stop = raw[j][0], raw[end - 1][1]
            if not any(m.start < stop and start < m.end for m in found):
                added.append(_mention(lex, text, start, stop, entry, country))
            break
    return added


# --------------------------------------------------------------------------- other API

_PATTERNED = re.compile(
    r"^(?P<head>Civilians|Protesters|Rioters|Unidentified Armed Group|Unidentified Gang)"
    r"\s*\((?P<country>[^()]+)\)$"
)
_STATE_NAME = re.compile(r"^(?P<head>Military|Police) Forces of (?:the )?(?P<rest>.+)$")


def _state_name(lex: ActorLexicon, name: str) -> ActorMention | None:
    """Read 'Military Forces of Iraq Popular Mobilization Forces' as Iraq's state forces."""
    match = _STATE_NAME.match(name)
    if not match:
        return None
    words = match.group("rest").split()
    known = set(lex.countries.values())
    for k in range(len(words), 0, -1):
        country = " ".join(words[:k])
        if country in known:
            return ActorMention(0, len(name), name, name, 1, "state", country, False)
    return None


def canonical_actor(name: str, country: str | None = None) -> ActorMention | None:
    """Return the canonical actor a name or alias stands for ('ISIL' -> 'Islamic State')."""
    text = name.strip()
    if not text:
        return None
    lex = Resources.lexicons.actors
    bare = " ".join(_YEAR_SUFFIX.sub("", text).split())
    entry = lex.by_name.get(bare.lower())
    if entry is not None and not entry.template:
        return _mention(lex, bare, 0, len(bare), entry, country)
    match = _PATTERNED.match(bare)
    if match:
        head, where = match.group("head"), match.group("country").strip()
        template = lex.by_name.get(f"{head} ({{country}})".lower())
        if template is not None:
            return _mention(lex, bare, 0, len(bare), template, where)
    state = _state_name(lex, bare)
    if state is not None:
        return state
    # "Journalists (Pakistan)": a country in brackets is the country of generic words.
    qualifier = re.search(r"\(([^()]+)\)$", bare)
    if qualifier and qualifier.group(1) in lex.countries.values():
        country = qualifier.group(1)
    mentions = find_actors(text, country)
    if not mentions:
        return None
    # The longest mention is the one the name is about ("Iraqi army soldiers").
    return max(mentions, key=lambda m: m.end - m.start)


# The words after "government" that make it the armed forces ("government troops").
_GOVERNMENT_FORCES = frozenset(
    {"forces", "force", "troops", "troop", "soldiers", "soldier", "army", "militia", "militias",
     "offensive", "offensives", "artillery", "warplanes", "warplane", "aircraft", "jets",
     "helicopters", "drones", "airstrikes", "air", "strikes", "shelling", "bombardment",
     "positions", "checkpoint", "checkpoints", "units", "side", "fighters"}
)  # fmt: skip


def fill_country(template: str, country: str) -> str:
    """Put a country into an actor name template ("Police Forces of the Philippines")."""
    lex = Resources.lexicons.actors
    the = "the " if "of {country}" in template and country in lex.the_countries else ""
    return template.replace("{country}", f"{the}{country}")


def government_of(text: str, country: str | None = None) -> tuple[int, str] | None:
    """Return (offset, "Government of X") for the first government a text names.

    "Colombia's government", "the Malian government", "the government of Chad", or a bare
    "the government" (of `country`); "government troops" are the military, not this.
    """
    lex = Resources.lexicons.actors
    raw, toks = _tokens(text)
    words = [t[2] for t in raw]
    for i, tok in enumerate(toks):
        if tok not in ("government", "governments"):
            continue
        if i + 1 < len(toks) and toks[i + 1] in _GOVERNMENT_FORCES:
            continue
        j, named = _country_before(lex, words, toks, i)
        if named is None and toks[i + 1 : i + 2] == ["of"] and i + 2 < len(toks):
            _, named = _country_at(lex, words, toks, i + 2)
        named = named or country
        if named:
            the = "the " if named in lex.the_countries else ""
            return raw[j][0], f"Government of {the}{named}"
    return None


def name_on(name: str, day: date | None) -> str:
    """Return the name ACLED gave an actor on a day ("AMISOM" before it became ATMIS)."""
    if day is None:
        return name
    entry = Resources.lexicons.actors.by_name.get(name.lower())
    if entry is None:
        return name
    for first_day, older in entry.until:
        if day < first_day:
            name = older
    return name


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """Return ACLED's interaction code: 10*min+max, 0 standing for a missing side."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


def unidentified(country: str | None) -> ActorMention:
    """Return the 'Unidentified Armed Group (Country)' actor for unknown perpetrators."""
    name = f"Unidentified Armed Group ({country})" if country else "Unidentified Armed Group"
    return ActorMention(0, 0, "", name, INTER_POLITICAL_MILITIA, "political_militia", country, True)


def detect_countries(text: str) -> list[str]:
    """Return the countries a text names or implies, most-mentioned first (ACLED names)."""
    if not text:
        return []
    lex = Resources.lexicons.actors
    raw, toks = _tokens(text)
    words = [t[2] for t in raw]
    score: dict[str, float] = {}
    first: dict[str, int] = {}

    def add(country: str, weight: float, at: int) -> None:
        score[country] = score.get(country, 0.0) + weight
        first.setdefault(country, at)

    anywhere = lex.country_blockers.get(("*",), frozenset())
    i = 0
    while i < len(toks):
        n, country = _country_at(lex, words, toks, i)
        if country is not None:
            after = toks[i + n] if i + n < len(toks) else ""
            if after in anywhere or after in lex.country_blockers.get(tuple(toks[i : i + n]), ()):
                n, country = 0, None
        if words[i][:1].isupper() and toks[i] in lex.first:
            # A longer place name wins: "Niger State" is in Nigeria, "Lake Chad" (mapped
            # to "") in no single country.
            m, place = _longest(lex.places, toks, i, lex.maxlen)
            if m > n:
                n, country = m, place
        if country is None:
            i += 1
            continue
        if country:
            add(country, 1.0, i)
        i += n
    # A named actor with one home country implies it ("Hezbollah" -> Lebanon), weakly.
    for mention in find_actors(text):
        if not mention.generic and mention.country:
            add(mention.country, 0.5, len(toks))
    return sorted(score, key=lambda c: (-score[c], first[c]))
