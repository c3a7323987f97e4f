"""`negotiate` alone: Accept headers and format parameters → the media type we write (or 406)."""

from __future__ import annotations

import pytest

from server.errors import NotAcceptable
from server.rdf.formats import (
    BOOLEAN,
    DESCRIPTION,
    GRAPH,
    SOLUTIONS,
    media_types_for,
    negotiate,
    parse_accept,
    prefers_json,
)

SPARQLWRAPPER_JSON = (
    "application/sparql-results+json,application/json,text/javascript,application/javascript"
)
SPARQL_XML = "application/sparql-results+xml"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize(
    ("accept", "kind", "expected"),
    [
        # No preference: the kind's default.
        (None, SOLUTIONS, "application/sparql-results+json"),
        ("", BOOLEAN, "application/sparql-results+json"),
        ("*/*", SOLUTIONS, "application/sparql-results+json"),
        ("*/*", GRAPH, "text/turtle"),
        ("*/*", DESCRIPTION, "text/turtle"),
        # Exact types.
        ("application/sparql-results+xml", SOLUTIONS, "application/sparql-results+xml"),
        ("text/csv", SOLUTIONS, "text/csv"),
        ("text/tab-separated-values", BOOLEAN, "text/tab-separated-values"),
        ("application/n-triples", GRAPH, "application/n-triples"),
        ("application/ld+json", GRAPH, "application/ld+json"),
        ("application/rdf+xml", GRAPH, "application/rdf+xml"),
        ("application/n-quads", GRAPH, "application/n-quads"),
        ("application/trig", GRAPH, "application/trig"),
        ("text/n3", GRAPH, "text/n3"),
        # Aliases clients send.
        ("application/json", SOLUTIONS, "application/sparql-results+json"),
        ("application/json", GRAPH, "application/ld+json"),
        ("application/turtle", GRAPH, "text/turtle"),
        ("application/x-json+ld", GRAPH, "application/ld+json"),
        # q-values decide; ties go to the server's order.
        ("text/csv;q=0.5, application/sparql-results+xml", SOLUTIONS, SPARQL_XML),
        ("text/csv, application/sparql-results+xml", SOLUTIONS, SPARQL_XML),
        ("text/turtle;q=0.2, application/rdf+xml;q=0.9", GRAPH, "application/rdf+xml"),
        ("application/rdf+xml;q=0.1, */*;q=0.5", GRAPH, "text/turtle"),
        # The most specific range wins: text/* q=1 but text/csv q=0 excludes CSV.
        ("text/*, text/csv;q=0", SOLUTIONS, "text/tab-separated-values"),
        ("text/*", GRAPH, "text/turtle"),
        ("application/*", SOLUTIONS, "application/sparql-results+json"),
        # What real clients send.
        (SPARQLWRAPPER_JSON, SOLUTIONS, "application/sparql-results+json"),
        ("application/turtle,text/turtle", GRAPH, "text/turtle"),
        (BROWSER, SOLUTIONS, "application/sparql-results+json"),
        (BROWSER, GRAPH, "text/turtle"),
        (BROWSER, DESCRIPTION, "text/html"),
        # Parameters other than q are ignored; case does not matter; junk is skipped.
        ("Text/CSV; charset=utf-8", SOLUTIONS, "text/csv"),
        ("garbage, text/csv", SOLUTIONS, "text/csv"),
        ("text/csv;q=abc, application/sparql-results+xml;q=0.1", SOLUTIONS, SPARQL_XML),
    ],
)
def test_accept_header(accept, kind, expected):
    assert negotiate(accept, kind).name == expected


