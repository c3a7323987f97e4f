"""Clients that send slightly wrong Accept headers still get answers (a real server on loopback).

roqet asks every query, CONSTRUCT included, for `application/sparql-results+xml`; rdflib's
SPARQLStore asks a CONSTRUCT for the results format it was given; answering those with 406
left them without an answer. A graph query asked for results formats only (or a SELECT/ASK for
RDF formats only) gets its kind's default, as Fuseki answers; an Accept header that names
only formats we have not stays 406. YASGUI's request (a POST form, JSON first, `*/*` after)
and SPARQLWrapper's own headers work as before.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.error
import urllib.request
from urllib.parse import quote, urlencode

import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper

MKG = "https://w3id.org/mannheim-kg/def/"
CLUSTER = "https://w3id.org/mannheim-kg/id/cluster/"
CLUSTERS = [
    CLUSTER + name
    for name in ("green-industry", "medical-technology", "smart-industries", "social-economy")
]
PREFIX = f"PREFIX mkg: <{MKG}>\n"
SELECT = PREFIX + "SELECT ?c WHERE { ?c a mkg:Cluster } ORDER BY ?c"
ASK = PREFIX + "ASK { ?c a mkg:Cluster }"
CONSTRUCT = PREFIX + "CONSTRUCT { ?c a mkg:Cluster } WHERE { ?c a mkg:Cluster }"
YASGUI_ACCEPT = "application/sparql-results+json,*/*;q=0.9"
ROQET = shutil.which("roqet")
needs_roqet = pytest.mark.skipif(
    ROQET is None, reason="roqet is not installed (Debian rasqal-utils; .ci/run installs it)"
)


@pytest.fixture(scope="module")
def endpoint(start_server) -> str:
    """`mannheim-kg serve` on the bundled graph (the options test_query_cli uses: one server)."""
    return start_server("--no-validate", "--workers", "1").url + "/sparql"


def fetch(url: str, data: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


def clusters_of(graph: rdflib.Graph) -> list[str]:
    return sorted(str(s) for s in graph.subjects(rdflib.RDF.type, rdflib.URIRef(MKG + "Cluster")))


# -- the rule, on the wire ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "accept", "expected"),
    [
        (CONSTRUCT, "application/sparql-results+xml", "text/turtle"),
        (CONSTRUCT, "application/sparql-results+json", "text/turtle"),
        (CONSTRUCT, "text/csv", "text/turtle"),
        (SELECT, "text/turtle", "application/sparql-results+json"),
        (ASK, "application/rdf+xml", "application/sparql-results+json"),
    ],
)
def test_a_format_of_the_other_kind_gets_the_default(endpoint, query, accept, expected):
    status, content_type, body = fetch(
        f"{endpoint}?query={quote(query)}", headers={"Accept": accept}
    )
    assert (status, content_type) == (200, expected)
    if expected == "text/turtle":
        assert clusters_of(rdflib.Graph().parse(data=body, format="turtle")) == CLUSTERS


@pytest.mark.parametrize("query", [SELECT, CONSTRUCT])
def test_formats_we_do_not_have_stay_406(endpoint, query):
    status, _, body = fetch(f"{endpoint}?query={quote(query)}", headers={"Accept": "image/png"})
    assert status == 406
    assert b"no acceptable format for 'image/png'" in body


# -- roqet (rasqal-utils) ------------------------------------------------------------------------


def roqet(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [ROQET, "-i", "sparql", *args], capture_output=True, text=True, timeout=60, check=False
    )


@needs_roqet
def test_roqet_select(endpoint):
    result = roqet("-p", endpoint, "-e", SELECT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"row: [c=uri<{c}>]" for c in CLUSTERS]


@needs_roqet
def test_roqet_construct_is_answered_not_refused(endpoint):
    """roqet sends Accept: application/sparql-results+xml for a CONSTRUCT: that was a 406
    ("Resolving URI failed with HTTP status 406"). Now it gets the Turtle answer, which
    rasqal 0.9.33 then reads as an XML result set (it reads protocol answers only so, from
    any server): the next test has roqet read a CONSTRUCT answer as its data."""
    result = roqet("-p", endpoint, "-e", CONSTRUCT)
    assert "Calling SPARQL service" in result.stderr
    assert "Resolving URI failed" not in result.stderr
    assert "XML parser error: Document is empty" in result.stderr  # it got our Turtle


@needs_roqet
def test_roqet_reads_a_construct_answer_as_its_data(endpoint):
    """roqet fetching a CONSTRUCT's URL as its data (raptor negotiates an RDF format)."""
    select = f"SELECT ?c WHERE {{ ?c a <{MKG}Cluster> }} ORDER BY ?c"
    result = roqet("-D", f"{endpoint}?query={quote(CONSTRUCT)}", "-e", select)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"row: [c=uri<{c}>]" for c in CLUSTERS]


