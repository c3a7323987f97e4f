"""`validate --format text|json|turtle|junit|sarif|github`: every format parses and names the
same file and line; SARIF is valid against the official 2.1.0 schema; exit codes stay 0/1/2.

Each renderer is a pure function of one report: the renderers are tested on one validation of
one broken copy (module scope), and the whole command runs once per exit-code path (and once
with --output), checked to print exactly what the renderers make of the same report."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from server.cli.main import main
from server.config import PROJECT_ROOT
from server.validate.checks import load_checks
from server.validate.engine import summary_line, validate
from server.validate.renderers import RENDERERS, RenderOptions, render, render_text

FIXTURES = Path(__file__).parent / "fixtures" / "validation"
SARIF_SCHEMA = json.loads((FIXTURES / "sarif" / "sarif-schema-2.1.0.json").read_text("utf-8"))
REPORT_SCHEMA = json.loads(
    (PROJECT_ROOT / "docs" / "validate-report.schema.json").read_text("utf-8")
)
EVENT = "https://w3id.org/mannheim-kg/id/event/road-to-mannheim"
GITHUB_LINE = re.compile(
    r"^::(?P<command>error|warning|notice) file=(?P<file>[^,]+),line=(?P<line>\d+),"
    r"col=(?P<col>\d+)(?:,endColumn=\d+)?,title=(?P<title>[^:]+)::(?P<message>.+)$"
)


def invoke(runner, copy: Path, *extra):
    args = [copy / "ontology", copy / "data", "--ontology", copy / "ontology"]
    return runner.invoke(
        main, ["validate", *map(str, args), "--shapes", str(copy / "shapes"), *map(str, extra)]
    )


def copy_project(tmp_path_factory, name: str) -> Path:
    """A writable copy of ontology/, data/ and shapes/, shared by a module's tests."""
    copy = tmp_path_factory.mktemp(name)
    for folder in ("ontology", "data", "shapes"):
        shutil.copytree(PROJECT_ROOT / folder, copy / folder)
    return copy


def validate_copy(copy: Path):
    """What `invoke(runner, copy)` validates, through the engine: the report the CLI renders."""
    return validate(
        [copy / "ontology", copy / "data"],
        [copy / "shapes"],
        ontology=[copy / "ontology"],
        checks=load_checks(PROJECT_ROOT / "queries" / "checks"),
        vocabulary=PROJECT_ROOT / "vocab",
        inference="rdfs",
        languages=["de", "en"],
    )


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> dict:
    """A copy with one violation of a check, one of a shape and one warning, at known lines,
    and its report (validated once for the whole module)."""
    project_copy = copy_project(tmp_path_factory, "broken")
    events = project_copy / "data" / "events.ttl"
    text = events.read_text(encoding="utf-8").rstrip("\n") + "\n"
    attendees = text.count("\n") + 1
    # an invented schema.org term: unknown to the vocabulary and to the closed shape
    text += f"<{EVENT}> <https://schema.org/attendeeCount> 4300 .\n"
    events.write_text(text, encoding="utf-8")
    contacts = project_copy / "data" / "contact-details.ttl"
    text = contacts.read_text(encoding="utf-8")
    assert "<tel:+4915127698412>" in text and '"Mobilnummer von Katharina Fox"@de' in text
    phone = text.count("\n", 0, text.index("<tel:+4915127698412>")) + 1
    label = text.count("\n", 0, text.index('"Mobilnummer von Katharina Fox"@de')) + 1
    text = text.replace("<tel:+4915127698412>", "<tel:+49-1512-7698412>")
    text = text.replace('"Mobilnummer von Katharina Fox"@de', '"Mobilnummer  von Katharina Fox"@de')
    contacts.write_text(text, encoding="utf-8")
    return {
        "copy": project_copy,
        "attendees": attendees,
        "phone": phone,
        "label": label,
        "report": validate_copy(project_copy),
    }


@pytest.fixture(scope="module")
def warning_only(tmp_path_factory) -> dict:
    """A copy whose only finding is a warning (a label with a trailing space), and its report."""
    project_copy = copy_project(tmp_path_factory, "warning-only")
    contacts = project_copy / "data" / "contact-details.ttl"
    text = contacts.read_text(encoding="utf-8")
    contacts.write_text(text.replace('Katharina Fox"@de', 'Katharina Fox "@de', 1), "utf-8")
    return {"copy": project_copy, "report": validate_copy(project_copy)}


def test_text_names_file_line_and_column_of_each_finding(broken):
    output = render_text(broken["report"], color=False)
    assert f"events.ttl:{broken['attendees']}:" in output
    assert re.search(
        rf"contact-details\.ttl:{broken['phone']}:\d+: Violation: .*"
        r"\[sh:PatternConstraintComponent\]",
        output,
    )
    assert f"contact-details.ttl:{broken['label']}:" in output


