"""What the landing page and the pictures show, read from the graph by catalogue queries.

Every query the pages depend on is named in `SOURCES` (catalogue queries, kept in step with
the data model by whoever changes it) or written out in this module (`CLASS_COUNTS`,
`LABELS`): a renamed property breaks one query here, not a template. Rows are read as SPARQL
JSON by the one evaluation function (`evaluate`, what the query workers run), here in the
web process: these are the project's own small queries, so the pages keep answering while
every worker is busy with a visitor's query. No Flask here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox

from server.catalogue.catalogue import Catalogue
from server.errors import MannheimKGError
from server.rdf import formats
from server.rdf.namespace import BASE, DEF, FOAF, RDFS, SKOS, XSD
from server.services.query_service import QueryService
from server.services.querying import QueryJob, evaluate

#: The catalogue queries the pages read, by what they are used for.
SOURCES = {
    "clusters": "cluster-comparison",
    "sites": "sites-per-cluster",
    "contacts": "contacts",
    "organisations": "organisations-by-cluster",
    "timeline": "timeline",
}

#: How many things of each class of the project's ontology the graph holds.
CLASS_COUNTS = f"""
PREFIX rdfs: <{RDFS}>
SELECT ?class (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?thing) AS ?count) WHERE {{
  ?thing a ?class .
  FILTER(STRSTARTS(STR(?class), "{DEF}"))
  OPTIONAL {{ ?class rdfs:label ?l FILTER(LANG(?l) = ?lang) }}
}} GROUP BY ?class ORDER BY DESC(?count) STR(?class)
"""

#: Labels of given IRIs in one language (VALUES ?thing is added by `labels`).
LABELS = f"""
PREFIX rdfs: <{RDFS}>
PREFIX skos: <{SKOS}>
PREFIX foaf: <{FOAF}>
SELECT ?thing (SAMPLE(?l) AS ?label) WHERE {{
  VALUES_BLOCK
  ?thing rdfs:label|skos:prefLabel|foaf:name ?l .
  FILTER(LANG(?l) = ?lang || LANG(?l) = "")
}} GROUP BY ?thing
"""

Term = Mapping[str, str]
"""One RDF term as SPARQL JSON writes it: type, value, and xml:lang or datatype."""
Row = dict[str, Term]


def select(service: QueryService, query: str) -> list[Row]:
    """The rows of one of the pages' own SELECT queries (row limit applied), as SPARQL JSON."""
    job = QueryJob(query=query, media_types=((formats.SOLUTIONS, formats.SPARQL_JSON.name),))
    outcome = evaluate(service.store, service.limited(job))
    return json.loads(outcome.body)["results"]["bindings"]


def catalogue_rows(
    service: QueryService, catalogue: Catalogue, use: str, values: Mapping[str, str]
) -> list[Row]:
    """The rows of the catalogue query for `use` (SOURCES), with the parameters it has."""
    name = SOURCES[use]
    if name not in catalogue:
        return []
    query = catalogue[name]
    known = {p.name for p in query.parameters}
    bound = {key: [value] for key, value in values.items() if key in known}
    return select(service, query.bind(bound))


def text(term: Term | None) -> str:
    """A term's text: a literal's lexical form, an IRI as written."""
    return term["value"] if term else ""


def local_path(iri: str) -> str:
    """An IRI of the project's namespace as a path on this server (/id/…); others unchanged."""
    return "/" + iri[len(BASE) :] if iri.startswith(BASE) else iri


# -- dates at their precision ---------------------------------------------------------------

MONTHS = {
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "en": "January February March April May June July August September October November December",
}
#: Season words (German and English) → the season's first month and its name per language.
SEASONS = {
    "frühjahr": 3,
    "frühling": 3,
    "spring": 3,
    "sommer": 6,
    "summer": 6,
    "herbst": 9,
    "autumn": 9,
    "fall": 9,
    "winter": 12,
}
SEASON_NAMES = {
    "de": {3: "Frühjahr", 6: "Sommer", 9: "Herbst", 12: "Winter"},
    "en": {3: "spring", 6: "summer", 9: "autumn", 12: "winter"},
}
_YEAR = re.compile(r"(?<![0-9])(1[89][0-9]{2}|2[0-9]{3})(?![0-9])")


@dataclass(frozen=True)
class Moment:
    """A date at the precision the source gives: its span in fractional years, and its text."""

    start: float
    end: float
    precision: str  # year | season | month | day
    text: str


