"""The VoID description of the public dataset (/.well-known/void, RFC 5785 / VoID 7.2)."""

from __future__ import annotations

import pyoxigraph as ox

from server.publish.dataset import DatasetFacts
from server.publish.dumps import Dump
from server.rdf.namespace import DCT, FOAF, RDF, VOID, XSD

PREFIXES = {"void": VOID, "dct": DCT, "foaf": FOAF, "xsd": XSD}


def dataset_iri(public_base: str) -> str:
    """The dataset's IRI: a fragment of the catalogue record, which describes it."""
    return f"{public_base}catalog#dataset"


def void_description(
    facts: DatasetFacts,
    *,
    public_base: str,
    site_root: str,
    dumps: list[Dump],
) -> list[ox.Triple]:
    """VoID of the public dataset: endpoint, dumps, URI space, size, vocabularies, licence,
    one subset per public named graph. `site_root` is where the files are fetched."""
    n = ox.NamedNode
    dataset = n(dataset_iri(public_base))
    document = n(f"{site_root}.well-known/void")

    def count(value: int) -> ox.Literal:
        return ox.Literal(str(value), datatype=n(XSD + "integer"))

    triples = [
        ox.Triple(document, n(RDF + "type"), n(VOID + "DatasetDescription")),
        ox.Triple(document, n(FOAF + "primaryTopic"), dataset),
        ox.Triple(dataset, n(RDF + "type"), n(VOID + "Dataset")),
        ox.Triple(
            dataset,
            n(DCT + "title"),
            ox.Literal("mannheim-kg: Wirtschaftspolitische Strategie Mannheim", language="de"),
        ),
        ox.Triple(
            dataset,
            n(DCT + "title"),
            ox.Literal("mannheim-kg: economic policy strategy of Mannheim", language="en"),
        ),
        ox.Triple(dataset, n(DCT + "license"), n(facts.licence)),
        ox.Triple(dataset, n(DCT + "publisher"), n(facts.publisher)),
        ox.Triple(dataset, n(VOID + "sparqlEndpoint"), n(f"{site_root}sparql")),
        ox.Triple(dataset, n(VOID + "uriSpace"), ox.Literal(public_base)),
        ox.Triple(dataset, n(VOID + "triples"), count(facts.triples)),
        ox.Triple(dataset, n(VOID + "feature"), n("http://www.w3.org/ns/formats/N-Quads")),
        ox.Triple(dataset, n(VOID + "feature"), n("http://www.w3.org/ns/formats/TriG")),
        ox.Triple(dataset, n(VOID + "rootResource"), n(f"{public_base}def/")),
    ]
    for dump in dumps:
        triples.append(
            ox.Triple(dataset, n(VOID + "dataDump"), n(f"{site_root}download/{dump.filename}"))
        )
    for vocabulary in facts.vocabularies:
        triples.append(ox.Triple(dataset, n(VOID + "vocabulary"), n(vocabulary)))
    for graph in facts.graphs:
        subset = n(graph.iri)
        triples += [
            ox.Triple(dataset, n(VOID + "subset"), subset),
            ox.Triple(subset, n(RDF + "type"), n(VOID + "Dataset")),
            ox.Triple(subset, n(VOID + "triples"), count(graph.triples)),
            ox.Triple(subset, n(VOID + "sparqlEndpoint"), n(f"{site_root}sparql")),
            ox.Triple(subset, n(DCT + "license"), n(facts.licence)),
        ]
        for text, language in graph.titles:
            triples.append(
                ox.Triple(subset, n(DCT + "title"), ox.Literal(text, language=language or None))
            )
    return triples
