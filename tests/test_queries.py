"""Every catalogue query gives exactly its expected rows on the bundled graph: over HTTP and CLI.

A row is a tuple of strings, one per projected variable: IRIs with the prefixes below (others
in full, `<…>`), a literal as its text plus `@lang`, or `^^xsd:type` unless it is a plain
string or an integer; "" for an unbound variable. A change of the model that changes an answer
fails here. The CLI's table shows the same cells (one prefix per type of thing everywhere).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from server.catalogue.catalogue import Catalogue
from server.cli.main import main
from server.web.app import EXTENSION, create_app

STAFF_TOKEN = "staff-token-for-the-query-tests"
STAFF = {"Authorization": f"Bearer {STAFF_TOKEN}"}
"""The expected rows include the restricted contact details: HTTP asks with a token."""

ID = "https://w3id.org/mannheim-kg/id/"
# The project's prefix per type of thing (as the data files declare them), before id:.
PREFIXES = {
    ID + "activity/": "activity:",
    ID + "address/": "address:",
    ID + "brand/": "brand:",
    ID + "cluster/": "cluster:",
    ID + "concept/approach/": "approach:",
    ID + "concept/competence-field/": "field:",
    ID + "concept/facility-type/": "facility:",
    ID + "concept/governance-level/": "level:",
    ID + "concept/location-profile/": "profile:",
    ID + "concept/quantity-qualifier/": "qualifier:",
    ID + "concept/status/": "status:",
    ID + "concept/target-group/": "group:",
    ID + "concept/actor-type/": "actor:",
    ID + "concept/topic/": "topic:",
    ID + "document/": "doc:",
    ID + "event/": "event:",
    ID + "measure/": "measure:",
    ID + "organisation/": "organisation:",
    ID + "person/": "people:",
    ID + "place/": "place:",
    ID + "post/": "post:",
    ID + "quantity/": "quantity:",
    ID + "quotation/": "quotation:",
    ID + "scheme/": "scheme:",
    ID + "strategy/": "strategy:",
    ID + "support-offer/": "offer:",
    ID + "telephone/": "telephone:",
    ID + "unit/": "unit:",
    ID + "passage/": "passage:",
    ID: "id:",
    "https://w3id.org/mannheim-kg/def/": "mkg:",
    "https://w3id.org/mannheim-kg/graph/": "graph:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/ns/org#": "org:",
    "http://www.w3.org/ns/prov#": "prov:",
    "http://www.w3.org/2006/vcard/ns#": "vcard:",
    "http://purl.org/dc/terms/": "dct:",
    "https://schema.org/": "schema:",
    "https://w3id.org/dpv/pd#": "pd:",
    "http://publications.europa.eu/resource/authority/access-right/": "access:",
    "http://www.wikidata.org/entity/": "wd:",
}


def short(iri: str) -> str:
    for namespace, prefix in PREFIXES.items():
        if iri.startswith(namespace):
            return prefix + iri[len(namespace) :]
    return f"<{iri}>"


def term(binding: dict | None) -> str:
    if binding is None:
        return ""
    if binding["type"] == "uri":
        return short(binding["value"])
    if "xml:lang" in binding:
        return f"{binding['value']}@{binding['xml:lang']}"
    datatype = binding.get("datatype", "http://www.w3.org/2001/XMLSchema#string")
    if datatype.endswith(("#string", "#integer")):
        return binding["value"]
    return f"{binding['value']}^^{short(datatype)}"


def rows_of(document: dict) -> list[tuple[str, ...]]:
    names = document["head"]["vars"]
    return [tuple(term(b.get(n)) for n in names) for b in document["results"]["bindings"]]


# Expected rows, checked against the source by hand. Long lines: one row per line.
# fmt: off
CASES: list[tuple[str, dict[str, str], list[tuple[str, ...]]]] = [
    ('cluster-comparison', {}, [
        ('cluster:smart-industries', 'Cluster Smart Industries@de', 'Smart Industries@de', 'im Aufbau@de', '', '2016^^xsd:gYear', 'Smart Production e.V.@de', 'besteht@de', '0', '2'),
        ('cluster:green-industry', 'Green Industry Cluster@de', 'Green Tech@de', 'im Aufbau@de', '2022-21^^<http://id.loc.gov/datatypes/edtf/EDTF>', '2022-21^^<http://id.loc.gov/datatypes/edtf/EDTF>', 'Green Industry Cluster e.V.@de', 'geplant@de', '1', '2'),
        ('cluster:medical-technology', 'Mannheim Medical Technology Cluster@de', 'Gesundheitswirtschaft@de', 'besteht@de', '2011^^xsd:gYear', '2011^^xsd:gYear', '', '', '5', '2'),
        ('cluster:social-economy', 'Social Economy Cluster@de', 'Social Economy@de', 'kürzlich eingerichtet@de', '', '2018^^xsd:gYear', '', '', '0', '1'),
    ]),
    ('cluster-comparison', {'lang': 'en'}, [
        ('cluster:smart-industries', 'Cluster Smart Industries@en', 'Smart Industries@en', 'being set up@en', '', '2016^^xsd:gYear', 'Smart Production e.V.@en', 'existing@en', '0', '2'),
        ('cluster:green-industry', 'Green Industry Cluster@en', 'Green tech@en', 'being set up@en', '2022-21^^<http://id.loc.gov/datatypes/edtf/EDTF>', '2022-21^^<http://id.loc.gov/datatypes/edtf/EDTF>', 'Green Industry Cluster e.V.@en', 'planned@en', '1', '2'),
        ('cluster:medical-technology', 'Mannheim Medical Technology Cluster@en', 'Health economy@en', 'existing@en', '2011^^xsd:gYear', '2011^^xsd:gYear', '', '', '5', '2'),
        ('cluster:social-economy', 'Social Economy Cluster@en', 'Social economy@en', 'recently established@en', '', '2018^^xsd:gYear', '', '', '0', '1'),
    ]),
    ('cluster-goals', {}, [
        ('cluster:green-industry', 'mkg:rationale', 'cluster:green-industry', 'Die Kombination aus starkem Produktionsstandort und starkem Green Tech-Standort begründet die Clusteraktivitäten im Bereich Green Industry.@de'),
        ('cluster:medical-technology', 'mkg:goal', 'cluster:medical-technology', 'sich zu ergänzen und Synergien zu nutzen@de'),
        ('cluster:medical-technology', 'mkg:goal', 'unit:clustermanagement-medical-technology', 'die Rolle Mannheims in der Region zu festigen und weiter auszubauen@de'),
        ('cluster:medical-technology', 'mkg:rationale', 'cluster:medical-technology', 'Trotz der Erweiterung des Kompetenzfeldes zur Gesundheitswirtschaft ist die Medizintechnologie weiterhin stärkste Teilbranche in Mannheim, weshalb die ursprüngliche Bezeichnung des Clusters beibehalten wird.@de'),
        ('cluster:smart-industries', 'mkg:goal', 'cluster:smart-industries', 'digitale Innovationen zu unterstützen sowie Produktivität und Standortsicherung durch B2B Vernetzung verschiedenster Akteure zu befördern@de'),
        ('cluster:smart-industries', 'mkg:rationale', 'cluster:smart-industries', 'Das Gelingen der digitalen Transformation ist eine wichtige Grundlage um Arbeitsplätze in Mannheim zu sichern und neu zu schaffen sowie Fachkräfte und Talente zu halten und anzuwerben.@de'),
        ('cluster:smart-industries', 'mkg:rationale', 'measure:erweiterung-digitalisierungsangebot', 'Die Digitalisierung der Wirtschaft dringt mittlerweile selbst in Branchen vor, die bisher davon unberührt zu bleiben schienen.@de'),
        ('cluster:social-economy', 'mkg:goal', 'cluster:social-economy', 'soziale Innovationen und soziales Unternehmertum in Mannheim weiter zu etablieren und zur Entwicklung der Stadt zu nutzen@de'),
    ]),
    ('cluster-goals', {'lang': 'en'}, [
        ('cluster:green-industry', 'mkg:rationale', 'cluster:green-industry', 'The combination of a strong production location and a strong green tech location is the reason for the cluster activities in green industry.@en'),
        ('cluster:medical-technology', 'mkg:goal', 'cluster:medical-technology', 'to complement each other and use synergies@en'),
        ('cluster:medical-technology', 'mkg:goal', 'unit:clustermanagement-medical-technology', "to consolidate and further expand Mannheim's role in the region@en"),
        ('cluster:medical-technology', 'mkg:rationale', 'cluster:medical-technology', "Despite the extension of the competence field to the health economy, medical technology remains the strongest sub-sector in Mannheim, which is why the cluster's original name is kept.@en"),
        ('cluster:smart-industries', 'mkg:goal', 'cluster:smart-industries', 'to support digital innovation and to promote productivity and the securing of the location through B2B networking of a wide range of actors@en'),
        ('cluster:smart-industries', 'mkg:rationale', 'cluster:smart-industries', 'The success of the digital transformation is an important basis for securing and creating jobs in Mannheim and for retaining and attracting skilled workers and talent.@en'),
        ('cluster:smart-industries', 'mkg:rationale', 'measure:erweiterung-digitalisierungsangebot', 'The digitalisation of the economy now reaches even sectors that previously seemed to remain untouched by it.@en'),
        ('cluster:social-economy', 'mkg:goal', 'cluster:social-economy', 'to further establish social innovation and social entrepreneurship in Mannheim and to use them for the development of the city@en'),
    ]),
    ('cluster-profile', {'cluster': 'https://w3id.org/mannheim-kg/id/cluster/green-industry'}, [
        ('out', 'dct:description', 'Die Marke Green Industry Cluster fasst die Aktivitäten der Wirtschaftsförderung im Rahmen der Förderung des Kompetenzfeldes Green Tech zusammen.@de', ''),
        ('out', 'rdf:type', 'org:OrganizationalCollaboration', ''),
        ('out', 'rdf:type', 'mkg:Cluster', 'Cluster@de'),
        ('out', 'rdfs:label', 'Green Industry Cluster@de', ''),
        ('out', 'schema:brand', 'brand:green-industry-cluster', 'Marke Green Industry Cluster@de'),
        ('out', 'mkg:clusterManagement', 'unit:clustermanagement-green-industry', 'Clustermanagement Green Industry Cluster@de'),
        ('out', 'mkg:competenceField', 'field:green-tech', 'Green Tech@de'),
        ('out', 'mkg:contactPerson', 'people:anna-schmidt', 'Anna Schmidt@de'),
        ('out', 'mkg:contactPerson', 'people:torben-stieglitz', 'Torben Stieglitz@de'),
        ('out', 'mkg:infrastructure', 'place:innovationszentrum-green-tech', 'Innovationszentrum Green Tech@de'),
        ('out', 'mkg:initiatedBy', 'organisation:stadt-mannheim', 'Stadt Mannheim@de'),
        ('out', 'mkg:rationale', 'Die Kombination aus starkem Produktionsstandort und starkem Green Tech-Standort begründet die Clusteraktivitäten im Bereich Green Industry.@de', ''),
        ('out', 'mkg:topic', 'topic:sozialoekologische-transformation', 'sozialökologische und -ökonomische Transformation@de'),
        ('out', 'mkg:topic', 'topic:umwelt-und-klimaschutz', 'Umwelt- und Klimaschutz@de'),
        ('out', 'mkg:translatedLanguage', 'en^^xsd:language', ''),
        ('in', 'mkg:relatedCluster', 'activity:analyse-unternehmensbesatz', 'Analyse des Unternehmensbesatzes durch die RegioClusterAgentur Baden-Württemberg@de'),
        ('in', 'mkg:relatedCluster', 'measure:aufbau-netzwerk-green-industry', 'Aufbau eines Netzwerkes aus Unternehmen, Startups, Hochschulen und Forschungseinrichtungen@de'),
        ('in', 'mkg:relatedCluster', 'measure:gruendung-green-industry-cluster-ev', 'Gründung eines Green Industry Cluster e.V.@de'),
    ]),
    ('cluster-profile', {'cluster': 'https://w3id.org/mannheim-kg/id/cluster/social-economy', 'lang': 'en'}, [
        ('out', 'dct:audience', 'group:social-economy', 'Social economy target group@en'),
        ('out', 'dct:description', 'In order to further establish social innovation and social entrepreneurship in Mannheim and to use them for the development of the city, the economic development office is increasingly focusing on the social economy.@en', ''),
        ('out', 'rdf:type', 'org:OrganizationalCollaboration', ''),
        ('out', 'rdf:type', 'mkg:Cluster', 'cluster@en'),
        ('out', 'rdfs:label', 'Social Economy Cluster@en', ''),
        ('out', 'mkg:clusterManagement', 'unit:clustermanagement-social-economy', 'Cluster management of the Social Economy Cluster@en'),
        ('out', 'mkg:competenceField', 'field:social-economy', 'Social economy@en'),
        ('out', 'mkg:contactPerson', 'people:matthias-henel', 'Matthias Henel@en'),
        ('out', 'mkg:goal', 'to further establish social innovation and social entrepreneurship in Mannheim and to use them for the development of the city@en', ''),
        ('out', 'mkg:initiatedBy', 'organisation:stadt-mannheim', 'City of Mannheim@en'),
        ('out', 'mkg:milestone', 'event:european-social-economy-summit', 'European Social Economy Summit@en'),
        ('out', 'mkg:milestone', 'event:road-to-mannheim', 'Road to Mannheim events@en'),
        ('out', 'mkg:partner', 'organisation:europaeische-kommission', 'European Commission@en'),
        ('out', 'mkg:topic', 'topic:foerderprogramme', 'Funding programmes@en'),
        ('out', 'mkg:topic', 'topic:soziale-innovation', 'social innovation@en'),
        ('out', 'mkg:topic', 'topic:soziales-unternehmertum', 'social entrepreneurship@en'),
        ('out', 'mkg:topic', 'topic:vernetzung-und-ansprache', 'Networking with and approaching actors@en'),
        ('out', 'mkg:translatedLanguage', 'en^^xsd:language', ''),
        ('in', 'mkg:relatedCluster', 'event:european-social-economy-summit', 'European Social Economy Summit@en'),
        ('in', 'mkg:relatedCluster', 'event:road-to-mannheim', 'Road to Mannheim events@en'),
        ('in', 'mkg:relatedCluster', 'measure:erschliessung-foerderprogramme', 'Tapping funding programmes for the location@en'),
        ('in', 'mkg:relatedCluster', 'measure:vernetzung-social-economy', 'Networking with and approaching actors from the social economy@en'),
        ('in', 'mkg:relatedCluster', 'offer:social-economy', 'Support offers for the social economy target group@en'),
    ]),
    ('concepts-by-scheme', {}, [
        ('topic:arbeitsplaetze', 'Arbeitsplätze@de', '', '1'),
        ('topic:b2b-vernetzung', 'B2B-Vernetzung@de', '', '1'),
        ('topic:digitale-innovation', 'digitale Innovationen@de', '', '1'),
        ('topic:digitale-transformation', 'digitale Transformation@de', '', '1'),
        ('topic:digitalisierung', 'Digitalisierung@de', '', '1'),
        ('topic:fachkraefte', 'Fachkräfte und Talente@de', '', '1'),
        ('topic:foerderprogramme', 'Förderprogramme@de', '', '1'),
        ('topic:green-tech-leitmaerkte', 'Green Tech-Leitmärkte@de', '', '1'),
        ('topic:industrie-4-0', 'Industrie 4.0@de', 'topic:digitalisierung', '1'),
        ('topic:innovation', 'Innovationen beschleunigen@de', '', '0'),
        ('topic:produktivitaet-und-standortsicherung', 'Produktivität und Standortsicherung@de', '', '1'),
        ('topic:soziale-innovation', 'soziale Innovationen@de', '', '1'),
        ('topic:soziales-unternehmertum', 'soziales Unternehmertum@de', '', '1'),
        ('topic:sozialoekologische-transformation', 'sozialökologische und -ökonomische Transformation@de', '', '1'),
        ('topic:umwelt-und-klimaschutz', 'Umwelt- und Klimaschutz@de', '', '1'),
        ('topic:vernetzung-und-ansprache', 'Vernetzung und Ansprache von Akteuren@de', '', '1'),
    ]),
    ('concepts-by-scheme', {'scheme': 'https://w3id.org/mannheim-kg/id/scheme/target-group'}, [
        ('group:unternehmen-aller-branchen', 'Unternehmen aller Branchen@de', '', '1'),
        ('group:unternehmen-der-medizintechnologie', 'Unternehmen der Medizintechnologie@de', '', '1'),
        ('group:produzierende-industrie', 'Unternehmen der produzierenden Industrie@de', '', '1'),
        ('group:medizintechnik-produktentwicklung', 'Unternehmen mit Produktentwicklung in der Medizintechnik@de', 'group:unternehmen-der-medizintechnologie', '1'),
        ('group:social-economy', 'Zielgruppe Social Economy@de', '', '1'),
        ('group:oeffentlichkeit', 'Öffentlichkeit@de', '', '0'),
    ]),
    ('concepts-by-scheme', {'scheme': 'https://w3id.org/mannheim-kg/id/scheme/status', 'lang': 'en'}, [
        ('status:being-created', 'being created@en', 'status:ongoing', '0'),
        ('status:being-developed', 'being developed further@en', 'status:ongoing', '1'),
        ('status:in-setup', 'being set up@en', 'status:ongoing', '0'),
        ('status:in-implementation', 'developed, implementation started@en', 'status:ongoing', '1'),
        ('status:existing', 'existing@en', '', '1'),
        ('status:growing', 'growing@en', 'status:ongoing', '0'),
        ('status:ongoing', 'ongoing@en', '', '3'),
        ('status:planned', 'planned@en', '', '3'),
        ('status:recently-established', 'recently established@en', 'status:existing', '0'),
    ]),
    ('contacts', {}, [
        ('cluster:smart-industries', 'Cluster Smart Industries@de', 'people:sandra-link', 'Sandra Link', '<tel:+496212932938>', 'vcard:Voice', '(0621) 293 2938'),
        ('cluster:smart-industries', 'Cluster Smart Industries@de', 'people:stefan-bley', 'Stefan Bley', '<tel:+4915254527698>', 'vcard:Cell', '0152 5452 7698'),
        ('cluster:green-industry', 'Green Industry Cluster@de', 'people:anna-schmidt', 'Anna Schmidt', '<tel:+496212933358>', 'vcard:Voice', '(0621) 293 3358'),
        ('cluster:green-industry', 'Green Industry Cluster@de', 'people:torben-stieglitz', 'Torben Stieglitz', '<tel:+496212932157>', 'vcard:Voice', '(0621) 293 2157'),
        ('cluster:medical-technology', 'Mannheim Medical Technology Cluster@de', 'people:anna-gustedt', 'Anna Gustedt', '<tel:+496212939978>', 'vcard:Voice', '(0621) 293 9978'),
        ('cluster:medical-technology', 'Mannheim Medical Technology Cluster@de', 'people:katharina-fox', 'Katharina Fox', '<tel:+4915127698412>', 'vcard:Cell', '01512 769 8412'),
        ('cluster:social-economy', 'Social Economy Cluster@de', 'people:matthias-henel', 'Matthias Henel', '<tel:+491751947568>', 'vcard:Cell', '0175 194 7568'),
    ]),
    ('contacts', {'cluster': 'https://w3id.org/mannheim-kg/id/cluster/social-economy', 'lang': 'en'}, [
        ('cluster:social-economy', 'Social Economy Cluster@en', 'people:matthias-henel', 'Matthias Henel', '<tel:+491751947568>', 'vcard:Cell', '0175 194 7568'),
    ]),
    ('events', {}, [
        ('event:road-to-mannheim', 'Road to Mannheim Events@de', 'schema:EventSeries', '', 'schema:OnlineEventAttendanceMode', '', 'event:european-social-economy-summit', 'cluster:social-economy', 'insgesamt 4.300 internationale Teilnehmende@de', 'qualifier:total', '4300', '', '', '', '8', 'qualifier:total'),
        ('event:european-social-economy-summit', 'European Social Economy Summit@de', 'schema:Event', '2021-05^^xsd:gYearMonth', '', 'organisation:europaeische-kommission', '', 'cluster:social-economy', 'über 4.000 Teilnehmende@de', 'qualifier:more-than', '', '4000', '102', 'qualifier:exact', '', ''),
    ]),
    ('events', {'lang': 'en'}, [
        ('event:road-to-mannheim', 'Road to Mannheim events@en', 'schema:EventSeries', '', 'schema:OnlineEventAttendanceMode', '', 'event:european-social-economy-summit', 'cluster:social-economy', '4,300 international participants in total@en', 'qualifier:total', '4300', '', '', '', '8', 'qualifier:total'),
        ('event:european-social-economy-summit', 'European Social Economy Summit@en', 'schema:Event', '2021-05^^xsd:gYearMonth', '', 'organisation:europaeische-kommission', '', 'cluster:social-economy', 'more than 4,000 participants@en', 'qualifier:more-than', '', '4000', '102', 'qualifier:exact', '', ''),
    ]),
    ('figures', {}, [
        ('activity:auf-und-ausbau-der-cluster', 'mkg:periodBeforeSource', '2', '', 'Jahre@de', 'qualifier:exact', 'in den vergangenen zwei Jahren@de'),
        ('activity:umsetzung-wirtschaftspolitische-strategie', 'mkg:startedBeforeSource', '10', '', 'Jahre@de', 'qualifier:about', 'vor rund zehn Jahren@de'),
        ('field:green-tech', 'mkg:leadMarketCount', '7', '', 'Leitmärkte@de', 'qualifier:exact', 'sieben Green Tech-Leitmärkte@de'),
        ('event:european-social-economy-summit', 'mkg:participantCount', '', '4000', 'Teilnehmende@de', 'qualifier:more-than', 'über 4.000 Teilnehmende@de'),
        ('event:european-social-economy-summit', 'mkg:participantCountryCount', '102', '', 'Länder@de', 'qualifier:exact', 'aus 102 Ländern@de'),
        ('event:road-to-mannheim', 'mkg:eventCount', '8', '', 'Veranstaltungen@de', 'qualifier:total', 'insgesamt acht Veranstaltungen@de'),
        ('event:road-to-mannheim', 'mkg:participantCount', '4300', '', 'internationale Teilnehmende@de', 'qualifier:total', 'insgesamt 4.300 internationale Teilnehmende@de'),
        ('organisation:smart-production-ev', 'mkg:memberCount', '50', '', 'Netzwerkmitglieder@de', 'qualifier:about', 'rund 50 Netzwerkmitglieder@de'),
    ]),
    ('figures', {'qualifier': 'https://w3id.org/mannheim-kg/id/concept/quantity-qualifier/more-than', 'lang': 'en'}, [
        ('event:european-social-economy-summit', 'mkg:participantCount', '', '4000', 'participants@en', 'qualifier:more-than', 'more than 4,000 participants@en'),
    ]),
    ('graphs', {}, [
        ('graph:clusters', 'Die vier Cluster, ihre Clustermanagements, Marken, Angebote und Maßnahmen@de', 'access:PUBLIC', ''),
        ('graph:concepts', 'Begriffsschemata: Kompetenzfelder, Themen, Zielgruppen, Status und weitere@de', 'access:PUBLIC', ''),
        ('graph:contact-details', 'Kontaktdaten: Telefonnummern der Ansprechpersonen (personenbezogene Daten)@de', 'access:RESTRICTED', 'pd:Name'),
        ('graph:contact-details', 'Kontaktdaten: Telefonnummern der Ansprechpersonen (personenbezogene Daten)@de', 'access:RESTRICTED', 'pd:TelephoneNumber'),
        ('graph:events', 'Veranstaltungen@de', 'access:PUBLIC', ''),
        ('graph:mannheim-kg', 'Ontologie der Begriffe des Projekts@de', 'access:PUBLIC', ''),
        ('graph:networks', 'Netzwerke und Partner@de', 'access:PUBLIC', ''),
        ('graph:organisations', 'Stadt Mannheim, Wirtschaftsförderung, Gremien und Stellen@de', 'access:PUBLIC', 'pd:Job'),
        ('graph:passages', 'Textstellen der Quelle (Web Annotation) und welche Beschreibungen sie belegen@de', 'access:PUBLIC', 'pd:Name'),
        ('graph:people', 'Personen, ihre Stellen und Ansprechpersonen der Cluster (ohne Telefonnummern)@de', 'access:PUBLIC', 'pd:Name'),
        ('graph:places', 'Orte, Standorte und Adressen@de', 'access:PUBLIC', ''),
        ('graph:quotations', 'Zitate@de', 'access:PUBLIC', 'pd:Name'),
        ('graph:quotations', 'Zitate@de', 'access:PUBLIC', 'pd:Opinion'),
        ('graph:retired', 'Nicht mehr verwendete IRIs und ihre Nachfolger@de', 'access:PUBLIC', ''),
        ('graph:source', 'Quelle und Beschreibung der benannten Graphen@de', 'access:PUBLIC', ''),
        ('graph:strategy', 'Wirtschaftspolitische Strategie, Beschluss, Vorstellung und Aufbau der Cluster@de', 'access:PUBLIC', ''),
    ]),
    ('graphs', {'lang': 'en'}, [
        ('graph:clusters', 'The four clusters, their cluster managements, brands, offers and measures@en', 'access:PUBLIC', ''),
        ('graph:concepts', 'Concept schemes: competence fields, topics, target groups, states and more@en', 'access:PUBLIC', ''),
        ('graph:contact-details', 'Contact details: telephone numbers of the contact persons (personal data)@en', 'access:RESTRICTED', 'pd:Name'),
        ('graph:contact-details', 'Contact details: telephone numbers of the contact persons (personal data)@en', 'access:RESTRICTED', 'pd:TelephoneNumber'),
        ('graph:events', 'Events@en', 'access:PUBLIC', ''),
        ('graph:mannheim-kg', "Ontology of the project's terms@en", 'access:PUBLIC', ''),
        ('graph:networks', 'Networks and partners@en', 'access:PUBLIC', ''),
        ('graph:organisations', 'City of Mannheim, economic development office, bodies and posts@en', 'access:PUBLIC', 'pd:Job'),
        ('graph:passages', 'Passages of the source (Web Annotation) and which descriptions they support@en', 'access:PUBLIC', 'pd:Name'),
        ('graph:people', "Persons, their posts and the clusters' contact persons (without phone numbers)@en", 'access:PUBLIC', 'pd:Name'),
        ('graph:places', 'Places, sites and addresses@en', 'access:PUBLIC', ''),
        ('graph:quotations', 'Quotations@en', 'access:PUBLIC', 'pd:Name'),
        ('graph:quotations', 'Quotations@en', 'access:PUBLIC', 'pd:Opinion'),
        ('graph:retired', 'Retired IRIs and their successors@en', 'access:PUBLIC', ''),
        ('graph:source', 'Source and description of the named graphs@en', 'access:PUBLIC', ''),
        ('graph:strategy', 'Economic policy strategy, decision, presentation and build-up of the clusters@en', 'access:PUBLIC', ''),
    ]),
    ('label-search', {'text': 'smart', 'lang': 'en'}, [
        ('unit:clustermanagement-smart-industries', 'Cluster management of the Cluster Smart Industries@en', 'rdfs:label'),
        ('cluster:smart-industries', 'Cluster Smart Industries@en', 'rdfs:label'),
        ('measure:ausbau-smart-production-ev', 'Expansion of Smart Production e.V.@en', 'rdfs:label'),
        ('field:smart-industries', 'Smart Industries@en', 'skos:prefLabel'),
        ('organisation:smart-production-ev', 'Smart Production e.V.@en', 'rdfs:label'),
        ('organisation:smart-production-ev', 'Smart Production e.V. network@en', 'skos:altLabel'),
    ]),
    ('label-search', {'text': 'JUNGBUSCH'}, [
        ('address:innovationszentrum-green-tech', 'Hafenstraße, Mannheim-Jungbusch@de', 'rdfs:label'),
        ('address:innovationszentrum-green-tech', 'Hafenstraße, Mannheim-Jungbusch@en', 'rdfs:label'),
        ('place:jungbusch', 'Jungbusch@de', 'rdfs:label'),
        ('place:jungbusch', 'Jungbusch@en', 'rdfs:label'),
        ('place:jungbusch', 'Mannheimer Jungbusch@de', 'skos:altLabel'),
    ]),
    ('offers-and-measures', {}, [
        ('cluster:green-industry', 'mkg:Measure', 'measure:aufbau-netzwerk-green-industry', 'Aufbau eines Netzwerkes aus Unternehmen, Startups, Hochschulen und Forschungseinrichtungen@de', 'status:ongoing', 'läuft@de', '', 'cluster:green-industry'),
        ('cluster:green-industry', 'mkg:Measure', 'measure:gruendung-green-industry-cluster-ev', 'Gründung eines Green Industry Cluster e.V.@de', 'status:planned', 'geplant@de', '', 'cluster:green-industry'),
        ('cluster:medical-technology', 'mkg:SupportOffer', 'offer:real-labore-testoption', 'Test und Erprobung von Produkten in Real-Laboren im klinischen Kontext@de', 'status:existing', 'besteht@de', '', ''),
        ('cluster:smart-industries', 'mkg:Measure', 'measure:ausbau-smart-production-ev', 'Ausbau des Smart Production e.V.@de', 'status:planned', 'geplant@de', '', ''),
        ('cluster:smart-industries', 'mkg:Measure', 'measure:erweiterung-digitalisierungsangebot', 'Ausweitung der Aktivitäten: erweitertes Unterstützungsangebot zur Digitalisierung für Unternehmen aller Branchen@de', 'status:planned', 'geplant@de', '', 'unit:wirtschaftsfoerderung'),
        ('cluster:smart-industries', 'mkg:Measure', 'measure:weiterentwicklung-zum-cluster-smart-industries', 'Weiterentwicklung des Unterstützungsangebots zu einem Cluster@de', 'status:ongoing', 'läuft@de', '', ''),
        ('cluster:smart-industries', 'mkg:SupportOffer', 'offer:digitalisierung-aller-branchen', 'Erweitertes Unterstützungsangebot zur Digitalisierung für Unternehmen aller Branchen@de', 'status:planned', 'geplant@de', '', 'unit:wirtschaftsfoerderung'),
        ('cluster:smart-industries', 'mkg:SupportOffer', 'offer:smart-production-industrie-4-0', 'Regionales Unterstützungsangebot zur Digitalisierung in der Produktion (Industrie 4.0)@de', 'status:being-developed', 'wird weiterentwickelt@de', '2016^^xsd:gYear', 'organisation:rhein-neckar-kreis'),
        ('cluster:smart-industries', 'mkg:SupportOffer', 'offer:smart-production-industrie-4-0', 'Regionales Unterstützungsangebot zur Digitalisierung in der Produktion (Industrie 4.0)@de', 'status:being-developed', 'wird weiterentwickelt@de', '2016^^xsd:gYear', 'unit:wirtschaftsfoerderung'),
        ('cluster:social-economy', 'mkg:Measure', 'measure:erschliessung-foerderprogramme', 'Erschließung von Förderprogrammen für den Standort@de', 'status:planned', 'geplant@de', '', ''),
        ('cluster:social-economy', 'mkg:Measure', 'measure:vernetzung-social-economy', 'Vernetzung und Ansprache von Akteuren aus dem Bereich Social Economy@de', 'status:ongoing', 'läuft@de', '2018^^xsd:gYear', 'unit:wirtschaftsfoerderung'),
        ('cluster:social-economy', 'mkg:SupportOffer', 'offer:social-economy', 'Unterstützungsangebote für die Zielgruppe Social Economy@de', 'status:in-implementation', 'entwickelt, Umsetzung begonnen@de', '', ''),
    ]),
    ('offers-and-measures', {'cluster': 'https://w3id.org/mannheim-kg/id/cluster/medical-technology', 'lang': 'en'}, [
        ('cluster:medical-technology', 'mkg:SupportOffer', 'offer:real-labore-testoption', 'Testing and trialling products in real-world laboratories in a clinical context@en', 'status:existing', 'existing@en', '', ''),
    ]),
    ('organisations-by-cluster', {}, [
        ('cluster:green-industry', 'unit:wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '', 'org:subOrganizationOf', 'unit:clustermanagement-green-industry'),
        ('cluster:green-industry', 'organisation:green-industry-cluster-ev', 'Green Industry Cluster e.V.@de', 'geplant@de', 'schema:result', 'measure:gruendung-green-industry-cluster-ev'),
        ('cluster:green-industry', 'organisation:regioclusteragentur-baden-wuerttemberg', 'RegioClusterAgentur Baden-Württemberg@de', '', 'prov:wasAssociatedWith', 'activity:analyse-unternehmensbesatz'),
        ('cluster:green-industry', 'organisation:stadt-mannheim', 'Stadt Mannheim@de', '', 'mkg:initiatedBy', ''),
        ('cluster:medical-technology', 'unit:wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '', 'org:subOrganizationOf', 'unit:clustermanagement-medical-technology'),
        ('cluster:medical-technology', 'organisation:stadt-mannheim', 'Stadt Mannheim@de', '', 'mkg:initiatedBy', ''),
        ('cluster:medical-technology', 'organisation:tpma', 'TPMA@de', '', 'org:siteOf', 'place:tpma-gebaeude'),
        ('cluster:smart-industries', 'unit:wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '', 'org:subOrganizationOf', 'unit:clustermanagement-smart-industries'),
        ('cluster:smart-industries', 'unit:wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '', 'schema:agent', 'measure:erweiterung-digitalisierungsangebot'),
        ('cluster:smart-industries', 'unit:wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '', 'schema:provider', 'offer:digitalisierung-aller-branchen'),
        ('cluster:smart-industries', 'unit:wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '', 'schema:provider', 'offer:smart-production-industrie-4-0'),
        ('cluster:smart-industries', 'organisation:rhein-neckar-kreis', 'Rhein-Neckar-Kreis@de', '', 'schema:provider', 'offer:smart-production-industrie-4-0'),
        ('cluster:smart-industries', 'organisation:rhein-neckar-kreis', 'Rhein-Neckar-Kreis@de', '', 'mkg:partner', ''),
        ('cluster:smart-industries', 'organisation:smart-production-ev', 'Smart Production e.V.@de', 'besteht@de', 'schema:object', 'measure:ausbau-smart-production-ev'),
        ('cluster:smart-industries', 'organisation:smart-production-ev', 'Smart Production e.V.@de', 'besteht@de', 'mkg:deliveredThrough', 'offer:smart-production-industrie-4-0'),
        ('cluster:smart-industries', 'organisation:smart-production-ev', 'Smart Production e.V.@de', 'besteht@de', 'mkg:partner', ''),
        ('cluster:smart-industries', 'organisation:stadt-mannheim', 'Stadt Mannheim@de', '', 'mkg:initiatedBy', ''),
        ('cluster:social-economy', 'organisation:europaeische-kommission', 'Europäische Kommission@de', '', 'mkg:coOrganizer', 'event:european-social-economy-summit'),
        ('cluster:social-economy', 'organisation:europaeische-kommission', 'Europäische Kommission@de', '', 'mkg:partner', ''),
        ('cluster:social-economy', 'unit:wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '', 'org:subOrganizationOf', 'unit:clustermanagement-social-economy'),
        ('cluster:social-economy', 'unit:wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '', 'schema:agent', 'measure:vernetzung-social-economy'),
        ('cluster:social-economy', 'organisation:stadt-mannheim', 'Stadt Mannheim@de', '', 'mkg:initiatedBy', ''),
    ]),
    ('organisations-by-cluster', {'cluster': 'https://w3id.org/mannheim-kg/id/cluster/smart-industries', 'lang': 'en'}, [
        ('cluster:smart-industries', 'organisation:stadt-mannheim', 'City of Mannheim@en', '', 'mkg:initiatedBy', ''),
        ('cluster:smart-industries', 'unit:wirtschaftsfoerderung', 'Department of Economic and Structural Development@en', '', 'org:subOrganizationOf', 'unit:clustermanagement-smart-industries'),
        ('cluster:smart-industries', 'unit:wirtschaftsfoerderung', 'Department of Economic and Structural Development@en', '', 'schema:agent', 'measure:erweiterung-digitalisierungsangebot'),
        ('cluster:smart-industries', 'unit:wirtschaftsfoerderung', 'Department of Economic and Structural Development@en', '', 'schema:provider', 'offer:digitalisierung-aller-branchen'),
        ('cluster:smart-industries', 'unit:wirtschaftsfoerderung', 'Department of Economic and Structural Development@en', '', 'schema:provider', 'offer:smart-production-industrie-4-0'),
        ('cluster:smart-industries', 'organisation:rhein-neckar-kreis', 'Rhein-Neckar-Kreis@en', '', 'schema:provider', 'offer:smart-production-industrie-4-0'),
        ('cluster:smart-industries', 'organisation:rhein-neckar-kreis', 'Rhein-Neckar-Kreis@en', '', 'mkg:partner', ''),
        ('cluster:smart-industries', 'organisation:smart-production-ev', 'Smart Production e.V.@en', 'existing@en', 'schema:object', 'measure:ausbau-smart-production-ev'),
        ('cluster:smart-industries', 'organisation:smart-production-ev', 'Smart Production e.V.@en', 'existing@en', 'mkg:deliveredThrough', 'offer:smart-production-industrie-4-0'),
        ('cluster:smart-industries', 'organisation:smart-production-ev', 'Smart Production e.V.@en', 'existing@en', 'mkg:partner', ''),
    ]),
    ('organisations-multi-cluster', {}, [
        ('unit:wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '4', 'cluster:green-industry', '1'),
        ('unit:wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '4', 'cluster:medical-technology', '1'),
        ('unit:wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '4', 'cluster:smart-industries', '4'),
        ('unit:wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '4', 'cluster:social-economy', '2'),
        ('organisation:stadt-mannheim', 'Stadt Mannheim@de', '4', 'cluster:green-industry', '1'),
        ('organisation:stadt-mannheim', 'Stadt Mannheim@de', '4', 'cluster:medical-technology', '1'),
        ('organisation:stadt-mannheim', 'Stadt Mannheim@de', '4', 'cluster:smart-industries', '1'),
        ('organisation:stadt-mannheim', 'Stadt Mannheim@de', '4', 'cluster:social-economy', '1'),
    ]),
    ('organisations-multi-cluster', {'minClusters': '1', 'lang': 'en'}, [
        ('organisation:stadt-mannheim', 'City of Mannheim@en', '4', 'cluster:green-industry', '1'),
        ('organisation:stadt-mannheim', 'City of Mannheim@en', '4', 'cluster:medical-technology', '1'),
        ('organisation:stadt-mannheim', 'City of Mannheim@en', '4', 'cluster:smart-industries', '1'),
        ('organisation:stadt-mannheim', 'City of Mannheim@en', '4', 'cluster:social-economy', '1'),
        ('unit:wirtschaftsfoerderung', 'Department of Economic and Structural Development@en', '4', 'cluster:green-industry', '1'),
        ('unit:wirtschaftsfoerderung', 'Department of Economic and Structural Development@en', '4', 'cluster:medical-technology', '1'),
        ('unit:wirtschaftsfoerderung', 'Department of Economic and Structural Development@en', '4', 'cluster:smart-industries', '4'),
        ('unit:wirtschaftsfoerderung', 'Department of Economic and Structural Development@en', '4', 'cluster:social-economy', '2'),
        ('organisation:europaeische-kommission', 'European Commission@en', '1', 'cluster:social-economy', '1'),
        ('organisation:green-industry-cluster-ev', 'Green Industry Cluster e.V.@en', '1', 'cluster:green-industry', '1'),
        ('organisation:regioclusteragentur-baden-wuerttemberg', 'RegioClusterAgentur Baden-Württemberg@en', '1', 'cluster:green-industry', '1'),
        ('organisation:rhein-neckar-kreis', 'Rhein-Neckar-Kreis@en', '1', 'cluster:smart-industries', '1'),
        ('organisation:smart-production-ev', 'Smart Production e.V.@en', '1', 'cluster:smart-industries', '2'),
        ('organisation:tpma', 'TPMA@en', '1', 'cluster:medical-technology', '1'),
    ]),
    ('planned', {}, [
        ('planned', 'measure:cross-cluster-projekte', 'Cross-Cluster-Projekte im Clustermanagement@de', 'status:planned', 'geplant@de', '', ''),
        ('planned', 'organisation:green-industry-cluster-ev', 'Green Industry Cluster e.V.@de', 'status:planned', 'geplant@de', '', 'cluster:green-industry'),
        ('planned', 'measure:gruendung-green-industry-cluster-ev', 'Gründung eines Green Industry Cluster e.V.@de', 'status:planned', 'geplant@de', '', 'cluster:green-industry'),
        ('planned', 'measure:ausbau-smart-production-ev', 'Ausbau des Smart Production e.V.@de', 'status:planned', 'geplant@de', '', 'cluster:smart-industries'),
        ('planned', 'measure:erweiterung-digitalisierungsangebot', 'Ausweitung der Aktivitäten: erweitertes Unterstützungsangebot zur Digitalisierung für Unternehmen aller Branchen@de', 'status:planned', 'geplant@de', '', 'cluster:smart-industries'),
        ('planned', 'offer:digitalisierung-aller-branchen', 'Erweitertes Unterstützungsangebot zur Digitalisierung für Unternehmen aller Branchen@de', 'status:planned', 'geplant@de', '', 'cluster:smart-industries'),
        ('planned', 'measure:erschliessung-foerderprogramme', 'Erschließung von Förderprogrammen für den Standort@de', 'status:planned', 'geplant@de', '', 'cluster:social-economy'),
        ('underway', 'measure:aufbau-netzwerk-green-industry', 'Aufbau eines Netzwerkes aus Unternehmen, Startups, Hochschulen und Forschungseinrichtungen@de', 'status:ongoing', 'läuft@de', '', 'cluster:green-industry'),
        ('underway', 'unit:clustermanagement-green-industry', 'Clustermanagement Green Industry Cluster@de', 'status:in-setup', 'im Aufbau@de', '', 'cluster:green-industry'),
        ('underway', 'place:innovationszentrum-green-tech', 'Innovationszentrum Green Tech@de', 'status:being-created', 'entsteht@de', '2025^^xsd:gYear', 'cluster:green-industry'),
        ('underway', 'place:real-labore', 'Real-Labore im klinischen Kontext@de', 'status:growing', 'wachsend@de', '', 'cluster:medical-technology'),
        ('underway', 'cluster:smart-industries', 'Cluster Smart Industries@de', 'status:being-developed', 'wird weiterentwickelt@de', '', 'cluster:smart-industries'),
        ('underway', 'unit:clustermanagement-smart-industries', 'Clustermanagement Cluster Smart Industries@de', 'status:in-setup', 'im Aufbau@de', '', 'cluster:smart-industries'),
        ('underway', 'offer:smart-production-industrie-4-0', 'Regionales Unterstützungsangebot zur Digitalisierung in der Produktion (Industrie 4.0)@de', 'status:being-developed', 'wird weiterentwickelt@de', '', 'cluster:smart-industries'),
        ('underway', 'measure:weiterentwicklung-zum-cluster-smart-industries', 'Weiterentwicklung des Unterstützungsangebots zu einem Cluster@de', 'status:ongoing', 'läuft@de', '', 'cluster:smart-industries'),
        ('underway', 'offer:social-economy', 'Unterstützungsangebote für die Zielgruppe Social Economy@de', 'status:in-implementation', 'entwickelt, Umsetzung begonnen@de', '', 'cluster:social-economy'),
        ('underway', 'measure:vernetzung-social-economy', 'Vernetzung und Ansprache von Akteuren aus dem Bereich Social Economy@de', 'status:ongoing', 'läuft@de', '', 'cluster:social-economy'),
    ]),
    ('planned', {'stage': 'planned', 'lang': 'en'}, [
        ('planned', 'measure:cross-cluster-projekte', 'Cross-cluster projects in cluster management@en', 'status:planned', 'planned@en', '', ''),
        ('planned', 'measure:gruendung-green-industry-cluster-ev', 'Founding of a Green Industry Cluster e.V.@en', 'status:planned', 'planned@en', '', 'cluster:green-industry'),
        ('planned', 'organisation:green-industry-cluster-ev', 'Green Industry Cluster e.V.@en', 'status:planned', 'planned@en', '', 'cluster:green-industry'),
        ('planned', 'measure:ausbau-smart-production-ev', 'Expansion of Smart Production e.V.@en', 'status:planned', 'planned@en', '', 'cluster:smart-industries'),
        ('planned', 'offer:digitalisierung-aller-branchen', 'Extended digitalisation support offer for companies of all sectors@en', 'status:planned', 'planned@en', '', 'cluster:smart-industries'),
        ('planned', 'measure:erweiterung-digitalisierungsangebot', 'Extension of activities: extended digitalisation support offer for companies of all sectors@en', 'status:planned', 'planned@en', '', 'cluster:smart-industries'),
        ('planned', 'measure:erschliessung-foerderprogramme', 'Tapping funding programmes for the location@en', 'status:planned', 'planned@en', '', 'cluster:social-economy'),
    ]),
    ('provenance', {'resource': 'https://w3id.org/mannheim-kg/id/person/katharina-fox'}, [
        ('graph:contact-details', 'access:RESTRICTED', 'pd:Name', '', '', 'doc:pressemitteilung-kompetenzfelder', 'Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de', 'organisation:stadt-mannheim', 'Quelle: Stadt Mannheim'),
        ('graph:contact-details', 'access:RESTRICTED', 'pd:TelephoneNumber', '', '', 'doc:pressemitteilung-kompetenzfelder', 'Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de', 'organisation:stadt-mannheim', 'Quelle: Stadt Mannheim'),
        ('graph:passages', 'access:PUBLIC', 'pd:Name', 'passage:s22', 'Katharina Fox', 'doc:pressemitteilung-kompetenzfelder', 'Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de', 'organisation:stadt-mannheim', 'Quelle: Stadt Mannheim'),
        ('graph:people', 'access:PUBLIC', 'pd:Name', '', '', 'doc:pressemitteilung-kompetenzfelder', 'Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de', 'organisation:stadt-mannheim', 'Quelle: Stadt Mannheim'),
    ]),
    ('provenance', {'resource': 'https://w3id.org/mannheim-kg/id/cluster/social-economy'}, [
        ('graph:clusters', 'access:PUBLIC', '', '', '', 'doc:pressemitteilung-kompetenzfelder', 'Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de', 'organisation:stadt-mannheim', 'Quelle: Stadt Mannheim'),
        ('graph:passages', 'access:PUBLIC', 'pd:Name', 'passage:s06', 'Mit gleich vier kommunal initiierten und getriebenen Clustern übernehmen wir deutschlandweit eine Vorreiterrolle“, betont Wirtschaftsbürgermeister Michael Grötsch.', 'doc:pressemitteilung-kompetenzfelder', 'Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de', 'organisation:stadt-mannheim', 'Quelle: Stadt Mannheim'),
        ('graph:passages', 'access:PUBLIC', 'pd:Name', 'passage:s12', '– Social Economy Cluster', 'doc:pressemitteilung-kompetenzfelder', 'Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de', 'organisation:stadt-mannheim', 'Quelle: Stadt Mannheim'),
        ('graph:passages', 'access:PUBLIC', 'pd:Name', 'passage:s24', 'Um soziale Innovationen und soziales Unternehmertum in Mannheim weiter zu etablieren und zur Entwicklung der Stadt zu nutzen, setzt die Wirtschaftsförderung verstärkt auf den Bereich Social Economy.', 'doc:pressemitteilung-kompetenzfelder', 'Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de', 'organisation:stadt-mannheim', 'Quelle: Stadt Mannheim'),
        ('graph:passages', 'access:PUBLIC', 'pd:Name', 'passage:s25', 'Im Fokus stehen Unternehmen, die gesellschaftliche Ziele adressieren und mit marktwirtschaftlichem Handeln umsetzen.', 'doc:pressemitteilung-kompetenzfelder', 'Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de', 'organisation:stadt-mannheim', 'Quelle: Stadt Mannheim'),
        ('graph:passages', 'access:PUBLIC', 'pd:Name', 'passage:s26', 'Seit 2018 arbeitet der Fachbereich aktiv an der Vernetzung und Ansprache von Akteuren aus diesem Bereich.', 'doc:pressemitteilung-kompetenzfelder', 'Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de', 'organisation:stadt-mannheim', 'Quelle: Stadt Mannheim'),
        ('graph:passages', 'access:PUBLIC', 'pd:Name', 'passage:s28', 'Bis dato wurden bereits einige Meilensteine erfolgreich zurückgelegt.', 'doc:pressemitteilung-kompetenzfelder', 'Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de', 'organisation:stadt-mannheim', 'Quelle: Stadt Mannheim'),
        ('graph:passages', 'access:PUBLIC', 'pd:Name', 'passage:s29', 'Insgesamt acht digitale Road to Mannheim Events mit insgesamt 4.300 internationalen Teilnehmenden wurden in Vorbereitung für den gemeinsam mit der EU-Kommission veranstalteten European Social Economy Summit im Mai 2021 organisiert.', 'doc:pressemitteilung-kompetenzfelder', 'Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de', 'organisation:stadt-mannheim', 'Quelle: Stadt Mannheim'),
        ('graph:passages', 'access:PUBLIC', 'pd:Name', 'passage:s34', 'Matthias Henel', 'doc:pressemitteilung-kompetenzfelder', 'Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de', 'organisation:stadt-mannheim', 'Quelle: Stadt Mannheim'),
        ('graph:people', 'access:PUBLIC', 'pd:Name', '', '', 'doc:pressemitteilung-kompetenzfelder', 'Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de', 'organisation:stadt-mannheim', 'Quelle: Stadt Mannheim'),
    ]),
    ('provenance', {'resource': 'https://w3id.org/mannheim-kg/id/person/katharina-fox', 'lang': 'en'}, [
        ('graph:contact-details', 'access:RESTRICTED', 'pd:Name', '', '', 'doc:pressemitteilung-kompetenzfelder', 'Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de', 'organisation:stadt-mannheim', 'Quelle: Stadt Mannheim'),
        ('graph:contact-details', 'access:RESTRICTED', 'pd:TelephoneNumber', '', '', 'doc:pressemitteilung-kompetenzfelder', 'Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de', 'organisation:stadt-mannheim', 'Quelle: Stadt Mannheim'),
        ('graph:passages', 'access:PUBLIC', 'pd:Name', 'passage:s22', 'Katharina Fox', 'doc:pressemitteilung-kompetenzfelder', 'Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de', 'organisation:stadt-mannheim', 'Quelle: Stadt Mannheim'),
        ('graph:people', 'access:PUBLIC', 'pd:Name', '', '', 'doc:pressemitteilung-kompetenzfelder', 'Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de', 'organisation:stadt-mannheim', 'Quelle: Stadt Mannheim'),
    ]),
    ('quotations', {}, [
        ('quotation:christiane-ram-matrixorganisation', 'people:christiane-ram', 'Christiane Ram', 'Leitung der Wirtschaftsförderung@de', 'Die für die Wirtschaftsförderung gewählte Organisationsform als Matrix hat sich als flexibel und kundenorientiert bewährt. Im Clustermanagement wollen wir die Vorteile der Matrixorganisation weiter nutzen und durch Cross-Cluster-Projekte Innovationen beschleunigen@de', 'doc:pressemitteilung-kompetenzfelder'),
        ('quotation:michael-groetsch-kompetenzfelder', 'people:michael-groetsch', 'Michael Grötsch', 'Wirtschaftsbürgermeister@de', 'Neben dem Fokus auf die Basis, hat sich der Ansatz einer kompetenzfeldorientierten Firmenbetreuung als richtig und erfolgreich erwiesen. Mit gleich vier kommunal initiierten und getriebenen Clustern übernehmen wir deutschlandweit eine Vorreiterrolle@de', 'doc:pressemitteilung-kompetenzfelder'),
    ]),
    ('quotations', {'speaker': 'https://w3id.org/mannheim-kg/id/person/christiane-ram', 'lang': 'en'}, [
        ('quotation:christiane-ram-matrixorganisation', 'people:christiane-ram', 'Christiane Ram', 'Head of the Economic Development Office@en', 'Die für die Wirtschaftsförderung gewählte Organisationsform als Matrix hat sich als flexibel und kundenorientiert bewährt. Im Clustermanagement wollen wir die Vorteile der Matrixorganisation weiter nutzen und durch Cross-Cluster-Projekte Innovationen beschleunigen@de', 'doc:pressemitteilung-kompetenzfelder'),
    ]),
    ('shared-concepts', {}, [
        ('actor:start-ups', 'Start-ups@de', 'scheme:actor-type', '3', 'cluster:green-industry', 'measure:aufbau-netzwerk-green-industry', 'mkg:actorType', 'actor:start-ups'),
        ('actor:start-ups', 'Start-ups@de', 'scheme:actor-type', '3', 'cluster:medical-technology', 'place:mannheim-medical-technology-campus', 'mkg:actorType', 'actor:start-ups'),
        ('actor:start-ups', 'Start-ups@de', 'scheme:actor-type', '3', 'cluster:smart-industries', 'organisation:smart-production-ev', 'mkg:actorType', 'actor:start-ups'),
        ('actor:forschungseinrichtungen', 'Forschungseinrichtungen@de', 'scheme:actor-type', '2', 'cluster:green-industry', 'measure:aufbau-netzwerk-green-industry', 'mkg:actorType', 'actor:forschungseinrichtungen'),
        ('actor:forschungseinrichtungen', 'Forschungseinrichtungen@de', 'scheme:actor-type', '2', 'cluster:medical-technology', 'place:mannheim-medical-technology-campus', 'mkg:actorType', 'actor:forschungseinrichtungen'),
        ('actor:hochschulen', 'Hochschulen@de', 'scheme:actor-type', '2', 'cluster:green-industry', 'measure:aufbau-netzwerk-green-industry', 'mkg:actorType', 'actor:hochschulen'),
        ('actor:hochschulen', 'Hochschulen@de', 'scheme:actor-type', '2', 'cluster:smart-industries', 'organisation:smart-production-ev', 'mkg:actorType', 'actor:hochschulen'),
        ('actor:unternehmen', 'Unternehmen@de', 'scheme:actor-type', '2', 'cluster:green-industry', 'measure:aufbau-netzwerk-green-industry', 'mkg:actorType', 'actor:unternehmen'),
        ('actor:unternehmen', 'Unternehmen@de', 'scheme:actor-type', '2', 'cluster:medical-technology', 'place:mannheim-medical-technology-campus', 'mkg:actorType', 'actor:unternehmen'),
    ]),
    ('shared-concepts', {'broader': 'true', 'minClusters': '3', 'lang': 'en'}, [
        ('actor:unternehmen', 'Companies@en', 'scheme:actor-type', '3', 'cluster:green-industry', 'measure:aufbau-netzwerk-green-industry', 'mkg:actorType', 'actor:unternehmen'),
        ('actor:unternehmen', 'Companies@en', 'scheme:actor-type', '3', 'cluster:medical-technology', 'place:mannheim-medical-technology-campus', 'mkg:actorType', 'actor:unternehmen'),
        ('actor:unternehmen', 'Companies@en', 'scheme:actor-type', '3', 'cluster:smart-industries', 'organisation:smart-production-ev', 'mkg:actorType', 'actor:kmu'),
        ('actor:unternehmen', 'Companies@en', 'scheme:actor-type', '3', 'cluster:smart-industries', 'organisation:smart-production-ev', 'mkg:actorType', 'actor:weltmarktfuehrer'),
        ('actor:start-ups', 'Start-ups@en', 'scheme:actor-type', '3', 'cluster:green-industry', 'measure:aufbau-netzwerk-green-industry', 'mkg:actorType', 'actor:start-ups'),
        ('actor:start-ups', 'Start-ups@en', 'scheme:actor-type', '3', 'cluster:medical-technology', 'place:mannheim-medical-technology-campus', 'mkg:actorType', 'actor:start-ups'),
        ('actor:start-ups', 'Start-ups@en', 'scheme:actor-type', '3', 'cluster:smart-industries', 'organisation:smart-production-ev', 'mkg:actorType', 'actor:start-ups'),
    ]),
    ('sites-per-cluster', {}, [
        ('cluster:green-industry', 'place:innovationszentrum-green-tech', 'Innovationszentrum Green Tech@de', 'Innovationszentrum@de', 'entsteht@de', '2025^^xsd:gYear', 'place:jungbusch', 'mkg:infrastructure'),
        ('cluster:medical-technology', 'place:cubex-41', 'CUBEX 41@de', 'Gründungs- und Kompetenzzentrum@de', '', '', '', 'mkg:infrastructure'),
        ('cluster:medical-technology', 'place:cubex-one', 'CUBEX ONE@de', 'Business Development Center@de', '', '', '', 'mkg:infrastructure'),
        ('cluster:medical-technology', 'place:tpma-gebaeude', 'Gebäude der TPMA@de', 'Gebäude@de', '', '', '', 'mkg:infrastructure'),
        ('cluster:medical-technology', 'place:mannheim-medical-technology-campus', 'Mannheim Medical Technology Campus@de', 'Campus@de', '', '', 'place:mannheim', 'mkg:focalSite'),
        ('cluster:medical-technology', 'place:real-labore', 'Real-Labore im klinischen Kontext@de', 'Real-Labor@de', 'wachsend@de', '', 'place:mannheim', 'mkg:infrastructure'),
    ]),
    ('sites-per-cluster', {'cluster': 'https://w3id.org/mannheim-kg/id/cluster/green-industry', 'lang': 'en'}, [
        ('cluster:green-industry', 'place:innovationszentrum-green-tech', 'Green Tech Innovation Centre@en', 'Innovation centre@en', 'being created@en', '2025^^xsd:gYear', 'place:jungbusch', 'mkg:infrastructure'),
    ]),
    ('strategy', {}, [
        ('strategy:wirtschaftspolitische-strategie', 'out', 'rdfs:label', '', 'Wirtschaftspolitische Strategie@de', ''),
        ('strategy:wirtschaftspolitische-strategie', 'out', 'prov:wasAttributedTo', 'organisation:stadt-mannheim', 'Stadt Mannheim@de', ''),
        ('strategy:wirtschaftspolitische-strategie', 'out', 'mkg:approachElement', 'approach:fokus-auf-die-basis', 'Fokus auf die Basis@de', ''),
        ('strategy:wirtschaftspolitische-strategie', 'out', 'mkg:approachElement', 'approach:kompetenzfeldorientierte-firmenbetreuung', 'kompetenzfeldorientierte Firmenbetreuung@de', ''),
        ('strategy:wirtschaftspolitische-strategie', 'out', 'mkg:coreConcern', '', 'Unterstützung und Entwicklung der Unternehmen am Standort@de', ''),
        ('strategy:wirtschaftspolitische-strategie', 'out', 'mkg:formerName', '', 'Neue Wirtschaftspolitische Strategie@de', ''),
        ('strategy:wirtschaftspolitische-strategie', 'out', 'mkg:status', 'status:existing', 'besteht@de', ''),
        ('strategy:wirtschaftspolitische-strategie', 'in', 'prov:used', 'activity:beschluss-fortschreibung-2021-03', 'Beschluss des Gemeinderats zur Fortschreibung der Wirtschaftspolitischen Strategie@de', '2021-03^^xsd:gYearMonth'),
        ('strategy:wirtschaftspolitische-strategie', 'in', 'prov:used', 'activity:umsetzung-wirtschaftspolitische-strategie', 'Umsetzung der Neuen Wirtschaftspolitischen Strategie@de', ''),
    ]),
    ('strategy', {'lang': 'en'}, [
        ('strategy:wirtschaftspolitische-strategie', 'out', 'rdfs:label', '', 'Economic Policy Strategy@en', ''),
        ('strategy:wirtschaftspolitische-strategie', 'out', 'prov:wasAttributedTo', 'organisation:stadt-mannheim', 'City of Mannheim@en', ''),
        ('strategy:wirtschaftspolitische-strategie', 'out', 'mkg:approachElement', 'approach:fokus-auf-die-basis', 'Focus on the basics@en', ''),
        ('strategy:wirtschaftspolitische-strategie', 'out', 'mkg:approachElement', 'approach:kompetenzfeldorientierte-firmenbetreuung', 'competence-field-oriented company support@en', ''),
        ('strategy:wirtschaftspolitische-strategie', 'out', 'mkg:coreConcern', '', 'Support and development of the companies at the location@en', ''),
        ('strategy:wirtschaftspolitische-strategie', 'out', 'mkg:formerName', '', 'New Economic Policy Strategy@en', ''),
        ('strategy:wirtschaftspolitische-strategie', 'out', 'mkg:status', 'status:existing', 'existing@en', ''),
        ('strategy:wirtschaftspolitische-strategie', 'in', 'prov:used', 'activity:beschluss-fortschreibung-2021-03', 'Decision of the Municipal Council on the continuation of the Economic Policy Strategy@en', '2021-03^^xsd:gYearMonth'),
        ('strategy:wirtschaftspolitische-strategie', 'in', 'prov:used', 'activity:umsetzung-wirtschaftspolitische-strategie', 'Implementation of the New Economic Policy Strategy@en', ''),
    ]),
    ('timeline', {}, [
        ('2011^^xsd:gYear', 'xsd:gYear', '', 'schema:startDate', 'unit:clustermanagement-medical-technology', 'Clustermanagement Mannheim Medical Technology Cluster@de', 'cluster:medical-technology'),
        ('2016^^xsd:gYear', 'xsd:gYear', '', 'schema:startDate', 'offer:smart-production-industrie-4-0', 'Regionales Unterstützungsangebot zur Digitalisierung in der Produktion (Industrie 4.0)@de', 'cluster:smart-industries'),
        ('2016^^xsd:gYear', 'xsd:gYear', '', 'schema:startDate', 'organisation:smart-production-ev', 'Smart Production e.V.@de', 'cluster:smart-industries'),
        ('2018^^xsd:gYear', 'xsd:gYear', '', 'schema:startDate', 'measure:vernetzung-social-economy', 'Vernetzung und Ansprache von Akteuren aus dem Bereich Social Economy@de', 'cluster:social-economy'),
        ('2021-03^^xsd:gYearMonth', 'xsd:gYearMonth', '', 'schema:startDate', 'activity:beschluss-fortschreibung-2021-03', 'Beschluss des Gemeinderats zur Fortschreibung der Wirtschaftspolitischen Strategie@de', ''),
        ('2021-05^^xsd:gYearMonth', 'xsd:gYearMonth', '', 'schema:startDate', 'event:european-social-economy-summit', 'European Social Economy Summit@de', 'cluster:social-economy'),
        ('2022-21^^<http://id.loc.gov/datatypes/edtf/EDTF>', '<http://id.loc.gov/datatypes/edtf/EDTF>', '', 'schema:startDate', 'unit:clustermanagement-green-industry', 'Clustermanagement Green Industry Cluster@de', 'cluster:green-industry'),
        ('2025^^xsd:gYear', 'xsd:gYear', '', 'mkg:plannedCompletion', 'place:innovationszentrum-green-tech', 'Innovationszentrum Green Tech@de', 'cluster:green-industry'),
        ('', '', 'vor rund zehn Jahren@de', 'mkg:startedBeforeSource', 'activity:umsetzung-wirtschaftspolitische-strategie', 'Umsetzung der Neuen Wirtschaftspolitischen Strategie@de', ''),
        ('', '', 'in den vergangenen zwei Jahren@de', 'mkg:periodBeforeSource', 'activity:auf-und-ausbau-der-cluster', 'Zielgerichteter Auf- bzw. Ausbau der Cluster@de', ''),
    ]),
    ('timeline', {'lang': 'en'}, [
        ('2011^^xsd:gYear', 'xsd:gYear', '', 'schema:startDate', 'unit:clustermanagement-medical-technology', 'Cluster management of the Mannheim Medical Technology Cluster@en', 'cluster:medical-technology'),
        ('2016^^xsd:gYear', 'xsd:gYear', '', 'schema:startDate', 'offer:smart-production-industrie-4-0', 'Regional support offer for digitalisation in production (Industry 4.0)@en', 'cluster:smart-industries'),
        ('2016^^xsd:gYear', 'xsd:gYear', '', 'schema:startDate', 'organisation:smart-production-ev', 'Smart Production e.V.@en', 'cluster:smart-industries'),
        ('2018^^xsd:gYear', 'xsd:gYear', '', 'schema:startDate', 'measure:vernetzung-social-economy', 'Networking with and approaching actors from the social economy@en', 'cluster:social-economy'),
        ('2021-03^^xsd:gYearMonth', 'xsd:gYearMonth', '', 'schema:startDate', 'activity:beschluss-fortschreibung-2021-03', 'Decision of the Municipal Council on the continuation of the Economic Policy Strategy@en', ''),
        ('2021-05^^xsd:gYearMonth', 'xsd:gYearMonth', '', 'schema:startDate', 'event:european-social-economy-summit', 'European Social Economy Summit@en', 'cluster:social-economy'),
        ('2022-21^^<http://id.loc.gov/datatypes/edtf/EDTF>', '<http://id.loc.gov/datatypes/edtf/EDTF>', '', 'schema:startDate', 'unit:clustermanagement-green-industry', 'Cluster management of the Green Industry Cluster@en', 'cluster:green-industry'),
        ('2025^^xsd:gYear', 'xsd:gYear', '', 'mkg:plannedCompletion', 'place:innovationszentrum-green-tech', 'Green Tech Innovation Centre@en', 'cluster:green-industry'),
        ('', '', 'about ten years ago@en', 'mkg:startedBeforeSource', 'activity:umsetzung-wirtschaftspolitische-strategie', 'Implementation of the New Economic Policy Strategy@en', ''),
        ('', '', 'in the past two years@en', 'mkg:periodBeforeSource', 'activity:auf-und-ausbau-der-cluster', 'Targeted build-up and expansion of the clusters@en', ''),
    ]),
    ('cluster-start', {}, [
        ('cluster:smart-industries', 'Cluster Smart Industries@de', '', '', 'im Aufbau@de', 'wird weiterentwickelt@de', 'offer:smart-production-industrie-4-0', '2016^^xsd:gYear'),
        ('cluster:green-industry', 'Green Industry Cluster@de', '2022-21^^<http://id.loc.gov/datatypes/edtf/EDTF>', '<http://id.loc.gov/datatypes/edtf/EDTF>', 'im Aufbau@de', '', '', ''),
        ('cluster:medical-technology', 'Mannheim Medical Technology Cluster@de', '2011^^xsd:gYear', 'xsd:gYear', 'besteht@de', '', '', ''),
        ('cluster:social-economy', 'Social Economy Cluster@de', '', '', 'kürzlich eingerichtet@de', '', 'measure:vernetzung-social-economy', '2018^^xsd:gYear'),
    ]),
    ('cluster-start', {'lang': 'en'}, [
        ('cluster:smart-industries', 'Cluster Smart Industries@en', '', '', 'being set up@en', 'being developed further@en', 'offer:smart-production-industrie-4-0', '2016^^xsd:gYear'),
        ('cluster:green-industry', 'Green Industry Cluster@en', '2022-21^^<http://id.loc.gov/datatypes/edtf/EDTF>', '<http://id.loc.gov/datatypes/edtf/EDTF>', 'being set up@en', '', '', ''),
        ('cluster:medical-technology', 'Mannheim Medical Technology Cluster@en', '2011^^xsd:gYear', 'xsd:gYear', 'existing@en', '', '', ''),
        ('cluster:social-economy', 'Social Economy Cluster@en', '', '', 'recently established@en', '', 'measure:vernetzung-social-economy', '2018^^xsd:gYear'),
    ]),
    ('cluster-partners', {}, [
        ('cluster:medical-technology', 'place:heidelberg', 'Heidelberg@de', 'schema:City', 'wd:Q2966'),
        ('cluster:medical-technology', 'place:heidelberg', 'Heidelberg@de', 'schema:City', '<https://d-nb.info/gnd/4023996-2>'),
        ('cluster:smart-industries', 'organisation:rhein-neckar-kreis', 'Rhein-Neckar-Kreis@de', 'schema:Organization', ''),
        ('cluster:smart-industries', 'organisation:smart-production-ev', 'Smart Production e.V.@de', 'schema:Organization', ''),
        ('cluster:social-economy', 'organisation:europaeische-kommission', 'Europäische Kommission@de', 'schema:Organization', 'wd:Q8880'),
    ]),
    ('cluster-partners', {'lang': 'en'}, [
        ('cluster:medical-technology', 'place:heidelberg', 'Heidelberg@en', 'schema:City', 'wd:Q2966'),
        ('cluster:medical-technology', 'place:heidelberg', 'Heidelberg@en', 'schema:City', '<https://d-nb.info/gnd/4023996-2>'),
        ('cluster:smart-industries', 'organisation:rhein-neckar-kreis', 'Rhein-Neckar-Kreis@en', 'schema:Organization', ''),
        ('cluster:smart-industries', 'organisation:smart-production-ev', 'Smart Production e.V.@en', 'schema:Organization', ''),
        ('cluster:social-economy', 'organisation:europaeische-kommission', 'European Commission@en', 'schema:Organization', 'wd:Q8880'),
    ]),
]
# fmt: on


def case_id(case) -> str:
    name, params, _ = case
    return name + "".join(f"-{k}={v.rpartition('/')[2]}" for k, v in params.items())


@pytest.fixture(scope="module")
def api_client(settings, backend, backend_overrides):
    """The app with its real query service (worker processes, time and row limits), on each
    store backend (memory, disk, remote); staff's token configured."""
    overrides = backend_overrides(backend, settings.sources)
    app = create_app(replace(settings, tokens=(STAFF_TOKEN,), **overrides))
    yield app.test_client()
    app.extensions[EXTENSION]["query_service"].close()


