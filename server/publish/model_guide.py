"""The model guide for analysts (docs/model.md, docs/model.svg), generated from shapes + ontology.

Per node shape (one kind of resource): its meaning in German and English, and every property
its shapes allow or require, with range, cardinality, an example value from the data and a
ready SPARQL snippet. The diagram draws the classes and the object properties between them.
Nothing here is hand-written about the model: change the shapes or the ontology, then run
`python -m server.publish.model_guide` and commit the two files.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, SKOS

from server.config import PROJECT_ROOT
from server.rdf.namespace import PREFIXES, THING_PREFIXES

GUIDE = PROJECT_ROOT / "docs" / "model.md"
DIAGRAM = PROJECT_ROOT / "docs" / "model.svg"
SKIPPED_PATHS = {RDF.type}


@dataclass
class PropertyRow:
    """One property of a kind of resource, as the guide lists it."""

    path: str  # as written in SPARQL (prefixed, ^ for inverse)
    range: str
    cardinality: str
    example: str
    iri: URIRef | None = None  # the property, when the path is a plain IRI
    target_class: URIRef | None = None  # sh:class of the values, for the diagram


@dataclass
class KindOfResource:
    """One node shape with a target class."""

    shape: URIRef
    classes: list[URIRef]
    label: dict[str, str]
    meaning: dict[str, str]
    properties: list[PropertyRow] = field(default_factory=list)


class _Names:
    """Prefixed names for IRIs, with the project's and the standard prefixes."""

    def __init__(self) -> None:
        spaces = {**{k: str(v) for k, v in PREFIXES.items()}, **THING_PREFIXES}
        spaces.setdefault("oa", "http://www.w3.org/ns/oa#")
        spaces.setdefault("edtf", "http://id.loc.gov/datatypes/edtf/")
        self.spaces = sorted(spaces.items(), key=lambda item: -len(item[1]))

    def __call__(self, term) -> str:
        if isinstance(term, Literal):
            text = str(term)
            short = text if len(text) <= 60 else text[:57] + "…"
            if term.language:
                return f'"{short}"@{term.language}'
            if term.datatype is not None and not str(term.datatype).endswith(
                ("#string", "#integer")
            ):
                return f'"{short}"^^{self(term.datatype)}'
            return f'"{short}"'
        text = str(term)
        for prefix, space in self.spaces:
            if text.startswith(space) and "/" not in text[len(space) :]:
                return f"{prefix}:{text[len(space) :]}"
        return f"<{text}>"


def _load(paths: list[Path]) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(path)
    return graph


def _texts(graph: Graph, subject, predicates) -> dict[str, str]:
    found: dict[str, str] = {}
    for predicate in predicates:
        for value in sorted(graph.objects(subject, predicate), key=str):
            if isinstance(value, Literal) and value.language in ("de", "en"):
                found.setdefault(value.language, " ".join(str(value).split()))
    return found


def _list(graph: Graph, node) -> list:
    return list(Collection(graph, node)) if node is not None else []


def _range(shapes: Graph, prop, names: _Names) -> tuple[str, URIRef | None]:
    """The values a property shape allows, as people read them, and its sh:class if any."""
    parts: list[str] = []
    target = shapes.value(prop, SH["class"])
    if target is not None:
        parts.append(names(target))
    datatype = shapes.value(prop, SH.datatype)
    if datatype is not None:
        parts.append(names(datatype))
    allowed = _list(shapes, shapes.value(prop, SH["in"]))
    if allowed:
        parts.append("one of " + ", ".join(names(v) for v in allowed))
    value = shapes.value(prop, SH.hasValue)
    if value is not None:
        parts.append("= " + names(value))
    for option in _list(shapes, shapes.value(prop, SH["or"])):
        kinds = [names(v) for k in (SH["class"], SH.datatype) for v in shapes.objects(option, k)]
        parts.extend(kinds)
    node_kind = shapes.value(prop, SH.nodeKind)
    if not parts and node_kind is not None:
        parts.append("IRI" if node_kind == SH.IRI else names(node_kind))
    return (" or ".join(dict.fromkeys(parts)) or "any"), target


def _path(shapes: Graph, path, names: _Names) -> tuple[str, URIRef | None]:
    if isinstance(path, URIRef):
        return names(path), path
    inverse = shapes.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + names(inverse), None
    steps = _list(shapes, path)
    return "/".join(names(step) for step in steps), None


