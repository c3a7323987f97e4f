"""Unusable input (a syntax error, a missing file) is a report in every machine format too, so
a CI's annotation or SARIF upload step shows it; stderr keeps the line, exit status stays 2."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest

from server.cli.main import main
from server.config import PROJECT_ROOT

SHAPES = str(PROJECT_ROOT / "shapes")  # outside this project's folder --shapes is needed

BROKEN = "@prefix ex: <http://e/> .\nex:a ex:b ex:c ;\n  ex:d .\n"  # no object: 3:8
ERROR = "error: broken.ttl:3:8: . is not a valid RDF object\n"
STDERR = ERROR + "not validated: unusable input (1 error)\n"  # the summary: stderr, always


@pytest.fixture
def broken(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.ttl").write_text(BROKEN, encoding="utf-8")
    return tmp_path / "broken.ttl"


def run(runner, *args):
    return runner.invoke(main, ["validate", "broken.ttl", "--shapes", SHAPES, *map(str, args)])


def test_github_annotation_at_the_syntax_error(runner, broken):
    result = run(runner, "--format", "github")
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == (
        "::error file=broken.ttl,line=3,col=8,endColumn=9,title=syntax-error"
        "::. is not a valid RDF object"
    )
    assert result.stderr == STDERR


def test_json_has_one_finding_and_does_not_conform(runner, broken):
    result = run(runner, "--format", "json")
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert (document["conforms"], document["failed"]) == (False, True)
    (finding,) = document["findings"]
    assert {k: finding[k] for k in ("severity", "rule", "origin", "file", "line", "column")} == {
        "severity": "violation",
        "rule": "syntax-error",
        "origin": "input",
        "file": "broken.ttl",
        "line": 3,
        "column": 8,
    }
    assert finding["message"] == ". is not a valid RDF object"
    assert result.stderr == STDERR


def test_sarif_result_and_failed_invocation_written_to_output(runner, broken, tmp_path):
    result = run(runner, "--format", "sarif", "--output", "o.sarif")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == STDERR
    (sarif_run,) = json.loads((tmp_path / "o.sarif").read_text("utf-8"))["runs"]
    (sarif_result,) = sarif_run["results"]
    assert sarif_result["ruleId"] == "syntax-error"
    assert sarif_result["level"] == "error"
    physical = sarif_result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "broken.ttl"
    assert (physical["region"]["startLine"], physical["region"]["startColumn"]) == (3, 8)
    (invocation,) = sarif_run["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["message"]["text"] == "broken.ttl:3:8: . is not a valid RDF object"
    assert [r["id"] for r in sarif_run["tool"]["driver"]["rules"]] == ["syntax-error"]


def test_junit_failing_testcase(runner, broken):
    result = run(runner, "--format", "junit")
    assert result.exit_code == 2
    suites = ET.fromstring(result.stdout)
    assert (suites.get("tests"), suites.get("failures")) == ("1", "1")
    (case,) = suites.iter("testcase")
    assert (case.get("file"), case.get("line")) == ("broken.ttl", "3")
    assert case.find("failure").get("type") == "syntax-error"


def test_turtle_report_names_the_file(runner, broken):
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import SH

    result = run(runner, "--format", "turtle")
    assert result.exit_code == 2
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert set(graph.objects(None, SH.conforms)) == {Literal(False)}
    assert set(graph.objects(None, SH.focusNode)) == {URIRef(broken.resolve().as_uri())}


def test_missing_file_is_an_input_error_report(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        main,
        ["validate", "nope.ttl", "--shapes", SHAPES, "--format", "github", "--output", "o.txt"],
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "error: nope.ttl: no such file or directory\nnot validated: unusable input (1 error)\n"
    )
    lines = (tmp_path / "o.txt").read_text("utf-8").splitlines()
    assert lines[0] == "::error title=input-error::nope.ttl: no such file or directory"


def test_text_format_is_the_error_line_only(runner, broken, tmp_path):
    result = run(runner)
    assert result.exit_code == 2
    assert (result.stdout, result.stderr) == ("", STDERR)
    result = run(runner, "--output", "o.txt")
    assert result.exit_code == 2
    assert (result.stdout, result.stderr) == ("", STDERR)
    assert (tmp_path / "o.txt").read_text("utf-8") == ERROR  # the document: no summary


@pytest.fixture
def three_broken(tmp_path, monkeypatch):
    """Two broken data files, one good one and a broken shapes file: every error at once."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.ttl").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "data" / "b.ttl").write_text("<urn:x> <urn:p> <urn:o> .\n", encoding="utf-8")
    (tmp_path / "data" / "c.ttl").write_text("<urn:x> <urn:p> .\n", encoding="utf-8")  # 1:17
    (tmp_path / "shapes.ttl").write_text("<urn:s> a\n", encoding="utf-8")
    return tmp_path


def run_three(runner, *args):
    return runner.invoke(main, ["validate", "data", "--shapes", "shapes.ttl", *map(str, args)])


def test_every_syntax_error_is_reported_in_text(runner, three_broken):
    result = run_three(runner)
    assert result.exit_code == 2
    assert result.stdout == ""
    *errors, summary = result.stderr.splitlines()
    assert [e.split(": ", 2)[1] for e in errors] == [
        "data/a.ttl:3:8",
        "data/c.ttl:1:17",
        ("shapes.ttl:2:1"),
    ]
    assert all(e.startswith("error: ") for e in errors)
    assert summary == "not validated: unusable input (3 errors)"


def test_every_syntax_error_is_a_finding_in_machine_formats(runner, three_broken):
    result = run_three(runner, "--format", "json")
    assert result.exit_code == 2
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["origin"], f["file"], f["line"], f["column"]) for f in findings] == [
        ("syntax-error", "input", "data/a.ttl", 3, 8),
        ("syntax-error", "input", "data/c.ttl", 1, 17),
        ("syntax-error", "input", "shapes.ttl", 2, 1),
    ]  # nothing else ran
    result = run_three(runner, "--format", "github")
    assert [line.split("::")[1] for line in result.stdout.splitlines()] == [
        "error file=data/a.ttl,line=3,col=8,endColumn=9,title=syntax-error",
        "error file=data/c.ttl,line=1,col=17,endColumn=18,title=syntax-error",
        "error file=shapes.ttl,line=2,col=1,endColumn=2,title=syntax-error",
    ]
    (sarif_run,) = json.loads(run_three(runner, "--format", "sarif").stdout)["runs"]
    assert len(sarif_run["results"]) == 3
    (invocation,) = sarif_run["invocations"]
    assert len(invocation["toolExecutionNotifications"]) == 3
    suites = ET.fromstring(run_three(runner, "--format", "junit").stdout)
    assert (suites.get("tests"), suites.get("failures")) == ("3", "3")
