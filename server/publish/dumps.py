"""The downloads: the whole public dataset as N-Quads and TriG (graph names kept) and the union
as Turtle, N-Triples and JSON-LD, each gzip-compressed with a SHA-256 file beside it.

Made once per data version into a cache folder (`dump_folder`), never per request; the
gzip files are reproducible (no time stamp, no file name inside), so the same data give the
same bytes and the same checksums wherever they are built.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from server.publish.documents import rdf_document
from server.rdf import formats
from server.store.access import NO_GRAPH

NAME = "mannheim-kg"
#: (format, whether the file keeps the graph names)
DUMP_FORMATS: tuple[tuple[formats.MediaType, bool], ...] = (
    (formats.N_QUADS, True),
    (formats.TRIG, True),
    (formats.TURTLE, False),
    (formats.N_TRIPLES, False),
    (formats.JSON_LD, False),
)
_LOCK = threading.Lock()
WRITER = 2
"""Bumped when the files' writing changes, so that cached dumps of the same data are redone."""


@dataclass(frozen=True)
class Dump:
    """One download file: its name, format, size and checksum."""

    filename: str
    media: formats.MediaType
    quads: bool
    size: int
    sha256: str
    statements: int

    @property
    def checksum_filename(self) -> str:
        return self.filename + ".sha256"

    @property
    def checksum_text(self) -> str:
        """The line `sha256sum -c` reads."""
        return f"{self.sha256}  {self.filename}\n"


def dump_filename(media: formats.MediaType) -> str:
    return f"{NAME}.{media.extension}.gz"


def public_quads(store, visible: list[str]) -> list[ox.Quad]:
    """Every quad of the graphs `visible`, sorted (a stable order for reproducible files)."""
    rows = store.query(
        "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
        default_graph=[NO_GRAPH],
        named_graphs=list(visible) or [NO_GRAPH],
    )
    quads = [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]
    return sorted(
        quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))
    )


def _gzip(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as out:
        out.write(data)
    return buffer.getvalue()


def _document(
    quads: list[ox.Quad], media: formats.MediaType, keep_graphs: bool
) -> tuple[bytes, int]:
    if keep_graphs:
        from server.publish.documents import used_prefixes

        prefixes = used_prefixes(q.triple for q in quads) if media is formats.TRIG else None
        return ox.serialize(quads, format=media.rdf_format, prefixes=prefixes or None), len(quads)
    triples = list(dict.fromkeys(q.triple for q in quads))  # the union: a triple once
    return rdf_document(triples, media), len(triples)


def build_dumps(store, visible: list[str], folder: Path) -> list[Dump]:
    """Write every dump and its .sha256 file into `folder` (unless already there)."""
    with _LOCK:
        folder.mkdir(parents=True, exist_ok=True)
        quads: list[ox.Quad] | None = None
        dumps = []
        for media, keep_graphs in DUMP_FORMATS:
            path = folder / dump_filename(media)
            count_file = path.with_name(path.name + ".count")
            if not (path.is_file() and count_file.is_file()):
                quads = quads if quads is not None else public_quads(store, visible)
                body, count = _document(quads, media, keep_graphs)
                _write(path, _gzip(body))
                _write(count_file, f"{count}\n".encode())
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            dump = Dump(
                path.name, media, keep_graphs, len(data), digest, int(count_file.read_text())
            )
            checksum = folder / dump.checksum_filename
            if not checksum.is_file():
                _write(checksum, dump.checksum_text.encode())
            dumps.append(dump)
        return dumps


def _write(path: Path, data: bytes) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    os.replace(partial, path)


def dump_folder(cache: Path, version: str, visible: list[str]) -> Path:
    """The folder of one data version's dumps (and of the graphs they hold)."""
    key = hashlib.sha256(repr((WRITER, version, sorted(visible))).encode()).hexdigest()[:16]
    return cache / f"dumps-{key}"
