"""Benchmark (not a test): our endpoint on its three store backends against its peers, over HTTP.

For each size (the bundled graph, and seeded synthetic cluster landscapes from `mannheim-kg
generate --orgs`), the same files are served by

- ours on memory (`serve --data …`), on disk (`serve --store DIR`) and on the remote backend
  (`serve --store VIRTUOSO_URL`, the data put there with `mannheim-kg load`);
- rdflib-endpoint (`rdflib-endpoint serve FILES`, the `bench` extra) and Virtuoso queried
  directly (with the same explicit dataset our remote backend sends);

and the same queries are sent to all of them in one interleaved run (round after round, each
query to each configuration in turn), so that the machine's load affects all alike. Printed:
the median latency per query and configuration, whether the answers agree (row counts), the
ratios ours/peer, and per configuration the load time (start to first answer; for the remote
backend the load into Virtuoso too), the validation time per size, and the memory of the
server's processes after the run (PSS: per query worker, and in all). Everything runs on
127.0.0.1 and stops by itself. Run with `make bench` (BENCH_ARGS="--sizes kg,170k,1m" for the
million).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from server.store.files import discover  # noqa: E402
from server.store.remote import graphs_of  # noqa: E402

BIN = Path(sys.executable).parent
VIRTUOSO = ROOT / ".ci" / "virtuoso.sh"
PREFIXES = """PREFIX mkg: <https://w3id.org/mannheim-kg/def/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX person: <http://www.w3.org/ns/person#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
"""
QUERIES = {
    "grouping": """SELECT ?cluster (COUNT(DISTINCT ?thing) AS ?things)
WHERE { ?thing mkg:relatedCluster ?cluster . ?cluster a mkg:Cluster }
GROUP BY ?cluster ORDER BY DESC(?things) ?cluster""",
    "members": """SELECT ?cluster (COUNT(DISTINCT ?company) AS ?companies)
WHERE { ?m a org:Membership ; org:organization ?cluster ; org:member ?company }
GROUP BY ?cluster ORDER BY ?cluster""",
    "lookup": """SELECT ?person ?name ?company ?companyName
WHERE { ?person a person:Person ; org:memberOf ?company ; rdfs:label ?name .
        ?company rdfs:label ?companyName . FILTER(LANG(?name) = "de") }
ORDER BY ?person LIMIT 50""",
    "filter": """SELECT ?thing ?label
WHERE { ?thing rdfs:label ?label .
        FILTER(LANG(?label) = "de" && CONTAINS(LCASE(STR(?label)), "cluster")) }""",
    "optional": """SELECT ?company ?label ?site
WHERE { ?company a org:FormalOrganization ; rdfs:label ?label . FILTER(LANG(?label) = "en")
        OPTIONAL { ?s org:siteOf ?company ; rdfs:label ?site . FILTER(LANG(?site) = "en") } }
