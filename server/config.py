"""Settings: defaults < environment (MANNHEIM_KG_*) < explicit values."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENV_PREFIX = "MANNHEIM_KG_"


def _paths(value: str | list[str | Path] | tuple[Path, ...]) -> tuple[Path, ...]:
    if isinstance(value, str):
        value = [part for part in value.split(os.pathsep) if part]
    return tuple(Path(part) for part in value)


def _iris(value: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """IRIs separated by whitespace or commas (env), or a list of them."""
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    return tuple(str(v).strip() for v in value if str(v).strip())


@dataclass(frozen=True)
class Settings:
    """Everything the app, the CLI and the core read; one frozen value, passed explicitly."""

    ontology: tuple[Path, ...] = (PROJECT_ROOT / "ontology",)
    data: tuple[Path, ...] = (PROJECT_ROOT / "data",)
    shapes: tuple[Path, ...] = (PROJECT_ROOT / "shapes",)
    queries: Path = PROJECT_ROOT / "queries"
    store: Path | None = None
    validate_on_start: bool = True
    host: str = "127.0.0.1"
    port: int = 5000
    timeout: float = 30.0
    max_body: int = 1024 * 1024
    max_rows: int = 100_000
    service_allow_list: tuple[str, ...] = ()
    workers: int = 2
    threads: int = 8
    queue_timeout: float = 2.0
    max_memory: int = 2 * 1024**3
    read_timeout: float = 10.0
    remote: str | None = None
    """A SPARQL 1.1 Query endpoint URL: the store is that engine (`serve --store URL`)."""
    remote_auth: str = ""
    """basic, digest or bearer (empty: none; basic when a user is set, bearer for a token)."""
    remote_user: str = ""
    remote_password: str = ""
    remote_token: str = ""
    remote_row_cap: int = 1_048_576
    """The engine's cap on the rows of one answer (Virtuoso's ResultSetMaxRows): an answer
    that reaches it is refused as probably cut short."""

    @property
    def sources(self) -> tuple[Path, ...]:
        """Files and folders that make up the dataset (ontology first)."""
        return self.ontology + self.data


#: One converter per setting (from the environment's text, or an override's value).
_CONVERTERS = {
    "ontology": _paths,
    "data": _paths,
    "shapes": _paths,
    "queries": Path,
    "store": lambda v: Path(v) if v else None,
    "validate_on_start": lambda v: str(v).lower() not in {"0", "false", "no", "off"},
    "host": str,
    "port": int,
    "timeout": float,
    "max_body": int,
    "max_rows": int,
    "service_allow_list": _iris,
    "workers": int,
    "threads": int,
    "queue_timeout": float,
    "max_memory": int,
    "read_timeout": float,
    "remote": lambda v: str(v) if v else None,
    "remote_auth": str,
    "remote_user": str,
    "remote_password": str,
    "remote_token": str,
    "remote_row_cap": int,
}


def load_settings(overrides: dict[str, Any] | None = None, environ=os.environ) -> Settings:
    """Build settings from the environment, then explicit overrides (None means 'not given').

    An override that is no setting raises ValueError: a misspelt name must not pass unnoticed.
    """
    values: dict[str, Any] = {}
    for name, convert in _CONVERTERS.items():
        raw = environ.get(ENV_PREFIX + name.upper())
        if raw is not None:
            values[name] = convert(raw)
    for key, value in (overrides or {}).items():
        if key not in _CONVERTERS:
            raise ValueError(f"unknown setting {key!r}; settings: {', '.join(_CONVERTERS)}")
        if value is not None:
            values[key] = _CONVERTERS[key](value) if not isinstance(value, bool) else value
    return replace(Settings(), **values)
