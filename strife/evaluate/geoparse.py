"""Geoparsing evaluation: toponym recognition and resolution on four public corpora.

Corpora (as distributed with Gritta, Pilehvar & Collier 2019, "A Pragmatic Guide to Geoparsing
Evaluation"): GeoWebNews, LGL (Lieberman et al. 2010), TR-News (Kamalloo & Rafiei 2018) and
GeoVirus (Gritta et al. 2018). Each has its own XML layout; :func:`read_corpus` reads all four.

Recognition is scored by exact span match (and, as a second figure, by overlap). Resolution is
scored on the toponyms both found by strife and given coordinates by the annotators: the share
within 161 km (100 miles) of the gold point, the median error, and the share resolved to the
very GeoNames entry where the corpus gives one. Which gold toponyms count:

* GeoWebNews: the types that name a place and have coordinates (Literal, Mixed, Metonymic,
  Literal/Non-Literal modifiers, Embedded, Coercion); expressions ("the city"), non-toponyms,
  demonym nouns, languages and homonyms are ignored (a prediction on them is not an error).
* LGL, TR-News: every toponym; those without a gazetteer entry count for recognition only.
* GeoVirus: every location (its offsets are one character late and are corrected).

Adjectives of nationality ("Turkish", "Syrian") are toponyms in these corpora, so the scorer asks
the recogniser for demonyms too; :func:`strife.geocode.find_places` never returns them.
"""

from __future__ import annotations

import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from strife.geocode.geo import distance_km
from strife.resources import Resources

CORPORA: dict[str, str] = {
    "GeoWebNews": "GeoWebNews_GWN.xml",
    "TR-News": "TR-News.xml",
    "LGL": "LGL_lgl.xml",
    "GeoVirus": "GeoVirus.xml",
}
# Halterman (2023), "Mordecai 3: A Neural Geoparser and Event Geocoder", arXiv:2303.13675:
# the range of its results over these evaluation sets (resolution of gold toponyms).
MORDECAI3 = {"exact": "79–93%", "acc161": "83–98%"}

