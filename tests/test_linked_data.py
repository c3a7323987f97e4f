"""Dereferencing: every IRI of the namespace answers (303 to its document), in HTML and every
RDF format, the same description in each; 404 / 410 in the asked format; the ontology by
pyLODE; tested in-process and with real clients (rdflib, curl -L, pyld) on a live server."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import urllib.request
from dataclasses import replace

import pyoxigraph as ox
import pytest
import rdflib

from server.config import PROJECT_ROOT
from server.publish.describe import described_resources, retirement
from server.publish.documents import DESCRIPTION_FORMATS
from server.rdf import formats
from server.rdf.namespace import BASE, DEF, OWL, RDF
from server.store.access import graph_access
from server.web.app import EXTENSION, create_app

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
RETIRED_FIXTURE = FIXTURES / "retired" / "retired.ttl"
TOKEN = "linked-data-test-token"
STAFF = {"Authorization": f"Bearer {TOKEN}"}
RDF_FORMATS = [m for m in DESCRIPTION_FORMATS if m.rdf_format is not None]


def retired_file():
    """data/retired.ttl when the data have one, else the test's small list."""
    bundled = PROJECT_ROOT / "data" / "retired.ttl"
    return bundled if bundled.is_file() else RETIRED_FIXTURE


@pytest.fixture(scope="module")
def app(settings):
    data = (
        settings.data if retired_file().parent.name == "data" else (*settings.data, RETIRED_FIXTURE)
    )
    app = create_app(replace(settings, data=data, workers=0, tokens=(TOKEN,)))
    yield app
    app.extensions[EXTENSION]["query_service"].close()


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def store(app):
    return app.extensions[EXTENSION]["query_service"].store


@pytest.fixture(scope="module")
def public_iris(store):
    return described_resources(store, BASE, ("id", "graph"), graph_access(store).visible(False))


@pytest.fixture(scope="module")
def cluster(store) -> str:
    """A thing with own triples, incoming links and labelled neighbours: some mkg:Cluster."""
    rows = store.query(f"SELECT ?c WHERE {{ ?c a <{DEF}Cluster> }} ORDER BY ?c LIMIT 1")
    return next(iter(rows))["c"].value


def path_of(iri: str) -> str:
    assert iri.startswith(BASE)
    return "/" + iri.removeprefix(BASE)


def parse(body: bytes, media: formats.MediaType) -> set[ox.Triple]:
    return {q.triple for q in ox.parse(body, format=media.rdf_format, base_iri="http://x/")}


def test_every_public_iri_answers_303_to_its_document(client, public_iris):
    assert len(public_iris) > 50
    for iri in public_iris:
        response = client.get(path_of(iri), headers={"Accept": "text/turtle"})
        assert response.status_code == 303, iri
        part = iri.removeprefix(BASE)
        assert response.headers["Location"] == f"http://localhost/doc/{part}.ttl"
        assert "Accept" in response.headers["Vary"]


@pytest.mark.parametrize("media", DESCRIPTION_FORMATS, ids=lambda m: m.extension)
def test_accept_and_suffix_choose_the_format(client, cluster, media):
    part = cluster.removeprefix(BASE)
    redirect = client.get(f"/{part}", headers={"Accept": media.name})
    assert redirect.status_code == 303
    assert redirect.headers["Location"] == f"http://localhost/doc/{part}.{media.extension}"
    by_suffix = client.get(f"/doc/{part}.{media.extension}")
    assert by_suffix.status_code == 200 and by_suffix.mimetype == media.name
    generic = client.get(f"/doc/{part}", headers={"Accept": media.name})
    assert generic.data == by_suffix.data and "Accept" in generic.headers["Vary"]
    assert generic.headers["Content-Location"].endswith(f"/doc/{part}.{media.extension}")
    links = by_suffix.headers["Link"]
    for other in DESCRIPTION_FORMATS:
        assert (
            f'<http://localhost/doc/{part}.{other.extension}>; rel="alternate"; type="{other.name}"'
            in links
        )
    # on the thing's IRI, with the suffix: the same redirect
    suffixed = client.get(f"/{part}.{media.extension}")
    assert (
        suffixed.status_code == 303 and suffixed.headers["Location"] == redirect.headers["Location"]
    )


