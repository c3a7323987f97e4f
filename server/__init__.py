"""mannheim-kg: the knowledge graph of Mannheim's economic policy strategy, and its services."""

from __future__ import annotations

from typing import Any

from flask import Flask

from .config import Settings, load_settings

EXTENSION = "mannheim_kg"


def create_app(config: Settings | dict[str, Any] | None = None) -> Flask:
    """Application factory: state lives in app.extensions['mannheim_kg'], never in globals."""
    settings = config if isinstance(config, Settings) else load_settings(config)
    app = Flask(__name__)
    app.extensions[EXTENSION] = {"settings": settings}
    return app
