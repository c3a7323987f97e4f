"""Validation: parse gate, then SHACL (pyshacl) and the quality checks, findings at file:line.

`validate` parses every file first (a syntax error stops everything), runs pyshacl with the
ontology for RDFS inference, runs the SPARQL quality checks (server.checks) over the same files,
and returns one Report whose findings each carry the source location of the offending triple —
or, failing that, of the focus node's first description (server.positions). Renderers for the
output formats live in server.report_formats.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

from server.errors import InputError, RdfSyntaxError, ShapesError, each_error
from server.rdf.namespace import CHECK_SHAPES, INPUT_SHAPES
from server.store.files import GraphSource, ParsedFile, discover, parse_every
from server.validate.checks import Check, CheckRow, add_check_graphs, run_checks, with_languages
from server.validate.engines import ShaclEngine, shacl_engine
from server.validate.positions import SourceLocation, SourceMap, Span, display_path

SEVERITIES = ("Violation", "Warning", "Info")
INPUT_RULES = {
    "syntax-error": "An RDF file does not parse",
    "input-error": "Unusable input: a missing file, shapes or checks that cannot be used",
}


@dataclass(frozen=True)
class ValidationFinding:
    """One SHACL result or check row, in terms a maintainer can act on.

    `focus_node`, `path`, `value` and `shape` are written as people read them (prefixed names);
    `terms` holds the same in N-Triples / SPARQL-path syntax with full IRIs, for machines.
    """

    severity: str  # Violation | Warning | Info
    rule: str  # "sh:MinCountConstraintComponent", or a check id such as "label-missing"
    focus_node: str
    path: str | None
    value: str | None
    messages: dict[str, str]
    shape: str  # the SHACL shape that reported it, or the check's id
    location: SourceLocation | None
    origin: str = "shacl"  # "shacl" | "check" | "input" (nothing was validated)
    terms: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def component(self) -> str:
        """The rule without its prefix: `MinCountConstraintComponent`, `label-missing`."""
        return self.rule.removeprefix("sh:")

    @property
    def file(self) -> Path | None:
        return self.location.path if self.location else None

    @property
    def line(self) -> int | None:
        return self.location.line if self.location else None

    @property
    def column(self) -> int | None:
        return self.location.column if self.location else None

    def message(self, lang: str = "en") -> str:
        """The message in `lang`, else an untagged one, else English, else any."""
        for key in (lang, "", "en"):
            if key in self.messages:
                return self.messages[key]
        return next(iter(self.messages.values()), self.component)


@dataclass
class Report:
    """The outcome of validating some files against some shapes and checks."""

    findings: list[ValidationFinding]
    files: list[Path]
    triples: int
    report_graph: Graph = field(repr=False)
    shapes: list[str] = field(default_factory=list)  # node shapes, as people read them
    checks: list[Check] = field(default_factory=list)
    error: InputError | None = None  # set when the input was unusable and nothing ran
    engine: str = ""  # the SHACL engine that ran (ENGINES)
    changed: list[Path] | None = None  # `--changed`: the files whose nodes were validated

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


def from_rdflib(term):
    """Convert one rdflib term to pyoxigraph (None stays None), to look findings up in the
    parsed files."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))
    return term


def to_graph(files: Iterable[ParsedFile]) -> Graph:
    """Merge parsed files into one rdflib graph (SHACL validates a single data graph)."""
    graph = Graph()
    for parsed in files:
        for prefix, namespace in parsed.prefixes.items():
            graph.bind(prefix, namespace, override=False)
        for quad in parsed.quads:
            graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph


