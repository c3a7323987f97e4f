"""`mannheim-kg validate`: shapes and checks over RDF files, findings with file:line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from server import project
from server.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, announce_project
from server.config import Settings
from server.errors import InputError
from server.validate.engines import ENGINES


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--shapes",
    "shapes",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Shapes files or folders (default: the project's shapes/, inside a project).",
)
@click.option(
    "--ontology",
    "ontology",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Ontology for RDFS inference (default: the project's ontology/ without PATHS, else none).",
)
@click.option(
    "--checks",
    "checks_folder",
    type=click.Path(path_type=Path),
    help="Folder of quality checks, *.rq (default: the project's queries/checks/, else the "
    "bundled ones).",
)
@click.option("--no-checks", is_flag=True, help="Run the SHACL shapes only.")
@click.option(
    "--vocab",
    "vocab_folder",
    type=click.Path(path_type=Path),
    help="Pinned standard vocabularies the checks compare terms with (default: the project's "
    "vocab/, else the bundled ones).",
)
@click.option(
    "--inference",
    type=click.Choice(["rdfs", "none"]),
    default="rdfs",
    show_default=True,
    help="Inference over data and ontology before SHACL runs.",
)
@click.option(
    "--languages",
    default="de,en",
    show_default=True,
    metavar="LIST",
    help="Comma-separated language tags labels and definitions need; other tags are warned about.",
)
@click.option(
    "--changed",
    "changed_ref",
    metavar="REF",
    help="Validate only what the RDF files changed since the git REF describe (the whole "
    "graph is loaded); see docs/ci.md.",
)
@click.option(
    "--engine",
    type=click.Choice(list(ENGINES)),
    help="SHACL engine (default: the fastest installed; they give the same findings).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress display on a terminal.")
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(["text", "json", "turtle", "junit", "sarif", "github"]),
    default="text",
    show_default=True,
    help="Report format: text for people, the others for machines and CI.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report to this file (the summary line goes to standard error).",
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
    checks_folder: Path | None,
    no_checks: bool,
    vocab_folder: Path | None,
    inference: str,
    languages: str,
    output_format: str,
    output: Path | None,
    fail_on: str,
    lang: str,
    changed_ref: str | None,
    engine: str | None,
    quiet: bool,
) -> None:
    """Validate RDF files against SHACL shapes and the quality checks; findings at file:line.

    Without PATHS, inside a project (a folder with ontology/, data/ and shapes/, or a
    [tool.mannheim-kg] table in its pyproject.toml, found from the working directory upwards):
    its ontology and data. The report goes to standard output (or --output), a one-line summary
    to standard error. Exit status: 0 conforms (warnings are printed), 1 findings at or above
    --fail-on, 2 unusable input (syntax error, missing file, broken shapes or checks, no PATHS
    or no --shapes outside a project, --changed outside git or with an unknown REF).
    """
    import os

    from server.errors import each_error
    from server.validate.checks import default_checks_folder, load_checks
    from server.validate.engine import input_error_report, summary_line
    from server.validate.engine import validate as run_validation
    from server.validate.renderers import RenderOptions, render
    from server.validate.vocabularies import default_vocab_folder

    color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    options = RenderOptions(lang=lang, fail_on=fail_on.capitalize(), color=color)
    try:
        _require_what_to_validate(settings, paths, shapes)
        announce_project(
            settings, *(() if paths else ("ontology", "data")), *(() if shapes else ("shapes",))
        )
        checks = [] if no_checks else load_checks(checks_folder or default_checks_folder())
        targets = paths or settings.sources
        shapes = shapes or settings.shapes
        ontology = ontology or (() if paths else settings.ontology)
        changed = None
        if changed_ref is not None:
            from server.validate.changes import changed_files

            changed = changed_files(changed_ref, [*targets, *shapes, *ontology])
            if not changed:
                click.echo(
                    f"nothing changed since {changed_ref}: no RDF file to validate", err=True
                )
                sys.exit(EXIT_OK)
        with validation_progress(not quiet) as progress:
            report = run_validation(
                targets=targets,
                shapes=shapes,
                ontology=ontology,
                checks=checks,
                vocabulary=(vocab_folder or default_vocab_folder()) if checks else None,
                inference=inference,
                languages=languages.split(","),
                engine=engine,
                changed=changed,
                progress=progress,
            )
    except InputError as exc:
        # Machine formats get the error as a report too, so a CI's annotation or SARIF upload
        # step shows it; the one line on stderr and exit status 2 stay.
        errors = "".join(f"error: {single}\n" for single in each_error(exc))
        if output_format == "text":
            text = errors
        else:
            text = render(input_error_report(exc), output_format, options)
        if output is not None:
            output.write_text(text, encoding="utf-8")
        elif output_format != "text":
            click.echo(text, nl=False)
        click.echo(errors, err=True, nl=False)  # one line per broken file
        click.echo(summary_line(input_error_report(exc)), err=True)
        sys.exit(EXIT_UNUSABLE)
    text = render(report, output_format, options)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
    # The document alone on stdout or in --output (a pipe into jq or a SARIF upload stays
    # parseable); the summary for people on stderr, whatever the format and destination.
    summary = summary_line(report)
    if changed_ref is not None and report.changed is not None:
        summary += (
            f" (only what {len(report.changed)} file(s) changed since {changed_ref} describe)"
        )
    click.echo(summary, err=True)
    sys.exit(EXIT_FINDINGS if report.fails(fail_on.capitalize()) else EXIT_OK)


class validation_progress:
    """The phases on standard error (rich), only on a terminal: never in a CI log, a pipe
    or stdout; `--quiet`, TERM=dumb and CI=… turn it off. A context giving `progress(phase)`."""

    def __init__(self, wanted: bool, console=None) -> None:
        import os

        self.console = console
        interactive = console.is_terminal if console is not None else sys.stderr.isatty()
        self.shown = (
            wanted and interactive and os.environ.get("TERM") != "dumb" and not os.environ.get("CI")
        )

    def __enter__(self):
        if not self.shown:
            return None
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=self.console or Console(stderr=True),
            transient=True,
        )
        self.bar.start()
        self.task = None

        def progress(phase: str) -> None:
            if self.task is not None:
                self.bar.update(self.task, completed=1, total=1)
            self.task = self.bar.add_task(phase, total=None)

        return progress

    def __exit__(self, *exc) -> None:
        if self.shown:
            self.bar.stop()


def _require_what_to_validate(
    settings: Settings, paths: tuple[Path, ...], shapes: tuple[Path, ...]
) -> None:
    """The Mannheim graph and shapes are defaults only where they are meant: no false pass.

    Outside a project (server.project), the bundled ontology and data are not validated
    without PATHS (a hook in another repository must not pass by validating Mannheim's graph),
    and PATHS are not judged against the bundled shapes without --shapes (nor another
    repository's checks run against them). Settings from the environment (MANNHEIM_KG_DATA,
    …) count as given.
    """
    here = project.current()
    if not here.bundled:
        return
    if not paths and settings.sources == here.sources:
        raise InputError(
            "nothing to validate: give the files to validate (PATHS) and --shapes "
            "(without PATHS only a project's own graph is validated, inside its folder)"
        )
    if not shapes and settings.shapes == here.shapes:
        raise InputError(
            "no shapes: pass --shapes (outside a project, a folder with ontology/, data/ and "
            "shapes/, there are no default shapes)"
        )
