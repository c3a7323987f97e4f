"""The remote backend against a real Virtuoso: what it does differently from the standard is
normalised or refused, restricted graphs never leave it, and an outage is a clear 503/504
that ends by itself when the engine is back."""

from __future__ import annotations

import http.server
import json
import threading
import time
import urllib.error
import urllib.request
from typing import ClassVar
from urllib.parse import quote

import pyoxigraph as ox
import pytest

from server.errors import (
    BackendIncomplete,
    BackendTimeout,
    BackendUnavailable,
    QuerySyntaxError,
    UnsupportedFunction,
)
from server.rdf.namespace import GRAPH
from server.store.files import discover
from server.store.oxigraph import OxigraphStore
from server.store.remote import (
    Credentials,
    RemoteStore,
    graphs_of,
    remote_store,
    split_dataset_clauses,
)

RESTRICTED = GRAPH + "contact-details"
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def kg_remote(settings, virtuoso) -> RemoteStore:
    """The bundled graph in Virtuoso, behind a RemoteStore with the server's settings."""
    from dataclasses import replace

    store = remote_store(replace(settings, remote=virtuoso.load(settings.sources), timeout=10))
    yield store
    store.close()


@pytest.fixture(scope="module")
def public(settings) -> list[str]:
    return [g for g in graphs_of(discover(settings.sources)) if g != RESTRICTED]


def rows(result) -> list[tuple[str, ...]]:
    """Rows as text; blank nodes as `_:` (their labels are each store's own)."""
    return sorted(
        tuple("_:" if isinstance(term, ox.BlankNode) else str(term) for term in row)
        for row in result
    )


# -- reading the query's dataset clauses -------------------------------------------------------


def test_dataset_clauses_are_read_and_cut_out():
    text, default, named = split_dataset_clauses(
        "PREFIX g: <http://ex/g/>\nSELECT * FROM g:a FROM NAMED <http://ex/b> "
        "WHERE { ?s ?p 'FROM <http://ex/c>' }"
    )
    assert default == ["http://ex/g/a"] and named == ["http://ex/b"]
    assert "FROM" not in text.split("WHERE")[0] and "'FROM <http://ex/c>'" in text


def test_construct_template_before_from():
    text, default, named = split_dataset_clauses(
        "CONSTRUCT { ?s ?p ?o } FROM <http://ex/a> WHERE { ?s ?p ?o }"
    )
    assert (default, named) == (["http://ex/a"], [])
    assert text.startswith("CONSTRUCT { ?s ?p ?o }") and "<http://ex/a>" not in text


# -- the dataset: our graphs only, and views hold ----------------------------------------------


def test_only_our_graphs_are_seen(kg_remote, kg_store):
    """Virtuoso's default graph is every graph it holds (its system graphs too): never here."""
    query = "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }"
    assert rows(kg_remote.query(query)) == rows(kg_store.query(query))
    count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    assert rows(kg_remote.query(count)) == rows(kg_store.query(count))
    assert len(kg_remote) == len(kg_store)


@pytest.mark.parametrize(
    "query",
    [
        f"SELECT ?s ?p ?o {{ GRAPH <{RESTRICTED}> {{ ?s ?p ?o }} }}",
        f"SELECT ?s ?p ?o FROM <{RESTRICTED}> {{ ?s ?p ?o }}",
        f"SELECT ?s ?p ?o FROM NAMED <{RESTRICTED}> {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "SELECT ?s ?p ?o { ?s ?p ?o }",
    ],
    ids=["graph", "from", "from-named", "default"],
)
def test_restricted_graphs_never_leave_a_view(kg_remote, kg_store, public, query):
    """A view (an explicit dataset of public graphs) holds on Virtuoso as on the embedded store,
    FROM clauses included: the protocol's dataset wins (Virtuoso would merge the two)."""
    restricted = set(
        rows(kg_store.query(f"SELECT ?s ?p ?o {{ GRAPH <{RESTRICTED}> {{ ?s ?p ?o }} }}"))
    )
    assert len(restricted) > 10
    remote = rows(kg_remote.query(query, default_graph=public, named_graphs=public))
    local = rows(kg_store.query(query, default_graph=public, named_graphs=public))
    assert remote == local
    # rows with a blank node say nothing across stores (`_:`): the IRIs and literals do
    assert not {row for row in restricted if "_:" not in row} & set(remote)
    if "NAMED" not in query:  # without the view, the restricted graph is there to be found
        assert set(rows(kg_remote.query(query))) >= restricted


def test_from_clauses_name_the_dataset(kg_remote, kg_store):
    query = f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH}clusters> {{ ?s ?p ?o }}"
    assert rows(kg_remote.query(query, union=False)) == rows(kg_store.query(query, union=False))


