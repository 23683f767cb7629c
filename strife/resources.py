"""Resources: the lexicons and gazetteer a run needs, loaded once, lazily, in one place."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from strife.settings import Settings, load_settings

if TYPE_CHECKING:
    from strife.extraction.actors import ActorLexicon
    from strife.extraction.lexicon import Lexicon
    from strife.geocode.countries import CountryWords
    from strife.geocode.lexicon import PlaceWords
    from strife.words import Words


class Lexicons:
    """The word lists and lexicons of `strife/data/`, each read and compiled on first use.

    They do not depend on settings, so one instance serves the whole process
    (:attr:`Resources.lexicons`); every stage reads its vocabulary from here.
    """

    @cached_property
    def words(self) -> Words:
        """Calendar and number words (`words.yaml`)."""
        from strife.words import load_words

        return load_words()

    @cached_property
    def events(self) -> Lexicon:
        """The event taxonomy and its trigger patterns (`event_types.yaml`)."""
        from strife.extraction.lexicon import load_lexicon

        return load_lexicon()

    @cached_property
    def actors(self) -> ActorLexicon:
        """Actor names, generic groups and country words (`actors.yaml`)."""
        from strife.extraction.actors import load_actor_lexicon

        return load_actor_lexicon()

    @cached_property
    def places(self) -> PlaceWords:
        """Word lists of place recognition: cues, titles, never-places (`place_words.yaml`)."""
        from strife.geocode.lexicon import load_place_words

        return load_place_words()

    @cached_property
    def countries(self) -> CountryWords:
        """Country names, demonyms and regions for the gazetteer (`countries.yaml`)."""
        from strife.geocode.countries import load_country_words

        return load_country_words()

    def loaded(self) -> list[str]:
        """Return the names of the lexicons loaded so far in this process."""
        return sorted(
            name
            for name in ("words", "events", "actors", "places", "countries")
            if name in vars(self)
        )


@dataclass(frozen=True)
class Resources:
    """Lazily loaded shared resources; one instance per process (see :meth:`shared`)."""

    settings: Settings
    lexicons: ClassVar[Lexicons] = Lexicons()

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
