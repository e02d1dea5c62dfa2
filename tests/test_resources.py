"""Language resources are validated data; coverage is listed and warned about."""

from __future__ import annotations

import json

import pytest
import yaml
from typer.testing import CliRunner

from sitrep import resources
from sitrep.cli import app
from sitrep.resources import SCHEMA, ResourceError, _check
from sitrep.views.languages import all_coverage, coverage

NINE = ("en", "id", "ar", "es", "fr", "de", "ru", "tr", "pt")


@pytest.mark.parametrize("language", resources.languages())
@pytest.mark.parametrize("name", sorted(SCHEMA))
def test_every_shipped_file_follows_its_schema(language: str, name: str) -> None:
    resources.load.cache_clear()
    resources.load(language, name)  # raises ResourceError on a misspelt key


def test_a_misspelt_key_is_an_error_naming_file_and_key() -> None:
    with pytest.raises(ResourceError, match=r"lang/xx/events.yaml: unknown key 'trigers'"):
        _check("events", "lang/xx/events.yaml", {"trigers": {}})


def test_a_bare_no_read_as_a_boolean_is_an_error() -> None:
    data = yaml.safe_load("negation: [not, no]")
    with pytest.raises(ResourceError, match="quote words"):
        _check("events", "lang/xx/events.yaml", data)


def test_trigger_entries_are_checked() -> None:
    with pytest.raises(ResourceError, match="not a PLOVER root type"):
        _check("events", "x", {"triggers": {"ATTACK": ["attacked"]}})
    with pytest.raises(ResourceError, match="unknown key"):
        _check("events", "x", {"triggers": {"ASSAULT": [{"p": "attacked", "subtyp": "x"}]}})


def test_an_unknown_resource_name_is_an_error() -> None:
    with pytest.raises(ResourceError, match="unknown resource"):
        resources.load("en", "evnets")


@pytest.mark.parametrize("language", NINE)
def test_the_nine_languages_have_events_actors_and_quotes(language: str) -> None:
    row = coverage(language)
    assert row.stages["events"] == "yes" and row.stages["actors"] == "yes" and row.stages["quotes"] == "yes"


def test_manifests_hold_script_facts() -> None:
    assert resources.manifest("ar").cased is False and resources.manifest("ar").verb_first
    assert resources.manifest("en").cased is True
    assert resources.manifest("tr").verb_final


def test_langs_lists_every_language_as_json() -> None:
    result = CliRunner().invoke(app, ["langs", "--json"])
    assert result.exit_code == 0
    rows = {row["code"]: row for row in json.loads(result.output)}
    assert set(NINE) <= set(rows)
    assert rows["pl"]["stages"]["events"] == "no"
    assert len(all_coverage()) == len(rows)


def test_langs_table_names_every_stage() -> None:
    result = CliRunner().invoke(app, ["langs"])
    assert result.exit_code == 0
    for stage in ("ner", "parser", "timex", "events", "quotes"):
        assert stage in result.output
