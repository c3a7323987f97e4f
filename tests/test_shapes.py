"""SHACL shapes: every NodeShape has a valid and an invalid fixture, and the bundle conforms.

Fixtures live in tests/fixtures/shapes/<ShapeLocalName>/: `valid.ttl` (and any
`valid-*.ttl`) must produce no result at all, `invalid.ttl` (and any `invalid-*.ttl`) must
produce the constraint component named on its first line
(`# expect: sh:MinCountConstraintComponent`).
Each fixture is validated against its shape alone: the targets of every other NodeShape
are removed, so fixtures stay small. Data shapes run as in production (ontology as
ont_graph, RDFS inference); ontology shapes run on the fixture alone without inference.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SH

ROOT = Path(__file__).resolve().parent.parent
SHAPES_DIR = ROOT / "shapes"
FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
ONTOLOGY = ROOT / "ontology" / "mannheim-kg.ttl"
MKGSH = Namespace("https://w3id.org/mannheim-kg/shapes/")
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
# How each shapes file is run: data shapes with the ontology and RDFS inference, the
# ontology shapes on the ontology alone and without inference (inference would add
# reflexive rdfs:subClassOf triples and hide a term that specialises nothing).
RUN_OPTIONS = {
    "data.ttl": {"inference": "rdfs", "with_ontology": True},
    "ontology.ttl": {"inference": "none", "with_ontology": False},
}


@cache
def parsed(path: Path) -> Graph:
    return Graph().parse(path)


def shape_files() -> list[Path]:
    return sorted(SHAPES_DIR.glob("*.ttl"))


def node_shapes() -> list[tuple[Path, URIRef]]:
    """(shapes file, shape IRI) of every named NodeShape."""
    found = []
    for path in shape_files():
        for shape in parsed(path).subjects(RDF.type, SH.NodeShape):
            if isinstance(shape, URIRef):
                found.append((path, shape))
    return sorted(found)


def local_name(shape: URIRef) -> str:
    assert str(shape).startswith(str(MKGSH)), f"shape outside the mkgsh: namespace: {shape}"
    return str(shape)[len(str(MKGSH)) :]


def isolated(shapes_path: Path, keep: URIRef) -> Graph:
    """The shapes graph with the targets of every NodeShape but `keep` removed."""
    graph = Graph()
    for triple in parsed(shapes_path):
        graph.add(triple)
    for shape in list(graph.subjects(RDF.type, SH.NodeShape)):
        if shape != keep:
            for target in TARGETS:
                graph.remove((shape, target, None))
    return graph


def run(data: Graph, shapes: Graph, shapes_path: Path) -> tuple[bool, Graph]:
    options = RUN_OPTIONS[shapes_path.name]
    conforms, report, _ = validate(
        data,
        shacl_graph=shapes,
        ont_graph=parsed(ONTOLOGY) if options["with_ontology"] else None,
        inference=options["inference"],
    )
    return conforms, report


def components(report: Graph) -> set[str]:
    return {
        report.namespace_manager.normalizeUri(c)
        for c in report.objects(None, SH.sourceConstraintComponent)
    }


def expected_component(fixture: Path) -> str:
    first = fixture.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# expect: (sh:\w+ConstraintComponent)", first.strip())
    assert match, f"{fixture}: first line must be '# expect: sh:<Name>ConstraintComponent'"
    return match.group(1)


SHAPES = node_shapes()
SHAPE_IDS = [local_name(shape) for _, shape in SHAPES]
VALID_CASES = [
    (path, shape, fixture)
    for path, shape in SHAPES
    for fixture in sorted((FIXTURES / local_name(shape)).glob("valid*.ttl"))
]
INVALID_CASES = [
    (path, shape, fixture)
    for path, shape in SHAPES
    for fixture in sorted((FIXTURES / local_name(shape)).glob("invalid*.ttl"))
]


def test_shapes_found() -> None:
    assert {path.name for path, _ in SHAPES} == set(RUN_OPTIONS), (
        "every shapes file needs run options"
    )
    assert len(SHAPES) >= 20


@pytest.mark.parametrize(("path", "shape"), SHAPES, ids=SHAPE_IDS)
def test_every_node_shape_has_fixtures(path: Path, shape: URIRef) -> None:
    directory = FIXTURES / local_name(shape)
    assert (directory / "valid.ttl").is_file(), f"missing {directory / 'valid.ttl'}"
    assert (directory / "invalid.ttl").is_file(), f"missing {directory / 'invalid.ttl'}"


def test_every_fixture_directory_has_a_shape() -> None:
    directories = {d.name for d in FIXTURES.iterdir() if d.is_dir()}
    assert directories == set(SHAPE_IDS)


@pytest.mark.parametrize(
    ("path", "shape", "fixture"),
    VALID_CASES,
    ids=[f"{local_name(s)}/{f.stem}" for _, s, f in VALID_CASES],
)
def test_valid_fixture_conforms(path: Path, shape: URIRef, fixture: Path) -> None:
    data = Graph().parse(fixture)
    conforms, report = run(data, isolated(path, shape), path)
    assert conforms, report.serialize(format="turtle")
    assert not set(report.subjects(RDF.type, SH.ValidationResult))


@pytest.mark.parametrize(
    ("path", "shape", "fixture"),
    INVALID_CASES,
    ids=[f"{local_name(s)}/{f.stem}" for _, s, f in INVALID_CASES],
)
def test_invalid_fixture_fails_with_expected_component(
    path: Path, shape: URIRef, fixture: Path
) -> None:
    expected = expected_component(fixture)
    conforms, report = run(Graph().parse(fixture), isolated(path, shape), path)
    assert not conforms
    assert expected in components(report), f"{fixture.name}: got {sorted(components(report))}"


def constraint_nodes(shapes: Graph) -> set:
    """What reports with its own sh:message: property shapes, SPARQL constraints, node shapes."""
    nodes = set(shapes.subjects(RDF.type, SH.PropertyShape))
    nodes |= set(shapes.objects(None, SH.property))
    nodes |= set(shapes.objects(None, SH.sparql))
    nodes |= {s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    return nodes


@pytest.mark.parametrize("path", shape_files(), ids=lambda p: p.name)
def test_every_constraint_has_messages_in_german_and_english(path: Path) -> None:
    shapes = parsed(path)
    missing = []
    for node in constraint_nodes(shapes):
        languages = {m.language for m in shapes.objects(node, SH.message) if isinstance(m, Literal)}
        if not {"de", "en"} <= languages:
            missing.append((node, shapes.value(node, SH.path)))
    assert not missing


@pytest.mark.parametrize("path", shape_files(), ids=lambda p: p.name)
def test_shapes_graph_is_valid_shacl(path: Path) -> None:
    conforms, _, text = validate(Graph(), shacl_graph=parsed(path), meta_shacl=True)
    assert conforms, text


def bundle() -> Graph:
    data = Graph()
    for path in sorted((ROOT / "data").glob("*.ttl")):
        data.parse(path)
    return data


def test_data_conforms_without_any_result() -> None:
    conforms, report = run(bundle(), parsed(SHAPES_DIR / "data.ttl"), SHAPES_DIR / "data.ttl")
    assert conforms, report.serialize(format="turtle")
    assert not set(report.subjects(RDF.type, SH.ValidationResult)), "warnings in the bundled data"


def test_ontology_conforms() -> None:
    conforms, report = run(
        parsed(ONTOLOGY), parsed(SHAPES_DIR / "ontology.ttl"), SHAPES_DIR / "ontology.ttl"
    )
    assert conforms, report.serialize(format="turtle")


def test_every_class_used_in_the_data_is_targeted_by_a_shape() -> None:
    shapes = parsed(SHAPES_DIR / "data.ttl")
    targeted = set(shapes.objects(None, SH.targetClass))
    used = set(bundle().objects(None, RDF.type))
    assert used - targeted == set()


def test_shapes_that_define_what_a_resource_may_say_are_closed() -> None:
    """Every data shape that targets classes is closed, except open refinements of closed ones."""
    shapes = parsed(SHAPES_DIR / "data.ttl")
    refinements = {MKGSH.DecisionShape, MKGSH.ClusterManagementShape}
    for shape in set(shapes.subjects(SH.targetClass, None)) - refinements:
        assert shapes.value(shape, SH.closed) == Literal(True), f"{shape} is not closed"


@pytest.mark.parametrize("path", shape_files(), ids=lambda p: p.name)
def test_closed_shape_messages_are_generic(path: Path) -> None:
    """A closed shape's message names no example property: another one may be the culprit
    (the offending path and value are reported separately)."""
    shapes = parsed(path)
    examples = [
        (shape, str(message))
        for shape in shapes.subjects(SH.closed, Literal(True))
        for message in shapes.objects(shape, SH.message)
        if re.search(r"\be\.g\.|\bz\.\s?B\.|\bfor example\b|\bzum Beispiel\b", str(message))
    ]
    assert examples == []
