"""Score predicted events against our own gold format (``../shared/corpus/SCHEMA.md``).

Everything here is pure: a gold dict, the article text and the predicted Events go in, plain
numbers come out. Matching works per article:

* **Targets.** Every gold event is a target; so is every ``not_events`` trap, located in the
  text by the phrases it quotes (or, when it quotes none, by its content words).
* **Candidates.** A predicted event is a candidate for a target when one of its evidence
  sentences states the same thing as one of the target's sentences, or (gold events only)
  when it names the same place. Its score is the number of shared sentences, plus 0.5 for
  the same place and small tie-breakers for the same type and death toll.
* **Greedy one-to-one.** Pairs are taken best score first; each predicted event takes one
  target and each gold event one predicted event, except that a ``split_ok`` gold event takes
  one predicted event per place, and a trap takes any number.
* **Outcome.** A match to a current gold event is a true positive, to an ``optional`` one
  neutral, to a ``historical`` one or a trap a false positive; an unmatched predicted event
  is a false positive and an unmatched current gold event a false negative. Predicted events
  the system itself marks ``historical`` are left out: they are its background, not output.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from strife.evaluate.names import place_key, same_actor, same_label, same_place
from strife.evaluate.places import PlaceCheck
from strife.evaluate.text import content_words, event_sentences, same_statement, sentences
from strife.model import Event

FIELDS: tuple[str, ...] = (
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "actor_pair",
    "location",
    "fatalities",
    "injured",
    "event_date",
)
# Words that describe why a trap is a trap rather than where it is in the text.
_ANNOTATION_WORDS = frozenset(
    """background photo caption captions headline headlines sum total totals generalisation
    generalization incident incidents event events article articles repeated twice political
    violent general situation dated report reports extracting false positive belong belongs
    third careless system text parts""".split()
)
_QUOTED = re.compile(
    r"(?<![\w'])'([^']+?)'(?![\w'])|\"([^\"]+?)\"|\u201c([^\u201d]+?)\u201d|\u2018([^\u2019]+?)\u2019(?!\w)"
)
_ARITHMETIC = re.compile(r"\(?\s*\d+\s*(?:\+\s*\d+\s*)+\)?")
_NAME_ITEM = re.compile(r"^(?:[A-Z][\w'\-]*)(?:\s+[A-Z][\w'\-]*){0,2}$")
_WEEK_TOLERANCE_DAYS = 7


@dataclass
class ArticleScore:
    """The tallies of one article; :func:`summarize` turns a list of them into rates."""

    article_id: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    neutral: int = 0
    strict_tp: int = 0
    trap_hits: int = 0
    background_hits: int = 0
    predicted: int = 0
    predicted_background: int = 0
    gold_events: int = 0
    fields: dict[str, list[int]] = field(default_factory=lambda: {f: [0, 0] for f in FIELDS})
    total_gold: int | None = None
    total_predicted: int = 0
    matches: list[dict[str, Any]] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)
    mapping: dict[str, int] = field(default_factory=dict)  # event_id -> gold index (tp only)
    unlocated_traps: list[int] = field(default_factory=list)
    wrong: dict[int, list[str]] = field(default_factory=dict)  # gold index -> wrong fields
    errors: list[dict[str, Any]] = field(default_factory=list)  # see :func:`_error_entries`

    def as_dict(self) -> dict[str, Any]:
        """Return the tallies as JSON-ready data."""
        return {
            "article_id": self.article_id,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "neutral": self.neutral,
            "strict_tp": self.strict_tp,
            "trap_hits": self.trap_hits,
            "background_hits": self.background_hits,
            "predicted": self.predicted,
            "predicted_background": self.predicted_background,
            "gold_events": self.gold_events,
            "fields": {name: list(pair) for name, pair in self.fields.items()},
            "total_fatalities": {"gold": self.total_gold, "predicted": self.total_predicted},
            "matches": self.matches,
            "missed": self.missed,
            "unlocated_traps": self.unlocated_traps,
            "wrong_fields": {str(index): names for index, names in self.wrong.items()},
            "errors": self.errors,
        }


@dataclass
class _Target:
    kind: str  # "gold" or "trap"
    index: int
    sentences: list[str]
    places: list[str]
    gold: Mapping[str, Any]


def trap_sentences(trap: str, text: str, protected: Sequence[str] = ()) -> list[str]:
    """Return the sentences of `text` a ``not_events`` description points at.

    A description that quotes the text ("'killed 38 members' is the sum ...") points at the
    sentences holding those phrases. One that quotes nothing ("Ramadi lost to IS in May 2015;
    coalition airstrikes July-December: background") is cut at its colon and semicolons, and
    each clause points at the sentences holding most of its content words (a list of names
    like "Raqqa, Deir Ezzor, Mosul" points at each name). Sentences that state a current gold
    event (`protected`) are never traps.
    """
    all_sentences = sentences(text)
    # A quote of one content word (or a stray apostrophe: "the group's") would point at
    # every sentence that uses the word; only longer quotes locate anything.
    quoted = [next(g for g in m.groups() if g) for m in _QUOTED.finditer(trap)]
    phrases = [content_words(q) for q in quoted if len(content_words(q)) >= 2]
    anchors: list[tuple[str, frozenset[str]]] = []
    if phrases:
        anchors = [("phrase", phrase) for phrase in phrases]
    else:
        description = trap.split(": ", 1)[0]
        description = _ARITHMETIC.sub(" ", description)
        for clause in description.split(";"):
            items = [i.strip() for i in re.split(r",|\band\b", clause) if i.strip()]
            if len(items) > 1 and all(_NAME_ITEM.match(i) for i in items):
                anchors.extend(("phrase", content_words(i)) for i in items)
            else:
                keys = frozenset(w for w in content_words(clause) if w not in _ANNOTATION_WORDS)
                anchors.append(("keys", keys))
    found: list[str] = []
    for kind, anchor in anchors:
        if not anchor:
            continue
        stems = {_stem(w) for w in anchor}
        for sentence in all_sentences:
            present = {_stem(w) for w in content_words(sentence)}
            matched = len(stems & present)
            if kind == "phrase":
                hit = matched / len(stems) >= 0.8
            else:
                hit = matched >= min(2, len(stems)) and matched / len(stems) >= 0.6
            if hit and not any(same_statement(sentence, p) for p in protected):
                found.append(sentence)
    return list(dict.fromkeys(found))


def _stem(word: str) -> str:
    # Five letters are enough to make "discussing" and "discussed" one word.
    return word[:5]


def gold_places(gold_event: Mapping[str, Any]) -> list[str]:
    """Return every name the gold accepts for an event's place."""
    names = [gold_event.get("location"), *(gold_event.get("also_locations") or [])]
    return [n for n in names if isinstance(n, str) and n.strip()]


def date_correct(predicted: date | None, gold_event: Mapping[str, Any]) -> bool | None:
    """Return whether a predicted date fits the gold date, or None when gold gives none.

    Precision "day": the same day. "week": within 7 days. "month": the same month. No gold
    date but an ``event_month``: any day of that month.
    """
    raw_date = gold_event.get("event_date")
    gold_date = date.fromisoformat(raw_date) if isinstance(raw_date, str) and raw_date else None
    precision = gold_event.get("date_precision") or "day"
    month = gold_event.get("event_month")
    if gold_date is None:
        if not isinstance(month, str) or not month:
            return None
        return predicted is not None and predicted.isoformat()[:7] == month
    if predicted is None:
        return False
    if precision == "week":
        return abs((predicted - gold_date).days) <= _WEEK_TOLERANCE_DAYS
    if precision == "month":
        return (predicted.year, predicted.month) == (gold_date.year, gold_date.month)
    return predicted == gold_date


def _sum(values: Iterable[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def field_checks(
    events: Sequence[Event], gold_event: Mapping[str, Any], place_check: PlaceCheck | None = None
) -> dict[str, bool]:
    """Return which fields the predicted event(s) of one gold event got right.

    Several predicted events stand for one ``split_ok`` gold event: each must have the
    right type, actors, place and date, and their death and injury counts must add up.
    `place_check` compares places through the gazetteer; without it, by spelling only.
    """
    places = gold_places(gold_event)
    checks: dict[str, bool] = {
        "event_type": all(same_label(e.event_type, gold_event.get("event_type")) for e in events),
        "sub_event_type": all(
            same_label(e.sub_event_type, gold_event.get("sub_event_type")) for e in events
        ),
        "actor1": all(same_actor(e.actor1, gold_event.get("actor1")) for e in events),
        "actor2": all(same_actor(e.actor2, gold_event.get("actor2")) for e in events),
        "fatalities": _sum(e.fatalities for e in events) == gold_event.get("fatalities"),
        "injured": _sum(e.injured for e in events) == gold_event.get("injured"),
    }
    checks["actor_pair"] = checks["actor1"] and checks["actor2"]
    if places:
        if place_check is None:
            checks["location"] = all(same_place(e.location, places) for e in events)
        else:
            checks["location"] = all(place_check(e, gold_event, places) for e in events)
    dates = [date_correct(e.event_date, gold_event) for e in events]
    if all(d is not None for d in dates):
        checks["event_date"] = all(bool(d) for d in dates)
    return checks


def locate_traps(gold: Mapping[str, Any], text: str) -> dict[int, list[str]]:
    """Return the sentences each ``not_events`` item points at, by its index."""
    protected = [
        s
        for g in gold.get("events") or []
        if not g.get("historical")
        for s in (g.get("evidence") or [])
    ]
    return {
        i: trap_sentences(str(trap), text, protected)
        for i, trap in enumerate(gold.get("not_events") or [])
    }


def _targets(gold: Mapping[str, Any], text: str) -> list[_Target]:
    targets = [
        _Target("gold", i, list(g.get("evidence") or []), gold_places(g), g)
        for i, g in enumerate(gold.get("events") or [])
    ]
    for i, found in locate_traps(gold, text).items():
        if found:
            targets.append(_Target("trap", i, found, [], {}))
    return targets


def _pair_score(event: Event, quotes: Sequence[str], target: _Target) -> float:
    shared = sum(1 for g in target.sentences if any(same_statement(q, g) for q in quotes))
    if target.kind == "trap":
        return float(shared)
    place = same_place(event.location, target.places)
    if not shared and not place:
        return 0.0
    score = shared + (0.5 if place else 0.0)
    if same_label(event.event_type, target.gold.get("event_type")):
        score += 0.1
    if event.fatalities is not None and event.fatalities == target.gold.get("fatalities"):
        score += 0.1
    return score


def match_events(
    gold: Mapping[str, Any], events: Sequence[Event], text: str, predicted_text: str | None = None
) -> dict[int, tuple[str, int]]:
    """Match predicted events to gold events and traps; return {event position: target}.

    Targets are ("gold", index into gold["events"]) or ("trap", index into
    gold["not_events"]). `text` is the article as the gold saw it; `predicted_text` the
    cleaned text the events' evidence offsets index (defaults to `text`).
    """
    targets = _targets(gold, text)
    quotes = [event_sentences(e, predicted_text or text) for e in events]
    pairs: list[tuple[float, int, int]] = []
    for p, event in enumerate(events):
        for t, target in enumerate(targets):
            score = _pair_score(event, quotes[p], target)
            if score > 0:
                pairs.append((score, p, t))
    pairs.sort(key=lambda item: (-item[0], item[1], item[2]))
    assigned: dict[int, tuple[str, int]] = {}
    members: dict[int, list[int]] = {}
    for _, p, t in pairs:
        if p in assigned:
            continue
        target = targets[t]
        taken = members.setdefault(t, [])
        if target.kind == "gold" and taken:
            # A split_ok event takes one more prediction only for a place not yet covered.
            seen = {place_key(events[q].location or "") for q in taken}
            if not target.gold.get("split_ok") or place_key(events[p].location or "") in seen:
                continue
        taken.append(p)
        assigned[p] = (target.kind, target.index)
    return assigned


# What each scored field is called in the gold file and on an Event.
_GOLD_KEYS = {"actor_pair": ("actor1", "actor2")}


def _predicted_value(events: Sequence[Event], name: str) -> Any:
    keys = _GOLD_KEYS.get(name, (name,))
    values = [[getattr(e, key, None) for key in keys] for e in events]
    flat = [v[0] if len(v) == 1 else v for v in values]
    shown = [v.isoformat() if isinstance(v, date) else v for v in flat]
    return shown[0] if len(shown) == 1 else shown


def _quotes_for(event: Event, name: str) -> list[str]:
    """Return the evidence sentences behind one field of an event (all of them if none)."""
    keys = set(_GOLD_KEYS.get(name, (name,)))
    if name == "event_date":
        keys.add("event_date")
    cited = [e.text for e in event.evidence if keys & set(e.fields)]
    return cited or [e.text for e in event.evidence]


def _error_entries(
    gold_events: Sequence[Mapping[str, Any]],
    current: Sequence[Event],
    groups: Mapping[int, list[Event]],
    assigned: Mapping[int, tuple[str, int]],
    wrong: Mapping[int, list[str]],
    missed: Sequence[int],
) -> list[dict[str, Any]]:
    """List an article's errors: missed gold events, spurious events, wrong fields."""
    errors: list[dict[str, Any]] = []
    for index in missed:
        gold_event = gold_events[index]
        errors.append(
            {
                "kind": "missed",
                "gold": index,
                "event_type": gold_event.get("event_type"),
                "location": gold_event.get("location"),
                "fatalities": gold_event.get("fatalities"),
                "sentences": list(gold_event.get("evidence") or []),
            }
        )
    for p, event in enumerate(current):
        kind, index = assigned.get(p, ("none", -1))
        if kind == "gold" and not (
            gold_events[index].get("historical") or gold_events[index].get("optional")
        ):
            continue
        if kind == "gold" and gold_events[index].get("optional"):
            continue
        reason = {"none": "matches no gold event", "trap": f"a not_events trap ({index})"}.get(
            kind, f"a background gold event ({index})"
        )
        errors.append(
            {
                "kind": "spurious",
                "why": reason,
                "event_type": event.event_type,
                "location": event.location,
                "fatalities": event.fatalities,
                "sentences": [e.text for e in event.evidence][:2],
            }
        )
    for index, names in sorted(wrong.items()):
        gold_event = gold_events[index]
        for name in names:
            keys = _GOLD_KEYS.get(name, (name,))
            gold_value = [gold_event.get(k) for k in keys]
            errors.append(
                {
                    "kind": "wrong",
                    "gold": index,
                    "field": name,
                    "predicted": _predicted_value(groups[index], name),
                    "expected": gold_value[0] if len(gold_value) == 1 else gold_value,
                    "sentences": _quotes_for(groups[index][0], name)[:2],
                }
            )
    return errors


def score_article(
    gold: Mapping[str, Any],
    events: Sequence[Event],
    text: str,
    predicted_text: str | None = None,
    place_check: PlaceCheck | None = None,
) -> ArticleScore:
    """Score one article's predicted events against its gold annotation.

    `place_check` compares places through the gazetteer (:mod:`strife.evaluate.places`);
    without it, places compare by spelling only.
    """
    article_id = str(gold.get("id", ""))
    score = ArticleScore(article_id)
    current = [e for e in events if not e.historical]
    score.predicted = len(current)
    score.predicted_background = len(events) - len(current)
    gold_events: list[Mapping[str, Any]] = list(gold.get("events") or [])
    assigned = match_events(gold, current, text, predicted_text)
    groups: dict[int, list[Event]] = {}
    for p, event in enumerate(current):
        kind, index = assigned.get(p, ("none", -1))
        status = "fp"
        if kind == "trap":
            score.trap_hits += 1
        elif kind == "gold":
            target = gold_events[index]
            if target.get("historical"):
                score.background_hits += 1
            elif target.get("optional"):
                status = "neutral"
            else:
                status = "tp"
                groups.setdefault(index, []).append(event)
                score.mapping[event.event_id] = index
        score.matches.append(
            {
                "event_id": event.event_id,
                "target": f"{kind}:{index}" if kind != "none" else None,
                "status": status,
                "event_type": event.event_type,
                "location": event.location,
                "event_date": event.event_date.isoformat() if event.event_date else None,
                "fatalities": event.fatalities,
            }
        )
        if status == "fp":
            score.fp += 1
        elif status == "neutral":
            score.neutral += 1
    for index, gold_event in enumerate(gold_events):
        if gold_event.get("historical") or gold_event.get("optional"):
            continue
        score.gold_events += 1
        matched = groups.get(index)
        if not matched:
            score.fn += 1
            score.missed.append(index)
            continue
        score.tp += 1
        checks = field_checks(matched, gold_event, place_check)
        for name, ok in checks.items():
            score.fields[name][0] += int(ok)
            score.fields[name][1] += 1
        if all(checks.get(name, False) for name in ("event_type", "location", "fatalities")):
            score.strict_tp += 1
        score.wrong[index] = [name for name, ok in checks.items() if not ok]
    score.errors = _error_entries(gold_events, current, groups, assigned, score.wrong, score.missed)
    score.unlocated_traps = [i for i, found in locate_traps(gold, text).items() if not found]
    total = gold.get("article_fatalities_total")
    score.total_gold = total if isinstance(total, int) else None
    score.total_predicted = sum(e.fatalities or 0 for e in current)
    return score


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Return precision, recall and F1; nothing predicted and nothing to find scores 1."""
    if tp + fp + fn == 0:
        return 1.0, 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def summarize(scores: Sequence[ArticleScore]) -> dict[str, Any]:
    """Turn per-article tallies into the report's figures (micro-averaged over articles)."""
    tp = sum(s.tp for s in scores)
    fp = sum(s.fp for s in scores)
    fn = sum(s.fn for s in scores)
    strict_tp = sum(s.strict_tp for s in scores)
    precision, recall, f1 = prf(tp, fp, fn)
    strict_p, strict_r, strict_f1 = prf(strict_tp, fp + tp - strict_tp, fn + tp - strict_tp)
    report: dict[str, Any] = {
        "articles": len(scores),
        "gold_events": sum(s.gold_events for s in scores),
        "predicted_events": sum(s.predicted for s in scores),
        "predicted_background": sum(s.predicted_background for s in scores),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "neutral": sum(s.neutral for s in scores),
        "trap_hits": sum(s.trap_hits for s in scores),
        "background_hits": sum(s.background_hits for s in scores),
        "event_precision": precision,
        "event_recall": recall,
        "event_f1": f1,
        "strict_precision": strict_p,
        "strict_recall": strict_r,
        "strict_f1": strict_f1,
    }
    for name in FIELDS:
        correct = sum(s.fields[name][0] for s in scores)
        total = sum(s.fields[name][1] for s in scores)
        report[f"{name}_accuracy"] = correct / total if total else None
        report[f"{name}_scored"] = total
    with_total = [s for s in scores if s.total_gold is not None]
    exact = sum(1 for s in with_total if s.total_predicted == s.total_gold)
    report["article_total_fatalities_exact"] = exact / len(with_total) if with_total else None
    return report


def score_duplicates(
    clusters: Sequence[Sequence[str]],
    mapping: Mapping[str, tuple[str, int]],
    groups: Sequence[Sequence[tuple[str, int]]],
) -> dict[str, Any]:
    """Score clustering pairwise: is each pair of predicted events the same incident?

    `clusters` are groups of event ids (the dedupe output), `mapping` sends an event id to
    its gold event (article id, index), and `groups` lists the gold events that are one
    incident; every other pair of gold events must stay apart. Only events mapped to gold
    take part, and two events mapped to the same (``split_ok``) gold event are not scored.
    """
    cluster_of = {event_id: n for n, cluster in enumerate(clusters) for event_id in cluster}
    group_of: dict[tuple[str, int], int] = {}
    for n, group in enumerate(groups):
        for member in group:
            group_of[(str(member[0]), int(member[1]))] = n
    mapped = sorted(e for e in mapping if e in cluster_of)
    tp = fp = fn = 0
    apart: set[tuple[tuple[str, int], tuple[str, int]]] = set()  # one incident, kept apart
    joined: set[tuple[tuple[str, int], tuple[str, int]]] = set()  # two incidents, merged
    for i, first in enumerate(mapped):
        for second in mapped[i + 1 :]:
            gold_a, gold_b = mapping[first], mapping[second]
            if gold_a == gold_b:
                continue
            same_gold = gold_a in group_of and group_of[gold_a] == group_of.get(gold_b)
            same_predicted = cluster_of[first] == cluster_of[second]
            tp += same_gold and same_predicted
            fp += same_predicted and not same_gold
            fn += same_gold and not same_predicted
            pair = (min(gold_a, gold_b), max(gold_a, gold_b))
            if same_gold and not same_predicted:
                apart.add(pair)
            elif same_predicted and not same_gold:
                joined.add(pair)
    covered = {mapping[e] for e in mapped}
    gold_pairs = sum(len(g) * (len(g) - 1) // 2 for g in groups)
    scorable = sum(
        1
        for g in groups
        for i, a in enumerate(g)
        for b in g[i + 1 :]
        if (str(a[0]), int(a[1])) in covered and (str(b[0]), int(b[1])) in covered
    )
    return {
        "events": len(mapped),
        "unmapped_events": len(cluster_of) - len(mapped),
        "clusters": len(clusters),
        "pair_tp": tp,
        "pair_fp": fp,
        "pair_fn": fn,
        "pair_precision": tp / (tp + fp) if tp + fp else None,
        "pair_recall": tp / (tp + fn) if tp + fn else None,
        "gold_pairs": gold_pairs,
        "gold_pairs_scorable": scorable,
        "pairs_kept_apart": [[list(a), list(b)] for a, b in sorted(apart)],
        "pairs_wrongly_merged": [[list(a), list(b)] for a, b in sorted(joined)],
    }
