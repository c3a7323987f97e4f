"""Source positions: the position-aware reader, its alignment with the parser, SourceMap."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from server.config import PROJECT_ROOT
from server.store.files import GraphSource, discover, parse
from server.validate.positions import (
    RDF_FIRST,
    PositionsUnavailable,
    SourceMap,
    Span,
    file_positions,
    read_positions,
    resolve_iri,
    tokenize,
)

EX = "http://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"


def ex(local: str) -> ox.NamedNode:
    return ox.NamedNode(EX + local)


def parsed(tmp_path: Path, text: str, name: str = "doc.ttl"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse(GraphSource(path, "https://w3id.org/mannheim-kg/graph/doc"))


def spans(tmp_path: Path, text: str, name: str = "doc.ttl", result=None) -> dict:
    """(s, p, o) in pyoxigraph's own terms → (line, column) of the object."""
    result = result or parsed(tmp_path, text, name)
    positioned = file_positions(result)
    triples = {(q.subject, q.predicate, q.object) for q in result.quads}
    assert {(t.subject, t.predicate, t.object) for t in positioned} == triples
    return {
        (t.subject, t.predicate, t.object): (t.object_span.line, t.object_span.column)
        for t in positioned
    }


def object_of(result, subject, predicate):
    (quad,) = [q for q in result.quads if q.subject == subject and q.predicate == predicate]
    return quad.object


PREFIXES = (
    "@prefix ex: <http://example.org/> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
)


def test_prefixed_names_continuations_and_a(tmp_path):
    text = PREFIXES + (
        "ex:s a ex:Thing ;\n"  # line 3
        "    ex:p ex:o1 ,\n"  # line 4
        "         ex:o2 ;\n"  # line 5
        "    ex:q 42, -1.5, 1e3, true .\n"  # line 6
    )
    found = spans(tmp_path, text)
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    assert found[(ex("s"), rdf_type, ex("Thing"))] == (3, 8)
    assert found[(ex("s"), ex("p"), ex("o1"))] == (4, 10)
    assert found[(ex("s"), ex("p"), ex("o2"))] == (5, 10)
    integer = ox.Literal("42", datatype=ox.NamedNode(XSD + "integer"))
    boolean = ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))
    double = ox.Literal("1e3", datatype=ox.NamedNode(XSD + "double"))
    assert found[(ex("s"), ex("q"), integer)] == (6, 10)
    assert found[(ex("s"), ex("q"), double)] == (6, 20)
    assert found[(ex("s"), ex("q"), boolean)] == (6, 25)


def test_comments_and_strings_with_dots_and_hashes(tmp_path):
    text = PREFIXES + (
        '# a comment. with # and "quotes" and ex:fake ex:triple ex:here .\n'  # 3
        'ex:s ex:p "a # not a comment . still the string" ;  # trailing . comment\n'  # 4
        "    ex:q <http://example.org/a#frag.with.dots> ;\n"  # 5
        "    ex:r 'single # quoted' .\n"  # 6
        "ex:t ex:p ex:o . # after the dot\n"  # 7
    )
    found = spans(tmp_path, text)
    assert found[(ex("s"), ex("p"), ox.Literal("a # not a comment . still the string"))] == (4, 11)
    assert found[(ex("s"), ex("q"), ox.NamedNode(EX + "a#frag.with.dots"))] == (5, 10)
    assert found[(ex("s"), ex("r"), ox.Literal("single # quoted"))] == (6, 10)
    assert found[(ex("t"), ex("p"), ex("o"))] == (7, 11)
    assert len(found) == 4  # nothing read from the comments


def test_multi_line_literals_keep_later_lines_right(tmp_path):
    text = PREFIXES + (
        'ex:s ex:p """first line\n'  # 3
        'a "quoted" word ; a dot . a hash #\n'  # 4
        'last line"""@de ;\n'  # 5
        "    ex:q '''x\n"  # 6
        "y'''^^xsd:string , \"\\u00e9\\n\" .\n"  # 7
        "ex:t ex:p ex:o .\n"  # 8
    )
    found = spans(tmp_path, text)
    long = ox.Literal('first line\na "quoted" word ; a dot . a hash #\nlast line', language="de")
    assert found[(ex("s"), ex("p"), long)] == (3, 11)
    assert found[(ex("s"), ex("q"), ox.Literal("x\ny"))] == (6, 10)
    assert found[(ex("s"), ex("q"), ox.Literal("é\n"))] == (7, 20)
    assert found[(ex("t"), ex("p"), ex("o"))] == (8, 11)


