"""`validate PATHS --shapes PATHS` on a repository that is not this one; the pre-commit hook and
the CI examples in docs/ci.md run as documented."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from server.cli.main import main
from server.config import PROJECT_ROOT
from server.store.files import FORMATS

FOREIGN = Path(__file__).parent / "fixtures" / "validation" / "foreign"
CI_DOC = PROJECT_ROOT / "docs" / "ci.md"


@pytest.fixture
def foreign(tmp_path) -> Path:
    copy = tmp_path / "foreign"
    shutil.copytree(FOREIGN, copy)
    return copy


def run(runner, repo: Path, *extra):
    args = ["validate", str(repo / "data"), "--shapes", str(repo / "shapes"), *map(str, extra)]
    return runner.invoke(main, args)


def findings(result) -> list[dict]:
    return json.loads(result.stdout)["findings"]


def test_a_foreign_repository_conforms(runner, foreign):
    result = run(runner, foreign, "--fail-on", "info")
    assert result.exit_code == 0, result.output
    assert (
        result.output
        == "conforms: 0 violation(s), 0 warning(s), 0 info(s) in 3 file(s), 12 triples\n"
    )


def test_findings_in_turtle_trig_and_n_triples_name_their_lines(runner, foreign):
    people = foreign / "data" / "people.ttl"
    people.write_text(
        people.read_text("utf-8").replace('    foaf:name "Ada Lovelace"@en ;\n', ""), "utf-8"
    )
    organisations = foreign / "data" / "organisations.trig"
    organisations.write_text(
        organisations.read_text("utf-8").replace(
            'foaf:name "Analytical Society"@en .', 'foaf:name "Analytical Society"@en , "AS"@en .'
        ),
        "utf-8",
    )
    places = foreign / "data" / "places.nt"
    places.write_text(places.read_text("utf-8").splitlines()[0] + "\n", "utf-8")
    result = run(runner, foreign, "--format", "json")
    assert result.exit_code == 1
    got = {(f["rule"], Path(f["file"]).name, f["line"], f["column"]) for f in findings(result)}
    assert got == {
        ("sh:MinCountConstraintComponent", "people.ttl", 5, 1),  # ada's description
        ("sh:MaxCountConstraintComponent", "organisations.trig", 6, 9),  # the foaf:name
        ("sh:MinCountConstraintComponent", "places.nt", 1, 1),  # london, a warning
    }
    severities = {f["file"].rsplit("/", 1)[-1]: f["severity"] for f in findings(result)}
    assert severities["places.nt"] == "warning"
    message = next(f for f in findings(result) if f["file"].endswith("people.ttl"))["message"]
    assert message == "a person needs a name"


def write_term_shape(foreign):
    """A shape with a blank-node property shape: every schema:DefinedTerm needs a description."""
    (foreign / "shapes" / "terms.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix schema: <https://schema.org/> .\n"
        "<https://example.org/shapes/TermShape> a sh:NodeShape ;\n"
        "    sh:targetClass schema:DefinedTerm ;\n"
        "    sh:property [ sh:path schema:description ; sh:minCount 1 ] .\n",
        encoding="utf-8",
    )


def test_a_blank_focus_node_is_located_at_its_bracket(runner, foreign):
    write_term_shape(foreign)
    result = run(runner, foreign, "--format", "json")
    assert result.exit_code == 1
    (finding,) = findings(result)
    assert finding["focusNode"].startswith("_:")
    assert (Path(finding["file"]).name, finding["line"], finding["column"]) == (
        "people.ttl",
        11,
        23,
    )
    assert finding["shape"] == "exsh:TermShape/schema:description"  # prefixes of any file


def test_quality_checks_run_on_foreign_data_and_can_be_switched_off(runner, foreign):
    places = foreign / "data" / "places.nt"
    places.write_text(
        places.read_text("utf-8")
        + '<https://example.org/id/london> <http://xmlns.com/foaf/0.1/nmae> "London"@fr .\n',
        "utf-8",
    )
    result = run(runner, foreign, "--format", "json")
    assert result.exit_code == 1
    got = {(f["rule"], f["line"]) for f in findings(result)}
    assert got == {("vocab-unknown-term", 3), ("language-tag", 3)}
    result = run(runner, foreign, "--no-checks")
    assert result.exit_code == 0, result.output


def test_a_syntax_error_in_a_foreign_file(runner, foreign):
    organisations = foreign / "data" / "organisations.trig"
    organisations.write_text(organisations.read_text("utf-8").rstrip("}\n"), "utf-8")
    result = run(runner, foreign)
    assert result.exit_code == 2
    assert re.search(r"organisations\.trig:\d+:\d+: ", result.output)


def test_pre_commit_hook_definition():
    (hook,) = yaml.safe_load((PROJECT_ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "mannheim-kg-validate"
    assert hook["entry"] == "mannheim-kg validate"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    accepted = [f"data/x{suffix}" for suffix in FORMATS if suffix != ".xml"]  # any XML: too wide
    assert accepted and all(files.search(name) for name in [*accepted, "D.TTL"])
    assert not any(files.search(name) for name in ("q.rq", "x.ttl.bak", "server/cli.py"))
    assert "[--shapes, path/to/shapes, path/to/data]" in hook["description"]


def test_hook_without_args_in_another_repository_fails_instead_of_passing(
    runner, foreign, monkeypatch
):
    monkeypatch.chdir(foreign)
    (hook,) = yaml.safe_load((PROJECT_ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    result = runner.invoke(main, hook["entry"].split()[1:])  # no args, as pre-commit runs it
    assert result.exit_code == 2
    assert result.stderr == (
        "error: nothing to validate: give the files to validate (PATHS) and --shapes "
        "(without PATHS only a project's own graph is validated, inside its folder)\n"
        "not validated: unusable input (1 error)\n"
    )
    result = runner.invoke(main, ["validate", "--shapes", "shapes", "data"])
    assert result.exit_code == 0, result.output


def test_paths_without_shapes_in_another_repository_exit_2(runner, foreign, monkeypatch):
    """This checkout's shapes/ are no default outside its folder: no judging (and no checks
    flagging this checkout's files) of another repository by Mannheim's shapes."""
    monkeypatch.chdir(foreign)
    for fmt in ("text", "json"):
        result = runner.invoke(main, ["validate", "data", "--format", fmt])
        assert result.exit_code == 2, result.output
        assert "error: no shapes: pass --shapes" in result.stderr
        assert str(PROJECT_ROOT) not in result.output


def _yaml_blocks(text: str) -> list:
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.S)]


def test_documented_pre_commit_args_work(runner, project_copy, monkeypatch):
    config = next(b for b in _yaml_blocks(CI_DOC.read_text("utf-8")) if "repos" in b)
    (hook,) = config["repos"][0]["hooks"]
    assert hook["id"] == "mannheim-kg-validate"
    monkeypatch.chdir(project_copy)
    result = runner.invoke(main, ["validate", *hook["args"]])
    assert result.exit_code == 0, result.output


def test_documented_github_workflow_commands_work(runner, project_copy, monkeypatch):
    workflow = next(b for b in _yaml_blocks(CI_DOC.read_text("utf-8")) if "jobs" in b)
    steps = workflow["jobs"]["validate"]["steps"]
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    commands = [s["run"] for s in steps if s.get("run", "").startswith("mannheim-kg validate")]
    assert len(commands) == 2
    annotations, sarif = (command.removesuffix(" || true").split()[2:] for command in commands)
    # The two steps validate the same files and differ only in the format (and --output), and
    # the format never decides the exit status (a renderer is a pure function of the report):
    # one run of the SARIF step stands for both.
    assert annotations[-2:] == ["--format", "github"]
    assert sarif[-4:] == ["--format", "sarif", "--output", "validate.sarif"]
    assert annotations[:-2] == sarif[:-4]
    monkeypatch.chdir(project_copy)
    result = runner.invoke(main, ["validate", *sarif])
    assert result.exit_code == 0, result.output
    assert json.loads((project_copy / "validate.sarif").read_text("utf-8"))["version"] == "2.1.0"


def test_languages_of_another_repository(runner, foreign):
    (foreign / "data" / "terms.ttl").write_text(
        "@prefix owl:  <http://www.w3.org/2002/07/owl#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://example.org/def/Engine> a owl:Class ;\n"
        '    rdfs:label "engine"@en ;\n'
        '    skos:definition "A machine that computes."@en ;\n'
        "    rdfs:isDefinedBy <https://example.org/def/> .\n",
        encoding="utf-8",
    )
    places = foreign / "data" / "places.nt"
    places.write_text(
        places.read_text("utf-8")
        + '<https://example.org/id/london> <https://schema.org/name> "Londres"@fr .\n',
        "utf-8",
    )

    def rules(*languages):
        result = run(runner, foreign, "--format", "json", "--fail-on", "info", *languages)
        found = findings(result)
        return result.exit_code, sorted((f["rule"], f["severity"], f["line"]) for f in found)

    # This project's rules: labels and definitions in de and en; fr is a stray tag.
    assert rules() == (
        1,
        [
            ("definition-missing", "warning", 6),  # at the English definition
            ("label-missing", "violation", 5),  # at the English label
            ("language-tag", "warning", 3),
        ],
    )
    assert rules("--languages", "en") == (1, [("language-tag", "warning", 3)])
    # Every listed language is required: a label and a definition in fr too.
    assert rules("--languages", "en,fr") == (
        1,
        [("definition-missing", "warning", 6), ("label-missing", "violation", 5)],
    )
    result = run(runner, foreign, "--format", "json", "--languages", "en")
    (tag,) = findings(result)
    assert tag["message"].endswith("is tagged fr, expected one of: en")


def test_languages_must_be_language_tags(runner, foreign):
    result = run(runner, foreign, "--languages", 'en" } ?x ?y ?z { "')
    assert result.exit_code == 2
    assert "is not a language tag" in result.stderr


def test_two_blank_nodes_are_two_nodes_in_every_report(runner, foreign, monkeypatch):
    """Findings of two blank nodes are not merged under one `[]`: text groups, JUnit testcases
    and messages tell them apart by where each stands."""
    from xml.etree import ElementTree as ET

    write_term_shape(foreign)
    people = foreign / "data" / "people.ttl"
    people.write_text(
        people.read_text("utf-8").replace(
            '"Difference engine"@en ] .',
            '"Difference engine"@en ] ,\n'
            '        [ a schema:DefinedTerm ; schema:name " Loom"@en ] .',
        ),
        "utf-8",
    )
    monkeypatch.chdir(foreign)
    args = ["validate", "data", "--shapes", "shapes"]
    first = "[] (ex:charles schema:knowsAbout, data/people.ttl:11:23)"
    second = "[] (ex:charles schema:knowsAbout, data/people.ttl:12:9)"
    result = runner.invoke(main, args)
    assert result.exit_code == 1
    headings = [line for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert headings == [first, second]
    assert f"schema:name of {second} has" in result.stdout  # the whitespace check's message
    cases = ET.fromstring(runner.invoke(main, [*args, "--format", "junit"]).stdout)
    names = [
        c.get("name")
        for c in cases.iter("testcase")
        if c.get("classname") == "shacl.exsh:TermShape"
    ]
    assert names == [first, second]
    document = json.loads(runner.invoke(main, [*args, "--format", "json"]).stdout)
    shacl = [f for f in document["findings"] if f["origin"] == "shacl"]
    assert [f["display"]["focusNode"] for f in shacl] == [first, second]
    assert len({f["focusNode"] for f in shacl}) == 2
