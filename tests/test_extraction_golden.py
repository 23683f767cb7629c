"""Golden files: extraction (clean + extract, no geocoding) against annotated articles.

`examples/` ships with the repository (fictional articles written for the project, with
gold); the real seed articles are read from ../shared/corpus when it is there, and the test
skips otherwise. Floors are a little below today's figures so that honest changes pass and
regressions do not.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from strife.clean import clean
from strife.evaluate.gold import score_article, summarize
from strife.extraction import extract_events
from strife.ingest import read_inputs
from strife.model import Article
from strife.pipeline import process
from strife.resources import Resources

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
CORPUS = REPO.parent / "shared" / "corpus"


def _run(folders: list[Path], metadata: Path) -> tuple[dict[str, Any], list[Article]]:
    res = Resources.shared()
    golds = {
        p.name.removesuffix(".gold.json"): json.loads(p.read_text(encoding="utf-8"))
        for folder in folders
        for p in folder.glob("*.gold.json")
    }
    scores, processed = [], []
    for article in read_inputs([str(f) for f in folders], metadata=metadata):
        gold = golds.get(article.id)
        if gold is None:
            continue
        done = process(article, res, stages=[clean, extract_events])
        processed.append(done)
        scores.append(
            score_article({**gold, "id": article.id}, done.events, article.raw, done.text)
        )
    return summarize(scores), processed


def _check_evidence(articles: list[Article]) -> None:
    for article in articles:
        for event in article.events:
            assert event.evidence_for("event_type"), event.event_id
            assert event.evidence_for("location"), event.event_id
            for evidence in event.evidence:
                assert article.text[evidence.start : evidence.end] == evidence.text


def test_examples_golden() -> None:
    summary, articles = _run([EXAMPLES], EXAMPLES / "metadata.jsonl")
    assert summary["articles"] >= 15
    assert summary["event_f1"] >= 0.9
    assert summary["trap_hits"] == 0
    assert summary["fatalities_accuracy"] >= 0.75
    assert summary["article_total_fatalities_exact"] >= 0.8
    _check_evidence(articles)


def test_seed_articles_golden() -> None:
    if not (CORPUS / "seeds").is_dir():
        pytest.skip("../shared/corpus is not available")
    summary, articles = _run([CORPUS / "seeds", CORPUS / "extra"], CORPUS / "metadata.jsonl")
    assert summary["event_f1"] >= 0.9
    assert summary["strict_f1"] >= 0.8
    assert summary["trap_hits"] == 0
    assert summary["fatalities_accuracy"] >= 0.9
    assert summary["article_total_fatalities_exact"] == 1.0
    _check_evidence(articles)
