"""Casualty figures in one sentence: who was killed or injured, how many, on which side.

Reads the two ways news states a toll: the passive ("At least 22 soldiers were killed",
"Seven security personnel were killed, several wounded") and the active ("killing at least 7
soldiers and wounding 16", "killed the additional 25"), plus totals ("1 fatality", "the death
toll rose to 14"), explicit zeros ("no casualties were reported") and counts without a
number ("All the members were killed": unknown, not zero).

The phrases that state casualties are a table of token patterns, `CASUALTY_PATTERNS` (as
spaCy's Matcher writes them): each is a sequence of token slots and names the function that
reads its figures; `match_pattern` finds the first one that a token starts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from strife.extraction.lexicon import get_lexicon
from strife.extraction.numbers import Quantity, is_year, quantity_at
from strife.extraction.text import Token, tokenize
from strife.model import (
    INTER_CIVILIANS,
    INTER_EXTERNAL,
    INTER_PROTESTERS,
    INTER_RIOTERS,
    INTER_STATE,
)
from strife.resources import Resources

KILLED = frozenset(
    """killed killing kill kills dead died die dies death deaths slain murdered executed bodies body
    beheaded perished massacred fatalities fatality lifeless""".split()
)
INJURED = frozenset("injured injuring injures injury injuries wounded wounding wounds hurt".split())
# Verb forms that take their victims after them ("killing 7 soldiers", "wounded 16").
_ACTIVE = frozenset(
    """killed killing kill kills murdered executed beheaded massacred injured injuring injures
    wounded wounding wounds assassinated lynched""".split()
)
_ING = frozenset("killing wounding injuring".split())
_AUX = frozenset("were was been are is be being have has had reportedly also all".split())
_PASSIVE_AUX = frozenset("were was been are is be being get got gets".split())
_ADVERBS = frozenset("reportedly also all allegedly later reported subsequently".split())
_SUBSET = frozenset("including include includes among of whom them".split())
_ADDITIVE = frozenset("another other additional further more".split())
_WORDS = Resources.lexicons.words
_MONTHS = _WORDS.lower(_WORDS.months, _WORDS.month_abbreviations)
_STOP = frozenset(";:()[]")
_FOUND = re.compile(
    r"\b(?:found|discovered|recovered|retrieved|brought|received|dumped|lay|lying|exhumed)\b",
    re.IGNORECASE,
)
_PREPOSITIONS = frozenset("of in at on near from by with for during after who which that".split())
_ADVERB_WORDS = frozenset("reportedly also allegedly later subsequently fatally".split())
_TO_DEATH_VERBS = frozenset(
    "stabbed beaten beat hacked shot burned burnt stoned tortured clubbed crushed".split()
)
# Heads that are not victims even after "a"/"an": "a bomb was ... killed", "a car".
_NOT_VICTIM = re.compile(
    r"^(?:bomb|blast|explosion|car|vehicle|truck|house|building|mine|device|shell|rocket|"
    r"missile|drone|strike|raid|attack|clash|fire|week|day|month|year|series|number|total|"
    r"group|convoy|road|village|town|city)s?$"
)
# "a lot of", "a number of", "a handful of": an amount, not one victim.
_AMOUNT_NOUNS = frozenset("lot lots number handful few couple host majority series total".split())
# Nouns that make "a/an X" a single victim ("a man was killed", "killing a protester").
_SINGULAR = re.compile(
    r"^(?:man|woman|child|boy|girl|baby|infant|youth|civilian|resident|villager|farmer|"
    r"soldier|policeman|policewoman|officer|guard|member|militant|fighter|rebel|"
    r"protester|demonstrator|student|teacher|journalist|leader|commander|driver|trader|"
    r"shepherd|herder|worker|person|local|child|teenager|girl|elder|chief|cleric|imam|"
    r"priest|pastor|doctor|nurse|official|activist|politician|candidate|businessman|"
    r"vendor|merchant|passer-by|pedestrian|suspect|gunman|attacker|assailant|bomber|"
    r"jihadist|insurgent|extremist|terrorist|recruit|conscript|serviceman|trooper|"
    r"security guard|lawyer|judge|mayor|councillor|village head|owner|wife|husband|son|"
    r"daughter|mother|father|brother|sister|relative|motorcyclist|pupil|patient)s?$"
)
_ZERO = re.compile(
    r"\b(?:no|neither|zero|nor|without)\b(?: \w+){0,4}? (?:fatalit|casualt|deaths?\b|killed|dead\b"
    r"|loss of li|injur|wound|victims)|\b(?:no one|nobody|none) (?:was|were) (?:killed|hurt|"
    r"injured|wounded)|\bno (?:one|body) died",
    re.IGNORECASE,
)
_NO_INFO = re.compile(r"\bno (?:information|details|word|confirmation|data)\b", re.IGNORECASE)
# ACLED notes: "10 fatalities split up between 3 events", "spread across two locations",
# "Fatalities are split across 4 events (2)": this event has its share only.
# Counts of events or places a toll is split over: "two" .. "twelve" in words.
_SPLIT_WORDS = {word: n for word, n in _WORDS.units.items() if 2 <= n <= 12}
_SPLIT = re.compile(
    r"\b(?:split|spread|divided|distributed)(?: up| out)? (?:evenly )?(?:between|among|across|"
    rf"into|over) (\d{{1,4}}|{'|'.join(_SPLIT_WORDS)}) "
    r"(?:events|locations|areas|places|days)(?: \((\d{1,5})\))?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Casualty:
    """One casualty figure in a sentence (offsets into the sentence)."""

    kind: str  # "killed" or "injured"
    value: int | None  # None: an unknown number ("all the members were killed")
    low: int | None
    high: int | None
    vague: bool  # "several", "dozens": an ACLED convention figure, not a reported number
    qualifier: str | None
    group: str  # "state", "nonstate", "civilians", "unknown"
    actor: str | None  # canonical actor name when the victims are a named actor
    additive: bool  # "another 5", "five other militants": adds to earlier figures
    total: bool  # "1 fatality", "the death toll rose to 14": a total, not one side
    start: int
    end: int
    phrase: str  # the victims as written ("Iraqi soldiers")
    coded: bool = False  # a coder's own total ("1 fatality", "coded as 4"), not a report


@dataclass(frozen=True, slots=True)
class CasualtyReading:
    """Everything one sentence says about casualties."""

    figures: tuple[Casualty, ...]
    zero_deaths: bool
    zero_injured: bool
    split_into: int = 1  # the toll is shared by this many events ("split between 3 events")
    split_share: int | None = None  # ... and this event's stated share, when given


@dataclass(frozen=True, slots=True)
class ActorSpan:
    """A known actor's span in the sentence, for naming the victims' side."""

    start: int
    end: int
    name: str
    inter: int


def _inter_group(inter: int) -> str:
    if inter == INTER_STATE:
        return "state"
    if inter in (INTER_CIVILIANS, INTER_RIOTERS, INTER_PROTESTERS):
        return "civilians"
    if inter == INTER_EXTERNAL:
        return "external"
    return "nonstate"


def classify_victims(
    phrase: str, start: int, end: int, actors: Sequence[ActorSpan]
) -> tuple[str, str | None]:
    """Return (group, actor name) for a victims phrase."""
    for actor in actors:
        if actor.start < end and start < actor.end:
            return _inter_group(actor.inter), actor.name
    victims = get_lexicon().victims
    # The head noun decides: "IS members" is non-state, "members of the security forces" state.
    words = phrase.lower()
    best: tuple[int, str] | None = None
    for group in ("civilians", "state", "nonstate"):
        pattern = victims.get(group)
        if pattern is None:
            continue
        for m in pattern.finditer(words):
            if (
                best is None
                or m.start() > best[0]
                or (m.start() == best[0] and group != "civilians")
            ):
                best = (m.start(), group)
    if best is not None:
        if "members" in words and " of " in words:
            tail = words.split(" of ", 1)[1]
            for group in ("state", "nonstate"):
                pattern = victims.get(group)
                if pattern is not None and pattern.search(tail):
                    return group, None
        return best[1], None
    return "unknown", None


def _is_date_number(tokens: list[Token], i: int) -> bool:
    """Tell whether the number at token i is a date or an age, never a count of people."""
    if is_year(tokens, i):
        return True
    before = tokens[i - 1].lower if i > 0 else ""
    after = " ".join(t.lower for t in tokens[i + 1 : i + 4])
    # "a 58-year-old man", "a man, 58 years old", "two women aged 64 and 68"
    if before in ("aged", "age") or after.startswith(("- year-old", "year-old", "years old")):
        return True
    if before == "and" and i > 1 and tokens[i - 2].text.isdigit() and i > 2:
        if tokens[i - 3].lower in ("aged", "age"):
            return True
    return after.split(" ", 1)[0] in _MONTHS or before in _MONTHS


# Words that end the noun phrase after a count: punctuation, prepositions, conjunctions.
_PHRASE_END = frozenset(
    """, . in at on during when after by and as while with near from who which that to over for
    because amid following including inside outside into across since before under within
    without""".split()
)


def _phrase_after(tokens: list[Token], i: int, limit: int = 6) -> tuple[int, int]:
    """Token range [i, j) of the noun phrase after a number (stops at verbs, punctuation)."""
    j = i
    while j < len(tokens) and j - i < limit:
        word = tokens[j].lower
        if word in KILLED or word in INJURED or word in _AUX or tokens[j].text in _STOP:
            break
        if word in _PHRASE_END:
            break
        j += 1
    return i, j


def _not_people(tokens: list[Token], start: int, end: int) -> bool:
    pattern = get_lexicon().victims.get("not_people")
    if pattern is None or start >= end:
        return False
    return bool(pattern.fullmatch(tokens[start].lower))


def _quantity_before(tokens: list[Token], k: int) -> tuple[Quantity, int, int] | None:
    """Find the count a passive casualty verb at token k refers to: (quantity, np start, np end)."""
    lowest = max(0, k - 14)
    i = k - 1
    while i >= lowest:
        tok = tokens[i]
        if tok.text in {";", ":"} or tok.lower in KILLED or tok.lower in INJURED:
            break
        if tok.text == "." and i < k - 1:
            break
        quantity = quantity_at(tokens, i)
        if quantity is not None and not _is_date_number(tokens, quantity.first):
            # take the longest reading that starts here (qualifier included)
            back = i - 1
            while back >= lowest:
                wider = quantity_at(tokens, back)
                if wider is None or wider.last < quantity.last:
                    break
                quantity, back = wider, back - 1
            if quantity.first > 0 and tokens[quantity.first - 1].lower in _SUBSET:
                i = quantity.first - 1
                continue
            np_start, np_end = _phrase_after(tokens, quantity.last + 1)
            if _not_people(tokens, np_start, np_end):
                return None
            return quantity, np_start, np_end
        i -= 1
    return None


# What may stand between an active verb and its count: "killing and wounding", "the",
# "an additional", quotation marks.
_BEFORE_COUNT = frozenset("and or the an additional another other some".split()) | frozenset(
    "\"“”'‘’"
)


def _quantity_after(tokens: list[Token], k: int) -> tuple[Quantity, int, int] | None:
    """Find the count an active casualty verb at token k takes: "killing at least 7 soldiers"."""
    i = k + 1
    if i < len(tokens) and tokens[i].lower == "by":
        return None  # "stabbed to death by four men": the killers, not the victims
    # skip "and wounding", "and injured", "the", "an additional"
    while i < len(tokens) and i <= k + 4:
        word = tokens[i].lower
        if word in _BEFORE_COUNT or word in KILLED or word in INJURED:
            if word == "some" and quantity_at(tokens, i) is not None:
                break
            i += 1
            continue
        break
    if i >= len(tokens):
        return None
    quantity = quantity_at(tokens, i)
    if quantity is None or _is_date_number(tokens, quantity.first):
        return None
    np_start, np_end = _phrase_after(tokens, quantity.last + 1)
    if _not_people(tokens, np_start, np_end):
        return None
    joined = any(t.lower == "and" for t in tokens[k + 1 : quantity.first])
    if joined and np_end < len(tokens):
        following = tokens[np_end].lower
        if following in KILLED or following in INJURED or following in _PASSIVE_AUX:
            return None  # "two killed and nine injured": nine is the next verb's count
    return quantity, np_start, np_end


def _singular(
    tokens: list[Token], k: int, forward: bool, *, aux: bool = True
) -> tuple[int, int, int] | None:
    """Find "a man", "an Iraqi soldier" next to a casualty verb: token range of the noun phrase."""
    if forward:
        i = k + 1
        if i < len(tokens) and tokens[i].lower in {"a", "an", "the", "his", "her", "their", "one"}:
            j = i + 1
            limit = i + 4
            while j < len(tokens) and j <= limit:
                word = tokens[j].lower
                if word.isdigit() and _is_date_number(tokens, j):
                    j, limit = j + 3, limit + 3  # "an 80-year-old villager": an age, skip it
                    continue
                if _SINGULAR.match(word):
                    return i + 1, j + 1, 1
                if not tokens[j].text[:1].isalpha() or word in _PREPOSITIONS:
                    break
                j += 1
            # "executed an individual", "killed a young male": any head but a thing
            if tokens[i].lower in {"a", "an"} and j > i + 1:
                if not _NOT_VICTIM.match(tokens[j - 1].lower):
                    return i + 1, j, 1
        return None
    # "A former bodyguard who worked for ... was shot dead": the subject's "a"/"an", as long
    # as no other verb of killing or count comes between.
    i = k - 1
    while i >= 0 and tokens[i].lower in _ADVERB_WORDS:
        i -= 1
    if aux:
        if i < 0 or tokens[i].lower not in _PASSIVE_AUX:
            return None
        i -= 1
    lowest = max(0, i - 20)
    j = i
    others = 0  # "A guard ... and another guard were killed": one victim more each
    while j >= lowest:
        word = tokens[j].lower
        if tokens[j].text in {";", ":"} or word in KILLED or word in INJURED:
            return None
        if word == "another" and j > 0 and tokens[j - 1].lower == "and":
            others += 1
        lone_another = word == "another" and not (j > 0 and tokens[j - 1].lower == "and")
        if (word in {"a", "an", "one"} or lone_another) and j + 1 <= i:
            head = j + 1
            end = head
            while end <= i and end < head + 4 and tokens[end].text[:1].isalpha():
                end += 1
            if _NOT_VICTIM.match(tokens[end - 1].lower) or tokens[head].lower in _AMOUNT_NOUNS:
                return None  # "a lot of gang members were killed" counts no one victim
            # "A man and a woman were killed": two victims
            count, back = 1, j - 1
            while back > 0 and tokens[back].lower in {"and", ","}:
                earlier = next(
                    (
                        b
                        for b in range(back - 1, max(-1, back - 9), -1)
                        if tokens[b].lower in {"a", "an", "one"}
                    ),
                    None,
                )
                if earlier is None:
                    break
                count, back = count + 1, earlier - 1
            return head, end, count + others
        j -= 1
    return None


# A count and the token range [start, end) of the noun phrase naming whom it counts.
_Found = tuple[Quantity, int, int]


@dataclass(slots=True)
class _Reading:
    """One sentence being read: its tokens and the figures found so far."""

    sentence: str
    tokens: list[Token]
    lowered: list[str]
    actors: Sequence[ActorSpan]
    figures: list[Casualty] = field(default_factory=list)
    used: set[int] = field(default_factory=set)  # tokens that start a figure already read


def _add_figure(
    reading: _Reading,
    kind: str,
    phrase_start: int,
    phrase_end: int,
    *,
    start: int,
    end: int,
    value: int | None,
    qualifier: str | None = None,
    low: int | None = None,
    high: int | None = None,
    vague: bool = False,
    additive: bool = False,
    total: bool = False,
    coded: bool = False,
) -> None:
    """Add one figure; the victims' side is read from the phrase between the two offsets."""
    phrase = reading.sentence[phrase_start:phrase_end]
    group, actor = classify_victims(phrase, phrase_start, phrase_end, reading.actors)
    reading.figures.append(
        Casualty(
            kind=kind,
            value=value,
            low=low,
            high=high,
            vague=vague,
            qualifier=qualifier,
            group=group,
            actor=actor,
            additive=additive,
            total=total,
            start=start,
            end=end,
            phrase=phrase,
            coded=coded,
        )
    )


