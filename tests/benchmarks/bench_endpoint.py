"""Benchmark (not a test): pyoxigraph vs rdflib's SPARQL engine on the same files, and HTTP.

For the bundled graph and a seeded synthetic graph of about 170k triples (`mannheim-kg
generate`), six representative queries run on pyoxigraph (as the endpoint does) and on rdflib's
engine; the results are checked to be the same, and the median latencies and their ratio are
printed. Then the same queries make the round trip through a live `mannheim-kg serve`, and the
time from starting the server to its first answer is measured. Run with `make bench`.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import rdflib

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from server.services.synthetic import write_synthetic  # noqa: E402
from server.store.files import discover  # noqa: E402

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
    "join": """SELECT ?person ?name ?unit ?unitLabel
WHERE { ?person a person:Person ; org:memberOf ?unit ; rdfs:label ?name .
        ?unit rdfs:label ?unitLabel }""",
    "filter": """SELECT ?thing ?label
WHERE { ?thing rdfs:label ?label .
        FILTER(LANG(?label) = "de" && CONTAINS(LCASE(STR(?label)), "cluster")) }""",
    "optional": """SELECT ?thing ?label ?place
WHERE { ?thing a ?type ; rdfs:label ?label .
        FILTER(?type IN (org:FormalOrganization, org:OrganizationalUnit))
        OPTIONAL { ?thing schema:containedInPlace ?p . ?p rdfs:label ?place } }""",
    "describe": "DESCRIBE ?cluster WHERE { ?cluster a mkg:Cluster }",
    "count": "SELECT ?class (COUNT(?thing) AS ?n) WHERE { ?thing a ?class } GROUP BY ?class",
}
RDFLIB_FORMATS = {".ttl": "turtle", ".nt": "nt", ".rdf": "xml", ".owl": "xml", ".jsonld": "json-ld"}


def median_seconds(run, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def load_oxigraph(paths: list[Path]) -> ox.Store:
    store = ox.Store()
    for source in discover(paths):
        store.bulk_load(path=source.path, format=source.format, to_graph=ox.NamedNode(source.graph))
    return store


def load_rdflib(paths: list[Path]) -> rdflib.Graph:
    """One rdflib graph of every file: the union default graph the endpoint queries."""
    graph = rdflib.Graph()
    for source in discover(paths):
        graph.parse(source.path, format=RDFLIB_FORMATS[source.path.suffix], publicID=source.graph)
    return graph


def _text(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode | rdflib.BNode):
        return "_:"
    return term.value if isinstance(term, ox.NamedNode | ox.Literal) else str(term)


def ox_answer(store: ox.Store, query: str):
    result = store.query(PREFIXES + query, use_default_graph_as_union=True)
    if isinstance(result, ox.QueryTriples):
        return sorted({(_text(t.subject), _text(t.predicate), _text(t.object)) for t in result})
    names = [v.value for v in result.variables]
    return sorted(tuple(_text(row[n]) for n in names) for row in result)


def rdflib_answer(graph: rdflib.Graph, query: str):
    result = graph.query(PREFIXES + query)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return sorted({tuple(_text(t) for t in triple) for triple in result})
    return sorted(tuple(_text(v) for v in row) for row in result)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(args: list[str]) -> tuple[subprocess.Popen, str, float]:
    """Start `mannheim-kg serve`; return it, its endpoint, and seconds to the first answer."""
    port = free_port()
    command = [str(Path(sys.executable).with_name("mannheim-kg")), "serve", "--port", str(port)]
    started = time.perf_counter()
    process = subprocess.Popen(command + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}/sparql"
    probe = endpoint + "?query=" + quote("ASK { ?s ?p ?o }")
    while True:
        try:
            with urllib.request.urlopen(probe, timeout=5) as response:
                response.read()
                return process, endpoint, time.perf_counter() - started
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None or time.perf_counter() - started > 120:
                process.kill()
                raise SystemExit(f"server did not start: {' '.join(command + args)}") from None
            time.sleep(0.02)


def http_seconds(endpoint: str, query: str, repeats: int) -> float:
    url = endpoint + "?query=" + quote(PREFIXES + query)

    def run():
        with urllib.request.urlopen(url, timeout=120) as response:
            response.read()

    run()  # warm-up
    return median_seconds(run, repeats)


def bench(label: str, paths: list[Path], serve_args: list[str], repeats: int) -> None:
    started = time.perf_counter()
    store = load_oxigraph(paths)
    ox_load = time.perf_counter() - started
    started = time.perf_counter()
    graph = load_rdflib(paths)
    rdflib_load = time.perf_counter() - started
    print(f"\n## {label}: {len(store)} triples")
    print(f"load: pyoxigraph {ox_load:.2f} s, rdflib {rdflib_load:.2f} s")
    process, endpoint, startup = start_server(serve_args)
    try:
        print(f"server start to first answer: {startup:.2f} s")
        header = "query", "rows", "same", "pyoxigraph ms", "rdflib ms", "rdflib/oxigraph", "HTTP ms"
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for name, query in QUERIES.items():
            expected = ox_answer(store, query)
            ox_ms = 1000 * median_seconds(lambda q=query: ox_answer(store, q), repeats)
            # rdflib can take seconds per query at this size: its first run (the one checked
            # against pyoxigraph) counts as a sample, more runs only within about 10 s.
            samples = []
            started = time.perf_counter()
            got = rdflib_answer(graph, query)
            samples.append(time.perf_counter() - started)
            while len(samples) < repeats and sum(samples) + samples[0] < 10:
                started = time.perf_counter()
                rdflib_answer(graph, query)
                samples.append(time.perf_counter() - started)
            rdflib_ms = 1000 * statistics.median(samples)
            same = "yes" if got == expected else f"NO ({len(got)} rows)"
            http_ms = 1000 * http_seconds(endpoint, query, repeats)
            row = (
                name,
                str(len(expected)),
                same,
                f"{ox_ms:.2f}",
                f"{rdflib_ms:.1f}",
                f"{rdflib_ms / ox_ms:.0f}×",
                f"{http_ms:.2f}",
            )
            print("| " + " | ".join(row) + " |", flush=True)
    finally:
        process.terminate()
        process.wait(20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=170_000, help="synthetic graph size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=7, help="runs per median")
    args = parser.parse_args()
    bundled = [ROOT / "ontology", ROOT / "data"]
    # --no-validate: validation is not what is measured here (`make validate` runs it).
    bench("bundled graph", bundled, ["--no-validate"], args.repeats)
    with tempfile.TemporaryDirectory() as folder:
        synthetic = Path(folder) / "synthetic.ttl"
        written = write_synthetic(synthetic, args.triples, args.seed)
        print(f"\n(synthetic graph: {written} triples, seed {args.seed})")
        bench(
            f"synthetic graph (seed {args.seed})",
            [synthetic],
            ["--data", str(synthetic)],
            args.repeats,
        )
    print(
        "\n"
        + json.dumps(
            {
                "python": sys.version.split()[0],
                "pyoxigraph": ox.__version__,
                "rdflib": rdflib.__version__,
            }
        )
    )


if __name__ == "__main__":
    main()
