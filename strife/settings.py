"""Settings: one frozen dataclass, defaults in code, overridable by STRIFE_* variables."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "strife"


@dataclass(frozen=True)
class Settings:
    """Every tunable of a run, each with a help string."""

    db_url: str = field(
        default="sqlite:///strife.db",
        metadata={"help": "SQLAlchemy URL of the database; postgresql+psycopg://… for teams"},
    )
    gazetteer_path: str = field(
        default=str(_cache_dir() / "gazetteer-v1.sqlite"),
        metadata={"help": "gazetteer SQLite file; built from packaged GeoNames data if missing"},
    )
    include_background: bool = field(
        default=False,
        metadata={"help": "also output background (historical) incidents"},
    )
    api_token: str | None = field(
        default=None,
        metadata={"help": "bearer token required by the API's write endpoints"},
    )


def load_settings(**overrides: object) -> Settings:
    """Return settings from defaults, then STRIFE_* environment variables, then overrides."""
    values: dict[str, object] = {}
    for f in dataclasses.fields(Settings):
        env = os.environ.get(f"STRIFE_{f.name.upper()}")
        if env is not None:
            values[f.name] = env.lower() in {"1", "true", "yes"} if f.type == "bool" else env
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)  # type: ignore[arg-type]
