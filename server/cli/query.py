"""`mannheim-kg query` and `summary`: the catalogue and ad-hoc queries on the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from server.cli.common import EXIT_UNUSABLE, announce_project
from server.config import Settings
from server.errors import MannheimKGError
from server.rdf.table import format_choices, output_formats


@click.command()
@click.pass_obj
def summary(settings: Settings) -> None:
    """Print what the graph holds: triples, things per class, the clusters and their contacts."""
    from server.services.summary import summarise
    from server.store.oxigraph import OxigraphStore

    announce_project(settings, "ontology", "data")
    store = OxigraphStore.from_paths(settings.sources)
    click.echo(summarise(store))


def _format_help() -> str:
    """The --format help, from the formats registry."""
    from server.rdf.formats import GRAPH, SOLUTIONS

    return (
        "Output: an aligned table; SPARQL results of SELECT and ASK "
        f"({format_choices(SOLUTIONS, table=False)}); graphs of CONSTRUCT and DESCRIBE as "
        f"{format_choices(GRAPH, table=False)}."
    )


QUERY_FORMATS = output_formats()


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
    help=_format_help(),
)
@click.option("--endpoint", metavar="URL", help="Ask this SPARQL endpoint (default: embedded).")
@click.option("--limit", type=click.IntRange(min=0), help="At most this many rows.")
@click.option("--offset", type=click.IntRange(min=0), help="Skip this many rows first.")
@click.option("--list", "list_queries", is_flag=True, help="List the catalogue and exit.")
@click.option(
    "--public",
    is_flag=True,
    help="Answer as a public caller of the server would see it: restricted graphs (personal "
    "data) left out. Without it, a local query sees every graph of the files it reads.",
)
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
    public: bool,
    lang: str,
) -> None:
    """Run a catalogue query by NAME, or any SPARQL FILE.rq, and print its result.

    Runs on the embedded store (the project's ontology and data) unless --endpoint names a
    SPARQL endpoint. Parameters are typed and checked: a wrong, unknown or missing one exits 2
    naming it. Queries run as on /sparql, with its limits: what it refuses (a SERVICE outside
    the allow-list, more rows than max_rows) exits 2 with the same message. `--list` shows
    the catalogue (name, tags, summary). Exit status: 0 answered, 2 unusable input (unknown
    query, bad parameter, syntax error, refused, endpoint unreachable).
    """
    from server.catalogue.catalogue import Catalogue, Query
    from server.rdf.table import render_listing

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
        text = chosen.bind(values, limit=limit, offset=offset)
        output = _answer(settings, endpoint, chosen.form, text, output_format, public)
    except MannheimKGError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_UNUSABLE)
    click.echo(output, nl=False)


def _answer(
    settings: Settings,
    endpoint: str | None,
    form: str,
    text: str,
    output_format: str,
    public: bool = False,
) -> str | bytes:
    """Run `text` through the query service /sparql uses (in-process, no worker pool), so the
    CLI refuses what HTTP refuses (updates, SERVICE outside the allow-list, max_rows) with the
    same messages; then print it as a table or in the format asked for."""
    from dataclasses import replace

    from server.rdf import formats
    from server.rdf.table import output_media_type, render_answer
    from server.services.query_service import QueryService
    from server.services.querying import QueryJob

    kind = formats.RESULT_KINDS[form]
    output_media_type(kind, form, output_format)  # a format that does not fit: before running
    transfer = formats.TRANSFER[kind]
    service = QueryService(replace(settings, workers=0), store=_query_store(settings, endpoint))
    # The local files are the caller's own: they see every graph unless they ask for the public
    # view; a remote endpoint applies its own access rights to what it is sent.
    job = service.limited(
        QueryJob(text, media_types=((kind, transfer.name),), authorised=not public)
    )
    if endpoint:  # the remote endpoint has its own SERVICE policy
        job = replace(job, service_allow_list=None)
    outcome = service.executor.run(job)
    return render_answer(
        formats.read_result(outcome.body, transfer),
        kind,
        output_format,
        query_text=text,
        form=form,
        max_cell=60 if sys.stdout.isatty() else None,
    )


def _query_store(settings: Settings, endpoint: str | None):
    """The embedded store of the configured files, or the remote endpoint."""
    if endpoint:
        from server.store.remote import RemoteStore

        return RemoteStore(endpoint)
    from server.store.oxigraph import OxigraphStore

    return OxigraphStore.from_paths(settings.sources)
