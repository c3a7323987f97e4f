"""The `mannheim-kg` command: thin click commands over the core."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from server.config import PROJECT_ROOT, Settings, load_settings
from server.errors import InputError, MannheimKGError

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2
BUNDLED = Settings()  # this project's ontology/, data/ and shapes/ (absent in a wheel install)


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
    help="Shapes files or folders (default: the bundled shapes/, inside this project's folder).",
)
@click.option(
    "--ontology",
    "ontology",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Ontology for RDFS inference (default: the bundled ontology/ without PATHS, else none).",
)
@click.option(
    "--checks",
    "checks_folder",
    type=click.Path(path_type=Path),
    help="Folder of quality checks, *.rq (default: the bundled queries/checks/).",
)
@click.option("--no-checks", is_flag=True, help="Run the SHACL shapes only.")
@click.option(
    "--vocab",
    "vocab_folder",
    type=click.Path(path_type=Path),
    help="Pinned standard vocabularies the checks compare terms with (default: bundled vocab/).",
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
) -> None:
    """Validate RDF files against SHACL shapes and the quality checks; findings at file:line.

    Without PATHS, inside this project's folder: its ontology and data. The report goes to
    standard output (or --output), a one-line summary to standard error. Exit status: 0 conforms
    (warnings are printed), 1 findings at or above --fail-on, 2 unusable input (syntax error,
    missing file, broken shapes or checks, no PATHS outside this project, no shapes).
    """
    import os

    from server.errors import each_error
    from server.validate.checks import bundled_checks_folder, load_checks
    from server.validate.engine import input_error_report, summary_line
    from server.validate.engine import validate as run_validation
    from server.validate.renderers import RenderOptions, render
    from server.validate.vocabularies import bundled_vocab_folder

    color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    options = RenderOptions(lang=lang, fail_on=fail_on.capitalize(), color=color)
    try:
        _require_what_to_validate(settings, paths, shapes)
        checks = [] if no_checks else load_checks(checks_folder or bundled_checks_folder())
        report = run_validation(
            targets=paths or settings.sources,
            shapes=shapes or settings.shapes,
            ontology=ontology or (() if paths else settings.ontology),
            checks=checks,
            vocabulary=(vocab_folder or bundled_vocab_folder()) if checks else None,
            inference=inference,
            languages=languages.split(","),
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
    click.echo(summary_line(report), err=True)
    sys.exit(EXIT_FINDINGS if report.fails(fail_on.capitalize()) else EXIT_OK)


def _require_what_to_validate(
    settings: Settings, paths: tuple[Path, ...], shapes: tuple[Path, ...]
) -> None:
    """The bundled graph and shapes are defaults only where they are meant: no false pass.

    Without PATHS, the bundled ontology and data are validated only when the working directory
    is this project (a hook in another repository must not pass by validating Mannheim's
    graph); settings from the environment (MANNHEIM_KG_DATA, …) count as given. Without
    --shapes, the bundled shapes/ are used by the same rule: only inside this project's folder
    (another repository's data must not be judged, nor its checks run, against Mannheim's
    shapes) and only where they exist (a wheel install has none).
    """
    inside = Path.cwd().resolve().is_relative_to(PROJECT_ROOT)
    bundled_sources = not paths and settings.sources == BUNDLED.sources
    if bundled_sources and (not inside or not all(p.exists() for p in BUNDLED.sources)):
        raise InputError(
            "nothing to validate: give the files to validate (PATHS) and --shapes "
            "(without PATHS only this project's own graph is validated, inside its folder)"
        )
    if not shapes and settings.shapes == BUNDLED.shapes:
        if not all(p.exists() for p in BUNDLED.shapes):
            raise InputError(
                "no shapes: pass --shapes (the bundled shapes/ come only with a source "
                "checkout of mannheim-kg)"
            )
        if not inside:
            raise InputError(
                "no shapes: pass --shapes (this project's own shapes/ are the default only "
                "inside its folder)"
            )


@main.command()
@click.pass_obj
def summary(settings: Settings) -> None:
    """Print what the graph holds: triples, things per class, the clusters and their contacts."""
    from server.services.summary import summarise
    from server.store.oxigraph import OxigraphStore

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

    Runs on the embedded store (the bundled ontology and data) unless --endpoint names a
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


@main.command()
@click.option("--host", help="Interface to listen on.  [default: 127.0.0.1]")
@click.option("--port", type=int, help="Port to listen on.  [default: 5000]")
@click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep the dataset in an on-disk store in DIR (loaded once, reopened fast).",
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
    store_dir: Path | None,
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
        changes["store"] = store_dir
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


@main.command()
@click.option(
    "--triples",
    type=click.IntRange(min=1),
    default=170_000,
    show_default=True,
    help="About this many triples.",
)
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed.")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
def generate(triples: int, seed: int, out: Path) -> None:
    """Write a seeded synthetic graph shaped like ours (clusters, organisations, people,
    concepts, events, measures) to OUT as Turtle: benchmark data of any size."""
    from server.services.synthetic import write_synthetic

    written = write_synthetic(out, triples, seed)
    click.echo(f"{written} triples written to {out}", err=True)
