"""The model guide (docs/model.md, docs/model.svg) covers every shape property and is not stale."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SH

from server.config import PROJECT_ROOT
from server.publish import model_guide


@pytest.fixture(scope="module")
def built() -> tuple[str, str]:
    return model_guide.build()


def test_the_committed_guide_is_not_stale(built) -> None:
    guide, diagram = built
    assert model_guide.GUIDE.read_text(encoding="utf-8") == guide, (
        "docs/model.md is stale: run python -m server.publish.model_guide"
    )
    assert model_guide.DIAGRAM.read_text(encoding="utf-8") == diagram


def test_every_property_of_every_targeting_shape_is_in_the_guide(built) -> None:
    guide, _ = built
    shapes = Graph().parse(PROJECT_ROOT / "shapes" / "data.ttl")
    names = model_guide._Names()
    missing = []
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        if not list(shapes.objects(shape, SH.targetClass)):
            continue
        for prop in shapes.objects(shape, SH.property):
            path = shapes.value(prop, SH.path)
            if path is None or path == RDF.type:
                continue
            written, _ = model_guide._path(shapes, path, names)
            if f"`{written}`" not in guide:
                missing.append((names(shape), written))
    assert missing == []


def test_every_class_has_a_meaning_in_german_and_english(built) -> None:
    guide, _ = built
    sections = guide.split("\n## ")[1:]
    assert len(sections) >= 20
    for section in sections:
        assert "- **de**: " in section and "- **en**: " in section, section.splitlines()[0]


def test_the_diagram_is_an_svg_with_a_box_per_class(built) -> None:
    guide, diagram = built
    assert diagram.startswith("<svg ")
    assert diagram.count("<rect ") == guide.count("\n## ")
    assert ">mkg:Cluster</text>" in diagram
    assert ">mkg:infrastructure</text>" in diagram  # cluster → site