@pytest.mark.parametrize(
    ("names", "kind", "expected"),
    [
        ("json", SOLUTIONS, "application/sparql-results+json"),
        ("json", GRAPH, "application/ld+json"),
        ("xml", SOLUTIONS, "application/sparql-results+xml"),
        ("xml", GRAPH, "application/rdf+xml"),
        ("csv", SOLUTIONS, "text/csv"),
        ("tsv", BOOLEAN, "text/tab-separated-values"),
        ("turtle", GRAPH, "text/turtle"),
        ("ttl", GRAPH, "text/turtle"),
        ("n3", GRAPH, "text/n3"),
        ("nt", GRAPH, "application/n-triples"),
        ("json-ld", GRAPH, "application/ld+json"),
        ("rdf+xml", GRAPH, "application/rdf+xml"),
        ("trig", GRAPH, "application/trig"),
        ("nquads", GRAPH, "application/n-quads"),
        ("html", DESCRIPTION, "text/html"),
        ("text/csv", SOLUTIONS, "text/csv"),
        ("application/sparql-results+xml", BOOLEAN, "application/sparql-results+xml"),
        ("JSON", SOLUTIONS, "application/sparql-results+json"),
        # SPARQLWrapper repeats the parameter: short name, then the media type.
        (["tsv", "text/tab-separated-values"], SOLUTIONS, "text/tab-separated-values"),
        (["json-ld", "application/ld+json"], GRAPH, "application/ld+json"),
        # An unknown first value does not hide a known second one.
        (["javascript", "csv"], SOLUTIONS, "text/csv"),
        # Empty values (an 'automatic' choice in a form) mean: no parameter.
        ([""], GRAPH, "text/turtle"),
    ],
)
def test_format_parameter(names, kind, expected):
    assert negotiate(None, kind, names).name == expected


def test_format_parameter_wins_over_accept():
    assert negotiate("text/csv", SOLUTIONS, "xml").name == "application/sparql-results+xml"


@pytest.mark.parametrize(
    ("accept", "names", "kind"),
    [
        ("text/turtle", None, SOLUTIONS),
        ("application/sparql-results+json", None, GRAPH),
        ("text/csv;q=0", None, SOLUTIONS),
        ("image/png, text/html", None, SOLUTIONS),
        ("*/*;q=0", None, GRAPH),
        (None, "csv", GRAPH),
        (None, "turtle", BOOLEAN),
        (None, "yaml", SOLUTIONS),
    ],
)
def test_not_acceptable_lists_what_is_offered(accept, names, kind):
    with pytest.raises(NotAcceptable) as caught:
        negotiate(accept, kind, names)
    offered = [m.name for m in media_types_for(kind)]
    assert caught.value.status == 406
    assert caught.value.supported == offered
    for name in offered:
        assert name in str(caught.value)


def test_media_types_per_kind_default_first():
    assert [m.name for m in media_types_for(SOLUTIONS)] == [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ]
    graph = [m.name for m in media_types_for(GRAPH)]
    assert graph[0] == "text/turtle"
    assert set(graph) == {
        "text/turtle",
        "application/n-triples",
        "application/ld+json",
        "application/rdf+xml",
        "application/n-quads",
        "application/trig",
        "text/n3",
    }
    assert "text/html" in [m.name for m in media_types_for(DESCRIPTION)]
    with pytest.raises(ValueError):
        media_types_for("pictures")


def test_parse_accept():
    ranges = parse_accept('text/csv;q=0.3;charset="utf-8", */*, bad, text, */json')
    assert [(r.type, r.subtype, r.q) for r in ranges] == [("text", "csv", 0.3), ("*", "*", 1.0)]
    assert ranges[0].params == {"charset": "utf-8"}


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, False),
        ("*/*", False),
        ("application/json", True),
        (SPARQLWRAPPER_JSON, True),
        ("text/plain, application/json;q=0.5", False),
        ("application/json, text/plain;q=0.5", True),
        (BROWSER, False),
        ("application/sparql-results+xml, application/json;q=0.5", False),
        ("application/json, application/sparql-results+xml;q=0.5", True),
    ],
)
def test_errors_prefer_json_only_when_asked(accept, expected):
    assert prefers_json(accept) is expected


@pytest.mark.parametrize(
    ("accept", "kind", "expected"),
    [
        ("application/xml", SOLUTIONS, "application/sparql-results+xml"),
        ("application/xml", BOOLEAN, "application/sparql-results+xml"),
        ("application/xml", GRAPH, "application/rdf+xml"),
        ("application/xml;q=0.9, text/csv;q=0.5", SOLUTIONS, "application/sparql-results+xml"),
        # a browser's application/xml is for pages: its results stay the defaults
        (BROWSER, SOLUTIONS, "application/sparql-results+json"),
        (BROWSER, GRAPH, "text/turtle"),
    ],
)
def test_application_xml_is_a_synonym_of_the_xml_formats(accept, kind, expected):
    assert negotiate(accept, kind).name == expected
