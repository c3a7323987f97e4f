"""The pinned standard vocabularies (vocab/) reduced to a term index the quality checks query.

A check asks "is schema:attendeeCount a term of schema.org?"; answering it needs only which IRIs
each vocabulary describes, their types and whether they are deprecated — about a tenth of the
triples. The index is built once per set of vocabulary files and cached on disk, keyed by their
content hash, so `validate` does not parse 50,000 lines of vocabularies on every run.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pyoxigraph as ox

from server import project
from server.rdf.namespace import RDF, RDFS

VOCAB_GRAPH = ox.NamedNode("urn:x-mannheim-kg:vocab")
INDEX_VERSION = "1"  # bump when the kept triples change: old cache files are then ignored

_RDF_TYPE = ox.NamedNode(RDF + "type")
_RESOURCE = ox.NamedNode(RDFS + "Resource")
# What a check needs besides existence: the kind of term and whether it is deprecated.
KEPT_PREDICATES = frozenset(
    {
        _RDF_TYPE.value,
        "http://www.w3.org/2002/07/owl#deprecated",
        "https://schema.org/supersededBy",
        "http://schema.org/supersededBy",
        "http://purl.org/dc/terms/isReplacedBy",
        "http://www.w3.org/2003/06/sw-vocab-status/ns#term_status",
    }
)
SUFFIXES = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".rdf": ox.RdfFormat.RDF_XML,
}


def default_vocab_folder() -> Path:
    """The vocabularies of the project run in (vocab/), else the package's (server.project)."""
    return project.current().vocab


def vocabulary_files(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).iterdir() if p.suffix in SUFFIXES and p.is_file())


def term_index(folder: Path, cache_dir: Path | None = None) -> list[ox.Quad]:
    """Quads in VOCAB_GRAPH: every IRI a vocabulary file describes, with its types and status.

    IRIs described without a type get `rdf:type rdfs:Resource`, so "has any triple in the
    vocabulary graph" means "is a term of a pinned vocabulary".
    """
    files = vocabulary_files(folder)
    digest = hashlib.sha256(INDEX_VERSION.encode())
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    cache = (cache_dir or _cache_dir()) / f"vocab-index-{digest.hexdigest()[:24]}.nq"
    if cache.is_file():
        try:
            return list(ox.parse(path=cache, format=ox.RdfFormat.N_QUADS))
        except (SyntaxError, OSError):
            pass  # a damaged cache is rebuilt below
    quads = _extract(files)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        ox.serialize(quads, output=tmp, format=ox.RdfFormat.N_QUADS)
        tmp.replace(cache)
    except OSError:
        pass  # a read-only home is no reason to fail: the index is just rebuilt next time
    return quads


def _extract(files: list[Path]) -> list[ox.Quad]:
    kept: dict[tuple, None] = {}
    typed: set[ox.NamedNode] = set()
    described: dict[ox.NamedNode, None] = {}
    for path in files:
        # Relative IRIs in a vocabulary file (e.g. a diagram's file name) are not terms: give
        # them a base that no namespace shares.
        parser = ox.parse(
            path=path, format=SUFFIXES[path.suffix], base_iri=f"urn:x-file:{path.name}"
        )
        for triple in parser:
            subject = triple.subject
            if not isinstance(subject, ox.NamedNode):
                continue
            described.setdefault(subject)
            if triple.predicate.value in KEPT_PREDICATES:
                kept.setdefault((subject, triple.predicate, triple.object))
                if triple.predicate == _RDF_TYPE:
                    typed.add(subject)
    quads = [ox.Quad(s, p, o, VOCAB_GRAPH) for s, p, o in kept]
    quads += [ox.Quad(s, _RDF_TYPE, _RESOURCE, VOCAB_GRAPH) for s in described if s not in typed]
    return quads


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mannheim-kg"
