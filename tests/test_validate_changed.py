"""`validate --changed REF` in real git repositories, the SHACL engines, progress, and unusable
shapes as a clean error (exit status 2)."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pytest

from server.cli.main import main
from server.cli.validate import validation_progress
from server.validate.engines import ENGINES

SHAPES = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:PersonShape a sh:NodeShape ; sh:targetClass ex:Person ;
    sh:property [ sh:path ex:name ; sh:minCount 1 ] ;
    sh:property [ sh:path ex:memberOf ; sh:class ex:Org ] .
ex:OrgShape a sh:NodeShape ; sh:targetClass ex:Org ;
    sh:property [ sh:path ex:name ; sh:minCount 1 ] .
"""
PEOPLE = """\
@prefix ex: <http://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:ada a ex:Person ; ex:name "Ada" ; ex:memberOf ex:society .
"""
ORGS = """\
@prefix ex: <http://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:society a ex:Org ; ex:name "Analytical Society" .
"""
INSTALLED = [name for name, engine in ENGINES.items() if engine.installed]


def test_every_engine_is_installed_in_ci():
    """The test extra installs both engines: in CI no engine's tests may be left out."""
    missing = [name for name, engine in ENGINES.items() if not engine.installed]
    if missing and not os.environ.get("CI"):
        pytest.skip(f"not installed: {', '.join(missing)} (pip install '.[turbo]')")
    assert not missing


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A git repository with shapes/ and data/ (people.ttl, orgs.ttl), committed, as the
    working directory."""
    (tmp_path / "shapes").mkdir()
    (tmp_path / "shapes" / "shapes.ttl").write_text(SHAPES, "utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "people.ttl").write_text(PEOPLE, "utf-8")
    (tmp_path / "data" / "orgs.ttl").write_text(ORGS, "utf-8")
    (tmp_path / "README.md").write_text("not RDF\n", "utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "base")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def validate(runner, *extra: str):
    return runner.invoke(
        main,
        ["validate", "data", "--shapes", "shapes", "--no-checks", "--format", "github", *extra],
    )


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


@pytest.mark.parametrize("engine", INSTALLED)
def test_a_violation_in_a_changed_file_is_found(runner, repo, engine):
    append(repo / "data" / "orgs.ttl", "ex:nameless a ex:Org .\n")
    result = validate(runner, "--changed", "HEAD", "--engine", engine)
    assert result.exit_code == 1, result.output
    [line] = result.stdout.splitlines()
    # pySHACL's own message (these shapes have no sh:message) names the node its own way
    # in each engine: ex:nameless, <http://example.org/nameless>
    assert line.startswith(
        "::error file=data/orgs.ttl,line=4,col=1,endColumn=12,"
        "title=sh%3AMinCountConstraintComponent::ex:nameless: Less than 1 values on "
    )
    assert result.stderr.endswith(
        "in 2 file(s), 6 triples (only what 1 file(s) changed since HEAD describe)\n"
    )


@pytest.mark.parametrize("engine", INSTALLED)
def test_a_violation_in_an_unchanged_file_is_not_reported(runner, repo, engine):
    append(repo / "data" / "people.ttl", "ex:bob a ex:Person .\n")
    git(repo, "commit", "-qam", "bob has no name")
    (repo / "data" / "more-orgs.ttl").write_text(  # untracked, and valid
        ORGS.replace("society", "club"), "utf-8"
    )
    result = validate(runner, "--changed", "HEAD", "--engine", engine)
    assert (result.exit_code, result.stdout) == (0, ""), result.output
    assert "only what 1 file(s) changed since HEAD" in result.stderr
    everything = validate(runner, "--engine", engine)
    assert everything.exit_code == 1
    assert "ex:bob: Less than 1 values" in everything.stdout


@pytest.mark.parametrize("engine", INSTALLED)
def test_a_change_breaking_a_node_of_another_file_is_left_to_the_full_run(runner, repo, engine):
    """Documented in docs/ci.md: ex:ada (people.ttl, unchanged) points at ex:society, which
    the changed orgs.ttl no longer types ex:Org; only the full validation reports ex:ada."""
    orgs = repo / "data" / "orgs.ttl"
    orgs.write_text(orgs.read_text("utf-8").replace("ex:society a ex:Org ;", "ex:society"))
    changed = validate(runner, "--changed", "HEAD", "--engine", engine)
    assert (changed.exit_code, changed.stdout) == (0, ""), changed.output
    everything = validate(runner, "--engine", engine)
    assert everything.exit_code == 1
    assert "title=sh%3AClassConstraintComponent::ex:ada:" in everything.stdout


def test_a_changed_shapes_file_validates_everything(runner, repo):
    append(repo / "data" / "people.ttl", "ex:bob a ex:Person .\n")
    git(repo, "commit", "-qam", "bob has no name")
    append(repo / "shapes" / "shapes.ttl", "# a comment\n")
    result = validate(runner, "--changed", "HEAD")
    assert result.exit_code == 1
    assert "ex:bob: Less than 1 values" in result.stdout
    assert "changed since" not in result.stderr


def test_check_findings_are_reported_in_changed_files_only(runner, repo):
    append(repo / "data" / "people.ttl", 'ex:ada rdfs:label "Ada  Lovelace"@en .\n')
    git(repo, "commit", "-qam", "a label with two spaces")
    checks = ["--checks", str(Path(__file__).parents[1] / "queries" / "checks")]
    args = ["validate", "data", "--shapes", "shapes", "--format", "github", *checks]
    assert "label-whitespace" in runner.invoke(main, args).stdout  # the full run has it
    assert runner.invoke(main, [*args, "--changed", "HEAD"]).stderr.startswith("nothing changed")
    append(repo / "data" / "orgs.ttl", 'ex:society rdfs:label "Society "@en .\n')
    result = runner.invoke(main, [*args, "--changed", "HEAD"])
    warnings = [line for line in result.stdout.splitlines() if "label-whitespace" in line]
    assert len(warnings) == 1, result.stdout
    assert warnings[0].startswith("::warning file=data/orgs.ttl,line=4,")


def test_nothing_changed(runner, repo):
    (repo / "README.md").write_text("changed, but not RDF\n", "utf-8")
    result = validate(runner, "--changed", "HEAD")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "nothing changed since HEAD: no RDF file to validate\n"


def test_an_unknown_ref_is_unusable_input(runner, repo):
    result = validate(runner, "--changed", "no-such-branch")
    message = "--changed: 'no-such-branch' is no commit"
    assert (result.exit_code, result.stdout) == (2, f"::error title=input-error::{message}\n")
    assert result.stderr.startswith(f"error: {message}\n")


def test_not_a_git_repository(runner, tmp_path, monkeypatch):
    (tmp_path / "shapes.ttl").write_text(SHAPES, "utf-8")
    (tmp_path / "orgs.ttl").write_text(ORGS, "utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = runner.invoke(
        main, ["validate", "orgs.ttl", "--shapes", "shapes.ttl", "--changed", "HEAD"]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --changed: not a git repository")


@pytest.mark.parametrize("engine", INSTALLED)
def test_a_sparql_constraint_the_engine_refuses_is_a_clean_error(runner, tmp_path, engine):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        SHAPES
        + 'ex:OrgShape sh:sparql [ sh:select "SELECT $this WHERE { $this ?p ?o '
        + 'MINUS { $this a ex:Person } }" ] .\n',
        "utf-8",
    )
    (tmp_path / "orgs.ttl").write_text(ORGS, "utf-8")
    result = runner.invoke(
        main,
        ["validate", str(tmp_path / "orgs.ttl"), "--shapes", str(shapes), "--engine", engine],
        catch_exceptions=False,
    )
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: the shapes cannot be used: ")
    assert "MINUS" in result.stderr


def test_progress_is_shown_on_a_terminal_only(runner, repo, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    from rich.console import Console

    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=80)
    with validation_progress(True, console=terminal) as progress:
        progress("parsing 3 files")
        progress("inference (rdfs) and shapes (pyshacl)")
    assert "parsing 3 files" in screen.getvalue()
    assert "inference (rdfs) and shapes (pyshacl)" in screen.getvalue()
    quiet = io.StringIO()
    with validation_progress(False, console=Console(file=quiet, force_terminal=True)) as none:
        assert none is None
    assert quiet.getvalue() == ""
    pipe = Console(file=io.StringIO(), force_terminal=False)
    with validation_progress(True, console=pipe) as none:
        assert none is None
    result = validate(runner)  # CliRunner's stderr is no terminal: the summary line alone
    assert (
        result.stderr
        == "conforms: 0 violation(s), 0 warning(s), 0 info(s) in 2 file(s), 5 triples\n"
    )
