"""The layer rule of pyproject.toml, enforced by import-linter: lower layers never import
higher ones, nothing outside server.web imports Flask or werkzeug, no import cycles between the
modules of any package. Each contract is shown to fail on a planted import in a copy."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from server.config import PROJECT_ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
LAYERS = "Layers: files → store → validate / catalogue → publish → services → web and cli"
NO_FLASK = "Only server.web speaks HTTP: nothing else imports Flask or werkzeug"
NO_CYCLES = "No import cycles"
CONTRACTS = (LAYERS, NO_FLASK, NO_CYCLES)


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """`lint-imports` on the package and pyproject.toml in `root` (no cache: a copy's files)."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(root / "pyproject.toml")],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def broken(output: str) -> set[str]:
    """The broken contracts of lint-imports' summary (whose lines it wraps at 80 columns)."""
    flat = " ".join(output.split("Broken contracts")[0].split())
    return {
        name
        for name in CONTRACTS
        if (found := re.search(re.escape(name) + r".*? (KEPT|BROKEN)\b", flat))
        and found.group(1) == "BROKEN"
    }


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("layers")
    shutil.copytree(
        PROJECT_ROOT / "server", root / "server", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(PROJECT_ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


def test_the_package_keeps_every_contract():
    result = lint_imports(PROJECT_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout
    assert broken(result.stdout) == set()


@pytest.mark.parametrize(
    ("module", "planted", "contracts"),
    [
        ("rdf/namespace.py", "import flask", {NO_FLASK}),
        # an upward import is also a cycle: the higher layer imports the lower one
        ("rdf/namespace.py", "import server.web.app", {LAYERS, NO_CYCLES}),
        ("store/files.py", "import server.services.querying", {LAYERS, NO_CYCLES}),
        # cycles inside one layer: engine ↔ renderers was one; app ↔ views ↔ blueprints another
        ("validate/positions.py", "import server.validate.engine", {NO_CYCLES}),
        ("web/context.py", "import server.web.app", {NO_CYCLES}),
    ],
)
def test_a_planted_import_breaks_its_contract(package_copy, module, planted, contracts):
    path = package_copy / "server" / module
    original = path.read_text(encoding="utf-8")
    path.write_text(f"{original}\n{planted}  # noqa\n", encoding="utf-8")
    try:
        result = lint_imports(package_copy)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode == 1, result.stdout
    assert broken(result.stdout) == contracts, result.stdout
