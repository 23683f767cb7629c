"""Text side of place recognition: tokens, runs of capitalised words, cues, candidate spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

from strife.geocode import lexicon
from strife.geocode.gazetteer import KIND_ABBREVIATION, KIND_DEMONYM, Gazetteer, NameMatch
from strife.geocode.names import name_key, name_skeleton

# An apostrophe inside a word is part of it ("Sa'dah", "Dar'a", "Sana'a"), except before a
# possessive "s" ("Iraq's" is "Iraq" and "'s").
# "J&K" (Jammu and Kashmir) is one word, as "U.S." is.
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|[A-Z]&[A-Z]\b|[^\W\d_]+(?:['’](?![sS]\b)[^\W\d_]+)*|\d+(?:[.,]\d+)*|\S"
)
_ADJECTIVES = (
    r"(?:(?:desert|border|strategic|restive|troubled|volatile|war-torn|embattled|lawless|"
    r"provincial|nearby|small|remote|key|main|"
    r"coastal|mountainous|rural|frontier|ancient|old|holy|major|capital|besieged|"
    # "Iraq's second-largest city", "the country's biggest port"
    r"(?:second|third|fourth|fifth)(?:[- ]?(?:largest|biggest|most populous))?|largest|biggest|"
    r"(?:north|south|east|west|central)(?:[- ]?(?:east|west))?(?:ern)?)\s+)*"
)
_FEATURE_BEFORE = re.compile(
    r"(?:\bthe\s+)?" + _ADJECTIVES + r"(?P<word>village|town|city|district|sub-?district|province"
    r"|governorate|region|area|capital|hamlet|suburb|neighbou?rhood|camp|municipality|county"
    r"|state|township)s?\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_DIRECTION = r"(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?"
_CUE_BEFORE = re.compile(
    r"(?P<cue>(?:(?:about|some|around|approximately|nearly|roughly|almost|only)\s+)?"
    r"(?P<distance>\d+(?:[.,]\d+)?)\s*(?:-\s*)?(?P<unit>km|kms|kilometers?|kilometres?|miles?)"
    r"\s+(?:to\s+the\s+)?(?P<direction>" + _DIRECTION + r")\s+of"
    r"|(?:to\s+the\s+|in\s+the\s+)?" + _DIRECTION + r"\s+of"
    r"|(?:on\s+|in\s+)?(?:the\s+)?outskirts\s+of|in\s+the\s+vicinity\s+of|near(?:by)?|close\s+to"
    r"|around|outside(?:\s+of)?|in|at|on|from|to|into|toward|towards|across|inside|within"
    r"|through|throughout|via|between|of|and|or)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_FEATURE_AFTER = re.compile(
    r"^\s+(?P<word>villages?|towns?|city|district|districts|sub-?districts?|provinces?"
    r"|governorates?|region|areas?|county|parish|state|oblast|prefecture|camp|emirate)\b",
    re.IGNORECASE,
)
# Written so that a long run of spaces is not tried at every split ("\s*" then "\s+"), which
# costs time quadratic in the gap between two mentions; it matches the same gaps.
LIST_GAP = re.compile(r"^\s*(?:,\s*(?:(?:and|or)\s+)?|(?<=\s)(?:and|or)\s+)$")
SENTENCE_END = set('.!?\n"“”:;(')

# A weak cue introduces places but also times, people and things ("in May", "at Reuters").
STRONG_CUES = re.compile(
    r"near|close|around|outskirts|vicinity|outside|of$|km|mile|north|south|east|west"
)


@dataclass(slots=True)
class Token:
    """A word, number or punctuation mark with its offsets."""

    start: int
    end: int
    text: str

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()

    @property
    def is_cap(self) -> bool:
        return self.text[0].isupper()


# Lower-case second halves of hyphenated words that leave the first half a name: "US-led".
_ENGLISH_SUFFIXES = frozenset(
    "led backed based held controlled run owned born bred style type made wide bound linked "
    "allied aligned affiliated funded sponsored brokered dominated occupied administered "
    "speaking friendly oriented era level class bound borne born backed registered flagged "
    "built supported trained inspired related focused sized".split()
)
# Starts only where a word starts (tokens do): from inside a long word every position would
# rescan the rest of it, quadratic in the word's length.
_COMPOUND = re.compile(r"(?<![^\W\d_])[A-Z][^\W\d_]*(?:-(?:[^\W_]+))+")


def tokens_of(text: str) -> list[Token]:
    """Split text into tokens (dotted abbreviations such as "U.S." stay whole).

    A capitalised hyphenated word whose later parts are not all capitalised is one token:
    "Ti-n-Agadel", "Pul-e-Hisar", "Bau-bau", "BM-21" are names as a whole, while "US-led"
    keeps "US" apart and "Al-Qaim" is read word by word.
    """
    tokens = [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    if "-" not in text:
        return tokens
    merged: list[Token] = []
    spans = {m.start(): m for m in _COMPOUND.finditer(text)}
    i = 0
    while i < len(tokens):
        token = tokens[i]
        compound = spans.get(token.start)
        if compound is not None and token.is_word:
            parts = compound.group().split("-")[1:]
            lower = [p for p in parts if not p[0].isupper()]
            if lower and not (len(parts) == 1 and parts[0].lower() in _ENGLISH_SUFFIXES):
                merged.append(Token(compound.start(), compound.end(), compound.group()))
                while i < len(tokens) and tokens[i].start < compound.end():
                    i += 1
                continue
        merged.append(token)
        i += 1
    return merged


# Capitalised function words (headlines are in title case) end a run; "The" may start one.
_RUN_BREAKERS = frozenset(
    "near in at on from to into for with by after before as says said and or but is are was "
    "were the a an amid over under against across kills killed kill attack attacks".split()
)


_MAX_CANDIDATES = 60
_MAX_FUZZY = 20
_ABBREVIATED = frozenset({"st", "ste", "mt", "ft", "pt"})


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of lines written in title case (headlines)."""
    lines = []
    offset = 0
    for line in text.split("\n"):
        words = [w for w in re.findall(r"[^\W\d_]{4,}", line)]
        if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words):
            lines.append((offset, offset + len(line)))
        offset += len(line) + 1
    return lines


