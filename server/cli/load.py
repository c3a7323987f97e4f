"""`mannheim-kg load URL`: put the dataset's graphs into another SPARQL engine (Graph Store
Protocol), with a progress bar, so that `serve --store ENDPOINT` can answer from there."""

from __future__ import annotations

from pathlib import Path

import click

from server.config import Settings


@click.command()
@click.argument("graph_store", metavar="GRAPH_STORE_URL")
@click.option(
    "--data",
    "data",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    metavar="FILE_OR_DIR",
    help="Load these RDF files instead of the bundled ontology and data (repeatable).",
)
@click.option(
    "--auth",
    type=click.Choice(["basic", "digest", "bearer"]),
    help="How to authenticate (default: basic with --user, bearer with --token).",
)
@click.option("--user", default="", metavar="USER[:PASSWORD]", help="User (and password).")
@click.option("--token", default="", envvar="MANNHEIM_KG_REMOTE_TOKEN", help="Bearer token.")
@click.option("--timeout", type=click.FloatRange(min=1), default=600, show_default=True)
@click.pass_obj
def load(
    settings: Settings,
    graph_store: str,
    data: tuple[Path, ...],
    auth: str | None,
    user: str,
    token: str,
    timeout: float,
) -> None:
    """Replace each graph of the dataset in the engine at GRAPH_STORE_URL by its file.

    GRAPH_STORE_URL is the engine's Graph Store Protocol endpoint: Virtuoso
    http://HOST:8890/sparql-graph-crud-auth (--auth digest), Fuseki http://HOST:3030/DS/data,
    GraphDB http://HOST:7200/repositories/ID/rdf-graphs/service. Every file is parsed first
    (a syntax error stops before anything is sent). Exit status 2: unusable input or engine.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from server.store.files import discover
    from server.store.remote import Credentials, load_into

    user = user or settings.remote_user
    if user and ":" not in user and settings.remote_password:
        user = f"{user}:{settings.remote_password}"
    credentials = Credentials.parse(auth or settings.remote_auth, user, token)
    sources = discover(data or settings.sources)
    total = sum(source.path.stat().st_size for source in sources)
    columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=False, disable=total < 1_000_000) as bar:
        task = bar.add_task("triples loaded", total=None)
        sent = load_into(
            graph_store,
            sources,
            credentials=credentials,
            timeout=timeout,
            progress=lambda n, graph: bar.update(task, advance=n),
        )
    click.echo(f"{sum(sent.values())} triples in {len(sent)} graphs loaded into {graph_store}")
