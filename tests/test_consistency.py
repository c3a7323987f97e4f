"""The graph is consistent under OWL 2 RL: ontology + data + the standard vocabularies we use.

owlrl computes the closure; it records a clash (disjoint classes with a common member, an
owl:Nothing member, a functional property with two values, ...) as an `err:ErrorMessage` node in
the closure, so the test reads those back. To stay fast, the closure runs over the *module* of
the pinned vocabularies (vocab/) that our terms reach (their axioms, super-classes, disjointness
partners) and over the resource-valued triples only: literals take part in no clash.
"""

from __future__ import annotations

from pathlib import Path

import owlrl
import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from server.config import PROJECT_ROOT
from server.validate.engine import to_rdflib

ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")  # owlrl's error vocabulary
SYMMETRIC_AXIOMS = (
    OWL.disjointWith,
    OWL.inverseOf,
    OWL.equivalentClass,
    OWL.equivalentProperty,
    OWL.propertyDisjointWith,
)
SKIPPED = (RDFS.isDefinedBy, RDFS.seeAlso)


def _resource_triples(path: Path) -> list[tuple]:
    """The triples of one Turtle file whose object is no literal, as rdflib terms."""
    parsed = ox.parse(
        path=str(path), format=ox.RdfFormat.TURTLE, base_iri="http://example.org/", lenient=True
    )
    return [
        (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
        for q in parsed
        if not isinstance(q.object, ox.Literal)
    ]


def _vocabulary_module(vocab: Graph, terms: set[URIRef]) -> Graph:
    """The axioms of `vocab` reachable from `terms`: what the closure needs, nothing more."""
    module = Graph()
    seen: set = set()
    todo = list(terms)
    while todo:
        term = todo.pop()
        if term in seen:
            continue
        seen.add(term)
        for predicate, value in vocab.predicate_objects(term):
            if predicate in SKIPPED or str(predicate).startswith("https://schema.org/"):
                continue  # schema:domainIncludes & co. have no OWL meaning
            module.add((term, predicate, value))
            todo.append(value)
        for predicate in SYMMETRIC_AXIOMS:
            for other in vocab.subjects(predicate, term):
                module.add((other, predicate, term))
                todo.append(other)
    return module


@pytest.fixture(scope="module")
def closure() -> Graph:
    ours = Graph()
    for path in sorted((PROJECT_ROOT / "ontology").glob("*.ttl")) + sorted(
        (PROJECT_ROOT / "data").glob("*.ttl")
    ):
        for triple in _resource_triples(path):
            ours.add(triple)
    vocab = Graph()
    for path in sorted((PROJECT_ROOT / "vocab").glob("*.ttl")):
        for triple in _resource_triples(path):
            vocab.add(triple)
    terms = {term for triple in ours for term in triple if isinstance(term, URIRef)}
    graph = ours + _vocabulary_module(vocab, terms)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return graph


def test_no_clash_under_owl2_rl(closure: Graph) -> None:
    errors = sorted(str(m) for m in closure.objects(None, ERR.error))
    assert errors == []


def test_nothing_is_empty(closure: Graph) -> None:
    assert sorted(closure.subjects(RDF.type, OWL.Nothing)) == []


def test_the_closure_reasons_with_prov(closure: Graph) -> None:
    """The vocabulary module is really in: PROV's axioms reach our activities."""
    decision = URIRef("https://w3id.org/mannheim-kg/id/activity/beschluss-fortschreibung-2021-03")
    assert (decision, RDF.type, URIRef("http://www.w3.org/ns/prov#Activity")) in closure
    assert (
        URIRef("http://www.w3.org/ns/prov#Activity"),
        OWL.disjointWith,
        URIRef("http://www.w3.org/ns/prov#Entity"),
    ) in closure


def test_a_derived_activity_would_clash() -> None:
    """The test can fail: an activity with prov:wasDerivedFrom is a clash under PROV-O."""
    prov = Namespace("http://www.w3.org/ns/prov#")
    vocab = Graph()
    for triple in _resource_triples(PROJECT_ROOT / "vocab" / "prov.ttl"):
        vocab.add(triple)
    graph = _vocabulary_module(vocab, {prov.Activity, prov.wasDerivedFrom})
    activity = URIRef("https://example.org/activity")
    graph.add((activity, RDF.type, prov.Activity))
    graph.add((activity, prov.wasDerivedFrom, URIRef("https://example.org/document")))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    errors = [str(m) for m in graph.objects(None, ERR.error)]
    assert any("prov#Activity" in e and "prov#Entity" in e for e in errors), errors