def _cardinality(shapes: Graph, props: list) -> str:
    low = max((int(v) for p in props for v in shapes.objects(p, SH.minCount)), default=0)
    highs = [int(v) for p in props for v in shapes.objects(p, SH.maxCount)]
    return f"{low}..{min(highs) if highs else '*'}"


def _example(data: Graph, classes: list[URIRef], path: str, iri, names: _Names) -> str:
    """The smallest value (in text order) the data has for the property: stable across runs."""
    if iri is None:
        return ""
    values = [
        value
        for cls in classes
        for subject in data.subjects(RDF.type, cls)
        for value in data.objects(subject, iri)
    ]
    if not values:
        return ""
    if all(isinstance(v, BNode) for v in values):
        return "(a node of its own)"
    return names(min((v for v in values if not isinstance(v, BNode)), key=str))


def _standard_meaning(vocab: dict[str, str], cls: URIRef, label: dict[str, str]) -> dict[str, str]:
    """A standard class: its vocabulary's own comment (English), named in German by the shape."""
    german = label.get("de", "").removeprefix("Shape: ")
    return {
        "de": f"{german} – Standardklasse; das Vokabular beschreibt sie nur auf Englisch.",
        "en": vocab.get(str(cls), "(no description in the pinned vocabulary)"),
    }


def vocabulary_comments(folder: Path) -> dict[str, str]:
    """The English rdfs:comment / skos:definition of every term of the pinned vocabularies."""
    import pyoxigraph as ox

    wanted = {str(RDFS.comment), str(SKOS.definition), "http://www.w3.org/ns/prov#definition"}
    found: dict[str, str] = {}
    for path in sorted(folder.glob("*.ttl")):
        quads = ox.parse(
            path=str(path), format=ox.RdfFormat.TURTLE, lenient=True, base_iri="http://example.org/"
        )
        for quad in quads:
            obj = quad.object
            if (
                quad.predicate.value in wanted
                and isinstance(obj, ox.Literal)
                and obj.language in (None, "en")
                and isinstance(quad.subject, ox.NamedNode)
            ):
                found.setdefault(quad.subject.value, " ".join(obj.value.split()))
    return found


def kinds_of_resource(
    shapes: Graph, ontology: Graph, data: Graph, vocab: dict[str, str]
) -> list[KindOfResource]:
    """Every node shape with a target class, with its properties (shared shapes included)."""
    names = _Names()
    kinds = []
    for shape in sorted(shapes.subjects(RDF.type, SH.NodeShape), key=str):
        # The project's own class first: it names the kind of resource.
        classes = sorted(
            shapes.objects(shape, SH.targetClass),
            key=lambda c: (not str(c).startswith("https://w3id.org/mannheim-kg/"), str(c)),
        )
        if not classes or isinstance(shape, BNode):
            continue
        main = classes[0]
        meaning = _texts(ontology, main, (SKOS.definition,)) or _standard_meaning(
            vocab, main, _texts(shapes, shape, (RDFS.label,))
        )
        kind = KindOfResource(shape, classes, _texts(shapes, shape, (RDFS.label,)), meaning)
        by_path: dict[str, list] = {}
        for prop in shapes.objects(shape, SH.property):
            path = shapes.value(prop, SH.path)
            if path is None or path in SKIPPED_PATHS:
                continue
            by_path.setdefault(_path(shapes, path, names)[0], []).append(prop)
        for written, props in sorted(by_path.items()):
            path_term = shapes.value(props[0], SH.path)
            _, iri = _path(shapes, path_term, names)
            ranges = sorted((_range(shapes, p, names) for p in props), key=lambda r: r[0])
            kind.properties.append(
                PropertyRow(
                    path=written,
                    range=" · ".join(dict.fromkeys(r for r, _ in ranges)),
                    cardinality=_cardinality(shapes, props),
                    example=_example(data, classes, written, iri, names),
                    iri=iri,
                    target_class=next((t for _, t in ranges if t is not None), None),
                )
            )
        kinds.append(kind)
    return kinds