ORDER BY ?company LIMIT 200""",
    "describe": "DESCRIBE ?cluster WHERE { ?cluster a mkg:Cluster }",
    "count": "SELECT ?class (COUNT(?thing) AS ?n) WHERE { ?thing a ?class } GROUP BY ?class",
}
SIZES = {"kg": 0, "170k": 2_700, "1m": 16_100}
"""Synthetic companies per size (about 62 triples each, plus the bundled graph: 170,026 and
about 1,000,000 triples)."""
OURS = ("memory", "disk", "remote")
PEERS = ("pyoxigraph", "rdflib-endpoint", "virtuoso")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Endpoint:
    name: str
    url: str
    process: subprocess.Popen | None = None
    load_seconds: float = 0.0
    graphs: list[str] = field(default_factory=list)
    """Sent as default-graph-uri (Virtuoso direct: the dataset our remote backend sends)."""
    timings: dict[str, list[float]] = field(default_factory=dict)
    rows: dict[str, int | str] = field(default_factory=dict)
    peak: dict[str, float] = field(default_factory=dict)

    connection: http.client.HTTPConnection | None = None
    """Kept alive between queries (as a browser or YASGUI does): the connect is not timed."""

    def ask(self, query: str, timeout: float) -> tuple[float, int | str]:
        form = [("query", PREFIXES + query)] + [("default-graph-uri", g) for g in self.graphs]
        data = urlencode(form).encode()
        graph = query.lstrip().upper().startswith("DESCRIBE")
        accept = "application/n-triples" if graph else "application/sparql-results+json"
        headers = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}
        url = urlsplit(self.url)
        started = time.perf_counter()
        for attempt in range(2):  # a kept-alive connection the server closed: one new try
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    url.hostname, url.port, timeout=timeout
                )
                started = time.perf_counter()
            try:
                self.connection.request("POST", url.path or "/", body=data, headers=headers)
                response = self.connection.getresponse()
                body = response.read()
                break
            except (http.client.HTTPException, OSError) as exc:
                self.connection.close()
                self.connection = None
                if attempt or isinstance(exc, TimeoutError):
                    return time.perf_counter() - started, f"error: {exc}"[:60]
        seconds = time.perf_counter() - started
        if response.status != 200:
            return seconds, f"error: HTTP {response.status} {body[:40]!r}"
        return seconds, count_rows(body, graph)

    def stop(self) -> None:
        if self.connection is not None:
            self.connection.close()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def count_rows(body: bytes, graph: bool) -> int:
    """Triples of an N-Triples answer, rows of a SPARQL JSON one (1/0 for ASK)."""
    if graph:
        return sum(1 for line in body.splitlines() if line.strip())
    document = json.loads(body)
    if "boolean" in document:
        return int(document["boolean"])
    return len(document["results"]["bindings"])


class Embedded(Endpoint):
    """pyoxigraph alone in this process, on the same files: the engine of our memory backend
    without the server around it (query + serialisation, union default graph). What the
    server adds is the difference (issue 13's target: within 10 % + 1 ms)."""

    def __init__(self, data: list[Path]) -> None:
        from server.store.oxigraph import OxigraphStore

        super().__init__("pyoxigraph", "(in-process)")
        started = time.perf_counter()
        self.store = OxigraphStore.from_paths(data).oxigraph
        self.load_seconds = time.perf_counter() - started

    def ask(self, query: str, timeout: float) -> tuple[float, int | str]:
        import pyoxigraph as ox

        graph = query.lstrip().upper().startswith("DESCRIBE")
        started = time.perf_counter()
        try:
            result = self.store.query(PREFIXES + query, use_default_graph_as_union=True)
            form = ox.RdfFormat.N_TRIPLES if graph else ox.QueryResultsFormat.JSON
            body = result.serialize(format=form)
        except (SyntaxError, OSError, RuntimeError, ValueError) as exc:
            return time.perf_counter() - started, f"error: {exc}"[:60]
        return time.perf_counter() - started, count_rows(body, graph)


def wait_for(endpoint: Endpoint, started: float, limit: float = 1800) -> None:
    while True:
        _, rows = endpoint.ask("ASK { ?s ?p ?o }", timeout=5)
        if not isinstance(rows, str):
            endpoint.load_seconds += time.perf_counter() - started
            return
        if endpoint.process is not None and endpoint.process.poll() is not None:
            raise SystemExit(f"{endpoint.name} exited while starting")
        if time.perf_counter() - started > limit:
            raise SystemExit(f"{endpoint.name} did not start within {limit:g} s")
        time.sleep(0.2)


def serve_ours(name: str, data: list[Path], store: list[str], timeout: float) -> Endpoint:
    port = free_port()
    args = [str(BIN / "mannheim-kg"), "serve", "--port", str(port), "--no-validate"]
    args += ["--timeout", str(timeout)]
    for path in data:
        args += ["--data", str(path)]
    started = time.perf_counter()
    # Our result cache off: every round sends the same queries, which it would answer from
    # memory after the first (the peers have no such cache; load.md measures it apart).
    environ = {**os.environ, "MANNHEIM_KG_CACHE_BYTES": "0"}
    process = subprocess.Popen(
        args + store, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environ
    )
    endpoint = Endpoint(name, f"http://127.0.0.1:{port}/sparql", process)
    try:
        wait_for(endpoint, started)
    except BaseException:
        endpoint.stop()
        raise
    return endpoint


def serve_rdflib(data: list[Path]) -> Endpoint:
    port = free_port()
    files = [str(s.path) for s in discover(data)]
    command = [str(BIN / "rdflib-endpoint"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    started = time.perf_counter()
    process = subprocess.Popen(
        command + files, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    endpoint = Endpoint("rdflib-endpoint", f"http://127.0.0.1:{port}/", process)
    try:
        wait_for(endpoint, started)
    except BaseException:
        endpoint.stop()
        raise
    return endpoint


def process_tree_rss(process: subprocess.Popen | None, pid: int | None = None) -> dict[str, float]:
    """Memory in MiB of a server and its children: all of them, and the largest query worker.

    PSS (proportional set size: a page shared by n processes counts 1/n in each), so that the
    dataset the gunicorn master and its forked worker share is counted once; RSS where the
    system gives no PSS."""
    import psutil

    def size(member) -> float:
        try:
            return member.memory_full_info().pss / 2**20
        except (psutil.Error, AttributeError):
            return member.memory_info().rss / 2**20

    try:
        root = psutil.Process(pid or process.pid)
        members = [root, *root.children(recursive=True)]
        sizes = {p.pid: size(p) for p in members}
        workers = [
            sizes[p.pid]
            for p in members
            if p.pid in sizes and "multiprocessing" in " ".join(p.cmdline())
        ]
    except (psutil.Error, AttributeError):
        return {}
    result = {"total": sum(sizes.values())}
    if workers:
        result["worker"] = max(workers)
    return result


class Virtuoso:
    """A private Virtuoso for the run (.ci/virtuoso.sh), in a temporary folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        subprocess.run(["bash", str(VIRTUOSO), "start", str(folder)], check=True)
        self.port = int((folder / "http_port").read_text())
        self.sparql = f"http://127.0.0.1:{self.port}/sparql"
        self.pid = int((folder / "pid").read_text())

    def load(self, data: list[Path]) -> float:
        started = time.perf_counter()
        args = [str(BIN / "mannheim-kg"), "load", "--auth", "digest", "--user", "dba:dba"]
        for path in data:
            args += ["--data", str(path)]
        subprocess.run([*args, f"http://127.0.0.1:{self.port}/sparql-graph-crud-auth"], check=True)
        return time.perf_counter() - started

    def stop(self) -> None:
        subprocess.run(["bash", str(VIRTUOSO), "stop", str(self.folder)], check=False)


def validation_seconds(data: list[Path]) -> float | str:
    started = time.perf_counter()
    result = subprocess.run(
        [str(BIN / "mannheim-kg"), "validate", "--ontology", str(ROOT / "ontology")]
        + [str(path) for path in data],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    seconds = time.perf_counter() - started
    outcome = (result.stderr.strip().splitlines() or [""])[-1]
    return f"{seconds:.1f} s ({outcome[:60]})"


def bench_size(label: str, data: list[Path], args, virtuoso: Virtuoso | None) -> None:
    sources = discover(data)
    graphs = graphs_of(sources)
    print(f"\n## {label}", flush=True)
    endpoints: list[Endpoint] = []
    stores = Path(tempfile.mkdtemp(prefix="bench-store-"))
    try:
        endpoints.append(serve_ours("memory", data, [], args.timeout))
        endpoints.append(Embedded(data))
        endpoints.append(serve_ours("disk", data, ["--store", str(stores / "db")], args.timeout))
        if virtuoso is not None:
            loaded = virtuoso.load(data)
            remote = serve_ours("remote", data, ["--store", virtuoso.sparql], args.timeout)
            remote.load_seconds += loaded
            endpoints.append(remote)
            direct = Endpoint("virtuoso", virtuoso.sparql, None, loaded, graphs)
            endpoints.append(direct)
        size = sum(1 for _ in sources)
        if args.rdflib and (label == "kg" or SIZES[label] * 62 <= args.rdflib_max):
            endpoints.append(serve_rdflib(data))
        request = urllib.request.Request(
            endpoints[0].url,
            data=urlencode({"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"}).encode(),
            headers={"Accept": "application/sparql-results+json"},
        )
        with urllib.request.urlopen(request, timeout=args.timeout) as response:
            triples = json.loads(response.read())["results"]["bindings"][0]["n"]["value"]
        print(f"{size} files, {len(graphs)} graphs, {triples} triples", flush=True)
        for name, query in QUERIES.items():  # warm-up, and the answers compared
            for endpoint in endpoints:
                _, endpoint.rows[name] = endpoint.ask(query, args.timeout)
        for _ in range(args.repeats):  # interleaved rounds
            for name, query in QUERIES.items():
                for endpoint in endpoints:
                    if isinstance(endpoint.rows[name], str):
                        continue  # failed or timed out at the warm-up: not timed again
                    spent = sum(endpoint.timings.get(name, []))
                    if spent > args.budget:  # a slow peer: enough samples for a median
                        continue
                    seconds, _ = endpoint.ask(query, args.timeout)
                    endpoint.timings.setdefault(name, []).append(seconds)
        for endpoint in endpoints:
            endpoint.peak = process_tree_rss(
                endpoint.process, virtuoso.pid if endpoint.name == "virtuoso" else None
            )
        report(endpoints)
        within = overhead_line(endpoints)
        if within:
            print(within)
        print(
            "load (start to first answer; remote and virtuoso: + mannheim-kg load): "
            + ", ".join(f"{e.name} {e.load_seconds:.1f} s" for e in endpoints)
        )
        print(
            "memory (PSS MiB, all processes / largest query worker): "
            + ", ".join(
                f"{e.name} {e.peak.get('total', 0):.0f}"
                + (f" / {e.peak['worker']:.0f}" if "worker" in e.peak else "")
                for e in endpoints
                if e.peak
            )
        )
        if args.validate and (label == "kg" or SIZES[label] * 62 <= args.validate_max):
            print(f"validation (mannheim-kg validate): {validation_seconds(data)}", flush=True)
    finally:
        for endpoint in endpoints:
            endpoint.stop()
        shutil.rmtree(stores, ignore_errors=True)


def report(endpoints: list[Endpoint]) -> None:
    names = [e.name for e in endpoints]
    by_name = {e.name: e for e in endpoints}
    ratios = [("memory", peer) for peer in PEERS] + [("remote", "virtuoso"), ("disk", "memory")]
    ratios = [(o, p) for o, p in ratios if o in by_name and p in by_name]
    header = ["query", "rows", *[f"{n} ms" for n in names], *[f"{o}/{p}" for o, p in ratios]]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for query in QUERIES:
        medians = {}
        for endpoint in endpoints:
            samples = endpoint.timings.get(query)
            medians[endpoint.name] = 1000 * statistics.median(samples) if samples else None
        rows = {str(e.rows.get(query)) for e in endpoints}
        agreed = (
            rows.pop()
            if len(rows) == 1
            else "differ: " + ", ".join(f"{e.name} {e.rows.get(query)}" for e in endpoints)
        )
        cells = [query, agreed]
        cells += [f"{medians[n]:.1f}" if medians[n] is not None else "–" for n in names]
        for ours, peer in ratios:
            a, b = medians[ours], medians[peer]
            cells.append(f"{a / b:.2f}" if a is not None and b else "–")
        print("| " + " | ".join(cells) + " |", flush=True)


def overhead_line(endpoints: list[Endpoint]) -> str:
    """How many queries the memory backend answers within 10 % + 1 ms of pyoxigraph alone."""
    by_name = {e.name: e for e in endpoints}
    ours, engine = by_name.get("memory"), by_name.get("pyoxigraph")
    if ours is None or engine is None:
        return ""
    met = []
    for query in QUERIES:
        a, b = ours.timings.get(query), engine.timings.get(query)
        if a and b:
            met.append(statistics.median(a) <= 1.1 * statistics.median(b) + 0.001)
    return f"memory within 10 % + 1 ms of pyoxigraph alone: {sum(met)} of {len(met)} queries"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="kg,170k", help="comma-separated: kg, 170k, 1m")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=7, help="rounds (samples per median)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per query")
    parser.add_argument("--budget", type=float, default=20.0, help="seconds per query and peer")
    parser.add_argument("--no-virtuoso", dest="virtuoso", action="store_false")
    parser.add_argument("--no-rdflib", dest="rdflib", action="store_false")
    parser.add_argument("--rdflib-max", type=int, default=200_000, help="triples, rdflib-endpoint")
    parser.add_argument("--no-validate", dest="validate", action="store_false")
    parser.add_argument("--validate-max", type=int, default=200_000, help="triples, validation")
    args = parser.parse_args()
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = set(sizes) - set(SIZES)
    if unknown:
        parser.error(f"unknown sizes {sorted(unknown)}; known: {', '.join(SIZES)}")
    if args.virtuoso and shutil.which("virtuoso-t") is None:
        print("(virtuoso-t not installed: the remote backend and Virtuoso are left out)")
        args.virtuoso = False
    if args.rdflib and not (BIN / "rdflib-endpoint").exists():
        print("(rdflib-endpoint not installed: pip install '.[bench]'; left out)")
        args.rdflib = False
    folder = Path(tempfile.mkdtemp(prefix="bench-"))
    virtuoso = Virtuoso(folder / "virtuoso") if args.virtuoso else None
    try:
        bundled = [ROOT / "ontology", ROOT / "data"]
        for size in sizes:
            data = bundled
            if SIZES[size]:
                out = folder / size
                generate = [str(BIN / "mannheim-kg"), "generate", "--orgs", str(SIZES[size])]
                subprocess.run([*generate, "--seed", str(args.seed), str(out)], check=True)
                data = [*bundled, out]
            bench_size(size, data, args, virtuoso)
    finally:
        if virtuoso is not None:
            virtuoso.stop()
        shutil.rmtree(folder, ignore_errors=True)
    import pyoxigraph

    print(
        "\n"
        + json.dumps(
            {
                "python": sys.version.split()[0],
                "pyoxigraph": pyoxigraph.__version__,
                "cpus": os.cpu_count(),
                "load_average": os.getloadavg(),
            }
        )
    )


if __name__ == "__main__":
    main()