def test_json_follows_its_documented_schema(broken):
    document = json.loads(render(broken["report"], "json", RenderOptions()))
    jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(document)
    assert document["conforms"] is False
    pattern = next(f for f in document["findings"] if f["rule"] == "sh:PatternConstraintComponent")
    assert (Path(pattern["file"]).name, pattern["line"]) == ("contact-details.ttl", broken["phone"])
    assert pattern["value"] == "<tel:+49-1512-7698412>"
    assert pattern["focusNode"] == "<https://w3id.org/mannheim-kg/id/telephone/katharina-fox>"
    assert pattern["display"]["focusNode"] == "telephone:katharina-fox"
    assert set(pattern["messages"]) >= {"de", "en"}
    whitespace = next(f for f in document["findings"] if f["rule"] == "label-whitespace")
    assert (whitespace["severity"], whitespace["line"]) == ("warning", broken["label"])
    summary = document["summary"]
    assert summary["violations"] == sum(f["severity"] == "violation" for f in document["findings"])
    assert summary["warnings"] >= 1


def test_german_messages(broken):
    findings = json.loads(render(broken["report"], "json", RenderOptions(lang="de")))["findings"]
    unknown = next(f for f in findings if f["rule"] == "vocab-unknown-term")
    assert unknown["message"].startswith("schema:attendeeCount ist kein Begriff von")


