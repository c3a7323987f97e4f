"""What `serve` checks before it listens: the data parse, the store is loaded, the shapes hold."""

from __future__ import annotations

from .config import Settings
from .loading import discover, parse_all
from .store import OxigraphStore


def prepare_to_serve(settings: Settings, validate_bundled: bool):
    """Parse gate (and the on-disk load), then validation; returns the Report or None.

    Runs in the server's master process before any worker starts, so a broken file stops the
    start with its file:line:column, and an on-disk store is loaded once, not per worker.
    """
    sources = discover(settings.sources)
    if settings.store is not None:
        OxigraphStore.persistent(sources, settings.store)
    elif not validate_bundled:
        parse_all(sources)  # validation parses too; without it, the syntax gate alone
    if not validate_bundled:
        return None
    from .validation import validate

    return validate(targets=settings.sources, shapes=settings.shapes, ontology=settings.ontology)
