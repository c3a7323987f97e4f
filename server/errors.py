"""Typed errors of the core, each with an HTTP status and a message safe to show.

The HTTP layer (server.web.errors) and the CLI each turn them into one kind of answer.
"""

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


class RdfSyntaxErrors(InputError):
    """Several RDF files do not parse: every syntax error, so one run shows them all."""

    def __init__(self, errors: list[RdfSyntaxError]) -> None:
        self.errors = errors
        super().__init__("; ".join(map(str, errors)))


def each_error(error: InputError) -> list[InputError]:
    """The single errors an InputError stands for (one per file for RdfSyntaxErrors)."""
    return list(error.errors) if isinstance(error, RdfSyntaxErrors) else [error]


class ShapesError(InputError):
    """The shapes graph cannot be used by the SHACL engine."""


class QuerySyntaxError(MannheimKGError):
    """A SPARQL query or update does not parse; the message is the parser's."""

    status = 400


class UnsupportedFunction(MannheimKGError):
    """A query that parses calls a function the engine does not have (400: the query's fault)."""

    status = 400


class QueryTimeout(MannheimKGError):
    """A query ran past its time limit and was stopped."""

    status = 503


class QueryMemoryLimit(MannheimKGError):
    """A query needed more memory than its worker may use (max_memory) and was stopped."""

    status = 503


class NotFound(MannheimKGError):
    """No such resource, query or graph."""

    status = 404


class Gone(MannheimKGError):
    """An IRI that existed in an earlier data version and was retired (410)."""

    status = 410


class Unauthorized(MannheimKGError):
    """A bearer token was sent and is not one of the configured tokens (401)."""

    status = 401


class ReadOnlyGraphStore(MannheimKGError):
    """A Graph Store Protocol write (PUT, POST, DELETE, PATCH): this store is read-only (405)."""

    status = 405


class NotAcceptable(MannheimKGError):
    """No media type we can write is acceptable to the client (406)."""

    status = 406

    def __init__(self, kind: str, supported: list[str], requested: str = "") -> None:
        self.kind = kind
        self.supported = supported
        self.requested = requested
        asked = f" for {requested!r}" if requested else ""
        super().__init__(
            f"no acceptable format{asked}; a {kind} result is available as: " + ", ".join(supported)
        )


class UnwritableResult(MannheimKGError):
    """The negotiated format cannot hold this result (an XML format and a character or a
    predicate XML cannot write): 406, naming formats that can, never a broken document."""

    status = 406


class UnsupportedMediaType(MannheimKGError):
    """The request body has a content type the endpoint does not take (415)."""

    status = 415


class PayloadTooLarge(MannheimKGError):
    """The request body is larger than the configured limit (413)."""

    status = 413

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"request body larger than the limit of {limit} bytes (max_body)")


class RequestTimeout(MannheimKGError):
    """The client stopped sending its request body (408; read_timeout)."""

    status = 408


class BadRequest(MannheimKGError):
    """A request the protocol does not allow (missing or repeated query, bad encoding)."""

    status = 400


class UpdateForbidden(MannheimKGError):
    """SPARQL Update is disabled on this endpoint (403)."""

    status = 403

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message or "SPARQL Update is disabled on this endpoint: the graph is read-only"
        )


class ServiceNotAllowed(MannheimKGError):
    """A query calls a federated SERVICE endpoint that is not on the allow-list (403)."""

    status = 403

    def __init__(self, endpoint: str, allowed: tuple[str, ...] = ()) -> None:
        self.endpoint = endpoint
        listed = ", ".join(f"<{a}>" for a in allowed) if allowed else "none"
        super().__init__(
            f"federated query to SERVICE {endpoint} is not allowed "
            f"(allowed SERVICE endpoints: {listed}; setting service_allow_list)"
        )


class ResultTooLarge(MannheimKGError):
    """A result has more rows than max_rows: refused, never cut silently (422)."""

    status = 422

    def __init__(self, limit: int, unit: str = "rows") -> None:
        self.limit = limit
        self.unit = unit
        super().__init__(
            f"the result has more than {limit} {unit}, the limit of this endpoint (max_rows); "
            "ask for fewer with LIMIT and page through with OFFSET (and ORDER BY)"
        )


class ServiceBusy(MannheimKGError):
    """Every query worker stayed busy until the request's time ran out (503)."""

    status = 503


class FederatedServiceFailed(MannheimKGError):
    """An allow-listed SERVICE endpoint failed or could not be reached (502 Bad Gateway)."""

    status = 502


class QueryWorkerFault(MannheimKGError):
    """A query worker failed in a way the query did not cause (500; details in the log)."""

    status = 500


class QueryEvaluationError(MannheimKGError):
    """The engine failed while evaluating a query that parsed (500; the engine's message)."""

    status = 500


class CatalogueError(InputError):
    """A query file cannot be used: broken header or query; the message starts with file:line."""


class QueryNotFound(NotFound):
    """No query of that name in the catalogue."""


class ParameterError(InputError):
    """A request's parameter values do not fit the query: HTTP 400, CLI exit status 2."""

    def __init__(self, parameter: str, detail: str) -> None:
        super().__init__(f"parameter {parameter!r}: {detail}")
        self.parameter = parameter
        self.detail = detail


class CheckError(InputError):
    """A check file that cannot be used (bad header, SPARQL syntax error): exit status 2."""


class OutputFormatError(InputError):
    """The output format asked for does not fit the query's kind of result."""


class EndpointError(InputError):
    """The endpoint cannot be reached or refused the query; the message says which."""


class BackendUnavailable(EndpointError):
    """The remote SPARQL engine behind the server cannot be reached or refused us (503)."""

    status = 503


class BackendTimeout(EndpointError):
    """The remote SPARQL engine did not answer within the time limit (504 Gateway Timeout)."""

    status = 504


class BackendIncomplete(EndpointError):
    """The remote engine's answer is partial (its row cap) or broken: not passed on (502)."""

    status = 502
