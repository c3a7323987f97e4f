"""Nothing lost in our layer: the W3C SPARQL 1.1 query-evaluation tests (14 categories, copied
into tests/fixtures/w3c/sparql11-query/ with their licence) run through our HTTP endpoint (the
Flask test client, workers=0) and through pyoxigraph alone; ours passes at least as many, and
exactly the same ones (the differences, if any, are listed in docs/load.md).

Each test's dataset is loaded once: qt:data into a graph that the request names as its default
graph (default-graph-uri), qt:graphData into named graphs (named-graph-uri), so that our union
default graph does not apply. Results are compared as multisets of solutions (any blank node
matches any other; order ignored), graphs by isomorphism (rdflib).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from server.config import load_settings
from server.services.query_service import QueryService
from server.store.oxigraph import OxigraphStore
from server.web.app import create_app
from server.web.context import EXTENSION

SUITE = Path(__file__).parent / "fixtures" / "w3c" / "sparql11-query"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
QT = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"
DEFAULT = "urn:x-w3c-test:default"
RESULT_FORMATS = {
    ".srx": ox.QueryResultsFormat.XML,
    ".srj": ox.QueryResultsFormat.JSON,
    ".tsv": ox.QueryResultsFormat.TSV,
}
RDF_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".rdf": ox.RdfFormat.RDF_XML,
}


@dataclass(frozen=True)
class EvaluationTest:
    name: str
    query: Path
    data: tuple[Path, ...]
    graph_data: tuple[Path, ...]
    result: Path


def _evaluation_tests() -> list[EvaluationTest]:
    found = []
    for manifest in sorted(SUITE.glob("*/manifest.ttl")):
        graph = ox.Store()
        base = manifest.as_uri()
        graph.load(path=str(manifest), format=ox.RdfFormat.TURTLE, base_iri=base)
        rows = graph.query(
            f"""SELECT ?test ?query ?result
                (GROUP_CONCAT(DISTINCT STR(?data); separator=" ") AS ?datas)
                (GROUP_CONCAT(DISTINCT STR(?graphData); separator=" ") AS ?graphDatas)
            {{ ?test a <{MF}QueryEvaluationTest> ; <{MF}action> ?action ; <{MF}result> ?result .
               ?action <{QT}query> ?query .
               OPTIONAL {{ ?action <{QT}data> ?data }}
               OPTIONAL {{ ?action <{QT}graphData> ?graphData }} }}
            GROUP BY ?test ?query ?result ORDER BY ?test"""
        )
        for row in rows:
            found.append(
                EvaluationTest(
                    f"{manifest.parent.name}/{row['test'].value.rsplit('#', 1)[-1]}",
                    _path(row["query"].value),
                    _paths(row["datas"]),
                    _paths(row["graphDatas"]),
                    _path(row["result"].value),
                )
            )
    return found


def _path(iri: str) -> Path:
    from urllib.parse import unquote

    return Path(unquote(iri.removeprefix("file://")))


def _paths(listed: ox.Literal | None) -> tuple[Path, ...]:
    return tuple(_path(iri) for iri in listed.value.split()) if listed is not None else ()


TESTS = _evaluation_tests()


def _dataset(test: EvaluationTest) -> ox.Store:
    store = ox.Store()
    for file in test.data:
        store.load(
            path=str(file),
            format=RDF_FORMATS[file.suffix],
            base_iri=file.as_uri(),
            to_graph=ox.NamedNode(DEFAULT),
        )
    for file in test.graph_data:
        store.load(
            path=str(file),
            format=RDF_FORMATS[file.suffix],
            base_iri=file.as_uri(),
            to_graph=ox.NamedNode(file.as_uri()),
        )
    return store


def _canonical_solutions(results: ox.QuerySolutions | ox.QueryBoolean):
    if isinstance(results, ox.QueryBoolean):
        return bool(results)
    names = sorted(v.value for v in results.variables)
    rows = []
    for solution in results:
        row = []
        for name in names:
            term = solution[name]
            if isinstance(term, ox.BlankNode):
                term = "_:b"  # any blank node matches any other (weaker than isomorphism)
            row.append((name, str(term) if term is not None else None))
        rows.append(tuple(row))
    return (tuple(names), Counter(rows))


def _expected(test: EvaluationTest):
    if test.result.suffix in RESULT_FORMATS:
        return _canonical_solutions(
            ox.parse_query_results(path=str(test.result), format=RESULT_FORMATS[test.result.suffix])
        )
    graph = rdflib.Graph()
    graph.parse(test.result, format="turtle" if test.result.suffix == ".ttl" else "xml")
    return graph


def _same(expected, kind: str, answer: bytes) -> bool:
    if isinstance(expected, rdflib.Graph):
        if kind != "graph":
            return False
        graph = rdflib.Graph()
        graph.parse(data=answer, format="nt")
        return isomorphic(graph, expected)
    if kind == "graph":
        return False
    results = ox.parse_query_results(answer, format=ox.QueryResultsFormat.JSON)
    return _canonical_solutions(results) == expected


def _has_own_dataset(text: str) -> bool:
    from server.rdf.sparql_text import query_head

    return query_head(text).has_dataset_clause


def _run_embedded(test: EvaluationTest, store: ox.Store, text: str):
    options = {"base_iri": test.query.as_uri()}
    if not _has_own_dataset(text):
        options["default_graph"] = [ox.NamedNode(DEFAULT)]
        options["named_graphs"] = [ox.NamedNode(f.as_uri()) for f in test.graph_data]
    result = store.query(text, **options)
    if isinstance(result, ox.QueryTriples):
        return "graph", ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)
    kind = "boolean" if isinstance(result, ox.QueryBoolean) else "solutions"
    return kind, result.serialize(format=ox.QueryResultsFormat.JSON)


@pytest.fixture(scope="module")
def endpoint():
    """One app (workers=0); each test gets its dataset by swapping the query service's store."""
    settings = load_settings({"workers": 0, "data": [], "ontology": [], "cache_bytes": 0})
    app = create_app(settings)

    def client_for(store: ox.Store):
        wrapped = OxigraphStore()
        wrapped._store = store
        wrapped.version = str(id(store))
        app.extensions[EXTENSION]["query_service"] = QueryService(
            replace(settings, max_query_depth=0), store=wrapped
        )
        return app.test_client()

    return client_for


