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
LANDSCAPE_STATUSES = ["planned", "ongoing"]  # the data's one status scheme (mkg:status)


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


# --- a cluster landscape: `generate --orgs N` ----------------------------------------------

LANDSCAPE_PREFIXES = """\
@prefix mkg:    <https://w3id.org/mannheim-kg/def/> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:   <http://www.w3.org/2004/02/skos/core#> .
@prefix org:    <http://www.w3.org/ns/org#> .
@prefix foaf:   <http://xmlns.com/foaf/0.1/> .
@prefix person: <http://www.w3.org/ns/person#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix status: <https://w3id.org/mannheim-kg/id/concept/status/> .
@prefix vcard:  <http://www.w3.org/2006/vcard/ns#> .
@prefix schema: <https://schema.org/> .
@prefix prov:   <http://www.w3.org/ns/prov#> .
@prefix dct:    <http://purl.org/dc/terms/> .
@prefix doc:    <https://w3id.org/mannheim-kg/id/document/> .
@prefix cluster: <https://w3id.org/mannheim-kg/id/cluster/> .
@prefix place:  <https://w3id.org/mannheim-kg/id/place/> .
@prefix syn:    <https://w3id.org/mannheim-kg/id/synthetic/> .
"""
CLUSTERS = ("medical-technology", "social-economy", "smart-industries", "green-industry")
"""The bundled graph's four clusters: synthetic companies are members of one or more."""
LEGAL_FORMS = ("GmbH", "AG", "GmbH & Co. KG", "e.V.", "UG", "KG")
SECTORS = ("Medizintechnik", "Software", "Pflege", "Maschinenbau", "Energie", "Logistik")
SOURCE = "doc:pressemitteilung-kompetenzfelder"
"""Every synthetic statement cites the one source, as the shapes require of every resource."""


