"""`mannheim-kg publish DIR`: write the whole public site as static files, plus the rules that
make a static host answer like the server (303 by Accept, content types).

Every document is fetched from the app itself (in-process, as a public caller, for the
public base URL), so the files are byte for byte what the server answers: resource pages in
every format, the ontology documentation, the dumps and their checksums, VoID, the DCAT-AP.de
record, sitemap.xml and robots.txt. Beside them: `.htaccess` (Apache, for a host serving DIR
at the public base), `w3id.htaccess` (for the w3id.org registration, redirecting to that
host) and `nginx.conf` (the same rules for nginx).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import click

from server.config import Settings

HOST_SLOT = "https://HOST.example/mannheim-kg/"
"""In w3id.htaccess when no --host is given: where the files are hosted (fill in)."""
NAME_PATTERN = "(.+?)(\\.(ttl|jsonld|nt|rdf|html))?$"
"""A thing's name, with or without a format suffix (the suffix chooses as Accept does not)."""
#: (Accept contains, suffix): the static rules' stand-in for negotiation, checked in order;
#: no match (e.g. */*) gives Turtle, as the server does.
ACCEPT_RULES = (
    ("text/turtle", "ttl"),
    ("application/ld\\+json", "jsonld"),
    ("application/n-triples", "nt"),
    ("application/rdf\\+xml", "rdf"),
    ("text/html", "html"),
)
FIXED_TYPES = {
    "ttl": "text/turtle; charset=utf-8",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "rdf": "application/rdf+xml",
    "html": "text/html; charset=utf-8",
    "gz": "application/gzip",
    "sha256": "text/plain; charset=utf-8",
    "xml": "application/xml",
    "txt": "text/plain; charset=utf-8",
}


@dataclass(frozen=True)
class Document:
    """One file of the export: the URL path the app answers (below the base) and the file."""

    path: str
    file: str


def site_documents(app, site: str) -> list[Document]:
    """Every document of the public site (paths relative to the public base)."""
    from server.publish.describe import described_resources
    from server.publish.documents import DESCRIPTION_FORMATS
    from server.store.access import graph_access
    from server.web.blueprints.download import publication
    from server.web.context import EXTENSION

    settings = app.extensions[EXTENSION]["settings"]
    store = app.extensions[EXTENSION]["query_service"].store
    visible = graph_access(store).visible(authorised=False)
    suffixes = [m.extension for m in DESCRIPTION_FORMATS]
    documents = []
    base = settings.public_base
    for iri in described_resources(store, base, ("id", "graph"), visible):
        name = iri[len(base) :]
        documents += [Document(f"doc/{name}.{s}", f"doc/{name}.{s}") for s in suffixes]
    documents += [Document(f"doc/def.{s}", f"doc/def.{s}") for s in suffixes]
    rdf_suffixes = [s for s in suffixes if s != "html"]
    for name in (".well-known/void", "catalog"):
        documents += [Document(f"{name}.{s}", f"{name}.{s}") for s in rdf_suffixes]
    with app.test_request_context(base_url=site):
        _, dumps = publication()
    documents.append(Document("download/", "download/index.html"))
    for dump in dumps:
        documents.append(Document(f"download/{dump.filename}", f"download/{dump.filename}"))
        documents.append(
            Document(f"download/{dump.checksum_filename}", f"download/{dump.checksum_filename}")
        )
    documents += [Document("sitemap.xml", "sitemap.xml"), Document("robots.txt", "robots.txt")]
    return documents


def export(
    settings: Settings,
    directory: Path,
    site: str | None = None,
    progress: bool = True,
    host: str | None = None,
) -> tuple[int, int, float]:
    """Write the site, as hosted at `site` (default: the namespace itself), into `directory`;
    returns (files, bytes, seconds)."""
    from server.web.app import create_app

    started = time.perf_counter()
    app = create_app(replace(settings, workers=0, tokens=(), token_file=None))
    client = app.test_client()
    site = site or settings.public_base
    documents = site_documents(app, site)
    total = 0
    with _progress(progress, len(documents)) as advance:
        for document in documents:
            response = client.get(document.path, base_url=site)
            if response.status_code != 200:
                raise click.ClickException(
                    f"{document.path}: the app answered {response.status_code}"
                )
            target = directory / document.file
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(response.data)
            total += len(response.data)
            advance()
    rules = {
        ".htaccess": apache_rules(site),
        "w3id.htaccess": w3id_rules(host or (site if site != settings.public_base else HOST_SLOT)),
        "nginx.conf": nginx_rules(site),
    }
    for name, text in rules.items():
        (directory / name).write_text(text, encoding="utf-8")
    return len(documents) + len(rules), total, time.perf_counter() - started


class _progress:
    """A rich progress bar (or nothing), as a context giving an `advance()` function."""

    def __init__(self, shown: bool, total: int) -> None:
        self.shown, self.total = shown, total

    def __enter__(self):
        if not self.shown:
            return lambda: None
        from rich.progress import Progress

        self.bar = Progress(transient=False)
        self.bar.start()
        task = self.bar.add_task("writing the site", total=self.total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc) -> None:
        if self.shown:
            self.bar.stop()


