"""The `mannheim-kg` command: thin click commands over the core."""

from __future__ import annotations

import click

from server.cli import generate, load, publish, query, serve, validate
from server.cli.common import EXIT_UNUSABLE
from server.config import load_settings
from server.errors import InputError


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


for command in (
    validate.validate,
    query.summary,
    query.query,
    serve.serve,
    generate.generate,
    publish.publish,
    load.load,
):
    main.add_command(command)
