"""Hostile input never gets a 5xx: the depth guard, short bodies, and a fuzz test (hypothesis)
over the protocol against a live server on loopback.

Documented 5xx answers are the 503s of a busy endpoint (with Retry-After) and of a query
stopped at its time or memory limit; anything else, or a traceback in any body, fails.
"""

from __future__ import annotations

import http.client
import json
import socket
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.rdf.sparql_text import nested_deeper_than

DATA = Path(__file__).parent / "fixtures" / "sparql"
LIMIT = 64  # the default of max_query_depth
DOCUMENTED_503 = (b"the endpoint is busy", b"time limit", b"memory")


@pytest.fixture(scope="module")
def server(start_server):
    """`mannheim-kg serve` on the fixture data: two query workers, a 3 s time limit."""
    return start_server("--data", str(DATA), "--timeout", "3", "--workers", "2")


def address(server) -> tuple[str, int]:
    host, port = server.url.removeprefix("http://").rsplit(":", 1)
    return host, int(port)


def request(server, method: str, target: str, body: bytes | None = None, headers=None):
    connection = http.client.HTTPConnection(*address(server), timeout=30)
    try:
        connection.request(method, target, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def exchange(server, raw: bytes, half_close: bool = True) -> bytes:
    """Send raw bytes, optionally end the sending side, and read the whole answer."""
    with socket.create_connection(address(server), timeout=30) as client:
        try:
            client.sendall(raw)
            if half_close:
                client.shutdown(socket.SHUT_WR)
        except (BrokenPipeError, ConnectionResetError):
            pass  # answered and closed before everything was sent
        chunks = []
        try:
            while chunk := client.recv(65536):
                chunks.append(chunk)
        except ConnectionResetError:
            pass
    return b"".join(chunks)


def assert_no_server_error(status: int, headers: dict, body: bytes) -> None:
    assert b"Traceback" not in body
    if status == 503:
        assert any(reason in body for reason in DOCUMENTED_503), body
        if b"busy" in body:
            assert headers.get("Retry-After")
    else:
        assert status < 500, (status, body)


def assert_still_answers(server) -> None:
    status, _, body = request(server, "GET", "/sparql?query=" + quote("ASK { ?s ?p ?o }"))
    assert (status, json.loads(body)["boolean"]) == (200, True)


# -- the depth guard ------------------------------------------------------------------------


def groups(depth: int) -> str:
    return "SELECT * " + "{" * depth + " ?s ?p ?o " + "}" * depth


def parentheses(depth: int) -> str:
    return "SELECT * { ?s ?p ?o FILTER(" + "(" * depth + "1" + ")" * depth + ") }"


def brackets(depth: int) -> str:
    return (
        "SELECT * { ?s <http://example.org/p> "
        + "[ <http://example.org/p> " * depth
        + "1"
        + " ]" * depth
        + " }"
    )


def test_nesting_counts_groups_parentheses_and_brackets_together():
    assert not nested_deeper_than(groups(LIMIT), LIMIT)  # the outermost is the WHERE group
    assert nested_deeper_than(groups(LIMIT + 1), LIMIT)
    assert not nested_deeper_than(parentheses(LIMIT - 2), LIMIT)  # { and FILTER( around them
    assert nested_deeper_than(parentheses(LIMIT - 1), LIMIT)
    assert nested_deeper_than(brackets(LIMIT), LIMIT)
    mixed = "SELECT * { " + "{ FILTER(" * 40 + "1" + ") }" * 40 + " }"
    assert nested_deeper_than(mixed, LIMIT) and not nested_deeper_than(mixed, 81)


def test_nesting_ignores_strings_iris_and_comments_but_not_escapes():
    text = "SELECT * { ?s ?p '" + "{" * 500 + '\' . ?s ?p "((((" # ' + "[" * 500 + "\n}"
    assert not nested_deeper_than(text, 1)
    assert nested_deeper_than("SELECT * " + "\\u007B" * 100 + "}" * 100, LIMIT)


def test_deep_nesting_is_refused_in_process():
    """workers=0 (the test client): the guard runs before the parser, in this process."""
    client = create_inline_client()
    response = client.get("/sparql", query_string={"query": groups(5000)})
    assert response.status_code == 400
    assert b"more than 64 deep" in response.data and b"max_query_depth" in response.data
    response = client.get("/sparql", query_string={"query": groups(10)})
    assert response.status_code == 200


def create_inline_client():
    from server.config import load_settings
    from server.web.app import create_app

    return create_app(load_settings({"workers": 0, "data": [DATA], "ontology": []})).test_client()


@pytest.mark.parametrize(
    "query",
    [groups(5000), parentheses(10000), brackets(1000)],
    ids=["groups", "parens", "brackets"],
)
def test_deep_nesting_over_http_is_400_and_kills_no_worker(server, query):
    """5000 nested groups or 10000 nested parentheses overflowed the worker's stack (500);
    1000 nested blank-node brackets kept the parser busy for minutes."""
    before = request(server, "GET", "/metrics")[2]
    status, _, body = request(
        server, "POST", "/sparql", query.encode(), {"Content-Type": "application/sparql-query"}
    )
    assert status == 400, body
    assert b"more than 64 deep, the limit of this endpoint (max_query_depth)" in body
    assert_still_answers(server)
    after = request(server, "GET", "/metrics")[2]
    killed = b"mannheim_kg_query_workers_killed_total "
    assert before.split(killed)[1].split(b"\n")[0] == after.split(killed)[1].split(b"\n")[0]


# -- truncated and malformed requests (raw sockets) -----------------------------------------

POST_HEAD = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"


def test_body_shorter_than_its_content_length_is_400_at_once(server):
    """The client ends its side after 3 of 100 bytes: 400 at once, not after read_timeout."""
    started = time.monotonic()
    answer = exchange(server, POST_HEAD + b"Content-Length: 100\r\n\r\nASK")
    assert answer.startswith(b"HTTP/1.1 400 "), answer
    assert b"ended before its Content-Length" in answer
    assert time.monotonic() - started < 5  # read_timeout is 10 s
    assert_still_answers(server)


@pytest.mark.parametrize(
    "raw",
    [
        b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n",  # headers never end
        b"GARBAGE\r\n\r\n",
        b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",  # request line too long
        b"GET /healthz HTTP/1.1\r\n" + b"X-Long: " + b"a" * 100000 + b"\r\n\r\n",
        POST_HEAD + b"Content-Length: -5\r\n\r\nASK {}",
        POST_HEAD + b"Content-Length: 99999999999999999999\r\n\r\nASK {}",
        POST_HEAD + b"Content-Length: 6\r\nContent-Length: 7\r\n\r\nASK {}",
        POST_HEAD + b"Transfer-Encoding: chunked\r\n\r\nzz\r\nASK\r\n0\r\n\r\n",
        POST_HEAD + b"Transfer-Encoding: chunked\r\n\r\n6\r\nASK",  # chunks end early
        b"GET /sparql?query=%ff%fe HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /sparql?query=ASK%7B%7D HTTP/9.9\r\nHost: x\r\n\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(range(256)),  # a TLS hello
    ],
)
def test_malformed_requests_get_no_server_error(server, raw):
    answer = exchange(server, raw)
    assert b"Traceback" not in answer
    if answer:  # closing without an answer is fine for what is no HTTP request
        status = int(answer.split(b" ", 2)[1])
        assert status < 500 or status == 503, answer[:300]
    assert_still_answers(server)


# -- the fuzz test --------------------------------------------------------------------------

QUERIES = [
    "ASK { ?s ?p ?o }",
    "SELECT * { ?s ?p ?o } LIMIT 3",
    "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 2",
    "DESCRIBE <http://example.org/alice>",
    "SELECT (NOW() AS ?t) {}",
    "INSERT DATA { <a:b> <a:c> <a:d> }",
    "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * { ?s ?p ?o FILTER(<http://example.org/f>(?o)) }",
    "SELECT ?x { BIND(1/0 AS ?x) }",
    "SELECT * FROM <http://example.org/g> { ?s ?p ?o }",
    "",
    "SELECT",
    "{{{{",
]
MEDIA = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "text/turtle",
    "application/ld+json",
    "application/n-triples",
    "text/html",
    "*/*",
    "application/json;q=0.1, text/csv;q=0.9",
    "image/png",
    "text/*;q=abc",
    ";;;,,,",
]
PATHS = ["/sparql", "/api/queries", "/api/openapi.json", "/healthz", "/metrics", "/", "/nope"]
PARAMETERS = [
    "query",
    "update",
    "default-graph-uri",
    "named-graph-uri",
    "format",
    "output",
    "results",
    "limit",
    "offset",
]
header_text = st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40
)  # what http.client lets through
query_text = st.one_of(
    st.sampled_from(QUERIES),
    st.builds(lambda q, junk: q + junk, st.sampled_from(QUERIES), st.text(max_size=30)),
    st.text(max_size=200),
)
parameter_value = st.one_of(
    query_text, st.sampled_from(["http://example.org/g", "json", "csv", "-1", "99999999999"])
)
parameters = st.lists(
    st.tuples(st.sampled_from(PARAMETERS) | header_text, parameter_value), max_size=5
)


