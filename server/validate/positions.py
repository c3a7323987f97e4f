"""Source positions: where each triple of a Turtle, TriG, N-Triples or N-Quads file stands.

Neither pyoxigraph nor rdflib keeps positions, so this module reads a file a second time with a
small position-aware parser, rebuilds its triples with the span of every term, and aligns them
with the triples pyoxigraph parsed — blank nodes included, by refining each blank node's
signature (its predicates and neighbours) until the two parses agree on which node is which.
Formats without a reader here (RDF/XML, JSON-LD, N3) are located by file only.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from server.rdf.namespace import RDF, XSD

if TYPE_CHECKING:
    from server.store.files import ParsedFile

Term = ox.NamedNode | ox.BlankNode | ox.Literal

RDF_TYPE = ox.NamedNode(RDF + "type")
RDF_FIRST = ox.NamedNode(RDF + "first")
RDF_REST = ox.NamedNode(RDF + "rest")
RDF_NIL = ox.NamedNode(RDF + "nil")

# Formats this module can read, by file extension.
READABLE = {".ttl": "turtle", ".nt": "turtle", ".trig": "trig", ".nq": "nquads"}


class PositionsUnavailable(ValueError):
    """The position-aware pass cannot read this text (the syntax gate has accepted it already)."""


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a file: 1-based line and column of its start, end column exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class SourceLocation:
    """A file and, where known, the region in it."""

    path: Path
    span: Span | None = None

    @property
    def line(self) -> int | None:
        return self.span.line if self.span else None

    @property
    def column(self) -> int | None:
        return self.span.column if self.span else None

    def __str__(self) -> str:
        if self.span is None:
            return str(self.path)
        return f"{self.path}:{self.span.line}:{self.span.column}"


def display_path(path: Path) -> str:
    """A file as CI tools want it: relative to the working directory (the repository root)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass(frozen=True, slots=True)
class PositionedTriple:
    """One triple and the spans of its subject, predicate and object in the text."""

    subject: Term
    predicate: ox.NamedNode
    object: Term
    subject_span: Span
    predicate_span: Span
    object_span: Span


# --- tokens ------------------------------------------------------------------------------------

