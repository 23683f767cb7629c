"""A bug in one stage is seen: it becomes a Problem on the article, never a quieter answer."""

from __future__ import annotations

import sys
from datetime import date

import pytest
from click.testing import CliRunner

import strife.extraction
import strife.geocode
from strife import cli as cli_module
from strife.model import Article
from strife.pipeline import process
from strife.resources import Resources

REPORT = (
    "Gunmen killed four farmers near the village of Dardara on Tuesday, a police officer "
    "in Kaduna State said."
)


def _article() -> Article:
    return Article(id="a1", raw=REPORT, published=date(2023, 5, 4))


def test_a_broken_actor_lexicon_is_a_crash_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str, country: str | None = None) -> list[object]:
        raise KeyError("half-written actor entry")

    monkeypatch.setattr(strife.extraction, "find_actors", broken)
    article = process(_article(), Resources.shared())
    (problem,) = [p for p in article.problems if p.code == "crash"]
    assert problem.stage == "extract_events"
    assert "half-written actor entry" in problem.message
    assert article.events == ()


def test_a_broken_country_detector_stops_geocoding_visibly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(text: str) -> list[str]:
        raise ValueError("bad country table")

    monkeypatch.setattr(strife.geocode, "detect_countries", broken)
    article = process(_article(), Resources.shared())
    (problem,) = [p for p in article.problems if p.code == "crash"]
    assert problem.stage == "geocode"
    assert "bad country table" in problem.message


def test_a_sub_command_that_cannot_import_shows_the_import_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A module of strife that cannot be imported is a broken install, not "not built yet".
    monkeypatch.setitem(cli_module.LAZY_COMMANDS, "broken", "strife.no_such_module:command")
    monkeypatch.delitem(sys.modules, "strife.no_such_module", raising=False)
    result = CliRunner().invoke(cli_module.cli, ["broken"])
    assert isinstance(result.exception, ModuleNotFoundError)
    assert result.exception.name == "strife.no_such_module"
