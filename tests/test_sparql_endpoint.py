"""/sparql through the test client: formats, negotiation, dataset, caching, CORS, limits, errors."""

from __future__ import annotations

import io
import json
import os
import socket
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.query import Result

from server.cli.main import main
from server.services.executor import QueryWorkerPool
from server.services.querying import QueryJob
from server.web.app import EXTENSION, create_app

DATA = Path(__file__).parent / "fixtures" / "sparql"
PEOPLE = "https://w3id.org/mannheim-kg/graph/people"
PLACES = "http://example.org/graph/places"
EX = "http://example.org/"
PREFIXES = f"PREFIX ex: <{EX}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
PEOPLE_AGES = PREFIXES + "SELECT ?person ?age WHERE { ?person ex:age ?age } ORDER BY ?person"
LABELS = PREFIXES + "SELECT ?thing ?label WHERE { ?thing rdfs:label ?label }"
ALL_TRIPLES = "CONSTRUCT WHERE { ?s ?p ?o }"
CROSS_JOIN = (
    "SELECT (COUNT(*) AS ?n) { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(9)) + " }"
)
RDFLIB_FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/n-quads": "nquads",
    "application/trig": "trig",
    "text/n3": "n3",
}
RESULT_FORMATS = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}


def make_app(**overrides):
    return create_app({"ontology": [], "data": [DATA], "workers": 1, **overrides})


@pytest.fixture(scope="module")
def sparql_app():
    app = make_app(workers=2, timeout=1.0)
    # the workers ready before the first test: else its query may wait past queue_timeout (503)
    app.extensions[EXTENSION]["query_service"].start(wait=True)
    yield app
    app.extensions[EXTENSION]["query_service"].close()


@pytest.fixture
def client(sparql_app):
    return sparql_app.test_client()


def get(client, query, **headers_and_params):
    params = {k: v for k, v in headers_and_params.items() if k in ("format", "output")}
    headers = {k.replace("_", "-"): v for k, v in headers_and_params.items() if k not in params}
    url = "/sparql?query=" + quote(query)
    for key, value in params.items():
        url += f"&{key}={quote(value)}"
    return client.get(url, headers=headers)


def reference(query: str, **options):
    """The answer computed directly on pyoxigraph, to compare the HTTP answers with."""
    store = ox.Store()
    for path in (DATA / "people.ttl", DATA / "places.trig"):
        graph = ox.NamedNode(PEOPLE) if path.suffix == ".ttl" else None
        for quad in ox.parse(path=path, base_iri=EX):
            store.add(ox.Quad(quad.subject, quad.predicate, quad.object, graph or quad.graph_name))
    return store.query(query, use_default_graph_as_union=True, **options)


def parse_rdf(data: bytes, media_type: str) -> rdflib.Graph:
    """An RDF answer as an rdflib graph: parsed by rdflib where its parser is warning-free
    (rdflib 7.6's N3, JSON-LD and quad parsers warn about its own deprecated classes), by
    pyoxigraph otherwise."""
    if RDFLIB_FORMATS[media_type] in ("turtle", "nt", "xml"):
        return rdflib.Graph().parse(data=data, format=RDFLIB_FORMATS[media_type])
    fmt = ox.RdfFormat.from_media_type(media_type)
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=fmt)]
    return rdflib.Graph().parse(
        data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt"
    )


def rdflib_rows(result: Result) -> set[tuple]:
    return {tuple(str(v) if v is not None else None for v in row) for row in result}


# --- result formats ------------------------------------------------------------------------------


@pytest.mark.parametrize("media_type", list(RESULT_FORMATS))
def test_select_in_every_results_format(client, media_type):
    response = get(client, LABELS, Accept=media_type)
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert response.headers["X-Result-Rows"] == "6"
    parsed = rdflib_rows(Result.parse(io.BytesIO(response.data), format=RESULT_FORMATS[media_type]))
    expected = {(row["thing"].value, row["label"].value) for row in reference(LABELS)}
    # Blank node labels differ between answers; everything else must be equal.
    assert {label for _, label in parsed} == {label for _, label in expected}
    named = {(thing, label) for thing, label in expected if thing.startswith("http")}
    assert {row for row in parsed if row[0].startswith("http")} == named
    assert len(parsed) == 6


@pytest.mark.parametrize("media_type", list(RESULT_FORMATS))
@pytest.mark.parametrize(
    ("query", "expected"), [("ASK { ?s ?p ?o }", True), ("ASK { ?s <urn:x> ?o }", False)]
)
def test_ask_in_every_results_format(client, media_type, query, expected):
    response = get(client, query, Accept=media_type)
    assert response.status_code == 200
    assert response.mimetype == media_type
    if media_type in ("text/csv", "text/tab-separated-values"):
        assert response.data == (b"true" if expected else b"false")
    else:
        fmt = ox.QueryResultsFormat.from_media_type(media_type)
        assert bool(ox.parse_query_results(response.data, format=fmt)) is expected


@pytest.mark.parametrize("media_type", list(RDFLIB_FORMATS))
def test_construct_in_every_rdf_format(client, media_type):
    response = get(client, ALL_TRIPLES, Accept=media_type)
    assert response.status_code == 200
    assert response.mimetype == media_type
    graph = parse_rdf(response.data, media_type)
    expected = rdflib.Graph().parse(
        data=ox.serialize(reference(ALL_TRIPLES), format=ox.RdfFormat.N_TRIPLES), format="nt"
    )
    assert len(graph) == 14
    assert isomorphic(graph, expected)
    assert response.headers["X-Result-Rows"] == "14"


def test_construct_in_turtle_uses_the_query_prefixes(client):
    response = get(client, PREFIXES + "CONSTRUCT { ?s a ex:Person } WHERE { ?s a ex:Person }")
    assert response.mimetype == "text/turtle"
    text = response.get_data(as_text=True)
    assert "@prefix ex: <http://example.org/> ." in text
    assert "ex:alice a ex:Person" in text


