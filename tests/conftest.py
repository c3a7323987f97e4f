"""Shared fixtures: the bundled graph loaded once, the app, its test client, the CLI runner."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from server import create_app
from server.config import PROJECT_ROOT, load_settings
from server.store import OxigraphStore

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def settings():
    return load_settings(environ={})


@pytest.fixture(scope="session")
def kg_store(settings) -> OxigraphStore:
    """The bundled ontology and data, one named graph per file (read-only: don't write to it)."""
    return OxigraphStore.from_paths(settings.sources)


@pytest.fixture(scope="session")
def kg(kg_store) -> ox.Store:
    """The bundled graph as a plain pyoxigraph Store (query with use_default_graph_as_union)."""
    return kg_store.oxigraph


@pytest.fixture
def app(settings):
    return create_app(settings)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A writable copy of ontology/, data/ and shapes/ to break in tests."""
    import shutil

    for name in ("ontology", "data", "shapes"):
        shutil.copytree(PROJECT_ROOT / name, tmp_path / name)
    return tmp_path