def test_blank_node_property_lists_align_with_the_parser(tmp_path):
    text = PREFIXES + (
        "ex:s ex:p [\n"  # 3
        "        ex:q ex:inner ;\n"  # 4
        "        ex:r [ ex:deep 1 ]\n"  # 5
        "    ] , [ ex:q ex:other ] .\n"  # 6
        "[ ex:a ex:b ] ex:c ex:d .\n"  # 7
        "[] ex:e ex:f .\n"  # 8
    )
    result = parsed(tmp_path, text)
    found = spans(tmp_path, text, result=result)
    by_value = {o: b for (b, p, o) in found if p == ex("q")}
    first, second = by_value[ex("inner")], by_value[ex("other")]
    # The parser's own blank nodes carry the reader's positions.
    assert found[(first, ex("q"), ex("inner"))] == (4, 14)
    assert found[(second, ex("q"), ex("other"))] == (6, 16)
    assert found[(ex("s"), ex("p"), first)] == (3, 11)
    assert found[(ex("s"), ex("p"), second)] == (6, 9)
    deep = object_of(result, first, ex("r"))
    one = ox.Literal("1", datatype=ox.NamedNode(XSD + "integer"))
    assert found[(deep, ex("deep"), one)] == (5, 24)
    subject = next(s for (s, p, o) in found if p == ex("c"))
    assert found[(subject, ex("a"), ex("b"))] == (7, 8)
    assert found[(subject, ex("c"), ex("d"))] == (7, 20)


def test_identical_sibling_blank_nodes_are_both_located(tmp_path):
    text = PREFIXES + "ex:s ex:p [ ex:u 4 ] ,\n    [ ex:u 4 ] .\n"
    found = spans(tmp_path, text)
    assert sorted(v for (s, p, o), v in found.items() if p == ex("p")) == [(3, 11), (4, 5)]


def test_nested_collections(tmp_path):
    text = PREFIXES + "ex:s ex:list (\n  ex:a\n  ( ex:b ex:c )\n  [ ex:q ex:d ]\n) .\n"
    result = parsed(tmp_path, text)
    found = spans(tmp_path, text, result=result)
    head = object_of(result, ex("s"), ex("list"))
    assert found[(ex("s"), ex("list"), head)] == (3, 14)
    assert found[(head, RDF_FIRST, ex("a"))] == (4, 3)
    firsts = {o: pos for (s, p, o), pos in found.items() if p == RDF_FIRST}
    assert firsts[ex("b")] == (5, 5)
    assert firsts[ex("c")] == (5, 10)
    element = next(s for (s, p, o) in found if p == ex("q"))
    assert found[(element, ex("q"), ex("d"))] == (6, 10)
    assert firsts[element] == (6, 3)


def test_sparql_style_directives_base_and_relative_iris(tmp_path):
    text = (
        "PREFIX ex: <http://example.org/>\n"
        "BASE <http://example.org/dir/>\n"
        "<a> ex:p <../b#x> .\n"
        "@base <http://other.org/> .\n"
        "<c> ex:p <d> .\n"
    )
    found = spans(tmp_path, text)
    assert found[(ox.NamedNode(EX + "dir/a"), ex("p"), ox.NamedNode(EX + "b#x"))] == (3, 10)
    assert found[
        (ox.NamedNode("http://other.org/c"), ex("p"), ox.NamedNode("http://other.org/d"))
    ] == (5, 10)


def test_relative_iris_resolve_against_the_graph_iri(tmp_path):
    found = spans(tmp_path, "<#me> <http://example.org/p> <other> .\n")
    subject = ox.NamedNode("https://w3id.org/mannheim-kg/graph/doc#me")
    assert found[(subject, ex("p"), ox.NamedNode("https://w3id.org/mannheim-kg/graph/other"))] == (
        1,
        30,
    )


def test_trig_named_graphs(tmp_path):
    text = (
        "@prefix ex: <http://example.org/> .\n"
        "ex:g1 {\n  ex:s ex:p ex:o .\n  ex:s ex:q [ ex:r ex:t ] }\n"
        "GRAPH ex:g2 { ex:s ex:p ex:o2 }\n"
        "{ ex:d ex:p ex:o3 . }\n"
    )
    found = spans(tmp_path, text, "doc.trig")
    assert found[(ex("s"), ex("p"), ex("o"))] == (3, 13)
    assert found[(ex("s"), ex("p"), ex("o2"))] == (5, 25)
    assert found[(ex("d"), ex("p"), ex("o3"))] == (6, 13)
    blank = next(s for (s, p, o) in found if p == ex("r"))
    assert found[(blank, ex("r"), ex("t"))] == (4, 20)


def test_n_triples_and_n_quads_are_line_based(tmp_path):
    nt = (
        '<http://example.org/s> <http://example.org/p> "x"@en .\n'
        "# comment\n"
        "_:b1 <http://example.org/p> <http://example.org/o> .\n"
    )
    found = spans(tmp_path, nt, "doc.nt")
    assert found[(ex("s"), ex("p"), ox.Literal("x", language="en"))] == (1, 47)
    assert sorted(found.values()) == [(1, 47), (3, 29)]
    nq = (
        "<http://example.org/s> <http://example.org/p> <http://example.org/o> "
        "<http://example.org/g> .\n"
        '<http://example.org/s> <http://example.org/p> "v" .\n'
    )
    found = spans(tmp_path, nq, "doc.nq")
    assert found[(ex("s"), ex("p"), ex("o"))] == (1, 47)
    assert found[(ex("s"), ex("p"), ox.Literal("v"))] == (2, 47)


