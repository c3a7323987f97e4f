"""The SPARQL 1.1 Service Description of the endpoint (sd: vocabulary), as RDF triples."""

from __future__ import annotations

import pyoxigraph as ox

from server.rdf import formats
from server.rdf.namespace import DCT, FORMATS, RDF, RDFS, SD, VOID, XSD

RDF_TYPE = ox.NamedNode(RDF + "type")
VOID_TRIPLES = ox.NamedNode(VOID + "triples")
DCT_TITLE = ox.NamedNode(DCT + "title")
DCT_DESCRIPTION = ox.NamedNode(DCT + "description")
RDFS_SEE_ALSO = ox.NamedNode(RDFS + "seeAlso")
PREFIXES = {"sd": SD, "void": VOID, "dct": DCT, "formats": FORMATS}


def _sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(SD + name)


def _format_iri(iri: str) -> str:
    """The W3C formats namespace IRI (pyoxigraph names JSON-LD under a different path)."""
    return iri.replace("https://www.w3.org/ns/formats/data/", FORMATS)


def _triple_count(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=ox.NamedNode(XSD + "integer"))


def service_description(
    endpoint: str,
    graph_sizes: dict[str, int],
    federated: bool = False,
    void: str | None = None,
) -> list[ox.Triple]:
    """Describe the endpoint at `endpoint`: language, result formats, the default dataset.

    The default graph is the union of the named graphs (sd:UnionDefaultGraph); each named
    graph is listed with its triple count: the graphs the caller may see (access rights), so
    the description says which graphs a public or an authorised caller can query. Federated
    query is announced only when SERVICE endpoints are allowed at all.
    """
    service = ox.NamedNode(endpoint)
    triples = [
        ox.Triple(service, RDF_TYPE, _sd("Service")),
        ox.Triple(service, _sd("endpoint"), service),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        ox.Triple(service, DCT_TITLE, ox.Literal("mannheim-kg SPARQL endpoint", language="en")),
        ox.Triple(
            service,
            DCT_DESCRIPTION,
            ox.Literal(
                "Knowledge graph of the City of Mannheim's economic policy strategy and its "
                "four competence-field clusters. Read-only: SPARQL Update is disabled.",
                language="en",
            ),
        ),
    ]
    if federated:
        triples.append(ox.Triple(service, _sd("feature"), _sd("BasicFederatedQuery")))
    seen = set()
    for media in formats.MEDIA_TYPES:
        fmt = media.results_format or media.rdf_format
        iri = _format_iri(fmt.iri) if fmt is not None else None
        if iri and iri not in seen:
            seen.add(iri)
            triples.append(ox.Triple(service, _sd("resultFormat"), ox.NamedNode(iri)))
    dataset, default_graph = ox.BlankNode("dataset"), ox.BlankNode("default")
    triples += [
        ox.Triple(service, _sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
        ox.Triple(dataset, _sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, _sd("Graph")),
        ox.Triple(default_graph, VOID_TRIPLES, _triple_count(sum(graph_sizes.values()))),
    ]
    if void:  # the VoID description of the dataset (sizes, dumps, licence)
        triples.append(ox.Triple(dataset, RDFS_SEE_ALSO, ox.NamedNode(void)))
    for i, (name, size) in enumerate(sorted(graph_sizes.items())):
        named, graph = ox.BlankNode(f"named{i}"), ox.BlankNode(f"graph{i}")
        triples += [
            ox.Triple(dataset, _sd("namedGraph"), named),
            ox.Triple(named, RDF_TYPE, _sd("NamedGraph")),
            ox.Triple(named, _sd("name"), ox.NamedNode(name)),
            ox.Triple(named, _sd("graph"), graph),
            ox.Triple(graph, RDF_TYPE, _sd("Graph")),
            ox.Triple(graph, VOID_TRIPLES, _triple_count(size)),
        ]
    return triples
