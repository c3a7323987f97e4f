"""Faithfulness to the source: nothing invented, nothing more precise than the text.

The press release is tests/fixtures/source/pressemitteilung.txt (a verbatim copy). These tests
read the Turtle files themselves (rdflib, one graph per file) so that they can also
say which file breaks a rule.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import phonenumbers
import pytest
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDFS, SKOS

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
ONTOLOGY = ROOT / "ontology"
VOCAB = ROOT / "vocab"
SOURCE = ROOT / "tests" / "fixtures" / "source" / "pressemitteilung.txt"

BASE = "https://w3id.org/mannheim-kg/"
MKG = Namespace(BASE + "def/")
GRAPH = Namespace(BASE + "graph/")
DOCUMENT = URIRef(BASE + "id/document/pressemitteilung-kompetenzfelder")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DPV = Namespace("https://w3id.org/dpv#")
PD = Namespace("https://w3id.org/dpv/pd#")
QUALIFIER = Namespace(BASE + "id/concept/quantity-qualifier/")
ACCESS = Namespace("http://publications.europa.eu/resource/authority/access-right/")

# Standard namespaces and the pinned file(s) that define their terms.
VOCABULARIES = {
    "http://www.w3.org/ns/org#": ["org.ttl"],
    "http://www.w3.org/2004/02/skos/core#": ["skos.ttl"],
    "http://www.w3.org/2006/vcard/ns#": ["vcard.ttl"],
    "http://xmlns.com/foaf/0.1/": ["foaf.ttl"],
    "https://schema.org/": ["schemaorg-30.0.ttl"],
    "http://www.w3.org/ns/prov#": ["prov.ttl"],
    "http://purl.org/dc/terms/": ["dcterms.ttl"],
    "http://www.w3.org/ns/dcat#": ["dcat3.ttl"],
    "http://data.europa.eu/m8g/": ["cpov-2.1.2-ap.ttl", "cpev-1.1.1-ap.ttl"],
    "http://www.w3.org/ns/locn#": ["locn.ttl"],
    "http://www.w3.org/ns/person#": ["person.ttl"],
    "https://w3id.org/dpv#": ["dpv22-dpv.ttl"],
    "https://w3id.org/dpv/pd#": ["dpv22-pd.ttl"],
    "https://w3id.org/dpv/legal/eu/gdpr#": ["dpv22-eu-gdpr.ttl"],
    "http://www.w3.org/ns/oa#": ["oa.ttl"],
}
OA = Namespace("http://www.w3.org/ns/oa#")
EDTF = URIRef("http://id.loc.gov/datatypes/edtf/EDTF")
CORE_NAMESPACES = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2002/07/owl#",
    "http://www.w3.org/2001/XMLSchema#",
)
# The only identifiers of other datasets we may link to (verified, see MODELLING.md),
# plus the controlled vocabularies and the licence we reference.
VERIFIED_EXTERNAL = {
    "http://www.wikidata.org/entity/Q2119",  # Mannheim
    "http://www.wikidata.org/entity/Q2966",  # Heidelberg
    "http://www.wikidata.org/entity/Q8880",  # European Commission
    "https://d-nb.info/gnd/4037372-1",  # Mannheim
    "https://d-nb.info/gnd/4023996-2",  # Heidelberg
    "https://creativecommons.org/licenses/by/4.0/",
    "http://publications.europa.eu/resource/authority/access-right/PUBLIC",
    "http://publications.europa.eu/resource/authority/access-right/RESTRICTED",
    "http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC",
    "http://publications.europa.eu/resource/authority/language/DEU",
    "http://id.loc.gov/datatypes/edtf/EDTF",  # the EDTF datatype (spring 2022)
}
# Every date the source states, at the precision it states it.
DATES_IN_SOURCE = {
    ("2011", XSD.gYear),
    ("2016", XSD.gYear),
    ("2018", XSD.gYear),
    ("2022-21", EDTF),  # "Frühjahr 2022": EDTF level-1 season
    ("2025", XSD.gYear),
    ("2021-03", XSD.gYearMonth),
    ("2021-05", XSD.gYearMonth),
}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def turtle_files() -> list[Path]:
    return sorted(ONTOLOGY.glob("*.ttl")) + sorted(DATA.glob("*.ttl"))


@cache
def graph_of(path: Path) -> Graph:
    return Graph().parse(path)


@cache
def data_graph() -> Graph:
    union = Graph()
    for path in sorted(DATA.glob("*.ttl")):
        union += graph_of(path)
    return union


@cache
def source_text() -> str:
    return SOURCE.read_text(encoding="utf-8")


@cache
def fact_graph() -> Graph:
    """The data without the graph records (source.ttl) and the retired IRIs (retired.ttl)."""
    union = Graph()
    for path in sorted(DATA.glob("*.ttl")):
        if path.stem not in ("source", "retired"):
            union += graph_of(path)
    return union


def all_iris(graph: Graph) -> set[URIRef]:
    return {term for triple in graph for term in triple if isinstance(term, URIRef)}


# ------------------------------------------------------------------ the source copy


def test_source_copy_is_the_press_release() -> None:
    headline = source_text().splitlines()[0]
    assert headline.startswith("Wirtschaftsförderung: Vier Kompetenzfelder")
    assert source_text().rstrip().endswith("Quelle: Stadt Mannheim")
    assert (DOCUMENT, DCTERMS.title, Literal(headline, lang="de")) in data_graph()


# --------------------------------------------------------------------- e-mail


@pytest.mark.parametrize("path", turtle_files(), ids=lambda p: p.name)
def test_no_email_addresses_anywhere(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "mailto:" not in text.lower()
    assert "email protected" not in text.lower()
    assert not EMAIL.search(text), EMAIL.search(text)
    email_terms = {
        VCARD.hasEmail,
        VCARD.email,
        FOAF.mbox,
        FOAF.mbox_sha1sum,
        SCHEMA.email,
        URIRef("http://data.europa.eu/m8g/email"),
    }
    assert not {p for p in graph_of(path).predicates()} & email_terms


# --------------------------------------------------------------------- phones


def telephones() -> list[tuple[URIRef, URIRef, str, set]]:
    graph = data_graph()
    found = []
    for node, value in graph.subject_objects(VCARD.hasValue):
        printed = [
            str(exact)
            for passage in graph.subjects(OA.hasBody, node)
            for target in graph.objects(passage, OA.hasTarget)
            for selector in graph.objects(target, OA.hasSelector)
            for exact in graph.objects(selector, OA.exact)
        ]
        assert len(printed) == 1, node
        notation = printed[0].removeprefix("Tel: ")
        found.append((node, value, notation, set(graph.objects(node, RDF.type))))
    return found


def test_every_phone_number_of_the_source_is_recorded() -> None:
    printed = re.findall(r"Tel: ([^,]+),", source_text())
    assert len(printed) == 7
    assert sorted(notation for _, _, notation, _ in telephones()) == sorted(printed)


@pytest.mark.parametrize("telephone", telephones(), ids=lambda t: str(t[0]).rsplit("/", 1)[-1])
def test_tel_iri_is_the_e164_form_of_the_printed_number(telephone) -> None:
    _, value, notation, types = telephone
    number = phonenumbers.parse(notation, "DE")
    assert phonenumbers.is_valid_number(number)
    assert str(value) == "tel:" + phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.E164
    )
    kind = phonenumbers.number_type(number)
    assert VCARD.Voice in types
    if kind == phonenumbers.PhoneNumberType.MOBILE:
        assert VCARD.Cell in types
    else:
        assert kind == phonenumbers.PhoneNumberType.FIXED_LINE
        assert VCARD.Cell not in types


def test_phone_numbers_live_only_in_the_personal_data_graph() -> None:
    for path in DATA.glob("*.ttl"):
        if path.stem == "contact-details":
            continue
        graph = graph_of(path)
        assert not set(graph.triples((None, VCARD.hasTelephone, None))), path.name
        assert not set(graph.triples((None, VCARD.hasValue, None))), path.name
        assert "tel:" not in {str(iri)[:4] for iri in all_iris(graph)}, path.name


def test_personal_data_graph_holds_phone_numbers_only() -> None:
    graph = graph_of(DATA / "contact-details.ttl")
    allowed = {
        RDF.type,
        RDFS.label,
        VCARD.hasTelephone,
        VCARD.hasValue,
        MKG.translatedLanguage,
        OA.motivatedBy,
        OA.hasTarget,
        OA.hasSource,
        OA.hasSelector,
        OA.exact,
        OA.hasBody,
    }
    assert set(graph.predicates()) <= allowed
    passage_types = {OA.Annotation, OA.SpecificResource, OA.TextQuoteSelector}
    assert set(graph.objects(None, RDF.type)) <= {VCARD.Cell, VCARD.Voice} | passage_types
    persons = set(graph.subjects(VCARD.hasTelephone, None))
    for person in persons:
        assert set(graph.predicates(person, None)) == {VCARD.hasTelephone}, person
    telephone_nodes = set(graph.objects(None, VCARD.hasTelephone))
    passages = set(graph.subjects(RDF.type, OA.Annotation))
    assert set(graph.objects(None, OA.hasBody)) == telephone_nodes  # only the phones' passages
    parts = set(graph.subjects(RDF.type, OA.SpecificResource)) | set(
        graph.subjects(RDF.type, OA.TextQuoteSelector)
    )
    assert set(graph.subjects()) == persons | telephone_nodes | passages | parts


def test_personal_data_graph_is_marked() -> None:
    graph = data_graph()
    described = GRAPH["contact-details"]
    assert graph.value(described, DCTERMS.accessRights) in {ACCESS.RESTRICTED, ACCESS.NON_PUBLIC}
    assert {PD.TelephoneNumber, PD.Name} <= set(graph.objects(described, DPV.hasPersonalData))
    assert (described, DPV.hasPurpose, DPV.CommunicationManagement) in graph
    gdpr = Namespace("https://w3id.org/dpv/legal/eu/gdpr#")
    assert (described, DPV.hasLegalBasis, gdpr["A6-1-e"]) in graph
    assert graph.value(described, DPV.hasDataSubject) is not None


def test_quotations_organisations_and_passages_say_which_personal_data_they_hold() -> None:
    graph = data_graph()
    assert {PD.Name, PD.Opinion} <= set(graph.objects(GRAPH.quotations, DPV.hasPersonalData))
    assert PD.Job in set(graph.objects(GRAPH.organisations, DPV.hasPersonalData))
    assert PD.Name in set(graph.objects(GRAPH.passages, DPV.hasPersonalData))


def test_every_data_file_has_a_described_graph() -> None:
    graph = data_graph()
    licence = URIRef("https://creativecommons.org/licenses/by/4.0/")
    dcat = Namespace("http://www.w3.org/ns/dcat#")
    for path in DATA.glob("*.ttl"):
        described = GRAPH[path.stem]
        assert graph.value(described, DCTERMS.accessRights) is not None, path.stem
        assert (described, DCTERMS.license, licence) in graph, path.stem
        for required in (DCTERMS.publisher, DCTERMS.issued, DCTERMS.modified, dcat.contactPoint):
            assert graph.value(described, required) is not None, (path.stem, required)
        if path.stem != "retired":  # the retired IRIs do not come from the press release
            assert (described, PROV.wasDerivedFrom, DOCUMENT) in graph, path.stem


# --------------------------------------------------------------- verbatim text


def test_quotations_are_verbatim() -> None:
    texts = list(data_graph().objects(None, SCHEMA.text))
    assert len(texts) == 2
    for text in texts:
        assert text.language == "de"
        assert f"„{text}“" in source_text()


def test_person_names_are_in_the_source() -> None:
    names = list(data_graph().objects(None, FOAF.name))
    assert len(names) == 9
    for name in names:
        assert str(name) in source_text()
    for person in data_graph().subjects(FOAF.name, None):
        given = data_graph().value(person, FOAF.givenName)
        family = data_graph().value(person, FOAF.familyName)
        assert f"{given} {family}" == str(data_graph().value(person, FOAF.name))


def test_german_descriptions_are_verbatim_from_the_source() -> None:
    for subject, text in data_graph().subject_objects(DCTERMS.description):
        if text.language == "de":
            assert str(text) in source_text(), subject


# ------------------------------------------------------------------ identifiers


def test_no_external_identifiers_but_the_verified_ones() -> None:
    ours = (BASE, "tel:")
    standard = tuple(VOCABULARIES) + CORE_NAMESPACES
    for path in turtle_files():
        for iri in all_iris(graph_of(path)):
            text = str(iri)
            if text.startswith(ours) or text.startswith(standard):
                continue
            assert text in VERIFIED_EXTERNAL, f"{path.name}: unverified external IRI {text}"


def test_wikidata_links_are_on_the_right_resources() -> None:
    graph = data_graph()
    same = {(str(s).rsplit("/", 1)[-1], str(o)) for s, o in graph.subject_objects(SCHEMA.sameAs)}
    assert ("mannheim", "http://www.wikidata.org/entity/Q2119") in same
    assert ("heidelberg", "http://www.wikidata.org/entity/Q2966") in same
    assert ("europaeische-kommission", "http://www.wikidata.org/entity/Q8880") in same
    owl_same_as = URIRef("http://www.w3.org/2002/07/owl#sameAs")
    assert not set(graph.triples((None, owl_same_as, None)))


@cache
def pinned_terms() -> frozenset[URIRef]:
    vocab = Graph()
    for files in VOCABULARIES.values():
        for name in files:
            vocab.parse(VOCAB / name)
    return frozenset(s for s in vocab.subjects() if isinstance(s, URIRef))


@pytest.mark.parametrize(
    "path", turtle_files() + sorted((ROOT / "shapes").glob("*.ttl")), ids=lambda p: p.name
)
def test_every_standard_term_exists_in_the_pinned_vocabularies(path: Path) -> None:
    unknown = {
        str(iri)
        for iri in all_iris(graph_of(path))
        if str(iri).startswith(tuple(VOCABULARIES)) and iri not in pinned_terms()
    }
    assert not unknown


def test_every_mkg_term_used_is_defined_in_the_ontology() -> None:
    ontology = graph_of(ONTOLOGY / "mannheim-kg.ttl")
    defined = set(ontology.subjects(RDFS.isDefinedBy, URIRef(str(MKG))))
    used = {iri for iri in all_iris(fact_graph()) if str(iri).startswith(str(MKG))}
    assert used - defined == set()


# -------------------------------------------------------------- dates, figures


def test_dates_are_only_those_the_source_states() -> None:
    for path in DATA.glob("*.ttl"):
        if path.stem == "source":  # the records' own dct:issued / dct:modified
            continue
        for literal in graph_of(path).objects():
            if isinstance(literal, Literal) and literal.datatype in (
                XSD.gYear,
                XSD.gYearMonth,
                XSD.date,
                XSD.dateTime,
                EDTF,
            ):
                assert (str(literal), literal.datatype) in DATES_IN_SOURCE, (
                    f"{path.name}: {literal!r}"
                )


def test_every_date_of_the_source_is_used() -> None:
    used = {
        (str(o), o.datatype)
        for o in data_graph().objects()
        if isinstance(o, Literal) and o.datatype in (XSD.gYear, XSD.gYearMonth, EDTF)
    }
    assert used == DATES_IN_SOURCE


def test_numbers_only_inside_qualified_quantities() -> None:
    graph = data_graph()
    number_properties = {SCHEMA.value, SCHEMA.minValue, SCHEMA.maxValue}
    for subject, predicate, obj in graph:
        if isinstance(obj, Literal) and obj.datatype in (
            XSD.integer,
            XSD.decimal,
            XSD.double,
            XSD.int,
        ):
            assert predicate in number_properties, (subject, predicate, obj)
            assert (subject, RDF.type, SCHEMA.QuantitativeValue) in graph, subject


def test_approximate_figures_keep_their_qualifier() -> None:
    graph = data_graph()
    quantities = set(graph.subjects(RDF.type, SCHEMA.QuantitativeValue))
    assert quantities
    for quantity in quantities:
        qualifiers = set(graph.objects(quantity, MKG.qualifier))
        assert len(qualifiers) == 1, quantity
        german = next(
            str(label) for label in graph.objects(quantity, RDFS.label) if label.language == "de"
        )
        if german.startswith(("rund", "vor rund")):
            assert qualifiers == {QUALIFIER.about}, quantity
        if german.startswith("über"):
            assert qualifiers == {QUALIFIER["more-than"]}, quantity
            assert graph.value(quantity, SCHEMA.value) is None, quantity
            assert graph.value(quantity, SCHEMA.minValue) is not None, quantity
        if german.startswith("insgesamt"):
            assert qualifiers == {QUALIFIER.total}, quantity


@pytest.mark.parametrize(
    ("phrase", "qualifier", "number"),
    [
        ("rund 50 Netzwerkmitglieder", "about", 50),
        ("über 4.000 Teilnehmenden", "more-than", 4000),
        ("insgesamt 4.300 internationalen Teilnehmenden", "total", 4300),
        ("Insgesamt acht digitale", "total", 8),
        ("aus 102 Ländern", "exact", 102),
        ("sieben Green Tech-Leitmärkten", "exact", 7),
        ("Vor rund zehn Jahren", "about", 10),
        ("In den vergangenen zwei Jahren", "exact", 2),
    ],
)
def test_every_figure_of_the_source_is_a_qualified_quantity(
    phrase: str, qualifier: str, number: int
) -> None:
    assert phrase in source_text()
    graph = data_graph()
    matches = [
        q
        for q in graph.subjects(MKG.qualifier, QUALIFIER[qualifier])
        if number
        in {v.toPython() for v in graph.objects(q, SCHEMA.value)}
        | {v.toPython() for v in graph.objects(q, SCHEMA.minValue)}
    ]
    assert len(matches) == 1


# ----------------------------------------------------- labels and translations


def test_every_resource_has_labels_in_german_and_english() -> None:
    graph = data_graph() - graph_of(DATA / "retired.ttl")
    for subject in {
        s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(BASE)
    }:
        labels = list(graph.objects(subject, RDFS.label)) + list(
            graph.objects(subject, SKOS.prefLabel)
        )
        languages = {label.language for label in labels}
        assert {"de", "en"} <= languages, subject


def test_english_translations_are_marked() -> None:
    """A resource whose English text differs from its German text says it was translated."""
    graph = data_graph()
    for subject in set(graph.subjects()):
        for predicate in set(graph.predicates(subject, None)):
            values = list(graph.objects(subject, predicate))
            german = {str(v) for v in values if isinstance(v, Literal) and v.language == "de"}
            english = {str(v) for v in values if isinstance(v, Literal) and v.language == "en"}
            if english - german:
                assert (
                    subject,
                    MKG.translatedLanguage,
                    Literal("en", datatype=XSD.language),
                ) in graph, (subject, predicate)


def test_only_german_and_english_language_tags() -> None:
    for path in turtle_files():
        for literal in graph_of(path).objects():
            if isinstance(literal, Literal) and literal.language:
                assert literal.language in {"de", "en"}, (path.name, literal)


# -------------------------------------------------------------------- provenance


def test_only_graph_records_are_derived_from_the_press_release() -> None:
    """Provenance is on the descriptions (graph records), never on the things described."""
    graph = data_graph()
    dataset = URIRef("http://www.w3.org/ns/dcat#Dataset")
    derived = set(graph.subjects(PROV.wasDerivedFrom, None))
    assert derived == set(graph.subjects(RDF.type, dataset)) - {GRAPH.retired}


# The resources that come from no sentence: the project's own vocabulary of concept schemes,
# states and qualifiers, the publisher of the graphs and its contact point.
NOT_FROM_A_SENTENCE = (
    "id/scheme/",
    "id/concept/status/",
    "id/concept/quantity-qualifier/",
    "id/agent/",
    "id/contact-point/",
    "id/passage/",
)


def test_every_description_is_linked_to_its_passage() -> None:
    graph = fact_graph()
    bodies = set(graph.objects(None, OA.hasBody))
    for subject in {
        s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(BASE)
    }:
        if str(subject).startswith(tuple(BASE + part for part in NOT_FROM_A_SENTENCE)):
            continue
        assert subject in bodies, subject


def passages() -> list[tuple[URIRef, str]]:
    graph = data_graph()
    return sorted(
        (passage, str(exact))
        for passage in graph.subjects(RDF.type, OA.Annotation)
        for target in graph.objects(passage, OA.hasTarget)
        for selector in graph.objects(target, OA.hasSelector)
        for exact in graph.objects(selector, OA.exact)
    )


def test_there_is_a_passage_for_every_sentence_we_use() -> None:
    assert len(passages()) == 60  # 53 sentences and lines + 7 phone numbers


@pytest.mark.parametrize("passage", passages(), ids=lambda p: str(p[0]).rsplit("/", 1)[-1])
def test_passage_text_is_verbatim_in_the_source(passage) -> None:
    _, exact = passage
    assert source_text().count(exact) == 1, exact


def test_no_blank_nodes_in_the_data() -> None:
    """Blank nodes only as the target and selector of a passage (the Web Annotation pattern)."""
    for path in DATA.glob("*.ttl"):
        graph = graph_of(path)
        for triple in graph:
            for term in triple:
                if isinstance(term, URIRef | Literal):
                    continue
                kinds = set(graph.objects(term, RDF.type))
                assert kinds & {OA.SpecificResource, OA.TextQuoteSelector}, (path.name, triple)


def test_planned_things_have_no_founding_date() -> None:
    graph = data_graph()
    planned = URIRef(BASE + "id/concept/status/planned")
    for subject in graph.subjects(MKG.status, planned):
        assert graph.value(subject, SCHEMA.startDate) is None, subject