def test_the_description_is_the_same_in_every_rdf_format(client, store, cluster):
    from pyld import jsonld

    part = cluster.removeprefix(BASE)
    documents = {m.extension: client.get(f"/doc/{part}.{m.extension}").data for m in RDF_FORMATS}
    sets = {m.extension: parse(documents[m.extension], m) for m in RDF_FORMATS}
    # the same graph (blank nodes compared by structure: a writer may relabel them)
    for extension in ("ttl", "jsonld", "rdf"):
        assert _isomorphic(sets[extension], sets["nt"]), extension
    # the rule: own triples, incoming links, labels of neighbours, graph records
    kg = store.oxigraph
    subject = ox.NamedNode(cluster)
    visible = {ox.NamedNode(g) for g in graph_access(store).visible(False)}
    own = {q.triple for q in kg.quads_for_pattern(subject, None, None) if q.graph_name in visible}
    incoming = {
        q.triple for q in kg.quads_for_pattern(None, None, subject) if q.graph_name in visible
    }
    assert own and incoming and own | incoming <= sets["nt"]
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    neighbours = {t.object for t in own if isinstance(t.object, ox.NamedNode)}
    labelled = {t.subject for t in sets["nt"] if t.predicate == label} & neighbours
    assert labelled, "the labels of the neighbours are in the description"
    # a JSON-LD processor: the @context expands to the same triples
    compacted = json.loads(documents["jsonld"])
    assert "@context" in compacted and "mkg" in compacted["@context"]
    nquads = jsonld.to_rdf(compacted, {"format": "application/n-quads"})
    assert _isomorphic(parse(nquads.encode(), formats.N_TRIPLES), sets["nt"])  # pyld relabels
    # the page shows the same: label, every literal of the own triples
    page = client.get(f"/doc/{part}.html").get_data(as_text=True)
    for t in own:
        if isinstance(t.object, ox.Literal):
            assert t.object.value.replace("&", "&amp;") in page, t
    assert '<link rel="alternate" type="text/turtle"' in page


def test_unknown_iri_is_404_in_the_format_asked_for(client):
    for media in DESCRIPTION_FORMATS:
        for path in ("/id/cluster/no-such-cluster", "/doc/id/cluster/no-such-cluster"):
            response = client.get(path, headers={"Accept": media.name})
            assert response.status_code == 404, path
            assert response.mimetype == media.name
            if media.rdf_format is not None:
                assert parse(response.data, media) == set()
    assert client.get("/id/x%3Ey").status_code == 404  # no IRI at all: 404, not 500
    assert client.get("/def/NoSuchTerm", headers={"Accept": "text/turtle"}).status_code == 404


def test_a_retired_iri_is_410_with_its_replacement(client):
    graph = rdflib.Graph().parse(retired_file())
    deprecated = rdflib.URIRef(OWL + "deprecated")
    # a thing of ours (/id/…): retired ontology terms are the ontology documentation's
    old = next(
        s for s in sorted(graph.subjects(deprecated, rdflib.Literal(True))) if "/id/" in str(s)
    )
    new = graph.value(old, rdflib.URIRef("http://purl.org/dc/terms/isReplacedBy"))
    for media in DESCRIPTION_FORMATS:
        response = client.get(path_of(str(old)), headers={"Accept": media.name})
        assert response.status_code == 410 and response.mimetype == media.name
        if new is not None:
            assert f"<http://localhost{path_of(str(new))}>" in response.headers["Link"]
        if media.rdf_format is not None:
            triples = parse(response.data, media)
            assert (
                ox.Triple(
                    ox.NamedNode(str(old)), ox.NamedNode(OWL + "deprecated"), ox.Literal(True)
                )
                in triples
            )


