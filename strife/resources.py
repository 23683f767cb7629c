"""Resources: the lexicons and gazetteer a run needs, loaded once, lazily, in one place."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from strife.settings import Settings, load_settings


@dataclass(frozen=True)
class Resources:
    """Lazily loaded shared resources; one instance per process (see :meth:`shared`)."""

    settings: Settings

    @cached_property
    def gazetteer(self) -> Any:
        """The read-only gazetteer used by geocoding (built on first use if missing)."""
        from strife.geocode.gazetteer import open_gazetteer

        return open_gazetteer(self.settings.gazetteer_path)

    @classmethod
    @cache
    def shared(cls, settings: Settings | None = None) -> Resources:
        """Return the process-wide instance for these settings (one per Dask worker)."""
        return cls(settings or load_settings())
