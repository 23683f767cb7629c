"""Group events into incidents: greedy agglomeration over scored candidate pairs.

Pairs at or above the threshold are merged best first. A merge happens only when every
pair across the two groups is linkable (complete linkage on the vetoes), and the group's
days still fit in two consecutive days: so a chain of nearby places or of consecutive days
can never grow into one incident, and two events of one article stay apart unless they
are the same incident seen twice. The result depends only on the set of events, not on
their order.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from itertools import chain

from strife.dedupe.blocking import candidate_pairs, undated_candidates
from strife.dedupe.copies import copy_pairs
from strife.dedupe.features import Features, build_features
from strife.dedupe.scoring import (
    MERGE_THRESHOLD,
    linkable,
    pair_score,
    same_article_match,
)
from strife.model import Event

UNDATED_MARGIN = 0.05  # how much better an undated report's best match must be


def scored_pairs(f: Features) -> tuple[array[float], array[int], array[int]]:
    """Return the candidate pairs that reach the merge threshold, as (scores, i, j) arrays."""
    scores: array[float] = array("d")
    left: array[int] = array("q")
    right: array[int] = array("q")
    f.copies = {(i, j): jaccard for i, j, jaccard in copy_pairs(f)}
    # A pair found twice (by blocking and as a copy) is merged once: union-find skips it.
    for i, j in chain(candidate_pairs(f), f.copies, best_undated_pairs(f)):
        score = pair_score(f, i, j)
        if score is None or score < MERGE_THRESHOLD:
            continue
        if f.article[i] == f.article[j] and not same_article_match(f, i, j, score):
            continue
        scores.append(score)
        left.append(i)
        right.append(j)
    return scores, left, right


def best_undated_pairs(f: Features) -> list[tuple[int, int]]:
    """Pair each undated report with the one event it matches best, if none is as close.

    An undated report may be of any day, so it could join many incidents of its place: it
    joins only when its best match scores clearly above every other candidate.
    """
    found: list[tuple[int, int]] = []
    for i, candidates in undated_candidates(f):
        ranked = sorted(
            # Another event of its own article is another incident, not a rival match.
            (
                (score, j)
                for j in candidates
                if f.article[j] != f.article[i] and (score := pair_score(f, i, j)) is not None
            ),
            reverse=True,
        )
        if not ranked or ranked[0][0] < MERGE_THRESHOLD:
            continue
        if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < UNDATED_MARGIN:
            continue  # two incidents are as close: it stays alone
        j = ranked[0][1]
        found.append((i, j) if i < j else (j, i))
    return found


def cluster_features(f: Features) -> list[list[int]]:
    """Return groups of feature indices that are the same incident (every index once)."""
    n = len(f)
    scores, left, right = scored_pairs(f)
    # Best pairs first; ties broken by index (= event_id order) so the result is stable.
    order = sorted(range(len(scores)), key=lambda k: (-scores[k], left[k], right[k]))
    parent = list(range(n))
    members: dict[int, list[int]] = {}
    latest_start = list(f.lo)  # per group: the latest "earliest day" of its members
    earliest_end = list(f.hi)  # per group: the earliest "latest day"

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    for k in order:
        a, b = find(left[k]), find(right[k])
        if a == b:
            continue
        start = max(latest_start[a], latest_start[b])
        end = min(earliest_end[a], earliest_end[b])
        if start - end > 1:
            continue
        group_a = members.get(a, [a])
        group_b = members.get(b, [b])
        if not all(linkable(f, x, y) for x in group_a for y in group_b):
            continue
        if len(group_a) < len(group_b):
            a, b, group_a, group_b = b, a, group_b, group_a
        parent[b] = a
        members[a] = group_a + group_b
        members.pop(b, None)
        latest_start[a], earliest_end[a] = start, end

    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def cluster_events(events: Sequence[Event]) -> list[list[str]]:
    """Return groups of event_ids that report the same incident; every event is in one group."""
    if not events:
        return []
    f = build_features(events)
    ids = f.ids
    return [[ids[i] for i in group] for group in cluster_features(f)]
