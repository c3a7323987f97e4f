"""Quality checks: SPARQL queries under queries/checks/ that must return no rows (ROBOT/ODK style).

Each .rq file starts with `#+ ` YAML header lines (id, severity, summary, description and
message in de and en), read by the catalogue's one header reader; every row it returns is one
finding. The query sees:

- the default graph: the validated files (data and ontology) merged;
- each file's named graph (`GRAPH ?g`): the same triples in the graph the file loads into, so
  that a check can ask which graph holds what (e.g. personal data only in graphs marked for it);
- `GRAPH <urn:x-mannheim-kg:shapes>`: the shapes;
- `GRAPH <urn:x-mannheim-kg:vocab>`: the term index of the pinned vocabularies (vocab/):
  every term they define, with its rdf:type and deprecation status.

Rows bind `?focus` (required), optionally `?path` and `?value` (they locate the finding: the
triple focus-path-value, else the focus node's description); every variable can be named in
the message template as `{name}`, and so can `{vocab}`, the vocabulary folder the run used. A
part of a template in square brackets, `[ (replaced by: {successor})]`, is printed (without
the brackets) only when every variable in it is bound.

A `VALUES ?language { "de" "en" }` block lists the languages labels and definitions need and
the only tags allowed; `with_languages` replaces its values (`validate --languages`), and
messages can name the list as `{languages}`.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox

from server import project
from server.catalogue.header import read_header
from server.errors import CheckError, InputError

SHAPES_GRAPH = ox.NamedNode("urn:x-mannheim-kg:shapes")
SEVERITY_NAMES = {"violation": "Violation", "warning": "Warning", "info": "Info"}
DEFAULT_LANGUAGES = ("de", "en")
_LANGUAGES_BLOCK = re.compile(r"VALUES\s+\?language\s*\{[^}]*\}")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")


@dataclass(frozen=True)
class Check:
    """One quality check: a SPARQL SELECT whose rows are findings."""

    id: str
    severity: str  # Violation | Warning | Info
    summary: str
    description: dict[str, str]
    message: dict[str, str]
    query: str
    path: Path
    languages: tuple[str, ...] = DEFAULT_LANGUAGES  # the `VALUES ?language` block's

    def describe(self, lang: str = "en") -> str:
        return self.description.get(lang) or self.description.get("en") or self.summary


@dataclass(frozen=True)
class CheckRow:
    """One row a check returned: the check and the row's bindings by variable name."""

    check: Check
    bindings: dict[str, ox.NamedNode | ox.BlankNode | ox.Literal] = field(hash=False)

    def message(self, lang: str, show, context: Mapping[str, str] | None = None) -> str:
        """The check's message template in `lang`, variables written with `show`; `context`
        adds names that are no variables of the query (`vocab`)."""
        template = self.check.message.get(lang) or self.check.message.get("en") or ""
        values = _Missing({"languages": ", ".join(self.check.languages), **(context or {})})
        values.update({name: _plain(term, show) for name, term in self.bindings.items()})
        template = _OPTIONAL.sub(
            lambda m: m[1] if all(n in values for n in _FIELD.findall(m[1])) else "", template
        )
        return string.Formatter().vformat(template, (), values) or self.check.summary


_FIELD = re.compile(r"\{(\w+)\}")
_OPTIONAL = re.compile(r"\[([^\[\]]*\{\w+\}[^\[\]]*)\]")  # `[ … {name} … ]`


def _plain(term, show) -> str:
    """Plain strings as they are (the template quotes them if it wants); other terms via `show`."""
    if (
        isinstance(term, ox.Literal)
        and not term.language
        and term.datatype.value.endswith("#string")
    ):
        return term.value
    return show(term)


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def default_checks_folder() -> Path:
    """The checks of the project run in (queries/checks/), else the package's (server.project)."""
    return project.current().checks


def load_checks(folder: Path) -> list[Check]:
    """Every *.rq under `folder`, sorted by id; a malformed header raises CheckError."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CheckError(f"{folder}: no such checks folder")
    return sorted((load_check(p) for p in folder.glob("*.rq")), key=lambda c: c.id)


CHECK_KEYS = ("id", "severity", "summary", "description", "message")
"""The keys of a check's `#+` header (all optional: the id defaults to the file name)."""