def test_etag_from_the_data_version_and_304(client, cluster):
    part = cluster.removeprefix(BASE)
    first = client.get(f"/doc/{part}.ttl")
    etag = first.headers["ETag"]
    again = client.get(f"/doc/{part}.ttl", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["ETag"] == etag
    other = client.get(f"/doc/{part}.nt")
    assert other.headers["ETag"] != etag


def test_pages_link_to_this_host_not_to_the_production_namespace(client, cluster):
    part = cluster.removeprefix(BASE)
    page = client.get(f"/doc/{part}.html", base_url="http://example.test:8123/").get_data(
        as_text=True
    )
    assert 'href="http://example.test:8123/id/' in page
    assert f'href="{BASE}id/' not in page
    assert cluster in page  # the IRI itself is shown as it is


def test_restricted_things_are_404_to_the_public_and_answer_with_the_token(client, store):
    access = graph_access(store)
    restricted_only = sorted(
        iri
        for iri in set(described_resources(store, BASE, ("id",), access.visible(True)))
        - set(described_resources(store, BASE, ("id",), access.visible(False)))
        if not retirement(store, iri)[0]
    )
    assert restricted_only
    for iri in restricted_only:
        assert client.get(path_of(iri)).status_code == 404
        assert client.get(path_of(iri), headers=STAFF).status_code == 303
        staff = client.get("/doc" + path_of(iri) + ".ttl", headers=STAFF)
        assert staff.status_code == 200 and "private" in staff.headers["Cache-Control"]


def test_the_ontology_by_pylode_and_in_every_rdf_format(client, store):
    term = next(
        iter(
            store.query(
                f"SELECT ?t WHERE {{ ?t a <{OWL}Class> FILTER(STRSTARTS(STR(?t), '{DEF}')) }} "
                "ORDER BY ?t LIMIT 1"
            )
        )
    )["t"].value
    html = client.get(path_of(term), headers={"Accept": "text/html"})
    assert html.status_code == 303 and html.headers["Location"].startswith(
        "http://localhost/doc/def.html#"
    )
    page = client.get("/doc/def.html")
    assert page.status_code == 200 and term in page.get_data(as_text=True)
    anchor = html.headers["Location"].partition("#")[2]
    assert f'id="{anchor}"' in page.get_data(as_text=True)
    assert "pyLODE" in page.get_data(as_text=True)
    for media in RDF_FORMATS:
        redirect = client.get("/def/", headers={"Accept": media.name})
        assert redirect.headers["Location"] == f"http://localhost/doc/def.{media.extension}"
        document = client.get(f"/doc/def.{media.extension}")
        triples = parse(document.data, media)
        assert (
            ox.Triple(ox.NamedNode(DEF), ox.NamedNode(RDF + "type"), ox.NamedNode(OWL + "Ontology"))
            in triples
        )


# --- real clients on a live server ---------------------------------------------------------


@pytest.fixture(scope="module")
def live(start_server):
    return start_server().url


def test_rdflib_follows_the_303(live, cluster):
    graph = rdflib.Graph()
    graph.parse(live + path_of(cluster))
    assert (rdflib.URIRef(cluster), rdflib.RDF.type, rdflib.URIRef(DEF + "Cluster")) in graph


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
@pytest.mark.parametrize("media", DESCRIPTION_FORMATS, ids=lambda m: m.extension)
def test_curl_follows_the_redirect_with_each_accept(live, cluster, media):
    result = subprocess.run(
        [
            "curl",
            "-sSL",
            "-H",
            f"Accept: {media.name}",
            "-w",
            "\n%{content_type}\n%{http_code}",
            live + path_of(cluster),
        ],
        capture_output=True,
        check=True,
        timeout=60,
    )
    body, content_type, status = result.stdout.rsplit(b"\n", 2)
    assert status == b"200" and content_type.decode().split(";")[0] == media.name
    if media.rdf_format is not None:
        assert ox.NamedNode(cluster) in {t.subject for t in parse(body, media)}
    else:
        assert cluster.encode() in body


def test_pyld_expands_the_live_json_ld(live, cluster):
    from pyld import jsonld

    request = urllib.request.Request(
        live + path_of(cluster), headers={"Accept": "application/ld+json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.url.endswith(".jsonld")
        document = json.loads(response.read())
    expanded = jsonld.expand(document)
    ids = {node.get("@id") for node in expanded}
    assert cluster in ids


def test_the_source_passage_is_part_of_the_description(settings, tmp_path):
    """A Web Annotation quoting the source for a thing: its oa:exact text is shown on the page
    and written in the RDF (the provenance part of the description rule)."""
    data = tmp_path / "annotated.ttl"
    data.write_text(
        f"""@prefix oa: <http://www.w3.org/ns/oa#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <{BASE}id/test/thing> rdfs:label "A thing"@en .
        <{BASE}id/annotation/a1> a oa:Annotation ;
            oa:hasBody <{BASE}id/test/thing> ;
            oa:hasTarget [ oa:hasSource <{BASE}id/document/source> ;
                oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "Vier Kompetenzfelder" ] ] .
        """,
        encoding="utf-8",
    )
    app = create_app(replace(settings, ontology=(), data=(data,), workers=0))
    client = app.test_client()
    page = client.get("/doc/id/test/thing.html").get_data(as_text=True)
    assert "<blockquote" in page and "Vier Kompetenzfelder" in page
    turtle = client.get("/doc/id/test/thing.nt").data
    exact = ox.NamedNode("http://www.w3.org/ns/oa#exact")
    assert ox.Literal("Vier Kompetenzfelder") in {
        t.object for t in parse(turtle, formats.N_TRIPLES) if t.predicate == exact
    }


GREEN = "/doc/id/cluster/green-industry"


def test_the_resource_page_is_in_the_chosen_language(client):
    german = client.get(f"{GREEN}.html?lang=de").get_data(as_text=True)
    english = client.get(f"{GREEN}.html?lang=en").get_data(as_text=True)
    # the site's layout: header, language switch, stylesheet, footer
    for page, lang, other in ((german, "de", "en"), (english, "en", "de")):
        assert f'<html lang="{lang}">' in page
        assert f'href="{GREEN}.html?lang={other}" hreflang="{other}"' in page
        assert 'rel="stylesheet" href="/static/site.' in page and '<footer class="site">' in page
    # a neighbour's label in that language (the data have both)
    unit = 'href="http://localhost/id/unit/clustermanagement-green-industry">'
    assert unit + "Clustermanagement Green Industry Cluster</a>" in german
    assert unit + "Cluster management of the Green Industry Cluster</a>" in english
    # a property by its ontology label (rdfs:label of mkg:clusterManagement), else its CURIE
    link = 'href="http://localhost/def/clusterManagement" title="mkg:clusterManagement">'
    assert link + "Clustermanagement</a>" in german
    assert link + "cluster management</a>" in english
    assert 'title="dct:description">dct:description</a>' in english
    # the interface's words
    assert '<h2 id="properties-heading">Eigenschaften</h2>' in german
    assert '<h2 id="properties-heading">Properties</h2>' in english
    # a cookie remembers ?lang=; Accept-Language decides without either
    fresh = create_app_client(client)
    assert '<html lang="en">' in fresh.get(
        f"{GREEN}.html", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)


def create_app_client(client):
    """A second client of the same app (no cookies)."""
    return client.application.test_client()


def test_the_resource_page_groups_types_properties_and_incoming_links(client):
    page = client.get(f"{GREEN}.html?lang=en").get_data(as_text=True)
    types = page.index("<p>Type: ")
    properties = page.index('id="properties-heading"')
    incoming = page.index('id="incoming-heading"')
    provenance = page.index('id="provenance-heading"')
    assert types < properties < incoming < provenance
    # types are not repeated as a property row; the rows are sorted by their label
    rows = re.findall(r'<tr><th scope="row"><a [^>]*>([^<]+)</a></th>', page[properties:incoming])
    assert "rdf:type" not in rows and rows == sorted(rows, key=str.casefold)
    assert {"cluster management", "competence field", "rdfs:label"} <= set(rows)
    # incoming links: one group per property, each subject linked to its local page
    assert (
        '<dt><a href="http://localhost/def/relatedCluster" title="mkg:relatedCluster">'
        "related cluster</a></dt>" in page
    )
    assert '<dd><a href="http://localhost/id/measure/gruendung-green-industry-cluster-ev">' in page
    # the source passages as quotations
    assert re.search(
        r'<blockquote class="passage" lang="de"><p>Der Schwerpunkt der Arbeit des Green '
        r"Industry Clusters",
        page,
    )


def test_the_resource_page_links_every_format_and_the_editor(client):
    page = client.get(f"{GREEN}.html?lang=de").get_data(as_text=True)
    for media in DESCRIPTION_FORMATS:
        url = f"http://localhost{GREEN}.{media.extension}"
        assert f'<link rel="alternate" type="{media.name}" href="{url}"' in page
        if media.rdf_format is not None:
            assert f'<a href="{url}" type="{media.name}">{media.label}</a>' in page
    editor = (
        "/sparql#query=DESCRIBE+%3Chttps%3A%2F%2Fw3id.org%2Fmannheim-kg%2Fid%2Fcluster"
        "%2Fgreen-industry%3E"
    )
    assert f'<a href="{editor}">Im Editor öffnen (DESCRIBE)</a>' in page
    # the editor page takes its start query from #query= (editor.js); ?query= runs the protocol
    editor_js = (PROJECT_ROOT / "server" / "web" / "static" / "editor.js").read_text()
    assert 'URLSearchParams(window.location.hash.slice(1)).get("query")' in editor_js


def test_the_language_changes_only_the_html(client):
    for media in RDF_FORMATS:
        path = f"{GREEN}.{media.extension}"
        plain = client.application.test_client().get(path)
        for headers, query in (({"Accept-Language": "en"}, "?lang=en"), ({}, "?lang=de")):
            other = client.application.test_client().get(path + query, headers=headers)
            if media is formats.JSON_LD:  # JSON-LD numbers its blank nodes afresh each time
                assert ground(other.data, media) == ground(plain.data, media)
            else:
                assert other.data == plain.data, media.name
            assert other.headers["ETag"] == plain.headers["ETag"]
    html_de = client.get(f"{GREEN}.html?lang=de")
    html_en = client.get(f"{GREEN}.html?lang=en")
    assert html_de.headers["ETag"] != html_en.headers["ETag"]
    assert "Accept-Language" in html_de.headers["Vary"]


def ground(body: bytes, media: formats.MediaType) -> tuple[int, set[ox.Triple]]:
    """How many triples a document holds, and those without a blank node."""
    triples = parse(body, media)
    blank = ox.BlankNode
    return len(triples), {
        t for t in triples if not isinstance(t.subject, blank) and not isinstance(t.object, blank)
    }


def test_the_404_and_410_pages_are_site_pages_in_the_chosen_language(client):
    german = client.get("/doc/id/cluster/no-such-cluster.html?lang=de")
    english = client.get("/doc/id/cluster/no-such-cluster.html?lang=en")
    assert german.status_code == english.status_code == 404
    iri = f"<code>{BASE}id/cluster/no-such-cluster</code>"
    assert "<h1>404 Nicht gefunden</h1>" in german.get_data(as_text=True)
    assert f"{iri}: in diesem Datensatz nicht beschrieben." in german.get_data(as_text=True)
    assert f"{iri}: not described in this dataset." in english.get_data(as_text=True)
    assert '<header class="site">' in english.get_data(as_text=True)
    assert 'href="?lang=de" hreflang="de"' in english.get_data(as_text=True)
    graph = rdflib.Graph().parse(retired_file())
    deprecated = graph.subjects(rdflib.URIRef(OWL + "deprecated"), rdflib.Literal(True))
    old = next(s for s in sorted(deprecated) if str(s).startswith(BASE + "id/"))
    gone = client.get(path_of(str(old)) + "?lang=en", headers={"Accept": "text/html"})
    assert gone.status_code == 410
    assert "<h1>410 Gone</h1>" in gone.get_data(as_text=True)


def _isomorphic(left: set, right: set) -> bool:
    from rdflib.compare import isomorphic

    def graph(triples):
        return rdflib.Graph().parse(
            data=ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES), format="nt"
        )

    return isomorphic(graph(left), graph(right))
