"""The bundled example corpus: every gold file parses and quotes its own article exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parents[1] / "examples"
EVENT_TYPES = {
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Strategic developments",
    "Protests",
    "Riots",
}


def _texts() -> dict[str, str]:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in EXAMPLES.glob("*.txt")}
    texts |= {p.stem: p.read_text(encoding="utf-8") for p in EXAMPLES.glob("*.html")}
    for line in (EXAMPLES / "wire.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        texts[record["id"]] = record["text"]
    return texts


def _golds() -> dict[str, dict]:
    return {
        p.name.removesuffix(".gold.json"): json.loads(p.read_text(encoding="utf-8"))
        for p in EXAMPLES.glob("*.gold.json")
    }


def test_every_article_has_gold_and_metadata() -> None:
    golds = _golds()
    assert set(golds) == set(_texts())
    meta = [json.loads(x) for x in (EXAMPLES / "metadata.jsonl").read_text().splitlines()]
    assert {m["id"]: m["published"] for m in meta} == {
        k: g["publication_date"] for k, g in golds.items()
    }


@pytest.mark.parametrize("doc_id", sorted(_golds()))
def test_evidence_is_quoted_verbatim(doc_id: str) -> None:
    text = _texts()[doc_id]
    for event in _golds()[doc_id]["events"]:
        assert event["event_type"] in EVENT_TYPES
        for sentence in event["evidence"]:
            assert sentence in text


def test_all_six_event_types_are_covered() -> None:
    types = {e["event_type"] for g in _golds().values() for e in g["events"]}
    assert types == EVENT_TYPES


def test_duplicate_groups_point_at_gold_events() -> None:
    golds = _golds()
    dups = json.loads((EXAMPLES / "DUPLICATES.json").read_text(encoding="utf-8"))
    for group in dups["groups"]:
        for doc_id, index in group["members"]:
            assert golds[doc_id]["events"][index]["duplicate_group"] == group["name"]
