"""queries/*.rq → Query objects: bilingual metadata, typed parameters, safe binding.

A catalogue query is a SPARQL file whose `#+` lines hold a YAML header (read by
server.catalogue.header, as the quality checks are). The keys grlc reads
(`summary`, `description`, `tags`, `defaults`, `enumerate`, `pagination`, `method`,
`endpoint`) keep grlc's shapes, so grlc can serve the same folder: `summary` and
`description` are the English strings, `summary_de` and `description_de` the German ones.
`parameters` maps each parameter name to its type, default, allowed values and description.

Parameter values are never spliced into the query text: each value becomes an RDF term
(pyoxigraph checks IRIs and escapes literals) and the terms go into one `VALUES` block at the
start of the query's WHERE group. An optional parameter without a value stays unbound, so the
query answers for every value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NoReturn

import pyoxigraph as ox

from server.catalogue.header import Header, Marked, read_header
from server.config import Settings
from server.errors import CatalogueError, ParameterError, QueryNotFound
from server.rdf.namespace import XSD
from server.rdf.sparql_text import QUERY_FORMS, nested_deeper_than, tokens

#: Request names that steer the API itself and so cannot name a query parameter.
RESERVED_NAMES = frozenset(
    {"limit", "offset", "format", "output", "query", "default-graph-uri", "named-graph-uri"}
)
#: Header keys grlc understands (we read the first seven, and keep the rest for grlc).
GRLC_KEYS = frozenset(
    {
        "summary",
        "description",
        "tags",
        "defaults",
        "enumerate",
        "pagination",
        "method",
        "endpoint",
        "endpoint_in_url",
        "transform",
    }
)
HEADER_KEYS = GRLC_KEYS | {"summary_de", "description_de", "parameters"}
PARAMETER_KEYS = frozenset(
    {
        "type",
        "required",
        "default",
        "enum",
        "description",
        "description_de",
        "lang",
        "minimum",
        "maximum",
    }
)
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
_QUERY_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\Z")


# -- parameter types ------------------------------------------------------------------------

_INTEGER = re.compile(r"[+-]?[0-9]+\Z")
_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)\Z")
_GYEAR = re.compile(r"-?[0-9]{4,}\Z")
_GYEARMONTH = re.compile(r"-?[0-9]{4,}-(0[1-9]|1[0-2])\Z")
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*\Z")
_BOOLEAN = {"true": "true", "1": "true", "false": "false", "0": "false"}


def _typed(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


def _iri(raw: str, _p: Parameter) -> ox.NamedNode:
    try:
        return ox.NamedNode(raw)
    except ValueError as exc:
        raise ValueError(f"not an absolute IRI ({exc})") from None


def _string(raw: str, _p: Parameter) -> ox.Literal:
    return ox.Literal(raw)


def _lang_string(raw: str, p: Parameter) -> ox.Literal:
    if p.lang:
        text, tag = raw, p.lang
    else:
        text, at, tag = raw.rpartition("@")
        if not at:
            raise ValueError("expected text@language, for example Cluster@de")
    if not _LANGUAGE.match(tag):
        raise ValueError(f"{tag!r} is not a language tag")
    return ox.Literal(text, language=tag.lower())


def _language(raw: str, _p: Parameter) -> ox.Literal:
    if not _LANGUAGE.match(raw):
        raise ValueError("expected a language tag such as de or en")
    return ox.Literal(raw.lower())


def _integer(raw: str, p: Parameter) -> ox.Literal:
    if not _INTEGER.match(raw.strip()):
        raise ValueError("expected an integer")
    number = int(raw)
    _check_range(number, p)
    return _typed(str(number), "integer")


def _decimal(raw: str, p: Parameter) -> ox.Literal:
    if not _DECIMAL.match(raw.strip()):
        raise ValueError("expected a decimal number such as 4.5")
    try:
        number = Decimal(raw.strip())
    except InvalidOperation:
        raise ValueError("expected a decimal number such as 4.5") from None
    _check_range(number, p)
    text = format(number, "f")
    return _typed(text if "." in text else text + ".0", "decimal")


def _boolean(raw: str, _p: Parameter) -> ox.Literal:
    try:
        return _typed(_BOOLEAN[raw.strip().lower()], "boolean")
    except KeyError:
        raise ValueError("expected true or false") from None


def _date(raw: str, _p: Parameter) -> ox.Literal:
    try:
        if len(raw) != 10:
            raise ValueError
        return _typed(date.fromisoformat(raw).isoformat(), "date")
    except ValueError:
        raise ValueError("expected a date YYYY-MM-DD") from None


def _gyear(raw: str, _p: Parameter) -> ox.Literal:
    if not _GYEAR.match(raw):
        raise ValueError("expected a year such as 2021")
    return _typed(raw, "gYear")


def _gyearmonth(raw: str, _p: Parameter) -> ox.Literal:
    if not _GYEARMONTH.match(raw):
        raise ValueError("expected a year and month such as 2021-03")
    return _typed(raw, "gYearMonth")


def _check_range(number: int | Decimal, p: Parameter) -> None:
    if p.minimum is not None and number < p.minimum:
        raise ValueError(f"must be at least {p.minimum}")
    if p.maximum is not None and number > p.maximum:
        raise ValueError(f"must be at most {p.maximum}")


@dataclass(frozen=True)
class ParameterType:
    """How a parameter type turns text into an RDF term, and how OpenAPI describes it."""

    name: str
    convert: Any  # (raw: str, parameter: Parameter) -> pyoxigraph term; ValueError if unfit
    schema: dict[str, Any]
    example: str


PARAMETER_TYPES: dict[str, ParameterType] = {
    t.name: t
    for t in (
        ParameterType("iri", _iri, {"type": "string", "format": "iri"}, "https://example.org/x"),
        ParameterType("string", _string, {"type": "string"}, "text"),
        ParameterType("langString", _lang_string, {"type": "string"}, "text@de"),
        ParameterType(
            "language", _language, {"type": "string", "pattern": _LANGUAGE.pattern[:-2]}, "de"
        ),
        ParameterType("integer", _integer, {"type": "integer"}, "1"),
        ParameterType("decimal", _decimal, {"type": "number"}, "1.5"),
        ParameterType("boolean", _boolean, {"type": "boolean"}, "true"),
        ParameterType("date", _date, {"type": "string", "format": "date"}, "2021-03-01"),
        ParameterType("gYear", _gyear, {"type": "string", "pattern": "^-?[0-9]{4,}$"}, "2021"),
        ParameterType(
            "gYearMonth",
            _gyearmonth,
            {"type": "string", "pattern": "^-?[0-9]{4,}-(0[1-9]|1[0-2])$"},
            "2021-03",
        ),
    )
}


@dataclass(frozen=True)
class Parameter:
    """One typed query parameter; its name is also the SPARQL variable it binds."""

    name: str
    type: str
    required: bool = False
    default: str | None = None
    enum: tuple[str, ...] = ()
    description: Mapping[str, str] = field(default_factory=dict)
    lang: str | None = None
    minimum: int | Decimal | None = None
    maximum: int | Decimal | None = None

    def term(self, raw: str) -> ox.NamedNode | ox.Literal:
        """The RDF term for a value given as text; ParameterError names this parameter."""
        if not isinstance(raw, str):
            raise ParameterError(self.name, f"expected text, got {type(raw).__name__}")
        try:
            term = PARAMETER_TYPES[self.type].convert(raw, self)
        except ValueError as exc:
            raise ParameterError(self.name, f"{raw!r} is not a valid {self.type}: {exc}") from None
        if self.enum and raw not in self.enum:
            allowed = ", ".join(self.enum)
            raise ParameterError(self.name, f"{raw!r} is not one of the allowed values: {allowed}")
        return term

    def json_text(self, value: Any) -> str:
        """A value of a JSON body as text, if its JSON type is the one schema() documents.

        Strict, as the schema says: "3" is no integer and "true" no boolean; 3.0 is an
        integer (JSON Schema counts a number without fraction as one).
        """
        return json_value_text(self.name, value, PARAMETER_TYPES[self.type].schema["type"])

    def describe(self) -> dict[str, Any]:
        """The parameter as the catalogue listing shows it (JSON-ready)."""
        out: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "required": self.required,
            "description": dict(self.description),
        }
        if self.default is not None:
            out["default"] = self.default
        if self.enum:
            out["enum"] = list(self.enum)
        if self.lang:
            out["lang"] = self.lang
        for bound in ("minimum", "maximum"):
            if getattr(self, bound) is not None:
                out[bound] = _json_number(getattr(self, bound))
        return out

    def schema(self) -> dict[str, Any]:
        """A JSON Schema (OpenAPI 3.1) of the value."""
        schema = dict(PARAMETER_TYPES[self.type].schema)
        if self.enum:
            schema["enum"] = [self._json_value(v) for v in self.enum]
        if self.default is not None:
            schema["default"] = self._json_value(self.default)
        for bound in ("minimum", "maximum"):
            if getattr(self, bound) is not None:
                schema[bound] = _json_number(getattr(self, bound))
        return schema

    def _json_value(self, text: str) -> Any:
        if self.type == "integer":
            return int(text)
        if self.type == "decimal":
            return float(text)
        if self.type == "boolean":
            return _BOOLEAN[text.lower()] == "true"
        return text


_JSON_TYPE_NAMES = {
    bool: "a boolean",
    int: "a number",
    float: "a number",
    str: "a string",
    list: "an array",
    dict: "an object",
    type(None): "null",
}


def json_value_text(name: str, value: Any, json_type: str) -> str:
    """The text of a JSON value of type `json_type` (string, integer, number, boolean)."""
    fits = {
        "string": isinstance(value, str),
        "boolean": isinstance(value, bool),
        "integer": isinstance(value, int | float)
        and not isinstance(value, bool)
        and float(value).is_integer(),
        "number": isinstance(value, int | float) and not isinstance(value, bool),
    }[json_type]
    if not fits:
        found = _JSON_TYPE_NAMES.get(type(value), type(value).__name__)
        if json_type == "integer" and isinstance(value, float):
            found = "a number with a fraction"
        raise ParameterError(name, f"expected a JSON {json_type}, not {found} ({value!r})")
    if isinstance(value, bool):
        return "true" if value else "false"
    if json_type == "integer":
        return str(int(value))
    if json_type == "number":
        return format(Decimal(str(value)), "f")  # 1e-07 → 0.0000001: the text a decimal takes
    return str(value)


def _json_number(value: int | Decimal) -> int | float:
    return value if isinstance(value, int) else float(value)


# -- where things are in a query's text --------------------------------------------------------

#: A comment line `# @parameters` inside a group: the VALUES block goes there (every such
#: line), for queries whose subqueries need a parameter; otherwise it opens the WHERE group.
_MARKER = re.compile(r"#\s*@parameters\s*\Z")


@dataclass(frozen=True)
class QueryLayout:
    """Where things are in a query's text: its form, WHERE group, and outer LIMIT/OFFSET."""

    form: str
    where_open: int | None  # index just after the `{` that opens the WHERE group
    modifiers_end: int  # where outer solution modifiers end (before a trailing VALUES)
    limit: tuple[int, int, int] | None  # (value, start, end) of the outer LIMIT clause
    offset: tuple[int, int, int] | None
    variables: frozenset[str]
    markers: tuple[int, ...] = ()  # ends of `# @parameters` comments: bind here instead

    @classmethod
    def of(cls, text: str) -> QueryLayout:
        markers = []
        for tok in tokens(text, comments=True):
            if tok.kind == "comment" and _MARKER.match(tok.text):
                if tok.depth == 0:
                    raise ValueError("a `# @parameters` marker belongs inside a group { … }")
                markers.append(tok.end)
        toks = list(tokens(text))
        form = next((t.keyword for t in toks if t.keyword in QUERY_FORMS), None)
        if form is None:
            raise ValueError("not a SPARQL query (no SELECT, CONSTRUCT, ASK or DESCRIBE)")
        where_open = where_close = None
        seen_where = False
        for i, tok in enumerate(toks):
            if tok.depth != 0:
                continue
            if tok.keyword == "WHERE":
                seen_where = True
            elif tok.text == "{" and (seen_where or form in ("SELECT", "ASK")):
                where_open = tok.end
                where_close = next(
                    (t.end for t in toks[i + 1 :] if t.text == "}" and t.depth == 0), None
                )
                break
        limit = offset = None
        modifiers_end = len(text)
        if where_close is not None:
            tail = [t for t in toks if t.start >= where_close and t.depth == 0]
            for j, tok in enumerate(tail):
                word = tok.keyword
                if word == "VALUES":
                    modifiers_end = tok.start
                    break
                if word in ("LIMIT", "OFFSET") and j + 1 < len(tail):
                    value = tail[j + 1]
                    found = (int(value.text), tok.start, value.end)
                    if word == "LIMIT":
                        limit = found
                    else:
                        offset = found
        variables = frozenset(t.text[1:] for t in toks if t.kind == "var")
        return cls(form, where_open, modifiers_end, limit, offset, variables, tuple(markers))