def test_describe(client):
    response = get(client, f"DESCRIBE <{EX}alice>", Accept="application/n-triples")
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.data, format="nt")
    assert {str(s) for s in graph.subjects()} == {f"{EX}alice"}
    assert len(graph) == 5


def test_select_json_keeps_unicode_and_escapes(client):
    response = get(client, PREFIXES + "SELECT ?l { ex:carol rdfs:label ?l }")
    binding = response.get_json()["results"]["bindings"][0]["l"]
    assert binding == {"type": "literal", "value": 'Carol "CJ", with a comma,\ttab and\nline break'}


# --- negotiation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "params", "expected"),
    [
        (None, {}, "application/sparql-results+json"),
        ("*/*", {}, "application/sparql-results+json"),
        (
            "text/csv;q=0.4, application/sparql-results+xml;q=0.8",
            {},
            "application/sparql-results+xml",
        ),
        ("text/*;q=0.5, text/csv;q=0.1", {}, "text/tab-separated-values"),
        (
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            {},
            "application/sparql-results+json",
        ),
        (None, {"format": "csv"}, "text/csv"),
        (None, {"output": "xml"}, "application/sparql-results+xml"),
        ("text/csv", {"format": "json"}, "application/sparql-results+json"),
        (None, {"format": "text/tab-separated-values"}, "text/tab-separated-values"),
    ],
)
def test_negotiation_over_http(client, accept, params, expected):
    headers = {"Accept": accept} if accept else {}
    response = get(client, PEOPLE_AGES, **headers, **params)
    assert response.status_code == 200
    assert response.mimetype == expected
    assert "Accept" in response.headers["Vary"]


def test_format_parameters_as_sparqlwrapper_sends_them(client):
    url = "/sparql?query=" + quote(ALL_TRIPLES) + "&format=json-ld&output=json-ld&results=json-ld"
    url += "&format=application/ld+json"
    response = client.get(url, headers={"Accept": "application/ld+json,application/x-json+ld"})
    assert response.mimetype == "application/ld+json"
    assert json.loads(response.data)


def test_not_acceptable_names_the_supported_types(client):
    response = get(client, PEOPLE_AGES, Accept="image/png")
    assert response.status_code == 406
    text = response.get_data(as_text=True)
    for name in RESULT_FORMATS:
        assert name in text
    response = get(client, ALL_TRIPLES, Accept="application/pdf, text/csv;q=0")
    assert response.status_code == 406
    for name in RDFLIB_FORMATS:
        assert name in response.get_data(as_text=True)
    assert get(client, PEOPLE_AGES, format="yaml").status_code == 406


def test_unsupported_request_media_types(client):
    for content_type in ("text/plain", "application/json", None):
        headers = {"Content-Type": content_type} if content_type else {}
        response = client.post("/sparql", data=b"ASK {}", headers=headers)
        assert response.status_code == 415, content_type
        assert "application/sparql-query" in response.get_data(as_text=True)
    response = client.post(
        "/sparql",
        data="ASK {}".encode("utf-16"),
        content_type="application/sparql-query; charset=utf-16",
    )
    assert response.status_code == 415
    assert "UTF-8" in response.get_data(as_text=True)
    response = client.post("/sparql", data=b"ASK {\xff}", content_type="application/sparql-query")
    assert response.status_code == 400
    assert "UTF-8" in response.get_data(as_text=True)


def test_post_form_and_post_direct(client):
    form = client.post("/sparql", data={"query": PEOPLE_AGES}, headers={"Accept": "text/csv"})
    direct = client.post(
        "/sparql",
        data=PEOPLE_AGES,
        content_type="application/sparql-query",
        headers={"Accept": "text/csv"},
    )
    by_get = get(client, PEOPLE_AGES, Accept="text/csv")
    assert form.status_code == direct.status_code == by_get.status_code == 200
    assert form.data == direct.data == by_get.data
    assert form.data.decode().splitlines() == [
        "person,age",
        "http://example.org/alice,34",
        "http://example.org/bob,27",
    ]


# --- dataset ---------------------------------------------------------------------------------


def things(response) -> set[str]:
    return {b["s"]["value"] for b in response.get_json()["results"]["bindings"]}


THINGS = "SELECT DISTINCT ?s { ?s a ?type }"


def test_default_graph_is_the_union(client):
    assert things(get(client, THINGS)) == {
        f"{EX}{n}" for n in ("alice", "bob", "carol", "mannheim")
    }


def test_default_graph_uri(client):
    response = client.get(f"/sparql?query={quote(THINGS)}&default-graph-uri={quote(PLACES)}")
    assert things(response) == {f"{EX}mannheim"}
    response = client.post(
        f"/sparql?default-graph-uri={quote(PLACES)}&default-graph-uri={quote(PEOPLE)}",
        data=THINGS,
        content_type="application/sparql-query",
    )
    assert len(things(response)) == 4


def test_named_graph_uri(client):
    query = "SELECT DISTINCT ?g ?s { GRAPH ?g { ?s a ?type } }"
    response = client.post("/sparql", data={"query": query, "named-graph-uri": PLACES})
    rows = {(b["g"]["value"], b["s"]["value"]) for b in response.get_json()["results"]["bindings"]}
    assert rows == {(PLACES, f"{EX}mannheim")}
    # Only named graphs given: the default graph is empty.
    response = client.post("/sparql", data={"query": THINGS, "named-graph-uri": PLACES})
    assert things(response) == set()


def test_from_in_the_query_is_honoured(client):
    response = get(client, f"SELECT DISTINCT ?s FROM <{PLACES}> {{ ?s a ?type }}")
    assert things(response) == {f"{EX}mannheim"}
    # ...and the protocol's dataset wins over the query's (SPARQL 1.1 Protocol 2.1.4).
    url = f"/sparql?query={quote(f'SELECT DISTINCT ?s FROM <{PLACES}> {{ ?s a ?type }}')}"
    assert len(things(client.get(url + f"&default-graph-uri={quote(PEOPLE)}"))) == 3


