"""What the description of a resource holds: one rule, the same for the HTML page and every
RDF format (the HTML page renders the structured `Description`, RDF writes its `triples`).

The description of a resource R, read from the graphs the caller may see, holds:

1. R's own triples (every triple with subject R), with the blank nodes they lead to, up to
   BLANK_DEPTH levels (a bounded concise bounded description);
2. the incoming links: every triple `?s ?p R` with another subject;
3. the provenance: the own triples (with their blank nodes) of each source passage of R, that
   is each Web Annotation resource next to R (an `oa:Annotation` or `oa:SpecificResource`, or
   anything with an `oa:hasSelector` / `oa:hasTarget`, linking to R or linked from R) and
   each resource R is derived or quoted from (`prov:wasDerivedFrom`, `prov:wasQuotedFrom`,
   `prov:hadPrimarySource`);
   and the record (licence, publisher, access rights, …) of each named graph that holds a
   triple of 1 or 2, from the records graph <…/graph/source>;
4. the labels of every neighbour: rdfs:label, skos:prefLabel, foaf:name, dct:title of each
   IRI that 1–3 mention.

R is "unknown" when 1 and 2 are empty. A retired IRI (`R owl:deprecated true`, as
data/retired.ttl states, in graph <…/graph/retired>) is told apart: `retirement()`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from server.rdf.namespace import DCT, FOAF, GRAPH, OWL, PROV, RDF, RDFS, SKOS
from server.store.access import NO_GRAPH, RECORDS_GRAPH

OA = "http://www.w3.org/ns/oa#"
RETIRED_GRAPH = GRAPH + "retired"
BLANK_DEPTH = 3
LABEL_PROPERTIES = (RDFS + "label", SKOS + "prefLabel", FOAF + "name", DCT + "title")
SOURCE_PROPERTIES = (PROV + "wasDerivedFrom", PROV + "wasQuotedFrom", PROV + "hadPrimarySource")
LANGUAGES = ("en", "de", "")
"""Which label a page shows first: English, then German, then one without a language."""


@dataclass(frozen=True)
class Value:
    """One term as a page shows it: its text, a label (IRIs), language or datatype."""

    term: ox.NamedNode | ox.BlankNode | ox.Literal
    label: str | None = None

    @property
    def is_iri(self) -> bool:
        return isinstance(self.term, ox.NamedNode)

    @property
    def is_blank(self) -> bool:
        return isinstance(self.term, ox.BlankNode)

    @property
    def text(self) -> str:
        return self.term.value

    @property
    def language(self) -> str | None:
        return self.term.language if isinstance(self.term, ox.Literal) else None

    @property
    def datatype(self) -> str | None:
        if isinstance(self.term, ox.Literal) and not self.term.language:
            datatype = self.term.datatype.value
            return None if datatype.endswith("#string") else datatype
        return None


@dataclass(frozen=True)
class GraphRecord:
    """A named graph that holds triples of the description, and what its record says."""

    graph: str
    title: str | None
    statements: tuple[tuple[Value, Value], ...]


@dataclass
class Description:
    """The description of one resource (see the module docstring for what it holds)."""

    iri: str
    label: str | None = None
    types: list[Value] = field(default_factory=list)
    properties: list[tuple[Value, list[Value]]] = field(default_factory=list)
    """Predicate → values, of R's own triples (rdf:type included), in a stable order."""
    incoming: list[tuple[Value, Value]] = field(default_factory=list)
    """(subject, predicate) of each incoming link."""
    passages: list[str] = field(default_factory=list)
    """The quoted source text (oa:exact) of R's provenance."""
    sources: list[Value] = field(default_factory=list)
    graphs: list[GraphRecord] = field(default_factory=list)
    blank_nodes: dict[str, list[tuple[Value, Value]]] = field(default_factory=dict)
    triples: list[ox.Triple] = field(default_factory=list)

    @property
    def exists(self) -> bool:
        return bool(self.properties or self.incoming)


def _dataset(visible: Sequence[str]) -> dict:
    graphs = list(visible) or [NO_GRAPH]
    return {"default_graph": graphs, "named_graphs": graphs}


def _own_query(subject: str) -> str:
    """Triples of `subject` and of the blank nodes they lead to (BLANK_DEPTH levels)."""
    parts = [f"{{ GRAPH ?g {{ <{subject}> ?p ?o }} BIND(<{subject}> AS ?s) }}"]
    for depth in range(1, BLANK_DEPTH + 1):
        chain, previous = [], f"<{subject}>"
        for level in range(depth):
            node = "?s" if level == depth - 1 else f"?b{level}"
            chain.append(
                f"GRAPH ?h{level} {{ {previous} ?q{level} {node} }} FILTER(isBlank({node}))"
            )
            previous = node
        parts.append("{ " + " ".join(chain) + " GRAPH ?g { ?s ?p ?o } }")
    return "SELECT DISTINCT ?g ?s ?p ?o WHERE { " + " UNION ".join(parts) + " }"


