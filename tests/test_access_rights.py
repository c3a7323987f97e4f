"""Access rights enforced: restricted graphs are left out of every public answer.

The rule (server.store.access): a graph is public iff the records graph <…/graph/source>
says `dct:accessRights access:PUBLIC` of it. Everything here is derived from the data (which
graphs are restricted, which terms only they hold), not from today's counts, so the tests
keep their meaning when the data change.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest

from server.catalogue.catalogue import Catalogue
from server.config import load_settings
from server.rdf import formats
from server.rdf.namespace import GRAPH, THING_PREFIXES
from server.services.querying import QueryJob, evaluate
from server.store.access import (
    NO_GRAPH,
    dataset_clause,
    graph_access,
    public_dataset,
    public_view,
)
from server.web.app import EXTENSION, create_app

TOKEN = "s3cr3t-staff-token-for-tests"
STAFF = {"Authorization": f"Bearer {TOKEN}"}
TEL_IRI = re.compile(r"tel:\+?[0-9]")
VCARD_HAS_VALUE = "http://www.w3.org/2006/vcard/ns#hasValue"


@pytest.fixture(scope="module")
def access(kg_store):
    return graph_access(kg_store)


@pytest.fixture(scope="module")
def restricted_graph(access) -> str:
    assert access.restricted, "the bundled data have a restricted graph (contact details)"
    return access.restricted[0]


@pytest.fixture(scope="module")
def secrets(kg_store, access) -> set[str]:
    """Text that only restricted graphs hold: their terms that no public graph uses, as
    they may be written (full IRI, prefixed name, literal text)."""
    kg = kg_store.oxigraph
    restricted = {ox.NamedNode(g) for g in access.restricted}
    public = {ox.NamedNode(g) for g in access.public if g in access.graphs}

    def terms(graphs) -> set:
        found = set()
        for graph in graphs:
            for quad in kg.quads_for_pattern(None, None, None, graph):
                found.update((quad.subject, quad.object))
        return found

    only = terms(restricted) - terms(public)
    texts: set[str] = set()
    for term in only:
        if isinstance(term, ox.Literal):
            texts.add(term.value)
        elif isinstance(term, ox.NamedNode):
            texts.add(term.value)
            for prefix, namespace in THING_PREFIXES.items():
                if term.value.startswith(namespace):
                    texts.add(f"{prefix}:{term.value.removeprefix(namespace)}")
    assert texts
    return texts


@pytest.fixture(scope="module")
def restricted_triples(kg_store, access) -> set[ox.Triple]:
    kg = kg_store.oxigraph
    public = {ox.NamedNode(g) for g in access.public if g in access.graphs}
    triples = set()
    for graph in access.restricted:
        for quad in kg.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
            s, p, o = quad.subject, quad.predicate, quad.object
            if not any(next(kg.quads_for_pattern(s, p, o, g), None) for g in public):
                triples.add(quad.triple)
    assert triples
    return triples


@pytest.fixture(scope="module")
def app(settings):
    """Inline queries (no worker pool) and one configured token."""
    return create_app(replace(settings, tokens=(TOKEN,), workers=0))


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


def assert_public(body: bytes, secrets: set[str], where: str) -> None:
    text = body.decode("utf-8", errors="replace")
    assert not TEL_IRI.search(text), where
    leaked = sorted(s for s in secrets if s in text)
    assert not leaked, f"{where} leaks {leaked[:3]}"


def assert_no_restricted_triples(body: bytes, media: formats.MediaType, restricted, where):
    if media.rdf_format is None:
        return
    parsed = ox.parse(body, format=media.rdf_format, base_iri="http://localhost/")
    found = {q.triple for q in parsed} & restricted
    assert not found, f"{where} holds restricted triples {sorted(map(str, found))[:2]}"


def probe_queries(restricted_graph: str, secret_subject: str) -> list[tuple[str, dict]]:
    """Queries that try every way into a restricted graph, with protocol parameters."""
    name = restricted_graph.removeprefix(GRAPH)
    escaped = restricted_graph.replace("-", "\\u002D")
    return [
        ("SELECT * WHERE { ?s ?p ?o }", {}),
        ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", {}),
        (f"SELECT * FROM <{restricted_graph}> WHERE {{ ?s ?p ?o }}", {}),
        (f"SELECT * FROM NAMED <{restricted_graph}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", {}),
        (f"PREFIX graph: <{GRAPH}> SELECT * FROM graph:{name} WHERE {{ ?s ?p ?o }}", {}),
        (f"BASE <{GRAPH}> SELECT * FROM <{name}> WHERE {{ ?s ?p ?o }}", {}),
        (f"SELECT * FROM <{escaped}> WHERE {{ ?s ?p ?o }}", {}),
        (f"SELECT * WHERE {{ GRAPH <{restricted_graph}> {{ ?s ?p ?o }} }}", {}),
        ("SELECT * WHERE { ?s ?p ?o }", {"default-graph-uri": restricted_graph}),
        (
            "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",
            {"named-graph-uri": restricted_graph, "default-graph-uri": restricted_graph},
        ),
        ("CONSTRUCT WHERE { ?s ?p ?o }", {}),
        (f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{restricted_graph}> {{ ?s ?p ?o }} }}", {}),
        (f"CONSTRUCT {{ ?s ?p ?o }} FROM <{restricted_graph}> WHERE {{ ?s ?p ?o }}", {}),
        (f"DESCRIBE <{secret_subject}>", {}),
        ("DESCRIBE ?s WHERE { ?s ?p ?o }", {}),
        (f"ASK FROM <{restricted_graph}> {{ ?s ?p ?o }}", {}),
    ]


@pytest.fixture(scope="module")
def secret_subject(kg_store, restricted_graph) -> str:
    quad = next(
        iter(kg_store.oxigraph.quads_for_pattern(None, ox.NamedNode(VCARD_HAS_VALUE), None))
    )
    return quad.subject.value


def test_every_sparql_probe_in_every_format_is_public_only(
    client, restricted_graph, secret_subject, secrets, restricted_triples
):
    asked = 0
    for query, params in probe_queries(restricted_graph, secret_subject):
        kind = "boolean" if query.startswith("ASK") else None
        kind = kind or ("graph" if query.split()[0] in ("CONSTRUCT", "DESCRIBE") else "solutions")
        for media in formats.media_types_for(kind):
            response = client.get(
                "/sparql",
                query_string={"query": query, **params},
                headers={"Accept": media.content_type.split(";")[0]},
            )
            where = f"{query} {params} as {media.name}"
            assert response.status_code == 200, where + response.get_data(as_text=True)
            assert_public(response.data, secrets, where)
            assert_no_restricted_triples(response.data, media, restricted_triples, where)
            asked += 1
    assert asked > 50


def test_a_restricted_graph_asked_for_by_name_is_empty_not_an_error(client, restricted_graph):
    response = client.get(
        "/sparql",
        query_string={"query": f"ASK FROM <{restricted_graph}> {{ ?s ?p ?o }}"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200 and response.get_json()["boolean"] is False
    staff = client.get(
        "/sparql",
        query_string={"query": f"ASK FROM <{restricted_graph}> {{ ?s ?p ?o }}"},
        headers={"Accept": "application/sparql-results+json", **STAFF},
    )
    assert staff.status_code == 200 and staff.get_json()["boolean"] is True
    assert "private" in staff.headers["Cache-Control"]
    assert "Authorization" in staff.headers["Vary"]
    assert response.headers["ETag"] != staff.headers["ETag"]


def example_values(query, secret_subject: str) -> list[dict[str, str]]:
    """Parameter sets for a catalogue query: its defaults, and each IRI parameter aimed at a
    thing of a restricted graph (enums: every allowed value)."""
    sets: list[dict[str, str]] = [{}]
    for parameter in query.parameters:
        if parameter.enum:
            sets += [{parameter.name: value} for value in parameter.enum]
        elif parameter.type == "iri":
            sets.append({parameter.name: secret_subject})
        elif parameter.type in ("string", "text"):
            sets.append({parameter.name: "e"})
    required = {p.name: (p.enum[0] if p.enum else "e") for p in query.parameters if p.required}
    return [{**required, **values} for values in sets]


def test_every_catalogue_query_in_every_format_is_public_only(
    client, settings, secret_subject, secrets, restricted_triples
):
    catalogue = Catalogue.from_folder(settings.queries)
    answered = 0
    for query in catalogue:
        kind = formats.RESULT_KINDS[query.form]
        for values in example_values(query, secret_subject):
            for media in formats.media_types_for(kind):
                response = client.get(
                    f"/api/queries/{query.name}",
                    query_string=values,
                    headers={"Accept": media.content_type.split(";")[0]},
                )
                where = f"/api/queries/{query.name} {values} as {media.name}"
                assert response.status_code in (200, 400), where
                answered += response.status_code == 200
                assert_public(response.data, secrets, where)
                assert_no_restricted_triples(response.data, media, restricted_triples, where)
    assert answered > len(catalogue)


def test_every_plain_route_in_every_format_is_public_only(app, client, secrets):
    """Every GET route without URL variables (pages, service description, health, and what
    later blueprints add), in each media type we write and as HTML."""
    routes = sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and not rule.arguments and rule.endpoint != "static"
    )
    assert "/sparql" in routes and "/healthz" in routes
    accepts = ["text/html", "*/*", *(m.content_type.split(";")[0] for m in formats.MEDIA_TYPES)]
    for route in routes:
        for accept in accepts:
            response = client.get(route, headers={"Accept": accept})
            assert response.status_code < 500, route
            assert_public(response.data, secrets, f"{route} as {accept}")


def test_with_the_token_the_contacts_query_returns_every_phone_number(client, kg_store, access):
    numbers = {
        quad.object.value
        for graph in access.restricted
        for quad in kg_store.oxigraph.quads_for_pattern(
            None, ox.NamedNode(VCARD_HAS_VALUE), None, ox.NamedNode(graph)
        )
    }
    assert numbers and all(n.startswith("tel:") for n in numbers)
    accept = {"Accept": "application/sparql-results+json"}
    staff = client.get("/api/queries/contacts", headers={**accept, **STAFF})
    assert staff.status_code == 200
    phones = {
        row["phone"]["value"] for row in staff.get_json()["results"]["bindings"] if "phone" in row
    }
    assert phones == numbers
    public = client.get("/api/queries/contacts", headers=accept)
    rows = public.get_json()["results"]["bindings"]
    assert rows and not any("phone" in row for row in rows)  # the persons, not their numbers


def test_a_wrong_token_is_401_and_not_echoed(client, caplog):
    caplog.set_level(logging.DEBUG)
    wrong = "not-the-token-" + TOKEN[::-1]
    response = client.get("/sparql?query=ASK{}", headers={"Authorization": f"Bearer {wrong}"})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith('Bearer realm="mannheim-kg"')
    assert wrong not in response.get_data(as_text=True) and TOKEN not in caplog.text
    assert wrong not in caplog.text
    # another scheme is no bearer token: a public caller
    basic = client.get("/healthz", headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert basic.status_code == 200 and basic.get_json()["access"] == "public"


def test_service_description_and_healthz_say_which_graphs_the_caller_sees(
    client, access, restricted_graph
):
    public = client.get("/healthz").get_json()
    staff = client.get("/healthz", headers=STAFF).get_json()
    assert public["access"] == "public" and staff["access"] == "authorised"
    assert public["visible_graphs"] == list(access.visible(authorised=False))
    assert staff["visible_graphs"] == list(access.visible(authorised=True))
    assert restricted_graph in staff["visible_graphs"]
    assert restricted_graph not in public["visible_graphs"]
    assert staff["triples"] > public["triples"]
    sd = client.get("/sparql", headers={"Accept": "text/turtle"}).get_data(as_text=True)
    sd_staff = client.get("/sparql", headers={"Accept": "text/turtle", **STAFF})
    assert restricted_graph not in sd and restricted_graph in sd_staff.get_data(as_text=True)


def test_the_worker_pool_enforces_it_too(settings, restricted_graph):
    """The query worker processes open the dataset themselves: the same rule there."""
    app = create_app(replace(settings, tokens=(TOKEN,), workers=1))
    try:
        client = app.test_client()
        query = {"query": f"ASK {{ GRAPH <{restricted_graph}> {{ ?s ?p ?o }} }}"}
        accept = {"Accept": "application/sparql-results+json"}
        public = client.get("/sparql", query_string=query, headers=accept)
        staff = client.get("/sparql", query_string=query, headers={**accept, **STAFF})
        assert public.get_json()["boolean"] is False and staff.get_json()["boolean"] is True
    finally:
        app.extensions[EXTENSION]["query_service"].close()


def test_evaluate_is_public_unless_the_job_is_authorised(kg_store, restricted_graph):
    query = f"ASK {{ GRAPH <{restricted_graph}> {{ ?s ?p ?o }} }}"
    media = formats.media_types_for("boolean")[0].name
    assert (
        json.loads(evaluate(kg_store, QueryJob(query, media_types=(("boolean", media),))).body)[
            "boolean"
        ]
        is False
    )
    authorised = evaluate(
        kg_store, QueryJob(query, media_types=(("boolean", media),), authorised=True)
    )
    assert json.loads(authorised.body)["boolean"] is True


def test_public_callers_query_a_copy_of_the_public_graphs_alone(settings, access, restricted_graph):
    """The query workers keep a store of the public graphs (faster than an explicit dataset of
    them): the same answers as the explicit public dataset, whatever graphs the query names."""
    from server.store.oxigraph import OxigraphStore

    plain = OxigraphStore.from_paths(settings.sources)
    assert public_view(plain) is None  # not asked for: the explicit public dataset applies
    store = OxigraphStore.from_paths(settings.sources)
    store.keeps_public_view = True
    view = public_view(store)
    assert view is not store and public_view(store) is view and view.version == store.version
    sizes = store.graph_sizes()
    assert view.graph_sizes() == {g: n for g, n in sizes.items() if g in access.public}
    assert restricted_graph not in view.graph_sizes()
    media = (("solutions", formats.SPARQL_JSON.name), ("boolean", formats.SPARQL_JSON.name))
    queries = [
        ("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", None, None),
        (
            "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
            None,
            None,
        ),
        (f"SELECT (COUNT(*) AS ?n) FROM <{restricted_graph}> {{ ?s ?p ?o }}", None, None),
        (f"ASK {{ GRAPH <{restricted_graph}> {{ ?s ?p ?o }} }}", None, None),
        ("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", (restricted_graph, *access.public), None),
        ("SELECT ?g { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", None, (restricted_graph,)),
    ]
    for query, default_graph, named_graphs in queries:
        job = QueryJob(
            query, default_graph=default_graph, named_graphs=named_graphs, media_types=media
        )
        assert evaluate(store, job).body == evaluate(plain, job).body, query


def test_a_store_whose_graphs_are_all_public_is_its_own_view(tmp_path):
    from server.store.oxigraph import OxigraphStore

    data = tmp_path / "people.ttl"
    data.write_text("<http://example.org/a> <http://example.org/p> 1 .\n", encoding="utf-8")
    store = OxigraphStore.from_paths([data])
    store.keeps_public_view = True
    assert public_view(store) is store


def test_dataset_clause_reads_from_and_from_named():
    text = """PREFIX g: <http://example.org/g/>  # FROM <http://example.org/comment>
    BASE <http://example.org/base/>
    SELECT * FROM g:one FROM <two> FROM NAMED <http://example.org/three>
    WHERE { ?s ?p "FROM <http://example.org/string>" }"""
    assert dataset_clause(text) == (
        ["http://example.org/g/one", "http://example.org/base/two"],
        ["http://example.org/three"],
    )
    assert dataset_clause("SELECT * { ?s ?p ?o }") is None


def test_public_dataset_keeps_only_visible_graphs():
    visible = ["http://g/a", "http://g/b"]
    assert public_dataset("SELECT * {}", visible).default_graph == ("http://g/a", "http://g/b")
    chosen = public_dataset("SELECT * FROM <http://g/secret> {}", visible)
    assert chosen.default_graph == (NO_GRAPH,) and chosen.named_graphs == (NO_GRAPH,)
    protocol = public_dataset(
        "SELECT * FROM <http://g/a> {}", visible, named_graphs=["http://g/b", "http://g/secret"]
    )
    assert protocol.default_graph == (NO_GRAPH,) and protocol.named_graphs == ("http://g/b",)


def test_data_without_access_records_are_all_public(tmp_path):
    data = tmp_path / "people.ttl"
    data.write_text("<http://example.org/a> <http://example.org/p> 1 .\n", encoding="utf-8")
    from server.store.oxigraph import OxigraphStore

    store = OxigraphStore.from_paths([data])
    assert graph_access(store).visible(authorised=False) == (GRAPH + "people",)


def test_tokens_from_the_environment_and_a_file_and_never_in_a_repr(tmp_path):
    from server.web.authorisation import access_tokens

    file = tmp_path / "tokens"
    file.write_text("# staff\nfile-token\n\n", encoding="utf-8")
    settings = load_settings(
        {"token_file": str(file)}, environ={"MANNHEIM_KG_TOKENS": "token-one, token-two"}
    )
    assert access_tokens(settings) == (b"token-one", b"token-two", b"file-token")
    assert "token-one" not in repr(settings) and "token-two" not in repr(settings)


def test_a_live_server_never_logs_the_token(tmp_path):
    """gunicorn's access log and the app's log, with a right and a wrong token."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "server.log"
    env = {**os.environ, "MANNHEIM_KG_TOKENS": TOKEN}
    command = [str(Path(sys.executable).with_name("mannheim-kg")), "serve", "--port", str(port)]
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).close()
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        request = urllib.request.Request(base + "/healthz", headers=STAFF)
        with urllib.request.urlopen(request, timeout=10) as response:
            assert json.loads(response.read())["access"] == "authorised"
        wrong = urllib.request.Request(
            base + "/sparql?query=ASK%7B%7D", headers={"Authorization": "Bearer wrong-" + TOKEN}
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(wrong, timeout=10)
        assert refused.value.code == 401
        refused.value.close()
    finally:
        process.terminate()
        process.wait(20)
    text = log.read_text(errors="replace")
    assert "GET /healthz" in text  # the access log is on
    assert TOKEN not in text


def test_every_resource_page_dump_and_graph_read_is_public_only(
    client, kg_store, access, secrets, restricted_triples
):
    """The pages of every public IRI in every format, the dumps, the Graph Store reads."""
    import gzip

    from server.publish.describe import described_resources
    from server.publish.documents import DESCRIPTION_FORMATS
    from server.rdf.namespace import BASE

    iris = described_resources(kg_store, BASE, ("id", "graph"), access.visible(True))
    near = {t.subject.value for t in restricted_triples} | {
        t.object.value for t in restricted_triples if isinstance(t.object, ox.NamedNode)
    }
    assert iris and near
    # every IRI as HTML and N-Triples (the formats hold the same description: see
    # test_linked_data); those the restricted graphs mention in every format
    for iri in iris:
        part = iri.removeprefix(BASE)
        chosen = DESCRIPTION_FORMATS if iri in near else (formats.HTML, formats.N_TRIPLES)
        for media in chosen:
            response = client.get(f"/doc/{part}.{media.extension}")
            assert response.status_code in (200, 404, 410), iri
            where = f"/doc/{part}.{media.extension}"
            if response.status_code == 404:  # exactly what an IRI that never existed gets
                unknown = f"{BASE}id/never-existed"
                other = client.get(f"/doc/id/never-existed.{media.extension}")
                assert response.data.replace(iri.encode(), b"X") == other.data.replace(
                    unknown.encode(), b"X"
                )
                continue
            assert_public(response.data, secrets, where)
            assert_no_restricted_triples(response.data, media, restricted_triples, where)
    index = client.get("/download/").get_data(as_text=True)
    names = re.findall(r'href="(mannheim-kg\.[a-z]+\.gz)"', index)
    assert len(names) == 5
    for name in names:
        body = gzip.decompress(client.get(f"/download/{name}").data)
        assert_public(body, secrets, name)
    for graph in (*access.graphs, "default"):
        query = {"default": ""} if graph == "default" else {"graph": graph}
        for media in formats.media_types_for(formats.GRAPH):
            response = client.get("/sparql", query_string=query, headers={"Accept": media.name})
            assert response.status_code in (200, 404)
            assert_public(response.data, secrets, f"GSP {graph} as {media.name}")
    staff = client.get("/sparql", query_string={"graph": access.restricted[0]}, headers=STAFF)
    assert staff.status_code == 200 and TEL_IRI.search(staff.get_data(as_text=True))
