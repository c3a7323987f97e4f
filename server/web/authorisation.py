"""Who may see the restricted graphs: a request with `Authorization: Bearer <token>` whose
token is configured (settings `tokens` / MANNHEIM_KG_TOKENS, and `token_file`).

Tokens are compared in constant time (hmac.compare_digest, against every configured token),
never logged and never echoed: the error for a wrong token names no token. A request without
a bearer token is a public caller; a wrong token is refused (401), so that a staff member
with a mistyped token is told so instead of silently seeing the public view.
"""

from __future__ import annotations

import hmac

from flask import Flask, Response, g, request

from server.config import Settings
from server.errors import InputError, Unauthorized
from server.web.context import EXTENSION, state

TOKENS_KEY = "access_tokens"
REALM = 'Bearer realm="mannheim-kg"'


def access_tokens(settings: Settings) -> tuple[bytes, ...]:
    """The configured tokens (`tokens` and the lines of `token_file`), as bytes."""
    found = list(settings.tokens)
    if settings.token_file is not None:
        try:
            lines = settings.token_file.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise InputError(
                f"{settings.token_file}: cannot read the token file ({exc.strerror})"
            ) from None
        found += [line.strip() for line in lines if not line.lstrip().startswith("#")]
    return tuple(token.encode() for token in found if token.strip())


def init_app(app: Flask) -> None:
    """Read the tokens once (a broken token file stops the start) and add the hooks."""
    app.extensions[EXTENSION][TOKENS_KEY] = access_tokens(app.extensions[EXTENSION]["settings"])
    app.after_request(_mark_private)


def caller_authorised() -> bool:
    """Whether this request carries a configured bearer token; raises Unauthorized (401)
    for a bearer token that is not configured."""
    if "mannheim_kg_authorised" in g:
        return g.mannheim_kg_authorised
    header = request.headers.get("Authorization", "")
    scheme, _, credentials = header.strip().partition(" ")
    authorised = False
    if scheme.lower() == "bearer":
        given = credentials.strip().encode()
        matches = [hmac.compare_digest(given, token) for token in state()[TOKENS_KEY]]
        if not any(matches):
            g.mannheim_kg_authorised = False
            raise Unauthorized("the bearer token is not valid for this server")
        authorised = True
    g.mannheim_kg_authorised = authorised
    return authorised


def _mark_private(response: Response) -> Response:
    """Answers may depend on the Authorization header: shared caches must know, and must not
    keep an authorised caller's answer."""
    response.vary.add("Authorization")
    if g.get("mannheim_kg_authorised"):
        directives = response.headers.get("Cache-Control")
        response.headers["Cache-Control"] = f"private, {directives}" if directives else "private"
    if response.status_code == 401:
        response.headers["WWW-Authenticate"] = REALM + ', error="invalid_token"'
    return response
