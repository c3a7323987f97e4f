"""A short text summary of the loaded graph (the first thing `make run` shows)."""

from __future__ import annotations

from server.rdf.namespace import DEF
from server.store.oxigraph import Store

CLASS_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?thing) AS ?n)
WHERE { ?thing a ?class . FILTER(!STRSTARTS(STR(?class), "http://www.w3.org/2002/07/owl#")) }
GROUP BY ?class ORDER BY DESC(?n) STR(?class)
"""

CLUSTERS = f"""
PREFIX mkg: <{DEF}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?cluster ?label (GROUP_CONCAT(?contactName; separator=", ") AS ?contacts)
WHERE {{
  ?cluster a mkg:Cluster ; rdfs:label ?label . FILTER(LANG(?label) = "de")
  OPTIONAL {{ ?cluster mkg:contactPerson ?contact .
              ?contact rdfs:label ?contactName . FILTER(LANG(?contactName) = "de") }}
}}
GROUP BY ?cluster ?label ORDER BY ?label
"""


def summarise(store: Store) -> str:
    lines = [f"{len(store)} triples (data version {store.version})", "", "Things per class:"]
    for row in store.query(CLASS_COUNTS):
        lines.append(f"  {int(row['n'].value):5d}  {row['class'].value}")
    lines += ["", "Clusters and their contact persons:"]
    for row in store.query(CLUSTERS):
        contacts = row["contacts"].value if row["contacts"] else "—"
        lines.append(f"  {row['label'].value}: {contacts}")
    return "\n".join(lines)
