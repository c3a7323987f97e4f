"""The SHACL engines `validate --engine` offers: a registry, light to import (`--help`)."""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass

from server.errors import InputError


@dataclass(frozen=True)
class ShaclEngine:
    """A SHACL engine with pyshacl's `validate()` (shacl_graph=, inference=, focus_nodes=, …).

    `data` is what it is given: "rdflib" (an rdflib Graph, the ontology as ont_graph) or
    "store" (the pyoxigraph Store whose default graph holds data and ontology: what pyshacl's
    ont_graph does, mixing the ontology into the data, without an rdflib copy).
    """

    name: str
    module: str
    data: str
    summary: str

    @property
    def installed(self) -> bool:
        return importlib.util.find_spec(self.module) is not None


ENGINES = {
    engine.name: engine
    for engine in (
        ShaclEngine(
            "pyshacl-turbo",
            "pyshacl_turbo",
            "store",
            "Rust, pySHACL-compatible; the same findings, 10x faster on 200 k triples",
        ),
        ShaclEngine("pyshacl", "pyshacl", "rdflib", "the reference, pure Python (rdflib, owlrl)"),
    )
}
"""The SHACL engines `validate --engine` offers, fastest first (docs/ci.md#engines)."""


def default_engine() -> str:
    """The fastest installed engine (they give the same findings on our shapes)."""
    return next(name for name, engine in ENGINES.items() if engine.installed)


def shacl_engine(name: str | None) -> tuple[ShaclEngine, object]:
    """The engine named `name` (default: default_engine()) and its module; InputError when it
    is unknown or not installed."""
    name = name or default_engine()
    if name not in ENGINES:
        raise InputError(f"unknown SHACL engine {name!r}; one of {', '.join(ENGINES)}")
    engine = ENGINES[name]
    try:
        return engine, importlib.import_module(engine.module)
    except ImportError:
        raise InputError(
            f"the SHACL engine {name} is not installed (pip install {name}, or "
            "'mannheim-kg[turbo]')"
        ) from None
