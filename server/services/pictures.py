"""Pictures drawn from the graph as SVG: the clusters' network, and the timeline 2011–2025.

Server-side SVG (no JavaScript): nodes and marks are links (`<a href>`, reachable with the
keyboard) into the resource pages, every mark has a `<title>`, and the pages print the same
links as text beside the picture. The data come from server.services.overview's queries.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from xml.sax.saxutils import escape, quoteattr

from server.catalogue.catalogue import Catalogue
from server.services.overview import Moment, catalogue_rows, labels, local_path, moment, text
from server.services.query_service import QueryService

#: Node kinds, in legend order: fill colour and shape (shape too, not colour alone).
KINDS = {
    "cluster": ("#1d4f91", "circle"),
    "site": ("#2e7d32", "square"),
    "organisation": ("#a4481d", "diamond"),
    "person": ("#6a3d9a", "triangle"),
}


@dataclass
class Node:
    iri: str
    label: str
    kind: str
    clusters: set[str] = field(default_factory=set)


@dataclass
class Network:
    """Clusters and the sites, organisations (networks, partners) and people linked to them."""

    nodes: dict[str, Node]
    edges: list[tuple[str, str]]  # (cluster IRI, other IRI)

    def of_kind(self, kind: str) -> list[Node]:
        return sorted(
            (n for n in self.nodes.values() if n.kind == kind), key=lambda n: n.label.casefold()
        )


def network(service: QueryService, catalogue: Catalogue, lang: str) -> Network:
    """The cluster network from the catalogue's cluster, site, organisation and contact queries."""
    values = {"lang": lang}
    nodes: dict[str, Node] = {}
    edges: list[tuple[str, str]] = []
    for row in catalogue_rows(service, catalogue, "clusters", values):
        iri = text(row.get("cluster"))
        nodes.setdefault(iri, Node(iri, text(row.get("label")) or iri, "cluster", {iri}))
    columns = {
        "sites": ("site", "siteLabel", "site"),
        "organisations": ("organisation", "label", "organisation"),
        "contacts": ("person", "name", "person"),
    }
    for use, (key, label_key, kind) in columns.items():
        for row in catalogue_rows(service, catalogue, use, values):
            cluster, iri = text(row.get("cluster")), text(row.get(key))
            if cluster not in nodes or not iri or nodes.get(iri, Node("", "", kind)).kind != kind:
                continue
            node = nodes.setdefault(iri, Node(iri, text(row.get(label_key)) or iri, kind))
            node.clusters.add(cluster)
            if (cluster, iri) not in edges:
                edges.append((cluster, iri))
    return Network(nodes, edges)


def _shape(kind: str, x: float, y: float, r: float) -> str:
    colour, shape = KINDS[kind]
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}"/>'
    if shape == "square":
        side = 2 * r
        return (
            f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{side:.1f}" height="{side:.1f}" '
            f'fill="{colour}"/>'
        )
    if shape == "diamond":
        points = f"{x},{y - r * 1.2} {x + r * 1.2},{y} {x},{y + r * 1.2} {x - r * 1.2},{y}"
    else:
        points = f"{x},{y - r * 1.2} {x + r * 1.1},{y + r * 0.8} {x - r * 1.1},{y + r * 0.8}"
    return f'<polygon points="{points}" fill="{colour}"/>'


def _short(label: str, size: int = 34) -> str:
    return label if len(label) <= size else label[: size - 1].rstrip() + "…"


