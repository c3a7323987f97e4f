"""docs/catalogue.md stays true: queries, parameters, options, the example and its output."""

from __future__ import annotations

import re

import pytest

from server.catalogue.catalogue import PARAMETER_TYPES, RESERVED_NAMES, Catalogue
from server.cli.main import main
from server.config import PROJECT_ROOT

DOCS = PROJECT_ROOT / "docs"
PAGE = (DOCS / "catalogue.md").read_text(encoding="utf-8")
# Every page: where the settings are documented (the settings table).
ALL_PAGES = "\n".join(page.read_text(encoding="utf-8") for page in sorted(DOCS.glob("*.md")))


@pytest.fixture(scope="module")
def catalogue(settings) -> Catalogue:
    return Catalogue.from_folder(settings.queries)


def table_rows() -> dict[str, list[str]]:
    rows = {}
    for line in PAGE.splitlines():
        match = re.match(r"\| `([a-z0-9-]+)` \|(.*)\|$", line)
        if match:
            rows[match.group(1)] = [cell.strip() for cell in match.group(2).split("|")]
    return rows


def test_the_table_lists_every_query_with_its_parameters(catalogue):
    rows = table_rows()
    assert list(rows) == catalogue.names()
    for query in catalogue:
        across, parameters, _answers = rows[query.name]
        assert (across == "yes") == ("cross-cluster" in query.tags), query.name
        assert re.findall(r"`(\w+)`", parameters) == [p.name for p in query.parameters]
        for p in query.parameters:
            assert (f"`{p.name}` (required)" in parameters) == p.required, (query.name, p.name)


def test_the_command_example_prints_what_the_page_shows(runner):
    block = re.search(r"```console\n\$ \.venv/bin/mannheim-kg (.*?)\n(.*?)```", PAGE, re.S)
    args, shown = block.group(1).split(), block.group(2)
    unset = {f"MANNHEIM_KG_{key}": None for key in ("QUERIES", "DATA", "ONTOLOGY")}
    result = runner.invoke(main, args, env=unset)
    assert result.exit_code == 0, result.output
    assert result.stdout == shown  # the table; notes on standard error are not part of it


def test_the_http_example_names_a_query_and_its_parameter(catalogue):
    match = re.search(
        r"curl -G http://127.0.0.1:5000/api/queries/([a-z-]+).*?--data-urlencode (\w+)=",
        PAGE,
        re.S,
    )
    assert match, "no curl example"
    assert match.group(2) in {p.name for p in catalogue[match.group(1)].parameters}


def test_every_option_type_and_reserved_name_is_documented():
    command = main.commands["query"]
    for option in command.params:
        for name in option.opts:
            if name.startswith("--") and name != "--help":
                assert name in PAGE, name
    for kind in PARAMETER_TYPES:
        assert f"`{kind}`" in PAGE, kind
    for name in RESERVED_NAMES:
        assert f"`{name}`" in PAGE, name
    assert "`MANNHEIM_KG_QUERIES`" in PAGE
    assert "| `MANNHEIM_KG_QUERIES` |" in ALL_PAGES  # a row of the settings table
