"""The formats registry and the writers: every RDF and SPARQL-results format declared once.

A result has a *kind*: ``solutions`` (SELECT), ``boolean`` (ASK), ``graph`` (CONSTRUCT,
DESCRIBE, linked-data documents) or ``description`` (the service description: RDF or an
HTML page). Each format says which kinds it writes and our short names for it; its media
type, file extension and label come from pyoxigraph's `RdfFormat` / `QueryResultsFormat`.
The CLI's ``--format`` choices, HTTP negotiation (server.web.negotiation: Accept headers are
HTTP's) and the text tables (server.rdf.table) all derive from this one table.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from server.errors import ResultTooLarge, UnwritableResult
from server.rdf.namespace import XSD

SOLUTIONS, BOOLEAN, GRAPH, DESCRIPTION = "solutions", "boolean", "graph", "description"
KINDS = (SOLUTIONS, BOOLEAN, GRAPH, DESCRIPTION)
#: The kind of result each query form gives.
RESULT_KINDS = {"SELECT": SOLUTIONS, "ASK": BOOLEAN, "CONSTRUCT": GRAPH, "DESCRIBE": GRAPH}


@dataclass(frozen=True)
class MediaType:
    """One format we write: its kinds, pyoxigraph's format (which gives the media type, file
    extension and label), and our short names for it."""

    kinds: frozenset[str]
    names: tuple[str, ...]
    """Our short names; the first is the format's own (the CLI's ``--format``), the others are
    synonyms for the ``format``/``output`` parameters. pyoxigraph's file extension is added."""
    results_format: ox.QueryResultsFormat | None = None
    rdf_format: ox.RdfFormat | None = None
    accept_aliases: tuple[str, ...] = ()
    """Other media types in Accept that this type satisfies (``application/json``)."""
    media_type: str = ""
    """Only for a format pyoxigraph does not have (HTML): its media type."""
    label: str = ""
    name: str = field(init=False)
    """The media type (pyoxigraph's, without parameters)."""
    extension: str = field(init=False)
    format_names: tuple[str, ...] = field(init=False)
    content_type: str = field(init=False)
    """The Content-Type header value (text types say their charset)."""

    def __post_init__(self) -> None:
        library = self.results_format or self.rdf_format
        name = library.media_type.partition(";")[0] if library else self.media_type
        extension = library.file_extension if library else self.names[0]
        label = self.label or (library.name if library else name)
        set_ = object.__setattr__  # frozen: derived fields are set once, here
        set_(self, "name", name)
        set_(self, "extension", extension)
        set_(self, "label", label)
        set_(self, "format_names", tuple(dict.fromkeys((*self.names, extension))))
        set_(self, "content_type", f"{name}; charset=utf-8" if name.startswith("text/") else name)

    @property
    def short_name(self) -> str:
        """Our own name of the format (json, turtle, rdfxml …)."""
        return self.names[0]


_RESULTS = frozenset({SOLUTIONS, BOOLEAN})
_RDF = frozenset({GRAPH, DESCRIPTION})

SPARQL_JSON = MediaType(
    _RESULTS, ("json",), ox.QueryResultsFormat.JSON, None, ("application/json",)
)
SPARQL_XML = MediaType(_RESULTS, ("xml",), ox.QueryResultsFormat.XML, None, ("application/xml",))
CSV = MediaType(_RESULTS, ("csv",), ox.QueryResultsFormat.CSV)
TSV = MediaType(_RESULTS, ("tsv",), ox.QueryResultsFormat.TSV)
TURTLE = MediaType(
    _RDF, ("turtle",), None, ox.RdfFormat.TURTLE, ("application/turtle", "application/x-turtle")
)
N_TRIPLES = MediaType(_RDF, ("nt", "ntriples", "n-triples"), None, ox.RdfFormat.N_TRIPLES)
JSON_LD = MediaType(
    _RDF,
    ("jsonld", "json-ld", "json"),
    None,
    ox.RdfFormat.JSON_LD,
    ("application/x-json+ld", "application/json"),
)
RDF_XML = MediaType(
    _RDF, ("rdfxml", "rdf+xml", "xml"), None, ox.RdfFormat.RDF_XML, ("application/xml",)
)
N_QUADS = MediaType(_RDF, ("nquads", "n-quads"), None, ox.RdfFormat.N_QUADS)
TRIG = MediaType(_RDF, ("trig",), None, ox.RdfFormat.TRIG)
N3 = MediaType(_RDF, ("n3",), None, ox.RdfFormat.N3, ("text/rdf+n3", "application/n3"))
HTML = MediaType(frozenset({DESCRIPTION}), ("html",), media_type="text/html", label="HTML page")

