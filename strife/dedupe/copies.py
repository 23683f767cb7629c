"""Wire copies: reports whose evidence is the same text, found by MinHash/LSH.

The same AP, AFP or Reuters story republished by several outlets is one incident whatever
dates and places the outlets' pages gave it (a missing date, a town geocoded to another
province). MinHash over word 3-shingles with locality-sensitive hashing finds such pairs
in time linear in the number of events. Only evidence of at least ``MIN_WORDS`` words takes
part: two short quotes share shingles by chance, a paragraph of shared wording does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from strife.dedupe.features import Features

MIN_WORDS = 25
# Share of word 3-shingles two versions of one wire story keep in common: outlets trim and
# reword agency copy, so a fifth is already a copy; unrelated reports share almost none.
COPY_JACCARD = 0.15
NUM_PERM = 64
_WORD = re.compile(r"[^\W_]+")


def shingles(text: str) -> set[bytes]:
    """Return the word 3-shingles of a text, lower-cased, as bytes for hashing."""
    words = _WORD.findall(text.lower())
    return {" ".join(words[k : k + 3]).encode() for k in range(len(words) - 2)}


def _evidence_text(f: Features, i: int) -> str:
    return " ".join(e.text for e in f.events[i].evidence)


def copy_pairs(f: Features) -> Iterator[tuple[int, int, float]]:
    """Yield (i, j, jaccard), i < j, for events of different articles told in one text."""
    from datasketch import MinHash, MinHashLSH  # imported here: most runs have no long quotes

    index: list[int] = []
    sets: list[set[bytes]] = []
    for i in range(len(f)):
        text = _evidence_text(f, i)
        if len(text.split()) < MIN_WORDS:
            continue
        index.append(i)
        sets.append(shingles(text))
    if len(index) < 2:
        return
    hashes = MinHash.bulk([list(s) for s in sets], num_perm=NUM_PERM)
    lsh = MinHashLSH(threshold=COPY_JACCARD, num_perm=NUM_PERM)
    for k, minhash in enumerate(hashes):
        lsh.insert(k, minhash)
    for k, minhash in enumerate(hashes):
        for other in lsh.query(minhash):
            if not isinstance(other, int) or other <= k:
                continue
            i, j = index[k], index[other]
            if f.article[i] == f.article[j]:
                continue
            # The exact Jaccard of the shingle sets: LSH only proposes, this decides.
            jaccard = len(sets[k] & sets[other]) / len(sets[k] | sets[other])
            if jaccard >= COPY_JACCARD:
                yield (i, j, jaccard) if i < j else (j, i, jaccard)