# -- queries ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """One catalogue query: name, bilingual metadata, typed parameters, and its SPARQL text."""

    name: str
    path: Path
    text: str
    summary: Mapping[str, str]
    description: Mapping[str, str]
    tags: tuple[str, ...]
    parameters: tuple[Parameter, ...]
    layout: QueryLayout
    pagination: int | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @property
    def form(self) -> str:
        """SELECT, CONSTRUCT, ASK or DESCRIBE."""
        return self.layout.form

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        raise ParameterError(name, f"unknown parameter of query {self.name!r}")

    def terms(self, values: Mapping[str, str | list[str]]) -> dict[str, ox.NamedNode | ox.Literal]:
        """Check the values against the parameters: unknown, repeated, missing, ill-typed."""
        given: dict[str, str] = {}
        for name, value in values.items():
            self.parameter(name)  # unknown → ParameterError
            if isinstance(value, list | tuple):
                if len(value) != 1:
                    raise ParameterError(name, "given more than once")
                value = value[0]
            given[name] = value
        terms: dict[str, ox.NamedNode | ox.Literal] = {}
        for p in self.parameters:
            raw = given.get(p.name, p.default)
            if raw is None or (raw == "" and (p.required or p.type != "string")):
                if p.required:  # an empty value of a required parameter is no value
                    raise ParameterError(p.name, f"required by query {self.name!r}")
                continue
            terms[p.name] = p.term(raw)
        return terms

    def bind(
        self,
        values: Mapping[str, str | list[str]] | None = None,
        *,
        limit: int | None = None,
        offset: int | None = None,
    ) -> str:
        """The query text with its parameters bound in a VALUES block and a LIMIT/OFFSET window.

        Terms come from pyoxigraph (N-Triples syntax, escaped), never from the raw text.
        """
        return bind_text(self.text, self.layout, self.terms(values or {}), limit, offset)

    def describe(self) -> dict[str, Any]:
        """The query as the catalogue listing shows it (JSON-ready)."""
        return {
            "name": self.name,
            "form": self.form,
            "summary": dict(self.summary),
            "description": dict(self.description),
            "tags": list(self.tags),
            "parameters": [p.describe() for p in self.parameters],
            "pagination": self.pagination,
        }

    @classmethod
    def from_file(cls, path: Path, *, strict: bool = True) -> Query:
        """Read one query file; `strict=False` (an ad-hoc file) lets it go without metadata."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CatalogueError(f"{path}: cannot read: {exc.strerror}") from None
        return cls.from_text(text, path=path, name=path.stem, strict=strict)

    @classmethod
    def from_text(cls, text: str, *, path: Path, name: str, strict: bool = True) -> Query:
        """Read the header and check the query; CatalogueError says file:line what is wrong."""
        header = read_header(text, path, required=strict)
        unknown = sorted(set(header.value) - HEADER_KEYS, key=str)
        if unknown:
            header.at(unknown[0], f"unknown header key {unknown[0]!r}")
        summary = _bilingual(header, "summary", required=strict)
        description = _bilingual(header, "description", required=strict)
        tags = header.value.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            header.at("tags", "tags must be a list of strings")
        pagination = header.value.get("pagination")
        if pagination is not None and (
            isinstance(pagination, bool) or not isinstance(pagination, int) or pagination < 1
        ):
            header.at("pagination", "pagination must be a positive integer (rows per page)")
        try:
            layout = QueryLayout.of(text)
        except ValueError as exc:
            raise CatalogueError(f"{path}:1: {exc}") from None
        query = cls(
            name=name,
            path=path,
            text=text,
            summary=summary,
            description=description,
            tags=tuple(tags),
            parameters=_parameters(header, layout),
            layout=layout,
            pagination=pagination,
            metadata=dict(header.value),
        )
        _check_parses(query)
        return query


def bind_text(
    text: str,
    layout: QueryLayout,
    terms: Mapping[str, ox.NamedNode | ox.Literal],
    limit: int | None = None,
    offset: int | None = None,
) -> str:
    """Insert a VALUES block for `terms` and the LIMIT/OFFSET window into `text`."""
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), applied back to front
    if terms:
        places = layout.markers or ((layout.where_open,) if layout.where_open is not None else ())
        if not places:
            raise CatalogueError("the query has no WHERE group to bind parameters in")
        names = " ".join(f"?{name}" for name in terms)
        row = " ".join(str(term) for term in terms.values())
        for place in places:
            edits.append((place, place, f"\n  VALUES ({names}) {{ ({row}) }}\n"))
    if limit is not None or offset is not None:
        for clause in (layout.limit, layout.offset):
            if clause:
                edits.append((clause[1], clause[2], " " * (clause[2] - clause[1])))
        window_limit, window_offset = _window(layout, limit, offset)
        modifiers = f"LIMIT {window_limit}" if window_limit is not None else ""
        if window_offset:
            modifiers += f" OFFSET {window_offset}"
        edits.append((layout.modifiers_end, layout.modifiers_end, f"\n{modifiers.strip()}\n"))
    for start, end, replacement in sorted(edits, key=lambda e: e[0], reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _window(layout: QueryLayout, limit: int | None, offset: int | None) -> tuple[int | None, int]:
    """Combine the query's own LIMIT/OFFSET with the requested page."""
    own_offset = layout.offset[0] if layout.offset else 0
    own_limit = layout.limit[0] if layout.limit else None
    start = own_offset + (offset or 0)
    if own_limit is None:
        return limit, start
    remaining = max(own_limit - (offset or 0), 0)
    return (remaining if limit is None else min(limit, remaining)), start