_MAX_RUN = 32  # tokens in one run of capitalised words


def runs_of(text: str, tokens: list[Token]) -> list[list[int]]:
    """Group token indexes into runs of capitalised words joined by spaces, hyphens, connectors."""
    runs: list[list[int]] = []
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        starts = token.is_word and token.is_cap and token.text.lower() not in _RUN_BREAKERS
        if token.text == "The":
            starts = True
        if (
            not starts
            and token.text.lower() in lexicon.LOWER_ARTICLES
            and i + 2 < n
            and tokens[i + 1].text == "-"
            and tokens[i + 2].is_cap
            and token.end == tokens[i + 1].start == tokens[i + 2].start - 1
        ):
            starts = True  # "al-Rabt"
        if not starts:
            i += 1
            continue
        members = [i]
        k = i + 1
        # A run longer than any name is a headline or a list; cut it, or the checks on a
        # span's neighbours in the run grow with the square of its length.
        while k < n and len(members) < _MAX_RUN:
            previous, current = tokens[k - 1], tokens[k]
            gap = text[previous.end : current.start]
            if (
                current.text == "."
                and gap == ""
                and previous.text.lower() in _ABBREVIATED
                and k + 1 < n
                and tokens[k + 1].is_cap
                and text[current.end : tokens[k + 1].start] == " "
            ):
                members.append(k + 1)  # "St. Louis", "Ft. Worth"
                k += 2
                continue
            if current.text == "-" and gap == "" and k + 1 < n:
                following = tokens[k + 1]
                if following.is_word and following.start == current.end and following.is_cap:
                    members += [k, k + 1]
                    k += 2
                    continue
                break
            if gap != " ":
                break
            if current.is_word and current.is_cap:
                if current.text.lower() in _RUN_BREAKERS:
                    break  # "Soldiers Near Ramadi" in a headline is two names at most
                members.append(k)
                k += 1
                continue
            lower = current.text.lower()
            if lower in lexicon.CONNECTORS and k + 1 < n:
                following = tokens[k + 1]
                if following.is_cap and text[current.end : following.start] == " ":
                    members.append(k)
                    k += 1
                    continue
                if (
                    following.text.lower() in lexicon.CONNECTORS
                    and k + 2 < n
                    and tokens[k + 2].is_cap
                    and text[current.end : following.start] == " "
                    and text[following.end : tokens[k + 2].start] == " "
                ):
                    members += [k, k + 1]  # "Martinez de la Torre", "Santa Cruz de la Sierra"
                    k += 2
                    continue
                if (
                    following.text == "-"
                    and following.start == current.end
                    and k + 2 < n
                    and tokens[k + 2].is_cap
                    and tokens[k + 2].start == following.end
                ):
                    members += [k, k + 1, k + 2]  # "Hashd al-Shaabi", "Deir ez-Zor"
                    k += 3
                    continue
            break
        runs.append([m for m in members if tokens[m].is_word])
        i = k
    return runs


# Every cue ends with one of these words (then an optional "the"): a cheap first test.
_CUE_LAST_WORDS = frozenset(
    "of near nearby to around outside in at on from into toward towards across inside within "
    "through throughout via between and or".split()
)
_LAST_WORDS = re.compile(r"([A-Za-z]+)\s+(?:([A-Za-z]+)\s+)?$")


