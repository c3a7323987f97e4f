"""Content negotiation: an Accept header (q-values, wildcards) or a format parameter → a format.

The formats themselves, and which kinds of result each writes, are server.rdf.formats; this
module holds only HTTP's part. `negotiate` picks a media type for a kind from the
``format``/``output`` parameters that SPARQLWrapper and others send (they win: they are
explicit) or from Accept, the server's order breaking ties.

A client that asks a graph query for SPARQL-results formats only (roqet sends
``application/sparql-results+xml`` for CONSTRUCT), or a SELECT/ASK for RDF formats only, gets
the default format of the query's kind, as Fuseki answers: it named formats we have, just not
for this kind. An Accept header that names only formats we do not write at all stays 406.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from server.errors import NotAcceptable
from server.rdf import formats
from server.rdf.formats import MediaType


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


def quality(ranges: Sequence[MediaRange], media: MediaType) -> float:
    """The q the client gives `media`: from its most specific matching range (RFC 9110 12.5.1)."""
    best: tuple[int, float] | None = None
    for name_index, name in enumerate((media.name, *media.accept_aliases)):
        for r in ranges:
            if r.matches(name):
                # An exact match on the type's own name beats one on an alias at equal specificity.
                rank = r.specificity * 2 + (1 if name_index == 0 or r.specificity < 2 else 0)
                if best is None or rank > best[0] or (rank == best[0] and r.q > best[1]):
                    best = (rank, r.q)
    return best[1] if best else 0.0


def negotiate(
    accept: str | None, kind: str, format_param: str | Sequence[str] | None = None
) -> MediaType:
    """Pick the media type for a result of `kind`; raise NotAcceptable listing what we offer.

    `format_param` (the ``format``/``output`` query parameter, possibly repeated) wins over
    Accept: it is a short name (``json``, ``ttl``) or a full media type. Without either, the
    kind's default: SPARQL JSON for SELECT/ASK, Turtle for graphs.
    """
    candidates = formats.media_types_for(kind)
    names = [format_param] if isinstance(format_param, str) else list(format_param or ())
    names = [n.strip().lower() for n in names if n and n.strip()]
    if names:
        for name in names:
            media = formats.by_name(kind, name)
            if media is not None:
                return media
        raise NotAcceptable(kind, [m.name for m in candidates], requested=", ".join(names))
    ranges = parse_accept(accept)
    if any(r.type == "text" and r.subtype == "html" for r in ranges):
        # A browser's application/xml;q=0.9 asks for XHTML-ish pages, not for XML results:
        # the synonym counts for clients that name XML without HTML.
        ranges = [r for r in ranges if (r.type, r.subtype) != ("application", "xml")]
    if not ranges:
        return candidates[0]
    scored = [(quality(ranges, m), -i, m) for i, m in enumerate(candidates)]
    q, _, media = max(scored, key=lambda s: (s[0], s[1]))
    if q > 0:
        return media
    if kind in formats.QUERY_KINDS and _names_another_kinds_format(ranges):
        return formats.DEFAULTS[kind]
    raise NotAcceptable(kind, [m.name for m in candidates], requested=accept or "")


def _names_another_kinds_format(ranges: Sequence[MediaRange]) -> bool:
    """Whether the client accepts some format of another kind of query result (q > 0)."""
    return any(
        quality(ranges, media) > 0
        for kind in formats.QUERY_KINDS
        for media in formats.media_types_for(kind)
    )


def negotiate_each(
    accept: str | None, format_param: Sequence[str] = ()
) -> tuple[tuple[str, str | None], ...]:
    """The media type for every kind of query result, None where none is acceptable: for a
    query whose form the text does not show, so the choice waits for the result."""
    chosen: list[tuple[str, str | None]] = []
    for kind in formats.QUERY_KINDS:
        try:
            chosen.append((kind, negotiate(accept, kind, format_param).name))
        except NotAcceptable:
            chosen.append((kind, None))
    return tuple(chosen)


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