# -- the header (read by server.catalogue.header) ---------------------------------------------


def _bilingual(header: Header, key: str, *, required: bool = True) -> dict[str, str]:
    """`key` is English (grlc reads it), `key_de` German; both required in the catalogue."""
    out = {}
    for lang, name in (("en", key), ("de", key + "_de")):
        value = header.value.get(name)
        if name not in header.value and not required:
            continue
        if not isinstance(value, str) or not value.strip():
            if name in header.value:
                header.at(name, f"{name} must be a non-empty string")
            raise CatalogueError(f"{header.path}:{header.first_line}: {name} is missing")
        out[lang] = " ".join(value.split())
    return out


def _parameters(header: Header, layout: QueryLayout) -> tuple[Parameter, ...]:
    declared = header.value.get("parameters") or {}
    if not isinstance(declared, dict):
        header.at("parameters", "parameters must map each name to its declaration")
    grlc = {key: _grlc_pairs(header, key) for key in ("defaults", "enumerate")}
    for key, pairs in grlc.items():
        for name in pairs:
            if name not in declared:
                header.at(key, f"{key}: {name!r} is not a declared parameter")
    return tuple(
        _parameter(name, spec, _Declaration(header, declared, name), layout, grlc)
        for name, spec in declared.items()
    )


@dataclass
class _Declaration:
    """Error reporting for one parameter's declaration, pointing at the offending line."""

    header: Header
    declared: Marked
    name: str

    def fail(self, message: str, key: Any = None, spec: Any = None) -> NoReturn:
        mapping = spec if key is not None and isinstance(spec, Marked) else self.declared
        self.header.at(
            key if key is not None else self.name, f"parameter {self.name!r}: {message}", mapping
        )


