"""`mannheim-kg query` and `summary`: the catalogue and ad-hoc queries on the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from server.cli.common import EXIT_UNUSABLE, announce_project
from server.config import Settings
from server.errors import MannheimKGError


@click.command()
@click.pass_obj
def summary(settings: Settings) -> None:
    """Print what the graph holds: triples, things per class, the clusters and their contacts."""
    from server.services.summary import summarise
    from server.store.oxigraph import OxigraphStore

    announce_project(settings, "ontology", "data")
    store = OxigraphStore.from_paths(settings.sources)
    click.echo(summarise(store))


QUERY_FORMATS = ("table", "json", "xml", "csv", "tsv", "turtle", "nt", "jsonld", "rdfxml", "trig")


@click.command("query")
@click.argument("target", required=False, metavar="NAME|FILE.rq")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A parameter value (repeat for more parameters).",
)
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(QUERY_FORMATS),
    default="table",
    show_default=True,
    help="Output: an aligned table; SPARQL results of SELECT and ASK (json, xml, csv, tsv); "
    "graphs of CONSTRUCT and DESCRIBE as turtle, nt, jsonld (or json), rdfxml (or xml), trig.",
)
@click.option("--endpoint", metavar="URL", help="Ask this SPARQL endpoint (default: embedded).")
@click.option("--limit", type=click.IntRange(min=0), help="At most this many rows.")
@click.option("--offset", type=click.IntRange(min=0), help="Skip this many rows first.")
@click.option("--list", "list_queries", is_flag=True, help="List the catalogue and exit.")
@click.option(
    "--lang",
    type=click.Choice(["en", "de"]),
    default="en",
    show_default=True,
    help="Language of the summaries in --list.",
)
@click.pass_obj
def query(
    settings: Settings,
    target: str | None,
    params: tuple[str, ...],
    output_format: str,
    endpoint: str | None,
    limit: int | None,
    offset: int | None,
    list_queries: bool,
    lang: str,
) -> None:
    """Run a catalogue query by NAME, or any SPARQL FILE.rq, and print its result.

    Runs on the embedded store (the project's ontology and data) unless --endpoint names a
    SPARQL endpoint. Parameters are typed and checked: a wrong, unknown or missing one exits 2
    naming it. `--list` shows the catalogue (name, tags, summary). Exit status: 0 answered,
    2 unusable input (unknown query, bad parameter, syntax error, endpoint unreachable).
    """
    from server.catalogue.catalogue import Catalogue, Query, execute
    from server.rdf.table import render_answer, render_listing

    values: dict[str, list[str]] = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        values.setdefault(name.strip(), []).append(value)
    if not list_queries and not target:
        raise click.UsageError("give a query NAME or FILE.rq, or --list")
    by_name = list_queries or not (target.endswith(".rq") or Path(target).is_file())
    embedded = not (endpoint or list_queries)  # the query runs on the project's graph
    announce_project(settings, *(["queries"] if by_name else []), *(["data"] if embedded else []))
    try:
        if list_queries:
            catalogue = Catalogue.from_folder(settings.queries)
            click.echo(render_listing(catalogue, output_format, lang), nl=False)
            return
        if target.endswith(".rq") or Path(target).is_file():
            chosen = Query.from_file(Path(target), strict=False)
        else:
            chosen = Catalogue.from_folder(settings.queries)[target]
        answer = execute(
            _query_store(settings, endpoint), chosen, values, limit=limit, offset=offset
        )
        output = render_answer(answer, output_format, max_cell=60 if sys.stdout.isatty() else None)
    except MannheimKGError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_UNUSABLE)
    click.echo(output, nl=False)


def _query_store(settings: Settings, endpoint: str | None):
    if endpoint:
        from server.store.remote import RemoteStore

        return RemoteStore(endpoint)
    from server.store.oxigraph import OxigraphStore

    return OxigraphStore.from_paths(settings.sources)
