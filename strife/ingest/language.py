"""The language of an article (py3langid), so that articles strife cannot read yet are counted.

strife's lexicons and patterns are English. An article in another language is recorded with
a fatal `language:xx` problem (ISO 639-1 code) instead of being run through them: the
summary counts it by language, and the code says where it could be routed later.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from strife.model import Article

READABLE = frozenset({"en"})
# Below these, the verdict is left out: a headline or a list of place names is too short to
# tell, and an unsure verdict must not drop an English article.
MIN_CHARS = 200
MIN_PROBABILITY = 0.95
SAMPLE_CHARS = 5_000  # enough text to decide; a long article costs no more


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # loading takes about 1 s

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float] | None:
    """Return (ISO 639-1 code, probability) for a text, or None when it is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return None
    code, probability = _identifier().classify(sample)
    return str(code), float(probability)


def check_language(article: Article) -> Article:
    """Add a fatal `language:xx` problem to an article that is surely not in English."""
    if article.failed or not article.raw:
        return article
    verdict = detect_language(article.raw)
    if verdict is None or verdict[0] in READABLE or verdict[1] < MIN_PROBABILITY:
        return article
    code, probability = verdict
    message = f"the text is in language {code!r} (p={probability:.2f}); strife reads English"
    return article.with_problem("ingest", f"language:{code}", message, fatal=True)