@st.composite
def protocol_requests(draw):
    """A request near the protocol: a method, a path, parameters, headers and a body."""
    method = draw(st.sampled_from(["GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH"]))
    path = draw(
        st.sampled_from(PATHS)
        | st.sampled_from(["/api/queries/"]).map(
            lambda p: p + draw(st.sampled_from(["x", "%00", "..%2f", "a" * 300]))
        )
    )
    pairs = draw(parameters)
    headers = {}
    if draw(st.booleans()):
        headers["Accept"] = draw(st.sampled_from(MEDIA) | header_text)
    body = None
    if method in ("POST", "PUT", "PATCH"):
        kind = draw(
            st.sampled_from(["form", "direct", "json", "binary", "huge", "none", "charset"])
        )
        encoding = draw(st.sampled_from(["utf-8", "latin-1", "utf-16"]))
        if kind == "form":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = urlencode(draw(parameters)).encode("utf-8")
        elif kind == "direct":
            headers["Content-Type"] = "application/sparql-query"
            body = draw(query_text).encode(encoding, "replace")
        elif kind == "charset":
            headers["Content-Type"] = "application/sparql-query; charset=" + encoding
            body = draw(query_text).encode(encoding, "replace")
        elif kind == "json":
            headers["Content-Type"] = "application/json"
            body = draw(st.sampled_from([b"{}", b"[]", b'{"limit": "x"}', b"{", b"\xff"]))
        elif kind == "binary":
            headers["Content-Type"] = draw(st.sampled_from(MEDIA) | header_text)
            body = draw(st.binary(max_size=300))
        elif kind == "huge":
            headers["Content-Type"] = "application/sparql-query"
            body = b"ASK {}" + b" " * (1024 * 1024 + draw(st.integers(-10, 10)))
    target = path + ("?" + urlencode(pairs) if pairs else "")
    return method, target, body, headers


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
@given(protocol_requests())
def test_fuzzed_protocol_requests_get_no_server_error(server, fuzzed):
    method, target, body, headers = fuzzed
    status, response_headers, response_body = request(server, method, target, body, headers)
    assert_no_server_error(status, response_headers, response_body)


def test_the_server_still_answers_after_the_fuzzing(server):
    assert_still_answers(server)
    status, _, body = request(server, "GET", "/healthz")
    assert status == 200 and json.loads(body)["status"] == "ok"


def test_deep_nesting_in_a_query_file_is_exit_2_on_the_command_line(tmp_path):
    """`mannheim-kg query FILE.rq` (the catalogue's parse check) ended with a segfault."""
    import subprocess
    import sys

    path = tmp_path / "deep.rq"
    path.write_text(groups(5000), encoding="utf-8")
    command = Path(sys.executable).with_name("mannheim-kg")
    done = subprocess.run([command, "query", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert f"{path}:1: the query nests groups, parentheses or brackets more than 64 deep" in (
        done.stderr
    )
