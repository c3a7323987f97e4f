"""HTML pages for people: the landing page, the catalogue as forms, the pictures, and the
plain SPARQL form's result table (the editor itself is /sparql, server.web.blueprints.sparql).

Thin: read the request, ask server.services.overview / pictures or the query service, render
one template of server/web/templates (all extend base.html).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Blueprint, Flask, Response, render_template, request
from markupsafe import Markup

from server.catalogue.catalogue import Catalogue, Query
from server.errors import MannheimKGError
from server.rdf import formats
from server.rdf.namespace import BASE, PREFIXES
from server.rdf.sparql_text import query_head
from server.services import overview, pictures
from server.services.querying import QueryJob
from server.web import assets, i18n, security
from server.web.authorisation import caller_authorised
from server.web.context import state

bp = Blueprint("pages", __name__)

#: Parameter names of a query that also steer the page: the query's own `lang` is the page's.
RUN = "_run"


def _catalogue() -> Catalogue:
    return state()["catalogue"]


def _service():
    return state()["query_service"]


def _html(body: str, status: int = 200) -> Response:
    return Response(body, status=status, content_type=formats.HTML.content_type)


# -- the landing page -------------------------------------------------------------------------


@bp.route("/")
def home() -> Response:
    lang = i18n.language()
    service = _service()
    return _html(
        render_template(
            "index.html",
            clusters=overview.clusters(service, _catalogue(), lang),
            classes=overview.class_counts(service, lang),
            triples=len(service.store),
            graphs=len(service.graph_sizes()),
            queries=len(_catalogue()),
        )
    )


# -- the pictures ---------------------------------------------------------------------------


def _network_words() -> dict[str, str]:
    t = i18n.translate
    return {
        "title": t("network.title"),
        "desc": t("network.desc"),
        "legend": t("network.legend"),
        **{kind: t(f"kind.{kind}") for kind in pictures.KINDS},
    }


def _timeline_lanes(lang: str) -> list[tuple[str, str]]:
    clusters = overview.clusters(_service(), _catalogue(), lang)
    return [("", i18n.translate("timeline.strategy"))] + [(c.iri, c.label) for c in clusters]


@bp.route("/pictures/network")
def network_page() -> Response:
    net = pictures.network(_service(), _catalogue(), i18n.language())
    svg = pictures.network_svg(net, _network_words())
    response = _html(render_template("network.html", svg=Markup(svg), net=net))
    response.headers["Link"] = '</pictures/network.svg>; rel="alternate"; type="image/svg+xml"'
    return response


@bp.route("/pictures/network.svg")
def network_image() -> Response:
    net = pictures.network(_service(), _catalogue(), i18n.language())
    return Response(pictures.network_svg(net, _network_words()), content_type="image/svg+xml")


def _timeline() -> tuple[str, list[pictures.Dated], list[tuple[str, str]]]:
    lang = i18n.language()
    facts = pictures.timeline(_service(), _catalogue(), lang)
    lanes = _timeline_lanes(lang)
    words = {"title": i18n.translate("timeline.title"), "desc": i18n.translate("timeline.desc")}
    return pictures.timeline_svg(facts, lanes, words), facts, lanes


@bp.route("/pictures/timeline")
def timeline_page() -> Response:
    svg, facts, lanes = _timeline()
    return _html(render_template("timeline.html", svg=Markup(svg), facts=facts, lanes=dict(lanes)))


@bp.route("/pictures/timeline.svg")
def timeline_image() -> Response:
    return Response(_timeline()[0], content_type="image/svg+xml")


# -- results as a table -----------------------------------------------------------------------


@dataclass
class ResultTable:
    """A query's result for a page: columns and rows of cells, or a yes/no, or an error."""

    columns: list[str] = field(default_factory=list)
    rows: list[list[dict]] = field(default_factory=list)
    boolean: bool | None = None
    error: str | None = None
    status: int = 200


