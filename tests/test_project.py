"""Project discovery (server.project): from the working directory upwards, the first folder
with ontology/, data/ and shapes/ or a [tool.mannheim-kg] table; else the bundled project."""

from __future__ import annotations

import json
import shutil

import pytest

from server import project
from server.cli.main import main
from server.config import PROJECT_ROOT, load_settings

FOREIGN_DATA = '<https://example.org/a> <https://example.org/p> "x" .\n'


@pytest.fixture
def nowhere(tmp_path_factory):
    """An empty folder outside any project."""
    return tmp_path_factory.mktemp("nowhere")


def test_a_folder_with_ontology_data_and_shapes_is_found_from_below(project_copy):
    below = project_copy / "data" / "deeper"
    below.mkdir()
    found = project.find_project(below)
    assert (found.root, found.bundled) == (project_copy, False)
    assert found.ontology == (project_copy / "ontology",)
    assert found.data == (project_copy / "data",)
    assert found.shapes == (project_copy / "shapes",)
    assert found.queries == project_copy / "queries"
    # no checks or vocabularies of its own: the bundled ones
    assert found.checks == PROJECT_ROOT / "queries" / "checks"
    assert found.vocab == PROJECT_ROOT / "vocab"
    assert found.describe() == f"using the project at {project_copy}"


def test_two_of_the_three_folders_are_no_project(nowhere):
    (nowhere / "data").mkdir()
    (nowhere / "shapes").mkdir()
    found = project.find_project(nowhere)
    assert found == project.bundled()
    assert found.root == PROJECT_ROOT  # a source checkout is its own bundle
    assert found.describe() == "using the bundled Mannheim graph"


def test_a_pyproject_table_names_the_folders(nowhere):
    (nowhere / "pyproject.toml").write_text(
        '[project]\nname = "other"\n\n[tool.mannheim-kg]\n'
        'ontology = "model"\ndata = ["kg/a", "kg/b"]\nshapes = "model/shapes"\n'
        'queries = "sparql"\nchecks = "sparql/checks"\nvocab = "vendor"\n',
        encoding="utf-8",
    )
    (nowhere / "sub").mkdir()
    found = project.find_project(nowhere / "sub")
    assert found == project.Project(
        root=nowhere,
        ontology=(nowhere / "model",),
        data=(nowhere / "kg" / "a", nowhere / "kg" / "b"),
        shapes=(nowhere / "model" / "shapes",),
        queries=nowhere / "sparql",
        checks=nowhere / "sparql" / "checks",
        vocab=nowhere / "vendor",
    )


def test_a_pyproject_without_the_table_does_not_stop_the_search(project_copy):
    inner = project_copy / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[tool.ruff]\nline-length = 99\n", encoding="utf-8")
    assert project.find_project(inner).root == project_copy


@pytest.mark.parametrize(
    ("table", "complaint"),
    [
        ('shapez = "s"', "[tool.mannheim-kg] has no setting shapez"),
        ("data = 3", "[tool.mannheim-kg] data must be a path or a list of them"),
        ('queries = ["a", "b"]', "[tool.mannheim-kg] queries must be a path"),
        ("data = []", "[tool.mannheim-kg] data must be a path or a list of them"),
    ],
)
def test_a_wrong_table_is_one_line_and_exit_2(runner, nowhere, monkeypatch, table, complaint):
    (nowhere / "pyproject.toml").write_text(f"[tool.mannheim-kg]\n{table}\n", encoding="utf-8")
    monkeypatch.chdir(nowhere)
    result = runner.invoke(main, ["summary"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {nowhere / 'pyproject.toml'}: {complaint}")
    assert result.stdout == ""


def test_settings_default_to_the_project_of_the_working_directory(project_copy, monkeypatch):
    monkeypatch.chdir(project_copy / "shapes")
    settings = load_settings(environ={})
    assert settings.sources == (project_copy / "ontology", project_copy / "data")
    assert settings.shapes == (project_copy / "shapes",)
    environment = load_settings(environ={"MANNHEIM_KG_DATA": "elsewhere.ttl"})
    assert environment.data == (type(project_copy)("elsewhere.ttl"),)  # the environment wins


def test_a_command_says_which_project_it_uses_on_stderr_only(
    runner, project_copy, nowhere, monkeypatch
):
    shutil.copytree(PROJECT_ROOT / "queries", project_copy / "queries")
    (project_copy / "data" / "extra.nt").write_text(FOREIGN_DATA, encoding="utf-8")
    monkeypatch.chdir(project_copy / "data")
    here = runner.invoke(main, ["query", "graphs", "--format", "json"])
    assert here.exit_code == 0, here.output
    assert here.stderr == f"using the project at {project_copy}\n"
    graphs = {row["graph"]["value"] for row in json.loads(here.stdout)["results"]["bindings"]}
    assert "https://w3id.org/mannheim-kg/graph/extra" in graphs  # the copy's own file
    monkeypatch.chdir(nowhere)
    bundled = runner.invoke(main, ["query", "graphs", "--format", "json"])
    assert bundled.exit_code == 0, bundled.output
    assert bundled.stderr == "using the bundled Mannheim graph\n"
    assert json.loads(bundled.stdout) != json.loads(here.stdout)
    # options and settings that name the files: nothing to announce
    given = runner.invoke(main, ["query", "graphs"], env={"MANNHEIM_KG_DATA": str(project_copy)})
    assert given.exit_code == 0, given.output
    assert given.stderr == "using the bundled Mannheim graph\n"  # the catalogue still is
    catalogue = str(PROJECT_ROOT / "tests" / "fixtures" / "queries" / "catalogue")
    listing = runner.invoke(main, ["query", "--list"], env={"MANNHEIM_KG_QUERIES": catalogue})
    assert (listing.exit_code, listing.stderr) == (0, "")


def test_validate_paths_inside_a_project_take_its_shapes_and_say_so(
    runner, project_copy, monkeypatch
):
    monkeypatch.chdir(project_copy)
    result = runner.invoke(main, ["validate", "ontology", "data", "--no-checks"])
    assert result.exit_code == 0, result.output
    using, summary = result.stderr.splitlines()
    assert using == f"using the project at {project_copy}"
    assert summary.startswith("conforms: 0 violation(s)")
    both = runner.invoke(
        main, ["validate", "ontology", "data", "--shapes", "shapes", "--no-checks"]
    )
    assert both.exit_code == 0, both.output
    assert not both.stderr.startswith("using")  # graph and shapes given: nothing announced