def _ttl(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def landscape(orgs: int, seed: int = 1) -> Iterator[tuple[str, str]]:
    """(file, Turtle block) pairs for `orgs` synthetic companies: their memberships in the
    four clusters, sites, contact persons (phones go to the restricted file), events and
    measures. Deterministic for a seed; blocks stream, so 10^6 companies fit in memory."""
    rng = random.Random(seed)
    yield "organisations", LANDSCAPE_PREFIXES
    yield "contact-details", LANDSCAPE_PREFIXES
    for n in range(orgs):
        sector = rng.choice(SECTORS)
        name = f"{rng.choice(FAMILY)} {sector} {n} {rng.choice(LEGAL_FORMS)}"
        company = f"syn:company-{n}"
        member_of = rng.sample(CLUSTERS, k=rng.choice((1, 1, 1, 2, 2, 3)))
        site = f"syn:site-{n}"
        district = rng.choice(PLACES)
        lines = [
            f"{company} a org:FormalOrganization ;",
            f"    rdfs:label {_ttl(name)}@de , {_ttl(name)}@en ;",
            '    mkg:translatedLanguage "en"^^xsd:language .',
            f"{site} a org:Site ;",
            f"    rdfs:label {_ttl(f'Standort {name}, {district}')}@de ,",
            f"        {_ttl(f'Site of {name}, {district}')}@en ;",
            f"    org:siteOf {company} ;",
            '    mkg:translatedLanguage "en"^^xsd:language .',
        ]
        for cluster in member_of:
            membership = f"syn:membership-{n}-{cluster}"
            lines += [
                f"{membership} a org:Membership ;",
                f"    rdfs:label {_ttl(f'Mitgliedschaft von {name}')}@de ,",
                f"        {_ttl(f'Membership of {name}')}@en ;",
                f"    org:member {company} ;",
                f"    org:organization cluster:{cluster} ;",
                '    mkg:translatedLanguage "en"^^xsd:language .',
            ]
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        person = f"syn:person-{n}"
        lines += [
            f"{person} a person:Person , foaf:Person ;",
            f"    rdfs:label {_ttl(f'{given} {family}')}@de , {_ttl(f'{given} {family}')}@en ;",
            f"    foaf:name {_ttl(f'{given} {family}')} ;",
            f"    foaf:givenName {_ttl(given)} ;",
            f"    foaf:familyName {_ttl(family)} .",
            # the synthetic source's line that names the person (as data/passages.ttl does)
            f"syn:passage-person-{n} a oa:Annotation ;",
            f"    rdfs:label {_ttl(f'Synthetische Textstelle {n}')}@de ,",
            f"        {_ttl(f'Synthetic passage {n}')}@en ;",
            '    mkg:translatedLanguage "en"^^xsd:language ;',
            "    oa:motivatedBy oa:identifying ;",
            f"    oa:hasTarget [ a oa:SpecificResource ; oa:hasSource {SOURCE} ;",
            "        oa:hasSelector [ a oa:TextQuoteSelector ;",
            f"            oa:exact {_ttl(f'{given} {family}')} ] ] ;",
            f"    oa:hasBody {person} , {company} , {site}"
            + "".join(f" , syn:membership-{n}-{cluster}" for cluster in member_of)
            + (f" , syn:event-{n}" if n % 10 == 0 else "")
            + (f" , syn:measure-{n}" if n % 20 == 0 else "")
            + " .",
            f"cluster:{member_of[0]} mkg:contactPerson {person} .",
        ]
        if n % 10 == 0:
            event = f"syn:event-{n}"
            year = rng.randint(2015, 2025)
            lines += [
                f"{event} a schema:Event ;",
                f"    rdfs:label {_ttl(f'Netzwerktreffen {n}')}@de ,",
                f"        {_ttl(f'Network meeting {n}')}@en ;",
                f"    mkg:relatedCluster cluster:{member_of[0]} ;",
                # a month, the finest precision the shapes take (the source gives no day)
                f'    schema:startDate "{year}-{rng.randint(1, 12):02d}"^^xsd:gYearMonth ;',
                '    mkg:translatedLanguage "en"^^xsd:language .',
            ]
        if n % 20 == 0:
            lines += [
                f"syn:measure-{n} a mkg:Measure , schema:Action ;",
                f"    rdfs:label {_ttl(f'Maßnahme {n}')}@de , {_ttl(f'Measure {n}')}@en ;",
                f"    mkg:relatedCluster cluster:{member_of[0]} ;",
                f"    mkg:status status:{rng.choice(LANDSCAPE_STATUSES)} ;",
                f"    schema:agent {company} ;",
                '    mkg:translatedLanguage "en"^^xsd:language .',
            ]
        yield "organisations", "\n".join(lines) + "\n"
        number = f"+49621{rng.randint(1000000, 9999999)}"
        printed = f"(0621) {number[6:9]} {number[9:]}"
        telephone = f"syn:telephone-{n}"
        yield (
            "contact-details",
            "\n".join(
                [
                    f"{person} vcard:hasTelephone {telephone} .",
                    f"{telephone} a vcard:Voice ;",
                    f"    rdfs:label {_ttl(f'Festnetznummer von {given} {family}')}@de ,",
                    f"        {_ttl(f'Landline number of {given} {family}')}@en ;",
                    f"    vcard:hasValue <tel:{number}> ;",
                    '    mkg:translatedLanguage "en"^^xsd:language .',
                    # the number as the synthetic source prints it (its passage)
                    f"syn:passage-telephone-{n} a oa:Annotation ;",
                    f"    rdfs:label {_ttl(f'Synthetische Telefonzeile {n}')}@de ,",
                    f"        {_ttl(f'Synthetic telephone line {n}')}@en ;",
                    '    mkg:translatedLanguage "en"^^xsd:language ;',
                    "    oa:motivatedBy oa:identifying ;",
                    f"    oa:hasTarget [ a oa:SpecificResource ; oa:hasSource {SOURCE} ;",
                    "        oa:hasSelector [ a oa:TextQuoteSelector ;",
                    f"            oa:exact {_ttl(f'Tel: {printed}')} ] ] ;",
                    f"    oa:hasBody {telephone} .",
                ]
            )
            + "\n",
        )


#: What both records say alike: licence, publisher, contact point, dates, languages.
_RECORD_COMMON = """\
    dct:license <https://creativecommons.org/licenses/by/4.0/> ;
    dct:publisher agent:mannheim-kg-project ;
    dcat:contactPoint contact:mannheim-kg-project ;
    dct:issued "2026-12-01"^^xsd:date ;
    dct:modified "2026-12-01"^^xsd:date ;
    mkg:translatedLanguage "en"^^xsd:language .
"""

_RECORD_PREFIXES = """\
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dct:     <http://purl.org/dc/terms/> .
@prefix dcat:    <http://www.w3.org/ns/dcat#> .
@prefix dpv:     <https://w3id.org/dpv#> .
@prefix pd:      <https://w3id.org/dpv/pd#> .
@prefix eu-gdpr: <https://w3id.org/dpv/legal/eu/gdpr#> .
@prefix mkg:     <https://w3id.org/mannheim-kg/def/> .
@prefix graph:   <https://w3id.org/mannheim-kg/graph/> .
@prefix agent:   <https://w3id.org/mannheim-kg/id/agent/> .
@prefix contact: <https://w3id.org/mannheim-kg/id/contact-point/> .
@prefix access:  <http://publications.europa.eu/resource/authority/access-right/> .

"""
#: The records of the two synthetic graphs, in the records graph (…/graph/source) where the
#: access rule reads them: the organisations public, the telephone numbers restricted. Without
#: them both graphs would be undescribed, hence restricted, and a public caller would see none
#: of the landscape.
RECORDS = (
    _RECORD_PREFIXES
    + "graph:source {\n"
    + """\
graph:synthetic-organisations a dcat:Dataset ;
    rdfs:label "Graph synthetic-organisations: Synthetische Unternehmen (Testdaten)"@de ,
        "Graph synthetic-organisations: Synthetic companies (test data)"@en ;
    dct:title "Synthetische Unternehmen, Standorte, Personen, Termine (Testdaten)"@de ,
        "Synthetic companies, sites, people, events (test data)"@en ;
    skos:note "Erzeugt von mannheim-kg generate; erfunden, nicht aus der Quelle."@de ,
        "Made by mannheim-kg generate; invented, not from the source."@en ;
    dct:accessRights access:PUBLIC ;
    dpv:hasPersonalData pd:Name ;
    dpv:hasPurpose dpv:CommunicationManagement ;
    dpv:hasDataSubject dpv:DataSubject ;
"""
    + _RECORD_COMMON
    + "\n"
    + """\
graph:synthetic-contact-details a dcat:Dataset ;
    rdfs:label "Graph synthetic-contact-details: Synthetische Telefonnummern (Testdaten)"@de ,
        "Graph synthetic-contact-details: Synthetic telephone numbers (test data)"@en ;
    dct:title "Synthetische Telefonnummern der Ansprechpersonen (Testdaten)"@de ,
        "Synthetic telephone numbers of the contact persons (test data)"@en ;
    skos:note "Erzeugt von mannheim-kg generate; erfunden, als personenbezogen behandelt."@de ,
        "Made by mannheim-kg generate; invented, handled as personal data."@en ;
    dct:accessRights access:RESTRICTED ;
    dpv:hasPersonalData pd:TelephoneNumber , pd:Name ;
    dpv:hasPurpose dpv:CommunicationManagement ;
    dpv:hasLegalBasis eu-gdpr:A6-1-e ;
    dpv:hasDataSubject dpv:DataSubject ;
"""
    + _RECORD_COMMON
    + "}\n"
)


def write_landscape(directory: Path, orgs: int, seed: int = 1, progress=None) -> dict[str, Path]:
    """Write the landscape into `directory` (synthetic-organisations.ttl, the restricted
    synthetic-contact-details.ttl, and synthetic-records.trig: the two graphs' records in the
    records graph); `progress(1)` after each company. Returns the files."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    records = directory / "synthetic-records.trig"
    records.write_text(RECORDS, encoding="utf-8")
    files = {
        name: directory / f"synthetic-{name}.ttl" for name in ("organisations", "contact-details")
    }
    handles = {name: path.open("w", encoding="utf-8") for name, path in files.items()}
    try:
        for index, (name, block) in enumerate(landscape(orgs, seed)):
            handles[name].write(block)
            if index > 1 and name == "contact-details" and progress is not None:
                progress(1)  # a company's last block (the first two are the prefixes)
    finally:
        for handle in handles.values():
            handle.close()
    return {**files, "records": records}
