"""Any SPARQL 1.1 endpoint as a query target, through SPARQLWrapper (the design's client).

Answers come back as the same pyoxigraph result objects the embedded store gives, so the
CLI renders and serialises them the same way whichever store answered.
"""

from __future__ import annotations

import json
import urllib.error
from collections.abc import Iterator, Sequence

import pyoxigraph as ox
from SPARQLWrapper import JSON, N3, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from server.errors import EndpointError, QuerySyntaxError
from server.rdf.sparql_text import query_head, without_comments

GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")


class RemoteStore:
    """A SPARQL endpoint behind the Store protocol's `query` (read-only)."""

    def __init__(self, endpoint: str, timeout: float = 60.0) -> None:
        self.endpoint = endpoint
        self.timeout = timeout
        self.version = ""

    def query(
        self,
        sparql: str,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        union: bool = True,
        base_iri: str | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | Iterator[ox.Triple]:
        """Send `sparql`; SELECT/ASK answers come back as SPARQL JSON, graphs as N-Triples.

        `union` and `base_iri` are the endpoint's business (its dataset, its base), not ours.

        Comments are left out of what is sent: SPARQLWrapper guesses the query form with a
        regular expression that can take a word in a comment ("loaded") for an update.
        """
        form = query_head(sparql).form
        if form is None:
            raise QuerySyntaxError("not a SPARQL query (no SELECT, CONSTRUCT, ASK or DESCRIBE)")
        client = SPARQLWrapper(self.endpoint)
        client.setMethod(POST)
        client.setTimeout(int(self.timeout))
        client.setQuery(without_comments(sparql))
        for graph in default_graph or ():
            client.addDefaultGraph(graph)
        for graph in named_graphs or ():
            client.addNamedGraph(graph)
        graph_form = form in GRAPH_FORMS
        # N3 asks for text/turtle, text/n3 …; N-Triples is a subset of Turtle, so one parser fits.
        client.setReturnFormat(N3 if graph_form else JSON)
        if graph_form:
            client.addCustomHttpHeader("Accept", "application/n-triples, text/turtle;q=0.9")
        try:
            response = client.query().response
            body = response.read()
            content_type = response.headers.get("Content-Type", "")
        except SPARQLWrapperException as exc:
            message = str(exc).split("Response:", 1)[-1].strip() or str(exc)
            if "QueryBadFormed" in type(exc).__name__:
                raise QuerySyntaxError(f"{self.endpoint}: {message}") from None
            raise EndpointError(f"{self.endpoint}: {type(exc).__name__}: {message}") from None
        except urllib.error.HTTPError as exc:
            detail = _error_detail(exc.read())
            raise EndpointError(
                f"{self.endpoint}: HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")
            ) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise EndpointError(f"{self.endpoint}: cannot reach the endpoint ({reason})") from None
        try:
            if graph_form:
                fmt = ox.RdfFormat.N_TRIPLES if "n-triples" in content_type else ox.RdfFormat.TURTLE
                return iter([quad.triple for quad in ox.parse(body, format=fmt)])
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            raise EndpointError(
                f"{self.endpoint}: the answer ({content_type or 'no content type'}) "
                f"does not parse: {exc}"
            ) from None


def _error_detail(body: bytes) -> str:
    """The message of an error answer: a JSON error's `message`, else the text, shortened."""
    text = body.decode("utf-8", errors="replace").strip()
    try:
        message = json.loads(text)["error"]["message"]
    except (ValueError, KeyError, TypeError):
        message = text
    return str(message)[:500]
