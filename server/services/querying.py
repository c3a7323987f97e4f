"""Run one SPARQL query and write its result: the core behind /sparql and the query catalogue.

`evaluate(store, job)` is independent of Flask and of processes: the query worker processes
call it (server.executor), and so can a CLI command or a test. It checks what must be
refused before anything runs (update, SERVICE outside the allow-list), evaluates on
pyoxigraph, negotiates the media type for the actual kind of result, and returns the body.
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
from server.store.oxigraph import OxigraphStore

#: pyoxigraph's message for a call of a function IRI it does not implement (a RuntimeError,
#: like its genuine failures, so it is told apart by its text).
UNKNOWN_FUNCTION = re.compile(r"The custom function (<[^<>]*>) is not supported")


@dataclass(frozen=True)
class QueryJob:
    """One query request: the text, the protocol's dataset, how to write the result, limits."""

    query: str
    default_graph: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    accept: str | None = None
    format_names: tuple[str, ...] = ()
    media_type: str | None = None
    """An already negotiated media type (its name): wins over accept/format_names."""
    max_rows: int | None = None
    max_depth: int | None = None
    """Deepest nesting of groups, parentheses and brackets allowed (max_query_depth)."""
    service_allow_list: tuple[str, ...] = ()
    base_iri: str | None = BASE
    """Relative IRIs in a query without BASE resolve against the project's namespace."""
    client: str = ""
    """Who asked (the client's address): slow queries are limited per client."""
    access: str = "public"
    """What the caller may see (e.g. the graphs its token opens): part of the result cache's
    key, so that an answer for one level of access is never served to another."""

    def negotiate(self, kind: str) -> formats.MediaType:
        """The media type for a result of `kind`, from media_type, format_names or accept."""
        if self.media_type:
            for media in formats.media_types_for(kind):
                if media.name == self.media_type:
                    return media
            raise NotAcceptable(kind, [m.name for m in formats.media_types_for(kind)])
        return formats.negotiate(self.accept, kind, self.format_names)


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
    for endpoint in endpoints:
        if endpoint not in job.service_allow_list:
            shown = endpoint if endpoint.startswith("?") else f"<{endpoint}>"
            raise ServiceNotAllowed(shown, job.service_allow_list)
    return endpoints


def evaluate(store: OxigraphStore, job: QueryJob) -> QueryOutcome:
    """Evaluate `job` on `store` and serialise the result in the negotiated media type."""
    endpoints = check_refusals(job)
    head = query_head(job.query)
    try:
        result = store.query(
            job.query,
            default_graph=job.default_graph,
            named_graphs=job.named_graphs,
            union=not head.has_dataset_clause,
            base_iri=job.base_iri,
        )
        kind = formats.kind_of(result)
        media = job.negotiate(kind)
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
