"""The DCAT-AP.de 3.0 record of the publication (/catalog): a Catalog, the Dataset, one
Distribution per dump, a DataService for the SPARQL endpoint.

Controlled vocabularies are the ones DCAT-AP.de prescribes (EU authority tables for language,
theme, file type, access right, frequency; dcat-ap.de licences; the political geocoding of
Mannheim by its Amtlicher Gemeindeschlüssel 08222000).
"""

from __future__ import annotations

import pyoxigraph as ox

from server.publish.dataset import DatasetFacts
from server.publish.dumps import Dump
from server.publish.void import dataset_iri
from server.rdf import formats
from server.rdf.namespace import DCAT, DCT, FOAF, RDF, RDFS, VCARD, XSD

DCATDE = "http://dcat-ap.de/def/dcatde/"
DCATAP = "http://data.europa.eu/r5r#"
ADMS = "http://www.w3.org/ns/adms#"
SPDX = "http://spdx.org/rdf/terms#"
EU = "http://publications.europa.eu/resource/authority/"
PREFIXES = {
    "dcat": DCAT,
    "dct": DCT,
    "dcatde": DCATDE,
    "dcatap": DCATAP,
    "foaf": FOAF,
    "vcard": VCARD,
    "xsd": XSD,
    "rdfs": RDFS,
    "spdx": SPDX,
    "adms": ADMS,
}
MANNHEIM_MUNICIPALITY = "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/082220000000"
"""Mannheim's Amtlicher Regionalschlüssel (Stadtkreis Mannheim, Baden-Württemberg)."""
GEOCODING_LEVEL = "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"
MANNHEIM_GEONAMES = "http://sws.geonames.org/2873891/"
FILE_TYPES = {
    formats.N_QUADS.name: EU + "file-type/RDF_N_QUADS",
    formats.TRIG.name: EU + "file-type/RDF_TRIG",
    formats.TURTLE.name: EU + "file-type/RDF_TURTLE",
    formats.N_TRIPLES.name: EU + "file-type/RDF_N_TRIPLES",
    formats.JSON_LD.name: EU + "file-type/JSON_LD",
}
IANA = "http://www.iana.org/assignments/media-types/"
SPARQL_PROTOCOL = "https://www.w3.org/TR/sparql11-protocol/"
PUBLISHED = "2026-12-01"
"""When this project first published the dataset (a fact of the publication, not of the
source: the press release is undated). dct:issued, and dct:modified unless given."""


