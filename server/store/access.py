"""Access rights: which named graphs a caller may see, and the explicit dataset of a query.

The rule (data/source.ttl): a named graph is public iff graph <…/graph/source> holds
`<graph> dct:accessRights access:PUBLIC`; every other graph (and the store's own default
graph) is restricted. A dataset whose records graph states no access rights at all (a foreign
dataset, a test's) declares no restriction: all its graphs are public.

A public caller's query runs on an explicit dataset made of public graphs only: the default
graph is the union of the public graphs, the named graphs are the public graphs, and graphs
the query or the protocol request names are kept only if public. A restricted graph asked
for by name is simply absent (empty), never an error that reveals it.

The dataset is always explicit (never "unspecified"), so a remote store can forward it as
default-graph-uri / named-graph-uri unchanged: an empty part is sent as NO_GRAPH.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin

from server.rdf.namespace import DCT, GRAPH
from server.rdf.sparql_text import expand_escapes, tokens

ACCESS_RIGHTS = "http://publications.europa.eu/resource/authority/access-right/"
PUBLIC = ACCESS_RIGHTS + "PUBLIC"
RECORDS_GRAPH = GRAPH + "source"
"""The graph that holds one record per named graph (licence, publisher, access rights)."""
NO_GRAPH = GRAPH + "-/none"
"""A graph no data file can be loaded into: stands for "no graph" in an explicit dataset."""

RECORDS_QUERY = f"""SELECT ?g ?rights WHERE {{
  GRAPH <{RECORDS_GRAPH}> {{ ?g <{DCT}accessRights> ?rights }}
  FILTER(isIRI(?g))
}}"""
# One SELECT, not an ASK beside it: Virtuoso answered ASK { GRAPH <records> { … } } true for a
# dataset that does not hold that graph while the SELECT found no rows.
ALL_GRAPHS_QUERY = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


@dataclass(frozen=True)
class GraphAccess:
    """The named graphs of a dataset (those that hold triples) and which of them are public."""

    graphs: frozenset[str]
    public: frozenset[str]

    def visible(self, authorised: bool) -> tuple[str, ...]:
        """The graphs a caller sees, sorted: all of them when authorised, else the public."""
        return tuple(sorted(self.graphs if authorised else self.graphs & self.public))

    @property
    def restricted(self) -> tuple[str, ...]:
        return tuple(sorted(self.graphs - self.public))


_ACCESS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def graph_access(store) -> GraphAccess:
    """The access rights of `store`'s graphs, read once per store and data version."""
    version = getattr(store, "version", "")
    cached = _ACCESS.get(store)
    if cached is not None and cached[0] == version:
        return cached[1]
    every = _column(store.query(ALL_GRAPHS_QUERY))
    records = [(row["g"].value, row["rights"].value) for row in store.query(RECORDS_QUERY)]
    # a dataset that states no access rights at all (a test's, a foreign one): all public
    public = [graph for graph, rights in records if rights == PUBLIC] if records else every
    access = GraphAccess(frozenset(every), frozenset(public))
    _ACCESS[store] = (version, access)
    return access


_VIEWS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def public_view(store):
    """A store holding the public graphs of `store` and nothing else, or None.

    A public caller's query on it needs no explicit dataset: its union default graph, its
    named graphs and any graph a query or request names are public by construction (a
    restricted graph does not exist there). This matters for speed: pyoxigraph evaluates a
    default graph given as a list of graphs pattern by pattern over each of them, 1.5-4x
    slower on joins than its union default graph (measured at 256 k triples, docs/load.md).

    Only for in-memory stores whose owner asked for it (`store.keeps_public_view`: the query
    workers do), as it costs the public triples' memory once more; a store whose graphs are
    all public (and whose own default graph is empty) is its own view. Built once per store
    and data version. Elsewhere (disk, remote) None: the explicit public dataset applies.
    """
    if not getattr(store, "keeps_public_view", False) or store.path is not None:
        return None
    version = getattr(store, "version", "")
    cached = _VIEWS.get(store)
    if cached is not None and cached[0] == version:
        return cached[1]
    access = graph_access(store)
    if not access.restricted and not store.holds_default_graph_triples():
        view = store
    else:
        view = store.copy_of(sorted(access.public))
    _VIEWS[store] = (version, view)
    return view


def _column(solutions) -> list[str]:
    return [row["g"].value for row in solutions]


@dataclass(frozen=True)
class QueryDataset:
    """An explicit RDF dataset: the graphs merged into the default graph, and the named ones."""

    default_graph: tuple[str, ...]
    named_graphs: tuple[str, ...]


def public_dataset(
    query: str,
    visible: Iterable[str],
    *,
    default_graph: Sequence[str] | None = None,
    named_graphs: Sequence[str] | None = None,
    base_iri: str | None = None,
) -> QueryDataset:
    """The dataset a caller who sees only `visible` gets for `query`.

    The protocol's graphs (default-graph-uri / named-graph-uri) win over the query's FROM /
    FROM NAMED (SPARQL 1.1 Protocol 2.1.4); with neither, the default graph is the union of
    the visible graphs and every visible graph is a named graph. Graphs not visible drop out.
    """
    seen = set(visible)
    if default_graph is not None or named_graphs is not None:
        defaults, named = list(default_graph or ()), list(named_graphs or ())
    else:
        clause = dataset_clause(query, base_iri)
        if clause is None:
            defaults = named = sorted(seen)
        else:
            defaults, named = clause
    return QueryDataset(_kept(defaults, seen), _kept(named, seen))


def _kept(graphs: Iterable[str], visible: set[str]) -> tuple[str, ...]:
    kept = tuple(dict.fromkeys(g for g in graphs if g in visible))
    return kept or (NO_GRAPH,)


_FROM_KEYWORDS = {"FROM", "NAMED"}


def dataset_clause(query: str, base_iri: str | None = None) -> tuple[list[str], list[str]] | None:
    """The IRIs of a query's FROM and FROM NAMED clauses; None when it has none.

    Read with the endpoint's one tokenizer (so FROM in a comment or a string is no clause):
    IRIs are resolved against BASE / `base_iri`, prefixed names expanded. What this misses
    cannot widen a public caller's dataset: the dataset passed to the engine is explicit.
    """
    prefixes: dict[str, str] = {}
    base = base_iri or ""
    defaults: list[str] = []
    named: list[str] = []
    found = False
    stream = tokens(expand_escapes(query))
    for token in stream:
        word = token.keyword
        if token.depth > 0:
            continue
        if word == "BASE":
            iri = next(stream, None)
            if iri is not None and iri.kind == "iri":
                base = urljoin(base, iri.text[1:-1])
        elif word == "PREFIX":
            name, iri = next(stream, None), next(stream, None)
            if name is not None and iri is not None and name.kind == "pname" and iri.kind == "iri":
                prefixes[name.text[:-1]] = urljoin(base, iri.text[1:-1])
        elif word == "FROM":
            found = True
            target = next(stream, None)
            into = defaults
            if target is not None and target.keyword == "NAMED":
                into, target = named, next(stream, None)
            if target is None:
                break
            if target.kind == "iri":
                into.append(urljoin(base, target.text[1:-1]))
            elif target.kind == "pname":
                prefix, _, local = target.text.partition(":")
                into.append(prefixes.get(prefix, prefix + ":") + re.sub(r"\\(.)", r"\1", local))
    return (defaults, named) if found else None


def is_public_graph(store, graph: str) -> bool:
    """Whether `graph` is one of the public graphs of `store`."""
    return graph in graph_access(store).public
