"""The `mannheim-kg` command: thin click commands over the core."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .config import Settings, load_settings
from .errors import InputError

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