# -- rdflib's SPARQLStore --------------------------------------------------------------------------


@pytest.mark.parametrize("return_format", ["xml", "json", "csv"])
def test_rdflib_sparql_store_in_each_return_format(endpoint, return_format):
    """SPARQLStore sends the Accept of its returnFormat for every query: with json or csv a
    CONSTRUCT asked for results formats only, which was a 406."""
    graph = rdflib.Graph(store=SPARQLStore(endpoint, returnFormat=return_format))
    assert [str(row[0]) for row in graph.query(SELECT)] == CLUSTERS
    constructed = graph.query(CONSTRUCT)
    assert constructed.type == "CONSTRUCT"
    assert clusters_of(constructed.graph) == CLUSTERS
    if return_format != "csv":  # rdflib reads no boolean from CSV
        assert graph.query(ASK).askAnswer is True


# -- SPARQLWrapper ---------------------------------------------------------------------------------


@pytest.mark.parametrize("return_format", [JSON, XML])
def test_sparqlwrapper_select_and_ask(endpoint, return_format):
    client = SPARQLWrapper(endpoint)
    client.setReturnFormat(return_format)
    client.setQuery(SELECT)
    result = client.query().convert()
    if return_format == JSON:
        assert [b["c"]["value"] for b in result["results"]["bindings"]] == CLUSTERS
    else:
        assert [u.firstChild.data for u in result.getElementsByTagName("uri")] == CLUSTERS
    client.setQuery(ASK)
    answer = client.query().convert()
    if return_format == JSON:
        assert answer["boolean"] is True
    else:
        assert answer.getElementsByTagName("boolean")[0].firstChild.data == "true"


def test_sparqlwrapper_construct_by_post(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setMethod(POST)
    client.setReturnFormat(TURTLE)
    client.setQuery(CONSTRUCT)
    body = client.query().convert()
    assert clusters_of(rdflib.Graph().parse(data=body, format="turtle")) == CLUSTERS


def test_sparqlwrapper_that_takes_a_construct_for_an_ask(endpoint):
    """SPARQLWrapper guesses the form with regular expressions: a comment after a PREFIX
    line stays in, so `# ask …` makes this CONSTRUCT an ASK, asked for SPARQL XML (Accept)
    and `xml` (its format parameters, which win): the graph's XML, RDF/XML."""
    query = CONSTRUCT.replace("def/>\n", "def/>  # ask for the clusters\n")
    client = SPARQLWrapper(endpoint)
    client.setReturnFormat(XML)
    client.setQuery(query)
    assert client.queryType == "ASK"
    response = client.query().response
    assert response.headers.get_content_type() == "application/rdf+xml"
    assert clusters_of(rdflib.Graph().parse(data=response.read(), format="xml")) == CLUSTERS


# -- YASGUI ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [(SELECT, "application/sparql-results+json"), (CONSTRUCT, "text/turtle")],
)
def test_a_request_as_yasgui_sends_it(endpoint, query, expected):
    """YASGUI POSTs a form from another origin with JSON first and */* after."""
    status, content_type, body = fetch(
        endpoint,
        data=urlencode({"query": query}).encode(),
        headers={
            "Accept": YASGUI_ACCEPT,
            "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
            "Origin": "https://yasgui.triply.cc",
        },
    )
    assert (status, content_type) == (200, expected)
    if expected == "text/turtle":
        assert clusters_of(rdflib.Graph().parse(data=body, format="turtle")) == CLUSTERS
    else:
        bindings = json.loads(body)["results"]["bindings"]
        assert [b["c"]["value"] for b in bindings] == CLUSTERS
