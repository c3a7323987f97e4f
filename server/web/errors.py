"""The one rendering of an error as an HTTP body: plain text, or JSON for clients that rank it
first; status and message come from the core's typed errors (server.errors)."""

from __future__ import annotations

import json
import re
from http import HTTPStatus

from server.errors import MannheimKGError

EXPECTED_SHOWN = 12
"""At most this many alternatives of a parser's "expected one of …" list are shown."""


def one_line(message: str) -> str:
    """A message as one line of moderate length: newlines collapsed, and a parser's long list
    of expected tokens (pyoxigraph's spans Unicode character classes) shortened, keeping the
    position and the first alternatives."""
    text = " ".join(message.split())
    text = re.sub(r"\['0' ?\.\.= ?'9'\]", "a digit", text)
    text = re.sub(r"\[[^\[\]]*\.\.=[^\[\]]*\]", "a letter", text)
    head, marker, alternatives = text.partition("expected one of ")
    if marker:
        items = alternatives.split(", ")
        if len(items) > EXPECTED_SHOWN:
            shown = ", ".join(items[:EXPECTED_SHOWN])
            text = f"{head}{marker}{shown}, … ({len(items) - EXPECTED_SHOWN} more)"
    return text


def error_document(exc: BaseException, as_json: bool) -> tuple[int, bytes, str]:
    """The one rendering of an error: (status, body, content type); never a traceback.

    Errors of our own say their message; anything else is a 500 with a generic message (the
    caller logs the exception).
    """
    if isinstance(exc, MannheimKGError):
        status, message = exc.status, one_line(str(exc))
    elif isinstance(getattr(exc, "code", None), int) and hasattr(exc, "description"):
        status, message = exc.code, exc.description or ""  # an HTTP exception of the framework
    else:
        status, message = 500, "internal server error (it has been logged)"
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    if as_json:
        body = json.dumps({"error": {"status": status, "title": title, "message": message}})
        return status, body.encode(), "application/json"
    return status, f"{status} {title}: {message}\n".encode(), "text/plain; charset=utf-8"
