"""RDF documents of the publication: triples in a negotiated format (JSON-LD compacted with a
@context of the project's prefixes), and the small bodies of 404 and 410 answers."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from server import project
from server.rdf import formats
from server.rdf.namespace import PREFIXES


def cache_dir() -> Path:
    """Where generated files (ontology page, dumps) are kept between starts, one name per
    content or data version: MANNHEIM_KG_CACHE, else a folder in the temp directory."""
    base = Path(os.environ.get("MANNHEIM_KG_CACHE") or tempfile.gettempdir()) / "mannheim-kg"
    return (
        base / project.code_fingerprint()[:16]
    )  # files another version of the code made stay apart


#: The formats a resource description is published in, each with its file suffix; HTML first.
DESCRIPTION_FORMATS: tuple[formats.MediaType, ...] = (
    formats.HTML,
    formats.TURTLE,
    formats.JSON_LD,
    formats.N_TRIPLES,
    formats.RDF_XML,
)
SUFFIXES: dict[str, formats.MediaType] = {m.extension: m for m in DESCRIPTION_FORMATS}


def used_prefixes(triples: Iterable[ox.Triple], prefixes: dict[str, str] | None = None) -> dict:
    """The prefixes (of `prefixes`, default the project's) whose namespace a term uses."""
    prefixes = PREFIXES if prefixes is None else prefixes
    iris = set()
    for t in triples:
        for term in (t.subject, t.predicate, t.object):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
            elif isinstance(term, ox.Literal):
                iris.add(term.datatype.value)
    return {
        name: namespace
        for name, namespace in prefixes.items()
        if any(iri.startswith(namespace) for iri in iris)
    }


BLANK_SCHEME = "urn:x-mannheim-kg-blank:"
"""Blank nodes pass through rdflib's JSON-LD writer as IRIs of this scheme (see below)."""


def jsonld_compacted(triples: list[ox.Triple], prefixes: dict[str, str]) -> bytes:
    """JSON-LD compacted with a @context of `prefixes` (rdflib's writer; nothing fetched)."""
    import rdflib

    # rdflib's parser gives blank nodes new random labels: they travel as IRIs of a scheme of
    # their own and become `_:label` again after writing, so the store's labels are kept.
    def keep(term):
        return ox.NamedNode(BLANK_SCHEME + term.value) if isinstance(term, ox.BlankNode) else term

    kept = [ox.Triple(keep(t.subject), t.predicate, keep(t.object)) for t in triples]
    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(kept, format=ox.RdfFormat.N_TRIPLES), format="nt")
    text = graph.serialize(
        format="json-ld", context=dict(sorted(prefixes.items())), auto_compact=True
    ).replace(f'"{BLANK_SCHEME}', '"_:')
    # rdflib's order follows hashing: sort nodes and values (unordered in RDF) so that the same
    # data give the same bytes in every process (ETags, the static export).
    return (
        json.dumps(_sorted(json.loads(text)), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    ).encode()


def _sorted(value):
    if isinstance(value, dict):
        return {key: _sorted(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_sorted(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value


def rdf_document(
    triples: Iterable[ox.Triple], media: formats.MediaType, prefixes: dict[str, str] | None = None
) -> bytes:
    """`triples` written in `media` (an RDF format), with the prefixes they use."""
    triples = list(triples)
    chosen = used_prefixes(triples, prefixes)
    if media is formats.JSON_LD:
        return jsonld_compacted(triples, chosen)
    body, _ = formats.serialise_graph(triples, media, prefixes=chosen)
    return body


def message_document(media: formats.MediaType, message: str) -> bytes:
    """A body in `media` that states nothing but carries `message`: for 404 and 410 answers
    in the format a client asked for (a comment in Turtle and N-Triples, a JSON-LD document
    with only an unmapped key, an XML comment in RDF/XML)."""
    line = " ".join(message.split())
    if media is formats.JSON_LD:
        return (json.dumps({"@context": {}, "message": line}, ensure_ascii=False) + "\n").encode()
    if media is formats.RDF_XML:
        safe = line.replace("--", "- -")
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<!-- {safe} -->\n"
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n'
        ).encode()
    return f"# {line}\n".encode()
