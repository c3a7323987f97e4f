"""Dereferencing: every IRI of the project's namespace answers, for browsers and RDF clients.

The pattern is 303 See Other (W3C "Cool URIs for the Semantic Web", section 4.3): a thing's
IRI `/id/x` (and a graph's `/graph/x`) names the thing, not a document, so it answers 303 to
the document about it, `/doc/id/x.<suffix>` with the suffix of the format negotiated from
Accept (`Vary: Accept`). The documents are plain files with one fixed type each, so a static
host can serve them and a w3id.org `.htaccess` does the same redirect (see `publish`); the
generic `/doc/id/x` negotiates too (200, Content-Location). Ontology terms `/def/T` answer
303 to the ontology documentation `/doc/def.html#anchor` (pyLODE) or `/doc/def.<suffix>`.

Unknown IRIs answer 404, retired ones (data/retired.ttl) 410, both in the format asked for.
"""

from __future__ import annotations

import functools
import hashlib
from urllib.parse import urlencode

from flask import Blueprint, Response, redirect, render_template, request

from server.errors import NotAcceptable
from server.publish.describe import Description, describe, retirement
from server.publish.documents import (
    DESCRIPTION_FORMATS,
    SUFFIXES,
    message_document,
    rdf_document,
)
from server.publish.ontology_docs import ontology_html, term_anchors
from server.rdf import formats
from server.rdf.namespace import DCT, OWL, PREFIXES, RDF
from server.store.access import graph_access
from server.web.authorisation import caller_authorised
from server.web.context import state
from server.web.i18n import language
from server.web.negotiation import negotiate

bp = Blueprint("resources", __name__)

#: The parts of the namespace whose IRIs name things (answered with 303 to /doc/…).
THING_PARTS = ("id", "graph")
ONTOLOGY_DOC = "def"


def public_base() -> str:
    return state()["settings"].public_base


def site_root() -> str:
    """This server's root URL (scheme, host, script root), ending in '/'."""
    return request.url_root


def local_url(iri: str) -> str:
    """An IRI of the namespace as a URL on this host; other IRIs as they are."""
    base = public_base()
    return site_root() + iri[len(base) :] if iri.startswith(base) else iri


def curie(iri: str) -> str:
    """`prefix:local` for IRIs of a known namespace (the longest match), else the IRI."""
    best = max(
        ((p, ns) for p, ns in PREFIXES.items() if iri.startswith(ns)),
        key=lambda item: len(item[1]),
        default=None,
    )
    return f"{best[0]}:{iri[len(best[1]) :]}" if best else iri


@bp.app_template_filter("local")
def _local_filter(iri: str) -> str:
    return local_url(iri)


@bp.app_template_filter("curie")
def _curie_filter(iri: str) -> str:
    return curie(iri)


def split_suffix(name: str) -> tuple[str, formats.MediaType | None]:
    """`x.ttl` → (`x`, Turtle); a name without a known suffix → (name, None)."""
    stem, dot, suffix = name.rpartition(".")
    if dot and suffix in SUFFIXES:
        return stem, SUFFIXES[suffix]
    return name, None


def negotiated() -> formats.MediaType:
    """The description format from Accept (HTML for browsers, Turtle by default)."""
    media = negotiate(request.headers.get("Accept"), formats.DESCRIPTION)
    if media not in DESCRIPTION_FORMATS:
        # N-Quads, TriG, N3: a description is triples; Turtle is what those readers read too.
        return formats.TURTLE if media.rdf_format is not None else formats.HTML
    return media


def requested_format(
    name: str, otherwise: formats.MediaType | None = None
) -> tuple[str, formats.MediaType, bool]:
    """(stem, format, whether Accept chose it) for `name`: its suffix's format, else Accept's;
    where Accept names nothing we write, `otherwise` if given, else NotAcceptable (406)."""
    stem, media = split_suffix(name)
    if media is not None:
        return stem, media, False
    try:
        return stem, negotiated(), True
    except NotAcceptable:
        if otherwise is None:
            raise
        return stem, otherwise, True


@functools.lru_cache(maxsize=512)
def _described(
    store, version: str, iri: str, visible: tuple[str, ...], lang: str | None
) -> Description:
    return describe(store, iri, visible, lang)


def cached_description(iri: str, lang: str | None = None) -> Description:
    """The description of `iri` for this caller, kept per data version (the same description
    answers every RDF format, and the redirect's existence check); `lang` picks the labels
    of the HTML page."""
    store = state()["query_service"].store
    return _described(store, store.version, iri, visible_graphs(), lang)


def visible_graphs() -> tuple[str, ...]:
    store = state()["query_service"].store
    return graph_access(store).visible(caller_authorised())