MEDIA_TYPES: tuple[MediaType, ...] = (
    # Order is the server's preference: the first type of a kind is its default.
    SPARQL_JSON,
    SPARQL_XML,
    CSV,
    TSV,
    TURTLE,
    N_TRIPLES,
    JSON_LD,
    RDF_XML,
    N_QUADS,
    TRIG,
    N3,
)
DEFAULTS = {SOLUTIONS: SPARQL_JSON, BOOLEAN: SPARQL_JSON, GRAPH: TURTLE, DESCRIPTION: TURTLE}
#: The kinds of result a query gives (a description is no query's answer).
QUERY_KINDS = (SOLUTIONS, BOOLEAN, GRAPH)


def media_types_for(kind: str) -> list[MediaType]:
    """The media types a kind can be written in, default first."""
    if kind not in KINDS:
        raise ValueError(f"unknown result kind {kind!r}")
    found = [m for m in MEDIA_TYPES if kind in m.kinds]
    if kind == DESCRIPTION:
        found.append(HTML)
    found.sort(key=lambda m: m is not DEFAULTS[kind])
    return found


def by_name(kind: str, name: str) -> MediaType | None:
    """The format of `kind` a short name (``json``, ``ttl``) or a media type names, or None.

    A short name or the format's own media type beats an alias (``application/json`` is
    SPARQL JSON for solutions and JSON-LD for graphs).
    """
    wanted = name.strip().lower()
    candidates = media_types_for(kind)
    for media in candidates:
        if wanted in media.format_names or wanted == media.name:
            return media
    for media in candidates:
        if wanted in media.accept_aliases:
            return media
    return None


def short_names(kind: str | None = None) -> tuple[str, ...]:
    """Our short names of the formats of `kind` (all query kinds when None), registry order.

    For a graph this includes ``json`` and ``xml``: names of results formats that also name
    a graph format (JSON-LD, RDF/XML), as ``format=json`` does on /sparql.
    """
    kinds = QUERY_KINDS if kind is None else (kind,)
    ordered = [m for m in MEDIA_TYPES if m.kinds & set(kinds)]
    own = [m.short_name for m in ordered]
    if kind is None:
        return tuple(dict.fromkeys(own))
    others = {m.short_name for m in MEDIA_TYPES} - set(own)
    synonyms = [n for m in ordered for n in m.names[1:] if n in others]
    return tuple(dict.fromkeys(own + synonyms))


def synonyms(kind: str) -> dict[str, str]:
    """Short names of other formats that stand for a format of `kind`: {"json": "jsonld"}."""
    own = {m.short_name for m in media_types_for(kind)}
    return {
        name: media.short_name
        for name in short_names(kind)
        if name not in own and (media := by_name(kind, name)) is not None
    }


def kind_of(result: object, form: str | None = None) -> str:
    """The kind of a pyoxigraph query result; for other results (a remote store's triples),
    the kind of the query `form`."""
    if isinstance(result, ox.QuerySolutions):
        return SOLUTIONS
    if isinstance(result, ox.QueryBoolean):
        return BOOLEAN
    if isinstance(result, ox.QueryTriples):
        return GRAPH
    if form in RESULT_KINDS:
        return RESULT_KINDS[form]
    raise TypeError(f"not a query result: {type(result).__name__}")


# --- writers ---------------------------------------------------------------------------------


