"""Build step: the Mannheim project's folders go into the wheel as package data (server/bundled/).

ontology/, data/, shapes/, queries/ (the catalogue and queries/checks/) and vocab/ stay at the
top of the repository, where they are edited and kept once in git; an installed `mannheim-kg`
needs them inside the package to serve the Mannheim graph outside any project (server/project.py).
setuptools' build_py copies the package's modules into the build tree; this subclass then copies
the five folders beside them as server/bundled/<folder>, so the wheel carries them (the sdist
carries them through MANIFEST.in). An editable install skips the copy: it reads the checkout.
Everything else about the package is declared in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

BUNDLED_FOLDERS = ("ontology", "data", "shapes", "queries", "vocab")


class BuildPyWithProject(build_py):
    """build_py, then the project's folders into server/bundled/ of the build tree."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "server" / "bundled"
        for name in BUNDLED_FOLDERS:
            shutil.copytree(
                Path(__file__).parent / name,
                target / name,
                ignore=shutil.ignore_patterns(".*", "__pycache__"),
                dirs_exist_ok=True,
            )


setup(cmdclass={"build_py": BuildPyWithProject})