def test_graph_answers_are_graphs(kg_remote, kg_store):
    query = f"CONSTRUCT {{ ?s a ?type }} WHERE {{ GRAPH <{GRAPH}clusters> {{ ?s a ?type }} }}"
    remote, local = kg_remote.query(query), kg_store.query(query)
    assert isinstance(remote, ox.QueryTriples)
    assert sorted(map(str, remote)) == sorted(map(str, local))


# -- refused, never passed on --------------------------------------------------------------------


def test_syntax_errors_are_ours(kg_remote):
    with pytest.raises(QuerySyntaxError) as remote:
        kg_remote.query("SELECT * WHERE { ?s ?p }")
    with pytest.raises(QuerySyntaxError) as local:
        OxigraphStore().query("SELECT * WHERE { ?s ?p }")
    assert str(remote.value) == str(local.value)


def test_engine_procedures_are_refused(kg_remote):
    with pytest.raises(UnsupportedFunction, match="bif:sprintf"):
        kg_remote.query("PREFIX bif: <bif:> SELECT (bif:sprintf('%d', 1) AS ?x) {}")


def test_anytime_answers_are_refused(kg_remote):
    """Virtuoso stops at the time limit and offers what it has: a 504, not a short answer."""
    slow = RemoteStore(kg_remote.endpoint, timeout=1, graphs=kg_remote.graphs)
    slow.health()  # learns that the engine is Virtuoso
    assert "virtuoso" in slow.engine.lower()
    with pytest.raises(BackendTimeout, match="time limit of 1 s"):
        slow.query(CROSS_JOIN)


def test_row_cap_answers_are_refused(kg_remote):
    capped = RemoteStore(kg_remote.endpoint, graphs=kg_remote.graphs, row_cap=5)
    assert len(list(capped.query("SELECT ?s { ?s ?p ?o } LIMIT 4"))) == 4
    with pytest.raises(BackendIncomplete, match="ResultSetMaxRows 5"):
        capped.query("SELECT ?s { ?s ?p ?o } LIMIT 5")
    with pytest.raises(BackendIncomplete, match="ResultSetMaxRows 5"):
        capped.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 9")


def test_an_unreachable_engine_is_503(free_port):
    store = RemoteStore(f"http://127.0.0.1:{free_port}/sparql", timeout=2)
    with pytest.raises(BackendUnavailable, match="cannot reach the endpoint"):
        store.query("ASK {}")
    health = store.health()
    assert health["status"] == "degraded" and "ConnectionError" in health["reason"]


# -- credentials ---------------------------------------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[str | None]] = []

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        _Recorder.seen.append(self.headers.get("Authorization"))
        body = b'{"head": {}, "boolean": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.mark.parametrize(
    ("credentials", "header"),
    [
        (Credentials.parse(user="ann:secret"), "Basic YW5uOnNlY3JldA=="),
        (Credentials.parse(token="t0k3n"), "Bearer t0k3n"),
        (Credentials(), None),
    ],
    ids=["basic", "bearer", "none"],
)
def test_credentials_are_sent_on_one_kept_alive_connection(credentials, header):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.protocol_version = "HTTP/1.1"
    _Recorder.protocol_version = "HTTP/1.1"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Recorder.seen = []
    try:
        store = RemoteStore(
            f"http://127.0.0.1:{server.server_port}/sparql", credentials=credentials
        )
        for _ in range(3):
            assert bool(store.query("ASK {}")) is True
        assert _Recorder.seen == [header] * 3
        assert len(store.session.adapters["http://"].poolmanager.pools) == 1
    finally:
        server.shutdown()
        server.server_close()


# -- an outage through the server: 503, degraded, and back by itself ---------------------------


def _get(url: str, timeout: float = 30) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_engine_stopped_and_restarted(start_server, settings, virtuoso):
    """Virtuoso stops: queries get 503 at once, /healthz says degraded; it starts again: the
    same server answers again, with nothing restarted on our side."""
    url = virtuoso.load(settings.sources)
    server = start_server("--store", url, "--timeout", "5")
    ask = server.url + "/sparql?query=" + quote("ASK { ?s ?p ?o }")
    assert _get(ask)[0] == 200
    virtuoso.stop()
    try:
        assert _get(ask)[0] == 200  # a repeat: the result cache answers (same data version)
        fresh = server.url + "/sparql?query=" + quote("ASK { ?s ?p ?s }")  # not cached
        started = time.monotonic()
        status, body = _get(fresh)
        assert status == 503 and b"cannot reach the endpoint" in body
        assert time.monotonic() - started < 5
        status, body = _get(server.url + "/healthz")
        assert status == 503
        assert json.loads(body)["status"] == "degraded"
    finally:
        virtuoso.start()
    status, body = _get(server.url + "/healthz")
    assert status == 200 and json.loads(body)["backend"] == "remote"
    status, body = _get(ask)
    assert status == 200 and b"true" in body
