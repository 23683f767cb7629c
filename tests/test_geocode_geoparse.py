"""The geoparsing scorer reads the four corpus layouts and scores recognition and resolution."""

from __future__ import annotations

from pathlib import Path

import pytest

from strife.evaluate.geoparse import (
    CORPORA,
    evaluate_geoparse,
    format_geoparse,
    read_corpus,
)
from strife.geocode.build import build_gazetteer
from strife.resources import Resources
from strife.settings import load_settings

SAMPLE = Path(__file__).parent / "data" / "geonames_sample.txt"
SHARED = Path(__file__).parents[1].parent / "shared" / "eval" / "geoparsing"

TEXT = "Gunmen attacked a checkpoint near Ramadi, in Iraq, while Mayor Smith visited Paris."
# Offsets of the gold toponyms in TEXT.
RAMADI, IRAQ, PARIS = (34, 40), (45, 49), (77, 82)

GWN = f"""<?xml version="1.0" ?>
<articles><article file="0"><title>t</title><link>l</link><text>{TEXT}</text><toponyms>
<toponym><extractedName>Ramadi</extractedName><type>Literal</type><start>34</start><end>40</end>
<geonamesID>98717</geonamesID><latitude>33.42</latitude><longitude>43.31</longitude></toponym>
<toponym><extractedName>Iraq</extractedName><type>Literal</type><start>45</start><end>49</end>
<geonamesID>99237</geonamesID><latitude>33</latitude><longitude>44</longitude></toponym>
<toponym><extractedName>checkpoint</extractedName><type>Literal_Expression</type>
<start>18</start><end>28</end></toponym>
<toponym><extractedName>Paris</extractedName><type>Literal</type><start>77</start><end>82</end>
<geonamesID>4717560</geonamesID><latitude>33.66</latitude><longitude>-95.56</longitude></toponym>
</toponyms></article></articles>"""

LGL = f"""<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="1"><text><![CDATA[{TEXT}]]></text><toponyms>
<toponym><start>34</start><end>40</end><phrase>Ramadi</phrase>
<gaztag geonameid="98717"><lat>33.42</lat><lon>43.31</lon></gaztag></toponym>
<toponym><start>45</start><end>49</end><phrase>Iraq</phrase></toponym>
</toponyms></article></articles>"""

# GeoVirus offsets are one character late, as in the distributed file.
VIRUS = f"""<articles><article><source>s</source><text>{TEXT}</text><locations>
<location><name>Ramadi</name><start>35</start><end>41</end><lat>33.42</lat><lon>43.31</lon>
</location></locations></article></articles>"""


@pytest.fixture(scope="module")
def res(tmp_path_factory: pytest.TempPathFactory) -> Resources:
    path = tmp_path_factory.mktemp("geoparse") / "sample.sqlite"
    build_gazetteer(path, geonames=[SAMPLE], packaged=False)
    return Resources(load_settings(gazetteer_path=str(path)))


@pytest.fixture
def corpora(tmp_path: Path) -> Path:
    (tmp_path / CORPORA["GeoWebNews"]).write_text(GWN, encoding="utf-8")
    (tmp_path / CORPORA["LGL"]).write_text(LGL, encoding="utf-8")
    (tmp_path / CORPORA["TR-News"]).write_text(LGL, encoding="utf-8")
    (tmp_path / CORPORA["GeoVirus"]).write_text(VIRUS, encoding="utf-8")
    return tmp_path


def test_reader_handles_each_layout(corpora: Path) -> None:
    gwn = read_corpus(corpora / CORPORA["GeoWebNews"])[0]
    assert [(t.start, t.end) for t in gwn.toponyms] == [RAMADI, IRAQ, PARIS]
    assert gwn.ignored == [(18, 28)]
    lgl = read_corpus(corpora / CORPORA["LGL"])[0]
    assert lgl.toponyms[1].latitude is None and lgl.toponyms[0].geonameid == 98717
    virus = read_corpus(corpora / CORPORA["GeoVirus"])[0]
    assert (virus.toponyms[0].start, virus.toponyms[0].text) == (34, "Ramadi")


def test_scores_recognition_and_resolution(corpora: Path, res: Resources) -> None:
    report = evaluate_geoparse(corpora, res)
    rows = {row["corpus"]: row for row in report["corpora"]}
    assert set(rows) == set(CORPORA)
    gwn = rows["GeoWebNews"]
    assert (gwn["gold"], gwn["matched"]) == (3, 3)
    assert gwn["precision"] == gwn["recall"] == 1.0
    # Paris is resolved to France without context: one of three points is 7,800 km off.
    assert gwn["acc161"] == pytest.approx(2 / 3)
    assert gwn["geonameid_match"] == pytest.approx(2 / 3)
    lgl = rows["LGL"]
    assert lgl["resolved"] == 1 and lgl["acc161"] == 1.0
    assert lgl["precision"] == pytest.approx(2 / 3)  # Paris is not annotated there
    assert rows["GeoVirus"]["matched"] == 1
    table = format_geoparse(report)
    assert "GeoWebNews" in table and "Mordecai 3" in table and "83–98%" in table


def test_limit_and_single_file(corpora: Path, res: Resources) -> None:
    report = evaluate_geoparse(corpora / CORPORA["GeoVirus"], res, limit=1)
    assert [row["documents"] for row in report["corpora"]] == [1]


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/eval/geoparsing is not available")
def test_real_corpora_smoke() -> None:
    report = evaluate_geoparse(SHARED, Resources(load_settings()), limit=8)
    for row in report["corpora"]:
        assert row["documents"] == 8 and row["gold"] > 0
        assert row["f1"] > 0.4 and row["acc161"] > 0.5, row