def _add_count(
    reading: _Reading, kind: str, found: _Found | None, total: bool = False, coded: bool = False
) -> None:
    """Add the figure of a count and its victims ("at least 7 soldiers"), once per count."""
    if found is None:
        return
    quantity, np_start, np_end = found
    if quantity.first in reading.used:
        return
    reading.used.add(quantity.first)
    if kind == "injured" and quantity.vague:
        return  # ACLED's conventions are for deaths; vague injuries count nothing
    tokens, lowered = reading.tokens, reading.lowered
    if np_start < np_end:
        phrase_start, phrase_end = tokens[np_start].start, tokens[np_end - 1].end
    else:  # "the toll rose to 14": a count with no victims named
        phrase_start = phrase_end = tokens[quantity.last].end
    before = lowered[max(0, quantity.first - 2) : quantity.first]
    additive = any(w in _ADDITIVE for w in before) or any(
        w in _ADDITIVE for w in lowered[np_start:np_end]
    )
    kinds = {f.kind for f in reading.figures}
    if additive and kinds and kind not in kinds and "more" in lowered[np_start:np_end]:
        additive = False  # "three dead and 40 more hurt": more people, not more injured
    _add_figure(
        reading,
        kind,
        phrase_start,
        phrase_end,
        start=tokens[quantity.first].start,
        end=tokens[max(quantity.last, np_end - 1)].end,
        value=quantity.value,
        low=quantity.low,
        high=quantity.high,
        vague=quantity.vague,
        qualifier=quantity.qualifier,
        additive=additive,
        total=total,
        coded=coded,
    )


