"""Settings: defaults < environment (MANNHEIM_KG_*) < explicit values.

Each setting is declared once, as a field of `Settings`: its type (which says how the
environment's text is read), its default, and the docstring under it (the help text). The
registry `SETTINGS` and the table of docs/configuration.md (`settings_markdown`, regenerated
with `python -m server.config`) are derived from those declarations.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import os
import re
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from server import project

# The Mannheim project the package carries (a source checkout, or a wheel's server/bundled/);
# the path defaults below are the discovered project's instead (server.project).
PROJECT_ROOT = project.bundled_root()
ENV_PREFIX = "MANNHEIM_KG_"


@dataclass(frozen=True)
class Settings:
    """Everything the app, the CLI and the core read; one frozen value, passed explicitly."""

    # the project the command runs in, else the bundled graph: resolved when settings are made
    ontology: tuple[Path, ...] = field(default_factory=lambda: project.current().ontology)
    """ontology files or folders"""
    data: tuple[Path, ...] = field(default_factory=lambda: project.current().data)
    """data files or folders"""
    shapes: tuple[Path, ...] = field(default_factory=lambda: project.current().shapes)
    """shapes files or folders"""
    queries: Path = field(default_factory=lambda: project.current().queries)
    """the folder of the query catalogue"""
    store: Path | None = None
    """on-disk store folder for `serve` (`--store`); none: in memory"""
    validate_on_start: bool = True
    """`serve` validates first (`--no-validate` turns it off)"""
    host: str = "127.0.0.1"
    """interface `serve` listens on (`--host`)"""
    port: int = 5000
    """port `serve` listens on (`--port`)"""
    timeout: float = 30.0
    """query time limit in seconds (`--timeout`)"""
    max_body: int = 1024 * 1024
    """largest request body in bytes (1 MiB)"""
    max_rows: int = 100_000
    """most result rows (or triples) answered; `0`: no limit"""
    service_allow_list: tuple[str, ...] = ()
    """`SERVICE` endpoint IRIs queries may call"""
    workers: int = 2
    """query worker processes (`--workers`); `0` runs queries in the server process, without time
    limit"""
    threads: int = 8
    """gunicorn threads that handle HTTP requests; all but 2 may carry queries"""
    queue_timeout: float = 2.0
    """seconds a query waits for a free query worker before `503` busy"""
    max_memory: int = 2 * 1024**3
    """address space per query worker in bytes (2 GiB, `RLIMIT_AS`); `0`: no limit"""
    read_timeout: float = 10.0
    """seconds a client may stall while sending a request or taking its answer before its
    connection is closed (`408` for a body that stops)"""
    max_query_depth: int = 64
    """deepest nesting of `{ }`, `( )` and `[ ]` in a query (deeper: `400`); `0`: no limit"""
    fast_budget: float = 1.0
    """seconds a query may run in the fast lane before it moves to the slow lane"""
    slow_workers: int = 2
    """most queries in the slow lane at once; `0`: no lanes (every query runs to `timeout` where
    it started)"""
    slow_per_client: int = 1
    """most slow queries of one client address at once"""
    cache_bytes: int = 64 * 1024**2
    """size of the result cache for repeated queries (64 MiB); `0`: no cache"""
    public_copy: bool = True
    """in-memory query workers keep a copy of the public graphs for public callers' queries
    (1.1-4x faster than a dataset that lists them; costs their memory once more per worker)"""
    remote: str | None = None
    """a SPARQL 1.1 Query endpoint URL: the store is that engine (`serve --store URL`)"""
    remote_auth: str = ""
    """`basic`, `digest` or `bearer` (empty: none; basic when a user is set, bearer for a
    token)"""
    remote_user: str = ""
    """the user name for the remote engine"""
    remote_password: str = field(default="", repr=False)
    """the password for the remote engine (a secret: never in a repr or a log)"""
    remote_token: str = field(default="", repr=False)
    """the bearer token for the remote engine (a secret: never in a repr or a log)"""
    remote_row_cap: int = 1_048_576
    """the engine's cap on the rows of one answer (Virtuoso's `ResultSetMaxRows`): an answer
    that reaches it is refused as probably cut short"""
    tokens: tuple[str, ...] = field(default=(), repr=False)
    """bearer tokens that see the restricted graphs (secrets: never in a repr or a log)"""
    token_file: Path | None = None
    """a file of more such tokens, one a line (`#` comments and blank lines ignored)"""
    public_base: str = "https://w3id.org/mannheim-kg/"
    """the namespace this server answers for on any host: `<public_base>id/x` is served at
    `/id/x` here, and links on pages point to this host"""

    def __post_init__(self) -> None:
        if not self.public_base.endswith("/"):  # a namespace: <public_base>id/… must stay in it
            object.__setattr__(self, "public_base", self.public_base + "/")

    @property
    def sources(self) -> tuple[Path, ...]:
        """Files and folders that make up the dataset (ontology first)."""
        return self.ontology + self.data


def _paths(value: str | list[str | Path] | tuple[Path, ...]) -> tuple[Path, ...]:
    if isinstance(value, str):
        value = [part for part in value.split(os.pathsep) if part]
    return tuple(Path(part) for part in value)


def _iris(value: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """IRIs separated by whitespace or commas (env), or a list of them."""
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    return tuple(str(v).strip() for v in value if str(v).strip())


def _flag(value: Any) -> bool:
    return str(value).lower() not in {"0", "false", "no", "off"}


@dataclass(frozen=True)
class SettingType:
    """How a setting's type is read from text (the environment) and how the docs name it."""

    parse: Callable[[Any], Any]
    label: str