def test_relative_iris_resolve_against_the_namespace(client):
    response = get(client, "SELECT ?x { BIND(<id/thing> AS ?x) }")
    assert response.get_json()["results"]["bindings"][0]["x"]["value"] == (
        "https://w3id.org/mannheim-kg/id/thing"
    )


# --- caching, HEAD, CORS ---------------------------------------------------------------------


def test_etag_and_if_none_match(client):
    first = get(client, PEOPLE_AGES)
    etag = first.headers["ETag"]
    assert etag.startswith('W/"')
    assert get(client, PEOPLE_AGES).headers["ETag"] == etag
    again = get(client, PEOPLE_AGES, If_None_Match=etag)
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    assert get(client, PEOPLE_AGES, If_None_Match='"other", ' + etag).status_code == 304
    assert get(client, PEOPLE_AGES, If_None_Match='"other"').status_code == 200
    # The negotiated type is part of the validator; the method is not.
    assert get(client, PEOPLE_AGES, Accept="text/csv").headers["ETag"] != etag
    assert get(client, PEOPLE_AGES, format="json").headers["ETag"] == etag
    post = client.post("/sparql", data={"query": PEOPLE_AGES}, headers={"If-None-Match": etag})
    assert post.status_code == 200  # 304 is for GET and HEAD (RFC 9110 13.1.2)
    assert post.headers["ETag"] == etag
    assert get(client, PEOPLE_AGES + " ").headers["ETag"] != etag


@pytest.mark.parametrize(
    "query",
    [
        "SELECT (NOW() AS ?t) (STRUUID() AS ?u) {}",
        "SELECT (RAND() AS ?r) {}",
        "SELECT (uuid() AS ?u) {}",
        "CONSTRUCT { ?b <urn:p> 1 } WHERE { BIND(BNODE() AS ?b) }",
    ],
)
def test_volatile_queries_are_not_cached(client, query):
    """A 304 for NOW() or RAND() would hand out a stale answer: no ETag, no-store."""
    response = get(client, query)
    assert response.status_code == 200
    assert "ETag" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"
    again = get(client, query, If_None_Match="*")
    assert again.status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?now { ?s ?p ?now } LIMIT 1",
        'SELECT * { ?s ?p "NOW() RAND()" }',
        "CONSTRUCT { [] <urn:p> ?o } WHERE { ?s ?p ?o } LIMIT 1",
        "PREFIX ex: <http://example.org/> SELECT * { ?s ex:rand ?o }",
    ],
)
def test_deterministic_queries_keep_their_etag(client, query):
    response = get(client, query)
    assert response.status_code == 200
    assert response.headers["ETag"].startswith('W/"')
    assert response.headers["Cache-Control"] == "no-cache"


