"""The DCAT-AP.de 3.0 record at /catalog validates against the SEMIC DCAT-AP 3.0.1 and the
DCAT-AP.de 3.0 shapes (tests/fixtures/dcat-ap) with zero violations; VoID, sitemap, robots."""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from server.rdf.namespace import BASE
from server.store.access import graph_access
from server.web.app import EXTENSION, create_app

SHAPES = Path(__file__).parent / "fixtures" / "dcat-ap"
SHAPE_FILES = [
    SHAPES / "semic-3.0.1" / "dcat-ap-SHACL.ttl",
    SHAPES / "semic-3.0.1" / "ranges.ttl",
    SHAPES / "dcat-ap-de-3.0" / "dcat-ap-SHACL-DE.ttl",
    SHAPES / "dcat-ap-de-3.0" / "dcat-ap-de-controlledvocabularies.ttl",
    SHAPES / "dcat-ap-de-3.0" / "dcat-ap-spec-german-additions.ttl",
]
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")


@pytest.fixture(scope="module")
def app(settings):
    app = create_app(replace(settings, workers=0))
    yield app
    app.extensions[EXTENSION]["query_service"].close()


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def record(client) -> rdflib.Graph:
    response = client.get("/catalog", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    return rdflib.Graph().parse(data=response.data, format="turtle")


def shacl_results(data: rdflib.Graph):
    import warnings

    from pyshacl import validate

    shapes = rdflib.Graph()
    for file in SHAPE_FILES:
        shapes.parse(file, format="turtle")
    # ranges.ttl (3.0.1) lists a property shape that neither file defines: drop the dangling
    # reference, which pyshacl refuses as a malformed shape.
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    for shape, _, prop in list(shapes.triples((None, sh.property, None))):
        if shapes.value(prop, sh.path) is None:
            shapes.remove((shape, sh.property, prop))
    concepts = rdflib.Graph().parse(SHAPES / "concepts.ttl", format="turtle")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        conforms, report, text = validate(
            data + concepts, shacl_graph=shapes, inference="none", allow_warnings=True
        )
    return conforms, report, text


def test_the_catalog_has_zero_violations(record):
    conforms, report, text = shacl_results(record)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    violations = list(report.subjects(sh.resultSeverity, sh.Violation))
    assert not violations, text
    assert conforms


def test_a_broken_record_is_caught(record):
    """The shapes do bite: a dataset without a title is a violation."""
    broken = rdflib.Graph() + record
    dataset = next(broken.subjects(rdflib.RDF.type, DCAT.Dataset))
    broken.remove((dataset, rdflib.URIRef("http://purl.org/dc/terms/title"), None))
    conforms, _, text = shacl_results(broken)
    assert not conforms and "title" in text


def test_the_record_names_what_a_harvester_needs(record, client):
    dct = rdflib.Namespace("http://purl.org/dc/terms/")
    dataset = next(record.subjects(rdflib.RDF.type, DCAT.Dataset))
    themes = set(record.objects(dataset, DCAT.theme))
    assert (
        rdflib.URIRef("http://publications.europa.eu/resource/authority/data-theme/ECON") in themes
    )
    keywords = {(k.language, str(k)) for k in record.objects(dataset, DCAT.keyword)}
    assert {lang for lang, _ in keywords} == {"de", "en"}
    assert record.value(
        dataset, rdflib.URIRef("http://dcat-ap.de/def/dcatde/politicalGeocodingURI")
    )
    for predicate in (
        dct.publisher,
        DCAT.contactPoint,
        dct.temporal,
        dct.spatial,
        dct.issued,
        dct.modified,
    ):
        assert record.value(dataset, predicate) is not None, predicate
    distributions = list(record.objects(dataset, DCAT.distribution))
    downloads = {str(record.value(d, DCAT.downloadURL)) for d in distributions}
    assert len(downloads) == 5
    for url in downloads:
        path = url.removeprefix("http://localhost")
        data = client.get(path).data
        digest = client.get(path + ".sha256").get_data(as_text=True).split()[0]
        assert hashlib.sha256(data).hexdigest() == digest
        size = next(
            record.objects(
                next(d for d in distributions if str(record.value(d, DCAT.downloadURL)) == url),
                DCAT.byteSize,
            )
        )
        assert int(size) == len(data)
    assert next(record.subjects(rdflib.RDF.type, DCAT.DataService), None) is not None
    licences = {record.value(d, dct.license) for d in distributions}
    assert len(licences) == 1 and None not in licences  # one licence, on every distribution


def test_dumps_keep_graph_names_and_hold_only_public_graphs(client, app):
    store = app.extensions[EXTENSION]["query_service"].store
    access = graph_access(store)
    nquads = gzip.decompress(client.get("/download/mannheim-kg.nq.gz").data)
    quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    graphs = {q.graph_name.value for q in quads}
    assert graphs == set(access.visible(authorised=False))
    assert not graphs & set(access.restricted)
    trig = gzip.decompress(client.get("/download/mannheim-kg.trig.gz").data)
    assert set(ox.parse(trig, format=ox.RdfFormat.TRIG)) == set(quads)
    union = {q.triple for q in quads}
    for name, fmt in (
        ("ttl", ox.RdfFormat.TURTLE),
        ("nt", ox.RdfFormat.N_TRIPLES),
        ("jsonld", ox.RdfFormat.JSON_LD),
    ):
        body = gzip.decompress(client.get(f"/download/mannheim-kg.{name}.gz").data)
        assert {q.triple for q in ox.parse(body, format=fmt)} == union, name
    again = client.get("/download/mannheim-kg.nq.gz")
    assert again.data == client.get("/download/mannheim-kg.nq.gz").data  # made once, same bytes


def test_void(client, app):
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    void = rdflib.Graph().parse(data=response.data, format="turtle")
    dataset = next(void.subjects(rdflib.RDF.type, VOID.Dataset))
    assert str(void.value(dataset, VOID.sparqlEndpoint)) == "http://localhost/sparql"
    assert str(void.value(dataset, VOID.uriSpace)) == BASE
    dumps = set(void.objects(dataset, VOID.dataDump))
    assert len(dumps) == 5
    store = app.extensions[EXTENSION]["query_service"].store
    public = graph_access(store).visible(authorised=False)
    subsets = {str(s) for s in void.objects(dataset, VOID.subset)}
    assert subsets == set(public)
    sizes = app.extensions[EXTENSION]["query_service"].visible_graph_sizes(False)
    assert int(void.value(dataset, VOID.triples)) == sum(sizes.values())
    assert list(void.objects(dataset, VOID.vocabulary))
    assert void.value(dataset, rdflib.URIRef("http://purl.org/dc/terms/license")) is not None
    sd = client.get("/sparql", headers={"Accept": "text/turtle"}).get_data(as_text=True)
    assert "/.well-known/void" in sd


def test_sitemap_and_robots(client):
    sitemap = client.get("/sitemap.xml")
    assert sitemap.mimetype == "application/xml"
    from xml.etree import ElementTree

    urls = [
        e.text
        for e in ElementTree.fromstring(sitemap.data).iter(
            "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
        )
    ]
    assert len(urls) > 50 and len(urls) == len(set(urls))
    for url in urls[:: max(1, len(urls) // 20)]:
        assert client.get(url.removeprefix("http://localhost")).status_code == 200, url
    robots = client.get("/robots.txt").get_data(as_text=True)
    assert "Sitemap: http://localhost/sitemap.xml" in robots and "Disallow: /sparql" in robots
