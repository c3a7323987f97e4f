"""The pages' two languages: the message catalogue (de, en) and how a request picks one.

A dict, not gettext/Flask-Babel: two languages and some eighty short strings, no plural
rules beyond one count, nothing to compile (.po → .mo) at build time, and a test can check
that both languages have exactly the same keys. The data bring their own translations
(labels @de/@en); this catalogue only holds the interface's words.

The language: `?lang=de|en` (remembered in a cookie), else the cookie, else the best
match of Accept-Language, else German (the source's language).
"""

from __future__ import annotations

from flask import Response, g, request

LANGUAGES = ("de", "en")
DEFAULT = "de"
COOKIE = "lang"
COOKIE_AGE = 365 * 24 * 3600

MESSAGES: dict[str, dict[str, str]] = {
    "site.name": {"de": "Wissensgraph Mannheim", "en": "Mannheim knowledge graph"},
    "site.tagline": {
        "de": "Wirtschaftspolitische Strategie und Kompetenzfeld-Cluster der Stadt Mannheim",
        "en": "The City of Mannheim's economic policy strategy and competence-field clusters",
    },
    "nav.label": {"de": "Hauptnavigation", "en": "Main navigation"},
    "nav.home": {"de": "Start", "en": "Home"},
    "nav.editor": {"de": "SPARQL-Editor", "en": "SPARQL editor"},
    "nav.queries": {"de": "Abfragen", "en": "Queries"},
    "nav.network": {"de": "Netzwerk", "en": "Network"},
    "nav.timeline": {"de": "Zeitleiste", "en": "Timeline"},
    "nav.downloads": {"de": "Downloads", "en": "Downloads"},
    "nav.model": {"de": "Modell", "en": "Model guide"},
    "nav.skip": {"de": "Zum Inhalt springen", "en": "Skip to content"},
    "lang.other": {"de": "English", "en": "Deutsch"},
    "footer.text": {
        "de": "Offene Daten aus einer Pressemitteilung der Stadt Mannheim. Maschinenlesbar:",
        "en": "Open data from a press release of the City of Mannheim. Machine-readable:",
    },
    "home.title": {"de": "Der Wissensgraph", "en": "The knowledge graph"},
    "home.intro": {
        "de": "Dieser Wissensgraph beschreibt die wirtschaftspolitische Strategie der Stadt "
        "Mannheim und ihre vier Cluster in den Kompetenzfeldern – mit Standorten, Netzwerken, "
        "Partnern und Ansprechpersonen. Jede Aussage ist auf einen Satz der Quelle "
        "zurückzuführen. Abfragen lassen sich im SPARQL-Editor schreiben oder aus dem "
        "Katalog fertiger Abfragen wählen.",
        "en": "This knowledge graph describes the City of Mannheim's economic policy strategy "
        "and its four clusters in the competence fields – with their sites, networks, "
        "partners and contact persons. Every statement traces back to a sentence of the "
        "source. Write queries in the SPARQL editor or pick one from the catalogue of "
        "ready queries.",
    },
    "home.clusters": {"de": "Die vier Cluster", "en": "The four clusters"},
    "home.counts": {"de": "Der Graph in Zahlen", "en": "The graph in numbers"},
    "home.explore": {"de": "Weiter", "en": "Explore"},
    "home.triples": {"de": "Tripel", "en": "triples"},
    "home.graphs": {"de": "benannte Graphen", "en": "named graphs"},
    "home.queries": {"de": "fertige Abfragen", "en": "ready queries"},
    "home.editor": {
        "de": "SPARQL-Editor: eigene Abfragen schreiben und ausführen",
        "en": "SPARQL editor: write and run your own queries",
    },
    "home.catalogue": {
        "de": "Abfragekatalog: fertige Abfragen als Formulare",
        "en": "Query catalogue: ready queries as forms",
    },
    "home.downloads": {
        "de": "Downloads: der ganze Graph als Datei",
        "en": "Downloads: the whole graph as a file",
    },
    "home.model": {
        "de": "Modell-Leitfaden: Klassen und Eigenschaften (/def/)",
        "en": "Model guide: classes and properties (/def/)",
    },
    "home.pictures": {
        "de": "Bilder: Netzwerk der Cluster und Zeitleiste",
        "en": "Pictures: the clusters' network and the timeline",
    },
    "cluster.field": {"de": "Kompetenzfeld", "en": "Competence field"},
    "cluster.since": {"de": "Seit", "en": "Since"},
    "cluster.state": {"de": "Stand", "en": "State"},
    "cluster.sites": {"de": "Standorte", "en": "Sites"},
    "cluster.contacts": {"de": "Ansprechpersonen", "en": "Contact persons"},
    "cluster.none": {"de": "keine genannt", "en": "none named"},
    "queries.title": {"de": "Abfragekatalog", "en": "Query catalogue"},
    "queries.intro": {
        "de": "Fertige SPARQL-Abfragen mit typisierten Parametern. Jede ist auch als API "
        "aufrufbar:",
        "en": "Ready SPARQL queries with typed parameters. Each can also be called as an API:",
    },
    "queries.name": {"de": "Abfrage", "en": "Query"},
    "queries.summary": {"de": "Beschreibung", "en": "Description"},
    "queries.tags": {"de": "Schlagwörter", "en": "Tags"},
    "query.parameters": {"de": "Parameter", "en": "Parameters"},
    "query.noparameters": {
        "de": "Diese Abfrage hat keine Parameter.",
        "en": "This query has no parameters.",
    },
    "query.run": {"de": "Abfrage ausführen", "en": "Run query"},
    "query.any": {"de": "(alle)", "en": "(any)"},
    "query.required": {"de": "erforderlich", "en": "required"},
    "query.results": {"de": "Ergebnis", "en": "Results"},
    "query.text": {"de": "SPARQL-Text", "en": "SPARQL text"},
    "query.api": {"de": "Als API aufrufen", "en": "Call as an API"},
    "query.open": {"de": "Im Editor öffnen", "en": "Open in the editor"},
    "query.error": {"de": "Fehler", "en": "Error"},
    "results.rows": {"de": "Zeilen", "en": "rows"},
    "results.empty": {"de": "Keine Treffer.", "en": "No results."},
    "results.true": {"de": "Ja (true)", "en": "Yes (true)"},
    "results.false": {"de": "Nein (false)", "en": "No (false)"},
    "sparql.title": {"de": "SPARQL-Editor", "en": "SPARQL editor"},
    "sparql.intro": {
        "de": "Abfragen an den Graphen (nur lesend). Strg/Cmd+Eingabe führt die Abfrage aus.",
        "en": "Query the graph (read-only). Ctrl/Cmd+Enter runs the query.",
    },
    "sparql.query": {"de": "Abfrage", "en": "Query"},
    "sparql.endpoint": {"de": "SPARQL-Endpunkt", "en": "SPARQL endpoint"},
    "sparql.page_size": {"de": "Zeilen je Seite", "en": "Rows per page"},
    "sparql.filter": {"de": "Ergebnis filtern", "en": "Filter the results"},
    "sparql.run": {"de": "Ausführen", "en": "Run"},
    "sparql.examples": {"de": "Beispiele aus dem Katalog", "en": "Examples from the catalogue"},
    "sparql.limits": {"de": "Grenzen", "en": "Limits"},
    "sparql.graphs": {"de": "Benannte Graphen", "en": "Named graphs"},
    "sparql.fallback": {
        "de": "Der Editor (YASGUI) ist nicht installiert (npm ci); dieses einfache Formular "
        "funktioniert trotzdem.",
        "en": "The editor (YASGUI) is not installed (npm ci); this plain form works all the same.",
    },
    "sparql.plain": {
        "de": "Einfaches Formular ohne JavaScript",
        "en": "Plain form without JavaScript",
    },
    "sparql.description": {
        "de": "Dienstbeschreibung (Turtle)",
        "en": "Service Description (Turtle)",
    },
    "sparql.download": {"de": "Herunterladen", "en": "Download"},
    "network.title": {
        "de": "Netzwerk der Cluster",
        "en": "The clusters' network",
    },
    "network.desc": {
        "de": "Die vier Cluster mit ihren Standorten, Organisationen, Netzwerken, Partnern und "
        "Ansprechpersonen. Gemeinsame Partner stehen in der Mitte.",
        "en": "The four clusters with their sites, organisations, networks, partners and "
        "contact persons. Partners they share are in the middle.",
    },
    "network.text": {"de": "Dieselben Verbindungen als Text", "en": "The same links as text"},
    "network.legend": {"de": "Legende", "en": "Legend"},
    "kind.cluster": {"de": "Cluster", "en": "Cluster"},
    "kind.site": {"de": "Standort", "en": "Site"},
    "kind.organisation": {
        "de": "Organisation, Netzwerk, Partner",
        "en": "Organisation, network, partner",
    },
    "kind.person": {"de": "Ansprechperson", "en": "Contact person"},
    "timeline.title": {
        "de": "Zeitleiste der Strategie und ihrer Cluster 2011–2025",
        "en": "Timeline of the strategy and its clusters 2011–2025",
    },
    "timeline.desc": {
        "de": "Jede datierte Aussage in der Genauigkeit der Quelle: ein Jahr als Jahr, eine "
        "Jahreszeit als Jahreszeit, ein Monat als Monat.",
        "en": "Every dated fact at the precision of the source: a year as a year, a season as "
        "a season, a month as a month.",
    },
    "timeline.strategy": {"de": "Strategie", "en": "Strategy"},
    "timeline.relative": {
        "de": "Nur relativ zur Quelle datiert",
        "en": "Dated only relative to the source",
    },
    "timeline.when": {"de": "Wann", "en": "When"},
    "timeline.what": {"de": "Was", "en": "What"},
    "timeline.lane": {"de": "Bereich", "en": "Part"},
    "resource.iri": {"de": "IRI", "en": "IRI"},
    "resource.types": {"de": "Typ", "en": "Type"},
    "resource.formats": {"de": "Formate", "en": "Formats"},
    "resource.also": {"de": "Auch als", "en": "Also as"},
    "resource.editor": {
        "de": "Im Editor öffnen (DESCRIBE)",
        "en": "Open in the editor (DESCRIBE)",
    },
    "resource.properties": {"de": "Eigenschaften", "en": "Properties"},
    "resource.property": {"de": "Eigenschaft", "en": "Property"},
    "resource.value": {"de": "Wert", "en": "Value"},
    "resource.incoming": {"de": "Verweise hierher", "en": "Referred to by"},
    "resource.provenance": {"de": "Herkunft", "en": "Provenance"},
    "resource.passages": {
        "de": "Die Stelle(n) der Quelle, auf die diese Aussagen zurückgehen:",
        "en": "The passage(s) of the source these statements come from:",
    },
    "resource.source": {"de": "Quelle", "en": "Source"},
    "resource.graph": {"de": "Graph", "en": "Graph"},
    "resource.unknown": {"de": "Nicht gefunden", "en": "Not Found"},
    "resource.gone": {"de": "Entfernt", "en": "Gone"},
    "resource.undescribed": {
        "de": "in diesem Datensatz nicht beschrieben.",
        "en": "not described in this dataset.",
    },
    "resource.retired": {
        "de": "zurückgezogen und nicht mehr beschrieben.",
        "en": "retired and no longer described.",
    },
    "resource.instead": {"de": "Stattdessen", "en": "See instead"},
}


def language() -> str:
    """The request's language: ?lang=, the cookie, Accept-Language, or German."""
    if "mannheim_kg_lang" not in g:
        asked = request.args.get("lang", "")
        if asked in LANGUAGES:
            g.mannheim_kg_lang = asked
        elif request.cookies.get(COOKIE) in LANGUAGES:
            g.mannheim_kg_lang = request.cookies[COOKIE]
        else:
            g.mannheim_kg_lang = request.accept_languages.best_match(LANGUAGES) or DEFAULT
    return g.mannheim_kg_lang


def translate(key: str) -> str:
    """The message `key` in the request's language."""
    return MESSAGES[key][language()]


def remember(response: Response) -> Response:
    """Keep a language chosen with ?lang= in a cookie; pages vary by the language inputs."""
    asked = request.args.get("lang", "")
    if asked in LANGUAGES and request.cookies.get(COOKIE) != asked:
        response.set_cookie(COOKIE, asked, max_age=COOKIE_AGE, samesite="Lax", httponly=True)
    response.vary.update(("Accept-Language", "Cookie"))
    return response
