"""SPARQL 1.1 Graph Store HTTP Protocol, read only, at the query endpoint: `GET`/`HEAD`
`/sparql?graph=IRI` (indirect graph identification) answers that named graph, `?default` the
default graph (the union of the graphs the caller sees), in any RDF format (Accept or
`format`). A graph the caller does not see, or that holds no triples, is 404. The writes
(`PUT`, `DELETE`, `PATCH`, and `POST` of RDF) are refused with 405: the store is read-only.
"""

from __future__ import annotations

from flask import Blueprint, Response, request

from server.errors import BadRequest, NotFound, ReadOnlyGraphStore
from server.rdf import formats
from server.store.access import NO_GRAPH, graph_access
from server.web.authorisation import caller_authorised
from server.web.context import state
from server.web.negotiation import negotiate

bp = Blueprint("graph_store", __name__)

READ_ONLY = (
    "the Graph Store Protocol is read-only here: GET or HEAD /sparql?graph=IRI (or ?default) "
    "reads a graph; {method} would change it and is not allowed"
)
ALLOWED = "GET, HEAD, POST, OPTIONS"


def is_graph_store_request() -> bool:
    """Whether a request on /sparql is a Graph Store Protocol one (graph= or default, no query)."""
    args = request.args
    return ("graph" in args or "default" in args) and "query" not in args and "update" not in args


@bp.route("/sparql", methods=["PUT", "DELETE", "PATCH"])
def refuse_write() -> Response:
    raise ReadOnlyGraphStore(READ_ONLY.format(method=request.method))


def refuse_post() -> None:
    raise ReadOnlyGraphStore(READ_ONLY.format(method="POST"))


def read_graph() -> Response:
    """Answer GET/HEAD /sparql?graph=IRI or ?default with the graph in the negotiated format."""
    args = request.args
    graphs = args.getlist("graph")
    if ("default" in args) == bool(graphs) or len(graphs) > 1:
        raise BadRequest("give exactly one of graph=IRI or default (Graph Store Protocol 4.2)")
    media = negotiate(request.headers.get("Accept"), formats.GRAPH, args.getlist("format") or None)
    store = state()["query_service"].store
    visible = graph_access(store).visible(caller_authorised())
    if graphs:
        if graphs[0] not in visible:
            raise NotFound(f"no graph <{graphs[0]}> in this graph store")
        dataset = [graphs[0]]
    else:
        dataset = list(visible) or [NO_GRAPH]
    triples = store.query(
        "CONSTRUCT WHERE { ?s ?p ?o }", default_graph=dataset, named_graphs=[NO_GRAPH]
    )
    body, count = formats.serialise_graph(triples, media)
    response = Response(body, content_type=media.content_type)
    response.headers["X-Result-Rows"] = str(count)
    response.vary.add("Accept")
    return response  # HEAD: werkzeug drops the body and keeps Content-Length


@bp.after_app_request
def _allow_on_refusal(response: Response) -> Response:
    if response.status_code == 405 and request.path == "/sparql":
        response.headers["Allow"] = ALLOWED
    return response
