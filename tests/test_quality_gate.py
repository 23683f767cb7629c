"""The CI quality gate: `strife eval` on fixed samples must not fall below the floors.

The floors live in tests/quality_floors.json (how to raise them is written there). The data
are read at run time from ../shared next to the repository and never copied; without it the
gate skips. Run `python tests/test_quality_gate.py --suggest` to print today's figures.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from strife.resources import Resources

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FLOORS_PATH = Path(__file__).with_name("quality_floors.json")
MISSING = object()


def load_floors(text: str | None = None) -> dict[str, Any]:
    """Return the floors file as data."""
    data: dict[str, Any] = json.loads(text or FLOORS_PATH.read_text(encoding="utf-8"))
    return data


def lookup(report: dict[str, Any], key: str) -> Any:
    """Return report[a][b] for the key "a.b" (a number indexes a list), or MISSING."""
    value: Any = report
    for part in key.split("."):
        if isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        elif isinstance(value, dict) and part in value:
            value = value[part]
        else:
            return MISSING
    return value


def drops(report: dict[str, Any], floors: dict[str, float]) -> list[str]:
    """Return a line for every figure below its floor (n/a counts as 0)."""
    problems = []
    for key, floor in sorted(floors.items()):
        value = lookup(report, key)
        if value is MISSING:
            if floor > 0:
                problems.append(f"{key}: not in the report (floor {floor})")
            continue
        measured = 0.0 if value is None else float(value)
        if measured < floor:
            problems.append(f"{key}: {measured:.3f} < floor {floor}")
    return problems


@cache
def gold_report() -> dict[str, Any]:
    from strife.evaluate.runs import run_gold

    corpus = SHARED / "corpus"
    return run_gold(
        [corpus / "seeds", corpus / "extra"],
        metadata=corpus / "metadata.jsonl",
        duplicates=corpus / "DUPLICATES.json",
    )


@cache
def dev_report() -> dict[str, Any]:
    """The dev pages with what a crawler always knows (url and outlet, never the date)."""
    from strife.evaluate.runs import run_gold

    dev = SHARED / "corpus" / "dev"
    return run_gold([dev], metadata=dev / "metadata.jsonl", duplicates=dev / "DUPLICATES.json")


@cache
def acled_report() -> dict[str, Any]:
    from strife.evaluate.runs import run_acled

    samples = load_floors()["samples"]
    return run_acled(
        SHARED / "eval" / samples["acled_file"],
        limit=samples["acled_rows"],
        seed=samples["acled_seed"],
    )


@cache
def geoparse_report() -> dict[str, Any]:
    from strife.evaluate.geoparse import evaluate_geoparse

    samples = load_floors()["samples"]
    return evaluate_geoparse(
        SHARED / "eval" / samples["geoparse_file"],
        Resources.shared(),
        limit=samples["geoparse_articles"],
    )


def _needs(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path.relative_to(REPO.parent)} is absent")


def rises(report: dict[str, Any], ceilings: dict[str, int]) -> list[str]:
    """Return a line for every count above its ceiling (a missing count is not checked)."""
    problems = []
    for key, ceiling in sorted(ceilings.items()):
        value = lookup(report, key)
        if value is not MISSING and value is not None and value > ceiling:
            problems.append(f"{key}: {value} > ceiling {ceiling}")
    return problems


def test_gold_corpus_stays_above_its_floors() -> None:
    _needs(SHARED / "corpus" / "seeds")
    floors = load_floors()
    assert drops(gold_report(), floors["gold"]) == []
    assert rises(gold_report(), floors["gold_ceilings"]) == []


def test_dev_pages_without_dates_stay_above_their_floors() -> None:
    _needs(SHARED / "corpus" / "dev")
    floors = load_floors()
    assert drops(dev_report(), floors["gold_dev"]) == []


def test_acled_sample_stays_above_its_floors() -> None:
    _needs(SHARED / "eval" / load_floors()["samples"]["acled_file"])
    report = acled_report()
    assert report["rows"] == load_floors()["samples"]["acled_rows"]
    assert drops(report, load_floors()["acled"]) == []


def test_geoparse_slice_stays_above_its_floors() -> None:
    _needs(SHARED / "eval" / load_floors()["samples"]["geoparse_file"])
    pytest.importorskip("strife.evaluate.geoparse", reason="the geoparsing scorer is not built")
    assert drops(geoparse_report(), load_floors()["geoparse"]) == []


def test_floors_are_figures_between_zero_and_one() -> None:
    floors = load_floors()
    for section in ("gold", "gold_dev", "acled", "geoparse"):
        for key, floor in floors[section].items():
            assert isinstance(floor, int | float) and 0 <= floor <= 1, f"{section}.{key}"
    for key, ceiling in floors["gold_ceilings"].items():
        assert isinstance(ceiling, int) and ceiling >= 0, key


def test_floors_never_go_down() -> None:
    """Compare with the committed floors: lowering one needs STRIFE_LOWER_FLOORS=1."""
    git = shutil.which("git")
    if git is None or os.environ.get("STRIFE_LOWER_FLOORS") == "1":
        pytest.skip("no git, or lowering floors was asked for explicitly")
    shown = subprocess.run(
        [git, "show", "HEAD:tests/quality_floors.json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if shown.returncode != 0:
        pytest.skip("no committed floors to compare with")
    committed, current = load_floors(shown.stdout), load_floors()
    lowered = [
        f"{section}.{key}: {old} -> {current.get(section, {}).get(key)}"
        for section in ("gold", "gold_dev", "acled", "geoparse")
        for key, old in committed.get(section, {}).items()
        if current.get(section, {}).get(key, -math.inf) < old
    ]
    raised = [
        f"gold_ceilings.{key}: {old} -> {current.get('gold_ceilings', {}).get(key)}"
        for key, old in committed.get("gold_ceilings", {}).items()
        if current.get("gold_ceilings", {}).get(key, math.inf) > old
    ]
    assert lowered + raised == []


def test_drops_reports_every_figure_below_its_floor() -> None:
    report = {"summary": {"event_f1": 0.5, "recall": None}, "duplicates": {"available": False}}
    assert lookup({"corpora": [{"f1": 0.7}]}, "corpora.0.f1") == 0.7
    assert lookup({"corpora": []}, "corpora.0.f1") is MISSING
    floors = {
        "summary.event_f1": 0.6,
        "summary.recall": 0.1,
        "duplicates.pair_recall": 0.0,
        "duplicates.pair_precision": 0.2,
    }
    assert drops(report, floors) == [
        "duplicates.pair_precision: not in the report (floor 0.2)",
        "summary.event_f1: 0.500 < floor 0.6",
        "summary.recall: 0.000 < floor 0.1",
    ]
    assert drops(report, {"summary.event_f1": 0.5}) == []
    counts = {"summary": {"trap_hits": 2, "background_hits": 0}}
    ceilings = {"summary.trap_hits": 0, "summary.background_hits": 0, "summary.other": 0}
    assert rises(counts, ceilings) == ["summary.trap_hits: 2 > ceiling 0"]


def _suggest() -> None:
    """Print every floored figure measured now, next to its floor."""
    floors = load_floors()
    reports = {
        "gold": gold_report,
        "gold_dev": dev_report,
        "acled": acled_report,
        "geoparse": geoparse_report,
    }
    for section, measure in reports.items():
        try:
            report = measure()
        except (ImportError, OSError) as exc:
            print(f"{section}: not measured ({exc})")
            continue
        limits = [(key, f"floor {floor}") for key, floor in sorted(floors[section].items())]
        if section == "gold":
            limits += [(k, f"ceiling {c}") for k, c in sorted(floors["gold_ceilings"].items())]
        for key, limit in limits:
            value = lookup(report, key)
            shown = "missing" if value is MISSING else "n/a" if value is None else f"{value:.4f}"
            print(f"{section:9} {key:45} now {shown:>8}  {limit}")


if __name__ == "__main__":
    if "--suggest" in sys.argv:
        sys.path.insert(0, str(REPO))
        _suggest()
    else:
        print(__doc__)
