"""A real server on loopback (`mannheim-kg serve` in a subprocess) and real clients.

SPARQLWrapper, the client library of the design, for every query form and result format it
knows, by GET and by POST; urllib for the formats SPARQLWrapper has no name for; the hard
timeout with a query that would run for minutes; /healthz and /metrics.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import socket
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest
import rdflib
from SPARQLWrapper import (
    CSV,
    JSON,
    JSONLD,
    N3,
    POST,
    POSTDIRECTLY,
    RDFXML,
    TSV,
    TURTLE,
    URLENCODED,
    XML,
    SPARQLWrapper,
)

DATA = Path(__file__).parent / "fixtures" / "sparql"
EX = "http://example.org/"
PREFIXES = f"PREFIX ex: <{EX}>\n"
AGES = PREFIXES + "SELECT ?person ?age WHERE { ?person ex:age ?age } ORDER BY ?person"
CROSS_JOIN = (
    "SELECT (COUNT(*) AS ?n) { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(9)) + " }"
)
# rdflib 7.6 warns about its own deprecated ConjunctiveGraph, which SPARQLWrapper's RDF/XML
# and JSON-LD conversions use: not ours to fix, so only those conversions ignore it.
RDFLIB_OWN_DEPRECATIONS = [
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:Dataset.identifier is deprecated:DeprecationWarning"),
]


def fetch(url: str, data: bytes | None = None, headers: dict | None = None, timeout=30):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def live_server(start_server, backend, backend_options):
    """`mannheim-kg serve` on the fixture data, 1 s time limit, two query workers, on each
    store backend (memory, disk, remote)."""
    store = backend_options(backend, [DATA])
    return start_server("--data", str(DATA), "--timeout", "1", "--workers", "2", *store)


def endpoint(live_server) -> str:
    return live_server[0] + "/sparql"


def wrapper(live_server, query: str, fmt: str, method: str) -> SPARQLWrapper:
    client = SPARQLWrapper(endpoint(live_server))
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method == "GET":
        client.setMethod("GET")
    else:
        client.setMethod(POST)
        client.setRequestMethod(URLENCODED if method == "POST form" else POSTDIRECTLY)
    return client


METHODS = ["GET", "POST form", "POST direct"]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_select(live_server, fmt, method):
    result = wrapper(live_server, AGES, fmt, method).query()
    assert result.response.status == 200
    converted = result.convert()
    if fmt == JSON:
        rows = [(b["person"]["value"], b["age"]["value"]) for b in converted["results"]["bindings"]]
    elif fmt == XML:
        rows = [
            tuple(
                node.getElementsByTagName("uri")[0].firstChild.data
                if node.getAttribute("name") == "person"
                else node.getElementsByTagName("literal")[0].firstChild.data
                for node in result_node.getElementsByTagName("binding")
            )
            for result_node in converted.getElementsByTagName("result")
        ]
    else:
        text = converted.decode() if isinstance(converted, bytes) else converted
        lines = text.strip().splitlines()
        separator = "," if fmt == CSV else "\t"
        assert lines[0].split(separator) == (
            ["person", "age"] if fmt == CSV else ["?person", "?age"]
        )
        rows = [tuple(line.split(separator)) for line in lines[1:]]
        if fmt == TSV:  # TSV writes terms in Turtle syntax
            rows = [(p.strip("<>"), a) for p, a in rows]
    assert rows == [(f"{EX}alice", "34"), (f"{EX}bob", "27")]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_ask(live_server, fmt, method):
    result = wrapper(live_server, "ASK { ?s ?p ?o }", fmt, method).query()
    converted = result.convert()
    if fmt == JSON:
        assert converted["boolean"] is True
    elif fmt == XML:
        assert converted.getElementsByTagName("boolean")[0].firstChild.data == "true"
    else:
        assert converted in (b"true", "true")


def _graph(converted) -> rdflib.Graph:
    """SPARQLWrapper gives Turtle and N3 as bytes, RDF/XML and JSON-LD as rdflib graphs."""
    if isinstance(converted, bytes):
        return rdflib.Graph().parse(data=converted, format="turtle")
    graph = rdflib.Graph()
    for triple in converted:
        graph.add(triple)
    return graph


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    "fmt",
    [
        TURTLE,
        pytest.param(RDFXML, marks=RDFLIB_OWN_DEPRECATIONS),
        pytest.param(XML, marks=RDFLIB_OWN_DEPRECATIONS),
        N3,
        pytest.param(JSONLD, marks=RDFLIB_OWN_DEPRECATIONS),
    ],
)
@pytest.mark.parametrize(
    ("query", "triples"),
    [
        (PREFIXES + "CONSTRUCT { ?p ex:age ?a } WHERE { ?p ex:age ?a }", 2),
        (f"DESCRIBE <{EX}alice>", 5),
    ],
    ids=["CONSTRUCT", "DESCRIBE"],
)
def test_construct_and_describe(live_server, query, triples, fmt, method):
    result = wrapper(live_server, query, fmt, method).query()
    assert result.response.status == 200
    graph = _graph(result.convert())
    assert len(graph) == triples
    assert (rdflib.URIRef(f"{EX}alice"), rdflib.URIRef(f"{EX}age"), None) in graph


@pytest.mark.parametrize(
    "media_type", ["application/n-triples", "application/n-quads", "application/trig"]
)
def test_graph_formats_sparqlwrapper_has_no_name_for(live_server, media_type):
    query = PREFIXES + "CONSTRUCT { ?p ex:age ?a } WHERE { ?p ex:age ?a }"
    status, headers, body = fetch(
        endpoint(live_server) + "?query=" + quote(query), headers={"Accept": media_type}
    )
    assert status == 200
    assert headers["Content-Type"] == media_type
    parsed = list(ox.parse(body, format=ox.RdfFormat.from_media_type(media_type)))
    assert len(parsed) == 2


def test_errors_reach_the_client(live_server):
    status, headers, body = fetch(endpoint(live_server) + "?query=" + quote("SELECT * {"))
    assert status == 400
    assert body.startswith(b"400 Bad Request: error at 1:")
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    status, _, body = fetch(
        endpoint(live_server), data=b"ASK {}", headers={"Content-Type": "text/plain"}
    )
    assert status == 415


def _spawned_workers(root: int) -> set[int]:
    """Query worker processes below `root`: spawned interpreters running spawn_main."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rpartition(")")[2].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    found, todo = set(), [root]
    while todo:
        for child in children.get(todo.pop(), []):
            todo.append(child)
            try:
                if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                    found.add(child)
            except OSError:
                pass
    return found