def moment(date: Term | None, lang: str, wording: str = "") -> Moment | None:
    """The span and text of a dated value: a year as a year, a season as a season.

    Reads xsd:gYear, xsd:gYearMonth and xsd:date; any other literal (or the `wording` a
    query gives beside it) is read for a season word and a year ("Frühjahr 2022").
    """
    value = text(date)
    datatype = (date or {}).get("datatype", "")
    if datatype == XSD + "gYear" and _YEAR.fullmatch(value):
        year = int(value)
        return Moment(year, year + 1, "year", value)
    if datatype == XSD + "gYearMonth" and re.fullmatch(r"[0-9]{4}-[0-9]{2}", value):
        year, month = int(value[:4]), int(value[5:])
        name = MONTHS[lang].split()[month - 1]
        return Moment(year + (month - 1) / 12, year + month / 12, "month", f"{name} {year}")
    if datatype == XSD + "date" and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        year, month, day = int(value[:4]), int(value[5:7]), int(value[8:])
        start = year + (month - 1) / 12 + (day - 1) / 365
        return Moment(start, start + 1 / 365, "day", value)
    for source in (value, wording):
        found = _YEAR.search(source)
        season = next((m for word, m in SEASONS.items() if word in source.lower()), None)
        if found and season:
            year = int(found.group(1))
            return Moment(
                year + (season - 1) / 12,
                year + (season + 2) / 12,
                "season",
                f"{SEASON_NAMES[lang][season]} {year}",
            )
    return None


# -- the landing page -----------------------------------------------------------------------


@dataclass
class ClusterSummary:
    """One cluster at a glance: what the landing page shows of it."""

    iri: str
    label: str
    competence_field: str = ""
    state: str = ""
    since: Moment | None = None
    sites: list[tuple[str, str]] = field(default_factory=list)  # (IRI, label)
    contacts: list[tuple[str, str]] = field(default_factory=list)  # (IRI, name): no phones


def clusters(service: QueryService, catalogue: Catalogue, lang: str) -> list[ClusterSummary]:
    """The clusters with field, state, since when, sites and contact names, in label order."""
    values = {"lang": lang}
    found: dict[str, ClusterSummary] = {}
    for row in catalogue_rows(service, catalogue, "clusters", values):
        iri = text(row.get("cluster"))
        since = row.get("activeSince") or row.get("managementSince") or row.get("since")
        found.setdefault(
            iri,
            ClusterSummary(
                iri,
                text(row.get("label")) or iri,
                competence_field=text(row.get("competenceField")),
                state=text(row.get("managementStatus") or row.get("status")),
                since=moment(since, lang, text(row.get("sinceLabel"))),
            ),
        )
    for row in catalogue_rows(service, catalogue, "sites", values):
        summary = found.get(text(row.get("cluster")))
        site = (text(row.get("site")), text(row.get("siteLabel")))
        if summary and site[0] and site not in summary.sites:
            summary.sites.append(site)
    for row in catalogue_rows(service, catalogue, "contacts", values):
        summary = found.get(text(row.get("cluster")))
        person = (text(row.get("person")), text(row.get("name")))
        if summary and person[0] and person not in summary.contacts:
            summary.contacts.append(person)
    return sorted(found.values(), key=lambda c: c.label.casefold())


def class_counts(service: QueryService, lang: str) -> list[tuple[str, str, int]]:
    """(class IRI, label, count) for each class of the ontology that has instances."""
    rows = select(service, CLASS_COUNTS.replace("?lang", f'"{lang}"'))
    return [
        (
            text(r["class"]),
            text(r.get("label")) or text(r["class"]).removeprefix(DEF),
            int(text(r["count"])),
        )
        for r in rows
    ]


def labels(service: QueryService, iris: Iterable[str], lang: str) -> dict[str, str]:
    """Labels of IRIs in `lang` (or without a language), for showing results readably."""
    nodes = []
    for iri in sorted(set(iris)):
        try:
            nodes.append(str(ox.NamedNode(iri)))
        except ValueError:
            continue
    if not nodes:
        return {}
    block = "VALUES ?thing { " + " ".join(nodes) + " }"
    query = LABELS.replace("VALUES_BLOCK", block).replace("?lang", f'"{lang}"')
    try:
        return {text(r["thing"]): text(r["label"]) for r in select(service, query)}
    except MannheimKGError:
        return {}  # labels are a courtesy: a busy service shows the IRIs
