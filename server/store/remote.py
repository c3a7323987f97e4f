"""Any SPARQL 1.1 endpoint as the store: queries over the Protocol, loading over the Graph Store
Protocol, with authentication, time limits and one pooled HTTP session.

Answers come back as the same pyoxigraph result objects the embedded store gives, so the
server and the CLI serialise them the same way whichever store answered. What an engine does
differently from the standard is normalised here, or refused with a clear error — never
passed on as a silently wrong or truncated answer:

- the dataset: every query is sent with an explicit dataset (default-graph-uri and
  named-graph-uri), our graphs only, so the engine's own rules (Virtuoso: the default graph is
  every graph it holds, system graphs included) never apply and graphs left out of a view
  never leave the engine. FROM / FROM NAMED clauses are read here and turned into that
  dataset (Virtuoso would merge them with the protocol's graphs, which the standard forbids);
- queries are parsed here first (pyoxigraph), so a malformed query gets the same 400 on
  every backend, and a call of a non-standard function (Virtuoso's bif:/sql: procedures) is
  refused as on the embedded store;
- partial answers: Virtuoso's "anytime" results (status 206, or 200 with X-SQL-State S1TAT)
  and answers cut at the engine's row cap (ResultSetMaxRows) are errors;
- the engine down: BackendUnavailable (503); slower than the time limit: BackendTimeout (504).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin

import pyoxigraph as ox
import requests
from requests.adapters import HTTPAdapter

from server.errors import (
    BackendIncomplete,
    BackendTimeout,
    BackendUnavailable,
    EndpointError,
    InputError,
    QuerySyntaxError,
    UnsupportedFunction,
)
from server.rdf.namespace import BASE
from server.rdf.sparql_text import query_head, tokens, without_comments

GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")
EMPTY_GRAPH = "urn:x-mannheim-kg:empty-graph"
"""Named in a dataset that must be empty: the protocol has no way to say 'no graphs'."""
DEFAULT_ROW_CAP = 1_048_576
"""Virtuoso's hard cap on the rows of one answer over HTTP (its ResultSetMaxRows maximum)."""
HEALTH_TIMEOUT = 2.0
"""Seconds /healthz waits for the engine."""
AUTH_KINDS = ("basic", "digest", "bearer")

#: Content types of graph answers, and the parser for each.
GRAPH_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.5"

_SYNTAX = ox.Store()
"""An empty store: pyoxigraph parses a query before it evaluates it (lazily), so asking this
store is the syntax check, and costs no evaluation."""