#: The types settings have, by their annotation in `Settings`.
SETTING_TYPES = {
    "tuple[Path, ...]": SettingType(_paths, f"paths (`{os.pathsep}`-separated)"),
    "Path": SettingType(Path, "path"),
    "Path | None": SettingType(lambda v: Path(v) if v else None, "path or empty"),
    "bool": SettingType(_flag, "true / false"),
    "str": SettingType(str, "text"),
    "str | None": SettingType(lambda v: str(v) if v else None, "URL or empty"),
    "int": SettingType(int, "integer"),
    "float": SettingType(float, "number"),
    "tuple[str, ...]": SettingType(_iris, "IRIs (space- or comma-separated)"),
}


@dataclass(frozen=True)
class Setting:
    """One setting: its name, environment variable, type, default and help text."""

    name: str
    type: SettingType
    default: Any
    help: str

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.name.upper()

    def parse(self, value: Any) -> Any:
        """A value from the environment's text or an override (a bool is taken as it is)."""
        return value if isinstance(value, bool) else self.type.parse(value)


def _field_docstrings(cls: type) -> dict[str, str]:
    """The docstring under each field of a class (as pydantic's use_attribute_docstrings)."""
    body = ast.parse(inspect.getsource(cls)).body[0].body
    found = {}
    for statement, following in itertools.pairwise(body):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            found[statement.target.id] = " ".join(following.value.value.split())
    return found


@dataclass(frozen=True)
class ProjectFolder:
    """A path setting's default: the folder of this name in the project a command runs in.

    Resolved (server.project) when settings are made, not when this module is imported.
    """

    name: str


def _registry() -> tuple[Setting, ...]:
    helps = _field_docstrings(Settings)
    return tuple(
        Setting(
            f.name,
            SETTING_TYPES[str(f.type)],
            ProjectFolder(f.name) if f.default is MISSING else f.default,
            helps[f.name],
        )
        for f in fields(Settings)
    )


SETTINGS: tuple[Setting, ...] = _registry()
SETTINGS_BY_NAME = {s.name: s for s in SETTINGS}


def load_settings(overrides: dict[str, Any] | None = None, environ=os.environ) -> Settings:
    """Build settings from the environment, then explicit overrides (None means 'not given').

    An override that is no setting raises ValueError: a misspelt name must not pass unnoticed.
    """
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = environ.get(setting.env)
        if raw is not None:
            values[setting.name] = setting.parse(raw)
    for key, value in (overrides or {}).items():
        if key not in SETTINGS_BY_NAME:
            raise ValueError(f"unknown setting {key!r}; settings: {', '.join(SETTINGS_BY_NAME)}")
        if value is not None:
            values[key] = SETTINGS_BY_NAME[key].parse(value)
    return replace(Settings(), **values)


# -- the settings table of the docs ----------------------------------------------------------

DOCS_START, DOCS_END = "<!-- settings:start -->", "<!-- settings:end -->"


def _default_text(value: Any) -> str:
    """A default as the docs show it: paths relative to the project, `none`, `empty`."""
    if value is None:
        return "none"
    if isinstance(value, ProjectFolder):
        return f"`{value.name}/`"
    if isinstance(value, tuple):
        return f"`{os.pathsep.join(map(_plain, value))}`" if value else "empty"
    return f"`{_plain(value)}`"


def _plain(value: Any) -> str:
    if isinstance(value, Path):
        try:
            return value.relative_to(PROJECT_ROOT).as_posix() + "/"
        except ValueError:
            return value.as_posix()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def settings_markdown() -> str:
    """The table of every setting: variable, type, default, meaning (docs/configuration.md)."""
    lines = ["| variable | type | default | meaning |", "|---|---|---|---|"]
    lines += [
        f"| `{s.env}` | {s.type.label} | {_default_text(s.default)} | {s.help} |" for s in SETTINGS
    ]
    return "\n".join(lines) + "\n"


def with_settings_table(document: str) -> str:
    """`document` with the generated table between its settings markers."""
    pattern = re.compile(re.escape(DOCS_START) + ".*?" + re.escape(DOCS_END), re.DOTALL)
    if not pattern.search(document):
        raise ValueError(f"no {DOCS_START} … {DOCS_END} markers in the document")
    table = f"{DOCS_START}\n{settings_markdown()}{DOCS_END}"
    return pattern.sub(lambda _: table, document, count=1)


if __name__ == "__main__":  # python -m server.config [docs/configuration.md]: regenerate it
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else PROJECT_ROOT / "docs" / "configuration.md")
    target.write_text(with_settings_table(target.read_text(encoding="utf-8")), encoding="utf-8")