def _add_unknown(reading: _Reading, kind: str, k: int, found: _Found) -> None:
    """Add "All the members were killed": victims without a number (unknown, not zero)."""
    _, np_start, np_end = found
    tokens = reading.tokens
    start = tokens[np_start].start
    _add_figure(
        reading,
        kind,
        start,
        tokens[np_end - 1].end,
        start=start,
        end=tokens[k].end,
        value=None,
        qualifier="all",
    )


def _add_single(reading: _Reading, kind: str, span: tuple[int, int, int]) -> None:
    """Add "a man was killed", "killing a protester": victims counted one by one."""
    np_start, np_end, count = span
    if np_start - 1 in reading.used:
        return
    reading.used.add(np_start - 1)
    tokens = reading.tokens
    _add_figure(
        reading,
        kind,
        tokens[np_start].start,
        tokens[np_end - 1].end,
        start=tokens[np_start - 1].start,
        end=tokens[np_end - 1].end,
        value=count,
        low=count,
        high=count,
    )


# Words that state a death or injury without taking victims after them ("were found dead").
_INTRANSITIVE = frozenset("dead died die dies perished slain hurt deaths death fatally".split())


def _voice(lowered: list[str], k: int, compound: bool) -> tuple[bool, bool, bool]:
    """Return (compound, passive, active) for the casualty verb at token k.

    A compound phrase ("stabbed to death") is active unless an auxiliary comes first ("was
    stabbed to death"); then it reads as passive.
    """
    word = lowered[k]
    j = k - 1
    while j >= 0 and lowered[j] in _ADVERBS:
        j -= 1
    previous = lowered[j] if j >= 0 else ""
    # "was shot and killed", "were fatally assaulted": an auxiliary shortly before
    near_aux = any(w in _PASSIVE_AUX for w in lowered[max(0, k - 3) : k])
    if compound and (previous in _PASSIVE_AUX or (word == "fatally" and near_aux)):
        return False, True, False
    passive = not compound and (
        previous in _PASSIVE_AUX or (previous == "and" and near_aux) or word in _INTRANSITIVE
    )
    active = compound or (word in _ACTIVE and not passive)
    return compound, passive, active