_ADJECTIVE_BEFORE = re.compile(
    r"(?<=\s)(?:rural|urban|central|downtown|(?:north|south)(?:-?(?:east|west))?ern|eastern"
    r"|western)\s+$",
    re.IGNORECASE,
)


# A kind word between the cue and the name: "near village Kalyanpur", "in district Kupwara".
# Not the parts of a town (barangay, colonia): ACLED codes the town, and their names are
# namesakes of places far away.
_KIND_BEFORE = re.compile(
    r"(?<=\s)(?P<word>village|town|hamlet|township|district|sub-?district|county"
    r"|municipality|commune|locality|kebele|woreda|settlement)\s+$",
    re.IGNORECASE,
)


_POSSESSOR_BEFORE = re.compile(
    r"(?<![\w'’-])(?:(?:[A-Z][\w-]*(?: [A-Z][\w-]*)?['’]s (?:"
    + _ADJECTIVES
    + r"(?P<word>capital|city|town|village|province|state|region|district|county|port) |"
    + _ADJECTIVES
    + r"))|the (?:capital|city|town|port)(?:,)? )$"
)


def cue_before(text: str, start: int) -> tuple[str | None, str | None]:
    """Return (relation, feature hint) from the words just before a mention."""
    window = text[max(0, start - 80) : start]
    kind = _KIND_BEFORE.search(window, max(0, len(window) - 24))
    if kind:
        relation, hint = cue_before(text, start - (len(window) - kind.start()))
        if relation and relation != "of":
            word = kind.group("word").lower().rstrip(".")
            return relation, hint or lexicon.FEATURE_WORDS.get(word, "city")
    # "in Uganda's capital Kampala", "in Syria's Idlib", "in the capital, Kinshasa": the
    # cue stands before the possessor or the appositive noun, and puts the event at the name.
    owner = _POSSESSOR_BEFORE.search(window, max(0, len(window) - 48))
    if owner:
        relation, _hint = cue_before(text, start - (len(window) - owner.start()))
        if relation and relation != "of":
            word = (owner.group("word") or "").lower()
            return relation, lexicon.FEATURE_WORDS.get(word, "city") if word else None
    # "in rural Ras al Ain", "in central Moscow": the cue stands before the adjective.
    adjective = _ADJECTIVE_BEFORE.search(window, max(0, len(window) - 24))
    if adjective:
        window = window[: adjective.start()] + " "
    last = _LAST_WORDS.search(window[-24:])
    if last is None:
        return None, None
    word = (last.group(2) or last.group(1)).lower()
    if word == "the" and last.group(2):
        word = last.group(1).lower()
    if word not in _CUE_LAST_WORDS:
        return None, None
    hint = None
    # Only "... the town of X" has a feature word before the name; skip the search otherwise.
    feature = _FEATURE_BEFORE.search(window) if word == "of" else None
    tail = ""
    if feature:
        hint = lexicon.FEATURE_WORDS.get(feature.group("word").lower().rstrip("s"), "city")
        if feature.group("word").lower() in ("capital",):
            hint = "city"
        tail = window[feature.start() :]
        window = window[: feature.start()]
        if not window.endswith((" ", "\n")) and window:
            window += " "
    window = window[-48:]  # the longest cue ("about 30 km to the northwest of") fits
    cue = _CUE_BEFORE.search(window)
    if cue and cue.start() > 0 and window[cue.start() - 1].isalnum():
        cue = None  # "within" must not be read as "in"
    words = []
    if cue:
        words.append(cue.group("cue"))
    if tail:
        words.append(tail)
    relation = " ".join(" ".join(words).lower().split()) or None
    return relation, hint


_APPOSITIVE_KIND = re.compile(
    r"^,? (?:an? (?:[a-z-]+ ){0,2}?(?P<word>town|village|city|hamlet|locality|settlement|suburb)"
    r"|(?:located|situated) (?:in|near|on)"
    r"|in (?:a|an|the) (?:[\w-]+ ){0,3}?(?:province|region|state|district|county|area))\b"
)


def feature_after(text: str, end: int) -> tuple[str | None, bool]:
    """Return the kind of place a feature word after a mention names, and if it is plural."""
    match = _FEATURE_AFTER.match(text[end : end + 25])
    if not match:
        # "Puerto Nuevo, a small town in ...": an appositive says what the name is.
        appositive = _APPOSITIVE_KIND.match(text[end : end + 64])
        if appositive:
            word = (appositive.group("word") or "").lower()
            return lexicon.FEATURE_WORDS.get(word, "city"), False
        return None, False
    word = match.group("word").lower()
    hint = lexicon.FEATURE_WORDS.get(word, lexicon.FEATURE_WORDS.get(word.rstrip("s"), "city"))
    return hint, word.endswith("s") and word not in ("gas",)


