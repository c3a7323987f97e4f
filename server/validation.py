"""Validation: parse gate, then SHACL (pyshacl) with the ontology for RDFS inference.

The result is a Report of findings, each traced back to the file its focus node is described in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

from .errors import ShapesError
from .loading import ParsedFile, discover, parse_all

SEVERITIES = ("Violation", "Warning", "Info")


@dataclass(frozen=True)
class ValidationFinding:
    """One SHACL validation result, in terms a maintainer can act on."""

    severity: str
    focus_node: str
    path: str | None
    value: str | None
    messages: dict[str, str]
    shape: str
    component: str
    file: Path | None

    def message(self, lang: str = "en") -> str:
        """The message in `lang`, else an untagged one, else any."""
        for key in (lang, ""):
            if key in self.messages:
                return self.messages[key]
        return next(iter(self.messages.values()), self.component)


@dataclass
class Report:
    """The outcome of validating some files against some shapes."""

    findings: list[ValidationFinding]
    files: list[Path]
    triples: int
    report_graph: Graph = field(repr=False)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, threshold: str = "Violation") -> bool:
        """True when any finding is at least as severe as `threshold`."""
        worst = SEVERITIES[: SEVERITIES.index(threshold) + 1]
        return any(f.severity in worst for f in self.findings)

    @property
    def conforms(self) -> bool:
        return not self.fails("Violation")


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> URIRef | BNode | Literal:
    """Convert one pyoxigraph term to rdflib (blank node ids are unique per parse already)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def to_graph(files: Iterable[ParsedFile]) -> Graph:
    """Merge parsed files into one rdflib graph (SHACL validates a single data graph)."""
    graph = Graph()
    for parsed in files:
        for prefix, namespace in parsed.prefixes.items():
            graph.bind(prefix, namespace, override=False)
        for quad in parsed.quads:
            graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph


def _describing_files(files: Sequence[ParsedFile]) -> dict[object, Path]:
    """Focus node → the first file that has it as subject (else as object)."""
    where: dict[object, Path] = {}
    for parsed in files:
        for quad in parsed.quads:
            where.setdefault(to_rdflib(quad.subject), parsed.source.path)
    for parsed in files:
        for quad in parsed.quads:
            where.setdefault(to_rdflib(quad.object), parsed.source.path)
    return where


def validate(
    targets: Sequence[Path], shapes: Sequence[Path], ontology: Sequence[Path] = ()
) -> Report:
    """Validate the RDF files under `targets` against the shapes under `shapes`.

    Every file is parsed before SHACL runs; a syntax error raises RdfSyntaxError and nothing
    else happens. `ontology` files feed RDFS inference (subclasses of targeted classes).
    """
    import pyshacl  # deferred: importing it costs ~0.5 s, which `--help` should not pay

    data_files = parse_all(discover(targets))
    shape_files = parse_all(discover(shapes))
    ontology_files = parse_all(discover(ontology))
    data_graph = to_graph(data_files)
    shapes_graph = to_graph(shape_files)
    if not any(shapes_graph.triples((None, RDF.type, SH.NodeShape))) and not any(
        shapes_graph.triples((None, RDF.type, SH.PropertyShape))
    ):
        raise ShapesError(f"no SHACL shapes found in {', '.join(map(str, shapes))}")
    try:
        _conforms, report_graph, _text = pyshacl.validate(
            data_graph,
            shacl_graph=shapes_graph,
            ont_graph=to_graph(ontology_files) if ontology_files else None,
            inference="rdfs" if ontology_files else "none",
            abort_on_first=False,
            allow_warnings=True,
            allow_infos=True,
        )
    except Exception as exc:  # pyshacl signals unusable shapes with a family of error types
        raise ShapesError(f"the shapes cannot be used: {exc}") from None
    for prefix, namespace in data_graph.namespaces():
        report_graph.bind(prefix, namespace, override=False)
    where = _describing_files(data_files)
    findings = [_finding(report_graph, result, where) for result in _results(report_graph)]
    findings.sort(key=lambda f: (str(f.file), f.focus_node, SEVERITIES.index(f.severity)))
    return Report(
        findings=findings,
        files=[p.source.path for p in data_files],
        triples=len(data_graph),
        report_graph=report_graph,
    )


def _results(report: Graph) -> list:
    return list(report.subjects(RDF.type, SH.ValidationResult))


def _finding(report: Graph, result, where: dict[object, Path]) -> ValidationFinding:
    def one(predicate):
        return report.value(result, predicate)

    focus = one(SH.focusNode)
    path = one(SH.resultPath)
    value = one(SH.value)
    severity = one(SH.resultSeverity)
    component = one(SH.sourceConstraintComponent)
    messages = {(m.language or ""): str(m) for m in report.objects(result, SH.resultMessage)}
    return ValidationFinding(
        severity=str(severity).rpartition("#")[2] if severity else "Violation",
        focus_node=_show(report, focus),
        path=_show(report, path) if path is not None else None,
        value=_show(report, value) if value is not None else None,
        messages=messages,
        shape=_show(report, one(SH.sourceShape)),
        component=str(component).rpartition("#")[2] if component else "",
        file=where.get(focus),
    )


def _show(graph: Graph, term) -> str:
    """A term as a maintainer would write it: prefixed name where a prefix is known."""
    if isinstance(term, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(term)
        except ValueError:
            return f"<{term}>"
    if isinstance(term, BNode):
        return "[]" if not any(graph.triples((term, None, None))) else f"_:{term}"
    if isinstance(term, Literal):
        return term.n3(graph.namespace_manager)
    return str(term)


def render_text(report: Report, lang: str = "en", color: bool = False) -> str:
    """Human report grouped by focus node: severity, message, path, value, file."""
    paint = _Painter(color)
    lines: list[str] = []
    current = None
    for finding in report.findings:
        key = (finding.file, finding.focus_node)
        if key != current:
            current = key
            where = _display_path(finding.file) if finding.file else "(no file)"
            lines.append(f"{paint.bold(where)}: {finding.focus_node}")
        label = paint.severity(finding.severity)
        lines.append(f"  {label} {finding.message(lang)}  [{finding.component}]")
        if finding.path:
            lines.append(f"      path:  {finding.path}")
        if finding.value:
            lines.append(f"      value: {finding.value}")
    lines.append(summary_line(report))
    return "\n".join(lines)


def summary_line(report: Report) -> str:
    counts = ", ".join(f"{report.count(s)} {s.lower()}(s)" for s in SEVERITIES)
    verdict = "conforms" if report.conforms else "does not conform"
    return f"{verdict}: {counts} in {len(report.files)} file(s), {report.triples} triples"


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class _Painter:
    """ANSI colours, or nothing when the output is not a terminal."""

    COLOURS: ClassVar[dict[str, str]] = {"Violation": "31", "Warning": "33", "Info": "36"}

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def _wrap(self, code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.enabled else text

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def severity(self, severity: str) -> str:
        return self._wrap(self.COLOURS.get(severity, "0"), f"{severity:<9}")