def _verb_count(
    tokens: list[Token],
    lowered: list[str],
    k: int,
    verb_end: int,
    voice: tuple[bool, bool, bool],
) -> _Found | None:
    """Find the count a casualty verb at token k (ending at verb_end) refers to."""
    compound, passive, active = voice
    word = lowered[k]
    if word in _ING or compound:
        return _quantity_after(tokens, verb_end)
    if word in {"death", "deaths"} and lowered[k + 1 : k + 2] == ["of"]:
        # "resulted in the deaths of two soldiers"; not "protested over the death of two"
        earlier = set(lowered[max(0, k - 12) : k])
        if _RESULT_WORDS & set(lowered[max(0, k - 4) : k]) and not _MISHAP_WORDS & earlier:
            return _quantity_after(tokens, k + 1)
        return None
    if "number" in lowered[max(0, k - 3) : k] and _RISE_WORDS & set(lowered[k + 1 : k + 5]):
        # "the number of injured passengers rose to 10": the new total
        return _toll(tokens, k + 1)
    if word in {"injury", "injuries"} and lowered[k + 1 : k + 2] == ["to"]:
        return _quantity_after(tokens, k + 1)  # "... and injuries to 40 more"
    if passive:
        return _quantity_before(tokens, k)
    before = _quantity_before(tokens, k)
    after = _quantity_after(tokens, k) if active else None
    # "18 civilians injured": the count and its noun sit right before the participle
    if before is not None and before[2] >= k and after is None:
        return before
    if after is not None:
        return after
    if before is not None and not active:
        return before
    return None


