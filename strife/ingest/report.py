"""A run's closing account: every input is either processed or skipped with a reason."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from strife.model import Article


@dataclass
class RunReport:
    """Counts articles processed and skipped (by reason), events and background events."""

    processed: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    warnings: Counter[str] = field(default_factory=Counter)
    events: int = 0
    background: int = 0
    incidents: int | None = None

    def add(self, article: Article, include_background: bool = False) -> None:
        """Count one article after processing."""
        if article.failed:
            fatal = next(p for p in article.problems if p.fatal)
            self.skipped[fatal.code] += 1
            return
        self.processed += 1
        self.warnings.update(p.code for p in article.problems)
        background = sum(e.historical for e in article.events)
        self.background += background
        self.events += len(article.events) - (0 if include_background else background)

    @property
    def read(self) -> int:
        """Number of articles (or unreadable inputs) seen."""
        return self.processed + sum(self.skipped.values())

    @property
    def exit_code(self) -> int:
        """0 when at least one article was processed, 1 when none could be."""
        return 0 if self.processed else 1

    def render(self) -> str:
        """Return the one-paragraph summary printed at the end of a run."""
        skipped = sum(self.skipped.values())
        parts = [f"{self.read} read", f"{self.processed} processed", f"{skipped} skipped"]
        if skipped:
            reasons = ", ".join(f"{n} {code}" for code, n in sorted(self.skipped.items()))
            parts[-1] += f" ({reasons})"
        line = "strife: articles: " + ", ".join(parts) + f"; events: {self.events}"
        if self.background:
            line += f" (+{self.background} background)"
        if self.incidents is not None:
            line += f"; incidents: {self.incidents}"
        if self.warnings:
            notes = ", ".join(f"{n} {code}" for code, n in sorted(self.warnings.items()))
            line += f"; warnings: {notes}"
        return line


def describe_problem(article: Article) -> str | None:
    """Return the stderr line for an article that was skipped, or None if it was processed."""
    fatal = next((p for p in article.problems if p.fatal), None)
    if fatal is None:
        return None
    where = article.source_path or article.id
    return f"strife: skipped {where}: {fatal.message} [{fatal.stage}:{fatal.code}]"
