"""`/sparql`: the SPARQL 1.1 Protocol (query operation; update is disabled).

Thin: read the protocol request, negotiate, hand a QueryJob to the query service, answer.
"""

from __future__ import annotations

import hashlib
import json
from urllib.parse import unquote_to_bytes

from flask import Blueprint, Response, render_template, request
from werkzeug.datastructures import CombinedMultiDict, MultiDict

from server.errors import BadRequest, UnsupportedMediaType, UpdateForbidden
from server.publish.service_description import PREFIXES, service_description
from server.rdf import formats
from server.rdf.sparql_text import is_volatile, without_comments
from server.services.querying import QueryJob, refuse_update
from server.web.authorisation import caller_authorised
from server.web.blueprints import graph_store
from server.web.blueprints.pages import editor_context
from server.web.context import outcome_response, preflight, state
from server.web.i18n import language
from server.web.negotiation import negotiate, negotiate_each

bp = Blueprint("sparql", __name__)

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
FORMAT_PARAMETERS = ("format", "output", "results")


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def endpoint() -> Response:
    if request.method == "OPTIONS":
        return preflight()
    if graph_store.is_graph_store_request():  # GET ?graph=IRI / ?default: a graph store read
        if request.method in ("GET", "HEAD"):
            return graph_store.read_graph()
        if request.mimetype not in (FORM, QUERY_TYPE, UPDATE_TYPE):
            graph_store.refuse_post()
    settings = state()["settings"]
    query, params = _read_query()
    if query is None:
        return _service_page(params)
    if not without_comments(query).strip():
        raise BadRequest("the query is empty")
    head = refuse_update(query)  # before negotiating, caching or sending it to a worker
    format_names = _format_names(params)
    accept = request.headers.get("Accept")
    kind = formats.RESULT_KINDS.get(head.form or "")
    if kind:  # the form is known from the text: refuse an unacceptable request before running it
        media_types = ((kind, negotiate(accept, kind, format_names).name),)
    else:
        media_types = negotiate_each(accept, format_names)
    job = QueryJob(
        query=query,
        default_graph=tuple(params.getlist("default-graph-uri")) or None,
        named_graphs=tuple(params.getlist("named-graph-uri")) or None,
        media_types=media_types,
        authorised=caller_authorised(),
        client=request.remote_addr or "",
    )
    service = state()["query_service"]
    if is_volatile(query):  # NOW(), RAND(), …: a 304 would hand out a stale answer
        response = outcome_response(service.run(job))
        response.headers["Cache-Control"] = "no-store"
        return response
    etag = _etag(
        service.version,
        query,
        job.default_graph,
        job.named_graphs,
        media_types,
        settings.max_rows,
        job.authorised,
    )
    if _not_modified(etag):
        return _validated(Response(status=304), etag)
    return _validated(outcome_response(service.run(job)), etag)


def _read_query() -> tuple[str | None, MultiDict]:
    """The query text and the parameters of a protocol request; raises 4xx errors.

    GET: everything in the URL. POST form: query in the body, other parameters in the body or
    URL. POST direct: the body is the query (UTF-8), parameters in the URL.
    """
    args = request.args
    _require_utf8(request.query_string, "the URL's query string")
    if request.method in ("GET", "HEAD"):
        if "update" in args:
            raise UpdateForbidden("SPARQL Update is disabled on this endpoint (and never by GET)")
        return _single_query(args.getlist("query")), args
    mimetype = request.mimetype
    charset = (request.mimetype_params.get("charset") or "utf-8").lower()
    if mimetype == FORM:
        if charset not in ("utf-8", "utf8"):
            raise UnsupportedMediaType(
                f"{mimetype} must be sent in UTF-8, not {charset} (SPARQL 1.1 Protocol 2.1.2)"
            )
        _require_utf8(request.get_data(cache=True, parse_form_data=False), "the form")
        params = CombinedMultiDict([args, request.form])
        updates = params.getlist("update")
        if updates:
            if len(updates) > 1 or "query" in params:
                raise BadRequest("a request carries exactly one update or one query")
            raise UpdateForbidden()
        query = _single_query(params.getlist("query"))
        if query is None:
            raise BadRequest("the form has no 'query' parameter")
        return query, params
    if mimetype in (QUERY_TYPE, UPDATE_TYPE):
        if charset not in ("utf-8", "utf8"):
            raise UnsupportedMediaType(
                f"{mimetype} must be sent in UTF-8, not {charset} (SPARQL 1.1 Protocol 2.1.3)"
            )
        if mimetype == UPDATE_TYPE:
            raise UpdateForbidden()
        if "query" in args:
            raise BadRequest("a direct POST carries the query in the body, not in the URL")
        try:
            text = request.get_data(cache=False).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadRequest(f"the query is not valid UTF-8: {exc}") from None
        return text, args
    supported = f"{FORM} or {QUERY_TYPE}"
    if not mimetype:
        raise UnsupportedMediaType(f"a POST to /sparql needs a Content-Type: {supported}")
    raise UnsupportedMediaType(f"{mimetype} is not accepted at /sparql; send {supported}")


