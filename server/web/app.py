"""The web app: create_app, the one error handler, request metrics, CORS (blueprints apart)."""

from __future__ import annotations

import logging
import time
from typing import Any

from flask import Flask, Response, g, request
from werkzeug.exceptions import ClientDisconnected, HTTPException, RequestEntityTooLarge

from server.catalogue.catalogue import Catalogue
from server.config import Settings, load_settings
from server.errors import (
    BadRequest,
    MannheimKGError,
    PayloadTooLarge,
    RequestTimeout,
    ServiceBusy,
)
from server.services.query_service import QueryService
from server.store.oxigraph import OxigraphStore
from server.web.context import EXTENSION, state
from server.web.errors import error_document
from server.web.metrics import RequestMetrics
from server.web.negotiation import prefers_json

log = logging.getLogger("server.http")

#: The paths any origin may call (the query blueprints): the data are public and nothing here
#: uses cookies. Matched on the path, since request.blueprint is None when routing fails (405).
CROSS_ORIGIN_PATHS = ("/sparql", "/api/")
EXPOSED_HEADERS = "ETag, Content-Type, Content-Length, Link, Retry-After, Vary, X-Result-Rows"


def create_app(
    config: Settings | dict[str, Any] | None = None, store: OxigraphStore | None = None
) -> Flask:
    """Application factory: state lives in app.extensions['mannheim_kg'], never in globals.

    `store`: the configured dataset, opened already (else opened on first use)."""
    settings = config if isinstance(config, Settings) else load_settings(config)
    app = Flask(__name__)
    # One byte over max_body: werkzeug stops reading a chunked body at MAX_CONTENT_LENGTH
    # without an error, so views.bound_body reads that one byte more to tell "too long".
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body + 1
    app.config["MAX_FORM_MEMORY_SIZE"] = settings.max_body
    # queries/ is read now: a broken query file stops the start, not a request.
    folder = settings.queries
    app.extensions[EXTENSION] = {
        "settings": settings,
        "query_service": QueryService(settings, store),
        "catalogue": Catalogue.from_folder(folder) if folder.is_dir() else Catalogue({}),
        "metrics": RequestMetrics(),
    }
    init_app(app)
    return app


def init_app(app: Flask) -> None:
    """Register the error handler, metrics hooks and the blueprints of this package."""
    from server.web import authorisation
    from server.web.blueprints import (
        api,
        download,
        graph_store,
        metadata,
        ops,
        pages,
        resources,
        sparql,
    )

    app.register_error_handler(Exception, render_error)
    app.before_request(_start_timer)
    app.before_request(bound_body)
    app.after_request(_observe)
    app.after_request(_allow_any_origin)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(ops.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(resources.bp)
    app.register_blueprint(graph_store.bp)
    app.register_blueprint(download.bp)
    app.register_blueprint(metadata.bp)
    authorisation.init_app(app)
    pages.init_app(app)


def render_error(exc: Exception) -> Response:
    """The one error handler: status and message, plain text or JSON; never a traceback."""
    if isinstance(exc, RequestEntityTooLarge):
        exc = PayloadTooLarge(state()["settings"].max_body)
    if not isinstance(exc, MannheimKGError | HTTPException):
        log.exception("unexpected error answering %s %s", request.method, request.path)
    status, body, content_type = error_document(exc, prefers_json(request.headers.get("Accept")))
    response = Response(body, status=status, content_type=content_type)
    if isinstance(exc, HTTPException) and exc.response is None:
        for name in ("Allow", "WWW-Authenticate"):
            value = exc.get_response().headers.get(name)
            if value:
                response.headers[name] = value
    if isinstance(exc, ServiceBusy):
        # Only for "busy": a client that honours it after a timeout would resubmit the
        # same expensive query.
        response.headers["Retry-After"] = "5"
    return response


def bound_body() -> None:
    """Read a request body whole, and refuse one longer than max_body (413), never cut it.

    A chunked body has no Content-Length; werkzeug's stream simply ends at MAX_CONTENT_LENGTH
    (max_body + 1), so a body that fills it is too long. The body stays cached for the views
    (request.get_data, request.form).
    """
    if request.method not in ("POST", "PUT", "PATCH"):
        return
    limit = state()["settings"].max_body
    if request.content_length is not None and request.content_length > limit:
        raise PayloadTooLarge(limit)
    try:
        body = request.get_data(cache=True, parse_form_data=False)
    except ClientDisconnected as exc:
        # werkzeug reports any failed read so; a timeout is the server's socket giving up on
        # a stalled client (read_timeout, see server.wsgi)
        if isinstance(exc.__context__, TimeoutError):
            raise RequestTimeout(
                "the request body stopped arriving before its end (read_timeout)"
            ) from None
        raise _cut_body() from None
    except HTTPException:
        raise
    except Exception as exc:  # the front's framing errors (a bad chunk size): the client's
        reason = str(exc) or type(exc).__name__
        raise BadRequest(f"the request body could not be read: {reason}") from None
    if len(body) > limit:
        raise PayloadTooLarge(limit)
    if request.content_length is not None and len(body) < request.content_length:
        # gunicorn ends the stream at the client's EOF without an error: never run a cut query
        raise _cut_body()


def _cut_body() -> BadRequest:
    return BadRequest(
        f"the request body ended before its Content-Length ({request.content_length} bytes)"
    )


def _allow_any_origin(response: Response) -> Response:
    """CORS for the query blueprints (errors included); Accept shapes every answer there."""
    path = request.path
    if any(path == p.rstrip("/") or path.startswith(p) for p in CROSS_ORIGIN_PATHS):
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        response.vary.add("Accept")
    return response


def _start_timer() -> None:
    g.mannheim_kg_started = time.perf_counter()


def _observe(response: Response) -> Response:
    started = g.get("mannheim_kg_started")
    if started is not None:
        route = request.url_rule.rule if request.url_rule else "(unmatched)"
        state()["metrics"].observe(
            route, request.method, response.status_code, time.perf_counter() - started
        )
    return response