@dataclass(slots=True)
class Span:
    """A stretch of a run looked up in the gazetteer, with what it matched."""

    run: int
    first: int  # index into the run
    last: int
    start: int
    end: int
    key: str
    candidates: list[tuple[NameMatch, bool]]  # (match, matched by skeleton only)
    demonym: str | None = None  # country code when the span is a demonym ("Iraqi")


def is_all_caps(text: str) -> bool:
    """Tell whether every letter of a text is upper case."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _is_acronym(text: str, span: Span, prose: dict[int, bool]) -> bool:
    """Tell whether a short all-caps word stands in running text (not a dateline or headline).

    In mixed-case prose a word like "GNA" or "MACA" is an acronym; a town is written "Gao".
    A dateline ("HIT, Iraq –") starts its line, and a line in capitals is a headline.

    Args:
        prose: whether the text around each 120-character block is mostly lower case.
    """
    if span.first != span.last or len(span.key) > 5:
        return False
    line_start = text.rfind("\n", 0, span.start) + 1
    if not text[line_start : span.start].strip() and _DATELINE_AFTER.match(text, span.end):
        return False
    # The words around it tell prose from a headline (a paragraph may be one long line).
    around = max(line_start, span.start - 120) // 120
    mixed = prose.get(around)
    if mixed is None:
        line_end = text.find("\n", span.end)
        stop = min(line_end if line_end >= 0 else len(text), around * 120 + 360)
        window = text[around * 120 : stop]
        mixed = prose[around] = len(_LOWER.findall(window)) > len(_UPPER.findall(window))
    return mixed


_DATELINE_AFTER = re.compile(r"\s*(?:[,(–—-]|$)")
_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")


def candidate_spans(
    text: str, tokens: list[Token], runs: list[list[int]], gazetteer: Gazetteer
) -> list[Span]:
    """Look every sub-span of every run up by key and skeleton; return them with matches."""
    spans: list[Span] = []
    for r, run in enumerate(runs):
        for a in range(len(run)):
            first = tokens[run[a]]
            if not first.is_cap and a > 0:
                continue  # a connector cannot start a name, except a leading "al-"
            for b in range(a, min(a + 6, len(run))):
                last = tokens[run[b]]
                if not last.is_cap:
                    continue
                key = name_key(text[first.start : last.end])
                if key:
                    spans.append(Span(r, a, b, first.start, last.end, key, []))
    keys = {s.key for s in spans}
    skeletons = {name_skeleton(k) for k in keys if len(k) >= 4}
    by_key = gazetteer.match_keys(keys)
    by_skeleton = gazetteer.match_skeletons(skeletons)
    prose: dict[int, bool] = {}
    for span in spans:
        caps = is_all_caps(text[span.start : span.end])
        acronym = caps and _is_acronym(text, span, prose)
        exact = by_key.get(span.key, [])
        seen = set()
        for match in exact:
            if match.kind == KIND_DEMONYM:
                span.demonym = match.place.country_code
                continue
            if match.kind == KIND_ABBREVIATION and not caps:
                continue
            if caps and len(span.key) <= 4 and match.kind == KIND_ABBREVIATION:
                if match.place.feature not in ("country", "admin1"):
                    continue  # airport codes and the like: "CNN" is not Kannur
            if acronym and match.place.feature != "country" and match.kind != KIND_ABBREVIATION:
                continue  # "GNA", "BLA", "QSD" in running text are organisations, not towns
            span.candidates.append((match, False))
            seen.add(match.place.geonameid)
        if len(span.candidates) > _MAX_CANDIDATES:  # "Springfield": the biggest will do
            span.candidates.sort(key=lambda c: c[0].place.population, reverse=True)
            del span.candidates[_MAX_CANDIDATES:]
        if len(span.key) >= 4 and not (caps and len(span.key) <= 5):
            fuzzy = [
                (match, True)
                for match in by_skeleton.get(name_skeleton(span.key), [])
                if match.place.geonameid not in seen and match.kind < KIND_ABBREVIATION
            ]
            fuzzy.sort(key=lambda c: c[0].place.population, reverse=True)
            span.candidates += fuzzy[:_MAX_FUZZY]
    return spans


def select_spans(spans: list[Span], runs: list[list[int]]) -> list[Span]:
    """Pick non-overlapping spans in each run, leftmost-longest, preferring exact matches."""
    by_run: dict[int, dict[tuple[int, int], Span]] = {}
    for span in spans:
        if span.candidates or span.demonym:
            by_run.setdefault(span.run, {})[(span.first, span.last)] = span
    chosen: list[Span] = []
    for r, table in by_run.items():
        i = 0
        length = len(runs[r])
        while i < length:
            best: Span | None = None
            for j in range(min(length - 1, i + 5), i - 1, -1):
                best = table.get((i, j))
                if best is not None:
                    break
            if best is None:
                i += 1
                continue
            chosen.append(best)
            i = best.last + 1
    return sorted(chosen, key=lambda s: s.start)
