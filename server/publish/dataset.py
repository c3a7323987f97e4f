"""What the metadata documents (VoID, DCAT-AP.de) say about the public dataset, read from the
data once: its graphs and their sizes and titles, licence, publisher, vocabularies."""

from __future__ import annotations

from dataclasses import dataclass

from server.rdf.namespace import DCT, GRAPH, ID, PREFIXES, RDF, RDFS, XSD
from server.store.access import NO_GRAPH, RECORDS_GRAPH

DCATDE_LICENCES = "http://dcat-ap.de/def/licenses/"
#: Licence IRIs the data may carry → the DCAT-AP.de licence vocabulary's IRI for them.
LICENCE_IRIS = {
    "https://creativecommons.org/licenses/by/4.0/": DCATDE_LICENCES + "cc-by/4.0",
    "http://creativecommons.org/licenses/by/4.0/": DCATDE_LICENCES + "cc-by/4.0",
    "https://creativecommons.org/publicdomain/zero/1.0/": DCATDE_LICENCES + "cc-zero",
    "https://www.govdata.de/dl-de/by-2-0": DCATDE_LICENCES + "dl-by-de/2.0",
}
DEFAULT_LICENCE = DCATDE_LICENCES + "cc-by/4.0"
"""When the graph records name no licence: the licence the ontology states (CC BY 4.0)."""
DEFAULT_PUBLISHER = ID + "organisation/stadt-mannheim"


@dataclass(frozen=True)
class PublicGraph:
    iri: str
    triples: int
    titles: tuple[tuple[str, str], ...] = ()
    """(text, language) of the record's dct:title."""


@dataclass(frozen=True)
class DatasetFacts:
    graphs: tuple[PublicGraph, ...]
    licence: str
    publisher: str
    publisher_names: tuple[tuple[str, str], ...]
    vocabularies: tuple[str, ...]
    version: str
    years: tuple[int, int] | None = None
    """The earliest and latest year a date of the data names (the temporal coverage)."""

    @property
    def triples(self) -> int:
        return sum(g.triples for g in self.graphs)


def _dataset(visible) -> dict:
    graphs = list(visible) or [NO_GRAPH]
    return {"default_graph": graphs, "named_graphs": graphs}


def dataset_facts(store, visible: list[str], version: str) -> DatasetFacts:
    """Facts of the dataset made of the graphs `visible` (the public ones, for publication)."""
    sizes = {
        row["g"].value: int(row["n"].value)
        for row in store.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
            **_dataset(visible),
        )
    }
    titles: dict[str, list[tuple[str, str]]] = {}
    licences: set[str] = set()
    publishers: set[str] = set()
    if RECORDS_GRAPH in visible:
        for row in store.query(
            f"SELECT ?g ?p ?o WHERE {{ GRAPH <{RECORDS_GRAPH}> {{ ?g ?p ?o }} "
            f"VALUES ?p {{ <{DCT}title> <{DCT}license> <{DCT}publisher> }} }}",
            **_dataset(visible),
        ):
            graph, predicate, value = row["g"].value, row["p"].value, row["o"]
            if predicate == DCT + "title" and graph in sizes:
                titles.setdefault(graph, []).append((value.value, value.language or ""))
            elif predicate == DCT + "license" and graph in sizes:
                licences.add(value.value)
            elif predicate == DCT + "publisher":
                publishers.add(value.value)
    licence = DEFAULT_LICENCE
    if len(licences) == 1:
        only = licences.pop()
        licence = LICENCE_IRIS.get(only, only)
    publisher = sorted(publishers)[0] if publishers else DEFAULT_PUBLISHER
    names = tuple(
        (row["n"].value, row["n"].language or "")
        for row in store.query(
            f"SELECT DISTINCT ?n WHERE {{ <{publisher}> <{RDFS}label> ?n }}",
            **_dataset(visible),
        )
    ) or (("Stadt Mannheim", "de"),)
    used = {
        row["t"].value
        for row in store.query(
            f"SELECT DISTINCT ?t WHERE {{ {{ ?s ?t ?o }} UNION {{ ?s <{RDF}type> ?t }} }}",
            **_dataset(visible),
        )
    }
    vocabularies = sorted(
        ns
        for ns in set(PREFIXES.values())
        if not ns.startswith((ID, GRAPH)) and any(term.startswith(ns) for term in used)
    )
    graphs = tuple(
        PublicGraph(g, n, tuple(sorted(titles.get(g, [])))) for g, n in sorted(sizes.items())
    )
    years = sorted(
        int(row["y"].value)
        for row in store.query(
            "SELECT DISTINCT (YEAR(?d) AS ?y) WHERE { ?s ?p ?o "
            f"FILTER(isLiteral(?o) && DATATYPE(?o) IN (<{XSD}date>, <{XSD}dateTime>)) "
            "BIND(?o AS ?d) }",
            **_dataset(visible),
        )
        if row["y"] is not None
    ) + sorted(
        int(row["o"].value[:4])
        for row in store.query(
            f"SELECT DISTINCT ?o WHERE {{ ?s ?p ?o FILTER(isLiteral(?o) && "
            f"DATATYPE(?o) IN (<{XSD}gYear>, <{XSD}gYearMonth>)) }}",
            **_dataset(visible),
        )
        if row["o"].value[:4].isdigit()
    )
    return DatasetFacts(
        graphs,
        licence,
        publisher,
        tuple(sorted(names)),
        tuple(vocabularies),
        version,
        (min(years), max(years)) if years else None,
    )
