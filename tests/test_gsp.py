"""The W3C Graph Store Protocol tests (tests/fixtures/w3c/sparql11-graph-store-protocol),
run against a read-only graph store.

Each test is a sequence of requests. Writes (PUT, POST, DELETE) must be refused with 405 and
the read-only message; the harness then applies the write to its own model of the store, so
that every read (GET, HEAD) is sent to an app whose data are exactly what the writes would
have made, and must answer as the manifest expects (status, content type, an isomorphic
graph). Our default graph is the union of the named graphs, so "the default graph" of the
manifest is loaded as one named graph. Not run: direct graph identification (/gsp/person/1.ttl
— we identify graphs indirectly, ?graph=), graph creation by POST ($LOCATION$) and
multipart/form-data POST bodies (no graph to read without the write).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import rdflib
from rdflib.compare import isomorphic

from server.web.app import EXTENSION, create_app

MANIFESTS = Path(__file__).parent / "fixtures" / "w3c" / "sparql11-graph-store-protocol"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
STATUS = {"OK": 200, "Created": 201, "NoContent": 204, "NotFound": 404}
DEFAULT = "http://www.example/gsp/default-graph"
"""The named graph that stands for the manifest's default graph (see the module docstring)."""


def _list(graph: rdflib.Graph, head) -> list:
    return list(rdflib.collection.Collection(graph, head)) if head is not None else []


def load_tests() -> list:
    manifest = rdflib.Graph().parse(MANIFESTS / "manifest-indirect.ttl", format="turtle")
    entries = _list(manifest, next(manifest.objects(None, MF.entries)))
    tests = []
    for entry in entries:
        action = manifest.value(entry, MF.action)
        requests = _list(manifest, manifest.value(action, HT.requests))
        tests.append((str(manifest.value(entry, MF.name)), manifest, requests))
    return tests


TESTS = load_tests()


def skip_reason(graph: rdflib.Graph, requests: list) -> str | None:
    for request in requests:
        path = str(graph.value(request, HT.absolutePath))
        if "$LOCATION$" in path or not path.startswith("/gsp?"):
            return "graph creation by POST / direct identification: no graph to read"
        for header in _list(graph, graph.value(request, HT.headers)):
            if "multipart" in str(graph.value(header, HT.fieldValue)):
                return "multipart/form-data body"
    return None


def headers_of(graph: rdflib.Graph, node) -> dict[str, str]:
    return {
        str(graph.value(h, HT.fieldName)).lower(): str(graph.value(h, HT.fieldValue))
        for h in _list(graph, graph.value(node, HT.headers))
    }


def body_of(graph: rdflib.Graph, node) -> str | None:
    body = graph.value(node, HT.body)
    return None if body is None else str(graph.value(body, CNT.chars))


def expected_statuses(graph: rdflib.Graph, response) -> set[int]:
    return {STATUS[str(s).rpartition("#")[2]] for s in graph.objects(response, MF.expectedStatus)}


def graph_name(path: str) -> str:
    """The graph a request names (the query string decoded once, as the protocol says)."""
    from urllib.parse import parse_qs

    query = parse_qs(urlsplit(path).query, keep_blank_values=True)
    return query["graph"][0] if "graph" in query else DEFAULT


def app_on(settings, tmp_path: Path, store: dict[str, rdflib.Graph], step: int):
    """An app whose data are the graphs of `store` (written as one N-Quads file)."""
    lines = []
    for name, content in store.items():
        for line in content.serialize(format="nt").splitlines():
            if line.strip():
                lines.append(line.rstrip().removesuffix(".").rstrip() + f" <{name}> .\n")
    file = tmp_path / f"state-{step}.nq"
    file.write_text("".join(lines), encoding="utf-8")
    return create_app(replace(settings, ontology=(), data=(file,), workers=0))


@pytest.mark.parametrize(("name", "manifest", "requests"), TESTS, ids=[t[0][:60] for t in TESTS])
def test_graph_store_manifest(settings, tmp_path, name, manifest, requests):
    reason = skip_reason(manifest, requests)
    if reason:
        pytest.skip(reason)
    store: dict[str, rdflib.Graph] = {}
    refuser = app_on(settings, tmp_path, store, 0).test_client()
    reads = 0
    for step, request in enumerate(requests, start=1):
        method = str(manifest.value(request, HT.methodName))
        path = "/sparql" + str(manifest.value(request, HT.absolutePath)).removeprefix("/gsp")
        headers = headers_of(manifest, request)
        body = body_of(manifest, request)
        response_node = manifest.value(request, HT.resp)
        target = graph_name(path)
        if method in ("PUT", "POST", "DELETE"):
            refused = refuser.open(path, method=method, data=body or "", headers=headers)
            assert refused.status_code == 405, (name, method)
            assert "read-only" in refused.get_data(as_text=True)
            assert "GET" in refused.headers["Allow"]
            content = rdflib.Graph()
            if body:
                content.parse(data=body, format="turtle", publicID=target)
            if method == "PUT":
                store[target] = content
            elif method == "POST":
                store[target] = store.get(target, rdflib.Graph()) + content
            else:
                store.pop(target, None)
            continue
        app = app_on(settings, tmp_path, store, step)
        try:
            response = app.test_client().open(path, method=method, headers=headers)
        finally:
            app.extensions[EXTENSION]["query_service"].close()
        reads += 1
        assert response.status_code in expected_statuses(manifest, response_node), (name, path)
        expected_headers = headers_of(manifest, response_node)
        if "content-type" in expected_headers:
            assert response.headers["Content-Type"] == expected_headers["content-type"]
        expected_body = body_of(manifest, response_node)
        if expected_body is not None and method == "GET":
            answer = rdflib.Graph().parse(data=response.get_data(as_text=True), format="turtle")
            wanted = rdflib.Graph().parse(data=expected_body, format="turtle")
            assert isomorphic(answer, wanted), (name, path)
        if method == "HEAD":
            assert response.data == b""
    assert reads > 0


def test_get_on_the_bundled_data_in_every_format_and_404(client):
    from server.rdf import formats

    graph = "https://w3id.org/mannheim-kg/graph/clusters"
    for media in formats.media_types_for(formats.GRAPH):
        response = client.get(
            "/sparql", query_string={"graph": graph}, headers={"Accept": media.name}
        )
        assert response.status_code == 200 and response.mimetype == media.name
        assert int(response.headers["X-Result-Rows"]) > 0
    default = client.get("/sparql?default", headers={"Accept": "application/n-triples"})
    assert int(default.headers["X-Result-Rows"]) > int(response.headers["X-Result-Rows"])
    assert client.get("/sparql?graph=http://example.org/none").status_code == 404
    assert client.get("/sparql", query_string={"graph": "not an iri"}).status_code == 404
    both = client.get("/sparql", query_string={"graph": graph, "default": ""})
    assert both.status_code == 400
    head = client.head("/sparql", query_string={"graph": graph})
    assert head.status_code == 200 and head.data == b"" and int(head.headers["Content-Length"]) > 0