def _etag(*parts) -> str:
    service = state()["query_service"]
    text = repr((service.version, caller_authorised(), *parts))
    return 'W/"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


def _alternates(document: str) -> list[tuple[formats.MediaType, str]]:
    """(format, URL) of each format of the document at `document` (a URL without suffix)."""
    return [(m, f"{document}.{m.extension}") for m in DESCRIPTION_FORMATS]


def _link_header(alternates) -> str:
    return ", ".join(f'<{url}>; rel="alternate"; type="{m.name}"' for m, url in alternates)


def _finish(response: Response, alternates, etag: str | None, negotiates: bool) -> Response:
    if alternates:
        response.headers["Link"] = _link_header(alternates)
    if negotiates:
        response.vary.add("Accept")
    if etag:
        response.headers["ETag"] = etag
        response.headers.setdefault("Cache-Control", "no-cache")
    return response


def _not_modified(etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    wanted = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in header.split(",") if tag)


# --- things: /id/…, /graph/… → 303 → /doc/… -----------------------------------------------


@bp.route("/id/<path:name>", methods=["GET", "HEAD"])
def thing(name: str) -> Response:
    return _thing("id", name)


@bp.route("/graph/<path:name>", methods=["GET", "HEAD"])
def graph_thing(name: str) -> Response:
    return _thing("graph", name)


def _thing(part: str, name: str) -> Response:
    stem, media, negotiates = requested_format(name, otherwise=formats.TURTLE)
    iri = f"{public_base()}{part}/{stem}"
    status = _status_of(iri)
    if status is not None:
        return _finish(_problem(iri, status, media), [], None, negotiates)
    target = f"{site_root()}doc/{part}/{stem}.{media.extension}"
    response = redirect(target, code=303)
    return _finish(response, _alternates(f"{site_root()}doc/{part}/{stem}"), None, negotiates)


def _status_of(iri: str) -> int | None:
    """None when `iri` is described; 410 when retired, 404 when unknown (or no IRI)."""
    store = state()["query_service"].store
    try:
        retired, _ = retirement(store, iri)
        if retired:
            return 410
        if cached_description(iri).exists:
            return None
    except ValueError:
        pass
    return 404


@bp.route("/doc/<part>/<path:name>", methods=["GET", "HEAD"])
def document(part: str, name: str) -> Response:
    """The description of <public_base><part>/<name>, in the format of its suffix or Accept."""
    stem, media, negotiates = requested_format(name)
    iri = f"{public_base()}{part}/{stem}"
    if part not in THING_PARTS:
        return _finish(_problem(iri, 404, media), [], None, negotiates)
    store = state()["query_service"].store
    try:
        retired, _ = retirement(store, iri)
        description = None if retired else cached_description(iri)
    except ValueError:
        retired, description = False, None
    if retired or description is None or not description.exists:
        status = 410 if retired else 404
        return _finish(_problem(iri, status, media), [], None, negotiates)
    base = f"{site_root()}doc/{part}/{stem}"
    alternates = _alternates(base)
    page_language = language() if media is formats.HTML else None
    etag = _etag("doc", iri, media.name, page_language)
    if _not_modified(etag):
        return _finish(Response(status=304), alternates, etag, negotiates)
    if page_language:
        description = cached_description(iri, page_language)
    response = description_response(description, media, alternates)
    if negotiates:
        response.headers["Content-Location"] = f"{base}.{media.extension}"
    return _finish(response, alternates, etag, negotiates)


def switch_query() -> str:
    """`?lang=<the other language>` with the request's other parameters."""
    args = request.args.to_dict()
    args["lang"] = "en" if language() == "de" else "de"
    return "?" + urlencode(args)


def label_or_curie(value) -> str:
    """What a page calls a term: its label in the page's language, else its CURIE."""
    return value.label or curie(value.text)


def page_sections(description: Description) -> dict:
    """The page's groups: the types; the own properties sorted by label; the incoming links
    grouped by property (sorted by label, the subjects in the description's order)."""
    own = [(p, values) for p, values in description.properties if p.text != RDF + "type"]
    incoming: dict[str, tuple] = {}
    for subject, predicate in description.incoming:
        incoming.setdefault(predicate.text, (predicate, []))[1].append(subject)

    def by_label(item) -> tuple[str, str]:
        return label_or_curie(item[0]).casefold(), item[0].text

    page = request.path if request.path.endswith(".html") else request.path + ".html"
    return {
        # the same page whether reached by suffix or by Accept: the switch names the .html
        "switch_url": page + switch_query(),
        "own_properties": sorted(own, key=by_label),
        "incoming_groups": sorted(incoming.values(), key=by_label),
        "editor_url": "/sparql#" + urlencode({"query": f"DESCRIBE <{description.iri}>"}),
    }


