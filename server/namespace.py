"""The project's one IRI namespace (UK "designing URI sets": /def/ terms, /id/ things)."""

BASE = "https://w3id.org/mannheim-kg/"
DEF = BASE + "def/"
ID = BASE + "id/"
GRAPH = BASE + "graph/"
SHAPES = BASE + "shapes/"