def render_guide(kinds: list[KindOfResource]) -> str:
    """docs/model.md as text."""
    names = _Names()
    lines = [
        "# The model, for analysts (generated)",
        "",
        "Generated by `python -m server.publish.model_guide` from `shapes/data.ttl` and",
        "`ontology/mannheim-kg.ttl`, with example values from `data/`: do not edit by hand.",
        "Each section is one kind of resource (a SHACL node shape): its meaning, then every",
        "property it uses with the values allowed, how many (min..max), an example value",
        "and a ready SPARQL pattern. Where a fact comes from: every description is the",
        "`oa:hasBody` of a passage whose `oa:hasTarget/oa:hasSelector/oa:exact` is the",
        "sentence of the press release. Dates (`schema:startDate`, `mkg:plannedCompletion`)",
        "are at the source's precision: the datatype is the precision (`xsd:gYear`,",
        "`xsd:gYearMonth`, EDTF season `2022-21` = spring 2022).",
        "",
        "![Diagram of the model](model.svg)",
        "",
    ]
    for kind in kinds:
        title = kind.label.get("en", names(kind.shape)).removeprefix("Shape: ")
        lines += [f"## {title} ({', '.join(names(c) for c in kind.classes)})", ""]
        for lang in ("de", "en"):
            if lang in kind.meaning:
                lines.append(f"- **{lang}**: {kind.meaning[lang]}")
        lines += ["", "| property | values | count | example | SPARQL |", "|---|---|---|---|---|"]
        for row in kind.properties:
            cls = names(kind.classes[0])
            snippet = f"`?x a {cls} ; {row.path} ?value .`"
            cells = [f"`{row.path}`", row.range, row.cardinality, row.example, snippet]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def render_diagram(kinds: list[KindOfResource]) -> str:
    """docs/model.svg: one box per kind of resource, an arrow per property with a class range."""
    names = _Names()
    columns, width, height, gap_x, gap_y = 4, 230, 34, 60, 70
    position: dict[URIRef, tuple[int, int]] = {}
    boxes = []
    for index, kind in enumerate(kinds):
        x = 20 + (index % columns) * (width + gap_x)
        y = 20 + (index // columns) * (height + gap_y)
        for cls in kind.classes:
            position.setdefault(cls, (x, y))
        label = html.escape(names(kind.classes[0]))
        boxes.append(
            f'<rect x="{x}" y="{y}" width="{width}" height="{height}" rx="4" '
            f'fill="#eef4fb" stroke="#3465a4"/>'
            f'<text x="{x + width / 2}" y="{y + 22}" text-anchor="middle">{label}</text>'
        )
    edges = []
    for kind in kinds:
        start = position[kind.classes[0]]
        for row in kind.properties:
            end = position.get(row.target_class) if row.target_class is not None else None
            if end is None or end == start:
                continue
            x1, y1 = start[0] + width / 2, start[1] + height
            x2, y2 = end[0] + width / 2, end[1]
            edges.append(
                f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#888" '
                f'marker-end="url(#arrow)"/>'
                f'<text x="{(x1 + x2) / 2}" y="{(y1 + y2) / 2}" font-size="10" '
                f'fill="#555">{html.escape(row.path)}</text>'
            )
    rows = (len(kinds) + columns - 1) // columns
    total_w, total_h = 40 + columns * (width + gap_x), 40 + rows * (height + gap_y)
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_w}" height="{total_h}" '
            f'font-family="sans-serif" font-size="12">',
            '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" '
            'markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#888"/></marker>'
            "</defs>",
            *edges,
            *boxes,
            "</svg>",
            "",
        ]
    )


def build(root: Path = PROJECT_ROOT) -> tuple[str, str]:
    """The guide and the diagram for the project at `root`."""
    shapes = _load(sorted((root / "shapes").glob("data.ttl")))
    ontology = _load(sorted((root / "ontology").glob("*.ttl")))
    # Examples only from public graphs: the restricted contact details stay out of the docs.
    data = _load(sorted(p for p in (root / "data").glob("*.ttl") if p.stem != "contact-details"))
    kinds = kinds_of_resource(shapes, ontology, data, vocabulary_comments(root / "vocab"))
    return render_guide(kinds), render_diagram(kinds)


def main() -> None:
    """Write docs/model.md and docs/model.svg."""
    guide, diagram = build()
    GUIDE.write_text(guide, encoding="utf-8")
    DIAGRAM.write_text(diagram, encoding="utf-8")


if __name__ == "__main__":
    main()
