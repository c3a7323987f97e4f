"""Content negotiation and serialisation: the one table of media types every route uses.

A result has a *kind*: ``solutions`` (SELECT), ``boolean`` (ASK), ``graph`` (CONSTRUCT,
DESCRIBE, linked-data documents) or ``description`` (the service description: RDF or an
HTML page). `negotiate` picks a media type for a kind from an Accept header (q-values,
wildcards, the server's order breaking ties) or from the ``format``/``output`` parameters
that SPARQLWrapper and others send, which win over Accept because they are explicit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from server.errors import NotAcceptable, ResultTooLarge, UnwritableResult
from server.rdf.namespace import XSD

SOLUTIONS, BOOLEAN, GRAPH, DESCRIPTION = "solutions", "boolean", "graph", "description"
KINDS = (SOLUTIONS, BOOLEAN, GRAPH, DESCRIPTION)
#: The kind of result each query form gives.
RESULT_KINDS = {"SELECT": SOLUTIONS, "ASK": BOOLEAN, "CONSTRUCT": GRAPH, "DESCRIBE": GRAPH}


@dataclass(frozen=True)
class MediaType:
    """One media type we can write: its kinds, its writer, the other names clients use for it."""

    name: str
    kinds: frozenset[str]
    results_format: ox.QueryResultsFormat | None = None
    rdf_format: ox.RdfFormat | None = None
    accept_aliases: tuple[str, ...] = ()
    """Other media types in Accept that this type satisfies (``application/json``)."""
    format_names: tuple[str, ...] = ()
    """Short names for the ``format``/``output`` parameters (``json``, ``ttl``)."""
    label: str = ""
    extension: str = ""

    @property
    def content_type(self) -> str:
        """The Content-Type header value (text types say their charset)."""
        return f"{self.name}; charset=utf-8" if self.name.startswith("text/") else self.name


def _results(name, fmt, kinds, aliases=(), names=(), label="", ext=""):
    return MediaType(name, frozenset(kinds), fmt, None, aliases, names, label, ext)


def _rdf(name, fmt, aliases=(), names=(), label="", ext=""):
    return MediaType(name, frozenset({GRAPH, DESCRIPTION}), None, fmt, aliases, names, label, ext)


SPARQL_JSON = _results(
    "application/sparql-results+json",
    ox.QueryResultsFormat.JSON,
    {SOLUTIONS, BOOLEAN},
    aliases=("application/json",),
    names=("json", "srj"),
    label="SPARQL JSON",
    ext="srj",
)
SPARQL_XML = _results(
    "application/sparql-results+xml",
    ox.QueryResultsFormat.XML,
    {SOLUTIONS, BOOLEAN},
    aliases=("application/xml",),
    names=("xml", "srx"),
    label="SPARQL XML",
    ext="srx",
)
CSV = _results(
    "text/csv", ox.QueryResultsFormat.CSV, {SOLUTIONS, BOOLEAN}, names=("csv",), label="CSV"
)
TSV = _results(
    "text/tab-separated-values",
    ox.QueryResultsFormat.TSV,
    {SOLUTIONS, BOOLEAN},
    names=("tsv",),
    label="TSV",
    ext="tsv",
)
TURTLE = _rdf(
    "text/turtle",
    ox.RdfFormat.TURTLE,
    aliases=("application/turtle", "application/x-turtle"),
    names=("turtle", "ttl"),
    label="Turtle",
    ext="ttl",
)
N_TRIPLES = _rdf(
    "application/n-triples",
    ox.RdfFormat.N_TRIPLES,
    names=("nt", "ntriples", "n-triples"),
    label="N-Triples",
    ext="nt",
)
JSON_LD = _rdf(
    "application/ld+json",
    ox.RdfFormat.JSON_LD,
    aliases=("application/x-json+ld", "application/json"),
    names=("json-ld", "jsonld", "json"),
    label="JSON-LD",
    ext="jsonld",
)
RDF_XML = _rdf(
    "application/rdf+xml",
    ox.RdfFormat.RDF_XML,
    aliases=("application/xml",),
    names=("rdf+xml", "rdfxml", "rdf", "xml"),
    label="RDF/XML",
    ext="rdf",
)
N_QUADS = _rdf(
    "application/n-quads",
    ox.RdfFormat.N_QUADS,
    names=("nq", "nquads", "n-quads"),
    label="N-Quads",
    ext="nq",
)
TRIG = _rdf("application/trig", ox.RdfFormat.TRIG, names=("trig",), label="TriG", ext="trig")
N3 = _rdf(
    "text/n3",
    ox.RdfFormat.N3,
    aliases=("text/rdf+n3", "application/n3"),
    names=("n3",),
    label="N3",
    ext="n3",
)
HTML = MediaType(
    "text/html",
    frozenset({DESCRIPTION}),
    format_names=("html",),
    label="HTML page",
    extension="html",
)

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


def media_types_for(kind: str) -> list[MediaType]:
    """The media types a kind can be written in, default first."""
    if kind not in KINDS:
        raise ValueError(f"unknown result kind {kind!r}")
    found = [m for m in MEDIA_TYPES if kind in m.kinds]
    if kind == DESCRIPTION:
        found.append(HTML)
    found.sort(key=lambda m: m is not DEFAULTS[kind])
    return found


@dataclass(frozen=True)
class MediaRange:
    """One entry of an Accept header."""

    type: str
    subtype: str
    q: float
    params: dict[str, str] = field(default_factory=dict)

    @property
    def specificity(self) -> int:
        if self.type == "*":
            return 0
        return 1 if self.subtype == "*" else 2

    def matches(self, name: str) -> bool:
        kind, _, sub = name.partition("/")
        return self.type == "*" or (self.type == kind and self.subtype in ("*", sub))


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an Accept header leniently: malformed entries are skipped, a bad q counts as 0."""
    ranges: list[MediaRange] = []
    for item in (header or "").split(","):
        name, *raw_params = (part.strip() for part in item.split(";"))
        if "/" not in name:
            continue
        main, _, sub = name.lower().partition("/")
        if not main or not sub or (main == "*" and sub != "*"):
            continue
        params: dict[str, str] = {}
        for raw in raw_params:
            key, _, value = raw.partition("=")
            params[key.strip().lower()] = value.strip().strip('"')
        try:
            q = float(params.pop("q", "1"))
        except ValueError:
            q = 0.0
        ranges.append(MediaRange(main, sub, min(max(q, 0.0), 1.0), params))
    return ranges


