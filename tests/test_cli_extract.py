"""`strife extract`: good inputs processed, each bad input explained, every input counted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from strife.cli import cli
from strife.model import EVENT_FIELDS

STORY = """Militants storm army post near Kidal

KIDAL, Mali (Reuters) - Militants attacked an army post on the edge of Kidal on Tuesday, \
killing seven soldiers, the army said in a statement.

Three attackers were also killed in the fighting, which lasted about two hours.
"""


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def make_inputs(folder: Path) -> list[str]:
    folder.mkdir(exist_ok=True)
    (folder / "good.txt").write_text(STORY, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40)
    (folder / "latin.txt").write_bytes(STORY.replace("army", "arm\xe9e").encode("latin-1"))
    good = json.dumps({"id": "rec-1", "published": "2023-10-03", "text": STORY})
    (folder / "batch.jsonl").write_text(good + "\n{oops\n", encoding="utf-8")
    return [
        str(folder / name)
        for name in ("good.txt", "empty.txt", "binary.txt", "latin.txt", "batch.jsonl")
    ] + [str(folder / "missing.txt")]


def test_bad_inputs_get_one_line_each_and_good_ones_are_processed(tmp_path):
    result = run("extract", *make_inputs(tmp_path / "in"))
    assert result.exit_code == 0, result.output
    stderr = result.stderr.splitlines()
    skipped = [line for line in stderr if line.startswith("strife: skipped")]
    assert len(skipped) == 4  # empty, binary, malformed JSONL line, missing path
    for name, reason in [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("batch.jsonl:2", "JSON"),
        ("missing.txt", "no such file"),
    ]:
        assert any(name in line and reason in line for line in skipped), (name, stderr)
    assert any("latin.txt" in line and "UTF-8" in line for line in stderr)
    summary = stderr[-1]
    assert "7 read, 3 processed, 4 skipped" in summary
    for line in result.stdout.splitlines():
        event = json.loads(line)
        assert set(EVENT_FIELDS) <= set(event)


def test_exit_code_is_1_when_nothing_could_be_read(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run("extract", str(tmp_path / "empty.txt"), str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    assert "0 processed, 2 skipped" in result.stderr


def test_usage_errors_exit_2(tmp_path):
    assert run("extract").exit_code == 2
    assert run("extract", "x.txt", "--format", "xml").exit_code == 2
    bad_meta = tmp_path / "meta.jsonl"
    bad_meta.write_text("not json\n")
    (tmp_path / "a.txt").write_text(STORY)
    assert run("extract", str(tmp_path / "a.txt"), "--metadata", str(bad_meta)).exit_code == 2


def test_geojson_and_csv_outputs_are_well_formed(tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    out = tmp_path / "events.geojson"
    assert (
        run("extract", str(tmp_path / "a.txt"), "--format", "geojson", "-o", str(out)).exit_code
        == 0
    )
    collection = json.loads(out.read_text())
    assert collection["type"] == "FeatureCollection"
    result = run("extract", str(tmp_path / "a.txt"), "--format", "csv")
    header = result.stdout.splitlines()[0].split(",")
    assert header[:3] == ["event_id", "article_id", "event_date"] and header[-1] == "evidence"


def test_console_script_reads_stdin():
    completed = subprocess.run(
        [sys.executable, "-m", "strife", "extract", "-"],
        input=STORY.encode(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr.decode()
    assert b"1 read, 1 processed, 0 skipped" in completed.stderr


SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared corpus not present")
def test_seed_output_is_json_lines_with_every_field_and_the_file_stem_as_article_id():
    inputs = [str(SHARED / "seeds"), str(SHARED / "extra")]
    result = run("extract", *inputs, "--metadata", str(SHARED / "metadata.jsonl"))
    assert result.exit_code == 0, result.stderr
    stems = {p.stem for d in ("seeds", "extra") for p in (SHARED / d).glob("*.txt")}
    seen = set()
    for line in result.stdout.splitlines():
        event = json.loads(line)
        assert list(event) == list(EVENT_FIELDS)  # every field, in the model's order
        assert event["article_id"] in stems
        assert event["historical"] is False  # background only with --include-background
        seen.add(event["article_id"])
    assert seen == stems