def catalog_record(
    facts: DatasetFacts,
    *,
    public_base: str,
    site_root: str,
    dumps: list[Dump],
    modified: str = PUBLISHED,
) -> list[ox.Triple]:
    """The DCAT-AP.de record as triples; IRIs in `public_base`, fetchable URLs in `site_root`."""
    n = ox.NamedNode
    triples: list[ox.Triple] = []

    def add(subject, predicate: str, value) -> None:
        triples.append(ox.Triple(subject, n(predicate), value))

    def text(value: str, language: str) -> ox.Literal:
        return ox.Literal(value, language=language)

    def date(value: str) -> ox.Literal:
        return ox.Literal(value, datatype=n(XSD + "date"))

    catalog = n(f"{public_base}catalog")
    dataset = n(dataset_iri(public_base))
    service = n(f"{public_base}catalog#sparql-endpoint")
    contact = n(f"{public_base}catalog#contact")
    publisher = n(facts.publisher)
    licence = n(facts.licence)
    german, english = n(EU + "language/DEU"), n(EU + "language/ENG")

    # the catalogue
    add(catalog, RDF + "type", n(DCAT + "Catalog"))
    add(catalog, DCT + "title", text("mannheim-kg: Katalog", "de"))
    add(catalog, DCT + "title", text("mannheim-kg catalogue", "en"))
    add(
        catalog,
        DCT + "description",
        text(
            "Katalog des Wissensgraphen mannheim-kg zur wirtschaftspolitischen Strategie der "
            "Stadt Mannheim und ihren vier Kompetenzfeldern.",
            "de",
        ),
    )
    add(
        catalog,
        DCT + "description",
        text(
            "Catalogue of the mannheim-kg knowledge graph of the City of Mannheim's economic "
            "policy strategy and its four competence fields.",
            "en",
        ),
    )
    add(catalog, DCT + "publisher", publisher)
    add(catalog, FOAF + "homepage", n(site_root))
    add(catalog, DCT + "language", german)
    add(catalog, DCT + "language", english)
    add(catalog, DCT + "license", licence)
    add(catalog, DCT + "modified", date(modified))
    add(catalog, DCT + "issued", date(PUBLISHED))
    add(catalog, DCAT + "themeTaxonomy", n(EU + "data-theme"))
    add(catalog, DCAT + "dataset", dataset)
    add(catalog, DCAT + "service", service)
    add(catalog, DCT + "spatial", n(MANNHEIM_GEONAMES))

    # the dataset
    add(dataset, RDF + "type", n(DCAT + "Dataset"))
    add(
        dataset,
        DCT + "title",
        text(
            "mannheim-kg: Wirtschaftspolitische Strategie und Kompetenzfelder der Stadt Mannheim",
            "de",
        ),
    )
    add(
        dataset,
        DCT + "title",
        text(
            "mannheim-kg: economic policy strategy and competence fields of the City of Mannheim",
            "en",
        ),
    )
    add(
        dataset,
        DCT + "description",
        text(
            "RDF-Wissensgraph der wirtschaftspolitischen Strategie der Stadt Mannheim und ihrer "
            "vier Cluster (Kompetenzfelder), mit Organisationen, Ansprechpersonen, Orten, "
            "Veranstaltungen und Zitaten, jede Aussage auf die Pressemitteilung der Stadt "
            f"zurückgeführt. {facts.triples} Tripel in {len(facts.graphs)} benannten Graphen.",
            "de",
        ),
    )
    add(
        dataset,
        DCT + "description",
        text(
            "RDF knowledge graph of the City of Mannheim's economic policy strategy and its four "
            "clusters (competence fields), with organisations, contact persons, places, events "
            "and quotations, every statement traced to the city's press release. "
            f"{facts.triples} triples in {len(facts.graphs)} named graphs.",
            "en",
        ),
    )
    add(dataset, DCT + "identifier", ox.Literal(f"{public_base}"))
    add(dataset, ADMS + "identifier", n(f"{public_base}catalog#identifier"))
    add(n(f"{public_base}catalog#identifier"), RDF + "type", n(ADMS + "Identifier"))
    add(
        n(f"{public_base}catalog#identifier"),
        "http://www.w3.org/2004/02/skos/core#notation",
        ox.Literal(public_base),
    )
    add(dataset, DCT + "publisher", publisher)
    add(dataset, DCAT + "contactPoint", contact)
    add(dataset, DCAT + "theme", n(EU + "data-theme/ECON"))
    add(dataset, DCAT + "theme", n(EU + "data-theme/GOVE"))
    for word, language in (
        ("Wirtschaftsförderung", "de"),
        ("Kompetenzfelder", "de"),
        ("Cluster", "de"),
        ("Mannheim", "de"),
        ("Wirtschaftspolitik", "de"),
        ("economic development", "en"),
        ("competence fields", "en"),
        ("clusters", "en"),
        ("Mannheim", "en"),
        ("linked open data", "en"),
    ):
        add(dataset, DCAT + "keyword", text(word, language))
    add(dataset, DCT + "language", german)
    add(dataset, DCT + "language", english)
    add(dataset, DCT + "spatial", n(MANNHEIM_GEONAMES))
    add(dataset, DCATDE + "politicalGeocodingURI", n(MANNHEIM_MUNICIPALITY))
    add(dataset, DCATDE + "politicalGeocodingLevelURI", n(GEOCODING_LEVEL))
    if facts.years:  # the years the data's dates span (from the source's own dates)
        period = n(f"{public_base}catalog#temporal")
        add(dataset, DCT + "temporal", period)
        add(period, RDF + "type", n(DCT + "PeriodOfTime"))
        add(period, DCAT + "startDate", ox.Literal(str(facts.years[0]), datatype=n(XSD + "gYear")))
        add(period, DCAT + "endDate", ox.Literal(str(facts.years[1]), datatype=n(XSD + "gYear")))
    add(dataset, DCT + "issued", date(PUBLISHED))
    add(dataset, DCT + "modified", date(modified))
    add(dataset, DCT + "accessRights", n(EU + "access-right/PUBLIC"))
    add(dataset, DCT + "accrualPeriodicity", n(EU + "frequency/IRREG"))
    add(dataset, DCAT + "landingPage", n(f"{site_root}doc/def.html"))
    add(dataset, FOAF + "page", n(f"{site_root}sparql"))
    add(dataset, DCT + "conformsTo", n(f"{public_base}def/"))

    # one distribution per dump
    for dump in dumps:
        distribution = n(f"{public_base}catalog#distribution-{dump.media.extension}")
        url = n(f"{site_root}download/{dump.filename}")
        add(dataset, DCAT + "distribution", distribution)
        add(distribution, RDF + "type", n(DCAT + "Distribution"))
        what = "Datensatz mit Graphnamen" if dump.quads else "Vereinigung aller Graphen"
        add(distribution, DCT + "title", text(f"{dump.media.label}, gzip ({what})", "de"))
        what_en = "dataset with graph names" if dump.quads else "union of all graphs"
        add(distribution, DCT + "title", text(f"{dump.media.label}, gzip ({what_en})", "en"))
        add(
            distribution,
            DCT + "description",
            text(
                f"Der öffentliche Datenbestand als {dump.media.label}, gzip-komprimiert; "
                f"SHA-256 in {dump.checksum_filename}.",
                "de",
            ),
        )
        add(distribution, DCAT + "accessURL", url)
        add(distribution, DCAT + "downloadURL", url)
        add(distribution, DCT + "format", n(FILE_TYPES[dump.media.name]))
        add(distribution, DCAT + "mediaType", n(IANA + dump.media.name))
        add(distribution, DCAT + "compressFormat", n(IANA + "application/gzip"))
        add(
            distribution,
            DCAT + "byteSize",
            ox.Literal(str(dump.size), datatype=n(XSD + "nonNegativeInteger")),
        )
        add(distribution, DCT + "license", licence)
        add(distribution, DCT + "modified", date(modified))
        add(distribution, DCT + "issued", date(PUBLISHED))
        checksum = n(f"{public_base}catalog#checksum-{dump.media.extension}")
        add(distribution, SPDX + "checksum", checksum)
        add(checksum, RDF + "type", n(SPDX + "Checksum"))
        add(checksum, SPDX + "algorithm", n(SPDX + "checksumAlgorithm_sha256"))
        add(
            checksum, SPDX + "checksumValue", ox.Literal(dump.sha256, datatype=n(XSD + "hexBinary"))
        )
        add(distribution, DCATAP + "availability", n(EU + "planned-availability/STABLE"))

    # the SPARQL endpoint
    endpoint = n(f"{site_root}sparql")
    add(service, RDF + "type", n(DCAT + "DataService"))
    add(service, DCT + "title", text("mannheim-kg SPARQL-Endpunkt", "de"))
    add(service, DCT + "title", text("mannheim-kg SPARQL endpoint", "en"))
    add(
        service,
        DCT + "description",
        text(
            "SPARQL-1.1-Abfrageendpunkt (nur lesend) über den öffentlichen Graphen; "
            "Graph-Store-Protokoll lesend unter ?graph=.",
            "de",
        ),
    )
    add(service, DCAT + "endpointURL", endpoint)
    add(service, DCAT + "endpointDescription", endpoint)
    add(service, DCAT + "servesDataset", dataset)
    add(service, DCT + "license", licence)
    add(service, DCT + "publisher", publisher)
    add(service, DCT + "accessRights", n(EU + "access-right/PUBLIC"))
    add(service, DCT + "conformsTo", n(SPARQL_PROTOCOL))

    # the agents and the contact point
    add(publisher, RDF + "type", n(FOAF + "Agent"))
    add(publisher, RDF + "type", n(FOAF + "Organization"))
    for name, language in facts.publisher_names:
        add(publisher, FOAF + "name", ox.Literal(name, language=language or None))
    add(publisher, DCT + "type", n("http://purl.org/adms/publishertype/LocalAuthority"))
    add(contact, RDF + "type", n(VCARD + "Organization"))
    add(contact, RDF + "type", n(VCARD + "Kind"))
    add(contact, VCARD + "fn", text("Stadt Mannheim, Wirtschaftsförderung", "de"))
    add(contact, VCARD + "hasURL", n("https://www.mannheim.de/"))
    add(licence, RDF + "type", n(DCT + "LicenseDocument"))
    # the classes DCAT-AP gives the ranges (the shapes check them without inference)
    for media in {*FILE_TYPES, "application/gzip"}:
        add(n(IANA + media), RDF + "type", n(DCT + "MediaType"))
    for page in (site_root, f"{site_root}doc/def.html", f"{site_root}sparql"):
        add(n(page), RDF + "type", n(FOAF + "Document"))
    add(endpoint, RDF + "type", n(RDFS + "Resource"))
    add(n(MANNHEIM_GEONAMES), RDF + "type", n(DCT + "Location"))
    for standard in (f"{public_base}def/", SPARQL_PROTOCOL):
        add(n(standard), RDF + "type", n(DCT + "Standard"))
    return triples
