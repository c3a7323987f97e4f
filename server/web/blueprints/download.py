"""`/download/`: the dumps of the public dataset (made once per data version) and their
SHA-256 files. Always the public graphs only: staff read restricted graphs with a token at
/sparql (query or `?graph=`), never from a file that could be passed on."""

from __future__ import annotations

import threading

from flask import Blueprint, Response, render_template_string, request

from server.errors import NotFound
from server.publish.dataset import DatasetFacts, dataset_facts
from server.publish.documents import cache_dir
from server.publish.dumps import Dump, build_dumps, dump_folder
from server.store.access import graph_access
from server.web.context import state

bp = Blueprint("download", __name__)
_LOCK = threading.Lock()
PUBLICATION = "publication"

INDEX = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Downloads · mannheim-kg</title></head>
<body>
<main>
<h1>Downloads</h1>
<p>The public dataset (data version <code>{{ version }}</code>), gzip-compressed, each with its
SHA-256 checksum (<code>sha256sum -c FILE.sha256</code>). N-Quads and TriG keep the named
graphs; Turtle, N-Triples and JSON-LD hold their union. Licence:
<a href="{{ facts.licence }}">{{ facts.licence }}</a>.</p>
<table>
<thead><tr><th scope="col">File</th><th scope="col">Format</th><th scope="col">Bytes</th>
<th scope="col">Statements</th><th scope="col">SHA-256</th></tr></thead>
<tbody>
{%- for dump in dumps %}
<tr><td><a href="{{ dump.filename }}">{{ dump.filename }}</a></td><td>{{ dump.media.label }}</td>
<td>{{ dump.size }}</td><td>{{ dump.statements }}</td>
<td><a href="{{ dump.checksum_filename }}"><code>{{ dump.sha256 }}</code></a></td></tr>
{%- endfor %}
</tbody>
</table>
</main>
</body>
</html>
"""


def publication() -> tuple[DatasetFacts, list[Dump]]:
    """The public dataset's facts and dumps, made once per data version (and kept)."""
    service = state()["query_service"]
    store = service.store
    cached = state().get(PUBLICATION)
    if cached is not None and cached[0] == store.version:
        return cached[1], cached[2]
    with _LOCK:
        visible = list(graph_access(store).visible(authorised=False))
        facts = dataset_facts(store, visible, store.version)
        dumps = build_dumps(store, visible, dump_folder(cache_dir(), store.version, visible))
        state()[PUBLICATION] = (store.version, facts, dumps)
        return facts, dumps


@bp.route("/download/", methods=["GET", "HEAD"])
def index() -> Response:
    facts, dumps = publication()
    body = render_template_string(INDEX, facts=facts, dumps=dumps, version=facts.version)
    return Response(body, content_type="text/html; charset=utf-8")


@bp.route("/download/<name>", methods=["GET", "HEAD"])
def file(name: str) -> Response:
    _, dumps = publication()
    service = state()["query_service"]
    store = service.store
    folder = dump_folder(cache_dir(), store.version, list(graph_access(store).visible(False)))
    for dump in dumps:
        if name == dump.filename:
            tag = dump.sha256[:32]
            response = Response((folder / name).read_bytes(), content_type="application/gzip")
        elif name == dump.checksum_filename:
            tag = dump.sha256[:32] + "-sha256"
            response = Response(dump.checksum_text, content_type="text/plain; charset=utf-8")
        else:
            continue
        if request.if_none_match.contains(tag):
            return Response(status=304, headers={"ETag": f'"{tag}"'})
        response.headers["ETag"] = f'"{tag}"'
        return response
    raise NotFound(f"no file {name!r} in /download/; see /download/ for the list")