def validate(
    targets: Sequence[Path],
    shapes: Sequence[Path],
    ontology: Sequence[Path] = (),
    checks: Sequence[Check] = (),
    vocabulary: Sequence[ox.Quad] | Path | None = None,
    inference: str | None = None,
    languages: Sequence[str] | None = None,
    engine: str | None = None,
    changed: Sequence[Path] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Validate the RDF files under `targets` against the shapes under `shapes` and `checks`.

    Every file is parsed before anything runs; a syntax error raises RdfSyntaxError. `ontology`
    files feed RDFS inference (subclasses of targeted classes) and the checks. `vocabulary` is
    the term index of the pinned vocabularies (server.vocabularies) or the folder to build it
    from (default: the bundled vocab/). `inference` is pyshacl's ("rdfs", "none"); default:
    "rdfs" when there is an ontology. `languages`: the tags labels and definitions need and the
    only ones allowed (default: the checks' own, de and en). `engine`: a name in ENGINES
    (default: the fastest installed). `changed`: validate only what these files describe (the
    named subjects in them, with the shapes that target them; check findings in them only),
    the whole graph loaded all the same — unless a shapes or ontology file is among them, which
    can change any result, so that everything is validated. `progress(phase)` is called as
    each phase starts.
    """
    step = progress or (lambda phase: None)
    if checks and languages is not None:
        checks = with_languages(checks, languages)
    chosen, module = shacl_engine(engine)
    found = discover(targets), discover(shapes), discover(ontology)
    step(f"parsing {len({s.path.resolve() for group in found for s in group})} files")
    data_files, shape_files, ontology_files = _parse_groups(*found)
    shapes_graph = to_graph(shape_files)
    if not any(shapes_graph.triples((None, RDF.type, SH.NodeShape))) and not any(
        shapes_graph.triples((None, RDF.type, SH.PropertyShape))
    ):
        raise ShapesError(f"no SHACL shapes found in {', '.join(map(str, shapes))}")
    _check_property_shapes(shapes_graph, shape_files)
    if inference is None:
        inference = "rdfs" if ontology else "none"
    scope = _scope(changed, data_files, (*found[1], *found[2]))
    # One store for everything: its default graph is the data and the ontology (what the
    # checks query, and what pyshacl validates once it has mixed ont_graph into the data).
    store = ox.Store()
    default = ox.DefaultGraph()
    store.extend(
        ox.Quad(q.subject, q.predicate, q.object, default) for p in data_files for q in p.quads
    )
    triples = len(store)
    store.extend(
        ox.Quad(q.subject, q.predicate, q.object, default) for p in ontology_files for q in p.quads
    )
    focus = None if scope is None else _focus_nodes(data_files, scope)
    step(f"inference ({inference}) and shapes ({chosen.name})")
    if focus == []:  # changed files that name no node: no SHACL result can concern them
        report_graph = _empty_report()
    else:
        report_graph = _run_shacl(
            chosen, module, store, data_files, ontology_files, shapes_graph, inference, focus
        )
    sources = SourceMap(data_files + ontology_files + shape_files)
    names = _Names(report_graph, data_files + ontology_files + shape_files, sources, store)
    findings = [
        _shacl_finding(report_graph, shapes_graph, result, names, sources)
        for result in report_graph.subjects(RDF.type, SH.ValidationResult)
    ]
    if checks:
        step(f"{len(checks)} quality checks")
        context = {"vocab": "the pinned vocabularies"}
        if not isinstance(vocabulary, Sequence):
            from server.validate.vocabularies import default_vocab_folder, term_index

            folder = Path(vocabulary or default_vocab_folder())
            context["vocab"] = display_path(folder).rstrip("/") + "/"
            vocabulary = term_index(folder)
        add_check_graphs(
            store,
            (q for p in data_files + ontology_files for q in p.quads),
            (q for p in shape_files for q in p.quads),
            vocabulary,
        )
        for row in run_checks(checks, store):
            finding = _check_finding(row, names, sources, context)
            if scope is not None and (finding.file is None or finding.file.resolve() not in scope):
                continue  # `--changed`: findings in the changed files only
            findings.append(finding)
            _add_to_report(report_graph, row, finding)
    step("writing the report")
    root = next(report_graph.subjects(RDF.type, SH.ValidationReport))
    conforms = not any(f.severity == "Violation" for f in findings)
    report_graph.set((root, SH.conforms, Literal(conforms)))
    findings.sort(key=_order)
    return Report(
        findings=findings,
        files=[p.source.path for p in data_files + ontology_files],
        triples=triples,
        report_graph=report_graph,
        shapes=sorted(names.show(s) for s in _node_shapes(shapes_graph)),
        checks=list(checks),
        engine=chosen.name,
        changed=None
        if scope is None
        else [p.source.path for p in data_files if p.source.path.resolve() in scope],
    )


def _scope(
    changed: Sequence[Path] | None, data: Sequence[ParsedFile], rules: Sequence[GraphSource]
) -> set[Path] | None:
    """The changed files (resolved) whose nodes alone are validated; None: validate everything
    (no `changed`, or a changed shapes or ontology file, which can change any result)."""
    if changed is None:
        return None
    paths = {Path(p).resolve() for p in changed}
    if any(s.path.resolve() in paths for s in rules):
        return None
    return {p.source.path.resolve() for p in data} & paths


def _focus_nodes(data: Sequence[ParsedFile], scope: set[Path]) -> list[ox.NamedNode]:
    """The named subjects of the changed files (blank nodes are reached through them)."""
    nodes = {
        q.subject
        for p in data
        if p.source.path.resolve() in scope
        for q in p.quads
        if isinstance(q.subject, ox.NamedNode)
    }
    return sorted(nodes, key=lambda n: n.value)


def _run_shacl(
    engine: ShaclEngine,
    module,
    store: ox.Store,
    data_files: Sequence[ParsedFile],
    ontology_files: Sequence[ParsedFile],
    shapes_graph: Graph,
    inference: str,
    focus: Sequence[ox.NamedNode] | None,
) -> Graph:
    """The engine's SHACL report graph; ShapesError when it cannot use the shapes."""
    options = {
        "shacl_graph": shapes_graph,
        "inference": inference,
        "abort_on_first": False,
        "allow_warnings": True,
        "allow_infos": True,
        "focus_nodes": [n.value for n in focus] if focus else None,
    }
    if engine.data == "store":
        data = store
    else:
        data = to_graph(data_files)
        options["ont_graph"] = to_graph(ontology_files) if ontology_files else None
    try:
        _conforms, report_graph, _text = module.validate(data, **options)
    except Exception as exc:  # the engines signal unusable shapes with a family of error types
        raise ShapesError(f"the shapes cannot be used: {exc}") from None
    if isinstance(report_graph, Exception):  # pyshacl returns a ValidationFailure, not raises
        raise ShapesError(f"the shapes cannot be used: {report_graph}")
    return report_graph


def _empty_report() -> Graph:
    graph = Graph()
    graph.bind("sh", SH)
    root = BNode()
    graph.add((root, RDF.type, SH.ValidationReport))
    graph.add((root, SH.conforms, Literal(True)))
    return graph


def _parse_groups(
    data: list[GraphSource], shapes: list[GraphSource], ontology: list[GraphSource]
) -> tuple[list[ParsedFile], list[ParsedFile], list[ParsedFile]]:
    """Parse data, shapes and ontology files (each file once) as a whole: every syntax error
    of every file is reported (RdfSyntaxErrors), and nothing runs when there is one."""
    seen = {s.path.resolve() for s in data}
    ontology = [s for s in ontology if s.path.resolve() not in seen]  # given as both
    groups = (data, shapes, ontology)
    unique = list({s.path.resolve(): s for group in groups for s in group}.values())
    parsed = {p.source.path.resolve(): p for p in parse_every(unique)}
    return tuple([parsed[s.path.resolve()] for s in group] for group in groups)


def _check_property_shapes(shapes: Graph, files: Sequence[ParsedFile]) -> None:
    """Every property shape has exactly one sh:path.

    pyshacl only notices a broken shape when it has focus nodes; SHACL's own shapes-graph
    validation (pyshacl's meta_shacl) would find it always but costs ~2 s on our shapes.
    """
    property_shapes = set(shapes.objects(None, SH.property))
    property_shapes.update(shapes.subjects(RDF.type, SH.PropertyShape))
    for shape in property_shapes:
        paths = list(shapes.objects(shape, SH.path))
        if len(paths) != 1:
            where = SourceMap(files, convert=to_rdflib).locate(shape)
            problem = "has no sh:path" if not paths else "has more than one sh:path"
            shape_text = f"the property shape at {where}" if where else "a property shape"
            raise ShapesError(f"the shapes cannot be used: {shape_text} {problem}")


def _order(finding: ValidationFinding) -> tuple:
    where = finding.location
    return (
        str(where.path) if where else "~",
        where.line or 0 if where else 0,
        where.column or 0 if where else 0,
        finding.focus_node,
        SEVERITIES.index(finding.severity),
        finding.rule,
        finding.path or "",
        finding.value or "",
        finding.message("en"),  # two constraints of one shape can fail on one value
    )


class _Names:
    """Writes terms as people read them (prefixed names) and as machines do (N-Triples).

    A blank node has no name, so it is shown by where it stands: the node and property that
    point at it and its place in the source, `[] (event:x mkg:participantCount,
    data/events.ttl:33:26)`, else `[] at data/events.ttl:33:26`; two blank nodes never read
    alike (they are told apart by `terms` in any case).
    """

    def __init__(
        self,
        graph: Graph,
        files: Sequence[ParsedFile],
        sources: SourceMap | None = None,
        store: ox.Store | None = None,
    ) -> None:
        self.graph = graph
        self.sources = sources
        self.store = store  # where to look for the node pointing at a blank node
        self._blanks: dict[BNode, str] = {}
        for parsed in files:
            for prefix, namespace in parsed.prefixes.items():
                graph.bind(prefix, namespace, override=False)

    def _blank(self, node: BNode) -> str:
        if node in self._blanks:
            return self._blanks[node]
        where = self.sources.locate(from_rdflib(node)) if self.sources is not None else None
        text = "[]"
        if where is not None:
            place = display_path(where.path)
            if where.span is not None:
                place += f":{where.line}:{where.column}"
            quads = (
                self.store.quads_for_pattern(None, None, from_rdflib(node), ox.DefaultGraph())
                if self.store is not None
                else iter(())
            )
            parent = next(quads, None)
            if parent is not None and isinstance(parent.subject, ox.NamedNode):
                subject, predicate = to_rdflib(parent.subject), to_rdflib(parent.predicate)
                text = f"[] ({self.show(subject)} {self.show(predicate)}, {place})"
            else:
                text = f"[] at {place}"
        self._blanks[node] = text
        return text

    def show(self, term) -> str:
        if isinstance(term, URIRef):
            try:
                return self.graph.namespace_manager.normalizeUri(term)
            except ValueError:
                return f"<{term}>"
        if isinstance(term, BNode):
            return self._blank(term)
        if isinstance(term, Literal):
            return term.n3(self.graph.namespace_manager)
        return str(term)

    @staticmethod
    def nt(term) -> str:
        return term.n3() if isinstance(term, URIRef | BNode | Literal) else str(term)


_PATH_SUFFIX = {SH.zeroOrMorePath: "*", SH.oneOrMorePath: "+", SH.zeroOrOnePath: "?"}


def _path_text(graphs: Sequence[Graph], path, write) -> str:
    """A SHACL property path in SPARQL syntax: `^org:memberOf`, `(a|b)/c*`."""
    if not isinstance(path, BNode):
        return write(path)
    for graph in graphs:
        if (path, RDF.first, None) in graph:
            return "/".join(_path_text(graphs, p, write) for p in graph.items(path))
        inverse = graph.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + _path_text(graphs, inverse, write)
        alternatives = graph.value(path, SH.alternativePath)
        if alternatives is not None:
            return (
                "("
                + "|".join(_path_text(graphs, p, write) for p in graph.items(alternatives))
                + ")"
            )
        for predicate, suffix in _PATH_SUFFIX.items():
            inner = graph.value(path, predicate)
            if inner is not None:
                return _path_text(graphs, inner, write) + suffix
    return write(path)


def _shacl_finding(
    report: Graph, shapes: Graph, result, names: _Names, sources: SourceMap
) -> ValidationFinding:
    def one(predicate):
        return report.value(result, predicate)

    focus, path, value = one(SH.focusNode), one(SH.resultPath), one(SH.value)
    severity, component, shape = (
        one(SH.resultSeverity),
        one(SH.sourceConstraintComponent),
        one(SH.sourceShape),
    )
    messages = _result_messages(report.objects(result, SH.resultMessage), shapes, shape)
    graphs = (report, shapes)
    inverse = isinstance(path, BNode) and (
        report.value(path, SH.inversePath) or shapes.value(path, SH.inversePath)
    )
    simple_path = inverse if isinstance(inverse, URIRef) else path
    location = sources.locate(
        from_rdflib(focus),
        from_rdflib(simple_path) if isinstance(simple_path, URIRef) else None,
        from_rdflib(value),
        inverse=isinstance(inverse, URIRef),
        at_predicate=component == SH.ClosedConstraintComponent,  # the predicate is not allowed
    )
    rule = "sh:" + str(component).rpartition("#")[2] if component else "sh:Constraint"
    terms = {"focusNode": names.nt(focus)}
    if path is not None:
        terms["path"] = _path_text(graphs, path, names.nt)
    if value is not None:
        terms["value"] = names.nt(value)
    return ValidationFinding(
        severity=str(severity).rpartition("#")[2] if severity else "Violation",
        rule=rule,
        focus_node=names.show(focus),
        path=_path_text(graphs, path, names.show) if path is not None else None,
        value=names.show(value) if value is not None else None,
        messages=messages,
        shape=_shape_name(shapes, shape, names) if shape is not None else "",
        location=location,
        terms=terms,
    )


def _result_messages(found: Iterable[Literal], shapes: Graph, shape) -> dict[str, str]:
    """One message per language, the same whichever engine and run: the constraint's own
    (more specific) before its shape's, then alphabetically.

    Both engines give a SPARQL constraint's result the shape's sh:message and the
    constraint's, and drop the language tag of the ones whose {?variables} they filled in;
    the tag is recovered from the message template that the text matches.
    """
    own = {str(m) for m in shapes.objects(shape, SH.message)} if shape is not None else set()
    ranked = []
    for message in found:
        text, lang, template = str(message), message.language or "", str(message)
        if not lang:
            for candidate, pattern in _message_templates(shapes):
                if pattern.fullmatch(text):
                    lang, template = candidate.language or "", str(candidate)
                    break
        ranked.append((template in own, text, lang))
    messages: dict[str, str] = {}
    for _own, text, lang in sorted(ranked):
        messages.setdefault(lang, text)
    return messages


_TEMPLATES: dict[int, tuple[Graph, list]] = {}


def _message_templates(shapes: Graph) -> list[tuple[Literal, re.Pattern]]:
    """The shapes' language-tagged sh:message values as patterns ({?var}, {$var}: anything)."""
    cached = _TEMPLATES.get(id(shapes))
    if cached is None or cached[0] is not shapes:
        patterns = []
        for message in sorted(set(shapes.objects(None, SH.message)), key=str):
            if isinstance(message, Literal) and message.language:
                body = re.sub(r"\\\{\\?[?$]\w+\\\}", ".*", re.escape(str(message)))
                patterns.append((message, re.compile(body, re.DOTALL)))
        _TEMPLATES.clear()
        cached = _TEMPLATES[id(shapes)] = (shapes, patterns)
    return cached[1]


def _shape_name(shapes: Graph, shape, names: _Names) -> str:
    """A shape as people read it; a blank property shape as `NodeShape/path`."""
    if not isinstance(shape, BNode):
        return names.show(shape)
    parent = shapes.value(predicate=SH.property, object=shape)
    path = shapes.value(shape, SH.path)
    path_text = _path_text((shapes,), path, names.show) if path is not None else "[]"
    return f"{_shape_name(shapes, parent, names)}/{path_text}" if parent is not None else path_text


def _node_shapes(shapes: Graph) -> set:
    found = set(shapes.subjects(RDF.type, SH.NodeShape))
    for predicate in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf):
        found.update(shapes.subjects(predicate, None))
    return {s for s in found if not isinstance(s, BNode)}


def _check_finding(
    row: CheckRow, names: _Names, sources: SourceMap, context: dict[str, str]
) -> ValidationFinding:
    terms = row.bindings  # pyoxigraph's, as the parsed files have them
    # A check that names the offending ?term points at it: the predicate when it is the term.
    at_predicate = "path" in terms and terms.get("term") == terms["path"]
    location = sources.locate(
        terms["focus"],
        terms["path"] if isinstance(terms.get("path"), ox.NamedNode) else None,
        terms.get("value"),
        at_predicate=at_predicate,
    )
    bindings = {name: to_rdflib(term) for name, term in terms.items()}
    focus, path, value = bindings["focus"], bindings.get("path"), bindings.get("value")
    messages = {
        lang: row.message(lang, lambda t: names.show(to_rdflib(t)), context)
        for lang in ("en", "de")
    }
    terms = {"focusNode": names.nt(focus)}
    if path is not None:
        terms["path"] = names.nt(path)
    if value is not None:
        terms["value"] = names.nt(value)
    return ValidationFinding(
        severity=row.check.severity,
        rule=row.check.id,
        focus_node=names.show(focus),
        path=names.show(path) if path is not None else None,
        value=names.show(value) if value is not None else None,
        messages=messages,
        shape=row.check.id,
        location=location,
        origin="check",
        terms=terms,
    )


def _add_to_report(report: Graph, row: CheckRow, finding: ValidationFinding) -> None:
    """Record a check's row as an sh:ValidationResult, so `--format turtle` has it too."""
    bindings = {name: to_rdflib(term) for name, term in row.bindings.items()}
    node = BNode()
    root = next(report.subjects(RDF.type, SH.ValidationReport))
    report.add((root, SH.result, node))
    report.add((node, RDF.type, SH.ValidationResult))
    report.add((node, SH.focusNode, bindings["focus"]))
    if "path" in bindings:
        report.add((node, SH.resultPath, bindings["path"]))
    if "value" in bindings:
        report.add((node, SH.value, bindings["value"]))
    report.add((node, SH.resultSeverity, SH[finding.severity]))
    report.add((node, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
    report.add((node, SH.sourceShape, URIRef(CHECK_SHAPES + row.check.id)))
    for lang, text in finding.messages.items():
        report.add((node, SH.resultMessage, Literal(text, lang=lang)))


def input_error_report(error: InputError) -> Report:
    """Unusable input as a report of violations, so machine formats show it too.

    One finding per error: the rule is `syntax-error` for a file that does not parse (located
    at its line and column; every broken file is one), else `input-error`. The SHACL report
    graph records each as a result whose focus node is the file (its file: IRI) when there is
    one.
    """
    graph = Graph()
    graph.bind("sh", SH)
    root = BNode()
    graph.add((root, RDF.type, SH.ValidationReport))
    graph.add((root, SH.conforms, Literal(False)))
    findings = []
    for single in each_error(error):
        finding, focus = _input_finding(single)
        findings.append(finding)
        node = BNode()
        graph.add((root, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        graph.add((node, SH.focusNode, focus))
        graph.add((node, SH.resultSeverity, SH.Violation))
        graph.add((node, SH.sourceConstraintComponent, URIRef(INPUT_SHAPES + finding.rule)))
        graph.add((node, SH.sourceShape, URIRef(INPUT_SHAPES + finding.rule)))
        graph.add((node, SH.resultMessage, Literal(str(single), lang="en")))
    return Report(findings=findings, files=[], triples=0, report_graph=graph, error=error)


def _input_finding(error: InputError) -> tuple[ValidationFinding, URIRef | BNode]:
    location = None
    if isinstance(error, RdfSyntaxError):
        rule, message = "syntax-error", error.detail
        span = None
        if error.line is not None:
            column = error.column or 1
            span = Span(error.line, column, error.line, column + 1)
        location = SourceLocation(error.path, span)
    else:
        rule, message = "input-error", str(error)
    focus = URIRef(error.path.resolve().as_uri()) if location is not None else BNode()
    finding = ValidationFinding(
        severity="Violation",
        rule=rule,
        focus_node=str(location.path) if location is not None else "",
        path=None,
        value=None,
        messages={"en": message},
        shape=rule,
        location=location,
        origin="input",
        terms={"focusNode": focus.n3()} if isinstance(focus, URIRef) else {},
    )
    return finding, focus


def summary_line(report: Report) -> str:
    if report.error is not None:
        errors = len(each_error(report.error))
        return f"not validated: unusable input ({errors} error{'s' if errors > 1 else ''})"
    counts = ", ".join(f"{report.count(s)} {s.lower()}(s)" for s in SEVERITIES)
    verdict = "conforms" if report.conforms else "does not conform"
    return f"{verdict}: {counts} in {len(report.files)} file(s), {report.triples} triples"