def test_head_works_wherever_get_does(client):
    for path in ("/sparql?query=" + quote(PEOPLE_AGES), "/sparql", "/healthz", "/metrics"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code == 200, path
        assert head.data == b""
        assert head.headers["Content-Type"] == got.headers["Content-Type"]
        assert head.headers.get("ETag") == got.headers.get("ETag")


def test_cors(client):
    for response in (get(client, PEOPLE_AGES), client.post("/sparql", data={"query": PEOPLE_AGES})):
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert "ETag" in response.headers["Access-Control-Expose-Headers"]
    assert get(client, "ASK {").headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/sparql",
        headers={
            "Origin": "https://example.net",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert preflight.headers["Access-Control-Allow-Headers"] == "content-type"


# --- the page and the service description ----------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("PUT", "/sparql", 405), ("DELETE", "/api/queries/x", 405), ("GET", "/api/nothing", 404)],
)
def test_cors_and_vary_on_routing_errors(client, method, path, status):
    """A browser script must be able to read why its request failed."""
    response = client.open(path, method=method, headers={"Origin": "https://example.net"})
    assert response.status_code == status
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Accept" in response.headers["Vary"]
    assert "Access-Control-Allow-Origin" not in client.get("/nothing").headers


def test_browsers_get_an_html_form(client):
    response = client.get("/sparql", headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    # The plain form (shown without YASGUI or JavaScript) runs on the page that shows an HTML
    # table; /sparql itself keeps answering machine clients in their formats.
    assert '<form action="/sparql/table" method="get" id="plain-form">' in page
    assert 'name="query"' in page
    assert PEOPLE in page
    assert (
        response.headers["Link"] == '<http://localhost/sparql>; rel="alternate"; type="text/turtle"'
    )


@pytest.mark.parametrize(
    "media_type",
    ["text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples"],
)
def test_rdf_clients_get_the_service_description(client, media_type):
    response = client.get("/sparql", headers={"Accept": media_type})
    assert response.status_code == 200
    assert response.mimetype == media_type
    graph = parse_rdf(response.data, media_type)
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = rdflib.URIRef("http://localhost/sparql")
    assert (service, sd.endpoint, service) in graph
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in graph
    assert (service, sd.feature, sd.UnionDefaultGraph) in graph
    assert (service, sd.feature, sd.BasicFederatedQuery) not in graph
    names = {str(o) for o in graph.objects(None, sd.name)}
    assert names == {PEOPLE, PLACES}
    assert len(list(graph.objects(service, sd.resultFormat))) == 11


def test_service_description_is_the_default_for_plain_clients(client):
    response = client.get("/sparql")
    assert response.mimetype == "text/turtle"
    assert "sd:Service" in response.get_data(as_text=True)


# --- errors ----------------------------------------------------------------------------------


def test_bad_query_gets_the_parser_message(client):
    response = get(client, "SELECT ?x WHERE { ?x ")
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert text.startswith("400 Bad Request: error at 1:")
    assert response.mimetype == "text/plain"
    response = get(client, "SELECT ?x WHERE { ?x ", Accept="application/sparql-results+json")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["status"] == 400
    assert error["message"].startswith("error at 1:")


def test_parser_messages_are_one_short_line(client):
    """pyoxigraph lists Unicode character classes over several lines after "expected one of"."""
    response = get(client, "SELECT * {")
    text = response.get_data(as_text=True)
    assert response.status_code == 400
    assert text.count("\n") == 1 and text.endswith("\n")
    assert text.startswith('400 Bad Request: error at 1:11: expected one of "$", "\'", ')
    assert text.endswith(", … (11 more)\n")
    assert len(text) < 200 and "u{" not in text
    message = get(client, "SELECT * {", Accept="application/json").get_json()["error"]["message"]
    assert message == text.removeprefix("400 Bad Request: ").rstrip("\n")


def test_repeated_or_missing_query(client):
    response = client.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert response.status_code == 400
    assert "exactly one 'query'" in response.get_data(as_text=True)
    assert client.post("/sparql", data={"nothing": "here"}).status_code == 400


@pytest.mark.parametrize(
    "send",
    [
        lambda c: c.post("/sparql", data={"update": "CLEAR ALL"}),
        lambda c: c.post("/sparql", data="CLEAR ALL", content_type="application/sparql-update"),
        lambda c: c.get("/sparql?update=CLEAR%20ALL"),
        lambda c: c.get("/sparql?query=" + quote("INSERT DATA { <urn:a> <urn:b> <urn:c> }")),
        lambda c: c.post("/sparql", data={"query": "PREFIX ex: <urn:x> DELETE WHERE { ?s ?p ?o }"}),
    ],
)
def test_update_is_disabled(client, send):
    response = send(client)
    assert response.status_code == 403
    assert "update is disabled" in response.get_data(as_text=True).lower()
    assert get(client, "ASK { ?s ?p ?o }").get_json()["boolean"] is True


def test_methods_other_than_get_and_post(client):
    response = client.put("/sparql", data="ASK {}")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
    assert "Traceback" not in response.get_data(as_text=True)


def test_unexpected_errors_are_500_without_a_traceback(caplog):
    app = make_app()
    service = app.extensions[EXTENSION]["query_service"]

    def explode(job):
        raise RuntimeError("secret internal detail")

    service.run = explode
    with caplog.at_level("ERROR", logger="server.http"):
        response = get(app.test_client(), "ASK {}")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert text == "500 Internal Server Error: internal server error (it has been logged)\n"
    assert "secret" not in text and "Traceback" not in text
    assert "secret internal detail" in caplog.text  # but the server log has it


# --- limits ----------------------------------------------------------------------------------


def test_request_body_limit():
    app = make_app(max_body=200)
    client = app.test_client()
    big = "ASK {}" + " " * 300
    for response in (
        client.post("/sparql", data=big, content_type="application/sparql-query"),
        client.post("/sparql", data={"query": big}),
    ):
        assert response.status_code == 413
        assert "200 bytes" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("content_type", "prefix"),
    [("application/sparql-query", b""), ("application/x-www-form-urlencoded", b"query=")],
)
def test_chunked_body_over_the_limit_is_refused_not_cut(content_type, prefix):
    """No Content-Length (Transfer-Encoding: chunked): werkzeug's stream would just end at
    the limit, and the cut query 'ASK {}' would run."""
    app = make_app(max_body=200, workers=0)
    client = app.test_client()

    def chunked(body: bytes):
        return client.post(
            "/sparql",
            input_stream=io.BytesIO(body),
            headers={"Content-Type": content_type, "Transfer-Encoding": "chunked"},
            environ_overrides={"wsgi.input_terminated": True},  # what gunicorn sets
        )

    for size in (201, 500):
        body = (prefix + b"ASK {}").ljust(size, b" ")
        response = chunked(body)
        assert response.status_code == 413, size
        assert "limit of 200 bytes" in response.get_data(as_text=True)
    exact = chunked((prefix + b"ASK {}").ljust(200, b" "))
    assert exact.status_code == 200 and exact.get_json()["boolean"] is True


def test_result_row_limit_refuses_and_says_how_to_page():
    app = make_app(max_rows=3)
    client = app.test_client()
    try:
        response = get(client, LABELS)
        assert response.status_code == 422
        text = response.get_data(as_text=True)
        assert "more than 3 rows" in text and "LIMIT" in text and "OFFSET" in text
        assert get(client, LABELS + " LIMIT 3").status_code == 200
        response = get(client, ALL_TRIPLES, Accept="application/n-triples")
        assert response.status_code == 422
        assert "more than 3 triples" in response.get_data(as_text=True)
        assert get(client, "ASK { ?s ?p ?o }").status_code == 200
    finally:
        app.extensions[EXTENSION]["query_service"].close()


@pytest.mark.parametrize(
    ("query", "refused"),
    [
        (
            "SELECT * { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
            "<http://127.0.0.1:1/sparql>",
        ),
        (
            PREFIXES + "SELECT * { SERVICE SILENT ex:elsewhere { ?s ?p ?o } }",
            "<http://example.org/elsewhere>",
        ),
        ("SELECT * { ?x <urn:p> ?y . SERVICE ?x { ?s ?p ?o } }", "?x"),
        (
            "ASK { FILTER EXISTS { SERVICE <http://127.0.0.1:1/s> { ?s ?p ?o } } }",
            "<http://127.0.0.1:1/s>",
        ),
        (
            "CONSTRUCT { ?s ?p ?o } WHERE { { SELECT * { SERVICE <urn:sub> { ?s ?p ?o } } } }",
            "<urn:sub>",
        ),
        (  # escapes are expanded before the query is parsed (SPARQL 1.1, 19.2)
            "SELECT * { \\u0053ERVICE <http://127.0.0.1:1/e> { ?s ?p ?o } }",
            "<http://127.0.0.1:1/e>",
        ),
        (
            "BASE <http://127.0.0.1:1/> SELECT * { SERVICE <rel> { ?s ?p ?o } }",
            "<http://127.0.0.1:1/rel>",
        ),
        (  # syntax rdflib cannot parse does not hide a call
            "SELECT ?x { ?s ?p ?o LATERAL { SERVICE <http://127.0.0.1:1/l> { ?s ?p ?x } } }",
            "<http://127.0.0.1:1/l>",
        ),
    ],
)
def test_service_is_refused(client, query, refused):
    response = get(client, query)
    assert response.status_code == 403
    text = response.get_data(as_text=True)
    assert f"SERVICE {refused} is not allowed" in text


@pytest.mark.parametrize(
    "query",
    [
        "# SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o }\nSELECT * { ?s ?p ?o } LIMIT 1",
        'SELECT * { ?s ?p "SERVICE <http://127.0.0.1:1/sparql> { }" }',
        "SELECT ?service { ?service ?p ?o } LIMIT 1",
        PREFIXES + "SELECT * { ?s ex:SERVICE ?o }",
        # valid SPARQL that rdflib's parser rejects: LATERAL, RDF 1.2 triple terms
        "SELECT ?x WHERE { ?s <http://schema.org/serviceType> ?x . LATERAL { SELECT ?x {} } }",
        "SELECT ?s { ?s <http://schema.org/serviceType> <<( ?a ?b ?c )>> }",
    ],
)
def test_service_in_comments_strings_and_names_is_not_a_call(client, query):
    assert get(client, query).status_code == 200


def test_service_on_the_allow_list_is_called():
    with socket.socket() as probe:  # a loopback port with nobody listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    allowed = f"http://127.0.0.1:{port}/sparql"
    app = make_app(service_allow_list=[allowed])
    client = app.test_client()
    try:
        silent = get(client, f"SELECT * {{ SERVICE SILENT <{allowed}> {{ ?s ?p ?o }} }}")
        assert silent.status_code == 200  # called, failed, and SILENT says: no error
        loud = get(client, f"SELECT * {{ SERVICE <{allowed}> {{ ?s ?p ?o }} }}")
        assert loud.status_code == 502  # the other server failed, not this one
        assert loud.get_data(as_text=True).startswith(
            f"502 Bad Gateway: the SERVICE endpoint <{allowed}> failed or could not be reached: "
        )
        assert (
            get(client, "SELECT * { SERVICE <http://127.0.0.1:1/x> { ?s ?p ?o } }").status_code
            == 403
        )
        description = client.get("/sparql", headers={"Accept": "text/turtle"}).get_data(
            as_text=True
        )
        assert "sd:BasicFederatedQuery" in description
    finally:
        app.extensions[EXTENSION]["query_service"].close()


def test_timeout_kills_the_worker_while_others_are_served(sparql_app):
    """A query that would run for minutes: 503 after 1 s, its worker gone, others answered."""
    pool = sparql_app.extensions[EXTENSION]["query_service"].executor
    assert isinstance(pool, QueryWorkerPool)
    assert pool.wait_ready(30)
    before = set(pool.pids())
    outcome = {}

    def long_query():
        started = time.monotonic()
        outcome["response"] = get(sparql_app.test_client(), CROSS_JOIN)
        outcome["seconds"] = time.monotonic() - started

    _, samples = scrape(sparql_app.test_client())
    timeouts = samples[("mannheim_kg_query_timeouts_total", ())]
    kills = samples[("mannheim_kg_query_workers_killed_total", ())]
    thread = threading.Thread(target=long_query)
    thread.start()
    time.sleep(0.3)
    quick = get(sparql_app.test_client(), "ASK { ?s ?p ?o }")
    assert quick.status_code == 200 and quick.get_json()["boolean"] is True
    thread.join(30)
    response = outcome["response"]
    assert response.status_code == 503
    assert "time limit of 1 s" in response.get_data(as_text=True)
    assert "Retry-After" not in response.headers  # resubmitting would time out again
    assert 1.0 <= outcome["seconds"] < 5
    killed = before - set(pool.pids())
    assert len(killed) == 1
    with pytest.raises(ProcessLookupError):
        os.kill(killed.pop(), 0)
    assert pool.wait_ready(30)  # the replacement is up
    assert get(sparql_app.test_client(), "ASK { ?s ?p ?o }").status_code == 200
    _, samples = scrape(sparql_app.test_client())
    assert samples[("mannheim_kg_query_timeouts_total", ())] == timeouts + 1
    assert samples[("mannheim_kg_query_workers_killed_total", ())] == kills + 1


# --- ops -------------------------------------------------------------------------------------


def test_healthz(client, sparql_app):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    store = sparql_app.extensions[EXTENSION]["query_service"].store
    assert body == {
        "status": "ok",
        "backend": "memory",
        "data_version": store.version,
        "triples": 14,
        "graphs": 2,
        "access": "public",  # the fixture data state no access rights: every graph is public
        "visible_graphs": ["http://example.org/graph/places", PEOPLE],
    }
    assert len(body["data_version"]) == 16


def scrape(client) -> tuple[dict[str, str], dict[tuple, float]]:
    """/metrics read by Prometheus' own parser: family types, and (name, labels) → value."""
    from prometheus_client.parser import text_string_to_metric_families

    response = client.get("/metrics")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    types, samples = {}, {}
    for family in text_string_to_metric_families(response.get_data(as_text=True)):
        types[family.name] = family.type
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return types, samples


def test_metrics(client):
    get(client, PEOPLE_AGES)
    get(client, "ASK {")
    types, samples = scrape(client)
    assert types == {
        "mannheim_kg_http_requests": "counter",
        "mannheim_kg_http_errors": "counter",
        "mannheim_kg_http_request_duration_seconds": "histogram",
        "mannheim_kg_triples": "gauge",
        "mannheim_kg_query_workers": "gauge",
        "mannheim_kg_query_workers_busy": "gauge",
        "mannheim_kg_query_workers_killed": "counter",
        "mannheim_kg_query_timeouts": "counter",
        "mannheim_kg_query_workers_slow": "gauge",
        "mannheim_kg_query_workers_idle": "gauge",
        "mannheim_kg_slow_queries": "counter",
        "mannheim_kg_slow_queries_refused": "counter",
        "mannheim_kg_result_cache_bytes": "gauge",
        "mannheim_kg_result_cache_entries": "gauge",
        "mannheim_kg_result_cache_hits": "counter",
        "mannheim_kg_result_cache_misses": "counter",
    }
    ok = (("method", "GET"), ("route", "/sparql"), ("status", "200"))
    bad = (("method", "GET"), ("route", "/sparql"), ("status", "400"))
    assert samples[("mannheim_kg_http_requests_total", ok)] >= 1
    assert samples[("mannheim_kg_http_errors_total", bad)] >= 1
    assert ("mannheim_kg_http_errors_total", ok) not in samples
    inf = (("le", "+Inf"), ("route", "/sparql"))
    count = samples[("mannheim_kg_http_request_duration_seconds_count", (("route", "/sparql"),))]
    assert samples[("mannheim_kg_http_request_duration_seconds_bucket", inf)] == count
    assert samples[("mannheim_kg_triples", ())] == 14
    assert samples[("mannheim_kg_query_workers", ())] == 2
    assert ("mannheim_kg_query_timeouts_total", ()) in samples


# --- persistent store, serve --get -----------------------------------------------------------


def test_persistent_store_loads_once(tmp_path, monkeypatch):
    from server.store import oxigraph as store_module

    data = tmp_path / "data"
    data.mkdir()
    (data / "people.ttl").write_bytes((DATA / "people.ttl").read_bytes())
    directory = tmp_path / "store"
    first = store_module.open_dataset([data], directory)
    assert len(first) == 12 and first.read_only
    del first

    def no_parse(*args):
        raise AssertionError("parsed again although the data did not change")

    monkeypatch.setattr(store_module, "bulk_load", no_parse)
    again = store_module.open_dataset([data], directory)
    assert len(again) == 12
    del again
    monkeypatch.undo()
    with (data / "people.ttl").open("a", encoding="utf-8") as changed:
        changed.write("<http://example.org/dave> a <http://example.org/Person> .\n")
    assert len(store_module.open_dataset([data], directory)) == 13


def test_app_on_a_persistent_store(tmp_path):
    app = make_app(store=tmp_path / "store", workers=1)
    try:
        response = get(app.test_client(), THINGS)
        assert len(things(response)) == 4
    finally:
        app.extensions[EXTENSION]["query_service"].close()


def test_serve_get_answers_one_request(runner):
    path = "/sparql?query=" + quote(PEOPLE_AGES) + "&format=csv"
    result = runner.invoke(main, ["serve", "--data", str(DATA), "--get", path])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "person,age"
    result = runner.invoke(main, ["serve", "--data", str(DATA), "--get", "/sparql?query=ASK%20%7B"])
    assert result.exit_code == 1
    assert result.stdout == ""  # an error body never lands in a pipe as if it were an answer
    assert result.stderr.startswith("400 Bad Request: ")
    assert result.stderr.splitlines()[-1] == "error: 400 BAD REQUEST"


AGE_REQUIRED = """@prefix sh: <http://www.w3.org/ns/shacl#> .
<urn:shape:person> a sh:NodeShape ; sh:targetClass <http://example.org/Person> ;
    sh:property [ sh:path <http://example.org/age> ; sh:minCount 1 ] .
"""


@pytest.fixture
def serve_env(tmp_path, monkeypatch, free_port):
    """serve on the fixture data with a shape carol violates; gunicorn replaced by a stub."""
    from server.web import wsgi

    started = []
    monkeypatch.setattr(wsgi.GunicornServer, "run", lambda self: started.append(self.settings))
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(AGE_REQUIRED, encoding="utf-8")
    env = {
        "MANNHEIM_KG_PORT": str(free_port),  # serve test-binds its port before it starts
        "MANNHEIM_KG_ONTOLOGY": "",
        "MANNHEIM_KG_DATA": str(DATA),
        "MANNHEIM_KG_SHAPES": str(shapes),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    return env, shapes, started


def test_serve_refuses_to_start_on_violations(runner, serve_env):
    env, _, started = serve_env
    result = runner.invoke(main, ["serve"], env=env)
    assert result.exit_code == 1
    assert "not serving" in result.output
    assert "ex:carol" in result.output or "carol" in result.output
    assert started == []
    result = runner.invoke(main, ["serve", "--no-validate"], env=env)
    assert result.exit_code == 0, result.output
    assert len(started) == 1
    # --data is served as it is: the configured shapes describe the configured graph only.
    result = runner.invoke(main, ["serve", "--data", str(DATA)], env=env)
    assert result.exit_code == 0, result.output
    assert started[-1].ontology == () and started[-1].data == (DATA,)


def test_serve_remembers_a_conforming_validation(runner, serve_env, monkeypatch):
    env, shapes, started = serve_env
    shapes.write_text(AGE_REQUIRED.replace("sh:minCount 1", "sh:maxCount 1"), encoding="utf-8")
    assert runner.invoke(main, ["serve", "--timeout", "7"], env=env).exit_code == 0
    assert started[-1].timeout == 7.0
    from server.validate import engine as validation

    def no_validation(**kwargs):
        raise AssertionError("validated again although nothing changed")

    monkeypatch.setattr(validation, "validate", no_validation)
    assert runner.invoke(main, ["serve"], env=env).exit_code == 0
    shapes.write_text(AGE_REQUIRED, encoding="utf-8")  # changed shapes: validated again
    result = runner.invoke(main, ["serve"], env=env)
    assert isinstance(result.exception, AssertionError)


def test_serve_on_a_loaded_store_with_a_remembered_validation_parses_nothing(
    runner, serve_env, monkeypatch, tmp_path
):
    """The store records the data version it was loaded from, the cache the validation: a
    restart with unchanged files has nothing to parse (in memory it must parse to serve)."""
    from server.store import oxigraph as store

    env, shapes, started = serve_env
    shapes.write_text(AGE_REQUIRED.replace("sh:minCount 1", "sh:maxCount 1"), encoding="utf-8")
    options = ["serve", "--store", str(tmp_path / "store")]
    assert runner.invoke(main, options, env=env).exit_code == 0

    def no_parse(*args):
        raise AssertionError("parsed again although nothing changed")

    monkeypatch.setattr(store, "bulk_load", no_parse)
    result = runner.invoke(main, options, env=env)
    assert result.exit_code == 0, result.output
    assert len(started) == 2
    monkeypatch.undo()


def test_serve_stops_on_a_syntax_error(runner, serve_env, tmp_path):
    env, _, started = serve_env
    broken = tmp_path / "broken.ttl"
    broken.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    result = runner.invoke(main, ["serve", "--data", str(broken)], env=env)
    assert result.exit_code == 2
    assert "broken.ttl:1:" in result.output
    assert started == []


def test_serve_brackets_an_ipv6_host(runner, serve_env):
    from server.config import Settings
    from server.web.wsgi import gunicorn_options

    assert gunicorn_options(Settings(host="::1", port=8000))["bind"] == "[::1]:8000"
    assert gunicorn_options(Settings(host="127.0.0.1", port=8000))["bind"] == "127.0.0.1:8000"
    env, _, started = serve_env
    result = runner.invoke(main, ["serve", "--no-validate", "--host", "::1"], env=env)
    assert result.exit_code == 0, result.output
    assert f"serving at http://[::1]:{env['MANNHEIM_KG_PORT']}/" in result.output
    assert started[-1].host == "::1"


def test_serve_on_a_port_in_use_is_one_line_and_exit_2(runner, serve_env):
    """gunicorn would retry and exit 1, which for serve means "the data violate the shapes"."""
    env, _, started = serve_env
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(main, ["serve", "--no-validate", "--port", str(port)], env=env)
    assert result.exit_code == 2
    assert result.output == f"error: cannot listen on 127.0.0.1:{port}: Address already in use\n"
    assert started == []


def test_settings_and_serve_options_are_documented():
    """Datasette's habit: an undocumented setting or option of the endpoint fails a test."""
    pages = sorted((Path(__file__).parent.parent / "docs").glob("*.md"))
    # the written pages, not the generated CLI reference (which lists every option anyway)
    documented = "\n".join(p.read_text(encoding="utf-8") for p in pages if p.name != "cli.md")
    for name in (
        "store",
        "validate_on_start",
        "host",
        "port",
        "timeout",
        "max_body",
        "max_rows",
        "service_allow_list",
        "workers",
        "threads",
        "queue_timeout",
        "max_memory",
    ):
        assert f"`MANNHEIM_KG_{name.upper()}`" in documented, name
    serve = main.commands["serve"]
    for option in serve.params:
        for flag in option.opts:
            if flag.startswith("--"):
                assert f"`{flag}" in documented or f"serve {flag}" in documented, flag


def test_query_requests_beyond_the_slots_wait_then_are_refused():
    """threads - 2 query requests may wait or run; one more waits queue_timeout for a slot,
    then is a 503 (a burst queues instead of failing)."""
    from server.config import load_settings
    from server.errors import ServiceBusy
    from server.services.query_service import QueryService, query_slots

    settings = load_settings(
        {"threads": 3, "ontology": [], "data": [DATA], "queue_timeout": 0.2, "cache_bytes": 0},
        environ={},
    )
    assert query_slots(settings) == 1
    service = QueryService(settings)
    entered, release = threading.Event(), threading.Event()

    class Stalled:
        def run(self, job):
            entered.set()
            release.wait(10)
            return "answer"

    service._executor = Stalled()
    first = threading.Thread(target=lambda: service.run(QueryJob("ASK {}")))
    first.start()
    assert entered.wait(10)
    with pytest.raises(ServiceBusy, match="1 queries are running or waiting"):
        service.run(QueryJob("ASK {}"))
    release.set()
    first.join(10)
    assert service.run(QueryJob("ASK {}")) == "answer"  # the slot is free again


def test_retry_after_only_when_busy():
    """Busy: come back later. Timed out: coming back would only time out again."""
    from server.errors import QueryTimeout, ServiceBusy

    app = make_app(workers=0)
    service = app.extensions[EXTENSION]["query_service"]
    for error, retry in ((ServiceBusy("busy"), "5"), (QueryTimeout("too slow"), None)):

        def fail(job, error=error):
            raise error

        service.run = fail
        response = get(app.test_client(), "ASK {}")
        assert response.status_code == 503
        assert response.headers.get("Retry-After") == retry


def test_a_query_past_max_memory_is_stopped_and_its_worker_replaced():
    """ORDER BY over a cross product would take the host's memory: the worker's address
    space is capped (RLIMIT_AS), the client is told why, and a new worker takes its place."""
    app = make_app(workers=1, timeout=60, max_memory=400 * 2**20)
    pool = app.extensions[EXTENSION]["query_service"].executor
    client = app.test_client()
    try:
        assert pool.wait_ready(30)
        runaway = (  # 14^6 sorted rows: gigabytes
            "SELECT (COUNT(*) AS ?n) { SELECT * { "
            + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(6))
            + " } ORDER BY ?o5 ?s0 ?p3 ?o1 }"
        )
        response = get(client, runaway)
        assert response.status_code == 503
        text = response.get_data(as_text=True)
        assert "more memory than the limit of 400 MiB (max_memory)" in text
        assert "Retry-After" not in response.headers
        assert pool.wait_ready(30)
        assert get(client, "ASK { ?s ?p ?o }").get_json()["boolean"] is True
    finally:
        app.extensions[EXTENSION]["query_service"].close()


def test_rdf_xml_refuses_a_predicate_without_an_xml_name(client):
    """RDF/XML writes a predicate as an element name: <http://e/123> has none, so the answer is
    406 naming the formats that can hold it, never a 200 with a broken document."""
    query = 'CONSTRUCT { <http://e/a> <http://e/123> "x" } WHERE {}'
    response = get(client, query, Accept="application/rdf+xml")
    assert response.status_code == 406
    text = response.get_data(as_text=True)
    assert "<http://e/123>" in text and "does not end in an XML name" in text
    assert "Turtle (text/turtle)" in text and "RDF/XML (" not in text
    assert get(client, query, Accept="text/turtle").status_code == 200
    fine = get(client, 'CONSTRUCT { <http://e/a> <http://e/1a> "x" } WHERE {}', format="rdfxml")
    assert fine.status_code == 200
    assert len(rdflib.Graph().parse(data=fine.get_data(), format="xml")) == 1


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        ('SELECT ("a\\u0001b" AS ?x) {}', "application/sparql-results+xml"),
        ('CONSTRUCT { <http://e/a> <http://e/b> "a\\u0001b" } WHERE {}', "application/rdf+xml"),
    ],
)
def test_xml_formats_refuse_characters_xml_cannot_hold(client, query, accept):
    response = get(client, query, Accept=accept)
    assert response.status_code == 406
    text = response.get_data(as_text=True)
    assert "U+0001, which XML 1.0 cannot contain" in text
    assert "JSON" in text
    assert get(client, query).status_code == 200  # the default format can hold it


