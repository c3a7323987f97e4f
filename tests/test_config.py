"""Settings: defaults < environment (MANNHEIM_KG_*) < explicit values; no unknown names."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from server import project
from server.config import (
    PROJECT_ROOT,
    SETTINGS,
    SETTINGS_BY_NAME,
    ProjectFolder,
    Settings,
    load_settings,
    settings_markdown,
    with_settings_table,
)


def test_environment_then_overrides():
    environ = {"MANNHEIM_KG_PORT": "8080", "MANNHEIM_KG_WORKERS": "3"}
    settings = load_settings({"workers": 5, "data": "a.ttl", "host": None}, environ=environ)
    assert (settings.port, settings.workers, settings.data) == (8080, 5, (Path("a.ttl"),))
    assert settings.host == Settings().host


def test_every_setting_can_come_from_the_environment():
    special = {
        "validate_on_start": "no",
        "public_copy": "no",
        "service_allow_list": "https://example.org/sparql",
    }
    for f in fields(Settings):
        value = special.get(f.name, "7")
        settings = load_settings(environ={f"MANNHEIM_KG_{f.name.upper()}": value})
        assert getattr(settings, f.name) != getattr(Settings(), f.name), f.name


def test_a_misspelt_setting_is_an_error():
    with pytest.raises(ValueError, match="unknown setting 'max_row'"):
        load_settings({"max_row": 10}, environ={})


# -- one declaration per setting; the docs' table is generated from it ------------------------

DOCS = PROJECT_ROOT / "docs" / "configuration.md"


def test_the_registry_is_the_settings_fields():
    assert [s.name for s in SETTINGS] == [f.name for f in fields(Settings)]
    for setting in SETTINGS:
        assert setting.env == "MANNHEIM_KG_" + setting.name.upper()
        assert setting.help
        if isinstance(setting.default, ProjectFolder):  # the discovered project's folder
            assert getattr(Settings(), setting.name) == getattr(project.current(), setting.name)
        else:
            assert setting.default == getattr(Settings(), setting.name)
    port = SETTINGS_BY_NAME["port"]
    assert (port.type.label, port.help) == ("integer", "port `serve` listens on (`--port`)")


def test_the_settings_table_in_the_docs_is_current():
    document = DOCS.read_text(encoding="utf-8")
    assert with_settings_table(document) == document, "run: python -m server.config"
    assert (
        "| `MANNHEIM_KG_MAX_ROWS` | integer | `100000` | most result rows (or triples) answered; "
        "`0`: no limit |"
    ) in document
    assert "| `MANNHEIM_KG_ONTOLOGY` | paths (`:`-separated) | `ontology/` |" in document


def test_a_stale_table_is_seen():
    document = DOCS.read_text(encoding="utf-8").replace("`5000`", "`5001`")
    assert with_settings_table(document) != document
    with pytest.raises(ValueError, match="no <!-- settings:start -->"):
        with_settings_table("# Configuration\n")
    assert settings_markdown().count("\n") == len(SETTINGS) + 2
