"""The `mannheim-kg` command: thin click commands over the core."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .config import Settings, load_settings
from .errors import InputError, MannheimKGError

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


class _Group(click.Group):
    """Turns the core's user-facing errors into one line on stderr and exit status 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except InputError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_UNUSABLE)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mannheim-kg")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Knowledge graph of Mannheim's economic policy strategy and its four clusters."""
    ctx.obj = load_settings()


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--shapes",
    "shapes",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Shapes files or folders (default: the bundled shapes/).",
)
@click.option(
    "--ontology",
    "ontology",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Ontology for RDFS inference (default: the bundled ontology/).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["violation", "warning", "info"]),
    default="violation",
    show_default=True,
    help="Lowest severity that makes the exit status 1.",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "de"]),
    default="en",
    show_default=True,
    help="Language of the messages.",
)
@click.pass_obj
def validate(
    settings: Settings,
    paths: tuple[Path, ...],
    shapes: tuple[Path, ...],
    ontology: tuple[Path, ...],
    fail_on: str,
    lang: str,
) -> None:
    """Validate RDF files against SHACL shapes.

    Without PATHS: the bundled ontology and data. Exit status: 0 conforms (warnings are
    printed), 1 findings at or above --fail-on, 2 unusable input (syntax error, missing file,
    broken shapes).
    """
    from .validation import render_text
    from .validation import validate as run_validation

    report = run_validation(
        targets=paths or settings.sources,
        shapes=shapes or settings.shapes,
        ontology=ontology or settings.ontology,
    )
    click.echo(render_text(report, lang=lang, color=sys.stdout.isatty()))
    sys.exit(EXIT_FINDINGS if report.fails(fail_on.capitalize()) else EXIT_OK)


@main.command()
@click.pass_obj
def summary(settings: Settings) -> None:
    """Print what the graph holds: triples, things per class, the clusters and their contacts."""
    from .store import OxigraphStore
    from .summary import summarise

    store = OxigraphStore.from_paths(settings.sources)
    click.echo(summarise(store))


QUERY_FORMATS = ("table", "json", "xml", "csv", "tsv", "turtle", "nt", "jsonld", "rdfxml", "trig")


@main.command("query")
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
    help="Output: an aligned table, SPARQL results (json, xml, csv, tsv) or RDF for graphs.",
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

    Runs on the embedded store (the bundled ontology and data) unless --endpoint names a
    SPARQL endpoint. Parameters are typed and checked: a wrong, unknown or missing one exits 2
    naming it. `--list` shows the catalogue (name, tags, summary). Exit status: 0 answered,
    2 unusable input (unknown query, bad parameter, syntax error, endpoint unreachable).
    """
    from .catalogue import Catalogue, Query, execute
    from .table import render_answer, render_listing

    values: dict[str, list[str]] = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        values.setdefault(name.strip(), []).append(value)
    if not list_queries and not target:
        raise click.UsageError("give a query NAME or FILE.rq, or --list")
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
        from .remote import RemoteStore

        return RemoteStore(endpoint)
    from .store import OxigraphStore

    return OxigraphStore.from_paths(settings.sources)