_GWN_PLACE_TYPES = frozenset(
    "Literal Mixed Metonymic Literal_Modifier Non_Literal_Modifier Embedded_Literal "
    "Embedded_Non_Lit Coercion".split()
)


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One annotated toponym."""

    start: int
    end: int
    text: str
    latitude: float | None
    longitude: float | None
    geonameid: int | None


@dataclass
class GoldDocument:
    """One annotated text: its toponyms, and spans where predictions are not scored."""

    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)
    ignored: list[tuple[int, int]] = field(default_factory=list)


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def corpus_name(path: Path) -> str:
    """Return the corpus a file holds, from its name."""
    for name, filename in CORPORA.items():
        if path.name == filename:
            return name
    return path.stem


def read_corpus(path: Path) -> list[GoldDocument]:
    """Read any of the four corpora into documents with gold toponyms."""
    root = ET.parse(path).getroot()
    documents: list[GoldDocument] = []
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        document = GoldDocument(text)
        for node in article.iter("toponym"):
            start, end = _int(node.findtext("start")), _int(node.findtext("end"))
            if start is None or end is None:
                continue
            kind = node.findtext("type")
            if kind is not None:  # GeoWebNews
                lat, lon = _float(node.findtext("latitude")), _float(node.findtext("longitude"))
                if kind not in _GWN_PLACE_TYPES or lat is None:
                    document.ignored.append((start, end))
                    continue
                gid = _int(node.findtext("geonamesID"))
            else:  # LGL, TR-News
                tag = node.find("gaztag")
                lat = _float(tag.findtext("lat")) if tag is not None else None
                lon = _float(tag.findtext("lon")) if tag is not None else None
                gid = _int(tag.get("geonameid")) if tag is not None else None
            document.toponyms.append(GoldToponym(start, end, text[start:end], lat, lon, gid))
        for node in article.iter("location"):  # GeoVirus
            name = node.findtext("name") or ""
            start = _int(node.findtext("start"))
            if start is None:
                continue
            for shift in (-1, 0, 1, -2):
                if text[start + shift : start + shift + len(name)] == name:
                    start += shift
                    break
            lat, lon = _float(node.findtext("lat")), _float(node.findtext("lon"))
            document.toponyms.append(GoldToponym(start, start + len(name), name, lat, lon, None))
        documents.append(document)
    return documents


def _score_corpus(path: Path, res: Resources, limit: int | None) -> dict[str, Any]:
    from strife.geocode.recognize import recognize

    gazetteer = res.gazetteer
    documents = read_corpus(path)[:limit]
    gold_count = predicted = exact = overlap_gold = overlap_predicted = 0
    errors: list[float] = []
    same_id = with_id = 0
    started = time.perf_counter()
    for document in documents:
        found = recognize(document.text, gazetteer, demonyms=True)
        gold = {(t.start, t.end): t for t in document.toponyms}
        gold_count += len(gold)
        matched_gold: set[tuple[int, int]] = set()
        for item in found:
            span = (item.start, item.end)
            overlaps = [g for g in gold if g[0] < item.end and item.start < g[1]]
            if span not in gold and not overlaps:
                if any(a < item.end and item.start < b for a, b in document.ignored):
                    continue
            predicted += 1
            if overlaps:
                overlap_predicted += 1
                matched_gold.update(overlaps)
            if span not in gold:
                continue
            exact += 1
            toponym = gold[span]
            if item.place is None or toponym.latitude is None or toponym.longitude is None:
                continue
            place = item.place
            errors.append(
                distance_km(place.latitude, place.longitude, toponym.latitude, toponym.longitude)
            )
            if toponym.geonameid:
                with_id += 1
                same_id += place.geonameid == toponym.geonameid
        overlap_gold += len(matched_gold)
    seconds = time.perf_counter() - started

    def ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    precision, recall = ratio(exact, predicted), ratio(exact, gold_count)
    lenient_p, lenient_r = ratio(overlap_predicted, predicted), ratio(overlap_gold, gold_count)
    return {
        "corpus": corpus_name(path),
        "documents": len(documents),
        "gold": gold_count,
        "predicted": predicted,
        "matched": exact,
        "precision": precision,
        "recall": recall,
        "f1": ratio(2 * exact, predicted + gold_count),
        "overlap_f1": (
            2 * lenient_p * lenient_r / (lenient_p + lenient_r) if lenient_p + lenient_r else 0.0
        ),
        "resolved": len(errors),
        "acc161": ratio(sum(e <= 161 for e in errors), len(errors)),
        "median_km": statistics.median(errors) if errors else None,
        "geonameid_match": ratio(same_id, with_id) if with_id else None,
        "ms_per_document": 1000 * seconds / len(documents) if documents else 0.0,
    }


def evaluate_geoparse(path: Path, res: Resources, *, limit: int | None = None) -> dict[str, Any]:
    """Score toponym recognition and resolution on one corpus file or a folder of them.

    Args:
        path: a corpus XML file, or a folder holding any of the files named in CORPORA.
        limit: score only the first ``limit`` documents of each corpus.
    """
    path = Path(path)
    if path.is_dir():
        files = [path / name for name in CORPORA.values() if (path / name).exists()]
    else:
        files = [path]
    return {"corpora": [_score_corpus(f, res, limit) for f in files], "mordecai3": MORDECAI3}


def format_geoparse(report: dict[str, Any]) -> str:
    """Return a plain-text table of a geoparse report, beside Mordecai 3's published figures."""
    rows = report.get("corpora", [report])
    header = (
        f"{'corpus':<11} {'docs':>5} {'gold':>6} {'P':>6} {'R':>6} {'F1':>6} {'F1~':>6} "
        f"{'n res':>6} {'acc@161':>8} {'median km':>10} {'id match':>9} {'ms/doc':>7}"
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        median = f"{row['median_km']:.1f}" if row["median_km"] is not None else "-"
        ids = f"{row['geonameid_match']:.1%}" if row["geonameid_match"] is not None else "-"
        lines.append(
            f"{row['corpus']:<11} {row['documents']:>5} {row['gold']:>6} "
            f"{row['precision']:>6.1%} {row['recall']:>6.1%} {row['f1']:>6.1%} "
            f"{row['overlap_f1']:>6.1%} {row['resolved']:>6} {row['acc161']:>8.1%} "
            f"{median:>10} {ids:>9} {row['ms_per_document']:>7.1f}"
        )
    published = report.get("mordecai3", MORDECAI3)
    lines += [
        "",
        "F1 = exact span match, F1~ = overlapping spans; resolution is scored on exact matches.",
        f"Mordecai 3 (Halterman 2023, gold toponyms): {published['exact']} exact, "
        f"{published['acc161']} within 161 km.",
    ]
    return "\n".join(lines)
