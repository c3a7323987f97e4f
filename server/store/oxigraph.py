"""The store the core queries: an embedded Oxigraph store, in memory or on disk."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from server.errors import InputError, QuerySyntaxError
from server.store.files import GraphSource, discover, fingerprint, parse

STORE_DB = "oxigraph"
"""Inside a --store DIR: the RocksDB folder of pyoxigraph..."""
STORE_META = "dataset.json"
"""...and the record of what was loaded into it (data version, graphs, triples)."""
STORE_LOCK = "lock"
"""...and the file a server holds locked while it uses the store (one server per DIR)."""


class Store(Protocol):
    """What the core needs of a SPARQL store, whatever engine is behind it."""

    version: str

    def query(
        self,
        sparql: str,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        union: bool = True,
        base_iri: str | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples: ...

    def __len__(self) -> int: ...


class OxigraphStore:
    """pyoxigraph's Store with our dataset conventions: one named graph per file, union default."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        self.path = path
        if path and read_only:
            self._store = ox.Store.read_only(str(path))
        else:
            self._store = ox.Store(str(path)) if path else ox.Store()
        self.read_only = read_only
        self.keeps_public_view = False
        """Whether public callers' queries run on a copy of its public graphs (public_view)."""
        self.version = ""
        self.sources: list[GraphSource] = []

    @classmethod
    def persistent(
        cls, sources: list[GraphSource], directory: Path, progress=None
    ) -> OxigraphStore:
        """Open the on-disk store in `directory` read-only, loading `sources` first if needed.

        Load once, reopen fast: the data version (a hash of the files) is recorded beside the
        database; when it matches, the files are not parsed again. A failed load leaves no
        record, so the next start loads again.
        """
        directory = Path(directory)
        version = fingerprint(sources)
        db, meta = directory / STORE_DB, directory / STORE_META
        if not (db.is_dir() and _recorded_version(meta) == version):
            meta.unlink(missing_ok=True)
            if db.exists():
                shutil.rmtree(db)
            directory.mkdir(parents=True, exist_ok=True)
            writer = ox.Store(str(db))
            # A broken file stops the load with file:line:column; the record is written only
            # after a complete load, so a half-loaded database is rebuilt at the next start.
            bulk_load(writer, sources, progress)
            writer.flush()
            writer.optimize()
            triples = len(writer)
            del writer  # releases the RocksDB lock before the read-only opens
            record = {
                "version": version,
                "triples": triples,
                "graphs": sorted(str(s.graph or s.path.name) for s in sources),
            }
            partial = meta.with_suffix(".tmp")
            partial.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
            os.replace(partial, meta)
        store = cls(db, read_only=True)
        store.sources = list(sources)
        store.version = version
        return store

    @classmethod
    def from_paths(cls, paths: Iterable[Path], path: Path | None = None) -> OxigraphStore:
        """Parse every file under `paths` (syntax gate first), then load them."""
        store = cls(path)
        store.load(discover(paths))
        return store

    def load(self, sources: list[GraphSource], progress=None) -> None:
        """Load the files (pyoxigraph's bulk loader: parsed in Rust, several times faster than
        quads through Python); a broken file raises RdfSyntaxError with file:line:column."""
        bulk_load(self._store, sources, progress)
        self.sources.extend(sources)
        self.version = fingerprint(self.sources)

    def query(
        self,
        sparql: str,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        union: bool = True,
        base_iri: str | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a query on our dataset.

        No graphs given: the default graph is the union of all graphs (unless `union` is
        False, for queries with their own FROM clauses). Graphs given (the protocol's
        default-graph-uri / named-graph-uri): exactly those, the other part empty.
        `base_iri` resolves relative IRIs of a query that has no BASE.
        """
        options: dict = {"base_iri": base_iri} if base_iri else {}
        try:
            if default_graph is None and named_graphs is None:
                options["use_default_graph_as_union"] = union
            else:
                options["default_graph"] = [ox.NamedNode(g) for g in default_graph or ()]
                options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs or ()]
            return self._store.query(sparql, **options)
        except SyntaxError as exc:
            raise QuerySyntaxError(str(exc)) from None
        except ValueError as exc:  # e.g. a graph parameter that is not an IRI
            raise InputError(str(exc)) from None

    def __len__(self) -> int:
        return len(self._store)

    def graph_sizes(self) -> dict[str, int]:
        """Triples per named graph."""
        rows = self._store.query(
            "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
        )
        return {row["g"].value: int(row["n"].value) for row in rows}

    def copy_of(self, graphs: Iterable[str]) -> OxigraphStore:
        """A new in-memory store holding only the named `graphs`, term for term (blank node
        labels kept), with this store's data version."""
        copy = OxigraphStore()
        for graph in graphs:
            quads = self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
            copy._store.bulk_extend(quads)
        copy.version = self.version
        return copy

    def holds_default_graph_triples(self) -> bool:
        """Whether the store's own (unnamed) default graph holds anything."""
        return (
            next(self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None)
            is not None
        )

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for the few callers that need its full API."""
        return self._store


def bulk_load(store: ox.Store, sources: Iterable[GraphSource], progress=None) -> None:
    """Each file into its named graph with pyoxigraph's bulk loader; `progress(bytes, path)`
    after each file. On a syntax error the file is parsed again by `parse`, which raises the
    RdfSyntaxError with file:line:column that the other paths give."""
    for source in sources:
        graph = ox.NamedNode(source.graph) if source.graph else None
        try:
            if _may_hold_blank_nodes(source.path):
                store.bulk_extend(_with_stable_blank_nodes(source, graph))
            else:
                store.bulk_load(
                    path=str(source.path),
                    format=source.format,
                    base_iri=source.base_iri,
                    to_graph=graph,
                )
        except (SyntaxError, ValueError, OSError) as exc:
            parse(source)  # raises the positioned error
            raise InputError(f"{source.path}: {exc}") from None
        if progress is not None:
            progress(source.path.stat().st_size, source.path)


def _may_hold_blank_nodes(path: Path) -> bool:
    """Whether a file may write a blank node (`[`, `_:`, or an RDF/XML file): a cheap scan."""
    if path.suffix.lower() in (".rdf", ".xml", ".owl", ".jsonld"):
        return True
    data = path.read_bytes()
    return b"[" in data or b"_:" in data


def _with_stable_blank_nodes(source: GraphSource, graph: ox.NamedNode | None) -> list[ox.Quad]:
    """The file's quads with its blank nodes named by the file and their order of appearance.

    The parser gives blank nodes random labels, so every load (each worker, the static export,
    a restart) would write other `_:` labels: pages, dumps and ETags would differ between
    loads of the same data. Named in parse order (deterministic), they are the same every time.
    """
    prefix = "b" + hashlib.sha256(str(source.graph or source.path).encode()).hexdigest()[:10]
    names: dict[str, ox.BlankNode] = {}

    def stable(term):
        if isinstance(term, ox.BlankNode):
            if term.value not in names:
                names[term.value] = ox.BlankNode(f"{prefix}n{len(names)}")
            return names[term.value]
        return term

    parser = ox.parse(path=source.path, format=source.format, base_iri=source.base_iri)
    return [
        ox.Quad(stable(q.subject), q.predicate, stable(q.object), graph or q.graph_name)
        for q in parser
    ]


def lock_store(directory: Path):
    """Lock `directory` for this process's life (the open file returned holds the lock).

    A second server on the same store would rebuild the database under the first one when the
    files changed; it is refused with InputError (exit 2) instead. The lock is flock's: it
    ends with the process, so a crashed server leaves none behind.
    """
    import fcntl

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    handle = (directory / STORE_LOCK).open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise InputError(
            f"the store {directory} is in use by another server (its {STORE_LOCK} file is "
            "locked); stop that server or give another --store"
        ) from None
    return handle


def _recorded_version(meta: Path) -> str | None:
    try:
        return json.loads(meta.read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError, AttributeError):
        return None


@dataclass(frozen=True)
class DatasetSpec:
    """What another process needs to open the same dataset: the files, or the on-disk store."""

    sources: tuple[GraphSource, ...]
    version: str
    store_path: Path | None = None
    public_copy: bool = False
    """Whether the worker keeps a copy of the public graphs (access.public_view)."""

    def open(self) -> OxigraphStore:
        """In memory: parse the files again (fast for our sizes). On disk: open read-only."""
        if self.store_path is not None:
            store = OxigraphStore(self.store_path / STORE_DB, read_only=True)
            store.sources = list(self.sources)
            # what the database holds now, so that a store rebuilt meanwhile is noticed
            store.version = _recorded_version(self.store_path / STORE_META) or ""
            return store
        store = OxigraphStore()
        store.load(list(self.sources))
        return store


def open_dataset(paths: Iterable[Path], store_dir: Path | None = None) -> OxigraphStore:
    """The dataset of the files under `paths`: in memory, or in the on-disk store `store_dir`."""
    sources = discover(paths)
    if store_dir is not None:
        return OxigraphStore.persistent(sources, store_dir)
    store = OxigraphStore()
    store.load(sources)
    return store


def dataset_spec(store: OxigraphStore, public_copy: bool = False) -> DatasetSpec:
    """How a query worker process opens the same dataset as `store`."""
    on_disk = store.path.parent if store.path is not None and store.read_only else None
    return DatasetSpec(tuple(store.sources), store.version, on_disk, public_copy)