def run_for_page(query: str) -> ResultTable:
    """Run a query for an HTML page: cells with labels and local links; errors as a message."""
    service = _service()
    try:
        kind = formats.RESULT_KINDS.get(query_head(query).form, formats.SOLUTIONS)
        media = formats.N_TRIPLES if kind == formats.GRAPH else formats.SPARQL_JSON
        job = QueryJob(
            query=query,
            media_types=((kind, media.name),),
            authorised=caller_authorised(),
            client=request.remote_addr or "",
        )
        outcome = service.run(job)
    except MannheimKGError as exc:
        return ResultTable(error=str(exc), status=exc.status)
    if media is formats.N_TRIPLES:
        triples = ox.parse(outcome.body, format=ox.RdfFormat.N_TRIPLES)
        columns = ["subject", "predicate", "object"]
        raw = [
            dict(
                zip(
                    columns,
                    (_json_term(t.subject), _json_term(t.predicate), _json_term(t.object)),
                    strict=True,
                )
            )
            for t in triples
        ]
    else:
        document = json.loads(outcome.body)
        if "boolean" in document:
            return ResultTable(boolean=document["boolean"])
        columns = document["head"]["vars"]
        raw = document["results"]["bindings"]
    iris = {c["value"] for row in raw for c in row.values() if c["type"] == "uri"}
    names = overview.labels(service, iris, i18n.language())
    rows = [[_cell(row.get(column), names) for column in columns] for row in raw]
    return ResultTable(columns=columns, rows=rows)


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def short_iri(iri: str) -> str:
    """An IRI in prefix:local form where a known prefix fits (the longest namespace wins)."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return iri
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(best) :]}"


def _cell(term: dict | None, names: dict[str, str]) -> dict:
    if term is None:
        return {"kind": "empty"}
    value = term["value"]
    if term["type"] == "uri":
        return {
            "kind": "iri",
            "href": overview.local_path(value),
            "text": names.get(value) or short_iri(value),
            "iri": value,
            "local": value.startswith(BASE),
        }
    if term["type"] == "bnode":
        return {"kind": "bnode", "text": "_:" + value}
    note = term.get("xml:lang") or (short_iri(term["datatype"]) if "datatype" in term else "")
    return {"kind": "literal", "text": value, "note": note}


# -- the plain SPARQL form's results ------------------------------------------------------------


@bp.route("/sparql/table")
def sparql_table() -> Response:
    """The fallback of the editor: run the form's query and show the result as a table."""
    query = request.args.get("query")
    example = request.args.get("example")
    if query is None and example in _catalogue():
        query, table = _catalogue()[example].text, None  # loaded into the form, not run
    elif query is None:
        table = None
    elif not query.strip():
        table = ResultTable(error="the query is empty", status=400)
    else:
        table = run_for_page(query)
    # The plain form's own page: the result in HTML, no editor above it.
    context = {**editor_context(), "editor_ready": False}
    body = render_template("sparql.html", query=query, table=table, **context)
    return _html(body, status=table.status if table else 200)


def editor_context() -> dict:
    """What the editor page needs besides the endpoint: examples, prefixes, the assets."""
    lang = i18n.language()
    examples = [
        {
            "name": q.name,
            "summary": q.summary.get(lang) or q.summary.get("en", q.name),
            "query": q.text,
        }
        for q in _catalogue()
        if not any(p.required for p in q.parameters)
    ]
    config = {
        "endpoint": "/sparql",
        "prefixes": PREFIXES,
        "prefixesUrl": "/sparql/prefixes.json",
        "examples": examples,
        "base": BASE,
        "lang": lang,
        "labels": {
            "endpoint": i18n.translate("sparql.endpoint"),
            "query": i18n.translate("sparql.query"),
            "pageSize": i18n.translate("sparql.page_size"),
            "filter": i18n.translate("sparql.filter"),
        },
    }
    return {
        "editor_config": json.dumps(config, ensure_ascii=False).replace("</", "<\\/"),
        "editor_ready": bool(assets.asset_url("yasgui.js")),
        "editor_assets": [assets.asset_url(n) for n in ("yasgui.js", "yasgui.css", "editor.js")],
        "examples": examples,
    }