def _term_json(term) -> dict:
    """One RDF term in the SPARQL 1.1 JSON results form (with RDF 1.2 triple terms)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _term_json(term.subject),
                "predicate": _term_json(term.predicate),
                "object": _term_json(term.object),
            },
        }
    raise TypeError(f"not an RDF term: {term!r}")


# --- what XML can hold --------------------------------------------------------------------

_NAME_START = (
    "A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
    "\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
    "\U00010000-\U000effff"
)
_NAME_CHAR = _NAME_START + "\\-.0-9\u00b7\u0300-\u036f\u203f-\u2040"
#: The local name an RDF/XML writer can split off a predicate IRI: the name characters after
#: the last other character, from the first that may start a name (as pyoxigraph splits).
_LOCAL_NAME = re.compile(f"[{_NAME_START}][{_NAME_CHAR}]*\\Z")
_NAME_TAIL = re.compile(f"[{_NAME_CHAR}]*\\Z")
_NOT_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def has_xml_local_name(iri: str) -> bool:
    """Whether an RDF/XML writer can write `iri` as an element name (namespace + NCName)."""
    tail = _NAME_TAIL.search(iri).group()
    return any(_LOCAL_NAME.match(tail, i) for i in range(len(tail)))


def _xml_unsafe_text(term) -> str | None:
    """The first character of a term that XML 1.0 cannot contain, or None."""
    if isinstance(term, ox.Triple):
        for part in (term.subject, term.predicate, term.object):
            found = _xml_unsafe_text(part)
            if found:
                return found
        return None
    texts = [term.value]
    if isinstance(term, ox.Literal):
        texts += [term.language or "", term.datatype.value]
    for text in texts:
        match = _NOT_XML_CHAR.search(text)
        if match:
            return match.group()
    return None


def _not_in_xml(label: str, char: str, others: str) -> UnwritableResult:
    return UnwritableResult(
        f"the result cannot be written as {label}: it holds the character U+{ord(char):04X}, "
        f"which XML 1.0 cannot contain; ask for {others}"
    )


def _other_formats(kind: str, media: MediaType) -> str:
    return ", ".join(f"{m.label} ({m.name})" for m in media_types_for(kind) if m is not media)


def _xml_checked_rows(rows: list, variables: Sequence[str], media: MediaType) -> None:
    for row in rows:
        for name in variables:
            term = row[name]
            char = _xml_unsafe_text(term) if term is not None else None
            if char:
                raise _not_in_xml(media.label, char, f"{SPARQL_JSON.label} ({SPARQL_JSON.name})")


def _rdf_xml_checked(triples: Iterable, media: MediaType) -> Iterator:
    """Triples as they go to the RDF/XML writer, refused where it would write broken XML."""
    for triple in triples:
        predicate = triple.predicate
        if isinstance(predicate, ox.NamedNode) and not has_xml_local_name(predicate.value):
            raise UnwritableResult(
                f"the result cannot be written as RDF/XML: the predicate <{predicate.value}> "
                "does not end in an XML name (RDF/XML writes predicates as element names); "
                f"ask for {_other_formats(GRAPH, media)}"
            )
        for term in (triple.subject, predicate, triple.object):
            char = _xml_unsafe_text(term)
            if char:
                raise _not_in_xml(media.label, char, _other_formats(GRAPH, media))
        yield triple


def take_rows(solutions: Iterable, max_rows: int | None) -> list:
    """All rows, or ResultTooLarge as soon as there is one more than `max_rows`."""
    rows = []
    for row in solutions:
        if max_rows is not None and len(rows) >= max_rows:
            raise ResultTooLarge(max_rows, "rows")
        rows.append(row)
    return rows


def solutions_json(variables: Sequence[str], rows: Iterable) -> bytes:
    """SPARQL JSON for rows of pyoxigraph QuerySolution (unbound variables are left out)."""
    bindings = []
    for row in rows:
        binding = {}
        for name in variables:
            term = row[name]
            if term is not None:
                binding[name] = _term_json(term)
        bindings.append(binding)
    document = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def serialise_solutions(
    solutions: ox.QuerySolutions, media: MediaType, max_rows: int | None = None
) -> tuple[bytes, int]:
    """SELECT results in `media`; returns (body, row count). More than max_rows: ResultTooLarge.

    pyoxigraph can only serialise a whole result, so the rows are taken first (to count them),
    written as SPARQL JSON, and other formats are made from that by pyoxigraph's own writers.
    """
    variables = [v.value for v in solutions.variables]
    rows = take_rows(solutions, max_rows)
    if media.results_format is ox.QueryResultsFormat.XML:
        _xml_checked_rows(rows, variables, media)
    body = solutions_json(variables, rows)
    if media.results_format is not ox.QueryResultsFormat.JSON:
        parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        body = parsed.serialize(format=media.results_format)
    return body, len(rows)


def serialise_boolean(result: ox.QueryBoolean | bool, media: MediaType) -> bytes:
    if isinstance(result, bool):
        document = {"head": {}, "boolean": result}
        result = ox.parse_query_results(json.dumps(document), format=ox.QueryResultsFormat.JSON)
    return result.serialize(format=media.results_format)


def _counted(triples: Iterable, max_rows: int | None, counter: list[int]) -> Iterator:
    for triple in triples:
        if max_rows is not None and counter[0] >= max_rows:
            raise ResultTooLarge(max_rows, "triples")
        counter[0] += 1
        yield triple


def serialise_graph(
    triples: Iterable,
    media: MediaType,
    max_rows: int | None = None,
    prefixes: dict[str, str] | None = None,
) -> tuple[bytes, int]:
    """Triples (or quads) in an RDF format; returns (body, triple count)."""
    if media.rdf_format is None:
        raise ValueError(f"{media.name} is not an RDF format")
    counter = [0]
    triples = _counted(triples, max_rows, counter)
    if media.rdf_format is ox.RdfFormat.RDF_XML:
        triples = _rdf_xml_checked(triples, media)
    body = ox.serialize(triples, format=media.rdf_format, prefixes=prefixes or None)
    return body, counter[0]


def read_result(body: bytes, media: MediaType) -> ox.QuerySolutions | ox.QueryBoolean | list:
    """A written result read back: solutions or a boolean, or the list of triples of a graph."""
    if media.results_format is not None:
        return ox.parse_query_results(body, format=media.results_format)
    if media.rdf_format is None:
        raise ValueError(f"{media.name} is no result format")
    return [quad.triple for quad in ox.parse(body, format=media.rdf_format)]


#: The format a result of each kind travels in when the caller reads it back (the CLI):
#: lossless and quick to read.
TRANSFER = {SOLUTIONS: SPARQL_JSON, BOOLEAN: SPARQL_JSON, GRAPH: N_TRIPLES}
