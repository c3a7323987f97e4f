"""Which files a command reads: the project it is run in, else the Mannheim graph in the package.

Discovery works like ruff's and pytest's: from the working directory upwards, the first folder
that is a project wins. A folder is a project when its `pyproject.toml` has a
`[tool.mannheim-kg]` table (which may name the folders, relative to it), or when it holds the
three folders `ontology/`, `data/` and `shapes/`. Outside any project the Mannheim graph,
shapes, catalogue, checks and vocabularies shipped inside the package (`server/bundled/`,
copied there by setup.py's build step) are used; a source checkout, which has no
`server/bundled/`, is its own bundle.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from server.errors import InputError

PROJECT_FOLDERS = ("ontology", "data", "shapes")  # what makes a folder a project
TABLE = "mannheim-kg"  # [tool.mannheim-kg] in pyproject.toml
#: The folders a project has, relative to its root, unless its [tool.mannheim-kg] table says
#: otherwise: the graph (ontology, data), the shapes, the catalogue, the checks, the vocabularies.
DEFAULT_FOLDERS = {
    "ontology": "ontology",
    "data": "data",
    "shapes": "shapes",
    "queries": "queries",
    "checks": "queries/checks",
    "vocab": "vocab",
}
_MANY = ("ontology", "data", "shapes")  # these may name several files or folders


@dataclass(frozen=True)
class Project:
    """Where one project's files are; `bundled` is the Mannheim graph inside the package."""

    root: Path
    ontology: tuple[Path, ...]
    data: tuple[Path, ...]
    shapes: tuple[Path, ...]
    queries: Path
    checks: Path
    vocab: Path
    bundled: bool = False

    @property
    def sources(self) -> tuple[Path, ...]:
        """The dataset's files and folders, ontology first (as Settings.sources)."""
        return self.ontology + self.data

    def describe(self) -> str:
        """The line a command prints on stderr to say which files it uses."""
        if self.bundled:
            return "using the bundled Mannheim graph"
        return f"using the project at {self.root}"


def bundled_root() -> Path:
    """The Mannheim project inside the package (a wheel's server/bundled/), or the checkout."""
    package = Path(__file__).resolve().parent
    inside = package / "bundled"
    return inside if inside.is_dir() else package.parent


@cache
def bundled() -> Project:
    """The Mannheim graph, shapes, catalogue, checks and vocabularies the package carries."""
    return _project(bundled_root(), {}, is_bundled=True)


def current() -> Project:
    """The project the working directory is in, else the bundled one."""
    return find_project(Path.cwd())


@cache
def find_project(start: Path) -> Project:
    """The first project from `start` upwards (see the module's docstring), else `bundled()`.

    A `[tool.mannheim-kg]` table that is not a table of folder names raises InputError.
    """
    start = Path(start).resolve()
    for folder in (start, *start.parents):
        table = _table(folder / "pyproject.toml")
        if table is not None:
            return _project(folder, table)
        if all((folder / name).is_dir() for name in PROJECT_FOLDERS):
            return _project(folder, {})
    return bundled()


def _table(pyproject: Path) -> dict | None:
    """The [tool.mannheim-kg] table of a pyproject.toml, None without one (or without file)."""
    try:
        text = pyproject.read_text(encoding="utf-8")
    except OSError:
        return None
    try:
        table = tomllib.loads(text).get("tool", {}).get(TABLE)
    except tomllib.TOMLDecodeError:
        return None  # somebody else's broken file: not ours to judge
    if table is None:
        return None
    if not isinstance(table, dict):
        raise InputError(f"{pyproject}: [tool.{TABLE}] must be a table")
    unknown = sorted(set(table) - set(DEFAULT_FOLDERS))
    if unknown:
        raise InputError(
            f"{pyproject}: [tool.{TABLE}] has no setting {', '.join(unknown)} "
            f"(it names the folders {', '.join(DEFAULT_FOLDERS)})"
        )
    for key, value in table.items():
        names = value if key in _MANY and isinstance(value, list) else [value]
        if not names or not all(isinstance(name, str) for name in names):
            many = " or a list of them" if key in _MANY else ""
            raise InputError(f"{pyproject}: [tool.{TABLE}] {key} must be a path{many}")
    return table


def _project(root: Path, table: dict, is_bundled: bool = False) -> Project:
    def many(key: str) -> tuple[Path, ...]:
        value = table.get(key, DEFAULT_FOLDERS[key])
        return tuple(root / name for name in ([value] if isinstance(value, str) else value))

    def one(key: str) -> Path:
        return root / table.get(key, DEFAULT_FOLDERS[key])

    def tool(key: str) -> Path:
        # checks and vocabularies are tools as much as content: a project without its own
        # folder (and without naming one) uses the package's
        folder = one(key)
        if key in table or is_bundled or folder.is_dir():
            return folder
        return getattr(bundled(), key)

    return Project(
        root=root,
        ontology=many("ontology"),
        data=many("data"),
        shapes=many("shapes"),
        queries=one("queries"),
        checks=tool("checks"),
        vocab=tool("vocab"),
        bundled=is_bundled,
    )


@cache
def code_fingerprint() -> str:
    """A hash of the package's version and every source file: what was made by other code
    (a remembered validation, cached dumps and pages) is not taken for this code's."""
    import hashlib

    import server

    digest = hashlib.sha256(f"mannheim-kg={server.__version__}".encode())
    package = Path(server.__file__).parent
    for module in sorted(package.rglob("*.py")):
        digest.update(str(module.relative_to(package)).encode() + b"\0" + module.read_bytes())
    return digest.hexdigest()