@bp.route("/sparql/prefixes.json")
def prefixes() -> Response:
    """The project's prefixes for the editor's completion (name → namespace)."""
    response = Response(json.dumps(PREFIXES, indent=1), content_type="application/json")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


# -- the catalogue as forms ---------------------------------------------------------------------


@bp.route("/queries/")
def queries() -> Response:
    response = _html(render_template("queries.html", queries=list(_catalogue())))
    response.headers["Link"] = '</api/queries>; rel="alternate"; type="application/json"'
    return response


@bp.route("/queries/<name>")
def query_page(name: str) -> Response:
    query = _catalogue()[name]  # QueryNotFound → 404
    lang = i18n.language()
    values = {p.name: request.args.get(p.name, "") for p in query.parameters}
    if "lang" in values and not values["lang"]:
        values["lang"] = lang
    fields = _fields(query, values, lang)
    table, text = None, None
    if RUN in request.args or not query.parameters:
        bound = {k: [v] for k, v in values.items() if v != ""}
        try:
            text = query.bind(bound, limit=query.pagination)
        except MannheimKGError as exc:
            table = ResultTable(error=str(exc), status=exc.status)
        else:
            table = run_for_page(text)
    api = {k: v for k, v in values.items() if v}
    api_url = f"/api/queries/{name}" + (f"?{urlencode(api)}" if api else "")
    api_formats = [
        (m.label, f"/api/queries/{name}?{urlencode({**api, 'format': m.format_names[0]})}")
        for m in formats.media_types_for(formats.RESULT_KINDS[query.form])
        if m.format_names
    ]
    body = render_template(
        "query.html",
        query=query,
        fields=fields,
        table=table,
        text=text or query.text,
        api_url=api_url,
        api_formats=api_formats,
        editor_url="/sparql#" + urlencode({"query": text or query.text}),
    )
    response = _html(body, status=table.status if table else 200)
    response.headers["Link"] = (
        f'<{api_url}>; rel="alternate"; type="{formats.SPARQL_JSON.name}"'
        if query.form in ("SELECT", "ASK")
        else f'<{api_url}>; rel="alternate"; type="{formats.TURTLE.name}"'
    )
    return response


def _fields(query: Query, values: dict[str, str], lang: str) -> list[dict]:
    """One form field per parameter: enums as selects (IRIs with their labels), else inputs."""
    iris = [v for p in query.parameters if p.type == "iri" for v in p.enum]
    names = overview.labels(_service(), iris, lang) if iris else {}
    input_types = {"integer": "number", "decimal": "number", "date": "date"}
    fields = []
    for p in query.parameters:
        fields.append(
            {
                "name": p.name,
                "type": p.type,
                "required": p.required,
                "value": values.get(p.name) or p.default or "",
                "description": p.description.get(lang) or p.description.get("en", ""),
                "options": [(v, names.get(v) or short_iri(v)) for v in p.enum],
                "input": input_types.get(p.type, "text"),
                "step": "any" if p.type == "decimal" else None,
            }
        )
    return fields


# -- registration -----------------------------------------------------------------------------


def _page_context() -> dict:
    lang = i18n.language()
    other = "en" if lang == "de" else "de"
    args = request.args.to_dict()
    args["lang"] = other
    return {
        "t": i18n.translate,
        "lang": lang,
        "switch_url": f"{request.path}?{urlencode(args)}",
        "short_iri": short_iri,
        "local_path": overview.local_path,
    }


def init_app(app: Flask) -> None:
    """Register the pages, the assets, the template context, and the HTML headers."""
    app.register_blueprint(bp)
    assets.init_app(app)
    app.context_processor(_page_context)
    app.after_request(_html_headers)


def _html_headers(response: Response) -> Response:
    if response.mimetype == "text/html":
        i18n.remember(response)
    return security.secure_html(response)