def _parameter(
    name: Any, spec: Any, at: _Declaration, layout: QueryLayout, grlc: dict[str, dict[str, Any]]
) -> Parameter:
    if not isinstance(name, str) or not _NAME.match(name):
        at.fail("a parameter name is a SPARQL variable name (a letter, then letters, digits, _)")
    if name in RESERVED_NAMES:
        at.fail(f"the name is reserved ({', '.join(sorted(RESERVED_NAMES))})")
    if not isinstance(spec, dict):
        at.fail("the declaration must be a mapping with at least `type`")
    for key in sorted(set(spec) - PARAMETER_KEYS, key=str):
        at.fail(f"unknown key {key!r}", key, spec)
    kind = spec.get("type")
    if kind not in PARAMETER_TYPES:
        at.fail(f"type must be one of {', '.join(PARAMETER_TYPES)}", "type", spec)
    if name not in layout.variables:
        at.fail(f"the query never uses ?{name}")
    description = {}
    for lang, key in (("en", "description"), ("de", "description_de")):
        text = spec.get(key)
        if not isinstance(text, str) or not text.strip():
            at.fail(f"{key} (a non-empty string) is missing", key if key in spec else None, spec)
        description[lang] = " ".join(text.split())
    enum: Any = spec.get("enum", grlc["enumerate"].get(name))
    if "enum" in spec and grlc["enumerate"].get(name, spec["enum"]) != spec["enum"]:
        at.fail("the grlc `enumerate` entry disagrees with `enum`", "enum", spec)
    if enum is not None and (not isinstance(enum, list) or not enum):
        at.fail("enum must be a non-empty list of values", "enum", spec)
    default = spec.get("default", grlc["defaults"].get(name))
    if "default" in spec and grlc["defaults"].get(name, spec["default"]) != spec["default"]:
        at.fail("the grlc `defaults` entry disagrees with `default`", "default", spec)
    required = spec.get("required", False)
    if not isinstance(required, bool):
        at.fail("required must be true or false", "required", spec)
    if required and default is not None:
        at.fail("a required parameter cannot have a default", "required", spec)
    lang = spec.get("lang")
    if lang is not None and (kind != "langString" or not _LANGUAGE.match(str(lang))):
        at.fail("lang is a language tag, and only for type langString", "lang", spec)
    bounds: dict[str, int | Decimal] = {}
    for bound in ("minimum", "maximum"):
        if bound in spec:
            value = spec[bound]
            if kind not in ("integer", "decimal"):
                at.fail(f"{bound} is only for types integer and decimal", bound, spec)
            if isinstance(value, bool) or not isinstance(value, int | float):
                at.fail(f"{bound} must be a number", bound, spec)
            bounds[bound] = value if isinstance(value, int) else Decimal(str(value))
    parameter = Parameter(
        name=name,
        type=kind,
        required=required,
        default=None if default is None else _scalar_text(default),
        enum=tuple(_scalar_text(v) for v in enum or ()),
        description=description,
        lang=str(lang).lower() if lang else None,
        **bounds,
    )
    for value in parameter.enum:
        try:
            parameter.term(value)
        except ParameterError as exc:
            at.fail(f"allowed value {exc.detail}", "enum", spec)
    if parameter.default is not None:
        try:
            parameter.term(parameter.default)
        except ParameterError as exc:
            at.fail(f"default {exc.detail}", "default" if "default" in spec else None, spec)
    return parameter


