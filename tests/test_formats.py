"""The formats registry, and `negotiate` alone: Accept headers and format parameters → the
media type we write (or 406)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from server.errors import NotAcceptable
from server.rdf import formats
from server.rdf.formats import BOOLEAN, DESCRIPTION, GRAPH, SOLUTIONS, media_types_for
from server.web.negotiation import negotiate, parse_accept, prefers_json

SPARQLWRAPPER_JSON = (
    "application/sparql-results+json,application/json,text/javascript,application/javascript"
)
SPARQL_XML = "application/sparql-results+xml"
SPARQL_JSON = "application/sparql-results+json"
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
        ("image/png", None, GRAPH),
        ("text/csv;q=0", None, SOLUTIONS),
        ("text/csv;q=0", None, GRAPH),
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


@pytest.mark.parametrize(
    ("accept", "kind", "expected"),
    [
        # roqet asks a CONSTRUCT for SPARQL XML: the graph's default, as Fuseki answers
        ("application/sparql-results+xml", GRAPH, "text/turtle"),
        ("application/sparql-results+json", GRAPH, "text/turtle"),
        ("text/csv, text/tab-separated-values;q=0.5", GRAPH, "text/turtle"),
        # and the reverse: a SELECT or ASK asked for RDF only
        ("text/turtle", SOLUTIONS, "application/sparql-results+json"),
        ("application/rdf+xml;q=0.8, application/n-triples", BOOLEAN, SPARQL_JSON),
        # a format we have for the other kind next to one we have not: still lenient
        ("image/png, application/sparql-results+xml", GRAPH, "text/turtle"),
    ],
)
def test_a_format_of_the_other_kind_gets_the_kind_s_default(accept, kind, expected):
    assert negotiate(accept, kind).name == expected


def test_the_format_parameter_is_not_lenient():
    """`format=` is explicit and the CLI's names: a results format for a graph stays 406."""
    with pytest.raises(NotAcceptable):
        negotiate(None, GRAPH, "csv")


# -- the registry -----------------------------------------------------------------------------


def test_media_types_and_extensions_are_pyoxigraph_s():
    for media in formats.MEDIA_TYPES:
        library = media.results_format or media.rdf_format
        assert media.name == library.media_type.split(";")[0]
        assert media.extension == library.file_extension
        assert media.extension in media.format_names
        # the name we look up by a format's own media type is that format
        for kind in media.kinds:
            assert formats.by_name(kind, media.name) is media
    assert formats.by_name(GRAPH, "ttl") is formats.TURTLE  # pyoxigraph's extension
    assert formats.by_name(SOLUTIONS, "srx") is formats.SPARQL_XML


def test_every_pyoxigraph_format_is_registered_once():
    rdf = [m.rdf_format for m in formats.MEDIA_TYPES if m.rdf_format is not None]
    results = [m.results_format for m in formats.MEDIA_TYPES if m.results_format is not None]
    assert len(set(map(str, rdf))) == len(rdf) and len(set(map(str, results))) == len(results)
    assert {str(f) for f in results} == {
        str(f)
        for f in (
            ox.QueryResultsFormat.JSON,
            ox.QueryResultsFormat.XML,
            ox.QueryResultsFormat.CSV,
            ox.QueryResultsFormat.TSV,
        )
    }
    assert {str(f) for f in rdf} == {
        str(f)
        for f in (
            ox.RdfFormat.TURTLE,
            ox.RdfFormat.N_TRIPLES,
            ox.RdfFormat.JSON_LD,
            ox.RdfFormat.RDF_XML,
            ox.RdfFormat.N_QUADS,
            ox.RdfFormat.TRIG,
            ox.RdfFormat.N3,
        )
    }


def test_short_names_per_kind_derive_from_the_registry():
    assert formats.short_names(SOLUTIONS) == ("json", "xml", "csv", "tsv")
    assert formats.short_names(BOOLEAN) == formats.short_names(SOLUTIONS)
    assert formats.short_names(GRAPH) == (
        "turtle",
        "nt",
        "jsonld",
        "rdfxml",
        "nquads",
        "trig",
        "n3",
        "json",
        "xml",
    )
    assert formats.synonyms(GRAPH) == {"json": "jsonld", "xml": "rdfxml"}
    assert formats.synonyms(SOLUTIONS) == {}
    # every name of every kind resolves to a format of that kind
    for kind in formats.QUERY_KINDS:
        for name in formats.short_names(kind):
            assert kind in formats.by_name(kind, name).kinds
    assert formats.short_names() == (
        "json",
        "xml",
        "csv",
        "tsv",
        "turtle",
        "nt",
        "jsonld",
        "rdfxml",
        "nquads",
        "trig",
        "n3",
    )
