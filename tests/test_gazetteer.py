"""The gazetteer: name keys, building from GeoNames dumps, lookups, the CLI."""

from __future__ import annotations

import json
import pickle
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from strife.cli import cli
from strife.errors import ResourceMissing
from strife.geocode import gazetteer as gazetteer_module
from strife.geocode.build import build_gazetteer, read_geonames_dump
from strife.geocode.gazetteer import Gazetteer, open_gazetteer
from strife.geocode.names import is_latin, name_key, name_skeleton, strip_article

SAMPLE = Path(__file__).parent / "data" / "geonames_sample.txt"


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gazetteer") / "sample.sqlite"
    build_gazetteer(path, geonames=[SAMPLE], packaged=False)
    return path


@pytest.fixture(scope="module")
def sample(sample_path: Path) -> Gazetteer:
    return Gazetteer(sample_path)


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Al-Qa'im", "al qaim"),
        ("Al Qā’im", "al qaim"),
        ("U.S.", "us"),
        ("Ar Ruţbah", "ar rutbah"),
        ("  Deir ez-Zor ", "deir ez zor"),
    ],
)
def test_name_key_folds_case_accents_and_punctuation(written: str, key: str) -> None:
    assert name_key(written) == key


@pytest.mark.parametrize(
    "spellings",
    [
        ("Annah", "Anah", "Anna", "`Anah"),
        ("Qaem", "Qaim", "Al-Qa'im", "Al Qā’im"),
        ("Heet", "Hit", "Hīt"),
        ("Rutba", "Ar Rutbah", "Ar Ruţbah"),
        ("Fallujah", "Falluja", "Al Fallūjah"),
        ("Deir Ezzor", "Deir ez-Zor"),
        ("Qutainiyah", "Qutayniyah"),
        ("Hadramawt", "Hadramaut", "Hadhramaut", "Hadramaout"),
        ("Quamishli", "Qamishli", "Al Qamishli"),
    ],
)
def test_transliteration_variants_share_a_skeleton(spellings: tuple[str, ...]) -> None:
    skeletons = {name_skeleton(name_key(s)) for s in spellings}
    assert len(skeletons) == 1


@pytest.mark.parametrize(("a", "b"), [("Baghdad", "Baghdadi"), ("Iraq", "Iraqi"), ("Hit", "Heath")])
def test_different_names_keep_different_skeletons(a: str, b: str) -> None:
    assert name_skeleton(name_key(a)) != name_skeleton(name_key(b))


def test_article_stripping_and_script_detection() -> None:
    assert strip_article("al anbar") == "anbar"
    assert strip_article("alexandria") == "alexandria"
    assert is_latin("Ḩadīthah") and not is_latin("الرمادي") and not is_latin("Багдад")


def test_dump_reader_skips_comments() -> None:
    rows = list(read_geonames_dump(SAMPLE))
    assert rows[0][0] == "99592" and all(len(r) == 19 for r in rows)


def test_build_from_dump_holds_places_names_and_admin_areas(sample: Gazetteer) -> None:
    stats = sample.stats()
    assert stats["places"] > 200 and stats["countries"] > 150
    ramadi = sample.place(98717)
    assert ramadi is not None
    assert (ramadi.name, ramadi.country_code, ramadi.admin1) == ("Ramadi", "IQ", "Al Anbar")
    assert ramadi.feature == "city"
    # The dump's ADM1 feature names the area and its PPLA seat becomes the area's capital.
    capital = sample.admin1_capital("IQ", "01")
    assert capital is not None and capital.geonameid == 98717
    wadi = sample.lookup("Wadi Hawran")[0].place
    assert wadi.feature_code == "WAD" and wadi.feature_class == "H"


def test_lookup_ranks_without_context(sample: Gazetteer) -> None:
    assert sample.lookup("Anbar")[0].place.feature == "admin1"
    assert sample.lookup("Anbar")[0].place.country_code == "IQ"
    assert sample.lookup("US")[0].place.feature == "country"
    assert sample.lookup("Paris")[0].place.country_code == "FR"
    assert sample.lookup("Paris", country="United States")[0].place.geonameid == 4717560
    # Transliteration variants are found through the skeleton.
    assert sample.lookup("Heet")[0].place.geonameid == 95788
    assert sample.lookup("Qaem")[0].place.geonameid == 92138
    assert sample.lookup("Nowhereville") == []