def test_spans_cover_whole_terms():
    (triple,) = read_positions('<http://e/s> <http://e/p> """a\nbc"""@en .\n')
    assert triple.object_span == Span(line=1, column=27, end_line=2, end_column=9)
    assert triple.predicate_span == Span(line=1, column=14, end_line=1, end_column=26)


def test_unreadable_text_is_reported_not_guessed():
    with pytest.raises(PositionsUnavailable):
        list(tokenize("<< <http://e/s> <http://e/p> <http://e/o> >> <http://e/q> 1 ."))
    with pytest.raises(PositionsUnavailable):
        read_positions("@prefix ex: <http://e/> . ex:s ex:p", "turtle")


def test_rdf_star_and_rdf_xml_fall_back_to_the_file(tmp_path):
    star = tmp_path / "star.ttl"
    star.write_text(
        "@prefix ex: <http://example.org/> .\nex:s ex:p ex:o {| ex:certainty 1 |} .\n",
        encoding="utf-8",
    )
    xml = tmp_path / "doc.rdf"
    xml.write_text(
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/x">'
        "<ex:p>v</ex:p></rdf:Description></rdf:RDF>\n",
        encoding="utf-8",
    )
    files = [parse(source) for source in discover([star, xml])]
    assert file_positions(files[0]) == []
    sources = SourceMap(files)
    located = sources.locate(ex("s"), ex("p"), ex("o"))
    assert located is not None and located.path == star and located.span is None
    located = sources.locate(ex("x"), ex("p"), ox.Literal("v"))
    assert located is not None and located.path == xml and located.span is None


def test_source_map_falls_back_from_triple_to_pair_to_subject_to_object(tmp_path):
    first = tmp_path / "a.ttl"
    first.write_text(PREFIXES + "ex:s ex:p ex:o ;\n    ex:q 1, 2 .\n", encoding="utf-8")
    second = tmp_path / "b.ttl"
    second.write_text(PREFIXES + "\nex:t ex:link ex:s ; ex:other ex:only-object .\n", "utf-8")
    sources = SourceMap([parse(s) for s in discover([first, second])])

    def at(*args, **kwargs):
        found = sources.locate(*args, **kwargs)
        return (found.path.name, found.line, found.column) if found else None

    assert at(ex("s"), ex("p"), ex("o")) == ("a.ttl", 3, 11)  # the triple itself
    assert at(ex("s"), ex("p"), ex("o"), at_predicate=True) == ("a.ttl", 3, 6)  # its predicate
    assert at(ex("s"), ex("q")) == ("a.ttl", 4, 5)  # first (s, q, …): its predicate
    assert at(ex("s"), ex("missing")) == ("a.ttl", 3, 1)  # the focus node's description
    assert at(ex("s"), ex("link"), ex("t"), inverse=True) == ("b.ttl", 4, 14)
    assert at(ex("only-object")) == ("b.ttl", 4, 30)  # never a subject: where it is used
    assert at(ex("nowhere")) is None
    assert str(sources.locate(ex("s"))) == f"{first}:3:1"


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("g", "http://a/b/c/g"),
        ("../g", "http://a/b/g"),
        ("../../../g", "http://a/g"),
        ("//g", "http://g"),
        ("?y", "http://a/b/c/d;p?y"),
        ("#s", "http://a/b/c/d;p?q#s"),
        ("", "http://a/b/c/d;p?q"),
        ("g;x=1/../y", "http://a/b/c/y"),
        ("tel:+496212939978", "tel:+496212939978"),
    ],
)
def test_relative_references_resolve_as_rfc_3986_says(reference, expected):
    assert resolve_iri("http://a/b/c/d;p?q", reference) == expected


def test_urn_bases_resolve_without_authority():
    assert resolve_iri("urn:x-file:locn.ttl", "locn.svg") == "urn:locn.svg"


def test_every_bundled_file_is_fully_located():
    """Every triple of the bundled ontology, data, shapes and pinned vocabularies gets a span:
    a real-world corpus of Turtle styles (schema.org, DPV, PROV with CRLF literals)."""
    folders = [PROJECT_ROOT / name for name in ("ontology", "data", "shapes", "vocab")]
    sources = discover([f for f in folders if f.is_dir()])
    assert len(sources) > 10
    for source in sources:
        result = parse(source)
        triples = {(q.subject, q.predicate, q.object) for q in result.quads}
        located = {(t.subject, t.predicate, t.object) for t in file_positions(result)}
        assert located == triples, source.path


def test_long_lists_of_equal_items_are_still_aligned(tmp_path):
    """Refinement stops after a bounded number of rounds; what is still alike pairs in order."""
    items = " ".join(["1"] * 200)
    found = spans(tmp_path, f"<http://example.org/s> <http://example.org/p> ( {items} ) .\n")
    firsts = sorted(pos for (s, p, o), pos in found.items() if p == RDF_FIRST)
    assert len(firsts) == 200 and firsts[0] == (1, 49) and firsts[-1] == (1, 49 + 2 * 199)