def _grlc_pairs(header: Header, key: str) -> dict[str, Any]:
    """grlc's `defaults` / `enumerate`: a list of one-key mappings `- name: value`."""
    value = header.value.get(key)
    if value is None:
        return {}
    if not isinstance(value, list) or not all(isinstance(v, dict) and len(v) == 1 for v in value):
        header.at(key, f"{key} must be a list of `- name: value` entries (grlc's form)")
    return {k: v for entry in value for k, v in entry.items()}


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _check_parses(query: Query) -> None:
    """Parse the query, bound with its defaults or sample values, on an empty store."""
    samples: dict[str, str] = {}
    for p in query.parameters:
        samples[p.name] = p.default or (p.enum[0] if p.enum else PARAMETER_TYPES[p.type].example)
        if p.type == "langString" and not p.lang and "@" not in samples[p.name]:
            samples[p.name] += "@en"
    limit = Settings.max_query_depth  # the parser recurses: deeper ends the process
    if nested_deeper_than(query.text, limit):
        raise CatalogueError(
            f"{query.path}:1: the query nests groups, parentheses or brackets more than "
            f"{limit} deep (max_query_depth)"
        )
    try:
        ox.Store().query(query.text)
        ox.Store().query(query.bind(samples, limit=1, offset=1))
    except SyntaxError as exc:
        match = re.match(r"error at (\d+):(\d+): (.*)", exc.msg or "", re.DOTALL)
        where = f"{match.group(1)}:{match.group(2)}" if match else "1"
        detail = match.group(3) if match else str(exc)
        raise CatalogueError(f"{query.path}:{where}: SPARQL syntax error: {detail}") from None
    except ParameterError as exc:
        raise CatalogueError(f"{query.path}:1: {exc}") from None