_OPTIONAL_FILTER = (
    "Virtuoso 7.2 evaluates FILTER(… = ?lang) inside OPTIONAL without the parameter bound by "
    "the catalogue's VALUES block outside it (SPARQL: the OPTIONAL's filter sees it), so the "
    "optional labels stay empty; the server cannot normalise this without rewriting the query"
)
_PLANNED = _OPTIONAL_FILTER + " (here rows are lost: the filter sits beside VALUES rows)"
_IF_IRI = (
    "Virtuoso 7.2 returns BIND(IF(EXISTS {…}, vcard:Cell, vcard:Voice)) inside OPTIONAL as a "
    "string literal, not as the IRI"
)
_SHARED = (
    "Virtuoso 7.2 answers no rows when the parameters' VALUES (?broader, ?minClusters) are "
    "used in a sub-query's FILTER and a HAVING-like outer FILTER"
)
# Seen after the data-model review (not analysed further yet; each case is strict, so a fix on
# either side shows):
_PASSAGES = (
    "Virtuoso 7.2 leaves the passage columns of provenance empty where pyoxigraph binds them "
    "(the passage is reached through blank nodes: oa:hasTarget/oa:hasSelector/oa:exact)"
)
_INFRASTRUCTURE = "Virtuoso 7.2 gives other rows for sites-per-cluster (dates of the sites)"
_PARTNERS = "Virtuoso 7.2 counts 2 partners where there are 5 (COUNT inside the grouped query)"
REMOTE_DIFFERS = {
    "concepts-by-scheme": _OPTIONAL_FILTER,
    "concepts-by-scheme-scheme=target-group": _OPTIONAL_FILTER,
    "concepts-by-scheme-scheme=status-lang=en": _OPTIONAL_FILTER,
    "graphs": _OPTIONAL_FILTER,
    "graphs-lang=en": _OPTIONAL_FILTER,
    "quotations": _OPTIONAL_FILTER,
    "quotations-speaker=christiane-ram-lang=en": _OPTIONAL_FILTER,
    "planned-stage=planned-lang=en": _PLANNED,
    "provenance-resource=katharina-fox": _PASSAGES,
    "provenance-resource=katharina-fox-lang=en": _PASSAGES,
    "provenance-resource=social-economy": _PASSAGES,
    "sites-per-cluster": _INFRASTRUCTURE,
    "sites-per-cluster-cluster=green-industry-lang=en": _INFRASTRUCTURE,
    "cluster-partners": _PARTNERS,
    "cluster-partners-lang=en": _PARTNERS,
    "contacts": _IF_IRI,
    "contacts-cluster=social-economy-lang=en": _IF_IRI,
    "shared-concepts": _SHARED,
    "shared-concepts-broader=true-minClusters=3-lang=en": _SHARED,
}
"""Catalogue cases (by test id) whose rows Virtuoso (the remote backend in CI) gets wrong:
expected to differ there, strictly (a case Virtuoso answers right fails the test, so the list
stays true)."""


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_over_http(api_client, case, backend, request):
    name, params, expected = case
    if backend == "remote" and case_id(case) in REMOTE_DIFFERS:
        reason = REMOTE_DIFFERS[case_id(case)]
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))
    response = api_client.get(
        f"/api/queries/{name}",
        query_string=params,
        headers={"Accept": "application/sparql-results+json", **STAFF},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["X-Result-Rows"] == str(len(expected))
    assert rows_of(response.get_json()) == expected


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_over_cli(runner, case):
    name, params, expected = case
    args = ["query", name, "--format", "json"]
    for key, value in params.items():
        args += ["--param", f"{key}={value}"]
    unset = {f"MANNHEIM_KG_{key}": None for key in ("QUERIES", "DATA", "ONTOLOGY")}
    result = runner.invoke(main, args, env=unset)
    assert result.exit_code == 0, result.output
    assert rows_of(json.loads(result.stdout)) == expected


def table_rows(output: str) -> list[tuple[str, ...]]:
    """The cells of the CLI's aligned table, cut at the columns its rule line marks."""
    lines = output.splitlines()
    starts = [m.start() for m in re.finditer(r"-+", lines[1])]
    bounds = list(zip(starts, [*starts[1:], None], strict=True))
    return [tuple(line[a:b].strip() for a, b in bounds) for line in lines[2:-1]]


def as_in_table(cell: str) -> str:
    """An expected cell as the table writes it: one line, plain decimals and booleans."""
    cell = " ".join(cell.split())
    return re.sub(r"\^\^xsd:(decimal|boolean)$", "", cell)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_the_table_shortens_iris_as_the_expected_rows_do(runner, case):
    """Every query's table writes an IRI the same way: one prefix per type of thing."""
    name, params, expected = case
    args = ["query", name]
    for key, value in params.items():
        args += ["--param", f"{key}={value}"]
    unset = {f"MANNHEIM_KG_{key}": None for key in ("QUERIES", "DATA", "ONTOLOGY")}
    result = runner.invoke(main, args, env=unset)
    assert result.exit_code == 0, result.output
    assert table_rows(result.stdout) == [tuple(as_in_table(c) for c in row) for row in expected]


# -- the catalogue as a whole ----------------------------------------------------------------


@pytest.fixture(scope="module")
def catalogue(settings) -> Catalogue:
    return Catalogue.from_folder(settings.queries)


def test_every_query_has_expected_rows(catalogue):
    assert sorted({name for name, _, _ in CASES}) == catalogue.names()


def test_size_of_the_catalogue(catalogue):
    assert len(catalogue) >= 15
    assert len([q for q in catalogue if "cross-cluster" in q.tags]) >= 8


def test_every_select_is_ordered(catalogue):
    """Exact rows and stable pages need a total order."""
    for query in catalogue:
        body = re.sub(r"#[^\n]*", "", query.text)
        assert re.search(r"\bORDER\s+BY\b", body, re.I), query.name


def test_every_parameter_changes_or_filters_some_case(catalogue):
    """Each parameter is exercised with a non-default value by at least one case."""
    exercised = {(name, key) for name, params, _ in CASES for key in params}
    for query in catalogue:
        for parameter in query.parameters:
            assert (query.name, parameter.name) in exercised, (query.name, parameter.name)
