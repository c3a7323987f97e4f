"""The package as a user gets it: a wheel built from a copy of the checkout, installed into a
fresh virtual environment, run as `mannheim-kg` inside a copy of the checkout, in an empty
folder and in another repository; broken copies fail with file:line from the installed tool.

Once per session: the wheel is built offline (the running environment's setuptools as PEP 517
backend, no build isolation) and installed with `--no-deps`; the dependencies come
from the running environment's site-packages through a .pth file in the new environment
(nothing from a registry). The first test checks that `server` is then imported from the new
environment's copy, with its bundled project, and not from the checkout.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

import pytest

from server.cli.main import main

#: The commands that read the graph, the catalogue and the web app: the same answer everywhere.
READING = (("query", "contacts"), ("summary",), ("serve", "--get", "/healthz"))
CHECKOUT = Path(__file__).resolve().parent.parent
#: What a build needs (pyproject's readme included) and what the bundled project is made of.
BUILD_FILES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "server")
PROJECT_FOLDERS = ("ontology", "data", "shapes", "queries", "vocab")
FOREIGN = Path(__file__).parent / "fixtures" / "validation" / "foreign"
IGNORED = shutil.ignore_patterns("__pycache__", "*.egg-info", "build", "dist")


class Installed(NamedTuple):
    """The fresh environment and the copy of the checkout its wheel was built from."""

    venv: Path
    site_packages: Path
    checkout: Path
    environ: dict[str, str]

    def run(self, cwd: Path, *args: str) -> subprocess.CompletedProcess:
        """The installed `mannheim-kg ARGS…` in `cwd`."""
        (result,) = self.run_all(cwd, args)
        return result

    def run_all(self, cwd: Path, *commands) -> list[subprocess.CompletedProcess]:
        """Several `mannheim-kg` commands in `cwd` at once (each mostly waits for imports)."""
        with ThreadPoolExecutor(len(commands)) as pool:
            return list(pool.map(lambda args: self._run(cwd, args), commands))

    def _run(self, cwd: Path, args) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(self.venv / "bin" / "mannheim-kg"), *args],
            cwd=cwd,
            env=self.environ,
            capture_output=True,
            text=True,
            timeout=180,
        )


def _copy_project(target: Path, names=PROJECT_FOLDERS) -> Path:
    target.mkdir(parents=True)
    for name in names:
        source = CHECKOUT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=IGNORED)
        else:
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="session")
def installed(tmp_path_factory) -> Installed:
    base = tmp_path_factory.mktemp("install")
    # PYTHONPATH would put a checkout before the installed package; MANNHEIM_KG_* the files
    environ = {
        k: v
        for k, v in os.environ.items()
        if k != "PYTHONPATH" and not k.startswith("MANNHEIM_KG_")
    }
    environ["NO_COLOR"] = "1"
    checkout = _copy_project(base / "checkout", BUILD_FILES + PROJECT_FOLDERS)
    dist = base / "dist"
    # PEP 517 in this environment, as `pip wheel --no-build-isolation` would (without pip's start)
    build = f"from setuptools import build_meta; build_meta.build_wheel({str(dist)!r})"
    subprocess.run(
        [sys.executable, "-c", build], cwd=checkout, env=environ, check=True, capture_output=True
    )
    (wheel,) = dist.glob("mannheim_kg-*.whl")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    install = [*pip, "--python", python, "install", "--no-deps", "--no-index", str(wheel)]
    subprocess.run(install, check=True, env=environ, capture_output=True)
    # after the install, so that pip saw an empty environment (and touched nothing else)
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site_packages = Path(subprocess.check_output([python, "-c", purelib], text=True).strip())
    dependencies = sysconfig.get_paths()["purelib"]  # this environment's
    (site_packages / "dependencies-of-the-test-run.pth").write_text(dependencies + "\n")
    return Installed(venv, site_packages, checkout, environ)


@pytest.fixture(scope="module")
def expected():
    """What the tool in this checkout answers (stdout), for comparison with the installed one."""
    from click.testing import CliRunner

    runner = CliRunner()
    unset = {f"MANNHEIM_KG_{key}": None for key in ("QUERIES", "DATA", "ONTOLOGY", "SHAPES")}
    answers = {}
    for command in READING:
        result = runner.invoke(main, command, env=unset)
        assert result.exit_code == 0, result.output
        answers[command[0]] = result.stdout
    return answers


def test_the_installed_copy_is_imported_not_the_checkout(installed):
    probe = (
        "import json, sys, server, server.project as p; print(json.dumps([server.__file__, "
        "str(p.bundled_root()), [type(f).__module__ for f in sys.meta_path]]))"
    )
    python = installed.venv / "bin" / "python"
    # -P: not even the working directory (a copy of the checkout, server/ included) on sys.path
    result = subprocess.run(
        [str(python), "-P", "-c", probe],
        cwd=installed.checkout,
        env=installed.environ,
        capture_output=True,
        text=True,
        check=True,
    )
    module, bundled, finders = json.loads(result.stdout)
    assert module == str(installed.site_packages / "server" / "__init__.py")
    assert bundled == str(installed.site_packages / "server" / "bundled")
    assert not any("editable" in finder for finder in finders)  # no editable install's finder
    for name in PROJECT_FOLDERS:
        assert (Path(bundled) / name).is_dir(), name
    assert (Path(bundled) / "queries" / "checks" / "label-missing.rq").is_file()
    assert (installed.site_packages / "server" / "web" / "templates" / "sparql.html").is_file()


def test_in_a_copy_of_the_checkout(installed, expected):
    here = installed.checkout
    using = f"using the project at {here}\n"
    validated, *answers = installed.run_all(here, ("validate",), *READING)
    assert validated.returncode == 0, validated.stderr
    assert validated.stdout == ""
    first, summary = validated.stderr.splitlines()
    assert (first + "\n", summary.split(" in ")[0]) == (
        using,
        "conforms: 0 violation(s), 0 warning(s), 0 info(s)",
    )
    for command, result in zip(READING, answers, strict=True):
        assert (result.returncode, result.stderr) == (0, using), command
        assert result.stdout == expected[command[0]], command


def test_in_an_empty_folder(installed, expected, tmp_path):
    validated, *answers = installed.run_all(tmp_path, ("validate",), *READING)
    assert validated.returncode == 2  # never Mannheim's graph instead of the files meant
    assert validated.stderr.startswith("error: nothing to validate: give the files to validate")
    for command, result in zip(READING, answers, strict=True):
        assert (result.returncode, result.stderr) == (0, "using the bundled Mannheim graph\n")
        assert result.stdout == expected[command[0]], command


def test_in_a_foreign_repository_with_its_own_shapes(installed, expected, tmp_path):
    foreign = tmp_path / "foreign"
    shutil.copytree(FOREIGN, foreign)
    validated, no_shapes, *answers = installed.run_all(
        foreign, ("validate", "data", "--shapes", "shapes"), ("validate", "data"), *READING
    )
    assert (validated.returncode, validated.stdout) == (0, ""), validated.stderr
    assert validated.stderr == (
        "conforms: 0 violation(s), 0 warning(s), 0 info(s) in 3 file(s), 12 triples\n"
    )
    assert no_shapes.returncode == 2
    assert no_shapes.stderr.startswith("error: no shapes: pass --shapes")
    for command, result in zip(READING, answers, strict=True):
        assert (result.returncode, result.stderr) == (0, "using the bundled Mannheim graph\n")
        assert result.stdout == expected[command[0]], command


def test_a_broken_turtle_file_is_exit_2_with_file_line_column(installed, tmp_path):
    project = _copy_project(tmp_path / "broken", ("ontology", "data", "shapes"))
    broken = project / "data" / "clusters.ttl"
    lines = broken.read_text(encoding="utf-8").splitlines()
    last = max(i for i, line in enumerate(lines) if line.rstrip().endswith("."))
    lines[last] = lines[last].rstrip()[:-1] + " ex:oops ."  # the last statement's dot broken
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = installed.run(project / "data", "validate")  # found from a subfolder
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines()[0] == f"using the project at {project}"
    assert re.search(rf"^error: \S*data/clusters\.ttl:{last + 1}:\d+: ", result.stderr, re.M)
    assert result.stderr.splitlines()[-1] == "not validated: unusable input (1 error)"


def test_a_shape_violation_is_exit_1_with_file_line(installed, tmp_path):
    project = _copy_project(tmp_path / "violating", ("ontology", "data", "shapes"))
    clusters = project / "data" / "clusters.ttl"
    text = clusters.read_text(encoding="utf-8")
    label = 'rdfs:label "Green Industry Cluster"@de'
    line = text[: text.index(label)].count("\n") + 1
    clusters.write_text(text.replace(label, label.replace("label", "lable")), encoding="utf-8")
    result = installed.run(project, "validate", "--no-checks")
    assert result.returncode == 1, result.stderr
    assert re.search(rf"^ *data/clusters\.ttl:{line}:\d+: Violation: ", result.stdout, re.M)
    assert "rdfs:lable" in result.stdout
    assert result.stderr.splitlines()[-1].startswith("does not conform: ")