def test_sarif_is_valid_2_1_0_with_rules_and_physical_locations(broken):
    log = json.loads(render(broken["report"], "sarif", RenderOptions()))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert "sh:PatternConstraintComponent" in ids and "vocab-unknown-term" in ids
    assert "iri-pattern" in ids  # every check is a rule, with or without results
    for result_ in run["results"]:
        assert ids[result_["ruleIndex"]] == result_["ruleId"]
    pattern = next(r for r in run["results"] if r["ruleId"] == "sh:PatternConstraintComponent")
    location = pattern["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("data/contact-details.ttl")
    assert location["region"]["startLine"] == broken["phone"]
    assert location["region"]["startColumn"] >= 1
    assert pattern["level"] == "error"
    warning = next(r for r in run["results"] if r["ruleId"] == "label-whitespace")
    assert warning["level"] == "warning"
    assert warning["locations"][0]["physicalLocation"]["region"]["startLine"] == broken["label"]
    rule = rules[ids.index("sh:PatternConstraintComponent")]
    assert rule["helpUri"] == "https://www.w3.org/TR/shacl/#PatternConstraintComponent"


def test_junit_has_a_testcase_per_shape_and_focus_node(broken):
    root = ET.fromstring(render(broken["report"], "junit", RenderOptions()))
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    assert int(root.get("tests")) == len(cases)
    failed = [c for c in cases if c.find("failure") is not None]
    assert int(root.get("failures")) == len(failed)
    phone = next(c for c in failed if c.get("name") == "telephone:katharina-fox")
    assert phone.get("classname").startswith("shacl.")
    assert phone.get("file").endswith("contact-details.ttl")
    failure = phone.find("failure")
    assert f"contact-details.ttl:{broken['phone']}:" in failure.text
    assert failure.get("type") == "sh:PatternConstraintComponent"
    unknown = next(c for c in failed if c.get("classname") == "checks.vocab-unknown-term")
    assert f"events.ttl:{broken['attendees']}:" in unknown.find("failure").text
    # the warning does not fail below --fail-on warning: it is in the system-out
    whitespace = next(c for c in cases if c.get("classname") == "checks.label-whitespace")
    assert whitespace.find("failure") is None
    assert f":{broken['label']}:" in whitespace.find("system-out").text
    # shapes and checks without findings pass
    assert any(
        c.get("name") == "no findings" and c.get("classname") == "checks.iri-pattern" for c in cases
    )
    strict = ET.fromstring(render(broken["report"], "junit", RenderOptions(fail_on="Warning")))
    whitespace = next(
        c for c in strict.iter("testcase") if c.get("classname") == "checks.label-whitespace"
    )
    assert whitespace.find("failure") is not None


def test_turtle_is_the_shacl_validation_report(broken):
    report = Graph().parse(
        data=render(broken["report"], "turtle", RenderOptions()), format="turtle"
    )
    (root,) = report.subjects(RDF.type, SH.ValidationReport)
    assert report.value(root, SH.conforms) == Literal(False)
    results = list(report.objects(root, SH.result))
    findings = json.loads(render(broken["report"], "json", RenderOptions()))["findings"]
    assert len(results) == len(findings)
    check = URIRef("https://w3id.org/mannheim-kg/shapes/checks/vocab-unknown-term")
    (unknown,) = report.subjects(SH.sourceShape, check)
    assert report.value(unknown, SH.focusNode) == URIRef(EVENT)
    assert report.value(unknown, SH.resultSeverity) == SH.Violation


def test_github_workflow_commands(broken):
    commands = render(broken["report"], "github", RenderOptions()).splitlines()
    parsed = [GITHUB_LINE.match(line) for line in commands]
    assert all(parsed), [c for c, m in zip(commands, parsed, strict=True) if not m]
    by_title = {(m["title"], m["file"].rsplit("/", 1)[-1]): m for m in parsed}
    pattern = by_title[("sh%3APatternConstraintComponent", "contact-details.ttl")]
    assert (pattern["command"], int(pattern["line"])) == ("error", broken["phone"])
    whitespace = by_title[("label-whitespace", "contact-details.ttl")]
    assert (whitespace["command"], int(whitespace["line"])) == ("warning", broken["label"])


def test_output_file_holds_the_document_and_the_summary_goes_to_stderr(runner, broken, tmp_path):
    target = tmp_path / "annotations.txt"
    result = invoke(runner, broken["copy"], "--format", "github", "--output", target)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == summary_line(broken["report"]) + "\n"
    assert result.stderr.startswith("does not conform: ")
    written = target.read_text("utf-8")
    assert written == render(broken["report"], "github", RenderOptions())
    lines = written.splitlines()
    assert lines and all(GITHUB_LINE.match(line) for line in lines)  # workflow commands only


def test_the_document_alone_in_every_format(broken):
    """No format puts the summary line into its document (the command prints it on stderr)."""
    for fmt in RENDERERS:
        assert "does not conform" not in render(broken["report"], fmt, RenderOptions()), fmt
    json.loads(render(broken["report"], "json", RenderOptions()))  # nothing but the document
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(
        json.loads(render(broken["report"], "sarif", RenderOptions()))
    )


def test_fail_on_thresholds(runner, warning_only):
    report = warning_only["report"]
    assert [f.severity for f in report.findings] == ["Warning"]
    assert (report.fails("Violation"), report.fails("Warning"), report.fails("Info")) == (
        False,
        True,
        True,
    )
    # the command on a warning only: exit status 0, the warning printed, no colour in a pipe
    result = invoke(runner, warning_only["copy"])
    assert result.exit_code == 0, result.output
    assert result.stdout == render_text(report, color=False)
    assert "Warning" in result.stdout and "\033[" not in result.output
    assert result.stderr == summary_line(report) + "\n"
    assert result.stderr.startswith("conforms: 0 violation(s), 1 warning(s)")


def test_json_failed_follows_fail_on_and_conforms_stays_shacls(runner, warning_only):
    for fail_on, failed in (("violation", False), ("warning", True)):
        options = RenderOptions(fail_on=fail_on.capitalize())
        document = json.loads(render(warning_only["report"], "json", options))
        jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(document)
        assert (document["conforms"], document["failed"], document["failOn"]) == (
            True,
            failed,
            fail_on,
        )
    # the command with --fail-on warning: exit status 1, the document alone on stdout
    result = invoke(runner, warning_only["copy"], "--format", "json", "--fail-on", "warning")
    assert result.exit_code == 1
    assert result.stderr.startswith("conforms: 0 violation(s), 1 warning(s)")
    assert result.stdout == render(warning_only["report"], "json", RenderOptions(fail_on="Warning"))


def test_the_bundled_kg_has_no_finding_at_all(runner):
    result = runner.invoke(main, ["validate", "--fail-on", "info", "--format", "sarif"])
    assert result.exit_code == 0, result.output
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    assert log["runs"][0]["results"] == []


def test_unusable_input_still_exits_2_in_every_format(runner, project_copy):
    broken = project_copy / "data" / "people.ttl"
    broken.write_text(broken.read_text("utf-8") + "\nthis is not turtle\n", "utf-8")
    for fmt in ("json", "sarif", "junit", "github"):
        result = invoke(runner, project_copy, "--format", fmt)
        assert result.exit_code == 2
        assert re.search(r"people\.ttl:\d+:\d+: ", result.output)


def test_colour_only_when_asked(broken):
    coloured = render_text(broken["report"], color=True)
    assert "\033[31mViolation\033[0m" in coloured
    assert "\033[" not in render_text(broken["report"], color=False)


def test_github_commands_escape_what_would_end_them():
    from rdflib import Graph as RdfGraph

    from server.validate.engine import Report, ValidationFinding
    from server.validate.positions import SourceLocation, Span
    from server.validate.renderers import render_github

    finding = ValidationFinding(
        severity="Info",
        rule="odd:rule,with:colons",
        focus_node="ex:x",
        path=None,
        value=None,
        messages={"en": "100% sure\nsecond line"},
        shape="odd",
        location=SourceLocation(Path("dir,with/a:b.ttl"), Span(3, 4, 3, 9)),
    )
    report = Report(findings=[finding], files=[], triples=0, report_graph=RdfGraph())
    command = render_github(report).splitlines()[0]
    assert command == (
        "::notice file=dir%2Cwith/a%3Ab.ttl,line=3,col=4,endColumn=9,"
        "title=odd%3Arule%2Cwith%3Acolons::ex:x: 100%25 sure%0Asecond line"
    )
