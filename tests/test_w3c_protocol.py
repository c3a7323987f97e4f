"""The W3C SPARQL 1.1 Protocol and Service Description test suites, replayed against /sparql.

The manifests (tests/fixtures/w3c/, W3C test suite licence beside them) describe HTTP requests
in RDF. Every query test and every bad_* test is sent as written, with two rewrites the
manifest itself asks for: the path prefix `/sparql/` becomes our `/sparql`, and the data
files are served as named graphs under the IRIs the manifest labels them with.

Update tests: update is disabled in this endpoint (issue 3), so each update request must get
403 with a message saying so, and the follow-up query that would check the update's effect
is not sent.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, RDFS, Namespace
from rdflib.collection import Collection

from server.web.app import EXTENSION, create_app

W3C = Path(__file__).parent / "fixtures" / "w3c"
PROTOCOL = W3C / "sparql11-protocol"
SERVICE_DESCRIPTION = W3C / "sparql11-service-description"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SPARQL_RESULTS_XML = "{http://www.w3.org/2005/sparql-results#}"

TABULAR = {
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
}
RDF_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/n-quads": "nquads",
    "application/trig": "trig",
    "text/n3": "n3",
}


@dataclass
class HttpRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[str]
    expected_boolean: bool | None
    expected_format: str | None


@dataclass
class ProtocolTest:
    id: str
    name: str
    requests: list[HttpRequest]
    graph_data: dict[str, Path] = field(default_factory=dict)

    @property
    def is_update(self) -> bool:
        return self.id.startswith("update_")


def _load(manifest: Path) -> tuple[rdflib.Graph, list]:
    graph = rdflib.Graph().parse(manifest, format="turtle", publicID=manifest.as_uri())
    root = next(graph.subjects(RDF.type, MF.Manifest))
    return graph, list(Collection(graph, graph.value(root, MF.entries)))


def protocol_tests() -> list[ProtocolTest]:
    graph, entries = _load(PROTOCOL / "manifest.ttl")
    tests = []
    for entry in entries:
        action = graph.value(entry, MF.action)
        requests = []
        for request in Collection(graph, graph.value(action, HT.requests)):
            headers = {}
            header_list = graph.value(request, HT.headers)
            if header_list is not None:
                for header in Collection(graph, header_list):
                    headers[str(graph.value(header, HT.fieldName))] = str(
                        graph.value(header, HT.fieldValue)
                    )
            body_node = graph.value(request, HT.body)
            body = None
            if body_node is not None:
                encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
                body = str(graph.value(body_node, CNT.chars)).encode(encoding.lower())
            response = graph.value(request, HT.resp)
            boolean = graph.value(response, MF.expectedBoolean)
            fmt = graph.value(response, MF.expectedFormat)
            path = str(graph.value(request, HT.absolutePath))
            assert path.startswith("/sparql/")
            requests.append(
                HttpRequest(
                    method=str(graph.value(request, HT.methodName)),
                    path="/sparql" + path[len("/sparql/") :],
                    headers=headers,
                    body=body,
                    statuses={
                        str(s).removeprefix(str(HTS))
                        for s in graph.objects(response, MF.expectedStatus)
                    },
                    expected_boolean=boolean.toPython() if boolean is not None else None,
                    expected_format=str(fmt) if fmt is not None else None,
                )
            )
        graph_data = {
            str(graph.value(data, RDFS.label)): Path(
                str(graph.value(data, UT.graph)).removeprefix("file://")
            )
            for data in graph.objects(entry, UT.graphData)
        }
        tests.append(
            ProtocolTest(
                id=str(entry).rpartition("#")[2],
                name=str(graph.value(entry, MF.name)),
                requests=requests,
                graph_data=graph_data,
            )
        )
    return tests


TESTS = protocol_tests()


@pytest.fixture(scope="module")
def w3c_app(tmp_path_factory, backend, backend_overrides):
    """The manifest's data files, each in the named graph the manifest labels it with, on each
    store backend (memory, disk, remote)."""
    quads = []
    for test in TESTS:
        for iri, path in test.graph_data.items():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    line = f"{line.strip().removesuffix('.').rstrip()} <{iri}> .\n"
                    if line not in quads:
                        quads.append(line)
    data = tmp_path_factory.mktemp("w3c") / "protocol.nq"
    data.write_text("".join(quads), encoding="utf-8")
    overrides = backend_overrides(backend, [data])
    app = create_app({"ontology": [], "data": [data], "workers": 2, "timeout": 20, **overrides})
    yield app
    app.extensions[EXTENSION]["query_service"].close()


def test_the_manifest_is_read_whole():
    assert len(TESTS) == 34
    ids = {t.id for t in TESTS}
    assert {"query_post_form", "query_multiple_dataset", "bad_update_dataset_conflict"} <= ids
    assert sum(1 for t in TESTS if t.graph_data) == 6


def _status_class(status: int) -> str:
    return f"StatusCode{status // 100}xx"


def _boolean(response) -> bool:
    mimetype = response.mimetype
    if mimetype == "application/sparql-results+json":
        return json.loads(response.data)["boolean"]
    if mimetype == "application/sparql-results+xml":
        root = ET.fromstring(response.data)
        return root.find(f"{SPARQL_RESULTS_XML}boolean").text == "true"
    raise AssertionError(f"not a boolean result format: {mimetype}")


def _check_format(response, expected: str) -> None:
    mimetype = response.mimetype
    if expected == "boolean":
        assert mimetype in ("application/sparql-results+json", "application/sparql-results+xml")
        _boolean(response)
    elif expected == "tabular":
        assert mimetype in TABULAR
        if mimetype == "application/sparql-results+json":
            document = json.loads(response.data)
            assert document["head"]["vars"] == ["value"]
            assert document["results"]["bindings"][0]["value"]["value"] == "1"
        elif mimetype == "application/sparql-results+xml":
            ET.fromstring(response.data)
        else:
            delimiter = "," if mimetype == "text/csv" else "\t"
            rows = list(csv.reader(io.StringIO(response.data.decode()), delimiter=delimiter))
            assert rows[0][0].lstrip("?") == "value"
    elif expected == "RDF":
        assert mimetype in RDF_TYPES
        rdflib.Graph().parse(data=response.data, format=RDF_TYPES[mimetype])
    else:
        raise AssertionError(f"unknown expected format {expected!r}")


@pytest.mark.parametrize("test", TESTS, ids=lambda t: t.id)
def test_protocol(w3c_app, test: ProtocolTest):
    client = w3c_app.test_client()
    for request in test.requests:
        response = client.open(
            request.path, method=request.method, data=request.body, headers=request.headers
        )
        assert "Traceback" not in response.get_data(as_text=True)
        if test.is_update:
            # Update is disabled (issue 3): the update request is refused, saying why, and the
            # query that would check its effect is not sent.
            assert response.status_code == 403, response.data
            assert "update is disabled" in response.get_data(as_text=True).lower()
            return
        assert _status_class(response.status_code) in request.statuses, (
            response.status_code,
            response.data,
        )
        if request.expected_format is not None:
            _check_format(response, request.expected_format)
        if request.expected_boolean is not None:
            assert _boolean(response) is request.expected_boolean


def test_bad_requests_get_the_precise_status(w3c_app):
    """Beyond '4xx': which 4xx each bad_* test gets here, so a regression shows."""
    client = w3c_app.test_client()
    expected = {
        "bad_query_method": 405,
        "bad_multiple_queries": 400,
        "bad_query_wrong_media_type": 415,
        "bad_query_missing_form_type": 415,
        "bad_query_missing_direct_type": 415,
        "bad_query_non_utf8": 415,
        "bad_query_syntax": 400,
        "bad_update_get": 403,
        "bad_multiple_updates": 400,
        "bad_update_wrong_media_type": 415,
        "bad_update_missing_form_type": 415,
        "bad_update_non_utf8": 415,
        "bad_update_syntax": 403,
        "bad_update_dataset_conflict": 403,
    }
    got = {}
    for test in TESTS:
        if test.id in expected:
            (request,) = test.requests
            response = client.open(
                request.path, method=request.method, data=request.body, headers=request.headers
            )
            got[test.id] = response.status_code
    assert got == expected


# --- SPARQL 1.1 Service Description ------------------------------------------------------------


def service_description_tests() -> list[str]:
    _graph, entries = _load(SERVICE_DESCRIPTION / "manifest.ttl")
    return [str(entry).rpartition("#")[2] for entry in entries]


@pytest.mark.parametrize("test_id", service_description_tests())
def test_service_description(w3c_app, test_id):
    client = w3c_app.test_client()
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"
    description = rdflib.Graph().parse(data=response.data, format="turtle")
    endpoint = rdflib.URIRef("http://localhost/sparql")
    if test_id == "returns-rdf":
        assert len(description) > 10
    elif test_id == "has-endpoint-triple":
        assert (None, SD.endpoint, endpoint) in description
    elif test_id == "conforms-to-schema":
        service = description.value(predicate=SD.endpoint, object=endpoint)
        assert (service, RDF.type, SD.Service) in description
        assert (service, SD.supportedLanguage, SD.SPARQL11Query) in description
        assert (service, SD.feature, SD.UnionDefaultGraph) in description
        dataset = description.value(service, SD.defaultDataset)
        assert (dataset, RDF.type, SD.Dataset) in description
        assert (dataset, SD.defaultGraph, None) in description
        names = {
            str(description.value(named, SD.name))
            for named in description.objects(dataset, SD.namedGraph)
        }
        assert names == {f"http://kasei.us/2009/09/sparql/data/data{i}.rdf" for i in (1, 2, 3)}
        formats = set(description.objects(service, SD.resultFormat))
        assert rdflib.URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in formats
        assert rdflib.URIRef("http://www.w3.org/ns/formats/Turtle") in formats
    else:
        raise AssertionError(f"unknown service description test {test_id}")