def _run_http(client, test: EvaluationTest, text: str):
    # The protocol has no base IRI parameter (the endpoint's is the project namespace): the
    # query's own location comes in a BASE, as pyoxigraph alone gets it in base_iri.
    params = [("query", f"BASE <{test.query.as_uri()}>\n{text}")]
    if not _has_own_dataset(text):
        params.append(("default-graph-uri", DEFAULT))
        params += [("named-graph-uri", f.as_uri()) for f in test.graph_data]
    from werkzeug.datastructures import MultiDict

    response = client.post(
        "/sparql",
        data=MultiDict(params),
        headers={"Accept": "application/sparql-results+json, application/n-triples;q=0.9"},
    )
    if response.status_code != 200:
        return "error", response.data
    kind = "graph" if response.mimetype == "application/n-triples" else "solutions"
    return kind, response.data


def _outcomes(endpoint) -> dict[str, tuple[bool, bool]]:
    outcomes = {}
    for test in TESTS:
        text = test.query.read_text(encoding="utf-8")
        try:
            expected = _expected(test)
            store = _dataset(test)
        except (OSError, SyntaxError, ValueError) as exc:
            outcomes[test.name] = (False, False)
            print(f"{test.name}: unusable test ({exc})")
            continue
        try:
            embedded = _same(expected, *_run_embedded(test, store, text))
        except (OSError, SyntaxError, ValueError, RuntimeError):
            embedded = False
        kind, answer = _run_http(endpoint(store), test, text)
        ours = kind != "error" and _same(expected, kind, answer)
        outcomes[test.name] = (embedded, ours)
    return outcomes


@pytest.fixture(scope="module")
def outcomes(endpoint):
    return _outcomes(endpoint)


def test_every_category_has_evaluation_tests():
    categories = {t.name.split("/")[0] for t in TESTS}
    assert len(categories) == 14
    assert len(TESTS) >= 200


def test_our_endpoint_passes_at_least_what_pyoxigraph_alone_passes(outcomes):
    embedded = {name for name, (alone, _) in outcomes.items() if alone}
    ours = {name for name, (_, passed) in outcomes.items() if passed}
    lost = sorted(embedded - ours)
    total = len(outcomes)
    print(f"W3C query evaluation: pyoxigraph alone {len(embedded)}, ours {len(ours)} of {total}")
    print("failed by both:", sorted(set(outcomes) - embedded - ours))
    print("passed only through ours:", sorted(ours - embedded))
    assert not lost, f"passed by pyoxigraph alone, failed through our endpoint: {lost}"
    assert len(ours) >= len(embedded) >= 150
