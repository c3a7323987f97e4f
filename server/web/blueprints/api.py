"""`/api/queries`: the query catalogue over HTTP, and its OpenAPI document.

Thin: read the parameters, bind them (server.catalogue), negotiate (server.web.negotiation),
and hand the bound query to the same query service as `/sparql`, with its time and row limits.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, jsonify, request
from werkzeug.datastructures import MultiDict

from server import __version__
from server.catalogue.catalogue import Catalogue, Query, json_value_text
from server.catalogue.openapi import openapi_document
from server.errors import BadRequest, ParameterError, UnsupportedMediaType
from server.rdf import formats
from server.services.querying import QueryJob
from server.web.authorisation import caller_authorised
from server.web.context import outcome_response, preflight, state
from server.web.negotiation import negotiate

bp = Blueprint("api", __name__)

FORMAT_PARAMETERS = ("format", "output")
PAGE_PARAMETERS = ("limit", "offset")


def catalogue() -> Catalogue:
    return state()["catalogue"]


@bp.route("/api/queries", methods=["GET"])
def listing() -> Response:
    """Every query: name, summary, description (en, de), tags, typed parameters."""
    response = jsonify([{**q.describe(), "url": _url(q.name)} for q in catalogue()])
    response.headers["Link"] = (
        f'<{request.script_root}/api/openapi.json>; rel="service-desc"; '
        'type="application/vnd.oai.openapi+json;version=3.1"'
    )
    return response


@bp.route("/api/openapi.json", methods=["GET"])
def openapi() -> Response:
    document = openapi_document(
        catalogue(), version=__version__, server_url=request.script_root or "/"
    )
    return jsonify(document)


@bp.route("/api/queries/<name>", methods=["GET", "POST", "OPTIONS"])
def run(name: str) -> Response:
    """Run one query with the request's parameters; the result in the negotiated format."""
    if request.method == "OPTIONS":
        return preflight()
    query = catalogue()[name]  # QueryNotFound → 404
    params = _request_parameters(query)
    limit, offset = (_page_value(params, key) for key in PAGE_PARAMETERS)
    if limit is None:
        limit = query.pagination
    format_names = tuple(v for key in FORMAT_PARAMETERS for v in params.poplist(key))
    values = {key: params.getlist(key) for key in params}
    text = query.bind(values, limit=limit, offset=offset)
    accept = request.headers.get("Accept")
    # The form is known before the query runs: refuse an unacceptable request at once.
    kind = formats.RESULT_KINDS[query.form]
    media = negotiate(accept, kind, format_names)
    job = QueryJob(
        query=text,
        media_types=((kind, media.name),),
        authorised=caller_authorised(),
        client=request.remote_addr or "",
    )
    outcome = state()["query_service"].run(job)
    response = outcome_response(outcome)
    links = _page_links(query, values, format_names, limit, offset or 0, outcome.rows)
    if links:
        response.headers["Link"] = ", ".join(links)
    return response


def _request_parameters(query: Query) -> MultiDict:
    """Parameters from the URL, and for POST from the form or a JSON object body."""
    params = MultiDict(request.args)
    if request.method != "POST" or not request.content_length:
        return params
    if request.mimetype == "application/x-www-form-urlencoded":
        for key, value in request.form.items(multi=True):
            params.add(key, value)
    elif request.mimetype == "application/json":
        for key, value in _json_body().items():
            params.add(key, _json_text(query, key, value))
    else:
        raise UnsupportedMediaType(
            f"{request.mimetype or 'no content type'} is not accepted here; send "
            "application/x-www-form-urlencoded or application/json"
        )
    return params


def _json_body() -> dict[str, Any]:
    try:
        body = json.loads(request.get_data(cache=True))
    except UnicodeDecodeError as exc:
        raise BadRequest(f"invalid JSON: not UTF-8 ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise BadRequest(
            f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    if not isinstance(body, dict):
        raise BadRequest("the JSON body must be an object of parameter names and values")
    return body


def _json_text(query: Query, key: str, value: Any) -> str:
    """The value's text, if its JSON type is the documented one (OpenAPI: the body schema)."""
    if key in PAGE_PARAMETERS:
        return json_value_text(key, value, "integer")
    if key in FORMAT_PARAMETERS:
        return json_value_text(key, value, "string")
    return query.parameter(key).json_text(value)  # an unknown name → 400 naming it


def _page_value(params: MultiDict, key: str) -> int | None:
    values = params.poplist(key)
    if not values or values == [""]:
        return None
    if len(values) > 1:
        raise ParameterError(key, "given more than once")
    raw = values[0].strip()
    if not raw.isdigit():
        raise ParameterError(key, f"{values[0]!r} is not a non-negative integer")
    return int(raw)


def _url(name: str, query: dict[str, Any] | None = None) -> str:
    base = f"{request.script_root}/api/queries/{name}"
    return f"{base}?{urlencode(query, doseq=True)}" if query else base


def _page_links(
    query: Query,
    values: dict[str, list[str]],
    format_names: tuple[str, ...],
    limit: int | None,
    offset: int,
    rows: int | None,
) -> list[str]:
    """RFC 8288 links to the next page (when this one is full) and the previous one."""
    if limit is None or rows is None or limit == 0:
        return []
    base = {**values, **({"format": list(format_names)} if format_names else {})}
    links = []
    if rows >= limit:
        target = _url(query.name, {**base, "limit": limit, "offset": offset + limit})
        links.append(f'<{target}>; rel="next"')
    if offset > 0:
        target = _url(query.name, {**base, "limit": limit, "offset": max(offset - limit, 0)})
        links.append(f'<{target}>; rel="prev"')
    return links