@pytest.mark.parametrize(
    ("query", "function"),
    [
        ("SELECT (<urn:nosuchfn>(1) AS ?x) {}", "<urn:nosuchfn>"),
        (
            "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT (xsd:foo(1) AS ?x) {}",
            "<http://www.w3.org/2001/XMLSchema#foo>",
        ),
        (
            "PREFIX fn: <http://www.w3.org/2005/xpath-functions#> "
            "SELECT (fn:current-dateTime() AS ?x) {}",
            "<http://www.w3.org/2005/xpath-functions#current-dateTime>",
        ),
    ],
)
def test_an_unknown_function_is_the_querys_fault(client, query, function):
    response = get(client, query)
    assert response.status_code == 400
    assert response.get_data(as_text=True) == (
        f"400 Bad Request: the query calls the function {function}, which this endpoint does "
        "not support (SPARQL 1.1 built-ins and XSD casts are)\n"
    )


def test_other_engine_failures_stay_500():
    """Only the engine's "function not supported" is the query's fault; its other failures
    are the server's (500, the engine's message)."""
    from server.errors import QueryEvaluationError
    from server.services.querying import evaluate

    class FailingStore:
        def query(self, *args, **kwargs):
            raise RuntimeError("RocksDB: IO error: the disk is on fire")

    with pytest.raises(QueryEvaluationError) as caught:
        evaluate(FailingStore(), QueryJob("ASK {}"))
    assert caught.value.status == 500
    assert "the disk is on fire" in str(caught.value)


