"""docs/ci.md (validation and CI) stays true: options, formats, checks, schema, summary line."""

from __future__ import annotations

import json
import re

import jsonschema

from server.cli.validate import validate
from server.config import PROJECT_ROOT
from server.validate.checks import load_checks
from server.validate.renderers import RENDERERS

CI_DOC = (PROJECT_ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
SCHEMA = json.loads((PROJECT_ROOT / "docs" / "validate-report.schema.json").read_text("utf-8"))


def test_every_option_of_validate_is_documented():
    for param in validate.params:
        for option in getattr(param, "opts", []):
            if option.startswith("--"):
                assert f"`{option}" in CI_DOC, option


def test_every_format_is_documented():
    (option,) = [p for p in validate.params if p.name == "output_format"]
    assert set(option.type.choices) == set(RENDERERS)
    for fmt in RENDERERS:
        assert f"`{fmt}`" in CI_DOC, fmt


def test_the_checks_table_lists_every_check_with_its_severity():
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| (violation|warning|info) \|", CI_DOC, re.M))
    checks = load_checks(PROJECT_ROOT / "queries" / "checks")
    assert rows == {c.id: c.severity.lower() for c in checks}


def test_the_json_example_is_close_to_the_schema():
    example = json.loads(re.search(r"```json\n(.*?)```", CI_DOC, re.S).group(1))
    example["findings"] = example["findings"][1:]  # the first one stands for an elided finding
    jsonschema.Draft202012Validator(SCHEMA).validate(example)


def test_help_and_ci_doc_agree_where_the_summary_line_goes():
    (option,) = [p for p in validate.params if p.name == "output"]
    assert "the summary line goes to standard error" in option.help
    assert "a one-line summary to standard error" in " ".join((validate.help or "").split())
    flat = " ".join(CI_DOC.split())
    assert "one-line summary" in flat
    assert "goes to standard error in every format, with or without `--output`" in flat
    assert "goes to standard output" not in flat


def test_ci_doc_says_which_checks_know_only_this_projects_namespace():
    flat = " ".join(CI_DOC.split())
    assert "Two bundled checks know only this project's namespace" in flat
    assert "`term-undeclared`" in flat and "`iri-pattern`" in flat
    assert "pass `--checks your/checks/` (or run `--no-checks`" in flat