def _require_utf8(encoded: bytes, where: str) -> None:
    """Refuse percent-encoded text that is not UTF-8 (400): werkzeug would replace the bad
    bytes, or keep them as written, and run a query the client never sent."""
    try:
        unquote_to_bytes(encoded.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"{where} is not valid UTF-8 once percent-decoded: {exc}") from None


def _format_names(params: MultiDict) -> tuple[str, ...]:
    """The format names asked for in the parameters (SPARQLWrapper and others send them)."""
    return tuple(v for name in FORMAT_PARAMETERS for v in params.getlist(name))


def _single_query(values: list[str]) -> str | None:
    if len(values) > 1:
        raise BadRequest(f"exactly one 'query' parameter is allowed, not {len(values)}")
    return values[0] if values else None


def _etag(*parts) -> str:
    """A weak validator from the data version and everything that shapes the answer.

    Weak: the same request gives the same result, but blank node labels may differ.
    """
    digest = hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:32]
    return f'W/"{digest}"'


def _not_modified(etag: str) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False  # RFC 9110 13.1.2: 304 is for GET and HEAD only
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    if header.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in header.split(","))


def _validated(response: Response, etag: str) -> Response:
    """Clients may keep the answer but must revalidate it (If-None-Match) before reuse."""
    response.headers["ETag"] = etag
    response.headers["Cache-Control"] = "no-cache"
    return response


def _service_page(params: MultiDict) -> Response:
    """No query: the HTML form for browsers, the Service Description for RDF clients."""
    media = negotiate(request.headers.get("Accept"), formats.DESCRIPTION, _format_names(params))
    service = state()["query_service"]
    settings = state()["settings"]
    endpoint = request.base_url
    authorised = caller_authorised()
    graphs = service.visible_graph_sizes(authorised)
    # The page is in the request's language and names its assets: both shape the answer.
    page = (language(), editor_context()["editor_assets"]) if media is formats.HTML else ()
    etag = _etag(
        service.version, endpoint, media.name, settings.service_allow_list, authorised, *page
    )
    if _not_modified(etag):
        return _validated(Response(status=304), etag)
    if media is formats.HTML:
        body = render_template(
            "sparql.html",
            endpoint=endpoint,
            version=service.version,
            triples=sum(graphs.values()),
            graphs=graphs,
            formats=[m for m in formats.MEDIA_TYPES],
            settings=settings,
            **editor_context(),
        )
        response = Response(body, content_type=formats.HTML.content_type)
        response.headers["Link"] = f'<{endpoint}>; rel="alternate"; type="text/turtle"'
    else:
        triples = service_description(
            endpoint,
            graphs,
            federated=bool(settings.service_allow_list),
            void=request.url_root + ".well-known/void",
        )
        body, _ = formats.serialise_graph(triples, media, prefixes=PREFIXES)
        response = Response(body, content_type=media.content_type)
        response.headers["Link"] = f'<{endpoint}>; rel="alternate"; type="text/html"'
    return _validated(response, etag)
