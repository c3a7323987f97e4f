"""The store the core queries: an embedded Oxigraph store, in memory or on disk."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from .errors import QuerySyntaxError
from .loading import GraphSource, discover, fingerprint, parse_all


class Store(Protocol):
    """What the core needs of a SPARQL store, whatever engine is behind it."""

    version: str

    def query(
        self,
        sparql: str,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples: ...

    def __len__(self) -> int: ...


class OxigraphStore:
    """pyoxigraph's Store with our dataset conventions: one named graph per file, union default."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._store = ox.Store(str(path)) if path else ox.Store()
        self.version = ""
        self.sources: list[GraphSource] = []

    @classmethod
    def from_paths(cls, paths: Iterable[Path], path: Path | None = None) -> OxigraphStore:
        """Parse every file under `paths` (syntax gate first), then load them."""
        store = cls(path)
        store.load(discover(paths))
        return store

    def load(self, sources: list[GraphSource]) -> None:
        for parsed in parse_all(sources):
            self._store.extend(parsed.quads)
        self.sources.extend(sources)
        self.version = fingerprint(self.sources)

    def query(
        self,
        sparql: str,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        options: dict = {}
        if default_graph is None and named_graphs is None:
            options["use_default_graph_as_union"] = True
        else:
            if default_graph is not None:
                options["default_graph"] = [ox.NamedNode(g) for g in default_graph]
            if named_graphs is not None:
                options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        try:
            return self._store.query(sparql, **options)
        except SyntaxError as exc:
            raise QuerySyntaxError(str(exc)) from None

    def __len__(self) -> int:
        return len(self._store)

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for the few callers that need its full API."""
        return self._store
