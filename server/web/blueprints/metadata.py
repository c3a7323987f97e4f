"""What a harvester and a crawler look for: `/.well-known/void` (VoID), `/catalog` (the
DCAT-AP.de record), `/sitemap.xml` (every public resource page) and `/robots.txt`."""

from __future__ import annotations

from xml.sax.saxutils import escape

from flask import Blueprint, Response, redirect, request

from server.publish.dcat import PREFIXES as DCAT_PREFIXES
from server.publish.dcat import catalog_record
from server.publish.describe import described_resources
from server.publish.documents import DESCRIPTION_FORMATS, SUFFIXES, rdf_document
from server.publish.void import PREFIXES as VOID_PREFIXES
from server.publish.void import void_description
from server.rdf import formats
from server.store.access import graph_access
from server.web.blueprints.download import publication
from server.web.blueprints.resources import THING_PARTS, public_base, site_root
from server.web.context import state
from server.web.negotiation import negotiate

bp = Blueprint("metadata", __name__)
RDF_FORMATS = [m for m in DESCRIPTION_FORMATS if m.rdf_format is not None]

ROBOTS = """# mannheim-kg: pages, documents and downloads may be crawled; the query endpoints are
# for programs (every crawl of them runs a query), so crawlers stay away from them.
User-agent: *
Allow: /
Disallow: /sparql
Disallow: /api/
Sitemap: {root}sitemap.xml
"""


def _rdf_format(suffix: str | None) -> formats.MediaType:
    if suffix:
        media = SUFFIXES.get(suffix)
        if media is None or media.rdf_format is None:
            from server.errors import NotFound

            raise NotFound(f"no such format .{suffix}; use one of .ttl .jsonld .nt .rdf")
        return media
    media = negotiate(request.headers.get("Accept"), formats.DESCRIPTION)
    return media if media in RDF_FORMATS else formats.TURTLE


def _rdf_response(triples, media, prefixes, base: str, negotiates: bool) -> Response:
    response = Response(rdf_document(triples, media, prefixes), content_type=media.content_type)
    response.headers["Link"] = ", ".join(
        f'<{base}.{m.extension}>; rel="alternate"; type="{m.name}"' for m in RDF_FORMATS
    )
    if negotiates:
        response.vary.add("Accept")
        response.headers["Content-Location"] = f"{base}.{media.extension}"
    return response


@bp.route("/.well-known/void", methods=["GET", "HEAD"])
@bp.route("/.well-known/void.<suffix>", methods=["GET", "HEAD"])
def void(suffix: str | None = None) -> Response:
    media = _rdf_format(suffix)
    facts, dumps = publication()
    triples = void_description(facts, public_base=public_base(), site_root=site_root(), dumps=dumps)
    return _rdf_response(
        triples, media, VOID_PREFIXES, f"{site_root()}.well-known/void", suffix is None
    )


@bp.route("/catalog", methods=["GET", "HEAD"])
@bp.route("/catalog.<suffix>", methods=["GET", "HEAD"])
def catalog(suffix: str | None = None) -> Response:
    media = _rdf_format(suffix)
    facts, dumps = publication()
    triples = catalog_record(facts, public_base=public_base(), site_root=site_root(), dumps=dumps)
    return _rdf_response(triples, media, DCAT_PREFIXES, f"{site_root()}catalog", suffix is None)


def sitemap_urls() -> list[str]:
    """Every public HTML page: resource pages, the ontology, the downloads."""
    store = state()["query_service"].store
    visible = graph_access(store).visible(authorised=False)
    base, root = public_base(), site_root()
    pages = [f"{root}doc/def.html", f"{root}download/"]
    for iri in described_resources(store, base, THING_PARTS, visible):
        pages.append(f"{root}doc/{iri[len(base) :]}.html")
    return pages


@bp.route("/sitemap.xml", methods=["GET", "HEAD"])
def sitemap() -> Response:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    lines.append('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    lines += [f"  <url><loc>{escape(url)}</loc></url>" for url in sitemap_urls()]
    lines.append("</urlset>")
    return Response("\n".join(lines) + "\n", content_type="application/xml")


@bp.route("/robots.txt", methods=["GET", "HEAD"])
def robots() -> Response:
    return Response(ROBOTS.format(root=site_root()), content_type="text/plain; charset=utf-8")


@bp.route("/dataset", methods=["GET", "HEAD"])
def dataset() -> Response:
    """The dataset has its IRI in the catalogue record (…/catalog#dataset): go there."""
    return redirect(f"{site_root()}catalog", code=303)
