"""`mannheim-kg publish DIR` on the bundled graph: every document of the static site, served by
Python's plain static file server, equals what the app answers; nothing restricted is in it."""

from __future__ import annotations

import functools
import re
import threading
import urllib.request
from dataclasses import replace
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from server.cli.main import main
from server.cli.publish import site_documents
from server.web.app import EXTENSION, create_app


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from click.testing import CliRunner

    directory = tmp_path_factory.mktemp("site")
    unset = {f"MANNHEIM_KG_{key}": None for key in ("QUERIES", "DATA", "ONTOLOGY", "TOKENS")}
    command = ["publish", "--quiet", "--host", "https://files.example/mkg", str(directory)]
    result = CliRunner().invoke(main, command, env=unset)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"wrote \d+ files \(\d+ bytes\) to .+ in [0-9.]+ s\n", result.output)
    return directory


@pytest.fixture(scope="module")
def static_server(site):
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def app(settings):
    app = create_app(replace(settings, workers=0))
    yield app
    app.extensions[EXTENSION]["query_service"].close()


def test_every_document_equals_what_the_app_serves(app, settings, site, static_server):
    client = app.test_client()
    documents = site_documents(app, settings.public_base)
    assert len(documents) > 100
    for document in documents:
        with urllib.request.urlopen(static_server + document.file, timeout=10) as response:
            static = response.read()
        served = client.get(document.path, base_url=settings.public_base)
        assert served.status_code == 200, document.path
        assert static == served.data, document.path
    written = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    rules = {".htaccess", "w3id.htaccess", "nginx.conf"}
    assert written == {d.file for d in documents} | rules


def test_the_export_holds_no_restricted_data(site):
    import gzip

    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            assert not re.search(rb"tel:\+?[0-9]", data), path


def test_the_rules_redirect_things_and_terms(site):
    apache = (site / ".htaccess").read_text()
    assert "RewriteRule ^id/(.+)\\.(ttl|jsonld|nt|rdf|html)$ doc/id/$1.$2 [R=303,L]" in apache
    assert "RewriteCond %{HTTP_ACCEPT} text/html" in apache
    assert "RewriteBase /mannheim-kg/" in apache
    w3id = (site / "w3id.htaccess").read_text()
    assert "RewriteRule ^id/(.+)$ https://files.example/mkg/doc/id/$1.html [R=303,L]" in w3id
    nginx = (site / "nginx.conf").read_text()
    assert "map $http_accept $mannheim_kg_suffix" in nginx