_RISE_WORDS = frozenset("rose risen increased climbed grew reached stood stands".split())


def _with_companion(
    lowered: list[str], verb_end: int, span: tuple[int, int, int]
) -> tuple[int, int, int]:
    """Count "a ranger was killed alongside a militant": the one named with him died too."""
    after = lowered[verb_end + 1 : verb_end + 4]
    if after[:1] == ["alongside"]:
        rest = after[1:2]
    elif after[:2] in (["along", "with"], ["together", "with"]):
        rest = after[2:3]
    else:
        return span
    if rest and rest[0] in {"a", "an", "one"}:
        return span[0], span[1], span[2] + 1
    return span


def _relative_antecedent(lowered: list[str], k: int) -> tuple[int, int, int] | None:
    """Find "a soldier who (later) died": a singular noun phrase a relative clause hangs on."""
    i = k - 1
    while i >= 0 and lowered[i] in _ADVERB_WORDS | {"later", "subsequently", "since"}:
        i -= 1
    if i < 2 or lowered[i] not in {"who", "that"}:
        return None
    # "a soldier who", "a young boy who": the article up to three words before the pronoun
    for start in range(i - 2, max(-1, i - 5), -1):
        if lowered[start] in {"a", "an", "one"}:
            return start + 1, i, 1
        if not lowered[start].isalpha():
            return None
    return None


# Words that make "dead" a noun: "their dead", "the dead".
_NOUN_DETERMINERS = frozenset("the their its his her our your whose".split())
_NOUNS = frozenset("dead injured wounded".split())


