"""Exceptions strife raises for problems a user can fix.

    StrifeError
     ├── ConfigError       a setting or option is wrong
     ├── ResourceMissing   a gazetteer or data file is not where it should be
     └── StoreError        the database cannot be opened or written

Data problems in articles are never exceptions: they become ``Problem`` records.
"""


class StrifeError(Exception):
    """Base class of strife's own errors; the message says what to do next."""


class ConfigError(StrifeError):
    """A setting, option or input path is wrong."""


class ResourceMissing(StrifeError):
    """A gazetteer, lexicon or other data file is missing or unreadable."""


class StoreError(StrifeError):
    """The database cannot be opened, migrated or written."""
