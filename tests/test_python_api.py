"""The Python API: `strife.extract` on text, with clear errors for bad arguments."""

from __future__ import annotations

import inspect
from datetime import date

import pytest

import strife

STORY = (
    "Gunmen attacked an army post near Gao on Tuesday, killing four soldiers, the regional "
    "governor said."
)


@pytest.mark.parametrize("bad", ["last Tuesday", "2023-13-45", 20230411, "27/09/2017"])
def test_a_bad_published_is_a_strife_error(bad):
    with pytest.raises(strife.StrifeError, match="is not a date"):
        strife.extract(STORY, published=bad)


def test_published_as_text_or_date_gives_the_same_events():
    as_text = strife.extract(STORY, published="2023-04-11")
    as_date = strife.extract(STORY, published=date(2023, 4, 11))
    assert as_text == as_date
    [event] = as_text
    assert (event.location, event.fatalities, event.event_date) == ("Gao", 4, date(2023, 4, 11))


def test_extract_lists_its_keyword_arguments():
    parameters = inspect.signature(strife.extract).parameters
    doc = strife.extract.__doc__ or ""
    for name in parameters:
        if name != "text":
            assert f"{name}:" in doc, name
    assert {"title", "article_id", "outlet", "url", "resources"} <= set(parameters)
    with pytest.raises(TypeError):
        strife.extract(STORY, colour="red")  # type: ignore[call-arg]


def test_the_version_is_the_one_the_package_declares() -> None:
    import tomllib
    from pathlib import Path

    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    declared = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    assert strife.__version__ == declared
