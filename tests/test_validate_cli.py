"""`mannheim-kg validate`: exit 0 on the bundled graph, 1 on violations, 2 on unusable input."""

from __future__ import annotations

from server.cli.main import main
from server.config import PROJECT_ROOT


def run_validate(runner, *args):
    return runner.invoke(main, ["validate", *map(str, args)])


def targets(copy):
    return [copy / "ontology", copy / "data"]


def test_bundled_graph_conforms(runner):
    result = run_validate(runner)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # no finding: an empty report
    using, summary = result.stderr.splitlines()
    assert using == f"using the project at {PROJECT_ROOT}"  # found from the working directory
    assert summary.startswith("conforms: 0 violation(s)")


def test_copy_conforms_with_explicit_paths(runner, project_copy):
    result = run_validate(runner, *targets(project_copy), "--shapes", project_copy / "shapes")
    assert result.exit_code == 0, result.output


def test_syntax_error_names_file_line_column_and_exits_2(runner, project_copy):
    broken = project_copy / "data" / "clusters.ttl"
    lines = broken.read_text(encoding="utf-8").splitlines()
    # Break the last statement's terminating dot: the parser must point at this file and line.
    last = max(i for i, line in enumerate(lines) if line.rstrip().endswith("."))
    lines[last] = lines[last].rstrip()[:-1] + " ex:oops ."
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_validate(runner, *targets(project_copy))
    assert result.exit_code == 2
    assert f"clusters.ttl:{last + 1}:" in result.output
    assert "conforms" not in result.output  # nothing else ran


def test_missing_file_exits_2(runner, tmp_path):
    result = run_validate(runner, tmp_path / "nope.ttl")
    assert result.exit_code == 2
    assert "nope.ttl: no such file or directory" in result.output


def test_broken_shapes_exit_2(runner, project_copy, tmp_path):
    shapes = tmp_path / "broken-shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ;\n"
        "  sh:property [ sh:minCount 1 ] .\n",  # a property shape without sh:path
        encoding="utf-8",
    )
    result = run_validate(runner, *targets(project_copy), "--shapes", shapes)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: the shapes cannot be used")


def test_file_without_shapes_exits_2(runner, project_copy):
    result = run_validate(runner, *targets(project_copy), "--shapes", project_copy / "data")
    assert result.exit_code == 2
    assert "no SHACL shapes found" in result.output


def test_removed_label_is_a_violation_in_that_file(runner, project_copy):
    clusters = project_copy / "data" / "clusters.ttl"
    text = clusters.read_text(encoding="utf-8")
    cluster = "<https://w3id.org/mannheim-kg/id/cluster/green-industry>"
    # Replace every German label of the Green Industry Cluster with a misspelt predicate.
    assert '"Green Industry Cluster"@de' in text
    clusters.write_text(
        text.replace(
            'rdfs:label "Green Industry Cluster"@de', 'rdfs:lable "Green Industry Cluster"@de'
        ),
        encoding="utf-8",
    )
    result = run_validate(runner, *targets(project_copy))
    assert result.exit_code == 1, result.output
    assert "clusters.ttl" in result.output
    assert "cluster:green-industry" in result.output or cluster in result.output
    assert "rdfs:lable" in result.output  # the closed shape names the unknown predicate


def test_a_wrong_predicate_is_located_at_the_predicate(runner, project_copy):
    import json

    clusters = project_copy / "data" / "clusters.ttl"
    text = clusters.read_text(encoding="utf-8").rstrip("\n") + "\n"
    first = len(text.splitlines()) + 2  # after an empty line: the subject, then two predicates
    clusters.write_text(
        text + "\n<https://w3id.org/mannheim-kg/id/cluster/green-industry>\n"
        "    <https://w3id.org/mannheim-kg/def/clusterOf> <https://example.org/x> ;\n"
        '    <https://schema.org/attendeeCount> "4" .\n',
        encoding="utf-8",
    )
    result = run_validate(runner, *targets(project_copy), "--format", "json")
    assert result.exit_code == 1, result.output
    got = {
        (f["rule"], f["display"]["path"], f["line"], f["column"], f["endColumn"])
        for f in json.loads(result.stdout)["findings"]
    }
    declared, unknown = "mkg:clusterOf", "schema:attendeeCount"
    assert got == {
        ("sh:ClosedConstraintComponent", declared, first + 1, 5, 49),
        ("sh:ClosedConstraintComponent", unknown, first + 2, 5, 39),
        ("term-undeclared", declared, first + 1, 5, 49),
        ("vocab-unknown-term", unknown, first + 2, 5, 39),
    }


def test_no_paths_outside_the_project_exits_2_in_every_format(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_validate(runner, "--format", "github", "--output", "o.txt")
    assert result.exit_code == 2
    assert "give the files to validate (PATHS) and --shapes" in result.stderr
    assert (tmp_path / "o.txt").read_text("utf-8").startswith("::error title=input-error::")


def test_outside_a_project_paths_need_shapes(runner, project_copy, tmp_path_factory, monkeypatch):
    """As anywhere outside a project (an installed wheel, another repository): the bundled
    Mannheim shapes are no default for PATHS."""
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))  # project_copy is a project
    result = run_validate(runner, *targets(project_copy))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no shapes: pass --shapes")
    result = run_validate(runner, *targets(project_copy), "--shapes", project_copy / "shapes")
    assert result.exit_code == 0, result.output