def _quality(ranges: Sequence[MediaRange], media: MediaType) -> tuple[float, int]:
    """The q the client gives `media`: from its most specific matching range (RFC 9110 12.5.1)."""
    best: tuple[int, float] | None = None
    for name_index, name in enumerate((media.name, *media.accept_aliases)):
        for r in ranges:
            if r.matches(name):
                # An exact match on the type's own name beats one on an alias at equal specificity.
                rank = r.specificity * 2 + (1 if name_index == 0 or r.specificity < 2 else 0)
                if best is None or rank > best[0] or (rank == best[0] and r.q > best[1]):
                    best = (rank, r.q)
    return (best[1], best[0]) if best else (0.0, -1)


def negotiate(
    accept: str | None, kind: str, format_param: str | Sequence[str] | None = None
) -> MediaType:
    """Pick the media type for a result of `kind`; raise NotAcceptable listing what we offer.

    `format_param` (the ``format``/``output`` query parameter, possibly repeated) wins over
    Accept: it is a short name (``json``, ``ttl``) or a full media type. Without either, the
    kind's default: SPARQL JSON for SELECT/ASK, Turtle for graphs.
    """
    candidates = media_types_for(kind)
    names = [format_param] if isinstance(format_param, str) else list(format_param or ())
    names = [n.strip().lower() for n in names if n and n.strip()]
    if names:
        for name in names:
            for media in candidates:
                if name in media.format_names or name == media.name:
                    return media
            for media in candidates:
                if name in media.accept_aliases:
                    return media
        raise NotAcceptable(kind, [m.name for m in candidates], requested=", ".join(names))
    ranges = parse_accept(accept)
    if any(r.type == "text" and r.subtype == "html" for r in ranges):
        # A browser's application/xml;q=0.9 asks for XHTML-ish pages, not for XML results:
        # the synonym counts for clients that name XML without HTML.
        ranges = [r for r in ranges if (r.type, r.subtype) != ("application", "xml")]
    if not ranges:
        return candidates[0]
    scored = [(_quality(ranges, m), -i, m) for i, m in enumerate(candidates)]
    (q, _), _, media = max(scored, key=lambda s: (s[0][0], s[1]))
    if q <= 0:
        raise NotAcceptable(kind, [m.name for m in candidates], requested=accept or "")
    return media


def prefers_json(accept: str | None) -> bool:
    """True when the client ranks some JSON above plain text and at least as high as any other
    type it names (for error messages): `application/sparql-results+xml, application/json;q=0.5`
    prefers XML, so its errors are plain text."""
    ranges = parse_accept(accept)
    plain = max((r.q for r in ranges if r.matches("text/plain")), default=0.0)
    named = [r for r in ranges if r.specificity == 2]
    is_json = [r.subtype == "json" or r.subtype.endswith("+json") for r in named]
    json_q = max((r.q for r, j in zip(named, is_json, strict=True) if j), default=0.0)
    other_q = max((r.q for r, j in zip(named, is_json, strict=True) if not j), default=0.0)
    return json_q > plain and json_q >= other_q


def kind_of(result: object) -> str:
    """The kind of a pyoxigraph query result."""
    if isinstance(result, ox.QuerySolutions):
        return SOLUTIONS
    if isinstance(result, ox.QueryBoolean):
        return BOOLEAN
    if isinstance(result, ox.QueryTriples):
        return GRAPH
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
                raise _not_in_xml(
                    media.label, char, "SPARQL JSON (application/sparql-results+json)"
                )


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
