"""`mannheim-kg serve`: validate, load, and serve the SPARQL endpoint and the web app."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from server.cli.common import EXIT_FINDINGS, EXIT_OK
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
    help="Serve these RDF files instead of the bundled graph (repeatable; not validated).",
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
) -> None:
    """Serve the SPARQL endpoint (gunicorn) on HOST:PORT.

    Validates the bundled graph against the bundled shapes first and refuses to start on
    violations (exit 1) unless --no-validate. Files given with --data are served as they are:
    the bundled shapes describe the bundled graph only. Exit status 2: unusable input.
    """
    from dataclasses import replace

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
    if get_path is not None:
        sys.exit(_answer_one_get(settings, get_path))
    from server.services.startup import prepare_to_serve
    from server.web.wsgi import bind_address, check_bindable

    check_bindable(settings.host, settings.port)  # a port in use: exit 2, before validating
    if settings.store is not None:
        _load_store_with_progress(settings)
    report = prepare_to_serve(settings, validate_bundled=settings.validate_on_start and not data)
    if report is not None and not report.conforms:
        from server.validate.engine import render_text

        click.echo(render_text(report, color=sys.stderr.isatty()), err=True)
        click.echo(
            "error: the data violate the shapes; not serving (--no-validate to force)", err=True
        )
        sys.exit(EXIT_FINDINGS)
    from server.web.wsgi import GunicornServer

    click.echo(f"serving http://{bind_address(settings.host, settings.port)}/sparql", err=True)
    GunicornServer(settings).run()


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


def _answer_one_get(settings: Settings, path: str) -> int:
    """Datasette's habit: one request through the test client, the body on stdout."""
    from dataclasses import replace

    from server.web.app import create_app

    app = create_app(replace(settings, workers=0))  # in-process: no worker pool for one request
    response = app.test_client().get(path)
    if response.status_code >= 400:  # stdout holds answers only: a pipe never gets an error
        sys.stderr.buffer.write(response.get_data())
        sys.stderr.flush()
        click.echo(f"error: {response.status}", err=True)
        return EXIT_FINDINGS
    sys.stdout.buffer.write(response.get_data())
    sys.stdout.flush()
    return EXIT_OK
