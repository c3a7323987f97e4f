"""Files → named graphs: find RDF files, parse them (syntax gate), name each file's graph."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from server.errors import InputError, RdfSyntaxError, RdfSyntaxErrors, SourceNotFound
from server.rdf.namespace import GRAPH

FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".n3": ox.RdfFormat.N3,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
}
QUAD_FORMATS = {ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS}


@dataclass(frozen=True)
class GraphSource:
    """One RDF file and the named graph it is loaded into (None: the file names its own graphs)."""

    path: Path
    graph: str | None

    @property
    def format(self) -> ox.RdfFormat:
        return FORMATS[self.path.suffix.lower()]

    @property
    def base_iri(self) -> str:
        """Relative IRIs resolve against the graph IRI, never against a path of this machine."""
        return self.graph or GRAPH + self.path.stem


def discover(paths: Iterable[Path]) -> list[GraphSource]:
    """Every RDF file under the given files/folders, each with a stable graph IRI.

    The graph IRI is GRAPH + the file's path relative to the folder it was found in, without
    the extension (`data/clusters.ttl` → `…/graph/clusters`): stable across machines.
    """
    found: dict[str, GraphSource] = {}
    for root in paths:
        root = Path(root)
        if not root.exists():
            raise SourceNotFound(f"{root}: no such file or directory")
        if root.is_file():
            files = [(root, root.stem)]
        else:
            files = [
                (p, p.relative_to(root).with_suffix("").as_posix())
                for p in sorted(root.rglob("*"))
                if p.is_file() and p.suffix.lower() in FORMATS and not _hidden(p, root)
            ]
        for path, name in files:
            if path.suffix.lower() not in FORMATS:
                raise InputError(f"{path}: unknown RDF file extension {path.suffix!r}")
            fmt = FORMATS[path.suffix.lower()]
            graph = None if fmt in QUAD_FORMATS else GRAPH + name
            key = graph or str(path.resolve())
            if key in found and found[key].path.resolve() != path.resolve():
                raise InputError(f"{path} and {found[key].path} would both load into <{graph}>")
            found[key] = GraphSource(path, graph)
    return list(found.values())


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


@dataclass
class ParsedFile:
    """The quads of one file (already in their graph) and the prefixes it declared."""

    source: GraphSource
    quads: list[ox.Quad]
    prefixes: dict[str, str]


def parse(source: GraphSource) -> ParsedFile:
    """Parse one file; a syntax error becomes RdfSyntaxError with file:line:column."""
    graph = ox.NamedNode(source.graph) if source.graph else None
    try:
        parser = ox.parse(path=source.path, format=source.format, base_iri=source.base_iri)
        quads = [ox.Quad(q.subject, q.predicate, q.object, graph or q.graph_name) for q in parser]
    except SyntaxError as exc:
        line, column = exc.lineno, exc.offset
        if line is None and source.format == ox.RdfFormat.RDF_XML:
            line, column = _xml_position(source.path)
        raise RdfSyntaxError(source.path, line, column, _detail(exc)) from None
    except (OSError, ValueError) as exc:
        raise RdfSyntaxError(source.path, None, None, str(exc)) from None
    return ParsedFile(source, quads, dict(parser.prefixes))


def _xml_position(path: Path) -> tuple[int | None, int | None]:
    """Where an ill-formed XML file breaks (pyoxigraph's RDF/XML errors carry no position):
    expat's line and 1-based column; none when the XML is well-formed (an RDF-level error)."""
    from xml.parsers import expat

    parser = expat.ParserCreate()
    try:
        with path.open("rb") as file:
            parser.ParseFile(file)
    except expat.ExpatError as exc:
        return exc.lineno, exc.offset + 1
    except OSError:
        pass
    return None, None


def _detail(exc: SyntaxError) -> str:
    """The parser's message without its own position prefix (we print file:line:col)."""
    message = exc.msg or str(exc)
    head, sep, tail = message.partition(": ")
    return tail if sep and head.startswith("Parser error") else message


def parse_all(sources: Iterable[GraphSource]) -> list[ParsedFile]:
    """Parse every file before anything uses them: the first syntax error stops everything."""
    return [parse(source) for source in sources]


def parse_every(sources: Iterable[GraphSource]) -> list[ParsedFile]:
    """Parse every file, all of them even after a syntax error, so that one run reports every
    broken file: RdfSyntaxError for one, RdfSyntaxErrors for several (in the given order)."""
    parsed: list[ParsedFile] = []
    errors: list[RdfSyntaxError] = []
    for source in sources:
        try:
            parsed.append(parse(source))
        except RdfSyntaxError as error:
            errors.append(error)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise RdfSyntaxErrors(errors)
    return parsed


def fingerprint(sources: Iterable[GraphSource]) -> str:
    """A short content hash of the files: the data version behind ETags and /healthz."""
    digest = hashlib.sha256()
    for source in sorted(sources, key=lambda s: str(s.graph or s.path)):
        digest.update(str(source.graph).encode())
        digest.update(source.path.read_bytes())
    return digest.hexdigest()[:16]