def _quads(store, query: str, visible: Sequence[str]) -> list[tuple[str, ox.Triple]]:
    rows = store.query(query, **_dataset(visible))
    return [(row["g"].value, ox.Triple(row["s"], row["p"], row["o"])) for row in rows]


def retirement(store, iri: str) -> tuple[bool, list[str]]:
    """Whether `iri` is retired, and the IRIs that replace it (dct:isReplacedBy).

    Retirement notes are public whatever the access rights: they say only that an IRI is gone.
    """
    iri = ox.NamedNode(iri).value  # ValueError for what is no IRI
    rows = list(
        store.query(
            f"""SELECT ?new WHERE {{
              GRAPH <{RETIRED_GRAPH}> {{ <{iri}> <{OWL}deprecated> true }}
              OPTIONAL {{ GRAPH <{RETIRED_GRAPH}> {{ <{iri}> <{DCT}isReplacedBy> ?new }} }}
            }}""",
            default_graph=[NO_GRAPH],
            named_graphs=[RETIRED_GRAPH],
        )
    )
    return bool(rows), sorted({row["new"].value for row in rows if row["new"] is not None})


def retired_resources(store) -> list[str]:
    """Every IRI graph <…/graph/retired> marks `owl:deprecated true` (they answer 410)."""
    rows = store.query(
        f"SELECT ?r WHERE {{ GRAPH <{RETIRED_GRAPH}> {{ ?r <{OWL}deprecated> true }} }}",
        default_graph=[NO_GRAPH],
        named_graphs=[RETIRED_GRAPH],
    )
    return [row["r"].value for row in rows]


def describe(store, iri: str, visible: Sequence[str], language: str | None = None) -> Description:
    """The description of `iri` from the graphs `visible` (see the module docstring).

    `language` (a page's language) picks the labels: one in that language where the data
    have one, whatever its label property; without it, LANGUAGES' order. The triples are the
    same either way. Raises ValueError when `iri` is not an IRI (it goes into the query text
    only as one).
    """
    iri = ox.NamedNode(iri).value
    own = _quads(store, _own_query(iri), visible)
    incoming_rows = list(
        store.query(
            f"SELECT DISTINCT ?g ?s ?p WHERE {{ GRAPH ?g {{ ?s ?p <{iri}> }} "
            f"FILTER(?s != <{iri}>) }} ORDER BY ?s ?p",
            **_dataset(visible),
        )
    )
    target = ox.NamedNode(iri)
    incoming = [ox.Triple(row["s"], row["p"], target) for row in incoming_rows]
    graphs = {g for g, _ in own} | {row["g"].value for row in incoming_rows}

    # 3. provenance: annotations that point at R, resources R is derived or quoted from
    annotations = _passage_resources(store, iri, visible)
    sources = [
        t.object
        for g, t in own
        if t.subject == target
        and t.predicate.value in SOURCE_PROPERTIES
        and isinstance(t.object, ox.NamedNode)
    ]
    provenance: list[tuple[str, ox.Triple]] = []
    for resource in sorted(annotations | {s.value for s in sources}):
        provenance += _quads(store, _own_query(resource), visible)
    records = _graph_records(store, sorted(graphs), visible)

    triples = _unique([t for _, t in own] + incoming + [t for _, t in provenance] + records)
    labels = _labels(store, _mentioned(triples, iri), visible)
    # R's own triples first, then by subject: Turtle groups a subject's consecutive triples.
    triples = sorted(
        _unique(triples + labels),
        key=lambda t: (t.subject != target, str(t.subject), str(t.predicate), str(t.object)),
    )
    label_of = _label_index(labels + [t for t in triples if t.subject == target], language)

    def value(term) -> Value:
        return Value(term, label_of.get(term.value) if isinstance(term, ox.NamedNode) else None)

    description = Description(iri, label_of.get(iri), triples=triples)
    grouped: dict[str, list[Value]] = {}
    predicates: dict[str, Value] = {}
    for _, t in own:
        if t.subject == target:
            predicates.setdefault(t.predicate.value, value(t.predicate))
            values = grouped.setdefault(t.predicate.value, [])
            if all(v.term != t.object for v in values):
                values.append(value(t.object))
        else:
            description.blank_nodes.setdefault(t.subject.value, []).append(
                (value(t.predicate), value(t.object))
            )
    order = sorted(grouped, key=lambda p: (p != RDF + "type", p not in LABEL_PROPERTIES, p))
    description.properties = [(predicates[p], grouped[p]) for p in order]
    description.types = grouped.get(RDF + "type", [])
    description.incoming = [(value(t.subject), value(t.predicate)) for t in incoming]
    description.sources = [value(s) for s in sources]
    description.passages = sorted(
        {t.object.value for _, t in own + provenance if t.predicate.value == OA + "exact"}
    )
    description.graphs = _records(records, sorted(graphs), value, label_of)
    return description