def load_check(path: Path) -> Check:
    """One check file; its header is read as the catalogue's (server.catalogue.header), and a
    wrong, unknown or duplicate key raises CheckError naming file:line."""
    text = path.read_text(encoding="utf-8")
    header = read_header(text, path, required=False, error=CheckError)
    meta = header.value
    for key in meta:
        if key not in CHECK_KEYS:
            header.at(key, f"unknown header key {key!r}; a check has {', '.join(CHECK_KEYS)}")
    check_id = str(meta.get("id", path.stem))
    if check_id != path.stem:
        header.at("id", f"id {check_id!r} differs from the file name")
    severity = str(meta.get("severity", "violation")).lower()
    if severity not in SEVERITY_NAMES:
        header.at("severity", f"severity must be violation, warning or info, not {severity!r}")
    return Check(
        id=check_id,
        severity=SEVERITY_NAMES[severity],
        summary=str(meta.get("summary", check_id)),
        description=_by_language(meta.get("description")),
        message=_by_language(meta.get("message")),
        query=text,
        path=path,
    )


def _by_language(value) -> dict[str, str]:
    if isinstance(value, dict):
        return {str(k): " ".join(str(v).split()) for k, v in value.items()}
    return {"en": str(value)} if value else {}


def with_languages(checks: Sequence[Check], languages: Sequence[str]) -> list[Check]:
    """The checks with `languages` in their `VALUES ?language { … }` block.

    Each tag must look like a BCP 47 tag; it enters the query as an RDF literal written by
    pyoxigraph (escaped), never as the text the user typed.
    """
    tags = tuple(dict.fromkeys(t.strip().lower() for t in languages if t.strip()))
    if not tags:
        raise InputError("--languages needs at least one language tag, e.g. de,en")
    for tag in tags:
        if not _LANGUAGE_TAG.fullmatch(tag):
            raise InputError(f"--languages: {tag!r} is not a language tag such as de or en-GB")
    block = "VALUES ?language { " + " ".join(str(ox.Literal(tag)) for tag in tags) + " }"
    return [
        replace(c, query=_LANGUAGES_BLOCK.sub(lambda _: block, c.query, count=1), languages=tags)
        if _LANGUAGES_BLOCK.search(c.query)
        else replace(c, languages=tags)
        for c in checks
    ]


def check_dataset(
    validated: Iterable[ox.Quad], shapes: Iterable[ox.Quad], vocabulary: Iterable[ox.Quad]
) -> ox.Store:
    """The dataset the checks query (see the module docstring)."""
    store = ox.Store()
    default = ox.DefaultGraph()
    validated = list(validated)
    store.extend(ox.Quad(q.subject, q.predicate, q.object, default) for q in validated)
    return add_check_graphs(store, validated, shapes, vocabulary)


def add_check_graphs(
    store: ox.Store,
    validated: Iterable[ox.Quad],
    shapes: Iterable[ox.Quad],
    vocabulary: Iterable[ox.Quad],
) -> ox.Store:
    """Complete a store whose default graph holds the validated triples into the checks'
    dataset: each file's named graph, the shapes and the vocabularies (no second copy)."""
    store.extend(q for q in validated if not isinstance(q.graph_name, ox.DefaultGraph))
    store.extend(ox.Quad(q.subject, q.predicate, q.object, SHAPES_GRAPH) for q in shapes)
    store.extend(vocabulary)
    return store


def run_checks(checks: Sequence[Check], store: ox.Store) -> list[CheckRow]:
    """Every row of every check, in check order; duplicate rows are reported once."""
    rows: list[CheckRow] = []
    for check in checks:
        try:
            solutions = store.query(check.query)
        except SyntaxError as exc:
            raise CheckError(f"{check.path}: {exc}") from None
        if not isinstance(solutions, ox.QuerySolutions):
            raise CheckError(f"{check.path}: a check must be a SELECT query")
        names = [v.value for v in solutions.variables]
        if "focus" not in names:
            raise CheckError(f"{check.path}: a check must select ?focus")
        seen: set[tuple] = set()
        for solution in solutions:
            bindings = {n: solution[n] for n in names if solution[n] is not None}
            key = tuple(sorted((k, str(v)) for k, v in bindings.items()))
            if "focus" in bindings and key not in seen:
                seen.add(key)
                rows.append(CheckRow(check, bindings))
    return rows
