"""Line-level cleaning of article text: what a reader sees, without the page's furniture.

Cleaning only ever drops whole lines (never rewrites them), so every sentence that survives
is exactly as the page gave it and evidence quotes can be checked against the source.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

# Photo captions and credits: agency photo credits, "File photo", "(AFP)" at a line's end.
_CAPTION = re.compile(
    r"AFP PHOTO|REUTERS/|\bAP Photo\b|Getty Images|\bFile (?:photo|image)\b|NO RESALES|"
    r"NO ARCHIVES|^(?:Photo|Photograph|Image|Picture|Credit|Caption)\s*:|\((?:Photo|Image)\b|"
    r"^(?:An? )?(?:screen ?grab|screenshot|video grab|still from a video)\b|"
    r"\((?:AFP|Reuters|AP|EPA|Getty|Xinhua|Anadolu)\)\s*$|/\s*(?:AFP|Reuters|EPA|AP)\s*$",
    re.IGNORECASE,
)
# "Forces are seen near X on June 27, 2016." is how agencies caption a photo.
_SEEN = re.compile(r"\b(?:is|are) seen\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# Bylines: "By Sara Idris", "BY", "Author: ...", "Reporting by ...; Editing by ...".
# Bylines: "By Sara Idris", "BY", "Author: ...", "Reporting by ...; Editing by ...".
# Case matters in the first form: "By nightfall the militants..." is a sentence.
_BYLINE = re.compile(
    r"^(?:By|BY)(?:\s+(?:[A-Z][\w.'’-]*|and|&|,))*\s*$|^(?i:author:)|"
    r"^(?i:(?:editing|reporting|writing|additional reporting|compiled|translated|edited|"
    r"written|posted) by\b)"
)
_SOCIAL = re.compile(
    r"^(?:share(?: this(?: article| story)?| on \w+)?|tweet|e-?mail|print|whatsapp|facebook|"
    r"twitter|linkedin|telegram|reddit|copy link|be social|follow(?: us)?(?: on \w+)?|"
    r"advertisement|sponsored|subscribe|sign up|log ?in|register|\d+ comments?)\W*$",
    re.IGNORECASE,
)
_PROMO = re.compile(
    r"^(?:read more|read also|also read|related|see also|watch|listen)\s*:|"
    r"\bclick here\b|all rights reserved",
    re.IGNORECASE,
)
# "A ... B" promo pairs are tested in two linear searches, not as one "A.*B" pattern, which
# backtracks quadratically over a long line that repeats A.
_PROMO_PAIRS = (
    (
        re.compile(r"\b(?:sign up|subscribe)\b", re.IGNORECASE),
        re.compile(r"\b(?:newsletter|updates|alerts)\b", re.IGNORECASE),
    ),
    (
        re.compile(r"\bcookies?\b", re.IGNORECASE),
        re.compile(r"\b(?:accept|policy)\b", re.IGNORECASE),
    ),
)
# A line after which the rest of the page is comments, forms or other articles' headlines.
_CUT = re.compile(
    r"^(?:leave a (?:reply|comment)|comments?|related (?:articles|posts|stories|news|content)|"
    r"you (?:may|might) also like|more (?:from|stories|on this|news)\b.*|"
    r"recommended(?: for you)?|most (?:read|popular|viewed)|trending(?: now)?|latest news|"
    r"post navigation|tags?:.*|share this:?|about the author|author:.*)\W*$",
    re.IGNORECASE,
)
_REQUIRED_NOTE = re.compile(r"email address will not be published|required fields are marked")
_SENTENCE_END = re.compile(r"[.!?…\"”’')\]]\s*$")
_LETTER = re.compile(r"[^\W\d_]")

# Datelines: "RAMADI, Iraq:", "BAGHDAD - 27 September 2017:", "ERBIL, Kurdistan Region
# (Kurdistan 24) –", "MAIDUGURI, Nigeria (Reuters) -", and the "Annah (" style some sites use.
_DATELINE_CAPS = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+)*)"
    r"(?P<region>(?:, [A-Z][\w'’.\-]*(?: (?:of|the|and|[A-Z][\w'’.\-]*))*)*)"
    r"\s*(?:\((?P<outlet>[^)]{1,40})\))?\s*(?P<date>[-–—]\s*[^:]{6,30}?)?\s*(?:--|[-–—:])\s"
)
_DATELINE_PAREN = re.compile(r"^(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+)?) \( ")
# A dateline fits in the first characters of a paragraph; matching only those keeps the
# dateline pattern's backtracking bounded on hostile lines (a long run of spaces after a
# capitalised word would otherwise cost time cubic in the run's length).
_DATELINE_WINDOW = 200

# Says whether a line is only a date: "bare", "timestamp" or "updated"; None otherwise.
DateLineTest = Callable[[str], str | None]


@dataclass
class Cleaned:
    """The outcome of cleaning: kept paragraphs and what was learnt on the way."""

    paragraphs: list[str]
    title: str
    dateline: str | None = None
    dateline_outlet: str | None = None
    dateline_date: str | None = None
    # (kind, line): "page" above the title, "updated"/"timestamp"/"bare" in the header,
    # "body" further down.
    date_lines: list[tuple[str, str]] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)


def _key(line: str) -> str:
    return re.sub(r"[\W_]+", "", line).lower()


def _is_title_copy(line: str, title_key: str) -> bool:
    """True for the title, the title with an "UPDATED:" tag, or the title pasted twice."""
    key = _key(line)
    if not title_key or not key:
        return False
    bare = re.sub(r"^(?:updated|breaking|exclusive|watch|video)", "", key)
    for candidate in (key, bare):
        if candidate and len(candidate) % len(title_key) == 0:
            if candidate == title_key * (len(candidate) // len(title_key)):
                return True
    return bare == re.sub(r"^(?:updated|breaking|exclusive|watch|video)", "", title_key)


def _followed_by(first: re.Pattern[str], then: re.Pattern[str], line: str) -> bool:
    """True when `then` matches somewhere after the first match of `first` (linear time)."""
    found = first.search(line)
    return found is not None and then.search(line, found.end()) is not None


def classify_line(line: str) -> str | None:
    """Return why a single line is page furniture ("caption", "byline", ...), or None."""
    words = line.split()
    if not _LETTER.search(line):
        return "punctuation"
    if _CAPTION.search(line) or _followed_by(_SEEN, _YEAR, line):
        return "caption"
    if _BYLINE.match(line) and len(words) <= 12:
        return "byline"
    if _SOCIAL.match(line):
        return "share"
    promo_pair = any(_followed_by(first, then, line) for first, then in _PROMO_PAIRS)
    if _PROMO.search(line) or promo_pair or _REQUIRED_NOTE.search(line.lower()):
        return "promo"
    # "The city of Annah, Anbar, Iraq." - a place caption: short, a list of names, no verb.
    if len(words) <= 8 and line.count(",") >= 2 and not re.search(r"\d", line):
        return "caption"
    return None


def find_dateline(paragraph: str) -> tuple[str, str | None, str | None] | None:
    """Return (place, outlet, date text) when a paragraph opens with a news dateline."""
    paragraph = paragraph[:_DATELINE_WINDOW]
    match = _DATELINE_CAPS.match(paragraph)
    if match and len(match.group("place")) >= 3:
        place = match.group("place").title()
        region = match.group("region").strip(", ")
        date_text = (match.group("date") or "").lstrip("-–— ") or None
        return (f"{place}, {region}" if region else place), match.group("outlet"), date_text
    match = _DATELINE_PAREN.match(paragraph)
    if match:
        return match.group("place"), None, None
    return None


def reads_as_paragraph(line: str) -> bool:
    """Tell whether a first line is a story's opening paragraph rather than its headline.

    Pages stored without markup often have no headline line: the first line is the lede
    ("Rebels killed 22 villagers in an overnight raid, officials said on Sunday."). Headlines
    rarely end with a full stop after 15 words, and rarely run to 30.
    """
    words = line.split()
    ends = line.rstrip("”\"'’ ").endswith((".", "!"))
    return len(words) >= 30 or (ends and len(words) >= 15)


def clean_lines(raw: str, title: str, is_date_line: DateLineTest) -> Cleaned:
    """Split raw text into lines and keep the ones a reader would call the article."""
    lines = [line.strip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    result = Cleaned(paragraphs=[], title=title)
    if not lines:
        return result

    # A bare date above the title is the page's (often the crawl's) date, not the article's.
    while lines and is_date_line(lines[0]):
        result.date_lines.append(("page", lines.pop(0)))
        if not title or _key(title) == _key(result.date_lines[-1][1]):
            result.title = lines[0] if lines else ""
    title_key = _key(result.title)
    counts = Counter(_key(line) for line in lines)

    body_words = 0
    kept: set[str] = set()
    for index, line in enumerate(lines):
        # A first line that runs on into the next in lower case is the lede, hard-wrapped.
        lede = index == 0 and (
            reads_as_paragraph(line) or (len(lines) > 1 and lines[1][:1].islower())
        )
        if _is_title_copy(line, title_key) and not lede:
            result.dropped["title"] += 1
            continue
        if _CUT.match(line) and body_words >= 40:
            result.dropped["tail"] += len(lines) - index
            break
        if kind := is_date_line(line):
            # Under the title and byline a date line is the article's; deep in the body it
            # may belong to anything, so it only counts in the header.
            result.date_lines.append((kind if body_words == 0 else "body", line))
            result.dropped["date"] += 1
            continue
        reason = classify_line(line)
        if reason is None and body_words > 0 and _LINK_ITEM.match(line):
            if not _SENTENCE_END.search(line):
                reason = "headline"  # "- Region: another story's headline", a list of links
        if reason is None and body_words == 0 and _is_header_label(line):
            reason = "label"  # section names and similar above the first paragraph
        if reason is None and counts[_key(line)] > 1 and len(line.split()) < 60:
            # Repeated captions and pull quotes are never real paragraphs; a repeated lede
            # (a page printing its first paragraph twice) is kept once.
            if not reads_as_paragraph(line) or _key(line) in kept:
                reason = "repeated"
        if reason:
            result.dropped[reason] += 1
            continue
        result.paragraphs.append(line)
        kept.add(_key(line))
        body_words += len(line.split())

    # Headlines of other articles that pages append at the end: short, no final punctuation,
    # each perhaps followed by its teaser (a first sentence cut off with an ellipsis).
    while len(result.paragraphs) > 1:
        last = result.paragraphs[-1]
        if _looks_like_headline(last):
            result.paragraphs.pop()
            result.dropped["headline"] += 1
        elif (
            len(result.paragraphs) > 2
            and _TEASER.search(last)
            and _looks_like_headline(result.paragraphs[-2])
        ):
            del result.paragraphs[-2:]
            result.dropped["headline"] += 2
        else:
            break

    result.paragraphs = join_wrapped(result.paragraphs)
    for paragraph in result.paragraphs[:3]:
        found = find_dateline(paragraph)
        if found:
            result.dateline, result.dateline_outlet, result.dateline_date = found
            break
    return result


def join_wrapped(lines: list[str]) -> list[str]:
    """Join the lines of a page hard-wrapped at a fixed width back into paragraphs.

    Wire archives and plain-text dumps break lines every 60-70 characters, mid-sentence
    ("... were killed in heavy clashes in the" / "city on Thursday ..."). Such a page has
    short lines of nearly one length, many not ending a sentence and many continuing in
    lower case; a line joins the next unless it ends a sentence well short of the width.
    Only the line breaks change: a break becomes one space.
    """
    if len(lines) < 6:
        return _join_broken(lines)
    width = sorted(len(line) for line in lines)[int(len(lines) * 0.9)]
    open_ends = sum(1 for line in lines[:-1] if not _SENTENCE_END.search(line))
    lower_starts = sum(1 for line in lines[1:] if line[:1].islower())
    if width > 100 or open_ends < 0.4 * (len(lines) - 1) or lower_starts < 0.2 * len(lines):
        return _join_broken(lines)
    joined = [lines[0]]
    for previous, line in zip(lines, lines[1:], strict=False):
        if _SENTENCE_END.search(previous) and len(previous) < 0.8 * width:
            joined.append(line)  # a sentence ending short of the width ends a paragraph
        else:
            joined[-1] = f"{joined[-1]} {line}"
    return joined


def _join_broken(lines: list[str]) -> list[str]:
    """Join a line cut mid-sentence to its lower-case continuation ("... protesters set" /
    "fire to the consulate ..."), on pages wrapped only in places."""
    joined = lines[:1]
    for previous, line in zip(lines, lines[1:], strict=False):
        if line[:1].islower() and previous[-1:].islower() and not _SENTENCE_END.search(previous):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


# A teaser: another story's first words cut off by an ellipsis, perhaps followed by the
# section it sits in ("... World News -").
_TEASER = re.compile(r"(?:\.\.\.|…)\s*(?:[A-Z][\w&'’]*(?: [A-Z][\w&'’]*){0,3})?\s*[-–|]?\s*$")

# A list item: pages list other articles' headlines under a dash or a bullet.
_LINK_ITEM = re.compile(r"^[-–•*»·] \S")


def _is_header_label(line: str) -> bool:
    return len(line.split()) <= 4 and not _SENTENCE_END.search(line)


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return 3 <= len(words) <= 20 and not _SENTENCE_END.search(line) and line[:1].isupper()
