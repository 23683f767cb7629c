"""Settings: every field documented; environment variables override the defaults."""

from __future__ import annotations

import dataclasses

import strife
from strife.settings import Settings, load_settings


def test_every_setting_has_help():
    for field in dataclasses.fields(Settings):
        assert field.metadata.get("help"), field.name


def test_environment_overrides_defaults_and_arguments_override_environment(monkeypatch):
    monkeypatch.setenv("STRIFE_DB_URL", "sqlite:///from-env.db")
    monkeypatch.setenv("STRIFE_INCLUDE_BACKGROUND", "yes")
    settings = load_settings()
    assert settings.db_url == "sqlite:///from-env.db"
    assert settings.include_background is True
    assert load_settings(db_url="sqlite:///explicit.db").db_url == "sqlite:///explicit.db"


def test_public_api_is_exported():
    for name in strife.__all__:
        assert hasattr(strife, name), name