# -- the catalogue ------------------------------------------------------------------------------


class Catalogue:
    """The queries of one folder (its top level: sub-folders such as checks/ are not queries)."""

    def __init__(self, queries: Mapping[str, Query]) -> None:
        self._queries = dict(sorted(queries.items()))

    @classmethod
    def from_folder(cls, folder: Path) -> Catalogue:
        folder = Path(folder)
        if not folder.is_dir():
            raise CatalogueError(f"{folder}: no such query folder")
        queries = {}
        for path in sorted(folder.glob("*.rq")):
            if not _QUERY_NAME.match(path.stem):
                raise CatalogueError(
                    f"{path}:1: query names are lower-case letters, digits and hyphens"
                )
            queries[path.stem] = Query.from_file(path)
        return cls(queries)

    def __getitem__(self, name: str) -> Query:
        try:
            return self._queries[name]
        except KeyError:
            raise QueryNotFound(f"no query named {name!r} in the catalogue") from None

    def __contains__(self, name: object) -> bool:
        return name in self._queries

    def __iter__(self) -> Iterator[Query]:
        return iter(self._queries.values())

    def __len__(self) -> int:
        return len(self._queries)

    def names(self) -> list[str]:
        return list(self._queries)

    def describe(self) -> list[dict[str, Any]]:
        return [q.describe() for q in self]
