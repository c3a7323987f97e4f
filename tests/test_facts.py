# ruff: noqa: E501
"""Every fact of the press release, as a SPARQL ASK query on the loaded graph.

Each entry quotes the source (German) and asks for the triples that model it.
The graph is the `kg` fixture of conftest.py: every file of ontology/ and data/
in its own named graph, queried with the default graph as their union.
(Long lines allowed: a fact quotes the source and its query stays readable on one line.)
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

PREFIXES = """
PREFIX rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd:  <http://www.w3.org/2001/XMLSchema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct:  <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org:  <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX vcard: <http://www.w3.org/2006/vcard/ns#>
PREFIX locn: <http://www.w3.org/ns/locn#>
PREFIX cv:   <http://data.europa.eu/m8g/>
PREFIX person: <http://www.w3.org/ns/person#>
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dpv:  <https://w3id.org/dpv#>
PREFIX pd:   <https://w3id.org/dpv/pd#>
PREFIX wd:   <http://www.wikidata.org/entity/>
PREFIX mkg:  <https://w3id.org/mannheim-kg/def/>
PREFIX graph: <https://w3id.org/mannheim-kg/graph/>
PREFIX doc:  <https://w3id.org/mannheim-kg/id/document/>
PREFIX strategy: <https://w3id.org/mannheim-kg/id/strategy/>
PREFIX activity: <https://w3id.org/mannheim-kg/id/activity/>
PREFIX measure: <https://w3id.org/mannheim-kg/id/measure/>
PREFIX organisation: <https://w3id.org/mannheim-kg/id/organisation/>
PREFIX unit: <https://w3id.org/mannheim-kg/id/unit/>
PREFIX post: <https://w3id.org/mannheim-kg/id/post/>
PREFIX people: <https://w3id.org/mannheim-kg/id/person/>
PREFIX cluster: <https://w3id.org/mannheim-kg/id/cluster/>
PREFIX brand: <https://w3id.org/mannheim-kg/id/brand/>
PREFIX offer: <https://w3id.org/mannheim-kg/id/support-offer/>
PREFIX place: <https://w3id.org/mannheim-kg/id/place/>
PREFIX address: <https://w3id.org/mannheim-kg/id/address/>
PREFIX event: <https://w3id.org/mannheim-kg/id/event/>
PREFIX quotation: <https://w3id.org/mannheim-kg/id/quotation/>
PREFIX quantity: <https://w3id.org/mannheim-kg/id/quantity/>
PREFIX telephone: <https://w3id.org/mannheim-kg/id/telephone/>
PREFIX scheme: <https://w3id.org/mannheim-kg/id/scheme/>
PREFIX field: <https://w3id.org/mannheim-kg/id/concept/competence-field/>
PREFIX topic: <https://w3id.org/mannheim-kg/id/concept/topic/>
PREFIX group: <https://w3id.org/mannheim-kg/id/concept/target-group/>
PREFIX actor: <https://w3id.org/mannheim-kg/id/concept/actor-type/>
PREFIX oa:   <http://www.w3.org/ns/oa#>
PREFIX edtf: <http://id.loc.gov/datatypes/edtf/>
PREFIX status: <https://w3id.org/mannheim-kg/id/concept/status/>
PREFIX qualifier: <https://w3id.org/mannheim-kg/id/concept/quantity-qualifier/>
PREFIX approach: <https://w3id.org/mannheim-kg/id/concept/approach/>
PREFIX profile: <https://w3id.org/mannheim-kg/id/concept/location-profile/>
PREFIX facility: <https://w3id.org/mannheim-kg/id/concept/facility-type/>
PREFIX level: <https://w3id.org/mannheim-kg/id/concept/governance-level/>
"""

# (what the source says, ASK query body)
FACTS: list[tuple[str, str]] = [
    # ------------------------------------------------------------ strategy
    (
        "„Vor rund zehn Jahren startete die Umsetzung der „Neuen Wirtschaftspolitischen Strategie“ der Stadt Mannheim.“",
        """ASK { ?a a prov:Activity ; prov:used strategy:wirtschaftspolitische-strategie ;
                  mkg:startedBeforeSource ?q .
                ?q schema:value 10 ; mkg:qualifier qualifier:about .
                strategy:wirtschaftspolitische-strategie a mkg:EconomicPolicyStrategy ;
                  mkg:formerName "Neue Wirtschaftspolitische Strategie"@de ;
                  prov:wasAttributedTo organisation:stadt-mannheim . }""",
    ),
    (
        "„Zwischenzeitlich als „Wirtschaftspolitische Strategie“ etabliert und erfolgreich“",
        """ASK { strategy:wirtschaftspolitische-strategie rdfs:label "Wirtschaftspolitische Strategie"@de ;
                  mkg:status status:existing ; mkg:assessment ?a .
                FILTER (CONTAINS(?a, "etabliert und erfolgreich")) }""",
    ),
    (
        "„beschloss der Gemeinderat im März 2021 ihre Fortschreibung“",
        """ASK { ?d a mkg:Decision ; prov:wasAssociatedWith unit:gemeinderat ;
                  prov:used strategy:wirtschaftspolitische-strategie ;
                  schema:startDate "2021-03"^^xsd:gYearMonth ; rdfs:label ?l .
                FILTER (CONTAINS(?l, "Fortschreibung")) }""",
    ),
    (
        "„und somit die Weiterentwicklung ihrer zentralen Elemente“",
        """ASK { ?d a mkg:Decision ; dct:description ?t .
                FILTER (LANG(?t) = "de" && CONTAINS(?t, "Weiterentwicklung ihrer zentralen Elemente")) }""",
    ),
    (
        "„die Unterstützung und Entwicklung der Unternehmen am Standort eines der Kernanliegen“",
        """ASK { strategy:wirtschaftspolitische-strategie mkg:coreConcern
                  "Unterstützung und Entwicklung der Unternehmen am Standort"@de }""",
    ),
    (
        "„Neben dem Fokus auf die Basis, hat sich der Ansatz einer kompetenzfeldorientierten Firmenbetreuung als richtig und erfolgreich erwiesen.“",
        """ASK { strategy:wirtschaftspolitische-strategie
                  mkg:approachElement approach:fokus-auf-die-basis , approach:kompetenzfeldorientierte-firmenbetreuung .
                # the judgement is the speaker's: it lives in his quotation, not as a fact
                ?q a schema:Quotation ; schema:creator people:michael-groetsch ; schema:text ?a ;
                  schema:about approach:kompetenzfeldorientierte-firmenbetreuung .
                FILTER (CONTAINS(?a, "richtig und erfolgreich")) }""",
    ),
    (
        "„Mit gleich vier kommunal initiierten und getriebenen Clustern übernehmen wir deutschlandweit eine Vorreiterrolle“",
        """ASK { { SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a mkg:Cluster ; mkg:initiatedBy organisation:stadt-mannheim } }
                FILTER (?n = 4)
                ?q a schema:Quotation ; schema:creator people:michael-groetsch ; schema:text ?a ;
                  schema:about organisation:stadt-mannheim .
                FILTER (CONTAINS(?a, "deutschlandweit eine Vorreiterrolle")) }""",
    ),
    (
        "„betont Wirtschaftsbürgermeister Michael Grötsch“",
        """ASK { post:wirtschaftsbuergermeister a org:Post ; rdfs:label "Wirtschaftsbürgermeister"@de ;
                  org:postIn organisation:stadt-mannheim ; org:heldBy people:michael-groetsch .
                people:michael-groetsch foaf:name "Michael Grötsch" ; org:holds post:wirtschaftsbuergermeister . }""",
    ),
    (
        "„so Christiane Ram, Leiterin der Wirtschaftsförderung“",
        """ASK { people:christiane-ram foaf:name "Christiane Ram" ; org:headOf unit:wirtschaftsfoerderung .
                post:leitung-wirtschaftsfoerderung org:heldBy people:christiane-ram ; org:role org:Head ;
                  org:postIn unit:wirtschaftsfoerderung ; rdfs:label "Leitung der Wirtschaftsförderung"@de . }""",
    ),
    (
        "„Die für die Wirtschaftsförderung gewählte Organisationsform als Matrix hat sich als flexibel und kundenorientiert bewährt.“",
        """ASK { unit:wirtschaftsfoerderung org:classification approach:matrixorganisation .
                ?q a schema:Quotation ; schema:creator people:christiane-ram ; schema:text ?a ;
                  schema:about approach:matrixorganisation , unit:wirtschaftsfoerderung .
                FILTER (CONTAINS(?a, "flexibel und kundenorientiert")) }""",
    ),
    (
        "„Im Clustermanagement ... durch Cross-Cluster-Projekte Innovationen beschleunigen“",
        """ASK { measure:cross-cluster-projekte a mkg:Measure ; schema:agent unit:wirtschaftsfoerderung ;
                  mkg:status status:planned ; mkg:topic topic:innovation .
                FILTER NOT EXISTS { strategy:wirtschaftspolitische-strategie mkg:approachElement approach:cross-cluster-projekte } }""",
    ),
    (
        "„Im Ausschuss für Wirtschaft, Arbeit und Soziales und mittels einer Informationsvorlage wurden die vier ... Kompetenzfelder ... dem Gemeinderat und der Öffentlichkeit vorgestellt.“",
        """ASK { ?p a prov:Activity ; mkg:presentedIn unit:ausschuss-wirtschaft-arbeit-soziales ;
                  mkg:presentedTo unit:gemeinderat , group:oeffentlichkeit ;
                  prov:used ?vorlage ;
                  dct:subject cluster:medical-technology , cluster:social-economy , cluster:smart-industries , cluster:green-industry .
                ?vorlage a foaf:Document ; rdfs:label ?l . FILTER (STRSTARTS(?l, "Informationsvorlage"))
                unit:ausschuss-wirtschaft-arbeit-soziales rdfs:label "Ausschuss für Wirtschaft, Arbeit und Soziales"@de . }""",
    ),
    (
        "„In den vergangenen zwei Jahren wurden die Cluster zielgerichtet auf- bzw. ausgebaut“",
        """ASK { activity:auf-und-ausbau-der-cluster mkg:periodBeforeSource ?q ;
                  dct:subject cluster:medical-technology , cluster:green-industry .
                ?q schema:value 2 ; schema:unitText "Jahre"@de . }""",
    ),
    (
        "„Die Kompetenzfelder sind im Einzelnen: Mannheim Medical Technology Cluster, Social Economy Cluster, Cluster Smart Industries, Green Industry Cluster“",
        """ASK { cluster:medical-technology a mkg:Cluster ; rdfs:label "Mannheim Medical Technology Cluster"@de .
                cluster:social-economy a mkg:Cluster ; rdfs:label "Social Economy Cluster"@de .
                cluster:smart-industries a mkg:Cluster ; rdfs:label "Cluster Smart Industries"@de .
                cluster:green-industry a mkg:Cluster ; rdfs:label "Green Industry Cluster"@de .
                FILTER NOT EXISTS { ?other a mkg:Cluster
                  FILTER (?other NOT IN (cluster:medical-technology, cluster:social-economy, cluster:smart-industries, cluster:green-industry)) } }""",
    ),
    (
        "„Fachbereich für Wirtschafts- und Strukturförderung“ = Wirtschaftsförderung der Stadt Mannheim",
        """ASK { unit:wirtschaftsfoerderung a org:OrganizationalUnit ;
                  rdfs:label "Fachbereich für Wirtschafts- und Strukturförderung"@de ;
                  skos:altLabel "Wirtschaftsförderung"@de ; org:unitOf organisation:stadt-mannheim .
                organisation:stadt-mannheim a cv:PublicOrganisation , org:FormalOrganization ;
                  rdfs:label "Stadt Mannheim"@de . }""",
    ),
    (
        "die vier Kompetenzfelder der Wirtschaftsförderung, je ein Cluster",
        """ASK { { SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { unit:wirtschaftsfoerderung mkg:competenceField ?f } }
                FILTER (?n = 4)
                cluster:medical-technology mkg:competenceField field:gesundheitswirtschaft .
                cluster:social-economy mkg:competenceField field:social-economy .
                cluster:smart-industries mkg:competenceField field:smart-industries .
                cluster:green-industry mkg:competenceField field:green-tech . }""",
    ),
    # ------------------------------------------------------------ MedTech
    (
        "„Ziel des Clustermanagements, seit 2011 im Fachbereich für Wirtschafts- und Strukturförderung angesiedelt“",
        """ASK { cluster:medical-technology mkg:clusterManagement ?m .
                ?m a mkg:ClusterManagement ; org:subOrganizationOf unit:wirtschaftsfoerderung ;
                  schema:startDate "2011"^^xsd:gYear ; mkg:status status:existing . }""",
    ),
    (
        "„ist die Rolle Mannheims in der Region zu festigen und weiter auszubauen“",
        """ASK { cluster:medical-technology mkg:clusterManagement/mkg:goal
                  "die Rolle Mannheims in der Region zu festigen und weiter auszubauen"@de }""",
    ),
    (
        "„Die Marke des Mannheim Medical Technology Clusters ... ist bei den Akteuren zwischenzeitlich fest verankert.“",
        """ASK { cluster:medical-technology schema:brand ?b . ?b a schema:Brand ; mkg:assessment ?a ;
                  mkg:combinesStrength profile:medizintechnologie-standort .
                place:mannheim mkg:strength profile:medizintechnologie-standort .
                FILTER (CONTAINS(?a, "fest verankert")) }""",
    ),
    (
        "„Mannheim und Heidelberg verfügen über komplementäre Schwerpunkte in unterschiedlichen Teilgebieten der Gesundheitswirtschaft.“",
        """ASK { place:mannheim mkg:complementaryFocusWith place:heidelberg .
                place:heidelberg mkg:complementaryFocusWith place:mannheim ; a schema:City ;
                  schema:sameAs wd:Q2966 ; skos:note ?n .
                FILTER (CONTAINS(?n, "Synergien zu nutzen")) }""",
    ),
    (
        "„Kristallisationspunkt der Aktivitäten ist der Mannheim Medical Technology Campus“",
        """ASK { cluster:medical-technology mkg:focalSite place:mannheim-medical-technology-campus .
                place:mannheim-medical-technology-campus a org:Site , schema:Place ;
                  rdfs:label "Mannheim Medical Technology Campus"@de ; schema:containedInPlace place:mannheim . }""",
    ),
    (
        "„wo Start-ups, Unternehmen, Forschung und Klinik eng verzahnt zusammenarbeiten“",
        """ASK { place:mannheim-medical-technology-campus mkg:actorType actor:start-ups , actor:unternehmen ,
                  actor:forschungseinrichtungen , actor:klinik . }""",
    ),
    (
        "„mit dem Business Development Center CUBEX ONE, dem Gründungs- und Kompetenzzentrum Medizintechnologie CUBEX 41 und den Gebäuden der TPMA“",
        """ASK { place:mannheim-medical-technology-campus
                  mkg:nearbyInfrastructure place:cubex-one , place:cubex-41 , place:tpma-gebaeude .
                place:cubex-one rdfs:label "CUBEX ONE"@de ; mkg:facilityType facility:business-development-center .
                # "in fußläufiger Entfernung": near the campus, not said to be on it
                FILTER NOT EXISTS { place:cubex-one schema:containedInPlace place:mannheim-medical-technology-campus }
                place:cubex-41 rdfs:label "CUBEX 41"@de ; mkg:facilityType facility:gruendungs-und-kompetenzzentrum ;
                  mkg:topic field:medizintechnologie .
                place:tpma-gebaeude org:siteOf organisation:tpma . }""",
    ),
    (
        "„hervorragende Infrastruktur in fußläufiger Entfernung“",
        """ASK { place:mannheim-medical-technology-campus mkg:assessment "hervorragende Infrastruktur in fußläufiger Entfernung"@de }""",
    ),
    (
        "„Durch die wachsende Infrastruktur der Real-Labore im klinischen Kontext ... ihre Produkte im realen Alltag mit Anbindung an klinische Prozesse zu testen“",
        """ASK { place:real-labore mkg:status status:growing ; mkg:facilityType facility:real-labor ;
                  schema:containedInPlace place:mannheim .
                ?o a mkg:SupportOffer ; mkg:offeredAt place:real-labore ;
                  dct:audience group:medizintechnik-produktentwicklung ;
                  mkg:relatedCluster cluster:medical-technology . }""",
    ),
    (
        "„Trotz der Erweiterung des Kompetenzfeldes zur Gesundheitswirtschaft ist die Medizintechnologie weiterhin stärkste Teilbranche in Mannheim“",
        """ASK { field:gesundheitswirtschaft mkg:strongestSubfield field:medizintechnologie .
                field:medizintechnologie skos:broader field:gesundheitswirtschaft .
                cluster:medical-technology mkg:rationale ?r .
                FILTER (CONTAINS(?r, "ursprüngliche Bezeichnung des Clusters beibehalten")) }""",
    ),
    # ------------------------------------------------------ Social Economy
    (
        "„Um soziale Innovationen und soziales Unternehmertum in Mannheim weiter zu etablieren und zur Entwicklung der Stadt zu nutzen“",
        """ASK { cluster:social-economy mkg:topic topic:soziale-innovation , topic:soziales-unternehmertum ;
                  mkg:competenceField field:social-economy ; mkg:goal ?g .
                FILTER (CONTAINS(?g, "zur Entwicklung der Stadt zu nutzen")) }""",
    ),
    (
        "„Im Fokus stehen Unternehmen, die gesellschaftliche Ziele adressieren und mit marktwirtschaftlichem Handeln umsetzen.“",
        """ASK { cluster:social-economy dct:audience group:social-economy .
                group:social-economy skos:scopeNote "Im Fokus stehen Unternehmen, die gesellschaftliche Ziele adressieren und mit marktwirtschaftlichem Handeln umsetzen."@de .
                FILTER NOT EXISTS { field:social-economy skos:definition ?d } }""",
    ),
    (
        "„Seit 2018 arbeitet der Fachbereich aktiv an der Vernetzung und Ansprache von Akteuren aus diesem Bereich.“",
        """ASK { ?m a mkg:Measure ; schema:agent unit:wirtschaftsfoerderung ; schema:startDate "2018"^^xsd:gYear ;
                  mkg:status status:ongoing ; mkg:relatedCluster cluster:social-economy ;
                  mkg:topic topic:vernetzung-und-ansprache . }""",
    ),
    (
        "„Erst kürzlich wurde die Stelle eines Clustermanagements eingerichtet.“",
        """ASK { cluster:social-economy mkg:clusterManagement ?m .
                ?m mkg:status status:recently-established . status:recently-established skos:broader status:existing . }""",
    ),
    (
        "„Insgesamt acht digitale Road to Mannheim Events“",
        """ASK { event:road-to-mannheim a schema:EventSeries ;
                  schema:eventAttendanceMode schema:OnlineEventAttendanceMode ; mkg:eventCount ?q .
                ?q schema:value 8 ; mkg:qualifier qualifier:total . }""",
    ),
    (
        "„mit insgesamt 4.300 internationalen Teilnehmenden“",
        """ASK { event:road-to-mannheim mkg:participantCount ?q .
                ?q a schema:QuantitativeValue ; schema:value 4300 ; mkg:qualifier qualifier:total ;
                  schema:unitText "internationale Teilnehmende"@de . }""",
    ),
    (
        "„in Vorbereitung für den ... European Social Economy Summit im Mai 2021 organisiert“",
        """ASK { event:road-to-mannheim mkg:preparationFor event:european-social-economy-summit .
                event:european-social-economy-summit a schema:Event , cv:PublicEvent ;
                  rdfs:label "European Social Economy Summit"@de ;
                  schema:startDate "2021-05"^^xsd:gYearMonth . }""",
    ),
    (
        "„gemeinsam mit der EU-Kommission veranstalteten“",
        """ASK { event:european-social-economy-summit mkg:coOrganizer organisation:europaeische-kommission .
                FILTER NOT EXISTS { event:european-social-economy-summit schema:organizer ?o }
                organisation:europaeische-kommission skos:altLabel "EU-Kommission"@de ; schema:sameAs wd:Q8880 . }""",
    ),
    (
        "„Dieser war mit über 4.000 Teilnehmenden“ (eine Untergrenze, keine genaue Zahl)",
        """ASK { event:european-social-economy-summit mkg:participantCount ?q .
                ?q schema:minValue 4000 ; mkg:qualifier qualifier:more-than .
                FILTER NOT EXISTS { ?q schema:value ?v } }""",
    ),
    (
        "„aus 102 Ländern“",
        """ASK { event:european-social-economy-summit mkg:participantCountryCount ?q .
                ?q schema:value 102 ; mkg:qualifier qualifier:exact . }""",
    ),
    (
        "„der weltweit größte Kongress der Sozialwirtschaft in diesem Jahr“",
        """ASK { event:european-social-economy-summit mkg:assessment ?a ; mkg:relatedCluster cluster:social-economy .
                cluster:social-economy mkg:milestone event:european-social-economy-summit , event:road-to-mannheim .
                FILTER (CONTAINS(?a, "weltweit größte Kongress der Sozialwirtschaft")) }""",
    ),
    (
        "„Seitdem ist Mannheim international gut vernetzt.“",
        """ASK { place:mannheim mkg:assessment ?a . FILTER (CONTAINS(?a, "international gut vernetzt")) }""",
    ),
    (
        "„Es wurden bereits Unterstützungsangebote für die Zielgruppe Social Economy entwickelt und mit der Umsetzung begonnen.“",
        """ASK { ?o a mkg:SupportOffer ; dct:audience group:social-economy ;
                  mkg:status status:in-implementation ; mkg:relatedCluster cluster:social-economy . }""",
    ),
    (
        "„Sowohl auf EU-, Bundes- wie auch auf Landesebene werden Förderprogramme entwickelt, die es für den Standort zu erschließen gilt.“",
        """ASK { ?m a mkg:Measure ; mkg:topic topic:foerderprogramme ;
                  mkg:governanceLevel level:eu , level:bund , level:land ;
                  mkg:status status:planned . }""",
    ),
    # ---------------------------------------------------- Smart Industries
    (
        "„Bereits im Jahr 2016 hat der Fachbereich ... mit Gründung des Netzwerks Smart Production e.V. gemeinsam mit dem Rhein-Neckar-Kreis ...“",
        """ASK { organisation:smart-production-ev a org:FormalOrganization ;
                  schema:startDate "2016"^^xsd:gYear ;
                  schema:founder unit:wirtschaftsfoerderung , organisation:rhein-neckar-kreis .
                organisation:rhein-neckar-kreis rdfs:label "Rhein-Neckar-Kreis"@de . }""",
    ),
    (
        "„ein regionales Unterstützungsangebot für Unternehmen der produzierenden Industrie zur Digitalisierung in der Produktion (Industrie 4.0) etabliert“",
        """ASK { offer:smart-production-industrie-4-0 a mkg:SupportOffer ; schema:startDate "2016"^^xsd:gYear ;
                  dct:audience group:produzierende-industrie ; mkg:topic topic:industrie-4-0 ;
                  schema:areaServed place:region ; mkg:deliveredThrough organisation:smart-production-ev ;
                  schema:provider unit:wirtschaftsfoerderung , organisation:rhein-neckar-kreis . }""",
    ),
    (
        "„als erste kommunale Wirtschaftsförderung“",
        """ASK { offer:smart-production-industrie-4-0 mkg:assessment ?a .
                FILTER (CONTAINS(?a, "erste kommunale Wirtschaftsförderung")) }""",
    ),
    (
        "„Dieses Unterstützungsangebot wird aktuell zu einem Cluster weiterentwickelt und ein Clustermanagement bei der Wirtschaftsförderung eingerichtet.“",
        """ASK { cluster:smart-industries mkg:clusterManagement ?m .
                ?m mkg:status status:in-setup ; org:subOrganizationOf unit:wirtschaftsfoerderung .
                ?w a mkg:Measure ; schema:object offer:smart-production-industrie-4-0 ;
                  schema:result cluster:smart-industries ; mkg:status status:ongoing . }""",
    ),
    (
        "„der zwischenzeitlich rund 50 Netzwerkmitglieder ... umfasst“",
        """ASK { organisation:smart-production-ev mkg:memberCount ?q .
                ?q schema:value 50 ; mkg:qualifier qualifier:about . }""",
    ),
    (
        "„von Startups über etablierte KMU bis hin zu Hochschuleinrichtungen und Weltmarktführeren“",
        """ASK { organisation:smart-production-ev mkg:actorType actor:start-ups , actor:kmu ,
                  actor:hochschulen , actor:weltmarktfuehrer .
                actor:kmu skos:altLabel "etablierte KMU"@de . actor:hochschulen skos:altLabel "Hochschuleinrichtungen"@de . }""",
    ),
    (
        "„Im Zuge dessen soll ebenso der Smart Production e.V. ... ausgebaut werden.“",
        """ASK { ?m a mkg:Measure ; schema:object organisation:smart-production-ev ;
                  mkg:status status:planned ; mkg:relatedCluster cluster:smart-industries . }""",
    ),
    (
        "„plant die Wirtschaftsförderung hier ihre Aktivitäten auszuweiten ... Unterstützungsangebot für Unternehmen aller Branchen zur Digitalisierung“",
        """ASK { ?m a mkg:Measure ; schema:agent unit:wirtschaftsfoerderung ;
                  mkg:status status:planned ; schema:result ?o ; mkg:rationale ?r .
                ?o a mkg:SupportOffer ; dct:audience group:unternehmen-aller-branchen ;
                  mkg:topic topic:digitalisierung ; mkg:status status:planned .
                FILTER (CONTAINS(?r, "Branchen vor, die bisher davon unberührt")) }""",
    ),
    (
        "„Ziel des Clusters ist, digitale Innovationen zu unterstützen sowie Produktivität und Standortsicherung durch B2B Vernetzung verschiedenster Akteure zu befördern.“",
        """ASK { cluster:smart-industries mkg:topic topic:digitale-innovation , topic:b2b-vernetzung ,
                  topic:produktivitaet-und-standortsicherung ; mkg:goal ?g .
                FILTER (LANG(?g) = "de" && CONTAINS(?g, "B2B Vernetzung verschiedenster Akteure")) }""",
    ),
    (
        "„Das Gelingen der digitalen Transformation ist eine wichtige Grundlage um Arbeitsplätze in Mannheim zu sichern ... sowie Fachkräfte und Talente zu halten und anzuwerben.“",
        """ASK { cluster:smart-industries mkg:topic topic:digitale-transformation , topic:arbeitsplaetze , topic:fachkraefte ;
                  mkg:rationale ?r . FILTER (CONTAINS(?r, "Fachkräfte und Talente zu halten und anzuwerben")) }""",
    ),
    # ------------------------------------------------------- Green Industry
    (
        "„Die Marke Green Industry Cluster fasst die Aktivitäten der Wirtschaftsförderung im Rahmen der Förderung des Kompetenzfeldes Green Tech zusammen.“",
        """ASK { cluster:green-industry mkg:competenceField field:green-tech ; schema:brand brand:green-industry-cluster .
                brand:green-industry-cluster dct:description ?d . FILTER (CONTAINS(?d, "Kompetenzfeldes Green Tech")) }""",
    ),
    (
        "„Seit Frühjahr 2022 befindet sich ein Clustermanagement im Aufbau.“ (EDTF-Jahreszeit 2022-21, kein Tag)",
        """ASK { cluster:green-industry mkg:clusterManagement ?m .
                ?m schema:startDate "2022-21"^^edtf:EDTF ; mkg:status status:in-setup ; skos:note ?n .
                FILTER (CONTAINS(?n, "Frühjahr 2022")) }""",
    ),
    (
        "„Die Marke Green Industry Cluster verbindet zwei Mannheimer Stärken“: Produktions- und Green Tech-Standort",
        """ASK { brand:green-industry-cluster mkg:combinesStrength profile:produktionsstandort , profile:green-tech-standort .
                place:mannheim mkg:strength profile:produktionsstandort , profile:green-tech-standort . }""",
    ),
    (
        "„Mannheim ist Produktionsstandort und steht damit vor der Jahrhundertaufgabe die sozialökologische und -ökonomische Transformation voranzutreiben“",
        """ASK { place:mannheim mkg:challenge topic:sozialoekologische-transformation ; mkg:assessment ?a .
                FILTER (CONTAINS(?a, "Jahrhundertaufgabe")) }""",
    ),
    (
        "„eine Analyse des Unternehmensbesatzes durch die RegioClusterAgentur Baden-Württemberg, dass die Region eindeutige Stärken in den sieben Green Tech-Leitmärkten hat“",
        """ASK { ?a a prov:Activity ; prov:wasAssociatedWith organisation:regioclusteragentur-baden-wuerttemberg ;
                  dct:subject place:region ; mkg:finding ?f .
                place:region mkg:strength topic:green-tech-leitmaerkte .
                field:green-tech mkg:leadMarketCount ?q . ?q schema:value 7 .
                FILTER (CONTAINS(?f, "sieben Green Tech-Leitmärkten")) }""",
    ),
    (
        "„Die Kombination aus starkem Produktionsstandort und starkem Green Tech-Standort begründet die Clusteraktivitäten im Bereich Green Industry.“",
        """ASK { cluster:green-industry mkg:rationale ?r . FILTER (CONTAINS(?r, "begründet die Clusteraktivitäten")) }""",
    ),
    (
        "„Der Schwerpunkt der Arbeit ... liegt aktuell im Aufbau eines Netzwerkes aus Unternehmen, Startups, Hochschulen, Forschungseinrichtungen“",
        """ASK { ?m a mkg:Measure ; schema:agent cluster:green-industry ; mkg:status status:ongoing ;
                  mkg:actorType actor:unternehmen , actor:start-ups , actor:hochschulen , actor:forschungseinrichtungen . }""",
    ),
    (
        "„und Gründung eines Green Industry Cluster e.V.“ (geplant, nicht gegründet: kein Gründungsdatum)",
        """ASK { organisation:green-industry-cluster-ev mkg:status status:planned .
                ?m a mkg:Measure ; schema:result organisation:green-industry-cluster-ev ;
                  mkg:status status:planned .
                FILTER NOT EXISTS { organisation:green-industry-cluster-ev schema:startDate ?d } }""",
    ),
    (
        "„Mit dem Innovationszentrum Green Tech entsteht in der Hafenstraße im Mannheimer Jungbusch bis 2025“",
        """ASK { place:innovationszentrum-green-tech mkg:status status:being-created ;
                  mkg:plannedCompletion "2025"^^xsd:gYear ;
                  locn:address ?a ; schema:containedInPlace place:jungbusch .
                ?a locn:thoroughfare "Hafenstraße" ; locn:addressArea "Jungbusch" .
                place:jungbusch schema:containedInPlace place:mannheim . }""",
    ),
    (
        "„ein physischer Ort für die Umsetzung von Technologien in den Bereichen Umwelt- und Klimaschutz, sogenannte grüne Technologien – Green Tech“",
        """ASK { place:innovationszentrum-green-tech mkg:topic topic:umwelt-und-klimaschutz , field:green-tech .
                field:green-tech skos:altLabel "grüne Technologien"@de . }""",
    ),
    # -------------------------------------------------- contacts and phones
    (
        "„Katharina Fox, Tel: 01512 769 8412“ (Mannheim Medical Technology Cluster, Mobilnummer)",
        """ASK { cluster:medical-technology mkg:contactPerson people:katharina-fox .
                people:katharina-fox vcard:hasTelephone ?t .
                ?t a vcard:Cell , vcard:Voice ; vcard:hasValue <tel:+4915127698412> .
                ?passage oa:hasBody ?t ; oa:hasTarget/oa:hasSelector/oa:exact "Tel: 01512 769 8412" .
                FILTER NOT EXISTS { people:katharina-fox org:memberOf ?u } }""",
    ),
    (
        "„Anna Gustedt, Tel: (0621) 293 9978“ (Mannheim Medical Technology Cluster, Festnetz)",
        """ASK { cluster:medical-technology mkg:contactPerson people:anna-gustedt .
                people:anna-gustedt vcard:hasTelephone ?t . ?t a vcard:Voice ; vcard:hasValue <tel:+496212939978> .
                FILTER NOT EXISTS { ?t a vcard:Cell } }""",
    ),
    (
        "„Matthias Henel, Tel: 0175 194 7568“ (Social Economy Cluster, Mobilnummer)",
        """ASK { cluster:social-economy mkg:contactPerson people:matthias-henel .
                people:matthias-henel vcard:hasTelephone ?t . ?t a vcard:Cell ; vcard:hasValue <tel:+491751947568> . }""",
    ),
    (
        "„Stefan Bley, Tel: 0152 5452 7698“ (Cluster Smart Industries, Mobilnummer)",
        """ASK { cluster:smart-industries mkg:contactPerson people:stefan-bley .
                people:stefan-bley vcard:hasTelephone ?t . ?t a vcard:Cell ; vcard:hasValue <tel:+4915254527698> . }""",
    ),
    (
        "„Sandra Link, Tel: (0621) 293 2938“ (Cluster Smart Industries, Festnetz)",
        """ASK { cluster:smart-industries mkg:contactPerson people:sandra-link .
                people:sandra-link vcard:hasTelephone ?t . ?t vcard:hasValue <tel:+496212932938> .
                FILTER NOT EXISTS { ?t a vcard:Cell } }""",
    ),
    (
        "„Torben Stieglitz, Tel: (0621) 293 2157“ (Green Industry Cluster, Festnetz)",
        """ASK { cluster:green-industry mkg:contactPerson people:torben-stieglitz .
                people:torben-stieglitz vcard:hasTelephone ?t . ?t vcard:hasValue <tel:+496212932157> .
                FILTER NOT EXISTS { ?t a vcard:Cell } }""",
    ),
    (
        "„Anna Schmidt, Tel: (0621) 293 3358“ (Green Industry Cluster, Festnetz)",
        """ASK { cluster:green-industry mkg:contactPerson people:anna-schmidt .
                people:anna-schmidt foaf:givenName "Anna" ; foaf:familyName "Schmidt" ; vcard:hasTelephone ?t .
                ?t vcard:hasValue <tel:+496212933358> . FILTER NOT EXISTS { ?t a vcard:Cell } }""",
    ),
    (
        "sieben Ansprechpersonen (wer sie beschäftigt, sagt die Quelle nicht); Telefonnummern nur im Graph contact-details",
        """ASK { { SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?c mkg:contactPerson ?p . FILTER NOT EXISTS { ?p org:memberOf ?u } } }
                FILTER (?n = 7)
                FILTER NOT EXISTS { GRAPH ?g { ?x vcard:hasTelephone ?t } FILTER (?g != graph:contact-details) } }""",
    ),
    # ----------------------------------------------------------- quotations
    (
        "Zitat Grötsch: „… Mit gleich vier kommunal initiierten und getriebenen Clustern übernehmen wir deutschlandweit eine Vorreiterrolle“",
        """ASK { quotation:michael-groetsch-kompetenzfelder a schema:Quotation ; schema:text ?t ;
                  schema:creator people:michael-groetsch ; prov:wasAttributedTo people:michael-groetsch ;
                  schema:isBasedOn doc:pressemitteilung-kompetenzfelder .
                FILTER (STRSTARTS(?t, "Neben dem Fokus auf die Basis") && STRENDS(?t, "deutschlandweit eine Vorreiterrolle")) }""",
    ),
    (
        "Zitat Ram: „Die für die Wirtschaftsförderung gewählte Organisationsform als Matrix … Innovationen beschleunigen“",
        """ASK { quotation:christiane-ram-matrixorganisation a schema:Quotation ; schema:text ?t ;
                  schema:creator people:christiane-ram ; prov:wasAttributedTo people:christiane-ram ;
                  schema:about approach:matrixorganisation .
                FILTER (STRSTARTS(?t, "Die für die Wirtschaftsförderung gewählte Organisationsform als Matrix")
                        && STRENDS(?t, "Innovationen beschleunigen")) }""",
    ),
    # --------------------------------------------- identity and provenance
    (
        "Mannheim als Ort ist Wikidata Q2119 (die Stadtverwaltung als Organisation ist ein eigener Knoten)",
        """ASK { place:mannheim a schema:City ; schema:sameAs wd:Q2119 .
                organisation:stadt-mannheim dct:spatial place:mannheim .
                FILTER NOT EXISTS { organisation:stadt-mannheim schema:sameAs ?x } }""",
    ),
    (
        "„Quelle: Stadt Mannheim“ – die Pressemitteilung „Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse …“",
        """ASK { doc:pressemitteilung-kompetenzfelder a foaf:Document , prov:Entity ;
                  dct:title "Wirtschaftsförderung: Vier Kompetenzfelder setzen neue Impulse und entwickeln bestehende Potenziale weiter"@de ;
                  dct:publisher organisation:stadt-mannheim ; dct:bibliographicCitation "Quelle: Stadt Mannheim" .
                FILTER NOT EXISTS { doc:pressemitteilung-kompetenzfelder dct:issued|dct:date|dct:created ?d } }""",
    ),
    (
        "jeder Graph ist aus der Pressemitteilung abgeleitet (prov:wasDerivedFrom am Graph-Eintrag), nie die beschriebenen Dinge",
        """ASK { FILTER NOT EXISTS {
                  GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), "https://w3id.org/mannheim-kg/graph/") && ?g NOT IN (graph:retired))
                  FILTER NOT EXISTS { ?g prov:wasDerivedFrom doc:pressemitteilung-kompetenzfelder } }
                FILTER NOT EXISTS { ?x prov:wasDerivedFrom ?d FILTER NOT EXISTS { ?x a dcat:Dataset } } }""",
    ),
    (
        "„Insgesamt acht digitale Road to Mannheim Events mit insgesamt 4.300 internationalen Teilnehmenden“: der Satz der Zahl ist als Textstelle verknüpft",
        """ASK { ?passage a oa:Annotation ; oa:hasBody quantity:road-to-mannheim-teilnehmende ;
                  oa:hasTarget [ oa:hasSource doc:pressemitteilung-kompetenzfelder ; oa:hasSelector ?s ] .
                ?s a oa:TextQuoteSelector ; oa:exact ?text .
                FILTER (STRSTARTS(?text, "Insgesamt acht digitale Road to Mannheim Events mit insgesamt 4.300")) }""",
    ),
    (
        "„Mannheim und Heidelberg verfügen über komplementäre Schwerpunkte“ im Abschnitt des Medical Technology Clusters: Heidelberg ist Partner des Clusters",
        """ASK { cluster:medical-technology mkg:partner place:heidelberg ;
                  mkg:infrastructure place:real-labore , place:mannheim-medical-technology-campus . }""",
    ),
    (
        "der Graph mit den Telefonnummern ist als personenbezogen und nicht öffentlich gekennzeichnet",
        """ASK { graph:contact-details a dcat:Dataset ;
                  dct:accessRights <http://publications.europa.eu/resource/authority/access-right/RESTRICTED> ;
                  dpv:hasPersonalData pd:TelephoneNumber , pd:Name ; dpv:hasPurpose dpv:CommunicationManagement ;
                  prov:wasDerivedFrom doc:pressemitteilung-kompetenzfelder . }""",
    ),
]


def test_enough_facts() -> None:
    assert len(FACTS) >= 45


def test_fact_descriptions_are_unique() -> None:
    descriptions = [description for description, _ in FACTS]
    assert len(descriptions) == len(set(descriptions))


@pytest.mark.parametrize(
    ("description", "query"), FACTS, ids=[f"fact{i:02d}" for i in range(1, len(FACTS) + 1)]
)
def test_fact(kg: ox.Store, description: str, query: str) -> None:
    result = kg.query(PREFIXES + query, use_default_graph_as_union=True)
    assert isinstance(result, ox.QueryBoolean), description
    assert bool(result), f"not in the graph: {description}"