def _read_verb(reading: _Reading, pattern: TokenPattern, k: int) -> None:
    """Read the victims of a casualty verb: a count, "all the ...", or "a man"."""
    tokens, lowered = reading.tokens, reading.lowered
    if lowered[k] in _NOUNS and k > 0 and lowered[k - 1] in _NOUN_DETERMINERS:
        return  # "mourners buried their dead", "one of the injured": the people, no count
    verb_end = k + len(pattern.slots) - 1  # the verb's last token ("shot dead")
    antecedent = _relative_antecedent(lowered, k)
    if antecedent is not None:
        # "seven people hurt, including a soldier who later died": one died, the soldier
        _add_single(reading, pattern.kind, antecedent)
        return
    voice = _voice(lowered, k, pattern.compound)
    _, passive, active = voice
    found = _verb_count(tokens, lowered, k, verb_end, voice)
    if found is None and passive:
        unknown = _all_of(tokens, k)
        if unknown is not None:
            _add_unknown(reading, pattern.kind, k, unknown)
            return
    if found is None:
        span = _singular(tokens, verb_end if active else k, forward=active)
        if span is None and lowered[k] in {"died", "die", "dies", "perished"}:
            # "A 60-year-old woman and a man died": the subject, with no auxiliary
            span = _singular(tokens, k, forward=False, aux=False)
        if span is not None:
            span = _with_companion(lowered, verb_end, span)
            _add_single(reading, pattern.kind, span)
        return
    _add_count(reading, pattern.kind, found)
    if passive:
        # "Six gunmen and one soldier were killed": every count of a coordinated subject
        for extra in _coordinated(tokens, found[0].first):
            _add_count(reading, pattern.kind, extra)
        # "Two gendarmes were killed, two police officers and four civilians"
        for extra in _listed_after(tokens, verb_end):
            _add_count(reading, pattern.kind, extra)


def _read_toll(reading: _Reading, pattern: TokenPattern, k: int) -> None:
    """Read "the death toll rose to 14": a total, not one side's figure."""
    start = k + 2
    if reading.lowered[start : start + 1] in (["from"], ["in"]):
        # "the death toll from Wednesday's protests in the capital has risen to 16": the
        # figure follows the verb of rising, past the event's description
        verb = next(
            (
                j
                for j in range(start + 1, min(len(reading.lowered), start + 16))
                if reading.lowered[j] in _RISE_WORDS or reading.lowered[j] in _STOP
            ),
            None,
        )
        if verb is not None and reading.lowered[verb] in _RISE_WORDS:
            start = verb + 1
    _add_count(reading, pattern.kind, _toll(reading.tokens, start), total=True)


def _read_fatalities(reading: _Reading, pattern: TokenPattern, k: int) -> None:
    """Read "1 fatality", "fatalities coded as 4": a coder's own total."""
    found = _total_fatalities(reading.tokens, k)
    _add_count(reading, pattern.kind, found, total=True, coded=True)


def _read_bodies(reading: _Reading, pattern: TokenPattern, k: int) -> None:
    """Read "the bodies of two civilians were found", "ten bodies were brought in"."""
    if not _FOUND.search(reading.sentence):
        return
    if reading.lowered[k + 1 : k + 2] == ["of"]:
        found = _quantity_after(reading.tokens, k + 1)
    else:
        found = _quantity_before(reading.tokens, k)
    _add_count(reading, pattern.kind, found)


Slot = frozenset[str] | None  # the lowered words a token may be; None: any token


@dataclass(frozen=True, slots=True)
class TokenPattern:
    """A named casualty phrase, written as spaCy's Matcher writes one: a slot per token.

    `read` turns a match at token k into figures (spaCy's on_match callback).
    """

    name: str
    kind: str  # "killed" or "injured"
    slots: tuple[Slot, ...]
    read: Callable[[_Reading, TokenPattern, int], None]
    compound: bool = False  # an active verb phrase of several words ("shot dead")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The phrases that state casualties. The first pattern that matches wins, so the longer
# phrases come before the single words they start with ("death toll" before "death").
CASUALTY_PATTERNS: tuple[TokenPattern, ...] = (
    # "shot dead a civilian", "gunned down two men"
    # (not "shot down": that is what happens to drones and aircraft)
    TokenPattern("shot dead", "killed", (_words("shot"), _words("dead")), _read_verb, True),
    TokenPattern(
        "gunned down", "killed", (_words("gunned"), _words("dead down")), _read_verb, True
    ),
    # "stabbed to death", "beaten to death"
    TokenPattern(
        "to death", "killed", (_TO_DEATH_VERBS, _words("to"), _words("death")), _read_verb, True
    ),
    # "fatally shot the leader", "were fatally assaulted"
    TokenPattern("fatally", "killed", (_words("fatally"), None), _read_verb, True),
    TokenPattern("death toll", "killed", (_words("death deaths"), _words("toll")), _read_toll),
    TokenPattern("fatalities", "killed", (_words("fatalities fatality"),), _read_fatalities),
    TokenPattern("bodies", "killed", (_words("bodies body"),), _read_bodies),
    TokenPattern("killed", "killed", (KILLED,), _read_verb),
    TokenPattern("injured", "injured", (INJURED,), _read_verb),
    TokenPattern("assassinated", "killed", (_words("assassinated lynched"),), _read_verb),
)


