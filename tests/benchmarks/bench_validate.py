"""Benchmark (not a test): how long `mannheim-kg validate` takes on the bundled KG, and where.

Prints medians of whole processes (start to exit) for the default run and its variants, then
the phases in one process: parsing, pyshacl with and without inference and with and without
the SHACL-SPARQL constraints, the quality checks, and the source-position pass. Last, why the
SPARQL constraints cost what they cost: pyshacl hands rdflib the query text once per focus
node, so rdflib parses it every time. Run with `make bench-validate`.

`--engines [--orgs N] [--runs R]` instead compares the SHACL engines on the same files (the
bundled graph, plus a synthetic landscape of N companies): each run is a fresh process (peak
RSS), engines interleaved, medians; the findings of each compared with pySHACL's.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import pyshacl  # noqa: E402
from owlrl import DeductiveClosure, RDFS_Semantics  # noqa: E402
from rdflib import Graph  # noqa: E402
from rdflib.namespace import RDF, SH  # noqa: E402
from rdflib.plugins.sparql import prepareQuery  # noqa: E402

from server.config import load_settings  # noqa: E402
from server.store.files import discover, parse_all  # noqa: E402
from server.validate.checks import check_dataset, default_checks_folder, load_checks, run_checks  # noqa: E402
from server.validate.engine import to_graph, validate  # noqa: E402
from server.validate.positions import file_positions  # noqa: E402
from server.validate.vocabularies import default_vocab_folder, term_index  # noqa: E402

BIN = Path(sys.executable).parent / "mannheim-kg"


def median_of(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def process(*args: str) -> None:
    subprocess.run([str(BIN), *args], stdout=subprocess.DEVNULL, check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--engines", action="store_true", help="compare the SHACL engines")
    parser.add_argument("--orgs", type=int, default=0, help="--engines: synthetic companies")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)  # ENGINE FOLDER: one run
    options = parser.parse_args()
    if options.one:
        return one_engine(*options.one)
    if options.engines:
        return compare_engines(options.runs, options.orgs)
    runs = options.runs

    print(f"whole process, median of {runs} (start to exit):")
    baseline = median_of(lambda: process("--help"), runs)
    print(f"  mannheim-kg --help                        {baseline:6.3f} s")
    default = median_of(lambda: process("validate"), runs)
    print(f"  mannheim-kg validate                      {default:6.3f} s   (target < 2 s)")
    for variant in (["--no-checks"], ["--inference", "none"], ["--format", "sarif"]):
        seconds = median_of(lambda v=variant: process("validate", *v), runs)
        print(f"  mannheim-kg validate {' '.join(variant):<20} {seconds:6.3f} s")

    settings = load_settings(environ={})
    files = parse_all(discover(settings.sources))
    shape_files = parse_all(discover(settings.shapes))
    data, shapes = to_graph(files), to_graph(shape_files)
    without_sparql = Graph()
    for triple in shapes:
        if triple[1] != SH.sparql:
            without_sparql.add(triple)
    constraints = list(shapes.triples((None, SH.sparql, None)))

    print(f"\nphases in one process, median of {runs}:")
    phases = {
        "parse files (pyoxigraph) + rdflib graphs": lambda: to_graph(
            parse_all(discover(settings.sources))
        ),
        "pyshacl, rdfs inference": lambda: pyshacl.validate(
            data, shacl_graph=shapes, inference="rdfs", allow_warnings=True
        ),
        "pyshacl, rdfs, without sh:sparql": lambda: pyshacl.validate(
            data, shacl_graph=without_sparql, inference="rdfs", allow_warnings=True
        ),
        "pyshacl, no inference": lambda: pyshacl.validate(
            data, shacl_graph=shapes, inference="none", allow_warnings=True
        ),
        "pyshacl, no inference, without sh:sparql": lambda: pyshacl.validate(
            data, shacl_graph=without_sparql, inference="none", allow_warnings=True
        ),
    }
    measured = {label: median_of(f, runs) for label, f in phases.items()}
    checks = load_checks(default_checks_folder())
    vocabulary = term_index(default_vocab_folder())
    measured["vocabulary term index (cached)"] = median_of(
        lambda: term_index(default_vocab_folder()), runs
    )
    measured[f"{len(checks)} quality checks (dataset + queries)"] = median_of(
        lambda: run_checks(
            checks,
            check_dataset(
                (q for f in files for q in f.quads),
                (q for f in shape_files for q in f.quads),
                vocabulary,
            ),
        ),
        runs,
    )
    measured["source positions of every file"] = median_of(
        lambda: [file_positions(f) for f in files + shape_files], runs
    )
    measured["validate() end to end, in process"] = median_of(
        lambda: validate(
            settings.sources,
            settings.shapes,
            settings.ontology,
            checks=checks,
            vocabulary=vocabulary,
        ),
        runs,
    )
    for label, seconds in measured.items():
        print(f"  {label:<44} {seconds:6.3f} s")
    sparql_cost = (
        measured["pyshacl, no inference"] - measured["pyshacl, no inference, without sh:sparql"]
    )
    share = sparql_cost / measured["pyshacl, no inference"]
    print(
        f"  → {len(constraints)} SHACL-SPARQL constraints cost {sparql_cost:.3f} s "
        f"({share:.0%} of pyshacl without inference)"
    )

    print("\nwhy: each SPARQL constraint is parsed by rdflib once per focus node")
    expanded = Graph()
    for triple in data:
        expanded.add(triple)
    DeductiveClosure(RDFS_Semantics).expand(expanded)  # what pyshacl's inference="rdfs" does
    print(f"  (RDFS inference grows the data graph from {len(data)} to {len(expanded)} triples)")
    namespaces = {**dict(data.namespaces()), **dict(shapes.namespaces())}
    prefixes = "".join(f"PREFIX {p}: <{n}>\n" for p, n in namespaces.items())
    for shape, _, constraint in constraints:
        query = prefixes + str(shapes.value(constraint, SH.select))
        parse = median_of(lambda q=query: prepareQuery(q), runs)
        prepared = prepareQuery(query)
        focus = focus_nodes(shapes, shape, expanded)
        evaluate = median_of(
            lambda p=prepared, nodes=tuple(focus): [
                list(expanded.query(p, initBindings={"this": n})) for n in nodes
            ],
            runs,
        )
        name = shapes.namespace_manager.normalizeUri(shape)
        print(
            f"  {name:<28} {len(focus):3d} focus nodes × parse {parse * 1000:5.1f} ms = "
            f"{len(focus) * parse:5.3f} s; all of them evaluated, parsed once: {evaluate:5.3f} s"
        )


ENGINE_NAMES = ("pyshacl", "pyshacl-turbo", "pyrudof")


def compare_engines(runs: int, orgs: int) -> None:
    """Interleaved fresh processes per engine: medians of the SHACL phase, peak RSS, findings."""
    import json
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="bench-engines-"))
    if orgs:
        subprocess.run([str(BIN), "generate", "--orgs", str(orgs), str(folder)], check=True)
    seconds: dict[str, list[float]] = {name: [] for name in ENGINE_NAMES}
    outcome: dict[str, dict] = {}
    for _ in range(runs):
        for name in ENGINE_NAMES:
            done = subprocess.run(
                [sys.executable, __file__, "--one", name, str(folder)],
                capture_output=True,
                text=True,
                check=True,
            )
            outcome[name] = json.loads(done.stdout)
            seconds[name].append(outcome[name]["seconds"])
    reference = set(map(tuple, outcome["pyshacl"]["findings"]))
    print(f"{outcome['pyshacl']['triples']} triples, median of {runs} interleaved fresh processes:")
    print(f"  {'engine':<14} {'SHACL s':>8} {'peak RSS MiB':>13} {'results':>8}  same as pyshacl")
    for name in ENGINE_NAMES:
        found = set(map(tuple, outcome[name]["findings"]))
        same = "yes" if found == reference else f"no ({len(found ^ reference)} differ)"
        print(
            f"  {name:<14} {statistics.median(seconds[name]):8.2f} "
            f"{outcome[name]['rss']:13.0f} {len(found):8d}  {same}"
        )


def one_engine(name: str, extra: str) -> None:
    """One engine on the bundled graph plus `extra` (JSON on stdout): the SHACL phase's time,
    the process's peak RSS, and the findings as (focus, component, path, value, severity)."""
    import json
    import resource

    import pyoxigraph as ox

    settings = load_settings(environ={})
    paths = [*settings.sources, *([Path(extra)] if any(Path(extra).iterdir()) else [])]
    files = parse_all(discover(paths))
    shape_files = parse_all(discover(settings.shapes))
    shapes = to_graph(shape_files)
    store = ox.Store()
    store.extend(ox.Quad(q.subject, q.predicate, q.object) for f in files for q in f.quads)
    start = time.perf_counter()
    if name == "pyrudof":  # no RDFS inference: it sees the data and the ontology as they are
        import pyrudof

        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        rudof.read_data(
            store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode()
        )
        rudof.read_shacl(shapes.serialize(format="turtle"))
        report = rudof.validate_shacl()
        seconds = time.perf_counter() - start
        findings = sorted({(str(v),) for v in report})
    else:
        module = pyshacl if name == "pyshacl" else __import__("pyshacl_turbo")
        data = to_graph(files) if name == "pyshacl" else store
        _, graph, _ = module.validate(
            data, shacl_graph=shapes, inference="rdfs", allow_warnings=True, allow_infos=True
        )
        seconds = time.perf_counter() - start
        keys = (
            SH.focusNode,
            SH.sourceConstraintComponent,
            SH.resultPath,
            SH.value,
            SH.resultSeverity,
        )
        findings = sorted(
            {
                tuple(str(graph.value(r, k)) for k in keys)
                for r in graph.subjects(RDF.type, SH.ValidationResult)
            }
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    triples = len(store)
    print(json.dumps({"seconds": seconds, "rss": rss, "triples": triples, "findings": findings}))


def focus_nodes(shapes: Graph, shape, data: Graph) -> set:
    """The focus nodes of a shape's targets (class, node, subjects-of, objects-of)."""
    found = set(shapes.objects(shape, SH.targetNode))
    for cls in shapes.objects(shape, SH.targetClass):
        found.update(data.subjects(RDF.type, cls))
    for predicate in shapes.objects(shape, SH.targetSubjectsOf):
        found.update(data.subjects(predicate, None))
    for predicate in shapes.objects(shape, SH.targetObjectsOf):
        found.update(data.objects(None, predicate))
    return found


if __name__ == "__main__":
    main()
