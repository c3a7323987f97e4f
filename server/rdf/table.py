"""Query results as an aligned text table for a terminal (the CLI's default output).

IRIs are shortened with the project's prefixes (one per type of thing, as in the data files:
`cluster:`, `measure:`, … — the same in every query's output) and well-known ones, and the
query's own PREFIX lines only for namespaces neither knows; literals show
their language tag (`Cluster@de`) or, when it is not a plain string or number, their datatype
(`2011^^xsd:gYear`): a reader sees the precision the graph keeps.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pyoxigraph as ox

from server.errors import NotAcceptable, OutputFormatError
from server.rdf.formats import (
    BOOLEAN,
    GRAPH,
    SOLUTIONS,
    negotiate,
    serialise_boolean,
    serialise_graph,
    serialise_solutions,
)
from server.rdf.namespace import PREFIXES, XSD
from server.rdf.sparql_text import query_head

_PLAIN_DATATYPES = {XSD + "string", XSD + "integer", XSD + "decimal", XSD + "boolean"}


class TermWriter:
    """Writes RDF terms compactly with a set of prefixes (longest namespace wins)."""

    def __init__(self, prefixes: Mapping[str, str] | None = None) -> None:
        merged = known_prefixes(prefixes)
        self._namespaces = sorted(
            ((namespace, prefix) for prefix, namespace in merged.items()),
            key=lambda item: -len(item[0]),
        )

    def iri(self, value: str) -> str:
        for namespace, prefix in self._namespaces:
            if value.startswith(namespace) and len(value) > len(namespace):
                return f"{prefix}:{value[len(namespace) :]}"
        return f"<{value}>"

    def text(self, term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
        if term is None:
            return ""
        if isinstance(term, ox.NamedNode):
            return self.iri(term.value)
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}"
        if isinstance(term, ox.Literal):
            value = " ".join(term.value.split())  # one line per row, whatever the text holds
            if term.language:
                return f"{value}@{term.language}"
            if term.datatype.value in _PLAIN_DATATYPES:
                return value
            return f"{value}^^{self.iri(term.datatype.value)}"
        if isinstance(term, ox.Triple):
            parts = (term.subject, term.predicate, term.object)
            return "<< " + " ".join(self.text(t) for t in parts) + " >>"
        return str(term)


def known_prefixes(declared: Mapping[str, str] | None = None) -> dict[str, str]:
    """The project's and well-known prefixes, plus a query's own for other namespaces.

    A query's PREFIX line never renames a known namespace nor takes a known prefix's name, so
    one IRI reads the same in every query's output.
    """
    merged = dict(PREFIXES)
    namespaces = set(PREFIXES.values())
    for prefix, namespace in (declared or {}).items():
        if prefix not in merged and namespace not in namespaces:
            merged[prefix] = namespace
            namespaces.add(namespace)
    return merged


def _width(text: str) -> int:
    """Display width: East Asian wide characters take two cells, combining marks none."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def _fit(text: str, limit: int | None) -> str:
    if limit is None or _width(text) <= limit:
        return text
    out = ""
    for char in text:
        if _width(out + char) > limit - 1:
            break
        out += char
    return out + "…"


