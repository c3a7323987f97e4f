"""Typed errors of the core; the HTTP layer and the CLI each turn them into one kind of answer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class MannheimKGError(Exception):
    """Base class: an error whose message is safe to show to a user."""

    status = 500


class InputError(MannheimKGError):
    """Input that cannot be used at all (missing file, broken shapes): CLI exit status 2."""

    status = 400


class SourceNotFound(InputError):
    """A path given on the command line or in the settings does not exist."""


@dataclass
class RdfSyntaxError(InputError):
    """An RDF file does not parse; carries the position the parser reported."""

    path: Path
    line: int | None
    column: int | None
    detail: str

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.detail}"


class ShapesError(InputError):
    """The shapes graph cannot be used by the SHACL engine."""


class QuerySyntaxError(MannheimKGError):
    """A SPARQL query or update does not parse; the message is the parser's."""

    status = 400


class QueryTimeout(MannheimKGError):
    """A query ran past its time limit and was stopped."""

    status = 503


class NotFound(MannheimKGError):
    """No such resource, query or graph."""

    status = 404
