"""docs/examples.md: every worked example's query gives exactly the result table shown."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from server.config import PROJECT_ROOT

EXAMPLES = PROJECT_ROOT / "docs" / "examples.md"
ID = "https://w3id.org/mannheim-kg/id/"
# How the tables write IRIs: the prefixes of the model guide, longest namespace first.
SHORT = {
    ID + "cluster/": "cluster:",
    ID + "unit/": "unit:",
    ID + "place/": "place:",
    ID + "organisation/": "organisation:",
    ID + "event/": "event:",
    ID + "measure/": "measure:",
    ID + "support-offer/": "offer:",
    ID + "concept/quantity-qualifier/": "qualifier:",
    ID + "activity/": "activity:",
    ID + "concept/competence-field/": "field:",
    "https://w3id.org/mannheim-kg/graph/": "graph:",
    "https://w3id.org/dpv/pd#": "pd:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:",
    "http://id.loc.gov/datatypes/edtf/": "edtf:",
}


def cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for namespace, prefix in sorted(SHORT.items(), key=lambda kv: -len(kv[0])):
            if term.value.startswith(namespace):
                return prefix + term.value[len(namespace) :]
        return term.value
    if term.language:
        return f"{term.value}@{term.language}"
    if term.datatype.value.endswith(("#string", "#integer")):
        return term.value
    return f"{term.value}^^{cell(term.datatype)}"


def examples() -> tuple[str, list[tuple[str, str, list[list[str]]]]]:
    """The shared prefixes and (question, query, expected rows) of every example."""
    text = EXAMPLES.read_text(encoding="utf-8")
    prefixes = re.search(r"```sparql\n(.*?)```", text, re.S).group(1)
    found = []
    for section in text.split("\n## ")[1:]:
        question = section.splitlines()[0]
        query = re.search(r"```sparql\n(.*?)```", section, re.S).group(1)
        table = [line for line in section.splitlines() if line.startswith("|")][2:]
        rows = [
            [c.strip().replace("\\|", "|") for c in line.strip("|").split(" | ")] for line in table
        ]
        found.append((question, query, rows))
    return prefixes, found


PREFIXES, CASES = examples()


def test_at_least_fifteen_examples() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=[c[0][:40] for c in CASES])
def test_example_gives_the_result_shown(kg, case) -> None:
    _, query, expected = case
    result = kg.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    rows = [[cell(solution[n]) for n in names] for solution in result]
    assert rows == expected