def is_url(value: object) -> bool:
    """Whether a --store value names a remote endpoint (http:// or https://)."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class Credentials:
    """How to authenticate to the engine: basic, digest (Virtuoso's /sparql-auth) or bearer."""

    kind: str = ""
    user: str = ""
    password: str = ""
    token: str = ""

    def requests_auth(self):
        if not self.kind:
            return None
        if self.kind not in AUTH_KINDS:
            raise InputError(f"unknown authentication {self.kind!r}; one of {AUTH_KINDS}")
        if self.kind == "bearer":
            if not self.token:
                raise InputError("bearer authentication needs a token (remote_token)")
            return _Bearer(self.token)
        if not self.user:
            raise InputError(f"{self.kind} authentication needs a user (remote_user)")
        if self.kind == "digest":
            return requests.auth.HTTPDigestAuth(self.user, self.password)
        return requests.auth.HTTPBasicAuth(self.user, self.password)

    @classmethod
    def parse(cls, kind: str = "", user: str = "", token: str = "") -> Credentials:
        """From the CLI's --auth, --user USER[:PASSWORD] and --token."""
        name, _, password = user.partition(":")
        if not kind:
            kind = "bearer" if token else ("basic" if name else "")
        return cls(kind, name, password, token)


class _Bearer(requests.auth.AuthBase):
    def __init__(self, token: str) -> None:
        self.token = token

    def __call__(self, request):
        request.headers["Authorization"] = f"Bearer {self.token}"
        return request


def http_session(credentials: Credentials | None = None, pool_size: int = 10) -> requests.Session:
    """One pooled, kept-alive session (safe to share between the server's threads)."""
    session = requests.Session()
    adapter = HTTPAdapter(pool_connections=2, pool_maxsize=pool_size, max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.auth = (credentials or Credentials()).requests_auth()
    session.headers["User-Agent"] = "mannheim-kg"
    session.trust_env = False  # no proxy from the environment between us and our engine
    return session


class RemoteStore:
    """A SPARQL 1.1 endpoint behind the Store protocol (read-only; see the module docstring)."""

    def __init__(
        self,
        endpoint: str,
        timeout: float = 60.0,
        *,
        graphs: Sequence[str] | None = None,
        credentials: Credentials | None = None,
        row_cap: int = DEFAULT_ROW_CAP,
        version: str = "",
        pool_size: int = 10,
    ) -> None:
        self.endpoint = endpoint
        self.timeout = timeout
        self.graphs: tuple[str, ...] | None = tuple(graphs) if graphs is not None else None
        """Our graphs in the engine; None: the engine's own dataset (`query --endpoint`)."""
        self.row_cap = row_cap
        self.version = version
        self.session = http_session(credentials, pool_size)
        self.engine = ""
        """The engine's Server header, once seen (Virtuoso gets its own time-limit parameter)."""
        self.sources: list = []
        self._sizes: dict[str, int] | None = None
        self._lock = threading.Lock()
        self.last_error: str | None = None

    # -- the Store protocol ----------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        union: bool = True,
        base_iri: str | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a query on the engine, with the dataset made explicit (see the module doc)."""
        head = query_head(sparql)
        if head.form is None:
            raise QuerySyntaxError("not a SPARQL query (no SELECT, CONSTRUCT, ASK or DESCRIBE)")
        try:
            _SYNTAX.query(sparql, base_iri=base_iri) if base_iri else _SYNTAX.query(sparql)
        except SyntaxError as exc:
            raise QuerySyntaxError(str(exc)) from None
        except (RuntimeError, ValueError):
            pass  # evaluating (a constant part) on the empty store: the engine's business
        refuse_unknown_functions(sparql, base_iri)
        text, from_default, from_named = split_dataset_clauses(sparql, base_iri)
        if default_graph is None and named_graphs is None:
            if head.has_dataset_clause:
                default_graph, named_graphs = self._known(from_default), self._known(from_named)
            elif self.graphs is not None:
                default_graph = named_graphs = self.graphs
        else:  # the protocol's dataset wins over FROM (SPARQL 1.1 Protocol 2.1.4)
            default_graph = self._known(default_graph or ())
            named_graphs = self._known(named_graphs or ())
        if base_iri:
            text = f"BASE <{base_iri}>\n{text}"
        graph_form = head.form in GRAPH_FORMS
        response = self._post(text, default_graph, named_graphs, graph_form)
        return self._result(response, graph_form)

    def _known(self, graphs: Iterable[str]) -> list[str]:
        """The graphs of ours among `graphs` (no others exist for a query); never none at all."""
        chosen = [g for g in graphs if self.graphs is None or g in self.graphs]
        return chosen or [EMPTY_GRAPH]

    def __len__(self) -> int:
        return sum(self.graph_sizes().values())

    def graph_sizes(self) -> dict[str, int]:
        """Triples per graph of ours in the engine (asked once; asked again after an outage)."""
        with self._lock:
            if self._sizes is None:
                result = self.query(
                    "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
                )
                self._sizes = {row["g"].value: int(row["n"].value) for row in result}
            return self._sizes

    def health(self) -> dict:
        """Whether the engine answers now (ASK {} within HEALTH_TIMEOUT): for /healthz."""
        started = time.monotonic()
        try:
            response = self.session.post(
                self.endpoint,
                data={"query": "ASK {}"},
                headers={"Accept": RESULTS_ACCEPT},
                timeout=HEALTH_TIMEOUT,
            )
            response.raise_for_status()
        except requests.RequestException as exc:
            with self._lock:
                self._sizes = None  # counted again once the engine is back (it may be reloaded)
            reason = type(exc).__name__
            return {"status": "degraded", "backend": "remote", "reason": f"{reason}: {exc}"}
        self.engine = response.headers.get("Server", self.engine)
        return {
            "status": "ok",
            "backend": "remote",
            "engine": self.engine,
            "latency_ms": round((time.monotonic() - started) * 1000, 1),
        }

    def close(self) -> None:
        self.session.close()

    # -- HTTP ------------------------------------------------------------------------------

    def _post(
        self,
        text: str,
        default_graph: Sequence[str] | None,
        named_graphs: Sequence[str] | None,
        graph_form: bool,
    ) -> requests.Response:
        form: list[tuple[str, str]] = [("query", without_comments(text))]
        form += [("default-graph-uri", g) for g in default_graph or ()]
        form += [("named-graph-uri", g) for g in named_graphs or ()]
        if "virtuoso" in self.engine.lower():
            # Virtuoso stops its own work at the limit (an "anytime" answer, refused below)
            form.append(("timeout", str(int(self.timeout * 1000))))
        headers = {"Accept": GRAPH_ACCEPT if graph_form else RESULTS_ACCEPT}
        for attempt in (1, 2):
            try:
                response = self.session.post(
                    self.endpoint,
                    data=form,
                    headers=headers,
                    timeout=(min(5.0, self.timeout), self.timeout),
                )
                break
            except requests.Timeout:
                raise BackendTimeout(
                    f"the SPARQL engine did not answer within the time limit of "
                    f"{self.timeout:g} s; make the query more selective, or use LIMIT"
                ) from None
            except requests.ConnectionError as exc:
                if attempt == 2:  # the first may be a kept-alive connection the engine closed
                    self.last_error = str(exc)
                    raise BackendUnavailable(
                        f"{self.endpoint}: cannot reach the endpoint ({_reason(exc)}); "
                        "the SPARQL engine may be down, try again shortly"
                    ) from None
        self.engine = response.headers.get("Server", self.engine)
        if response.status_code >= 400:
            raise _engine_error(self.endpoint, response, self.timeout)
        if response.status_code == 206 or response.headers.get("X-SQL-State") == "S1TAT":
            raise BackendTimeout(
                f"the SPARQL engine stopped at the time limit of {self.timeout:g} s and "
                "offered a partial answer, which is not passed on; make the query more "
                "selective, or use LIMIT"
            )
        return response

    def _result(self, response: requests.Response, graph_form: bool):
        body = response.content
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        try:
            if graph_form:
                fmt = GRAPH_TYPES.get(content_type, ox.RdfFormat.TURTLE)
                holder = ox.Store()
                holder.bulk_load(body, format=fmt, to_graph=ox.DefaultGraph())
                self._check_cap(len(holder))
                # a QueryTriples like the embedded store's: the engine's triples, as a graph
                return holder.query("CONSTRUCT WHERE { ?s ?p ?o }")
            fmt = (
                ox.QueryResultsFormat.XML
                if content_type.endswith("xml")
                else ox.QueryResultsFormat.JSON
            )
            body = _valid_blank_nodes(body, fmt)
            if len(body) >= 2 * self.row_cap:  # fewer bytes cannot hold row_cap rows
                counted = ox.parse_query_results(body, format=fmt)
                if isinstance(counted, ox.QuerySolutions):
                    self._check_cap(sum(1 for _ in counted))
            return ox.parse_query_results(body, format=fmt)
        except (SyntaxError, ValueError) as exc:
            raise BackendIncomplete(
                f"the SPARQL engine's answer ({content_type or 'no content type'}) does not "
                f"parse: {exc}"
            ) from None

    def _check_cap(self, rows: int) -> None:
        if self.row_cap and rows >= self.row_cap:
            raise BackendIncomplete(
                f"the SPARQL engine returned {rows} rows, its cap for one answer "
                f"(ResultSetMaxRows {self.row_cap}): the answer is probably cut short, so it "
                "is not passed on; ask for fewer with LIMIT and page through with OFFSET"
            )


BOOLEAN_TYPE = "http://www.w3.org/2001/XMLSchema#boolean"
_XML_BNODE = re.compile(rb"<bnode>([^<]*)</bnode>")


def _blank_label(label: str) -> str:
    """A blank node label pyoxigraph takes, the same for the same engine label."""
    return "x" + label.encode().hex()


def _valid_blank_nodes(body: bytes, fmt: ox.QueryResultsFormat) -> bytes:
    """Virtuoso labels blank nodes in results `nodeID://b10001`, which is no blank node label
    (SPARQL results parsers reject it): relabel every one, keeping which are the same. It also
    writes booleans as `"1"^^xsd:boolean`: the canonical form is `"true"` (the same value)."""
    if b"bnode" not in body and BOOLEAN_TYPE.encode() not in body:
        return body
    if fmt == ox.QueryResultsFormat.XML:
        return _XML_BNODE.sub(
            lambda m: b"<bnode>" + _blank_label(m.group(1).decode()).encode() + b"</bnode>", body
        )
    document = json.loads(body)
    for row in document.get("results", {}).get("bindings", []):
        for term in row.values():
            if term.get("type") == "bnode":
                term["value"] = _blank_label(term["value"])
            elif term.get("datatype") == BOOLEAN_TYPE and term.get("value") in ("1", "0"):
                term["value"] = "true" if term["value"] == "1" else "false"
    return json.dumps(document).encode()


def _reason(exc: BaseException) -> str:
    text = str(exc)
    for marker in ("Connection refused", "Name or service not known", "timed out"):
        if marker in text:
            return marker.lower()
    return type(exc).__name__


def _engine_error(endpoint: str, response: requests.Response, timeout: float) -> Exception:
    """The engine's error answer as ours: a query it cannot parse 400, credentials refused or
    the engine overloaded 503, its time limit 504, anything else 502."""
    detail = _error_detail(response.content)
    said = f"{endpoint}: HTTP {response.status_code} {response.reason}: {detail}"
    if response.status_code == 400:
        return QuerySyntaxError(said)
    if response.status_code == 401:
        return BackendUnavailable(f"{said} (check remote_auth / remote_user / remote_token)")
    if response.status_code in (502, 503, 504):
        return BackendUnavailable(said)
    if "exceeds the limit" in detail or "timeout" in detail.lower():
        return BackendTimeout(
            f"the SPARQL engine gave up on the query at the time limit of {timeout:g} s "
            f"({detail}); make it more selective, or use LIMIT"
        )
    return BackendIncomplete(said)


def _error_detail(body: bytes) -> str:
    """The message of an error answer: a JSON error's `message`, else the text, shortened."""
    text = body.decode("utf-8", errors="replace").strip()
    try:
        message = json.loads(text)["error"]["message"]
    except (ValueError, KeyError, TypeError):
        message = text.split("\n\nSPARQL query:", 1)[0]  # Virtuoso echoes the whole query
    return " ".join(str(message).split())[:500]


# -- reading the query text ------------------------------------------------------------------


def _prologue(sparql: str, base_iri: str | None):
    """Tokens with each IRI or prefixed name resolved: (token, iri or None)."""
    prefixes: dict[str, str] = {}
    base = base_iri or BASE
    stream = tokens(sparql)
    for token in stream:
        word = token.keyword
        if word == "BASE":
            iri = next(stream, None)
            if iri is not None and iri.kind == "iri":
                base = urljoin(base, iri.text[1:-1])
            continue
        if word == "PREFIX":
            name, iri = next(stream, None), next(stream, None)
            if name and iri and name.kind == "pname" and iri.kind == "iri":
                prefixes[name.text[:-1]] = urljoin(base, iri.text[1:-1])
            continue
        if token.kind == "iri":
            yield token, urljoin(base, token.text[1:-1])
        elif token.kind == "pname":
            prefix, _, local = token.text.partition(":")
            yield token, prefixes.get(prefix, prefix + ":") + local
        else:
            yield token, None


def split_dataset_clauses(sparql: str, base_iri: str | None = None) -> tuple[str, list, list]:
    """The query without its FROM / FROM NAMED clauses, and the graphs they named.

    A query's dataset clauses stand between its head and its WHERE group, outside any
    braces (a sub-query has none), so they are found with the tokenizer, never in strings.
    """
    default: list[str] = []
    named: list[str] = []
    cut: list[tuple[int, int]] = []
    pending = None
    for token, iri in _prologue(sparql, base_iri):
        if pending is not None:
            if token.keyword == "NAMED" and pending[1] is default:
                pending = (pending[0], named)
                continue
            if iri is not None:
                pending[1].append(iri)
                cut.append((pending[0], token.end))
            pending = None
            continue
        if token.keyword == "FROM" and token.depth == 0:
            pending = (token.start, default)
    text = sparql
    for start, end in reversed(cut):
        text = text[:start] + " " * (end - start) + text[end:]
    return text, default, named


ENGINE_PROCEDURES = ("bif:", "sql:", "http://www.openlinksw.com/")
"""IRIs by which Virtuoso calls its own SQL procedures: never passed on to an engine."""


def refuse_unknown_functions(sparql: str, base_iri: str | None = None) -> None:
    """Refuse IRIs that name an engine's own procedures (Virtuoso's bif:, sql:), as functions
    or as predicates: on the embedded store they are unknown functions, on Virtuoso they
    would run SQL."""
    for _token, iri in _prologue(sparql, base_iri):
        if iri is not None and iri.lower().startswith(ENGINE_PROCEDURES):
            raise UnsupportedFunction(
                f"the query uses <{iri}>, a procedure of the SPARQL engine, which this "
                f"endpoint does not pass on (SPARQL 1.1 built-ins and XSD casts are supported)"
            )


# -- loading ---------------------------------------------------------------------------------

LOAD_CHUNK = 200_000
"""Triples per request when a graph is loaded in parts (the first PUT, the rest POST)."""


def load_into(
    graph_store: str,
    sources: Sequence,
    *,
    credentials: Credentials | None = None,
    timeout: float = 600.0,
    progress: Callable[[int, str], None] | None = None,
) -> dict[str, int]:
    """Replace each of our graphs in the engine by its file's triples (Graph Store Protocol).

    `graph_store` is the engine's GSP URL (Virtuoso /sparql-graph-crud-auth, Fuseki
    /DATASET/data, GraphDB /repositories/ID/rdf-graphs/service). Every file is parsed here
    first (the syntax gate, with file:line:column), then sent as N-Triples in parts of
    LOAD_CHUNK triples: the first part PUT (replacing the graph), the others POST. Returns
    the triples sent per graph; `progress(triples, graph)` is called after each part.
    """
    from server.store.files import parse

    session = http_session(credentials, pool_size=2)
    sent: dict[str, int] = {}
    try:
        for source in sources:
            parsed = parse(source)
            by_graph: dict[str, list[ox.Triple]] = {}
            for quad in parsed.quads:
                if isinstance(quad.graph_name, ox.NamedNode):
                    by_graph.setdefault(quad.graph_name.value, []).append(quad.triple)
            for graph, triples in by_graph.items():
                for start in range(0, max(len(triples), 1), LOAD_CHUNK):
                    part = triples[start : start + LOAD_CHUNK]
                    body = ox.serialize(part, format=ox.RdfFormat.N_TRIPLES)
                    method = session.put if start == 0 and graph not in sent else session.post
                    _send(method, graph_store, graph, body, timeout)
                    sent[graph] = sent.get(graph, 0) + len(part)
                    if progress is not None:
                        progress(len(part), graph)
    finally:
        session.close()
    return sent


def _send(method, graph_store: str, graph: str, body: bytes, timeout: float) -> None:
    try:
        response = method(
            graph_store,
            params={"graph": graph},
            data=body,
            headers={"Content-Type": "application/n-triples"},
            timeout=(10.0, timeout),
        )
    except requests.RequestException as exc:
        raise EndpointError(f"{graph_store}: cannot load <{graph}>: {_reason(exc)}") from None
    if response.status_code >= 400:
        raise EndpointError(
            f"{graph_store}: loading <{graph}> failed: HTTP {response.status_code} "
            f"{response.reason}: {_error_detail(response.content)}"
        )


def graphs_of(sources: Sequence) -> list[str]:
    """The named graphs the files load into (files that name their own graphs are read)."""
    from server.store.files import parse

    graphs: list[str] = []
    for source in sources:
        if source.graph is not None:
            graphs.append(source.graph)
        else:
            for quad in parse(source).quads:
                if (
                    isinstance(quad.graph_name, ox.NamedNode)
                    and quad.graph_name.value not in graphs
                ):
                    graphs.append(quad.graph_name.value)
    return sorted(set(graphs))


def remote_store(settings) -> RemoteStore:
    """The configured engine (settings.remote) holding the configured files' graphs."""
    from server.store.files import discover, fingerprint

    sources = discover(settings.sources)
    store = RemoteStore(
        settings.remote,
        settings.timeout,
        graphs=graphs_of(sources),
        credentials=Credentials(
            settings.remote_auth or ("bearer" if settings.remote_token else ""),
            settings.remote_user,
            settings.remote_password,
            settings.remote_token,
        ),
        row_cap=settings.remote_row_cap,
        version=fingerprint(sources),
        pool_size=max(2, settings.threads),
    )
    store.sources = list(sources)
    return store
