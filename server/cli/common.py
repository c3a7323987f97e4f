"""What the command modules share: exit statuses, and saying which project's files are used."""

import click

from server import project
from server.config import Settings

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2
#: The settings that name a project's files (server.project), as Settings attributes.
PROJECT_SETTINGS = ("ontology", "data", "shapes", "queries")


def announce_project(settings: Settings, *uses: str) -> None:
    """`using the project at …` / `using the bundled Mannheim graph` on stderr, if the command
    reads any of `uses` (PROJECT_SETTINGS names) from the discovered project rather than from
    options or the environment. stderr only: stdout holds the answer (a pipe into jq stays
    clean)."""
    here = project.current()
    if any(getattr(settings, name) == getattr(here, name) for name in uses):
        click.echo(here.describe(), err=True)
