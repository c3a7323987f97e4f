"""Run one SPARQL query and write its result: the core behind /sparql and the query catalogue.

`evaluate(store, job)` is independent of Flask and of processes: the query worker processes
call it (server.executor), and so does `mannheim-kg query` (through the same QueryService,
in-process), so HTTP and the CLI refuse the same things with the same messages. It checks
what must be refused before anything runs (update, SERVICE outside the allow-list),
evaluates on the store, writes the result in the media type negotiated for its kind, and
returns the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from server.errors import (
    FederatedServiceFailed,
    MannheimKGError,
    NotAcceptable,
    QueryEvaluationError,
    QuerySyntaxError,
    ServiceNotAllowed,
    UnsupportedFunction,
    UpdateForbidden,
)
from server.rdf import formats
from server.rdf.namespace import BASE
from server.rdf.sparql_text import (
    QueryHead,
    may_call_service,
    nested_deeper_than,
    query_head,
    service_endpoints,
)
from server.store.access import graph_access, public_dataset, public_view
from server.store.oxigraph import Store

#: pyoxigraph's message for a call of a function IRI it does not implement (a RuntimeError,
#: like its genuine failures, so it is told apart by its text).
UNKNOWN_FUNCTION = re.compile(r"The custom function (<[^<>]*>) is not supported")


@dataclass(frozen=True)
class QueryJob:
    """One query request: the text, the protocol's dataset, how to write the result, limits."""

    query: str
    default_graph: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    media_types: tuple[tuple[str, str | None], ...] = ()
    """The negotiated media type per kind of result, as (kind, name) pairs: one pair when the
    query's form was known, one per kind otherwise; None where the client accepts none (406).
    A kind not listed is written in its default format."""
    max_rows: int | None = None
    max_depth: int | None = None
    """Deepest nesting of groups, parentheses and brackets allowed (max_query_depth)."""
    service_allow_list: tuple[str, ...] | None = ()
    """The SERVICE endpoints a query may call; None: no list of ours (a remote store, whose
    endpoint applies its own policy)."""
    base_iri: str | None = BASE
    """Relative IRIs in a query without BASE resolve against the project's namespace."""
    authorised: bool = False
    """Whether the caller sees the restricted graphs (a configured token); else public only.
    Part of the result cache's key: an answer for one level of access is never served to
    another."""
    client: str = ""
    """Who asked (the client's address): slow queries are limited per client."""

    def media_type(self, kind: str) -> formats.MediaType:
        """The media type for a result of `kind` (NotAcceptable when the client takes none)."""
        chosen = dict(self.media_types)
        if kind not in chosen:
            return formats.DEFAULTS[kind]
        for media in formats.media_types_for(kind):
            if media.name == chosen[kind]:
                return media
        raise NotAcceptable(kind, [m.name for m in formats.media_types_for(kind)])


@dataclass(frozen=True)
class QueryOutcome:
    """A written result: the bytes, their media type, and how many rows or triples they hold."""

    body: bytes
    media_type: str
    kind: str
    rows: int | None = None
    status: int = 200

    @property
    def content_type(self) -> str:
        for media in (*formats.MEDIA_TYPES, formats.HTML):
            if media.name == self.media_type:
                return media.content_type
        return self.media_type


def refuse_update(query: str) -> QueryHead:
    """The head of `query`; raises UpdateForbidden when it is a SPARQL Update (read-only)."""
    head = query_head(query)
    if head.is_update:
        raise UpdateForbidden(
            "this is a SPARQL Update; update is disabled on this endpoint (the graph is read-only)"
        )
    return head


def refuse_deep_nesting(query: str, limit: int | None) -> None:
    """Raise QuerySyntaxError (400) for a query nested deeper than `limit`: pyoxigraph's parser
    recurses, and 5000 nested groups overflow its stack and end the process."""
    if limit is not None and nested_deeper_than(query, limit):
        raise QuerySyntaxError(
            f"the query nests groups, parentheses or brackets more than {limit} deep, "
            "the limit of this endpoint (max_query_depth)"
        )


def check_refusals(job: QueryJob) -> list[str]:
    """Raise for what this endpoint never runs: nesting past the limit, updates, SERVICE calls
    outside the allow-list.

    Returns the SERVICE endpoints the query may call (all on the allow-list).
    """
    refuse_deep_nesting(job.query, job.max_depth)
    refuse_update(job.query)
    if not may_call_service(job.query):
        return []
    endpoints = service_endpoints(job.query, job.base_iri)
    if job.service_allow_list is None:
        return endpoints
    for endpoint in endpoints:
        if endpoint not in job.service_allow_list:
            shown = endpoint if endpoint.startswith("?") else f"<{endpoint}>"
            raise ServiceNotAllowed(shown, job.service_allow_list)
    return endpoints


def evaluate(store: Store, job: QueryJob) -> QueryOutcome:
    """Evaluate `job` on `store` and serialise the result in the negotiated media type."""
    endpoints = check_refusals(job)
    head = query_head(job.query)
    try:
        default_graph, named_graphs = job.default_graph, job.named_graphs
        view = None if job.authorised else public_view(store)
        if view is not None:  # a store of the public graphs only: the query's dataset as is
            store = view
        elif not job.authorised:  # else an explicit dataset of public graphs only
            dataset = public_dataset(
                job.query,
                graph_access(store).visible(authorised=False),
                default_graph=default_graph,
                named_graphs=named_graphs,
                base_iri=job.base_iri,
            )
            default_graph, named_graphs = dataset.default_graph, dataset.named_graphs
        result = store.query(
            job.query,
            default_graph=default_graph,
            named_graphs=named_graphs,
            union=not head.has_dataset_clause,
            base_iri=job.base_iri,
        )
        kind = formats.kind_of(result, head.form)
        media = job.media_type(kind)
        if kind == formats.SOLUTIONS:
            body, rows = formats.serialise_solutions(result, media, job.max_rows)
        elif kind == formats.BOOLEAN:
            body, rows = formats.serialise_boolean(result, media), None
        else:
            body, rows = formats.serialise_graph(
                result, media, job.max_rows, prefixes=dict(head.prefixes)
            )
    except MannheimKGError:
        raise
    except OSError as exc:
        if endpoints:  # the engine's own work does no I/O: the federated call failed
            called = ", ".join(f"<{e}>" for e in endpoints)
            raise FederatedServiceFailed(
                f"the SERVICE endpoint {called} failed or could not be reached: {exc}"
            ) from None
        raise QueryEvaluationError(f"the query failed while running: {exc}") from None
    except (RuntimeError, ValueError, TypeError) as exc:
        unknown = UNKNOWN_FUNCTION.fullmatch(str(exc))
        if unknown:
            raise UnsupportedFunction(
                f"the query calls the function {unknown.group(1)}, which this endpoint does "
                "not support (SPARQL 1.1 built-ins and XSD casts are)"
            ) from None
        # pyoxigraph evaluates lazily: engine errors surface while the rows are read.
        raise QueryEvaluationError(f"the query failed while running: {exc}") from None
    return QueryOutcome(body, media.name, kind, rows)
