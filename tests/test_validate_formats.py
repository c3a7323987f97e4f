"""`validate --format text|json|turtle|junit|sarif|github`: every format parses and names the
same file and line; SARIF is valid against the official 2.1.0 schema; exit codes stay 0/1/2."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from server.cli.main import main
from server.config import PROJECT_ROOT
from server.validate.checks import load_checks
from server.validate.engine import validate
from server.validate.renderers import render_text

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


@pytest.fixture
def broken(project_copy) -> dict:
    """A copy with one violation of a check, one of a shape and one warning, at known lines."""
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
    return {"copy": project_copy, "attendees": attendees, "phone": phone, "label": label}


def test_text_names_file_line_and_column_of_each_finding(runner, broken):
    result = invoke(runner, broken["copy"])
    assert result.exit_code == 1
    assert f"events.ttl:{broken['attendees']}:" in result.output
    assert re.search(
        rf"contact-details\.ttl:{broken['phone']}:\d+: Violation: .*"
        r"\[sh:PatternConstraintComponent\]",
        result.output,
    )
    assert f"contact-details.ttl:{broken['label']}:" in result.output
    assert "\033[" not in result.output  # no colour in a pipe
    assert result.stderr.splitlines()[-1].startswith("does not conform: ")


def test_json_follows_its_documented_schema(runner, broken):
    result = invoke(runner, broken["copy"], "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
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


def test_german_messages(runner, broken):
    result = invoke(runner, broken["copy"], "--format", "json", "--lang", "de")
    findings = json.loads(result.stdout)["findings"]
    unknown = next(f for f in findings if f["rule"] == "vocab-unknown-term")
    assert unknown["message"].startswith("schema:attendeeCount ist kein Begriff von")


def test_sarif_is_valid_2_1_0_with_rules_and_physical_locations(runner, broken):
    result = invoke(runner, broken["copy"], "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
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


def test_junit_has_a_testcase_per_shape_and_focus_node(runner, broken):
    result = invoke(runner, broken["copy"], "--format", "junit")
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout)
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
    strict = ET.fromstring(
        invoke(runner, broken["copy"], "--format", "junit", "--fail-on", "warning").stdout
    )
    whitespace = next(
        c for c in strict.iter("testcase") if c.get("classname") == "checks.label-whitespace"
    )
    assert whitespace.find("failure") is not None


def test_turtle_is_the_shacl_validation_report(runner, broken):
    result = invoke(runner, broken["copy"], "--format", "turtle")
    assert result.exit_code == 1
    report = Graph().parse(data=result.stdout, format="turtle")
    (root,) = report.subjects(RDF.type, SH.ValidationReport)
    assert report.value(root, SH.conforms) == Literal(False)
    results = list(report.objects(root, SH.result))
    findings = json.loads(invoke(runner, broken["copy"], "--format", "json").stdout)["findings"]
    assert len(results) == len(findings)
    check = URIRef("https://w3id.org/mannheim-kg/shapes/checks/vocab-unknown-term")
    (unknown,) = report.subjects(SH.sourceShape, check)
    assert report.value(unknown, SH.focusNode) == URIRef(EVENT)
    assert report.value(unknown, SH.resultSeverity) == SH.Violation


def test_github_workflow_commands(runner, broken):
    result = invoke(runner, broken["copy"], "--format", "github")
    assert result.exit_code == 1
    commands = result.stdout.splitlines()
    assert result.stderr.startswith("does not conform: ")
    parsed = [GITHUB_LINE.match(line) for line in commands]
    assert all(parsed), [c for c, m in zip(commands, parsed, strict=True) if not m]
    by_title = {(m["title"], m["file"].rsplit("/", 1)[-1]): m for m in parsed}
    pattern = by_title[("sh%3APatternConstraintComponent", "contact-details.ttl")]
    assert (pattern["command"], int(pattern["line"])) == ("error", broken["phone"])
    whitespace = by_title[("label-whitespace", "contact-details.ttl")]
    assert (whitespace["command"], int(whitespace["line"])) == ("warning", broken["label"])


def test_output_file_holds_the_document_and_the_summary_goes_to_stderr(runner, broken, tmp_path):
    target = tmp_path / "results.sarif"
    result = invoke(runner, broken["copy"], "--format", "sarif", "--output", target)
    assert result.exit_code == 1
    assert result.stdout == ""
    (summary,) = result.stderr.splitlines()
    assert summary.startswith("does not conform: ")
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(json.loads(target.read_text("utf-8")))
    target = tmp_path / "annotations.txt"
    result = invoke(runner, broken["copy"], "--format", "github", "--output", target)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", summary + "\n")
    lines = target.read_text("utf-8").splitlines()
    assert lines and all(GITHUB_LINE.match(line) for line in lines)  # workflow commands only


def test_stdout_is_the_document_alone_in_every_format(runner, broken):
    for fmt in ("text", "github"):
        result = invoke(runner, broken["copy"], "--format", fmt)
        assert result.exit_code == 1
        assert "does not conform" not in result.stdout
        assert result.stderr.startswith("does not conform: ")
    result = invoke(runner, broken["copy"], "--format", "json")
    json.loads(result.stdout)  # nothing but the document
    assert result.stderr.startswith("does not conform: ")


def test_fail_on_thresholds(runner, project_copy):
    contacts = project_copy / "data" / "contact-details.ttl"
    text = contacts.read_text(encoding="utf-8")
    contacts.write_text(text.replace('Katharina Fox"@de', 'Katharina Fox "@de', 1), "utf-8")
    assert invoke(runner, project_copy).exit_code == 0  # a warning only
    assert invoke(runner, project_copy, "--fail-on", "warning").exit_code == 1
    assert invoke(runner, project_copy, "--fail-on", "info").exit_code == 1


def test_json_failed_follows_fail_on_and_conforms_stays_shacls(runner, project_copy):
    contacts = project_copy / "data" / "contact-details.ttl"
    text = contacts.read_text(encoding="utf-8")
    contacts.write_text(text.replace('Katharina Fox"@de', 'Katharina Fox "@de', 1), "utf-8")
    for fail_on, exit_code in (("violation", 0), ("warning", 1)):
        result = invoke(runner, project_copy, "--format", "json", "--fail-on", fail_on)
        assert result.exit_code == exit_code
        document = json.loads(result.stdout)
        jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(document)
        assert (document["conforms"], document["failed"], document["failOn"]) == (
            True,
            exit_code == 1,
            fail_on,
        )


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


def test_colour_only_when_asked(project_copy):
    contacts = project_copy / "data" / "contact-details.ttl"
    text = contacts.read_text("utf-8").replace("vcard:hasValue", "vcard:hasvalue")
    contacts.write_text(text, encoding="utf-8")
    report = validate(
        [project_copy / "ontology", project_copy / "data"],
        [project_copy / "shapes"],
        checks=load_checks(PROJECT_ROOT / "queries" / "checks"),
        vocabulary=PROJECT_ROOT / "vocab",
    )
    coloured = render_text(report, color=True)
    assert "\033[31mViolation\033[0m" in coloured
    assert "\033[" not in render_text(report, color=False)


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
