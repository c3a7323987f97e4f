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


# --- store backends: memory, disk, remote (Virtuoso) ------------------------------------------

BACKENDS = ("memory", "disk", "remote")
VIRTUOSO_SCRIPT = PROJECT_ROOT / ".ci" / "virtuoso.sh"
VIRTUOSO_DIR_ENV = "MANNHEIM_KG_TEST_VIRTUOSO_DIR"
"""Where the tests' Virtuoso keeps its database (.ci/run sets it; else a temporary folder)."""


class Virtuoso:
    """A private Virtuoso on loopback (.ci/virtuoso.sh), started on first use, for the session.

    Without virtuoso-t the tests that need it skip, except under CI=true, where they fail:
    CI installs it (.ci/run), so a missing engine there is a broken set-up, not a reason.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.started = False
        self.owned = False  # started by this session (else left running at its end)
        self.loaded: dict[str, str] = {}

    def ensure(self) -> Virtuoso:
        import os
        import shutil

        if not self.started:
            if shutil.which("virtuoso-t") is None:
                reason = "Virtuoso is not installed (apt-get install virtuoso-opensource)"
                if os.environ.get("CI") == "true":
                    pytest.fail(f"{reason}; CI must install it (.ci/run)")
                pytest.skip(reason)
            self.start()
        return self

    def start(self) -> None:
        result = subprocess.run(
            ["bash", str(VIRTUOSO_SCRIPT), "start", str(self.directory)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode != 0:
            pytest.fail(f"Virtuoso did not start:\n{result.stdout}{result.stderr}")
        self.started = True
        self.owned = self.owned or not result.stdout.startswith("virtuoso already running")

    def stop(self) -> None:
        subprocess.run(["bash", str(VIRTUOSO_SCRIPT), "stop", str(self.directory)], timeout=120)

    @property
    def port(self) -> int:
        return int((self.directory / "http_port").read_text())

    @property
    def sparql(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    @property
    def graph_store(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql-graph-crud-auth"

    def load(self, paths) -> str:
        """Put the files' graphs into Virtuoso; its SPARQL URL. A graph is sent again only when
        another data set loaded different content under the same IRI since (fixtures/sparql
        and data/ both have a people graph)."""
        from server.store.files import discover, fingerprint
        from server.store.remote import Credentials, load_into

        self.ensure()
        stale = [
            source
            for source in discover(paths)
            if self.loaded.get(str(source.graph or source.path)) != fingerprint([source])
        ]
        if stale:
            load_into(self.graph_store, stale, credentials=Credentials("digest", "dba", "dba"))
            for source in stale:
                self.loaded[str(source.graph or source.path)] = fingerprint([source])
        return self.sparql


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """The session's Virtuoso (lazy: started by the first test that loads data into it)."""
    import os

    given = os.environ.get(VIRTUOSO_DIR_ENV)
    directory = Path(given) if given else tmp_path_factory.mktemp("virtuoso")
    directory.mkdir(parents=True, exist_ok=True)
    engine = Virtuoso(directory)
    yield engine
    if engine.owned:
        engine.stop()


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request) -> str:
    """The store backend a parametrised test module runs on: memory, disk or remote."""
    return request.param


@pytest.fixture(scope="session")
def backend_overrides(tmp_path_factory, virtuoso):
    """(backend, data paths) → the settings that serve those files on that backend."""
    stores: dict[tuple, Path] = {}

    def overrides(backend: str, paths) -> dict:
        paths = tuple(Path(p) for p in paths)
        if backend == "disk":
            if paths not in stores:
                stores[paths] = tmp_path_factory.mktemp("store")
            return {"store": stores[paths]}
        if backend == "remote":
            return {"remote": virtuoso.load(paths)}
        return {}

    return overrides


@pytest.fixture(scope="session")
def backend_options(backend_overrides):
    """(backend, data paths) → the `mannheim-kg serve` options for that backend."""

    def options(backend: str, paths) -> tuple[str, ...]:
        chosen = backend_overrides(backend, paths)
        if "store" in chosen:
            return ("--store", str(chosen["store"]))
        if "remote" in chosen:
            return ("--store", chosen["remote"])
        return ()

    return options