def apache_rules(base: str) -> str:
    """.htaccess for Apache serving the export at the public base's path."""
    path = urlsplit(base).path or "/"
    lines = [
        "# mannheim-kg static site (written by `mannheim-kg publish`): Apache 2.4, mod_rewrite.",
        "# Things (/id/…, /graph/…) and ontology terms (/def/…) answer 303 to their document,",
        "# chosen by Accept (the first match below; anything else gets Turtle), as the server.",
        "Options -MultiViews",
        "RewriteEngine on",
        f"RewriteBase {path}",
        "",
    ]
    for part in ("id", "graph"):
        lines.append(
            f"RewriteRule ^{part}/(.+)\\.(ttl|jsonld|nt|rdf|html)$ doc/{part}/$1.$2 [R=303,L]"
        )
        for accept, suffix in ACCEPT_RULES:
            lines += [
                f"RewriteCond %{{HTTP_ACCEPT}} {accept}",
                f"RewriteRule ^{part}/{NAME_PATTERN} doc/{part}/$1.{suffix} [R=303,L]",
            ]
        lines.append(f"RewriteRule ^{part}/{NAME_PATTERN} doc/{part}/$1.ttl [R=303,L]")
    for accept, suffix in ACCEPT_RULES:
        lines += [
            f"RewriteCond %{{HTTP_ACCEPT}} {accept}",
            f"RewriteRule ^def/(.*)$ doc/def.{suffix} [R=303,L]",
        ]
    lines += [
        "RewriteRule ^def/(.*)$ doc/def.ttl [R=303,L]",
        "RewriteRule ^catalog$ catalog.ttl [L]",
        "RewriteRule ^\\.well-known/void$ .well-known/void.ttl [L]",
        "RewriteRule ^dataset$ catalog [R=303,L]",
        "",
        "Header append Vary Accept",
        'Header set Access-Control-Allow-Origin "*"',
    ]
    for suffix, content_type in FIXED_TYPES.items():
        if suffix != "gz":
            lines.append(f'AddType "{content_type}" .{suffix}')
    lines += ["AddType application/gzip .gz", "RemoveEncoding .gz", ""]
    return "\n".join(lines)


def w3id_rules(host: str) -> str:
    """The .htaccess to register at https://github.com/perma-id/w3id.org (folder mannheim-kg/):
    w3id answers 303 itself and points into the static host `host`."""
    lines = [
        "# w3id.org/mannheim-kg/: register as mannheim-kg/.htaccess in perma-id/w3id.org.",
        "# The host below is where the static export (or the server) runs.",
        "Options +FollowSymLinks",
        "RewriteEngine on",
        "",
    ]
    for part in ("id", "graph"):
        for accept, suffix in ACCEPT_RULES:
            lines += [
                f"RewriteCond %{{HTTP_ACCEPT}} {accept}",
                f"RewriteRule ^{part}/(.+)$ {host}doc/{part}/$1.{suffix} [R=303,L]",
            ]
        lines.append(f"RewriteRule ^{part}/(.+)$ {host}doc/{part}/$1.ttl [R=303,L]")
    for accept, suffix in ACCEPT_RULES:
        lines += [
            f"RewriteCond %{{HTTP_ACCEPT}} {accept}",
            f"RewriteRule ^def/(.*)$ {host}doc/def.{suffix} [R=303,L]",
        ]
    lines += [
        f"RewriteRule ^def/(.*)$ {host}doc/def.ttl [R=303,L]",
        f"RewriteRule ^(.*)$ {host}$1 [R=302,L]",
        "",
    ]
    return "\n".join(lines)


def nginx_rules(base: str) -> str:
    """An nginx server block fragment with the same redirects and types."""
    path = urlsplit(base).path or "/"
    cases = "\n".join(
        f'    "~{accept.replace(chr(92), "")}" {suffix};' for accept, suffix in ACCEPT_RULES
    )
    types = "\n".join(
        f"        {content_type.split(';')[0]} {suffix};"
        for suffix, content_type in FIXED_TYPES.items()
    )
    return f"""# mannheim-kg static site (written by `mannheim-kg publish`): in the http block.
map $http_accept $mannheim_kg_suffix {{
    default ttl;
{cases}
}}

# inside the server block that serves the export at {path}:
location ~ ^{path}(id|graph)/(.+)\\.(ttl|jsonld|nt|rdf|html)$ {{
    return 303 {path}doc/$1/$2.$3;
}}
location ~ ^{path}(id|graph)/(.+)$ {{
    add_header Vary Accept;
    return 303 {path}doc/$1/$2.$mannheim_kg_suffix;
}}
location ~ ^{path}def/ {{
    add_header Vary Accept;
    return 303 {path}doc/def.$mannheim_kg_suffix;
}}
location = {path}catalog {{ default_type text/turtle; try_files /catalog.ttl =404; }}
location = {path}.well-known/void {{
    default_type text/turtle; try_files /.well-known/void.ttl =404;
}}
location {path} {{
    add_header Access-Control-Allow-Origin *;
    types {{
{types}
    }}
}}
"""


@click.command("publish")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--site",
    metavar="URL",
    help="Where the site will be hosted (links and download URLs point there); default: the "
    "namespace itself (https://w3id.org/mannheim-kg/), for a w3id.org redirect to the host.",
)
@click.option(
    "--host",
    metavar="URL",
    help="Where the files are really hosted, for w3id.htaccess (default: --site, if given).",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.pass_obj
def publish(
    settings: Settings, directory: Path, site: str | None, host: str | None, quiet: bool
) -> None:
    """Write the public site (pages in every format, dumps, VoID, catalog, ontology docs,
    sitemap) into DIRECTORY, with Apache (.htaccess, w3id.htaccess) and nginx rules.

    Only public graphs are written: the export never holds a restricted graph.
    """
    if site and not site.endswith("/"):
        site += "/"
    if host and not host.endswith("/"):
        host += "/"
    files, size, seconds = export(settings, directory, site, progress=not quiet, host=host)
    click.echo(f"wrote {files} files ({size} bytes) to {directory} in {seconds:.1f} s")
