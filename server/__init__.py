"""mannheim-kg: the knowledge graph of Mannheim's economic policy strategy, and its services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import Settings, load_settings

if TYPE_CHECKING:
    from flask import Flask

EXTENSION = "mannheim_kg"


def tool_version() -> str:
    """The installed version of mannheim-kg (reports, the OpenAPI document)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mannheim-kg")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0"


def create_app(config: Settings | dict[str, Any] | None = None) -> Flask:
    """Application factory: state lives in app.extensions['mannheim_kg'], never in globals."""
    # Imported here, not at the top: query worker processes import this package, never Flask.
    from flask import Flask

    from .catalogue import Catalogue
    from .metrics import RequestMetrics
    from .service import QueryService
    from .views import init_app

    settings = config if isinstance(config, Settings) else load_settings(config)
    app = Flask(__name__)
    # One byte over max_body: werkzeug stops reading a chunked body at MAX_CONTENT_LENGTH
    # without an error, so views.bound_body reads that one byte more to tell "too long".
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body + 1
    app.config["MAX_FORM_MEMORY_SIZE"] = settings.max_body
    # queries/ is read now: a broken query file stops the start, not a request.
    folder = settings.queries
    app.extensions[EXTENSION] = {
        "settings": settings,
        "query_service": QueryService(settings),
        "catalogue": Catalogue.from_folder(folder) if folder.is_dir() else Catalogue({}),
        "metrics": RequestMetrics(),
    }
    init_app(app)
    return app
