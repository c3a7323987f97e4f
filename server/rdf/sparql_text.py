"""What the endpoint must know about a SPARQL text before running it.

* `query_head`: the query form (SELECT, ASK, CONSTRUCT, DESCRIBE) and whether the query names
  its own dataset (FROM / FROM NAMED), read by a small tokenizer from the head of the query
  only (comments, strings and IRIs are tokens, so they cannot fool it). The form decides the
  kind of result to negotiate before the query runs; FROM, whether the union default graph
  applies.
* `service_endpoints`: every SERVICE endpoint of a query, read by the same tokenizer after
  the \\u escapes are expanded, so that SERVICE in a comment, a string literal or a name is
  not a call. No second parser: one that rejects valid SPARQL would refuse good queries.
* `tokens` / `without_comments`: the one SPARQL tokenizer; the catalogue reads a query's
  layout with it (keeping comments, for its `# @parameters` markers).
* `nested_deeper_than`: whether groups, parentheses and brackets nest deeper than a limit
  (a cheap scan that skips strings, IRIs and comments), so that a query deep enough to
  overflow the parser's stack (pyoxigraph's is recursive) is refused before it is parsed.
* `is_volatile`: whether the answer may change without the data changing (NOW, RAND, UUID,
  STRUUID, BNODE(), SERVICE): such answers get no ETag and must not be cached.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)

_TOKEN = re.compile(
    r"""
     (?P<ws>\s+)
    |(?P<comment>\#[^\n\r]*)
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''
               |\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'
               |"(?:[^"\\\n\r]|\\.)*")
    |(?P<var>[?$][\w\u00b7]+)
    |(?P<pname>(?:[^\W\d][\w.\-]*)?:(?:[\w\-:%.]|\\.)*)
    |(?P<word>[^\W\d]\w*)
    |(?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)
    |(?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Token:
    """One SPARQL token: its kind (a group of _TOKEN), text, span and `{ }` nesting depth."""

    kind: str
    text: str
    start: int
    end: int
    depth: int  # groups around it; a group's own `{` and `}` are outside it

    @property
    def keyword(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


def tokens(text: str, *, comments: bool = False) -> Iterator[Token]:
    """SPARQL tokens, lazily, without whitespace, and without comments unless asked for."""
    depth = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "punct"
        if kind == "ws" or (kind == "comment" and not comments):
            continue
        token = match.group()
        if token == "}" and kind == "punct":
            depth -= 1
        yield Token(kind, token, match.start(), match.end(), depth)
        if token == "{" and kind == "punct":
            depth += 1


#: What the nesting scan must see: brackets, and the tokens inside which brackets are text.
_NESTING = re.compile(
    r"""
     \#[^\n\r]*
    |<[^<>"{}|^`\\\x00-\x20]*>
    |'''(?:[^'\\]|\\.|'(?!''))*'''
    |\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
    |'(?:[^'\\\n\r]|\\.)*'
    |"(?:[^"\\\n\r]|\\.)*"
    |[{}()\[\]]
    """,
    re.VERBOSE | re.DOTALL,
)
_OPENING, _CLOSING = frozenset("{(["), frozenset("})]")


def nested_deeper_than(text: str, limit: int) -> bool:
    """True when `{ }`, `( )` and `[ ]` nest, together, more than `limit` deep in a query
    (brackets inside strings, IRIs and comments do not count; \\u escapes do)."""
    text = expand_escapes(text)
    if sum(map(text.count, _OPENING)) <= limit:
        return False  # too few opening marks to pass it: str.count is cheap, the scan is not
    depth = 0
    for match in _NESTING.finditer(text):
        mark = match.group()
        if mark in _OPENING:
            depth += 1
            if depth > limit:
                return True
        elif mark in _CLOSING:
            depth -= 1
    return False


def without_comments(text: str) -> str:
    """The query text with its comments removed (strings and IRIs that hold `#` stay)."""
    if "#" not in text:
        return text  # no comment can start: not tokenised (asked of every query request)
    return "".join(
        "" if match.lastgroup == "comment" else match.group() for match in _TOKEN.finditer(text)
    )


@dataclass(frozen=True)
class QueryHead:
    """What the prologue and head of a query say: its form (None when the text is not a query
    we recognise), whether it names its dataset (FROM), whether it is an update, its PREFIXes."""

    form: str | None
    has_dataset_clause: bool = False
    is_update: bool = False
    prefixes: tuple[tuple[str, str], ...] = ()
    """The PREFIX declarations of the prologue (absolute IRIs only): for writing results."""


@lru_cache(maxsize=1024)  # asked several times per request, and repeats are common
def query_head(text: str) -> QueryHead:
    """Read the prologue and head of a query: its form and whether it has FROM clauses."""
    stream = tokens(text)
    form = None
    prefixes: dict[str, str] = {}
    for token in stream:
        word = token.keyword
        if word == "BASE":
            next(stream, None)
        elif word == "PREFIX":
            name, iri = next(stream, None), next(stream, None)
            if name and iri and name.kind == "pname" and iri.kind == "iri" and ":" in iri.text:
                prefixes[name.text[:-1]] = iri.text[1:-1]
        elif word in QUERY_FORMS:
            form = word
            break
        elif word in UPDATE_KEYWORDS:
            return QueryHead(None, is_update=True)
        else:
            return QueryHead(None)
    if form is None:
        return QueryHead(None)
    depth = 0  # parentheses: SELECT (EXISTS { … } AS ?x) has braces that are not the WHERE
    skipped_template = form != "CONSTRUCT"
    for token in stream:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif depth == 0 and token.keyword == "FROM":
            return QueryHead(form, True, prefixes=tuple(prefixes.items()))
        elif depth == 0 and token.keyword == "WHERE":
            break
        elif depth == 0 and token.text == "{":
            if skipped_template:
                break
            _skip_group(stream)  # the CONSTRUCT template comes before FROM
            skipped_template = True
    return QueryHead(form, prefixes=tuple(prefixes.items()))


def _skip_group(stream: Iterator[Token]) -> None:
    depth = 1
    for token in stream:
        if token.text == "{":
            depth += 1
        elif token.text == "}":
            depth -= 1
            if depth == 0:
                return


def may_call_service(text: str) -> bool:
    """False when the text cannot hold a SERVICE keyword (cheap and on the safe side)."""
    lowered = text.lower()
    return "service" in lowered or "\\u" in lowered


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def expand_escapes(text: str) -> str:
    """Expand \\u and \\U escapes everywhere, as SPARQL does before it parses (19.2)."""

    def code_point(match: re.Match) -> str:
        value = int(match.group(1) or match.group(2), 16)
        return chr(value) if value <= 0x10FFFF else match.group()

    return _ESCAPE.sub(code_point, text) if "\\u" in text.lower() else text


VOLATILE_FUNCTIONS = frozenset({"NOW", "RAND", "UUID", "STRUUID", "BNODE"})


_MAY_BE_VOLATILE = re.compile(r"now|rand|uuid|bnode|service|\\u", re.IGNORECASE)


@lru_cache(maxsize=1024)
def is_volatile(text: str) -> bool:
    """True when the same query on the same data may answer differently: it calls NOW, RAND,
    UUID, STRUUID or BNODE(…) (the function, not the [] syntax), or a SERVICE endpoint.

    A text that holds none of those words (nor a \\u escape that could spell one) is not
    tokenised at all: nearly every query, for the price of one regular-expression scan."""
    if not _MAY_BE_VOLATILE.search(text):
        return False
    stream = tokens(expand_escapes(text))
    for token in stream:
        word = token.keyword
        if word == "SERVICE":
            return True
        if word in VOLATILE_FUNCTIONS:
            following = next(stream, None)
            if following is not None and following.text == "(":
                return True
    return False


def service_endpoints(text: str, base_iri: str | None = None) -> list[str]:
    """Every SERVICE endpoint in a query: IRIs, or '?var' for endpoints bound at run time.

    Read with the tokenizer (after expanding escapes), so SERVICE in a comment, a string or a
    name is no call: the keyword, an optional SILENT, then an IRI (relative ones resolved
    against BASE or `base_iri`), a prefixed name (expanded with the query's PREFIXes) or a
    variable. Any other text after SERVICE is no valid query; it is reported as it is.
    """
    from urllib.parse import urljoin

    prefixes: dict[str, str] = {}
    base = base_iri or ""
    found: list[str] = []
    stream = tokens(expand_escapes(text))
    for token in stream:
        word = token.keyword
        if word == "BASE":
            iri = next(stream, None)
            if iri and iri.kind == "iri":
                base = urljoin(base, iri.text[1:-1])
        elif word == "PREFIX":
            name, iri = next(stream, None), next(stream, None)
            if name and iri and name.kind == "pname" and iri.kind == "iri":
                prefixes[name.text[:-1]] = urljoin(base, iri.text[1:-1])
        elif word == "SERVICE":
            target = next(stream, None)
            if target and target.keyword == "SILENT":
                target = next(stream, None)
            if target is None:
                break
            if target.kind == "iri":
                found.append(urljoin(base, target.text[1:-1]))
            elif target.kind == "var":
                found.append("?" + target.text[1:])
            elif target.kind == "pname":
                prefix, _, local = target.text.partition(":")
                local = re.sub(r"\\(.)", r"\1", local)  # PN_LOCAL_ESC
                found.append(prefixes.get(prefix, prefix + ":") + local)
            else:
                found.append(target.text)
    return found