def index_patterns(patterns: Sequence[TokenPattern]) -> dict[str, tuple[TokenPattern, ...]]:
    """Return the patterns by each word their first slot takes, in table order."""
    index: dict[str, list[TokenPattern]] = {}
    for pattern in patterns:
        first = pattern.slots[0]
        if first is None:
            raise ValueError(f"casualty pattern {pattern.name!r} must start with given words")
        for word in first:
            index.setdefault(word, []).append(pattern)
    return {word: tuple(found) for word, found in index.items()}


_BY_FIRST_WORD = index_patterns(CASUALTY_PATTERNS)


def match_pattern(
    words: Sequence[str],
    k: int,
    index: Mapping[str, tuple[TokenPattern, ...]] = _BY_FIRST_WORD,
) -> TokenPattern | None:
    """Return the first pattern whose slots the lowered words from token k fill, or None."""
    for pattern in index.get(words[k], ()):
        end = k + len(pattern.slots)
        if end <= len(words) and all(
            slot is None or word in slot
            for slot, word in zip(pattern.slots, words[k:end], strict=True)
        ):
            return pattern
    return None


def _split_share(sentence: str) -> tuple[int, int | None]:
    """Read "split between 3 events (2)": how many events share the toll, and this one's part."""
    split = _SPLIT.search(sentence)
    if not split:
        return 1, None
    word = split.group(1).lower()
    divisor = int(word) if word.isdigit() else _SPLIT_WORDS.get(word, 1)
    share = int(split.group(2)) if split.group(2) else None
    return divisor, share


def _zeros(sentence: str) -> tuple[bool, bool]:
    """Return (no deaths, no injuries) as the sentence states them ("no casualties")."""
    zero = _ZERO.search(sentence)
    if not zero or _NO_INFO.search(sentence):
        return False, False
    said = zero.group(0).lower()
    zero_injured = bool(re.search(r"injur|wound|casualt", said))
    zero_deaths = bool(
        re.search(r"fatalit|casualt|death|killed|dead|died|loss of li|victims", said)
    )
    if "nor injur" in sentence.lower() or "nor wound" in sentence.lower():
        zero_injured = True
    return zero_deaths, zero_injured


def find_casualties(sentence: str, actors: Sequence[ActorSpan] = ()) -> CasualtyReading:
    """Return the casualty figures one sentence states."""
    tokens = tokenize(sentence)
    reading = _Reading(sentence, tokens, [t.lower for t in tokens], actors)
    k = 0
    while k < len(tokens):
        pattern = match_pattern(reading.lowered, k)
        if pattern is None:
            k += 1
            continue
        pattern.read(reading, pattern, k)
        k += len(pattern.slots)
    figures = reading.figures
    if _PERFECT.search(sentence) and _SINCE.search(sentence):
        # "More than 100 people have died in raids since November", "90 fighters have been
        # killed this year": a tally over a campaign is context, not one incident's toll.
        figures = []
    zero_deaths, zero_injured = _zeros(sentence)
    divisor, share = _split_share(sentence)
    return CasualtyReading(tuple(figures), zero_deaths, zero_injured, divisor, share)


# A perfect-tense toll ("have died", "has been killed") ...
_PERFECT = re.compile(
    r"\b(?:have|has)\s(?:(?:now|so far|reportedly|also)\s)?(?:been\s)?"
    r"(?:killed|died|dead|wounded|injured|slain|lost their lives|left|claimed)\b",
    re.IGNORECASE,
)
# ... counted over a period rather than in one incident.
_SINCE = re.compile(
    r"\b(?:since|so far|to date|this year|in recent (?:days|weeks|months|years)"
    r"|(?:in|over|during) the (?:past|last) (?:\w+ )?(?:days|weeks|months|years)"
    r"|(?:[\w]+-year|decade-long|years-long|months-long) (?:conflict|war|insurgency|rebellion"
    r"|campaign|crisis|uprising))\b",
    re.IGNORECASE,
)


def _coordinated(tokens: list[Token], first: int) -> list[tuple[Quantity, int, int]]:
    """Counts joined to the one at token `first` by "and" or commas, right to left."""
    found: list[tuple[Quantity, int, int]] = []
    while first > 0 and tokens[first - 1].lower in {"and", ",", "as well as"}:
        joint = first - 1
        best: tuple[Quantity, int, int] | None = None
        for start in range(max(0, joint - 8), joint):
            quantity = quantity_at(tokens, start)
            if quantity is None or _is_date_number(tokens, quantity.first):
                continue
            np_start, np_end = _phrase_after(tokens, quantity.last + 1)
            if np_end == joint or (np_start == np_end and quantity.last + 1 == joint):
                best = (quantity, np_start, np_end)
                break
        if best is None or _not_people(tokens, best[1], best[2]):
            break
        found.append(best)
        first = best[0].first
    return found


