"""Seeded synthetic graphs shaped like ours, for benchmarks: clusters and the things around them.

Same vocabulary as the real data (mkg: clusters, org: organisations and memberships, person:/
foaf: people, skos: concepts, schema: events and places, measures), scaled to any size. The
same seed and size give the same file, byte for byte.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from server.rdf.namespace import DCT, DEF, FOAF, ID, ORG, PERSON, RDF, RDFS, SDO, SKOS, XSD

PREFIXES = {
    "mkg": DEF,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "skos": SKOS,
    "org": ORG,
    "foaf": FOAF,
    "person": PERSON,
    "schema": SDO,
    "dct": DCT,
}
FIELDS = ["Medizintechnik", "Sozialwirtschaft", "Smart Industries", "Green Industry"]
GIVEN = ["Anna", "Ben", "Clara", "David", "Elif", "Felix", "Greta", "Hakan", "Ida", "Jonas"]
FAMILY = ["Schmidt", "Yilmaz", "Weber", "Fischer", "Wagner", "Becker", "Hoffmann", "Klein"]
PLACES = ["Mannheim", "Neckarau", "Jungbusch", "Käfertal", "Lindenhof", "Neckarstadt", "Rheinau"]
STATUSES = ["ActiveActionStatus", "CompletedActionStatus", "PotentialActionStatus"]


def _iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def _literal(value, lang: str | None = None) -> ox.Literal:
    if isinstance(value, bool):
        return ox.Literal(str(value).lower(), datatype=_iri(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_iri(XSD + "integer"))
    return ox.Literal(value, language=lang) if lang else ox.Literal(value)


class _Writer:
    """Collects triples for one subject at a time."""

    def __init__(self) -> None:
        self.triples: list[ox.Triple] = []

    def add(self, subject: str, predicate: str, obj) -> None:
        o = obj if isinstance(obj, ox.NamedNode | ox.Literal) else _iri(obj)
        self.triples.append(ox.Triple(_iri(subject), _iri(predicate), o))


def synthetic_triples(target: int, seed: int = 1) -> Iterator[ox.Triple]:
    """About `target` triples (never fewer, at most a few more) of a cluster-like graph."""
    rng = random.Random(seed)
    out = _Writer()
    emitted = 0

    def flush():
        nonlocal emitted
        batch, out.triples = out.triples, []
        emitted += len(batch)
        return batch

    # A fixed frame: the scheme of concepts, places, and one cluster per competence field.
    scheme = ID + "scheme/topics"
    out.add(scheme, RDF + "type", SKOS + "ConceptScheme")
    out.add(scheme, SKOS + "prefLabel", _literal("Themen", "de"))
    places = []
    for i, name in enumerate(PLACES):
        place = f"{ID}place/{i}"
        places.append(place)
        out.add(place, RDF + "type", SDO + "Place")
        out.add(place, RDFS + "label", _literal(name, "de"))
        if i:
            out.add(place, SDO + "containedInPlace", places[0])
    yield from flush()
    clusters, concepts, organisations, people = [], [], [], []
    n = 0
    while emitted < target:
        n += 1
        # One round: a cluster every 500 rounds, concepts, organisations, people, events, measures.
        if n % 500 == 1 or not clusters:
            c = len(clusters)
            cluster = f"{ID}cluster/{c}"
            clusters.append(cluster)
            field_name = FIELDS[c % len(FIELDS)]
            out.add(cluster, RDF + "type", DEF + "Cluster")
            out.add(cluster, RDFS + "label", _literal(f"Cluster {field_name} {c}", "de"))
            out.add(cluster, RDFS + "label", _literal(f"Cluster {field_name} {c}", "en"))
            out.add(cluster, DEF + "competenceField", f"{ID}competence-field/{c % len(FIELDS)}")
            management = f"{ID}cluster-management/{c}"
            out.add(management, RDF + "type", DEF + "ClusterManagement")
            out.add(management, RDFS + "label", _literal(f"Clustermanagement {c}", "de"))
            out.add(cluster, DEF + "clusterManagement", management)
        cluster = rng.choice(clusters)
        if n % 3 == 1:
            concept = f"{ID}concept/{len(concepts)}"
            out.add(concept, RDF + "type", SKOS + "Concept")
            out.add(concept, SKOS + "prefLabel", _literal(f"Thema {len(concepts)}", "de"))
            out.add(concept, SKOS + "prefLabel", _literal(f"Topic {len(concepts)}", "en"))
            out.add(concept, SKOS + "inScheme", scheme)
            if concepts and rng.random() < 0.7:
                out.add(concept, SKOS + "broader", rng.choice(concepts[-50:]))
            else:
                out.add(concept, SKOS + "topConceptOf", scheme)
            concepts.append(concept)
        organisation = f"{ID}organisation/{len(organisations)}"
        organisations.append(organisation)
        out.add(organisation, RDF + "type", ORG + "FormalOrganization")
        out.add(organisation, RDFS + "label", _literal(f"Unternehmen {len(organisations)} GmbH"))
        out.add(organisation, ORG + "memberOf", cluster)
        if rng.random() < 0.6:
            out.add(organisation, SDO + "containedInPlace", rng.choice(places))
        if rng.random() < 0.3:
            out.add(organisation, DCT + "subject", rng.choice(concepts))
        for _ in range(rng.randint(1, 3)):
            person = f"{ID}person/{len(people)}"
            people.append(person)
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            out.add(person, RDF + "type", PERSON + "Person")
            out.add(person, RDF + "type", FOAF + "Person")
            out.add(person, FOAF + "givenName", _literal(given))
            out.add(person, FOAF + "familyName", _literal(family))
            out.add(person, RDFS + "label", _literal(f"{given} {family}"))
            out.add(person, ORG + "memberOf", organisation)
            if rng.random() < 0.05:
                out.add(cluster, DEF + "contactPerson", person)
        if n % 4 == 0:
            event = f"{ID}event/{n}"
            out.add(event, RDF + "type", SDO + "Event")
            out.add(event, RDFS + "label", _literal(f"Netzwerktreffen {n}", "de"))
            out.add(event, SDO + "organizer", cluster)
            out.add(event, SDO + "about", rng.choice(concepts))
            out.add(event, SDO + "location", rng.choice(places))
            year, month = rng.randint(2015, 2025), rng.randint(1, 12)
            out.add(
                event,
                SDO + "startDate",
                ox.Literal(
                    f"{year}-{month:02d}-{rng.randint(1, 28):02d}", datatype=_iri(XSD + "date")
                ),
            )
            out.add(event, DEF + "participantCount", _literal(rng.randint(5, 400)))
        if n % 5 == 0:
            measure = f"{ID}measure/{n}"
            out.add(measure, RDF + "type", DEF + "Measure")
            out.add(measure, RDF + "type", SDO + "Action")
            out.add(measure, RDFS + "label", _literal(f"Maßnahme {n}", "de"))
            out.add(measure, DEF + "relatedCluster", cluster)
            out.add(measure, SDO + "actionStatus", SDO + rng.choice(STATUSES))
            out.add(measure, DEF + "topic", rng.choice(concepts))
            out.add(measure, SDO + "agent", organisation)
        yield from flush()


def write_synthetic(path: Path, triples: int, seed: int = 1) -> int:
    """Write a synthetic graph as Turtle; returns the number of triples written."""
    data = list(synthetic_triples(triples, seed))
    Path(path).write_bytes(ox.serialize(data, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))
    return len(data)
