"""IRIs in one place: the project's namespace (UK "designing URI sets": /def/ terms, /id/
things) and the standard vocabularies the code writes terms of or shows prefixes for."""

BASE = "https://w3id.org/mannheim-kg/"
DEF = BASE + "def/"
ID = BASE + "id/"
GRAPH = BASE + "graph/"
SHAPES = BASE + "shapes/"
CHECK_SHAPES = SHAPES + "checks/"  # sh:sourceShape of a quality check's results
INPUT_SHAPES = SHAPES + "input/"  # sh:sourceShape of an input error (syntax, unusable file)

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
SDO = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
TIME = "http://www.w3.org/2006/time#"
CV = "http://data.europa.eu/m8g/"
PERSON = "http://www.w3.org/ns/person#"
LOCN = "http://www.w3.org/ns/locn#"
DPV = "https://w3id.org/dpv#"
PD = "https://w3id.org/dpv/pd#"
SH = "http://www.w3.org/ns/shacl#"
WD = "http://www.wikidata.org/entity/"
SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
FORMATS = "http://www.w3.org/ns/formats/"

#: One prefix per type of thing under /id/, the names the data files declare: output shortens
#: every IRI the same way whatever query it comes from (cluster:green-industry, never
#: id:cluster/green-industry), and a Turtle local name needs no escaped slash.
THING_PREFIXES: dict[str, str] = {
    "activity": ID + "activity/",
    "address": ID + "address/",
    "brand": ID + "brand/",
    "cluster": ID + "cluster/",
    "doc": ID + "document/",
    "event": ID + "event/",
    "measure": ID + "measure/",
    "offer": ID + "support-offer/",
    "organisation": ID + "organisation/",
    "people": ID + "person/",  # person: is the W3C Person vocabulary
    "place": ID + "place/",
    "post": ID + "post/",
    "quantity": ID + "quantity/",
    "quotation": ID + "quotation/",
    "scheme": ID + "scheme/",
    "strategy": ID + "strategy/",
    "telephone": ID + "telephone/",
    "unit": ID + "unit/",
    "passage": ID + "passage/",
    "approach": ID + "concept/approach/",
    "facility": ID + "concept/facility-type/",
    "field": ID + "concept/competence-field/",
    "group": ID + "concept/target-group/",
    "actor": ID + "concept/actor-type/",
    "level": ID + "concept/governance-level/",
    "profile": ID + "concept/location-profile/",
    "qualifier": ID + "concept/quantity-qualifier/",
    "status": ID + "concept/status/",
    "topic": ID + "concept/topic/",
}

#: Well-known namespaces (MODELLING.md) and the project's own: for display and short output.
PREFIXES: dict[str, str] = {
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "org": ORG,
    "foaf": FOAF,
    "vcard": VCARD,
    "schema": SDO,
    "prov": PROV,
    "dct": DCT,
    "dcat": DCAT,
    "time": TIME,
    "cv": CV,
    "person": PERSON,
    "locn": LOCN,
    "dpv": DPV,
    "pd": PD,
    "sh": SH,
    "wd": WD,
    "mkg": DEF,
    "id": ID,
    "graph": GRAPH,
    "access": "http://publications.europa.eu/resource/authority/access-right/",
    **THING_PREFIXES,
}