def test_timeout_over_http(live_server, backend):
    """A query that would run for minutes: 503 after the 1 s limit; others are served meanwhile;
    the worker that ran it is gone and a new one takes its place. On the remote backend (no
    workers): 504, the engine's time limit, and the engine is asked to stop."""
    _, process = live_server
    workers_before = _spawned_workers(process.pid)
    assert len(workers_before) == (0 if backend == "remote" else 2)
    outcome = {}

    def long_query():
        started = time.monotonic()
        outcome["answer"] = fetch(endpoint(live_server) + "?query=" + quote(CROSS_JOIN))
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=long_query)
    thread.start()
    time.sleep(0.3)
    client = SPARQLWrapper(endpoint(live_server))
    client.setQuery("ASK { ?s ?p ?o }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True  # served while the long one runs
    thread.join(30)
    status, headers, body = outcome["answer"]
    assert status == (504 if backend == "remote" else 503)
    assert b"time limit of 1 s" in body
    assert "Retry-After" not in headers  # resubmitting would only time out again
    # Virtuoso may refuse at once: its cost estimate already passes the time limit
    assert (0 if backend == "remote" else 1.0) <= outcome["seconds"] < 5
    if backend == "remote":
        assert client.query().convert()["boolean"] is True
        return
    deadline = time.monotonic() + 30
    while len(_spawned_workers(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    workers_after = _spawned_workers(process.pid)
    killed = workers_before - workers_after
    assert len(killed) == 1 and len(workers_after) == 2
    assert not Path(f"/proc/{killed.pop()}").exists()
    assert client.query().convert()["boolean"] is True


def test_healthz_and_metrics(live_server, backend):
    base, _ = live_server
    status, headers, body = fetch(base + "/healthz")
    assert status == 200
    health = json.loads(body)
    assert health["status"] == "ok" and health["triples"] == 14 and health["graphs"] == 2
    assert health["backend"] == backend
    fetch(endpoint(live_server) + "?query=" + quote("ASK {}"))
    status, headers, body = fetch(base + "/metrics")
    assert status == 200
    assert headers["Content-Type"].startswith("text/plain; version=0.0.4")
    text = body.decode()
    assert 'mannheim_kg_http_requests_total{route="/sparql",method="GET",status="200"}' in text
    assert 'mannheim_kg_http_request_duration_seconds_count{route="/sparql"}' in text
    assert f"mannheim_kg_query_workers {0 if backend == 'remote' else 2}" in text


@pytest.mark.parametrize(
    ("content_type", "prefix"),
    [("application/sparql-query", b""), ("application/x-www-form-urlencoded", b"query=")],
)
def test_chunked_body_over_the_limit_is_413(live_server, content_type, prefix):
    """A chunked POST (no Content-Length) over max_body (1 MiB): 413, never a cut query that
    runs. The first MiB alone would be the valid query 'ASK {}'."""
    limit = 1024 * 1024
    body = (prefix + b"ASK {}").ljust(limit + 4096, b" ")
    host, port = live_server.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.putrequest("POST", "/sparql")
        connection.putheader("Content-Type", content_type)
        connection.putheader("Transfer-Encoding", "chunked")
        connection.endheaders()
        try:
            for start in range(0, len(body), 65536):
                chunk = body[start : start + 65536]
                connection.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            connection.send(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may answer and close before it has read everything
        response = connection.getresponse()
        assert response.status == 413
        assert b"larger than the limit of 1048576 bytes" in response.read()
    finally:
        connection.close()
    status, _, _ = fetch(
        endpoint(live_server), data=b"ASK {}", headers={"Content-Type": "application/sparql-query"}
    )
    assert status == 200


@pytest.fixture(scope="module")
def busy_server(start_server):
    """A server whose two query workers can be kept busy: 8 s time limit, 8 HTTP threads."""
    return start_server("--data", str(DATA), "--timeout", "8", "--workers", "2")


def test_saturated_workers_leave_healthz_and_fast_refusals(busy_server):
    """Eight slow queries on two workers: /healthz, /metrics and the HTML page are answered and
    a quick query gets its answer or a prompt 503 "busy", all while the slow queries still run
    (not after the time limit)."""
    base = busy_server.url
    events: list[tuple[str, int, bytes]] = []

    def slow():
        status, _, body = fetch(base + "/sparql?query=" + quote(CROSS_JOIN), timeout=60)
        events.append(("slow", status, body))

    threads = [threading.Thread(target=slow) for _ in range(8)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 20
    while b"mannheim_kg_query_workers_busy 2" not in fetch(base + "/metrics")[2]:
        assert time.monotonic() < deadline, "the slow queries never occupied both workers"
        time.sleep(0.05)
    status, _, body = fetch(base + "/healthz", timeout=60)
    assert status == 200 and json.loads(body)["status"] == "ok"
    status, _, _ = fetch(base + "/sparql", headers={"Accept": "text/html"}, timeout=60)
    assert status == 200
    status, headers, body = fetch(base + "/sparql?query=" + quote("ASK {}"), timeout=60)
    assert status in (200, 503)
    if status == 503:
        assert b"busy" in body and headers["Retry-After"]
    # All of this happened before the two running slow queries reached their time limit.
    assert not any(b"time limit" in body for _, _, body in events)
    for thread in threads:
        thread.join(60)
    outcomes = sorted((status, b"time limit" in body) for _, status, body in events)
    assert len(outcomes) == 8 and all(status == 503 for status, _ in outcomes)
    # One client: one slow query runs to the time limit (slow_per_client); the others were
    # refused as busy, at the fast budget or while waiting for a worker.
    assert sum(timed_out for _, timed_out in outcomes) == 1


def test_stalled_clients_free_their_threads_after_read_timeout(start_server, monkeypatch):
    """As many stalled clients as HTTP threads (half a request line and headers, or a shorter
    body than its Content-Length): each is dropped after read_timeout, so /healthz is answered
    instead of waiting for ever behind them."""
    monkeypatch.setenv("MANNHEIM_KG_THREADS", "3")
    monkeypatch.setenv("MANNHEIM_KG_READ_TIMEOUT", "1")
    server = start_server("--data", str(DATA), "--workers", "1", "--timeout", "3")
    port = int(server.url.rsplit(":", 1)[1])
    stalled = []
    for opening in (
        b"GET /healthz HTTP/1.1\r\nHost: x\r\n",
        b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\n",
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 100\r\n\r\nASK",
    ):
        client = socket.create_connection(("127.0.0.1", port), timeout=30)
        client.sendall(opening)
        stalled.append(client)
    try:
        status, _, body = fetch(server.url + "/healthz", timeout=30)
        assert status == 200 and json.loads(body)["status"] == "ok"
        answers = [client.recv(4096) for client in stalled]
    finally:
        for client in stalled:
            client.close()
    assert answers[0] == answers[1] == b""  # closed without an answer: no request was read
    assert answers[2].startswith(b"HTTP/1.1 408 ")
    assert b"request body stopped arriving" in answers[2]


def test_a_second_server_on_the_same_store_is_refused(start_server, tmp_path_factory, free_port):
    """The second `serve --store DIR` would rebuild the database under the first: it stops
    with one line and exit 2, and the first server goes on answering."""
    import subprocess
    import sys

    store = tmp_path_factory.mktemp("shared") / "store"
    first = start_server("--data", str(DATA), "--store", str(store))
    command = [str(Path(sys.executable).with_name("mannheim-kg")), "serve", "--port"]
    second = subprocess.run(
        [*command, str(free_port), "--data", str(DATA), "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert second.returncode == 2
    assert second.stderr.splitlines() == [
        f"error: the store {store} is in use by another server (its lock file is locked); "
        "stop that server or give another --store"
    ]
    status, _, body = fetch(
        first.url + "/sparql?query=" + quote(AGES), headers={"Accept": "text/csv"}
    )
    assert status == 200 and body.decode().splitlines()[0] == "person,age"


def test_serve_on_ipv6_loopback(free_port, tmp_path):
    """`--host ::1`: gunicorn needs [::1]:PORT, and the printed URL too."""
    import socket
    import subprocess
    import sys

    try:
        socket.socket(socket.AF_INET6).close()
    except OSError:
        pytest.skip("no IPv6 here")
    command = [str(Path(sys.executable).with_name("mannheim-kg")), "serve", "--data", str(DATA)]
    command += ["--host", "::1", "--port", str(free_port), "--workers", "1"]
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            status, _, body = (0, {}, b"")
            with contextlib.suppress(OSError):
                status, _, body = fetch(f"http://[::1]:{free_port}/healthz", timeout=2)
            if status == 200 or process.poll() is not None or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        assert status == 200, log.read_text(errors="replace")
        assert json.loads(body)["status"] == "ok"
    finally:
        process.terminate()
        process.wait(20)
    assert f"serving at http://[::1]:{free_port}/" in log.read_text()
