"""Heavy queries never starve cheap ones: the fast and slow lanes of the query workers, and the
limit of slow queries per client address (a live server on loopback; behaviour, not timing).

Clients at other loopback addresses (127.0.0.2, …) stand for other clients.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest

DATA = Path(__file__).parent / "fixtures" / "sparql"
#: 14 triples to the 9th power: runs for minutes, in constant memory.
HEAVY = "SELECT (COUNT(*) AS ?n) { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(9)) + " }"
CHEAP = "SELECT ?s { ?s ?p ?o } LIMIT 1"


@pytest.fixture(scope="module")
def server(start_server):
    """Two fast-lane workers, 4 s time limit; the defaults: 1 s fast budget, a slow lane of 2
    queries, one slow query per client address."""
    return start_server("--data", str(DATA), "--timeout", "4", "--workers", "2")


def get(server, path: str, client: str = "127.0.0.1"):
    host, port = server.url.removeprefix("http://").rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=60, source_address=(client, 0))
    try:
        connection.request("GET", path, headers={"Accept": "application/sparql-results+json"})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def query(server, text: str, client: str = "127.0.0.1"):
    return get(server, "/sparql?query=" + quote(text), client)


def in_background(server, text: str, client: str) -> tuple[threading.Thread, dict]:
    answer: dict = {}

    def run():
        answer["response"] = query(server, text, client)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, answer


def metric(server, name: str) -> float:
    for line in get(server, "/metrics")[2].decode().splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    raise AssertionError(f"no metric {name}")


@pytest.fixture(autouse=True)
def fast_lane_complete(server):
    """Each test starts with both fast-lane workers ready (the last test's ended workers are
    replaced in the background)."""
    deadline = time.monotonic() + 60
    while metric(server, "mannheim_kg_query_workers_idle") < 2:
        assert time.monotonic() < deadline, "the fast lane never became complete"
        time.sleep(0.05)


def wait_for_slow_queries(server, count: int) -> None:
    deadline = time.monotonic() + 20
    while metric(server, "mannheim_kg_query_workers_slow") < count:
        assert time.monotonic() < deadline, f"{count} slow queries never ran"
        time.sleep(0.05)


def test_cheap_queries_are_answered_while_two_heavy_ones_run(server):
    """Two heavy queries (two clients) pass the fast budget into the slow lane; meanwhile every
    cheap query gets 200; the heavy ones end at the time limit with 503 and no Retry-After."""
    heavy = [in_background(server, HEAVY, client) for client in ("127.0.0.2", "127.0.0.3")]
    wait_for_slow_queries(server, 2)
    statuses = [query(server, CHEAP)[0] for _ in range(20)]
    assert statuses == [200] * 20
    # a third client's heavy query finds the slow lane full (both still run): stopped at the
    # budget
    status, headers, body = query(server, HEAVY, "127.0.0.4")
    assert status == 503
    assert b"ran longer than 1 s and all 2 places for slow queries are taken" in body
    assert headers["Retry-After"]
    for thread, answer in heavy:
        thread.join(30)
        status, headers, body = answer["response"]
        assert status == 503 and b"time limit of 4 s" in body
        assert "Retry-After" not in headers  # resubmitting would only time out again
    assert metric(server, "mannheim_kg_query_workers_slow") == 0
    status, _, body = query(server, CHEAP)
    assert status == 200 and json.loads(body)["results"]["bindings"]


def test_one_slow_query_per_client_address(server):
    """The second heavy query of one client is stopped at the fast budget with 503 and
    Retry-After, while its first goes on in the slow lane and another client's is admitted."""
    first, first_answer = in_background(server, HEAVY, "127.0.0.5")
    wait_for_slow_queries(server, 1)
    other, other_answer = in_background(server, HEAVY, "127.0.0.6")
    status, headers, body = query(server, HEAVY, "127.0.0.5")
    assert status == 503
    assert b"this client already runs 1 slow query (the limit per client address)" in body
    assert headers["Retry-After"]
    for thread, answer in ((first, first_answer), (other, other_answer)):
        thread.join(30)
        assert answer["response"][0] == 503 and b"time limit" in answer["response"][2]
    assert metric(server, "mannheim_kg_slow_queries_refused_total") >= 1
    assert metric(server, "mannheim_kg_slow_queries_total") >= 2


def test_a_cheap_query_of_a_client_with_a_slow_one_is_answered(server):
    """The limit is on slow queries: a client whose heavy query runs still gets cheap answers."""
    thread, answer = in_background(server, HEAVY, "127.0.0.7")
    wait_for_slow_queries(server, 1)
    assert query(server, CHEAP, "127.0.0.7")[0] == 200
    thread.join(30)
    assert answer["response"][0] == 503


def test_stalled_connections_hold_no_thread(server):
    """30 connections (more than the 8 HTTP threads) send half a request, or a head and part
    of the body, and stall: cheap queries are answered while every one of them is still open
    and unanswered (read_timeout, 10 s, has not passed)."""
    import socket

    host, port = server.url.removeprefix("http://").rsplit(":", 1)
    openings = [
        b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n",
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 100\r\n\r\nASK",
    ]
    stalled = []
    try:
        for i in range(30):
            client = socket.create_connection((host, int(port)), timeout=10)
            client.sendall(openings[i % 2])
            stalled.append(client)
        statuses = [query(server, CHEAP)[0] for _ in range(10)]
        assert statuses == [200] * 10
        for client in stalled:
            client.setblocking(False)
            with pytest.raises(BlockingIOError):  # open, nothing answered yet
                client.recv(1)
    finally:
        for client in stalled:
            client.close()
