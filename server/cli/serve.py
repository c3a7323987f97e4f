"""`mannheim-kg serve`: validate, load, and serve the SPARQL endpoint and the web app."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from server.cli.common import EXIT_FINDINGS, EXIT_OK, announce_project
from server.config import Settings


@click.command()
@click.option("--host", help="Interface to listen on.  [default: 127.0.0.1]")
@click.option("--port", type=int, help="Port to listen on.  [default: 5000]")
@click.option(
    "--store",
    "store_dir",
    metavar="memory|DIR|URL",
    help="Where the dataset lives: memory (the default: fastest), an on-disk store in DIR "
    "(loaded once, reopened fast), or a SPARQL 1.1 endpoint URL holding the files' graphs "
    "(`mannheim-kg load` puts them there; credentials: MANNHEIM_KG_REMOTE_USER / _PASSWORD / "
    "_TOKEN / _AUTH).",
)
@click.option(
    "--data",
    "data",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    metavar="FILE_OR_DIR",
    help="Serve these RDF files instead of the project's graph (repeatable; not validated).",
)
@click.option("--no-validate", is_flag=True, help="Start even if the data violate the shapes.")
@click.option("--timeout", type=click.FloatRange(min=0.1), help="Query time limit in seconds.")
@click.option("--workers", type=click.IntRange(min=1), help="Query worker processes.")
@click.option(
    "--get",
    "get_path",
    metavar="PATH",
    help="Answer one GET request for PATH in-process, print the body and exit.",
)
@click.option(
    "--header",
    "-H",
    "headers",
    multiple=True,
    metavar="'NAME: VALUE'",
    help="A request header for --get (repeatable), e.g. -H 'Accept: text/csv'.",
)
@click.option(
    "--include",
    "-i",
    is_flag=True,
    help="With --get: print the status line and the response headers before the body.",
)
@click.pass_obj
def serve(
    settings: Settings,
    host: str | None,
    port: int | None,
    store_dir: str | None,
    data: tuple[Path, ...],
    no_validate: bool,
    timeout: float | None,
    workers: int | None,
    get_path: str | None,
    headers: tuple[str, ...],
    include: bool,
) -> None:
    """Serve the SPARQL endpoint (gunicorn) on HOST:PORT.

    Serves the project it is run in (found from the working directory upwards), else the
    bundled Mannheim graph. Validates the graph against the project's shapes first and refuses
    to start on violations (exit 1) unless --no-validate. Files given with --data are served as
    they are: the shapes describe the project's graph only. Says on stderr what it does (which
    project, validating, loading, the URL). Exit status 2: unusable input.
    """
    from dataclasses import replace

    request_headers = [_header(text) for text in headers]
    if (headers or include) and get_path is None:
        raise click.UsageError("--header and --include go with --get PATH")

    given = {"host": host, "port": port, "timeout": timeout, "workers": workers}
    changes: dict = {key: value for key, value in given.items() if value is not None}
    if store_dir is not None:
        from server.store.remote import is_url

        if is_url(store_dir):
            changes.update(remote=store_dir, store=None)
        elif store_dir == "memory":
            changes.update(remote=None, store=None)
        else:
            changes.update(remote=None, store=Path(store_dir))
    if data:
        changes.update(ontology=(), data=data)
    if no_validate:
        changes["validate_on_start"] = False
    settings = replace(settings, **changes)
    if settings.store is not None:
        from server.store.oxigraph import lock_store

        # held while this command runs, i.e. for the server's life: one server per store
        click.get_current_context().call_on_close(lock_store(settings.store).close)
    announce_project(settings, "ontology", "data", *([] if data else ["shapes"]))
    if get_path is not None:
        sys.exit(_answer_one_get(settings, get_path, request_headers, include))
    from server.services.startup import prepare_to_serve
    from server.web.wsgi import bind_address, check_bindable

    check_bindable(settings.host, settings.port)  # a port in use: exit 2, before validating
    if settings.store is not None:
        _load_store_with_progress(settings)
    report, store = prepare_to_serve(
        settings,
        validate_bundled=settings.validate_on_start and not data,
        say=lambda line: click.echo(line, err=True),
    )
    if report is not None and not report.conforms:
        from server.validate.renderers import render_text

        click.echo(render_text(report, color=sys.stderr.isatty(), summary=True), err=True)
        click.echo(
            "error: the data violate the shapes; not serving (--no-validate to force)", err=True
        )
        sys.exit(EXIT_FINDINGS)
    from server.web.wsgi import GunicornServer

    click.echo(f"serving at http://{bind_address(settings.host, settings.port)}/", err=True)
    GunicornServer(settings, store=store).run()


def _load_store_with_progress(settings: Settings) -> None:
    """Load the on-disk store now, with a progress bar (by bytes) when there is much to load;
    a store that already holds these files is only opened (the start-up gate opens it again)."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeElapsedColumn

    from server.store.files import discover
    from server.store.oxigraph import OxigraphStore

    sources = discover(settings.sources)
    total = sum(source.path.stat().st_size for source in sources)
    columns = ("{task.description}", BarColumn(), DownloadColumn(), TimeElapsedColumn())
    with Progress(*columns, disable=total < 5_000_000, transient=False) as bar:
        task = bar.add_task(f"loading into {settings.store}", total=total)
        OxigraphStore.persistent(
            sources, settings.store, progress=lambda size, path: bar.update(task, advance=size)
        )


def _header(text: str) -> tuple[str, str]:
    """'Name: value' (curl's and Datasette's -H) as a pair; anything else is a usage error."""
    name, sep, value = text.partition(":")
    if not sep or not name.strip() or name != name.strip():
        raise click.BadParameter(f"{text!r} is not 'NAME: VALUE'", param_hint="--header")
    return name, value.strip()


def _answer_one_get(
    settings: Settings, path: str, headers: list[tuple[str, str]], include: bool
) -> int:
    """Datasette's habit: one request through the test client, the body on stdout.

    `include` writes the status line and the headers first, one a line, as curl -i does. A
    response of 400 or more goes to stderr (stdout holds answers only: a pipe gets no error).
    """
    from dataclasses import replace

    from server.web.app import create_app

    app = create_app(replace(settings, workers=0))  # in-process: no worker pool for one request
    response = app.test_client().get(path, headers=headers)
    failed = response.status_code >= 400
    out = sys.stderr.buffer if failed else sys.stdout.buffer
    if include:
        head = [f"HTTP/1.1 {response.status}", *(f"{k}: {v}" for k, v in response.headers)]
        out.write(("\n".join(head) + "\n\n").encode("latin-1"))
    out.write(response.get_data())
    out.flush()
    if failed:
        click.echo(f"error: {response.status}", err=True)
        return EXIT_FINDINGS
    return EXIT_OK
