"""What every blueprint shares: the app's state, and the small responses of the query routes."""

from __future__ import annotations

from flask import Response, current_app, request

from server.services.querying import QueryOutcome

#: The key of this app's state in app.extensions.
EXTENSION = "mannheim_kg"
ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"


def state() -> dict:
    """The app's state (settings, query service, catalogue, metrics), made by create_app."""
    return current_app.extensions[EXTENSION]


def outcome_response(outcome: QueryOutcome) -> Response:
    """A query's written result as a response, with its row count in X-Result-Rows."""
    response = Response(outcome.body, status=outcome.status, content_type=outcome.content_type)
    if outcome.rows is not None:
        response.headers["X-Result-Rows"] = str(outcome.rows)
    return response


def preflight() -> Response:
    """The answer to a CORS preflight (OPTIONS) on a query route."""
    response = Response(status=204)
    response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    response.headers["Access-Control-Allow-Headers"] = request.headers.get(
        "Access-Control-Request-Headers", "Accept, Content-Type, If-None-Match"
    )
    response.headers["Access-Control-Max-Age"] = "86400"
    response.headers["Allow"] = ALLOWED_METHODS
    return response