def test_percent_encoded_text_must_be_utf8(client):
    """%E4 alone is Latin-1's ä, not UTF-8: 400, never a query run with a replaced or literal
    character; a form that declares another charset is 415, like a direct POST."""
    response = client.get('/sparql?query=SELECT%20("%E4"%20AS%20?x)%20{}')
    assert response.status_code == 400
    assert "not valid UTF-8" in response.get_data(as_text=True)
    fine = client.get('/sparql?query=SELECT%20("%C3%A4"%20AS%20?x)%20{}')
    assert json.loads(fine.get_data())["results"]["bindings"][0]["x"]["value"] == "ä"
    response = client.post(
        "/sparql", data=b"query=ASK%20{%E4}", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    response = client.post(
        "/sparql",
        data="query=ASK {}".encode("latin-1"),
        content_type="application/x-www-form-urlencoded; charset=ISO-8859-1",
    )
    assert response.status_code == 415
    assert "UTF-8" in response.get_data(as_text=True)


def test_a_worker_on_another_data_version_is_a_start_failure():
    """A worker that opened other data than the server's (a store rebuilt under it) is not
    handed queries: the pool reports a start failure instead of mixing two datasets."""
    from dataclasses import replace

    from server.errors import QueryWorkerFault
    from server.store.files import discover
    from server.store.oxigraph import DatasetSpec

    spec = DatasetSpec(tuple(discover([DATA])), "not-the-version-of-these-files")
    pool = QueryWorkerPool(spec, size=1, timeout=5, queue_timeout=0.2)
    try:
        assert pool.wait_ready(timeout=60) is False
        assert "not not-the-version-of-these-files" in pool.start_error
        with pytest.raises(QueryWorkerFault):
            pool.run(QueryJob("ASK {}"))
    finally:
        pool.close()
    good = QueryWorkerPool(replace(spec, version=good_version()), size=1, timeout=5)
    try:
        assert good.wait_ready(timeout=60) is True
    finally:
        good.close()


def good_version() -> str:
    from server.store.files import discover, fingerprint

    return fingerprint(discover([DATA]))


@pytest.mark.parametrize("query", ["", "   \n", "# only a comment\n"])
def test_an_empty_query_says_so(client, query):
    response = get(client, query)
    assert response.status_code == 400
    assert response.get_data(as_text=True) == "400 Bad Request: the query is empty\n"
    response = client.post("/sparql", data=query.encode(), content_type="application/sparql-query")
    assert response.get_data(as_text=True) == "400 Bad Request: the query is empty\n"


def test_errors_are_plain_text_when_xml_is_preferred(client):
    response = get(
        client,
        "ASK {",
        Accept="application/sparql-results+xml, application/json;q=0.5",
    )
    assert response.status_code == 400
    assert response.content_type == "text/plain; charset=utf-8"


# A prefix name with a middle dot: valid SPARQL the head reader does not follow, so the kind
# of result is known only once the query has run; the negotiation is made for every kind.
UNREAD_HEAD = "PREFIX e\u00b7: <http://e/> CONSTRUCT { <http://e/a> <http://e/b> 1 } WHERE {}"


@pytest.mark.parametrize(
    ("accept", "status", "media_type"),
    [
        ("application/n-triples", 200, "application/n-triples"),
        ("application/sparql-results+xml", 200, "text/turtle"),
        ("image/png", 406, "text/plain"),
    ],
)
def test_negotiation_waits_for_the_result_when_the_head_is_unread(accept, status, media_type):
    app = make_app(workers=0)  # in-process: the choice travels in the job all the same
    response = get(app.test_client(), UNREAD_HEAD, Accept=accept)
    assert (response.status_code, response.mimetype) == (status, media_type)
    if status == 406:
        assert "a graph result is available as: text/turtle" in response.get_data(as_text=True)
