"""Settings: defaults < environment (MANNHEIM_KG_*) < explicit values; no unknown names."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from server.config import Settings, load_settings


def test_environment_then_overrides():
    environ = {"MANNHEIM_KG_PORT": "8080", "MANNHEIM_KG_WORKERS": "3"}
    settings = load_settings({"workers": 5, "data": "a.ttl", "host": None}, environ=environ)
    assert (settings.port, settings.workers, settings.data) == (8080, 5, (Path("a.ttl"),))
    assert settings.host == Settings().host


def test_every_setting_can_come_from_the_environment():
    special = {"validate_on_start": "no", "service_allow_list": "https://example.org/sparql"}
    for f in fields(Settings):
        value = special.get(f.name, "7")
        settings = load_settings(environ={f"MANNHEIM_KG_{f.name.upper()}": value})
        assert getattr(settings, f.name) != getattr(Settings(), f.name), f.name


def test_a_misspelt_setting_is_an_error():
    with pytest.raises(ValueError, match="unknown setting 'max_row'"):
        load_settings({"max_row": 10}, environ={})