def network_svg(net: Network, words: Mapping[str, str]) -> str:
    """The network as SVG: clusters in two columns, what they share in the middle, what is
    theirs alone in a list on their outer side (labels never cross the lines).

    `words` holds the title, the description and the legend's names of the kinds (i18n).
    """
    width, step = 1200, 34.0
    clusters = net.of_kind("cluster")

    def own(cluster: Node) -> list[Node]:
        found = [
            n for n in net.nodes.values() if n.kind != "cluster" and n.clusters == {cluster.iri}
        ]
        return sorted(found, key=lambda n: (list(KINDS).index(n.kind), n.label.casefold()))

    half = max([(len(own(c)) - 1) / 2 * step for c in clusters] + [0])
    top, row_gap = half + 60, max(2 * half + 90, 260)
    rows = max(1, math.ceil(len(clusters) / 2))
    height = top + row_gap * (rows - 1) + half + 40
    position: dict[str, tuple[float, float]] = {}
    side: dict[str, str] = {}  # text-anchor of each node's label
    shared = [n for n in net.nodes.values() if n.kind != "cluster" and len(n.clusters) > 1]
    shared.sort(key=lambda n: (list(KINDS).index(n.kind), n.label.casefold()))
    middle_y = top + row_gap * (rows - 1) / 2
    for i, node in enumerate(shared):
        position[node.iri] = (width / 2, middle_y - 30 * (len(shared) - 1) + 60 * i)
        side[node.iri] = "middle"
    for i, node in enumerate(clusters):
        left = i % 2 == 0
        x0, y0 = (440 if left else width - 440), top + row_gap * (i // 2)
        position[node.iri] = (x0, y0)
        side[node.iri] = "middle"
        mine = [n for n in own(node) if n.iri not in position]
        for j, other in enumerate(mine):
            y = y0 + (j - (len(mine) - 1) / 2) * step
            position[other.iri] = (250 if left else width - 250, y)
            side[other.iri] = "end" if left else "start"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + 40}" '
        f'class="picture" role="group" aria-labelledby="network-title network-desc">',
        f'<title id="network-title">{escape(words["title"])}</title>',
        f'<desc id="network-desc">{escape(words["desc"])}</desc>',
        '<g class="edges" stroke="#8a8a8a" stroke-width="1.5" aria-hidden="true">',
    ]
    for a, b in net.edges:
        (x1, y1), (x2, y2) = position[a], position[b]
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"/>')
    parts.append('</g><g class="nodes">')
    for node in clusters + [n for n in net.nodes.values() if n.kind != "cluster"]:
        x, y = position[node.iri]
        anchor = side[node.iri]
        if node.kind == "cluster":
            r, tx, ty, size, label = 18, x, y - 28, 15, _short(node.label, 40)
        elif anchor == "middle":
            r, tx, ty, size, label = 9, x, y + 24, 14, _short(node.label, 40)
        else:
            r, size, label = 9, 13, _short(node.label, 27)
            tx, ty = (x - 16 if anchor == "end" else x + 16), y + 5
        weight = ' font-weight="700"' if node.kind == "cluster" else ""
        parts.append(
            f'<a href={quoteattr(local_path(node.iri))} class="node {node.kind}">'
            f"<title>{escape(words[node.kind])}: {escape(node.label)}</title>"
            f"{_shape(node.kind, x, y, r)}"
            f'<text x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}"{weight} '
            f'font-size="{size}" class="halo">{escape(label)}</text></a>'
        )
    parts.append("</g>")
    parts.append(_legend([(kind, words[kind]) for kind in KINDS], 20, height + 10, words))
    parts.append("</svg>")
    return "\n".join(parts)


def _legend(items: list[tuple[str, str]], x: float, y: float, words: Mapping[str, str]) -> str:
    parts = [f'<g class="legend" aria-label={quoteattr(words["legend"])}>']
    for kind, name in items:
        parts.append(_shape(kind, x + 8, y, 7))
        parts.append(f'<text x="{x + 22}" y="{y + 5}" font-size="14">{escape(name)}</text>')
        x += 28 + 8.2 * len(name)
    parts.append("</g>")
    return "".join(parts)


# -- the timeline ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Dated:
    """One fact of the timeline: the thing, its label, when (at its precision), its cluster."""

    iri: str
    label: str
    when: Moment | None
    wording: str
    property: str
    cluster: str
    property_label: str = ""  # the ontology's label of the date's property, where it has one