def description_response(description: Description, media, alternates) -> Response:
    if media is formats.HTML:
        body = render_template(
            "resource.html",
            description=description,
            alternates=alternates,
            status=200,
            message=None,
            **page_sections(description),
        )
    else:
        body = rdf_document(description.triples, media)
    return Response(body, content_type=media.content_type)


def _problem(iri: str, status: int, media: formats.MediaType) -> Response:
    """404 or 410 in `media`: a retired IRI's body states its retirement (and replacement)."""
    store = state()["query_service"].store
    replacements: list[str] = []
    if status == 410:
        _, replacements = retirement(store, iri)
        message = f"<{iri}> was retired and is no longer described"
        if replacements:
            message += "; replaced by " + ", ".join(f"<{r}>" for r in replacements)
    else:
        message = f"<{iri}> is not described in this dataset"
    if media is formats.HTML:
        body = render_template(
            "resource.html",
            description=None,
            alternates=[],
            status=status,
            message=message,
            iri=iri,
            replacements=replacements,
            # relative: an unknown IRI's page says no more than the IRI (test_access_rights)
            switch_url=switch_query(),
        )
    elif status == 410:
        import pyoxigraph as ox

        subject = ox.NamedNode(iri)
        triples = [ox.Triple(subject, ox.NamedNode(OWL + "deprecated"), ox.Literal(True))]
        triples += [
            ox.Triple(subject, ox.NamedNode(DCT + "isReplacedBy"), ox.NamedNode(r))
            for r in replacements
        ]
        body = rdf_document(triples, media)
    else:
        body = message_document(media, message)
    response = Response(body, status=status, content_type=media.content_type)
    for replacement in replacements:
        response.headers.add("Link", f'<{local_url(replacement)}>; rel="successor-version"')
    return response


# --- the ontology: /def/, /def/Term → 303 → /doc/def.<suffix> -------------------------------


def ontology_graphs() -> list[str]:
    """The named graphs that hold the ontology (`<public_base>def/> a owl:Ontology`)."""
    store = state()["query_service"].store
    rows = store.query(
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{public_base()}def/> a <{OWL}Ontology> }} }}"
    )
    visible = set(visible_graphs())
    return sorted(row["g"].value for row in rows if row["g"].value in visible)


def ontology_triples() -> list:
    store = state()["query_service"].store
    graphs = ontology_graphs() or ["urn:x-none"]
    rows = store.query("CONSTRUCT WHERE { ?s ?p ?o }", default_graph=graphs, named_graphs=graphs)
    return sorted(rows, key=str)


def ontology_page() -> str:
    """pyLODE's page (generated once per ontology version), its links made local."""
    turtle = rdf_document(ontology_triples(), formats.TURTLE)
    page = ontology_html(turtle)
    return page.replace(f'href="{public_base()}', f'href="{site_root()}')


@bp.route("/def/", methods=["GET", "HEAD"])
@bp.route("/def/<path:term>", methods=["GET", "HEAD"])
def ontology_term(term: str = "") -> Response:
    stem, media, negotiates = requested_format(term, otherwise=formats.TURTLE)
    iri = f"{public_base()}def/{stem}"
    if stem:
        known = any(t.subject.value == iri for t in ontology_triples())
        if not known:
            return _finish(_problem(iri, 404, media), [], None, negotiates)
    target = f"{site_root()}doc/def.{media.extension}"
    if media is formats.HTML and stem:
        anchor = term_anchors(ontology_page()).get(iri)
        target += f"#{anchor}" if anchor else ""
    response = redirect(target, code=303)
    return _finish(response, _alternates(f"{site_root()}doc/def"), None, negotiates)


@bp.route("/doc/def", methods=["GET", "HEAD"])
@bp.route("/doc/def.<suffix>", methods=["GET", "HEAD"])
def ontology_document(suffix: str | None = None) -> Response:
    media = SUFFIXES.get(suffix) if suffix else negotiated()
    if media is None:
        return _finish(_problem(f"{public_base()}def/", 404, formats.TURTLE), [], None, False)
    alternates = _alternates(f"{site_root()}doc/def")
    etag = _etag("ontology", media.name)
    if _not_modified(etag):
        return _finish(Response(status=304), alternates, etag, suffix is None)
    if media is formats.HTML:
        links = "".join(
            f'<link rel="alternate" type="{m.name}" href="{url}">\n' for m, url in alternates
        )
        page = ontology_page().replace("</head>", links + "</head>", 1)
        response = Response(page, content_type=media.content_type)
    else:
        body = rdf_document(ontology_triples(), media)
        response = Response(body, content_type=media.content_type)
    return _finish(response, alternates, etag, suffix is None)