_PN_CHARS = r"[\w\-\u00B7\u0300-\u036F\u203F-\u2040]"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PREFIX = rf"[^\W\d_](?:(?:{_PN_CHARS}|\.)*{_PN_CHARS})?"
_LOCAL = rf"(?:[\w:]|{_PLX})(?:(?:{_PN_CHARS}|[.:]|{_PLX})*(?:{_PN_CHARS}|:|{_PLX}))?"
_TOKEN = re.compile(
    rf"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*')
  | (?P<at>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<dtmark>\^\^)
  | (?P<bnode>_:[\w](?:[\w.\-\u00B7]*[\w\-\u00B7])?)
  | (?P<number>[+-]?(?:\d+\.\d*[eE][+-]?\d+|\.\d+[eE][+-]?\d+|\d+[eE][+-]?\d+|\d*\.\d+|\d+))
  | (?P<pname>(?:{_PREFIX})?:(?:{_LOCAL})?)
  | (?P<word>[A-Za-z]+)
  | (?P<punct>[.;,\[\](){{}}])
    """,
    re.VERBOSE | re.DOTALL,
)
_ECHAR = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_IRI_PARTS = re.compile(
    r"^(?:(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*):)?(?://(?P<authority>[^/?#]*))?"
    r"(?P<path>[^?#]*)(?:\?(?P<query>[^#]*))?(?:#(?P<fragment>.*))?$",
    re.DOTALL,
)


def resolve_iri(base: str, reference: str) -> str:
    """Resolve a relative IRI reference against a base IRI (RFC 3986, section 5.2)."""
    r = _IRI_PARTS.match(reference)
    b = _IRI_PARTS.match(base)
    assert r is not None and b is not None  # every string matches: all parts are optional
    if r["scheme"] is not None:
        scheme, authority, path, query = (
            r["scheme"],
            r["authority"],
            _remove_dot_segments(r["path"]),
            r["query"],
        )
    else:
        scheme = b["scheme"]
        if r["authority"] is not None:
            authority, path, query = r["authority"], _remove_dot_segments(r["path"]), r["query"]
        else:
            authority = b["authority"]
            if r["path"] == "":
                path = b["path"]
                query = r["query"] if r["query"] is not None else b["query"]
            else:
                if r["path"].startswith("/"):
                    path = r["path"]
                elif b["authority"] is not None and b["path"] == "":
                    path = "/" + r["path"]
                else:
                    path = b["path"][: b["path"].rfind("/") + 1] + r["path"]
                path = _remove_dot_segments(path)
                query = r["query"]
    text = f"{scheme}:" if scheme is not None else ""
    if authority is not None:
        text += "//" + authority
    text += path
    if query is not None:
        text += "?" + query
    if r["fragment"] is not None:
        text += "#" + r["fragment"]
    return text


def _remove_dot_segments(path: str) -> str:
    output: list[str] = []
    while path:
        if path.startswith("../"):
            path = path[3:]
        elif path.startswith(("./", "/./")):
            path = path[2:]
        elif path == "/.":
            path = "/"
        elif path.startswith("/../") or path == "/..":
            path = "/" + path[4:] if path.startswith("/../") else "/"
            if output:
                output.pop()
        elif path in (".", ".."):
            path = ""
        else:
            start = 1 if path.startswith("/") else 0
            end = path.find("/", start)
            end = len(path) if end == -1 else end
            output.append(path[:end])
            path = path[end:]
    return "".join(output)


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str
    start: int
    end: int


def tokenize(text: str) -> Iterator[Token]:
    """The tokens of a Turtle-family document, without whitespace and comments."""
    position, length = 0, len(text)
    while position < length:
        match = _TOKEN.match(text, position)
        if match is None:
            raise PositionsUnavailable(f"unreadable text at offset {position}")
        kind = match.lastgroup or ""
        if kind not in ("ws", "comment"):
            yield Token(kind, match.group(), match.start(), match.end())
        position = match.end()


def _unescape(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        code = match.group(1) or match.group(2)
        if code:
            return chr(int(code, 16))
        return _ECHARS.get(match.group(3), match.group(3))

    return _ECHAR.sub(replace, text) if "\\" in text else text


# --- the position-aware parser -----------------------------------------------------------------


class _Reader:
    """Recursive descent over Turtle / TriG / N-Quads tokens, emitting triples with spans."""

    def __init__(self, text: str, syntax: str, base_iri: str | None) -> None:
        self.text = text
        self.syntax = syntax
        self.tokens = list(tokenize(text))
        self.index = 0
        self.base = base_iri or ""
        self.prefixes: dict[str, str] = {}
        self.labels: dict[str, ox.BlankNode] = {}
        self.fresh = 0
        self.triples: list[PositionedTriple] = []
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    # positions
    def span(self, start: int, end: int) -> Span:
        line = bisect.bisect_right(self.line_starts, start)
        end_line = bisect.bisect_right(self.line_starts, max(start, end - 1))
        end_column = end - self.line_starts[end_line - 1] + 1
        return Span(line, start - self.line_starts[line - 1] + 1, end_line, end_column)

    # token access
    def peek(self, ahead: int = 0) -> Token | None:
        at = self.index + ahead
        return self.tokens[at] if at < len(self.tokens) else None

    def next(self) -> Token:
        token = self.peek()
        if token is None:
            raise PositionsUnavailable("unexpected end of text")
        self.index += 1
        return token

    def expect(self, text: str) -> Token:
        token = self.next()
        if token.text != text:
            raise PositionsUnavailable(f"expected {text!r} at offset {token.start}")
        return token

    def at(self, *texts: str) -> bool:
        token = self.peek()
        return token is not None and token.kind == "punct" and token.text in texts

    # document
    def read(self) -> list[PositionedTriple]:
        while self.peek() is not None:
            self.statement()
        return self.triples

    def statement(self) -> None:
        token = self.peek()
        assert token is not None
        if token.kind == "at" and token.text in ("@prefix", "@base"):
            self.directive(sparql=False)
        elif token.kind == "word" and token.text.upper() in ("PREFIX", "BASE"):
            self.directive(sparql=True)
        elif self.syntax == "trig" and self.starts_graph():
            self.graph_block()
        else:
            self.triples_statement()
            self.expect(".")

    def directive(self, sparql: bool) -> None:
        keyword = self.next().text.lstrip("@").lower()
        if keyword == "prefix":
            name = self.next()
            if name.kind != "pname" or not name.text.endswith(":"):
                raise PositionsUnavailable(f"bad prefix at offset {name.start}")
            self.prefixes[name.text[:-1]] = self.iri_value(self.next())
        else:
            self.base = self.iri_value(self.next())
        if not sparql:
            self.expect(".")

    def starts_graph(self) -> bool:
        token = self.peek()
        assert token is not None
        if token.kind == "word" and token.text.upper() == "GRAPH":
            return True
        if token.kind == "punct" and token.text == "{":
            return True
        following = self.peek(1)
        if token.kind in ("iri", "pname", "bnode"):
            return following is not None and following.text == "{"
        if token.text == "[":  # an anonymous graph label: `[] { … }`
            closing, after = self.peek(1), self.peek(2)
            return (
                closing is not None
                and closing.text == "]"
                and after is not None
                and (after.text == "{")
            )
        return False

    def graph_block(self) -> None:
        token = self.peek()
        assert token is not None
        if token.kind == "word":
            self.next()
        if not self.at("{"):
            if self.at("["):
                self.next()
            self.next()
        self.expect("{")
        while not self.at("}"):
            self.triples_statement()
            if self.at("."):
                self.next()
            elif not self.at("}"):
                raise PositionsUnavailable("expected '.' or '}' in a graph block")
        self.expect("}")

    def triples_statement(self) -> None:
        if self.at("["):
            subject, span = self.property_list_node()
            if self.at(".", "}"):
                return
            self.predicate_object_list(subject, span)
        elif self.at("("):
            subject, span = self.collection()
            self.predicate_object_list(subject, span)
        else:
            subject, span = self.simple_term(self.next())
            self.predicate_object_list(subject, span)

    def predicate_object_list(self, subject: Term, subject_span: Span) -> None:
        self.verb_and_objects(subject, subject_span)
        while self.at(";"):
            while self.at(";"):
                self.next()
            if self.peek() is None or self.at(".", "]", "}"):
                return
            self.verb_and_objects(subject, subject_span)

    def verb_and_objects(self, subject: Term, subject_span: Span) -> None:
        token = self.next()
        if token.kind == "word" and token.text == "a":
            predicate: Term = RDF_TYPE
            predicate_span = self.span(token.start, token.end)
        else:
            predicate, predicate_span = self.simple_term(token)
        if not isinstance(predicate, ox.NamedNode):
            raise PositionsUnavailable(f"a predicate must be an IRI (offset {token.start})")
        while True:
            obj, obj_span = self.object_term()
            self.emit(subject, predicate, obj, subject_span, predicate_span, obj_span)
            if self.syntax == "nquads":
                self.graph_label()
            if not self.at(","):
                return
            self.next()

    def graph_label(self) -> None:
        token = self.peek()
        if token is not None and token.kind in ("iri", "bnode"):
            self.next()

    def object_term(self) -> tuple[Term, Span]:
        if self.at("["):
            return self.property_list_node()
        if self.at("("):
            return self.collection()
        return self.simple_term(self.next())

    def property_list_node(self) -> tuple[ox.BlankNode, Span]:
        opening = self.expect("[")
        node = self.new_blank_node()
        if not self.at("]"):
            self.predicate_object_list(node, self.span(opening.start, opening.end))
        closing = self.expect("]")
        return node, self.span(opening.start, closing.end)

    def collection(self) -> tuple[Term, Span]:
        opening = self.expect("(")
        items: list[tuple[Term, Span]] = []
        while not self.at(")"):
            items.append(self.object_term())
        closing = self.expect(")")
        whole = self.span(opening.start, closing.end)
        if not items:
            return RDF_NIL, whole
        nodes = [self.new_blank_node() for _ in items]
        for i, (item, item_span) in enumerate(items):
            rest = nodes[i + 1] if i + 1 < len(nodes) else RDF_NIL
            self.emit(nodes[i], RDF_FIRST, item, item_span, item_span, item_span)
            self.emit(nodes[i], RDF_REST, rest, item_span, item_span, item_span)
        return nodes[0], whole

    def simple_term(self, token: Token) -> tuple[Term, Span]:
        kind = token.kind
        if kind in ("iri", "pname"):
            return ox.NamedNode(self.iri_value(token)), self.span(token.start, token.end)
        if kind == "bnode":
            label = token.text[2:]
            if label not in self.labels:
                self.labels[label] = self.new_blank_node()
            return self.labels[label], self.span(token.start, token.end)
        if kind == "string":
            return self.literal(token)
        if kind == "number":
            text = token.text
            datatype = "double" if "e" in text.lower() else "decimal" if "." in text else "integer"
            literal = ox.Literal(text, datatype=ox.NamedNode(XSD + datatype))
            return literal, self.span(token.start, token.end)
        if kind == "word" and token.text in ("true", "false"):
            literal = ox.Literal(token.text, datatype=ox.NamedNode(XSD + "boolean"))
            return literal, self.span(token.start, token.end)
        raise PositionsUnavailable(f"unexpected {token.text!r} at offset {token.start}")

    def literal(self, token: Token) -> tuple[ox.Literal, Span]:
        quote = 3 if token.text[:3] in ('"""', "'''") else 1
        value = _unescape(token.text[quote:-quote])
        end = token.end
        following = self.peek()
        if following is not None and following.kind == "at":
            self.next()
            return ox.Literal(value, language=following.text[1:].lower()), self.span(
                token.start, following.end
            )
        if following is not None and following.kind == "dtmark":
            self.next()
            datatype_token = self.next()
            datatype = ox.NamedNode(self.iri_value(datatype_token))
            end = datatype_token.end
            return ox.Literal(value, datatype=datatype), self.span(token.start, end)
        return ox.Literal(value), self.span(token.start, end)

    def iri_value(self, token: Token) -> str:
        if token.kind == "iri":
            reference = _unescape(token.text[1:-1])
            return resolve_iri(self.base, reference) if self.base else reference
        if token.kind == "pname":
            prefix, _, local = token.text.partition(":")
            if prefix not in self.prefixes:
                raise PositionsUnavailable(f"undeclared prefix {prefix!r}")
            return self.prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
        raise PositionsUnavailable(f"expected an IRI at offset {token.start}")

    def new_blank_node(self) -> ox.BlankNode:
        self.fresh += 1
        return ox.BlankNode(f"pos{self.fresh}")

    def emit(self, s: Term, p: Term, o: Term, s_span: Span, p_span: Span, o_span: Span) -> None:
        assert isinstance(p, ox.NamedNode)
        self.triples.append(PositionedTriple(s, p, o, s_span, p_span, o_span))


def read_positions(text: str, syntax: str = "turtle", base_iri: str | None = None):
    """Every triple of a Turtle ("turtle", also N-Triples), TriG or N-Quads text, with spans.

    Blank nodes are this reader's own; `align` renames them to another parse's.
    """
    if syntax not in ("turtle", "trig", "nquads"):
        raise PositionsUnavailable(f"no position-aware reader for {syntax}")
    return _Reader(text, syntax, base_iri).read()


# --- aligning blank nodes with the real parse --------------------------------------------------

Triple = tuple[Term, Term, Term]
MAX_REFINEMENT_ROUNDS = 64


def _refine(graphs: Sequence[Sequence[Triple]]) -> list[dict[ox.BlankNode, int]]:
    """Colour blank nodes by their neighbourhood until the partition stops getting finer.

    One interning table serves all graphs, so equal colours mean equal neighbourhoods across
    them (1-dimensional Weisfeiler-Leman refinement).
    """
    adjacency: list[dict[ox.BlankNode, list[tuple[str, str, Term]]]] = []
    for triples in graphs:
        edges: dict[ox.BlankNode, list[tuple[str, str, Term]]] = defaultdict(list)
        for s, p, o in triples:
            if isinstance(s, ox.BlankNode):
                edges[s].append(("out", p.value, o))
            if isinstance(o, ox.BlankNode):
                edges[o].append(("in", p.value, s))
        adjacency.append(edges)
    colours: list[dict[ox.BlankNode, int]] = [dict.fromkeys(edges, 0) for edges in adjacency]
    distinct = 1
    # Tree-shaped Turtle settles in a few rounds; the cap bounds pathological inputs (long lists
    # of equal items), whose still-equal nodes are then paired in document order by `align`.
    for _ in range(min(max((len(c) for c in colours), default=0) + 1, MAX_REFINEMENT_ROUNDS)):
        table: dict[tuple, int] = {}
        refined = []
        for edges, colour in zip(adjacency, colours, strict=True):
            new: dict[ox.BlankNode, int] = {}
            for node, neighbours in edges.items():
                signature = tuple(
                    sorted(
                        (
                            direction,
                            predicate,
                            f"_:{colour[other]}" if isinstance(other, ox.BlankNode) else str(other),
                        )
                        for direction, predicate, other in neighbours
                    )
                )
                new[node] = table.setdefault((colour[node], signature), len(table))
            refined.append(new)
        colours = refined
        if len(table) == distinct:
            break
        distinct = len(table)
    return colours


def align(mine: Sequence[PositionedTriple], theirs: Iterable[Triple]) -> list[PositionedTriple]:
    """`mine` with blank nodes renamed to those of `theirs`; triples they lack are dropped."""
    theirs = list(theirs)
    mine_triples = [(t.subject, t.predicate, t.object) for t in mine]
    rename: dict[ox.BlankNode, ox.BlankNode] = {}
    if any(isinstance(x, ox.BlankNode) for t in mine_triples for x in (t[0], t[2])):
        my_colours, their_colours = _refine([mine_triples, theirs])
        first_seen = {}
        for t in mine:
            for node, span in ((t.subject, t.subject_span), (t.object, t.object_span)):
                if isinstance(node, ox.BlankNode):
                    key = (span.line, span.column)
                    first_seen[node] = min(first_seen.get(node, key), key)
        my_groups: dict[int, list[ox.BlankNode]] = defaultdict(list)
        for node in sorted(my_colours, key=lambda n: first_seen.get(n, (0, 0))):
            my_groups[my_colours[node]].append(node)
        their_groups: dict[int, list[ox.BlankNode]] = defaultdict(list)
        for node in their_colours:  # dicts keep insertion order: first appearance in the parse
            their_groups[their_colours[node]].append(node)
        for colour, nodes in my_groups.items():
            others = their_groups.get(colour, [])
            if len(others) == len(nodes):
                rename.update(zip(nodes, others, strict=True))
    known = set(theirs)
    aligned = []
    for t in mine:
        s, o = rename.get(t.subject, t.subject), rename.get(t.object, t.object)
        if (s, t.predicate, o) in known:
            aligned.append(
                PositionedTriple(s, t.predicate, o, t.subject_span, t.predicate_span, t.object_span)
            )
    return aligned


def file_positions(parsed: ParsedFile) -> list[PositionedTriple]:
    """The triples of one parsed file with their spans, in the parse's own terms.

    Empty when the format has no reader here or the reader fails (the file is then located
    by name only).
    """
    syntax = READABLE.get(parsed.source.path.suffix.lower())
    if syntax is None:
        return []
    try:
        with parsed.source.path.open(encoding="utf-8-sig", newline="") as stream:
            text = stream.read()  # newline="": a CRLF inside a literal is part of its value
        mine = read_positions(text, syntax, parsed.source.base_iri)
    except (PositionsUnavailable, OSError, UnicodeDecodeError, ValueError, RecursionError):
        return []
    return align(mine, ((q.subject, q.predicate, q.object) for q in parsed.quads))


# --- looking findings up ------------------------------------------------------------------------


class SourceMap:
    """Where triples and nodes of some parsed files stand, for reports.

    `convert` maps parser terms to the terms findings use (e.g. rdflib's); files are read for
    positions only when a finding asks for them.
    """

    def __init__(
        self, files: Sequence[ParsedFile], convert: Callable[[Term], Hashable] = lambda t: t
    ) -> None:
        self.files = list(files)
        self.convert = convert
        self._indexed = False
        self._triple_file: dict[tuple, int] = {}
        self._pair_file: dict[tuple, int] = {}
        self._subject_file: dict[Hashable, int] = {}
        self._object_file: dict[Hashable, int] = {}
        self._spans: dict[int, _FileSpans] = {}

    def _index(self) -> None:
        if self._indexed:
            return
        for number, parsed in enumerate(self.files):
            for quad in parsed.quads:
                s, p, o = (self.convert(x) for x in (quad.subject, quad.predicate, quad.object))
                self._triple_file.setdefault((s, p, o), number)
                self._pair_file.setdefault((s, p), number)
                self._subject_file.setdefault(s, number)
                self._object_file.setdefault(o, number)
        self._indexed = True

    def _file_spans(self, number: int) -> _FileSpans:
        if number not in self._spans:
            self._spans[number] = _FileSpans(file_positions(self.files[number]), self.convert)
        return self._spans[number]

    def _at(self, number: int, span: Span | None) -> SourceLocation:
        return SourceLocation(self.files[number].source.path, span)

    def locate(
        self,
        focus: Hashable,
        path: Hashable | None = None,
        value: Hashable | None = None,
        inverse: bool = False,
        at_predicate: bool = False,
    ) -> SourceLocation | None:
        """The offending triple (focus, path, value), else the first (focus, path, …), else the
        focus node's first description (as subject, else as object); None if it is nowhere.

        A triple is located at its object, or at its predicate with `at_predicate` (when the
        predicate is what is wrong: a closed shape's extra property, a misspelt term)."""
        self._index()
        if path is not None and value is not None:
            triple = (value, path, focus) if inverse else (focus, path, value)
            number = self._triple_file.get(triple)
            if number is not None:
                spans = self._file_spans(number)
                span = (spans.predicates if at_predicate else spans.triples).get(triple)
                if span is not None:
                    return self._at(number, span)
        if path is not None and not inverse:
            number = self._pair_file.get((focus, path))
            if number is not None:
                span = self._file_spans(number).pairs.get((focus, path))
                if span is not None:
                    return self._at(number, span)
        number = self._subject_file.get(focus)
        if number is not None:
            return self._at(number, self._file_spans(number).subjects.get(focus))
        number = self._object_file.get(focus)
        if number is not None:
            return self._at(number, self._file_spans(number).objects.get(focus))
        return None


class _FileSpans:
    """Lookup tables over one file's positioned triples (first occurrence wins)."""

    def __init__(self, triples: Sequence[PositionedTriple], convert: Callable) -> None:
        self.triples: dict[tuple, Span] = {}  # at the object
        self.predicates: dict[tuple, Span] = {}  # the same triples at the predicate
        self.pairs: dict[tuple, Span] = {}
        self.subjects: dict[Hashable, Span] = {}
        self.objects: dict[Hashable, Span] = {}
        for t in sorted(triples, key=lambda t: (t.object_span.line, t.object_span.column)):
            s, p, o = convert(t.subject), convert(t.predicate), convert(t.object)
            self.triples.setdefault((s, p, o), t.object_span)
            self.predicates.setdefault((s, p, o), t.predicate_span)
            self.pairs.setdefault((s, p), t.predicate_span)
            self.objects.setdefault(o, t.object_span)
        for t in sorted(triples, key=lambda t: (t.subject_span.line, t.subject_span.column)):
            self.subjects.setdefault(convert(t.subject), t.subject_span)
