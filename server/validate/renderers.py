"""Output formats of `validate`: text, json, turtle, junit, sarif, github — one table, one place.

Every renderer takes the Report and returns text; none decides the exit status.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar
from xml.etree import ElementTree as ET

from server import __version__
from server.errors import each_error
from server.rdf.namespace import BASE
from server.validate.engine import INPUT_RULES, SEVERITIES, Report, ValidationFinding, summary_line
from server.validate.positions import display_path

JSON_REPORT_VERSION = 1
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SHACL_SPEC = "https://www.w3.org/TR/shacl/"
SARIF_LEVELS = {"Violation": "error", "Warning": "warning", "Info": "note"}
GITHUB_COMMANDS = {"Violation": "error", "Warning": "warning", "Info": "notice"}


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "en"
    fail_on: str = "Violation"  # findings at or above it fail (JUnit failures)
    color: bool = False


def where(finding: ValidationFinding) -> str:
    """`file:line:column`, as far as known; `(no file)` when the focus node is in none."""
    if finding.location is None:
        return "(no file)"
    text = display_path(finding.location.path)
    if finding.line is not None:
        text += f":{finding.line}"
        if finding.column is not None:
            text += f":{finding.column}"
    return text


def _fails(finding: ValidationFinding, threshold: str) -> bool:
    return SEVERITIES.index(finding.severity) <= SEVERITIES.index(threshold)


def headline(finding: ValidationFinding, lang: str) -> str:
    """`focus: message`; an input error (nothing validated, no focus node) is its message."""
    if finding.origin == "input":
        return finding.message(lang)
    return f"{finding.focus_node}: {finding.message(lang)}"


# --- text ---


class _Painter:
    """ANSI colours, or nothing when the output is not a terminal."""

    COLOURS: ClassVar[dict[str, str]] = {"Violation": "31", "Warning": "33", "Info": "36"}

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def _wrap(self, code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.enabled else text

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)

    def severity(self, severity: str) -> str:
        return self._wrap(self.COLOURS.get(severity, "0"), severity)


def render_text(
    report: Report, lang: str = "en", color: bool = False, summary: bool = False, **_: object
) -> str:
    """Grouped by focus node; each finding starts with `file:line:column:` (clickable).

    The summary line is not part of the document (`validate` prints it on standard error);
    `summary=True` appends it, for callers that print the report as one block (serve).
    """
    paint = _Painter(color)
    lines: list[str] = []
    current = None
    for finding in report.findings:
        # by the node's identity: two blank nodes are two groups even where they read alike
        key = (finding.file, finding.terms.get("focusNode", finding.focus_node))
        if key != current:
            current = key
            lines.append(paint.bold(finding.focus_node))
        lines.append(
            f"  {where(finding)}: {paint.severity(finding.severity)}: {finding.message(lang)}"
            f"  {paint.dim('[' + finding.rule + ']')}"
        )
        if finding.path:
            lines.append(f"      path:  {finding.path}")
        if finding.value:
            lines.append(f"      value: {finding.value}")
    if summary:
        lines.append(summary_line(report))
    return "".join(line + "\n" for line in lines)


# --- json ---


def json_document(report: Report, lang: str = "en", fail_on: str = "Violation") -> dict:
    """The `--format json` document (schema: docs/validate-report.schema.json).

    `conforms` is SHACL's (no violation); `failed` follows `--fail-on`, as the exit status does.
    """
    return {
        "version": JSON_REPORT_VERSION,
        "tool": {"name": "mannheim-kg", "version": __version__},
        "conforms": report.conforms,
        "failed": report.error is not None or report.fails(fail_on),
        "failOn": fail_on.lower(),
        "summary": {
            "violations": report.count("Violation"),
            "warnings": report.count("Warning"),
            "infos": report.count("Info"),
            "files": len(report.files),
            "triples": report.triples,
        },
        "findings": [_json_finding(f, lang) for f in report.findings],
    }


def _json_finding(finding: ValidationFinding, lang: str) -> dict:
    span = finding.location.span if finding.location else None
    return {
        "severity": finding.severity.lower(),
        "rule": finding.rule,
        "origin": finding.origin,
        "message": finding.message(lang),
        "messages": dict(sorted(finding.messages.items())),
        "focusNode": finding.terms.get("focusNode"),
        "path": finding.terms.get("path"),
        "value": finding.terms.get("value"),
        "shape": finding.shape,
        "display": {"focusNode": finding.focus_node, "path": finding.path, "value": finding.value},
        "file": display_path(finding.location.path) if finding.location else None,
        "line": span.line if span else None,
        "column": span.column if span else None,
        "endLine": span.end_line if span else None,
        "endColumn": span.end_column if span else None,
    }


def render_json(report: Report, lang: str = "en", fail_on: str = "Violation", **_: object) -> str:
    document = json_document(report, lang, fail_on)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --- turtle ---


def render_turtle(report: Report, **_: object) -> str:
    """The SHACL validation report graph, check results included as sh:ValidationResult."""
    return report.report_graph.serialize(format="turtle")


# --- junit ---


def render_junit(report: Report, lang: str = "en", fail_on: str = "Violation", **_: object) -> str:
    """JUnit XML: a suite for SHACL (a testcase per node shape and focus node) and one for the
    checks (a testcase per check and focus node). Findings at or above `fail_on` are failures;
    the others are listed in the testcase's system-out. Shapes and checks without findings
    appear as one passing testcase each."""
    suites = ET.Element("testsuites", name="mannheim-kg validate")
    # Testcases by node identity (N-Triples), named by the node as people read it.
    cases: dict[str, dict[tuple[str, str], list[ValidationFinding]]] = {
        "shacl": defaultdict(list),
        "checks": defaultdict(list),
    }
    if report.error is not None:  # unusable input: one failing testcase, nothing else ran
        cases = {"input": defaultdict(list)}
    for finding in report.findings:
        node = finding.terms.get("focusNode", finding.focus_node)
        if finding.origin == "shacl":  # a property shape `Node/path` belongs to its node shape
            cases["shacl"][(finding.shape.split("/", 1)[0], node)].append(finding)
        elif finding.origin == "input":
            cases["input"][(finding.rule, where(finding))].append(finding)
        else:
            cases["checks"][(finding.rule, node)].append(finding)
    owners = {"shacl": set(report.shapes), "checks": {c.id for c in report.checks}, "input": set()}
    names = {"shacl": "SHACL shapes", "checks": "quality checks", "input": "input files"}
    totals = [0, 0]
    for suite_id, suite_cases in cases.items():
        suite = ET.SubElement(suites, "testsuite", name=names[suite_id])
        failures = 0
        for (owner, _node), findings in sorted(
            suite_cases.items(), key=lambda item: (item[0][0], item[1][0].focus_node, item[0][1])
        ):
            name = findings[0].focus_node if suite_id != "input" else _node
            case = ET.SubElement(suite, "testcase", classname=f"{suite_id}.{owner}", name=name)
            if findings[0].location is not None:
                case.set("file", display_path(findings[0].location.path))
                if findings[0].line is not None:
                    case.set("line", str(findings[0].line))
            failing = [f for f in findings if _fails(f, fail_on)]
            passing = [f for f in findings if not _fails(f, fail_on)]
            if failing:
                failure = ET.SubElement(
                    case, "failure", type=failing[0].rule, message=failing[0].message(lang)
                )
                failure.text = "\n".join(_junit_line(f, lang) for f in failing)
                failures += 1
            if passing:
                out = ET.SubElement(case, "system-out")
                out.text = "\n".join(_junit_line(f, lang) for f in passing)
        for owner in sorted(owners[suite_id] - {owner for owner, _ in suite_cases}):
            ET.SubElement(suite, "testcase", classname=f"{suite_id}.{owner}", name="no findings")
        tests = len(suite.findall("testcase"))
        suite.attrib.update(tests=str(tests), failures=str(failures), errors="0")
        totals[0] += tests
        totals[1] += failures
    suites.attrib.update(tests=str(totals[0]), failures=str(totals[1]), errors="0")
    ET.indent(suites)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{ET.tostring(suites, encoding="unicode")}\n'


def _junit_line(finding: ValidationFinding, lang: str) -> str:
    details = "".join(
        f" {label}={text}"
        for label, text in (("path", finding.path), ("value", finding.value))
        if text
    )
    text = f"{where(finding)}: {finding.severity}: {finding.message(lang)} [{finding.rule}]"
    return text + details


# --- sarif ---


def _rule_descriptor(rule: str, report: Report, severity: str) -> dict:
    check = next((c for c in report.checks if c.id == rule), None)
    if check is not None:
        return {
            "id": rule,
            "name": "".join(part.capitalize() for part in rule.split("-")),
            "shortDescription": {"text": check.summary},
            "fullDescription": {"text": check.describe("en")},
            "defaultConfiguration": {"level": SARIF_LEVELS[check.severity]},
            "properties": {
                "tags": ["quality-check"],
                "description-de": check.describe("de"),
                "query": display_path(check.path),
            },
        }
    if rule in INPUT_RULES:
        return {
            "id": rule,
            "name": "".join(part.capitalize() for part in rule.split("-")),
            "shortDescription": {"text": INPUT_RULES[rule]},
            "defaultConfiguration": {"level": "error"},
            "properties": {"tags": ["input"]},
        }
    name = rule.removeprefix("sh:")
    parameter = name.removesuffix("ConstraintComponent")
    parameter = parameter[:1].lower() + parameter[1:]
    return {
        "id": rule,
        "name": name,
        "shortDescription": {"text": f"SHACL constraint sh:{parameter}"},
        "helpUri": SHACL_SPEC + "#" + name,
        "defaultConfiguration": {"level": SARIF_LEVELS[severity]},
        "properties": {"tags": ["shacl"]},
    }


def sarif_document(report: Report, lang: str = "en") -> dict:
    """SARIF 2.1.0: one run, a rule per constraint component and per check."""
    rule_ids: dict[str, str] = {}
    for finding in report.findings:
        rule_ids.setdefault(finding.rule, finding.severity)
    for check in report.checks:
        rule_ids.setdefault(check.id, check.severity)
    ordered = sorted(rule_ids)
    index = {rule: i for i, rule in enumerate(ordered)}
    results = []
    for finding in report.findings:
        result = {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": SARIF_LEVELS[finding.severity],
            "message": {"text": headline(finding, lang)},
            "properties": {
                key: value
                for key, value in (
                    ("focusNode", finding.terms.get("focusNode")),
                    ("path", finding.terms.get("path")),
                    ("value", finding.terms.get("value")),
                    ("shape", finding.shape),
                )
                if value
            },
        }
        if finding.location is not None:
            physical: dict = {
                "artifactLocation": {
                    "uri": display_path(finding.location.path),
                    "uriBaseId": "SRCROOT",
                }
            }
            span = finding.location.span
            if span is not None:
                physical["region"] = {
                    "startLine": span.line,
                    "startColumn": span.column,
                    "endLine": span.end_line,
                    "endColumn": span.end_column,
                }
            result["locations"] = [{"physicalLocation": physical}]
        results.append(result)
    run: dict = {}
    if report.error is not None:  # the tool could not do its job: say so, not only as a result
        notifications = []
        for error, result in zip(each_error(report.error), results, strict=True):
            notification: dict = {"level": "error", "message": {"text": str(error)}}
            if "locations" in result:
                notification["locations"] = result["locations"]
            notifications.append(notification)
        run["invocations"] = [
            {"executionSuccessful": False, "toolExecutionNotifications": notifications}
        ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                **run,
                "tool": {
                    "driver": {
                        "name": "mannheim-kg",
                        "version": __version__,
                        "informationUri": BASE,
                        "rules": [_rule_descriptor(r, report, rule_ids[r]) for r in ordered],
                    }
                },
                "originalUriBaseIds": {"SRCROOT": {"uri": Path.cwd().resolve().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render_sarif(report: Report, lang: str = "en", **_: object) -> str:
    return json.dumps(sarif_document(report, lang), ensure_ascii=False, indent=2) + "\n"


# --- github ---


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report, lang: str = "en", **_: object) -> str:
    """GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`."""
    lines = []
    for finding in report.findings:
        properties = []
        if finding.location is not None:
            properties.append(f"file={_escape_property(display_path(finding.location.path))}")
            span = finding.location.span
            if span is not None:
                properties += [f"line={span.line}", f"col={span.column}"]
                if span.end_line == span.line:
                    properties.append(f"endColumn={span.end_column}")
        properties.append(f"title={_escape_property(finding.rule)}")
        text = headline(finding, lang)
        if finding.path:
            text += f" (path {finding.path}" + (
                f", value {finding.value})" if finding.value else ")"
            )
        command = GITHUB_COMMANDS[finding.severity]
        lines.append(f"::{command} {','.join(properties)}::{_escape_data(text)}")
    return "".join(line + "\n" for line in lines)


RENDERERS: dict[str, Callable[..., str]] = {
    "text": render_text,
    "json": render_json,
    "turtle": render_turtle,
    "junit": render_junit,
    "sarif": render_sarif,
    "github": render_github,
}


def render(report: Report, fmt: str, options: RenderOptions) -> str:
    """The report in `fmt` (a key of RENDERERS)."""
    return RENDERERS[fmt](report, lang=options.lang, fail_on=options.fail_on, color=options.color)
