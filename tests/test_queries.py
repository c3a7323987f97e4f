"""Every catalogue query gives exactly its expected rows on the bundled graph: over HTTP and CLI.

A row is a tuple of strings, one per projected variable: IRIs with the prefixes below, a
literal as its text plus `@lang`, or `^^xsd:type` unless it is a plain string or an integer;
"" for an unbound variable. A change of the model that changes an answer fails here.
"""

from __future__ import annotations

import json
import re

import pytest

from server import EXTENSION, create_app
from server.catalogue import Catalogue
from server.cli import main

ID = "https://w3id.org/mannheim-kg/id/"
PREFIXES = {
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
}


def short(iri: str) -> str:
    for namespace, prefix in PREFIXES.items():
        if iri.startswith(namespace):
            return prefix + iri[len(namespace) :]
    return iri


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
        ('id:cluster/smart-industries', 'Cluster Smart Industries@de', 'Smart Industries@de', 'im Aufbau@de', '', '2016^^xsd:gYear', 'Smart Production e.V.@de', 'besteht@de', '0', '2'),
        ('id:cluster/green-industry', 'Green Industry Cluster@de', 'Green Tech@de', 'im Aufbau@de', '2022^^xsd:gYear', '2022^^xsd:gYear', 'Green Industry Cluster e.V.@de', 'geplant@de', '1', '2'),
        ('id:cluster/medical-technology', 'Mannheim Medical Technology Cluster@de', 'Gesundheitswirtschaft@de', 'besteht@de', '2011^^xsd:gYear', '2011^^xsd:gYear', '', '', '5', '2'),
        ('id:cluster/social-economy', 'Social Economy Cluster@de', 'Social Economy@de', 'kürzlich eingerichtet@de', '', '2018^^xsd:gYear', '', '', '0', '1'),
    ]),
    ('cluster-comparison', {'lang': 'en'}, [
        ('id:cluster/smart-industries', 'Cluster Smart Industries@en', 'Smart Industries@en', 'being set up@en', '', '2016^^xsd:gYear', 'Smart Production e.V.@en', 'existing@en', '0', '2'),
        ('id:cluster/green-industry', 'Green Industry Cluster@en', 'Green tech@en', 'being set up@en', '2022^^xsd:gYear', '2022^^xsd:gYear', 'Green Industry Cluster e.V.@en', 'planned@en', '1', '2'),
        ('id:cluster/medical-technology', 'Mannheim Medical Technology Cluster@en', 'Health economy@en', 'existing@en', '2011^^xsd:gYear', '2011^^xsd:gYear', '', '', '5', '2'),
        ('id:cluster/social-economy', 'Social Economy Cluster@en', 'Social economy@en', 'recently established@en', '', '2018^^xsd:gYear', '', '', '0', '1'),
    ]),
    ('cluster-goals', {}, [
        ('id:cluster/green-industry', 'mkg:rationale', 'id:cluster/green-industry', 'Die Kombination aus starkem Produktionsstandort und starkem Green Tech-Standort begründet die Clusteraktivitäten im Bereich Green Industry.@de'),
        ('id:cluster/medical-technology', 'mkg:goal', 'id:cluster/medical-technology', 'Mannheim und Heidelberg verfügen über komplementäre Schwerpunkte in unterschiedlichen Teilgebieten der Gesundheitswirtschaft: sich ergänzen und Synergien nutzen.@de'),
        ('id:cluster/medical-technology', 'mkg:goal', 'id:unit/clustermanagement-medical-technology', 'die Rolle Mannheims in der Region zu festigen und weiter auszubauen@de'),
        ('id:cluster/medical-technology', 'mkg:rationale', 'id:cluster/medical-technology', 'Trotz der Erweiterung des Kompetenzfeldes zur Gesundheitswirtschaft ist die Medizintechnologie weiterhin stärkste Teilbranche in Mannheim, weshalb die ursprüngliche Bezeichnung des Clusters beibehalten wird.@de'),
        ('id:cluster/smart-industries', 'mkg:goal', 'id:cluster/smart-industries', 'digitale Innovationen zu unterstützen sowie Produktivität und Standortsicherung durch B2B Vernetzung verschiedenster Akteure zu befördern@de'),
        ('id:cluster/smart-industries', 'mkg:rationale', 'id:cluster/smart-industries', 'Das Gelingen der digitalen Transformation ist eine wichtige Grundlage um Arbeitsplätze in Mannheim zu sichern und neu zu schaffen sowie Fachkräfte und Talente zu halten und anzuwerben.@de'),
        ('id:cluster/smart-industries', 'mkg:rationale', 'id:measure/erweiterung-digitalisierungsangebot', 'Die Digitalisierung der Wirtschaft dringt mittlerweile selbst in Branchen vor, die bisher davon unberührt zu bleiben schienen.@de'),
        ('id:cluster/social-economy', 'mkg:goal', 'id:cluster/social-economy', 'soziale Innovationen und soziales Unternehmertum in Mannheim weiter zu etablieren und zur Entwicklung der Stadt zu nutzen@de'),
    ]),
    ('cluster-goals', {'lang': 'en'}, [
        ('id:cluster/green-industry', 'mkg:rationale', 'id:cluster/green-industry', 'The combination of a strong production location and a strong green tech location is the reason for the cluster activities in green industry.@en'),
        ('id:cluster/medical-technology', 'mkg:goal', 'id:cluster/medical-technology', 'Mannheim and Heidelberg have complementary focus areas in different sub-fields of the health economy: to complement each other and use synergies.@en'),
        ('id:cluster/medical-technology', 'mkg:goal', 'id:unit/clustermanagement-medical-technology', "to consolidate and further expand Mannheim's role in the region@en"),
        ('id:cluster/medical-technology', 'mkg:rationale', 'id:cluster/medical-technology', "Despite the extension of the competence field to the health economy, medical technology remains the strongest sub-sector in Mannheim, which is why the cluster's original name is kept.@en"),
        ('id:cluster/smart-industries', 'mkg:goal', 'id:cluster/smart-industries', 'to support digital innovation and to promote productivity and the securing of the location through B2B networking of a wide range of actors@en'),
        ('id:cluster/smart-industries', 'mkg:rationale', 'id:cluster/smart-industries', 'The success of the digital transformation is an important basis for securing and creating jobs in Mannheim and for retaining and attracting skilled workers and talent.@en'),
        ('id:cluster/smart-industries', 'mkg:rationale', 'id:measure/erweiterung-digitalisierungsangebot', 'The digitalisation of the economy now reaches even sectors that previously seemed to remain untouched by it.@en'),
        ('id:cluster/social-economy', 'mkg:goal', 'id:cluster/social-economy', 'to further establish social innovation and social entrepreneurship in Mannheim and to use them for the development of the city@en'),
    ]),
    ('cluster-profile', {'cluster': 'https://w3id.org/mannheim-kg/id/cluster/green-industry'}, [
        ('out', 'dct:description', 'Die Marke Green Industry Cluster fasst die Aktivitäten der Wirtschaftsförderung im Rahmen der Förderung des Kompetenzfeldes Green Tech zusammen.@de', ''),
        ('out', 'dct:relation', 'id:place/innovationszentrum-green-tech', 'Innovationszentrum Green Tech@de'),
        ('out', 'rdf:type', 'org:OrganizationalCollaboration', ''),
        ('out', 'rdf:type', 'mkg:Cluster', 'Cluster@de'),
        ('out', 'rdfs:label', 'Green Industry Cluster@de', ''),
        ('out', 'prov:wasDerivedFrom', 'id:document/pressemitteilung-kompetenzfelder', 'Pressemitteilung: Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de'),
        ('out', 'schema:brand', 'id:brand/green-industry-cluster', 'Marke Green Industry Cluster@de'),
        ('out', 'mkg:actorGroup', 'id:concept/target-group/forschungseinrichtungen', 'Forschungseinrichtungen@de'),
        ('out', 'mkg:actorGroup', 'id:concept/target-group/hochschulen', 'Hochschulen@de'),
        ('out', 'mkg:actorGroup', 'id:concept/target-group/start-ups', 'Start-ups@de'),
        ('out', 'mkg:actorGroup', 'id:concept/target-group/unternehmen', 'Unternehmen@de'),
        ('out', 'mkg:clusterManagement', 'id:unit/clustermanagement-green-industry', 'Clustermanagement Green Industry Cluster@de'),
        ('out', 'mkg:competenceField', 'id:concept/competence-field/green-tech', 'Green Tech@de'),
        ('out', 'mkg:contactPerson', 'id:person/anna-schmidt', 'Anna Schmidt@de'),
        ('out', 'mkg:contactPerson', 'id:person/torben-stieglitz', 'Torben Stieglitz@de'),
        ('out', 'mkg:initiatedBy', 'id:organisation/stadt-mannheim', 'Stadt Mannheim@de'),
        ('out', 'mkg:rationale', 'Die Kombination aus starkem Produktionsstandort und starkem Green Tech-Standort begründet die Clusteraktivitäten im Bereich Green Industry.@de', ''),
        ('out', 'mkg:topic', 'id:concept/topic/sozialoekologische-transformation', 'sozialökologische und -ökonomische Transformation@de'),
        ('out', 'mkg:topic', 'id:concept/topic/umwelt-und-klimaschutz', 'Umwelt- und Klimaschutz@de'),
        ('out', 'mkg:translatedLanguage', 'en^^xsd:language', ''),
        ('in', 'mkg:relatedCluster', 'id:activity/analyse-unternehmensbesatz', 'Analyse des Unternehmensbesatzes durch die RegioClusterAgentur Baden-Württemberg@de'),
        ('in', 'mkg:relatedCluster', 'id:measure/aufbau-netzwerk-green-industry', 'Aufbau eines Netzwerkes aus Unternehmen, Startups, Hochschulen und Forschungseinrichtungen@de'),
        ('in', 'mkg:relatedCluster', 'id:measure/gruendung-green-industry-cluster-ev', 'Gründung eines Green Industry Cluster e.V.@de'),
    ]),
    ('cluster-profile', {'cluster': 'https://w3id.org/mannheim-kg/id/cluster/social-economy', 'lang': 'en'}, [
        ('out', 'dct:description', 'In order to further establish social innovation and social entrepreneurship in Mannheim and to use them for the development of the city, the economic development office is increasingly focusing on the social economy.@en', ''),
        ('out', 'rdf:type', 'org:OrganizationalCollaboration', ''),
        ('out', 'rdf:type', 'mkg:Cluster', 'cluster@en'),
        ('out', 'rdfs:label', 'Social Economy Cluster@en', ''),
        ('out', 'prov:wasDerivedFrom', 'id:document/pressemitteilung-kompetenzfelder', 'Press release: Economic development: four competence fields provide new impetus and develop existing potential further@en'),
        ('out', 'mkg:clusterManagement', 'id:unit/clustermanagement-social-economy', 'Cluster management of the Social Economy Cluster@en'),
        ('out', 'mkg:competenceField', 'id:concept/competence-field/social-economy', 'Social economy@en'),
        ('out', 'mkg:contactPerson', 'id:person/matthias-henel', 'Matthias Henel@en'),
        ('out', 'mkg:goal', 'to further establish social innovation and social entrepreneurship in Mannheim and to use them for the development of the city@en', ''),
        ('out', 'mkg:initiatedBy', 'id:organisation/stadt-mannheim', 'City of Mannheim@en'),
        ('out', 'mkg:milestone', 'id:event/european-social-economy-summit', 'European Social Economy Summit@en'),
        ('out', 'mkg:milestone', 'id:event/road-to-mannheim', 'Road to Mannheim events@en'),
        ('out', 'mkg:targetGroup', 'id:concept/target-group/social-economy', 'Social economy target group@en'),
        ('out', 'mkg:topic', 'id:concept/topic/foerderprogramme', 'Funding programmes@en'),
        ('out', 'mkg:topic', 'id:concept/topic/soziale-innovation', 'social innovation@en'),
        ('out', 'mkg:topic', 'id:concept/topic/soziales-unternehmertum', 'social entrepreneurship@en'),
        ('out', 'mkg:topic', 'id:concept/topic/vernetzung-und-ansprache', 'Networking with and approaching actors@en'),
        ('out', 'mkg:translatedLanguage', 'en^^xsd:language', ''),
        ('in', 'mkg:relatedCluster', 'id:event/european-social-economy-summit', 'European Social Economy Summit@en'),
        ('in', 'mkg:relatedCluster', 'id:event/road-to-mannheim', 'Road to Mannheim events@en'),
        ('in', 'mkg:relatedCluster', 'id:measure/erschliessung-foerderprogramme', 'Tapping funding programmes for the location@en'),
        ('in', 'mkg:relatedCluster', 'id:measure/vernetzung-social-economy', 'Networking with and approaching actors from the social economy@en'),
        ('in', 'mkg:relatedCluster', 'id:support-offer/social-economy', 'Support offers for the social economy target group@en'),
    ]),
    ('concepts-by-scheme', {}, [
        ('id:concept/topic/arbeitsplaetze', 'Arbeitsplätze@de', '', '1'),
        ('id:concept/topic/b2b-vernetzung', 'B2B-Vernetzung@de', '', '1'),
        ('id:concept/topic/digitale-innovation', 'digitale Innovationen@de', '', '1'),
        ('id:concept/topic/digitale-transformation', 'digitale Transformation@de', '', '1'),
        ('id:concept/topic/digitalisierung', 'Digitalisierung@de', '', '1'),
        ('id:concept/topic/fachkraefte', 'Fachkräfte und Talente@de', '', '1'),
        ('id:concept/topic/foerderprogramme', 'Förderprogramme@de', '', '1'),
        ('id:concept/topic/industrie-4-0', 'Industrie 4.0@de', 'id:concept/topic/digitalisierung', '1'),
        ('id:concept/topic/innovation', 'Innovationen beschleunigen@de', '', '0'),
        ('id:concept/topic/produktivitaet-und-standortsicherung', 'Produktivität und Standortsicherung@de', '', '1'),
        ('id:concept/topic/soziale-innovation', 'soziale Innovationen@de', '', '1'),
        ('id:concept/topic/soziales-unternehmertum', 'soziales Unternehmertum@de', '', '1'),
        ('id:concept/topic/sozialoekologische-transformation', 'sozialökologische und -ökonomische Transformation@de', '', '1'),
        ('id:concept/topic/umwelt-und-klimaschutz', 'Umwelt- und Klimaschutz@de', '', '1'),
        ('id:concept/topic/vernetzung-und-ansprache', 'Vernetzung und Ansprache von Akteuren@de', '', '1'),
    ]),
    ('concepts-by-scheme', {'scheme': 'https://w3id.org/mannheim-kg/id/scheme/target-group'}, [
        ('id:concept/target-group/forschungseinrichtungen', 'Forschungseinrichtungen@de', '', '2'),
        ('id:concept/target-group/hochschulen', 'Hochschulen@de', '', '2'),
        ('id:concept/target-group/klinik', 'Klinik@de', '', '1'),
        ('id:concept/target-group/kmu', 'KMU@de', 'id:concept/target-group/unternehmen', '1'),
        ('id:concept/target-group/start-ups', 'Start-ups@de', '', '3'),
        ('id:concept/target-group/unternehmen', 'Unternehmen@de', '', '2'),
        ('id:concept/target-group/unternehmen-aller-branchen', 'Unternehmen aller Branchen@de', 'id:concept/target-group/unternehmen', '1'),
        ('id:concept/target-group/unternehmen-der-medizintechnologie', 'Unternehmen der Medizintechnologie@de', 'id:concept/target-group/unternehmen', '1'),
        ('id:concept/target-group/produzierende-industrie', 'Unternehmen der produzierenden Industrie@de', 'id:concept/target-group/unternehmen', '1'),
        ('id:concept/target-group/medizintechnik-produktentwicklung', 'Unternehmen mit Produktentwicklung in der Medizintechnik@de', 'id:concept/target-group/unternehmen-der-medizintechnologie', '1'),
        ('id:concept/target-group/weltmarktfuehrer', 'Weltmarktführer@de', 'id:concept/target-group/unternehmen', '1'),
        ('id:concept/target-group/social-economy', 'Zielgruppe Social Economy@de', 'id:concept/target-group/unternehmen', '1'),
        ('id:concept/target-group/oeffentlichkeit', 'Öffentlichkeit@de', '', '0'),
    ]),
    ('concepts-by-scheme', {'scheme': 'https://w3id.org/mannheim-kg/id/scheme/status', 'lang': 'en'}, [
        ('id:concept/status/being-developed', 'being developed further@en', '', '1'),
        ('id:concept/status/in-setup', 'being set up@en', '', '0'),
        ('id:concept/status/in-implementation', 'developed, implementation started@en', '', '1'),
        ('id:concept/status/existing', 'existing@en', '', '1'),
        ('id:concept/status/growing', 'growing@en', '', '0'),
        ('id:concept/status/planned', 'planned@en', '', '1'),
        ('id:concept/status/recently-established', 'recently established@en', 'id:concept/status/existing', '0'),
        ('id:concept/status/under-construction', 'under construction@en', '', '0'),
    ]),
    ('contacts', {}, [
        ('id:cluster/smart-industries', 'Cluster Smart Industries@de', 'id:person/sandra-link', 'Sandra Link', 'tel:+496212932938', 'vcard:Voice', '(0621) 293 2938'),
        ('id:cluster/smart-industries', 'Cluster Smart Industries@de', 'id:person/stefan-bley', 'Stefan Bley', 'tel:+4915254527698', 'vcard:Cell', '0152 5452 7698'),
        ('id:cluster/green-industry', 'Green Industry Cluster@de', 'id:person/anna-schmidt', 'Anna Schmidt', 'tel:+496212933358', 'vcard:Voice', '(0621) 293 3358'),
        ('id:cluster/green-industry', 'Green Industry Cluster@de', 'id:person/torben-stieglitz', 'Torben Stieglitz', 'tel:+496212932157', 'vcard:Voice', '(0621) 293 2157'),
        ('id:cluster/medical-technology', 'Mannheim Medical Technology Cluster@de', 'id:person/anna-gustedt', 'Anna Gustedt', 'tel:+496212939978', 'vcard:Voice', '(0621) 293 9978'),
        ('id:cluster/medical-technology', 'Mannheim Medical Technology Cluster@de', 'id:person/katharina-fox', 'Katharina Fox', 'tel:+4915127698412', 'vcard:Cell', '01512 769 8412'),
        ('id:cluster/social-economy', 'Social Economy Cluster@de', 'id:person/matthias-henel', 'Matthias Henel', 'tel:+491751947568', 'vcard:Cell', '0175 194 7568'),
    ]),
    ('contacts', {'cluster': 'https://w3id.org/mannheim-kg/id/cluster/social-economy', 'lang': 'en'}, [
        ('id:cluster/social-economy', 'Social Economy Cluster@en', 'id:person/matthias-henel', 'Matthias Henel', 'tel:+491751947568', 'vcard:Cell', '0175 194 7568'),
    ]),
    ('events', {}, [
        ('id:event/road-to-mannheim', 'Road to Mannheim Events@de', 'schema:EventSeries', '', 'schema:OnlineEventAttendanceMode', '', 'id:event/european-social-economy-summit', 'id:cluster/social-economy', 'insgesamt 4.300 internationale Teilnehmende@de', 'id:concept/quantity-qualifier/total', '4300', '', '', '', '8', 'id:concept/quantity-qualifier/total'),
        ('id:event/european-social-economy-summit', 'European Social Economy Summit@de', 'schema:Event', '2021-05^^xsd:gYearMonth', '', 'id:organisation/europaeische-kommission', '', 'id:cluster/social-economy', 'über 4.000 Teilnehmende@de', 'id:concept/quantity-qualifier/more-than', '', '4000', '102', 'id:concept/quantity-qualifier/exact', '', ''),
    ]),
    ('events', {'lang': 'en'}, [
        ('id:event/road-to-mannheim', 'Road to Mannheim events@en', 'schema:EventSeries', '', 'schema:OnlineEventAttendanceMode', '', 'id:event/european-social-economy-summit', 'id:cluster/social-economy', '4,300 international participants in total@en', 'id:concept/quantity-qualifier/total', '4300', '', '', '', '8', 'id:concept/quantity-qualifier/total'),
        ('id:event/european-social-economy-summit', 'European Social Economy Summit@en', 'schema:Event', '2021-05^^xsd:gYearMonth', '', 'id:organisation/europaeische-kommission', '', 'id:cluster/social-economy', 'more than 4,000 participants@en', 'id:concept/quantity-qualifier/more-than', '', '4000', '102', 'id:concept/quantity-qualifier/exact', '', ''),
    ]),
    ('figures', {}, [
        ('id:activity/auf-und-ausbau-der-cluster', 'mkg:periodBeforeSource', '2', '', 'Jahre@de', 'id:concept/quantity-qualifier/exact', 'in den vergangenen zwei Jahren@de'),
        ('id:activity/umsetzung-wirtschaftspolitische-strategie', 'mkg:startedBeforeSource', '10', '', 'Jahre@de', 'id:concept/quantity-qualifier/about', 'vor rund zehn Jahren@de'),
        ('id:concept/competence-field/green-tech-leitmaerkte', 'mkg:leadMarketCount', '7', '', 'Leitmärkte@de', 'id:concept/quantity-qualifier/exact', 'sieben Green Tech-Leitmärkte@de'),
        ('id:event/european-social-economy-summit', 'mkg:participantCount', '', '4000', 'Teilnehmende@de', 'id:concept/quantity-qualifier/more-than', 'über 4.000 Teilnehmende@de'),
        ('id:event/european-social-economy-summit', 'mkg:participantCountryCount', '102', '', 'Länder@de', 'id:concept/quantity-qualifier/exact', 'aus 102 Ländern@de'),
        ('id:event/road-to-mannheim', 'mkg:eventCount', '8', '', 'Veranstaltungen@de', 'id:concept/quantity-qualifier/total', 'insgesamt acht Veranstaltungen@de'),
        ('id:event/road-to-mannheim', 'mkg:participantCount', '4300', '', 'internationale Teilnehmende@de', 'id:concept/quantity-qualifier/total', 'insgesamt 4.300 internationale Teilnehmende@de'),
        ('id:organisation/smart-production-ev', 'mkg:memberCount', '50', '', 'Netzwerkmitglieder@de', 'id:concept/quantity-qualifier/about', 'rund 50 Netzwerkmitglieder@de'),
    ]),
    ('figures', {'qualifier': 'https://w3id.org/mannheim-kg/id/concept/quantity-qualifier/more-than', 'lang': 'en'}, [
        ('id:event/european-social-economy-summit', 'mkg:participantCount', '', '4000', 'participants@en', 'id:concept/quantity-qualifier/more-than', 'more than 4,000 participants@en'),
    ]),
    ('graphs', {}, [
        ('graph:clusters', 'Die vier Cluster, ihre Clustermanagements, Marken, Angebote und Maßnahmen@de', 'access:PUBLIC', ''),
        ('graph:concepts', 'Begriffsschemata: Kompetenzfelder, Themen, Zielgruppen, Status und weitere@de', 'access:PUBLIC', ''),
        ('graph:contact-details', 'Kontaktdaten: Telefonnummern der Ansprechpersonen (personenbezogene Daten)@de', 'access:RESTRICTED', 'pd:Name'),
        ('graph:contact-details', 'Kontaktdaten: Telefonnummern der Ansprechpersonen (personenbezogene Daten)@de', 'access:RESTRICTED', 'pd:TelephoneNumber'),
        ('graph:events', 'Veranstaltungen@de', 'access:PUBLIC', ''),
        ('graph:mannheim-kg', 'Ontologie der Begriffe des Projekts@de', 'access:PUBLIC', ''),
        ('graph:networks', 'Netzwerke und Partner@de', 'access:PUBLIC', ''),
        ('graph:organisations', 'Stadt Mannheim, Wirtschaftsförderung, Gremien und Stellen@de', 'access:PUBLIC', ''),
        ('graph:people', 'Personen, ihre Stellen und Ansprechpersonen der Cluster (ohne Telefonnummern)@de', 'access:PUBLIC', 'pd:Name'),
        ('graph:places', 'Orte, Standorte und Adressen@de', 'access:PUBLIC', ''),
        ('graph:quotations', 'Zitate@de', 'access:PUBLIC', ''),
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
        ('graph:organisations', 'City of Mannheim, economic development office, bodies and posts@en', 'access:PUBLIC', ''),
        ('graph:people', "Persons, their posts and the clusters' contact persons (without phone numbers)@en", 'access:PUBLIC', 'pd:Name'),
        ('graph:places', 'Places, sites and addresses@en', 'access:PUBLIC', ''),
        ('graph:quotations', 'Quotations@en', 'access:PUBLIC', ''),
        ('graph:source', 'Source and description of the named graphs@en', 'access:PUBLIC', ''),
        ('graph:strategy', 'Economic policy strategy, decision, presentation and build-up of the clusters@en', 'access:PUBLIC', ''),
    ]),
    ('label-search', {'text': 'smart', 'lang': 'en'}, [
        ('id:unit/clustermanagement-smart-industries', 'Cluster management of the Cluster Smart Industries@en', 'rdfs:label'),
        ('id:cluster/smart-industries', 'Cluster Smart Industries@en', 'rdfs:label'),
        ('id:measure/ausbau-smart-production-ev', 'Expansion of Smart Production e.V.@en', 'rdfs:label'),
        ('id:concept/competence-field/smart-industries', 'Smart Industries@en', 'skos:prefLabel'),
        ('id:organisation/smart-production-ev', 'Smart Production e.V.@en', 'rdfs:label'),
        ('id:organisation/smart-production-ev', 'Smart Production e.V. network@en', 'skos:altLabel'),
    ]),
    ('label-search', {'text': 'JUNGBUSCH'}, [
        ('id:address/innovationszentrum-green-tech', 'Hafenstraße, Mannheim-Jungbusch@de', 'rdfs:label'),
        ('id:address/innovationszentrum-green-tech', 'Hafenstraße, Mannheim-Jungbusch@en', 'rdfs:label'),
        ('id:place/jungbusch', 'Jungbusch@de', 'rdfs:label'),
        ('id:place/jungbusch', 'Jungbusch@en', 'rdfs:label'),
        ('id:place/jungbusch', 'Mannheimer Jungbusch@de', 'skos:altLabel'),
    ]),
    ('offers-and-measures', {}, [
        ('id:cluster/green-industry', 'mkg:Measure', 'id:measure/aufbau-netzwerk-green-industry', 'Aufbau eines Netzwerkes aus Unternehmen, Startups, Hochschulen und Forschungseinrichtungen@de', 'schema:ActiveActionStatus', 'laufend@de', '', 'id:cluster/green-industry'),
        ('id:cluster/green-industry', 'mkg:Measure', 'id:measure/gruendung-green-industry-cluster-ev', 'Gründung eines Green Industry Cluster e.V.@de', 'schema:PotentialActionStatus', 'geplant@de', '', 'id:cluster/green-industry'),
        ('id:cluster/medical-technology', 'mkg:SupportOffer', 'id:support-offer/real-labore-testoption', 'Test und Erprobung von Produkten in Real-Laboren im klinischen Kontext@de', 'id:concept/status/existing', 'besteht@de', '', ''),
        ('id:cluster/smart-industries', 'mkg:Measure', 'id:measure/ausbau-smart-production-ev', 'Ausbau des Smart Production e.V.@de', 'schema:PotentialActionStatus', 'geplant@de', '', ''),
        ('id:cluster/smart-industries', 'mkg:Measure', 'id:measure/erweiterung-digitalisierungsangebot', 'Ausweitung der Aktivitäten: erweitertes Unterstützungsangebot zur Digitalisierung für Unternehmen aller Branchen@de', 'schema:PotentialActionStatus', 'geplant@de', '', 'id:unit/wirtschaftsfoerderung'),
        ('id:cluster/smart-industries', 'mkg:Measure', 'id:measure/weiterentwicklung-zum-cluster-smart-industries', 'Weiterentwicklung des Unterstützungsangebots zu einem Cluster@de', 'schema:ActiveActionStatus', 'laufend@de', '', ''),
        ('id:cluster/smart-industries', 'mkg:SupportOffer', 'id:support-offer/digitalisierung-aller-branchen', 'Erweitertes Unterstützungsangebot zur Digitalisierung für Unternehmen aller Branchen@de', 'id:concept/status/planned', 'geplant@de', '', 'id:unit/wirtschaftsfoerderung'),
        ('id:cluster/smart-industries', 'mkg:SupportOffer', 'id:support-offer/smart-production-industrie-4-0', 'Regionales Unterstützungsangebot zur Digitalisierung in der Produktion (Industrie 4.0)@de', 'id:concept/status/being-developed', 'wird weiterentwickelt@de', '2016^^xsd:gYear', 'id:organisation/rhein-neckar-kreis'),
        ('id:cluster/smart-industries', 'mkg:SupportOffer', 'id:support-offer/smart-production-industrie-4-0', 'Regionales Unterstützungsangebot zur Digitalisierung in der Produktion (Industrie 4.0)@de', 'id:concept/status/being-developed', 'wird weiterentwickelt@de', '2016^^xsd:gYear', 'id:unit/wirtschaftsfoerderung'),
        ('id:cluster/social-economy', 'mkg:Measure', 'id:measure/erschliessung-foerderprogramme', 'Erschließung von Förderprogrammen für den Standort@de', 'schema:PotentialActionStatus', 'geplant@de', '', ''),
        ('id:cluster/social-economy', 'mkg:Measure', 'id:measure/vernetzung-social-economy', 'Vernetzung und Ansprache von Akteuren aus dem Bereich Social Economy@de', 'schema:ActiveActionStatus', 'laufend@de', '2018^^xsd:gYear', 'id:unit/wirtschaftsfoerderung'),
        ('id:cluster/social-economy', 'mkg:SupportOffer', 'id:support-offer/social-economy', 'Unterstützungsangebote für die Zielgruppe Social Economy@de', 'id:concept/status/in-implementation', 'entwickelt, Umsetzung begonnen@de', '', ''),
    ]),
    ('offers-and-measures', {'cluster': 'https://w3id.org/mannheim-kg/id/cluster/medical-technology', 'lang': 'en'}, [
        ('id:cluster/medical-technology', 'mkg:SupportOffer', 'id:support-offer/real-labore-testoption', 'Testing and trialling products in real-world laboratories in a clinical context@en', 'id:concept/status/existing', 'existing@en', '', ''),
    ]),
    ('organisations-by-cluster', {}, [
        ('id:cluster/green-industry', 'id:unit/wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '', 'org:subOrganizationOf', 'id:unit/clustermanagement-green-industry'),
        ('id:cluster/green-industry', 'id:organisation/green-industry-cluster-ev', 'Green Industry Cluster e.V.@de', 'geplant@de', 'schema:result', 'id:measure/gruendung-green-industry-cluster-ev'),
        ('id:cluster/green-industry', 'id:organisation/regioclusteragentur-baden-wuerttemberg', 'RegioClusterAgentur Baden-Württemberg@de', '', 'prov:wasAssociatedWith', 'id:activity/analyse-unternehmensbesatz'),
        ('id:cluster/green-industry', 'id:organisation/stadt-mannheim', 'Stadt Mannheim@de', '', 'mkg:initiatedBy', ''),
        ('id:cluster/medical-technology', 'id:unit/wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '', 'org:subOrganizationOf', 'id:unit/clustermanagement-medical-technology'),
        ('id:cluster/medical-technology', 'id:organisation/stadt-mannheim', 'Stadt Mannheim@de', '', 'mkg:initiatedBy', ''),
        ('id:cluster/medical-technology', 'id:organisation/tpma', 'TPMA@de', '', 'org:siteOf', 'id:place/tpma-gebaeude'),
        ('id:cluster/smart-industries', 'id:unit/wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '', 'org:subOrganizationOf', 'id:unit/clustermanagement-smart-industries'),
        ('id:cluster/smart-industries', 'id:unit/wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '', 'schema:agent', 'id:measure/erweiterung-digitalisierungsangebot'),
        ('id:cluster/smart-industries', 'id:unit/wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '', 'schema:provider', 'id:support-offer/digitalisierung-aller-branchen'),
        ('id:cluster/smart-industries', 'id:unit/wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '', 'schema:provider', 'id:support-offer/smart-production-industrie-4-0'),
        ('id:cluster/smart-industries', 'id:organisation/rhein-neckar-kreis', 'Rhein-Neckar-Kreis@de', '', 'schema:provider', 'id:support-offer/smart-production-industrie-4-0'),
        ('id:cluster/smart-industries', 'id:organisation/smart-production-ev', 'Smart Production e.V.@de', 'besteht@de', 'schema:object', 'id:measure/ausbau-smart-production-ev'),
        ('id:cluster/smart-industries', 'id:organisation/smart-production-ev', 'Smart Production e.V.@de', 'besteht@de', 'mkg:deliveredThrough', 'id:support-offer/smart-production-industrie-4-0'),
        ('id:cluster/smart-industries', 'id:organisation/stadt-mannheim', 'Stadt Mannheim@de', '', 'mkg:initiatedBy', ''),
        ('id:cluster/social-economy', 'id:organisation/europaeische-kommission', 'Europäische Kommission@de', '', 'schema:organizer', 'id:event/european-social-economy-summit'),
        ('id:cluster/social-economy', 'id:unit/wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '', 'org:subOrganizationOf', 'id:unit/clustermanagement-social-economy'),
        ('id:cluster/social-economy', 'id:unit/wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '', 'schema:agent', 'id:measure/vernetzung-social-economy'),
        ('id:cluster/social-economy', 'id:organisation/stadt-mannheim', 'Stadt Mannheim@de', '', 'mkg:initiatedBy', ''),
    ]),
    ('organisations-by-cluster', {'cluster': 'https://w3id.org/mannheim-kg/id/cluster/smart-industries', 'lang': 'en'}, [
        ('id:cluster/smart-industries', 'id:organisation/stadt-mannheim', 'City of Mannheim@en', '', 'mkg:initiatedBy', ''),
        ('id:cluster/smart-industries', 'id:unit/wirtschaftsfoerderung', 'Department of Economic and Structural Development@en', '', 'org:subOrganizationOf', 'id:unit/clustermanagement-smart-industries'),
        ('id:cluster/smart-industries', 'id:unit/wirtschaftsfoerderung', 'Department of Economic and Structural Development@en', '', 'schema:agent', 'id:measure/erweiterung-digitalisierungsangebot'),
        ('id:cluster/smart-industries', 'id:unit/wirtschaftsfoerderung', 'Department of Economic and Structural Development@en', '', 'schema:provider', 'id:support-offer/digitalisierung-aller-branchen'),
        ('id:cluster/smart-industries', 'id:unit/wirtschaftsfoerderung', 'Department of Economic and Structural Development@en', '', 'schema:provider', 'id:support-offer/smart-production-industrie-4-0'),
        ('id:cluster/smart-industries', 'id:organisation/rhein-neckar-kreis', 'Rhein-Neckar-Kreis@en', '', 'schema:provider', 'id:support-offer/smart-production-industrie-4-0'),
        ('id:cluster/smart-industries', 'id:organisation/smart-production-ev', 'Smart Production e.V.@en', 'existing@en', 'schema:object', 'id:measure/ausbau-smart-production-ev'),
        ('id:cluster/smart-industries', 'id:organisation/smart-production-ev', 'Smart Production e.V.@en', 'existing@en', 'mkg:deliveredThrough', 'id:support-offer/smart-production-industrie-4-0'),
    ]),
    ('organisations-multi-cluster', {}, [
        ('id:unit/wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '4', 'id:cluster/green-industry', '1'),
        ('id:unit/wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '4', 'id:cluster/medical-technology', '1'),
        ('id:unit/wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '4', 'id:cluster/smart-industries', '4'),
        ('id:unit/wirtschaftsfoerderung', 'Fachbereich für Wirtschafts- und Strukturförderung@de', '4', 'id:cluster/social-economy', '2'),
        ('id:organisation/stadt-mannheim', 'Stadt Mannheim@de', '4', 'id:cluster/green-industry', '1'),
        ('id:organisation/stadt-mannheim', 'Stadt Mannheim@de', '4', 'id:cluster/medical-technology', '1'),
        ('id:organisation/stadt-mannheim', 'Stadt Mannheim@de', '4', 'id:cluster/smart-industries', '1'),
        ('id:organisation/stadt-mannheim', 'Stadt Mannheim@de', '4', 'id:cluster/social-economy', '1'),
    ]),
    ('organisations-multi-cluster', {'minClusters': '1', 'lang': 'en'}, [
        ('id:organisation/stadt-mannheim', 'City of Mannheim@en', '4', 'id:cluster/green-industry', '1'),
        ('id:organisation/stadt-mannheim', 'City of Mannheim@en', '4', 'id:cluster/medical-technology', '1'),
        ('id:organisation/stadt-mannheim', 'City of Mannheim@en', '4', 'id:cluster/smart-industries', '1'),
        ('id:organisation/stadt-mannheim', 'City of Mannheim@en', '4', 'id:cluster/social-economy', '1'),
        ('id:unit/wirtschaftsfoerderung', 'Department of Economic and Structural Development@en', '4', 'id:cluster/green-industry', '1'),
        ('id:unit/wirtschaftsfoerderung', 'Department of Economic and Structural Development@en', '4', 'id:cluster/medical-technology', '1'),
        ('id:unit/wirtschaftsfoerderung', 'Department of Economic and Structural Development@en', '4', 'id:cluster/smart-industries', '4'),
        ('id:unit/wirtschaftsfoerderung', 'Department of Economic and Structural Development@en', '4', 'id:cluster/social-economy', '2'),
        ('id:organisation/europaeische-kommission', 'European Commission@en', '1', 'id:cluster/social-economy', '1'),
        ('id:organisation/green-industry-cluster-ev', 'Green Industry Cluster e.V.@en', '1', 'id:cluster/green-industry', '1'),
        ('id:organisation/regioclusteragentur-baden-wuerttemberg', 'RegioClusterAgentur Baden-Württemberg@en', '1', 'id:cluster/green-industry', '1'),
        ('id:organisation/rhein-neckar-kreis', 'Rhein-Neckar-Kreis@en', '1', 'id:cluster/smart-industries', '1'),
        ('id:organisation/smart-production-ev', 'Smart Production e.V.@en', '1', 'id:cluster/smart-industries', '2'),
        ('id:organisation/tpma', 'TPMA@en', '1', 'id:cluster/medical-technology', '1'),
    ]),
    ('planned', {}, [
        ('planned', 'id:measure/cross-cluster-projekte', 'Cross-Cluster-Projekte im Clustermanagement@de', 'schema:PotentialActionStatus', 'geplant@de', '', ''),
        ('planned', 'id:organisation/green-industry-cluster-ev', 'Green Industry Cluster e.V.@de', 'id:concept/status/planned', 'geplant@de', '', 'id:cluster/green-industry'),
        ('planned', 'id:measure/gruendung-green-industry-cluster-ev', 'Gründung eines Green Industry Cluster e.V.@de', 'schema:PotentialActionStatus', 'geplant@de', '', 'id:cluster/green-industry'),
        ('planned', 'id:measure/ausbau-smart-production-ev', 'Ausbau des Smart Production e.V.@de', 'schema:PotentialActionStatus', 'geplant@de', '', 'id:cluster/smart-industries'),
        ('planned', 'id:measure/erweiterung-digitalisierungsangebot', 'Ausweitung der Aktivitäten: erweitertes Unterstützungsangebot zur Digitalisierung für Unternehmen aller Branchen@de', 'schema:PotentialActionStatus', 'geplant@de', '', 'id:cluster/smart-industries'),
        ('planned', 'id:support-offer/digitalisierung-aller-branchen', 'Erweitertes Unterstützungsangebot zur Digitalisierung für Unternehmen aller Branchen@de', 'id:concept/status/planned', 'geplant@de', '', 'id:cluster/smart-industries'),
        ('planned', 'id:measure/erschliessung-foerderprogramme', 'Erschließung von Förderprogrammen für den Standort@de', 'schema:PotentialActionStatus', 'geplant@de', '', 'id:cluster/social-economy'),
        ('underway', 'id:measure/aufbau-netzwerk-green-industry', 'Aufbau eines Netzwerkes aus Unternehmen, Startups, Hochschulen und Forschungseinrichtungen@de', 'schema:ActiveActionStatus', 'laufend@de', '', 'id:cluster/green-industry'),
        ('underway', 'id:unit/clustermanagement-green-industry', 'Clustermanagement Green Industry Cluster@de', 'id:concept/status/in-setup', 'im Aufbau@de', '', 'id:cluster/green-industry'),
        ('underway', 'id:place/innovationszentrum-green-tech', 'Innovationszentrum Green Tech@de', 'id:concept/status/under-construction', 'entsteht@de', '2025^^xsd:gYear', 'id:cluster/green-industry'),
        ('underway', 'id:place/real-labore', 'Real-Labore im klinischen Kontext@de', 'id:concept/status/growing', 'wachsend@de', '', 'id:cluster/medical-technology'),
        ('underway', 'id:cluster/smart-industries', 'Cluster Smart Industries@de', 'id:concept/status/being-developed', 'wird weiterentwickelt@de', '', 'id:cluster/smart-industries'),
        ('underway', 'id:unit/clustermanagement-smart-industries', 'Clustermanagement Cluster Smart Industries@de', 'id:concept/status/in-setup', 'im Aufbau@de', '', 'id:cluster/smart-industries'),
        ('underway', 'id:support-offer/smart-production-industrie-4-0', 'Regionales Unterstützungsangebot zur Digitalisierung in der Produktion (Industrie 4.0)@de', 'id:concept/status/being-developed', 'wird weiterentwickelt@de', '', 'id:cluster/smart-industries'),
        ('underway', 'id:measure/weiterentwicklung-zum-cluster-smart-industries', 'Weiterentwicklung des Unterstützungsangebots zu einem Cluster@de', 'schema:ActiveActionStatus', 'laufend@de', '', 'id:cluster/smart-industries'),
        ('underway', 'id:support-offer/social-economy', 'Unterstützungsangebote für die Zielgruppe Social Economy@de', 'id:concept/status/in-implementation', 'entwickelt, Umsetzung begonnen@de', '', 'id:cluster/social-economy'),
        ('underway', 'id:measure/vernetzung-social-economy', 'Vernetzung und Ansprache von Akteuren aus dem Bereich Social Economy@de', 'schema:ActiveActionStatus', 'laufend@de', '', 'id:cluster/social-economy'),
    ]),
    ('planned', {'stage': 'planned', 'lang': 'en'}, [
        ('planned', 'id:measure/cross-cluster-projekte', 'Cross-cluster projects in cluster management@en', 'schema:PotentialActionStatus', 'planned@en', '', ''),
        ('planned', 'id:measure/gruendung-green-industry-cluster-ev', 'Founding of a Green Industry Cluster e.V.@en', 'schema:PotentialActionStatus', 'planned@en', '', 'id:cluster/green-industry'),
        ('planned', 'id:organisation/green-industry-cluster-ev', 'Green Industry Cluster e.V.@en', 'id:concept/status/planned', 'planned@en', '', 'id:cluster/green-industry'),
        ('planned', 'id:measure/ausbau-smart-production-ev', 'Expansion of Smart Production e.V.@en', 'schema:PotentialActionStatus', 'planned@en', '', 'id:cluster/smart-industries'),
        ('planned', 'id:support-offer/digitalisierung-aller-branchen', 'Extended digitalisation support offer for companies of all sectors@en', 'id:concept/status/planned', 'planned@en', '', 'id:cluster/smart-industries'),
        ('planned', 'id:measure/erweiterung-digitalisierungsangebot', 'Extension of activities: extended digitalisation support offer for companies of all sectors@en', 'schema:PotentialActionStatus', 'planned@en', '', 'id:cluster/smart-industries'),
        ('planned', 'id:measure/erschliessung-foerderprogramme', 'Tapping funding programmes for the location@en', 'schema:PotentialActionStatus', 'planned@en', '', 'id:cluster/social-economy'),
    ]),
    ('provenance', {'resource': 'https://w3id.org/mannheim-kg/id/person/katharina-fox'}, [
        ('graph:contact-details', 'access:RESTRICTED', 'pd:Name', 'id:document/pressemitteilung-kompetenzfelder', 'Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de', 'id:organisation/stadt-mannheim', 'Quelle: Stadt Mannheim'),
        ('graph:contact-details', 'access:RESTRICTED', 'pd:TelephoneNumber', 'id:document/pressemitteilung-kompetenzfelder', 'Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de', 'id:organisation/stadt-mannheim', 'Quelle: Stadt Mannheim'),
        ('graph:people', 'access:PUBLIC', 'pd:Name', 'id:document/pressemitteilung-kompetenzfelder', 'Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de', 'id:organisation/stadt-mannheim', 'Quelle: Stadt Mannheim'),
    ]),
    ('provenance', {'resource': 'https://w3id.org/mannheim-kg/id/cluster/social-economy'}, [
        ('graph:clusters', 'access:PUBLIC', '', 'id:document/pressemitteilung-kompetenzfelder', 'Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de', 'id:organisation/stadt-mannheim', 'Quelle: Stadt Mannheim'),
        ('graph:people', 'access:PUBLIC', 'pd:Name', 'id:document/pressemitteilung-kompetenzfelder', 'Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter@de', 'id:organisation/stadt-mannheim', 'Quelle: Stadt Mannheim'),
    ]),
    ('provenance', {'resource': 'https://w3id.org/mannheim-kg/id/person/katharina-fox', 'lang': 'en'}, [
        ('graph:contact-details', 'access:RESTRICTED', 'pd:Name', 'id:document/pressemitteilung-kompetenzfelder', 'Press release: Economic development: four competence fields provide new impetus and develop existing potential further@en', 'id:organisation/stadt-mannheim', 'Quelle: Stadt Mannheim'),
        ('graph:contact-details', 'access:RESTRICTED', 'pd:TelephoneNumber', 'id:document/pressemitteilung-kompetenzfelder', 'Press release: Economic development: four competence fields provide new impetus and develop existing potential further@en', 'id:organisation/stadt-mannheim', 'Quelle: Stadt Mannheim'),
        ('graph:people', 'access:PUBLIC', 'pd:Name', 'id:document/pressemitteilung-kompetenzfelder', 'Press release: Economic development: four competence fields provide new impetus and develop existing potential further@en', 'id:organisation/stadt-mannheim', 'Quelle: Stadt Mannheim'),
    ]),
    ('quotations', {}, [
        ('id:quotation/christiane-ram-matrixorganisation', 'id:person/christiane-ram', 'Christiane Ram', 'Leiterin der Wirtschaftsförderung@de', 'Die für die Wirtschaftsförderung gewählte Organisationsform als Matrix hat sich als flexibel und kundenorientiert bewährt. Im Clustermanagement wollen wir die Vorteile der Matrixorganisation weiter nutzen und durch Cross-Cluster-Projekte Innovationen beschleunigen@de', 'id:document/pressemitteilung-kompetenzfelder'),
        ('id:quotation/michael-groetsch-kompetenzfelder', 'id:person/michael-groetsch', 'Michael Grötsch', 'Wirtschaftsbürgermeister@de', 'Neben dem Fokus auf die Basis, hat sich der Ansatz einer kompetenzfeldorientierten Firmenbetreuung als richtig und erfolgreich erwiesen. Mit gleich vier kommunal initiierten und getriebenen Clustern übernehmen wir deutschlandweit eine Vorreiterrolle@de', 'id:document/pressemitteilung-kompetenzfelder'),
    ]),
    ('quotations', {'speaker': 'https://w3id.org/mannheim-kg/id/person/christiane-ram', 'lang': 'en'}, [
        ('id:quotation/christiane-ram-matrixorganisation', 'id:person/christiane-ram', 'Christiane Ram', 'Head of the Economic Development Office@en', 'Die für die Wirtschaftsförderung gewählte Organisationsform als Matrix hat sich als flexibel und kundenorientiert bewährt. Im Clustermanagement wollen wir die Vorteile der Matrixorganisation weiter nutzen und durch Cross-Cluster-Projekte Innovationen beschleunigen@de', 'id:document/pressemitteilung-kompetenzfelder'),
    ]),
    ('shared-concepts', {}, [
        ('id:concept/target-group/start-ups', 'Start-ups@de', 'id:scheme/target-group', '3', 'id:cluster/green-industry', 'id:cluster/green-industry', 'mkg:actorGroup', 'id:concept/target-group/start-ups'),
        ('id:concept/target-group/start-ups', 'Start-ups@de', 'id:scheme/target-group', '3', 'id:cluster/green-industry', 'id:measure/aufbau-netzwerk-green-industry', 'mkg:actorGroup', 'id:concept/target-group/start-ups'),
        ('id:concept/target-group/start-ups', 'Start-ups@de', 'id:scheme/target-group', '3', 'id:cluster/medical-technology', 'id:cluster/medical-technology', 'mkg:actorGroup', 'id:concept/target-group/start-ups'),
        ('id:concept/target-group/start-ups', 'Start-ups@de', 'id:scheme/target-group', '3', 'id:cluster/smart-industries', 'id:cluster/smart-industries', 'mkg:actorGroup', 'id:concept/target-group/start-ups'),
        ('id:concept/target-group/forschungseinrichtungen', 'Forschungseinrichtungen@de', 'id:scheme/target-group', '2', 'id:cluster/green-industry', 'id:cluster/green-industry', 'mkg:actorGroup', 'id:concept/target-group/forschungseinrichtungen'),
        ('id:concept/target-group/forschungseinrichtungen', 'Forschungseinrichtungen@de', 'id:scheme/target-group', '2', 'id:cluster/green-industry', 'id:measure/aufbau-netzwerk-green-industry', 'mkg:actorGroup', 'id:concept/target-group/forschungseinrichtungen'),
        ('id:concept/target-group/forschungseinrichtungen', 'Forschungseinrichtungen@de', 'id:scheme/target-group', '2', 'id:cluster/medical-technology', 'id:cluster/medical-technology', 'mkg:actorGroup', 'id:concept/target-group/forschungseinrichtungen'),
        ('id:concept/target-group/hochschulen', 'Hochschulen@de', 'id:scheme/target-group', '2', 'id:cluster/green-industry', 'id:cluster/green-industry', 'mkg:actorGroup', 'id:concept/target-group/hochschulen'),
        ('id:concept/target-group/hochschulen', 'Hochschulen@de', 'id:scheme/target-group', '2', 'id:cluster/green-industry', 'id:measure/aufbau-netzwerk-green-industry', 'mkg:actorGroup', 'id:concept/target-group/hochschulen'),
        ('id:concept/target-group/hochschulen', 'Hochschulen@de', 'id:scheme/target-group', '2', 'id:cluster/smart-industries', 'id:cluster/smart-industries', 'mkg:actorGroup', 'id:concept/target-group/hochschulen'),
        ('id:concept/target-group/unternehmen', 'Unternehmen@de', 'id:scheme/target-group', '2', 'id:cluster/green-industry', 'id:cluster/green-industry', 'mkg:actorGroup', 'id:concept/target-group/unternehmen'),
        ('id:concept/target-group/unternehmen', 'Unternehmen@de', 'id:scheme/target-group', '2', 'id:cluster/green-industry', 'id:measure/aufbau-netzwerk-green-industry', 'mkg:actorGroup', 'id:concept/target-group/unternehmen'),
        ('id:concept/target-group/unternehmen', 'Unternehmen@de', 'id:scheme/target-group', '2', 'id:cluster/medical-technology', 'id:cluster/medical-technology', 'mkg:actorGroup', 'id:concept/target-group/unternehmen'),
    ]),
    ('shared-concepts', {'broader': 'true', 'minClusters': '3', 'lang': 'en'}, [
        ('id:concept/target-group/unternehmen', 'Companies@en', 'id:scheme/target-group', '4', 'id:cluster/green-industry', 'id:cluster/green-industry', 'mkg:actorGroup', 'id:concept/target-group/unternehmen'),
        ('id:concept/target-group/unternehmen', 'Companies@en', 'id:scheme/target-group', '4', 'id:cluster/green-industry', 'id:measure/aufbau-netzwerk-green-industry', 'mkg:actorGroup', 'id:concept/target-group/unternehmen'),
        ('id:concept/target-group/unternehmen', 'Companies@en', 'id:scheme/target-group', '4', 'id:cluster/medical-technology', 'id:cluster/medical-technology', 'mkg:actorGroup', 'id:concept/target-group/unternehmen'),
        ('id:concept/target-group/unternehmen', 'Companies@en', 'id:scheme/target-group', '4', 'id:cluster/medical-technology', 'id:cluster/medical-technology', 'mkg:targetGroup', 'id:concept/target-group/unternehmen-der-medizintechnologie'),
        ('id:concept/target-group/unternehmen', 'Companies@en', 'id:scheme/target-group', '4', 'id:cluster/medical-technology', 'id:support-offer/real-labore-testoption', 'mkg:targetGroup', 'id:concept/target-group/medizintechnik-produktentwicklung'),
        ('id:concept/target-group/unternehmen', 'Companies@en', 'id:scheme/target-group', '4', 'id:cluster/smart-industries', 'id:cluster/smart-industries', 'mkg:actorGroup', 'id:concept/target-group/kmu'),
        ('id:concept/target-group/unternehmen', 'Companies@en', 'id:scheme/target-group', '4', 'id:cluster/smart-industries', 'id:cluster/smart-industries', 'mkg:actorGroup', 'id:concept/target-group/weltmarktfuehrer'),
        ('id:concept/target-group/unternehmen', 'Companies@en', 'id:scheme/target-group', '4', 'id:cluster/smart-industries', 'id:cluster/smart-industries', 'mkg:targetGroup', 'id:concept/target-group/produzierende-industrie'),
        ('id:concept/target-group/unternehmen', 'Companies@en', 'id:scheme/target-group', '4', 'id:cluster/smart-industries', 'id:cluster/smart-industries', 'mkg:targetGroup', 'id:concept/target-group/unternehmen-aller-branchen'),
        ('id:concept/target-group/unternehmen', 'Companies@en', 'id:scheme/target-group', '4', 'id:cluster/smart-industries', 'id:support-offer/digitalisierung-aller-branchen', 'mkg:targetGroup', 'id:concept/target-group/unternehmen-aller-branchen'),
        ('id:concept/target-group/unternehmen', 'Companies@en', 'id:scheme/target-group', '4', 'id:cluster/smart-industries', 'id:support-offer/smart-production-industrie-4-0', 'mkg:targetGroup', 'id:concept/target-group/produzierende-industrie'),
        ('id:concept/target-group/unternehmen', 'Companies@en', 'id:scheme/target-group', '4', 'id:cluster/social-economy', 'id:cluster/social-economy', 'mkg:targetGroup', 'id:concept/target-group/social-economy'),
        ('id:concept/target-group/unternehmen', 'Companies@en', 'id:scheme/target-group', '4', 'id:cluster/social-economy', 'id:support-offer/social-economy', 'mkg:targetGroup', 'id:concept/target-group/social-economy'),
        ('id:concept/target-group/start-ups', 'Start-ups@en', 'id:scheme/target-group', '3', 'id:cluster/green-industry', 'id:cluster/green-industry', 'mkg:actorGroup', 'id:concept/target-group/start-ups'),
        ('id:concept/target-group/start-ups', 'Start-ups@en', 'id:scheme/target-group', '3', 'id:cluster/green-industry', 'id:measure/aufbau-netzwerk-green-industry', 'mkg:actorGroup', 'id:concept/target-group/start-ups'),
        ('id:concept/target-group/start-ups', 'Start-ups@en', 'id:scheme/target-group', '3', 'id:cluster/medical-technology', 'id:cluster/medical-technology', 'mkg:actorGroup', 'id:concept/target-group/start-ups'),
        ('id:concept/target-group/start-ups', 'Start-ups@en', 'id:scheme/target-group', '3', 'id:cluster/smart-industries', 'id:cluster/smart-industries', 'mkg:actorGroup', 'id:concept/target-group/start-ups'),
    ]),
    ('sites-per-cluster', {}, [
        ('id:cluster/green-industry', 'id:place/innovationszentrum-green-tech', 'Innovationszentrum Green Tech@de', 'Innovationszentrum@de', 'entsteht@de', '2025^^xsd:gYear', 'id:place/jungbusch', 'dct:relation'),
        ('id:cluster/medical-technology', 'id:place/cubex-41', 'CUBEX 41@de', 'Gründungs- und Kompetenzzentrum@de', '', '', '', 'mkg:nearbyInfrastructure'),
        ('id:cluster/medical-technology', 'id:place/cubex-one', 'CUBEX ONE@de', 'Business Development Center@de', '', '', '', 'mkg:nearbyInfrastructure'),
        ('id:cluster/medical-technology', 'id:place/tpma-gebaeude', 'Gebäude der TPMA@de', 'Gebäude@de', '', '', '', 'mkg:nearbyInfrastructure'),
        ('id:cluster/medical-technology', 'id:place/mannheim-medical-technology-campus', 'Mannheim Medical Technology Campus@de', 'Campus@de', '', '', 'id:place/mannheim', 'mkg:focalSite'),
        ('id:cluster/medical-technology', 'id:place/real-labore', 'Real-Labore im klinischen Kontext@de', 'Real-Labor@de', 'wachsend@de', '', 'id:place/mannheim', 'mkg:offeredAt'),
    ]),
    ('sites-per-cluster', {'cluster': 'https://w3id.org/mannheim-kg/id/cluster/green-industry', 'lang': 'en'}, [
        ('id:cluster/green-industry', 'id:place/innovationszentrum-green-tech', 'Green Tech Innovation Centre@en', 'Innovation centre@en', 'under construction@en', '2025^^xsd:gYear', 'id:place/jungbusch', 'dct:relation'),
    ]),
    ('strategy', {}, [
        ('id:strategy/wirtschaftspolitische-strategie', 'out', 'rdfs:label', '', 'Wirtschaftspolitische Strategie@de', ''),
        ('id:strategy/wirtschaftspolitische-strategie', 'out', 'prov:wasAttributedTo', 'id:organisation/stadt-mannheim', 'Stadt Mannheim@de', ''),
        ('id:strategy/wirtschaftspolitische-strategie', 'out', 'mkg:approachElement', 'id:concept/approach/cross-cluster-projekte', 'Cross-Cluster-Projekte@de', ''),
        ('id:strategy/wirtschaftspolitische-strategie', 'out', 'mkg:approachElement', 'id:concept/approach/fokus-auf-die-basis', 'Fokus auf die Basis@de', ''),
        ('id:strategy/wirtschaftspolitische-strategie', 'out', 'mkg:approachElement', 'id:concept/approach/matrixorganisation', 'Matrixorganisation@de', ''),
        ('id:strategy/wirtschaftspolitische-strategie', 'out', 'mkg:approachElement', 'id:concept/approach/kompetenzfeldorientierte-firmenbetreuung', 'kompetenzfeldorientierte Firmenbetreuung@de', ''),
        ('id:strategy/wirtschaftspolitische-strategie', 'out', 'mkg:coreConcern', '', 'Unterstützung und Entwicklung der Unternehmen am Standort@de', ''),
        ('id:strategy/wirtschaftspolitische-strategie', 'out', 'mkg:formerName', '', 'Neue Wirtschaftspolitische Strategie@de', ''),
        ('id:strategy/wirtschaftspolitische-strategie', 'out', 'mkg:status', 'id:concept/status/existing', 'besteht@de', ''),
        ('id:strategy/wirtschaftspolitische-strategie', 'in', 'prov:used', 'id:activity/beschluss-fortschreibung-2021-03', 'Beschluss des Gemeinderats zur Fortschreibung der Wirtschaftspolitischen Strategie@de', '2021-03^^xsd:gYearMonth'),
        ('id:strategy/wirtschaftspolitische-strategie', 'in', 'prov:used', 'id:activity/umsetzung-wirtschaftspolitische-strategie', 'Umsetzung der Neuen Wirtschaftspolitischen Strategie@de', ''),
    ]),
    ('strategy', {'lang': 'en'}, [
        ('id:strategy/wirtschaftspolitische-strategie', 'out', 'rdfs:label', '', 'Economic Policy Strategy@en', ''),
        ('id:strategy/wirtschaftspolitische-strategie', 'out', 'prov:wasAttributedTo', 'id:organisation/stadt-mannheim', 'City of Mannheim@en', ''),
        ('id:strategy/wirtschaftspolitische-strategie', 'out', 'mkg:approachElement', 'id:concept/approach/cross-cluster-projekte', 'Cross-cluster projects@en', ''),
        ('id:strategy/wirtschaftspolitische-strategie', 'out', 'mkg:approachElement', 'id:concept/approach/fokus-auf-die-basis', 'Focus on the basics@en', ''),
        ('id:strategy/wirtschaftspolitische-strategie', 'out', 'mkg:approachElement', 'id:concept/approach/matrixorganisation', 'Matrix organisation@en', ''),
        ('id:strategy/wirtschaftspolitische-strategie', 'out', 'mkg:approachElement', 'id:concept/approach/kompetenzfeldorientierte-firmenbetreuung', 'competence-field-oriented company support@en', ''),
        ('id:strategy/wirtschaftspolitische-strategie', 'out', 'mkg:coreConcern', '', 'Support and development of the companies at the location@en', ''),
        ('id:strategy/wirtschaftspolitische-strategie', 'out', 'mkg:formerName', '', 'New Economic Policy Strategy@en', ''),
        ('id:strategy/wirtschaftspolitische-strategie', 'out', 'mkg:status', 'id:concept/status/existing', 'existing@en', ''),
        ('id:strategy/wirtschaftspolitische-strategie', 'in', 'prov:used', 'id:activity/beschluss-fortschreibung-2021-03', 'Decision of the Municipal Council on the continuation of the Economic Policy Strategy@en', '2021-03^^xsd:gYearMonth'),
        ('id:strategy/wirtschaftspolitische-strategie', 'in', 'prov:used', 'id:activity/umsetzung-wirtschaftspolitische-strategie', 'Implementation of the New Economic Policy Strategy@en', ''),
    ]),
    ('timeline', {}, [
        ('2011^^xsd:gYear', 'xsd:gYear', '', 'mkg:since', 'id:unit/clustermanagement-medical-technology', 'Clustermanagement Mannheim Medical Technology Cluster@de', 'id:cluster/medical-technology'),
        ('2016^^xsd:gYear', 'xsd:gYear', '', 'mkg:since', 'id:support-offer/smart-production-industrie-4-0', 'Regionales Unterstützungsangebot zur Digitalisierung in der Produktion (Industrie 4.0)@de', 'id:cluster/smart-industries'),
        ('2016^^xsd:gYear', 'xsd:gYear', '', 'schema:foundingDate', 'id:organisation/smart-production-ev', 'Smart Production e.V.@de', 'id:cluster/smart-industries'),
        ('2018^^xsd:gYear', 'xsd:gYear', '', 'mkg:since', 'id:measure/vernetzung-social-economy', 'Vernetzung und Ansprache von Akteuren aus dem Bereich Social Economy@de', 'id:cluster/social-economy'),
        ('2021-03^^xsd:gYearMonth', 'xsd:gYearMonth', '', 'dct:date', 'id:activity/beschluss-fortschreibung-2021-03', 'Beschluss des Gemeinderats zur Fortschreibung der Wirtschaftspolitischen Strategie@de', ''),
        ('2021-05^^xsd:gYearMonth', 'xsd:gYearMonth', '', 'schema:startDate', 'id:event/european-social-economy-summit', 'European Social Economy Summit@de', 'id:cluster/social-economy'),
        ('2022^^xsd:gYear', 'xsd:gYear', '', 'mkg:since', 'id:unit/clustermanagement-green-industry', 'Clustermanagement Green Industry Cluster@de', 'id:cluster/green-industry'),
        ('2025^^xsd:gYear', 'xsd:gYear', '', 'mkg:plannedCompletion', 'id:place/innovationszentrum-green-tech', 'Innovationszentrum Green Tech@de', 'id:cluster/green-industry'),
        ('', '', 'vor rund zehn Jahren@de', 'mkg:startedBeforeSource', 'id:activity/umsetzung-wirtschaftspolitische-strategie', 'Umsetzung der Neuen Wirtschaftspolitischen Strategie@de', ''),
        ('', '', 'in den vergangenen zwei Jahren@de', 'mkg:periodBeforeSource', 'id:activity/auf-und-ausbau-der-cluster', 'Zielgerichteter Auf- bzw. Ausbau der Cluster@de', ''),
    ]),
    ('timeline', {'lang': 'en'}, [
        ('2011^^xsd:gYear', 'xsd:gYear', '', 'mkg:since', 'id:unit/clustermanagement-medical-technology', 'Cluster management of the Mannheim Medical Technology Cluster@en', 'id:cluster/medical-technology'),
        ('2016^^xsd:gYear', 'xsd:gYear', '', 'mkg:since', 'id:support-offer/smart-production-industrie-4-0', 'Regional support offer for digitalisation in production (Industry 4.0)@en', 'id:cluster/smart-industries'),
        ('2016^^xsd:gYear', 'xsd:gYear', '', 'schema:foundingDate', 'id:organisation/smart-production-ev', 'Smart Production e.V.@en', 'id:cluster/smart-industries'),
        ('2018^^xsd:gYear', 'xsd:gYear', '', 'mkg:since', 'id:measure/vernetzung-social-economy', 'Networking with and approaching actors from the social economy@en', 'id:cluster/social-economy'),
        ('2021-03^^xsd:gYearMonth', 'xsd:gYearMonth', '', 'dct:date', 'id:activity/beschluss-fortschreibung-2021-03', 'Decision of the Municipal Council on the continuation of the Economic Policy Strategy@en', ''),
        ('2021-05^^xsd:gYearMonth', 'xsd:gYearMonth', '', 'schema:startDate', 'id:event/european-social-economy-summit', 'European Social Economy Summit@en', 'id:cluster/social-economy'),
        ('2022^^xsd:gYear', 'xsd:gYear', '', 'mkg:since', 'id:unit/clustermanagement-green-industry', 'Cluster management of the Green Industry Cluster@en', 'id:cluster/green-industry'),
        ('2025^^xsd:gYear', 'xsd:gYear', '', 'mkg:plannedCompletion', 'id:place/innovationszentrum-green-tech', 'Green Tech Innovation Centre@en', 'id:cluster/green-industry'),
        ('', '', 'about ten years ago@en', 'mkg:startedBeforeSource', 'id:activity/umsetzung-wirtschaftspolitische-strategie', 'Implementation of the New Economic Policy Strategy@en', ''),
        ('', '', 'in the past two years@en', 'mkg:periodBeforeSource', 'id:activity/auf-und-ausbau-der-cluster', 'Targeted build-up and expansion of the clusters@en', ''),
    ]),
]
# fmt: on


def case_id(case) -> str:
    name, params, _ = case
    return name + "".join(f"-{k}={v.rpartition('/')[2]}" for k, v in params.items())


@pytest.fixture(scope="module")
def api_client(settings):
    """The app with its real query service (worker processes, time and row limits)."""
    app = create_app(settings)
    yield app.test_client()
    app.extensions[EXTENSION]["query_service"].close()


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_over_http(api_client, case):
    name, params, expected = case
    response = api_client.get(
        f"/api/queries/{name}",
        query_string=params,
        headers={"Accept": "application/sparql-results+json"},
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
    assert rows_of(json.loads(result.output)) == expected


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