def timeline(service: QueryService, catalogue: Catalogue, lang: str) -> list[Dated]:
    """The catalogue's timeline: dated facts in order, then those the source dates relatively."""
    facts = []
    for row in catalogue_rows(service, catalogue, "timeline", {"lang": lang}):
        wording = text(row.get("relative") or row.get("dateLabel"))
        facts.append(
            Dated(
                text(row.get("thing")),
                text(row.get("label")),
                moment(row.get("date"), lang, wording),
                wording,
                text(row.get("dateProperty")),
                text(row.get("cluster")),
            )
        )
    names = labels(service, {f.property for f in facts if f.property}, lang)
    facts = [replace(f, property_label=names.get(f.property, "")) for f in facts]
    facts.sort(key=lambda f: (f.when is None, f.when.start if f.when else 0, f.label))
    return facts


def timeline_svg(
    facts: list[Dated],
    lanes: list[tuple[str, str]],
    words: Mapping[str, str],
    first: int = 2011,
    last: int = 2025,
) -> str:
    """Facts on a vertical time axis first…last; one column per lane (the strategy, clusters).

    A year is a bar the height of a year, a season a quarter of it, a month a twelfth: the
    mark shows the precision. `lanes` are (cluster IRI or "", name).
    """
    dated = [f for f in facts if f.when]
    per_year, top, left = 46.0, 130.0, 70.0
    lane_width = 26.0
    label_x = left + lane_width * len(lanes) + 16
    width = 1000

    def y_of(year: float) -> float:
        return top + (year - first) * per_year

    height = y_of(last + 1) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" '
        f'class="picture" role="group" aria-labelledby="timeline-title timeline-desc">',
        f'<title id="timeline-title">{escape(words["title"])}</title>',
        f'<desc id="timeline-desc">{escape(words["desc"])}</desc>',
        '<g class="axis" aria-hidden="true">',
    ]
    for year in range(first, last + 2):
        y = y_of(year)
        parts.append(
            f'<line x1="{left - 8}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" stroke="#d0d0d0"/>'
        )
        if year <= last:
            parts.append(
                f'<text x="{left - 14}" y="{y + per_year / 2 + 5:.1f}" text-anchor="end" '
                f'font-size="14">{year}</text>'
            )
    for i, (_iri, name) in enumerate(lanes):
        x = left + lane_width * i + lane_width / 2
        parts.append(
            f'<text x="{x:.1f}" y="{top - 10}" font-size="12" text-anchor="start" '
            f'transform="rotate(-35 {x:.1f} {top - 10})">{escape(_short(name, 24))}</text>'
        )
    parts.append('</g><g class="facts">')
    lane_of = {iri: i for i, (iri, _) in enumerate(lanes)}
    next_free = 0.0
    colours = ["#444444", "#1d4f91", "#2e7d32", "#a4481d", "#6a3d9a", "#00697a"]
    for fact in dated:
        when = fact.when
        lane = lane_of.get(fact.cluster, 0)
        x = left + lane_width * lane + 5
        y1, y2 = y_of(max(when.start, first)), y_of(min(when.end, last + 1))
        colour = colours[lane % len(colours)]
        aspect = f" ({fact.property_label})" if fact.property_label else ""
        label_y = max((y1 + y2) / 2 + 5, next_free)
        next_free = label_y + 19
        parts.append(
            f'<a href={quoteattr(local_path(fact.iri))} class="fact {when.precision}">'
            f"<title>{escape(when.text)}: {escape(fact.label)}{escape(aspect)}</title>"
            f'<rect x="{x:.1f}" y="{y1:.1f}" width="{lane_width - 10:.1f}" '
            f'height="{max(y2 - y1, 3):.1f}" rx="3" fill="{colour}"/>'
            f'<line x1="{x + lane_width - 10:.1f}" y1="{(y1 + y2) / 2:.1f}" x2="{label_x - 4:.1f}" '
            f'y2="{label_y - 5:.1f}" stroke="{colour}" stroke-width="1"/>'
            f'<text x="{label_x:.1f}" y="{label_y:.1f}" font-size="14">'
            f'<tspan font-weight="700">{escape(when.text)}</tspan> '
            f"{escape(_short(fact.label, 80 - len(aspect)))}{escape(aspect)}</text></a>"
        )
    parts.append("</g></svg>")
    return "\n".join(parts)
