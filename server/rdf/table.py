"""Query results as an aligned text table for a terminal (the CLI's default output).

IRIs are shortened with the project's prefixes (one per type of thing, as in the data files:
`cluster:`, `measure:`, … — the same in every query's output) and well-known ones, and the
query's own PREFIX lines only for namespaces neither knows; literals show
their language tag (`Cluster@de`) or, when it is not a plain string or number, their datatype
(`2011^^xsd:gYear`): a reader sees the precision the graph keeps.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pyoxigraph as ox

from server.errors import OutputFormatError
from server.rdf import formats
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


TABLE = "table"
"""The aligned text table: one more output format, for every kind of result."""


def output_formats(kind: str | None = None) -> tuple[str, ...]:
    """The CLI's --format names (for one kind of result): table, then the registry's names."""
    return (TABLE, *formats.short_names(kind))


def format_choices(kind: str, *, table: bool = True) -> str:
    """The --format names a kind of result takes, synonyms next to what they stand for:
    `table, turtle, nt, jsonld (or json), …`."""
    synonyms = formats.synonyms(kind)
    also = {target: name for name, target in synonyms.items()}
    return ", ".join(
        f"{name} (or {also[name]})" if name in also else name
        for name in output_formats(kind)
        if name not in synonyms and (table or name != TABLE)
    )


def _with_article(form: str) -> str:
    return ("an " if form[:1] in "AEIOU" else "a ") + form


def output_media_type(kind: str, form: str, output_format: str) -> formats.MediaType | None:
    """The format `--format output_format` names for a result of `kind` (None: the table);
    OutputFormatError when it does not fit, listing the names that do."""
    if output_format == TABLE:
        return None
    media = formats.by_name(kind, output_format)
    if media is None:
        raise OutputFormatError(
            f"--format {output_format} does not fit {_with_article(form)} query; "
            f"choose one of: {format_choices(kind)}"
        )
    return media


def render_answer(
    result: Any, kind: str, output_format: str, *, query_text: str, form: str, max_cell=None
) -> str | bytes:
    """A result as the CLI prints it: a table, or bytes from the one serialiser (formats).

    `query_text` gives the PREFIXes a table and a graph's head may use; `form` names the
    query in an error.
    """
    media = output_media_type(kind, form, output_format)
    prefixes = dict(query_head(query_text).prefixes)
    if media is None:
        writer = TermWriter(prefixes)
        if kind == formats.SOLUTIONS:
            variables = [v.value for v in result.variables]
            return solutions_table(variables, result, writer, max_cell) + "\n"
        if kind == formats.BOOLEAN:
            return ("true" if bool(result) else "false") + "\n"
        return triples_table(result, writer, max_cell) + "\n"
    if kind == formats.SOLUTIONS:
        body = formats.serialise_solutions(result, media)[0]
    elif kind == formats.BOOLEAN:
        body = formats.serialise_boolean(result, media)
    else:
        triples = list(result)
        used = _used_prefixes(triples, known_prefixes(prefixes))
        body = formats.serialise_graph(triples, media, prefixes=used)[0]
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