def _passage_resources(store, iri: str, visible: Sequence[str]) -> set[str]:
    """The Web Annotation resources next to `iri`: annotations that link to it (as body,
    target or otherwise) and annotations, specific resources or selector holders it links to.
    Their own triples carry the quoted source passage (oa:exact)."""
    rows = store.query(
        f"""SELECT DISTINCT ?a WHERE {{
          {{ ?a ?p <{iri}> }} UNION {{ <{iri}> ?p ?a }}
          FILTER(isIRI(?a) && ?a != <{iri}>)
          {{ ?a a <{OA}Annotation> }} UNION {{ ?a a <{OA}SpecificResource> }}
          UNION {{ ?a <{OA}hasSelector> ?selector }} UNION {{ ?a <{OA}hasTarget> ?target }}
        }}""",
        **_dataset(visible),
    )
    return {row["a"].value for row in rows}


def _graph_records(store, graphs: Sequence[str], visible: Sequence[str]) -> list[ox.Triple]:
    """The records of `graphs` in the records graph (when the caller sees it)."""
    if not graphs or RECORDS_GRAPH not in visible:
        return []
    values = " ".join(f"<{g}>" for g in graphs)
    rows = store.query(
        f"SELECT ?g ?p ?o WHERE {{ VALUES ?g {{ {values} }} "
        f"GRAPH <{RECORDS_GRAPH}> {{ ?g ?p ?o }} }}",
        **_dataset(visible),
    )
    return [ox.Triple(row["g"], row["p"], row["o"]) for row in rows]


def _records(records, graphs, value, label_of) -> list[GraphRecord]:
    out = []
    for graph in graphs:
        statements = tuple(
            (value(t.predicate), value(t.object)) for t in records if t.subject.value == graph
        )
        out.append(GraphRecord(graph, label_of.get(graph), statements))
    return out


def _mentioned(triples: Iterable[ox.Triple], iri: str) -> list[str]:
    found: dict[str, None] = {}
    for t in triples:
        for term in (t.subject, t.predicate, t.object):
            if isinstance(term, ox.NamedNode) and term.value != iri:
                found[term.value] = None
    return list(found)


def _labels(store, iris: Sequence[str], visible: Sequence[str]) -> list[ox.Triple]:
    """The label triples of `iris` (LABEL_PROPERTIES), in batches of VALUES."""
    out: list[ox.Triple] = []
    properties = " ".join(f"<{p}>" for p in LABEL_PROPERTIES)
    for start in range(0, len(iris), 200):
        batch = " ".join(f"<{i}>" for i in iris[start : start + 200])
        rows = store.query(
            f"SELECT DISTINCT ?n ?p ?l WHERE {{ VALUES ?n {{ {batch} }} "
            f"VALUES ?p {{ {properties} }} ?n ?p ?l }}",
            **_dataset(visible),
        )
        out += [ox.Triple(row["n"], row["p"], row["l"]) for row in rows]
    return out


def _label_index(triples: Iterable[ox.Triple], wanted: str | None = None) -> dict[str, str]:
    """One label per IRI: a label in the `wanted` language first (when given), then the
    first label property, then the first language of LANGUAGES."""
    ranked: dict[str, tuple[tuple[int, int, int, str], str]] = {}
    for t in triples:
        if t.predicate.value not in LABEL_PROPERTIES or not isinstance(t.object, ox.Literal):
            continue
        language = t.object.language or ""
        rank = (
            0 if wanted is None or language == wanted else 1,
            LABEL_PROPERTIES.index(t.predicate.value),
            LANGUAGES.index(language) if language in LANGUAGES else len(LANGUAGES),
            t.object.value,
        )
        key = t.subject.value
        if key not in ranked or rank < ranked[key][0]:
            ranked[key] = (rank, t.object.value)
    return {key: label for key, (_, label) in ranked.items()}


def _unique(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    return list(dict.fromkeys(triples))


def described_resources(store, namespace: str, parts: Sequence[str], visible: Sequence[str]):
    """Every IRI under `namespace` + each of `parts` (``id/``, ``graph/``) that is a subject or
    object in the graphs `visible`: what dereferences, the sitemap and the export list."""
    filters = " || ".join(f'STRSTARTS(STR(?r), "{namespace}{part}/")' for part in parts)
    rows = store.query(
        "SELECT DISTINCT ?r WHERE { { ?r ?p ?o } UNION { ?s ?p ?r } "
        f"FILTER(isIRI(?r) && ({filters})) }} ORDER BY ?r",
        **_dataset(visible),
    )
    retired = set(retired_resources(store))  # listed in graph/retired: they answer 410
    return [row["r"].value for row in rows if row["r"].value not in retired]
