"""mannheim-kg: the knowledge graph of Mannheim's economic policy strategy, and its services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import Settings, load_settings

if TYPE_CHECKING:
    from flask import Flask

EXTENSION = "mannheim_kg"


def create_app(config: Settings | dict[str, Any] | None = None) -> Flask:
    """Application factory: state lives in app.extensions['mannheim_kg'], never in globals."""
    # Imported here, not at the top: query worker processes import this package, never Flask.
    from flask import Flask

    from .service import QueryService
    from .views import init_app

    settings = config if isinstance(config, Settings) else load_settings(config)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body
    app.extensions[EXTENSION] = {"settings": settings, "query_service": QueryService(settings)}
    init_app(app)
    return app
