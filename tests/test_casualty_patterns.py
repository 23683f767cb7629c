"""The casualty phrase table: which pattern a token starts, and what each pattern reads."""

import pytest

from strife.extraction.casualties import (
    CASUALTY_PATTERNS,
    TokenPattern,
    find_casualties,
    index_patterns,
    match_pattern,
)
from strife.extraction.text import tokenize
from strife.resources import Resources


def _match(sentence: str, word: str) -> str | None:
    words = [t.lower for t in tokenize(sentence)]
    pattern = match_pattern(words, words.index(word))
    return None if pattern is None else pattern.name


@pytest.mark.parametrize(
    ("sentence", "word", "name"),
    [
        ("Gunmen shot dead a trader in Djibo.", "shot", "shot dead"),
        ("Raiders gunned down four herders.", "gunned", "gunned down"),
        ("A driver was hacked to death at dawn.", "hacked", "to death"),
        ("The guard was fatally wounded.", "fatally", "fatally"),
        ("The death toll climbed to 12.", "death", "death toll"),
        ("The deaths of two pupils shocked the town.", "deaths", "killed"),
        ("Coded with 3 fatalities.", "fatalities", "fatalities"),
        ("Nine bodies lay by the road.", "bodies", "bodies"),
        ("Five porters were injured.", "injured", "injured"),
        ("The mayor was assassinated.", "assassinated", "assassinated"),
    ],
)
def test_each_phrase_finds_its_pattern(sentence: str, word: str, name: str) -> None:
    assert _match(sentence, word) == name


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Police shot tear gas at the crowd.", "shot"),  # "shot" alone kills no one
        ("He was beaten to a pulp.", "beaten"),  # "to" but not "death"
        ("The wound was not fatally", "fatally"),  # nothing after "fatally"
        ("The toll road near Kampala reopened.", "toll"),  # a toll is no casualty word
    ],
)
def test_near_misses_match_nothing(sentence: str, word: str) -> None:
    assert _match(sentence, word) is None


def _covers(earlier: TokenPattern, later: TokenPattern) -> bool:
    """Tell whether every phrase `later` matches also matches `earlier` (no longer than it)."""
    if len(earlier.slots) > len(later.slots):
        return False
    for mine, theirs in zip(earlier.slots, later.slots, strict=False):
        if mine is not None and (theirs is None or not theirs <= mine):
            return False
    return True


def test_no_pattern_hides_one_after_it() -> None:
    # The first match wins, so a pattern after one that covers it could never match.
    for index, later in enumerate(CASUALTY_PATTERNS):
        for earlier in CASUALTY_PATTERNS[:index]:
            assert not _covers(earlier, later), (earlier.name, later.name)


def test_a_pattern_must_start_with_given_words() -> None:
    def read(*_args: object) -> None:
        return None

    loose = TokenPattern("anything", "killed", (None, frozenset({"dead"})), read)
    with pytest.raises(ValueError, match="anything"):
        index_patterns([loose])


def test_index_keeps_table_order_per_word() -> None:
    index = index_patterns(CASUALTY_PATTERNS)
    assert [p.name for p in index["death"]] == ["death toll", "killed"]
    assert [p.name for p in index["fatality"]] == ["fatalities", "killed"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Gunmen shot dead two traders near Djibo.", [("killed", 2, False)]),
        ("A herder was stabbed to death outside Goma.", [("killed", 1, False)]),
        ("The death toll rose from 4 to 9 after the Kampala blast.", [("killed", 9, True)]),
        ("Six bodies were recovered from the river.", [("killed", 6, False)]),
        ("The clash left 3 fatalities.", [("killed", 3, True)]),
    ],
)
def test_patterns_read_their_figures(sentence: str, expected: list[tuple[str, int, bool]]) -> None:
    figures = find_casualties(sentence).figures
    assert [(f.kind, f.value, f.total) for f in figures] == expected


def test_bodies_need_a_finding_verb() -> None:
    # "bodies" alone (a body of water, a governing body) states no deaths.
    assert find_casualties("Two bodies of experts met in Mosul.").figures == ()


def test_demonyms_have_one_list_for_gazetteer_and_actors() -> None:
    from strife.extraction.actors import detect_countries, find_actors

    words = Resources.lexicons.countries
    assert words.demonym_forms("GA") == ("Gabonese", "Gabonese" + "s")
    # The actor reader takes its demonyms from the same list, plurals included.
    assert [a.name for a in find_actors("Gabonese soldiers repelled the raid.")] == [
        "Military Forces of Gabon"
    ]
    assert detect_countries("Two Gambians were detained at the border.") == ["Gambia"]