def render_table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    max_cell: int | None = None,
    unit: tuple[str, str] = ("row", "rows"),
) -> str:
    """An aligned plain-text table with a rule under the header and a count at the end."""
    cells = [[_fit(cell, max_cell) for cell in row] for row in rows]
    widths = [_width(name) for name in header]
    for row in cells:
        widths = [max(w, _width(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(values: Sequence[str]) -> str:
        padded = (v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True))
        return "  ".join(padded).rstrip()

    out = [line(header), line(["-" * w for w in widths])]
    out += [line(row) for row in cells]
    out.append(f"({len(cells)} {unit[0] if len(cells) == 1 else unit[1]})")
    return "\n".join(out)


def solutions_table(
    variables: Sequence[str],
    rows: Iterable[ox.QuerySolution],
    writer: TermWriter,
    max_cell: int | None = None,
) -> str:
    """SELECT results as a table, one column per projected variable."""
    text_rows = [[writer.text(row[name]) for name in variables] for row in rows]
    return render_table(variables, text_rows, max_cell=max_cell)


def triples_table(
    triples: Iterable[ox.Triple], writer: TermWriter, max_cell: int | None = None
) -> str:
    """CONSTRUCT/DESCRIBE results as a subject–predicate–object table."""
    text_rows = [
        [writer.text(t.subject), writer.text(t.predicate), writer.text(t.object)] for t in triples
    ]
    return render_table(
        ["subject", "predicate", "object"], text_rows, max_cell=max_cell, unit=("triple", "triples")
    )


#: The CLI's --format choices for each kind of result (table fits every kind). For a graph,
#: json and xml are the graph's JSON and XML forms (JSON-LD, RDF/XML), as `format=json` is
#: on /sparql and the API.
FORMATS_BY_KIND = {
    SOLUTIONS: ("table", "json", "xml", "csv", "tsv"),
    BOOLEAN: ("table", "json", "xml", "csv", "tsv"),
    GRAPH: ("table", "turtle", "nt", "jsonld", "json", "rdfxml", "xml", "trig"),
}
ALIASES = {GRAPH: {"json": "jsonld", "xml": "rdfxml"}}


def _choices(kind: str) -> str:
    """The --format names a kind of result takes, aliases next to what they stand for."""
    aliases = ALIASES.get(kind, {})
    also = {target: name for name, target in aliases.items()}
    return ", ".join(
        f"{name} (or {also[name]})" if name in also else name
        for name in FORMATS_BY_KIND[kind]
        if name not in aliases
    )


def _with_article(form: str) -> str:
    return ("an " if form[:1] in "AEIOU" else "a ") + form


def render_answer(answer: Any, output_format: str, max_cell: int | None = None) -> str | bytes:
    """An answer as the CLI prints it: a table, or bytes from the one serialiser (formats)."""
    prefixes = dict(query_head(answer.query.text).prefixes)
    if output_format == "table":
        writer = TermWriter(prefixes)
        if answer.kind == SOLUTIONS:
            variables = [v.value for v in answer.result.variables]
            return solutions_table(variables, answer.result, writer, max_cell) + "\n"
        if answer.kind == BOOLEAN:
            return ("true" if bool(answer.result) else "false") + "\n"
        return triples_table(answer.result, writer, max_cell) + "\n"
    try:
        media = negotiate(None, answer.kind, output_format)
    except NotAcceptable:
        raise OutputFormatError(
            f"--format {output_format} does not fit {_with_article(answer.query.form)} query; "
            f"choose one of: {_choices(answer.kind)}"
        ) from None
    if answer.kind == SOLUTIONS:
        body = serialise_solutions(answer.result, media)[0]
    elif answer.kind == BOOLEAN:
        body = serialise_boolean(answer.result, media)
    else:
        triples = list(answer.result)
        used = _used_prefixes(triples, known_prefixes(prefixes))
        body = serialise_graph(triples, media, prefixes=used)[0]
    return body if body.endswith(b"\n") else body + b"\n"


def _used_prefixes(triples: list[ox.Triple], prefixes: Mapping[str, str]) -> dict[str, str]:
    """The prefixes that write some IRI of the triples as a plain prefixed name (a short head).

    The serialiser picks the longest declared namespace; a prefix that would leave a `/` in
    some local name (id: for id:cluster/x) is left out, so no name needs an escaped slash.
    """
    iris = {
        term.value
        for t in triples
        for term in (t.subject, t.predicate, t.object, getattr(t.object, "datatype", None))
        if isinstance(term, ox.NamedNode)
    }
    declared = dict(prefixes)
    while True:
        used: set[str] = set()
        unfit: set[str] = set()
        for iri in iris:
            best = max(
                (p for p, ns in declared.items() if iri.startswith(ns) and len(iri) > len(ns)),
                key=lambda p: len(declared[p]),
                default=None,
            )
            if best is not None:
                (unfit if "/" in iri[len(declared[best]) :] else used).add(best)
        if not unfit:
            return {p: ns for p, ns in declared.items() if p in used}
        for prefix in unfit:
            del declared[prefix]


def render_listing(catalogue: Any, output_format: str, lang: str = "en") -> str:
    """The catalogue: a table of name, tags and summary, or the JSON the API lists."""
    if output_format == "json":
        import json

        return json.dumps(catalogue.describe(), ensure_ascii=False, indent=2) + "\n"
    rows = []
    for query in catalogue:
        names = [
            p.name if p.required else f"{p.name}={p.default}" if p.default else f"[{p.name}]"
            for p in query.parameters
        ]
        rows.append(
            [query.name, ", ".join(names), ", ".join(query.tags), query.summary.get(lang, "")]
        )
    return (
        render_table(["name", "parameters", "tags", "summary"], rows, unit=("query", "queries"))
        + "\n"
    )