_RESULT_WORDS = frozenset(
    "resulted resulting result results led leading leads caused causing causes left leaving "
    "claimed claiming ended ending".split()
)
# Deaths from mishaps ("an accident that led to the death of four") are not conflict deaths.
_MISHAP_WORDS = frozenset("accident accidents collapse crash illness disease flood floods".split())
# What may close a list of counts: the sentence's end or who said it ("..., they added.").
_LIST_CLOSE = re.compile(
    r"^\s*(?:[.;!]|,\s*(?:[\w'’-]+\s+){0,4}?(?:said|added|says|adds|reported|told|stated)\b|$)"
)


def _listed_after(tokens: list[Token], verb: int) -> list[tuple[Quantity, int, int]]:
    """Counts listed after a passive verb and a comma, with no verb of their own."""
    found: list[tuple[Quantity, int, int]] = []
    i = verb + 1
    if i + 1 >= len(tokens) or tokens[i].text != "," or tokens[i + 1].lower == "and":
        return []
    while i < len(tokens) and tokens[i].lower in {",", "and"}:
        i += 1
        if i < len(tokens) and tokens[i].lower == "and":
            i += 1
        quantity = quantity_at(tokens, i, allow_vague=False) if i < len(tokens) else None
        if quantity is None or _is_date_number(tokens, quantity.first):
            break
        np_start, np_end = _phrase_after(tokens, quantity.last + 1)
        if np_start == np_end or _not_people(tokens, np_start, np_end):
            break
        found.append((quantity, np_start, np_end))
        i = np_end
    # The list must close the sentence: anything else after it ("..., four civilians were
    # hurt", "one hostage with injuries was freed") gives those counts a verb of their own.
    if found:
        end = found[-1][2]
        rest = " ".join(t.text for t in tokens[end:])
        if not _LIST_CLOSE.match(rest):
            return []
    return found


def _toll(tokens: list[Token], i: int) -> tuple[Quantity, int, int] | None:
    """Read "[death toll] rose to 14", "[death toll] of 14", "[death toll] stands at 14"."""
    j = i
    while j < len(tokens) and j <= i + 4:
        quantity = quantity_at(tokens, j)
        if quantity is not None and not _is_date_number(tokens, quantity.first):
            if j > 0 and tokens[j - 1].lower == "from":
                # "the toll rose from four to 14": four is the old figure, 14 the new one
                if quantity.high > quantity.value:
                    new = replace(quantity, value=quantity.high, low=quantity.high)
                    return new, quantity.last + 1, quantity.last + 1
                j = quantity.last + 1
                continue
            return quantity, quantity.last + 1, quantity.last + 1
        j += 1
    return None


def _total_fatalities(tokens: list[Token], k: int) -> tuple[Quantity, int, int] | None:
    """Read "1 fatality", "10 fatalities", "fatalities coded as 4", "unknown fatalities ... 10"."""
    if k > 0:
        quantity = None
        for start in range(max(0, k - 4), k):
            found = quantity_at(tokens, start, allow_vague=False)
            if found is not None and found.last == k - 1:
                quantity = found
                break
        if quantity is not None and not _is_date_number(tokens, quantity.first):
            return quantity, k, k
    j = k + 1
    while j < len(tokens) and j <= k + 8:
        if tokens[j].lower == "coded" and j + 2 < len(tokens) and tokens[j + 1].lower == "as":
            quantity = quantity_at(tokens, j + 2, allow_vague=False)
            if quantity is not None:
                return quantity, k, k
        j += 1
    return None


def _all_of(tokens: list[Token], k: int) -> tuple[Quantity, int, int] | None:
    """Read "All the [IS] members were killed" (an unknown number): the victims' token range."""
    i = k - 1
    while i >= 0 and tokens[i].lower in _AUX - {"all"}:
        i -= 1
    end = i + 1
    j = i
    while j >= max(0, i - 6):
        if tokens[j].lower in {"all", "everyone", "everybody"}:
            dummy = Quantity(0, 0, 0, True, "all", j, j)
            return dummy, j + 1, end
        if tokens[j].text in {",", ".", ";", ":"}:
            return None
        j -= 1
    return None


__all__ = [
    "CASUALTY_PATTERNS",
    "ActorSpan",
    "Casualty",
    "CasualtyReading",
    "TokenPattern",
    "classify_victims",
    "find_casualties",
    "index_patterns",
    "match_pattern",
]
