"""Shared fixtures: the bundled graph loaded once, the app, its test client, the CLI runner,
and real servers on loopback."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from server.config import PROJECT_ROOT, load_settings
from server.store.oxigraph import OxigraphStore
from server.web.app import create_app

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


def _unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def free_port() -> int:
    """A loopback port nothing listens on (as of now)."""
    return _unused_port()


class LiveServer(NamedTuple):
    """A `mannheim-kg serve` subprocess: its base URL (http://127.0.0.1:PORT) and process."""

    url: str
    process: subprocess.Popen


@pytest.fixture(scope="session")
def start_server(tmp_path_factory):
    """Start `mannheim-kg serve OPTIONS…` on a free loopback port, once per set of options.

    The servers run until the end of the session.
    """
    servers: dict[tuple[str, ...], LiveServer] = {}

    def start(*options: str) -> LiveServer:
        if options not in servers:
            servers[options] = _serve(options, tmp_path_factory.mktemp("serve") / "server.log")
        return servers[options]

    yield start
    for server in servers.values():
        server.process.terminate()
        try:
            server.process.wait(20)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


def _serve(options: tuple[str, ...], log: Path) -> LiveServer:
    port = _unused_port()
    command = [str(Path(sys.executable).with_name("mannheim-kg")), "serve", "--port", str(port)]
    with log.open("wb") as output:
        process = subprocess.Popen([*command, *options], stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            # a query, not /healthz: /healthz answers while the query workers still load the
            # data, and a first query then would wait past queue_timeout for them (503 busy)
            with urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D", timeout=5) as response:
                if response.status == 200:
                    return LiveServer(base, process)
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("the server did not start:\n" + log.read_text(errors="replace"))
        time.sleep(0.1)