def test_country_names_codes_and_acled_spellings(sample: Gazetteer) -> None:
    assert sample.country_code("Iraq") == "IQ"
    assert sample.country_code("IQ") == "IQ"
    assert sample.country_code("UAE") == "AE"
    assert sample.country_code("Democratic Republic of Congo") == "CD"
    assert sample.country_name("PS") == "Palestine"
    assert sample.countries["IQ"].numeric == 368
    assert sample.country_code("Iraqi") is None  # a demonym is not a country name


def test_alternate_names_file_adds_names(tmp_path: Path) -> None:
    alternates = tmp_path / "alternateNames.txt"
    alternates.write_text(
        "1\t98717\ten\tRamadi City\t1\t\t\t\t\t\n"
        "2\t98717\tlink\thttps://example.org/Ramadi\t\t\t\t\t\t\n"
        "3\t98717\tar\tالرمادي\t\t\t\t\t\t\n"
        "4\t123456789\ten\tNo Such Place\t\t\t\t\t\t\n",
        encoding="utf-8",
    )
    path = tmp_path / "g.sqlite"
    build_gazetteer(path, geonames=[SAMPLE], alternate_names=alternates, packaged=False)
    gazetteer = Gazetteer(path)
    assert gazetteer.lookup("Ramadi City")[0].place.geonameid == 98717
    assert gazetteer.lookup("No Such Place") == []
    assert gazetteer.meta["sources"] == "custom"


def test_gazetteer_pickles_by_reopening(sample: Gazetteer) -> None:
    copy = pickle.loads(pickle.dumps(sample))
    assert copy.path == sample.path and copy.place(98717) == sample.place(98717)


def test_open_builds_missing_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []

    def fake_build(path: Path) -> None:
        calls.append(path)
        build_gazetteer(path, geonames=[SAMPLE], packaged=False)

    monkeypatch.setattr("strife.geocode.build.build_gazetteer", fake_build)
    target = tmp_path / "cache" / "gazetteer.sqlite"
    first = open_gazetteer(target)
    second = open_gazetteer(target)
    assert calls == [target] and first.stats() == second.stats()
    assert not target.with_name(target.name + ".lock").exists()


def test_open_rejects_unreadable_or_foreign_files(tmp_path: Path, sample_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ResourceMissing):
        open_gazetteer(junk)
    old = tmp_path / "old.sqlite"
    old.write_bytes(sample_path.read_bytes())
    with sqlite3.connect(old) as db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'version'")
    with pytest.raises(ResourceMissing, match="rebuild"):
        open_gazetteer(old)


def test_gazetteer_version_is_recorded(sample: Gazetteer) -> None:
    assert sample.meta["version"] == gazetteer_module.GAZETTEER_VERSION
    assert "GeoNames" in sample.meta["attribution"]


def test_cli_build_lookup_and_info(tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "cli.sqlite"
    built = runner.invoke(
        cli,
        ["gazetteer", "build", "--geonames", str(SAMPLE), "--no-packaged", "-o", str(target)],
    )
    assert built.exit_code == 0, built.output
    assert target.exists() and "places" in built.output

    found = runner.invoke(
        cli, ["gazetteer", "lookup", "Heet", "--gazetteer", str(target), "--json"]
    )
    assert found.exit_code == 0, found.output
    first = json.loads(found.output.splitlines()[0])
    assert (first["geonameid"], first["country"], first["admin1"]) == (95788, "Iraq", "Al Anbar")

    table = runner.invoke(cli, ["gazetteer", "lookup", "Paris", "--gazetteer", str(target)])
    assert table.exit_code == 0 and "France" in table.output

    missing = runner.invoke(cli, ["gazetteer", "lookup", "Xyzzy", "--gazetteer", str(target)])
    assert missing.exit_code != 0 and "no place" in missing.output

    info = runner.invoke(cli, ["gazetteer", "info", "--gazetteer", str(target)])
    assert info.exit_code == 0 and "opened in" in info.output
