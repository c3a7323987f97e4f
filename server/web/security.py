"""Security headers of HTML answers: a Content-Security-Policy with no inline script and no
third-party origin, and the small headers that go with it."""

from __future__ import annotations

from flask import Response

#: Scripts, styles, images and fetches from this origin only; no inline script, no eval, no
#: plugins, no framing. Style attributes are allowed ('unsafe-inline' for styles only): the
#: editor (CodeMirror inside YASGUI) positions its widgets with them.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


def secure_html(response: Response) -> Response:
    """Add the CSP (and nosniff, referrer policy) to every HTML response of the app."""
    if response.mimetype in ("text/html", "application/xhtml+xml", "image/svg+xml"):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
    return response
