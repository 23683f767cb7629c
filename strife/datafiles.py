"""The project's data files (`strife/data/`): lexicons and tables, read as text."""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_data(name: str) -> str:
    """Return the text of one file of `strife/data/` (a lexicon or a table)."""
    return (DATA_DIR / name).read_text(encoding="utf-8")


__all__ = ["DATA_DIR", "read_data"]
